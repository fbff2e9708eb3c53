"""PDF building blocks (ReportLab) for every document the application prints: the
ranking, the evaluation summary, and next the letters and the minutes.

- **Font.** DejaVu Sans, regular and bold, shipped in ``resources/fonts/`` with its
  licence (``LICENSE-DejaVu.txt``: Bitstream Vera terms, free to embed and
  redistribute) and embedded, subset, in every PDF. It covers Italian, the euro sign,
  typographic quotes and dashes, Greek and Cyrillic. A character it has no glyph for
  (an emoji, a CJK character) is written "?" instead of an empty box (`text`).
  ReportLab's base fonts (Helvetica) are never used: they are not embedded, and a
  PDF/A check or a printer without them would substitute something else.
- **Styles.** `styles()` gives the paragraph styles by name: ``title``,
  ``subtitle``, ``heading``, ``body``, ``quote``, ``note`` and, for table cells,
  ``cell``, ``cell_bold``, ``cell_right``, ``cell_bold_right``.
- **Tables.** `table()` builds a grid whose header rows repeat on every page, with
  numeric columns (money, scores, counts) right-aligned, header included.
- **Page frame.** `write_pdf()` builds the story onto pages with a header (two short
  texts, left and right, over a hairline) and a footer (a text on the left,
  "pagina x di y" on the right, and an optional note on a line above them: the audit
  log's anchor), and writes the file whole or not at all.

ReportLab is imported only inside these functions: importing this module costs
nothing, and the fonts are read and registered on the first PDF (`fonts()`).

    from desktop.exporting import pdf

    story = [pdf.paragraph("Graduatoria — I sessione", "title")]
    story.append(pdf.table(["Codice", "Contributo"], [["A1", "50.000,00 €"]],
                           widths_mm=(30, 30), numeric=(1,)))
    pdf.write_pdf(path, story, title="Graduatoria", author="Comune di Milano",
                  footer="Graduatoria — I sessione")
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.exporting.files import replacing

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
FONT_LICENCE = "LICENSE-DejaVu.txt"

GRID_GREY = "#BBBBBB"
HEADER_GREY = "#E8E8E8"
LINE_RED = "#C00000"
# Header and footer: small grey text, the same on every page.
FRAME_FONT_SIZE = 8
FRAME_GREY = 0.35

_registering = threading.Lock()
_glyphs: frozenset[int] = frozenset()
# The same as characters, for a fast check that a whole text is drawable.
_glyph_chars: frozenset[str] = frozenset()


def fonts_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "fonts"


def fonts() -> None:
    """Registers DejaVu Sans (regular and bold) with ReportLab, once, and makes it the
    canvas's base font, so no page starts with a Helvetica reference. Exports run in
    worker threads: registration is serialised."""
    global _glyphs, _glyph_chars
    with _registering:
        if _glyphs:
            return
        from reportlab import rl_config
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = fonts_dir()
        loaded = {
            name: _measuring(TTFont)(name, str(folder / file)) for name, file in FONT_FILES.items()
        }
        for font in loaded.values():
            pdfmetrics.registerFont(font)
        # <b> and <i> in paragraph markup: there is no italic face, so <i> stays upright.
        for bold, italic, name in (
            (0, 0, FONT),
            (1, 0, FONT_BOLD),
            (0, 1, FONT),
            (1, 1, FONT_BOLD),
        ):
            addMapping(FONT, bold, italic, name)
        rl_config.canvas_basefontname = FONT
        # Streams only deflated, not also ASCII85-armoured: smaller files, and no
        # pure-Python encoding of every embedded font (a third of a letter's time).
        rl_config.useA85 = 0
        glyphs = frozenset(loaded[FONT].face.charToGlyph) & frozenset(
            loaded[FONT_BOLD].face.charToGlyph
        )
        _glyph_chars = frozenset(map(chr, glyphs)) | frozenset("\n\t ")
        _glyphs = glyphs


_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


def strip_controls(value: object) -> str:
    """`value` as text without control characters (tab and line breaks kept): what a
    PDF's metadata (XMP is XML) may hold."""
    return "" if value is None else str(value).translate(_CONTROLS)


