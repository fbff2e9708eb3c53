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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import (
    AgendaItem,
    Applicant,
    Application,
    CommitteeMember,
    Conflict,
    Decision,
    ItemMovement,
    ScoreSheet,
    Sitting,
    SittingAttendance,
    SittingDeclaration,
)
from desktop.domain import formatting, vocabulary
from desktop.domain import meeting as rules
from desktop.domain.calls import CallDefinition
from desktop.domain.problems import Problem
from desktop.services import audit
from desktop.services.committee import find_application, find_member
from desktop.services.ranking import (
    EXCLUDING_CONFLICTS,
    RankingEntry,
    RankingResult,
    check_decision,
    load_ranking,
    write_decision,
)
from desktop.services.store import ensure_call

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


# --------------------------------------------------------------------------- helpers

FUNDABLE = "finanziabile"
VOTING_ROLES = ("chair", "member")
CONFLICT_REASON = "conflitto di interessi"
# Not on the agenda: the formal check excluded them.
_OFF_AGENDA = ("non_ammissibile",)
# After the ranked applications, in this order.
_TAIL = ("non_idoneo", "valutazione_incompleta", "da_verificare")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _sitting_key(call: CallDefinition, sitting: Sitting) -> str:
    return f"{call.id}/{sitting.session_code}/{sitting.number}"


def _open(session: Session, call: CallDefinition) -> Sitting:
    sitting = session.scalars(
        select(Sitting).where(Sitting.call_id == call.id, Sitting.state == "open")
    ).first()
    if sitting is None:
        raise MeetingProblem(
            "nessuna seduta aperta: aprirla con «meeting open --session …» (o riprenderne una)",
            "no open sitting: open one with 'meeting open --session …' (or resume one)",
        )
    return sitting


def _members(session: Session, call_id: str) -> dict[int, CommitteeMember]:
    rows = session.scalars(
        select(CommitteeMember)
        .where(CommitteeMember.call_id == call_id)
        .order_by(CommitteeMember.id)
    ).all()
    return {m.id: m for m in rows}


def _attendance(session: Session, sitting: Sitting) -> dict[int, SittingAttendance]:
    rows = session.scalars(
        select(SittingAttendance).where(SittingAttendance.sitting_id == sitting.id)
    ).all()
    return {a.member_id: a for a in rows}


def _role_order(role: str) -> int:
    return {"chair": 0, "member": 1, "secretary": 2}.get(role, 3)


def _view(session: Session, sitting: Sitting) -> SittingView:
    names = {m.id: m.name for m in session.scalars(select(CommitteeMember)).all()}
    attendance = sorted(
        _attendance(session, sitting).values(),
        key=lambda a: (_role_order(a.role), names.get(a.member_id, "")),
    )
    codes = dict(session.execute(select(Application.id, Application.code)).all())
    declarations = session.scalars(
        select(SittingDeclaration)
        .where(SittingDeclaration.sitting_id == sitting.id)
        .order_by(SittingDeclaration.id)
    ).all()
    return SittingView(
        id=sitting.id,
        call_id=sitting.call_id,
        session_code=sitting.session_code,
        number=sitting.number,
        date=sitting.date,
        place=sitting.place,
        opened_at=sitting.opened_at,
        closed_at=sitting.closed_at,
        state=sitting.state,
        item_target_minutes=sitting.item_target_minutes,
        opened_by=sitting.opened_by,
        attendance=tuple(
            AttendanceView(names.get(a.member_id, "?"), a.role, a.present) for a in attendance
        ),
        declarations=tuple(
            DeclarationView(
                names.get(d.member_id, "?"),
                codes.get(d.application_id) if d.application_id else None,
                d.reason,
                d.declared_at,
            )
            for d in declarations
        ),
    )


def _items(session: Session, sitting: Sitting) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.sitting_id == sitting.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
    )


def _item(session: Session, call: CallDefinition, sitting: Sitting, code: str) -> AgendaItem:
    application = find_application(session, call, code)
    item = session.scalars(
        select(AgendaItem).where(
            AgendaItem.sitting_id == sitting.id, AgendaItem.application_id == application.id
        )
    ).one_or_none()
    if item is None:
        raise MeetingProblem(
            f"la domanda {application.code} non è all'ordine del giorno della seduta "
            f"n. {sitting.number}: vedere «meeting agenda»",
            f"application {application.code} is not on sitting {sitting.number}'s agenda: "
            "see 'meeting agenda'",
        )
    return item


def _conflicted(session: Session, sitting: Sitting, application_ids) -> dict[int, set[int]]:
    """application id → member ids conflicted on it: confirmed or proposed conflicts
    and this sitting's declarations."""
    ids = list(application_ids)
    found: dict[int, set[int]] = {i: set() for i in ids}
    if not ids:
        return found
    for member_id, application_id in session.execute(
        select(Conflict.member_id, Conflict.application_id).where(
            Conflict.application_id.in_(ids), Conflict.status.in_(EXCLUDING_CONFLICTS)
        )
    ):
        found[application_id].add(member_id)
    for member_id, application_id in session.execute(
        select(SittingDeclaration.member_id, SittingDeclaration.application_id).where(
            SittingDeclaration.sitting_id == sitting.id,
            SittingDeclaration.application_id.in_(ids),
        )
    ):
        found[application_id].add(member_id)
    return found


