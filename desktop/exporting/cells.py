"""The one rule for a text that goes into a spreadsheet cell (XLSX or CSV).

Texts are stored exactly as applicants wrote them, so a title may start with "=" or
hold a control character pasted from another program. Both writers, and the command
line's CSV output, pass every cell through `neutralise`:

- a text a spreadsheet would run as a formula (it starts with = + - @, a tab or a
  carriage return) gets a leading apostrophe, so it stays plain data;
- a character XML cannot hold (the C0 controls other than tab, newline and carriage
  return, lone surrogates, U+FFFE and U+FFFF) is written visibly escaped, "\\x01",
  so the file always opens and the reader sees that something odd was there. openpyxl
  would refuse them with IllegalCharacterError; a CSV would carry them invisibly.

Plain Python, no openpyxl: the command line imports it to print CSV.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE, plus the
# non-characters and surrogates a str may still hold).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_unwritable(text: str) -> str:
    """`text` with every character XML cannot hold written as \\xNN or \\uNNNN."""
    return UNWRITABLE.sub(_escaped, text)


def neutralise(value):
    """A text made safe for a spreadsheet cell (see the module's docstring); numbers,
    dates and None pass through unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return escape_unwritable(value)
