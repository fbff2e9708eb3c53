"""Loopback servers for the PEC tests: a certificate authority of our own, the
provider's SMTP server (aiosmtpd, implicit TLS, AUTH), a small IMAP4rev1 server over
TLS holding the mailbox (just what imaplib's client sends), and the receipts built to
the published structure of daticert.xml (DPR 68/2005, DM 2/11/2005)."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import ssl
from email.message import EmailMessage
from pathlib import Path

import pytest

PASSWORD = "S3ntinel-Pw-7f3a9c"  # must never appear in the database, logs or messages
USER = "ufficio@pec.example.it"
SENDER = "economiaurbana@pec.example.it"


# --------------------------------------------------------------------------- certificates


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certs")
    return {"good": _certificate(folder, "pec-test"), "other": _certificate(folder, "altro")}


# --------------------------------------------------------------------------- the server


class Mailbox:
    """What the PEC provider's SMTP server received; how it misbehaves on request."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse_rcpt: set[str] = set()
        self.die_in_data: set[str] = set()
        self.logins: list[tuple[str, bool]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 Casella inesistente / mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.die_in_data:
            server.transport.abort()  # the whole message arrived, the reply never leaves
            await asyncio.sleep(0)
            return "250 never sent"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Ok: queued"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(certificates):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    mailbox = Mailbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
        mailbox.logins.append((auth_data.login.decode(), ok))
        return AuthResult(success=ok, handled=False)

    cert, key = certificates["good"]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=_free_port(),
        ssl_context=context,
        authenticator=authenticator,
        auth_require_tls=False,  # implicit TLS: the whole session is encrypted already
    )
    controller.start()
    mailbox.port = controller.port
    yield mailbox
    controller.stop()


# --------------------------------------------------------------------------- receipts


def daticert(
    tipo: str,
    msgid: str,
    *,
    identificativo: str,
    errore="nessuno",
    esteso="",
    when=("04/03/2025", "10:15:30"),
) -> bytes:
    consegna = (
        '<ricevuta tipo="completa"/><consegna>capofila0@pec.example.org</consegna>'
        if tipo == "avvenuta-consegna"
        else ""
    )
    errore_esteso = f"<errore-esteso>{esteso}</errore-esteso>" if esteso else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<postacert tipo="{tipo}" errore="{errore}">'
        "<intestazione>"
        f"<mittente>{SENDER}</mittente>"
        '<destinatari tipo="certificato">capofila0@pec.example.org</destinatari>'
        f"<risposte>{SENDER}</risposte>"
        "<oggetto>Prot. n. 1000 del 03/03/2025</oggetto>"
        "</intestazione>"
        "<dati>"
        "<gestore-emittente>Gestore PEC di prova</gestore-emittente>"
        f'<data zona="+0100"><giorno>{when[0]}</giorno><ora>{when[1]}</ora></data>'
        f"<identificativo>{identificativo}</identificativo>"
        f"<msgid>&lt;{msgid.strip('<>')}&gt;</msgid>"
        f"{consegna}{errore_esteso}"
        "</dati>"
        "</postacert>"
    ).encode()


def receipt_eml(tipo: str, msgid: str, xml: bytes) -> bytes:
    titles = {
        "accettazione": "ACCETTAZIONE",
        "avvenuta-consegna": "CONSEGNA",
        "errore-consegna": "AVVISO DI MANCATA CONSEGNA",
    }
    message = EmailMessage()
    message["From"] = "posta-certificata@pec.example.it"
    message["To"] = SENDER
    message["Subject"] = f"{titles.get(tipo, tipo.upper())}: Prot. n. 1000 del 03/03/2025"
    message["X-Ricevuta"] = tipo
    message["X-Riferimento-Message-ID"] = msgid
    message.set_content(
        f"Ricevuta di {tipo}. L'allegato daticert.xml contiene informazioni di servizio."
    )
    message.add_attachment(xml, maintype="application", subtype="xml", filename="daticert.xml")
    return message.as_bytes()


# --------------------------------------------------------------------------- the IMAP server


