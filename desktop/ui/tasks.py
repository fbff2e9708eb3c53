"""The one way work leaves the GUI thread.

`TaskRunner.run(work, on_done)` runs `work(task)` on a worker thread and hands
its result back to the GUI thread, where `on_done(result)` (or `on_error(error)`)
runs. Work never touches a widget; it reports through `task.progress(done, total)`
and looks at `task.is_cancelled()`. Each worker opens its own database
connections (SQLAlchemy's pool gives each thread its own), never the GUI's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    # Created on the GUI thread: emits from the worker are queued to it.
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, object)


class Task(QRunnable):
    def __init__(self, work: Callable[[Task], object]):
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


class TaskRunner(QObject):
    """Runs tasks on a small thread pool; `synchronous=True` runs them at once on
    the calling thread (tests, --self-test), with the same callbacks."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False):
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def run(
        self,
        work: Callable[[Task], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> Task:
        task = Task(work)
        if on_progress:
            task.signals.progressed.connect(on_progress)
        task.signals.done.connect(lambda result: self._finish(task, on_done, result))
        task.signals.failed.connect(lambda error: self._finish(task, on_error or _unhandled, error))
        self._running.add(task)
        if self.synchronous:
            task.run()
        else:
            self.pool.start(task)
        return task

    def _finish(self, task: Task, callback, value) -> None:
        self._running.discard(task)
        if callback:
            callback(value)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, milliseconds: int = -1) -> bool:
        return self.pool.waitForDone(milliseconds)


def _unhandled(error: BaseException) -> None:
    # The crash handler (sys.excepthook) shows it; re-raising here reaches it.
    raise error
