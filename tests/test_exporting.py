"""The export building blocks (desktop/exporting): the cell rule shared by XLSX and CSV,
the writers read back, and PDFs checked with poppler (pdffonts: every font embedded,
no Helvetica; pdftotext: the Italian letters and the euro sign come out as text).

The ranking and summary documents built on these blocks are tested with the data
they print, in test_ranking_service.py; the import report in test_import.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from desktop.exporting import neutralise, pdf
from desktop.exporting.spreadsheets import EURO_FORMAT, write_csv, xlsx_workbook
from tests.conftest import ROOT

HOSTILE = ["=1+1", "+39 02 1234", "-5", "@x", "\tcmd", "a\x01b", "\x02", "Caffè «più» €"]
SAFE = ["'=1+1", "'+39 02 1234", "'-5", "'@x", "'\tcmd", "a\\x01b", "\\x02", "Caffè «più» €"]


def poppler(tool: str) -> str:
    if not shutil.which(tool):
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return tool


def pdf_fonts(path: Path) -> list[dict]:
    """pdffonts' table: one dict per font (name, emb, ...)."""
    lines = subprocess.run(
        [poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        # name type encoding emb sub uni object ID; "type" may hold a space (Type 1).
        words = line.split()
        rows.append({"name": words[0], "emb": words[-5], "sub": words[-4]})
    return rows


def assert_fonts_embedded(path: Path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, "no font in the PDF"
    for font in fonts:
        assert font["emb"] == "yes", f"{font['name']} is not embedded"
        assert "Helvetica" not in font["name"], font["name"]
    assert {f["name"].split("+")[-1] for f in fonts} <= {pdf.FONT, pdf.FONT_BOLD}


def pdf_text(path: Path) -> str:
    return subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# --------------------------------------------------------------------------- cells


def test_one_rule_for_every_cell():
    assert [neutralise(value) for value in HOSTILE] == SAFE
    # Numbers, dates and None are data already.
    for value in (-5, Decimal("-1.50"), 3.5, dt.date(2025, 1, 2), None):
        assert neutralise(value) == value
    # What XML refuses beyond the C0 controls; tab, newline and carriage return are fine.
    assert neutralise("x\ufffey\ud800") == "x\\ufffey\\ud800"
    assert neutralise("riga 1\nriga 2\r\tfine") == "riga 1\nriga 2\r\tfine"


# Formulas behind blanks a spreadsheet may trim, and control characters no cell
# carries raw (issue 10): NUL, ESC, DEL, C1 (U+009B starts a terminal sequence).
BEHIND_BLANKS = ["  =1", " \t+1", "\n=SUM(A1)", "\u00a0@x", "\u3000-1", " -5"]
CONTROLS = ["a\x00b", "\x1b[31mrosso", "x\x7fy", "\x85riga", "\x9b2J"]
CONTROLS_SAFE = ["a\\x00b", "\\x1b[31mrosso", "x\\x7fy", "\\x85riga", "\\x9b2J"]


def test_a_formula_behind_blanks_and_raw_control_characters_are_neutralised():
    assert [neutralise(value) for value in BEHIND_BLANKS] == ["'" + v for v in BEHIND_BLANKS]
    assert [neutralise(value) for value in CONTROLS] == CONTROLS_SAFE
    # Blanks before plain text, and a sign after text, are data.
    assert neutralise("  Città più verde") == "  Città più verde"
    assert neutralise("Via Padova - 5") == "Via Padova - 5"


def test_no_written_cell_carries_a_formula_or_a_control_character(tmp_path):
    from openpyxl import load_workbook

    values = BEHIND_BLANKS + CONTROLS
    csv_path, xlsx_path = tmp_path / "dati.csv", tmp_path / "dati.xlsx"
    write_csv(csv_path, ["valore"], [[value] for value in values])
    with xlsx_workbook(xlsx_path) as book:
        sheet = book.sheet("Dati")
        for value in values:
            sheet.row([value])
    written = csv_path.read_text(encoding="utf-8-sig")
    cells = [r[0] for r in csv.reader(io.StringIO(written, newline=""), delimiter=";")][1:]
    sheet = load_workbook(xlsx_path)["Dati"]
    for found in (cells, [row[0].value for row in sheet.iter_rows()]):
        for cell in found:
            assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
    raw = written.replace("\t", "").replace("\n", "").replace("\r", "")
    assert not [c for c in raw if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F]


# --------------------------------------------------------------------------- CSV


def test_csv_is_italian_excel_and_neutralised(tmp_path):
    path = tmp_path / "dati.csv"
    write_csv(path, ["valore", "numero"], [[value, 1] for value in HOSTILE] + [[None, -5]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["valore", "numero"]
    # A cell holding a tab or a newline is quoted by csv; compare the cells.
    assert [r[0] for r in rows[1:-1]] == SAFE
    assert rows[-1] == ["", "-5"]  # a number is data, never prefixed
    assert not list(tmp_path.glob("*.tmp"))


def test_csv_to_a_stream_writes_the_bom_first(tmp_path):
    with (tmp_path / "out.csv").open("w", encoding="utf-8", newline="") as handle:
        write_csv(handle, None, [["=A1", "ok"]])
    assert (tmp_path / "out.csv").read_bytes() == "\ufeff'=A1;ok\r\n".encode()


# --------------------------------------------------------------------------- XLSX


def test_xlsx_is_neutralised_and_opens_with_control_characters(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "dati.xlsx"
    with xlsx_workbook(path) as book:
        sheet = book.sheet("Dati", widths=(30, 12), freeze="A2")
        sheet.header(["valore", "importo"])
        for value in HOSTILE:
            sheet.row([value, Decimal("1234.50")], formats={1: EURO_FORMAT})
        sheet.row(["ultima", 7], line_below=True)
        sheet.filter()
    workbook = load_workbook(path)
    data = workbook["Dati"]
    assert [c.value for c in data[1]] == ["valore", "importo"]
    assert data.cell(1, 1).font.bold
    assert [data.cell(row, 1).value for row in range(2, 2 + len(HOSTILE))] == SAFE
    assert all(data.cell(row, 1).data_type == "s" for row in range(2, 2 + len(HOSTILE)))
    assert data.cell(2, 2).value == Decimal("1234.5") and "€" in data.cell(2, 2).number_format
    last = 2 + len(HOSTILE)
    assert data.cell(last, 1).border.bottom.style == "medium"
    assert data.freeze_panes == "A2" and data.auto_filter.ref == f"A1:B{last}"
    # The other reader the application uses opens it too.
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Dati").to_python()
    assert values[6][0] == "a\\x01b"


def test_a_failed_xlsx_leaves_nothing_behind(tmp_path):
    path = tmp_path / "dati.xlsx"
    path.write_bytes(b"previous")
    with pytest.raises(RuntimeError), xlsx_workbook(path) as book:
        book.sheet("Dati").row(["x"])
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"previous"
    assert not list(tmp_path.glob("*.tmp"))


# --------------------------------------------------------------------------- PDF


def test_pdf_blocks_embed_the_font_and_keep_italian_text(tmp_path):
    title = "Verbale della commissione — Città più verde"
    rows = [
        [f"Domanda {i}", "Perché è qui: l'attività «Caffè sociale» — “sì”", f"{i}.000,00 €"]
        for i in range(1, 80)
    ]
    story = [
        pdf.paragraph(title, "title"),
        pdf.paragraph("Un seme 🌱 e un carattere <tag> & co.", "body"),
        pdf.table(["Domanda", "Motivazione", "Contributo"], rows, (40, 100, 38), numeric=(2,)),
    ]
    path = pdf.write_pdf(
        tmp_path / "prova.pdf",
        story,
        title=title,
        author="Comune di Milano",
        header=("Comune di Milano", "Bando 2024"),
        footer="Prova di stampa",
    )
    assert_fonts_embedded(path)
    text = pdf_text(path)
    for expected in (title, "€", "è", "à", "«Caffè sociale»", "“sì”", "<tag> & co."):
        assert expected in text, expected
    # No glyph for the emoji in DejaVu Sans: a question mark, not an empty box.
    assert "Un seme ? e un" in text
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} di {len(pages)}" in page
        assert "Comune di Milano" in page and "Prova di stampa" in page
        assert "Contributo" in page  # the header row repeats on every page


def test_importing_the_package_imports_neither_openpyxl_nor_reportlab():
    code = (
        "import sys, desktop.exporting, desktop.exporting.pdf, desktop.exporting.ranking, "
        "desktop.exporting.spreadsheets, desktop.importing.report; "
        "print(sorted(m for m in ('openpyxl', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_the_font_and_its_licence_ship_with_the_package():
    import tomllib

    folder = ROOT / "resources" / "fonts"
    for name in (*pdf.FONT_FILES.values(), pdf.FONT_LICENCE):
        assert (folder / name).is_file(), name
    licence = (folder / pdf.FONT_LICENCE).read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["*"]
    assert "*.ttf" in patterns and "*.txt" in patterns
    # The PyInstaller spec ships resources/ whole (data_tree("resources")).
    assert 'data_tree("resources")' in (ROOT / "packaging" / "commissione.spec").read_text()
