"""The evaluator's form: one application, one score per criterion of the grid.

Keyboard first: Tab walks score → comment → next score; Ctrl+Return submits;
Ctrl+Shift+N jumps to the next application without a submitted sheet;
Ctrl+PgDown / Ctrl+PgUp walk the member's applications in order. The draft saves
itself ~800 ms after the last change, whenever the evaluator leaves the sheet and
when the tab closes, as a change of the operations layer (the database may be a
server far away; a save asked for by a closing tab still writes, and nothing of it
reaches the closed tab); a sheet changed elsewhere meanwhile is never overwritten:
a banner offers to reload it. The list and the progress follow the sheets,
assignments and conflicts changed anywhere (`refresh_for`).

Scores are exact: each box counts in steps of its criterion (0,5 steps: 25 means
12,5), so no binary fraction ever reaches the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition, Criterion
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.formatting import money as format_eur
from desktop.domain.formatting import parse_score
from desktop.domain.formatting import score as format_score
from desktop.domain.problems import Problem
from desktop.domain.scoring import grid_maximum, sheet_extras, sheet_total
from desktop.domain.vocabulary import sheet_state_label
from desktop.services import sheets as sheet_service
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import interface_language, problem_text
from desktop.ui.widgets.view import View

AUTOSAVE_DELAY_MS = 800

# How the member's list and the status line say where a sheet stands (with a
# symbol, so nothing depends on colour).
STATUS_SYMBOLS = {"": "○", "draft": "◐", "submitted": "●"}


def _step_places(step: Decimal) -> int:
    exponent = step.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class ScoreBox(QSpinBox):
    """A criterion's score counted in steps: value k means k × step; -1 means not
    scored yet (an empty box). Typing `12,5` or `12.5` works; a value off the
    step or out of range is never accepted."""

    NOT_SCORED = -1

    def __init__(self, criterion: Criterion, parent: QWidget | None = None):
        super().__init__(parent)
        self.criterion = criterion
        self.step = criterion.step
        self.places = _step_places(criterion.step)
        self.setRange(self.NOT_SCORED, int(criterion.max / criterion.step))
        self.setValue(self.NOT_SCORED)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lineEdit().setPlaceholderText("—")
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)
        width = self.fontMetrics().horizontalAdvance(format_score(criterion.max) + ",00") + 40
        self.setMinimumWidth(width)

    def score(self) -> Decimal | None:
        value = self.value()
        return None if value == self.NOT_SCORED else value * self.step

    def set_score(self, score: Decimal | None) -> None:
        if score is None:
            self.setValue(self.NOT_SCORED)
        else:
            self.setValue(int(Decimal(score) / self.step))

    # QSpinBox hooks: the text is the score, the value counts steps.

    def textFromValue(self, value: int) -> str:
        if value == self.NOT_SCORED:
            return ""
        return format_score(value * self.step)

    def valueFromText(self, text: str) -> int:
        score = parse_score(text)
        if score is None:
            return self.NOT_SCORED
        return int(score / self.step)

    def validate(self, text: str, position: int):
        stripped = text.strip()
        if not stripped:
            return QValidator.State.Acceptable  # an empty box: not scored
        if stripped.endswith((",", ".")) and parse_score(stripped[:-1]) is not None:
            return QValidator.State.Intermediate  # "12," on the way to "12,5"
        score = parse_score(stripped)
        if score is None or score < 0:
            return QValidator.State.Invalid
        if score > self.criterion.max:
            return QValidator.State.Invalid
        if score % self.step:
            # "12,3" with steps of 0,5: perhaps "12,35" is coming; never accepted.
            return QValidator.State.Intermediate
        return QValidator.State.Acceptable


class CriterionRow:
    """The widgets of one criterion: its name and limits, the box, the comment,
    what it is about (description and objectives), and any problem with it.
    Built by ScoreSheetView._criterion_row (whose tr() context the texts use)."""

    def __init__(self, criterion: Criterion):
        self.criterion = criterion
        self.name = QLabel(criterion.name)
        self.limits = QLabel()
        self.box = ScoreBox(criterion)
        self.comment = QLineEdit()
        self.about = QLabel()
        self.problem = QLabel()

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text if text else "")
        self.problem.setVisible(bool(text))


class ScoreSheetView(View):
    """One member's sheets, one application at a time. `open_application(code)`
    shows one; the list on the left is the member's assigned applications."""

    def __init__(
        self,
        database,
        call: CallDefinition,
        ops: Operations,
        member_name: str,
        *,
        workspace_member: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.member_name = member_name
        # Set when this database is an evaluator's kit workspace.
        self.workspace_member = workspace_member
        self.sheet = None  # the SheetView shown
        self.code: str | None = None
        self.version: int | None = None
        self.codes: list[str] = []  # the member's applications, in order
        self.statuses: dict[str, str] = {}
        self._loading = False  # filling the form: its changes are not edits
        self._dirty = False
        self._saving = False
        self._save_again = False
        self._stale = False
        self._after_save: list = []
        self._titles: dict[str, str] = {}

        self.setObjectName("scoreSheet")
        self.setAccessibleName(self.tr("Score sheet"))
        self._retry_text = self.banner.retry_button.text()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.save_now)

        self._build_navigation()
        self._build_form()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.application_list)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 800])
        splitter.setChildrenCollapsible(False)

        layout = self.page_layout  # the View's: its banner on top
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.navigation)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.bottom)
        self._build_shortcuts()
        self._set_tab_order()
        self._set_editable(False)
        self.placeholder.setText(self.tr("Loading the applications assigned to you…"))
        self.refresh_list(open_first=True)

    # --- building ---

    def _button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if tip:
            button.setToolTip(tip)
        return button

    def _build_navigation(self) -> None:
        self.previous_button = self._button(
            self.tr("◀ &Previous"), self.open_previous, self.tr("Previous application (Ctrl+PgUp)")
        )
        self.next_button = self._button(
            self.tr("&Next ▶"), self.open_next, self.tr("Next application (Ctrl+PgDown)")
        )
        self.next_unscored_button = self._button(
            self.tr("Next &unscored ▶▶"),
            self.open_next_unscored,
            self.tr("The next application you have not submitted yet (Ctrl+Shift+N)"),
        )
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Progress"))
        self.member_label = QLabel()
        self.member_label.setAccessibleName(self.tr("Evaluator"))
        who = (
            self.tr("Kit of {name} (offline workspace)").format(name=self.workspace_member)
            if self.workspace_member
            else self.tr("Evaluator: {name}").format(name=self.member_name)
        )
        self.member_label.setText(who)
        self.navigation = QHBoxLayout()
        self.navigation.addWidget(self.member_label)
        self.navigation.addStretch(1)
        self.navigation.addWidget(self.progress_label)
        self.navigation.addSpacing(12)
        for button in (self.previous_button, self.next_button, self.next_unscored_button):
            self.navigation.addWidget(button)

        self.application_list = QListWidget()
        self.application_list.setAccessibleName(self.tr("Applications assigned to you"))
        self.application_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.application_list.itemActivated.connect(
            lambda item: self.open_application(item.data(Qt.ItemDataRole.UserRole))
        )
        self.application_list.itemClicked.connect(
            lambda item: self.open_application(item.data(Qt.ItemDataRole.UserRole))
        )

    def _header_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setAccessibleName(name)
        return label

    def _criterion_row(self, criterion: Criterion, objectives: list[str]) -> CriterionRow:
        row = CriterionRow(criterion)
        bold = QFont(row.name.font())
        bold.setBold(True)
        row.name.setFont(bold)
        row.name.setWordWrap(True)
        limits = self.tr("0 to {max}, steps of {step}").format(
            max=format_score(criterion.max), step=format_score(criterion.step)
        )
        if not criterion.in_total:
            limits += " · " + self.tr("not in the total")
        if criterion.weight != 1:
            limits += " · " + self.tr("weight {weight}").format(
                weight=format_score(criterion.weight)
            )
        row.limits.setText(limits)
        row.box.setAccessibleName(self.tr("Score: {criterion}").format(criterion=criterion.name))
        row.box.setAccessibleDescription(limits)
        row.comment.setAccessibleName(
            self.tr("Comment: {criterion}").format(criterion=criterion.name)
        )
        row.comment.setPlaceholderText(self.tr("Comment on this criterion (optional)"))
        about = criterion.description if criterion.description != criterion.name else ""
        refers = (
            self.tr("Objectives: {objectives}").format(objectives="; ".join(objectives))
            if objectives
            else ""
        )
        row.about.setText("\n".join(part for part in (about, refers) if part))
        row.about.setWordWrap(True)
        row.about.setTextFormat(Qt.TextFormat.PlainText)
        row.about.setAccessibleName(self.tr("About: {criterion}").format(criterion=criterion.name))
        row.about.setVisible(bool(row.about.text()))
        tooltip = "\n\n".join(part for part in (criterion.description, refers, limits) if part)
        for widget in (row.name, row.box, row.comment):
            widget.setToolTip(tooltip)
        row.problem.setObjectName("problem")
        row.problem.setWordWrap(True)
        row.problem.setAccessibleName(
            self.tr("Problem: {criterion}").format(criterion=criterion.name)
        )
        row.problem.hide()
        return row

    def _build_form(self) -> None:
        self.title_label = self._header_label(self.tr("Title"))
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.header_labels: dict[str, QLabel] = {}
        header = QFormLayout()
        header.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, text in (
            ("code", self.tr("Code")),
            ("lead", self.tr("Lead partner")),
            ("partners", self.tr("Partners")),
            ("cost", self.tr("Total cost")),
            ("grant", self.tr("Grant")),
            ("district", self.tr("Municipio")),
            ("objectives", self.tr("Objectives")),
            ("summary", self.tr("Summary")),
        ):
            label = self._header_label(text)
            self.header_labels[key] = label
            header.addRow(text + ":", label)

        self.criteria_rows: list[CriterionRow] = []
        objective_names = {o.number: f"{o.number}. {o.name}" for o in self.call.objectives}
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(10)
        grid.addWidget(QLabel("<b>" + self.tr("Criterion") + "</b>"), 0, 0)
        grid.addWidget(QLabel("<b>" + self.tr("Score") + "</b>"), 0, 1)
        grid.addWidget(QLabel("<b>" + self.tr("Comment") + "</b>"), 0, 2)
        line = 1
        for criterion in self.call.grid.criteria:
            row = self._criterion_row(criterion, [objective_names[n] for n in criterion.objectives])
            self.criteria_rows.append(row)
            names = QVBoxLayout()
            names.setSpacing(0)
            names.addWidget(row.name)
            names.addWidget(row.limits)
            grid.addLayout(names, line, 0)
            grid.addWidget(row.box, line, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.comment, line, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.about, line + 1, 0, 1, 3)
            grid.addWidget(row.problem, line + 2, 0, 1, 3)
            separator = QFrame()
            separator.setFrameShape(QFrame.Shape.HLine)
            separator.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(separator, line + 3, 0, 1, 3)
            line += 4
            row.box.valueChanged.connect(self._edited)
            row.comment.textEdited.connect(self._edited)
        criteria_box = QGroupBox(self.tr("Scores"))
        criteria_box.setLayout(grid)

        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Total"))
        total_font = QFont(self.total_label.font())
        total_font.setBold(True)
        self.total_label.setFont(total_font)
        self.extras_label = QLabel()
        self.extras_label.setAccessibleName(self.tr("Scores not in the total"))
        self.extras_label.setWordWrap(True)

        self.motivation = QPlainTextEdit()
        self.motivation.setTabChangesFocus(True)
        self.motivation.setAccessibleName(self.tr("Motivation"))
        self.motivation.setAccessibleDescription(
            self.tr("May be quoted to the applicant in the decision letter.")
        )
        self.motivation.setPlaceholderText(
            self.tr("Why these scores, in words the applicant can read.")
        )
        self.motivation.setMinimumHeight(self.fontMetrics().height() * 5)
        self.motivation.textChanged.connect(self._edited)
        motivation_caption = QLabel(
            self.tr("&Motivation (required to submit) — may be quoted to the applicant")
        )
        motivation_caption.setBuddy(self.motivation)
        motivation_caption.setWordWrap(True)
        self.motivation_problem = QLabel()
        self.motivation_problem.setWordWrap(True)
        self.motivation_problem.hide()

        self.private_note = QPlainTextEdit()
        self.private_note.setTabChangesFocus(True)
        self.private_note.setAccessibleName(self.tr("Private note"))
        self.private_note.setAccessibleDescription(
            self.tr(
                "Never leaves this computer: not exported, not in a kit return, "
                "not shown to anyone else."
            )
        )
        self.private_note.setPlaceholderText(self.tr("Your own reminders."))
        self.private_note.setMinimumHeight(self.fontMetrics().height() * 3)
        self.private_note.textChanged.connect(self._edited)
        note_caption = QLabel(
            self.tr(
                "Private &note — never leaves this computer: not exported, not in a kit "
                "return, not shown to anyone else"
            )
        )
        note_caption.setBuddy(self.private_note)
        note_caption.setWordWrap(True)

        self.others_box = QGroupBox(self.tr("Other evaluators"))
        self.others_label = QLabel()
        self.others_label.setWordWrap(True)
        self.others_label.setAccessibleName(self.tr("Other evaluators' totals"))
        others_layout = QVBoxLayout(self.others_box)
        others_layout.addWidget(self.others_label)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(self.title_label)
        form_layout.addLayout(header)
        form_layout.addWidget(criteria_box)
        form_layout.addWidget(self.total_label)
        form_layout.addWidget(self.extras_label)
        form_layout.addWidget(motivation_caption)
        form_layout.addWidget(self.motivation)
        form_layout.addWidget(self.motivation_problem)
        form_layout.addWidget(note_caption)
        form_layout.addWidget(self.private_note)
        form_layout.addWidget(self.others_box)
        form_layout.addStretch(1)

        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        container = QWidget()
        container_layout = QVBoxLayout(container)
        container_layout.addWidget(self.placeholder)
        container_layout.addWidget(form)
        self.form = form
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(container)
        self.scroll.setAccessibleName(self.tr("Score sheet form"))

        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Sheet status"))
        self.save_label = QLabel()
        self.save_label.setAccessibleName(self.tr("Saving"))
        self.submit_problem = QLabel()
        self.submit_problem.setWordWrap(True)
        self.submit_problem.setAccessibleName(self.tr("Why the sheet was not submitted"))
        self.submit_problem.hide()
        self.submit_button = self._button(
            self.tr("&Submit"),
            self.submit,
            self.tr("Submit the sheet (Ctrl+Return): every criterion and the motivation needed"),
        )
        self.reopen_button = self._button(
            self.tr("R&eopen…"),
            self.reopen,
            self.tr("The secretariat reopens a submitted sheet, with a reason"),
        )
        self.reopen_button.hide()
        self.bottom = QVBoxLayout()
        self.bottom.addWidget(self.submit_problem)
        row = QHBoxLayout()
        row.addWidget(self.status_label)
        row.addSpacing(12)
        row.addWidget(self.save_label, 1)
        row.addWidget(self.reopen_button)
        row.addWidget(self.submit_button)
        self.bottom.addLayout(row)

    def _set_tab_order(self) -> None:
        # Tab: score → comment → next score …, then motivation, note, Submit.
        chain: list[QWidget] = []
        for criterion_row in self.criteria_rows:
            chain += [criterion_row.box, criterion_row.comment]
        chain += [self.motivation, self.private_note, self.submit_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self.submit),
            ("Ctrl+Enter", self.submit),
            ("Ctrl+Shift+N", self.open_next_unscored),
            ("Ctrl+PgDown", self.open_next),
            ("Ctrl+PgUp", self.open_previous),
            ("Ctrl+S", self.save_now),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- the member's list and progress ---

    def refresh_for(self, changes: Changes) -> None:
        # The list and the progress; the sheet being typed is never reloaded under
        # the evaluator's hands (a save elsewhere is caught by its version).
        mine = any(changes.touches_application(code) for code in self.codes)
        if changes.touches(Kind.ASSIGNMENTS, Kind.CONFLICTS) or (
            changes.touches(Kind.SHEETS) and mine
        ):
            self.refresh_list()

    def refresh_list(self, open_first: bool = False) -> None:
        database, call, member = self.database, self.call, self.member_name

        def work(_task):
            return (
                sheet_service.member_sheets(database, call, member),
                sheet_service.progress(database, call, member),
            )

        self.query(
            work,
            lambda result: self._list_loaded(result, open_first),
            key="list",
            on_problem=self._problem(
                self.tr("Your applications could not be loaded."),
                lambda: self.refresh_list(open_first),
            ),
        )

    def _list_loaded(self, result, open_first: bool) -> None:
        rows, (submitted, assigned) = result
        codes = [row.code for row in rows]
        self._titles = {row.code: row.title for row in rows}
        if codes == self.codes and self.application_list.count() == len(codes):
            # The same applications (a sheet saved or submitted): only their words
            # change, the list keeps its focus and scroll position.
            for row in rows:
                self._update_list_status(row.code, row.status)
        else:
            self.codes = codes
            self.statuses = {row.code: row.status for row in rows}
            self.application_list.clear()
            for row in rows:
                item = QListWidgetItem(self._list_text(row.code, row.title, row.status))
                item.setData(Qt.ItemDataRole.UserRole, row.code)
                item.setToolTip(row.title)
                self.application_list.addItem(item)
        self._show_progress(submitted, assigned)
        self._select_in_list()
        if open_first and self.code is None:
            if self.codes:
                self.open_next_unscored(from_start=True)
            else:
                self.placeholder.setText(self.tr("No application is assigned to you yet."))

    def _list_text(self, code: str, title: str, status: str) -> str:
        # No sheet yet reads "to score" for its evaluator; the rest is the vocabulary's.
        word = (
            self.tr("to score") if not status else sheet_state_label(status, interface_language())
        )
        return f"{STATUS_SYMBOLS.get(status, '○')} {code} — {word}\n{title}"

    def _show_progress(self, submitted: int, assigned: int) -> None:
        self.progress_label.setText(
            self.tr("{done} of {total} submitted").format(done=submitted, total=assigned)
        )

    def _select_in_list(self) -> None:
        for position in range(self.application_list.count()):
            item = self.application_list.item(position)
            if item.data(Qt.ItemDataRole.UserRole) == self.code:
                self.application_list.setCurrentItem(item)
                return

    def _update_list_status(self, code: str, status: str) -> None:
        self.statuses[code] = status
        for position in range(self.application_list.count()):
            item = self.application_list.item(position)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                text = self._list_text(code, self._titles.get(code, ""), status)
                if item.text() != text:
                    item.setText(text)

    # --- navigation ---

    def open_application(self, code: str | None) -> None:
        """Shows one application's sheet; the current draft is saved first."""
        if not code:
            return
        if code == self.code and self.sheet is not None and not self._stale:
            return
        self.save_now()
        database, call, member = self.database, self.call, self.member_name
        self.query(
            lambda _task: sheet_service.open_sheet(database, call, member, code),
            self._opened,
            key="sheet",  # only the last application asked for is shown
            on_problem=self._problem(
                self.tr("The sheet could not be opened."), lambda: self.open_application(code)
            ),
        )

    def reload(self) -> None:
        """Shows the sheet as the database has it now (after a stale-version refusal)."""
        code = self.code
        self._stale = False
        self._dirty = False
        self.autosave_timer.stop()
        self.sheet = None
        self.open_application(code)

    def open_next(self) -> None:
        self._open_relative(+1)

    def open_previous(self) -> None:
        self._open_relative(-1)

    def _open_relative(self, delta: int) -> None:
        if not self.codes:
            return
        if self.code not in self.codes:
            self.open_application(self.codes[0])
            return
        position = self.codes.index(self.code) + delta
        if 0 <= position < len(self.codes):
            self.open_application(self.codes[position])
        else:
            self._say(
                self.tr("This is the last application.")
                if delta > 0
                else self.tr("This is the first application.")
            )

    def open_next_unscored(self, from_start: bool = False) -> None:
        self.save_now()
        database, call, member = self.database, self.call, self.member_name
        after = None if from_start else self.code

        def found(code: str | None) -> None:
            if code is not None:
                self.open_application(code)
            elif from_start:
                # Everything is submitted: show the first, to read it again.
                self.open_application(self.codes[0] if self.codes else None)
            else:
                self._say(self.tr("Every application assigned to you is submitted."))

        self.query(
            lambda _task: sheet_service.next_unscored(database, call, member, after_code=after),
            found,
            key="next",
            on_problem=self._problem(self.tr("The next application could not be found.")),
        )

    def _say(self, text: str) -> None:
        self.save_label.setText(text)

    # --- showing a sheet ---

    def _opened(self, sheet) -> None:
        self.banner.clear()
        self.sheet = sheet
        self.code = sheet.code
        self.version = sheet.version
        self._stale = False
        self._dirty = False
        self._loading = True
        try:
            self._show_header(sheet)
            for row in self.criteria_rows:
                row.box.set_score(sheet.scores.get(row.criterion.id))
                row.comment.setText(sheet.comments.get(row.criterion.id, ""))
                row.show_problem("")
            self.motivation.setPlainText(sheet.motivation)
            self.private_note.setPlainText(sheet.private_note)
        finally:
            self._loading = False
        self.motivation_problem.hide()
        self.submit_problem.hide()
        self._show_others(sheet)
        self._show_status(sheet)
        self._update_total()
        self._select_in_list()
        self._update_list_status(sheet.code, sheet.status)
        self._set_editable(sheet.status != "submitted")
        self.placeholder.hide()
        self.form.show()
        self.scroll.verticalScrollBar().setValue(0)
        if sheet.status != "submitted" and self.criteria_rows:
            first = next(
                (r for r in self.criteria_rows if r.box.score() is None), self.criteria_rows[0]
            )
            first.box.setFocus(Qt.FocusReason.OtherFocusReason)
            first.box.selectAll()

    def _show_header(self, sheet) -> None:
        self.title_label.setText(sheet.title)
        values = {
            "code": sheet.code,
            "lead": sheet.lead_name,
            "partners": "; ".join(sheet.partner_names) or "—",
            "cost": format_eur(sheet.cost_cents) if sheet.cost_cents is not None else "—",
            "grant": format_eur(sheet.grant_cents) if sheet.grant_cents is not None else "—",
            "district": (
                self.tr("Municipio {n}").format(n=sheet.district)
                + (f" — {sheet.neighbourhood}" if sheet.neighbourhood else "")
                if sheet.district is not None
                else (sheet.neighbourhood or "—")
            ),
            "objectives": "\n".join(sheet.objectives) or "—",
            "summary": sheet.summary or "—",
        }
        for key, value in values.items():
            self.header_labels[key].setText(value)

    def _show_status(self, sheet) -> None:
        if sheet.status == "submitted":
            when = format_datetime_it(sheet.submitted_at) if sheet.submitted_at else ""
            text = self.tr("● Submitted {when} — read only").format(when=when).replace("  ", " ")
        elif sheet.status == "draft":
            text = self.tr("◐ Draft — saved as you type")
        else:
            text = self.tr("○ Not scored yet — saved as you type")
        if self.workspace_member:
            text += " · " + self.tr("kit of {name}").format(name=self.workspace_member)
        self.status_label.setText(text)
        self.reopen_button.setVisible(sheet.status == "submitted" and not self.workspace_member)

    def _show_others(self, sheet) -> None:
        if sheet.others_visible:
            totals = sheet.others_totals
            if totals:
                lines = [
                    self.tr("{name}: {total}").format(name=name, total=format_score(total))
                    for name, total in totals
                ]
                self.others_label.setText("\n".join(lines))
            else:
                self.others_label.setText(self.tr("No other evaluator has submitted yet."))
        elif self.call.evaluation.blind:
            self.others_label.setText(
                self.tr(
                    "Blind phase: the other evaluators' scores are shown after you submit yours."
                )
            )
        else:
            self.others_label.setText(self.tr("Other evaluators' scores are not shown here."))

    def _set_editable(self, editable: bool) -> None:
        for row in self.criteria_rows:
            row.box.setReadOnly(not editable)
            row.comment.setReadOnly(not editable)
        self.motivation.setReadOnly(not editable)
        # The private note stays the evaluator's own, submitted or not.
        self.submit_button.setEnabled(editable and self.sheet is not None)
        if self.sheet is None:
            self.form.hide()
            self.placeholder.show()

    # --- editing, total, autosave ---

    def scores(self) -> dict[str, Decimal | None]:
        return {row.criterion.id: row.box.score() for row in self.criteria_rows}

    def comments(self) -> dict[str, str]:
        return {row.criterion.id: row.comment.text() for row in self.criteria_rows}

    def _edited(self, *_args) -> None:
        if self._loading or self.sheet is None:
            return
        self._update_total()
        # Only the private note can change on a submitted sheet.
        if (
            self.sheet.status == "submitted"
            and self.private_note.toPlainText() == self.sheet.private_note
        ):
            return
        for row in self.criteria_rows:
            if row.box.score() is not None:
                row.show_problem("")
        if self.motivation.toPlainText().strip():
            self.motivation_problem.hide()
        if self._stale:
            return  # nothing more is saved until the evaluator reloads
        self._dirty = True
        self.save_label.setText(self.tr("Unsaved changes…"))
        self.autosave_timer.start()

    def _update_total(self) -> None:
        scores = {k: v for k, v in self.scores().items() if v is not None}
        grid = self.call.grid
        total = sheet_total(grid, scores)
        maximum = grid_maximum(grid)
        scored = sum(1 for c in grid.criteria if c.id in scores)
        self.total_label.setText(
            self.tr("Total: {total} of {max} ({scored} of {count} criteria scored)").format(
                total=format_score(total),
                max=format_score(maximum),
                scored=scored,
                count=len(grid.criteria),
            )
        )
        names = {c.id: c.name for c in grid.criteria}
        extras = [
            f"{names[key]}: {format_score(value)}"
            for key, value in sheet_extras(grid, scores).items()
        ]
        self.extras_label.setText(
            self.tr("Not in the total: {scores}").format(scores="; ".join(extras)) if extras else ""
        )
        self.extras_label.setVisible(bool(extras))

    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._saving

    def save_now(self) -> None:
        """Saves the draft now if it changed (also what leaving the sheet does)."""
        self.autosave_timer.stop()
        if not self._dirty or self.sheet is None or self._stale:
            return
        if self._saving:
            self._save_again = True
            return
        code, version = self.code, self.version
        scores, comments = self.scores(), self.comments()
        motivation, note = self.motivation.toPlainText(), self.private_note.toPlainText()
        database, call, member = self.database, self.call, self.member_name
        submitted = self.sheet.status == "submitted"
        self._saving = True
        self._dirty = False
        self.save_label.setText(self.tr("Saving…"))

        def work(_task):
            if submitted:
                new_version = sheet_service.save_private_note(database, call, member, code, note)
            else:
                new_version = sheet_service.save_draft(
                    database,
                    call,
                    member,
                    code,
                    scores,
                    comments,
                    motivation,
                    note,
                    expected_version=version,
                )
            return Changed(new_version, Changes.of(Kind.SHEETS, applications=[code]))

        # A change: it still writes when the tab closes meanwhile (the draft is kept),
        # and then nothing of it reaches this view.
        self.change(
            work,
            lambda new_version: self._saved(code, new_version, submitted, note),
            on_problem=lambda problem: self._save_failed(code, problem),
        )

    def _saved(self, code: str, new_version, submitted: bool, note: str = "") -> None:
        self._saving = False
        if code == self.code and self.sheet is not None:
            before = status = self.sheet.status
            if not submitted and new_version:
                self.version = new_version
                status = "draft"
            self.sheet = dataclasses.replace(
                self.sheet, status=status, version=self.version, private_note=note
            )
            self.save_label.setText(
                self.tr("Draft saved at {time}.").format(
                    time=dt.datetime.now().strftime("%H:%M:%S")
                )
                if not submitted
                else self.tr("Private note saved.")
            )
            if status != before:
                self._update_list_status(code, status)
                self._show_status(self.sheet)
        if self._save_again or (self._dirty and code == self.code):
            self._save_again = False
            self.save_now()
        after, self._after_save = self._after_save, []
        for callback in after:
            callback()

    def _save_failed(self, code: str, problem: Problem) -> bool:
        """A save refused: a sheet changed elsewhere is handled here (a banner to
        reload it); the rest is said in words. Always handled here (True)."""
        self._saving = False
        self._save_again = False
        self._after_save = []
        if code != self.code:
            return self._problem(self.tr("A draft could not be saved."))(problem)
        self._dirty = True  # still not saved
        if isinstance(problem, sheet_service.StaleSheet):
            self._stale = True
            self.autosave_timer.stop()
            self.save_label.setText(self.tr("Not saved."))
            self.banner.show_problem(
                self.tr(
                    "This sheet was changed elsewhere since you opened it: your last changes "
                    "were NOT saved. Reload to see the sheet as it is now (copy any text you "
                    "want to keep first)."
                ),
                self.reload,
                details=problem_text(problem),
            )
            self.banner.retry_button.setText(self.tr("&Reload"))
            return True
        if not problem.temporary:
            self.save_label.setText(self.tr("Not saved: {why}").format(why=problem_text(problem)))
            return True
        self.save_label.setText(self.tr("Not saved."))
        return self._problem(self.tr("The draft could not be saved."), self.save_now)(problem)

    # --- submitting and reopening ---

    def _missing(self) -> bool:
        """Marks what stops the sheet from being submitted; True if anything does."""
        missing = False
        first = None
        for row in self.criteria_rows:
            if row.box.score() is None:
                row.show_problem(self.tr("Give a score to submit the sheet."))
                missing = True
                first = first or row.box
            else:
                row.show_problem("")
        if not self.motivation.toPlainText().strip():
            self.motivation_problem.setText(
                "⚠ " + self.tr("Write the motivation to submit the sheet.")
            )
            self.motivation_problem.show()
            missing = True
            first = first or self.motivation
        else:
            self.motivation_problem.hide()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(first)
        return missing

    def submit(self) -> None:
        if self.sheet is None or self.sheet.status == "submitted" or self._stale:
            return
        if self._missing():
            self.submit_problem.setText(
                "⚠ " + self.tr("Not submitted: complete what is marked above.")
            )
            self.submit_problem.show()
            return
        self.submit_problem.hide()
        if self._saving:
            self._after_save.append(self.submit)
            return
        # The sheet's content goes with the submission (saved first if it changed).
        code, version = self.code, self.version
        scores, comments = self.scores(), self.comments()
        motivation, note = self.motivation.toPlainText(), self.private_note.toPlainText()
        database, call, member = self.database, self.call, self.member_name
        dirty = self._dirty
        self.autosave_timer.stop()
        self._dirty = False
        self._saving = True

        def work(_task):
            current = version
            if dirty:
                current = sheet_service.save_draft(
                    database,
                    call,
                    member,
                    code,
                    scores,
                    comments,
                    motivation,
                    note,
                    expected_version=version,
                )
            sheet_service.submit_sheet(database, call, member, code, expected_version=current)
            result = (
                sheet_service.open_sheet(database, call, member, code),
                sheet_service.progress(database, call, member),
            )
            return Changed(result, Changes.of(Kind.SHEETS, applications=[code]))

        self.change(
            work,
            self._submitted,
            on_problem=lambda problem: self._submit_failed(code, problem),
        )

    def _submitted(self, result) -> None:
        self._saving = False
        sheet, (done, total) = result
        self._show_progress(done, total)
        if sheet.code == self.code:
            self._opened(sheet)
            self.save_label.setText(self.tr("Submitted."))
        else:
            self._update_list_status(sheet.code, sheet.status)

    def _submit_failed(self, code: str, problem: Problem) -> bool:
        self._saving = False
        if isinstance(problem, sheet_service.StaleSheet):
            return self._save_failed(code, problem)
        if not problem.temporary:
            self._dirty = True
            self.submit_problem.setText(
                "⚠ " + self.tr("Not submitted: {why}").format(why=problem_text(problem))
            )
            self.submit_problem.show()
            return True
        self._dirty = True
        return self._problem(self.tr("The sheet was not submitted."))(problem)

    def _ask_reopen_reason(self) -> str | None:
        reason, accepted = QInputDialog.getMultiLineText(
            self,
            self.tr("Reopen a Submitted Sheet"),
            self.tr("Why is {member}'s sheet for {code} reopened? (recorded)").format(
                member=self.member_name, code=self.code
            ),
        )
        return reason if accepted else None

    def reopen(self) -> None:
        if self.sheet is None or self.sheet.status != "submitted":
            return
        reason = self._ask_reopen_reason()
        if reason is None:
            return
        if not reason.strip():
            self._say(self.tr("Not reopened: a reason is required."))
            return
        code = self.code
        database, call, member = self.database, self.call, self.member_name

        def work(_task):
            sheet_service.reopen_sheet(database, call, member, code, reason)
            sheet = sheet_service.open_sheet(database, call, member, code)
            return Changed(sheet, Changes.of(Kind.SHEETS, applications=[code]))

        def reopened(sheet) -> None:
            if sheet.code == self.code:
                self._opened(sheet)
            self._say(self.tr("Reopened: the sheet is a draft again."))
            # The list follows through refresh_for (the change names the sheets).

        self.change(
            work,
            reopened,
            on_problem=self._problem(self.tr("The sheet was not reopened.")),
        )

    # --- problems ---

    def show_problem(self, problem: Problem, retry=None, *, what: str = "") -> None:
        super().show_problem(problem, retry, what=what)
        # The banner's own "Retry" ("Reload" is the stale sheet's only).
        self.banner.retry_button.setText(self._retry_text)

    def _problem(self, what: str, retry=None):
        """An on_problem handler: the problem in the banner after what did not happen;
        *Riprova* (`retry`) when trying again may help."""

        def on_problem(problem: Problem) -> bool:
            self.show_problem(problem, retry if problem.temporary else None, what=what)
            return True

        return on_problem
