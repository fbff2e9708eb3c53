"""Assigning evaluators: 5,000 applications, 15 members, 3 each, 100 conflicts
(target: 1 s for the assignment rule), with the load spread it leaves.

    .venv/bin/python tests/benchmarks/bench_assignment.py [--applications 5000]
        [--members 15] [--conflicts 100] [--repeat 5] [--service] [--check]

The floor, measured in the same run, is a plain round-robin over the same sizes that
ignores conflicts and balance (what any assignment must at least cost). --service
also times the whole `assign_evaluators` on a fresh SQLite file (reads, inserts and
one audit entry per application, in one transaction). Each figure is the best of
--repeat. A report: exits 0 unless --check is given and the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from desktop.domain.assignment import assign

TARGET_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[2]


def situation(applications: int, members: int, conflicts: int):
    codes = [f"CC-{i:06d}" for i in range(applications)]
    names = [f"Valutatore {i:02d}" for i in range(members)]
    rng = random.Random(2024)
    blocked: set[tuple[str, str]] = set()
    while len(blocked) < min(conflicts, applications * members):
        blocked.add((rng.choice(names), rng.choice(codes)))
    return codes, names, blocked


def timed(action) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def round_robin(codes, names, per_application):
    """The floor: member i, i+1, … for application i; no conflicts, no balancing."""
    count = len(names)
    return {
        code: {names[(i + k) % count] for k in range(per_application)}
        for i, code in enumerate(codes)
    }


def service_seconds(codes, names, blocked, per_application) -> tuple[float, int]:
    """assign_evaluators on a fresh SQLite database holding the same situation."""
    from db.engine import open_database
    from db.models import Application, CommitteeMember, Conflict
    from desktop.domain.calls import load_call
    from desktop.services import committee
    from desktop.services.store import ensure_call

    call = load_call(ROOT / "resources" / "calls" / "milano-2024-2025.toml")
    with tempfile.TemporaryDirectory(prefix="bench-assign-") as temp:
        database = open_database(Path(temp) / "c.sqlite")
        try:
            now = dt.datetime.now()
            with database.engine.begin() as connection:
                ensure_call(connection, call)
                connection.execute(
                    Application.__table__.insert(),
                    [
                        {
                            "call_id": call.id,
                            "code": code,
                            "title": code,
                            "eligibility": "pass",
                            "created_at": now,
                            "updated_at": now,
                        }
                        for code in codes
                    ],
                )
                connection.execute(
                    CommitteeMember.__table__.insert(),
                    [
                        {
                            "call_id": call.id,
                            "name": name,
                            "role": "member",
                            "active": True,
                            "created_at": now,
                        }
                        for name in names
                    ],
                )
                app_ids = dict(
                    tuple(r)
                    for r in connection.execute(
                        Application.__table__.select().with_only_columns(
                            Application.code, Application.id
                        )
                    )
                )
                member_ids = dict(
                    tuple(r)
                    for r in connection.execute(
                        CommitteeMember.__table__.select().with_only_columns(
                            CommitteeMember.name, CommitteeMember.id
                        )
                    )
                )
                connection.execute(
                    Conflict.__table__.insert(),
                    [
                        {
                            "member_id": member_ids[m],
                            "application_id": app_ids[c],
                            "source": "declared",
                            "status": "confirmed",
                            "reason": "bench",
                            "created_at": now,
                            "decided_by": "bench",
                        }
                        for m, c in sorted(blocked)
                    ],
                )
            seconds, result = timed(
                lambda: committee.assign_evaluators(database, call, per_application, user="bench")
            )
            return seconds, len(result.created)
        finally:
            database.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--members", type=int, default=15)
    parser.add_argument("--conflicts", type=int, default=100)
    parser.add_argument("--per-application", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--service", action="store_true", help="also time assign_evaluators")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    codes, names, blocked = situation(args.applications, args.members, args.conflicts)
    n = args.per_application

    floors, products, plan = [], [], None
    for attempt in range(args.repeat):
        for which in ("floor", "product") if attempt % 2 == 0 else ("product", "floor"):
            if which == "floor":
                floors.append(timed(lambda: round_robin(codes, names, n))[0])
            else:
                seconds, plan = timed(lambda: assign(codes, names, n, blocked, {}, "bench"))
                products.append(seconds)
    floor, product = min(floors), min(products)

    loads = sorted(plan.loads.values())
    mean = sum(loads) / len(loads)
    violations = sum((m, c) in blocked for c, ms in plan.items() for m in ms)
    # Incremental: 10% more applications and one more member, existing kept.
    more = [f"CC-N{i:05d}" for i in range(len(codes) // 10)]
    later_seconds, later = timed(
        lambda: assign(codes + more, [*names, "Valutatore nuovo"], n, blocked, dict(plan), "bench")
    )
    kept = all(plan[c] <= later[c] for c in codes)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}")
    print(
        f"{args.applications:,} applications × {n} evaluators, {args.members} members, "
        f"{len(blocked)} conflicts"
    )
    print(f"{'case':<34} {'seconds':>8} {'target':>7}  result")
    verdict = "PASS" if product <= TARGET_SECONDS else "MISS"
    print(f"{'floor (round-robin, no rules)':<34} {floor:>8.3f}")
    print(f"{'assign (domain rule)':<34} {product:>8.3f} {TARGET_SECONDS:>6.1f}s  {verdict}")
    print(f"{'ratio to floor':<34} {product / floor:>7.1f}x")
    print(f"{'+10% applications, +1 member':<34} {later_seconds:>8.3f}")
    if args.service:
        seconds, created = service_seconds(codes, names, blocked, n)
        print(f"{'assign_evaluators (SQLite, audit)':<34} {seconds:>8.3f}   ({created:,} pairs)")
    print(
        f"loads: min {loads[0]}, max {loads[-1]}, spread {loads[-1] - loads[0]}, mean {mean:.2f}; "
        f"short applications {len(plan.short)}; conflicted pairs assigned {violations}; "
        f"existing kept after the incremental run: {'yes' if kept else 'NO'}"
    )
    ok = product <= TARGET_SECONDS and violations == 0 and kept
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
