"""Exact money helpers.

Money is stored as integer cents and handled as :class:`~decimal.Decimal` euros in
arithmetic. Floats are refused everywhere: a float amount has already lost exactness.

All conversions go through ``as_integer_ratio`` so they are exact for any magnitude and
do not depend on the current decimal context precision.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from desktop.domain.formatting import money

__all__ = ["format_eur", "from_cents", "share_cents", "to_cents"]

# Writing an amount is desktop.domain.formatting.money; the old name stays for the
# command line and the exports until they move to it.
format_eur = money


def _check_int(value: object, name: str) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return int(value)


def _ratio(value: object, name: str) -> tuple[int, int]:
    """Exact (numerator, denominator) of a Decimal/int/Fraction; floats refused."""
    if isinstance(value, bool | float):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if isinstance(value, int):
        return int(value), 1
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be a finite number, got {value}")
        return value.as_integer_ratio()
    if isinstance(value, Fraction):
        return value.numerator, value.denominator
    raise TypeError(f"{name} must be a Decimal, got {type(value).__name__}")


def _div_round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to an integer, halves away from zero
    (the same as ``decimal.ROUND_HALF_UP``). ``denominator`` must be positive."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return -quotient if numerator < 0 else quotient


def to_cents(amount: Decimal) -> int:
    """Euros (a Decimal with at most two decimals) to integer cents.

    ``Decimal("85000.5")`` -> ``8500050``. More than two significant decimals
    (``Decimal("1.005")``) raise ValueError: round explicitly before storing.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, got {type(amount).__name__}")
    numerator, denominator = _ratio(amount, "amount")
    cents, remainder = divmod(numerator * 100, denominator)
    if remainder:
        raise ValueError(f"amount {amount} has more than two decimals")
    return cents


def from_cents(cents: int) -> Decimal:
    """Integer cents to a Decimal in euros with exactly two decimals (exponent -2)."""
    cents = _check_int(cents, "cents")
    # String construction is exact whatever the context precision.
    return Decimal(f"{cents}E-2")


def share_cents(cents: int, fraction: Decimal) -> int:
    """``cents × fraction`` rounded ROUND_HALF_UP (halves away from zero) to whole cents.

    ``fraction`` is a Decimal (an int or ``fractions.Fraction`` is also accepted);
    floats are refused. Exact for any magnitude.
    """
    cents = _check_int(cents, "cents")
    numerator, denominator = _ratio(fraction, "fraction")
    return _div_round_half_up(cents * numerator, denominator)
