"""The publication of grants (art. 26-27 d.lgs. 33/2013): grant acts, the yearly
register with its versions, its minimisation and its files; and the published ranking.

On the demo applications (resources/demo/domande-demo.csv), with campaigns closed and
their outcomes recorded by the campaigns service, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from db.engine import open_database
from db.models import (
    Applicant,
    Application,
    AuditEntry,
    Campaign,
    CampaignOutcome,
    PublicationRow,
    SyncState,
)
from desktop.cli import EXIT_OK, EXIT_UNUSABLE, main
from desktop.exporting.publication import COLUMNS, CSV_ANCHOR_COLUMN, export_publication
from desktop.services import audit
from desktop.services.campaigns import record_outcomes
from desktop.services.publication import (
    PublicationProblem,
    list_published,
    publish,
    set_grant_act,
)
from tests.conftest import ROOT

DEMO = ROOT / "resources/demo/domande-demo.csv"
SERVER = "https://crowdfunding.comune.milano.it/api/v1"
PAGES = "https://crowdfunding.comune.milano.it/progetti/"
NOW = dt.datetime(2025, 11, 24, 12, 0)  # naive UTC, as outcomes are stored
TODAY = dt.date(2025, 12, 1)
YEAR = 2025
# Reached: CC24-001 (a sole trader), CC24-003, CC24-009 and CC24-012 (one beneficiary),
# CC24-013 (a sole trader known only by a personal codice fiscale), CC24-029 (900 €).
# Not reached: CC24-006.
REACHED = ("CC24-001", "CC24-003", "CC24-009", "CC24-012", "CC24-013", "CC24-029")
PERSONAL_CF = "GGNNCL80A01F205X"


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _demo_personal_data() -> set[str]:
    """Every e-mail, PEC, address and contact person of the demo file."""
    with DEMO.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    found = set()
    for row in rows:
        for column in ("capofila_pec", "capofila_email", "referente", "indirizzo_sede_operativa"):
            if row[column].strip():
                found.add(row[column].strip())
    return found


def seed(database, call):
    """The demo applications; closed campaigns with their outcomes recorded."""
    from desktop.importing.service import import_applications

    import_applications(database, DEMO, call)
    with database.session() as session, session.begin():
        apps = {a.code: a for a in session.scalars(select(Application))}
        lead = {
            m.application_id: m
            for m in session.scalars(select(Applicant).where(Applicant.position == 0))
        }
        # CC24-012 is led by the same enterprise as CC24-009: its two grants are summed.
        first, second = lead[apps["CC24-009"].id], lead[apps["CC24-012"].id]
        second.name, second.tax_code = first.name, first.tax_code
        # A sole trader known only by the owner's codice fiscale.
        lead[apps["CC24-013"].id].tax_code = PERSONAL_CF
        # A small grant (900 €): under the threshold.
        apps["CC24-029"].grant_cents = 90_000
        for number, code in enumerate((*REACHED, "CC24-006")):
            application = apps[code]
            reached = code != "CC24-006"
            target = application.target_cents or 1_000_000
            session.add(
                Campaign(
                    server_url=SERVER,
                    external_id=f"cmp-{number}",
                    application_code=code,
                    application_id=application.id,
                    link_source="auto",
                    title=f"Campagna {code}",
                    status="succeeded" if reached else "failed",
                    target_cents=target,
                    raised_cents=target + 5_000 if reached else target // 2,
                    donors=40,
                    opens_at=NOW - dt.timedelta(days=70),
                    closes_at=NOW - dt.timedelta(days=10),
                    synced_at=NOW,
                    # CC24-013's platform gives no page: its link stays empty.
                    page_url="" if code == "CC24-013" else f"{PAGES}cmp-{number}",
                )
            )
        session.add(
            SyncState(
                server_url=SERVER,
                platform="commissione",
                last_success_at=NOW,
                last_attempt_at=NOW,
                last_error="",
            )
        )
    recorded = record_outcomes(database, call, NOW + dt.timedelta(hours=1))
    assert sorted(o.application_code for o in recorded if o.reached) == list(REACHED)
    grants = {o.application_code: o.grant_cents for o in recorded}
    return grants


@pytest.fixture
def granted(database, call_2024):
    return database, seed(database, call_2024)


def csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def by_code(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header = rows[0]
    return {row[4]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def workbook_text(path: Path) -> tuple[dict[str, list[list]], str]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    text = " ".join(str(cell) for rows in sheets.values() for row in rows for cell in row)
    return sheets, text


# --------------------------------------------------------------------------- columns


def test_one_row_per_beneficiary_over_the_threshold_with_its_columns(granted, call_2024, tmp_path):
    database, grants = granted
    result = publish(database, call_2024, YEAR, today=TODAY, actor="segreteria")
    path = export_publication(result, tmp_path / "pubblicazione.csv", call_2024, TODAY)
    rows = csv_rows(path)
    assert rows[0] == [*COLUMNS, CSV_ANCHOR_COLUMN]
    published = by_code(rows)
    # 900 € is not published; CC24-009 and CC24-012 are one beneficiary, summed.
    assert set(published) == {"CC24-001", "CC24-003", "CC24-009; CC24-012", "CC24-013"}
    assert result.below_threshold == 1
    summed = published["CC24-009; CC24-012"]
    assert summed["Importo (€)"] == _money(grants["CC24-009"] + grants["CC24-012"])
    assert summed["Beneficiario"] == "Il Cortile Verde Servizi S.r.l."
    assert summed["Codice fiscale / Partita IVA"] == "15064230152"
    one = published["CC24-001"]
    assert one["Beneficiario"] == "Osteria Crippa di Samira Crippa"
    assert one["Codice fiscale / Partita IVA"] == "00712600964"  # the sole trader's P.IVA
    assert one["Importo (€)"] == _money(grants["CC24-001"])
    assert one["Tipo di riga"] == "nuova" and one["Sostituisce la riga"] == ""
    assert one["Anno"] == "2025"
    assert call_2024.title in one["Norma o titolo a base dell'attribuzione"]
    assert call_2024.letters.call_act in one["Norma o titolo a base dell'attribuzione"]
    assert one["Ufficio"].startswith("Comune di Milano") and "Crowdfunding" in one["Ufficio"]
    assert one["Responsabile del procedimento"] == "Dott.ssa Maria Rossi"
    assert one["Modalità di individuazione del beneficiario"] == call_2024.letters.selection_method
    # The link to the project: the campaign's public page, as the platform reported it.
    assert one["Link al progetto"] == f"{PAGES}cmp-0"
    assert summed["Link al progetto"] == f"{PAGES}cmp-2; {PAGES}cmp-3"
    assert published["CC24-013"]["Link al progetto"] == ""  # the platform gave no page
    assert one["Numero dell'atto"] == "" and one["Data dell'atto"] == ""
    assert "Atto di concessione non ancora registrato" in one["Note"]
    assert one["Data di pubblicazione"] == "01/12/2025"
    assert result.without_act == ["CC24-001", "CC24-003", "CC24-009", "CC24-012", "CC24-013"]


def _money(cents: int) -> str:
    from desktop.domain import formatting

    return formatting.money(cents, symbol=False)


# --------------------------------------------------------------------------- minimisation


def test_no_contact_no_address_no_personal_code_in_any_file(granted, call_2024, tmp_path):
    database, _ = granted
    result = publish(database, call_2024, YEAR, today=TODAY)
    personal = _demo_personal_data()
    assert len(personal) > 100  # e-mails, PECs, addresses and contact persons of 40
    texts = {}
    for extension in ("csv", "xlsx", "ods"):
        path = export_publication(result, tmp_path / f"p.{extension}", call_2024, TODAY)
        if extension == "csv":
            texts[extension] = path.read_bytes().decode("utf-8-sig")
        else:
            texts[extension] = workbook_text(path)[1]
            # The raw parts too (shared strings, content.xml), not only the cells.
            with zipfile.ZipFile(path) as archive:
                texts[extension + " parts"] = " ".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
    for name, text in texts.items():
        assert "@" not in text, name  # no e-mail and no PEC, not even the office's
        leaked = [value for value in personal if value in text]
        assert not leaked, (name, leaked[:3])
        assert PERSONAL_CF not in text, name
        assert not re.search(r"\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b", text), name
    # The sole trader with only a personal code: published with an empty tax cell, the
    # note says why, and the command's result names the application.
    row = next(r for r in result.rows if r.application_code == "CC24-013")
    assert row.tax_code == "" and "persona fisica" in row.note
    assert [(n.codes, n.reason) for n in result.tax_code_needed] == [("CC24-013", "personal")]


# --------------------------------------------------------------------------- versions


def test_a_change_adds_a_row_and_never_rewrites_one(granted, call_2024, tmp_path):
    database, grants = granted
    first = publish(database, call_2024, YEAR, today=TODAY)
    first_file = export_publication(first, tmp_path / "prima.csv", call_2024, TODAY)
    assert [r.change for r in first.rows] == ["new"] * 4

    # Twice with no change: nothing recorded, nothing audited.
    with database.session() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    again = publish(database, call_2024, YEAR, today=TODAY + dt.timedelta(days=1))
    assert again.added == [] and again.rows == first.rows
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries

    # The act and the COR of CC24-001 are recorded: a "changed" row supersedes its row.
    set_grant_act(
        database,
        call_2024,
        "CC24-001",
        rna_cor="1234567",
        act_number="DD 4512/2025",
        act_date=dt.date(2025, 12, 3),
        actor="segreteria",
    )
    later = TODAY + dt.timedelta(days=5)
    second = publish(database, call_2024, YEAR, today=later)
    (changed,) = second.added
    original = next(r for r in first.rows if r.application_code == "CC24-001")
    assert (changed.change, changed.supersedes_id) == ("changed", original.id)
    assert (changed.rna_cor, changed.act_number, changed.act_date) == (
        "1234567",
        "DD 4512/2025",
        dt.date(2025, 12, 3),
    )
    assert changed.amount_cents == original.amount_cents and changed.published_on == later
    assert f"Rettifica della riga {original.id}" in changed.note
    # The rows published first are unchanged, in the database and in the file: every
    # byte of their lines but the last column (the log's head at each export).
    assert second.rows[: len(first.rows)] == first.rows
    second_file = export_publication(second, tmp_path / "seconda.csv", call_2024, later)
    before = first_file.read_bytes().splitlines()
    after = second_file.read_bytes().splitlines()
    assert [line.rsplit(b";", 1)[0] for line in after[: len(before)]] == [
        line.rsplit(b";", 1)[0] for line in before
    ]

    # The amount of CC24-003 changes (a correction of the outcome): another "changed".
    with database.session() as session, session.begin():
        outcome = session.scalars(
            select(CampaignOutcome)
            .join(Application, Application.id == CampaignOutcome.application_id)
            .where(Application.code == "CC24-003")
        ).one()
        outcome.grant_cents -= 100_000
    third = publish(database, call_2024, YEAR, today=later)
    (amount,) = third.added
    assert (amount.change, amount.amount_cents) == ("changed", grants["CC24-003"] - 100_000)

    # Revoked: CC24-003's outcome corrected to "not reached".
    with database.session() as session, session.begin():
        session.get(CampaignOutcome, outcome.campaign_id).reached = False
    fourth = publish(database, call_2024, YEAR, today=later)
    (revoked,) = fourth.added
    assert (revoked.change, revoked.supersedes_id, revoked.amount_cents) == (
        "revoked",
        amount.id,
        0,
    )
    assert revoked.beneficiary == amount.beneficiary and "Revoca" in revoked.note
    assert publish(database, call_2024, YEAR, today=later).added == []
    # Every row ever published, in order; none was updated.
    assert list_published(database, call_2024, YEAR) == fourth.rows
    assert fourth.rows[: len(third.rows)] == third.rows
    assert [r.change for r in fourth.rows] == ["new"] * 4 + ["changed", "changed", "revoked"]
    with database.session() as session:
        logged = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "publication")
        ).all()
        assert logged == ["new"] * 4 + ["changed", "changed", "revoked"]
        assert audit.verify(session)[1] is None


def test_the_link_is_the_page_of_the_latest_reached_campaign(granted, call_2024):
    """An application with a second reached campaign, closed later: the link becomes
    that campaign's page (a "changed" row); a later campaign that failed does not count,
    nor does one with no page."""
    database, grants = granted
    first = publish(database, call_2024, YEAR, today=TODAY)
    original = next(r for r in first.rows if r.application_code == "CC24-001")
    assert original.project_link == f"{PAGES}cmp-0"

    def campaign(session, external_id, page_url, reached, days_later):
        application = session.scalars(
            select(Application).where(Application.code == "CC24-001")
        ).one()
        row = Campaign(
            server_url=SERVER,
            external_id=external_id,
            application_code="CC24-001",
            application_id=application.id,
            link_source="auto",
            title="Seconda campagna",
            status="succeeded" if reached else "failed",
            target_cents=100_000,
            raised_cents=120_000 if reached else 1_000,
            donors=9,
            opens_at=NOW - dt.timedelta(days=5),
            closes_at=NOW + dt.timedelta(days=days_later),
            synced_at=NOW,
            page_url=page_url,
        )
        session.add(row)
        session.flush()
        session.add(
            CampaignOutcome(
                campaign_id=row.id,
                application_id=application.id,
                reached=reached,
                raised_cents=row.raised_cents,
                grant_cents=grants["CC24-001"] if reached else 0,
                closed_at=row.closes_at,
                recorded_at=row.closes_at,
            )
        )

    with database.session() as session, session.begin():
        campaign(session, "cmp-bis", f"{PAGES}cmp-bis", True, 2)
        campaign(session, "cmp-fallita", f"{PAGES}cmp-fallita", False, 3)
        campaign(session, "cmp-senza-pagina", "", True, 4)
    second = publish(database, call_2024, YEAR, today=TODAY + dt.timedelta(days=1))
    (changed,) = second.added
    assert (changed.change, changed.supersedes_id) == ("changed", original.id)
    assert changed.project_link == f"{PAGES}cmp-bis"
    assert changed.amount_cents == original.amount_cents  # still counted once
    assert second.rows[: len(first.rows)] == first.rows  # the old row is not rewritten


def test_an_act_dated_in_another_year_moves_the_grant(granted, call_2024):
    database, _ = granted
    publish(database, call_2024, YEAR, today=TODAY)
    set_grant_act(database, call_2024, "CC24-003", act_date=dt.date(2026, 1, 15))
    moved = publish(database, call_2024, YEAR, today=TODAY)
    assert [(r.change, r.application_code) for r in moved.added] == [("revoked", "CC24-003")]
    following = publish(database, call_2024, 2026, today=dt.date(2026, 1, 20))
    assert [(r.change, r.application_code, r.act_date) for r in following.rows] == [
        ("new", "CC24-003", dt.date(2026, 1, 15))
    ]


# --------------------------------------------------------------------------- files


def test_csv_ends_with_the_audit_head_and_is_neutralised(
    granted, database_url, call_2024, tmp_path, capsys
):
    database, _ = granted
    with database.session() as session, session.begin():
        lead = session.scalars(
            select(Applicant)
            .join(Application, Application.id == Applicant.application_id)
            .where(Application.code == "CC24-003", Applicant.position == 0)
        ).one()
        lead.name = '=HYPERLINK("http://evil.example","clic") Vineria'
    result = publish(database, call_2024, YEAR, today=TODAY)
    path = export_publication(result, tmp_path / "p.csv", call_2024, TODAY)
    rows = csv_rows(path)
    assert by_code(rows)["CC24-003"]["Beneficiario"].startswith("'=HYPERLINK")
    # The last cell of the file is the log's head, as `audit anchor` prints it.
    assert path.read_bytes().endswith(b"\r\n")
    last = rows[-1][-1]
    assert all(row[-1] == last for row in rows[1:])
    code, out, _ = run(capsys, "--db", database_url, "audit", "anchor")
    assert code == EXIT_OK and out.strip() == last == result.anchor.text()


def test_xlsx_and_ods_read_back_with_the_anchor_sheet(granted, call_2024, tmp_path):
    database, grants = granted
    result = publish(database, call_2024, YEAR, today=TODAY)
    for extension in ("xlsx", "ods"):
        path = export_publication(result, tmp_path / f"p.{extension}", call_2024, TODAY)
        sheets, _ = workbook_text(path)
        assert list(sheets) == ["Pubblicazione", "Riepilogo"]
        table = sheets["Pubblicazione"]
        assert table[0] == list(COLUMNS)
        rows = {row[4]: row for row in table[1:]}
        assert rows["CC24-001"][5] == "Osteria Crippa di Samira Crippa"
        assert round(rows["CC24-001"][7] * 100) == grants["CC24-001"]  # a number, exact
        assert rows["CC24-001"][16] == TODAY  # a date
        summary = {row[0]: row[1] for row in sheets["Riepilogo"]}
        assert summary["Registro di controllo"] == result.anchor.text()
        assert result.anchor.text(16) in summary["Verifica del registro"]
    with zipfile.ZipFile(tmp_path / "p.ods") as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    from odf.opendocument import load  # the reference ODF library reads it too

    assert load(str(tmp_path / "p.ods")).spreadsheet is not None


# --------------------------------------------------------------------------- grant acts


def test_grant_acts_are_validated_and_audited(granted, call_2024):
    database, _ = granted
    with pytest.raises(PublicationProblem, match="COR"):
        set_grant_act(database, call_2024, "CC24-001", rna_cor="12A45")
    with pytest.raises(PublicationProblem, match="niente da registrare"):
        set_grant_act(database, call_2024, "CC24-001")
    act = set_grant_act(
        database, call_2024, "CC24-001", rna_cor=" 998877 ", act_number="DD 1/2025", actor="rossi"
    )
    assert (act.rna_cor, act.act_number, act.act_date, act.updated_by) == (
        "998877",
        "DD 1/2025",
        None,
        "rossi",
    )
    act = set_grant_act(database, call_2024, "CC24-001", act_date=dt.date(2025, 12, 2))
    assert (act.rna_cor, act.act_date) == ("998877", dt.date(2025, 12, 2))  # kept, added
    set_grant_act(database, call_2024, "CC24-001", act_date=dt.date(2025, 12, 2))  # no change
    with database.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "grant_record")
        ).all()
        assert [e.entity_key for e in entries] == ["CC24-001", "CC24-001"]
        assert '"rna_cor":"998877"' in entries[0].new.replace(" ", "")


def test_cli_grant_export_and_list(database_url, call_2024, tmp_path, capsys, monkeypatch):
    database = open_database(database_url)
    try:
        seed(database, call_2024)
    finally:
        database.close()
    monkeypatch.setenv("COMMISSIONE_USER", "segreteria")
    db = ("--db", database_url)
    code, _, err = run(capsys, *db, "publication", "grant", "CC24-001", "--cor", "12-34")
    assert code == EXIT_UNUSABLE and "COR" in err and "cifre" in err
    code, _, err = run(capsys, *db, "publication", "grant", "CC24-001", "--act-date", "2025-12-03")
    assert code == EXIT_UNUSABLE and "GG/MM/AAAA" in err
    code, _, err = run(capsys, *db, "publication", "grant", "CC24-001", "--act-date", "31/02/2025")
    assert code == EXIT_UNUSABLE and "31/02/2025" in err
    code, _, err = run(capsys, *db, "publication", "grant", "ZZ-9", "--cor", "1")
    assert code == EXIT_UNUSABLE and "ZZ-9" in err
    code, out, _ = run(
        capsys,
        *db,
        "publication",
        "grant",
        "CC24-001",
        "--cor",
        "1234567",
        "--act-number",
        "DD 4512/2025",
        "--act-date",
        "03/12/2025",
    )
    assert code == EXIT_OK and "DD 4512/2025 del 03/12/2025, COR 1234567 (segreteria)" in out

    # Refused before anything is recorded: a bad year, an unknown extension, a folder
    # that does not exist.
    for args, words in (
        (("--year", "25", "--out", str(tmp_path / "p.csv")), "quattro cifre"),
        (("--year", "1850", "--out", str(tmp_path / "p.csv")), "1850"),
        (("--year", "2025", "--out", str(tmp_path / "p.txt")), ".ods"),
        (("--year", "2025", "--out", str(tmp_path / "manca" / "p.csv")), "non esiste"),
    ):
        code, _, err = run(capsys, *db, "publication", "export", *args)
        assert code == EXIT_UNUSABLE and words in err, (args, err)
    check = open_database(database_url)
    try:
        with check.session() as session:
            assert session.scalar(select(func.count()).select_from(PublicationRow)) == 0
    finally:
        check.close()

    out_file = tmp_path / "pubblicazione-2025.ods"
    code, out, _ = run(
        capsys, *db, "publication", "export", "--year", "2025", "--out", str(out_file)
    )
    assert code == EXIT_OK and out_file.exists()
    assert "4 righe (4 nuove, 0 modifiche, 0 revoche" in out
    assert "Serve la partita IVA di Latteria Oggioni di Nicola Oggioni (CC24-013)" in out
    assert "1 beneficiari con contributi fino a 1.000,00 €" in out
    assert PERSONAL_CF not in out
    code, out, _ = run(
        capsys, *db, "publication", "export", "--year", "2025", "--out", str(out_file)
    )
    assert code == EXIT_OK and "(0 nuove, 0 modifiche, 0 revoche" in out
    code, out, _ = run(capsys, *db, "publication", "list", "--year", "2025", "--format", "json")
    import json

    listed = json.loads(out)
    assert [r["Codice domanda"] for r in listed] == [
        "CC24-001",
        "CC24-003",
        "CC24-009; CC24-012",
        "CC24-013",
    ]
    assert listed[0]["Codice COR (RNA)"] == "1234567"
    code, out, _ = run(capsys, *db, "publication", "list", "--year", "2024")
    assert code == EXIT_OK and "Nessuna riga pubblicata per il 2024" in out


# --------------------------------------------------------------------------- the ranking


def test_the_published_ranking_has_the_act_and_decisions_and_nothing_to_check(
    database, call_2024, tmp_path
):
    from desktop.exporting.ranking import export_ranking
    from desktop.services.ranking import load_ranking, set_decision
    from tests.test_ranking_service import add_application, pdf_text, seed_hand_example

    seed_hand_example(database, call_2024)
    with database.session() as session, session.begin():
        add_application(
            session, call_2024, "B-CHECK", title="Progetto in istruttoria", eligibility="check"
        )
    set_decision(database, call_2024, "A1", "admitted", "Prima in graduatoria")
    set_decision(database, call_2024, "A5", "not_admitted", "Sotto il punteggio minimo")
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    assert "B-CHECK" in {e.code for e in result.entries}  # the committee still sees it
    act = call_2024.letters.ranking_acts["I"]

    rows = csv_rows(export_ranking(result, tmp_path / "g.csv", "csv", call_2024))
    assert rows[0][-2:] == ["Decisione", "Atto di approvazione"]
    listed = {row[1]: row for row in rows[1:]}
    assert "B-CHECK" not in listed
    assert listed["A1"][-2:] == ["Ammessa", act]
    assert listed["A5"][-2:] == ["Non ammessa", act]
    assert listed["A2"][-2] == ""

    sheets, text = workbook_text(export_ranking(result, tmp_path / "g.xlsx", "xlsx", call_2024))
    assert "B-CHECK" not in text and "Progetto in istruttoria" not in text
    assert sheets["Graduatoria"][1][-1] == "Ammessa"
    summary = {row[0]: row[1] for row in sheets["Riepilogo"] if row and row[0]}
    assert summary["Atto di approvazione"] == act
    assert summary["Domande da verificare (non elencate)"] == 1

    text = pdf_text(export_ranking(result, tmp_path / "g.pdf", "pdf", call_2024))
    assert f"Atto di approvazione: {act}" in text
    assert "B-CHECK" not in text and "Da verificare" not in text
    assert "Ammessa" in text and "Non ammessa" in text
    assert "1 domande con l'istruttoria di ammissibilità ancora aperta" in " ".join(text.split())

    # A session without an act in the call file says so instead of inventing one.
    whole = load_ranking(database, call_2024, "II")
    rows = csv_rows(export_ranking(whole, tmp_path / "g2.csv", "csv", call_2024))
    assert rows[0][-1] == "Atto di approvazione"
    pdf = pdf_text(export_ranking(whole, tmp_path / "g2.pdf", "pdf", call_2024))
    assert "non ancora indicato" in pdf
