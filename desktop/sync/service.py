"""Syncing campaigns and donations from a platform server into the database.

`sync()` fetches everything new, validates ALL of it, then writes it in ONE
transaction: campaigns upserted by (server_url, external_id), donations
deduplicated by id with status changes applied (a refund or a cancellation lowers
what was raised), campaigns linked automatically to the application of the same
code in the call, SyncState moved on. A failure of any kind — offline, refused
credential, untrusted certificate, a payload malformed or inconsistent — writes
nothing but SyncState.last_attempt_at/last_error (in a small transaction of its
own), and the result says "offline, dati al <last success>". A kill mid-write
loses nothing: the transaction is not committed.

Idempotence: the same data twice changes nothing. A campaign's `synced_at` is when
a sync last CHANGED that campaign's row (so an unchanged campaign keeps it); how
fresh the data set is as a whole is SyncState.last_success_at, updated by every
successful sync, and that is what "dati al …" shows.

Times: what the platform reports (opens_at, closes_at, donated_at,
remote_updated_at) is stored as naive UTC; the sync's own bookkeeping (synced_at,
last_success_at, last_attempt_at) as naive local time, like the rest of the app.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, bindparam, func, select, update

from db.engine import Database
from db.models import Application, Campaign, Donation, SyncState
from desktop.domain import formatting
from desktop.domain.problems import Problem
from desktop.services import audit
from desktop.services.store import bulk_insert
from desktop.sync import (
    PLATFORMS,
    MissingCredential,
    PayloadProblem,
    RemoteCampaign,
    RequestProblem,
    SyncProblem,
)
from desktop.sync.commissione import Fetched
from desktop.sync.credentials import Credential, get_credential
from desktop.sync.http import HttpClient, RetryPolicy, normalise_url
from desktop.sync.http import excerpt as _short

log = logging.getLogger(__name__)

# A campaign's totals may disagree with its donations only because the server moved
# on between the two listings; re-reading what changed settles that. Limited, so a
# server that keeps disagreeing is refused rather than followed forever.
MAX_EXTRA_ROUNDS = 2
_BATCH = 900  # bound parameters per IN (...), under SQLite's limits
# Serialises syncs within this process (a "Sync now" during a periodic one).
_sync_lock = threading.Lock()

CAMPAIGN_FIELDS = (
    "application_code",
    "title",
    "status",
    "target_cents",
    "raised_cents",
    "donors",
    "opens_at",
    "closes_at",
    "remote_updated_at",
    "page_url",
)


@dataclass
class SyncResult:
    server_url: str
    platform: str
    ok: bool
    kind: str  # ok / offline / auth / no_credential / tls / rejected / request
    it: str
    en: str
    last_success_at: dt.datetime | None = None
    campaigns_new: int = 0
    campaigns_updated: int = 0
    campaigns_unchanged: int = 0
    donations_new: int = 0
    donations_updated: int = 0
    links_changed: int = 0
    not_modified: bool = False
    seconds: float = 0.0

    @property
    def offline(self) -> bool:
        return self.kind == "offline"

    def message(self, language: str = "it") -> str:
        return self.en if language == "en" else self.it


@dataclass
class SyncStatusRow:
    server_url: str
    platform: str
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_error: str
    campaigns: int
    failing: bool  # the last attempt failed after (or without) a success
    freshness_it: str
    freshness_en: str

    def freshness(self, language: str = "it") -> str:
        return self.freshness_en if language == "en" else self.freshness_it


@dataclass
class LinkResult:
    server_url: str
    campaign_external_id: str
    application_code: str
    changed: bool


class LinkProblem(Problem):
    """A manual link cannot be made; the message says why and what to do."""


def freshness(last_success_at: dt.datetime | None, failing: bool = False) -> tuple[str, str]:
    """("dati al 24/11/2026 10:32", "data as of 24/11/2026 10:32"), "offline, …" when
    the last attempt failed."""
    if last_success_at is None:
        it, en = "nessun dato: mai sincronizzato", "no data: never synced"
    else:
        # Stored in this machine's local time; shown in Rome's, as every other time
        # of the call (the campaigns' "Dati al" beside it), whatever the machine's zone.
        shown = formatting.datetime_rome(last_success_at.astimezone())
        it, en = f"dati al {shown}", f"data as of {shown}"
    if failing:
        it, en = f"offline, {it}", f"offline, {en}"
    return it, en


# --- sync -----------------------------------------------------------------------------


def sync(
    database: Database,
    call,
    server_url: str,
    platform: str = "commissione",
    ca_bundle: str | Path | None = None,
    now: dt.datetime | None = None,
    *,
    credential: Credential | None = None,
    policy: RetryPolicy | None = None,
    on_retry: Callable[[str, str], None] | None = None,
) -> SyncResult:
    """Brings the server's campaigns and donations into the database, all or nothing.

    Raises RequestProblem at once for an unusable URL or platform name; every other
    failure is returned as a result with ok=False (and recorded in SyncState).
    `on_retry(it, en)` is told each retry of a request, to show in the caller's
    language."""
    if platform not in PLATFORMS:
        raise RequestProblem(
            f"piattaforma sconosciuta «{platform}» (ammesse: {', '.join(PLATFORMS)})",
            f"unknown platform “{platform}” (allowed: {', '.join(PLATFORMS)})",
        )
    url = normalise_url(server_url)
    with _sync_lock:
        started = time.perf_counter()
        now = _local_now(now)
        stored = _stored_state(database, url)
        state = stored["state"] if stored["platform"] in ("", platform) else {}
        try:
            credential = credential or get_credential(url)
            if credential is None:
                raise MissingCredential(
                    f"nessuna credenziale per {url}: impostarla con 'commissione credentials set {url}'",
                    f"no credential for {url}: set one with 'commissione credentials set {url}'",
                )
            with HttpClient(url, ca_bundle=ca_bundle, policy=policy, on_retry=on_retry) as http:
                adapter = _adapter(platform, http, credential)
                fetched = adapter.fetch(state)
                plan = _plan(database, url, fetched)
                rounds = 0
                while plan.problem is not None:
                    if rounds >= MAX_EXTRA_ROUNDS:
                        raise plan.problem
                    more = adapter.fetch(fetched.state)
                    rounds += 1
                    if more.new_items == 0:
                        raise plan.problem
                    fetched = _merge(fetched, more)
                    plan = _plan(database, url, fetched)
            result = _write(database, call, url, platform, fetched, plan, now)
        except SyncProblem as problem:
            last_success = _record_failure(database, url, platform, problem, now)
            it_when, en_when = freshness(last_success, failing=True)
            # The caller shows the problem in its language: this line is for the log file.
            log.info("sync with %s failed: %s", url, problem.en)
            return SyncResult(
                url,
                platform,
                False,
                problem.kind,
                f"{problem.it}. {it_when[0].upper()}{it_when[1:]}.",
                f"{problem.en}. {en_when[0].upper()}{en_when[1:]}.",
                last_success_at=last_success,
                seconds=time.perf_counter() - started,
            )
        except Exception as error:
            # A bug or a database failure: still say that this attempt failed, then raise.
            _record_failure(
                database,
                url,
                platform,
                SyncProblem(
                    f"errore imprevisto durante la sincronizzazione ({type(error).__name__})",
                    f"unexpected error during the sync ({type(error).__name__})",
                ),
                now,
            )
            raise
        result.seconds = time.perf_counter() - started
        return result


def _adapter(platform: str, http: HttpClient, credential: Credential):
    if platform == "goteo":
        from desktop.sync.goteo import GoteoAdapter

        return GoteoAdapter(http, credential)
    from desktop.sync.commissione import CommissioneAdapter

    return CommissioneAdapter(http, credential)


def _local_now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now().replace(microsecond=0)
    if now.tzinfo is not None:
        now = now.astimezone().replace(tzinfo=None)
    return now.replace(microsecond=0)


def _merge(first: Fetched, more: Fetched) -> Fetched:
    """`more` read after `first`: an item replaces an earlier one only when newer."""
    campaigns = dict(first.campaigns)
    for key, item in more.campaigns.items():
        known = campaigns.get(key)
        if known is None or _newer(item, known):
            campaigns[key] = item
    donations = dict(first.donations)
    for key, item in more.donations.items():
        known = donations.get(key)
        if known is None or _newer(item, known):
            donations[key] = item
    complete = first.donations_complete_for
    if complete is not None and more.donations_complete_for is not None:
        complete = complete | more.donations_complete_for
    return Fetched(
        campaigns,
        donations,
        more.state,
        complete,
        first.totals_enforced,
        first.new_items + more.new_items,
    )


def _newer(item, known) -> bool:
    if item.remote_updated_at is None or known.remote_updated_at is None:
        return True
    return item.remote_updated_at > known.remote_updated_at


# --- plan: compare with what is stored, check the totals ---------------------------


@dataclass
class _StoredCampaign:
    id: int
    values: dict
    application_id: int | None
    link_source: str


@dataclass
class _Plan:
    stored_campaigns: dict[str, _StoredCampaign]
    # (campaign external id, donation external id) -> (row id, amount, status, donated_at)
    stored_donations: dict[tuple[str, str], tuple[int, int, str, dt.datetime]]
    problem: SyncProblem | None = None


def _plan(database: Database, url: str, fetched: Fetched) -> _Plan:
    with database.engine.connect() as connection:
        stored_campaigns = _stored_campaigns(connection, url)
        affected = set(fetched.campaigns) | {
            d.campaign_external_id for d in fetched.donations.values()
        }
        stored_ids = {stored_campaigns[e].id: e for e in affected if e in stored_campaigns}
        stored_donations = _stored_donations(connection, stored_ids) if stored_ids else {}
    plan = _Plan(stored_campaigns, stored_donations)
    plan.problem = _check(fetched, plan, affected)
    return plan


def _stored_campaigns(connection: Connection, url: str) -> dict[str, _StoredCampaign]:
    table = Campaign.__table__
    columns = [table.c[name] for name in CAMPAIGN_FIELDS]
    rows = connection.execute(
        select(
            table.c.id, table.c.external_id, table.c.application_id, table.c.link_source, *columns
        ).where(table.c.server_url == url)
    )
    stored = {}
    for row in rows:
        values = {name: getattr(row, name) for name in CAMPAIGN_FIELDS}
        stored[row.external_id] = _StoredCampaign(
            row.id, values, row.application_id, row.link_source or ""
        )
    return stored


def _stored_donations(connection: Connection, campaign_ids: dict[int, str]):
    table = Donation.__table__
    stored = {}
    ids = list(campaign_ids)
    for start in range(0, len(ids), _BATCH):
        statement = select(
            table.c.campaign_id,
            table.c.external_id,
            table.c.id,
            table.c.amount_cents,
            table.c.status,
            table.c.donated_at,
        ).where(table.c.campaign_id.in_(ids[start : start + _BATCH]))
        for campaign_id, external_id, id_, amount, status, donated_at in connection.execute(
            statement
        ):
            stored[(campaign_ids[campaign_id], external_id)] = (id_, amount, status, donated_at)
    return stored


def _check(fetched: Fetched, plan: _Plan, affected: set[str]) -> SyncProblem | None:
    """Every donation belongs to a known campaign; each affected campaign's raised
    equals the sum of its confirmed donations as they will be after this sync."""
    known = set(fetched.campaigns) | set(plan.stored_campaigns)
    for donation in fetched.donations.values():
        if donation.campaign_external_id not in known:
            return PayloadProblem(
                f"dati rifiutati: la donazione «{donation.external_id}» è di una campagna "
                f"sconosciuta «{donation.campaign_external_id}»; i dati locali non sono cambiati",
                f"data rejected: donation “{donation.external_id}” belongs to an unknown "
                f"campaign “{donation.campaign_external_id}”; local data is unchanged",
            )
    owners = {donation_id: campaign for campaign, donation_id in plan.stored_donations}
    for donation in fetched.donations.values():
        owner = owners.get(donation.external_id)
        if owner is not None and owner != donation.campaign_external_id:
            return PayloadProblem(
                f"dati rifiutati: la donazione «{donation.external_id}» era della campagna "
                f"«{owner}» e ora risulta di «{donation.campaign_external_id}»; "
                "i dati locali non sono cambiati",
                f"data rejected: donation “{donation.external_id}” belonged to campaign "
                f"“{owner}” and now shows under “{donation.campaign_external_id}”; "
                "local data is unchanged",
            )
    if not fetched.totals_enforced:
        return None
    confirmed: dict[str, int] = defaultdict(int)
    for (campaign, donation_id), (_, amount, status, _) in plan.stored_donations.items():
        if status == "confirmed" and donation_id not in fetched.donations:
            confirmed[campaign] += amount
    for donation in fetched.donations.values():
        if donation.status == "confirmed":
            confirmed[donation.campaign_external_id] += donation.amount_cents
    for external_id in sorted(affected):
        campaign = fetched.campaigns.get(external_id)
        if campaign is not None:
            raised, code, title = campaign.raised_cents, campaign.application_code, campaign.title
        else:
            stored = plan.stored_campaigns[external_id]
            raised = stored.values["raised_cents"]
            code, title = stored.values["application_code"], stored.values["title"]
        total = confirmed.get(external_id, 0)
        if raised != total:
            named = external_id + (f" ({code})" if code else "")
            return PayloadProblem(
                f"dati rifiutati: la campagna {named} «{_short(title)}» dichiara raccolti "
                f"{formatting.money(raised)} ma le sue donazioni confermate sommano {formatting.money(total)}; "
                "i dati locali non sono cambiati",
                f"data rejected: campaign {named} “{_short(title)}” reports {formatting.money(raised)} "
                f"raised but its confirmed donations add up to {formatting.money(total)}; "
                "local data is unchanged",
            )
    return None


# --- write: one transaction -------------------------------------------------------------


def _write(
    database: Database, call, url: str, platform: str, fetched: Fetched, plan: _Plan, now
) -> SyncResult:
    result = SyncResult(url, platform, True, "ok", "", "", last_success_at=now)
    campaigns_table = Campaign.__table__
    donations_table = Donation.__table__
    with database.engine.begin() as connection:
        # Campaigns: new ones inserted, changed ones updated, the rest left alone.
        inserts, updates = [], []
        for external_id, remote in fetched.campaigns.items():
            values = _campaign_values(remote)
            stored = plan.stored_campaigns.get(external_id)
            if stored is None:
                inserts.append(
                    {
                        "server_url": url,
                        "external_id": external_id,
                        "application_id": None,
                        "link_source": "",
                        **values,
                        "synced_at": now,
                    }
                )
            elif values != stored.values:
                updates.append({"b_id": stored.id, **values, "synced_at": now})
            else:
                result.campaigns_unchanged += 1
        bulk_insert(connection, campaigns_table, inserts)
        if updates:
            connection.execute(
                update(campaigns_table)
                .where(campaigns_table.c.id == bindparam("b_id"))
                .values({name: bindparam(name) for name in (*CAMPAIGN_FIELDS, "synced_at")}),
                updates,
            )
        result.campaigns_new, result.campaigns_updated = len(inserts), len(updates)

        ids = {e: s.id for e, s in plan.stored_campaigns.items()}
        if inserts:
            ids.update(
                connection.execute(
                    select(campaigns_table.c.external_id, campaigns_table.c.id).where(
                        campaigns_table.c.server_url == url
                    )
                ).all()
            )
        # Donations: deduplicated by id; a new status (refund, cancellation) is applied.
        new_donations, changed_donations = [], []
        for remote in fetched.donations.values():
            stored = plan.stored_donations.get((remote.campaign_external_id, remote.external_id))
            if stored is None:
                new_donations.append(
                    {
                        "campaign_id": ids[remote.campaign_external_id],
                        "external_id": remote.external_id,
                        "amount_cents": remote.amount_cents,
                        "donated_at": remote.donated_at,
                        "status": remote.status,
                    }
                )
            elif (stored[1], stored[2], stored[3]) != (
                remote.amount_cents,
                remote.status,
                remote.donated_at,
            ):
                changed_donations.append(
                    {
                        "b_id": stored[0],
                        "amount_cents": remote.amount_cents,
                        "status": remote.status,
                        "donated_at": remote.donated_at,
                    }
                )
        if fetched.donations_complete_for:
            # A complete listing that no longer shows a stored donation: it was withdrawn.
            listed = {(d.campaign_external_id, d.external_id) for d in fetched.donations.values()}
            for key, (row_id, amount, status, donated_at) in plan.stored_donations.items():
                if (
                    key[0] in fetched.donations_complete_for
                    and key not in listed
                    and status != "cancelled"
                ):
                    changed_donations.append(
                        {
                            "b_id": row_id,
                            "amount_cents": amount,
                            "status": "cancelled",
                            "donated_at": donated_at,
                        }
                    )
        bulk_insert(connection, donations_table, new_donations)
        if changed_donations:
            connection.execute(
                update(donations_table)
                .where(donations_table.c.id == bindparam("b_id"))
                .values(
                    amount_cents=bindparam("amount_cents"),
                    status=bindparam("status"),
                    donated_at=bindparam("donated_at"),
                ),
                changed_donations,
            )
        result.donations_new, result.donations_updated = len(new_donations), len(changed_donations)
        result.links_changed = _auto_link(connection, call, url, now)
        _save_state(
            connection,
            url,
            platform,
            cursor=json.dumps(
                {k: v for k, v in fetched.state.items() if not k.endswith("_etag")},
                sort_keys=True,
            ),
            etag=json.dumps(
                {k: v for k, v in fetched.state.items() if k.endswith("_etag")}, sort_keys=True
            ),
            last_success_at=now,
            last_attempt_at=now,
            last_error="",
        )
    result.not_modified = not (fetched.campaigns or fetched.donations)
    it_when, en_when = freshness(now)
    result.it = (
        f"Sincronizzato con {url}: campagne nuove {result.campaigns_new}, aggiornate "
        f"{result.campaigns_updated}, invariate {result.campaigns_unchanged}; donazioni nuove "
        f"{result.donations_new}, aggiornate {result.donations_updated}; collegamenti "
        f"modificati {result.links_changed}. {it_when[0].upper()}{it_when[1:]}."
    )
    result.en = (
        f"Synced with {url}: campaigns new {result.campaigns_new}, updated "
        f"{result.campaigns_updated}, unchanged {result.campaigns_unchanged}; donations new "
        f"{result.donations_new}, updated {result.donations_updated}; links changed "
        f"{result.links_changed}. {en_when[0].upper()}{en_when[1:]}."
    )
    return result


def _campaign_values(remote: RemoteCampaign) -> dict:
    return {
        "application_code": remote.application_code,
        "title": remote.title,
        "status": remote.status,
        "target_cents": remote.target_cents,
        "raised_cents": remote.raised_cents,
        "donors": remote.donors,
        "opens_at": remote.opens_at,
        "closes_at": remote.closes_at,
        "remote_updated_at": remote.remote_updated_at,
        "page_url": remote.page_url,
    }


def _auto_link(connection: Connection, call, url: str, now: dt.datetime) -> int:
    """Links each campaign of this server to the application of the same code in the
    call; a manual link is never touched. Returns how many links changed (none
    without a call)."""
    if call is None:
        return 0
    table = Campaign.__table__
    rows = connection.execute(
        select(
            table.c.id,
            table.c.external_id,
            table.c.application_code,
            table.c.application_id,
            table.c.link_source,
        ).where(table.c.server_url == url, table.c.link_source != "manual")
    ).all()
    codes = sorted({r.application_code.strip() for r in rows if r.application_code.strip()})
    found = _application_ids(connection, call.id, codes)
    changed = 0
    for row in rows:
        code = row.application_code.strip()
        target = found.get(code) or found.get(code.upper())
        wanted = (target, "auto" if target else "")
        if (row.application_id, row.link_source or "") == wanted:
            continue
        connection.execute(
            update(table)
            .where(table.c.id == row.id)
            .values(application_id=wanted[0], link_source=wanted[1])
        )
        _audit_link(
            connection,
            url,
            row.external_id,
            "auto_link",
            {"application_id": row.application_id, "source": row.link_source or ""},
            {"application_id": wanted[0], "source": wanted[1], "code": code},
            actor="sync",
        )
        changed += 1
    return changed


def _application_ids(connection: Connection, call_id: str, codes: list[str]) -> dict[str, int]:
    table = Application.__table__
    wanted = sorted(set(codes) | {c.upper() for c in codes})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _BATCH):
        statement = select(table.c.code, table.c.id).where(
            table.c.call_id == call_id, table.c.code.in_(wanted[start : start + _BATCH])
        )
        found.update((code, id_) for code, id_ in connection.execute(statement))
    return found


def _audit_link(connection: Connection, url, external_id, action, old, new, actor=None) -> None:
    from sqlalchemy.orm import Session

    with Session(bind=connection) as session:
        audit.append(session, "campaign", f"{url}#{external_id}", action, old, new, actor=actor)
        session.flush()


def _save_state(connection: Connection, url: str, platform: str, **values) -> None:
    table = SyncState.__table__
    exists = connection.execute(select(table.c.server_url).where(table.c.server_url == url)).first()
    if exists:
        connection.execute(
            update(table).where(table.c.server_url == url).values(platform=platform, **values)
        )
    else:
        defaults = {"cursor": "", "etag": "", "last_success_at": None, "last_error": ""}
        connection.execute(
            table.insert().values(server_url=url, platform=platform, **{**defaults, **values})
        )


def _stored_state(database: Database, url: str) -> dict:
    with database.engine.connect() as connection:
        row = connection.execute(
            select(SyncState.__table__).where(SyncState.__table__.c.server_url == url)
        ).first()
    if row is None:
        return {"platform": "", "state": {}}
    state = {}
    for text in (row.cursor, row.etag):
        try:
            loaded = json.loads(text) if text else {}
        except ValueError:
            loaded = {}
        if isinstance(loaded, dict):
            state.update({k: v for k, v in loaded.items() if isinstance(v, str)})
    return {"platform": row.platform, "state": state}


def _record_failure(
    database: Database, url: str, platform: str, problem: SyncProblem, now: dt.datetime
) -> dt.datetime | None:
    """SyncState.last_attempt_at/last_error in a transaction of its own; returns the
    last success. A database that cannot even take this is left alone (logged)."""
    try:
        with database.engine.begin() as connection:
            row = connection.execute(
                select(SyncState.__table__.c.platform, SyncState.__table__.c.last_success_at).where(
                    SyncState.__table__.c.server_url == url
                )
            ).first()
            values = {"last_attempt_at": now, "last_error": f"{problem.it} / {problem.en}"[:4000]}
            if row is None:
                _save_state(connection, url, platform, **values)
                return None
            connection.execute(
                update(SyncState.__table__)
                .where(SyncState.__table__.c.server_url == url)
                .values(**values)
            )
            return row.last_success_at
    except Exception as error:
        log.error("could not record the failed sync of %s: %s", url, type(error).__name__)
        return None


# --- manual link, status ----------------------------------------------------------------


def link(
    database: Database,
    call,
    application_code: str,
    campaign_external_id: str,
    server_url: str | None = None,
) -> LinkResult:
    """Links a campaign to an application by hand (link_source "manual": a sync's
    automatic linking never overrides it). Recorded in the audit log."""
    url = normalise_url(server_url) if server_url else None
    code = (application_code or "").strip()
    with database.session() as session, session.begin():
        statement = select(Campaign).where(Campaign.external_id == campaign_external_id.strip())
        if url:
            statement = statement.where(Campaign.server_url == url)
        campaigns = session.execute(statement).scalars().all()
        if not campaigns:
            where_it = f" del server {url}" if url else ""
            where_en = f" from server {url}" if url else ""
            raise LinkProblem(
                f"campagna «{campaign_external_id}»{where_it} non trovata: sincronizzare prima con 'commissione sync'",
                f"campaign “{campaign_external_id}”{where_en} not found: sync first with 'commissione sync'",
            )
        if len(campaigns) > 1:
            servers = ", ".join(sorted(c.server_url for c in campaigns))
            raise LinkProblem(
                f"la campagna «{campaign_external_id}» esiste su più server ({servers}): indicare --url",
                f"campaign “{campaign_external_id}” exists on several servers ({servers}): give --url",
            )
        campaign = campaigns[0]
        application = session.execute(
            select(Application).where(Application.call_id == call.id, Application.code == code)
        ).scalar_one_or_none()
        if application is None:
            raise LinkProblem(
                f"domanda «{code}» non trovata nel bando {call.id}",
                f"application “{code}” not found in call {call.id}",
            )
        changed = (campaign.application_id, campaign.link_source) != (application.id, "manual")
        if changed:
            old = {"application_id": campaign.application_id, "source": campaign.link_source}
            campaign.application_id = application.id
            campaign.link_source = "manual"
            audit.append(
                session,
                "campaign",
                f"{campaign.server_url}#{campaign.external_id}",
                "link",
                old,
                {"application_id": application.id, "source": "manual", "code": code},
            )
        return LinkResult(campaign.server_url, campaign.external_id, code, changed)


def sync_status(database: Database) -> list[SyncStatusRow]:
    """One row per platform server known to this database, with how fresh its data is."""
    state = SyncState.__table__
    campaigns = Campaign.__table__
    with database.engine.connect() as connection:
        counts = dict(
            connection.execute(
                select(campaigns.c.server_url, func.count()).group_by(campaigns.c.server_url)
            ).all()
        )
        rows = connection.execute(select(state).order_by(state.c.server_url)).all()
    result = []
    for row in rows:
        failing = bool(row.last_error) and (
            row.last_success_at is None
            or (row.last_attempt_at is not None and row.last_attempt_at >= row.last_success_at)
        )
        it, en = freshness(row.last_success_at, failing)
        result.append(
            SyncStatusRow(
                row.server_url,
                row.platform,
                row.last_success_at,
                row.last_attempt_at,
                row.last_error,
                counts.get(row.server_url, 0),
                failing,
                it,
                en,
            )
        )
    return result


def last_used_server(database: Database) -> tuple[str, str] | None:
    """(server URL, platform) of the most recent sync attempt, if any."""
    state = SyncState.__table__
    with database.engine.connect() as connection:
        row = connection.execute(
            select(state.c.server_url, state.c.platform)
            .order_by(state.c.last_attempt_at.desc().nulls_last())
            .limit(1)
        ).first()
    return (row.server_url, row.platform) if row else None


__all__ = [
    "LinkProblem",
    "LinkResult",
    "SyncResult",
    "SyncStatusRow",
    "freshness",
    "last_used_server",
    "link",
    "sync",
    "sync_status",
]
