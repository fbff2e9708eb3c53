"""Scores given on paper, imported from a CSV: Italian decimals, criteria by id or by
name, complete sheets submitted and partial ones left as drafts, every bad row
reported with its row, column and value while nothing is written, and the same file
imported twice changing nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditEntry
from desktop.domain.calls import load_call
from desktop.importing.readers import UnusableFile
from desktop.importing.scores import import_scores
from desktop.services import sheets
from tests.conftest import RESOURCES
from tests.test_sheets import (
    ANNA,
    BRUNO,
    CARLA,
    add_conflict,
    remove_assignment,
    seed,
    snapshot,
    submit,
)

HEADER = "Valutatore;Codice domanda;Criterio;Punteggio;Commento;Motivazione"


@pytest.fixture
def half_steps(tmp_path):
    """The 2024 call with half points on "Solidità dell'alleanza"."""
    text = (RESOURCES / "calls" / "milano-2024-2025.toml").read_text(encoding="utf-8")
    anchor = 'id = "alleanza"\nname = "Solidità dell\'alleanza"\nmax = 20\n'
    assert anchor in text
    path = tmp_path / "bando-mezzi-punti.toml"
    path.write_text(text.replace(anchor, anchor + 'step = "0.5"\n'), encoding="utf-8")
    return load_call(path)


@pytest.fixture
def committee(database, half_steps):
    seed(database, half_steps)
    return database


def write(tmp_path: Path, lines: list[str], name="punteggi.csv", bom=True) -> Path:
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


PAPER = [
    HEADER,
    f"{ANNA};D001;coerenza_obiettivi;18;;Progetto ben radicato nel quartiere.",
    f"{ANNA};D001;Solidità dell'alleanza;7,5;Pochi partner;",
    f"{ANNA};D001;impatto sul quartiere;20;;",
    f"{ANNA};D001;SOSTENIBILITA ECONOMICA E PREPARAZIONE ALLA CAMPAGNA;12;;",
    f"{ANNA};D001;sostenibilita_continuita;10;;",
    f"{BRUNO};D001;alleanza;15;Rete ampia;",
    f"{BRUNO.upper()};D002;impatto_quartiere;25;;",
]


def test_paper_scores_become_sheets(committee, half_steps, tmp_path):
    result = import_scores(committee, half_steps, write(tmp_path, PAPER))
    assert result.applied and not result.problems
    assert result.rows_read == 7
    assert (result.sheets_created, result.sheets_submitted, result.sheets_draft) == (3, 1, 2)
    anna = sheets.open_sheet(committee, half_steps, ANNA, "D001")
    assert anna.status == "submitted"
    assert anna.scores["alleanza"] == Decimal("7.5")
    assert anna.total == Decimal("67.5")
    assert anna.comments == {"alleanza": "Pochi partner"}
    assert anna.motivation == "Progetto ben radicato nel quartiere."
    bruno = sheets.open_sheet(committee, half_steps, BRUNO, "D001")
    assert (bruno.status, bruno.scores) == ("draft", {"alleanza": 15})
    assert sheets.open_sheet(committee, half_steps, BRUNO, "D002").scores == {
        "impatto_quartiere": 25
    }
    with committee.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "import_scores")
        ).all()
    assert len(entries) == 3
    assert all(json.loads(e.new)["file"] == "punteggi.csv" for e in entries)

    # The same file again: nothing changes.
    before = snapshot(committee)
    again = import_scores(committee, half_steps, write(tmp_path, PAPER))
    assert again.applied and again.sheets_unchanged == 3
    assert (again.sheets_created, again.sheets_updated) == (0, 0)
    assert snapshot(committee) == before


def test_commas_dots_and_no_bom(committee, half_steps, tmp_path):
    lines = [
        "valutatore,codice_domanda,criterio,punteggio,commento",
        f'{CARLA},D003,alleanza,12.5,"Buono, ma da rafforzare"',
        f'{CARLA},D003,impatto_quartiere,"20,0",',
    ]
    result = import_scores(committee, half_steps, write(tmp_path, lines, bom=False))
    assert result.applied, result.problems
    carla = sheets.open_sheet(committee, half_steps, CARLA, "D003")
    assert carla.scores == {"alleanza": Decimal("12.5"), "impatto_quartiere": 20}
    assert carla.comments == {"alleanza": "Buono, ma da rafforzare"}


def test_draft_keeps_complete_sheets_open(committee, half_steps, tmp_path):
    path = write(tmp_path, PAPER)
    result = import_scores(committee, half_steps, path, submit_complete=False)
    assert (result.sheets_submitted, result.sheets_draft) == (0, 3)
    assert sheets.open_sheet(committee, half_steps, ANNA, "D001").status == "draft"
    submitted = import_scores(committee, half_steps, path)
    assert (submitted.sheets_updated, submitted.sheets_submitted) == (1, 1)
    assert sheets.open_sheet(committee, half_steps, ANNA, "D001").status == "submitted"


def test_rows_fill_a_draft_without_wiping_what_it_has(committee, half_steps, tmp_path):
    sheets.save_draft(
        committee,
        half_steps,
        ANNA,
        "D002",
        {"alleanza": Decimal(4), "impatto_quartiere": Decimal(9)},
        {"alleanza": "Scritto nella finestra"},
        "Motivazione già scritta.",
    )
    lines = [
        HEADER,
        f"{ANNA};D002;alleanza;5;;",
        f"{ANNA};D002;coerenza_obiettivi;10;;",
        f"{ANNA};D002;sostenibilita_economica;10;;",
        f"{ANNA};D002;sostenibilita_continuita;10;;",
    ]
    result = import_scores(committee, half_steps, write(tmp_path, lines))
    assert (result.sheets_updated, result.sheets_submitted) == (1, 1)
    view = sheets.open_sheet(committee, half_steps, ANNA, "D002")
    assert view.status == "submitted"  # complete with the motivation it had
    assert view.scores["alleanza"] == 5 and view.scores["impatto_quartiere"] == 9
    assert view.comments == {"alleanza": "Scritto nella finestra"}


def test_bad_rows_refuse_the_whole_file(committee, half_steps, tmp_path):
    add_conflict(committee, half_steps, CARLA, "D004")
    remove_assignment(committee, half_steps, BRUNO, "D003")
    lines = [
        HEADER,
        f"{ANNA};D001;alleanza;10;;",  # 2: fine, but the file is refused
        "Zeno Sconosciuto;D001;alleanza;10;;",  # 3
        f"{ANNA};D999;alleanza;10;;",  # 4
        f"{ANNA};D001;originalità;10;;",  # 5
        f"{ANNA};D002;alleanza;21;;",  # 6
        f"{ANNA};D002;impatto_quartiere;dieci;;",  # 7
        f"{ANNA};D002;coerenza_obiettivi;7,3;;",  # 8 (step 1)
        f"{CARLA};D004;alleanza;10;;",  # 9
        f"{BRUNO};D003;alleanza;10;;",  # 10
        f"{ANNA};D001;Solidità dell'alleanza;11;;",  # 11: same as row 2
        f"{ANNA};D003;alleanza;;;",  # 12
    ]
    before = snapshot(committee)
    result = import_scores(committee, half_steps, write(tmp_path, lines))
    assert not result.applied and result.exit_code == 2
    assert snapshot(committee) == before
    found = {(p.row, p.column): p for p in result.problems}
    assert sorted(found) == [
        (3, "valutatore"),
        (4, "codice_domanda"),
        (5, "criterio"),
        (6, "punteggio"),
        (7, "punteggio"),
        (8, "punteggio"),
        (9, "valutatore"),
        (10, "valutatore"),
        (11, "criterio"),
        (12, "punteggio"),
    ]
    assert "Anna Bianchi" in found[3, "valutatore"].reason_it  # who it could be
    assert found[4, "codice_domanda"].value == "D999"
    assert "alleanza (Solidità dell'alleanza)" in found[5, "criterio"].reason_it
    assert "0–20" in found[6, "punteggio"].reason_it
    assert "7 o 7,5" in found[7, "punteggio"].reason_it
    assert "passo 1" in found[8, "punteggio"].reason_it
    assert "conflitto di interessi" in found[9, "valutatore"].reason_it
    assert "assign --add" in found[10, "valutatore"].reason_it
    assert "riga 2" in found[11, "criterio"].reason_it
    assert "mancante" in found[12, "punteggio"].reason_it
    assert "row 2" in found[11, "criterio"].reason_en


def test_a_submitted_sheet_is_not_changed_by_a_file(committee, half_steps, tmp_path):
    submit(committee, half_steps, ANNA, "D001", value=10, motivation="Fatta a mano.")
    same = [HEADER, f"{ANNA};D001;alleanza;10;;", f"{ANNA};D001;impatto_quartiere;10,00;;"]
    result = import_scores(committee, half_steps, write(tmp_path, same))
    assert result.applied and result.sheets_unchanged == 1
    different = [HEADER, f"{ANNA};D001;alleanza;10;;", f"{ANNA};D001;impatto_quartiere;12;;"]
    before = snapshot(committee)
    refused = import_scores(committee, half_steps, write(tmp_path, different, name="b.csv"))
    assert snapshot(committee) == before
    (problem,) = refused.problems
    assert (problem.row, problem.column, problem.value) == (3, "punteggio", "12,00")
    assert "già inviata" in problem.reason_it and "sheets reopen" in problem.reason_it


def test_inconsistent_motivations_are_reported(committee, half_steps, tmp_path):
    lines = [
        HEADER,
        f"{ANNA};D001;alleanza;10;;Prima",
        f"{ANNA};D001;impatto_quartiere;10;;Seconda",
    ]
    result = import_scores(committee, half_steps, write(tmp_path, lines))
    assert [(p.row, p.column) for p in result.problems] == [(3, "motivazione")]


def test_a_file_without_the_columns_is_unusable(committee, half_steps, tmp_path):
    path = write(tmp_path, ["Valutatore;Domanda;Voto", f"{ANNA};D001;10"])
    with pytest.raises(UnusableFile) as refused:
        import_scores(committee, half_steps, path)
    assert "mancano le colonne obbligatorie criterio;" in refused.value.it


def test_codes_are_matched_as_the_application_import_normalises_them(
    committee, half_steps, tmp_path
):
    """`hx-00002`, `HX‑00002` (U+2011) and ` d001` + a zero-width space are the
    applications HX-00002 and D001, as the application import would store them."""
    from db.models import Application

    with committee.session() as session, session.begin():
        application = session.scalars(select(Application).where(Application.code == "D002"))
        application.one().code = "HX-00002"
    lines = [
        HEADER,
        f"{ANNA};hx-00002;alleanza;10;;",
        f"{BRUNO};HX\u201100002;alleanza;12;;",
        f"{ANNA}; d001\u200b;alleanza;8;;",
    ]
    result = import_scores(committee, half_steps, write(tmp_path, lines))
    assert result.applied and not result.problems, result.problems
    assert sheets.open_sheet(committee, half_steps, ANNA, "HX-00002").scores == {"alleanza": 10}
    assert sheets.open_sheet(committee, half_steps, BRUNO, "HX-00002").scores == {"alleanza": 12}
    assert sheets.open_sheet(committee, half_steps, ANNA, "D001").scores == {"alleanza": 8}


def test_a_code_stored_before_normalisation_is_matched_as_written(committee, half_steps, tmp_path):
    """`hx-00002` beside `HX-00002` (a database from before codes were normalised,
    left by migration 0003): each is found by its own spelling."""
    from db.models import Application

    with committee.session() as session, session.begin():
        for old, new in (("D001", "HX-00002"), ("D002", "hx-00002")):
            application = session.scalars(select(Application).where(Application.code == old))
            application.one().code = new
    lines = [HEADER, f"{BRUNO};hx-00002;alleanza;12;;", f"{ANNA};HX-00002;alleanza;9;;"]
    result = import_scores(committee, half_steps, write(tmp_path, lines))
    assert result.applied and not result.problems, result.problems
    assert sheets.open_sheet(committee, half_steps, BRUNO, "hx-00002").scores == {"alleanza": 12}
    assert sheets.open_sheet(committee, half_steps, ANNA, "HX-00002").scores == {"alleanza": 9}
