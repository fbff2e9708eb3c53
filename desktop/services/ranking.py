"""The ranking (graduatoria) of a session from the database, the committee's
evaluation summary of one application, and the committee's decisions.

What counts:

- only **submitted** sheets; a sheet missing the score of a criterion in the total is
  not a finished sheet and does not count;
- a sheet whose (member, application) has a conflict of interest that is
  **confirmed or proposed** is left out, and so is that member's assignment to the
  application (it could never be fulfilled): a proposed conflict excludes until the
  secretariat dismisses it;
- expected evaluators of an application: its assignments (less the conflicted ones);
  with no assignment at all, the grid's ``evaluators_per_application``.

The session's budget (:func:`session_budget`): an explicit what-if amount if given;
else the session's own ``budget`` from the call file; else the call's budget less
the grants of the applications of **earlier** sessions that the committee has
**admitted** (decisions, not proposals), never below zero. With no session the whole
call is ranked together against the call's budget.

Decisions (admitted / not admitted, reasons required) live apart from the proposal:
the ranking shows both, and every change is in the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.exc import IntegrityError

from db.engine import Database
from db.models import (
    Applicant,
    Application,
    Assignment,
    CommitteeMember,
    Conflict,
    Decision,
    ScoreSheet,
    SheetScore,
)
from desktop.domain import scoring, vocabulary
from desktop.domain.audit import Anchor
from desktop.domain.calls import CallDefinition, Criterion
from desktop.domain.problems import Problem
from desktop.services import audit
from desktop.services.store import (
    NotFound,
    cyclic_gc_paused,
    objectives_from_mask,
    unknown_application,
)

DECISIONS = tuple(vocabulary.DECISIONS)  # admitted / not_admitted
# Conflicts that keep a member's sheet out of the ranking.
EXCLUDING_CONFLICTS = ("confirmed", "proposed")


class DecisionRefused(Problem):
    """A decision that cannot be recorded; the message says why, in Italian and English."""


@dataclass(frozen=True)
class DecisionRow:
    code: str
    decision: str  # admitted / not_admitted
    reasons: str
    decided_by: str
    decided_at: dt.datetime

    def label(self, language: str = "it") -> str:
        return vocabulary.decision_label(self.decision, language)


@dataclass(frozen=True, slots=True)
class RankingEntry:
    """One application in the ranking, as the window and the exports show it."""

    position: int | None  # None: not ranked (see status)
    normalised_position: int | None  # when the normalised ranking was asked for
    code: str
    title: str
    lead_partner: str  # the lead partner's name (an entity, not a person)
    district: int | None
    objectives: tuple[int, ...]
    submitted_on: dt.date | None
    submitted_time: dt.time | None
    eligibility: str  # pass / fail / check
    grant_cents: int | None
    cumulative_grant_cents: int | None  # Σ grants from position 1 to this one
    score: Decimal | None
    normalised_score: Decimal | None
    evaluators: int  # sheets counted
    expected_evaluators: int
    spread: Decimal | None
    disagreement: bool
    status: str  # one of scoring.STATUSES
    decision: DecisionRow | None
    scores: scoring.ApplicationScores | None

    @property
    def criteria(self) -> dict[str, scoring.CriterionStats]:
        """Per-criterion mean, median, min, max, spread (computed on demand)."""
        return self.scores.criteria if self.scores is not None else {}

    def status_label(self, language: str = "it") -> str:
        return vocabulary.ranking_status_label(self.status, language)


@dataclass(frozen=True)
class DisagreementRow:
    code: str
    title: str
    spread: Decimal
    totals: tuple[tuple[str, Decimal], ...]  # (member's name, total)


@dataclass(frozen=True)
class RankingResult:
    call_id: str
    call_title: str
    session_code: str | None
    session_name: str
    budget_cents: int
    budget_source: str  # given / session / call_remaining / call
    earlier_admitted_cents: int  # grants admitted in earlier sessions (call_remaining)
    funded_count: int
    funded_total_cents: int
    left_cents: int
    minimum_total: Decimal
    aggregation: str
    normalised: bool
    entries: list[RankingEntry]  # ranked by position, then the unranked ones
    disagreements: list[DisagreementRow]  # most divergent first
    moved: list[scoring.PositionMove]  # raw vs normalised positions that differ
    by_district: list[scoring.FundedGroup]
    by_objective: list[scoring.FundedGroup]
    generated_at: dt.datetime
    ranking: scoring.Ranking  # the sorted ranking, for what-if budgets
    # The audit log's head when the data was read (COUNT:HASH), printed on the
    # documents so the log can later be checked against it (`audit verify --anchor`).
    audit_anchor: Anchor | None = None

    @property
    def ranked(self) -> list[RankingEntry]:
        return self.entries[: len(self.ranking.ranked)]

    def with_budget(self, budget_cents: int) -> RankingResult:
        """The same ranking with the funding line at another budget: nothing is
        re-read or re-sorted; only the entries whose status changes are rebuilt."""
        line = self.ranking.funding_line(budget_cents)
        low, high = sorted((self.funded_count, line.funded_count))
        entries = list(self.entries)
        for index in range(low, high):
            entries[index] = dataclasses.replace(
                entries[index], status=line.status_at(entries[index].position)
            )
        return dataclasses.replace(
            self,
            budget_cents=line.budget_cents,
            budget_source="given",
            funded_count=line.funded_count,
            funded_total_cents=line.funded_total_cents,
            left_cents=line.left_cents,
            entries=entries,
            by_district=self.ranking.funded_by_district(line),
            by_objective=self.ranking.funded_by_objective(line),
        )


# --------------------------------------------------------------------------- reading


def _conflicted(member_column, application_column):
    return exists().where(
        Conflict.member_id == member_column,
        Conflict.application_id == application_column,
        Conflict.status.in_(EXCLUDING_CONFLICTS),
    )


def _sheet_rows(connection, call: CallDefinition, application_ids: Iterable[int] | None = None):
    """Counted sheets as ``(code, member id, hundredths per criterion in the grid's
    order)``, one row per sheet, pivoted by the database and ordered by application."""
    pivot = [
        func.max(case((SheetScore.criterion == c.id, SheetScore.score_hundredths))).label(f"c{i}")
        for i, c in enumerate(call.grid.criteria)
    ]
    statement = (
        select(Application.code, ScoreSheet.member_id, *pivot)
        .select_from(ScoreSheet)
        .join(Application, Application.id == ScoreSheet.application_id)
        .outerjoin(SheetScore, SheetScore.sheet_id == ScoreSheet.id)
        .where(
            Application.call_id == call.id,
            ScoreSheet.status == "submitted",
            ~_conflicted(ScoreSheet.member_id, ScoreSheet.application_id),
        )
        .group_by(ScoreSheet.id, Application.code, ScoreSheet.member_id)
        .order_by(Application.code, ScoreSheet.member_id)
    )
    if application_ids is not None:
        statement = statement.where(ScoreSheet.application_id.in_(list(application_ids)))
    return [(row[0], row[1], tuple(row[2:])) for row in connection.execute(statement)]


def _expected_counts(
    connection, call: CallDefinition, application_id: int | None = None
) -> dict[int, int]:
    """Assignments per application id, less those of conflicted members."""
    statement = (
        select(Assignment.application_id, func.count())
        .join(Application, Application.id == Assignment.application_id)
        .where(
            Application.call_id == call.id,
            ~_conflicted(Assignment.member_id, Assignment.application_id),
        )
        .group_by(Assignment.application_id)
    )
    if application_id is not None:
        statement = statement.where(Assignment.application_id == application_id)
    return dict(connection.execute(statement).all())


def _member_names(connection, call: CallDefinition) -> dict[int, str]:
    return dict(
        connection.execute(
            select(CommitteeMember.id, CommitteeMember.name).where(
                CommitteeMember.call_id == call.id
            )
        ).all()
    )


def _decisions(connection, call: CallDefinition) -> dict[str, DecisionRow]:
    rows = connection.execute(
        select(
            Application.code,
            Decision.decision,
            Decision.reasons,
            Decision.decided_by,
            Decision.decided_at,
        )
        .join(Application, Application.id == Decision.application_id)
        .where(Application.call_id == call.id)
    )
    return {row.code: DecisionRow(*row) for row in rows}


def _session(call: CallDefinition, session_code: str | None):
    if session_code is None:
        return None
    for session in call.sessions:
        if session.code == session_code:
            return session
    known = ", ".join(s.code for s in call.sessions)
    raise NotFound(
        f"sessione {session_code!r} sconosciuta nel bando {call.id}; sessioni: {known}",
        f"unknown session {session_code!r} of call {call.id}; sessions: {known}",
    )


def _earlier_sessions(call: CallDefinition, session) -> list[str]:
    ordered = sorted(call.sessions, key=lambda s: s.opens or dt.date.min)
    return [s.code for s in ordered[: ordered.index(session)]]


def session_budget(
    database: Database, call: CallDefinition, session_code: str | None
) -> tuple[int, str, int]:
    """(budget in cents, where it comes from, grants admitted in earlier sessions).

    The session's own budget when the call file gives one ("session"); else the call's
    budget less the grants of applications of earlier sessions with the decision
    "admitted" ("call_remaining", never below zero); with no session, the call's
    budget ("call")."""
    session = _session(call, session_code)
    if session is None:
        return call.budget_cents, "call", 0
    if session.budget_cents is not None:
        return session.budget_cents, "session", 0
    earlier = _earlier_sessions(call, session)
    admitted = 0
    if earlier:
        with database.engine.connect() as connection:
            admitted = connection.execute(
                select(func.coalesce(func.sum(Application.grant_cents), 0))
                .join(Decision, Decision.application_id == Application.id)
                .where(
                    Application.call_id == call.id,
                    Application.session_code.in_(earlier),
                    Decision.decision == "admitted",
                )
            ).scalar_one()
    return max(0, call.budget_cents - int(admitted)), "call_remaining", int(admitted)


def load_ranking(
    database: Database,
    call: CallDefinition,
    session_code: str | None,
    budget_cents: int | None = None,
    normalised: bool = False,
) -> RankingResult:
    """The ranking of the session (the whole call when ``session_code`` is None) with
    its funding line at ``budget_cents`` (default: :func:`session_budget`)."""
    session = _session(call, session_code)
    applications = Application.__table__
    lead = Applicant.__table__.alias("lead")
    statement = (
        select(
            applications.c.id,
            applications.c.code,
            applications.c.title,
            lead.c.name,
            applications.c.district,
            applications.c.objectives_mask,
            applications.c.grant_cents,
            applications.c.submitted_on,
            applications.c.submitted_time,
            applications.c.eligibility,
        )
        .select_from(
            applications.outerjoin(
                lead, and_(lead.c.application_id == applications.c.id, lead.c.position == 0)
            )
        )
        .where(applications.c.call_id == call.id)
        .order_by(applications.c.code)
    )
    if session is not None:
        statement = statement.where(applications.c.session_code == session.code)
    with database.engine.connect() as connection:
        rows = connection.execute(statement).all()
        expected = _expected_counts(connection, call)
        # Every counted sheet of the call: other sessions' sheets feed the normalisation.
        sheets = _sheet_rows(connection, call)
        names = _member_names(connection, call)
        decisions = _decisions(connection, call)
        anchor = audit.head(connection)
    if budget_cents is None:
        budget_cents, source, earlier = session_budget(database, call, session_code)
    else:
        source, earlier = "given", 0

    fallback = call.grid.evaluators_per_application
    candidates, info = [], {}
    for row in rows:
        objectives = objectives_from_mask(row.objectives_mask or 0)
        candidates.append(
            scoring.Candidate(
                code=row.code,
                eligibility=row.eligibility,
                grant_cents=row.grant_cents,
                submitted_on=row.submitted_on,
                submitted_time=row.submitted_time,
                district=row.district,
                objectives=objectives,
                expected_evaluators=expected.get(row.id, fallback),
            )
        )
        info[row.code] = (row.title, row.name or "")
    with cyclic_gc_paused():
        ranking = scoring.rank(
            call.grid, call.evaluation, candidates, sheets, normalised=normalised
        )
    line = ranking.funding_line(budget_cents)
    normalisation = ranking.normalisation
    flagged = {d.code for d in ranking.disagreements}
    entries = []
    for entry in ranking.entries:
        candidate, scores = entry.candidate, entry.scores
        title, lead_name = info[candidate.code]
        entries.append(
            RankingEntry(
                position=entry.position,
                normalised_position=normalisation.positions.get(candidate.code)
                if normalisation
                else None,
                code=candidate.code,
                title=title,
                lead_partner=lead_name,
                district=candidate.district,
                objectives=candidate.objectives,
                submitted_on=candidate.submitted_on,
                submitted_time=candidate.submitted_time,
                eligibility=candidate.eligibility,
                grant_cents=candidate.grant_cents,
                cumulative_grant_cents=entry.cumulative_grant_cents,
                score=scores.score if scores else None,
                normalised_score=normalisation.scores.get(candidate.code)
                if normalisation
                else None,
                evaluators=scores.count if scores else 0,
                expected_evaluators=candidate.expected_evaluators,
                spread=scores.spread if scores else None,
                disagreement=candidate.code in flagged,
                status=ranking.status(entry, line),
                decision=decisions.get(candidate.code),
                scores=scores,
            )
        )
    disagreements = [
        DisagreementRow(
            d.code,
            info[d.code][0],
            d.spread,
            tuple((names.get(t.evaluator, str(t.evaluator)), t.total) for t in d.totals),
        )
        for d in ranking.disagreements
    ]
    return RankingResult(
        call_id=call.id,
        call_title=call.title,
        session_code=session.code if session else None,
        session_name=session.name if session else "",
        budget_cents=line.budget_cents,
        budget_source=source,
        earlier_admitted_cents=earlier,
        funded_count=line.funded_count,
        funded_total_cents=line.funded_total_cents,
        left_cents=line.left_cents,
        minimum_total=call.grid.minimum_total,
        aggregation=call.evaluation.aggregation,
        normalised=normalised,
        entries=entries,
        disagreements=disagreements,
        moved=normalisation.moved if normalisation else [],
        by_district=ranking.funded_by_district(line),
        by_objective=ranking.funded_by_objective(line),
        generated_at=dt.datetime.now().replace(microsecond=0),
        ranking=ranking,
        audit_anchor=anchor,
    )


# --------------------------------------------------------------------------- one application


@dataclass(frozen=True)
class EvaluatorSheet:
    """One counted sheet, for the committee: never the evaluator's private notes."""

    member: str
    role: str
    total: Decimal
    scores: dict[str, Decimal | None]  # criterion id → score
    comments: dict[str, str]  # criterion id → comment (only those written)
    motivation: str  # may be quoted to the applicant
    submitted_at: dt.datetime | None


