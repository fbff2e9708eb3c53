"""Checking an XLSX or ODS file before python-calamine reads it.

Both formats are zip archives of XML, so a file of 200 KB can expand to gigabytes
(a sheet that compresses 1000:1, a cell of one character repeated, a forged size),
and a few bytes of XML can describe billions of cells: an ODS row repeated with
table:number-rows-repeated="1048576", a cell at XFD1048576, a <text:s text:c=…/>
of a hundred million spaces. calamine builds every sheet as one dense grid in memory
(and reads all of an ODS's sheets when it opens it), so such a file takes the
process down before a row is seen. Here, without building anything:

1. the archive's directory: each member's declared size and compression ratio;
2. each member decompressed as a stream, counting the bytes (a declared size may
   lie), and the XML parsed as a stream (expat): the extent of every sheet, the
   length of every cell and shared string, the shared strings' declared count.

Nothing is kept but counters, so the check takes a few MB whatever the file holds.

Worksheets and shared strings are first scanned as bytes, at C speed (a few searches
per MB, not a Python call per cell: expat cost ~4x calamine's own read of a 10,000-row
sheet). That scan only vouches for a part it can prove within the bounds; anything it
cannot (a long text, a wide or tall sheet, a comment, a prefix, another encoding)
sends the part to the exact expat scan, which decides and words the refusal.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from functools import partial
from pathlib import Path
from xml.parsers import expat

from desktop.domain.problems import Problem

MIB = 1024 * 1024
# A member's uncompressed size. A sheet at MAX_CELLS takes ~60 bytes of XML a cell
# (~300 MB); a portal's export of a call is a few MB.
MAX_MEMBER_BYTES = 512 * MIB
MAX_ARCHIVE_BYTES = 1024 * MIB
# Real sheets compress 5-20:1 (the demo's: 5:1); one full of identical formatted
# empty cells ~50:1. Deflate's own ceiling is ~1032:1, which only crafted data reach.
MAX_RATIO = 100
# Below this a member costs nothing to expand, whatever its ratio.
RATIO_FROM_BYTES = 1 * MIB
# Excel's own sheet limits: a file beyond them was not written by a spreadsheet.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
# The cells of a sheet's used area (calamine holds them as one grid, ~32 bytes each
# before their text): 100,000 rows (the size the import is benchmarked on) by 50
# columns (a portal's export has 20-40).
MAX_CELLS = 5_000_000
# Excel's own limit for the text of a cell.
MAX_CELL_CHARS = 32_767

CHUNK = 1024 * 1024


class SpreadsheetTooLarge(Problem):
    """An XLSX or ODS past the bounds above, or whose archive lies about its sizes:
    nothing is read, nothing imported (exit 2)."""


def check_spreadsheet(path: Path) -> None:
    """Raises SpreadsheetTooLarge when `path` (an XLSX or ODS) is beyond the module's
    bounds; returns when it may be handed to calamine. A file that is not a zip archive
    (an .xls, a damaged file) is left to calamine, which says it cannot read it."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        # calamine reads the XML parts only (not images, not a VBA project).
        members = [i for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))]
        _check_directory(path, members)
        if any(info.flag_bits & 0x1 for info in members):  # zipfile: a bare RuntimeError
            raise SpreadsheetTooLarge(
                f"{path.name}: il file è protetto da password; il file non è stato importato: "
                "salvarlo senza password (File › Informazioni › Proteggi cartella di lavoro)",
                f"{path.name}: the file is password-protected; the file was not imported: "
                "save it without a password",
            )
        names = {info.filename for info in archive.infolist()}
        ods = "content.xml" in names and not any(n.startswith("xl/") for n in names)
        sheets = {} if ods else _sheet_names(archive)
        for info in members:
            fast = None if ods else _fast_scanner_for(path, info.filename)
            if fast is not None:
                try:
                    _stream(path, archive, info, fast.feed, fast.close)
                    continue
                except _Doubt:
                    pass  # the exact scan decides
            scanner = _scanner_for(path, info.filename, ods, sheets)
            if scanner is None:
                _stream(path, archive, info)
            else:
                _stream(path, archive, info, scanner.Parse, partial(scanner.Parse, b"", True))


