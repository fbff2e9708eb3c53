"""Unexpected errors: written to a rotating log in the user's log folder and shown
in a dialog with "Copy details"; the process never dies silently. Expected
problems are not errors: the window shows them inline (banner, status bar)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import traceback
from pathlib import Path

log = logging.getLogger("commissione")


def log_dir() -> Path:
    override = os.environ.get("COMMISSIONE_DATA_DIR")
    if override:
        return Path(override) / "log"
    import platformdirs

    return Path(platformdirs.user_log_dir("Commissione", appauthor=False))


def setup_logging() -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "commissione.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def error_details(kind, value, tb) -> str:
    from desktop.cli import _version

    lines = [
        f"Commissione {_version()}",
        f"Python {platform.python_version()} on {platform.platform()}",
    ]
    try:
        from PySide6 import __version__ as pyside_version

        lines.append(f"PySide6 {pyside_version}")
    except ImportError:
        pass
    lines.append("")
    lines.extend(traceback.format_exception(kind, value, tb))
    return "\n".join(line.rstrip("\n") for line in lines)


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
