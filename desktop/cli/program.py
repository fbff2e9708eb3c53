"""The parser and `main`: global options, the commands of the package, and what
reaches the terminal when something goes wrong.

- a `Problem` (and the refusals services raise before they became Problems): its
  text in the interface language, exit 2;
- anything else is a bug: logged with its traceback, and one line on the terminal
  with the log's path, exit 3; never a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from desktop.cli.common import error_line
from desktop.cli.exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNEXPECTED, EXIT_UNUSABLE
from desktop.cli.language import Messages, argparse_language, chosen_language
from desktop.cli.registry import COMMANDS

log = logging.getLogger("commissione.cli")


def build_parser(say: Messages, commands: tuple[str, ...] | None = None) -> argparse.ArgumentParser:
    from desktop import __version__

    parser = argparse.ArgumentParser(
        prog="commissione",
        description=say(
            "Commissione: domande, ammissibilità e valutazione dei bandi di crowdfunding civico. "
            "Senza comando apre la finestra.",
            "Commissione: applications, eligibility and evaluation for civic crowdfunding calls. "
            "Without a command it opens the window.",
        ),
    )
    parser.add_argument(
        "--db",
        metavar=say("FILE|URL", "FILE|URL"),
        help=say(
            "file SQLite o URL del database (se manca: COMMISSIONE_DB, poi le preferenze "
            "della finestra, poi commissione.sqlite nella cartella dati dell'utente)",
            "SQLite file or database URL (if absent: COMMISSIONE_DB, then the window's "
            "preferences, then commissione.sqlite in the user's data folder)",
        ),
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help=say(
            "crea il file indicato da --db o COMMISSIONE_DB se non esiste (senza: rifiutato)",
            "create the file named by --db or COMMISSIONE_DB if it does not exist "
            "(without: refused)",
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("it", "en"),
        help=say(
            "lingua dei messaggi (default: COMMISSIONE_LANG, poi italiano; la finestra "
            "usa le preferenze)",
            "language of the messages (default: COMMISSIONE_LANG, then Italian; the window "
            "follows its preferences)",
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=say(
            "apre la finestra su una copia nuova dei dati dimostrativi",
            "open the window on a fresh copy of the demo data",
        ),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=say(
            "verifica l'installazione ed esce (0 = tutto bene)",
            "check the installation and exit (0 = all good)",
        ),
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help=say(
            "errori imprevisti solo nel log, senza finestra (test automatici)",
            "unexpected errors only in the log, no dialog (automated tests)",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=say("mostra la versione ed esce", "show the version and exit"),
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar=say("COMANDO", "COMMAND"), title=say("comandi", "commands")
    )
    for name in COMMANDS if commands is None else commands:
        importlib.import_module(f"desktop.cli.{name}").declare(subparsers, say)
    return parser


def main(argv: list[str] | None = None) -> int:
    """`commissione …`: a command's exit code; without a command, the window's."""
    argv = sys.argv[1:] if argv is None else [str(token) for token in argv]
    explicit = chosen_language(argv)
    say = Messages(explicit or "it")
    args = None
    try:
        with argparse_language(say.language):
            args = build_parser(say).parse_args(argv)  # SystemExit 2 on bad arguments
        # The window decides its own language (Preferences) unless one was asked for.
        args.lang = say.language if args.command else explicit
        if args.self_test:
            from desktop.app import self_test

            return self_test()
        if args.command is None:
            from desktop.app import run_gui

            return run_gui(
                args.db,
                demo=args.demo,
                language=args.lang,
                crash_dialog=not args.no_crash_dialog,
                create=args.create,
            )
        return args.handler(args, say)
    except BrokenPipeError:
        # `commissione applications | head`: the reader left, nothing to report.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        error_line(say("interrotto: nessuna modifica salvata", "interrupted: nothing was saved"))
        return EXIT_INTERRUPTED
    except Exception as error:
        problem = expected_problem(error)
        if problem is None:
            return unexpected(error, args, say)
        error_line(problem.text(say.language))
        return EXIT_UNUSABLE


def unexpected(error: BaseException, args, say: Messages) -> int:
    """A bug: the traceback to the log file, one line to the terminal."""
    try:
        from desktop.logs import error_details, setup_logging

        path = setup_logging()
        log.error(
            "unexpected error in `commissione %s`\n%s",
            getattr(args, "command", None) or "",
            error_details(type(error), error, error.__traceback__),
        )
    except Exception:  # even the log cannot be written: say so, still no traceback
        error_line(
            say(
                f"errore imprevisto ({type(error).__name__}); non è stato possibile scrivere "
                "il file di log.",
                f"unexpected error ({type(error).__name__}); the log file could not be written.",
            )
        )
        return EXIT_UNEXPECTED
    error_line(
        say(
            f"qualcosa è andato storto (errore imprevisto, {type(error).__name__}); i dettagli "
            f"sono nel file di log {path}",
            f"something went wrong (unexpected error, {type(error).__name__}); the details "
            f"are in the log file {path}",
        )
    )
    return EXIT_UNEXPECTED


def expected_problem(error: BaseException):
    """The Problem a user should read for `error`, or None for a bug."""
    from desktop.domain.problems import Problem

    if isinstance(error, Problem):
        return error
    if sys.modules.get("sqlalchemy") is not None:
        from db.problems import as_problem

        problem = as_problem(error)
        if problem is not None:
            return problem
    return None
