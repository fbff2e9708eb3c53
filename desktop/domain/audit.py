"""The audit log's hash chain, in plain Python: each entry's hash covers the
previous entry's hash and every field of its own, so editing, deleting or
reordering any entry breaks the chain from that point on."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop.domain.problems import Problem

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


def link_problem(previous: str, entry: Entry) -> str | None:
    """What is wrong with `entry` as the successor of the entry whose hash is
    `previous` (GENESIS for the first), or None when the link holds."""
    if entry.previous_hash != previous:
        return "previous_hash does not match the entry before it"
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
        return "the entry's content does not match its hash"
    return None


def first_break(entries: Iterable[Entry]) -> Break | None:
    """Walks the entries in id order; None when every link holds."""
    previous = GENESIS
    for entry in entries:
        problem = link_problem(previous, entry)
        if problem is not None:
            return Break(entry.id, problem)
        previous = entry.hash
    return None


# --------------------------------------------------------------------------- the anchor

# How much of the head's hash a document must print for `verify --anchor` to mean
# something: 16 hex digits are 64 bits, so rewriting the log into one whose entry at
# that position starts with the same 16 digits takes about 2**64 hashes (centuries on
# any hardware), while the line stays short enough for a page footer.
ANCHOR_MIN_HEX = 16
HASH_HEX = 64


class AnchorProblem(Problem):
    """An --anchor that is not COUNT:HASH."""


@dataclass(frozen=True)
class Anchor:
    """The audit log's head as seen from outside the database: how many entries it
    held and the hash of the last one (or, from a printed document, the first
    ANCHOR_MIN_HEX or more hex digits of it). An empty log is 0:GENESIS.

    Kept outside the database (printed on a document, written in the minutes), it
    reveals what nothing inside a writable file can: entries removed from the end,
    or a log rewritten and re-chained from some entry on."""

    count: int
    hash: str

    def text(self, digits: int = HASH_HEX) -> str:
        return f"{self.count}:{self.hash[:digits]}"

    def holds(self, full_hash: str) -> bool:
        """Whether the entry found at this position is the one the anchor names."""
        return full_hash.startswith(self.hash)


def parse_anchor(text: str) -> Anchor:
    """COUNT:HASH, as `audit anchor` prints it or a document shows it (the hash may be
    cut to its first ANCHOR_MIN_HEX digits or more). AnchorProblem otherwise."""
    count, colon, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if (
        not colon
        or not count.strip().isdigit()
        or not ANCHOR_MIN_HEX <= len(digest) <= HASH_HEX
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        shown = excerpt(text)
        raise AnchorProblem(
            f"ancora «{shown}» non valida: scriverla come NUMERO:IMPRONTA, come la stampa "
            f"`commissione audit anchor` o la riporta un documento (almeno {ANCHOR_MIN_HEX} "
            "cifre esadecimali dell'impronta)",
            f"anchor “{shown}” is not valid: write it as COUNT:HASH, as "
            f"`commissione audit anchor` prints it or a document shows it (at least "
            f"{ANCHOR_MIN_HEX} hex digits of the hash)",
        )
    return Anchor(int(count), digest)


# --------------------------------------------------------------------------- malformed entries

# Fields the application always fills (append falls back to "sconosciuto" for the
# actor): an empty one was not written by it. The entity's key is text, possibly empty.
REQUIRED_TEXT = ("actor", "entity", "action")
OTHER_TEXT = ("entity_key",)
JSON_FIELDS = ("old", "new")


@dataclass(frozen=True)
class Malformed:
    """One field of a stored entry that the application could not have written.
    `kind`: missing, not_text, timestamp, json, hash_format; `value`: a short
    excerpt of what is there (control characters escaped)."""

    entry_id: int
    field: str
    kind: str
    value: str = ""


def excerpt(value: object, limit: int = 60) -> str:
    """`value` fit for a message: at most `limit` characters, control characters and
    escapes shown as \\x1b, \\n and the like."""
    text = value if isinstance(value, str) else repr(value)
    cut = text[: limit + 1]
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in cut)
    return shown if len(text) <= limit else shown[:limit] + "…"


def parse_stamp(value: object) -> dt.datetime | None:
    """The entry's time as stored: a datetime (PostgreSQL's driver gives one) or the
    ISO text SQLite holds; None when it is neither."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def malformed(raw: Mapping[str, object]) -> tuple[list[Malformed], Entry | None]:
    """Checks one stored row (column name → value, as read without conversion) and
    returns what is malformed in it, and the Entry when the chain can be checked
    through it (every field present and text, the time readable)."""
    entry_id = raw["id"]
    found: list[Malformed] = []
    for name in (*REQUIRED_TEXT, "previous_hash", "hash"):
        value = raw[name]
        if value is None or value == "":
            found.append(Malformed(entry_id, name, "missing"))
        elif not isinstance(value, str):
            found.append(Malformed(entry_id, name, "not_text", excerpt(value)))
        elif name.endswith("hash") and (
            len(value) != HASH_HEX or any(c not in "0123456789abcdef" for c in value)
        ):
            found.append(Malformed(entry_id, name, "hash_format", excerpt(value)))
    for name in (*OTHER_TEXT, *JSON_FIELDS):
        value = raw[name]
        if value is None:
            found.append(Malformed(entry_id, name, "missing"))
        elif not isinstance(value, str):
            found.append(Malformed(entry_id, name, "not_text", excerpt(value)))
        elif value and name in JSON_FIELDS:
            try:
                json.loads(value)
            except ValueError:
                found.append(Malformed(entry_id, name, "json", excerpt(value)))
    stamp = parse_stamp(raw["at"])
    if raw["at"] is None or raw["at"] == "":
        found.append(Malformed(entry_id, "at", "missing"))
    elif stamp is None:
        found.append(Malformed(entry_id, "at", "timestamp", excerpt(raw["at"])))
    # Bad JSON still hashes (the hash covers the text): only what cannot be hashed
    # stops the entry's own check.
    blocking = [m for m in found if m.kind != "json"]
    if blocking:
        return found, None
    entry = Entry(
        entry_id,
        stamp,
        raw["actor"],
        raw["entity"],
        raw["entity_key"],
        raw["action"],
        raw["old"],
        raw["new"],
        raw["previous_hash"],
        raw["hash"],
    )
    return found, entry


