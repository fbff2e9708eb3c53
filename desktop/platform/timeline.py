"""A deterministic crowdfunding timeline: campaigns and their donations, from a seed.

Plain Python (no Qt, no database), so the simulator, the tests and the benchmarks
share one source of truth. The same seed, campaigns and anchor always give the same
donations, to the millisecond.

Shape, after the public figures in DOMAIN.md ("Campaign metrics"): backing follows
a U — a rush in the opening week, a small daily trickle, a surge in the last week;
amounts cluster on 10 / 25 / 50 / 100 / 250 EUR with a long tail; about 1% of the
donations are cancelled (payment failed) and 2% refunded, each coming back as the
same donation id with a new status and a newer ``updated_at``; most campaigns reach
their target, a few do not, and very few are cancelled.

Times are integer milliseconds since the Unix epoch inside this module (the
simulator serves 200,000 donations, so objects per donation are avoided); the
public methods take and return aware ``datetime`` objects in UTC.

Every record has *versions*: a donation has one (confirmed) or two (then refunded or
cancelled); a campaign has one per change of its figures or status. A version is
current from its ``updated_at`` until the next version's. :class:`VersionLog` keeps
the versions of one listing ordered by (updated_at, id), which is the order of the
platform API's listings.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import json
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby, islice

__all__ = [
    "CAMPAIGN_STATUSES",
    "DONATION_STATUSES",
    "PAGE_URL_BASE",
    "CampaignSpec",
    "CampaignState",
    "Donation",
    "Timeline",
    "VersionLog",
    "build_timeline",
    "format_amount",
    "from_ms",
    "iso_ms",
    "iso_seconds",
    "large_dataset",
    "synthetic_specs",
    "to_ms",
]

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
SECOND = 1000
HOUR = 3600 * SECOND
DAY = 24 * HOUR
NEVER = 2**62  # "superseded at": a version nothing replaces

CAMPAIGN_STATUSES = ("scheduled", "open", "succeeded", "failed", "cancelled")
DONATION_STATUSES = ("confirmed", "refunded", "cancelled")
OUTCOMES = ("succeeded", "failed", "cancelled")

# Campaigns appear on the platform (status "scheduled") two weeks before opening.
PUBLISHED_BEFORE_OPENING = 14 * DAY
# Opening at 09:00 UTC (10:00 in Milan); closing at 21:59:59 UTC, the last second of
# the day in Milan in summer time — as in the API contract's example.
OPENING_TIME = 9 * HOUR
CLOSING_TIME = 22 * HOUR - SECOND
# Each campaign's public page on the platform: this base and the campaign's id.
PAGE_URL_BASE = "https://crowdfunding.comune.milano.it/progetti/"

# Amounts in cents and their weights: the platform's suggested amounts dominate.
_AMOUNTS = (
    (500, 3.0),
    (1000, 17.0),
    (1500, 3.0),
    (2000, 10.0),
    (2500, 20.0),
    (3000, 4.0),
    (5000, 19.0),
    (7500, 2.0),
    (10000, 12.0),
    (15000, 1.5),
    (20000, 1.5),
    (25000, 4.0),
    (50000, 1.8),
    (100000, 0.8),
    (250000, 0.25),
    (500000, 0.08),
)
_AMOUNT_CUMULATIVE = []
_total = 0.0
for _cents, _weight in _AMOUNTS:
    _total += _weight
    _AMOUNT_CUMULATIVE.append(_total)
_AMOUNT_TOTAL = _total
ODD_AMOUNT_SHARE = 0.04  # typed-in amounts such as 35,00 or 12,50

# Donations by hour of the day (UTC; Milan is UTC+1/+2): few at night, an evening peak.
_HOUR_WEIGHTS = (1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 9, 10, 9, 7, 4, 2)
_HOUR_CUMULATIVE = [sum(_HOUR_WEIGHTS[: i + 1]) for i in range(24)]

OPENING_WEEK_SHARE = 0.34  # of the donations drawn in the opening rush ...
CLOSING_WEEK_SHARE = 0.36  # ... and in the final surge; the rest spread evenly
REPEAT_DONOR_SHARE = 0.12
CANCELLED_SHARE = 0.010
REFUNDED_SHARE = 0.018


def to_ms(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(
            f"ora senza fuso orario: {moment} (usare UTC) / time without a time zone: {moment} (use UTC)"
        )
    return (moment - EPOCH) // dt.timedelta(milliseconds=1)


def from_ms(ms: int) -> dt.datetime:
    return EPOCH + dt.timedelta(milliseconds=ms)


@functools.lru_cache(maxsize=4096)
def _date_text(day: int) -> str:
    return (EPOCH + dt.timedelta(days=day)).strftime("%Y-%m-%d")


def _clock_text(ms: int) -> str:
    # strftime per timestamp was most of the cost of serving 200,000 donations.
    day, rest = divmod(ms, DAY)
    hours, rest = divmod(rest // SECOND, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{_date_text(day)}T{hours:02d}:{minutes:02d}:{seconds:02d}"


def iso_ms(ms: int) -> str:
    """``2025-03-12T10:31:07.123Z``: the API's form for ``updated_at`` and ``server_time``."""
    return f"{_clock_text(ms)}.{ms % 1000:03d}Z"


