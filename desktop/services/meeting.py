"""The committee's sitting (seduta): attendance, declarations, the agenda, who
leaves and returns on each item, notes, live decisions and closing.

Every change is one transaction with its audit entry. Decisions admitted / not
admitted are the committee's decisions of desktop.services.ranking (so they land in
the ranking and the letters); "deferred" is the agenda item's state only.
The rules (movements, exits, the order, quorum, votes) are in
desktop/domain/meeting.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from db.engine import Database
from desktop.domain.calls import CallDefinition
from desktop.domain.problems import Problem

OUTCOMES = ("admitted", "not_admitted", "deferred")


class MeetingProblem(Problem):
    """A refusal of the sitting's rules (no quorum, a conflicted member present, no
    open sitting…), in Italian and English."""


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class AttendanceView:
    member: str
    role: str  # chair / member / secretary
    present: bool


@dataclass(frozen=True)
class DeclarationView:
    member: str
    code: str | None  # None: "no conflict of interest"
    reason: str
    declared_at: dt.datetime


@dataclass(frozen=True)
class SittingView:
    id: int
    call_id: str
    session_code: str
    number: int
    date: dt.date
    place: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    state: str  # open / closed
    item_target_minutes: int
    opened_by: str
    attendance: tuple[AttendanceView, ...] = ()
    declarations: tuple[DeclarationView, ...] = ()

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(a.member for a in self.attendance if a.present)

    @property
    def absent(self) -> tuple[str, ...]:
        return tuple(a.member for a in self.attendance if not a.present)


@dataclass(frozen=True)
class AgendaItemView:
    position: int  # 1, 2, …
    code: str
    title: str
    state: str  # pending / current / done / deferred
    conflicted: tuple[str, ...]  # members (names) conflicted on it
    ranking_position: int | None
    ranking_status: str  # scoring status (finanziabile…)
    disagreement: bool
    decision: str | None  # admitted / not_admitted / None


@dataclass(frozen=True)
class AgendaView:
    sitting_id: int
    items: tuple[AgendaItemView, ...]
    exits_current: int  # exits along the agenda as it is
    exits_before: int | None = None  # when optimised: the current order's exits
    exits_after: int | None = None  # when optimised: the proposed order's exits
    optimised: bool = False  # items are the proposed order (not yet applied)

    @property
    def saving(self) -> int:
        if self.exits_before is None or self.exits_after is None:
            return 0
        return self.exits_before - self.exits_after


@dataclass(frozen=True)
class ItemView:
    code: str
    title: str
    position: int
    state: str
    must_leave: tuple[str, ...]  # present members conflicted on it, not yet out
    may_return: tuple[str, ...]  # out for the previous item, not conflicted on this
    out: tuple[str, ...]  # members confirmed out for this item
    cleared: bool  # every conflicted present member confirmed out: show the item
    started_at: dt.datetime | None
    seconds_spent: int
    timer_running: bool
    notes: str


@dataclass(frozen=True)
class DecisionView:
    code: str
    outcome: str  # admitted / not_admitted / deferred
    reasons: str
    votes: tuple[int, int, int] | None  # None: unanimous
    departure: bool  # against the proposal (confirmed)
    decided_at: dt.datetime
    admitted_total_cents: int  # grants admitted in the session after this decision
    budget_cents: int


@dataclass(frozen=True)
class CriterionLine:
    key: str
    label: str
    weight: Decimal
    maximum: Decimal
    mean: Decimal | None
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class ProposalView:
    position: int | None
    status: str  # scoring status
    above_line: bool
    budget_left_cents: int


@dataclass(frozen=True)
class RoomItem:
    code: str
    title: str
    lead_partner: str
    partners: tuple[str, ...]
    district: int | None
    cost_cents: int | None
    grant_cents: int | None
    objectives: tuple[str, ...]
    criteria: tuple[CriterionLine, ...]
    total: Decimal | None
    spread: Decimal | None
    disagreement: bool
    motivations: tuple[str, ...]  # quotable motivations, never who wrote them
    proposal: ProposalView
    state: str
    decision: str | None


@dataclass(frozen=True)
class RoomState:
    sitting: SittingView | None
    elapsed_seconds: int  # since the sitting opened
    current: RoomItem | None
    next: RoomItem | None
    then: RoomItem | None
    must_leave: tuple[str, ...]
    may_return: tuple[str, ...]
    cleared: bool
    item_seconds: int
    item_target_seconds: int
    timer_running: bool
    admitted_total_cents: int
    budget_cents: int
    done: int = 0
    remaining: int = 0
    calls_back: tuple[str, ...] = field(default=())  # the kiosk: called back in


# --------------------------------------------------------------------------- operations


def open_sitting(
    database: Database,
    call: CallDefinition,
    session_code: str,
    *,
    date: dt.date | None = None,
    place: str = "",
    present: list[str],
    absent: list[str] = (),
    secretary: str | None = None,
) -> SittingView:
    raise NotImplementedError


def current_sitting(database: Database, call: CallDefinition) -> SittingView | None:
    raise NotImplementedError


def list_sittings(database: Database, call: CallDefinition) -> list[SittingView]:
    raise NotImplementedError


def resume_sitting(database: Database, call: CallDefinition, sitting_id: int) -> SittingView:
    raise NotImplementedError


def declare(
    database: Database,
    call: CallDefinition,
    member: str,
    conflicts: list[tuple[str, str]] = (),
) -> SittingView:
    raise NotImplementedError


def agenda(database: Database, call: CallDefinition, *, optimise: bool = False) -> AgendaView:
    raise NotImplementedError


def move_item(database: Database, call: CallDefinition, code: str, new_position: int) -> AgendaView:
    raise NotImplementedError


def apply_order(database: Database, call: CallDefinition, codes: list[str]) -> AgendaView:
    raise NotImplementedError


def start_item(database: Database, call: CallDefinition, code: str) -> ItemView:
    raise NotImplementedError


def confirm_left(database: Database, call: CallDefinition, code: str, members: list[str]) -> ItemView:
    raise NotImplementedError


def pause_timer(database: Database, call: CallDefinition) -> ItemView:
    raise NotImplementedError


def resume_timer(database: Database, call: CallDefinition) -> ItemView:
    raise NotImplementedError


def note(database: Database, call: CallDefinition, code: str, text: str) -> ItemView:
    raise NotImplementedError


def decide(
    database: Database,
    call: CallDefinition,
    code: str,
    outcome: str,
    reasons: str,
    votes: tuple[int, int, int] | None = None,
    confirm_departure: bool = False,
) -> DecisionView:
    raise NotImplementedError


def room_state(database: Database, call: CallDefinition) -> RoomState:
    raise NotImplementedError


def close_sitting(database: Database, call: CallDefinition) -> SittingView:
    raise NotImplementedError
