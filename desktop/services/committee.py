"""The committee: members, their links, conflicts of interest and the assignment of
evaluators to applications.

Each public function is one transaction, and every change it makes to members,
conflicts, assignments or sheets is appended to the audit log in that same
transaction. Members are named as the secretariat names them (unique per call);
the rows returned carry ids too.

Conflicts: *proposed* (detected from a link, waiting for the secretariat) and
*confirmed* ones block assignment; *dismissed* ones do not. Confirming or declaring
a conflict removes the pair's assignment and its draft sheet; a submitted sheet is
kept (the ranking leaves it out) and the result says so.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import (
    Applicant,
    Application,
    Assignment,
    CommitteeMember,
    Conflict,
    MemberLink,
    ScoreSheet,
)
from desktop.domain.assignment import assign
from desktop.domain.audit import Anchor, Break, Check
from desktop.domain.calls import CallDefinition
from desktop.domain.conflicts import (
    LINK_KINDS,
    Aggregation,
    Link,
    Party,
    find_conflicts,
    normalise_tax_code,
)
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import CONFLICT_STATUSES, EVALUATING_ROLES, ROLES
from desktop.services import audit
from desktop.services.store import NotFound, ensure_call

# Conflicts that keep a member from an application until dismissed.
BLOCKING = ("proposed", "confirmed")


class CommitteeProblem(Problem):
    """What was asked cannot be done; says why and what to do, in both languages."""


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    role: str
    email: str
    active: bool
    load: int  # applications assigned
    submitted: int  # submitted sheets among them
    drafts: int  # draft sheets among them
    links: int

    @property
    def progress(self) -> str:
        """ "x di N": sheets submitted of applications assigned."""
        return f"{self.submitted} di {self.load}"


@dataclass(frozen=True)
class LinkRow:
    id: int
    member_id: int
    member: str
    entity_name: str
    tax_code: str
    kind: str
    note: str


@dataclass(frozen=True)
class ConflictRow:
    id: int
    member_id: int
    member: str
    application_id: int
    code: str
    title: str
    source: str  # declared / detected
    status: str  # proposed / confirmed / dismissed
    reason: str
    created_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None
    assigned: bool  # the pair is (still) assigned
    sheet_status: str  # "", "draft" or "submitted": the member's sheet for it


@dataclass(frozen=True)
class ConflictOutcome:
    """What declaring or confirming a conflict did."""

    conflict: ConflictRow
    changed: bool  # False: it was already confirmed with that reason
    assignment_removed: bool
    draft_removed: bool
    # A submitted sheet stays for the record; the ranking excludes it.
    submitted_sheet_kept: bool


@dataclass(frozen=True)
class DetectionResult:
    created: list[ConflictRow]
    # Pairs matched again that were already recorded (any status, dismissed too).
    already_known: int
    # Among the new proposals, pairs already assigned: confirming removes them.
    assigned: list[ConflictRow] = field(default_factory=list)


@dataclass(frozen=True)
class AssignmentResult:
    per_application: int
    applications: int  # admissible applications considered
    members: list[str]  # evaluators considered (active chair and members)
    created: list[tuple[str, str]]  # (member, code), sorted
    short: dict[str, int]  # code → evaluators still missing
    loads: dict[str, int]  # member → assignments among those applications


@dataclass(frozen=True)
class AssignmentChange:
    member: str
    code: str
    changed: bool  # False: nothing to do (already so)
    draft_removed: bool = False


@dataclass(frozen=True)
class MatrixMember:
    id: int
    name: str
    role: str
    active: bool
    load: int
    submitted: int
    drafts: int

    @property
    def progress(self) -> str:
        return f"{self.submitted} di {self.load}"


@dataclass(frozen=True)
class MatrixApplication:
    id: int
    code: str
    title: str
    assigned: int  # members assigned


@dataclass(frozen=True)
class AssignmentMatrix:
    """Plain rows for the window: members × applications. A cell is "assigned",
    "draft", "submitted", "conflict" (confirmed), "proposed_conflict" or ""."""

    per_application: int
    members: list[MatrixMember]
    applications: list[MatrixApplication]
    cells: dict[tuple[str, str], str]

    def cell(self, member: str, code: str) -> str:
        return self.cells.get((member, code), "")


@dataclass(frozen=True)
class DemoCommittee:
    members_added: int
    links_added: int


# --------------------------------------------------------------------------- helpers


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def find_member(session: Session, call: CallDefinition, name: str) -> CommitteeMember:
    """By exact name, else by the same name in any case (when unambiguous)."""
    wanted = " ".join((name or "").split())
    members = session.scalars(
        select(CommitteeMember).where(CommitteeMember.call_id == call.id)
    ).all()
    for member in members:
        if member.name == wanted:
            return member
    same = [m for m in members if m.name.casefold() == wanted.casefold()]
    if len(same) == 1:
        return same[0]
    known_it = ", ".join(sorted(m.name for m in members)) or "nessuno"
    known_en = ", ".join(sorted(m.name for m in members)) or "none"
    raise NotFound(
        f"valutatore «{wanted}» non trovato nel bando {call.id}; valutatori: {known_it}",
        f"evaluator “{wanted}” not found in call {call.id}; evaluators: {known_en}",
    )


def find_application(session: Session, call: CallDefinition, code: str) -> Application:
    application = session.scalars(
        select(Application).where(Application.call_id == call.id, Application.code == code.strip())
    ).one_or_none()
    if application is None:
        raise NotFound(
            f"domanda {code} non trovata nel bando {call.id}: controllare il codice "
            "(vedere 'commissione applications')",
            f"application {code} not found in call {call.id}: check the code "
            "(see 'commissione applications')",
        )
    return application


def _tuples(result) -> set[tuple]:
    """Rows as plain tuples, to compare and hash with tuples built in Python."""
    return {tuple(row) for row in result}


def _pair_key(code: str, member: str) -> str:
    return f"{code}/{member}"


def _assigned_names(session: Session, application_id: int) -> list[str]:
    return sorted(
        session.scalars(
            select(CommitteeMember.name)
            .join(Assignment, Assignment.member_id == CommitteeMember.id)
            .where(Assignment.application_id == application_id)
        )
    )


def _sheet(session: Session, member_id: int, application_id: int) -> ScoreSheet | None:
    return session.scalars(
        select(ScoreSheet).where(
            ScoreSheet.member_id == member_id, ScoreSheet.application_id == application_id
        )
    ).one_or_none()


def _sheet_record(sheet: ScoreSheet) -> dict:
    """A deleted draft as the audit log keeps it, so no score disappears unrecorded."""
    return {
        "status": sheet.status,
        "version": sheet.version,
        "motivation": sheet.motivation,
        "scores": {
            s.criterion: {"score_hundredths": s.score_hundredths, "comment": s.comment}
            for s in sheet.scores
        },
    }


def _clear_pair(
    session: Session,
    call_id: str,
    member: CommitteeMember,
    application: Application,
    action: str,
    actor: str,
) -> tuple[bool, bool, bool]:
    """Removes the pair's assignment and its draft sheet (recorded in the audit log);
    returns (assignment removed, draft removed, submitted sheet kept)."""
    assignment = session.scalars(
        select(Assignment).where(
            Assignment.member_id == member.id, Assignment.application_id == application.id
        )
    ).one_or_none()
    removed = False
    if assignment is not None:
        before = _assigned_names(session, application.id)
        session.delete(assignment)
        session.flush()
        audit.append(
            session,
            "assignment",
            application.code,
            action,
            {"call": call_id, "members": before},
            {"call": call_id, "members": [n for n in before if n != member.name]},
            actor=actor,
        )
        removed = True
    sheet = _sheet(session, member.id, application.id)
    draft_removed = submitted_kept = False
    if sheet is not None and sheet.status == "submitted":
        submitted_kept = True
    elif sheet is not None:
        record = _sheet_record(sheet)
        session.delete(sheet)
        session.flush()
        audit.append(
            session,
            "sheet",
            _pair_key(application.code, member.name),
            "delete_draft",
            record,
            None,
            actor=actor,
        )
        draft_removed = True
    return removed, draft_removed, submitted_kept


def _conflict_rows(session: Session, call_id: str, where=()) -> list[ConflictRow]:
    statement = (
        select(Conflict, CommitteeMember.name, Application.code, Application.title)
        .join(CommitteeMember, CommitteeMember.id == Conflict.member_id)
        .join(Application, Application.id == Conflict.application_id)
        .where(CommitteeMember.call_id == call_id, *where)
        .order_by(Application.code, CommitteeMember.name)
    )
    found = session.execute(statement).all()
    if not found:
        return []
    member_ids = {conflict.member_id for conflict, *_ in found}
    assigned = _tuples(
        session.execute(
            select(Assignment.member_id, Assignment.application_id).where(
                Assignment.member_id.in_(member_ids)
            )
        )
    )
    sheets = dict(
        ((member_id, application_id), status)
        for member_id, application_id, status in session.execute(
            select(ScoreSheet.member_id, ScoreSheet.application_id, ScoreSheet.status).where(
                ScoreSheet.member_id.in_(member_ids)
            )
        )
    )
    return [
        ConflictRow(
            id=conflict.id,
            member_id=conflict.member_id,
            member=name,
            application_id=conflict.application_id,
            code=code,
            title=title,
            source=conflict.source,
            status=conflict.status,
            reason=conflict.reason,
            created_at=conflict.created_at,
            decided_by=conflict.decided_by,
            decided_at=conflict.decided_at,
            assigned=(conflict.member_id, conflict.application_id) in assigned,
            sheet_status=sheets.get((conflict.member_id, conflict.application_id), ""),
        )
        for conflict, name, code, title in found
    ]


def _conflict_row(session: Session, call_id: str, conflict_id: int) -> ConflictRow:
    return _conflict_rows(session, call_id, [Conflict.id == conflict_id])[0]


def _conflict_state(conflict: Conflict) -> dict:
    return {"status": conflict.status, "source": conflict.source, "reason": conflict.reason}


def _find_conflict(session: Session, conflict_id: int) -> tuple[Conflict, str]:
    """The conflict and its call's id."""
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise CommitteeProblem(
            f"conflitto {conflict_id} non trovato: vedere gli identificativi con "
            "'commissione conflicts'",
            f"conflict {conflict_id} not found: see the ids with 'commissione conflicts'",
        )
    return conflict, session.get(CommitteeMember, conflict.member_id).call_id


