"""Hostile CSV/TSV files (issue 10, items 5, 7, 9 and the smaller text ones): each is
imported through the real command line in a bounded child (tests/bounded.py), and the
test checks the exit code, the message, that no traceback and no row data beyond a
short escaped excerpt reach the terminal, the time and peak memory, and what is in
the database afterwards.

The files are in tests/data/hostile/testo (built by family_text.py); the big ones are
built here, in tmp_path."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from db.engine import open_database
from db.models import Application, ImportBatch
from desktop.importing.readers import UnusableFile
from desktop.importing.service import import_applications
from tests.bounded import run_bounded
from tests.conftest import DATA, _empty_postgres, _postgres_url
from tests.data.hostile import family_text

HOSTILE = DATA / "hostile" / "testo"
# A child importing a few thousand rows: ~100 MB resident here; the ceiling leaves
# room for the interpreter and SQLAlchemy, and a regression (a 13 MB cell echoed, a
# file read whole into objects) meets it instead of the machine's memory.
MEMORY_MB = 700
PEAK_MB = 350
SECONDS = 90  # a busy 2-core machine; each case here takes a few seconds


def imported(db) -> list[str]:
    database = open_database(db)
    try:
        with database.session() as session:
            return list(session.scalars(select(Application.code).order_by(Application.code)))
    finally:
        database.close()


def batches(db) -> int:
    database = open_database(db)
    try:
        with database.session() as session:
            return len(session.scalars(select(ImportBatch.id)).all())
    finally:
        database.close()


def own_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_import(db, path, *extra, memory_mb=MEMORY_MB, seconds=SECONDS):
    result = run_bounded(
        ["--db", db, "--create", *extra, "import", path], memory_mb=memory_mb, seconds=seconds
    )
    print(f"{path.name}: exit {result.code}, {result.seconds:.1f} s, {result.peak_mb:.0f} MB")
    assert not result.timed_out
    assert "Traceback" not in result.err + result.out
    # On Linux a child's peak starts from this process's size at fork: late in a full
    # run the figure is this process's, and the address-space ceiling is the guard.
    assert result.peak_mb < max(PEAK_MB, own_peak_mb() + 50)
    return result


def no_raw_controls(text: str) -> None:
    assert not any(c in text for c in "\x00\x07\x1b\x9b"), repr(text[:300])


@pytest.fixture
def sqlite_db(tmp_path) -> str:
    return str(tmp_path / "commissione.sqlite")


# --- 5. encodings -----------------------------------------------------------------------


def test_utf8_with_one_windows_1252_byte_is_refused_naming_line_and_byte(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "utf8-un-byte-cp1252.csv")
    assert result.code == 2
    assert "riga 17" in result.err and "0xE8" in result.err
    assert "UTF-8" in result.err
    assert "Caff\\xe8 sotto casa" in result.err  # the spot, escaped
    assert "Caffè della città" not in result.err  # never re-decoded wholesale
    assert imported(sqlite_db) == []


def test_the_stray_byte_in_english(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "utf8-un-byte-cp1252.csv", "--lang", "en")
    assert result.code == 2
    assert "line 17" in result.err and "0xE8" in result.err and "save" in result.err


def test_gb18030_text_is_refused_as_implausible(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "gb18030.csv")
    assert result.code == 2
    assert "codifica" in result.err and "UTF-8" in result.err
    assert imported(sqlite_db) == []


def test_honest_windows_1252_is_still_read(database, call_2024):
    result = import_applications(database, HOSTILE / "cp1252-onesto.csv", call_2024)
    assert (result.created, result.problems) == (20, [])
    with database.session() as session:
        titles = set(session.scalars(select(Application.title)))
    assert {"PERCHÉ» la bottega", "Caffè della città", "Libreria «Là dove»"} <= titles


def test_utf16_with_bom_is_still_read(database, call_2024, tmp_path):
    source = tmp_path / "utf16.csv"
    source.write_bytes(family_text.text(family_text.rows(5)).encode("utf-16"))
    result = import_applications(database, source, call_2024)
    assert (result.created, result.problems) == (5, [])


def test_utf8_with_bom_and_a_bad_byte_is_refused(database, call_2024, tmp_path):
    source = tmp_path / "bom.csv"
    data = family_text.text(family_text.rows(5)).encode("utf-8-sig")
    source.write_bytes(data.replace("città".encode(), b"citt\xe0", 1))
    with pytest.raises(UnusableFile) as caught:
        import_applications(database, source, call_2024)
    assert "0xE0" in caught.value.it and "riga 6, colonna 37" in caught.value.it


# --- 7. quotes and sizes ------------------------------------------------------------------


def test_an_unterminated_quote_is_refused_naming_its_line(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "virgolette-aperte.csv")
    assert result.code == 2
    assert "riga 4" in result.err and "virgolett" in result.err
    assert "QA-00012" not in result.err + result.out  # the swallowed rows are not echoed
    assert len(result.err) < 1000
    assert imported(sqlite_db) == []


def test_an_unterminated_quote_early_in_40000_rows(sqlite_db, tmp_path):
    lines = family_text.rows(40_000, "QB")
    lines[2] = family_text.row("QB-00003", '"Il giardino di via Padova')
    source = tmp_path / "quarantamila.csv"
    source.write_text(family_text.text(lines), encoding="utf-8")
    result = cli_import(sqlite_db, source)
    assert result.code == 2
    assert "riga 4" in result.err
    assert len(result.err) + len(result.out) < 1000  # not the 5 MB cell
    assert result.seconds < 30
    assert imported(sqlite_db) == []


def test_stray_quotes_far_apart_are_refused(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "virgolette-lontane.csv")
    assert result.code == 2
    assert "riga 3" in result.err and "virgolett" in result.err
    assert len(result.err) < 1000
    assert imported(sqlite_db) == []


def test_a_cell_over_the_limit_is_refused(sqlite_db, tmp_path):
    lines = family_text.rows(5, "LC")
    lines[1] = family_text.row("LC-00002", "Titolo", "parole " * 200_000)  # 1.4 M characters
    source = tmp_path / "cella.csv"
    source.write_text(family_text.text(lines), encoding="utf-8")
    result = cli_import(sqlite_db, source)
    assert result.code == 2
    assert "riga 3" in result.err and "caratteri" in result.err
    assert len(result.err) < 1000
    assert imported(sqlite_db) == []


def test_too_many_columns_are_refused(database, call_2024, tmp_path):
    source = tmp_path / "colonne.csv"
    lines = family_text.rows(3, "CO")
    lines[1] += ";x" * 20_000
    source.write_text(family_text.text(lines), encoding="utf-8")
    with pytest.raises(UnusableFile) as caught:
        import_applications(database, source, call_2024)
    assert "riga 3" in caught.value.it and "16384" in caught.value.it.replace(".", "")


def test_too_many_rows_are_refused(sqlite_db, tmp_path):
    source = tmp_path / "righe.csv"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(family_text.text(family_text.rows(3, "RR")))
        handle.write(";\n" * 1_048_580)
    result = cli_import(sqlite_db, source)
    assert result.code == 2
    assert "righe" in result.err and "1.048.576" in result.err
    assert imported(sqlite_db) == []


# --- 9. NUL and control characters --------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_nul_past_64k_rejects_its_row_only(backend, tmp_path):
    db = str(tmp_path / "c.sqlite") if backend == "sqlite" else _empty_postgres(_postgres_url())
    result = cli_import(db, HOSTILE / "nul-oltre-64k.csv")
    assert result.code == 1
    assert "riga 701" in result.out and "\\x00" in result.out
    no_raw_controls(result.out + result.err)
    # No other row's data on the terminal.
    assert "NU-00699" not in result.out + result.err and "NU-00701" not in result.out
    codes = imported(db)
    assert len(codes) == 899 and "NU-00700" not in codes


def test_control_characters_and_ansi_escapes_never_reach_the_terminal(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "controlli-ansi.csv")
    assert result.code == 1
    no_raw_controls(result.out + result.err)
    assert "\\x1b[31mROSSO" in result.out
    assert "note\\x1b[5m" in result.out  # the ignored column, escaped
    assert "riga 3" in result.out and "riga 5" in result.out
    assert imported(sqlite_db) == ["AN-00001", "AN-00003", "AN-00005", "AN-00006"]


def test_a_single_nul_in_the_first_rows_rejects_the_row_not_the_file(database, call_2024, tmp_path):
    source = tmp_path / "nul.csv"
    lines = family_text.rows(3, "NX")
    lines[0] = family_text.row("NX-00001", "Ti\x00tolo")
    source.write_text(family_text.text(lines), encoding="utf-8")
    result = import_applications(database, source, call_2024)
    assert (result.created, result.rejected_rows) == (2, 1)
    assert "\\x00" in result.problems[0].reason_it


# --- codes, odd paths -----------------------------------------------------------------------


def test_codes_are_normalised_and_the_summary_says_so(sqlite_db):
    result = cli_import(sqlite_db, HOSTILE / "codici-varianti.csv")
    assert result.code == 1  # row 6 is HX-00001 again
    assert imported(sqlite_db) == ["HX-00001", "HX-00002", "HX-00003", "HX-00004"]
    assert "Codici normalizzati 4" in result.out and "«hx-00002» → «HX-00002»" in result.out
    assert "riga 6" in result.out and "già presente alla riga 2" in result.out


def test_a_code_variant_updates_the_same_application(database, call_2024, tmp_path):
    first = tmp_path / "prima.csv"
    first.write_text(family_text.text([family_text.row("HX-00002", "Titolo")]), encoding="utf-8")
    again = tmp_path / "dopo.csv"
    again.write_text(
        family_text.text([family_text.row("hx\u201100002", "Titolo nuovo")]), encoding="utf-8"
    )
    import_applications(database, first, call_2024)
    result = import_applications(database, again, call_2024)
    assert (result.created, result.updated) == (0, 1)
    assert result.normalised_codes == [(2, "hx\u201100002", "HX-00002")]
    with database.session() as session:
        assert session.scalars(select(Application.title)).all() == ["Titolo nuovo"]


def test_a_folder_named_csv_is_called_a_folder(sqlite_db, tmp_path):
    folder = tmp_path / "domande.csv"
    folder.mkdir()
    result = cli_import(sqlite_db, folder)
    assert result.code == 2 and "è una cartella" in result.err
    assert "non trovato" not in result.err


def test_a_fifo_is_not_read(sqlite_db, tmp_path):
    fifo = tmp_path / "domande.csv"
    os.mkfifo(fifo)
    result = cli_import(sqlite_db, fifo, seconds=30)
    assert result.code == 2 and "non è un file normale" in result.err
    assert batches(sqlite_db) == 0


def test_a_huge_rejected_value_is_shown_as_an_excerpt(sqlite_db, tmp_path):
    lines = family_text.rows(3, "EX")
    lines[1] = lines[1].replace("85.000,00", "ottantamila" * 40_000)  # 440,000 characters
    source = tmp_path / "eco.csv"
    source.write_text(family_text.text(lines), encoding="utf-8")
    result = cli_import(sqlite_db, source)
    assert result.code == 1
    assert "riga 3" in result.out and "ottantamilaottantamila" in result.out
    assert len(result.out) + len(result.err) < 2000
    assert imported(sqlite_db) == ["EX-00001", "EX-00003"]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("HX-00002", "HX-00002"),
        ("hx-00002", "HX-00002"),
        ("  HX\u201100002\u00a0", "HX-00002"),
        ("HX\u201400002", "HX-00002"),
        ("\ufeffhx\u00ad-00002", "HX-00002"),
        ("T-ü", "T-ü"),  # only ASCII letters change case: other codes stay as written
        ("", ""),
    ],
)
def test_normalise_code(written, stored):
    from desktop.importing.rows import normalise_code

    assert normalise_code(written) == stored


def test_excerpt_escapes_and_cuts():
    from desktop.importing.text import excerpt

    assert excerpt("\x1b[31mrosso\x00\n\u202e") == "\\x1b[31mrosso\\x00\\n\\u202e"
    assert excerpt("x" * 1000) == "x" * 60 + "…"
