"""`commissione calls`: the configured calls (resources/calls), validated."""

from __future__ import annotations

from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "calls",
        help=say(
            "elenca i bandi configurati (resources/calls)",
            "list the configured calls (resources/calls)",
        ),
    )
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.domain.calls import available_calls
    from desktop.domain.money import format_eur

    for call in available_calls():
        sessions = ", ".join(
            f"{s.code} {s.opens.strftime('%d/%m/%Y') if s.opens else '…'}–"
            f"{s.closes.strftime('%d/%m/%Y') if s.closes else '…'}"
            for s in call.sessions
        )
        print(f"{call.id}  {call.title}")
        print(
            say(
                f"    sessioni: {sessions}; costo {format_eur(call.min_cost_cents)}–{format_eur(call.max_cost_cents)}; "
                f"raccolta {call.crowdfunding_share * 100:.0f}% → contributo {call.grant_share * 100:.0f}% "
                f"(max {format_eur(call.grant_cap_cents)}); budget {format_eur(call.budget_cents)}",
                f"    sessions: {sessions}; cost {format_eur(call.min_cost_cents)}–{format_eur(call.max_cost_cents)}; "
                f"raised {call.crowdfunding_share * 100:.0f}% → grant {call.grant_share * 100:.0f}% "
                f"(max {format_eur(call.grant_cap_cents)}); budget {format_eur(call.budget_cents)}",
            )
        )
        if call.grid.is_default:
            print(f"    {call.grid.notice}")
    return EXIT_OK