# --------------------------------------------------------------------------- members


def add_member(
    database: Database,
    call: CallDefinition,
    name: str,
    role: str = "member",
    email: str = "",
    user: str | None = None,
) -> int:
    """A new committee member; returns its id. Names are unique within the call."""
    name = " ".join((name or "").split())
    if not name:
        raise CommitteeProblem(
            "il nome del valutatore è vuoto: indicare nome e cognome",
            "the evaluator's name is empty: give a first and last name",
        )
    if len(name) > 200:
        raise CommitteeProblem(
            "il nome del valutatore supera i 200 caratteri",
            "the evaluator's name exceeds 200 characters",
        )
    if role not in ROLES:
        raise CommitteeProblem(
            f"ruolo «{role}» sconosciuto; ruoli: {', '.join(ROLES)}",
            f"unknown role “{role}”; roles: {', '.join(ROLES)}",
        )
    email = (email or "").strip()
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call)
        clash = session.scalars(
            select(CommitteeMember).where(
                CommitteeMember.call_id == call.id,
                func.lower(CommitteeMember.name) == name.lower(),
            )
        ).first()
        if clash is not None:
            raise CommitteeProblem(
                f"nel bando {call.id} c'è già il valutatore «{clash.name}»: usare un nome "
                "diverso (per esempio con l'iniziale del secondo nome)",
                f"call {call.id} already has the evaluator “{clash.name}”: use a different "
                "name (with a middle initial, say)",
            )
        member = CommitteeMember(
            call_id=call.id, name=name, role=role, email=email, active=True, created_at=_now()
        )
        session.add(member)
        session.flush()
        audit.append(
            session,
            "member",
            f"{call.id}/{name}",
            "add",
            None,
            {"role": role, "email": email, "active": True},
            actor=user,
        )
        return member.id


