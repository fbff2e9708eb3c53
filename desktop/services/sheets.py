"""Score sheets: one member's scores for one application, draft until submitted.

Each public function is one transaction; every change to a sheet is appended to
the audit log (entity "sheet", key "CODE/MEMBER", old and new content) in that same
transaction. The private note is the evaluator's own: it is stored apart
(PrivateNote), never enters a sheet's version, an export, a kit return or the audit
log (which records only that it changed).

Rules the functions enforce, whatever the caller (window, command line, kit
workspace):

- only a member assigned to the application, and without a proposed or confirmed
  conflict of interest with it, may open, save or submit its sheet;
- a sheet carries a version bumped on every change of its content; a save that
  names an older version is refused (someone else changed the sheet meanwhile);
  a save that changes nothing writes nothing;
- a submitted sheet cannot be edited; the secretariat reopens it with a reason
  (never in an evaluator's kit workspace);
- blind phase (``[evaluation] blind`` in the call file): the other evaluators'
  totals are shown only after the member submitted their own sheet; a conflicted
  member never sees them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from db.engine import Database
from db.models import (
    Applicant,
    Application,
    Assignment,
    CommitteeMember,
    Conflict,
    PrivateNote,
    ScoreSheet,
    SheetScore,
)
from desktop.domain.calls import CallDefinition, Grid
from desktop.domain.problems import Problem
from desktop.domain.scoring import from_hundredths, sheet_total, to_hundredths, validate_score
from desktop.services import audit, committee
from desktop.services.audit import current_user
from desktop.services.store import kit_workspace_member

__all__ = [
    "BLOCKING_CONFLICTS",
    "CriterionView",
    "MemberSheet",
    "SheetProblem",
    "SheetView",
    "StaleSheet",
    "member_sheets",
    "next_unscored",
    "open_sheet",
    "progress",
    "reopen_sheet",
    "save_draft",
    "save_private_note",
    "sheet_total",
    "submit_sheet",
    "validate_score",
    "workspace_member",
]

# Conflicts that keep a member away from an application (committee.BLOCKING too).
BLOCKING_CONFLICTS = ("proposed", "confirmed")
DRAFT, SUBMITTED = "draft", "submitted"


class SheetProblem(Problem):
    """What was asked cannot be done; says why and what to do, in both languages."""


class StaleSheet(SheetProblem):
    """The sheet changed since the caller read it: nothing was saved."""


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class CriterionView:
    """A criterion of the grid as the form shows it beside the score box."""

    id: str
    name: str
    description: str
    max: Decimal
    step: Decimal
    weight: Decimal
    in_total: bool
    objectives: tuple[str, ...]  # names of the call's objectives it refers to


@dataclass(frozen=True)
class SheetView:
    """Everything the score sheet form shows for one member and one application."""

    # The application (only what scoring needs).
    code: str
    title: str
    summary: str
    objectives: tuple[str, ...]
    cost_cents: int | None
    grant_cents: int | None
    district: int | None
    neighbourhood: str
    lead_name: str
    partner_names: tuple[str, ...]
    # The grid.
    criteria: tuple[CriterionView, ...]
    # The sheet: status "" (none yet), "draft" or "submitted"; version 0 = none yet.
    member: str
    status: str
    version: int
    scores: dict[str, Decimal]
    comments: dict[str, str]
    motivation: str
    private_note: str
    total: Decimal
    updated_at: dt.datetime | None
    submitted_at: dt.datetime | None
    reopened_reason: str
    # Others' submitted totals, when this member may see them (blind phase).
    others_visible: bool
    others_totals: tuple[tuple[str, Decimal], ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        """Every criterion scored and a motivation written: it can be submitted."""
        return all(c.id in self.scores for c in self.criteria) and bool(self.motivation.strip())


@dataclass(frozen=True)
class MemberSheet:
    """One line of a member's list of applications."""

    code: str
    title: str
    status: str  # "", draft, submitted
    version: int
    total: Decimal | None  # of a submitted sheet


# --------------------------------------------------------------------------- content


