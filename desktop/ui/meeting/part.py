"""The meeting part (desktop/ui/parts.py): the *Meeting* menu — the console (a tab,
Ctrl+Shift+M), the room view for the projector (Ctrl+Shift+R: full screen on the
second screen when there is one) and the kiosk for a screen outside the room
(Ctrl+Shift+K), the minutes and the letters of the decided applications (asked in
the console).

The room view and the kiosk read the sitting through one feed: a query on
`room_state` (the latest wins) whenever a change touches `Kind.MEETING` or the
decisions; between two changes their clocks move on by themselves, without asking
the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop.services.changes import Changes, Kind

if TYPE_CHECKING:
    from desktop.ui.meeting.console import MeetingConsole
    from desktop.ui.parts import Host

VIEW_KEY = "meeting"
SHORTCUT = "Ctrl+Shift+M"
ROOM_SHORTCUT = "Ctrl+Shift+R"
KIOSK_SHORTCUT = "Ctrl+Shift+K"


class RoomFeed(QObject):
    """The latest RoomState, for the room view and the kiosk."""

    state_changed = Signal(object)

    def __init__(self, ops, database, call, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = ops
        self.database = database
        self.call = call
        self.state = None
        self.loads = 0  # queries asked (the tests count them: never one a second)
        ops.changed.connect(self.refresh_for)

    def refresh_for(self, changes: Changes) -> None:
        if changes.touches(Kind.MEETING, Kind.DECISIONS, Kind.APPLICATIONS):
            self.refresh()

    def refresh(self) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import room_state

            return room_state(database, call)

        self.loads += 1
        self.ops.query(self, work, self._loaded, key="room")

    def _loaded(self, state) -> None:
        self.state = state
        self.state_changed.emit(state)


class MeetingActions(QObject):
    def __init__(self, host: Host):
        parent = host if isinstance(host, QWidget) else None
        super().__init__(parent)
        self.host = host
        self.feed: RoomFeed | None = None
        self.room = None
        self.kiosk = None
        self.open_action = self._action(self.tr("Meeting &Console"), self.open_view, SHORTCUT)
        self.open_action.setObjectName("openMeeting")
        self.room_action = self._action(self.tr("&Room View"), self.show_room, ROOM_SHORTCUT)
        self.room_action.setObjectName("showRoomView")
        self.kiosk_action = self._action(self.tr("&Kiosk"), self.show_kiosk, KIOSK_SHORTCUT)
        self.kiosk_action.setObjectName("showKiosk")
        self.minutes_action = self._action(
            self.tr("&Minutes…"), lambda: self.open_view().ask_minutes()
        )
        self.letters_action = self._action(
            self.tr("Generate &Letters…"), lambda: self.open_view().ask_letters()
        )
        self.menu = QMenu(self.tr("&Meeting"), parent)
        self.menu.setObjectName("meetingMenu")
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.room_action)
        self.menu.addAction(self.kiosk_action)
        self.menu.addSeparator()
        self.menu.addAction(self.minutes_action)
        self.menu.addAction(self.letters_action)
        host.add_menu(self.menu)

    def _action(self, text: str, slot, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def open_view(self) -> MeetingConsole:
        def build():
            from desktop.ui.meeting.console import MeetingConsole

            host = self.host
            view = MeetingConsole(host.ops, host.database, host.call, actions=self)
            view.refresh()
            return view

        return self.host.open_view(VIEW_KEY, self.tr("Meeting"), build)

    def view(self) -> MeetingConsole | None:
        return self.host.view(VIEW_KEY)

    def room_feed(self) -> RoomFeed:
        if self.feed is None:
            self.feed = RoomFeed(self.host.ops, self.host.database, self.host.call, self)
        return self.feed

    def _presentation(self, cls, attribute: str):
        from desktop.ui.meeting import room

        window = getattr(self, attribute)
        if window is None:
            # A window of its own, owned by the main window: it goes when that closes.
            parent = self.host if isinstance(self.host, QWidget) else None
            window = getattr(room, cls)(parent)
            feed = self.room_feed()
            feed.state_changed.connect(window.set_state)
            if feed.state is not None:
                window.set_state(feed.state)
            setattr(self, attribute, window)
        self.room_feed().refresh()
        window.present()
        return window

    def show_room(self):
        return self._presentation("RoomView", "room")

    def show_kiosk(self):
        return self._presentation("KioskView", "kiosk")

    def close_windows(self) -> None:
        for window in (self.room, self.kiosk):
            if window is not None:
                window.close()


def install(host: Host) -> MeetingActions:
    return MeetingActions(host)
