"""`commissione check`: runs every eligibility rule again on every application."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "check",
        help=say(
            "riesegue la verifica di ammissibilità su tutte le domande",
            "run the eligibility check again on every application",
        ),
    )
    common.add_call(parser, say)
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.domain.eligibility import OUTCOME_LABELS, Outcome
    from desktop.importing.service import code_collisions
    from desktop.services.applications import recheck

    call = common.find_call(args)
    with common.database(args) as database:
        summary = recheck(database, call)
        collisions = code_collisions(database, call)
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
    common.print_code_collisions(collisions, say)
    return EXIT_OK
