"""The audit log is a hash chain: verify finds the first entry that was edited,
removed or reordered, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import delete, text, update

from db.models import AuditEntry
from desktop.services import audit


def _write_three(database) -> list[int]:
    with database.session() as session, session.begin():
        entries = [
            audit.append(session, "sheet", "CC24-001/Rossi", "save", None, {"a": 10}),
            audit.append(session, "sheet", "CC24-001/Rossi", "save", {"a": 10}, {"a": 12}),
        ]
    # A second transaction continues the chain from what the first one stored.
    with database.session() as session, session.begin():
        entries.append(
            audit.append(session, "decision", "CC24-001", "set", None, {"d": "admitted"})
        )
    return [entry.id for entry in entries]


def test_a_rolled_back_transaction_leaves_no_stale_link(database):
    """The last hash is cached per transaction: after a rollback the next append
    must chain to what is really stored."""
    with database.session() as session:
        with session.begin():
            audit.append(session, "sheet", "A", "save", None, {"a": 1})
        transaction = session.begin()
        audit.append(session, "sheet", "B", "save", None, {"b": 2})
        transaction.rollback()
        with session.begin():
            audit.append(session, "sheet", "C", "save", None, {"c": 3})
    with database.session() as session:
        assert audit.verify(session) == (2, None)


def test_an_untouched_log_verifies(database):
    _write_three(database)
    with database.session() as session:
        count, broken = audit.verify(session)
    assert (count, broken) == (3, None)


def test_an_edited_entry_is_the_first_break(database):
    ids = _write_three(database)
    with database.engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[1]).values(new='{"a":20}'))
    with database.session() as session:
        _count, broken = audit.verify(session)
    assert broken is not None and broken.entry_id == ids[1]
    assert "content" in broken.problem


def test_a_removed_entry_breaks_the_link_after_it(database):
    ids = _write_three(database)
    with database.engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id == ids[1]))
    with database.session() as session:
        _count, broken = audit.verify(session)
    assert broken is not None and broken.entry_id == ids[2]


def test_an_entry_rehashed_after_editing_still_breaks_its_successor(database):
    """Rewriting one entry's hash to fit its new content is not enough."""
    from desktop.domain.audit import entry_hash

    ids = _write_three(database)
    with database.session() as session, session.begin():
        entry = session.get(AuditEntry, ids[0])
        entry.new = '{"a":99}'
        entry.hash = entry_hash(
            entry.previous_hash, entry.at, entry.actor, entry.entity,
            entry.entity_key, entry.action, entry.old, entry.new,
        )  # fmt: skip
    with database.session() as session:
        _count, broken = audit.verify(session)
    assert broken is not None and broken.entry_id == ids[1]


def test_actor_comes_from_commissione_user(database, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_USER", "Segreteria Bianchi")
    _write_three(database)
    with database.engine.connect() as connection:
        actors = set(connection.execute(text("SELECT actor FROM audit_log")).scalars())
    assert actors == {"Segreteria Bianchi"}
