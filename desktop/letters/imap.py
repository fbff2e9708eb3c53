"""The PEC provider's receipts read from the office's mailbox over IMAP, recorded as
the ``.eml`` files are (desktop/letters/receipts.py: the same parsing, the same
matching by Message-ID, the same idempotence by the receipt's *identificativo*).

Read-only: the folder is opened with EXAMINE and every message fetched with
``BODY.PEEK[]``, so nothing is marked as read, flagged, moved or deleted (the client
never sends STORE, COPY, MOVE or EXPUNGE; imaplib refuses them on an EXAMINEd folder
too).

Bounded: IMAP over implicit TLS (port 993 by default), the certificate always
verified (the account's CA bundle honoured), ``COMMISSIONE_IMAP_TIMEOUT`` seconds per
socket operation (60 by default); only the messages that look like receipts (the
``X-Ricevuta`` header, or a receipt's subject: the daticert.xml check decides), the
newest 5,000 at most per reading; each message's size asked first (``RFC822.SIZE``)
and one over 20 MiB not downloaded; a literal larger than that refused while it is
read, whatever the server said before.

The account's IMAP server is set with ``letters pec-account --imap-host`` or in the
window's *Lettere › Casella PEC…*; the password is the mailbox's, the one SMTP uses.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import imaplib
import logging
import re
import socket
import ssl
from collections.abc import Callable

from sqlalchemy import select

from db.models import Letter, LetterEvent
from desktop.domain import letters as rules
from desktop.domain.problems import Problem
from desktop.letters import pec
from desktop.letters.receipts import (
    MAX_FILE_BYTES,
    MIB,
    ReceiptFate,
    ReceiptProblem,
    ReceiptReport,
    parse_receipt,
    record_receipt,
)
from desktop.sync.http import Secret

log = logging.getLogger(__name__)

TIMEOUT_VARIABLE = "COMMISSIONE_IMAP_TIMEOUT"
MAX_MESSAGES = 5000
SIZE_BATCH = 200  # UIDs per FETCH of the sizes: a command line of a few KB
# The subjects of the receipts (DM 2/11/2005, allegato: "ACCETTAZIONE: …",
# "CONSEGNA: …", "AVVISO DI MANCATA CONSEGNA: …", "AVVISO DI NON ACCETTAZIONE: …",
# "PRESA IN CARICO: …"), for a provider that would not set X-Ricevuta.
SUBJECTS = ("ACCETTAZIONE:", "CONSEGNA:", "AVVISO DI", "PRESA IN CARICO:")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class ImapProblem(Problem):
    """The mailbox cannot be read as asked; says why and what to do."""


class ImapUnreachable(ImapProblem):
    """The server did not answer or the connection broke: trying again may help."""

    temporary = True


def imap_timeout(environ=None) -> float:
    """COMMISSIONE_IMAP_TIMEOUT seconds per socket operation (0 < s ≤ 3600), else 60."""
    return pec.smtp_timeout(environ, TIMEOUT_VARIABLE)


class _Client(imaplib.IMAP4_SSL):
    """imaplib's client, refusing a literal over the cap before reading it (a server
    announcing a small message and sending a huge one)."""

    def read(self, size: int) -> bytes:
        if size > MAX_FILE_BYTES + MIB:
            raise self.abort(f"literal of {size} bytes refused")
        return super().read(size)


def mailbox_name(folder: str) -> str:
    """`folder` as an IMAP astring: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    out, pending = [], []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in folder:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(out)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_date(day: dt.date) -> str:
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def search_criteria(since: dt.date | None = None) -> list[str]:
    """OR HEADER X-Ricevuta "" OR SUBJECT … (and SINCE): the messages that may be
    receipts."""
    keys = ['HEADER X-Ricevuta ""', *(f'SUBJECT "{subject}"' for subject in SUBJECTS)]
    criterion = keys[-1]
    for key in reversed(keys[:-1]):
        criterion = f"OR {key} {criterion}"
    return ([f"SINCE {imap_date(since)}"] if since else []) + [criterion]


