"""The ranking for publication (XLSX, CSV, PDF) and the per-application evaluation
summary for the committee (PDF).

A published ranking carries only what publication needs: position, code, title, the
lead partner (an entity's name), Municipio, score, grant, status and the committee's
decision (its label: admitted / not admitted; the reasons go in the letters, not in
the ranking), with the act that approved the session's ranking
(CallDefinition.letters.ranking_acts; "not indicated yet" when the call file has none).
Never a contact person, an e-mail, a PEC or a tax code: the exports take a
RankingResult, which holds none of them. Never an application whose formal check is
still open ("da verificare"): it is not listed, and the documents say how many were
left out.

Built on the package's blocks: the spreadsheets go through
desktop.exporting.spreadsheets (texts are stored as given, so every cell is
neutralised: a title starting with "=" stays text), the PDFs through
desktop.exporting.pdf (DejaVu Sans embedded; a character the font lacks becomes "?").
Every file appears whole or not at all.

The audit log's anchor (COUNT:HASH of its head when the data was read, carried by
the RankingResult and the summary) is printed on every document, so the log can be
checked against it later with `commissione audit verify --anchor COUNT:HASH`: in the
PDFs on every page's footer (the hash cut to ANCHOR_MIN_HEX digits, which verify
accepts) and whole in the closing lines with the command; in the XLSX as a line of
the "Riepilogo" sheet. Not in the CSV: it is a table for programs, and any extra
line would be read as one more ranking row by whatever loads it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from desktop.domain import formatting, scoring
from desktop.domain.audit import ANCHOR_MIN_HEX, Anchor
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import format_date_it, format_datetime_it
from desktop.domain.money import format_eur, from_cents
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import (
    aggregation_label,
    application_outcome_label,
    ranking_status_label,
    role_label,
)
from desktop.exporting import pdf
from desktop.exporting.spreadsheets import EURO_FORMAT, SCORE_FORMAT, write_csv, xlsx_workbook

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
    "Decisione",
)
# The CSV is a table for programs: the act approving the ranking goes on every row.
CSV_ACT_COLUMN = "Atto di approvazione"
# Shorter headers for the PDF's narrow columns; position, Municipio, score and grant
# are figures (right-aligned). The widths fill landscape A4 within 12 mm margins
# (273 mm); DejaVu Sans is about 12 % wider than Helvetica, measured on these headers.
PDF_COLUMNS = (
    "Pos.",
    "Codice",
    "Titolo",
    "Capofila",
    "Mun.",
    "Punteggio",
    "Contributo",
    "Stato",
    "Decisione",
)
PDF_NUMERIC = (0, 4, 5, 6)
PDF_WIDTHS_MM = (12, 20, 80, 41, 13, 22, 23, 36, 26)
XLSX_WIDTHS = (10, 16, 50, 40, 10, 11, 16, 24, 14)
# The summary's criteria table on portrait A4 (178 mm): each header on one line
# ("Mediana" needs 18 mm in bold DejaVu Sans 8 pt), "Max dato" on two.
SUMMARY_CRITERIA_WIDTHS_MM = (60, 14, 14, 16, 19, 16, 18, 21)
BUDGET_SOURCES = {
    "given": "indicato per la simulazione",
    "session": "della sessione (dal bando)",
    "call_remaining": "del bando, meno i contributi ammessi nelle sessioni precedenti",
    "call": "del bando",
}


class ExportProblem(Problem):
    """An export that cannot be written; the message says why and what to do."""


ANCHOR_LABEL = "Registro di controllo"


def _anchor_footer(anchor: Anchor | None) -> str:
    """The page footer's line: short enough for a portrait page, enough to verify."""
    return "" if anchor is None else f"{ANCHOR_LABEL}: {anchor.text(ANCHOR_MIN_HEX)}"


def _anchor_verify(anchor: Anchor) -> str:
    return (
        "Per accertare che il registro delle modifiche non sia stato alterato dopo questo "
        f"documento: commissione audit verify --anchor {anchor.text(ANCHOR_MIN_HEX)} "
        f"(il numero e almeno le prime {ANCHOR_MIN_HEX} cifre dell'impronta, come nel piè "
        "di pagina): esito 1 se il registro non contiene più questa voce in questa posizione."
    )


def _anchor_closing(anchor: Anchor | None) -> list:
    """The closing lines: the whole anchor and how to verify it."""
    if anchor is None:
        return []
    return [
        pdf.spacer(3),
        pdf.paragraph(
            f"{ANCHOR_LABEL} (audit log) all'esportazione: {anchor.text()}. "
            + _anchor_verify(anchor),
            "note",
        ),
    ]