@dataclass(frozen=True)
class ApplicationEvaluation:
    code: str
    title: str
    lead_partner: str
    district: int | None
    session_code: str
    eligibility: str
    grant_cents: int | None
    aggregation: str
    minimum_total: Decimal
    expected_evaluators: int
    score: Decimal | None
    spread: Decimal | None
    complete: bool
    disagreement: bool
    criteria: list[tuple[Criterion, scoring.CriterionStats]]  # in the grid's order
    sheets: list[EvaluatorSheet]  # counted sheets, by member's name
    excluded_for_conflict: int  # submitted sheets left out for a conflict of interest
    not_counted: int  # drafts and unfinished sheets
    decision: DecisionRow | None
    audit_anchor: Anchor | None = None  # the log's head when read (RankingResult)

    @property
    def totals(self) -> list[tuple[str, Decimal]]:
        return [(sheet.member, sheet.total) for sheet in self.sheets]


def evaluation_summary(
    database: Database, call: CallDefinition, code: str
) -> ApplicationEvaluation:
    """The committee's view of one application's evaluation: per-criterion statistics,
    each evaluator's total, comments and quotable motivation. Private notes are never
    read. LookupError when the application is not there."""
    with database.engine.connect() as connection:
        row = connection.execute(
            select(
                Application.id,
                Application.code,
                Application.title,
                Application.district,
                Application.session_code,
                Application.eligibility,
                Application.grant_cents,
            ).where(Application.call_id == call.id, Application.code == code)
        ).one_or_none()
        if row is None:
            raise unknown_application(call, code)
        lead = connection.execute(
            select(Applicant.name).where(
                Applicant.application_id == row.id, Applicant.position == 0
            )
        ).scalar()
        counted = _sheet_rows(connection, call, [row.id])
        sheets = {
            sheet.member_id: sheet
            for sheet in connection.execute(
                select(
                    ScoreSheet.id,
                    ScoreSheet.member_id,
                    ScoreSheet.status,
                    ScoreSheet.motivation,
                    ScoreSheet.submitted_at,
                    CommitteeMember.name,
                    CommitteeMember.role,
                    _conflicted(ScoreSheet.member_id, ScoreSheet.application_id).label(
                        "conflicted"
                    ),
                )
                .join(CommitteeMember, CommitteeMember.id == ScoreSheet.member_id)
                .where(ScoreSheet.application_id == row.id)
            )
        }
        comments: dict[int, dict[str, str]] = {}
        for sheet_id, criterion, comment in connection.execute(
            select(SheetScore.sheet_id, SheetScore.criterion, SheetScore.comment).where(
                SheetScore.sheet_id.in_([s.id for s in sheets.values()] or [-1])
            )
        ):
            if comment and comment.strip():
                comments.setdefault(sheet_id, {})[criterion] = comment
        expected = _expected_counts(connection, call, row.id).get(row.id)
        decision = _decisions(connection, call).get(code)
        anchor = audit.head(connection)
    expected = expected or call.grid.evaluators_per_application
    scores = scoring.aggregate(call.grid, call.evaluation, counted, {code: expected}).get(code)
    counted_members = set(scores.evaluators) if scores else set()
    evaluator_sheets = []
    if scores is not None:
        for (_code, member_id, hundredths), total in zip(scores.rows, scores.totals, strict=True):
            sheet = sheets[member_id]
            evaluator_sheets.append(
                EvaluatorSheet(
                    member=sheet.name,
                    role=sheet.role,
                    total=total.total,
                    scores={
                        c.id: None if h is None else scoring.from_hundredths(h)
                        for c, h in zip(call.grid.criteria, hundredths, strict=True)
                    },
                    comments=comments.get(sheet.id, {}),
                    motivation=sheet.motivation or "",
                    submitted_at=sheet.submitted_at,
                )
            )
    evaluator_sheets.sort(key=lambda s: s.member.casefold())
    excluded = sum(1 for s in sheets.values() if s.status == "submitted" and s.conflicted)
    not_counted = sum(
        1 for s in sheets.values() if s.member_id not in counted_members and not s.conflicted
    )
    stats = scores.criteria if scores else {}
    spread = scores.spread if scores else None
    return ApplicationEvaluation(
        code=row.code,
        title=row.title,
        lead_partner=lead or "",
        district=row.district,
        session_code=row.session_code or "",
        eligibility=row.eligibility,
        grant_cents=row.grant_cents,
        aggregation=call.evaluation.aggregation,
        minimum_total=call.grid.minimum_total,
        expected_evaluators=expected,
        score=scores.score if scores else None,
        spread=spread,
        complete=bool(scores and scores.complete),
        disagreement=spread is not None and spread > call.evaluation.disagreement_limit,
        criteria=[
            (c, stats.get(c.id) or scoring.CriterionStats(c.id, c.in_total, 0, *[None] * 5))
            for c in call.grid.criteria
        ],
        sheets=evaluator_sheets,
        excluded_for_conflict=excluded,
        not_counted=not_counted,
        decision=decision,
        audit_anchor=anchor,
    )


