"""What the committee sees of the crowdfunding campaigns, and their outcomes at closing.

Reads what the sync stored (Campaign, Donation, SyncState) and computes the figures
with desktop/domain/campaigns.py. No Qt here: the window calls these from workers.

- `load_campaigns`: one row per campaign of the call (linked to one of its
  applications) plus the campaigns not linked to any application yet, the call's
  totals and how fresh the data is. Donations are counted in SQL, never loaded one
  by one: the forecast needs only what was raised and when (see the domain module),
  so 200,000 donations cost one aggregate query.
- `campaign_series`: one campaign's donations day by day, for its chart.
- `record_outcomes`: at closing, target reached → grant awarded; stored once per
  campaign (CampaignOutcome) with its dates, for the letters; in one transaction
  with its audit entries.

Times, as the sync stores them (desktop/sync/service.py): what the platform reports
(opens_at, closes_at, donated_at) is naive UTC; the app's own bookkeeping (synced_at,
SyncState's times, CampaignOutcome.recorded_at) is naive local time, like the rest of
the app. CampaignOutcome.closed_at is the platform's closing time: naive UTC. Every
time leaves this module aware, and is shown in Milan's time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from db.engine import Database
from db.models import Application, Campaign, CampaignOutcome, Donation, SyncState
from desktop.domain.calls import CallDefinition
from desktop.domain.campaigns import (
    DEFAULT_RULES,
    CampaignFacts,
    CampaignMetrics,
    ClosingOutcome,
    DailyPoint,
    DonationFact,
    Forecast,
    Phase,
    RiskRules,
    as_utc,
    campaign_metrics,
    closing_outcome,
    format_rome_time,
    rome_day,
)
from desktop.services import audit
from desktop.services.store import NotFound

CONFIRMED = "confirmed"


def risk_rules_of(call: CallDefinition | None) -> RiskRules:
    """The call's [campaigns] rules (CallDefinition.risk_rules), else the defaults."""
    rules = getattr(call, "risk_rules", None)
    return rules if isinstance(rules, RiskRules) else DEFAULT_RULES


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stored_utc(moment: dt.datetime) -> dt.datetime:
    """A platform time as stored: naive UTC, whole seconds."""
    return as_utc(moment).replace(tzinfo=None, microsecond=0)


def _stored_local(moment: dt.datetime) -> dt.datetime:
    """A bookkeeping time as stored: naive local time, whole seconds."""
    return as_utc(moment).astimezone().replace(tzinfo=None, microsecond=0)


def _read(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored platform time (naive UTC), aware."""
    return None if moment is None else as_utc(moment)


def _read_local(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored bookkeeping time (naive local), aware UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive datetime is the machine's local time
    return moment.astimezone(dt.UTC)


def _data_as_of(synced_at, server: ServerFreshness | None) -> dt.datetime | None:
    """Until when the platform's figures for a campaign are confirmed: its row's last
    change, or the server's last successful sync if later (an unchanged campaign keeps
    its synced_at, but each successful sync confirms it)."""
    moments = [m for m in (_read_local(synced_at), server and server.last_success_at) if m]
    return max(moments) if moments else None


# --- what the view and the listing show -----------------------------------------------


@dataclass(frozen=True)
class ServerFreshness:
    """How fresh the data of one platform server is."""

    server_url: str
    last_success_at: dt.datetime | None  # aware UTC
    last_attempt_at: dt.datetime | None
    last_error: str

    @property
    def offline(self) -> bool:
        """The last attempt failed (after the last success, if any). A success clears
        last_error, so an error with an attempt in the same second as the success
        still means the later attempt failed."""
        if not self.last_error or self.last_attempt_at is None:
            return False
        return self.last_success_at is None or self.last_attempt_at >= self.last_success_at


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: int
    server_url: str
    external_id: str
    code: str  # the linked application's code, else the code the platform gave
    title: str
    status: str
    application_id: int | None
    application_code: str | None  # the linked application (None: not linked)
    link_source: str  # auto / manual / ""
    grant_cents: int | None  # the linked application's grant (the call's formula)
    opens_at: dt.datetime | None  # aware UTC
    closes_at: dt.datetime | None
    synced_at: dt.datetime | None
    metrics: CampaignMetrics
    # Recorded at closing, or what closing would record now (see `outcome_recorded`).
    outcome: ClosingOutcome | None
    outcome_recorded: bool

    @property
    def linked(self) -> bool:
        return self.application_id is not None


@dataclass(frozen=True)
class CallTotals:
    campaigns: int  # linked to the call's applications
    raised_cents: int
    target_cents: int
    budget_cents: int
    grants_awarded_cents: int  # campaigns closed with their target reached
    grants_due_cents: int  # campaigns not closed yet: due if they all succeed
    grants_at_risk_cents: int  # the part of the due grants whose campaign is at risk
    grants_not_awarded_cents: int  # closed without reaching the target
    at_risk: int
    unlinked: int  # campaigns not linked to any application (not in the totals)

    @property
    def budget_left_cents(self) -> int:
        """The call's budget less the grants awarded and those due if all succeed."""
        return self.budget_cents - self.grants_awarded_cents - self.grants_due_cents


