"""Builds ``lettera.docx``, the Word template of the letters (docxtpl), from scratch
with python-docx. Run it again after changing it:

    python resources/letters/build_docx_template.py

The office may instead restyle ``lettera.docx`` in Word (its own letterhead, fonts,
margins, the styles Normal, Heading 2, List Bullet, Quote, Table Grid) as long as each
``{{ … }}`` tag stays whole in one run (retype a tag in one go if Word splits it).
The tags: every name of the letters' data (``ente.nome``, ``destinatario.pec``, …), and

- ``oggetto``: the subject; ``segnatura``: the protocol number and date, or the
  reserved-area text; ``logo``: the office's logo, or nothing;
- ``{{ corpo }}``, alone in its paragraph: where the body of the letter goes
  (paragraphs, bullets, quotations, the score table, the signature), built from the
  same template text as the PDF; the paragraph is replaced by the body.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in its own runs."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    run._r.append(instruction)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def build(path: Path = HERE / "lettera.docx") -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.2), Cm(2)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.8)
    section.header_distance, section.footer_distance = Cm(0.8), Cm(0.7)

    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(4)
    document.core_properties.title = "Lettera"
    document.core_properties.author = "Commissione"

    # The letterhead in the page header: the office restyles it in Word.
    header = section.header
    first = header.paragraphs[0]
    first.add_run("{{ logo }}")
    name = header.add_paragraph()
    run = name.add_run("{{ ente.nome }}")
    run.bold, run.font.size = True, Pt(14)
    for key in ("direzione", "area"):
        line = header.add_paragraph()
        run = line.add_run("{{ ente." + key + " }}")
        run.font.size = Pt(8.5)
    office = header.add_paragraph()
    run = office.add_run("{{ ente.ufficio }}")
    run.bold, run.font.size = True, Pt(8.5)

    footer = section.footer
    line = footer.paragraphs[0]
    for text in ("{{ ente.nome }}", " · ", "{{ ente.ufficio }}", " · ", "{{ ente.indirizzo }}"):
        run = line.add_run(text)
        run.font.size, run.font.color.rgb = Pt(7.5), RGBColor(0x55, 0x55, 0x55)
    line = footer.add_paragraph()
    for text in ("{{ contatti }}",):
        run = line.add_run(text)
        run.font.size, run.font.color.rgb = Pt(7.5), RGBColor(0x55, 0x55, 0x55)
    pages = footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pages.add_run("pagina ")
    _field(pages, "PAGE")
    pages.add_run(" di ")
    _field(pages, "NUMPAGES")

    # The protocol box, top right.
    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.alignment = WD_TABLE_ALIGNMENT.RIGHT
    box.columns[0].width = Cm(6)
    cell = box.cell(0, 0)
    cell.width = Cm(6)
    cell.paragraphs[0].add_run("{{ segnatura }}").font.size = Pt(8.5)

    place = document.add_paragraph()
    place.paragraph_format.space_before = Pt(10)
    place.add_run("{{ lettera.luogo }}")
    place.add_run(", ")
    place.add_run("{{ lettera.data }}")

    indent = Cm(9.5)
    for text, bold in (
        ("Spett.le", False),
        ("{{ destinatario.denominazione }}", True),
        ("{{ destinatario.indirizzo }}", False),
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(text).bold = bold
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = indent
    paragraph.add_run("PEC: ")
    paragraph.add_run("{{ destinatario.pec }}")

    subject = document.add_paragraph()
    subject.paragraph_format.space_before = Pt(12)
    subject.paragraph_format.space_after = Pt(8)
    subject.paragraph_format.left_indent = Cm(1.8)
    subject.paragraph_format.first_line_indent = Cm(-1.8)
    subject.add_run("Oggetto: ").bold = True
    subject.add_run("{{ oggetto }}").bold = True

    document.add_paragraph().add_run("{{ corpo }}")
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
