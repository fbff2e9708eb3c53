"""Spreadsheet writers: XLSX (openpyxl), CSV and ODS (our own minimal writer), for
every export.

All three pass every text cell through `desktop.exporting.cells.neutralise` (a text
that looks like a formula stays text; control characters are written escaped), and
all write the file whole or not at all (`desktop.exporting.files.replacing`).

XLSX, written row by row in openpyxl's write-only mode (a 50,000-row report streams
to disk instead of building every cell in memory)::

    with xlsx_workbook(path) as book:
        sheet = book.sheet("Graduatoria", widths=(10, 50, 16), freeze="A2")
        sheet.header(["Posizione", "Titolo", "Contributo (€)"])
        sheet.row([1, "=titolo", Decimal("50000")], formats={2: EURO_FORMAT})
        sheet.filter()

Write-only mode fixes the order: widths and frozen panes are given when the sheet is
created, rows are appended top to bottom, and the filter covers the rows written
when `filter()` is called.

CSV: semicolons and UTF-8 with a byte-order mark, which is what Italian Excel opens
as it is (`write_csv`, to a path or an open text stream such as stdout).

openpyxl is imported when a workbook is created, never at import time.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

from desktop.exporting.cells import neutralise
from desktop.exporting.files import replacing

EURO_FORMAT = '#,##0.00 "€"'
SCORE_FORMAT = "0.00"
# The ranking's funding line and any other rule under a row: Excel's dark red.
LINE_COLOUR = "C00000"

CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"


# --------------------------------------------------------------------------- CSV


def write_csv(
    target: Path | str | IO[str], header: Sequence[str] | None, rows: Iterable[Sequence]
) -> None:
    """Writes `header` (unless None) and `rows` as semicolon-separated UTF-8 with a BOM.

    `target` is a path (written whole or not at all) or an open text stream (stdout:
    the BOM is written first; give the stream newline="" so rows end in CRLF only).
    None becomes an empty cell; every other value is neutralised, then written with
    str() (format numbers the Italian way before, as the ranking does)."""
    if isinstance(target, str | Path):
        with (
            replacing(target) as temporary,
            temporary.open("w", encoding=CSV_ENCODING, newline="") as handle,
        ):
            _csv_rows(handle, header, rows)
        return
    target.write("\ufeff")
    _csv_rows(target, header, rows)


def _csv_rows(handle: IO[str], header, rows) -> None:
    writer = csv.writer(handle, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    if header is not None:
        writer.writerow([neutralise(value) for value in header])
    for row in rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])


# --------------------------------------------------------------------------- XLSX


@contextlib.contextmanager
def xlsx_workbook(path: Path | str) -> Iterator[XlsxWorkbook]:
    """A workbook saved to `path` when the block ends without an error (and not at all
    otherwise)."""
    book = XlsxWorkbook()
    with replacing(path) as temporary:
        try:
            yield book
        except BaseException:
            book.discard()
            raise
        book.save(temporary)


class XlsxWorkbook:
    """A write-only workbook: add sheets with `sheet()`, then `save()`."""

    def __init__(self):
        from openpyxl import Workbook

        self._book = Workbook(write_only=True)

    def sheet(
        self, title: str, *, widths: Sequence[float] = (), freeze: str | None = None
    ) -> XlsxSheet:
        """A new sheet; `widths` are the columns' widths from A on (Excel's character
        units), `freeze` the top-left cell of the part that scrolls ("A2" keeps the
        header row in view)."""
        from openpyxl.utils import get_column_letter

        sheet = self._book.create_sheet(title)
        for number, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        if freeze:
            sheet.freeze_panes = freeze
        return XlsxSheet(sheet)

    def save(self, path: Path | str) -> None:
        self._book.save(str(path))

    def discard(self) -> None:
        """Closes the sheets of a workbook that will not be saved. Write-only sheets
        stream to temporary files: left open, each would be finalised at garbage
        collection into a closed file (an "exception ignored" warning), and the file
        would stay until the application exits."""
        for sheet in self._book.worksheets:
            with contextlib.suppress(Exception):
                if not sheet.closed:
                    sheet.close()
            writer = getattr(sheet, "_writer", None)  # openpyxl's, holding the file
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.cleanup()


class XlsxSheet:
    """One sheet being written, top to bottom."""

    def __init__(self, sheet):
        from openpyxl.styles import Border, Font, Side

        self._sheet = sheet
        self._bold = Font(bold=True)
        self._line = Border(bottom=Side(style="medium", color=LINE_COLOUR))
        self.rows = 0
        self.columns = 0

    def header(self, values: Sequence) -> None:
        """A row in bold (a table's header, a section's title)."""
        self.row(values, bold=True)

    def blank(self) -> None:
        self.row([])

    def row(
        self,
        values: Sequence,
        *,
        formats: Mapping[int, str] | None = None,
        bold: bool | Iterable[int] = False,
        line_below: bool = False,
    ) -> None:
        """Appends one row. Texts are neutralised; numbers (int, Decimal, float) and dates
        stay numbers and dates. `formats` maps a column index (from 0) to a number
        format (EURO_FORMAT, SCORE_FORMAT); `bold` is True for the whole row or the
        indexes of the bold cells; `line_below` draws the dark-red rule under the row
        (the ranking's funding line)."""
        from openpyxl.cell import WriteOnlyCell

        formats = formats or {}
        bold_columns = range(len(values)) if bold is True else set(bold or ())
        cells = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(self._sheet, value=neutralise(value))
            if index in formats:
                cell.number_format = formats[index]
            if index in bold_columns:
                cell.font = self._bold
            if line_below:
                cell.border = self._line
            cells.append(cell)
        self._sheet.append(cells)
        self.rows += 1
        self.columns = max(self.columns, len(values))

    def filter(self) -> None:
        """An autofilter over the header (the first row) and the rows written so far."""
        from openpyxl.utils import get_column_letter

        last = get_column_letter(max(1, self.columns))
        self._sheet.auto_filter.ref = f"A1:{last}{max(1, self.rows)}"


# --------------------------------------------------------------------------- ODS

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    f'manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
# Every part gets the same time: the same data gives the same bytes.
_ODS_TIME = (1980, 1, 1, 0, 0, 0)


def write_ods(path: Path | str, sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]) -> None:
    """Writes an OpenDocument spreadsheet: `sheets` are (name, header or None, rows).

    A minimal package of our own (openpyxl cannot write ODS): the `mimetype` part
    first and stored, `META-INF/manifest.xml`, and `content.xml` with one table per
    sheet (ODF 1.2). Texts are neutralised like every cell; int, Decimal and float
    become numbers (office:value), dates dates (office:date-value); the header row is
    bold. Written whole or not at all."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value, bold: bool) -> str:
        style = ' table:style-name="bold"' if bold else ""
        value = neutralise(value)
        if value is None or value == "":
            return f"<table:table-cell{style}/>"
        if isinstance(value, bool):
            value = "sì" if value else "no"
        if isinstance(value, int | float | Decimal):
            return (
                f'<table:table-cell{style} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        if isinstance(value, dt.date):
            shown = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
            return (
                f'<table:table-cell{style} office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{shown}</text:p>'
                "</table:table-cell>"
            )
        paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
        return (
            f'<table:table-cell{style} office:value-type="string">{paragraphs}</table:table-cell>'
        )

    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<office:document-content {_ODS_NAMESPACES} office:version="1.2">',
        "<office:automatic-styles>",
        '<style:style style:name="bold" style:family="table-cell">',
        '<style:text-properties fo:font-weight="bold"/></style:style>',
        "</office:automatic-styles>",
        "<office:body><office:spreadsheet>",
    ]
    for name, header, rows in sheets:
        parts.append(f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}">')
        if header is not None:
            parts.append(
                "<table:table-row>"
                + "".join(cell(value, True) for value in header)
                + "</table:table-row>"
            )
        for row in rows:
            parts.append(
                "<table:table-row>"
                + "".join(cell(value, False) for value in row)
                + "</table:table-row>"
            )
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")

    with replacing(path) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        first = zipfile.ZipInfo("mimetype", _ODS_TIME)
        first.compress_type = zipfile.ZIP_STORED
        archive.writestr(first, ODS_MIMETYPE)
        for name, text in (
            ("META-INF/manifest.xml", _ODS_MANIFEST),
            ("content.xml", "".join(parts)),
        ):
            info = zipfile.ZipInfo(name, _ODS_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