def _check_directory(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_ARCHIVE_BYTES:
            raise _too_large(path, info.file_size if info.file_size > MAX_MEMBER_BYTES else total)
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise SpreadsheetTooLarge(
                f"{path.name}: una parte del file si espande {ratio} volte "
                f"({_mb(info.compress_size)} → {_mb(info.file_size)}), i fogli reali al più "
                f"{MAX_RATIO}: non sembra un'esportazione del portale e non è stato importato; "
                "esportare di nuovo le domande dal portale, o salvarle come CSV",
                f"{path.name}: a part of the file expands {ratio} times "
                f"({_mb(info.compress_size)} → {_mb(info.file_size)}), real sheets at most "
                f"{MAX_RATIO}: it does not look like a portal export and was not imported; "
                "export the applications from the portal again, or save them as CSV",
            )


def _stream(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, feed=None, close=None):
    """Decompresses one member in blocks, counting its bytes against what it declares
    and handing them to `feed` (then calling `close`), when given."""
    read = 0
    try:
        for block in _blocks(path, archive, info):
            read += len(block)
            if read > info.file_size or read > MAX_MEMBER_BYTES:
                raise _forged(path)
            if feed is not None:
                feed(block)
        if read != info.file_size:
            raise _forged(path)
        if close is not None:
            close()
    except (SpreadsheetTooLarge, _Doubt):
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error):
        # zipfile stops at the declared size and then finds the CRC wrong.
        raise _forged(path) from None
    except expat.ExpatError:
        return  # malformed XML: calamine says it cannot read the file


def _blocks(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The member's bytes, CHUNK at a time. A deflated member (every XLSX and ODS
    part) is inflated here with zlib: a quarter faster than zipfile, which also
    computes the CRC (calamine checks it when it reads); the count of bytes made is
    what catches a forged size. Anything else goes through zipfile."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # encrypted
        with archive.open(info) as member:
            while block := member.read(CHUNK):
                yield block
        return
    with open(path, "rb") as file:
        file.seek(info.header_offset)
        header = file.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        file.seek(info.header_offset + 30 + name_length + extra_length)
        inflater, left = zlib.decompressobj(-zlib.MAX_WBITS), info.compress_size
        while not inflater.eof:
            pending = inflater.unconsumed_tail
            if not pending:
                pending = file.read(min(left, CHUNK))
                if not pending:
                    raise EOFError  # the compressed data ends before the stream does
                left -= len(pending)
            if block := inflater.decompress(pending, CHUNK):
                yield block


