"""`commissione minutes [--meeting ID] --out FILE.pdf|FILE.docx`: the minutes
(verbale) of a sitting, PDF/A-2b or DOCX by the file's extension; without
--meeting, the open sitting (a draft) or else the last one."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    minutes = commands.add_parser(
        "minutes",
        help=say(
            "verbale di una seduta (PDF/A o DOCX)", "the minutes of a sitting (PDF/A or DOCX)"
        ),
    )
    minutes.add_argument(
        "--meeting",
        type=int,
        metavar="ID",
        help=say(
            "la seduta (vedere «meeting list»; predefinita: l'ultima)",
            "the sitting (see 'meeting list'; default: the last one)",
        ),
    )
    minutes.add_argument("--out", required=True, metavar=say("FILE", "FILE"))
    common.add_call(minutes, say)
    minutes.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.exporting.minutes import write_minutes
    from desktop.services import meeting

    out = common.output_file(args.out)
    if out.suffix.lower() not in (".pdf", ".docx"):
        raise common.CommandProblem(
            f"--out {out.name}: il verbale si scrive come .pdf o .docx",
            f"--out {out.name}: the minutes are written as .pdf or .docx",
        )
    call = common.find_call(args)
    with common.database(args) as database:
        sitting_id = args.meeting
        if sitting_id is None:
            views = meeting.list_sittings(database, call)
            if not views:
                raise meeting.MeetingProblem(
                    "nessuna seduta: aprirne una con «meeting open»",
                    "no sittings: open one with 'meeting open'",
                )
            current = [v for v in views if v.state == "open"]
            sitting_id = (current or views)[-1].id
        view = meeting.sitting_view(database, call, sitting_id)
        with common.writing(out):
            write_minutes(database, call, sitting_id, out)
    draft = view.state != "closed"
    print(
        say(
            f"Verbale della seduta n. {view.number} scritto in {out}"
            + (" (BOZZA: la seduta è aperta)." if draft else "."),
            f"Minutes of sitting {view.number} written to {out}"
            + (" (DRAFT: the sitting is open)." if draft else "."),
        )
    )
    return EXIT_OK
