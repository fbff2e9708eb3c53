"""The log file, for the window and the command line alike.

Unexpected errors go there with their traceback: the window shows a crash dialog
pointing at it, the command line one line with its path (never the traceback).
Plain Python, no Qt: the command line must not load widgets to log an error.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import traceback
from pathlib import Path

from desktop import __version__

LOG_NAME = "commissione.log"


def log_dir() -> Path:
    override = os.environ.get("COMMISSIONE_DATA_DIR")
    if override:
        return Path(override) / "log"
    import platformdirs

    return Path(platformdirs.user_log_dir("Commissione", appauthor=False))


def setup_logging() -> Path:
    """A rotating log file on the root logger; returns its path. Called again with
    another log folder (tests, a moved COMMISSIONE_DATA_DIR), it moves there, so the
    path it returns is always the file being written."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "commissione", False):
            if Path(handler.baseFilename) == path.resolve():
                return path
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.commissione = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def error_details(kind, value, tb) -> str:
    """The version, the platform and the traceback: what a bug report needs."""
    lines = [
        f"Commissione {__version__}",
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
