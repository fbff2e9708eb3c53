"""Campaign metrics: what the committee reads off a crowdfunding campaign.

Plain Python: `CampaignFacts` in (what the platform reported, plus the confirmed
donations when the caller has them), `CampaignMetrics` out. Money is integer cents,
rates are cents per day (int, rounded up where it is a requirement), shares and
percentages are Decimal: never a float.

Times: an aware datetime, or a naive one meaning UTC (how the database stores the
platform's times). Calendar days are Europe/Rome days: a donation at 23:30 UTC on
31 March is counted on 1 April, as the committee in Milan sees it.

The forecast and the late surge
-------------------------------
Backing is U-shaped: the first and the last week of a campaign carry far more than
their share of the days (DOMAIN.md: peaks in the first and last week; a straight
line underestimates). The forecast therefore divides what was raised by the share
of the total a campaign *usually* has by this point, read off a share-of-total
curve rather than off the calendar:

    share(t) = F·t/w                      in the first week   (t < w)
             = F + M·(t − w)/(T − 2w)     in between
             = F + M + L·(t − (T − w))/w  in the last week
    expected final = raised / share(now)

with T the campaign's duration in days, w = min(7 days, T/4), F and L the shares
of the first and the last week (defaults 0.30 each, so M = 0.40 of the total comes
in the ~46 middle days of a 60-day campaign), all configurable in the call file.
The first week's pattern calibrates the scale: a campaign that raised 30% of its
target in its first week is on course; one that raised 3% is not. Early on this
is *lower* than a straight line (the first week is the heaviest), after the middle
it is *higher* (the last-week surge is still to come): that is the point.

The range is the same division with a front-loaded curve (F + s, L − s: less to
come, the low end) and a back-loaded one (F − s, L + s: the high end), s = 0.10 by
default; it narrows to the amount raised as the closing approaches. No forecast
before `forecast_after_days` days: a few hours of data say nothing.

Base rates behind the defaults (DOMAIN.md): projects past 10–20% of their target
early succeed about 80% of the time; Milan's campaigns almost always succeed (7/8
in 2016, 19/19 in 2021, 6/6 in 2025 session I). Hence the "slow start" rule: past
20% of the duration with less than 10% of the target is the unusual case worth a
call to the applicant.

At-risk rules ([campaigns] table of a call file; every key optional)
-------------------------------------------------------------------
    rules = ["forecast_below_target", "slow_start", "required_rate", "closing_short"]
                                   which rules apply (leave one out to turn it off)
    slow_start_after = "0.20"      share of the duration after which ...
    slow_start_below = "0.10"      ... less than this share of the target is a slow start
    required_rate_factor = "3"     required daily rate > this × the average daily rate so far
    closing_days = 7               closing in fewer days than this ...
    closing_below = "0.80"         ... with less than this share of the target
    first_week_share = "0.30"      forecast curve: share of the total raised in the first week
    last_week_share = "0.30"       ... and in the last week
    forecast_spread = "0.10"       shift of the two shares giving the low/high range
    forecast_after_days = 1        no forecast before this many days of campaign

Only a running campaign can be at risk: one not yet open or already closed is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from desktop.domain import formatting, vocabulary
from desktop.domain.formatting import ROME
from desktop.domain.formatting import money as format_eur
from desktop.domain.formatting import percent as format_percent

# desktop.domain.formatting's, named here for the command line until it moves to it.
format_rome_time = formatting.datetime_rome

DAY = dt.timedelta(days=1)
_DAY_SECONDS = 86_400
_FIRST_WEEK_DAYS = 7


class CampaignStatus(StrEnum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


# The platform has decided: no more donations will count.
FINAL_STATUSES = frozenset(
    {CampaignStatus.SUCCEEDED, CampaignStatus.FAILED, CampaignStatus.CANCELLED}
)

# The labels are desktop.domain.vocabulary's, named here for the command line.
STATUS_LABELS = vocabulary.CAMPAIGN_STATUSES


class Phase(StrEnum):
    """Where the campaign stands at `now`, from its dates and status."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no dates: nothing time-based can be said


