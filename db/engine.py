"""Opening a database: a SQLite file (the default) or a server URL (PostgreSQL).

Opening migrates an older schema after copying a SQLite file aside, and refuses a
database written by a newer version of the product without touching it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from db.migrations import HEAD, KNOWN
from db.problems import DatabaseProblem

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# How long a writer waits for another user's or program's lock before giving up with
# DatabaseBusy: long enough for someone else's import or sync to finish its write,
# short enough that nobody mistakes the wait for a hang. COMMISSIONE_BUSY_TIMEOUT
# (seconds) shortens it for tests.
BUSY_TIMEOUT_SECONDS = 30.0
# After this much of the wait (or a third of a shorter one), `on_wait` is told once.
WAIT_NOTICE_SECONDS = 2.0

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def busy_timeout() -> float:
    """Seconds a writer waits for a lock: COMMISSIONE_BUSY_TIMEOUT, else 30."""
    value = os.environ.get("COMMISSIONE_BUSY_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return BUSY_TIMEOUT_SECONDS
    return seconds if seconds >= 0 else BUSY_TIMEOUT_SECONDS


@dataclass
class Database:
    engine: Engine
    url: str
    backup_path: Path | None = None
    on_wait: Callable[[float], None] | None = None  # see make_engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def lock_for_writing(self, session: Session) -> None:
        """Takes the write lock at the start of `session`'s transaction, before it
        reads what it will change (read, then write: a decision replacing another).
        On SQLite a read outside the lock can be older than the write that follows,
        so two writers would both act on what they read: BEGIN IMMEDIATE makes them
        queue, the second reading what the first wrote. On PostgreSQL nothing is
        taken here: the rows read are locked with SELECT … FOR UPDATE, and a row
        inserted at the same moment fails on its unique key (the caller retries)."""
        lock_for_writing(session, self.on_wait)

    def close(self) -> None:
        self.engine.dispose()


def resolve_target(target: str | os.PathLike) -> str:
    """The SQLAlchemy URL of a file path or a server URL. Which database is used
    (--db, COMMISSIONE_DB, the preferences, the default) is decided once, in
    desktop/database_choice.py."""
    text_target = os.fspath(target)
    if "://" in text_target:
        # psycopg (3) is the driver we ship; accept the plain URL people copy around.
        for prefix in ("postgresql://", "postgres://"):
            if text_target.startswith(prefix):
                return "postgresql+psycopg://" + text_target[len(prefix) :]
        return text_target
    return "sqlite:///" + str(Path(text_target).expanduser().resolve())


def make_engine(url: str, on_wait: Callable[[float], None] | None = None) -> Engine:
    """`on_wait(seconds)` is called (from another thread) when a write has waited a
    couple of seconds for another user's lock and will wait up to `seconds` in all."""
    timeout = busy_timeout()
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": timeout})

        @event.listens_for(engine, "connect")
        def _per_connection(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            cursor.close()

        if on_wait is not None:

            @event.listens_for(engine, "before_cursor_execute")
            def _take_the_write_lock(connection, cursor, statement, *_rest):
                # The first write of a transaction is where SQLite waits for another
                # writer's lock. Taking the lock first, with BEGIN IMMEDIATE (what the
                # driver's own BEGIN and that write would do, with no read in between),
                # makes that wait one statement we can time: nothing else waits on it.
                dbapi_connection = connection.connection.driver_connection
                if _is_write(statement) and not dbapi_connection.in_transaction:
                    _begin_immediate(lambda: dbapi_connection.execute("BEGIN IMMEDIATE"), on_wait)

        return engine
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _lock_wait(dbapi_connection, _record):
        # Without it a writer behind another session's lock waits for ever; with it,
        # the same wait as SQLite's, then LockNotAvailable (DatabaseBusy). Committed:
        # a SET inside a transaction rolled back by the pool would be undone.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")  # its 0: for ever
        dbapi_connection.commit()

    return engine


def _is_write(statement: str) -> bool:
    return statement.lstrip().upper().startswith(_WRITES)


def lock_for_writing(session: Session, on_wait: Callable[[float], None] | None = None) -> None:
    """Database.lock_for_writing for code that has a session only (the audit log)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:
        # Through SQLAlchemy, so a lock still held when the wait ends is its
        # OperationalError, which as_problem makes DatabaseBusy.
        _begin_immediate(lambda: connection.exec_driver_sql("BEGIN IMMEDIATE"), on_wait)


def _begin_immediate(begin: Callable[[], object], on_wait: Callable[[float], None] | None) -> None:
    """Takes SQLite's write lock now (`begin` runs BEGIN IMMEDIATE), telling
    `on_wait` when the wait grows long."""
    timeout = busy_timeout()
    notice = None
    if on_wait is not None:
        notice = threading.Timer(min(WAIT_NOTICE_SECONDS, timeout / 3), on_wait, args=(timeout,))
        notice.daemon = True
        notice.start()
    try:
        begin()
    finally:
        if notice is not None:
            notice.cancel()


def open_database(
    target: str | os.PathLike,
    *,
    migrate: bool = True,
    on_wait: Callable[[float], None] | None = None,
) -> Database:
    """`on_wait`: see make_engine (the command line says it is waiting)."""
    url = resolve_target(target)
    engine = make_engine(url, on_wait)
    try:
        revision = current_revision(engine)
    except Exception as error:
        engine.dispose()
        raise DatabaseProblem(
            f"Impossibile aprire il database {_shown(url)}: {_first_line(error)}. "
            "Controllare il percorso o l'indirizzo del server.",
            f"Cannot open the database {_shown(url)}: {_first_line(error)}. "
            "Check the path or the server address.",
        ) from None
    if revision not in (None, *KNOWN):
        engine.dispose()
        raise DatabaseProblem(
            f"Il database {_shown(url)} è stato scritto da una versione più recente di Commissione "
            f"(schema {revision}); aggiornare il programma. Il database non è stato modificato.",
            f"The database was written by a newer version of Commissione (schema {revision}); "
            "install the newer version. The database was not changed.",
        )
    database = Database(engine, url, on_wait=on_wait)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode = WAL")
    if revision != HEAD:
        if not migrate:
            engine.dispose()
            raise DatabaseProblem(
                f"Lo schema del database {revision} va aggiornato a {HEAD}.",
                f"Database schema {revision} needs migrating to {HEAD}.",
            )
        if revision is not None and database.is_sqlite:
            database.backup_path = _copy_aside(engine, url, revision)
        upgrade(engine)
    return database


def current_revision(engine: Engine) -> str | None:
    """The schema revision, None for an empty database; raises for a foreign one."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseProblem(
                    "non è un database di Commissione (contiene altre tabelle)",
                    "not a Commissione database (it holds other tables)",
                )
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _copy_aside(engine: Engine, url: str, revision: str) -> Path:
    """Copy the SQLite file before migrating it, with SQLite's own online backup."""
    source = Path(url.removeprefix("sqlite:///"))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(
        f"{source.stem}.prima-della-migrazione-{revision}-{stamp}{source.suffix}"
    )
    raw = engine.raw_connection()
    try:
        with sqlite3.connect(target) as copy:
            raw.driver_connection.backup(copy)
    finally:
        raw.close()
    log.info("copied %s aside to %s before migrating", source, target)
    return target


def _shown(url: str) -> str:
    """The URL without its password, fit for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(indirizzo non valido)"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
