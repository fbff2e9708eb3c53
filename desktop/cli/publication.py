"""`commissione publication …`: the grants register (art. 26-27 d.lgs. 33/2013) and the
acts granting the contributions.

    commissione publication grant CODE [--cor COR] [--act-number N] [--act-date DD/MM/YYYY]
    commissione publication export --year YYYY --out FILE.csv|.xlsx|.ods [--call ID]
    commissione publication list --year YYYY [--format table|csv|json] [--call ID]

`export` first records what is published now (new, changed and revoked rows, audited)
and then writes the year's rows, history included; exit 2 for a bad year, an --out
that cannot be written or an unknown extension, with nothing recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from desktop.cli import common
from desktop.cli.exits import EXIT_OK

_ITALIAN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def declare(commands, say) -> None:
    publication = commands.add_parser(
        "publication",
        help=say(
            "pubblicazione dei contributi (art. 26-27 d.lgs. 33/2013) e atti di concessione",
            "publication of grants (art. 26-27 d.lgs. 33/2013) and the acts granting them",
        ),
    )
    actions = publication.add_subparsers(
        dest="publication_command", metavar=say("AZIONE", "ACTION"), required=True
    )

    grant = actions.add_parser(
        "grant",
        help=say(
            "registra l'atto di concessione di una domanda (numero, data, codice COR)",
            "record the act granting an application's contribution (number, date, COR code)",
        ),
    )
    grant.add_argument(
        "code", metavar=say("CODICE", "CODE"), help=say("codice domanda", "application code")
    )
    grant.add_argument(
        "--cor",
        metavar="COR",
        help=say(
            "codice COR del Registro nazionale degli aiuti (solo cifre; vuoto per toglierlo)",
            "the State-aid register's COR code (digits only; empty to clear it)",
        ),
    )
    grant.add_argument(
        "--act-number",
        metavar="N",
        help=say("numero dell'atto di concessione", "the granting act's number"),
    )
    grant.add_argument(
        "--act-date",
        metavar=say("GG/MM/AAAA", "DD/MM/YYYY"),
        help=say(
            "data dell'atto di concessione (vuoto per toglierla)",
            "the granting act's date, DD/MM/YYYY (empty to clear it)",
        ),
    )
    common.add_call(grant, say)

    export = actions.add_parser(
        "export",
        help=say(
            "registra ed esporta la pubblicazione di un anno (CSV, XLSX, ODS)",
            "record and export a year's publication (CSV, XLSX, ODS)",
        ),
    )
    _year(export, say)
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE.csv|.xlsx|.ods",
        help=say(
            "file da scrivere (il formato dall'estensione)",
            "file to write (format from its extension)",
        ),
    )
    common.add_call(export, say)

    listing = actions.add_parser(
        "list",
        help=say(
            "le righe già pubblicate di un anno (senza registrare nulla)",
            "a year's rows already published (records nothing)",
        ),
    )
    _year(listing, say)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(listing, say)
    publication.set_defaults(handler=run)


def _year(parser, say) -> None:
    parser.add_argument(
        "--year",
        required=True,
        metavar=say("AAAA", "YYYY"),
        help=say("anno solare delle concessioni", "calendar year of the grants"),
    )


def _parse_year(text: str) -> int:
    from desktop.services.publication import check_year

    if not re.fullmatch(r"\d{4}", text.strip()):
        raise common.CommandProblem(
            f"--year «{text}»: serve un anno di quattro cifre, per esempio 2025",
            f"--year “{text}”: give a four-digit year, for example 2025",
        )
    return check_year(int(text))


def parse_italian_date(text: str, option: str = "--act-date") -> dt.date | str:
    """DD/MM/YYYY as a date; "" (clear) as it is."""
    value = text.strip()
    if not value:
        return ""
    match = _ITALIAN_DATE.fullmatch(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise common.CommandProblem(
        f"{option} «{text}»: serve una data esistente nella forma GG/MM/AAAA, per esempio "
        "15/03/2025",
        f"{option} “{text}”: give an existing date as DD/MM/YYYY, for example 15/03/2025",
    )


def run(args, say) -> int:
    if args.publication_command == "grant":
        return _grant(args, say)
    if args.publication_command == "list":
        return _list(args, say)
    return _export(args, say)


def _grant(args, say) -> int:
    from desktop.domain import formatting
    from desktop.services.publication import set_grant_act

    act_date = None if args.act_date is None else parse_italian_date(args.act_date)
    call = common.find_call(args)
    with common.database(args) as database:
        act = set_grant_act(
            database,
            call,
            args.code,
            rna_cor=args.cor,
            act_number=args.act_number,
            act_date=act_date,
        )
    shown_date = formatting.date(act.act_date) if act.act_date else "—"
    print(
        say(
            f"Atto di concessione di {act.code}: numero {act.act_number or '—'} del "
            f"{shown_date}, COR {act.rna_cor or '—'} ({act.updated_by}).",
            f"Granting act of {act.code}: number {act.act_number or '—'} of {shown_date}, "
            f"COR {act.rna_cor or '—'} ({act.updated_by}).",
        )
    )
    return EXIT_OK


def _export(args, say) -> int:
    from desktop.exporting.publication import export_publication, format_of
    from desktop.services.publication import publish

    year = _parse_year(args.year)
    format_of(args.out)  # an unknown extension is refused before anything is recorded
    out = common.output_file(args.out)
    call = common.find_call(args)
    with common.database(args) as database:
        result = publish(database, call, year)
    with common.writing(out):
        path = export_publication(result, out, call)
    added = {
        change: sum(1 for r in result.added if r.change == change)
        for change in ("new", "changed", "revoked")
    }
    print(
        say(
            f"Pubblicazione {year} esportata in {path}: {len(result.rows)} righe "
            f"({added['new']} nuove, {added['changed']} modifiche, {added['revoked']} revoche "
            "registrate ora).",
            f"Publication {year} exported to {path}: {len(result.rows)} rows "
            f"({added['new']} new, {added['changed']} changed, {added['revoked']} revoked "
            "recorded now).",
        )
    )
    if result.below_threshold:
        print(
            say(
                f"{result.below_threshold} beneficiari con contributi fino a 1.000,00 € "
                "nell'anno: non pubblicati.",
                f"{result.below_threshold} beneficiaries granted 1,000.00 € or less in the "
                "year: not published.",
            )
        )
    for needed in result.tax_code_needed:
        why = {
            "personal": say(
                "c'è solo un codice fiscale di persona fisica, che non si pubblica",
                "only a natural person's codice fiscale is known, which is never published",
            ),
            "missing": say("manca il codice fiscale", "the tax code is missing"),
            "invalid": say("il codice fiscale non è valido", "the tax code is not valid"),
        }[needed.reason]
        print(
            say(
                f"Serve la partita IVA di {needed.beneficiary} ({needed.codes}): {why}; "
                "cella vuota.",
                f"The partita IVA of {needed.beneficiary} ({needed.codes}) is needed: {why}; "
                "cell left empty.",
            )
        )
    if result.without_act:
        codes = ", ".join(result.without_act)
        print(
            say(
                f"Senza atto di concessione registrato: {codes} (commissione publication "
                "grant CODICE --act-number N --act-date GG/MM/AAAA).",
                f"No granting act recorded: {codes} (commissione publication grant CODE "
                "--act-number N --act-date DD/MM/YYYY).",
            )
        )
    print(
        say(
            f"Registro di controllo: {result.anchor.text()} (commissione audit verify --anchor …).",
            f"Audit log anchor: {result.anchor.text()} (commissione audit verify --anchor …).",
        )
    )
    return EXIT_OK


def _list(args, say) -> int:
    from desktop.domain import formatting
    from desktop.exporting.publication import COLUMNS
    from desktop.services.publication import list_published

    year = _parse_year(args.year)
    call = common.find_call(args)
    with common.database(args) as database:
        rows = list_published(database, call, year)

    def cells(row) -> list:
        return [
            row.id,
            row.change_label,
            row.supersedes_id or "",
            row.year,
            row.application_code,
            row.beneficiary,
            row.tax_code,
            common.money(row.amount_cents),
            row.legal_basis,
            row.office,
            row.official,
            row.selection_method,
            row.project_link,
            row.act_number,
            formatting.date(row.act_date) if row.act_date else "",
            row.rna_cor,
            formatting.date(row.published_on),
            row.note,
        ]

    if args.format == "table":
        columns = (
            (say("Riga", "Row"), 5, True),
            (say("Tipo", "Kind"), 9),
            (say("Sost.", "Supers."), 6, True),
            (say("Domande", "Applications"), 18),
            (say("Beneficiario", "Beneficiary"), 36),
            ("CF / P.IVA", 11),
            (say("Importo", "Amount"), 12, True),
            (say("Atto", "Act"), 22),
            ("COR", 10),
            (say("Pubblicata", "Published"), 10),
        )
        common.print_table(
            columns,
            (
                [
                    r.id,
                    r.change_label,
                    r.supersedes_id or "",
                    r.application_code,
                    r.beneficiary,
                    r.tax_code,
                    common.money(r.amount_cents),
                    " ".join(
                        p
                        for p in (r.act_number, formatting.date(r.act_date) if r.act_date else "")
                        if p
                    ),
                    r.rna_cor,
                    formatting.date(r.published_on),
                ]
                for r in rows
            ),
        )
        if not rows:
            print(
                say(
                    f"Nessuna riga pubblicata per il {year}: commissione publication export "
                    f"--year {year} --out FILE.",
                    f"No row published for {year}: commissione publication export --year "
                    f"{year} --out FILE.",
                )
            )
    else:
        common.write_records(
            [dict(zip(COLUMNS, cells(row), strict=True)) for row in rows], args.format
        )
    return EXIT_OK
