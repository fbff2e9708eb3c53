"""`commissione link APPLICATION CAMPAIGN`: links a campaign to an application by hand."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    linking = commands.add_parser(
        "link",
        help=say(
            "collega a mano una campagna a una domanda",
            "link a campaign to an application by hand",
        ),
    )
    linking.add_argument(
        "application",
        metavar=say("DOMANDA", "APPLICATION"),
        help=say("codice della domanda", "the application's code"),
    )
    linking.add_argument(
        "campaign",
        metavar=say("CAMPAGNA", "CAMPAIGN"),
        help=say(
            "identificativo della campagna sulla piattaforma", "the campaign's id on the platform"
        ),
    )
    linking.add_argument(
        "--url",
        metavar="URL",
        help=say(
            "server della campagna (se più server hanno lo stesso id)",
            "the campaign's server (if several servers have the same id)",
        ),
    )
    common.add_call(linking, say)
    linking.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.sync.service import link

    call = common.find_call(args)
    with common.database(args) as database:
        result = link(database, call, args.application, args.campaign, args.url)
    if result.changed:
        print(
            say(
                f"Campagna {result.campaign_external_id} ({result.server_url}) collegata alla domanda {result.application_code}.",
                f"Campaign {result.campaign_external_id} ({result.server_url}) linked to application {result.application_code}.",
            )
        )
    else:
        print(
            say(
                f"La campagna {result.campaign_external_id} era già collegata a mano alla domanda {result.application_code}.",
                f"Campaign {result.campaign_external_id} was already linked by hand to application {result.application_code}.",
            )
        )
    return EXIT_OK
