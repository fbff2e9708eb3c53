"""The committee at work: who scores what, and who must not.

- The assignment matrix: one row per admissible application, one column per
  member; each cell says in words and a symbol whether the member is assigned,
  has a draft, has submitted, or is in conflict (confirmed, or proposed by the
  detection and waiting for the secretariat). The headers carry each member's
  progress "x of N"; a side table has loads and roles.
- "Assign automatically" gives every application N evaluators, balancing the
  load and respecting conflicts, without touching what is already assigned;
  Insert / Delete (or the context menu) assign or unassign the current cell.
- The conflicts list: Detect (through every partner of each aggregation),
  Confirm, Dismiss with a note, Declare by hand.
- The evaluators dialog: add members with their role and the entities they are
  linked to.

All the work runs in desktop/services/committee.py through the operations layer:
loads as queries, each write as a change naming what it touched, and the view
reloads when the committee, conflicts, assignments or sheets change anywhere."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import (
    LINK_KINDS,
    conflict_source_label,
    conflict_status_label,
    link_kind_label,
    role_label,
    sheet_state_label,
)
from desktop.services import committee as committee_service
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import interface_language, problem_text
from desktop.ui.widgets.view import View

_TOP = QModelIndex()

ASSIGNED = "assigned"
DRAFT = "draft"
SUBMITTED = "submitted"
CONFLICT = "conflict"
PROPOSED = "proposed_conflict"
WORKING = (ASSIGNED, DRAFT, SUBMITTED)

# Colours only repeat what the cell's text says.
CELL_COLOURS = {
    ASSIGNED: "#e3f2fd",
    DRAFT: "#fff8e1",
    SUBMITTED: "#e8f5e9",
    CONFLICT: "#ffebee",
    PROPOSED: "#fff3e0",
}
CELL_SYMBOLS = {ASSIGNED: "○", DRAFT: "◐", SUBMITTED: "●", CONFLICT: "✗", PROPOSED: "?"}
# A sign before a conflict's status, so the list reads without colour.
CONFLICT_SYMBOLS = {"proposed": "?", "confirmed": "✗", "dismissed": "–"}

FIXED_COLUMNS = 3  # code, title, evaluators


class AssignmentMatrixModel(QAbstractTableModel):
    """Rows: applications; columns: code, title, evaluators, then one per member."""

    def __init__(self, per_application: int, parent=None):
        super().__init__(parent)
        self.per_application = per_application
        self.members: list = []
        self.applications: list = []
        self.cells: dict[tuple[str, str], str] = {}
        self._count: dict[str, int] = {}
        language = interface_language()
        self._words = {
            ASSIGNED: self.tr("assigned"),
            DRAFT: sheet_state_label("draft", language),
            SUBMITTED: sheet_state_label("submitted", language),
            CONFLICT: self.tr("conflict"),
            PROPOSED: self.tr("conflict?"),
        }
        self._tips = {
            ASSIGNED: self.tr("Assigned, not scored yet"),
            DRAFT: self.tr("Assigned, a draft sheet"),
            SUBMITTED: self.tr("Assigned, sheet submitted"),
            CONFLICT: self.tr("Conflict of interest (confirmed): never assigned"),
            PROPOSED: self.tr(
                "Conflict of interest proposed by the detection: confirm or dismiss it "
                "in the conflicts list"
            ),
        }

    def set_matrix(self, matrix) -> None:
        self.beginResetModel()
        self.members = list(matrix.members)
        self.applications = list(matrix.applications)
        self.cells = dict(matrix.cells)
        self._count = {}
        for (_member, code), state in self.cells.items():
            if state in WORKING:
                self._count[code] = self._count.get(code, 0) + 1
        self.endResetModel()

    def member_at(self, column: int):
        position = column - FIXED_COLUMNS
        return self.members[position] if 0 <= position < len(self.members) else None

    def application_at(self, row: int):
        return self.applications[row] if 0 <= row < len(self.applications) else None

    def state(self, index: QModelIndex) -> str:
        member = self.member_at(index.column())
        application = self.application_at(index.row())
        if member is None or application is None:
            return ""
        return self.cells.get((member.name, application.code), "")

    def cell_text(self, state: str) -> str:
        return f"{CELL_SYMBOLS[state]} {self._words[state]}" if state else ""

    def column_of(self, member_name: str) -> int | None:
        for position, member in enumerate(self.members):
            if member.name == member_name:
                return position + FIXED_COLUMNS
        return None

    def row_of(self, code: str) -> int | None:
        for position, application in enumerate(self.applications):
            if application.code == code:
                return position
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self.applications)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self.members)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        member = self.member_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Code")
            if section == 1:
                return self.tr("Title")
            if section == 2:
                return self.tr("Evaluators")
            if member is not None:
                return self.tr("{name}\n{done} of {total}").format(
                    name=member.name, done=member.submitted, total=member.load
                )
        if role == Qt.ItemDataRole.ToolTipRole and member is not None:
            return self.tr(
                "{name} ({role}): {load} assigned, {done} submitted, {drafts} drafts"
            ).format(
                name=member.name,
                role=role_label(member.role, interface_language()),
                load=member.load,
                done=member.submitted,
                drafts=member.drafts,
            )
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        application = self.applications[index.row()]
        column = index.column()
        if column < FIXED_COLUMNS:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if column == 0:
                    return application.code
                if column == 1:
                    return application.title
                count = self._count.get(application.code, 0)
                text = self.tr("{n} of {total}").format(n=count, total=self.per_application)
                if count < self.per_application:
                    text = "⚠ " + text
                return text
            if role == Qt.ItemDataRole.ToolTipRole and column == 1:
                return application.title
            if role == Qt.ItemDataRole.ToolTipRole and column == 2:
                count = self._count.get(application.code, 0)
                if count < self.per_application:
                    return self.tr("Short of evaluators: {n} of {total}").format(
                        n=count, total=self.per_application
                    )
            return None
        state = self.state(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(state)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            member = self.member_at(column)
            return self.tr("{member}, {code}: {state}").format(
                member=member.name,
                code=application.code,
                state=self._words.get(state, self.tr("not assigned")),
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(state, self.tr("Not assigned: Insert assigns"))
        if role == Qt.ItemDataRole.BackgroundRole and state:
            return QColor(CELL_COLOURS[state])
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return QColor("#1a1a1a")  # dark on the pale backgrounds, in dark themes too
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None


def _table(columns: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class CommitteeView(View):
    """Assignment matrix, members' load and progress, conflicts."""

    def __init__(
        self, database, call: CallDefinition, ops: Operations, parent: QWidget | None = None
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.matrix = None
        self.conflicts: list = []
        self.setObjectName("committeeView")
        self.setAccessibleName(self.tr("Committee and assignment"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Last result"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_toolbar()
        self._build_matrix()
        self._build_members()
        self._build_conflicts()

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.members_box)
        side.addWidget(self.conflicts_box)
        side.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.matrix_view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 500])  # proportions: the matrix gets most of the width
        splitter.setChildrenCollapsible(False)

        layout = self.page_layout  # the View's: its banner on top
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.refresh()

    # --- building ---

    def _button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if tip:
            button.setToolTip(tip)
        return button

    def _build_toolbar(self) -> None:
        self.per_application = QSpinBox()
        self.per_application.setRange(1, 20)
        self.per_application.setValue(self.call.grid.evaluators_per_application)
        self.per_application.setAccessibleName(self.tr("Evaluators per application"))
        caption = QLabel(self.tr("Evaluators &per application:"))
        caption.setBuddy(self.per_application)
        self.assign_button = self._button(
            self.tr("&Assign Automatically"),
            self.assign_automatically,
            self.tr(
                "Give every admissible application N evaluators, balancing the load and "
                "respecting conflicts; what is already assigned stays"
            ),
        )
        self.evaluators_button = self._button(
            self.tr("&Evaluators…"), self.open_evaluators, self.tr("Members and their links")
        )
        self.refresh_button = self._button(self.tr("Re&fresh"), self.refresh)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(caption)
        self.toolbar.addWidget(self.per_application)
        self.toolbar.addWidget(self.assign_button)
        self.toolbar.addSpacing(20)
        self.toolbar.addWidget(self.evaluators_button)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.refresh_button)

    def _build_matrix(self) -> None:
        self.model = AssignmentMatrixModel(self.call.grid.evaluators_per_application, self)
        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("assignmentMatrix")
        self.matrix_view.setAccessibleName(self.tr("Assignment matrix"))
        self.matrix_view.setModel(self.model)
        self.matrix_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_view.setTabKeyNavigation(False)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.verticalHeader().hide()
        header = self.matrix_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumHeight(self.fontMetrics().height() * 2 + 10)
        self.matrix_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.matrix_view.customContextMenuRequested.connect(self._matrix_menu)

        context = Qt.ShortcutContext.WidgetShortcut
        self.assign_action = QAction(self.tr("&Assign"), self.matrix_view)
        self.assign_action.setShortcuts([QKeySequence("Ins"), QKeySequence("Ctrl+Shift+A")])
        self.assign_action.triggered.connect(self.assign_current)
        self.unassign_action = QAction(self.tr("&Unassign"), self.matrix_view)
        self.unassign_action.setShortcuts([QKeySequence("Del"), QKeySequence("Ctrl+Shift+U")])
        self.unassign_action.triggered.connect(self.unassign_current)
        self.declare_action = QAction(self.tr("&Declare Conflict…"), self.matrix_view)
        self.declare_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.declare_action.triggered.connect(self.declare_current)
        for action in (self.assign_action, self.unassign_action, self.declare_action):
            action.setShortcutContext(context)
            self.matrix_view.addAction(action)
        self.matrix_view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())

    def _build_members(self) -> None:
        self.members_table = _table(
            [
                self.tr("Member"),
                self.tr("Role"),
                self.tr("Assigned"),
                self.tr("Submitted"),
                self.tr("Drafts"),
                self.tr("Progress"),
            ],
            self.tr("Members' load and progress"),
        )
        self.members_box = QGroupBox(self.tr("Members"))
        layout = QVBoxLayout(self.members_box)
        layout.addWidget(self.members_table)

    def _build_conflicts(self) -> None:
        self.conflict_filter = QComboBox()
        self.conflict_filter.setAccessibleName(self.tr("Conflicts shown"))
        self.conflict_filter.addItem(self.tr("All conflicts"), None)
        for status, text in (
            ("proposed", self.tr("Proposed (to decide)")),
            ("confirmed", self.tr("Confirmed")),
            ("dismissed", self.tr("Dismissed")),
        ):
            self.conflict_filter.addItem(text, status)
        self.conflict_filter.currentIndexChanged.connect(lambda _i: self._show_conflicts())
        self.conflicts_table = _table(
            [
                self.tr("Member"),
                self.tr("Application"),
                self.tr("Status"),
                self.tr("Source"),
                self.tr("Reason"),
                self.tr("Decided"),
            ],
            self.tr("Conflicts of interest"),
        )
        self.conflicts_table.itemSelectionChanged.connect(self._update_actions)
        self.detect_button = self._button(
            self.tr("De&tect"),
            self.detect,
            self.tr(
                "Compare every member's links with the lead partner and every partner of "
                "each application"
            ),
        )
        self.confirm_button = self._button(self.tr("&Confirm"), self.confirm_selected)
        self.dismiss_button = self._button(self.tr("Dis&miss…"), self.dismiss_selected)
        self.declare_button = self._button(self.tr("Dec&lare…"), self.declare_current)
        buttons = QHBoxLayout()
        for button in (
            self.detect_button,
            self.confirm_button,
            self.dismiss_button,
            self.declare_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.conflicts_box = QGroupBox(self.tr("Conflicts of interest"))
        layout = QVBoxLayout(self.conflicts_box)
        top = QHBoxLayout()
        shown = QLabel(self.tr("S&how:"))
        shown.setBuddy(self.conflict_filter)
        top.addWidget(shown)
        top.addWidget(self.conflict_filter, 1)
        layout.addLayout(top)
        layout.addWidget(self.conflicts_table)
        layout.addLayout(buttons)

    # --- loading ---

    def refresh_for(self, changes: Changes) -> None:
        if changes.touches(Kind.COMMITTEE, Kind.CONFLICTS, Kind.ASSIGNMENTS, Kind.SHEETS):
            self.refresh()

    def refresh(self) -> None:
        database, call = self.database, self.call

        def work(_task):
            return (
                committee_service.assignment_matrix(database, call),
                committee_service.list_conflicts(database, call),
            )

        self.query(
            work,
            self._loaded,
            key="committee",
            on_problem=self._problem(self.tr("The committee could not be loaded."), self.refresh),
        )

    def _loaded(self, result) -> None:
        matrix, conflicts = result
        self.banner.clear()
        current = self.matrix_view.currentIndex()
        member = self.model.member_at(current.column()) if current.isValid() else None
        application = self.model.application_at(current.row()) if current.isValid() else None
        self.matrix = matrix
        if self.model.per_application != self.per_application.value():
            self.model.per_application = self.per_application.value()
        self.model.set_matrix(matrix)
        self._size_columns()
        if member is not None and application is not None:
            self.select_cell(member.name, application.code)
        self._show_members(matrix.members)
        self.conflicts = list(conflicts)
        self._show_conflicts()
        self._update_actions()

    def _size_columns(self) -> None:
        header = self.matrix_view.horizontalHeader()
        metrics = self.matrix_view.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("CC24-0000") + 16)
        header.resizeSection(1, metrics.horizontalAdvance("x" * 28))
        header.resizeSection(2, metrics.horizontalAdvance("⚠ 3 of 3") + 20)
        widest = max(
            [metrics.horizontalAdvance(self.model.cell_text(s)) for s in CELL_SYMBOLS]
            + [metrics.horizontalAdvance(m.name) for m in self.model.members]
            + [0]
        )
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            header.resizeSection(column, min(widest + 20, 220))

    def _show_members(self, members) -> None:
        language = interface_language()
        rows = []
        for member in members:
            name = (
                member.name
                if member.active
                else self.tr("{name} (inactive)").format(name=member.name)
            )
            rows.append(
                [
                    name,
                    role_label(member.role, language),
                    str(member.load),
                    str(member.submitted),
                    str(member.drafts),
                    self.tr("{done} of {total}").format(done=member.submitted, total=member.load),
                ]
            )
        _fill(self.members_table, rows)

    def _show_conflicts(self) -> None:
        wanted = self.conflict_filter.currentData()
        language = interface_language()
        shown = [c for c in self.conflicts if wanted is None or c.status == wanted]
        rows = []
        for conflict in shown:
            decided = ""
            if conflict.decided_at is not None:
                decided = self.tr("{who}, {when}").format(
                    who=conflict.decided_by, when=format_datetime_it(conflict.decided_at)
                )
            rows.append(
                [
                    conflict.member,
                    conflict.code,
                    f"{CONFLICT_SYMBOLS.get(conflict.status, '')} "
                    f"{conflict_status_label(conflict.status, language)}".lstrip(),
                    conflict_source_label(conflict.source, language),
                    conflict.reason,
                    decided,
                ]
            )
        _fill(self.conflicts_table, rows, keys=[c.id for c in shown])
        self.conflicts_box.setTitle(
            self.tr("Conflicts of interest ({proposed} to decide)").format(
                proposed=sum(1 for c in self.conflicts if c.status == "proposed")
            )
        )

    # --- the current cell ---

    def select_cell(self, member_name: str, code: str) -> bool:
        row, column = self.model.row_of(code), self.model.column_of(member_name)
        if row is None or column is None:
            return False
        index = self.model.index(row, column)
        self.matrix_view.setCurrentIndex(index)
        self.matrix_view.scrollTo(index)
        return True

    def current_pair(self) -> tuple[str, str] | None:
        index = self.matrix_view.currentIndex()
        if not index.isValid():
            return None
        member = self.model.member_at(index.column())
        application = self.model.application_at(index.row())
        if application is None:
            return None
        return (member.name if member is not None else "", application.code)

    def _update_actions(self) -> None:
        index = self.matrix_view.currentIndex()
        state = self.model.state(index) if index.isValid() else ""
        on_member = index.isValid() and self.model.member_at(index.column()) is not None
        self.assign_action.setEnabled(on_member and state == "")
        self.unassign_action.setEnabled(on_member and state in (ASSIGNED, DRAFT))
        self.declare_action.setEnabled(on_member and state not in (CONFLICT,))
        selected = self.selected_conflict()
        self.confirm_button.setEnabled(selected is not None and selected.status != "confirmed")
        self.dismiss_button.setEnabled(selected is not None and selected.status != "dismissed")

    def _matrix_menu(self, position) -> None:
        index = self.matrix_view.indexAt(position)
        if index.isValid():
            self.matrix_view.setCurrentIndex(index)
        self._update_actions()
        menu = QMenu(self.matrix_view)
        menu.addAction(self.assign_action)
        menu.addAction(self.unassign_action)
        menu.addSeparator()
        menu.addAction(self.declare_action)
        self._show_menu(menu, self.matrix_view.viewport().mapToGlobal(position))

    def _show_menu(self, menu: QMenu, where) -> None:
        menu.exec(where)

    # --- assigning ---

    def assign_automatically(self) -> None:
        database, call = self.database, self.call
        per_application = self.per_application.value()
        self.model.per_application = per_application
        self.assign_button.setEnabled(False)

        def work(_task):
            result = committee_service.assign_evaluators(
                database, call, per_application=per_application
            )
            codes = {code for _member, code in result.created}
            return Changed(result, Changes.of(Kind.ASSIGNMENTS, applications=codes))

        def done(result) -> None:
            self.assign_button.setEnabled(True)
            created = len(result.created)
            text = self.tr("{n} assignments created.").format(n=created)
            if result.short:
                text += " " + self.tr("Short of evaluators (too many conflicts): {codes}.").format(
                    codes=", ".join(
                        self.tr("{code} ({n} missing)").format(code=code, n=missing)
                        for code, missing in sorted(result.short.items())
                    )
                )
            self.message.setText(text)
            # The matrix follows through refresh_for (the change names the assignments).

        self.change(
            work,
            done,
            on_problem=self._problem(self.tr("Nothing was assigned.")),
            on_finished=lambda: self.assign_button.setEnabled(True),
        )

    def assign_current(self) -> None:
        pair = self.current_pair()
        if pair is None or not pair[0]:
            return
        member, code = pair
        database, call = self.database, self.call
        self._change(
            lambda: committee_service.assign_manually(database, call, member, code),
            Changes.of(Kind.ASSIGNMENTS, applications=[code]),
            self.tr("{member} assigned to {code}.").format(member=member, code=code),
            self.tr("Not assigned."),
        )

    def unassign_current(self) -> None:
        pair = self.current_pair()
        if pair is None or not pair[0]:
            return
        member, code = pair
        database, call = self.database, self.call
        self._change(
            lambda: committee_service.unassign(database, call, member, code),
            Changes.of(Kind.ASSIGNMENTS, applications=[code]),
            self.tr("{member} no longer assigned to {code}.").format(member=member, code=code),
            self.tr("Not unassigned."),
        )

    def _change(self, work, changes: Changes, success: str, failure: str) -> None:
        """Runs a write; once it has committed, says `success` (the views showing
        what `changes` names, this one included, reload through refresh_for)."""
        self.change(
            lambda _task: Changed(work(), changes),
            lambda _result: self.message.setText(success),
            on_problem=self._problem(failure),
        )

    # --- conflicts ---

    def selected_conflict(self):
        row = self.conflicts_table.currentRow()
        if row < 0 or self.conflicts_table.item(row, 0) is None:
            return None
        conflict_id = self.conflicts_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.conflicts if c.id == conflict_id), None)

    def select_conflict(self, member_name: str, code: str) -> bool:
        for row in range(self.conflicts_table.rowCount()):
            if (
                self.conflicts_table.item(row, 0).text() == member_name
                and self.conflicts_table.item(row, 1).text() == code
            ):
                self.conflicts_table.setCurrentCell(row, 0)
                return True
        return False

    def detect(self) -> None:
        database, call = self.database, self.call

        def done(result) -> None:
            self.message.setText(
                self.tr("Detection: {new} new conflicts proposed, {known} already known.").format(
                    new=len(result.created), known=result.already_known
                )
            )
            self.conflict_filter.setCurrentIndex(self.conflict_filter.findData("proposed"))

        def work(_task):
            result = committee_service.detect_conflicts(database, call)
            codes = {conflict.code for conflict in result.created}
            return Changed(result, Changes.of(Kind.CONFLICTS, applications=codes))

        self.change(
            work,
            done,
            on_problem=self._problem(self.tr("The detection did not run.")),
        )

    def confirm_selected(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        database = self.database
        self._change(
            lambda: committee_service.confirm_conflict(database, conflict.id),
            # Confirming unassigns the pair.
            Changes.of(Kind.CONFLICTS, Kind.ASSIGNMENTS, applications=[conflict.code]),
            self.tr("Conflict confirmed: {member} will not evaluate {code}.").format(
                member=conflict.member, code=conflict.code
            ),
            self.tr("The conflict was not confirmed."),
        )

    def _ask_text(self, title: str, label: str) -> str | None:
        text, accepted = QInputDialog.getText(self, title, label)
        return text if accepted else None

    def dismiss_selected(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        note = self._ask_text(
            self.tr("Dismiss a Conflict"),
            self.tr("Why is {member} not in conflict with {code}? (recorded)").format(
                member=conflict.member, code=conflict.code
            ),
        )
        if note is None:
            return
        if not note.strip():
            self.message.setText(self.tr("Not dismissed: a note is required."))
            return
        database = self.database
        self._change(
            lambda: committee_service.dismiss_conflict(database, conflict.id, note),
            Changes.of(Kind.CONFLICTS, applications=[conflict.code]),
            self.tr("Conflict dismissed: {member} may evaluate {code}.").format(
                member=conflict.member, code=conflict.code
            ),
            self.tr("The conflict was not dismissed."),
        )

    def _ask_declaration(self, member: str, code: str) -> tuple[str, str, str] | None:
        dialog = DeclareConflictDialog(self.model.members, self.model.applications, self)
        dialog.preset(member, code)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        answer = dialog.answer()
        dialog.deleteLater()
        return answer if accepted else None

    def declare_current(self) -> None:
        pair = self.current_pair() or ("", "")
        answer = self._ask_declaration(*pair)
        if answer is None:
            return
        member, code, reason = answer
        database, call = self.database, self.call

        def work(_task):
            result = committee_service.declare_conflict(database, call, member, code, reason)
            # Declaring unassigns the pair, and may leave a submitted sheet out of the ranking.
            changes = Changes.of(Kind.CONFLICTS, Kind.ASSIGNMENTS, Kind.SHEETS, applications=[code])
            return Changed(result, changes)

        def done(result) -> None:
            text = self.tr("Conflict declared: {member} will not evaluate {code}.").format(
                member=member, code=code
            )
            if getattr(result, "submitted_sheet_kept", False):
                text += " " + self.tr(
                    "A submitted sheet of {member} for {code} stays on record but is left "
                    "out of the ranking."
                ).format(member=member, code=code)
            self.message.setText(text)

        self.change(
            work,
            done,
            on_problem=self._problem(self.tr("The conflict was not declared.")),
        )

    # --- evaluators ---

    def open_evaluators(self) -> None:
        dialog = EvaluatorsDialog(self.database, self.call, self.ops, self)
        dialog.exec()
        dialog.deleteLater()
        # What the dialog added reaches every view through its changes (Kind.COMMITTEE).

    # --- problems ---

    def _problem(self, what: str, retry=None):
        """An on_problem handler: a refusal is said in the result line, as every
        result of this view; a temporary problem goes to the banner with *Riprova*."""

        def on_problem(problem: Problem) -> bool:
            if problem.temporary:
                self.show_problem(problem, retry, what=what)
            else:
                self.message.setText(f"⚠ {what} {problem_text(problem)}")
            return True

        return on_problem


class DeclareConflictDialog(QDialog):
    """Member, application and reason of a conflict declared by hand."""

    def __init__(self, members, applications, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Declare a Conflict of Interest"))
        self.setMinimumWidth(460)
        self.member_box = QComboBox()
        self.member_box.setAccessibleName(self.tr("Member"))
        for member in members:
            self.member_box.addItem(member.name, member.name)
        self.application_box = QComboBox()
        self.application_box.setAccessibleName(self.tr("Application"))
        self.application_box.setEditable(True)
        self.application_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for application in applications:
            self.application_box.addItem(
                f"{application.code} — {application.title}", application.code
            )
        self.reason_box = QPlainTextEdit()
        self.reason_box.setAccessibleName(self.tr("Reason"))
        self.reason_box.setTabChangesFocus(True)
        self.reason_box.setPlaceholderText(
            self.tr("E.g. board member of a partner of the aggregation")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Member:"), self.member_box)
        form.addRow(self.tr("&Application:"), self.application_box)
        form.addRow(self.tr("&Reason (required):"), self.reason_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Declare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_box.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "A declared conflict is confirmed at once: the member's assignment and "
                    "draft for the application are removed."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def preset(self, member: str, code: str) -> None:
        if member:
            self.member_box.setCurrentIndex(self.member_box.findData(member))
        if code:
            self.application_box.setCurrentIndex(self.application_box.findData(code))
        self.reason_box.setFocus()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_box.toPlainText().strip()))

    def answer(self) -> tuple[str, str, str]:
        code = self.application_box.currentData()
        if code is None:  # typed by hand
            code = self.application_box.currentText().split(" — ")[0].strip()
        return self.member_box.currentData() or "", code, self.reason_box.toPlainText().strip()


class EvaluatorsDialog(QDialog):
    """The committee's members (name, role, e-mail) and, for the selected one, the
    entities they are linked to (the basis of conflict detection)."""

    KINDS = tuple(LINK_KINDS)
    ROLES = ("member", "chair", "secretary")

    def __init__(
        self, database, call: CallDefinition, ops: Operations, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.database = database
        self.call = call
        self.ops = ops
        self.members: list = []
        self.setWindowTitle(self.tr("Evaluators"))
        self.setMinimumSize(760, 560)
        self.language = language = interface_language()

        self.members_table = _table(
            [self.tr("Name"), self.tr("Role"), self.tr("E-mail"), self.tr("Assigned")],
            self.tr("Members"),
        )
        self.members_table.itemSelectionChanged.connect(self._member_selected)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("New member's name"))
        self.role_box = QComboBox()
        self.role_box.setAccessibleName(self.tr("New member's role"))
        for role in self.ROLES:
            self.role_box.addItem(role_label(role, language), role)
        self.email_edit = QLineEdit()
        self.email_edit.setAccessibleName(self.tr("New member's e-mail"))
        self.add_member_button = QPushButton(self.tr("Add &Member"))
        self.add_member_button.clicked.connect(self.add_member)
        self.name_edit.textChanged.connect(self._update)
        member_form = QFormLayout()
        member_form.addRow(self.tr("&Name:"), self.name_edit)
        member_form.addRow(self.tr("&Role:"), self.role_box)
        member_form.addRow(self.tr("E-&mail:"), self.email_edit)
        member_form.addRow("", self.add_member_button)
        members_box = QGroupBox(self.tr("Members"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members_table)
        members_layout.addLayout(member_form)

        self.links_table = _table(
            [self.tr("Entity"), self.tr("Tax code"), self.tr("Link"), self.tr("Note")],
            self.tr("Links of the selected member"),
        )
        self.entity_edit = QLineEdit()
        self.entity_edit.setAccessibleName(self.tr("Linked entity's name"))
        self.tax_code_edit = QLineEdit()
        self.tax_code_edit.setAccessibleName(self.tr("Linked entity's tax code"))
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Kind of link"))
        for kind in self.KINDS:
            self.kind_box.addItem(link_kind_label(kind, language), kind)
        self.link_note_edit = QLineEdit()
        self.link_note_edit.setAccessibleName(self.tr("Note on the link"))
        self.add_link_button = QPushButton(self.tr("Add &Link"))
        self.add_link_button.clicked.connect(self.add_link)
        self.entity_edit.textChanged.connect(self._update)
        self.tax_code_edit.textChanged.connect(self._update)
        link_form = QFormLayout()
        link_form.addRow(self.tr("&Entity:"), self.entity_edit)
        link_form.addRow(self.tr("&Tax code:"), self.tax_code_edit)
        link_form.addRow(self.tr("&Kind:"), self.kind_box)
        link_form.addRow(self.tr("N&ote:"), self.link_note_edit)
        link_form.addRow("", self.add_link_button)
        self.links_box = QGroupBox(self.tr("Links"))
        links_layout = QVBoxLayout(self.links_box)
        links_layout.addWidget(self.links_table)
        links_layout.addLayout(link_form)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Last result"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(members_box)
        splitter.addWidget(self.links_box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._update()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        database, call = self.database, self.call
        self.ops.query(
            self,
            lambda _task: committee_service.list_members(database, call),
            lambda members: self._members_loaded(members, select),
            key="members",
            on_problem=self._failed,
        )

    def _members_loaded(self, members, select: str | None) -> None:
        selected = select or self.selected_member()
        self.members = list(members)
        _fill(
            self.members_table,
            [
                [m.name, role_label(m.role, self.language), m.email, str(m.load)]
                for m in self.members
            ],
            keys=[m.name for m in self.members],
        )
        for row, member in enumerate(self.members):
            if member.name == selected:
                self.members_table.setCurrentCell(row, 0)
                break
        self._member_selected()

    def selected_member(self) -> str | None:
        row = self.members_table.currentRow()
        item = self.members_table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _member_selected(self) -> None:
        member = self.selected_member()
        self.links_box.setTitle(
            self.tr("Links of {name}").format(name=member) if member else self.tr("Links")
        )
        self._update()
        if member is None:
            self.links_table.setRowCount(0)
            return
        database, call = self.database, self.call
        self.ops.query(
            self,
            lambda _task: committee_service.list_links(database, call, member),
            self._links_loaded,
            key="links",  # the links of the member selected last
            on_problem=self._failed,
        )

    def _links_loaded(self, links) -> None:
        _fill(
            self.links_table,
            [
                [
                    link.entity_name,
                    link.tax_code,
                    link_kind_label(link.kind, self.language),
                    link.note,
                ]
                for link in links
            ],
        )

    def _update(self) -> None:
        self.add_member_button.setEnabled(bool(self.name_edit.text().strip()))
        self.add_link_button.setEnabled(
            self.selected_member() is not None
            and bool(self.entity_edit.text().strip() or self.tax_code_edit.text().strip())
        )

    def add_member(self) -> None:
        name = self.name_edit.text().strip()
        role = self.role_box.currentData()
        email = self.email_edit.text().strip()
        database, call = self.database, self.call

        def done(_result) -> None:
            self.message.setText(self.tr("{name} added.").format(name=name))
            self.name_edit.clear()
            self.email_edit.clear()
            self.refresh(select=name)

        def work(_task):
            added = committee_service.add_member(database, call, name, role, email)
            return Changed(added, Changes.of(Kind.COMMITTEE, applications=[]))

        self.ops.change(self, work, done, on_problem=self._failed)

    def add_link(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        entity = self.entity_edit.text().strip()
        tax_code = self.tax_code_edit.text().strip()
        kind = self.kind_box.currentData()
        note = self.link_note_edit.text().strip()
        database, call = self.database, self.call

        def done(_result) -> None:
            self.message.setText(
                self.tr("Link added to {name}: run Detect in the conflicts list.").format(
                    name=member
                )
            )
            for edit in (self.entity_edit, self.tax_code_edit, self.link_note_edit):
                edit.clear()
            self._member_selected()

        def work(_task):
            added = committee_service.add_link(database, call, member, entity, tax_code, kind, note)
            return Changed(added, Changes.of(Kind.COMMITTEE, applications=[]))

        self.ops.change(self, work, done, on_problem=self._failed)

    def _failed(self, problem: Problem) -> bool:
        # In the dialog's own result line, whatever the problem (busy database included).
        self.message.setText("⚠ " + problem_text(problem))
        return True
