"""Cold start to the first painted main window: the application against a bare PySide6
window (a QMainWindow with a QTableView). Targets: the application paints within 3×
the bare window, and within 0.5 s.

    .venv/bin/python tests/benchmarks/bench_startup.py [--repeat 5] [--check]

Every run is a fresh `python -c` process on the offscreen platform; the two kinds
alternate and each figure is the best of --repeat. Two clocks:

- first paint: inside the child, from the moment the parent spawned it (the parent's
  time.monotonic() just before subprocess.run, handed over in the environment: the
  monotonic clock is system-wide on Linux, macOS and Windows) to the window's first
  Paint event;
- process: time.perf_counter() around subprocess.run in the parent (start, first
  paint, quit from a QTimer, interpreter exit).

The application child does what `desktop.app.run_gui` does: Settings, create_application,
`desktop.app.start_window` (the window, which opens the database after its first paint)
on a demo SQLite file prepared (imported and migrated) beforehand, show(). It also
reports which heavy modules (SQLAlchemy, pandas, openpyxl, alembic, reportlab, httpx)
were imported when the window painted: none may be. A report: exits 0 unless --check is
given and a target is missed or a heavy module was imported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "resources" / "demo" / "domande-demo.xlsx"
TARGET_S = 0.5
TARGET_RATIO = 3.0
HEAVY = ("sqlalchemy", "pandas", "openpyxl", "alembic", "reportlab", "httpx")

# Shared by both children: quit on the window's first Paint event and print what was seen.
FIRST_PAINT = textwrap.dedent(
    f"""
    import json, os, sys, time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self, app, window, kind):
            super().__init__()
            self.app, self.window, self.kind, self.seen = app, window, kind, None

        def eventFilter(self, watched, event):
            if watched is self.window and event.type() == QEvent.Type.Paint and self.seen is None:
                self.seen = {{
                    "kind": self.kind,
                    "first_paint": time.monotonic() - float(os.environ["BENCH_SPAWNED_AT"]),
                    "heavy": [m for m in {HEAVY!r} if m in sys.modules],
                    "modules": len(sys.modules),
                }}
                QTimer.singleShot(0, self.app.quit)
            return False

        def watch(self):
            self.window.installEventFilter(self)
            self.window.show()
            self.app.exec()
            print("BENCH " + json.dumps(self.seen), flush=True)
    """
)

BARE = FIRST_PAINT + textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1200, 800)
    FirstPaint(app, window, "bare QMainWindow + QTableView").watch()
    """
)

APPLICATION = FIRST_PAINT + textwrap.dedent(
    """
    from desktop.ui.errors import install_error_handling
    from desktop.ui.settings import Settings
    from desktop.app import create_application, start_window

    settings = Settings()
    app = create_application(sys.argv[:1], settings.language, settings.ui_scale)
    install_error_handling(show_dialog=False)

    window = start_window(settings, os.environ["BENCH_DB"])
    FirstPaint(app, window, "MainWindow").watch()
    window.ops.shutdown()
    if window.database is not None:
        window.database.close()
    """
)


def prepare_demo_database(folder: Path) -> Path:
    """The demo applications imported (and the schema migrated) before any clock starts,
    as the user's database would be."""
    from db.engine import open_database
    from desktop.domain.calls import find_call
    from desktop.importing.service import import_applications

    path = folder / "demo.sqlite"
    database = open_database(path)
    try:
        import_applications(database, DEMO, find_call(None), user="bench")
    finally:
        database.close()
    return path


def run_child(code: str, env: dict[str, str]) -> dict:
    env = {**env, "BENCH_SPAWNED_AT": repr(time.monotonic())}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    lines = result.stdout.splitlines()
    seen = next((line for line in lines if line.startswith("BENCH ")), None)
    if result.returncode != 0 or seen is None:
        raise SystemExit(
            f"the child failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr[-3000:]}"
        )
    figures = json.loads(seen.removeprefix("BENCH "))
    figures["process"] = elapsed
    figures["notes"] = [line.removeprefix("BENCH-NOTE ") for line in lines if "BENCH-NOTE" in line]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as temp:
        folder = Path(temp)
        data_dir = folder / "user-data"  # Settings' INI and nothing else of the user's
        data_dir.mkdir()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "COMMISSIONE_DATA_DIR": str(data_dir),
            "BENCH_DB": str(prepare_demo_database(folder)),
        }
        env.pop("COMMISSIONE_DB", None)
        runs: dict[str, list[dict]] = {"bare": [], "app": []}
        for index in range(args.repeat):
            order = [("bare", BARE), ("app", APPLICATION)]
            for kind, code in order if index % 2 == 0 else reversed(order):
                runs[kind].append(run_child(code, env))

    bare, app = runs["bare"], runs["app"]
    for note in sorted({n for run in app for n in run["notes"]}):
        print(f"NOTE: {note}")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}")
    print(f"{'window':<46} {'first paint s':>13} {'median':>7} {'process s':>10} {'modules':>8}")
    for runs_of_kind in (bare, app):
        paint = min(r["first_paint"] for r in runs_of_kind)
        print(
            f"{runs_of_kind[0]['kind']:<46} {paint:>13.3f} "
            f"{statistics.median(r['first_paint'] for r in runs_of_kind):>7.3f} "
            f"{min(r['process'] for r in runs_of_kind):>10.3f} {runs_of_kind[0]['modules']:>8}"
        )
    app_paint = min(r["first_paint"] for r in app)
    bare_paint = min(r["first_paint"] for r in bare)
    app_process = min(r["process"] for r in app)
    bare_process = min(r["process"] for r in bare)
    heavy = sorted({m for run in app for m in run["heavy"]})
    ratio = app_paint / bare_paint
    missed = ratio > TARGET_RATIO or app_paint > TARGET_S or bool(heavy)
    print(
        f"ratio to the bare window: first paint {ratio:.2f}x "
        f"{'PASS' if ratio <= TARGET_RATIO else 'MISS'} (target {TARGET_RATIO:.0f}x), "
        f"process {app_process / bare_process:.2f}x"
    )
    print(
        f"target: first paint under {TARGET_S} s: {app_paint:.3f} s "
        f"{'PASS' if app_paint <= TARGET_S else 'MISS'}"
    )
    print(
        "heavy modules imported by the first paint: "
        + (", ".join(heavy) + "  MISS (they must load on first use)" if heavy else "none  PASS")
    )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
