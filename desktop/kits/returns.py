"""Kit returns: the evaluator's changed sheets going back to the secretariat.

`export_return` (in the workspace) writes the member's sheets changed since the
kit: scores, comments, motivation, status and the version each started from; never
private notes. `import_return` (in the secretariat's database) checks the file and
applies it in one transaction:

- a sheet unchanged here since the kit (same version as the kit's) takes the
  returned content;
- a sheet changed here since the kit is a conflict when its content differs from
  the returned one, unless the change here was this same workspace's earlier return
  (the return lists the contents it sent before); a sheet the evaluator has not
  touched since an earlier return that was merged here keeps what is here. With a
  conflict that has no
  choice nothing is applied: the result shows both contents side by side;
- a sheet the member may no longer score (assignment removed, conflict of
  interest) is applied only if the choice for it is "central" (it is left out);
- re-importing a return already applied changes nothing and says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from db.engine import Database
from db.models import (
    Application,
    Assignment,
    AuditEntry,
    CommitteeMember,
    Conflict,
    Kit,
    KitReturn,
    ScoreSheet,
)
from desktop.domain.calls import CallDefinition
from desktop.domain.scoring import sheet_total
from desktop.importing.rows import normalise_code
from desktop.kits.export import call_file_sha256
from desktop.kits.format import (
    RETURN,
    KitProblem,
    canonical,
    check_signature,
    read_package,
    write_package,
)
from desktop.kits.workspace import RETURN_EXPORTED, exported_digests, workspace_info_in
from desktop.services import audit
from desktop.services.audit import current_user
from desktop.services.sheets import (
    BLOCKING_CONFLICTS,
    SUBMITTED,
    SheetWrite,
    content_problems,
    pair_key,
    scores_of,
    sheet_content,
    write_many,
)

CENTRAL, RETURNED = "central", "returned"


def _held_here(session: Session, code: str, member_name: str) -> set[str]:
    """Digests of every content the sheet has had in this database (from the audit
    log, whose sheet entries record the content after each change)."""
    digests = set()
    for text in session.scalars(
        select(AuditEntry.new).where(
            AuditEntry.entity == "sheet", AuditEntry.entity_key == pair_key(code, member_name)
        )
    ):
        record = json.loads(text) if text else None
        if not isinstance(record, dict) or not isinstance(record.get("scores"), dict):
            continue
        scores = {
            criterion: [value.get("score_hundredths"), value.get("comment") or ""]
            for criterion, value in record["scores"].items()
            if value.get("score_hundredths") is not None or value.get("comment")
        }
        digests.add(
            content_digest(
                {
                    "status": record.get("status") or "",
                    "motivation": record.get("motivation") or "",
                    "scores": scores,
                }
            )
        )
    return digests


def content_digest(content: Mapping) -> str:
    """The digest of a sheet's content (status, motivation, scores and comments)."""
    normal = {
        "status": content["status"],
        "motivation": content["motivation"],
        "scores": {k: list(v) for k, v in content["scores"].items()},
    }
    return hashlib.sha256(canonical(normal)).hexdigest()