def set_member_active(
    database: Database, call: CallDefinition, name: str, active: bool, user: str | None = None
) -> bool:
    """Activates or deactivates a member (inactive members get no new assignments;
    what they have stays). Returns whether anything changed."""
    with database.session() as session, session.begin():
        member = find_member(session, call, name)
        if member.active == active:
            return False
        member.active = active
        audit.append(
            session,
            "member",
            f"{call.id}/{member.name}",
            "activate" if active else "deactivate",
            {"active": not active},
            {"active": active},
            actor=user,
        )
        return True


def list_members(database: Database, call: CallDefinition) -> list[MemberRow]:
    """Every member of the call, chair first, then members, then the secretary, with
    their load and progress."""
    with database.session() as session:
        members = session.scalars(
            select(CommitteeMember).where(CommitteeMember.call_id == call.id)
        ).all()
        ids = [m.id for m in members]
        loads, submitted, drafts = _progress(session, ids)
        links = Counter(
            session.scalars(select(MemberLink.member_id).where(MemberLink.member_id.in_(ids)))
        )
    order = {role: i for i, role in enumerate(ROLES)}
    return [
        MemberRow(
            id=m.id,
            name=m.name,
            role=m.role,
            email=m.email,
            active=m.active,
            load=loads[m.id],
            submitted=submitted[m.id],
            drafts=drafts[m.id],
            links=links[m.id],
        )
        for m in sorted(members, key=lambda m: (order.get(m.role, 9), m.name.casefold()))
    ]


