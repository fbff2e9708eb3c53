"""The command line as a whole: exit codes, what reaches the terminal when something
goes wrong, the interface language (argparse's own words included), which database
is used and when a missing one is refused, files that cannot be written."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from desktop import __version__
from desktop.cli import (
    COMMANDS,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_UNUSABLE,
    CommandProblem,
    main,
)
from desktop.database_choice import (
    DEFAULT,
    ENVIRONMENT,
    FLAG,
    PREFERENCES,
    DatabaseChoice,
    MissingDatabase,
    choose_database,
    refuse_missing,
)
from desktop.domain.problems import Problem
from desktop.logs import log_dir
from tests.conftest import RESOURCES, ROOT

DEMO = RESOURCES / "demo" / "domande-demo.xlsx"


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def parse_error(capsys, *args) -> str:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    assert caught.value.code == EXIT_UNUSABLE
    return capsys.readouterr().err


@pytest.fixture
def imported(capsys, tmp_path) -> str:
    db = str(tmp_path / "c.sqlite")
    assert run(capsys, "--db", db, "--create", "import", DEMO)[0] == EXIT_OK
    return db


# --------------------------------------------------------------------------- the package


def test_one_module_per_command_each_declaring_its_parser_and_handler():
    import importlib

    for name in COMMANDS:
        module = importlib.import_module(f"desktop.cli.{name}")
        assert callable(module.declare) and callable(module.run), name
    assert issubclass(CommandProblem, Problem)


def test_version_comes_from_the_package(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"commissione {__version__}"


# --------------------------------------------------------------------------- unexpected errors


@pytest.mark.parametrize("error", [RuntimeError("guasto interno"), KeyError("chiave")])
def test_an_unexpected_error_is_logged_never_shown_as_a_traceback(capsys, monkeypatch, error):
    import desktop.cli.calls

    def broken(args, say):
        raise error

    monkeypatch.setattr(desktop.cli.calls, "run", broken)
    code, out, err = run(capsys, "calls")
    assert code == EXIT_UNEXPECTED
    log_file = log_dir() / "commissione.log"
    assert str(log_file) in err and "qualcosa è andato storto" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and type(error).__name__ in logged and "broken" in logged
    assert f"Commissione {__version__}" in logged

    code, _, err = run(capsys, "--lang", "en", "calls")
    assert code == EXIT_UNEXPECTED and "something went wrong" in err and str(log_file) in err


def test_a_crash_in_a_real_process_prints_one_line(tmp_path):
    """In a real process too (the console script's own stderr), a bug inside a
    command prints one line and no traceback."""
    code = (
        "import sys, desktop.cli.rules as rules\n"
        "def broken(args, say):\n"
        "    raise ZeroDivisionError('x')\n"
        "rules.run = broken\n"
        "from desktop.cli import main\n"
        "sys.exit(main(['rules']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COMMISSIONE_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == EXIT_UNEXPECTED
    assert "Traceback" not in result.stdout + result.stderr
    assert str(tmp_path / "log" / "commissione.log") in result.stderr
    assert "ZeroDivisionError" in (tmp_path / "log" / "commissione.log").read_text("utf-8")


def test_a_problem_prints_one_language_only(capsys, imported):
    code, _, err = run(
        capsys,
        "--db",
        imported,
        "override",
        "NESSUNA",
        "sessione",
        "--outcome",
        "pass",
        "--note",
        "x",
    )
    assert code == EXIT_UNUSABLE
    assert "domanda NESSUNA non trovata" in err and "not found" not in err and " / " not in err
    code, _, err = run(
        capsys,
        "--db",
        imported,
        "--lang",
        "en",
        "override",
        "NESSUNA",
        "sessione",
        "--outcome",
        "pass",
        "--note",
        "x",
    )
    assert code == EXIT_UNUSABLE
    assert "application NESSUNA not found" in err and "non trovata" not in err


# --------------------------------------------------------------------------- language


def test_argparse_speaks_italian_by_default_and_english_when_asked(capsys, monkeypatch):
    err = parse_error(capsys, "frobnicate")
    assert err.startswith("uso: commissione")
    assert "commissione: errore: argomento COMANDO: scelta non valida: 'frobnicate'" in err
    assert "usage:" not in err and "error:" not in err

    err = parse_error(capsys, "--lang", "en", "frobnicate")
    assert err.startswith("usage: commissione")
    assert "commissione: error: argument COMMAND: invalid choice: 'frobnicate'" in err

    monkeypatch.setenv("COMMISSIONE_LANG", "en")
    assert "invalid choice" in parse_error(capsys, "frobnicate")
    assert "scelta non valida" in parse_error(capsys, "--lang=it", "frobnicate")
    monkeypatch.setenv("COMMISSIONE_LANG", "it")

    err = parse_error(capsys, "kit")
    assert "mancano gli argomenti obbligatori: AZIONE" in err
    err = parse_error(capsys, "calls", "--troppo")
    assert "argomenti non riconosciuti: --troppo" in err
    err = parse_error(capsys, "--lang", "en", "calls", "--too-much")
    assert "unrecognized arguments: --too-much" in err
    err = parse_error(capsys, "assign", "--per-application", "tre")
    assert "valore non valido (int): 'tre'" in err
    # argparse is left as it was for anyone else in the process.
    assert argparse._("usage: ") == "usage: "


@pytest.mark.parametrize(
    ("argv", "italian", "english"),
    [
        ([], "mostra questo aiuto ed esce", "show this help message and exit"),
        (["import"], "mappa le intestazioni del portale", "mapping the portal's headers"),
        (["kit", "import"], "in ogni conflitto prende il ritorno", "in every conflict take"),
    ],
)
def test_help_in_the_interface_language(capsys, argv, italian, english):
    for language, expected, absent in (("it", italian, english), ("en", english, italian)):
        with pytest.raises(SystemExit) as caught:
            main(["--lang", language, *argv, "--help"])
        assert caught.value.code == 0
        out = capsys.readouterr().out
        assert expected in out and absent not in out
        assert ("uso:" if language == "it" else "usage:") in out


# --------------------------------------------------------------------------- database choice


def test_the_database_choice_order():
    saved = {"value": "/dati/preferenze.sqlite"}

    def choose(flag=None, environ=None):
        return choose_database(flag, environ=environ or {}, saved=lambda: saved["value"])

    environment = {"COMMISSIONE_DB": "/dati/ambiente.sqlite"}
    assert choose("/dati/flag.sqlite", environment) == DatabaseChoice("/dati/flag.sqlite", FLAG)
    assert (choose(None, environment).target, choose(None, environment).source) == (
        "/dati/ambiente.sqlite",
        ENVIRONMENT,
    )
    assert (choose().target, choose().source) == ("/dati/preferenze.sqlite", PREFERENCES)
    saved["value"] = ""
    default = choose()
    assert default.source == DEFAULT and default.target.endswith("commissione.sqlite")
    assert os.environ["COMMISSIONE_DATA_DIR"] in default.target


def test_preferences_are_read_without_widgets(tmp_path):
    from desktop.preferences import saved_database
    from desktop.ui.settings import Settings

    assert saved_database() == ""
    settings = Settings()
    settings.database = str(tmp_path / "scelto.sqlite")
    settings.sync()
    assert saved_database() == str(tmp_path / "scelto.sqlite")
    assert choose_database(None, environ={}).source == PREFERENCES


def test_only_a_typed_path_must_exist(tmp_path):
    missing = str(tmp_path / "manca.sqlite")
    for source in (FLAG, ENVIRONMENT):
        choice = DatabaseChoice(missing, source)
        with pytest.raises(MissingDatabase) as caught:
            refuse_missing(choice)
        assert "--create" in caught.value.text("it") and "--create" in caught.value.text("en")
        refuse_missing(choice, create=True)
    for source in (PREFERENCES, DEFAULT):
        refuse_missing(DatabaseChoice(missing, source))
    url = DatabaseChoice("postgresql://h/db", FLAG)
    refuse_missing(url)


def test_a_missing_db_is_refused_unless_created(capsys, tmp_path):
    target = tmp_path / "refuso.sqlite"
    code, out, err = run(capsys, "--db", target, "applications")
    assert code == EXIT_UNUSABLE and out == ""
    assert f"il database {target} non esiste" in err and "--create" in err and "init" in err
    assert not target.exists()
    code, _, err = run(capsys, "--db", target, "--lang", "en", "applications")
    assert code == EXIT_UNUSABLE and "does not exist" in err and "non esiste" not in err
    assert not target.exists()

    code, out, _ = run(capsys, "--db", target, "--create", "applications", "--format", "json")
    assert code == EXIT_OK and json.loads(out) == [] and target.exists()


def test_init_creates_the_database_and_says_so(capsys, tmp_path):
    target = tmp_path / "nuovo.sqlite"
    code, out, _ = run(capsys, "--db", target, "init")
    assert code == EXIT_OK and "Database pronto" in out and target.exists()
    code, out, _ = run(capsys, "--db", target, "init")
    assert code == EXIT_OK and "esiste già" in out
    assert run(capsys, "--db", target, "applications")[0] == EXIT_OK


def test_the_command_line_follows_the_preferences(capsys, tmp_path):
    from desktop.paths import default_database_path
    from desktop.ui.settings import Settings

    chosen = tmp_path / "dalle-preferenze.sqlite"
    settings = Settings()
    settings.database = str(chosen)
    settings.sync()
    # The Preferences' file is named in a dialog that offers a new file: it is created.
    assert run(capsys, "import", DEMO)[0] == EXIT_OK
    assert chosen.exists() and not default_database_path().exists()
    code, out, _ = run(capsys, "applications", "--format", "json")
    assert code == EXIT_OK and len(json.loads(out)) == 40


def test_the_default_database_is_created_as_before(capsys):
    from desktop.paths import default_database_path

    assert run(capsys, "applications")[0] == EXIT_OK
    assert default_database_path().exists()


def test_the_window_uses_the_same_choice(monkeypatch, tmp_path):
    """--db naming a file that does not exist: the window opens, says so in its banner
    (in the interface's language) and creates nothing; closed, the program exits 2."""
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    import desktop.app
    import desktop.ui.errors
    from desktop.app import run_gui
    from desktop.ui.main_window import MainWindow

    # Only the choice is under test: no translators or excepthook left behind for the
    # tests that share this process's QApplication.
    app = QApplication.instance() or QApplication([])
    monkeypatch.setattr(desktop.app, "create_application", lambda *args, **kwargs: app)
    monkeypatch.setattr(desktop.ui.errors, "install_error_handling", lambda **kwargs: None)
    previous_locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    said: list[str] = []
    waited = [0]

    def watch():
        # The window reports in its banner; the test closes it as a user would.
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        banner = windows[0].banner if windows else None
        if banner is not None and banner.kind == "problem":
            said.append(banner.message.text())
            windows[0].close()
        elif waited[0] > 300:  # 30 s: never hang the suite
            for window in windows:
                window.close()
            app.quit()
        else:
            waited[0] += 1
            QTimer.singleShot(100, watch)

    QTimer.singleShot(100, watch)
    target = tmp_path / "refuso.sqlite"
    try:
        code = run_gui(str(target), demo=False, language="it", crash_dialog=False)
    finally:
        QLocale.setDefault(previous_locale)
    assert said, "the window never said the database could not be opened"
    assert code == 2 and not target.exists()
    assert "non esiste" in said[0] and "does not exist" not in said[0]


# --------------------------------------------------------------------------- files written


def test_an_out_that_cannot_be_written_is_unusable_input(capsys, imported, tmp_path):
    nowhere = tmp_path / "non-esiste" / "graduatoria.csv"
    code, out, err = run(
        capsys, "--db", imported, "export", "ranking", "--format", "csv", "--out", nowhere
    )
    assert code == EXIT_UNUSABLE and out == ""
    assert f"la cartella {nowhere.parent} non esiste" in err and "Traceback" not in err
    assert not nowhere.parent.exists()

    code, _, err = run(
        capsys, "--db", imported, "--lang", "en", "kit", "export", "Anna", "--out", nowhere
    )
    assert code == EXIT_UNUSABLE and "does not exist" in err

    code, _, err = run(
        capsys, "--db", imported, "export", "ranking", "--format", "pdf", "--out", tmp_path
    )
    assert code == EXIT_UNUSABLE and "è una cartella" in err

    code, out, err = run(
        capsys, "--db", imported, "import", DEMO, "--report", nowhere.with_suffix(".xlsx")
    )
    assert code == EXIT_UNUSABLE and out == "" and "--report" in err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes in read-only folders"
)
def test_an_out_in_a_read_only_folder_is_unusable_input(capsys, imported, tmp_path):
    folder = tmp_path / "sola-lettura"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = run(
            capsys,
            "--db",
            imported,
            "export",
            "ranking",
            "--format",
            "csv",
            "--out",
            folder / "g.csv",
        )
    finally:
        folder.chmod(0o755)
    assert code == EXIT_UNUSABLE and "permessi" in err


def test_a_write_that_fails_on_its_folder_is_unusable_input(
    capsys, imported, monkeypatch, tmp_path
):
    """The folder was fine when checked, the write still fails (a full disk, a
    read-only medium): a clear message, exit 2, not a crash."""
    import desktop.exporting.ranking as exporting

    out = tmp_path / "g.csv"

    def full_disk(result, path, format, call):
        raise OSError(28, "No space left on device", str(path) + ".tmp")

    monkeypatch.setattr(exporting, "export_ranking", full_disk)
    code, _, err = run(
        capsys, "--db", imported, "export", "ranking", "--format", "csv", "--out", out
    )
    assert code == EXIT_UNUSABLE and "No space left on device" in err and "Traceback" not in err
