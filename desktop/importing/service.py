"""Importing a spreadsheet of applications: one transaction per import.

Valid rows go in (created, or updated by codice_domanda with every changed field
recorded), invalid rows are reported with row, column, value and reason; a crash,
a kill or a cancel leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from db.engine import Database
from db.models import (
    Applicant,
    Application,
    ApplicationChange,
    EligibilityCheck,
    ImportBatch,
)
from desktop.domain.applications import ApplicationData, Entity, describe_fields
from desktop.domain.calls import CallDefinition
from desktop.domain.eligibility import (
    Outcome,
    check_application,
    effective_outcome,
    results_to_json,
)
from desktop.importing.columns import (
    PARTNER_HEADER_INDEX,
    ColumnMatch,
    match_columns,
)
from desktop.importing.readers import UnusableFile, open_workbook
from desktop.importing.rows import (
    PartnerRowParser,
    RowParser,
    RowProblem,
    cell_text,
    normalise_code,
)
from desktop.importing.text import excerpt
from desktop.services.audit import current_user
from desktop.services.store import (
    APPLICATION_COLUMNS,
    MEMBER_COLUMNS,
    application_values,
    bulk_insert,
    cyclic_gc_paused,
    ensure_call,
    fields_digest,
    ids_by_code,
    load_overrides,
    member_rows,
    stored_application,
)

Progress = Callable[[int, int | None], None]


class ImportCancelled(Exception):
    """The user cancelled: nothing was written."""


@dataclass
class ImportResult:
    file: Path
    batch_id: int | None = None
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    report_path: Path | None = None
    # (row, code as written, code as stored): codes normalise_code changed.
    normalised_codes: list[tuple[int, str, str]] = field(default_factory=list)
    # Stored codes that differ only as normalise_code forgives (see code_collisions).
    code_collisions: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({(p.sheet, p.row) for p in self.problems})

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def code_collisions(database: Database, call: CallDefinition) -> list[tuple[str, ...]]:
    """Groups of the call's stored codes that differ only in case, dash or invisible
    characters (`hx-00003` beside `HX-00003`), sorted. Only a database written before
    codes were normalised holds them: migration 0003 normalised every other code but
    left these as they were, two applications it could not merge without losing one's
    data. The import updates the normalised one; the other stays until someone
    merges or deletes it by hand."""
    with database.engine.connect() as connection:
        return _code_collisions(connection, call)


def _code_collisions(connection: Connection, call: CallDefinition) -> list[tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    stored = select(Application.code).where(Application.call_id == call.id)
    for code in connection.execute(stored).scalars():
        groups.setdefault(normalise_code(code), []).append(code)
    return sorted(tuple(sorted(codes)) for codes in groups.values() if len(codes) > 1)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def import_applications(
    database: Database,
    path: Path | str,
    call: CallDefinition,
    *,
    mapping: dict[str, str] | None = None,
    report_path: Path | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    user: str | None = None,
    chunk_rows: int = 5000,
) -> ImportResult:
    path = Path(path)
    workbook = open_workbook(path, chunk_rows)
    table = workbook.applications
    if not any(table.headers):
        raise UnusableFile(
            f"{path.name}: manca la riga di intestazione con i nomi delle colonne",
            f"{path.name}: the header row with the column names is missing",
        )
    match = match_columns(table.headers, mapping)
    _refuse_missing_columns(path, table.headers, match)

    result = ImportResult(file=path, ignored_columns=match.ignored + match.duplicates)
    partners_by_code = _read_partner_sheet(workbook.partners, result) if workbook.partners else {}
    parser = RowParser(call, match.positions, table.headers, table.name)
    user = user or current_user()
    started = dt.datetime.now()
    total = table.total_rows

    with cyclic_gc_paused(), database.engine.begin() as connection:
        ensure_call(connection, call)
        batch_id = connection.execute(
            insert(ImportBatch)
            .values(
                call_id=call.id,
                file_name=path.name,
                file_sha256=file_sha256(path),
                started_at=started,
                finished_at=started,
                imported_by=user,
                rows_read=0,
                rows_created=0,
                rows_updated=0,
                rows_unchanged=0,
                rows_rejected=0,
            )
            .returning(ImportBatch.id)
        ).scalar_one()
        writer = _Writer(connection, call, batch_id, user, started)
        first_row_of: dict[str, int] = {}
        codes_in_file: set[str] = set()
        code_position = match.positions["codice_domanda"]
        code_column = table.headers[code_position]
        if progress:
            progress(0, total)
        for chunk in table.chunks():
            if is_cancelled and is_cancelled():
                raise ImportCancelled()
            valid: list[ApplicationData] = []
            for row, cells in chunk:
                result.rows_read += 1
                if code_position < len(cells):
                    codes_in_file.add(normalise_code(cell_text(cells[code_position])))
                app, problems = parser.parse(row, cells)
                if app is not None and app.code in first_row_of:
                    shown = excerpt(app.code)
                    problems = [
                        RowProblem(
                            table.name,
                            row,
                            code_column,
                            app.code,
                            f"codice domanda {shown} già presente alla riga {first_row_of[app.code]}: "
                            "correggere il codice o eliminare la riga doppia",
                            f"application code {shown} already on row {first_row_of[app.code]}: "
                            "fix the code or delete the duplicate row",
                        )
                    ]
                if problems:
                    result.problems.extend(problems)
                    continue
                first_row_of[app.code] = row
                extra_partners = partners_by_code.pop(app.code, None)
                if extra_partners:
                    app = _with_partners(app, extra_partners)
                valid.append(app)
            writer.write(valid)
            if progress:
                progress(result.rows_read, total)
        for code, _entities in partners_by_code.items():
            if code not in codes_in_file:
                result.problems.append(
                    RowProblem(
                        workbook.partners.name,
                        0,
                        "codice_domanda",
                        code,
                        f"partner di una domanda {excerpt(code)} che non è nel foglio delle domande",
                        f"partners of an application {excerpt(code)} that is not in the "
                        "applications sheet",
                    )
                )
        result.batch_id = batch_id
        result.normalised_codes = parser.normalised
        result.code_collisions = _code_collisions(connection, call)
        result.created, result.updated, result.unchanged = (
            writer.created,
            writer.updated,
            writer.unchanged,
        )
        if result.problems or report_path:
            from desktop.importing.report import default_report_path, write_report

            result.report_path = Path(report_path) if report_path else default_report_path(path)
            write_report(result, result.report_path)
        connection.execute(
            update(ImportBatch)
            .where(ImportBatch.id == batch_id)
            .values(
                finished_at=dt.datetime.now(),
                rows_read=result.rows_read,
                rows_created=result.created,
                rows_updated=result.updated,
                rows_unchanged=result.unchanged,
                rows_rejected=result.rejected_rows,
                report_path=str(result.report_path) if result.report_path else None,
            )
        )
    return result


def _refuse_missing_columns(path: Path, headers: list[str], match: ColumnMatch) -> None:
    if match.usable:
        return
    missing = ", ".join(match.missing_required)
    # Headers as the file has them: escaped and cut, never echoed whole.
    found = ", ".join(excerpt(h, 40) for h in headers[:60] if h) or "nessuna"
    raise UnusableFile(
        f"{path.name}: mancano le colonne obbligatorie {missing}. Colonne trovate: {found}. "
        "Rinominare le intestazioni come nel modello (resources/templates) o indicare una mappatura con --map.",
        f"{path.name}: required columns missing: {missing}. Columns found: {found}. "
        "Rename the headers as in the template (resources/templates) or give a mapping with --map.",
    )


def _read_partner_sheet(table, result: ImportResult) -> dict[str, list[Entity]]:
    match = match_columns(table.headers, index=PARTNER_HEADER_INDEX, required=("codice_domanda",))
    if not match.usable:
        raise UnusableFile(
            f"foglio «{table.name}»: manca la colonna codice_domanda che collega i partner alle domande",
            f"sheet “{table.name}”: the codice_domanda column linking partners to applications is missing",
        )
    parser = PartnerRowParser(match.positions, table.headers, table.name)
    partners: dict[str, list[Entity]] = {}
    for chunk in table.chunks():
        for row, cells in chunk:
            code, entity, problems = parser.parse(row, cells)
            result.problems.extend(problems)
            if entity is not None:
                partners.setdefault(code, []).append(entity)
    return partners


def _with_partners(app: ApplicationData, sheet_partners: list[Entity]) -> ApplicationData:
    """Partners from the `partner` sheet, plus any from the cell not already there."""
    from dataclasses import replace

    known = {p.tax_code or p.name for p in sheet_partners}
    merged = list(sheet_partners) + [p for p in app.partners if (p.tax_code or p.name) not in known]
    return replace(app, partners=tuple(merged))


class _Writer:
    """Writes one chunk of valid applications inside the import's transaction."""

    def __init__(
        self,
        connection: Connection,
        call: CallDefinition,
        batch_id: int,
        user: str,
        now: dt.datetime,
    ):
        self.connection, self.call, self.batch_id, self.user, self.now = (
            connection,
            call,
            batch_id,
            user,
            now,
        )
        self.created = self.updated = self.unchanged = 0

    def write(self, apps: list[ApplicationData]) -> None:
        if not apps:
            return
        digests = {app.code: fields_digest(app) for app in apps}
        stored_digests = self._stored_digests(list(digests))
        new = [a for a in apps if a.code not in stored_digests]
        maybe_changed = [
            a
            for a in apps
            if a.code in stored_digests and stored_digests[a.code] != digests[a.code]
        ]
        self.unchanged += len(apps) - len(new) - len(maybe_changed)
        changed = []
        existing = self._existing({a.code for a in maybe_changed}) if maybe_changed else {}
        for app in maybe_changed:
            stored_id, stored, version = existing[app.code]
            before, after = describe_fields(stored), describe_fields(app)
            diff = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
            if diff:
                changed.append((stored_id, version, app, diff))
            else:
                self.unchanged += 1
        if new:
            self._insert(new, digests)
        if changed:
            self._update(changed, digests)

    def _stored_digests(self, codes: list[str]) -> dict[str, str]:
        table = Application.__table__
        found: dict[str, str] = {}
        for start in range(0, len(codes), 900):
            statement = select(table.c.code, table.c.fields_digest).where(
                table.c.call_id == self.call.id, table.c.code.in_(codes[start : start + 900])
            )
            found.update((code, digest) for code, digest in self.connection.execute(statement))
        return found

    def _existing(self, codes: set[str]) -> dict[str, tuple[int, ApplicationData, int]]:
        table = Application.__table__
        found: dict[str, tuple[int, ApplicationData, int]] = {}
        codes_list = sorted(codes)
        for start in range(0, len(codes_list), 500):
            part = codes_list[start : start + 500]
            rows = self.connection.execute(
                select(*[table.c[name] for name in APPLICATION_COLUMNS]).where(
                    table.c.call_id == self.call.id, table.c.code.in_(part)
                )
            ).all()
            if not rows:
                continue
            members: dict[int, list] = {}
            for member in self.connection.execute(
                select(*[Applicant.__table__.c[name] for name in MEMBER_COLUMNS]).where(
                    Applicant.__table__.c.application_id.in_([r.id for r in rows])
                )
            ):
                members.setdefault(member.application_id, []).append(member)
            for row in rows:
                found[row.code] = (
                    row.id,
                    stored_application(row, members.get(row.id, [])),
                    row.row_version,
                )
        return found

    def _insert(self, apps: list[ApplicationData], digests: dict[str, str]) -> None:
        checks = [check_application(self.call, a) for a in apps]
        rows = []
        for app, results in zip(apps, checks, strict=True):
            values = application_values(self.call, app, digests[app.code])
            values.update(
                call_id=self.call.id,
                eligibility=effective_outcome(results, {}).value,
                import_batch_id=self.batch_id,
                created_at=self.now,
                updated_at=self.now,
                row_version=1,
            )
            rows.append(values)
        bulk_insert(self.connection, Application.__table__, rows)
        id_of = ids_by_code(self.connection, self.call.id, [app.code for app in apps])
        self._write_members_and_checks([id_of[app.code] for app in apps], apps, checks)
        self.created += len(apps)

    def _update(
        self, changed: list[tuple[int, int, ApplicationData, dict]], digests: dict[str, str]
    ) -> None:
        ids = [application_id for application_id, _, _, _ in changed]
        overrides = self._overrides(ids)
        checks = [check_application(self.call, app) for _, _, app, _ in changed]
        table = Application.__table__
        rows = []
        for (application_id, version, app, _diff), results in zip(changed, checks, strict=True):
            values = application_values(self.call, app, digests[app.code])
            values.update(
                eligibility=effective_outcome(results, overrides.get(application_id, {})).value,
                import_batch_id=self.batch_id,
                updated_at=self.now,
                row_version=version + 1,
                target_id=application_id,
            )
            rows.append(values)
        statement = update(table).where(table.c.id == bindparam("target_id"))
        self.connection.execute(statement, rows)
        self.connection.execute(delete(Applicant).where(Applicant.application_id.in_(ids)))
        self.connection.execute(
            delete(EligibilityCheck).where(EligibilityCheck.application_id.in_(ids))
        )
        self._write_members_and_checks(ids, [app for _, _, app, _ in changed], checks)
        history = [
            {
                "application_id": application_id,
                "import_batch_id": self.batch_id,
                "changed_at": self.now,
                "changed_by": self.user,
                "field": name,
                "old_value": old,
                "new_value": new,
            }
            for application_id, _, _, diff in changed
            for name, (old, new) in diff.items()
        ]
        bulk_insert(self.connection, ApplicationChange.__table__, history)
        self.updated += len(changed)

    def _write_members_and_checks(self, ids, apps, checks) -> None:
        members = [
            row
            for application_id, app in zip(ids, apps, strict=True)
            for row in member_rows(application_id, app)
        ]
        bulk_insert(self.connection, Applicant.__table__, members)
        bulk_insert(
            self.connection,
            EligibilityCheck.__table__,
            [
                {
                    "application_id": application_id,
                    "checked_at": self.now,
                    "outcome": effective_outcome(results, {}).value,
                    "results": results_to_json(results),
                }
                for application_id, results in zip(ids, checks, strict=True)
            ],
        )

    def _overrides(self, ids: list[int]) -> dict[int, dict[str, Outcome]]:
        return load_overrides(self.connection, ids)
