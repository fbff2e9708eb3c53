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
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    base = pdf.styles()["body"]

    def style(name, size=8.9, leading=11.2, **more):
        more.setdefault("fontName", pdf.FONT)
        more.setdefault("bulletFontName", pdf.FONT)
        return ParagraphStyle(name, parent=base, fontSize=size, leading=leading, **more)

    return {
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
    }


def _markup(spans: Sequence[tuple[str, bool]]) -> str:
    return "".join(f"<b>{pdf.text(t)}</b>" if bold else pdf.text(t) for t, bold in spans)


def _para(value: str, style: str, **more):
    from reportlab.platypus import Paragraph

    return Paragraph(value, _styles()[style], **more)


# ------------------------------------------------------------------------ layout


@dataclass
class _Column:
    """A column of short lines drawn straight on the canvas (no paragraph parsing):
    the letterhead, the protocol box, the place and date, the addressee, the
    signature. Each item: (text, bold, size, leading, grey, align); a long text wraps.
    `box`: "solid" or "dashed" draws a frame of `min_height` mm at least."""

    x_mm: float
    width_mm: float
    items: list
    box: str = ""
    min_height_mm: float = 0.0
    padding_mm: float = 0.0
    middle: bool = False
    image: object = None  # (path, width pt, height pt) drawn above the lines


def _item(text, *, bold=False, size=8.9, leading=None, grey=0.0, align="left", before=0.0):
    return (pdf.drawable(text), bold, size, leading or size * 1.26, grey, align, before)


def _columns(columns: list[_Column], space_before_mm: float = 0.0, prime: bool = False):
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.platypus import Flowable

    class Columns(Flowable):
        def __init__(self):
            super().__init__()
            self.spaceBefore = space_before_mm * mm
            self._laid: list = []

        def wrap(self, available_width, available_height):
            self._laid = []
            height = 0.0
            for column in columns:
                inner = (column.width_mm - 2 * column.padding_mm) * mm
                lines = []
                total = column.image[2] + 1.5 * mm if column.image else 0.0
                for text, bold, size, leading, grey, align, before in column.items:
                    font = pdf.FONT_BOLD if bold else pdf.FONT
                    total += before * mm
                    for n, line in enumerate(simpleSplit(text, font, size, inner) or [""]):
                        lines.append(
                            (line, font, size, leading, grey, align, before if n == 0 else 0)
                        )
                        total += leading
                box = max(total + 2 * column.padding_mm * mm, column.min_height_mm * mm)
                self._laid.append((column, lines, total, box))
                height = max(height, box)
            self.width, self.height = available_width, height
            return available_width, height

        def draw(self):
            canvas = self.canv
            if prime:
                pdf.prime_fonts(canvas)
            for column, lines, total, box in self._laid:
                x = column.x_mm * mm
                width = column.width_mm * mm
                pad = column.padding_mm * mm
                if column.box:
                    canvas.saveState()
                    canvas.setLineWidth(0.6)
                    if column.box == "dashed":
                        canvas.setDash(2, 2)
                        canvas.setStrokeGray(0.5)
                    canvas.rect(x, self.height - box, width, box)
                    canvas.restoreState()
                top = self.height - pad
                if column.middle:
                    top = self.height - (box - total) / 2
                if column.image:
                    path, w, h = column.image
                    canvas.drawImage(path, x + pad, top - h, w, h, mask="auto")
                    top -= h + 1.5 * mm
                y = top
                for line, font, size, leading, grey, align, before in lines:
                    y -= before * mm
                    baseline = y - size
                    canvas.setFont(font, size)
                    canvas.setFillGray(grey)
                    if align == "center":
                        canvas.drawCentredString(x + width / 2, baseline, line)
                    elif align == "right":
                        canvas.drawRightString(x + width - pad, baseline, line)
                    else:
                        canvas.drawString(x + pad, baseline, line)
                    y -= leading
                canvas.setFillGray(0)

    return Columns()


def _logo(path: str) -> tuple[str, float, float]:
    """The office's logo, at most 16 mm high and 40 mm wide, aspect kept."""
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    width, height = ImageReader(path).getSize()
    scale = min(16 * mm / height, 40 * mm / width)
    return path, width * scale, height * scale


