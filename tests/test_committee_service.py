"""The committee services on SQLite and PostgreSQL, on the demo applications and the
demo committee: conflicts found through every partner, assignment that respects
them, sheets kept or removed as the secretariat expects, and an audit log that
records every change and detects tampering."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from db.models import Assignment, AuditEntry, CommitteeMember, Conflict, ScoreSheet, SheetScore
from desktop.cli import EXIT_OK, EXIT_REJECTED, main
from desktop.domain.assignment import assign
from desktop.importing.service import import_applications
from desktop.services import committee
from desktop.services.committee import CommitteeProblem
from desktop.services.store import NotFound
from tests.conftest import RESOURCES

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"


@pytest.fixture
def demo(database, call_2024):
    import_applications(database, DEMO, call_2024, user="test")
    loaded = committee.load_demo_committee(database, call_2024, user="test")
    assert (loaded.members_added, loaded.links_added) == (5, 7)
    return database


def _admissible(database, call) -> list[str]:
    from db.models import Application

    with database.session() as session:
        return sorted(
            session.scalars(
                select(Application.code).where(
                    Application.call_id == call.id, Application.eligibility == "pass"
                )
            )
        )


def _tuples(result) -> set[tuple]:
    return {tuple(row) for row in result}


def _pairs(database) -> set[tuple[str, str]]:
    from db.models import Application

    with database.session() as session:
        return _tuples(
            session.execute(
                select(CommitteeMember.name, Application.code)
                .join(Assignment, Assignment.member_id == CommitteeMember.id)
                .join(Application, Application.id == Assignment.application_id)
            )
        )


def _sheet(database, call, member: str, code: str, status: str) -> int:
    from db.models import Application

    with database.session() as session, session.begin():
        member_id = session.scalar(select(CommitteeMember.id).where(CommitteeMember.name == member))
        application_id = session.scalar(
            select(Application.id).where(Application.call_id == call.id, Application.code == code)
        )
        now = dt.datetime.now().replace(microsecond=0)
        sheet = ScoreSheet(
            member_id=member_id,
            application_id=application_id,
            status=status,
            motivation="Progetto solido",
            version=2,
            updated_at=now,
            submitted_at=now if status == "submitted" else None,
        )
        sheet.scores = [SheetScore(criterion="qualita", score_hundredths=850, comment="bene")]
        session.add(sheet)
        session.flush()
        return sheet.id


def test_detection_finds_conflicts_through_partners_not_only_the_lead(demo, call_2024):
    found = committee.detect_conflicts(demo, call_2024, user="segreteria")
    pairs = {(row.member, row.code): row for row in found.created}
    assert set(pairs) == {
        ("Giulia Sala", "CC24-001"),
        ("Paolo Villa", "CC24-002"),
        ("Paolo Villa", "CC24-006"),
        ("Elena Ricci", "CC24-007"),
        ("Elena Ricci", "CC24-039"),
    }
    assert all(row.status == "proposed" and row.source == "detected" for row in found.created)
    calicanto = pairs["Giulia Sala", "CC24-001"].reason
    assert calicanto.startswith("partner 2 «Associazione Il Calicanto APS»")
    assert "stesso codice fiscale" in calicanto
    sartoria = pairs["Paolo Villa", "CC24-002"].reason
    assert "partner 3 «Sartoria Pozzi di Ioana Pozzi»" in sartoria
    assert "stessa denominazione" in sartoria
    # "Il Pettirosso Servizi S.r.l." (partner of CC24-002) is not the cooperative.
    assert "Pettirosso" not in sartoria
    assert pairs["Paolo Villa", "CC24-006"].reason.startswith("capofila «Il Pettirosso")
    # "IT 14957160154" on the link, "14957160154" on the application.
    assert "partner 1 «La Madia Milano S.r.l.»" in pairs["Elena Ricci", "CC24-039"].reason
    assert found.already_known == 0 and found.assigned == []


def test_detection_is_idempotent_and_a_dismissed_conflict_stays_dismissed(demo, call_2024):
    first = committee.detect_conflicts(demo, call_2024)
    again = committee.detect_conflicts(demo, call_2024)
    assert (len(again.created), again.already_known) == (0, len(first.created))
    target = next(row for row in first.created if row.code == "CC24-001")
    with pytest.raises(CommitteeProblem, match="nota"):
        committee.dismiss_conflict(demo, target.id, "  ")
    dismissed = committee.dismiss_conflict(demo, target.id, "omonimia, nessun legame")
    assert dismissed.status == "dismissed" and "omonimia" in dismissed.reason
    assert committee.detect_conflicts(demo, call_2024).created == []
    assert [r.id for r in committee.list_conflicts(demo, call_2024, "dismissed")] == [target.id]
    assert len(committee.list_conflicts(demo, call_2024, "proposed")) == len(first.created) - 1
    # Dismissed: it no longer blocks; proposed ones still do.
    assert committee.assign_manually(demo, call_2024, "Giulia Sala", "CC24-001").changed
    with pytest.raises(CommitteeProblem, match="conflitto di interessi proposto"):
        committee.assign_manually(demo, call_2024, "Elena Ricci", "CC24-039")


def test_assignment_respects_conflicts_and_gives_every_admissible_application_n(demo, call_2024):
    committee.detect_conflicts(demo, call_2024)
    blocked = committee.blocked_pairs(demo, call_2024)
    assert len(blocked) == 5
    result = committee.assign_evaluators(demo, call_2024)
    admissible = _admissible(demo, call_2024)
    assert result.applications == len(admissible) == 27
    assert result.per_application == 3 and result.short == {}
    # The secretary takes the minutes: not an automatic evaluator.
    assert result.members == ["Elena Ricci", "Giulia Sala", "Laura Bianchi", "Paolo Villa"]
    pairs = _pairs(demo)
    assert pairs == set(result.created) and not pairs & blocked
    per_code = {code: sum(c == code for _, c in pairs) for code in admissible}
    assert set(per_code.values()) == {3}
    assert max(result.loads.values()) - min(result.loads.values()) <= 1
    # The same inputs through the plain rule give the same pairs, on either backend.
    expected = assign(admissible, result.members, 3, blocked, {}, call_2024.id)
    assert set(result.created) == set(expected.new_pairs())
    # Nothing left to do: a second run changes nothing.
    again = committee.assign_evaluators(demo, call_2024)
    assert again.created == [] and _pairs(demo) == pairs


def test_more_evaluators_than_members_leaves_applications_short_and_says_so(demo, call_2024):
    committee.detect_conflicts(demo, call_2024)
    result = committee.assign_evaluators(demo, call_2024, per_application=4)
    # Four evaluators: only applications without a conflict can have all four.
    assert set(result.short) == {"CC24-001", "CC24-002", "CC24-006", "CC24-007", "CC24-039"}
    assert set(result.short.values()) == {1}
    with pytest.raises(CommitteeProblem, match="da 1 a 50"):
        committee.assign_evaluators(demo, call_2024, per_application=0)


def test_a_declared_conflict_removes_the_assignment_and_the_draft_but_keeps_a_submitted_sheet(
    demo, call_2024
):
    committee.assign_evaluators(demo, call_2024)
    pairs = sorted(_pairs(demo))
    (draft_member, draft_code), (sent_member, sent_code) = pairs[0], pairs[-1]
    _sheet(demo, call_2024, draft_member, draft_code, "draft")
    sent_id = _sheet(demo, call_2024, sent_member, sent_code, "submitted")

    with pytest.raises(CommitteeProblem, match="motivo"):
        committee.declare_conflict(demo, call_2024, draft_member, draft_code, "")
    outcome = committee.declare_conflict(
        demo, call_2024, draft_member, draft_code, "il fratello è socio del capofila", user="seg"
    )
    assert outcome.conflict.status == "confirmed" and outcome.conflict.source == "declared"
    assert outcome.conflict.decided_by == "seg"
    assert (outcome.assignment_removed, outcome.draft_removed) == (True, True)
    assert not outcome.submitted_sheet_kept

    outcome = committee.declare_conflict(demo, call_2024, sent_member, sent_code, "consulente")
    assert outcome.assignment_removed and outcome.submitted_sheet_kept
    assert not outcome.draft_removed
    assert (draft_member, draft_code) not in _pairs(demo)
    assert (sent_member, sent_code) not in _pairs(demo)
    with demo.session() as session:
        statuses = session.scalars(select(ScoreSheet.status)).all()
        assert statuses == ["submitted"] and session.get(ScoreSheet, sent_id) is not None
        deleted = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "sheet", AuditEntry.action == "delete_draft"
            )
        ).one()
    # The deleted draft's scores are in the audit log, not lost.
    assert deleted.entity_key == f"{draft_code}/{draft_member}"
    assert '"score_hundredths":850' in deleted.old

    # Declaring it again changes nothing.
    again = committee.declare_conflict(demo, call_2024, sent_member, sent_code, "consulente")
    assert not again.changed and not again.assignment_removed
    # Re-running the assignment fills the two gaps with someone else.
    refill = committee.assign_evaluators(demo, call_2024)
    assert sorted(code for _, code in refill.created) == sorted([draft_code, sent_code])
    assert not {(draft_member, draft_code), (sent_member, sent_code)} & _pairs(demo)


def test_confirming_a_proposed_conflict_removes_an_earlier_assignment(demo, call_2024):
    committee.assign_evaluators(demo, call_2024)
    found = committee.detect_conflicts(demo, call_2024)
    assert {(r.member, r.code) for r in found.assigned} <= _pairs(demo)
    assert found.assigned, "the demo's conflicts should hit assigned pairs"
    row = found.assigned[0]
    outcome = committee.confirm_conflict(demo, row.id, user="segreteria")
    assert outcome.changed and outcome.assignment_removed
    assert outcome.conflict.status == "confirmed" and outcome.conflict.decided_by == "segreteria"
    assert (row.member, row.code) not in _pairs(demo)
    assert not committee.confirm_conflict(demo, row.id).changed
    with pytest.raises(CommitteeProblem, match="non trovato"):
        committee.confirm_conflict(demo, 987654)


def test_manual_changes_and_their_refusals(demo, call_2024):
    committee.detect_conflicts(demo, call_2024)
    with pytest.raises(CommitteeProblem) as refused:
        committee.assign_manually(demo, call_2024, "Giulia Sala", "CC24-001")
    assert "conflitto di interessi" in refused.value.it and "--dismiss" in refused.value.it
    assert "conflict of interest" in refused.value.en
    with pytest.raises(CommitteeProblem, match="non è ammissibile"):
        committee.assign_manually(demo, call_2024, "Laura Bianchi", "CC24-004")
    with pytest.raises(NotFound, match="non trovato"):
        committee.assign_manually(demo, call_2024, "Nessuno", "CC24-005")
    with pytest.raises(NotFound, match="non trovata"):
        committee.assign_manually(demo, call_2024, "Laura Bianchi", "CC24-999")

    # Names are matched whatever their case.
    assert committee.assign_manually(demo, call_2024, "laura bianchi", "CC24-005").changed
    assert not committee.assign_manually(demo, call_2024, "Laura Bianchi", "CC24-005").changed
    _sheet(demo, call_2024, "Laura Bianchi", "CC24-005", "submitted")
    with pytest.raises(CommitteeProblem, match="riaprirla"):
        committee.unassign(demo, call_2024, "Laura Bianchi", "CC24-005")

    assert committee.assign_manually(demo, call_2024, "Paolo Villa", "CC24-005").changed
    _sheet(demo, call_2024, "Paolo Villa", "CC24-005", "draft")
    change = committee.unassign(demo, call_2024, "Paolo Villa", "CC24-005")
    assert change.changed and change.draft_removed
    assert not committee.unassign(demo, call_2024, "Paolo Villa", "CC24-005").changed

    committee.set_member_active(demo, call_2024, "Paolo Villa", False)
    with pytest.raises(CommitteeProblem, match="non è attivo"):
        committee.assign_manually(demo, call_2024, "Paolo Villa", "CC24-005")
    result = committee.assign_evaluators(demo, call_2024)
    assert "Paolo Villa" not in result.members
    assert all(member != "Paolo Villa" for member, _ in result.created)
    # A manual assignment counts towards N and is kept.
    assert ("Laura Bianchi", "CC24-005") in _pairs(demo)
    assert sum(code == "CC24-005" for _, code in _pairs(demo)) == 3


def test_members_and_links_are_validated(demo, call_2024):
    with pytest.raises(CommitteeProblem, match="già il valutatore «Laura Bianchi»"):
        committee.add_member(demo, call_2024, "  LAURA   bianchi ")
    with pytest.raises(CommitteeProblem, match="ruolo"):
        committee.add_member(demo, call_2024, "Mario Rossi", "president")
    with pytest.raises(CommitteeProblem, match="vuoto"):
        committee.add_member(demo, call_2024, "   ")
    member_id = committee.add_member(demo, call_2024, "Mario  Rossi", "member", "m@example.org")
    assert member_id > 0
    with pytest.raises(CommitteeProblem, match="denominazione"):
        committee.add_link(demo, call_2024, "Mario Rossi", "", "", "board")
    with pytest.raises(CommitteeProblem, match="tipo di legame"):
        committee.add_link(demo, call_2024, "Mario Rossi", "Ente", "", "cousin")
    committee.add_link(demo, call_2024, "Mario Rossi", "", "it 10414810969", "business")
    [link] = committee.list_links(demo, call_2024, "Mario Rossi")
    assert link.tax_code == "10414810969" and link.member == "Mario Rossi"
    found = committee.detect_conflicts(demo, call_2024)
    mario = [row for row in found.created if row.member == "Mario Rossi"]
    assert [(r.code, r.reason.split(" ↔")[0]) for r in mario] == [
        ("CC24-002", "partner 1 «Il Pettirosso Servizi S.r.l.» (CF 10414810969)")
    ]
    rows = committee.list_members(demo, call_2024)
    assert [r.role for r in rows] == ["chair", "member", "member", "member", "member", "secretary"]
    assert next(r for r in rows if r.name == "Mario Rossi").links == 1


def test_the_matrix_shows_states_loads_and_progress(demo, call_2024):
    committee.assign_evaluators(demo, call_2024)
    found = committee.detect_conflicts(demo, call_2024)
    confirmed = found.created[0]
    committee.confirm_conflict(demo, confirmed.id)
    proposed = found.created[1]
    pairs = sorted(_pairs(demo))
    laura = [code for member, code in pairs if member == "Laura Bianchi"]
    _sheet(demo, call_2024, "Laura Bianchi", laura[0], "submitted")
    _sheet(demo, call_2024, "Laura Bianchi", laura[1], "draft")

    matrix = committee.assignment_matrix(demo, call_2024)
    assert [a.code for a in matrix.applications] == _admissible(demo, call_2024)
    assert matrix.cell("Laura Bianchi", laura[0]) == "submitted"
    assert matrix.cell("Laura Bianchi", laura[1]) == "draft"
    assert matrix.cell("Laura Bianchi", laura[2]) == "assigned"
    assert matrix.cell(confirmed.member, confirmed.code) == "conflict"
    assert matrix.cell(proposed.member, proposed.code) == "proposed_conflict"
    assert matrix.cell("Marco Ferrario", laura[0]) == ""
    laura_row = next(m for m in matrix.members if m.name == "Laura Bianchi")
    assert laura_row.progress == f"1 di {len(laura)}" and laura_row.drafts == 1
    members = {row.name: row for row in committee.list_members(demo, call_2024)}
    assert members["Laura Bianchi"].progress == laura_row.progress
    assert sum(row.load for row in members.values()) == len(pairs)


def test_every_change_is_in_the_audit_log_and_it_verifies(demo, call_2024, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_USER", "Segreteria Test")
    committee.add_member(demo, call_2024, "Mario Rossi")
    committee.add_link(demo, call_2024, "Mario Rossi", "Ente X", "", "other")
    committee.detect_conflicts(demo, call_2024)
    committee.assign_evaluators(demo, call_2024)
    committee.declare_conflict(demo, call_2024, "Laura Bianchi", "CC24-005", "socia")
    with demo.session() as session:
        counts = dict(
            tuple(row)
            for row in session.execute(
                select(AuditEntry.entity, func.count()).group_by(AuditEntry.entity)
            )
        )
        assignment_entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "assign_auto").order_by(AuditEntry.id)
        ).first()
        actors = set(session.scalars(select(AuditEntry.actor).where(AuditEntry.entity != "member")))
    # Demo committee (5 + 7, as "test") + 2 members/links + 5 detected + 27 applications
    # assigned + the declaration and the assignment it removed.
    assert counts["member"] == 14
    assert counts["conflict"] == 5 + 1
    assert counts["assignment"] == 27 + 1
    assert actors == {"Segreteria Test"}
    assert '"members":[' in assignment_entry.new and assignment_entry.old.startswith("{")
    count, broken = committee.verify_audit(demo)
    assert broken is None and count == sum(counts.values())


def test_tampering_with_the_audit_log_makes_audit_verify_exit_1_naming_the_entry(
    demo, call_2024, capsys
):
    committee.assign_evaluators(demo, call_2024)
    assert main(["--db", demo.url, "audit", "verify"]) == EXIT_OK
    assert "ok" in capsys.readouterr().out
    with demo.session() as session:
        target = session.scalars(
            select(AuditEntry.id).where(AuditEntry.entity == "assignment").order_by(AuditEntry.id)
        ).all()[3]
    with demo.engine.begin() as connection:
        connection.execute(
            update(AuditEntry)
            .where(AuditEntry.id == target)
            .values(new='{"members":["Qualcun Altro"]}')
        )
    assert main(["--db", demo.url, "audit", "verify"]) == EXIT_REJECTED
    err = capsys.readouterr().err
    assert f"la voce {target} non è valida" in err and "modificata" in err
    _count, broken = committee.verify_audit(demo)
    assert broken.entry_id == target


def test_loading_the_demo_is_all_or_nothing(database, call_2024, tmp_path):
    bad = tmp_path / "commissione.toml"
    bad.write_text(
        '[[members]]\nname = "Anna Neri"\nrole = "chair"\n'
        '[[members]]\nname = "Bruno Blu"\nrole = "member"\n'
        '[[members.links]]\nentity = "Ente"\nkind = "cousin"\n',
        encoding="utf-8",
    )
    with pytest.raises(CommitteeProblem, match="cousin"):
        committee.load_demo_committee(database, call_2024, bad)
    assert committee.list_members(database, call_2024) == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert session.scalar(select(func.count()).select_from(Conflict)) == 0
    loaded = committee.load_demo_committee(database, call_2024)
    again = committee.load_demo_committee(database, call_2024)
    assert (loaded.members_added, again.members_added, again.links_added) == (5, 0, 0)
