"""`commissione rules`: the eligibility rules, with their ids for `override`."""

from __future__ import annotations

from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "rules",
        help=say("elenca le regole di ammissibilità", "list the eligibility rules"),
    )
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.domain.eligibility import RULES

    for rule in RULES:
        print(f"{rule.id:20} {say(rule.label_it, rule.label_en)}")
    return EXIT_OK
