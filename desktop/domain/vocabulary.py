"""Every label a user reads for a domain value, in Italian and English, defined once.

The interface, the command line, the exports and (next) the letters and the minutes
all take their words from here, so a role or a status reads the same everywhere.
Plain Python: no Qt, no database, no other domain module (every domain module may
import this one).

Each family is a read-only mapping ``value -> (italian, english)``, in the order the
values are offered to a user. Ask it for a label in a language::

    ROLES.label("chair", "en")          # "chair"
    role_label("chair")                 # "presidente"

An unknown value reads as itself: a label never hides what is stored. Any language
other than ``"en"`` is Italian, the application's first language. Values of the
domain's ``StrEnum`` classes (``Outcome.PASS``…) are looked up as their strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

__all__ = [
    "AGGREGATIONS",
    "APPLICATION_OUTCOMES",
    "CAMPAIGN_STATUSES",
    "CONFLICT_SOURCES",
    "CONFLICT_STATUSES",
    "DECISIONS",
    "EVALUATING_ROLES",
    "LETTER_KINDS",
    "LETTER_STATES",
    "LINK_KINDS",
    "RANKING_STATUSES",
    "ROLES",
    "RULES",
    "RULE_OUTCOMES",
    "SHEET_STATES",
    "Labels",
    "aggregation_label",
    "application_outcome_label",
    "campaign_status_label",
    "conflict_source_label",
    "conflict_status_label",
    "decision_label",
    "letter_kind_label",
    "letter_state_label",
    "link_kind_label",
    "pick",
    "ranking_status_label",
    "role_label",
    "rule_label",
    "rule_outcome_label",
    "sheet_state_label",
]


def pick(pair: tuple[str, str], language: str = "it") -> str:
    """The half of an (italian, english) pair for ``language``."""
    return pair[1] if language == "en" else pair[0]


class Labels(Mapping[str, tuple[str, str]]):
    """One family of labels: ``value -> (italian, english)``, read-only, ordered."""

    __slots__ = ("_pairs", "name")

    def __init__(self, name: str, pairs: dict[str, tuple[str, str]]):
        self.name = name
        self._pairs = dict(pairs)

    def __getitem__(self, value: str) -> tuple[str, str]:
        return self._pairs[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __repr__(self) -> str:
        return f"Labels({self.name!r}, {self._pairs!r})"

    def label(self, value: str, language: str = "it") -> str:
        """The label of ``value`` in ``language``; an unknown value reads as itself."""
        pair = self._pairs.get(value)
        return str(value) if pair is None else pick(pair, language)


# --- the committee ---------------------------------------------------------------

ROLES = Labels(
    "role",
    {
        "chair": ("presidente", "chair"),
        "member": ("componente", "member"),
        "secretary": ("segretario", "secretary"),
    },
)
# Roles that score applications; the secretary takes the minutes.
EVALUATING_ROLES = ("chair", "member")

CONFLICT_STATUSES = Labels(
    "conflict status",
    {
        "proposed": ("proposto", "proposed"),
        "confirmed": ("confermato", "confirmed"),
        "dismissed": ("archiviato", "dismissed"),
    },
)
CONFLICT_SOURCES = Labels(
    "conflict source",
    {"declared": ("dichiarato", "declared"), "detected": ("rilevato", "detected")},
)
# The kinds of link between a committee member and an entity (conflict detection).
LINK_KINDS = Labels(
    "link kind",
    {
        "employment": ("rapporto di lavoro", "employment"),
        "board": ("carica sociale", "board membership"),
        "family": ("legame familiare", "family tie"),
        "business": ("rapporto d'affari", "business partner"),
        "other": ("altro legame", "other link"),
    },
)

# --- the formal check -------------------------------------------------------------

# An application's outcome (pass / fail / check) after every rule.
APPLICATION_OUTCOMES = Labels(
    "application outcome",
    {
        "pass": ("ammissibile", "eligible"),
        "fail": ("non ammissibile", "not eligible"),
        "check": ("da verificare", "to check"),
    },
)
# One rule's outcome: a rule is met or not, an application is eligible or not.
RULE_OUTCOMES = Labels(
    "rule outcome",
    {
        "pass": ("rispettata", "met"),
        "fail": ("non rispettata", "not met"),
        "check": ("da verificare", "to check"),
    },
)
# The rules of the formal check, in the order they are checked and shown
# (desktop.domain.eligibility.RULES is built from this).
RULES = Labels(
    "rule",
    {
        "sessione": ("Presentazione entro una sessione", "Submitted within a session"),
        "costo_minimo": ("Costo minimo", "Minimum cost"),
        "costo_massimo": ("Costo massimo", "Maximum cost"),
        "durata": ("Durata massima", "Maximum duration"),
        "capofila": ("Un solo capofila", "Exactly one lead partner"),
        "categoria": ("Categoria dei soggetti ammessa", "Admitted applicant category"),
        "rea": ("Iscrizione al R.E.A.", "Registered in the R.E.A."),
        "codice_fiscale": ("Codici fiscali validi", "Valid tax codes"),
        "sede_operativa": ("Sede operativa nel Comune", "Operating site in the city"),
        "obiettivi": ("Obiettivi del bando indicati", "Call objectives stated"),
        "obiettivo_raccolta": ("Obiettivo di raccolta coerente", "Consistent crowdfunding target"),
    },
)

# --- evaluation and ranking -------------------------------------------------------

# A member's score sheet for one application ("": none yet).
SHEET_STATES = Labels(
    "sheet state",
    {
        "": ("nessuna scheda", "no sheet"),
        "draft": ("bozza", "draft"),
        "submitted": ("inviata", "submitted"),
    },
)
# Where an application stands in the ranking (the values of desktop.domain.scoring).
RANKING_STATUSES = Labels(
    "ranking status",
    {
        "finanziabile": ("Finanziabile", "Fundable"),
        "idoneo_non_finanziato": ("Idoneo non finanziato", "Eligible, not funded"),
        "non_idoneo": ("Non idoneo", "Below the minimum score"),
        "non_ammissibile": ("Non ammissibile", "Not eligible"),
        "da_verificare": ("Da verificare", "Eligibility to check"),
        "valutazione_incompleta": ("Valutazione incompleta", "Evaluation incomplete"),
    },
)
# The committee's decision on an application.
DECISIONS = Labels(
    "decision",
    {"admitted": ("ammessa", "admitted"), "not_admitted": ("non ammessa", "not admitted")},
)
# How the members' totals make an application's score.
AGGREGATIONS = Labels("aggregation", {"mean": ("media", "mean"), "median": ("mediana", "median")})

# --- crowdfunding campaigns -------------------------------------------------------

CAMPAIGN_STATUSES = Labels(
    "campaign status",
    {
        "scheduled": ("programmata", "scheduled"),
        "open": ("in corso", "open"),
        "succeeded": ("riuscita", "succeeded"),
        "failed": ("non riuscita", "failed"),
        "cancelled": ("annullata", "cancelled"),
    },
)


# --- decision letters ---------------------------------------------------------------

# The kinds of letter, in the order of the procedure; the values are the templates'
# file names in resources/letters/ and the `--kind` of the command line.
LETTER_KINDS = Labels(
    "letter kind",
    {
        "esclusione": ("Esclusione", "Exclusion"),
        "preavviso": ("Preavviso di rigetto", "Notice of grounds for rejection"),
        "soccorso": ("Soccorso istruttorio", "Request to complete"),
        "ammissione": ("Ammissione alla campagna", "Admitted to the campaign"),
        "idoneo-non-finanziato": ("Idoneo non finanziato", "Eligible, not funded"),
        "non-idoneo": ("Non idoneo", "Below the minimum score"),
        "contributo-concesso": ("Contributo concesso", "Grant awarded"),
        "contributo-non-concesso": ("Contributo non concesso", "Grant not awarded"),
        "convenzione": ("Invito alla convenzione", "Invitation to the grant agreement"),
    },
)
# Where a letter stands: draft → approved → protocolled → sent → delivered (or failed).
LETTER_STATES = Labels(
    "letter state",
    {
        "draft": ("bozza", "draft"),
        "approved": ("approvata", "approved"),
        "protocolled": ("protocollata", "protocolled"),
        "sent": ("inviata", "sent"),
        "delivered": ("consegnata", "delivered"),
        "failed": ("non consegnata", "not delivered"),
    },
)


# --- one function per family, for readable call sites ----------------------------


def role_label(role: str, language: str = "it") -> str:
    return ROLES.label(role, language)


def conflict_status_label(status: str, language: str = "it") -> str:
    return CONFLICT_STATUSES.label(status, language)


def conflict_source_label(source: str, language: str = "it") -> str:
    return CONFLICT_SOURCES.label(source, language)


def link_kind_label(kind: str, language: str = "it") -> str:
    return LINK_KINDS.label(kind, language)


def application_outcome_label(outcome: str, language: str = "it") -> str:
    return APPLICATION_OUTCOMES.label(outcome, language)


def rule_outcome_label(outcome: str, language: str = "it") -> str:
    return RULE_OUTCOMES.label(outcome, language)


def rule_label(rule: str, language: str = "it") -> str:
    return RULES.label(rule, language)


def sheet_state_label(state: str, language: str = "it") -> str:
    return SHEET_STATES.label(state, language)


def ranking_status_label(status: str, language: str = "it") -> str:
    return RANKING_STATUSES.label(status, language)


def decision_label(decision: str, language: str = "it") -> str:
    return DECISIONS.label(decision, language)


def aggregation_label(aggregation: str, language: str = "it") -> str:
    return AGGREGATIONS.label(aggregation, language)


def campaign_status_label(status: str, language: str = "it") -> str:
    return CAMPAIGN_STATUSES.label(status, language)


def letter_kind_label(kind: str, language: str = "it") -> str:
    return LETTER_KINDS.label(kind, language)


def letter_state_label(state: str, language: str = "it") -> str:
    return LETTER_STATES.label(state, language)
