"""Screenshots of the real windows, rendered by a real X server (Xvfb), to look at
and for the README:

    .venv/bin/python tests/screenshots.py [--lang it|en] [--scale 1.5] [--out DIR]

At a scale other than 100 % the pictures go to a subfolder named after it
(resources/screenshots/150/): the same views as a projector or a small laptop shows them.

Starts its own Xvfb when DISPLAY is not set (Debian: xvfb xauth libxcb-cursor0 …),
opens the main window on a fresh copy of the demo data with an ineligible
application selected (the detail panel), and the import wizard on a portal-like
export at the columns page and at the summary, the evaluation views, the campaigns
and the letters of session I (one approved, its page previewed). Never touches the
user's data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    if not shutil.which("Xvfb"):
        sys.exit(
            "Xvfb is not installed: apt-get install xvfb xauth libxcb-cursor0 libxkbcommon-x11-0"
        )
    display = ":93"
    # 1080p: the meeting's room view is shot full screen as on a projector.
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    return server


def settle(app, seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("it", "en"), default="it")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--scale", type=float, default=1.0, help="interface scale (1.5 = 150 %%)")
    parser.add_argument(
        "--only-meeting", action="store_true", help="only the meeting's console, room view, kiosk"
    )
    args = parser.parse_args()
    if args.out is None:
        args.out = ROOT / "resources" / "screenshots"
        if args.scale != 1.0:
            args.out /= f"{args.scale * 100:.0f}"
    server = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ["COMMISSIONE_DATA_DIR"] = tempfile.mkdtemp(prefix="commissione-shots-")
    sys.path.insert(0, str(ROOT))
    try:
        return render(args.lang, args.out, args.scale, only_meeting=args.only_meeting)
    finally:
        if server:
            server.terminate()


def render(language: str, out: Path, scale: float = 1.0, *, only_meeting: bool = False) -> int:
    from db.engine import open_database
    from desktop.app import create_application, prepare_demo_database, start_demo_platform
    from desktop.domain.calls import find_call
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations
    from desktop.ui.settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1], language, scale)
    database = open_database(prepare_demo_database())
    ops = Operations(app, synchronous=True)
    simulator, platform = start_demo_platform()
    window = MainWindow(
        database, find_call(None), ops, Settings(), demo=True, demo_platform=platform
    )
    # The window as a user first sees it: 1400×860 where it fits, else the screen.
    available = app.primaryScreen().availableGeometry()
    window.resize(min(1400, available.width()), min(860, available.height()))
    window.show()
    settle(app)
    if only_meeting:
        saved = render_meeting(app, window, database, out)
        window.close()
        simulator.stop()
        database.close()
        for path in saved:
            print(path)
        return 0
    window.select_application("CC24-004")  # cost above the maximum: the detail explains why
    settle(app)
    saved = [out / "finestra-principale.png"]
    window.grab().save(str(saved[-1]))

    wizard = ImportWizard(
        window,
        database,
        find_call(None),
        ops,
        path=ROOT / "tests" / "data" / "portale-export.xlsx",
    )
    wizard.resize(min(1000, available.width()), min(720, available.height()))
    wizard.show()
    settle(app)
    saved.append(out / "importazione-colonne.png")
    wizard.grab().save(str(saved[-1]))
    wizard.next()  # runs the import (synchronously here) and shows the summary
    settle(app)
    saved.append(out / "importazione-riepilogo.png")
    wizard.grab().save(str(saved[-1]))
    wizard.close()

    # The evaluation views are tabs of the main window: each is shot with the window.
    evaluation = window.part("evaluation")
    evaluation.open_ranking()
    settle(app)
    saved.append(out / "graduatoria.png")
    window.grab().save(str(saved[-1]))
    window.close_view("ranking")

    sheets = evaluation.open_score_sheets("Giulia Sala")
    sheets.open_application("CC24-038")
    settle(app)
    saved.append(out / "scheda-di-valutazione.png")
    window.grab().save(str(saved[-1]))
    window.close_view("sheets:Giulia Sala")

    evaluation.open_committee()
    settle(app)
    saved.append(out / "commissione-assegnazioni.png")
    window.grab().save(str(saved[-1]))
    window.close_view("committee")

    campaigns = window.part("campaigns")
    campaigns.sync_now(quiet=True)
    view = campaigns.open_view()
    settle(app)
    if view.model.rowCount():
        view.table.selectRow(0)
    settle(app)
    saved.append(out / "campagne.png")
    window.grab().save(str(saved[-1]))
    window.close_view("campaigns")

    # The letters of session I, generated as the secretary would, one approved.
    from desktop.letters.service import approve, generate

    batch = generate(database, find_call(None), session_code="I", out_dir=Path(tempfile.mkdtemp()))
    letters = window.part("letters")
    view = letters.open_view()
    if batch.written:
        first = batch.written[0]
        approve(database, find_call(None), first.code, first.kind, actor="Dirigente")
        view.refresh()
        view.select(first.code, first.kind)
    settle(app, 1.5)
    saved.append(out / "lettere.png")
    window.grab().save(str(saved[-1]))
    window.close_view("letters")

    saved += render_meeting(app, window, database, out)

    window.close()
    simulator.stop()
    database.close()
    for path in saved:
        print(path)
    return 0


def render_meeting(app, window, database, out: Path) -> list[Path]:
    """A sitting of session II: Giulia Sala declares a conflict on two items; the
    console and the room view as she is asked to leave, then the item shown."""
    import datetime as dt

    from desktop.domain.calls import find_call
    from desktop.services import meeting
    from desktop.services.committee import list_members

    call = find_call(None)
    saved = []
    members = [m.name for m in list_members(database, call)]
    meeting.open_sitting(
        database,
        call,
        "II",
        date=dt.date(2025, 3, 12),
        place="Sala Giunta, Palazzo Marino",
        present=members,
        absent=[],
    )
    for name in members:
        conflicts = (
            [("CC24-030", "socia della capofila"), ("CC24-034", "socia della capofila")]
            if name == "Giulia Sala"
            else []
        )
        meeting.declare(database, call, name, conflicts)
    proposal = meeting.agenda(database, call, optimise=True)
    meeting.apply_order(database, call, [item.code for item in proposal.items])
    part = window.part("meeting")
    console = part.open_view()
    console.agenda_list.setCurrentRow(0)
    console.start_selected()
    room = part.show_room()
    settle(app, 1.2)
    saved.append(out / "seduta-sala-uscite.png")
    room.grab().save(str(saved[-1]))
    console.confirm_left()
    console.notes_edit.setPlainText("Progetto solido; il piano economico è chiaro.")
    console.admitted_radio.setChecked(True)
    console.reasons_edit.setPlainText("Coerente con gli obiettivi del bando.")
    settle(app, 1.2)
    saved.append(out / "seduta-sala.png")
    room.grab().save(str(saved[-1]))
    window.activateWindow()
    settle(app)
    saved.append(out / "seduta-console.png")
    window.grab().save(str(saved[-1]))
    kiosk = part.show_kiosk()
    settle(app, 1.2)
    saved.append(out / "seduta-chiosco.png")
    kiosk.grab().save(str(saved[-1]))
    part.close_windows()
    return saved


if __name__ == "__main__":
    sys.exit(main())