def _progress(session: Session, member_ids: list[int]) -> tuple[Counter, Counter, Counter]:
    """Per member: assignments, and submitted / draft sheets among the assigned ones."""
    if not member_ids:
        return Counter(), Counter(), Counter()
    loads = Counter(
        session.scalars(select(Assignment.member_id).where(Assignment.member_id.in_(member_ids)))
    )
    submitted, drafts = Counter(), Counter()
    statement = (
        select(ScoreSheet.member_id, ScoreSheet.status)
        .join(
            Assignment,
            (Assignment.member_id == ScoreSheet.member_id)
            & (Assignment.application_id == ScoreSheet.application_id),
        )
        .where(ScoreSheet.member_id.in_(member_ids))
    )
    for member_id, status in session.execute(statement):
        (submitted if status == "submitted" else drafts)[member_id] += 1
    return loads, submitted, drafts


# --------------------------------------------------------------------------- links


def add_link(
    database: Database,
    call: CallDefinition,
    member_name: str,
    entity_name: str,
    tax_code: str = "",
    kind: str = "other",
    note: str = "",
    user: str | None = None,
) -> int:
    """An entity the member is linked to; returns the link's id. A name or a tax code
    is needed (both is best: the tax code matches exactly)."""
    entity_name = " ".join((entity_name or "").split())
    tax_code = normalise_tax_code(tax_code or "")
    if not entity_name and not tax_code:
        raise CommitteeProblem(
            "indicare la denominazione dell'ente o il suo codice fiscale (meglio entrambi)",
            "give the entity's name or its tax code (both is best)",
        )
    if kind not in LINK_KINDS:
        raise CommitteeProblem(
            f"tipo di legame «{kind}» sconosciuto; tipi: {', '.join(LINK_KINDS)}",
            f"unknown link kind “{kind}”; kinds: {', '.join(LINK_KINDS)}",
        )
    if len(tax_code) > 32:
        raise CommitteeProblem(
            f"codice fiscale «{tax_code}» troppo lungo: controllarlo",
            f"tax code “{tax_code}” is too long: check it",
        )
    with database.session() as session, session.begin():
        member = find_member(session, call, member_name)
        link = MemberLink(
            member_id=member.id,
            entity_name=entity_name,
            tax_code=tax_code,
            kind=kind,
            note=(note or "").strip(),
        )
        session.add(link)
        session.flush()
        audit.append(
            session,
            "member",
            f"{call.id}/{member.name}",
            "link",
            None,
            {"entity": entity_name, "tax_code": tax_code, "kind": kind, "note": link.note},
            actor=user,
        )
        return link.id


def list_links(
    database: Database, call: CallDefinition, member_name: str | None = None
) -> list[LinkRow]:
    with database.session() as session:
        statement = (
            select(MemberLink, CommitteeMember.name)
            .join(CommitteeMember, CommitteeMember.id == MemberLink.member_id)
            .where(CommitteeMember.call_id == call.id)
            .order_by(CommitteeMember.name, MemberLink.id)
        )
        if member_name is not None:
            member = find_member(session, call, member_name)
            statement = statement.where(CommitteeMember.id == member.id)
        return [
            LinkRow(
                link.id, link.member_id, name, link.entity_name, link.tax_code, link.kind, link.note
            )
            for link, name in session.execute(statement)
        ]


# --------------------------------------------------------------------------- conflicts


