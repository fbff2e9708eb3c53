"""The letters view's two small dialogs: what to generate (session, kind, format,
folder) and a protocol number with its date (typed the Italian way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import letters as rules
from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date as format_date
from desktop.domain.italian import ValueProblem, parse_date
from desktop.domain.vocabulary import letter_kind_label

FORMATS = ("pdf", "docx", "both")


@dataclass(frozen=True)
class GenerateRequest:
    session_code: str | None
    kind: str  # "auto" or one of rules.KINDS
    format: str  # pdf, docx, both
    out_dir: Path


class GenerateDialog(QDialog):
    def __init__(
        self,
        call: CallDefinition,
        parent: QWidget | None = None,
        *,
        language: str = "it",
        session_code: str | None = None,
        folder: Path | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Generate Letters"))
        self.session = QComboBox()
        self.session.setObjectName("generateSession")
        self.session.addItem(self.tr("All sessions"), "")
        for session in call.sessions:
            self.session.addItem(self.tr("Session {code}").format(code=session.code), session.code)
        if session_code:
            self.session.setCurrentIndex(max(0, self.session.findData(session_code)))
        self.kind = QComboBox()
        self.kind.setObjectName("generateKind")
        self.kind.addItem(self.tr("The letter each application's state calls for"), "auto")
        for kind in rules.KINDS:
            self.kind.addItem(letter_kind_label(kind, language), kind)
        self.format = QComboBox()
        self.format.setObjectName("generateFormat")
        labels = {
            "pdf": self.tr("PDF/A (to sign and keep)"),
            "docx": self.tr("Word (DOCX, to finish in the protocol system)"),
            "both": self.tr("Both PDF/A and Word"),
        }
        for value in FORMATS:
            self.format.addItem(labels[value], value)
        self.folder = QLineEdit(str(folder) if folder else "")
        self.folder.setObjectName("generateFolder")
        self.folder.setPlaceholderText(self.tr("Folder for the files of the batch"))
        self.folder.textChanged.connect(self._update_ok)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(lambda _checked=False: self.browse())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Session:"), self.session)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("F&older:"), folder_row)
        note = QLabel(
            self.tr(
                "Every letter is written as a draft (one file each, a merged PDF to print "
                "and an index for the protocol office). Letters already approved, "
                "protocolled or sent are not written again."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Generate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._update_ok()

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the Letters"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.folder.text().strip()))

    def request(self) -> GenerateRequest:
        return GenerateRequest(
            session_code=self.session.currentData() or None,
            kind=self.kind.currentData(),
            format=self.format.currentData(),
            out_dir=Path(self.folder.text().strip()).expanduser(),
        )


class ProtocolDialog(QDialog):
    """The number and date the protocol office gave the letter."""

    def __init__(self, what: str, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record Protocol"))
        intro = QLabel(what)
        intro.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setObjectName("protocolNumber")
        self.number.setPlaceholderText(self.tr("e.g. PG 123456/2025"))
        self.date = QLineEdit(format_date(today or dt.date.today()))
        self.date.setObjectName("protocolDate")
        self.date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.message = QLabel()
        self.message.setObjectName("protocolMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Protocol &number:"), self.number)
        form.addRow(self.tr("Protocol &date:"), self.date)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.number.setFocus()

    def values(self) -> tuple[str, dt.date] | None:
        """(number, date), or None with the reason shown under the fields."""
        number = self.number.text().strip()
        if not number:
            self.message.setText("⚠ " + self.tr("Type the protocol number."))
            return None
        try:
            day, _time = parse_date(self.date.text().strip())
        except (ValueError, ValueProblem):
            self.message.setText(
                "⚠ " + self.tr("The date is not valid: write it as dd/mm/yyyy, e.g. 31/01/2025.")
            )
            return None
        return number, day

    def _accept_if_valid(self) -> None:
        if self.values() is not None:
            self.accept()
