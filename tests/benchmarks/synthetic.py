"""Deterministic synthetic applications in the formats Italian portals export.

`write_csv(path, rows)` writes a `;`-separated UTF-8 CSV with BOM, every cell text;
`write_xlsx(path, rows)` writes the same applications to a workbook where half the
rows carry real numbers and datetimes, as portals do. Same seed, same files. Every
row imports without problems; about 1% are ineligible (cost above the call's maximum)
and the ~40% with partners come out "to check" (the cell gives no partner's R.E.A.).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from desktop.domain.italian import partita_iva_check_digit
from desktop.importing.columns import CANONICAL

SEED = 2025

FIRST_NAMES = [
    "Anna",
    "Chiara",
    "Giulia",
    "Marco",
    "Luca",
    "Matteo",
    "Sara",
    "Paolo",
    "Elena",
    "Davide",
    "Ioana",
    "Samira",
]
SURNAMES = [
    "Rossi",
    "Colombo",
    "Brivio",
    "Crippa",
    "Fumagalli",
    "Galimberti",
    "Mauri",
    "Pozzi",
    "Re",
    "Sala",
    "Villa",
    "Longoni",
]
SHOPS = [
    "Osteria",
    "Bottega",
    "Forno",
    "Libreria",
    "Ciclofficina",
    "Sartoria",
    "Erboristeria",
    "Latteria",
    "Vineria",
]
FORMS = {
    "S.r.l.": "piccola impresa",
    "S.n.c.": "micro impresa",
    "ditta individuale": "micro impresa",
    "S.p.A.": "media impresa",
    "APS": "ente del terzo settore",
    "cooperativa sociale": "ente del terzo settore",
}
QUARTIERI = {
    1: "Brera",
    2: "NoLo",
    3: "Lambrate",
    4: "Calvairate",
    5: "Chiaravalle",
    6: "Barona",
    7: "Baggio",
    8: "Gallaratese",
    9: "Niguarda",
}
STREETS = [
    "Padova",
    "Ornato",
    "Cilea",
    "Ventura",
    "Ripamonti",
    "Gola",
    "Novara",
    "Porpora",
    "Lorenteggio",
]
FRAGMENTS = [
    "Le botteghe della via si alleano per riaprire un negozio sfitto",
    "un forno, una libreria e un'associazione organizzano un mercato serale",
    "il progetto recupera uno spazio dismesso e lo apre al quartiere",
    "corsi per ragazzi e un calendario di porte aperte",
    "consegne a piedi per gli anziani e un servizio di prenotazione",
    "i produttori lombardi vendono direttamente alle famiglie",
    "fioriere, panchine e un giardino della pioggia lungo il tratto pedonale",
    "un marchio di quartiere e una mappa delle attività",
]


def _tax_code(rng: random.Random) -> str:
    first10 = f"{rng.randrange(10**7):07d}{rng.choice(('015', '096', '965'))}"
    return first10 + partita_iva_check_digit(first10)


def _entity(rng: random.Random) -> tuple[str, str, str, str, str, str, str]:
    """name, tax code, legal form, category, REA, PEC, email."""
    form = rng.choice(list(FORMS))
    surname = rng.choice(SURNAMES)
    if form in ("APS", "cooperativa sociale"):
        name = f"Associazione {rng.choice(SHOPS)} {surname} {form}"
    else:
        name = f"{rng.choice(SHOPS)} {surname} di {rng.choice(FIRST_NAMES)} {surname} {form}"
    slug = "".join(c for c in name.lower() if c.isalnum())[:24]
    rea = f"MI-{rng.randrange(1_000_000, 2_600_000)}"
    return name, _tax_code(rng), form, FORMS[form], rea, f"{slug}@pec.it", f"info@{slug}.it"


def _amount(cents: int) -> str:
    return f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


def _summary(rng: random.Random) -> str:
    text = ""
    while len(text) < 200:
        text += rng.choice(FRAGMENTS).capitalize() + ". "
    return text[:400].strip()


def applications(rows: int, seed: int = SEED) -> Iterator[tuple[dict[str, str], dict]]:
    """(text cells, typed cells) per application: the typed ones are what a workbook holds."""
    rng = random.Random(seed)
    for index in range(1, rows + 1):
        if rng.random() < 0.5:
            day = dt.date(2024, 12, 1) + dt.timedelta(days=rng.randrange(62))  # session I
        else:
            day = dt.date(2025, 6, 1) + dt.timedelta(days=rng.randrange(153))  # session II
        with_time = rng.random() < 0.3
        submitted = dt.datetime.combine(day, dt.time(rng.randrange(8, 20), rng.randrange(60)))
        start = dt.datetime(day.year + (day.month == 12), day.month % 12 + 1, 1)
        cost = rng.randrange(2_000_000, 10_000_000 if rng.random() < 0.97 else 12_000_000)
        target = cost // 2
        months = rng.randrange(3, 11)
        district = rng.randrange(1, 10)
        lead = _entity(rng)
        partners = [_entity(rng) for _ in range(rng.randrange(1, 4) if rng.random() < 0.4 else 0)]
        objectives = sorted(rng.sample(range(1, 6), rng.randrange(1, 3)))
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        text = {
            "codice_domanda": f"SY-{index:07d}",
            "data_presentazione": submitted.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y"),
            "titolo": f"{rng.choice(SHOPS)} di via {rng.choice(STREETS)} n. {index}",
            "sintesi": _summary(rng),
            "capofila_denominazione": lead[0],
            "capofila_codice_fiscale": lead[1],
            "capofila_forma_giuridica": lead[2],
            "capofila_categoria": lead[3],
            "capofila_rea": lead[4],
            "capofila_pec": lead[5],
            "capofila_email": lead[6],
            "referente": f"{first} {surname}",
            "indirizzo_sede_operativa": f"Via {rng.choice(STREETS)} {rng.randrange(1, 200)}, "
            f"201{district:02d} Milano",
            "municipio": str(district),
            "quartiere": QUARTIERI[district],
            "partner": "; ".join(f"{p[0]} ({p[1]})" for p in partners),
            "obiettivi": ", ".join(map(str, objectives)),
            "costo_totale": _amount(cost),
            "durata_mesi": f"{months} mesi" if rng.random() < 0.5 else str(months),
            "data_inizio": start.strftime("%d/%m/%Y"),
            "obiettivo_raccolta": _amount(target),
        }
        typed = {
            "data_presentazione": submitted if with_time else dt.datetime.combine(day, dt.time()),
            "costo_totale": cost / 100,
            "obiettivo_raccolta": target / 100,
            "durata_mesi": months,
            "municipio": district,
            "data_inizio": start,
        }
        yield text, typed


def write_csv(path: Path | str, rows: int, seed: int = SEED) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CANONICAL)
        for text, _typed in applications(rows, seed):
            writer.writerow([text[c] for c in CANONICAL])
    return path


def write_xlsx(path: Path | str, rows: int, seed: int = SEED) -> Path:
    from openpyxl import Workbook

    path = Path(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("domande")
    sheet.append(CANONICAL)
    for index, (text, typed) in enumerate(applications(rows, seed)):
        cells = {**text, **typed} if index % 2 == 0 else text
        sheet.append([cells[c] for c in CANONICAL])
    workbook.save(path)
    return path
