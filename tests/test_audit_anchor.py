"""The audit log against someone who can write the database: what the chain alone
cannot see (entries removed from the end, a log rewritten and re-chained, a forged
entry appended) an anchor kept outside reveals; malformed entries are named, never
a traceback. Through the command line, on SQLite and PostgreSQL.

    commissione audit anchor                      → COUNT:HASH
    commissione audit verify [--anchor COUNT:HASH]
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from db.models import AuditEntry
from desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, main
from desktop.domain.audit import ANCHOR_MIN_HEX, GENESIS, entry_hash
from desktop.services import audit

ENTRIES = 150  # enough to remove the last 100 and keep some
TABLE = AuditEntry.__table__


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def _fill(database, count: int = ENTRIES) -> None:
    with database.session() as session, session.begin():
        for number in range(count):
            audit.append(
                session, "sheet", f"CC24-{number:03}/Rossi", "save", None, {"n": number}, "Bianchi"
            )


def _anchor(capsys, db) -> str:
    code, out, _ = run(capsys, "--db", db, "audit", "anchor")
    assert code == EXIT_OK
    anchor = out.strip()
    assert re.fullmatch(r"\d+:[0-9a-f]{64}", anchor), anchor
    return anchor


def _verify(capsys, db, anchor: str | None = None):
    extra = () if anchor is None else ("--anchor", anchor)
    return run(capsys, "--db", db, "audit", "verify", *extra)


def _ids(database) -> list[int]:
    with database.engine.connect() as connection:
        return list(connection.execute(select(TABLE.c.id).order_by(TABLE.c.id)).scalars())


def _rechain(database) -> None:
    """What a forger with write access does after editing: every hash computed again."""
    with database.engine.begin() as connection:
        rows = connection.execute(select(TABLE).order_by(TABLE.c.id)).all()
        previous = GENESIS
        for row in rows:
            digest = entry_hash(
                previous,
                row.at,
                row.actor,
                row.entity,
                row.entity_key,
                row.action,
                row.old,
                row.new,
            )
            connection.execute(
                update(TABLE)
                .where(TABLE.c.id == row.id)
                .values(previous_hash=previous, hash=digest)
            )
            previous = digest


def _forge(database, actor: str = "falsario") -> None:
    """A well-formed entry appended by hand, chained to the head."""
    with database.engine.begin() as connection:
        last = connection.execute(
            select(TABLE.c.hash).order_by(TABLE.c.id.desc()).limit(1)
        ).scalar()
        previous = last or GENESIS
        at = dt.datetime(2025, 3, 1, 10, 0)
        values = dict(
            at=at,
            actor=actor,
            entity="decision",
            entity_key="CC24-001",
            action="set",
            old="",
            new='{"decision":"admitted"}',
            previous_hash=previous,
        )
        values["hash"] = entry_hash(
            previous, at, actor, "decision", "CC24-001", "set", "", values["new"]
        )
        connection.execute(insert(TABLE).values(**values))


# --------------------------------------------------------------------------- anchor


def test_the_anchor_is_the_count_and_the_head_hash(capsys, database, database_url):
    assert _anchor(capsys, database_url) == f"0:{GENESIS}"
    code, out, _ = _verify(capsys, database_url, f"0:{GENESIS}")
    assert code == EXIT_OK
    _fill(database)
    with database.engine.connect() as connection:
        head = connection.execute(select(TABLE.c.hash).order_by(TABLE.c.id.desc())).first()[0]
    anchor = _anchor(capsys, database_url)
    assert anchor == f"{ENTRIES}:{head}"
    code, out, _ = _verify(capsys, database_url, anchor)
    assert code == EXIT_OK and f"{ENTRIES} voci verificate, ok" in out
    # A document prints the hash cut short: that verifies too.
    code, out, _ = _verify(capsys, database_url, anchor[: anchor.index(":") + 1 + ANCHOR_MIN_HEX])
    assert code == EXIT_OK
    # Without an anchor the check says what it cannot see, and gives the anchor.
    code, out, _ = _verify(capsys, database_url)
    assert code == EXIT_OK and anchor in out and "Senza --anchor" in out


@pytest.mark.parametrize(
    "given", ["150", "150:xyz", "abc:" + "0" * 64, "150:" + "0" * 15, "150:" + "0" * 65, ""]
)
def test_a_malformed_anchor_is_unusable_input(capsys, sqlite_path, given):
    run(capsys, "--db", sqlite_path, "--create", "audit", "anchor")
    code, _, err = _verify(capsys, sqlite_path, given)
    assert code == EXIT_UNUSABLE and "NUMERO:IMPRONTA" in err


# --------------------------------------------------------------------------- removed from the end


@pytest.mark.parametrize("removed", [1, 100, ENTRIES])
def test_entries_removed_from_the_end_break_the_anchor(capsys, database, database_url, removed):
    _fill(database)
    anchor = _anchor(capsys, database_url)
    ids = _ids(database)
    with database.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.id.in_(ids[-removed:])))
    left = ENTRIES - removed

    # The chain alone cannot tell: what is left is a valid chain.
    code, out, _ = _verify(capsys, database_url)
    assert code == EXIT_OK and f"{left} voci verificate, ok" in out
    assert "voci tolte dalla fine" in out

    code, _, err = _verify(capsys, database_url, anchor)
    assert code == EXIT_REJECTED
    assert "ALTERATO" in err
    assert f"il registro ha {left} voci, meno delle {ENTRIES} dell'ancora" in err

    code, _, err = run(
        capsys, "--db", database_url, "--lang", "en", "audit", "verify", "--anchor", anchor
    )
    assert code == EXIT_REJECTED
    assert f"the log holds {left} entries, fewer than the anchor" in err


# --------------------------------------------------------------------------- rewritten


def test_a_rewritten_and_rechained_log_breaks_the_anchor(capsys, database, database_url):
    _fill(database)
    anchor = _anchor(capsys, database_url)
    ids = _ids(database)
    with database.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.id == ids[9]).values(new='{"n":999}'))
    _rechain(database)

    code, out, _ = _verify(capsys, database_url)
    assert code == EXIT_OK and f"{ENTRIES} voci verificate, ok" in out

    code, _, err = _verify(capsys, database_url, anchor)
    assert code == EXIT_REJECTED
    digits = anchor.split(":")[1][:16]
    assert f"l'impronta in posizione {ENTRIES} (voce {ids[-1]})" in err
    assert f"l'ancora dice {digits}…" in err and "riscritto" in err


# --------------------------------------------------------------------------- appended


def test_a_forged_entry_appended_is_named_as_not_covered(capsys, database, database_url):
    _fill(database)
    anchor = _anchor(capsys, database_url)
    _forge(database)

    code, out, _ = _verify(capsys, database_url)
    assert code == EXIT_OK and f"{ENTRIES + 1} voci verificate, ok" in out

    # The anchor's entry is still there: exit 0, but the entry past it is named.
    code, out, _ = _verify(capsys, database_url, anchor)
    assert code == EXIT_OK
    assert "1 voci aggiunte dopo l'ancora: l'ancora non le garantisce" in out
    assert "falsario" in out and "decision CC24-001" in out


def test_a_forged_entry_in_place_of_the_last_breaks_the_anchor(capsys, database, database_url):
    _fill(database)
    anchor = _anchor(capsys, database_url)
    ids = _ids(database)
    with database.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.id == ids[-1]))
    _forge(database)

    code, _out, _ = _verify(capsys, database_url)
    assert code == EXIT_OK

    code, _, err = _verify(capsys, database_url, anchor)
    assert code == EXIT_REJECTED and f"l'impronta in posizione {ENTRIES}" in err


def test_appending_after_the_anchor_through_the_application_is_fine(capsys, database, database_url):
    _fill(database, 5)
    anchor = _anchor(capsys, database_url)
    _fill(database, 3)
    code, out, _ = _verify(capsys, database_url, anchor)
    assert code == EXIT_OK and "3 voci aggiunte dopo l'ancora" in out
    code, out, _ = _verify(capsys, database_url, _anchor(capsys, database_url))
    assert code == EXIT_OK and "aggiunte" not in out


def test_an_edited_entry_not_rechained_is_named_with_or_without_anchor(
    capsys, database, database_url
):
    _fill(database, 10)
    anchor = _anchor(capsys, database_url)
    ids = _ids(database)
    with database.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.id == ids[3]).values(actor="Verdi"))
    for given in (None, anchor):
        code, _, err = _verify(capsys, database_url, given)
        assert code == EXIT_REJECTED
        assert f"la voce {ids[3]} non è valida (il contenuto della voce non corrisponde" in err
    # An anchor from an empty log that is not the genesis hash: another database's.
    code, _, err = _verify(capsys, database_url, "0:" + "1" * 16)
    assert code == EXIT_REJECTED and "l'impronta all'inizio è 0000000000000000…" in err


# --------------------------------------------------------------------------- malformed


def test_an_unparseable_timestamp_is_named_not_a_traceback(capsys, database, database_url):
    _fill(database, 10)
    anchor = _anchor(capsys, database_url)
    ids = _ids(database)
    tamper = text("UPDATE audit_log SET at = :at WHERE id = :id")
    if database.engine.dialect.name == "postgresql":
        # The server's timestamp column refuses it: the case exists only in SQLite.
        with pytest.raises(DBAPIError), database.engine.begin() as connection:
            connection.execute(tamper, {"at": "ieri alle dieci", "id": ids[6]})
        return
    with database.engine.begin() as connection:
        connection.execute(tamper, {"at": "ieri alle dieci\x1b[31m", "id": ids[6]})
    for anchor_given in (None, anchor):
        code, _, err = _verify(capsys, database_url, anchor_given)
        assert code == EXIT_REJECTED
        assert f"voce {ids[6]}: data e ora illeggibili («ieri alle dieci\\x1b[31m»)" in err
        assert "\x1b" not in err


def test_every_malformed_entry_is_named(capsys, database, database_url):
    _fill(database, 10)
    ids = _ids(database)
    with database.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.id == ids[2]).values(new="{non json"))
        connection.execute(update(TABLE).where(TABLE.c.id == ids[4]).values(actor=""))
        connection.execute(update(TABLE).where(TABLE.c.id == ids[7]).values(old="[1,"))
    # Re-chained, so only the malformed fields are wrong, not the links.
    _rechain(database)
    code, _, err = _verify(capsys, database_url)
    assert code == EXIT_REJECTED
    assert f"voce {ids[2]}: il campo «new» non è JSON valido («{{non json»)" in err
    assert f"voce {ids[4]}: il campo «actor» è vuoto" in err
    assert f"voce {ids[7]}: il campo «old» non è JSON valido («[1,»)" in err
    assert "non è valida" not in err  # the chain itself holds


def test_many_malformed_entries_are_all_named_in_ranges(capsys, sqlite_path):
    from db.engine import open_database

    database = open_database(sqlite_path)
    try:
        _fill(database, 300)
        with database.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE audit_log SET at = 'x' WHERE id > 50")
    finally:
        database.close()
    code, _, err = _verify(capsys, sqlite_path)
    assert code == EXIT_REJECTED
    assert err.count("data e ora illeggibili") == 100
    assert "altre 150 voci con campi malformati: 151–300;" in err


# Generous bounds for the bounded run below: the whole check of 20,000 entries took
# ~1.5 s and ~55 MB on the development machine (the interpreter and SQLAlchemy are
# most of it); the ceiling stops a regression that reads the log into memory.
BIG_LOG = 20_000
BIG_PEAK_MB = 200
BIG_SECONDS = 60


def test_a_huge_forged_log_is_checked_in_bounded_memory_and_a_short_report(sqlite_path):
    """Every other entry of a long log malformed: the report stays short (ranges,
    then a count), memory flat."""
    from db.engine import open_database
    from tests.bounded import run_bounded

    database = open_database(sqlite_path)
    try:
        _fill(database, BIG_LOG)
        with database.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE audit_log SET at = 'x' WHERE id % 2 = 0")
    finally:
        database.close()
    result = run_bounded(
        ["--db", sqlite_path, "audit", "verify"], memory_mb=800, seconds=BIG_SECONDS * 2
    )
    assert result.code == EXIT_REJECTED and not result.timed_out
    assert "Traceback" not in result.err
    assert result.err.count("data e ora illeggibili") == 100
    assert f"altre {BIG_LOG // 2 - 100} voci con campi malformati: 202, 204" in result.err
    assert f"fino alla {BIG_LOG}" in result.err
    assert len(result.err) < 20_000
    assert result.peak_mb < BIG_PEAK_MB and result.seconds < BIG_SECONDS, result
