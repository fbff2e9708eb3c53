"""An officer's decision on one eligibility rule: the outcome and a note saying why.
The note is required (services.applications.override_rule refuses an empty one), so
OK stays disabled while it is blank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.eligibility import Outcome
from desktop.domain.vocabulary import rule_label, rule_outcome_label
from desktop.ui.applications_model import outcome_icon
from desktop.ui.widgets.geometry import clip_to_screen

if TYPE_CHECKING:
    from desktop.services.applications import RuleView


class OverrideDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        code: str,
        rule: RuleView,
        language: str,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override a Rule"))
        self.setMinimumWidth(480)

        outcome = rule.outcome
        reason = rule.result.reason(language)
        intro = QLabel(
            self.tr("Application {code}, rule “{rule}”: now {outcome}.").format(
                code=code,
                rule=rule_label(rule.result.rule, language),
                outcome=rule_outcome_label(outcome, language),
            )
        )
        intro.setWordWrap(True)
        seen = QLabel(reason)
        seen.setWordWrap(True)

        self.outcome_box = QComboBox()
        self.outcome_box.setAccessibleName(self.tr("New outcome"))
        for choice in (Outcome.PASS, Outcome.CHECK, Outcome.FAIL):
            self.outcome_box.addItem(
                outcome_icon(choice), rule_outcome_label(choice, language), choice
            )
        # Most overrides admit what the check could not: start from "met".
        self.outcome_box.setCurrentIndex(0 if outcome is not Outcome.PASS else 2)

        self.note_box = QPlainTextEdit()
        self.note_box.setAccessibleName(self.tr("Note"))
        self.note_box.setPlaceholderText(
            self.tr("Why? The note is kept with your name and today's date.")
        )
        self.note_box.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow(self.tr("&Outcome:"), self.outcome_box)
        form.addRow(self.tr("&Note (required):"), self.note_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Override"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_box.textChanged.connect(self._note_changed)
        self._note_changed()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if reason:
            layout.addWidget(seen)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.outcome_box.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        clip_to_screen(self)  # a small screen at a large scale: never beyond its edges

    def _note_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.note().strip()))

    def outcome(self) -> Outcome:
        return Outcome(self.outcome_box.currentData())  # Qt gives a str enum back as str

    def note(self) -> str:
        return self.note_box.toPlainText()