def sheet_content(sheet: ScoreSheet | None) -> dict:
    """A sheet's content as compared, audited and carried by kits: status,
    motivation, and per criterion [score in hundredths or None, comment] (criteria
    with neither are left out)."""
    if sheet is None:
        return {"status": "", "motivation": "", "scores": {}}
    return {
        "status": sheet.status,
        "motivation": sheet.motivation,
        "scores": {
            s.criterion: [s.score_hundredths, s.comment]
            for s in sheet.scores
            if s.score_hundredths is not None or s.comment
        },
    }


def audit_record(sheet: ScoreSheet | None) -> dict | None:
    """The audit log's picture of a sheet (the committee service uses the same shape)."""
    if sheet is None:
        return None
    return {
        "status": sheet.status,
        "version": sheet.version,
        "motivation": sheet.motivation,
        "scores": {
            s.criterion: {"score_hundredths": s.score_hundredths, "comment": s.comment}
            for s in sheet.scores
        },
    }


def pair_key(code: str, member_name: str) -> str:
    """The audit log's key of a sheet."""
    return f"{code}/{member_name}"[:200]


def write_content(session: Session, sheet: ScoreSheet, content: Mapping) -> None:
    """Replaces a sheet's scores, comments, motivation and status with `content`."""
    sheet.status = content["status"] or DRAFT
    sheet.motivation = content["motivation"]
    wanted = content["scores"]
    existing = {s.criterion: s for s in sheet.scores}
    for criterion, row in existing.items():
        if criterion not in wanted:
            sheet.scores.remove(row)
    for criterion, (hundredths, comment) in wanted.items():
        row = existing.get(criterion)
        if row is None:
            sheet.scores.append(
                SheetScore(criterion=criterion, score_hundredths=hundredths, comment=comment)
            )
        else:
            row.score_hundredths = hundredths
            row.comment = comment


def content_problems(grid: Grid, content: Mapping) -> list[tuple[str, str]]:
    """What makes a sheet's content invalid for the grid, as (italiano, english):
    unknown criteria, scores out of range or off the step; a submitted sheet must
    also be complete (every criterion scored, a motivation)."""
    problems = []
    criteria = {c.id: c for c in grid.criteria}
    for criterion_id, (hundredths, _comment) in content["scores"].items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            problems.append(
                (
                    f"criterio «{criterion_id}» sconosciuto nella griglia del bando",
                    f"unknown criterion “{criterion_id}” in the call's grid",
                )
            )
            continue
        if hundredths is not None:
            problem = validate_score(criterion, from_hundredths(hundredths))
            if problem:
                problems.append((problem.it, problem.en))
    if content["status"] == SUBMITTED:
        problems.extend(_incomplete(grid, content))
    return problems


def _incomplete(grid: Grid, content: Mapping) -> list[tuple[str, str]]:
    problems = []
    missing = [c.name for c in grid.criteria if (content["scores"].get(c.id) or [None])[0] is None]
    if missing:
        names = ", ".join(f"«{name}»" for name in missing)
        problems.append(
            (
                f"mancano i punteggi di {names}: dare un punteggio a ogni criterio prima di inviare",
                f"scores missing for {names}: score every criterion before submitting",
            )
        )
    if not content["motivation"].strip():
        problems.append(
            (
                "manca la motivazione: scriverla prima di inviare (può essere citata al proponente)",
                "the motivation is missing: write it before submitting (it may be quoted to the applicant)",
            )
        )
    return problems


def scores_of(content: Mapping) -> dict[str, Decimal]:
    return {
        criterion: from_hundredths(hundredths)
        for criterion, (hundredths, _comment) in content["scores"].items()
        if hundredths is not None
    }


# --------------------------------------------------------------------------- lookups


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def blocking_conflict(session: Session, member_id: int, application_id: int) -> str | None:
    """The status of a conflict that keeps the member away, or None."""
    return session.scalar(
        select(Conflict.status).where(
            Conflict.member_id == member_id,
            Conflict.application_id == application_id,
            Conflict.status.in_(BLOCKING_CONFLICTS),
        )
    )


