"""Command line: `commissione platform-simulator` (see desktop/cli.py for the conventions).

Runs the platform simulator (desktop/platform/simulator.py) in the foreground, for
training and for trying `commissione sync` without the city's server."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.platform import DEFAULT_PORT, DEFAULT_TOKEN

MAX_CAMPAIGNS = 5000
STATUS_IT = {
    "scheduled": "in programma",
    "open": "aperta",
    "succeeded": "riuscita",
    "failed": "non riuscita",
    "cancelled": "annullata",
}


def add_commands(commands) -> dict:
    simulator = commands.add_parser(
        "platform-simulator",
        help="avvia un simulatore della piattaforma di crowdfunding (formazione, prove)",
        description=(
            "Simulatore della piattaforma di crowdfunding su 127.0.0.1: campagne e donazioni "
            "inventate ma verosimili, collegate alle domande dimostrative, su un orologio "
            "virtuale che può scorrere più in fretta. Ctrl+C per fermarlo."
        ),
    )
    simulator.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"porta (default {DEFAULT_PORT})"
    )
    simulator.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="velocità dell'orologio virtuale: 3600 = un'ora al secondo (default 1)",
    )
    simulator.add_argument("--seed", default="0", help="seme dei dati (default 0)")
    simulator.add_argument(
        "--campaigns", type=int, default=8, help="numero di campagne (default 8)"
    )
    simulator.add_argument(
        "--token", default=DEFAULT_TOKEN, help=f"token da accettare (default {DEFAULT_TOKEN})"
    )
    simulator.add_argument(
        "--start",
        help="ora virtuale iniziale, ISO 8601 (es. 2025-03-15T09:00:00Z; senza fuso = UTC; default: adesso)",
    )
    return {"platform-simulator": cmd_platform_simulator}


def _start_time(text: str | None, say) -> dt.datetime | None:
    from desktop.cli import CommandProblem

    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandProblem(
            say(
                f"--start «{text}»: non è una data ISO 8601; scrivere ad esempio 2025-03-15T09:00:00Z",
                f"--start “{text}”: not an ISO 8601 time; write for example 2025-03-15T09:00:00Z",
            )
        ) from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _check(args: argparse.Namespace, say) -> None:
    from desktop.cli import CommandProblem

    if not 0 <= args.port <= 65535:
        raise CommandProblem(
            say(
                f"--port {args.port}: una porta va da 1 a 65535 (0: una libera qualsiasi)",
                f"--port {args.port}: a port is from 1 to 65535 (0: any free one)",
            )
        )
    if not args.speed >= 0 or args.speed == float("inf"):
        raise CommandProblem(
            say(
                f"--speed {args.speed}: un numero ≥ 0 (0 ferma l'orologio)",
                f"--speed {args.speed}: a number ≥ 0 (0 stops the clock)",
            )
        )
    if not 1 <= args.campaigns <= MAX_CAMPAIGNS:
        raise CommandProblem(
            say(
                f"--campaigns {args.campaigns}: da 1 a {MAX_CAMPAIGNS}",
                f"--campaigns {args.campaigns}: from 1 to {MAX_CAMPAIGNS}",
            )
        )
    if not args.token.strip():
        raise CommandProblem(say("--token vuoto", "--token is empty"))


def cmd_platform_simulator(args, say) -> int:
    from desktop.cli import EXIT_OK, CommandProblem
    from desktop.domain.money import format_eur
    from desktop.platform.simulator import PlatformSimulator, demo_timeline

    _check(args, say)
    start = _start_time(args.start, say)
    timeline = demo_timeline(args.campaigns, seed=args.seed, start=start)
    try:
        simulator = PlatformSimulator(
            timeline, token=args.token.strip(), speed=args.speed, port=args.port
        )
    except OSError as error:
        raise CommandProblem(
            say(
                f"impossibile usare la porta {args.port} su 127.0.0.1 ({error.strerror}): "
                "è già in uso? scegliere un'altra porta con --port",
                f"cannot use port {args.port} on 127.0.0.1 ({error.strerror}): "
                "is it already in use? choose another port with --port",
            )
        ) from None
    now = simulator.clock.now()
    print(say("Simulatore della piattaforma di crowdfunding", "Crowdfunding platform simulator"))
    print(f"  URL:    {simulator.base_url}")
    print(f"  token:  {simulator.token}")
    print(
        say(
            f"  ora virtuale: {now:%d/%m/%Y %H:%M} UTC, velocità ×{args.speed:g}",
            f"  virtual time: {now:%d/%m/%Y %H:%M} UTC, speed ×{args.speed:g}",
        )
    )
    print(say("Campagne (codice domanda):", "Campaigns (application code):"))
    for campaign_id in timeline.campaign_ids:
        state = timeline.campaign_at(campaign_id, now)
        opens = timeline.campaign_at(campaign_id, timeline.last_change)
        if state is None:
            status = say("non ancora pubblicata", "not yet published")
        else:
            status = say(STATUS_IT[state.status], state.status)
        raised = state.raised_cents if state else 0
        print(
            f"  {opens.application_code:<10} {campaign_id}  {status:<22} "
            f"{format_eur(raised)} / {format_eur(opens.target_cents)}  "
            f"{opens.opens_at:%d/%m/%Y} – {opens.closes_at:%d/%m/%Y}  {opens.title}"
        )
    print(
        say(
            f"Per sincronizzare: commissione credentials set {simulator.base_url} (token qui sopra), "
            f"poi commissione sync --url {simulator.base_url}",
            f"To sync: commissione credentials set {simulator.base_url} (the token above), "
            f"then commissione sync --url {simulator.base_url}",
        )
    )
    print(say("Ctrl+C per fermare.", "Ctrl+C to stop."), flush=True)
    try:
        simulator.serve_forever()
    except KeyboardInterrupt:
        print(say("Simulatore fermato.", "Simulator stopped."))
    return EXIT_OK
