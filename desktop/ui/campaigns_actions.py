"""The Campaigns menu of the main window: the campaigns view (a tab), "Sync now",
the periodic background sync and the platform dialog.

Syncs run on a worker through the window's TaskRunner; the window stays usable.
After an offline attempt the periodic sync waits twice as long each time (up to
an hour) instead of knocking every few minutes, and the view says "offline, data
as of …". The sync and view modules load when first used, not at start-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

log = logging.getLogger(__name__)

MAX_BACKOFF_MINUTES = 60


@dataclass
class DemoPlatform:
    """The platform simulator `commissione --demo` runs: its address and token,
    used for this session only (never written to the keyring)."""

    url: str
    token: str
    interval_seconds: int = 30


class CampaignTracking(QObject):
    def __init__(self, window, demo_platform: DemoPlatform | None = None):
        super().__init__(window)
        self.window = window
        self.demo_platform = demo_platform
        self.running = False
        self.last_result = None
        self._backoff = 1
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._periodic_sync)

        self.open_action = QAction(self.tr("&Campaigns"), window)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.open_action.triggered.connect(lambda _checked=False: self.open_view())
        self.sync_action = QAction(self.tr("&Sync Now"), window)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.triggered.connect(lambda _checked=False: self.sync_now())
        self.platform_action = QAction(self.tr("&Platform and Credentials…"), window)
        self.platform_action.triggered.connect(lambda _checked=False: self.open_platform_dialog())
        self.close_action = QAction(self.tr("&Record Outcomes of Closed Campaigns"), window)
        self.close_action.triggered.connect(lambda _checked=False: self.record_outcomes())

        self.menu = QMenu(self.tr("Ca&mpaigns"), window)
        for action in (self.open_action, self.sync_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.close_action)
        self.menu.addSeparator()
        self.menu.addAction(self.platform_action)
        # Before the Tools menu (the one holding Preferences), like the Evaluation menu.
        bar = window.menuBar()
        preferences = getattr(window, "preferences_action", None)
        tools = next(
            (
                a
                for a in bar.actions()
                if a.menu() is not None and preferences in a.menu().actions()
            ),
            None,
        )
        if tools is None:
            bar.addMenu(self.menu)
        else:
            bar.insertMenu(tools, self.menu)
        self.schedule()

    # --- where to sync from ---

    def server(self) -> tuple[str, str, str] | None:
        """(url, platform kind, CA bundle) or None when no platform is set."""
        if self.demo_platform is not None:
            return self.demo_platform.url, "commissione", ""
        settings = self.window.settings
        if not settings.platform_url:
            return None
        return settings.platform_url, settings.platform_kind, settings.ca_bundle

    def interval_ms(self) -> int:
        if self.demo_platform is not None:
            minutes = self.demo_platform.interval_seconds / 60
        else:
            minutes = self.window.settings.sync_interval_minutes
        if not minutes:
            return 0
        minutes = min(minutes * self._backoff, max(minutes, MAX_BACKOFF_MINUTES))
        return int(minutes * 60_000)

    def schedule(self) -> None:
        interval = self.interval_ms()
        if interval and self.server() is not None:
            self.timer.start(interval)
        else:
            self.timer.stop()

    # --- the view ---

    def open_view(self):
        def build():
            from desktop.ui.campaigns_view import CampaignsView

            view = CampaignsView(
                self.window.database, self.window.call, self.window.tasks, self.window.language
            )
            view.sync_requested.connect(self.sync_now)
            view.set_syncing(self.running)
            view.refresh()
            return view

        return self.window.open_view("campaigns", self.tr("Campaigns"), build)

    def view(self):
        return self.window.view("campaigns")

    # --- syncing ---

    def _periodic_sync(self) -> None:
        self.sync_now(quiet=True)

    def sync_now(self, quiet: bool = False) -> None:
        if self.running:
            return
        server = self.server()
        if server is None:
            if not quiet:
                self.window.statusBar().showMessage(
                    self.tr(
                        "No crowdfunding platform is set: choose Campaigns › Platform and "
                        "Credentials… to add one."
                    ),
                    10_000,
                )
                self.open_platform_dialog()
            return
        url, kind, ca_bundle = server
        database, call = self.window.database, self.window.call
        credential = None
        if self.demo_platform is not None:
            from desktop.sync.credentials import Credential
            from desktop.sync.http import Secret

            credential = Credential("", Secret(self.demo_platform.token), "session")

        def work(_task):
            from desktop.sync.service import sync

            return sync(database, call, url, kind, ca_bundle or None, credential=credential)

        self._set_running(True)
        self.window.statusBar().showMessage(self.tr("Syncing the campaigns…"))
        self.window.tasks.run(work, self._synced, self._sync_failed)

    def _synced(self, result) -> None:
        self._set_running(False)
        self.last_result = result
        self._backoff = 1 if result.ok else min(self._backoff * 2, 12)
        self.window.statusBar().showMessage(result.message(self.window.language), 15_000)
        view = self.view()
        if view is not None:
            view.refresh()
        self.schedule()

    def _sync_failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.schedule()
        from desktop.sync import SyncProblem

        if isinstance(error, SyncProblem):  # an unusable address or platform name
            message = error.en if self.window.language == "en" else error.it
            self.window.statusBar().showMessage(message, 15_000)
            return
        raise error  # a bug: the crash handler shows it and logs it

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.sync_action.setEnabled(not running)
        view = self.view()
        if view is not None:
            view.set_syncing(running)

    # --- outcomes and settings ---

    def record_outcomes(self) -> None:
        database, call = self.window.database, self.window.call

        def work(_task):
            from desktop.services.campaigns import record_outcomes

            return record_outcomes(database, call)

        def done(recorded) -> None:
            self.window.statusBar().showMessage(
                self.tr("Outcomes recorded: {count}").format(count=len(recorded)), 10_000
            )
            view = self.view()
            if view is not None:
                view.refresh()

        self.window.tasks.run(work, done, self.window._problem_handler(self.tr("Not recorded.")))

    def open_platform_dialog(self) -> None:
        from desktop.ui.platform_dialog import PlatformDialog

        dialog = PlatformDialog(self.window.settings, self.window.tasks, self.window)
        if self.demo_platform is not None:
            dialog.show_demo(self.demo_platform.url)
        if dialog.exec():
            self._backoff = 1
            self.schedule()


def install_campaigns(window, demo_platform: DemoPlatform | None = None) -> CampaignTracking:
    window.campaigns = CampaignTracking(window, demo_platform)
    return window.campaigns
