"""Tests for desktop.domain.money: exact cents, Decimal euros; and the Italian
formatting of amounts (desktop.domain.formatting.money, formerly money.format_eur)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.formatting import money as format_eur
from desktop.domain.money import from_cents, share_cents, to_cents

CENTS = st.integers(min_value=-(10**15), max_value=10**15)


# --------------------------------------------------------------------------- to_cents


@pytest.mark.parametrize(
    ("amount", "cents"),
    [
        (Decimal("85000.50"), 8500050),
        (Decimal("85000.5"), 8500050),
        (Decimal("85000"), 8500000),
        (Decimal("1.500"), 150),  # trailing zeros are not "more decimals"
        (Decimal("0"), 0),
        (Decimal("-0.00"), 0),
        (Decimal("-12.34"), -1234),
        (Decimal("1E+3"), 100000),
        (Decimal("12345678901234567890123456789.99"), 1234567890123456789012345678999),
    ],
)
def test_to_cents(amount: Decimal, cents: int) -> None:
    assert to_cents(amount) == cents
    assert type(to_cents(amount)) is int


@pytest.mark.parametrize("amount", [Decimal("1.005"), Decimal("0.001"), Decimal("-3.141")])
def test_to_cents_rejects_more_than_two_decimals(amount: Decimal) -> None:
    with pytest.raises(ValueError, match="more than two decimals"):
        to_cents(amount)


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_to_cents_rejects_non_finite(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        to_cents(amount)


@pytest.mark.parametrize("amount", [1.5, 150, "1.50", None, True])
def test_to_cents_requires_decimal(amount: object) -> None:
    with pytest.raises(TypeError):
        to_cents(amount)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- from_cents


def test_from_cents() -> None:
    assert from_cents(8500050) == Decimal("85000.50")
    assert str(from_cents(8500050)) == "85000.50"
    assert str(from_cents(0)) == "0.00"
    assert str(from_cents(5)) == "0.05"
    assert str(from_cents(-123450)) == "-1234.50"
    # Beyond the default 28-digit context precision: still exact.
    assert str(from_cents(10**40 + 1)) == "1" + "0" * 37 + "0.01"


@pytest.mark.parametrize("cents", [1.0, Decimal(1), "1", True, None])
def test_from_cents_requires_int(cents: object) -> None:
    with pytest.raises(TypeError):
        from_cents(cents)  # type: ignore[arg-type]


@given(CENTS)
def test_cents_round_trip(cents: int) -> None:
    amount = from_cents(cents)
    assert amount.as_tuple().exponent == -2
    assert to_cents(amount) == cents


# --------------------------------------------------------------------------- share_cents


@pytest.mark.parametrize(
    ("cents", "fraction", "expected"),
    [
        (1000, Decimal("0.333"), 333),
        (5, Decimal("0.5"), 3),  # 2.5 -> 3: half up
        (3, Decimal("0.5"), 2),  # 1.5 -> 2 (not banker's 2 by accident: see next)
        (1, Decimal("0.5"), 1),  # 0.5 -> 1 (banker's rounding would give 0)
        (101, Decimal("0.5"), 51),  # 50.5 -> 51
        (-5, Decimal("0.5"), -3),  # halves away from zero, like ROUND_HALF_UP
        (8500000, Decimal("0.40"), 3400000),
        (8500000, Decimal("1"), 8500000),
        (8500000, Decimal("0"), 0),
        (100, 2, 200),
        (100, Fraction(1, 3), 33),
        (200, Fraction(1, 3), 67),
    ],
)
def test_share_cents(cents: int, fraction: Decimal, expected: int) -> None:
    assert share_cents(cents, fraction) == expected


def test_share_cents_refuses_float() -> None:
    with pytest.raises(TypeError):
        share_cents(100, 0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        share_cents(1.0, Decimal("0.5"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        share_cents(100, Decimal("NaN"))


@given(
    CENTS,
    st.decimals(min_value=-10, max_value=10, places=6, allow_nan=False, allow_infinity=False),
)
def test_share_cents_matches_decimal_round_half_up(cents: int, fraction: Decimal) -> None:
    with localcontext() as ctx:
        ctx.prec = 100
        expected = int((Decimal(cents) * fraction).quantize(Decimal(1), ROUND_HALF_UP))
    assert share_cents(cents, fraction) == expected


# --------------------------------------------------------------------------- format_eur


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (8500000, "85.000,00 €"),
        (Decimal("85000"), "85.000,00 €"),
        (Decimal("85000.5"), "85.000,50 €"),
        (-123450, "-1.234,50 €"),
        (Decimal("-1234.5"), "-1.234,50 €"),
        (0, "0,00 €"),
        (5, "0,05 €"),
        (-5, "-0,05 €"),
        (99999, "999,99 €"),
        (100000, "1.000,00 €"),
        (123456789012, "1.234.567.890,12 €"),
        (Decimal("1.005"), "1,01 €"),  # more decimals: rounded half up for display
        (Decimal("-0.001"), "0,00 €"),
    ],
)
def test_format_eur(value: int | Decimal, text: str) -> None:
    assert format_eur(value) == text
    assert format_eur(value, symbol=False) == text.removesuffix(" €")


@pytest.mark.parametrize("value", [1.5, "100", None, True, Decimal("NaN")])
def test_format_eur_refuses_non_money(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        format_eur(value)  # type: ignore[arg-type]


_ITALIAN = re.compile(r"-?(?:0|[1-9][0-9]{0,2}(?:\.[0-9]{3})*),[0-9]{2} €")


@given(CENTS)
def test_format_eur_int_and_decimal_agree(cents: int) -> None:
    text = format_eur(cents)
    assert text == format_eur(from_cents(cents))
    assert _ITALIAN.fullmatch(text), text
    # Reading the digits back gives the cents.
    assert int(text.removesuffix(" €").replace(".", "").replace(",", "")) == cents


@settings(max_examples=50)
@given(CENTS)
def test_format_eur_without_symbol(cents: int) -> None:
    assert format_eur(cents, symbol=False) + " €" == format_eur(cents)