def published_entries(result) -> list:
    """The entries a published ranking lists: all but those still to check."""
    return [entry for entry in result.entries if entry.status != scoring.TO_CHECK]


def left_to_check(result) -> int:
    return sum(1 for entry in result.entries if entry.status == scoring.TO_CHECK)


NO_ACT = "non ancora indicato (da inserire in [letters.ranking_acts] del file del bando)"


def ranking_act(result, call: CallDefinition) -> str:
    """The act approving the ranking of the result's session (every session's act, by
    session, for the whole call); NO_ACT when the call file has none."""
    acts = call.letters.ranking_acts if call.letters is not None else {}
    if result.session_code is not None:
        return acts.get(result.session_code, "") or NO_ACT
    found = [f"sessione {code}: {acts[code]}" for code in acts if acts[code]]
    return "; ".join(found) or NO_ACT


def _to_check_note(result) -> str:
    count = left_to_check(result)
    if not count:
        return ""
    return (
        f"{count} domande con l'istruttoria di ammissibilità ancora aperta (da verificare) "
        "non sono elencate."
    )


def _decision(entry) -> str:
    return "" if entry.decision is None else entry.decision.label("it").capitalize()


def _title(result, call: CallDefinition) -> str:
    where = f" — {result.session_name}" if result.session_name else " — tutte le sessioni"
    return f"Graduatoria{where}"


def _row(entry) -> list:
    """One published row as text, Italian style (CSV and PDF)."""
    return [
        "" if entry.position is None else str(entry.position),
        entry.code,
        entry.title,
        entry.lead_partner,
        "" if entry.district is None else str(entry.district),
        scoring.format_score(entry.score),
        "" if entry.grant_cents is None else format_eur(entry.grant_cents, symbol=False),
        ranking_status_label(entry.status),
        _decision(entry),
    ]


def export_ranking(result, path: Path | str, format: str, call: CallDefinition) -> Path:
    """Writes the ranking to ``path`` (xlsx, csv or pdf). The file appears whole or not
    at all: it is written beside and renamed at the end. An unknown format raises
    ExportProblem; a folder that cannot be written raises OSError."""
    path = Path(path)
    if format not in FORMATS:
        raise ExportProblem(
            f"formato {format!r} non previsto: usare xlsx, csv o pdf",
            f"unknown format {format!r}: use xlsx, csv or pdf",
        )
    {"csv": _write_csv, "xlsx": _write_xlsx, "pdf": _write_pdf}[format](result, path, call)
    return path


# --------------------------------------------------------------------------- CSV


def _write_csv(result, path: Path, call: CallDefinition) -> None:
    act = ranking_act(result, call)
    write_csv(
        path,
        (*COLUMNS, CSV_ACT_COLUMN),
        ([*_row(entry), act] for entry in published_entries(result)),
    )


# --------------------------------------------------------------------------- XLSX


def _write_xlsx(result, path: Path, call: CallDefinition) -> None:
    money = {1: EURO_FORMAT}
    with xlsx_workbook(path) as book:
        sheet = book.sheet("Graduatoria", widths=XLSX_WIDTHS, freeze="A2")
        sheet.header(COLUMNS)
        for entry in published_entries(result):
            sheet.row(
                [
                    entry.position,
                    entry.code,
                    entry.title,
                    entry.lead_partner,
                    entry.district,
                    entry.score,
                    None if entry.grant_cents is None else from_cents(entry.grant_cents),
                    ranking_status_label(entry.status),
                    _decision(entry),
                ],
                formats={5: SCORE_FORMAT, 6: EURO_FORMAT},
                # The funding line, under the last fundable application.
                line_below=entry.position is not None and entry.position == result.funded_count,
            )
        sheet.filter()

        summary = book.sheet("Riepilogo", widths=(40, 60, 18))
        lines = [
            ("Bando", call.title),
            ("Graduatoria", _title(result, call)),
            ("Data", format_date_it(result.generated_at.date())),
            ("Atto di approvazione", ranking_act(result, call)),
            ("Budget (€)", from_cents(result.budget_cents)),
            ("Origine del budget", BUDGET_SOURCES.get(result.budget_source, result.budget_source)),
            ("Contributi finanziabili (€)", from_cents(result.funded_total_cents)),
            ("Residuo (€)", from_cents(result.left_cents)),
            ("Progetti finanziabili", result.funded_count),
            ("Punteggio minimo", result.minimum_total),
            (
                "Punteggio della domanda",
                aggregation_label(result.aggregation) + " dei totali dei valutatori",
            ),
        ]
        if left_to_check(result):
            lines.append(("Domande da verificare (non elencate)", left_to_check(result)))
        if result.audit_anchor is not None:
            lines += [
                (ANCHOR_LABEL, result.audit_anchor.text()),
                ("Verifica del registro", _anchor_verify(result.audit_anchor)),
            ]
        for label, value in lines:
            summary.row([label, value], bold=(0,), formats=money if label.endswith("(€)") else None)
        names = {o.number: o.name for o in call.objectives}
        groups = (
            (
                "Finanziabili per Municipio",
                [
                    ("senza Municipio" if g.key is None else f"Municipio {g.key}", g)
                    for g in result.by_district
                ],
            ),
            (
                "Finanziabili per obiettivo",
                [(f"{g.key}. {names.get(g.key, '')}", g) for g in result.by_objective],
            ),
        )
        for heading, rows in groups:
            summary.blank()
            summary.header([heading, "Progetti", "Contributi (€)"])
            for label, group in rows:
                summary.row(
                    [label, group.count, from_cents(group.grant_cents)], formats={2: EURO_FORMAT}
                )


