"""The minutes (verbale) of a committee sitting, in Italian, as PDF/A-2b and DOCX.

Built from `desktop.services.meeting.minutes_data` (every figure read from the
database): the heading (city, committee, call, session, sitting number, date,
place, opening and closing times); attendance with roles and the quorum statement;
the declarations and, item by item, who left and came back (with times); the
criteria with weights and maxima, the threshold and how scores combine; for each
item discussed the scores per criterion and total, the secretary's summary, the
decision, its reasons and the vote; the resulting ranking with the funding line and
the budget; "Letto, approvato e sottoscritto" with the signature lines; "pagina X di
Y" on every page; at the end the audit log's head (COUNT:HASH). A sitting still open
gives a draft marked BOZZA on every page.

Both files come from one list of blocks, so they say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import formatting, vocabulary
from desktop.domain.audit import ANCHOR_MIN_HEX
from desktop.domain.problems import Problem

DRAFT = "BOZZA — verbale non ancora chiuso"
COMMITTEE = "Commissione tecnica di valutazione"
OUTCOMES = {"admitted": "ammessa", "not_admitted": "non ammessa", "deferred": "rinviata"}
ACTIONS = {"left": "esce", "returned": "rientra"}


class MinutesProblem(Problem):
    """Minutes that cannot be written (an unknown format)."""


@dataclass(frozen=True)
class Block:
    kind: str  # title / subtitle / heading / para / note / table / signatures
    text: str = ""
    header: tuple = ()
    rows: tuple = ()
    widths: tuple = ()
    numeric: tuple = ()
    line_after: int | None = None  # table: the funding line under this row (1-based)


def _time(moment: dt.datetime | None) -> str:
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes} min {rest:02d} s"


def _score(value) -> str:
    return formatting.score(value, 2) if value is not None else "—"


def _quorum_text(data) -> str:
    needed = data.voting_members if data.quorum == "all" else int(data.quorum)
    rule = (
        "tutti i componenti (collegio perfetto)"
        if data.quorum == "all"
        else f"almeno {needed} componenti"
    )
    ok = data.voting_present >= needed
    return (
        f"Sono presenti {data.voting_present} componenti con diritto di voto su "
        f"{data.voting_members}; per le decisioni valutative il bando richiede {rule}: "
        + ("la seduta è validamente costituita." if ok else "il numero legale NON è raggiunto.")
        + " Il componente che esce per conflitto di interessi non fa venir meno il quorum: "
        "decidono gli altri, e il verbale ne dà conto."
    )


def blocks(data) -> list[Block]:
    """The minutes as a list of blocks (see the module's text)."""
    call, sitting, ranking = data.call, data.sitting, data.ranking
    out: list[Block] = []
    add = out.append
    final = sitting.state == "closed"
    add(Block("title", f"Verbale della seduta n. {sitting.number} della {COMMITTEE}"))
    add(Block("subtitle", f"{call.authority} — {call.city}"))
    add(Block("subtitle", call.title))
    if not final:
        add(Block("heading", DRAFT))
    add(
        Block(
            "table",
            rows=(
                ("Ente", f"{call.authority} ({call.city})"),
                ("Organo", COMMITTEE),
                ("Bando", call.title),
                ("Sessione", f"{data.session_name} (sessione {sitting.session_code})"),
                ("Seduta", f"n. {sitting.number}"),
                ("Data", formatting.date(sitting.date)),
                ("Luogo", sitting.place or "non indicato"),
                ("Apertura", _time(sitting.opened_at)),
                ("Chiusura", _time(sitting.closed_at) if sitting.closed_at else "seduta aperta"),
            ),
            widths=(40, 135),
        )
    )

    add(Block("heading", "1. Presenze e costituzione della seduta"))
    add(
        Block(
            "table",
            header=("Componente", "Ruolo", "Presenza"),
            rows=tuple(
                (a.member, vocabulary.role_label(a.role), "presente" if a.present else "assente")
                for a in sitting.attendance
            ),
            widths=(80, 50, 45),
        )
    )
    add(Block("para", _quorum_text(data)))
    secretary = next((a.member for a in sitting.attendance if a.role == "secretary"), "")
    chair = next((a.member for a in sitting.attendance if a.role == "chair"), "")
    if chair or secretary:
        add(
            Block(
                "para",
                (f"Presiede {chair}. " if chair else "")
                + (
                    f"Svolge le funzioni di segretario verbalizzante {secretary}."
                    if secretary
                    else ""
                ),
            )
        )

    add(Block("heading", "2. Dichiarazioni sul conflitto di interessi"))
    add(
        Block(
            "para",
            "Ai sensi dell'art. 6-bis della L. 241/1990 e dell'art. 35-bis del d.lgs. 165/2001 "
            "ciascun componente presente dichiara l'assenza di conflitti di interessi o i "
            "conflitti sulle domande indicate.",
        )
    )
    if sitting.declarations:
        add(
            Block(
                "table",
                header=("Ora", "Componente", "Dichiarazione"),
                rows=tuple(
                    (
                        _time(d.declared_at),
                        d.member,
                        "nessun conflitto di interessi"
                        if d.code is None
                        else f"conflitto di interessi sulla domanda {d.code}: {d.reason}",
                    )
                    for d in sitting.declarations
                ),
                widths=(18, 50, 107),
            )
        )
    else:
        add(Block("para", "Nessuna dichiarazione registrata."))

    add(Block("heading", "3. Criteri di valutazione"))
    add(
        Block(
            "table",
            header=("Criterio", "Peso", "Massimo"),
            rows=tuple(
                (c.name, formatting.score(c.weight), formatting.score(c.max))
                for c in call.grid.criteria
            ),
            widths=(125, 25, 25),
            numeric=(1, 2),
        )
    )
    add(
        Block(
            "para",
            f"Punteggio minimo per l'idoneità: {formatting.score(ranking.minimum_total)}. "
            "Il totale di ciascun valutatore è la somma dei punteggi per criterio moltiplicati "
            f"per il peso; il punteggio della domanda è la "
            f"{vocabulary.aggregation_label(ranking.aggregation)} dei totali dei valutatori "
            "(esclusi i valutatori in conflitto di interessi).",
        )
    )

    add(Block("heading", "4. Trattazione delle domande"))
    discussed = [i for i in data.items if i.started_at is not None or i.outcome]
    if not discussed:
        add(Block("para", "Nessuna domanda trattata."))
    for item in discussed:
        add(Block("heading", f"{item.position}. Domanda {item.code} — {item.title}"))
        where = (
            f"posizione {item.ranking_position}" if item.ranking_position else "non in graduatoria"
        )
        status = (
            vocabulary.ranking_status_label(item.ranking_status) if item.ranking_status else "—"
        )
        add(
            Block(
                "para",
                f"Capofila: {(item.lead_partner or '—').rstrip('.')}. Contributo richiesto: "
                f"{formatting.money(item.grant_cents) if item.grant_cents is not None else '—'}. "
                f"Proposta della graduatoria: {status} ({where}). Trattazione dalle "
                f"{_time(item.started_at)}"
                + (f" alle {_time(item.decided_at)}" if item.decided_at else "")
                + f", durata {_minutes(item.seconds_spent)}.",
            )
        )
        if item.movements:
            add(
                Block(
                    "table",
                    header=("Ora", "Componente", "Movimento", "Motivo"),
                    rows=tuple(
                        (_time(m.at), m.member, ACTIONS.get(m.action, m.action), m.reason)
                        for m in item.movements
                    ),
                    widths=(18, 55, 25, 77),
                )
            )
        rows = [
            (c.label, formatting.score(c.maximum), _score(c.mean), _score(c.low), _score(c.high))
            for c in item.criteria
        ]
        rows.append(("Totale", "", _score(item.total), "", ""))
        add(
            Block(
                "table",
                header=("Criterio", "Massimo", "Media", "Minimo", "Massimo dato"),
                rows=tuple(rows),
                widths=(85, 22, 22, 22, 24),
                numeric=(1, 2, 3, 4),
            )
        )
        add(Block("note", f"Valutatori considerati: {item.evaluators}."))
        add(Block("para", f"Sintesi della discussione: {item.notes or 'nessuna sintesi.'}"))
        if item.outcome:
            vote = (
                "all'unanimità dei presenti aventi diritto"
                if item.votes is None
                else f"con voti favorevoli {item.votes[0]}, contrari {item.votes[1]}, "
                f"astenuti {item.votes[2]}"
            )
            add(
                Block(
                    "para",
                    f"Decisione: domanda {OUTCOMES.get(item.outcome, item.outcome)}, {vote}"
                    + (" (decisione difforme dalla proposta, confermata)" if item.departure else "")
                    + f". Motivazioni: {item.reasons}",
                )
            )
        else:
            add(Block("para", "Decisione: nessuna in questa seduta."))
    left = [i for i in data.items if i.started_at is None and not i.outcome]
    if left:
        add(
            Block(
                "para",
                "Domande all'ordine del giorno non trattate: "
                + ", ".join(i.code for i in left)
                + ".",
            )
        )

    add(Block("heading", "5. Graduatoria risultante"))
    add(
        Block(
            "para",
            f"Budget della sessione: {formatting.money(ranking.budget_cents)}. Contributi "
            f"finanziabili secondo la graduatoria: {formatting.money(ranking.funded_total_cents)} "
            f"({ranking.funded_count} progetti), residuo {formatting.money(ranking.left_cents)}. "
            f"Contributi delle domande ammesse dalla commissione: "
            f"{formatting.money(data.admitted_total_cents)}. La linea di finanziamento è "
            "tracciata sotto l'ultima domanda finanziabile.",
        )
    )
    ranked = [e for e in ranking.entries if e.position is not None]
    add(
        Block(
            "table",
            header=(
                "N.",
                "Codice",
                "Titolo",
                "Punti",
                "Contributo",
                "Cumulato",
                "Stato",
                "Decisione",
            ),
            rows=tuple(
                (
                    str(e.position),
                    e.code,
                    e.title,
                    _score(e.score),
                    formatting.money(e.grant_cents) if e.grant_cents is not None else "",
                    formatting.money(e.cumulative_grant_cents)
                    if e.cumulative_grant_cents is not None
                    else "",
                    vocabulary.ranking_status_label(e.status),
                    e.decision.label() if e.decision else "",
                )
                for e in ranked
            ),
            widths=(9, 19, 39, 14, 24, 24, 24, 22),
            numeric=(0, 3, 4, 5),
            line_after=ranking.funded_count if ranked else None,
        )
    )
    others = [e for e in ranking.entries if e.position is None]
    if others:
        add(
            Block(
                "note",
                "Non in graduatoria: "
                + "; ".join(
                    f"{e.code} ({vocabulary.ranking_status_label(e.status)}"
                    + (f", {e.decision.label()}" if e.decision else "")
                    + ")"
                    for e in others
                )
                + ".",
            )
        )

    closing = (
        f"La seduta è chiusa alle ore {_time(sitting.closed_at)}."
        if sitting.closed_at
        else "La seduta è ancora aperta: questo verbale è una bozza."
    )
    add(Block("para", closing))
    add(Block("heading", "Letto, approvato e sottoscritto"))
    signers = [a for a in sitting.attendance if a.present]
    add(
        Block(
            "signatures",
            rows=tuple(
                (
                    {"chair": "Il Presidente", "secretary": "Il Segretario verbalizzante"}.get(
                        a.role, "Il Componente"
                    ),
                    a.member,
                )
                for a in sorted(signers, key=lambda a: {"chair": 0, "member": 1}.get(a.role, 2))
            ),
        )
    )
    anchor = data.anchor
    add(
        Block(
            "note",
            f"Registro di controllo (audit log) alla redazione del verbale: {anchor.text()}. "
            "Per accertare che il registro non sia stato alterato dopo: commissione audit "
            f"verify --anchor {anchor.text(ANCHOR_MIN_HEX)}.",
        )
    )
    return out


# --------------------------------------------------------------------------- PDF


def _pdf_bytes(data, items: list[Block]) -> bytes:
    import io

    from reportlab.platypus import KeepTogether

    from desktop.exporting import pdf
    from desktop.letters.pdf import make_pdfa

    story = []
    for block in items:
        if block.kind in ("title", "subtitle", "heading", "note"):
            story.append(pdf.paragraph(block.text, block.kind))
        elif block.kind == "para":
            story.append(pdf.paragraph(block.text, "body"))
            story.append(pdf.spacer(1.5))
        elif block.kind == "table":
            extra = []
            if block.line_after is not None:
                extra.append(pdf.red_line_below(block.line_after))
            story.append(
                pdf.table(
                    block.header or None,
                    block.rows,
                    block.widths,
                    numeric=block.numeric,
                    extra_style=extra,
                    header_band=bool(block.header),
                )
            )
            story.append(pdf.spacer(2))
        elif block.kind == "signatures":
            for role, name in block.rows:
                story.append(
                    KeepTogether(
                        [
                            pdf.spacer(6),
                            pdf.paragraph(f"{role}: {name}", "body"),
                            pdf.spacer(6),
                            pdf.paragraph("_" * 45, "body"),
                        ]
                    )
                )
    sitting, call = data.sitting, data.call
    draft = sitting.state != "closed"
    title = f"Verbale della seduta n. {sitting.number} — {call.title}"
    buffer = io.BytesIO()
    pdf.build_pdf(
        buffer,
        story,
        title=title,
        author=call.authority,
        margins_mm=(17, 17, 16, 16),
        header=(
            DRAFT if draft else call.authority,
            f"Seduta n. {sitting.number} del {formatting.date(sitting.date)}",
        ),
        footer=(DRAFT if draft else f"Verbale — sessione {sitting.session_code}"),
        footer_note=f"Registro di controllo: {data.anchor.text(ANCHOR_MIN_HEX)}",
    )
    return make_pdfa(buffer.getvalue(), title=title, author=call.authority, subject="Verbale")


# --------------------------------------------------------------------------- DOCX


def _docx(data, items: list[Block], path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9)
    draft = data.sitting.state != "closed"
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = (DRAFT + " — " if draft else "") + (
        f"Seduta n. {data.sitting.number} del {formatting.date(data.sitting.date)}"
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run((DRAFT + " — " if draft else "") + "pagina ")

    def field(paragraph, code: str) -> None:
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = code
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(instruction)
        run._r.append(end)

    field(footer, "PAGE")
    footer.add_run(" di ")
    field(footer, "NUMPAGES")

    for block in items:
        if block.kind == "title":
            document.add_heading(block.text, level=1)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind in ("subtitle", "para", "note"):
            paragraph = document.add_paragraph(block.text)
            if block.kind == "note":
                for run in paragraph.runs:
                    run.font.size = Pt(8)
        elif block.kind == "table":
            columns = len(block.header or block.rows[0]) if (block.header or block.rows) else 1
            table = document.add_table(rows=0, cols=columns)
            table.style = "Table Grid"
            if block.header:
                cells = table.add_row().cells
                for cell, value in zip(cells, block.header, strict=True):
                    cell.text = str(value)
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            for index, row in enumerate(block.rows, start=1):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = str(value)
                if block.line_after is not None and index == block.line_after:
                    last = table.add_row().cells
                    last[0].merge(last[-1]).text = "— linea di finanziamento —"
        elif block.kind == "signatures":
            for role, name in block.rows:
                document.add_paragraph(f"{role}: {name}")
                document.add_paragraph("_" * 45)
    document.core_properties.title = f"Verbale della seduta n. {data.sitting.number}"
    document.core_properties.author = data.call.authority
    document.core_properties.language = "it-IT"
    document.save(str(path))


# --------------------------------------------------------------------------- writing


def write_minutes_file(data, path: Path | str) -> Path:
    """Writes the minutes as PDF/A-2b (.pdf) or DOCX (.docx), whole or not at all."""
    from desktop.exporting.files import replacing

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise MinutesProblem(
            f"{path.name}: il verbale si scrive come .pdf o .docx",
            f"{path.name}: the minutes are written as .pdf or .docx",
        )
    items = blocks(data)
    with replacing(path) as temporary:
        if suffix == ".pdf":
            Path(temporary).write_bytes(_pdf_bytes(data, items))
        else:
            _docx(data, items, Path(temporary))
    return path


def write_minutes(database, call, sitting_id: int, path: Path | str) -> Path:
    """The minutes of sitting `sitting_id` (MEETING.md's name)."""
    from desktop.services.meeting import minutes_data

    return write_minutes_file(minutes_data(database, call, sitting_id), path)