# --------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ReturnSummary:
    return_id: str
    kit_id: str
    member: str
    sheets: int  # sheets in the return (changed since the kit)
    submitted: int
    drafts: int
    path: Path
    size_bytes: int


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_return(workspace_database: Database, path: Path | str) -> ReturnSummary:
    """Writes the return file of a kit workspace: every sheet changed since the kit."""
    path = Path(path)
    return_id = str(uuid.uuid4())
    created_at = dt.datetime.now().replace(microsecond=0)
    written = False
    try:
        with workspace_database.session() as session, session.begin():
            info = workspace_info_in(session)
            if info is None:
                raise KitProblem(
                    "questo database non è lo spazio di lavoro di un kit: indicare con --db il "
                    "file preparato da 'commissione kit open'",
                    "this database is not a kit's workspace: point --db at the file prepared "
                    "by 'commissione kit open'",
                )
            member = session.scalars(
                select(CommitteeMember).where(
                    CommitteeMember.call_id == info.call_id, CommitteeMember.name == info.member
                )
            ).one()
            earlier = exported_digests(session, info.kit_id)
            rows = session.execute(
                select(Application.code, ScoreSheet)
                .join(Application, Application.id == ScoreSheet.application_id)
                .where(ScoreSheet.member_id == member.id)
                .options(selectinload(ScoreSheet.scores))
                .order_by(Application.code)
            ).all()
            sheets, digests = [], {}
            for code, sheet in rows:
                base = info.base_versions.get(code, 0)
                if sheet.version == base:
                    continue
                content = sheet_content(sheet)
                digests[code] = content_digest(content)
                sheets.append(
                    {
                        "code": code,
                        "base_version": base,
                        "version": sheet.version,
                        **content,
                        "updated_at": _stamp(sheet.updated_at),
                        "submitted_at": _stamp(sheet.submitted_at),
                        "earlier_returns": earlier.get(code, []),
                    }
                )
            content = {
                "return_id": return_id,
                "kit_id": info.kit_id,
                "call": {"id": info.call_id, "file_sha256": info.call_file_sha256},
                "member": info.member,
                "created_at": _stamp(created_at),
                "sheets": sheets,
            }
            audit.append(
                session,
                "kit",
                info.kit_id,
                RETURN_EXPORTED,
                None,
                {"return": return_id, "sheets": digests},
            )
            manifest = {
                "kit_id": info.kit_id,
                "return_id": return_id,
                "call_id": info.call_id,
                "member": info.member,
                "created_at": _stamp(created_at),
            }
            size = write_package(path, RETURN, manifest, content, info.key_hex)
            written = True
    except BaseException:
        if written:
            path.unlink(missing_ok=True)
        raise
    submitted = sum(1 for s in sheets if s["status"] == SUBMITTED)
    return ReturnSummary(
        return_id=return_id,
        kit_id=info.kit_id,
        member=info.member,
        sheets=len(sheets),
        submitted=submitted,
        drafts=len(sheets) - submitted,
        path=path,
        size_bytes=size,
    )


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class SheetSide:
    """One side of a conflict: the sheet as it is here, or as returned."""

    status: str  # "" (no sheet), draft, submitted
    version: int
    scores: dict[str, Decimal]
    comments: dict[str, str]
    motivation: str
    total: Decimal
    changed_at: dt.datetime | None
    changed_by: str


@dataclass(frozen=True)
class ReturnConflict:
    """A sheet changed both here and in the workspace since the kit was issued."""

    code: str
    title: str
    member: str
    base_version: int
    central: SheetSide
    returned: SheetSide
    choice: str | None  # "central" / "returned" when given


@dataclass(frozen=True)
class BlockedSheet:
    """A returned sheet the member may no longer score here."""

    code: str
    reason_it: str
    reason_en: str
    choice: str | None


@dataclass
class ReturnResult:
    return_id: str
    kit_id: str
    member: str
    sheets_in_return: int
    applied: bool = False
    already_applied: bool = False
    conflicts: list[ReturnConflict] = field(default_factory=list)
    blocked: list[BlockedSheet] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # codes written here
    unchanged: list[str] = field(default_factory=list)  # same content already here
    kept_central: list[str] = field(default_factory=list)
    call_file_changed: bool = False  # the call file differs from the kit's (a warning)

    @property
    def missing_choices(self) -> list[str]:
        """Codes that need a choice before anything can be applied."""
        return [c.code for c in self.conflicts if c.choice is None] + [
            b.code for b in self.blocked if b.choice != CENTRAL
        ]

    @property
    def needs_choices(self) -> bool:
        return not self.applied and not self.already_applied and bool(self.missing_choices)