def _check_pair(
    session: Session, call: CallDefinition, member_name: str, code: str
) -> tuple[CommitteeMember, Application]:
    """The member and the application, when the member may score it."""
    member = committee.find_member(session, call, member_name)
    application = committee.find_application(session, call, code or "")
    conflict = blocking_conflict(session, member.id, application.id)
    if conflict is not None:
        state_it = "confermato" if conflict == "confirmed" else "proposto"
        raise SheetProblem(
            f"{member.name} ha un conflitto di interessi ({state_it}) con la domanda "
            f"{application.code}: non può valutarla né vedere i punteggi degli altri "
            "(la segreteria decide i conflitti proposti con 'commissione conflicts')",
            f"{member.name} has a {conflict} conflict of interest with application "
            f"{application.code}: they may neither score it nor see the others' scores "
            "(the secretariat decides proposed conflicts with 'commissione conflicts')",
        )
    assigned = session.scalar(
        select(Assignment.id).where(
            Assignment.member_id == member.id, Assignment.application_id == application.id
        )
    )
    if assigned is None:
        raise SheetProblem(
            f"la domanda {application.code} non è assegnata a {member.name}: la segreteria "
            f"può assegnarla con 'commissione assign --add \"{member.name}\" {application.code}'",
            f"application {application.code} is not assigned to {member.name}: the secretariat "
            f"can assign it with 'commissione assign --add \"{member.name}\" {application.code}'",
        )
    return member, application


def _sheet(
    session: Session, member_id: int, application_id: int, *, lock: bool = False
) -> ScoreSheet | None:
    statement = (
        select(ScoreSheet)
        .where(ScoreSheet.member_id == member_id, ScoreSheet.application_id == application_id)
        .options(selectinload(ScoreSheet.scores))
    )
    if lock:
        # PostgreSQL: two saves of the same sheet are serialised, so the version
        # check below cannot be raced.
        statement = statement.with_for_update()
    return session.scalars(statement).one_or_none()


def _note(session: Session, member_id: int, application_id: int) -> PrivateNote | None:
    return session.get(PrivateNote, (member_id, application_id))


def _check_version(sheet: ScoreSheet | None, expected: int | None, member: str, code: str):
    current = sheet.version if sheet is not None else 0
    if expected is not None and expected != current:
        raise StaleSheet(
            f"la scheda di {member} per {code} è stata modificata da qualcun altro "
            f"(versione {current}, non {expected}): ricaricarla, nulla è stato salvato",
            f"{member}'s sheet for {code} was changed by someone else (version {current}, "
            f"not {expected}): reload it; nothing was saved",
        )


# --------------------------------------------------------------------------- reading


def _criteria(call: CallDefinition) -> tuple[CriterionView, ...]:
    names = {o.number: o.name for o in call.objectives}
    return tuple(
        CriterionView(
            id=c.id,
            name=c.name,
            description=c.description,
            max=c.max,
            step=c.step,
            weight=c.weight,
            in_total=c.in_total,
            objectives=tuple(names[n] for n in c.objectives if n in names),
        )
        for c in call.grid.criteria
    )


def _objective_names(call: CallDefinition, mask: int) -> tuple[str, ...]:
    return tuple(o.name for o in call.objectives if mask >> o.number & 1)


def _others_totals(
    session: Session, call: CallDefinition, member_id: int, application_id: int
) -> tuple[tuple[str, Decimal], ...]:
    """Other members' submitted totals, leaving out members now in conflict with it."""
    blocked = select(Conflict.member_id).where(
        Conflict.application_id == application_id, Conflict.status.in_(BLOCKING_CONFLICTS)
    )
    rows = session.execute(
        select(CommitteeMember.name, ScoreSheet)
        .join(CommitteeMember, CommitteeMember.id == ScoreSheet.member_id)
        .where(
            ScoreSheet.application_id == application_id,
            ScoreSheet.member_id != member_id,
            ScoreSheet.status == SUBMITTED,
            ScoreSheet.member_id.not_in(blocked),
        )
        .options(selectinload(ScoreSheet.scores))
        .order_by(CommitteeMember.name)
    ).all()
    return tuple(
        (name, sheet_total(call.grid, scores_of(sheet_content(sheet)))) for name, sheet in rows
    )


