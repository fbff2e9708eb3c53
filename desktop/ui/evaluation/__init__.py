"""The evaluation windows: the evaluator's score sheet, the committee's assignment
matrix and conflicts, the ranking with its funding line, and the kit-return
conflict dialog. `window_actions.install_evaluation(window)` adds them to the
main window's menus.

Small helpers every view here shares live in this module: the interface's language,
and how an expected problem becomes one line of text. Scores are written and read
by desktop.domain.formatting (score, parse_score)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db.engine import DatabaseProblem

# The database did not answer (as in main_window, which this package must not import
# at load time: main_window imports window_actions).
DATABASE_PROBLEMS = (OperationalError, InterfaceError, PoolTimeout, DatabaseProblem)


def interface_language() -> str:
    """ "it" when the interface is Italian (the application sets QLocale's default to
    its language, with the translation tr() uses), else "en": the language of the
    domain's labels shown beside tr() texts."""
    return "it" if QLocale().language() == QLocale.Language.Italian else "en"


def problem_text(error: BaseException) -> str:
    """The message of an expected problem, in the interface's language when the
    service gave both (its `.it` and `.en`), without a Python class name."""
    italian = interface_language() == "it"
    halves = (getattr(error, "it", None), getattr(error, "en", None))
    if all(isinstance(half, str) and half for half in halves):
        return halves[0] if italian else halves[1]
    text = str(error).strip()
    if isinstance(error, KeyError) and text.startswith(("'", '"')) and len(text) > 1:
        text = text[1:-1]  # KeyError quotes its message
    return text or type(error).__name__
