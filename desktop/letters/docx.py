"""A letter as a Word file (DOCX), for offices that finish letters in their protocol
system: docxtpl fills ``resources/letters/lettera.docx`` — a template the office may
restyle in Word with its own letterhead (see ``build_docx_template.py`` beside it) —
with the letter's data, and the body is built from the same `LetterText` as the PDF:
paragraphs, bullets (style *List Bullet*), quotations (*Quote*), the score table as a
real Word table (*Table Grid*), the signature block on the right.

docxtpl is imported inside the function (startup time).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from desktop.letters import templates as markup

TEMPLATE_NAME = "lettera.docx"
RESERVED_PROTOCOL = "Spazio riservato alla segnatura di protocollo"


@cache
def _template_bytes(path: str, stamp: tuple) -> bytes:
    return Path(path).read_bytes()


def _template(directory: Path | None) -> bytes:
    path = (directory or markup.letters_dir()) / TEMPLATE_NAME
    try:
        info = path.stat()
        return _template_bytes(str(path), (info.st_mtime_ns, info.st_size))
    except OSError as error:
        raise markup.LetterTemplateError(
            TEMPLATE_NAME,
            None,
            f"il modello Word non si può leggere: {error.strerror}",
            f"the Word template cannot be read: {error.strerror}",
        ) from None


def _contacts(ente: Mapping) -> str:
    parts = []
    if ente.get("telefono"):
        parts.append(f"tel. {ente['telefono']}")
    if ente.get("email"):
        parts.append(str(ente["email"]))
    if ente.get("pec"):
        parts.append(f"PEC {ente['pec']}")
    if ente.get("sito"):
        parts.append(str(ente["sito"]))
    return " · ".join(parts)


BODY_MARK = "\u2063corpo\u2063"  # what {{ corpo }} renders to, then replaced by the body


def _body(document, mark, text: markup.LetterText) -> None:
    """The letter's blocks inserted before the `mark` paragraph, which then goes."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    def runs(paragraph, spans):
        for value, bold in spans:
            lines = value.split("\n")
            for index, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.bold = bold or None
                if index < len(lines) - 1:
                    run.add_break()

    for block in text.blocks:
        if block.kind == markup.CRITERIA:
            rows = [("Criterio", "Punteggio", "Massimo"), *block.rows, *block.totals]
            table = document.add_table(rows=len(rows), cols=3)
            mark._p.addprevious(table._tbl)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            bold_from = 1 + len(block.rows)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    paragraph = cell.paragraphs[0]
                    paragraph.paragraph_format.space_after = Pt(0)
                    if c:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    run = paragraph.add_run(value)
                    run.font.size = Pt(8.5)
                    run.bold = (r == 0 or r >= bold_from) or None
            for r in range(len(rows)):
                table.cell(r, 0).width = Cm(10.8)
                table.cell(r, 1).width = Cm(3)
                table.cell(r, 2).width = Cm(3)
            mark.insert_paragraph_before()
        elif block.kind == markup.SIGNATURE_BLOCK:
            for index, line in enumerate(block.lines):
                paragraph = mark.insert_paragraph_before()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.left_indent = Cm(8)
                paragraph.paragraph_format.space_after = Pt(0)
                if index == 0:
                    paragraph.paragraph_format.space_before = Pt(8)
                run = paragraph.add_run(line)
                if index == len(block.lines) - 1 and len(block.lines) > 2:
                    run.font.size = Pt(7.5)
        elif block.kind == markup.HEADING:
            runs(mark.insert_paragraph_before(style="Heading 2"), block.spans)
        elif block.kind == markup.BULLET:
            runs(mark.insert_paragraph_before(style="List Bullet"), block.spans)
        elif block.kind == markup.QUOTE:
            runs(mark.insert_paragraph_before(style="Quote"), block.spans)
        else:
            paragraph = mark.insert_paragraph_before()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            runs(paragraph, block.spans)


def render_docx(
    text: markup.LetterText,
    data: Mapping,
    office=None,
    *,
    directory: Path | None = None,
) -> bytes:
    """The letter as a DOCX file (bytes), from ``lettera.docx`` in `directory`
    (default ``resources/letters/``)."""
    from docxtpl import DocxTemplate, InlineImage

    template = DocxTemplate(io.BytesIO(_template(directory)))
    protocol = data.get("protocollo") or {}
    if protocol.get("numero"):
        segnatura = f"Protocollo n. {protocol['numero']}"
        if protocol.get("data"):
            segnatura += f" del {protocol['data']}"
    else:
        segnatura = RESERVED_PROTOCOL
    logo = ""
    if office is not None and getattr(office, "logo", None):
        from docx.shared import Mm

        logo = InlineImage(template, str(office.logo), height=Mm(16))
    context = {name: data.get(name, {}) for name in (*markup.rules.SCHEMA, *markup.rules.LISTS)}
    context.update(
        oggetto=text.subject,
        segnatura=segnatura,
        contatti=_contacts(data.get("ente") or {}),
        logo=logo,
        corpo=BODY_MARK,
    )
    template.render(context, autoescape=True)
    marks = [p for p in template.docx.paragraphs if p.text.strip() == BODY_MARK]
    if len(marks) != 1:
        raise markup.LetterTemplateError(
            TEMPLATE_NAME,
            None,
            "il modello Word deve avere {{ corpo }} da solo in un paragrafo, una volta",
            "the Word template needs {{ corpo }} alone in one paragraph, once",
        )
    _body(template.docx, marks[0], text)
    marks[0]._p.getparent().remove(marks[0]._p)
    properties = template.docx.core_properties
    properties.title = text.subject
    properties.author = str((data.get("ente") or {}).get("nome", ""))
    properties.subject = str((data.get("lettera") or {}).get("tipo", ""))
    properties.language = "it-IT"
    moment = _moment(data)
    properties.created = properties.modified = moment
    properties.last_modified_by = "Commissione"
    properties.revision = 1
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _moment(data: Mapping) -> dt.datetime:
    text = str((data.get("lettera") or {}).get("data", "")).strip()
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").replace(hour=12)
    except ValueError:
        return dt.datetime.now().replace(microsecond=0)
