"""The kit-return conflict dialog on a real round trip: a kit exported from the demo
database, opened as a workspace, scored offline, while the secretariat changed the
same sheets centrally; the return's conflicts are shown side by side and nothing
is applied until every sheet has an explicit choice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QTableWidget

from desktop.kits import export_kit, export_return, import_return, open_kit
from desktop.services import committee, sheets
from desktop.ui.evaluation.kit_conflicts_dialog import KitConflictsDialog

LEFT = Qt.MouseButton.LeftButton
MEMBER = "Giulia Sala"


def scores(call, value: int) -> dict[str, Decimal]:
    return {c.id: Decimal(value) for c in call.grid.criteria}


@pytest.fixture
def conflicted_return(tmp_path, database, call):
    """(result of the first import, path of the return, the two codes in conflict)."""
    committee.load_demo_committee(database, call)
    committee.assign_evaluators(database, call)
    codes = [row.code for row in sheets.member_sheets(database, call, MEMBER)][:3]
    first, second, third = codes
    for code in (first, second):
        sheets.save_draft(database, call, MEMBER, code, scores(call, 10), {}, "Prima stesura.")
    kit = tmp_path / "kit.zip"
    export_kit(database, call, MEMBER, kit)

    workspace = open_kit(kit, workspace_dir=tmp_path / "workspace")
    try:
        for code in (first, second, third):
            sheets.save_draft(
                workspace,
                call,
                MEMBER,
                code,
                scores(call, 12),
                {"alleanza": "Alleanza ampia"},
                "Valutata offline.",
            )
        sheets.submit_sheet(workspace, call, MEMBER, first)
        returned = tmp_path / "ritorno.zip"
        export_return(workspace, returned)
    finally:
        workspace.close()

    # Meanwhile the same two sheets change centrally.
    for code in (first, second):
        version = sheets.open_sheet(database, call, MEMBER, code).version
        sheets.save_draft(
            database,
            call,
            MEMBER,
            code,
            scores(call, 5),
            {},
            "Rivista in segreteria.",
            expected_version=version,
        )
    result = import_return(database, call, returned)
    return result, returned, (first, second, third)


@pytest.fixture
def dialog(qtbot, conflicted_return, call):
    result, _path, _codes = conflicted_return
    widget = KitConflictsDialog(
        result.conflicts, call, blocked=result.blocked, member_name=result.member
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_nothing_is_applied_while_conflicts_wait(conflicted_return, database, call):
    result, _path, (first, second, third) = conflicted_return
    assert result.needs_choices
    assert sorted(c.code for c in result.conflicts) == [first, second]
    for code in (first, second, third):
        assert sheets.open_sheet(database, call, MEMBER, code).motivation != "Valutata offline."


def test_both_sides_are_shown_side_by_side(dialog, conflicted_return, call):
    _result, _path, (first, _second, _third) = conflicted_return
    box = next(b for b in dialog.findChildren(QGroupBox) if b.title().startswith(first))
    table = box.findChild(QTableWidget)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Criterion",
        "Central score",
        "Central comment",
        "Returned score",
        "Returned comment",
    ]
    rows = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)]
        for r in range(table.rowCount())
    }
    first_criterion = call.grid.criteria[0].name
    # What differs is marked with a sign, not only in bold.
    assert rows["≠ " + first_criterion][0::2] == ["5", "12"]
    assert rows["≠ Solidità dell'alleanza"] == ["5", "", "12", "Alleanza ampia"]
    assert rows["Total"][0::2] == ["25", "60"]
    assert rows["Motivation"] == ["", "Rivista in segreteria.", "", "Valutata offline."]
    # Sheet states are the vocabulary's, in the dialog's language (Italian here).
    assert rows["Status"][0] == "bozza" and rows["Status"][2] == "inviata"
    assert dialog.pending_label.text() == "2 sheets still need a choice."


def test_ok_only_when_every_sheet_has_a_choice(dialog, qtbot, conflicted_return, database, call):
    _result, path, (first, second, third) = conflicted_return
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.returned_buttons[first], LEFT)
    assert not dialog.ok_button.isEnabled()
    # Enter does not apply a half-chosen return.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.central_buttons[second].setFocus()
    qtbot.keyClick(dialog.central_buttons[second], Qt.Key.Key_Space)
    assert dialog.ok_button.isEnabled()
    assert dialog.pending_label.text() == "Every sheet has a choice."
    assert dialog.choices() == {first: "returned", second: "central"}
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()

    applied = import_return(database, call, path, choices=dialog.choices())
    assert applied.applied
    taken = sheets.open_sheet(database, call, MEMBER, first)
    assert (taken.status, taken.motivation) == ("submitted", "Valutata offline.")
    assert sheets.open_sheet(database, call, MEMBER, second).motivation == "Rivista in segreteria."
    assert sheets.open_sheet(database, call, MEMBER, third).motivation == "Valutata offline."


def test_all_shortcuts_choose_every_sheet(dialog, qtbot, conflicted_return):
    _result, _path, (first, second, _third) = conflicted_return
    qtbot.mouseClick(dialog.take_all_returned, LEFT)
    assert dialog.choices() == {first: "returned", second: "returned"}
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.keep_all_central, LEFT)
    assert dialog.choices() == {first: "central", second: "central"}


def test_a_sheet_no_longer_applicable_must_be_acknowledged(
    qtbot, conflicted_return, database, call
):
    _result, path, (first, second, third) = conflicted_return
    committee.declare_conflict(database, call, MEMBER, third, "Parente del capofila")
    again = import_return(database, call, path)
    assert [b.code for b in again.blocked] == [third]
    dialog = KitConflictsDialog(again.conflicts, call, blocked=again.blocked, language="en")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.take_all_returned, LEFT)
    # The blocked sheet can only keep the central side.
    assert dialog.choices() == {first: "returned", second: "returned", third: "central"}
    assert third not in dialog.returned_buttons
    applied = import_return(database, call, path, choices=dialog.choices())
    assert applied.applied


# --- through the main window's Evaluation menu ---


def answer_modal(qtbot, handler) -> dict:
    """Runs `handler(dialog)` once the next modal dialog is open (exec() blocks until
    it closes). A failing handler rejects the dialog, so nothing hangs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    outcome = {}

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        try:
            handler(dialog)
            outcome["done"] = True
        except BaseException as error:
            outcome["error"] = error
            dialog.reject()

    QTimer.singleShot(0, attempt)
    return outcome


