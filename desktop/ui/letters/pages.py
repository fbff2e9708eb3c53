"""A stored letter's pages as images, for the preview and for printing.

pypdfium2 (PDFium, the engine of Chrome's PDF viewer, as a small wheel) renders a
page to a bitmap; it becomes a QImage here, off the GUI thread (a QImage may be
made on any thread, a QPixmap only on the GUI's). Printing paints the same pages
at the printer's resolution, so what comes out is the letter as stored, not a
screen-sized picture of it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

# PDFium is not thread-safe: one page at a time, whichever thread asks.
_PDFIUM = threading.Lock()

POINTS_PER_INCH = 72
# A preview page at 2 px per point (144 dpi): sharp on the pane of a large screen,
# about 1190 × 1684 px for A4, scaled down to the pane on the GUI thread.
PREVIEW_SCALE = 2.0
# A page printed above 300 dpi gains nothing for a letter and costs memory.
MAX_PRINT_DPI = 300


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, index: int = 0, scale: float = PREVIEW_SCALE) -> QImage:
    """Page `index` (from 0) of `pdf` on white, `scale` pixels per point."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[index]
            try:
                bitmap = page.render(
                    scale=scale,
                    fill_color=(255, 255, 255, 255),
                    rev_byteorder=True,  # RGB order, as QImage's RGBX8888 reads it
                    prefer_bgrx=True,  # four bytes a pixel
                    optimize_mode="print" if scale > PREVIEW_SCALE else None,
                )
                try:
                    image = QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGBX8888,
                    )
                    # A deep copy: the bitmap's memory is freed when it closes.
                    return image.copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paints every page of `pdf` on `printer` (a real printer from the print dialog,
    or a PDF file), each scaled to the printable area keeping its proportions;
    returns the pages printed. Honours the dialog's page range when one was chosen.

    The page is laid on the whole sheet (`setFullPage`), at its real size when the
    paper is the letter's (A4): the addressee's block stays where a window envelope
    expects it; the letter's own margins keep the text clear of the printer's."""
    total = page_count(pdf)
    first, last = 1, total
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(total, printer.toPage() or total)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    printed = 0
    try:
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            image = render_page(pdf, number - 1, dpi / POINTS_PER_INCH)
            area = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            size = image.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.topLeft(), size)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed
