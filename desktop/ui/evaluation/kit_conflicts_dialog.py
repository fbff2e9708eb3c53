"""A kit return whose sheets were also changed here since the kit was issued:
nothing was applied. For each such sheet the dialog shows the central version and
the returned one side by side (score and comment per criterion, total,
motivation, status, who changed it and when) and asks which to keep. Returned
sheets that can no longer be applied here (the member is now in conflict with the
application, or no longer assigned) are listed too: the only choice is to keep
the central side, and it must be made explicitly. OK stays disabled until every
sheet has a choice; `choices()` is what import_return(choices=...) takes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.formatting import score as format_score
from desktop.domain.vocabulary import sheet_state_label
from desktop.kits import CENTRAL, RETURNED


class KitConflictsDialog(QDialog):
    def __init__(
        self,
        conflicts,
        call: CallDefinition,
        parent: QWidget | None = None,
        *,
        blocked=(),
        member_name: str = "",
        language: str = "it",
    ):
        super().__init__(parent)
        self.conflicts = list(conflicts)
        self.blocked = list(blocked)
        self.call = call
        self.language = language
        self.setWindowTitle(self.tr("Kit Return: Sheets Changed on Both Sides"))
        self.setMinimumSize(880, 560)
        self.groups: dict[str, QButtonGroup] = {}
        self.central_buttons: dict[str, QRadioButton] = {}
        self.returned_buttons: dict[str, QRadioButton] = {}

        intro = QLabel(
            self.tr(
                "{count} sheets of this return need a choice: changed here too after the kit "
                "was issued, or no longer applicable here. Nothing has been applied yet. For "
                "each sheet, choose which version to keep; the other one is discarded (the "
                "audit log records the choice)."
            ).format(count=len(self.conflicts) + len(self.blocked))
            + (" " + self.tr("Evaluator: {name}.").format(name=member_name) if member_name else "")
        )
        intro.setWordWrap(True)

        self.keep_all_central = QPushButton(self.tr("Keep &all central"))
        self.keep_all_central.clicked.connect(lambda: self.choose_all(CENTRAL))
        self.take_all_returned = QPushButton(self.tr("Take all &returned"))
        self.take_all_returned.clicked.connect(lambda: self.choose_all(RETURNED))
        shortcuts = QHBoxLayout()
        shortcuts.addWidget(self.keep_all_central)
        shortcuts.addWidget(self.take_all_returned)
        shortcuts.addStretch(1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for conflict in self.conflicts:
            body_layout.addWidget(self._conflict_box(conflict))
        for sheet in self.blocked:
            body_layout.addWidget(self._blocked_box(sheet))
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("Sheets in conflict"))

        self.pending_label = QLabel()
        self.pending_label.setAccessibleName(self.tr("Choices still to make"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Apply the Return"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(shortcuts)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pending_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._update()
        first = next(iter(self.central_buttons.values()), None)
        if first is not None:
            first.setFocus()

    # --- one sheet ---

    def _conflict_box(self, conflict) -> QGroupBox:
        code = conflict.code
        box = QGroupBox(
            self.tr("{code} — {title}").format(code=code, title=conflict.title)
            if conflict.title
            else code
        )
        box.setAccessibleName(self.tr("Sheet for {code}").format(code=code))
        table = QTableWidget(0, 5)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Criterion"),
                self.tr("Central score"),
                self.tr("Central comment"),
                self.tr("Returned score"),
                self.tr("Returned comment"),
            ]
        )
        table.setAccessibleName(self.tr("Central and returned scores for {code}").format(code=code))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        central, returned = conflict.central, conflict.returned
        rows = []
        for criterion in self.call.grid.criteria:
            rows.append(
                [
                    criterion.name,
                    format_score(central.scores.get(criterion.id)) or "—",
                    central.comments.get(criterion.id, ""),
                    format_score(returned.scores.get(criterion.id)) or "—",
                    returned.comments.get(criterion.id, ""),
                ]
            )
        rows.append(
            [
                self.tr("Total"),
                format_score(central.total),
                "",
                format_score(returned.total),
                "",
            ]
        )
        rows.append(
            [self.tr("Motivation"), "", central.motivation, "", returned.motivation],
        )
        rows.append(
            [
                self.tr("Status"),
                self._status(central.status),
                self._who(central),
                self._status(returned.status),
                self._who(returned),
            ]
        )
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c in (1, 3) and values[1] != values[3] and r < len(self.call.grid.criteria):
                    item.setFont(bold)  # what differs, in bold (and "≠" below)
                table.setItem(r, c, item)
            if r < len(self.call.grid.criteria) and values[1] != values[3]:
                table.item(r, 0).setText("≠ " + values[0])
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 4
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(min(height, 420))

        keep = QRadioButton(self.tr("Keep the &central sheet"))
        take = QRadioButton(self.tr("Take the re&turned sheet"))
        keep.setAccessibleName(self.tr("Keep the central sheet for {code}").format(code=code))
        take.setAccessibleName(self.tr("Take the returned sheet for {code}").format(code=code))
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(keep)
        group.addButton(take)
        group.buttonToggled.connect(lambda *_: self._update())
        self.groups[code] = group
        self.central_buttons[code] = keep
        self.returned_buttons[code] = take
        choice = QHBoxLayout()
        choice.addWidget(keep)
        choice.addWidget(take)
        choice.addStretch(1)

        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addLayout(choice)
        return box

    def _blocked_box(self, sheet) -> QGroupBox:
        code = sheet.code
        box = QGroupBox(self.tr("{code} — cannot be applied here").format(code=code))
        box.setAccessibleName(self.tr("Sheet for {code}").format(code=code))
        reason = QLabel(sheet.reason_en if self.language == "en" else sheet.reason_it)
        reason.setWordWrap(True)
        keep = QRadioButton(self.tr("Keep the &central side (discard the returned sheet)"))
        keep.setAccessibleName(self.tr("Keep the central sheet for {code}").format(code=code))
        group = QButtonGroup(self)
        group.addButton(keep)
        group.buttonToggled.connect(lambda *_: self._update())
        self.groups[code] = group
        self.central_buttons[code] = keep
        layout = QVBoxLayout(box)
        layout.addWidget(reason)
        layout.addWidget(keep)
        return box

    def _status(self, status: str) -> str:
        return sheet_state_label(status, self.language)

    def _who(self, side) -> str:
        when = format_datetime_it(side.changed_at) if side.changed_at else ""
        who = side.changed_by or ""
        if who and when:
            return self.tr("{who}, {when}").format(who=who, when=when)
        return who or when

    # --- choices ---

    def choose(self, code: str, choice: str) -> None:
        buttons = self.central_buttons if choice == CENTRAL else self.returned_buttons
        if code in buttons:
            buttons[code].setChecked(True)

    def choose_all(self, choice: str) -> None:
        """Every sheet in conflict; the blocked ones can only keep the central side."""
        for conflict in self.conflicts:
            self.choose(conflict.code, choice)
        for sheet in self.blocked:
            self.choose(sheet.code, CENTRAL)

    def choices(self) -> dict[str, str]:
        """{application code: "central" | "returned"} for every sheet chosen."""
        chosen = {}
        for code in self.groups:
            if self.central_buttons[code].isChecked():
                chosen[code] = CENTRAL
            elif code in self.returned_buttons and self.returned_buttons[code].isChecked():
                chosen[code] = RETURNED
        return chosen

    def _update(self) -> None:
        missing = len(self.groups) - len(self.choices())
        self.ok_button.setEnabled(missing == 0 and bool(self.groups))
        self.pending_label.setText(
            self.tr("{n} sheets still need a choice.").format(n=missing)
            if missing
            else self.tr("Every sheet has a choice.")
        )

    def keyPressEvent(self, event) -> None:
        # Enter on a radio button must not apply a half-chosen return.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.ok_button.isEnabled():
            event.accept()
            return
        super().keyPressEvent(event)