def _letterhead(data: Mapping, office) -> list:
    """The letterhead on the left, the protocol box on the right."""
    ente = data.get("ente") or {}
    left = [_item(ente.get("nome", ""), bold=True, size=12.5, leading=15)]
    for key in ("direzione", "area"):
        if ente.get(key):
            left.append(_item(ente[key], size=8.3, leading=10.2, grey=0.2))
    if ente.get("ufficio"):
        left.append(_item(ente["ufficio"], bold=True, size=8.3, leading=10.2))
    logo = _logo(str(office.logo)) if office is not None and getattr(office, "logo", None) else None

    protocol = data.get("protocollo") or {}
    number, date = protocol.get("numero", ""), protocol.get("data", "")
    box_x = LETTERHEAD_MM + 8
    if number:
        box = _Column(
            box_x,
            PROTOCOL_MM - 8,
            [
                _item("Protocollo", size=8.3, leading=11),
                _item(f"n. {number}", bold=True, size=8.3, leading=11),
                _item(f"del {date}" if date else "", bold=True, size=8.3, leading=11),
            ],
            box="solid",
            min_height_mm=20,
            padding_mm=3,
        )
    else:
        box = _Column(
            box_x,
            PROTOCOL_MM - 8,
            [_item(RESERVED_PROTOCOL, size=7.5, leading=9.5, grey=0.45, align="center")],
            box="dashed",
            min_height_mm=20,
            padding_mm=3,
            middle=True,
        )
    # The first thing drawn: it starts the fonts' subsets (see pdf.prime_fonts).
    return [_columns([_Column(0, LETTERHEAD_MM, left, image=logo), box], prime=True)]


def _addressee(data: Mapping) -> list:
    """Place and date on the left, the addressee on the right, side by side."""
    letter = data.get("lettera") or {}
    to = data.get("destinatario") or {}
    place = ", ".join(x for x in (letter.get("luogo", ""), letter.get("data", "")) if x)
    left = [_item(place)]
    if to.get("pec"):
        left.append(_item("Trasmessa a mezzo PEC", size=7.8, leading=10, grey=0.33, before=0.4))
    right = [_item("Spett.le"), _item(to.get("denominazione", ""), bold=True)]
    if to.get("indirizzo"):
        right.append(_item(to["indirizzo"]))
    if to.get("pec"):
        right.append(_item(f"PEC: {to['pec']}"))
    return [
        _columns(
            [
                _Column(0, ADDRESSEE_INDENT_MM, left),
                _Column(ADDRESSEE_INDENT_MM, CONTENT_MM - ADDRESSEE_INDENT_MM, right),
            ],
            space_before_mm=4,
        )
    ]


