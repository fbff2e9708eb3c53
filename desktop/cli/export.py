"""`commissione export ranking|summary`: the ranking for publication (XLSX, CSV,
PDF) and an application's evaluation summary (PDF).

    commissione export ranking --format xlsx|csv|pdf --out FILE [--session I|II] [--budget EUR]
    commissione export summary CODE --out FILE.pdf

An --out that cannot be written (no such folder, no permission) is refused before
any work is done: exit 2.
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli import common
from desktop.cli.exits import EXIT_OK
from desktop.cli.rank import load


def declare(commands, say) -> None:
    export = commands.add_parser(
        "export",
        help=say(
            "esporta la graduatoria (XLSX, CSV, PDF) o la sintesi di una valutazione",
            "export the ranking (XLSX, CSV, PDF) or an evaluation's summary",
        ),
    )
    what = export.add_subparsers(dest="export_what", metavar=say("COSA", "WHAT"), required=True)
    ranking = what.add_parser(
        "ranking", help=say("la graduatoria per la pubblicazione", "the ranking for publication")
    )
    ranking.add_argument("--format", choices=("xlsx", "csv", "pdf"), required=True)
    ranking.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help=say("file da scrivere", "file to write"),
    )
    ranking.add_argument(
        "--session",
        metavar=say("SESSIONE", "SESSION"),
        help=say("codice della sessione (I, II…)", "the session's code (I, II…)"),
    )
    ranking.add_argument(
        "--budget",
        metavar=say("EURO", "EUR"),
        help=say("budget per una simulazione, in euro", "budget for a simulation, in euro"),
    )
    common.add_call(ranking, say)
    summary = what.add_parser(
        "summary",
        help=say(
            "la sintesi della valutazione di una domanda (PDF)",
            "an application's evaluation summary (PDF)",
        ),
    )
    summary.add_argument(
        "code", metavar=say("CODICE", "CODE"), help=say("codice domanda", "application code")
    )
    summary.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help=say("file PDF da scrivere", "PDF file to write"),
    )
    common.add_call(summary, say)
    export.set_defaults(handler=run)


def run(args, say) -> int:
    out = common.output_file(args.out)
    if args.export_what == "summary":
        return _export_summary(args, say, out)
    from desktop.exporting.ranking import (
        NO_ACT,
        export_ranking,
        left_to_check,
        published_entries,
        ranking_act,
    )

    args.normalised = False
    call, result = load(args)
    with common.writing(out):
        path = export_ranking(result, out, args.format, call)
    listed = len(published_entries(result))
    print(
        say(
            f"Graduatoria esportata in {path}: {listed} domande, "
            f"{result.funded_count} finanziabili.",
            f"Ranking exported to {path}: {listed} applications, {result.funded_count} fundable.",
        )
    )
    if left_to_check(result):
        print(
            say(
                f"{left_to_check(result)} domande da verificare (istruttoria aperta) non sono "
                "elencate.",
                f"{left_to_check(result)} applications still to check (formal check open) "
                "are not listed.",
            )
        )
    if ranking_act(result, call) == NO_ACT:
        print(
            say(
                "Atto di approvazione della graduatoria non indicato: aggiungerlo in "
                "[letters.ranking_acts] del file del bando.",
                "The act approving the ranking is not given: add it under "
                "[letters.ranking_acts] in the call file.",
            )
        )
    return EXIT_OK


def _export_summary(args, say, out) -> int:
    from desktop.exporting.ranking import export_evaluation_summary
    from desktop.services.ranking import evaluation_summary

    call = common.find_call(args)
    with common.database(args) as database:
        summary = evaluation_summary(database, call, args.code)
    with common.writing(out):
        path = export_evaluation_summary(summary, out, call)
    print(
        say(
            f"Sintesi della valutazione di {args.code} in {path} ({len(summary.sheets)} schede).",
            f"Evaluation summary of {args.code} in {path} ({len(summary.sheets)} sheets).",
        )
    )
    return EXIT_OK