def open_sheet(database: Database, call: CallDefinition, member_name: str, code: str) -> SheetView:
    """The member's sheet for the application, with what scoring needs. Refused
    (SheetProblem) for a member not assigned to it or in conflict with it."""
    with database.session() as session:
        member, application = _check_pair(session, call, member_name, code)
        sheet = _sheet(session, member.id, application.id)
        note = _note(session, member.id, application.id)
        people = session.execute(
            select(Applicant.position, Applicant.name)
            .where(Applicant.application_id == application.id)
            .order_by(Applicant.position)
        ).all()
        content = sheet_content(sheet)
        scores = scores_of(content)
        submitted = sheet is not None and sheet.status == SUBMITTED
        visible = not call.evaluation.blind or submitted
        others = _others_totals(session, call, member.id, application.id) if visible else ()
        return SheetView(
            code=application.code,
            title=application.title,
            summary=application.summary or "",
            objectives=_objective_names(call, application.objectives_mask or 0),
            cost_cents=application.cost_cents,
            grant_cents=application.grant_cents,
            district=application.district,
            neighbourhood=application.neighbourhood or "",
            lead_name=next((name for position, name in people if position == 0), ""),
            partner_names=tuple(name for position, name in people if position != 0),
            criteria=_criteria(call),
            member=member.name,
            status=sheet.status if sheet is not None else "",
            version=sheet.version if sheet is not None else 0,
            scores=scores,
            comments={k: comment for k, (_h, comment) in content["scores"].items() if comment},
            motivation=content["motivation"],
            private_note=note.text if note is not None else "",
            total=sheet_total(call.grid, scores),
            updated_at=sheet.updated_at if sheet is not None else None,
            submitted_at=sheet.submitted_at if sheet is not None else None,
            reopened_reason=sheet.reopened_reason if sheet is not None else "",
            others_visible=visible,
            others_totals=others,
        )


def _assigned(session: Session, call: CallDefinition, member: CommitteeMember):
    """(application id, code, title) of the member's applications, by code, leaving
    out any the member is now in conflict with."""
    blocked = select(Conflict.application_id).where(
        Conflict.member_id == member.id, Conflict.status.in_(BLOCKING_CONFLICTS)
    )
    return session.execute(
        select(Application.id, Application.code, Application.title)
        .join(Assignment, Assignment.application_id == Application.id)
        .where(
            Assignment.member_id == member.id,
            Application.call_id == call.id,
            Application.id.not_in(blocked),
        )
        .order_by(Application.code)
    ).all()


def member_sheets(database: Database, call: CallDefinition, member_name: str) -> list[MemberSheet]:
    """The member's assigned applications in code order, with where each sheet stands."""
    with database.session() as session:
        member = committee.find_member(session, call, member_name)
        assigned = _assigned(session, call, member)
        sheets = {
            sheet.application_id: sheet
            for sheet in session.scalars(
                select(ScoreSheet)
                .where(ScoreSheet.member_id == member.id)
                .options(selectinload(ScoreSheet.scores))
            )
        }
        rows = []
        for application_id, code, title in assigned:
            sheet = sheets.get(application_id)
            total = None
            if sheet is not None and sheet.status == SUBMITTED:
                total = sheet_total(call.grid, scores_of(sheet_content(sheet)))
            rows.append(
                MemberSheet(
                    code=code,
                    title=title,
                    status=sheet.status if sheet is not None else "",
                    version=sheet.version if sheet is not None else 0,
                    total=total,
                )
            )
        return rows


def next_unscored(
    database: Database, call: CallDefinition, member_name: str, after_code: str | None = None
) -> str | None:
    """The member's next application (in code order, after `after_code`, wrapping
    round) whose sheet is not submitted; None when every one is."""
    with database.session() as session:
        member = committee.find_member(session, call, member_name)
        assigned = _assigned(session, call, member)
        submitted = set(
            session.scalars(
                select(ScoreSheet.application_id).where(
                    ScoreSheet.member_id == member.id, ScoreSheet.status == SUBMITTED
                )
            )
        )
    open_codes = [code for application_id, code, _ in assigned if application_id not in submitted]
    if after_code is None:
        return open_codes[0] if open_codes else None
    later = [code for code in open_codes if code > after_code]
    earlier = [code for code in open_codes if code < after_code]
    return (later or earlier or [None])[0]


def progress(database: Database, call: CallDefinition, member_name: str) -> tuple[int, int]:
    """(sheets submitted, applications assigned) for the member."""
    with database.session() as session:
        member = committee.find_member(session, call, member_name)
        assigned = _assigned(session, call, member)
        ids = [application_id for application_id, _, _ in assigned]
        if not ids:
            return 0, 0
        submitted = 0
        for start in range(0, len(ids), 900):
            submitted += session.scalar(
                select(func.count())
                .select_from(ScoreSheet)
                .where(
                    ScoreSheet.member_id == member.id,
                    ScoreSheet.status == SUBMITTED,
                    ScoreSheet.application_id.in_(ids[start : start + 900]),
                )
            )
        return submitted, len(ids)


