"""The committee view on a real SQLite file with the demo's 40 applications and the
demo committee (5 members, links that the detection matches through partners):
assigning by button, by context menu and by keyboard, confirming and dismissing
conflicts, adding evaluators and links."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Assignment, CommitteeMember, Conflict
from desktop.services import committee
from desktop.ui.evaluation.committee_view import FIXED_COLUMNS, CommitteeView

LEFT = Qt.MouseButton.LeftButton
ADMISSIBLE = 27  # demo applications with eligibility "pass"
EVALUATORS = ["Laura Bianchi", "Elena Ricci", "Giulia Sala", "Paolo Villa"]  # not the secretary


@pytest.fixture
def view(qtbot, database, call, ops):
    committee.load_demo_committee(database, call)
    widget = CommitteeView(database, call, ops)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell_text(view, member: str, code: str) -> str:
    index = view.model.index(view.model.row_of(code), view.model.column_of(member))
    return index.data()


def assigned_pairs(database) -> set[tuple[str, str]]:
    from db.models import Application

    with database.session() as session:
        rows = session.execute(
            select(CommitteeMember.name, Application.code, Assignment.source)
            .join(Assignment, Assignment.member_id == CommitteeMember.id)
            .join(Application, Application.id == Assignment.application_id)
        ).all()
    return {(name, code) for name, code, _source in rows}


def conflict_rows(view) -> list[tuple[str, str, str]]:
    table = view.conflicts_table
    return [
        (table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    ]


def test_the_matrix_lists_admissible_applications_and_the_evaluators(view):
    assert view.model.rowCount() == ADMISSIBLE
    members = [view.model.member_at(c).name for c in range(FIXED_COLUMNS, view.model.columnCount())]
    assert set(EVALUATORS) <= set(members)
    # Nobody assigned yet: every application says it is short, in words.
    assert view.model.index(0, 2).data() == "⚠ 0 of 3"
    assert cell_text(view, "Giulia Sala", "CC24-001") == ""


def test_assign_automatically_fills_every_application_and_balances_the_load(view, qtbot, database):
    qtbot.mouseClick(view.assign_button, LEFT)
    assert view.message.text() == f"{ADMISSIBLE * 3} assignments created."
    pairs = assigned_pairs(database)
    assert len(pairs) == ADMISSIBLE * 3
    per_code = Counter(code for _name, code in pairs)
    assert set(per_code.values()) == {3}
    loads = Counter(name for name, _code in pairs)
    assert set(loads) == set(EVALUATORS)  # the secretary scores nothing
    assert max(loads.values()) - min(loads.values()) <= 1
    # The window says the same: each row "3 of 3", each header "0 of load".
    assert {view.model.index(r, 2).data() for r in range(view.model.rowCount())} == {"3 of 3"}
    for name, load in loads.items():
        column = view.model.column_of(name)
        assert view.model.headerData(column, Qt.Orientation.Horizontal) == f"{name}\n0 of {load}"
    members = view.members_table
    shown = {
        members.item(r, 0).text(): members.item(r, 5).text() for r in range(members.rowCount())
    }
    assert shown["Elena Ricci"] == f"0 of {loads['Elena Ricci']}"
    # Pressing it again keeps everything as it is.
    qtbot.mouseClick(view.assign_button, LEFT)
    assert view.message.text() == "0 assignments created."
    assert assigned_pairs(database) == pairs


def test_assign_and_unassign_from_the_context_menu_and_the_keyboard(view, qtbot, database):
    menus = []

    def pick(menu, _where):
        menus.append([a.text() for a in menu.actions() if a.text()])
        assign = next(a for a in menu.actions() if a.text() == "&Assign")
        assert assign.isEnabled()
        assign.trigger()

    view._show_menu = pick
    assert view.select_cell("Giulia Sala", "CC24-003")
    index = view.matrix_view.currentIndex()
    view.matrix_view.customContextMenuRequested.emit(view.matrix_view.visualRect(index).center())
    assert menus == [["&Assign", "&Unassign", "&Declare Conflict…"]]
    assert cell_text(view, "Giulia Sala", "CC24-003") == "○ assigned"
    assert ("Giulia Sala", "CC24-003") in assigned_pairs(database)
    assert view.message.text() == "Giulia Sala assigned to CC24-003."

    # The keyboard: Delete unassigns the current cell, Insert assigns it again.
    view.matrix_view.setFocus()
    assert view.select_cell("Giulia Sala", "CC24-003")
    qtbot.keyClick(view.matrix_view, Qt.Key.Key_Delete)
    assert cell_text(view, "Giulia Sala", "CC24-003") == ""
    assert ("Giulia Sala", "CC24-003") not in assigned_pairs(database)
    qtbot.keyClick(view.matrix_view, Qt.Key.Key_Right)
    qtbot.keyClick(view.matrix_view, Qt.Key.Key_Insert)
    right = view.model.member_at(view.model.column_of("Giulia Sala") + 1).name
    assert (right, "CC24-003") in assigned_pairs(database)
    assert cell_text(view, right, "CC24-003") == "○ assigned"


def test_detected_conflict_confirmed_blocks_the_pair(view, qtbot, database):
    qtbot.mouseClick(view.assign_button, LEFT)
    before = assigned_pairs(database)
    qtbot.mouseClick(view.detect_button, LEFT)
    assert view.message.text() == "Detection: 5 new conflicts proposed, 0 already known."
    # Found through a partner of the aggregation, not only the lead.
    assert ("Giulia Sala", "CC24-001", "? proposed") in conflict_rows(view)
    assert "partner 2" in view.conflicts_table.item(0, 4).text()
    assert cell_text(view, "Giulia Sala", "CC24-001") == "? conflict?"

    assert view.select_conflict("Giulia Sala", "CC24-001")
    assert view.confirm_button.isEnabled()
    qtbot.mouseClick(view.confirm_button, LEFT)
    assert view.message.text() == "Conflict confirmed: Giulia Sala will not evaluate CC24-001."
    assert cell_text(view, "Giulia Sala", "CC24-001") == "✗ conflict"
    if ("Giulia Sala", "CC24-001") in before:
        assert ("Giulia Sala", "CC24-001") not in assigned_pairs(database)
    with database.session() as session:
        statuses = set(session.scalars(select(Conflict.status)))
    assert "confirmed" in statuses

    # A conflicted cell cannot be assigned from the window.
    assert view.select_cell("Giulia Sala", "CC24-001")
    assert not view.assign_action.isEnabled()
    view.matrix_view.setFocus()
    qtbot.keyClick(view.matrix_view, Qt.Key.Key_Insert)
    assert ("Giulia Sala", "CC24-001") not in assigned_pairs(database)


def test_dismissing_needs_a_note_and_lets_the_pair_be_assigned(view, qtbot, database):
    qtbot.mouseClick(view.detect_button, LEFT)
    answers = iter(["   ", "Ha lasciato il consiglio nel 2022"])
    view._ask_text = lambda _title, _label: next(answers)
    assert view.select_conflict("Elena Ricci", "CC24-039")
    qtbot.mouseClick(view.dismiss_button, LEFT)
    assert view.message.text() == "Not dismissed: a note is required."
    assert ("Elena Ricci", "CC24-039", "? proposed") in conflict_rows(view)
    qtbot.mouseClick(view.dismiss_button, LEFT)
    assert view.message.text() == "Conflict dismissed: Elena Ricci may evaluate CC24-039."
    # The list shows the proposals still to decide; "All conflicts" shows it dismissed.
    assert ("Elena Ricci", "CC24-039") not in [row[:2] for row in conflict_rows(view)]
    view.conflict_filter.setCurrentIndex(view.conflict_filter.findData(None))
    assert ("Elena Ricci", "CC24-039", "– dismissed") in conflict_rows(view)
    assert cell_text(view, "Elena Ricci", "CC24-039") == ""
    view.select_cell("Elena Ricci", "CC24-039")
    assert view.assign_action.isEnabled()
    view.assign_action.trigger()
    assert ("Elena Ricci", "CC24-039") in assigned_pairs(database)


def test_declaring_a_conflict_by_hand(view, qtbot, database):
    view.select_cell("Laura Bianchi", "CC24-005")
    view.assign_action.trigger()
    view._ask_declaration = lambda member, code: (member, code, "Socia del capofila")
    view.declare_action.trigger()
    assert view.message.text() == "Conflict declared: Laura Bianchi will not evaluate CC24-005."
    assert cell_text(view, "Laura Bianchi", "CC24-005") == "✗ conflict"
    assert ("Laura Bianchi", "CC24-005") not in assigned_pairs(database)
    assert ("Laura Bianchi", "CC24-005", "✗ confirmed") in conflict_rows(view)
    assert view.conflicts_box.title() == "Conflicts of interest (0 to decide)"


def test_declare_dialog_needs_a_reason(view, qtbot):
    from desktop.ui.evaluation.committee_view import DeclareConflictDialog

    dialog = DeclareConflictDialog(view.model.members, view.model.applications, view)
    qtbot.addWidget(dialog)
    dialog.preset("Paolo Villa", "CC24-010")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box, "  ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box, "Consulente del capofila")
    assert dialog.ok_button.isEnabled()
    assert dialog.answer() == ("Paolo Villa", "CC24-010", "Consulente del capofila")


def test_the_evaluators_dialog_adds_a_member_and_a_link(view, qtbot, database, call, ops):
    from desktop.ui.evaluation.committee_view import EvaluatorsDialog

    dialog = EvaluatorsDialog(database, call, ops, view)
    qtbot.addWidget(dialog)
    assert dialog.members_table.rowCount() == 5
    assert not dialog.add_member_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Chiara Colombo")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("member"))
    qtbot.mouseClick(dialog.add_member_button, LEFT)
    assert dialog.message.text() == "Chiara Colombo added."
    assert dialog.selected_member() == "Chiara Colombo"
    assert not dialog.add_link_button.isEnabled()
    qtbot.keyClicks(dialog.entity_edit, "Osteria Crippa di Samira Crippa")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("family"))
    qtbot.mouseClick(dialog.add_link_button, LEFT)
    assert dialog.links_table.rowCount() == 1
    assert dialog.links_table.item(0, 2).text() == "family tie"  # the vocabulary's word
    # The same name twice is refused, in words, without a crash.
    qtbot.keyClicks(dialog.name_edit, "chiara colombo")
    qtbot.mouseClick(dialog.add_member_button, LEFT)
    assert dialog.message.text().startswith("⚠ ")
    assert "Chiara Colombo" in dialog.message.text()
    # The new link is detected against the lead partner of CC24-001.
    dialog.close()
    view.refresh()
    qtbot.mouseClick(view.detect_button, LEFT)
    assert ("Chiara Colombo", "CC24-001", "? proposed") in conflict_rows(view)
