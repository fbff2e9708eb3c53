"""How a part of the application (evaluation, campaigns; next the letters and the
meeting) plugs into the main window: through this declared host, never by setting
attributes on the window or calling its private methods.

A part is a module with `install(host: Host) -> QObject`; the returned object holds
the part's actions and lives as long as the window. The main window installs the
parts listed in `PARTS` just after its first paint, so their modules do not slow
start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QMenu, QWidget

    from db.engine import Database
    from desktop.domain.calls import CallDefinition
    from desktop.platform import DemoPlatform
    from desktop.ui.operations import Operations
    from desktop.ui.settings import Settings

# name → module, installed in this order; each module has `install(host)`.
PARTS = {
    "evaluation": "desktop.ui.evaluation.part",
    "campaigns": "desktop.ui.campaigns.part",
    "letters": "desktop.ui.letters.part",
    "meeting": "desktop.ui.meeting.part",
}


class Host(Protocol):
    """What the main window offers a part."""

    database: Database
    call: CallDefinition
    ops: Operations
    settings: Settings
    language: str
    demo_platform: DemoPlatform | None  # `commissione --demo`: the simulator to sync from

    def add_menu(self, menu: QMenu) -> None:
        """Adds the part's menu to the menu bar, before Tools and Help."""

    def open_view(self, key: str, title: str, factory: Callable[[], QWidget]) -> QWidget:
        """Shows the view named `key` as a tab, building it the first time."""

    def view(self, key: str) -> QWidget | None: ...

    def select_application(self, code: str) -> None:
        """Shows an application in the applications tab."""

    def show_problem(self, problem, retry=None, *, what: str = "") -> None:
        """An expected problem in the window's banner: `what` did not happen, and why."""

    def open_window(self, database: Database, call: CallDefinition) -> QWidget:
        """Another main window on another database (a kit workspace)."""

    def say(self, text: str, milliseconds: int = 5000) -> None:
        """A passing message in the status bar."""

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent widget in the status bar (a sync indicator)."""

    def part(self, name: str) -> QObject | None:
        """Another installed part, by its name in `PARTS`."""
