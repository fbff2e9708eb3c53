"""The evaluator's workspace: a kit opened as an ordinary Commissione database.

`open_kit` checks the kit and builds `kits/<kit id>.sqlite` in the user's data
folder: the call, the member's applications (only the scoring fields), the member,
the assignments and the sheets at the kit's versions, the Kit row (its key signs
the return) and an audit entry holding the kit's metadata (the base version of
every sheet). The ordinary sheets service works on it; `commissione --db PATH`
opens it. Opening the same kit again reopens the workspace as it is: the
evaluator's work is never overwritten.

The workspace is marked by its call row, whose source is "kit:<kit id>"."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.engine import Database, open_database
from db.models import (
    Applicant,
    Application,
    Assignment,
    AuditEntry,
    Call,
    CommitteeMember,
    Kit,
    ScoreSheet,
    SheetScore,
)
from desktop.domain.calls import CallDefinition, UnknownCall, find_call
from desktop.kits.format import KIT, KitProblem, Package, check_signature, read_package
from desktop.services import audit
from desktop.services.store import KIT_MARKER_PREFIX as MARKER_PREFIX
from desktop.services.store import objectives_mask

WORKSPACE_ACTION = "workspace"
RETURN_EXPORTED = "return_exported"


@dataclass(frozen=True)
class WorkspaceInfo:
    """What a workspace knows of its kit."""

    kit_id: str
    call_id: str
    member: str
    issued_at: dt.datetime
    issued_by: str
    call_file_sha256: str
    base_versions: dict[str, int]
    key_hex: str = field(repr=False)


def workspaces_dir() -> Path:
    from desktop.paths import user_data_dir

    return user_data_dir() / "kits"


def workspace_path(kit_id: str, workspace_dir: Path | str | None = None) -> Path:
    return Path(workspace_dir or workspaces_dir()) / f"{kit_id}.sqlite"


def database_path(database: Database) -> Path | None:
    """The file of a SQLite database (None for a server)."""
    if not database.is_sqlite:
        return None
    return Path(database.url.removeprefix("sqlite:///"))


def workspace_info_in(session: Session) -> WorkspaceInfo | None:
    sources = session.execute(
        select(Call.id, Call.source_file).where(Call.source_file.like(MARKER_PREFIX + "%"))
    ).first()
    if sources is None:
        return None
    call_id, source = sources
    kit_id = source.removeprefix(MARKER_PREFIX)
    kit = session.get(Kit, kit_id)
    if kit is None:
        return None
    member = session.get(CommitteeMember, kit.member_id)
    meta_text = session.scalar(
        select(AuditEntry.new)
        .where(
            AuditEntry.entity == "kit",
            AuditEntry.entity_key == kit_id,
            AuditEntry.action == WORKSPACE_ACTION,
        )
        .order_by(AuditEntry.id)
        .limit(1)
    )
    meta = json.loads(meta_text) if meta_text else {}
    return WorkspaceInfo(
        kit_id=kit_id,
        call_id=call_id,
        member=member.name if member is not None else "",
        issued_at=kit.issued_at,
        issued_by=kit.issued_by,
        call_file_sha256=meta.get("call_file_sha256", ""),
        base_versions={k: int(v) for k, v in meta.get("base_versions", {}).items()},
        key_hex=kit.key_hex,
    )


def workspace_info(database: Database) -> WorkspaceInfo | None:
    """The kit this database is the workspace of, or None for an ordinary database."""
    with database.session() as session:
        return workspace_info_in(session)


def exported_digests(session: Session, kit_id: str) -> dict[str, list[str]]:
    """Per application code, the digests of the sheet's content in every return this
    workspace exported, oldest first (the secretariat recognises its own earlier
    imports of them as not being conflicts)."""
    digests: dict[str, list[str]] = {}
    for text in session.scalars(
        select(AuditEntry.new)
        .where(
            AuditEntry.entity == "kit",
            AuditEntry.entity_key == kit_id,
            AuditEntry.action == RETURN_EXPORTED,
        )
        .order_by(AuditEntry.id)
    ):
        for code, digest in json.loads(text).get("sheets", {}).items():
            if digest not in digests.setdefault(code, []):
                digests[code].append(digest)
    return digests


# --------------------------------------------------------------------------- opening


def read_kit(path: Path | str) -> Package:
    """Reads and checks a kit file (integrity with the key it carries)."""

    def key_for(manifest: dict) -> str:
        # The key travels in the kit: checked before the content is decompressed.
        key = manifest.get("key")
        try:
            bytes.fromhex(key)
            uuid.UUID(str(manifest.get("kit_id")))
        except (TypeError, ValueError):
            raise KitProblem(
                f"{Path(path).name}: kit danneggiato (chiave o identificativo non validi)",
                f"{Path(path).name}: damaged kit (invalid key or id)",
            ) from None
        return key

    package = read_package(path, KIT, key_for)
    manifest, content = package.manifest, package.content
    check_signature(path, package, manifest["key"], KIT)
    if content.get("kit_id") != manifest["kit_id"] or content.get("call", {}).get(
        "id"
    ) != manifest.get("call_id"):
        raise KitProblem(
            f"{Path(path).name}: il contenuto del kit non corrisponde alla sua intestazione",
            f"{Path(path).name}: the kit's content does not match its manifest",
        )
    return package


def _grid_differences(kit_grid: dict, call: CallDefinition) -> list[str]:
    """Criteria whose scoring rules differ between the kit and this program's call."""

    def number(text) -> Decimal | None:
        try:
            return Decimal(str(text))
        except (InvalidOperation, ValueError):
            return None

    ours = {c.id: c for c in call.grid.criteria}
    theirs = {c.get("id"): c for c in kit_grid.get("criteria", [])}
    different = sorted(set(ours) ^ set(theirs))
    for criterion_id in set(ours) & set(theirs):
        mine, kit = ours[criterion_id], theirs[criterion_id]
        if (
            number(kit.get("max")) != mine.max
            or number(kit.get("step")) != mine.step
            or number(kit.get("weight")) != mine.weight
            or bool(kit.get("in_total")) != mine.in_total
        ):
            different.append(criterion_id)
    return sorted(different)


