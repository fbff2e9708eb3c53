"""`commissione campaigns [close]`: following the crowdfunding campaigns.

    commissione campaigns [--format table|csv|json] [--call ID]
    commissione campaigns close [--call ID]

The listing has the columns of the window's campaigns view; the freshness of the
data comes first ("dati al 24/11/2026 10:32"): the table's first line, the JSON's
first key, and a `dati_al` column in CSV (a line before the header would break
every CSV reader). `close` records the outcome of every closed campaign not yet
recorded (target reached → grant awarded) and prints them.
"""

from __future__ import annotations

import argparse

from desktop.cli import common
from desktop.cli.exits import EXIT_OK

FORMATS = ("table", "csv", "json")

COLUMNS = (
    "codice",
    "titolo",
    "stato",
    "raccolto",
    "obiettivo",
    "percentuale",
    "donatori",
    "donazioni",
    "donazione_media",
    "giorni_trascorsi",
    "giorni_rimanenti",
    "ritmo_giornaliero_richiesto",
    "previsione_minima",
    "previsione",
    "previsione_massima",
    "a_rischio",
    "motivi",
    "domanda",
    "contributo",
    "esito",
    "campagna",
    "server",
    "dati_al",
)


def declare(commands, say) -> None:
    campaigns = commands.add_parser(
        "campaigns",
        help=say(
            "le campagne di raccolta: raccolto, previsione, rischio; 'close' registra gli esiti",
            "the crowdfunding campaigns: raised, forecast, risk; 'close' records the outcomes",
        ),
    )
    campaigns.add_argument("--format", choices=FORMATS, default="table")
    campaigns.add_argument(
        "--call",
        metavar="ID",
        help=say(
            "identificativo del bando (default: il più recente)",
            "the call's id (default: the newest)",
        ),
    )
    actions = campaigns.add_subparsers(dest="campaigns_action", metavar=say("AZIONE", "ACTION"))
    close = actions.add_parser(
        "close",
        help=say(
            "registra l'esito delle campagne chiuse (obiettivo raggiunto → contributo)",
            "record the outcome of closed campaigns (target reached → grant)",
        ),
    )
    # SUPPRESS: without it the sub-command's default would overwrite `campaigns --call X close`.
    close.add_argument(
        "--call",
        metavar="ID",
        default=argparse.SUPPRESS,
        help=say("identificativo del bando", "the call's id"),
    )
    campaigns.set_defaults(handler=run)


def run(args, say) -> int:
    if getattr(args, "campaigns_action", None) == "close":
        return _close(args, say)
    from desktop.services.campaigns import load_campaigns

    call = common.find_call(args)
    with common.database(args) as database:
        overview = load_campaigns(database, call)
    language = say.language
    rows = [_listing_row(row, overview, language) for row in overview.rows]
    if args.format == "json":
        common.write_json(
            {
                "dati_al": _data_as_of(overview),
                "offline": overview.offline,
                "freschezza": overview.freshness_text(language),
                "campagne": rows,
                "totali": _totals(overview),
            }
        )
    elif args.format == "csv":
        common.write_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))
    else:
        _print_table(overview, rows, say, language)
    return EXIT_OK


def _data_as_of(overview) -> str | None:
    from desktop.domain.campaigns import format_rome_time

    return format_rome_time(overview.data_as_of) if overview.data_as_of else None


def _listing_row(row, overview, language: str) -> dict:
    from desktop.domain.campaigns import status_label

    metrics = row.metrics
    forecast = metrics.forecast
    running = forecast is not None and metrics.phase == "running"
    en = language == "en"
    if row.outcome is None:
        outcome = ""
    elif row.outcome.reached:
        outcome = "target reached" if en else "obiettivo raggiunto"
    else:
        outcome = "target not reached" if en else "obiettivo non raggiunto"
    percent = metrics.percent_of_target
    return {
        "codice": row.code,
        "titolo": row.title,
        "stato": status_label(row.status, language),
        "raccolto": common.money(metrics.raised_cents),
        "obiettivo": common.money(metrics.target_cents),
        "percentuale": "" if percent is None else f"{percent}".replace(".", ","),
        "donatori": metrics.donors,
        "donazioni": metrics.donations,
        "donazione_media": common.money(metrics.average_donation_cents),
        "giorni_trascorsi": metrics.days_elapsed,
        "giorni_rimanenti": metrics.days_left,
        "ritmo_giornaliero_richiesto": common.money(metrics.required_daily_cents),
        "previsione_minima": common.money(forecast.low_cents) if running else "",
        "previsione": common.money(forecast.expected_cents) if running else "",
        "previsione_massima": common.money(forecast.high_cents) if running else "",
        "a_rischio": ("yes" if en else "sì") if metrics.at_risk else "no",
        "motivi": "; ".join(reason.text(language) for reason in metrics.reasons),
        "domanda": row.application_code or "",
        "contributo": common.money(row.grant_cents),
        "esito": outcome,
        "campagna": row.external_id,
        "server": row.server_url,
        "dati_al": _server_as_of(overview, row.server_url),
    }


def _server_as_of(overview, server_url: str) -> str:
    from desktop.domain.campaigns import format_rome_time

    for server in overview.servers:
        if server.server_url == server_url and server.last_success_at is not None:
            return format_rome_time(server.last_success_at)
    return ""


