"""Scores given on paper, imported from a spreadsheet: one row per evaluator,
application and criterion.

Columns (headers matched whatever their case, accents, spaces or underscores):
``valutatore, codice_domanda, criterio, punteggio`` required, ``commento`` and
``motivazione`` optional. CSV separated by ``;`` or ``,`` in UTF-8 with or without
BOM (Windows-1252 too), or XLSX/ODS. The criterion is named by its id or its name;
scores are written the Italian way (``7,5``) or with a dot (``7.5``).

All or nothing, in one transaction: any bad row refuses the whole file, with every
problem listed (row, column, value, what is wrong and what to do). Rows fill the
sheets they name: a criterion not in the file keeps what the sheet already has; an
empty comment or motivation keeps the sheet's. With ``submit_complete`` (the
default) a sheet that ends up complete — every criterion of the grid scored and a
motivation, from the file or already on the sheet — is submitted; the others stay
drafts. A submitted sheet is never changed: a row that differs from it is a problem
(the secretariat reopens the sheet first). Importing the same file again changes
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db.engine import Database
from db.models import Application, Assignment, CommitteeMember, Conflict, ScoreSheet
from desktop.domain import formatting
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import normalise_key
from desktop.domain.scoring import from_hundredths, to_hundredths, validate_score
from desktop.importing.readers import UnusableFile, open_workbook
from desktop.importing.rows import normalise_code
from desktop.importing.text import excerpt
from desktop.services.audit import current_user
from desktop.services.sheets import (
    BLOCKING_CONFLICTS,
    DRAFT,
    SUBMITTED,
    SheetWrite,
    sheet_content,
    write_many,
)

COLUMNS = {
    "valutatore": ("valutatore", "evaluator", "commissario", "componente", "membro"),
    "codice_domanda": ("codice_domanda", "codice", "codice pratica", "domanda", "application"),
    "criterio": ("criterio", "criterion"),
    "punteggio": ("punteggio", "score", "voto"),
    "commento": ("commento", "comment", "commenti"),
    "motivazione": ("motivazione", "motivation"),
}
REQUIRED = ("valutatore", "codice_domanda", "criterio", "punteggio")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class ScoreRowProblem:
    row: int
    column: str
    value: str
    reason_it: str
    reason_en: str


@dataclass
class ScoresImportResult:
    file: Path
    rows_read: int = 0
    sheets_created: int = 0
    sheets_updated: int = 0
    sheets_unchanged: int = 0
    sheets_submitted: int = 0  # submitted by this import
    sheets_draft: int = 0  # written and left as drafts (incomplete, or --draft)
    problems: list[ScoreRowProblem] = field(default_factory=list)
    applied: bool = False

    @property
    def exit_code(self) -> int:
        return 0 if not self.problems else 2


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _match_columns(path: Path, headers: list[str]) -> dict[str, int]:
    keys = {
        normalise_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases
    }
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = keys.get(normalise_key(header))
        if column and column not in found:
            found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise UnusableFile(
            f"{path.name}: mancano le colonne obbligatorie {', '.join(missing)}; le colonne "
            "sono: valutatore, codice_domanda, criterio, punteggio, commento (facoltativa), "
            "motivazione (facoltativa)",
            f"{path.name}: the required columns {', '.join(missing)} are missing; the columns "
            "are: valutatore, codice_domanda, criterio, punteggio, commento (optional), "
            "motivazione (optional)",
        )
    return found


def _parse_score(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = _text(value).replace(" ", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


class _Rows:
    """The file's rows resolved against the database, with every problem found."""

    def __init__(self, session, call: CallDefinition, path: Path):
        self.session, self.call, self.path = session, call, path
        self.problems: list[ScoreRowProblem] = []
        self.members = session.scalars(
            select(CommitteeMember).where(CommitteeMember.call_id == call.id)
        ).all()
        self.member_names = ", ".join(sorted(m.name for m in self.members)) or "nessuno / none"
        self.applications: dict[str, Application | None] = {}
        criteria = {}
        for criterion in call.grid.criteria:
            criteria.setdefault(normalise_key(criterion.id), criterion)
            criteria.setdefault(normalise_key(criterion.name), criterion)
        self.criteria = criteria
        self.criteria_names = "; ".join(f"{c.id} ({c.name})" for c in call.grid.criteria)
        self.pairs: dict[tuple[int, int], tuple[str, str] | None] = {}

    def problem(self, row: int, column: str, value, it: str, en: str) -> None:
        self.problems.append(ScoreRowProblem(row, column, _text(value), it, en))

    def member(self, row: int, value) -> CommitteeMember | None:
        wanted = " ".join(_text(value).split())
        exact = [m for m in self.members if m.name == wanted]
        same = exact or [m for m in self.members if m.name.casefold() == wanted.casefold()]
        if len(same) == 1:
            return same[0]
        if not wanted:
            self.problem(
                row,
                "valutatore",
                value,
                "valutatore mancante: scrivere il nome del componente della commissione",
                "evaluator missing: write the committee member's name",
            )
        else:
            self.problem(
                row,
                "valutatore",
                value,
                f"«{wanted}» non è un componente della commissione del bando {self.call.id}: "
                f"usare uno di questi nomi: {self.member_names}",
                f"“{wanted}” is not a member of call {self.call.id}'s committee: use one of "
                f"these names: {self.member_names}",
            )
        return None

    def application(self, row: int, value) -> Application | None:
        written = _text(value)
        if written not in self.applications:
            # Codes as the application import stores them (`hx-00002` is HX-00002).
            # As written first: a database from before codes were normalised may
            # still hold `hx-00002` beside `HX-00002` (`commissione check` says so).
            code = normalise_code(written)
            candidates = {
                application.code: application
                for application in self.session.scalars(
                    select(Application).where(
                        Application.call_id == self.call.id,
                        Application.code.in_({written, code}),
                    )
                )
            }
            self.applications[written] = candidates.get(written) or candidates.get(code)
        found = self.applications[written]
        code = excerpt(written)
        if found is None:
            self.problem(
                row,
                "codice_domanda",
                value,
                f"domanda «{code}» non trovata nel bando {self.call.id}: controllare il codice "
                "(vedere 'commissione applications')",
                f"application “{code}” not found in call {self.call.id}: check the code "
                "(see 'commissione applications')",
            )
        return found

    def criterion(self, row: int, value):
        found = self.criteria.get(normalise_key(_text(value)))
        if found is None:
            self.problem(
                row,
                "criterio",
                value,
                f"criterio «{_text(value)}» non presente nella griglia: usare l'id o il nome di "
                f"uno di questi: {self.criteria_names}",
                f"criterion “{_text(value)}” is not in the grid: use the id or the name of one "
                f"of these: {self.criteria_names}",
            )
        return found

    def score(self, row: int, value, criterion) -> int | None:
        if _text(value) == "":
            self.problem(
                row,
                "punteggio",
                value,
                "punteggio mancante: scriverlo o togliere la riga",
                "score missing: write it or remove the row",
            )
            return None
        number = _parse_score(value)
        if number is None:
            self.problem(
                row,
                "punteggio",
                value,
                f"«{_text(value)}» non è un punteggio: scrivere un numero come 7 o 7,5",
                f"“{_text(value)}” is not a score: write a number such as 7 or 7.5",
            )
            return None
        if criterion is None:
            return None
        problem = validate_score(criterion, number)
        if problem:
            self.problem(row, "punteggio", value, problem.it, problem.en)
            return None
        return to_hundredths(number)

    def pair(self, row: int, member: CommitteeMember, application: Application) -> bool:
        key = (member.id, application.id)
        if key not in self.pairs:
            reason = None
            conflict = self.session.scalar(
                select(Conflict.status).where(
                    Conflict.member_id == member.id,
                    Conflict.application_id == application.id,
                    Conflict.status.in_(BLOCKING_CONFLICTS),
                )
            )
            if conflict is not None:
                state = "confermato" if conflict == "confirmed" else "proposto"
                reason = (
                    f"{member.name} ha un conflitto di interessi ({state}) con la domanda "
                    f"{application.code}: non può valutarla; togliere la riga",
                    f"{member.name} has a {conflict} conflict of interest with application "
                    f"{application.code}: they cannot score it; remove the row",
                )
            elif (
                self.session.scalar(
                    select(Assignment.id).where(
                        Assignment.member_id == member.id,
                        Assignment.application_id == application.id,
                    )
                )
                is None
            ):
                reason = (
                    f"la domanda {application.code} non è assegnata a {member.name}: assegnarla "
                    f'prima (commissione assign --add "{member.name}" {application.code}) o '
                    "correggere la riga",
                    f"application {application.code} is not assigned to {member.name}: assign "
                    f'it first (commissione assign --add "{member.name}" {application.code}) or '
                    "correct the row",
                )
            self.pairs[key] = reason
        reason = self.pairs[key]
        if reason is not None:
            self.problem(row, "valutatore", member.name, *reason)
            return False
        return True