def test_the_evaluation_menu_is_added_to_the_main_window(window):
    actions = window.part("evaluation")  # the main window installs it
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [
        "&File",
        "&Edit",
        "&View",
        "E&valuation",
        "Ca&mpaigns",
        "&Letters",
        "&Meeting",
        "&Tools",
        "&Help",
    ]
    texts = [a.text() for a in actions.menu.actions() if a.isVisible() and a.text()]
    assert texts == [
        "&Score Sheets…",
        "&Committee and Assignment…",
        "&Ranking…",
        "Export &Kit…",
        "Import Kit Re&turn…",
        "Import Scores from &CSV…",
        "&Open a Kit…",
    ]
    actions.committee_action.trigger()
    committee = window.view("committee")
    actions.committee_action.trigger()  # the same tab, shown again
    assert window.view("committee") is committee
    assert window.views.currentWidget() is committee
    assert [window.views.tabText(i) for i in range(window.views.count())] == [
        "Applications",
        "Committee and Assignment",
    ]
    window.close_view("committee")
    assert window.view("committee") is None
    assert window.views.count() == 1


def test_importing_a_return_from_the_menu_asks_for_every_choice(
    window, qtbot, conflicted_return, database, call
):
    _result, path, (first, second, third) = conflicted_return
    actions = window.part("evaluation")
    actions._open_path = lambda *_args: path
    seen = {}

    def answer(dialog):
        seen["ok before"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.take_all_returned, LEFT)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answered = answer_modal(qtbot, answer)
    actions.import_return_action.trigger()
    assert answered.get("done"), answered.get("error")
    assert seen == {"ok before": False}
    assert window.statusBar().currentMessage() == (
        f"Return of {MEMBER} imported: 3 sheets updated, 0 unchanged, 0 kept as they were here."
    )
    for code in (first, second, third):
        assert sheets.open_sheet(database, call, MEMBER, code).motivation == "Valutata offline."
    # The same return again: nothing changes, and the window says so.
    actions.import_return_action.trigger()
    assert window.statusBar().currentMessage() == (
        f"This return of {MEMBER} was already imported: nothing changed."
    )


def test_a_tampered_return_is_refused_in_the_banner(window, tmp_path, conflicted_return):
    _result, path, _codes = conflicted_return
    damaged = tmp_path / "rovinato.zip"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    actions = window.part("evaluation")
    actions.import_kit_return(damaged)
    assert window.banner.isVisible()
    assert window.banner.message.text().startswith("The return was not imported. ")


def test_closing_the_window_while_a_return_is_read_opens_no_dialog(
    qtbot, conflicted_return, database, call, settings, monkeypatch
):
    """With real threads: the window goes while the return is read; the choices
    dialog never opens on it, and nothing reaches the crash dialog."""
    import sys
    import threading

    import desktop.kits
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations

    crashes = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: crashes.append(error))
    entered, release = threading.Event(), threading.Event()
    original = desktop.kits.import_return

    def held(*args, **kwargs):
        entered.set()
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(desktop.kits, "import_return", held)
    _result, path, _codes = conflicted_return
    ops = Operations()
    try:
        window = MainWindow(database, call, ops, settings)
        window.show()
        window.part("evaluation").import_kit_return(path)
        assert entered.wait(10)
        window.close()
        window.deleteLater()
        qtbot.wait(100)
        release.set()
        qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
        qtbot.wait(100)
        assert QApplication.activeModalWidget() is None
        assert crashes == []
    finally:
        ops.shutdown()