def _totals(overview) -> dict:
    totals = overview.totals
    return {
        "campagne": totals.campaigns,
        "a_rischio": totals.at_risk,
        "non_collegate": totals.unlinked,
        "raccolto": common.money(totals.raised_cents),
        "contributi_assegnati": common.money(totals.grants_awarded_cents),
        "contributi_dovuti_se_tutte_riescono": common.money(totals.grants_due_cents),
        "contributi_a_rischio": common.money(totals.grants_at_risk_cents),
        "budget": common.money(totals.budget_cents),
        "budget_residuo": common.money(totals.budget_left_cents),
    }


def _print_table(overview, rows: list[dict], say, language: str) -> None:
    from desktop.domain.money import format_eur

    print(overview.freshness_text(language))
    columns = [
        ("codice", say("codice", "code"), 12, False),
        ("titolo", say("campagna", "campaign"), 30, False),
        ("stato", say("stato", "status"), 12, False),
        ("raccolto", say("raccolto €", "raised €"), 11, True),
        ("obiettivo", say("obiettivo €", "target €"), 11, True),
        ("percentuale", "%", 6, True),
        ("donatori", say("donat.", "donors"), 6, True),
        ("donazione_media", say("media €", "avg €"), 9, True),
        ("giorni_rimanenti", say("giorni", "days"), 6, True),
        ("ritmo_giornaliero_richiesto", say("€/giorno", "€/day"), 10, True),
        ("previsione", say("previsione €", "forecast €"), 12, True),
        ("domanda", say("domanda", "application"), 14, False),
        ("motivi", say("rischio", "risk"), 60, False),
    ]

    shown = [column[1:] for column in columns]
    print(common.table_header(shown))
    for row in rows:
        cells = []
        for key, _, _, _ in columns:
            value = row[key]
            if key == "motivi":
                value = (
                    (say("A RISCHIO: ", "AT RISK: ") + value)
                    if row["a_rischio"] != "no"
                    else row["esito"]
                )
            elif key == "percentuale" and value:
                value = value.removesuffix(",00") + "%"
            elif key == "domanda" and not value:
                value = say("non collegata", "not linked")
            cells.append(value)
        print(common.table_line(shown, cells))
    totals = overview.totals
    print(
        say(
            f"{totals.campaigns} campagne del bando ({totals.at_risk} a rischio)"
            + (f", {totals.unlinked} non collegate a una domanda" if totals.unlinked else ""),
            f"{totals.campaigns} campaigns of the call ({totals.at_risk} at risk)"
            + (f", {totals.unlinked} not linked to an application" if totals.unlinked else ""),
        )
    )
    print(
        say(
            f"Raccolto {format_eur(totals.raised_cents)}; contributi assegnati "
            f"{format_eur(totals.grants_awarded_cents)}, dovuti se tutte riescono "
            f"{format_eur(totals.grants_due_cents)} (a rischio {format_eur(totals.grants_at_risk_cents)}); "
            f"budget residuo {format_eur(totals.budget_left_cents)} su {format_eur(totals.budget_cents)}",
            f"Raised {format_eur(totals.raised_cents)}; grants awarded "
            f"{format_eur(totals.grants_awarded_cents)}, due if all succeed "
            f"{format_eur(totals.grants_due_cents)} (at risk {format_eur(totals.grants_at_risk_cents)}); "
            f"budget left {format_eur(totals.budget_left_cents)} of {format_eur(totals.budget_cents)}",
        )
    )


def _close(args, say) -> int:
    from desktop.domain.campaigns import format_rome_time
    from desktop.domain.money import format_eur
    from desktop.services.campaigns import load_campaigns, record_outcomes

    call = common.find_call(args)
    with common.database(args) as database:
        recorded = record_outcomes(database, call)
        overview = load_campaigns(database, call)
    for outcome in recorded:
        closed = format_rome_time(outcome.closed_at)[:10]
        raised = format_eur(outcome.raised_cents)
        target = format_eur(outcome.target_cents)
        if outcome.reached:
            print(
                say(
                    f"{outcome.application_code}: obiettivo raggiunto ({raised} su {target}, chiusa il "
                    f"{closed}) → contributo assegnato {format_eur(outcome.grant_cents)}",
                    f"{outcome.application_code}: target reached ({raised} of {target}, closed on "
                    f"{closed}) → grant awarded {format_eur(outcome.grant_cents)}",
                )
            )
        else:
            print(
                say(
                    f"{outcome.application_code}: obiettivo non raggiunto ({raised} su {target}, "
                    f"chiusa il {closed}) → nessun contributo",
                    f"{outcome.application_code}: target not reached ({raised} of {target}, "
                    f"closed on {closed}) → no grant",
                )
            )
    earlier = sum(1 for row in overview.rows if row.outcome_recorded) - len(recorded)
    print(
        say(
            f"Esiti registrati ora: {len(recorded)}; già registrati in precedenza: {earlier}.",
            f"Outcomes recorded now: {len(recorded)}; recorded earlier: {earlier}.",
        )
    )
    for row in overview.rows:
        if row.outcome_recorded or row.metrics.phase != "closed":
            continue
        if not row.linked:
            print(
                say(
                    f"  {row.code} (campagna {row.external_id}): chiusa ma non collegata a una domanda: "
                    f"collegarla con 'commissione link CODICE {row.external_id}', poi ripetere.",
                    f"  {row.code} (campaign {row.external_id}): closed but not linked to an application: "
                    f"link it with 'commissione link CODE {row.external_id}', then run this again.",
                )
            )
        else:
            print(
                say(
                    f"  {row.code}: chiusa, ma i dati sono di prima della chiusura: sincronizzare "
                    "('commissione sync'), poi ripetere.",
                    f"  {row.code}: closed, but the data predates the closing: sync "
                    "('commissione sync'), then run this again.",
                )
            )
    return EXIT_OK
