"""The rejected-rows report: an XLSX beside the summary, one line per problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain import formatting
from desktop.exporting import neutralise


def default_report_path(imported: Path) -> Path:
    """Beside the user's data, never inside the file's folder (it may be read-only)."""
    from desktop.paths import user_data_dir

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return user_data_dir() / "rapporti" / f"{imported.stem}-scarti-{stamp}.xlsx"


def write_report(result, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "riepilogo"
    bold = Font(bold=True)
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
    for label, value in lines:
        summary.append([label, neutralise(value)])
        summary.cell(summary.max_row, 1).font = bold
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 60

    rejected = workbook.create_sheet("scarti")
    rejected.append(["foglio", "riga", "colonna", "valore", "motivo", "reason"])
    for cell in rejected[1]:
        cell.font = bold
    for problem in sorted(result.problems, key=lambda p: (p.sheet, p.row)):
        rejected.append(
            [
                neutralise(problem.sheet),
                problem.row or None,
                neutralise(problem.column),
                neutralise(problem.value),
                neutralise(problem.reason_it),
                neutralise(problem.reason_en),
            ]
        )
    for letter, width in zip("ABCDEF", (14, 8, 26, 30, 70, 70), strict=True):
        rejected.column_dimensions[letter].width = width
    rejected.freeze_panes = "A2"
    temporary = path.with_name(path.name + ".tmp")
    workbook.save(temporary)
    temporary.replace(path)
    return path
