"""Appending to and verifying the audit log. Callers append inside the same
transaction as the change they record, so the log and the data never disagree."""

from __future__ import annotations

import datetime as dt
import getpass
import os

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from db.engine import lock_for_writing
from db.models import AuditEntry
from desktop.domain.audit import (
    GENESIS,
    Anchor,
    Break,
    Check,
    canonical,
    check,
    entry_hash,
)

_CHAIN_KEY = "audit_chain_last_hash"


def current_user() -> str:
    """Who the change is recorded for: COMMISSIONE_USER, else the OS account."""
    name = os.environ.get("COMMISSIONE_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no account name (some containers): still record something
        return "sconosciuto"


# PostgreSQL advisory lock key of the audit chain (any constant of our own: "cmsa").
_CHAIN_LOCK = 0x636D7361


def _lock_the_chain(session: Session) -> None:
    """Held until the transaction ends, so the head read next is the head this
    entry is written after. SQLite: the database's write lock (a read outside it
    may be stale by the time this entry is written, when it is the transaction's
    first write). PostgreSQL: an advisory lock; locking the last row FOR UPDATE is
    not enough: a writer that waited for it gets that row back, not the entry
    inserted meanwhile, and an empty log has no row to lock. Both waits end, like
    every lock wait, after the busy timeout (DatabaseBusy)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_CHAIN_LOCK)))
    else:
        lock_for_writing(session)


def append(
    session: Session,
    entity: str,
    entity_key: str,
    action: str,
    old: object = None,
    new: object = None,
    actor: str | None = None,
) -> AuditEntry:
    """Adds one entry chained to the last one. `old`/`new` are JSON-able values
    (None for nothing). The chain's last hash is read once per transaction, under a
    lock that makes concurrent writers queue until this one commits (see
    `_lock_the_chain`), and then kept in the session, so a transaction appending
    thousands of entries (an assignment run, a kit return) reads it once and inserts
    them in one batch at flush time."""
    transaction = session.get_transaction()
    cached = session.info.get(_CHAIN_KEY)
    if cached is not None and cached[0] is transaction:
        previous = cached[1]
    else:
        _lock_the_chain(session)
        last = session.execute(
            select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).scalar()
        previous = last or GENESIS
    at = dt.datetime.now().replace(microsecond=0)
    actor = actor or current_user()
    old_text = "" if old is None else canonical(old)
    new_text = "" if new is None else canonical(new)
    entry = AuditEntry(
        at=at,
        actor=actor,
        entity=entity,
        entity_key=entity_key,
        action=action,
        old=old_text,
        new=new_text,
        previous_hash=previous,
        hash=entry_hash(previous, at, actor, entity, entity_key, action, old_text, new_text),
    )
    # Entries are inserted in the order they were added, so ids follow the chain.
    session.add(entry)
    session.info[_CHAIN_KEY] = (transaction, entry.hash)
    return entry


def verify(session: Session) -> tuple[int, Break | None]:
    """(entries checked, the first broken link or None). A malformed entry (see
    `check_log`) whose link still holds is not a break here: `check_log` reports it."""
    result = check_log(session)
    return result.count, result.broken


# Rows read per fetch while walking the log: memory stays flat however long it is.
_BATCH = 2000


def check_log(connection, anchor: Anchor | None = None) -> Check:
    """The whole check of the log (desktop.domain.audit.check) on a Session or a
    Connection: every column is read as stored, without conversion, so a value the
    application could not have written (an unreadable time, a number where text
    belongs) is reported instead of raising while the row is read."""
    table = AuditEntry.__table__
    columns = [
        # SQLite keeps a DATETIME as text: read it as text, parsed by the domain.
        type_coerce(table.c.at, String).label("at") if column.name == "at" else column
        for column in table.c
    ]
    rows = connection.execute(
        select(*columns).order_by(table.c.id).execution_options(yield_per=_BATCH)
    ).mappings()
    return check(rows, anchor)


def head(connection) -> Anchor:
    """The log's anchor now: how many entries and the last one's hash (0:GENESIS when
    empty), read in one statement so a concurrent append cannot fall between them."""
    table = AuditEntry.__table__
    count = select(func.count()).select_from(table).scalar_subquery()
    last = select(table.c.hash).order_by(table.c.id.desc()).limit(1).scalar_subquery()
    number, digest = connection.execute(select(count, last)).one()
    return Anchor(number, digest if isinstance(digest, str) and digest else GENESIS)