def _out(session: Session, sitting: Sitting) -> set[int]:
    """Members out of the room now (their last movement at this sitting is 'left')."""
    last: dict[int, str] = {}
    for member_id, action in session.execute(
        select(ItemMovement.member_id, ItemMovement.action)
        .join(AgendaItem, AgendaItem.id == ItemMovement.agenda_item_id)
        .where(AgendaItem.sitting_id == sitting.id)
        .order_by(ItemMovement.at, ItemMovement.id)
    ):
        last[member_id] = action
    return {m for m, action in last.items() if action == "left"}


def _present(session: Session, sitting: Sitting) -> set[int]:
    return {m for m, a in _attendance(session, sitting).items() if a.present}


def _code(session: Session, application_id: int) -> str:
    return session.get(Application, application_id).code


def _spent(item: AgendaItem, now: dt.datetime) -> int:
    running = int((now - item.running_since).total_seconds()) if item.running_since else 0
    return item.seconds_spent + max(0, running)


def _stop(item: AgendaItem, now: dt.datetime) -> None:
    if item.running_since is not None:
        item.seconds_spent = _spent(item, now)
        item.running_since = None


def _names(members: dict[int, CommitteeMember], ids) -> tuple[str, ...]:
    return tuple(sorted(members[i].name for i in ids if i in members))


def _movement(session, item, member_id, action, reason, user, now) -> ItemMovement:
    movement = ItemMovement(
        agenda_item_id=item.id,
        member_id=member_id,
        action=action,
        at=now,
        reason=reason,
        confirmed_by=user,
    )
    session.add(movement)
    return movement


def _begin(database: Database, session: Session) -> None:
    database.lock_for_writing(session)


def _ranking(database: Database, call: CallDefinition, session_code: str) -> RankingResult:
    return load_ranking(database, call, session_code)


def default_agenda(ranking: RankingResult) -> list[str]:
    """The session's ranking order, then the flagged for disagreement, those below the
    minimum, the incompletely scored, those left to check; never the excluded."""
    ranked = [e.code for e in ranking.entries if e.position is not None]
    seen = set(ranked)
    rest = [e for e in ranking.entries if e.position is None and e.status not in _OFF_AGENDA]
    tail = [e.code for e in rest if e.disagreement]
    for status in _TAIL:
        tail += [e.code for e in rest if e.status == status and not e.disagreement]
    return ranked + [c for c in tail if c not in seen]


# --------------------------------------------------------------------------- the sitting


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
    user: str | None = None,
) -> SittingView:
    """Opens a sitting with its attendance (members not named are recorded absent)
    and its agenda in the default order (:func:`default_agenda`)."""
    known = [s.code for s in call.sessions]
    if session_code not in known:
        raise MeetingProblem(
            f"sessione {session_code!r} sconosciuta; sessioni del bando: {', '.join(known)}",
            f"unknown session {session_code!r}; the call's sessions: {', '.join(known)}",
        )
    if not present:
        raise MeetingProblem(
            "indicare i componenti presenti (--present NOME …)",
            "name the members present (--present NAME …)",
        )
    ranking = _ranking(database, call, session_code)
    codes = default_agenda(ranking)
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        ensure_call(session.connection(), call)
        already = session.scalars(
            select(Sitting).where(Sitting.call_id == call.id, Sitting.state == "open")
        ).first()
        if already is not None:
            raise MeetingProblem(
                f"la seduta n. {already.number} della sessione {already.session_code} è ancora "
                "aperta: chiuderla («meeting close») prima di aprirne un'altra",
                f"sitting {already.number} of session {already.session_code} is still open: "
                "close it ('meeting close') before opening another",
            )
        chosen_present = [find_member(session, call, n) for n in present]
        chosen_absent = [find_member(session, call, n) for n in absent]
        both = {m.name for m in chosen_present} & {m.name for m in chosen_absent}
        if both:
            raise MeetingProblem(
                f"{', '.join(sorted(both))}: presente e assente insieme; indicarlo una volta",
                f"{', '.join(sorted(both))}: both present and absent; name them once",
            )
        secretary_member = find_member(session, call, secretary) if secretary else None
        if secretary_member is not None and secretary_member.id not in {
            m.id for m in chosen_present
        }:
            raise MeetingProblem(
                f"il segretario {secretary_member.name} deve essere tra i presenti",
                f"the secretary {secretary_member.name} must be among those present",
            )
        number = (
            session.execute(
                select(func.max(Sitting.number)).where(
                    Sitting.call_id == call.id, Sitting.session_code == session_code
                )
            ).scalar()
            or 0
        ) + 1
        sitting = Sitting(
            call_id=call.id,
            session_code=session_code,
            number=number,
            date=date or now.date(),
            place=" ".join((place or "").split()),
            opened_at=now,
            closed_at=None,
            state="open",
            item_target_minutes=call.meeting.item_target_minutes,
            opened_by=user,
        )
        session.add(sitting)
        session.flush()
        present_ids = {m.id for m in chosen_present}
        for member in _members(session, call.id).values():
            if not member.active and member.id not in present_ids:
                continue
            role = member.role
            if secretary_member is not None:
                if member.id == secretary_member.id:
                    role = "secretary"
                elif role == "secretary":
                    role = "member"
            session.add(
                SittingAttendance(
                    sitting_id=sitting.id,
                    member_id=member.id,
                    present=member.id in present_ids,
                    role=role,
                    noted_at=now,
                )
            )
        ids = dict(
            session.execute(
                select(Application.code, Application.id).where(Application.call_id == call.id)
            ).all()
        )
        for position, code in enumerate(codes, start=1):
            session.add(
                AgendaItem(
                    sitting_id=sitting.id,
                    application_id=ids[code],
                    position=position,
                    state="pending",
                    seconds_spent=0,
                    notes="",
                    outcome="",
                    reasons="",
                    departure=False,
                )
            )
        session.flush()
        view = _view(session, sitting)
        audit.append(
            session,
            "sitting",
            _sitting_key(call, sitting),
            "open",
            None,
            {
                "date": sitting.date.isoformat(),
                "place": sitting.place,
                "present": list(view.present),
                "absent": list(view.absent),
                "roles": {a.member: a.role for a in view.attendance},
                "agenda": codes,
            },
            actor=user,
        )
    return view


