"""Appending to and verifying the audit log. Callers append inside the same
transaction as the change they record, so the log and the data never disagree."""

from __future__ import annotations

import datetime as dt
import getpass
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry
from desktop.domain.audit import GENESIS, Break, Entry, canonical, entry_hash, first_break

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
    (None for nothing). The chain's last hash is read once per transaction (on
    PostgreSQL the last row is locked, so concurrent writers queue) and then kept in
    the session, so a transaction appending thousands of entries (an assignment run,
    a kit return) reads it once and inserts them in one batch at flush time."""
    transaction = session.get_transaction()
    cached = session.info.get(_CHAIN_KEY)
    if cached is not None and cached[0] is transaction:
        previous = cached[1]
    else:
        last = session.execute(
            select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1).with_for_update()
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
    """(entries checked, the first broken link or None)."""
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    count = 0

    def entries():
        nonlocal count
        for row in rows:
            count += 1
            yield Entry(
                row.id,
                row.at,
                row.actor,
                row.entity,
                row.entity_key,
                row.action,
                row.old,
                row.new,
                row.previous_hash,
                row.hash,
            )

    broken = first_break(entries())
    return count, broken