# --------------------------------------------------------------------------- PDF


def _write_pdf(result, path: Path, call: CallDefinition) -> None:
    title = _title(result, call)
    story = [
        pdf.paragraph(call.title, "title"),
        pdf.paragraph(title, "heading"),
        pdf.paragraph(f"Atto di approvazione: {ranking_act(result, call)}", "subtitle"),
        pdf.paragraph(
            f"Data: {format_date_it(result.generated_at.date())} · Budget: "
            f"{format_eur(result.budget_cents)} ({BUDGET_SOURCES.get(result.budget_source, '')}) · "
            f"Contributi finanziabili: {format_eur(result.funded_total_cents)} "
            f"({result.funded_count} progetti) · Residuo: {format_eur(result.left_cents)}",
            "subtitle",
        ),
        pdf.paragraph(
            f"Punteggio minimo {scoring.format_score(result.minimum_total)}; punteggio della "
            f"domanda: {aggregation_label(result.aggregation)} dei "
            "totali dei valutatori. La linea rossa separa i progetti finanziabili dagli "
            "idonei non finanziati: la graduatoria si scorre in ordine, senza salti. "
            "La colonna «Decisione» riporta la decisione della commissione."
            + (f" {_to_check_note(result)}" if left_to_check(result) else ""),
            "note",
        ),
        pdf.spacer(4),
    ]
    lines = []
    if result.ranking.ranked:
        # Table row n (header is row 0) is position n: the rule goes under it; with
        # nothing fundable it goes under the header.
        lines.append(pdf.red_line_below(result.funded_count))
    story.append(
        pdf.table(
            PDF_COLUMNS,
            [_row(entry) for entry in published_entries(result)],
            PDF_WIDTHS_MM,
            numeric=PDF_NUMERIC,
            extra_style=lines,
        )
    )
    if result.by_district or result.by_objective:
        story.append(
            pdf.paragraph("Progetti finanziabili per Municipio e per obiettivo", "heading")
        )
        names = {o.number: o.name for o in call.objectives}
        rows = [
            [
                "senza Municipio" if g.key is None else f"Municipio {g.key}",
                str(g.count),
                format_eur(g.grant_cents),
            ]
            for g in result.by_district
        ]
        rows += [
            [f"Obiettivo {g.key}: {names.get(g.key, '')}", str(g.count), format_eur(g.grant_cents)]
            for g in result.by_objective
        ]
        story.append(
            pdf.table(
                ("Municipio / obiettivo", "Progetti", "Contributi"),
                rows,
                (120, 22, 32),
                numeric=(1, 2),
                header_band=False,
            )
        )
    story += _anchor_closing(result.audit_anchor)
    pdf.write_pdf(
        path,
        story,
        title=f"{call.title} — {title}",
        author=call.authority,
        landscape=True,
        margins_mm=(12, 12, 12, 14),
        header=(call.authority, call.title),
        footer=f"{call.title} — {title}",
        footer_note=_anchor_footer(result.audit_anchor),
    )


# --------------------------------------------------------------------------- summary


