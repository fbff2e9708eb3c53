"""`commissione sheets show|reopen`: an evaluator's score sheet; the secretariat
reopens a submitted one, with a reason.

    commissione sheets show MEMBER CODE [--format table|json]
    commissione sheets reopen MEMBER CODE --reason TEXT
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK
from desktop.domain import formatting
from desktop.domain.vocabulary import SHEET_STATES


def declare(commands, say) -> None:
    sheets = commands.add_parser("sheets", help=say("schede di valutazione", "score sheets"))
    actions = sheets.add_subparsers(
        dest="sheets_command", metavar=say("AZIONE", "ACTION"), required=True
    )
    member = say("VALUTATORE", "EVALUATOR")
    code = say("CODICE", "CODE")
    show = actions.add_parser(
        "show", help=say("mostra la scheda di un valutatore", "show an evaluator's sheet")
    )
    show.add_argument("member", metavar=member)
    show.add_argument("code", metavar=code)
    show.add_argument("--format", choices=("table", "json"), default="table")
    common.add_call(show, say)
    reopen = actions.add_parser(
        "reopen",
        help=say(
            "riapre una scheda inviata (segreteria; motivazione obbligatoria)",
            "reopen a submitted sheet (secretariat; a reason is required)",
        ),
    )
    reopen.add_argument("member", metavar=member)
    reopen.add_argument("code", metavar=code)
    reopen.add_argument(
        "--reason",
        metavar=say("MOTIVO", "REASON"),
        required=True,
        help=say("motivazione (registrata)", "reason (recorded)"),
    )
    common.add_call(reopen, say)
    sheets.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services import sheets

    with common.database(args) as database:
        call = common.call_for(args, database)
        if args.sheets_command == "reopen":
            version = sheets.reopen_sheet(database, call, args.member, args.code, args.reason)
            print(
                say(
                    f"Scheda di {args.member} per {args.code} riaperta: è di nuovo una bozza "
                    f"(versione {version}); motivazione registrata.",
                    f"{args.member}'s sheet for {args.code} reopened: it is a draft again "
                    f"(version {version}); reason recorded.",
                )
            )
            return EXIT_OK
        view = sheets.open_sheet(database, call, args.member, args.code)
        in_workspace = sheets.workspace_member(database) is not None
    if args.format == "json":
        _show_json(view, in_workspace)
    else:
        _show_table(view, call, say, in_workspace)
    return EXIT_OK


def _show_json(view, in_workspace: bool) -> None:
    record = {
        "codice_domanda": view.code,
        "titolo": view.title,
        "valutatore": view.member,
        "stato": view.status,
        "versione": view.version,
        "punteggi": {k: str(v) for k, v in view.scores.items()},
        "commenti": view.comments,
        "motivazione": view.motivation,
        "totale": str(view.total),
        "inviata_il": view.submitted_at.isoformat() if view.submitted_at else None,
        "altri_visibili": view.others_visible,
        "altri_totali": {name: str(total) for name, total in view.others_totals},
    }
    if in_workspace:
        record["nota_privata"] = view.private_note
    common.write_json(record)


def _show_table(view, call, say, in_workspace: bool) -> None:
    from desktop.domain.money import format_eur

    print(f"{view.code} — {view.title}")
    print(
        say("  capofila: ", "  lead partner: ")
        + (view.lead_name or "—")
        + (say("; partner: ", "; partners: ") + ", ".join(view.partner_names))
        * bool(view.partner_names)
    )
    where = f"Municipio {view.district}" if view.district is not None else ""
    if view.neighbourhood:
        where = f"{where} — {view.neighbourhood}" if where else view.neighbourhood
    money = "; ".join(
        part
        for part in (
            say("costo ", "cost ") + format_eur(view.cost_cents)
            if view.cost_cents is not None
            else "",
            say("contributo ", "grant ") + format_eur(view.grant_cents)
            if view.grant_cents is not None
            else "",
        )
        if part
    )
    print("  " + "; ".join(part for part in (where, money) if part))
    if view.objectives:
        print(say("  obiettivi: ", "  objectives: ") + "; ".join(view.objectives))
    status = say(*SHEET_STATES.get(view.status, (view.status, view.status)))
    if view.submitted_at:
        status += say(" il ", " on ") + formatting.date_time(view.submitted_at)
    print(
        say(
            f"Scheda di {view.member}: {status} (versione {view.version})",
            f"{view.member}'s sheet: {status} (version {view.version})",
        )
    )
    if view.reopened_reason and view.status != "submitted":
        print(say("  riaperta: ", "  reopened: ") + view.reopened_reason)
    for criterion in view.criteria:
        score = common.score(view.scores.get(criterion.id))
        print(f"  {criterion.name[:52]:52}  {score:>6} / {common.score(criterion.max)}")
        comment = view.comments.get(criterion.id)
        if comment:
            print(f"      {comment}")
    print(say(f"  totale: {common.score(view.total)}", f"  total: {common.score(view.total)}"))
    print(say("  motivazione: ", "  motivation: ") + (view.motivation or "—"))
    if in_workspace and view.private_note:
        print(say("  nota privata: ", "  private note: ") + view.private_note)
    if view.others_visible:
        if view.others_totals:
            others = ", ".join(
                f"{name} {common.score(total)}" for name, total in view.others_totals
            )
            print(say("  altri valutatori: ", "  other evaluators: ") + others)
        else:
            print(
                say(
                    "  nessun altro valutatore ha ancora inviato",
                    "  no other evaluator has submitted yet",
                )
            )
    elif call.evaluation.blind:
        print(
            say(
                "  fase cieca: i punteggi degli altri si vedono dopo l'invio di questa scheda",
                "  blind phase: the others' scores are shown once this sheet is submitted",
            )
        )
