"""The command line: `commissione import|applications|check|calls|override`.

Exit codes: 0 success, 1 some rows were rejected, 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2

# Command groups living in desktop/commands/: each module has
# `add_commands(commands) -> {name: handler(args, say) -> exit code}`.
COMMAND_MODULES = ("committee", "sheets", "ranking", "campaigns", "tracking", "platform")


class CommandProblem(Exception):
    """The command cannot do what was asked; the message says why and what to do."""


class Messages:
    """Italian by default, English with --lang en (or COMMISSIONE_LANG=en)."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, it: str, en: str) -> str:
        return en if self.language == "en" else it


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commissione",
        description="Commissione: domande, ammissibilità e valutazione dei bandi di crowdfunding civico.",
    )
    parser.add_argument(
        "--db",
        help="file SQLite o URL del database (default: COMMISSIONE_DB, poi la cartella dati dell'utente)",
    )
    parser.add_argument(
        "--lang",
        choices=("it", "en"),
        default=os.environ.get("COMMISSIONE_LANG") or None,
        help="lingua dei messaggi (default: italiano; la finestra usa le impostazioni)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="apre la finestra su una copia nuova dei dati dimostrativi",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="verifica l'installazione ed esce (0 = tutto bene)"
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="errori imprevisti solo nel log, senza finestra (test automatici)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.extension_handlers = {}
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")

    importing = commands.add_parser("import", help="importa le domande da CSV, XLSX o ODS")
    importing.add_argument("file", type=Path)
    importing.add_argument(
        "--map", type=Path, help="file TOML [colonne] che mappa le intestazioni del portale"
    )
    importing.add_argument(
        "--call", help="identificativo del bando (default: l'edizione più recente)"
    )
    importing.add_argument(
        "--report", type=Path, help="dove scrivere il rapporto XLSX delle righe scartate"
    )

    listing = commands.add_parser(
        "applications", help="elenca le domande con l'esito dell'ammissibilità"
    )
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.add_argument("--call")

    check = commands.add_parser(
        "check", help="riesegue la verifica di ammissibilità su tutte le domande"
    )
    check.add_argument("--call")

    commands.add_parser("calls", help="elenca i bandi configurati (resources/calls)")

    override = commands.add_parser("override", help="deroga motivata all'esito di una regola")
    override.add_argument("code", help="codice domanda")
    override.add_argument("rule", help="regola (vedere 'commissione rules')")
    override.add_argument("--outcome", choices=("pass", "fail", "check"), required=True)
    override.add_argument("--note", required=True, help="motivazione (obbligatoria)")
    override.add_argument("--call")

    commands.add_parser("rules", help="elenca le regole di ammissibilità")
    for module in COMMAND_MODULES:
        parser.extension_handlers.update(_command_module(module).add_commands(commands))
    return parser


def _command_module(name: str):
    import importlib

    return importlib.import_module(f"desktop.commands.{name}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("commissione")
    except PackageNotFoundError:
        return "dev"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop.app import self_test

        return self_test()
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(
            args.db, demo=args.demo, language=args.lang, crash_dialog=not args.no_crash_dialog
        )
    args.lang = args.lang or "it"
    say = Messages(args.lang)
    from db.engine import DatabaseProblem
    from desktop.domain.calls import CallConfigError
    from desktop.importing.columns import MappingProblem
    from desktop.importing.readers import UnusableFile

    try:
        handler = COMMANDS.get(args.command) or parser.extension_handlers[args.command]
        return handler(args, say)
    except CommandProblem as problem:
        _error(str(problem))
    except UnusableFile as problem:
        _error(say(problem.it, problem.en))
    except (CallConfigError, MappingProblem, DatabaseProblem, LookupError) as problem:
        _error(str(problem))
    except BrokenPipeError:
        # `commissione applications | head`: the reader left, nothing to report.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        _error(say("interrotto: nessuna modifica salvata", "interrupted: nothing was saved"))
        return 130
    return EXIT_UNUSABLE


def _error(message: str) -> None:
    print(f"commissione: {message}", file=sys.stderr)


def _open(args):
    from db.engine import open_database

    return open_database(args.db)


def _call(args):
    from desktop.domain.calls import find_call

    return find_call(getattr(args, "call", None))


def cmd_import(args, say: Messages) -> int:
    from desktop.importing.columns import load_mapping
    from desktop.importing.service import import_applications

    mapping = load_mapping(args.map) if args.map else None
    call = _call(args)
    database = _open(args)
    progress = _progress_printer(say) if sys.stderr.isatty() else None
    try:
        result = import_applications(
            database, args.file, call, mapping=mapping, report_path=args.report, progress=progress
        )
    finally:
        database.close()
    if progress:
        print(file=sys.stderr)
    print(
        say(
            f"{result.file.name} → bando {call.id}: righe lette {result.rows_read}; domande nuove {result.created}, "
            f"aggiornate {result.updated}, invariate {result.unchanged}; righe scartate {result.rejected_rows}.",
            f"{result.file.name} → call {call.id}: rows read {result.rows_read}; applications new {result.created}, "
            f"updated {result.updated}, unchanged {result.unchanged}; rows rejected {result.rejected_rows}.",
        )
    )
    if result.ignored_columns:
        ignored = ", ".join(result.ignored_columns)
        print(say(f"Colonne ignorate: {ignored}", f"Columns ignored: {ignored}"))
    for problem in sorted(result.problems, key=lambda p: (p.sheet, p.row)):
        where = say(f"riga {problem.row}", f"row {problem.row}") if problem.row else problem.sheet
        print(
            say(
                f"  {where}, colonna «{problem.column}», valore «{problem.value}»: {problem.reason_it}",
                f"  {where}, column “{problem.column}”, value “{problem.value}”: {problem.reason_en}",
            )
        )
    if result.report_path:
        print(
            say(
                f"Rapporto delle righe scartate: {result.report_path}",
                f"Rejected rows report: {result.report_path}",
            )
        )
    if result.problems:
        print(
            say(
                "Le righe valide sono state importate; correggere le righe scartate e importare di nuovo il file.",
                "Valid rows were imported; fix the rejected rows and import the file again.",
            )
        )
    return result.exit_code


def _progress_printer(say: Messages):
    def show(done: int, total: int | None) -> None:
        shown = f"{done}/{total}" if total else str(done)
        print(
            "\r" + say(f"Importazione: {shown} righe", f"Importing: {shown} rows"),
            end="",
            file=sys.stderr,
        )

    return show


def cmd_applications(args, say: Messages) -> int:
    from desktop.importing.columns import CANONICAL
    from desktop.services.applications import LISTING_EXTRA_COLUMNS, list_applications

    call = _call(args)
    database = _open(args)
    try:
        rows = list_applications(database, call, args.lang)
    finally:
        database.close()
    columns = [*CANONICAL, *LISTING_EXTRA_COLUMNS]
    if args.format == "json":
        json.dump(
            [{c: row[c] for c in columns} for row in rows], sys.stdout, ensure_ascii=False, indent=1
        )
        print()
    elif args.format == "csv":
        _write_csv(rows, columns)
    else:
        _print_table(rows, say)
    return EXIT_OK


def _write_csv(rows: list[dict], columns: list[str]) -> None:
    import csv

    from desktop.exporting import neutralise

    # Semicolons and a BOM, so Italian Excel opens it as it is.
    sys.stdout.reconfigure(encoding="utf-8", newline="")
    sys.stdout.write("\ufeff")
    writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row[c]) for c in columns])