def _measuring(base):
    """A TrueType font class that remembers the width of each text it measured.
    ReportLab measures every word of every line it breaks, one character at a time in
    Python; documents repeat their words (a batch of letters, a ranking's columns), so
    a cache answers most of them. Bounded: cleared when it holds 200,000 texts."""

    class MeasuringTTFont(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._widths: dict[str, float] = {}
            _remember_subsets(self.face)

        def stringWidth(self, text, size, encoding="utf8"):
            widths = self._widths
            width = widths.get(text)
            if width is None:
                if len(widths) >= 200_000:
                    widths.clear()
                width = base.stringWidth(self, text, 1000, encoding)
                widths[text] = width
            return width * size * 0.001

    return MeasuringTTFont


# Characters every document's first font subset starts with (`prime_fonts`): ASCII,
# Latin-1's letters and signs, the euro, typographic quotes and dashes.
PRIMER = "".join(map(chr, range(32, 127))) + "".join(map(chr, range(0xA1, 0x100))) + "€–—‘’‚“”„•…‹›"


def prime_fonts(canvas) -> None:
    """Starts this document's font subsets with `PRIMER`, in a fixed order: documents
    that use only those characters (most letters) embed the same subset, which is then
    made and compressed once per process (`_remember_subsets`), not once per file."""
    from reportlab.pdfbase import pdfmetrics

    for name in FONT_FILES:
        pdfmetrics.getFont(name).splitString(PRIMER, canvas._doc)


def _remember_subsets(face) -> None:
    """Makes `face` keep the subsets it embedded, compressed: ReportLab cuts and deflates
    a font subset for every document (a third of a one-page letter's time); the same
    subset is now made once. Mirrors TTFontFace.addSubsetObjects (ReportLab 4), with the
    font file stream given already deflated (ReportLab then leaves it as it is)."""
    import zlib

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

    made: dict[tuple[int, ...], tuple[bytes, int]] = {}

    def add_subset_objects(doc, fontname, subset):
        key = tuple(subset)
        entry = made.get(key)
        if entry is None:
            raw = face.makeSubset(subset)
            entry = (zlib.compress(raw), len(raw))
            if len(made) >= 64:
                made.clear()
            made[key] = entry
        font_file = pdfdoc.PDFStream()
        font_file.content = entry[0]
        font_file.dictionary["Length1"] = entry[1]
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        reference = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": reference,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    face.addSubsetObjects = add_subset_objects


def text(value: object) -> str:
    """`value` as text for a paragraph: None is empty, markup characters are escaped,
    line breaks are kept, and a character the font cannot draw becomes "?"."""
    if not _glyphs:
        fonts()
    if value is None:
        return ""
    shown = str(value).replace("\r\n", "\n")
    if not _glyph_chars.issuperset(shown):
        shown = "".join(c if c in _glyph_chars else "?" for c in shown)
    return escape(shown).replace("\n", "<br/>")


@cache
def styles() -> dict:
    """The paragraph styles by name (see the module's docstring). Shared and not to be
    modified: derive a new ParagraphStyle(parent=...) for a variant."""
    fonts()
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    def style(name, size, leading, *, bold=False, **more):
        font = FONT_BOLD if bold else FONT
        return ParagraphStyle(
            name,
            fontName=font,
            bulletFontName=font,
            fontSize=size,
            leading=leading,
            alignment=more.pop("alignment", TA_LEFT),
            **more,
        )

    return {
        "title": style("title", 15, 19, bold=True, spaceAfter=4),
        "subtitle": style("subtitle", 10, 13, spaceAfter=2),
        "heading": style("heading", 11, 14, bold=True, spaceBefore=8, spaceAfter=4),
        "body": style("body", 9, 12),
        # No italic face is shipped: quotations are set off by indent and colour.
        "quote": style("quote", 9, 12, leftIndent=14, spaceAfter=6, textColor="#333333"),
        "note": style("note", 8, 10, textColor="#555555"),
        "cell": style("cell", 8, 10),
        "cell_bold": style("cell_bold", 8, 10, bold=True),
        "cell_right": style("cell_right", 8, 10, alignment=TA_RIGHT),
        "cell_bold_right": style("cell_bold_right", 8, 10, bold=True, alignment=TA_RIGHT),
    }


def paragraph(value: object, style: str = "body"):
    """A Paragraph of `value` (plain text, escaped by `text`) in the named style."""
    from reportlab.platypus import Paragraph

    return Paragraph(text(value), styles()[style])


def spacer(height_mm: float):
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    return Spacer(1, height_mm * mm)


def table(
    header: Sequence | None,
    rows: Iterable[Sequence],
    widths_mm: Sequence[float],
    *,
    numeric: Iterable[int] = (),
    extra_style: Iterable[tuple] = (),
    header_band: bool = True,
    grid: bool = True,
):
    """A table whose header row repeats on every page.

    Cells that are text (or None) become wrapped paragraphs: ``cell`` style, or
    ``cell_right`` in a `numeric` column (money, scores, counts: right-aligned);
    header cells are bold, right-aligned over numeric columns. A cell that is already
    a flowable is kept as it is. `header_band` shades the header row; `grid` draws a
    line under the header and a light one between rows. `extra_style` adds
    TableStyle commands (row indexes count the header as row 0)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Table, TableStyle

    numeric = set(numeric)
    shared = styles()

    def cell(value, column: int, bold: bool):
        if isinstance(value, Flowable):
            return value
        name = ("cell_bold" if bold else "cell") + ("_right" if column in numeric else "")
        return paragraph(value, name)

    data = []
    if header is not None:
        data.append([cell(value, column, True) for column, value in enumerate(header)])
    data += [[cell(value, column, False) for column, value in enumerate(row)] for row in rows]
    if not data:
        data = [[""] * len(widths_mm)]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, shared["cell"].fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    style += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in sorted(numeric)]
    if header is not None and header_band:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_GREY)))
    if grid:
        if header is not None:
            style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
        style.append(
            (
                "LINEBELOW",
                (0, 1 if header is not None else 0),
                (-1, -1),
                0.25,
                colors.HexColor(GRID_GREY),
            )
        )
    style += list(extra_style)
    result = Table(
        data, colWidths=[w * mm for w in widths_mm], repeatRows=1 if header is not None else 0
    )
    result.setStyle(TableStyle(style))
    return result


def red_line_below(row: int, width: float = 2) -> tuple:
    """A TableStyle command: the dark-red rule under table row `row` (header = 0)."""
    from reportlab.lib import colors

    return ("LINEBELOW", (0, row), (-1, row), width, colors.HexColor(LINE_RED))


# The footer's baseline, and the note's line above it: both inside the bottom margin
# (the documents use 14 mm or more), clear of a printer's unprintable edge (~5 mm).
FOOTER_MM = 7
FOOTER_NOTE_MM = 10.5


def _page_frame(
    header_left: str,
    header_right: str,
    footer_left: str,
    left_mm: float,
    right_mm: float,
    footer_note: str = "",
):
    """A canvas class that holds every page until the end, so each can say
    "pagina x di y", and draws the header and footer on each."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    header_left, header_right, footer_left, footer_note = (
        _drawable(header_left),
        _drawable(header_right),
        _drawable(footer_left),
        _drawable(footer_note),
    )

    class FramedCanvas(canvas.Canvas):
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
                width, height = self._pagesize
                start, end = left_mm * mm, width - right_mm * mm
                self.saveState()
                self.setFont(FONT, FRAME_FONT_SIZE)
                self.setFillGray(FRAME_GREY)
                if header_left or header_right:
                    top = height - 8 * mm
                    self.drawString(start, top, header_left)
                    self.drawRightString(end, top, header_right)
                    self.setStrokeGray(0.7)
                    self.setLineWidth(0.3)
                    self.line(start, top - 1.5 * mm, end, top - 1.5 * mm)
                if footer_note:
                    self.drawString(start, FOOTER_NOTE_MM * mm, footer_note)
                self.drawString(start, FOOTER_MM * mm, footer_left)
                self.drawRightString(end, FOOTER_MM * mm, f"pagina {number} di {total}")
                self.restoreState()
                super().showPage()
            super().save()

    return FramedCanvas


