"""Parsing of spreadsheet cells as Italian public-administration portals export them.

Every parser accepts what a cell can hold (``str`` with stray or non-breaking spaces,
``int``, ``float``, ``Decimal``, ``date``/``datetime``) and raises :class:`ValueProblem`
with a bilingual reason that says what is wrong *and* what to write instead.

Plain Python on purpose (no Qt, SQLAlchemy or pandas): these functions run once per cell
on imports of 100,000 rows, so the common shapes are matched first with precompiled
regular expressions, and the string paths of the parsers that see few distinct values
(dates, months, Municipio) are memoised.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from .formatting import date as format_date_it
from .formatting import date_time as format_datetime_it
from .formatting import money
from .problems import Problem

__all__ = [
    "MAX_MONTHS",
    "ValueProblem",
    "codice_fiscale_check_char",
    "format_date_it",
    "format_datetime_it",
    "normalise_key",
    "normalise_name",
    "parse_amount",
    "parse_date",
    "parse_int_in_range",
    "parse_months",
    "parse_municipio",
    "parse_tax_code",
    "partita_iva_check_digit",
    "tax_code_issue",
    "tax_code_problem",
]
# format_date_it and format_datetime_it are desktop.domain.formatting's date and
# date_time, re-exported for the command line and the exports until they move to it.


class ValueProblem(Problem):
    """A cell value that cannot be used, with the reason in Italian and English
    (``.it``, ``.en``); both say what to write instead. ``reason_it``/``reason_en``
    name the same halves, as the rows' problems that carry them do."""

    @property
    def reason_it(self) -> str:
        return self.it

    @property
    def reason_en(self) -> str:
        return self.en


# --------------------------------------------------------------------------- helpers

