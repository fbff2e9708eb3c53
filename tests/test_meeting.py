"""A whole sitting of the demo committee on session II, on both databases: opening
with attendance, declarations, the agenda and its optimised order, items with
conflicted members leaving and returning, decisions (one against the proposal,
refused then confirmed; one without quorum, refused), notes, closing; the minutes
read back (PDF with pdftotext, DOCX with python-docx) against the database; the
decisions in the ranking and in the letters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Application, AuditEntry, CommitteeMember, Conflict
from desktop.cli import EXIT_OK, EXIT_UNUSABLE, main
from desktop.domain import formatting
from desktop.domain import meeting as rules
from desktop.importing.service import import_applications
from desktop.paths import resources_dir
from desktop.services import audit, meeting
from desktop.services.demo import prepare_demo_evaluation
from desktop.services.ranking import load_ranking
from tests.test_ranking_service import pdf_text

SESSION = "II"
PRESENT = ["Laura Bianchi", "Marco Ferrario", "Giulia Sala", "Paolo Villa", "Elena Ricci"]
DAY = dt.date(2025, 11, 12)
PLACE = "Palazzo Marino, Sala Alessi"


@pytest.fixture
def demo(database, call_2024):
    import_applications(
        database, resources_dir() / "demo" / "domande-demo.xlsx", call_2024, user="demo"
    )
    prepare_demo_evaluation(database, call_2024)
    return database


def url_of(database) -> str:
    url = database.engine.url
    if url.get_backend_name() == "sqlite":
        return url.database
    return url.render_as_string(hide_password=False)


def flat(text: str) -> str:
    return " ".join(text.split())


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(meeting.MeetingProblem) as caught:
        call(*args, **kwargs)
    return caught.value.it


def test_a_whole_sitting_and_its_minutes(demo, call_2024, tmp_path):
    db, call = demo, call_2024
    assert meeting.current_sitting(db, call) is None
    view = meeting.open_sitting(
        db, call, SESSION, date=DAY, place=PLACE, present=PRESENT, secretary="Marco Ferrario"
    )
    assert (view.number, view.state, view.date, view.place) == (1, "open", DAY, PLACE)
    roles = {a.member: a.role for a in view.attendance}
    assert roles["Laura Bianchi"] == "chair" and roles["Marco Ferrario"] == "secretary"
    assert meeting.current_sitting(db, call).id == view.id
    assert "ancora aperta" in refused(meeting.open_sitting, db, call, SESSION, present=PRESENT)

    # Declarations: none for three, a new conflict for Giulia Sala and for Elena Ricci.
    for name in ("Laura Bianchi", "Paolo Villa", "Marco Ferrario"):
        meeting.declare(db, call, name)
    meeting.declare(db, call, "Giulia Sala", [("CC24-034", "consigliera della capofila")])
    view = meeting.declare(db, call, "Elena Ricci", [("CC24-030", "socia della capofila")])
    assert [(d.member, d.code) for d in view.declarations][-2:] == [
        ("Giulia Sala", "CC24-034"),
        ("Elena Ricci", "CC24-030"),
    ]
    with db.session() as session:
        conflict = session.scalars(
            select(Conflict)
            .join(CommitteeMember, CommitteeMember.id == Conflict.member_id)
            .join(Application, Application.id == Conflict.application_id)
            .where(CommitteeMember.name == "Giulia Sala", Application.code == "CC24-034")
        ).one()
        assert (conflict.source, conflict.status) == ("declared", "confirmed")

    # The agenda: the ranking's order, then the rest; never the excluded.
    ranking = load_ranking(db, call, SESSION)
    agenda = meeting.agenda(db, call)
    codes = [i.code for i in agenda.items]
    ranked = [e.code for e in ranking.entries if e.position is not None]
    assert codes[: len(ranked)] == ranked
    excluded = {e.code for e in ranking.entries if e.status == "non_ammissibile"}
    assert excluded and not excluded & set(codes)
    to_check = [e.code for e in ranking.entries if e.status == "da_verificare"]
    assert codes[-len(to_check) :] == to_check

    # Optimised: Elena Ricci's two conflicts (030 declared, 039 detected) come together.
    optimised = meeting.agenda(db, call, optimise=True)
    assert optimised.exits_before == agenda.exits_current == 3
    assert optimised.saving > 0
    # Checked against a brute force over one item per conflict set (grouping costs nothing).
    groups = {}
    for item in optimised.items:
        groups.setdefault(frozenset(item.conflicted), item)
    representatives = [
        rules.AgendaEntry(i.code, i.position, frozenset(i.conflicted)) for i in groups.values()
    ]
    best = rules.brute_force_order(representatives)
    assert optimised.exits_after == rules.exits([e.conflicted for e in best]) == 2
    applied = meeting.apply_order(db, call, [i.code for i in optimised.items])
    assert [i.code for i in applied.items] == [i.code for i in optimised.items]
    assert applied.exits_current == 2
    order = [i.code for i in applied.items]
    assert order.index("CC24-039") == order.index("CC24-030") + 1

    # Item 1: Elena Ricci must leave; nothing is decided while she is in the room.
    item = meeting.start_item(db, call, "CC24-030")
    assert item.must_leave == ("Elena Ricci",) and not item.cleared
    assert "ancora in aula" in refused(
        meeting.decide, db, call, "CC24-030", "admitted", "Progetto solido."
    )
    assert "nessun conflitto" in refused(
        meeting.confirm_left, db, call, "CC24-030", ["Giulia Sala"]
    )
    item = meeting.confirm_left(db, call, "CC24-030", ["Elena Ricci"])
    assert item.cleared and item.out == ("Elena Ricci",)
    room = meeting.room_state(db, call)
    assert room.current.code == "CC24-030" and room.cleared
    assert room.next.code == "CC24-039"
    entry = {e.code: e for e in load_ranking(db, call, SESSION).entries}["CC24-030"]
    assert room.current.total == entry.score
    assert room.current.proposal.above_line
    meeting.note(db, call, "CC24-030", "La commissione apprezza la rete di consegne.")
    # The vote must count those who may vote: 4 voting present, 1 out → 3.
    assert "possono votare 3" in refused(
        meeting.decide, db, call, "CC24-030", "admitted", "Progetto solido.", (2, 0, 0)
    )
    decision = meeting.decide(db, call, "CC24-030", "admitted", "Progetto solido.", (3, 0, 0))
    assert decision.admitted_total_cents == entry.grant_cents

    # Item 2: Elena Ricci stays out (conflicted again): deferred.
    item = meeting.start_item(db, call, "CC24-039")
    assert item.must_leave == () and item.may_return == () and item.cleared
    meeting.decide(db, call, "CC24-039", "deferred", "Valutazione incompleta: manca un foglio.")

    # Item 3: Elena Ricci returns; not admitting a fundable one departs from the proposal.
    first_non_conflicted = next(
        i.code for i in applied.items if i.state == "pending" and not i.conflicted
    )
    item = meeting.start_item(db, call, first_non_conflicted)
    assert item.may_return == ("Elena Ricci",) and item.cleared
    assert meeting.room_state(db, call).calls_back == ("Elena Ricci",)
    text = refused(
        meeting.decide, db, call, first_non_conflicted, "not_admitted", "Alleanza debole."
    )
    assert "difforme dalla proposta" in text and "Finanziabile" in text
    assert "linea di finanziamento" in text and "budget" in text
    meeting.decide(
        db,
        call,
        first_non_conflicted,
        "not_admitted",
        "Alleanza debole.",
        confirm_departure=True,
    )

    # Item 4: Giulia Sala leaves for CC24-034 and returns for the next.
    item = meeting.start_item(db, call, "CC24-034")
    assert item.must_leave == ("Giulia Sala",)
    meeting.confirm_left(db, call, "CC24-034", ["Giulia Sala"])
    assert not meeting.pause_timer(db, call).timer_running
    assert not meeting.room_state(db, call).timer_running
    assert meeting.resume_timer(db, call).timer_running
    meeting.note(db, call, "CC24-034", "Discussione sul mercato coperto.")
    meeting.decide(db, call, "CC24-034", "admitted", "Buon impatto sul quartiere.")

    # Item 5 (below the minimum): without quorum refused; then admitted against the
    # proposal, confirmed.
    meeting.set_attendance(db, call, "Paolo Villa", False)
    item = meeting.start_item(db, call, "CC24-025")
    assert item.may_return == ("Giulia Sala",)
    assert "manca il quorum" in refused(
        meeting.decide, db, call, "CC24-025", "admitted", "Progetto innovativo."
    )
    meeting.set_attendance(db, call, "Paolo Villa", True)
    text = refused(meeting.decide, db, call, "CC24-025", "admitted", "Progetto innovativo.")
    assert "sotto la soglia minima" in text
    meeting.decide(
        db,
        call,
        "CC24-025",
        "admitted",
        "Progetto innovativo.",
        (3, 1, 0),
        confirm_departure=True,
    )

    # A draft while open: BOZZA on every page.
    sitting_id = view.id
    draft = tmp_path / "bozza.pdf"
    meeting_minutes(db, call, sitting_id, draft)
    draft_text = pdf_text(draft)
    pages = draft_text.count("pagina ")
    assert pages >= 2 and draft_text.count("BOZZA") >= pages

    closed = meeting.close_sitting(db, call)
    assert closed.state == "closed" and closed.closed_at is not None
    assert meeting.current_sitting(db, call) is None
    assert "non si riapre" in refused(meeting.resume_sitting, db, call, sitting_id)

    # The decisions in the ranking.
    ranking = load_ranking(db, call, SESSION)
    entries = {e.code: e for e in ranking.entries}
    decided = {c: e.decision.decision for c, e in entries.items() if e.decision}
    assert decided == {
        "CC24-030": "admitted",
        first_non_conflicted: "not_admitted",
        "CC24-034": "admitted",
        "CC24-025": "admitted",
    }

    # The final minutes, every figure equal to the database.
    out = tmp_path / "verbale.pdf"
    meeting_minutes(db, call, sitting_id, out)
    raw = pdf_text(out, layout=False)
    text = flat(raw)
    assert "BOZZA" not in text
    for words in (
        "Verbale della seduta n. 1",
        call.authority,
        call.city,
        call.title,
        "sessione II",
        formatting.date(DAY),
        PLACE,
        f"Apertura {closed.opened_at:%H:%M}",
        f"Chiusura {closed.closed_at:%H:%M}",
        "Laura Bianchi presidente presente",
        "Marco Ferrario segretario presente",
        "Sono presenti 4 componenti con diritto di voto su 4",
        "collegio perfetto",
        "conflitto di interessi sulla domanda CC24-030: socia della capofila",
        "conflitto di interessi sulla domanda CC24-034: consigliera della capofila",
        "nessun conflitto di interessi",
        "Elena Ricci esce conflitto di interessi",
        "Elena Ricci rientra",
        "Giulia Sala esce conflitto di interessi",
        "Giulia Sala rientra",
        "Punteggio minimo per l'idoneità: 60",
        "media dei totali",
        "La commissione apprezza la rete di consegne.",
        "Discussione sul mercato coperto.",
        "domanda ammessa, con voti favorevoli 3, contrari 0, astenuti 0",
        "domanda ammessa, con voti favorevoli 3, contrari 1, astenuti 0 (decisione difforme",
        "domanda non ammessa, all'unanimità",
        "domanda rinviata",
        "Motivazioni: Progetto solido.",
        "Valutazione incompleta: manca un foglio.",
        "Letto, approvato e sottoscritto",
        "Il Presidente: Laura Bianchi",
        "Il Segretario verbalizzante: Marco Ferrario",
        "Il Componente: Elena Ricci",
        f"Budget della sessione: {formatting.money(ranking.budget_cents)}",
        f"{formatting.money(ranking.funded_total_cents)} ({ranking.funded_count} progetti)",
    ):
        assert words in text, words
    for criterion in call.grid.criteria:
        assert criterion.name in text
    for code in ("CC24-030", "CC24-034", "CC24-025"):
        entry = entries[code]
        section = text[text.index(f"Domanda {code}") :]
        section = section[: section.index("Decisione:")]
        for stats in entry.criteria.values():
            assert formatting.score(stats.mean, 2) in section
        assert f"Totale {formatting.score(entry.score, 2)}" in section
    for entry in ranking.ranked:
        assert entry.code in text and formatting.money(entry.cumulative_grant_cents) in text
    admitted = sum(
        e.grant_cents for e in ranking.entries if e.decision and e.decision.decision == "admitted"
    )
    assert f"ammesse dalla commissione: {formatting.money(admitted)}" in text
    pages = raw.count("pagina ")
    assert f"pagina {pages} di {pages}" in text and "pagina 1 di" in text
    with db.engine.connect() as connection:
        head = audit.head(connection)
    # The audit chain's head, whole, at the end (COUNT:HASH).
    assert head.text() in raw.replace("\n", "").replace(" ", "")[-400:]

    # PDF/A: the fonts embedded, the XMP says part 2 B.
    import pikepdf

    with pikepdf.open(out) as document:
        meta = document.open_metadata()
        assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"

    # The DOCX twin says the same.
    from docx import Document

    twin = tmp_path / "verbale.docx"
    meeting_minutes(db, call, sitting_id, twin)
    document = Document(str(twin))
    words = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Letto, approvato e sottoscritto" in words
    assert "La commissione apprezza la rete di consegne." in words
    assert head.text() in words
    assert PLACE in cells and "Elena Ricci" in cells and "esce" in cells
    assert formatting.money(entries["CC24-030"].grant_cents) in cells

    # Every change audited, the chain intact.
    with db.session() as session:
        entities = set(session.scalars(select(AuditEntry.entity)).all())
    assert {
        "sitting",
        "sitting_declaration",
        "agenda",
        "agenda_item",
        "decision",
        "sitting_attendance",
        "conflict",
    } <= entities
    assert audit.check_log(db.engine.connect()).broken is None


def meeting_minutes(db, call, sitting_id, path: Path) -> None:
    from desktop.exporting.minutes import write_minutes

    write_minutes(db, call, sitting_id, path)


def test_the_decisions_reach_the_letters(demo, call_2024, tmp_path):
    db, call = demo, call_2024
    meeting.open_sitting(db, call, SESSION, present=PRESENT)
    for code, outcome, confirm in (
        ("CC24-030", "admitted", False),
        ("CC24-026", "not_admitted", True),
        ("CC24-025", "admitted", True),
    ):
        item = meeting.start_item(db, call, code)
        if item.must_leave:
            meeting.confirm_left(db, call, code, list(item.must_leave))
        meeting.decide(
            db, call, code, outcome, "Motivazioni della commissione.", confirm_departure=confirm
        )
    meeting.close_sitting(db, call)
    out = tmp_path / "lettere"
    code = main(
        [
            "--db",
            url_of(db),
            "letters",
            "generate",
            "--kind",
            "auto",
            "--session",
            SESSION,
            "--code",
            "CC24-030",
            "--code",
            "CC24-026",
            "--code",
            "CC24-025",
            "--out",
            str(out),
        ]
    )
    assert code == EXIT_OK
    names = sorted(p.name for p in out.glob("CC24-*.pdf"))
    assert names == [
        "CC24-025-ammissione.pdf",
        "CC24-026-idoneo-non-finanziato.pdf",
        "CC24-030-ammissione.pdf",
    ]


def test_the_command_line(demo, call_2024, tmp_path, capsys):
    url = url_of(demo)

    def run(*args) -> tuple[int, str, str]:
        code = main(["--db", url, *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    code, _, err = run("meeting", "decide", "CC24-030", "--admitted", "--reasons", "x")
    assert code == EXIT_UNUSABLE and "nessuna seduta aperta" in err
    code, _, err = run("meeting", "open", "--session", "III", "--present", "Laura Bianchi")
    assert code == EXIT_UNUSABLE and "sessione" in err
    code, _, err = run(
        "meeting", "open", "--session", "II", "--date", "31/02/2025", "--present", "Laura Bianchi"
    )
    assert code == EXIT_UNUSABLE
    code, out, _ = run(
        "meeting",
        "open",
        "--session",
        "II",
        "--date",
        "12/11/2025",
        "--place",
        PLACE,
        "--present",
        *PRESENT,
    )
    assert code == EXIT_OK and "Seduta n. 1" in out
    code, out, _ = run(
        "meeting", "declare", "Elena Ricci", "--conflict", "CC24-030", "--reason", "socia"
    )
    assert code == EXIT_OK
    code, _, err = run("meeting", "declare", "Elena Ricci", "--conflict", "CC24-030")
    assert code == EXIT_UNUSABLE
    code, out, _ = run("meeting", "agenda", "--optimise", "--format", "json")
    data = json.loads(out)
    assert code == EXIT_OK and data["exits_after"] < data["exits_before"]
    code, out, _ = run("meeting", "agenda", "--optimise", "--apply")
    assert code == EXIT_OK and "adottato" in out
    code, out, _ = run("meeting", "start", "CC24-030")
    assert code == EXIT_OK and "Devono uscire: Elena Ricci" in out
    code, _, err = run("meeting", "decide", "CC24-030", "--admitted", "--reasons", "Buono")
    assert code == EXIT_UNUSABLE and "ancora in aula" in err
    assert run("meeting", "left", "CC24-030", "Elena Ricci")[0] == EXIT_OK
    code, _, err = run(
        "meeting", "decide", "CC24-030", "--admitted", "--reasons", "Buono", "--votes", "3,x,0"
    )
    assert code == EXIT_UNUSABLE and "favorevoli" in err
    code, out, _ = run(
        "meeting", "decide", "CC24-030", "--admitted", "--reasons", "Buono", "--votes", "3,0,0"
    )
    assert code == EXIT_OK and "ammessa" in out
    assert run("meeting", "note", "CC24-030", "--text", "Sintesi.")[0] == EXIT_OK
    # A member leaving the sitting (not for a conflict) and coming back: audited.
    code, out, _ = run("meeting", "attendance", PRESENT[-1], "--absent")
    assert code == EXIT_OK and "assente" in out
    assert run("meeting", "attendance", PRESENT[-1], "--present")[0] == EXIT_OK
    code, _, err = run("meeting", "attendance", "Nessuno", "--present")
    assert code == EXIT_UNUSABLE
    code, _, err = run("minutes", "--out", str(tmp_path / "verbale.txt"))
    assert code == EXIT_UNUSABLE and ".pdf o .docx" in err
    code, out, _ = run("minutes", "--out", str(tmp_path / "bozza.pdf"))
    assert code == EXIT_OK and "BOZZA" in out
    assert run("meeting", "close")[0] == EXIT_OK
    code, out, _ = run("meeting", "list", "--format", "json")
    assert code == EXIT_OK and json.loads(out)[0]["state"] == "closed"
    code, _, err = run("meeting", "close")
    assert code == EXIT_UNUSABLE
    code, out, _ = run("minutes", "--meeting", "1", "--out", str(tmp_path / "verbale.docx"))
    assert code == EXIT_OK and (tmp_path / "verbale.docx").stat().st_size > 0
    code, _, err = run("minutes", "--meeting", "99", "--out", str(tmp_path / "x.pdf"))
    assert code == EXIT_UNUSABLE and "non trovata" in err
