"""A whole batch of letters from a real database: 1,000 applications, each getting the
letter its state calls for, written as the window and `letters generate` write them.

    .venv/bin/python tests/benchmarks/bench_letters_batch.py [--applications 1000]
        [--check]

- setup (not timed): a SQLite file with the demo's 40 applications copied 25 times
  under new codes (1,000), the demo committee, assignment, scores and session I's
  decisions (``prepare_demo_evaluation``);
- product: ``desktop.letters.service.generate(kind="auto", out_dir=…)``: the data of
  every letter read from the database (rankings, eligibility, motivations), each
  template rendered and the PDF/A-2b made, every letter stored with its event and
  audit entry in one transaction, then the files, the merged PDF to print and the
  index (XLSX, CSV);
- floor: ReportLab drawing the same letters' text on bare pages (``bench_letters.floor``),
  in the same run, from the data the product stored.

A report: exits 0 unless --check is given and the target is missed (1,000 letters in
at most 20 s).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_letters import _bare_fonts, floor  # noqa: E402
from sqlalchemy import select  # noqa: E402

from db.engine import open_database  # noqa: E402
from db.models import Letter  # noqa: E402
from desktop.domain.calls import find_call  # noqa: E402
from desktop.exporting import pdf as shared  # noqa: E402
from desktop.importing.service import import_applications  # noqa: E402
from desktop.letters.service import generate  # noqa: E402
from desktop.letters.templates import load_templates  # noqa: E402
from desktop.services.demo import prepare_demo_evaluation  # noqa: E402

TARGET_SECONDS_PER_1000 = 20.0
DEMO = ROOT / "resources" / "demo" / "domande-demo.csv"


def applications_csv(folder: Path, count: int) -> Path:
    """The demo's rows repeated under new codes (CC24-0001…)."""
    with DEMO.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    path = folder / "domande.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        for n in range(count):
            row = dict(rows[n % len(rows)])
            row["codice_domanda"] = f"CC24-{n + 1:04d}"
            writer.writerow(row)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="bench-letters-"))
    call = find_call(None)
    database = open_database(folder / "lettere.sqlite")
    started = time.perf_counter()
    import_applications(database, applications_csv(folder, args.applications), call, user="bench")
    prepare_demo_evaluation(database, call)
    print(
        f"setup: {args.applications} applications scored and decided in {time.perf_counter() - started:.1f} s"
    )

    shared.fonts()
    _bare_fonts()
    started = time.perf_counter()
    result = generate(database, call, kind="auto", out_dir=folder / "lettere")
    product_seconds = time.perf_counter() - started
    written = len(result.written)

    with database.session() as session:
        stored = [json.loads(d) for d, k in session.execute(select(Letter.data, Letter.kind))]
        kinds = [k for _d, k in session.execute(select(Letter.data, Letter.kind))]
    templates = load_templates()
    texts = [templates.render(kind, data) for data, kind in zip(stored, kinds, strict=True)]
    floor(texts[:1], stored[:1])
    floor_seconds = floor(texts, stored)
    database.close()

    per_1000 = product_seconds / max(written, 1) * 1000
    merged_mb = result.merged.stat().st_size / 1e6 if result.merged else 0.0
    print(
        f"letters written: {written} ({len(result.skipped)} applications without a letter), "
        f"merged PDF {merged_mb:.1f} MB"
    )
    print(f"product: {product_seconds:.2f} s, {written / product_seconds:.1f} letters/s")
    print(
        f"floor (bare ReportLab, same text): {floor_seconds:.2f} s, {written / floor_seconds:.1f} letters/s"
    )
    print(f"ratio: {product_seconds / floor_seconds:.2f}×")
    print(
        f"per 1,000 letters: {per_1000:.1f} s (target {TARGET_SECONDS_PER_1000:.0f} s) — "
        + ("met" if per_1000 <= TARGET_SECONDS_PER_1000 else "MISSED")
    )
    return 1 if args.check and per_1000 > TARGET_SECONDS_PER_1000 else 0


if __name__ == "__main__":
    raise SystemExit(main())