def _as_content(entry: Mapping) -> dict:
    """A returned sheet's content, checked for shape (a file we signed has it)."""
    scores = entry["scores"]
    if not isinstance(scores, dict) or entry["status"] not in ("draft", SUBMITTED):
        raise ValueError("bad sheet")
    normal = {}
    for criterion, pair in scores.items():
        hundredths, comment = pair
        if hundredths is not None and (
            not isinstance(hundredths, int) or isinstance(hundredths, bool)
        ):
            raise ValueError("bad score")
        if not isinstance(comment, str):
            raise ValueError("bad comment")
        normal[str(criterion)] = [hundredths, comment]
    if not isinstance(entry["motivation"], str):
        raise ValueError("bad motivation")
    return {"status": entry["status"], "motivation": entry["motivation"], "scores": normal}


def _when(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None  # a time is shown, never decided on


def _side(
    content: Mapping, version: int, grid, changed_at: dt.datetime | None, changed_by: str
) -> SheetSide:
    scores = scores_of(content)
    return SheetSide(
        status=content["status"],
        version=version,
        scores=scores,
        comments={k: c for k, (_h, c) in content["scores"].items() if c},
        motivation=content["motivation"],
        total=sheet_total(grid, scores),
        changed_at=changed_at,
        changed_by=changed_by,
    )


def _last_change(session: Session, code: str, member: str) -> tuple[dt.datetime | None, str]:
    entry = session.execute(
        select(AuditEntry.at, AuditEntry.actor)
        .where(AuditEntry.entity == "sheet", AuditEntry.entity_key == pair_key(code, member))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (entry.at, entry.actor) if entry else (None, "")


def _issued_kit(path: Path, manifest: Mapping, session: Session) -> Kit:
    """The kit a return's manifest names, issued from this database; KitProblem if none."""
    kit_id = manifest.get("kit_id")
    kit = session.get(Kit, kit_id) if isinstance(kit_id, str) else None
    if kit is None:
        raise KitProblem(
            f"{path.name}: il kit di questo ritorno non è stato emesso da questo database "
            "(ritorno di un altro database?): importarlo nel database che ha preparato il kit",
            f"{path.name}: this return's kit was not issued from this database (a return "
            "for another database?): import it where the kit was prepared",
        )
    return kit


def _read_return(path: Path, package, session: Session, call: CallDefinition):
    manifest, content = package.manifest, package.content
    kit = _issued_kit(path, manifest, session)
    check_signature(path, package, kit.key_hex, RETURN)
    if kit.call_id != call.id:
        raise KitProblem(
            f"{path.name}: il ritorno è del bando {kit.call_id}, non di {call.id}: "
            f"usare --call {kit.call_id}",
            f"{path.name}: the return belongs to call {kit.call_id}, not {call.id}: "
            f"use --call {kit.call_id}",
        )
    member = session.get(CommitteeMember, kit.member_id)
    claimed = content.get("member")
    if (
        claimed != member.name
        or manifest.get("member") != member.name
        or content.get("kit_id") != kit.id
        or content.get("return_id") != manifest.get("return_id")
        or content.get("call", {}).get("id") != call.id
    ):
        raise KitProblem(
            f"{path.name}: il ritorno dichiara il valutatore «{claimed}», ma il kit è stato "
            f"emesso a {member.name}: non viene importato",
            f"{path.name}: the return names evaluator “{claimed}”, but the kit was issued to "
            f"{member.name}: it is not imported",
        )
    return kit, member


def import_return(
    database: Database,
    call: CallDefinition,
    path: Path | str,
    choices: Mapping[str, str] | None = None,
) -> ReturnResult:
    """Applies a return file (see the module's description). `choices` maps an
    application code in conflict to "returned" (take the evaluator's sheet) or
    "central" (keep the sheet here). Raises KitProblem for a file that cannot be
    used; the database is then untouched."""
    path = Path(path)
    choices = dict(choices or {})
    wrong = sorted(code for code, choice in choices.items() if choice not in (CENTRAL, RETURNED))
    if wrong:
        raise KitProblem(
            f"scelta non valida per {', '.join(wrong)}: usare «returned» o «central»",
            f"invalid choice for {', '.join(wrong)}: use “returned” or “central”",
        )

    def key_for(manifest: Mapping) -> str:
        # The signature is checked before the content is decompressed: a file not
        # made from a kit issued here costs nothing to refuse, however it expands.
        with database.session() as session:
            return _issued_kit(path, manifest, session).key_hex

    package = read_package(path, RETURN, key_for)
    actor = current_user()
    try:
        with database.session() as session, session.begin():
            return _import(session, call, path, package, choices, actor)
    except IntegrityError:
        raise KitProblem(
            f"{path.name}: lo stesso ritorno è stato importato da qualcun altro in questo "
            "momento: ripetere il comando per vedere l'esito",
            f"{path.name}: the same return was just imported by someone else: run the "
            "command again to see the outcome",
        ) from None


def _import(session, call, path, package, choices, actor) -> ReturnResult:
    workspace = workspace_info_in(session)
    if workspace is not None:
        raise KitProblem(
            f"questo è lo spazio di lavoro del kit di {workspace.member}: il ritorno si importa "
            "nel database della segreteria",
            f"this is the workspace of {workspace.member}'s kit: a return is imported into "
            "the secretariat's database",
        )
    kit, member = _read_return(path, package, session, call)
    content = package.content
    return_id = content["return_id"]
    entries = content.get("sheets")
    if not isinstance(entries, list):
        raise _malformed(path)
    result = ReturnResult(
        return_id=return_id,
        kit_id=kit.id,
        member=member.name,
        sheets_in_return=len(entries),
        call_file_changed=content.get("call", {}).get("file_sha256", "")
        not in ("", call_file_sha256(call)),
    )
    if session.get(KitReturn, return_id) is not None:
        result.already_applied = True
        return result

    try:
        returned = {}
        for entry in entries:
            returned[entry["code"]] = (
                entry,
                _as_content(entry),
                int(entry["base_version"]),
                [str(d) for d in entry.get("earlier_returns", [])],
            )
    except (KeyError, TypeError, ValueError):
        raise _malformed(path) from None
    # A kit issued before codes were normalised (migration 0003) may carry `hx-00002`
    # for what is now stored as HX-00002: as written first, then normalised.
    wanted = {*returned, *(normalise_code(code) for code in returned)}
    applications = (
        {
            app.code: app
            for app in session.scalars(
                select(Application).where(
                    Application.call_id == call.id, Application.code.in_(wanted)
                )
            )
        }
        if wanted
        else {}
    )
    stored = {code: code if code in applications else normalise_code(code) for code in returned}
    if len(set(stored.values())) != len(stored):
        raise _malformed(path)  # two sheets of the return for one application
    returned = {stored[code]: sheet for code, sheet in returned.items()}
    codes = sorted(returned)
    missing = [code for code in codes if code not in applications]
    if missing:
        listed = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise KitProblem(
            f"{path.name}: {len(missing)} domande del ritorno non sono in questo database "
            f"({listed}); nulla è stato importato",
            f"{path.name}: {len(missing)} applications of the return are not in this database "
            f"({listed}); nothing was imported",
        )
    invalid = []
    for code in codes:
        for it, en in content_problems(call.grid, returned[code][1]):
            invalid.append((code, it, en))
    if invalid:
        shown = invalid[:5]
        more_it = f" e altri {len(invalid) - 5} problemi" if len(invalid) > 5 else ""
        more_en = f" and {len(invalid) - 5} more problems" if len(invalid) > 5 else ""
        raise KitProblem(
            f"{path.name}: il ritorno contiene schede non valide per la griglia del bando: "
            + "; ".join(f"{code}: {it}" for code, it, _ in shown)
            + more_it
            + ". Nulla è stato importato: la griglia è cambiata dopo l'emissione del kit?",
            f"{path.name}: the return holds sheets that are not valid for the call's grid: "
            + "; ".join(f"{code}: {en}" for code, _, en in shown)
            + more_en
            + ". Nothing was imported: did the grid change after the kit was issued?",
        )

    assigned = set(
        session.scalars(select(Assignment.application_id).where(Assignment.member_id == member.id))
    )
    conflicted = dict(
        session.execute(
            select(Conflict.application_id, Conflict.status).where(
                Conflict.member_id == member.id, Conflict.status.in_(BLOCKING_CONFLICTS)
            )
        ).all()
    )
    central = {
        sheet.application_id: sheet
        for sheet in session.scalars(
            select(ScoreSheet)
            .where(ScoreSheet.member_id == member.id)
            .options(selectinload(ScoreSheet.scores))
            .with_for_update()
        )
    }
    to_write = []
    for code in codes:
        entry, new, base, earlier = returned[code]
        application = applications[code]
        choice = choices.get(code)
        if application.id in conflicted or application.id not in assigned:
            if application.id in conflicted:
                reason = (
                    f"{member.name} ora ha un conflitto di interessi con la domanda",
                    f"{member.name} now has a conflict of interest with the application",
                )
            else:
                reason = (
                    f"la domanda non è più assegnata a {member.name}",
                    f"the application is no longer assigned to {member.name}",
                )
            result.blocked.append(BlockedSheet(code, *reason, choice))
            if choice == CENTRAL:
                result.kept_central.append(code)
            continue
        sheet = central.get(application.id)
        old = sheet_content(sheet)
        version = sheet.version if sheet is not None else 0
        if old == new:
            result.unchanged.append(code)
            continue
        if version != base and content_digest(old) not in earlier:
            if content_digest(new) in earlier and content_digest(new) in _held_here(
                session, code, member.name
            ):
                # The evaluator has not touched it since an earlier return that
                # reached this database; it changed here afterwards: this is newer.
                result.kept_central.append(code)
                continue
            changed_at, changed_by = _last_change(session, code, member.name)
            result.conflicts.append(
                ReturnConflict(
                    code=code,
                    title=application.title,
                    member=member.name,
                    base_version=base,
                    central=_side(old, version, call.grid, changed_at, changed_by),
                    returned=_side(
                        new,
                        int(entry.get("version") or 0),
                        call.grid,
                        _when(entry.get("updated_at")),
                        member.name,
                    ),
                    choice=choice,
                )
            )
            if choice == CENTRAL:
                result.kept_central.append(code)
                continue
            if choice is None:
                continue
        to_write.append((application, sheet, new, entry))
    if result.missing_choices:
        # Nothing is applied until every conflict has an explicit choice.
        result.kept_central.clear()
        return result

    write_many(
        session,
        [
            SheetWrite(member, application, sheet, new, _when(entry.get("submitted_at")))
            for application, sheet, new, entry in to_write
        ],
        "kit_return",
        actor,
        extra={"kit": kit.id, "return": return_id},
    )
    result.updated.extend(application.code for application, *_ in to_write)
    session.add(
        KitReturn(
            id=return_id,
            kit_id=kit.id,
            applied_at=dt.datetime.now().replace(microsecond=0),
            sheets_applied=len(result.updated),
            sheets_in_conflict=len(result.conflicts),
        )
    )
    session.flush()
    audit.append(
        session,
        "kit",
        kit.id,
        "return_imported",
        None,
        {
            "return": return_id,
            "member": member.name,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "kept_central": result.kept_central,
            "taken_returned": [c.code for c in result.conflicts if c.choice == RETURNED],
        },
        actor=actor,
    )
    result.applied = True
    return result


def _malformed(path: Path) -> KitProblem:
    return KitProblem(
        f"{path.name}: il contenuto del ritorno non è quello atteso (preparato da un altro "
        "programma?): farsi mandare di nuovo il file; nulla è stato importato",
        f"{path.name}: the return's content is not as expected (made by another program?): "
        "ask for the file again; nothing was imported",
    )
