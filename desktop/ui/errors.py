"""Unexpected errors: written to a rotating log in the user's log folder and shown
in a dialog with "Copy details"; the process never dies silently. Expected
problems are not errors: the window shows them inline (banner, status bar)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# Logging lives outside the UI (desktop/logs.py) so the command line shares it;
# these names stay importable from here.
from desktop.logs import error_details, log_dir, setup_logging

__all__ = ["error_details", "install_error_handling", "log_dir", "setup_logging"]

log = logging.getLogger("commissione")


def install_error_handling(*, show_dialog: bool = True) -> Path:
    """sys.excepthook logs every uncaught exception and, unless disabled
    (--no-crash-dialog), shows it; the application keeps running."""
    path = setup_logging()

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = error_details(kind, value, tb)
        log.error("unexpected error\n%s", details)
        if show_dialog:
            show_crash_dialog(details, path)

    sys.excepthook = hook
    return path


def show_crash_dialog(details: str, log_path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Commissione", "")
    box.setText(
        QApplication.translate(
            "CrashDialog", "Something went wrong. Your data is safe: nothing half-done was saved."
        )
    )
    box.setInformativeText(
        QApplication.translate("CrashDialog", "The details are in the log file: {path}").format(
            path=log_path
        )
    )
    box.setDetailedText(details)
    copy = box.addButton(
        QApplication.translate("CrashDialog", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()
