"""The secretary's console drives a whole sitting of the demo committee as a user
would (the form, the buttons, the keys): attendance, declarations, the optimised
agenda, members leaving and coming back (the item hidden until they left),
decisions — one against the proposal, confirmed —, closing, the minutes and the
letters; the room view follows through the feed and its clock never queries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from desktop.ui.meeting.console import MeetingConsole

SESSION = "II"  # the demo decided session I already


@pytest.fixture
def demo(database, call):
    from desktop.services.demo import prepare_demo_evaluation

    prepare_demo_evaluation(database, call)
    return database


@pytest.fixture
def console(qtbot, ops, demo, call):
    view = MeetingConsole(ops, demo, call)
    qtbot.addWidget(view)
    view.resize(1280, 900)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.loaded)
    return view


def press(view, keys: str) -> None:
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(keys)[0]
    view.activateWindow()
    view.setFocus()
    QTest.keyClick(view.focusWidget() or view, sequence.key(), sequence.keyboardModifiers())


def open_sitting(console) -> None:
    assert console.opening.isVisible()
    names = [console.attendance.item(row, 0).text() for row in range(console.attendance.rowCount())]
    assert "Laura Bianchi" in names
    console.session_combo.setCurrentIndex(console.session_combo.findData(SESSION))
    console.date_edit.setText("12/03/2025")
    console.place_edit.setText("Sala Giunta, Palazzo Marino")
    console.open_button.click()
    assert console.running.isVisible(), console.banner.message.text()


def declare_all(console, conflicts: dict[str, tuple[str, str]]) -> None:
    for row in range(console.declare_member.count()):
        console.declare_member.setCurrentIndex(row)
        name = console.declare_member.currentText()
        if name in conflicts:
            console.declare_codes.setText(conflicts[name][0])
            console.declare_reason.setText(conflicts[name][1])
            console.conflict_button.click()
        else:
            console.no_conflict_button.click()
        assert console.banner.kind == "info", console.banner.message.text()


def current_code(console) -> str | None:
    return console.state.current.code if console.state and console.state.current else None


def decide(console, outcome: str, reasons: str, votes=None) -> None:
    getattr(console, f"{outcome}_radio").setChecked(True)
    console.reasons_edit.setPlainText(reasons)
    console.unanimous_check.setChecked(votes is None)
    if votes is not None:
        for (_label, spin), value in zip(console.votes.values(), votes, strict=True):
            spin.setValue(value)
    console.decide_button.click()


def test_a_whole_sitting_from_the_console(qtbot, console, demo, call, tmp_path, monkeypatch):
    from desktop.services import meeting
    from desktop.services.ranking import load_ranking

    open_sitting(console)
    assert "Sitting no. 1 of session II, 12/03/2025, Sala Giunta" in console.sitting_label.text()

    # Declarations: Giulia Sala on two items the ranking puts apart.
    declare_all(
        console, {"Giulia Sala": ("CC24-030, CC24-034", "socia dell'associazione capofila")}
    )
    text = console.declarations_label.text()
    assert "Giulia Sala: conflict on CC24-030" in text and "Laura Bianchi: no conflict" in text
    assert "Not declared yet" not in text

    # The agenda: ranking order, then the optimised order saving exits.
    assert console.codes()[:3] == ["CC24-030", "CC24-026", "CC24-034"]
    before = meeting.agenda(demo, call).exits_current
    console.optimise_button.click()
    assert "exits saved" in console.exits_label.text()
    proposal = console.proposed
    assert proposal.saving >= 1 and proposal.exits_before == before
    assert console.apply_button.isVisible()
    console.apply_button.click()
    assert console.codes() == [item.code for item in proposal.items]
    assert meeting.agenda(demo, call).exits_current == proposal.exits_after
    order = console.codes()
    assert abs(order.index("CC24-030") - order.index("CC24-034")) == 1  # grouped

    # Reordering by keyboard: Alt+Down moves the selected item, and back.
    console.agenda_list.setCurrentRow(len(order) - 2)
    console.agenda_list.setFocus()
    QTest.keyClick(console.agenda_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert console.codes()[-1] == order[-2]
    assert [i.code for i in meeting.agenda(demo, call).items][-1] == order[-2]
    QTest.keyClick(console.agenda_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert console.codes() == order

    # First of Sala's items: she must leave; the item stays hidden until confirmed.
    first = min(order.index("CC24-030"), order.index("CC24-034"))
    console.agenda_list.setCurrentRow(first)
    press(console, "F6")
    code = order[first]
    assert current_code(console) == code
    assert "Must leave: Giulia Sala" in console.movement_label.text()
    assert console.confirm_button.isVisible()
    assert "shown once the members above have left" in console.item_label.text()
    title = next(i.title for i in proposal.items if i.code == code)
    assert title not in console.item_label.text()
    press(console, "F7")
    assert console.state.cleared
    assert title in console.item_label.text()
    assert not console.confirm_button.isVisible()

    # Timer paused and resumed by F9; notes by Ctrl+S.
    running = console.state.timer_running
    press(console, "F9")
    assert console.state.timer_running is not running
    press(console, "F9")
    assert console.state.timer_running is running
    console.notes_edit.setPlainText("Discussione breve: progetto solido, piano economico chiaro.")
    press(console, "Ctrl+S")
    assert console.banner.message.text() == "Notes saved."

    # Decided as proposed (fundable: admitted), unanimously.
    decide(console, "admitted", "Progetto coerente con gli obiettivi del bando.")
    assert console.banner.kind == "info", console.banner.message.text()

    # The next item (Sala's other one): she is still out, nobody moves.
    press(console, "F8")
    second = order[first + 1]
    assert current_code(console) == second
    assert console.state.cleared
    # Against the proposal (fundable → not admitted): asked, with the effect.
    asked = []
    monkeypatch.setattr(console, "confirm_departure", lambda text: asked.append(text) or True)
    decide(
        console,
        "not_admitted",
        "La commissione ritiene il piano economico non sostenibile.",
        votes=(2, 1, 0),
    )
    assert len(asked) == 1, console.banner.message.text()
    assert "funding line" in asked[0] and "--confirm" not in asked[0]
    assert console.banner.kind == "info", console.banner.message.text()

    # The next item: Sala may come back in.
    press(console, "F8")
    assert current_code(console) == order[first + 2], (console.banner.message.text(), order)
    assert "May come back in: Giulia Sala" in console.movement_label.text(), (
        console.item,
        console.state,
    )
    assert console.state.cleared

    # Elena Ricci's item: she leaves, confirmed, decided, and comes back after it.
    console.agenda_list.setCurrentRow(console.codes().index("CC24-039"))
    press(console, "F6")
    assert "Must leave: Elena Ricci" in console.movement_label.text()
    assert "Ticinese" not in console.item_label.text()
    console.confirm_button.click()
    assert "Ticinese" in console.item_label.text()
    decide(console, "deferred", "Valutazione incompleta: si rinvia alla prossima seduta.")
    press(console, "F8")
    assert "May come back in: Elena Ricci" in console.movement_label.text()

    # The decisions are in the ranking.
    decisions = {
        e.code: e.decision and e.decision.decision
        for e in load_ranking(demo, call, SESSION).entries
    }
    assert decisions[code] == "admitted"
    assert decisions[second] == "not_admitted"
    assert sorted(console.decided_codes()) == sorted([code, second])

    # Close, the minutes, the letters of the decided applications.
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.question",
        lambda *_args, **_kwargs: (
            __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes
        ),
    )
    console.close_button.click()
    assert "Closed." in console.sitting_label.text() or console.opening.isVisible()

    minutes = tmp_path / "verbale.pdf"
    console.ask_minutes(minutes)
    assert minutes.exists() and minutes.read_bytes()[:5] == b"%PDF-"
    letters = tmp_path / "lettere"
    letters.mkdir()
    console.ask_letters(letters)
    assert console.banner.kind == "info", console.banner.message.text()
    assert "letters written" in console.banner.message.text()
    assert list(letters.rglob("*.pdf"))


def test_decisions_need_an_outcome_and_reasons(console):
    open_sitting(console)
    declare_all(console, {})
    console.agenda_list.setCurrentRow(0)
    console.start_button.click()
    console.decide_button.click()
    assert console.banner.kind == "problem"
    assert "Choose admitted" in console.banner.message.text()
    console.admitted_radio.setChecked(True)
    console.decide_button.click()
    assert "reasons" in console.banner.message.text()


def test_a_refused_departure_decides_nothing(console, demo, call, monkeypatch):
    from desktop.services.ranking import load_ranking

    open_sitting(console)
    declare_all(console, {})
    console.agenda_list.setCurrentRow(0)
    console.start_button.click()
    monkeypatch.setattr(console, "confirm_departure", lambda _text: False)
    decide(console, "not_admitted", "Contrari al progetto.")
    assert "the proposal stands" in console.banner.message.text()
    code = console.codes()[0]
    assert {e.code: e.decision for e in load_ranking(demo, call, SESSION).entries}[code] is None


def test_the_room_view_follows_the_sitting_and_its_clock_never_queries(qtbot, ops, demo, call):
    from desktop.ui.meeting.part import RoomFeed
    from desktop.ui.meeting.room import RoomView

    feed = RoomFeed(ops, demo, call)
    room = RoomView()
    qtbot.addWidget(room)
    feed.state_changed.connect(room.set_state)
    feed.refresh()
    assert "No sitting is open" in room.sitting_label.text()
    console = MeetingConsole(ops, demo, call)
    qtbot.addWidget(console)
    console.show()
    console.refresh()
    open_sitting(console)
    assert "Sitting no. 1" in room.sitting_label.text()
    console.agenda_list.setCurrentRow(0)
    console.start_button.click()
    assert room.clocks.state.current.code == console.codes()[0]
    loads = feed.loads
    for _ in range(5):
        room.tick()
    qtbot.wait(1200)  # the real timer too
    assert feed.loads == loads


def test_the_meeting_menu_and_its_shortcuts(qtbot, window):
    from tests.ui.conftest import PATIENCE_MS

    qtbot.waitUntil(lambda: window.part("meeting") is not None, timeout=PATIENCE_MS)
    part = window.part("meeting")
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Meeting" in menus
    shortcuts = {
        action.text(): action.shortcut().toString()
        for action in window.findChildren(QAction)
        if action.shortcut().toString()
    }
    assert shortcuts["Meeting &Console"] == "Ctrl+Shift+M"
    assert shortcuts["&Room View"] == "Ctrl+Shift+R"
    assert shortcuts["&Kiosk"] == "Ctrl+Shift+K"
    part.open_action.trigger()
    assert isinstance(window.view("meeting"), MeetingConsole)