def current_sitting(database: Database, call: CallDefinition) -> SittingView | None:
    with database.session() as session:
        sitting = session.scalars(
            select(Sitting).where(Sitting.call_id == call.id, Sitting.state == "open")
        ).first()
        return None if sitting is None else _view(session, sitting)


def list_sittings(database: Database, call: CallDefinition) -> list[SittingView]:
    with database.session() as session:
        sittings = session.scalars(
            select(Sitting)
            .where(Sitting.call_id == call.id)
            .order_by(Sitting.opened_at, Sitting.id)
        ).all()
        return [_view(session, s) for s in sittings]


def sitting_view(database: Database, call: CallDefinition, sitting_id: int) -> SittingView:
    with database.session() as session:
        return _view(session, _by_id(session, call, sitting_id))


def _by_id(session: Session, call: CallDefinition, sitting_id: int) -> Sitting:
    sitting = session.get(Sitting, sitting_id)
    if sitting is None or sitting.call_id != call.id:
        raise MeetingProblem(
            f"seduta {sitting_id} non trovata nel bando {call.id}: vedere «meeting list»",
            f"sitting {sitting_id} not found in call {call.id}: see 'meeting list'",
        )
    return sitting


def resume_sitting(database: Database, call: CallDefinition, sitting_id: int) -> SittingView:
    """An open sitting is simply the current one; a closed one is never reopened (its
    minutes may be signed): open a new sitting instead."""
    with database.session() as session:
        sitting = _by_id(session, call, sitting_id)
        if sitting.state == "closed":
            raise MeetingProblem(
                f"la seduta n. {sitting.number} è chiusa e non si riapre (il verbale può "
                "essere già sottoscritto): aprire una nuova seduta per continuare",
                f"sitting {sitting.number} is closed and is not reopened (its minutes may "
                "be signed already): open a new sitting to continue",
            )
        return _view(session, sitting)


def set_attendance(
    database: Database, call: CallDefinition, member: str, present: bool, user: str | None = None
) -> SittingView:
    """A member arrives or leaves the sitting (not for a conflict: see confirm_left)."""
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        person = find_member(session, call, member)
        row = session.get(SittingAttendance, (sitting.id, person.id))
        old = None if row is None else row.present
        if row is None:
            row = SittingAttendance(
                sitting_id=sitting.id, member_id=person.id, role=person.role, noted_at=now
            )
            session.add(row)
        row.present, row.noted_at = present, now
        session.flush()
        audit.append(
            session,
            "sitting_attendance",
            f"{_sitting_key(call, sitting)}/{person.name}",
            "set",
            old,
            present,
            actor=user,
        )
        return _view(session, sitting)


def declare(
    database: Database,
    call: CallDefinition,
    member: str,
    conflicts: list[tuple[str, str]] = (),
    user: str | None = None,
) -> SittingView:
    """A present member's declaration: no conflict of interest (no `conflicts`) or a
    conflict on each named application, with its reason (also recorded as a confirmed
    conflict, source "declared", when not already one)."""
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        person = find_member(session, call, member)
        if person.id not in _present(session, sitting):
            raise MeetingProblem(
                f"{person.name} non risulta presente alla seduta: registrarne la presenza prima "
                "della dichiarazione",
                f"{person.name} is not recorded present at the sitting: record the attendance "
                "before the declaration",
            )
        key = f"{_sitting_key(call, sitting)}/{person.name}"
        if not conflicts:
            session.add(
                SittingDeclaration(
                    sitting_id=sitting.id,
                    member_id=person.id,
                    application_id=None,
                    reason="",
                    declared_at=now,
                )
            )
            session.flush()
            audit.append(session, "sitting_declaration", key, "none", None, {}, actor=user)
        for code, reason in conflicts:
            reason = " ".join((reason or "").split())
            if not reason:
                raise MeetingProblem(
                    f"indicare il motivo del conflitto di interessi su {code} (--reason)",
                    f"give the reason for the conflict of interest on {code} (--reason)",
                )
            application = find_application(session, call, code)
            session.add(
                SittingDeclaration(
                    sitting_id=sitting.id,
                    member_id=person.id,
                    application_id=application.id,
                    reason=reason,
                    declared_at=now,
                )
            )
            conflict = session.scalars(
                select(Conflict).where(
                    Conflict.member_id == person.id, Conflict.application_id == application.id
                )
            ).one_or_none()
            if conflict is None or conflict.status != "confirmed":
                old = None if conflict is None else {"status": conflict.status}
                if conflict is None:
                    conflict = Conflict(
                        member_id=person.id,
                        application_id=application.id,
                        source="declared",
                        created_at=now,
                    )
                    session.add(conflict)
                conflict.status, conflict.reason = "confirmed", reason
                conflict.decided_by, conflict.decided_at = user, now
                session.flush()
                audit.append(
                    session,
                    "conflict",
                    f"{application.code}/{person.name}",
                    "declare",
                    old,
                    {
                        "status": "confirmed",
                        "source": conflict.source,
                        "reason": reason,
                        "call": call.id,
                        "sitting": _sitting_key(call, sitting),
                    },
                    actor=user,
                )
            session.flush()
            audit.append(
                session,
                "sitting_declaration",
                key,
                "conflict",
                None,
                {"application": application.code, "reason": reason},
                actor=user,
            )
        return _view(session, sitting)


