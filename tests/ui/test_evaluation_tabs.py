"""The evaluation views as tabs of the main window, with REAL worker threads
(`Operations()`, not the synchronous one of the other window tests), on the demo
database: closing a tab at any moment (during its first load, during a save) never
reaches the crash dialog (`sys.excepthook`), a draft being saved when its tab
closes is saved, and a sheet submitted in a score-sheet tab shows in the open
ranking and committee tabs without anyone asking for a refresh."""

from __future__ import annotations

import sys
import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from desktop.services import committee, ranking, sheets
from desktop.ui.operations import Operations

WAIT = 15_000  # ms: generous, the machine may be busy
MEMBER = "Giulia Sala"


@pytest.fixture
def crashes(monkeypatch):
    """What reached sys.excepthook (the log and the crash dialog): nothing, we hope."""
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: seen.append(error))
    return seen


@pytest.fixture
def threaded(qapp):
    operations = Operations()
    yield operations
    operations.shutdown()


@pytest.fixture
def assigned(database, call):
    committee.load_demo_committee(database, call)
    committee.assign_evaluators(database, call)
    return database


@pytest.fixture
def window(qtbot, assigned, call, settings, threaded):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(assigned, call, threaded, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def gate(monkeypatch):
    """`gate(module, name)` holds that service function on its worker until
    `gate.open()`: the view is closed while its work is still running."""

    class Gate:
        def __init__(self):
            self.event = threading.Event()
            self.entered = threading.Event()

        def __call__(self, module, name):
            original = getattr(module, name)

            def held(*args, **kwargs):
                self.entered.set()
                self.event.wait(10)
                return original(*args, **kwargs)

            monkeypatch.setattr(module, name, held)

        def open(self):
            self.event.set()

    return Gate()


def settle(qtbot, ops) -> None:
    """Every worker done, and whatever they queued for the GUI delivered."""
    qtbot.waitUntil(lambda: not ops.busy, timeout=WAIT)
    qtbot.wait(100)


def close_during_first_load(qtbot, window, threaded, gate, open_view, key) -> None:
    view = open_view()
    assert window.view(key) is view
    assert gate.entered.wait(10)  # its first load is on a worker, held there
    window.close_view(key)
    qtbot.waitUntil(lambda: window.views.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: not isValid(view), timeout=WAIT)  # deleted, its load still held
    gate.open()
    settle(qtbot, threaded)
    assert window.view(key) is None


def test_closing_the_score_sheets_during_their_first_load(qtbot, window, threaded, gate, crashes):
    gate(sheets, "member_sheets")
    part = window.part("evaluation")
    close_during_first_load(
        qtbot, window, threaded, gate, lambda: part.open_score_sheets(MEMBER), f"sheets:{MEMBER}"
    )
    assert crashes == []


def test_closing_the_ranking_during_its_first_load(qtbot, window, threaded, gate, crashes):
    gate(ranking, "load_ranking")
    part = window.part("evaluation")
    close_during_first_load(qtbot, window, threaded, gate, part.open_ranking, "ranking")
    assert crashes == []


def test_closing_the_committee_during_its_first_load(qtbot, window, threaded, gate, crashes):
    gate(committee, "assignment_matrix")
    part = window.part("evaluation")
    close_during_first_load(qtbot, window, threaded, gate, part.open_committee, "committee")
    assert crashes == []


def test_closing_a_score_sheet_while_its_draft_is_saved(
    qtbot, window, threaded, gate, crashes, assigned, call
):
    view = window.part("evaluation").open_score_sheets(MEMBER)
    qtbot.waitUntil(lambda: view.sheet is not None, timeout=WAIT)
    code = view.code
    box = view.criteria_rows[0].box
    box.setFocus()
    qtbot.keyClicks(box, "17")
    assert view.has_unsaved_changes()
    gate(sheets, "save_draft")
    view.save_now()  # the autosave starts …
    assert gate.entered.wait(10)
    window.close_view(f"sheets:{MEMBER}")  # … and the tab closes while it runs
    qtbot.waitUntil(lambda: not isValid(view), timeout=WAIT)
    gate.open()
    settle(qtbot, threaded)
    assert crashes == []
    assert sheets.open_sheet(assigned, call, MEMBER, code).scores == {
        "coerenza_obiettivi": Decimal(17)
    }


def test_closing_a_score_sheet_saves_what_is_being_typed(
    qtbot, window, threaded, crashes, assigned, call
):
    view = window.part("evaluation").open_score_sheets(MEMBER)
    qtbot.waitUntil(lambda: view.sheet is not None, timeout=WAIT)
    code = view.code
    box = view.criteria_rows[0].box
    box.setFocus()
    qtbot.keyClicks(box, "9")
    window.close_view(f"sheets:{MEMBER}")  # before the autosave delay
    settle(qtbot, threaded)
    assert crashes == []
    assert sheets.open_sheet(assigned, call, MEMBER, code).scores == {
        "coerenza_obiettivi": Decimal(9)
    }


def test_closing_the_window_during_every_first_load(qtbot, window, threaded, gate, crashes):
    gate(ranking, "load_ranking")
    part = window.part("evaluation")
    part.open_ranking()
    part.open_committee()
    part.open_score_sheets(MEMBER)
    assert gate.entered.wait(10)
    window.close()
    qtbot.wait(50)
    gate.open()
    settle(qtbot, threaded)
    assert crashes == []


def test_a_submitted_sheet_shows_in_the_open_ranking_and_committee(
    qtbot, window, threaded, crashes, assigned, call
):
    part = window.part("evaluation")
    ranking_view = part.open_ranking()
    committee_view = part.open_committee()
    sheet_view = part.open_score_sheets(MEMBER)
    qtbot.waitUntil(lambda: sheet_view.sheet is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: ranking_view.base is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: committee_view.matrix is not None, timeout=WAIT)
    code = sheet_view.code

    def evaluators() -> str:
        entry = next(e for e in ranking_view.model.entries if e.code == code)
        return f"{entry.evaluators}/{entry.expected_evaluators}"

    def cell() -> str:
        model = committee_view.model
        return model.index(model.row_of(code), model.column_of(MEMBER)).data()

    assert evaluators() == "0/3"
    assert cell() == "○ assigned"
    for position, text in enumerate(["15", "12", "20", "14", "11"]):
        box = sheet_view.criteria_rows[position].box
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, text)
    sheet_view.motivation.setFocus()
    qtbot.keyClicks(sheet_view.motivation, "Progetto solido.")
    sheet_view.submit_button.click()
    qtbot.waitUntil(lambda: sheet_view.sheet.status == "submitted", timeout=WAIT)
    # Nobody pressed a refresh: the change's broadcast did it.
    qtbot.waitUntil(lambda: evaluators() == "1/3", timeout=WAIT)
    qtbot.waitUntil(lambda: cell() == "● submitted", timeout=WAIT)
    column = committee_view.model.column_of(MEMBER)
    header = committee_view.model.headerData(column, Qt.Orientation.Horizontal)
    assert header.startswith(f"{MEMBER}\n1 of ")
    settle(qtbot, threaded)
    assert crashes == []


def test_a_double_click_in_the_ranking_shows_the_application(qtbot, window, threaded, crashes):
    part = window.part("evaluation")
    ranking_view = part.open_ranking()
    qtbot.waitUntil(lambda: ranking_view.base is not None, timeout=WAIT)
    assert window.views.currentWidget() is ranking_view
    entry = ranking_view.model.entries[0]
    index = ranking_view.model.index(ranking_view.model.row_of(entry.code), 0)
    ranking_view.table.doubleClicked.emit(index)
    # The Applications tab comes to the front with that application; the ranking
    # stays open behind it.
    assert window.views.currentIndex() == 0
    qtbot.waitUntil(lambda: window.detail.shown_code == entry.code, timeout=WAIT)
    assert window.view("ranking") is ranking_view
    assert crashes == []
