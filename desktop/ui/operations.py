"""The one way UI work leaves the GUI thread.

Learned from Anki's `CollectionOp`/`QueryOp` and Orange's `ConcurrentMixin`:

- A **query** reads. It runs on a reader thread; for one owner and one `key`, only
  the latest query counts: starting another cancels the older one (cooperatively,
  `task.is_cancelled()`) and its result is never delivered.
- A **change** writes. All changes run one at a time on the single writer thread, in
  the order they were asked for. The work returns `Changed(value, changes)` (or just
  `Changes`); once it has committed, `Operations.changed` broadcasts `changes` to
  every open view, which refreshes what it shows and only that.
- Every operation has an **owner** widget. Once the owner is deleted nothing of the
  operation reaches the UI: its queries are cancelled, and a change already asked for
  still writes (a draft being saved when its window closes is saved) but its
  callbacks are dropped.
- Problems are presented in one place (`present_problem`): an expected `Problem`
  goes to the owner's banner (a temporary one with *Riprova*, which runs the same
  operation again); anything else goes to `sys.excepthook`, that is the log with its
  traceback and the crash dialog.

Work never touches a widget: it gets a `Task` (`progress(done, total)`,
`is_cancelled()`), and the database and call through its closure. Each worker
thread opens its own database connections (SQLAlchemy's pool gives each thread its
own), never the GUI's.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from db.problems import as_problem
from desktop.domain.problems import Problem
from desktop.services.changes import Changed, Changes

log = logging.getLogger(__name__)

Work = Callable[["Task"], Any]


class _Signals(QObject):
    # Created on the GUI thread: a worker's emits are queued to it.
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, object)


class Task(QRunnable):
    """What the work sees: progress and cancellation. Never a widget."""

    def __init__(self, work: Work):
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def progress(self, done: int, total: int | None = None) -> None:
        self.signals.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self)
        except BaseException as error:  # handed to the GUI thread, never lost
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


@dataclass(eq=False)
class Operation:
    """One query or change, as the caller asked for it (kept to run it again)."""

    owner: QObject
    work: Work
    on_done: Callable[[Any], None] | None
    on_problem: Callable[[Problem], bool | None] | None
    on_progress: Callable[[int, int | None], None] | None
    on_finished: Callable[[], None] | None
    is_change: bool
    key: str = ""
    task: Task | None = field(default=None, repr=False)

    @property
    def owner_alive(self) -> bool:
        return isValid(self.owner)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()


class Operations(QObject):
    """Runs queries on two reader threads and changes on one writer thread.

    `synchronous=True` runs everything at once on the calling thread, with the same
    callbacks in the same order (tests, --self-test)."""

    changed = Signal(object)  # Changes, after a change has committed
    # An expected problem of a change whose owner is gone (a save that failed after
    # its window closed): the main window says so, nothing is lost silently.
    orphan_problem = Signal(object)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False):
        super().__init__(parent)
        self.synchronous = synchronous
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(2)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # one writer: changes in the order asked
        self._latest: dict[tuple[int, str], Operation] = {}
        self._running: set[Operation] = set()
        self._owners: dict[int, QObject] = {}

    # --- asking ---

    def query(
        self,
        owner: QObject,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        key: str = "",
        on_problem: Callable[[Problem], bool | None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Operation:
        """Reads on a worker; only the latest query of `owner` with this `key` delivers."""
        operation = Operation(
            owner, work, on_done, on_problem, on_progress, on_finished, False, key
        )
        slot = (id(owner), key)
        older = self._latest.get(slot)
        if older is not None:
            older.cancel()
        self._latest[slot] = operation
        self._start(operation)
        return operation

    def change(
        self,
        owner: QObject,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        on_problem: Callable[[Problem], bool | None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Operation:
        """Writes on the single writer, after the changes asked for before it."""
        operation = Operation(owner, work, on_done, on_problem, on_progress, on_finished, True)
        self._start(operation)
        return operation

    def again(self, operation: Operation) -> Operation | None:
        """Runs the same operation again (*Riprova*), if its owner is still there."""
        if not operation.owner_alive:
            return None
        ask = self.change if operation.is_change else self.query
        extra = {} if operation.is_change else {"key": operation.key}
        return ask(
            operation.owner,
            operation.work,
            operation.on_done,
            on_problem=operation.on_problem,
            on_progress=operation.on_progress,
            on_finished=operation.on_finished,
            **extra,
        )

    # --- running ---

    def _start(self, operation: Operation) -> None:
        self._watch(operation.owner)
        task = Task(operation.work)
        operation.task = task
        task.signals.done.connect(lambda result: self._finish(operation, result, None))
        task.signals.failed.connect(lambda error: self._finish(operation, None, error))
        if operation.on_progress is not None:
            task.signals.progressed.connect(
                lambda done, total: self._progress(operation, done, total)
            )
        self._running.add(operation)
        if self.synchronous:
            task.run()
        elif operation.is_change:
            self.writer.start(task)
        else:
            self.readers.start(task)

    def _watch(self, owner: QObject) -> None:
        key = id(owner)
        if key in self._owners:
            return
        self._owners[key] = owner
        owner.destroyed.connect(lambda _object=None, key=key: self._owner_gone(key))

    def _owner_gone(self, key: int) -> None:
        self._owners.pop(key, None)
        for slot in [slot for slot in self._latest if slot[0] == key]:
            operation = self._latest.pop(slot)
            operation.cancel()
            if operation.task is not None and self.readers.tryTake(operation.task):
                # Not started yet: it never runs, so it never finishes either.
                self._running.discard(operation)

    def _current(self, operation: Operation) -> bool:
        """Whether the operation may still reach its owner."""
        if not operation.owner_alive:
            return False
        if operation.is_change:
            return True
        task = operation.task
        latest = self._latest.get((id(operation.owner), operation.key))
        return latest is operation and task is not None and not task.is_cancelled()

    def _progress(self, operation: Operation, done: int, total: int | None) -> None:
        if self._current(operation) and operation.on_progress is not None:
            operation.on_progress(done, total)

    def _finish(self, operation: Operation, result, error: BaseException | None) -> None:
        self._running.discard(operation)
        current = self._current(operation)
        if not operation.is_change and current:
            self._latest.pop((id(operation.owner), operation.key), None)
        if error is None and operation.is_change:
            result, changes = _split(result)
            if changes:
                self.changed.emit(changes)
        if not current:
            if error is not None:
                self._orphan(operation, error)
            return
        try:
            if error is None:
                if operation.on_done is not None:
                    operation.on_done(result)
            else:
                self.present(operation, error)
        finally:
            if operation.on_finished is not None and operation.owner_alive:
                operation.on_finished()

    def _orphan(self, operation: Operation, error: BaseException) -> None:
        problem = as_problem(error)
        if problem is None:
            _to_excepthook(error)
        elif operation.is_change:
            log.warning("a change finished after its window closed: %s", problem)
            self.orphan_problem.emit(problem)
        # A query nobody waits for any more: its problem no longer matters.

    def present(self, operation: Operation, error: BaseException) -> None:
        problem = as_problem(error)
        if problem is None:
            _to_excepthook(error)
            return
        if operation.on_problem is not None and operation.on_problem(problem):
            return
        retry = (lambda: self.again(operation)) if problem.temporary else None
        present_problem(operation.owner, problem, retry)

    # --- waiting ---

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, milliseconds: int = -1) -> bool:
        """Waits for the running work (tests, shutting down)."""
        writer = self.writer.waitForDone(milliseconds)
        return self.readers.waitForDone(milliseconds) and writer

    def shutdown(self, milliseconds: int = 30_000) -> bool:
        """At exit: reads not started are dropped; changes asked for are written."""
        self.readers.clear()
        for operation in list(self._latest.values()):
            operation.cancel()
        return self.wait(milliseconds)


def present_problem(owner: QObject, problem: Problem, retry: Callable[[], Any] | None) -> None:
    """Shows an expected problem where its owner shows problems: the nearest widget,
    from the owner up, with `show_problem(problem, retry)` (a view's banner); a
    message box on the owner's window when none has one."""
    holder = owner
    while holder is not None:
        show = getattr(holder, "show_problem", None)
        if callable(show):
            show(problem, retry)
            return
        holder = holder.parent()
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.ui.widgets.banner import problem_text

    window = owner.window() if isinstance(owner, QWidget) else None
    QMessageBox.warning(window, "Commissione", problem_text(problem))


def _split(result) -> tuple[Any, Changes | None]:
    """A change's result as (value for on_done, what it changed)."""
    if isinstance(result, Changed):
        return result.value, result.changes
    if isinstance(result, Changes):
        return None, result
    return result, None


def _to_excepthook(error: BaseException) -> None:
    # The log with the traceback, and the crash dialog unless --no-crash-dialog.
    sys.excepthook(type(error), error, error.__traceback__)
