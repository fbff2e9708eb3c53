"""Genera i dati dimostrativi di «Crowdfunding civico 2024-2025 — Alleanze di quartiere».

Tutto è inventato: persone, imprese, enti, codici fiscali, R.E.A. e indirizzi PEC.
Dalla radice del repository:

    .venv/bin/python -m resources.demo.build_demo

scrive ``domande-demo.xlsx`` (fogli «domande» e «partner») e ``domande-demo.csv``
(partner nella cella ``partner``). Il seme è fisso: gli stessi file, byte per byte.
Le domande non ammissibili, una regola violata ciascuna, sono elencate in README.md.

Le colonne sono quelle dell'importatore (``desktop.importing.columns``). Le funzioni
generiche qui sotto (partita IVA, salvataggio XLSX riproducibile, CSV) servono anche a
``resources/templates/build_templates.py`` e ``tests/data/build_fixtures.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import astuple, dataclass, replace
from operator import attrgetter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop.domain.italian import format_date_it, format_datetime_it, partita_iva_check_digit
from desktop.domain.money import format_eur
from desktop.importing.columns import CANONICAL, PARTNER_SHEET_COLUMNS

HERE = Path(__file__).resolve().parent
SEED = 2024

# --- Funzioni generiche --------------------------------------------------------------


def partita_iva(first_ten: str) -> str:
    """Le dieci cifre date più la cifra di controllo della partita IVA."""
    return first_ten + partita_iva_check_digit(first_ten)


def spoil(tax_code: str) -> str:
    """Lo stesso codice con la cifra di controllo sbagliata."""
    return tax_code[:-1] + str((int(tax_code[-1]) + 1) % 10)


def date_it(value: dt.datetime, with_time: bool = False) -> str:
    """«31/01/2025» oppure «31/01/2025 10:32»."""
    return format_datetime_it(value, value.time()) if with_time else format_date_it(value)


def save_xlsx(workbook: Workbook, path: Path) -> None:
    """Salva con date e orari fissi nel pacchetto, perché il file sia riproducibile."""
    fixed = dt.datetime(2024, 1, 1)
    workbook.properties.creator = "Commissione"
    workbook.properties.created = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)  # openpyxl scrive «modified» = adesso: lo riportiamo a «fixed»
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            info = zipfile.ZipInfo(item.filename, date_time=fixed.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def write_csv(
    path: Path, header, rows: list[list], delimiter: str = ";", encoding: str = "utf-8-sig"
) -> None:
    """CSV con righe CRLF, come lo salva Excel; «utf-8-sig» scrive il BOM."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)