def declare_conflict(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    reason: str,
    user: str | None = None,
) -> ConflictOutcome:
    """A conflict declared by hand: confirmed at once. Removes the pair's assignment
    and draft sheet; a submitted sheet is kept and reported (the ranking excludes it)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise CommitteeProblem(
            "indicare il motivo del conflitto di interessi (--reason)",
            "give the reason for the conflict of interest (--reason)",
        )
    user = user or audit.current_user()
    call_id = call.id
    with database.session() as session, session.begin():
        member = find_member(session, call, member_name)
        application = find_application(session, call, code)
        conflict = session.scalars(
            select(Conflict).where(
                Conflict.member_id == member.id, Conflict.application_id == application.id
            )
        ).one_or_none()
        now = _now()
        if conflict is not None and conflict.status == "confirmed" and conflict.reason == reason:
            changed = False
        else:
            old = None if conflict is None else _conflict_state(conflict)
            if conflict is None:
                conflict = Conflict(
                    member_id=member.id,
                    application_id=application.id,
                    source="declared",
                    created_at=now,
                )
                session.add(conflict)
            conflict.status = "confirmed"
            conflict.reason = reason
            conflict.decided_by = user
            conflict.decided_at = now
            session.flush()
            audit.append(
                session,
                "conflict",
                _pair_key(application.code, member.name),
                "declare",
                old,
                {**_conflict_state(conflict), "call": call.id},
                actor=user,
            )
            changed = True
        removed, draft_removed, submitted_kept = _clear_pair(
            session, call_id, member, application, "unassign_conflict", user
        )
        session.flush()
        row = _conflict_row(session, call_id, conflict.id)
    return ConflictOutcome(row, changed, removed, draft_removed, submitted_kept)


def detect_conflicts(
    database: Database, call: CallDefinition, user: str | None = None
) -> DetectionResult:
    """Matches every member's links against the lead partner and every partner of
    every application of the call; new matches become "proposed" conflicts.
    Idempotent: a pair already recorded (even dismissed) is never proposed again."""
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        members = {
            m.id: m
            for m in session.scalars(
                select(CommitteeMember).where(CommitteeMember.call_id == call.id)
            )
        }
        if not members:
            return DetectionResult([], 0, [])
        links = [
            Link(
                members[link.member_id].name, link.entity_name, link.tax_code, link.kind, link.note
            )
            for link in session.scalars(
                select(MemberLink).where(MemberLink.member_id.in_(list(members)))
            )
        ]
        if not links:
            return DetectionResult([], 0, [])
        parties: dict[int, list[Party]] = {}
        codes: dict[int, str] = {}
        statement = (
            select(
                Application.id,
                Application.code,
                Applicant.position,
                Applicant.name,
                Applicant.tax_code,
            )
            .join(Applicant, Applicant.application_id == Application.id)
            .where(Application.call_id == call.id)
        )
        for application_id, code, position, name, tax_code in session.execute(statement):
            codes[application_id] = code
            parties.setdefault(application_id, []).append(Party(position, name, tax_code))
        aggregations = [
            Aggregation(codes[i], tuple(sorted(p, key=lambda party: party.position)))
            for i, p in parties.items()
        ]
        proposals = find_conflicts(links, aggregations)
        id_by_code = {code: i for i, code in codes.items()}
        id_by_name = {m.name: m.id for m in members.values()}
        known = _tuples(
            session.execute(
                select(Conflict.member_id, Conflict.application_id).where(
                    Conflict.member_id.in_(list(members))
                )
            )
        )
        now = _now()
        new_ids, already = [], 0
        for proposal in proposals:
            pair = (id_by_name[proposal.member], id_by_code[proposal.code])
            if pair in known:
                already += 1
                continue
            conflict = Conflict(
                member_id=pair[0],
                application_id=pair[1],
                source="detected",
                status="proposed",
                reason=proposal.reason,
                created_at=now,
            )
            session.add(conflict)
            session.flush()
            audit.append(
                session,
                "conflict",
                _pair_key(proposal.code, proposal.member),
                "detect",
                None,
                {**_conflict_state(conflict), "call": call.id},
                actor=user,
            )
            new_ids.append(conflict.id)
        created = _conflict_rows(session, call.id, [Conflict.id.in_(new_ids)]) if new_ids else []
    return DetectionResult(created, already, [row for row in created if row.assigned])


def confirm_conflict(
    database: Database, conflict_id: int, user: str | None = None
) -> ConflictOutcome:
    """The secretariat confirms a proposed (or earlier dismissed) conflict: the pair's
    assignment and draft sheet go, as for a declared one."""
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        conflict, call_id = _find_conflict(session, conflict_id)
        member = session.get(CommitteeMember, conflict.member_id)
        application = session.get(Application, conflict.application_id)
        changed = conflict.status != "confirmed"
        if changed:
            old = _conflict_state(conflict)
            conflict.status = "confirmed"
            conflict.decided_by = user
            conflict.decided_at = _now()
            audit.append(
                session,
                "conflict",
                _pair_key(application.code, member.name),
                "confirm",
                old,
                {**_conflict_state(conflict), "call": call_id},
                actor=user,
            )
        removed, draft_removed, submitted_kept = _clear_pair(
            session, call_id, member, application, "unassign_conflict", user
        )
        session.flush()
        row = _conflict_row(session, call_id, conflict.id)
    return ConflictOutcome(row, changed, removed, draft_removed, submitted_kept)


def dismiss_conflict(
    database: Database, conflict_id: int, note: str, user: str | None = None
) -> ConflictRow:
    """The secretariat dismisses a conflict (a homonym, an old link): it no longer
    blocks assignment and detection never proposes it again. A note is required;
    it is kept in the conflict's reason and in the audit log."""
    note = " ".join((note or "").split())
    if not note:
        raise CommitteeProblem(
            "archiviare un conflitto richiede una nota che spieghi perché (--note)",
            "dismissing a conflict needs a note explaining why (--note)",
        )
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        conflict, call_id = _find_conflict(session, conflict_id)
        member = session.get(CommitteeMember, conflict.member_id)
        application = session.get(Application, conflict.application_id)
        if conflict.status != "dismissed":
            old = _conflict_state(conflict)
            conflict.status = "dismissed"
            conflict.reason = f"{conflict.reason} — archiviato: {note}".strip(" —")
            conflict.decided_by = user
            conflict.decided_at = _now()
            audit.append(
                session,
                "conflict",
                _pair_key(application.code, member.name),
                "dismiss",
                old,
                {**_conflict_state(conflict), "note": note, "call": call_id},
                actor=user,
            )
        session.flush()
        return _conflict_row(session, call_id, conflict.id)


