"""`commissione import FILE`: applications from a portal's CSV, XLSX or ODS export.

Exit 1 when some rows were rejected (the valid ones were imported and the rows are
listed, with a report when --report is given)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import common


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "import",
        help=say(
            "importa le domande da CSV, XLSX o ODS", "import applications from CSV, XLSX or ODS"
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--map",
        type=Path,
        metavar="FILE",
        help=say(
            "file TOML [colonne] che mappa le intestazioni del portale",
            "TOML file [colonne] mapping the portal's headers",
        ),
    )
    parser.add_argument(
        "--call",
        metavar="ID",
        help=say(
            "identificativo del bando (default: l'edizione più recente)",
            "the call's id (default: the newest edition)",
        ),
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help=say(
            "dove scrivere il rapporto XLSX delle righe scartate",
            "where to write the XLSX report of the rejected rows",
        ),
    )
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.importing.columns import load_mapping
    from desktop.importing.service import import_applications
    from desktop.importing.text import escape_controls, excerpt

    report = common.output_file(args.report, "--report") if args.report else None
    mapping = load_mapping(args.map) if args.map else None
    call = common.find_call(args)
    progress = _progress_printer(say) if sys.stderr.isatty() else None
    with common.database(args) as database, common.writing(report, "--report"):
        result = import_applications(
            database, args.file, call, mapping=mapping, report_path=report, progress=progress
        )
    if progress:
        print(file=sys.stderr)
    # Everything printed from the file (names, values, headers) is escaped: an ANSI
    # escape or a control character in a cell never reaches the terminal raw.
    name = escape_controls(result.file.name)
    print(
        say(
            f"{name} → bando {call.id}: righe lette {result.rows_read}; domande nuove {result.created}, "
            f"aggiornate {result.updated}, invariate {result.unchanged}; righe scartate {result.rejected_rows}.",
            f"{name} → call {call.id}: rows read {result.rows_read}; applications new {result.created}, "
            f"updated {result.updated}, unchanged {result.unchanged}; rows rejected {result.rejected_rows}.",
        )
    )
    if result.ignored_columns:
        ignored = ", ".join(excerpt(column, 40) for column in result.ignored_columns)
        print(say(f"Colonne ignorate: {ignored}", f"Columns ignored: {ignored}"))
    if result.normalised_codes:
        _print_normalised(result.normalised_codes, say)
    common.print_code_collisions(result.code_collisions, say)
    for problem in sorted(result.problems, key=lambda p: (p.sheet, p.row)):
        where = (
            say(f"riga {problem.row}", f"row {problem.row}")
            if problem.row
            else excerpt(problem.sheet)
        )
        column, value = excerpt(problem.column, 40), excerpt(problem.value)
        reason = escape_controls(say(problem.reason_it, problem.reason_en))
        print(
            say(
                f"  {where}, colonna «{column}», valore «{value}»: {reason}",
                f"  {where}, column “{column}”, value “{value}”: {reason}",
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


def _print_normalised(normalised: list[tuple[int, str, str]], say) -> None:
    """Codes stored otherwise than written (hx‑00002 → HX-00002): how many, and the
    first few, the written one with any non-ASCII character shown as \\uXXXX (a
    non-breaking hyphen looks like a hyphen)."""
    from desktop.importing.text import excerpt

    def written(code: str) -> str:
        return excerpt(code.encode("ascii", "backslashreplace").decode("ascii"), 40)

    examples = "; ".join(
        say(
            f"riga {row} «{written(a)}» → «{excerpt(b, 40)}»",
            f"row {row} “{written(a)}” → “{excerpt(b, 40)}”",
        )
        for row, a, b in normalised[:5]
    )
    more = len(normalised) - 5
    examples += say(f"; e altri {more}", f"; and {more} more") if more > 0 else ""
    print(
        say(
            f"Codici normalizzati {len(normalised)} (maiuscole, trattino «-», spazi e "
            f"caratteri invisibili tolti): {examples}",
            f"Codes normalised {len(normalised)} (upper case, hyphen “-”, spaces and "
            f"invisible characters removed): {examples}",
        )
    )


def _progress_printer(say):
    def show(done: int, total: int | None) -> None:
        shown = f"{done}/{total}" if total else str(done)
        print(
            "\r" + say(f"Importazione: {shown} righe", f"Importing: {shown} rows"),
            end="",
            file=sys.stderr,
        )

    return show