def close_sitting(database: Database, call: CallDefinition, user: str | None = None) -> SittingView:
    """Closes the open sitting: the item under discussion goes back to the agenda
    (undecided), members still out are called back in."""
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        items = _items(session, sitting)
        current = next((i for i in items if i.state == "current"), None)
        if current is not None:
            _stop(current, now)
            current.state = "pending"
        out = _out(session, sitting)
        if out:
            anchor = current or max(
                (i for i in items if i.started_at is not None),
                key=lambda i: i.started_at,
                default=None,
            )
            for member_id in sorted(out):
                if anchor is not None:
                    _movement(
                        session, anchor, member_id, "returned", "chiusura della seduta", user, now
                    )
        sitting.state, sitting.closed_at = "closed", now
        session.flush()
        done = sum(1 for i in items if i.state == "done")
        audit.append(
            session,
            "sitting",
            _sitting_key(call, sitting),
            "close",
            {"state": "open"},
            {
                "state": "closed",
                "decided": done,
                "deferred": sum(1 for i in items if i.state == "deferred"),
            },
            actor=user,
        )
        return _view(session, sitting)


# --------------------------------------------------------------------------- the agenda


def _agenda_view(
    session: Session,
    sitting: Sitting,
    ranking: RankingResult,
    items: list[AgendaItem] | None = None,
) -> AgendaView:
    items = _items(session, sitting) if items is None else items
    members = _members(session, sitting.call_id)
    present = _present(session, sitting)
    conflicted = _conflicted(session, sitting, [i.application_id for i in items])
    entries = {e.code: e for e in ranking.entries}
    titles = dict(
        session.execute(
            select(Application.id, Application.code).where(
                Application.id.in_([i.application_id for i in items])
            )
        ).all()
    )
    decisions = dict(
        session.execute(
            select(Decision.application_id, Decision.decision).where(
                Decision.application_id.in_([i.application_id for i in items])
            )
        ).all()
    )
    views = []
    for position, item in enumerate(items, start=1):
        code = titles[item.application_id]
        entry = entries.get(code)
        views.append(
            AgendaItemView(
                position=position,
                code=code,
                title=entry.title if entry else session.get(Application, item.application_id).title,
                state=item.state,
                conflicted=_names(members, conflicted[item.application_id]),
                ranking_position=entry.position if entry else None,
                ranking_status=entry.status if entry else "",
                disagreement=bool(entry and entry.disagreement),
                decision=decisions.get(item.application_id),
            )
        )
    order = [frozenset(conflicted[i.application_id] & present) for i in items]
    return AgendaView(sitting.id, tuple(views), rules.exits(order))


def agenda(database: Database, call: CallDefinition, *, optimise: bool = False) -> AgendaView:
    """The open sitting's agenda; with `optimise`, the order of the items still to
    discuss with fewer exits (not applied: :func:`apply_order`), exits before and
    after. Exits count present members only (an absent member leaves nothing)."""
    with database.session() as session:
        sitting = _open(session, call)
        session_code = sitting.session_code
    ranking = _ranking(database, call, session_code)
    with database.session() as session:
        sitting = _open(session, call)
        view = _agenda_view(session, sitting, ranking)
    if not optimise:
        return view
    fixed = [v for v in view.items if v.state in ("done", "current")]
    open_items = [v for v in view.items if v.state not in ("done", "current")]
    present_names = None
    with database.session() as session:
        sitting = _open(session, call)
        members = _members(session, call.id)
        present_names = set(_names(members, _present(session, sitting)))
    entries = [
        rules.AgendaEntry(v.code, v.position, frozenset(v.conflicted) & present_names)
        for v in open_items
    ]
    before = rules.exits([e.conflicted for e in entries])
    ordered = rules.optimise_order(entries)
    after = rules.exits([e.conflicted for e in ordered])
    by_code = {v.code: v for v in open_items}
    items = tuple([*fixed, *(by_code[e.code] for e in ordered)])
    items = tuple(
        AgendaItemView(**{**item.__dict__, "position": n}) for n, item in enumerate(items, 1)
    )
    return AgendaView(
        view.sitting_id,
        items,
        view.exits_current,
        exits_before=before,
        exits_after=after,
        optimised=True,
    )


