"""The operations layer with real worker threads: only the latest query delivers,
changes run one at a time in order and broadcast what they changed, nothing reaches
a deleted owner, expected problems go to the owner's banner (temporary ones with
Retry), anything else to sys.excepthook."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from db.problems import DatabaseBusy
from desktop.domain.problems import Problem
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import interface_language
from desktop.ui.widgets.view import View

WAIT = 10_000  # ms: generous, the machine may be busy


@pytest.fixture
def ops(qapp):
    operations = Operations()
    yield operations
    operations.shutdown()


def test_only_the_latest_query_of_an_owner_delivers(qtbot, ops):
    owner = QWidget()
    release = threading.Event()
    delivered = []

    def slow(task):
        release.wait(5)
        return "old"

    first = ops.query(owner, slow, delivered.append)
    ops.query(owner, lambda task: "new", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=WAIT)
    assert first.task.is_cancelled()
    release.set()
    ops.wait()
    qtbot.wait(50)  # let a late result arrive, if it were going to
    assert delivered == ["new"]


def test_queries_with_different_keys_both_deliver(qtbot, ops):
    owner = QWidget()
    delivered = set()
    ops.query(owner, lambda task: "rows", delivered.add, key="rows")
    ops.query(owner, lambda task: "detail", delivered.add, key="detail")
    qtbot.waitUntil(lambda: delivered == {"rows", "detail"}, timeout=WAIT)


def test_nothing_reaches_a_deleted_owner(qtbot, ops):
    owner = QWidget()
    started, release = threading.Event(), threading.Event()
    delivered, progress = [], []

    def work(task):
        started.set()
        release.wait(5)
        task.progress(1, 2)
        return "late"

    ops.query(owner, work, delivered.append, on_progress=lambda d, t: progress.append(d))
    assert started.wait(5)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not ops._owners, timeout=WAIT)
    release.set()
    ops.wait()
    qtbot.wait(50)
    assert delivered == [] and progress == []


def test_a_query_dropped_before_it_started_leaves_nothing_running(qtbot, ops):
    """Two readers held busy, a third query waiting for one: its owner goes, the
    query never runs, and the layer is no longer busy once the others finish."""
    busy_owner, owner = QWidget(), QWidget()
    release = threading.Event()
    for key in ("a", "b"):
        ops.query(busy_owner, lambda task: release.wait(5), key=key)
    waiting = ops.query(owner, lambda task: "never", lambda _result: None)
    owner.deleteLater()
    qtbot.waitUntil(lambda: id(owner) not in ops._owners, timeout=WAIT)
    assert waiting not in ops._running
    release.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=WAIT)


def test_changes_run_one_at_a_time_in_order_and_broadcast(qtbot, ops):
    owner = QWidget()
    written, overlapping, active = [], [], []
    broadcasts = []
    ops.changed.connect(broadcasts.append)

    def write(number):
        def work(task):
            active.append(number)
            overlapping.append(len(active))
            time.sleep(0.02 * (5 - number))  # earlier ones are slower
            written.append(number)
            active.remove(number)
            return Changed(number, Changes.of(Kind.SHEETS, applications=[f"A{number}"]))

        return work

    done = []
    for number in range(5):
        ops.change(owner, write(number), done.append)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=WAIT)
    assert written == [0, 1, 2, 3, 4] and done == [0, 1, 2, 3, 4]
    assert max(overlapping) == 1
    assert [b.applications for b in broadcasts] == [frozenset({f"A{n}"}) for n in range(5)]
    assert all(b.touches(Kind.SHEETS) and not b.touches(Kind.CAMPAIGNS) for b in broadcasts)


def test_a_change_whose_owner_closed_still_writes_and_broadcasts(qtbot, ops):
    owner = QWidget()
    release = threading.Event()
    written, callbacks, broadcasts = [], [], []
    ops.changed.connect(broadcasts.append)

    def save(task):
        release.wait(5)
        written.append("draft")
        return Changes.of(Kind.SHEETS)

    ops.change(owner, save, callbacks.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not ops._owners, timeout=WAIT)
    release.set()
    qtbot.waitUntil(lambda: bool(broadcasts), timeout=WAIT)
    assert written == ["draft"] and callbacks == []


def test_a_problem_of_a_change_whose_owner_closed_is_still_said(qtbot, ops):
    owner = QWidget()
    release = threading.Event()
    orphans = []
    ops.orphan_problem.connect(orphans.append)

    def save(task):
        release.wait(5)
        raise DatabaseBusy("occupato", "busy")

    ops.change(owner, save)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not ops._owners, timeout=WAIT)
    release.set()
    qtbot.waitUntil(lambda: bool(orphans), timeout=WAIT)
    assert orphans[0].en == "busy"


def test_an_expected_problem_goes_to_the_views_banner_without_retry(qtbot, ops):
    view = View(ops)
    qtbot.addWidget(view)
    view.query(lambda task: (_ for _ in ()).throw(Problem("Manca.", "Missing.")), print)
    qtbot.waitUntil(lambda: view.banner.kind == "problem", timeout=WAIT)
    expected = "Manca." if interface_language() == "it" else "Missing."
    assert view.banner.message.text() == expected  # one language, never both
    assert view.banner.retry_button.isHidden()


def test_a_busy_database_offers_retry_which_runs_the_operation_again(qtbot, ops):
    view = View(ops)
    qtbot.addWidget(view)
    attempts, delivered = [], []

    def work(task):
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseBusy("Il database è occupato.", "The database is busy.")
        return "rows"

    view.query(work, delivered.append)
    qtbot.waitUntil(lambda: view.banner.kind == "problem", timeout=WAIT)
    assert not view.banner.retry_button.isHidden()
    view.banner.retry_button.click()
    qtbot.waitUntil(lambda: delivered == ["rows"], timeout=WAIT)
    assert len(attempts) == 2 and view.banner.isHidden()


def test_anything_else_reaches_the_excepthook_with_its_traceback(qtbot, ops, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append((kind, tb)))
    owner = QWidget()

    def buggy(task):
        return {}["missing"]  # a KeyError is a bug here, not a banner sentence

    ops.query(owner, buggy, print)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    kind, tb = seen[0]
    assert kind is KeyError and tb is not None


def test_views_refresh_on_changes_that_touch_them(qtbot, ops):
    class Ranking(View):
        def __init__(self, ops):
            super().__init__(ops)
            self.reloads = 0

        def refresh_for(self, changes):
            if changes.touches(Kind.SHEETS, Kind.DECISIONS):
                self.reloads += 1

    ranking = Ranking(ops)
    qtbot.addWidget(ranking)
    ops.change(QWidget(), lambda task: Changes.of(Kind.CAMPAIGNS))
    ops.change(QWidget(), lambda task: Changes.of(Kind.SHEETS))
    ops.wait()
    qtbot.waitUntil(lambda: ranking.reloads == 1, timeout=WAIT)
    qtbot.wait(50)
    assert ranking.reloads == 1


def test_synchronous_operations_deliver_at_once(qapp):
    ops = Operations(synchronous=True)
    owner = QWidget()
    delivered = []
    ops.query(owner, lambda task: 1, delivered.append)
    ops.change(owner, lambda task: Changed(2, Changes.of(Kind.SHEETS)), delivered.append)
    assert delivered == [1, 2]