# --------------------------------------------------------------------------- the whole check

# Entries past the anchor named one by one in the report; the rest are counted.
AFTER_ANCHOR_SHOWN = 10
# Malformed fields described one by one; past them the entries are kept as id ranges,
# at most MALFORMED_RANGES of them (then counted): a forged log may hold millions of
# bad entries, and neither memory nor the report may grow with them.
MALFORMED_SHOWN = 100
MALFORMED_RANGES = 200


@dataclass
class IdRanges:
    """Entry ids, ascending, kept as ranges (1-3, 7): at most `limit` ranges, then
    only counted."""

    limit: int = MALFORMED_RANGES
    ranges: list[list[int]] = field(default_factory=list)
    count: int = 0  # ids added
    left_out: int = 0  # ids past the last range kept
    last: int | None = None

    def add(self, entry_id: int) -> None:
        if entry_id == self.last:
            return
        self.count += 1
        self.last = entry_id
        if self.ranges and self.ranges[-1][1] == entry_id - 1 and not self.left_out:
            self.ranges[-1][1] = entry_id
        elif len(self.ranges) < self.limit and not self.left_out:
            self.ranges.append([entry_id, entry_id])
        else:
            self.left_out += 1


@dataclass(frozen=True)
class Added:
    """An entry past the anchor: the anchor does not vouch for it."""

    entry_id: int
    at: str
    actor: str
    entity: str
    entity_key: str
    action: str


@dataclass
class Check:
    """What `check` found walking the whole log."""

    count: int = 0
    head: Anchor = Anchor(0, GENESIS)
    broken: Break | None = None
    malformed: list[Malformed] = field(default_factory=list)  # the first MALFORMED_SHOWN
    malformed_more: IdRanges = field(default_factory=IdRanges)  # entries with the rest
    anchor: Anchor | None = None
    # Where the anchor's entry should be: "missing" (fewer entries than the anchor
    # counts) or "different" (another hash at that position); None when it holds.
    anchor_problem: str | None = None
    anchor_found: str = ""  # the hash found at the anchor's position
    anchor_entry_id: int | None = None
    added: int = 0  # entries past the anchor
    added_shown: list[Added] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.malformed and self.anchor_problem is None


def check(rows: Iterable[Mapping[str, object]], anchor: Anchor | None = None) -> Check:
    """Walks the stored rows in id order (column name → value, unconverted): the
    first broken link, every malformed entry, and whether the entry the anchor names
    is still at its position. Never raises on what a row holds."""
    result = Check(anchor=anchor)
    previous: object = GENESIS
    last_hash: object = GENESIS
    if anchor is not None and anchor.count == 0 and not GENESIS.startswith(anchor.hash):
        result.anchor_problem, result.anchor_found = "different", GENESIS
    for raw in rows:
        result.count += 1
        found, entry = malformed(raw)
        for item in found:
            if len(result.malformed) < MALFORMED_SHOWN:
                result.malformed.append(item)
            else:
                result.malformed_more.add(item.entry_id)
        if result.broken is None:
            if entry is not None:
                problem = link_problem(previous, entry)  # type: ignore[arg-type]
            elif raw["previous_hash"] != previous:
                problem = "previous_hash does not match the entry before it"
            else:
                problem = None  # its own content cannot be checked: reported as malformed
            if problem is not None:
                result.broken = Break(raw["id"], problem)
        previous = last_hash = raw["hash"]
        if anchor is None:
            continue
        if result.count == anchor.count:
            result.anchor_entry_id = raw["id"]
            found_hash = last_hash if isinstance(last_hash, str) else repr(last_hash)
            if not anchor.holds(found_hash):
                result.anchor_problem, result.anchor_found = "different", found_hash
        elif result.count > anchor.count:
            result.added += 1
            if len(result.added_shown) < AFTER_ANCHOR_SHOWN:
                result.added_shown.append(
                    Added(
                        raw["id"],
                        excerpt(str(raw["at"])[:19]),
                        *(excerpt(raw[f], 40) for f in ("actor", "entity", "entity_key", "action")),
                    )
                )
    if anchor is not None and result.count < anchor.count:
        result.anchor_problem = "missing"
    result.head = Anchor(result.count, last_hash if isinstance(last_hash, str) else "")
    return result