@dataclass(frozen=True)
class CampaignsOverview:
    call_id: str
    now: dt.datetime  # aware UTC: the figures are as of this moment
    rows: tuple[CampaignRow, ...]
    totals: CallTotals
    servers: tuple[ServerFreshness, ...]

    @property
    def data_as_of(self) -> dt.datetime | None:
        """The oldest last successful sync among the servers shown: every figure is
        at least this fresh. None when some server was never synced."""
        moments = [s.last_success_at for s in self.servers]
        if not moments or any(m is None for m in moments):
            return None
        return min(moments)

    @property
    def offline(self) -> bool:
        return any(s.offline for s in self.servers)

    @property
    def never_synced(self) -> bool:
        return not self.servers or any(s.last_success_at is None for s in self.servers)

    def freshness_text(self, language: str = "it") -> str:
        """ "dati al 24/11/2026 10:32", "Offline: dati al …", or never synced."""
        en = language == "en"
        when = self.data_as_of
        if when is None:
            text = "no data synced yet" if en else "nessuna sincronizzazione riuscita"
        else:
            shown = format_rome_time(when)
            text = f"data as of {shown}" if en else f"dati al {shown}"
        if self.offline:
            return f"Offline: {text}"
        return text[0].upper() + text[1:]

    def row(self, campaign_id: int) -> CampaignRow | None:
        for row in self.rows:
            if row.campaign_id == campaign_id:
                return row
        return None


def _freshness(connection, server_urls: set[str]) -> tuple[ServerFreshness, ...]:
    states = {
        state.server_url: state
        for state in connection.execute(
            select(
                SyncState.server_url,
                SyncState.last_success_at,
                SyncState.last_attempt_at,
                SyncState.last_error,
            )
        )
    }
    # Servers with campaigns shown, plus those synced (or tried) without any yet.
    urls = sorted(server_urls | set(states))
    servers = []
    for url in urls:
        state = states.get(url)
        servers.append(
            ServerFreshness(
                server_url=url,
                last_success_at=_read_local(state.last_success_at) if state else None,
                last_attempt_at=_read_local(state.last_attempt_at) if state else None,
                last_error=(state.last_error or "") if state else "",
            )
        )
    return tuple(servers)