def list_conflicts(
    database: Database, call: CallDefinition, status: str | None = None
) -> list[ConflictRow]:
    """Conflicts of the call, by application code then member; `status` filters."""
    if status is not None and status not in CONFLICT_STATUSES:
        raise CommitteeProblem(
            f"stato «{status}» sconosciuto; stati: {', '.join(CONFLICT_STATUSES)}",
            f"unknown status “{status}”; statuses: {', '.join(CONFLICT_STATUSES)}",
        )
    with database.session() as session:
        where = [Conflict.status == status] if status else []
        return _conflict_rows(session, call.id, where)


def blocked_pairs(database: Database, call: CallDefinition) -> set[tuple[str, str]]:
    """(member name, application code) of every proposed or confirmed conflict: pairs
    that must not meet (no assignment, no view of each other's scores)."""
    with database.session() as session:
        return _blocked(session, call)


def _blocked(session: Session, call: CallDefinition) -> set[tuple[str, str]]:
    statement = (
        select(CommitteeMember.name, Application.code)
        .join(Conflict, Conflict.member_id == CommitteeMember.id)
        .join(Application, Application.id == Conflict.application_id)
        .where(CommitteeMember.call_id == call.id, Conflict.status.in_(BLOCKING))
    )
    return {tuple(row) for row in session.execute(statement)}


# --------------------------------------------------------------------------- assignment


def _per_application(call: CallDefinition, per_application: int | None) -> int:
    wanted = call.grid.evaluators_per_application if per_application is None else per_application
    if wanted < 1 or wanted > 50:
        raise CommitteeProblem(
            f"valutatori per domanda: {wanted} non è ammesso, indicare un numero da 1 a 50",
            f"evaluators per application: {wanted} is not allowed, give a number from 1 to 50",
        )
    return wanted


def assign_evaluators(
    database: Database,
    call: CallDefinition,
    per_application: int | None = None,
    user: str | None = None,
) -> AssignmentResult:
    """Gives every admissible application (eligibility "pass") up to N evaluators (N
    from the call's grid unless given), among the active chair and members, never a
    conflicted pair, loads balanced, the same result for the same data. Existing
    assignments are kept; applications that cannot reach N are listed in `short`."""
    wanted = _per_application(call, per_application)
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        applications = dict(
            session.execute(
                select(Application.code, Application.id).where(
                    Application.call_id == call.id, Application.eligibility == "pass"
                )
            ).all()
        )
        members = dict(
            session.execute(
                select(CommitteeMember.name, CommitteeMember.id).where(
                    CommitteeMember.call_id == call.id,
                    CommitteeMember.active.is_(True),
                    CommitteeMember.role.in_(EVALUATING_ROLES),
                )
            ).all()
        )
        existing: dict[str, set[str]] = {}
        statement = (
            select(Application.code, CommitteeMember.name)
            .join(Assignment, Assignment.application_id == Application.id)
            .join(CommitteeMember, CommitteeMember.id == Assignment.member_id)
            .where(Application.call_id == call.id, Application.eligibility == "pass")
        )
        for code, name in session.execute(statement):
            existing.setdefault(code, set()).add(name)
        plan = assign(
            list(applications), list(members), wanted, _blocked(session, call), existing, call.id
        )
        now = _now()
        rows = [
            {
                "member_id": members[member],
                "application_id": applications[code],
                "source": "auto",
                "created_at": now,
            }
            for member, code in plan.new_pairs()
        ]
        if rows:  # one executemany: at 15,000 pairs ORM objects cost more than the insert
            session.execute(insert(Assignment), rows)
        for code in sorted(plan.added):
            audit.append(
                session,
                "assignment",
                code,
                "assign_auto",
                {"call": call.id, "members": sorted(existing.get(code, ()))},
                {"call": call.id, "members": sorted(plan[code]), "per_application": wanted},
                actor=user,
            )
    return AssignmentResult(
        per_application=wanted,
        applications=len(applications),
        members=sorted(members),
        created=plan.new_pairs(),
        short=dict(sorted(plan.short.items())),
        loads=dict(sorted(plan.loads.items())),
    )


