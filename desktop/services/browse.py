"""What the main window shows: every application of a call as one light row, and one
application in full. No Qt here: the window calls these from worker threads.

A row is a named tuple of raw values (cents, dates, ranks) plus a precomputed search
key, read with one SQL query. Rebuilding an ApplicationData per row would cost a
hundred times more at 100,000 applications; the detail of one application does it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import and_, select

from db.engine import Database
from db.models import Applicant, Application, ApplicationChange
from desktop.domain.applications import ApplicationData
from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import Outcome
from desktop.services.applications import RuleView, eligibility_details
from desktop.services.store import (
    APPLICATION_COLUMNS,
    MEMBER_COLUMNS,
    stored_application,
    unknown_application,
)

# Sorting by eligibility puts the eligible first, then those to check, then the rest.
OUTCOME_RANK = {Outcome.PASS: 0, Outcome.CHECK: 1, Outcome.FAIL: 2}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def search_key(*texts: str) -> str:
    """Case- and accent-insensitive text to match a search against: 'Città' and
    'citta' find each other. Fields are joined by a newline, which no query holds,
    so a match never spans two fields."""
    joined = "\n".join(texts)
    if joined.isascii():
        return joined.lower()
    folded = unicodedata.normalize("NFKD", joined.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


class ApplicationRow(NamedTuple):
    """One application as the table shows it. A named tuple: a call may have 100,000."""

    id: int
    code: str
    title: str
    lead_name: str
    lead_tax_code: str
    district: int | None
    neighbourhood: str
    cost_cents: int | None
    grant_cents: int | None
    eligibility: Outcome
    session_code: str  # "" when the application falls outside every session
    session_rank: int  # the session's position in the call; outside sessions last
    objectives_mask: int  # bit n set = objective n, as stored
    submitted_on: dt.date | None
    search_key: str


def load_rows(
    database: Database, call: CallDefinition, codes: list[str] | None = None
) -> list[ApplicationRow]:
    """The applications of the call (only `codes`, when given) in code order: one
    query over the applications and their lead partner (position 0)."""
    applications = Application.__table__
    lead = Applicant.__table__.alias("lead")
    statement = (
        select(
            applications.c.id,
            applications.c.code,
            applications.c.title,
            lead.c.name,
            lead.c.tax_code,
            applications.c.district,
            applications.c.neighbourhood,
            applications.c.cost_cents,
            applications.c.grant_cents,
            applications.c.eligibility,
            applications.c.session_code,
            applications.c.objectives_mask,
            applications.c.submitted_on,
        )
        .select_from(
            applications.outerjoin(
                lead, and_(lead.c.application_id == applications.c.id, lead.c.position == 0)
            )
        )
        .where(applications.c.call_id == call.id)
        .order_by(applications.c.code)
    )
    if codes is not None:
        statement = statement.where(applications.c.code.in_(codes))
    session_rank = {session.code: rank for rank, session in enumerate(call.sessions)}
    outside = len(call.sessions)
    with database.engine.connect() as connection:
        result = connection.execute(statement).all()
    return [
        ApplicationRow(
            id_,
            code,
            title,
            lead_name or "",
            lead_tax_code or "",
            district,
            neighbourhood or "",
            cost,
            grant,
            _OUTCOMES.get(eligibility, Outcome.CHECK),
            session or "",
            session_rank.get(session, outside),
            mask or 0,
            submitted_on,
            search_key(code, title, lead_name or "", lead_tax_code or "", neighbourhood or ""),
        )
        for (
            id_,
            code,
            title,
            lead_name,
            lead_tax_code,
            district,
            neighbourhood,
            cost,
            grant,
            eligibility,
            session,
            mask,
            submitted_on,
        ) in result
    ]


@dataclass(frozen=True)
class Member:
    """A member of the aggregation as stored: position 0 is the lead partner."""

    position: int
    name: str
    tax_code: str
    legal_form: str
    category: str
    rea: str
    pec: str
    email: str

    @property
    def is_lead(self) -> bool:
        return self.position == 0


@dataclass(frozen=True)
class Change:
    """One field of the application changed (application_changes)."""

    changed_at: dt.datetime
    field: str
    old_value: str
    new_value: str
    changed_by: str


@dataclass(frozen=True)
class ApplicationDetail:
    application: ApplicationData
    session_code: str
    session_name: str
    grant_cents: int | None
    target_cents: int | None  # what the campaign must raise, from the call's split
    eligibility: Outcome
    updated_at: dt.datetime | None
    members: tuple[Member, ...]
    objectives: tuple[tuple[int, str], ...]  # (number, the call's name for it)
    rules: tuple[RuleView, ...]
    history: tuple[Change, ...]  # newest first

    @property
    def code(self) -> str:
        return self.application.code


def load_detail(database: Database, call: CallDefinition, code: str) -> ApplicationDetail:
    """Everything about one application; LookupError when it is not (or no longer) there."""
    found = load_details(database, call, [code], history=True)
    if code not in found:
        raise unknown_application(call, code)
    return found[code]


def load_details(
    database: Database,
    call: CallDefinition,
    codes: list[str],
    *,
    history: bool = False,
    rules_when: tuple[str, ...] | None = None,
) -> dict[str, ApplicationDetail]:
    """The details of several applications in a few queries (a batch of letters), by
    code; codes not stored are left out. `history`: the changes too. `rules_when`: the
    formal check's rules only for applications with one of these outcomes (the others
    get none; None: for every one)."""
    table = Application.__table__
    columns = (
        *[table.c[name] for name in APPLICATION_COLUMNS],
        table.c.session_code,
        table.c.grant_cents,
        table.c.target_cents,
        table.c.eligibility,
        table.c.updated_at,
    )
    rows, members, changes = [], {}, {}
    with database.engine.connect() as connection:
        for start in range(0, len(codes), 500):
            rows += connection.execute(
                select(*columns).where(
                    table.c.call_id == call.id, table.c.code.in_(codes[start : start + 500])
                )
            ).all()
        ids = [row.id for row in rows]
        for start in range(0, len(ids), 500):
            for member in connection.execute(
                select(*[Applicant.__table__.c[name] for name in MEMBER_COLUMNS])
                .where(Applicant.application_id.in_(ids[start : start + 500]))
                .order_by(Applicant.application_id, Applicant.position)
            ):
                members.setdefault(member.application_id, []).append(member)
            if history:
                for change in connection.execute(
                    select(
                        ApplicationChange.application_id,
                        ApplicationChange.changed_at,
                        ApplicationChange.field,
                        ApplicationChange.old_value,
                        ApplicationChange.new_value,
                        ApplicationChange.changed_by,
                    )
                    .where(ApplicationChange.application_id.in_(ids[start : start + 500]))
                    .order_by(ApplicationChange.changed_at.desc(), ApplicationChange.id.desc())
                ):
                    changes.setdefault(change.application_id, []).append(change)
    names = {objective.number: objective.name for objective in call.objectives}
    rules = eligibility_details(
        database,
        call,
        [row.code for row in rows if rules_when is None or row.eligibility in rules_when],
    )
    details = {}
    for row in rows:
        stored_members = members.get(row.id, [])
        application = stored_application(row, stored_members)
        session = next((s for s in call.sessions if s.code == row.session_code), None)
        details[row.code] = ApplicationDetail(
            application=application,
            session_code=row.session_code or "",
            session_name=session.name if session else "",
            grant_cents=row.grant_cents,
            target_cents=row.target_cents,
            eligibility=_OUTCOMES.get(row.eligibility, Outcome.CHECK),
            updated_at=row.updated_at,
            members=tuple(
                Member(
                    m.position,
                    m.name,
                    m.tax_code or "",
                    m.legal_form or "",
                    m.category or "",
                    m.rea or "",
                    m.pec or "",
                    m.email or "",
                )
                for m in stored_members
            ),
            objectives=tuple((n, names.get(n, "")) for n in application.objectives),
            rules=tuple(rules.get(row.code, ())),
            history=tuple(
                Change(c.changed_at, c.field, c.old_value or "", c.new_value or "", c.changed_by)
                for c in changes.get(row.id, [])
            ),
        )
    return details