def load_campaigns(
    database: Database,
    call: CallDefinition,
    now: dt.datetime | None = None,
    *,
    rules: RiskRules | None = None,
) -> CampaignsOverview:
    """Every campaign of the call with its figures, the call's totals and freshness."""
    now = as_utc(now) if now is not None else _utc_now()
    rules = rules or risk_rules_of(call)
    with database.engine.connect() as connection:
        campaigns = connection.execute(
            select(
                Campaign.id,
                Campaign.server_url,
                Campaign.external_id,
                Campaign.application_code,
                Campaign.application_id,
                Campaign.link_source,
                Campaign.title,
                Campaign.status,
                Campaign.target_cents,
                Campaign.raised_cents,
                Campaign.donors,
                Campaign.opens_at,
                Campaign.closes_at,
                Campaign.synced_at,
                Application.code.label("linked_code"),
                Application.grant_cents,
            )
            .outerjoin(Application, Application.id == Campaign.application_id)
            .where(or_(Application.call_id == call.id, Campaign.application_id.is_(None)))
            .order_by(Campaign.id)
        ).all()
        # One aggregate for every campaign: cheaper than a filtered one on most databases.
        counts = dict(
            connection.execute(
                select(Donation.campaign_id, func.count())
                .where(Donation.status == CONFIRMED)
                .group_by(Donation.campaign_id)
            ).all()
        )
        outcomes = {
            row.campaign_id: row
            for row in connection.execute(
                select(
                    CampaignOutcome.campaign_id,
                    CampaignOutcome.reached,
                    CampaignOutcome.raised_cents,
                    CampaignOutcome.grant_cents,
                    CampaignOutcome.closed_at,
                )
            )
        }
        servers = _freshness(connection, {c.server_url for c in campaigns})
    server_of = {server.server_url: server for server in servers}

    rows = []
    for campaign in campaigns:
        facts = CampaignFacts(
            target_cents=campaign.target_cents,
            raised_cents=campaign.raised_cents,
            status=campaign.status,
            donors=campaign.donors or 0,
            opens_at=campaign.opens_at,
            closes_at=campaign.closes_at,
            donation_count=counts.get(campaign.id, 0),
            data_as_of=_data_as_of(campaign.synced_at, server_of.get(campaign.server_url)),
        )
        grant = campaign.grant_cents if campaign.application_id is not None else None
        metrics = campaign_metrics(facts, now, grant_cents=grant, rules=rules)
        stored = outcomes.get(campaign.id)
        if stored is not None:
            outcome = ClosingOutcome(
                reached=stored.reached,
                raised_cents=stored.raised_cents,
                target_cents=campaign.target_cents,
                grant_cents=stored.grant_cents,
                grant_at_stake_cents=grant or 0,
                closed_at=as_utc(stored.closed_at),
                status=campaign.status,
            )
        else:
            outcome = closing_outcome(facts, grant or 0, now)
        rows.append(
            CampaignRow(
                campaign_id=campaign.id,
                server_url=campaign.server_url,
                external_id=campaign.external_id,
                code=campaign.linked_code or campaign.application_code or campaign.external_id,
                title=campaign.title or "",
                status=campaign.status,
                application_id=campaign.application_id,
                application_code=campaign.linked_code,
                link_source=campaign.link_source or "",
                grant_cents=grant,
                opens_at=_read(campaign.opens_at),
                closes_at=_read(campaign.closes_at),
                synced_at=_read_local(campaign.synced_at),
                metrics=metrics,
                outcome=outcome,
                outcome_recorded=stored is not None,
            )
        )
    return CampaignsOverview(
        call_id=call.id,
        now=now,
        rows=tuple(rows),
        totals=_totals(rows, call),
        servers=servers,
    )


def _totals(rows: list[CampaignRow], call: CallDefinition) -> CallTotals:
    """Grants counted once per application, even if it ran more than one campaign:
    awarded if any of its campaigns reached the target, else due if one is still
    running (at risk only if every running one is), else not awarded."""
    linked = [row for row in rows if row.linked]
    by_application: dict[int, list[CampaignRow]] = {}
    for row in linked:
        by_application.setdefault(row.application_id, []).append(row)
    awarded = due = at_risk = not_awarded = 0
    for campaigns in by_application.values():
        grant = campaigns[0].grant_cents or 0
        if any(c.outcome is not None and c.outcome.reached for c in campaigns):
            awarded += grant
            continue
        pending = [c for c in campaigns if c.outcome is None]
        if pending:
            due += grant
            if all(c.metrics.at_risk for c in pending):
                at_risk += grant
        else:
            not_awarded += grant
    return CallTotals(
        campaigns=len(linked),
        raised_cents=sum(row.metrics.raised_cents for row in linked),
        target_cents=sum(row.metrics.target_cents for row in linked),
        budget_cents=call.budget_cents,
        grants_awarded_cents=awarded,
        grants_due_cents=due,
        grants_at_risk_cents=at_risk,
        grants_not_awarded_cents=not_awarded,
        at_risk=sum(1 for row in linked if row.metrics.at_risk),
        unlinked=len(rows) - len(linked),
    )


