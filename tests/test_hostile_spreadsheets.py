"""Hostile XLSX and ODS files (tests/data/hostile/spreadsheets, built by
family_spreadsheets.py) and control characters in rejected cells, through the command
line in a bounded child: refused with a clear message before anything is decompressed
or built in memory, nothing imported; or, for a rejected row, reported and the valid
rows imported (issue 10, failures 3 and 6)."""

from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from db.engine import open_database
from db.models import Application, ImportBatch
from desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, main
from desktop.importing import archives
from desktop.importing.readers import open_workbook
from tests.bounded import run_bounded
from tests.conftest import DATA, RESOURCES
from tests.test_import import HEADER, row

HOSTILE = DATA / "hostile" / "spreadsheets"
DEMO_CSV = RESOURCES / "demo" / "domande-demo.csv"
# The child's address space: well above a normal import (~65 MB resident), far below
# what any of these files expands to.
CEILING_MB = 600
# Measured: each refusal ~0.9 s and ~64 MB resident (the interpreter and the app).
PEAK_MB = 150
SECONDS = 30  # generous: the machine is shared


def counts(url) -> tuple[int, int]:
    database = open_database(url)
    try:
        with database.session() as session:
            return tuple(
                session.scalar(select(func.count()).select_from(model))
                for model in (Application, ImportBatch)
            )
    finally:
        database.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A database holding the demo's applications (so "unchanged" means something)."""
    path = tmp_path_factory.mktemp("seeded") / "commissione.sqlite"
    assert main(["--db", str(path), "--create", "import", str(DEMO_CSV)]) == EXIT_OK
    return path


@pytest.fixture
def db(seeded, tmp_path):
    copy = tmp_path / "commissione.sqlite"
    shutil.copy(seeded, copy)
    return copy


