"""The command line that scripts rely on: names, outputs and exit codes."""

import json
import subprocess
import sys

import pytest

from desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, main
from tests.conftest import DATA, RESOURCES, ROOT

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_then_list_as_json(capsys, database_url):
    code, out, _ = run(capsys, "--db", database_url, "--create", "import", str(DEMO))
    assert code == EXIT_OK
    assert "domande nuove" in out and "righe scartate 0" in out
    code, out, _ = run(capsys, "--db", database_url, "applications", "--format", "json")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert len(rows) >= 38
    first = rows[0]
    for column in (
        "codice_domanda",
        "costo_totale",
        "sessione",
        "ammissibile",
        "motivi",
        "contributo",
        "obiettivo_raccolta",
    ):
        assert column in first
    excluded = [r for r in rows if r["ammissibile"] == "non ammissibile"]
    assert excluded and all(r["motivi"] for r in excluded)
    over = next(r for r in rows if r["costo_totale"] == "120.000,00")
    assert "costo 120.000,00 € > 100.000,00 €" in over["motivi"]
    assert over["contributo"] == "50.000,00"


def test_rejected_rows_exit_1_and_unusable_input_exit_2(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "--create",
        "import",
        str(DATA / "portale-export.xlsx"),
        "--map",
        str(DATA / "portale-export-mappa.toml"),
        "--report",
        str(tmp_path / "scarti.xlsx"),
    )
    assert code == EXIT_REJECTED
    assert "riga" in out and "colonna «Costo complessivo (€)»" in out and "ottantamila" in out
    assert (tmp_path / "scarti.xlsx").exists()
    code, _, err = run(capsys, "--db", db, "import", str(DATA / "colonne-mancanti.csv"))
    assert code == EXIT_UNUSABLE
    assert "mancano le colonne obbligatorie" in err
    code, _, err = run(
        capsys, "--db", db, "--lang", "en", "import", str(DATA / "non-un-foglio.xlsx")
    )
    assert code == EXIT_UNUSABLE
    assert "not a valid XLSX spreadsheet" in err
    code, _, err = run(capsys, "--db", db, "import", str(DEMO), "--call", "roma-2099")
    assert code == EXIT_UNUSABLE and "roma-2099" in err


def test_english_messages(capsys, tmp_path):
    code, out, _ = run(
        capsys, "--db", str(tmp_path / "c.sqlite"), "--create", "--lang", "en", "import", str(DEMO)
    )
    assert code == EXIT_OK and "applications new" in out
    code, out, _ = run(
        capsys,
        "--db",
        str(tmp_path / "c.sqlite"),
        "--lang",
        "en",
        "applications",
        "--format",
        "json",
    )
    assert {r["ammissibile"] for r in json.loads(out)} == {"eligible", "not eligible", "to check"}


def test_check_override_calls_and_rules(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    run(capsys, "--db", db, "--create", "import", str(DEMO))
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == EXIT_OK and "non ammissibile" in out
    code, out, _ = run(capsys, "--db", db, "applications", "--format", "json")
    late = next(r for r in json.loads(out) if "15/02/2025" in r["motivi"])
    code, _, err = run(
        capsys,
        "--db",
        db,
        "override",
        late["codice_domanda"],
        "sessione",
        "--outcome",
        "pass",
        "--note",
        " ",
    )
    assert code == EXIT_UNUSABLE and "nota" in err
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "override",
        late["codice_domanda"],
        "sessione",
        "--outcome",
        "pass",
        "--note",
        "Inviata via PEC il 31/01/2025",
    )
    assert code == EXIT_OK
    code, out, _ = run(capsys, "--db", db, "calls")
    assert "milano-2024-2025" in out and "milano-2020-2021" in out and "sostituire" in out
    code, out, _ = run(capsys, "--db", db, "rules")
    assert "costo_massimo" in out


def test_table_format_and_console_entry_point(tmp_path):
    db = str(tmp_path / "c.sqlite")
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", db, "--create", "import", str(DEMO)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    listed = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", db, "applications"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "CC24-001" in listed.stdout and "ammissibile" in listed.stdout


def test_db_from_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_DB", str(tmp_path / "env.sqlite"))
    code, _, err = run(capsys, "import", str(DEMO))
    assert code == EXIT_UNUSABLE and "COMMISSIONE_DB" in err and "--create" in err
    assert not (tmp_path / "env.sqlite").exists()
    assert run(capsys, "--create", "import", str(DEMO))[0] == EXIT_OK
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize("argv", [["--help"], ["import", "--help"]])
def test_help(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
