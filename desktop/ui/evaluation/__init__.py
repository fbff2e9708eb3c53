"""The evaluation views: the evaluator's score sheet, the committee's assignment
matrix and conflicts, the ranking with its funding line, and the kit-return
conflict dialog. `part.install(host)` adds the Evaluation menu to the main window
(desktop/ui/parts.py); the views open as its tabs.

Small helpers every view here shares live in this module: how a score is written
(Italian decimals), and `refusals_as_problems`, which makes the services' own
refusals the one kind of expected problem."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from desktop.domain.problems import Problem


def format_score(value: Decimal | int | None, places: int | None = None) -> str:
    """A score as an Italian reads it: `12,5`, `80`, `72,33`; "" when missing.
    `places` fixes the decimals (a mean); otherwise trailing zeros go."""
    if value is None:
        return ""
    value = Decimal(value)
    if places is not None:
        text = f"{value.quantize(Decimal(1).scaleb(-places)):f}"
    else:
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_score(text: str) -> Decimal | None:
    """`12,5` or `12.5` → Decimal; None for an empty or unreadable text."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if text.count(",") + text.count(".") > 1:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except ArithmeticError:
        return None
    return value if value.is_finite() else None


def _refusals() -> tuple[type[Exception], ...]:
    # Imported when a work fails, on the worker: none of these is needed to start.
    from desktop.exporting_ranking import ExportProblem
    from desktop.importing.readers import UnusableFile
    from desktop.kits import KitProblem
    from desktop.services.committee import CommitteeProblem
    from desktop.services.ranking import DecisionRefused
    from desktop.services.sheets import SheetProblem

    return (
        SheetProblem,
        CommitteeProblem,
        DecisionRefused,
        KitProblem,
        UnusableFile,
        ExportProblem,
    )


def as_problem_of_service(error: Exception) -> Problem | None:
    """A service's refusal as a `Problem` (keeping the class: a stale sheet stays
    recognisable through `__cause__`); None for anything else."""
    if isinstance(error, Problem):
        return error
    if not isinstance(error, _refusals()):
        return None
    it, en = getattr(error, "it", None), getattr(error, "en", None)
    if not (isinstance(it, str) and isinstance(en, str)):
        # "italiano / english" in one message (DecisionRefused, ExportProblem).
        text = str(error)
        it, _, en = text.partition(" / ")
        en = en or it
    problem = Problem(it, en)
    problem.__cause__ = error
    return problem


def refusals_as_problems(work: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wraps an operation's work: the services' refusals (SheetProblem,
    CommitteeProblem, DecisionRefused, KitProblem, UnusableFile, ExportProblem)
    reach the presenter as a `Problem`; anything else stays what it is (a bug).

    Until those classes derive from `Problem` themselves (issue 9); then this is a
    no-op and can go."""

    @functools.wraps(work)
    def wrapped(task):
        try:
            return work(task)
        except Problem:
            raise
        except Exception as error:
            problem = as_problem_of_service(error)
            if problem is None:
                raise
            raise problem from error

    return wrapped


def caused_by(problem: Problem, kind: type[BaseException]) -> bool:
    """Whether `problem` is, or was made from, an exception of `kind`."""
    return isinstance(problem, kind) or isinstance(problem.__cause__, kind)
