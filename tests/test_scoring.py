"""The arithmetic of the evaluation: sheet totals, application scores, disagreement,
normalisation, the ranking and its funding line (desktop/domain/scoring.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import scoring
from desktop.domain.calls import Criterion, Grid
from desktop.domain.scoring import (
    BELOW_MINIMUM,
    FUNDABLE,
    INADMISSIBLE,
    INCOMPLETE,
    NOT_FUNDED,
    TO_CHECK,
    Candidate,
)

# --------------------------------------------------------------------------- helpers

# The 2024 grid: coerenza 20, alleanza 20, impatto 25, sost. economica 20,
# sost. sociale 15; weights 1; minimum 60; tie breakers: impatto, then submission.
IDS = (
    "coerenza_obiettivi",
    "alleanza",
    "impatto_quartiere",
    "sostenibilita_economica",
    "sostenibilita_continuita",
)


def sheet(code: str, evaluator: str, *points: int) -> tuple:
    """A submitted sheet with whole-point scores, as the service hands it over."""
    return (code, evaluator, tuple(p * 100 for p in points))


def candidate(code: str, grant_euros: int | None, day: int = 10, minute: int = 0, **kw):
    return Candidate(
        code=code,
        eligibility=kw.pop("eligibility", "pass"),
        grant_cents=None if grant_euros is None else grant_euros * 100,
        submitted_on=dt.date(2025, 1, day),
        submitted_time=dt.time(9, minute),
        **kw,
    )


def codes(entries) -> list[str]:
    return [entry.code for entry in entries]


# --------------------------------------------------------------------------- the hand example

# Six applications × three evaluators (E1, E2, E3), scores per criterion in the
# grid's order (coerenza, alleanza, impatto, sost. economica, sost. sociale):
#
#   A1  E1 18+17+22+18+13 = 88   E2 17+16+21+17+12 = 83   E3 19+18+23+18+14 = 92
#       mean 263/3 = 87,666… → 87,67 (median 88)
#   A2  E1 15+15+20+15+10 = 75   E2 16+14+19+15+11 = 75   E3 14+15+21+14+11 = 75
#       mean 75; impatto mean (20+19+21)/3 = 20
#   A3  E1 16+14+18+15+12 = 75   E2 15+15+20+14+11 = 75   E3 15+15+19+15+11 = 75
#       mean 75; impatto mean (18+20+19)/3 = 19; submitted 12/01 09:30
#   A4  E1 14+14+19+14+11 = 72   E2 15+15+19+15+11 = 75   E3 16+14+19+15+14 = 78
#       mean 225/3 = 75; impatto mean 19; submitted 11/01 09:00 (before A3)
#   A5  E1 12+11+15+12+9 = 59    E2 12+12+15+12+9 = 60    E3 12+12+16+12+8 = 60
#       mean 179/3 = 59,666… → 59,67 < 60: non idoneo
#   A6  E1 19+19+24+19+14 = 95   E2 10+10+12+10+8 = 50    E3 15+15+18+15+12 = 75
#       mean 220/3 = 73,333… → 73,33; spread 95 − 50 = 45 > 20: disagreement
#
# Order: A1 (87,67); then A2, A4, A3 tie at 75: A2 has the best impatto mean (20);
# A4 and A3 tie on impatto (19) and A4 was submitted first; then A6 (73,33).
# A5 is below the minimum, not ranked.
#
# Grants: A1 50.000, A2 45.000, A4 40.000, A3 30.000, A6 10.000 €.
# Budget 150.000 €: cumulative 50.000 → 95.000 → 135.000 (A4) → 165.000 (A3 > 150.000).
# The line falls under A4: fundable A1, A2, A4 for 135.000 €, 15.000 € left. A3 does
# not fit, so A3 and everything after it is "idoneo non finanziato", A6 included,
# although its 10.000 € would fit in the 15.000 € left: the line is strict.

HAND_SHEETS = [
    sheet("A1", "E1", 18, 17, 22, 18, 13),
    sheet("A1", "E2", 17, 16, 21, 17, 12),
    sheet("A1", "E3", 19, 18, 23, 18, 14),
    sheet("A2", "E1", 15, 15, 20, 15, 10),
    sheet("A2", "E2", 16, 14, 19, 15, 11),
    sheet("A2", "E3", 14, 15, 21, 14, 11),
    sheet("A3", "E1", 16, 14, 18, 15, 12),
    sheet("A3", "E2", 15, 15, 20, 14, 11),
    sheet("A3", "E3", 15, 15, 19, 15, 11),
    sheet("A4", "E1", 14, 14, 19, 14, 11),
    sheet("A4", "E2", 15, 15, 19, 15, 11),
    sheet("A4", "E3", 16, 14, 19, 15, 14),
    sheet("A5", "E1", 12, 11, 15, 12, 9),
    sheet("A5", "E2", 12, 12, 15, 12, 9),
    sheet("A5", "E3", 12, 12, 16, 12, 8),
    sheet("A6", "E1", 19, 19, 24, 19, 14),
    sheet("A6", "E2", 10, 10, 12, 10, 8),
    sheet("A6", "E3", 15, 15, 18, 15, 12),
]
HAND_CANDIDATES = [
    candidate("A1", 50_000),
    candidate("A2", 45_000),
    candidate("A3", 30_000, day=12, minute=30),
    candidate("A4", 40_000, day=11),
    candidate("A5", 20_000),
    candidate("A6", 10_000),
]


def test_the_hand_computed_ranking_and_funding_line(call_2024):
    assert tuple(c.id for c in call_2024.grid.criteria) == IDS
    assert call_2024.evaluation.tie_breakers == ("impatto_quartiere", "submission")
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, HAND_CANDIDATES, HAND_SHEETS)

    assert codes(ranking.ranked) == ["A1", "A2", "A4", "A3", "A6"]
    assert [e.position for e in ranking.ranked] == [1, 2, 3, 4, 5]
    assert [e.scores.score for e in ranking.ranked] == [
        Decimal("87.67"),
        Decimal("75.00"),
        Decimal("75.00"),
        Decimal("75.00"),
        Decimal("73.33"),
    ]
    assert [t.total for t in ranking.scores["A1"].totals] == [
        Decimal("88.00"),
        Decimal("83.00"),
        Decimal("92.00"),
    ]
    assert [e.cumulative_grant_cents for e in ranking.ranked] == [
        50_000_00,
        95_000_00,
        135_000_00,
        165_000_00,
        175_000_00,
    ]
    [below] = ranking.unranked
    assert (below.code, below.standing, below.scores.score) == (
        "A5",
        BELOW_MINIMUM,
        Decimal("59.67"),
    )

    line = ranking.funding_line(150_000_00)
    assert (line.funded_count, line.funded_total_cents, line.left_cents) == (
        3,
        135_000_00,
        15_000_00,
    )
    assert [ranking.status(e, line) for e in ranking.entries] == [
        FUNDABLE,
        FUNDABLE,
        FUNDABLE,
        NOT_FUNDED,
        NOT_FUNDED,  # A6 would fit in what is left, but the order is never skipped
        BELOW_MINIMUM,
    ]

    [disagreement] = ranking.disagreements
    assert (disagreement.code, disagreement.spread) == ("A6", Decimal("45.00"))

    # A1's impatto: 22, 21, 23.
    impatto = ranking.scores["A1"].criteria["impatto_quartiere"]
    assert (impatto.mean, impatto.median, impatto.min, impatto.max, impatto.spread) == (
        Decimal("22.00"),
        Decimal("22.00"),
        Decimal("21.00"),
        Decimal("23.00"),
        Decimal("2.00"),
    )


def test_median_aggregation_changes_the_score_not_the_order_here(call_2024):
    evaluation = dataclasses.replace(call_2024.evaluation, aggregation="median")
    ranking = scoring.rank(call_2024.grid, evaluation, HAND_CANDIDATES, HAND_SHEETS)
    # Medians: A1 88; A2, A3, A4 75; A6 75 (of 50, 75, 95) with the lowest impatto
    # mean (18), so last of the 75s; A5 60 (of 59, 60, 60): at the minimum, so ranked.
    assert codes(ranking.ranked) == ["A1", "A2", "A4", "A3", "A6", "A5"]
    assert ranking.scores["A1"].score == Decimal("88.00")
    assert ranking.scores["A6"].score == Decimal("75.00")
    assert ranking.scores["A5"].score == Decimal("60.00")


def test_what_if_budgets_move_the_line_without_resorting(call_2024):
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, HAND_CANDIDATES, HAND_SHEETS)
    assert ranking.funding_line(0).funded_count == 0
    assert ranking.funding_line(49_999_99).funded_count == 0
    assert ranking.funding_line(50_000_00).funded_count == 1
    assert ranking.funding_line(165_000_00).funded_count == 4
    assert ranking.funding_line(10**12).funded_count == 5
    assert ranking.funding_line(-5).budget_cents == 0
    line = ranking.funding_line(95_000_00)
    districts = ranking.funded_by_district(line)
    assert sum(g.count for g in districts) == 2
    assert sum(g.grant_cents for g in districts) == 95_000_00


# --------------------------------------------------------------------------- statuses


def test_each_status_is_listed_and_only_complete_admissible_ones_are_ranked(call_2024):
    candidates = [
        candidate("OK", 10_000),
        candidate("FAIL", 10_000, eligibility="fail"),
        candidate("CHECK", 10_000, eligibility="check"),
        candidate("HALF", 10_000),  # 2 of 3 sheets
        candidate("NONE", 10_000),  # no sheet at all
        candidate("TWO", 10_000, expected_evaluators=2),  # only two assigned: complete
    ]
    sheets = [
        *(sheet("OK", e, 18, 18, 22, 18, 13) for e in ("E1", "E2", "E3")),
        *(sheet("FAIL", e, 18, 18, 22, 18, 13) for e in ("E1", "E2", "E3")),
        *(sheet("CHECK", e, 18, 18, 22, 18, 13) for e in ("E1", "E2", "E3")),
        *(sheet("HALF", e, 18, 18, 22, 18, 13) for e in ("E1", "E2")),
        *(sheet("TWO", e, 17, 18, 22, 18, 13) for e in ("E1", "E2")),
    ]
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sheets)
    line = ranking.funding_line(10**9)
    statuses = {e.code: ranking.status(e, line) for e in ranking.entries}
    assert statuses == {
        "OK": FUNDABLE,
        "TWO": FUNDABLE,
        "HALF": INCOMPLETE,
        "NONE": INCOMPLETE,
        "CHECK": TO_CHECK,
        "FAIL": INADMISSIBLE,
    }
    assert codes(ranking.ranked) == ["OK", "TWO"]
    assert all(e.position is None for e in ranking.unranked)
    assert not ranking.scores["HALF"].complete and ranking.scores["TWO"].complete


def test_a_sheet_missing_a_score_in_the_total_does_not_count(call_2024):
    unfinished = ("A", "E3", (1800, 1800, None, 1800, 1300))
    sheets = [
        sheet("A", "E1", 18, 18, 22, 18, 13),
        sheet("A", "E2", 18, 18, 22, 18, 13),
        unfinished,
    ]
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, [candidate("A", 1)], sheets)
    assert ranking.scores["A"].count == 2
    assert ranking.unranked[0].standing == INCOMPLETE


def test_an_unknown_grant_stops_the_line(call_2024):
    candidates = [candidate("A", 10_000), candidate("B", None), candidate("C", 10_000)]
    sheets = [
        *(sheet("A", e, 19, 19, 24, 19, 14) for e in ("E1", "E2", "E3")),
        *(sheet("B", e, 18, 18, 22, 18, 13) for e in ("E1", "E2", "E3")),
        *(sheet("C", e, 17, 17, 21, 17, 12) for e in ("E1", "E2", "E3")),
    ]
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sheets)
    line = ranking.funding_line(10**9)
    assert line.funded_count == 1 and line.funded_total_cents == 10_000_00
    assert ranking.ranked[1].cumulative_grant_cents is None


def test_disagreements_come_most_divergent_first(call_2024):
    sheets = [
        sheet("SMALL", "E1", 20, 20, 25, 20, 15),
        sheet("SMALL", "E2", 15, 15, 20, 15, 10),  # 100 vs 75: spread 25
        sheet("BIG", "E1", 20, 20, 25, 20, 15),
        sheet("BIG", "E2", 5, 5, 5, 5, 5),  # 100 vs 25: spread 75
        sheet("AT", "E1", 20, 20, 25, 20, 15),
        sheet("AT", "E2", 16, 16, 20, 16, 12),  # 100 vs 80: spread 20, not above
    ]
    candidates = [candidate(c, 1, expected_evaluators=2) for c in ("SMALL", "BIG", "AT")]
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sheets)
    assert [(d.code, d.spread) for d in ranking.disagreements] == [
        ("BIG", Decimal("75.00")),
        ("SMALL", Decimal("25.00")),
    ]


# --------------------------------------------------------------------------- scores and sheets


def test_validate_score_says_what_is_wrong(call_2024):
    impatto = call_2024.grid.criteria[2]  # max 25, step 1
    assert scoring.validate_score(impatto, Decimal("25")) is None
    assert scoring.validate_score(impatto, Decimal("0")) is None
    over = scoring.validate_score(impatto, Decimal("26"))
    assert "0–25" in over.it and "0–25" in over.en
    assert scoring.validate_score(impatto, Decimal("-1")) is not None
    half = scoring.validate_score(impatto, Decimal("7.5"))
    assert "passo 1" in half.it and "step 1" in half.en
    fine = dataclasses.replace(impatto, step=Decimal("0.5"))
    assert scoring.validate_score(fine, Decimal("7.5")) is None
    assert "multiplo" in scoring.validate_score(fine, Decimal("7.25"))
    cents = dataclasses.replace(impatto, step=Decimal("0.01"))
    assert "due decimali" in scoring.validate_score(cents, Decimal("7.255")).it
    assert scoring.validate_score(impatto, 7.0) is not None  # floats refused


def test_criteria_not_in_the_total_are_shown_apart(call_2024):
    extra = Criterion(
        id="bonus",
        name="Innovatività (fuori totale)",
        max=Decimal(10),
        step=Decimal(1),
        weight=Decimal(1),
        in_total=False,
        objectives=(),
        description="-",
    )
    grid = dataclasses.replace(call_2024.grid, criteria=(*call_2024.grid.criteria, extra))
    scores = dict(zip([*IDS, "bonus"], map(Decimal, (18, 17, 22, 18, 13, 9)), strict=True))
    assert scoring.sheet_total(grid, scores) == Decimal(88)
    assert scoring.sheet_extras(grid, scores) == {"bonus": Decimal(9)}
    # Left unscored on a sheet, it does not stop the sheet from counting.
    rows = [("A", e, (*scoring.sheet_hundredths(grid, scores)[:5], None)) for e in "XYZ"]
    result = scoring.aggregate(grid, call_2024.evaluation, rows)["A"]
    assert result.count == 3 and result.score == Decimal("88.00")
    assert result.criteria["bonus"].count == 0 and result.criteria["bonus"].mean is None


weights = st.sampled_from(
    [Decimal("0"), Decimal("0.5"), Decimal("1"), Decimal("1.5"), Decimal("2"), Decimal("0.25")]
)


@st.composite
def grids_and_sheets(draw):
    size = draw(st.integers(1, 6))
    criteria = []
    for i in range(size):
        maximum = draw(st.integers(1, 30))
        criteria.append(
            Criterion(
                id=f"c{i}",
                name=f"C{i}",
                max=Decimal(maximum),
                step=Decimal("0.5"),
                weight=draw(weights),
                in_total=draw(st.booleans()) or i == 0,
                objectives=(),
                description="-",
            )
        )
    grid = Grid("g", True, "-", Decimal(0), 3, tuple(criteria))
    count = draw(st.integers(1, 5))
    sheets = [
        {c.id: Decimal(draw(st.integers(0, int(c.max) * 2))) / 2 for c in criteria}
        for _ in range(count)
    ]
    return grid, sheets


@settings(max_examples=200)
@given(grids_and_sheets(), st.sampled_from(["mean", "median"]))
def test_totals_are_the_weighted_sum_and_the_score_its_mean_or_median(call_2024, case, how):
    grid, sheets = case
    evaluation = dataclasses.replace(call_2024.evaluation, aggregation=how)
    rows = [("A", i, scoring.sheet_hundredths(grid, s)) for i, s in enumerate(sheets)]
    result = scoring.aggregate(grid, evaluation, rows)["A"]
    expected = [
        sum((c.weight * s[c.id] for c in grid.criteria if c.in_total), Decimal(0)) for s in sheets
    ]
    assert [scoring.sheet_total(grid, s) for s in sheets] == expected
    unit = scoring._scale(grid).units_per_point
    exact = [Fraction(t, unit) for t in result.totals_units]
    assert exact == [Fraction(t) for t in expected]
    aggregate = statistics.mean if how == "mean" else statistics.median
    exact_score = Fraction(aggregate([Fraction(t) for t in expected]))
    assert result.exact_score == exact_score
    # Shown with two decimals, halves up, decided exactly.
    assert result.score == Decimal(math.floor(exact_score * 100 + Fraction(1, 2))) / 100


# --------------------------------------------------------------------------- properties of the ranking


@st.composite
def sessions(draw):
    size = draw(st.integers(0, 25))
    candidates, sheets = [], []
    for i in range(size):
        code = f"CC-{i:03d}"
        candidates.append(
            Candidate(
                code=code,
                eligibility=draw(st.sampled_from(["pass", "pass", "pass", "fail", "check"])),
                grant_cents=draw(st.integers(0, 50_000_00)),
                submitted_on=dt.date(2025, 1, draw(st.integers(1, 3))),
                submitted_time=draw(st.sampled_from([None, dt.time(9), dt.time(10)])),
                district=draw(st.integers(1, 9)),
                objectives=tuple(sorted(draw(st.sets(st.integers(1, 5), max_size=3)))),
            )
        )
        for evaluator in draw(st.sets(st.sampled_from("ABCDE"), min_size=2, max_size=4)):
            # Few distinct values, so that ties are common.
            level = draw(st.sampled_from([12, 14, 16]))
            sheets.append(sheet(code, evaluator, level, level, level + 4, level, level - 2))
    return candidates, sheets


@settings(max_examples=150)
@given(sessions(), st.integers(0, 400_000_00), st.randoms(use_true_random=False))
def test_the_order_is_total_and_does_not_depend_on_input_order(call_2024, session, budget, rnd):
    candidates, sheets = session
    first = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sheets)
    shuffled_candidates, shuffled_sheets = list(candidates), list(sheets)
    rnd.shuffle(shuffled_candidates)
    rnd.shuffle(shuffled_sheets)
    again = scoring.rank(call_2024.grid, call_2024.evaluation, shuffled_candidates, shuffled_sheets)
    assert codes(first.entries) == codes(again.entries)
    assert first.funding_line(budget) == again.funding_line(budget)

    # Strictly ordered by (score, impatto mean, submission, code): ties are broken
    # by the tie breakers and, last, by the code.
    def key(entry):
        impatto = [h[2] for h in entry.scores.sheets]
        return (
            -entry.scores.exact_score,
            -Fraction(sum(impatto), len(impatto)),
            entry.candidate.submitted_on,
            entry.candidate.submitted_time or dt.time.max,
            entry.code,
        )

    keys = [key(entry) for entry in first.ranked]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


@settings(max_examples=200)
@given(sessions(), st.integers(-10, 600_000_00))
def test_the_funding_line_is_a_prefix_within_the_budget(call_2024, session, budget):
    candidates, sheets = session
    ranking = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sheets)
    line = ranking.funding_line(budget)
    funded = [e for e in ranking.entries if ranking.status(e, line) == FUNDABLE]
    assert funded == ranking.ranked[: line.funded_count]
    assert sum(e.candidate.grant_cents for e in funded) == line.funded_total_cents
    assert line.funded_total_cents <= max(0, budget)
    assert line.left_cents == max(0, budget) - line.funded_total_cents
    if line.funded_count < len(ranking.ranked):  # the next one really did not fit
        assert ranking.ranked[line.funded_count].candidate.grant_cents > line.left_cents
    # The walk the line stands for, done the slow way.
    left, walked = max(0, budget), 0
    for entry in ranking.ranked:
        if entry.candidate.grant_cents > left:
            break
        left -= entry.candidate.grant_cents
        walked += 1
    assert walked == line.funded_count
    by_district = ranking.funded_by_district(line)
    assert sum(g.grant_cents for g in by_district) == line.funded_total_cents
    assert sum(g.count for g in by_district) == line.funded_count


@settings(max_examples=100)
@given(st.lists(st.tuples(*[st.integers(0, 20)] * 5), min_size=5, max_size=30))
def test_normalisation_preserves_the_order_of_a_single_evaluator(call_2024, points):
    candidates = [candidate(f"A{i:02d}", 1000, expected_evaluators=1) for i in range(len(points))]
    sheets = [sheet(f"A{i:02d}", "solo", *p) for i, p in enumerate(points)]
    grid = dataclasses.replace(call_2024.grid, minimum_total=Decimal(0))
    ranking = scoring.rank(grid, call_2024.evaluation, candidates, sheets, normalised=True)
    normalisation = ranking.normalisation
    assert normalisation.moved == []
    assert normalisation.order == codes(ranking.ranked)
    for entry in ranking.ranked:
        assert normalisation.scores[entry.code] == entry.scores.score


def test_normalisation_evens_out_a_harsh_evaluator_and_shows_where_the_order_moves(call_2024):
    """Two evaluators score disjoint halves: the harsh one's best application should
    come level with the lenient one's best once both are put on the same scale."""
    lenient = [sheet(f"L{i}", "lenient", 16 + i % 4, 16, 20 + i % 5, 16, 12) for i in range(6)]
    harsh = [sheet(f"H{i}", "harsh", 10 + i % 4, 10, 14 + i % 5, 10, 6) for i in range(6)]
    candidates = [candidate(code, 1000, expected_evaluators=1) for code, _e, _s in lenient + harsh]
    grid = dataclasses.replace(call_2024.grid, minimum_total=Decimal(0))
    ranking = scoring.rank(grid, call_2024.evaluation, candidates, lenient + harsh, normalised=True)
    assert all(code.startswith("L") for code in codes(ranking.ranked)[:6])
    normalisation = ranking.normalisation
    assert normalisation.moved, "the harsh evaluator's applications climb"
    assert all(m.normalised_position != m.position for m in normalisation.moved)
    assert {e.evaluator: e.normalised for e in normalisation.evaluators} == {
        "harsh": True,
        "lenient": True,
    }
    assert normalisation.scores["H3"] == normalisation.scores["L3"]


