"""Hostile return files (tests/data/hostile/family_returns.py) given to `commissione
kit import`: each refused with exit 2 and a message saying what to do, no traceback,
within a memory ceiling and a time limit, the database unchanged. Sizes and the
manifest's signature are checked before the content is decompressed."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select

from db.engine import open_database
from db.models import CommitteeMember, Kit
from tests.bounded import run_bounded
from tests.conftest import DATA
from tests.test_sheets import ANNA, seed

HOSTILE = DATA / "hostile"

# The command alone is about 55 MB (CLI, SQLAlchemy, a SQLite file): 120 leaves room;
# reading a 60 MiB content (what the forged signature must prevent) would add 60+.
PEAK_MB = 120
SECONDS = 20


def family():
    import importlib.util

    spec = importlib.util.spec_from_file_location("family_returns", HOSTILE / "family_returns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def secretariat(tmp_path, call_2024):
    """A secretariat's database that issued the kit the hostile returns claim."""
    returns = family()
    path = tmp_path / "segreteria.sqlite"
    database = open_database(path)
    try:
        seed(database, call_2024)
        with database.session() as session, session.begin():
            anna = session.scalar(select(CommitteeMember).where(CommitteeMember.name == ANNA))
            session.add(
                Kit(
                    id=returns.RETURN_KIT_ID,
                    call_id=call_2024.id,
                    member_id=anna.id,
                    issued_at=dt.datetime(2025, 3, 1, 9, 0),
                    issued_by="segreteria",
                    key_hex=returns.RETURN_KEY_HEX,
                )
            )
    finally:
        database.close()
    return path


def dump(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


# file → words of the message (Italian, then English)
CASES = {
    "ritorno-bomba-150MiB.zip": ("troppo grande", "too large"),
    "ritorno-bomba-bzip2-1GiB.zip": ("troppo grande", "too large"),
    "ritorno-dimensione-falsa.zip": ("danneggiato", "damaged"),
    "ritorno-firma-falsa-60MiB.zip": ("non corrisponde alla sua firma", "does not match its"),
    "ritorno-manifesto-bomba.zip": ("troppo grande", "too large"),
    "ritorno-1500-membri.zip": ("danneggiato", "damaged"),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("language", ["it", "en"])
def test_a_hostile_return_is_refused_within_bounds(secretariat, name, language):
    before = dump(secretariat)
    result = run_bounded(
        ["--db", secretariat, "--lang", language, "kit", "import", HOSTILE / name],
        memory_mb=600,
        seconds=120,
    )
    print(f"{name} [{language}]: {result.seconds:.2f} s, peak {result.peak_mb:.0f} MB")
    assert result.code == 2, (result.code, result.err[-2000:])
    assert "Traceback" not in result.err + result.out
    message = result.err.strip()
    assert len(message.splitlines()) == 1 and len(message) < 400, message
    words = CASES[name][0 if language == "it" else 1]
    assert name in message and words in message, message
    assert ("nulla è stato modificato" if language == "it" else "nothing was changed") in message
    assert result.peak_mb < PEAK_MB, result.peak_mb
    assert result.seconds < SECONDS, result.seconds
    assert dump(secretariat) == before