def iso_seconds(ms: int) -> str:
    """``2025-03-02T18:22:10Z``: the API's form for ``donated_at``, ``opens_at``, ``closes_at``."""
    return f"{_clock_text(ms)}Z"


def format_amount(cents: int) -> str:
    """The API's money: a decimal string in EUR with two decimals, ``"1234.50"``."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


@dataclass(frozen=True)
class CampaignSpec:
    """What a campaign should be; the timeline draws the rest from the seed.

    ``target_cents`` None: derived from the donations (then ``donations`` gives
    their count). ``opens_at`` None: staggered from the timeline's anchor.
    ``outcome`` None: drawn (most succeed)."""

    application_code: str
    title: str
    target_cents: int | None = None
    opens_at: dt.datetime | None = None
    outcome: str | None = None  # succeeded / failed / cancelled
    donations: int | None = None


@dataclass(frozen=True)
class CampaignState:
    """A campaign as the platform reports it at one moment."""

    id: str
    application_code: str
    title: str
    status: str
    target_cents: int
    raised_cents: int
    donors: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    updated_at: dt.datetime
    page_url: str = ""


@dataclass(frozen=True)
class Donation:
    """A donation's version current at one moment."""

    id: str
    campaign_id: str
    donor_id: str
    amount_cents: int
    donated_at: dt.datetime
    status: str
    updated_at: dt.datetime


class VersionLog:
    """The versions of one listing, ordered by (updated_at, id).

    ``snapshot(w)`` gives the positions of the versions current at ``w``: those with
    time ≤ w not yet superseded at w. A position never changes, so it serves as the
    key of an opaque cursor. Snapshots are cached: the simulator asks for the same
    one for every page of a listing."""

    def __init__(
        self, times: list[int], ids: list[str], superseded: list[int], refs: list[int], render
    ):
        self.times, self.ids, self.superseded, self.refs = times, ids, superseded, refs
        self.render: Callable[[int], bytes] = render  # ref -> the version's JSON
        self._cache: dict[int, list[int]] = {}
        self._cache_lock = threading.Lock()  # the simulator serves from many threads

    def __len__(self) -> int:
        return len(self.times)

    def watermark(self, now_ms: int) -> int:
        """The time of the newest version at or before ``now_ms`` (-1: none yet).

        Nothing in this listing changes between the watermark and now, so the
        watermark names the listing's content: it goes in cursors and ETags."""
        index = bisect.bisect_right(self.times, now_ms)
        return self.times[index - 1] if index else -1

    def snapshot(self, watermark: int) -> list[int]:
        cached = self._cache.get(watermark)
        if cached is None:
            end = bisect.bisect_right(self.times, watermark)
            cached = [
                position
                for position, superseded in enumerate(islice(self.superseded, end))
                if superseded > watermark
            ]
            with self._cache_lock:
                if len(self._cache) >= 8:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[watermark] = cached
        return cached

    def first_at_or_after(self, since_ms: int) -> int:
        """The first position whose time is ≥ ``since_ms`` (``updated_since`` is inclusive)."""
        return bisect.bisect_left(self.times, since_ms)

    def json(self, position: int) -> bytes:
        return self.render(self.refs[position])