def assign_manually(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    user: str | None = None,
) -> AssignmentChange:
    """Assigns one member to one application by hand (refused for a conflicted pair,
    an inactive member or an application that is not admissible)."""
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        member = find_member(session, call, member_name)
        application = find_application(session, call, code)
        conflict = session.scalars(
            select(Conflict).where(
                Conflict.member_id == member.id,
                Conflict.application_id == application.id,
                Conflict.status.in_(BLOCKING),
            )
        ).one_or_none()
        if conflict is not None:
            state_it = "confermato" if conflict.status == "confirmed" else "proposto"
            raise CommitteeProblem(
                f"{member.name} ha un conflitto di interessi {state_it} con {application.code} "
                f"(conflitto {conflict.id}: {conflict.reason}); non può valutarla. Se il "
                "conflitto non sussiste, archiviarlo prima con 'commissione conflicts "
                f"--dismiss {conflict.id} --note …'",
                f"{member.name} has a {conflict.status} conflict of interest with "
                f"{application.code} (conflict {conflict.id}) and cannot evaluate it. If "
                "there is no conflict, dismiss it first with 'commissione conflicts "
                f"--dismiss {conflict.id} --note …'",
            )
        if not member.active:
            raise CommitteeProblem(
                f"{member.name} non è attivo: riattivarlo prima di assegnargli domande",
                f"{member.name} is not active: reactivate them before assigning applications",
            )
        if application.eligibility != "pass":
            raise CommitteeProblem(
                f"la domanda {application.code} non è ammissibile (esito «{application.eligibility}»): "
                "completare l'istruttoria prima di assegnarla",
                f"application {application.code} is not admissible (outcome “{application.eligibility}”): "
                "complete the formal check before assigning it",
            )
        before = _assigned_names(session, application.id)
        if member.name in before:
            return AssignmentChange(member.name, application.code, changed=False)
        session.add(
            Assignment(
                member_id=member.id,
                application_id=application.id,
                source="manual",
                created_at=_now(),
            )
        )
        session.flush()
        audit.append(
            session,
            "assignment",
            application.code,
            "assign_manual",
            {"call": call.id, "members": before},
            {"call": call.id, "members": sorted([*before, member.name])},
            actor=user,
        )
        return AssignmentChange(member.name, application.code, changed=True)


def unassign(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    user: str | None = None,
) -> AssignmentChange:
    """Removes one assignment and the member's draft sheet for it; refused while the
    member has a submitted sheet for it (reopen it first)."""
    user = user or audit.current_user()
    with database.session() as session, session.begin():
        member = find_member(session, call, member_name)
        application = find_application(session, call, code)
        sheet = _sheet(session, member.id, application.id)
        if sheet is not None and sheet.status == "submitted":
            raise CommitteeProblem(
                f"{member.name} ha già inviato la scheda di {application.code}: la segreteria "
                "deve prima riaprirla (con un motivo), poi si può togliere l'assegnazione",
                f"{member.name} has already submitted the sheet for {application.code}: the "
                "secretariat must reopen it first (with a reason), then unassign",
            )
        assigned = session.scalars(
            select(Assignment).where(
                Assignment.member_id == member.id, Assignment.application_id == application.id
            )
        ).one_or_none()
        if assigned is None:
            return AssignmentChange(member.name, application.code, changed=False)
        removed, draft_removed, _kept = _clear_pair(
            session, call.id, member, application, "unassign", user
        )
        return AssignmentChange(member.name, application.code, removed, draft_removed)


