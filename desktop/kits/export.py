"""Issuing a kit: one member's assigned applications (only what scoring needs), the
grid and the member's sheets with their versions, signed with a new key."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.engine import Database
from db.models import Applicant, Application, Kit, ScoreSheet
from desktop.domain.calls import CallDefinition
from desktop.kits.format import KIT, KitProblem, write_package
from desktop.kits.workspace import workspace_info_in
from desktop.services import audit
from desktop.services.audit import current_user
from desktop.services.committee import find_member
from desktop.services.sheets import _assigned, sheet_content


@dataclass(frozen=True)
class KitSummary:
    kit_id: str
    call_id: str
    member: str
    issued_at: dt.datetime
    applications: int
    sheets: int  # existing sheets carried (drafts and submitted)
    path: Path
    size_bytes: int


def call_file_sha256(call: CallDefinition) -> str:
    """The digest of the call's file, so both sides can tell they read the same call."""
    try:
        return hashlib.sha256(Path(call.source).read_bytes()).hexdigest()
    except OSError:
        return ""


def grid_record(call: CallDefinition) -> dict:
    """The grid as the kit carries it (numbers as exact text)."""
    grid = call.grid
    return {
        "name": grid.name,
        "is_default": grid.is_default,
        "minimum_total": str(grid.minimum_total),
        "criteria": [
            {
                "id": c.id,
                "name": c.name,
                "description": c.description,
                "max": str(c.max),
                "step": str(c.step),
                "weight": str(c.weight),
                "in_total": c.in_total,
                "objectives": list(c.objectives),
            }
            for c in grid.criteria
        ],
    }


def _stamp(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _chunks(values: list, size: int = 900):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _applications(session: Session, ids: list[int]) -> list[dict]:
    """Only the fields scoring needs: no PEC, e-mail, tax code or contact person."""
    names: dict[int, list[tuple[int, str, str]]] = {}
    rows = []
    for chunk in _chunks(ids):
        rows += session.execute(
            select(
                Application.id,
                Application.code,
                Application.title,
                Application.summary,
                Application.district,
                Application.neighbourhood,
                Application.objectives_mask,
                Application.cost_cents,
                Application.grant_cents,
                Application.target_cents,
                Application.session_code,
                Application.eligibility,
            ).where(Application.id.in_(chunk))
        ).all()
        for application_id, position, role, name in session.execute(
            select(
                Applicant.application_id, Applicant.position, Applicant.role, Applicant.name
            ).where(Applicant.application_id.in_(chunk))
        ):
            names.setdefault(application_id, []).append((position, role, name))
    applications = []
    for row in sorted(rows, key=lambda r: r.code):
        mask = row.objectives_mask or 0
        applications.append(
            {
                "code": row.code,
                "title": row.title,
                "summary": row.summary or "",
                "district": row.district,
                "neighbourhood": row.neighbourhood or "",
                "objectives": [n for n in range(mask.bit_length()) if mask >> n & 1],
                "cost_cents": row.cost_cents,
                "grant_cents": row.grant_cents,
                "target_cents": row.target_cents,
                "session": row.session_code,
                "eligibility": row.eligibility,
                "people": [
                    {"position": position, "role": role, "name": name}
                    for position, role, name in sorted(names.get(row.id, []))
                ],
            }
        )
    return applications


def sheet_record(code: str, sheet: ScoreSheet) -> dict:
    return {
        "code": code,
        "version": sheet.version,
        **sheet_content(sheet),
        "updated_at": _stamp(sheet.updated_at),
        "submitted_at": _stamp(sheet.submitted_at),
        "reopened_reason": sheet.reopened_reason or "",
    }


def export_kit(
    database: Database, call: CallDefinition, member_name: str, path: Path | str
) -> KitSummary:
    """Writes the member's kit to `path` and records it (a Kit row holding its key,
    and an audit entry with the sheets' versions it carries)."""
    path = Path(path)
    issued_by = current_user()
    issued_at = dt.datetime.now().replace(microsecond=0)
    kit_id = str(uuid.uuid4())
    key_hex = secrets.token_hex(32)
    written = False
    try:
        with database.session() as session, session.begin():
            workspace = workspace_info_in(session)
            if workspace is not None:
                raise KitProblem(
                    f"questo è lo spazio di lavoro del kit di {workspace.member}: i kit si "
                    "preparano dal database della segreteria",
                    f"this is the workspace of {workspace.member}'s kit: kits are issued from "
                    "the secretariat's database",
                )
            member = find_member(session, call, member_name)
            assigned = _assigned(session, call, member)
            if not assigned:
                raise KitProblem(
                    f"a {member.name} non è assegnata nessuna domanda del bando {call.id}: "
                    "assegnare prima le domande (commissione assign)",
                    f"no application of call {call.id} is assigned to {member.name}: "
                    "assign applications first (commissione assign)",
                )
            codes = {application_id: code for application_id, code, _title in assigned}
            sheets = [
                sheet_record(codes[sheet.application_id], sheet)
                for sheet in session.scalars(
                    select(ScoreSheet)
                    .where(ScoreSheet.member_id == member.id)
                    .options(selectinload(ScoreSheet.scores))
                )
                if sheet.application_id in codes
            ]
            sheets.sort(key=lambda s: s["code"])
            content = {
                "kit_id": kit_id,
                "call": {
                    "id": call.id,
                    "title": call.title,
                    "file": Path(call.source).name,
                    "file_sha256": call_file_sha256(call),
                },
                "member": {"name": member.name, "role": member.role},
                "issued_at": _stamp(issued_at),
                "issued_by": issued_by,
                "grid": grid_record(call),
                "objectives": [{"number": o.number, "name": o.name} for o in call.objectives],
                "blind": call.evaluation.blind,
                "applications": _applications(session, list(codes)),
                "sheets": sheets,
            }
            session.add(
                Kit(
                    id=kit_id,
                    call_id=call.id,
                    member_id=member.id,
                    issued_at=issued_at,
                    issued_by=issued_by,
                    key_hex=key_hex,
                )
            )
            session.flush()
            audit.append(
                session,
                "kit",
                kit_id,
                "issue",
                None,
                {
                    "call": call.id,
                    "member": member.name,
                    "applications": len(codes),
                    "sheet_versions": {s["code"]: s["version"] for s in sheets},
                },
                actor=issued_by,
            )
            manifest = {
                "kit_id": kit_id,
                "call_id": call.id,
                "member": member.name,
                "created_at": _stamp(issued_at),
                "key": key_hex,
            }
            size = write_package(path, KIT, manifest, content, key_hex)
            written = True
    except BaseException:
        if written:
            path.unlink(missing_ok=True)  # the kit was not recorded: no file for it
        raise
    return KitSummary(
        kit_id=kit_id,
        call_id=call.id,
        member=member.name,
        issued_at=issued_at,
        applications=len(codes),
        sheets=len(sheets),
        path=path,
        size_bytes=size,
    )