def kit_call(package: Package) -> CallDefinition:
    """This program's definition of the kit's call, when its grid is the kit's."""
    call_id = package.content["call"]["id"]
    try:
        call = find_call(call_id)
    except UnknownCall:
        raise KitProblem(
            f"il kit è del bando {call_id}, che questa versione di Commissione non conosce: "
            "aggiornare il programma",
            f"the kit belongs to call {call_id}, which this version of Commissione does not "
            "know: install the newer version",
        ) from None
    different = _grid_differences(package.content.get("grid", {}), call)
    if different:
        raise KitProblem(
            f"la griglia del kit è diversa da quella del bando {call_id} in questo programma "
            f"(criteri {', '.join(different)}): aggiornare Commissione o il file del bando, "
            "poi riaprire il kit",
            f"the kit's grid differs from call {call_id}'s in this program (criteria "
            f"{', '.join(different)}): update Commissione or the call file, then open the kit again",
        )
    return call


def open_kit(path: Path | str, workspace_dir: Path | str | None = None) -> Database:
    """Checks the kit and returns its workspace database, creating it the first time;
    an existing workspace of the same kit is reopened untouched."""
    package = read_kit(path)
    kit_call(package)
    kit_id = package.manifest["kit_id"]
    target = workspace_path(kit_id, workspace_dir)
    if target.exists():
        database = open_database(target)
        info = workspace_info(database)
        if info is None or info.kit_id != kit_id or info.key_hex != package.manifest["key"]:
            database.close()
            raise KitProblem(
                f"{target} esiste già ma non è lo spazio di lavoro di questo kit: spostarlo "
                "altrove e riaprire il kit",
                f"{target} exists but is not this kit's workspace: move it elsewhere and "
                "open the kit again",
            )
        return database
    partial = target.with_name(target.name + ".parziale")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)  # an earlier attempt that did not finish
    database = open_database(partial)
    try:
        with database.session() as session, session.begin():
            _populate(session, package)
        with database.engine.connect() as connection:
            # Back to a single file before it takes its final name.
            connection.exec_driver_sql("PRAGMA journal_mode = DELETE")
    except (KeyError, TypeError, ValueError, AttributeError):
        database.close()
        partial.unlink(missing_ok=True)
        raise KitProblem(
            f"{Path(path).name}: il contenuto del kit non è quello atteso (kit preparato da "
            "un altro programma?): farsi mandare di nuovo il kit",
            f"{Path(path).name}: the kit's content is not as expected (made by another "
            "program?): ask for the kit again",
        ) from None
    except BaseException:
        database.close()
        partial.unlink(missing_ok=True)
        raise
    database.close()
    os.replace(partial, target)
    return open_database(target)


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _populate(session: Session, package: Package) -> None:
    """Writes the kit's content into an empty workspace, in one transaction."""
    manifest, content = package.manifest, package.content
    kit_id = manifest["kit_id"]
    issued_at = _when(content["issued_at"]) or dt.datetime.now().replace(microsecond=0)
    call_id = content["call"]["id"]
    session.execute(
        insert(Call).values(
            id=call_id,
            title=content["call"].get("title") or call_id,
            source_file=MARKER_PREFIX + kit_id,
            registered_at=issued_at,
        )
    )
    member = content["member"]
    session.execute(
        insert(CommitteeMember).values(
            id=1,
            call_id=call_id,
            name=member["name"],
            role=member.get("role") or "member",
            email="",
            active=True,
            created_at=issued_at,
        )
    )
    ids: dict[str, int] = {}
    applications, people, assignments = [], [], []
    for number, app in enumerate(content["applications"], start=1):
        ids[app["code"]] = number
        applications.append(
            {
                "id": number,
                "call_id": call_id,
                "code": app["code"],
                "title": app["title"],
                "summary": app.get("summary") or "",
                "contact_person": "",
                "operating_address": "",
                "district": app.get("district"),
                "neighbourhood": app.get("neighbourhood") or "",
                "objectives_mask": objectives_mask(app.get("objectives") or []),
                "cost_cents": app.get("cost_cents"),
                "grant_cents": app.get("grant_cents"),
                "target_cents": app.get("target_cents"),
                "session_code": app.get("session"),
                "eligibility": app.get("eligibility") or "check",
                "created_at": issued_at,
                "updated_at": issued_at,
                "row_version": 1,
                "fields_digest": "",
            }
        )
        for person in app.get("people", []):
            people.append(
                {
                    "application_id": number,
                    "position": person["position"],
                    "role": person.get("role") or "partner",
                    "name": person["name"],
                    "tax_code": "",
                    "legal_form": "",
                    "category": "",
                    "rea": "",
                    "pec": "",
                    "email": "",
                }
            )
        assignments.append(
            {"member_id": 1, "application_id": number, "source": "kit", "created_at": issued_at}
        )
    if applications:
        session.execute(insert(Application), applications)
    if people:
        session.execute(insert(Applicant), people)
    if assignments:
        session.execute(insert(Assignment), assignments)
    sheets, scores, base = [], [], {}
    for number, sheet in enumerate(content["sheets"], start=1):
        if sheet["code"] not in ids:
            continue
        base[sheet["code"]] = sheet["version"]
        sheets.append(
            {
                "id": number,
                "member_id": 1,
                "application_id": ids[sheet["code"]],
                "status": sheet["status"],
                "motivation": sheet["motivation"],
                "version": sheet["version"],
                "updated_at": _when(sheet.get("updated_at")) or issued_at,
                "submitted_at": _when(sheet.get("submitted_at")),
                "reopened_reason": sheet.get("reopened_reason") or "",
            }
        )
        for criterion, (hundredths, comment) in sheet["scores"].items():
            scores.append(
                {
                    "sheet_id": number,
                    "criterion": criterion,
                    "score_hundredths": hundredths,
                    "comment": comment,
                }
            )
    if sheets:
        session.execute(insert(ScoreSheet), sheets)
    if scores:
        session.execute(insert(SheetScore), scores)
    session.add(
        Kit(
            id=kit_id,
            call_id=call_id,
            member_id=1,
            issued_at=issued_at,
            issued_by=content.get("issued_by") or "",
            key_hex=manifest["key"],
        )
    )
    session.flush()
    audit.append(
        session,
        "kit",
        kit_id,
        WORKSPACE_ACTION,
        None,
        {
            "call": call_id,
            "call_file_sha256": content["call"].get("file_sha256", ""),
            "member": member["name"],
            "issued_at": content["issued_at"],
            "issued_by": content.get("issued_by") or "",
            "applications": len(applications),
            "base_versions": base,
        },
    )
