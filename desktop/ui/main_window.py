"""The main window: the applications of the call in a table with a search box and
filters, and the selected application in a detail panel below or beside it. Other
views (evaluation, ranking, campaigns) open as tabs beside the applications.

The GUI thread only paints and reacts. Every read and write goes through the
operations layer (`self.ops`, desktop/ui/operations.py): the rows and the detail are
queries (only the latest of each kind delivers), an override and a re-check are
changes that say what they touched; the window refreshes what it shows from the
`changed` broadcast, whoever made the change (an import, another view, a kit return).
Expected problems show in the banner above the tabs; anything else reaches
sys.excepthook.

Start-up: the window paints first, saying it is opening the database; the database
(SQLAlchemy, Alembic, a migration) opens afterwards in a query. Nothing here imports
SQLAlchemy or the services at module level, so the first paint does not wait for
them (tests/benchmarks/bench_startup.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import Outcome
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import application_outcome_label
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.applications_model import (
    ANY,
    NO_DISTRICT,
    ApplicationsModel,
    Column,
    RowFilter,
    outcome_icon,
)
from desktop.ui.detail_panel import DetailPanel
from desktop.ui.operations import Operations
from desktop.ui.override_dialog import OverrideDialog
from desktop.ui.parts import PARTS
from desktop.ui.settings import Settings
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.geometry import clip_to_screen, fit_to_screen

if TYPE_CHECKING:
    from db.engine import Database
    from desktop.platform import DemoPlatform
    from desktop.services.browse import ApplicationDetail, ApplicationRow

IMPORTABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".ods")


def _browse():
    # The listing service brings SQLAlchemy: imported by the first load, after the
    # first paint, never with the window's module.
    from desktop.services import browse

    return browse


def _setting_key(value) -> str:
    """How a filter's choice is written in the settings: '*' for any."""
    return "*" if value is ANY else str(value)


