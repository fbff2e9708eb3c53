"""Sending protocolled letters through the office's PEC mailbox (SMTP over TLS).

The account (host, port, security, user, sender address, an optional CA bundle, and
the IMAP server the receipts are read from, when they are) is a
setting in the Preferences' INI file, section ``[pec]``, read and written here without
Qt so the window and the command line share it; the password lives only in the OS
keyring (service ``commissione-pec:USER@HOST:PORT``), or in this process's memory
when no keyring works, never in the database, the settings, a log or an exception.

Nothing is ever sent twice. For each letter, in order:

1. the letter's new Message-ID is stored and committed with a ``send_started`` event
   (before a byte reaches the server);
2. MAIL FROM, RCPT TO, DATA: the message goes to the server;
3. the server's 250 after the data: the letter steps to *sent* (``sent_at``).
   A refusal (connection, TLS, login, a 4xx/5xx on MAIL, RCPT or DATA, or a drop
   before the whole message went out): the letter keeps its state, ``failure`` says
   why, the Message-ID is cleared and a ``send_failed`` event recorded; it may be
   sent again. An unknown outcome (the whole message went out, the reply never came):
   the Message-ID is kept, a ``send_uncertain`` event recorded, and the letter is not
   sent again until an officer checks the mailbox's sent folder or the provider's
   *accettazione* arrives (``resend`` forces a new sending).

A letter whose last event is ``send_started`` (the program stopped between steps 1
and 3) is treated as uncertain too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import email.utils
import logging
import os
import re
import smtplib
import socket
import ssl
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from db.models import Application, Letter, LetterEvent
from desktop.domain import letters as rules
from desktop.domain.formatting import ROME
from desktop.domain.problems import Problem
from desktop.letters import path as letter_path
from desktop.sync.credentials import keyring_status
from desktop.sync.http import Secret

log = logging.getLogger(__name__)

SECTION = "pec"
KEYS = ("host", "port", "security", "user", "sender", "ca_bundle", "imap_host", "imap_port")
SECURITIES = {"ssl": 465, "starttls": 587}
IMAP_PORT = 993  # IMAP over implicit TLS
SERVICE_PREFIX = "commissione-pec"
PASSWORD_ENTRY = "password"
PASSWORD_VARIABLE = "COMMISSIONE_PEC_PASSWORD"
TIMEOUT_VARIABLE = "COMMISSIONE_SMTP_TIMEOUT"
DEFAULT_TIMEOUT = 60.0

# Events (LetterEvent.action) this module writes besides the path's "send".
SEND_STARTED = "send_started"
SEND_FAILED = "send_failed"
SEND_UNCERTAIN = "send_uncertain"
IN_DOUBT = (SEND_STARTED, SEND_UNCERTAIN)

_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]+\]?$")


class PecProblem(Problem):
    """The PEC account or a sending cannot be used as asked; says what to do."""


class NoPecAccount(PecProblem):
    """No PEC mailbox is set: says where to set it."""

    def __init__(self):
        super().__init__(
            "Nessuna casella PEC impostata: impostarla in Lettere › Casella PEC… (o con "
            "'commissione letters pec-account --host H --sender PEC --password').",
            "No PEC mailbox is set: set it in Letters › PEC Mailbox… (or with "
            "'commissione letters pec-account --host H --sender PEC --password').",
        )


# --------------------------------------------------------------------------- the account


@dataclass(frozen=True)
class PecAccount:
    host: str
    port: int
    security: str  # ssl (implicit TLS) / starttls
    user: str
    sender: str  # the office's PEC address, the From of every message
    ca_bundle: str = ""  # a PEM file of the server's CA, when not among the system's
    imap_host: str = ""  # the mailbox's IMAP server (implicit TLS), when receipts are read there
    imap_port: int = IMAP_PORT

    def key(self) -> str:
        """The password's keyring entry: one per mailbox (SMTP and IMAP share it)."""
        return f"{self.user}@{self.host.lower()}:{self.port}"