def assignment_matrix(database: Database, call: CallDefinition) -> AssignmentMatrix:
    """Members × applications for the window: admissible applications and any other
    that has assignments; active members and inactive ones that have assignments."""
    with database.session() as session:
        members = session.scalars(
            select(CommitteeMember).where(CommitteeMember.call_id == call.id)
        ).all()
        names = {m.id: m.name for m in members}
        assignments = session.execute(
            select(Assignment.member_id, Assignment.application_id).where(
                Assignment.member_id.in_(list(names))
            )
        ).all()
        assigned_apps = {application_id for _, application_id in assignments}
        applications = session.execute(
            select(Application.id, Application.code, Application.title, Application.eligibility)
            .where(Application.call_id == call.id)
            .order_by(Application.code)
        ).all()
        shown = [a for a in applications if a.eligibility == "pass" or a.id in assigned_apps]
        codes = {a.id: a.code for a in shown}
        sheets = session.execute(
            select(ScoreSheet.member_id, ScoreSheet.application_id, ScoreSheet.status).where(
                ScoreSheet.member_id.in_(list(names))
            )
        ).all()
        conflicts = session.execute(
            select(Conflict.member_id, Conflict.application_id, Conflict.status).where(
                Conflict.member_id.in_(list(names)), Conflict.status.in_(BLOCKING)
            )
        ).all()
        loads, submitted, drafts = _progress(session, list(names))
    cells: dict[tuple[str, str], str] = {}
    sheet_status = {(m, a): status for m, a, status in sheets}
    for member_id, application_id in assignments:
        if application_id in codes:
            cells[names[member_id], codes[application_id]] = sheet_status.get(
                (member_id, application_id), "assigned"
            )
    # A conflict outranks whatever else the cell would show.
    for member_id, application_id, status in conflicts:
        if application_id in codes:
            cells[names[member_id], codes[application_id]] = (
                "conflict" if status == "confirmed" else "proposed_conflict"
            )
    per_app = Counter(application_id for _, application_id in assignments)
    order = {role: i for i, role in enumerate(ROLES)}
    return AssignmentMatrix(
        per_application=call.grid.evaluators_per_application,
        members=[
            MatrixMember(m.id, m.name, m.role, m.active, loads[m.id], submitted[m.id], drafts[m.id])
            for m in sorted(members, key=lambda m: (order.get(m.role, 9), m.name.casefold()))
            if m.active or loads[m.id]
        ],
        applications=[MatrixApplication(a.id, a.code, a.title, per_app[a.id]) for a in shown],
        cells=cells,
    )


# --------------------------------------------------------------------------- audit


def verify_audit(database: Database) -> tuple[int, Break | None]:
    """(entries checked, the first broken link or None)."""
    with database.session() as session:
        return audit.verify(session)


def check_audit(database: Database, anchor: Anchor | None = None) -> Check:
    """The whole check of the audit log: broken link, malformed entries and, given an
    anchor kept outside the database, whether its entry is still at its position."""
    with database.engine.connect() as connection:
        return audit.check_log(connection, anchor)


def audit_anchor(database: Database) -> Anchor:
    """The audit log's head now, as COUNT:HASH (`Anchor.text()`)."""
    with database.engine.connect() as connection:
        return audit.head(connection)


# --------------------------------------------------------------------------- demo


def demo_committee_path() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "demo" / "committee-demo.toml"


def load_demo_committee(
    database: Database, call: CallDefinition, path: Path | None = None, user: str | None = None
) -> DemoCommittee:
    """The demo committee (resources/demo/committee-demo.toml) in one transaction.
    Members already there are kept; links they already have are not added twice."""
    path = path or demo_committee_path()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    members_added = links_added = 0
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call)
        existing = {
            m.name: m
            for m in session.scalars(
                select(CommitteeMember).where(CommitteeMember.call_id == call.id)
            )
        }
        for entry in data.get("members", []):
            name, role = entry["name"], entry.get("role", "member")
            if role not in ROLES:
                raise CommitteeProblem(
                    f"{path.name}: ruolo «{role}» di {name} sconosciuto",
                    f"{path.name}: unknown role “{role}” for {name}",
                )
            member = existing.get(name)
            if member is None:
                member = CommitteeMember(
                    call_id=call.id,
                    name=name,
                    role=role,
                    email=entry.get("email", ""),
                    active=True,
                    created_at=_now(),
                )
                session.add(member)
                session.flush()
                audit.append(
                    session,
                    "member",
                    f"{call.id}/{name}",
                    "add",
                    None,
                    {"role": role, "email": member.email, "active": True},
                    actor=user,
                )
                members_added += 1
            have = {
                (link.entity_name, link.tax_code, link.kind)
                for link in session.scalars(
                    select(MemberLink).where(MemberLink.member_id == member.id)
                )
            }
            for raw in entry.get("links", []):
                values = (
                    " ".join(raw.get("entity", "").split()),
                    normalise_tax_code(raw.get("tax_code", "")),
                    raw.get("kind", "other"),
                )
                if values in have:
                    continue
                if values[2] not in LINK_KINDS:
                    raise CommitteeProblem(
                        f"{path.name}: tipo di legame «{values[2]}» sconosciuto",
                        f"{path.name}: unknown link kind “{values[2]}”",
                    )
                note = raw.get("note", "")
                session.add(
                    MemberLink(
                        member_id=member.id,
                        entity_name=values[0],
                        tax_code=values[1],
                        kind=values[2],
                        note=note,
                    )
                )
                audit.append(
                    session,
                    "member",
                    f"{call.id}/{name}",
                    "link",
                    None,
                    {"entity": values[0], "tax_code": values[1], "kind": values[2], "note": note},
                    actor=user,
                )
                have.add(values)
                links_added += 1
    return DemoCommittee(members_added, links_added)
