"""`commissione letters generate|list|approve|protocol`.

letters generate --kind KIND|auto [--session I|II] [--code CODE ...]
                 [--format pdf|docx|both] --out DIR
letters list [--state S] [--kind KIND] [--session I|II] [--format table|csv|json]
letters approve CODE --kind KIND
letters protocol CODE --kind KIND --number N --date DD/MM/YYYY
letters protocol --file CSV
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli import common
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED
from desktop.domain import letters as rules

KIND_CHOICES = ("auto", *rules.KINDS)


def _kind(parser, say, *, auto: bool) -> None:
    parser.add_argument(
        "--kind",
        required=True,
        choices=KIND_CHOICES if auto else rules.KINDS,
        metavar=say("TIPO", "KIND"),
        help=say(
            "tipo di lettera: " + ", ".join(KIND_CHOICES if auto else rules.KINDS),
            "kind of letter: " + ", ".join(KIND_CHOICES if auto else rules.KINDS),
        ),
    )


def declare(subcommands, say) -> None:
    generate = subcommands.add_parser(
        "generate",
        help=say(
            "scrive le lettere (PDF/A, DOCX), il PDF unico da stampare e l'indice per il protocollo",
            "writes the letters (PDF/A, DOCX), one PDF to print and the index for the protocol office",
        ),
    )
    _kind(generate, say, auto=True)
    generate.add_argument(
        "--session", metavar="I|II", help=say("solo una sessione", "one session only")
    )
    generate.add_argument(
        "--code",
        action="append",
        metavar=say("CODICE", "CODE"),
        help=say("solo queste domande (ripetibile)", "only these applications (repeatable)"),
    )
    generate.add_argument(
        "--format",
        choices=("pdf", "docx", "both"),
        default="pdf",
        help=say("formato dei file (predefinito: pdf)", "file format (default: pdf)"),
    )
    generate.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar=say("CARTELLA", "FOLDER"),
        help=say("cartella dove scrivere i file", "folder to write the files in"),
    )
    common.add_call(generate, say)
    generate.set_defaults(subcommand=run_generate)

    listing = subcommands.add_parser(
        "list", help=say("le lettere e il loro stato", "the letters and their state")
    )
    listing.add_argument(
        "--state", choices=rules.STATES, help=say("solo uno stato", "one state only")
    )
    listing.add_argument("--kind", choices=rules.KINDS, help=say("solo un tipo", "one kind only"))
    listing.add_argument(
        "--session", metavar="I|II", help=say("solo una sessione", "one session only")
    )
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(listing, say)
    listing.set_defaults(subcommand=run_list)

    approve = subcommands.add_parser(
        "approve",
        help=say(
            "il responsabile del procedimento approva una lettera",
            "the responsible officer approves a letter",
        ),
    )
    approve.add_argument("code", nargs="?", metavar=say("CODICE", "CODE"))
    approve.add_argument("--kind", choices=rules.KINDS, metavar=say("TIPO", "KIND"))
    approve.add_argument(
        "--all",
        action="store_true",
        help=say(
            "tutte le bozze (di --kind e --session, se dati)",
            "every draft (of --kind and --session, when given)",
        ),
    )
    approve.add_argument(
        "--session", metavar="I|II", help=say("solo una sessione", "one session only")
    )
    common.add_call(approve, say)
    approve.set_defaults(subcommand=run_approve)

    reopen = subcommands.add_parser(
        "reopen",
        help=say(
            "ritira l'approvazione di una lettera (torna bozza), con il motivo",
            "takes back a letter's approval (a draft again), with the reason",
        ),
    )
    reopen.add_argument("code", metavar=say("CODICE", "CODE"))
    _kind(reopen, say, auto=False)
    reopen.add_argument(
        "--reason",
        required=True,
        metavar=say("MOTIVO", "REASON"),
        help=say("il motivo", "the reason"),
    )
    common.add_call(reopen, say)
    reopen.set_defaults(subcommand=run_reopen)

    protocol = subcommands.add_parser(
        "protocol",
        help=say(
            "registra numero e data di protocollo (una lettera, o un CSV dell'ufficio protocollo)",
            "records protocol number and date (one letter, or the protocol office's CSV)",
        ),
    )
    protocol.add_argument("code", nargs="?", metavar=say("CODICE", "CODE"))
    protocol.add_argument("--kind", choices=rules.KINDS, metavar=say("TIPO", "KIND"))
    protocol.add_argument(
        "--number", metavar="N", help=say("numero di protocollo", "protocol number")
    )
    protocol.add_argument(
        "--date", metavar="GG/MM/AAAA", help=say("data di protocollo", "protocol date")
    )
    protocol.add_argument(
        "--file",
        type=Path,
        metavar="CSV",
        help=say(
            "CSV con codice, tipo, numero_protocollo, data_protocollo (l'indice delle lettere compilato)",
            "CSV with codice, tipo, numero_protocollo, data_protocollo (the letters' index, filled in)",
        ),
    )
    common.add_call(protocol, say)
    protocol.set_defaults(subcommand=run_protocol)


def run_generate(args, say) -> int:
    from desktop.letters.service import generate

    call = common.find_call(args)
    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise common.CommandProblem(
            f"--out {out}: è un file; indicare una cartella.",
            f"--out {out}: is a file; give a folder.",
        )
    # The folder may be new (it is made), but where it goes must be writable.
    common.output_file(out / "indice-lettere.csv" if out.is_dir() else out)
    with common.database(args) as database, common.writing(out / "indice-lettere.csv"):
        result = generate(
            database,
            call,
            kind=args.kind,
            session_code=args.session,
            codes=args.code,
            out_dir=out,
            format=args.format,
            progress=_progress(say),
        )
    language = "en" if say("it", "en") == "en" else "it"
    for skipped in result.skipped:
        why = skipped.reason(language)
        print(f"{skipped.code} {skipped.kind}: {why}" if skipped.kind else f"{skipped.code}: {why}")
    print(
        say(
            f"{len(result.written)} lettere scritte in {out}"
            + (f" (da stampare: {result.merged.name})" if result.merged else "")
            + (f"; {len(result.skipped)} domande senza lettera nuova" if result.skipped else "")
            + ".",
            f"{len(result.written)} letters written in {out}"
            + (f" (to print: {result.merged.name})" if result.merged else "")
            + (
                f"; {len(result.skipped)} applications without a new letter"
                if result.skipped
                else ""
            )
            + ".",
        )
    )
    return EXIT_OK if result.written or not result.skipped else EXIT_REJECTED


def _progress(say):
    import sys

    def show(done: int, total: int) -> None:
        if sys.stderr.isatty() and (done == total or done % 50 == 0):
            print(
                say(f"\r{done}/{total} lettere…", f"\r{done}/{total} letters…"),
                end="",
                file=sys.stderr,
            )
            if done == total:
                print(file=sys.stderr)

    return show


def run_list(args, say) -> int:
    from desktop.domain import formatting
    from desktop.letters.service import list_letters

    call = common.find_call(args)
    with common.database(args) as database:
        rows = list_letters(
            database, call, state=args.state, kind=args.kind, session_code=args.session
        )
    language = "en" if say("it", "en") == "en" else "it"
    records = [
        {
            "codice": row.code,
            "tipo": row.kind,
            "stato": row.state_label(language),
            "destinatario": row.addressee,
            "pec": row.pec,
            "oggetto": row.subject,
            "protocollo": row.protocol_number,
            "data_protocollo": formatting.date(row.protocol_date) if row.protocol_date else "",
            "sha256": row.sha256,
            "errore": row.failure,
        }
        for row in rows
    ]
    if args.format != "table":
        common.write_records(records, args.format)
        return EXIT_OK
    columns = (
        (say("codice", "code"), 12),
        (say("tipo", "kind"), 24),
        (say("stato", "state"), 14),
        (say("destinatario", "addressee"), 30),
        (say("protocollo", "protocol"), 18),
    )
    common.print_table(
        columns,
        [
            (
                r["codice"],
                r["tipo"],
                r["stato"],
                r["destinatario"],
                f"{r['protocollo']} {r['data_protocollo']}".strip(),
            )
            for r in records
        ],
    )
    return EXIT_OK


def run_approve(args, say) -> int:
    from desktop.letters.service import approve_letters, list_letters

    call = common.find_call(args)
    if args.all == bool(args.code) or (args.code and not args.kind):
        raise common.CommandProblem(
            "servono CODICE --kind TIPO, oppure --all (con --kind e --session facoltativi).",
            "needed: CODE --kind KIND, or --all (with optional --kind and --session).",
        )
    with common.database(args) as database:
        if args.all:
            chosen = [
                (row.code, row.kind)
                for row in list_letters(
                    database, call, state="draft", kind=args.kind, session_code=args.session
                )
            ]
        else:
            chosen = [(args.code, args.kind)]
        rows = approve_letters(database, call, chosen)
    for row in rows:
        print(
            say(
                f"Lettera {row.code} «{row.kind}» approvata da {row.approved_by}.",
                f"Letter {row.code} “{row.kind}” approved by {row.approved_by}.",
            )
        )
    if not rows:
        print(say("Nessuna bozza da approvare.", "No draft to approve."))
    return EXIT_OK


def run_reopen(args, say) -> int:
    from desktop.letters.service import reopen

    call = common.find_call(args)
    with common.database(args) as database:
        row = reopen(database, call, args.code, args.kind, args.reason)
    print(
        say(
            f"Lettera {row.code} «{row.kind}»: approvazione ritirata, di nuovo bozza.",
            f"Letter {row.code} “{row.kind}”: approval taken back, a draft again.",
        )
    )
    return EXIT_OK


def run_protocol(args, say) -> int:
    from desktop.domain.italian import ValueProblem, parse_date
    from desktop.letters.service import read_protocol_csv, record_protocols

    call = common.find_call(args)
    if args.file is not None:
        if args.code or args.number or args.date:
            raise common.CommandProblem(
                "--file esclude CODICE, --number e --date.",
                "--file excludes CODE, --number and --date.",
            )
        entries = read_protocol_csv(args.file)
    else:
        if not (args.code and args.kind and args.number and args.date):
            raise common.CommandProblem(
                "servono CODICE --kind TIPO --number N --date GG/MM/AAAA, oppure --file CSV.",
                "needed: CODE --kind KIND --number N --date DD/MM/YYYY, or --file CSV.",
            )
        try:
            day = parse_date(args.date)[0]
        except (ValueError, ValueProblem):
            raise common.CommandProblem(
                f"--date «{args.date}»: data non valida; scriverla come 31/01/2025.",
                f"--date “{args.date}”: not a date; write it as 31/01/2025.",
            ) from None
        entries = [(args.code, args.kind, args.number, day)]
    with common.database(args) as database:
        rows = record_protocols(database, call, entries)
    for row in rows:
        print(
            say(
                f"{row.code} «{row.kind}»: protocollo n. {row.protocol_number} del "
                f"{row.protocol_date:%d/%m/%Y}.",
                f"{row.code} “{row.kind}”: protocol no. {row.protocol_number} of "
                f"{row.protocol_date:%d/%m/%Y}.",
            )
        )
    if not rows:
        print(say("Nessun protocollo nel file.", "No protocol in the file."))
    return EXIT_OK