def make_account(
    host: str,
    *,
    port: int | None = None,
    security: str = "ssl",
    user: str = "",
    sender: str = "",
    ca_bundle: str | Path | None = "",
    imap_host: str = "",
    imap_port: int | str | None = None,
) -> PecAccount:
    """A checked account: PecProblem names the field that is wrong."""
    host = (host or "").strip()
    security = (security or "ssl").strip().lower()
    sender = (sender or "").strip()
    user = (user or "").strip() or sender
    if not host or not _HOST.match(host):
        raise PecProblem(
            f"server SMTP non valido: «{host}» (esempio: smtps.pec.example.it)",
            f"invalid SMTP server: “{host}” (example: smtps.pec.example.it)",
        )
    if security not in SECURITIES:
        raise PecProblem(
            f"sicurezza «{security}» sconosciuta: usare ssl (porta 465) o starttls (porta 587)",
            f"unknown security “{security}”: use ssl (port 465) or starttls (port 587)",
        )
    port = SECURITIES[security] if port in (None, 0, "") else port
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = -1
    if not 0 < port < 65536:
        raise PecProblem("porta SMTP non valida", "invalid SMTP port")
    if not _ADDRESS.match(sender):
        raise PecProblem(
            f"indirizzo PEC del mittente non valido: «{sender}»",
            f"invalid sender PEC address: “{sender}”",
        )
    if any(c in user for c in "\r\n\0"):
        raise PecProblem("nome utente non valido", "invalid user name")
    bundle = str(ca_bundle or "").strip()
    if bundle and not Path(bundle).is_file():
        raise PecProblem(
            f"il file dell'autorità di certificazione {bundle} non esiste",
            f"the certificate authority file {bundle} does not exist",
        )
    imap_host = (imap_host or "").strip()
    if imap_host and not _HOST.match(imap_host):
        raise PecProblem(
            f"server IMAP non valido: «{imap_host}» (esempio: imaps.pec.example.it)",
            f"invalid IMAP server: “{imap_host}” (example: imaps.pec.example.it)",
        )
    try:
        imap_port = IMAP_PORT if imap_port in (None, 0, "") else int(imap_port)
    except (TypeError, ValueError):
        imap_port = -1
    if not 0 < imap_port < 65536:
        raise PecProblem("porta IMAP non valida", "invalid IMAP port")
    return PecAccount(host, port, security, user, sender, bundle, imap_host, imap_port)


def _settings_path(path: Path | None) -> Path:
    if path is not None:
        return path
    from desktop.preferences import preferences_file

    return preferences_file()


def load_account(path: Path | None = None) -> PecAccount | None:
    """The account saved in the Preferences (section ``[pec]``), or None."""
    values = read_ini_section(_settings_path(path), SECTION)
    if not values.get("host"):
        return None
    try:
        return make_account(
            values.get("host", ""),
            port=values.get("port") or None,
            security=values.get("security", "ssl"),
            user=values.get("user", ""),
            sender=values.get("sender", ""),
            ca_bundle=values.get("ca_bundle", ""),
            imap_host=values.get("imap_host", ""),
            imap_port=values.get("imap_port") or None,
        )
    except PecProblem as problem:
        raise PecProblem(
            f"impostazioni PEC non valide: {problem.it}; reimpostarle con "
            "'commissione letters pec-account'",
            f"invalid PEC settings: {problem.en}; set them again with "
            "'commissione letters pec-account'",
        ) from None


def save_account(account: PecAccount, path: Path | None = None) -> None:
    write_ini_section(
        _settings_path(path),
        SECTION,
        {
            "host": account.host,
            "port": str(account.port),
            "security": account.security,
            "user": account.user,
            "sender": account.sender,
            "ca_bundle": account.ca_bundle,
            "imap_host": account.imap_host,
            "imap_port": str(account.imap_port),
        },
    )


# The INI file is QSettings' (the window writes it): only our section is touched, the
# other lines are kept byte for byte. QSettings quotes a string holding , ; = " \ or
# spaces at its ends, escaping \ and ".


