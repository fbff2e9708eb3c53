"""The main window: the applications of the call in a table with a search box and
filters, and the selected application in a detail panel below or beside it.

The GUI thread only paints and reacts. Loading the rows, loading a detail, an
override and a re-check each run through `tasks.run(work, on_done, on_error)`;
`work` gets the database and the call as arguments of a closure and never touches a
widget. Expected problems (the database does not answer, an application vanished)
show in a banner above the table; anything else is re-raised to sys.excepthook.
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
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db.engine import Database, DatabaseProblem
from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import Outcome
from desktop.domain.vocabulary import application_outcome_label
from desktop.services import applications as application_service
from desktop.services.applications import OverrideRefused
from desktop.services.browse import ApplicationDetail, load_detail, load_rows
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
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.platform import DemoPlatform

IMPORTABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".ods")

# The database did not answer or refused the connection: worth a Retry, not a crash.
DATABASE_PROBLEMS = (OperationalError, InterfaceError, PoolTimeout, DatabaseProblem)


class Banner(QFrame):
    """An expected problem, in plain words, above the table: with Retry when trying
    again may help, and Close. Never a modal dialog."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Dark text on a pale amber in light and dark themes alike.
        self.setStyleSheet(
            "#banner { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 3px; }"
            "#banner QLabel { color: #3b2f00; }"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        self.retry_button.clicked.connect(self._retry)
        self._retry_action = None
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.close_button)
        self.setAccessibleName(self.tr("Problem"))
        self.hide()

    def show_problem(self, text: str, retry=None, details: str = "") -> None:
        self.message.setText(text)
        self.message.setToolTip(details)
        self._retry_action = retry
        self.retry_button.setVisible(retry is not None)
        self.show()

    def _retry(self) -> None:
        self.hide()
        if self._retry_action is not None:
            self._retry_action()


def _setting_key(value) -> str:
    """How a filter's choice is written in the settings: '*' for any."""
    return "*" if value is ANY else str(value)


