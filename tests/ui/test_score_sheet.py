"""The evaluator's score sheet on a real SQLite file: the demo's applications, the
demo committee, evaluators assigned by the committee service. Driven from the
keyboard as an evaluator would: typing scores, Tab to the comment, autosave,
Ctrl+Return to submit, Ctrl+Shift+N to the next unscored application."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox

from desktop.services import committee, sheets
from desktop.ui.evaluation.score_sheet import AUTOSAVE_DELAY_MS, ScoreSheetView
from tests.ui.conftest import PATIENCE_MS

LEFT = Qt.MouseButton.LeftButton
MEMBER = "Giulia Sala"
SCORES = ["15", "12", "20", "14", "11"]  # one per criterion of the 2024 grid; total 72


@pytest.fixture
def assigned(database, call):
    committee.load_demo_committee(database, call)
    committee.assign_evaluators(database, call)
    return database


@pytest.fixture
def open_view(qtbot, assigned, call, ops):
    def opener(member: str = MEMBER, **options) -> ScoreSheetView:
        view = ScoreSheetView(assigned, call, ops, member, **options)
        qtbot.addWidget(view)
        view.resize(1200, 900)
        view.show()
        qtbot.waitExposed(view)
        return view

    return opener


@pytest.fixture
def view(open_view):
    return open_view()


def member_codes(database, call, member: str = MEMBER) -> list[str]:
    return [row.code for row in sheets.member_sheets(database, call, member)]


def type_score(qtbot, view, position: int, text: str) -> None:
    box = view.criteria_rows[position].box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def fill(qtbot, view, scores=SCORES, motivation: str = "Progetto solido e ben radicato.") -> None:
    for position, text in enumerate(scores):
        if text is not None:
            type_score(qtbot, view, position, text)
    if motivation:
        view.motivation.setFocus()
        qtbot.keyClicks(view.motivation, motivation)


def wait_saved(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.has_unsaved_changes(), timeout=PATIENCE_MS)


def test_opens_the_first_unscored_application_with_its_header_and_grid(view, assigned, call):
    codes = member_codes(assigned, call)
    assert view.code == codes[0]
    assert view.progress_label.text() == f"0 of {len(codes)} submitted"
    assert view.application_list.count() == len(codes)
    assert view.header_labels["code"].text() == codes[0]
    assert view.header_labels["grant"].text().endswith(" €")
    assert view.header_labels["district"].text().startswith("Municipio ")
    assert [row.criterion.id for row in view.criteria_rows] == [c.id for c in call.grid.criteria]
    first = view.criteria_rows[0]
    assert first.limits.text() == "0 to 20, steps of 1"
    assert first.about.text().startswith("Objectives: 1. Rivitalizzazione commerciale")
    assert "Rivitalizzazione commerciale" in first.box.toolTip()
    assert view.status_label.text().startswith("○ Not scored yet")
    assert view.total_label.text() == "Total: 0 of 100 (0 of 5 criteria scored)"
    # The form says where each text goes.
    captions = [label.text() for label in view.findChildren(QLabel)]
    assert any("may be quoted to the applicant" in text for text in captions)
    assert any("never leaves this computer" in text for text in captions)


def test_typed_scores_update_the_total_and_are_saved_by_themselves(view, qtbot, assigned, call):
    code = view.code
    type_score(qtbot, view, 0, "15")
    assert view.total_label.text() == "Total: 15 of 100 (1 of 5 criteria scored)"
    # Tab goes from the score to its comment.
    qtbot.keyClick(view.criteria_rows[0].box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.criteria_rows[0].comment
    qtbot.keyClicks(view.criteria_rows[0].comment, "Coerente con gli obiettivi 1 e 2")
    qtbot.keyClick(view.criteria_rows[0].comment, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.criteria_rows[1].box
    qtbot.keyClicks(view.criteria_rows[1].box, "12")
    assert view.total_label.text() == "Total: 27 of 100 (2 of 5 criteria scored)"
    assert view.has_unsaved_changes()
    assert view.save_label.text() == "Unsaved changes…"
    # Nothing is written while the evaluator types …
    assert sheets.open_sheet(assigned, call, MEMBER, code).version == 0
    # … and the draft is saved once they pause.
    wait_saved(qtbot, view)
    assert view.save_label.text().startswith("Draft saved at ")
    saved = sheets.open_sheet(assigned, call, MEMBER, code)
    assert saved.status == "draft"
    assert saved.scores == {"coerenza_obiettivi": Decimal(15), "alleanza": Decimal(12)}
    assert saved.comments["coerenza_obiettivi"] == "Coerente con gli obiettivi 1 e 2"
    assert view.status_label.text().startswith("◐ Draft")
    assert view.application_list.currentItem().text().startswith(f"◐ {code} — draft")


def test_a_score_off_the_step_or_above_the_maximum_is_not_accepted(view, qtbot):
    type_score(qtbot, view, 0, "12,5")  # steps of 1
    assert view.criteria_rows[0].box.score() == Decimal(12)
    type_score(qtbot, view, 0, "25")  # maximum 20: the 5 is refused
    assert view.criteria_rows[0].box.score() == Decimal(2)
    type_score(qtbot, view, 2, "25")  # this one goes to 25
    assert view.criteria_rows[2].box.score() == Decimal(25)
    # Emptying a box un-scores the criterion.
    box = view.criteria_rows[0].box
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert box.score() is None


def test_leaving_the_sheet_saves_the_draft_at_once(view, qtbot, assigned, call):
    first = view.code
    type_score(qtbot, view, 0, "9")
    qtbot.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.code != first
    assert sheets.open_sheet(assigned, call, MEMBER, first).scores == {
        "coerenza_obiettivi": Decimal(9)
    }
    qtbot.keyClick(view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.code == first
    assert view.criteria_rows[0].box.score() == Decimal(9)


def test_submit_refuses_a_missing_criterion_then_succeeds(view, qtbot, assigned, call):
    code = view.code
    total = len(member_codes(assigned, call))
    fill(qtbot, view, ["15", "12", None, "14", "11"])
    qtbot.keyClick(view.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    missing = view.criteria_rows[2]
    assert missing.problem.isVisible()
    assert missing.problem.text() == "⚠ Give a score to submit the sheet."
    assert not view.criteria_rows[0].problem.isVisible()
    assert view.submit_problem.text() == "⚠ Not submitted: complete what is marked above."
    assert QApplication.focusWidget() is missing.box  # straight to what is missing
    wait_saved(qtbot, view)
    assert sheets.open_sheet(assigned, call, MEMBER, code).status == "draft"

    qtbot.keyClicks(missing.box, "20")
    assert not missing.problem.isVisible()
    qtbot.keyClick(missing.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = sheets.open_sheet(assigned, call, MEMBER, code)
    assert saved.status == "submitted"
    assert saved.total == Decimal(72)
    assert saved.motivation == "Progetto solido e ben radicato."
    assert view.status_label.text().startswith("● Submitted ")
    assert view.progress_label.text() == f"1 of {total} submitted"
    assert view.criteria_rows[0].box.isReadOnly()
    assert not view.submit_button.isEnabled()
    assert not view.submit_problem.isVisible()


def test_submit_without_motivation_says_so_beside_it(view, qtbot, assigned, call):
    fill(qtbot, view, motivation="")
    qtbot.mouseClick(view.submit_button, LEFT)
    assert view.motivation_problem.text() == "⚠ Write the motivation to submit the sheet."
    assert QApplication.focusWidget() is view.motivation
    assert sheets.open_sheet(assigned, call, MEMBER, view.code).status != "submitted"


def test_next_unscored_skips_submitted_sheets(view, qtbot, assigned, call):
    codes = member_codes(assigned, call)
    fill(qtbot, view)
    qtbot.mouseClick(view.submit_button, LEFT)
    assert view.code == codes[0]
    # Submitting the third one by the service: next unscored from the first goes to
    # the second, then skips the third.
    third = codes[2]
    scores = {c.id: Decimal(10) for c in call.grid.criteria}
    sheets.save_draft(assigned, call, MEMBER, third, scores, {}, "Sufficiente.")
    sheets.submit_sheet(assigned, call, MEMBER, third)
    qtbot.keyClick(
        view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.code == codes[1]
    view.next_unscored_button.click()
    assert view.code == codes[3]


def test_blind_phase_hides_others_totals_until_submitting(open_view, qtbot, assigned, call):
    assert call.evaluation.blind
    code = member_codes(assigned, call)[0]
    matrix = committee.assignment_matrix(assigned, call)
    other = next(
        m.name
        for m in matrix.members
        if m.name != MEMBER and matrix.cell(m.name, code) == "assigned"
    )
    scores = {c.id: Decimal(8) for c in call.grid.criteria}  # total 40
    sheets.save_draft(assigned, call, other, code, scores, {}, "Debole.")
    sheets.submit_sheet(assigned, call, other, code)

    view = open_view()
    assert view.code == code
    assert "40" not in view.others_label.text()
    assert view.others_label.text().startswith("Blind phase:")
    fill(qtbot, view)
    qtbot.mouseClick(view.submit_button, LEFT)
    assert view.others_label.text() == f"{other}: 40"


def test_a_sheet_changed_elsewhere_is_not_overwritten(view, qtbot, assigned, call):
    code = view.code
    type_score(qtbot, view, 0, "15")
    wait_saved(qtbot, view)
    version = view.version
    # Someone else saves the same sheet (another window, a kit return).
    sheets.save_draft(
        assigned,
        call,
        MEMBER,
        code,
        {"coerenza_obiettivi": Decimal(3)},
        {},
        "",
        "",
        expected_version=version,
    )
    type_score(qtbot, view, 1, "12")
    qtbot.waitUntil(view.banner.isVisible, timeout=PATIENCE_MS)
    assert "changed elsewhere" in view.banner.message.text()
    assert view.banner.retry_button.text() == "&Reload"
    kept = sheets.open_sheet(assigned, call, MEMBER, code)
    assert kept.scores == {"coerenza_obiettivi": Decimal(3)}  # theirs, untouched
    # Further typing saves nothing until the evaluator reloads.
    type_score(qtbot, view, 3, "4")
    assert not view.autosave_timer.isActive()  # nothing scheduled, however slow the machine
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert sheets.open_sheet(assigned, call, MEMBER, code).version == kept.version
    qtbot.mouseClick(view.banner.retry_button, LEFT)
    assert not view.banner.isVisible()
    assert view.criteria_rows[0].box.score() == Decimal(3)
    assert view.criteria_rows[1].box.score() is None


def test_private_note_is_kept_apart_and_editable_after_submitting(view, qtbot, assigned, call):
    fill(qtbot, view)
    view.private_note.setFocus()
    qtbot.keyClicks(view.private_note, "Chiedere il preventivo del forno")
    qtbot.mouseClick(view.submit_button, LEFT)
    assert view.private_note.isReadOnly() is False
    view.private_note.setFocus()
    qtbot.keyClick(view.private_note, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.private_note, ", fatto")
    wait_saved(qtbot, view)
    assert view.save_label.text() == "Private note saved."
    saved = sheets.open_sheet(assigned, call, MEMBER, view.code)
    assert saved.private_note == "Chiedere il preventivo del forno, fatto"
    assert saved.status == "submitted"


def test_every_control_has_an_accessible_name(view):
    controls = (
        [edit for edit in view.findChildren(QLineEdit) if not isinstance(edit.parent(), QSpinBox)]
        + view.findChildren(QPlainTextEdit)
        + [row.box for row in view.criteria_rows]
    )
    assert [c for c in controls if not c.accessibleName()] == []
    buttons = view.findChildren(QPushButton)
    assert all(button.text() or button.accessibleName() for button in buttons)
    assert view.criteria_rows[0].box.accessibleName() == (
        "Score: Coerenza con gli obiettivi del bando"
    )


# --- offline: the evaluator's kit workspace ---


@pytest.fixture
def kit(tmp_path, assigned, call):
    from desktop.kits import export_kit

    path = tmp_path / "kit-giulia.zip"
    export_kit(assigned, call, MEMBER, path)
    return path


def test_a_kit_workspace_scores_offline_and_says_whose_kit_it_is(qtbot, kit, tmp_path, call, ops):
    from desktop.kits import open_kit

    workspace = open_kit(kit, workspace_dir=tmp_path / "laptop")
    try:
        view = ScoreSheetView(workspace, call, ops, MEMBER, workspace_member=MEMBER)
        qtbot.addWidget(view)
        view.show()
        assert view.member_label.text() == f"Kit of {MEMBER} (offline workspace)"
        assert view.status_label.text().endswith(f"· kit of {MEMBER}")
        fill(qtbot, view)
        qtbot.mouseClick(view.submit_button, LEFT)
        assert sheets.open_sheet(workspace, call, MEMBER, view.code).status == "submitted"
        # Only the secretariat reopens, and never in a kit.
        assert not view.reopen_button.isVisible()
    finally:
        workspace.close()


def test_opening_a_kit_from_the_menu_opens_its_workspace_and_sheets(
    window, qtbot, kit, call, tmp_path
):
    from desktop.kits import workspace_path

    actions = window.part("evaluation")
    actions.open_kit(kit)
    assert len(actions.extra_windows) == 1
    laptop = actions.extra_windows[0]
    assert laptop.windowTitle().endswith(f"— kit of {MEMBER}")
    kit_actions = laptop.part("evaluation")
    assert kit_actions.workspace_member == MEMBER
    assert not kit_actions.committee_action.isVisible()
    assert not kit_actions.export_kit_action.isVisible()
    assert kit_actions.export_return_action.isVisible()
    # One Evaluation menu in the kit's window.
    titles = [a.text() for a in laptop.menuBar().actions()]
    assert titles.count("E&valuation") == 1
    qtbot.waitUntil(lambda: laptop.view(f"sheets:{MEMBER}") is not None, timeout=PATIENCE_MS)
    view = laptop.view(f"sheets:{MEMBER}")
    assert laptop.views.currentWidget() is view  # a tab of the kit's window
    assert view.workspace_member == MEMBER
    type_score(qtbot, view, 0, "13")
    # The return file: what was typed a moment ago goes in too.
    returned = tmp_path / "ritorno.zip"
    kit_actions._save_path = lambda *_args: returned
    kit_actions.export_return_action.trigger()
    assert returned.exists()
    assert laptop.statusBar().currentMessage().startswith(f"Return file written to {returned}")
    assert str(workspace_path("x").parent) in str(kit_actions.database.engine.url)
    laptop.close_view(f"sheets:{MEMBER}")
    laptop.close()


def test_closing_the_main_window_saves_the_draft_being_typed(window, qtbot, assigned, call):
    actions = window.part("evaluation")
    actions.open_score_sheets(MEMBER)
    view = window.view(f"sheets:{MEMBER}")
    code = view.code
    type_score(qtbot, view, 0, "17")
    assert view.has_unsaved_changes()
    window.close()  # before the autosave delay
    assert sheets.open_sheet(assigned, call, MEMBER, code).scores == {
        "coerenza_obiettivi": Decimal(17)
    }


def test_choosing_whose_sheets_from_the_menu(window, qtbot, assigned):
    actions = window.part("evaluation")
    offered = []

    def choose(_title, _label, names):
        offered.extend(names)
        return "Paolo Villa"

    actions._choose = choose
    actions.score_sheets_action.trigger()
    assert "Giulia Sala" in offered and "Marco Ferrario" in offered
    view = window.view("sheets:Paolo Villa")
    assert view.member_name == "Paolo Villa"
    assert window.views.tabText(window.views.indexOf(view)) == "Score Sheets — Paolo Villa"
    assert window.views.currentWidget() is view
