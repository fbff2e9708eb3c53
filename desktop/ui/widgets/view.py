"""The base of every view (a page of the main window: the applications, the
ranking, the committee, a score sheet, the campaigns…).

A view owns its operations (`self.query`, `self.change`: they die with it), shows
its problems in its own banner, and refreshes itself when a change anywhere touches
what it shows (`refresh_for(changes)`). Before it closes, `save_now()` writes what
is pending (a draft being typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.problems import Problem
from desktop.services.changes import Changes
from desktop.ui.operations import Operation, Operations, Work
from desktop.ui.widgets.banner import Banner


class View(QWidget):
    def __init__(self, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.banner = Banner(self)
        # The page's own layout: the banner on top, the view's content below.
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        self.page_layout.addWidget(self.banner)
        # Disconnected by Qt when the view is deleted.
        ops.changed.connect(self.refresh_for)

    # --- what a view overrides ---

    def refresh_for(self, changes: Changes) -> None:
        """A change committed somewhere: reload what this view shows, if touched."""

    def save_now(self) -> None:
        """Write what is pending (a draft) before the view closes."""

    # --- operations owned by this view ---

    def query(self, work: Work, on_done: Callable[[Any], None], **options) -> Operation:
        return self.ops.query(self, work, on_done, **options)

    def change(self, work: Work, on_done: Callable[[Any], None] | None = None, **options):
        return self.ops.change(self, work, on_done, **options)

    def show_problem(
        self, problem: Problem, retry: Callable[[], object] | None = None, *, what: str = ""
    ) -> None:
        self.banner.show_problem(problem, retry, what=what)
