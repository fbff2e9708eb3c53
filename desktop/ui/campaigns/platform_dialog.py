"""The crowdfunding platform: its address and kind, how often to sync, a custom CA
bundle, and the credential, which is set, tested and forgotten here but lives only
in the operating system's keyring (or in memory for this session, when there is no
keyring: the dialog says so). The secret field is never filled back in.

Testing the credential asks the server: a query owned by the dialog, so closing
the dialog while the server has not answered drops the answer."""

from __future__ import annotations

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

from desktop.domain.problems import Problem
from desktop.sync import SyncProblem
from desktop.ui.operations import Operations
from desktop.ui.settings import PLATFORMS, SYNC_INTERVALS, Settings

PLATFORM_NAMES = {"commissione": "Commissione (API del Comune)", "goteo": "Goteo API v1"}


class PlatformDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.ops = ops
        self.setWindowTitle(self.tr("Crowdfunding Platform"))
        self.setMinimumWidth(600)
        self.language = language or settings.language

        self.url_edit = QLineEdit(settings.platform_url)
        self.url_edit.setAccessibleName(self.tr("Platform address"))
        self.url_edit.setPlaceholderText("https://crowdfunding.comune.milano.it/api/v1")
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Platform kind"))
        for kind in PLATFORMS:
            self.kind_box.addItem(PLATFORM_NAMES[kind], kind)
        self.kind_box.setCurrentIndex(self.kind_box.findData(settings.platform_kind))
        self.interval_box = QComboBox()
        self.interval_box.setAccessibleName(self.tr("Sync interval"))
        for minutes in SYNC_INTERVALS:
            self.interval_box.addItem(
                self.tr("Only when asked")
                if minutes == 0
                else self.tr("Every {n} minutes").format(n=minutes),
                minutes,
            )
        self.interval_box.setCurrentIndex(
            self.interval_box.findData(settings.sync_interval_minutes)
        )
        self.ca_edit = QLineEdit(settings.ca_bundle)
        self.ca_edit.setAccessibleName(self.tr("CA bundle"))
        self.ca_edit.setPlaceholderText(self.tr("The system's certificates"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)

        self.user_edit = QLineEdit(settings.platform_user)
        self.user_edit.setAccessibleName(self.tr("Account name"))
        self.user_edit.setPlaceholderText(self.tr("Only for a platform that asks for one (Goteo)"))
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName(self.tr("Token or password"))
        self.secret_edit.setPlaceholderText(self.tr("Type a new one to replace the stored one"))
        self.save_secret_button = QPushButton(self.tr("&Store"))
        self.save_secret_button.clicked.connect(self.store_credential)
        self.test_button = QPushButton(self.tr("&Test"))
        self.test_button.clicked.connect(self.test_credential)
        self.forget_button = QPushButton(self.tr("&Forget"))
        self.forget_button.clicked.connect(self.forget_credential)
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.secret_edit, 1)
        for button in (self.save_secret_button, self.test_button, self.forget_button):
            secret_row.addWidget(button)

        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("keyringNote")
        self.status = QLabel()
        self.status.setObjectName("credentialStatus")
        self.status.setWordWrap(True)
        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        self.demo_note.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.url_edit)
        form.addRow(self.tr("&Kind:"), self.kind_box)
        form.addRow(self.tr("S&ync:"), self.interval_box)
        form.addRow(self.tr("&CA bundle:"), ca_row)
        form.addRow(self.tr("Acco&unt:"), self.user_edit)
        form.addRow(self.tr("T&oken or password:"), secret_row)
        form.labelForField(ca_row).setBuddy(self.ca_edit)
        form.labelForField(secret_row).setBuddy(self.secret_edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_note)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._show_keyring_status()

    def _say(self, it: str, en: str) -> str:
        return en if self.language == "en" else it

    def _show_keyring_status(self) -> None:
        from desktop.sync.credentials import keyring_status

        status = keyring_status()
        self.keyring_note.setText(self._say(*status.notice()))

    def show_demo(self, url: str) -> None:
        self.demo_note.setText(
            self.tr(
                "Demo: the campaigns come from the platform simulator at {url}, with a "
                "token for this session only. What you set here is kept for your own "
                "database."
            ).format(url=url)
        )
        self.demo_note.show()

    def browse_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA Bundle"),
            self.ca_edit.text() or str(Path.home()),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_edit.setText(path)

    def _url(self) -> str | None:
        url = self.url_edit.text().strip()
        if not url:
            self.status.setText(self.tr("Type the platform's address first."))
            self.url_edit.setFocus()
            return None
        return url

    def store_credential(self) -> None:
        from desktop.sync.credentials import set_credential

        url = self._url()
        if url is None:
            return
        secret = self.secret_edit.text()
        if not secret.strip():
            self.status.setText(self.tr("Type the token or password to store."))
            self.secret_edit.setFocus()
            return
        try:
            stored = set_credential(url, secret, self.user_edit.text().strip())
        except SyncProblem as problem:  # an unusable address
            self.status.setText(self._problem_text(problem))
            return
        finally:
            self.secret_edit.clear()  # the secret never stays in the widget
        if stored.session_only:
            self.status.setText(
                self.tr("Kept in memory for this session only: there is no system keyring.")
            )
        else:
            self.status.setText(self.tr("Stored in the system keyring."))

    def forget_credential(self) -> None:
        from desktop.sync.credentials import forget_credential

        url = self._url()
        if url is None:
            return
        try:
            removed = forget_credential(url)
        except SyncProblem as problem:  # an unusable address
            self.status.setText(self._problem_text(problem))
            return
        self.status.setText(
            self.tr("Credential forgotten.") if removed else self.tr("No credential was stored.")
        )

    def test_credential(self) -> None:
        from desktop.sync.credentials import test_credential

        url = self._url()
        if url is None:
            return
        kind = self.kind_box.currentData()
        ca_bundle = self.ca_edit.text().strip() or None
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("Asking the platform…"))

        def done(check) -> None:
            self.status.setText(self._say(check.it, check.en))

        def problem(problem: Problem) -> bool:
            self.status.setText(self._problem_text(problem))
            return True  # said beside the credential, where the user looks

        self.ops.query(
            self,
            lambda _task: test_credential(url, kind, ca_bundle=ca_bundle),
            done,
            key="test",
            on_problem=problem,
            on_finished=lambda: self.test_button.setEnabled(True),
        )

    def _problem_text(self, problem: Problem | SyncProblem) -> str:
        return self._say(problem.it, problem.en)

    def accept(self) -> None:
        self.settings.platform_url = self.url_edit.text().strip()
        self.settings.platform_kind = self.kind_box.currentData()
        self.settings.platform_user = self.user_edit.text().strip()
        self.settings.sync_interval_minutes = self.interval_box.currentData()
        self.settings.ca_bundle = self.ca_edit.text().strip()
        self.settings.sync()
        super().accept()
