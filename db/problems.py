"""Database errors as problems a user can act on.

`as_problem(error)` turns the driver errors a user can wait out (a busy or locked
database, a server that does not answer) into a `TemporaryProblem`; anything else
is not expected and stays what it is. Decided on the drivers' error codes, never
on message text.
"""

from __future__ import annotations

from desktop.domain.problems import Problem, TemporaryProblem


class DatabaseProblem(Problem):
    """The database cannot be used (a newer schema, a foreign file, a wrong path)."""


class DatabaseBusy(TemporaryProblem):
    """Another user or program holds a lock for longer than we wait."""


class DatabaseUnreachable(TemporaryProblem):
    """The file or the server does not answer."""


# PostgreSQL states a user can wait out: serialization failure, deadlock, lock not
# available, statement cancelled (our own timeout).
_BUSY_STATES = ("40001", "40P01", "55P03", "57014")


def database_problem_kind(error: BaseException) -> str | None:
    """'busy' or 'unreachable' for the database errors a user can wait out; None otherwise."""
    from sqlalchemy.exc import DBAPIError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(error, PoolTimeout):
        return "busy"
    if not isinstance(error, DBAPIError):
        return None
    original = error.orig
    sqlite_code = getattr(original, "sqlite_errorcode", None)
    if sqlite_code is not None:
        # SQLITE_BUSY, SQLITE_LOCKED (extended codes keep the primary code in the low byte);
        # SQLITE_CANTOPEN, SQLITE_IOERR: the file went away (a network share, a USB stick).
        primary = sqlite_code & 0xFF
        if primary in (5, 6):
            return "busy"
        if primary in (10, 14):
            return "unreachable"
        return None
    sqlstate = getattr(original, "sqlstate", None) or ""
    if sqlstate in _BUSY_STATES:
        return "busy"
    if sqlstate.startswith("08") or error.connection_invalidated:
        return "unreachable"
    # psycopg raises OperationalError without a state when it cannot connect at all.
    psycopg = type(original).__module__.startswith("psycopg")
    if isinstance(error, OperationalError) and psycopg and not sqlstate:
        return "unreachable"
    return None


def as_problem(error: BaseException) -> Problem | None:
    """The problem a user should see for `error`, or None when it is not expected
    (a bug: it goes to the crash dialog and the log)."""
    if isinstance(error, Problem):
        return error
    kind = database_problem_kind(error)
    if kind == "busy":
        return DatabaseBusy(
            "Il database è occupato da un altro utente o programma: attendere qualche "
            "istante e riprovare.",
            "The database is busy with another user or program: wait a moment and retry.",
            details=_first_line(error),
        )
    if kind == "unreachable":
        return DatabaseUnreachable(
            "Il database non risponde: controllare che il file o il server siano "
            "raggiungibili, poi riprovare.",
            "The database does not answer: check that the file or the server can be "
            "reached, then retry.",
            details=_first_line(error),
        )
    return None


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
