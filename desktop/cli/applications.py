"""`commissione applications`: the applications with their eligibility outcome."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "applications",
        help=say(
            "elenca le domande con l'esito dell'ammissibilità",
            "list the applications with their eligibility outcome",
        ),
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(parser, say)
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.importing.columns import CANONICAL
    from desktop.services.applications import LISTING_EXTRA_COLUMNS, list_applications

    call = common.find_call(args)
    with common.database(args) as database:
        rows = list_applications(database, call, args.lang)
    columns = [*CANONICAL, *LISTING_EXTRA_COLUMNS]
    if args.format == "json":
        common.write_json([{c: row[c] for c in columns} for row in rows])
    elif args.format == "csv":
        common.write_csv(columns, ([row[c] for c in columns] for row in rows))
    else:
        _print_table(rows, say)
    return EXIT_OK


def _print_table(rows: list[dict], say) -> None:
    columns = [
        ("codice_domanda", say("codice", "code"), 12, False),
        ("titolo", say("titolo", "title"), 38, False),
        ("capofila_denominazione", say("capofila", "lead partner"), 28, False),
        ("municipio", "mun.", 4, False),
        ("sessione", say("sess.", "sess."), 5, False),
        ("costo_totale", say("costo €", "cost €"), 11, True),
        ("contributo", say("contributo €", "grant €"), 12, True),
        ("ammissibile", say("esito", "outcome"), 15, False),
        ("motivi", say("motivi", "reasons"), 60, False),
    ]
    shown = [column[1:] for column in columns]
    common.print_table(shown, ([row[column[0]] for column in columns] for row in rows))
    print(say(f"{len(rows)} domande", f"{len(rows)} applications"))
