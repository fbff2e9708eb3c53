"""The rejected-rows report: an XLSX beside the summary, one line per problem.

Written through desktop.exporting.spreadsheets: a rejected value is whatever the file
held, so it is neutralised like every exported cell (a formula stays text, a control
character such as \\x01 is written escaped instead of making the report, and with it
the import, fail)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain import formatting
from desktop.exporting.spreadsheets import xlsx_workbook


def default_report_path(imported: Path) -> Path:
    """Beside the user's data, never inside the file's folder (it may be read-only)."""
    from desktop.paths import user_data_dir

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return user_data_dir() / "rapporti" / f"{imported.stem}-scarti-{stamp}.xlsx"


def write_report(result, path: Path) -> Path:
    lines = [
        ("File importato", result.file.name),
        ("Data", formatting.datetime_local(dt.datetime.now())),
        ("Righe lette", result.rows_read),
        ("Domande nuove", result.created),
        ("Domande aggiornate", result.updated),
        ("Domande invariate", result.unchanged),
        ("Righe scartate", result.rejected_rows),
        ("Colonne ignorate", ", ".join(result.ignored_columns) or "nessuna"),
    ]
    with xlsx_workbook(path) as book:
        summary = book.sheet("riepilogo", widths=(24, 60))
        for label, value in lines:
            summary.row([label, value], bold=(0,))
        rejected = book.sheet("scarti", widths=(14, 8, 26, 30, 70, 70), freeze="A2")
        rejected.header(["foglio", "riga", "colonna", "valore", "motivo", "reason"])
        for problem in sorted(result.problems, key=lambda p: (p.sheet, p.row)):
            rejected.row(
                [
                    problem.sheet,
                    problem.row or None,
                    problem.column,
                    problem.value,
                    problem.reason_it,
                    problem.reason_en,
                ]
            )
    return Path(path)
