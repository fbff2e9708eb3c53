"""Score sheets as an evaluator and the secretariat use them: drafts that save only
what changed, a version that stops one person overwriting another, scores checked
against the grid, submission, reopening with a reason, the blind phase, conflicts
of interest, and a private note that never reaches the audit log. On SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.models import (
    Applicant,
    Application,
    Assignment,
    AuditEntry,
    Base,
    CommitteeMember,
    Conflict,
    PrivateNote,
)
from desktop.services import sheets
from desktop.services.sheets import SheetProblem, StaleSheet
from desktop.services.store import NotFound

ANNA, BRUNO, CARLA = "Anna Bianchi", "Bruno Verdi", "Carla Neri"
SECRETARY = "Sara Segre"
CODES = ("D001", "D002", "D003", "D004")


# --------------------------------------------------------------------------- helpers
# (also used by test_kits, test_scores_import and test_cli_sheets)


def seed(
    database,
    call,
    codes=CODES,
    members=(ANNA, BRUNO, CARLA),
    assign=True,
    secretary: str | None = SECRETARY,
):
    """The call, applications with a lead partner and a partner (with the personal
    data a kit must leave out), committee members, and every member assigned to
    every application (committee rows are written directly: the committee service
    has its own tests)."""
    from desktop.services.store import ensure_call

    now = dt.datetime(2025, 3, 1, 9, 0)
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call)
        for number, code in enumerate(codes, start=1):
            application = Application(
                call_id=call.id,
                code=code,
                title=f"Bottega di quartiere {number}",
                summary=f"Sintesi del progetto {number}",
                contact_person="Mario Rossi, 333 1234567",
                operating_address="Via Padova 1, Milano",
                district=2,
                neighbourhood="NoLo",
                objectives_mask=(1 << 1) | (1 << 3),
                cost_cents=8_000_000,
                grant_cents=4_000_000,
                target_cents=4_000_000,
                eligibility="pass",
                session_code="I",
                created_at=now,
                updated_at=now,
            )
            application.members = [
                Applicant(
                    position=0,
                    role="capofila",
                    name=f"Forno Rossi {number} srl",
                    tax_code="01234567897",
                    pec=f"forno{number}@pec.example.it",
                    email=f"forno{number}@example.it",
                ),
                Applicant(
                    position=1,
                    role="partner",
                    name=f"Associazione Vicini {number}",
                    tax_code="97654321098",
                    pec=f"vicini{number}@pec.example.it",
                ),
            ]
            session.add(application)
        for name in members:
            session.add(CommitteeMember(call_id=call.id, name=name, role="member", created_at=now))
        if secretary:
            session.add(
                CommitteeMember(call_id=call.id, name=secretary, role="secretary", created_at=now)
            )
    if assign:
        for name in members:
            for code in codes:
                add_assignment(database, call, name, code)


def _ids(session, call, member: str, code: str) -> tuple[int, int]:
    member_id = session.scalar(
        select(CommitteeMember.id).where(
            CommitteeMember.call_id == call.id, CommitteeMember.name == member
        )
    )
    application_id = session.scalar(
        select(Application.id).where(Application.call_id == call.id, Application.code == code)
    )
    return member_id, application_id


def add_assignment(database, call, member: str, code: str) -> None:
    with database.session() as session, session.begin():
        member_id, application_id = _ids(session, call, member, code)
        session.add(
            Assignment(
                member_id=member_id,
                application_id=application_id,
                source="manual",
                created_at=dt.datetime(2025, 3, 1, 9, 0),
            )
        )


def remove_assignment(database, call, member: str, code: str) -> None:
    with database.session() as session, session.begin():
        member_id, application_id = _ids(session, call, member, code)
        session.execute(
            Assignment.__table__.delete().where(
                Assignment.member_id == member_id, Assignment.application_id == application_id
            )
        )


def add_conflict(database, call, member: str, code: str, status: str = "confirmed") -> None:
    with database.session() as session, session.begin():
        member_id, application_id = _ids(session, call, member, code)
        session.add(
            Conflict(
                member_id=member_id,
                application_id=application_id,
                source="declared",
                status=status,
                reason="Socio del capofila",
                created_at=dt.datetime(2025, 3, 1, 9, 0),
            )
        )


def all_scores(call, value) -> dict[str, Decimal]:
    return {c.id: Decimal(value) for c in call.grid.criteria}


def submit(database, call, member: str, code: str, value=10, motivation="Progetto solido."):
    sheets.save_draft(database, call, member, code, all_scores(call, value), {}, motivation)
    return sheets.submit_sheet(database, call, member, code)


def snapshot(database) -> dict:
    """Every row of every table: what "the database is unchanged" means."""
    with database.engine.connect() as connection:
        return {
            table.name: sorted(
                (tuple(map(repr, row)) for row in connection.execute(select(table))),
            )
            for table in Base.metadata.sorted_tables
        }


def audit_entries(database, action: str | None = None) -> list[AuditEntry]:
    with database.session() as session:
        statement = select(AuditEntry).where(AuditEntry.entity == "sheet").order_by(AuditEntry.id)
        if action:
            statement = statement.where(AuditEntry.action == action)
        return list(session.scalars(statement))


@pytest.fixture
def committee(database, call_2024):
    seed(database, call_2024)
    return database


# --------------------------------------------------------------------------- opening


def test_a_new_sheet_shows_what_scoring_needs(committee, call_2024):
    view = sheets.open_sheet(committee, call_2024, ANNA, "D001")
    assert (view.status, view.version, view.scores, view.total) == ("", 0, {}, 0)
    assert view.title == "Bottega di quartiere 1"
    assert view.lead_name == "Forno Rossi 1 srl"
    assert view.partner_names == ("Associazione Vicini 1",)
    assert view.objectives == ("Rivitalizzazione commerciale", "Beni comuni urbani")
    assert (view.cost_cents, view.grant_cents, view.district) == (8_000_000, 4_000_000, 2)
    impact = next(c for c in view.criteria if c.id == "impatto_quartiere")
    assert impact.max == 25 and impact.step == 1
    assert impact.objectives == (
        "Rivitalizzazione commerciale",
        "Beni comuni urbani",
        "Sostenibilità sociale e ambientale",
    )
    assert [c.id for c in view.criteria] == [c.id for c in call_2024.grid.criteria]


def test_only_an_assigned_member_without_conflicts_opens_a_sheet(committee, call_2024):
    remove_assignment(committee, call_2024, BRUNO, "D002")
    with pytest.raises(SheetProblem, match="non è assegnata a Bruno Verdi") as refused:
        sheets.open_sheet(committee, call_2024, BRUNO, "D002")
    assert "commissione assign --add" in refused.value.en
    add_conflict(committee, call_2024, CARLA, "D003", status="proposed")
    with pytest.raises(SheetProblem, match="conflitto di interessi \\(proposto\\)"):
        sheets.open_sheet(committee, call_2024, CARLA, "D003")
    with pytest.raises(SheetProblem, match="conflict of interest"):
        sheets.save_draft(committee, call_2024, CARLA, "D003", all_scores(call_2024, 5), {}, "")
    with pytest.raises(NotFound, match="non trovato"):
        sheets.open_sheet(committee, call_2024, "Nessuno", "D001")
    with pytest.raises(NotFound, match="D999 non trovata"):
        sheets.open_sheet(committee, call_2024, ANNA, "D999")
    # A dismissed conflict does not block; names match whatever their case.
    with committee.session() as session, session.begin():
        session.execute(Conflict.__table__.update().values(status="dismissed"))
    assert sheets.open_sheet(committee, call_2024, "carla neri", "D003").member == CARLA


# --------------------------------------------------------------------------- drafts


def test_a_draft_saves_only_changes_and_records_them(committee, call_2024):
    scores = {"alleanza": Decimal(12), "impatto_quartiere": Decimal("20")}
    version = sheets.save_draft(
        committee, call_2024, ANNA, "D001", scores, {"alleanza": "Ampia"}, "", "", 0
    )
    assert version == 1
    view = sheets.open_sheet(committee, call_2024, ANNA, "D001")
    assert view.status == "draft"
    assert view.scores == {"alleanza": 12, "impatto_quartiere": 20}
    assert view.comments == {"alleanza": "Ampia"}
    assert view.total == 32

    # The same content again (an autosave with nothing new) writes nothing.
    before = snapshot(committee)
    again = sheets.save_draft(
        committee, call_2024, ANNA, "D001", scores, {"alleanza": "Ampia"}, "", "", 1
    )
    assert again == 1 and snapshot(committee) == before

    changed = sheets.save_draft(
        committee, call_2024, ANNA, "D001", {**scores, "alleanza": None}, {}, "Bozza", "", 1
    )
    assert changed == 2
    entries = audit_entries(committee)
    assert [e.action for e in entries] == ["save_draft", "save_draft"]
    old, new = json.loads(entries[-1].old), json.loads(entries[-1].new)
    assert old["scores"]["alleanza"] == {"score_hundredths": 1200, "comment": "Ampia"}
    assert "alleanza" not in new["scores"] and new["motivation"] == "Bozza"
    assert (old["version"], new["version"]) == (1, 2)


def test_an_empty_form_creates_no_sheet(committee, call_2024):
    assert sheets.save_draft(committee, call_2024, ANNA, "D001", {}, {}, "", "", 0) == 0
    assert sheets.open_sheet(committee, call_2024, ANNA, "D001").status == ""


def test_a_stale_version_is_refused_and_nothing_is_saved(committee, call_2024):
    sheets.save_draft(committee, call_2024, ANNA, "D001", {"alleanza": Decimal(5)}, {}, "", "", 0)
    # Someone else (another window) saves meanwhile.
    sheets.save_draft(committee, call_2024, ANNA, "D001", {"alleanza": Decimal(6)}, {}, "", "", 1)
    before = snapshot(committee)
    with pytest.raises(StaleSheet, match="modificata da qualcun altro") as refused:
        sheets.save_draft(
            committee, call_2024, ANNA, "D001", {"alleanza": Decimal(9)}, {}, "", "", 1
        )
    assert "changed by someone else" in str(refused.value)
    with pytest.raises(StaleSheet):
        sheets.save_draft(
            committee, call_2024, ANNA, "D002", {"alleanza": Decimal(9)}, {}, "", "", 3
        )
    with pytest.raises(StaleSheet):
        sheets.submit_sheet(committee, call_2024, ANNA, "D001", expected_version=1)
    assert snapshot(committee) == before
    assert sheets.open_sheet(committee, call_2024, ANNA, "D001").scores == {"alleanza": 6}


@pytest.mark.parametrize(
    ("criterion", "value", "expected"),
    [
        ("alleanza", "21", "fuori dall'intervallo 0–20"),
        ("impatto_quartiere", "-1", "fuori dall'intervallo 0–25"),
        ("alleanza", "7.5", "non è un multiplo del passo 1"),
    ],
)
def test_an_invalid_score_names_the_criterion_and_its_range(
    committee, call_2024, criterion, value, expected
):
    before = snapshot(committee)
    with pytest.raises(SheetProblem) as refused:
        sheets.save_draft(
            committee, call_2024, ANNA, "D001", {criterion: Decimal(value)}, {}, "", "", 0
        )
    name = next(c.name for c in call_2024.grid.criteria if c.id == criterion)
    assert f"«{name}»" in refused.value.it and expected in refused.value.it
    assert snapshot(committee) == before


def test_an_unknown_criterion_is_refused(committee, call_2024):
    with pytest.raises(SheetProblem, match="criterio sconosciuto: originalita"):
        sheets.save_draft(
            committee, call_2024, ANNA, "D001", {"originalita": Decimal(3)}, {}, "", ""
        )


# --------------------------------------------------------------------------- submitting


def test_submitting_needs_every_score_and_a_motivation(committee, call_2024):
    partial = {**all_scores(call_2024, 10), "alleanza": None}
    version = sheets.save_draft(committee, call_2024, ANNA, "D001", partial, {}, "  ", "", 0)
    with pytest.raises(SheetProblem) as refused:
        sheets.submit_sheet(committee, call_2024, ANNA, "D001", expected_version=version)
    assert "«Solidità dell'alleanza»" in refused.value.it
    assert "manca la motivazione" in refused.value.it
    version = sheets.save_draft(
        committee, call_2024, ANNA, "D001", all_scores(call_2024, 10), {}, "Buono.", "", version
    )
    submitted = sheets.submit_sheet(committee, call_2024, ANNA, "D001", expected_version=version)
    view = sheets.open_sheet(committee, call_2024, ANNA, "D001")
    assert (view.status, view.version, view.total) == ("submitted", submitted, 50)
    assert view.submitted_at is not None
    assert audit_entries(committee)[-1].action == "submit"


def test_a_submitted_sheet_cannot_be_edited_but_its_note_can(committee, call_2024):
    version = submit(committee, call_2024, ANNA, "D001")
    before = snapshot(committee)
    with pytest.raises(SheetProblem, match="già inviata e non si può modificare"):
        sheets.save_draft(
            committee, call_2024, ANNA, "D001", all_scores(call_2024, 11), {}, "Buono.", ""
        )
    with pytest.raises(SheetProblem, match="già inviata"):
        sheets.submit_sheet(committee, call_2024, ANNA, "D001")
    assert snapshot(committee) == before
    # The same content with a new private note: only the note is written.
    same = sheets.save_draft(
        committee,
        call_2024,
        ANNA,
        "D001",
        all_scores(call_2024, 10),
        {},
        "Progetto solido.",
        "Da ricordare in riunione",
        version,
    )
    assert same == version
    assert sheets.save_private_note(committee, call_2024, ANNA, "D001", "Altro") == version
    assert sheets.open_sheet(committee, call_2024, ANNA, "D001").private_note == "Altro"


def test_the_private_note_text_never_reaches_the_audit_log(committee, call_2024):
    secret = "Il capofila è il cugino del vicino: attenzione"
    sheets.save_draft(
        committee, call_2024, ANNA, "D001", {"alleanza": Decimal(3)}, {}, "", secret, 0
    )
    sheets.save_private_note(committee, call_2024, ANNA, "D001", secret + " (rivisto)")
    view = sheets.open_sheet(committee, call_2024, ANNA, "D001")
    assert view.private_note == secret + " (rivisto)"
    assert view.version == 1  # a note is not part of the sheet's content
    with committee.session() as session:
        logged = [(e.old, e.new, e.entity_key) for e in session.scalars(select(AuditEntry))]
        assert session.scalar(select(func.count()).select_from(PrivateNote)) == 1
    assert [e.action for e in audit_entries(committee)] == [
        "save_draft",
        "private_note",
        "private_note",
    ]
    assert all("cugino" not in text for entry in logged for text in entry)
    # Another member never sees it.
    assert sheets.open_sheet(committee, call_2024, BRUNO, "D001").private_note == ""


# --------------------------------------------------------------------------- reopening


def test_the_secretariat_reopens_with_a_reason(committee, call_2024, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_USER", "segreteria.bando")
    version = submit(committee, call_2024, ANNA, "D001")
    with pytest.raises(SheetProblem, match="serve una motivazione"):
        sheets.reopen_sheet(committee, call_2024, ANNA, "D001", "   ")
    with pytest.raises(SheetProblem, match="solo la segreteria"):
        sheets.reopen_sheet(committee, call_2024, ANNA, "D001", "Errore", user=ANNA)
    with pytest.raises(SheetProblem, match="solo la segreteria"):
        sheets.reopen_sheet(committee, call_2024, ANNA, "D001", "Errore", user=BRUNO.upper())
    with pytest.raises(SheetProblem, match="non è inviata"):
        sheets.reopen_sheet(committee, call_2024, BRUNO, "D001", "Errore")
    reopened = sheets.reopen_sheet(
        committee, call_2024, ANNA, "D001", "Punteggio di impatto trascritto male"
    )
    assert reopened == version + 1
    view = sheets.open_sheet(committee, call_2024, ANNA, "D001")
    assert (view.status, view.submitted_at) == ("draft", None)
    assert view.reopened_reason == "Punteggio di impatto trascritto male"
    entry = audit_entries(committee)[-1]
    assert (entry.action, entry.actor) == ("reopen", "segreteria.bando")
    assert json.loads(entry.new)["reason"] == "Punteggio di impatto trascritto male"
    assert json.loads(entry.old)["status"] == "submitted"
    # The secretary member may reopen too; and the sheet can be edited again.
    submit(committee, call_2024, ANNA, "D001", value=12)
    sheets.reopen_sheet(committee, call_2024, ANNA, "D001", "Ancora", user=SECRETARY)


# --------------------------------------------------------------------------- blind phase


def test_others_totals_only_after_submitting_in_the_blind_phase(committee, call_2024):
    assert call_2024.evaluation.blind
    submit(committee, call_2024, ANNA, "D001", value=10)  # total 50
    bruno = sheets.open_sheet(committee, call_2024, BRUNO, "D001")
    assert not bruno.others_visible and bruno.others_totals == ()
    sheets.save_draft(committee, call_2024, BRUNO, "D001", all_scores(call_2024, 12), {}, "X.")
    assert not sheets.open_sheet(committee, call_2024, BRUNO, "D001").others_visible
    sheets.submit_sheet(committee, call_2024, BRUNO, "D001")
    bruno = sheets.open_sheet(committee, call_2024, BRUNO, "D001")
    assert bruno.others_visible and bruno.others_totals == ((ANNA, Decimal(50)),)
    # Carla's draft is not shown; once she submits, the others see her total.
    sheets.save_draft(committee, call_2024, CARLA, "D001", all_scores(call_2024, 4), {}, "")
    assert sheets.open_sheet(committee, call_2024, ANNA, "D001").others_totals == (
        (BRUNO, Decimal(60)),
    )


def test_without_the_blind_phase_others_are_visible_at_once(committee, call_2024):
    open_call = dataclasses.replace(
        call_2024, evaluation=dataclasses.replace(call_2024.evaluation, blind=False)
    )
    submit(committee, open_call, ANNA, "D002", value=8)
    bruno = sheets.open_sheet(committee, open_call, BRUNO, "D002")
    assert bruno.others_visible and bruno.others_totals == ((ANNA, Decimal(40)),)


def test_a_member_in_conflict_neither_sees_nor_is_seen(committee, call_2024):
    open_call = dataclasses.replace(
        call_2024, evaluation=dataclasses.replace(call_2024.evaluation, blind=False)
    )
    submit(committee, open_call, CARLA, "D003", value=20 // 2)
    submit(committee, open_call, ANNA, "D003", value=6)
    # A conflict confirmed after Carla submitted: her sheet stays, unseen.
    add_conflict(committee, open_call, CARLA, "D003")
    assert sheets.open_sheet(committee, open_call, BRUNO, "D003").others_totals == (
        (ANNA, Decimal(30)),
    )
    with pytest.raises(SheetProblem, match="conflitto"):
        sheets.open_sheet(committee, open_call, CARLA, "D003")
    assert "D003" not in [row.code for row in sheets.member_sheets(committee, open_call, CARLA)]


# --------------------------------------------------------------------------- navigation


def test_next_unscored_and_progress(committee, call_2024):
    assert sheets.progress(committee, call_2024, ANNA) == (0, 4)
    assert sheets.next_unscored(committee, call_2024, ANNA) == "D001"
    submit(committee, call_2024, ANNA, "D002")
    sheets.save_draft(committee, call_2024, ANNA, "D003", {"alleanza": Decimal(1)}, {}, "")
    assert sheets.next_unscored(committee, call_2024, ANNA, after_code="D001") == "D003"
    assert sheets.next_unscored(committee, call_2024, ANNA, after_code="D004") == "D001"
    assert sheets.progress(committee, call_2024, ANNA) == (1, 4)
    rows = sheets.member_sheets(committee, call_2024, ANNA)
    assert [(r.code, r.status) for r in rows] == [
        ("D001", ""),
        ("D002", "submitted"),
        ("D003", "draft"),
        ("D004", ""),
    ]
    assert rows[1].total == 50
    for code in ("D001", "D003", "D004"):
        submit(committee, call_2024, ANNA, code)
    assert sheets.next_unscored(committee, call_2024, ANNA, after_code="D002") is None
    assert sheets.progress(committee, call_2024, ANNA) == (4, 4)
    add_conflict(committee, call_2024, ANNA, "D004")
    assert sheets.progress(committee, call_2024, ANNA) == (3, 3)


def test_an_ordinary_database_is_not_a_kit_workspace(committee):
    assert sheets.workspace_member(committee) is None


# --------------------------------------------------------------------------- properties


@given(st.decimals(min_value=-5, max_value=30, places=2, allow_nan=False, allow_infinity=False))
def test_a_score_is_kept_exactly_or_refused(call_2024, value):
    """Whatever is typed: a score within 0–max on the step is stored as exact
    hundredths and read back equal; anything else is refused by name."""
    criterion = call_2024.grid.criteria[1]  # alleanza: 0–20, step 1
    try:
        content = sheets._content_from_form(call_2024, {criterion.id: value}, {}, "", "draft")
    except SheetProblem as refused:
        assert f"«{criterion.name}»" in refused.it
        assert not (0 <= value <= criterion.max and value % criterion.step == 0)
        return
    assert 0 <= value <= criterion.max and value % criterion.step == 0
    assert sheets.scores_of(content) == {criterion.id: value}
