"""Where the product keeps its files: the shipped resources and the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Commissione"


def resources_dir() -> Path:
    """The shipped `resources/` folder, from the source tree, a wheel or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """The user's data folder; COMMISSIONE_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("COMMISSIONE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "commissione.sqlite"