def apply_order(
    database: Database, call: CallDefinition, codes: list[str], user: str | None = None
) -> AgendaView:
    """Puts the agenda in this order: `codes` names every item once, or only the
    items still to discuss (the discussed ones then keep their places first)."""
    user = user or audit.current_user()
    with database.session() as session:
        session_code = _open(session, call).session_code
    ranking = _ranking(database, call, session_code)
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        items = _items(session, sitting)
        code_of = dict(
            session.execute(
                select(Application.id, Application.code).where(
                    Application.id.in_([i.application_id for i in items])
                )
            ).all()
        )
        by_code = {code_of[i.application_id]: i for i in items}
        wanted = [c.strip() for c in codes]
        settled = [code_of[i.application_id] for i in items if i.state in ("done", "current")]
        if set(wanted) == set(by_code) and len(wanted) == len(by_code):
            order = wanted
        elif set(wanted) == set(by_code) - set(settled) and len(wanted) == len(set(wanted)):
            order = settled + wanted
        else:
            unknown = sorted(set(wanted) - set(by_code))
            missing = sorted(set(by_code) - set(wanted) - set(settled))
            raise MeetingProblem(
                "l'ordine deve nominare una volta ogni punto dell'ordine del giorno"
                + (f"; non all'ordine del giorno: {', '.join(unknown)}" if unknown else "")
                + (f"; mancano: {', '.join(missing)}" if missing else ""),
                "the order must name every agenda item once"
                + (f"; not on the agenda: {', '.join(unknown)}" if unknown else "")
                + (f"; missing: {', '.join(missing)}" if missing else ""),
            )
        old = [code_of[i.application_id] for i in items]
        for position, code in enumerate(order, start=1):
            by_code[code].position = position
        session.flush()
        if old != order:
            audit.append(
                session, "agenda", _sitting_key(call, sitting), "order", old, order, actor=user
            )
        items = sorted(items, key=lambda i: i.position)
        return _agenda_view(session, sitting, ranking, items)


def move_item(
    database: Database, call: CallDefinition, code: str, new_position: int, user: str | None = None
) -> AgendaView:
    """Moves one item to `new_position` (1 = first)."""
    with database.session() as session:
        sitting = _open(session, call)
        items = _items(session, sitting)
        target = _item(session, call, sitting, code)
        codes = [_code(session, i.application_id) for i in items]
        moved = _code(session, target.application_id)
    if not 1 <= new_position <= len(codes):
        raise MeetingProblem(
            f"posizione {new_position} fuori dall'ordine del giorno (1–{len(codes)})",
            f"position {new_position} is outside the agenda (1–{len(codes)})",
        )
    codes.remove(moved)
    codes.insert(new_position - 1, moved)
    return apply_order(database, call, codes, user=user)


# --------------------------------------------------------------------------- items


def _item_view(session: Session, call, sitting: Sitting, item: AgendaItem, now) -> ItemView:
    members = _members(session, call.id)
    present = _present(session, sitting)
    out = _out(session, sitting)
    conflicted = _conflicted(session, sitting, [item.application_id])[item.application_id]
    must_leave = (conflicted & present) - out
    may_return = out - conflicted
    application = session.get(Application, item.application_id)
    return ItemView(
        code=application.code,
        title=application.title,
        position=item.position,
        state=item.state,
        must_leave=_names(members, must_leave),
        may_return=_names(members, may_return),
        out=_names(members, out & conflicted),
        cleared=not must_leave,
        started_at=item.started_at,
        seconds_spent=_spent(item, now),
        timer_running=item.running_since is not None,
        notes=item.notes,
    )


def start_item(
    database: Database, call: CallDefinition, code: str, user: str | None = None
) -> ItemView:
    """Makes `code` the item under discussion: the previous one goes back to the
    agenda if undecided; members out for it and not conflicted on this one are
    called back in (recorded as returned); the view says who must leave now (the
    console shows the item once :func:`confirm_left` records them out)."""
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        item = _item(session, call, sitting, code)
        if item.state == "done":
            raise MeetingProblem(
                f"la domanda {code} è già stata decisa in questa seduta",
                f"application {code} was already decided at this sitting",
            )
        if item.state != "current":
            for other in _items(session, sitting):
                if other.state == "current":
                    _stop(other, now)
                    other.state = "pending"
            item.state = "current"
            item.started_at = item.started_at or now
            item.running_since = now
        conflicted = _conflicted(session, sitting, [item.application_id])[item.application_id]
        members = _members(session, call.id)
        returned = sorted(_out(session, sitting) - conflicted)
        for member_id in returned:
            _movement(session, item, member_id, "returned", "rientro in aula", user, now)
        session.flush()
        view = _item_view(session, call, sitting, item, now)
        audit.append(
            session,
            "agenda_item",
            f"{_sitting_key(call, sitting)}/{view.code}",
            "start",
            None,
            {"must_leave": list(view.must_leave), "returned": list(_names(members, returned))},
            actor=user,
        )
        return view


def confirm_left(
    database: Database,
    call: CallDefinition,
    code: str,
    members: list[str],
    user: str | None = None,
) -> ItemView:
    """Records that these members left the room for the item (each must be conflicted
    on it); the item is shown once every conflicted member present is out."""
    user = user or audit.current_user()
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        item = _item(session, call, sitting, code)
        if item.state != "current":
            raise MeetingProblem(
                f"la domanda {code} non è in trattazione: iniziarla prima («meeting start {code}»)",
                f"application {code} is not under discussion: start it first "
                f"('meeting start {code}')",
            )
        conflicted = _conflicted(session, sitting, [item.application_id])[item.application_id]
        out = _out(session, sitting)
        people = [find_member(session, call, name) for name in members]
        wrong = [p.name for p in people if p.id not in conflicted]
        if wrong:
            raise MeetingProblem(
                f"{', '.join(wrong)}: nessun conflitto di interessi su {code}; esce solo chi è "
                "in conflitto (dichiararlo prima, se c'è)",
                f"{', '.join(wrong)}: no conflict of interest on {code}; only conflicted "
                "members leave (declare it first, if there is one)",
            )
        left = []
        for person in people:
            if person.id in out:
                continue
            _movement(session, item, person.id, "left", CONFLICT_REASON, user, now)
            left.append(person.name)
        session.flush()
        view = _item_view(session, call, sitting, item, now)
        if left:
            audit.append(
                session,
                "agenda_item",
                f"{_sitting_key(call, sitting)}/{view.code}",
                "left",
                None,
                {"left": left, "reason": CONFLICT_REASON},
                actor=user,
            )
        return view


