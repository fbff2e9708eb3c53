"""The main window on real worker threads: closing it at any moment (during its first
load, while the database opens, during an override) never reaches the crash dialog,
and a change made anywhere (an override here, a re-check elsewhere) shows in the
table and the detail without a refresh."""

from __future__ import annotations

import sys
import threading
import traceback

import pytest
from PySide6.QtCore import QObject

from desktop.domain.eligibility import Outcome
from desktop.services import applications as application_service
from desktop.services import browse
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.applications_model import Column
from desktop.ui.operations import Operations
from tests.ui.test_main_window import answer_modal, check_answered, rule_texts

WAIT = 15_000  # ms: generous, the machine may be busy


@pytest.fixture
def threaded_ops(qapp):
    operations = Operations()
    yield operations
    operations.shutdown()


@pytest.fixture
def crashes(monkeypatch):
    """What reached sys.excepthook (the crash dialog): nothing, in every test here."""
    seen = []

    def record(kind, value, tb):
        traceback.print_exception(kind, value, tb)  # shown when a test fails
        seen.append(value)

    monkeypatch.setattr(sys, "excepthook", record)
    return seen


def open_threaded(qtbot, database, call, ops, settings, **options):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database, call, ops, settings, **options)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_and_delete(qtbot, window) -> None:
    gone = []
    window.destroyed.connect(lambda _object=None: gone.append(True))
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)


def eligibility_shown(window, code: str) -> str:
    position = window.model.position_of(code)
    return window.model.index(position, Column.ELIGIBILITY).data()


def test_closing_the_window_during_its_first_load(
    qtbot, database, call, threaded_ops, settings, monkeypatch, crashes
):
    started, release = threading.Event(), threading.Event()
    real = browse.load_rows

    def slow(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(browse, "load_rows", slow)
    window = open_threaded(qtbot, database, call, threaded_ops, settings)
    assert started.wait(10)
    close_and_delete(qtbot, window)
    release.set()
    assert threaded_ops.wait(WAIT)
    qtbot.wait(100)  # a late result would arrive now
    assert crashes == []


def test_closing_the_window_while_the_database_opens(
    qtbot, database, call, threaded_ops, settings, crashes
):
    started, release = threading.Event(), threading.Event()

    def opening():
        started.set()
        release.wait(10)
        return database

    window = open_threaded(
        qtbot, None, call, threaded_ops, settings, open_database=opening, extras_after_paint=True
    )
    assert window.statusBar().currentMessage() == "Opening the database…"
    assert not window.table.isEnabled() and not window.import_action.isEnabled()
    qtbot.waitUntil(started.is_set, timeout=WAIT)  # after the first paint
    close_and_delete(qtbot, window)
    release.set()
    assert threaded_ops.wait(WAIT)
    qtbot.wait(100)
    assert crashes == []


def test_the_window_opens_the_database_after_painting_then_loads(
    qtbot, database, call, threaded_ops, settings, crashes
):
    window = open_threaded(
        qtbot,
        None,
        call,
        threaded_ops,
        settings,
        open_database=lambda: database,
        extras_after_paint=True,
    )
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=WAIT)
    assert window.table.isEnabled() and window.import_action.isEnabled()
    qtbot.waitUntil(lambda: window.part("evaluation") is not None, timeout=WAIT)
    assert threaded_ops.wait(WAIT)  # the parts' first reads
    qtbot.wait(100)
    assert crashes == []
    close_and_delete(qtbot, window)


def test_a_database_that_cannot_be_opened_is_said_with_retry(
    qtbot, database, call, threaded_ops, settings, crashes
):
    from db.problems import DatabaseProblem

    attempts = []

    def opening():
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseProblem(
                "Il database è stato scritto da una versione più recente di Commissione.",
                "The database was written by a newer version of Commissione.",
            )
        return database

    window = open_threaded(
        qtbot, None, call, threaded_ops, settings, open_database=opening, extras_after_paint=True
    )
    qtbot.waitUntil(lambda: window.banner.kind == "problem", timeout=WAIT)
    assert "newer version" in window.banner.message.text()
    assert not window.banner.retry_button.isHidden()
    assert not window.table.isEnabled() and not window.recheck_action.isEnabled()
    window.banner.retry_button.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=WAIT)
    assert window.banner.isHidden() and crashes == []
    close_and_delete(qtbot, window)


