"""Reading spreadsheets: CSV (`;` `,` or tab; UTF-8, UTF-8 with BOM or
Windows-1252), XLSX and ODS (python-calamine). Rows come out in chunks of raw
cell values, so a 100,000-row file never sits in memory as objects."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.italian import normalise_key
from desktop.domain.problems import Problem

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
# Summaries can be long; the csv module's default cap is 128 KiB per cell.
csv.field_size_limit(16 * 1024 * 1024)
APPLICATIONS_SHEET_NAMES = ("domande", "applications", "domanda")
PARTNER_SHEET_NAMES = ("partner", "partners")


class UnusableFile(Problem):
    """The file cannot be read at all; the message says what to do (exit code 2)."""


@dataclass
class Table:
    """One sheet: its header row and its data rows, numbered as a user sees them."""

    name: str
    headers: list[str]
    total_rows: int | None
    _chunks: Iterator[list[tuple[int, list]]] = field(repr=False)

    def chunks(self) -> Iterator[list[tuple[int, list]]]:
        """Lists of (row number, cell values); the header is row 1."""
        return self._chunks


@dataclass
class Workbook:
    applications: Table
    partners: Table | None = None


def open_workbook(path: Path | str, chunk_rows: int = 5000) -> Workbook:
    path = Path(path)
    if not path.is_file():
        raise UnusableFile(
            f"{path}: file non trovato; controllare il percorso",
            f"{path}: file not found; check the path",
        )
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _open_spreadsheet(path, chunk_rows)
    if suffix in CSV_SUFFIXES:
        return Workbook(_open_csv(path, chunk_rows))
    raise UnusableFile(
        f"{path.name}: formato non supportato ({suffix or 'senza estensione'}); usare CSV, XLSX o ODS",
        f"{path.name}: unsupported format ({suffix or 'no extension'}); use CSV, XLSX or ODS",
    )


# --- CSV -------------------------------------------------------------------------


def scan_encoding(path: Path) -> tuple[str, int]:
    """The file's encoding and its number of lines, read in blocks (memory stays flat)."""
    import codecs

    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(b"\xef\xbb\xbf"):
            candidates = ["utf-8-sig"]
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
            candidates = ["utf-16"]
        else:
            candidates = ["utf-8", "cp1252"]
        for encoding in candidates:
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            lines = 0
            try:
                while block := handle.read(1 << 20):
                    decoder.decode(block)
                    lines += block.count(b"\n")
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return encoding, lines
    raise UnusableFile(
        f"{path.name}: codifica dei caratteri non riconosciuta; salvare il file come CSV UTF-8",
        f"{path.name}: character encoding not recognised; save the file as CSV UTF-8",
    )


def detect_separator(header_line: str) -> str:
    counts = {sep: 0 for sep in (";", "\t", ",")}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _open_csv(path: Path, chunk_rows: int) -> Table:
    with path.open("rb") as handle:
        sample = handle.read(65536)
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise UnusableFile(
            f"{path.name}: il file è vuoto; esportare di nuovo le domande",
            f"{path.name}: the file is empty; export the applications again",
        )
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile(
            f"{path.name}: non è un file di testo CSV (contenuto binario); salvarlo come CSV o XLSX",
            f"{path.name}: not a CSV text file (binary content); save it as CSV or XLSX",
        )
    encoding, lines = scan_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        separator = detect_separator(handle.readline())
        handle.seek(0)
        try:
            headers = next(csv.reader(handle, delimiter=separator), [])
        except csv.Error as error:
            raise _csv_problem(path, 1, error) from None
    headers = [h.strip() for h in headers]

    def chunks() -> Iterator[list[tuple[int, list]]]:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=separator)
            chunk: list[tuple[int, list]] = []
            try:
                next(reader, None)
                # Rows are numbered as a spreadsheet shows the file: the header is row 1.
                for row_number, cells in enumerate(reader, start=2):
                    if not any(c.strip() for c in cells):
                        continue
                    chunk.append((row_number, cells))
                    if len(chunk) >= chunk_rows:
                        yield chunk
                        chunk = []
            except csv.Error as error:
                raise _csv_problem(path, reader.line_num, error) from None
            if chunk:
                yield chunk

    return Table(path.name, headers, max(lines - 1, 0), chunks())


def _csv_problem(path: Path, line: int, error: csv.Error) -> UnusableFile:
    return UnusableFile(
        f"{path.name}, riga {line}: CSV non leggibile ({error}); controllare virgolette e separatori",
        f"{path.name}, line {line}: unreadable CSV ({error}); check quotes and separators",
    )


# --- XLSX / ODS -------------------------------------------------------------------


def _open_spreadsheet(path: Path, chunk_rows: int) -> Workbook:
    from python_calamine import CalamineWorkbook

    from desktop.importing.archives import check_spreadsheet

    # Sizes, ratios, extents and cell lengths first: calamine builds whole sheets in
    # memory, and a small file may describe billions of cells.
    check_spreadsheet(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise UnusableFile(
            f"{path.name}: non è un foglio di calcolo {path.suffix.upper().lstrip('.')} valido "
            f"({type(error).__name__}); riaprirlo e salvarlo di nuovo, oppure esportarlo in CSV",
            f"{path.name}: not a valid {path.suffix.upper().lstrip('.')} spreadsheet; "
            "open and save it again, or export it as CSV",
        ) from None
    names = workbook.sheet_names
    if not names:
        raise UnusableFile(
            f"{path.name}: nessun foglio nel file", f"{path.name}: the file has no sheets"
        )
    by_key = {normalise_key(name): name for name in names}
    main = next((by_key[k] for k in APPLICATIONS_SHEET_NAMES if k in by_key), names[0])
    partners = next((by_key[k] for k in PARTNER_SHEET_NAMES if k in by_key), None)
    return Workbook(
        _sheet_table(workbook, main, chunk_rows),
        _sheet_table(workbook, partners, chunk_rows) if partners and partners != main else None,
    )


def _sheet_table(workbook, name: str, chunk_rows: int) -> Table:
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as error:
        raise UnusableFile(
            f"foglio «{name}» non leggibile ({error})", f"sheet “{name}” cannot be read ({error})"
        ) from None
    rows = _sheet_rows(sheet)
    # Leading blank rows (titles left out) are skipped: the header is the first filled row.
    headers: list[str] = []
    body_start = 0
    for index, cells in rows:
        if any(_filled(v) for v in cells):
            headers = [str(v).strip() if _filled(v) else "" for v in cells]
            body_start = index + 1
            break
    end = sheet.end

    def chunks() -> Iterator[list[tuple[int, list]]]:
        chunk: list[tuple[int, list]] = []
        for index, cells in rows:
            if not any(_filled(v) for v in cells):
                continue
            chunk.append((index + 1, cells))
            if len(chunk) >= chunk_rows:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    total = max(end[0] + 1 - body_start, 0) if end and headers else 0
    return Table(name, headers, total, chunks())


def _sheet_rows(sheet) -> Iterator[tuple[int, list]]:
    """(index from 0, cells from column A) one row at a time: the Python lists are made
    as the import reaches them, not for the whole sheet at once."""
    start = sheet.start
    if start is None:  # an empty sheet
        return iter(())
    padding = [None] * start[1]  # calamine's rows begin at the first used column
    return ((index, padding + row) for index, row in enumerate(sheet.iter_rows()))


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")
