"""The PEC provider's receipts (*ricevute*), read from ``.eml`` files and recorded on
the letters they are about.

A receipt carries ``daticert.xml`` (DPR 68/2005; technical rules DM 2 November 2005):
``<postacert tipo="…" errore="…">`` with ``<intestazione>`` (mittente, destinatari,
risposte, oggetto) and ``<dati>`` (gestore-emittente, data zona=… with giorno and
ora, identificativo, msgid: the Message-ID of the message it is about, ricevuta,
consegna, errore-esteso). The msgid is matched to ``Letter.message_id``:

- ``accettazione`` → the letter's ``accepted`` event (``accepted_at``);
- ``avvenuta-consegna`` → *delivered* (``delivered_at``);
- ``non-accettazione``, ``errore-consegna``, ``preavviso-errore-consegna``,
  ``rilevazione-virus`` → *failed* (``failure``: the errore-esteso);
- ``presa-in-carico``, ``posta-certificata`` and the rest: noted, nothing recorded.

Reading the same receipt again changes nothing (its ``identificativo`` is kept in the
event). Every file's fate is in the report: recorded, already recorded, noted,
unmatched, unreadable.

Bounded: a file over 20 MiB is refused before it is parsed, at most 5,000 files per
reading, ``daticert.xml`` over 1 MiB or with a DOCTYPE/ENTITY declaration refused.

The same receipts read from the mailbox over IMAP: desktop/letters/imap.py.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.models import Application, Letter, LetterEvent
from desktop.domain import letters as rules
from desktop.domain.formatting import ROME
from desktop.domain.problems import Problem
from desktop.letters import path as letter_path

MIB = 2**20
MAX_FILE_BYTES = 20 * MIB
MAX_FILES = 5000
MAX_XML_BYTES = 1 * MIB

ACCEPTED = ("accettazione",)
DELIVERED = ("avvenuta-consegna",)
NOT_DELIVERED = (
    "non-accettazione",
    "errore-consegna",
    "preavviso-errore-consegna",
    "rilevazione-virus",
)

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class ReceiptProblem(Problem):
    """A file that is not a readable PEC receipt; says why."""


@dataclass(frozen=True)
class Receipt:
    tipo: str
    errore: str
    msgid: str  # without angle brackets
    identificativo: str
    at: dt.datetime | None  # Europe/Rome, naive (as the letters' times)
    gestore: str
    consegna: str
    errore_esteso: str
    oggetto: str


@dataclass(frozen=True)
class ReceiptFate:
    file: str
    fate: str  # recorded / already / noted / unmatched / unreadable
    it: str
    en: str
    code: str = ""
    kind: str = ""
    tipo: str = ""

    def reason(self, language: str = "it") -> str:
        return self.en if language == "en" else self.it


@dataclass
class ReceiptReport:
    fates: list[ReceiptFate] = field(default_factory=list)
    too_many: int = 0  # files (or mailbox messages) beyond the cap, not read
    cancelled: bool = False

    def of(self, fate: str) -> list[ReceiptFate]:
        return [f for f in self.fates if f.fate == fate]

    @property
    def recorded(self) -> list[ReceiptFate]:
        return self.of("recorded")

    @property
    def already(self) -> list[ReceiptFate]:
        return self.of("already")

    @property
    def noted(self) -> list[ReceiptFate]:
        return self.of("noted")

    @property
    def unmatched(self) -> list[ReceiptFate]:
        return self.of("unmatched")

    @property
    def unreadable(self) -> list[ReceiptFate]:
        return self.of("unreadable")


# --------------------------------------------------------------------------- parsing


def bare_message_id(value: str) -> str:
    return (value or "").strip().strip("<>").strip()


def parse_daticert(data: bytes) -> Receipt:
    """The receipt's data; ReceiptProblem when the XML is not a safe, readable
    daticert.xml."""
    if len(data) > MAX_XML_BYTES:
        raise ReceiptProblem(
            f"daticert.xml troppo grande (oltre {MAX_XML_BYTES // MIB} MiB)",
            f"daticert.xml too large (over {MAX_XML_BYTES // MIB} MiB)",
        )
    if _DECLARATION.search(data):
        raise ReceiptProblem(
            "daticert.xml contiene una dichiarazione DOCTYPE o ENTITY: rifiutato (non è "
            "ammessa in una ricevuta PEC)",
            "daticert.xml holds a DOCTYPE or ENTITY declaration: refused (a PEC receipt has none)",
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ReceiptProblem(
            f"daticert.xml non è XML valido ({error})", f"daticert.xml is not valid XML ({error})"
        ) from None
    if _local(root.tag) != "postacert":
        raise ReceiptProblem(
            "daticert.xml senza l'elemento postacert", "daticert.xml without a postacert element"
        )

    def text(path: str) -> str:
        node = root.find(path)
        return " ".join((node.text or "").split()) if node is not None else ""

    tipo = (root.get("tipo") or "").strip().lower()
    msgid = bare_message_id(text("dati/msgid"))
    if not tipo:
        raise ReceiptProblem("daticert.xml senza tipo", "daticert.xml without a tipo")
    return Receipt(
        tipo=tipo,
        errore=(root.get("errore") or "").strip(),
        msgid=msgid,
        identificativo=text("dati/identificativo"),
        at=_moment(root.find("dati/data")),
        gestore=text("dati/gestore-emittente"),
        consegna=text("dati/consegna"),
        errore_esteso=text("dati/errore-esteso"),
        oggetto=text("intestazione/oggetto"),
    )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _moment(node) -> dt.datetime | None:
    if node is None:
        return None
    day = " ".join((node.findtext("giorno") or "").split())
    hour = " ".join((node.findtext("ora") or "").split())
    zone = (node.get("zona") or "").strip()
    try:
        moment = dt.datetime.strptime(f"{day} {hour}", "%d/%m/%Y %H:%M:%S")
    except ValueError:
        return None
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    if not match:
        return moment  # no zone said: the provider's local (Italian) time
    sign = 1 if match.group(1) == "+" else -1
    offset = dt.timedelta(hours=int(match.group(2)), minutes=int(match.group(3))) * sign
    aware = moment.replace(tzinfo=dt.timezone(offset))
    return aware.astimezone(ROME).replace(tzinfo=None)


def parse_receipt(data: bytes) -> Receipt | None:
    """The receipt in an e-mail's bytes; None when the message carries no daticert.xml
    (not a PEC receipt); ReceiptProblem when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise ReceiptProblem(
            f"file troppo grande (oltre {MAX_FILE_BYTES // MIB} MiB): non è una ricevuta PEC",
            f"file too large (over {MAX_FILE_BYTES // MIB} MiB): not a PEC receipt",
        )
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        for part in message.walk():
            name = (part.get_filename() or "").strip().lower()
            if name == "daticert.xml" or (
                not name and part.get_content_type() in ("application/xml", "text/xml")
            ):
                payload = part.get_payload(decode=True) or b""
                return parse_daticert(payload)
    except ReceiptProblem:
        raise
    except Exception as error:  # the email package's own errors on hostile input
        raise ReceiptProblem(
            f"messaggio non leggibile ({type(error).__name__})",
            f"unreadable message ({type(error).__name__})",
        ) from None
    return None


