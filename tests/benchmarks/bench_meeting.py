"""The agenda's order: 200 items × 15 members (target: 1 s for `optimise_order`).

    .venv/bin/python tests/benchmarks/bench_meeting.py [--items 200] [--members 15]
        [--repeat 5] [--check]

Three situations: sparse (most items with no conflicted member, as in a real
session), dense (every item 1–4 conflicted members: almost every conflict set is
distinct, the heuristic's worst case) and few groups (≤ 10 distinct sets: the exact
programme). The floor, measured in the same run, is counting the exits of the given
order (what any optimisation must at least do). Each figure is the best of
--repeat. A report: exits 0 unless --check is given and the target is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.domain.meeting import AgendaEntry, exits, optimise_order  # noqa: E402

TARGET_SECONDS = 1.0


def agenda(kind: str, items: int, members: int) -> list[AgendaEntry]:
    rng = random.Random(2025)
    names = [f"Componente {i:02d}" for i in range(members)]
    groups = [frozenset(rng.sample(names, rng.randint(1, 3))) for _ in range(9)]
    result = []
    for n in range(items):
        if kind == "sparse":
            chosen = frozenset(rng.sample(names, rng.choice((0, 0, 0, 0, 1, 1, 2))))
        elif kind == "dense":
            chosen = frozenset(rng.sample(names, rng.randint(1, 4)))
        else:
            chosen = rng.choice(groups) if rng.random() < 0.5 else frozenset()
        result.append(AgendaEntry(f"CC-{n:04d}", n + 1, chosen))
    return result


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--members", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    missed = False
    print(f"{args.items} items × {args.members} members, best of {args.repeat}")
    for kind in ("sparse", "dense", "few-groups"):
        items = agenda(kind, args.items, args.members)
        sets = [e.conflicted for e in items]
        floor = best_of(args.repeat, lambda sets=sets: exits(sets))
        took = best_of(args.repeat, lambda items=items: optimise_order(items))
        ordered = optimise_order(items)
        before, after = exits(sets), exits([e.conflicted for e in ordered])
        groups = len(set(sets))
        print(
            f"{kind:>10}: {groups:3d} conflict sets; exits {before} → {after}; "
            f"optimise {took * 1000:8.1f} ms, floor {floor * 1000:6.3f} ms, "
            f"ratio {took / floor:8.0f}×; target {TARGET_SECONDS:.0f} s "
            + ("met" if took <= TARGET_SECONDS else "MISSED")
        )
        missed |= took > TARGET_SECONDS
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
