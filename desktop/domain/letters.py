"""Decision letters: their kinds, the path each letter follows, which letter an
application's state calls for, and the data a letter template may use.

Plain Python (no Qt, no database). The templates in ``resources/letters/`` are checked
against `SCHEMA` when loaded: a placeholder that is not here is an error naming the
file and the line, so a typo never reaches an applicant as an empty space.

The path of a letter::

    draft → approved → protocolled → sent → delivered
                                        ↘ failed (not delivered; may be sent again)

Generating a letter again (new data, or the protocol number stamped on it) keeps its
state up to *protocolled*; once sent, a letter is what the applicant received and is
never regenerated.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain import vocabulary
from desktop.domain.problems import Problem

KINDS = tuple(vocabulary.LETTER_KINDS)
STATES = tuple(vocabulary.LETTER_STATES)

DRAFT, APPROVED, PROTOCOLLED, SENT, DELIVERED, FAILED = STATES

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": ((DRAFT,), APPROVED),
    # The office takes back an approval (the data changed, a mistake): a draft again.
    "reopen": ((APPROVED,), DRAFT),
    "protocol": ((APPROVED, PROTOCOLLED), PROTOCOLLED),
    "send": ((PROTOCOLLED, FAILED), SENT),
    "accepted": ((SENT,), SENT),
    "delivered": ((SENT, FAILED), DELIVERED),
    "not_delivered": ((SENT,), FAILED),
}
# A letter in these states may be generated again (its data changed, its protocol
# number stamped); generating an approved letter again brings it back to draft unless
# only the protocol stamp changed.
REGENERABLE = (DRAFT, APPROVED, PROTOCOLLED)


class LetterRefused(Problem):
    """A step on a letter's path that cannot be taken now; says why and what to do."""


def check_step(action: str, state: str, code: str, kind: str) -> str:
    """The state after `action` on a letter now in `state`, or LetterRefused."""
    sources, target = TRANSITIONS[action]
    if state in sources:
        return target
    needed = ", ".join(vocabulary.letter_state_label(s) for s in sources)
    needed_en = ", ".join(vocabulary.letter_state_label(s, "en") for s in sources)
    now = vocabulary.letter_state_label(state)
    now_en = vocabulary.letter_state_label(state, "en")
    raise LetterRefused(
        f"La lettera «{kind}» della domanda {code} è {now}: per questo passo deve essere {needed}.",
        f"The “{kind}” letter of application {code} is {now_en}: this step needs it {needed_en}.",
    )


def auto_kind(
    *,
    eligibility: str,
    ranking_status: str | None,
    decision: str | None,
    campaign_reached: bool | None,
    preavviso_enabled: bool,
    preavviso_sent: bool,
) -> str | None:
    """The letter an application's state calls for now, or None (nothing to say yet:
    an evaluation still incomplete).

    - a recorded campaign outcome: *contributo-concesso* or *contributo-non-concesso*;
    - the committee's decision, where there is one, over the proposal: admitted →
      *ammissione*; not admitted → *idoneo-non-finanziato* when the score reached the
      minimum, else *non-idoneo*;
    - the proposal: fundable → *ammissione*, and so on;
    - not admissible → *esclusione*, preceded by the *preavviso* when the call
      switches it on and none was sent yet;
    - eligibility to check → *soccorso* (what is missing, with a deadline).
    """
    if campaign_reached is not None:
        return "contributo-concesso" if campaign_reached else "contributo-non-concesso"
    if eligibility == "fail":
        return "preavviso" if preavviso_enabled and not preavviso_sent else "esclusione"
    if eligibility == "check":
        return "soccorso"
    if decision == "admitted":
        return "ammissione"
    if decision == "not_admitted":
        return "non-idoneo" if ranking_status == "non_idoneo" else "idoneo-non-finanziato"
    return {
        "finanziabile": "ammissione",
        "idoneo_non_finanziato": "idoneo-non-finanziato",
        "non_idoneo": "non-idoneo",
    }.get(ranking_status or "")


