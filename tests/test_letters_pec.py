"""Sending letters by PEC to a real SMTP server on 127.0.0.1 (aiosmtpd, implicit TLS
with a certificate made here, AUTH LOGIN/PLAIN) and reading the provider's receipts
built to the published structure of daticert.xml (DPR 68/2005, DM 2/11/2005), on the
demo applications, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import socket
import ssl
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Application, AuditEntry, Letter, LetterEvent
from desktop.importing.service import import_applications
from desktop.letters import pec
from desktop.letters.receipts import MAX_FILE_BYTES, ReceiptProblem, parse_daticert, read_receipts
from tests import pec_servers
from tests.conftest import RESOURCES
from tests.pec_servers import (
    PASSWORD,
    SENDER,
    USER,
    Mailbox,
    _free_port,
    daticert,
    receipt_eml,
)

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"

# The loopback servers and their certificates (tests/pec_servers.py).
certificates = pec_servers.certificates
smtp_server = pec_servers.smtp_server


@pytest.fixture
def account(smtp_server, certificates):
    return pec.make_account(
        "127.0.0.1",
        port=smtp_server.port,
        security="ssl",
        user=USER,
        sender=SENDER,
        ca_bundle=certificates["good"][0],
    )


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch):
    monkeypatch.setenv(pec.TIMEOUT_VARIABLE, "5")


# --------------------------------------------------------------------------- letters


def _pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.fixture
def letters(database, call_2024):
    """Four letters of the demo: three protocolled with a PEC, one without a PEC; and
    a draft."""
    import_applications(database, DEMO, call_2024, user="test")
    with database.session() as session, session.begin():
        codes = list(
            session.scalars(
                select(Application.code)
                .where(Application.call_id == call_2024.id)
                .order_by(Application.code)
            )
        )[:5]
        ids = {code: id_ for code, id_ in session.execute(select(Application.code, Application.id))}
        made = []
        for index, code in enumerate(codes):
            pdf = _pdf(f"Lettera di esito per la domanda {code}")
            state = "draft" if index == 4 else "protocolled"
            address = "" if index == 3 else f"capofila{index}@pec.example.org"
            session.add(
                Letter(
                    call_id=call_2024.id,
                    application_id=ids[code],
                    kind="ammissione",
                    state=state,
                    subject=f"Crowdfunding civico — domanda {code}: ammissione",
                    addressee=f"Capofila {index}",
                    pec=address,
                    data="{}",
                    pdf=pdf,
                    sha256=hashlib.sha256(pdf).hexdigest(),
                    generated_at=dt.datetime(2025, 3, 1, 10, 0),
                    generated_by="test",
                    protocol_number="" if state == "draft" else f"{1000 + index}",
                    protocol_date=None if state == "draft" else dt.date(2025, 3, 3),
                )
            )
            made.append(code)
    return made


def _letter(database, code: str) -> Letter:
    with database.session() as session:
        return session.execute(
            select(Letter).join(Application).where(Application.code == code)
        ).scalar_one()


def _events(database, code: str) -> list[str]:
    with database.session() as session:
        return list(
            session.scalars(
                select(LetterEvent.action)
                .join(Letter)
                .join(Application)
                .where(Application.code == code)
                .order_by(LetterEvent.id)
            )
        )


def _pdf_attachment(raw: bytes) -> tuple[EmailMessage, str, bytes]:
    message = message_from_bytes(raw, policy=policy.default)
    parts = [part for part in message.iter_attachments()]
    assert len(parts) == 1
    return message, parts[0].get_filename(), parts[0].get_payload(decode=True)


# --------------------------------------------------------------------------- sending


def test_send_one_message_per_letter_and_never_twice(
    database, call_2024, letters, smtp_server, account, caplog
):
    caplog.set_level(logging.DEBUG)
    sendable = letters[:3]
    report = pec.send_letters(database, call_2024, account, PASSWORD)

    assert sorted(o.code for o in report.sent) == sendable
    assert len(smtp_server.messages) == 3
    assert smtp_server.logins == [(USER, True)]  # one connection for the batch
    skipped = {o.code: o.reason("en") for o in report.skipped}
    assert "no PEC address" in skipped[letters[3]]
    assert "not protocolled" in skipped[letters[4]]
    for index, code in enumerate(sendable):
        letter = _letter(database, code)
        mail_from, rcpts, raw = next(m for m in smtp_server.messages if m[1] == [letter.pec])
        assert mail_from == SENDER and rcpts == [f"capofila{index}@pec.example.org"]
        message, name, content = _pdf_attachment(raw)
        assert message["To"] == letter.pec and message["From"] == SENDER
        assert message["Subject"] == f"Prot. n. {1000 + index} del 03/03/2025 — {letter.subject}"
        assert name == f"{code}-ammissione.pdf"
        assert content == letter.pdf and hashlib.sha256(content).hexdigest() == letter.sha256
        assert "posta elettronica certificata" in message.get_body(("plain",)).get_content()
        assert letter.state == "sent" and letter.sent_at is not None
        assert letter.message_id == message["Message-ID"] and letter.message_id.startswith("<")
        assert letter.failure == ""
        assert _events(database, code) == ["send_started", "send"]
    with database.session() as session:
        audited = session.execute(
            select(AuditEntry.entity_key, AuditEntry.action).where(AuditEntry.entity == "letter")
        ).all()
    assert {(f"{code}/ammissione", "send") for code in sendable} <= set(audited)

    again = pec.send_letters(database, call_2024, account, PASSWORD)
    assert again.sent == [] and len(smtp_server.messages) == 3
    assert {o.code for o in again.skipped if "already sent" in o.en} == set(sendable)


def test_dry_run_sends_nothing(database, call_2024, letters, smtp_server, account):
    report = pec.send_letters(database, call_2024, account, None, dry_run=True)
    assert sorted(o.code for o in report.planned) == letters[:3]
    assert "Prot. n. 1000 del 03/03/2025" in report.planned[0].it
    assert smtp_server.messages == [] and smtp_server.logins == []
    assert all(_letter(database, code).state == "protocolled" for code in letters[:3])
    assert all(_events(database, code) == [] for code in letters)


def test_refused_recipient_keeps_the_letter_to_send_again(
    database, call_2024, letters, smtp_server, account
):
    smtp_server.refuse_rcpt.add("capofila1@pec.example.org")
    report = pec.send_letters(database, call_2024, account, PASSWORD)
    assert [o.code for o in report.failed] == [letters[1]]
    refused = _letter(database, letters[1])
    assert refused.state == "protocolled" and refused.message_id == ""
    assert "550" in refused.failure and "rifiutato" in refused.failure
    assert _events(database, letters[1]) == ["send_started", "send_failed"]
    assert len(smtp_server.messages) == 2  # the others went

    smtp_server.refuse_rcpt.clear()
    report = pec.send_letters(database, call_2024, account, PASSWORD)
    assert [o.code for o in report.sent] == [letters[1]]
    assert _letter(database, letters[1]).failure == ""


def test_server_dying_after_the_data_is_uncertain_and_not_resent(
    database, call_2024, letters, smtp_server, account
):
    smtp_server.die_in_data.add("capofila0@pec.example.org")
    report = pec.send_letters(database, call_2024, account, PASSWORD)
    assert [o.code for o in report.uncertain] == [letters[0]]
    assert "--resend" in report.uncertain[0].en and "sent folder" in report.uncertain[0].en
    assert sorted(o.code for o in report.sent) == letters[1:3]  # a new connection for the rest
    doubtful = _letter(database, letters[0])
    assert doubtful.state == "protocolled" and doubtful.message_id == report.uncertain[0].message_id
    assert _events(database, letters[0]) == ["send_started", "send_uncertain"]

    smtp_server.die_in_data.clear()
    again = pec.send_letters(database, call_2024, account, PASSWORD)
    assert again.sent == [] and len(smtp_server.messages) == 2
    assert any(o.code == letters[0] and "unknown outcome" in o.en for o in again.skipped)

    forced = pec.send_letters(database, call_2024, account, PASSWORD, resend=[letters[0]])
    assert [o.code for o in forced.sent] == [letters[0]]
    assert forced.sent[0].message_id != doubtful.message_id


def test_untrusted_certificate_and_wrong_password_are_refused(
    database, call_2024, letters, smtp_server, account, certificates, caplog
):
    caplog.set_level(logging.DEBUG)
    other = pec.make_account(
        "127.0.0.1",
        port=smtp_server.port,
        user=USER,
        sender=SENDER,
        ca_bundle=certificates["other"][0],
    )
    report = pec.send_letters(database, call_2024, other, PASSWORD, codes=[letters[0]])
    assert [o.code for o in report.failed] == [letters[0]]
    assert "not trusted" in report.failed[0].en
    assert smtp_server.logins == [] and smtp_server.messages == []
    letter = _letter(database, letters[0])
    assert (
        letter.state == "protocolled"
        and letter.message_id == ""
        and "certificato" in letter.failure
    )

    report = pec.send_letters(database, call_2024, account, PASSWORD + "x", codes=[letters[1]])
    assert "login refused" in report.failed[0].en and smtp_server.messages == []
    texts = [o.it + o.en for o in report.outcomes] + [r.getMessage() for r in caplog.records]
    assert not any(PASSWORD in text for text in texts)


def test_timeout_on_a_silent_server(database, call_2024, letters, monkeypatch):
    monkeypatch.setenv(pec.TIMEOUT_VARIABLE, "0.5")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        mute = pec.make_account("127.0.0.1", port=silent.getsockname()[1], user=USER, sender=SENDER)
        started = time.monotonic()
        report = pec.send_letters(database, call_2024, mute, PASSWORD, codes=letters[:2])
        assert time.monotonic() - started < 5
    finally:
        silent.close()
    assert len(report.failed) == 2 and "could not connect" in report.failed[0].en
    assert all(_letter(database, code).state == "protocolled" for code in letters[:2])


def test_progress_and_cancel(database, call_2024, letters, smtp_server, account):
    seen = []
    report = pec.send_letters(
        database,
        call_2024,
        account,
        PASSWORD,
        progress=lambda done, total, code: seen.append((done, total, code)),
        cancel=lambda: len(seen) >= 1,
    )
    assert report.cancelled and len(report.sent) == 1 and seen == [(1, 3, letters[0])]


def test_the_password_is_only_in_the_keyring(
    database, call_2024, letters, smtp_server, account, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    settings = tmp_path / "impostazioni.ini"
    pec.save_account(account, settings)
    assert pec.set_password(account, PASSWORD) == "keyring"
    assert pec.load_account(settings) == account
    assert pec.get_password(account).reveal() == PASSWORD
    pec.send_letters(database, call_2024, account, pec.get_password(account))
    assert PASSWORD not in settings.read_text(encoding="utf-8")
    with database.session() as session:
        stored = [
            *session.scalars(select(LetterEvent.detail)),
            *(repr(row) for row in session.execute(select(AuditEntry.__table__)).all()),
            *(f"{row.failure}{row.message_id}" for row in session.scalars(select(Letter))),
        ]
    assert stored and not any(PASSWORD in text for text in stored)
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)
    assert PASSWORD not in repr(pec.get_password(account))
    assert pec.forget_password(account) and pec.get_password(account) is None


def test_settings_are_read_and_written_like_qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    path = tmp_path / "impostazioni.ini"
    qt = QSettings(str(path), QSettings.Format.IniFormat)
    qt.setValue("database/location", "/tmp/dati, copia/db.sqlite")
    qt.setValue("interface/language", "en")
    qt.sync()
    account = pec.PecAccount(
        "smtps.pec.example.it", 465, "ssl", " utente;strano ", SENDER, "C:\\certs\\ca, pec.pem"
    )
    pec.save_account(account, path)
    again = QSettings(str(path), QSettings.Format.IniFormat)
    assert again.value("pec/user") == " utente;strano "
    assert again.value("pec/ca_bundle") == "C:\\certs\\ca, pec.pem"
    assert again.value("database/location") == "/tmp/dati, copia/db.sqlite"
    assert again.value("interface/language") == "en"
    assert pec.read_ini_section(path, "pec")["ca_bundle"] == "C:\\certs\\ca, pec.pem"
    assert pec.read_ini_section(path, "database")["location"] == "/tmp/dati, copia/db.sqlite"
    assert (
        account.port == 465
        and pec.make_account("h", security="starttls", sender=SENDER).port == 587
    )


# --------------------------------------------------------------------------- receipts


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_receipts_accepted_delivered_failed(
    database, call_2024, letters, smtp_server, account, tmp_path
):
    pec.send_letters(database, call_2024, account, PASSWORD)
    first, second, _third = (_letter(database, code) for code in letters[:3])
    folder = tmp_path / "ricevute"
    folder.mkdir()
    _write(
        folder,
        "acc-1.eml",
        receipt_eml(
            "accettazione",
            first.message_id,
            daticert("accettazione", first.message_id, identificativo="opec1.acc"),
        ),
    )
    _write(
        folder,
        "cons-1.eml",
        receipt_eml(
            "avvenuta-consegna",
            first.message_id,
            daticert(
                "avvenuta-consegna",
                first.message_id,
                identificativo="opec1.cons",
                when=("04/03/2025", "10:16:02"),
            ),
        ),
    )
    _write(
        folder,
        "errore-2.eml",
        receipt_eml(
            "errore-consegna",
            second.message_id,
            daticert(
                "errore-consegna",
                second.message_id,
                identificativo="opec2.err",
                errore="no-dest",
                esteso="5.1.1 - Utente non riconosciuto",
            ),
        ),
    )
    unrelated = EmailMessage()
    unrelated["Subject"] = "Newsletter"
    unrelated.set_content("niente di certificato")
    _write(folder, "newsletter.eml", unrelated.as_bytes())
    _write(
        folder,
        "altra.eml",
        receipt_eml(
            "accettazione",
            "<nessuno@altrove>",
            daticert("accettazione", "<nessuno@altrove>", identificativo="x1"),
        ),
    )

    report = read_receipts(database, [folder])
    fates = {Path(f.file).name: f for f in report.fates}
    assert len(fates) == 5
    assert {name for name, f in fates.items() if f.fate == "recorded"} == {
        "acc-1.eml",
        "cons-1.eml",
        "errore-2.eml",
    }
    assert {name for name, f in fates.items() if f.fate == "unmatched"} == {
        "newsletter.eml",
        "altra.eml",
    }
    delivered, failed = _letter(database, letters[0]), _letter(database, letters[1])
    assert delivered.state == "delivered"
    assert delivered.accepted_at == dt.datetime(
        2025, 3, 4, 10, 15, 30
    )  # +0100 is Rome's time in March
    assert delivered.delivered_at == dt.datetime(2025, 3, 4, 10, 16, 2)
    assert failed.state == "failed" and "Utente non riconosciuto" in failed.failure
    assert _letter(database, letters[2]).state == "sent"
    assert _events(database, letters[0]) == ["send_started", "send", "accepted", "delivered"]
    assert _events(database, letters[1])[-1] == "not_delivered"

    again = read_receipts(
        database, [folder / "acc-1.eml", folder / "cons-1.eml", folder / "errore-2.eml"]
    )
    assert [f.fate for f in again.fates] == ["already"] * 3
    assert _events(database, letters[0]) == ["send_started", "send", "accepted", "delivered"]

    # After the mancata consegna the letter may be sent again: a new Message-ID; the
    # old message's receipts no longer move it.
    resent = pec.send_letters(database, call_2024, account, PASSWORD, codes=[letters[1]])
    assert [o.code for o in resent.sent] == [letters[1]]
    late = _write(
        folder,
        "tardiva.eml",
        receipt_eml(
            "avvenuta-consegna",
            second.message_id,
            daticert("avvenuta-consegna", second.message_id, identificativo="opec2.late"),
        ),
    )
    fate = read_receipts(database, [late]).fates[0]
    assert fate.fate == "unmatched" and "earlier sending" in fate.en
    assert _letter(database, letters[1]).state == "sent"


def test_hostile_receipts_are_refused_quickly(database, letters, tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;">'
            % ((i,) + (i - 1,) * 10)
            for i in range(1, 10)
        )
        + b']><postacert tipo="accettazione"><dati><msgid>&lol9;</msgid></dati></postacert>'
    )
    with pytest.raises(ReceiptProblem, match="DOCTYPE"):
        parse_daticert(bomb)
    _write(tmp_path, "bomba.eml", receipt_eml("accettazione", "<a@b>", bomb))
    huge = tmp_path / "enorme.eml"
    with huge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    _write(tmp_path, "rotto.eml", receipt_eml("accettazione", "<a@b>", b"<postacert tipo="))
    started = time.monotonic()
    report = read_receipts(database, [tmp_path, tmp_path / "manca.eml"])
    assert time.monotonic() - started < 2
    reasons = {Path(f.file).name: f.en for f in report.unreadable}
    assert set(reasons) == {"bomba.eml", "enorme.eml", "rotto.eml", "manca.eml"}
    assert "DOCTYPE" in reasons["bomba.eml"] and "too large" in reasons["enorme.eml"]
    assert "not valid XML" in reasons["rotto.eml"] and "no such file" in reasons["manca.eml"]


# --------------------------------------------------------------------------- command line


def test_cli_account_send_and_receipts(
    database, database_url, call_2024, letters, smtp_server, account, tmp_path, monkeypatch, capsys
):
    from desktop.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "--db",
            database_url,
            "letters",
            "pec-account",
            "--host",
            "127.0.0.1",
            "--port",
            str(smtp_server.port),
            "--user",
            USER,
            "--sender",
            SENDER,
            "--ca-bundle",
            str(account.ca_bundle),
            "--password",
        ]
    )
    out = capsys.readouterr()
    assert code == 0 and "portachiavi" in out.out
    assert PASSWORD not in out.out + out.err

    assert main(["--db", database_url, "--lang", "en", "letters", "send", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: 3 letters to send" in out and smtp_server.messages == []

    assert (
        main(["--db", database_url, "--lang", "en", "letters", "send", "--code", letters[0]]) == 0
    )
    out = capsys.readouterr().out
    assert "Sent 1" in out and len(smtp_server.messages) == 1

    sent = _letter(database, letters[0])
    receipt = _write(
        tmp_path,
        "acc.eml",
        receipt_eml(
            "accettazione",
            sent.message_id,
            daticert("accettazione", sent.message_id, identificativo="cli.1"),
        ),
    )
    assert main(["--db", database_url, "--lang", "en", "letters", "receipts", str(receipt)]) == 0
    assert "Receipts recorded 1" in capsys.readouterr().out
    assert (
        main(
            [
                "--db",
                database_url,
                "--lang",
                "en",
                "letters",
                "receipts",
                str(receipt),
                str(tmp_path / "x.eml"),
            ]
        )
        == 1
    )
    assert "UNREADABLE" in capsys.readouterr().out


def test_starttls_on_submission_port(database, call_2024, letters, certificates):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    mailbox = Mailbox()
    cert, key = certificates["good"]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=_free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=lambda *args: AuthResult(success=args[-1].password.decode() == PASSWORD),
        auth_require_tls=True,
    )
    controller.start()
    try:
        starttls = pec.make_account(
            "127.0.0.1",
            port=controller.port,
            security="starttls",
            user=USER,
            sender=SENDER,
            ca_bundle=cert,
        )
        report = pec.send_letters(database, call_2024, starttls, PASSWORD, codes=[letters[0]])
    finally:
        controller.stop()
    assert [o.code for o in report.sent] == [letters[0]] and len(mailbox.messages) == 1


def test_a_sending_interrupted_after_the_message_id_is_not_repeated(
    database, call_2024, letters, smtp_server, account
):
    from desktop.letters.path import record_event

    with database.session() as session, session.begin():
        letter = session.execute(
            select(Letter).join(Application).where(Application.code == letters[0])
        ).scalar_one()
        letter.message_id = "<commissione.interrotto@pec.example.it>"
        record_event(session, letter, pec.SEND_STARTED, detail="Message-ID " + letter.message_id)
    report = pec.send_letters(database, call_2024, account, PASSWORD, codes=[letters[0]])
    assert report.sent == [] and "unknown outcome" in report.skipped[0].en
    assert smtp_server.messages == []


# --------------------------------------------------------------------------- the whole path


def test_from_the_demo_to_the_delivery_receipts(
    database, database_url, call_2024, smtp_server, account, tmp_path, monkeypatch, capsys
):
    """The issue's "done when", from the command line: from the demo, session I's
    letters in one action, approved, protocol numbers from the protocol office's CSV,
    sent to the PEC server, the delivery receipts recorded; the audit log holds."""
    import csv
    import json
    from email import message_from_bytes, policy

    from desktop.cli import EXIT_OK, main
    from desktop.importing.service import import_applications
    from desktop.paths import resources_dir
    from desktop.services.demo import prepare_demo_evaluation

    import_applications(
        database, resources_dir() / "demo" / "domande-demo.xlsx", call_2024, user="demo"
    )
    prepare_demo_evaluation(database, call_2024)

    def run(*args, stdin: str | None = None) -> tuple[int, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", database_url, "--lang", "en", *args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return code, captured.out

    out_dir = tmp_path / "lettere"
    code, out = run(
        "letters", "generate", "--kind", "auto", "--session", "I", "--out", str(out_dir)
    )
    assert code == EXIT_OK, out
    code, out = run("letters", "approve", "--all", "--session", "I")
    assert code == EXIT_OK

    # The protocol office fills the index and sends it back.
    with (out_dir / "indice-lettere.csv").open(encoding="utf-8-sig", newline="") as handle:
        index = list(csv.DictReader(handle, delimiter=";"))
    for number, row in enumerate(index, 5001):
        row["numero_protocollo"] = f"PG/2025/{number}"
        row["data_protocollo"] = "07/04/2025"
    filled = tmp_path / "protocollo.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(index[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(index)
    code, out = run("letters", "protocol", "--file", str(filled))
    assert code == EXIT_OK and out.count("PG/2025/") == len(index)

    code, out = run(
        "letters",
        "pec-account",
        "--host",
        "127.0.0.1",
        "--port",
        str(smtp_server.port),
        "--user",
        USER,
        "--sender",
        SENDER,
        "--ca-bundle",
        str(account.ca_bundle),
        "--password",
        stdin=PASSWORD + "\n",
    )
    assert code == EXIT_OK
    code, out = run("letters", "send")
    assert code == EXIT_OK, out
    assert len(smtp_server.messages) == len(index)
    # One message per letter, to the PEC in the index, with its letter attached.
    sent_to = sorted(rcpt for _from, rcpts, _raw in smtp_server.messages for rcpt in rcpts)
    assert sent_to == sorted(row["pec"] for row in index)

    receipts = tmp_path / "ricevute"
    receipts.mkdir()
    for number, (_from, _rcpts, raw) in enumerate(smtp_server.messages):
        message_id = message_from_bytes(raw, policy=policy.default)["Message-ID"]
        xml = daticert("avvenuta-consegna", message_id, identificativo=f"consegna.{number}")
        (receipts / f"consegna-{number}.eml").write_bytes(
            receipt_eml("avvenuta-consegna", message_id, xml)
        )
    code, out = run("letters", "receipts", str(receipts))
    assert code == EXIT_OK, out

    code, out = run("letters", "list", "--format", "json")
    listed = json.loads(out)
    assert len(listed) == len(index)
    assert {row["stato"] for row in listed} == {"delivered"}
    assert {row["protocollo"] for row in listed} == {r["numero_protocollo"] for r in index}

    # Nothing is sent twice.
    code, out = run("letters", "send")
    assert len(smtp_server.messages) == len(index)
    code, out = run("audit", "verify")
    assert code == EXIT_OK
