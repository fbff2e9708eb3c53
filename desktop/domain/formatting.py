"""How a value is written for a reader, defined once: money, percentages, dates,
date-times (Europe/Rome), scores.

Figures are written the Italian way in both interface languages (``85.000,00 €``,
``31/01/2025``, ``72,5``): the documents of an Italian call are Italian, and the
English interface has always shown them so. Exact: amounts are integer cents or
Decimals, never floats; rounding is half up (away from zero), as in the rules.

Plain Python, no Qt, no database, and no other domain module: every layer may use it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

__all__ = [
    "ROME",
    "date",
    "date_time",
    "datetime_local",
    "datetime_rome",
    "money",
    "money_whole",
    "parse_score",
    "percent",
    "score",
]

ROME = ZoneInfo("Europe/Rome")


def _exact(value: object, name: str) -> Fraction:
    """An int, Decimal or Fraction as an exact Fraction; floats (already inexact),
    booleans and non-finite Decimals refused."""
    if isinstance(value, bool | float) or not isinstance(value, int | Decimal | Fraction):
        raise TypeError(f"{name} must be a Decimal, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value}")
    return Fraction(value)


def _round_half_up(value: Fraction) -> int:
    """To the nearest integer, halves away from zero (``decimal.ROUND_HALF_UP``)."""
    quotient, remainder = divmod(abs(value.numerator), value.denominator)
    if 2 * remainder >= value.denominator:
        quotient += 1
    return -quotient if value < 0 else quotient


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]]
    groups.extend(digits[i : i + 3] for i in range(head, len(digits), 3))
    return ".".join(groups)


# --- money -----------------------------------------------------------------------


def _cents(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if not isinstance(value, Decimal):
        raise TypeError(f"value must be int cents or Decimal euros, got {type(value).__name__}")
    return _round_half_up(_exact(value, "value") * 100)


def money(value: int | Decimal, *, symbol: bool = True) -> str:
    """``85.000,00 €``, negative ``-1.234,50 €``.

    An int is cents, a Decimal is euros (rounded half up to cents if it has more
    decimals). ``symbol=False`` omits the trailing `` €``. Floats are refused.
    """
    cents = _cents(value)
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    text = f"{sign}{_group_thousands(str(euros))},{rest:02d}"
    return f"{text} €" if symbol else text


def money_whole(value: int | Decimal) -> str:
    """``10.000 €``: whole euros (half up), for chart axes and compact figures. An int
    is cents, a Decimal euros, as for :func:`money`."""
    euros = _round_half_up(Fraction(_cents(value), 100))
    return money(euros * 100).rsplit(",", 1)[0] + " €"


# --- percentages -----------------------------------------------------------------


def percent(value: Decimal) -> str:
    """``60,5%``: a percentage (60.5 is 60.5%), one decimal half up, ``,0`` dropped."""
    tenths = _round_half_up(_exact(value, "percent") * 10)
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}" + (f",{tenth}" if tenth else "") + "%"


# --- dates and times -------------------------------------------------------------


def date(day: dt.date) -> str:
    """``31/01/2025``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def date_time(day: dt.date, time: dt.time | None = None) -> str:
    """``31/01/2025 10:32`` (seconds only when not zero), or just the date when
    ``time`` is None. A datetime passed as ``day`` with ``time`` None uses its own
    time unless it is midnight. The time is written as given: no time zone change."""
    if time is None and isinstance(day, dt.datetime):
        time = day.time()
        if time == dt.time(0):
            time = None
    text = date(day)
    if time is None:
        return text
    if time.second or time.microsecond:
        return f"{text} {time.hour:02d}:{time.minute:02d}:{time.second:02d}"
    return f"{text} {time.hour:02d}:{time.minute:02d}"


def datetime_local(moment: dt.datetime) -> str:
    """``05/12/2026 14:03``: to the minute, in the time the datetime carries (no time
    zone change: a naive one is this machine's local time, as the sync records it)."""
    return f"{date(moment)} {moment.hour:02d}:{moment.minute:02d}"


def datetime_rome(moment: dt.datetime) -> str:
    """``05/12/2026 14:03``, the moment in Rome's time. A naive datetime is UTC (as
    the database and the platform store them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return datetime_local(moment.astimezone(ROME))


# --- scores ----------------------------------------------------------------------


def score(value: Decimal | Fraction | int | None, places: int | None = None) -> str:
    """A score as an Italian reads it: ``12,5``, ``80``, ``72,33``; "" when missing.

    ``places`` fixes the decimals, rounding half up (a mean: ``73,33``); without it
    the value is written exactly, trailing zeros dropped (a Fraction needs
    ``places``)."""
    if value is None:
        return ""
    if places is not None:
        scaled = _round_half_up(_exact(value, "score") * 10**places)
        text = f"{Decimal(f'{scaled}E-{places}'):f}"  # exact, whatever the context
    else:
        if isinstance(value, Fraction):
            raise TypeError("a Fraction score needs places")
        text = f"{Decimal(value):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_score(text: str) -> Decimal | None:
    """``12,5`` or ``12.5`` → Decimal; None for an empty or unreadable text."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if text.count(",") + text.count(".") > 1:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except ArithmeticError:
        return None
    return value if value.is_finite() else None
