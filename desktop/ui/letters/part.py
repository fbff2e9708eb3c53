"""The letters part (desktop/ui/parts.py): the *Letters* menu — the letters view (a
tab, Ctrl+Shift+L), *Generate Letters…* and *Import Protocols from CSV…*, which open
the view and ask there (the batch's progress and report live in the view), and *PEC
Mailbox…*, the mailbox's dialog (an open letters view learns of the change).

It talks to the window only through the `Host`; the view's changes broadcast
`Kind.LETTERS`, which every open letters view reloads on. The view's module loads
when first used, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from desktop.ui.letters.view import LettersView
    from desktop.ui.parts import Host

VIEW_KEY = "letters"
SHORTCUT = "Ctrl+Shift+L"


class LettersActions(QObject):
    def __init__(self, host: Host):
        parent = host if isinstance(host, QWidget) else None
        super().__init__(parent)
        self.host = host
        self.open_action = QAction(self.tr("&Letters"), self)
        self.open_action.setObjectName("openLetters")
        self.open_action.setShortcut(QKeySequence(SHORTCUT))
        self.open_action.triggered.connect(lambda _checked=False: self.open_view())
        self.generate_action = QAction(self.tr("&Generate Letters…"), self)
        self.generate_action.triggered.connect(
            lambda _checked=False: self.open_view().ask_generate()
        )
        self.protocols_action = QAction(self.tr("&Import Protocols from CSV…"), self)
        self.protocols_action.triggered.connect(
            lambda _checked=False: self.open_view().ask_protocol_csv()
        )
        self.pec_action = QAction(self.tr("PEC &Mailbox…"), self)
        self.pec_action.setObjectName("pecMailbox")
        self.pec_action.triggered.connect(lambda _checked=False: self.ask_pec_account())
        self.menu = QMenu(self.tr("&Letters"), parent)
        self.menu.setObjectName("lettersMenu")
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.generate_action)
        self.menu.addAction(self.protocols_action)
        self.menu.addSeparator()
        self.menu.addAction(self.pec_action)
        host.add_menu(self.menu)

    def open_view(self) -> LettersView:
        def build():
            from desktop.ui.letters.view import LettersView

            host = self.host
            view = LettersView(
                host.ops, host.database, host.call, host.language, settings=host.settings
            )
            view.refresh()
            return view

        return self.host.open_view(VIEW_KEY, self.tr("Letters"), build)

    def ask_pec_account(self):
        from desktop.ui.letters.pec_dialog import open_pec_dialog

        host = self.host
        parent = host if isinstance(host, QWidget) else None

        def saved(dialog) -> None:
            view = self.view()
            if view is not None:
                view.pec_account_saved(dialog)

        return open_pec_dialog(host.ops, parent, saved)

    def view(self) -> LettersView | None:
        return self.host.view(VIEW_KEY)


def install(host: Host) -> LettersActions:
    return LettersActions(host)
