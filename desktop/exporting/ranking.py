"""The ranking for publication (XLSX, CSV, PDF) and the per-application evaluation
summary for the committee (PDF).

A published ranking carries only what publication needs: position, code, title, the
lead partner (an entity's name), Municipio, score, grant and status. Never a contact
person, an e-mail, a PEC or a tax code: the exports take a RankingResult, which holds
none of them.

Texts are stored as given, so every spreadsheet cell passes through
desktop.exporting.neutralise (a title starting with "=" stays text). PDFs use
ReportLab's base fonts (Helvetica, WinAnsi: à è é ì ò ù, « », € are covered);
characters outside that set are replaced with "?" rather than drawn as boxes.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.domain import scoring
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import format_date_it, format_datetime_it
from desktop.domain.money import format_eur, from_cents
from desktop.exporting import neutralise

FORMATS = ("xlsx", "csv", "pdf")
COLUMNS = (
    "Posizione",
    "Codice domanda",
    "Titolo",
    "Capofila",
    "Municipio",
    "Punteggio",
    "Contributo (€)",
    "Stato",
)
# Shorter headers for the PDF's narrow columns.
PDF_COLUMNS = ("Pos.", "Codice", "Titolo", "Capofila", "Mun.", "Punteggio", "Contributo", "Stato")
NUMERIC_PDF_COLUMNS = ("Pos.", "Mun.", "Punteggio", "Contributo")
ROLE_LABELS = {"chair": "presidente", "member": "componente", "secretary": "segretario"}
ELIGIBILITY_LABELS = {"pass": "ammissibile", "fail": "non ammissibile", "check": "da verificare"}
AGGREGATION_LABELS = {"mean": "media", "median": "mediana"}
BUDGET_SOURCES = {
    "given": "indicato per la simulazione",
    "session": "della sessione (dal bando)",
    "call_remaining": "del bando, meno i contributi ammessi nelle sessioni precedenti",
    "call": "del bando",
}


class ExportProblem(ValueError):
    """An export that cannot be written; the message says why, in Italian and English."""


def _figure(value: Decimal) -> str:
    """A grid figure as written in the call: 20, 0,5."""
    return f"{value.normalize():f}".replace(".", ",")


def status_label(status: str) -> str:
    return scoring.STATUS_LABELS[status][0]


def _title(result, call: CallDefinition) -> str:
    where = f" — {result.session_name}" if result.session_name else " — tutte le sessioni"
    return f"Graduatoria{where}"


def _row(entry) -> list:
    """One published row as text, Italian style (CSV)."""
    return [
        "" if entry.position is None else str(entry.position),
        entry.code,
        entry.title,
        entry.lead_partner,
        "" if entry.district is None else str(entry.district),
        scoring.format_score(entry.score),
        "" if entry.grant_cents is None else format_eur(entry.grant_cents, symbol=False),
        status_label(entry.status),
    ]


def export_ranking(result, path: Path | str, format: str, call: CallDefinition) -> Path:
    """Writes the ranking to ``path`` (xlsx, csv or pdf). The file appears whole or not
    at all: it is written beside and renamed at the end."""
    path = Path(path)
    if format not in FORMATS:
        raise ExportProblem(
            f"formato {format!r} non previsto: usare xlsx, csv o pdf / "
            f"unknown format {format!r}: use xlsx, csv or pdf"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    try:
        {"csv": _write_csv, "xlsx": _write_xlsx, "pdf": _write_pdf}[format](result, temporary, call)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


# --------------------------------------------------------------------------- CSV


def _write_csv(result, path: Path, call: CallDefinition) -> None:
    # Semicolons, UTF-8 with BOM: Italian Excel opens it as it is.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for entry in result.entries:
            writer.writerow([neutralise(value) for value in _row(entry)])


# --------------------------------------------------------------------------- XLSX


def _write_xlsx(result, path: Path, call: CallDefinition) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    euro = '#,##0.00 "€"'
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Graduatoria"
    bold = Font(bold=True)
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = bold
    line = Side(style="medium", color="C00000")
    for entry in result.entries:
        sheet.append(
            [
                entry.position,
                neutralise(entry.code),
                neutralise(entry.title),
                neutralise(entry.lead_partner),
                entry.district,
                entry.score,
                None if entry.grant_cents is None else from_cents(entry.grant_cents),
                status_label(entry.status),
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 6).number_format = "0.00"
        sheet.cell(row, 7).number_format = euro
        if entry.position is not None and entry.position == result.funded_count:
            # The funding line, under the last fundable application.
            for column in range(1, len(COLUMNS) + 1):
                sheet.cell(row, column).border = Border(bottom=line)
    for letter, width in zip("ABCDEFGH", (10, 16, 50, 40, 10, 11, 16, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(1, sheet.max_row)}"

    summary = workbook.create_sheet("Riepilogo")
    lines = [
        ("Bando", call.title),
        ("Graduatoria", _title(result, call)),
        ("Data", format_date_it(result.generated_at.date())),
        ("Budget (€)", from_cents(result.budget_cents)),
        ("Origine del budget", BUDGET_SOURCES.get(result.budget_source, result.budget_source)),
        ("Contributi finanziabili (€)", from_cents(result.funded_total_cents)),
        ("Residuo (€)", from_cents(result.left_cents)),
        ("Progetti finanziabili", result.funded_count),
        ("Punteggio minimo", result.minimum_total),
        (
            "Punteggio della domanda",
            AGGREGATION_LABELS.get(result.aggregation, result.aggregation)
            + " dei totali dei valutatori",
        ),
    ]
    for label, value in lines:
        summary.append([label, neutralise(value)])
        summary.cell(summary.max_row, 1).font = bold
        if label.endswith("(€)"):
            summary.cell(summary.max_row, 2).number_format = euro
    summary.append([])
    summary.append(["Finanziabili per Municipio", "Progetti", "Contributi (€)"])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for group in result.by_district:
        summary.append(
            [
                "senza Municipio" if group.key is None else f"Municipio {group.key}",
                group.count,
                from_cents(group.grant_cents),
            ]
        )
        summary.cell(summary.max_row, 3).number_format = euro
    summary.append([])
    summary.append(["Finanziabili per obiettivo", "Progetti", "Contributi (€)"])
    for cell in summary[summary.max_row]:
        cell.font = bold
    names = {o.number: o.name for o in call.objectives}
    for group in result.by_objective:
        summary.append(
            [
                neutralise(f"{group.key}. {names.get(group.key, '')}"),
                group.count,
                from_cents(group.grant_cents),
            ]
        )
        summary.cell(summary.max_row, 3).number_format = euro
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 60
    summary.column_dimensions["C"].width = 18
    workbook.save(path)


# --------------------------------------------------------------------------- PDF


def _winansi(text: object) -> str:
    """Characters the base fonts cannot draw (outside WinAnsi) become "?"."""
    value = "" if text is None else str(text)
    return value.encode("cp1252", errors="replace").decode("cp1252")


def _pdf_text(text: object) -> str:
    """Text for a ReportLab paragraph: WinAnsi only, markup characters escaped."""
    return escape(_winansi(text))


def _numbered_canvas(footer_left: str):
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Holds every page until the end, so each can say "pagina x di y"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width, _height = self._pagesize
                self.setFont("Helvetica", 8)
                self.setFillGray(0.35)
                self.drawString(36, 20, _winansi(footer_left))
                self.drawRightString(width - 36, 20, f"pagina {number} di {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "title",
            parent=base["Title"],
            fontName="Helvetica-Bold",
            fontSize=15,
            leading=19,
            alignment=0,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base["Normal"],
            fontName="Helvetica",
            fontSize=10,
            leading=13,
            spaceAfter=2,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base["Heading2"],
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle(
            "cell", parent=base["Normal"], fontName="Helvetica", fontSize=8, leading=10
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base["Normal"], fontName="Helvetica-Bold", fontSize=8, leading=10
        ),
        "cell_bold_right": ParagraphStyle(
            "cell_bold_right",
            parent=base["Normal"],
            fontName="Helvetica-Bold",
            fontSize=8,
            leading=10,
            alignment=2,
        ),
        "body": ParagraphStyle(
            "body", parent=base["Normal"], fontName="Helvetica", fontSize=9, leading=12
        ),
        "quote": ParagraphStyle(
            "quote",
            parent=base["Normal"],
            fontName="Helvetica-Oblique",
            fontSize=9,
            leading=12,
            leftIndent=14,
            spaceAfter=6,
        ),
        "note": ParagraphStyle(
            "note",
            parent=base["Normal"],
            fontName="Helvetica",
            fontSize=8,
            leading=10,
            textColor="#555555",
        ),
    }


def _write_pdf(result, path: Path, call: CallDefinition) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = _styles()
    title = _title(result, call)
    story = [
        Paragraph(_pdf_text(call.title), styles["title"]),
        Paragraph(_pdf_text(title), styles["heading"]),
        Paragraph(
            _pdf_text(
                f"Data: {format_date_it(result.generated_at.date())} · Budget: "
                f"{format_eur(result.budget_cents)} ({BUDGET_SOURCES.get(result.budget_source, '')}) · "
                f"Contributi finanziabili: {format_eur(result.funded_total_cents)} "
                f"({result.funded_count} progetti) · Residuo: {format_eur(result.left_cents)}"
            ),
            styles["subtitle"],
        ),
        Paragraph(
            _pdf_text(
                f"Punteggio minimo {scoring.format_score(result.minimum_total)}; punteggio della "
                f"domanda: {AGGREGATION_LABELS.get(result.aggregation, result.aggregation)} dei "
                "totali dei valutatori. La linea rossa separa i progetti finanziabili dagli "
                "idonei non finanziati: la graduatoria si scorre in ordine, senza salti."
            ),
            styles["note"],
        ),
        Spacer(1, 4 * mm),
    ]
    cell, bold = styles["cell"], styles["cell_bold"]
    right = styles["cell_bold_right"]
    data = [
        [Paragraph(_pdf_text(c), right if c in NUMERIC_PDF_COLUMNS else bold) for c in PDF_COLUMNS]
    ]
    for entry in result.entries:
        position, code, title_, lead, district, score, grant, status = _row(entry)
        data.append(
            [
                position,
                _winansi(code),
                Paragraph(_pdf_text(title_), cell),
                Paragraph(_pdf_text(lead), cell),
                district,
                score,
                grant,
                Paragraph(_pdf_text(status), cell),
            ]
        )
    widths = [16 * mm, 26 * mm, 82 * mm, 62 * mm, 18 * mm, 20 * mm, 26 * mm, 34 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("ALIGN", (4, 0), (6, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
    ]
    ranked = len(result.ranking.ranked)
    if ranked:
        if result.funded_count:
            # Table row n (header is row 0) is position n: the rule goes under it.
            style.append(
                (
                    "LINEBELOW",
                    (0, result.funded_count),
                    (-1, result.funded_count),
                    2,
                    colors.HexColor("#C00000"),
                )
            )
        else:
            style.append(("LINEBELOW", (0, 0), (-1, 0), 2, colors.HexColor("#C00000")))
    table.setStyle(TableStyle(style))
    story.append(table)
    if result.by_district or result.by_objective:
        story.append(
            Paragraph("Progetti finanziabili per Municipio e per obiettivo", styles["heading"])
        )
        names = {o.number: o.name for o in call.objectives}
        rows = [[Paragraph(x, bold) for x in ("Municipio / obiettivo", "Progetti", "Contributi")]]
        for group in result.by_district:
            label = "senza Municipio" if group.key is None else f"Municipio {group.key}"
            rows.append(
                [Paragraph(_pdf_text(label), cell), str(group.count), format_eur(group.grant_cents)]
            )
        for group in result.by_objective:
            label = f"Obiettivo {group.key}: {names.get(group.key, '')}"
            rows.append(
                [Paragraph(_pdf_text(label), cell), str(group.count), format_eur(group.grant_cents)]
            )
        summary = Table(rows, colWidths=[120 * mm, 22 * mm, 32 * mm], repeatRows=1)
        summary.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
                    ("ALIGN", (1, 0), (2, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
                ]
            )
        )
        story.append(summary)
    document = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{call.title} — {title}",
        author=call.authority,
    )
    document.build(story, canvasmaker=_numbered_canvas(f"{call.title} — {title}"))


# --------------------------------------------------------------------------- summary


def export_evaluation_summary(summary, path: Path | str, call: CallDefinition) -> Path:
    """One application's evaluation for the committee (PDF): per-criterion statistics,
    every evaluator's scores and total, the motivations that may be quoted to the
    applicant and the comments. Private notes are not in the summary at all."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    styles = _styles()
    cell, bold = styles["cell"], styles["cell_bold"]
    score_text = scoring.format_score(summary.score) or "—"
    lines = [
        ("Titolo", summary.title),
        ("Capofila", summary.lead_partner),
        ("Municipio", "" if summary.district is None else str(summary.district)),
        ("Sessione", summary.session_code),
        ("Ammissibilità", ELIGIBILITY_LABELS.get(summary.eligibility, summary.eligibility)),
        ("Contributo", "" if summary.grant_cents is None else format_eur(summary.grant_cents)),
        (
            "Punteggio",
            f"{score_text} ({AGGREGATION_LABELS.get(summary.aggregation, summary.aggregation)} "
            f"dei totali; minimo {scoring.format_score(summary.minimum_total)})",
        ),
        (
            "Valutazioni",
            f"{len(summary.sheets)} di {summary.expected_evaluators} attese"
            + ("" if summary.complete else " — valutazione incompleta"),
        ),
        (
            "Scarto tra i totali",
            (scoring.format_score(summary.spread) or "—")
            + (" — oltre il limite: da discutere" if summary.disagreement else ""),
        ),
    ]
    if summary.excluded_for_conflict:
        lines.append(
            (
                "Escluse",
                f"{summary.excluded_for_conflict} schede di valutatori in conflitto di interessi",
            )
        )
    if summary.decision is not None:
        decision = summary.decision
        lines.append(
            (
                "Decisione",
                f"{decision.label('it')} il {format_datetime_it(decision.decided_at)} "
                f"({decision.decided_by}): {decision.reasons}",
            )
        )
    story = [
        Paragraph(_pdf_text(f"Sintesi della valutazione — {summary.code}"), styles["title"]),
        Paragraph(_pdf_text(call.title), styles["subtitle"]),
        Spacer(1, 3 * mm),
    ]
    facts = Table(
        [[Paragraph(_pdf_text(k), bold), Paragraph(_pdf_text(v), cell)] for k, v in lines],
        colWidths=[38 * mm, 140 * mm],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [facts, Paragraph("Punteggi per criterio", styles["heading"])]

    def shown(value: Decimal | None) -> str:
        return scoring.format_score(value) or "—"

    right = styles["cell_bold_right"]
    headers = ("Criterio", "Max", "Peso", "Media", "Mediana", "Min", "Max dato", "Scarto")
    rows = [[Paragraph(x, bold if x == "Criterio" else right) for x in headers]]
    for criterion, stats in summary.criteria:
        name = criterion.name + ("" if criterion.in_total else " (fuori dal totale)")
        rows.append(
            [
                Paragraph(_pdf_text(name), cell),
                _figure(criterion.max),
                _figure(criterion.weight),
                shown(stats.mean),
                shown(stats.median),
                shown(stats.min),
                shown(stats.max),
                shown(stats.spread),
            ]
        )
    grid_style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
    ]
    table = Table(rows, colWidths=[66 * mm] + [16 * mm] * 7, repeatRows=1)
    table.setStyle(TableStyle(grid_style))
    story += [table, Paragraph("Totali dei valutatori", styles["heading"])]

    criteria = [criterion for criterion, _stats in summary.criteria]
    header = ["Valutatore", *[f"C{i}" for i in range(1, len(criteria) + 1)], "Totale"]
    right = styles["cell_bold_right"]
    rows = [[Paragraph(_pdf_text(x), bold if x == "Valutatore" else right) for x in header]]
    for sheet in summary.sheets:
        rows.append(
            [
                Paragraph(
                    _pdf_text(f"{sheet.member} ({ROLE_LABELS.get(sheet.role, sheet.role)})"), cell
                ),
                *[shown(sheet.scores.get(c.id)) for c in criteria],
                scoring.format_score(sheet.total),
            ]
        )
    if not summary.sheets:
        rows.append([Paragraph("nessuna scheda inviata", cell), *[""] * (len(criteria) + 1)])
    width = (178 - 60) / (len(criteria) + 1)
    table = Table(rows, colWidths=[60 * mm] + [width * mm] * (len(criteria) + 1), repeatRows=1)
    table.setStyle(TableStyle(grid_style))
    story.append(table)
    legend = "; ".join(f"C{i}: {c.name}" for i, c in enumerate(criteria, start=1))
    story.append(Paragraph(_pdf_text(legend), styles["note"]))

    story.append(
        Paragraph("Motivazioni (citabili nella comunicazione al proponente)", styles["heading"])
    )
    quoted = [s for s in summary.sheets if s.motivation.strip()]
    for sheet in quoted:
        story.append(Paragraph(_pdf_text(sheet.member), bold))
        story.append(Paragraph(_pdf_text(f"«{sheet.motivation.strip()}»"), styles["quote"]))
    if not quoted:
        story.append(Paragraph("Nessuna motivazione scritta.", styles["body"]))

    names = {c.id: c.name for c in criteria}
    commented = [s for s in summary.sheets if s.comments]
    if commented:
        story.append(
            Paragraph("Commenti per criterio (uso interno della commissione)", styles["heading"])
        )
        for sheet in commented:
            story.append(Paragraph(_pdf_text(sheet.member), bold))
            for criterion_id, comment in sheet.comments.items():
                story.append(
                    Paragraph(
                        _pdf_text(f"{names.get(criterion_id, criterion_id)}: {comment}"),
                        styles["body"],
                    )
                )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "Documento riservato alla commissione. Le note private dei valutatori non sono incluse.",
            styles["note"],
        )
    )
    temporary = path.with_name(path.name + ".tmp")
    try:
        document = SimpleDocTemplate(
            str(temporary),
            pagesize=A4,
            leftMargin=16 * mm,
            rightMargin=16 * mm,
            topMargin=14 * mm,
            bottomMargin=16 * mm,
            title=f"Sintesi della valutazione — {summary.code}",
            author=call.authority,
        )
        document.build(
            story,
            canvasmaker=_numbered_canvas(
                f"{summary.code} — sintesi della valutazione — {dt.date.today().strftime('%d/%m/%Y')}"
            ),
        )
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
