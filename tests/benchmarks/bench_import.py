"""Import speed against its floor: pandas reading the file plus a raw SQLAlchemy Core insert.

    .venv/bin/python tests/benchmarks/bench_import.py [--rows-csv 100000] [--rows-xlsx 10000]
        [--repeat 3] [--check]

Floor and product run in the same process, alternating order across repeats; each
figure is the best of --repeat runs. Databases are opened (and migrated) before the
clock starts. A report: exits 0 unless --check is given and a ratio misses its target.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import Column, MetaData, Table, Text, create_engine
from synthetic import write_csv, write_xlsx

from db.engine import open_database
from desktop.domain.calls import load_call
from desktop.importing.columns import CANONICAL
from desktop.importing.service import import_applications

ROOT = Path(__file__).resolve().parents[2]
CALL = ROOT / "resources" / "calls" / "milano-2024-2025.toml"
TARGET = 2.0

CHILD = """
import sys
from db.engine import open_database
from desktop.domain.calls import load_call
from desktop.importing.service import import_applications
database = open_database(sys.argv[1])
if sys.argv[2]:
    import_applications(database, sys.argv[2], load_call(sys.argv[3]))
try:  # this process's own peak: ru_maxrss starts from the parent's RSS at fork on Linux
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]))
except OSError:
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


class Fresh:
    """Fresh SQLite file names in one folder."""

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    def __call__(self) -> Path:
        self.count += 1
        return self.folder / f"db-{self.count}.sqlite"


def timed(action) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def floor_seconds(path: Path, database_file: Path) -> float:
    """pandas reads the file, SQLAlchemy Core inserts its rows in one transaction."""
    engine = create_engine(f"sqlite:///{database_file}")
    table = Table("rows", MetaData(), *(Column(name, Text) for name in CANONICAL))
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = WAL")  # as open_database does
        table.create(connection)

    def run():
        if path.suffix == ".csv":
            frame = pd.read_csv(
                path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
            )
        else:
            frame = pd.read_excel(path, engine="calamine", dtype=str)
        with engine.begin() as connection:
            connection.execute(table.insert(), frame.to_dict("records"))

    try:
        return timed(run)
    finally:
        engine.dispose()


def product_seconds(path: Path, database_file: Path, call, reimport: bool) -> tuple[float, float]:
    """The first import into a fresh database and, if asked, a re-import of the same file."""
    database = open_database(database_file)
    try:
        first = timed(lambda: import_applications(database, path, call))
        again = timed(lambda: import_applications(database, path, call)) if reimport else 0.0
        return first, again
    finally:
        database.close()


def peak_rss_mib(database_file: Path, path: Path | None) -> float:
    """Peak resident memory of a child process that imports the file (None: opens only)."""
    output = subprocess.run(
        [sys.executable, "-c", CHILD, str(database_file), str(path or ""), str(CALL)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(output.split()[-1]) / 1024  # KiB on Linux


def measure(path: Path, fresh: Fresh, call, repeat: int, reimport: bool) -> dict[str, float]:
    floors, firsts, agains = [], [], []
    for attempt in range(repeat):
        for which in ("floor", "product") if attempt % 2 == 0 else ("product", "floor"):
            if which == "floor":
                floors.append(floor_seconds(path, fresh()))
            else:
                first, again = product_seconds(path, fresh(), call, reimport)
                firsts.append(first)
                agains.append(again)
    return {"floor": min(floors), "import": min(firsts), "re-import": min(agains)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-csv", type=int, default=100_000)
    parser.add_argument("--rows-xlsx", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio misses")
    args = parser.parse_args(argv)
    call = load_call(CALL)

    with tempfile.TemporaryDirectory(prefix="bench-import-") as temp:
        folder = Path(temp)
        fresh = Fresh(folder)
        csv_path = write_csv(folder / "domande.csv", args.rows_csv)
        quarter_csv = write_csv(folder / "domande-quarto.csv", args.rows_csv // 4)
        xlsx_path = write_xlsx(folder / "domande.xlsx", args.rows_xlsx)

        csv_times = measure(csv_path, fresh, call, args.repeat, reimport=True)
        xlsx_times = measure(xlsx_path, fresh, call, args.repeat, reimport=False)
        rows = [
            (f"CSV {args.rows_csv:,} import", csv_times["floor"], csv_times["import"]),
            (f"CSV {args.rows_csv:,} re-import", csv_times["floor"], csv_times["re-import"]),
            (f"XLSX {args.rows_xlsx:,} import", xlsx_times["floor"], xlsx_times["import"]),
        ]
        baseline = peak_rss_mib(fresh(), None)
        quarter = peak_rss_mib(fresh(), quarter_csv)
        full = peak_rss_mib(fresh(), csv_path)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}")
    print(f"{'case':<24} {'floor s':>8} {'product s':>10} {'ratio':>7} {'target':>7}  result")
    missed = False
    for case, floor, product in rows:
        ratio = product / floor
        missed |= ratio > TARGET
        verdict = "PASS" if ratio <= TARGET else "MISS"
        print(
            f"{case:<24} {floor:>8.2f} {product:>10.2f} {ratio:>6.2f}x {TARGET:>6.1f}x  {verdict}"
        )
    print(
        f"peak RSS of a CSV import child: {full:.0f} MiB at {args.rows_csv:,} rows, "
        f"{quarter:.0f} MiB at {args.rows_csv // 4:,} rows (ratio {full / quarter:.2f}); "
        f"opening the database alone: {baseline:.0f} MiB"
    )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