def _print_table(rows: list[dict], say: Messages) -> None:
    columns = [
        ("codice_domanda", say("codice", "code"), 12),
        ("titolo", say("titolo", "title"), 38),
        ("capofila_denominazione", say("capofila", "lead partner"), 28),
        ("municipio", "mun.", 4),
        ("sessione", say("sess.", "sess."), 5),
        ("costo_totale", say("costo €", "cost €"), 11),
        ("contributo", say("contributo €", "grant €"), 12),
        ("ammissibile", say("esito", "outcome"), 15),
        ("motivi", say("motivi", "reasons"), 60),
    ]

    def fit(text: str, width: int) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    print("  ".join(title.ljust(width) for _, title, width in columns).rstrip())
    for row in rows:
        cells = []
        for key, _, width in columns:
            value = fit(row[key], width)
            cells.append(
                value.rjust(width) if key in ("costo_totale", "contributo") else value.ljust(width)
            )
        print("  ".join(cells).rstrip())
    print(say(f"{len(rows)} domande", f"{len(rows)} applications"))


def cmd_check(args, say: Messages) -> int:
    from desktop.domain.eligibility import OUTCOME_LABELS, Outcome
    from desktop.services.applications import recheck

    call = _call(args)
    database = _open(args)
    try:
        summary = recheck(database, call)
    finally:
        database.close()
    parts = []
    for outcome in Outcome:
        it_label, en_label = OUTCOME_LABELS[outcome]
        parts.append(f"{say(it_label, en_label)} {summary.by_outcome.get(outcome, 0)}")
    print(
        say(
            f"Verificate {summary.checked} domande del bando {call.id}: " + ", ".join(parts),
            f"Checked {summary.checked} applications of call {call.id}: " + ", ".join(parts),
        )
    )
    return EXIT_OK


