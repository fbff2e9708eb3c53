"""Reading a CSV/TSV export honestly.

- The encoding is decided on the whole file, never guessed wholesale: UTF-8 (with or
  without BOM), UTF-16/UTF-32 with a BOM, or Windows-1252 (Excel's "CSV" on Italian
  Windows) only when the file is not UTF-8 at all and reads as Latin text. A file
  that is UTF-8 but for a few bytes is refused naming the line and the byte: read as
  Windows-1252 every accented letter in every row would be stored corrupted.
- A quote never closed would swallow the rest of the file into one cell: it is
  refused naming the line where the quote opened, and so is a quoted cell running
  over MAX_CELL_LINES lines (two stray quotes far apart). Cells, columns and rows have
  generous limits (below), checked while reading, so memory stays flat.
- Messages show at most a short excerpt of a cell, escaped (`excerpt`): a control
  character or an ANSI escape in a file never reaches the terminal raw.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from desktop.importing.problems import UnusableFile

# The csv module counts a cell in characters. CSV summaries of 190,000 characters are
# imported today (tests/test_import.py) and Excel's own cell limit is 32,767; a cell
# of a million characters is no summary, it is a file swallowed by a stray quote.
MAX_CELL_CHARS = 1_048_576
MAX_COLUMNS = 16_384  # Excel's own column limit; a portal export has a few dozen
MAX_ROWS = 1_048_576  # Excel's own row limit; a call gets a few thousand applications
# A quoted cell spanning more lines is two stray quotes far apart, not text: a long
# summary has a few dozen paragraphs.
MAX_CELL_LINES = 1_000
CHUNK_CHARS = 16 * 1024 * 1024  # a chunk of rows is also cut by size: memory stays flat
EXCERPT_CHARS = 60
BLOCK = 1 << 20

csv.field_size_limit(MAX_CELL_CHARS)

# Never printed raw: C0 and C1 controls (ANSI escapes start with \x1b or \x9b), DEL,
# lone surrogates (an undecodable byte kept by surrogateescape shows as \xNN), and the
# bidirectional overrides that reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SURROGATE = re.compile("[\udc80-\udcff]")
_SENTINEL = "\ue000fine-del-file\ue000"  # private use: appended to the lines read


def _escaped(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not text, as surrogateescape kept it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every character a terminal would act on written as \\x1b, \\n…"""
    return _UNPRINTABLE.sub(_escaped, text)


