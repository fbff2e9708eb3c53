"""The campaigns the committee follows, read from what the sync stored, on SQLite and
PostgreSQL: figures per campaign, the call's totals, freshness, one campaign's daily
series, and the outcomes recorded at closing (once, in one transaction, audited)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.models import Application, AuditEntry, Call, Campaign, CampaignOutcome, Donation, SyncState
from desktop.services import audit
from desktop.services.campaigns import (
    campaign_series,
    load_campaigns,
    load_outcomes,
    record_outcomes,
)
from desktop.services.store import NotFound

SERVER = "https://crowdfunding.comune.milano.it/api/v1"
NOW = dt.datetime(2025, 11, 24, 12, 0)  # naive UTC, as stored
OPENS = NOW - dt.timedelta(days=30)
CLOSES = NOW + dt.timedelta(days=30)


def local(naive_utc: dt.datetime) -> dt.datetime:
    """The sync's bookkeeping times (synced_at, SyncState) are naive local time."""
    return naive_utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


@pytest.fixture
def stored(database, call_2024):
    """Applications of the call (and one of another call), each grant from the call's
    formula, with their campaigns and donations as the sync leaves them."""
    with database.session() as session, session.begin():
        for call_id in (call_2024.id, "altro-bando"):
            session.add(Call(id=call_id, title=call_id, source_file="x.toml", registered_at=NOW))
        session.flush()

        def application(code, cost_cents, call_id=call_2024.id):
            row = Application(
                call_id=call_id,
                code=code,
                title=f"Progetto {code}",
                cost_cents=cost_cents,
                grant_cents=call_2024.grant_cents(cost_cents),
                target_cents=call_2024.crowdfunding_target_cents(cost_cents),
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(row)
            session.flush()
            return row

        def campaign(
            external_id,
            app,
            target,
            raised,
            *,
            status="open",
            opens=OPENS,
            closes=CLOSES,
            synced=NOW,
            code=None,
        ):
            row = Campaign(
                server_url=SERVER,
                external_id=external_id,
                application_code=code or (app.code if app else ""),
                application_id=app.id if app else None,
                link_source="auto" if app else "",
                title=f"Campagna {external_id}",
                status=status,
                target_cents=target,
                raised_cents=raised,
                donors=raised // 5_000,
                opens_at=opens,
                closes_at=closes,
                synced_at=local(synced or NOW),
            )
            session.add(row)
            session.flush()
            return row

        a1 = application("CC24-001", 6_000_000)  # grant 30.000 €
        a2 = application("CC24-002", 4_000_000)  # grant 20.000 €
        a3 = application("CC24-003", 10_000_000)  # grant 50.000 €
        a4 = application("CC24-004", 8_000_000)  # grant 40.000 €
        other = application("ALT-001", 5_000_000, call_id="altro-bando")

        on_course = campaign("cmp-1", a1, 3_000_000, 1_800_000)
        # Halfway with 5% of the target: at risk.
        slow = campaign("cmp-2", a2, 2_000_000, 100_000)
        # Closed, target reached, synced after the closing.
        succeeded = campaign(
            "cmp-3",
            a3,
            5_000_000,
            5_100_000,
            status="succeeded",
            opens=NOW - dt.timedelta(days=70),
            closes=NOW - dt.timedelta(days=10),
        )
        # Closed below the target.
        failed = campaign(
            "cmp-4",
            a4,
            4_000_000,
            3_000_000,
            status="failed",
            opens=NOW - dt.timedelta(days=65),
            closes=NOW - dt.timedelta(days=5),
        )
        campaign("cmp-9", None, 1_000_000, 10_000, code="CC24-999")  # not linked yet
        campaign("alt-1", other, 2_500_000, 2_000_000)  # another call's

        # cmp-1: 1.000 € on each of 18 days, in two donations, plus a refunded one.
        for day in range(18):
            for part in range(2):
                session.add(
                    Donation(
                        campaign_id=on_course.id,
                        external_id=f"d1-{day}-{part}",
                        amount_cents=50_000,
                        donated_at=OPENS + dt.timedelta(days=day, hours=2 + part),
                        status="confirmed",
                    )
                )
        session.add(
            Donation(
                campaign_id=on_course.id,
                external_id="d1-refunded",
                amount_cents=900_000,
                donated_at=OPENS + dt.timedelta(days=1),
                status="refunded",
            )
        )
        session.add(
            Donation(
                campaign_id=slow.id,
                external_id="d2-0",
                amount_cents=100_000,
                donated_at=OPENS + dt.timedelta(hours=1),
                status="confirmed",
            )
        )
        session.add(
            SyncState(
                server_url=SERVER,
                platform="commissione",
                last_success_at=local(dt.datetime(2025, 11, 24, 9, 32, 10)),  # 10:32 in Milan
                last_attempt_at=local(dt.datetime(2025, 11, 24, 9, 32, 10)),
                last_error="",
            )
        )
        ids = {
            "on_course": on_course.id,
            "slow": slow.id,
            "succeeded": succeeded.id,
            "failed": failed.id,
        }
    return ids


def test_rows_show_each_campaign_of_the_call_with_its_figures(database, call_2024, stored):
    overview = load_campaigns(database, call_2024, NOW)
    codes = [row.code for row in overview.rows]
    assert sorted(codes) == ["CC24-001", "CC24-002", "CC24-003", "CC24-004", "CC24-999"]
    on_course = overview.row(stored["on_course"])
    metrics = on_course.metrics
    assert (metrics.raised_cents, metrics.target_cents) == (1_800_000, 3_000_000)
    assert str(metrics.percent_of_target) == "60.00"
    assert metrics.donations == 36  # the refunded donation does not count
    assert metrics.average_donation_cents == 50_000
    assert metrics.days_left == 30
    assert metrics.required_daily_cents == 40_000  # 12.000 € in 30 days
    assert on_course.grant_cents == 3_000_000 and metrics.grant_at_stake_cents == 3_000_000
    assert metrics.forecast.expected_cents >= 3_000_000 and not metrics.at_risk
    slow = overview.row(stored["slow"])
    assert slow.metrics.at_risk
    assert {r.rule for r in slow.metrics.reasons} >= {"forecast_below_target", "slow_start"}
    unlinked = next(row for row in overview.rows if not row.linked)
    assert unlinked.code == "CC24-999" and unlinked.grant_cents is None


def test_call_totals(database, call_2024, stored):
    totals = load_campaigns(database, call_2024, NOW).totals
    assert totals.campaigns == 4 and totals.unlinked == 1
    assert totals.raised_cents == 1_800_000 + 100_000 + 5_100_000 + 3_000_000
    assert totals.grants_awarded_cents == 5_000_000  # CC24-003 reached its target
    assert totals.grants_not_awarded_cents == 4_000_000  # CC24-004 did not
    assert totals.grants_due_cents == 3_000_000 + 2_000_000  # still running
    assert totals.grants_at_risk_cents == 2_000_000  # CC24-002
    assert totals.at_risk == 1
    assert totals.budget_left_cents == 60_000_000 - 5_000_000 - 5_000_000


def test_an_application_with_two_campaigns_counts_its_grant_once(database, call_2024, stored):
    with database.session() as session, session.begin():
        first = session.get(Campaign, stored["on_course"])
        session.add(
            Campaign(
                server_url="https://goteo.example/api",
                external_id="g-1",
                application_code="CC24-001",
                application_id=first.application_id,
                link_source="manual",
                status="open",
                target_cents=3_000_000,
                raised_cents=0,
                opens_at=OPENS,
                closes_at=CLOSES,
                synced_at=local(NOW),
            )
        )
    totals = load_campaigns(database, call_2024, NOW).totals
    assert totals.campaigns == 5
    assert totals.grants_due_cents == 3_000_000 + 2_000_000


def test_freshness_says_when_the_data_is_from(database, call_2024, stored):
    overview = load_campaigns(database, call_2024, NOW)
    assert overview.freshness_text("it") == "Dati al 24/11/2025 10:32"
    assert overview.freshness_text("en") == "Data as of 24/11/2025 10:32"
    assert not overview.offline
    with database.session() as session, session.begin():
        state = session.get(SyncState, SERVER)
        state.last_attempt_at = local(dt.datetime(2025, 11, 24, 11, 0))
        state.last_error = "server non raggiungibile"
    offline = load_campaigns(database, call_2024, NOW)
    assert offline.offline
    assert offline.freshness_text("it") == "Offline: dati al 24/11/2025 10:32"


def test_freshness_before_any_sync(database, call_2024):
    overview = load_campaigns(database, call_2024, NOW)
    assert overview.rows == ()
    assert overview.freshness_text("it") == "Nessuna sincronizzazione riuscita"
    assert overview.totals.budget_left_cents == call_2024.budget_cents


def test_campaign_series_day_by_day(database, call_2024, stored):
    series = campaign_series(database, stored["on_course"], NOW, call=call_2024)
    assert series.code == "CC24-001" and series.target_cents == 3_000_000
    assert series.opens_on == dt.date(2025, 10, 25)
    assert series.today == dt.date(2025, 11, 24)
    assert series.points[0].day == series.opens_on and series.points[-1].day == series.today
    assert len(series.points) == 31
    assert [p.amount_cents for p in series.points[:18]] == [100_000] * 18
    assert all(p.amount_cents == 0 for p in series.points[18:])
    assert series.points[-1].cumulative_cents == 1_800_000
    assert series.forecast is not None and series.forecast.low_cents >= 1_800_000
    with pytest.raises(NotFound):
        campaign_series(database, 999_999, NOW)


def test_outcomes_recorded_once_with_dates_and_audit(database, call_2024, stored):
    recorded = record_outcomes(database, call_2024, NOW)
    assert [(o.application_code, o.reached, o.grant_cents) for o in recorded] == [
        ("CC24-003", True, 5_000_000),
        ("CC24-004", False, 0),
    ]
    assert recorded[0].closed_at == (NOW - dt.timedelta(days=10)).replace(tzinfo=dt.UTC)
    assert recorded[0].recorded_at == NOW.replace(tzinfo=dt.UTC)
    # Idempotent: nothing new the second time, and the first record stays as it was.
    assert record_outcomes(database, call_2024, NOW + dt.timedelta(days=1)) == []
    outcomes = load_outcomes(database, call_2024)
    assert outcomes == recorded
    with database.session() as session:
        entries = (
            session.execute(select(AuditEntry).where(AuditEntry.entity == "campaign_outcome"))
            .scalars()
            .all()
        )
        assert [e.entity_key for e in entries] == ["CC24-003", "CC24-004"]
        assert '"grant_cents":5000000' in entries[0].new.replace(" ", "")
        checked, broken = audit.verify(session)
        assert checked >= 2 and broken is None
    overview = load_campaigns(database, call_2024, NOW)
    assert overview.row(stored["succeeded"]).outcome_recorded


def test_no_outcome_for_running_unlinked_or_stale_campaigns(database, call_2024, stored):
    with database.session() as session, session.begin():
        running = session.get(Campaign, stored["on_course"])
        # Past its closing, but last synced before it: the last day may be missing.
        running.closes_at = NOW - dt.timedelta(hours=1)
        running.synced_at = local(NOW - dt.timedelta(hours=3))
    recorded = record_outcomes(database, call_2024, NOW)
    assert {o.application_code for o in recorded} == {"CC24-003", "CC24-004"}
    with database.session() as session, session.begin():
        session.get(Campaign, stored["on_course"]).synced_at = local(NOW)  # after the closing
    (late,) = record_outcomes(database, call_2024, NOW)
    assert late.application_code == "CC24-001" and not late.reached


def test_recording_is_all_or_nothing(database, call_2024, stored, monkeypatch):
    calls = []
    real_append = audit.append

    def failing_append(session, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_append(session, *args, **kwargs)

    monkeypatch.setattr(audit, "append", failing_append)
    with pytest.raises(RuntimeError):
        record_outcomes(database, call_2024, NOW)
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(CampaignOutcome)).scalar() == 0
        assert session.execute(select(func.count()).select_from(AuditEntry)).scalar() == 0
    monkeypatch.setattr(audit, "append", real_append)
    assert len(record_outcomes(database, call_2024, NOW)) == 2
