"""`commissione conflicts`: conflicts of interest, listed, detected through the lead
partner and every partner, declared, confirmed or dismissed.

    commissione conflicts [--detect | --declare MEMBER CODE --reason TEXT | --confirm ID
                           | --dismiss ID --note TEXT] [--status S] [--format table|csv|json]
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK
from desktop.domain import formatting
from desktop.domain.vocabulary import CONFLICT_SOURCES, CONFLICT_STATUSES


def declare(commands, say) -> None:
    conflicts = commands.add_parser(
        "conflicts",
        help=say(
            "conflitti di interessi: elenco, rilevazione, dichiarazione, decisione",
            "conflicts of interest: list, detection, declaration, decision",
        ),
    )
    action = conflicts.add_mutually_exclusive_group()
    action.add_argument(
        "--detect",
        action="store_true",
        help=say(
            "confronta i legami con capofila e partner di ogni domanda",
            "compare the links with every application's lead partner and partners",
        ),
    )
    action.add_argument(
        "--declare",
        nargs=2,
        metavar=(say("VALUTATORE", "EVALUATOR"), say("CODICE", "CODE")),
        help=say("dichiara un conflitto", "declare a conflict"),
    )
    action.add_argument(
        "--confirm",
        type=int,
        metavar="ID",
        help=say("conferma un conflitto proposto", "confirm a proposed conflict"),
    )
    action.add_argument(
        "--dismiss",
        type=int,
        metavar="ID",
        help=say("archivia un conflitto (serve --note)", "dismiss a conflict (needs --note)"),
    )
    conflicts.add_argument(
        "--reason",
        metavar=say("MOTIVO", "REASON"),
        default="",
        help=say("motivo (con --declare)", "reason (with --declare)"),
    )
    conflicts.add_argument(
        "--note",
        metavar=say("NOTA", "NOTE"),
        default="",
        help=say("nota (con --dismiss)", "note (with --dismiss)"),
    )
    conflicts.add_argument("--status", choices=("proposed", "confirmed", "dismissed"))
    conflicts.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(conflicts, say)
    conflicts.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services import committee

    call = common.find_call(args)
    if args.reason and not args.declare:
        raise CommandProblem("--reason va con --declare", "--reason goes with --declare")
    if args.note and args.dismiss is None:
        raise CommandProblem("--note va con --dismiss", "--note goes with --dismiss")
    with common.database(args) as database:
        if args.detect:
            found = committee.detect_conflicts(database, call)
            print(
                say(
                    f"Rilevazione: {len(found.created)} nuovi conflitti proposti, "
                    f"{found.already_known} già registrati (anche archiviati: non si ripropongono).",
                    f"Detection: {len(found.created)} new conflicts proposed, "
                    f"{found.already_known} already recorded (dismissed ones are not proposed again).",
                )
            )
            _list_conflicts(found.created, args.format, say)
            for row in found.assigned:
                print(
                    say(
                        f"Attenzione: {row.member} è già assegnato a {row.code}; confermando il "
                        f"conflitto ({row.id}) l'assegnazione viene tolta.",
                        f"Note: {row.member} is already assigned to {row.code}; confirming the "
                        f"conflict ({row.id}) removes the assignment.",
                    )
                )
            if found.created:
                print(
                    say(
                        "Decidere: commissione conflicts --confirm ID | --dismiss ID --note TESTO",
                        "Decide: commissione conflicts --confirm ID | --dismiss ID --note TEXT",
                    )
                )
            return EXIT_OK
        if args.declare:
            member, code = args.declare
            if not args.reason.strip():
                raise CommandProblem(
                    "indicare il motivo del conflitto con --reason",
                    "give the reason for the conflict with --reason",
                )
            outcome = committee.declare_conflict(database, call, member, code, args.reason)
            _report_outcome(outcome, say, "dichiarato", "declared")
            return EXIT_OK
        if args.confirm is not None:
            outcome = committee.confirm_conflict(database, args.confirm)
            _report_outcome(outcome, say, "confermato", "confirmed")
            return EXIT_OK
        if args.dismiss is not None:
            if not args.note.strip():
                raise CommandProblem(
                    "archiviare un conflitto richiede --note con il motivo",
                    "dismissing a conflict needs --note with the reason",
                )
            row = committee.dismiss_conflict(database, args.dismiss, args.note)
            print(
                say(
                    f"Conflitto {row.id} ({row.member} – {row.code}) archiviato: non blocca più l'assegnazione.",
                    f"Conflict {row.id} ({row.member} – {row.code}) dismissed: it no longer blocks assignment.",
                )
            )
            return EXIT_OK
        rows = committee.list_conflicts(database, call, args.status)
    _list_conflicts(rows, args.format, say)
    return EXIT_OK


def _report_outcome(outcome, say, it_verb: str, en_verb: str) -> None:
    row = outcome.conflict
    print(
        say(
            f"Conflitto {row.id} ({row.member} – {row.code}) {it_verb}"
            + ("" if outcome.changed else " (lo era già)")
            + ".",
            f"Conflict {row.id} ({row.member} – {row.code}) {en_verb}"
            + ("" if outcome.changed else " (it already was)")
            + ".",
        )
    )
    if outcome.assignment_removed:
        print(
            say(
                f"Tolta l'assegnazione di {row.code} a {row.member}: assegnare un altro valutatore "
                "con 'commissione assign'.",
                f"Removed the assignment of {row.code} to {row.member}: assign another evaluator "
                "with 'commissione assign'.",
            )
        )
    if outcome.draft_removed:
        print(
            say(
                "Eliminata la bozza di scheda (resta nel registro delle modifiche).",
                "The draft sheet was deleted (it stays in the audit log).",
            )
        )
    if outcome.submitted_sheet_kept:
        print(
            say(
                f"La scheda già inviata da {row.member} per {row.code} resta agli atti ma è "
                "esclusa dalla graduatoria.",
                f"The sheet {row.member} already submitted for {row.code} is kept on record but "
                "excluded from the ranking.",
            )
        )


def _list_conflicts(rows, form: str, say) -> None:
    if form != "table":
        common.write_records(
            [
                {
                    "id": r.id,
                    "valutatore": r.member,
                    "codice_domanda": r.code,
                    "origine": r.source,
                    "stato": r.status,
                    "motivo": r.reason,
                    "assegnata": r.assigned,
                    "scheda": r.sheet_status,
                    "deciso_da": r.decided_by,
                    "deciso_il": formatting.datetime_local(r.decided_at) if r.decided_at else "",
                }
                for r in rows
            ],
            form,
        )
        return
    common.print_table(
        [
            ("id", 4),
            (say("valutatore", "evaluator"), 22),
            (say("codice", "code"), 10),
            (say("origine", "source"), 10),
            (say("stato", "status"), 11),
            (say("deciso da", "decided by"), 14),
            (say("motivo", "reason"), 0),
        ],
        [
            [
                r.id,
                r.member,
                r.code,
                say(*CONFLICT_SOURCES.get(r.source, (r.source, r.source))),
                say(*CONFLICT_STATUSES.get(r.status, (r.status, r.status))),
                r.decided_by,
                r.reason,
            ]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} conflitti", f"{len(rows)} conflicts"))
