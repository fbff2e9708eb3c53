"""Reading spreadsheets: CSV (`;` `,` or tab; UTF-8, UTF-8 with BOM or
Windows-1252: see text.py), XLSX and ODS (python-calamine). Rows come out in chunks of raw
cell values, so a 100,000-row file never sits in memory as objects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.italian import normalise_key
from desktop.importing.problems import UnusableFile

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
APPLICATIONS_SHEET_NAMES = ("domande", "applications", "domanda")
PARTNER_SHEET_NAMES = ("partner", "partners")


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
        raise _not_a_file(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _open_spreadsheet(path, chunk_rows)
    if suffix in CSV_SUFFIXES:
        return Workbook(_open_csv(path, chunk_rows))
    raise UnusableFile(
        f"{path.name}: formato non supportato ({suffix or 'senza estensione'}); usare CSV, XLSX o ODS",
        f"{path.name}: unsupported format ({suffix or 'no extension'}); use CSV, XLSX or ODS",
    )


def _not_a_file(path: Path) -> UnusableFile:
    """What the path is, when it is not a file to read (a folder named .csv, a pipe)."""
    if path.is_dir():
        return UnusableFile(
            f"{path}: è una cartella, non un file; indicare il file da importare",
            f"{path}: is a folder, not a file; give the file to import",
        )
    if path.exists():
        return UnusableFile(
            f"{path}: non è un file normale (è una pipe, un socket o un dispositivo); "
            "salvare i dati in un file e importare quello",
            f"{path}: not a regular file (a pipe, a socket or a device); save the data to a "
            "file and import that",
        )
    return UnusableFile(
        f"{path}: file non trovato; controllare il percorso",
        f"{path}: file not found; check the path",
    )


# --- CSV ---------------------------------------------------------------------------
# Encoding, quotes and limits are decided in desktop/importing/text.py.


def _open_csv(path: Path, chunk_rows: int) -> Table:
    from desktop.importing.text import open_csv

    headers, total_rows, chunks = open_csv(path, chunk_rows)
    return Table(path.name, headers, total_rows, chunks)


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
