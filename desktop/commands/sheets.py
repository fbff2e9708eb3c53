"""Command line: score sheets, scores from paper, offline kits (see desktop/cli.py
for the conventions).

    commissione kit export MEMBER --out FILE
    commissione kit open FILE [--workspace-dir DIR]
    commissione --db WORKSPACE kit return --out FILE
    commissione kit import FILE [--take-returned CODE ...] [--keep-central CODE ...]
                                [--take-all-returned | --keep-all-central]
    commissione scores import FILE [--draft]
    commissione sheets show MEMBER CODE [--format table|json]
    commissione sheets reopen MEMBER CODE --reason TEXT

Exit codes: 0 done (or nothing to do); 1 `kit import` found sheets changed on both
sides and needs a choice for each (nothing was imported); 2 refused (the message
says why and what to do; nothing was changed).
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

STATUS_LABELS = {
    "": ("nessuna scheda", "no sheet"),
    "draft": ("bozza", "draft"),
    "submitted": ("inviata", "submitted"),
}


def add_commands(commands) -> dict:
    kit = commands.add_parser("kit", help="kit per valutare senza rete: preparazione e ritorno")
    actions = kit.add_subparsers(dest="kit_command", metavar="AZIONE", required=True)
    export = actions.add_parser("export", help="prepara il kit di un valutatore")
    export.add_argument("member", metavar="VALUTATORE")
    export.add_argument("--out", required=True, help="file del kit da scrivere")
    export.add_argument("--call")
    opening = actions.add_parser(
        "open", help="apre un kit come spazio di lavoro del valutatore (nessuna preparazione)"
    )
    opening.add_argument("file", metavar="FILE")
    opening.add_argument(
        "--workspace-dir", help="cartella degli spazi di lavoro (default: kits/ nei dati utente)"
    )
    back = actions.add_parser(
        "return", help="scrive il file di ritorno (con --db sullo spazio di lavoro del kit)"
    )
    back.add_argument("--out", required=True, help="file di ritorno da scrivere")
    importing = actions.add_parser(
        "import", help="importa un file di ritorno; i conflitti chiedono una scelta esplicita"
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--take-returned",
        nargs="+",
        default=[],
        metavar="CODICE",
        help="per queste domande prende la scheda del ritorno",
    )
    importing.add_argument(
        "--keep-central",
        nargs="+",
        default=[],
        metavar="CODICE",
        help="per queste domande tiene la scheda di questo database",
    )
    every = importing.add_mutually_exclusive_group()
    every.add_argument(
        "--take-all-returned", action="store_true", help="in ogni conflitto prende il ritorno"
    )
    every.add_argument(
        "--keep-all-central",
        action="store_true",
        help="in ogni conflitto tiene la scheda di questo database",
    )
    importing.add_argument("--call")

    scores = commands.add_parser("scores", help="punteggi dati su carta, da CSV")
    score_actions = scores.add_subparsers(dest="scores_command", metavar="AZIONE", required=True)
    score_import = score_actions.add_parser(
        "import",
        help="importa valutatore;codice_domanda;criterio;punteggio;commento (tutto o niente)",
    )
    score_import.add_argument("file", metavar="FILE")
    score_import.add_argument(
        "--draft",
        action="store_true",
        help="lascia in bozza anche le schede complete (default: le invia)",
    )
    score_import.add_argument("--call")

    sheets = commands.add_parser("sheets", help="schede di valutazione")
    sheet_actions = sheets.add_subparsers(dest="sheets_command", metavar="AZIONE", required=True)
    show = sheet_actions.add_parser("show", help="mostra la scheda di un valutatore")
    show.add_argument("member", metavar="VALUTATORE")
    show.add_argument("code", metavar="CODICE")
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.add_argument("--call")
    reopen = sheet_actions.add_parser(
        "reopen", help="riapre una scheda inviata (segreteria; motivazione obbligatoria)"
    )
    reopen.add_argument("member", metavar="VALUTATORE")
    reopen.add_argument("code", metavar="CODICE")
    reopen.add_argument("--reason", required=True, help="motivazione (registrata)")
    reopen.add_argument("--call")
    return {"kit": cmd_kit, "scores": cmd_scores, "sheets": cmd_sheets}


# --------------------------------------------------------------------------- helpers


@contextmanager
def _refusals(say):
    """A service's refusal becomes the command line's message, in the chosen language."""
    from desktop.cli import CommandProblem
    from desktop.kits.format import KitProblem
    from desktop.services.sheets import SheetProblem

    try:
        yield
    except (KitProblem, SheetProblem) as problem:
        raise CommandProblem(say(problem.it, problem.en)) from None


@contextmanager
def _database(args):
    from desktop.cli import _open

    database = _open(args)
    try:
        yield database
    finally:
        database.close()


def _call_for(args, database):
    """--call, else the workspace's call in a kit workspace, else the newest call."""
    from desktop.cli import _call
    from desktop.domain.calls import find_call
    from desktop.kits.workspace import workspace_info

    if getattr(args, "call", None) is None:
        info = workspace_info(database)
        if info is not None:
            return find_call(info.call_id)
    return _call(args)