def item_view(database: Database, call: CallDefinition, code: str) -> ItemView:
    with database.session() as session:
        sitting = _open(session, call)
        return _item_view(session, call, sitting, _item(session, call, sitting, code), _now())


def _current(session: Session, sitting: Sitting) -> AgendaItem:
    item = next((i for i in _items(session, sitting) if i.state == "current"), None)
    if item is None:
        raise MeetingProblem(
            "nessuna domanda in trattazione: iniziarne una", "no item under discussion: start one"
        )
    return item


def _timer(database, call, running: bool, user) -> ItemView:
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        item = _current(session, sitting)
        if running and item.running_since is None:
            item.running_since = now
        elif not running:
            _stop(item, now)
        session.flush()
        return _item_view(session, call, sitting, item, now)


def pause_timer(database: Database, call: CallDefinition, user: str | None = None) -> ItemView:
    return _timer(database, call, False, user)


def resume_timer(database: Database, call: CallDefinition, user: str | None = None) -> ItemView:
    return _timer(database, call, True, user)


def note(
    database: Database, call: CallDefinition, code: str, text: str, user: str | None = None
) -> ItemView:
    """The secretary's summary of the discussion of an item (replaces the earlier one)."""
    user = user or audit.current_user()
    now = _now()
    text = (text or "").strip()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        item = _item(session, call, sitting, code)
        old = item.notes
        item.notes = text
        session.flush()
        view = _item_view(session, call, sitting, item, now)
        if old != text:
            audit.append(
                session,
                "agenda_item",
                f"{_sitting_key(call, sitting)}/{view.code}",
                "note",
                old or None,
                text,
                actor=user,
            )
        return view


# --------------------------------------------------------------------------- decisions


def _funded_after(
    ranking: RankingResult, admitted: set[str], refused: set[str]
) -> tuple[set[str], int]:
    """Above the line once the committee's decisions are applied: the admitted first,
    then the ranking in order while the budget lasts (never skipping one)."""
    grants = {e.code: e.grant_cents or 0 for e in ranking.entries}
    total = sum(grants[c] for c in admitted)
    funded = set(admitted)
    for entry in ranking.ranked:
        if entry.code in admitted or entry.code in refused:
            continue
        if entry.grant_cents is None or total + entry.grant_cents > ranking.budget_cents:
            break
        total += entry.grant_cents
        funded.add(entry.code)
    return funded, total


def _admitted_total(ranking: RankingResult) -> int:
    return sum(
        e.grant_cents or 0
        for e in ranking.entries
        if e.decision is not None and e.decision.decision == "admitted"
    )


def _codes_text(codes) -> str:
    return ", ".join(sorted(codes)) if codes else "nessuna"


def _departure(ranking: RankingResult, code: str, outcome: str) -> tuple[bool, str, str]:
    """(departs from the proposal, Italian, English) with the effect on the line."""
    entry = next((e for e in ranking.entries if e.code == code), None)
    status = entry.status if entry else ""
    proposed_admitted = status == FUNDABLE
    if outcome == "deferred" or (outcome == "admitted") == proposed_admitted:
        return False, "", ""
    decided = {e.code: e.decision.decision for e in ranking.entries if e.decision is not None}
    admitted = {c for c, d in decided.items() if d == "admitted"}
    refused = {c for c, d in decided.items() if d == "not_admitted"}
    before, _ = _funded_after(ranking, admitted, refused)
    admitted.discard(code)
    refused.discard(code)
    (admitted if outcome == "admitted" else refused).add(code)
    after, _ = _funded_after(ranking, admitted, refused)
    down, up = sorted(before - after - {code}), sorted(after - before - {code})
    grant = (entry.grant_cents or 0) if entry else 0
    total = _admitted_total(ranking)
    if entry is not None and entry.decision is not None and entry.decision.decision == "admitted":
        total -= grant
    if outcome == "admitted":
        total += grant
    label = vocabulary.ranking_status_label(status) if status else "non in graduatoria"
    where = f"posizione {entry.position}" if entry and entry.position else "non in graduatoria"
    why_it = f"la proposta per {code} è «{label}» ({where})"
    why_en = f"the proposal for {code} is “{vocabulary.ranking_status_label(status, 'en') if status else 'not ranked'}” ({where.replace('posizione', 'position').replace('non in graduatoria', 'not ranked')})"
    if (
        outcome == "admitted"
        and entry is not None
        and entry.score is not None
        and status == "non_idoneo"
    ):
        why_it += (
            f", punteggio {formatting.score(entry.score)} sotto la soglia minima di "
            f"{formatting.score(ranking.minimum_total)}"
        )
        why_en += f", score {entry.score} below the minimum {ranking.minimum_total}"
    budget = ranking.budget_cents
    over = total - budget
    money_it = (
        f"contributi ammessi {formatting.money(total)} su un budget di {formatting.money(budget)}"
        + (
            f" (oltre di {formatting.money(over)})"
            if over > 0
            else f" (restano {formatting.money(-over)})"
        )
    )
    money_en = (
        f"admitted grants {formatting.money(total)} against a budget of {formatting.money(budget)}"
    )
    it = (
        f"decisione difforme dalla proposta: {why_it}. Effetto sulla linea di finanziamento: "
        f"scenderebbero sotto la linea {_codes_text(down)}; salirebbero sopra la linea "
        f"{_codes_text(up)}; {money_it}. Per registrarla confermare la difformità "
        "(--confirm) e motivarla"
    )
    en = (
        f"a decision departing from the proposal: {why_en}. Effect on the funding line: "
        f"falling below it {', '.join(down) or 'none'}; rising above it "
        f"{', '.join(up) or 'none'}; {money_en}. To record it confirm the departure "
        "(--confirm) and give its reasons"
    )
    return True, it, en


