"""The PEC provider's receipts read from the mailbox over IMAP: a small IMAP4rev1
server of our own on 127.0.0.1 with implicit TLS (tests/pec_servers.py) holds
receipts of letters sent in the test to the loopback SMTP server; on SQLite and
PostgreSQL. The mailbox is never changed: the server refuses and records any command
that would (STORE, EXPUNGE, …) and any fetch that would mark a message as read."""

from __future__ import annotations

import datetime as dt
import io
import logging
import socket
import time
from email.message import EmailMessage

import pytest

from desktop.letters import imap, pec
from desktop.letters.receipts import MAX_FILE_BYTES
from tests import pec_servers
from tests import test_letters_pec as pec_tests
from tests.pec_servers import PASSWORD, SENDER, USER, daticert, receipt_eml

certificates = pec_servers.certificates
smtp_server = pec_servers.smtp_server
imap_server = pec_servers.imap_server
letters = pec_tests.letters
_letter = pec_tests._letter
_events = pec_tests._events


@pytest.fixture(autouse=True)
def _short_timeouts(monkeypatch):
    monkeypatch.setenv(pec.TIMEOUT_VARIABLE, "5")
    monkeypatch.setenv(imap.TIMEOUT_VARIABLE, "5")


@pytest.fixture
def account(smtp_server, imap_server, certificates):
    return pec.make_account(
        "127.0.0.1",
        port=smtp_server.port,
        security="ssl",
        user=USER,
        sender=SENDER,
        ca_bundle=certificates["good"][0],
        imap_host="127.0.0.1",
        imap_port=imap_server.port,
    )


def _receipt(tipo: str, msgid: str, identificativo: str, **options) -> bytes:
    return receipt_eml(tipo, msgid, daticert(tipo, msgid, identificativo=identificativo, **options))


def _plain(subject: str, text: str = "niente di certificato") -> bytes:
    message = EmailMessage()
    message["From"] = "qualcuno@example.org"
    message["To"] = SENDER
    message["Subject"] = subject
    message.set_content(text)
    return message.as_bytes()


def _sent(database, call, account, letters) -> list[str]:
    report = pec.send_letters(database, call, account, PASSWORD)
    assert len(report.sent) == 3
    return [_letter(database, code).message_id for code in letters[:3]]


def test_receipts_read_from_the_mailbox_once_and_read_only(
    database, call_2024, letters, account, imap_server, caplog
):
    caplog.set_level(logging.DEBUG)
    first, second, _third = _sent(database, call_2024, account, letters)
    box = imap_server
    accepted = box.add(_receipt("accettazione", first, "imap.acc.1"))
    delivered = box.add(
        _receipt("avvenuta-consegna", first, "imap.cons.1", when=("04/03/2025", "10:16:02"))
    )
    failed = box.add(
        _receipt(
            "errore-consegna",
            second,
            "imap.err.2",
            errore="no-dest",
            esteso="5.1.1 - Utente non riconosciuto",
        )
    )
    lookalike = box.add(_plain("CONSEGNA: il suo ordine è in arrivo"))  # a receipt's subject
    box.add(_plain("Riunione di giovedì"))  # not searched at all
    oversize = box.add(_receipt("accettazione", second, "imap.big"))
    box.lie_about_size[oversize] = MAX_FILE_BYTES + 1
    before = box.snapshot()
    seen = []

    report = imap.fetch_receipts_imap(
        database,
        account,
        PASSWORD,
        progress=lambda done, total, label: seen.append((done, total, label)),
    )

    fates = {f.file: f for f in report.fates}
    assert set(fates) == {
        f"INBOX UID {uid}" for uid in (accepted, delivered, failed, lookalike, oversize)
    }
    assert {name for name, f in fates.items() if f.fate == "recorded"} == {
        f"INBOX UID {uid}" for uid in (accepted, delivered, failed)
    }
    assert fates[f"INBOX UID {lookalike}"].fate == "unmatched"
    assert "not a PEC receipt" in fates[f"INBOX UID {lookalike}"].en
    big = fates[f"INBOX UID {oversize}"]
    assert big.fate == "unreadable" and "too large" in big.en and "not downloaded" in big.en
    assert oversize not in box.fetched_bodies  # its size was asked first: never downloaded
    assert seen[-1][:2] == (5, 5)

    delivered_letter, failed_letter = _letter(database, letters[0]), _letter(database, letters[1])
    assert delivered_letter.state == "delivered"
    assert delivered_letter.accepted_at == dt.datetime(2025, 3, 4, 10, 15, 30)
    assert delivered_letter.delivered_at == dt.datetime(2025, 3, 4, 10, 16, 2)
    assert failed_letter.state == "failed" and "Utente non riconosciuto" in failed_letter.failure
    assert _letter(database, letters[2]).state == "sent"
    assert _events(database, letters[0]) == ["send_started", "send", "accepted", "delivered"]

    # A second reading changes nothing.
    again = imap.fetch_receipts_imap(database, account, PASSWORD)
    assert sorted(f.fate for f in again.fates) == [
        "already",
        "already",
        "already",
        "unmatched",
        "unreadable",
    ]
    assert _events(database, letters[0]) == ["send_started", "send", "accepted", "delivered"]
    assert _events(database, letters[1])[-1] == "not_delivered"

    # The mailbox is as it was: opened read-only, nothing marked, nothing removed.
    assert box.snapshot() == before
    assert box.forbidden == [] and not box.flags_changed
    assert box.opened == ["EXAMINE INBOX", "EXAMINE INBOX"]
    assert {"UID SEARCH", "UID FETCH", "LOGIN", "LOGOUT"} <= set(box.commands)
    assert not any(c.split()[-1] in ("STORE", "EXPUNGE", "COPY", "MOVE") for c in box.commands)
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)