REFUSED = {
    # file: what the message names
    "bomba-rapporto.xlsx": "si espande 205 volte",
    "cella-enorme.xlsx": "si espande 1026 volte",
    "dimensioni-falsificate.xlsx": "danneggiato o contraffatto",
    "dimensioni-estreme.xlsx": "si estende su almeno 1.048.576 righe e 16.384 colonne",
    "righe-ripetute.ods": "si estende su almeno 1.048.576 righe e 16.384 colonne",
    "righe-ripetute-strette.ods": "oltre il limite di 5.000.000 celle",
    "cella-oltre-excel.xlsx": "foglio «domande» D2: una cella ha più di 32.767 caratteri",
    "spazi-ripetuti.ods": "foglio «domande», riga 2: una cella ha più di 32.767 caratteri",
    "stringhe-dichiarate.xlsx": "dichiara 4.000.000.000 testi diversi",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_spreadsheet_is_refused_before_it_is_expanded(name, db):
    before = counts(db)
    file = HOSTILE / name
    assert file.stat().st_size < 200_000  # a bomb by ratio, not by size
    result = run_bounded(
        ["--db", db, "import", file, "--report", db.parent / "scarti.xlsx"],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    assert result.code == EXIT_UNUSABLE, (result.code, result.err[-2000:])
    assert not result.timed_out and result.seconds < SECONDS
    assert result.peak_mb < PEAK_MB, result.peak_mb
    assert "Traceback" not in result.err and result.out == ""
    assert len(result.err) < 1000  # the message, never the file's content
    message = " ".join(result.err.split())
    assert name in message and REFUSED[name] in message, message
    assert "non è stato importato" in message or "esportare di nuovo" in message
    assert counts(db) == before
    assert not (db.parent / "scarti.xlsx").exists()


def test_the_refusal_speaks_english(db):
    result = run_bounded(
        ["--db", db, "--lang", "en", "import", HOSTILE / "righe-ripetute.ods"],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    message = " ".join(result.err.split())
    assert result.code == EXIT_UNUSABLE and "Traceback" not in message
    assert "spans at least 1,048,576 rows and 16,384 columns" in message
    assert "the file was not imported" in message and "save the applications as CSV" in message


def test_what_libreoffice_writes_still_imports(db):
    """Trailing empty rows and columns repeated to the sheet's edge are ordinary ODS."""
    before = counts(db)
    result = run_bounded(
        ["--db", db, "import", HOSTILE / "libreoffice-ordinario.ods"],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    assert result.code == EXIT_OK, result.err[-2000:]
    assert "domande nuove 1" in result.out and result.peak_mb < PEAK_MB
    assert counts(db) == (before[0] + 1, before[1] + 1)


def test_bounds_let_real_files_through(tmp_path):
    """A cell at Excel's own limit and the demo workbook pass the check; one character
    more is refused."""
    archives.check_spreadsheet(RESOURCES / "demo" / "domande-demo.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "domande"
    sheet.append(["codice_domanda", "sintesi"])
    sheet.append(["B-1", "x" * archives.MAX_CELL_CHARS])
    path = tmp_path / "al-limite.xlsx"
    book.save(path)
    table = open_workbook(path).applications
    assert table.headers == ["codice_domanda", "sintesi"]
    cells = [cells for chunk in table.chunks() for _, cells in chunk]
    assert cells == [["B-1", "x" * archives.MAX_CELL_CHARS]]
    # openpyxl cuts a text at 32,767 characters: one more is written by hand.
    over = tmp_path / "oltre.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(over, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"x" * archives.MAX_CELL_CHARS, b"x" * (archives.MAX_CELL_CHARS + 1)
                )
            target.writestr(info, data)
    with pytest.raises(archives.SpreadsheetTooLarge, match=r"32\.767"):
        open_workbook(over)


def test_rows_keep_their_numbers_and_columns_when_the_sheet_starts_further_in(tmp_path):
    """Rows stream from calamine one at a time; a sheet whose first used cell is C3
    still numbers its rows and columns as the spreadsheet shows them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"] = "codice_domanda", "titolo"
    sheet["C5"], sheet["D5"] = "B-1", "Titolo"
    path = tmp_path / "spostato.xlsx"
    book.save(path)
    table = open_workbook(path).applications
    assert table.headers == ["", "", "codice_domanda", "titolo"]
    rows = [item for chunk in table.chunks() for item in chunk]
    assert [(number, cells[2:]) for number, cells in rows] == [(5, ["B-1", "Titolo"])]
    assert table.total_rows == 2


# --- failure 3: a control character in a rejected cell ------------------------------


def _report_values(path) -> list:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [cell for line in book["scarti"].iter_rows(values_only=True) for cell in line]
    finally:
        book.close()


def test_a_control_character_in_a_rejected_csv_cell_is_reported_escaped(tmp_path, database_url):
    source = tmp_path / "controllo.csv"
    source.write_text(
        "\n".join(
            [
                HEADER,
                row(codice_domanda="T-1"),
                row(codice_domanda="T-2", data_presentazione="15/01\x01/2025"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "scarti.xlsx"
    result = run_bounded(
        ["--db", database_url, "--create", "import", source, "--report", report],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    assert result.code == EXIT_REJECTED, result.err[-2000:]
    assert "Traceback" not in result.err and "IllegalCharacter" not in result.err
    assert "domande nuove 1" in result.out and "righe scartate 1" in result.out
    assert "15/01\\x01/2025" in _report_values(report)
    assert counts(database_url)[0] == 1


def test_a_control_character_in_a_rejected_xlsx_cell_is_reported_escaped(tmp_path, db):
    before = counts(db)
    report = tmp_path / "scarti.xlsx"
    result = run_bounded(
        ["--db", db, "import", HOSTILE / "controllo-in-data.xlsx", "--report", report],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    assert result.code == EXIT_REJECTED, result.err[-2000:]
    assert "Traceback" not in result.err
    assert "domande nuove 1" in result.out and "righe scartate 1" in result.out
    assert "15/01\\x01/2025" in _report_values(report)
    assert counts(db)[0] == before[0] + 1


def test_a_utf32_file_never_breaks_the_report(tmp_path, db):
    """Whatever the reading decides about UTF-32 (refused, or rows rejected), writing
    the report never fails on the characters it holds."""
    source = tmp_path / "utf32.csv"
    source.write_text("\n".join([HEADER, row(codice_domanda="T-1")]) + "\n", encoding="utf-32")
    report = tmp_path / "scarti.xlsx"
    result = run_bounded(
        ["--db", db, "import", source, "--report", report],
        memory_mb=CEILING_MB,
        seconds=SECONDS * 2,
    )
    assert result.code in (EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE), result.err[-2000:]
    assert "Traceback" not in result.err and "IllegalCharacter" not in result.err
    if result.code == EXIT_REJECTED:
        assert report.exists() and _report_values(report)


def test_a_password_protected_part_is_refused_clearly(tmp_path, db):
    """A part flagged as encrypted: zipfile would raise a bare RuntimeError."""
    locked = tmp_path / "protetto.xlsx"
    with (
        zipfile.ZipFile(RESOURCES / "demo" / "domande-demo.xlsx") as source,
        zipfile.ZipFile(locked, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    data = bytearray(locked.read_bytes())
    # Set the "encrypted" bit (general purpose flag, bit 0) in every local and central header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 0x1
            start += 4
    locked.write_bytes(bytes(data))
    before = counts(db)
    result = run_bounded(["--db", db, "import", locked], memory_mb=600, seconds=60)
    assert result.code == EXIT_UNUSABLE, result.err
    assert "protetto da password" in result.err and "Traceback" not in result.err
    assert counts(db) == before
