"""The one kind of expected problem.

A `Problem` is something a user can understand and act on: a file that cannot be
read, a rule that refuses an override, a database that is busy. It carries the
message in Italian and in English, each saying what is wrong and what to do.
Services raise subclasses of it and nothing else counts as "expected": any other
exception is a bug, and reaches the crash dialog and the log with its traceback.

`temporary` says that trying again may help (a busy or unreachable database, a
server that does not answer): the window offers *Riprova*.

Plain Python: every layer (domain, db, services, the UI, the command line) may
import it.
"""

from __future__ import annotations


class Problem(Exception):
    """An expected problem: `it` and `en` each say what is wrong and what to do.

    ``str()`` is "italiano / english" (logs keep both); show one language with
    `text(language)`. `details` is technical context for the log or a tooltip,
    never shown as the message."""

    temporary = False

    def __init__(self, it: str, en: str | None = None, *, details: str = ""):
        # Both halves in args, so the problem survives pickling (worker processes).
        en = it if en is None else en
        super().__init__(it, en)
        self.it = it
        self.en = en
        self.details = details

    def text(self, language: str = "it") -> str:
        return self.en if language == "en" else self.it

    def __str__(self) -> str:
        return self.it if self.it == self.en else f"{self.it} / {self.en}"

    def __reduce__(self):
        return (_rebuild, (type(self), self.it, self.en, self.details, self.__dict__))


def _rebuild(kind, it, en, details, state):
    problem = kind.__new__(kind)
    Exception.__init__(problem, it, en)
    problem.__dict__.update(state)
    problem.it, problem.en, problem.details = it, en, details
    return problem


class TemporaryProblem(Problem):
    """Trying again later may help: a busy database, a server that does not answer."""

    temporary = True
