"""A letter as a PDF/A-2b file: the Italian public-administration layout drawn with
ReportLab on the shared building blocks (`desktop.exporting.pdf`: DejaVu embedded,
styles, escaping, the page frame with "pagina x di y"), then made PDF/A-2b with pikepdf.

The page (A4): the letterhead (logo if the office has one, the city, directorate,
area, office) with the protocol box top right — the number and date, or a dashed area
reserved for the protocol system's *segnatura* —; the place and date; the addressee
(lead partner, address, PEC); *Oggetto* in bold; the body (paragraphs, bullets,
quotations, the score table); the signature block; on every page a footer with the
office's contacts and "pagina x di y".

PDF/A-2b (ISO 19005-2, level B): every font embedded (DejaVu, subset; ReportLab's
base font set to it, so no Helvetica reference is left), an XMP packet with
``pdfaid:part=2``, ``pdfaid:conformance=B``, the title, author, producer, creator
tool and dates — equal to the Info dictionary's —, an sRGB output intent
(``GTS_PDFA1``, an ICC profile built by LittleCMS through Pillow, header version 4.2
as ISO 32000-1 references), a trailer ``/ID``; no encryption, no actions, no links.
The same letter data gives the same bytes (dates come from the letter's date).

ReportLab and pikepdf are imported inside the functions: importing this module is
free (startup time).
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Mapping, Sequence
from functools import cache
from xml.sax.saxutils import escape as xml_escape

from desktop.exporting import pdf
from desktop.letters import templates as markup

PRODUCER = "Commissione (ReportLab, pikepdf)"
CREATOR = "Commissione"
LANGUAGE = "it-IT"
ROME = "Europe/Rome"
RESERVED_PROTOCOL = "Spazio riservato alla segnatura di protocollo"

# Page geometry (mm): left, right, top, bottom.
MARGINS = (22.0, 20.0, 11.0, 15.5)
CONTENT_MM = 210.0 - MARGINS[0] - MARGINS[1]
LETTERHEAD_MM = 104.0
PROTOCOL_MM = CONTENT_MM - LETTERHEAD_MM
ADDRESSEE_INDENT_MM = 92.0

# ------------------------------------------------------------------------ styles


@cache
def _styles() -> dict:
    """The letter's paragraph styles, built once per process."""
    pdf.fonts()
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    base = pdf.styles()["body"]

    def style(name, size=8.9, leading=11.2, **more):
        more.setdefault("fontName", pdf.FONT)
        more.setdefault("bulletFontName", pdf.FONT)
        return ParagraphStyle(name, parent=base, fontSize=size, leading=leading, **more)

    return {
        "ente": style("ente", 12.5, 15, fontName=pdf.FONT_BOLD),
        "ente_line": style("ente_line", 8.3, 10.2, textColor="#333333"),
        "ente_office": style("ente_office", 8.3, 10.2, fontName=pdf.FONT_BOLD),
        "protocol": style("protocol", 8.3, 11, alignment=TA_LEFT),
        "protocol_reserved": style(
            "protocol_reserved", 7.5, 9.5, alignment=TA_CENTER, textColor="#777777"
        ),
        "place": style("place"),
        "addressee": style("addressee"),
        "addressee_note": style("addressee_note", 7.8, 10, textColor="#555555", spaceBefore=1),
        "subject": style(
            "subject",
            8.9,
            11.4,
            fontName=pdf.FONT_BOLD,
            leftIndent=17 * mm,
            firstLineIndent=-17 * mm,
            spaceBefore=4.5 * mm,
            spaceAfter=3 * mm,
        ),
        "heading": style("heading", 9.6, 12.5, fontName=pdf.FONT_BOLD, spaceBefore=5, spaceAfter=2),
        "paragraph": style("paragraph", alignment=TA_JUSTIFY, spaceAfter=3.4),
        "bullet": style(
            "bullet",
            alignment=TA_JUSTIFY,
            leftIndent=6 * mm,
            bulletIndent=1.8 * mm,
            spaceAfter=2.2,
        ),
        "quote": style(
            "quote",
            8.5,
            10.8,
            alignment=TA_JUSTIFY,
            leftIndent=8 * mm,
            rightIndent=8 * mm,
            textColor="#333333",
            spaceAfter=2.6,
        ),
        "signature": style("signature", alignment=TA_CENTER),
        "signature_note": style(
            "signature_note",
            7.5,
            9.5,
            alignment=TA_CENTER,
            textColor="#555555",
            spaceBefore=1 * mm,
        ),
        "cell": style("lcell", 8.2, 10),
        "cell_bold": style("lcell_bold", 8.2, 10, fontName=pdf.FONT_BOLD),
        "cell_right": style("lcell_right", 8.2, 10, alignment=TA_RIGHT),
        "cell_bold_right": style(
            "lcell_bold_right", 8.2, 10, alignment=TA_RIGHT, fontName=pdf.FONT_BOLD
        ),
    }


