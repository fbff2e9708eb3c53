"""Genera i modelli da compilare per importare le domande in Commissione.

Dalla radice del repository:

    .venv/bin/python -m resources.templates.build_templates

scrive ``modello-domande.xlsx`` (fogli «domande», «partner», «istruzioni») e
``modello-domande.csv``. ``mappatura-esempio.toml`` accanto è scritto a mano.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from desktop.importing.columns import CANONICAL, PARTNER_SHEET_COLUMNS, REQUIRED
from resources.demo.build_demo import partita_iva, save_xlsx, style_header, write_csv

HERE = Path(__file__).resolve().parent

# Una domanda d'esempio (inventata), come la si scrive in un CSV.
EXAMPLE = {
    "codice_domanda": "CC24-001",
    "data_presentazione": "31/01/2025 10:32",
    "titolo": "Botteghe aperte in via Padova",
    "sintesi": (
        "Dieci negozi di vicinato e un'associazione di quartiere organizzano aperture serali, "
        "un mercato mensile e consegne a domicilio condivise. L'obiettivo è riportare "
        "passaggio e acquisti nelle vie dove le vetrine chiudono."
    ),
    "capofila_denominazione": "Bottega Rossi di Mario Rossi",
    "capofila_codice_fiscale": partita_iva("0123456015"),
    "capofila_forma_giuridica": "ditta individuale",
    "capofila_categoria": "micro impresa",
    "capofila_rea": "MI-2103456",
    "capofila_pec": "bottegarossi@pec.it",
    "capofila_email": "info@bottegarossi.it",
    "referente": "Mario Rossi",
    "indirizzo_sede_operativa": "Via Padova 87, 20127 Milano",
    "municipio": "2",
    "quartiere": "NoLo",
    "partner": "",  # compilata sotto, dai partner d'esempio
    "obiettivi": "1, 5",
    "costo_totale": "85.000,00",
    "durata_mesi": "10 mesi",
    "data_inizio": "01/04/2025",
    "obiettivo_raccolta": "42.500,00",
}
PARTNERS = [
    ["Associazione Il Cortile APS", partita_iva("9712345015"), "APS",
     "ente del terzo settore", "MI-2234567", "ilcortileaps@pec.it", "info@ilcortileaps.it"],
    ["Panificio Bianchi S.n.c.", partita_iva("0765432015"), "S.n.c.", "micro impresa",
     "MI-1987654", "panificiobianchi@legalmail.it", "info@panificiobianchi.it"],
]  # fmt: skip
EXAMPLE["partner"] = "; ".join(f"{p[0]} ({p[1]})" for p in PARTNERS)

EURO = "euro in formato italiano: 85.000,00 (anche 85000 o una cella numerica di Excel)"
DATA = "gg/mm/aaaa (anche una cella data di Excel)"
CODICE_FISCALE = (
    "11 cifre (partita IVA o codice fiscale numerico dell'ente), oppure i 16 caratteri del "
    "codice fiscale di una persona fisica"
)

# colonna -> (significato, formati accettati)
ISTRUZIONI = {
    "codice_domanda": ("Codice della domanda assegnato dal portale", "testo, unico nel file"),
    "data_presentazione": (
        "Data (e ora) di invio della domanda: decide la sessione",
        "gg/mm/aaaa oppure gg/mm/aaaa hh:mm (anche una cella data di Excel)",
    ),
    "titolo": ("Titolo del progetto", "testo"),
    "sintesi": ("Descrizione breve del progetto", "testo, anche di più frasi"),
    "capofila_denominazione": ("Ragione sociale del soggetto capofila", "testo"),
    "capofila_codice_fiscale": ("Codice fiscale o partita IVA del capofila", CODICE_FISCALE),
    "capofila_forma_giuridica": (
        "Forma giuridica del capofila",
        "testo: S.r.l., S.n.c., S.a.s., ditta individuale, APS, ODV, cooperativa sociale, "
        "associazione, fondazione…",
    ),
    "capofila_categoria": (
        "Categoria del capofila ai fini dell'ammissibilità",
        "micro impresa, piccola impresa, media impresa, ente del terzo settore, "
        "altro ente non profit",
    ),
    "capofila_rea": (
        "Numero di iscrizione al R.E.A. del capofila (richiesto dal bando)",
        "sigla della provincia e numero: MI-2103456",
    ),
    "capofila_pec": ("PEC del capofila: il canale delle comunicazioni ufficiali", "indirizzo PEC"),
    "capofila_email": ("E-mail ordinaria del capofila", "indirizzo e-mail"),
    "referente": ("Persona di riferimento per il progetto", "nome e cognome"),
    "indirizzo_sede_operativa": (
        "Sede operativa del progetto",
        "via, civico, CAP e città",
    ),
    "municipio": (
        "Municipio della sede operativa",
        "numero da 1 a 9; vuoto se la sede non è a Milano",
    ),
    "quartiere": ("Quartiere (NIL) del progetto", "testo: NoLo, Corvetto, Isola…"),
    "partner": (
        "Partner dell'aggregazione, capofila escluso. Nel modello XLSX si possono elencare "
        "invece nel foglio «partner», con categoria e R.E.A.",
        "Nome (codice fiscale); Nome (codice fiscale) — vuoto se il capofila partecipa da solo",
    ),
    "obiettivi": (
        "Obiettivi del bando perseguiti: 1 Rivitalizzazione commerciale; 2 Filiere e vocazioni "
        "locali; 3 Beni comuni urbani; 4 Sostenibilità sociale e ambientale; 5 Botteghe "
        "storiche e piccole imprese",
        "numeri separati da virgola (1, 3) oppure nomi separati da «;»",
    ),
    "costo_totale": ("Costo complessivo del progetto", EURO),
    "durata_mesi": ("Durata del progetto in mesi", "numero intero: 10 oppure «10 mesi»"),
    "data_inizio": ("Data prevista di avvio del progetto", DATA),
    "obiettivo_raccolta": (
        "Somma da raccogliere con il crowdfunding; se vuota si calcola dal bando (metà del costo)",
        EURO,
    ),
}
ISTRUZIONI_PARTNER = {
    "codice_domanda": (
        "Codice della domanda a cui il partner partecipa",
        "come nel foglio domande",
    ),
    "denominazione": ("Ragione sociale del partner", "testo"),
    "codice_fiscale": ("Codice fiscale o partita IVA del partner", CODICE_FISCALE),
    "forma_giuridica": ("Forma giuridica del partner", "come per il capofila"),
    "categoria": ("Categoria del partner", "come per il capofila"),
    "rea": ("Numero R.E.A. del partner", "MI-2103456"),
    "pec": ("PEC del partner", "indirizzo PEC"),
    "email": ("E-mail ordinaria del partner", "indirizzo e-mail"),
}
PARTNER_REQUIRED = {"codice_domanda", "denominazione", "codice_fiscale"}


def excel_row() -> list[object]:
    """L'esempio come lo scriverebbe chi compila in Excel: numeri e date veri."""
    row: dict[str, object] = {
        **EXAMPLE,
        "partner": None,  # nel modello XLSX i partner stanno nel foglio «partner»
        "data_presentazione": dt.datetime(2025, 1, 31, 10, 32),
        "municipio": 2,
        "costo_totale": 85000,
        "data_inizio": dt.date(2025, 4, 1),
        "obiettivo_raccolta": 42500,
    }
    return [row[c] for c in CANONICAL]