def drawable(value: object) -> str:
    """Text drawn directly on the canvas (a header, a footer, a letterhead), not as a
    paragraph: no markup escaping, the same "?" for what the font lacks."""
    if not _glyphs:
        fonts()
    shown = "" if value is None else str(value)
    if _glyph_chars.issuperset(shown) and "\n" not in shown and "\t" not in shown:
        return shown
    return "".join(c if c in _glyph_chars and c not in "\n\t" else "?" for c in shown)


_drawable = drawable


def write_pdf(
    path: Path | str,
    story: list,
    *,
    title: str,
    author: str = "",
    landscape: bool = False,
    margins_mm: tuple[float, float, float, float] = (16, 16, 14, 16),
    header: tuple[str, str] = ("", ""),
    footer: str = "",
    footer_note: str = "",
) -> Path:
    """Builds `story` onto A4 pages (portrait, or `landscape`) and writes it to `path`,
    whole or not at all. `margins_mm` is (left, right, top, bottom); `header` is the
    (left, right) text on top of every page; `footer` the text left of "pagina x di y";
    `footer_note` a line above the footer on every page (the audit log's anchor).
    `title` and `author` go in the document's properties."""
    path = Path(path)
    with replacing(path) as temporary:
        build_pdf(
            str(temporary),
            story,
            title=title,
            author=author,
            landscape=landscape,
            margins_mm=margins_mm,
            header=header,
            footer=footer,
            footer_note=footer_note,
        )
    return path


def build_pdf(
    target,
    story: list,
    *,
    title: str,
    author: str = "",
    subject: str = "",
    landscape: bool = False,
    margins_mm: tuple[float, float, float, float] = (16, 16, 14, 16),
    header: tuple[str, str] = ("", ""),
    footer: str = "",
    footer_note: str = "",
    invariant: bool = False,
) -> None:
    """`write_pdf`'s builder onto any `target` (a file name or a binary file object,
    e.g. a BytesIO for a document made in memory). `invariant`: the same story gives
    the same bytes (ReportLab's fixed dates and ID; set the real ones afterwards)."""
    fonts()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    left, right, top, bottom = margins_mm
    document = SimpleDocTemplate(
        target,
        pagesize=turned(A4) if landscape else A4,
        leftMargin=left * mm,
        rightMargin=right * mm,
        topMargin=top * mm,
        bottomMargin=bottom * mm,
        title=title,
        author=author,
        subject=subject,
        creator="Commissione",
        invariant=1 if invariant else 0,
    )
    document.build(story, canvasmaker=_page_frame(*header, footer, left, right, footer_note))
