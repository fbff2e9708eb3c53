"""`commissione sync`: campaigns and donations from the platform's server, in one
transaction.

Exit 1: the sync failed (offline, credential refused, data rejected: the message
says which; nothing was written); 2: unusable input (no server, no credential, a
server sending more than a sync can hold: nothing was written either).
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.cli import common
from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE

URL_VARIABLE = "COMMISSIONE_PLATFORM_URL"
# Failures that trying again cannot mend and that no rows were rejected for.
UNUSABLE_KINDS = ("no_credential", "too_large")


def declare(commands, say) -> None:
    syncing = commands.add_parser(
        "sync",
        help=say(
            "sincronizza campagne e donazioni dal server della piattaforma",
            "sync campaigns and donations from the platform's server",
        ),
    )
    syncing.add_argument(
        "--platform",
        choices=("commissione", "goteo"),
        help=say(
            "API del server (default: quella dell'ultima sincronizzazione, poi commissione)",
            "the server's API (default: the last sync's, then commissione)",
        ),
    )
    syncing.add_argument(
        "--url",
        metavar="URL",
        help=say(
            f"indirizzo del server (default: {URL_VARIABLE}, poi l'ultimo usato)",
            f"the server's address (default: {URL_VARIABLE}, then the last one used)",
        ),
    )
    syncing.add_argument(
        "--ca-bundle",
        type=Path,
        metavar="FILE",
        help=say(
            "file PEM dell'autorità di certificazione del server (se non è tra quelle di sistema)",
            "PEM file of the server's certificate authority (if not among the system's)",
        ),
    )
    syncing.add_argument(
        "--call",
        metavar="ID",
        help=say(
            "bando per il collegamento automatico alle domande",
            "the call whose applications campaigns are linked to",
        ),
    )
    syncing.add_argument(
        "--status",
        action="store_true",
        help=say("mostra solo lo stato delle sincronizzazioni", "only show the syncs' state"),
    )
    syncing.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.sync.service import last_used_server, sync, sync_status

    if args.status:
        with common.database(args) as database:
            rows = sync_status(database)
        if not rows:
            print(say("Nessuna sincronizzazione finora.", "No sync so far."))
        for row in rows:
            print(f"{row.server_url}  [{row.platform}]  {row.freshness(args.lang)}  ", end="")
            print(say(f"campagne {row.campaigns}", f"campaigns {row.campaigns}"))
            if row.failing and row.last_error:
                print("    " + _error_in(row.last_error, args.lang))
        return EXIT_OK
    common.existing_ca_bundle(args.ca_bundle)
    call = common.find_call(args)
    with common.database(args) as database:
        url, platform = args.url or os.environ.get(URL_VARIABLE, "").strip(), args.platform
        last = last_used_server(database)
        if not url and last:
            url = last[0]
        if not url:
            raise CommandProblem(
                f"nessun server indicato: usare --url URL o la variabile {URL_VARIABLE}",
                f"no server given: use --url URL or the {URL_VARIABLE} variable",
            )
        if platform is None:
            platform = common.stored_platform(database, url) or "commissione"
        result = sync(
            database,
            call,
            url,
            platform,
            ca_bundle=args.ca_bundle,
            on_retry=lambda it, en: common.error_line(say(it, en)),
        )
    if result.ok:
        print(result.message(args.lang))
        return EXIT_OK
    common.error_line(result.message(args.lang))
    return EXIT_UNUSABLE if result.kind in UNUSABLE_KINDS else EXIT_REJECTED


def _error_in(stored: str, language: str) -> str:
    """The stored "it / en" error text in the chosen language."""
    it, sep, en = stored.partition(" / ")
    return en if sep and language == "en" else it