# --------------------------------------------------------------------------- files


def receipt_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReceiptFate], int]:
    """The .eml files named (a file as given, a folder's *.eml in name order, not
    recursive), the paths that cannot be read, and how many files are beyond the cap."""
    files: list[Path] = []
    problems: list[ReceiptFate] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            try:
                found = sorted(
                    p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file()
                )
            except OSError as error:
                problems.append(_unreadable(path, error.strerror or type(error).__name__))
                continue
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                ReceiptFate(
                    str(path),
                    "unreadable",
                    "file o cartella inesistente",
                    "no such file or folder",
                )
            )
    extra = max(0, len(files) - MAX_FILES)
    return files[:MAX_FILES], problems, extra


def _unreadable(path: Path, reason_it: str, reason_en: str | None = None) -> ReceiptFate:
    return ReceiptFate(str(path), "unreadable", reason_it, reason_en or reason_it)


def _read_bounded(path: Path) -> bytes:
    with path.open("rb") as handle:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReceiptProblem(
                f"file troppo grande ({size // MIB} MiB, limite {MAX_FILE_BYTES // MIB} MiB): "
                "non è una ricevuta PEC",
                f"file too large ({size // MIB} MiB, limit {MAX_FILE_BYTES // MIB} MiB): "
                "not a PEC receipt",
            )
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReceiptProblem(
            f"file troppo grande (limite {MAX_FILE_BYTES // MIB} MiB)",
            f"file too large (limit {MAX_FILE_BYTES // MIB} MiB)",
        )
    return data


