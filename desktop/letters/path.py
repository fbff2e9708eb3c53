"""The one place a letter moves on its path (draft → approved → protocolled → sent →
delivered / failed): the step is checked against the domain's transitions, the
letter's row updated, an event added and the audit log appended, all in the
caller's transaction. The service (approve, protocol), the PEC sender and the
receipts reader all step through here."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Application, Letter, LetterEvent
from desktop.domain import letters as rules
from desktop.services import audit


def letter_key(code: str, kind: str) -> str:
    """How the audit log names a letter: ``CODE/kind``."""
    return f"{code}/{kind}"


def code_of(session: Session, letter: Letter) -> str:
    return session.execute(
        select(Application.code).where(Application.id == letter.application_id)
    ).scalar_one()


def record_event(
    session: Session,
    letter: Letter,
    action: str,
    *,
    actor: str | None = None,
    detail: str = "",
    audit_old: object = None,
    audit_new: object = None,
    at: dt.datetime | None = None,
) -> LetterEvent:
    """An event on the letter's history and its audit entry (``entity="letter"``)."""
    actor = actor or audit.current_user()
    at = at or dt.datetime.now().replace(microsecond=0)
    event = LetterEvent(
        letter_id=letter.id,
        at=at,
        actor=actor,
        action=action,
        state=letter.state,
        detail=detail,
        sha256=letter.sha256,
    )
    session.add(event)
    audit.append(
        session,
        "letter",
        letter_key(code_of(session, letter), letter.kind),
        action,
        audit_old,
        {"state": letter.state, "sha256": letter.sha256, **(audit_new or {})},
        actor=actor,
    )
    return event


def step(
    session: Session,
    letter: Letter,
    action: str,
    *,
    actor: str | None = None,
    detail: str = "",
    changes: dict | None = None,
    at: dt.datetime | None = None,
) -> LetterEvent:
    """Moves `letter` by `action` (a key of ``rules.TRANSITIONS``), setting the given
    column `changes` too; LetterRefused when the letter is not where the step starts."""
    code = code_of(session, letter)
    old_state = letter.state
    letter.state = rules.check_step(action, letter.state, code, letter.kind)
    for column, value in (changes or {}).items():
        setattr(letter, column, value)
    shown = {
        key: value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
        for key, value in (changes or {}).items()
    }
    return record_event(
        session,
        letter,
        action,
        actor=actor,
        detail=detail,
        audit_old={"state": old_state},
        audit_new=shown,
        at=at,
    )