def _quorum(session: Session, call, sitting: Sitting, item: AgendaItem) -> tuple[str | None, int]:
    """(why the committee cannot decide or None, how many may vote)."""
    attendance = _attendance(session, sitting)
    voting = {m for m, a in attendance.items() if a.role in VOTING_ROLES}
    present = {m for m in voting if attendance[m].present}
    conflicted = _conflicted(session, sitting, [item.application_id])[item.application_id]
    left = present & conflicted
    problem = rules.quorum_problem(len(present), len(voting), call.meeting.quorum, len(left))
    return problem, len(present - left)


def decide(
    database: Database,
    call: CallDefinition,
    code: str,
    outcome: str,
    reasons: str,
    votes: tuple[int, int, int] | None = None,
    confirm_departure: bool = False,
    user: str | None = None,
) -> DecisionView:
    """The committee's decision on the item under discussion. Admitted / not admitted
    become the committee's decision (the ranking and the letters read it); deferred
    stays on the agenda item. Refused: an item not under discussion, a conflicted
    member still in the room, no quorum (saying why), a vote that is not a majority
    of those who may vote, a departure from the proposal not confirmed (saying its
    effect on the funding line)."""
    if outcome not in OUTCOMES:
        raise MeetingProblem(
            f"esito {outcome!r} non valido: ammessa, non ammessa o rinviata",
            f"invalid outcome {outcome!r}: admitted, not_admitted or deferred",
        )
    reasons = (reasons or "").strip()
    if outcome == "deferred":
        if not reasons:
            raise MeetingProblem(
                "il rinvio richiede le motivazioni: scriverle",
                "a deferral needs its reasons: write them",
            )
    else:
        reasons = check_decision(outcome, reasons)
    user = user or audit.current_user()
    with database.session() as session:
        sitting = _open(session, call)
        session_code = sitting.session_code
    ranking = _ranking(database, call, session_code)
    departs, effect_it, effect_en = _departure(ranking, code.strip(), outcome)
    now = _now()
    with database.session() as session, session.begin():
        _begin(database, session)
        sitting = _open(session, call)
        item = _item(session, call, sitting, code)
        application_code = _code(session, item.application_id)
        if item.state != "current":
            raise MeetingProblem(
                f"la domanda {application_code} non è in trattazione: iniziarla prima "
                f"(«meeting start {application_code}»), fatti uscire i componenti in conflitto",
                f"application {application_code} is not under discussion: start it first "
                f"('meeting start {application_code}'), once conflicted members have left",
            )
        view = _item_view(session, call, sitting, item, now)
        if view.must_leave:
            raise MeetingProblem(
                f"{', '.join(view.must_leave)} in conflitto di interessi su {application_code} "
                "e ancora in aula: registrarne l'uscita prima di decidere",
                f"{', '.join(view.must_leave)} conflicted on {application_code} and still in "
                "the room: record them leaving before deciding",
            )
        problem, voters = _quorum(session, call, sitting, item)
        if problem and outcome != "deferred":
            raise MeetingProblem(
                f"decisione non registrabile: {problem}",
                "the decision cannot be recorded: no quorum for an evaluative decision; "
                "record the missing members present or defer the item",
            )
        if votes is not None:
            if len(votes) != 3 or any(v < 0 for v in votes):
                raise MeetingProblem(
                    "voto non valido: favorevoli, contrari, astenuti (numeri ≥ 0)",
                    "invalid vote: for, against, abstained (numbers ≥ 0)",
                )
            if sum(votes) != voters:
                raise MeetingProblem(
                    f"il voto conta {sum(votes)} votanti, ma possono votare {voters} componenti "
                    "(i presenti, esclusi il segretario e chi è uscito per conflitto)",
                    f"the vote counts {sum(votes)} voters, but {voters} members may vote (those "
                    "present, except the secretary and those out for a conflict)",
                )
            if votes[0] <= votes[1]:
                raise MeetingProblem(
                    f"il voto {votes[0]} favorevoli, {votes[1]} contrari non approva la "
                    "decisione: registrare l'esito votato",
                    f"the vote {votes[0]} for, {votes[1]} against does not carry the decision: "
                    "record the outcome voted",
                )
        if departs and not confirm_departure:
            raise MeetingProblem(effect_it, effect_en)
        if outcome != "deferred":
            write_decision(session, call, application_code, outcome, reasons, user, now)
        _stop(item, now)
        item.state = "deferred" if outcome == "deferred" else "done"
        item.outcome, item.reasons, item.departure = outcome, reasons, departs
        item.decided_at = now
        if votes is None:
            item.votes_for = item.votes_against = item.votes_abstained = None
        else:
            item.votes_for, item.votes_against, item.votes_abstained = votes
        session.flush()
        audit.append(
            session,
            "agenda_item",
            f"{_sitting_key(call, sitting)}/{application_code}",
            "decide",
            None,
            {
                "outcome": outcome,
                "reasons": reasons,
                "votes": list(votes) if votes else "unanimous",
                "departure": departs,
            },
            actor=user,
        )
    after = _ranking(database, call, session_code)
    return DecisionView(
        code=application_code,
        outcome=outcome,
        reasons=reasons,
        votes=tuple(votes) if votes else None,
        departure=departs,
        decided_at=now,
        admitted_total_cents=_admitted_total(after),
        budget_cents=after.budget_cents,
    )


