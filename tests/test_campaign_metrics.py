"""Campaign metrics as the committee reads them: exact percentages and averages, the
required daily rate, the forecast that expects the last-week surge, the at-risk
rules, the daily series in Milan's calendar, and the outcome at closing."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calls import CallConfigError, risk_rules
from desktop.domain.campaigns import (
    RISK_RULES,
    CampaignFacts,
    DonationFact,
    Phase,
    RiskRules,
    campaign_metrics,
    closing_outcome,
    daily_series,
    expected_share,
)

UTC = dt.UTC
OPENS = dt.datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CLOSES = OPENS + dt.timedelta(days=60)
TARGET = 3_000_000  # 30.000,00 €
GRANT = 3_000_000


def facts(raised=0, *, target=TARGET, status="open", donations=(), count=None, **more):
    return CampaignFacts(
        target_cents=target,
        raised_cents=raised,
        status=status,
        donors=more.pop("donors", 0),
        opens_at=more.pop("opens_at", OPENS),
        closes_at=more.pop("closes_at", CLOSES),
        donation_count=count,
        donations=tuple(donations),
        data_as_of=more.pop("data_as_of", None),
    )


def at_day(day) -> dt.datetime:
    return OPENS + dt.timedelta(days=day)


def only(rule: str) -> RiskRules:
    return RiskRules(rules=(rule,))


# --- exact figures -----------------------------------------------------------------


@given(
    raised=st.integers(0, 10**11),
    target=st.integers(1, 10**11),
    count=st.integers(1, 10**6),
)
def test_percent_of_target_and_average_donation_are_exact(raised, target, count):
    metrics = campaign_metrics(facts(raised, target=target, count=count), at_day(10))
    with localcontext() as context:
        context.prec = 80
        percent = (Decimal(raised) * 100 / Decimal(target)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        average = (Decimal(raised) / Decimal(count)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert metrics.percent_of_target == percent
    assert metrics.average_donation_cents == int(average)
    assert isinstance(metrics.average_donation_cents, int)


def test_average_is_per_donation_and_falls_back_to_donors():
    assert (
        campaign_metrics(facts(100_000, count=40, donors=25), at_day(5)).average_donation_cents
        == 2_500
    )
    assert campaign_metrics(facts(100_000, donors=25), at_day(5)).average_donation_cents == 4_000
    assert campaign_metrics(facts(0), at_day(5)).average_donation_cents is None


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        CampaignFacts(target_cents=30000.0, raised_cents=0)
    with pytest.raises(TypeError):
        DonationFact(25.5, OPENS)


@given(
    raised=st.integers(0, 10**9),
    target=st.integers(1, 10**9),
    seconds=st.integers(0, 60 * 86_400 - 1),
)
def test_required_daily_rate_covers_what_is_missing_in_the_days_left(raised, target, seconds):
    metrics = campaign_metrics(facts(raised, target=target), OPENS + dt.timedelta(seconds=seconds))
    missing = max(0, target - raised)
    days_left = metrics.days_left
    assert days_left == math.ceil(Fraction(60 * 86_400 - seconds, 86_400))
    # The smallest whole number of cents a day that gets there.
    assert metrics.required_daily_cents * days_left >= missing
    assert (metrics.required_daily_cents - 1) * days_left < missing or missing == 0


def test_days_elapsed_and_left():
    metrics = campaign_metrics(facts(500_000), OPENS + dt.timedelta(hours=20 * 24 + 12))
    assert (metrics.duration_days, metrics.days_elapsed, metrics.days_left) == (60, 20, 40)
    assert metrics.required_daily_cents == (TARGET - 500_000) // 40
    assert metrics.elapsed_share == Decimal("0.3417")
    closing_in_36_hours = campaign_metrics(facts(500_000), CLOSES - dt.timedelta(hours=36))
    assert closing_in_36_hours.days_left == 2


def test_not_started_and_closed_campaigns():
    before = campaign_metrics(facts(0, status="scheduled"), OPENS - dt.timedelta(days=2))
    assert before.phase is Phase.NOT_STARTED
    assert before.days_left == 60 and before.forecast is None and not before.at_risk
    assert before.required_daily_cents == TARGET // 60
    after = campaign_metrics(facts(1_000_000, status="failed"), CLOSES + dt.timedelta(days=1))
    assert after.phase is Phase.CLOSED and after.days_left == 0
    assert after.required_daily_cents is None and not after.at_risk
    assert after.forecast.expected_cents == after.forecast.low_cents == 1_000_000


def test_naive_times_are_utc():
    aware = campaign_metrics(facts(700_000), at_day(12))
    naive = campaign_metrics(
        facts(700_000, opens_at=OPENS.replace(tzinfo=None), closes_at=CLOSES.replace(tzinfo=None)),
        at_day(12).replace(tzinfo=None),
    )
    assert aware == naive


# --- the forecast ------------------------------------------------------------------


@settings(max_examples=300)
@given(
    raised=st.integers(0, 10**10),
    target=st.integers(1, 10**10),
    seconds=st.integers(0, 70 * 86_400),
)
def test_forecast_is_never_below_what_was_raised(raised, target, seconds):
    metrics = campaign_metrics(facts(raised, target=target), OPENS + dt.timedelta(seconds=seconds))
    forecast = metrics.forecast
    if seconds < 86_400:
        assert forecast is None  # a few hours of data say nothing
        return
    assert raised <= forecast.low_cents <= forecast.expected_cents <= forecast.high_cents
    if seconds >= 60 * 86_400:
        assert forecast.low_cents == forecast.high_cents == raised


def u_shaped_donations(total_cents: int, until_day: int) -> list[DonationFact]:
    """A campaign on the usual course: 30% of its total in the first week, 40% spread
    over the 46 middle days, 30% in the last week; one donation a day at noon."""
    donations = []
    for day in range(until_day):
        if day < 7:
            share = Fraction(30, 100) / 7
        elif day < 53:
            share = Fraction(40, 100) / 46
        else:
            share = Fraction(30, 100) / 7
        donations.append(
            DonationFact(round(total_cents * share), OPENS + dt.timedelta(days=day, hours=3))
        )
    return donations


def test_a_u_shaped_campaign_on_course_is_forecast_to_succeed_where_a_straight_line_fails():
    history = u_shaped_donations(TARGET * 101 // 100, 40)  # heading for 101%
    raised = sum(d.amount_cents for d in history)
    metrics = campaign_metrics(
        facts(raised, donations=history),
        at_day(40),
        grant_cents=GRANT,
        rules=only("forecast_below_target"),
    )
    straight_line = raised * 60 // 40
    assert straight_line < TARGET * 9 // 10  # a straight line says it fails by 10% or more
    assert metrics.forecast.expected_cents > straight_line
    assert TARGET <= metrics.forecast.expected_cents <= TARGET * 102 // 100
    assert not metrics.at_risk


def test_the_first_week_is_not_extrapolated_as_a_straight_line_either():
    # After a strong first week (30% of the target), the line would promise 257%.
    history = u_shaped_donations(TARGET, 7)
    raised = sum(d.amount_cents for d in history)
    metrics = campaign_metrics(facts(raised, donations=history), at_day(7))
    assert metrics.forecast.expected_cents < raised * 60 // 7
    assert abs(metrics.forecast.expected_cents - TARGET) <= TARGET // 100
    assert metrics.forecast.low_cents < TARGET < metrics.forecast.high_cents


def test_the_range_narrows_towards_the_closing():
    widths = []
    for day in (10, 30, 50, 59):
        forecast = campaign_metrics(facts(1_000_000), at_day(day)).forecast
        widths.append(Fraction(forecast.high_cents - forecast.low_cents, forecast.expected_cents))
    assert widths == sorted(widths, reverse=True)


@given(
    elapsed=st.fractions(0, 100),
    duration=st.fractions(1, 100),
    first=st.decimals("0", "0.5", places=2),
    last=st.decimals("0", "0.5", places=2),
)
def test_share_curve_rises_from_0_to_1(elapsed, duration, first, last):
    share = expected_share(elapsed, duration, first, last)
    assert 0 <= share <= 1
    later = expected_share(elapsed + Fraction(1, 3), duration, first, last)
    assert later >= share
    assert expected_share(duration, duration, first, last) == 1


# --- at risk -----------------------------------------------------------------------


def test_a_campaign_on_course_is_not_at_risk():
    history = u_shaped_donations(TARGET * 11 // 10, 30)
    raised = sum(d.amount_cents for d in history)
    metrics = campaign_metrics(facts(raised, donations=history), at_day(30))
    assert not metrics.at_risk and metrics.reasons == ()


def test_forecast_below_target():
    metrics = campaign_metrics(facts(600_000), at_day(20), rules=only("forecast_below_target"))
    assert metrics.at_risk
    (reason,) = metrics.reasons
    assert reason.rule == "forecast_below_target"
    assert "sotto l'obiettivo 30.000,00 €" in reason.it and "below the target" in reason.en


def test_slow_start_past_20_percent_of_the_duration_with_under_10_percent_of_target():
    rules = only("slow_start")
    assert not campaign_metrics(facts(200_000), at_day(11), rules=rules).at_risk  # 18% gone
    metrics = campaign_metrics(facts(200_000), at_day(13), rules=rules)  # 22% gone, 6.7%
    assert [r.rule for r in metrics.reasons] == ["slow_start"]
    assert "6,7%" in metrics.reasons[0].it and "10%" in metrics.reasons[0].en
    assert not campaign_metrics(facts(310_000), at_day(13), rules=rules).at_risk  # 10.3%


def test_required_rate_above_k_times_the_average_so_far():
    rules = only("required_rate")
    # 20 days in, 10.000 € raised: 500 €/day so far; 20.000 € missing in 40 days: 500 €/day.
    assert not campaign_metrics(facts(1_000_000), at_day(20), rules=rules).at_risk
    # 50 days in, 10.000 € raised: 200 €/day so far; 20.000 € in 10 days: 2.000 €/day > 3 × 200.
    metrics = campaign_metrics(facts(1_000_000), at_day(50), rules=rules)
    assert [r.rule for r in metrics.reasons] == ["required_rate"]
    assert "2.000,00 €" in metrics.reasons[0].it and "200,00 €" in metrics.reasons[0].it
    # k configurable: 11 × 200 > 2.000 €.
    relaxed = RiskRules(rules=("required_rate",), required_rate_factor=Decimal(11))
    assert not campaign_metrics(facts(1_000_000), at_day(50), rules=relaxed).at_risk


def test_closing_in_under_7_days_below_80_percent():
    rules = only("closing_short")
    assert not campaign_metrics(facts(2_000_000), at_day(52), rules=rules).at_risk  # 8 days left
    metrics = campaign_metrics(facts(2_000_000), at_day(55), rules=rules)
    assert [r.rule for r in metrics.reasons] == ["closing_short"]
    assert metrics.reasons[0].en.startswith("closes in 5 days at 66,7%")
    assert not campaign_metrics(facts(2_400_000), at_day(55), rules=rules).at_risk  # 80%


def test_every_rule_at_once_and_a_reached_target_is_never_at_risk():
    metrics = campaign_metrics(facts(150_000), at_day(55))
    assert [r.rule for r in metrics.reasons] == list(RISK_RULES)
    assert not campaign_metrics(facts(TARGET), at_day(55)).at_risk


# --- configuration -----------------------------------------------------------------


def test_rules_from_a_call_file_table():
    assert risk_rules({}, "milano.toml") == RiskRules()
    rules = risk_rules(
        {
            "rules": ["slow_start", "closing_short"],
            "slow_start_after": "0.25",
            "closing_days": 5,
            "required_rate_factor": 4,
            "first_week_share": "0.35",
        },
        "milano.toml",
    )
    assert rules.rules == ("slow_start", "closing_short")
    assert rules.slow_start_after == Decimal("0.25") and rules.closing_days == 5
    assert rules.required_rate_factor == 4 and rules.first_week_share == Decimal("0.35")


@pytest.mark.parametrize(
    ("table", "key", "problem"),
    [
        ({"closing_days": 0}, "campaigns.closing_days", "whole number from 1 to 365"),
        ({"closing_below": 0.8}, "campaigns.closing_below", "number written as text"),
        ({"slow_start_below": "1.5"}, "campaigns.slow_start_below", "from 0 to 1"),
        ({"rules": ["slow"]}, "campaigns.rules[0]", "unknown rule 'slow'"),
        ({"closing_day": 7}, "campaigns.closing_day", "unknown key"),
        (
            {"first_week_share": "0.6", "last_week_share": "0.5"},
            "campaigns.last_week_share",
            "at most 1",
        ),
        ({"forecast_spread": "0.4"}, "campaigns.forecast_spread", "must not exceed"),
    ],
)
def test_bad_rules_name_the_file_and_the_key(table, key, problem):
    with pytest.raises(CallConfigError) as raised:
        risk_rules(table, "/calls/milano-2024-2025.toml")
    assert raised.value.key == key
    assert str(raised.value).startswith(f"milano-2024-2025.toml: {key}: ")
    assert problem in str(raised.value)


# --- the daily series ----------------------------------------------------------------


def test_daily_series_counts_milan_calendar_days():
    donations = [
        # 22:30 UTC in winter is 23:30 in Milan: the same day.
        DonationFact(1_000, dt.datetime(2025, 1, 15, 22, 30)),
        # 22:30 UTC in summer time (from 30 March) is 00:30 in Milan: the next day.
        DonationFact(2_500, dt.datetime(2025, 3, 31, 22, 30)),
        DonationFact(5_000, dt.datetime(2025, 4, 1, 10, 0, tzinfo=UTC)),
    ]
    points = daily_series(donations, dt.date(2025, 1, 14), dt.date(2025, 4, 2))
    by_day = {p.day: p for p in points}
    assert points[0].day == dt.date(2025, 1, 14) and points[-1].day == dt.date(2025, 4, 2)
    assert len(points) == (dt.date(2025, 4, 2) - dt.date(2025, 1, 14)).days + 1
    assert by_day[dt.date(2025, 1, 15)].amount_cents == 1_000
    assert by_day[dt.date(2025, 3, 31)].amount_cents == 0
    assert by_day[dt.date(2025, 4, 1)].amount_cents == 7_500
    assert by_day[dt.date(2025, 4, 1)].donations == 2
    assert by_day[dt.date(2025, 4, 2)].cumulative_cents == 8_500


def test_metrics_series_runs_from_opening_to_today():
    history = u_shaped_donations(TARGET, 10)
    metrics = campaign_metrics(
        facts(sum(d.amount_cents for d in history), donations=history), at_day(12)
    )
    assert metrics.daily[0].day == dt.date(2025, 3, 3)
    assert metrics.daily[-1].day == dt.date(2025, 3, 15)
    assert metrics.daily[-1].cumulative_cents == metrics.raised_cents
    assert metrics.donations == 10


# --- closing -----------------------------------------------------------------------


def test_reached_target_at_closing_awards_the_grant():
    closed = facts(TARGET + 1, status="succeeded", data_as_of=CLOSES + dt.timedelta(hours=1))
    outcome = closing_outcome(closed, GRANT, CLOSES + dt.timedelta(days=1))
    assert outcome.reached and outcome.grant_cents == GRANT
    assert outcome.closed_at == CLOSES


def test_target_not_reached_means_no_grant():
    closed = facts(TARGET - 1, status="failed", data_as_of=CLOSES + dt.timedelta(hours=1))
    outcome = closing_outcome(closed, GRANT, CLOSES + dt.timedelta(days=1))
    assert not outcome.reached and outcome.grant_cents == 0
    assert outcome.grant_at_stake_cents == GRANT


def test_no_outcome_before_closing_nor_on_data_from_before_it():
    assert closing_outcome(facts(TARGET), GRANT, CLOSES - dt.timedelta(minutes=1)) is None
    # Past the closing, but the last sync is older: the last day's surge may be missing.
    stale = facts(TARGET - 1, data_as_of=CLOSES - dt.timedelta(hours=5))
    assert closing_outcome(stale, GRANT, CLOSES + dt.timedelta(hours=1)) is None
    fresh = facts(TARGET, data_as_of=CLOSES + dt.timedelta(minutes=5))
    assert closing_outcome(fresh, GRANT, CLOSES + dt.timedelta(hours=1)).reached


def test_a_cancelled_campaign_never_earns_the_grant():
    cancelled = facts(TARGET, status="cancelled", data_as_of=at_day(20))
    outcome = closing_outcome(cancelled, GRANT, at_day(21))
    assert not outcome.reached and outcome.grant_cents == 0
    assert outcome.closed_at == at_day(20)  # when the platform said so
