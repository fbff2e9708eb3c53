"""Assigning evaluators to applications, in plain Python.

Rules, in order of precedence:

1. What is done stays done: every existing assignment is kept, even one a later
   conflict blocks (the service removes those when the conflict is confirmed), and
   it counts towards the application's N.
2. A blocked (member, application) pair — a proposed or confirmed conflict — is
   never created.
3. Each application gets up to N members; one that cannot (too many conflicts, too
   few members) gets every member it can and is reported in ``plan.short``.
4. Loads are balanced: the most constrained applications are filled first, each
   with the least-loaded members it may have; then single moves of new assignments
   from a member to another two or more below it even out what conflicts skewed.
   From scratch and without conflicts every member ends within one of the mean.
5. The same input gives the same output: ties are broken by a keyed BLAKE2 hash of
   (seed, application, member) — not Python's per-process ``hash()`` — and inputs
   are sorted first, so neither their order nor set iteration order matters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence

__all__ = ["AssignmentPlan", "assign", "stable_rank"]


class AssignmentPlan(dict):
    """application code → the set of members assigned to it (existing + new), for
    every application given. Also carries:

    - ``added``: code → the members this run adds (only codes that got some);
    - ``short``: code → how many evaluators it still lacks (only codes short of N);
    - ``loads``: member → assignments among the given applications, after the run.
    """

    def __init__(self, assignments, added, short, loads):
        super().__init__(assignments)
        self.added: dict[str, set[str]] = added
        self.short: dict[str, int] = short
        self.loads: dict[str, int] = loads

    def new_pairs(self) -> list[tuple[str, str]]:
        """(member, code) of every assignment this run adds, sorted."""
        return sorted((member, code) for code, members in self.added.items() for member in members)


def stable_rank(seed: str, *parts: str) -> int:
    """A number that is the same for the same text on every run and every machine."""
    text = "\x1f".join((seed, *parts)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def assign(
    applications: Sequence[str],
    members: Sequence[str],
    per_application: int,
    blocked: Collection[tuple[str, str]],
    existing: Mapping[str, Iterable[str]],
    seed: str,
) -> AssignmentPlan:
    """Fills every application up to `per_application` members (see the module's
    rules). `blocked` holds (member, code) pairs; `existing` code → members already
    assigned (members no longer in `members` are kept and counted, but get nothing
    new). Loads count only assignments to the applications given."""
    if per_application < 1:
        raise ValueError(
            f"servono almeno 1 valutatore per domanda, non {per_application} / "
            f"at least 1 evaluator per application is needed, not {per_application}"
        )
    codes = sorted(set(applications))
    people = sorted(set(members))
    blocked = set(blocked)
    load = dict.fromkeys(people, 0)
    result: dict[str, set[str]] = {}
    for code in codes:
        held = set(existing.get(code, ()))
        result[code] = held
        for member in held:
            if member in load:
                load[member] += 1

    # Members each application may still get; tie-break ranks per pair.
    open_to: dict[str, list[str]] = {}
    rank: dict[tuple[str, str], int] = {}
    for code in codes:
        if len(result[code]) >= per_application:
            continue
        allowed = [m for m in people if m not in result[code] and (m, code) not in blocked]
        open_to[code] = allowed
        for member in allowed:
            rank[member, code] = stable_rank(seed, code, member)

    def slack(code: str) -> int:
        return len(open_to[code]) - (per_application - len(result[code]))

    added: dict[str, set[str]] = {}
    for code in sorted(open_to, key=lambda c: (slack(c), stable_rank(seed, c), c)):
        wanted = per_application - len(result[code])
        chosen = sorted(open_to[code], key=lambda m: (load[m], rank[m, code], m))[:wanted]
        for member in chosen:
            load[member] += 1
        result[code].update(chosen)
        if chosen:
            added[code] = set(chosen)

    _even_out(people, load, added, result, blocked, seed)
    short = {
        code: per_application - len(held)
        for code, held in result.items()
        if len(held) < per_application
    }
    return AssignmentPlan(result, added, short, load)


def _even_out(
    people: list[str],
    load: dict[str, int],
    added: dict[str, set[str]],
    result: dict[str, set[str]],
    blocked: set[tuple[str, str]],
    seed: str,
) -> None:
    """Moves new assignments from a member to one at least two below, while one
    such move exists. Each move lowers the sum of squared loads, so this ends."""
    if len(people) < 2:
        return
    mine: dict[str, set[str]] = {member: set() for member in people}
    for code, members in added.items():
        for member in members:
            mine[member].add(code)
    while True:
        by_load = sorted(people, key=lambda m: (load[m], stable_rank(seed, m), m))
        if load[by_load[-1]] - load[by_load[0]] <= 1:
            return
        move = _find_move(by_load, load, mine, result, blocked, seed)
        if move is None:
            return
        code, giver, taker = move
        result[code].discard(giver)
        result[code].add(taker)
        added[code].discard(giver)
        added[code].add(taker)
        mine[giver].discard(code)
        mine[taker].add(code)
        load[giver] -= 1
        load[taker] += 1


def _find_move(by_load, load, mine, result, blocked, seed):
    for giver in reversed(by_load):
        for taker in by_load:
            if load[giver] - load[taker] <= 1:
                break
            movable = [
                code
                for code in mine[giver]
                if taker not in result[code] and (taker, code) not in blocked
            ]
            if movable:
                code = min(movable, key=lambda c: (stable_rank(seed, c, taker), c))
                return code, giver, taker
    return None