# --------------------------------------------------------------------------- decisions


def _application_id(session, call: CallDefinition, code: str) -> int:
    found = session.execute(
        select(Application.id).where(Application.call_id == call.id, Application.code == code)
    ).scalar()
    if found is None:
        raise unknown_application(call, code)
    return found


def _decision_value(decision: Decision | None):
    if decision is None:
        return None
    return {"decision": decision.decision, "reasons": decision.reasons}


def check_decision(decision: str, reasons: str) -> str:
    """The reasons, stripped; refuses an unknown decision or empty reasons."""
    if decision not in DECISIONS:
        raise DecisionRefused(
            f"decisione {decision!r} non valida: usare «admitted» (ammessa) o «not_admitted» "
            "(non ammessa)",
            f"invalid decision {decision!r}: use admitted or not_admitted",
        )
    reasons = (reasons or "").strip()
    if not reasons:
        raise DecisionRefused(
            "la decisione richiede le motivazioni: scriverle (art. 3 L. 241/1990)",
            "a decision needs its reasons: write them",
        )
    return reasons


def set_decision(
    database: Database,
    call: CallDefinition,
    code: str,
    decision: str,
    reasons: str,
    user: str | None = None,
) -> DecisionRow:
    """Records the committee's decision (replacing any earlier one), with its reasons,
    in the audit log in the same transaction."""
    reasons = check_decision(decision, reasons)
    actor = user or audit.current_user()
    now = dt.datetime.now().replace(microsecond=0)
    try:
        _write_decision(database, call, code, decision, reasons, actor, now)
    except IntegrityError:
        # Someone else recorded the first decision on this application at the same
        # moment (PostgreSQL: the row did not exist to be locked). Once more: now the
        # row is there, locked, and this decision replaces it, audited after it.
        _write_decision(database, call, code, decision, reasons, actor, now)
    return DecisionRow(code, decision, reasons, actor, now)


