"""`commissione credentials set|test|forget URL`: the platform's token or password
in the system keyring; the secret is read from a prompt or stdin, never from the
command line.

Exit 1: the server refused the credential, or there is no keyring to keep it;
2: unusable input (an empty secret, no credential to test).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import common
from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE


def declare(commands, say) -> None:
    credentials = commands.add_parser(
        "credentials",
        help=say(
            "credenziali dei server nel portachiavi del sistema",
            "the servers' credentials in the system keyring",
        ),
    )
    actions = credentials.add_subparsers(dest="credentials_action", metavar=say("AZIONE", "ACTION"))
    actions.required = True
    setting = actions.add_parser(
        "set",
        help=say(
            "salva token o chiave (letti dal terminale o da stdin, mai dagli argomenti)",
            "save a token or key (read from the terminal or stdin, never from the arguments)",
        ),
    )
    setting.add_argument("url", metavar="URL")
    setting.add_argument(
        "--user",
        metavar=say("UTENTE", "USER"),
        default="",
        help=say("nome utente (Goteo: utente dell'API)", "user name (Goteo: the API's user)"),
    )
    testing = actions.add_parser(
        "test",
        help=say("verifica la credenziale con il server", "check the credential with the server"),
    )
    testing.add_argument("url", metavar="URL")
    testing.add_argument("--platform", choices=("commissione", "goteo"))
    testing.add_argument("--ca-bundle", type=Path, metavar="FILE")
    forgetting = actions.add_parser(
        "forget",
        help=say("elimina la credenziale del server", "remove the server's credential"),
    )
    forgetting.add_argument("url", metavar="URL")
    credentials.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.sync.credentials import (
        forget_credential,
        keyring_status,
        set_credential,
        test_credential,
    )
    from desktop.sync.http import normalise_url

    url = normalise_url(args.url)
    action = args.credentials_action
    if action == "set":
        secret = _read_secret(say)
        if not secret:
            raise CommandProblem(
                "credenziale vuota: nulla è stato salvato", "empty credential: nothing was saved"
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
        common.error_line(say(*keyring_status().notice()))
        print(
            say(
                "Da riga di comando la credenziale non sopravvive al comando: per le sincronizzazioni "
                "senza portachiavi usare la variabile d'ambiente COMMISSIONE_PLATFORM_TOKEN.",
                "From the command line the credential does not outlive the command: to sync "
                "without a keyring use the COMMISSIONE_PLATFORM_TOKEN environment variable.",
            ),
            file=sys.stderr,
        )
        return EXIT_REJECTED
    if action == "forget":
        if forget_credential(url):
            print(say(f"Credenziale per {url} eliminata.", f"Credential for {url} removed."))
        else:
            print(
                say(f"Nessuna credenziale salvata per {url}.", f"No credential stored for {url}.")
            )
        return EXIT_OK
    common.existing_ca_bundle(args.ca_bundle)
    platform = args.platform or _platform_for(args, url) or "commissione"
    check = test_credential(url, platform, ca_bundle=args.ca_bundle)
    if check.ok:
        print(say(check.it, check.en))
        return EXIT_OK
    common.error_line(say(check.it, check.en))
    return EXIT_UNUSABLE if check.kind == "no_credential" else EXIT_REJECTED


def _platform_for(args, url: str) -> str | None:
    """The platform this database last synced the server with, when a database was
    chosen and exists (opening the default one would create it just to look)."""
    from desktop.database_choice import DEFAULT, choose_database, open_chosen

    choice = choose_database(args.db)
    if choice.source == DEFAULT or not choice.exists:
        return None
    try:
        database = open_chosen(choice)
    except Exception:  # only a hint: the test goes on with the default platform
        return None
    try:
        return common.stored_platform(database, url)
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
