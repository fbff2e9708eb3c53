"""Exports: the files the application writes for people to read, print or publish.

Building blocks, shared by every export (the ranking today, the letters and the
minutes next):

- `cells`: `neutralise`, the one rule for a spreadsheet cell (a formula-like text
  gets a leading apostrophe, a control character is written escaped);
- `spreadsheets`: the XLSX writer (openpyxl, write-only), the CSV writer
  (semicolons, UTF-8 with BOM) and a minimal ODS writer, all through `neutralise`;
- `pdf`: ReportLab paragraph styles, tables with repeated headers and right-aligned
  figures, the page frame (header, footer, "pagina x di y") and the embedded font
  (DejaVu Sans, shipped in resources/fonts/ with its licence);
- `files`: `replacing`, so an export appears whole or not at all.

Documents built on them:

- `ranking`: the ranking for publication (XLSX, CSV, PDF) and the per-application
  evaluation summary (PDF);
- `publication`: the grants register (art. 26-27 d.lgs. 33/2013) in CSV, XLSX and ODS;
- the import's rejected-rows report lives with the import (desktop/importing/report.py)
  and writes through `spreadsheets`.

Importing this package (or `cells`) is cheap: openpyxl and ReportLab are imported
only when a file is written, and the font is registered on the first PDF.
"""

from __future__ import annotations

from desktop.exporting.cells import FORMULA_STARTS, neutralise

__all__ = ["FORMULA_STARTS", "neutralise"]
