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


# --- attendance after opening, who may vote, resuming and earlier sittings ---


def presence_entry(console, name: str):
    for row in range(console.presence_list.count()):
        entry = console.presence_list.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) == name:
            return entry
    raise AssertionError(name)


def toggle(console, name: str) -> None:
    """Space on the member in the attendance list, as the secretary would."""
    entry = presence_entry(console, name)
    console.presence_list.setCurrentItem(entry)
    console.presence_list.setFocus()
    QTest.keyClick(console.presence_list, Qt.Key.Key_Space)


def voting_members(console) -> list[str]:
    return [a.member for a in console.sitting.attendance if a.role != "secretary"]


def test_a_late_arrival_is_recorded_and_the_room_sees_it(qtbot, ops, console, demo, call):
    from desktop.services import meeting
    from desktop.ui.meeting.part import RoomFeed
    from desktop.ui.meeting.room import RoomView

    late = "Paolo Villa"
    row = next(
        r
        for r in range(console.attendance.rowCount())
        if console.attendance.item(r, 0).text() == late
    )
    console.attendance.item(row, 1).setCheckState(Qt.CheckState.Unchecked)
    open_sitting(console)
    assert "Absent: Paolo Villa" in console.sitting_label.text()
    assert "Paolo Villa (member): absent" in presence_entry(console, late).text()
    feed = RoomFeed(ops, demo, call)
    room = RoomView()
    qtbot.addWidget(room)
    feed.state_changed.connect(room.set_state)
    feed.refresh()
    assert late not in room.clocks.state.sitting.present

    toggle(console, late)  # he arrives
    assert console.banner.kind == "info", console.banner.message.text()
    assert console.banner.message.text() == "Paolo Villa is present from now."
    assert late in meeting.room_state(demo, call).sitting.present
    assert late in room.clocks.state.sitting.present  # the room view followed
    assert "Absent" not in console.sitting_label.text()
    assert presence_entry(console, late).checkState() == Qt.CheckState.Checked
    assert "Paolo Villa (member): present" in presence_entry(console, late).text()
    # The change is audited with the others.
    from sqlalchemy import select

    from db.models import AuditEntry

    with demo.session() as session:
        audited = session.scalars(
            select(AuditEntry.new).where(
                AuditEntry.entity == "sitting_attendance",
                AuditEntry.entity_key.endswith("/Paolo Villa"),
            )
        ).all()
    assert audited[-1] == "true"


def test_leaving_the_sitting_breaks_the_quorum_and_decide_says_why(console, demo, call):
    from desktop.services import meeting
    from desktop.services.ranking import load_ranking

    open_sitting(console)
    declare_all(console, {})
    # An item nobody is conflicted on.
    free = next(i.code for i in console.agenda.items if not i.conflicted)
    console.agenda_list.setCurrentRow(console.codes().index(free))
    console.start_button.click()
    members = len(voting_members(console))
    assert console.vote_label.text() == (
        f"{members} of {members} members may vote · quorum reached"
    )
    leaving = "Paolo Villa"
    toggle(console, leaving)  # leaves the sitting (not for a conflict)
    assert leaving not in meeting.current_sitting(demo, call).present
    text = console.vote_label.text()
    assert text.startswith(f"{members - 1} of {members} members may vote · no quorum"), text
    assert "1 missing" in text

    decide(console, "admitted", "Progetto coerente con gli obiettivi del bando.")
    assert console.banner.kind == "problem"
    assert "no quorum" in console.banner.message.text()
    decision = {e.code: e.decision for e in load_ranking(demo, call, SESSION).entries}[free]
    assert decision is None

    toggle(console, leaving)  # back: the quorum holds again
    assert console.vote_label.text().endswith("quorum reached")
    decide(console, "admitted", "Progetto coerente con gli obiettivi del bando.")
    assert console.banner.kind == "info", console.banner.message.text()


