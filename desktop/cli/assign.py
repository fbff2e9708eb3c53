"""`commissione assign`: evaluators for every admissible application, balanced and
never a conflicted pair; by hand (--add, --remove); the matrix (--show).

    commissione assign [--per-application N | --add MEMBER CODE | --remove MEMBER CODE | --show]

Exit 1 when some applications are left short of evaluators (the message says what
to do)."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED
from desktop.domain.vocabulary import ROLES

# One character per matrix cell, so 40 members still fit a terminal.
CELL_SYMBOLS = {
    "assigned": "A",
    "draft": "B",
    "submitted": "I",
    "conflict": "C",
    "proposed_conflict": "?",
    "": "·",
}


def declare(commands, say) -> None:
    assigning = commands.add_parser(
        "assign",
        help=say(
            "assegna i valutatori alle domande ammissibili, o mostra la matrice",
            "assign evaluators to the admissible applications, or show the matrix",
        ),
    )
    pair = (say("VALUTATORE", "EVALUATOR"), say("CODICE", "CODE"))
    what = assigning.add_mutually_exclusive_group()
    what.add_argument(
        "--per-application",
        type=int,
        metavar="N",
        help=say(
            "valutatori per domanda (default: dal bando)",
            "evaluators per application (default: the call's)",
        ),
    )
    what.add_argument("--add", nargs=2, metavar=pair, help=say("assegna a mano", "assign by hand"))
    what.add_argument(
        "--remove",
        nargs=2,
        metavar=pair,
        help=say("toglie un'assegnazione", "remove an assignment"),
    )
    what.add_argument(
        "--show",
        action="store_true",
        help=say(
            "mostra la matrice senza cambiare nulla", "show the matrix without changing anything"
        ),
    )
    assigning.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=say("con --show", "with --show"),
    )
    common.add_call(assigning, say)
    assigning.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services import committee

    call = common.find_call(args)
    with common.database(args) as database:
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
        common.write_json(
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
            }
        )
        return
    for number, member in enumerate(matrix.members, start=1):
        progress = say(member.progress, f"{member.submitted} of {member.load}")
        role = say(*ROLES.get(member.role, (member.role, member.role)))
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
