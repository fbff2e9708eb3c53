"""`commissione decide CODE`: the committee's decision on an application, with its
reasons (stored apart from the ranking's proposal).

    commissione decide CODE --admitted|--not-admitted --reasons TEXT
    commissione decide CODE --clear
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    decide = commands.add_parser(
        "decide",
        help=say(
            "decisione della commissione su una domanda (motivazioni obbligatorie)",
            "the committee's decision on an application (reasons required)",
        ),
    )
    decide.add_argument(
        "code", metavar=say("CODICE", "CODE"), help=say("codice domanda", "application code")
    )
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--admitted",
        dest="decision",
        action="store_const",
        const="admitted",
        help=say("ammessa", "admitted"),
    )
    choice.add_argument(
        "--not-admitted",
        dest="decision",
        action="store_const",
        const="not_admitted",
        help=say("non ammessa", "not admitted"),
    )
    choice.add_argument(
        "--clear",
        action="store_true",
        help=say("toglie la decisione registrata", "remove the recorded decision"),
    )
    decide.add_argument(
        "--reasons",
        metavar=say("MOTIVAZIONI", "REASONS"),
        help=say("motivazioni della decisione (obbligatorie)", "the decision's reasons (required)"),
    )
    common.add_call(decide, say)
    decide.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services.ranking import clear_decision, set_decision

    call = common.find_call(args)
    with common.database(args) as database:
        if args.clear:
            if clear_decision(database, call, args.code):
                print(
                    say(f"Decisione su {args.code} rimossa.", f"Decision on {args.code} removed.")
                )
            else:
                print(
                    say(
                        f"Nessuna decisione registrata su {args.code}.",
                        f"No decision recorded on {args.code}.",
                    )
                )
            return EXIT_OK
        row = set_decision(database, call, args.code, args.decision, args.reasons or "")
    print(
        say(
            f"Decisione registrata: {args.code} {row.label('it')} ({row.decided_by}).",
            f"Decision recorded: {args.code} {row.label('en')} ({row.decided_by}).",
        )
    )
    return EXIT_OK
