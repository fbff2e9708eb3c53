"""The ranking (graduatoria) of a session, its funding line, and the committee's
decisions.

- The table lists the ranked applications in order, then the ones not ranked
  (below the minimum, evaluation incomplete, eligibility to check, not eligible),
  each with its status in words.
- The funding line is drawn as a thick rule with its label in a band between the
  last fundable and the first unfunded application, and stated in text above the
  table (position, amounts, what is left).
- The what-if budget moves the line as the amount is typed: the ranking is sorted
  once when loaded (services.ranking.load_ranking); a new budget only re-places
  the line (RankingResult.with_budget), on the GUI thread, in well under a frame.
- "Show normalised" adds the per-evaluator normalised score and position beside
  the raw ones, with the change (↑2 / ↓1); the raw ranking stays the official one
  and keeps the funding line.
- A decision (admitted / not admitted, reasons required) is recorded for the
  selected application, apart from the proposal.
- Exports (XLSX, CSV, PDF of the ranking as shown; the selected application's
  evaluation summary as PDF) run on a worker.

The ranking reloads by itself when sheets, decisions, assignments, conflicts,
eligibility or applications change anywhere (`refresh_for`): a sheet submitted in
a score-sheet tab, an override, a re-check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scoring
from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.formatting import money as format_eur
from desktop.domain.formatting import score as format_score
from desktop.domain.italian import ValueProblem, parse_amount
from desktop.domain.money import to_cents
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import ranking_status_label
from desktop.services import ranking as ranking_service
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import problem_text
from desktop.ui.widgets.view import View

_TOP = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "position",
    "move",
    "code",
    "title",
    "lead",
    "district",
    "score",
    "normalised",
    "spread",
    "evaluators",
    "grant",
    "cumulative",
    "status",
    "decision",
)
NORMALISED_COLUMNS = ("move", "normalised")
DISAGREEMENTS_SHOWN = 500
RIGHT_ALIGNED = ("position", "score", "normalised", "spread", "grant", "cumulative")

# Colours only repeat what the status text says.
STATUS_COLOURS = {
    scoring.FUNDABLE: "#1b5e20",
    scoring.NOT_FUNDED: "#8a5a00",
    scoring.BELOW_MINIMUM: "#5f5f5f",
    scoring.INADMISSIBLE: "#b71c1c",
    scoring.TO_CHECK: "#8a5a00",
    scoring.INCOMPLETE: "#5f5f5f",
}
STATUS_SYMBOLS = {
    scoring.FUNDABLE: "✓",
    scoring.NOT_FUNDED: "–",
    scoring.BELOW_MINIMUM: "↓",
    scoring.INADMISSIBLE: "✗",
    scoring.TO_CHECK: "?",
    scoring.INCOMPLETE: "…",
}


def move_text(entry) -> str:
    """How far normalisation moves a ranked application: ↑2 climbs two places."""
    if entry.position is None or entry.normalised_position is None:
        return ""
    moved = entry.position - entry.normalised_position
    if moved > 0:
        return f"↑{moved}"
    if moved < 0:
        return f"↓{-moved}"
    return "="


class RankingModel(QAbstractTableModel):
    """The entries of a RankingResult, in ranking order (or normalised order)."""

    def __init__(self, language: str = "it", parent=None):
        super().__init__(parent)
        self.language = language
        self.result: ranking_service.RankingResult | None = None
        self.line: scoring.FundingLine | None = None
        self.entries: list = []
        self.normalised_order = False
        self.disagreement_limit = None  # shown in the spread's tooltip
        # The call's evaluators per application: fewer (conflicts) is flagged.
        self.per_application: int | None = None
        self._headers = {
            "position": self.tr("Pos."),
            "move": self.tr("Change"),
            "code": self.tr("Code"),
            "title": self.tr("Title"),
            "lead": self.tr("Lead partner"),
            "district": self.tr("Municipio"),
            "score": self.tr("Score"),
            "normalised": self.tr("Normalised"),
            "spread": self.tr("Spread"),
            "evaluators": self.tr("Evaluators"),
            "grant": self.tr("Grant"),
            "cumulative": self.tr("Cumulative grant"),
            "status": self.tr("Status"),
            "decision": self.tr("Decision"),
        }
        self._tips = {
            "move": self.tr("Places gained (↑) or lost (↓) in the normalised ranking"),
            "normalised": self.tr(
                "Score with each evaluator's totals normalised (z-score mapped back to the "
                "scale); shown beside the raw score, never replacing it"
            ),
            "spread": self.tr("Highest minus lowest evaluator's total"),
            "evaluators": self.tr("Sheets counted of those expected"),
            "cumulative": self.tr("Sum of the grants from position 1 to this one"),
            "decision": self.tr("The committee's decision, recorded apart from the proposal"),
        }

    def set_result(self, result, line, normalised_order: bool = False) -> None:
        self.beginResetModel()
        self.result = result
        self.line = line
        self.normalised_order = normalised_order and result.normalised
        entries = list(result.entries)
        if self.normalised_order:
            ranked = [e for e in entries if e.normalised_position is not None]
            ranked.sort(key=lambda e: e.normalised_position)
            entries = ranked + [e for e in entries if e.normalised_position is None]
        self.entries = entries
        self.endResetModel()

    def set_line(self, line) -> None:
        """Another budget: only the statuses between the old and the new line change
        (the fundable applications are always a prefix of the ranking), so nothing
        is rebuilt and only those cells are repainted."""
        previous = self.line.funded_count if self.line is not None else 0
        self.line = line
        column = COLUMNS.index("status")
        if not self.entries:
            return
        if self.normalised_order:
            low, high = 0, len(self.entries)
        else:
            low, high = sorted((previous, line.funded_count))
        if high > low:
            self.dataChanged.emit(self.index(low, column), self.index(high - 1, column))

    def status(self, entry) -> str:
        """A ranked application's status comes from the current line."""
        if entry.position is None or self.line is None:
            return entry.status
        return self.line.status_at(entry.position)

    def entry(self, row: int):
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, code: str) -> int | None:
        for row, entry in enumerate(self.entries):
            if entry.code == code:
                return row
        return None

    def status_label(self, status: str) -> str:
        return f"{STATUS_SYMBOLS[status]} {ranking_status_label(status, self.language)}"

    def decision_label(self, decision) -> str:
        if decision is None:
            return ""
        symbol = "✓" if decision.decision == "admitted" else "✗"
        return f"{symbol} {decision.label(self.language)}"

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def display(self, entry, key: str) -> str:
        if key == "position":
            return str(entry.position) if entry.position is not None else ""
        if key == "move":
            return move_text(entry)
        if key == "code":
            return entry.code
        if key == "title":
            return entry.title
        if key == "lead":
            return entry.lead_partner
        if key == "district":
            return str(entry.district) if entry.district is not None else ""
        if key == "score":
            return format_score(entry.score, 2)
        if key == "normalised":
            return format_score(entry.normalised_score, 2)
        if key == "spread":
            text = format_score(entry.spread, 2)
            return f"⚠ {text}" if entry.disagreement else text
        if key == "evaluators":
            text = f"{entry.evaluators}/{entry.expected_evaluators}"
            return f"{text} ⚠" if self._short(entry) else text
        if key == "grant":
            return format_eur(entry.grant_cents) if entry.grant_cents is not None else ""
        if key == "cumulative":
            cumulative = entry.cumulative_grant_cents
            return format_eur(cumulative) if cumulative is not None else ""
        if key == "status":
            return self.status_label(self.status(entry))
        return self.decision_label(entry.decision)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(entry, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in RIGHT_ALIGNED:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if key in ("district", "evaluators", "move"):
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor(STATUS_COLOURS[self.status(entry)])
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("title", "lead"):
                return self.display(entry, key)
            if key == "evaluators" and self._short(entry):
                return self.tr(
                    "Fewer evaluators than the call asks ({n}): conflicts of interest "
                    "left this application with {expected}."
                ).format(n=self.per_application, expected=entry.expected_evaluators)
            if key == "spread" and entry.disagreement:
                return self.tr("The evaluators disagree beyond the limit of {limit}").format(
                    limit=format_score(self.disagreement_limit)
                )
            if key == "decision" and entry.decision is not None:
                return self.tr("{reasons}\n— {who}, {when}").format(
                    reasons=entry.decision.reasons,
                    who=entry.decision.decided_by,
                    when=format_datetime_it(entry.decision.decided_at),
                )
        return None

    def _short(self, entry) -> bool:
        return (
            self.per_application is not None
            and 0 < entry.expected_evaluators < self.per_application
        )


class FundingLineDelegate(QStyledItemDelegate):
    """Paints the cells of the row just below the funding line in the lower part of
    the taller row, leaving a band above them for the line and its label. Set on
    that row only: every other row keeps Qt's own delegate (no Python per cell)."""

    def __init__(self, table: RankingTable):
        super().__init__(table)
        self.table = table

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(0, self.table.band_height, 0, 0)
        super().paint(painter, shifted, index)


class RankingTable(QTableView):
    """A table that draws the funding line: a thick rule between the last fundable and
    the first unfunded application, with its label in a band above the latter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line_after: int | None = None  # rows above the line (None: no line)
        self.band_row: int | None = None
        self.line_label = ""
        self.band_height = self.fontMetrics().height() + 8
        self.row_height = self.fontMetrics().height() + 10
        self.band_delegate = FundingLineDelegate(self)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.row_height)

    def set_line(self, after: int | None, label: str) -> None:
        """Draws the line below the first `after` rows (None: none)."""
        rows = self.model().rowCount() if self.model() is not None else 0
        band = after if after is not None and after < rows else None
        if self.band_row is not None and self.band_row != band:
            self.setItemDelegateForRow(self.band_row, None)
            if self.band_row < rows:
                self.setRowHeight(self.band_row, self.row_height)
        self.line_after = after
        self.band_row = band
        self.line_label = label
        if band is not None:
            self.setItemDelegateForRow(band, self.band_delegate)
            self.setRowHeight(band, self.row_height + self.band_height)
        self.viewport().update()

    def line_y(self) -> int | None:
        """The line's y in the viewport, or None when it is not drawn."""
        if self.line_after is None:
            return None
        rows = self.model().rowCount()
        if self.band_row is not None:
            return self.rowViewportPosition(self.band_row) + self.band_height // 2
        if rows == 0 or self.line_after == 0:
            return 2
        last = min(self.line_after, rows) - 1
        return self.rowViewportPosition(last) + self.rowHeight(last) + 2

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        y = self.line_y()
        if y is None or y < -self.band_height or y > self.viewport().height() + self.band_height:
            return
        painter = QPainter(self.viewport())
        try:
            colour = QColor("#b71c1c")
            width = self.viewport().width()
            if self.band_row is not None:
                top = self.rowViewportPosition(self.band_row)
                painter.fillRect(
                    QRect(0, top, width, self.band_height),
                    self.palette().color(QPalette.ColorRole.Base),
                )
            painter.setPen(QPen(colour, 3))
            painter.drawLine(0, y, width, y)
            if self.line_label:
                font = QFont(self.font())
                font.setBold(True)
                painter.setFont(font)
                metrics = painter.fontMetrics()
                text_width = metrics.horizontalAdvance(self.line_label) + 16
                box = QRect(12, y - metrics.height() // 2 - 2, text_width, metrics.height() + 4)
                painter.fillRect(box, colour)
                painter.setPen(QColor("white"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.line_label)
        finally:
            painter.end()


def _small_table(columns: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class RankingView(View):
    application_chosen = Signal(str)  # a double click: show it in the main window

    def __init__(
        self,
        database,
        call: CallDefinition,
        ops: Operations,
        language: str = "it",
        parent: QWidget | None = None,
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.language = language
        self.base = None  # the result as loaded (the session's own budget)
        self.line: scoring.FundingLine | None = None  # where the line is now
        self._shown = None  # `result` at the current line, built when asked for
        self.setObjectName("rankingView")
        self.setAccessibleName(self.tr("Ranking"))

        self._build_controls()
        self._build_table()
        self._build_decision()
        self._build_tabs()

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.table)
        upper.addWidget(self.decision_box)
        upper.setStretchFactor(0, 4)
        upper.setStretchFactor(1, 1)
        upper.setSizes([1100, 280])
        upper.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.tabs)
        splitter.setSizes([600, 220])
        splitter.setChildrenCollapsible(False)

        layout = self.page_layout  # the View's: its banner on top
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.controls)
        layout.addWidget(self.line_text)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.export_bar)
        self.reload()

    # --- building ---

    def _button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if tip:
            button.setToolTip(tip)
        return button

    def _build_controls(self) -> None:
        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Session"))
        for session in self.call.sessions:
            self.session_box.addItem(session.name, session.code)
        self.session_box.addItem(self.tr("Whole call"), None)
        self.session_box.currentIndexChanged.connect(lambda _i: self.reload())

        self.budget_edit = QLineEdit()
        self.budget_edit.setAccessibleName(self.tr("What-if budget in euro"))
        self.budget_edit.setToolTip(
            self.tr(
                "Type another budget to see where the funding line would fall; empty: the "
                "session's budget"
            )
        )
        self.budget_edit.setClearButtonEnabled(True)
        self.budget_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("1.000.000,00 €__"))
        self.budget_edit.textChanged.connect(self._budget_typed)
        self.budget_problem = QLabel()
        self.budget_problem.setAccessibleName(self.tr("Budget problem"))
        self.budget_problem.hide()
        self.reset_budget_button = self._button(self.tr("Session &budget"), self.reset_budget)

        self.normalised_box = QCheckBox(self.tr("Show &normalised"))
        self.normalised_box.setToolTip(
            self.tr(
                "Add each evaluator's normalised scores beside the raw ones, with the places "
                "each application would gain or lose. The raw ranking stays the official one."
            )
        )
        self.normalised_box.toggled.connect(lambda _on: self.reload())
        self.normalised_order_box = QCheckBox(self.tr("Order by normalised"))
        self.normalised_order_box.setEnabled(False)
        self.normalised_order_box.toggled.connect(lambda _on: self._show())
        self.normalised_box.toggled.connect(self.normalised_order_box.setEnabled)

        self.refresh_button = self._button(self.tr("Re&fresh"), self.reload)
        self.controls = QHBoxLayout()
        for caption, widget in (
            (self.tr("&Session:"), self.session_box),
            (self.tr("What-if b&udget (€):"), self.budget_edit),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            self.controls.addWidget(label)
            self.controls.addWidget(widget)
        self.controls.addWidget(self.reset_budget_button)
        self.controls.addWidget(self.budget_problem)
        self.controls.addSpacing(16)
        self.controls.addWidget(self.normalised_box)
        self.controls.addWidget(self.normalised_order_box)
        self.controls.addStretch(1)
        self.controls.addWidget(self.refresh_button)

        self.line_text = QLabel()
        self.line_text.setWordWrap(True)
        self.line_text.setAccessibleName(self.tr("Funding line"))
        self.line_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.line_text.font())
        bold.setBold(True)
        self.line_text.setFont(bold)

        self.export_bar = QHBoxLayout()
        self.export_status = QLabel()
        self.export_status.setAccessibleName(self.tr("Export"))
        self.export_xlsx = self._button(self.tr("Export &XLSX…"), lambda: self.export("xlsx"))
        self.export_csv = self._button(self.tr("Export &CSV…"), lambda: self.export("csv"))
        self.export_pdf = self._button(self.tr("Export &PDF…"), lambda: self.export("pdf"))
        self.export_summary = self._button(
            self.tr("Evaluation &Summary PDF…"),
            self.export_selected_summary,
            self.tr("The selected application's evaluation, for the committee"),
        )
        self.export_bar.addWidget(self.export_status, 1)
        for button in (self.export_xlsx, self.export_csv, self.export_pdf, self.export_summary):
            self.export_bar.addWidget(button)

    def _build_table(self) -> None:
        self.model = RankingModel(self.language, self)
        self.model.disagreement_limit = self.call.evaluation.disagreement_limit
        self.model.per_application = self.call.grid.evaluators_per_application
        self.table = RankingTable()
        self.table.setObjectName("ranking")
        self.table.setAccessibleName(self.tr("Ranking"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        samples = {
            "position": "000",
            "move": "↑00",
            "code": "CC24-0000",
            "title": "x" * 26,
            "lead": "x" * 22,
            "district": "Municipio",
            "score": "100,00",
            "normalised": "Normalised",
            "spread": "⚠ 100,00",
            "evaluators": "Evaluators",
            "grant": "100.000,00 €",
            "cumulative": "1.000.000,00 €",
            "status": "– Idoneo non finanziato",
            "decision": "✗ non ammessa",
        }
        for column, key in enumerate(COLUMNS):
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(samples[key]), metrics.horizontalAdvance(heading))
            header.resizeSection(column, width + 20)
        # Fourteen columns do not all fit a laptop's width: the table scrolls sideways
        # and the last column takes whatever room is left on wide screens.
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(self._double_clicked)

    def _build_decision(self) -> None:
        self.decision_box = QGroupBox(self.tr("Decision"))
        self.selected_label = QLabel(self.tr("Select an application in the ranking."))
        self.selected_label.setWordWrap(True)
        self.selected_label.setAccessibleName(self.tr("Selected application"))
        self.current_decision = QLabel()
        self.current_decision.setWordWrap(True)
        self.current_decision.setAccessibleName(self.tr("Recorded decision"))
        self.admitted_button = QRadioButton(self.tr("&Admitted"))
        self.not_admitted_button = QRadioButton(self.tr("N&ot admitted"))
        self.decision_group = QButtonGroup(self)
        self.decision_group.addButton(self.admitted_button)
        self.decision_group.addButton(self.not_admitted_button)
        self.decision_group.buttonToggled.connect(lambda *_: self._update_decision_buttons())
        self.reasons_edit = QPlainTextEdit()
        self.reasons_edit.setAccessibleName(self.tr("Reasons for the decision"))
        self.reasons_edit.setPlaceholderText(
            self.tr("Reasons (required): they go into the minutes and the letter.")
        )
        self.reasons_edit.setTabChangesFocus(True)
        self.reasons_edit.textChanged.connect(self._update_decision_buttons)
        self.save_decision_button = self._button(self.tr("&Record Decision"), self.save_decision)
        self.clear_decision_button = self._button(self.tr("C&lear Decision"), self.clear_decision)
        self.decision_message = QLabel()
        self.decision_message.setWordWrap(True)
        self.decision_message.setAccessibleName(self.tr("Decision result"))
        choice = QHBoxLayout()
        choice.addWidget(self.admitted_button)
        choice.addWidget(self.not_admitted_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_decision_button)
        buttons.addWidget(self.clear_decision_button)
        reasons_caption = QLabel(self.tr("&Reasons:"))
        reasons_caption.setBuddy(self.reasons_edit)
        layout = QVBoxLayout(self.decision_box)
        layout.addWidget(self.selected_label)
        layout.addWidget(self.current_decision)
        layout.addLayout(choice)
        layout.addWidget(reasons_caption)
        layout.addWidget(self.reasons_edit, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.decision_message)
        self._update_decision_buttons()

    def _build_tabs(self) -> None:
        self.disagreements = _small_table(
            [self.tr("Code"), self.tr("Title"), self.tr("Spread"), self.tr("Evaluators' totals")],
            self.tr("Disagreements, most divergent first"),
        )
        self.disagreements.itemActivated.connect(
            lambda item: self.select(self.disagreements.item(item.row(), 0).text())
        )
        self.by_district = _small_table(
            [self.tr("Municipio"), self.tr("Fundable"), self.tr("Grants")],
            self.tr("Fundable projects by Municipio"),
        )
        self.by_objective = _small_table(
            [self.tr("Objective"), self.tr("Fundable"), self.tr("Grants")],
            self.tr("Fundable projects by objective"),
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Ranking details"))
        self.tabs.addTab(self.disagreements, self.tr("Disagreements"))
        self.tabs.addTab(self.by_district, self.tr("By Municipio"))
        self.tabs.addTab(self.by_objective, self.tr("By objective"))

    # --- loading ---

    def session_code(self) -> str | None:
        return self.session_box.currentData()

    def refresh_for(self, changes: Changes) -> None:
        if changes.touches(
            Kind.SHEETS,
            Kind.DECISIONS,
            Kind.ASSIGNMENTS,
            Kind.CONFLICTS,
            Kind.ELIGIBILITY,
            Kind.APPLICATIONS,
        ):
            self.reload()

    def reload(self, select: str | None = None) -> None:
        """Reads the ranking again (scores, decisions) and keeps the what-if budget."""
        select = select or self.selected_code()
        database, call = self.database, self.call
        session, normalised = self.session_code(), self.normalised_box.isChecked()
        self.line_text.setText(self.tr("Computing the ranking…"))

        def work(_task):
            return ranking_service.load_ranking(database, call, session, normalised=normalised)

        self.query(
            work,
            lambda result: self._loaded(result, select),
            key="ranking",  # only the last load is shown
            on_problem=self._problem(self.tr("The ranking could not be computed."), self.reload),
        )

    def _loaded(self, result, select: str | None) -> None:
        self.banner.clear()
        typed = self._typed_decision()
        self.base = result
        self.budget_edit.setPlaceholderText(format_eur(result.budget_cents))
        self.line = self._line_for(self._typed_budget())
        self._shown = None
        self._show(select)
        if typed is not None and self.selected_code() == typed[0]:
            # A reload from a change elsewhere keeps the decision being written here.
            _code, decision, reasons = typed
            self.decision_group.setExclusive(False)
            self.admitted_button.setChecked(decision == "admitted")
            self.not_admitted_button.setChecked(decision == "not_admitted")
            self.decision_group.setExclusive(True)
            if self.reasons_edit.toPlainText() != reasons:
                self.reasons_edit.setPlainText(reasons)
            self._update_decision_buttons()

    def _typed_decision(self) -> tuple[str, str | None, str] | None:
        """(code, decision, reasons) being written for the selected application and
        not recorded yet; None when nothing differs from what is recorded."""
        entry = self.selected_entry()
        if entry is None:
            return None
        chosen, reasons = self.chosen_decision(), self.reasons_edit.toPlainText()
        recorded = entry.decision
        if recorded is None and chosen is None and not reasons:
            return None
        if recorded is not None and (chosen, reasons) == (recorded.decision, recorded.reasons):
            return None
        return entry.code, chosen, reasons

    @property
    def result(self):
        """The ranking as shown: at the what-if budget when one is typed. Built only
        when asked for (exports, tests); moving the line does not need it."""
        if self._shown is None and self.base is not None:
            if self.line is None or self.line.budget_cents == self.base.budget_cents:
                self._shown = self.base
            else:
                self._shown = self.base.with_budget(self.line.budget_cents)
        return self._shown

    def _line_for(self, budget_cents: int | None) -> scoring.FundingLine:
        base = self.base
        if budget_cents is None:
            budget_cents = base.budget_cents
        return base.ranking.funding_line(budget_cents)

    def _show(self, select: str | None = None) -> None:
        base = self.base
        if base is None:
            return
        normalised_order = self.normalised_order_box.isChecked() and base.normalised
        selected = select or self.selected_code()
        self.model.set_result(base, self.line, normalised_order)
        for key in NORMALISED_COLUMNS:
            self.table.setColumnHidden(COLUMNS.index(key), not base.normalised)
        self._show_line()
        self._show_tabs()
        if selected:
            self.select(selected)

    def _show_line(self) -> None:
        ranked = len(self.base.ranking.ranked)
        if self.model.normalised_order or not ranked:
            self.table.set_line(None, "")
        else:
            self.table.set_line(self.line.funded_count, self.tr("Funding line"))
        self.line_text.setText(self.line_description())

    def line_description(self) -> str:
        base, line = self.base, self.line
        ranked = base.ranked
        budget = format_eur(line.budget_cents)
        given = line.budget_cents != base.budget_cents or self._typed_budget() is not None
        source = {
            "given": self.tr("what-if budget"),
            "session": self.tr("the session's budget"),
            "call": self.tr("the call's budget"),
            "call_remaining": self.tr(
                "the call's budget less {admitted} admitted in earlier sessions"
            ).format(admitted=format_eur(base.earlier_admitted_cents)),
        }
        source = source["given"] if given else source.get(base.budget_source, base.budget_source)
        if not ranked:
            text = self.tr(
                "No application is ranked yet (scores incomplete or below the minimum of "
                "{minimum}). Budget {budget} ({source})."
            ).format(minimum=format_score(base.minimum_total), budget=budget, source=source)
        elif line.funded_count == 0:
            text = self.tr(
                "Funding line above position 1: the budget of {budget} ({source}) does not "
                "cover the first grant of {grant}."
            ).format(budget=budget, source=source, grant=format_eur(ranked[0].grant_cents or 0))
        else:
            last = ranked[line.funded_count - 1]
            text = self.tr(
                "Funding line after position {position} ({code}): {count} fundable, "
                "{funded} of {budget} ({source}); {left} left."
            ).format(
                position=last.position,
                code=last.code,
                count=line.funded_count,
                funded=format_eur(line.funded_total_cents),
                budget=budget,
                source=source,
                left=format_eur(line.left_cents),
            )
            if line.funded_count < len(ranked):
                first_out = ranked[line.funded_count]
                text += " " + self.tr(
                    "First not funded: position {position} ({code}), grant {grant}."
                ).format(
                    position=first_out.position,
                    code=first_out.code,
                    grant=format_eur(first_out.grant_cents or 0),
                )
        if self.model.normalised_order:
            text += " " + self.tr(
                "Shown in normalised order for comparison: statuses and the funding line "
                "belong to the raw ranking."
            )
        return text

    def _show_tabs(self) -> None:
        result = self.base
        # The most divergent first; a huge call lists the first ones (all are in the
        # ranking's spread column and in the exports).
        shown = result.disagreements[:DISAGREEMENTS_SHOWN]
        rows = [
            [
                d.code,
                d.title,
                format_score(d.spread, 2),
                "; ".join(f"{name} {format_score(total, 2)}" for name, total in d.totals),
            ]
            for d in shown
        ]
        if len(result.disagreements) > len(shown):
            rows.append(
                [
                    "…",
                    self.tr("{n} more, less divergent").format(
                        n=len(result.disagreements) - len(shown)
                    ),
                    "",
                    "",
                ]
            )
        _fill(self.disagreements, rows, right=(2,))
        self.tabs.setTabText(0, self.tr("Disagreements ({n})").format(n=len(result.disagreements)))
        self._show_summaries()

    def _show_summaries(self) -> None:
        ranking, line = self.base.ranking, self.line
        _fill(
            self.by_district,
            [
                [
                    self.tr("Municipio {n}").format(n=g.key)
                    if g.key is not None
                    else self.tr("not given"),
                    str(g.count),
                    format_eur(g.grant_cents),
                ]
                for g in ranking.funded_by_district(line)
            ],
            right=(1, 2),
        )
        names = {o.number: f"{o.number}. {o.name}" for o in self.call.objectives}
        _fill(
            self.by_objective,
            [
                [names.get(g.key, str(g.key)), str(g.count), format_eur(g.grant_cents)]
                for g in ranking.funded_by_objective(line)
            ],
            right=(1, 2),
        )

    # --- the what-if budget ---

    def _typed_budget(self) -> int | None:
        text = self.budget_edit.text().strip()
        if not text:
            return None
        # What was typed may not be an amount (to_cents: ValueError for a third decimal).
        try:
            return to_cents(parse_amount(text))
        except (ValueProblem, ValueError, ArithmeticError):
            return None

    def _budget_typed(self, text: str) -> None:
        if self.base is None:
            return
        budget = self._typed_budget()
        if text.strip() and budget is None:
            self.budget_problem.setText("⚠ " + self.tr("Not an amount: write it like 500.000,00"))
            self.budget_problem.show()
            return
        self.budget_problem.hide()
        self._move_line(self._line_for(budget))

    def _move_line(self, line: scoring.FundingLine) -> None:
        """O(log n) to place the line, then only the changed cells and the small
        summaries are redrawn: the ranking is neither re-read nor re-sorted."""
        self.line = line
        self._shown = None
        self.model.set_line(line)
        self._show_line()
        self._show_summaries()
        self._selected_summary()

    def set_budget(self, text: str) -> None:
        self.budget_edit.setText(text)

    def reset_budget(self) -> None:
        self.budget_edit.clear()

    # --- selection and decisions ---

    def selected_code(self) -> str | None:
        entry = self.model.entry(self.table.currentIndex().row())
        return entry.code if entry is not None else None

    def selected_entry(self):
        return self.model.entry(self.table.currentIndex().row())

    def select(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        index = self.model.index(row, COLUMNS.index("code"))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None:
            self.application_chosen.emit(entry.code)

    def _selected_summary(self) -> None:
        """The selected application's position and status (which a new budget moves)."""
        entry = self.selected_entry()
        if entry is None:
            return
        position = (
            self.tr("position {n}").format(n=entry.position)
            if entry.position is not None
            else self.tr("not ranked")
        )
        self.selected_label.setText(
            self.tr("{code} — {title}\n{position}, {status}, score {score}").format(
                code=entry.code,
                title=entry.title,
                position=position,
                status=self.model.status_label(self.model.status(entry)),
                score=format_score(entry.score, 2) or "—",
            )
        )

    def _selected(self) -> None:
        entry = self.selected_entry()
        self.decision_message.clear()
        if entry is None:
            self.selected_label.setText(self.tr("Select an application in the ranking."))
            self.current_decision.clear()
            self._update_decision_buttons()
            return
        self._selected_summary()
        decision = entry.decision
        self.decision_group.setExclusive(False)
        self.admitted_button.setChecked(decision is not None and decision.decision == "admitted")
        self.not_admitted_button.setChecked(
            decision is not None and decision.decision == "not_admitted"
        )
        self.decision_group.setExclusive(True)
        self.reasons_edit.setPlainText(decision.reasons if decision is not None else "")
        self.current_decision.setText(
            self.tr("Recorded: {decision} — {who}, {when}").format(
                decision=self.model.decision_label(decision),
                who=decision.decided_by,
                when=format_datetime_it(decision.decided_at),
            )
            if decision is not None
            else self.tr("No decision recorded yet.")
        )
        self._update_decision_buttons()

    def chosen_decision(self) -> str | None:
        if self.admitted_button.isChecked():
            return "admitted"
        if self.not_admitted_button.isChecked():
            return "not_admitted"
        return None

    def _update_decision_buttons(self) -> None:
        entry = self.selected_entry()
        for widget in (self.admitted_button, self.not_admitted_button, self.reasons_edit):
            widget.setEnabled(entry is not None)
        self.save_decision_button.setEnabled(
            entry is not None
            and self.chosen_decision() is not None
            and bool(self.reasons_edit.toPlainText().strip())
        )
        self.clear_decision_button.setEnabled(entry is not None and entry.decision is not None)
        if (
            entry is not None
            and self.chosen_decision()
            and not self.reasons_edit.toPlainText().strip()
        ):
            self.save_decision_button.setToolTip(
                self.tr("Write the reasons first: they are required.")
            )
        else:
            self.save_decision_button.setToolTip("")

    def save_decision(self) -> None:
        entry = self.selected_entry()
        decision = self.chosen_decision()
        reasons = self.reasons_edit.toPlainText()
        if entry is None or decision is None:
            return
        if not reasons.strip():
            self.decision_message.setText("⚠ " + self.tr("Not recorded: the reasons are required."))
            return
        database, call, code = self.database, self.call, entry.code

        def work(_task):
            row = ranking_service.set_decision(database, call, code, decision, reasons)
            return Changed(row, Changes.of(Kind.DECISIONS, applications=[code]))

        def done(_row) -> None:
            # The ranking reloads through refresh_for (the change names the decision).
            self.decision_message.setText(
                self.tr("Decision recorded for {code}.").format(code=code)
            )

        self.change(work, done, on_problem=self._decision_failed)

    def clear_decision(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.decision is None:
            return
        database, call, code = self.database, self.call, entry.code

        def work(_task):
            cleared = ranking_service.clear_decision(database, call, code)
            return Changed(cleared, Changes.of(Kind.DECISIONS, applications=[code]))

        def done(_cleared) -> None:
            self.decision_message.setText(self.tr("Decision cleared for {code}.").format(code=code))

        self.change(work, done, on_problem=self._decision_failed)

    def _decision_failed(self, problem: Problem) -> bool:
        if not problem.temporary:
            self.decision_message.setText("⚠ " + problem_text(problem))
            return True
        return self._problem(self.tr("The decision was not recorded."))(problem)

    # --- exports ---

    def _save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, suggested, file_filter)
        return Path(chosen) if chosen else None

    def export(self, file_format: str) -> None:
        if self.result is None:
            return
        session = self.result.session_code or "bando"
        filters = {
            "xlsx": self.tr("Excel workbooks") + " (*.xlsx)",
            "csv": self.tr("CSV files") + " (*.csv)",
            "pdf": self.tr("PDF documents") + " (*.pdf)",
        }
        path = self._save_path(
            self.tr("Export the Ranking"),
            f"graduatoria-{session}.{file_format}",
            filters[file_format],
        )
        if path is None:
            return
        if path.suffix.lower() != f".{file_format}":
            path = path.with_name(path.name + f".{file_format}")
        result, call = self.result, self.call
        self._run_export(
            lambda: _export_ranking(result, path, file_format, call),
            path,
            self.tr("Ranking exported to {path}.").format(path=path),
        )

    def export_selected_summary(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.export_status.setText(self.tr("Select an application first."))
            return
        path = self._save_path(
            self.tr("Export the Evaluation Summary"),
            f"valutazione-{entry.code}.pdf",
            self.tr("PDF documents") + " (*.pdf)",
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        database, call, code = self.database, self.call, entry.code

        def work():
            summary = ranking_service.evaluation_summary(database, call, code)
            _export_summary(summary, path, call)

        self._run_export(
            work,
            path,
            self.tr("Evaluation summary of {code} exported to {path}.").format(
                code=code, path=path
            ),
        )

    def _run_export(self, work, path: Path, done_text: str) -> None:
        buttons = (self.export_xlsx, self.export_csv, self.export_pdf, self.export_summary)
        for button in buttons:
            button.setEnabled(False)
        self.export_status.setText(self.tr("Exporting…"))

        def export(_task):
            try:
                work()
            except OSError as error:  # the file the user picked cannot be written
                why = error.strerror or str(error)
                raise Problem(
                    f"Non esportato: {why} ({path}). Scegliere un'altra cartella o un altro "
                    "nome di file.",
                    f"Not exported: {why} ({path}). Choose another folder or file name.",
                ) from error

        def failed(problem: Problem) -> bool:
            if problem.temporary:
                self.export_status.setText("")
                return self._problem(self.tr("The export failed."))(problem)
            self.export_status.setText("⚠ " + problem_text(problem))
            return True

        # A read (the file is the only thing written): it belongs to this view.
        self.query(
            export,
            lambda _result: self.export_status.setText(done_text),
            key="export",
            on_problem=failed,
            on_finished=lambda: [button.setEnabled(True) for button in buttons],
        )

    # --- problems ---

    def _problem(self, what: str, retry=None):
        """An on_problem handler: the problem in the banner after what did not happen;
        *Riprova* (`retry`) when trying again may help."""

        def on_problem(problem: Problem) -> bool:
            self.show_problem(problem, retry if problem.temporary else None, what=what)
            return True

        return on_problem


def _export_ranking(result, path: Path, file_format: str, call: CallDefinition) -> None:
    # Imported when used: the exporters bring openpyxl and ReportLab.
    from desktop.exporting.ranking import export_ranking

    export_ranking(result, path, file_format, call)


def _export_summary(summary, path: Path, call: CallDefinition) -> None:
    from desktop.exporting.ranking import export_evaluation_summary

    export_evaluation_summary(summary, path, call)