def cmd_calls(args, say: Messages) -> int:
    from desktop.domain.calls import available_calls
    from desktop.domain.money import format_eur

    for call in available_calls():
        sessions = ", ".join(
            f"{s.code} {s.opens.strftime('%d/%m/%Y') if s.opens else '…'}–"
            f"{s.closes.strftime('%d/%m/%Y') if s.closes else '…'}"
            for s in call.sessions
        )
        print(f"{call.id}  {call.title}")
        print(
            say(
                f"    sessioni: {sessions}; costo {format_eur(call.min_cost_cents)}–{format_eur(call.max_cost_cents)}; "
                f"raccolta {call.crowdfunding_share * 100:.0f}% → contributo {call.grant_share * 100:.0f}% "
                f"(max {format_eur(call.grant_cap_cents)}); budget {format_eur(call.budget_cents)}",
                f"    sessions: {sessions}; cost {format_eur(call.min_cost_cents)}–{format_eur(call.max_cost_cents)}; "
                f"raised {call.crowdfunding_share * 100:.0f}% → grant {call.grant_share * 100:.0f}% "
                f"(max {format_eur(call.grant_cap_cents)}); budget {format_eur(call.budget_cents)}",
            )
        )
        if call.grid.is_default:
            print(f"    {call.grid.notice}")
    return EXIT_OK


def cmd_rules(args, say: Messages) -> int:
    from desktop.domain.eligibility import RULES

    for rule in RULES:
        print(f"{rule.id:20} {say(rule.label_it, rule.label_en)}")
    return EXIT_OK


def cmd_override(args, say: Messages) -> int:
    from desktop.domain.eligibility import OUTCOME_LABELS, Outcome
    from desktop.services.applications import OverrideRefused, override_rule

    call = _call(args)
    database = _open(args)
    try:
        outcome = override_rule(
            database, call, args.code, args.rule, Outcome(args.outcome), args.note
        )
    except OverrideRefused as problem:
        _error(str(problem))
        return EXIT_UNUSABLE
    finally:
        database.close()
    it_label, en_label = OUTCOME_LABELS[outcome]
    print(
        say(
            f"Deroga registrata. Esito della domanda {args.code}: {it_label}",
            f"Override recorded. {args.code}: {en_label}",
        )
    )
    return EXIT_OK


COMMANDS = {
    "import": cmd_import,
    "applications": cmd_applications,
    "check": cmd_check,
    "calls": cmd_calls,
    "rules": cmd_rules,
    "override": cmd_override,
}


if __name__ == "__main__":
    sys.exit(main())
