"""`commissione kit`: offline kits, to score without the network.

    commissione kit export MEMBER --out FILE
    commissione kit open FILE [--workspace-dir DIR]
    commissione --db WORKSPACE kit return --out FILE
    commissione kit import FILE [--take-returned CODE ...] [--keep-central CODE ...]
                                [--take-all-returned | --keep-all-central]

Exit 1: `kit import` found sheets changed on both sides and needs a choice for each
(nothing was imported); 2: refused (the message says why; nothing was changed).
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED
from desktop.domain import formatting
from desktop.domain.vocabulary import SHEET_STATES


def declare(commands, say) -> None:
    kit = commands.add_parser(
        "kit",
        help=say(
            "kit per valutare senza rete: preparazione e ritorno",
            "kits to score without the network: preparing and returning them",
        ),
    )
    actions = kit.add_subparsers(dest="kit_command", metavar=say("AZIONE", "ACTION"), required=True)
    member = say("VALUTATORE", "EVALUATOR")
    code = say("CODICE", "CODE")
    export = actions.add_parser(
        "export", help=say("prepara il kit di un valutatore", "prepare an evaluator's kit")
    )
    export.add_argument("member", metavar=member)
    export.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=say("file del kit da scrivere", "kit file to write"),
    )
    common.add_call(export, say)
    opening = actions.add_parser(
        "open",
        help=say(
            "apre un kit come spazio di lavoro del valutatore (nessuna preparazione)",
            "open a kit as the evaluator's workspace (nothing to install)",
        ),
    )
    opening.add_argument("file", metavar="FILE")
    opening.add_argument(
        "--workspace-dir",
        metavar=say("CARTELLA", "FOLDER"),
        help=say(
            "cartella degli spazi di lavoro (default: kits/ nei dati utente)",
            "folder of the workspaces (default: kits/ in the user's data)",
        ),
    )
    back = actions.add_parser(
        "return",
        help=say(
            "scrive il file di ritorno (con --db sullo spazio di lavoro del kit)",
            "write the return file (with --db on the kit's workspace)",
        ),
    )
    back.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=say("file di ritorno da scrivere", "return file to write"),
    )
    importing = actions.add_parser(
        "import",
        help=say(
            "importa un file di ritorno; i conflitti chiedono una scelta esplicita",
            "import a return file; conflicts ask for an explicit choice",
        ),
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--take-returned",
        nargs="+",
        default=[],
        metavar=code,
        help=say(
            "per queste domande prende la scheda del ritorno",
            "for these applications take the returned sheet",
        ),
    )
    importing.add_argument(
        "--keep-central",
        nargs="+",
        default=[],
        metavar=code,
        help=say(
            "per queste domande tiene la scheda di questo database",
            "for these applications keep this database's sheet",
        ),
    )
    every = importing.add_mutually_exclusive_group()
    every.add_argument(
        "--take-all-returned",
        action="store_true",
        help=say("in ogni conflitto prende il ritorno", "in every conflict take the return"),
    )
    every.add_argument(
        "--keep-all-central",
        action="store_true",
        help=say(
            "in ogni conflitto tiene la scheda di questo database",
            "in every conflict keep this database's sheet",
        ),
    )
    common.add_call(importing, say)
    kit.set_defaults(handler=run)


def run(args, say) -> int:
    command = args.kit_command
    if command == "open":
        return _kit_open(args, say)
    out = common.output_file(args.out) if command in ("export", "return") else None
    with common.database(args) as database, common.writing(out):
        if command == "export":
            return _kit_export(args, say, database, out)
        if command == "return":
            return _kit_return(args, say, database, out)
        return _kit_import(args, say, database)


def _kit_export(args, say, database, out) -> int:
    from desktop.kits import export_kit

    call = common.call_for(args, database)
    summary = export_kit(database, call, args.member, out)
    print(
        say(
            f"Kit di {summary.member} scritto in {summary.path} ({common.size(summary.size_bytes)}): "
            f"{summary.applications} domande, {summary.sheets} schede già iniziate; "
            f"kit {summary.kit_id}.",
            f"{summary.member}'s kit written to {summary.path} ({common.size(summary.size_bytes)}): "
            f"{summary.applications} applications, {summary.sheets} sheets already begun; "
            f"kit {summary.kit_id}.",
        )
    )
    print(
        say(
            "Il valutatore lo apre con: commissione kit open FILE",
            "The evaluator opens it with: commissione kit open FILE",
        )
    )
    return EXIT_OK


def _kit_open(args, say) -> int:
    from desktop.kits import open_kit, workspace_info
    from desktop.kits.workspace import database_path
    from desktop.services.sheets import progress

    database = open_kit(args.file, args.workspace_dir)
    try:
        info = workspace_info(database)
        path = database_path(database)
        from desktop.domain.calls import find_call

        done, total = progress(database, find_call(info.call_id), info.member)
    finally:
        database.close()
    print(
        say(
            f"Kit di {info.member} (bando {info.call_id}): {done} schede inviate su {total}.",
            f"{info.member}'s kit (call {info.call_id}): {done} of {total} sheets submitted.",
        )
    )
    print(say(f"Spazio di lavoro: {path}", f"Workspace: {path}"))
    print(
        say(
            f'Per valutare: commissione --db "{path}"',
            f'To score: commissione --db "{path}"',
        )
    )
    print(
        say(
            f'Per il ritorno: commissione --db "{path}" kit return --out ritorno.zip',
            f'For the return: commissione --db "{path}" kit return --out return.zip',
        )
    )
    return EXIT_OK


def _kit_return(args, say, database, out) -> int:
    from desktop.kits import export_return

    summary = export_return(database, out)
    print(
        say(
            f"Ritorno del kit di {summary.member} scritto in {summary.path} "
            f"({common.size(summary.size_bytes)}): {summary.sheets} schede cambiate "
            f"({summary.submitted} inviate, {summary.drafts} in bozza); le note private restano qui.",
            f"Return of {summary.member}'s kit written to {summary.path} "
            f"({common.size(summary.size_bytes)}): {summary.sheets} sheets changed "
            f"({summary.submitted} submitted, {summary.drafts} drafts); private notes stay here.",
        )
    )
    print(
        say(
            "Consegnarlo alla segreteria, che lo importa con: commissione kit import FILE",
            "Hand it to the secretariat, who imports it with: commissione kit import FILE",
        )
    )
    return EXIT_OK


def _kit_import(args, say, database) -> int:
    from desktop.kits import CENTRAL, RETURNED, import_return

    call = common.call_for(args, database)
    choices = {code: RETURNED for code in args.take_returned}
    for code in args.keep_central:
        if choices.get(code) == RETURNED:
            raise CommandProblem(
                f"{code}: scegliere --take-returned oppure --keep-central, non entrambi",
                f"{code}: choose --take-returned or --keep-central, not both",
            )
        choices[code] = CENTRAL
    result = import_return(database, call, args.file, choices)
    if result.needs_choices and (args.take_all_returned or args.keep_all_central):
        every = RETURNED if args.take_all_returned else CENTRAL
        for conflict in result.conflicts:
            choices.setdefault(conflict.code, every)
        if args.keep_all_central:
            for blocked in result.blocked:
                choices.setdefault(blocked.code, CENTRAL)
        result = import_return(database, call, args.file, choices)
    if result.already_applied:
        print(
            say(
                f"Ritorno {result.return_id} del kit di {result.member} già importato: nulla è cambiato.",
                f"Return {result.return_id} of {result.member}'s kit was already imported: nothing changed.",
            )
        )
        return EXIT_OK
    if result.call_file_changed:
        print(
            say(
                "Attenzione: il file del bando è cambiato dopo l'emissione del kit.",
                "Warning: the call file changed after the kit was issued.",
            )
        )
    if result.needs_choices:
        _print_conflicts(result, call, say)
        return EXIT_REJECTED
    taken = [c.code for c in result.conflicts if c.choice == RETURNED]
    print(
        say(
            f"Ritorno del kit di {result.member} importato: {len(result.updated)} schede "
            f"aggiornate, {len(result.unchanged)} già uguali, {len(result.kept_central)} "
            f"lasciate come erano qui"
            + (f" ({', '.join(result.kept_central)})" if result.kept_central else "")
            + (f"; dal ritorno nei conflitti: {', '.join(taken)}" if taken else "")
            + ".",
            f"Return of {result.member}'s kit imported: {len(result.updated)} sheets updated, "
            f"{len(result.unchanged)} already the same, {len(result.kept_central)} kept as they "
            "were here"
            + (f" ({', '.join(result.kept_central)})" if result.kept_central else "")
            + (f"; taken from the return in conflicts: {', '.join(taken)}" if taken else "")
            + ".",
        )
    )
    return EXIT_OK


def _print_conflicts(result, call, say) -> None:
    width = 34
    for conflict in result.conflicts:
        if conflict.choice is not None:
            continue
        central, returned = conflict.central, conflict.returned
        print()
        print(
            say(
                f"Conflitto {conflict.code} — {conflict.title} (valutatore {conflict.member}; "
                f"nel kit versione {conflict.base_version}, qui ora {central.version})",
                f"Conflict {conflict.code} — {conflict.title} (evaluator {conflict.member}; "
                f"version {conflict.base_version} in the kit, {central.version} here now)",
            )
        )
        header = say("qui (centrale)", "here (central)"), say("ritorno", "returned")
        print(f"  {'':{width}}  {header[0]:30}  {header[1]}")
        for criterion in call.grid.criteria:
            left = common.score(central.scores.get(criterion.id))
            right = common.score(returned.scores.get(criterion.id))
            mark = "≠" if left != right else " "
            print(f"{mark} {criterion.name[:width]:{width}}  {left:30}  {right}")
            left_comment = central.comments.get(criterion.id, "")
            right_comment = returned.comments.get(criterion.id, "")
            if left_comment or right_comment:
                print(
                    f"  {'  ' + say('commento', 'comment'):{width}}  {left_comment[:30]:30}  {right_comment}"
                )
        rows = [
            (say("totale", "total"), common.score(central.total), common.score(returned.total)),
            (say("motivazione", "motivation"), central.motivation, returned.motivation),
            (
                say("stato", "status"),
                say(*SHEET_STATES.get(central.status, (central.status,) * 2)),
                say(*SHEET_STATES.get(returned.status, (returned.status,) * 2)),
            ),
            (
                say("modificata da", "changed by"),
                _changed(central),
                _changed(returned),
            ),
        ]
        for label, left, right in rows:
            left = " ".join(str(left).split())
            right = " ".join(str(right).split())
            mark = "≠" if left != right and label != say("modificata da", "changed by") else " "
            print(f"{mark} {label:{width}}  {left[:30]:30}  {right}")
    for blocked in result.blocked:
        if blocked.choice is None or blocked.choice != "central":
            print()
            print(
                say(
                    f"{blocked.code}: {blocked.reason_it}; la scheda del ritorno non può essere "
                    f"applicata: usare --keep-central {blocked.code} per lasciarla fuori.",
                    f"{blocked.code}: {blocked.reason_en}; the returned sheet cannot be applied: "
                    f"use --keep-central {blocked.code} to leave it out.",
                )
            )
    codes = " ".join(result.missing_choices)
    print()
    print(
        say(
            f"Nulla è stato importato: manca una scelta per {codes}. Per una scheda cambiata sia "
            "qui sia nel kit: --take-returned CODICE (prende il ritorno) o --keep-central CODICE "
            "(tiene questa), oppure --take-all-returned / --keep-all-central; una scheda che non "
            "si può più applicare accetta solo --keep-central.",
            f"Nothing was imported: a choice is missing for {codes}. For a sheet changed both "
            "here and in the kit: --take-returned CODE (takes the return) or --keep-central CODE "
            "(keeps this one), or --take-all-returned / --keep-all-central; a sheet that can no "
            "longer be applied accepts only --keep-central.",
        )
    )


def _changed(sheet) -> str:
    """Who changed a sheet last, and when."""
    when = formatting.date_time(sheet.changed_at) if sheet.changed_at else ""
    return f"{sheet.changed_by} {when}".strip()
