"""Hostile XLSX and ODS files: bombs by ratio (each file on disk is small, what it
expands to is not), forged sizes, cells and sheets past every sane bound.

Written by hand with zipfile (fixed timestamps, no randomness), so a rebuild writes
the same bytes. Every file opens as a real workbook with the canonical header, so a
reader that trusted it would go on to import its rows."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

WHEN = (2025, 1, 15, 12, 0, 0)
HEADER = (
    "codice_domanda",
    "data_presentazione",
    "titolo",
    "sintesi",
    "capofila_denominazione",
    "capofila_codice_fiscale",
    "capofila_categoria",
    "capofila_rea",
    "municipio",
    "obiettivi",
    "costo_totale",
    "durata_mesi",
)
ROW = (
    "B-1",
    "15/01/2025",
    "Titolo",
    "Sintesi",
    "Bottega Rossi S.r.l.",
    "01199250158",
    "micro impresa",
    "MI-1",
    "2",
    "1",
    "85.000,00",
    "10",
)
MIB = 1024 * 1024

# --- XLSX ----------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="domande" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_row(number: int, values, numbered: bool = True) -> str:
    cells = "".join(
        (f'<c r="{_column(i)}{number}" t="inlineStr">' if numbered else '<c t="inlineStr">')
        + f"<is><t>{value}</t></is></c>"
        for i, value in enumerate(values)
    )
    return (f'<row r="{number}">' if numbered else "<row>") + cells + "</row>"


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, WHEN)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _write_xlsx(path: Path, sheet_parts, shared_strings: str | None = None) -> Path:
    """An XLSX whose one sheet is the concatenation of `sheet_parts` (strings or
    (string, times) pairs, written in blocks so the build stays small in memory)."""
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ]
    if shared_strings is not None:
        parts[0] = (parts[0][0], CONTENT_TYPES.replace("</Types>", SHARED_TYPE + "</Types>"))
        parts[3] = (parts[3][0], WORKBOOK_RELS.replace("</Rel", SHARED_REL + "</Rel"))
        parts.append(("xl/sharedStrings.xml", shared_strings))
    with zipfile.ZipFile(path, "w", compresslevel=9) as archive:
        for name, text in parts:
            archive.writestr(_info(name), text)
        with archive.open(_info("xl/worksheets/sheet1.xml"), "w") as sheet:
            for part in sheet_parts:
                text, times = part if isinstance(part, tuple) else (part, 1)
                block = text.encode() * max(1, (1 * MIB) // max(1, len(text.encode())))
                per_block = len(block) // len(text.encode())
                written = 0
                while written + per_block <= times:
                    sheet.write(block)
                    written += per_block
                sheet.write(text.encode() * (times - written))
    return path


def _forge_sizes(path: Path, member: str, declared: int) -> None:
    """Rewrites the uncompressed size `member` declares, in its local header and in the
    central directory (and in their zip64 extras), leaving its data and CRC as they are."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at, name_length_at, extra_length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 28, 30),
        (b"PK\x01\x02", 24, 28, 30, 46),
    ):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, start + name_length_at)[0]
            extra_length = struct.unpack_from("<H", data, start + extra_length_at)[0]
            if data[start + name_at : start + name_at + length] == name:
                if struct.unpack_from("<I", data, start + size_at)[0] == 0xFFFFFFFF:
                    extra = start + name_at + length
                    end = extra + extra_length
                    while extra < end:  # the zip64 extra: uncompressed size first
                        tag, size = struct.unpack_from("<HH", data, extra)
                        if tag == 1:
                            struct.pack_into("<Q", data, extra + 4, declared)
                        extra += 4 + size
                else:
                    struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    path.write_bytes(bytes(data))


# --- ODS -----------------------------------------------------------------------------

ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="domande">'
)
ODS_END = "</table:table></office:spreadsheet></office:body></office:document-content>"


def _ods_cell(value: str, repeated: int = 1) -> str:
    repeat = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{repeat}><text:p>{value}</text:p></table:table-cell>'


def _ods_row(cells: str, repeated: int = 1) -> str:
    repeat = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{repeat}>{cells}</table:table-row>"


