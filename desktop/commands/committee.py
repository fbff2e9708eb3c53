"""Command line: the committee (see desktop/cli.py for the conventions).

    commissione evaluators add NAME [--role chair|member|secretary] [--email ADDRESS]
    commissione evaluators list [--format table|csv|json]
    commissione evaluators link NAME --entity TEXT [--tax-code CF] --kind KIND [--note TEXT]
    commissione evaluators links [NAME]
    commissione evaluators enable|disable NAME
    commissione evaluators demo
    commissione conflicts [--detect | --declare MEMBER CODE --reason TEXT | --confirm ID
                           | --dismiss ID --note TEXT] [--status S] [--format table|csv|json]
    commissione assign [--per-application N | --add MEMBER CODE | --remove MEMBER CODE | --show]
    commissione audit verify

Exit codes: 0 done; 1 `assign` left some applications short of evaluators, or
`audit verify` found a broken entry; 2 the request was refused (the message says
why and what to do).
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

ROLE_LABELS = {
    "chair": ("presidente", "chair"),
    "member": ("componente", "member"),
    "secretary": ("segretario", "secretary"),
}
STATUS_LABELS = {
    "proposed": ("proposto", "proposed"),
    "confirmed": ("confermato", "confirmed"),
    "dismissed": ("archiviato", "dismissed"),
}
SOURCE_LABELS = {"declared": ("dichiarato", "declared"), "detected": ("rilevato", "detected")}
# One character per matrix cell, so 40 members still fit a terminal.
CELL_SYMBOLS = {
    "assigned": "A",
    "draft": "B",
    "submitted": "I",
    "conflict": "C",
    "proposed_conflict": "?",
    "": "·",
}
AUDIT_PROBLEMS = {
    "previous_hash does not match the entry before it": (
        "il collegamento con la voce precedente non corrisponde (voce tolta o spostata)"
    ),
    "the entry's content does not match its hash": (
        "il contenuto della voce non corrisponde alla sua impronta (voce modificata)"
    ),
}


def add_commands(commands) -> dict:
    evaluators = commands.add_parser(
        "evaluators", help="componenti della commissione e loro legami con enti"
    )
    actions = evaluators.add_subparsers(dest="evaluators_command", metavar="AZIONE", required=True)
    add = actions.add_parser("add", help="aggiunge un componente della commissione")
    add.add_argument("name", metavar="NOME")
    add.add_argument("--role", choices=("chair", "member", "secretary"), default="member")
    add.add_argument("--email", default="")
    add.add_argument("--call")
    listing = actions.add_parser("list", help="elenca i componenti con carico e avanzamento")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.add_argument("--call")
    link = actions.add_parser(
        "link", help="registra un ente a cui il componente è legato (base dei conflitti)"
    )
    link.add_argument("name", metavar="NOME")
    link.add_argument("--entity", default="", help="denominazione dell'ente")
    link.add_argument("--tax-code", default="", help="codice fiscale o partita IVA dell'ente")
    link.add_argument(
        "--kind", choices=("employment", "board", "family", "business", "other"), required=True
    )
    link.add_argument("--note", default="")
    link.add_argument("--call")
    links = actions.add_parser("links", help="elenca i legami dei componenti")
    links.add_argument("name", metavar="NOME", nargs="?")
    links.add_argument("--call")
    for verb, text in (("enable", "riattiva"), ("disable", "disattiva")):
        toggle = actions.add_parser(verb, help=f"{text} un componente (le assegnazioni restano)")
        toggle.add_argument("name", metavar="NOME")
        toggle.add_argument("--call")
    demo = actions.add_parser(
        "demo", help="carica la commissione dimostrativa (resources/demo/committee-demo.toml)"
    )
    demo.add_argument("--call")

    conflicts = commands.add_parser(
        "conflicts", help="conflitti di interessi: elenco, rilevazione, dichiarazione, decisione"
    )
    action = conflicts.add_mutually_exclusive_group()
    action.add_argument(
        "--detect",
        action="store_true",
        help="confronta i legami con capofila e partner di ogni domanda",
    )
    action.add_argument(
        "--declare", nargs=2, metavar=("VALUTATORE", "CODICE"), help="dichiara un conflitto"
    )
    action.add_argument("--confirm", type=int, metavar="ID", help="conferma un conflitto proposto")
    action.add_argument(
        "--dismiss", type=int, metavar="ID", help="archivia un conflitto (serve --note)"
    )
    conflicts.add_argument("--reason", default="", help="motivo (con --declare)")
    conflicts.add_argument("--note", default="", help="nota (con --dismiss)")
    conflicts.add_argument("--status", choices=("proposed", "confirmed", "dismissed"))
    conflicts.add_argument("--format", choices=("table", "csv", "json"), default="table")
    conflicts.add_argument("--call")

    assigning = commands.add_parser(
        "assign", help="assegna i valutatori alle domande ammissibili, o mostra la matrice"
    )
    what = assigning.add_mutually_exclusive_group()
    what.add_argument(
        "--per-application",
        type=int,
        metavar="N",
        help="valutatori per domanda (default: dal bando)",
    )
    what.add_argument("--add", nargs=2, metavar=("VALUTATORE", "CODICE"))
    what.add_argument("--remove", nargs=2, metavar=("VALUTATORE", "CODICE"))
    what.add_argument("--show", action="store_true", help="mostra la matrice senza cambiare nulla")
    assigning.add_argument(
        "--format", choices=("table", "json"), default="table", help="con --show"
    )
    assigning.add_argument("--call")

    auditing = commands.add_parser("audit", help="registro delle modifiche (audit log)")
    audit_actions = auditing.add_subparsers(dest="audit_command", metavar="AZIONE", required=True)
    audit_actions.add_parser("verify", help="verifica la catena di impronte del registro")

    return {
        "evaluators": cmd_evaluators,
        "conflicts": cmd_conflicts,
        "assign": cmd_assign,
        "audit": cmd_audit,
    }


@contextmanager
def _refusals(say):
    """A service's refusal becomes the command line's message, in the chosen language."""
    from desktop.cli import CommandProblem
    from desktop.services.committee import CommitteeProblem

    try:
        yield
    except CommitteeProblem as problem:
        raise CommandProblem(say(problem.it, problem.en)) from None


@contextmanager
def _database(args):
    from desktop.cli import _open

    database = _open(args)
    try:
        yield database
    finally:
        database.close()


def _date(value) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def _print_table(columns: list[tuple[str, int]], rows: list[list]) -> None:
    """Fixed-width columns; a width of 0 (the last column, say) is never cut."""

    def fit(text, width: int) -> str:
        text = " ".join(str(text).split())
        if not width:
            return text
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

    print("  ".join(fit(title, width) for title, width in columns).rstrip())
    for row in rows:
        print("  ".join(fit(v, w) for v, (_, w) in zip(row, columns, strict=True)).rstrip())


def _write(rows: list[dict], form: str) -> None:
    from desktop.cli import _write_csv

    if form == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
    else:
        _write_csv(rows, list(rows[0]) if rows else [])


# --------------------------------------------------------------------------- evaluators


def cmd_evaluators(args, say) -> int:
    from desktop.cli import EXIT_OK, _call
    from desktop.services import committee

    call = _call(args)
    command = args.evaluators_command
    with _database(args) as database, _refusals(say):
        if command == "add":
            member_id = committee.add_member(database, call, args.name, args.role, args.email)
            role = say(*ROLE_LABELS[args.role])
            print(
                say(
                    f"Aggiunto {args.name.strip()} ({role}) alla commissione del bando {call.id} [id {member_id}].",
                    f"Added {args.name.strip()} ({role}) to the committee of call {call.id} [id {member_id}].",
                )
            )
        elif command == "list":
            _list_members(committee.list_members(database, call), args.format, say)
        elif command == "link":
            link_id = committee.add_link(
                database, call, args.name, args.entity, args.tax_code, args.kind, args.note
            )
            print(
                say(
                    f"Legame registrato [id {link_id}]. Per cercare i conflitti: commissione conflicts --detect",
                    f"Link recorded [id {link_id}]. To look for conflicts: commissione conflicts --detect",
                )
            )
        elif command == "links":
            _list_links(committee.list_links(database, call, args.name), say)
        elif command in ("enable", "disable"):
            changed = committee.set_member_active(database, call, args.name, command == "enable")
            state = say(
                *(("attivo", "active") if command == "enable" else ("non attivo", "inactive"))
            )
            print(
                say(f"{args.name}: {state}.", f"{args.name}: {state}.")
                if changed
                else say(f"{args.name} era già {state}.", f"{args.name} was already {state}.")
            )
        elif command == "demo":
            loaded = committee.load_demo_committee(database, call)
            print(
                say(
                    f"Commissione dimostrativa: {loaded.members_added} componenti e {loaded.links_added} legami aggiunti.",
                    f"Demo committee: {loaded.members_added} members and {loaded.links_added} links added.",
                )
            )
    return EXIT_OK


def _list_members(rows, form: str, say) -> None:
    if form != "table":
        _write(
            [
                {
                    "id": r.id,
                    "nome": r.name,
                    "ruolo": r.role,
                    "email": r.email,
                    "attivo": r.active,
                    "assegnate": r.load,
                    "inviate": r.submitted,
                    "bozze": r.drafts,
                    "avanzamento": r.progress,
                    "legami": r.links,
                }
                for r in rows
            ],
            form,
        )
        return
    _print_table(
        [
            ("id", 4),
            (say("nome", "name"), 28),
            (say("ruolo", "role"), 11),
            (say("attivo", "active"), 6),
            (say("assegnate", "assigned"), 9),
            (say("bozze", "drafts"), 6),
            (say("avanzamento", "progress"), 12),
            (say("legami", "links"), 6),
            ("email", 0),
        ],
        [
            [
                r.id,
                r.name,
                say(*ROLE_LABELS.get(r.role, (r.role, r.role))),
                say("sì", "yes") if r.active else "no",
                r.load,
                r.drafts,
                say(r.progress, f"{r.submitted} of {r.load}"),
                r.links,
                r.email,
            ]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} componenti", f"{len(rows)} members"))


def _list_links(rows, say) -> None:
    from desktop.domain.conflicts import LINK_KINDS

    _print_table(
        [
            ("id", 4),
            (say("componente", "member"), 24),
            (say("ente", "entity"), 40),
            (say("codice fiscale", "tax code"), 16),
            (say("legame", "link"), 18),
            (say("nota", "note"), 0),
        ],
        [
            [r.id, r.member, r.entity_name, r.tax_code, say(*LINK_KINDS[r.kind]), r.note]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} legami", f"{len(rows)} links"))


# --------------------------------------------------------------------------- conflicts


def cmd_conflicts(args, say) -> int:
    from desktop.cli import EXIT_OK, CommandProblem, _call
    from desktop.services import committee

    call = _call(args)
    if args.reason and not args.declare:
        raise CommandProblem(say("--reason va con --declare", "--reason goes with --declare"))
    if args.note and args.dismiss is None:
        raise CommandProblem(say("--note va con --dismiss", "--note goes with --dismiss"))
    with _database(args) as database, _refusals(say):
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
                    say(
                        "indicare il motivo del conflitto con --reason",
                        "give the reason for the conflict with --reason",
                    )
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
                    say(
                        "archiviare un conflitto richiede --note con il motivo",
                        "dismissing a conflict needs --note with the reason",
                    )
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
        _write(
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
                    "deciso_il": _date(r.decided_at),
                }
                for r in rows
            ],
            form,
        )
        return
    _print_table(
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
                say(*SOURCE_LABELS.get(r.source, (r.source, r.source))),
                say(*STATUS_LABELS.get(r.status, (r.status, r.status))),
                r.decided_by,
                r.reason,
            ]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} conflitti", f"{len(rows)} conflicts"))


# --------------------------------------------------------------------------- assign


def cmd_assign(args, say) -> int:
    from desktop.cli import EXIT_OK, EXIT_REJECTED, _call
    from desktop.services import committee

    call = _call(args)
    with _database(args) as database, _refusals(say):
        if args.add:
            change = committee.assign_manually(database, call, *args.add)
            print(
                say(
                    f"{change.code} assegnata a {change.member}."
                    if change.changed
                    else f"{change.code} era già assegnata a {change.member}.",
                    f"{change.code} assigned to {change.member}."
                    if change.changed
                    else f"{change.code} was already assigned to {change.member}.",
                )
            )
            return EXIT_OK
        if args.remove:
            change = committee.unassign(database, call, *args.remove)
            if not change.changed:
                print(
                    say(
                        f"{change.code} non era assegnata a {change.member}: nulla da togliere.",
                        f"{change.code} was not assigned to {change.member}: nothing to remove.",
                    )
                )
                return EXIT_OK
            print(
                say(
                    f"Tolta l'assegnazione di {change.code} a {change.member}"
                    + (" e la sua bozza di scheda" if change.draft_removed else "")
                    + ".",
                    f"Removed the assignment of {change.code} to {change.member}"
                    + (" and their draft sheet" if change.draft_removed else "")
                    + ".",
                )
            )
            return EXIT_OK
        if args.show:
            _show_matrix(committee.assignment_matrix(database, call), args.format, say)
            return EXIT_OK
        result = committee.assign_evaluators(database, call, args.per_application)
    print(
        say(
            f"Bando {call.id}: {result.applications} domande ammissibili, {result.per_application} "
            f"valutatori per domanda tra {len(result.members)} componenti; "
            f"{len(result.created)} nuove assegnazioni.",
            f"Call {call.id}: {result.applications} admissible applications, "
            f"{result.per_application} evaluators each among {len(result.members)} members; "
            f"{len(result.created)} new assignments.",
        )
    )
    for name, load in result.loads.items():
        print(say(f"  {name}: {load} domande", f"  {name}: {load} applications"))
    if not result.short:
        return EXIT_OK
    for code, missing in result.short.items():
        print(
            say(
                f"  {code}: mancano {missing} valutatori (conflitti o componenti insufficienti)",
                f"  {code}: {missing} evaluators missing (conflicts or too few members)",
            )
        )
    print(
        say(
            "Alcune domande non raggiungono il numero di valutatori: aggiungere componenti "
            "(commissione evaluators add) o rivedere i conflitti, poi rieseguire 'commissione assign'.",
            "Some applications lack evaluators: add members (commissione evaluators add) or "
            "review the conflicts, then run 'commissione assign' again.",
        )
    )
    return EXIT_REJECTED


def _show_matrix(matrix, form: str, say) -> None:
    if form == "json":
        json.dump(
            {
                "valutatori_per_domanda": matrix.per_application,
                "valutatori": [
                    {
                        "id": m.id,
                        "nome": m.name,
                        "ruolo": m.role,
                        "attivo": m.active,
                        "assegnate": m.load,
                        "inviate": m.submitted,
                        "bozze": m.drafts,
                        "avanzamento": m.progress,
                    }
                    for m in matrix.members
                ],
                "domande": [
                    {
                        "codice_domanda": a.code,
                        "titolo": a.title,
                        "assegnate": a.assigned,
                        "celle": {m.name: matrix.cell(m.name, a.code) for m in matrix.members},
                    }
                    for a in matrix.applications
                ],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
        return
    for number, member in enumerate(matrix.members, start=1):
        progress = say(member.progress, f"{member.submitted} of {member.load}")
        role = say(*ROLE_LABELS.get(member.role, (member.role, member.role)))
        print(f"{number:>3} {member.name} ({role}): {progress}")
    header = " ".join(f"{n:>3}" for n in range(1, len(matrix.members) + 1))
    print(f"{say('domanda', 'application'):<12} {header}")
    for application in matrix.applications:
        cells = " ".join(
            f"{CELL_SYMBOLS.get(matrix.cell(m.name, application.code), '?'):>3}"
            for m in matrix.members
        )
        print(f"{application.code:<12} {cells}")
    print(
        say(
            "A assegnata · B bozza · I inviata · C conflitto · ? conflitto proposto",
            "A assigned · B draft · I submitted · C conflict · ? proposed conflict",
        )
    )


# --------------------------------------------------------------------------- audit


def cmd_audit(args, say) -> int:
    from desktop.cli import EXIT_OK, EXIT_REJECTED
    from desktop.services.committee import verify_audit

    with _database(args) as database:
        count, broken = verify_audit(database)
    if broken is None:
        print(
            say(
                f"Registro delle modifiche: {count} voci verificate, ok.",
                f"Audit log: {count} entries checked, ok.",
            )
        )
        return EXIT_OK
    problem = say(AUDIT_PROBLEMS.get(broken.problem, broken.problem), broken.problem)
    print(
        say(
            f"Registro delle modifiche ALTERATO: la voce {broken.entry_id} non è valida ({problem}); "
            f"voci lette: {count}. Conservare il database così com'è e avvisare il responsabile.",
            f"Audit log TAMPERED WITH: entry {broken.entry_id} is not valid ({problem}); "
            f"entries read: {count}. Keep the database as it is and tell the person in charge.",
        ),
        file=sys.stderr,
    )
    return EXIT_REJECTED
