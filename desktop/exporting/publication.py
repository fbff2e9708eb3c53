"""The grants register for publication (art. 26-27 d.lgs. 33/2013): CSV, XLSX, ODS.

One row per PublicationRow of the year, history included, in the order published
(desktop/services/publication.py decides what is recorded). The columns, Italian
headers, are `COLUMNS`; a row never carries an e-mail, a PEC, an address, a contact
person or a natural person's codice fiscale: it is written from the PublishedRow
alone, which holds none of them.

The audit log's anchor (COUNT:HASH of its head after the rows were recorded) ends
every file:

- CSV: the last column, "Registro di controllo all'esportazione", holds the anchor
  on every row, so the file's last cell is the anchor. A closing line (even after a
  blank one) would be read as one more grant by any program loading the table
  (pandas, a portal's validator, Excel's import), with an empty amount; a column
  keeps the table rectangular and every row a grant. The cost is repetition, and the
  header says it is the log's head when the file was written, not when the row was
  published. A file with no row carries only the header: the anchor is then not in
  the CSV (the command prints it).
- XLSX and ODS: a second sheet, "Riepilogo", with the anchor and how to verify it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain.audit import ANCHOR_MIN_HEX, Anchor
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import format_date_it
from desktop.domain.money import from_cents
from desktop.domain.problems import Problem
from desktop.exporting.spreadsheets import EURO_FORMAT, write_csv, write_ods, xlsx_workbook

FORMATS = ("csv", "xlsx", "ods")
COLUMNS = (
    "Riga",
    "Tipo di riga",
    "Sostituisce la riga",
    "Anno",
    "Codice domanda",
    "Beneficiario",
    "Codice fiscale / Partita IVA",
    "Importo (€)",
    "Norma o titolo a base dell'attribuzione",
    "Ufficio",
    "Responsabile del procedimento",
    "Modalità di individuazione del beneficiario",
    "Link al progetto",
    "Numero dell'atto",
    "Data dell'atto",
    "Codice COR (RNA)",
    "Data di pubblicazione",
    "Note",
)
CSV_ANCHOR_COLUMN = "Registro di controllo all'esportazione"
XLSX_WIDTHS = (7, 11, 11, 7, 14, 40, 18, 14, 50, 40, 28, 50, 30, 16, 12, 14, 14, 50)
ANCHOR_LABEL = "Registro di controllo"
DATE_FORMAT = "DD/MM/YYYY"


class PublicationExportProblem(Problem):
    """A publication file that cannot be written (an unknown format)."""


def format_of(path: Path | str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise PublicationExportProblem(
            f"{Path(path).name}: estensione non prevista; usare .csv, .xlsx o .ods",
            f"{Path(path).name}: unknown extension; use .csv, .xlsx or .ods",
        )
    return suffix


def _values(row, *, text: bool) -> list:
    """One row's cells: as text the Italian way (CSV), or typed (XLSX, ODS)."""
    amount = (
        _money(row.amount_cents) if text else from_cents(row.amount_cents)
    )  # Decimal: exact in a spreadsheet cell

    def day(value: dt.date | None):
        if value is None:
            return None
        return format_date_it(value) if text else value

    return [
        str(row.id) if text else row.id,
        row.change_label,
        None
        if row.supersedes_id is None
        else (str(row.supersedes_id) if text else row.supersedes_id),
        str(row.year) if text else row.year,
        row.application_code,
        row.beneficiary,
        row.tax_code,
        amount,
        row.legal_basis,
        row.office,
        row.official,
        row.selection_method,
        row.project_link,
        row.act_number,
        day(row.act_date),
        row.rna_cor,
        day(row.published_on),
        row.note,
    ]


def _money(cents: int) -> str:
    from desktop.domain import formatting

    return formatting.money(cents, symbol=False)


def _verify_text(anchor: Anchor) -> str:
    return (
        "Per accertare che il registro delle modifiche non sia stato alterato dopo questo "
        f"file: commissione audit verify --anchor {anchor.text(ANCHOR_MIN_HEX)} (esito 1 se "
        "il registro non contiene più questa voce in questa posizione)."
    )


def _summary(result, call: CallDefinition, exported_on: dt.date) -> list[tuple[str, object]]:
    counts = {
        change: sum(1 for r in result.rows if r.change == change)
        for change in ("new", "changed", "revoked")
    }
    return [
        ("Bando", call.title),
        ("Anno", result.year),
        (
            "Contenuto",
            "Contributi concessi nell'anno oltre 1.000,00 € per beneficiario "
            "(art. 26-27 d.lgs. 33/2013); ogni modifica o revoca aggiunge una riga che "
            "sostituisce la precedente, nessuna riga pubblicata viene riscritta.",
        ),
        ("Data dell'esportazione", exported_on),
        ("Righe", len(result.rows)),
        ("di cui nuove", counts["new"]),
        ("di cui modifiche", counts["changed"]),
        ("di cui revoche", counts["revoked"]),
        (ANCHOR_LABEL, result.anchor.text()),
        ("Verifica del registro", _verify_text(result.anchor)),
    ]


def export_publication(
    result, path: Path | str, call: CallDefinition, exported_on: dt.date | None = None
) -> Path:
    """Writes the year's rows (a PublicationResult) to `path`; the format is the
    extension (.csv, .xlsx, .ods). Whole or not at all."""
    path = Path(path)
    form = format_of(path)
    exported_on = exported_on or dt.date.today()
    if form == "csv":
        anchor = result.anchor.text()
        write_csv(
            path,
            (*COLUMNS, CSV_ANCHOR_COLUMN),
            ([*_values(row, text=True), anchor] for row in result.rows),
        )
    elif form == "xlsx":
        _write_xlsx(result, path, call, exported_on)
    else:
        summary = [[label, value] for label, value in _summary(result, call, exported_on)]
        write_ods(
            path,
            [
                ("Pubblicazione", COLUMNS, (_values(row, text=False) for row in result.rows)),
                ("Riepilogo", None, summary),
            ],
        )
    return path


def _write_xlsx(result, path: Path, call: CallDefinition, exported_on: dt.date) -> None:
    formats = {7: EURO_FORMAT, 14: DATE_FORMAT, 16: DATE_FORMAT}
    with xlsx_workbook(path) as book:
        sheet = book.sheet("Pubblicazione", widths=XLSX_WIDTHS, freeze="A2")
        sheet.header(COLUMNS)
        for row in result.rows:
            sheet.row(_values(row, text=False), formats=formats)
        sheet.filter()
        summary = book.sheet("Riepilogo", widths=(30, 100))
        for label, value in _summary(result, call, exported_on):
            summary.row(
                [label, value],
                bold=(0,),
                formats={1: DATE_FORMAT} if isinstance(value, dt.date) else None,
            )