# --------------------------------------------------------------------------- writing


def _content_from_form(
    call: CallDefinition,
    scores: Mapping[str, Decimal | int | None],
    comments: Mapping[str, str],
    motivation: str,
    status: str,
) -> dict:
    """The form's values as sheet content, refusing an unknown criterion or a score
    out of range or off the step (naming the criterion and its range)."""
    criteria = {c.id: c for c in call.grid.criteria}
    unknown = sorted((set(scores) | set(comments)) - set(criteria))
    if unknown:
        known = ", ".join(criteria)
        raise SheetProblem(
            f"criterio sconosciuto: {', '.join(unknown)}; criteri della griglia: {known}",
            f"unknown criterion: {', '.join(unknown)}; criteria of the grid: {known}",
        )
    content_scores = {}
    for criterion in call.grid.criteria:
        value = scores.get(criterion.id)
        comment = comments.get(criterion.id) or ""
        hundredths = None
        if value is not None:
            problem = validate_score(criterion, value)
            if problem:
                raise SheetProblem(problem.it, problem.en)
            hundredths = to_hundredths(Decimal(value))
        if hundredths is not None or comment:
            content_scores[criterion.id] = [hundredths, comment]
    return {"status": status, "motivation": motivation or "", "scores": content_scores}


def _save_note(
    session: Session,
    member: CommitteeMember,
    application: Application,
    text: str,
    actor: str,
) -> bool:
    """Stores the private note; True if it changed. The audit log records only that
    it changed, never its text."""
    text = text or ""
    note = _note(session, member.id, application.id)
    if (note.text if note is not None else "") == text:
        return False
    if not text and note is not None:
        session.delete(note)
    elif note is None:
        session.add(
            PrivateNote(
                member_id=member.id, application_id=application.id, text=text, updated_at=_now()
            )
        )
    else:
        note.text = text
        note.updated_at = _now()
    session.flush()
    audit.append(
        session,
        "sheet",
        pair_key(application.code, member.name),
        "private_note",
        None,
        {"private_note": "modificata, testo non registrato / changed, text not recorded"},
        actor=actor,
    )
    return True


def save_draft(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    scores: Mapping[str, Decimal | int | None],
    comments: Mapping[str, str],
    motivation: str,
    private_note: str = "",
    expected_version: int | None = None,
) -> int:
    """Saves the sheet's whole content as a draft; returns its version (unchanged
    when nothing changed, 0 while no sheet exists). `scores` maps criterion ids to
    a Decimal or None (not scored yet); criteria left out are not scored.
    `expected_version`: the version the caller read (0: no sheet yet); another one
    here means someone else changed the sheet: refused (StaleSheet). None: no check.
    A submitted sheet cannot be edited (only its private note can change)."""
    actor = current_user()
    try:
        with database.session() as session, session.begin():
            member, application = _check_pair(session, call, member_name, code)
            sheet = _sheet(session, member.id, application.id, lock=True)
            _check_version(sheet, expected_version, member.name, application.code)
            status = sheet.status if sheet is not None else DRAFT
            new = _content_from_form(call, scores, comments, motivation, status)
            old = sheet_content(sheet)
            changed = new["motivation"] != old["motivation"] or new["scores"] != old["scores"]
            if changed and sheet is not None and sheet.status == SUBMITTED:
                raise SheetProblem(
                    f"la scheda di {member.name} per {application.code} è già inviata e non si "
                    "può modificare: la segreteria può riaprirla con una motivazione",
                    f"{member.name}'s sheet for {application.code} is submitted and cannot be "
                    "changed: the secretariat can reopen it, giving a reason",
                )
            if changed:
                sheet = _write(session, member, application, sheet, new, "save_draft", actor)
            _save_note(session, member, application, private_note, actor)
            return sheet.version if sheet is not None else 0
    except IntegrityError:
        # Another save created the sheet at the same moment.
        raise StaleSheet(
            f"la scheda di {member_name} per {code} è stata creata da qualcun altro nel "
            "frattempo: ricaricarla, nulla è stato salvato",
            f"{member_name}'s sheet for {code} was created by someone else meanwhile: "
            "reload it; nothing was saved",
        ) from None


