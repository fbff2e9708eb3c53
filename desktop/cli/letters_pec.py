"""`commissione letters send`, `letters receipts` and `letters pec-account`.

    commissione letters pec-account [--host H --port N --security ssl|starttls
                                     --user U --sender PEC [--ca-bundle FILE]
                                     --imap-host H [--imap-port N]]
                                    [--password] [--forget-password]
    commissione letters send [--dry-run] [--code CODE ...] [--resend CODE ...]
    commissione letters receipts PATH [PATH ...]
    commissione letters receipts --imap [--folder NAME] [--since DD/MM/YYYY]

The password is read from a prompt that does not echo, or the first line of stdin,
never from the arguments; it is kept in the system keyring only.

Exit 1: done in part (a letter refused by the server or with an unknown outcome; a
receipt unreadable or unmatched); 2: unusable input (no PEC account, no password, no
IMAP server, a mailbox that cannot be opened).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import common
from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED


def declare(subcommands, say) -> None:
    """Adds `send`, `receipts` and `pec-account` to `letters`."""
    account = subcommands.add_parser(
        "pec-account",
        help=say(
            "la casella PEC dell'ufficio (server SMTP, utente, mittente; password nel portachiavi)",
            "the office's PEC mailbox (SMTP server, user, sender; password in the keyring)",
        ),
    )
    account.add_argument("--host", metavar="HOST", help=say("server SMTP", "SMTP server"))
    account.add_argument("--port", type=int, metavar="N", help=say("porta", "port"))
    account.add_argument(
        "--security",
        choices=("ssl", "starttls"),
        help=say(
            "ssl: TLS implicito (porta 465, default); starttls (porta 587)",
            "ssl: implicit TLS (port 465, default); starttls (port 587)",
        ),
    )
    account.add_argument("--user", metavar=say("UTENTE", "USER"), help=say("utente", "user"))
    account.add_argument(
        "--sender", metavar="PEC", help=say("indirizzo PEC del mittente", "sender PEC address")
    )
    account.add_argument(
        "--ca-bundle",
        type=Path,
        metavar="FILE",
        help=say(
            "file PEM dell'autorità di certificazione del server (se non è tra quelle di sistema)",
            "PEM file of the server's certificate authority (if not among the system's)",
        ),
    )
    account.add_argument(
        "--imap-host",
        metavar="HOST",
        help=say(
            "server IMAP della casella (TLS implicito), per leggere le ricevute con "
            "'letters receipts --imap'; '' lo toglie",
            "the mailbox's IMAP server (implicit TLS), to read the receipts with "
            "'letters receipts --imap'; '' removes it",
        ),
    )
    account.add_argument(
        "--imap-port", type=int, metavar="N", help=say("porta IMAP (993)", "IMAP port (993)")
    )
    account.add_argument(
        "--password",
        action="store_true",
        help=say(
            "salva la password (letta dal terminale o da stdin) nel portachiavi",
            "save the password (read from the terminal or stdin) in the keyring",
        ),
    )
    account.add_argument(
        "--forget-password",
        action="store_true",
        help=say("elimina la password dal portachiavi", "remove the password from the keyring"),
    )
    account.set_defaults(subcommand=run_account)

    send = subcommands.add_parser(
        "send",
        help=say(
            "invia per PEC le lettere protocollate (un messaggio per lettera, mai due volte)",
            "send the protocolled letters by PEC (one message per letter, never twice)",
        ),
    )
    send.add_argument(
        "--dry-run",
        action="store_true",
        help=say(
            "elenca cosa verrebbe inviato, senza inviare", "list what would be sent, send nothing"
        ),
    )
    send.add_argument(
        "--code",
        action="append",
        metavar=say("CODICE", "CODE"),
        help=say(
            "solo questa domanda (o CODICE/tipo); ripetibile",
            "only this application (or CODE/kind); repeatable",
        ),
    )
    send.add_argument(
        "--resend",
        action="append",
        default=[],
        metavar=say("CODICE", "CODE"),
        help=say(
            "invia di nuovo una lettera il cui invio ha esito incerto (dopo aver controllato "
            "la posta inviata)",
            "send again a letter whose sending has an unknown outcome (after checking the "
            "sent folder)",
        ),
    )
    common.add_call(send, say)
    send.set_defaults(subcommand=run_send)

    receipts = subcommands.add_parser(
        "receipts",
        help=say(
            "legge le ricevute PEC (.eml: file o cartelle, o dalla casella via IMAP) e le "
            "registra sulle lettere",
            "read PEC receipts (.eml: files or folders, or from the mailbox over IMAP) and "
            "record them on the letters",
        ),
    )
    receipts.add_argument("paths", nargs="*", metavar="PATH")
    receipts.add_argument(
        "--imap",
        action="store_true",
        help=say(
            "legge le ricevute dalla casella PEC via IMAP (in sola lettura: nulla viene "
            "segnato o cancellato)",
            "read the receipts from the PEC mailbox over IMAP (read-only: nothing is marked "
            "or deleted)",
        ),
    )
    receipts.add_argument(
        "--folder",
        default="INBOX",
        metavar=say("CARTELLA", "FOLDER"),
        help=say("cartella della casella (INBOX)", "the mailbox's folder (INBOX)"),
    )
    receipts.add_argument(
        "--since",
        metavar="GG/MM/AAAA",
        help=say(
            "solo i messaggi ricevuti da questo giorno (default: dal giorno prima del più "
            "vecchio invio ancora in attesa di ricevute)",
            "only messages received from this day (default: the day before the oldest "
            "sending still awaiting its receipts)",
        ),
    )
    receipts.set_defaults(subcommand=run_receipts)


def _read_password(say) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(say("Password PEC (non visualizzata): ", "PEC password (hidden): "))
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def run_account(args, say) -> int:
    from desktop.letters import pec

    saved = pec.load_account()
    changing = any(
        value is not None
        for value in (
            args.host,
            args.port,
            args.security,
            args.user,
            args.sender,
            args.ca_bundle,
            args.imap_host,
            args.imap_port,
        )
    )
    if changing:
        common.existing_ca_bundle(args.ca_bundle)
        security = args.security or (saved.security if saved else "ssl")
        port = args.port
        if port is None and saved and not args.security:
            port = saved.port
        account = pec.make_account(
            args.host or (saved.host if saved else ""),
            port=port,
            security=security,
            user=args.user if args.user is not None else (saved.user if saved else ""),
            sender=args.sender or (saved.sender if saved else ""),
            ca_bundle=(
                str(args.ca_bundle.resolve())
                if args.ca_bundle
                else (saved.ca_bundle if saved else "")
            ),
            imap_host=(
                args.imap_host if args.imap_host is not None else (saved.imap_host if saved else "")
            ),
            imap_port=(
                args.imap_port
                if args.imap_port is not None
                else (saved.imap_port if saved else None)
            ),
        )
        pec.save_account(account)
        print(say("Impostazioni PEC salvate.", "PEC settings saved."))
    else:
        account = saved
    if account is None:
        raise CommandProblem(
            "nessuna casella PEC impostata: usare 'letters pec-account --host H --sender PEC "
            "[--user U] --password'",
            "no PEC mailbox set: use 'letters pec-account --host H --sender PEC [--user U] "
            "--password'",
        )
    if args.forget_password:
        removed = pec.forget_password(account)
        print(
            say("Password PEC eliminata.", "PEC password removed.")
            if removed
            else say("Nessuna password PEC salvata.", "No PEC password stored.")
        )
    if args.password:
        password = _read_password(say)
        if not password:
            raise CommandProblem(
                "password vuota: nulla è stato salvato", "empty password: nothing was saved"
            )
        where = pec.set_password(account, password)
        if where != "keyring":
            from desktop.sync.credentials import keyring_status

            common.error_line(say(*keyring_status().notice()))
            common.error_line(
                say(
                    f"Da riga di comando la password non sopravvive al comando: usare la "
                    f"variabile d'ambiente {pec.PASSWORD_VARIABLE}.",
                    f"From the command line the password does not outlive the command: use "
                    f"the {pec.PASSWORD_VARIABLE} environment variable.",
                )
            )
            return EXIT_REJECTED
        print(say("Password PEC salvata nel portachiavi.", "PEC password saved in the keyring."))
    has_password = pec.get_password(account) is not None
    print(
        f"{account.security}://{account.host}:{account.port}  "
        + say(
            f"utente {account.user}, mittente {account.sender}",
            f"user {account.user}, sender {account.sender}",
        )
        + (f"  CA {account.ca_bundle}" if account.ca_bundle else "")
        + (f"  imaps://{account.imap_host}:{account.imap_port}" if account.imap_host else "")
        + "  "
        + say(
            "password: " + ("salvata" if has_password else "mancante"),
            "password: " + ("stored" if has_password else "missing"),
        )
    )
    return EXIT_OK


def run_send(args, say) -> int:
    from desktop.letters import pec

    language = say.language
    account = pec.load_account()
    if account is None:
        raise CommandProblem(
            "nessuna casella PEC impostata: usare 'letters pec-account' prima di inviare",
            "no PEC mailbox set: use 'letters pec-account' before sending",
        )
    password = None
    if not args.dry_run:
        password = pec.get_password(account)
        if password is None and account.user:
            raise CommandProblem(
                f"nessuna password per la casella PEC {account.user}: salvarla con "
                f"'letters pec-account --password' (o la variabile {pec.PASSWORD_VARIABLE})",
                f"no password for the PEC mailbox {account.user}: store it with "
                f"'letters pec-account --password' (or the {pec.PASSWORD_VARIABLE} variable)",
            )
    call = common.find_call(args)

    def progress(done: int, total: int, code: str) -> None:
        print(f"[{done}/{total}] {code}", file=sys.stderr)

    with common.database(args) as database:
        report = pec.send_letters(
            database,
            call,
            account,
            password,
            codes=args.code,
            resend=args.resend,
            dry_run=args.dry_run,
            progress=progress,
        )
    for outcome in report.outcomes:
        label = {
            "sent": say("inviata", "sent"),
            "failed": say("NON INVIATA", "NOT SENT"),
            "uncertain": say("ESITO INCERTO", "UNKNOWN OUTCOME"),
            "skipped": say("saltata", "skipped"),
            "planned": say("da inviare", "to send"),
        }[outcome.outcome]
        line = f"{outcome.code}/{outcome.kind}  {outcome.pec or '-'}  {label}"
        if outcome.outcome != "sent":
            line += f": {outcome.reason(language)}"
        elif outcome.message_id:
            line += f"  {outcome.message_id}"
        print(line)
    counts = {
        name: len(report.of(name)) for name in ("sent", "failed", "uncertain", "skipped", "planned")
    }
    if args.dry_run:
        print(
            say(
                f"Prova: {counts['planned']} lettere da inviare, {counts['skipped']} saltate; nulla inviato.",
                f"Dry run: {counts['planned']} letters to send, {counts['skipped']} skipped; nothing sent.",
            )
        )
        return EXIT_OK
    print(
        say(
            f"Inviate {counts['sent']}, non inviate {counts['failed']}, esito incerto "
            f"{counts['uncertain']}, saltate {counts['skipped']}.",
            f"Sent {counts['sent']}, not sent {counts['failed']}, unknown outcome "
            f"{counts['uncertain']}, skipped {counts['skipped']}.",
        )
    )
    return EXIT_REJECTED if counts["failed"] or counts["uncertain"] or report.cancelled else EXIT_OK


def _since(text: str | None):
    if not text:
        return None
    from desktop.domain.italian import parse_date
    from desktop.domain.problems import Problem

    try:
        return parse_date(text)[0]
    except (ValueError, Problem):
        raise CommandProblem(
            f"--since «{text}»: data non valida; scriverla come 31/01/2025.",
            f"--since “{text}”: not a date; write it as 31/01/2025.",
        ) from None


def run_receipts(args, say) -> int:
    from desktop.letters.receipts import MAX_FILES, read_receipts

    language = say.language
    if args.imap and args.paths:
        raise CommandProblem(
            "--imap esclude i file: leggere le ricevute dalla casella o dai file, non da "
            "entrambi insieme",
            "--imap excludes files: read the receipts from the mailbox or from files, not both",
        )
    if not args.imap and not args.paths:
        raise CommandProblem(
            "indicare i file .eml (o le cartelle) delle ricevute, oppure --imap",
            "name the receipts' .eml files (or folders), or --imap",
        )
    if not args.imap and (args.since or args.folder != "INBOX"):
        raise CommandProblem(
            "--folder e --since valgono solo con --imap", "--folder and --since only go with --imap"
        )
    if args.imap:
        from desktop.letters import imap, pec

        since = _since(args.since)
        account = pec.load_account()
        if account is None:
            raise CommandProblem(
                "nessuna casella PEC impostata: usare 'letters pec-account --host H --sender PEC "
                "--imap-host H --password'",
                "no PEC mailbox set: use 'letters pec-account --host H --sender PEC "
                "--imap-host H --password'",
            )
        if not account.imap_host:
            raise CommandProblem(
                "nessun server IMAP impostato per la casella PEC: usare 'letters pec-account "
                "--imap-host HOST [--imap-port N]'",
                "no IMAP server set for the PEC mailbox: use 'letters pec-account "
                "--imap-host HOST [--imap-port N]'",
            )

        def progress(done: int, total: int, label: str) -> None:
            print(f"[{done}/{total}] {label}", file=sys.stderr)

        with common.database(args) as database:
            if since is None:
                since = imap.receipts_since(database)
            report = imap.fetch_receipts_imap(
                database,
                account,
                pec.get_password(account),
                folder=args.folder,
                since=since,
                progress=progress,
            )
    else:
        with common.database(args) as database:
            report = read_receipts(database, args.paths)
    labels = {
        "recorded": say("registrata", "recorded"),
        "already": say("già registrata", "already recorded"),
        "noted": say("letta", "read"),
        "unmatched": say("NON ABBINATA", "UNMATCHED"),
        "unreadable": say("NON LEGGIBILE", "UNREADABLE"),
    }
    for fate in report.fates:
        where = f"  {fate.code}/{fate.kind}" if fate.code else ""
        print(f"{fate.file}{where}  {labels[fate.fate]}: {fate.reason(language)}")
    if report.too_many:
        common.error_line(
            say(
                f"{report.too_many} file oltre il limite di {MAX_FILES} non letti: leggerli in un secondo momento",
                f"{report.too_many} files beyond the limit of {MAX_FILES} not read: read them afterwards",
            )
            if not args.imap
            else say(
                f"{report.too_many} messaggi più vecchi oltre il limite di {imap.MAX_MESSAGES} "
                "non letti: leggerli con --since",
                f"{report.too_many} older messages beyond the limit of {imap.MAX_MESSAGES} not "
                "read: read them with --since",
            )
        )
    counts = {name: len(report.of(name)) for name in labels}
    print(
        say(
            f"Ricevute registrate {counts['recorded']}, già registrate {counts['already']}, "
            f"lette {counts['noted']}, non abbinate {counts['unmatched']}, non leggibili "
            f"{counts['unreadable']}.",
            f"Receipts recorded {counts['recorded']}, already recorded {counts['already']}, "
            f"read {counts['noted']}, unmatched {counts['unmatched']}, unreadable "
            f"{counts['unreadable']}.",
        )
    )
    return (
        EXIT_REJECTED if counts["unmatched"] or counts["unreadable"] or report.too_many else EXIT_OK
    )