class _Campaign:
    __slots__ = (
        "application_code",
        "cancelled_ms",
        "closes_ms",
        "id",
        "index",
        "opens_ms",
        "outcome",
        "page_url",
        "published_ms",
        "state_times",
        "states",
        "target_cents",
        "title",
    )


class Timeline:
    """Campaigns and donations over time; build one with :func:`build_timeline`."""

    def __init__(self, fingerprint: str, campaigns: list[_Campaign], suggested_start_ms: int):
        self.fingerprint = fingerprint
        self._campaigns = campaigns
        self._by_id = {campaign.id: campaign for campaign in campaigns}
        self.suggested_start = from_ms(suggested_start_ms)
        # Donations: parallel lists indexed by donation number (ids in donation order).
        self._d_id: list[str] = []
        self._d_campaign: list[int] = []
        self._d_donor: list[str] = []
        self._d_amount: list[int] = []
        self._d_donated: list[int] = []
        # Donation versions: (donation number, status, time).
        self._v_donation: list[int] = []
        self._v_status: list[str] = []
        self._v_time: list[int] = []
        self._v_json: list[bytes | None] = []
        self._c_json: dict[tuple[int, int], bytes] = {}
        self.donations_log: VersionLog
        self.campaign_donation_logs: dict[str, VersionLog] = {}
        self.campaigns_log: VersionLog

    # -- queries ---------------------------------------------------------------------

    @property
    def campaign_ids(self) -> list[str]:
        return [campaign.id for campaign in self._campaigns]

    @property
    def application_codes(self) -> list[str]:
        return [campaign.application_code for campaign in self._campaigns]

    @property
    def donation_count(self) -> int:
        return len(self._d_id)

    @property
    def first_opening(self) -> dt.datetime:
        return from_ms(min(campaign.opens_ms for campaign in self._campaigns))

    @property
    def last_closing(self) -> dt.datetime:
        return from_ms(max(campaign.closes_ms for campaign in self._campaigns))

    @property
    def last_change(self) -> dt.datetime:
        """After this moment nothing changes any more."""
        return from_ms(max(self.campaigns_log.times[-1], self.donations_log.times[-1]))

    def outcome(self, campaign_id: str) -> str:
        """How the campaign ends: succeeded, failed or cancelled."""
        return self._by_id[campaign_id].outcome

    def campaign_at(self, campaign_id: str, moment: dt.datetime) -> CampaignState | None:
        """The campaign as published at ``moment``; None before it appears."""
        campaign = self._by_id.get(campaign_id)
        if campaign is None:
            return None
        index = bisect.bisect_right(campaign.state_times, to_ms(moment)) - 1
        return None if index < 0 else self._state(campaign, index)

    def campaigns_at(self, moment: dt.datetime) -> list[CampaignState]:
        """Every published campaign at ``moment``, ordered by (updated_at, id)."""
        log = self.campaigns_log
        watermark = log.watermark(to_ms(moment))
        states = []
        for position in log.snapshot(watermark):
            campaign_index, state_index = divmod(log.refs[position], 1 << 32)
            states.append(self._state(self._campaigns[campaign_index], state_index))
        return states

    def donations_until(
        self, moment: dt.datetime, campaign_id: str | None = None
    ) -> list[Donation]:
        """Every donation made by ``moment`` in its version current then, ordered by
        (updated_at, id): refunded and cancelled ones included, with that status."""
        log = (
            self.donations_log if campaign_id is None else self.campaign_donation_logs[campaign_id]
        )
        watermark = log.watermark(to_ms(moment))
        return [self._donation(log.refs[position]) for position in log.snapshot(watermark)]

    # -- internals -------------------------------------------------------------------

    def _state(self, campaign: _Campaign, index: int) -> CampaignState:
        status, raised, donors = campaign.states[index]
        return CampaignState(
            id=campaign.id,
            application_code=campaign.application_code,
            title=campaign.title,
            status=status,
            target_cents=campaign.target_cents,
            raised_cents=raised,
            donors=donors,
            opens_at=from_ms(campaign.opens_ms),
            closes_at=from_ms(campaign.closes_ms),
            updated_at=from_ms(campaign.state_times[index]),
            page_url=campaign.page_url,
        )

    def _donation(self, version: int) -> Donation:
        number = self._v_donation[version]
        return Donation(
            id=self._d_id[number],
            campaign_id=self._campaigns[self._d_campaign[number]].id,
            donor_id=self._d_donor[number],
            amount_cents=self._d_amount[number],
            donated_at=from_ms(self._d_donated[number]),
            status=self._v_status[version],
            updated_at=from_ms(self._v_time[version]),
        )

    def _render_donation(self, version: int) -> bytes:
        cached = self._v_json[version]
        if cached is None:
            number = self._v_donation[version]
            cached = (
                f'{{"id":"{self._d_id[number]}",'
                f'"campaign_id":"{self._campaigns[self._d_campaign[number]].id}",'
                f'"donor_id":"{self._d_donor[number]}",'
                f'"amount":"{format_amount(self._d_amount[number])}",'
                f'"donated_at":"{iso_seconds(self._d_donated[number])}",'
                f'"status":"{self._v_status[version]}",'
                f'"updated_at":"{iso_ms(self._v_time[version])}"}}'
            ).encode()
            self._v_json[version] = cached
        return cached

    def _render_campaign(self, ref: int) -> bytes:
        key = divmod(ref, 1 << 32)
        cached = self._c_json.get(key)
        if cached is None:
            campaign = self._campaigns[key[0]]
            status, raised, donors = campaign.states[key[1]]
            cached = json.dumps(
                {
                    "id": campaign.id,
                    "application_code": campaign.application_code,
                    "title": campaign.title,
                    "status": status,
                    "target": format_amount(campaign.target_cents),
                    "raised": format_amount(raised),
                    "donors": donors,
                    "opens_at": iso_seconds(campaign.opens_ms),
                    "closes_at": iso_seconds(campaign.closes_ms),
                    "updated_at": iso_ms(campaign.state_times[key[1]]),
                    "page_url": campaign.page_url,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
            self._c_json[key] = cached
        return cached


# -- building ------------------------------------------------------------------------


def build_timeline(
    campaigns: Sequence[CampaignSpec],
    *,
    seed: int | str = 0,
    anchor: dt.datetime,
    campaign_days: int = 60,
    stagger_days: int = 90,
    suggested_start: dt.datetime | None = None,
) -> Timeline:
    """The timeline of these campaigns.

    Campaigns without ``opens_at`` open at 09:00 UTC on days spread evenly over
    ``stagger_days`` from ``anchor``'s date, so at a given moment some are over,
    some running and some still to open. Each closes ``campaign_days`` later at
    21:59:59 UTC. ``suggested_start`` (default: 75 days after the anchor, when the
    demo shows every phase) is where a simulator's clock starts unless told."""
    if not campaigns:
        raise ValueError("nessuna campagna / no campaigns")
    if campaign_days < 1:
        raise ValueError("campaign_days: almeno 1 / at least 1")
    anchor_ms = to_ms(anchor)
    anchor_day = anchor_ms - anchor_ms % DAY
    spread = len(campaigns) - 1
    outcomes = _draw_outcomes(campaigns, random.Random(f"{seed}:outcomes"))
    id_width = max(4, len(str(len(campaigns))))
    plans: list[_Campaign] = []
    drawn: list[list[tuple[int, str, int, int, str | None, int]]] = []
    for index, spec in enumerate(campaigns):
        rng = random.Random(f"{seed}:campaign:{index}")
        campaign = _Campaign()
        campaign.index = index
        campaign.id = f"cmp-{index + 1:0{id_width}d}"
        campaign.page_url = PAGE_URL_BASE + campaign.id
        campaign.application_code = spec.application_code
        campaign.title = spec.title
        campaign.outcome = outcomes[index]
        if spec.opens_at is not None:
            campaign.opens_ms = to_ms(spec.opens_at)
        else:
            offset = (index * stagger_days) // spread if spread else 0
            campaign.opens_ms = anchor_day + offset * DAY + OPENING_TIME
        opening_day = campaign.opens_ms - campaign.opens_ms % DAY
        campaign.closes_ms = opening_day + campaign_days * DAY + CLOSING_TIME
        campaign.published_ms = campaign.opens_ms - PUBLISHED_BEFORE_OPENING
        campaign.cancelled_ms = None
        if campaign.outcome == "cancelled":
            share = rng.uniform(0.3, 0.6)
            campaign.cancelled_ms = campaign.opens_ms + int(
                (campaign.closes_ms - campaign.opens_ms) * share
            )
        records, campaign.target_cents = _draw_donations(rng, campaign, spec)
        plans.append(campaign)
        drawn.append(records)
    fingerprint = hashlib.sha256(
        repr((seed, anchor_ms, campaign_days, stagger_days, list(campaigns))).encode()
    ).hexdigest()[:12]
    start_ms = to_ms(suggested_start) if suggested_start else anchor_day + 75 * DAY + 12 * HOUR
    timeline = Timeline(fingerprint, plans, start_ms)
    _assemble(timeline, plans, drawn)
    return timeline


def _draw_outcomes(campaigns: Sequence[CampaignSpec], rng: random.Random) -> list[str]:
    """Most succeed: one in five fails (at least one when there are three or
    more), one in fifty is cancelled; the failures spread over the opening dates."""
    outcomes: list[str | None] = [spec.outcome for spec in campaigns]
    for outcome in outcomes:
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"esito sconosciuto / unknown outcome: {outcome}")
    free = [index for index, outcome in enumerate(outcomes) if outcome is None]
    failing = 0 if len(campaigns) < 3 else max(1, round(len(free) * 0.2))
    cancelled = len(free) // 50
    chosen = _spread_sample(rng, free, failing + cancelled)
    rng.shuffle(chosen)
    for number, index in enumerate(chosen):
        outcomes[index] = "cancelled" if number < cancelled else "failed"
    return [outcome or "succeeded" for outcome in outcomes]


def _spread_sample(rng: random.Random, indexes: list[int], count: int) -> list[int]:
    """``count`` of ``indexes``, one drawn from each of ``count`` equal strata."""
    if count <= 0 or not indexes:
        return []
    count = min(count, len(indexes))
    chosen = []
    for stratum in range(count):
        low = stratum * len(indexes) // count
        high = (stratum + 1) * len(indexes) // count
        chosen.append(indexes[rng.randrange(low, high)])
    return chosen


def _draw_amount(rng: random.Random) -> int:
    if rng.random() < ODD_AMOUNT_SHARE:
        return rng.randrange(3, 300) * 100 + rng.choice((0, 0, 0, 50))
    position = bisect.bisect_right(_AMOUNT_CUMULATIVE, rng.random() * _AMOUNT_TOTAL)
    return _AMOUNTS[min(position, len(_AMOUNTS) - 1)][0]


def _draw_moment(rng: random.Random, opens_ms: int, ends_ms: int) -> int:
    """A donation time in [opens, ends): U-shaped over the days, evening-heavy over the hours."""
    days = (ends_ms - opens_ms) / DAY
    week = min(7.0, days / 2)
    choice = rng.random()
    if choice < OPENING_WEEK_SHARE:
        offset = rng.expovariate(1 / 1.6)
        while offset >= week:
            offset = rng.expovariate(1 / 1.6)
    elif choice < OPENING_WEEK_SHARE + CLOSING_WEEK_SHARE:
        back = rng.expovariate(1 / 1.4)
        while back >= week:
            back = rng.expovariate(1 / 1.4)
        offset = days - back
    else:
        offset = rng.random() * days
    opening_day = opens_ms - opens_ms % DAY
    day = int((opens_ms - opening_day) / DAY + offset)
    hour = bisect.bisect_right(_HOUR_CUMULATIVE, rng.random() * _HOUR_CUMULATIVE[-1])
    moment = opening_day + day * DAY + min(hour, 23) * HOUR + rng.randrange(3600) * SECOND
    last = ends_ms - 60 * SECOND
    if moment < opens_ms:  # the opening hours' rush
        moment = opens_ms + rng.randrange(60, 3 * 3600) * SECOND
    if moment > last:  # the last hours' rush
        moment = last - rng.randrange(0, 3 * 3600) * SECOND
    return max(opens_ms, moment - moment % SECOND)


def _draw_donations(
    rng: random.Random, campaign: _Campaign, spec: CampaignSpec
) -> tuple[list[tuple[int, str, int, int, str | None, int]], int]:
    """(records, target): records are (donated, donor, amount, confirmed at, new status
    or None, changed at)."""
    ends_ms = campaign.cancelled_ms or campaign.closes_ms
    last_change = ends_ms - SECOND
    donors: list[str] = []
    known: set[str] = set()
    records: list[tuple[int, str, int, int, str | None, int]] = []

    def one() -> tuple[int, str, int, int, str | None, int]:
        donated = _draw_moment(rng, campaign.opens_ms, ends_ms)
        if donors and rng.random() < REPEAT_DONOR_SHARE:
            donor = donors[rng.randrange(len(donors))]
        else:
            donor = f"d-{rng.getrandbits(28):07x}"
            while donor in known:
                donor = f"d-{rng.getrandbits(28):07x}"
            known.add(donor)
            donors.append(donor)
        amount = _draw_amount(rng)
        confirmed = donated + rng.randrange(200, 4000)  # the payment's confirmation
        status, changed = None, 0
        draw = rng.random()
        if draw < CANCELLED_SHARE:
            status, changed = "cancelled", donated + rng.randrange(5 * 60, 2 * 86400) * SECOND
        elif draw < CANCELLED_SHARE + REFUNDED_SHARE:
            status, changed = "refunded", donated + rng.randrange(86400, 12 * 86400) * SECOND
        if status and changed > last_change:
            status, changed = None, 0  # too late to change before the campaign ends
        if status:
            changed = max(changed + rng.randrange(1000), confirmed + 1)
        return donated, donor, amount, confirmed, status, changed

    target = spec.target_cents
    if target is None and spec.donations is None:
        target = rng.randrange(20_000, 50_001) * 100
    if spec.donations is not None:
        records = [one() for _ in range(spec.donations)]
        kept = sum(record[2] for record in records if record[4] is None)
        if target is None:
            if campaign.outcome == "succeeded":
                target = kept * 100 // rng.randint(100, 130) // 100 * 100
            elif campaign.outcome == "failed":
                target = -(-(kept * 100 // rng.randint(35, 85)) // 100) * 100 + 100
            else:
                target = -(-kept * 2 // 100) * 100 + 100_000
            target = max(target, 100)
    else:
        if campaign.outcome == "succeeded":
            goal = target * rng.randint(100, 130) // 100
        elif campaign.outcome == "failed":
            goal = target * rng.randint(35, 85) // 100
        else:
            goal = target * rng.randint(20, 50) // 100
        kept = 0
        while kept < goal:
            record = one()
            records.append(record)
            if record[4] is None:
                kept += record[2]
        # A failing campaign must stay below its target whatever the last draw was.
        while campaign.outcome == "failed" and kept >= target and records:
            record = records.pop()
            if record[4] is None:
                kept -= record[2]
    if campaign.cancelled_ms is not None:
        # Cancelling a campaign refunds every donation still standing.
        cancel = campaign.cancelled_ms
        records = [
            record
            if record[4] is not None and record[5] < cancel
            else (*record[:4], "refunded", max(cancel, record[3] + 1))
            for record in records
        ]
    return records, target


def _assemble(
    timeline: Timeline,
    plans: list[_Campaign],
    drawn: list[list[tuple[int, str, int, int, str | None, int]]],
) -> None:
    """Numbers the donations in time order, derives every campaign's versions and
    builds the listings' version logs."""
    order = sorted(
        (record[0], campaign_index, position)
        for campaign_index, records in enumerate(drawn)
        for position, record in enumerate(records)
    )
    width = max(6, len(str(len(order))))
    versions: list[tuple[int, str, int, str]] = []  # (time, donation id, number, status)
    per_campaign_events: list[list[tuple[int, int, str]]] = [[] for _ in plans]
    for number, (_, campaign_index, position) in enumerate(order):
        donated, donor, amount, confirmed, status, changed = drawn[campaign_index][position]
        donation_id = f"don-{number + 1:0{width}d}"
        timeline._d_id.append(donation_id)
        timeline._d_campaign.append(campaign_index)
        timeline._d_donor.append(donor)
        timeline._d_amount.append(amount)
        timeline._d_donated.append(donated)
        versions.append((confirmed, donation_id, number, "confirmed"))
        per_campaign_events[campaign_index].append((confirmed, amount, donor))
        if status:
            versions.append((changed, donation_id, number, status))
            per_campaign_events[campaign_index].append((changed, -amount, donor))
    versions.sort()
    superseded_at: dict[int, int] = {}
    for time, _, number, status in versions:
        if status != "confirmed":
            superseded_at[number] = time
    for time, _, number, status in versions:
        timeline._v_donation.append(number)
        timeline._v_status.append(status)
        timeline._v_time.append(time)
    timeline._v_json = [None] * len(versions)
    superseded = [
        NEVER if status != "confirmed" else superseded_at.get(number, NEVER)
        for _, _, number, status in versions
    ]
    times = [version[0] for version in versions]
    ids = [version[1] for version in versions]
    refs = list(range(len(versions)))
    timeline.donations_log = VersionLog(times, ids, superseded, refs, timeline._render_donation)
    by_campaign: list[list[int]] = [[] for _ in plans]
    for position, number in enumerate(timeline._v_donation):
        by_campaign[timeline._d_campaign[number]].append(position)
    for campaign, positions in zip(plans, by_campaign, strict=True):
        timeline.campaign_donation_logs[campaign.id] = VersionLog(
            [times[p] for p in positions],
            [ids[p] for p in positions],
            [superseded[p] for p in positions],
            positions,
            timeline._render_donation,
        )

    campaign_versions: list[tuple[int, str, int, int]] = []  # (time, id, ref, superseded)
    for campaign, events in zip(plans, per_campaign_events, strict=True):
        _campaign_states(campaign, events)
        for state_index, time in enumerate(campaign.state_times):
            following = (
                campaign.state_times[state_index + 1]
                if state_index + 1 < len(campaign.state_times)
                else NEVER
            )
            campaign_versions.append(
                (time, campaign.id, (campaign.index << 32) | state_index, following)
            )
    campaign_versions.sort()
    timeline.campaigns_log = VersionLog(
        [version[0] for version in campaign_versions],
        [version[1] for version in campaign_versions],
        [version[3] for version in campaign_versions],
        [version[2] for version in campaign_versions],
        timeline._render_campaign,
    )


def _campaign_states(campaign: _Campaign, donation_events: list[tuple[int, int, str]]) -> None:
    """The campaign's figures and status after each moment something changed:
    raised = Σ confirmed donations, donors = distinct donors among them."""
    # (time, kind, amount, donor); kinds at the same moment apply together.
    events: list[tuple[int, str, int, str]] = [
        (campaign.published_ms, "published", 0, ""),
        (campaign.opens_ms, "opened", 0, ""),
    ]
    if campaign.cancelled_ms is not None:
        events.append((campaign.cancelled_ms, "cancelled", 0, ""))
    else:
        events.append((campaign.closes_ms, "closed", 0, ""))
    events.extend((time, "donation", amount, donor) for time, amount, donor in donation_events)
    events.sort(key=lambda event: event[0])
    status, raised, counts = "scheduled", 0, {}
    donors = 0
    times: list[int] = []
    states: list[tuple[str, int, int]] = []
    for time, group in groupby(events, key=lambda event: event[0]):
        closing = False
        for _, kind, amount, donor in group:
            if kind == "opened":
                status = "open"
            elif kind == "cancelled":
                status = "cancelled"
            elif kind == "closed":
                closing = True
            elif kind == "donation":
                before = counts.get(donor, 0)
                after = before + (1 if amount > 0 else -1)
                counts[donor] = after
                donors += (after > 0) - (before > 0)
                raised += amount
        if closing:
            status = "succeeded" if raised >= campaign.target_cents else "failed"
        times.append(time)
        states.append((status, raised, donors))
    campaign.state_times, campaign.states = times, states


# -- ready-made timelines ------------------------------------------------------------

_PLACES = (
    "Bovisa",
    "Niguarda",
    "Lorenteggio",
    "Corvetto",
    "Isola",
    "Giambellino",
    "Quarto Oggiaro",
    "Città Studi",
    "Barona",
    "Gallaratese",
    "Chiaravalle",
    "Dergano",
    "Porta Romana",
    "Baggio",
    "Greco",
    "Lambrate",
)
_PROJECTS = (
    "La bottega di",
    "Il cortile di",
    "Mercato di quartiere a",
    "Botteghe in rete a",
    "Orti condivisi a",
    "La piazza di",
    "Laboratorio comune a",
    "Consegne a pedali a",
)


def synthetic_specs(count: int, seed: int | str = 0, first: int = 1) -> list[CampaignSpec]:
    """``count`` invented campaigns (codes ``SIM-0001`` …), targets 20,000-50,000 EUR."""
    rng = random.Random(f"{seed}:synthetic")
    return [
        CampaignSpec(
            application_code=f"SIM-{number:04d}",
            title=f"{rng.choice(_PROJECTS)} {rng.choice(_PLACES)}",
            target_cents=rng.randrange(20_000, 50_001) * 100,
        )
        for number in range(first, first + count)
    ]


def large_dataset(
    campaigns: int = 1000,
    donations: int = 200_000,
    seed: int | str = 0,
    anchor: dt.datetime = dt.datetime(2025, 1, 1, tzinfo=UTC),
) -> Timeline:
    """A timeline for the benchmark: ``campaigns`` campaigns opening over a year with
    ``donations`` donations in all (counts vary ±50% between campaigns); its
    ``suggested_start`` is after the last change, so the data stands still."""
    rng = random.Random(f"{seed}:large")
    weights = [rng.uniform(0.5, 1.5) for _ in range(campaigns)]
    total = sum(weights)
    counts = [int(donations * weight / total) for weight in weights]
    for index in range(donations - sum(counts)):
        counts[index % campaigns] += 1
    width = max(4, len(str(campaigns)))
    specs = [
        CampaignSpec(
            application_code=f"CC24-{number + 1:0{width}d}",
            title=f"{rng.choice(_PROJECTS)} {rng.choice(_PLACES)}",
            donations=count,
        )
        for number, count in enumerate(counts)
    ]
    timeline = build_timeline(
        specs, seed=seed, anchor=anchor, stagger_days=365, suggested_start=anchor
    )
    timeline.suggested_start = timeline.last_change + dt.timedelta(days=1)
    return timeline
