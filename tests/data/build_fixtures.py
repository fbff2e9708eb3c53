"""Genera i file di prova dell'importazione (tutto inventato). Dalla radice del repository:

    .venv/bin/python -m tests.data.build_fixtures

Seme fisso: gli stessi file, byte per byte. Che cosa deve farne l'importatore è in README.md.

``portale-export.xlsx`` imita l'esportazione di un portale: intestazioni italiane non
canoniche (sinonimi), una colonna sconosciuta («Note istruttore») da ignorare, valori nei
formati del portale. Tutte le righe sono valide e ammissibili tranne queste sei, con un
solo problema ciascuna (riga = numero di riga nel foglio, intestazione = riga 1):

    riga  9  CC24-108   «Costo complessivo (€)» = "ottantamila"   importo non leggibile
    riga 12  CC24-111   «Data invio» = "31/02/2025"               data inesistente
    riga 15  CC24-114   «Durata (mesi)» = "dieci"                 durata non leggibile
    riga 18  CC24-117   «Municipio» = "12"                        Municipio fuori da 1-9
    riga 21  (vuoto)    «Codice pratica» vuoto                     codice mancante
    riga 24  CC24-107   «Codice pratica» ripetuto (prima alla riga 8): la seconda è scartata

Valide ma insidiose: il titolo della riga 3 inizia con "=SOMMA(A1)", le sintesi delle
righe 4, 5 e 6 iniziano con "+39 02", "@comune" e "-" (testo, non formule); la riga 7 ha
la «Data avvio» come numero seriale di Excel; la riga 13 la partita IVA come numero (ha
perso lo zero iniziale); la riga 14 il Municipio scritto «Municipio 4».
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.italian import format_date_it
from desktop.domain.money import format_eur
from desktop.importing.columns import CANONICAL
from resources.demo.build_demo import (
    QUARTIERI,
    Anagrafe,
    date_it,
    partita_iva,
    random_cost,
    save_xlsx,
    style_header,
    write_csv,
)

HERE = Path(__file__).resolve().parent
SEED = 2025

# Intestazioni del portale, nell'ordine delle colonne canoniche, più una sconosciuta.
PORTAL_HEADERS = [
    "Codice pratica", "Data invio", "Titolo progetto", "Descrizione",
    "Ragione sociale capofila", "Partita IVA capofila", "Forma giuridica",
    "Tipologia soggetto", "Numero REA", "PEC", "E-mail", "Referente progetto",
    "Sede operativa", "Municipio", "NIL", "Partner di progetto", "Obiettivi del bando",
    "Costo complessivo (€)", "Durata (mesi)", "Data avvio", "Obiettivo crowdfunding (€)",
    "Note istruttore",
]  # fmt: skip
NOTES = ["", "", "", "visura richiesta", "ok", "verificare firma digitale", "sentito il referente"]

# (municipio, quartiere, titolo, sintesi, problema): i problemi sono nel docstring in cima
PRATICHE = [
    (2, "NoLo", "Cortili in festa a NoLo",
     "Tre domeniche di festa nei cortili delle case di ringhiera, con i negozi della via che "
     "portano banchi e assaggi.", ""),
    (9, "Isola", "=SOMMA(A1) — i conti tornano in bottega",
     "Corsi serali di contabilità e vendita online per i titolari dei piccoli negozi "
     "dell'Isola.", ""),
    (4, "Corvetto", "Corvetto in bici",
     "+39 02 5550 1234 è il numero unico della nuova ciclofficina di quartiere, aperta con due "
     "bar e una scuola.", ""),
    (6, "Giambellino", "Mercato serale del Giambellino",
     "@comune e associazioni insieme: un mercato serale al mese con cucine di strada e "
     "artigiani del quartiere.", ""),
    (3, "Lambrate", "Lambrate, filiera del legno",
     "- laboratorio comune per falegnami e restauratori; - corsi per apprendisti; - vendita "
     "diretta dei mobili recuperati.", ""),
    (1, "Brera", "Vetrine che raccontano",
     "Le vetrine dei negozi storici di Brera ospitano a rotazione fotografie e storie del "
     "quartiere.", ""),
    (5, "Stadera", "Stadera, pane e quartiere",
     "Un forno di comunità che forma giovani panificatori e rifornisce le botteghe vicine.",
     ""),
    (7, "Baggio", "Baggio a km zero",
     "Un punto vendita comune per i produttori agricoli della zona e le botteghe del vecchio "
     "borgo.", "costo"),
    (8, "Quarto Oggiaro", "Quarto Oggiaro, strade aperte",
     "Quattro sabati di strada chiusa al traffico con giochi, musica e banchi dei negozi di "
     "vicinato.", ""),
    (2, "Greco", "Greco, il giardino della stazione",
     "Cura condivisa dell'aiuola davanti alla stazione, con panchine e un chiosco gestito da "
     "una cooperativa.", ""),
    (4, "Porta Romana", "Le botteghe di corso Lodi",
     "Una tessera fedeltà comune e consegne a domicilio per venti negozi di corso Lodi.",
     "data"),
    (6, "Barona", "Barona ripara",
     "Un repair café mensile in una ciclofficina: gli artigiani insegnano a riparare invece "
     "di buttare.", ""),
    (4, "Calvairate", "Calvairate, il mercato coperto",
     "Nuovi orari, un banco di prodotti locali e uno spazio bambini per il mercato coperto del "
     "quartiere.", ""),
    (3, "Città Studi", "Città Studi, spesa sospesa",
     "Le botteghe del quartiere raccolgono la spesa sospesa per studenti e anziani, con "
     "consegne in bicicletta.", "durata"),
    (7, "San Siro", "San Siro, sartoria di quartiere",
     "Una sartoria sociale forma donne del quartiere e lavora per i negozi di abbigliamento "
     "della zona.", ""),
    (5, "Vigentino", "Vigentino, mercato contadino",
     "Un mercato contadino mensile con le cascine del Parco Agricolo Sud e le botteghe di via "
     "Noto.", ""),
    (1, "Ticinese", "Ticinese, mestieri in vetrina",
     "Artigiani al lavoro nelle vetrine di corso di Porta Ticinese durante i fine settimana.",
     "municipio"),
    (8, "Gallaratese", "Gallaratese, orti sul tetto",
     "Orti condivisi sul tetto del mercato di quartiere, con corsi per le scuole.", ""),
    (2, "Loreto", "Loreto, notti di bottega",
     "Aperture serali coordinate dei negozi di viale Monza, con musica dal vivo e percorsi a "
     "piedi.", ""),
    (9, "Niguarda", "Niguarda, la piazza illuminata",
     "Luci nuove e sedute per la piazza pedonale, con serate estive organizzate dai bar.",
     "senza_codice"),
    (6, "Lorenteggio", "Lorenteggio, consegne a pedali",
     "Una cargo bike condivisa tra gli alimentari del quartiere per portare la spesa agli "
     "anziani.", ""),
    (9, "Bovisa", "Bovisa, botteghe creative",
     "Sei mesi di affitto calmierato ai giovani artigiani che aprono in un negozio sfitto di "
     "via Candiani.", ""),
    (3, "Ortica", "Ortica, la via dei murales",
     "Visite guidate ai murales del quartiere con tappe nelle trattorie e nelle botteghe "
     "storiche.", "codice_doppio"),
    (5, "Gratosoglio", "Gratosoglio, il verde sotto le torri",
     "Aiuole e orti curati dagli abitanti con un vivaio e una bottega alimentare del "
     "quartiere.", ""),
    (7, "De Angeli", "Intorno al mercato di piazza Wagner",
     "Laboratori di cucina e consegne comuni per i banchi storici del mercato coperto.", ""),
]  # fmt: skip
DUPLICATED = 6  # la pratica (indice in PRATICHE) il cui codice è ripetuto
EXCEL_EPOCH = dt.date(1899, 12, 30)


def portal_rows(rng: random.Random) -> list[list[object]]:
    """Le righe del foglio, nell'ordine delle intestazioni del portale."""
    anagrafe = Anagrafe(rng)
    first = dt.datetime(2024, 12, 2, 9, 0)
    moments = sorted(
        first + dt.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
        for _ in PRATICHE[:12]
    ) + sorted(
        dt.datetime(2025, 6, 3, 9, 0) + dt.timedelta(days=rng.randint(0, 140), minutes=rng.randint(0, 600))
        for _ in PRATICHE[12:]
    )  # fmt: skip
    rows, codes = [], []
    for index, ((municipio, quartiere, titolo, sintesi, problema), moment) in enumerate(
        zip(PRATICHE, moments, strict=True)
    ):
        capofila = anagrafe.soggetto()
        partner = [anagrafe.soggetto() for _ in range(rng.choice([0, 1, 2, 2, 3]))]
        cap, vie = QUARTIERI[municipio][quartiere]
        costo = random_cost(rng)
        durata = rng.randint(4, 10)
        inizio = (moment + dt.timedelta(days=rng.randint(60, 120))).date()
        code = "" if problema == "senza_codice" else f"CC24-{101 + len(codes)}"
        if problema == "codice_doppio":
            code = codes[DUPLICATED]
        elif code:
            codes.append(code)
        values: dict[str, object] = {
            "codice_domanda": code,
            "data_presentazione": date_it(moment, with_time=rng.random() < 0.6),
            "titolo": titolo,
            "sintesi": sintesi,
            "capofila_denominazione": capofila.denominazione,
            "capofila_codice_fiscale": capofila.codice_fiscale,
            "capofila_forma_giuridica": capofila.forma_giuridica,
            "capofila_categoria": capofila.categoria,
            "capofila_rea": capofila.rea,
            "capofila_pec": capofila.pec,
            "capofila_email": capofila.email,
            "referente": anagrafe.persona(),
            "indirizzo_sede_operativa": f"{rng.choice(vie)} {rng.randint(1, 140)}, {cap} Milano",
            "municipio": str(municipio),
            "quartiere": quartiere,
            "partner": "; ".join(f"{s.denominazione} ({s.codice_fiscale})" for s in partner),
            "obiettivi": ", ".join(map(str, sorted(rng.sample(range(1, 6), rng.randint(1, 3))))),
            "costo_totale": "€ " + format_eur(costo, symbol=False),
            "durata_mesi": f"{durata} mesi",
            "data_inizio": format_date_it(inizio),
            "obiettivo_raccolta": "€ " + format_eur(costo // 2, symbol=False),
        }
        # come li esporta un portale: qualche numero e qualche data sono celle vere
        if index % 5 == 1:
            values["costo_totale"], values["obiettivo_raccolta"] = costo / 100, costo / 200
        if index % 4 == 2:
            values["data_presentazione"] = moment
            values["durata_mesi"] = durata
        if index == 5:
            values["data_inizio"] = (inizio - EXCEL_EPOCH).days  # numero seriale di Excel
        if index == 11:  # una partita IVA che inizia per 0, diventata un numero
            values["capofila_codice_fiscale"] = int(
                partita_iva("0" + capofila.codice_fiscale[1:10])
            )
        if index == 12:
            values["municipio"] = f"Municipio {municipio}"
        if index in (3, 9, 18):
            values["obiettivi"] = "Beni comuni urbani; Rivitalizzazione commerciale"
        # l'unico problema delle righe sbagliate
        if problema == "costo":
            values["costo_totale"], values["obiettivo_raccolta"] = "ottantamila", "€ 40.000,00"
        elif problema == "data":
            values["data_presentazione"] = "31/02/2025"
        elif problema == "durata":
            values["durata_mesi"] = "dieci"
        elif problema == "municipio":
            values["municipio"] = "12"
        rows.append([*(values[c] for c in CANONICAL), rng.choice(NOTES)])
    return rows


def write_portal_export(rng: random.Random, path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Export domande"
    sheet.append(PORTAL_HEADERS)
    for values in portal_rows(rng):
        sheet.append([value if value != "" else None for value in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # testo che sembra una formula: resta testo
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.00 €"
    style_header(sheet, {"Titolo progetto": 34, "Descrizione": 50, "Partner di progetto": 40})
    save_xlsx(workbook, path)


# Cinque domande valide per le prove di codifica e separatore (le stesse in tre file).
FIVE = [
    ["CC24-201", "20/01/2025 11:05", "Città Studi, la via delle botteghe",
     "Dodici negozi di via Pascoli condividono vetrine, consegne e una festa di strada, perché "
     "il quartiere torni a comprare sotto casa.",
     "Cartoleria Città Studi di Elena Brivio", partita_iva("0412345015"), "ditta individuale",
     "micro impresa", "MI-2011223", "cartoleriacittastudi@pec.it", "info@cartoleriacittastudi.it",
     "Elena Brivio", "Via Giovanni Pascoli 21, 20133 Milano", "3", "Città Studi",
     f"Associazione Il Ponte APS ({partita_iva('9712000015')}); "
     f"Caffè Teodosio S.n.c. ({partita_iva('0598765015')})",
     "1, 5", "€ 45.000,00", "8 mesi", "01/04/2025", "22.500,00"],
    ["CC24-202", "28/01/2025", "Orti perché sì",
     "Un orto condiviso a Greco, curato da una cooperativa sociale con le scuole: verdura, "
     "compostaggio e pranzi di quartiere.",
     "Verdecomune Società Cooperativa Sociale", partita_iva("1023456015"),
     "cooperativa sociale", "ente del terzo settore", "MI-2099887", "verdecomune@legalmail.it",
     "info@verdecomune.it", "Marta Sironi", "Via Emilio De Marchi 12, 20125 Milano", "2",
     "Greco", "", "3, 4", "30.000,00", "10", "01/05/2025", "15.000,00"],
    ["CC24-203", "03/06/2025 09:40", "Caffè riparatore a Corvetto",
     "Un sabato al mese il bar di via Mompiani diventa un repair café: si aggiustano lampade, "
     "biciclette e vestiti, e si prende un caffè.",
     "Bar Mompiani di Karim Esposito", partita_iva("0876543015"), "ditta individuale",
     "micro impresa", "MI-2233445", "barmompiani@pec.it", "info@barmompiani.it",
     "Karim Esposito", "Via Mompiani 5, 20139 Milano", "4", "Corvetto",
     f"Ciclofficina Ruota Libera APS ({partita_iva('9723456015')})",
     "Sostenibilità sociale e ambientale; Beni comuni urbani", "24.800,00", "6 mesi",
     "15/09/2025", "12.400,00"],
    ["CC24-204", "15/07/2025 16:22", "Baggio, il borgo è vivo",
     "Feste di via, insegne restaurate e un mercato mensile: le botteghe del vecchio borgo di "
     "Baggio si mettono insieme.",
     "Il Borgo Bottega S.r.l.", partita_iva("1134567015"), "S.r.l.", "piccola impresa",
     "MI-2345678", "ilborgobottega@pec.it", "info@ilborgobottega.it", "Giorgio Mauri",
     "Piazza Anselmo da Baggio 3, 20152 Milano", "7", "Baggio",
     f"Panetteria Sala di Anna Sala ({partita_iva('0356789015')}); "
     f"Associazione culturale Il Borgo ({partita_iva('8012345015')})",
     "1, 2, 5", "98.500,00", "10 mesi", "01/10/2025", "49.250,00"],
    ["CC24-205", "30/10/2025 23:10", "Isola, libri e caffè",
     "Una libreria e due caffè dell'Isola organizzano letture, scambio di libri e un piccolo "
     "festival d'autunno.",
     "Libreria L'Isola che c'è S.a.s.", partita_iva("0667788015"), "S.a.s.", "micro impresa",
     "MI-2456789", "libreriaisola@pec.it", "info@libreriaisola.it", "Sara Colombo",
     "Via Borsieri 30, 20159 Milano", "9", "Isola", "", "1", "20.000,00", "4",
     "10/01/2026", "10.000,00"],
]  # fmt: skip

PORTAL_MAP = """\
# Mappatura per portale-export.xlsx: le altre intestazioni del portale sono sinonimi
# che Commissione riconosce da sola; queste due le indichiamo qui, per provare
# mappatura e sinonimi insieme.
#     commissione import portale-export.xlsx --map portale-export-mappa.toml

[colonne]
"Partner di progetto" = "partner"
"Obiettivi del bando" = "obiettivi"
"""

NOT_A_WORKBOOK = (
    "Questo non è un foglio di calcolo.\n"
    "È un file di testo salvato con l'estensione .xlsx, come capita quando si rinomina un "
    "file a mano.\n"
    "L'importatore deve rifiutarlo con un messaggio chiaro.\n"
)


def main() -> None:
    rng = random.Random(SEED)
    write_portal_export(rng, HERE / "portale-export.xlsx")
    (HERE / "portale-export-mappa.toml").write_text(PORTAL_MAP, encoding="utf-8")
    write_csv(HERE / "domande-cp1252.csv", CANONICAL, FIVE, encoding="cp1252")
    write_csv(HERE / "domande-tab.tsv", CANONICAL, FIVE, delimiter="\t", encoding="utf-8")
    write_csv(HERE / "domande-virgola.csv", CANONICAL, FIVE, delimiter=",")
    (HERE / "non-un-foglio.xlsx").write_text(NOT_A_WORKBOOK, encoding="utf-8")
    (HERE / "vuoto.csv").write_bytes(b"")
    write_csv(HERE / "solo-intestazione.csv", CANONICAL, [])
    missing = [c for c in CANONICAL if c not in ("titolo", "costo_totale")]
    write_csv(
        HERE / "colonne-mancanti.csv",
        missing,
        [[v for c, v in zip(CANONICAL, row, strict=True) if c in missing] for row in FIVE[:3]],
    )
    print("scritti i file di prova in", HERE)


if __name__ == "__main__":
    main()
