"""The one rule for a text that goes into a spreadsheet cell (XLSX or CSV).

Texts are stored exactly as applicants wrote them, so a title may start with "=" or
hold a control character pasted from another program. Both writers, and the command
line's CSV output, pass every cell through `neutralise`:

- a text a spreadsheet would run as a formula (it starts with = + - @, a tab or a
  carriage return, or has one of = + - @ as its first character after blanks:
  "  =1", "\\n=1", since spreadsheets may trim leading blanks on import) gets a
  leading apostrophe, so it stays plain data. A text "-5" gets it too (it is text in
  the database: a number stays a number only when exported as one);
- a control character (the C0 controls other than tab, newline and carriage return,
  DEL and the C1 controls U+0080 to U+009F), a lone surrogate, U+FFFE or U+FFFF is
  written visibly escaped, "\\x01", so the file always opens and the reader sees that
  something odd was there. openpyxl would refuse the C0 ones with
  IllegalCharacterError; a CSV would carry any of them invisibly (a NUL cuts the
  text short in many programs, U+009B starts a terminal escape sequence).

Plain Python, no openpyxl: the command line imports it to print CSV.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What starts a formula once leading blanks are trimmed.
FORMULA_SIGNS = ("=", "+", "-", "@")

# What XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE, plus the
# non-characters and surrogates a str may still hold), and the other control
# characters no cell should carry raw (DEL, C1).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_unwritable(text: str) -> str:
    """`text` with every character a cell must not carry raw (UNWRITABLE) written as
    \\xNN or \\uNNNN."""
    return UNWRITABLE.sub(_escaped, text)


def neutralise(value):
    """A text made safe for a spreadsheet cell (see the module's docstring); numbers,
    dates and None pass through unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_SIGNS):
        value = "'" + value
    return escape_unwritable(value)
