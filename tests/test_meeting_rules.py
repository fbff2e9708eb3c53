"""The sitting's rules (desktop/domain/meeting.py): who leaves and returns, exits, the
optimised order against a brute force, quorum and votes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.meeting import (
    AgendaEntry,
    VotesProblem,
    brute_force_order,
    exits,
    movements,
    optimise_order,
    parse_votes,
    quorum_problem,
)

MEMBERS = ("Bianchi", "Ricci", "Sala", "Villa")


def entries(*sets: str) -> list[AgendaEntry]:
    return [
        AgendaEntry(f"A{n:02d}", n, frozenset(s.split()) if s else frozenset())
        for n, s in enumerate(sets, start=1)
    ]


def cost(order) -> int:
    return exits([e.conflicted for e in order])


def test_who_leaves_and_who_returns():
    present = {"Bianchi", "Ricci", "Sala"}
    assert movements(set(), {"Ricci", "Villa"}, present) == (["Ricci"], [])
    # Conflicted on consecutive items: stays out, leaves once.
    assert movements({"Ricci"}, {"Ricci", "Sala"}, present) == (["Sala"], [])
    assert movements({"Ricci", "Sala"}, set(), present) == ([], ["Ricci", "Sala"])


def test_exits_count_each_leaving_once_per_run():
    assert exits([frozenset({"a"}), frozenset({"a"}), frozenset(), frozenset({"a", "b"})]) == 3
    assert exits([]) == 0


def test_a_crafted_agenda_saves_exits_as_the_brute_force_does():
    agenda = entries("Ricci", "", "Sala", "Ricci", "", "Sala Ricci", "")
    optimised = optimise_order(agenda)
    best = brute_force_order(agenda)
    assert cost(agenda) == 5
    assert cost(optimised) == cost(best) == 2
    assert sorted(e.code for e in optimised) == sorted(e.code for e in agenda)


def test_nothing_to_save_keeps_the_ranking_order():
    agenda = entries("", "Ricci", "", "Sala", "")
    assert optimise_order(agenda) == agenda
    assert optimise_order(entries("", "", "")) == entries("", "", "")


def test_the_order_is_deterministic():
    agenda = entries("Ricci", "Sala", "Ricci", "", "Sala", "Villa", "Ricci Villa", "")
    assert optimise_order(agenda) == optimise_order(list(agenda))


conflict_sets = st.lists(
    st.frozensets(st.sampled_from(MEMBERS), max_size=3), min_size=1, max_size=7
)


@settings(max_examples=300)
@given(conflict_sets)
def test_optimised_order_is_optimal_on_small_agendas(sets):
    agenda = [AgendaEntry(f"A{n}", n, s) for n, s in enumerate(sets)]
    optimised = optimise_order(agenda)
    assert sorted(optimised, key=lambda e: e.rank) == agenda
    assert cost(optimised) == cost(brute_force_order(agenda))


@settings(max_examples=300)
@given(conflict_sets)
def test_the_heuristic_is_never_worse_than_the_given_order(sets):
    # exact_groups=0 forces the heuristic used beyond EXACT_GROUPS conflict sets.
    agenda = [AgendaEntry(f"A{n}", n, s) for n, s in enumerate(sets)]
    heuristic = optimise_order(agenda, exact_groups=0)
    assert cost(brute_force_order(agenda)) <= cost(heuristic) <= cost(agenda)


def test_quorum():
    assert quorum_problem(4, 4, "all", 0) is None
    # A member out for a conflict does not break the quorum.
    assert quorum_problem(4, 4, "all", 1) is None
    assert "manca il quorum" in quorum_problem(3, 4, "all", 0)
    assert quorum_problem(3, 4, 3, 0) is None
    assert "nessun componente" in quorum_problem(1, 4, 1, 1)


def test_votes():
    assert parse_votes("3,1,0") == (3, 1, 0)
    assert parse_votes(" 2, 0 ,1 ") == (2, 0, 1)
    for bad in ("3,1", "a,b,c", "-1,2,0", "0,0,0", ""):
        with pytest.raises(VotesProblem):
            parse_votes(bad)