def _ini_unquote(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = raw[1:-1]
    out, i = [], 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            following = raw[i + 1]
            if following == "x":
                digits = re.match(r"[0-9A-Fa-f]{1,4}", raw[i + 2 :])
                if digits:
                    out.append(chr(int(digits.group(0), 16)))
                    i += 2 + len(digits.group(0))
                    continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(following, following))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _ini_quote(value: str) -> str:
    if any(c in value for c in "\r\n\0"):
        raise PecProblem("valore con a capo non ammesso", "a value with a line break")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    needs = value != value.strip() or any(c in value for c in ',;="\\') or value.startswith("@")
    return f'"{escaped}"' if needs else escaped


def read_ini_section(path: Path, section: str) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    values: dict[str, str] = {}
    inside = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            inside = stripped[1:-1].strip() == section
            continue
        if inside and "=" in stripped and not stripped.startswith((";", "#")):
            key, _, raw = stripped.partition("=")
            values[key.strip()] = _ini_unquote(raw)
    return values


def write_ini_section(path: Path, section: str, values: dict[str, str]) -> None:
    """Replaces `section` in the INI file (atomically), keeping every other line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    kept: list[str] = []
    inside = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            inside = stripped[1:-1].strip() == section
            if inside:
                continue
        if not inside:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    block = [f"[{section}]"] + [
        f"{key}={_ini_quote(value)}" for key, value in sorted(values.items())
    ]
    text = "\n".join([*kept, "", *block] if kept else block) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".impostazioni-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- the password

_session: dict[str, Secret] = {}
_session_lock = threading.Lock()


def service_name(account: PecAccount) -> str:
    return f"{SERVICE_PREFIX}:{account.key()}"


def set_password(account: PecAccount, password: str | Secret) -> str:
    """Stores the password: "keyring", or "session" when no keyring works (kept in
    this process's memory only)."""
    secret = password if isinstance(password, Secret) else Secret((password or "").strip("\r\n"))
    status = keyring_status()
    if status.usable:
        try:
            import keyring

            keyring.set_password(service_name(account), PASSWORD_ENTRY, secret.reveal())
            with _session_lock:
                _session.pop(account.key(), None)
            return "keyring"
        except Exception as error:
            log.warning(
                "keyring unusable (%s): PEC password for this session only", type(error).__name__
            )
    with _session_lock:
        _session[account.key()] = secret
    return "session"


def get_password(account: PecAccount) -> Secret | None:
    """This session's password, the keyring's, then COMMISSIONE_PEC_PASSWORD."""
    with _session_lock:
        found = _session.get(account.key())
    if found is not None:
        return found
    if keyring_status().usable:
        try:
            import keyring

            stored = keyring.get_password(service_name(account), PASSWORD_ENTRY)
            if stored:
                return Secret(stored)
        except Exception as error:
            log.warning("keyring read failed (%s)", type(error).__name__)
    from_environment = os.environ.get(PASSWORD_VARIABLE, "")
    return Secret(from_environment) if from_environment else None


def forget_password(account: PecAccount) -> bool:
    with _session_lock:
        removed = _session.pop(account.key(), None) is not None
    if keyring_status().usable:
        try:
            import keyring

            if keyring.get_password(service_name(account), PASSWORD_ENTRY) is not None:
                keyring.delete_password(service_name(account), PASSWORD_ENTRY)
                removed = True
        except Exception as error:
            log.warning("keyring delete failed (%s)", type(error).__name__)
    return removed


def smtp_timeout(environ=None, variable: str = TIMEOUT_VARIABLE) -> float:
    """COMMISSIONE_SMTP_TIMEOUT seconds per socket operation (0 < s ≤ 3600), else 60."""
    raw = ((os.environ if environ is None else environ).get(variable) or "").strip()
    try:
        seconds = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if 0 < seconds <= 3600 else DEFAULT_TIMEOUT


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class SendOutcome:
    code: str
    kind: str
    pec: str
    outcome: str  # sent / failed / uncertain / skipped / planned
    it: str = ""
    en: str = ""
    message_id: str = ""

    def reason(self, language: str = "it") -> str:
        return self.en if language == "en" else self.it


@dataclass
class SendReport:
    outcomes: list[SendOutcome] = field(default_factory=list)
    cancelled: bool = False
    dry_run: bool = False

    def of(self, outcome: str) -> list[SendOutcome]:
        return [o for o in self.outcomes if o.outcome == outcome]

    @property
    def sent(self) -> list[SendOutcome]:
        return self.of("sent")

    @property
    def failed(self) -> list[SendOutcome]:
        return self.of("failed")

    @property
    def uncertain(self) -> list[SendOutcome]:
        return self.of("uncertain")

    @property
    def skipped(self) -> list[SendOutcome]:
        return self.of("skipped")

    @property
    def planned(self) -> list[SendOutcome]:
        return self.of("planned")


# --------------------------------------------------------------------------- the message


def attachment_name(code: str, kind: str) -> str:
    return f"{code}-{kind}.pdf"


def subject_of(letter: Letter) -> str:
    date = letter.protocol_date.strftime("%d/%m/%Y") if letter.protocol_date else ""
    subject = " ".join((letter.subject or "").split())
    return f"Prot. n. {letter.protocol_number} del {date} — {subject}"


def build_message(
    letter: Letter, code: str, sender: str, office_name: str, message_id: str
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sender
    message["To"] = letter.pec.strip()
    message["Subject"] = subject_of(letter)
    message["Date"] = email.utils.format_datetime(dt.datetime.now(ROME))
    message["Message-ID"] = message_id
    date = letter.protocol_date.strftime("%d/%m/%Y") if letter.protocol_date else ""
    name = attachment_name(code, letter.kind)
    message.set_content(
        f"Gentile {letter.addressee},\n\n"
        f"si trasmette in allegato ({name}) la comunicazione relativa alla domanda {code}, "
        f"protocollo n. {letter.protocol_number} del {date}, con oggetto:\n"
        f"«{' '.join((letter.subject or '').split())}».\n\n"
        "Il documento in formato PDF/A è l'originale della comunicazione; l'impronta "
        f"SHA-256 del file è {letter.sha256}.\n\n"
        f"Messaggio inviato da {office_name} tramite posta elettronica certificata. "
        "Eventuali risposte o osservazioni vanno inviate da una casella PEC "
        f"all'indirizzo {sender}: messaggi da caselle non certificate potrebbero non "
        "essere accettati.\n",
        charset="utf-8",
    )
    message.add_attachment(letter.pdf, maintype="application", subtype="pdf", filename=name)
    return message


def new_message_id(sender: str) -> str:
    """Unique (96 random bits) and short, so the header is never folded."""
    import secrets

    domain = sender.rpartition("@")[2] or "commissione.invalid"
    return f"<commissione.{secrets.token_hex(12)}@{domain}>"


# --------------------------------------------------------------------------- SMTP


class _Refused(Exception):
    """Not sent: the server refused, or the message never went out whole."""

    def __init__(self, it: str, en: str, *, connection_lost: bool = False):
        super().__init__(en)
        self.it, self.en, self.connection_lost = it, en, connection_lost


class _Uncertain(Exception):
    def __init__(self, it: str, en: str):
        super().__init__(en)
        self.it, self.en = it, en


def _reply_text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:300]


def _tls_context(account: PecAccount) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=account.ca_bundle or None)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _connect(account: PecAccount, password: Secret | None, timeout: float) -> smtplib.SMTP:
    """A logged-in connection; _Refused (with the reason) when that fails."""
    where = f"{account.host}:{account.port}"
    smtp: smtplib.SMTP | None = None
    try:
        context = _tls_context(account)
        if account.security == "ssl":
            smtp = smtplib.SMTP_SSL(account.host, account.port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(account.host, account.port, timeout=timeout)
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise _Refused(
                    f"il server {where} non offre STARTTLS: nessun messaggio inviato in chiaro",
                    f"the server {where} does not offer STARTTLS: nothing is sent in the clear",
                )
            smtp.starttls(context=context)
        smtp.ehlo()
        if password is not None and account.user:
            smtp.login(account.user, password.reveal())
        return smtp
    except _Refused:
        _close(smtp)
        raise
    except ssl.SSLCertVerificationError as error:
        _close(smtp)
        reason = getattr(error, "verify_message", "") or "certificate"
        raise _Refused(
            f"certificato del server {where} non verificato ({reason}): indicare l'autorità "
            "di certificazione con il file CA nelle impostazioni PEC",
            f"the server {where}'s certificate is not trusted ({reason}): give its "
            "certificate authority as the CA file in the PEC settings",
        ) from None
    except smtplib.SMTPAuthenticationError as error:
        _close(smtp)
        raise _Refused(
            f"accesso rifiutato dal server {where} per l'utente {account.user} "
            f"({error.smtp_code}): controllare utente e password",
            f"login refused by {where} for user {account.user} ({error.smtp_code}): "
            "check the user and the password",
        ) from None
    except smtplib.SMTPNotSupportedError:
        _close(smtp)
        raise _Refused(
            f"il server {where} non accetta l'accesso con utente e password",
            f"the server {where} does not accept a login with user and password",
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        _close(smtp)
        kind = (
            "timeout" if isinstance(error, socket.timeout | TimeoutError) else type(error).__name__
        )
        detail = _reply_text(getattr(error, "smtp_error", b"") or "") or kind
        raise _Refused(
            f"connessione al server PEC {where} non riuscita ({detail}): riprovare più tardi "
            "o controllare le impostazioni PEC",
            f"could not connect to the PEC server {where} ({detail}): try again later or "
            "check the PEC settings",
            connection_lost=True,
        ) from None


def check_smtp(account: PecAccount, password: Secret | str | None) -> None:
    """Logs in to the SMTP server and out again, sending nothing; PecProblem says why
    it failed (never with the password)."""
    if isinstance(password, str):
        password = Secret(password) if password else None
    try:
        smtp = _connect(account, password, smtp_timeout())
    except _Refused as refused:
        raise PecProblem(refused.it, refused.en) from None
    _close(smtp)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except Exception:
        with contextlib.suppress(Exception):
            smtp.close()


def _transmit(smtp: smtplib.SMTP, sender: str, recipient: str, data: bytes) -> None:
    """MAIL, RCPT, DATA by hand, so that a failure is known to be before or after the
    whole message went out. _Refused: not delivered to the server; _Uncertain: the
    message went out and no reply came."""
    try:
        code, reply = smtp.mail(sender)
        if code != 250:
            raise _Refused(
                f"mittente rifiutato dal server ({code} {_reply_text(reply)})",
                f"sender refused by the server ({code} {_reply_text(reply)})",
            )
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            raise _Refused(
                f"destinatario {recipient} rifiutato dal server ({code} {_reply_text(reply)})",
                f"recipient {recipient} refused by the server ({code} {_reply_text(reply)})",
            )
        code, reply = smtp.docmd("DATA")
        if code != 354:
            raise _Refused(
                f"invio rifiutato dal server ({code} {_reply_text(reply)})",
                f"sending refused by the server ({code} {_reply_text(reply)})",
            )
        body = re.sub(rb"(?m)^\.", b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.sock.sendall(body)
    except _Refused:
        _reset(smtp)
        raise
    except (OSError, smtplib.SMTPException) as error:
        raise _Refused(
            f"connessione interrotta prima che il messaggio fosse trasmesso ({type(error).__name__})",
            f"connection lost before the message was transmitted ({type(error).__name__})",
            connection_lost=True,
        ) from None
    try:
        smtp.sock.sendall(b".\r\n")
        code, reply = smtp.getreply()
    except (OSError, smtplib.SMTPException) as error:
        raise _Uncertain(
            f"esito dell'invio incerto: il messaggio è stato trasmesso ma il server non ha "
            f"risposto ({type(error).__name__}). Non viene reinviato automaticamente: "
            "controllare la cartella della posta inviata della casella PEC o attendere la "
            "ricevuta di accettazione; per inviarlo di nuovo usare --resend CODICE",
            f"sending outcome unknown: the message was transmitted but the server did not "
            f"answer ({type(error).__name__}). It is not sent again automatically: check "
            "the PEC mailbox's sent folder or wait for the acceptance receipt; to send it "
            "again use --resend CODE",
        ) from None
    if code != 250:
        _reset(smtp)
        raise _Refused(
            f"messaggio rifiutato dal server ({code} {_reply_text(reply)})",
            f"message refused by the server ({code} {_reply_text(reply)})",
        )


def _reset(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(Exception):
        smtp.rset()


# --------------------------------------------------------------------------- sending


def _selected(code: str, kind: str, wanted: set[str]) -> bool:
    return code.upper() in wanted or f"{code}/{kind}".upper() in wanted


def _last_action(session, letter: Letter) -> str:
    return (
        session.execute(
            select(LetterEvent.action)
            .where(LetterEvent.letter_id == letter.id)
            .order_by(LetterEvent.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        or ""
    )


def _why_not(session, letter: Letter, forced: bool) -> tuple[str, str] | None:
    """(it, en) when the letter is not to be sent now; None when it is."""
    if letter.state not in (rules.PROTOCOLLED, rules.FAILED):
        if letter.state in (rules.SENT, rules.DELIVERED):
            return ("già inviata", "already sent")
        return (
            "non protocollata: registrare prima il protocollo",
            "not protocolled: record its protocol first",
        )
    if not letter.protocol_number or letter.protocol_date is None:
        return ("manca il numero o la data di protocollo", "protocol number or date missing")
    pec = (letter.pec or "").strip()
    if not pec:
        return (
            "nessun indirizzo PEC del destinatario: inviarla per altra via",
            "the addressee has no PEC address: send it another way",
        )
    if not _ADDRESS.match(pec):
        return (f"indirizzo PEC non valido: «{pec}»", f"invalid PEC address: “{pec}”")
    if letter.message_id and _last_action(session, letter) in IN_DOUBT and not forced:
        return (
            f"un invio precedente ha esito incerto (Message-ID {letter.message_id}): controllare la "
            "posta inviata o attendere la ricevuta di accettazione; per inviarla di nuovo "
            "usare --resend",
            f"an earlier sending has an unknown outcome (Message-ID {letter.message_id}): check "
            "the sent folder or wait for the acceptance receipt; to send it again use --resend",
        )
    return None


def send_letters(
    database,
    call,
    account: PecAccount,
    password: Secret | str | None,
    *,
    codes: Iterable[str] | None = None,
    resend: Iterable[str] = (),
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    actor: str | None = None,
    office_name: str = "",
) -> SendReport:
    """Sends the call's protocolled (or failed) letters with a PEC address, one
    message each; see the module's text for the order that keeps a letter from being
    sent twice. `codes`: application codes (or ``CODE/kind``) to limit to; `resend`:
    codes whose uncertain earlier sending may be repeated. `progress(done, total,
    code)` after each letter; `cancel()` is asked between letters."""
    if isinstance(password, str):
        password = Secret(password) if password else None
    wanted = {c.strip().upper() for c in codes} if codes else None
    forced = {c.strip().upper() for c in resend}
    if not office_name:
        try:
            from desktop.letters.office import load_office

            office_name = load_office().ente["nome"]
        except Problem:
            office_name = account.sender
    report = SendReport(dry_run=dry_run)
    with database.session() as session:
        rows = session.execute(
            select(Letter.id, Application.code, Letter.kind)
            .join(Application, Application.id == Letter.application_id)
            .where(Letter.call_id == call.id)
            .order_by(Application.code, Letter.kind)
        ).all()
    todo: list[tuple[int, str, str]] = []
    with database.session() as session:
        for letter_id, code, kind in rows:
            if wanted is not None and not _selected(code, kind, wanted):
                continue
            letter = session.get(Letter, letter_id)
            why = _why_not(session, letter, _selected(code, kind, forced))
            if why:
                report.outcomes.append(SendOutcome(code, kind, letter.pec, "skipped", *why))
            else:
                todo.append((letter_id, code, kind))
    if dry_run:
        with database.session() as session:
            for letter_id, code, kind in todo:
                letter = session.get(Letter, letter_id)
                report.outcomes.append(
                    SendOutcome(
                        code,
                        kind,
                        letter.pec,
                        "planned",
                        f"da inviare: «{subject_of(letter)}», allegato {attachment_name(code, kind)}",
                        f"to send: “{subject_of(letter)}”, attachment {attachment_name(code, kind)}",
                    )
                )
        return report
    if not todo:
        return report
    timeout = smtp_timeout()
    smtp: smtplib.SMTP | None = None
    connection_failure: _Refused | None = None
    try:
        for done, (letter_id, code, kind) in enumerate(todo):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if connection_failure is None and smtp is None:
                try:
                    smtp = _connect(account, password, timeout)
                except _Refused as refused:
                    connection_failure = refused
            outcome, reconnect = _send_one(
                database,
                letter_id,
                code,
                kind,
                account,
                smtp,
                connection_failure,
                forced,
                actor,
                office_name,
            )
            if reconnect and smtp is not None:
                # After a lost connection or an unknown outcome the next letter opens a new one.
                _close(smtp)
                smtp = None
            report.outcomes.append(outcome)
            if progress is not None:
                progress(done + 1, len(todo), code)
    finally:
        _close(smtp)
    return report


def _send_one(
    database, letter_id, code, kind, account, smtp, connection_failure, forced, actor, office_name
):
    message_id = new_message_id(account.sender)
    # 1. The Message-ID stored before anything leaves.
    with database.session() as session, session.begin():
        database.lock_for_writing(session)
        letter = session.get(Letter, letter_id, with_for_update=not database.is_sqlite)
        why = _why_not(session, letter, _selected(code, kind, forced))
        if why:
            return SendOutcome(code, kind, letter.pec, "skipped", *why), False
        if connection_failure is not None:
            letter.failure = connection_failure.it
            letter_path.record_event(
                session,
                letter,
                SEND_FAILED,
                actor=actor,
                detail=connection_failure.it,
                audit_new={"failure": connection_failure.en},
            )
            return SendOutcome(
                code, kind, letter.pec, "failed", connection_failure.it, connection_failure.en
            ), False
        letter.message_id = message_id
        letter_path.record_event(
            session,
            letter,
            SEND_STARTED,
            actor=actor,
            detail=f"Message-ID {message_id} a {letter.pec}",
            audit_new={"message_id": message_id, "to": letter.pec},
        )
        message = build_message(letter, code, account.sender, office_name, message_id)
        recipient = letter.pec.strip()
    data = message.as_bytes(policy=email.policy.SMTP)
    # 2. The message to the server.
    try:
        _transmit(smtp, account.sender, recipient, data)
        result: Exception | None = None
    except (_Refused, _Uncertain) as error:
        result = error
    # 3. What happened, recorded.
    now = dt.datetime.now(ROME).replace(tzinfo=None, microsecond=0)
    with database.session() as session, session.begin():
        database.lock_for_writing(session)
        letter = session.get(Letter, letter_id, with_for_update=not database.is_sqlite)
        if result is None:
            letter_path.step(
                session,
                letter,
                "send",
                actor=actor,
                detail=f"Message-ID {message_id} a {recipient}",
                changes={"sent_at": now, "failure": "", "accepted_at": None, "delivered_at": None},
            )
            return SendOutcome(code, kind, recipient, "sent", "inviata", "sent", message_id), False
        if isinstance(result, _Uncertain):
            letter.failure = result.it
            letter_path.record_event(
                session,
                letter,
                SEND_UNCERTAIN,
                actor=actor,
                detail=f"Message-ID {message_id}: {result.it}",
                audit_new={"message_id": message_id},
            )
            return SendOutcome(
                code, kind, recipient, "uncertain", result.it, result.en, message_id
            ), True
        letter.message_id = ""
        letter.failure = result.it
        letter_path.record_event(
            session,
            letter,
            SEND_FAILED,
            actor=actor,
            detail=f"Message-ID {message_id}: {result.it}",
            audit_new={"failure": result.en, "message_id": ""},
        )
        return (
            SendOutcome(code, kind, recipient, "failed", result.it, result.en),
            result.connection_lost,
        )
