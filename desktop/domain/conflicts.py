"""Conflicts of interest found from committee members' links, in plain Python.

A member declares the entities they are linked to (employer, boards, family
businesses, business partners). A link that matches the lead partner **or any
partner** of an aggregation is proposed as a conflict; the secretariat confirms or
dismisses it. Two ways to match:

- *codice fiscale*: the same tax code after :func:`normalise_tax_code`;
- *denominazione*: the same name after :func:`normalise_entity_name`.

Name matching is deliberately conservative: it only forgives what does not tell two
entities apart (case, accents, punctuation, the legal form written in any of its
usual ways, "& C."). It never drops words of the name itself, so "Osteria Crippa"
does not match "Osteria Crippa di Samira Crippa" and "La Gazza Ladra Società
Cooperativa Sociale" does not match "La Gazza Ladra di Anna Pozzi & C. S.a.s.": a
proposal the secretariat must throw away costs little, but a name rule that merges
different entities would be wrong everywhere. Links with a tax code should carry it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain import vocabulary

__all__ = [
    "LINK_KINDS",
    "Aggregation",
    "Link",
    "Match",
    "Party",
    "ProposedConflict",
    "find_conflicts",
    "normalise_entity_name",
    "normalise_tax_code",
]

# kind → (Italian, English) label
# The kinds of link, with their labels (desktop.domain.vocabulary's).
LINK_KINDS = vocabulary.LINK_KINDS

# Legal forms as word sequences, after casefolding, accent stripping and with dots
# dropped ("S.r.l." → "srl", "Soc. Coop." → "soc coop"). Longest first, so "società
# cooperativa sociale" goes as a whole before "società cooperativa" is tried.
_LEGAL_FORMS_TEXT = """
societa a responsabilita limitata semplificata
societa a responsabilita limitata
societa in accomandita per azioni
societa in accomandita semplice
societa in nome collettivo
societa per azioni
societa cooperativa sociale
societa cooperativa a responsabilita limitata
societa cooperativa
soc coop sociale
soc coop a rl
soc coop
coop sociale
cooperativa sociale
societa semplice
ditta individuale
impresa individuale
impresa sociale
a rl
srls
srl
spa
sapa
snc
sas
scarl
scrl
coop
onlus
odv
aps
ets
asd
ssd
unipersonale
"""


def _index_forms(text: str) -> dict[str, list[tuple[str, ...]]]:
    """First word → the forms starting with it, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for line in text.strip().splitlines():
        form = tuple(line.split())
        index.setdefault(form[0], []).append(form)
    for forms in index.values():
        forms.sort(key=len, reverse=True)
    return index


_LEGAL_FORMS = _index_forms(_LEGAL_FORMS_TEXT)
# "& C." / "e C." (and company) belongs to the legal form of partnerships: one token.
_AND_COMPANY = re.compile(r"(?:&\s*|\be\s+)c\b\.?")
# "s. r. l." written with spaces: glue the letters back before the dots go.
_SPACED_ABBREVIATION = re.compile(r"\b([0-9a-z])\.\s+(?=[0-9a-z]\.)")
_WORDS = re.compile(r"&c|&|[0-9a-z]+")


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def normalise_entity_name(text: str) -> str:
    """The name as compared for conflicts: casefolded, accents stripped, punctuation
    removed, legal-form words removed wherever they stand, a trailing "& C." / "e C."
    (and company) removed, "&" read as "e", spaces collapsed.

    "Il Pettirosso Servizi S.r.l." and "IL PETTIROSSO SERVIZI SRL" → "il pettirosso
    servizi"; "Associazione Il Calicanto A.P.S." → "associazione il calicanto".
    Words of the name itself (including "di NOME COGNOME" of a sole trader, or
    "associazione") are kept: see the module's docstring. An empty result never
    matches anything."""
    folded = _AND_COMPANY.sub(" &c ", _ascii_fold(text or ""))
    folded = _SPACED_ABBREVIATION.sub(r"\1.", folded).replace(".", "")
    words = ["e" if word == "&" else word for word in _WORDS.findall(folded)]
    kept: list[str] = []
    index = 0
    while index < len(words):
        for form in _LEGAL_FORMS.get(words[index], ()):
            if tuple(words[index : index + len(form)]) == form:
                index += len(form)
                break
        else:
            kept.append(words[index])
            index += 1
    # "Rossi & C. S.a.s.": "and company" is part of the legal form, not of the name.
    while len(kept) >= 2 and kept[-1] == "&c":
        kept.pop()
    kept = ["e c" if word == "&c" else word for word in kept]
    return " ".join(kept)


_SEPARATORS = re.compile(r"[\s.\-/]+")
_VAT_WITH_COUNTRY = re.compile(r"IT(\d{11})")


