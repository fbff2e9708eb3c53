"""Realistic data for one letter of each kind, every SCHEMA field filled (accents, the
euro sign, a long title, five criteria, two quotable motivations), as the letters'
builder hands it to the templates: Italian text, already formatted."""

from __future__ import annotations

from desktop.domain import letters as rules
from desktop.domain.vocabulary import letter_kind_label
from desktop.letters.office import load_office

LONG_TITLE = (
    "Botteghe aperte in Via Padova: un'alleanza di negozi, cooperative e associazioni "
    "per la cura condivisa del quartiere, l'inclusione e l'economia di prossimità"
)
CRITERI = (
    ("Qualità e coerenza della proposta", "17,33", "20"),
    ("Impatto sociale e sul quartiere", "21,67", "25"),
    ("Composizione e solidità dell'alleanza", "12,00", "15"),
    ("Sostenibilità economica e piano di raccolta", "16,50", "20"),
    ("Innovazione e replicabilità", "15,00", "20"),
)
MOTIVAZIONI = (
    "Il progetto mette in rete attività commerciali e Terzo settore con un piano "
    "credibile: il calendario delle attività è chiaro e misurabile.",
    "Il piano di raccolta è ambizioso ma sostenuto dalla rete dei partner; "
    "l'impatto sull'accessibilità dei negozi è documentato.",
)


def sample_data(kind: str = "ammissione", **overrides) -> dict:
    office = load_office()
    data = {
        "ente": {k: office.ente.get(k, "") for k in rules.SCHEMA["ente"]},
        "responsabile": dict(office.responsabile),
        "firmatario": dict(office.firmatario),
        "bando": {
            "titolo": "Crowdfunding civico 2024-2025 — Alleanze di quartiere",
            "atto": "Determinazione dirigenziale n. 4321 del 12/03/2024",
            "budget": "1.500.000,00 €",
            "quota_raccolta": "50%",
            "quota_contributo": "50%",
            "tetto_contributo": "50.000,00 €",
            "giorni_campagna": "60",
            "punteggio_minimo": "60",
            "punteggio_massimo": "100",
            "tribunale": "Tribunale Amministrativo Regionale per la Lombardia",
        },
        "sessione": {
            "codice": "I",
            "nome": "I sessione",
            "atto_graduatoria": "Determinazione dirigenziale n. 987 del 28/01/2025",
            "budget": "750.000,00 €",
            "finanziati": "16",
            "totale_finanziato": "742.350,00 €",
        },
        "protocollo": {"numero": "", "data": ""},
        "lettera": {
            "data": "31/01/2025",
            "tipo": letter_kind_label(kind),
            "oggetto": "",
            "luogo": office.ente["luogo"],
        },
        "destinatario": {
            "denominazione": "Associazione Città Condivisa – Società Cooperativa Sociale ETS",
            "codice_fiscale": "97654320150",
            "indirizzo": "Via Padova 121, 20127 Milano (MI)",
            "pec": "cittacondivisa@pec.it",
            "email": "info@cittacondivisa.it",
        },
        "domanda": {
            "codice": "CC24-0042",
            "titolo": LONG_TITLE,
            "data_presentazione": "15/11/2024",
            "costo": "96.400,00 €",
            "contributo": "48.200,00 €",
            "obiettivo_raccolta": "48.200,00 €",
            "durata_mesi": "12",
            "municipio": "2",
            "quartiere": "Padova – Crescenzago",
            "partner": "Bottega Sòla S.r.l., Caffè Crescenzago di Zoë Martì, Cooperativa L'Àncora",
        },
        "valutazione": {
            "punteggio": "82,50",
            "aggregazione": "media",
            "soglia": "60",
            "massimo": "100",
            "posizione": "7",
            "valutatori": "3",
            "esito": "finanziabile",
            "decisione": "",
            "motivi_decisione": "",
        },
        "campagna": {
            "obiettivo": "48.200,00 €",
            "raccolto": "51.730,00 €",
            "percentuale": "107%",
            "donatori": "412",
            "apertura": "03/03/2025",
            "chiusura": "02/05/2025",
            "pagina": "https://www.produzionidalbasso.com/project/botteghe-aperte-via-padova",
            "esito": "obiettivo raggiunto",
        },
        "contributo": {
            "importo": "48.200,00 €",
            "cor": "",
            "atto_numero": "1502/2025",
            "atto_data": "20/05/2025",
        },
        "termini": {
            "osservazioni_giorni": "10",
            "soccorso_giorni": "10",
            "soccorso_scadenza": "10/02/2025",
            "convenzione_giorni": "30",
            "convenzione_scadenza": "02/03/2025",
        },
        "regole_non_rispettate": [
            {
                "regola": "Costo del progetto",
                "valore": "120.000,00 €",
                "motivo": "il costo supera il massimo ammesso di 100.000,00 €",
                "norma": "art. 5.1 del bando",
            },
            {
                "regola": "Composizione dell'alleanza",
                "valore": "2 partner",
                "motivo": "l'alleanza deve comprendere almeno 3 soggetti, di cui uno con sede nel Municipio",
                "norma": "art. 3.2 del bando",
            },
        ],
        "regole_da_verificare": [
            {
                "regola": "Dichiarazione de minimis",
                "valore": "non allegata",
                "motivo": "manca la dichiarazione sugli aiuti «de minimis» ricevuti nell'ultimo triennio",
                "norma": "art. 8.3 del bando",
            },
        ],
        "criteri": [
            {
                "nome": nome,
                "punteggio": punteggio,
                "massimo": massimo,
                "minimo_valutatori": "",
                "massimo_valutatori": "",
            }
            for nome, punteggio, massimo in CRITERI
        ],
        "motivazioni": [{"testo": testo} for testo in MOTIVAZIONI],
    }
    if kind == "idoneo-non-finanziato":
        data["valutazione"].update(punteggio="68,00", posizione="21", esito="idoneo non finanziato")
    if kind == "non-idoneo":
        data["valutazione"].update(punteggio="52,33", posizione="", esito="non idoneo")
    if kind == "contributo-non-concesso":
        data["campagna"].update(raccolto="21.540,00 €", percentuale="45%", donatori="187")
        data["contributo"].update(importo="", atto_numero="", atto_data="")
    for name, fields in overrides.items():
        data[name] = fields if isinstance(fields, list) else {**data[name], **fields}
    assert set(data) == set(rules.NAMES)
    for name, fields in rules.SCHEMA.items():
        assert set(data[name]) == set(fields), name
    return data
