"""`commissione sync` against a hostile platform server (tests/hostile_platform.py):
real HTTP on 127.0.0.1, the command line in a child with an address-space ceiling and
a time limit (tests/bounded.py). Each case checks the exit code, a message that says
what is wrong and what to do, no traceback, the child's peak memory and time, and the
database as it was (a failed sync records only its attempt in the sync state).

The per-request deadline is COMMISSIONE_SYNC_TIMEOUT seconds here (the product's is
60 s), so a trickling server costs seconds, not minutes."""

from __future__ import annotations

import pytest
from hostile_platform import HostilePlatform
from sqlalchemy import select

from db.engine import open_database
from db.models import AuditEntry, Campaign, Donation
from desktop.sync.credentials import Credential
from desktop.sync.http import RetryPolicy, Secret
from desktop.sync.service import sync
from tests.bounded import run_bounded

TOKEN = "tok-ostile-5e2b77"
DEADLINE = 3  # seconds per request (all its retries) in these tests
MEMORY_MB = 600  # the child's address-space ceiling: a regression fails, CI survives
QUICK = RetryPolicy(attempts=2, base_delay=0.01, total_seconds=10)


def seed(target: str, url: str) -> dict:
    """A first, good sync (one campaign, one donation); returns what the tables hold."""
    database = open_database(target)
    try:
        result = sync(
            database, None, url, credential=Credential("", Secret(TOKEN), "test"), policy=QUICK
        )
        assert result.ok, result.en
    finally:
        database.close()
    held = contents(target)
    assert len(held["campaigns"]) == 1 and len(held["donations"]) == 1
    return held


def contents(target: str) -> dict:
    database = open_database(target)
    try:
        with database.engine.connect() as connection:
            return {
                name: sorted(tuple(row) for row in connection.execute(select(model.__table__)))
                for name, model in (
                    ("campaigns", Campaign),
                    ("donations", Donation),
                    ("audit", AuditEntry),
                )
            }
    finally:
        database.close()


def run_sync(target: str, url: str, language: str = "it", seconds: float = 90):
    return run_bounded(
        ["--lang", language, "--db", target, "sync", "--url", url],
        memory_mb=MEMORY_MB,
        seconds=seconds,
        env={"COMMISSIONE_PLATFORM_TOKEN": TOKEN, "COMMISSIONE_SYNC_TIMEOUT": str(DEADLINE)},
    )


def report(result) -> str:
    return (
        f"code {result.code}, {result.seconds:.1f} s, {result.peak_mb:.0f} MB\n{result.err[-3000:]}"
    )


@pytest.fixture
def sqlite_target(tmp_path) -> str:
    return str(tmp_path / "commissione.sqlite")


def hostile_run(target: str, case: str, language: str = "it", **server):
    with HostilePlatform("good", **server) as platform:
        before = seed(target, platform.url)
        platform.case = case
        result = run_sync(target, platform.url, language)
    print(f"{case}: {report(result)}")
    assert not result.timed_out, report(result)
    assert "Traceback" not in result.err + result.out, report(result)
    assert contents(target) == before
    return result


@pytest.mark.parametrize("case", ["trickle_headers", "trickle_body"])
def test_a_trickling_server_is_given_up_at_the_deadline(sqlite_target, case):
    result = hostile_run(sqlite_target, case, interval=0.5)
    assert result.code == 1, report(result)
    assert f"entro {DEADLINE} s" in result.err and "riprovare più tardi" in result.err
    assert "Offline" in result.err
    # The deadline, the program's start and a busy machine: far from the 330 s it took.
    assert result.seconds < DEADLINE + 15 and result.peak_mb < 250, report(result)


@pytest.mark.parametrize(
    ("case", "language", "said"),
    [
        ("endless_chunked", "it", "risposta troppo grande"),
        ("huge_length", "en", "reply too large"),
    ],
)
def test_a_body_too_large_is_refused_early(sqlite_target, case, language, said):
    result = hostile_run(sqlite_target, case, language)
    assert result.code == 2, report(result)
    assert said in result.err and "MiB" in result.err
    assert ("platform" if language == "en" else "piattaforma") in result.err  # whom to tell
    assert result.seconds < 30 and result.peak_mb < 300, report(result)


def test_endless_pages_of_new_items_stop_at_the_sync_bound(sqlite_target):
    result = hostile_run(sqlite_target, "endless_pages")
    assert result.code == 2, report(result)
    assert "troppi elementi" in result.err and "/donations" in result.err
    assert result.seconds < 120 and result.peak_mb < 500, report(result)


def test_a_nul_in_a_title_is_refused_with_an_escaped_excerpt(database_url):
    result = hostile_run(database_url, "nul_title")
    assert result.code == 1, report(result)
    err = result.err
    assert "dati rifiutati" in err and "c-7" in err and "«title»" in err
    assert "\\x00" in err and "\\x1b" in err  # shown escaped ...
    assert "\x00" not in err and "\x1b" not in err  # ... never raw
    assert "gestore della piattaforma" in err


def test_duplicate_ids_on_one_page_are_refused(database_url):
    result = hostile_run(database_url, "duplicate_ids", "en")
    assert result.code == 1, report(result)
    assert "data rejected" in result.err and "“c-9”" in result.err
    assert "twice" in result.err and "platform" in result.err
