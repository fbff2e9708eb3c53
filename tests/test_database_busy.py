"""A database another program holds locked: the command line waits, says so once, then
refuses clearly (exit 2, nothing written, never a traceback).

The lock is real: a second process holds SQLite's write lock (BEGIN IMMEDIATE) on
the file while `commissione decide` and `commissione import` run in a bounded child.
COMMISSIONE_BUSY_TIMEOUT shortens the wait from 30 s to 1.5 s."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import contextmanager

import pytest

from db.engine import open_database
from tests.bounded import run_bounded
from tests.conftest import RESOURCES
from tests.test_ranking_service import seed_hand_example

WAIT = {"COMMISSIONE_BUSY_TIMEOUT": "1.5"}

HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()  # until the test closes it
connection.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(path):
    """Another process holds the file's write lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(30)


def dump(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def seeded(tmp_path, call_2024):
    path = tmp_path / "commissione.sqlite"
    database = open_database(path)
    try:
        seed_hand_example(database, call_2024)
    finally:
        database.close()
    return path


COMMANDS = {
    "decide": ["decide", "A1", "--admitted", "--reasons", "Primo in graduatoria"],
    "import": ["import", RESOURCES / "demo" / "domande-demo.xlsx"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_held_write_lock_is_waited_for_then_refused_clearly(seeded, command, language):
    before = dump(seeded)
    with write_lock_held(seeded):
        result = run_bounded(
            ["--db", seeded, "--lang", language, *COMMANDS[command]],
            memory_mb=1024,
            seconds=60,
            env=WAIT,
        )
    assert result.code == 2, result.err
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().splitlines()
    if language == "it":
        assert "attendo" in lines[0] and "un altro utente o programma" in lines[0]
        assert "occupato da un altro utente o programma" in lines[-1]
        assert "riprovare" in lines[-1]
    else:
        assert "waiting" in lines[0] and "another user or program" in lines[0]
        assert "busy with another user or program" in lines[-1] and "retry" in lines[-1]
    assert len(lines) == 2, result.err  # the wait is said once
    assert 1.5 <= result.seconds < 30, result.seconds
    assert result.peak_mb < 400, result.peak_mb
    assert dump(seeded) == before  # nothing half-written


def test_the_command_succeeds_once_the_lock_is_released(seeded):
    with write_lock_held(seeded):
        pass
    result = run_bounded(["--db", seeded, *COMMANDS["decide"]], seconds=60, env=WAIT)
    assert result.code == 0 and result.err == "", result.err


def test_on_postgresql_a_held_lock_is_waited_for_then_refused_clearly(call_2024):
    """The same on PostgreSQL: a second connection holds the decisions table locked;
    the writer waits (lock_timeout, the same wait as SQLite's) and then refuses."""
    from sqlalchemy import create_engine, text

    from tests.conftest import _empty_postgres, _postgres_url

    url = _empty_postgres(_postgres_url())
    database = open_database(url)
    try:
        seed_hand_example(database, call_2024)
    finally:
        database.close()
    holder = create_engine(url)
    try:
        with holder.connect() as connection:
            before = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
            connection.execute(text("LOCK TABLE decisions IN EXCLUSIVE MODE"))
            result = run_bounded(
                ["--db", url, "--lang", "en", *COMMANDS["decide"]], seconds=20, env=WAIT
            )
            connection.rollback()
            after = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
            decisions = connection.execute(text("SELECT count(*) FROM decisions")).scalar()
    finally:
        holder.dispose()
    assert result.code == 2 and not result.timed_out, result.err
    assert "Traceback" not in result.err + result.out
    assert "busy with another user or program" in result.err and "retry" in result.err
    assert 1.5 <= result.seconds < 30, result.seconds
    assert (after, decisions) == (before, 0)  # nothing half-written