@dataclass
class _SheetRows:
    member: CommitteeMember
    application: Application
    scores: dict[str, tuple[int, str, int]] = field(
        default_factory=dict
    )  # criterion → h, comment, row
    motivation: str = ""
    motivation_row: int = 0


def import_scores(
    database: Database, call: CallDefinition, path: Path | str, submit_complete: bool = True
) -> ScoresImportResult:
    """Imports the file in one transaction; with any problem nothing is written and
    the result lists every problem (see the module's description)."""
    path = Path(path)
    workbook = open_workbook(path)
    table = workbook.applications
    columns = _match_columns(path, table.headers)
    result = ScoresImportResult(file=path)
    actor = current_user()

    def cell(cells: list, column: str):
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    with database.session() as session, session.begin():
        rows = _Rows(session, call, path)
        sheets: dict[tuple[int, int], _SheetRows] = {}
        seen: dict[tuple[int, int, str], int] = {}
        for chunk in table.chunks():
            for row_number, cells in chunk:
                result.rows_read += 1
                member = rows.member(row_number, cell(cells, "valutatore"))
                application = rows.application(row_number, cell(cells, "codice_domanda"))
                criterion = rows.criterion(row_number, cell(cells, "criterio"))
                hundredths = rows.score(row_number, cell(cells, "punteggio"), criterion)
                if member is None or application is None or criterion is None:
                    continue
                if not rows.pair(row_number, member, application):
                    continue
                key = (member.id, application.id, criterion.id)
                if key in seen:
                    rows.problem(
                        row_number,
                        "criterio",
                        cell(cells, "criterio"),
                        f"riga ripetuta: {member.name}, {application.code}, «{criterion.name}» "
                        f"è già alla riga {seen[key]}; tenere una sola riga",
                        f"repeated row: {member.name}, {application.code}, “{criterion.name}” is "
                        f"already on row {seen[key]}; keep one row only",
                    )
                    continue
                seen[key] = row_number
                if hundredths is None:
                    continue
                sheet = sheets.setdefault(
                    (member.id, application.id), _SheetRows(member, application)
                )
                sheet.scores[criterion.id] = (
                    hundredths,
                    _text(cell(cells, "commento")),
                    row_number,
                )
                motivation = _text(cell(cells, "motivazione"))
                if motivation:
                    if sheet.motivation and motivation != sheet.motivation:
                        rows.problem(
                            row_number,
                            "motivazione",
                            motivation,
                            f"motivazione diversa da quella della riga {sheet.motivation_row} "
                            f"per la stessa scheda ({member.name}, {application.code}): "
                            "scriverla uguale su ogni riga o su una sola",
                            f"motivation differs from row {sheet.motivation_row}'s for the same "
                            f"sheet ({member.name}, {application.code}): write the same text on "
                            "every row, or on one only",
                        )
                    elif not sheet.motivation:
                        sheet.motivation, sheet.motivation_row = motivation, row_number

        planned = _plan(session, call, sheets, rows, submit_complete)
        result.problems = sorted(rows.problems, key=lambda p: (p.row, p.column))
        if result.problems:
            return result  # nothing was written: the file is refused as a whole
        writes = []
        for member, application, sheet, old, new in planned:
            if new == old:
                result.sheets_unchanged += 1
                continue
            writes.append(SheetWrite(member, application, sheet, new))
            if sheet is None or not old["status"]:
                result.sheets_created += 1
            else:
                result.sheets_updated += 1
            if new["status"] == SUBMITTED:
                result.sheets_submitted += 1
            else:
                result.sheets_draft += 1
        write_many(session, writes, "import_scores", actor, extra={"file": path.name})
        result.applied = True
    return result


