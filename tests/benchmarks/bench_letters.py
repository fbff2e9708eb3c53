"""Letters' speed: 1,000 one-page PDF/A-2b letters in one process, against ReportLab
drawing the same pages bare, in the same run.

    .venv/bin/python tests/benchmarks/bench_letters.py [--letters 1000] [--repeat 1]
        [--check]

- product: for each letter, the template rendered into the letter's text
  (``Templates.render``) and the PDF/A-2b file made from it (``render_pdf``: the page
  laid out with ReportLab on the shared blocks, then the XMP, output intent and ID
  with pikepdf). Realistic data: an *ammissione* with its five-criterion score table,
  two motivations, a different application, addressee, scores and position for every
  letter;
- floor: ReportLab alone drawing the same text on the same A4 pages: a plain canvas,
  each block's lines wrapped with ``simpleSplit`` and drawn with ``drawString``, the
  same DejaVu fonts embedded as stock ReportLab does it (registered apart, so the floor
  does not use the product's subset cache), page compression on; no PDF/A step.

Off any GUI. Each figure is the best of --repeat; letters per second, the ratio, and
the product's total time for --letters letters. A report: exits 0 unless --check is
given and the target is missed (1,000 letters in at most 20 s, i.e. 50 a second).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.exporting import pdf as shared  # noqa: E402
from desktop.letters import templates as markup  # noqa: E402
from desktop.letters.office import load_office  # noqa: E402
from desktop.letters.pdf import render_pdf  # noqa: E402
from desktop.letters.templates import load_templates  # noqa: E402
from tests.letters_sample import sample_data  # noqa: E402

TARGET_SECONDS_PER_1000 = 20.0
NAMES = (
    "Associazione Città Condivisa ETS",
    "Cooperativa Sociale L'Àncora",
    "Bottega Sòla S.r.l.",
    "Comitato di quartiere Niguarda – Bicocca",
    "Fondazione Però & Così",
    "APS Zoë Martì per Dergano",
)


def letters(count: int) -> list[dict]:
    """`count` different ammissione letters' data."""
    out = []
    for n in range(count):
        data = sample_data("ammissione")
        data["domanda"]["codice"] = f"CC24-{n + 1:04d}"
        data["destinatario"]["denominazione"] = NAMES[n % len(NAMES)] + f" {n // len(NAMES) + 1}"
        data["destinatario"]["pec"] = f"capofila{n + 1}@pec.it"
        data["valutazione"]["posizione"] = str(n % 40 + 1)
        data["valutazione"]["punteggio"] = f"{60 + (n * 7) % 40},{(n * 13) % 100:02d}"
        for index, criterion in enumerate(data["criteri"]):
            criterion["punteggio"] = f"{10 + (n + index) % 10},{(n * 3 + index) % 100:02d}"
        out.append(data)
    return out


def product(batch: list[dict], templates, office) -> float:
    start = time.perf_counter()
    for data in batch:
        render_pdf(templates.render("ammissione", data), data, office)
    return time.perf_counter() - start


def _bare_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = shared.fonts_dir()
    for name, file in (("BareSans", "DejaVuSans.ttf"), ("BareSans-Bold", "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def floor(texts: list[markup.LetterText], batch: list[dict]) -> float:
    """ReportLab drawing the same pages bare."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    width = 168 * mm
    start = time.perf_counter()
    for text, data in zip(texts, batch, strict=True):
        out = io.BytesIO()
        page = canvas.Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
        y = 285 * mm
        head = [data["ente"]["nome"], data["ente"]["direzione"], data["ente"]["ufficio"]]
        head += [data["lettera"]["luogo"] + ", " + data["lettera"]["data"]]
        head += [data["destinatario"]["denominazione"], data["destinatario"]["indirizzo"]]
        head += ["PEC: " + data["destinatario"]["pec"]]
        page.setFont("BareSans-Bold", 9)
        for line in head:
            page.drawString(22 * mm, y, line)
            y -= 11
        for line in simpleSplit("Oggetto: " + text.subject, "BareSans-Bold", 9, width):
            page.drawString(22 * mm, y, line)
            y -= 11
        page.setFont("BareSans", 8.9)
        for block in text.blocks:
            for line in simpleSplit(block.text.replace("\n", " "), "BareSans", 8.9, width):
                page.drawString(22 * mm, y, line)
                y -= 11
            y -= 3
        page.setFont("BareSans", 8)
        page.drawString(22 * mm, 7 * mm, "pagina 1 di 1")
        page.showPage()
        page.save()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    templates = load_templates()
    office = load_office()
    batch = letters(args.letters)
    shared.fonts()
    _bare_fonts()
    # Warm-up: a first letter of each (font files read, styles built), not timed.
    first = render_pdf(templates.render("ammissione", batch[0]), batch[0], office)
    import pikepdf

    with pikepdf.open(io.BytesIO(first)) as document:
        assert len(document.pages) == 1, "the benchmark's letter must fit one page"
    texts = [templates.render("ammissione", data) for data in batch]
    floor(texts[:1], batch[:1])

    product_best = floor_best = float("inf")
    for _ in range(args.repeat):
        product_best = min(product_best, product(batch, templates, office))
        floor_best = min(floor_best, floor(texts, batch))

    count = args.letters
    start = time.perf_counter()
    for data in batch[: min(count, 200)]:
        templates.render("ammissione", data)
    template_ms = (time.perf_counter() - start) / min(count, 200) * 1000

    per_1000 = product_best / count * 1000
    print(f"letters: {count} one-page ammissione letters, PDF/A-2b, one process")
    print(f"  product (template + layout + PDF/A): {count / product_best:7.1f} letters/s")
    print(f"  floor (ReportLab bare canvas text):  {count / floor_best:7.1f} letters/s")
    print(f"  ratio product/floor time:            {product_best / floor_best:7.2f}×")
    print(f"  template alone:                      {template_ms:7.2f} ms a letter")
    print(
        f"  {count} letters in {product_best:.1f} s "
        f"(1,000 in {per_1000:.1f} s; target {TARGET_SECONDS_PER_1000:.0f} s)"
    )
    missed = per_1000 > TARGET_SECONDS_PER_1000
    if missed:
        print("  TARGET MISSED")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
