"""`commissione platform-simulator`: the platform simulator in the foreground.

Runs the platform simulator (desktop/platform/simulator.py) in the foreground, for
training and for trying `commissione sync` without the city's server."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli.common import CommandProblem
from desktop.cli.exits import EXIT_OK
from desktop.platform import DEFAULT_PORT, DEFAULT_TOKEN

MAX_CAMPAIGNS = 5000
STATUS_IT = {
    "scheduled": "in programma",
    "open": "aperta",
    "succeeded": "riuscita",
    "failed": "non riuscita",
    "cancelled": "annullata",
}


def declare(commands, say) -> None:
    simulator = commands.add_parser(
        "platform-simulator",
        help=say(
            "avvia un simulatore della piattaforma di crowdfunding (formazione, prove)",
            "start a simulator of the crowdfunding platform (training, trials)",
        ),
        description=say(
            "Simulatore della piattaforma di crowdfunding su 127.0.0.1: campagne e donazioni "
            "inventate ma verosimili, collegate alle domande dimostrative, su un orologio "
            "virtuale che può scorrere più in fretta. Ctrl+C per fermarlo.",
            "A simulator of the crowdfunding platform on 127.0.0.1: made-up but plausible "
            "campaigns and donations, linked to the demo applications, on a virtual clock "
            "that can run faster. Ctrl+C stops it.",
        ),
    )
    simulator.add_argument(
        "--port",
        metavar=say("PORTA", "PORT"),
        type=int,
        default=DEFAULT_PORT,
        help=say(f"porta (default {DEFAULT_PORT})", f"port (default {DEFAULT_PORT})"),
    )
    simulator.add_argument(
        "--speed",
        metavar="X",
        type=float,
        default=1.0,
        help=say(
            "velocità dell'orologio virtuale: 3600 = un'ora al secondo (default 1)",
            "speed of the virtual clock: 3600 = an hour per second (default 1)",
        ),
    )
    simulator.add_argument(
        "--seed",
        metavar=say("SEME", "SEED"),
        default="0",
        help=say("seme dei dati (default 0)", "the data's seed (default 0)"),
    )
    simulator.add_argument(
        "--campaigns",
        metavar="N",
        type=int,
        default=8,
        help=say("numero di campagne (default 8)", "number of campaigns (default 8)"),
    )
    simulator.add_argument(
        "--token",
        metavar="TOKEN",
        default=DEFAULT_TOKEN,
        help=say(
            f"token da accettare (default {DEFAULT_TOKEN})",
            f"the token to accept (default {DEFAULT_TOKEN})",
        ),
    )
    simulator.add_argument(
        "--start",
        metavar="ISO",
        help=say(
            "ora virtuale iniziale, ISO 8601 (es. 2025-03-15T09:00:00Z; senza fuso = UTC; "
            "default: adesso)",
            "the virtual start time, ISO 8601 (e.g. 2025-03-15T09:00:00Z; without a zone = UTC; "
            "default: now)",
        ),
    )
    simulator.set_defaults(handler=run)


def _start_time(text: str | None, say) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandProblem(
            f"--start «{text}»: non è una data ISO 8601; scrivere ad esempio 2025-03-15T09:00:00Z",
            f"--start “{text}”: not an ISO 8601 time; write for example 2025-03-15T09:00:00Z",
        ) from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _check(args: argparse.Namespace, say) -> None:
    if not 0 <= args.port <= 65535:
        raise CommandProblem(
            f"--port {args.port}: una porta va da 1 a 65535 (0: una libera qualsiasi)",
            f"--port {args.port}: a port is from 1 to 65535 (0: any free one)",
        )
    if not args.speed >= 0 or args.speed == float("inf"):
        raise CommandProblem(
            f"--speed {args.speed}: un numero ≥ 0 (0 ferma l'orologio)",
            f"--speed {args.speed}: a number ≥ 0 (0 stops the clock)",
        )
    if not 1 <= args.campaigns <= MAX_CAMPAIGNS:
        raise CommandProblem(
            f"--campaigns {args.campaigns}: da 1 a {MAX_CAMPAIGNS}",
            f"--campaigns {args.campaigns}: from 1 to {MAX_CAMPAIGNS}",
        )
    if not args.token.strip():
        raise CommandProblem("--token vuoto", "--token is empty")


def run(args, say) -> int:
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
            f"impossibile usare la porta {args.port} su 127.0.0.1 ({error.strerror}): "
            "è già in uso? scegliere un'altra porta con --port",
            f"cannot use port {args.port} on 127.0.0.1 ({error.strerror}): "
            "is it already in use? choose another port with --port",
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