def write_xlsx(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "domande"
    sheet.append(CANONICAL)
    sheet.append(excel_row())
    formats = {
        "data_presentazione": "DD/MM/YYYY HH:MM",
        "data_inizio": "DD/MM/YYYY",
        "costo_totale": "#,##0.00",
        "obiettivo_raccolta": "#,##0.00",
    }
    for name, number_format in formats.items():
        sheet.cell(2, CANONICAL.index(name) + 1).number_format = number_format
    widths = {"titolo": 34, "sintesi": 60, "capofila_denominazione": 32, "partner": 40}
    style_header(sheet, {**widths, "indirizzo_sede_operativa": 32, "data_presentazione": 20})

    partners = workbook.create_sheet("partner")
    partners.append(PARTNER_SHEET_COLUMNS)
    for partner in PARTNERS:
        partners.append([EXAMPLE["codice_domanda"], *partner])
    style_header(partners, {"denominazione": 32, "pec": 32, "email": 28})

    notes = workbook.create_sheet("istruzioni")
    notes.append(["colonna", "obbligatoria", "significato", "formati accettati", "esempio"])
    for name in CANONICAL:
        meaning, formats_text = ISTRUZIONI[name]
        required = "sì" if name in REQUIRED else "no"
        notes.append([name, required, meaning, formats_text, EXAMPLE[name]])
    notes.append([])
    notes.append(["Foglio «partner»: una riga per partner (facoltativo)"])
    example = dict(
        zip(PARTNER_SHEET_COLUMNS, [EXAMPLE["codice_domanda"], *PARTNERS[0]], strict=True)
    )
    for name in PARTNER_SHEET_COLUMNS:
        meaning, formats_text = ISTRUZIONI_PARTNER[name]
        required = "sì" if name in PARTNER_REQUIRED else "no"
        notes.append([name, required, meaning, formats_text, example[name]])
    style_header(notes, {"colonna": 26, "obbligatoria": 13, "significato": 60,
                         "formati accettati": 50, "esempio": 40})  # fmt: skip
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    save_xlsx(workbook, path)


def main() -> None:
    assert set(ISTRUZIONI) == set(CANONICAL), "ogni colonna ha la sua istruzione"
    assert set(ISTRUZIONI_PARTNER) == set(PARTNER_SHEET_COLUMNS)
    write_xlsx(HERE / "modello-domande.xlsx")
    write_csv(HERE / "modello-domande.csv", CANONICAL, [[EXAMPLE[c] for c in CANONICAL]])
    print("scritti modello-domande.xlsx e modello-domande.csv")


if __name__ == "__main__":
    main()
