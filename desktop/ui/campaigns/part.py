"""The campaigns part (desktop/ui/parts.py): the Campaigns menu — the campaigns view
(a tab), "Sync now", the periodic background sync, recording the outcomes of closed
campaigns, the platform dialog — and a sync indicator in the status bar.

It talks to the window only through the `Host`. A sync and recording outcomes are
changes (`host.ops.change`): once they have written, the broadcast refreshes an open
campaigns view, which is never called from here. After an offline attempt the
periodic sync waits twice as long each time (up to an hour) instead of knocking
every few minutes, and the view says "offline, data as of …". The sync and view
modules load when first used, not at start-up.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from desktop.domain.problems import Problem
from desktop.services.changes import NOTHING, Changed, Changes, Kind

if TYPE_CHECKING:
    from desktop.ui.campaigns.view import CampaignsView
    from desktop.ui.parts import Host

log = logging.getLogger(__name__)

MAX_BACKOFF_MINUTES = 60
VIEW_KEY = "campaigns"


class CampaignTracking(QObject):
    # Whether a sync is running: the open view's Sync button waits meanwhile.
    syncing = Signal(bool)

    def __init__(self, host: Host):
        parent = host if isinstance(host, QWidget) else None
        super().__init__(parent)
        self.host = host
        self.demo_platform = host.demo_platform
        self.running = False
        self.last_result = None
        self._backoff = 1
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._periodic_sync)

        self.open_action = QAction(self.tr("&Campaigns"), self)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.open_action.triggered.connect(lambda _checked=False: self.open_view())
        self.sync_action = QAction(self.tr("&Sync Now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.triggered.connect(lambda _checked=False: self.sync_now())
        self.platform_action = QAction(self.tr("&Platform and Credentials…"), self)
        self.platform_action.triggered.connect(lambda _checked=False: self.open_platform_dialog())
        self.close_action = QAction(self.tr("&Record Outcomes of Closed Campaigns"), self)
        self.close_action.triggered.connect(lambda _checked=False: self.record_outcomes())

        self.menu = QMenu(self.tr("Ca&mpaigns"), parent)
        for action in (self.open_action, self.sync_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.close_action)
        self.menu.addSeparator()
        self.menu.addAction(self.platform_action)
        host.add_menu(self.menu)

        # Words, not only a colour: "Syncing…", "Campaigns offline".
        self.indicator = QLabel()
        self.indicator.setObjectName("syncIndicator")
        self.indicator.setAccessibleName(self.tr("Campaign sync"))
        self.indicator.hide()
        host.add_status_widget(self.indicator)
        self.schedule()

    # --- where to sync from ---

    def server(self) -> tuple[str, str, str] | None:
        """(url, platform kind, CA bundle) or None when no platform is set."""
        if self.demo_platform is not None:
            return self.demo_platform.url, "commissione", ""
        settings = self.host.settings
        if not settings.platform_url:
            return None
        return settings.platform_url, settings.platform_kind, settings.ca_bundle

    def interval_ms(self) -> int:
        if self.demo_platform is not None:
            minutes = self.demo_platform.interval_seconds / 60
        else:
            minutes = self.host.settings.sync_interval_minutes
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

    def open_view(self) -> CampaignsView:
        def build():
            from desktop.ui.campaigns.view import CampaignsView

            host = self.host
            view = CampaignsView(host.ops, host.database, host.call, host.language)
            view.sync_requested.connect(self.sync_now)
            # Disconnected by Qt when the view is deleted (its tab closed).
            self.syncing.connect(view.set_syncing)
            view.set_syncing(self.running)
            view.refresh()
            return view

        return self.host.open_view(VIEW_KEY, self.tr("Campaigns"), build)

    def view(self) -> CampaignsView | None:
        return self.host.view(VIEW_KEY)

    # --- syncing ---

    def _periodic_sync(self) -> None:
        self.sync_now(quiet=True)

    def sync_now(self, quiet: bool = False) -> None:
        if self.running:
            return
        server = self.server()
        if server is None:
            if not quiet:
                self.host.say(
                    self.tr(
                        "No crowdfunding platform is set: choose Campaigns › Platform and "
                        "Credentials… to add one."
                    ),
                    10_000,
                )
                self.open_platform_dialog()
            return
        url, kind, ca_bundle = server
        database, call = self.host.database, self.host.call
        credential = None
        if self.demo_platform is not None:
            from desktop.sync.credentials import Credential
            from desktop.sync.http import Secret

            credential = Credential("", Secret(self.demo_platform.token), "session")

        # The sync holds the single writer, network included: `sync()` fetches,
        # compares with the stored rows, fetches again what moved meanwhile, then
        # writes everything in one transaction, all in one call. Fetching in a query
        # and writing in a change would mean splitting that call, and planning
        # against rows another change may have altered in between. The wait is
        # bounded (RetryPolicy: 60 s per request at most); an unreachable server
        # fails on the first request, and a draft saved meanwhile is written just
        # after, never lost.
        def work(_task):
            from desktop.sync.service import sync

            result = sync(database, call, url, kind, ca_bundle or None, credential=credential)
            # A result always wrote: the data and its freshness, or (failed) the
            # attempt, which makes the view say "offline". Only a refusal before
            # anything (an unusable address) raises instead.
            return Changed(result, Changes.of(Kind.CAMPAIGNS))

        self._set_running(True)
        self.host.say(self.tr("Syncing the campaigns…"), 0)
        self.host.ops.change(
            self,
            work,
            self._synced,
            on_problem=self._sync_problem,
            on_finished=self._sync_finished,
        )

    def _synced(self, result) -> None:
        self.last_result = result
        self._backoff = 1 if result.ok else min(self._backoff * 2, 12)
        self.host.say(result.message(self.host.language), 15_000)
        if result.ok:
            self.indicator.hide()
        else:
            self.indicator.setText(self.tr("Campaigns offline"))
            self.indicator.setToolTip(result.message(self.host.language))
            self.indicator.show()

    def _sync_problem(self, problem: Problem) -> bool:
        # An unusable address or platform name, or a database that cannot take the
        # write: said where the user looks, with Retry on the view when it may help.
        retry = self.sync_now if problem.temporary else None
        self._tell(problem, self.tr("The campaigns were not synced."), retry)
        return True

    def _sync_finished(self) -> None:
        self._set_running(False)
        self.schedule()

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.sync_action.setEnabled(not running)
        if running:
            self.indicator.setText(self.tr("Syncing…"))
            self.indicator.setToolTip("")
            self.indicator.show()
        elif self.indicator.text() == self.tr("Syncing…"):
            self.indicator.hide()
        self.syncing.emit(running)

    def _tell(self, problem: Problem, what: str, retry) -> None:
        view = self.view()
        if view is not None:
            view.show_problem(problem, retry, what=what)
        self.host.say(f"{what} {problem.text(self.host.language)}", 15_000)

    # --- outcomes and settings ---

    def record_outcomes(self) -> None:
        database, call = self.host.database, self.host.call

        def work(_task):
            from desktop.services.campaigns import record_outcomes

            recorded = record_outcomes(database, call)
            return Changed(recorded, Changes.of(Kind.CAMPAIGNS) if recorded else NOTHING)

        def done(recorded) -> None:
            self.host.say(self.tr("Outcomes recorded: {count}").format(count=len(recorded)), 10_000)

        def problem(problem: Problem) -> bool:
            retry = self.record_outcomes if problem.temporary else None
            self._tell(problem, self.tr("Not recorded."), retry)
            return True

        self.host.ops.change(self, work, done, on_problem=problem)

    def open_platform_dialog(self) -> None:
        from desktop.ui.campaigns.platform_dialog import PlatformDialog

        host = self.host
        parent = host if isinstance(host, QWidget) else None
        dialog = PlatformDialog(host.settings, host.ops, parent, language=host.language)
        if self.demo_platform is not None:
            dialog.show_demo(self.demo_platform.url)
        try:
            if dialog.exec():
                self._backoff = 1
                self.schedule()
        finally:
            dialog.deleteLater()  # and with it, its credential test if still running


def install(host: Host) -> CampaignTracking:
    tracking = CampaignTracking(host)
    if host.demo_platform is not None:
        tracking.sync_now(quiet=True)  # live campaigns from the first minute
    return tracking