def _write_decision(database, call, code, decision, reasons, actor, now) -> None:
    with database.session() as session, session.begin():
        # Locked before reading: a decision made at the same moment is either
        # already in (and replaced here, with its value as the audit's old one) or
        # waits for this one; never both read the same old value.
        database.lock_for_writing(session)
        write_decision(session, call, code, decision, reasons, actor, now)


def write_decision(session, call, code, decision, reasons, actor, now) -> None:
    """set_decision's write inside the caller's transaction (the sitting records a
    decision and its agenda item together); the caller took the write lock."""
    application_id = _application_id(session, call, code)
    row = session.get(Decision, application_id, with_for_update=True)
    old = _decision_value(row)
    if row is None:
        row = Decision(application_id=application_id)
        session.add(row)
    row.decision, row.reasons, row.decided_by, row.decided_at = decision, reasons, actor, now
    session.flush()
    audit.append(session, "decision", code, "set", old, _decision_value(row), actor=actor)


def clear_decision(
    database: Database, call: CallDefinition, code: str, user: str | None = None
) -> bool:
    """Removes the decision (audit-logged); False when there was none."""
    with database.session() as session, session.begin():
        database.lock_for_writing(session)  # as in set_decision
        application_id = _application_id(session, call, code)
        row = session.get(Decision, application_id, with_for_update=True)
        if row is None:
            return False
        old = _decision_value(row)
        session.delete(row)
        session.flush()
        audit.append(session, "decision", code, "clear", old, None, actor=user)
    return True


def load_decisions(database: Database, call: CallDefinition) -> dict[str, DecisionRow]:
    with database.engine.connect() as connection:
        return _decisions(connection, call)