class MainWindow(QMainWindow):
    def __init__(
        self,
        database: Database | None,
        call: CallDefinition,
        ops: Operations,
        settings: Settings,
        *,
        demo: bool = False,
        demo_platform: DemoPlatform | None = None,
        extras_after_paint: bool = False,
        open_database: Callable[[], Database] | None = None,
    ):
        """`database` None with `open_database`: the window paints first, then opens
        the database in a query (start-up); given a database, it loads at once."""
        super().__init__()
        self.ops = ops
        self.database = database
        self.call = call
        self._opener = open_database
        self.demo_platform = demo_platform
        self._parts: dict[str, QObject] = {}
        self.settings = settings
        self.demo = demo
        self.language = settings.language
        # The application whose detail was last asked for; kept across filtering.
        self.wanted_code: str | None = None
        self._rows_loading = False  # a full load is on its way: it covers any change

        self.setObjectName("MainWindow")
        title = f"Commissione — {call.title}"
        self.setWindowTitle(title + (" — " + self.tr("Demo data") if demo else ""))
        self.setAcceptDrops(True)

        self.model = ApplicationsModel(self.language, self)
        self.banner = Banner()
        filter_bar = self._build_filters()
        self._build_table()
        self.detail = DetailPanel(self.language)
        self.detail.override_requested.connect(self.override_rule)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)

        applications_page = QWidget()
        layout = QVBoxLayout(applications_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(filter_bar)
        layout.addWidget(self.splitter, 1)
        # The applications first; other views (evaluation, ranking, campaigns) open
        # as tabs beside them, built the first time they are asked for.
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.setDocumentMode(True)
        self.views.addTab(applications_page, self.tr("Applications"))
        # Other views close with their tab's button (or Ctrl+W); the applications stay.
        self.views.setTabsClosable(True)
        self.views.tabBar().setTabButton(0, self.views.tabBar().ButtonPosition.RightSide, None)
        self.views.tabBar().setTabButton(0, self.views.tabBar().ButtonPosition.LeftSide, None)
        self.views.tabCloseRequested.connect(self._tab_close_requested)
        self.views.tabBar().setAccessibleName(self.tr("Views"))
        # Its tab bar takes the focus, once, before the search box (see the tab order).
        self.views.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._view_keys: dict[str, QWidget] = {}
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.views, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        for first, second in (
            (self.banner.retry_button, self.banner.close_button),
            (self.banner.close_button, self.views.tabBar()),
            (self.views.tabBar(), self.search),
            (self.search, self.session_filter),
            (self.session_filter, self.district_filter),
            (self.district_filter, self.eligibility_filter),
            (self.eligibility_filter, self.objective_filter),
            (self.objective_filter, self.table),
            (self.table, self.detail),
        ):
            QWidget.setTabOrder(first, second)

        self._restore_state()
        self._connect_filters()
        self.apply_filters()
        # Disconnected by Qt when the window is deleted.
        ops.changed.connect(self.refresh_for)
        ops.orphan_problem.connect(self._orphan_problem)
        # The parts (evaluation, campaigns…) and their modules can wait until the
        # window has painted once: start-up shows the applications sooner. They need
        # the database, so they also wait for it.
        self._painted = False
        self._parts_pending = True
        if database is not None:
            self.refresh()
            if not extras_after_paint:
                self._install_parts()
        else:
            self._show_opening()

    # --- the first paint, then the database, then the parts (desktop/ui/parts.py) ---

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not getattr(self, "_painted", True):
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().event(event)

    def _after_first_paint(self) -> None:
        if self.database is None:
            self.open_database()
        else:
            self._install_parts()

    def _install_parts(self) -> None:
        if not self._parts_pending or self.database is None:
            return
        self._parts_pending = False
        for name, module in PARTS.items():
            self._parts[name] = importlib.import_module(module).install(self)

    def _show_opening(self) -> None:
        """Until the database answers: the window says so, and nothing that needs
        the database can be asked for."""
        self._set_database_actions(False)
        self.table.setEnabled(False)
        self.detail.show_message(self.tr("Opening the database…"))
        self.statusBar().showMessage(self.tr("Opening the database…"))

    def _set_database_actions(self, enabled: bool) -> None:
        for action in (
            self.import_action,
            self.override_action,
            self.refresh_action,
            self.recheck_action,
        ):
            action.setEnabled(enabled)
        self.setAcceptDrops(enabled)

    def open_database(self) -> None:
        """Opens (and migrates) the database on a worker: SQLAlchemy and Alembic load
        there, after the first paint. A problem shows in the banner with *Riprova*."""
        opener = self._opener
        if opener is None or self.database is not None:
            return
        self._show_opening()
        self.ops.query(
            self,
            lambda _task: opener(),
            self._database_opened,
            key="database",
            on_problem=self._database_not_opened,
        )

    def _database_opened(self, database: Database) -> None:
        self.database = database
        self.statusBar().clearMessage()
        self.banner.clear()
        self.table.setEnabled(True)
        self._set_database_actions(True)
        self.detail.clear()
        self.refresh()
        if self._painted:
            self._install_parts()

    def _database_not_opened(self, problem: Problem) -> bool:
        # The message says why (a newer schema is refused, untouched); trying again
        # helps once the file or the server is back.
        self.statusBar().showMessage(self.tr("The database is not open."))
        self.detail.show_message(self.tr("The database is not open."))
        self.banner.show_problem(problem, self.open_database)
        return True

    def part(self, name: str) -> QObject | None:
        return self._parts.get(name)

    def add_menu(self, menu: QMenu) -> None:
        """Before the Tools menu (the one holding Preferences)."""
        tools = next(
            action
            for action in self.menuBar().actions()
            if action.menu() is not None and self.preferences_action in action.menu().actions()
        )
        self.menuBar().insertMenu(tools, menu)

    def say(self, text: str, milliseconds: int = 5000) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    # --- views beside the applications ---

    def open_view(self, key: str, title: str, factory: Callable[[], QWidget]) -> QWidget:
        """Shows the view named `key` as a tab, building it with `factory` the first
        time: modules behind a view load only when a user opens it."""
        view = self._view_keys.get(key)
        if view is None:
            view = factory()
            view.setObjectName(view.objectName() or key)
            self._view_keys[key] = view
            self.views.addTab(view, title)
        self.views.setCurrentWidget(view)
        return view

    def view(self, key: str) -> QWidget | None:
        return self._view_keys.get(key)

    def close_view(self, key: str) -> None:
        """Closes a view's tab: what it has pending is saved first (through its own
        change, which outlives it), then the view is deleted."""
        view = self._view_keys.pop(key, None)
        if view is None:
            return
        save_now = getattr(view, "save_now", None)
        if save_now is not None:
            save_now()
        self.views.removeTab(self.views.indexOf(view))
        view.deleteLater()

    def _close_current_view(self) -> None:
        if self.views.currentIndex() > 0:
            self._tab_close_requested(self.views.currentIndex())

    def _tab_close_requested(self, index: int) -> None:
        widget = self.views.widget(index)
        key = next((k for k, v in self._view_keys.items() if v is widget), None)
        if key is not None:
            self.close_view(key)

    # --- building ---

    def _build_filters(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName(self.tr("Search applications"))
        self.search.setPlaceholderText(
            self.tr("Code, title, lead partner, tax code or neighbourhood")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 20))
        # A file dropped on the window imports it, wherever it lands.
        self.search.setAcceptDrops(False)

        self.session_filter = self._combo(self.tr("Session filter"))
        self.session_filter.addItem(self.tr("All sessions"), ANY)
        for session in self.call.sessions:
            self.session_filter.addItem(session.name, session.code)
        self.session_filter.addItem(self.tr("Outside every session"), "")

        self.district_filter = self._combo(self.tr("District filter"))
        self.district_filter.addItem(self.tr("All districts"), ANY)
        for number in range(1, self.call.districts + 1):
            self.district_filter.addItem(self.tr("Municipio {n}").format(n=number), number)
        self.district_filter.addItem(self.tr("District not given"), NO_DISTRICT)

        self.eligibility_filter = self._combo(self.tr("Eligibility filter"))
        self.eligibility_filter.addItem(self.tr("Any eligibility"), ANY)
        for outcome in (Outcome.PASS, Outcome.CHECK, Outcome.FAIL):
            self.eligibility_filter.addItem(
                outcome_icon(outcome), application_outcome_label(outcome, self.language), outcome
            )

        self.objective_filter = self._combo(self.tr("Objective filter"))
        self.objective_filter.addItem(self.tr("All objectives"), ANY)
        for objective in self.call.objectives:
            self.objective_filter.addItem(f"{objective.number}. {objective.name}", objective.number)

        # One row on a wide window; more rows on a narrow one (a small screen, a
        # large scale), so the window always fits the screen.
        bar = QWidget()
        flow = FlowLayout(bar)
        flow.setContentsMargins(0, 0, 0, 0)
        for label, widget, stretch in (
            (self.tr("&Search:"), self.search, 6),
            (self.tr("Sess&ion:"), self.session_filter, 2),
            (self.tr("&District:"), self.district_filter, 2),
            (self.tr("E&ligibility:"), self.eligibility_filter, 2),
            (self.tr("O&bjective:"), self.objective_filter, 3),
        ):
            field = QWidget()
            row = QHBoxLayout(field)
            row.setContentsMargins(0, 0, 6, 0)
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget, 1)
            flow.add(field, stretch)
        return bar

    def _combo(self, accessible_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        # Narrower than their longest item when space is short: at 200% scale a
        # 1920-pixel screen is 960 pixels wide, and the window must still fit.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("applications")
        self.table.setAccessibleName(self.tr("Applications"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Tab leaves the table for the detail panel instead of walking its cells.
        self.table.setTabKeyNavigation(False)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures 100,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
        metrics = self.table.fontMetrics()
        samples = {
            Column.CODE: "CC24-0000",
            Column.TITLE: "x" * 24,
            Column.LEAD: "x" * 26,
            Column.DISTRICT: "",
            Column.COST: "100.000,00 €",
            Column.GRANT: "100.000,00 €",
            Column.ELIGIBILITY: "non ammissibile",
            Column.SESSION: "",
        }
        for column, sample in samples.items():
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(heading))
            extra = 34 if column == Column.ELIGIBILITY else 20  # icon, sort arrow
            header.resizeSection(column, width + extra)
        # The title takes whatever width the other columns leave.
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _action(self, text: str, slot, shortcut: str | None = None, icon=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        pixmaps = QStyle.StandardPixmap
        self.import_action = self._action(
            self.tr("&Import…"), self.import_file, "Ctrl+I", pixmaps.SP_DialogOpenButton
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(self.tr("&Find"), self.focus_search, "Ctrl+F")
        self.override_action = self._action(
            self.tr("&Override Rule…"), self.override_current_rule, "Ctrl+Shift+O"
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, "F5", pixmaps.SP_BrowserReload
        )
        # The current view's tab (never the applications'), from the keyboard.
        self.close_view_action = self._action(
            self.tr("Close &View"), self._close_current_view, "Ctrl+W"
        )
        self.detail_beside_action = QAction(self.tr("Detail &Beside the List"), self)
        self.detail_beside_action.setCheckable(True)
        self.detail_beside_action.toggled.connect(self.set_detail_beside)
        self.clear_filters_action = self._action(
            self.tr("&Clear Search and Filters"), self.clear_filters
        )
        self.recheck_action = self._action(self.tr("Re-&check Eligibility"), self.recheck)
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self.open_preferences, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.about_action = self._action(self.tr("&About Commissione"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.override_action)
        view_menu = menus.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.clear_filters_action)
        view_menu.addAction(self.close_view_action)
        view_menu.addSeparator()
        view_menu.addAction(self.detail_beside_action)
        tools_menu = menus.addMenu(self.tr("&Tools"))
        tools_menu.addAction(self.recheck_action)
        tools_menu.addSeparator()
        tools_menu.addAction(self.preferences_action)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.refresh_action)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Applications shown"))
        self.statusBar().addPermanentWidget(self.count_label)
        self.demo_label = None
        if self.demo:
            self.demo_label = QLabel(self.tr("Demo data"))
            self.demo_label.setObjectName("demo")
            self.demo_label.setStyleSheet(
                "#demo { background: #6a1b9a; color: white; font-weight: bold;"
                " padding: 2px 8px; border-radius: 3px; }"
            )
            self.demo_label.setToolTip(
                self.tr(
                    "Invented applications in a temporary copy: nothing done here "
                    "reaches your own database."
                )
            )
            self.statusBar().addPermanentWidget(self.demo_label)

    # --- window state, remembered through Settings ---

    def _filter_combos(self) -> dict[str, QComboBox]:
        return {
            "session": self.session_filter,
            "district": self.district_filter,
            "eligibility": self.eligibility_filter,
            "objective": self.objective_filter,
        }

    def _restore_state(self) -> None:
        geometry = self.settings.state("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, 1360, 820)
            # All eight columns and a readable detail fit side by side from about
            # 1700 pixels; on smaller screens the detail goes below the list.
            screen = self.screen().availableGeometry()
            self.set_detail_beside(screen.width() >= 1700)
        else:
            clip_to_screen(self)  # saved on a larger screen, or at a smaller scale
        for key, widget in (
            ("main/window", self),
            ("main/splitter", self.splitter),
            ("main/header", self.table.horizontalHeader()),
        ):
            state = self.settings.state(key)
            if state is not None:
                widget.restoreState(state)
        self.detail_beside_action.setChecked(
            self.splitter.orientation() == Qt.Orientation.Horizontal
        )
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.search.setText(self.settings.text("main/search"))
        for name, combo in self._filter_combos().items():
            saved = self.settings.text(f"main/{name}", "*")
            for index in range(combo.count()):
                if _setting_key(combo.itemData(index)) == saved:
                    combo.setCurrentIndex(index)
                    break
        self.wanted_code = self.settings.text("main/selected") or None

    def save_state(self) -> None:
        self.settings.set_state("main/geometry", self.saveGeometry())
        self.settings.set_state("main/window", self.saveState())
        self.settings.set_state("main/splitter", self.splitter.saveState())
        self.settings.set_state("main/header", self.table.horizontalHeader().saveState())
        self.settings.set_text("main/search", self.search.text())
        for name, combo in self._filter_combos().items():
            self.settings.set_text(f"main/{name}", _setting_key(combo.currentData()))
        self.settings.set_text("main/selected", self.wanted_code or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        for key in list(self._view_keys):
            self.close_view(key)
        super().closeEvent(event)

    def set_detail_beside(self, beside: bool) -> None:
        """The detail panel beside the list (wide screens) or below it."""
        self.splitter.setOrientation(
            Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        )
        self.splitter.setSizes([620, 380] if beside else [550, 450])  # proportions
        self.detail_beside_action.setChecked(beside)

    # --- search and filters: fast enough to run on every keystroke, no debounce ---

    def _connect_filters(self) -> None:
        self.search.textChanged.connect(self.apply_filters)
        for combo in self._filter_combos().values():
            combo.currentIndexChanged.connect(self.apply_filters)

    def current_filter(self) -> RowFilter:
        eligibility = self.eligibility_filter.currentData()
        return RowFilter(
            text=self.search.text(),
            session=self.session_filter.currentData(),
            district=self.district_filter.currentData(),
            # Qt hands a str enum back as a plain str.
            eligibility=eligibility if eligibility is ANY else Outcome(eligibility),
            objective=self.objective_filter.currentData(),
        )

    def apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())
        self._select_wanted()
        self._update_count()

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self._filter_combos().values():
            combo.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_count(self) -> None:
        locale = self.locale()
        self.count_label.setText(
            self.tr("{shown} of {total} applications").format(
                shown=locale.toString(self.model.rowCount()),
                total=locale.toString(self.model.total_count),
            )
        )

    def select_application(self, code: str) -> None:
        """Brings the Applications tab to the front, selects the application in the
        table (if listed) and shows its detail: what a link from another tab (the
        ranking's double click) asks for."""
        self.views.setCurrentIndex(0)
        self.load_detail(code)
        self._select_wanted()

    def _select_wanted(self) -> None:
        """After a reset (filter, reload) the table selects the application shown in
        the detail again, if it is still listed."""
        if self.wanted_code is None:
            return
        position = self.model.position_of(self.wanted_code)
        if position is None:
            return
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # --- problems: the banner above the tabs ---

    def open_window(self, database: Database, call: CallDefinition) -> MainWindow:
        """Another main window on another database (a kit workspace), with operations
        of its own so one database's changes never refresh the other's views. Not a
        child of this window: a thread pool deleted with its window would wait for its
        running work while holding the GIL."""
        ops = Operations(QApplication.instance(), synchronous=self.ops.synchronous)
        return MainWindow(database, call, ops, self.settings)

    def show_problem(
        self, problem: Problem, retry: Callable[[], object] | None = None, *, what: str = ""
    ) -> None:
        """Where the operations layer (and a part) shows an expected problem: `what`
        says what did not happen, the problem why."""
        self.banner.show_problem(problem, retry, what=what)

    def _problem(self, what: str, retry: Callable[[], object] | None = None):
        """on_problem for an operation: says what did not happen and why; *Riprova*
        when trying again may help."""

        def show(problem: Problem) -> bool:
            self._clear_loading_message()
            self.banner.show_problem(problem, retry if problem.temporary else None, what=what)
            return True

        return show

    def _orphan_problem(self, problem: Problem) -> None:
        self.banner.show_problem(
            problem, what=self.tr("A change asked for in a view since closed was not saved.")
        )

    # --- loading rows and details (queries: only the latest of each kind delivers) ---

    def refresh(self) -> None:
        if self.database is None:
            return
        database, call = self.database, self.call
        self._rows_loading = True
        self.statusBar().showMessage(self._loading_message())
        self.ops.query(
            self,
            lambda _task: _browse().load_rows(database, call),
            self._rows_loaded,
            key="rows",
            on_problem=self._problem(
                self.tr("The applications could not be loaded."), self.refresh
            ),
            on_finished=self._rows_finished,
        )

    def _loading_message(self) -> str:
        return self.tr("Loading applications…")

    def _clear_loading_message(self) -> None:
        # Only "Loading…": a message said meanwhile ("Override recorded") stays.
        if self.statusBar().currentMessage() == self._loading_message():
            self.statusBar().clearMessage()

    def _rows_finished(self) -> None:
        self._rows_loading = False
        self._clear_loading_message()

    def _rows_loaded(self, rows: list[ApplicationRow]) -> None:
        if self.banner.kind == "problem" and not self.banner.retry_button.isHidden():
            self.banner.clear()  # the database answered: an earlier wait is over
        self.model.set_rows(rows)
        self._update_count()
        if self.wanted_code is not None:
            if self.model.has_code(self.wanted_code):
                # The data may have changed under it (an import, a re-check): show it afresh.
                self.load_detail(self.wanted_code)
            else:  # gone, or remembered from another database
                self.wanted_code = None
                self.detail.clear()
        self._select_wanted()

    def reload_rows(self, codes: list[str]) -> None:
        """Reloads only these applications' rows, in place (after an override)."""
        if self.database is None:
            return
        database, call = self.database, self.call
        self.ops.query(
            self,
            lambda _task: _browse().load_rows(database, call, codes),
            self.model.update_rows,
            key="rows:" + ",".join(codes),
            on_problem=self._problem(
                self.tr("The applications could not be loaded."), self.refresh
            ),
        )

    def refresh_for(self, changes: Changes) -> None:
        """A change committed, here or in any other view: reload what it touched."""
        if self.database is None or not changes.touches(Kind.APPLICATIONS, Kind.ELIGIBILITY):
            return
        if changes.applications is None or self._rows_loading:
            self.refresh()  # every row (and the detail with them)
            return
        self.reload_rows(sorted(changes.applications))
        if self.wanted_code is not None and changes.touches_application(self.wanted_code):
            self.load_detail(self.wanted_code)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # filtered out: the detail stays until another row is chosen
        code = self.model.row(current.row()).code
        if code != self.wanted_code:  # not a re-selection after filtering
            self.load_detail(code)

    def load_detail(self, code: str) -> None:
        self.wanted_code = code
        if self.database is None:
            return
        database, call = self.database, self.call

        def work(_task) -> ApplicationDetail | None:
            browse = _browse()
            if not browse.load_rows(database, call, [code]):
                return None  # no longer there (or never was, in this database)
            return browse.load_detail(database, call, code)

        self.ops.query(
            self,
            work,
            self._detail_loaded,
            key="detail",
            on_problem=self._problem(
                self.tr("The application could not be loaded."), lambda: self.load_detail(code)
            ),
        )

    def _detail_loaded(self, detail: ApplicationDetail | None) -> None:
        if detail is None:
            self.detail.show_message(
                self.tr(
                    "This application is no longer in the database: press F5 to refresh the list."
                )
            )
            return
        self.detail.show_detail(detail)

    # --- overriding a rule (a change: the broadcast updates its row and the detail) ---

    def override_current_rule(self) -> None:
        if self.detail.current_rule() is None:
            self.detail.tabs.setCurrentIndex(0)
            self.detail.rules.setFocus()
            self.statusBar().showMessage(
                self.tr("Choose a rule in the Eligibility tab, then Override."), 5000
            )
            return
        self.detail.request_override()

    def override_rule(self, code: str, rule_id: str) -> None:
        shown = self.detail.detail
        view = (
            next((v for v in shown.rules if v.result.rule == rule_id), None)
            if shown is not None and shown.code == code
            else None
        )
        if view is None or self.database is None:
            return
        dialog = OverrideDialog(self, code=code, rule=view, language=self.language)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        outcome, note = dialog.outcome(), dialog.note()
        dialog.deleteLater()
        if not accepted:
            return
        database, call = self.database, self.call

        def work(_task) -> Changed[str]:
            from desktop.services import applications

            applications.override_rule(database, call, code, rule_id, outcome, note)
            return Changed(code, Changes.of(Kind.ELIGIBILITY, applications=[code]))

        def record() -> None:
            self.ops.change(
                self,
                work,
                self._overridden,
                on_problem=self._problem(self.tr("The override was not recorded."), record),
            )

        record()

    def _overridden(self, code: str) -> None:
        self.statusBar().showMessage(
            self.tr("Override recorded for {code}.").format(code=code), 5000
        )

    # --- re-checking eligibility (a change touching every application) ---

    def recheck(self) -> None:
        if self.database is None:
            return
        self.recheck_action.setEnabled(False)
        database, call = self.database, self.call

        def work(task):
            from desktop.services import applications

            summary = applications.recheck(database, call, progress=task.progress)
            return Changed(summary, Changes.of(Kind.ELIGIBILITY))

        self.statusBar().showMessage(self.tr("Re-checking eligibility…"))
        self.ops.change(
            self,
            work,
            self._rechecked,
            on_problem=self._problem(self.tr("Eligibility was not re-checked."), self.recheck),
            on_progress=lambda done, total: self.statusBar().showMessage(
                self.tr("Re-checking eligibility: {done} of {total}…").format(
                    done=done, total=total
                )
            ),
            on_finished=lambda: self.recheck_action.setEnabled(self.database is not None),
        )

    def _rechecked(self, summary) -> None:
        self.statusBar().showMessage(
            self.tr("Eligibility re-checked: {n} applications.").format(n=summary.checked), 8000
        )

    # --- importing: the menu, the toolbar or a file dropped on the window ---

    def import_file(self, path: Path | None = None) -> None:
        # Imported here: the wizard brings pandas and the readers, which the window
        # does not need to start.
        from desktop.ui.import_wizard import ImportWizard

        if self.database is None:
            return
        # The import is a change: its broadcast reloads the list (refresh_for).
        wizard = ImportWizard(
            self, self.database, self.call, self.ops, path=path, settings=self.settings
        )
        wizard.exec()
        wizard.deleteLater()

    @staticmethod
    def _importable_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in IMPORTABLE_SUFFIXES:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._importable_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._importable_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop returns: a modal wizard inside it would hold the file
        # manager's drag until the wizard closes.
        QTimer.singleShot(0, lambda: self.import_file(path))

    # --- preferences and about ---

    def open_preferences(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted and dialog.needs_restart:
            self.statusBar().showMessage(
                self.tr("Preferences saved: they take effect when Commissione restarts."), 10000
            )

    def about(self) -> None:
        from desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About Commissione"),
            self.tr(
                "Commissione {version}\n\nReview of the applications to a civic crowdfunding "
                "call.\n\nCall: {call}\nDatabase: {database}"
            ).format(
                version=__version__,
                call=self.call.title,
                database=self.database.engine.url.render_as_string(hide_password=True)
                if self.database is not None
                else "—",
            ),
        )
