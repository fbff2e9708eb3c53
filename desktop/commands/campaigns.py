"""Command line: `sync`, `link`, `credentials` (see desktop/cli.py for the conventions).

Exit codes: 0 done, 1 the sync failed (offline, credential refused, data rejected:
the message says which; nothing was written), 2 unusable input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

URL_VARIABLE = "COMMISSIONE_PLATFORM_URL"
EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2


def add_commands(commands) -> dict:
    syncing = commands.add_parser(
        "sync", help="sincronizza campagne e donazioni dal server della piattaforma"
    )
    syncing.add_argument(
        "--platform",
        choices=("commissione", "goteo"),
        help="API del server (default: quella dell'ultima sincronizzazione, poi commissione)",
    )
    syncing.add_argument(
        "--url",
        help=f"indirizzo del server (default: {URL_VARIABLE}, poi l'ultimo usato)",
    )
    syncing.add_argument(
        "--ca-bundle",
        type=Path,
        help="file PEM dell'autorità di certificazione del server (se non è tra quelle di sistema)",
    )
    syncing.add_argument("--call", help="bando per il collegamento automatico alle domande")
    syncing.add_argument(
        "--status", action="store_true", help="mostra solo lo stato delle sincronizzazioni"
    )

    linking = commands.add_parser("link", help="collega a mano una campagna a una domanda")
    linking.add_argument("application", help="codice della domanda")
    linking.add_argument("campaign", help="identificativo della campagna sulla piattaforma")
    linking.add_argument("--url", help="server della campagna (se più server hanno lo stesso id)")
    linking.add_argument("--call")

    credentials = commands.add_parser(
        "credentials", help="credenziali dei server nel portachiavi del sistema"
    )
    actions = credentials.add_subparsers(dest="credentials_action", metavar="AZIONE")
    actions.required = True
    setting = actions.add_parser(
        "set", help="salva token o chiave (letti dal terminale o da stdin, mai dagli argomenti)"
    )
    setting.add_argument("url")
    setting.add_argument("--user", default="", help="nome utente (Goteo: utente dell'API)")
    testing = actions.add_parser("test", help="verifica la credenziale con il server")
    testing.add_argument("url")
    testing.add_argument("--platform", choices=("commissione", "goteo"))
    testing.add_argument("--ca-bundle", type=Path)
    forgetting = actions.add_parser("forget", help="elimina la credenziale del server")
    forgetting.add_argument("url")
    return {"sync": cmd_sync, "link": cmd_link, "credentials": cmd_credentials}


def cmd_sync(args, say) -> int:
    from desktop.cli import CommandProblem, _call, _open
    from desktop.sync import RequestProblem
    from desktop.sync.service import last_used_server, sync, sync_status

    if args.status:
        database = _open(args)
        try:
            rows = sync_status(database)
        finally:
            database.close()
        if not rows:
            print(say("Nessuna sincronizzazione finora.", "No sync so far."))
        for row in rows:
            print(f"{row.server_url}  [{row.platform}]  {row.freshness(args.lang)}  ", end="")
            print(say(f"campagne {row.campaigns}", f"campaigns {row.campaigns}"))
            if row.failing and row.last_error:
                print("    " + _error_in(row.last_error, args.lang))
        return EXIT_OK
    if args.ca_bundle is not None and not args.ca_bundle.is_file():
        raise CommandProblem(
            say(
                f"file dell'autorità di certificazione non trovato: {args.ca_bundle}",
                f"certificate authority file not found: {args.ca_bundle}",
            )
        )
    call = _call(args)
    database = _open(args)
    try:
        url, platform = args.url or os.environ.get(URL_VARIABLE, "").strip(), args.platform
        last = last_used_server(database)
        if not url and last:
            url = last[0]
        if not url:
            raise CommandProblem(
                say(
                    f"nessun server indicato: usare --url URL o la variabile {URL_VARIABLE}",
                    f"no server given: use --url URL or the {URL_VARIABLE} variable",
                )
            )
        if platform is None:
            platform = _stored_platform(database, url) or "commissione"
        try:
            result = sync(database, call, url, platform, ca_bundle=args.ca_bundle)
        except RequestProblem as problem:
            raise CommandProblem(say(problem.it, problem.en)) from None
    finally:
        database.close()
    if result.ok:
        print(result.message(args.lang))
        return EXIT_OK
    print(f"commissione: {result.message(args.lang)}", file=sys.stderr)
    return EXIT_UNUSABLE if result.kind == "no_credential" else EXIT_FAILED


def _stored_platform(database, url: str) -> str | None:
    from desktop.sync.http import normalise_url
    from desktop.sync.service import sync_status

    try:
        wanted = normalise_url(url)
    except Exception:
        return None
    return next((row.platform for row in sync_status(database) if row.server_url == wanted), None)


def _error_in(stored: str, language: str) -> str:
    """The stored "it / en" error text in the chosen language."""
    it, sep, en = stored.partition(" / ")
    return en if sep and language == "en" else it


def cmd_link(args, say) -> int:
    from desktop.cli import CommandProblem, _call, _open
    from desktop.sync import RequestProblem
    from desktop.sync.service import LinkProblem, link

    call = _call(args)
    database = _open(args)
    try:
        result = link(database, call, args.application, args.campaign, args.url)
    except (LinkProblem, RequestProblem) as problem:
        raise CommandProblem(say(problem.it, problem.en)) from None
    finally:
        database.close()
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


def cmd_credentials(args, say) -> int:
    from desktop.cli import CommandProblem
    from desktop.sync import RequestProblem
    from desktop.sync.credentials import (
        forget_credential,
        keyring_status,
        set_credential,
        test_credential,
    )
    from desktop.sync.http import normalise_url

    try:
        url = normalise_url(args.url)
    except RequestProblem as problem:
        raise CommandProblem(say(problem.it, problem.en)) from None
    action = args.credentials_action
    if action == "set":
        secret = _read_secret(say)
        if not secret:
            raise CommandProblem(
                say(
                    "credenziale vuota: nulla è stato salvato",
                    "empty credential: nothing was saved",
                )
            )
        stored = set_credential(url, secret, args.user)
        if not stored.session_only:
            print(
                say(
                    f"Credenziale per {url} salvata nel portachiavi del sistema.",
                    f"Credential for {url} saved in the system keyring.",
                )
            )
            return EXIT_OK
        it, en = keyring_status().notice()
        print(f"commissione: {say(it, en)}", file=sys.stderr)
        print(
            say(
                "Da riga di comando la credenziale non sopravvive al comando: per le sincronizzazioni "
                "senza portachiavi usare la variabile d'ambiente COMMISSIONE_PLATFORM_TOKEN.",
                "From the command line the credential does not outlive the command: to sync "
                "without a keyring use the COMMISSIONE_PLATFORM_TOKEN environment variable.",
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if action == "forget":
        if forget_credential(url):
            print(say(f"Credenziale per {url} eliminata.", f"Credential for {url} removed."))
        else:
            print(
                say(f"Nessuna credenziale salvata per {url}.", f"No credential stored for {url}.")
            )
        return EXIT_OK
    if args.ca_bundle is not None and not args.ca_bundle.is_file():
        raise CommandProblem(
            say(
                f"file dell'autorità di certificazione non trovato: {args.ca_bundle}",
                f"certificate authority file not found: {args.ca_bundle}",
            )
        )
    platform = args.platform or _platform_for(args, url) or "commissione"
    check = test_credential(url, platform, ca_bundle=args.ca_bundle)
    if check.ok:
        print(say(check.it, check.en))
        return EXIT_OK
    print(f"commissione: {say(check.it, check.en)}", file=sys.stderr)
    return EXIT_UNUSABLE if check.kind == "no_credential" else EXIT_FAILED


def _platform_for(args, url: str) -> str | None:
    """The platform this database last synced the server with, when a database was
    named (opening the default one would create it just to look)."""
    from desktop.cli import _open

    if not (args.db or os.environ.get("COMMISSIONE_DB")):
        return None
    try:
        database = _open(args)
    except Exception:
        return None
    try:
        return _stored_platform(database, url)
    finally:
        database.close()


def _read_secret(say) -> str:
    """From a prompt that does not echo, or the first line of stdin when piped."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(
            say("Token o chiave (non visualizzato): ", "Token or key (hidden): ")
        )
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.strip()