def test_the_vote_count_leaves_out_a_conflicted_member(console, demo, call):
    open_sitting(console)
    declare_all(console, {"Giulia Sala": ("CC24-030", "socia dell'associazione capofila")})
    members = len(voting_members(console))
    free = next(i.code for i in console.agenda.items if not i.conflicted)
    console.agenda_list.setCurrentRow(console.codes().index(free))
    console.start_button.click()
    assert console.vote_label.text().startswith(f"{members} of {members} members may vote")

    console.agenda_list.setCurrentRow(console.codes().index("CC24-030"))
    console.start_button.click()
    assert "Must leave: Giulia Sala" in console.movement_label.text()
    expected = (
        f"{members - 1} of {members} members may vote (1 out for a conflict of interest) "
        "· quorum reached"  # a member out for a conflict does not break the quorum
    )
    assert console.vote_label.text() == expected
    console.confirm_button.click()
    assert console.vote_label.text() == expected
    # The vote counts exactly those who may vote.
    decide(console, "admitted", "Progetto solido.", votes=(members - 1, 0, 0))
    assert console.banner.kind == "info", console.banner.message.text()


def test_the_console_resumes_the_open_sitting_and_writes_earlier_minutes(
    qtbot, ops, demo, call, tmp_path
):
    import datetime as dt
    import subprocess

    from desktop.services import meeting
    from desktop.services.committee import list_members

    present = [m.name for m in list_members(demo, call)]
    first = meeting.open_sitting(
        demo, call, SESSION, date=dt.date(2025, 3, 12), place="Sala Giunta", present=present
    )
    meeting.close_sitting(demo, call)
    second = meeting.open_sitting(
        demo, call, SESSION, date=dt.date(2025, 3, 19), place="Sala Alessi", present=present
    )

    # The app starts with a sitting open: the console shows it, running.
    view = MeetingConsole(ops, demo, call)
    qtbot.addWidget(view)
    view.resize(1280, 900)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.loaded)
    assert view.running.isVisible() and not view.opening.isVisible()
    assert "Sitting no. 2 of session II, 19/03/2025, Sala Alessi" in view.sitting_label.text()
    assert view.sitting.id == second.id
    # The call's sittings: the earlier one closed, the open one selected.
    assert view.sittings_box.isVisible()
    texts = [view.sittings_list.item(r).text() for r in range(view.sittings_list.count())]
    assert texts[0].startswith("No. 1, session II, 12/03/2025, Sala Giunta · closed")
    assert texts[1] == "No. 2, session II, 19/03/2025, Sala Alessi · open"
    assert view.selected_sitting_id() == second.id

    # The earlier sitting's minutes, from the list: final (no BOZZA), its own number.
    view.sittings_list.setCurrentRow(0)
    path = tmp_path / "verbale-1.pdf"
    view.ask_minutes(path)
    assert view.banner.kind == "info", view.banner.message.text()
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Verbale della seduta n. 1" in " ".join(text.split())
    assert "BOZZA" not in text
    assert first.id != second.id
    # The open one's are a draft.
    view.sittings_list.setCurrentRow(1)
    draft = tmp_path / "verbale-2.pdf"
    view.ask_minutes(draft)
    text = subprocess.run(
        ["pdftotext", str(draft), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Verbale della seduta n. 2" in " ".join(text.split()) and "BOZZA" in text


def mnemonics(texts) -> list[str]:
    found = []
    for text in texts:
        plain = text.replace("&&", "")
        at = plain.find("&")
        if at >= 0:
            found.append(plain[at + 1].lower())
    return found


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_console_mnemonics_do_not_clash(qtbot, qapp, ops, demo, call, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from desktop.app import install_translators

    installed = install_translators(qapp, language) if language == "it" else []
    try:
        view = MeetingConsole(ops, demo, call)
        qtbot.addWidget(view)
        view.resize(1280, 900)
        view.show()
        view.refresh()
        qtbot.waitUntil(lambda: view.loaded)
        for state in ("opening", "running"):
            if state == "running":
                open_sitting(view)
                view.optimise_button.click()  # the proposed order's button shows too
            texts = [
                w.text()
                for w in view.findChildren(QAbstractButton) + view.findChildren(QLabel)
                if w.isVisibleTo(view) and "&" in w.text() and w.parent() is not view.banner
            ]
            keys = mnemonics(texts)
            assert len(keys) == len(set(keys)), sorted(zip(keys, texts, strict=True))
            assert len(keys) >= (5 if state == "opening" else 18), texts
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
