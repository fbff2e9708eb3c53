"""The ranking read from the database, on SQLite and PostgreSQL: which sheets count,
the session's budget, decisions with their audit entries, and the exports read back
(CSV, XLSX, PDF through pdftotext and pdftoppm).

Sheets are written with the ORM models directly: the sheets service is written
apart, and these tests pin down what the ranking makes of the tables."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import (
    Applicant,
    Application,
    Assignment,
    AuditEntry,
    CommitteeMember,
    Conflict,
    Decision,
    PrivateNote,
    ScoreSheet,
    SheetScore,
)
from desktop.domain import scoring
from desktop.exporting.ranking import ExportProblem, export_evaluation_summary, export_ranking
from desktop.services import audit
from desktop.services.ranking import (
    DecisionRefused,
    clear_decision,
    evaluation_summary,
    load_decisions,
    load_ranking,
    session_budget,
    set_decision,
)
from desktop.services.store import NotFound, ensure_call, objectives_mask
from tests.test_exporting import assert_fonts_embedded

NOW = dt.datetime(2025, 2, 10, 9, 0)
PRIVATE = "NOTA PRIVATA: non deve uscire"

# The hand example of tests/test_scoring.py (see the computation there), in session I:
# ranking A1, A2, A4, A3, A6; A5 below the minimum; at 150.000 € the line falls
# under A4 (135.000 € funded), strictly.
HAND = {
    "A1": [(18, 17, 22, 18, 13), (17, 16, 21, 17, 12), (19, 18, 23, 18, 14)],
    "A2": [(15, 15, 20, 15, 10), (16, 14, 19, 15, 11), (14, 15, 21, 14, 11)],
    "A3": [(16, 14, 18, 15, 12), (15, 15, 20, 14, 11), (15, 15, 19, 15, 11)],
    "A4": [(14, 14, 19, 14, 11), (15, 15, 19, 15, 11), (16, 14, 19, 15, 14)],
    "A5": [(12, 11, 15, 12, 9), (12, 12, 15, 12, 9), (12, 12, 16, 12, 8)],
    "A6": [(19, 19, 24, 19, 14), (10, 10, 12, 10, 8), (15, 15, 18, 15, 12)],
}
GRANTS = {"A1": 50_000, "A2": 45_000, "A3": 30_000, "A4": 40_000, "A5": 20_000, "A6": 10_000}
SUBMITTED = {"A3": (dt.date(2025, 1, 12), dt.time(9, 30)), "A4": (dt.date(2025, 1, 11), dt.time(9))}
EVALUATORS = ("Rossi Anna", "Bianchi Marco", "Verdi Luisa")


def add_application(session, call, code, *, grant_euros=10_000, session_code="I", **fields):
    day, at = SUBMITTED.get(code, (dt.date(2025, 1, 10), dt.time(9)))
    application = Application(
        call_id=call.id,
        code=code,
        title=fields.pop("title", f"Progetto {code}"),
        submitted_on=fields.pop(
            "submitted_on", day if session_code == "I" else dt.date(2025, 7, 1)
        ),
        submitted_time=at,
        session_code=session_code,
        district=fields.pop("district", 3),
        objectives_mask=objectives_mask(fields.pop("objectives", (1, 3))),
        cost_cents=grant_euros * 200,
        grant_cents=grant_euros * 100,
        eligibility=fields.pop("eligibility", "pass"),
        contact_person="Mario Bianchi Referente",
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )
    application.members = [
        Applicant(
            position=0,
            role="capofila",
            name=f"Bottega {code} S.r.l.",
            tax_code="12345678903",
            pec=f"bottega-{code.lower()}@pec.example.it",
            email=f"info-{code.lower()}@example.it",
        ),
        Applicant(
            position=1,
            role="partner",
            name=f"Partner di {code} APS",
            tax_code="RSSMRA80A01F205X",
            pec="partner@pec.example.it",
            email="partner@example.it",
        ),
    ]
    session.add(application)
    session.flush()
    return application


def add_member(session, call, name, role="member"):
    member = CommitteeMember(
        call_id=call.id, name=name, role=role, email="m@example.it", created_at=NOW
    )
    session.add(member)
    session.flush()
    return member


def add_sheet(
    session, call, member, application, points, *, status="submitted", motivation="", comment=""
):
    sheet = ScoreSheet(
        member_id=member.id,
        application_id=application.id,
        status=status,
        motivation=motivation,
        updated_at=NOW,
        submitted_at=NOW if status == "submitted" else None,
    )
    session.add(sheet)
    session.flush()
    for criterion, value in zip(call.grid.criteria, points, strict=False):
        session.add(
            SheetScore(
                sheet_id=sheet.id,
                criterion=criterion.id,
                score_hundredths=None if value is None else value * 100,
                comment=comment if criterion.id == "impatto_quartiere" else "",
            )
        )
    session.flush()
    return sheet


def seed_hand_example(database, call, *, assign=True):
    """The six applications of the hand example, three evaluators each, in session I."""
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call)
        members = [add_member(session, call, name) for name in EVALUATORS]
        applications = {}
        for code, sheets in HAND.items():
            application = add_application(session, call, code, grant_euros=GRANTS[code])
            applications[code] = application.id
            for member, points in zip(members, sheets, strict=True):
                if assign:
                    session.add(
                        Assignment(
                            member_id=member.id,
                            application_id=application.id,
                            source="auto",
                            created_at=NOW,
                        )
                    )
                add_sheet(
                    session,
                    call,
                    member,
                    application,
                    points,
                    motivation=f"{member.name.split()[0]}: progetto {code} coerente con il bando",
                    comment=f"impatto di {code} secondo {member.name.split()[0]}",
                )
            session.add(
                PrivateNote(
                    member_id=members[0].id,
                    application_id=application.id,
                    text=PRIVATE,
                    updated_at=NOW,
                )
            )
    return {m.name: m.id for m in members}, applications


def codes(entries):
    return [e.code for e in entries]


# --------------------------------------------------------------------------- the ranking


def test_the_ranking_matches_the_hand_computation(database, call_2024):
    seed_hand_example(database, call_2024)
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    assert codes(result.entries) == ["A1", "A2", "A4", "A3", "A6", "A5"]
    assert [e.position for e in result.entries] == [1, 2, 3, 4, 5, None]
    assert [e.status for e in result.entries] == [
        scoring.FUNDABLE,
        scoring.FUNDABLE,
        scoring.FUNDABLE,
        scoring.NOT_FUNDED,
        scoring.NOT_FUNDED,
        scoring.BELOW_MINIMUM,
    ]
    assert (result.funded_count, result.funded_total_cents, result.left_cents) == (
        3,
        135_000_00,
        15_000_00,
    )
    first = result.entries[0]
    assert (first.score, first.evaluators, first.expected_evaluators) == (Decimal("87.67"), 3, 3)
    assert first.lead_partner == "Bottega A1 S.r.l." and first.title == "Progetto A1"
    assert first.criteria["impatto_quartiere"].mean == Decimal("22.00")
    assert [(d.code, d.spread) for d in result.disagreements] == [("A6", Decimal("45.00"))]
    assert {name for name, _total in result.disagreements[0].totals} == set(EVALUATORS)
    assert sum(g.grant_cents for g in result.by_district) == 135_000_00
    # What-if: the same ranking at another budget, without reading the database again.
    moved = result.with_budget(50_000_00)
    assert [e.status for e in moved.entries][:2] == [scoring.FUNDABLE, scoring.NOT_FUNDED]
    again = load_ranking(database, call_2024, "I", budget_cents=50_000_00)
    assert [e.status for e in again.entries] == [e.status for e in moved.entries]
    assert (moved.funded_count, moved.left_cents) == (1, 0)


def test_drafts_and_conflicted_sheets_do_not_count(database, call_2024):
    members, applications = seed_hand_example(database, call_2024)
    with database.session() as session, session.begin():
        # A fourth member scores A1 very low, but has a proposed conflict with it.
        intruder = add_member(session, call_2024, "Neri Paolo")
        a1 = session.get(Application, applications["A1"])
        add_sheet(session, call_2024, intruder, a1, (0, 0, 0, 0, 0))
        session.add(
            Assignment(member_id=intruder.id, application_id=a1.id, source="manual", created_at=NOW)
        )
        session.add(
            Conflict(
                member_id=intruder.id,
                application_id=a1.id,
                source="detected",
                status="proposed",
                reason="socio del capofila",
                created_at=NOW,
            )
        )
        # Verdi's sheet on A2 goes back to draft.
        sheet = session.scalars(
            select(ScoreSheet).where(
                ScoreSheet.member_id == members["Verdi Luisa"],
                ScoreSheet.application_id == applications["A2"],
            )
        ).one()
        sheet.status = "draft"
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    by_code = {e.code: e for e in result.entries}
    assert by_code["A1"].score == Decimal("87.67") and by_code["A1"].evaluators == 3
    assert by_code["A1"].expected_evaluators == 3  # the conflicted assignment is not expected
    assert by_code["A2"].status == scoring.INCOMPLETE and by_code["A2"].position is None
    assert (by_code["A2"].evaluators, by_code["A2"].expected_evaluators) == (2, 3)
    assert codes(result.ranked) == ["A1", "A4", "A3", "A6"]

    summary = evaluation_summary(database, call_2024, "A1")
    assert summary.excluded_for_conflict == 1
    assert "Neri Paolo" not in [s.member for s in summary.sheets]

    # Dismissed by the secretariat: the sheet counts, and A1 drops to (88+83+92+0)/4.
    with database.session() as session, session.begin():
        conflict = session.scalars(select(Conflict)).one()
        conflict.status = "dismissed"
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    a1 = next(e for e in result.entries if e.code == "A1")
    assert (a1.evaluators, a1.expected_evaluators, a1.score) == (4, 4, Decimal("65.75"))


def test_without_assignments_the_grid_says_how_many_evaluators(database, call_2024):
    seed_hand_example(database, call_2024, assign=False)
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    assert {e.expected_evaluators for e in result.entries} == {3}
    assert codes(result.ranked) == ["A1", "A2", "A4", "A3", "A6"]


def test_eligibility_outcomes_are_listed_but_not_ranked(database, call_2024):
    seed_hand_example(database, call_2024)
    with database.session() as session, session.begin():
        for code, outcome in (("B-FAIL", "fail"), ("B-CHECK", "check")):
            add_application(session, call_2024, code, eligibility=outcome)
    result = load_ranking(database, call_2024, "I")
    statuses = {e.code: e.status for e in result.entries}
    assert statuses["B-FAIL"] == scoring.INADMISSIBLE
    assert statuses["B-CHECK"] == scoring.TO_CHECK
    assert codes(result.entries)[-2:] == ["B-CHECK", "B-FAIL"]


def test_the_session_budget_rule(database, call_2024):
    seed_hand_example(database, call_2024)
    with database.session() as session, session.begin():
        member_ids = [m.id for m in session.scalars(select(CommitteeMember))]
        for code in ("B1", "B2"):
            application = add_application(
                session, call_2024, code, grant_euros=30_000, session_code="II"
            )
            for member_id in member_ids:
                member = session.get(CommitteeMember, member_id)
                add_sheet(session, call_2024, member, application, (18, 18, 22, 18, 13))
    # No session budget in the 2024 call file: the call's 600.000 € less what earlier
    # sessions' decisions admitted.
    assert session_budget(database, call_2024, "I") == (600_000_00, "call_remaining", 0)
    assert session_budget(database, call_2024, "II") == (600_000_00, "call_remaining", 0)
    set_decision(database, call_2024, "A1", "admitted", "Primo in graduatoria", user="segreteria")
    set_decision(database, call_2024, "A2", "admitted", "Secondo in graduatoria", user="segreteria")
    set_decision(database, call_2024, "A3", "not_admitted", "Oltre la linea", user="segreteria")
    # Proposals do not count, decisions do: 600.000 − 50.000 − 45.000.
    budget = session_budget(database, call_2024, "II")
    assert budget == (505_000_00, "call_remaining", 95_000_00)
    result = load_ranking(database, call_2024, "II")
    assert (result.budget_cents, result.budget_source) == (505_000_00, "call_remaining")
    assert codes(result.entries) == ["B1", "B2"]
    # Session I has no earlier session: its budget is the call's.
    assert load_ranking(database, call_2024, "I").budget_cents == 600_000_00
    # A session with its own budget in the call file uses it.
    sessions = tuple(
        dataclasses.replace(s, budget_cents=40_000_00) if s.code == "II" else s
        for s in call_2024.sessions
    )
    split = dataclasses.replace(call_2024, sessions=sessions)
    result = load_ranking(database, split, "II")
    assert (result.budget_cents, result.budget_source, result.funded_count) == (
        40_000_00,
        "session",
        1,
    )
    # Never below zero.
    admitted_everything = dataclasses.replace(call_2024, budget_cents=60_000_00)
    assert session_budget(database, admitted_everything, "II")[0] == 0
    with pytest.raises(NotFound, match="III"):
        load_ranking(database, call_2024, "III")


# --------------------------------------------------------------------------- decisions


def test_decisions_need_reasons_replace_each_other_and_are_audited(database, call_2024):
    seed_hand_example(database, call_2024)
    with pytest.raises(DecisionRefused, match="motivazioni"):
        set_decision(database, call_2024, "A1", "admitted", "   ")
    with pytest.raises(DecisionRefused, match="admitted"):
        set_decision(database, call_2024, "A1", "maybe", "perché sì")
    with pytest.raises(NotFound):
        set_decision(database, call_2024, "ZZ-999", "admitted", "motivo")
    with database.session() as session:
        assert session.scalars(select(Decision)).all() == []
        assert session.scalars(select(AuditEntry)).all() == []

    set_decision(
        database, call_2024, "A4", "admitted", "Punteggio 75, entro il budget", user="presidente"
    )
    row = set_decision(
        database, call_2024, "A4", "not_admitted", "Rinuncia del proponente", user="segretaria"
    )
    assert (row.decision, row.decided_by) == ("not_admitted", "segretaria")
    decisions = load_decisions(database, call_2024)
    assert list(decisions) == ["A4"]
    assert decisions["A4"].reasons == "Rinuncia del proponente"

    # The proposal and the decision side by side.
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    a4 = next(e for e in result.entries if e.code == "A4")
    assert a4.status == scoring.FUNDABLE and a4.decision.decision == "not_admitted"

    assert clear_decision(database, call_2024, "A4", user="segretaria") is True
    assert clear_decision(database, call_2024, "A4") is False
    assert load_decisions(database, call_2024) == {}

    with database.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(e.entity, e.entity_key, e.action, e.actor) for e in entries] == [
            ("decision", "A4", "set", "presidente"),
            ("decision", "A4", "set", "segretaria"),
            ("decision", "A4", "clear", "segretaria"),
        ]
        assert entries[0].old == ""
        assert json.loads(entries[1].old) == {
            "decision": "admitted",
            "reasons": "Punteggio 75, entro il budget",
        }
        assert json.loads(entries[1].new)["decision"] == "not_admitted"
        assert entries[2].new == ""
        assert audit.verify(session) == (3, None)


# --------------------------------------------------------------------------- summary


def test_the_evaluation_summary_has_motivations_but_never_private_notes(
    database, call_2024, tmp_path
):
    seed_hand_example(database, call_2024)
    summary = evaluation_summary(database, call_2024, "A6")
    assert summary.score == Decimal("73.33") and summary.spread == Decimal("45.00")
    assert summary.disagreement and summary.complete
    assert sorted(summary.totals) == sorted(
        [
            ("Rossi Anna", Decimal("95.00")),
            ("Bianchi Marco", Decimal("50.00")),
            ("Verdi Luisa", Decimal("75.00")),
        ]
    )
    rossi = next(s for s in summary.sheets if s.member == "Rossi Anna")
    assert rossi.motivation == "Rossi: progetto A6 coerente con il bando"
    assert rossi.comments == {"impatto_quartiere": "impatto di A6 secondo Rossi"}
    assert rossi.scores["impatto_quartiere"] == Decimal("24.00")
    stats = dict((c.id, s) for c, s in summary.criteria)
    assert (stats["impatto_quartiere"].min, stats["impatto_quartiere"].max) == (
        Decimal("12.00"),
        Decimal("24.00"),
    )
    assert PRIVATE not in repr(summary)

    pdf = export_evaluation_summary(summary, tmp_path / "A6.pdf", call_2024)
    text = pdf_text(pdf)
    for expected in (
        "Sintesi della valutazione",
        "A6",
        "Rossi: progetto A6 coerente con il bando",
        "73,33",
        "45,00",
        "Bianchi Marco",
        "95,00",
        "pagina 1 di",
    ):
        assert expected in text
    assert PRIVATE not in text
    assert_fonts_embedded(pdf)
    with pytest.raises(NotFound):
        evaluation_summary(database, call_2024, "ZZ-1")


# --------------------------------------------------------------------------- exports


def pdf_text(path: Path, layout: bool = True) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def first_page_pixels(path: Path, folder: Path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(folder / "page")],
        check=True,
    )
    [png] = folder.glob("page*.png")
    return Image.open(png).convert("RGB")


def hostile_seed(database, call):
    """The hand example plus a title that a spreadsheet would run as a formula."""
    seed_hand_example(database, call)
    with database.session() as session, session.begin():
        a1 = session.scalars(select(Application).where(Application.code == "A1")).one()
        a1.title = '=HYPERLINK("http://evil.example","clic") — Città più verde'


@pytest.fixture
def ranking_with_formula(database, call_2024):
    hostile_seed(database, call_2024)
    return load_ranking(database, call_2024, "I", budget_cents=150_000_00)


PERSONAL = ("@pec.example.it", "@example.it", "12345678903", "RSSMRA80A01F205X", "Referente")


def test_csv_export_is_italian_and_neutralised(ranking_with_formula, call_2024, tmp_path):
    path = export_ranking(ranking_with_formula, tmp_path / "graduatoria.csv", "csv", call_2024)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [
        "Posizione",
        "Codice domanda",
        "Titolo",
        "Capofila",
        "Municipio",
        "Punteggio",
        "Contributo (€)",
        "Stato",
        "Decisione",
        "Atto di approvazione",
    ]
    assert rows[1] == [
        "1",
        "A1",
        '\'=HYPERLINK("http://evil.example","clic") — Città più verde',
        "Bottega A1 S.r.l.",
        "3",
        "87,67",
        "50.000,00",
        "Finanziabile",
        "",  # no decision yet
        call_2024.letters.ranking_acts["I"],
    ]
    assert [r[7] for r in rows[1:]] == [
        "Finanziabile",
        "Finanziabile",
        "Finanziabile",
        "Idoneo non finanziato",
        "Idoneo non finanziato",
        "Non idoneo",
    ]
    assert rows[-1][0] == ""  # not ranked: no position
    assert not any(marker in raw.decode("utf-8-sig") for marker in PERSONAL)


def test_xlsx_export_has_numbers_and_neutralised_text(ranking_with_formula, call_2024, tmp_path):
    from openpyxl import load_workbook

    path = export_ranking(ranking_with_formula, tmp_path / "graduatoria.xlsx", "xlsx", call_2024)
    workbook = load_workbook(path)
    sheet = workbook["Graduatoria"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Posizione", "Codice domanda", "Titolo"]
    first = [c.value for c in sheet[2]]
    assert first[0] == 1 and first[1] == "A1"
    assert first[2].startswith("'=HYPERLINK")
    assert sheet.cell(2, 3).data_type == "s"
    assert isinstance(first[5], float | int) and round(first[5], 2) == 87.67
    assert first[6] == 50000 and "€" in sheet.cell(2, 7).number_format
    assert first[7] == "Finanziabile"
    # The funding line: a border under the last fundable row (position 3, row 4).
    assert sheet.cell(4, 1).border.bottom.style == "medium"
    assert sheet.cell(5, 1).border.bottom.style is None
    summary = workbook["Riepilogo"]
    values = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert values["Budget (€)"] == 150000 and values["Progetti finanziabili"] == 3
    every = " ".join(
        str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value
    )
    assert not any(marker in every for marker in PERSONAL)


def test_pdf_export_for_publication(ranking_with_formula, call_2024, tmp_path):
    path = export_ranking(ranking_with_formula, tmp_path / "graduatoria.pdf", "pdf", call_2024)
    text = pdf_text(path)
    for expected in (
        call_2024.title,
        "Graduatoria — I sessione",
        "150.000,00 €",
        "135.000,00 €",
        "Bottega A4 S.r.l.",
        "87,67",
        "Idoneo non finanziato",
        "Non idoneo",
        "pagina 1 di 1",
        "Atto di approvazione: " + call_2024.letters.ranking_acts["I"],
        "Decisione",
    ):
        assert expected in text, expected
    # The long hostile title wraps in its column: read it in reading order.
    assert "Città più verde" in " ".join(pdf_text(path, layout=False).split())
    lines = text.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if f" {code} " in f" {line} ")
        for code in ("A1", "A2", "A4", "A3", "A6", "A5")
    ]
    assert order == sorted(order)
    assert not any(marker in text for marker in PERSONAL)
    assert_fonts_embedded(path)

    image = first_page_pixels(path, tmp_path)
    width, height = image.size
    assert width > height  # A4 landscape
    pixels = image.load()
    dark = sum(
        1 for x in range(0, width, 2) for y in range(0, height, 2) if sum(pixels[x, y]) < 300
    )
    assert dark > 500, "page 1 is blank"
    red_rows = {
        y
        for y in range(height)
        for x in range(width // 4, width // 2, 3)
        if (lambda p: p[0] > 150 and p[1] < 80 and p[2] < 80)(pixels[x, y])
    }
    assert red_rows, "the funding line is drawn in red"


def test_pdf_export_spans_pages_with_page_numbers(database, call_2024, tmp_path):
    with database.session() as session, session.begin():
        ensure_call(session.connection(), call_2024)
        for i in range(90):
            add_application(
                session, call_2024, f"P{i:03d}", title=f"Progetto numero {i} di via Padova"
            )
    result = load_ranking(database, call_2024, "I")
    assert {e.status for e in result.entries} == {scoring.INCOMPLETE}
    text = pdf_text(export_ranking(result, tmp_path / "g.pdf", "pdf", call_2024))
    pages = text.count("pagina ")
    assert pages >= 2 and f"pagina {pages} di {pages}" in text
    assert "P089" in text


def test_an_empty_session_exports_cleanly(database, call_2024, tmp_path):
    result = load_ranking(database, call_2024, "II")
    assert result.entries == [] and result.funded_count == 0
    assert result.budget_cents == 600_000_00 and result.left_cents == 600_000_00
    for format in ("csv", "xlsx", "pdf"):
        assert export_ranking(result, tmp_path / f"vuota.{format}", format, call_2024).exists()
    assert "pagina 1 di 1" in pdf_text(tmp_path / "vuota.pdf")
    with pytest.raises(ExportProblem, match="ods"):
        export_ranking(result, tmp_path / "vuota.ods", "ods", call_2024)


def test_pdfs_print_italian_titles_and_the_euro_in_the_embedded_font(database, call_2024, tmp_path):
    seed_hand_example(database, call_2024)
    titles = {
        "A2": "Caffè sociale: perché è aperto a tutti",
        "A6": "Città più verde: è di tutti, lì e là",
    }
    with database.session() as session, session.begin():
        for code, title in titles.items():
            application = session.scalars(select(Application).where(Application.code == code))
            application.one().title = title
    result = load_ranking(database, call_2024, "I", budget_cents=150_000_00)
    ranking = export_ranking(result, tmp_path / "graduatoria.pdf", "pdf", call_2024)
    summary = export_evaluation_summary(
        evaluation_summary(database, call_2024, "A6"), tmp_path / "A6.pdf", call_2024
    )
    for path, expected in ((ranking, titles.values()), (summary, [titles["A6"]])):
        assert_fonts_embedded(path)
        text = pdf_text(path)
        for piece in ("€", "è", "à", call_2024.title, *expected):
            assert piece in text, (path.name, piece)
