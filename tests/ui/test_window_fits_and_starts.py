"""Two things only a fresh process can show:

- start-up: at the window's first paint, SQLAlchemy, Alembic and the database are
  not loaded yet; the window says it is opening the database, then loads the rows;
- small screens at large UI scales (1920 × 1080 at 200 %, 1366 × 768 at 150 %): the
  main window, the import wizard and the dialogs open within the screen's available
  area, also when a larger geometry was remembered. The screen is Qt's offscreen
  platform configured to that size, and QT_SCALE_FACTOR scales it as the preference
  does, so layouts' minimum sizes are measured for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

STARTUP = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from desktop.app import create_application, start_window
    from desktop.ui.settings import Settings

    settings = Settings()
    app = create_application(sys.argv[:1], "en")
    window = start_window(settings, sys.argv[1])
    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if watched is window and event.type() == QEvent.Type.Paint and not seen:
                seen.update(
                    loaded=[m for m in ("sqlalchemy", "alembic", "db.engine") if m in sys.modules],
                    status=window.statusBar().currentMessage(),
                    table_enabled=window.table.isEnabled(),
                )
            return False

    def check():
        if window.model.rowCount():
            seen["rows"] = window.model.rowCount()
            app.quit()
        else:
            QTimer.singleShot(20, check)

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(0, check)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    window.ops.shutdown()
    print("SEEN " + json.dumps(seen))
    """
)

FITS = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from db.engine import open_database
    from desktop.domain.calls import find_call
    from desktop.services.applications import eligibility_detail
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations
    from desktop.ui.override_dialog import OverrideDialog
    from desktop.ui.settings import Settings
    from desktop.ui.settings_dialog import SettingsDialog

    app = QApplication(sys.argv[:1])
    folder = Path(sys.argv[2])
    database = open_database(sys.argv[1])
    call = find_call(None)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    ops = Operations(synchronous=True)
    area = app.primaryScreen().availableGeometry()
    seen = {"area": [area.width(), area.height()], "outside": []}

    def check(name, widget):
        widget.show()
        app.processEvents()
        frame = widget.frameGeometry()
        if not area.contains(frame):
            seen["outside"].append([name, frame.x(), frame.y(), frame.width(), frame.height()])

    def window():
        shown = MainWindow(database, call, ops, settings)
        check("main window", shown)
        return shown

    first = window()  # no geometry remembered: the default size, fitted
    first.resize(1900, 1200)  # as if saved on a larger screen, or at 100 %
    first.close()
    second = window()
    second.set_detail_beside(True)
    check("main window, detail beside", second)
    wizard = ImportWizard(second, database, call, ops, settings=settings)
    check("import wizard", wizard)
    wizard.resize(1900, 1200)
    wizard.reject()
    wizard = ImportWizard(second, database, call, ops, settings=settings)
    check("import wizard, remembered", wizard)
    wizard.reject()
    rule = eligibility_detail(database, call, "CC24-004")[0]
    check("override dialog", OverrideDialog(second, code="CC24-004", rule=rule, language="it"))
    check("preferences", SettingsDialog(settings, second))
    print("SEEN " + json.dumps(seen))
    """
)


def run(code: str, *args: str, env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("SEEN ")), None)
    assert result.returncode == 0 and line, result.stdout + result.stderr[-3000:]
    return json.loads(line.removeprefix("SEEN "))


@pytest.fixture
def demo_copy(tmp_path, demo_database_file):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_database_file, path)
    return path


def test_the_window_paints_before_sqlalchemy_and_the_database(tmp_path, demo_copy):
    seen = run(
        STARTUP,
        str(demo_copy),
        env={"QT_QPA_PLATFORM": "offscreen", "COMMISSIONE_DATA_DIR": str(tmp_path / "data")},
    )
    assert seen["loaded"] == []
    assert seen["status"] == "Opening the database…" and not seen["table_enabled"]
    assert seen["rows"] == 40  # then it opened and loaded


@pytest.mark.parametrize(
    ("width", "height", "scale", "logical"),
    [(1920, 1080, "2", [960, 540]), (1366, 768, "1.5", [911, 512])],
)
def test_windows_fit_a_small_screen_at_a_large_scale(
    tmp_path, demo_copy, width, height, scale, logical
):
    screens = tmp_path / "screen.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "small", "x": 0, "y": 0, "width": width, "height": height}
                    | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                ]
            }
        )
    )
    seen = run(
        FITS,
        str(demo_copy),
        str(tmp_path),
        env={
            "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
            "QT_SCALE_FACTOR": scale,
            "COMMISSIONE_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert abs(seen["area"][0] - logical[0]) <= 1 and abs(seen["area"][1] - logical[1]) <= 1
    assert seen["outside"] == []
