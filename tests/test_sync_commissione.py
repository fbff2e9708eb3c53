"""Syncing from the platform simulator (a real HTTP server on 127.0.0.1) into SQLite
and PostgreSQL: first and incremental syncs, ETag 304, idempotence, refunds, links,
every fault kind, hostile payloads, an offline start, a kill mid-write."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile_platform import HostilePlatform
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text

from db.models import AuditEntry, Campaign, Donation, SyncState
from desktop.domain.formatting import datetime_rome
from desktop.platform.simulator import demo_timeline, running_simulator
from desktop.platform.timeline import PAGE_URL_BASE
from desktop.sync import commissione
from desktop.sync.credentials import Credential
from desktop.sync.http import RetryPolicy, Secret
from desktop.sync.service import link, sync, sync_status

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "tok-simulatore-Prova-5e2a9c"
START = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 4, 20, 11, 0)  # local time of the syncs, for synced_at
# How a sync time is shown: in Rome's time (11:00 on an Italian machine).
SHOWN_NOW = datetime_rome(NOW.astimezone())
# Quick retries, but a read timeout in seconds: on a busy machine an ordinary answer
# can take over half a second, and each unplanned retry changes what tests count.
FAST = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, read_timeout=3.0, total_seconds=30)
CREDENTIAL = Credential("", Secret(TOKEN))


@pytest.fixture(scope="module")
def timeline():
    return demo_timeline(6, seed=7, start=START)


@pytest.fixture
def sim(timeline):
    with running_simulator(timeline=timeline, speed=0, token=TOKEN, start=START) as simulator:
        yield simulator


@pytest.fixture
def applications(database, call_2024):
    """The demo applications, whose codes the demo campaigns carry."""
    from desktop.importing.service import import_applications

    import_applications(database, ROOT / "resources/demo/domande-demo.csv", call_2024)
    return database


def run(database, call, sim, **options):
    options.setdefault("policy", FAST)
    options.setdefault("now", NOW)
    return sync(database, call, sim.base_url, credential=CREDENTIAL, **options)


def dump(database, with_state: bool = False) -> list:
    """Everything a sync may write, as plain rows."""
    tables = ["campaigns", "donations", "audit_log"] + (["sync_state"] if with_state else [])
    rows = []
    with database.engine.connect() as connection:
        for table in tables:
            rows.append(
                (
                    table,
                    [
                        tuple(r)
                        for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
                    ],
                )
            )
    return rows


def stored(database):
    with database.session() as session:
        campaigns = {c.external_id: c for c in session.execute(select(Campaign)).scalars()}
        donations = {d.external_id: d for d in session.execute(select(Donation)).scalars()}
        return campaigns, donations


def state(database, sim) -> SyncState:
    with database.session() as session:
        return session.get(SyncState, sim.base_url)


def assert_mirrors_server(database, sim):
    """The database holds what the server shows now, and every total adds up."""
    moment = sim.clock.now()
    server_campaigns = {c.id: c for c in sim.timeline.campaigns_at(moment)}
    server_donations = {d.id: d for d in sim.timeline.donations_until(moment)}
    campaigns, donations = stored(database)
    assert set(campaigns) == set(server_campaigns)
    assert set(donations) == set(server_donations)
    by_row = {c.id: c for c in campaigns.values()}
    confirmed: dict[str, int] = {}
    for external_id, donation in donations.items():
        expected = server_donations[external_id]
        assert (donation.amount_cents, donation.status) == (expected.amount_cents, expected.status)
        assert donation.donated_at == expected.donated_at.replace(tzinfo=None)
        campaign = by_row[donation.campaign_id]
        assert campaign.external_id == expected.campaign_id
        if donation.status == "confirmed":
            confirmed[campaign.external_id] = (
                confirmed.get(campaign.external_id, 0) + donation.amount_cents
            )
    for external_id, campaign in campaigns.items():
        expected = server_campaigns[external_id]
        assert campaign.raised_cents == expected.raised_cents == confirmed.get(external_id, 0)
        assert (campaign.status, campaign.target_cents, campaign.donors) == (
            expected.status,
            expected.target_cents,
            expected.donors,
        )
        assert campaign.closes_at == expected.closes_at.replace(tzinfo=None)  # naive UTC
        # Each campaign's public page, as the simulator serves it.
        assert campaign.page_url == expected.page_url == PAGE_URL_BASE + external_id


def test_first_sync_brings_every_campaign_and_donation(database, call_2024, sim):
    result = run(database, call_2024, sim)
    assert result.ok and result.kind == "ok", result.it
    assert result.campaigns_new == len(sim.timeline.campaigns_at(sim.clock.now())) > 0
    assert result.donations_new == len(sim.timeline.donations_until(sim.clock.now())) > 0
    assert_mirrors_server(database, sim)
    assert f"Dati al {SHOWN_NOW}" in result.it
    row = state(database, sim)
    assert row.platform == "commissione" and row.last_success_at == NOW and row.last_error == ""


def test_pages_are_followed_to_the_end_exactly_once(database, call_2024, sim, monkeypatch):
    monkeypatch.setattr(commissione, "CAMPAIGN_PAGE", 2)
    monkeypatch.setattr(commissione, "DONATION_PAGE", 50)
    result = run(database, call_2024, sim)
    assert result.ok, result.it
    listed = [r for r in sim.requests if r.path.endswith("/donations")]
    assert len(listed) > 5 and all("cursor" in r.query for r in listed[1:])
    assert_mirrors_server(database, sim)


def test_nothing_new_is_a_304_and_changes_nothing(database, call_2024, sim):
    run(database, call_2024, sim)
    run(database, call_2024, sim, now=NOW + dt.timedelta(minutes=1))  # settles the ETags
    before = dump(database)
    sim.clear_requests()
    later = NOW + dt.timedelta(minutes=2)
    result = run(database, call_2024, sim, now=later)
    assert result.ok and result.not_modified
    assert [r.status for r in sim.requests] == [304, 304]
    assert all(r.if_none_match for r in sim.requests)
    assert dump(database) == before
    assert state(database, sim).last_success_at == later


def test_the_same_data_twice_changes_nothing_not_even_synced_at(database, call_2024, sim):
    run(database, call_2024, sim)
    before = dump(database)
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(hours=1))
    assert result.ok and result.campaigns_new == result.campaigns_updated == 0
    assert result.donations_new == result.donations_updated == 0
    assert dump(database) == before
    assert state(database, sim).last_success_at == NOW + dt.timedelta(hours=1)


def test_incremental_sync_asks_only_for_what_changed(database, call_2024, sim):
    run(database, call_2024, sim)
    sim.clock.advance(dt.timedelta(days=9))
    sim.clear_requests()
    later = NOW + dt.timedelta(days=9)
    result = run(database, call_2024, sim, now=later)
    assert result.ok and result.donations_new > 0, result.it
    assert all("updated_since" in r.query for r in sim.requests)
    assert_mirrors_server(database, sim)
    campaigns, _ = stored(database)
    touched = [c for c in campaigns.values() if c.synced_at == later]
    assert 0 < len(touched) == result.campaigns_updated + result.campaigns_new


def test_refunds_and_cancellations_lower_what_was_raised(database, call_2024, sim):
    run(database, call_2024, sim)
    _, before = stored(database)
    sim.clock.set(sim.timeline.last_change + dt.timedelta(hours=1))
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(days=90))
    assert result.ok, result.it
    _campaigns, after = stored(database)
    withdrawn = [
        key
        for key, donation in after.items()
        if key in before and before[key].status == "confirmed" and donation.status != "confirmed"
    ]
    assert withdrawn, "the timeline refunds or cancels some donations made before the first sync"
    assert result.donations_updated >= len(withdrawn)
    assert_mirrors_server(database, sim)  # raised = Σ confirmed, so the refunds lowered it


def test_campaigns_are_linked_to_applications_by_code(applications, call_2024, sim):
    result = run(applications, call_2024, sim)
    assert result.links_changed == len(sim.timeline.campaigns_at(sim.clock.now())) > 0
    campaigns, _ = stored(applications)
    with applications.session() as session:
        from db.models import Application

        codes = {a.id: a.code for a in session.execute(select(Application)).scalars()}
        entries = (
            session.execute(select(AuditEntry).where(AuditEntry.entity == "campaign"))
            .scalars()
            .all()
        )
    for campaign in campaigns.values():
        assert campaign.link_source == "auto"
        assert codes[campaign.application_id] == campaign.application_code
    assert {e.action for e in entries} == {"auto_link"} and len(entries) == len(campaigns)


def test_a_manual_link_wins_over_the_automatic_one(applications, call_2024, sim):
    run(applications, call_2024, sim)
    campaigns, _ = stored(applications)
    first, second = sorted(campaigns)[:2]
    other_code = campaigns[second].application_code
    result = link(applications, call_2024, other_code, first)
    assert result.changed
    assert not link(applications, call_2024, other_code, first).changed
    sim.clock.advance(dt.timedelta(days=5))
    run(applications, call_2024, sim, now=NOW + dt.timedelta(days=5))
    campaigns, _ = stored(applications)
    assert campaigns[first].link_source == "manual"
    assert campaigns[first].application_id == campaigns[second].application_id
    with applications.session() as session:
        manual = (
            session.execute(select(AuditEntry).where(AuditEntry.action == "link")).scalars().all()
        )
    assert len(manual) == 1 and first in manual[0].entity_key


def test_linking_to_something_unknown_is_refused(applications, call_2024, sim):
    from desktop.sync.service import LinkProblem

    run(applications, call_2024, sim)
    campaigns, _ = stored(applications)
    with pytest.raises(LinkProblem) as raised:
        link(applications, call_2024, "NON-ESISTE", sorted(campaigns)[0])
    assert "NON-ESISTE" in raised.value.it
    with pytest.raises(LinkProblem):
        link(applications, call_2024, campaigns[sorted(campaigns)[0]].application_code, "cmp-9999")


@pytest.mark.parametrize(
    "kind, options",
    [
        ("server_error", {"count": 2}),
        ("unavailable", {"count": 1, "retry_after": 0}),
        ("rate_limit", {"count": 1, "retry_after": 1}),
        ("slow", {"count": 1, "seconds": 10}),  # well past FAST.read_timeout
        ("drop", {"count": 2}),
    ],
)
def test_transient_faults_are_retried_then_the_sync_succeeds(
    database, call_2024, sim, kind, options, caplog
):
    sim.inject_fault(kind, **options)
    started = time.monotonic()
    result = run(database, call_2024, sim)
    assert result.ok, result.it
    assert caplog.text.count("nuovo tentativo") == options["count"]
    assert_mirrors_server(database, sim)
    if kind == "rate_limit":
        assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured


@pytest.mark.parametrize("kind", ["server_error", "unavailable", "rate_limit", "drop"])
def test_retries_exhausted_leave_the_data_and_say_offline(database, call_2024, sim, kind):
    run(database, call_2024, sim)
    before = dump(database)
    sim.clock.advance(dt.timedelta(days=3))
    sim.inject_fault(kind, count=50, retry_after=0)
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(days=3))
    assert not result.ok and result.offline
    assert f"Offline, dati al {SHOWN_NOW}" in result.it
    assert f"Offline, data as of {SHOWN_NOW}" in result.en
    assert dump(database) == before
    row = state(database, sim)
    assert row.last_success_at == NOW and row.last_attempt_at == NOW + dt.timedelta(days=3)
    assert "non raggiungibile" in row.last_error
    assert sync_status(database)[0].failing
    sim.clear_faults()
    assert run(database, call_2024, sim, now=NOW + dt.timedelta(days=4)).ok
    assert not sync_status(database)[0].failing


@pytest.mark.parametrize(
    "kind, path, words",
    [
        ("malformed_json", None, "JSON non valido"),
        ("wrong_types", "/campaigns", "deve essere un importo come testo decimale"),
        ("wrong_types", "/donations", "campo «amount»"),
        ("negative_amount", "/campaigns", "importo negativo"),
        ("negative_amount", "/donations", "importo negativo"),
        ("total_mismatch", None, "dichiara raccolti"),
    ],
)
def test_hostile_payloads_are_rejected_and_nothing_is_written(
    database, call_2024, sim, kind, path, words
):
    run(database, call_2024, sim)
    before = dump(database)
    sim.clock.advance(dt.timedelta(days=6))
    sim.inject_fault(kind, path=path)
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(days=6))
    assert not result.ok and result.kind == "rejected", result.it
    assert words in result.it and "i dati locali non sono cambiati" in result.it
    assert dump(database) == before
    assert state(database, sim).last_success_at == NOW
    sim.clear_faults()
    assert run(database, call_2024, sim, now=NOW + dt.timedelta(days=7)).ok
    assert_mirrors_server(database, sim)


def test_a_total_that_does_not_match_names_the_campaign(database, call_2024, sim):
    sim.inject_fault("total_mismatch", path="/campaigns")
    result = run(database, call_2024, sim)
    assert not result.ok
    spoiled = next(r for r in sim.requests if r.fault == "total_mismatch")
    assert spoiled.status == 200
    first = sim.timeline.campaigns_at(sim.clock.now())[0]
    assert first.id in result.it and first.application_code in result.it
    assert stored(database) == ({}, {})


def test_a_repeated_page_is_rejected(database, call_2024, sim, monkeypatch):
    monkeypatch.setattr(commissione, "DONATION_PAGE", 100)
    sim.inject_fault("repeat_page", path="/donations")
    result = run(database, call_2024, sim)
    assert not result.ok and result.kind == "rejected"
    assert "ripete" in result.it or "già stato usato" in result.it
    assert stored(database) == ({}, {})


def test_an_expired_token_fails_the_sync_and_says_so(database, call_2024, sim):
    run(database, call_2024, sim)
    before = dump(database)
    sim.inject_fault("expired_token")
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(hours=1))
    assert not result.ok and result.kind == "auth"
    assert "scaduto" in result.it and "credentials set" in result.it
    assert dump(database) == before


def test_an_offline_start_records_the_attempt_and_writes_nothing_else(database, call_2024):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v1"
    result = sync(database, call_2024, url, credential=CREDENTIAL, policy=FAST, now=NOW)
    assert not result.ok and result.offline and result.last_success_at is None
    assert "Offline, nessun dato: mai sincronizzato" in result.it
    assert stored(database) == ({}, {})
    (row,) = sync_status(database)
    assert row.server_url == url and row.failing and row.last_attempt_at == NOW
    assert row.freshness_it == "offline, nessun dato: mai sincronizzato"


def test_no_credential_is_a_clear_failure(database, call_2024, sim):
    result = sync(database, call_2024, sim.base_url, policy=FAST, now=NOW)
    assert not result.ok and result.kind == "no_credential"
    assert "commissione credentials set" in result.it
    assert sim.requests == []


def test_the_token_is_in_no_row_log_or_message(database, call_2024, sim, caplog):
    caplog.set_level(logging.DEBUG)
    messages = [run(database, call_2024, sim).it]
    for kind in ("server_error", "malformed_json", "expired_token"):
        sim.clock.advance(dt.timedelta(days=1))
        sim.inject_fault(kind, count=10 if kind == "server_error" else 1)
        result = run(database, call_2024, sim)
        messages += [result.it, result.en]
        sim.clear_faults()
    with database.engine.connect() as connection:
        tables = [r[0] for r in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'" if database.is_sqlite
            else "SELECT tablename FROM pg_tables WHERE schemaname='public'"
        ))]  # fmt: skip
        everything = repr([list(connection.execute(text(f"SELECT * FROM {t}"))) for t in tables])
    assert "sync_state" in tables and sim.base_url in everything
    assert TOKEN not in everything
    assert TOKEN not in caplog.text
    assert all(TOKEN not in message for message in messages)


def test_sync_status_says_how_fresh_each_server_is(database, call_2024, sim):
    assert sync_status(database) == []
    run(database, call_2024, sim)
    (row,) = sync_status(database)
    assert row.platform == "commissione" and row.campaigns > 0 and not row.failing
    assert row.freshness_it == f"dati al {SHOWN_NOW}"
    assert row.freshness("en") == f"data as of {SHOWN_NOW}"


KILLED_SYNC = textwrap.dedent(
    """
    import sys, time
    from db.engine import open_database
    from desktop.domain.calls import load_call
    from desktop.sync import service
    from desktop.sync.http import RetryPolicy

    real_insert = service.bulk_insert

    def insert_then_hang(connection, table, rows):
        real_insert(connection, table, rows)
        if table.name == "donations" and rows:
            print("WRITING", flush=True)
            time.sleep(120)

    service.bulk_insert = insert_then_hang
    database = open_database(sys.argv[1])
    call = load_call(sys.argv[3])
    service.sync(database, call, sys.argv[2], policy=RetryPolicy(attempts=2))
    print("FINISHED", flush=True)
    """
)


def test_a_kill_during_the_write_leaves_the_database_as_it_was(
    database, database_url, call_2024, sim
):
    run(database, call_2024, sim)
    sim.clock.advance(dt.timedelta(days=12))
    before = dump(database, with_state=True)
    env = {**os.environ, "COMMISSIONE_PLATFORM_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SYNC, database_url, sim.base_url, str(call_2024.source)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "WRITING", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert dump(database, with_state=True) == before
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(days=12))
    assert result.ok and result.donations_new > 0
    assert_mirrors_server(database, sim)


def test_a_server_that_moved_on_between_the_listings_is_read_again(
    database, call_2024, sim, monkeypatch
):
    """Donations that arrive after the campaigns were listed make the totals disagree
    for a moment; re-reading what changed settles it instead of refusing the sync."""
    run(database, call_2024, sim)
    real_listing = commissione.CommissioneAdapter.listing
    moved = []

    def listing_then_time_passes(self, path, *args):
        result = real_listing(self, path, *args)
        if path == "campaigns" and not moved:
            moved.append(True)
            sim.clock.advance(dt.timedelta(days=2))
        return result

    monkeypatch.setattr(commissione.CommissioneAdapter, "listing", listing_then_time_passes)
    sim.clock.advance(dt.timedelta(days=1))
    sim.clear_requests()
    result = run(database, call_2024, sim, now=NOW + dt.timedelta(days=3))
    assert result.ok, result.it
    assert len([r for r in sim.requests if r.path.endswith("/campaigns")]) == 2
    assert_mirrors_server(database, sim)


# --- the campaign's public page ---------------------------------------------------------

PAGE = "https://crowdfunding.comune.milano.it/progetti/orto-condiviso?ref=commissione#sostieni"
BAD_PAGES = {
    "javascript": ("javascript:alert(document.cookie)", "non è un indirizzo web assoluto"),
    "data": ("data:text/html;base64,PHNjcmlwdD4=", "non è un indirizzo web assoluto"),
    "relative": ("/progetti/orto-condiviso", "non è un indirizzo web assoluto"),
    "no host": ("https:///progetti/1", "non è un indirizzo web assoluto"),
    "ftp": ("ftp://crowdfunding.comune.milano.it/x", "non è un indirizzo web assoluto"),
    "space": ("https://crowdfunding.comune.milano.it/orto condiviso", "contiene spazi"),
    "overlong": ("https://crowdfunding.comune.milano.it/" + "a" * 2000, "più lungo di 2000"),
    "control": ("https://crowdfunding.comune.milano.it/\x1b[2J\x00", "carattere di controllo"),
    "user": ("https://utente:segreto@crowdfunding.comune.milano.it/", "nome utente"),
    "number": (42, "deve essere un indirizzo web"),
}


def test_a_campaigns_page_is_stored_changed_and_cleared(database):
    with HostilePlatform() as server:
        result = sync(database, None, server.url, credential=CREDENTIAL, policy=FAST, now=NOW)
        assert result.ok, result.it
        (campaign,) = stored(database)[0].values()
        assert campaign.page_url == ""  # the API's page_url is optional

        server.campaign_changes = {"page_url": PAGE, "updated_at": "2026-04-11T09:00:00Z"}
        result = sync(database, None, server.url, credential=CREDENTIAL, policy=FAST, now=NOW)
        assert result.ok and result.campaigns_updated == 1, result.it
        assert stored(database)[0]["c-0"].page_url == PAGE

        server.campaign_changes = {"page_url": None, "updated_at": "2026-04-12T09:00:00Z"}
        result = sync(database, None, server.url, credential=CREDENTIAL, policy=FAST, now=NOW)
        assert result.ok and result.campaigns_updated == 1, result.it
        assert stored(database)[0]["c-0"].page_url == ""


@pytest.mark.parametrize("case", ["javascript", "relative", "overlong", "control", "user"])
def test_a_page_that_is_not_a_web_address_is_refused_and_nothing_is_written(database, case):
    value, words = BAD_PAGES[case]
    with HostilePlatform() as server:
        server.campaign_changes = {"page_url": PAGE}
        assert sync(database, None, server.url, credential=CREDENTIAL, policy=FAST, now=NOW).ok
        before = dump(database)
        server.campaign_changes = {"page_url": value, "updated_at": "2026-04-11T09:00:00Z"}
        result = sync(database, None, server.url, credential=CREDENTIAL, policy=FAST, now=NOW)
    assert not result.ok and result.kind == "rejected", result.it
    assert "campo «page_url»" in result.it and words in result.it
    assert "field “page_url”" in result.en and "local data is unchanged" in result.en
    assert "\x00" not in result.it and "\x1b" not in result.it and "segreto" not in result.it
    assert dump(database) == before
    assert stored(database)[0]["c-0"].page_url == PAGE


CAMPAIGN = {
    "id": "cmp-0001",
    "application_code": "CC24-001",
    "title": "Orto condiviso",
    "status": "open",
    "target": "1000.00",
    "raised": "0.00",
    "donors": 0,
    "opens_at": "2025-03-01T09:00:00Z",
    "closes_at": "2025-04-30T21:59:59Z",
    "updated_at": "2025-03-01T09:00:00Z",
}


@pytest.mark.parametrize("case", sorted(BAD_PAGES))
def test_each_kind_of_bad_page_is_named(case):
    value, words = BAD_PAGES[case]
    with pytest.raises(commissione._Invalid) as raised:
        commissione.parse_campaign({**CAMPAIGN, "page_url": value})
    assert raised.value.field == "page_url" and words in raised.value.it


@pytest.mark.parametrize(
    "value, kept",
    [
        (PAGE, PAGE),
        ("http://crowdfunding.example.org/p/1", "http://crowdfunding.example.org/p/1"),
        ("https://[2001:db8::1]:8443/p", "https://[2001:db8::1]:8443/p"),
        (None, ""),
        ("", ""),
    ],
)
def test_a_good_page_or_none_is_kept_as_given(value, kept):
    assert commissione.parse_campaign({**CAMPAIGN, "page_url": value})[0].page_url == kept
    assert commissione.parse_campaign(CAMPAIGN)[0].page_url == ""


DONATION = {
    "id": "don-000001",
    "campaign_id": "cmp-0001",
    "donor_id": "d-8f3a",
    "amount": "25.00",
    "donated_at": "2025-03-02T18:22:10Z",
    "status": "confirmed",
    "updated_at": "2025-03-12T10:31:07.123Z",
}


@given(
    cents=st.integers(0, 10**12),
    moment=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
    offset_minutes=st.integers(-14 * 60, 14 * 60),
    status=st.sampled_from(["confirmed", "refunded", "cancelled"]),
)
def test_a_valid_donation_reads_the_same_in_any_time_zone(cents, moment, offset_minutes, status):
    zone = dt.timezone(dt.timedelta(minutes=offset_minutes))
    amount = f"{cents // 100}.{cents % 100:02d}"
    utc_text = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    local_text = moment.astimezone(zone).isoformat()
    fast, updated, raw = commissione.parse_donation(
        {
            **DONATION,
            "amount": amount,
            "status": status,
            "donated_at": utc_text,
            "updated_at": utc_text,
        }
    )
    careful, _, _ = commissione.parse_donation(
        {
            **DONATION,
            "amount": amount,
            "status": status,
            "donated_at": local_text,
            "updated_at": local_text,
        }
    )
    assert fast == careful
    assert fast.amount_cents == cents and fast.donated_at == moment.replace(tzinfo=None)
    assert updated == fast.remote_updated_at and raw == utc_text


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("amount", 25.0, "testo decimale"),
        ("amount", "25", "due decimali"),
        ("amount", "25.001", "due decimali"),
        ("amount", "-1.00", "negativo"),
        ("amount", "1e3", "due decimali"),
        ("status", "pending", "non ammesso"),
        ("donated_at", "2025-03-02T18:22:10", "senza fuso orario"),
        ("donated_at", "2025-03-02", "non è una data e ora"),
        ("donated_at", "ieri", "non è una data e ora"),
        ("id", "", "identificativo"),
        ("id", 7, "identificativo"),
        ("campaign_id", None, "identificativo"),
        ("donor_id", None, "identificativo"),
        ("updated_at", None, "data e ora"),
    ],
)
def test_each_kind_of_bad_donation_is_named(field, value, words):
    with pytest.raises(commissione._Invalid) as raised:
        commissione.parse_donation({**DONATION, field: value})
    assert raised.value.field == field and words in raised.value.it


@given(
    st.dictionaries(
        st.sampled_from(sorted(DONATION)), st.none() | st.integers() | st.text(max_size=12)
    )
)
def test_arbitrary_junk_is_refused_never_crashes(junk):
    item = {**DONATION, **junk}
    try:
        donation, _, _ = commissione.parse_donation(item)
    except commissione._Invalid:
        return
    assert donation.amount_cents >= 0 and donation.status in ("confirmed", "refunded", "cancelled")


@pytest.mark.parametrize(
    "zone, shown",
    [("Europe/Rome", "dati al 20/04/2026 11:00"), ("UTC", "dati al 20/04/2026 13:00")],
)
def test_a_sync_time_reads_in_romes_time_whatever_the_machines_zone(zone, shown):
    """The status bar's sync line and the campaigns' "Dati al" agree on a laptop left in
    UTC: 11:00 in UTC is 13:00 in Rome (summer time)."""
    from desktop.sync.service import freshness

    previous = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        synced_at = dt.datetime(2026, 4, 20, 11, 0)  # naive: the machine's local time
        assert freshness(synced_at)[0] == shown
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
