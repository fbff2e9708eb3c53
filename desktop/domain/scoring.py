"""Scores → totals → the ranking (graduatoria) and its funding line, in plain Python.

Scores are exact: a score is kept in integer hundredths (7,5 is 750) and a sheet's
total in integer *units* of 1 / (100 × W) points, W being the power of ten that makes
every weight of the grid a whole number. Application scores (a mean or a median of
totals) are compared as integers scaled by a common multiple of the divisors, so the
ranking never depends on rounding; Decimal appears only where a value is shown.

Statuses of an application in a session's ranking:

- ``finanziabile``: ranked and within the budget;
- ``idoneo_non_finanziato``: ranked, at or after the funding line;
- ``non_idoneo``: complete scores below the grid's minimum total;
- ``non_ammissibile``: failed the formal check;
- ``da_verificare``: formal check still open (listed, not ranked);
- ``valutazione_incompleta``: not every expected evaluator has submitted (listed,
  not ranked).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import operator
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import NamedTuple

from desktop.domain import formatting, vocabulary
from desktop.domain.calls import Criterion, Evaluation, Grid

FUNDABLE = "finanziabile"
NOT_FUNDED = "idoneo_non_finanziato"
BELOW_MINIMUM = "non_idoneo"
INADMISSIBLE = "non_ammissibile"
TO_CHECK = "da_verificare"
INCOMPLETE = "valutazione_incompleta"

# The statuses in words (desktop.domain.vocabulary's), named here for the command line.
STATUS_LABELS = vocabulary.RANKING_STATUSES
STATUSES = tuple(STATUS_LABELS)

_HUNDREDTH = Decimal("0.01")
# Normalisation takes square roots: a fixed context keeps results identical everywhere.
_CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)
# Cumulative grant after an application whose grant is unknown: no budget reaches it.
_UNREACHABLE = 10**30


# --------------------------------------------------------------------------- scores


class ScoreProblem(str):
    """A score that cannot be accepted: ``str()`` is "italiano / english"; the two
    halves are ``.it`` and ``.en``."""

    it: str
    en: str

    def __new__(cls, it: str, en: str) -> ScoreProblem:
        problem = super().__new__(cls, f"{it} / {en}")
        problem.it, problem.en = it, en
        return problem


def format_score(value: Decimal | Fraction | int | None) -> str:
    """``73,33`` (two decimals, half up, Italian comma); empty for no score. The
    ranking's way of writing formatting.score, kept for the command line and exports."""
    return formatting.score(value, 2)


def _plain(value: Decimal) -> str:
    """A grid figure as written: 20, 0,5 (no trailing zeros)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def to_hundredths(value: Decimal | int) -> int:
    """A score as integer hundredths (``Decimal("7.5")`` → 750); more than two
    decimals raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"a score is a Decimal, got {type(value).__name__}")
    numerator, denominator = (value * 100).as_integer_ratio()
    if denominator != 1:
        raise ValueError(f"score {value} has more than two decimals")
    return numerator


def from_hundredths(hundredths: int) -> Decimal:
    """Integer hundredths back to a Decimal score with two decimals."""
    return Decimal(hundredths).scaleb(-2)


def validate_score(criterion: Criterion, value: Decimal) -> ScoreProblem | None:
    """None when ``value`` is a valid score for the criterion; else what is wrong
    (outside 0..max, not a multiple of the step, more than two decimals)."""
    name = criterion.name
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return ScoreProblem(
            f"«{name}»: il punteggio deve essere un numero, come 7 o 7,5",
            f"“{name}”: the score must be a number, like 7 or 7.5",
        )
    value = Decimal(value)
    if not value.is_finite():
        return ScoreProblem(
            f"«{name}»: punteggio non valido", f"“{name}”: the score is not a number"
        )
    top = _plain(criterion.max)
    if value < 0 or value > criterion.max:
        return ScoreProblem(
            f"«{name}»: {_plain(value)} è fuori dall'intervallo 0–{top}: scrivere un punteggio da 0 a {top}",
            f"“{name}”: {value.normalize():f} is outside 0–{criterion.max.normalize():f}: "
            f"enter a score from 0 to {criterion.max.normalize():f}",
        )
    if value != value.quantize(_HUNDREDTH):
        return ScoreProblem(f"«{name}»: al massimo due decimali", f"“{name}”: at most two decimals")
    if value % criterion.step != 0:
        step = _plain(criterion.step)
        return ScoreProblem(
            f"«{name}»: {_plain(value)} non è un multiplo del passo {step}: usare valori come 0, {step}, …",
            f"“{name}”: {value.normalize():f} is not a multiple of the step "
            f"{criterion.step.normalize():f}",
        )
    return None


