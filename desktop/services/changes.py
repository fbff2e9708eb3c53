"""What a change to the database touched, so that every open view refreshes what it
shows, and only that (Anki's `OpChanges`, in our domain's words).

A change operation returns `Changed(value, changes)`; the operations layer
broadcasts `changes` to every open view once the transaction is committed. A view
asks `changes.touches(...)` with the kinds of data it shows.

`applications` names the applications whose own data or eligibility changed;
`None` means "any of them" (an import, a re-check).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    APPLICATIONS = "applications"  # data of the applications, partners, history
    ELIGIBILITY = "eligibility"  # outcomes of the formal check, overrides
    COMMITTEE = "committee"  # members and their links
    CONFLICTS = "conflicts"
    ASSIGNMENTS = "assignments"
    SHEETS = "sheets"  # score sheets: drafts, submissions, reopenings
    DECISIONS = "decisions"
    CAMPAIGNS = "campaigns"  # campaigns, donations, links, outcomes
    LETTERS = "letters"  # decision letters: generated, approved, protocolled, sent, receipts
    MEETING = "meeting"  # the sitting: attendance, declarations, agenda, items, decisions
    SETTINGS = "settings"  # platform address, sync interval…


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[Kind] = frozenset()
    applications: frozenset[str] | None = None  # codes; None = any

    @classmethod
    def of(cls, *kinds: Kind, applications: Iterable[str] | None = None) -> Changes:
        return cls(frozenset(kinds), None if applications is None else frozenset(applications))

    def touches(self, *kinds: Kind) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def touches_application(self, code: str) -> bool:
        return self.applications is None or code in self.applications

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        if not other.kinds:
            return self
        if not self.kinds:
            return other
        if self.applications is None or other.applications is None:
            return Changes(self.kinds | other.kinds, None)
        return Changes(self.kinds | other.kinds, self.applications | other.applications)


NOTHING = Changes()


@dataclass(frozen=True)
class Changed(Generic[T]):
    """The result of a change: what the caller asked for, and what it touched."""

    value: T
    changes: Changes = field(default=NOTHING)
