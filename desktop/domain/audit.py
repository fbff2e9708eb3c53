"""The audit log's hash chain, in plain Python: each entry's hash covers the
previous entry's hash and every field of its own, so editing, deleting or
reordering any entry breaks the chain from that point on."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    id: int
    at: dt.datetime
    actor: str
    entity: str
    entity_key: str
    action: str
    old: str
    new: str
    previous_hash: str
    hash: str


def canonical(value: object) -> str:
    """JSON that is the same for the same value: sorted keys, no spaces, Decimal and
    dates as text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(
    previous_hash: str,
    at: dt.datetime,
    actor: str,
    entity: str,
    entity_key: str,
    action: str,
    old: str,
    new: str,
) -> str:
    # Microseconds are dropped: some databases store less precision than Python has.
    stamp = at.replace(microsecond=0, tzinfo=None).isoformat()
    payload = canonical([previous_hash, stamp, actor, entity, entity_key, action, old, new])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first entry whose link does not hold, and how."""

    entry_id: int
    problem: str


def first_break(entries: Iterable[Entry]) -> Break | None:
    """Walks the entries in id order; None when every link holds."""
    previous = GENESIS
    for entry in entries:
        if entry.previous_hash != previous:
            return Break(entry.id, "previous_hash does not match the entry before it")
        expected = entry_hash(
            entry.previous_hash,
            entry.at,
            entry.actor,
            entry.entity,
            entry.entity_key,
            entry.action,
            entry.old,
            entry.new,
        )
        if entry.hash != expected:
            return Break(entry.id, "the entry's content does not match its hash")
        previous = entry.hash
    return None
