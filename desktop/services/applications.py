"""Reading applications back, re-running the formal check, and officers' overrides."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from db.engine import Database
from db.models import Applicant, Application, EligibilityCheck, EligibilityOverride
from desktop.domain import formatting
from desktop.domain.applications import describe_fields
from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import (
    RULES_BY_ID,
    Outcome,
    RuleResult,
    check_application,
    effective_outcome,
    results_from_json,
    results_to_json,
    with_reasons,
)
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import application_outcome_label, rule_label
from desktop.services.audit import current_user
from desktop.services.store import (
    APPLICATION_COLUMNS,
    MEMBER_COLUMNS,
    load_overrides,
    stored_application,
    unknown_application,
)

LISTING_EXTRA_COLUMNS = (
    "sessione",
    "ammissibile",
    "motivi",
    "contributo",
    "obiettivo_raccolta_dichiarato",
)


class OverrideRefused(Problem):
    """An override that cannot be recorded; says why, in Italian and English."""


def _stored(connection: Connection, call: CallDefinition, codes: list[str] | None = None):
    """Stored applications of the call as (id, ApplicationData, row), in code order."""
    table = Application.__table__
    columns = [table.c[name] for name in APPLICATION_COLUMNS]
    statement = select(
        *columns, table.c.session_code, table.c.grant_cents, table.c.target_cents
    ).where(table.c.call_id == call.id)
    if codes is not None:
        statement = statement.where(table.c.code.in_(codes))
    rows = connection.execute(statement.order_by(table.c.code)).all()
    members: dict[int, list] = {}
    member_query = (
        select(*[Applicant.__table__.c[name] for name in MEMBER_COLUMNS])
        .join(Application, Application.id == Applicant.application_id)
        .where(Application.call_id == call.id)
    )
    if codes is not None:
        member_query = member_query.where(Application.code.in_(codes))
    for member in connection.execute(member_query):
        members.setdefault(member.application_id, []).append(member)
    return [(row.id, stored_application(row, members.get(row.id, [])), row) for row in rows]


def list_applications(database: Database, call: CallDefinition, language: str = "it") -> list[dict]:
    """Every application with the canonical columns and the check's outcome, as text."""
    with database.engine.connect() as connection:
        stored = _stored(connection, call)
        checks = {
            application_id: (outcome, results)
            for application_id, outcome, results in connection.execute(
                select(
                    EligibilityCheck.application_id,
                    EligibilityCheck.outcome,
                    EligibilityCheck.results,
                )
            )
        }
        overrides = load_overrides(connection)
    listing = []
    for application_id, app, row in stored:
        fields = describe_fields(app)
        declared = fields.pop("obiettivo_raccolta")
        fields.pop("partner_dettagli")
        results = results_from_json(checks[application_id][1]) if application_id in checks else []
        own = overrides.get(application_id, {})
        outcome = effective_outcome(results, own) if results else Outcome.CHECK
        reasons = [
            (r.reason(language) or rule_label(r.rule, language))
            + (" [deroga]" if r.rule in own else "")
            for r in results
            if own.get(r.rule, r.outcome) is not Outcome.PASS
        ]
        fields.update(
            obiettivo_raccolta=formatting.money(row.target_cents, symbol=False)
            if row.target_cents is not None
            else "",
            sessione=row.session_code or "",
            ammissibile=application_outcome_label(outcome, language),
            motivi=" | ".join(reasons),
            contributo=formatting.money(row.grant_cents, symbol=False)
            if row.grant_cents is not None
            else "",
            obiettivo_raccolta_dichiarato=declared,
        )
        listing.append(fields)
    return listing


@dataclass
class CheckSummary:
    checked: int
    by_outcome: Counter


