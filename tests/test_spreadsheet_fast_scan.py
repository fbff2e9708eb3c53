"""The byte scan of a worksheet (archives._FastScan) never lets through what the exact
expat scan refuses: each case is checked both ways and must end alike."""

from __future__ import annotations

import zipfile

import pytest

from desktop.importing import archives

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
TAIL = "</sheetData></worksheet>"
LIMIT = archives.MAX_CELL_CHARS


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


CASES = {
    "at the limit": cell("A1", "x" * LIMIT),
    "one over": cell("A1", "x" * (LIMIT + 1)),
    "entities at the limit": cell("A1", "&amp;" * LIMIT),
    "entities one over": cell("A1", "&amp;" * (LIMIT + 1)),
    "rich runs over": '<c r="A1" t="inlineStr"><is>'
    + "<r><t>"
    + "x" * 20_000
    + "</t></r>" * 1
    + "<r><t>"
    + "x" * 20_000
    + "</t></r></is></c>",
    "a comment hiding a boundary": '<c r="A1" t="inlineStr"><is><t>'
    + "x" * 20_000
    + "</t><!-- <c  --><t>"
    + "x" * 20_000
    + "</t></is></c>",
    "a prefixed far cell": '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
    "a far cell": '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "wide and tall": "".join(
        f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="ZZ{n}"><v>1</v></c></row>' for n in (1, 9_000)
    ),
    "unnumbered cells": '<row r="1">' + "<c><v>1</v></c>" * 3 + "</row>",
    "ordinary rows": "".join(
        f'<row r="{n}">' + cell(f"A{n}", "testo") + cell(f"B{n}", "1") + "</row>"
        for n in range(1, 3000)
    ),
    "merged cells after the data": cell("A1", "x")
    + "</sheetData><mergeCells>"
    + '<mergeCell ref="A1:B2"/>' * 5000
    + "</mergeCells><sheetData>",
}


def outcome(path) -> str:
    try:
        archives.check_spreadsheet(path)
    except archives.SpreadsheetTooLarge as problem:
        return problem.text("it")
    return "ok"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_byte_scan_agrees_with_expat(name, tmp_path, monkeypatch):
    path = tmp_path / "foglio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", HEAD + CASES[name] + TAIL)
    fast = outcome(path)
    monkeypatch.setattr(archives, "_fast_scanner_for", lambda *_: None)
    assert fast == outcome(path)
    if name in ("at the limit", "entities at the limit", "ordinary rows"):
        assert fast == "ok"
    if name in ("one over", "entities one over", "rich runs over", "a far cell"):
        assert fast != "ok"


def test_the_byte_scan_vouches_for_an_ordinary_sheet(tmp_path):
    """The benchmark's kind of sheet is decided by the byte scan alone."""
    body = "".join(
        f'<row r="{n}">'
        + "".join(cell(f"{c}{n}", "testo &amp; altro") for c in "ABCDEFGHIJ")
        + "</row>"
        for n in range(1, 5000)
    )
    path = tmp_path / "foglio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", HEAD + body + TAIL)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        scan = archives._fast_scanner_for(path, info.filename)
        archives._stream(path, archive, info, scan.feed, scan.close)  # no _Doubt
    assert (scan.rows, scan.columns) == (4999, 26)
