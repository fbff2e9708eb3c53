"""`commissione meeting …`: the committee's sitting from the command line.

    commissione meeting open --session I|II [--date DD/MM/YYYY] [--place TEXT]
                             --present NAME ... [--absent NAME ...] [--secretary NAME]
    commissione meeting declare NAME [--conflict CODE --reason TEXT]
    commissione meeting agenda [--optimise [--apply]] [--format table|json]
    commissione meeting start CODE            (who must leave, who may return)
    commissione meeting left CODE NAME ...    (conflicted members out of the room)
    commissione meeting decide CODE --admitted|--not-admitted|--deferred --reasons TEXT
                               [--votes F,C,A] [--confirm]
    commissione meeting note CODE --text TEXT
    commissione meeting close
    commissione meeting list [--format table|json]

Refusals (no open sitting, no quorum, a conflicted member in the room, a departure
from the proposal not confirmed) exit 2 with the reason.
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    meeting = commands.add_parser(
        "meeting",
        help=say(
            "seduta della commissione: presenze, dichiarazioni, ordine del giorno, decisioni",
            "the committee's sitting: attendance, declarations, agenda, decisions",
        ),
    )
    sub = meeting.add_subparsers(dest="meeting_command", metavar="COMANDO", required=True)

    opening = sub.add_parser("open", help=say("apre una seduta", "open a sitting"))
    opening.add_argument("--session", required=True, metavar=say("SESSIONE", "SESSION"))
    opening.add_argument("--date", metavar="GG/MM/AAAA")
    opening.add_argument("--place", default="", metavar=say("LUOGO", "PLACE"))
    opening.add_argument("--present", nargs="+", required=True, metavar=say("NOME", "NAME"))
    opening.add_argument("--absent", nargs="+", default=[], metavar=say("NOME", "NAME"))
    opening.add_argument(
        "--secretary",
        metavar=say("NOME", "NAME"),
        help=say(
            "segretario verbalizzante (predefinito: chi ha quel ruolo)",
            "the secretary taking the minutes (default: the member with that role)",
        ),
    )
    opening.set_defaults(subcommand=run_open)

    declaring = sub.add_parser(
        "declare",
        help=say(
            "dichiarazione sul conflitto di interessi (art. 6-bis L. 241/1990)",
            "a declaration on conflicts of interest",
        ),
    )
    declaring.add_argument("member", metavar=say("NOME", "NAME"))
    declaring.add_argument("--conflict", action="append", default=[], metavar=say("CODICE", "CODE"))
    declaring.add_argument("--reason", action="append", default=[], metavar=say("MOTIVO", "REASON"))
    declaring.set_defaults(subcommand=run_declare)

    agenda = sub.add_parser("agenda", help=say("ordine del giorno", "the agenda"))
    agenda.add_argument(
        "--optimise",
        action="store_true",
        help=say(
            "ordine con meno uscite dei componenti in conflitto",
            "an order with fewer exits of conflicted members",
        ),
    )
    agenda.add_argument(
        "--apply", action="store_true", help=say("adotta l'ordine ottimizzato", "adopt it")
    )
    agenda.add_argument("--format", choices=("table", "json"), default="table")
    agenda.set_defaults(subcommand=run_agenda)

    start = sub.add_parser(
        "start", help=say("inizia la trattazione di una domanda", "start discussing an application")
    )
    start.add_argument("code", metavar=say("CODICE", "CODE"))
    start.set_defaults(subcommand=run_start)

    left = sub.add_parser(
        "left",
        help=say(
            "registra l'uscita dei componenti in conflitto", "record conflicted members leaving"
        ),
    )
    left.add_argument("code", metavar=say("CODICE", "CODE"))
    left.add_argument("members", nargs="+", metavar=say("NOME", "NAME"))
    left.set_defaults(subcommand=run_left)

    decide = sub.add_parser(
        "decide",
        help=say(
            "decisione sulla domanda in trattazione", "the decision on the item under discussion"
        ),
    )
    decide.add_argument("code", metavar=say("CODICE", "CODE"))
    outcome = decide.add_mutually_exclusive_group(required=True)
    for flag, value, it, en in (
        ("--admitted", "admitted", "ammessa", "admitted"),
        ("--not-admitted", "not_admitted", "non ammessa", "not admitted"),
        ("--deferred", "deferred", "rinviata", "deferred"),
    ):
        outcome.add_argument(
            flag, dest="outcome", action="store_const", const=value, help=say(it, en)
        )
    decide.add_argument("--reasons", required=True, metavar=say("MOTIVAZIONI", "REASONS"))
    decide.add_argument(
        "--votes",
        metavar="F,C,A",
        help=say(
            "favorevoli,contrari,astenuti (senza: all'unanimità)",
            "for,against,abstained (without: unanimous)",
        ),
    )
    decide.add_argument(
        "--confirm",
        action="store_true",
        help=say(
            "conferma una decisione difforme dalla proposta",
            "confirm a decision departing from the proposal",
        ),
    )
    decide.set_defaults(subcommand=run_decide)

    noting = sub.add_parser(
        "note", help=say("sintesi della discussione", "the summary of the discussion")
    )
    noting.add_argument("code", metavar=say("CODICE", "CODE"))
    noting.add_argument("--text", required=True, metavar=say("TESTO", "TEXT"))
    noting.set_defaults(subcommand=run_note)

    attendance = sub.add_parser(
        "attendance",
        help=say(
            "un componente arriva o lascia la seduta (non per un conflitto)",
            "a member arrives at or leaves the sitting (not for a conflict)",
        ),
    )
    attendance.add_argument("name", metavar=say("NOME", "NAME"))
    arriving = attendance.add_mutually_exclusive_group(required=True)
    arriving.add_argument(
        "--present", dest="present", action="store_true", help=say("presente", "present")
    )
    arriving.add_argument(
        "--absent", dest="present", action="store_false", help=say("assente", "absent")
    )
    attendance.set_defaults(subcommand=run_attendance)

    closing = sub.add_parser("close", help=say("chiude la seduta", "close the sitting"))
    closing.set_defaults(subcommand=run_close)

    listing = sub.add_parser("list", help=say("le sedute", "the sittings"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(subcommand=run_list)

    for parser in (
        opening,
        declaring,
        agenda,
        start,
        left,
        decide,
        noting,
        attendance,
        closing,
        listing,
    ):
        common.add_call(parser, say)
    meeting.set_defaults(handler=run)


def run(args, say) -> int:
    """Each subcommand names its own function (``subcommand``)."""
    return args.subcommand(args, say)


def _date(text: str | None):
    if not text:
        return None
    from desktop.domain.italian import parse_date
    from desktop.domain.problems import Problem

    try:
        return parse_date(text)[0]
    except (ValueError, Problem):
        raise common.CommandProblem(
            f"--date «{text}»: data non valida; scriverla come 31/01/2025.",
            f"--date “{text}”: not a date; write it as 31/01/2025.",
        ) from None


def _sitting_line(view, say) -> str:
    from desktop.domain import formatting

    state = say("aperta", "open") if view.state == "open" else say("chiusa", "closed")
    return (
        f"{view.id}\t{say('seduta', 'sitting')} n. {view.number}\t"
        f"{say('sessione', 'session')} {view.session_code}\t{formatting.date(view.date)}\t"
        f"{view.place or '-'}\t{state}"
    )


def run_open(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.open_sitting(
            database,
            call,
            args.session,
            date=_date(args.date),
            place=args.place,
            present=args.present,
            absent=args.absent,
            secretary=args.secretary,
        )
        items = meeting.agenda(database, call).items
    print(
        say(
            f"Seduta n. {view.number} della sessione {view.session_code} aperta (id {view.id}): "
            f"presenti {len(view.present)}, assenti {len(view.absent)}; "
            f"{len(items)} domande all'ordine del giorno.",
            f"Sitting {view.number} of session {view.session_code} opened (id {view.id}): "
            f"{len(view.present)} present, {len(view.absent)} absent; "
            f"{len(items)} applications on the agenda.",
        )
    )
    return EXIT_OK


def run_declare(args, say) -> int:
    from desktop.services import meeting

    if len(args.conflict) != len(args.reason):
        raise common.CommandProblem(
            "ogni --conflict CODICE vuole il suo --reason MOTIVO",
            "each --conflict CODE needs its --reason TEXT",
        )
    call = common.find_call(args)
    with common.database(args) as database:
        meeting.declare(
            database, call, args.member, list(zip(args.conflict, args.reason, strict=True))
        )
    if args.conflict:
        print(
            say(
                f"Dichiarazione di {args.member}: conflitto di interessi su "
                f"{', '.join(args.conflict)}.",
                f"{args.member}'s declaration: conflict of interest on {', '.join(args.conflict)}.",
            )
        )
    else:
        print(
            say(
                f"Dichiarazione di {args.member}: nessun conflitto di interessi.",
                f"{args.member}'s declaration: no conflict of interest.",
            )
        )
    return EXIT_OK


def run_agenda(args, say) -> int:
    from desktop.domain import vocabulary
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.agenda(database, call, optimise=args.optimise)
        if args.optimise and args.apply:
            meeting.apply_order(database, call, [i.code for i in view.items])
    language = say.language
    if args.format == "json":
        common.write_json(
            {
                "sitting": view.sitting_id,
                "exits": view.exits_current,
                "exits_before": view.exits_before,
                "exits_after": view.exits_after,
                "items": [
                    {
                        "position": i.position,
                        "code": i.code,
                        "title": i.title,
                        "state": i.state,
                        "conflicted": list(i.conflicted),
                        "ranking_position": i.ranking_position,
                        "ranking_status": i.ranking_status,
                        "disagreement": i.disagreement,
                        "decision": i.decision,
                    }
                    for i in view.items
                ],
            }
        )
        return EXIT_OK
    columns = (
        ("n.", 4),
        (say("codice", "code"), 10),
        (say("stato", "state"), 9),
        (say("grad.", "rank"), 5),
        (say("proposta", "proposal"), 22),
        (say("in conflitto", "conflicted"), 30),
        (say("titolo", "title"), 40),
    )
    common.print_table(
        columns,
        [
            (
                i.position,
                i.code,
                i.state,
                i.ranking_position or "",
                vocabulary.ranking_status_label(i.ranking_status, language)
                if i.ranking_status
                else "",
                ", ".join(i.conflicted),
                i.title,
            )
            for i in view.items
        ],
    )
    if view.optimised:
        print(
            say(
                f"Uscite: {view.exits_before} nell'ordine attuale, {view.exits_after} in quello "
                f"ottimizzato (ne risparmia {view.saving})"
                + ("; adottato." if args.apply else "; per adottarlo: --optimise --apply."),
                f"Exits: {view.exits_before} in the current order, {view.exits_after} in the "
                f"optimised one (saves {view.saving})"
                + ("; adopted." if args.apply else "; to adopt it: --optimise --apply."),
            )
        )
    else:
        print(
            say(
                f"Uscite lungo l'ordine del giorno: {view.exits_current}.",
                f"Exits along the agenda: {view.exits_current}.",
            )
        )
    return EXIT_OK


def _item_lines(view, say) -> None:
    if view.must_leave:
        print(
            say(
                f"Devono uscire: {', '.join(view.must_leave)} "
                f"(poi «meeting left {view.code} NOME …»).",
                f"Must leave: {', '.join(view.must_leave)} "
                f"(then 'meeting left {view.code} NAME …').",
            )
        )
    if view.may_return:
        print(
            say(
                f"Rientrano: {', '.join(view.may_return)}.",
                f"Called back in: {', '.join(view.may_return)}.",
            )
        )
    if view.cleared:
        print(
            say(
                f"In trattazione: {view.code} — {view.title}.",
                f"Under discussion: {view.code} — {view.title}.",
            )
        )


def run_start(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.start_item(database, call, args.code)
    _item_lines(view, say)
    return EXIT_OK


def run_left(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.confirm_left(database, call, args.code, args.members)
    print(
        say(
            f"Usciti per conflitto di interessi: {', '.join(view.out)}.",
            f"Out for a conflict of interest: {', '.join(view.out)}.",
        )
    )
    _item_lines(view, say)
    return EXIT_OK


def run_decide(args, say) -> int:
    from desktop.domain import formatting
    from desktop.domain.meeting import parse_votes
    from desktop.services import meeting

    votes = parse_votes(args.votes) if args.votes else None
    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.decide(
            database,
            call,
            args.code,
            args.outcome,
            args.reasons,
            votes,
            confirm_departure=args.confirm,
        )
    label = {
        "admitted": say("ammessa", "admitted"),
        "not_admitted": say("non ammessa", "not admitted"),
        "deferred": say("rinviata", "deferred"),
    }[view.outcome]
    vote = (
        say("all'unanimità", "unanimous")
        if view.votes is None
        else say(
            "favorevoli {0}, contrari {1}, astenuti {2}", "for {0}, against {1}, abstained {2}"
        ).format(*view.votes)
    )
    print(
        say(
            f"{view.code}: {label} ({vote}). Contributi ammessi "
            f"{formatting.money(view.admitted_total_cents)} su {formatting.money(view.budget_cents)}.",
            f"{view.code}: {label} ({vote}). Admitted grants "
            f"{formatting.money(view.admitted_total_cents)} of {formatting.money(view.budget_cents)}.",
        )
    )
    return EXIT_OK


def run_note(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        meeting.note(database, call, args.code, args.text)
    print(
        say(
            f"Sintesi della discussione di {args.code} registrata.",
            f"Summary of the discussion of {args.code} recorded.",
        )
    )
    return EXIT_OK


def run_attendance(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        meeting.set_attendance(database, call, args.name, args.present)
    print(
        say(
            f"{args.name}: {'presente' if args.present else 'assente'} da ora.",
            f"{args.name}: {'present' if args.present else 'absent'} from now on.",
        )
    )
    return EXIT_OK


def run_close(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        view = meeting.close_sitting(database, call)
    print(
        say(
            f"Seduta n. {view.number} chiusa (id {view.id}): il verbale con "
            f"«minutes --meeting {view.id} --out FILE.pdf».",
            f"Sitting {view.number} closed (id {view.id}): the minutes with "
            f"'minutes --meeting {view.id} --out FILE.pdf'.",
        )
    )
    return EXIT_OK


def run_list(args, say) -> int:
    from desktop.services import meeting

    call = common.find_call(args)
    with common.database(args) as database:
        views = meeting.list_sittings(database, call)
    if args.format == "json":
        common.write_json(
            [
                {
                    "id": v.id,
                    "session": v.session_code,
                    "number": v.number,
                    "date": v.date.isoformat(),
                    "place": v.place,
                    "state": v.state,
                    "opened_at": v.opened_at.isoformat(sep=" "),
                    "closed_at": v.closed_at.isoformat(sep=" ") if v.closed_at else None,
                    "present": list(v.present),
                    "absent": list(v.absent),
                }
                for v in views
            ]
        )
        return EXIT_OK
    if not views:
        print(say("Nessuna seduta.", "No sittings."))
    for view in views:
        print(_sitting_line(view, say))
    return EXIT_OK
