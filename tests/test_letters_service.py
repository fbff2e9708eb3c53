"""The letters from the demo data: which letter each application gets, every figure
equal to the database, the batch's files and index, the path draft → approved →
protocolled (typed and from the protocol office's CSV), the audit log, and the
command line. Real databases (SQLite file and PostgreSQL), real PDFs read back with
pdftotext."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import open_database
from db.models import (
    Application,
    AuditEntry,
    Campaign,
    CampaignOutcome,
    CommitteeMember,
    Letter,
    LetterEvent,
    ScoreSheet,
)
from desktop.cli import EXIT_OK, EXIT_UNUSABLE, main
from desktop.domain import formatting
from desktop.domain.letters import LetterRefused
from desktop.importing.service import import_applications
from desktop.letters import service
from desktop.paths import resources_dir
from desktop.services import audit
from desktop.services.demo import prepare_demo_evaluation
from desktop.services.ranking import load_ranking
from desktop.services.sheets import SheetProblem, save_private_note
from tests.test_ranking_service import pdf_text

LETTER_DAY = dt.date(2025, 4, 2)


@pytest.fixture
def demo(database, call_2024):
    import_applications(
        database, resources_dir() / "demo" / "domande-demo.xlsx", call_2024, user="demo"
    )
    prepare_demo_evaluation(database, call_2024)
    return database


def text_of(pdf: bytes, tmp_path: Path, name: str = "lettera.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    # pdftotext -layout keeps columns apart; collapse whitespace for phrase checks.
    return " ".join(pdf_text(path).split())


def test_a_session_in_one_action_every_figure_from_the_database(demo, call_2024, tmp_path):
    out = tmp_path / "lettere"
    result = service.generate(
        demo, call_2024, kind="auto", session_code="I", out_dir=out, today=LETTER_DAY
    )
    kinds = {row.code: row.kind for row in result.written}
    ranking = load_ranking(demo, call_2024, "I")
    entries = {e.code: e for e in ranking.entries}
    # What each application's state calls for, and nothing for a session II one.
    assert kinds["CC24-004"] == "esclusione"  # cost over the maximum
    assert kinds["CC24-021"] == "soccorso"  # a tax code to check
    assert all(
        code.startswith("CC24-0") and entries.get(code)
        for code in kinds
        if code != "CC24-021" and kinds[code] != "esclusione"
    )
    for code, kind in kinds.items():
        entry = entries[code]
        if entry.decision and entry.decision.decision == "admitted":
            assert kind == "ammissione", code
        if entry.status == "non_idoneo":
            assert kind == "non-idoneo", code
    assert not any(row.session_code == "II" for row in result.written)

    # The files: one per letter, the merged PDF, the index with the SHA-256 of each.
    assert sorted(p.name for p in result.files) == sorted(
        f"{code}-{kind}.pdf" for code, kind in kinds.items()
    )
    assert result.merged is not None and result.merged.name == "lettere-da-stampare.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(result.merged)).group(1))
    assert pages >= len(kinds)
    with (out / "indice-lettere.csv").open(encoding="utf-8-sig", newline="") as handle:
        index = list(csv.DictReader(handle, delimiter=";"))
    assert {row["codice"] for row in index} == set(kinds)
    for row in index:
        stored = (out / row["file"]).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == row["sha256"]
        assert row["pec"] and "@" in row["pec"]
    assert (out / "indice-lettere.xlsx").stat().st_size > 0

    # An admission: score, position, grant, every criterion with its maximum, the
    # threshold, the call's act, the appeal clause; nobody's name, no private note.
    admitted = next(code for code, kind in kinds.items() if kind == "ammissione")
    entry = entries[admitted]
    text = text_of((out / f"{admitted}-ammissione.pdf").read_bytes(), tmp_path)
    assert admitted in text
    assert formatting.score(entry.score, 2) in text
    assert formatting.money(entry.grant_cents) in text
    assert call_2024.letters.call_act.split(" (")[0] in text
    for criterion in call_2024.grid.criteria:
        assert criterion.name in text
        stats = entry.criteria[criterion.id]
        assert formatting.score(stats.mean, 2) in text
    assert "60" in text and "TAR Lombardia" in text and "120" in text
    for member in ("Elena Ricci", "Giulia Sala", "Laura Bianchi", "Marco Ferrario", "Paolo Villa"):
        assert member not in text

    # An exclusion: each failed rule with the value seen and the call's rule.
    text = text_of((out / "CC24-004-esclusione.pdf").read_bytes(), tmp_path)
    assert "120.000,00 €" in text and "100.000,00 €" in text
    # Nobody typed a protocol number yet: the reserved area for the segnatura.
    assert "segnatura" in text.lower()


def test_private_notes_and_who_scored_never_reach_a_letter(demo, call_2024, tmp_path):
    with demo.session() as session:
        scorers = session.scalars(
            select(CommitteeMember.name)
            .join(ScoreSheet, ScoreSheet.member_id == CommitteeMember.id)
            .join(Application, Application.id == ScoreSheet.application_id)
            .where(Application.code == "CC24-001", ScoreSheet.status == "submitted")
        ).all()
    noted = []
    for name in scorers:  # one of them has a conflict declared after scoring
        try:
            save_private_note(demo, call_2024, name, "CC24-001", "NOTA-PRIVATA-SEGRETA")
            noted.append(name)
        except SheetProblem:
            continue
    assert noted
    result = service.generate(
        demo, call_2024, kind="ammissione", codes=["CC24-001"], today=LETTER_DAY
    )
    [row] = result.written
    text = text_of(service.letter_pdf(demo, call_2024, row.code, row.kind), tmp_path)
    assert "NOTA-PRIVATA-SEGRETA" not in text
    # The quotable motivations are there, never who wrote them.
    assert "Valutazione dimostrativa" in text
    for name in scorers:
        assert name not in text


def test_the_path_of_a_letter_is_checked_and_audited(demo, call_2024, tmp_path):
    service.generate(demo, call_2024, kind="esclusione", codes=["CC24-004"], today=LETTER_DAY)
    with pytest.raises(LetterRefused, match="bozza"):
        service.record_protocol(demo, call_2024, "CC24-004", "esclusione", "123", LETTER_DAY)
    approved = service.approve(demo, call_2024, "CC24-004", "esclusione", actor="Maria Rossi")
    assert approved.state == "approved" and approved.approved_by == "Maria Rossi"
    before = approved.sha256

    # Approval freezes the letter: generating again leaves it as approved.
    again = service.generate(demo, call_2024, kind="esclusione", codes=["CC24-004"])
    assert (
        again.written == []
        and "approvata" in again.skipped[0].it
        and "approved" in again.skipped[0].en
    )
    # Taken back (with a reason), it is a draft the next batch writes again.
    with pytest.raises(service.LettersProblem, match="motivo"):
        service.reopen(demo, call_2024, "CC24-004", "esclusione", "  ")
    reopened = service.reopen(demo, call_2024, "CC24-004", "esclusione", "importo da rivedere")
    assert reopened.state == "draft" and reopened.approved_by == ""
    again = service.generate(demo, call_2024, kind="esclusione", codes=["CC24-004"])
    assert [r.version for r in again.written] == [2]
    approved = service.approve(demo, call_2024, "CC24-004", "esclusione", actor="Maria Rossi")
    before = approved.sha256

    row = service.record_protocol(
        demo, call_2024, "CC24-004", "esclusione", "PG 2025/0012345", dt.date(2025, 4, 3)
    )
    assert row.state == "protocolled" and row.sha256 != before
    text = text_of(service.letter_pdf(demo, call_2024, "CC24-004", "esclusione"), tmp_path)
    assert "PG 2025/0012345" in text and "03/04/2025" in text

    with demo.session() as session:
        letter = session.scalars(select(Letter)).one()
        assert hashlib.sha256(letter.pdf).hexdigest() == letter.sha256
        actions = [e.action for e in session.scalars(select(LetterEvent).order_by(LetterEvent.id))]
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "letter").order_by(AuditEntry.id)
        ).all()
    expected = ["generated", "approve", "reopen", "regenerated", "approve", "protocol"]
    assert actions == expected
    assert [e.action for e in entries] == expected
    assert json.loads(entries[-1].new)["sha256"] == row.sha256
    assert entries[1].actor == "Maria Rossi" and entries[4].actor == "Maria Rossi"
    with demo.session() as session:
        count, broken = audit.verify(session)
    assert broken is None and count >= 3


def test_protocol_numbers_from_the_protocol_office_csv(demo, call_2024, tmp_path):
    out = tmp_path / "lettere"
    service.generate(
        demo, call_2024, kind="non-idoneo", session_code="I", out_dir=out, today=LETTER_DAY
    )
    rows = service.list_letters(demo, call_2024)
    for row in rows:
        service.approve(demo, call_2024, row.code, row.kind)
    # The protocol office fills the index it was given and sends it back.
    with (out / "indice-lettere.csv").open(encoding="utf-8-sig", newline="") as handle:
        index = list(csv.DictReader(handle, delimiter=";"))
    for number, row in enumerate(index, 100):
        row["numero_protocollo"] = f"PG/{number}"
        row["data_protocollo"] = "04/04/2025"
    back = tmp_path / "protocollati.csv"
    with back.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(index[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(index)
    code = main(["--db", _url(demo), "letters", "protocol", "--file", str(back)])
    assert code == EXIT_OK
    stamped = service.list_letters(demo, call_2024, state="protocolled")
    assert len(stamped) == len(rows) > 0
    assert {r.protocol_number for r in stamped} == {f"PG/{n}" for n in range(100, 100 + len(rows))}

    # A file with one bad row records nothing and names the row.
    index[0]["data_protocollo"] = "31/02/2025"
    with back.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(index[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(index)
    with pytest.raises(service.LettersProblem, match="riga 2"):
        service.read_protocol_csv(back)


def test_the_preavviso_only_when_the_call_switches_it_on(demo, call_2024, tmp_path):
    with pytest.raises(service.LettersProblem, match="disattivato"):
        service.generate(demo, call_2024, kind="preavviso", codes=["CC24-004"])
    result = service.generate(demo, call_2024, kind="auto", codes=["CC24-004"])
    assert [r.kind for r in result.written] == ["esclusione"]

    switched_on = dataclasses.replace(
        call_2024, letters=dataclasses.replace(call_2024.letters, preavviso=True)
    )
    result = service.generate(demo, switched_on, kind="auto", codes=["CC24-017"], today=LETTER_DAY)
    assert [r.kind for r in result.written] == ["preavviso"]
    text = text_of(service.letter_pdf(demo, switched_on, "CC24-017", "preavviso"), tmp_path)
    assert "10-bis" in text and "10 giorni" in text
    # No appeal clause in a notice: it is not a decision.
    assert "120 giorni" not in text


def test_campaign_outcome_letters(demo, call_2024, tmp_path):
    with demo.session() as session, session.begin():
        application = session.scalars(
            select(Application).where(Application.code == "CC24-001")
        ).one()
        campaign = Campaign(
            server_url="http://127.0.0.1:1",
            external_id="c-1",
            application_code="CC24-001",
            application_id=application.id,
            link_source="auto",
            title=application.title,
            status="succeeded",
            target_cents=application.target_cents,
            raised_cents=application.target_cents + 12_345,
            donors=87,
            opens_at=dt.datetime(2025, 5, 1),
            closes_at=dt.datetime(2025, 6, 30),
            synced_at=dt.datetime(2025, 7, 1),
            page_url="https://crowdfunding.comune.milano.it/progetti/c-1",
        )
        session.add(campaign)
        session.flush()
        session.add(
            CampaignOutcome(
                campaign_id=campaign.id,
                application_id=application.id,
                reached=True,
                raised_cents=campaign.raised_cents,
                grant_cents=application.grant_cents,
                closed_at=dt.datetime(2025, 6, 30),
                recorded_at=dt.datetime(2025, 7, 1),
            )
        )
        grant, raised, target = (
            application.grant_cents,
            campaign.raised_cents,
            campaign.target_cents,
        )
    result = service.generate(demo, call_2024, kind="auto", codes=["CC24-001"], today=LETTER_DAY)
    assert [r.kind for r in result.written] == ["contributo-concesso"]
    text = text_of(service.letter_pdf(demo, call_2024, "CC24-001", "contributo-concesso"), tmp_path)
    assert formatting.money(raised) in text and formatting.money(target) in text
    assert formatting.money(grant) in text
    assert "COR" in text
    with demo.session() as session:
        letter = session.scalars(select(Letter).where(Letter.kind == "contributo-concesso")).one()
        data = json.loads(letter.data)
    # The campaign's public page, as the platform reported it, for the template.
    assert data["campagna"]["pagina"] == "https://crowdfunding.comune.milano.it/progetti/c-1"
    result = service.generate(
        demo, call_2024, kind="convenzione", codes=["CC24-001"], today=LETTER_DAY
    )
    assert [r.kind for r in result.written] == ["convenzione"]
    with pytest.raises(service.LettersProblem, match="non adatta"):
        service.generate(demo, call_2024, kind="contributo-concesso", codes=["CC24-002"])


def test_a_cancelled_batch_writes_nothing(demo, call_2024, tmp_path):
    out = tmp_path / "lettere"
    seen = []

    def cancelled():
        return len(seen) >= 3

    with pytest.raises(service.Cancelled):
        service.generate(
            demo,
            call_2024,
            session_code="I",
            out_dir=out,
            progress=lambda done, total: seen.append(done),
            cancelled=cancelled,
        )
    assert service.list_letters(demo, call_2024) == []
    assert not out.exists() or not any(out.iterdir())


def test_a_folder_that_cannot_be_written_refuses_the_batch(demo, call_2024, tmp_path):
    blocker = tmp_path / "un-file"
    blocker.write_text("non una cartella")
    with pytest.raises(service.LettersProblem, match="Nessuna lettera scritta"):
        service.generate(demo, call_2024, codes=["CC24-004"], out_dir=blocker / "lettere")
    assert service.list_letters(demo, call_2024) == []


def test_the_command_line(demo, call_2024, tmp_path, capsys):
    url = _url(demo)
    out = tmp_path / "lettere"
    code = main(
        [
            "--db",
            url,
            "letters",
            "generate",
            "--kind",
            "auto",
            "--session",
            "I",
            "--format",
            "both",
            "--out",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == EXIT_OK, captured.err
    assert "lettere scritte" in captured.out
    assert (out / "CC24-004-esclusione.docx").exists() and (
        out / "CC24-004-esclusione.pdf"
    ).exists()

    assert main(["--db", url, "letters", "list", "--format", "json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert {"codice": "CC24-004", "tipo": "esclusione"}.items() <= next(
        r for r in listed if r["codice"] == "CC24-004"
    ).items()
    assert all(r["stato"] == "bozza" for r in listed)

    assert main(["--db", url, "letters", "approve", "CC24-004", "--kind", "esclusione"]) == EXIT_OK
    assert (
        main(
            [
                "--db",
                url,
                "letters",
                "protocol",
                "CC24-004",
                "--kind",
                "esclusione",
                "--number",
                "7",
                "--date",
                "05/04/2025",
            ]
        )
        == EXIT_OK
    )
    assert "protocollo n. 7 del 05/04/2025" in capsys.readouterr().out
    # A step out of order, a bad date, an unknown code: refused, exit 2, no traceback.
    code = main(["--db", url, "letters", "approve", "CC24-004", "--kind", "esclusione"])
    assert code == EXIT_UNUSABLE
    code = main(
        [
            "--db",
            url,
            "letters",
            "protocol",
            "CC24-005",
            "--kind",
            "non-idoneo",
            "--number",
            "8",
            "--date",
            "32/01/2025",
        ]
    )
    assert code == EXIT_UNUSABLE
    code = main(
        ["--db", url, "letters", "generate", "--kind", "auto", "--code", "XX-1", "--out", str(out)]
    )
    assert code == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "Traceback" not in err and "XX-1" in err


def _url(database) -> str:
    url = database.engine.url
    if url.get_backend_name() == "sqlite":
        return url.database
    return url.render_as_string(hide_password=False)


def _pdfinfo(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_a_database_reopened_keeps_the_letters(database_url, call_2024, tmp_path):
    database = open_database(database_url)
    try:
        import_applications(
            database, resources_dir() / "demo" / "domande-demo.xlsx", call_2024, user="demo"
        )
        prepare_demo_evaluation(database, call_2024)
        written = service.generate(database, call_2024, codes=["CC24-004"]).written
    finally:
        database.close()
    database = open_database(database_url)
    try:
        [row] = service.list_letters(database, call_2024)
        assert row.sha256 == written[0].sha256
        pdf = service.letter_pdf(database, call_2024, "CC24-004", "esclusione")
        assert hashlib.sha256(pdf).hexdigest() == row.sha256
    finally:
        database.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_worker_processes_write_the_same_letters(demo, call_2024, monkeypatch):
    codes = ["CC24-001", "CC24-002", "CC24-004", "CC24-005", "CC24-021"]
    serial = service.generate(demo, call_2024, codes=codes, today=LETTER_DAY)
    assert service._workers(len(codes)) == 1
    monkeypatch.setattr(service, "PARALLEL_FROM", 2)
    monkeypatch.setattr(service, "CHUNK", 2)
    assert service._workers(len(codes)) >= 1
    steps = []
    pooled = service.generate(
        demo, call_2024, codes=codes, today=LETTER_DAY, progress=lambda d, t: steps.append(d)
    )
    # Same data, same day: byte for byte the same PDF/A, whichever process drew it.
    assert [r.sha256 for r in pooled.written] == [r.sha256 for r in serial.written]
    assert [r.version for r in pooled.written] == [2] * len(codes)
    assert steps[-1] == len(codes)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_broken_worker_pool_falls_back_to_one_process(demo, call_2024, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    def broken(*args, **kwargs):
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(service, "PARALLEL_FROM", 2)
    monkeypatch.setattr(service, "_workers", lambda count: 2)
    monkeypatch.setattr(service, "_render_in_workers", broken)
    result = service.generate(demo, call_2024, codes=["CC24-001", "CC24-004"], today=LETTER_DAY)
    assert [r.code for r in result.written] == ["CC24-001", "CC24-004"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cancel_while_workers_render_writes_nothing(demo, call_2024, monkeypatch, tmp_path):
    monkeypatch.setattr(service, "PARALLEL_FROM", 2)
    monkeypatch.setattr(service, "CHUNK", 1)
    monkeypatch.setattr(service, "_workers", lambda count: 2)
    seen = []
    with pytest.raises(service.Cancelled):
        service.generate(
            demo,
            call_2024,
            session_code="I",
            out_dir=tmp_path / "lettere",
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: bool(seen),
        )
    assert service.list_letters(demo, call_2024) == []
    assert not any((tmp_path / "lettere").iterdir())