def _write(
    session: Session,
    member: CommitteeMember,
    application: Application,
    sheet: ScoreSheet | None,
    content: Mapping,
    action: str,
    actor: str,
    *,
    submitted_at: dt.datetime | None = None,
    extra: Mapping | None = None,
) -> ScoreSheet:
    """Writes new content (creating the sheet if needed), bumps the version, and
    appends the change to the audit log."""
    old = audit_record(sheet)
    now = _now()
    if sheet is None:
        sheet = ScoreSheet(
            member_id=member.id,
            application_id=application.id,
            status=DRAFT,
            motivation="",
            version=0,
            updated_at=now,
            reopened_reason="",
        )
        session.add(sheet)
    was_submitted = sheet.status == SUBMITTED
    write_content(session, sheet, content)
    sheet.version = (sheet.version or 0) + 1
    sheet.updated_at = now
    if sheet.status == SUBMITTED and not was_submitted:
        sheet.submitted_at = submitted_at or now
    elif sheet.status != SUBMITTED:
        sheet.submitted_at = None
    session.flush()
    new = audit_record(sheet)
    if extra:
        new = {**new, **extra}
    audit.append(
        session, "sheet", pair_key(application.code, member.name), action, old, new, actor=actor
    )
    return sheet


@dataclass
class SheetWrite:
    """One sheet's new content in a bulk write (an import or a kit return)."""

    member: CommitteeMember
    application: Application
    sheet: ScoreSheet | None
    content: Mapping
    submitted_at: dt.datetime | None = None


def write_many(
    session: Session,
    writes: list[SheetWrite],
    action: str,
    actor: str,
    extra: Mapping | None = None,
) -> None:
    """What `_write` does, for many sheets at once (statements in bulk, not one flush
    per sheet): new content, version bumped, one audit entry per sheet. The sheets'
    objects are expired afterwards: read them again to see the new content."""
    if not writes:
        return
    now = _now()
    olds = [audit_record(w.sheet) for w in writes]
    for write in writes:
        if write.sheet is None:
            write.sheet = ScoreSheet(
                member_id=write.member.id,
                application_id=write.application.id,
                status=DRAFT,
                motivation="",
                version=0,
                updated_at=now,
                reopened_reason="",
            )
            session.add(write.sheet)
    session.flush()
    updates, scores, news = [], [], []
    for write in writes:
        sheet, content = write.sheet, write.content
        status = content["status"] or DRAFT
        if status != SUBMITTED:
            submitted_at = None
        elif sheet.status == SUBMITTED and sheet.submitted_at is not None:
            submitted_at = sheet.submitted_at
        else:
            submitted_at = write.submitted_at or now
        version = (sheet.version or 0) + 1
        updates.append(
            {
                "sheet_id": sheet.id,
                "status": status,
                "motivation": content["motivation"],
                "version": version,
                "updated_at": now,
                "submitted_at": submitted_at,
            }
        )
        scores += [
            {"sheet_id": sheet.id, "criterion": criterion, "score_hundredths": h, "comment": c}
            for criterion, (h, c) in content["scores"].items()
        ]
        new = {
            "status": status,
            "version": version,
            "motivation": content["motivation"],
            "scores": {
                criterion: {"score_hundredths": h, "comment": c}
                for criterion, (h, c) in sorted(content["scores"].items())
            },
        }
        news.append({**new, **extra} if extra else new)
    table = ScoreSheet.__table__
    session.execute(
        table.update()
        .where(table.c.id == bindparam("sheet_id"))
        .values(
            status=bindparam("status"),
            motivation=bindparam("motivation"),
            version=bindparam("version"),
            updated_at=bindparam("updated_at"),
            submitted_at=bindparam("submitted_at"),
        ),
        updates,
    )
    ids = [row["sheet_id"] for row in updates]
    scores_table = SheetScore.__table__
    for start in range(0, len(ids), 900):
        session.execute(
            scores_table.delete().where(scores_table.c.sheet_id.in_(ids[start : start + 900]))
        )
    if scores:
        session.execute(scores_table.insert(), scores)
    for write in writes:
        session.expire(write.sheet)
    for write, old, new in zip(writes, olds, news, strict=True):
        audit.append(
            session,
            "sheet",
            pair_key(write.application.code, write.member.name),
            action,
            old,
            new,
            actor=actor,
        )