def recheck(
    database: Database, call: CallDefinition, progress: Callable[[int, int], None] | None = None
) -> CheckSummary:
    """Runs every rule again on every application of the call, in one transaction
    (after a change of the call's rules, say). Overrides stay in force."""
    now = dt.datetime.now()
    by_outcome: Counter = Counter()
    with database.engine.begin() as connection:
        stored = _stored(connection, call)
        overrides = load_overrides(connection)
        ids = [application_id for application_id, _, _ in stored]
        for start in range(0, len(ids), 1000):
            connection.execute(
                delete(EligibilityCheck).where(
                    EligibilityCheck.application_id.in_(ids[start : start + 1000])
                )
            )
        checks, summary = [], []
        for done, (application_id, app, _row) in enumerate(stored, start=1):
            results = check_application(call, app)
            outcome = effective_outcome(results, overrides.get(application_id, {}))
            by_outcome[outcome] += 1
            checks.append(
                {
                    "application_id": application_id,
                    "checked_at": now,
                    "outcome": effective_outcome(results, {}).value,
                    "results": results_to_json(results),
                }
            )
            session = call.session_for(app.submitted_on) if app.submitted_on else None
            summary.append(
                {
                    "target_id": application_id,
                    "eligibility": outcome.value,
                    "session_code": session and session.code,
                }
            )
            if progress and done % 1000 == 0:
                progress(done, len(stored))
        if checks:
            connection.execute(insert(EligibilityCheck), checks)
            table = Application.__table__
            connection.execute(update(table).where(table.c.id == bindparam("target_id")), summary)
    return CheckSummary(len(stored), by_outcome)


@dataclass
class RuleView:
    result: RuleResult
    override: EligibilityOverride | None

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.override.outcome) if self.override else self.result.outcome


def eligibility_detail(database: Database, call: CallDefinition, code: str) -> list[RuleView]:
    found = eligibility_details(database, call, [code])
    if code not in found:
        raise unknown_application(call, code)
    return found[code]


def eligibility_details(
    database: Database, call: CallDefinition, codes: list[str]
) -> dict[str, list[RuleView]]:
    """Every rule's outcome with its override, for several applications, by code."""
    views: dict[str, list[RuleView]] = {}
    with database.session() as session:
        connection = session.connection()
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            stored = _stored(connection, call, chunk)
            ids = [application_id for application_id, _app, _row in stored]
            checks = {
                check.application_id: check
                for check in session.scalars(
                    select(EligibilityCheck).where(EligibilityCheck.application_id.in_(ids))
                )
            }
            latest: dict[int, dict[str, EligibilityOverride]] = {}
            for override in session.scalars(
                select(EligibilityOverride)
                .where(EligibilityOverride.application_id.in_(ids))
                .order_by(EligibilityOverride.created_at, EligibilityOverride.id)
            ):
                latest.setdefault(override.application_id, {})[override.rule] = override
            for application_id, app, _row in stored:
                check = checks.get(application_id)
                results = results_from_json(check.results) if check else []
                results = with_reasons(results, check_application(call, app))
                overrides = latest.get(application_id, {})
                views[app.code] = [RuleView(r, overrides.get(r.rule)) for r in results]
        session.expunge_all()
    return views


def override_rule(
    database: Database,
    call: CallDefinition,
    code: str,
    rule: str,
    outcome: Outcome,
    note: str,
    officer: str | None = None,
) -> Outcome:
    """Records an officer's decision on one rule (a note is mandatory) and returns the
    application's new overall outcome."""
    if rule not in RULES_BY_ID:
        raise OverrideRefused(
            f"regola sconosciuta {rule!r}; regole: {', '.join(RULES_BY_ID)}",
            f"unknown rule {rule!r}; rules: {', '.join(RULES_BY_ID)}",
        )
    if not note or not note.strip():
        raise OverrideRefused(
            "la deroga richiede una nota che ne spieghi il motivo",
            "an override needs a note explaining why",
        )
    with database.session() as session, session.begin():
        application = session.scalars(
            select(Application).where(Application.call_id == call.id, Application.code == code)
        ).one_or_none()
        if application is None:
            raise unknown_application(call, code)
        session.add(
            EligibilityOverride(
                application_id=application.id,
                rule=rule,
                outcome=outcome.value,
                note=note.strip(),
                officer=officer or current_user(),
                created_at=dt.datetime.now(),
            )
        )
        session.flush()
        check = session.get(EligibilityCheck, application.id)
        results = results_from_json(check.results) if check else []
        overrides = load_overrides(session.connection(), [application.id]).get(application.id, {})
        new_outcome = effective_outcome(results, overrides)
        application.eligibility = new_outcome.value
        application.row_version += 1
        application.updated_at = dt.datetime.now()
    return new_outcome
