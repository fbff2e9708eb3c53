"""Syncing from a Goteo API v1 look-alike (tests/goteo_server.py, serving the published
sample responses on 127.0.0.1): projects and invests mapped onto campaigns and
donations, pagination, login and re-login, refunds, hostile payloads."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
from decimal import Decimal
from pathlib import Path

import pytest
from goteo_server import FIXTURES, KEY, USER, GoteoServer
from sqlalchemy import select, text

from db.models import Campaign, Donation
from desktop.sync import PayloadProblem
from desktop.sync.credentials import Credential
from desktop.sync.goteo import parse_invest, parse_project
from desktop.sync.http import RetryPolicy, Secret
from desktop.sync.service import link, sync

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, total_seconds=20)
NOW = dt.datetime(2026, 5, 2, 16, 45)
LOGIN = Credential(USER, Secret(KEY))


@pytest.fixture
def goteo():
    with GoteoServer() as server:
        yield server


def run(database, call, goteo, credential=LOGIN, **options):
    options.setdefault("policy", FAST)
    options.setdefault("now", NOW)
    return sync(database, call, goteo.base_url, "goteo", credential=credential, **options)


def stored(database):
    with database.session() as session:
        campaigns = {c.external_id: c for c in session.execute(select(Campaign)).scalars()}
        donations = {d.external_id: d for d in session.execute(select(Donation)).scalars()}
        return campaigns, donations


def dump(database) -> list:
    with database.engine.connect() as connection:
        return [
            list(connection.execute(text(f"SELECT * FROM {t} ORDER BY 1")))
            for t in ("campaigns", "donations", "audit_log")
        ]


def utc(rfc2822: str) -> dt.datetime:
    return email.utils.parsedate_to_datetime(rfc2822).astimezone(dt.UTC).replace(tzinfo=None)


def test_projects_become_campaigns_and_invests_donations(database, call_2024, goteo):
    result = run(database, call_2024, goteo)
    assert result.ok, result.it
    campaigns, donations = stored(database)
    assert set(campaigns) == set(goteo.data.projects)
    full = json.loads((FIXTURES / "project.json").read_text())
    huerto = campaigns["llevamealhuerto"]
    assert huerto.title == full["name"] == "llevamealhuerto.com"
    assert huerto.target_cents == 520_000 and huerto.raised_cents == 521_000  # minimum, amount
    assert huerto.status == "succeeded"  # "funded"
    assert huerto.opens_at == utc(full["date-published"])
    assert huerto.closes_at == utc(full["date-succeeded"])
    assert huerto.donors == 80  # meta.total of /projects/{id}/donors/
    assert huerto.application_code == "" and huerto.application_id is None
    # The project's public page: Goteo's project-url, as the detail and listing give it.
    assert huerto.page_url == full["project-url"] == "https://goteo.org/project/llevamealhuerto"
    listed = json.loads((FIXTURES / "projects.json").read_text())["items"]
    assert {p["id"]: campaigns[p["id"]].page_url for p in listed} == {
        p["id"]: p["project-url"] for p in listed
    }
    assert all(c.page_url.startswith("https://goteo.org/project/") for c in campaigns.values())
    statuses = {c.external_id: c.status for c in campaigns.values()}
    assert statuses["nodo-movil"] == "succeeded" and statuses["move-commons"] == "failed"
    move = campaigns["move-commons"]
    assert move.closes_at == move.opens_at + dt.timedelta(days=40)  # its date-closed
    # Invests: charged → confirmed, returned → refunded, processing left out,
    # and the invests of projects not served never asked for.
    by_campaign = {c.id: c.external_id for c in campaigns.values()}
    served = [i for i in goteo.data.invests if i["project"] in goteo.data.projects]
    expected = {str(i["id"]) for i in served if i["status"] != "processing"}
    assert set(donations) == expected
    for invest in served:
        donation = donations.get(str(invest["id"]))
        if invest["status"] == "processing":
            assert donation is None
            continue
        assert donation.status == {"charged": "confirmed", "returned": "refunded"}[invest["status"]]
        assert donation.amount_cents == int(invest["amount"] * 100)
        assert donation.donated_at == utc(invest["date-created"])
        assert by_campaign[donation.campaign_id] == invest["project"]
    for campaign in campaigns.values():
        confirmed = sum(
            d.amount_cents
            for d in donations.values()
            if d.campaign_id == campaign.id and d.status == "confirmed"
        )
        assert confirmed == campaign.raised_cents


def test_listings_are_read_page_by_page(database, call_2024, goteo):
    run(database, call_2024, goteo)
    pages = [path for method, path, auth in goteo.requests if path == "/v1/invests/"]
    assert len(pages) > len(goteo.data.projects) // 10  # 50 per page, several pages
    assert all(auth == "bearer" for method, path, auth in goteo.requests if path != "/v1/login")


def test_the_same_data_twice_changes_nothing(database, call_2024, goteo):
    run(database, call_2024, goteo)
    before = dump(database)
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(hours=2))
    assert result.ok and result.campaigns_updated == result.donations_updated == 0
    assert result.campaigns_new == result.donations_new == 0
    assert dump(database) == before


def test_an_expired_token_is_renewed_once_by_logging_in_again(database, call_2024, goteo):
    goteo.inject("expire_token", path="/v1/invests/")
    result = run(database, call_2024, goteo)
    assert result.ok, result.it
    logins = [auth for method, path, auth in goteo.requests if path == "/v1/login"]
    assert logins == ["basic", "basic"]
    assert len(stored(database)[1]) > 0


def test_a_token_that_keeps_expiring_fails_with_an_auth_problem(database, call_2024, goteo):
    goteo.inject("expire_token", count=5, path="/v1/projects/")
    result = run(database, call_2024, goteo)
    assert not result.ok and result.kind == "auth"
    assert stored(database) == ({}, {})


def test_a_wrong_key_is_refused_at_login(database, call_2024, goteo):
    result = run(database, call_2024, goteo, credential=Credential(USER, Secret("sbagliata")))
    assert not result.ok and result.kind == "auth"
    assert "login" in result.it and "--user" in result.it and "sbagliata" not in result.it


def test_a_bearer_token_can_be_used_without_a_user(database, call_2024, goteo):
    token = "token-dato-dalla-piattaforma"
    goteo.tokens[token] = float("inf")
    result = run(database, call_2024, goteo, credential=Credential("", Secret(token)))
    assert result.ok, result.it
    assert not any(path == "/v1/login" for method, path, auth in goteo.requests)


def test_refunds_and_withdrawn_invests_lower_what_was_raised(database, call_2024, goteo):
    run(database, call_2024, goteo)
    refunded, cancelled = goteo.data.charged_of("nodo-movil")[:2]
    goteo.data.refund(refunded["id"])
    goteo.data.cancel(cancelled["id"])  # Goteo's listing stops showing it
    raised_before = stored(database)[0]["nodo-movil"].raised_cents
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert result.ok and result.donations_updated == 2
    campaigns, donations = stored(database)
    assert donations[str(refunded["id"])].status == "refunded"
    assert donations[str(cancelled["id"])].status == "cancelled"
    lowered = int((refunded["amount"] + cancelled["amount"]) * 100)
    assert campaigns["nodo-movil"].raised_cents == raised_before - lowered
    assert campaigns["nodo-movil"].synced_at == NOW + dt.timedelta(days=1)
    assert campaigns["move-commons"].synced_at == NOW


def test_new_invests_arrive_on_the_next_sync(database, call_2024, goteo):
    run(database, call_2024, goteo)
    ident = goteo.data.add_invest("bookcamping", 42)
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert result.donations_new == 1 and result.campaigns_updated == 1
    assert stored(database)[1][str(ident)].amount_cents == 4200


def test_a_server_error_is_retried(database, call_2024, goteo):
    goteo.inject("server_error", count=2, path="/v1/invests/")
    assert run(database, call_2024, goteo).ok


@pytest.mark.parametrize(
    "kind, path, words",
    [
        ("garbage", "/v1/invests/", "JSON non valido"),
        ("string_amount", "/v1/invests/", "deve essere un numero"),
        ("negative", "/v1/projects/nodo-movil", "negativo"),
        ("repeat_page", "/v1/invests/", "ripete una pagina"),
    ],
)
def test_hostile_payloads_are_rejected_and_nothing_is_written(
    database, call_2024, goteo, kind, path, words
):
    run(database, call_2024, goteo)
    goteo.data.add_invest("bookcamping", 10)
    before = dump(database)
    if kind == "repeat_page":
        goteo.inject("none", path=path)  # page 0 as it is; page 1 repeats it
    goteo.inject(kind, path=path)
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert not result.ok and result.kind == "rejected", result.it
    assert words in result.it and "i dati locali non sono cambiati" in result.it
    assert dump(database) == before


def test_campaigns_are_linked_by_hand(database, call_2024, goteo):
    from desktop.importing.service import import_applications

    import_applications(
        database, Path(__file__).parent.parent / "resources/demo/domande-demo.csv", call_2024
    )
    run(database, call_2024, goteo)
    with database.session() as session:
        from db.models import Application

        code = session.execute(select(Application.code).limit(1)).scalar_one()
    result = link(database, call_2024, code, "bookcamping", goteo.base_url)
    assert result.changed
    run(database, call_2024, goteo, now=NOW + dt.timedelta(hours=1))
    campaign = stored(database)[0]["bookcamping"]
    assert campaign.link_source == "manual" and campaign.application_id is not None


def test_the_key_is_in_no_row_or_log(database, call_2024, goteo, caplog):
    caplog.set_level(logging.DEBUG)
    goteo.inject("expire_token", path="/v1/invests/")
    run(database, call_2024, goteo)
    with database.engine.connect() as connection:
        everything = repr(
            [
                list(connection.execute(text(f"SELECT * FROM {t}")))
                for t in ("campaigns", "donations", "sync_state")
            ]
        )
    assert KEY not in everything and KEY not in caplog.text


def test_the_fixture_samples_parse():
    for item in json.loads((FIXTURES / "projects.json").read_text(), parse_float=Decimal)["items"]:
        campaign = parse_project(item, 0, "/projects/")
        assert campaign.target_cents > 0 and campaign.opens_at is not None
    invests = json.loads((FIXTURES / "invests.json").read_text(), parse_float=Decimal)
    parsed = [parse_invest(item, index) for index, item in enumerate(invests["items"])]
    assert all(p.status == "confirmed" for p in parsed)
    assert (
        parsed[0].amount_cents == 2000
        and parsed[0].campaign_external_id == "sembrando-semillas-de-cambio"
    )


def test_a_donation_that_changes_campaign_is_refused(database, call_2024, goteo):
    run(database, call_2024, goteo)
    before = dump(database)
    invest = goteo.data.charged_of("nodo-movil")[0]
    invest["project"] = "bookcamping"
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert not result.ok and result.kind == "rejected"
    assert str(invest["id"]) in result.it and "nodo-movil" in result.it
    assert dump(database) == before


def test_control_characters_in_a_project_are_refused_escaped():
    project = json.loads((FIXTURES / "project.json").read_text(), parse_float=Decimal)
    with pytest.raises(PayloadProblem) as raised:
        parse_project({**project, "name": "Orto\x00 \x1b[2J"}, 0, "/projects/x")
    text = str(raised.value)
    assert "«name»" in text and "\\x00" in text and "\\x1b" in text
    assert "\x00" not in text and "\x1b" not in text and "gestore della piattaforma" in text
    with pytest.raises(PayloadProblem):
        parse_project({**project, "id": "a\x00b"}, 0, "/projects/x")
    invest = json.loads((FIXTURES / "invests.json").read_text(), parse_float=Decimal)["items"][0]
    for field in ("id", "project"):
        with pytest.raises(PayloadProblem):
            parse_invest({**invest, field: "x\x00"}, 0)


def test_the_call_projects_sample_gives_each_project_its_page():
    listed = json.loads((FIXTURES / "call_projects.json").read_text(), parse_float=Decimal)
    detail = json.loads((FIXTURES / "project.json").read_text(), parse_float=Decimal)
    assert listed["items"]
    for item in listed["items"]:
        campaign = parse_project({**detail, **item}, 0, "/projects/")
        assert campaign.page_url == item["project-url"]
        assert campaign.page_url == f"https://goteo.org/project/{item['id']}"
    without = {k: v for k, v in detail.items() if k != "project-url"}
    assert parse_project(without, 0, "/projects/x").page_url == ""
    assert parse_project({**detail, "project-url": None}, 0, "/projects/x").page_url == ""


@pytest.mark.parametrize(
    "value, words",
    [
        ("javascript:alert(1)", "non è un indirizzo web assoluto"),
        ("/project/llevamealhuerto", "non è un indirizzo web assoluto"),
        ("https://goteo.org/project/" + "x" * 2000, "più lungo di 2000"),
        ("https://goteo.org/project/\x1b[2Jorto", "carattere di controllo"),
    ],
)
def test_a_project_url_that_is_not_a_web_address_is_refused(
    database, call_2024, goteo, value, words
):
    run(database, call_2024, goteo)
    before = dump(database)
    goteo.data.projects["bookcamping"]["project-url"] = value
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert not result.ok and result.kind == "rejected", result.it
    assert "campo «project-url»" in result.it and words in result.it
    assert "i dati locali non sono cambiati" in result.it and "\x1b" not in result.it
    assert dump(database) == before
    assert stored(database)[0]["bookcamping"].page_url == "https://goteo.org/project/bookcamping"


def test_an_id_twice_on_one_page_is_refused(database, call_2024, goteo):
    run(database, call_2024, goteo)
    before = dump(database)
    goteo.inject("duplicate_on_page", path="/v1/projects/")
    result = run(database, call_2024, goteo, now=NOW + dt.timedelta(days=1))
    assert not result.ok and result.kind == "rejected", result.it
    assert "due volte nella stessa pagina" in result.it and "platform's operator" in result.en
    assert dump(database) == before
