"""`commissione rank`: the ranking (graduatoria) of a session with its funding line.

commissione rank [--session I|II] [--budget EUR] [--normalised] [--format table|csv|json]
"""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    rank = commands.add_parser(
        "rank",
        help=say(
            "graduatoria di una sessione con la linea di finanziamento",
            "a session's ranking with its funding line",
        ),
    )
    rank.add_argument(
        "--session",
        metavar=say("SESSIONE", "SESSION"),
        help=say(
            "codice della sessione (I, II…); senza: tutto il bando",
            "the session's code (I, II…); without: the whole call",
        ),
    )
    rank.add_argument(
        "--budget",
        metavar=say("EURO", "EUR"),
        help=say(
            "budget per una simulazione, in euro (85.000,00 o 85000)",
            "budget for a simulation, in euro (85.000,00 or 85000)",
        ),
    )
    rank.add_argument(
        "--normalised",
        action="store_true",
        help=say(
            "mostra accanto la graduatoria normalizzata (z-score per valutatore)",
            "show the normalised ranking beside it (z-score per evaluator)",
        ),
    )
    rank.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(rank, say)
    rank.set_defaults(handler=run)


def load(args):
    """The call and its ranking for --session, --budget (and --normalised)."""
    from desktop.services.ranking import load_ranking

    budget = common.budget_cents(args.budget)
    call = common.find_call(args)
    with common.database(args) as database:
        result = load_ranking(
            database, call, args.session, budget, normalised=getattr(args, "normalised", False)
        )
    return call, result


def run(args, say) -> int:
    call, result = load(args)
    if args.format == "json":
        common.write_json(_as_json(result))
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
    from desktop.domain.scoring import STATUS_LABELS, format_score

    rows = []
    for e in result.entries:
        it, en = STATUS_LABELS[e.status]
        rows.append(
            [
                "" if e.position is None else e.position,
                e.code,
                e.title,
                e.lead_partner,
                "" if e.district is None else e.district,
                format_score(e.score),
                common.money(e.grant_cents),
                common.money(e.cumulative_grant_cents),
                say(it, en),
                f"{e.evaluators}/{e.expected_evaluators}",
                format_score(e.spread),
                say("sì", "yes") if e.disagreement else "",
                "" if e.decision is None else e.decision.label(say.language),
                "" if e.normalised_position is None else e.normalised_position,
                format_score(e.normalised_score),
            ]
        )
    common.write_csv(CSV_COLUMNS, rows)


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

    shown = [column[1:] for column in columns]

    def line(values: dict) -> str:
        return common.table_line(shown, [values[column[0]] for column in columns])

    print(common.table_header(shown))
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
                    "decision": "" if e.decision is None else e.decision.label(say.language),
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