def _write_ods(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", compresslevel=9) as archive:
        mimetype = zipfile.ZipInfo("mimetype", WHEN)  # stored, first: the ODF rule
        archive.writestr(mimetype, "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(_info("META-INF/manifest.xml"), ODS_MANIFEST)
        archive.writestr(_info("content.xml"), ODS_START + body + ODS_END)
    return path


def _ods_header() -> str:
    return _ods_row("".join(_ods_cell(name) for name in HEADER))


# --- the files -----------------------------------------------------------------------


def _text(length: int) -> str:
    """Plain words that do not compress much (a linear congruential sequence)."""
    words = ("via", "progetto", "quartiere", "bottega", "rete", "scuola", "orto", "libri")
    out, state = [], 12345
    while sum(map(len, out)) < length:
        state = (state * 1103515245 + 12345) % 2**31
        out.append(words[state % len(words)] + str(state % 997) + " ")
    return "".join(out)[:length]


def build(folder: Path) -> list[Path]:
    folder = folder / "spreadsheets"
    folder.mkdir(parents=True, exist_ok=True)
    header = _xlsx_row(1, HEADER)
    row = _xlsx_row(0, ROW, numbered=False)
    written = [
        # 36 MiB of sheet XML at ~200:1 (real sheets compress 5-20:1): the same valid
        # row 53,000 times. The most a row of this width compresses: deflate pays ~10
        # bits for each 258 bytes repeated 700 bytes back.
        _write_xlsx(
            folder / "bomba-rapporto.xlsx",
            [SHEET_START, header, (row, 36 * MIB // len(row)), SHEET_END],
        ),
        # One cell of 150 MB of the same character.
        _write_xlsx(
            folder / "cella-enorme.xlsx",
            [
                SHEET_START,
                header,
                '<row r="2"><c r="A2" t="inlineStr"><is><t>',
                ("A", 150 * MIB),
                "</t></is></c></row>",
                SHEET_END,
            ],
        ),
        # A cell of 40,000 characters of text that does not compress: over Excel's
        # 32,767, with an ordinary ratio.
        _write_xlsx(
            folder / "cella-oltre-excel.xlsx",
            [SHEET_START, header, _xlsx_row(2, (*ROW[:3], _text(40_000), *ROW[4:])), SHEET_END],
        ),
        # Two cells, A1 and XFD1048576: a few bytes that span 17 billion cells.
        _write_xlsx(
            folder / "dimensioni-estreme.xlsx",
            [
                SHEET_START,
                header,
                _xlsx_row(2, ROW),
                '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
                SHEET_END,
            ],
        ),
    ]
    # A bad date holding a control character (XML escapes it as _x0001_): the row is
    # rejected, and the report must show the cell instead of failing to be written.
    written.append(
        _write_xlsx(
            folder / "controllo-in-data.xlsx",
            [
                SHEET_START,
                header,
                _xlsx_row(2, ROW),
                _xlsx_row(3, ("B-2", "15/01_x0001_/2025", *ROW[2:])),
                SHEET_END,
            ],
        )
    )
    # Shared strings declaring four billion entries (calamine reserves room for them).
    written.append(
        _write_xlsx(
            folder / "stringhe-dichiarate.xlsx",
            [SHEET_START, header, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_END],
            shared_strings='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'count="4000000000" uniqueCount="4000000000"><si><t>B-1</t></si></sst>',
        )
    )
    # 150 MB of one repeated character (~1000:1) declaring 40 KB: only counting while
    # decompressing finds out.
    forged = _write_xlsx(
        folder / "dimensioni-falsificate.xlsx",
        [
            SHEET_START,
            header,
            '<row r="2"><c r="A2" t="inlineStr"><is><t>',
            ("A", 150 * MIB),
            "</t></is></c></row>",
            SHEET_END,
        ],
    )
    _forge_sizes(forged, "xl/worksheets/sheet1.xml", 40_000)
    written.append(forged)
    filled = "".join(_ods_cell(value) for value in ROW)
    written += [
        # A 1 KB file: a valid row repeated over every row and column a sheet can have.
        _write_ods(
            folder / "righe-ripetute.ods",
            _ods_header() + _ods_row(_ods_cell("B-1") + _ods_cell("x", 16_383), repeated=1_048_575),
        ),
        # The same row a million times, within the column limit.
        _write_ods(
            folder / "righe-ripetute-strette.ods", _ods_header() + _ods_row(filled, 1_000_000)
        ),
        # One cell of 100 million spaces, written as <text:s text:c="100000000"/>.
        _write_ods(
            folder / "spazi-ripetuti.ods",
            _ods_header()
            + _ods_row(
                '<table:table-cell office:value-type="string"><text:p>B<text:s text:c="100000000"/>1'
                "</text:p></table:table-cell>" + "".join(_ods_cell(v) for v in ROW[1:])
            ),
        ),
        # What LibreOffice writes for an ordinary sheet: trailing empty rows and columns
        # repeated up to the sheet's edge. Must import.
        _write_ods(
            folder / "libreoffice-ordinario.ods",
            _ods_header()[: -len("</table:table-row>")]
            + '<table:table-cell table:number-columns-repeated="1012"/></table:table-row>'
            + _ods_row(filled + '<table:table-cell table:number-columns-repeated="1012"/>')
            + _ods_row('<table:table-cell table:number-columns-repeated="1024"/>', 1_048_574),
        ),
    ]
    return written
