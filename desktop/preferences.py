"""Where the window's Preferences are stored, readable without widgets.

`desktop/ui/settings.py` is the typed editor of this file; the database choice
(`desktop/database_choice.py`) reads the saved database from here, so the command
line follows the same Preferences without loading the UI.
"""

from __future__ import annotations

from pathlib import Path

from desktop.paths import user_data_dir

DATABASE_KEY = "database/location"


def preferences_file() -> Path:
    """An INI file in the user's data folder (so tests and portable installs never
    touch anything else)."""
    return user_data_dir() / "impostazioni.ini"


def saved_database() -> str:
    """The database path or URL saved in the Preferences; empty when none is.

    No file, no Qt: only a user who saved Preferences pays for loading QtCore."""
    path = preferences_file()
    if not path.is_file():
        return ""
    from PySide6.QtCore import QSettings

    return str(QSettings(str(path), QSettings.Format.IniFormat).value(DATABASE_KEY, "") or "")
