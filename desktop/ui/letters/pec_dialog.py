"""*Lettere › Casella PEC…*: the office's PEC mailbox — the SMTP server the letters
leave from, the IMAP server the receipts are read from (optional), the sender
address, a CA bundle — kept in the Preferences' ``[pec]`` section (the file the
command line's ``letters pec-account`` writes too), and its password, which goes
only to the operating system's keyring (or this session's memory when no keyring
works: the dialog says so) and is never filled back in, written to the settings or
logged.

*Test the Connection* logs in to SMTP (and IMAP when set) and out again, sending
nothing: a query owned by the dialog, off the GUI thread; the answer is said inline,
as are the fields' mistakes."""

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.problems import Problem
from desktop.letters import pec
from desktop.sync.http import Secret
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import interface_language


class PecDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        settings_path: Path | None = None,
        language: str | None = None,
    ):
        super().__init__(parent)
        self.ops = ops
        self.settings_path = settings_path
        self.language = language or interface_language()
        self.setWindowTitle(self.tr("PEC Mailbox"))
        self.setMinimumWidth(620)
        self.stored: str = ""  # after OK: "keyring", "session", or "" (no new password)
        self.account: pec.PecAccount | None = None  # after OK: the account saved
        self.checks: list[tuple] = []  # the last connection test's results

        try:
            saved = pec.load_account(settings_path)
            load_problem = None
        except Problem as problem:
            saved, load_problem = None, problem
        self.saved = saved

        self.host_edit = QLineEdit(saved.host if saved else "")
        self.host_edit.setObjectName("pecHost")
        self.host_edit.setPlaceholderText("smtps.pec.example.it")
        self.port_box = self._port_box("pecPort", saved.port if saved else 0)
        self.security_box = QComboBox()
        self.security_box.setObjectName("pecSecurity")
        self.security_box.addItem(self.tr("SSL/TLS (implicit, port 465)"), "ssl")
        self.security_box.addItem(self.tr("STARTTLS (port 587)"), "starttls")
        if saved:
            self.security_box.setCurrentIndex(self.security_box.findData(saved.security))
        self.user_edit = QLineEdit(saved.user if saved else "")
        self.user_edit.setObjectName("pecUser")
        self.user_edit.setPlaceholderText(self.tr("As the sender address"))
        self.sender_edit = QLineEdit(saved.sender if saved else "")
        self.sender_edit.setObjectName("pecSender")
        self.sender_edit.setPlaceholderText("ufficio@pec.comune.example.it")
        self.ca_edit = QLineEdit(saved.ca_bundle if saved else "")
        self.ca_edit.setObjectName("pecCaBundle")
        self.ca_edit.setPlaceholderText(self.tr("The system's certificates"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setObjectName("pecBrowse")
        browse.clicked.connect(self.browse_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        self.imap_host_edit = QLineEdit(saved.imap_host if saved else "")
        self.imap_host_edit.setObjectName("pecImapHost")
        self.imap_host_edit.setPlaceholderText(
            self.tr("Optional: to read the receipts from the mailbox (imaps.pec.example.it)")
        )
        self.imap_port_box = self._port_box(
            "pecImapPort", saved.imap_port if saved and saved.imap_host else 0
        )
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("pecPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("Type it to store it or replace the stored one")
        )
        self.test_button = QPushButton(self.tr("&Test the Connection"))
        self.test_button.setObjectName("pecTest")
        self.test_button.clicked.connect(self.test_connection)
        self.forget_button = QPushButton(self.tr("&Forget the Password"))
        self.forget_button.setObjectName("pecForget")
        self.forget_button.clicked.connect(self.forget_password)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.test_button)
        password_row.addWidget(self.forget_button)

        self.password_note = QLabel()
        self.password_note.setObjectName("pecPasswordNote")
        self.password_note.setWordWrap(True)
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("pecKeyringNote")
        self.keyring_note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("pecStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Server (SMTP):"), self.host_edit)
        form.addRow(self.tr("P&ort:"), self.port_box)
        form.addRow(self.tr("S&ecurity:"), self.security_box)
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("Se&nder (PEC):"), self.sender_edit)
        form.addRow(self.tr("&CA bundle:"), ca_row)
        form.addRow(self.tr("IMAP ser&ver:"), self.imap_host_edit)
        form.addRow(self.tr("IMAP po&rt:"), self.imap_port_box)
        form.addRow(self.tr("Pass&word:"), password_row)
        form.labelForField(ca_row).setBuddy(self.ca_edit)
        form.labelForField(password_row).setBuddy(self.password_edit)
        for field, name in (
            (self.host_edit, self.tr("SMTP server")),
            (self.port_box, self.tr("SMTP port")),
            (self.security_box, self.tr("Security")),
            (self.user_edit, self.tr("User")),
            (self.sender_edit, self.tr("Sender PEC address")),
            (self.ca_edit, self.tr("CA bundle")),
            (self.imap_host_edit, self.tr("IMAP server")),
            (self.imap_port_box, self.tr("IMAP port")),
            (self.password_edit, self.tr("Password")),
        ):
            field.setAccessibleName(name)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.password_note)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._show_keyring_status()
        self._show_password_status()
        if load_problem is not None:
            self.status.setText(self._text(load_problem))

    def _port_box(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(0, 65535)
        box.setSpecialValueText(self.tr("Default"))  # 0: the security's usual port
        box.setValue(value)
        return box

    def _text(self, problem: Problem) -> str:
        return problem.text(self.language)

    def _say(self, it: str, en: str) -> str:
        return en if self.language == "en" else it

    def _show_keyring_status(self) -> None:
        from desktop.sync.credentials import keyring_status

        status = keyring_status()
        if status.usable:
            self.keyring_note.setText(
                self.tr(
                    "The password is kept in the system keyring ({backend}), nowhere else."
                ).format(backend=status.backend)
            )
        else:
            self.keyring_note.setText(
                self.tr(
                    "There is no usable system keyring: a password typed here is kept in "
                    "memory for this session only."
                )
            )

    def _show_password_status(self) -> None:
        stored = self.saved is not None and pec.get_password(self.saved) is not None
        self.password_note.setText(
            self.tr("A password is stored for this mailbox.")
            if stored
            else self.tr("No password is stored for this mailbox yet.")
        )

    def browse_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA Bundle"),
            self.ca_edit.text() or str(Path.home()),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_edit.setText(path)

    # --- the account from the fields ---

    def account_from_fields(self) -> pec.PecAccount | None:
        """The checked account, or None with the mistake said inline (and the field
        it is about focused)."""
        try:
            return pec.make_account(
                self.host_edit.text(),
                port=self.port_box.value() or None,
                security=self.security_box.currentData(),
                user=self.user_edit.text(),
                sender=self.sender_edit.text(),
                ca_bundle=self.ca_edit.text(),
                imap_host=self.imap_host_edit.text(),
                imap_port=self.imap_port_box.value() or None,
            )
        except pec.PecProblem as problem:
            self.status.setText(self._text(problem))
            self._focus_for(problem)
            return None

    def _focus_for(self, problem: Problem) -> None:
        text = problem.en
        for words, field in (
            ("IMAP server", self.imap_host_edit),
            ("IMAP port", self.imap_port_box),
            ("SMTP server", self.host_edit),
            ("SMTP port", self.port_box),
            ("security", self.security_box),
            ("sender", self.sender_edit),
            ("user name", self.user_edit),
            ("certificate authority", self.ca_edit),
        ):
            if words in text:
                field.setFocus()
                return

    def _typed_password(self) -> Secret | None:
        text = self.password_edit.text()
        return Secret(text) if text else None

    # --- the buttons ---

    def test_connection(self) -> None:
        account = self.account_from_fields()
        if account is None:
            return
        typed = self._typed_password()
        self.test_button.setEnabled(False)
        self.status.setText(
            self.tr("Logging in to the PEC mailbox (nothing is sent, nothing changes)…")
        )

        def work(_task):
            from desktop.letters import imap

            password = typed or pec.get_password(account)
            if password is None and account.user:
                raise pec.PecProblem(
                    "nessuna password: scriverla nel campo Password per provarla",
                    "no password: type it in the Password field to test it",
                )
            return imap.check_mailbox(account, password)

        def done(results) -> None:
            self.checks = results
            self.status.setText(
                "\n".join(
                    (self.tr("OK") if ok else self.tr("FAILED")) + " — " + self._say(it, en)
                    for _service, ok, it, en in results
                )
            )

        def problem(problem: Problem) -> bool:
            self.status.setText(self._text(problem))
            return True  # said beside the fields, where the user looks

        self.ops.query(
            self,
            work,
            done,
            key="test",
            on_problem=problem,
            on_finished=lambda: self.test_button.setEnabled(True),
        )

    def forget_password(self) -> None:
        account = self.account_from_fields()
        if account is None:
            return
        removed = pec.forget_password(account)
        self.password_edit.clear()
        self.status.setText(
            self.tr("Password forgotten.") if removed else self.tr("No password was stored.")
        )
        self._show_password_status()

    def accept(self) -> None:
        account = self.account_from_fields()
        if account is None:
            return
        typed = self._typed_password()
        try:
            pec.save_account(account, self.settings_path)
        except (OSError, Problem) as error:
            why = self._text(error) if isinstance(error, Problem) else (error.strerror or "")
            self.status.setText(self.tr("The settings could not be saved: {why}").format(why=why))
            return
        if typed is not None:
            self.stored = pec.set_password(account, typed)
        elif self.saved is not None and self.saved.key() != account.key():
            # Another server or user: the stored password follows the mailbox.
            earlier = pec.get_password(self.saved)
            if earlier is not None:
                self.stored = pec.set_password(account, earlier)
                pec.forget_password(self.saved)
        self.password_edit.clear()  # the password never stays in the widget
        self.account = account
        super().accept()

    def outcome(self) -> str:
        """What OK did, to say where the dialog was opened from."""
        if self.stored == "session":
            return self.tr(
                "PEC mailbox saved. There is no system keyring: the password is kept for "
                "this session only."
            )
        if self.stored == "keyring":
            return self.tr("PEC mailbox saved, its password in the system keyring.")
        return self.tr("PEC mailbox saved.")


def open_pec_dialog(ops: Operations, parent: QWidget | None, on_saved=None) -> PecDialog:
    """Opens the dialog (window-modal, not blocking); `on_saved(dialog)` after OK."""
    dialog = PecDialog(ops, parent)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted and on_saved is not None:
            on_saved(dialog)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