# --------------------------------------------------------------------------- the data

# What a template may write: each top-level name with its fields. Every value is text
# already formatted the Italian way (money "50.000,00 €", dates "31/01/2025"), lists
# of records where marked, and an empty text where the database has nothing yet (a
# protocol number not assigned, a COR code not registered). The letter's builder fills
# every field for every kind; a field that does not apply to a kind is empty.
SCHEMA: Mapping[str, tuple[str, ...]] = {
    # The office writing: the letterhead and how to reach it.
    "ente": (
        "nome",  # Comune di Milano
        "direzione",
        "area",
        "ufficio",
        "indirizzo",
        "telefono",
        "email",
        "pec",
        "sito",
        "orari",  # when the office receives the public (access to documents)
    ),
    "responsabile": ("nome", "qualifica", "email", "telefono"),  # del procedimento
    "firmatario": ("nome", "qualifica", "firma"),  # firma: the signature line
    "bando": (
        "titolo",
        "atto",  # the act approving the call ("Determinazione dirigenziale n. … del …")
        "budget",
        "quota_raccolta",  # "50%"
        "quota_contributo",  # "50%"
        "tetto_contributo",
        "giorni_campagna",
        "punteggio_minimo",
        "punteggio_massimo",
        "tribunale",  # the regional administrative court (TAR) for the appeal clause
    ),
    "sessione": ("codice", "nome", "atto_graduatoria", "budget", "finanziati", "totale_finanziato"),
    "protocollo": ("numero", "data"),  # empty: a reserved area for the segnatura
    "lettera": ("data", "tipo", "oggetto", "luogo"),
    "destinatario": ("denominazione", "codice_fiscale", "indirizzo", "pec", "email"),
    "domanda": (
        "codice",
        "titolo",
        "data_presentazione",
        "costo",
        "contributo",
        "obiettivo_raccolta",
        "durata_mesi",
        "municipio",
        "quartiere",
        "partner",  # the partners' names, comma-separated
    ),
    "valutazione": (
        "punteggio",  # the application's score (mean or median of the totals)
        "aggregazione",  # "media" / "mediana"
        "soglia",  # the minimum score
        "massimo",
        "posizione",
        "valutatori",  # how many evaluators' sheets count
        "esito",  # the ranking status, in words
        "decisione",  # the committee's decision, in words (empty: the proposal stands)
        "motivi_decisione",
    ),
    "campagna": (
        "obiettivo",
        "raccolto",
        "percentuale",
        "donatori",
        "apertura",
        "chiusura",
        "pagina",  # the campaign's page on the platform
        "esito",
    ),
    "contributo": ("importo", "cor", "atto_numero", "atto_data"),
    "termini": (
        "osservazioni_giorni",  # preavviso: days for written observations
        "soccorso_giorni",
        "soccorso_scadenza",  # the date, counted from the letter's date
        "convenzione_giorni",
        "convenzione_scadenza",
    ),
}
# Lists of records: name → fields of each record.
LISTS: Mapping[str, tuple[str, ...]] = {
    # Rules failed at the formal check (esclusione, preavviso).
    "regole_non_rispettate": ("regola", "valore", "motivo", "norma"),
    # Rules left "to check" (soccorso istruttorio).
    "regole_da_verificare": ("regola", "valore", "motivo", "norma"),
    # The score per criterion: the aggregated score, the criterion's maximum.
    "criteri": ("nome", "punteggio", "massimo", "minimo_valutatori", "massimo_valutatori"),
    # The evaluators' motivations that may be quoted (never private notes, never who).
    "motivazioni": ("testo",),
}
NAMES = frozenset(SCHEMA) | frozenset(LISTS)


def subject_line(kind: str, call_title: str, code: str) -> str:
    """A default subject, used where a template gives none."""
    return f"{call_title} — domanda {code}: {vocabulary.letter_kind_label(kind).lower()}"