def _when(value) -> str:
    from desktop.domain.italian import format_datetime_it

    return format_datetime_it(value) if value else ""


def _score(value) -> str:
    from desktop.domain.scoring import format_score

    if value is None:
        return "—"
    text = format_score(value)
    return text[:-3] if text.endswith(",00") else text


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KiB".replace(".", ",")


# --------------------------------------------------------------------------- kit


def cmd_kit(args, say) -> int:
    command = args.kit_command
    with _refusals(say):
        if command == "open":
            return _kit_open(args, say)
        with _database(args) as database:
            if command == "export":
                return _kit_export(args, say, database)
            if command == "return":
                return _kit_return(args, say, database)
            return _kit_import(args, say, database)


def _kit_export(args, say, database) -> int:
    from desktop.cli import EXIT_OK
    from desktop.kits import export_kit

    call = _call_for(args, database)
    summary = export_kit(database, call, args.member, args.out)
    print(
        say(
            f"Kit di {summary.member} scritto in {summary.path} ({_size(summary.size_bytes)}): "
            f"{summary.applications} domande, {summary.sheets} schede già iniziate; "
            f"kit {summary.kit_id}.",
            f"{summary.member}'s kit written to {summary.path} ({_size(summary.size_bytes)}): "
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
    from desktop.cli import EXIT_OK
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


def _kit_return(args, say, database) -> int:
    from desktop.cli import EXIT_OK
    from desktop.kits import export_return

    summary = export_return(database, args.out)
    print(
        say(
            f"Ritorno del kit di {summary.member} scritto in {summary.path} "
            f"({_size(summary.size_bytes)}): {summary.sheets} schede cambiate "
            f"({summary.submitted} inviate, {summary.drafts} in bozza); le note private restano qui.",
            f"Return of {summary.member}'s kit written to {summary.path} "
            f"({_size(summary.size_bytes)}): {summary.sheets} sheets changed "
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
    from desktop.cli import EXIT_OK, EXIT_REJECTED
    from desktop.kits import CENTRAL, RETURNED, import_return

    call = _call_for(args, database)
    choices = {code: RETURNED for code in args.take_returned}
    for code in args.keep_central:
        if choices.get(code) == RETURNED:
            from desktop.cli import CommandProblem

            raise CommandProblem(
                say(
                    f"{code}: scegliere --take-returned oppure --keep-central, non entrambi",
                    f"{code}: choose --take-returned or --keep-central, not both",
                )
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
            left = _score(central.scores.get(criterion.id))
            right = _score(returned.scores.get(criterion.id))
            mark = "≠" if left != right else " "
            print(f"{mark} {criterion.name[:width]:{width}}  {left:30}  {right}")
            left_comment = central.comments.get(criterion.id, "")
            right_comment = returned.comments.get(criterion.id, "")
            if left_comment or right_comment:
                print(
                    f"  {'  ' + say('commento', 'comment'):{width}}  {left_comment[:30]:30}  {right_comment}"
                )
        rows = [
            (say("totale", "total"), _score(central.total), _score(returned.total)),
            (say("motivazione", "motivation"), central.motivation, returned.motivation),
            (
                say("stato", "status"),
                say(*STATUS_LABELS.get(central.status, (central.status,) * 2)),
                say(*STATUS_LABELS.get(returned.status, (returned.status,) * 2)),
            ),
            (
                say("modificata da", "changed by"),
                f"{central.changed_by} {_when(central.changed_at)}".strip(),
                f"{returned.changed_by} {_when(returned.changed_at)}".strip(),
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


# --------------------------------------------------------------------------- scores


def cmd_scores(args, say) -> int:
    from desktop.cli import EXIT_OK, EXIT_UNUSABLE
    from desktop.importing.scores import import_scores

    with _refusals(say), _database(args) as database:
        call = _call_for(args, database)
        result = import_scores(database, call, args.file, submit_complete=not args.draft)
    if result.problems:
        for problem in result.problems:
            print(
                say(
                    f"  riga {problem.row}, colonna «{problem.column}», valore «{problem.value}»: "
                    f"{problem.reason_it}",
                    f"  row {problem.row}, column “{problem.column}”, value “{problem.value}”: "
                    f"{problem.reason_en}",
                ),
                file=sys.stderr,
            )
        print(
            say(
                f"commissione: {result.file.name}: {len(result.problems)} problemi; nessun "
                "punteggio importato. Correggere le righe indicate e importare di nuovo il file.",
                f"commissione: {result.file.name}: {len(result.problems)} problems; no score "
                "imported. Fix the rows listed and import the file again.",
            ),
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    print(
        say(
            f"{result.file.name} → bando {call.id}: righe lette {result.rows_read}; schede nuove "
            f"{result.sheets_created}, aggiornate {result.sheets_updated}, invariate "
            f"{result.sheets_unchanged}; inviate {result.sheets_submitted}, in bozza {result.sheets_draft}.",
            f"{result.file.name} → call {call.id}: rows read {result.rows_read}; sheets new "
            f"{result.sheets_created}, updated {result.sheets_updated}, unchanged "
            f"{result.sheets_unchanged}; submitted {result.sheets_submitted}, drafts {result.sheets_draft}.",
        )
    )
    if result.sheets_draft and not args.draft:
        print(
            say(
                "Le schede in bozza mancano di qualche punteggio o della motivazione "
                "(colonna «motivazione»).",
                "The draft sheets lack some score or the motivation (column “motivazione”).",
            )
        )
    return EXIT_OK


# --------------------------------------------------------------------------- sheets


def cmd_sheets(args, say) -> int:
    from desktop.cli import EXIT_OK
    from desktop.services import sheets

    with _refusals(say), _database(args) as database:
        call = _call_for(args, database)
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
    json.dump(record, sys.stdout, ensure_ascii=False, indent=1)
    print()


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
    status = say(*STATUS_LABELS.get(view.status, (view.status, view.status)))
    if view.submitted_at:
        status += say(" il ", " on ") + _when(view.submitted_at)
    print(
        say(
            f"Scheda di {view.member}: {status} (versione {view.version})",
            f"{view.member}'s sheet: {status} (version {view.version})",
        )
    )
    if view.reopened_reason and view.status != "submitted":
        print(say("  riaperta: ", "  reopened: ") + view.reopened_reason)
    for criterion in view.criteria:
        score = _score(view.scores.get(criterion.id))
        print(f"  {criterion.name[:52]:52}  {score:>6} / {_score(criterion.max)}")
        comment = view.comments.get(criterion.id)
        if comment:
            print(f"      {comment}")
    print(say(f"  totale: {_score(view.total)}", f"  total: {_score(view.total)}"))
    print(say("  motivazione: ", "  motivation: ") + (view.motivation or "—"))
    if in_workspace and view.private_note:
        print(say("  nota privata: ", "  private note: ") + view.private_note)
    if view.others_visible:
        if view.others_totals:
            others = ", ".join(f"{name} {_score(total)}" for name, total in view.others_totals)
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
