"""What the import and the services share about the stored data, so both agree
on one mapping: applications as rows (how an ApplicationData is stored and read
back), the call's row, which database is an evaluator's kit workspace, and the
problem of a thing the user named that is not stored."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from db.models import Call, CommitteeMember, EligibilityOverride, Kit
from desktop.domain.applications import ApplicationData, Entity
from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import Outcome
from desktop.domain.problems import Problem

# An evaluator's kit workspace is marked by its call row, whose source is
# "kit:<kit id>" (desktop.kits.workspace builds it).
KIT_MARKER_PREFIX = "kit:"

APPLICATION_COLUMNS = (
    "id",
    "code",
    "submitted_on",
    "submitted_time",
    "title",
    "summary",
    "contact_person",
    "operating_address",
    "district",
    "neighbourhood",
    "objectives_mask",
    "cost_cents",
    "duration_months",
    "start_on",
    "declared_target_cents",
    "row_version",
)
MEMBER_COLUMNS = (
    "application_id",
    "position",
    "name",
    "tax_code",
    "legal_form",
    "category",
    "rea",
    "pec",
    "email",
)


class NotFound(Problem, LookupError):
    """Something the user named (an application code, an evaluator) is not stored.

    Also a LookupError only because the window's handlers of today test for it;
    new code catches NotFound (or Problem)."""


def unknown_application(call: CallDefinition, code: str) -> NotFound:
    return NotFound(
        f"domanda {code} non trovata nel bando {call.id}: controllare il codice, o "
        "aggiornare l'elenco se è stata appena tolta",
        f"application {code} not found in call {call.id}: check the code, or refresh "
        "the list if it was just removed",
    )


def ensure_call(connection: Connection, call: CallDefinition) -> None:
    """The call's row, inserted the first time a call is used in this database."""
    exists = connection.execute(select(Call.id).where(Call.id == call.id)).first()
    if not exists:
        connection.execute(
            insert(Call).values(
                id=call.id,
                title=call.title,
                source_file=call.source.name,
                registered_at=dt.datetime.now(),
            )
        )


def kit_workspace_member(session: Session) -> str | None:
    """The evaluator whose kit workspace this database is, or None for an ordinary
    database (the sheets service refuses some actions there)."""
    row = session.execute(
        select(Call.source_file).where(Call.source_file.like(KIT_MARKER_PREFIX + "%"))
    ).first()
    if row is None:
        return None
    kit = session.get(Kit, row.source_file.removeprefix(KIT_MARKER_PREFIX))
    if kit is None:
        return None
    member = session.get(CommitteeMember, kit.member_id)
    return member.name if member is not None else ""


