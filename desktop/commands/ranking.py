"""Command line: ranking commands (see desktop/cli.py for the conventions).

commissione rank [--session I|II] [--budget EUR] [--normalised] [--format table|csv|json] [--call ID]
commissione export ranking --format xlsx|csv|pdf --out FILE [--session I|II] [--budget EUR] [--call ID]
commissione export summary CODE --out FILE.pdf [--call ID]
commissione decide CODE --admitted|--not-admitted --reasons TEXT [--call ID]
commissione decide CODE --clear [--call ID]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_OK, EXIT_UNUSABLE = 0, 2


def add_commands(commands) -> dict:
    rank = commands.add_parser(
        "rank", help="graduatoria di una sessione con la linea di finanziamento"
    )
    rank.add_argument("--session", help="codice della sessione (I, II…); senza: tutto il bando")
    rank.add_argument("--budget", help="budget per una simulazione, in euro (85.000,00 o 85000)")
    rank.add_argument(
        "--normalised",
        action="store_true",
        help="mostra accanto la graduatoria normalizzata (z-score per valutatore)",
    )
    rank.add_argument("--format", choices=("table", "csv", "json"), default="table")
    rank.add_argument("--call")

    export = commands.add_parser(
        "export", help="esporta la graduatoria (XLSX, CSV, PDF) o la sintesi di una valutazione"
    )
    what = export.add_subparsers(dest="export_what", metavar="COSA", required=True)
    ranking = what.add_parser("ranking", help="la graduatoria per la pubblicazione")
    ranking.add_argument("--format", choices=("xlsx", "csv", "pdf"), required=True)
    ranking.add_argument("--out", type=Path, required=True, help="file da scrivere")
    ranking.add_argument("--session", help="codice della sessione (I, II…)")
    ranking.add_argument("--budget", help="budget per una simulazione, in euro")
    ranking.add_argument("--call")
    summary = what.add_parser("summary", help="la sintesi della valutazione di una domanda (PDF)")
    summary.add_argument("code", help="codice domanda")
    summary.add_argument("--out", type=Path, required=True, help="file PDF da scrivere")
    summary.add_argument("--call")

    decide = commands.add_parser(
        "decide", help="decisione della commissione su una domanda (motivazioni obbligatorie)"
    )
    decide.add_argument("code", help="codice domanda")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument("--admitted", dest="decision", action="store_const", const="admitted")
    choice.add_argument(
        "--not-admitted", dest="decision", action="store_const", const="not_admitted"
    )
    choice.add_argument("--clear", action="store_true", help="toglie la decisione registrata")
    decide.add_argument("--reasons", help="motivazioni della decisione (obbligatorie)")
    decide.add_argument("--call")
    return {"rank": cmd_rank, "export": cmd_export, "decide": cmd_decide}


def _budget_cents(text: str | None, say) -> int | None:
    from desktop.cli import CommandProblem
    from desktop.domain.italian import ValueProblem, parse_amount
    from desktop.domain.money import to_cents

    if text is None:
        return None
    try:
        return to_cents(parse_amount(text))
    except ValueProblem as problem:
        raise CommandProblem(
            say(
                f"--budget «{text}»: {problem.reason_it}",
                f"--budget “{text}”: {problem.reason_en}",
            )
        ) from None


def _load(args, say):
    from desktop.cli import _call, _open
    from desktop.services.ranking import load_ranking

    budget = _budget_cents(args.budget, say)
    call = _call(args)
    database = _open(args)
    try:
        result = load_ranking(
            database, call, args.session, budget, normalised=getattr(args, "normalised", False)
        )
    finally:
        database.close()
    return call, result


# --------------------------------------------------------------------------- rank


def cmd_rank(args, say) -> int:
    call, result = _load(args, say)
    if args.format == "json":
        json.dump(_as_json(result), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.format == "csv":
        _write_csv(result, say)
    else:
        _print_table(call, result, say)
    return EXIT_OK


def _decimal(value) -> str | None:
    return None if value is None else f"{value:f}"


def _as_json(result) -> dict:
    def criteria(entry) -> dict:
        return {
            criterion: {
                "mean": _decimal(stats.mean),
                "median": _decimal(stats.median),
                "min": _decimal(stats.min),
                "max": _decimal(stats.max),
                "spread": _decimal(stats.spread),
                "count": stats.count,
            }
            for criterion, stats in entry.criteria.items()
        }

    return {
        "call": result.call_id,
        "session": result.session_code,
        "budget_cents": result.budget_cents,
        "budget_source": result.budget_source,
        "earlier_admitted_cents": result.earlier_admitted_cents,
        "funded_count": result.funded_count,
        "funded_total_cents": result.funded_total_cents,
        "left_cents": result.left_cents,
        "minimum_total": _decimal(result.minimum_total),
        "aggregation": result.aggregation,
        "entries": [
            {
                "position": e.position,
                "normalised_position": e.normalised_position,
                "code": e.code,
                "title": e.title,
                "lead_partner": e.lead_partner,
                "district": e.district,
                "objectives": list(e.objectives),
                "eligibility": e.eligibility,
                "score": _decimal(e.score),
                "normalised_score": _decimal(e.normalised_score),
                "grant_cents": e.grant_cents,
                "cumulative_grant_cents": e.cumulative_grant_cents,
                "evaluators": e.evaluators,
                "expected_evaluators": e.expected_evaluators,
                "spread": _decimal(e.spread),
                "disagreement": e.disagreement,
                "status": e.status,
                "decision": None
                if e.decision is None
                else {
                    "decision": e.decision.decision,
                    "reasons": e.decision.reasons,
                    "decided_by": e.decision.decided_by,
                    "decided_at": e.decision.decided_at.isoformat(),
                },
                "criteria": criteria(e),
            }
            for e in result.entries
        ],
        "disagreements": [
            {
                "code": d.code,
                "spread": _decimal(d.spread),
                "totals": [{"evaluator": name, "total": _decimal(t)} for name, t in d.totals],
            }
            for d in result.disagreements
        ],
        "moved": [
            {"code": m.code, "position": m.position, "normalised_position": m.normalised_position}
            for m in result.moved
        ],
        "funded_by_district": [
            {"district": g.key, "count": g.count, "grant_cents": g.grant_cents}
            for g in result.by_district
        ],
        "funded_by_objective": [
            {"objective": g.key, "count": g.count, "grant_cents": g.grant_cents}
            for g in result.by_objective
        ],
    }


CSV_COLUMNS = (
    "posizione",
    "codice_domanda",
    "titolo",
    "capofila",
    "municipio",
    "punteggio",
    "contributo",
    "contributo_cumulato",
    "stato",
    "valutazioni",
    "scarto",
    "discordanza",
    "decisione",
    "posizione_normalizzata",
    "punteggio_normalizzato",
)


def _write_csv(result, say) -> None:
    import csv

    from desktop.domain.money import format_eur
    from desktop.domain.scoring import STATUS_LABELS, format_score
    from desktop.exporting import neutralise

    def eur(cents):
        return "" if cents is None else format_eur(cents, symbol=False)

    # Semicolons and a BOM, so Italian Excel opens it as it is.
    sys.stdout.reconfigure(encoding="utf-8", newline="")
    sys.stdout.write("\ufeff")
    writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in result.entries:
        it, en = STATUS_LABELS[e.status]
        row = [
            "" if e.position is None else e.position,
            e.code,
            e.title,
            e.lead_partner,
            "" if e.district is None else e.district,
            format_score(e.score),
            eur(e.grant_cents),
            eur(e.cumulative_grant_cents),
            say(it, en),
            f"{e.evaluators}/{e.expected_evaluators}",
            format_score(e.spread),
            say("sì", "yes") if e.disagreement else "",
            "" if e.decision is None else e.decision.label(say("it", "en")),
            "" if e.normalised_position is None else e.normalised_position,
            format_score(e.normalised_score),
        ]
        writer.writerow([neutralise(value) for value in row])


def _print_table(call, result, say) -> None:
    from desktop.domain.money import format_eur
    from desktop.domain.scoring import STATUS_LABELS, format_score

    where = result.session_name or say("tutte le sessioni", "all sessions")
    print(say(f"Graduatoria — {where} — {call.title}", f"Ranking — {where} — {call.title}"))
    sources = {
        "given": say("indicato", "given"),
        "session": say("della sessione", "the session's"),
        "call_remaining": say(
            f"del bando meno {format_eur(result.earlier_admitted_cents)} già ammessi nelle sessioni precedenti",
            f"the call's less {format_eur(result.earlier_admitted_cents)} admitted in earlier sessions",
        ),
        "call": say("del bando", "the call's"),
    }
    print(
        say(
            f"Budget {format_eur(result.budget_cents)} ({sources[result.budget_source]}); "
            f"punteggio minimo {format_score(result.minimum_total)}",
            f"Budget {format_eur(result.budget_cents)} ({sources[result.budget_source]}); "
            f"minimum score {format_score(result.minimum_total)}",
        )
    )
    columns = [
        ("pos", say("pos.", "pos."), 4, True),
        ("code", say("codice", "code"), 12, False),
        ("title", say("titolo", "title"), 34, False),
        ("lead", say("capofila", "lead partner"), 24, False),
        ("district", "mun.", 4, True),
        ("score", say("punti", "score"), 6, True),
        ("grant", say("contributo €", "grant €"), 12, True),
        ("cumulative", say("cumulato €", "cumulative €"), 13, True),
        ("status", say("stato", "status"), 24, False),
        ("decision", say("decisione", "decision"), 12, False),
    ]
    if result.normalised:
        columns.insert(6, ("normalised", say("norm. (pos.)", "norm. (pos.)"), 12, True))

    def fit(text: str, width: int) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    def line(values: dict) -> str:
        cells = []
        for key, _title, width, right in columns:
            value = fit(values[key], width)
            cells.append(value.rjust(width) if right else value.ljust(width))
        return "  ".join(cells).rstrip()

    print("  ".join(title.ljust(width) for _k, title, width, _r in columns).rstrip())
    for e in result.entries:
        it, en = STATUS_LABELS[e.status]
        print(
            line(
                {
                    "pos": "" if e.position is None else e.position,
                    "code": e.code + (" !" if e.disagreement else ""),
                    "title": e.title,
                    "lead": e.lead_partner,
                    "district": "" if e.district is None else e.district,
                    "score": format_score(e.score),
                    "normalised": format_score(e.normalised_score)
                    + ("" if e.normalised_position is None else f" ({e.normalised_position})"),
                    "grant": ""
                    if e.grant_cents is None
                    else format_eur(e.grant_cents, symbol=False),
                    "cumulative": ""
                    if e.cumulative_grant_cents is None
                    else format_eur(e.cumulative_grant_cents, symbol=False),
                    "status": say(it, en),
                    "decision": "" if e.decision is None else e.decision.label(say("it", "en")),
                }
            )
        )
        if e.position is not None and e.position == result.funded_count:
            print("─" * 40 + say(" linea di finanziamento ", " funding line ") + "─" * 40)
    print(
        say(
            f"Finanziabili {result.funded_count} progetti per {format_eur(result.funded_total_cents)}; "
            f"residuo {format_eur(result.left_cents)}; in graduatoria {len(result.ranked)} "
            f"su {len(result.entries)} domande.",
            f"Fundable: {result.funded_count} projects for {format_eur(result.funded_total_cents)}; "
            f"left {format_eur(result.left_cents)}; ranked {len(result.ranked)} "
            f"of {len(result.entries)} applications.",
        )
    )
    if result.by_district:
        parts = ", ".join(
            f"{'—' if g.key is None else g.key}: {g.count} ({format_eur(g.grant_cents)})"
            for g in result.by_district
        )
        print(say(f"Per Municipio: {parts}", f"By Municipio: {parts}"))
    if result.by_objective:
        parts = ", ".join(
            f"{g.key}: {g.count} ({format_eur(g.grant_cents)})" for g in result.by_objective
        )
        print(say(f"Per obiettivo: {parts}", f"By objective: {parts}"))
    if result.disagreements:
        print(
            say(
                f"Valutazioni discordanti (scarto tra i totali oltre {format_score(call.evaluation.disagreement_limit)}, "
                "segnate con !):",
                f"Disagreements (spread of totals above {format_score(call.evaluation.disagreement_limit)}, "
                "marked !):",
            )
        )
        for d in result.disagreements:
            totals = "; ".join(f"{name} {format_score(total)}" for name, total in d.totals)
            print(f"  {d.code}  {say('scarto', 'spread')} {format_score(d.spread)}  ({totals})")
    if result.normalised:
        if result.moved:
            print(
                say(
                    "Graduatoria normalizzata (solo a confronto, non sostituisce quella ufficiale): "
                    "posizioni diverse:",
                    "Normalised ranking (for comparison only, it does not replace the ranking): "
                    "positions that differ:",
                )
            )
            for move in result.moved:
                print(f"  {move.code}  {move.position} → {move.normalised_position}")
        else:
            print(
                say(
                    "Graduatoria normalizzata: stesso ordine.",
                    "Normalised ranking: same order.",
                )
            )


# --------------------------------------------------------------------------- export


def cmd_export(args, say) -> int:
    if args.export_what == "summary":
        return _export_summary(args, say)
    from desktop.exporting.ranking import export_ranking

    args.normalised = False
    call, result = _load(args, say)
    path = export_ranking(result, args.out, args.format, call)
    print(
        say(
            f"Graduatoria esportata in {path}: {len(result.entries)} domande, "
            f"{result.funded_count} finanziabili.",
            f"Ranking exported to {path}: {len(result.entries)} applications, "
            f"{result.funded_count} fundable.",
        )
    )
    return EXIT_OK


def _export_summary(args, say) -> int:
    from desktop.cli import _call, _open
    from desktop.exporting.ranking import export_evaluation_summary
    from desktop.services.ranking import evaluation_summary

    call = _call(args)
    database = _open(args)
    try:
        summary = evaluation_summary(database, call, args.code)
    finally:
        database.close()
    path = export_evaluation_summary(summary, args.out, call)
    print(
        say(
            f"Sintesi della valutazione di {args.code} in {path} ({len(summary.sheets)} schede).",
            f"Evaluation summary of {args.code} in {path} ({len(summary.sheets)} sheets).",
        )
    )
    return EXIT_OK


# --------------------------------------------------------------------------- decide


def cmd_decide(args, say) -> int:
    from desktop.cli import CommandProblem, _call, _open
    from desktop.services.ranking import DecisionRefused, clear_decision, set_decision

    call = _call(args)
    database = _open(args)
    try:
        if args.clear:
            if clear_decision(database, call, args.code):
                print(
                    say(f"Decisione su {args.code} rimossa.", f"Decision on {args.code} removed.")
                )
            else:
                print(
                    say(
                        f"Nessuna decisione registrata su {args.code}.",
                        f"No decision recorded on {args.code}.",
                    )
                )
            return EXIT_OK
        try:
            row = set_decision(database, call, args.code, args.decision, args.reasons or "")
        except DecisionRefused as problem:
            it, _, en = str(problem).partition(" / ")
            raise CommandProblem(say(it, en or it)) from None
    finally:
        database.close()
    print(
        say(
            f"Decisione registrata: {args.code} {row.label('it')} ({row.decided_by}).",
            f"Decision recorded: {args.code} {row.label('en')} ({row.decided_by}).",
        )
    )
    return EXIT_OK
