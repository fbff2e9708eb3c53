"""`commissione override CODE RULE`: an officer's decision on one rule, with a note."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "override",
        help=say(
            "deroga motivata all'esito di una regola",
            "an override of a rule's outcome, with its reason",
        ),
    )
    parser.add_argument(
        "code", metavar=say("CODICE", "CODE"), help=say("codice domanda", "application code")
    )
    parser.add_argument(
        "rule",
        metavar=say("REGOLA", "RULE"),
        help=say("regola (vedere 'commissione rules')", "rule (see 'commissione rules')"),
    )
    parser.add_argument("--outcome", choices=("pass", "fail", "check"), required=True)
    parser.add_argument(
        "--note",
        metavar=say("NOTA", "NOTE"),
        required=True,
        help=say("motivazione (obbligatoria)", "reason (required)"),
    )
    common.add_call(parser, say)
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.domain.eligibility import OUTCOME_LABELS, Outcome
    from desktop.services.applications import override_rule

    call = common.find_call(args)
    with common.database(args) as database:
        outcome = override_rule(
            database, call, args.code, args.rule, Outcome(args.outcome), args.note
        )
    it_label, en_label = OUTCOME_LABELS[outcome]
    print(
        say(
            f"Deroga registrata. Esito della domanda {args.code}: {it_label}",
            f"Override recorded. {args.code}: {en_label}",
        )
    )
    return EXIT_OK
