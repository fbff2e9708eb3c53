"""The evaluation windows: the evaluator's score sheet, the committee's assignment
matrix and conflicts, the ranking with its funding line, and the kit-return
conflict dialog. `window_actions.install_evaluation(window)` adds them to the
main window's menus.

Small helpers every view here shares live in this module: how a score is written
(Italian decimals), and how an expected problem becomes one line of text."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db.engine import DatabaseProblem

# The database did not answer (as in main_window, which this package must not import
# at load time: main_window imports window_actions).
DATABASE_PROBLEMS = (OperationalError, InterfaceError, PoolTimeout, DatabaseProblem)


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


def problem_text(error: BaseException) -> str:
    """The message of an expected problem, in the interface's language when the
    service gave both (its `.it` and `.en`), without a Python class name."""
    italian = QLocale().language() == QLocale.Language.Italian
    halves = (getattr(error, "it", None), getattr(error, "en", None))
    if all(isinstance(half, str) and half for half in halves):
        return halves[0] if italian else halves[1]
    text = str(error).strip()
    if isinstance(error, KeyError) and text.startswith(("'", '"')) and len(text) > 1:
        text = text[1:-1]  # KeyError quotes its message
    return text or type(error).__name__
