"""The committee's command line: evaluators, conflicts, assignment and the audit
check, with their outputs and exit codes."""

from __future__ import annotations

import json

import pytest

from desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, main
from tests.conftest import RESOURCES

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_db(capsys, tmp_path) -> str:
    db = str(tmp_path / "commissione.sqlite")
    assert run(capsys, "--db", db, "--create", "import", DEMO)[0] == EXIT_OK
    code, out, _ = run(capsys, "--db", db, "evaluators", "demo")
    assert code == EXIT_OK and "5 componenti e 7 legami" in out
    return db


def test_the_committee_from_the_command_line(capsys, database_url):
    db = database_url
    assert run(capsys, "--db", db, "--create", "import", DEMO)[0] == EXIT_OK
    assert run(capsys, "--db", db, "evaluators", "demo")[0] == EXIT_OK
    code, out, _ = run(
        capsys, "--db", db, "evaluators", "add", "Mario Rossi", "--email", "m@example.org"
    )
    assert code == EXIT_OK and "Aggiunto Mario Rossi (componente)" in out
    code, _, err = run(capsys, "--db", db, "evaluators", "add", "mario rossi")
    assert code == EXIT_UNUSABLE and "c'è già il valutatore «Mario Rossi»" in err
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "evaluators",
        "link",
        "Mario Rossi",
        "--entity",
        "Il Pettirosso Servizi srl",
        "--kind",
        "business",
    )
    assert code == EXIT_OK and "conflicts --detect" in out

    code, out, _ = run(capsys, "--db", db, "evaluators", "list", "--format", "json")
    members = json.loads(out)
    assert [m["nome"] for m in members][:2] == ["Laura Bianchi", "Elena Ricci"]
    assert {m["ruolo"] for m in members} == {"chair", "member", "secretary"}

    code, out, _ = run(capsys, "--db", db, "conflicts", "--detect")
    assert code == EXIT_OK and "6 nuovi conflitti proposti" in out
    code, out, _ = run(capsys, "--db", db, "conflicts", "--format", "json")
    conflicts = {(c["valutatore"], c["codice_domanda"]): c for c in json.loads(out)}
    assert conflicts["Mario Rossi", "CC24-002"]["motivo"].startswith(
        "partner 1 «Il Pettirosso Servizi S.r.l.»"
    )
    assert conflicts["Giulia Sala", "CC24-001"]["stato"] == "proposed"

    confirm = conflicts["Giulia Sala", "CC24-001"]["id"]
    code, out, _ = run(capsys, "--db", db, "conflicts", "--confirm", confirm)
    assert code == EXIT_OK and "confermato" in out
    dismiss = conflicts["Mario Rossi", "CC24-002"]["id"]
    code, _, err = run(capsys, "--db", db, "conflicts", "--dismiss", dismiss)
    assert code == EXIT_UNUSABLE and "--note" in err
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "conflicts",
        "--dismiss",
        dismiss,
        "--note",
        "fornitura conclusa nel 2019",
    )
    assert code == EXIT_OK and "archiviato" in out
    code, out, _ = run(capsys, "--db", db, "conflicts", "--status", "dismissed")
    assert "fornitura conclusa nel 2019" in out and "1 conflitti" in out

    code, out, _ = run(capsys, "--db", db, "assign")
    assert code == EXIT_OK
    assert "27 domande ammissibili, 3 valutatori per domanda tra 5 componenti" in out
    assert "81 nuove assegnazioni" in out
    code, out, _ = run(capsys, "--db", db, "assign")
    assert code == EXIT_OK and "0 nuove assegnazioni" in out

    code, out, _ = run(capsys, "--db", db, "assign", "--show", "--format", "json")
    matrix = json.loads(out)
    cells = {a["codice_domanda"]: a["celle"] for a in matrix["domande"]}
    assert cells["CC24-001"]["Giulia Sala"] == "conflict"
    assert cells["CC24-039"]["Elena Ricci"] == "proposed_conflict"
    assert all(sum(v == "assigned" for v in c.values()) == 3 for c in cells.values())

    code, _, err = run(capsys, "--db", db, "assign", "--add", "Elena Ricci", "CC24-039")
    assert code == EXIT_UNUSABLE and "conflitto di interessi proposto" in err
    holder = next(name for name, v in cells["CC24-005"].items() if v == "assigned")
    code, out, _ = run(capsys, "--db", db, "assign", "--remove", holder, "CC24-005")
    assert code == EXIT_OK and f"Tolta l'assegnazione di CC24-005 a {holder}" in out
    code, out, _ = run(
        capsys, "--db", db, "conflicts", "--declare", holder, "CC24-005", "--reason", "socio"
    )
    assert code == EXIT_OK and "dichiarato" in out

    code, out, _ = run(capsys, "--db", db, "audit", "verify")
    assert code == EXIT_OK and "voci verificate, ok" in out


def test_applications_short_of_evaluators_exit_1_and_say_what_to_do(capsys, demo_db):
    code, out, _ = run(capsys, "--db", demo_db, "conflicts", "--detect")
    code, out, _ = run(capsys, "--db", demo_db, "assign", "--per-application", "4")
    assert code == EXIT_REJECTED
    assert "CC24-001: mancano 1 valutatori" in out
    assert "aggiungere componenti" in out
    code, _, err = run(capsys, "--db", demo_db, "assign", "--per-application", "0")
    assert code == EXIT_UNUSABLE and "da 1 a 50" in err


def test_the_matrix_as_a_table(capsys, demo_db):
    run(capsys, "--db", demo_db, "assign")
    code, out, _ = run(capsys, "--db", demo_db, "assign", "--show")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].startswith("  1 Laura Bianchi (presidente): 0 di ")
    row = next(line for line in lines if line.startswith("CC24-005"))
    assert row.split()[1:].count("A") == 3
    assert "A assegnata" in lines[-1]


def test_messages_in_english(capsys, demo_db):
    code, out, _ = run(capsys, "--db", demo_db, "--lang", "en", "conflicts", "--detect")
    assert code == EXIT_OK and "Detection: 5 new conflicts proposed" in out
    code, out, _ = run(capsys, "--db", demo_db, "--lang", "en", "assign")
    assert code == EXIT_OK and "new assignments" in out
    code, _, err = run(
        capsys, "--db", demo_db, "--lang", "en", "assign", "--add", "Nobody", "CC24-005"
    )
    assert code == EXIT_UNUSABLE and "evaluator “Nobody” not found" in err
    code, out, _ = run(capsys, "--db", demo_db, "--lang", "en", "evaluators", "list")
    assert "chair" in out and "0 of " in out


def test_lists_as_csv_neutralise_formula_like_cells(capsys, demo_db):
    run(capsys, "--db", demo_db, "evaluators", "add", "=HYPERLINK(1)")
    code, out, _ = run(capsys, "--db", demo_db, "evaluators", "list", "--format", "csv")
    assert code == EXIT_OK
    assert "'=HYPERLINK(1)" in out and "nome;ruolo" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluators", "--help"],
        ["evaluators", "link", "--help"],
        ["conflicts", "--help"],
        ["assign", "--help"],
        ["audit", "verify", "--help"],
    ],
)
def test_help(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0


def test_only_one_conflict_action_at_a_time(capsys, demo_db):
    with pytest.raises(SystemExit) as caught:
        main(["--db", demo_db, "conflicts", "--detect", "--confirm", "1"])
    assert caught.value.code == 2
    code, _, err = run(capsys, "--db", demo_db, "conflicts", "--reason", "x")
    assert code == EXIT_UNUSABLE and "--declare" in err
