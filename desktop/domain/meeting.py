"""The sitting's rules, in plain Python: who leaves and who returns between two
items, how many exits an agenda costs, an agenda order with fewer exits, the quorum
and the vote.

**Exits.** Along an agenda, a member conflicted on an item leaves the room before it
and returns after it; conflicted on consecutive items, they leave once. The exits of
an order are Σ over items of the members conflicted on the item and not on the one
before (HotCRP's discussion order minimises the same quantity).

**The order** (:func:`optimise_order`): items with the same conflicted members are
grouped (this never costs an exit: taking an item out of an order never adds exits,
by the triangle inequality of set difference, and putting it next to a twin adds
none); the groups are then ordered exactly (a dynamic programme over subsets, as for
a shortest Hamiltonian path) when there are at most ``EXACT_GROUPS`` of them, else by
a heuristic (nearest neighbour from the ranking order, then moving single groups
while it saves exits), which is not guaranteed optimal. Either way the result is
never worse than the order given (that order is returned when nothing is saved),
and a last pass moves items back towards the ranking order wherever that costs
nothing (adjacent swaps that keep the exits). Deterministic: ties go to the better
ranked item.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from desktop.domain.problems import Problem

# At most this many distinct conflict sets: the order of the groups is exact.
EXACT_GROUPS = 10

LEAVE, RETURN = "leave", "return"


class VotesProblem(Problem):
    """A vote that cannot be read."""


@dataclass(frozen=True)
class Movement:
    member: str
    action: str  # leave / return


@dataclass(frozen=True)
class AgendaEntry:
    code: str
    rank: int  # the order to keep where it costs nothing (ranking position, then the rest)
    conflicted: frozenset[str]


def movements(
    previous_conflicted: set[str] | frozenset[str],
    next_conflicted: set[str] | frozenset[str],
    present: set[str] | frozenset[str],
) -> tuple[list[str], list[str]]:
    """(who must leave, who may return) moving from one item to the next: present
    members conflicted on the next item and not already out for the previous one;
    members out for the previous item and not conflicted on the next. Sorted."""
    present = set(present)
    must_leave = sorted((set(next_conflicted) & present) - set(previous_conflicted))
    may_return = sorted((set(previous_conflicted) & present) - set(next_conflicted))
    return must_leave, may_return


def movement_list(previous, following, present) -> list[Movement]:
    leave, back = movements(previous, following, present)
    return [Movement(m, RETURN) for m in back] + [Movement(m, LEAVE) for m in leave]


def exits(order: list[frozenset[str]]) -> int:
    """How many times members leave along the agenda."""
    total, previous = 0, frozenset()
    for conflicted in order:
        total += len(conflicted - previous)
        previous = conflicted
    return total


# --------------------------------------------------------------------------- the order


def _masks(items: list[AgendaEntry]) -> list[int]:
    names = sorted({m for item in items for m in item.conflicted})
    bit = {name: 1 << i for i, name in enumerate(names)}
    return [sum(bit[m] for m in item.conflicted) for item in items]


def _cost(masks: list[int]) -> int:
    total, previous = 0, 0
    for mask in masks:
        total += (mask & ~previous).bit_count()
        previous = mask
    return total


def _exact_from_front(group_masks: list[int]) -> list[int]:
    """Held-Karp on suffixes: rest[subset][last] = fewest exits to cover the groups
    not in `subset` after ending at `last`; then the order is read from the front,
    each step taking the smallest index that keeps the optimum."""
    n = len(group_masks)
    full = (1 << n) - 1
    inf = 1 << 30
    rest = [[inf] * n for _ in range(1 << n)]
    for last in range(n):
        rest[full][last] = 0
    for subset in range(full - 1, 0, -1):
        row = rest[subset]
        for last in range(n):
            if not subset & (1 << last):
                continue
            last_mask = group_masks[last]
            value = inf
            for following in range(n):
                bit = 1 << following
                if subset & bit:
                    continue
                candidate = (group_masks[following] & ~last_mask).bit_count() + rest[subset | bit][
                    following
                ]
                if candidate < value:
                    value = candidate
            row[last] = value
    order: list[int] = []
    subset, previous_mask = 0, 0
    for _ in range(n):
        chosen, value = -1, inf
        for following in range(n):
            bit = 1 << following
            if subset & bit:
                continue
            candidate = (group_masks[following] & ~previous_mask).bit_count() + rest[subset | bit][
                following
            ]
            if candidate < value:
                chosen, value = following, candidate
        order.append(chosen)
        subset |= 1 << chosen
        previous_mask = group_masks[chosen]
    return order


def _heuristic(group_masks: list[int]) -> list[int]:
    """Nearest neighbour (the cheapest next group, ties to the better ranked), then
    single-group moves while one saves exits. Not guaranteed optimal."""
    n = len(group_masks)
    left = list(range(n))
    order: list[int] = []
    previous = 0
    while left:
        chosen = min(left, key=lambda g: ((group_masks[g] & ~previous).bit_count(), g))
        left.remove(chosen)
        order.append(chosen)
        previous = group_masks[chosen]
    return _improve(order, group_masks)


def _improve(order: list[int], group_masks: list[int]) -> list[int]:
    """Or-opt: take one group out and put it where it saves the most, repeatedly."""

    def mask_at(sequence, index):
        return group_masks[sequence[index]] if 0 <= index < len(sequence) else 0

    def step(a: int, b: int) -> int:  # exits entering b after a (b == -1: the end)
        return 0 if b == -1 else (group_masks[b] & ~a).bit_count()

    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved, rounds = False, rounds + 1
        for index in range(len(order)):
            group = order[index]
            before = mask_at(order, index - 1)
            after = order[index + 1] if index + 1 < len(order) else -1
            gain = step(before, group) + step(group_masks[group], after) - step(before, after)
            if gain == 0:
                continue
            rest = order[:index] + order[index + 1 :]
            best_place, best_cost = -1, gain
            for place in range(len(rest) + 1):
                a = group_masks[rest[place - 1]] if place > 0 else 0
                b = rest[place] if place < len(rest) else -1
                cost = step(a, group) + step(group_masks[group], b) - step(a, b)
                if cost < best_cost:
                    best_place, best_cost = place, cost
            if best_place >= 0:
                rest.insert(best_place, group)
                order = rest
                improved = True
                break
    return order


def _towards_ranking(items: list[AgendaEntry], masks: list[int]) -> tuple[list, list]:
    """Adjacent swaps that put the better ranked item first without adding exits."""
    items, masks = list(items), list(masks)
    n = len(items)
    changed = True
    while changed:
        changed = False
        for i in range(n - 1):
            a, b = items[i], items[i + 1]
            if (a.rank, a.code) <= (b.rank, b.code):
                continue
            p = masks[i - 1] if i > 0 else 0
            nxt = masks[i + 2] if i + 2 < n else None
            ma, mb = masks[i], masks[i + 1]
            before = (ma & ~p).bit_count() + (mb & ~ma).bit_count()
            after = (mb & ~p).bit_count() + (ma & ~mb).bit_count()
            if nxt is not None:
                before += (nxt & ~mb).bit_count()
                after += (nxt & ~ma).bit_count()
            if after <= before:
                items[i], items[i + 1] = b, a
                masks[i], masks[i + 1] = mb, ma
                changed = True
    return items, masks


def optimise_order(
    items: list[AgendaEntry], *, exact_groups: int = EXACT_GROUPS
) -> list[AgendaEntry]:
    """An order of the same items with as few exits as found (see the module's
    text); the input order when nothing is saved."""
    items = list(items)
    if len(items) < 2:
        return items
    masks = _masks(items)
    given = _cost(masks)
    ranked = sorted(range(len(items)), key=lambda i: (items[i].rank, items[i].code))
    groups: dict[int, list[int]] = {}
    for index in ranked:
        groups.setdefault(masks[index], []).append(index)
    group_masks = list(groups)  # in ranking order of each group's best item
    if len(group_masks) <= exact_groups:
        group_order = _exact_from_front(group_masks)
    else:
        group_order = _heuristic(group_masks)
    order = [index for g in group_order for index in groups[group_masks[g]]]
    result, result_masks = _towards_ranking([items[i] for i in order], [masks[i] for i in order])
    if _cost(result_masks) >= given:
        return items
    return result


def brute_force_order(items: list[AgendaEntry]) -> list[AgendaEntry]:
    """The fewest exits over every permutation (tests only: ≤ 8 items); ties to the
    first permutation in the order given."""
    items = list(items)
    if len(items) > 8:
        raise ValueError("brute force is for at most 8 items")
    best, best_cost = items, exits([i.conflicted for i in items])
    for candidate in permutations(items):
        cost = exits([i.conflicted for i in candidate])
        if cost < best_cost:
            best, best_cost = list(candidate), cost
    return best


# --------------------------------------------------------------------------- quorum, votes


def quorum_needed(quorum: str | int, members: int) -> int:
    return members if quorum == "all" else int(quorum)


def quorum_problem(present: int, members: int, quorum: str | int, left: int) -> str | None:
    """Why the committee cannot decide (Italian), or None. `present`: voting members
    present at the sitting (those out for a conflict on the item still count: they
    do not break the quorum); `members`: the committee's voting members; `left`: how
    many of the present are out for a conflict on this item."""
    needed = quorum_needed(quorum, members)
    if present < needed:
        what = (
            "tutti i componenti (collegio perfetto)" if quorum == "all" else f"{needed} componenti"
        )
        return (
            f"manca il quorum: presenti {present} componenti su {members}, ne servono {what}; "
            "registrare la presenza dei mancanti o rinviare la decisione"
        )
    if present - left <= 0:
        return (
            "nessun componente può decidere: tutti i presenti sono usciti per conflitto di "
            "interessi; rinviare la decisione"
        )
    return None


def parse_votes(text: str) -> tuple[int, int, int]:
    """ "F,C,A" (in favour, against, abstained) → three whole numbers ≥ 0."""
    parts = [p.strip() for p in (text or "").split(",")]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise VotesProblem(
            f"voto {text!r} non leggibile: scrivere favorevoli,contrari,astenuti (es. 3,1,0)",
            f"cannot read the vote {text!r}: write for,against,abstained (e.g. 3,1,0)",
        )
    votes = (int(parts[0]), int(parts[1]), int(parts[2]))
    if sum(votes) == 0:
        raise VotesProblem(
            "il voto non ha votanti: almeno un voto favorevole, contrario o astenuto",
            "the vote has no voters: at least one for, against or abstained",
        )
    return votes