def test_since_and_the_cap_keep_the_reading_bounded(
    database, call_2024, letters, account, imap_server, monkeypatch
):
    first, second, third = _sent(database, call_2024, account, letters)
    old = imap_server.add(
        _receipt("accettazione", first, "old.1"), date=dt.date.today() - dt.timedelta(days=40)
    )
    newer = [
        imap_server.add(_receipt("accettazione", msgid, f"new.{n}"))
        for n, msgid in enumerate((second, third))
    ]
    report = imap.fetch_receipts_imap(
        database, account, PASSWORD, since=dt.date.today() - dt.timedelta(days=3)
    )
    assert {f.file for f in report.fates} == {f"INBOX UID {uid}" for uid in newer}
    assert old not in imap_server.fetched_bodies

    # Everything awaiting a receipt was sent today: the default day is yesterday.
    assert imap.receipts_since(database) == dt.date.today() - dt.timedelta(days=1)

    monkeypatch.setattr(imap, "MAX_MESSAGES", 2)
    capped = imap.fetch_receipts_imap(database, account, PASSWORD)
    assert capped.too_many == 1  # the oldest is left for a reading with --since
    assert [f.file for f in capped.fates] == [f"INBOX UID {uid}" for uid in newer]


def test_a_wrong_password_is_said_and_never_echoed(database, letters, account, imap_server, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(imap.ImapProblem) as raised:
        imap.fetch_receipts_imap(database, account, PASSWORD + "-sbagliata")
    problem = raised.value
    assert "login refused" in problem.en and "check the user and the password" in problem.en
    assert "accesso rifiutato" in problem.it
    assert imap_server.logins == [(USER, False)]
    texts = [problem.it, problem.en, str(problem)] + [r.getMessage() for r in caplog.records]
    assert not any(PASSWORD in text for text in texts)


def test_an_untrusted_certificate_is_refused(database, letters, account, imap_server, certificates):
    other = pec.make_account(
        account.host,
        port=account.port,
        user=USER,
        sender=SENDER,
        ca_bundle=certificates["other"][0],
        imap_host="127.0.0.1",
        imap_port=imap_server.port,
    )
    with pytest.raises(imap.ImapProblem, match="not trusted"):
        imap.fetch_receipts_imap(database, other, PASSWORD)
    assert imap_server.logins == []  # the password never left


def test_a_silent_server_times_out_quickly(database, letters, monkeypatch):
    monkeypatch.setenv(imap.TIMEOUT_VARIABLE, "0.5")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        mute = pec.make_account(
            "127.0.0.1",
            port=465,
            user=USER,
            sender=SENDER,
            imap_host="127.0.0.1",
            imap_port=silent.getsockname()[1],
        )
        started = time.monotonic()
        with pytest.raises(imap.ImapUnreachable) as raised:
            imap.fetch_receipts_imap(database, mute, PASSWORD)
        assert time.monotonic() - started < 5
    finally:
        silent.close()
    assert "timeout" in raised.value.en and raised.value.temporary


def test_an_unknown_folder_and_a_missing_imap_server(database, letters, account, imap_server):
    with pytest.raises(imap.ImapProblem, match="folder “Archivio” cannot be read"):
        imap.fetch_receipts_imap(database, account, PASSWORD, folder="Archivio")
    assert imap_server.opened == ["EXAMINE Archivio"]
    no_imap = pec.make_account("127.0.0.1", port=account.port, user=USER, sender=SENDER)
    with pytest.raises(imap.ImapProblem, match="no IMAP server set"):
        imap.fetch_receipts_imap(database, no_imap, PASSWORD)
    with pytest.raises(imap.ImapProblem, match="no password"):
        imap.fetch_receipts_imap(database, account, None)


def test_a_folder_name_is_quoted_in_modified_utf7():
    assert imap.mailbox_name("INBOX") == '"INBOX"'
    assert imap.mailbox_name("Ricevute PEC") == '"Ricevute PEC"'
    assert imap.mailbox_name("Posta & ricevute") == '"Posta &- ricevute"'
    assert imap.mailbox_name("Città") == '"Citt&AOA-"'  # RFC 3501's example form
    assert imap.search_criteria(dt.date(2025, 3, 1))[0] == "SINCE 1-Mar-2025"


def test_the_connection_check(account, imap_server, smtp_server, certificates):
    results = imap.check_mailbox(account, PASSWORD)
    assert [(service, ok) for service, ok, _it, _en in results] == [
        ("SMTP", True),
        ("IMAP", True),
    ]
    assert smtp_server.messages == [] and imap_server.opened == []
    wrong = imap.check_mailbox(account, PASSWORD + "x")
    assert [(service, ok) for service, ok, _it, _en in wrong] == [("SMTP", False), ("IMAP", False)]
    assert all("login refused" in en and PASSWORD not in en for *_rest, en in wrong)


def test_settings_keep_the_imap_server(tmp_path):
    path = tmp_path / "impostazioni.ini"
    account = pec.make_account(
        "smtps.pec.example.it", user=USER, sender=SENDER, imap_host="imaps.pec.example.it"
    )
    assert account.imap_port == 993
    pec.save_account(account, path)
    text = path.read_text(encoding="utf-8")
    assert "imap_host=imaps.pec.example.it" in text and "imap_port=993" in text
    assert pec.load_account(path) == account
    with pytest.raises(pec.PecProblem, match="invalid IMAP port"):
        pec.make_account("h", sender=SENDER, imap_host="i", imap_port=70000)
    with pytest.raises(pec.PecProblem, match="invalid IMAP server"):
        pec.make_account("h", sender=SENDER, imap_host="imap server")


def test_cli_receipts_over_imap(
    database,
    database_url,
    call_2024,
    letters,
    account,
    imap_server,
    smtp_server,
    monkeypatch,
    capsys,
):
    from desktop.cli import main

    def run(*args, stdin=None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", database_url, "--lang", "en", *args])
        out = capsys.readouterr()
        assert "Traceback" not in out.err and PASSWORD not in out.out + out.err
        return code, out.out, out.err

    code, out, err = run(
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
        account.ca_bundle,
        "--password",
        stdin=PASSWORD + "\n",
    )
    assert code == 0
    code, out, err = run("letters", "receipts", "--imap")
    assert code == 2 and "no IMAP server set" in err

    code, out, err = run(
        "letters", "pec-account", "--imap-host", "127.0.0.1", "--imap-port", str(imap_server.port)
    )
    assert code == 0 and f"imaps://127.0.0.1:{imap_server.port}" in out
    assert pec.load_account().imap_port == imap_server.port

    first, *_ = _sent(database, call_2024, account, letters)
    imap_server.add(_receipt("accettazione", first, "cli.imap.1"))
    code, out, err = run("letters", "receipts", "--imap")
    assert code == 0, out + err
    assert "Receipts recorded 1" in out and "INBOX UID" in out
    assert _letter(database, letters[0]).accepted_at is not None

    imap_server.add(_plain("CONSEGNA: non una ricevuta"))
    code, out, err = run("letters", "receipts", "--imap", "--since", "01/01/2025")
    assert code == 1 and "already recorded 1" in out and "UNMATCHED" in out

    code, out, err = run("letters", "receipts", "--imap", "--since", "31/02/2025")
    assert code == 2 and "not a date" in err
    code, out, err = run("letters", "receipts", "--imap", "--folder", "Archivio")
    assert code == 2 and "cannot be read" in err
    code, out, err = run("letters", "receipts")
    assert code == 2 and "--imap" in err
    assert imap_server.forbidden == []