def test_evaluators_with_too_few_sheets_keep_their_raw_totals(call_2024):
    rows = [sheet(f"A{i}", "few", 10 + i, 10, 10, 10, 10) for i in range(3)]
    candidates = [candidate(f"A{i}", 1, expected_evaluators=1) for i in range(3)]
    grid = dataclasses.replace(call_2024.grid, minimum_total=Decimal(0))
    ranking = scoring.rank(grid, call_2024.evaluation, candidates, rows, normalised=True)
    [scale] = ranking.normalisation.evaluators
    assert scale.sheets == 3 and not scale.normalised
    assert ranking.normalisation.scores == {e.code: e.scores.score for e in ranking.ranked}


def test_ranking_100_applications_takes_the_input_as_the_query_gives_it(call_2024):
    """Sheets not grouped by application (another order than the query's) still give
    one set of scores per application."""
    rng = random.Random(4)
    rows = [sheet(f"A{i:03d}", e, *[rng.randint(10, 15)] * 5) for e in "XYZ" for i in range(100)]
    candidates = [candidate(f"A{i:03d}", 1) for i in range(100)]
    grouped = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, sorted(rows))
    scattered = scoring.rank(call_2024.grid, call_2024.evaluation, candidates, rows)
    assert all(s.count == 3 for s in scattered.scores.values())
    assert codes(grouped.entries) == codes(scattered.entries)


