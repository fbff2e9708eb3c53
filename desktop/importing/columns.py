"""The canonical columns of an applications spreadsheet and how headers map to them.

Headers match regardless of case, accents, spaces, hyphens or underscores; each
column also accepts the synonyms portals use, and a mapping file can name any
other header (`commissione import FILE --map mappa.toml`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.italian import normalise_key
from desktop.domain.problems import Problem

CANONICAL = (
    "codice_domanda",
    "data_presentazione",
    "titolo",
    "sintesi",
    "capofila_denominazione",
    "capofila_codice_fiscale",
    "capofila_forma_giuridica",
    "capofila_categoria",
    "capofila_rea",
    "capofila_pec",
    "capofila_email",
    "referente",
    "indirizzo_sede_operativa",
    "municipio",
    "quartiere",
    "partner",
    "obiettivi",
    "costo_totale",
    "durata_mesi",
    "data_inizio",
    "obiettivo_raccolta",
)

REQUIRED = (
    "codice_domanda",
    "data_presentazione",
    "titolo",
    "capofila_denominazione",
    "capofila_codice_fiscale",
    "costo_totale",
    "durata_mesi",
)

# Documented synonyms (README); matched after normalisation like the names.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "codice_domanda": (
        "codice",
        "codice pratica",
        "id domanda",
        "numero domanda",
        "n domanda",
        "codice progetto",
    ),
    "data_presentazione": (
        "data invio",
        "data di presentazione",
        "data domanda",
        "data ricezione",
        "data di invio",
    ),
    "titolo": ("titolo progetto", "titolo del progetto", "nome progetto"),
    "sintesi": (
        "descrizione",
        "abstract",
        "sintesi progetto",
        "descrizione sintetica",
        "descrizione progetto",
    ),
    "capofila_denominazione": (
        "capofila",
        "ragione sociale capofila",
        "denominazione capofila",
        "soggetto capofila",
        "ragione sociale",
    ),
    "capofila_codice_fiscale": (
        "cf capofila",
        "codice fiscale capofila",
        "partita iva capofila",
        "piva capofila",
        "codice fiscale",
        "partita iva",
    ),
    "capofila_forma_giuridica": ("forma giuridica", "forma giuridica capofila", "natura giuridica"),
    "capofila_categoria": (
        "categoria",
        "tipologia soggetto",
        "tipologia capofila",
        "categoria capofila",
    ),
    "capofila_rea": ("rea", "numero rea", "n rea", "rea capofila", "iscrizione rea"),
    "capofila_pec": ("pec", "pec capofila", "indirizzo pec"),
    "capofila_email": ("email", "e-mail", "email capofila", "posta elettronica"),
    "referente": (
        "referente progetto",
        "persona di riferimento",
        "contatto",
        "referente del progetto",
    ),
    "indirizzo_sede_operativa": (
        "sede operativa",
        "indirizzo",
        "indirizzo sede",
        "indirizzo sede operativa",
    ),
    "municipio": ("municipio di riferimento", "zona", "municipio sede"),
    "quartiere": ("nil", "quartiere nil", "quartiere/nil", "nucleo identita locale"),
    "partner": ("partners", "partner di progetto", "aggregazione", "soggetti partner"),
    "obiettivi": ("obiettivo", "obiettivi del bando", "ambiti", "ambiti di intervento"),
    "costo_totale": (
        "costo",
        "costo complessivo",
        "importo",
        "importo progetto",
        "costo totale progetto",
        "costo del progetto",
        "budget",
    ),
    "durata_mesi": ("durata", "durata progetto", "durata in mesi", "durata (mesi)"),
    "data_inizio": (
        "inizio",
        "data avvio",
        "avvio progetto",
        "data di inizio",
        "data inizio progetto",
    ),
    "obiettivo_raccolta": (
        "target raccolta",
        "obiettivo crowdfunding",
        "importo da raccogliere",
        "obiettivo di raccolta",
    ),
}

PARTNER_SHEET_COLUMNS = (
    "codice_domanda",
    "denominazione",
    "codice_fiscale",
    "forma_giuridica",
    "categoria",
    "rea",
    "pec",
    "email",
)
PARTNER_SHEET_SYNONYMS: dict[str, tuple[str, ...]] = {
    "codice_domanda": SYNONYMS["codice_domanda"],
    "denominazione": ("ragione sociale", "nome", "partner"),
    "codice_fiscale": ("cf", "partita iva", "piva"),
    "forma_giuridica": ("natura giuridica",),
    "categoria": ("tipologia soggetto", "tipologia"),
    "rea": ("numero rea", "n rea"),
    "pec": ("indirizzo pec",),
    "email": ("e-mail", "posta elettronica"),
}


def header_key(text: object) -> str:
    """A header reduced to letters and digits: 'Costo complessivo (€)' → 'costocomplessivo'."""
    return re.sub(r"[^0-9a-z]", "", normalise_key(str(text or "")))


def _index(columns, synonyms) -> dict[str, str]:
    index: dict[str, str] = {}
    for name in columns:
        for text in (name, *synonyms.get(name, ())):
            index.setdefault(header_key(text), name)
    return index


HEADER_INDEX = _index(CANONICAL, SYNONYMS)
PARTNER_HEADER_INDEX = _index(PARTNER_SHEET_COLUMNS, PARTNER_SHEET_SYNONYMS)


class MappingProblem(Problem):
    """A mapping file (--map) that cannot be used; says why and what to do."""


# The mapping target that means "do not read this header".
IGNORE = ""


@dataclass
class ColumnMatch:
    """Which position of the file feeds which canonical column."""

    positions: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # headers we do not know
    duplicates: list[str] = field(default_factory=list)  # second header for one column
    missing_required: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.missing_required


def match_columns(
    headers: list[str],
    mapping: dict[str, str] | None = None,
    *,
    index: dict[str, str] = HEADER_INDEX,
    required: tuple[str, ...] = REQUIRED,
) -> ColumnMatch:
    by_key = {header_key(source): target for source, target in (mapping or {}).items()}
    match = ColumnMatch()
    for position, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        # A header mapped to IGNORE is left out even when a synonym would match it.
        target = by_key[key] if key in by_key else index.get(key)
        if not target:
            match.ignored.append(str(header))
        elif target in match.positions:
            match.duplicates.append(str(header))
        else:
            match.positions[target] = position
    match.missing_required = [name for name in required if name not in match.positions]
    return match


def load_mapping(path: Path | str) -> dict[str, str]:
    """A mapping file: TOML with a [colonne] table, "portal header" = "canonical column"
    ("" leaves the header out)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise MappingProblem(
            f"{path.name}: impossibile leggere il file ({error.strerror})",
            f"{path.name}: the file cannot be read ({error.strerror})",
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MappingProblem(
            f"{path.name}: non è un file TOML valido: {error}",
            f"{path.name}: not a valid TOML file: {error}",
        ) from None
    table = data.get("colonne")
    if not isinstance(table, dict):
        raise MappingProblem(
            f'{path.name}: manca la tabella [colonne] ("intestazione del portale" = "colonna")',
            f'{path.name}: the [colonne] table is missing ("portal header" = "column")',
        )
    mapping = {}
    for source, target in table.items():
        if not isinstance(target, str) or (target != IGNORE and target not in CANONICAL):
            raise MappingProblem(
                f"{path.name}: colonne.{source!r}: {target!r} non è una colonna nota; "
                f"colonne possibili: {', '.join(CANONICAL)}",
                f"{path.name}: colonne.{source!r}: {target!r} is not a known column; "
                f"possible columns: {', '.join(CANONICAL)}",
            )
        mapping[source] = target
    return mapping