class MainWindow(QMainWindow):
    def __init__(
        self,
        database: Database,
        call: CallDefinition,
        tasks: TaskRunner,
        settings: Settings,
        *,
        demo: bool = False,
        demo_platform: DemoPlatform | None = None,
        extras_after_paint: bool = False,
        ops: Operations | None = None,
    ):
        super().__init__()
        self.database = database
        self.call = call
        self.tasks = tasks
        self.ops = ops or Operations(self, synchronous=tasks.synchronous)
        self.demo_platform = demo_platform
        self._parts: dict[str, QObject] = {}
        self.settings = settings
        self.demo = demo
        self.language = settings.language
        # The application whose detail was last asked for; kept across filtering.
        self.wanted_code: str | None = None
        self._rows_request = 0  # only the latest load's rows are shown

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
        layout.addLayout(filter_bar)
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
        self.refresh()
        # The parts (evaluation, campaigns…) and their modules can wait until the
        # window has painted once: start-up shows the applications sooner.
        self._parts_pending = extras_after_paint
        if not extras_after_paint:
            self._install_parts()

    # --- the parts, installed after the first paint (desktop/ui/parts.py) ---

    def _install_parts(self) -> None:
        for name, module in PARTS.items():
            self._parts[name] = importlib.import_module(module).install(self)

    def event(self, event: QEvent) -> bool:
        if getattr(self, "_parts_pending", False) and event.type() == QEvent.Type.Paint:
            self._parts_pending = False
            QTimer.singleShot(0, self._install_parts)
        return super().event(event)

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

    def _tab_close_requested(self, index: int) -> None:
        widget = self.views.widget(index)
        key = next((k for k, v in self._view_keys.items() if v is widget), None)
        if key is not None:
            self.close_view(key)

    # --- building ---

    def _build_filters(self) -> QHBoxLayout:
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

        bar = QHBoxLayout()
        for label, widget, stretch in (
            (self.tr("&Search:"), self.search, 6),
            (self.tr("Sess&ion:"), self.session_filter, 2),
            (self.tr("&District:"), self.district_filter, 2),
            (self.tr("E&ligibility:"), self.eligibility_filter, 2),
            (self.tr("O&bjective:"), self.objective_filter, 3),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget, stretch)
            bar.addSpacing(6)
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
            self.resize(1360, 820)
            # All eight columns and a readable detail fit side by side from about
            # 1700 pixels; on smaller screens the detail goes below the list.
            screen = self.screen().availableGeometry()
            self.set_detail_beside(screen.width() >= 1700)
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
        """Selects the application in the table (if listed) and shows its detail."""
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

    # --- loading rows and details (on workers) ---

    def refresh(self) -> None:
        self._rows_request += 1
        request = self._rows_request
        database, call = self.database, self.call
        self.statusBar().showMessage(self.tr("Loading applications…"))
        self.tasks.run(
            lambda _task: load_rows(database, call),
            lambda rows: self._rows_loaded(request, rows),
            self._problem_handler(self.tr("The applications could not be loaded."), self.refresh),
        )

    def _rows_loaded(self, request: int, rows) -> None:
        if request != self._rows_request:
            return  # a newer load is on its way
        self.statusBar().clearMessage()
        self.banner.hide()  # the database answered: an earlier problem is over
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

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # filtered out: the detail stays until another row is chosen
        code = self.model.row(current.row()).code
        if code != self.wanted_code:  # not a re-selection after filtering
            self.load_detail(code)

    def load_detail(self, code: str) -> None:
        self.wanted_code = code
        database, call = self.database, self.call
        self.tasks.run(
            lambda _task: load_detail(database, call, code),
            self._detail_loaded,
            self._detail_failed,
        )

    def _detail_loaded(self, detail: ApplicationDetail) -> None:
        if detail.code == self.wanted_code:  # not one the user has already left
            self.detail.show_detail(detail)

    def _detail_failed(self, error: BaseException) -> None:
        if isinstance(error, LookupError):
            self.detail.show_message(
                self.tr(
                    "This application is no longer in the database: press F5 to refresh the list."
                )
            )
            return
        self._problem_handler(self.tr("The application could not be loaded."))(error)

    def _problem_handler(self, what: str, retry=None):
        """on_error for a task: expected problems go to the banner in plain words,
        anything else to sys.excepthook."""

        def on_error(error: BaseException) -> None:
            self.statusBar().clearMessage()
            if isinstance(error, DATABASE_PROBLEMS):
                why = self.tr(
                    "The database does not answer: check that the file or the server can be "
                    "reached, then retry."
                )
                if isinstance(error, DatabaseProblem):
                    why = str(error)
                self.banner.show_problem(f"{what} {why}", retry, details=str(error))
            elif isinstance(error, OverrideRefused | LookupError):
                self.banner.show_problem(f"{what} {error}", None)
            else:
                raise error

        return on_error

    # --- overriding a rule ---

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
        if view is None:
            return
        dialog = OverrideDialog(self, code=code, rule=view, language=self.language)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        outcome, note = dialog.outcome(), dialog.note()
        dialog.deleteLater()
        if not accepted:
            return
        database, call = self.database, self.call

        def work(_task):
            application_service.override_rule(database, call, code, rule_id, outcome, note)
            return load_rows(database, call, [code]), load_detail(database, call, code)

        self.tasks.run(
            work,
            self._overridden,
            self._problem_handler(self.tr("The override was not recorded.")),
        )

    def _overridden(self, result) -> None:
        rows, detail = result
        self.model.update_rows(rows)
        self._detail_loaded(detail)
        self.statusBar().showMessage(
            self.tr("Override recorded for {code}.").format(code=detail.code), 5000
        )

    # --- re-checking eligibility ---

    def recheck(self) -> None:
        self.recheck_action.setEnabled(False)
        database, call = self.database, self.call
        failed = self._problem_handler(self.tr("Eligibility was not re-checked."), self.recheck)

        def on_error(error: BaseException) -> None:
            self.recheck_action.setEnabled(True)
            failed(error)

        self.statusBar().showMessage(self.tr("Re-checking eligibility…"))
        self.tasks.run(
            lambda task: application_service.recheck(database, call, progress=task.progress),
            self._rechecked,
            on_error,
            on_progress=lambda done, total: self.statusBar().showMessage(
                self.tr("Re-checking eligibility: {done} of {total}…").format(
                    done=done, total=total
                )
            ),
        )

    def _rechecked(self, summary) -> None:
        self.recheck_action.setEnabled(True)
        self.refresh()
        self.statusBar().showMessage(
            self.tr("Eligibility re-checked: {n} applications.").format(n=summary.checked), 8000
        )

    # --- importing: the menu, the toolbar or a file dropped on the window ---

    def import_file(self, path: Path | None = None) -> None:
        # Imported here: the wizard brings pandas and the readers, which the window
        # does not need to start.
        from desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self, self.database, self.call, self.tasks, path=path)
        if wizard.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

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
                database=self.database.engine.url.render_as_string(hide_password=True),
            ),
        )
