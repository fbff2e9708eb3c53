"""The letters' service: generating a batch, listing, approving, recording the
protocol (typed, or from the protocol office's CSV). The window and the command line
both call these functions; PEC sending and receipts are in ``pec`` and ``receipts``.

- **Generate** renders every letter first, then writes them all in one transaction
  (each letter's row, its event, its audit entry with the SHA-256), then puts the
  files in place: a cancel or a failure leaves the database and the folder as they
  were. A letter already approved is not written again (approval freezes it); a sent
  one never.
- **Files** of a batch: one per letter (``CODE-kind.pdf``, ``.docx``), one merged PDF
  for printing, and an index for the protocol office (XLSX and CSV: code, addressee,
  PEC, subject, file, SHA-256).
- **Protocol**: the number and date are stamped by writing the letter again from the
  data it was approved with; the state becomes *protocollata*.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select

from db.engine import Database
from db.models import Application, Letter, LetterEvent
from desktop.domain import formatting, vocabulary
from desktop.domain import letters as rules
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import ValueProblem, parse_date
from desktop.domain.problems import Problem
from desktop.letters import data as letter_data
from desktop.letters import path
from desktop.letters.office import load_office
from desktop.services import audit
from desktop.services.browse import load_details
from desktop.services.store import unknown_application

log = logging.getLogger(__name__)

FORMATS = ("pdf", "docx", "both")
INDEX_HEADER = (
    "codice",
    "tipo",
    "destinatario",
    "pec",
    "oggetto",
    "file",
    "sha256",
    "numero_protocollo",
    "data_protocollo",
)
# A protocol CSV is a short list typed or exported by the protocol office.
PROTOCOL_CSV_LIMIT = 5 * 1024 * 1024


class LettersProblem(Problem):
    """A letters request that cannot be done; the text says why and what to do."""


class Cancelled(Exception):
    """The batch was cancelled before anything was written."""


@dataclass(frozen=True)
class LetterRow:
    """One letter as the window and `letters list` show it."""

    id: int
    code: str
    title: str
    session_code: str
    kind: str
    state: str
    addressee: str
    pec: str
    subject: str
    protocol_number: str
    protocol_date: dt.date | None
    sha256: str
    version: int
    generated_at: dt.datetime
    approved_by: str
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    failure: str

    def kind_label(self, language: str = "it") -> str:
        return vocabulary.letter_kind_label(self.kind, language)

    def state_label(self, language: str = "it") -> str:
        return vocabulary.letter_state_label(self.state, language)

    @property
    def file_name(self) -> str:
        return f"{self.code}-{self.kind}.pdf"


class Skipped(NamedTuple):
    """An application without a new letter: nothing to write, or a letter that stays."""

    code: str
    kind: str  # "" when no letter fits yet
    it: str
    en: str

    def reason(self, language: str = "it") -> str:
        return self.en if language == "en" else self.it


@dataclass
class BatchResult:
    written: list[LetterRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    merged: Path | None = None
    index: list[Path] = field(default_factory=list)


# --------------------------------------------------------------------------- rendering


def _render(
    kind: str, data: dict, office, formats: Sequence[str]
) -> tuple[str, bytes, bytes | None]:
    """(subject, PDF/A bytes, DOCX bytes or None)."""
    from desktop.letters.pdf import render_pdf
    from desktop.letters.templates import load_templates

    text = load_templates().render(kind, data)
    pdf = render_pdf(text, data, office)
    docx = None
    if "docx" in formats:
        from desktop.letters.docx import render_docx

        docx = render_docx(text, data, office)
    return text.subject, pdf, docx


# Rendering is CPU-bound (ReportLab, pikepdf): a batch of at least PARALLEL_FROM
# letters is rendered by worker processes, one per core (at most MAX_WORKERS), in
# chunks, so progress and cancel still answer within a fraction of a second.
PARALLEL_FROM = 40
MAX_WORKERS = 4
CHUNK = 20


def _render_chunk(chunk, office, formats) -> list[tuple[str, bytes, bytes | None]]:
    """In a worker process: a few letters, each (subject, PDF, DOCX or None)."""
    return [_render(kind, data, office, formats) for kind, data in chunk]


def _workers(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def _render_all(planned, office, formats, progress, cancelled) -> list:
    """(subject, PDF, DOCX) for each planned letter, in order; Cancelled when asked."""
    from desktop.letters.templates import load_templates

    load_templates()  # checked here: a bad template is said before any work starts
    total = len(planned)
    if _workers(total) > 1:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _render_in_workers(planned, office, formats, progress, cancelled)
        except (BrokenProcessPool, OSError) as error:
            # A worker that could not start or died (a platform without processes,
            # memory): the same letters, rendered here, one after the other.
            log.warning("letters rendered in one process: the worker pool failed (%s)", error)
    out = []
    for done, (_id, _code, kind, data) in enumerate(planned, 1):
        if cancelled and cancelled():
            raise Cancelled()
        out.append(_render(kind, data, office, formats))
        if progress:
            progress(done, total)
    return out


def _render_in_workers(planned, office, formats, progress, cancelled) -> list:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    total = len(planned)
    workers = _workers(total)

    chunks = [
        [(kind, data) for _id, _code, kind, data in planned[start : start + CHUNK]]
        for start in range(0, total, CHUNK)
    ]
    results: list = [None] * len(chunks)
    done_count = 0
    # "spawn": a fresh interpreter per worker, never a fork of a process with threads
    # (the window's, the database's); the frozen bundle calls freeze_support.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = {
            pool.submit(_render_chunk, chunk, office, formats): i for i, chunk in enumerate(chunks)
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancelled and cancelled():
                raise Cancelled()
            for future in finished:
                index = futures[future]
                results[index] = future.result()
                done_count += len(chunks[index])
                if progress:
                    progress(done_count, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [letter for chunk in results for letter in chunk]


def _formats(format: str) -> tuple[str, ...]:
    if format not in FORMATS:
        raise LettersProblem(
            f"formato «{format}» sconosciuto: pdf, docx o both",
            f"unknown format “{format}”: pdf, docx or both",
        )
    return ("pdf", "docx") if format == "both" else (format,)


def _row(letter: Letter, application: Application) -> LetterRow:
    return LetterRow(
        id=letter.id,
        code=application.code,
        title=application.title,
        session_code=application.session_code or "",
        kind=letter.kind,
        state=letter.state,
        addressee=letter.addressee,
        pec=letter.pec,
        subject=letter.subject,
        protocol_number=letter.protocol_number,
        protocol_date=letter.protocol_date,
        sha256=letter.sha256,
        version=letter.version,
        generated_at=letter.generated_at,
        approved_by=letter.approved_by,
        sent_at=letter.sent_at,
        delivered_at=letter.delivered_at,
        failure=letter.failure,
    )


# --------------------------------------------------------------------------- generate


def generate(
    database: Database,
    call: CallDefinition,
    *,
    kind: str = "auto",
    session_code: str | None = None,
    codes: Sequence[str] | None = None,
    out_dir: Path | str | None = None,
    format: str = "pdf",
    actor: str | None = None,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    """Writes the letters of `kind` ("auto": the letter each application's state calls
    for) for the applications of `session_code` (or `codes`, or all), stores them and,
    with `out_dir`, puts the batch's files there. Codes named explicitly for a kind
    that does not fit them are refused (nothing written); applications picked by
    session are skipped with the reason."""
    if kind != "auto" and kind not in rules.KINDS:
        raise LettersProblem(
            f"tipo di lettera «{kind}» sconosciuto; quelli possibili: auto, {', '.join(rules.KINDS)}",
            f"unknown kind of letter “{kind}”; the possible ones: auto, {', '.join(rules.KINDS)}",
        )
    if session_code is not None and session_code not in {s.code for s in call.sessions}:
        raise LettersProblem(
            f"sessione «{session_code}» sconosciuta; quelle del bando: "
            f"{', '.join(s.code for s in call.sessions)}",
            f"unknown session “{session_code}”; the call's: {', '.join(s.code for s in call.sessions)}",
        )
    formats = _formats(format)
    office = load_office(call.letters.office)
    today = today or dt.date.today()
    actor = actor or audit.current_user()
    facts = letter_data.read_facts(database, call, office, today)

    with database.engine.connect() as connection:
        query = select(Application.id, Application.code, Application.session_code).where(
            Application.call_id == call.id
        )
        stored = connection.execute(query.order_by(Application.code)).all()
        existing = {
            (row.application_id, row.kind): row.state
            for row in connection.execute(
                select(Letter.application_id, Letter.kind, Letter.state).where(
                    Letter.call_id == call.id
                )
            )
        }
    by_code = {row.code: row for row in stored}
    if codes:
        missing = [code for code in codes if code not in by_code]
        if missing:
            raise unknown_application(call, missing[0])
        chosen = [by_code[code] for code in dict.fromkeys(codes)]
    else:
        chosen = [r for r in stored if session_code is None or r.session_code == session_code]

    result = BatchResult()
    planned = []  # (application id, code, kind, data)
    refusals = []
    # The formal check's rules are read only where a letter quotes them.
    details = load_details(
        database, call, [row.code for row in chosen], rules_when=("fail", "check")
    )
    for row in chosen:
        detail = details[row.code]
        letter_kind = kind
        if kind == "auto":
            letter_kind = letter_data.auto_kind(facts, detail, row.id)
            if letter_kind is None:
                result.skipped.append(
                    Skipped(
                        row.code,
                        "",
                        "nessuna lettera per ora (valutazione incompleta)",
                        "no letter yet (evaluation incomplete)",
                    )
                )
                continue
        else:
            why = letter_data.fits(facts, kind, detail, row.id)
            if why is not None:
                if codes:
                    refusals.append(why)
                else:
                    it, _, en = why.partition("\n")
                    result.skipped.append(Skipped(row.code, kind, it, en))
                continue
        state = existing.get((row.id, letter_kind))
        if state is not None and state not in (rules.DRAFT,):
            result.skipped.append(
                Skipped(
                    row.code,
                    letter_kind,
                    f"già {vocabulary.letter_state_label(state)}: non viene riscritta",
                    f"already {vocabulary.letter_state_label(state, 'en')}: not written again",
                )
            )
            continue
        planned.append(
            (
                row.id,
                row.code,
                letter_kind,
                letter_data.letter_data(facts, letter_kind, detail, row.id),
            )
        )
    if refusals:
        it = "; ".join(r.split("\n")[0] for r in refusals)
        en = "; ".join(r.split("\n")[-1] for r in refusals)
        raise LettersProblem(f"{it}. Nessuna lettera scritta.", f"{en}. No letter written.")

    # The files are written into a hidden folder inside the output folder before the
    # commit, and renamed into place after it (a rename on one file system): a folder
    # that cannot be made or written refuses the batch with the database untouched.
    staging = None
    if out_dir is not None:
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".lettere-in-corso-", dir=out_dir))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise LettersProblem(
                f"{out_dir}: la cartella non si può creare o non vi si può scrivere ({reason}); "
                "sceglierne un'altra. Nessuna lettera scritta.",
                f"{out_dir}: the folder cannot be made or written ({reason}); choose another. "
                "No letter written.",
            ) from None
    try:
        rendered = [
            (application_id, code, letter_kind, data, *letter)
            for (application_id, code, letter_kind, data), letter in zip(
                planned, _render_all(planned, office, formats, progress, cancelled), strict=True
            )
        ]
        if cancelled and cancelled():
            raise Cancelled()

        now = dt.datetime.now().replace(microsecond=0)
        with database.session() as session, session.begin():
            for application_id, code, letter_kind, data, subject, pdf, docx in rendered:
                letter = _store(
                    session, call, application_id, letter_kind, data, subject, pdf, actor, now
                )
                session.flush()
                application = session.get(Application, application_id)
                result.written.append(_row(letter, application))
                if staging is not None:
                    if "pdf" in formats:
                        (staging / f"{code}-{letter_kind}.pdf").write_bytes(pdf)
                    if docx is not None:
                        (staging / f"{code}-{letter_kind}.docx").write_bytes(docx)
            if staging is not None and result.written:
                _batch_files(staging, rendered, result.written, formats)
        if staging is not None:
            result.files, result.merged, result.index = _move_into(staging, Path(out_dir))
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return result


def _store(session, call, application_id, kind, data, subject, pdf, actor, now) -> Letter:
    sha = hashlib.sha256(pdf).hexdigest()
    letter = session.scalars(
        select(Letter).where(Letter.application_id == application_id, Letter.kind == kind)
    ).one_or_none()
    addressee = data["destinatario"]["denominazione"]
    pec = data["destinatario"]["pec"]
    if letter is None:
        letter = Letter(
            call_id=call.id,
            application_id=application_id,
            kind=kind,
            state=rules.DRAFT,
            version=1,
            approved_by="",
            protocol_number="",
            message_id="",
            failure="",
        )
        session.add(letter)
        action = "generated"
    else:
        letter.version += 1
        action = "regenerated"
    letter.subject, letter.addressee, letter.pec = subject, addressee, pec
    letter.data = json.dumps(data, ensure_ascii=False, sort_keys=True)
    letter.pdf, letter.sha256 = pdf, sha
    letter.generated_at, letter.generated_by = now, actor
    session.flush()
    path.record_event(
        session, letter, action, actor=actor, at=now, audit_new={"version": letter.version}
    )
    return letter


def _batch_files(staging: Path, rendered, written: list[LetterRow], formats) -> None:
    from desktop.exporting.spreadsheets import write_csv, xlsx_workbook

    rows = [
        (
            row.code,
            row.kind,
            row.addressee,
            row.pec,
            row.subject,
            row.file_name if "pdf" in formats else row.file_name.replace(".pdf", ".docx"),
            row.sha256,
            row.protocol_number,
            formatting.date(row.protocol_date) if row.protocol_date else "",
        )
        for row in written
    ]
    write_csv(staging / "indice-lettere.csv", INDEX_HEADER, rows)
    with xlsx_workbook(staging / "indice-lettere.xlsx") as workbook:
        sheet = workbook.sheet("Lettere")
        sheet.header(INDEX_HEADER)
        for row in rows:
            sheet.row(row)
    if "pdf" in formats:
        from desktop.letters.pdf import merge_pdfs

        (staging / "lettere-da-stampare.pdf").write_bytes(merge_pdfs([r[5] for r in rendered]))


def _move_into(staging: Path, out_dir: Path) -> tuple[list[Path], Path | None, list[Path]]:
    files, merged, index = [], None, []
    for item in sorted(staging.iterdir()):
        target = out_dir / item.name
        item.replace(target)
        if item.name == "lettere-da-stampare.pdf":
            merged = target
        elif item.name.startswith("indice-lettere"):
            index.append(target)
        else:
            files.append(target)
    return files, merged, index


# --------------------------------------------------------------------------- reading


def list_letters(
    database: Database,
    call: CallDefinition,
    *,
    state: str | None = None,
    kind: str | None = None,
    session_code: str | None = None,
) -> list[LetterRow]:
    query = (
        select(Letter, Application)
        .join(Application, Application.id == Letter.application_id)
        .where(Letter.call_id == call.id)
        .order_by(Application.code, Letter.kind)
    )
    if state:
        if state not in rules.STATES:
            raise LettersProblem(
                f"stato «{state}» sconosciuto; quelli possibili: {', '.join(rules.STATES)}",
                f"unknown state “{state}”; the possible ones: {', '.join(rules.STATES)}",
            )
        query = query.where(Letter.state == state)
    if kind:
        query = query.where(Letter.kind == kind)
    if session_code:
        query = query.where(Application.session_code == session_code)
    with database.session() as session:
        return [_row(letter, application) for letter, application in session.execute(query)]


def letter_pdf(database: Database, call: CallDefinition, code: str, kind: str) -> bytes:
    with database.session() as session:
        return _letter(session, call, code, kind).pdf


def letter_history(
    database: Database, call: CallDefinition, code: str, kind: str
) -> list[LetterEvent]:
    with database.session() as session:
        letter = _letter(session, call, code, kind)
        events = list(
            session.scalars(
                select(LetterEvent)
                .where(LetterEvent.letter_id == letter.id)
                .order_by(LetterEvent.id)
            )
        )
        session.expunge_all()
        return events


def _letter(session, call: CallDefinition, code: str, kind: str) -> Letter:
    letter = session.scalars(
        select(Letter)
        .join(Application, Application.id == Letter.application_id)
        .where(Letter.call_id == call.id, Application.code == code, Letter.kind == kind)
    ).one_or_none()
    if letter is None:
        raise LettersProblem(
            f"nessuna lettera «{kind}» per la domanda {code}: generarla prima con "
            f"`letters generate --kind {kind} --code {code}`",
            f"no “{kind}” letter for application {code}: generate it first with "
            f"`letters generate --kind {kind} --code {code}`",
        )
    return letter


# --------------------------------------------------------------------------- the path


def approve(
    database: Database, call: CallDefinition, code: str, kind: str, actor: str | None = None
) -> LetterRow:
    """The responsible officer approves the letter as written."""
    [row] = approve_letters(database, call, [(code, kind)], actor)
    return row


def approve_letters(
    database: Database,
    call: CallDefinition,
    letters: Sequence[tuple[str, str]],
    actor: str | None = None,
) -> list[LetterRow]:
    """Approves several letters (code, kind) in one transaction: all or none."""
    actor = actor or audit.current_user()
    now = dt.datetime.now().replace(microsecond=0)
    rows = []
    with database.session() as session, session.begin():
        for code, kind in letters:
            letter = _letter(session, call, code, kind)
            path.step(
                session,
                letter,
                "approve",
                actor=actor,
                at=now,
                changes={"approved_by": actor, "approved_at": now},
            )
            rows.append(_row(letter, session.get(Application, letter.application_id)))
    return rows


def reopen(
    database: Database,
    call: CallDefinition,
    code: str,
    kind: str,
    reason: str,
    actor: str | None = None,
) -> LetterRow:
    """Takes back an approval, with the reason: the letter is a draft again and the next
    batch writes it from the data as they are then. A protocolled letter stays as it
    is (the protocol register holds it)."""
    reason = " ".join(reason.split())
    if not reason:
        raise LettersProblem(
            "serve il motivo per cui l'approvazione è ritirata",
            "a reason for taking back the approval is needed",
        )
    actor = actor or audit.current_user()
    with database.session() as session, session.begin():
        letter = _letter(session, call, code, kind)
        path.step(
            session,
            letter,
            "reopen",
            actor=actor,
            detail=reason,
            changes={"approved_by": "", "approved_at": None},
        )
        return _row(letter, session.get(Application, letter.application_id))


def record_protocol(
    database: Database,
    call: CallDefinition,
    code: str,
    kind: str,
    number: str,
    day: dt.date,
    actor: str | None = None,
) -> LetterRow:
    """Stamps the protocol number and date: the letter is written again from the data
    it was approved with, and becomes *protocollata*."""
    [row] = record_protocols(database, call, [(code, kind, number, day)], actor)
    return row


def record_protocols(
    database: Database,
    call: CallDefinition,
    entries: Sequence[tuple[str, str, str, dt.date]],
    actor: str | None = None,
) -> list[LetterRow]:
    """Several protocol numbers in one transaction: all or none."""
    actor = actor or audit.current_user()
    office = load_office(call.letters.office)
    now = dt.datetime.now().replace(microsecond=0)
    rows = []
    with database.session() as session, session.begin():
        for code, kind, number, day in entries:
            number = number.strip()
            if not number:
                raise LettersProblem(
                    f"{code}: numero di protocollo vuoto", f"{code}: empty protocol number"
                )
            letter = _letter(session, call, code, kind)
            rules.check_step("protocol", letter.state, code, kind)
            data = letter_data.with_protocol(json.loads(letter.data), number, day)
            _subject, pdf, _docx = _render(kind, data, office, ("pdf",))
            letter.data = json.dumps(data, ensure_ascii=False, sort_keys=True)
            letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
            letter.version += 1
            path.step(
                session,
                letter,
                "protocol",
                actor=actor,
                at=now,
                detail=f"n. {number} del {formatting.date(day)}",
                changes={"protocol_number": number, "protocol_date": day},
            )
            rows.append(_row(letter, session.get(Application, letter.application_id)))
    return rows


def read_protocol_csv(path_: Path | str) -> list[tuple[str, str, str, dt.date]]:
    """The protocol office's CSV: columns ``codice``, ``tipo``, ``numero_protocollo``,
    ``data_protocollo`` (the index written with the letters, filled in; other columns
    are ignored). Every bad row is named; nothing is recorded unless all are good."""
    path_ = Path(path_)
    try:
        size = path_.stat().st_size
        if size > PROTOCOL_CSV_LIMIT:
            raise LettersProblem(
                f"{path_.name}: {size} byte, troppi per un elenco di protocolli (al massimo 5 MiB)",
                f"{path_.name}: {size} bytes, too many for a protocol list (at most 5 MiB)",
            )
        raw = path_.read_bytes()
    except OSError as error:
        raise LettersProblem(
            f"{path_}: non si può leggere ({error.strerror})",
            f"{path_}: cannot be read ({error.strerror})",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    except StopIteration:
        header = []
    aliases = {
        "codice": ("codice", "codice_domanda"),
        "tipo": ("tipo", "tipo_lettera"),
        "numero": ("numero_protocollo", "protocollo", "numero"),
        "data": ("data_protocollo", "data"),
    }
    columns = {}
    for name, options in aliases.items():
        found = next((header.index(o) for o in options if o in header), None)
        if found is None:
            raise LettersProblem(
                f"{path_.name}: manca la colonna «{options[0]}» (servono codice, tipo, "
                "numero_protocollo, data_protocollo)",
                f"{path_.name}: the “{options[0]}” column is missing (needed: codice, tipo, "
                "numero_protocollo, data_protocollo)",
            )
        columns[name] = found
    entries, problems = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cell = {n: (cells[i].strip() if i < len(cells) else "") for n, i in columns.items()}
        if not cell["numero"] and not cell["data"]:
            continue  # not protocolled yet: left for a later file
        if cell["tipo"] not in rules.KINDS:
            problems.append(f"riga {line}: tipo «{cell['tipo']}» sconosciuto")
            continue
        day = _day(cell["data"])
        if day is None or not cell["numero"]:
            problems.append(f"riga {line}: numero o data di protocollo mancante o non valida")
            continue
        entries.append((cell["codice"], cell["tipo"], cell["numero"], day))
        if len(entries) + len(problems) > 100_000:
            problems.append("più di 100.000 righe")
            break
    if problems:
        shown = "; ".join(problems[:10]) + ("; …" if len(problems) > 10 else "")
        raise LettersProblem(
            f"{path_.name}: {shown}. Nessun protocollo registrato: correggere il file e riprovare.",
            f"{path_.name}: {shown.replace('riga', 'line')}. No protocol recorded: fix the file and try again.",
        )
    return entries


def _day(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)[0]
    except (ValueError, ValueProblem):
        return None