def _plan(session, call: CallDefinition, sheets: dict, rows: _Rows, submit_complete: bool):
    """Each named sheet's content after the import, checking submitted sheets."""
    existing = {}
    member_ids = sorted({member_id for member_id, _ in sheets})
    if member_ids:
        for sheet in session.scalars(
            select(ScoreSheet)
            .where(ScoreSheet.member_id.in_(member_ids))
            .options(selectinload(ScoreSheet.scores))
            .with_for_update()
        ):
            existing[sheet.member_id, sheet.application_id] = sheet
    criteria = {c.id: c for c in call.grid.criteria}
    planned = []
    for key, given in sorted(
        sheets.items(), key=lambda item: min(r for *_, r in item[1].scores.values())
    ):
        sheet = existing.get(key)
        old = sheet_content(sheet)
        scores = {k: list(v) for k, v in old["scores"].items()}
        for criterion, (hundredths, comment, _row) in given.scores.items():
            previous = scores.get(criterion, [None, ""])
            scores[criterion] = [hundredths, comment or previous[1]]
        motivation = given.motivation or old["motivation"]
        if sheet is not None and sheet.status == SUBMITTED:
            for criterion, (hundredths, comment, row) in given.scores.items():
                had, had_comment = old["scores"].get(criterion, [None, ""])
                if had != hundredths:
                    shown = formatting.score(from_hundredths(had), 2) if had is not None else "—"
                    rows.problem(
                        row,
                        "punteggio",
                        formatting.score(from_hundredths(hundredths), 2),
                        f"la scheda di {given.member.name} per {given.application.code} è già "
                        f"inviata con «{criteria[criterion].name}» = {shown}: chiedere alla "
                        "segreteria di riaprirla (commissione sheets reopen) o correggere la riga",
                        f"{given.member.name}'s sheet for {given.application.code} is already "
                        f"submitted with “{criteria[criterion].name}” = {shown}: ask the "
                        "secretariat to reopen it (commissione sheets reopen) or correct the row",
                    )
                elif comment and comment != had_comment:
                    rows.problem(
                        row,
                        "commento",
                        comment,
                        f"la scheda di {given.member.name} per {given.application.code} è già "
                        "inviata con un altro commento: riaprirla prima o togliere il commento",
                        f"{given.member.name}'s sheet for {given.application.code} is already "
                        "submitted with another comment: reopen it first or remove the comment",
                    )
            if given.motivation and given.motivation != old["motivation"]:
                rows.problem(
                    given.motivation_row,
                    "motivazione",
                    given.motivation,
                    f"la scheda di {given.member.name} per {given.application.code} è già "
                    "inviata con un'altra motivazione: riaprirla prima o togliere la motivazione",
                    f"{given.member.name}'s sheet for {given.application.code} is already "
                    "submitted with another motivation: reopen it first or remove the motivation",
                )
            planned.append((given.member, given.application, sheet, old, old))
            continue
        complete = all((scores.get(c) or [None])[0] is not None for c in criteria) and bool(
            motivation.strip()
        )
        status = SUBMITTED if submit_complete and complete else DRAFT
        new = {"status": status, "motivation": motivation, "scores": scores}
        planned.append((given.member, given.application, sheet, old, new))
    return planned
