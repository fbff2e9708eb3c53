"""Lettere › Casella PEC…: the mailbox's dialog (fields saved to the Preferences'
[pec] section, the password only to the in-memory test keyring, mistakes said
inline, the connection tested against the loopback SMTP and IMAP servers off the
GUI thread), the banner's way to it, and *Read Receipts from the Mailbox* on the
letters tab recording the receipts held by the loopback IMAP server."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from db.models import Application, Letter, LetterEvent
from desktop.letters import imap, pec
from desktop.preferences import preferences_file
from desktop.ui.letters.pec_dialog import PecDialog
from tests import pec_servers
from tests.pec_servers import PASSWORD, SENDER, USER, daticert, receipt_eml
from tests.ui import test_letters_view as view_tests

certificates = pec_servers.certificates
smtp_server = pec_servers.smtp_server
imap_server = pec_servers.imap_server
letters_database = view_tests.letters_database
letters = view_tests.letters


@pytest.fixture(autouse=True)
def _short_timeouts(monkeypatch):
    monkeypatch.setenv(pec.TIMEOUT_VARIABLE, "5")
    monkeypatch.setenv(imap.TIMEOUT_VARIABLE, "5")


def fill(dialog: PecDialog, *, port: int, ca: str, imap_port: int = 0, password: str = ""):
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_box.setValue(port)
    dialog.security_box.setCurrentIndex(dialog.security_box.findData("ssl"))
    dialog.user_edit.setText(USER)
    dialog.sender_edit.setText(SENDER)
    dialog.ca_edit.setText(ca)
    dialog.imap_host_edit.setText("127.0.0.1" if imap_port else "")
    dialog.imap_port_box.setValue(imap_port)
    dialog.password_edit.setText(password)


def make_dialog(qtbot, ops) -> PecDialog:
    dialog = PecDialog(ops, language="en")
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_saves_the_mailbox_and_the_password_only_in_the_keyring(
    qtbot, ops, certificates, caplog
):
    ca = str(certificates["good"][0])
    dialog = make_dialog(qtbot, ops)
    assert "system keyring" in dialog.keyring_note.text()
    assert "No password is stored" in dialog.password_note.text()
    fill(dialog, port=2465, ca=ca, imap_port=2993, password=PASSWORD)
    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.stored == "keyring"
    assert dialog.password_edit.text() == ""  # never kept in the widget
    saved = pec.load_account()
    assert saved == pec.PecAccount("127.0.0.1", 2465, "ssl", USER, SENDER, ca, "127.0.0.1", 2993)
    assert pec.get_password(saved).reveal() == PASSWORD
    settings = preferences_file().read_text(encoding="utf-8")
    assert "imap_host=127.0.0.1" in settings and PASSWORD not in settings
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)
    assert dialog.outcome() == "PEC mailbox saved, its password in the system keyring."

    # Opened again: the fields as saved, the password never filled back in.
    again = make_dialog(qtbot, ops)
    assert again.host_edit.text() == "127.0.0.1" and again.port_box.value() == 2465
    assert again.imap_port_box.value() == 2993 and again.ca_edit.text() == ca
    assert again.password_edit.text() == ""
    assert "A password is stored" in again.password_note.text()

    # Another user: the stored password follows the mailbox.
    again.user_edit.setText("altro@pec.example.it")
    again.accept()
    moved = pec.load_account()
    assert pec.get_password(moved).reveal() == PASSWORD and pec.get_password(saved) is None

    again = make_dialog(qtbot, ops)
    again.forget_button.click()
    assert again.status.text() == "Password forgotten." and pec.get_password(moved) is None
    assert "No password is stored" in again.password_note.text()


def test_mistakes_are_said_inline_and_nothing_is_saved(qtbot, ops, tmp_path):
    dialog = make_dialog(qtbot, ops)
    fill(dialog, port=0, ca="", password=PASSWORD)
    dialog.sender_edit.setText("non-un-indirizzo")
    dialog.show()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "invalid sender PEC address" in dialog.status.text()
    assert dialog.sender_edit.hasFocus() or not dialog.isActiveWindow()
    dialog.sender_edit.setText(SENDER)
    dialog.imap_host_edit.setText("imap server")
    dialog.accept()
    assert "invalid IMAP server" in dialog.status.text()
    dialog.imap_host_edit.setText("")
    dialog.ca_edit.setText(str(tmp_path / "manca.pem"))
    dialog.accept()
    assert "certificate authority file" in dialog.status.text()
    assert pec.load_account() is None and not preferences_file().exists()


def test_without_a_keyring_the_password_is_kept_for_the_session_only(qtbot, ops, monkeypatch):
    from desktop.sync.credentials import KeyringStatus

    nothing = KeyringStatus("fail.Keyring", False, "no backend")
    monkeypatch.setattr(pec, "keyring_status", lambda: nothing)
    monkeypatch.setattr("desktop.sync.credentials.keyring_status", lambda: nothing)
    dialog = make_dialog(qtbot, ops)
    assert "no usable system keyring" in dialog.keyring_note.text()
    fill(dialog, port=0, ca="", password=PASSWORD)
    dialog.accept()
    assert dialog.stored == "session"
    assert "session only" in dialog.outcome()
    account = pec.load_account()
    assert pec.get_password(account).reveal() == PASSWORD
    assert PASSWORD not in preferences_file().read_text(encoding="utf-8")
    pec.forget_password(account)


def test_test_the_connection_logs_in_to_smtp_and_imap(
    qtbot, ops, smtp_server, imap_server, certificates
):
    dialog = make_dialog(qtbot, ops)
    fill(
        dialog,
        port=smtp_server.port,
        ca=str(certificates["good"][0]),
        imap_port=imap_server.port,
        password=PASSWORD,
    )
    dialog.test_button.click()
    lines = dialog.status.text().splitlines()
    assert lines == [
        f"OK — SMTP 127.0.0.1:{smtp_server.port}: login succeeded",
        f"OK — IMAP 127.0.0.1:{imap_server.port}: login succeeded",
    ]
    assert dialog.test_button.isEnabled()
    assert smtp_server.messages == [] and imap_server.opened == []
    assert pec.load_account() is None  # testing saves nothing
    assert smtp_server.logins == [(USER, True)] and imap_server.logins == [(USER, True)]

    dialog.password_edit.setText(PASSWORD + "-sbagliata")
    dialog.test_button.click()
    text = dialog.status.text()
    assert text.count("FAILED — ") == 2 and "login refused" in text
    assert PASSWORD not in text

    dialog.password_edit.clear()
    dialog.test_button.click()
    assert "no password" in dialog.status.text()

    other = make_dialog(qtbot, ops)
    fill(other, port=smtp_server.port, ca=str(certificates["other"][0]), password=PASSWORD)
    other.test_button.click()
    assert other.status.text().startswith("FAILED — ") and "not trusted" in other.status.text()


def test_the_banner_opens_the_dialog_when_no_mailbox_is_set(qtbot, ops, letters, call):
    view = view_tests.open_view(qtbot, ops, letters, call)
    assert not view.mailbox_button.isEnabled()  # no IMAP server
    view.send_button.click()
    assert view.banner.kind == "problem"
    assert "No PEC mailbox is set" in view.banner.message.text()
    assert "Letters › PEC Mailbox…" in view.banner.message.text()
    assert view.banner.retry_button.isVisible()
    assert view.banner.retry_button.text() == "Set &Up the PEC Mailbox…"
    view.banner.retry_button.click()
    dialog = view.findChild(PecDialog)
    assert dialog is not None and dialog.isVisible()
    fill(dialog, port=0, ca="", imap_port=993, password=PASSWORD)
    dialog.accept()
    assert view.mailbox_button.isEnabled()
    assert view.banner.kind == "info"
    assert view.banner.message.text().startswith("PEC mailbox saved")
    pec.forget_password(pec.load_account())


def test_read_receipts_from_the_mailbox_records_them(
    qtbot, ops, letters, call, smtp_server, imap_server, certificates
):
    account = pec.make_account(
        "127.0.0.1",
        port=smtp_server.port,
        user=USER,
        sender=SENDER,
        ca_bundle=certificates["good"][0],
        imap_host="127.0.0.1",
        imap_port=imap_server.port,
    )
    pec.save_account(account)
    pec.set_password(account, PASSWORD)
    # CC24-004 went out yesterday: its Message-ID and the start of its sending.
    message_id = "<commissione.cc24004@pec.example.it>"
    with letters.session() as session, session.begin():
        letter = session.execute(
            select(Letter).join(Application).where(Application.code == "CC24-004")
        ).scalar_one()
        letter.message_id = message_id
        session.add(
            LetterEvent(
                letter_id=letter.id,
                at=dt.datetime.now() - dt.timedelta(days=1),
                actor="segreteria",
                action=pec.SEND_STARTED,
                state="protocolled",
                detail=f"Message-ID {message_id}",
                sha256=letter.sha256,
            )
        )
    xml = daticert("avvenuta-consegna", message_id, identificativo="imap-ui-1")
    imap_server.add(receipt_eml("avvenuta-consegna", message_id, xml))
    imap_server.add(
        receipt_eml(
            "accettazione",
            "<altro@altrove>",
            daticert("accettazione", "<altro@altrove>", identificativo="x"),
        )
    )

    view = view_tests.open_view(qtbot, ops, letters, call)
    other = view_tests.open_view(qtbot, ops, letters, call)
    assert view.mailbox_button.isEnabled()
    view.mailbox_button.click()

    report = view.last_batch
    assert [f.fate for f in report.fates] == ["recorded", "unmatched"]
    assert "Receipts recorded: 1" in view.report_text.text()
    assert "not matched: 1" in view.report_text.text()
    for shown_in in (view, other):
        states = dict(
            zip(
                view_tests.shown(shown_in, view_tests.Column.CODE),
                view_tests.shown(shown_in, view_tests.Column.STATE),
                strict=True,
            )
        )
        assert states["CC24-004"] == "consegnata"
    assert imap_server.forbidden == [] and not imap_server.flags_changed
    assert view.mailbox_button.isEnabled() and not view.progress_frame.isVisible()

    # A wrong password: said in the banner, with the way to the dialog.
    pec.set_password(account, PASSWORD + "x")
    view.mailbox_button.click()
    assert view.banner.kind == "problem" and "login refused" in view.banner.message.text()
    assert view.banner.retry_button.text() == "Set &Up the PEC Mailbox…"
    assert PASSWORD not in view.banner.message.text()
    pec.forget_password(account)


def mnemonics(texts) -> list[str]:
    found = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            found.append(text.replace("&&", "")[at + 1].lower())
    return found


def test_mnemonics_do_not_clash_in_the_menu_and_on_the_tab(qtbot, ops, letters, call, window):
    view = view_tests.open_view(qtbot, ops, letters, call)
    from PySide6.QtWidgets import QPushButton

    buttons = [b.text() for b in view.findChildren(QPushButton) if b.parent() is not view.banner]
    keys = mnemonics(buttons)
    assert len(keys) == len(set(keys)), buttons
    qtbot.waitUntil(lambda: window.part("letters") is not None, timeout=60_000)
    menu = window.part("letters").menu
    keys = mnemonics(action.text() for action in menu.actions())
    assert len(keys) == len(set(keys))
    assert "PEC &Mailbox…" in [action.text() for action in menu.actions()]


def test_italian_mnemonics_do_not_clash(qtbot, qapp, ops, letters, call):
    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.app import install_translators
    from desktop.ui.letters.part import LettersActions

    installed = install_translators(qapp, "it")
    try:
        view = view_tests.open_view(qtbot, ops, letters, call)
        labels = [
            w.text()
            for w in view.findChildren(QPushButton) + view.findChildren(QLabel)
            if w.parent() is not view.banner and "&" in w.text()
        ]
        labels.append(view.tr("Set &Up the PEC Mailbox…"))  # the banner's way to the dialog
        keys = mnemonics(labels)
        assert "&Leggi ricevute dalla casella" in labels
        assert len(keys) == len(set(keys)), sorted(zip(keys, labels, strict=True))

        dialog = make_dialog(qtbot, ops)
        assert dialog.windowTitle() == "Casella PEC"
        texts = [b.text() for b in dialog.findChildren(QPushButton)] + [
            w.text() for w in dialog.findChildren(QLabel) if "&" in w.text()
        ]
        keys = mnemonics(texts)
        assert "&Prova la connessione" in texts and "&Dimentica la password" in texts
        assert len(keys) == len(set(keys)), sorted(zip(keys, texts, strict=True))

        class Host(QWidget):
            def __init__(self):
                super().__init__()
                self.menus = []

            def add_menu(self, menu):
                self.menus.append(menu)

        host = Host()
        qtbot.addWidget(host)
        actions = LettersActions(host)
        texts = [action.text() for action in actions.menu.actions() if action.text()]
        assert "&Casella PEC…" in texts
        keys = mnemonics(texts)
        assert len(keys) == len(set(keys)), texts
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