def save_private_note(
    database: Database, call: CallDefinition, member_name: str, code: str, text: str
) -> int:
    """Saves only the private note (also on a submitted sheet); returns the sheet's
    version, which a note never changes (0 while no sheet exists)."""
    with database.session() as session, session.begin():
        member, application = _check_pair(session, call, member_name, code)
        _save_note(session, member, application, text, current_user())
        sheet = _sheet(session, member.id, application.id)
        return sheet.version if sheet is not None else 0


def submit_sheet(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    expected_version: int | None = None,
) -> int:
    """Submits the saved draft: every criterion must be scored and the motivation
    written. Returns the new version."""
    actor = current_user()
    with database.session() as session, session.begin():
        member, application = _check_pair(session, call, member_name, code)
        sheet = _sheet(session, member.id, application.id, lock=True)
        _check_version(sheet, expected_version, member.name, application.code)
        if sheet is not None and sheet.status == SUBMITTED:
            raise SheetProblem(
                f"la scheda di {member.name} per {application.code} è già inviata",
                f"{member.name}'s sheet for {application.code} is already submitted",
            )
        content = {**sheet_content(sheet), "status": SUBMITTED}
        problems = content_problems(call.grid, content)
        if problems:
            raise SheetProblem(
                f"scheda {application.code} non inviata: " + "; ".join(p[0] for p in problems),
                f"sheet {application.code} not submitted: " + "; ".join(p[1] for p in problems),
            )
        sheet = _write(session, member, application, sheet, content, "submit", actor)
        return sheet.version


def reopen_sheet(
    database: Database,
    call: CallDefinition,
    member_name: str,
    code: str,
    reason: str,
    user: str | None = None,
) -> int:
    """The secretariat reopens a submitted sheet (it becomes a draft again), with a
    reason that is recorded on the sheet and in the audit log. Refused without a
    reason, in an evaluator's kit workspace, and to a committee member other than
    the secretary (an evaluator cannot reopen sheets, their own included). Returns
    the new version."""
    user = (user or current_user()).strip()
    reason = (reason or "").strip()
    if not reason:
        raise SheetProblem(
            "serve una motivazione per riaprire una scheda inviata (viene registrata)",
            "a reason is required to reopen a submitted sheet (it is recorded)",
        )
    with database.session() as session, session.begin():
        kit_member = kit_workspace_member(session)
        if kit_member is not None:
            raise SheetProblem(
                f"questo è il kit di {kit_member}: una scheda inviata si riapre solo nel "
                "database della segreteria (poi si prepara un nuovo kit)",
                f"this is {kit_member}'s kit: a submitted sheet is reopened only in the "
                "secretariat's database (then a new kit is issued)",
            )
        member, application = _check_pair(session, call, member_name, code)
        acting = session.scalars(
            select(CommitteeMember).where(
                CommitteeMember.call_id == call.id,
                func.lower(CommitteeMember.name) == user.casefold(),
            )
        ).first()
        if acting is not None and acting.role != "secretary":
            raise SheetProblem(
                f"solo la segreteria può riaprire una scheda inviata, non {acting.name}",
                f"only the secretariat can reopen a submitted sheet, not {acting.name}",
            )
        sheet = _sheet(session, member.id, application.id, lock=True)
        if sheet is None or sheet.status != SUBMITTED:
            raise SheetProblem(
                f"la scheda di {member.name} per {application.code} non è inviata: "
                "non c'è nulla da riaprire",
                f"{member.name}'s sheet for {application.code} is not submitted: "
                "there is nothing to reopen",
            )
        content = {**sheet_content(sheet), "status": DRAFT}
        sheet.reopened_reason = reason
        sheet = _write(
            session,
            member,
            application,
            sheet,
            content,
            "reopen",
            user,
            extra={"reason": reason},
        )
        return sheet.version


def workspace_member(database: Database) -> str | None:
    """The evaluator whose kit workspace this database is, or None for an ordinary
    database (the window shows "kit di NAME")."""
    with database.session() as session:
        return kit_workspace_member(session)
