"""Which database Commissione uses: one rule for the window and the command line.

In order, the first one given wins:

1. `--db FILE|URL` on the command line;
2. the `COMMISSIONE_DB` environment variable;
3. the database saved in the window's *Preferences*;
4. `commissione.sqlite` in the user's data folder.

A SQLite file named by `--db` or `COMMISSIONE_DB` must already exist: a mistyped
path would otherwise become a new, empty database, and the user would believe
their data lost. `--create` (or `commissione init`) makes a new one on purpose.
The file saved in the Preferences was picked in a dialog that offers to name a new
file, and the default file is the user's own: both are created when missing.
A server URL is never "missing": the server says whether the database is there.

No Qt, no SQLAlchemy at import: the command line decides before it opens anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from db.problems import DatabaseProblem

FLAG, ENVIRONMENT, PREFERENCES, DEFAULT = "flag", "environment", "preferences", "default"
VARIABLE = "COMMISSIONE_DB"


class MissingDatabase(DatabaseProblem):
    """--db or COMMISSIONE_DB names a SQLite file that does not exist."""


@dataclass(frozen=True)
class DatabaseChoice:
    """A path or URL, and where it came from (FLAG, ENVIRONMENT, PREFERENCES, DEFAULT)."""

    target: str
    source: str

    @property
    def is_url(self) -> bool:
        return "://" in self.target

    @property
    def sqlite_path(self) -> Path | None:
        return None if self.is_url else Path(self.target).expanduser()

    @property
    def must_exist(self) -> bool:
        """Only a path typed by someone (flag, variable) must exist to be opened."""
        return self.source in (FLAG, ENVIRONMENT)

    @property
    def exists(self) -> bool:
        path = self.sqlite_path
        return path is None or path.exists()


def choose_database(
    flag: str | os.PathLike | None,
    *,
    environ: Mapping[str, str] | None = None,
    saved: Callable[[], str] | None = None,
) -> DatabaseChoice:
    """The database to use. `saved` reads the Preferences (the window passes its own
    Settings; by default the Preferences file is read, only when it gets that far)."""
    if flag:
        return DatabaseChoice(os.fspath(flag), FLAG)
    environ = os.environ if environ is None else environ
    from_environment = (environ.get(VARIABLE) or "").strip()
    if from_environment:
        return DatabaseChoice(from_environment, ENVIRONMENT)
    if saved is None:
        from desktop.preferences import saved_database as saved
    preferred = (saved() or "").strip()
    if preferred:
        return DatabaseChoice(preferred, PREFERENCES)
    from desktop.paths import default_database_path

    return DatabaseChoice(str(default_database_path()), DEFAULT)


def refuse_missing(choice: DatabaseChoice, *, create: bool = False) -> None:
    """Raises MissingDatabase when `choice` names a SQLite file that must exist and
    does not (and `create` was not asked)."""
    if create or not choice.must_exist or choice.exists:
        return
    path = choice.sqlite_path
    where = "--db" if choice.source == FLAG else VARIABLE
    raise MissingDatabase(
        f"il database {path} non esiste (indicato da {where}): controllare il percorso; "
        "per crearne uno nuovo aggiungere --create, oppure usare «commissione --db FILE init».",
        f"the database {path} does not exist (given by {where}): check the path; "
        "to create a new one add --create, or run “commissione --db FILE init”.",
    )


def open_chosen(choice: DatabaseChoice, *, create: bool = False, on_wait=None):
    """Opens (and migrates) the chosen database; a missing file named by --db or
    COMMISSIONE_DB is refused unless `create`. `on_wait`: see db.engine.make_engine."""
    refuse_missing(choice, create=create)
    from db.engine import open_database

    return open_database(choice.target, on_wait=on_wait)