class ImapMailbox:
    """The PEC mailbox as the provider's IMAP server holds it: messages with their UID
    and internal date, and what the client asked. A command that would change the
    mailbox (STORE, EXPUNGE, COPY, MOVE, DELETE, APPEND, …) is recorded in
    `forbidden` and refused."""

    READ_ONLY = frozenset(
        {
            "CAPABILITY",
            "NOOP",
            "LOGIN",
            "SELECT",
            "EXAMINE",
            "SEARCH",
            "FETCH",
            "UID",
            "LOGOUT",
            "CLOSE",
        }
    )

    def __init__(self):
        self.messages: list[dict] = []  # uid, data, date
        self.commands: list[str] = []  # every command, UID ones as "UID FETCH"
        self.fetched_bodies: list[int] = []  # UIDs whose content was sent
        self.forbidden: list[str] = []
        self.logins: list[tuple[str, bool]] = []
        self.opened: list[str] = []  # SELECT/EXAMINE and the mailbox name
        self.flags_changed = False  # a FETCH of BODY[] (not PEEK) would set \Seen
        self.next_uid = 101
        self.lie_about_size: dict[int, int] = {}  # uid -> the size the server claims

    def add(self, data: bytes, date: dt.date | None = None) -> int:
        uid = self.next_uid
        self.next_uid += 7  # UIDs are not sequence numbers
        self.messages.append({"uid": uid, "data": data, "date": date or dt.date.today()})
        return uid

    def snapshot(self) -> list[tuple[int, bytes]]:
        return [(m["uid"], m["data"]) for m in self.messages]