def test_closing_the_window_during_an_override_still_records_it(
    qtbot, database, call, threaded_ops, settings, monkeypatch, crashes
):
    window = open_threaded(qtbot, database, call, threaded_ops, settings)
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=WAIT)
    window.select_application("CC24-004")
    qtbot.waitUntil(lambda: window.detail.shown_code == "CC24-004", timeout=WAIT)

    started, release = threading.Event(), threading.Event()
    real = application_service.override_rule

    def slow(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(application_service, "override_rule", slow)

    def answer(dialog):
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData(Outcome.PASS))
        dialog.note_box.setPlainText("Preventivo ridotto")
        dialog.accept()

    answered = answer_modal(qtbot, answer)
    window.override_rule("CC24-004", "costo_massimo")
    check_answered(answered)
    assert started.wait(10)
    close_and_delete(qtbot, window)
    release.set()
    assert threaded_ops.wait(WAIT)
    qtbot.wait(100)
    assert crashes == []
    [row] = browse.load_rows(database, call, ["CC24-004"])
    assert row.eligibility is Outcome.PASS  # written although its window closed


def test_an_override_updates_the_row_and_the_detail_without_refresh(
    qtbot, database, call, threaded_ops, settings, monkeypatch, crashes
):
    window = open_threaded(qtbot, database, call, threaded_ops, settings)
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=WAIT)
    window.select_application("CC24-004")
    qtbot.waitUntil(lambda: window.detail.shown_code == "CC24-004", timeout=WAIT)
    loads = []
    real = browse.load_rows

    def counting(database, call, codes=None):
        loads.append(codes)
        return real(database, call, codes)

    monkeypatch.setattr(browse, "load_rows", counting)

    def answer(dialog):
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData(Outcome.PASS))
        dialog.note_box.setPlainText("Preventivo ridotto a 100.000 euro")
        dialog.accept()

    answered = answer_modal(qtbot, answer)
    window.override_current_rule()
    check_answered(answered)
    qtbot.waitUntil(lambda: eligibility_shown(window, "CC24-004") == "ammissibile", timeout=WAIT)
    qtbot.waitUntil(lambda: window.detail.outcome_text.text() == "ammissibile", timeout=WAIT)
    rule = next(r for r in rule_texts(window) if r[0] == "Costo massimo")
    assert rule[1] == "rispettata (override)"  # a rule is met, an application admissible
    assert None not in loads  # only the row touched was read again, not every row
    assert crashes == []
    close_and_delete(qtbot, window)


def test_a_change_made_elsewhere_shows_without_refresh(
    qtbot, database, call, threaded_ops, settings, crashes
):
    """An override recorded by another view, then a re-check asked for elsewhere:
    the table and the detail follow the broadcasts."""
    window = open_threaded(qtbot, database, call, threaded_ops, settings)
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=WAIT)
    window.select_application("CC24-004")
    qtbot.waitUntil(lambda: window.detail.shown_code == "CC24-004", timeout=WAIT)
    assert eligibility_shown(window, "CC24-004") == "non ammissibile"
    elsewhere = QObject()

    def override(_task):
        application_service.override_rule(
            database, call, "CC24-004", "costo_massimo", Outcome.PASS, "Nota", officer="Rossi"
        )
        return Changed(None, Changes.of(Kind.ELIGIBILITY, applications=["CC24-004"]))

    threaded_ops.change(elsewhere, override)
    qtbot.waitUntil(lambda: eligibility_shown(window, "CC24-004") == "ammissibile", timeout=WAIT)
    qtbot.waitUntil(lambda: window.detail.outcome_text.text() == "ammissibile", timeout=WAIT)

    # Written without a broadcast (as by another program), then a re-check here.
    application_service.override_rule(
        database, call, "CC24-001", "costo_massimo", Outcome.FAIL, "Nota", officer="Rossi"
    )
    assert eligibility_shown(window, "CC24-001") == "ammissibile"
    threaded_ops.change(
        elsewhere,
        lambda task: Changed(
            application_service.recheck(database, call), Changes.of(Kind.ELIGIBILITY)
        ),
    )
    qtbot.waitUntil(
        lambda: eligibility_shown(window, "CC24-001") == "non ammissibile", timeout=WAIT
    )
    assert crashes == []
    close_and_delete(qtbot, window)