def sheet_total(grid: Grid, scores: Mapping[str, Decimal]) -> Decimal:
    """Σ weight × score over the criteria that count in the total. A criterion with no
    score yet adds nothing (a draft's running total); ids not in the grid are ignored."""
    total = Decimal(0)
    for criterion in grid.criteria:
        if criterion.in_total and scores.get(criterion.id) is not None:
            total += criterion.weight * Decimal(scores[criterion.id])
    return total


def sheet_extras(grid: Grid, scores: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The scores of the criteria that do not count in the total, shown apart."""
    return {
        c.id: Decimal(scores[c.id])
        for c in grid.criteria
        if not c.in_total and scores.get(c.id) is not None
    }


def grid_maximum(grid: Grid) -> Decimal:
    """The highest total a sheet can reach."""
    return sum((c.max * c.weight for c in grid.criteria if c.in_total), Decimal(0))


@dataclass(frozen=True)
class _Scale:
    """The grid turned into integers for the hot loop."""

    ids: tuple[str, ...]
    index: dict[str, int]
    weights: tuple[int, ...]  # per criterion, × W; 0 for criteria not in the total
    in_total: tuple[int, ...]  # indexes of the criteria in the total
    units_per_point: int  # 100 × W
    shift: int  # units_per_point = 10 ** -shift

    def points(self, units: int | Fraction) -> Decimal:
        """Units as a Decimal score with two decimals (half up)."""
        if isinstance(units, Fraction):
            value = _CONTEXT.divide(
                Decimal(units.numerator), Decimal(units.denominator * self.units_per_point)
            )
        else:  # units_per_point is a power of ten: an exact shift
            value = Decimal(units).scaleb(self.shift)
        return value.quantize(_HUNDREDTH, ROUND_HALF_UP)


@functools.lru_cache(maxsize=32)
def _scale(grid: Grid) -> _Scale:
    decimals = max((max(0, -c.weight.as_tuple().exponent) for c in grid.criteria), default=0)
    factor = 10**decimals
    weights = []
    for c in grid.criteria:
        numerator, denominator = (c.weight * factor).as_integer_ratio()
        assert denominator == 1, "weight scaled to an integer"
        weights.append(numerator if c.in_total else 0)
    return _Scale(
        ids=tuple(c.id for c in grid.criteria),
        index={c.id: i for i, c in enumerate(grid.criteria)},
        weights=tuple(weights),
        in_total=tuple(i for i, c in enumerate(grid.criteria) if c.in_total),
        units_per_point=100 * factor,
        shift=-(2 + decimals),
    )


def sheet_hundredths(grid: Grid, scores: Mapping[str, Decimal | int | None]) -> tuple:
    """A sheet's scores (criterion id → Decimal score) as the tuple of hundredths in the
    grid's order that :func:`rank` takes; a missing score is None."""
    return tuple(
        None if scores.get(c.id) is None else to_hundredths(scores[c.id]) for c in grid.criteria
    )


# --------------------------------------------------------------------------- per application


@dataclass(frozen=True, slots=True)
class CriterionStats:
    """One criterion across an application's sheets (None when nobody scored it)."""

    criterion: str
    in_total: bool
    count: int
    mean: Decimal | None
    median: Decimal | None
    min: Decimal | None
    max: Decimal | None
    spread: Decimal | None


@dataclass(frozen=True, slots=True)
class EvaluatorTotal:
    evaluator: Hashable
    total: Decimal


def _median2(values: list[int]) -> int:
    """Twice the median of integers (an integer even when the count is even)."""
    ordered = sorted(values)
    middle, odd = divmod(len(ordered), 2)
    return 2 * ordered[middle] if odd else ordered[middle - 1] + ordered[middle]


class ApplicationScores:
    """The counted sheets of one application: evaluators' totals, the application's
    score (mean or median of the totals), per-criterion statistics. Built in the hot
    loop with integers; the Decimal views are computed when asked for.

    ``rows`` are the sheets as given, ``(code, evaluator, hundredths)``;
    ``totals_units`` their totals, in units of 1 / ``units_per_point`` points."""

    __slots__ = ("_aggregation", "_scale", "code", "expected", "rows", "totals_units")

    def __init__(self, code, expected, scale, aggregation, rows, totals_units):
        self.code = code
        self.expected = expected
        self.rows = rows
        self.totals_units = totals_units
        self._scale = scale
        self._aggregation = aggregation

    @property
    def evaluators(self) -> list:
        return [row[1] for row in self.rows]

    @property
    def sheets(self) -> list[tuple]:
        """Each sheet's hundredths per criterion, in the grid's order."""
        return [row[2] for row in self.rows]

    @property
    def count(self) -> int:
        """Sheets counted (submitted, finished, not excluded)."""
        return len(self.totals_units)

    @property
    def complete(self) -> bool:
        """Every expected evaluator has submitted."""
        return 0 < self.count >= self.expected

    @property
    def exact_score(self) -> Fraction | None:
        """The application's score in points, exact."""
        totals = self.totals_units
        if not totals:
            return None
        if self._aggregation == "median":
            value = Fraction(_median2(totals), 2)
        else:
            value = Fraction(sum(totals), len(totals))
        return value / self._scale.units_per_point

    @property
    def score(self) -> Decimal | None:
        """The application's score, two decimals (half up)."""
        totals = self.totals_units
        if not totals:
            return None
        if self._aggregation == "median":
            numerator, denominator = _median2(totals), 2
        else:
            numerator, denominator = sum(totals), len(totals)
        # 34 digits decide the rounding: a quotient that does not end within them is
        # never exactly halfway between two hundredths.
        value = _CONTEXT.divide(
            Decimal(numerator), Decimal(denominator * self._scale.units_per_point)
        )
        return value.quantize(_HUNDREDTH, ROUND_HALF_UP)

    @property
    def totals(self) -> tuple[EvaluatorTotal, ...]:
        points = self._scale.points
        return tuple(
            EvaluatorTotal(row[1], points(t))
            for row, t in zip(self.rows, self.totals_units, strict=True)
        )

    @property
    def spread_units(self) -> int:
        totals = self.totals_units
        return max(totals) - min(totals) if len(totals) > 1 else 0

    @property
    def spread(self) -> Decimal | None:
        """Max − min of the evaluators' totals (None with fewer than two sheets)."""
        if len(self.totals_units) < 2:
            return None
        return self._scale.points(self.spread_units)

    @property
    def criteria(self) -> dict[str, CriterionStats]:
        """Per criterion of the grid, in the grid's order."""
        stats = {}
        in_total = set(self._scale.in_total)
        sheets = self.sheets
        for i, criterion in enumerate(self._scale.ids):
            values = [sheet[i] for sheet in sheets if sheet[i] is not None]
            if not values:
                stats[criterion] = CriterionStats(
                    criterion, i in in_total, 0, None, None, None, None, None
                )
                continue
            low, high = min(values), max(values)
            stats[criterion] = CriterionStats(
                criterion,
                i in in_total,
                len(values),
                _hundredths_mean(values),
                (Decimal(_median2(values)) / 200).quantize(_HUNDREDTH, ROUND_HALF_UP),
                from_hundredths(low),
                from_hundredths(high),
                from_hundredths(high - low),
            )
        return stats

    def __repr__(self) -> str:
        return f"ApplicationScores({self.code!r}, sheets={self.count}/{self.expected}, score={self.score})"


def _hundredths_mean(values: list[int]) -> Decimal:
    return _CONTEXT.divide(Decimal(sum(values)), Decimal(100 * len(values))).quantize(
        _HUNDREDTH, ROUND_HALF_UP
    )


def aggregate(
    grid: Grid,
    evaluation: Evaluation,
    sheets: Iterable[tuple[str, Hashable, tuple]],
    expected: Mapping[str, int] | None = None,
) -> dict[str, ApplicationScores]:
    """Scores per application from submitted sheets ``(application code, evaluator,
    hundredths per criterion in the grid's order)``. A sheet missing the score of a
    criterion that counts in the total is not counted (it is not a finished sheet).
    ``expected``: evaluators expected per application (default: the grid's
    ``evaluators_per_application``). Sheets grouped by application (as a query ordered
    by application gives them) go fastest; any order gives the same result."""
    scale = _scale(grid)
    weights = scale.weights
    in_total = scale.in_total
    fallback = grid.evaluators_per_application
    expected_of = (expected or {}).get
    aggregation = evaluation.aggregation
    by_code: dict[str, ApplicationScores] = {}
    mul = operator.mul
    # Every criterion in the total with weight 1 (the usual grid): a plain sum.
    plain = all(w == 1 for w in weights) and len(in_total) == len(weights)
    for code, group in itertools.groupby(sheets, _first):
        rows = list(group)
        try:
            if plain:
                totals = [sum(row[2]) for row in rows]
            else:
                totals = [sum(map(mul, weights, row[2])) for row in rows]
        except TypeError:  # a missing score (None) on one of these sheets
            rows = [row for row in rows if all(row[2][i] is not None for i in in_total)]
            totals = [sum(weights[i] * row[2][i] for i in in_total) for row in rows]
        known = by_code.get(code)
        if known is not None:  # the same application again, further down the input
            known.rows.extend(rows)
            known.totals_units.extend(totals)
        elif rows:
            by_code[code] = ApplicationScores(
                code, expected_of(code, fallback), scale, aggregation, rows, totals
            )
    return by_code


_first = operator.itemgetter(0)


# --------------------------------------------------------------------------- ranking


@dataclass(frozen=True, slots=True)
class Candidate:
    """An application of the session as the ranking needs it. ``eligibility`` is the
    formal check's outcome: pass / fail / check."""

    code: str
    eligibility: str
    grant_cents: int | None
    submitted_on: dt.date | None = None
    submitted_time: dt.time | None = None
    district: int | None = None
    objectives: tuple[int, ...] = ()
    expected_evaluators: int | None = None  # None: the grid's evaluators_per_application


class RankingEntry(NamedTuple):
    """One candidate in the ranking. ``position`` is set for ranked applications (1 is
    first) and their status comes from a :class:`FundingLine`; ``standing`` is the
    status of an unranked one (None for ranked ones)."""

    candidate: Candidate
    scores: ApplicationScores | None
    position: int | None
    standing: str | None
    cumulative_grant_cents: int | None  # Σ grants from position 1 to this one

    @property
    def code(self) -> str:
        return self.candidate.code


@dataclass(frozen=True, slots=True)
class FundingLine:
    """Where the budget runs out: the first ``funded_count`` ranked applications are
    fundable, every later one is eligible but not funded."""

    budget_cents: int
    funded_count: int
    funded_total_cents: int
    left_cents: int

    def status_at(self, position: int) -> str:
        return FUNDABLE if position <= self.funded_count else NOT_FUNDED


class Disagreement(NamedTuple):
    """An application whose evaluators' totals spread beyond the call's limit."""

    scores: ApplicationScores

    @property
    def code(self) -> str:
        return self.scores.code

    @property
    def spread(self) -> Decimal:
        return self.scores.spread

    @property
    def totals(self) -> tuple[EvaluatorTotal, ...]:
        return self.scores.totals


@dataclass(frozen=True, slots=True)
class PositionMove:
    """An application whose position differs between the raw and the normalised ranking."""

    code: str
    position: int
    normalised_position: int

    @property
    def moved(self) -> int:
        """Positive: it climbs once normalised."""
        return self.position - self.normalised_position


@dataclass(frozen=True, slots=True)
class EvaluatorScale:
    """An evaluator's totals as the normalisation saw them (points)."""

    evaluator: Hashable
    sheets: int
    mean: Decimal
    sd: Decimal
    normalised: bool  # False: too few sheets, or all totals equal: raw totals kept


@dataclass
class Normalisation:
    """Per-evaluator z-scores mapped back to the scale of all totals (global mean and
    standard deviation), shown beside the raw ranking and never replacing it."""

    scores: dict[str, Decimal]  # application code → normalised score (two decimals)
    positions: dict[str, int]  # ranked application → normalised position
    moved: list[PositionMove]  # biggest moves first
    evaluators: list[EvaluatorScale]
    order: list[str]  # the ranked codes in normalised order


@dataclass(frozen=True, slots=True)
class FundedGroup:
    key: int | None  # a Municipio or an objective number (None: no Municipio)
    count: int
    grant_cents: int


class Ranking:
    """A session's ranking, sorted once. :meth:`funding_line` places the line for any
    budget by bisection over the cumulative grants, so a what-if budget costs
    O(log n) and never re-sorts.

    The line is **strict**: applications are funded in graduatoria order until the
    first one whose grant does not fit in what is left; that one and every one after
    it are "idoneo non finanziato", even if a smaller grant further down would still
    fit. The graduatoria order is never skipped, so the funded applications are always
    a prefix of the ranking and their total never exceeds the budget. An application
    with no known grant stops the line too (an unknown amount cannot be said to fit)."""

    def __init__(
        self,
        ranked: list[RankingEntry],
        unranked: list[RankingEntry],
        scores: dict[str, ApplicationScores],  # every application given sheets
        disagreements: list[Disagreement],
        normalisation: Normalisation | None,
        cumulative: list[int],
    ):
        self.ranked = ranked
        self.unranked = unranked
        self.scores = scores
        self.disagreements = disagreements
        self.normalisation = normalisation
        self._cumulative = cumulative
        self._groups = None

    @property
    def entries(self) -> list[RankingEntry]:
        """Ranked ones in position order, then the unranked ones."""
        return self.ranked + self.unranked

    def funding_line(self, budget_cents: int) -> FundingLine:
        # Grants are ≥ 0, so cumulative totals never decrease: the fundable prefix ends
        # at the last cumulative total within the budget.
        budget_cents = max(0, budget_cents)
        funded = bisect.bisect_right(self._cumulative, budget_cents)
        total = self._cumulative[funded - 1] if funded else 0
        return FundingLine(budget_cents, funded, total, budget_cents - total)

    def status(self, entry: RankingEntry, line: FundingLine) -> str:
        return entry.standing if entry.position is None else line.status_at(entry.position)

    def funded(self, line: FundingLine) -> list[RankingEntry]:
        return self.ranked[: line.funded_count]

    def funded_by_district(self, line: FundingLine) -> list[FundedGroup]:
        """Fundable applications per Municipio (no Municipio last)."""
        groups = self._group_index()[0]
        ordered = sorted(groups, key=lambda key: (key is None, key or 0))
        return [g for g in (self._funded_group(key, groups[key], line) for key in ordered) if g]

    def funded_by_objective(self, line: FundingLine) -> list[FundedGroup]:
        """Fundable applications per objective: an application with several objectives
        counts in each, so these rows do not add up to the funded total."""
        groups = self._group_index()[1]
        return [
            g for g in (self._funded_group(key, groups[key], line) for key in sorted(groups)) if g
        ]

    @staticmethod
    def _funded_group(key, group, line: FundingLine) -> FundedGroup | None:
        positions, grants = group
        count = bisect.bisect_right(positions, line.funded_count)
        return FundedGroup(key, count, grants[count - 1]) if count else None

    def _group_index(self):
        """Per Municipio and per objective: the positions of its ranked applications and
        their cumulative grants, so the funded summaries of any budget are bisections
        too. Built on first use (60–100 ms at 100,000 applications, the same with the
        cyclic collector paused or not: nothing to pause here)."""
        if self._groups is None:
            districts: dict[int | None, tuple[list[int], list[int]]] = {}
            objectives: dict[int, tuple[list[int], list[int]]] = {}
            for position, entry in enumerate(self.ranked, start=1):
                candidate = entry.candidate
                grant = candidate.grant_cents or 0  # unknown grant: never funded anyway
                group = districts.get(candidate.district)
                if group is None:
                    group = districts[candidate.district] = ([], [])
                group[0].append(position)
                group[1].append(grant)
                for number in candidate.objectives:
                    group = objectives.get(number)
                    if group is None:
                        group = objectives[number] = ([], [])
                    group[0].append(position)
                    group[1].append(grant)
            self._groups = tuple(
                {
                    key: (positions, list(itertools.accumulate(grants)))
                    for key, (positions, grants) in groups.items()
                }
                for groups in (districts, objectives)
            )
        return self._groups


def rank(
    grid: Grid,
    evaluation: Evaluation,
    candidates: Iterable[Candidate],
    sheets: Iterable[tuple[str, Hashable, tuple]],
    *,
    normalised: bool = False,
) -> Ranking:
    """The ranking of ``candidates`` from submitted ``sheets`` ``(application code,
    evaluator, hundredths per criterion in the grid's order)``.

    ``sheets`` may cover applications that are not candidates (other sessions): they
    do not enter this ranking but do count in each evaluator's normalisation.

    Ranked: eligibility "pass", complete scores, score ≥ the grid's minimum total, in
    score order; ties broken by ``evaluation.tie_breakers`` (a criterion's mean score,
    higher first; "submission", earlier first), then by code, so the order is total and
    the same for the same input."""
    return _rank(grid, evaluation, list(candidates), sheets, normalised)


def _rank(grid, evaluation, candidates, sheets, normalised) -> Ranking:
    by_code = aggregate(grid, evaluation, sheets)
    scale = _scale(grid)
    median = evaluation.aggregation == "median"

    # Spreads are integers: above the limit means above its integer part.
    limit_units = math.floor(Fraction(evaluation.disagreement_limit) * scale.units_per_point)
    eligible: list[tuple[Candidate, ApplicationScores]] = []
    inadmissible, to_check, incomplete, flagged = [], [], [], []
    counts = set()
    scores_of = by_code.get
    for candidate in candidates:
        scores = scores_of(candidate.code)
        if scores is not None:
            if candidate.expected_evaluators is not None:
                scores.expected = candidate.expected_evaluators
            totals = scores.totals_units
            count = len(totals)
            if count > 1:
                spread = max(totals) - min(totals)
                if spread > limit_units:
                    flagged.append((-spread, scores.code, scores))
        eligibility = candidate.eligibility
        if eligibility == "pass":
            if scores is not None and count >= scores.expected:
                eligible.append((candidate, scores))
                counts.add(count)
            else:
                incomplete.append((candidate, scores))
        elif eligibility == "fail":
            inadmissible.append((candidate, scores))
        else:
            to_check.append((candidate, scores))

    # One integer scale for every score and criterion mean: `common` is a multiple of
    # each divisor (sheet counts, and 2 for the median of an even count).
    common = 2
    for count in counts:
        common = math.lcm(common, count)
    threshold = math.ceil(Fraction(grid.minimum_total) * scale.units_per_point * common)
    half = common // 2

    breakers = [
        _submission_key if breaker == "submission" else _criterion_key(scale, breaker, common)
        for breaker in evaluation.tie_breakers
        if breaker == "submission" or breaker in scale.index
    ]
    keyed, below = [], []
    for candidate, scores in eligible:
        totals = scores.totals_units
        key = _median2(totals) * half if median else sum(totals) * (common // len(totals))
        if key < threshold:
            below.append((-key, candidate.code, candidate, scores))
        else:
            # Score (higher first), the tie breakers, the code: a total order.
            sort_key = (-key, *[breaker(candidate, scores) for breaker in breakers], candidate.code)
            keyed.append((sort_key, candidate, scores))
    keyed.sort(key=_first)

    ranked, cumulative = [], []
    running = 0
    for position, (_key, candidate, scores) in enumerate(keyed, start=1):
        grant = candidate.grant_cents
        if grant is None or running >= _UNREACHABLE:
            running = _UNREACHABLE
        else:
            running += grant
        cumulative.append(running)
        ranked.append(
            RankingEntry(
                candidate, scores, position, None, running if running < _UNREACHABLE else None
            )
        )

    below.sort(key=_first_two)
    unranked = [RankingEntry(c, s, None, BELOW_MINIMUM, None) for _k, _code, c, s in below]
    for kind, group in (
        (INCOMPLETE, incomplete),
        (TO_CHECK, to_check),
        (INADMISSIBLE, inadmissible),
    ):
        group.sort(key=lambda item: item[0].code)
        unranked.extend(RankingEntry(c, s, None, kind, None) for c, s in group)

    flagged.sort(key=_first_two)
    normalisation = _normalise(evaluation, by_code, keyed, scale) if normalised else None
    return Ranking(
        ranked,
        unranked,
        by_code,
        [Disagreement(s) for _spread, _code, s in flagged],
        normalisation,
        cumulative,
    )


_first_two = operator.itemgetter(0, 1)


def _submission_key(candidate: Candidate, _scores=None) -> tuple[dt.date, dt.time]:
    """Earlier first. A missing time sorts at the end of its day, a missing date after
    every date, so a known earlier submission always wins."""
    return (candidate.submitted_on or dt.date.max, candidate.submitted_time or dt.time.max)


def _criterion_key(scale: _Scale, criterion: str, common: int):
    """The tie breaker on a criterion's mean score, higher first, as an integer (the
    mean × ``common``, a multiple of every sheet count). Nobody scored it: last."""
    index = scale.index[criterion]
    pick = operator.itemgetter(index)
    counted = index in scale.in_total  # always scored on a counted sheet

    def key(_candidate: Candidate, scores: ApplicationScores) -> int:
        rows = scores.rows
        if counted:
            return -sum(map(pick, map(_third, rows))) * (common // len(rows))
        # Not every sheet need score a criterion outside the total: an exact fraction.
        values = [row[2][index] for row in rows if row[2][index] is not None]
        return -Fraction(sum(values) * common, len(values)) if values else 1

    return key


_third = operator.itemgetter(2)


def _normalise(evaluation, by_code, keyed, scale) -> Normalisation:
    """z = (t − evaluator's mean) / evaluator's sd, mapped back as global mean + z ×
    global sd, over every sheet given (all sessions). Evaluators with fewer than
    ``normalisation_min_sheets`` sheets, or whose totals are all equal, keep their raw
    totals. In integers: norm(t) = S/N + sqrt(D / Dₑ) / N × (nₑ·t − Sₑ), with
    D = N·ΣT² − S² over all totals and Dₑ the same over the evaluator's own. Not
    clamped to the grid's range: a z-score may map slightly beyond it."""
    per_evaluator: dict[Hashable, list[int]] = {}
    for scores in by_code.values():
        for row, total in zip(scores.rows, scores.totals_units, strict=True):
            per_evaluator.setdefault(row[1], []).append(total)
    all_totals = [t for totals in per_evaluator.values() for t in totals]
    n_all = len(all_totals)
    s_all = sum(all_totals)
    d_all = n_all * sum(t * t for t in all_totals) - s_all * s_all
    unit = Decimal(scale.units_per_point)
    ctx = _CONTEXT
    mapping: dict[Hashable, tuple[Decimal, int, int] | None] = {}
    report = []
    for evaluator, totals in per_evaluator.items():
        n = len(totals)
        s = sum(totals)
        d = n * sum(t * t for t in totals) - s * s
        usable = n >= evaluation.normalisation_min_sheets and d > 0 and d_all > 0
        mapping[evaluator] = (
            (ctx.divide(ctx.sqrt(ctx.divide(Decimal(d_all), Decimal(d))), n_all), n, s)
            if usable
            else None
        )
        report.append(
            EvaluatorScale(
                evaluator,
                n,
                ctx.divide(Decimal(s), n * unit).quantize(_HUNDREDTH, ROUND_HALF_UP),
                ctx.divide(ctx.sqrt(Decimal(d)), n * unit).quantize(_HUNDREDTH, ROUND_HALF_UP),
                usable,
            )
        )
    report.sort(key=lambda r: str(r.evaluator))
    base = ctx.divide(Decimal(s_all), n_all) if n_all else Decimal(0)
    exact: dict[str, Decimal] = {}
    for code, scores in by_code.items():
        values = []
        for row, total in zip(scores.rows, scores.totals_units, strict=True):
            factor = mapping[row[1]]
            if factor is None:
                values.append(Decimal(total))
            else:
                f, n, s = factor
                values.append(ctx.add(base, ctx.multiply(f, Decimal(n * total - s))))
        if evaluation.aggregation == "median":
            values.sort()
            middle, odd = divmod(len(values), 2)
            value = values[middle] if odd else ctx.divide(values[middle - 1] + values[middle], 2)
        else:
            value = ctx.divide(sum(values, Decimal(0)), len(values))
        exact[code] = ctx.divide(value, unit)
    # The same ranked applications, by normalised score, with the same tie breakers.
    order = sorted(keyed, key=lambda item: (-exact[item[1].code], item[0][1:]))
    codes = [item[1].code for item in order]
    positions = {code: i for i, code in enumerate(codes, start=1)}
    moved = [
        PositionMove(candidate.code, raw, positions[candidate.code])
        for raw, (_key, candidate, _s) in enumerate(keyed, start=1)
        if positions[candidate.code] != raw
    ]
    moved.sort(key=lambda m: (-abs(m.moved), m.position))
    return Normalisation(
        {code: value.quantize(_HUNDREDTH, ROUND_HALF_UP) for code, value in exact.items()},
        positions,
        moved,
        report,
        codes,
    )