def _markup(spans: Sequence[tuple[str, bool]]) -> str:
    return "".join(f"<b>{pdf.text(t)}</b>" if bold else pdf.text(t) for t, bold in spans)


def _para(value: str, style: str, **more):
    from reportlab.platypus import Paragraph

    return Paragraph(value, _styles()[style], **more)


# ------------------------------------------------------------------------ layout


def _letterhead(data: Mapping, office) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    ente = data.get("ente") or {}
    left = []
    if office is not None and getattr(office, "logo", None):
        left.append(_logo(str(office.logo)))
    left.append(_para(pdf.text(ente.get("nome", "")), "ente"))
    for key in ("direzione", "area"):
        if ente.get(key):
            left.append(_para(pdf.text(ente[key]), "ente_line"))
    if ente.get("ufficio"):
        left.append(_para(pdf.text(ente["ufficio"]), "ente_office"))

    protocol = data.get("protocollo") or {}
    number, date = protocol.get("numero", ""), protocol.get("data", "")
    if number:
        inner = [
            _para("Protocollo", "protocol"),
            _para(f"n. <b>{pdf.text(number)}</b>", "protocol"),
            _para(f"del <b>{pdf.text(date)}</b>" if date else "", "protocol"),
        ]
        box_style = [("BOX", (0, 0), (-1, -1), 0.6, colors.black)]
        valign = "TOP"
    else:
        inner = [_para(pdf.text(RESERVED_PROTOCOL), "protocol_reserved")]
        box_style = [("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#888888"), None, (2, 2))]
        valign = "MIDDLE"
    box = Table([[inner]], colWidths=[(PROTOCOL_MM - 8) * mm], rowHeights=[20 * mm])
    box.setStyle(
        TableStyle(
            [
                *box_style,
                ("FONT", (0, 0), (-1, -1), pdf.FONT, 8),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    head = Table(
        [[left, box]], colWidths=[LETTERHEAD_MM * mm, PROTOCOL_MM * mm], hAlign="LEFT"
    )
    head.setStyle(TableStyle([*_FLAT, ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return [head]


# A layout table: no padding, top-aligned, DejaVu as the cells' font (ReportLab's
# default cell font is Helvetica, which would be referenced even if never drawn).
_FLAT = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("FONT", (0, 0), (-1, -1), "DejaVuSans", 9),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


def _logo(path: str):
    """The office's logo, at most 16 mm high and 40 mm wide, aspect kept."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image

    image = Image(path)
    scale = min(16 * mm / image.imageHeight, 40 * mm / image.imageWidth)
    image.drawHeight = image.imageHeight * scale
    image.drawWidth = image.imageWidth * scale
    image.hAlign = "LEFT"
    return image


def _addressee(data: Mapping) -> list:
    """Place and date on the left, the addressee on the right, side by side."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    letter = data.get("lettera") or {}
    to = data.get("destinatario") or {}
    place = ", ".join(x for x in (letter.get("luogo", ""), letter.get("data", "")) if x)
    left = [_para(pdf.text(place), "place")]
    if to.get("pec"):
        left.append(_para("Trasmessa a mezzo PEC", "addressee_note"))
    lines = ["Spett.le", f"<b>{pdf.text(to.get('denominazione', ''))}</b>"]
    if to.get("indirizzo"):
        lines.append(pdf.text(to["indirizzo"]))
    if to.get("pec"):
        lines.append(f"PEC: {pdf.text(to['pec'])}")
    right = [_para("<br/>".join(lines), "addressee")]
    block = Table(
        [[left, right]],
        colWidths=[ADDRESSEE_INDENT_MM * mm, (CONTENT_MM - ADDRESSEE_INDENT_MM) * mm],
        hAlign="LEFT",
    )
    block.setStyle(TableStyle([*_FLAT, ("FONT", (0, 0), (-1, -1), pdf.FONT, 9)]))
    block.spaceBefore = 4 * mm
    return [block]


def _criteria_table(block) -> object:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    s = _styles()

    def cell(value, name):
        from reportlab.platypus import Paragraph

        return Paragraph(pdf.text(value), s[name])

    rows = [
        [
            cell("Criterio", "cell_bold"),
            cell("Punteggio", "cell_bold_right"),
            cell("Massimo", "cell_bold_right"),
        ]
    ]
    rows += [
        [cell(name, "cell"), cell(score, "cell_right"), cell(maximum, "cell_right")]
        for name, score, maximum in block.rows
    ]
    first_total = len(rows)
    rows += [
        [cell(name, "cell_bold"), cell(score, "cell_bold_right"), cell(maximum, "cell_bold_right")]
        for name, score, maximum in block.totals
    ]
    table = Table(rows, colWidths=[(CONTENT_MM - 60) * mm, 30 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(pdf.HEADER_GREY)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(pdf.GRID_GREY)),
                ("LINEABOVE", (0, first_total), (-1, first_total), 0.8, colors.black),
                ("FONT", (0, 0), (-1, -1), pdf.FONT, 8.2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
            ]
        )
    )
    table.spaceBefore = 0.5 * mm
    table.spaceAfter = 3 * mm
    return table


SIGNATURE_LEFT_MM = 66.0


def _signature(lines, greeting):
    """The signature block on the right (qualification, name, the signature line in
    small type), the greeting on its left; kept whole on one page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    lines = list(lines)
    note = lines.pop() if len(lines) > 2 else ""
    right = [_para(pdf.text(line), "signature") for line in lines]
    if note:
        right.append(_para(pdf.text(note), "signature_note"))
    table = Table(
        [[greeting, right]],
        colWidths=[SIGNATURE_LEFT_MM * mm, (CONTENT_MM - SIGNATURE_LEFT_MM) * mm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(_FLAT))
    table.spaceBefore = 1 * mm
    return table


def _body(text: markup.LetterText) -> list:
    from reportlab.lib.units import mm
    story: list = []
    previous = markup.Block(markup.HEADING)
    for block in text.blocks:
        if block.kind == markup.CRITERIA:
            story.append(_criteria_table(block))
        elif block.kind == markup.SIGNATURE_BLOCK:
            greeting = ""
            if story and len(previous.text) < 60 and previous.kind == markup.PARAGRAPH:
                greeting = story.pop()  # "Distinti saluti." beside the signature
            story.append(_signature(block.lines, greeting))
        elif block.kind == markup.BULLET:
            story.append(_para(_markup(block.spans), "bullet", bulletText="•"))
        elif block.kind == markup.HEADING:
            story.append(_para(_markup(block.spans), "heading"))
        elif block.kind == markup.QUOTE:
            story.append(_para(_markup(block.spans), "quote"))
        else:
            story.append(_para(_markup(block.spans), "paragraph"))
        previous = block
    return story


def _footer(data: Mapping) -> tuple[str, str]:
    """The office's contacts on two lines (the lower one shares its line with
    "pagina x di y"): each item kept only if its line still fits."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ente = data.get("ente") or {}
    items = [ente.get(key, "") for key in ("nome", "ufficio", "indirizzo")]
    items.append(f"tel. {ente['telefono']}" if ente.get("telefono") else "")
    contacts = [
        ente.get("email", ""),
        f"PEC {ente['pec']}" if ente.get("pec") else "",
        ente.get("sito", ""),
    ]

    def fit(parts, width):
        line = ""
        for part in filter(None, parts):
            longer = f"{line} · {part}" if line else part
            if stringWidth(longer, pdf.FONT, pdf.FRAME_FONT_SIZE) <= width:
                line = longer
        return line

    full = (CONTENT_MM) * mm
    return fit(items, full), fit(contacts, full - 28 * mm)


def letter_story(text: markup.LetterText, data: Mapping, office=None) -> list:
    """The flowables of one letter (letterhead to signature)."""
    story = _letterhead(data, office)
    story += _addressee(data)
    story.append(_para(f"Oggetto: {pdf.text(text.subject)}", "subject"))
    story += _body(text)
    return story


def render_bare_pdf(text: markup.LetterText, data: Mapping, office=None) -> bytes:
    """The letter drawn by ReportLab, before the PDF/A step."""
    pdf.fonts()
    where, contacts = _footer(data)
    out = io.BytesIO()
    pdf.build_pdf(
        out,
        letter_story(text, data, office),
        title=text.subject,
        author=str((data.get("ente") or {}).get("nome", "")),
        margins_mm=MARGINS,
        footer=contacts,
        footer_note=where,
        invariant=True,
    )
    return out.getvalue()


def render_pdf(text: markup.LetterText, data: Mapping, office=None) -> bytes:
    """The letter as a PDF/A-2b file (bytes)."""
    bare = render_bare_pdf(text, data, office)
    return make_pdfa(
        bare,
        title=text.subject,
        author=str((data.get("ente") or {}).get("nome", "")),
        subject=str((data.get("lettera") or {}).get("tipo", "")),
        created=letter_datetime(data),
    )


def merge_pdfs(documents: Sequence[bytes], *, title: str = "Lettere", author: str = "") -> bytes:
    """One PDF/A-2b file with every page of `documents` in order (the printing batch)."""
    import pikepdf

    merged = pikepdf.new()
    sources = []
    try:
        for document in documents:
            source = pikepdf.open(io.BytesIO(document))
            sources.append(source)
            merged.pages.extend(source.pages)
        raw = io.BytesIO()
        merged.save(raw, deterministic_id=True)
    finally:
        for source in sources:
            source.close()
        merged.close()
    return make_pdfa(raw.getvalue(), title=title, author=author, subject="", created=None)


# ------------------------------------------------------------------------ PDF/A


def letter_datetime(data: Mapping) -> dt.datetime:
    """The letter's date at noon in Rome (the document's creation date), or now."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ROME)
    text = str((data.get("lettera") or {}).get("data", "")).strip()
    try:
        day = dt.datetime.strptime(text, "%d/%m/%Y")
    except ValueError:
        return dt.datetime.now(zone).replace(microsecond=0)
    return day.replace(hour=12, tzinfo=zone)


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (LittleCMS's built-in sRGB, through Pillow). Its header says
    version 4.2, the ICC.1:2004-10 that ISO 32000-1 (and so PDF/A-2) references; the
    profile's content is the same in 4.2 and 4.4 (no profile ID is set)."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    if profile[8] == 4 and profile[9] > 0x20 and not any(profile[84:100]):
        profile[9] = 0x20
    return bytes(profile)


@cache
def _compressed_profile() -> bytes:
    return zlib.compress(srgb_profile(), 9)


def _pdf_date(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{rest:02d}'"


def _xmp_date(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _xmp(title: str, author: str, subject: str, moment: dt.datetime) -> bytes:
    def x(value: str) -> str:
        return xml_escape(pdf.strip_controls(value))

    created = _xmp_date(moment)
    parts = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n',
        '<rdf:Description rdf:about=""\n',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n',
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n',
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n',
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n',
        "<pdfaid:part>2</pdfaid:part>\n",
        "<pdfaid:conformance>B</pdfaid:conformance>\n",
        "<dc:format>application/pdf</dc:format>\n",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(title)}</rdf:li></rdf:Alt></dc:title>\n',
    ]
    if author:
        parts.append(f"<dc:creator><rdf:Seq><rdf:li>{x(author)}</rdf:li></rdf:Seq></dc:creator>\n")
    if subject:
        parts.append(
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{x(subject)}</rdf:li>'
            "</rdf:Alt></dc:description>\n"
        )
    parts += [
        f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\n",
        f"<xmp:CreateDate>{created}</xmp:CreateDate>\n",
        f"<xmp:ModifyDate>{created}</xmp:ModifyDate>\n",
        f"<xmp:MetadataDate>{created}</xmp:MetadataDate>\n",
        f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n",
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>\n",
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
        # Padding lets a later editor (a signing tool) update the packet in place.
        " " * 99 + "\n",
        '<?xpacket end="w"?>',
    ]
    return "".join(parts).encode("utf-8")


def make_pdfa(
    raw: bytes,
    *,
    title: str,
    author: str = "",
    subject: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """`raw` (a PDF with every font embedded) as PDF/A-2b: the Info dictionary and the
    XMP packet saying the same, the sRGB output intent, the language, a document ID;
    anything active (actions, JavaScript, links) removed."""
    import pikepdf
    from pikepdf import Dictionary, Name, Stream, String

    if created is None:
        from zoneinfo import ZoneInfo

        created = dt.datetime.now(ZoneInfo(ROME)).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(raw)) as document:
        root = document.Root
        for key in ("/OpenAction", "/AA", "/Names", "/AcroForm"):
            if key in root:
                del root[key]
        for page in document.pages:
            for key in ("/AA", "/Annots"):
                if key in page.obj:
                    del page.obj[key]
        date = _pdf_date(created)
        info = Dictionary(
            Title=String(pdf.strip_controls(title)),
            Creator=String(CREATOR),
            Producer=String(PRODUCER),
            CreationDate=String(date),
            ModDate=String(date),
        )
        if author:
            info.Author = String(pdf.strip_controls(author))
        if subject:
            info.Subject = String(pdf.strip_controls(subject))
        document.trailer.Info = document.make_indirect(info)
        metadata = Stream(document, _xmp(title, author, subject, created))
        metadata.Type = Name.Metadata
        metadata.Subtype = Name.XML
        root.Metadata = document.make_indirect(metadata)
        profile = Stream(document, _compressed_profile())
        profile.Filter = Name.FlateDecode
        profile.N = 3
        intent = Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFA1,
            OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
            RegistryName=String("http://www.color.org"),
            Info=String("sRGB IEC61966-2.1"),
            DestOutputProfile=document.make_indirect(profile),
        )
        root.OutputIntents = pikepdf.Array([document.make_indirect(intent)])
        root.Lang = String(LANGUAGE)
        out = io.BytesIO()
        document.save(
            out,
            deterministic_id=True,
            linearize=False,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
            compress_streams=True,
            min_version="1.7",
        )
    return out.getvalue()