def style_header(sheet, widths: dict[str, int] | None = None, default_width: int = 18) -> None:
    """Intestazione in grassetto, riga bloccata, larghezze leggibili."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        width = (widths or {}).get(cell.value, default_width)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


# --- Il quartiere: Municipi, NIL, vie -------------------------------------------------

# municipio -> quartiere (NIL) -> (CAP, vie)
QUARTIERI: dict[int, dict[str, tuple[str, list[str]]]] = {
    1: {
        "Brera": ("20121", ["Via Fiori Chiari", "Via Solferino", "Via Pontaccio", "Via San Marco"]),
        "Ticinese": ("20123", ["Corso di Porta Ticinese", "Via Vetere", "Via Gian Giacomo Mora"]),
    },
    2: {
        "NoLo": ("20127", ["Via Padova", "Via Venini", "Via Clitumno", "Via Arquà"]),
        "Loreto": ("20127", ["Viale Monza", "Via Andrea Costa", "Via Pietro Crespi"]),
        "Greco": ("20125", ["Via Emilio De Marchi", "Via Rucellai", "Piazza Greco"]),
        "Turro": ("20127", ["Via Rovereto", "Via Padova", "Via Cavalcabò"]),
    },
    3: {
        "Città Studi": ("20133", ["Via Giovanni Pascoli", "Via Teodosio", "Via Ampère"]),
        "Lambrate": ("20134", ["Via Ventura", "Via Conte Rosso", "Via Rombon"]),
        "Ortica": ("20134", ["Via San Faustino", "Via Cima"]),
        "Porta Venezia": ("20124", ["Via Lazzaretto", "Via Lecco", "Via Melzo"]),
    },
    4: {
        "Corvetto": ("20139", ["Via Mompiani", "Via Oglio", "Via Marochetti"]),
        "Porta Romana": ("20135", ["Corso Lodi", "Via Crema", "Via Muratori"]),
        "Calvairate": ("20137", ["Viale Molise", "Via Tommei", "Via Cadore"]),
        "Rogoredo": ("20138", ["Via Rogoredo", "Via Freikofel"]),
    },
    5: {
        "Vigentino": ("20141", ["Via Noto", "Viale Ortles", "Via Vigentina"]),
        "Gratosoglio": ("20142", ["Via dei Missaglia", "Via Saponaro", "Via Baroni"]),
        "Stadera": ("20141", ["Via Barrili", "Via Neera", "Via Palmieri"]),
        "Chiaravalle": ("20139", ["Via Sant'Arialdo", "Via San Bernardo"]),
    },
    6: {
        "Giambellino": ("20146", ["Via Giambellino", "Via Odazio", "Via Segneri"]),
        "Lorenteggio": ("20147", ["Via Lorenteggio", "Via Inganni", "Via Manzano"]),
        "Barona": ("20142", ["Via Barona", "Via Boffalora", "Via Danusso"]),
        "Bande Nere": ("20146", ["Piazza Bande Nere", "Via Primaticcio"]),
    },
    7: {
        "San Siro": ("20148", ["Piazzale Selinunte", "Via Paravia", "Via Zamagna"]),
        "Baggio": ("20152", ["Piazza Anselmo da Baggio", "Via Cusago", "Via Gianella"]),
        "Quarto Cagnino": ("20153", ["Via Fratelli Zoia", "Via Quarti"]),
        "De Angeli": ("20146", ["Piazza Wagner", "Via Frua"]),
    },
    8: {
        "Quarto Oggiaro": ("20157", ["Via Pascarella", "Via Lopez", "Via Val Trompia"]),
        "Gallaratese": ("20151", ["Via Cilea", "Via Appennini", "Via Gallarate"]),
        "QT8": ("20148", ["Piazza Santa Maria Nascente", "Via Isernia"]),
        "Villapizzone": ("20156", ["Via Console Marcello", "Via Villapizzone"]),
    },
    9: {
        "Isola": ("20159", ["Via Borsieri", "Via Thaon di Revel", "Via Confalonieri"]),
        "Bovisa": ("20158", ["Via Candiani", "Via Durando", "Via Lambruschini"]),
        "Niguarda": ("20162", ["Via Ornato", "Piazza Belloveso", "Via Hermada"]),
        "Dergano": ("20158", ["Via Dergano", "Via Tartini", "Piazza Dergano"]),
        "Affori": ("20161", ["Via Astesani", "Via Pellegrino Rossi", "Via Cialdini"]),
    },
}
SESTO = "Viale Gramsci 214, 20099 Sesto San Giovanni (MI)"


# --- I progetti -------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    municipio: int  # 0: sede operativa fuori Milano
    quartiere: str
    titolo: str
    sintesi: str
    obiettivi: str
    problema: str = ""  # la sola regola del bando che la domanda viola, se ne viola una


# fmt: off
PROJECTS = [
    Project(1, "Brera", "Cortili aperti in Brera",
            "Le botteghe artigiane di via Fiori Chiari aprono i cortili interni per laboratori, "
            "visite e piccoli mercati il sabato mattina. L'alleanza tra artigiani, una libreria e "
            "un'associazione culturale vuole riportare residenti e famiglie in strade frequentate "
            "quasi solo dai turisti.",
            "1, 5"),
    Project(1, "Ticinese", "Ticinese, bottega per bottega",
            "Una guida cartacea, un percorso sonoro e vetrine coordinate raccontano le botteghe "
            "storiche di corso di Porta Ticinese. I negozi aderenti condividono un calendario di "
            "aperture serali e un servizio di consegna a piedi per gli anziani del quartiere.",
            "Botteghe storiche e piccole imprese; Rivitalizzazione commerciale"),
    Project(1, "Ticinese", "Ripariamo in via Vetere",
            "Un repair café settimanale nei locali di una ciclofficina, dove volontari e "
            "artigiani aiutano i residenti a riparare piccoli elettrodomestici, biciclette e "
            "vestiti. Il progetto forma due giovani del quartiere come tecnici riparatori e "
            "riduce i rifiuti ingombranti della zona.",
            "4, 5"),
    Project(1, "Brera", "Il sabato dei librai",
            "Tre librerie indipendenti e una cartoleria storica organizzano ogni mese letture in "
            "strada, scambio di libri e incontri con autori milanesi. Una tessera comune dà "
            "sconti nei negozi aderenti e finanzia una piccola biblioteca di condominio.",
            "1, 5", "tra_sessioni"),
    Project(2, "NoLo", "Via Padova in festa",
            "Una festa di strada in quattro tappe, da maggio a settembre, costruita con i "
            "commercianti di via Padova e le associazioni di NoLo. Musica, cucine dal mondo e "
            "banchi dei negozi di vicinato trasformano la via in una piazza lunga un chilometro. "
            "Parte del ricavato va a un fondo per riaprire le vetrine sfitte: si balla fino a "
            "mezzanotte 🎉",
            "1, 3"),
    Project(2, "NoLo", "Consegne di quartiere a NoLo",
            "Gli alimentari, la farmacia e la ferramenta di via Venini condividono una cargo bike "
            "e un punto di ritiro comune. Gli ordini arrivano per telefono o su WhatsApp e sono "
            "consegnati in giornata, con priorità a chi non può uscire di casa.",
            "4, 5"),
    Project(2, "Loreto", "Le botteghe di viale Monza",
            "Dodici attività di viale Monza lanciano una campagna di comunicazione comune, "
            "un'insegna condivisa per i negozi sfitti e un programma di aperture domenicali. "
            "L'obiettivo è fermare le chiusure lungo l'asse e attirare nuove attività artigiane.",
            "1, 5"),
    Project(2, "Greco", "L'orto di Greco",
            "Un orto condiviso in un'area verde abbandonata vicino alla stazione, curato da una "
            "cooperativa sociale con gli abitanti e due scuole. Gli ortaggi riforniscono una "
            "trattoria e una bottega di quartiere, che in cambio ospitano corsi di cucina "
            "stagionale.",
            "2, 3, 4"),
    Project(2, "Turro", "Turro suona",
            "Concerti acustici nei cortili e nei negozi di Turro, organizzati da una scuola di "
            "musica con bar, panetterie e un negozio di strumenti. I concerti sono gratuiti e "
            "accompagnati da una mappa delle attività del quartiere.",
            "1", "costo_basso"),
    Project(3, "Città Studi", "Città Studi a km zero",
            "Un mercato settimanale in piazza Leonardo da Vinci con i produttori del Parco "
            "Agricolo Sud e le botteghe del quartiere. Studenti e residenti possono ordinare una "
            "cassetta settimanale da ritirare nei negozi aderenti.",
            "Filiere e vocazioni locali; Rivitalizzazione commerciale", "grande_impresa"),
    Project(3, "Lambrate", "Via Ventura, bottega comune",
            "Falegnami, tipografi e designer aprono un laboratorio condiviso con macchine in "
            "comune e corsi per ragazzi. Il progetto recupera un capannone dismesso e lo apre al "
            "quartiere con un calendario di porte aperte.",
            "2, 5", "costo_alto"),
    Project(3, "Ortica", "I muri dell'Ortica raccontano",
            "Un nuovo ciclo di murales sulla storia operaia dell'Ortica, con visite guidate in "
            "cui trattorie e botteghe offrono una tappa di degustazione. Le visite sono condotte "
            "da giovani del quartiere formati come guide.",
            "1, 3"),
    Project(3, "Porta Venezia", "Lazzaretto verde",
            "Fioriere, panchine e un giardino della pioggia per il tratto pedonale di via "
            "Lazzaretto, curati da bar, ristoranti e residenti. Un patto di collaborazione con il "
            "Municipio affida la manutenzione ai negozianti, che si alternano nella cura del "
            "verde.",
            "3, 4"),
    Project(3, "Città Studi", "Riuso Città Studi",
            "Un mercatino mensile dell'usato e del baratto per studenti fuori sede e famiglie, "
            "con un punto di raccolta permanente in una cartoleria di via Pascoli. Gli oggetti "
            "invenduti vanno a un laboratorio di riparazione gestito da una cooperativa sociale.",
            "4"),
    Project(4, "Corvetto", "Accendiamo piazza Angilberto",
            "Illuminazione a basso consumo, sedute e un programma di serate per la piazza "
            "pedonale nata con Piazze Aperte. Bar, una libreria per ragazzi e un'associazione "
            "sportiva si impegnano a tenere viva la piazza fino alle 22 nei mesi estivi.",
            "1, 3, 4"),
    Project(4, "Corvetto", "Corvetto a tavola",
            "Quattro ristoranti del quartiere cucinano pasti a prezzo calmierato per anziani "
            "soli, consegnati dai ragazzi di una cooperativa sociale. I ristoranti comprano "
            "insieme da produttori lombardi, così riducono costi e sprechi.",
            "2, 4", "senza_capofila"),
    Project(4, "Porta Romana", "Corso Lodi, vetrine vive",
            "Le vetrine sfitte di corso Lodi ospitano a rotazione giovani artigiani e progetti "
            "culturali, con affitti calmierati concordati con i proprietari. Un negozio capofila "
            "coordina il calendario e la comunicazione comune.",
            "1, 5"),
    Project(4, "Calvairate", "Calvairate, mercato di quartiere",
            "Il mercato coperto del quartiere rilancia con orari serali, un banco dei prodotti "
            "delle cascine milanesi e uno spazio per i bambini. I banchi storici e una "
            "cooperativa agricola costruiscono una filiera corta per le mense delle scuole "
            "vicine.",
            "2, 5", "cf_capofila"),
    Project(4, "Rogoredo", "Rogoredo, bici e caffè",
            "Una ciclofficina popolare accanto alla stazione, con un bar che offre la colazione a "
            "chi ripara la propria bici. Sono previsti corsi di manutenzione per i ragazzi e un "
            "deposito bici sorvegliato.",
            "3, 4"),
    Project(5, "Gratosoglio", "Gratosoglio coltiva",
            "Orti condivisi ai piedi delle torri bianche, con corsi di orticoltura per anziani e "
            "ragazzi e un mercato mensile degli ortaggi raccolti. L'alleanza riunisce un vivaio, "
            "una bottega alimentare e un'associazione di inquilini.",
            "Beni comuni urbani; Sostenibilità sociale e ambientale", "durata"),
    Project(5, "Chiaravalle", "La filiera del grano antico",
            "Cascine, un forno e un birrificio artigianale di Chiaravalle costruiscono una "
            "filiera del grano antico, dalla semina alla vendita in un punto comune vicino "
            "all'abbazia. Il progetto prevede gite in bicicletta dalla città e un marchio di "
            "quartiere.",
            "1, 2"),
    Project(5, "Vigentino", "Festa di via Noto",
            "Una festa di strada e tre mercatini stagionali in via Noto e nelle vie vicine, "
            "organizzati con i negozi e le scuole. Le attività partecipanti condividono un sito e "
            "una newsletter per i residenti.",
            "1"),
    Project(5, "Stadera", "Stadera, la falegnameria di cortile",
            "Nel cortile di una casa popolare di via Barrili apre una falegnameria di comunità, "
            "gestita da artigiani in pensione e giovani apprendisti. I mobili recuperati sono "
            "venduti a prezzi simbolici in un negozio solidale, perché niente vada sprecato.",
            "4, 5"),
    Project(6, "Giambellino", "Il mercato di via Odazio",
            "Riapertura serale del mercato di quartiere con cucine di strada, banchi di artigiani "
            "e un palco per le scuole di musica della zona. Commercianti e due associazioni "
            "gestiscono insieme la programmazione e la pulizia dell'area.",
            "1, 3", "raccolta"),
    Project(6, "Lorenteggio", "Lorenteggio, consegne solidali",
            "Le botteghe alimentari di via Lorenteggio si uniscono per la spesa a domicilio, con "
            "una cargo bike elettrica e un magazzino condiviso. Le consegne sono affidate a "
            "giovani seguiti da una cooperativa sociale del quartiere.",
            "4, 5"),
    Project(6, "Barona", "Il forno di comunità della Barona",
            "Un forno di quartiere che fa il pane con farine del Parco Agricolo Sud e forma "
            "giovani panificatori. Il pane invenduto va a un emporio solidale; la domenica i "
            "residenti possono cuocere qui le proprie teglie.",
            "2, 4"),
    Project(6, "Bande Nere", "Piazza Bande Nere, botteghe in rete",
            "Una carta fedeltà comune per quindici negozi intorno alla piazza, con premi "
            "spendibili in tutte le attività. Il progetto comprende la formazione digitale dei "
            "titolari più anziani.",
            "5", "spa"),
    Project(7, "San Siro", "Piazzale Selinunte, botteghe e saperi",
            "Il piazzale diventa il centro di un programma di eventi con gli alimentari del "
            "quartiere, una sartoria sociale e un'associazione di donne. Uno sportello aiuta i "
            "nuovi imprenditori a orientarsi tra permessi e bandi.",
            "1, 5"),
    Project(7, "Baggio", "Il borgo di Baggio",
            "Le botteghe del vecchio borgo, intorno a piazza Anselmo da Baggio, organizzano un "
            "mercato mensile dei prodotti locali e visite guidate alla storia del borgo. Il "
            "progetto restaura anche le insegne storiche di tre negozi.",
            "1, 2, 5", "cf_partner"),
    Project(7, "Quarto Cagnino", "Orto e cucina a Quarto Cagnino",
            "Un orto didattico accanto alla scuola, con una cucina mobile che porta i prodotti "
            "alle feste di quartiere. Lo gestiscono un'associazione di genitori, un ristorante e "
            "un agricoltore della zona.",
            "3, 4"),
    Project(7, "De Angeli", "Intorno al mercato Wagner",
            "Intorno al mercato coperto di piazza Wagner i commercianti organizzano laboratori di "
            "cucina, degustazioni e una consegna a domicilio comune. I banchi storici del mercato "
            "affiancano due giovani imprese alimentari.",
            "2, 5"),
    Project(8, "Quarto Oggiaro", "Via Pascarella apre",
            "Giornate di strada aperta in via Pascarella con i banchi dei negozi, giochi per "
            "bambini e un punto di ascolto per i residenti. Commercianti e due associazioni "
            "sportive si impegnano a curare le aiuole della via.",
            "1, 3"),
    Project(8, "Gallaratese", "Gallaratese, la spesa buona",
            "Un gruppo d'acquisto di quartiere con punto di ritiro in una latteria di via Cilea, "
            "che compra direttamente dai produttori lombardi. Gli acquisti di gruppo abbassano i "
            "prezzi per le famiglie e garantiscono un reddito stabile ai produttori.",
            "2, 4"),
    Project(8, "QT8", "Monte Stella, la collina di tutti",
            "Piccoli interventi di cura dei sentieri del Monte Stella, con camminate, concerti e "
            "picnic organizzati insieme ai bar e ai negozi del QT8. I volontari di "
            "un'associazione ambientalista guidano la manutenzione del verde.",
            "3, 4", "dopo_sessioni"),
    Project(8, "Villapizzone", "Villapizzone, borgo artigiano",
            "Laboratori di ceramica, tessitura e falegnameria aprono al pubblico una volta al "
            "mese, con un percorso a piedi tra i cortili del vecchio borgo. Il progetto forma tre "
            "apprendisti e apre un negozio condiviso per vendere i prodotti.",
            "2, 5"),
    Project(9, "Isola", "Isola, un quartiere in bottega",
            "Sartorie, ciclofficine e librerie di via Borsieri lanciano un calendario comune di "
            "laboratori aperti e una mappa delle botteghe artigiane dell'Isola. Il progetto aiuta "
            "due nuove attività ad aprire in locali sfitti.",
            "1, 5", "rea"),
    Project(9, "Bovisa", "Via Candiani creativa",
            "Giovani designer, un panificio storico e un'associazione di quartiere trasformano "
            "via Candiani in una via delle botteghe creative, con vetrine condivise e una festa "
            "stagionale. Chi apre un laboratorio in un negozio sfitto ha sei mesi di affitto "
            "agevolato.",
            "1, 2"),
    Project(9, "Niguarda", "Il giardino di via Ornato",
            "Un giardino condiviso in un'area verde di via Ornato, con panchine costruite dai "
            "ragazzi di una falegnameria sociale e un chiosco gestito da una cooperativa. Le "
            "botteghe vicine sostengono la manutenzione con una raccolta permanente.",
            "3, 4"),
    Project(9, "Dergano", "Piazza Dergano, luci e voci",
            "Nuova illuminazione e un impianto audio leggero per la piazza pedonale di Dergano, "
            "con serate di cinema, letture e musica. Bar e negozi della piazza si impegnano a "
            "curarne la pulizia e a finanziarne la manutenzione per tre anni.",
            "1, 3"),
    Project(0, "", "Consegne a pedali Nord Milano",
            "Una cooperativa di ciclofattorini organizza le consegne per venti negozi di Affori e "
            "Niguarda, con un punto di ritiro in un bar di via Astesani. Le consegne a emissioni "
            "zero sostituiscono i furgoni dei fornitori nelle vie più strette.",
            "4, 5", "sede"),
]
# fmt: on

# Perché ogni domanda non ammissibile viola la regola che dice il suo «problema».
PROBLEMI = {
    "costo_alto": "costo 120.000,00 € oltre il massimo di 100.000,00 €",
    "costo_basso": "costo 15.000,00 € sotto il minimo di 20.000,00 €",
    "tra_sessioni": "presentata il 15/02/2025, tra la I e la II sessione",
    "dopo_sessioni": "presentata il 05/11/2025, dopo la chiusura della II sessione",
    "durata": "durata 12 mesi, oltre il massimo di 10",
    "spa": "capofila di categoria «società per azioni», non ammessa",
    "rea": "R.E.A. del capofila mancante",
    "senza_capofila": "nessun capofila indicato (denominazione e codice fiscale vuoti)",
    "sede": "Municipio vuoto, sede operativa a Sesto San Giovanni (da verificare)",
    "cf_capofila": "codice fiscale del capofila con cifra di controllo errata (da verificare)",
    "cf_partner": "codice fiscale di un partner con cifra di controllo errata (da verificare)",
    "raccolta": "obiettivo di raccolta diverso dal 50% del costo (da verificare)",
    "grande_impresa": "un partner (foglio «partner») di categoria «grande impresa»",
}

# Casi limite ammissibili, utili per mostrare i confini delle regole.
COSTO_ESATTO = {"Ripariamo in via Vetere": 2_000_000, "Accendiamo piazza Angilberto": 10_000_000}


# --- Soggetti inventati -------------------------------------------------------------------

NOMI = [
    "Giulia", "Marco", "Chiara", "Luca", "Francesca", "Paolo", "Elena", "Davide", "Sara",
    "Matteo", "Anna", "Stefano", "Martina", "Andrea", "Silvia", "Giorgio", "Federica",
    "Alessandro", "Laura", "Nicola", "Valentina", "Riccardo", "Irene", "Tommaso", "Samira",
    "Wei", "Ana", "Karim", "Ioana", "Rocco",
]  # fmt: skip
COGNOMI = [
    "Brambilla", "Colombo", "Fumagalli", "Galimberti", "Crippa", "Bonfanti", "Vergani",
    "Arosio", "Longoni", "Mauri", "Pozzi", "Cattaneo", "Radaelli", "Sironi", "Tagliabue",
    "Brivio", "Casati", "Mariani", "Ferrandi", "Zanoletti", "Oggioni", "Re", "Mandelli",
    "Pirovano", "Esposito", "Greco", "Ruggiero", "El Amrani", "Zhou", "Popescu", "Mendoza",
]  # fmt: skip
MESTIERI = [
    "Panificio", "Ferramenta", "Libreria", "Sartoria", "Latteria", "Erboristeria",
    "Cartoleria", "Osteria", "Trattoria", "Caffetteria", "Macelleria", "Ortofrutta",
    "Gastronomia", "Calzoleria", "Merceria", "Tipografia", "Falegnameria", "Gelateria",
    "Enoteca", "Fioreria", "Pasticceria", "Drogheria", "Vineria", "Ciclofficina",
]  # fmt: skip
FANTASIA = [
    "La Spiga d'Oro", "Il Gelso Bianco", "Fiordaliso", "Le Tre Rose", "Il Tornio",
    "La Ghianda", "Il Cortile Verde", "Gelsomoro", "Quattro Venti", "La Pergola",
    "Il Melograno", "Tramontana", "La Lanterna Blu", "Il Filo Rosso", "Il Girasole",
    "La Bussola", "Il Ciliegio", "Il Glicine", "La Civetta", "Acquamarina", "Tre Ponti",
    "Il Mandorlo", "La Rondine", "Il Ramo Verde", "La Fornace", "Il Tamburo", "La Madia",
    "Il Setaccio", "Ponte di Pietra", "Il Gomitolo", "La Mongolfiera", "Controvento",
    "Il Tiglio", "La Cicala", "Mezzaluna", "Il Lampione", "Il Sestante", "La Formica",
    "Filo di Ferro", "Il Vaso di Coccio", "Ruota Libera", "La Carovana", "Il Sambuco",
    "Il Bucaneve", "La Chiocciola", "Il Pettirosso", "Lanterna Magica", "Il Calicanto",
    "La Meridiana", "Il Cerchio Aperto", "Altrove", "La Gazza Ladra", "Il Trifoglio",
    "La Clessidra", "Il Quadrifoglio", "Pane e Rose", "Il Frassino", "La Tartaruga",
    "Sottosopra", "La Libellula", "Il Pozzo", "Nuvola Rossa", "Il Balcone",
]  # fmt: skip
PEC_DOMINI = ["pec.it", "legalmail.it", "pec.cgn.it", "arubapec.it"]

# (forma giuridica, categoria, peso): i modi di esistere di un soggetto ammesso
FORME = [
    ("ditta individuale", "micro impresa", 5),
    ("S.n.c.", "micro impresa", 4),
    ("S.a.s.", "micro impresa", 2),
    ("S.r.l.", "micro impresa", 3),
    ("S.r.l.", "piccola impresa", 3),
    ("S.r.l.", "media impresa", 1),
    ("cooperativa sociale", "ente del terzo settore", 3),
    ("APS", "ente del terzo settore", 4),
    ("ODV", "ente del terzo settore", 1),
    ("associazione", "altro ente non profit", 2),
    ("fondazione", "altro ente non profit", 1),
]


@dataclass(frozen=True)
class Soggetto:
    denominazione: str
    codice_fiscale: str
    forma_giuridica: str
    categoria: str
    rea: str
    pec: str
    email: str


def mailbox(name: str) -> str:
    """«Latteria La Rondine di Vergani e Fumagalli S.n.c.» -> «latterialarondine»."""
    core = re.split(rf" di (?={'|'.join(NOMI + COGNOMI)})", name)[0]
    core = core.replace("Società Cooperativa Sociale", "coop")
    core = core.replace("Associazione culturale", "ac")
    core = re.sub(r"Associazione|S\.\w\.\w\.", "", core)
    core = unicodedata.normalize("NFKD", core).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", core.lower())[:24]


class Anagrafe:
    """Inventa soggetti, persone e codici, senza ripetizioni."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.fantasie: list[str] = []

    def unique(self, make) -> str:
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def fantasia(self) -> str:
        """I nomi di fantasia girano a turno: mai due uguali a breve distanza."""
        if not self.fantasie:
            self.fantasie = self.rng.sample(FANTASIA, k=len(FANTASIA))
        return self.fantasie.pop()

    def persona(self) -> str:
        return f"{self.rng.choice(NOMI)} {self.rng.choice(COGNOMI)}"

    def codice_fiscale(self, non_profit: bool) -> str:
        # 7 cifre di matricola (gli enti non commerciali iniziano per 97 o 80), 015 = Milano
        def make() -> str:
            prefix = self.rng.choice(["97", "80"]) if non_profit else self.rng.choice(["0", "1"])
            serial = prefix + "".join(self.rng.choice("0123456789") for _ in range(7 - len(prefix)))
            return partita_iva(serial + self.rng.choice(["015", "015", "096"]))

        return self.unique(make)

    def denominazione(self, forma: str) -> str:
        rng = self.rng
        cognome, mestiere = rng.choice(COGNOMI), rng.choice(MESTIERI)
        if forma == "ditta individuale":
            return f"{mestiere} {cognome} di {rng.choice(NOMI)} {cognome}"
        fantasia = self.fantasia()
        return {
            "S.n.c.": f"{mestiere} {fantasia} di {cognome} e {rng.choice(COGNOMI)} S.n.c.",
            "S.a.s.": f"{fantasia} di {rng.choice(NOMI)} {cognome} & C. S.a.s.",
            "S.r.l.": f"{fantasia} {rng.choice(['Lab', 'Milano', 'Servizi', 'Bottega'])} S.r.l.",
            "cooperativa sociale": f"{fantasia} Società Cooperativa Sociale",
            "APS": f"Associazione {fantasia} APS",
            "ODV": f"Volontari {fantasia} ODV",
            "fondazione": f"Fondazione {fantasia}",
        }.get(forma, f"Associazione culturale {fantasia}")

    def soggetto(self, forma: str = "", categoria: str = "") -> Soggetto:
        if not forma:
            forma, categoria, _ = self.rng.choices(FORME, weights=[f[2] for f in FORME])[0]
        name = self.unique(lambda: self.denominazione(forma))
        base = mailbox(name)
        suffix = ["mi", "milano"]  # solo se la casella è già presa
        core = self.unique(lambda: base + (self.rng.choice(suffix) if base in self.used else ""))
        non_profit = categoria in ("ente del terzo settore", "altro ente non profit")
        return Soggetto(
            denominazione=name,
            codice_fiscale=self.codice_fiscale(non_profit and forma != "cooperativa sociale"),
            forma_giuridica=forma,
            categoria=categoria,
            rea=self.unique(lambda: f"MI-{self.rng.randint(1_500_000, 2_760_000)}"),
            pec=f"{core}@{self.rng.choice(PEC_DOMINI)}",
            email=f"info@{core}.it",
        )


