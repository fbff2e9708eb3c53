"""Assignment of evaluators, as properties: never a conflicted pair, N per
application when possible, balanced loads, the same result for the same input,
and nothing done is ever reshuffled."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.assignment import assign, stable_rank
from tests.conftest import ROOT


@st.composite
def situations(draw, with_conflicts=True, with_existing=True):
    applications = [f"CC-{i:03d}" for i in range(draw(st.integers(0, 40)))]
    members = [f"Valutatore {chr(65 + i)}" for i in range(draw(st.integers(1, 8)))]
    per_application = draw(st.integers(1, 5))
    pairs = [(m, a) for m in members for a in applications]
    blocked = set()
    if with_conflicts and pairs:
        blocked = set(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 3 + 1)))
    existing: dict[str, set[str]] = {}
    if with_existing and pairs:
        for member, code in draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 4 + 1)):
            if (member, code) not in blocked and len(existing.get(code, ())) < per_application:
                existing.setdefault(code, set()).add(member)
    seed = draw(st.sampled_from(["milano-2024-2025", "milano-2020-2021", ""]))
    return applications, members, per_application, blocked, existing, seed


@settings(max_examples=200)
@given(situations())
def test_no_conflicted_pair_and_each_application_gets_what_it_can(situation):
    applications, members, n, blocked, existing, seed = situation
    plan = assign(applications, members, n, blocked, existing, seed)
    assert set(plan) == set(applications)
    for code, assigned in plan.items():
        assert existing.get(code, set()) <= assigned
        assert not any((member, code) in blocked for member in assigned)
        available = existing.get(code, set()) | {m for m in members if (m, code) not in blocked}
        assert len(assigned) == min(n, len(available))
        assert plan.short.get(code, 0) == n - len(assigned)
    assert {code for code, missing in plan.short.items() if missing} == set(plan.short)


@settings(max_examples=200)
@given(situations(with_conflicts=False, with_existing=False))
def test_from_scratch_without_conflicts_every_load_is_within_one_of_the_mean(situation):
    applications, members, n, _, _, seed = situation
    plan = assign(applications, members, n, set(), {}, seed)
    loads = [sum(m in assigned for assigned in plan.values()) for m in members]
    assert loads == [plan.loads[m] for m in members]
    mean = sum(loads) / len(loads)
    assert all(abs(load - mean) <= 1 for load in loads)
    assert max(loads) - min(loads) <= 1


@settings(max_examples=200)
@given(situations())
def test_with_conflicts_no_single_move_would_balance_better(situation):
    """As balanced as possible by moving any new assignment: no member two or more
    above another holds a new assignment the other could take."""
    applications, members, n, blocked, existing, seed = situation
    plan = assign(applications, members, n, blocked, existing, seed)
    for giver in members:
        for taker in members:
            if plan.loads[giver] - plan.loads[taker] < 2:
                continue
            for code, added in plan.added.items():
                if giver in added:
                    assert taker in plan[code] or (taker, code) in blocked


@settings(max_examples=100)
@given(situations(), st.randoms(use_true_random=False))
def test_same_input_same_output_whatever_the_order(situation, shuffler):
    applications, members, n, blocked, existing, seed = situation
    first = assign(applications, members, n, blocked, existing, seed)
    shuffled_apps, shuffled_members = list(applications), list(members)
    shuffler.shuffle(shuffled_apps)
    shuffler.shuffle(shuffled_members)
    blocked_list = list(blocked)
    shuffler.shuffle(blocked_list)
    again = assign(
        shuffled_apps,
        shuffled_members,
        n,
        set(blocked_list),
        {code: set(sorted(m, reverse=True)) for code, m in reversed(existing.items())},
        seed,
    )
    assert dict(again) == dict(first)
    assert again.short == first.short and again.new_pairs() == first.new_pairs()


@settings(max_examples=100)
@given(situations(), st.integers(0, 15), st.integers(0, 3))
def test_applications_and_members_added_later_keep_every_assignment(situation, more_apps, more):
    applications, members, n, blocked, existing, seed = situation
    before = assign(applications, members, n, blocked, existing, seed)
    later_apps = applications + [f"NEW-{i:02d}" for i in range(more_apps)]
    later_members = members + [f"Nuovo {i}" for i in range(more)]
    after = assign(later_apps, later_members, n, blocked, dict(before), seed)
    for code, assigned in before.items():
        assert assigned <= after[code]
        # Applications that had N keep exactly those N: nothing reshuffled.
        if len(assigned) >= n:
            assert after[code] == assigned
    assert not any((m, c) in blocked for c, ms in after.items() for m in ms)


def test_a_new_member_takes_the_new_applications_first():
    members = ["Anna", "Bruno", "Carla"]
    first = assign([f"A{i}" for i in range(6)], members, 2, set(), {}, "s")
    assert sorted(first.loads.values()) == [4, 4, 4]
    later = assign([f"A{i}" for i in range(9)], [*members, "Dario"], 2, set(), dict(first), "s")
    assert later.loads["Dario"] == 3  # one on each of the three new applications
    assert all(dict(later)[f"A{i}"] == first[f"A{i}"] for i in range(6))


def test_too_many_conflicts_are_reported_not_hidden():
    blocked = {("Anna", "A1"), ("Bruno", "A1")}
    plan = assign(["A1", "A2"], ["Anna", "Bruno", "Carla"], 3, blocked, {}, "s")
    assert plan["A1"] == {"Carla"} and plan.short == {"A1": 2}
    assert plan["A2"] == {"Anna", "Bruno", "Carla"}


def test_an_existing_assignment_of_a_member_who_left_is_kept_and_counted():
    plan = assign(["A1"], ["Anna", "Bruno"], 2, set(), {"A1": {"Zeno"}}, "s")
    assert "Zeno" in plan["A1"] and len(plan["A1"]) == 2
    assert "Zeno" not in plan.loads


def test_the_seed_spreads_ties_but_a_given_seed_is_stable():
    apps = [f"A{i:02d}" for i in range(30)]
    members = [f"M{i}" for i in range(7)]
    by_seed = {
        seed: dict(assign(apps, members, 3, set(), {}, seed)) for seed in ("uno", "due", "tre")
    }
    assert (
        len({tuple(sorted((c, tuple(sorted(m))) for c, m in p.items())) for p in by_seed.values()})
        > 1
    )
    assert dict(assign(apps, members, 3, set(), {}, "uno")) == by_seed["uno"]
    # A fixed value: the tie-break must not depend on Python's per-process hash().
    assert stable_rank("milano-2024-2025", "CC24-001", "Laura Bianchi") == 0xB36552C1329778D2


def test_the_result_does_not_depend_on_pythons_hash_seed():
    script = (
        "from desktop.domain.assignment import assign;"
        "p = assign([f'A{i}' for i in range(40)], [f'M{i}' for i in range(6)], 3,"
        " {('M1', 'A3'), ('M2', 'A3')}, {'A5': {'M4'}}, 'x');"
        "print(sorted((c, sorted(m)) for c, m in p.items()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_five_thousand_applications_with_conflicts_stay_balanced():
    apps = [f"CC-{i:05d}" for i in range(5000)]
    members = [f"Valutatore {i:02d}" for i in range(15)]
    rng = random.Random(7)
    blocked = {(rng.choice(members), rng.choice(apps)) for _ in range(100)}
    plan = assign(apps, members, 3, blocked, {}, "bench")
    assert not plan.short
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1


def test_at_least_one_evaluator_is_needed():
    with pytest.raises(ValueError, match="almeno 1"):
        assign(["A1"], ["Anna"], 0, set(), {}, "s")
