"""A write from the window while another program holds the database's write lock: the
banner says the database is busy and offers *Riprova*, which succeeds once the lock is
released. The lock is real (a second connection's BEGIN IMMEDIATE on the file);
COMMISSIONE_BUSY_TIMEOUT shortens the 30 s wait to 1 s."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt

from desktop.domain.eligibility import Outcome
from desktop.services.browse import load_rows
from tests.ui.test_main_window import answer_modal, check_answered, select

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def busy_window(qtbot, database, call, ops, settings, monkeypatch):
    """The main window on a database opened with a 1 s wait for locks; the test holds
    the lock with `held(window)`."""
    from db.engine import open_database
    from desktop.ui.main_window import MainWindow

    monkeypatch.setenv("COMMISSIONE_BUSY_TIMEOUT", "1")
    path = database.url.removeprefix("sqlite:///")
    opened = open_database(path)
    window = MainWindow(opened, call, ops, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.path = path
    yield window
    opened.close()


@contextmanager
def write_lock_held(path):
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def assert_busy_banner(window) -> None:
    assert window.banner.isVisible() and window.banner.kind == "problem"
    text = window.banner.message.text()
    assert "busy with another user or program" in text or "occupato" in text, text
    assert window.banner.retry_button.isVisible()


def eligibility_of(window, code: str):
    [row] = [r for r in load_rows(window.database, window.call) if r.code == code]
    return row.eligibility


def test_an_override_against_a_held_lock_offers_retry(busy_window, qtbot):
    window = busy_window
    select(window, qtbot, "CC24-004")

    def answer(dialog):
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData(Outcome.PASS))
        qtbot.keyClicks(dialog.note_box, "Preventivo ridotto (nota del 3/2)")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    with write_lock_held(window.path):
        answered = answer_modal(qtbot, answer)
        qtbot.mouseClick(window.detail.override_button, LEFT)
        check_answered(answered)
        assert_busy_banner(window)
        assert window.banner.message.text().startswith("The override was not recorded.")
        assert eligibility_of(window, "CC24-004") is Outcome.FAIL

    qtbot.mouseClick(window.banner.retry_button, LEFT)  # no dialog again: the same note
    assert not window.banner.isVisible()
    assert eligibility_of(window, "CC24-004") is Outcome.PASS


def test_a_recheck_against_a_held_lock_offers_retry(busy_window, qtbot):
    window = busy_window
    with write_lock_held(window.path):
        window.recheck_action.trigger()
        assert_busy_banner(window)
        assert window.banner.message.text().startswith("Eligibility was not re-checked.")
        assert window.recheck_action.isEnabled()

    qtbot.mouseClick(window.banner.retry_button, LEFT)
    assert not window.banner.isVisible()
    assert "re-checked" in window.statusBar().currentMessage()