# --------------------------------------------------------------------------- the room


def _room_item(
    session: Session,
    call: CallDefinition,
    ranking: RankingResult,
    item: AgendaItem,
    motivations: dict[int, list[str]],
) -> RoomItem:
    application = session.get(Application, item.application_id)
    entry: RankingEntry | None = next(
        (e for e in ranking.entries if e.code == application.code), None
    )
    partners = session.scalars(
        select(Applicant.name)
        .where(Applicant.application_id == application.id)
        .order_by(Applicant.position)
    ).all()
    objectives = {o.number: o.name for o in call.objectives}
    mask = application.objectives_mask or 0
    stats = entry.criteria if entry else {}
    criteria = tuple(
        CriterionLine(
            key=c.id,
            label=c.name,
            weight=c.weight,
            maximum=c.max,
            mean=stats[c.id].mean if c.id in stats else None,
            low=stats[c.id].min if c.id in stats else None,
            high=stats[c.id].max if c.id in stats else None,
        )
        for c in call.grid.criteria
    )
    status = entry.status if entry else ""
    decision = session.get(Decision, application.id)
    return RoomItem(
        code=application.code,
        title=application.title,
        lead_partner=partners[0] if partners else "",
        partners=tuple(partners[1:]),
        district=application.district,
        cost_cents=application.cost_cents,
        grant_cents=application.grant_cents,
        objectives=tuple(objectives[n] for n in sorted(objectives) if mask & (1 << n)),
        criteria=criteria,
        total=entry.score if entry else None,
        spread=entry.spread if entry else None,
        disagreement=bool(entry and entry.disagreement),
        motivations=tuple(motivations.get(application.id, ())),
        proposal=ProposalView(
            position=entry.position if entry else None,
            status=status,
            above_line=status == FUNDABLE,
            budget_left_cents=ranking.left_cents,
        ),
        state=item.state,
        decision=decision.decision if decision else None,
    )


def _motivations(session: Session, application_ids: list[int]) -> dict[int, list[str]]:
    """Quotable motivations of the counted sheets; never private notes, never who."""
    found: dict[int, list[str]] = {}
    if not application_ids:
        return found
    conflicted = (
        select(Conflict.id)
        .where(
            Conflict.member_id == ScoreSheet.member_id,
            Conflict.application_id == ScoreSheet.application_id,
            Conflict.status.in_(EXCLUDING_CONFLICTS),
        )
        .exists()
    )
    for application_id, motivation in session.execute(
        select(ScoreSheet.application_id, ScoreSheet.motivation)
        .where(
            ScoreSheet.application_id.in_(application_ids),
            ScoreSheet.status == "submitted",
            ~conflicted,
        )
        .order_by(ScoreSheet.application_id, ScoreSheet.id)
    ):
        text = (motivation or "").strip()
        if text and text not in found.setdefault(application_id, []):
            found[application_id].append(text)
    return found


def room_state(database: Database, call: CallDefinition) -> RoomState:
    """What the room view and the kiosk show, in one read (the open sitting; all
    empty when there is none)."""
    now = _now()
    with database.session() as session:
        sitting = session.scalars(
            select(Sitting).where(Sitting.call_id == call.id, Sitting.state == "open")
        ).first()
        if sitting is None:
            return RoomState(
                None,
                0,
                None,
                None,
                None,
                (),
                (),
                True,
                0,
                call.meeting.item_target_minutes * 60,
                False,
                0,
                0,
            )
        session_code = sitting.session_code
    ranking = _ranking(database, call, session_code)
    with database.session() as session:
        sitting = _open(session, call)
        view = _view(session, sitting)
        items = _items(session, sitting)
        current = next((i for i in items if i.state == "current"), None)
        start = items.index(current) + 1 if current is not None else 0
        waiting = [i for i in items[start:] if i.state == "pending"]
        if current is None:
            waiting = [i for i in items if i.state == "pending"]
        following = waiting[:2]
        shown = [i for i in [current, *following] if i is not None]
        motivations = _motivations(session, [i.application_id for i in shown])
        rooms = [_room_item(session, call, ranking, i, motivations) for i in shown]
        room_current = rooms.pop(0) if current is not None else None
        item = _item_view(session, call, sitting, current, now) if current is not None else None
        members = _members(session, call.id)
        out = _out(session, sitting)
        return RoomState(
            sitting=view,
            elapsed_seconds=int((now - sitting.opened_at).total_seconds()),
            current=room_current,
            next=rooms[0] if rooms else None,
            then=rooms[1] if len(rooms) > 1 else None,
            must_leave=item.must_leave if item else (),
            may_return=item.may_return if item else _names(members, out),
            cleared=item.cleared if item else True,
            item_seconds=item.seconds_spent if item else 0,
            item_target_seconds=sitting.item_target_minutes * 60,
            timer_running=item.timer_running if item else False,
            admitted_total_cents=_admitted_total(ranking),
            budget_cents=ranking.budget_cents,
            done=sum(1 for i in items if i.state in ("done", "deferred")),
            remaining=sum(1 for i in items if i.state in ("pending", "current")),
            calls_back=item.may_return if item else _names(members, out),
        )