def _scanner_for(path: Path, name: str, ods: bool, sheets: dict[str, str]):
    if ods:
        return _OdsScanner(path).parser if name == "content.xml" else None
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        fallback = name.rpartition("/")[2].removesuffix(".xml")
        return _XlsxSheetScanner(path, sheets.get(name, fallback)).parser
    if name == "xl/sharedStrings.xml":
        return _SharedStringsScanner(path).parser
    return None


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """{"xl/worksheets/sheet1.xml": "domande"}: the names users see, for the messages
    (from the workbook and its relationships, small parts; {} when they are not)."""
    import xml.etree.ElementTree as ET

    try:
        parts = [archive.getinfo(n) for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")]
        if any(info.file_size > RATIO_FROM_BYTES for info in parts):
            return {}
        workbook, relationships = (ET.fromstring(archive.read(info)) for info in parts)
        targets = {
            element.get("Id"): element.get("Target", "")
            for element in relationships.iter()
            if element.tag.endswith("Relationship")
        }
        names = {}
        for element in workbook.iter():
            if element.tag.endswith("}sheet"):
                target = next(
                    (targets.get(v) for k, v in element.attrib.items() if k.endswith("}id")), None
                )
                if target:
                    member = target.lstrip("/") if target.startswith("/") else "xl/" + target
                    names[member] = element.get("name", "")
        return names
    except (KeyError, ET.ParseError, zipfile.BadZipFile, OSError, ValueError):
        return {}


def _parser(handler) -> expat.XMLParserType:
    """An expat parser reporting local names ("row", not "{uri}row" or "x:row") that
    refuses a DOCTYPE: no XLSX or ODS has one, and it is how entity bombs come."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text

    def doctype(*_):
        raise _forged(handler.path)

    parser.StartDoctypeDeclHandler = doctype
    return parser


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def _attribute(attributes: dict, local: str):
    for name, value in attributes.items():
        if _local(name) == local:
            return value
    return None


def _count(value, default: int = 1) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default


class _CellText:
    """The length of the cell being read, refused past MAX_CELL_CHARS."""

    def __init__(self, path: Path, where_it: str, where_en: str):
        self.path, self.where_it, self.where_en, self.length = path, where_it, where_en, 0

    def add(self, length: int) -> None:
        self.length += length
        if self.length > MAX_CELL_CHARS:
            raise SpreadsheetTooLarge(
                f"{self.path.name}: {self.where_it}: una cella ha più di {_it(MAX_CELL_CHARS)} "
                "caratteri (il limite di Excel); il file non è stato importato: accorciare "
                "il testo o esportare di nuovo le domande dal portale",
                f"{self.path.name}: {self.where_en}: a cell holds more than {MAX_CELL_CHARS:,} "
                "characters (Excel's limit); the file was not imported: shorten the text or "
                "export the applications from the portal again",
            )


def _check_extent(path: Path, sheet: str, rows: int, columns: int) -> None:
    if rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_CELLS:
        return
    raise SpreadsheetTooLarge(
        f"{path.name}: il foglio «{sheet}» si estende su almeno {_it(rows)} righe e "
        f"{_it(columns)} colonne ({_it(rows * columns)} celle), oltre il limite di "
        f"{_it(MAX_CELLS)} celle ({_it(MAX_ROWS)} righe, {_it(MAX_COLUMNS)} "
        "colonne); il file non è stato importato: eliminare le righe e colonne in più, "
        "o salvare le domande come CSV",
        f"{path.name}: sheet “{sheet}” spans at least {rows:,} rows and {columns:,} columns "
        f"({rows * columns:,} cells), beyond the limit of {MAX_CELLS:,} cells "
        f"({MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns); the file was not imported: delete "
        "the extra rows and columns, or save the applications as CSV",
    )


class _XlsxSheetScanner:
    """One worksheet: the last row and column holding a value, each cell's length."""

    def __init__(self, path: Path, sheet: str):
        self.path, self.sheet = path, sheet
        self.row = self.column = 0
        self.last_row = self.last_column = 0
        self.cell: _CellText | None = None
        self.valued = self.in_text = False
        self.parser = _parser(self)

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "row":
            self.row = _count(attributes.get("r"), self.row + 1)
            self.column = 0
        elif local == "c":
            reference = attributes.get("r")
            self.column = _column_number(reference) if reference else self.column + 1
            cell = f" {reference}" if reference else ""
            self.cell = _CellText(
                self.path, f"foglio «{self.sheet}»{cell}", f"sheet “{self.sheet}”{cell}"
            )
            self.valued = False
        elif local in ("v", "is") and self.cell is not None:
            self.valued = True
            self.in_text = local == "v"
        elif local == "t" and self.cell is not None:
            self.in_text = True

    def end(self, name: str) -> None:
        local = _local(name)
        if local in ("v", "t"):
            self.in_text = False
        elif local == "c" and self.cell is not None:
            if self.valued:
                self.last_row = max(self.last_row, self.row)
                self.last_column = max(self.last_column, self.column)
                _check_extent(self.path, self.sheet, self.last_row, self.last_column)
            self.cell = None
        elif local == "worksheet":
            _check_extent(self.path, self.sheet, self.last_row, self.last_column)

    def text(self, data: str) -> None:
        if self.in_text and self.cell is not None:
            self.cell.add(len(data))


def _column_number(reference: str) -> int:
    number = 0
    for char in reference:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            number = number * 26 + ord(char) - 96
        else:
            break
        if number > MAX_COLUMNS:  # a forged reference of a thousand letters stops here
            return MAX_COLUMNS + 1
    return number


class _SharedStringsScanner:
    """The shared strings: their declared count (calamine reserves room for it) and
    each one's length (rich-text runs added up)."""

    def __init__(self, path: Path):
        self.path, self.index = path, 0
        self.string: _CellText | None = None
        self.in_text = False
        self.parser = _parser(self)

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "sst":
            declared = _count(attributes.get("uniqueCount"), 0)
            if declared > MAX_CELLS:
                raise SpreadsheetTooLarge(
                    f"{self.path.name}: il file dichiara {_it(declared)} testi diversi, oltre "
                    f"il limite di {_it(MAX_CELLS)} celle; il file non è stato importato: "
                    "esportare di nuovo le domande dal portale, o salvarle come CSV",
                    f"{self.path.name}: the file declares {declared:,} distinct texts, beyond "
                    f"the limit of {MAX_CELLS:,} cells; the file was not imported: export the "
                    "applications from the portal again, or save them as CSV",
                )
        elif local == "si":
            self.index += 1
            self.string = _CellText(
                self.path, f"testo condiviso n. {self.index}", f"shared string no. {self.index}"
            )
        elif local == "t":
            self.in_text = True
        elif local == "rPh":  # a phonetic guide, not part of the text
            self.string, self.saved = None, self.string

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "t":
            self.in_text = False
        elif local == "rPh":
            self.string = self.saved

    def text(self, data: str) -> None:
        if self.in_text and self.string is not None:
            self.string.add(len(data))


class _OdsScanner:
    """content.xml: for each table, the extent of its cells holding a value once
    table:number-rows-repeated and table:number-columns-repeated are applied (without
    applying them), and each cell's length (<text:s text:c=N/> counted, not expanded).

    Empty cells and rows may repeat to the sheet's edge (LibreOffice writes that for
    every sheet); only the ones holding something extend the sheet."""

    def __init__(self, path: Path):
        self.path = path
        self.table = ""
        self.row = self.row_repeat = self.column = 0
        self.last_row = self.last_column = self.row_last_column = 0
        self.cell: _CellText | None = None
        self.cell_repeat = 0
        self.valued = False
        self.paragraphs = 0
        self.in_annotation = 0
        self.parser = _parser(self)

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "table":
            self.table = _attribute(attributes, "name") or "?"
            self.row = self.last_row = self.last_column = 0
        elif local == "table-row":
            self.row_repeat = _count(_attribute(attributes, "number-rows-repeated"))
            self.column = self.row_last_column = 0
        elif local == "annotation":  # a comment on the cell, not its value
            self.in_annotation += 1
        elif self.in_annotation:
            return
        elif local in ("table-cell", "covered-table-cell"):
            self.cell_repeat = _count(_attribute(attributes, "number-columns-repeated"))
            self.valued = _attribute(attributes, "value-type") is not None
            self.cell = _CellText(
                self.path,
                f"foglio «{self.table}», riga {self.row + 1}",
                f"sheet “{self.table}”, row {self.row + 1}",
            )
            self.paragraphs = 0
        elif self.cell is not None:
            if local == "p":
                self.paragraphs += 1
                if self.paragraphs > 1:
                    self.cell.add(1)  # paragraphs are joined by a newline
            elif local == "s":
                self.cell.add(_count(_attribute(attributes, "c")))
                self.valued = True
            elif local in ("tab", "line-break"):
                self.cell.add(1)
                self.valued = True

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "annotation":
            self.in_annotation -= 1
        elif local in ("table-cell", "covered-table-cell") and self.cell is not None:
            self.column += self.cell_repeat
            if self.valued:
                self.row_last_column = self.column
                _check_extent(self.path, self.table, self.row + self.row_repeat, self.column)
            self.cell = None
        elif local == "table-row":
            self.row += self.row_repeat
            if self.row_last_column:
                self.last_row = self.row
                self.last_column = max(self.last_column, self.row_last_column)
                _check_extent(self.path, self.table, self.last_row, self.last_column)

    def text(self, data: str) -> None:
        if self.cell is not None and not self.in_annotation:
            self.cell.add(len(data))
            if data.strip():
                self.valued = True


# --- the fast scan -----------------------------------------------------------------


class _Doubt(Exception):
    """The fast scan cannot vouch for a part."""


# Every cell's text lies between two of these (a cell begins at "<c " or ends at
# "</c>"; expat's count restarts at each), so when no two of them are more than
# MAX_CELL_CHARS bytes apart, no cell holds more characters: XML's escapes
# (&amp;, &#x41;) only make text longer in bytes than in characters. Other spellings
# (<c>, <x:c ...>) are not boundaries: the stretches only get longer, never wrongly
# shorter. For shared strings, expat's count restarts at each <si>.
_CELL_BOUNDARIES = (b"<c ", b"</c>")
_STRING_BOUNDARIES = (b"<si>",)
# A row's number: every row must have one, r="N" first (what Excel, LibreOffice and
# openpyxl write); the leading "w" makes the search a one-character scan (C speed).
_ROWS = re.compile(rb'w(?<=<row)(?: r="(\d+)")?[\s/>]')
# A cell not opened as <c r="A1"...> (one capital letter): a sheet past column Z,
# a cell without its reference, or spelled otherwise.
_NOT_NARROW = re.compile(rb'<c(?! r="[A-Z]\d)[\s/>]')
# The columns of such a sheet (b"" for a cell without r="..." first).
_COLUMNS = re.compile(rb'<c(?: r="([A-Za-z]+)\d+")?[\s/>]')
# A row or cell with a namespace prefix (<x:c ...>): expat reads it, this scan does not.
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_TAG = re.compile(rb"<[^>]*>")
_DECLARATION_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)""")
# A stretch without boundaries longer than this (a long run of merged-cell ranges,
# say) is not held to be measured: the exact scan decides.
MAX_CARRY = 4 * MIB


def _fast_scanner_for(path: Path, name: str):
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return _FastScan(path, _CELL_BOUNDARIES, sheet=True)
    if name == "xl/sharedStrings.xml":
        return _FastScan(path, _STRING_BOUNDARIES, sheet=False)
    return None


class _FastScan:
    """One worksheet or the shared strings, scanned as bytes: raises _Doubt unless
    it can prove every text and (for a sheet) the extent within the bounds."""

    def __init__(self, path: Path, boundaries: tuple[bytes, ...], sheet: bool):
        self.path, self.boundaries, self.sheet = path, boundaries, sheet
        self.carry = b""
        self.started = False
        self.rows = self.columns = 0

    def feed(self, block: bytes) -> None:
        data = self.carry + block if self.carry else block
        if not self.started:
            data = data[self._prologue(data) :]
            self.started = True
        cut = self._measure(data, final=False)
        self._scan(data, cut)
        self.carry = data[cut:]

    def close(self) -> None:
        data, self.carry = self.carry, b""
        if not self.started:
            data = data[self._prologue(data) :]
        self._scan(data, self._measure(data, final=True))

    def _prologue(self, data: bytes) -> int:
        """Where the XML declaration ends (0 if none); a doubt unless UTF-8. For the
        shared strings, their declared count is checked by expat on the root tag."""
        offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        if data.startswith(b"<?xml", offset):
            end = data.find(b"?>", offset)
            if end < 0:
                raise _Doubt
            encoding = _DECLARATION_ENCODING.search(data, offset, end)
            if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
                raise _Doubt
            offset = end + 2
        elif not data.startswith(b"<", offset):
            raise _Doubt
        if not self.sheet:
            root = data.find(b">", data.find(b"<", offset))
            if root < 0:
                raise _Doubt
            try:
                _SharedStringsScanner(self.path).parser.Parse(data[: root + 1], False)
            except expat.ExpatError:
                raise _Doubt from None
        return offset

    def _measure(self, data: bytes, final: bool) -> int:
        """Walks from boundary to boundary, at most MAX_CELL_CHARS bytes at a time;
        returns the last boundary whose stretch is not yet known to end (the rest is
        carried to the next block), or the end."""
        last, size = 0, len(data)
        while size - last > MAX_CELL_CHARS:
            following = max(
                data.rfind(token, last + 1, last + MAX_CELL_CHARS + len(token))
                for token in self.boundaries
            )
            if following > 0:
                last = following
                continue
            # A long stretch: what counts is the text in it, not its markup.
            ends = [
                i for i in (data.find(t, last + MAX_CELL_CHARS) for t in self.boundaries) if i > 0
            ]
            if not ends and not final:
                if size - last > MAX_CARRY:
                    raise _Doubt
                return last
            end = min(ends) if ends else size
            if len(_TAG.sub(b"", data[last:end])) > MAX_CELL_CHARS:
                raise _Doubt
            last = end
        return size if final else last

    def _scan(self, data: bytes, end: int, start: int = 0) -> None:
        # Comments, CDATA and processing instructions could hide or fake a boundary.
        if data.find(b"!", start, end) >= 0 and data.find(b"<!", start, end) >= 0:
            raise _Doubt
        if data.find(b"?", start, end) >= 0 and data.find(b"<?", start, end) >= 0:
            raise _Doubt
        if not self.sheet:
            return
        if _PREFIXED.search(data, start, end):
            raise _Doubt
        rows = _ROWS.findall(data, start, end)
        if rows:
            if b"" in rows:
                raise _Doubt
            self.rows = max(self.rows, *map(int, rows))
        if _NOT_NARROW.search(data, start, end):
            letters = set(_COLUMNS.findall(data, start, end))
            if b"" in letters:
                raise _Doubt
            self.columns = max(self.columns, *(_column_number(x.decode()) for x in letters))
        else:
            self.columns = max(self.columns, 26)
        if (
            self.rows > MAX_ROWS
            or self.columns > MAX_COLUMNS
            or self.rows * self.columns > MAX_CELLS
        ):
            raise _Doubt


def _too_large(path: Path, size: int) -> SpreadsheetTooLarge:
    return SpreadsheetTooLarge(
        f"{path.name}: il contenuto del file supera {_mb(size)} una volta decompresso (il "
        f"limite è {_mb(MAX_MEMBER_BYTES)} per parte, {_mb(MAX_ARCHIVE_BYTES)} in tutto); "
        "il file non è stato importato: salvare le domande come CSV",
        f"{path.name}: the file's content exceeds {_mb(size)} once decompressed (the limit "
        f"is {_mb(MAX_MEMBER_BYTES)} a part, {_mb(MAX_ARCHIVE_BYTES)} in all); the file "
        "was not imported: save the applications as CSV",
    )


def _forged(path: Path) -> SpreadsheetTooLarge:
    return SpreadsheetTooLarge(
        f"{path.name}: l'archivio è danneggiato o contraffatto (una parte non corrisponde "
        "alla dimensione che dichiara); il file non è stato importato: esportare di nuovo "
        "le domande dal portale",
        f"{path.name}: the archive is damaged or forged (a part does not match the size it "
        "declares); the file was not imported: export the applications from the portal again",
    )


def _it(number: int) -> str:
    """1.048.576: thousands grouped the Italian way."""
    return f"{number:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size < 10 * MIB else f"{size // MIB} MB"
