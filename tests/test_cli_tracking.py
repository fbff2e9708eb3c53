"""`commissione campaigns` and `commissione campaigns close`, as scripts and people use
them: the freshness first, the view's columns, safe CSV, and outcomes recorded once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import select

from db.engine import open_database
from db.models import Application, Campaign, CampaignOutcome, SyncState
from desktop.cli import EXIT_OK, main
from desktop.cli.campaigns import COLUMNS
from desktop.domain.money import format_eur
from tests.conftest import RESOURCES

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"
SERVER = "https://crowdfunding.comune.milano.it/api/v1"
# 24/11/2025 10:32 in Milan, stored as the sync stores it: naive local time.
MILAN_10_32 = dt.datetime(2025, 11, 24, 9, 32, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db_with_campaigns(capsys, database_url):
    """The demo applications with four campaigns: on course, at risk, closed with the
    target reached, closed without; one more closed but not linked to any application."""
    code, _, _ = run(capsys, "--db", database_url, "--create", "import", str(DEMO))
    assert code == EXIT_OK
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)  # platform times: UTC
    local_now = dt.datetime.now().replace(microsecond=0)  # the sync's bookkeeping: local
    database = open_database(database_url)
    try:
        with database.session() as session, session.begin():
            applications = (
                session.execute(
                    select(Application)
                    .where(Application.eligibility == "pass", Application.grant_cents.is_not(None))
                    .order_by(Application.code)
                    .limit(4)
                )
                .scalars()
                .all()
            )
            specs = [
                ("cmp-1", '=HYPERLINK("http://x")', 3_000_000, 1_800_000, "open", -30, 30),
                ("cmp-2", "Orto lento", 2_000_000, 50_000, "open", -30, 30),
                ("cmp-3", "Riuscita", 4_000_000, 4_100_000, "succeeded", -70, -10),
                ("cmp-4", "Non riuscita", 4_000_000, 3_900_000, "failed", -65, -5),
            ]
            codes = {}
            for application, (external, title, target, raised, status, opens, closes) in zip(
                applications, specs, strict=True
            ):
                session.add(
                    Campaign(
                        server_url=SERVER,
                        external_id=external,
                        application_code=application.code,
                        application_id=application.id,
                        link_source="auto",
                        title=title,
                        status=status,
                        target_cents=target,
                        raised_cents=raised,
                        donors=raised // 5_000,
                        opens_at=now + dt.timedelta(days=opens),
                        closes_at=now + dt.timedelta(days=closes),
                        synced_at=local_now,
                    )
                )
                codes[external] = (application.code, application.grant_cents)
            session.add(
                Campaign(
                    server_url=SERVER,
                    external_id="cmp-9",
                    application_code="XX-999",
                    title="Senza domanda",
                    status="succeeded",
                    target_cents=1_000_000,
                    raised_cents=1_200_000,
                    opens_at=now - dt.timedelta(days=70),
                    closes_at=now - dt.timedelta(days=10),
                    synced_at=local_now,
                )
            )
            session.add(
                SyncState(
                    server_url=SERVER,
                    platform="commissione",
                    last_success_at=MILAN_10_32,
                    last_attempt_at=MILAN_10_32,
                )
            )
    finally:
        database.close()
    return database_url, codes


def test_table_starts_with_freshness_and_flags_risk(capsys, db_with_campaigns):
    url, codes = db_with_campaigns
    code, out, _ = run(capsys, "--db", url, "campaigns")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "Dati al 24/11/2025 10:32"
    at_risk = next(line for line in lines if line.startswith(codes["cmp-2"][0]))
    assert "A RISCHIO: previsione" in at_risk
    on_course = next(line for line in lines if line.startswith(codes["cmp-1"][0]))
    assert "18.000,00" in on_course and " 60% " in on_course
    assert any(line.startswith("XX-999") and "non collegata" in line for line in lines)
    assert "4 campagne del bando (1 a rischio), 1 non collegate a una domanda" in out
    assert "budget residuo" in out and "su 600.000,00 €" in out


def test_table_in_english(capsys, db_with_campaigns):
    url, _ = db_with_campaigns
    _, out, _ = run(capsys, "--db", url, "--lang", "en", "campaigns")
    assert out.splitlines()[0] == "Data as of 24/11/2025 10:32"
    assert "AT RISK: forecast" in out and "budget left" in out


def test_json_has_the_view_columns_and_the_totals(capsys, db_with_campaigns):
    url, codes = db_with_campaigns
    code, out, _ = run(capsys, "--db", url, "campaigns", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert next(iter(data)) == "dati_al" and data["dati_al"] == "24/11/2025 10:32"
    assert data["offline"] is False
    rows = {row["campagna"]: row for row in data["campagne"]}
    assert set(rows) == {"cmp-1", "cmp-2", "cmp-3", "cmp-4", "cmp-9"}
    assert list(rows["cmp-1"]) == list(COLUMNS)
    first = rows["cmp-1"]
    assert first["raccolto"] == "18.000,00" and first["obiettivo"] == "30.000,00"
    assert first["percentuale"] == "60,00" and first["giorni_rimanenti"] in (29, 30)
    assert first["a_rischio"] == "no" and first["previsione"]
    assert rows["cmp-2"]["a_rischio"] == "sì" and "sotto l'obiettivo" in rows["cmp-2"]["motivi"]
    assert rows["cmp-3"]["esito"] == "obiettivo raggiunto"
    grant_3 = codes["cmp-3"][1]
    assert data["totali"]["contributi_assegnati"] == format_eur(grant_3, symbol=False)


def test_csv_is_neutralised_for_spreadsheets(capsys, db_with_campaigns):
    url, _ = db_with_campaigns
    code, out, _ = run(capsys, "--db", url, "campaigns", "--format", "csv")
    assert code == EXIT_OK
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    by_campaign = {row[COLUMNS.index("campagna")]: row for row in rows[1:]}
    title = by_campaign["cmp-1"][COLUMNS.index("titolo")]
    assert title == '\'=HYPERLINK("http://x")'
    assert by_campaign["cmp-1"][COLUMNS.index("dati_al")] == "24/11/2025 10:32"


def test_close_records_outcomes_once(capsys, db_with_campaigns):
    url, codes = db_with_campaigns
    reached_code, reached_grant = codes["cmp-3"]
    failed_code, _ = codes["cmp-4"]
    code, out, _ = run(capsys, "--db", url, "campaigns", "close")
    assert code == EXIT_OK
    assert (
        f"{reached_code}: obiettivo raggiunto (41.000,00 € su 40.000,00 €" in out
        and f"contributo assegnato {format_eur(reached_grant)}" in out
    )
    assert f"{failed_code}: obiettivo non raggiunto (39.000,00 € su 40.000,00 €" in out
    assert "→ nessun contributo" in out
    assert "Esiti registrati ora: 2; già registrati in precedenza: 0." in out
    assert "XX-999 (campagna cmp-9): chiusa ma non collegata" in out
    code, out, _ = run(capsys, "--db", url, "campaigns", "close")
    assert "Esiti registrati ora: 0; già registrati in precedenza: 2." in out
    database = open_database(url)
    try:
        with database.session() as session:
            stored = session.execute(select(CampaignOutcome)).scalars().all()
    finally:
        database.close()
    assert sorted(o.reached for o in stored) == [False, True]


def test_close_with_an_unknown_call_says_which_exist(capsys, db_with_campaigns):
    url, _ = db_with_campaigns
    code, _, err = run(
        capsys, "--db", url, "--lang", "en", "campaigns", "close", "--call", "nessuno"
    )
    assert code != EXIT_OK
    assert "unknown call 'nessuno'" in err and "milano-2024-2025" in err
