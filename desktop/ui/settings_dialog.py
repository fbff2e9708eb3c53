"""Preferences: where the database is, the interface language and its scale for
large shared screens. All three are read once at start-up (the database is opened,
the translators installed and QT_SCALE_FACTOR set before the window exists), so the
dialog says they take effect at the next start rather than pretending otherwise."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QShowEvent
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

from desktop.paths import default_database_path
from desktop.ui.settings import UI_SCALES, Settings
from desktop.ui.widgets.geometry import clip_to_screen

# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = {"it": "Italiano", "en": "English"}


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.needs_restart = False  # set by OK when something changed
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(560)

        self.database_edit = QLineEdit(settings.database)
        self.database_edit.setAccessibleName(self.tr("Database location"))
        self.database_edit.setPlaceholderText(str(default_database_path()))
        self.database_edit.setClearButtonEnabled(True)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse_database)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(browse)
        database_hint = QLabel(
            self.tr(
                "A file on this computer, or a server address such as "
                "postgresql://user@server/commissione. Empty: the default file shown."
            )
        )
        database_hint.setWordWrap(True)

        self.language_box = QComboBox()
        self.language_box.setAccessibleName(self.tr("Interface language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(settings.language))

        self.scale_box = QComboBox()
        self.scale_box.setAccessibleName(self.tr("Interface scale"))
        for scale in UI_SCALES:
            self.scale_box.addItem(f"{scale * 100:.0f}%", scale)
        self.scale_box.setCurrentIndex(self.scale_box.findData(settings.ui_scale))

        form = QFormLayout()
        form.addRow(self.tr("&Database:"), database_row)
        form.addRow("", database_hint)
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow(self.tr("Interface &scale:"), self.scale_box)
        # A row whose field is a layout gets no buddy: the mnemonic must still reach the field.
        form.labelForField(database_row).setBuddy(self.database_edit)

        restart = QLabel(
            self.tr(
                "The database, the language and the scale take effect the next time "
                "Commissione starts."
            )
        )
        restart.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(restart)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        clip_to_screen(self)  # a small screen at a large scale: never beyond its edges

    def browse_database(self) -> None:
        current = self.database_edit.text().strip()
        start = current if current and "://" not in current else str(default_database_path())
        # A save dialog that does not ask to overwrite: pick an existing file or name a new one.
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Database File"),
            start,
            self.tr("SQLite databases (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database_edit.setText(str(Path(path)))

    def changed(self) -> bool:
        """Whether OK would change anything (all of which needs a restart)."""
        return (
            self.database_edit.text().strip() != self.settings.database
            or self.language_box.currentData() != self.settings.language
            or self.scale_box.currentData() != self.settings.ui_scale
        )

    def accept(self) -> None:
        self.needs_restart = self.changed()
        self.settings.database = self.database_edit.text().strip()
        self.settings.language = self.language_box.currentData()
        self.settings.ui_scale = self.scale_box.currentData()
        self.settings.sync()
        super().accept()