def excerpt(value, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters of a cell, escaped, "…" when cut."""
    text = "" if value is None else str(value)
    cut = len(text) > limit
    return escape_controls(text[:limit]) + ("…" if cut else "")


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _unusable(it: str, en: str) -> UnusableFile:
    return UnusableFile(it, en)


# --------------------------------------------------------------------------- encoding


def decide_encoding(path: Path) -> tuple[str, int]:
    """The file's encoding and its number of lines, read in blocks (memory stays flat);
    a Problem naming the line and the byte when the text is not honestly one encoding."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(path, "utf-32")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, "utf-16")
    bom = head.startswith(codecs.BOM_UTF8)
    scan = _Utf8Scan(path)
    if not scan.invalid:
        return ("utf-8-sig" if bom else "utf-8"), scan.lines
    # Windows-1252 Italian text is almost never valid UTF-8 by accident (an accented
    # capital followed by », €, – …): where UTF-8 letters outnumber the bytes that are
    # not, or a BOM says UTF-8, the file is UTF-8 edited by another program.
    if bom or scan.valid_non_ascii >= scan.invalid:
        raise scan.problem(path)
    return _windows_1252(path), scan.lines


def _not_recognised(path: Path):
    return _unusable(
        f"{path.name}: codifica dei caratteri non riconosciuta; salvare il file come CSV UTF-8",
        f"{path.name}: character encoding not recognised; save the file as CSV UTF-8",
    )


def _strict(path: Path, encoding: str) -> tuple[str, int]:
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    with path.open("rb") as handle:
        try:
            while block := handle.read(BLOCK):
                lines += decoder.decode(block).count("\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _not_recognised(path) from None
    return encoding, lines


class _Utf8Scan:
    """Counts, in one pass, the non-ASCII characters that are valid UTF-8 and the bytes
    that are not, and where the first of those is."""

    def __init__(self, path: Path):
        self.lines = self.invalid = self.valid_non_ascii = 0
        self.first: tuple[int, int, int, str] | None = None  # line, column, byte, context
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        tail = ""  # the current line so far, from earlier blocks (its end only)
        tail_length = 0
        with path.open("rb") as handle:
            while True:
                block = handle.read(BLOCK)
                text = decoder.decode(block, final=not block)
                if text and not text.isascii():
                    bad = len(_SURROGATE.findall(text))
                    if bad and self.first is None:
                        self._locate(text, tail, tail_length)
                    self.invalid += bad
                    self.valid_non_ascii += len(text) - len(text.encode("ascii", "ignore")) - bad
                newline = text.rfind("\n")
                if newline >= 0:
                    tail, tail_length = text[newline + 1 :][-40:], len(text) - newline - 1
                else:
                    tail, tail_length = (tail + text)[-40:], tail_length + len(text)
                self.lines += text.count("\n")
                if not block:
                    break

    def _locate(self, text: str, tail: str, tail_length: int) -> None:
        position = _SURROGATE.search(text).start()
        start = text.rfind("\n", 0, position) + 1
        line = self.lines + text.count("\n", 0, start) + 1
        before = text[start:position] if start else tail + text[:position]
        column = (position - start if start else tail_length + position) + 1
        # The cell around the byte: from the separator before it to the one after.
        cell_start = max(before.rfind(sep) for sep in ";,\t") + 1
        after = re.split("[;,\t\r\n]", text[position : position + 40], maxsplit=1)[0]
        context = before[cell_start:][-30:] + after[:30]
        self.first = (line, column, ord(text[position]) - 0xDC00, context)

    def problem(self, path: Path):
        line, column, byte, context = self.first
        shown = escape_controls(context)
        more_it = f" (e altri {self.invalid - 1} byte non validi)" if self.invalid > 1 else ""
        more_en = f" (and {self.invalid - 1} more invalid bytes)" if self.invalid > 1 else ""
        return _unusable(
            f"{path.name}: il file è in UTF-8 ma alla riga {line}, colonna {column} c'è un "
            f"byte non valido, 0x{byte:02X}, in «{shown}»{more_it}: probabilmente una "
            "lettera accentata scritta da un altro programma in un'altra codifica. Nulla è "
            f"stato importato. Correggere la riga {line} (riscrivere la lettera) e salvare "
            "il file come CSV UTF-8.",
            f"{path.name}: the file is UTF-8 but line {line}, column {column} holds an "
            f"invalid byte, 0x{byte:02X}, in “{shown}”{more_en}: probably an accented "
            "letter written by another program in another encoding. Nothing was imported. "
            f"Fix line {line} (type the letter again) and save the file as CSV UTF-8.",
        )


def _windows_1252(path: Path) -> str:
    """Windows-1252, if every byte is defined there and the text reads as Latin text:
    accented letters stand alone between ASCII letters (caffè, città, «Là»), while
    Chinese, Cyrillic or Greek bytes read as Windows-1252 make runs of symbols."""
    decoder = codecs.getincrementaldecoder("cp1252")()
    non_ascii = in_runs = 0
    with path.open("rb") as handle:
        try:
            while True:
                block = handle.read(BLOCK)
                text = decoder.decode(block, final=not block)
                for run in _NON_ASCII_RUN.findall(text):
                    non_ascii += len(run)
                    in_runs += len(run) - 1
                if not block:
                    break
        except UnicodeDecodeError:
            raise _not_recognised(path) from None
    if in_runs >= 3 and in_runs * 2 > non_ascii:
        raise _unusable(
            f"{path.name}: il testo non è leggibile né come UTF-8 né come Windows-1252 "
            "(forse è in un'altra codifica, come GB18030 o Big5); nulla è stato importato. "
            "Aprire il file nel programma che lo ha prodotto e salvarlo come CSV UTF-8.",
            f"{path.name}: the text reads neither as UTF-8 nor as Windows-1252 (perhaps it "
            "is in another encoding, such as GB18030 or Big5); nothing was imported. Open "
            "the file in the program that made it and save it as CSV UTF-8.",
        )
    return "cp1252"


# --------------------------------------------------------------------------- records


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


class Lines:
    """The file's lines for csv.reader, then a sentinel line: a quote never closed
    takes the sentinel into its cell, so the reader's end says it. `chars` counts
    the characters read (chunks are also cut by size)."""

    def __init__(self, handle):
        self.handle = handle
        self.chars = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.handle:
            self.chars += len(line)
            yield line
        yield _SENTINEL


def records(path: Path, encoding: str, separator: str) -> Iterator[tuple[int, list[str], Lines]]:
    """(line where the record starts, its cells, the lines read so far) for every
    record, the header included; a Problem for a record over the limits."""
    with path.open(encoding=encoding, newline="") as handle:
        lines = Lines(handle)
        reader = csv.reader(lines, delimiter=separator)
        count = 0
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _csv_problem(path, start, reader.line_num, error) from None
            if cells and cells[-1].endswith(_SENTINEL):
                if cells == [_SENTINEL]:
                    return
                raise _unclosed_quote(path, start, cells)
            span = reader.line_num - start + 1
            if span > MAX_CELL_LINES:
                raise _long_quoted_cell(path, start, cells, reader.line_num)
            if len(cells) > MAX_COLUMNS:
                raise _unusable(
                    f"{path.name}, riga {start}: {number(len(cells))} colonne, oltre il massimo "
                    f"di {number(MAX_COLUMNS)}; controllare il separatore e le virgolette di "
                    "quella riga.",
                    f"{path.name}, line {start}: {number(len(cells))} columns, over the limit "
                    f"of {number(MAX_COLUMNS)}; check the separator and the quotes on that line.",
                )
            count += 1
            if count > MAX_ROWS + 1:  # the header is a record too
                raise _unusable(
                    f"{path.name}: più di {number(MAX_ROWS)} righe, il massimo di un foglio "
                    "Excel; nulla è stato importato. Dividere il file in parti più piccole.",
                    f"{path.name}: more than {number(MAX_ROWS)} rows, the most an Excel sheet "
                    "holds; nothing was imported. Split the file into smaller ones.",
                )
            yield start, cells, lines


def _quote_line(start: int, cells: list[str], index: int) -> int:
    """The line where cell `index` of a record starting at `start` begins."""
    return start + sum(cell.count("\n") for cell in cells[:index])


def _unclosed_quote(path: Path, start: int, cells: list[str]):
    line = _quote_line(start, cells, len(cells) - 1)
    shown = excerpt(cells[-1][: -len(_SENTINEL)], 40)
    return _unusable(
        f"{path.name}, riga {line}: le virgolette aperte in questa riga non sono mai chiuse "
        f"(la cella «{shown}» continuerebbe fino alla fine del file); nulla è stato "
        f"importato. Chiudere le virgolette alla riga {line} o toglierle, poi importare di "
        "nuovo.",
        f"{path.name}, line {line}: the quote opened on this line is never closed (the "
        f"cell “{shown}” would run to the end of the file); nothing was imported. Close "
        f"the quote on line {line} or remove it, then import again.",
    )


def _long_quoted_cell(path: Path, start: int, cells: list[str], end: int):
    index = max(range(len(cells)), key=lambda i: cells[i].count("\n"))
    line = _quote_line(start, cells, index)
    shown = excerpt(cells[index], 40)
    return _unusable(
        f"{path.name}, riga {line}: la cella tra virgolette «{shown}» continua fino alla riga "
        f"{end}, oltre {number(MAX_CELL_LINES)} righe: probabilmente le virgolette aperte alla "
        f"riga {line} non sono chiuse dove dovrebbero. Nulla è stato importato; correggere le "
        "virgolette e importare di nuovo.",
        f"{path.name}, line {line}: the quoted cell “{shown}” runs to line {end}, over "
        f"{number(MAX_CELL_LINES)} lines: probably the quote opened on line {line} is not "
        "closed where it should be. Nothing was imported; fix the quotes and import again.",
    )


def _csv_problem(path: Path, start: int, line: int, error: csv.Error):
    if "field larger than field limit" in str(error):
        if line > start:
            reason_it = (
                f"le virgolette aperte alla riga {start} non sono chiuse: la cella supera "
                f"{number(MAX_CELL_CHARS)} caratteri alla riga {line}"
            )
            reason_en = (
                f"the quote opened on line {start} is not closed: the cell runs over "
                f"{number(MAX_CELL_CHARS)} characters by line {line}"
            )
        else:
            reason_it = f"una cella supera {number(MAX_CELL_CHARS)} caratteri, il massimo accettato"
            reason_en = f"a cell is over {number(MAX_CELL_CHARS)} characters, the most accepted"
        return _unusable(
            f"{path.name}, riga {start}: {reason_it}. Nulla è stato importato; correggere la "
            f"riga {start} e importare di nuovo.",
            f"{path.name}, line {start}: {reason_en}. Nothing was imported; fix line {start} "
            "and import again.",
        )
    detail = excerpt(str(error), 80)
    return _unusable(
        f"{path.name}, riga {line}: CSV non leggibile ({detail}); controllare virgolette e separatori",
        f"{path.name}, line {line}: unreadable CSV ({detail}); check quotes and separators",
    )


# --------------------------------------------------------------------------- the table


def _binary(sample: bytes) -> bool:
    """NUL bytes as a binary file has them (a picture renamed .csv), not one NUL pasted
    into a cell: that one rejects its row (rows.py), like a NUL further down."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return sample.count(b"\x00") > max(2, len(sample) // 100)


def open_csv(path: Path, chunk_rows: int):
    """(headers, number of rows, chunks of (row number, cells)) for readers.Table."""
    with path.open("rb") as handle:
        sample = handle.read(65536)
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _unusable(
            f"{path.name}: il file è vuoto; esportare di nuovo le domande",
            f"{path.name}: the file is empty; export the applications again",
        )
    if _binary(sample):
        raise _unusable(
            f"{path.name}: non è un file di testo CSV (contenuto binario); salvarlo come CSV o XLSX",
            f"{path.name}: not a CSV text file (binary content); save it as CSV or XLSX",
        )
    encoding, line_count = decide_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        separator = detect_separator(handle.readline(MAX_CELL_CHARS))
    header = next(records(path, encoding, separator), None)
    headers = [h.strip() for h in header[1]] if header else []

    def chunks() -> Iterator[list[tuple[int, list]]]:
        chunk: list[tuple[int, list]] = []
        cut_at = CHUNK_CHARS
        read = records(path, encoding, separator)
        next(read, None)
        # Rows are numbered as a spreadsheet shows the file: the header is row 1.
        for row_number, (_line, cells, lines) in enumerate(read, start=2):
            if not any(c.strip() for c in cells):
                continue
            chunk.append((row_number, cells))
            if len(chunk) >= chunk_rows or lines.chars >= cut_at:
                yield chunk
                chunk = []
                cut_at = lines.chars + CHUNK_CHARS
        if chunk:
            yield chunk

    return headers, max(line_count - 1, 0), chunks()