def test_format_score_is_italian():
    assert scoring.format_score(Decimal("73.333")) == "73,33"
    assert scoring.format_score(Decimal("59.665")) == "59,67"
    assert scoring.format_score(Fraction(263, 3)) == "87,67"
    assert scoring.format_score(None) == ""


@pytest.mark.parametrize("value", [Decimal("7.555"), Decimal("0.001")])
def test_more_than_two_decimals_are_not_hundredths(value):
    with pytest.raises(ValueError):
        scoring.to_hundredths(value)


def test_a_tie_breaker_outside_the_total_compares_exact_means(call_2024):
    """X's bonus scores 10, 10, 9 (mean 9,67, one sheet left it blank) beat Y's 10, 10,
    9, 9 (mean 9,5), though both have four sheets with the same totals."""
    bonus = Criterion("bonus", "Bonus", Decimal(10), Decimal(1), Decimal(1), False, (), "-")
    grid = dataclasses.replace(call_2024.grid, criteria=(*call_2024.grid.criteria, bonus))
    evaluation = dataclasses.replace(call_2024.evaluation, tie_breakers=("bonus", "submission"))
    rows = []
    for code, bonuses in (("X", (10, 10, 9, None)), ("Y", (10, 10, 9, 9))):
        for evaluator, extra in zip("ABCD", bonuses, strict=True):
            points = tuple(p * 100 for p in (16, 16, 20, 16, 12))
            rows.append((code, evaluator, (*points, None if extra is None else extra * 100)))
    candidates = [
        candidate("Y", 1, day=1, expected_evaluators=4),  # Y submitted first
        candidate("X", 1, day=2, expected_evaluators=4),
    ]
    ranking = scoring.rank(grid, evaluation, candidates, rows)
    assert codes(ranking.ranked) == ["X", "Y"]
