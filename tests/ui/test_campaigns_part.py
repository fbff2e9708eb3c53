"""The campaigns part with REAL threads (`Operations()`, not the inline one), on the
demo database and the platform simulator: closing the campaigns view during its
first load or during a sync never reaches the crash handler, and a sync's broadcast
refreshes an open campaigns view without anyone asking it to."""

from __future__ import annotations

import sys
import threading

import pytest
from shiboken6 import isValid
from sqlalchemy import func, select

from db.models import Campaign
from tests.ui.conftest import PATIENCE_MS

WAIT = 10  # seconds a gate waits at most: a broken test fails, never hangs


@pytest.fixture
def crashes(monkeypatch):
    """What reached sys.excepthook (the crash dialog and the log)."""
    calls = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: calls.append(args))
    return calls


@pytest.fixture
def ops(qapp):
    from desktop.ui.operations import Operations

    operations = Operations()
    yield operations
    operations.shutdown()


@pytest.fixture
def platform():
    from desktop.app import start_demo_platform

    simulator, platform = start_demo_platform()
    yield platform
    simulator.stop()


class Gate:
    """Holds a piece of work on its worker until the test lets it go."""

    def __init__(self, real):
        self.real = real
        self.entered = threading.Event()
        self.opened = threading.Event()

    def __call__(self, *args, **kwargs):
        self.entered.set()
        assert self.opened.wait(WAIT), "the test never opened the gate"
        return self.real(*args, **kwargs)


def make_window(qtbot, database, call, settings, ops, platform=None, *, keep=True):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database, call, ops, settings, demo_platform=platform)
    if keep:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qtbot, ops):
    assert ops.wait(WAIT * 1000)
    qtbot.wait(50)  # the queued callbacks, and deleteLater


def test_closing_the_view_during_its_first_load_never_crashes(
    qtbot, monkeypatch, database, call, settings, ops, crashes
):
    from desktop.ui.campaigns import view as view_module

    gate = Gate(view_module.load_campaigns)
    monkeypatch.setattr(view_module, "load_campaigns", gate)
    window = make_window(qtbot, database, call, settings, ops)
    view = window.part("campaigns").open_view()
    assert gate.entered.wait(WAIT)
    window.close_view("campaigns")
    qtbot.waitUntil(lambda: not isValid(view), timeout=PATIENCE_MS)
    gate.opened.set()
    settle(qtbot, ops)
    assert crashes == []
    # Opened again, it loads as usual.
    again = window.part("campaigns").open_view()
    qtbot.waitUntil(lambda: again.overview is not None, timeout=PATIENCE_MS)
    assert again.freshness.text() == "No data synced yet"
    assert crashes == []


def test_closing_the_view_during_a_sync_never_crashes(
    qtbot, monkeypatch, database, call, settings, ops, platform, crashes
):
    import desktop.sync.service

    gate = Gate(desktop.sync.service.sync)
    monkeypatch.setattr(desktop.sync.service, "sync", gate)
    # The demo's first sync starts as the part is installed, and waits at the gate.
    window = make_window(qtbot, database, call, settings, ops, platform)
    campaigns = window.part("campaigns")
    assert gate.entered.wait(WAIT) and campaigns.running
    view = campaigns.open_view()
    qtbot.waitUntil(lambda: view.overview is not None, timeout=PATIENCE_MS)
    assert not view.sync_button.isEnabled()  # waits while the sync runs
    assert window.findChild(type(campaigns.indicator), "syncIndicator").text() == "Syncing…"
    window.close_view("campaigns")
    qtbot.waitUntil(lambda: not isValid(view), timeout=PATIENCE_MS)
    gate.opened.set()
    qtbot.waitUntil(lambda: not campaigns.running, timeout=PATIENCE_MS)
    settle(qtbot, ops)
    assert crashes == []
    assert campaigns.last_result.ok, campaigns.last_result.en
    assert campaigns.indicator.isHidden()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Campaign)) >= 6


def test_closing_the_window_during_a_sync_never_crashes(
    qtbot, monkeypatch, database, call, settings, ops, platform, crashes
):
    import desktop.sync.service

    gate = Gate(desktop.sync.service.sync)
    monkeypatch.setattr(desktop.sync.service, "sync", gate)
    window = make_window(qtbot, database, call, settings, ops, platform, keep=False)
    campaigns = window.part("campaigns")
    campaigns.open_view()
    assert gate.entered.wait(WAIT)
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not isValid(campaigns), timeout=PATIENCE_MS)
    gate.opened.set()
    settle(qtbot, ops)
    assert crashes == []
    # The sync asked for still wrote: nothing the user started is lost.
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Campaign)) >= 6


def test_a_sync_refreshes_an_open_campaigns_view(
    qtbot, monkeypatch, database, call, settings, ops, platform, crashes
):
    import desktop.sync.service

    gate = Gate(desktop.sync.service.sync)
    monkeypatch.setattr(desktop.sync.service, "sync", gate)
    window = make_window(qtbot, database, call, settings, ops, platform)
    campaigns = window.part("campaigns")
    assert gate.entered.wait(WAIT)
    view = campaigns.open_view()
    # Loaded before the sync wrote anything: no campaigns yet.
    qtbot.waitUntil(lambda: view.overview is not None, timeout=PATIENCE_MS)
    assert view.model.rowCount() == 0
    assert view.freshness.text() == "No data synced yet"
    loads = []
    monkeypatch.setattr(view, "refresh", lambda real=view.refresh: (loads.append(1), real()))
    gate.opened.set()
    # No one calls the view: the sync's broadcast does.
    qtbot.waitUntil(lambda: view.model.rowCount() >= 6, timeout=PATIENCE_MS)
    assert loads == [1]
    assert view.freshness.text().startswith("Data as of ")
    assert view.sync_button.isEnabled()
    settle(qtbot, ops)
    assert crashes == []

    # Sync now, from the view's button: the same broadcast, the same refresh.
    view.sync_button.click()
    qtbot.waitUntil(lambda: len(loads) == 2 and not campaigns.running, timeout=PATIENCE_MS)
    settle(qtbot, ops)
    assert campaigns.last_result.ok and crashes == []


def test_recording_outcomes_refreshes_the_view_only_when_something_was_recorded(
    qtbot, monkeypatch, database, call, settings, ops, crashes
):
    window = make_window(qtbot, database, call, settings, ops)
    campaigns = window.part("campaigns")
    view = campaigns.open_view()
    qtbot.waitUntil(lambda: view.overview is not None, timeout=PATIENCE_MS)
    broadcasts = []
    ops.changed.connect(broadcasts.append)
    campaigns.record_outcomes()
    settle(qtbot, ops)
    # No campaign has closed in this database: nothing written, nothing broadcast.
    assert broadcasts == []
    assert window.statusBar().currentMessage() == "Outcomes recorded: 0"
    assert crashes == []
