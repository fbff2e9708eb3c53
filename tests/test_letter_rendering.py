"""Decision letters rendered from their templates: every kind as PDF/A-2b read back
with pdftotext (every element the law asks for), pdffonts (every font embedded) and
pikepdf (XMP pdfaid part 2 conformance B, the output intent, no encryption, no
actions or links); the templates checked on load (an unknown placeholder or field is
refused naming the file and the line); the DOCX read back with python-docx; the
merged PDF for printing.

Not validated here: full PDF/A conformance (veraPDF is not available on this machine);
the checks above are the parts of it that the tools at hand can see."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pikepdf
import pytest

from desktop.domain import letters as rules
from desktop.letters import templates as markup
from desktop.letters.docx import render_docx
from desktop.letters.office import load_office
from desktop.letters.pdf import merge_pdfs, render_pdf
from desktop.letters.templates import LetterTemplateError, load_templates
from tests.conftest import RESOURCES
from tests.letters_sample import CRITERI, LONG_TITLE, MOTIVAZIONI, sample_data

SCORED = ("ammissione", "idoneo-non-finanziato", "non-idoneo")


def _text(document: bytes, tmp_path, name="letter.pdf", *, layout=False) -> str:
    """The text pdftotext reads, white space collapsed (`layout`: table rows kept on
    one line each; otherwise columns read one after the other)."""
    path = tmp_path / name
    path.write_bytes(document)
    out = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", " ", out)


def _render(kind, **overrides):
    data = sample_data(kind, **overrides)
    letter = load_templates().render(kind, data)
    return letter, data, render_pdf(letter, data, load_office())


@pytest.fixture(scope="module")
def rendered():
    return {kind: _render(kind) for kind in rules.KINDS}


@pytest.mark.parametrize("kind", rules.KINDS)
def test_every_letter_carries_what_the_law_asks(kind, rendered, tmp_path):
    letter, data, document = rendered[kind]
    text = _text(document, tmp_path)
    ente, to, bando = data["ente"], data["destinatario"], data["bando"]
    # the letterhead, and the reserved area where the protocol stamps its segnatura
    for value in (ente["nome"], ente["direzione"], ente["ufficio"]):
        assert value in text
    assert "Spazio riservato alla segnatura di protocollo" in text
    # place and date, addressee with address and PEC
    assert "Milano, 31/01/2025" in text
    for value in (to["denominazione"], to["indirizzo"], f"PEC: {to['pec']}"):
        assert value in text
    # subject; premises: the call, its act, the application, the session
    assert "Oggetto:" in text and data["domanda"]["codice"] in letter.subject
    assert bando["atto"] in text and bando["titolo"] in text
    assert "I sessione" in text and LONG_TITLE[:60] in text
    # responsabile del procedimento and how to reach the office; access to documents
    assert data["responsabile"]["nome"] in text and data["responsabile"]["email"] in text
    assert ente["pec"] in text
    if kind != "preavviso":
        assert "artt. 22 ss. L. 241/1990" in text
    # the appeal clause, except on the notice of grounds for rejection
    appeal = ("60 (sessanta) giorni", "120 (centoventi) giorni", bando["tribunale"])
    if kind == "preavviso":
        assert not any(a in text for a in appeal) and "ricorso" not in text
        assert "10 giorni" in text and "osservazioni" in text and "10-bis" in text
    else:
        assert all(a in text for a in appeal) and "Presidente della Repubblica" in text
    # the signature block
    firmatario = data["firmatario"]
    assert firmatario["nome"] in text and firmatario["qualifica"] in text
    assert "Firmato digitalmente ai sensi del d.lgs. 82/2005" in text
    # office contacts in the footer, one page
    assert "pagina 1 di 1" in text


@pytest.mark.parametrize("kind", SCORED)
def test_score_based_letters_give_each_criterion_with_its_maximum(kind, rendered, tmp_path):
    _, data, document = rendered[kind]
    text = _text(document, tmp_path, layout=True)
    for name, score, maximum in CRITERI:
        assert re.search(rf"{re.escape(name)} {re.escape(score)} {maximum}\b", text), name
    total = data["valutazione"]["punteggio"]
    assert re.search(rf"Punteggio complessivo {re.escape(total)} 100", text)
    assert re.search(r"Soglia minima per l'idoneità 60", text)
    for motivation in MOTIVAZIONI:
        assert motivation[:70] in text
    assert "media dei punteggi dei 3 componenti" in text


def test_each_kind_says_its_decision(rendered, tmp_path):
    def text(kind):
        return _text(rendered[kind][2], tmp_path, f"{kind}.pdf")

    esclusione = text("esclusione")
    assert "esclusa dalla procedura" in esclusione and "art. 3 L. 241/1990" in esclusione
    for rule in sample_data()["regole_non_rispettate"]:
        for field in ("regola", "valore", "norma"):
            assert rule[field] in esclusione
    soccorso = text("soccorso")
    assert "Dichiarazione de minimis" in soccorso and "non allegata" in soccorso
    assert "entro il 10/02/2025" in soccorso
    ammissione = text("ammissione")
    assert "7° posto" in ammissione and "ammesso alla campagna di crowdfunding" in ammissione
    assert "48.200,00 €" in ammissione and "dal 03/03/2025 al 02/05/2025" in ammissione
    assert "60 giorni" in ammissione
    idoneo = text("idoneo-non-finanziato")
    assert "21° posto" in idoneo and "750.000,00 €" in idoneo and "prime 16 proposte" in idoneo
    assert "idonea ma non finanziata" in idoneo
    assert "inferiore alla soglia minima di 60" in text("non-idoneo")
    concesso = text("contributo-concesso")
    assert "51.730,00 €" in concesso and "107%" in concesso and "48.200,00 €" in concesso
    assert "codice COR: da assegnare" in concesso
    non_concesso = text("contributo-non-concesso")
    assert "21.540,00 €" in non_concesso and "non è concesso" in non_concesso
    assert "COR" in non_concesso
    convenzione = text("convenzione")
    assert "entro 30 giorni" in convenzione and "02/03/2025" in convenzione


def test_a_protocol_number_replaces_the_reserved_area_and_a_cor_is_printed(tmp_path):
    _, _, document = _render(
        "contributo-concesso",
        protocollo={"numero": "PG 123456/2025", "data": "03/02/2025"},
        contributo={"cor": "1234567"},
    )
    text = _text(document, tmp_path)
    assert "PG 123456/2025" in text and "del 03/02/2025" in text
    assert "Spazio riservato" not in text
    assert "codice COR: 1234567" in text


def test_values_never_become_markup():
    data = sample_data(
        "ammissione",
        domanda={"titolo": "- **non grassetto**\n# non titolo"},
        motivazioni=[{"testo": "[[firma]]\n> due righe"}],
    )
    letter = load_templates().render("ammissione", data)
    kinds = [block.kind for block in letter.blocks]
    assert kinds.count(markup.SIGNATURE_BLOCK) == 1 and markup.HEADING not in kinds
    joined = letter.plain
    assert "- **non grassetto**\n# non titolo" in joined
    quote = next(b for b in letter.blocks if b.kind == markup.QUOTE)
    assert quote.text == "«[[firma]]\n> due righe»"
    assert not any(bold for b in letter.blocks for t, bold in b.spans if "grassetto" in t)


def test_the_pdf_is_pdfa_2b_as_far_as_the_tools_here_see(rendered, tmp_path):
    letter, data, document = rendered["ammissione"]
    path = tmp_path / "a.pdf"
    path.write_bytes(document)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert "DejaVu" in line and re.search(r"\byes\s+yes\s+yes\b", line), line
    assert b"Helvetica" not in document
    with pikepdf.open(io.BytesIO(document)) as pdf:
        assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
        assert len(pdf.trailer.ID) == 2
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == letter.subject
        info = pdf.docinfo
        assert str(info.Title) == letter.subject and str(info.Author) == "Comune di Milano"
        assert str(info.Producer) == meta["pdf:Producer"]
        assert str(info.Creator) == meta["xmp:CreatorTool"]
        assert str(info.CreationDate) == "D:20250131120000+01'00'"
        assert meta["xmp:CreateDate"] == "2025-01-31T12:00:00+01:00"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB "
        for name in ("/OpenAction", "/AA", "/AcroForm", "/Names"):
            assert name not in pdf.Root
        for page in pdf.pages:
            assert "/Annots" not in page.obj and "/AA" not in page.obj
    raw = pikepdf.open(io.BytesIO(document))
    everything = b"".join(
        obj.read_bytes() if isinstance(obj, pikepdf.Stream) else bytes(repr(obj), "utf-8")
        for obj in raw.objects
        if obj is not None
    )
    raw.close()
    for action in (b"/URI", b"/Launch", b"/JavaScript", b"/JS "):
        assert action not in everything
    # deterministic: the same data gives the same bytes
    assert render_pdf(letter, data, load_office()) == document


def test_merged_pdf_keeps_every_page_and_stays_pdfa(rendered):
    documents = [rendered[kind][2] for kind in rules.KINDS]
    merged = merge_pdfs(documents, title="Lettere — I sessione", author="Comune di Milano")
    with pikepdf.open(io.BytesIO(merged)) as pdf:
        assert len(pdf.pages) == len(rules.KINDS)
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["dc:title"] == "Lettere — I sessione"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"


def test_the_docx_has_the_same_text_and_a_real_score_table(rendered):
    import docx

    letter, data, _ = rendered["ammissione"]
    document = docx.Document(io.BytesIO(render_docx(letter, data, load_office())))
    body = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Comune di Milano" in header and "Unità Crowdfunding civico" in header
    assert "economiaurbana@postacert.comune.milano.it" in footer
    assert f"Oggetto: {letter.subject}" in body
    for value in (
        data["destinatario"]["denominazione"],
        "PEC: cittacondivisa@pec.it",
        data["bando"]["atto"],
        "ammesso alla campagna di crowdfunding",
        "120 (centoventi) giorni",
        data["firmatario"]["nome"],
        MOTIVAZIONI[0][:50],
    ):
        assert value in body, value
    protocol, scores = document.tables
    assert "Spazio riservato alla segnatura di protocollo" in protocol.cell(0, 0).text
    rows = [[cell.text for cell in row.cells] for row in scores.rows]
    assert rows[0] == ["Criterio", "Punteggio", "Massimo"]
    assert rows[1:6] == [list(c) for c in CRITERI]
    assert rows[6] == ["Punteggio complessivo", "82,50", "100"]
    assert document.core_properties.title == letter.subject


# ----------------------------------------------------------------- template checks


def _copy_templates(tmp_path):
    folder = tmp_path / "letters"
    shutil.copytree(RESOURCES / "letters", folder)
    return folder


def test_every_kind_has_a_template_that_loads():
    templates = load_templates()
    assert set(templates._compiled) == set(rules.KINDS)


def test_an_unknown_placeholder_is_refused_naming_file_and_line(tmp_path):
    folder = _copy_templates(tmp_path)
    path = folder / "esclusione.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "Riferimento: {{ domanda.codce }}")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LetterTemplateError) as refused:
        load_templates(folder)
    assert refused.value.file == "esclusione.txt" and refused.value.line == 5
    assert "esclusione.txt, riga 5" in refused.value.it
    assert "«domanda.codce»" in refused.value.it and "domanda.codice" in refused.value.it
    assert "esclusione.txt, line 5" in refused.value.en


def test_an_unknown_name_and_a_wrong_loop_field_are_refused(tmp_path):
    folder = _copy_templates(tmp_path)
    (folder / "_accesso.txt").write_text("Testo\n{{ domandaa.codice }}\n", encoding="utf-8")
    with pytest.raises(LetterTemplateError) as refused:
        load_templates(folder)
    assert "_accesso.txt, riga 2" in refused.value.it and "«domandaa»" in refused.value.it

    folder = _copy_templates(tmp_path / "second")
    (folder / "_accesso.txt").write_text(
        "{% for r in criteri %}\n- {{ r.nome }}: {{ r.voto }}\n{% endfor %}\n", encoding="utf-8"
    )
    with pytest.raises(LetterTemplateError) as refused:
        load_templates(folder)
    assert "_accesso.txt, riga 2" in refused.value.it and "«r.voto»" in refused.value.it
    assert "r.punteggio" in refused.value.it


def test_a_missing_template_a_missing_include_and_a_syntax_error_are_refused(tmp_path):
    folder = _copy_templates(tmp_path / "a")
    (folder / "convenzione.txt").unlink()
    with pytest.raises(LetterTemplateError, match=r"convenzione\.txt: manca il modello"):
        load_templates(folder)

    folder = _copy_templates(tmp_path / "b")
    (folder / "_chiusura.txt").unlink()
    with pytest.raises(LetterTemplateError) as refused:
        load_templates(folder)
    assert "«_chiusura.txt» non esiste" in refused.value.it and ", riga " in refused.value.it

    folder = _copy_templates(tmp_path / "c")
    (folder / "soccorso.txt").write_text("Oggetto: x\n\n{% if bando.titolo %}\nTesto\n")
    with pytest.raises(LetterTemplateError, match=r"soccorso.txt, riga \d+: errore di sintassi"):
        load_templates(folder)

    folder = _copy_templates(tmp_path / "d")
    (folder / "non-idoneo.txt").write_text("Oggetto: x\n\nTesto\n\n[[tabella voti]]\n")
    with pytest.raises(LetterTemplateError, match=r"non-idoneo.txt, riga 5: direttiva sconosciuta"):
        load_templates(folder)


def test_an_edited_template_is_picked_up(tmp_path):
    folder = _copy_templates(tmp_path)
    first = load_templates(folder)
    assert load_templates(folder) is first
    path = folder / "_ricorso.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nRiga aggiunta.\n", encoding="utf-8")
    second = load_templates(folder)
    assert second is not first
    letter = second.render("esclusione", sample_data("esclusione"))
    assert "Riga aggiunta." in letter.plain


def test_the_offices_logo_is_drawn_in_the_letterhead(tmp_path):
    from PIL import Image

    folder = tmp_path / "office"
    folder.mkdir()
    Image.new("RGB", (300, 120), (160, 20, 30)).save(folder / "stemma.png")
    toml = (RESOURCES / "letters" / "ufficio.toml").read_text(encoding="utf-8")
    (folder / "ufficio.toml").write_text(
        toml.replace('logo = ""', 'logo = "stemma.png"'), encoding="utf-8"
    )
    office = load_office(directory=folder)
    data = sample_data("esclusione")
    letter = load_templates().render("esclusione", data)
    document = render_pdf(letter, data, office)
    with pikepdf.open(io.BytesIO(document)) as pdf:
        images = list(pdf.pages[0].get_images())
        assert len(images) == 1 and len(pdf.pages) == 1
    assert render_docx(letter, data, office)[:2] == b"PK"