def read_receipts(
    database,
    paths: Iterable[str | Path],
    *,
    actor: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ReceiptReport:
    """Reads the receipts in `paths` (files or folders) and records each on its letter,
    one transaction per receipt."""
    files, problems, extra = receipt_files(paths)
    report = ReceiptReport(fates=list(problems), too_many=extra)
    for done, path in enumerate(files):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        try:
            receipt = parse_receipt(_read_bounded(path))
        except ReceiptProblem as problem:
            report.fates.append(_unreadable(path, problem.it, problem.en))
            continue
        except OSError as error:
            report.fates.append(_unreadable(path, error.strerror or type(error).__name__))
            continue
        if receipt is None:
            report.fates.append(
                ReceiptFate(
                    str(path),
                    "unmatched",
                    "non è una ricevuta PEC (nessun allegato daticert.xml)",
                    "not a PEC receipt (no daticert.xml attachment)",
                )
            )
        else:
            report.fates.append(record_receipt(database, receipt, str(path), actor=actor))
        if progress is not None:
            progress(done + 1, len(files), path.name)
    return report


# --------------------------------------------------------------------------- recording


def _find_letter(session, msgid: str) -> tuple[Letter | None, bool]:
    """(the letter whose current Message-ID is `msgid`, False), or (a letter an
    earlier sending of which had it, True), or (None, False)."""
    if not msgid:
        return None, False
    letter = session.execute(
        select(Letter).where(Letter.message_id.in_((f"<{msgid}>", msgid)))
    ).scalar_one_or_none()
    if letter is not None:
        return letter, False
    earlier = session.execute(
        select(Letter)
        .join(LetterEvent, LetterEvent.letter_id == Letter.id)
        .where(LetterEvent.detail.contains(f"<{msgid}>", autoescape=True))
        .limit(1)
    ).scalar_one_or_none()
    return earlier, earlier is not None


def _seen(session, letter: Letter, receipt: Receipt) -> bool:
    if not receipt.identificativo:
        return False
    return (
        session.execute(
            select(LetterEvent.id)
            .where(
                LetterEvent.letter_id == letter.id,
                LetterEvent.detail.contains(f"[{receipt.identificativo}]", autoescape=True),
            )
            .limit(1)
        ).first()
        is not None
    )


def _detail(receipt: Receipt) -> str:
    when = receipt.at.strftime("%d/%m/%Y %H:%M:%S") if receipt.at else "?"
    text = f"ricevuta {receipt.tipo} [{receipt.identificativo}] del {when}"
    if receipt.gestore:
        text += f" da {receipt.gestore}"
    if receipt.tipo in NOT_DELIVERED:
        text += f": {_failure(receipt)}"
    return text


def _failure(receipt: Receipt) -> str:
    reason = receipt.errore_esteso or receipt.errore or receipt.tipo
    return f"{receipt.tipo}: {reason}"


def record_receipt(
    database, receipt: Receipt, file: str = "", *, actor: str | None = None
) -> ReceiptFate:
    """Records one receipt on its letter (one transaction); what happened to it."""
    when = receipt.at or dt.datetime.now(ROME).replace(tzinfo=None, microsecond=0)
    with database.session() as session, session.begin():
        database.lock_for_writing(session)
        letter, earlier = _find_letter(session, receipt.msgid)
        if letter is None:
            return ReceiptFate(
                file,
                "unmatched",
                f"ricevuta {receipt.tipo} per il messaggio <{receipt.msgid}>: nessuna lettera "
                "inviata con questo Message-ID",
                f"{receipt.tipo} receipt for message <{receipt.msgid}>: no letter was sent "
                "with this Message-ID",
                tipo=receipt.tipo,
            )
        code = letter_path.code_of(session, letter)
        fate = _fate_maker(file, code, letter.kind, receipt.tipo)
        if earlier:
            return fate(
                "unmatched",
                f"ricevuta {receipt.tipo} di un invio precedente della lettera {code}/{letter.kind} "
                f"(Message-ID <{receipt.msgid}>, ora {letter.message_id or 'nessuno'}): nulla cambia",
                f"{receipt.tipo} receipt of an earlier sending of letter {code}/{letter.kind} "
                f"(Message-ID <{receipt.msgid}>, now {letter.message_id or 'none'}): nothing changes",
            )
        if _seen(session, letter, receipt):
            return fate(
                "already",
                "ricevuta già registrata",
                "receipt already recorded",
            )
        detail = _detail(receipt)
        if receipt.tipo in ACCEPTED:
            if letter.accepted_at is not None:
                return fate("already", "accettazione già registrata", "acceptance already recorded")
            if letter.state == rules.SENT:
                letter_path.step(
                    session,
                    letter,
                    "accepted",
                    actor=actor,
                    detail=detail,
                    changes={"accepted_at": when},
                )
            else:
                letter.accepted_at = when
                letter_path.record_event(
                    session,
                    letter,
                    "accepted",
                    actor=actor,
                    detail=detail,
                    audit_new={"accepted_at": when.isoformat()},
                )
            return fate("recorded", "accettazione registrata", "acceptance recorded")
        if receipt.tipo in DELIVERED:
            if letter.state == rules.DELIVERED:
                return fate("already", "consegna già registrata", "delivery already recorded")
            if letter.state not in (rules.SENT, rules.FAILED):
                return _not_now(fate, letter)
            letter_path.step(
                session,
                letter,
                "delivered",
                actor=actor,
                detail=detail,
                changes={"delivered_at": when, "failure": ""},
            )
            return fate("recorded", "consegna registrata", "delivery recorded")
        if receipt.tipo in NOT_DELIVERED:
            failure = _failure(receipt)
            if letter.state == rules.FAILED and letter.failure == failure:
                return fate(
                    "already", "mancata consegna già registrata", "non-delivery already recorded"
                )
            if letter.state == rules.DELIVERED:
                return fate(
                    "noted",
                    f"la lettera risulta già consegnata: la ricevuta «{receipt.tipo}» non cambia lo stato",
                    f"the letter is already delivered: the “{receipt.tipo}” receipt does not change it",
                )
            if letter.state == rules.FAILED:
                letter.failure = failure
                letter_path.record_event(
                    session,
                    letter,
                    "not_delivered",
                    actor=actor,
                    detail=detail,
                    audit_new={"failure": failure},
                )
            elif letter.state == rules.SENT:
                letter_path.step(
                    session,
                    letter,
                    "not_delivered",
                    actor=actor,
                    detail=detail,
                    changes={"failure": failure},
                )
            else:
                return _not_now(fate, letter)
            return fate(
                "recorded",
                f"mancata consegna registrata ({failure}): la lettera si può inviare di nuovo",
                f"non-delivery recorded ({failure}): the letter may be sent again",
            )
        return fate(
            "noted",
            f"ricevuta «{receipt.tipo}»: non cambia lo stato della lettera",
            f"“{receipt.tipo}” receipt: does not change the letter's state",
        )


def _fate_maker(file: str, code: str, kind: str, tipo: str):
    def fate(what: str, it: str, en: str) -> ReceiptFate:
        return ReceiptFate(file, what, it, en, code, kind, tipo)

    return fate


def _not_now(fate, letter: Letter) -> ReceiptFate:
    return fate(
        "noted",
        f"la lettera è nello stato «{letter.state}»: ricevuta non applicabile, nulla cambia",
        f"the letter is in state “{letter.state}”: receipt does not apply, nothing changes",
    )


def letter_by_code(session, code: str, kind: str) -> Letter | None:
    return session.execute(
        select(Letter)
        .join(Application, Application.id == Letter.application_id)
        .where(Application.code == code, Letter.kind == kind)
    ).scalar_one_or_none()