# Characters that are invisible in a spreadsheet but break parsing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _clean(text: str) -> str:
    """Strip, drop zero-width characters; non-breaking spaces count as spaces
    (``str.strip`` and ``\\s`` already treat U+00A0, U+202F, U+2007 as whitespace)."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return text.strip()


def _is_missing_float(value: float) -> bool:
    return value != value  # NaN, as pandas uses for empty cells


# --------------------------------------------------------------------------- amounts

_CENT = Decimal("0.01")
_AMOUNT_DIGITS = re.compile(r"[0-9]+")
_AMOUNT_SIMPLE_DECIMAL = re.compile(r"([0-9]+)[.,]([0-9]{1,2})")
# Fast path for well-formed Italian style, e.g. "€ 1.234.567,89", "85.000,00 €", "85.000".
_AMOUNT_ITALIAN = re.compile(
    r"(?:€\s?)?((?:[1-9][0-9]{0,2}(?:\.[0-9]{3})*)|0)(?:,([0-9]{1,2}))?(?:\s?€)?"
)
_AMOUNT_CURRENCY = re.compile(r"^(?:€|eur(?:o)?\.?)\s*|\s*(?:€|eur(?:o)?\.?)$", re.IGNORECASE)
_AMOUNT_BODY_CHARS = re.compile(r"[0-9., ]+")
_AMOUNT_TOKENS = re.compile(r"[., ]")
_WHITESPACE = re.compile(r"\s+")
_MINUS_SIGNS = "-−–"

_AMOUNT_MISSING = (
    "importo mancante: scrivere ad esempio 85.000,00 oppure 85000",
    "missing amount: write e.g. 85.000,00 or 85000",
)
_AMOUNT_UNREADABLE = (
    "importo non leggibile: usare ad esempio 85.000,00 oppure 85000",
    "unreadable amount: write e.g. 85.000,00 or 85000",
)
_AMOUNT_GROUPING = (
    "separatore delle migliaia fuori posto: usare gruppi di tre cifre come 1.234.567,89 "
    "oppure nessun separatore come 1234567,89",
    "misplaced thousands separator: use groups of three digits like 1.234.567,89 "
    "or no separator like 1234567,89",
)
_AMOUNT_OUT_OF_RANGE = (
    "importo fuori scala: controllare il valore e scrivere l'importo in euro, ad esempio 85.000,00",
    "amount out of range: check the value and write the amount in euros, e.g. 85.000,00",
)


def _too_many_decimals(integer: str, fraction: str) -> ValueProblem:
    # money() rounds half up to cents, exactly, whatever the number of digits.
    example = money(Decimal(f"{integer}.{fraction}"), symbol=False)
    return ValueProblem(
        f"importo con più di due decimali: arrotondare ai centesimi, ad esempio {example}",
        f"amount has more than two decimals: round to cents, e.g. {example}",
    )


def _negative(magnitude: Decimal) -> ValueProblem:
    example = money(magnitude, symbol=False)
    return ValueProblem(
        f"l'importo non può essere negativo: scrivere un valore positivo senza segno meno, "
        f"ad esempio {example}",
        f"amount must not be negative: write a positive value without the minus sign, "
        f"e.g. {example}",
    )


def _amount_from_parts(integer: str, fraction: str) -> Decimal:
    # Exact construction with exponent -2: no quantize, no context.
    return Decimal(f"{integer}.{fraction.ljust(2, '0')}")


def _valid_leader(run: str) -> bool:
    """A first thousands group: 1-3 digits, not starting with 0 (so 0,500 is decimals)."""
    return 1 <= len(run) <= 3 and run[0] != "0"


def _parse_amount_body(body: str) -> Decimal:
    """Digits with optional thousands and decimal separators, no sign or currency."""
    if _AMOUNT_DIGITS.fullmatch(body):
        return Decimal(body + ".00")
    match = _AMOUNT_SIMPLE_DECIMAL.fullmatch(body)
    if match:  # 85000.50, 85000,5, 1.23: a dot or comma followed by 1-2 digits
        return _amount_from_parts(match[1], match[2])
    if not _AMOUNT_BODY_CHARS.fullmatch(body):
        raise ValueProblem(*_AMOUNT_UNREADABLE)

    seps = _AMOUNT_TOKENS.findall(body)
    runs = _AMOUNT_TOKENS.split(body)
    if any(not run for run in runs):  # ",50", "85.", "1..000"
        raise ValueProblem(*_AMOUNT_GROUPING if len(runs) > 2 else _AMOUNT_UNREADABLE)

    last = seps[-1]
    marks = set(seps) - {" "}
    if last == " ":
        decimal_sep = None
    elif len(marks) == 2:  # both '.' and ',': the last one is the decimal separator
        if seps.count(last) != 1:
            raise ValueProblem(*_AMOUNT_GROUPING)
        decimal_sep = last
    elif seps.count(last) > 1:  # 1.234.567 or 1,234,567
        decimal_sep = None
    else:  # a single '.' or ',' (maybe after space-grouped thousands)
        fraction = runs[-1]
        alone = len(seps) == 1
        if len(fraction) == 3 and alone and _valid_leader(runs[0]):
            if last == ",":
                lead = runs[0]
                raise ValueProblem(
                    f"importo ambiguo: scrivere {lead}.{fraction} (migliaia) "
                    f"oppure {lead},{fraction[:2]} (decimali)",
                    f"ambiguous amount: write {lead}.{fraction} (thousands) "
                    f"or {lead},{fraction[:2]} (decimals)",
                )
            decimal_sep = None  # 85.000: dot + exactly three digits = thousands
        elif len(fraction) >= 4 and alone and _valid_leader(runs[0]):
            raise ValueProblem(*_AMOUNT_GROUPING)  # 1.2345
        elif len(fraction) == 3 and not alone:
            raise ValueProblem(*_AMOUNT_GROUPING)  # 85 000.000: mixed thousands marks
        else:
            decimal_sep = last

    if decimal_sep is None:
        int_runs, fraction, thousands = runs, "", seps
    else:
        int_runs, fraction, thousands = runs[:-1], runs[-1], seps[:-1]
    if thousands:
        if len(set(thousands)) != 1 or not _valid_leader(int_runs[0]):
            raise ValueProblem(*_AMOUNT_GROUPING)
        if any(len(run) != 3 for run in int_runs[1:]):
            raise ValueProblem(*_AMOUNT_GROUPING)
    integer = "".join(int_runs)
    if len(fraction) > 2:
        raise _too_many_decimals(integer, fraction)
    return _amount_from_parts(integer, fraction)


@lru_cache(maxsize=4096)
def _parse_amount_str(value: str) -> Decimal:
    text = value.strip()
    if _AMOUNT_DIGITS.fullmatch(text):  # fast path: 85000
        return Decimal(text + ".00")
    match = _AMOUNT_ITALIAN.fullmatch(text)
    if match:  # fast path: 85.000,00 €
        return _amount_from_parts(match[1].replace(".", ""), match[2] or "")
    text = _clean(text)
    if not text:
        raise ValueProblem(*_AMOUNT_MISSING)
    text = _WHITESPACE.sub(" ", text)  # non-breaking / thin spaces as thousands separator
    negative = False
    if text[0] in _MINUS_SIGNS or text[0] == "+":
        negative = text[0] != "+"
        text = text[1:].lstrip()
    text = _AMOUNT_CURRENCY.sub("", text, count=2)
    if text and (text[0] in _MINUS_SIGNS or text[0] == "+"):  # € -500
        negative = negative or text[0] != "+"
        text = text[1:].lstrip()
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":  # accounting style (500)
        negative = True
        text = text[1:-1].strip()
    if not text:
        raise ValueProblem(*_AMOUNT_UNREADABLE)
    amount = _parse_amount_body(text)
    if negative and amount:
        raise _negative(amount)
    return amount


def _amount_from_decimal(value: Decimal, *, exact: bool) -> Decimal:
    if value.is_nan():
        raise ValueProblem(*_AMOUNT_MISSING)
    if not value.is_finite():
        raise ValueProblem(*_AMOUNT_UNREADABLE)
    try:
        amount = value.quantize(_CENT, ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueProblem(*_AMOUNT_OUT_OF_RANGE) from None
    if exact and amount != value:
        _sign, digits, exponent = value.as_tuple()
        text = "".join(map(str, digits)).rjust(-exponent + 1, "0")
        raise _too_many_decimals(text[:exponent], text[exponent:])
    if amount < 0:
        raise _negative(-amount)
    return amount if amount else amount + 0  # -0.00 -> 0.00


def parse_amount(value: object) -> Decimal:
    """A euro amount as a Decimal with exactly two decimals.

    Strings: ``€ 85.000,00``, ``85.000,00 €``, ``EUR 85000``, ``85000``, ``85.000``
    (dot + three digits = thousands), ``1.234.567,89``, ``85000.50``, ``85000,5``,
    ``85 000,00``, ``1,234.56``. Floats are rounded half-up to cents via ``repr``;
    Decimals are exact, so more than two (non-zero) decimals are refused as in text.
    Negative amounts, more than two decimals, malformed grouping and the ambiguous
    ``85,000`` raise :class:`ValueProblem`.
    """
    if type(value) is str:
        return _parse_amount_str(value)
    if value is None:
        raise ValueProblem(*_AMOUNT_MISSING)
    if isinstance(value, bool):
        raise ValueProblem(*_AMOUNT_UNREADABLE)
    if isinstance(value, int):
        if value < 0:
            raise _negative(Decimal(-value))
        return Decimal(f"{int(value)}.00")
    if isinstance(value, float):
        if _is_missing_float(value):
            raise ValueProblem(*_AMOUNT_MISSING)
        # float.__repr__: numpy.float64 is a float whose repr is "np.float64(...)".
        return _amount_from_decimal(Decimal(float.__repr__(value)), exact=False)
    if isinstance(value, Decimal):
        return _amount_from_decimal(value, exact=True)
    if isinstance(value, str):  # str subclass
        return _parse_amount_str(str(value))
    if isinstance(value, numbers.Integral):  # numpy integers
        return parse_amount(int(value))
    if isinstance(value, numbers.Real):  # numpy floats that are not float subclasses
        return parse_amount(float(value))
    raise ValueProblem(*_AMOUNT_UNREADABLE)


# --------------------------------------------------------------------------- dates

_TIME_PART = (
    r"(?:(?:\s*[T,]\s*|\s+)(?:ore\s+)?"
    r"(?P<hh>[0-9]{1,2})[:.](?P<mi>[0-9]{2})(?:[:.](?P<ss>[0-9]{2})(?:[.,](?P<us>[0-9]{1,6}))?)?)?"
)
_TZ_PART = r"(?:\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?))?"
_DATE_IT = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})"
    + _TIME_PART,
    re.IGNORECASE,
)
_DATE_ISO = re.compile(
    r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    + _TIME_PART
    + _TZ_PART,
    re.IGNORECASE,
)
_SERIAL_TEXT = re.compile(r"[0-9]{5}(?:[.,][0-9]+)?")

_MONTH_NAMES = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("gennaio", "gen", "january", "jan"),
                ("febbraio", "feb", "february"),
                ("marzo", "mar", "march"),
                ("aprile", "apr", "april"),
                ("maggio", "mag", "may"),
                ("giugno", "giu", "june", "jun"),
                ("luglio", "lug", "july", "jul"),
                ("agosto", "ago", "august", "aug"),
                ("settembre", "set", "sett", "september", "sep", "sept"),
                ("ottobre", "ott", "october", "oct"),
                ("novembre", "nov", "november"),
                ("dicembre", "dic", "december", "dec"),
            ],
            start=1,
        )
        for name in names
    }
}
_DATE_NAMED = re.compile(
    r"(?P<d>[0-9]{1,2})[\s./-]*(?P<mname>"
    + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
    + r")\.?[\s./-]*(?P<y>[0-9]{4}|[0-9]{2})"
    + _TIME_PART,
    re.IGNORECASE,
)

_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 and later (after Excel's fake 29/02/1900)

_DATE_MISSING = (
    "data mancante: scrivere ad esempio 31/01/2025",
    "missing date: write e.g. 31/01/2025",
)
_DATE_UNREADABLE = (
    "data non leggibile: usare 31/01/2025 oppure 2025-01-31",
    "unreadable date: use 31/01/2025 or 2025-01-31",
)
_TIME_INVALID = (
    "orario non valido: usare ore e minuti da 00:00 a 23:59, ad esempio 31/01/2025 10:32",
    "invalid time: use hours and minutes from 00:00 to 23:59, e.g. 31/01/2025 10:32",
)


def _date_does_not_exist(year: int, month: int, day: int) -> ValueProblem:
    if month > 12 and 1 <= day <= 12:
        try:
            swapped = format_date_it(date(year, day, month))
        except ValueError:
            swapped = None
        if swapped:
            return ValueProblem(
                f"la data non esiste: il giorno va prima del mese, scrivere {swapped}",
                f"date does not exist: put the day before the month, write {swapped}",
            )
    return ValueProblem(
        "la data non esiste: controllare giorno e mese, ad esempio 28/02/2025 "
        "(scrivere 31/01/2025 oppure 2025-01-31)",
        "date does not exist: check day and month, e.g. 28/02/2025 "
        "(write 31/01/2025 or 2025-01-31)",
    )


def _build(year: int, month: int, day: int, match: re.Match[str]) -> tuple[date, time | None]:
    try:
        d = date(year, month, day)
    except ValueError:
        raise _date_does_not_exist(year, month, day) from None
    hh = match["hh"]
    if hh is None:
        return d, None
    ss, us = match["ss"], match["us"]
    try:
        t = time(
            int(hh),
            int(match["mi"]),
            int(ss) if ss else 0,
            int(us.ljust(6, "0")) if us else 0,
        )
    except ValueError:
        raise ValueProblem(*_TIME_INVALID) from None
    return d, t


def _from_serial(serial: float | Decimal) -> tuple[date, time | None]:
    """Excel 1900 date system: 1 = 01/01/1900, 60 = the non-existent 29/02/1900,
    45688 = 31/01/2025; the fraction of the day is the time."""
    if not 1 <= serial < _EXCEL_MAX_SERIAL + 1:
        raise ValueProblem(
            "numero non plausibile come data: usare 31/01/2025 oppure 2025-01-31",
            "number is not a plausible date: use 31/01/2025 or 2025-01-31",
        )
    days = int(serial)
    seconds = round((serial - days) * 86400)
    if seconds >= 86400:
        days, seconds = days + 1, 0
    if days == 60:
        raise ValueProblem(
            "la data non esiste: 29/02/1900 (numero 60 di Excel); scrivere 28/02/1900 "
            "oppure 01/03/1900",
            "date does not exist: 29/02/1900 (Excel serial 60); write 28/02/1900 or 01/03/1900",
        )
    try:
        d = _EXCEL_EPOCH + timedelta(days=days if days > 60 else days + 1)
    except OverflowError:
        raise ValueProblem(*_DATE_UNREADABLE) from None
    if not seconds:
        return d, None
    return d, time(seconds // 3600, seconds // 60 % 60, seconds % 60)


@lru_cache(maxsize=8192)
def _parse_date_str(value: str) -> tuple[date, time | None]:
    text = _clean(value)
    if not text:
        raise ValueProblem(*_DATE_MISSING)
    match = _DATE_IT.fullmatch(text)
    if match:
        year = int(match["y"])
        if len(match["y"]) == 2:
            year += 2000
        return _build(year, int(match["m"]), int(match["d"]), match)
    match = _DATE_ISO.fullmatch(text)
    if match:
        return _build(int(match["y"]), int(match["m"]), int(match["d"]), match)
    if _SERIAL_TEXT.fullmatch(text):
        return _from_serial(float(text.replace(",", ".")))
    match = _DATE_NAMED.fullmatch(" ".join(text.split()))
    if match:
        year = int(match["y"])
        if len(match["y"]) == 2:
            year += 2000
        month = _MONTH_NAMES[match["mname"].casefold()]
        return _build(year, month, int(match["d"]), match)
    raise ValueProblem(*_DATE_UNREADABLE)


def parse_date(value: object) -> tuple[date, time | None]:
    """A date and an optional time of day.

    Strings: ``31/01/2025``, ``31/1/2025``, ``31-01-2025``, ``31.01.2025``, ``31/01/25``
    (two-digit years are 20xx), ``2025-01-31``, ``2025-01-31T10:32:00`` (a time-zone
    suffix is ignored: the wall-clock time is kept), ``2025-01-31 10:32``,
    ``31/01/2025 10:32[:15]``, ``31 gen 2025``, five-digit Excel serials ``45688`` /
    ``45688.5``. Numbers are Excel serials (1900 date system) in 1..2958465.
    ``date``/``datetime`` objects (including pandas ``Timestamp``) pass through.

    The time is None when the value has none: no time in the text, a serial without
    fraction, or a datetime at exactly midnight. A time written in the text is kept
    even when it is 00:00.
    """
    if type(value) is str:
        return _parse_date_str(value)
    if value is None:
        raise ValueProblem(*_DATE_MISSING)
    if isinstance(value, datetime):
        if value != value:  # pandas NaT
            raise ValueProblem(*_DATE_MISSING)
        t = value.time()
        return date(value.year, value.month, value.day), (None if t == time(0) else t)
    if isinstance(value, date):
        return date(value.year, value.month, value.day), None
    if isinstance(value, bool):
        raise ValueProblem(*_DATE_UNREADABLE)
    if isinstance(value, int | float):
        if isinstance(value, float) and _is_missing_float(value):
            raise ValueProblem(*_DATE_MISSING)
        if isinstance(value, float) and math.isinf(value):
            raise ValueProblem(*_DATE_UNREADABLE)
        return _from_serial(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            raise ValueProblem(*_DATE_MISSING)
        if not value.is_finite():
            raise ValueProblem(*_DATE_UNREADABLE)
        return _from_serial(value)
    if isinstance(value, str):
        return _parse_date_str(str(value))
    if isinstance(value, numbers.Real):  # numpy numbers
        return parse_date(float(value))
    raise ValueProblem(*_DATE_UNREADABLE)


# --------------------------------------------------------------------------- integers

MAX_MONTHS = 120

_MONTHS_TEXT = re.compile(
    r"(?P<sign>[-−+])?\s*(?P<n>[0-9]{1,9})(?:[.,](?P<frac>[0-9]+))?\s*"
    r"(?:mesi|mese|months?|m)?\.?",
    re.IGNORECASE,
)
_MONTHS_MISSING = (
    "durata mancante: scrivere il numero di mesi, ad esempio 10",
    "missing duration: write the number of months, e.g. 10",
)
_MONTHS_UNREADABLE = (
    "durata non leggibile: scrivere il numero di mesi, ad esempio 10 oppure 10 mesi",
    "unreadable duration: write the number of months, e.g. 10 or 10 months",
)
_MONTHS_NOT_INTEGER = (
    "la durata deve essere un numero intero di mesi: scrivere ad esempio 10",
    "duration must be a whole number of months: write e.g. 10",
)


def _check_months(n: int) -> int:
    if 1 <= n <= MAX_MONTHS:
        return n
    if n < 0:
        raise ValueProblem(
            f"la durata non può essere negativa: scrivere un numero di mesi da 1 a {MAX_MONTHS}",
            f"duration must not be negative: write a number of months from 1 to {MAX_MONTHS}",
        )
    if n == 0:
        raise ValueProblem(
            f"la durata deve essere di almeno 1 mese: scrivere un numero da 1 a {MAX_MONTHS}",
            f"duration must be at least 1 month: write a number from 1 to {MAX_MONTHS}",
        )
    raise ValueProblem(
        f"durata di {n} mesi oltre il massimo di {MAX_MONTHS}: scrivere un numero "
        f"da 1 a {MAX_MONTHS}",
        f"duration of {n} months exceeds the maximum of {MAX_MONTHS}: write a number "
        f"from 1 to {MAX_MONTHS}",
    )


@lru_cache(maxsize=1024)
def _parse_months_str(value: str) -> int:
    text = value.strip()
    if text.isdigit() and text.isascii():
        return _check_months(int(text))
    text = _clean(text)
    if not text:
        raise ValueProblem(*_MONTHS_MISSING)
    match = _MONTHS_TEXT.fullmatch(text)
    if not match:
        raise ValueProblem(*_MONTHS_UNREADABLE)
    if match["frac"] and match["frac"].strip("0"):
        raise ValueProblem(*_MONTHS_NOT_INTEGER)
    n = int(match["n"])
    if match["sign"] and match["sign"] != "+" and n:
        n = -n
    return _check_months(n)


def _integral_number(value: object, not_integer: tuple[str, str], missing: tuple[str, str]) -> int:
    """An int from int/float/Decimal cell values that hold a whole number."""
    if isinstance(value, float):
        if _is_missing_float(value):
            raise ValueProblem(*missing)
        if not value.is_integer():
            raise ValueProblem(*not_integer)
        return int(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            raise ValueProblem(*missing)
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueProblem(*not_integer)
        return int(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return _integral_number(float(value), not_integer, missing)
    raise TypeError(type(value).__name__)


def parse_months(value: object) -> int:
    """A duration in whole months, 1..120: ``10``, ``10 mesi``, ``10 mese``,
    ``10 months``, ``10,0``, ``10.0``, 10, 10.0."""
    if type(value) is str:
        return _parse_months_str(value)
    if type(value) is int:
        return _check_months(value)
    if value is None:
        raise ValueProblem(*_MONTHS_MISSING)
    if isinstance(value, bool):
        raise ValueProblem(*_MONTHS_UNREADABLE)
    if isinstance(value, str):
        return _parse_months_str(str(value))
    try:
        n = _integral_number(value, _MONTHS_NOT_INTEGER, _MONTHS_MISSING)
    except TypeError:
        raise ValueProblem(*_MONTHS_UNREADABLE) from None
    return _check_months(n)


_LABELLED_INT = re.compile(
    r"(?P<head>.*?)\s*(?P<sign>[-−])?\s*(?P<num>[0-9]+(?:[.,][0-9]+)?|\b[ivxlc]+)",
    re.IGNORECASE | re.DOTALL,
)
_HEAD_SPLIT = re.compile(r"[\s.°º:#]+")
_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_NUMBER_WORDS = ("n", "nr", "num", "numero", "no", "number")


def _roman_to_int(text: str) -> int | None:
    text = text.casefold()
    if not _ROMAN.fullmatch(text):
        return None
    total = 0
    for current, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _range_reasons(low: int, high: int, what_it: str, what_en: str, roman: bool):
    example_it = f"ad esempio {low}" + (" oppure I" if roman and low == 1 else "")
    example_en = f"e.g. {low}" + (" or I" if roman and low == 1 else "")
    missing = (
        f"{what_it} mancante: scrivere un numero da {low} a {high}, {example_it}",
        f"missing {what_en}: write a number from {low} to {high}, {example_en}",
    )
    unreadable = (
        f"{what_it} non leggibile: scrivere un numero da {low} a {high}, {example_it}",
        f"unreadable {what_en}: write a number from {low} to {high}, {example_en}",
    )
    not_integer = (
        f"{what_it} deve essere un numero intero: scrivere un numero da {low} a {high}",
        f"{what_en} must be a whole number: write a number from {low} to {high}",
    )
    return missing, unreadable, not_integer


def _check_range(n: int, low: int, high: int, what_it: str, what_en: str) -> int:
    if low <= n <= high:
        return n
    raise ValueProblem(
        f"{what_it} {n} fuori intervallo: scrivere un numero da {low} a {high}",
        f"{what_en} {n} out of range: write a number from {low} to {high}",
    )


@lru_cache(maxsize=2048)
def _parse_int_str(value: str, low: int, high: int, what_it: str, what_en: str, roman: bool) -> int:
    text = value.strip()
    if text.isdigit() and text.isascii():
        return _check_range(int(text), low, high, what_it, what_en)
    missing, unreadable, not_integer = _range_reasons(low, high, what_it, what_en, roman)
    text = _clean(text)
    if not text:
        raise ValueProblem(*missing)
    match = _LABELLED_INT.fullmatch(text)
    if not match:
        raise ValueProblem(*unreadable)
    head = match["head"]
    if head:
        # Each word before the number must abbreviate a word of the label ("Mun." for
        # "Municipio") or be a number word ("n.", "nr.").
        words = {normalise_key(w) for w in f"{what_it} {what_en}".split()}
        for token in _HEAD_SPLIT.split(head.casefold()):
            if token and token not in _NUMBER_WORDS:
                key = normalise_key(token)
                if not key or not any(word.startswith(key) for word in words):
                    raise ValueProblem(*unreadable)
    num = match["num"]
    if num[0].isdigit():
        integer, _, fraction = num.replace(",", ".").partition(".")
        if fraction.strip("0"):
            raise ValueProblem(*not_integer)
        n = int(integer)
    else:
        n = _roman_to_int(num) if roman else None
        if n is None:
            raise ValueProblem(*unreadable)
    if match["sign"]:
        n = -n
    return _check_range(n, low, high, what_it, what_en)


def parse_int_in_range(
    value: object,
    low: int,
    high: int,
    what_it: str,
    what_en: str,
    *,
    roman: bool = False,
) -> int:
    """A whole number in ``low..high``: ``3``, 3, 3.0, ``3,0``, and with a label made of
    abbreviations of the words of ``what_it``/``what_en`` (``Municipio 3``, ``Mun. 3``,
    ``n. 3``). ``roman=True`` also accepts Roman numerals (``III``, ``Municipio III``)."""
    if type(value) is str:
        return _parse_int_str(value, low, high, what_it, what_en, roman)
    if type(value) is int:
        return _check_range(value, low, high, what_it, what_en)
    missing, unreadable, not_integer = _range_reasons(low, high, what_it, what_en, roman)
    if value is None:
        raise ValueProblem(*missing)
    if isinstance(value, bool):
        raise ValueProblem(*unreadable)
    if isinstance(value, str):
        return _parse_int_str(str(value), low, high, what_it, what_en, roman)
    try:
        n = _integral_number(value, not_integer, missing)
    except TypeError:
        raise ValueProblem(*unreadable) from None
    return _check_range(n, low, high, what_it, what_en)


MUNICIPIO_MIN, MUNICIPIO_MAX = 1, 9


def parse_municipio(value: object) -> int:
    """Municipio 1..9: ``3``, 3, 3.0, ``Municipio 3``, ``Mun. 3``, ``III``,
    ``Municipio III``."""
    return parse_int_in_range(
        value, MUNICIPIO_MIN, MUNICIPIO_MAX, "Municipio", "Municipio", roman=True
    )


# --------------------------------------------------------------------------- matching

_KEY_DROP = re.compile(
    "[\\s\\-_.'`´/\\\\\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u02bc"
    "\u200b\u200c\u200d\u2060\ufeff]+"
)


def _strip_accents(text: str) -> str:
    """casefold + NFKD without combining marks, repeated until stable (casefolding
    can produce characters that decompose again, e.g. 'İ' -> 'i̇')."""
    for _ in range(4):
        folded = unicodedata.normalize("NFKD", text.casefold())
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        if folded == text:
            break
        text = folded
    return text


@lru_cache(maxsize=4096)
def _normalise_key(text: str) -> str:
    if text.isascii():
        return _KEY_DROP.sub("", text.casefold())
    return _KEY_DROP.sub("", _strip_accents(text))


def normalise_key(text: str) -> str:
    """Column-header key: casefolded, accents stripped, without spaces, hyphens,
    underscores, dots, apostrophes and slashes. ``"Códice-Domanda"`` ->
    ``"codicedomanda"``. Non-strings (pandas may give int headers) go through ``str``."""
    if type(text) is not str:
        text = "" if text is None else str(text)
    return _normalise_key(text)


_LEGAL_FORMS = (
    r"s ?r ?l ?s",
    r"s ?r ?l",
    r"s ?p ?a",
    r"s ?a ?p ?a",
    r"s ?n ?c",
    r"s ?a ?s",
    r"s ?c ?a ?r ?l",
    r"s ?c ?r ?l",
    r"s ?c ?s",
    r"a ?r ?l",
    r"(?:soc(?:ieta)? ?)?coop(?:erativa)?(?: sociale)?",
    r"onlus",
    r"a ?p ?s",
    r"o ?d ?v",
    r"e ?t ?s",
    r"a ?s ?d",
    r"s ?s ?d",
    r"impresa sociale",
    r"unipersonale",
)
_LEGAL_SUFFIX = re.compile(r"\s(?:" + "|".join(_LEGAL_FORMS) + r")$")
_NAME_DELETE = re.compile(r"\.")
_NAME_SPACE = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def _normalise_name(text: str) -> str:
    text = _strip_accents(text) if not text.isascii() else text.casefold()
    text = _NAME_DELETE.sub("", text)  # s.r.l. -> srl
    text = _NAME_SPACE.sub(" ", text).strip()  # other punctuation separates words
    while True:
        match = _LEGAL_SUFFIX.search(text)
        if not match:
            return text
        text = text[: match.start()].rstrip()


def normalise_name(text: str) -> str:
    """Entity-name key: casefolded, accents stripped, dots removed, other punctuation
    turned into spaces, whitespace collapsed, trailing Italian legal forms removed
    ("S.r.l.", "S.p.A.", "soc. coop.", "ONLUS", "APS", "ETS", ...):
    ``"Bottega Rossi S.r.l."`` == ``"bottega rossi srl"`` == ``"BOTTEGA ROSSI"``.
    A name that is only a legal form ("Coop") is kept."""
    if type(text) is not str:
        text = "" if text is None else str(text)
    return _normalise_name(text)


# --------------------------------------------------------------------------- tax codes

_TAX_CLEAN = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff]+")
_TAX_FLOATED = re.compile(r"([0-9]{1,11})\.0+")  # 1199250158.0: a number cell as text
_PIVA = re.compile(r"[0-9]{11}")
_CF_PERSON = re.compile(
    r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
)
# Official odd-position values (positions 1, 3, ..., 15 counting from 1).
_CF_ODD_DIGITS = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21)  # 0..9
_CF_ODD_LETTERS = (  # A..Z
    (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23)
)
_CF_ODD = {
    **dict(zip("0123456789", _CF_ODD_DIGITS, strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _CF_ODD_LETTERS, strict=True)),
}
# Even positions: digits are their value, letters A=0 .. Z=25.
_CF_EVEN = {
    **{str(i): i for i in range(10)},
    **{chr(65 + i): i for i in range(26)},
}

_TAX_MISSING = (
    "codice fiscale mancante: scrivere la partita IVA (11 cifre) o il codice fiscale "
    "(16 caratteri)",
    "missing tax code: write the Partita IVA (11 digits) or the codice fiscale (16 characters)",
)


def parse_tax_code(value: object) -> str:
    """Cleaned tax code: upper case, no spaces, ``IT`` VAT prefix dropped; numbers (and
    ``"1199250158.0"``) get back the leading zeros a spreadsheet drops. No validity
    check: see :func:`tax_code_problem`."""
    if value is None:
        raise ValueProblem(*_TAX_MISSING)
    if isinstance(value, bool):
        raise ValueProblem(
            "codice fiscale non leggibile: scrivere 11 cifre (partita IVA) o 16 caratteri",
            "unreadable tax code: write 11 digits (Partita IVA) or 16 characters",
        )
    if isinstance(value, float | Decimal):
        if value.is_nan() if isinstance(value, Decimal) else value != value:
            raise ValueProblem(*_TAX_MISSING)
        if not (math.isfinite(value) and value == int(value)):
            raise ValueProblem(
                "codice fiscale non leggibile: scrivere 11 cifre senza decimali",
                "unreadable tax code: write 11 digits without decimals",
            )
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return text.zfill(11) if value >= 0 and len(text) <= 11 else text
    text = _TAX_CLEAN.sub("", str(value)).upper()
    if not text:
        raise ValueProblem(*_TAX_MISSING)
    floated = _TAX_FLOATED.fullmatch(text)
    if floated:
        return floated[1].zfill(11)
    if len(text) == 13 and text.startswith("IT") and text[2:].isdigit():
        return text[2:]
    return text


def partita_iva_check_digit(first10: str) -> str:
    """Check digit of a Partita IVA / numeric codice fiscale (Luhn): digits in odd
    positions are summed, digits in even positions doubled (minus 9 when over 9)."""
    total = 0
    for index, char in enumerate(first10[:10]):
        digit = ord(char) - 48
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def codice_fiscale_check_char(first15: str) -> str:
    """Check character of a personal codice fiscale (official odd/even tables)."""
    total = 0
    for index, char in enumerate(first15[:15]):
        total += _CF_EVEN[char] if index % 2 else _CF_ODD[char]
    return chr(65 + total % 26)


def tax_code_issue(code: str) -> ValueProblem | None:
    """None when ``code`` is a valid Partita IVA / numeric codice fiscale (11 digits,
    correct check digit) or personal codice fiscale (16 characters, omocodia letters
    allowed, correct check character); otherwise the bilingual problem."""
    code = _TAX_CLEAN.sub("", code).upper()
    if not code:
        return ValueProblem(*_TAX_MISSING)
    length = len(code)
    if length == 11 and _PIVA.fullmatch(code):
        if code == "00000000000":
            return ValueProblem(
                "partita IVA non valida: 00000000000 non è un numero assegnato, scrivere "
                "la partita IVA vera (11 cifre)",
                "invalid Partita IVA: 00000000000 is not an assigned number, write the "
                "real Partita IVA (11 digits)",
            )
        if partita_iva_check_digit(code) != code[10]:
            return ValueProblem(
                "partita IVA / codice fiscale numerico non valido: la cifra di controllo "
                "non corrisponde, ricontrollare le 11 cifre",
                "invalid Partita IVA / numeric codice fiscale: the check digit does not "
                "match, re-check the 11 digits",
            )
        return None
    if length == 16 and code.isascii() and code.isalnum():
        if not _CF_PERSON.fullmatch(code):
            return ValueProblem(
                "codice fiscale con struttura non valida: ricontrollarlo, deve essere come "
                "RSSMRA85T10A562S (6 lettere, 2 cifre, lettera del mese, 2 cifre, "
                "lettera e 3 cifre del comune, lettera di controllo)",
                "codice fiscale with an invalid structure: re-check it, it must look like "
                "RSSMRA85T10A562S (6 letters, 2 digits, month letter, 2 digits, "
                "letter and 3 digits for the town, check letter)",
            )
        if codice_fiscale_check_char(code) != code[15]:
            return ValueProblem(
                "codice fiscale non valido: il carattere di controllo (l'ultimo) non "
                "corrisponde, ricontrollare i 16 caratteri",
                "invalid codice fiscale: the check character (the last one) does not "
                "match, re-check the 16 characters",
            )
        return None
    if code.isdigit() and code.isascii() and length < 11:
        padded = code.zfill(11)
        if partita_iva_check_digit(padded) == padded[10]:
            return ValueProblem(
                f"partita IVA di {length} cifre invece di 11: probabilmente il foglio di "
                f"calcolo ha tolto gli zeri iniziali, scrivere {padded}",
                f"Partita IVA with {length} digits instead of 11: the spreadsheet probably "
                f"dropped the leading zeros, write {padded}",
            )
    return ValueProblem(
        f"codice fiscale non valido ({length} caratteri): scrivere 11 cifre (partita IVA) "
        "o 16 caratteri (codice fiscale personale), senza spazi né punti",
        f"invalid tax code ({length} characters): write 11 digits (Partita IVA) or "
        "16 characters (personal codice fiscale), without spaces or dots",
    )


@lru_cache(maxsize=65536)
def tax_code_problem(code: str) -> str | None:
    """None when ``code`` is valid, else the Italian reason (see :func:`tax_code_issue`
    for both languages)."""
    issue = tax_code_issue(code)
    return None if issue is None else issue.reason_it