# --- inputs -----------------------------------------------------------------------


def _cents(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be whole cents (int), got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class DonationFact:
    """A confirmed donation: its amount and when it was made."""

    amount_cents: int
    donated_at: dt.datetime

    def __post_init__(self) -> None:
        _cents(self.amount_cents, "amount_cents")


@dataclass(frozen=True)
class CampaignFacts:
    target_cents: int
    raised_cents: int  # as the platform reports it: the sum of confirmed donations
    status: str = CampaignStatus.OPEN
    donors: int = 0
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    # Confirmed donations, when known as a count only (the overview counts in SQL).
    donation_count: int | None = None
    # Confirmed donations one by one, for the daily series (one campaign's chart);
    # None: not given (no series), () : none yet (a flat series).
    donations: tuple[DonationFact, ...] | None = None
    # When the platform last reported on this campaign (the last sync): an outcome
    # is decided only on data from after the closing.
    data_as_of: dt.datetime | None = None

    def __post_init__(self) -> None:
        _cents(self.target_cents, "target_cents")
        _cents(self.raised_cents, "raised_cents")
        if self.target_cents < 0 or self.raised_cents < 0:
            raise ValueError("target and raised cannot be negative")


# --- outputs ----------------------------------------------------------------------


@dataclass(frozen=True)
class DailyPoint:
    day: dt.date  # a Europe/Rome calendar day
    amount_cents: int
    donations: int
    cumulative_cents: int


@dataclass(frozen=True)
class Forecast:
    """The final amount the campaign is heading for: a range and its middle."""

    low_cents: int
    expected_cents: int
    high_cents: int
    # The share of the final total a campaign usually has by now (the curve's value).
    share_so_far: Decimal


@dataclass(frozen=True)
class RiskReason:
    rule: str  # one of RISK_RULES
    it: str
    en: str
    # The figures in the reason, already formatted, for interfaces that word it themselves.
    values: Mapping[str, str] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.it


@dataclass(frozen=True)
class CampaignMetrics:
    raised_cents: int
    target_cents: int
    missing_cents: int  # what is still needed to reach the target (0 once reached)
    percent_of_target: Decimal | None  # two decimals, ROUND_HALF_UP; None: no target
    donors: int
    donations: int | None
    average_donation_cents: int | None  # per donation (per donor when only donors are known)
    phase: Phase
    duration_days: int | None
    days_elapsed: int | None  # whole days since opening
    days_left: int | None  # days (started ones count) until closing; 0 once closed
    elapsed_share: Decimal | None  # share of the duration gone, 0 to 1
    average_daily_cents: int | None  # raised per day so far
    required_daily_cents: int | None  # (target − raised) / days left, rounded up
    grant_at_stake_cents: int | None
    forecast: Forecast | None
    at_risk: bool
    reasons: tuple[RiskReason, ...]
    daily: tuple[DailyPoint, ...]  # empty unless donations were given

    @property
    def reached(self) -> bool:
        return self.target_cents > 0 and self.raised_cents >= self.target_cents


@dataclass(frozen=True)
class ClosingOutcome:
    """At closing: target reached → the grant is awarded; not reached → no grant."""

    reached: bool
    raised_cents: int
    target_cents: int
    grant_cents: int  # awarded: the application's grant, or 0
    grant_at_stake_cents: int
    closed_at: dt.datetime  # aware, UTC
    status: str


# --- configuration -----------------------------------------------------------------

RISK_RULES = ("forecast_below_target", "slow_start", "required_rate", "closing_short")


@dataclass(frozen=True)
class RiskRules:
    """When a running campaign is flagged at risk, and the forecast's curve.
    desktop.domain.calls reads them from a call file's [campaigns] table."""

    rules: tuple[str, ...] = RISK_RULES
    slow_start_after: Decimal = Decimal("0.20")
    slow_start_below: Decimal = Decimal("0.10")
    required_rate_factor: Decimal = Decimal("3")
    closing_days: int = 7
    closing_below: Decimal = Decimal("0.80")
    first_week_share: Decimal = Decimal("0.30")
    last_week_share: Decimal = Decimal("0.30")
    forecast_spread: Decimal = Decimal("0.10")
    forecast_after_days: int = 1


DEFAULT_RULES = RiskRules()


# --- time helpers ------------------------------------------------------------------


def as_utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime; a naive one is taken as UTC (as stored)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def rome_day(moment: dt.datetime) -> dt.date:
    return as_utc(moment).astimezone(ROME).date()


_DAY_US = _DAY_SECONDS * 1_000_000


def _microseconds(delta: dt.timedelta) -> int:
    """A duration in whole microseconds: exact integer arithmetic from here on."""
    return (delta.days * _DAY_SECONDS + delta.seconds) * 1_000_000 + delta.microseconds


def _div_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to an integer, halves away from zero (denominator > 0)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return -quotient if numerator < 0 else quotient


def _div_up(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _decimal(numerator: int, denominator: int, places: int) -> Decimal:
    """numerator / denominator as a Decimal with `places` decimals, ROUND_HALF_UP."""
    return Decimal(_div_half_up(numerator * 10**places, denominator)).scaleb(-places)


def _ratio(share: Decimal) -> tuple[int, int]:
    return share.as_integer_ratio()


def _share_text(share: Decimal) -> str:
    return format_percent(share * 100)


# --- the forecast curve ------------------------------------------------------------


def _share(elapsed: int, duration: int, day: int, first: Decimal, last: Decimal) -> tuple[int, int]:
    """The curve's value as (numerator, denominator), times in any integer unit with
    `day` units to a day. Integer arithmetic: the overview computes it 3 × 1,000 times."""
    if duration <= 0 or elapsed >= duration:
        return 1, 1
    if elapsed <= 0:
        return 0, 1
    fn, fd = _ratio(first)
    ln, ld = _ratio(last)
    # Every time × 4, so that the first week, min(7 days, duration / 4), is whole units.
    e, t = 4 * elapsed, 4 * duration
    week = min(4 * _FIRST_WEEK_DAYS * day, duration)
    if e < week:
        return fn * e, fd * week
    last_week_starts = t - week
    if e < last_week_starts:
        middle = last_week_starts - week
        return fn * ld * middle + (fd * ld - fn * ld - ln * fd) * (e - week), fd * ld * middle
    return (ld - ln) * week + ln * (e - last_week_starts), ld * week


def expected_share(
    elapsed_days: Fraction, duration_days: Fraction, first: Decimal, last: Decimal
) -> Fraction:
    """The share of its final total a campaign usually has after `elapsed_days`
    (the U-shaped curve of the module docstring), from 0 to 1."""
    elapsed_days, duration_days = Fraction(elapsed_days), Fraction(duration_days)
    unit = elapsed_days.denominator * duration_days.denominator
    numerator, denominator = _share(
        elapsed_days.numerator * duration_days.denominator,
        duration_days.numerator * elapsed_days.denominator,
        unit,
        first,
        last,
    )
    return Fraction(numerator, denominator)


def _forecast(
    raised_cents: int, elapsed: int, duration: int, day: int, rules: RiskRules
) -> Forecast | None:
    if elapsed >= duration:
        return Forecast(raised_cents, raised_cents, raised_cents, Decimal(1))
    if elapsed <= 0 or elapsed < rules.forecast_after_days * day:
        return None
    first, last, spread = rules.first_week_share, rules.last_week_share, rules.forecast_spread
    middle = _share(elapsed, duration, day, first, last)
    # Front-loaded curve: more of the total is already in, less to come → the low end.
    front = _share(elapsed, duration, day, first + spread, last - spread)
    back = _share(elapsed, duration, day, first - spread, last + spread)

    def final(share: tuple[int, int]) -> int:
        numerator, denominator = share
        if numerator <= 0:
            return raised_cents
        return max(raised_cents, _div_half_up(raised_cents * denominator, numerator))

    low, expected, high = sorted((final(front), final(middle), final(back)))
    return Forecast(low, expected, high, _decimal(*middle, 4))


def forecast_final(
    raised_cents: int,
    elapsed_days: Fraction,
    duration_days: Fraction,
    rules: RiskRules = DEFAULT_RULES,
) -> Forecast | None:
    """Where a running campaign is heading (None when too early to say)."""
    elapsed_days, duration_days = Fraction(elapsed_days), Fraction(duration_days)
    return _forecast(
        raised_cents,
        elapsed_days.numerator * duration_days.denominator,
        duration_days.numerator * elapsed_days.denominator,
        elapsed_days.denominator * duration_days.denominator,
        rules,
    )


# --- metrics -----------------------------------------------------------------------


def daily_series(
    donations: Iterable[DonationFact],
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> tuple[DailyPoint, ...]:
    """Donations per Europe/Rome calendar day, every day from `first_day` to
    `last_day` (widened to cover every donation), with the running total."""
    amounts: dict[dt.date, int] = {}
    counts: dict[dt.date, int] = {}
    for donation in donations:
        day = rome_day(donation.donated_at)
        amounts[day] = amounts.get(day, 0) + donation.amount_cents
        counts[day] = counts.get(day, 0) + 1
    days = [d for d in (first_day, last_day) if d is not None] + list(amounts)
    if not days:
        return ()
    start = min(days)
    end = max(days)
    points = []
    total = 0
    day = start
    while day <= end:
        amount = amounts.get(day, 0)
        total += amount
        points.append(DailyPoint(day, amount, counts.get(day, 0), total))
        day += DAY
    return tuple(points)


def campaign_phase(facts: CampaignFacts, now: dt.datetime) -> Phase:
    if facts.status in FINAL_STATUSES:
        return Phase.CLOSED
    now = as_utc(now)
    if facts.closes_at is not None and now >= as_utc(facts.closes_at):
        return Phase.CLOSED
    if facts.opens_at is None or facts.closes_at is None:
        return Phase.RUNNING if facts.status == CampaignStatus.OPEN else Phase.UNKNOWN
    if now < as_utc(facts.opens_at):
        return Phase.NOT_STARTED
    return Phase.RUNNING


def campaign_metrics(
    facts: CampaignFacts,
    now: dt.datetime,
    *,
    grant_cents: int | None = None,
    rules: RiskRules = DEFAULT_RULES,
) -> CampaignMetrics:
    """Every figure of one campaign at `now`."""
    now = as_utc(now)
    raised, target = facts.raised_cents, facts.target_cents
    missing = max(0, target - raised)
    percent = _decimal(raised * 100, target, 2) if target > 0 else None
    count = facts.donation_count
    if count is None and facts.donations is not None:
        count = len(facts.donations)
    per = count if count else (facts.donors or None)
    average = _div_half_up(raised, per) if per else None
    phase = campaign_phase(facts, now)

    # Times in whole microseconds: exact, and far cheaper than Fractions.
    duration = elapsed = None
    if facts.opens_at is not None and facts.closes_at is not None:
        opens, closes = as_utc(facts.opens_at), as_utc(facts.closes_at)
        duration = max(0, _microseconds(closes - opens))
        elapsed = min(max(0, _microseconds(now - opens)), duration)
        if phase is Phase.CLOSED:
            elapsed = duration

    duration_days = days_elapsed = days_left = None
    elapsed_share = average_daily = required_daily = None
    forecast = None
    if duration is not None:
        duration_days = _div_up(duration, _DAY_US)
        days_elapsed = elapsed // _DAY_US
        # A started day counts as a day left: closing in 36 hours is "2 days left".
        days_left = 0 if phase is Phase.CLOSED else _div_up(duration - elapsed, _DAY_US)
        elapsed_share = _decimal(elapsed, duration, 4) if duration else Decimal(1)
        if phase in (Phase.RUNNING, Phase.CLOSED):
            # Less than a day in: divide by one day, not by a few hours.
            average_daily = _div_half_up(raised * _DAY_US, max(elapsed, _DAY_US))
        if phase is not Phase.CLOSED and days_left:
            required_daily = _div_up(missing, days_left)
        if phase is Phase.CLOSED:
            forecast = Forecast(raised, raised, raised, Decimal(1))
        elif phase is Phase.RUNNING:
            forecast = _forecast(raised, elapsed, duration, _DAY_US, rules)
    elif phase is Phase.CLOSED:
        forecast = Forecast(raised, raised, raised, Decimal(1))

    metrics = CampaignMetrics(
        raised_cents=raised,
        target_cents=target,
        missing_cents=missing,
        percent_of_target=percent,
        donors=facts.donors,
        donations=count,
        average_donation_cents=average,
        phase=phase,
        duration_days=duration_days,
        days_elapsed=days_elapsed,
        days_left=days_left,
        elapsed_share=elapsed_share,
        average_daily_cents=average_daily,
        required_daily_cents=required_daily,
        grant_at_stake_cents=grant_cents,
        forecast=forecast,
        at_risk=False,
        reasons=(),
        daily=_series_for(facts, now, phase),
    )
    if phase is not Phase.RUNNING:
        return metrics
    reasons = risk_reasons(metrics, elapsed, duration, rules)
    if not reasons:
        return metrics
    return replace(metrics, at_risk=True, reasons=reasons)


def _series_for(facts: CampaignFacts, now: dt.datetime, phase: Phase) -> tuple[DailyPoint, ...]:
    """Every day from the opening to today (or to the closing): only when the
    donations were given; an empty tuple of them gives a flat series."""
    if facts.donations is None:
        return ()
    first = rome_day(facts.opens_at) if facts.opens_at is not None else None
    last = None
    if phase is Phase.RUNNING:
        last = rome_day(now)
    elif phase is Phase.CLOSED and facts.closes_at is not None:
        last = rome_day(min(as_utc(facts.closes_at), now))
    if first is not None and last is not None and last < first:
        last = first
    if not facts.donations and phase is Phase.NOT_STARTED:
        return ()
    return daily_series(facts.donations, first, last)


def _below(amount: int, whole: int, share: Decimal) -> bool:
    """amount / whole < share, exactly (whole > 0)."""
    numerator, denominator = _ratio(share)
    return amount * denominator < numerator * whole


def risk_reasons(
    metrics: CampaignMetrics,
    elapsed: int | None,
    duration: int | None,
    rules: RiskRules = DEFAULT_RULES,
) -> tuple[RiskReason, ...]:
    """The rules a running campaign breaks, in the order of RISK_RULES; `elapsed`
    and `duration` in microseconds."""
    if metrics.reached:
        return ()
    reasons = []
    raised, target = metrics.raised_cents, metrics.target_cents
    percent = format_percent(_decimal(raised * 100, target, 2)) if target else "100%"
    forecast = metrics.forecast
    timed = elapsed is not None and duration

    if "forecast_below_target" in rules.rules and forecast and forecast.expected_cents < target:
        values = {"forecast": format_eur(forecast.expected_cents), "target": format_eur(target)}
        reasons.append(
            RiskReason(
                "forecast_below_target",
                f"previsione {values['forecast']} sotto l'obiettivo {values['target']}",
                f"forecast {values['forecast']} below the target {values['target']}",
                values,
            )
        )
    if (
        "slow_start" in rules.rules
        and timed
        and not _below(elapsed, duration, rules.slow_start_after)
        and target
        and _below(raised, target, rules.slow_start_below)
    ):
        values = {
            "elapsed": format_percent(_decimal(elapsed * 100, duration, 2)),
            "percent": percent,
            "threshold": _share_text(rules.slow_start_below),
        }
        reasons.append(
            RiskReason(
                "slow_start",
                f"trascorso il {values['elapsed']} della durata con il {percent} dell'obiettivo "
                f"(soglia {values['threshold']})",
                f"{values['elapsed']} of the duration gone with {percent} of the target "
                f"(threshold {values['threshold']})",
                values,
            )
        )
    average, required = metrics.average_daily_cents, metrics.required_daily_cents
    if (
        "required_rate" in rules.rules
        and timed
        and elapsed >= _DAY_US  # a rate "so far" needs a day of data
        and required
        and required > rules.required_rate_factor * (average or 0)
    ):
        factor = f"{rules.required_rate_factor.normalize():f}".replace(".", ",")
        values = {
            "required": format_eur(required),
            "average": format_eur(average or 0),
            "factor": factor,
        }
        reasons.append(
            RiskReason(
                "required_rate",
                f"servono {values['required']} al giorno, più di {factor} volte la media finora "
                f"({values['average']} al giorno)",
                f"needs {values['required']} a day, more than {factor} times the average so far "
                f"({values['average']} a day)",
                values,
            )
        )
    days_left = metrics.days_left
    if (
        "closing_short" in rules.rules
        and timed
        and days_left is not None
        and duration - elapsed < rules.closing_days * _DAY_US
        and target
        and _below(raised, target, rules.closing_below)
    ):
        days_it = "1 giorno" if days_left == 1 else f"{days_left} giorni"
        days_en = "1 day" if days_left == 1 else f"{days_left} days"
        values = {
            "days": str(days_left),
            "percent": percent,
            "threshold": _share_text(rules.closing_below),
        }
        reasons.append(
            RiskReason(
                "closing_short",
                f"chiude tra {days_it} al {percent} dell'obiettivo (soglia {values['threshold']})",
                f"closes in {days_en} at {percent} of the target (threshold {values['threshold']})",
                values,
            )
        )
    return tuple(reasons)


# --- closing -----------------------------------------------------------------------


def closing_outcome(
    facts: CampaignFacts, grant_cents: int, now: dt.datetime
) -> ClosingOutcome | None:
    """The campaign's outcome once it has closed, None before.

    Decided on data from after the closing only: the platform's final status, or a
    report (`data_as_of`) at or after `closes_at`. Data synced before the closing
    may miss the last day's donations (the surge), so it decides nothing yet.
    Reached = raised ≥ target (a cancelled campaign never reaches): the grant is
    the application's grant from the call's formula; otherwise no grant."""
    _cents(grant_cents, "grant_cents")
    now = as_utc(now)
    final = facts.status in FINAL_STATUSES
    closes = as_utc(facts.closes_at) if facts.closes_at is not None else None
    if not final:
        if closes is None or now < closes:
            return None
        if facts.data_as_of is None or as_utc(facts.data_as_of) < closes:
            return None
    reached = (
        facts.status != CampaignStatus.CANCELLED
        and facts.target_cents > 0
        and facts.raised_cents >= facts.target_cents
    )
    if closes is not None and closes <= now:
        closed_at = closes
    else:  # closed early (cancelled, say): when the platform said so
        closed_at = as_utc(facts.data_as_of) if facts.data_as_of is not None else now
    return ClosingOutcome(
        reached=reached,
        raised_cents=facts.raised_cents,
        target_cents=facts.target_cents,
        grant_cents=grant_cents if reached else 0,
        grant_at_stake_cents=grant_cents,
        closed_at=closed_at,
        status=str(facts.status),
    )


def status_label(status: str, language: str) -> str:
    return vocabulary.campaign_status_label(status, language)
