"""Fixtures for the window tests: a real SQLite file with the demo applications,
operations that run inline (same callbacks, same broadcasts) and Settings on a
temporary INI file. Qt runs offscreen (tests/conftest.py)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings

from tests.conftest import RESOURCES


@pytest.fixture(scope="session")
def call():
    from desktop.domain.calls import find_call

    return find_call(None)


@pytest.fixture(scope="session")
def demo_database_file(tmp_path_factory, call):
    """The demo imported once per session; each test gets its own copy."""
    from db.engine import open_database
    from desktop.importing.service import import_applications

    path = tmp_path_factory.mktemp("demo") / "x.sqlite"
    database = open_database(path)
    try:
        result = import_applications(database, RESOURCES / "demo" / "domande-demo.xlsx", call)
    finally:
        database.close()  # the last connection's close folds the WAL into the file
    assert result.rows_read == 40 and not result.problems
    return path


@pytest.fixture
def database(tmp_path, demo_database_file):
    from db.engine import open_database

    path = tmp_path / "x.sqlite"
    shutil.copy(demo_database_file, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def ops(qapp):
    """Operations that run inline (same callbacks, same order, same broadcasts)."""
    from desktop.ui.operations import Operations

    return Operations(synchronous=True)


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "impostazioni.ini"


# A ceiling for qtbot.waitUntil on work done by a worker thread or after the first
# paint, not a wait: it returns as soon as the condition holds. pytest-qt's 5 s (or a
# few autosave delays) is not enough on a busy 2-core machine.
PATIENCE_MS = 60_000


def make_settings(path, language: str = "it"):
    from desktop.ui.settings import Settings

    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    if not settings.q.contains("interface/language"):
        settings.language = language
    return settings


@pytest.fixture
def settings(settings_path):
    return make_settings(settings_path)


@pytest.fixture
def open_window(qtbot, database, call, ops):
    """Opens a real MainWindow on the demo database; `open_window(settings)`."""
    from desktop.ui.main_window import MainWindow

    def opener(settings, *, demo: bool = False):
        window = MainWindow(database, call, ops, settings, demo=demo)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opener


@pytest.fixture
def window(open_window, settings):
    return open_window(settings)