# --- one campaign's chart -------------------------------------------------------------


@dataclass(frozen=True)
class CampaignSeries:
    """One campaign day by day (Europe/Rome calendar days), for its chart."""

    campaign_id: int
    code: str
    title: str
    target_cents: int
    raised_cents: int
    opens_on: dt.date | None
    closes_on: dt.date | None
    today: dt.date  # the "today" marker (Milan's calendar)
    points: tuple[DailyPoint, ...]
    forecast: Forecast | None
    metrics: CampaignMetrics
    data_as_of: dt.datetime | None  # the campaign's figures are confirmed until then


def campaign_series(
    database: Database,
    campaign_id: int,
    now: dt.datetime | None = None,
    *,
    call: CallDefinition | None = None,
    rules: RiskRules | None = None,
) -> CampaignSeries:
    """The daily and cumulative donations of one campaign. NotFound if it is gone."""
    now = as_utc(now) if now is not None else _utc_now()
    rules = rules or risk_rules_of(call)
    with database.session() as session:
        campaign = session.execute(
            select(Campaign, Application.code.label("linked_code"), Application.grant_cents)
            .outerjoin(Application, Application.id == Campaign.application_id)
            .where(Campaign.id == campaign_id)
        ).first()
        state = session.execute(
            select(SyncState.last_success_at).where(
                SyncState.server_url == Campaign.server_url, Campaign.id == campaign_id
            )
        ).scalar()
        if campaign is None:
            raise NotFound(
                f"campagna {campaign_id} non trovata: aggiornare l'elenco",
                f"campaign {campaign_id} not found: refresh the list",
            )
        donations = session.execute(
            select(Donation.amount_cents, Donation.donated_at)
            .where(Donation.campaign_id == campaign_id, Donation.status == CONFIRMED)
            .order_by(Donation.donated_at)
        ).all()
    stored: Campaign = campaign[0]
    facts = CampaignFacts(
        target_cents=stored.target_cents,
        raised_cents=stored.raised_cents,
        status=stored.status,
        donors=stored.donors or 0,
        opens_at=stored.opens_at,
        closes_at=stored.closes_at,
        donations=tuple(DonationFact(d.amount_cents, d.donated_at) for d in donations),
        data_as_of=_data_as_of(
            stored.synced_at, ServerFreshness(stored.server_url, _read_local(state), None, "")
        ),
    )
    metrics = campaign_metrics(facts, now, grant_cents=campaign.grant_cents, rules=rules)
    return CampaignSeries(
        campaign_id=stored.id,
        code=campaign.linked_code or stored.application_code or stored.external_id,
        title=stored.title or "",
        target_cents=stored.target_cents,
        raised_cents=stored.raised_cents,
        opens_on=rome_day(stored.opens_at) if stored.opens_at else None,
        closes_on=rome_day(stored.closes_at) if stored.closes_at else None,
        today=rome_day(now),
        points=metrics.daily,
        forecast=metrics.forecast if metrics.phase is Phase.RUNNING else None,
        metrics=metrics,
        data_as_of=facts.data_as_of,
    )


# --- outcomes at closing --------------------------------------------------------------


@dataclass(frozen=True)
class RecordedOutcome:
    """A campaign's outcome as recorded for the letters."""

    campaign_id: int
    external_id: str
    application_id: int | None
    application_code: str
    title: str
    reached: bool
    raised_cents: int
    target_cents: int
    grant_cents: int  # awarded (0 when the target was not reached)
    closed_at: dt.datetime  # aware UTC
    recorded_at: dt.datetime


