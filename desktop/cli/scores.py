"""`commissione scores import FILE`: scores given on paper, from a CSV file; all
the rows or none (exit 2 lists the rows to fix)."""

from __future__ import annotations

import sys

from desktop.cli import common
from desktop.cli.exits import EXIT_OK, EXIT_UNUSABLE


def declare(commands, say) -> None:
    scores = commands.add_parser(
        "scores", help=say("punteggi dati su carta, da CSV", "scores given on paper, from CSV")
    )
    actions = scores.add_subparsers(
        dest="scores_command", metavar=say("AZIONE", "ACTION"), required=True
    )
    importing = actions.add_parser(
        "import",
        help=say(
            "importa valutatore;codice_domanda;criterio;punteggio;commento (tutto o niente)",
            "import valutatore;codice_domanda;criterio;punteggio;commento (all or nothing)",
        ),
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--draft",
        action="store_true",
        help=say(
            "lascia in bozza anche le schede complete (default: le invia)",
            "leave even complete sheets as drafts (default: submit them)",
        ),
    )
    common.add_call(importing, say)
    scores.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.importing.scores import import_scores

    with common.database(args) as database:
        call = common.call_for(args, database)
        result = import_scores(database, call, args.file, submit_complete=not args.draft)
    if result.problems:
        for problem in result.problems:
            print(
                say(
                    f"  riga {problem.row}, colonna «{problem.column}», valore «{problem.value}»: "
                    f"{problem.reason_it}",
                    f"  row {problem.row}, column “{problem.column}”, value “{problem.value}”: "
                    f"{problem.reason_en}",
                ),
                file=sys.stderr,
            )
        print(
            say(
                f"commissione: {result.file.name}: {len(result.problems)} problemi; nessun "
                "punteggio importato. Correggere le righe indicate e importare di nuovo il file.",
                f"commissione: {result.file.name}: {len(result.problems)} problems; no score "
                "imported. Fix the rows listed and import the file again.",
            ),
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    print(
        say(
            f"{result.file.name} → bando {call.id}: righe lette {result.rows_read}; schede nuove "
            f"{result.sheets_created}, aggiornate {result.sheets_updated}, invariate "
            f"{result.sheets_unchanged}; inviate {result.sheets_submitted}, in bozza {result.sheets_draft}.",
            f"{result.file.name} → call {call.id}: rows read {result.rows_read}; sheets new "
            f"{result.sheets_created}, updated {result.sheets_updated}, unchanged "
            f"{result.sheets_unchanged}; submitted {result.sheets_submitted}, drafts {result.sheets_draft}.",
        )
    )
    if result.sheets_draft and not args.draft:
        print(
            say(
                "Le schede in bozza mancano di qualche punteggio o della motivazione "
                "(colonna «motivazione»).",
                "The draft sheets lack some score or the motivation (column “motivazione”).",
            )
        )
    return EXIT_OK