# --- Le domande ---------------------------------------------------------------------------

SESSIONE_I = (dt.datetime(2024, 11, 4), dt.datetime(2025, 1, 31, 23, 59))
SESSIONE_II = (dt.datetime(2025, 6, 1), dt.datetime(2025, 10, 31, 23, 59))
FUORI_SESSIONE = {
    "tra_sessioni": dt.datetime(2025, 2, 15, 11, 20),
    "dopo_sessioni": dt.datetime(2025, 11, 5, 9, 5),
}
SPA = Soggetto(
    "Retelombarda Servizi Commerciali S.p.A.", partita_iva("1843027096"), "S.p.A.",
    "società per azioni", "MI-2393957", "retelombardaservizi@legalmail.it",
    "info@retelombardaservizi.it",
)  # fmt: skip
GRANDE_IMPRESA = Soggetto(
    "Mercati Riuniti Padani S.p.A.", partita_iva("0738215015"), "S.p.A.", "grande impresa",
    "MI-1187342", "mercatiriunitipadani@legalmail.it", "info@mercatiriunitipadani.it",
)  # fmt: skip


def sessione(moment: dt.datetime) -> str:
    if moment <= SESSIONE_I[1]:
        return "I"
    return "II" if SESSIONE_II[0] <= moment <= SESSIONE_II[1] else "fuori"