def record_outcomes(
    database: Database, call: CallDefinition, now: dt.datetime | None = None
) -> list[RecordedOutcome]:
    """Records the outcome of every closed campaign of the call not recorded yet, in
    one transaction with one audit entry each. Idempotent: a recorded outcome is never
    changed (the letters rely on it). Skipped, to be recorded later: campaigns not
    linked to an application (no grant to decide on), and those whose last sync
    predates the closing (see domain.closing_outcome)."""
    now = as_utc(now) if now is not None else _utc_now()
    recorded_at = _stored_local(now)
    recorded = []
    with database.session() as session, session.begin():
        last_success = {
            url: ServerFreshness(url, _read_local(at), None, "")
            for url, at in session.execute(select(SyncState.server_url, SyncState.last_success_at))
        }
        candidates = session.execute(
            select(Campaign, Application.code, Application.title, Application.grant_cents)
            .join(Application, Application.id == Campaign.application_id)
            .outerjoin(CampaignOutcome, CampaignOutcome.campaign_id == Campaign.id)
            .where(Application.call_id == call.id, CampaignOutcome.campaign_id.is_(None))
            .order_by(Application.code, Campaign.id)
        ).all()
        for campaign, code, application_title, grant in candidates:
            facts = CampaignFacts(
                target_cents=campaign.target_cents,
                raised_cents=campaign.raised_cents,
                status=campaign.status,
                donors=campaign.donors or 0,
                opens_at=campaign.opens_at,
                closes_at=campaign.closes_at,
                data_as_of=_data_as_of(campaign.synced_at, last_success.get(campaign.server_url)),
            )
            outcome = closing_outcome(facts, grant or 0, now)
            if outcome is None:
                continue
            closed_at = _stored_utc(outcome.closed_at)
            session.add(
                CampaignOutcome(
                    campaign_id=campaign.id,
                    application_id=campaign.application_id,
                    reached=outcome.reached,
                    raised_cents=outcome.raised_cents,
                    grant_cents=outcome.grant_cents,
                    closed_at=closed_at,
                    recorded_at=recorded_at,
                )
            )
            audit.append(
                session,
                "campaign_outcome",
                code,
                "recorded",
                new={
                    "campaign": campaign.external_id,
                    "server": campaign.server_url,
                    "reached": outcome.reached,
                    "raised_cents": outcome.raised_cents,
                    "target_cents": outcome.target_cents,
                    "grant_cents": outcome.grant_cents,
                    "closed_at": closed_at.isoformat(),
                },
            )
            recorded.append(
                RecordedOutcome(
                    campaign_id=campaign.id,
                    external_id=campaign.external_id,
                    application_id=campaign.application_id,
                    application_code=code,
                    title=campaign.title or application_title,
                    reached=outcome.reached,
                    raised_cents=outcome.raised_cents,
                    target_cents=outcome.target_cents,
                    grant_cents=outcome.grant_cents,
                    closed_at=as_utc(closed_at),
                    recorded_at=_read_local(recorded_at),
                )
            )
    return recorded


def load_outcomes(database: Database, call: CallDefinition) -> list[RecordedOutcome]:
    """Every recorded outcome of the call's campaigns, by application code."""
    with database.session() as session:
        rows = session.execute(
            select(
                CampaignOutcome,
                Campaign.external_id,
                Campaign.title,
                Campaign.target_cents,
                Application.code,
                Application.title.label("application_title"),
            )
            .join(Campaign, Campaign.id == CampaignOutcome.campaign_id)
            .join(Application, Application.id == CampaignOutcome.application_id)
            .where(Application.call_id == call.id)
            .order_by(Application.code, CampaignOutcome.campaign_id)
        ).all()
    return [
        RecordedOutcome(
            campaign_id=row[0].campaign_id,
            external_id=row.external_id,
            application_id=row[0].application_id,
            application_code=row.code,
            title=row.title or row.application_title,
            reached=row[0].reached,
            raised_cents=row[0].raised_cents,
            target_cents=row.target_cents,
            grant_cents=row[0].grant_cents,
            closed_at=as_utc(row[0].closed_at),
            recorded_at=_read_local(row[0].recorded_at),
        )
        for row in rows
    ]
