"""The campaigns of the call: a table of every campaign (raised against target with a
progress bar, % of target, donors, average donation, days left, the daily rate still
needed, the forecast, whether it is at risk and why, the linked application), the
call's totals, how fresh the data is, a "Sync now" button, and the selected
campaign's chart.

The view loads nothing on the GUI thread: `refresh()` and the chart's series are
queries it owns (the latest of each kind wins; closing the view drops them). The
sync is not the view's: it emits `sync_requested`, whoever runs the sync calls
`set_syncing()`, and the sync's broadcast (a change touching the campaigns) makes
the view reload through `refresh_for`, as does any change to the applications
(their codes and grants show here).

The table model keeps plain rows and sorts them itself (as the applications table
does); colours only repeat what the text says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition
from desktop.domain.campaigns import CampaignStatus, Phase, RiskReason
from desktop.domain.formatting import datetime_rome
from desktop.domain.formatting import money as format_eur
from desktop.domain.formatting import money_whole as format_eur_whole
from desktop.domain.formatting import percent as format_percent
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import campaign_status_label
from desktop.services.campaigns import (
    CampaignRow,
    CampaignSeries,
    CampaignsOverview,
    campaign_series,
    load_campaigns,
)
from desktop.services.changes import Changes, Kind
from desktop.ui.campaigns.chart import CampaignChart
from desktop.ui.operations import Operations
from desktop.ui.widgets.view import View

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole CampaignRow
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # (permille of target, bar text)

_TOP = QModelIndex()

AT_RISK_COLOUR = QColor("#c62828")

STATUS_RANK = {
    CampaignStatus.OPEN: 0,
    CampaignStatus.SCHEDULED: 1,
    CampaignStatus.SUCCEEDED: 2,
    CampaignStatus.FAILED: 3,
    CampaignStatus.CANCELLED: 4,
}


class Column(IntEnum):
    CODE = 0
    TITLE = 1
    STATUS = 2
    RAISED = 3
    PERCENT = 4
    DONORS = 5
    AVERAGE = 6
    DAYS_LEFT = 7
    REQUIRED = 8
    FORECAST = 9
    RISK = 10
    APPLICATION = 11


RIGHT_ALIGNED = (
    Column.PERCENT,
    Column.DONORS,
    Column.AVERAGE,
    Column.DAYS_LEFT,
    Column.REQUIRED,
    Column.FORECAST,
)


def _sort_key(column: Column):
    """One comparable value per row (all of one type), missing values last ascending."""
    big = 1 << 62
    if column is Column.CODE:
        return lambda row: row.code
    if column is Column.TITLE:
        return lambda row: row.title.casefold()
    if column is Column.STATUS:
        return lambda row: STATUS_RANK.get(row.status, 9)
    if column is Column.RAISED:
        return lambda row: row.metrics.raised_cents
    if column is Column.PERCENT:
        return lambda row: (
            row.metrics.percent_of_target if row.metrics.percent_of_target is not None else big
        )
    if column is Column.DONORS:
        return lambda row: row.metrics.donors
    if column is Column.AVERAGE:
        return lambda row: (
            row.metrics.average_donation_cents
            if row.metrics.average_donation_cents is not None
            else big
        )
    if column is Column.DAYS_LEFT:
        return lambda row: row.metrics.days_left if row.metrics.days_left is not None else big
    if column is Column.REQUIRED:
        return lambda row: (
            row.metrics.required_daily_cents
            if row.metrics.required_daily_cents is not None
            else big
        )
    if column is Column.FORECAST:
        return lambda row: row.metrics.forecast.expected_cents if row.metrics.forecast else big
    if column is Column.RISK:
        # At risk first (the most reasons first), then running, then the rest.
        return lambda row: (
            -len(row.metrics.reasons)
            if row.metrics.at_risk
            else (0 if row.metrics.phase is Phase.RUNNING else 1)
        )
    return lambda row: row.application_code or "\uffff"


class CampaignsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, language: str = "it"):
        super().__init__(parent)
        self.language = language
        self._rows: list[CampaignRow] = []
        self._order: list[int] = []
        self._sorted_by: tuple[Column, Qt.SortOrder] | None = None
        self._headers = {
            Column.CODE: self.tr("Code"),
            Column.TITLE: self.tr("Campaign"),
            Column.STATUS: self.tr("Status"),
            Column.RAISED: self.tr("Raised / target"),
            Column.PERCENT: self.tr("% of target"),
            Column.DONORS: self.tr("Donors"),
            Column.AVERAGE: self.tr("Average donation"),
            Column.DAYS_LEFT: self.tr("Days left"),
            Column.REQUIRED: self.tr("Needed per day"),
            Column.FORECAST: self.tr("Forecast"),
            Column.RISK: self.tr("At risk"),
            Column.APPLICATION: self.tr("Application"),
        }

    # --- what the view asks ---

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._order = list(range(len(self._rows)))
        if self._sorted_by is not None:
            self._sort_order(*self._sorted_by)
        self.endResetModel()

    def row(self, position: int) -> CampaignRow:
        return self._rows[self._order[position]]

    def position_of(self, campaign_id: int) -> int | None:
        for position, index in enumerate(self._order):
            if self._rows[index].campaign_id == campaign_id:
                return position
        return None

    # --- texts (also for the accessible text and tooltips) ---

    def status_text(self, row: CampaignRow) -> str:
        return campaign_status_label(row.status, self.language)

    def reason_text(self, reason: RiskReason) -> str:
        values = reason.values
        if reason.rule == "forecast_below_target":
            return self.tr("forecast {forecast} below the target {target}").format(**values)
        if reason.rule == "slow_start":
            return self.tr(
                "{elapsed} of the duration gone with {percent} of the target (threshold {threshold})"
            ).format(**values)
        if reason.rule == "required_rate":
            return self.tr(
                "needs {required} a day, more than {factor} times the average so far ({average} a day)"
            ).format(**values)
        if reason.rule == "closing_short":
            # Two sentences rather than "%n day(s)": English is the untranslated source.
            if values.get("days") == "1":
                return self.tr(
                    "closes in 1 day at {percent} of the target (threshold {threshold})"
                ).format(**values)
            return self.tr(
                "closes in {days} days at {percent} of the target (threshold {threshold})"
            ).format(**values)
        return reason.en

    def risk_text(self, row: CampaignRow) -> str:
        metrics = row.metrics
        if metrics.at_risk:
            return self.tr("At risk: {reasons}").format(
                reasons="; ".join(self.reason_text(r) for r in metrics.reasons)
            )
        if row.outcome is not None:
            if row.outcome.reached:
                return (
                    self.tr("Target reached: grant awarded")
                    if row.linked
                    else self.tr("Target reached")
                )
            return (
                self.tr("Target not reached: no grant")
                if row.linked
                else self.tr("Target not reached")
            )
        if metrics.phase is Phase.RUNNING:
            return self.tr("On course")
        if metrics.phase is Phase.NOT_STARTED:
            return self.tr("Not started")
        if metrics.phase is Phase.CLOSED:
            return self.tr("Closed, waiting for the final data")
        return ""

    def forecast_text(self, row: CampaignRow) -> str:
        forecast = row.metrics.forecast
        if forecast is None or row.metrics.phase is not Phase.RUNNING:
            return ""
        return self.tr("{expected} ({low}–{high})").format(
            expected=format_eur_whole(forecast.expected_cents),
            low=format_eur_whole(forecast.low_cents),
            high=format_eur_whole(forecast.high_cents),
        )

    def application_text(self, row: CampaignRow) -> str:
        if not row.linked:
            return self.tr("not linked")
        if row.link_source == "manual":
            return self.tr("{code} (linked by hand)").format(code=row.application_code)
        return row.application_code or ""

    def raised_text(self, row: CampaignRow) -> str:
        return f"{format_eur(row.metrics.raised_cents)} / {format_eur(row.metrics.target_cents)}"

    def percent_text(self, row: CampaignRow) -> str:
        percent = row.metrics.percent_of_target
        return format_percent(percent) if percent is not None else ""

    # --- sorting on Python lists ---

    def _sort_order(self, column: Column, order: Qt.SortOrder) -> None:
        key = _sort_key(column)
        rows = self._rows
        self._order.sort(key=lambda i: key(rows[i]), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        column = Column(column)
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._order[index.row()], index.column()) for index in persistent]
        self._sort_order(column, order)
        if persistent:
            # Selection and current row follow their campaign, not their row number.
            position = {i: p for p, i in enumerate(self._order)}
            self.changePersistentIndexList(
                persistent, [self.index(position[i], c) for i, c in before]
            )
        self.layoutChanged.emit()

    # --- QAbstractTableModel ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._order[index.row()]]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == SORT_ROLE:
            return _sort_key(column)(row)
        if role == ROW_ROLE:
            return row
        if role == PROGRESS_ROLE and column is Column.RAISED:
            target = row.metrics.target_cents
            permille = min(1000, row.metrics.raised_cents * 1000 // target) if target else 0
            text = f"{self.percent_text(row)} · {format_eur_whole(row.metrics.raised_cents)} / {format_eur_whole(target)}"
            return permille, text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.DecorationRole and column is Column.RISK and row.metrics.at_risk:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.RISK and row.metrics.at_risk:
            return AT_RISK_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.RISK:
                return "\n".join(
                    self.reason_text(r) for r in row.metrics.reasons
                ) or self.risk_text(row)
            if column is Column.FORECAST and row.metrics.forecast is not None:
                return self.tr("Expected at closing, with the likely range")
            if column in (Column.TITLE, Column.RAISED):
                return self._display(row, column)
        return None

    def _display(self, row: CampaignRow, column: Column) -> str:
        metrics = row.metrics
        if column is Column.CODE:
            return row.code
        if column is Column.TITLE:
            return row.title
        if column is Column.STATUS:
            return self.status_text(row)
        if column is Column.RAISED:
            return self.raised_text(row)
        if column is Column.PERCENT:
            return self.percent_text(row)
        if column is Column.DONORS:
            return str(metrics.donors)
        if column is Column.AVERAGE:
            return (
                format_eur(metrics.average_donation_cents)
                if metrics.average_donation_cents is not None
                else ""
            )
        if column is Column.DAYS_LEFT:
            return str(metrics.days_left) if metrics.days_left is not None else ""
        if column is Column.REQUIRED:
            return (
                format_eur(metrics.required_daily_cents)
                if metrics.required_daily_cents is not None
                else ""
            )
        if column is Column.FORECAST:
            return self.forecast_text(row)
        if column is Column.RISK:
            return self.risk_text(row)
        return self.application_text(row)


class ProgressDelegate(QStyledItemDelegate):
    """Raised against target as a progress bar that also says the % and the amounts:
    the bar's length is never the only way to read it."""

    def paint(self, painter, option, index) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        permille, text = value
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum = 0
        bar.maximum = 1000
        bar.progress = permille
        bar.text = text
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class CampaignsView(View):
    sync_requested = Signal()
    campaign_selected = Signal(int)  # the campaign's id

    def __init__(
        self,
        ops: Operations,
        database,
        call: CallDefinition,
        language: str = "it",
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.language = language
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.overview: CampaignsOverview | None = None
        self.wanted_campaign: int | None = None
        self.setObjectName("campaignsView")

        self.model = CampaignsModel(self, self.language)
        self.freshness = QLabel(self.tr("Campaigns not loaded yet"))
        self.freshness.setObjectName("freshness")
        self.freshness.setAccessibleName(self.tr("How fresh the campaign data is"))
        self.sync_button = QPushButton(self.tr("&Sync Now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.sync_button.clicked.connect(lambda _checked=False: self.sync_requested.emit())

        top = QHBoxLayout()
        top.addWidget(self.freshness, 1)
        top.addWidget(self.sync_button)

        self.totals = QLabel()
        self.totals.setObjectName("callTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setAccessibleName(self.tr("Totals of the call"))

        self._build_table()
        self.reasons = QLabel()
        self.reasons.setObjectName("campaignReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = CampaignChart()
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.reasons)
        below_layout.addWidget(self.chart, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("campaignsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(below)
        self.splitter.setChildrenCollapsible(False)

        # Below the banner (View): the page keeps the margins the style gives a page.
        content = QVBoxLayout()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        content.setContentsMargins(margin, margin, margin, margin)
        content.addLayout(top)
        content.addWidget(self.totals)
        content.addWidget(self.splitter, 1)
        self.page_layout.addLayout(content, 1)
        QWidget.setTabOrder(self.sync_button, self.table)
        QWidget.setTabOrder(self.table, self.chart)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("campaigns")
        self.table.setAccessibleName(self.tr("Campaigns"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.RAISED, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        samples = {
            Column.CODE: "CC24-0000",
            Column.TITLE: "x" * 22,
            Column.STATUS: "non riuscita",
            Column.RAISED: "100,0% · 100.000 € / 100.000 €",
            Column.PERCENT: "100,0%",
            Column.DONORS: "0000",
            Column.AVERAGE: "1.000,00 €",
            Column.DAYS_LEFT: "00",
            Column.REQUIRED: "10.000,00 €",
            Column.FORECAST: "100.000 € (90.000–120.000 €)",
            Column.RISK: "x" * 24,
            Column.APPLICATION: "CC24-0000",
        }
        for column, sample in samples.items():
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(heading))
            header.resizeSection(column, width + (34 if column is Column.RISK else 20))
        # Twelve columns rarely fit: the title keeps a readable width and the table
        # scrolls sideways, rather than the title shrinking to nothing.
        header.setStretchLastSection(True)
        header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    # --- loading (queries on workers) ---

    def refresh(self) -> None:
        """Loads the campaigns again (after a change, or F5)."""
        database, call, now = self.database, self.call, self.clock()
        self.query(
            lambda _task: load_campaigns(database, call, now), self.show_overview, key="overview"
        )

    def refresh_for(self, changes: Changes) -> None:
        # Campaigns, donations, links, outcomes; and the applications' codes and grants.
        if changes.touches(Kind.CAMPAIGNS, Kind.APPLICATIONS):
            self.refresh()

    def show_problem(
        self, problem: Problem, retry: Callable[[], object] | None = None, *, what: str = ""
    ) -> None:
        # The view's own operations only load: say what did not happen.
        super().show_problem(
            problem, retry, what=what or self.tr("The campaigns could not be loaded.")
        )

    @Slot(object)
    def show_overview(self, overview: CampaignsOverview) -> None:
        """Shows a loaded overview: rows, totals, freshness; keeps the selection."""
        self.overview = overview
        if self.banner.kind == "problem":
            self.banner.clear()  # loaded after all: the problem is over
        self.model.set_rows(overview.rows)
        self.freshness.setText(self.freshness_text(overview))
        self.totals.setText(self.totals_text(overview))
        if self.wanted_campaign is not None and overview.row(self.wanted_campaign) is not None:
            self.select_campaign(self.wanted_campaign)
            self.load_series(self.wanted_campaign)  # its figures may have changed too
        elif self.wanted_campaign is not None:
            self.wanted_campaign = None
            self.chart.clear()
            self.reasons.clear()

    @Slot(bool)
    def set_syncing(self, running: bool) -> None:
        """While a sync runs the button waits; the table stays usable."""
        self.sync_button.setEnabled(not running)
        self.sync_button.setText(self.tr("Syncing…") if running else self.tr("&Sync Now"))

    def freshness_text(self, overview: CampaignsOverview) -> str:
        when = overview.data_as_of
        if when is None:
            text = self.tr("No data synced yet")
            return self.tr("Offline: {text}").format(text=text) if overview.offline else text
        shown = datetime_rome(when)
        if overview.offline:
            return self.tr("Offline: data as of {when}").format(when=shown)
        return self.tr("Data as of {when}").format(when=shown)

    def totals_text(self, overview: CampaignsOverview) -> str:
        totals = overview.totals
        parts = [
            self.tr("Raised: {amount}").format(amount=format_eur(totals.raised_cents)),
            self.tr("Grants awarded: {amount}").format(
                amount=format_eur(totals.grants_awarded_cents)
            ),
            self.tr("Grants due if all succeed: {amount}").format(
                amount=format_eur(totals.grants_due_cents)
            ),
            self.tr("Grants at risk: {amount}").format(
                amount=format_eur(totals.grants_at_risk_cents)
            ),
            self.tr("Budget left: {amount} of {budget}").format(
                amount=format_eur(totals.budget_left_cents), budget=format_eur(totals.budget_cents)
            ),
        ]
        if totals.unlinked:
            parts.append(
                self.tr("1 campaign not linked to an application")
                if totals.unlinked == 1
                else self.tr("{count} campaigns not linked to an application").format(
                    count=totals.unlinked
                )
            )
        return " · ".join(parts)

    # --- selection and the chart ---

    def select_campaign(self, campaign_id: int) -> None:
        position = self.model.position_of(campaign_id)
        if position is None:
            return
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected_row(self) -> CampaignRow | None:
        current = self.table.currentIndex()
        return self.model.row(current.row()) if current.isValid() else None

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row(current.row())
        self.reasons.setText(self.model.risk_text(row))
        if row.campaign_id != self.wanted_campaign or self.chart.series is None:
            # Not a re-selection after a reload (show_overview reloads the chart itself).
            self.load_series(row.campaign_id)
        self.campaign_selected.emit(row.campaign_id)

    def load_series(self, campaign_id: int) -> None:
        self.wanted_campaign = campaign_id
        database, call, now = self.database, self.call, self.clock()
        # One key for every campaign's series: the one the user left is never shown.
        self.query(
            lambda _task: campaign_series(database, campaign_id, now, call=call),
            self._series_loaded,
            key="series",
        )

    def _series_loaded(self, series: CampaignSeries) -> None:
        self.chart.set_series(series)