def _tokens(text: str) -> list[str]:
    """IMAP arguments: quoted strings (unescaped, kept with a leading quote mark to
    tell "" from nothing), atoms, parentheses."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == " ":
            i += 1
        elif char in "()":
            out.append(char)
            i += 1
        elif char == '"':
            i += 1
            value = []
            while i < len(text) and text[i] != '"':
                if text[i] == "\\":
                    i += 1
                value.append(text[i])
                i += 1
            out.append('"' + "".join(value))
            i += 1
        else:
            start = i
            while i < len(text) and text[i] not in ' ()"':
                i += 1
            out.append(text[start:i])
    return out


def _value(token: str) -> str:
    return token[1:] if token.startswith('"') else token


def _headers(data: bytes):
    from email import message_from_bytes, policy

    return message_from_bytes(data, policy=policy.compat32)


def _matches(message: dict, tokens: list[str]) -> tuple[bool, list[str]]:
    """Evaluates one search key at the head of `tokens`; (matches, the rest)."""
    key, rest = tokens[0].upper(), tokens[1:]
    if key == "ALL":
        return True, rest
    if key == "OR":
        left, rest = _matches(message, rest)
        right, rest = _matches(message, rest)
        return left or right, rest
    if key == "NOT":
        inner, rest = _matches(message, rest)
        return not inner, rest
    if key == "HEADER":
        name, wanted, rest = _value(rest[0]), _value(rest[1]), rest[2:]
        got = _headers(message["data"]).get(name)
        return got is not None and wanted.lower() in str(got).lower(), rest
    if key == "SUBJECT":
        wanted, rest = _value(rest[0]), rest[1:]
        return wanted.lower() in str(_headers(message["data"]).get("Subject", "")).lower(), rest
    if key == "SINCE":
        day = dt.datetime.strptime(_value(rest[0]), "%d-%b-%Y").date()
        return message["date"] >= day, rest[1:]
    raise ValueError(f"search key {key} not implemented")


def _message_set(text: str, highest: int) -> set[int]:
    found: set[int] = set()
    for part in text.split(","):
        if ":" in part:
            low, high = part.split(":")
            low = highest if low == "*" else int(low)
            high = highest if high == "*" else int(high)
            found.update(range(min(low, high), max(low, high) + 1))
        else:
            found.add(highest if part == "*" else int(part))
    return found


def imap_handler(mailbox: ImapMailbox, context: ssl.SSLContext):
    import socketserver

    class Handler(socketserver.StreamRequestHandler):
        timeout = 10

        def setup(self):
            self.request = context.wrap_socket(self.request, server_side=True)
            self.request.settimeout(self.timeout)
            super().setup()

        def send(self, line: str | bytes) -> None:
            self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

        def handle(self):
            self.send("* OK [CAPABILITY IMAP4rev1] Gestore PEC di prova pronto")
            selected = False
            while True:
                raw = self.rfile.readline(65536)
                if not raw:
                    return
                tag, _, rest = raw.decode().rstrip("\r\n").partition(" ")
                command, _, arguments = rest.partition(" ")
                command = command.upper()
                uid = command == "UID"
                if uid:
                    command, _, arguments = arguments.partition(" ")
                    command = command.upper()
                mailbox.commands.append(("UID " if uid else "") + command)
                if command not in mailbox.READ_ONLY:
                    mailbox.forbidden.append(command)
                    self.send(f"{tag} BAD {command} not allowed here")
                    continue
                args = _tokens(arguments)
                if command == "CAPABILITY":
                    self.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
                    self.send(f"{tag} OK CAPABILITY completed")
                elif command == "NOOP":
                    self.send(f"{tag} OK NOOP completed")
                elif command == "LOGIN":
                    ok = _value(args[0]) == USER and _value(args[1]) == PASSWORD
                    mailbox.logins.append((_value(args[0]), ok))
                    if ok:
                        self.send(f"{tag} OK LOGIN completed")
                    else:
                        self.send(f"{tag} NO [AUTHENTICATIONFAILED] Credenziali non valide")
                elif command in ("SELECT", "EXAMINE"):
                    name = _value(args[0])
                    mailbox.opened.append(f"{command} {name}")
                    if name.upper() != "INBOX" and name != "Ricevute":
                        self.send(f"{tag} NO [NONEXISTENT] Cartella inesistente")
                        continue
                    selected = True
                    self.send(f"* {len(mailbox.messages)} EXISTS")
                    self.send("* 0 RECENT")
                    self.send("* OK [UIDVALIDITY 42] UIDs valid")
                    mode = "READ-ONLY" if command == "EXAMINE" else "READ-WRITE"
                    self.send(f"{tag} OK [{mode}] {command} completed")
                elif command == "SEARCH":
                    if not selected:
                        self.send(f"{tag} BAD no mailbox selected")
                        continue
                    found = []
                    for number, message in enumerate(mailbox.messages, 1):
                        rest, ok = list(args), True
                        while rest and ok:
                            ok, rest = _matches(message, rest)
                        if ok:
                            found.append(message["uid"] if uid else number)
                    self.send("* SEARCH" + "".join(f" {n}" for n in found))
                    self.send(f"{tag} OK SEARCH completed")
                elif command == "FETCH":
                    self.fetch(tag, args, uid)
                elif command == "LOGOUT":
                    self.send("* BYE a presto")
                    self.send(f"{tag} OK LOGOUT completed")
                    return
                else:
                    self.send(f"{tag} OK {command} completed")

        def fetch(self, tag: str, args: list[str], uid: bool) -> None:
            items = " ".join(args[1:]).strip("()").upper().split()
            highest = (
                max((m["uid"] for m in mailbox.messages), default=0)
                if uid
                else len(mailbox.messages)
            )
            wanted = _message_set(args[0], highest)
            for number, message in enumerate(mailbox.messages, 1):
                if (message["uid"] if uid else number) not in wanted:
                    continue
                parts = [f"UID {message['uid']}"]
                literal = None
                for item in items:
                    if item == "RFC822.SIZE":
                        size = mailbox.lie_about_size.get(message["uid"], len(message["data"]))
                        parts.append(f"RFC822.SIZE {size}")
                    elif item in ("BODY.PEEK[]", "BODY[]", "RFC822"):
                        if item != "BODY.PEEK[]":
                            mailbox.flags_changed = True
                        mailbox.fetched_bodies.append(message["uid"])
                        literal = message["data"]
                    elif item != "UID":
                        self.send(f"{tag} BAD item {item} not implemented")
                        return
                if literal is None:
                    self.send(f"* {number} FETCH ({' '.join(parts)})")
                else:
                    head = f"* {number} FETCH ({' '.join(parts)} BODY[] {{{len(literal)}}}"
                    self.wfile.write(head.encode() + b"\r\n" + literal + b")\r\n")
            self.send(f"{tag} OK FETCH completed")

    return Handler


@pytest.fixture
def imap_server(certificates):
    """The provider's IMAP server on 127.0.0.1 with implicit TLS; `.port`, and the
    mailbox to fill with messages."""
    import socketserver
    import threading

    mailbox = ImapMailbox()
    cert, key = certificates["good"]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

        def handle_error(self, request, client_address):
            pass  # a client refusing the certificate ends its connection: not an error here

    server = Server(("127.0.0.1", 0), imap_handler(mailbox, context))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    mailbox.port = server.server_address[1]
    yield mailbox
    server.shutdown()
    server.server_close()
