"""desktop.domain.formatting: how amounts, percentages, dates, Rome times and scores
are written (money itself is tested in test_money.py, dates in test_italian.py)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import formatting
from desktop.domain.formatting import (
    date,
    date_time,
    datetime_local,
    datetime_rome,
    money,
    money_whole,
    parse_score,
    percent,
    score,
)
from desktop.domain.italian import parse_amount, parse_date
from desktop.domain.money import from_cents

CENTS = st.integers(min_value=0, max_value=10**13)


@given(CENTS)
def test_money_round_trips_through_the_italian_parser(cents: int) -> None:
    assert parse_amount(money(cents)) == from_cents(cents)
    assert parse_amount(money(from_cents(cents), symbol=False)) == from_cents(cents)


def test_money_whole_rounds_half_up_to_euros() -> None:
    assert money_whole(1_000_000) == "10.000 €"
    assert money_whole(149) == "1 €"
    assert money_whole(150) == "2 €"
    assert money_whole(-150) == "-2 €"
    assert money_whole(Decimal("1.50")) == "2 €"  # a Decimal is euros, as for money()


def test_percent_has_one_decimal_and_drops_a_zero_one() -> None:
    assert percent(Decimal("66.67")) == "66,7%"
    assert percent(Decimal("80.00")) == "80%"
    assert percent(Decimal("0.05")) == "0,1%"
    assert percent(Decimal("-12.25")) == "-12,3%"
    assert percent(0) == "0%"
    with pytest.raises(TypeError):
        percent(60.5)  # type: ignore[arg-type]


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4))
def test_percent_agrees_with_decimal_half_up(value: Decimal) -> None:
    with localcontext() as ctx:
        ctx.prec = 50
        expected = f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}".removesuffix(".0")
    if expected in ("-0", "-0.0"):
        expected = "0"
    assert percent(value) == expected.replace(".", ",") + "%"


def test_dates_are_day_month_year() -> None:
    assert date(dt.date(2026, 12, 5)) == "05/12/2026"
    assert date_time(dt.datetime(2026, 12, 5, 14, 3)) == "05/12/2026 14:03"
    assert date_time(dt.date(2026, 12, 5), dt.time(9, 5, 7)) == "05/12/2026 09:05:07"


@given(st.dates(min_value=dt.date(1900, 1, 1)))
def test_date_reads_back(day: dt.date) -> None:
    assert parse_date(date(day)) == (day, None)


def test_datetime_local_is_to_the_minute_without_a_time_zone_change() -> None:
    assert datetime_local(dt.datetime(2026, 4, 20, 11, 0, 59)) == "20/04/2026 11:00"
    assert datetime_local(dt.datetime(2026, 4, 20, 0, 0)) == "20/04/2026 00:00"
    assert datetime_local(dt.datetime(2026, 4, 20, 9, 5, tzinfo=dt.UTC)) == "20/04/2026 09:05"


def test_datetime_rome_is_rome_time_winter_and_summer() -> None:
    assert datetime_rome(dt.datetime(2026, 12, 5, 13, 3, tzinfo=dt.UTC)) == "05/12/2026 14:03"
    assert datetime_rome(dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)) == "02/07/2026 00:30"
    # Naive moments are UTC, as stored.
    assert datetime_rome(dt.datetime(2026, 12, 5, 13, 3)) == "05/12/2026 14:03"
    new_york = dt.timezone(dt.timedelta(hours=-5))
    assert datetime_rome(dt.datetime(2026, 12, 5, 8, 3, tzinfo=new_york)) == "05/12/2026 14:03"
    assert formatting.ROME.key == "Europe/Rome"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (None, None, ""),
        (None, 2, ""),
        (Decimal("12.5"), None, "12,5"),
        (Decimal("80"), None, "80"),
        (Decimal("80.00"), None, "80"),
        (80, None, "80"),
        (Decimal("72.33"), None, "72,33"),
        (Decimal("0.50"), None, "0,5"),
        (Decimal("73.333"), 2, "73,33"),
        (Decimal("59.665"), 2, "59,67"),  # half up, as the rules round
        (Decimal("-59.665"), 2, "-59,67"),
        (Fraction(263, 3), 2, "87,67"),
        (Decimal("80"), 2, "80,00"),
        (7, 1, "7,0"),
        (Decimal("7.45"), 0, "7"),
    ],
)
def test_score(value, places, text) -> None:
    assert score(value, places) == text


def test_a_fraction_score_needs_places() -> None:
    with pytest.raises(TypeError):
        score(Fraction(1, 3))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        (" 1 2 ", Decimal("12")),
        ("", None),
        ("   ", None),
        ("1,2,3", None),
        ("1.2,3", None),
        ("dodici", None),
        ("inf", None),
        ("NaN", None),
    ],
)
def test_parse_score(text: str, value: Decimal | None) -> None:
    assert parse_score(text) == value


@given(st.decimals(min_value=0, max_value=1000, places=2))
def test_score_round_trips(value: Decimal) -> None:
    assert parse_score(score(value)) == value
    assert parse_score(score(value, 2)) == value
