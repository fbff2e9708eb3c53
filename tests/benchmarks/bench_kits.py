"""Offline kit speed: a kit of 1,000 applications exported, opened as a workspace,
returned and imported, each step against its 2-second target.

    .venv/bin/python tests/benchmarks/bench_kits.py [--applications 1000] [--drafts 300]
        [--repeat 3] [--central sqlite|URL] [--check]

The secretariat's database holds the applications (with their partners), one
evaluator assigned to all of them and some drafts already begun. Each repeat
issues a new kit, opens it as a new workspace, has the evaluator score and submit
every application there (written in bulk: that part is not timed), writes the
return and imports it into a fresh copy of the secretariat's database (SQLite) or
the same server database (PostgreSQL: the return of each repeat is a new one).
Each figure is the best of --repeat runs; the file sizes are printed too. For
scale, the floor column is the same machine creating an empty database through
the migrations, which opening a workspace includes. A report: exits 0 unless
--check is given and a step misses its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from db.engine import open_database  # noqa: E402
from db.models import (  # noqa: E402
    Applicant,
    Application,
    Assignment,
    CommitteeMember,
    ScoreSheet,
    SheetScore,
)
from desktop.domain.calls import load_call  # noqa: E402
from desktop.kits import export_kit, export_return, import_return, open_kit  # noqa: E402
from desktop.services.store import ensure_call  # noqa: E402

CALL = ROOT / "resources" / "calls" / "milano-2024-2025.toml"
TARGET_SECONDS = 2.0
MEMBER = "Valutatrice Prova"


WORDS = [
    "bottega",
    "piazza",
    "quartiere",
    "alleanza",
    "forno",
    "libreria",
    "associazione",
    "laboratorio",
    "mercato",
    "giovani",
    "anziani",
    "scuola",
    "cortile",
    "orto",
    "bici",
    "riparazioni",
    "eventi",
    "musica",
    "teatro",
    "cucina",
    "sartoria",
    "artigiani",
    "commercio",
    "vicinato",
    "spazio",
    "pubblico",
    "pedonale",
    "rigenerazione",
    "verde",
    "cultura",
    "formazione",
    "lavoro",
    "inclusione",
    "accoglienza",
    "sostenibilità",
    "energia",
    "rifiuti",
    "riuso",
]


def prose(generator: random.Random, words: int) -> str:
    """Varied text, so the files compress as real summaries and comments do."""
    return " ".join(generator.choice(WORDS) for _ in range(words)).capitalize() + "."


def timed(action, *arguments):
    gc.collect()
    start = time.perf_counter()
    value = action(*arguments)
    return time.perf_counter() - start, value


def build_central(database, call, applications: int, drafts: int) -> None:
    now = dt.datetime(2025, 3, 1, 9, 0)
    generator = random.Random(2025)
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call)
        member = CommitteeMember(call_id=call.id, name=MEMBER, role="member", created_at=now)
        session.add(member)
        session.flush()
        rows = []
        for number in range(1, applications + 1):
            application = Application(
                call_id=call.id,
                code=f"CF-2025-{number:05d}",
                title=f"Alleanza di quartiere numero {number} per via e piazza",
                summary=prose(generator, 90),
                contact_person="Referente",
                district=number % 9 + 1,
                neighbourhood="NoLo",
                objectives_mask=0b101010,
                cost_cents=8_000_000,
                grant_cents=4_000_000,
                target_cents=4_000_000,
                eligibility="pass",
                created_at=now,
                updated_at=now,
            )
            application.members = [
                Applicant(position=0, role="capofila", name=f"Forno {number} srl"),
                Applicant(position=1, role="partner", name=f"Associazione {number}"),
                Applicant(position=2, role="partner", name=f"Libreria {number}"),
            ]
            rows.append(application)
        session.add_all(rows)
        session.flush()
        for application in rows:
            session.add(
                Assignment(
                    member_id=member.id,
                    application_id=application.id,
                    source="auto",
                    created_at=now,
                )
            )
        for application in rows[:drafts]:
            session.add(
                ScoreSheet(
                    member_id=member.id,
                    application_id=application.id,
                    status="draft",
                    motivation="",
                    version=1,
                    updated_at=now,
                    scores=[SheetScore(criterion="alleanza", score_hundredths=1000, comment="")],
                )
            )


def score_everything(workspace, call, seed: int) -> None:
    """The evaluator's offline work, written in bulk (not timed): every application
    scored, commented and submitted, each sheet's version moved past the kit's."""
    now = dt.datetime(2025, 3, 5, 18, 0)
    generator = random.Random(seed)
    with workspace.session() as session, session.begin():
        member_id = session.scalar(select(CommitteeMember.id))
        ids = session.scalars(select(Application.id)).all()
        existing = dict(session.execute(select(ScoreSheet.application_id, ScoreSheet.id)).all())
        for application_id in ids:
            if application_id not in existing:
                sheet = ScoreSheet(
                    member_id=member_id,
                    application_id=application_id,
                    status="draft",
                    motivation="",
                    version=0,
                    updated_at=now,
                )
                session.add(sheet)
        session.flush()
        session.execute(SheetScore.__table__.delete())
        sheets = session.execute(select(ScoreSheet.id)).scalars().all()
        session.execute(
            SheetScore.__table__.insert(),
            [
                {
                    "sheet_id": sheet_id,
                    "criterion": criterion.id,
                    "score_hundredths": int(criterion.max // 2) * 100,
                    "comment": prose(generator, 12),
                }
                for sheet_id in sheets
                for criterion in call.grid.criteria
            ],
        )
        session.execute(
            update(ScoreSheet).values(
                status="submitted",
                version=ScoreSheet.version + 3,
                updated_at=now,
                submitted_at=now,
            )
        )
        for sheet_id in sheets:
            session.execute(
                update(ScoreSheet)
                .where(ScoreSheet.id == sheet_id)
                .values(motivation=prose(generator, 40))
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--drafts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--central", default="sqlite", help="sqlite (a file) or a PostgreSQL URL (emptied first)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a step misses 2 s")
    args = parser.parse_args(argv)
    call = load_call(CALL)
    folder = Path(tempfile.mkdtemp(prefix="bench-kits-"))
    os.environ["COMMISSIONE_DATA_DIR"] = str(folder / "dati")
    try:
        return _run(args, call, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _empty_postgres(url: str) -> str:
    from sqlalchemy import create_engine, text

    from db.engine import resolve_target

    engine = create_engine(resolve_target(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _run(args, call, folder: Path) -> int:
    on_sqlite = args.central == "sqlite"
    template = folder / "segreteria.sqlite"
    central_target = str(template) if on_sqlite else _empty_postgres(args.central)
    central = open_database(central_target)
    build_central(central, call, args.applications, args.drafts)
    central.close()

    times: dict[str, list[float]] = {"export": [], "open": [], "return": [], "import": []}
    floors: list[float] = []
    sizes = {}
    for repeat in range(args.repeat):
        floor, empty = timed(open_database, folder / f"vuoto-{repeat}.sqlite")
        empty.close()
        floors.append(floor)

        central = open_database(central_target)
        kit_path = folder / f"kit-{repeat}.zip"
        seconds, summary = timed(export_kit, central, call, MEMBER, kit_path)
        central.close()
        times["export"].append(seconds)
        sizes["kit"] = summary.size_bytes

        seconds, workspace = timed(open_kit, kit_path, folder / "postazione")
        times["open"].append(seconds)
        sizes["workspace"] = Path(workspace.url.removeprefix("sqlite:///")).stat().st_size
        score_everything(workspace, call, repeat)
        return_path = folder / f"ritorno-{repeat}.zip"
        seconds, returned = timed(export_return, workspace, return_path)
        workspace.close()
        times["return"].append(seconds)
        sizes["return"] = returned.size_bytes
        assert returned.sheets == args.applications

        if on_sqlite:
            copy = folder / f"segreteria-{repeat}.sqlite"
            shutil.copyfile(template, copy)
            target = copy
        else:
            target = central_target
        central = open_database(target)
        seconds, result = timed(import_return, central, call, return_path)
        central.close()
        assert result.applied and len(result.updated) == args.applications, len(result.updated)
        times["import"].append(seconds)

    where = "SQLite file" if on_sqlite else "PostgreSQL"
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}; "
        f"{args.applications} applications ({args.drafts} drafts begun), secretariat on {where}"
    )
    print(f"{'step':<34} {'seconds':>8} {'target':>7}  result")
    labels = {
        "export": "export kit (secretariat)",
        "open": "open kit as workspace (evaluator)",
        "return": "export return (evaluator)",
        "import": "import return (secretariat)",
    }
    missed = False
    for step, label in labels.items():
        best = min(times[step])
        ok = best < TARGET_SECONDS
        missed |= not ok
        print(f"{label:<34} {best:>8.3f} {TARGET_SECONDS:>6.1f}s  {'ok' if ok else 'MISSED'}")
    print(f"{'floor: empty database, migrated':<34} {min(floors):>8.3f}")
    print(
        f"sizes: kit {sizes['kit'] / 1024:.0f} KiB, workspace {sizes['workspace'] / 1024:.0f} KiB, "
        f"return {sizes['return'] / 1024:.0f} KiB"
    )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