def _where(account: pec.PecAccount) -> str:
    return f"{account.imap_host}:{account.imap_port}"


def _clean(text: object, password: Secret | None) -> str:
    """A server's words for a message: one line, short, never the password."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join(str(text).split())[:300]
    if password is not None and password.reveal():
        text = text.replace(password.reveal(), "***")
    return text


def _require_imap(account: pec.PecAccount) -> None:
    if not account.imap_host:
        raise ImapProblem(
            "nessun server IMAP impostato per la casella PEC: indicarlo in Lettere › Casella "
            "PEC… o con 'commissione letters pec-account --imap-host HOST'",
            "no IMAP server set for the PEC mailbox: set it in Letters › PEC Mailbox… or "
            "with 'commissione letters pec-account --imap-host HOST'",
        )


def connect(
    account: pec.PecAccount, password: Secret | str | None, timeout: float | None = None
) -> imaplib.IMAP4_SSL:
    """A logged-in IMAP connection; ImapProblem (ImapUnreachable when trying again may
    help) says why not, never with the password."""
    _require_imap(account)
    if isinstance(password, str):
        password = Secret(password) if password else None
    if password is None:
        raise ImapProblem(
            f"nessuna password per la casella PEC {account.user}: salvarla in Lettere › "
            "Casella PEC… o con 'commissione letters pec-account --password'",
            f"no password for the PEC mailbox {account.user}: store it in Letters › PEC "
            "Mailbox… or with 'commissione letters pec-account --password'",
        )
    where = _where(account)
    timeout = imap_timeout() if timeout is None else timeout
    client: imaplib.IMAP4_SSL | None = None
    try:
        client = _Client(
            account.imap_host,
            account.imap_port,
            ssl_context=pec._tls_context(account),
            timeout=timeout,
        )
        typ, data = client.login(account.user, password.reveal())
        if typ != "OK":
            raise imaplib.IMAP4.error(data[-1] if data else typ)
        return client
    except ssl.SSLCertVerificationError as error:
        _logout(client)
        reason = getattr(error, "verify_message", "") or "certificate"
        raise ImapProblem(
            f"certificato del server IMAP {where} non verificato ({reason}): indicare "
            "l'autorità di certificazione con il file CA nelle impostazioni PEC",
            f"the IMAP server {where}'s certificate is not trusted ({reason}): give its "
            "certificate authority as the CA file in the PEC settings",
        ) from None
    except imaplib.IMAP4.abort as error:
        _logout(client)
        raise ImapUnreachable(
            f"connessione al server IMAP {where} interrotta ({_clean(error, password)}): "
            "riprovare più tardi",
            f"connection to the IMAP server {where} broken ({_clean(error, password)}): "
            "try again later",
        ) from None
    except imaplib.IMAP4.error as error:
        _logout(client)
        raise ImapProblem(
            f"accesso rifiutato dal server IMAP {where} per l'utente {account.user} "
            f"({_clean(error, password)}): controllare utente e password",
            f"login refused by the IMAP server {where} for user {account.user} "
            f"({_clean(error, password)}): check the user and the password",
        ) from None
    except (OSError, UnicodeError) as error:
        _logout(client)
        if isinstance(error, UnicodeError):
            raise ImapProblem(
                "utente o password con caratteri che il comando LOGIN di IMAP non ammette",
                "the user or password holds characters IMAP's LOGIN command does not allow",
            ) from None
        kind = (
            "timeout" if isinstance(error, socket.timeout | TimeoutError) else type(error).__name__
        )
        raise ImapUnreachable(
            f"connessione al server IMAP {where} non riuscita ({kind}): riprovare più tardi "
            "o controllare le impostazioni PEC",
            f"could not connect to the IMAP server {where} ({kind}): try again later or "
            "check the PEC settings",
        ) from None


def _logout(client: imaplib.IMAP4 | None) -> None:
    if client is None:
        return
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


def check_imap(account: pec.PecAccount, password: Secret | str | None) -> None:
    """Logs in and out again; ImapProblem says why that failed."""
    _logout(connect(account, password))


def check_mailbox(account: pec.PecAccount, password: Secret | str | None) -> list[tuple]:
    """The mailbox's connection test: (service, ok, it, en) for SMTP, and IMAP when it
    is set. Nothing is sent, nothing in the mailbox changes."""
    results = []
    try:
        pec.check_smtp(account, password)
        results.append(
            (
                "SMTP",
                True,
                f"SMTP {account.host}:{account.port}: accesso riuscito",
                f"SMTP {account.host}:{account.port}: login succeeded",
            )
        )
    except Problem as problem:
        results.append(("SMTP", False, problem.it, problem.en))
    if account.imap_host:
        try:
            check_imap(account, password)
            results.append(
                (
                    "IMAP",
                    True,
                    f"IMAP {_where(account)}: accesso riuscito",
                    f"IMAP {_where(account)}: login succeeded",
                )
            )
        except Problem as problem:
            results.append(("IMAP", False, problem.it, problem.en))
    return results


def receipts_since(database) -> dt.date | None:
    """The day before the oldest sending still awaiting its receipts (a letter with a
    Message-ID, not delivered): no receipt of interest is older. None when no letter
    awaits one."""
    with database.session() as session:
        oldest = session.execute(
            select(LetterEvent.at)
            .join(Letter, Letter.id == LetterEvent.letter_id)
            .where(
                LetterEvent.action == pec.SEND_STARTED,
                Letter.message_id != "",
                Letter.state != rules.DELIVERED,
            )
            .order_by(LetterEvent.at)
            .limit(1)
        ).scalar_one_or_none()
    return (oldest.date() - dt.timedelta(days=1)) if oldest else None


def _ok(typ: str, data, what_it: str, what_en: str, password: Secret | None) -> None:
    if typ != "OK":
        detail = _clean(data[-1] if data else typ, password)
        raise ImapProblem(f"{what_it} ({detail})", f"{what_en} ({detail})")


def _uids(data) -> list[int]:
    found: list[int] = []
    for line in data or []:
        if isinstance(line, bytes):
            found.extend(int(word) for word in line.split() if word.isdigit())
    return sorted(set(found))


_SIZE = re.compile(rb"UID (\d+)[^)]*?RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+)[^)]*?UID (\d+)")


def _sizes(client, uids: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for start in range(0, len(uids), SIZE_BATCH):
        chunk = ",".join(str(uid) for uid in uids[start : start + SIZE_BATCH])
        typ, data = client.uid("FETCH", chunk, "(RFC822.SIZE)")
        if typ != "OK":
            continue
        for line in data or []:
            head = line[0] if isinstance(line, tuple) else line
            if not isinstance(head, bytes):
                continue
            match = _SIZE.search(head)
            if match:
                if match.group(1):
                    sizes[int(match.group(1))] = int(match.group(2))
                else:
                    sizes[int(match.group(4))] = int(match.group(3))
    return sizes


def _body(client, uid: int) -> bytes | None:
    typ, data = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if typ != "OK":
        return None
    for part in data or []:
        if isinstance(part, tuple) and len(part) == 2 and b"BODY[]" in part[0].upper():
            return part[1]
    return None


def fetch_receipts_imap(
    database,
    account: pec.PecAccount,
    password: Secret | str | None,
    *,
    folder: str = "INBOX",
    since: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    actor: str | None = None,
) -> ReceiptReport:
    """Reads the receipts in the mailbox's `folder` (received since `since`, when
    given) and records each on its letter, one transaction per receipt; every
    message's fate in the report (its ``file``: ``folder UID n``). ImapProblem when
    the mailbox cannot be opened at all; a connection lost half-way ends the reading
    with what was recorded and the message at hand said unreadable."""
    if isinstance(password, str):
        password = Secret(password) if password else None
    folder = (folder or "INBOX").strip() or "INBOX"
    if any(c in folder for c in "\r\n\0"):
        raise ImapProblem("nome di cartella non valido", "invalid folder name")
    client = connect(account, password)
    report = ReceiptReport()
    try:
        try:
            typ, data = client.select(mailbox_name(folder), readonly=True)  # EXAMINE
            _ok(
                typ,
                data,
                f"cartella «{folder}» non leggibile sulla casella PEC",
                f"folder “{folder}” cannot be read in the PEC mailbox",
                password,
            )
            typ, data = client.uid("SEARCH", *search_criteria(since))
            _ok(
                typ,
                data,
                "il server IMAP non ha eseguito la ricerca delle ricevute",
                "the IMAP server did not run the search for receipts",
                password,
            )
            uids = _uids(data)
            if len(uids) > MAX_MESSAGES:
                report.too_many = len(uids) - MAX_MESSAGES
                uids = uids[-MAX_MESSAGES:]  # the newest
            sizes = _sizes(client, uids)
        except (OSError, imaplib.IMAP4.abort) as error:
            raise ImapUnreachable(
                f"connessione al server IMAP {_where(account)} interrotta "
                f"({_clean(error, password) or type(error).__name__}): nessuna ricevuta letta, "
                "riprovare più tardi",
                f"connection to the IMAP server {_where(account)} broken "
                f"({_clean(error, password) or type(error).__name__}): no receipt read, "
                "try again later",
            ) from None
        except imaplib.IMAP4.error as error:
            raise ImapProblem(
                f"il server IMAP {_where(account)} ha rifiutato un comando "
                f"({_clean(error, password)})",
                f"the IMAP server {_where(account)} refused a command ({_clean(error, password)})",
            ) from None
        for done, uid in enumerate(uids):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            label = f"{folder} UID {uid}"
            size = sizes.get(uid)
            if size is None:
                report.fates.append(
                    ReceiptFate(
                        label,
                        "unreadable",
                        "il server non ha detto la dimensione del messaggio: non scaricato",
                        "the server did not give the message's size: not downloaded",
                    )
                )
            elif size > MAX_FILE_BYTES:
                report.fates.append(
                    ReceiptFate(
                        label,
                        "unreadable",
                        f"messaggio troppo grande ({size / MIB:.1f} MiB, limite "
                        f"{MAX_FILE_BYTES // MIB} MiB): non scaricato, non è una ricevuta PEC",
                        f"message too large ({size / MIB:.1f} MiB, limit "
                        f"{MAX_FILE_BYTES // MIB} MiB): not downloaded, not a PEC receipt",
                    )
                )
            else:
                try:
                    data = _body(client, uid)
                except (OSError, imaplib.IMAP4.abort, imaplib.IMAP4.error) as error:
                    left = len(uids) - done
                    detail = _clean(error, password) or type(error).__name__
                    report.fates.append(
                        ReceiptFate(
                            label,
                            "unreadable",
                            f"connessione interrotta ({detail}): {left} messaggi non letti, "
                            "ripetere la lettura più tardi",
                            f"connection broken ({detail}): {left} messages not read, read "
                            "again later",
                        )
                    )
                    break
                report.fates.append(_fate(database, label, data, actor))
            if progress is not None:
                progress(done + 1, len(uids), label)
    finally:
        _logout(client)
    return report


def _fate(database, label: str, data: bytes | None, actor: str | None) -> ReceiptFate:
    if data is None:
        return ReceiptFate(
            label,
            "unreadable",
            "il server non ha restituito il messaggio",
            "the server did not return the message",
        )
    try:
        receipt = parse_receipt(data)
    except ReceiptProblem as problem:
        return ReceiptFate(label, "unreadable", problem.it, problem.en)
    if receipt is None:
        return ReceiptFate(
            label,
            "unmatched",
            "non è una ricevuta PEC (nessun allegato daticert.xml)",
            "not a PEC receipt (no daticert.xml attachment)",
        )
    return record_receipt(database, receipt, label, actor=actor)