def normalise_tax_code(text: str) -> str:
    """The tax code as compared: upper case, spaces (and dots, dashes, slashes)
    removed, and the "IT" country prefix of a VAT number removed ("IT 02928130158" →
    "02928130158"). A personal codice fiscale (16 characters) is left as it is."""
    code = _SEPARATORS.sub("", (text or "").upper())
    vat = _VAT_WITH_COUNTRY.fullmatch(code)
    return vat.group(1) if vat else code


@dataclass(frozen=True)
class Link:
    """An entity a committee member is linked to."""

    member: str
    entity_name: str
    tax_code: str = ""
    kind: str = "other"
    note: str = ""


@dataclass(frozen=True)
class Party:
    """A member of an aggregation: position 0 is the lead partner (capofila)."""

    position: int
    name: str
    tax_code: str = ""

    @property
    def is_lead(self) -> bool:
        return self.position == 0

    def describe_it(self) -> str:
        return "capofila" if self.is_lead else f"partner {self.position}"

    def describe_en(self) -> str:
        return "lead partner" if self.is_lead else f"partner {self.position}"


@dataclass(frozen=True)
class Aggregation:
    """An application's aggregation: its code and every party, lead included."""

    code: str
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class Match:
    """One link matching one party of one application."""

    link: Link
    party: Party
    by: str  # "codice fiscale" / "denominazione"

    def reason_it(self) -> str:
        """E.g. «partner 2 «Associazione Il Calicanto APS» (CF 97698870157) ↔ legame
        «Il Calicanto» (CF 97698870157, rapporto di lavoro): stesso codice fiscale»."""
        kind = LINK_KINDS.label(self.link.kind, "it")
        party_tax = f" (CF {self.party.tax_code})" if self.party.tax_code else ""
        link_tax = f"CF {self.link.tax_code}, " if self.link.tax_code else ""
        same = "stesso codice fiscale" if self.by == "codice fiscale" else "stessa denominazione"
        return (
            f"{self.party.describe_it()} «{self.party.name}»{party_tax} ↔ legame "
            f"«{self.link.entity_name or self.link.tax_code}» ({link_tax}{kind}): {same}"
        )

    def reason_en(self) -> str:
        kind = LINK_KINDS.label(self.link.kind, "en")
        party_tax = f" (tax code {self.party.tax_code})" if self.party.tax_code else ""
        link_tax = f"tax code {self.link.tax_code}, " if self.link.tax_code else ""
        same = "same tax code" if self.by == "codice fiscale" else "same name"
        return (
            f"{self.party.describe_en()} “{self.party.name}”{party_tax} ↔ link "
            f"“{self.link.entity_name or self.link.tax_code}” ({link_tax}{kind}): {same}"
        )


@dataclass(frozen=True)
class ProposedConflict:
    """A member and an application that should not meet, with every match found."""

    member: str
    code: str
    matches: tuple[Match, ...]

    @property
    def reason(self) -> str:
        """In Italian, as stored: which partner, which link, how it matched."""
        return "; ".join(match.reason_it() for match in self.matches)

    @property
    def reason_en(self) -> str:
        return "; ".join(match.reason_en() for match in self.matches)


def find_conflicts(
    links: Iterable[Link], aggregations: Iterable[Aggregation]
) -> list[ProposedConflict]:
    """Every (member, application) pair where one of the member's links matches the
    lead partner or any partner, by tax code or by normalised name; one proposal per
    pair listing all its matches. Sorted by member then application code; linear in
    the number of links plus parties (indexes, not a cross product)."""
    by_tax: dict[str, list[tuple[str, Party]]] = {}
    by_name: dict[str, list[tuple[str, Party]]] = {}
    for aggregation in aggregations:
        for party in aggregation.parties:
            tax = normalise_tax_code(party.tax_code)
            if tax:
                by_tax.setdefault(tax, []).append((aggregation.code, party))
            name = normalise_entity_name(party.name)
            if name:
                by_name.setdefault(name, []).append((aggregation.code, party))

    found: dict[tuple[str, str], dict[tuple[int, Link], Match]] = {}
    for link in links:
        candidates: list[tuple[str, Party, str]] = []
        tax = normalise_tax_code(link.tax_code)
        if tax:
            candidates += [(code, party, "codice fiscale") for code, party in by_tax.get(tax, ())]
        name = normalise_entity_name(link.entity_name)
        if name:
            candidates += [(code, party, "denominazione") for code, party in by_name.get(name, ())]
        for code, party, by in candidates:
            matches = found.setdefault((link.member, code), {})
            # The tax code is the stronger evidence: keep it when both match.
            matches.setdefault((party.position, link), Match(link, party, by))
    proposals = []
    for (member, code), matches in sorted(found.items()):
        ordered = sorted(
            matches.values(),
            key=lambda m: (m.party.position, m.link.entity_name, m.link.tax_code, m.by),
        )
        proposals.append(ProposedConflict(member, code, tuple(ordered)))
    return proposals