def export_evaluation_summary(summary, path: Path | str, call: CallDefinition) -> Path:
    """One application's evaluation for the committee (PDF): per-criterion statistics,
    every evaluator's scores and total, the motivations that may be quoted to the
    applicant and the comments. Private notes are not in the summary at all."""
    path = Path(path)
    score_text = scoring.format_score(summary.score) or "—"
    lines = [
        ("Titolo", summary.title),
        ("Capofila", summary.lead_partner),
        ("Municipio", "" if summary.district is None else str(summary.district)),
        ("Sessione", summary.session_code),
        ("Ammissibilità", application_outcome_label(summary.eligibility)),
        ("Contributo", "" if summary.grant_cents is None else format_eur(summary.grant_cents)),
        (
            "Punteggio",
            f"{score_text} ({aggregation_label(summary.aggregation)} "
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
        pdf.paragraph(f"Sintesi della valutazione — {summary.code}", "title"),
        pdf.paragraph(call.title, "subtitle"),
        pdf.spacer(3),
        pdf.table(
            None,
            [[pdf.paragraph(k, "cell_bold"), v] for k, v in lines],
            (38, 140),
            grid=False,
        ),
        pdf.paragraph("Punteggi per criterio", "heading"),
    ]

    def shown(value: Decimal | None) -> str:
        return scoring.format_score(value) or "—"

    figures = range(1, 8)
    rows = [
        [
            criterion.name + ("" if criterion.in_total else " (fuori dal totale)"),
            formatting.score(criterion.max),
            formatting.score(criterion.weight),
            shown(stats.mean),
            shown(stats.median),
            shown(stats.min),
            shown(stats.max),
            shown(stats.spread),
        ]
        for criterion, stats in summary.criteria
    ]
    story += [
        pdf.table(
            ("Criterio", "Max", "Peso", "Media", "Mediana", "Min", "Max dato", "Scarto"),
            rows,
            SUMMARY_CRITERIA_WIDTHS_MM,
            numeric=figures,
            header_band=False,
        ),
        pdf.paragraph("Totali dei valutatori", "heading"),
    ]

    criteria = [criterion for criterion, _stats in summary.criteria]
    header = ["Valutatore", *[f"C{i}" for i in range(1, len(criteria) + 1)], "Totale"]
    rows = [
        [
            f"{sheet.member} ({role_label(sheet.role)})",
            *[shown(sheet.scores.get(c.id)) for c in criteria],
            scoring.format_score(sheet.total),
        ]
        for sheet in summary.sheets
    ]
    if not summary.sheets:
        rows.append(["nessuna scheda inviata", *[""] * (len(criteria) + 1)])
    width = (178 - 60) / (len(criteria) + 1)
    story.append(
        pdf.table(
            header,
            rows,
            (60, *[width] * (len(criteria) + 1)),
            numeric=range(1, len(header)),
            header_band=False,
        )
    )
    legend = "; ".join(f"C{i}: {c.name}" for i, c in enumerate(criteria, start=1))
    story.append(pdf.paragraph(legend, "note"))

    story.append(
        pdf.paragraph("Motivazioni (citabili nella comunicazione al proponente)", "heading")
    )
    quoted = [s for s in summary.sheets if s.motivation.strip()]
    for sheet in quoted:
        story.append(pdf.paragraph(sheet.member, "cell_bold"))
        story.append(pdf.paragraph(f"«{sheet.motivation.strip()}»", "quote"))
    if not quoted:
        story.append(pdf.paragraph("Nessuna motivazione scritta.", "body"))

    names = {c.id: c.name for c in criteria}
    commented = [s for s in summary.sheets if s.comments]
    if commented:
        story.append(
            pdf.paragraph("Commenti per criterio (uso interno della commissione)", "heading")
        )
        for sheet in commented:
            story.append(pdf.paragraph(sheet.member, "cell_bold"))
            for criterion_id, comment in sheet.comments.items():
                story.append(
                    pdf.paragraph(f"{names.get(criterion_id, criterion_id)}: {comment}", "body")
                )
    story.append(pdf.spacer(4))
    story.append(
        pdf.paragraph(
            "Documento riservato alla commissione. Le note private dei valutatori non sono incluse.",
            "note",
        )
    )
    story += _anchor_closing(summary.audit_anchor)
    return pdf.write_pdf(
        path,
        story,
        title=f"Sintesi della valutazione — {summary.code}",
        author=call.authority,
        margins_mm=(16, 16, 14, 16),
        header=(call.authority, call.title),
        footer=f"{summary.code} — sintesi della valutazione — {dt.date.today().strftime('%d/%m/%Y')}",
        footer_note=_anchor_footer(summary.audit_anchor),
    )