@contextlib.contextmanager
def cyclic_gc_paused():
    """For work that builds 10⁵–10⁶ small objects and no reference cycles (an import,
    a ranking): the cyclic collector would walk every live object dozens of times
    and find nothing. A ranking of 100,000 applications measured 0.5–0.9 s paused,
    1.2–1.7 s collecting (Python 3.11); the import spends a fifth of its time there.
    Here, not in the domain: the collector is the process's, the caller's to pause."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def objectives_mask(numbers) -> int:
    mask = 0
    for number in numbers:
        mask |= 1 << number
    return mask


def objectives_from_mask(mask: int) -> tuple[int, ...]:
    return tuple(n for n in range(mask.bit_length()) if mask >> n & 1)


def stored_application(row, members) -> ApplicationData:
    """An ApplicationData rebuilt from a stored row and its members."""
    entities = [
        Entity(
            name=m.name,
            tax_code=m.tax_code,
            legal_form=m.legal_form,
            category=m.category,
            rea=m.rea,
            pec=m.pec,
            email=m.email,
        )
        for m in sorted(members, key=lambda m: m.position)
    ]
    has_lead = bool(members) and min(m.position for m in members) == 0
    return ApplicationData(
        code=row.code,
        title=row.title,
        submitted_on=row.submitted_on,
        submitted_time=row.submitted_time,
        summary=row.summary,
        lead=entities[0] if has_lead else None,
        partners=tuple(entities[1:] if has_lead else entities),
        contact_person=row.contact_person,
        operating_address=row.operating_address,
        district=row.district,
        neighbourhood=row.neighbourhood,
        objectives=objectives_from_mask(row.objectives_mask),
        cost_cents=row.cost_cents,
        duration_months=row.duration_months,
        start_on=row.start_on,
        declared_target_cents=row.declared_target_cents,
    )


def fields_digest(app: ApplicationData) -> str:
    """A fingerprint of everything imported for one application. Only a fast path:
    a mismatch (a new release's different repr, say) falls back to a full compare."""
    return hashlib.blake2b(repr(app).encode(), digest_size=16).hexdigest()


def application_values(call: CallDefinition, app: ApplicationData, digest: str) -> dict:
    grant = call.grant_cents(app.cost_cents) if app.cost_cents is not None else None
    session = call.session_for(app.submitted_on) if app.submitted_on else None
    return {
        "code": app.code,
        "submitted_on": app.submitted_on,
        "submitted_time": app.submitted_time,
        "session_code": session.code if session else None,
        "title": app.title,
        "summary": app.summary,
        "contact_person": app.contact_person,
        "operating_address": app.operating_address,
        "district": app.district,
        "neighbourhood": app.neighbourhood,
        "objectives_mask": objectives_mask(app.objectives),
        "cost_cents": app.cost_cents,
        "duration_months": app.duration_months,
        "start_on": app.start_on,
        "declared_target_cents": app.declared_target_cents,
        "grant_cents": grant,
        "target_cents": app.cost_cents - grant if grant is not None else None,
        "fields_digest": digest,
    }


def member_rows(application_id: int, app: ApplicationData) -> list[dict]:
    rows = []
    if app.lead is not None:
        rows.append(_member(application_id, 0, "capofila", app.lead))
    rows.extend(
        _member(application_id, i, "partner", p) for i, p in enumerate(app.partners, start=1)
    )
    return rows


def _member(application_id: int, position: int, role: str, entity: Entity) -> dict:
    return {
        "application_id": application_id,
        "position": position,
        "role": role,
        "name": entity.name,
        "tax_code": entity.tax_code,
        "legal_form": entity.legal_form,
        "category": entity.category,
        "rea": entity.rea,
        "pec": entity.pec,
        "email": entity.email,
    }


def load_overrides(
    connection: Connection, ids: list[int] | None = None
) -> dict[int, dict[str, Outcome]]:
    """The latest override of each rule, per application."""
    statement = select(
        EligibilityOverride.application_id, EligibilityOverride.rule, EligibilityOverride.outcome
    ).order_by(EligibilityOverride.created_at, EligibilityOverride.id)
    if ids is not None:
        statement = statement.where(EligibilityOverride.application_id.in_(ids))
    overrides: dict[int, dict[str, Outcome]] = {}
    for application_id, rule, outcome in connection.execute(statement):
        overrides.setdefault(application_id, {})[rule] = Outcome(outcome)
    return overrides


def bulk_insert(connection: Connection, table, rows: list[dict]) -> None:
    """executemany straight to the driver, with each column's own bind conversion.

    At 100,000 rows SQLAlchemy's per-row parameter handling costs more than the
    insert itself; this keeps the types' conversions (dates on SQLite, say)."""
    if not rows:
        return
    dialect = connection.dialect
    columns = list(rows[0])
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([marker] * len(columns))})"
    )
    parameters = [tuple(row[c] for c in columns) for row in rows]
    converted = [(i, p) for i, p in enumerate(processors) if p]
    if converted:
        for index, values in enumerate(parameters):
            values = list(values)
            for i, process in converted:
                values[i] = process(values[i])
            parameters[index] = tuple(values)
    connection.exec_driver_sql(sql, parameters)


def ids_by_code(connection: Connection, call_id: str, codes: list[str]) -> dict[str, int]:
    from db.models import Application

    table = Application.__table__
    found: dict[str, int] = {}
    for start in range(0, len(codes), 900):
        statement = select(table.c.code, table.c.id).where(
            table.c.call_id == call_id, table.c.code.in_(codes[start : start + 900])
        )
        found.update((code, id_) for code, id_ in connection.execute(statement))
    return found