def random_moment(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """Un istante nella finestra, più probabile verso la scadenza (come succede davvero)."""
    days = (end - start).days
    day = start + dt.timedelta(days=int(rng.triangular(0, days, days)))
    return day.replace(hour=rng.randint(8, 22), minute=rng.randint(0, 59))


def random_cost(rng: random.Random) -> int:
    """Un costo plausibile in centesimi: cifre tonde o preventivi al decimo di euro."""
    if rng.random() < 0.5:
        return rng.randint(50, 196) * 50_000  # da 25.000 a 98.000 €, a passi di 500 €
    return rng.randint(2_400, 9_700) * 1_000 + rng.choice([0, 20, 40, 60, 80])  # 47.380,40 €


@dataclass
class Domanda:
    project: Project
    presentata: dt.datetime
    con_ora: bool
    capofila: Soggetto | None
    referente: str
    indirizzo: str
    partner: list[Soggetto]
    costo: int  # centesimi
    durata: int
    durata_testo: str  # «10» o «10 mesi»
    inizio: dt.date
    raccolta: int  # centesimi
    codice: str = ""


def domanda(p: Project, presentata: dt.datetime, anagrafe: Anagrafe) -> Domanda:
    rng, problema = anagrafe.rng, p.problema
    capofila = anagrafe.soggetto()
    if problema == "spa":
        capofila = SPA
    elif problema == "rea":
        capofila = replace(capofila, rea="")
    elif problema == "cf_capofila":
        capofila = replace(capofila, codice_fiscale=spoil(capofila.codice_fiscale))
    elif problema == "senza_capofila":
        capofila = None

    how_many = rng.choices(range(6), weights=[3, 2, 5, 5, 3, 2])[0]
    if problema in ("grande_impresa", "cf_partner"):
        how_many = max(how_many, 2)
    partner = [anagrafe.soggetto() for _ in range(how_many)]
    if problema == "grande_impresa":
        partner[1] = GRANDE_IMPRESA
    elif problema == "cf_partner":
        partner[-1] = replace(partner[-1], codice_fiscale=spoil(partner[-1].codice_fiscale))

    if problema == "sede":
        indirizzo = SESTO
    else:
        cap, vie = QUARTIERI[p.municipio][p.quartiere]
        indirizzo = f"{rng.choice(vie)} {rng.randint(1, 140)}, {cap} Milano"
    costo = (
        {"costo_alto": 12_000_000, "costo_basso": 1_500_000}.get(problema)
        or COSTO_ESATTO.get(p.titolo)
        or random_cost(rng)
    )
    durata = 12 if problema == "durata" else rng.randint(5, 10)
    inizio = (presentata + dt.timedelta(days=rng.randint(60, 120))).date()
    return Domanda(
        project=p,
        presentata=presentata,
        con_ora=rng.random() < 0.5,
        capofila=capofila,
        referente=anagrafe.persona(),
        indirizzo=indirizzo,
        partner=partner,
        costo=costo,
        durata=durata,
        durata_testo=f"{durata} mesi"
        if problema == "durata" or rng.random() < 0.4
        else str(durata),
        inizio=inizio.replace(day=1) if rng.random() < 0.5 else inizio,
        # la parte del costo che il contributo (metà, al massimo 50.000 €) non copre
        raccolta=costo * 4 // 10 if problema == "raccolta" else costo - min(costo // 2, 5_000_000),
    )


def build(rng: random.Random) -> list[Domanda]:
    anagrafe = Anagrafe(rng)
    # sei domande su dieci nella I sessione, tra quelle senza una data «sbagliata» imposta
    free = [p for p in PROJECTS if p.problema not in FUORI_SESSIONE]
    first = set(rng.sample(range(len(free)), k=round(len(free) * 0.6)))
    moments = {
        p.titolo: random_moment(rng, *(SESSIONE_I if i in first else SESSIONE_II))
        for i, p in enumerate(free)
    }
    domande = [
        domanda(p, moments.get(p.titolo) or FUORI_SESSIONE[p.problema], anagrafe) for p in PROJECTS
    ]
    # casi limite ammissibili: l'ultima della I sessione, la prima e l'ultima della II
    when = attrgetter("presentata")
    in_i = [d for d in domande if sessione(d.presentata) == "I"]
    in_ii = [d for d in domande if sessione(d.presentata) == "II"]
    for d, moment in (
        (max(in_i, key=when), dt.datetime(2025, 1, 31, 23, 41)),
        (min(in_ii, key=when), dt.datetime(2025, 6, 1, 8, 2)),
        (max(in_ii, key=when), dt.datetime(2025, 10, 31, 17, 55)),
    ):
        d.presentata, d.con_ora = moment, True
    # il portale numera le domande in ordine di arrivo
    domande.sort(key=when)
    for number, d in enumerate(domande, start=1):
        d.codice = f"CC24-{number:03d}"
    return domande


def text_row(d: Domanda) -> dict[str, str]:
    """Una domanda come la esporta un portale in CSV: tutto testo, formati italiani."""
    p, c = d.project, d.capofila or Soggetto("", "", "", "", "", "", "")
    return {
        "codice_domanda": d.codice,
        "data_presentazione": date_it(d.presentata, d.con_ora),
        "titolo": p.titolo,
        "sintesi": p.sintesi,
        "capofila_denominazione": c.denominazione,
        "capofila_codice_fiscale": c.codice_fiscale,
        "capofila_forma_giuridica": c.forma_giuridica,
        "capofila_categoria": c.categoria,
        "capofila_rea": c.rea,
        "capofila_pec": c.pec,
        "capofila_email": c.email,
        "referente": d.referente,
        "indirizzo_sede_operativa": d.indirizzo,
        "municipio": str(p.municipio) if p.municipio else "",
        "quartiere": p.quartiere,
        "partner": "; ".join(f"{s.denominazione} ({s.codice_fiscale})" for s in d.partner),
        "obiettivi": p.obiettivi,
        "costo_totale": format_eur(d.costo, symbol=False),
        "durata_mesi": d.durata_testo,
        "data_inizio": format_date_it(d.inizio),
        "obiettivo_raccolta": format_eur(d.raccolta, symbol=False),
    }


def write_xlsx(domande: list[Domanda], rng: random.Random, path: Path) -> None:
    """Come un portale: importi a volte numeri, a volte testo; date a volte vere celle data."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "domande"
    sheet.append(CANONICAL)
    for d in domande:
        row: dict[str, object] = text_row(d)
        row["partner"] = ""  # i partner stanno nel foglio «partner»
        row["municipio"] = d.project.municipio or None
        if d.durata_testo.isdigit():
            row["durata_mesi"] = d.durata
        numbers, dates = rng.random() < 0.5, rng.random() < 0.5
        if numbers:
            row["costo_totale"], row["obiettivo_raccolta"] = d.costo / 100, d.raccolta / 100
        if dates:
            row["data_presentazione"] = d.presentata if d.con_ora else d.presentata.date()
            row["data_inizio"] = d.inizio
        sheet.append([row[c] or None for c in CANONICAL])
        cells = {c: sheet.cell(sheet.max_row, i + 1) for i, c in enumerate(CANONICAL)}
        cells["costo_totale"].number_format = "#,##0.00"
        cells["obiettivo_raccolta"].number_format = "#,##0.00"
        if dates:
            time = " HH:MM" if d.con_ora else ""
            cells["data_presentazione"].number_format = "DD/MM/YYYY" + time
            cells["data_inizio"].number_format = "DD/MM/YYYY"
    widths = {"titolo": 34, "sintesi": 60, "capofila_denominazione": 40, "obiettivi": 30}
    style_header(sheet, {**widths, "indirizzo_sede_operativa": 36, "capofila_pec": 32})

    partners = workbook.create_sheet("partner")
    partners.append(PARTNER_SHEET_COLUMNS)
    for d in domande:
        for s in d.partner:
            partners.append([d.codice, *astuple(s)])
    style_header(partners, {"denominazione": 44, "pec": 36, "email": 34})
    save_xlsx(workbook, path)


def main() -> None:
    rng = random.Random(SEED)
    domande = build(rng)
    write_xlsx(domande, rng, HERE / "domande-demo.xlsx")
    write_csv(HERE / "domande-demo.csv", CANONICAL, [list(text_row(d).values()) for d in domande])

    codes = [s.codice_fiscale for d in domande for s in [d.capofila, *d.partner] if s]
    assert len(codes) == len(set(codes)), "codici fiscali ripetuti"
    sessions = Counter(sessione(d.presentata) for d in domande)
    partners = sum(len(d.partner) for d in domande)
    print(f"{len(domande)} domande, per sessione {dict(sessions)}, {partners} partner")
    print("| codice | titolo | regola violata |\n|---|---|---|")
    for d in domande:
        if d.project.problema:
            print(f"| {d.codice} | {d.project.titolo} | {PROBLEMI[d.project.problema]} |")


if __name__ == "__main__":
    main()
