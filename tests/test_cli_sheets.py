"""The command line for kits, paper scores and sheets: what scripts and the
secretariat rely on (outputs, exit codes, messages in both languages)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from db.engine import open_database
from desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, main
from desktop.services import sheets
from tests.test_sheets import ANNA, BRUNO, add_conflict, all_scores, seed, snapshot, submit


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def central_url(database_url, call_2024):
    database = open_database(database_url)
    try:
        seed(database, call_2024)
    finally:
        database.close()
    return database_url


def _workspace_from(out: str) -> str:
    return re.search(r'commissione --db "([^"]+)"', out).group(1)


def test_kit_round_trip_with_a_conflict(capsys, central_url, call_2024, tmp_path):
    kit = tmp_path / "kit-anna.zip"
    code, out, _ = run(capsys, "--db", central_url, "kit", "export", ANNA, "--out", str(kit))
    assert code == EXIT_OK and kit.exists()
    assert "Kit di Anna Bianchi scritto" in out and "4 domande" in out

    code, out, _ = run(capsys, "kit", "open", str(kit), "--workspace-dir", str(tmp_path / "lavoro"))
    assert code == EXIT_OK
    assert "0 schede inviate su 4" in out
    workspace_file = _workspace_from(out)
    workspace = open_database(workspace_file)
    try:
        for code_ in ("D001", "D002"):
            submit(workspace, call_2024, ANNA, code_, value=14, motivation="Scritta in treno.")
    finally:
        workspace.close()
    back = tmp_path / "ritorno-anna.zip"
    code, out, _ = run(capsys, "--db", workspace_file, "kit", "return", "--out", str(back))
    assert code == EXIT_OK and "2 schede cambiate (2 inviate, 0 in bozza)" in out

    # Meanwhile D001 changes at the office.
    central = open_database(central_url)
    try:
        sheets.save_draft(
            central, call_2024, ANNA, "D001", {"alleanza": Decimal(3)}, {}, "In ufficio.", ""
        )
        before = snapshot(central)
    finally:
        central.close()
    code, out, _ = run(capsys, "--db", central_url, "kit", "import", str(back))
    assert code == EXIT_REJECTED
    assert "Conflitto D001" in out and "Nulla è stato importato: manca una scelta per D001" in out
    assert "--take-returned CODICE" in out
    assert re.search(r"≠ Solidità dell'alleanza\s+3\s+14", out)
    assert re.search(r"≠ motivazione\s+In ufficio\.\s+Scritta in treno\.", out)
    central = open_database(central_url)
    try:
        assert snapshot(central) == before
    finally:
        central.close()

    code, out, _ = run(
        capsys, "--db", central_url, "kit", "import", str(back), "--take-all-returned"
    )
    assert code == EXIT_OK
    assert "2 schede aggiornate" in out and "dal ritorno nei conflitti: D001" in out
    code, out, _ = run(capsys, "--db", central_url, "--lang", "en", "kit", "import", str(back))
    assert code == EXIT_OK and "already imported: nothing changed" in out


def test_kit_import_with_explicit_choices(capsys, central_url, call_2024, tmp_path):
    kit = tmp_path / "kit.zip"
    run(capsys, "--db", central_url, "kit", "export", ANNA, "--out", str(kit))
    _code, out, _ = run(capsys, "kit", "open", str(kit), "--workspace-dir", str(tmp_path / "w"))
    workspace = open_database(_workspace_from(out))
    try:
        for code in ("D003", "D004"):
            sheets.save_draft(workspace, call_2024, ANNA, code, {"alleanza": Decimal(8)}, {}, "")
    finally:
        workspace.close()
    back = tmp_path / "r.zip"
    run(capsys, "--db", _workspace_from(out), "kit", "return", "--out", str(back))
    central = open_database(central_url)
    try:
        sheets.save_draft(central, call_2024, ANNA, "D003", {"alleanza": Decimal(1)}, {}, "")
        add_conflict(central, call_2024, ANNA, "D004")
    finally:
        central.close()
    code, out, _ = run(
        capsys, "--db", central_url, "kit", "import", str(back), "--take-all-returned"
    )
    assert code == EXIT_REJECTED
    assert "D004: Anna Bianchi ora ha un conflitto di interessi" in out
    assert "--keep-central D004" in out and "manca una scelta per D004" in out
    code, _, err = run(
        capsys,
        "--db",
        central_url,
        "kit",
        "import",
        str(back),
        "--take-returned",
        "D003",
        "--keep-central",
        "D003",
    )
    assert code == EXIT_UNUSABLE and "non entrambi" in err
    code, out, _ = run(
        capsys, "--db", central_url, "kit", "import", str(back), "--keep-central", "D003", "D004"
    )
    assert code == EXIT_OK and "lasciate come erano qui (D003, D004)" in out
    central = open_database(central_url)
    try:
        assert sheets.open_sheet(central, call_2024, ANNA, "D003").scores == {"alleanza": 1}
    finally:
        central.close()


def test_kit_refusals_exit_2_with_a_clear_message(capsys, central_url, tmp_path):
    kit = tmp_path / "kit.zip"
    run(capsys, "--db", central_url, "kit", "export", ANNA, "--out", str(kit))
    cut = tmp_path / "troncato.zip"
    cut.write_bytes(kit.read_bytes()[:-40])
    code, _, err = run(capsys, "kit", "open", str(cut), "--workspace-dir", str(tmp_path / "w"))
    assert code == EXIT_UNUSABLE and "danneggiato o incompleto" in err
    code, _, err = run(capsys, "--db", central_url, "--lang", "en", "kit", "import", str(kit))
    assert code == EXIT_UNUSABLE and "this is a kit, not a return file" in err
    code, _, err = run(capsys, "--db", central_url, "kit", "return", "--out", str(tmp_path / "r"))
    assert code == EXIT_UNUSABLE and "non è lo spazio di lavoro di un kit" in err
    code, _, err = run(capsys, "--db", central_url, "kit", "export", "Nessuno", "--out", str(kit))
    assert code == EXIT_UNUSABLE and "valutatore «Nessuno» non trovato" in err


def test_scores_import_from_the_command_line(capsys, central_url, tmp_path):
    good = tmp_path / "carta.csv"
    good.write_text(
        "valutatore;codice_domanda;criterio;punteggio;commento;motivazione\n"
        + "".join(
            f"{ANNA};D001;{criterion};10;;{'Bene.' if i == 0 else ''}\n"
            for i, criterion in enumerate(
                [
                    "coerenza_obiettivi",
                    "alleanza",
                    "impatto_quartiere",
                    "sostenibilita_economica",
                    "sostenibilita_continuita",
                ]
            )
        )
        + f"{BRUNO};D002;alleanza;9;Solida;\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", central_url, "scores", "import", str(good))
    assert code == EXIT_OK
    assert "schede nuove 2" in out and "inviate 1, in bozza 1" in out
    code, out, _ = run(capsys, "--db", central_url, "scores", "import", str(good))
    assert code == EXIT_OK and "invariate 2" in out

    bad = tmp_path / "sbagliato.csv"
    bad.write_text(
        "valutatore;codice_domanda;criterio;punteggio\n"
        f"{ANNA};D002;alleanza;venti\n"
        f"{ANNA};D002;alleanza;30\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", central_url, "scores", "import", str(bad))
    assert code == EXIT_UNUSABLE and out == ""
    assert "riga 2, colonna «punteggio», valore «venti»" in err
    assert "riga 3, colonna «criterio»" in err  # the same criterion twice
    assert "nessun punteggio importato" in err
    code, _, err = run(capsys, "--db", central_url, "--lang", "en", "scores", "import", str(bad))
    assert "row 2, column “punteggio”, value “venti”" in err

    missing = tmp_path / "colonne.csv"
    missing.write_text("nome;voto\nAnna;3\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", central_url, "scores", "import", str(missing))
    assert code == EXIT_UNUSABLE and "mancano le colonne obbligatorie" in err


def test_sheets_show_and_reopen(capsys, central_url, call_2024, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_USER", "ufficio.bandi")
    central = open_database(central_url)
    try:
        sheets.save_draft(
            central,
            call_2024,
            ANNA,
            "D001",
            all_scores(call_2024, 10),
            {"alleanza": "=SOMMA(A1)"},
            "Convincente.",
            "nota riservata",
        )
        sheets.submit_sheet(central, call_2024, ANNA, "D001")
    finally:
        central.close()
    code, out, _ = run(capsys, "--db", central_url, "sheets", "show", ANNA, "D001")
    assert code == EXIT_OK
    assert "D001 — Bottega di quartiere 1" in out
    assert "capofila: Forno Rossi 1 srl; partner: Associazione Vicini 1" in out
    assert "costo 80.000,00 €; contributo 40.000,00 €" in out
    assert "Scheda di Anna Bianchi: inviata il " in out
    assert re.search(r"Solidità dell'alleanza\s+10 / 20", out)
    assert "totale: 50" in out and "=SOMMA(A1)" in out
    assert "nessun altro valutatore ha ancora inviato" in out
    assert "nota riservata" not in out  # private notes stay with their evaluator
    code, out, _ = run(capsys, "--db", central_url, "sheets", "show", BRUNO, "D001")
    assert "fase cieca" in out
    code, out, _ = run(
        capsys, "--db", central_url, "sheets", "show", ANNA, "D001", "--format", "json"
    )
    assert '"totale": "50.00"' in out and "nota_privata" not in out

    with pytest.raises(SystemExit):
        main(["--db", central_url, "sheets", "reopen", ANNA, "D001"])  # --reason required
    capsys.readouterr()
    code, _, err = run(
        capsys, "--db", central_url, "sheets", "reopen", ANNA, "D001", "--reason", " "
    )
    assert code == EXIT_UNUSABLE and "serve una motivazione" in err
    code, out, _ = run(
        capsys, "--db", central_url, "sheets", "reopen", ANNA, "D001", "--reason", "Refuso"
    )
    assert code == EXIT_OK and "riaperta" in out
    code, out, _ = run(capsys, "--db", central_url, "sheets", "show", ANNA, "D001")
    assert "bozza" in out and "riaperta: Refuso" in out
    code, _, err = run(capsys, "--db", central_url, "sheets", "show", ANNA, "D404")
    assert code == EXIT_UNUSABLE and "D404 non trovata" in err


def test_in_a_workspace_the_call_comes_from_the_kit(capsys, database_url, call_2020, tmp_path):
    """A workspace of an older call needs no --call; its private notes show there."""
    database = open_database(database_url)
    try:
        seed(database, call_2020, codes=("V001",))
    finally:
        database.close()
    kit = tmp_path / "kit-2020.zip"
    code, _, err = run(
        capsys,
        "--db",
        database_url,
        "kit",
        "export",
        ANNA,
        "--out",
        str(kit),
        "--call",
        call_2020.id,
    )
    assert code == EXIT_OK, err
    _code, out, _ = run(capsys, "kit", "open", str(kit), "--workspace-dir", str(tmp_path / "w"))
    workspace_file = _workspace_from(out)
    workspace = open_database(workspace_file)
    try:
        sheets.save_draft(
            workspace, call_2020, ANNA, "V001", {"impatto": Decimal(30)}, {}, "", "mio appunto"
        )
    finally:
        workspace.close()
    code, out, _ = run(capsys, "--db", workspace_file, "sheets", "show", ANNA, "V001")
    assert code == EXIT_OK and "Impatto sul quartiere" in out
    assert "nota privata: mio appunto" in out
    code, _, err = run(
        capsys, "--db", workspace_file, "sheets", "reopen", ANNA, "V001", "--reason", "x"
    )
    assert code == EXIT_UNUSABLE and "kit di Anna Bianchi" in err