def _criteria_table(block) -> object:
    """Criterion, score, maximum; then the total and the threshold in bold. Cells are
    plain text (a long criterion's name wrapped here): no paragraph parsing."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.platypus import Table, TableStyle

    size = 8.2
    first = (CONTENT_MM - 60) * mm

    def name(value, bold=False):
        font = pdf.FONT_BOLD if bold else pdf.FONT
        return "\n".join(simpleSplit(pdf.drawable(value), font, size, first - 12) or [""])

    rows = [["Criterio", "Punteggio", "Massimo"]]
    rows += [[name(n), pdf.drawable(s), pdf.drawable(m)] for n, s, m in block.rows]
    first_total = len(rows)
    rows += [[name(n, True), pdf.drawable(s), pdf.drawable(m)] for n, s, m in block.totals]
    table = Table(rows, colWidths=[first, 30 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf.FONT, size, size * 1.22),
                ("FONT", (0, 0), (-1, 0), pdf.FONT_BOLD, size, size * 1.22),
                ("FONT", (0, first_total), (-1, -1), pdf.FONT_BOLD, size, size * 1.22),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(pdf.HEADER_GREY)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(pdf.GRID_GREY)),
                ("LINEABOVE", (0, first_total), (-1, first_total), 0.8, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ]
        )
    )
    table.spaceBefore = 0.5 * mm
    table.spaceAfter = 3 * mm
    return table


SIGNATURE_LEFT_MM = 66.0


def _signature(lines, greeting: str):
    """The signature block on the right (qualification, name, the signature line in
    small type), the greeting ("Distinti saluti.") on its left; one piece, never split."""
    lines = list(lines)
    note = lines.pop() if len(lines) > 2 else ""
    right = [_item(line, align="center") for line in lines]
    if note:
        right.append(_item(note, size=7.5, leading=9.5, grey=0.33, align="center", before=1))
    left = [_item(greeting)] if greeting else []
    return _columns(
        [
            _Column(0, SIGNATURE_LEFT_MM, left),
            _Column(SIGNATURE_LEFT_MM, CONTENT_MM - SIGNATURE_LEFT_MM, right),
        ],
        space_before_mm=1,
    )


def _body(text: markup.LetterText) -> list:
    story: list = []
    previous = markup.Block(markup.HEADING)
    for block in text.blocks:
        if block.kind == markup.CRITERIA:
            story.append(_criteria_table(block))
        elif block.kind == markup.SIGNATURE_BLOCK:
            greeting = ""
            if story and len(previous.text) < 60 and previous.kind == markup.PARAGRAPH:
                story.pop()  # "Distinti saluti." goes beside the signature
                greeting = previous.text
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
    """One PDF/A-2b file with every page of `documents` in order (the printing batch).

    Letters share their fonts (the same subset of DejaVu Sans, see
    desktop/exporting/pdf.prime_fonts): a font that is byte for byte one already
    merged is referenced, not copied again, so a thousand letters make a file of a
    few megabytes, not of sixty."""
    import pikepdf

    merged = pikepdf.new()
    sources = []
    try:
        for document in documents:
            source = pikepdf.open(io.BytesIO(document))
            sources.append(source)
            merged.pages.extend(source.pages)
        _share_fonts(merged)
        return _save_pdfa(merged, title=title, author=author, subject="", created=None)
    finally:
        for source in sources:
            source.close()
        merged.close()


def _share_fonts(document) -> None:
    """Points every page at one copy of each distinct font (same name, same bytes)."""
    import hashlib

    import pikepdf

    shared: dict[tuple, object] = {}
    digests: dict[tuple[int, int], str] = {}

    containers = (pikepdf.Stream, pikepdf.Dictionary, pikepdf.Array)

    def part(value) -> str:
        # Scalars come back as Python values: their repr is their identity.
        return digest(value) if isinstance(value, containers) else repr(value)

    def digest(obj) -> str:
        """The bytes of a font object and of what it references (streams, arrays)."""
        key = obj.objgen if obj.is_indirect else None
        if key is not None and key in digests:
            return digests[key]
        if isinstance(obj, pikepdf.Array):
            text = repr([part(v) for v in obj])
        else:
            text = repr(sorted((k, part(v)) for k, v in obj.items()))
        hasher = hashlib.sha256(text.encode())
        if isinstance(obj, pikepdf.Stream):
            hasher.update(obj.read_raw_bytes())
        value = hasher.hexdigest()
        if key is not None:
            digests[key] = value
        return value

    for page in document.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for name in list(fonts.keys()):
            font = fonts[name]
            key = (str(font.get("/BaseFont", "")), digest(font))
            first = shared.setdefault(key, font)
            if first is not font:
                fonts[name] = first


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
    # LittleCMS stamps the moment it built the profile (header bytes 24-35: year,
    # month, day, hour, minute, second): a fixed date keeps every letter the same
    # bytes whichever process, and whenever, drew it.
    if not any(profile[84:100]):
        profile[24:36] = struct.pack(">6H", 2025, 1, 1, 0, 0, 0)
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

    with pikepdf.open(io.BytesIO(raw)) as document:
        return _save_pdfa(document, title=title, author=author, subject=subject, created=created)


def _save_pdfa(document, *, title: str, author: str, subject: str, created) -> bytes:
    """`document` (open, every font embedded) saved as PDF/A-2b (see make_pdfa)."""
    import pikepdf
    from pikepdf import Dictionary, Name, Stream, String

    if created is None:
        from zoneinfo import ZoneInfo

        created = dt.datetime.now(ZoneInfo(ROME)).replace(microsecond=0)
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
        # ReportLab's streams are deflated already: qpdf would inflate and deflate
        # them again (4 of the 5 ms this step took); the XMP stays uncompressed.
        compress_streams=False,
        min_version="1.7",
    )
    return out.getvalue()
