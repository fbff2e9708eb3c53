"""An application as the rules see it: plain data, no database, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.domain import formatting


@dataclass(frozen=True)
class Entity:
    """A member of an aggregation: the lead partner (capofila) or a partner."""

    name: str
    tax_code: str
    legal_form: str = ""
    category: str = ""
    rea: str = ""
    pec: str = ""
    email: str = ""


@dataclass(frozen=True)
class ApplicationData:
    code: str
    title: str
    submitted_on: dt.date | None = None
    submitted_time: dt.time | None = None
    summary: str = ""
    lead: Entity | None = None
    partners: tuple[Entity, ...] = ()
    contact_person: str = ""
    operating_address: str = ""
    district: int | None = None
    neighbourhood: str = ""
    objectives: tuple[int, ...] = ()
    cost_cents: int | None = None
    duration_months: int | None = None
    start_on: dt.date | None = None
    declared_target_cents: int | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def partner_text(partners: tuple[Entity, ...]) -> str:
    """Partners as the `partner` cell writes them: 'Name (tax code); Name (tax code)'."""
    return "; ".join(f"{p.name} ({p.tax_code})" if p.tax_code else p.name for p in partners)


def describe_fields(app: ApplicationData) -> dict[str, str]:
    """Every stored field as display text under its canonical column name: what the
    change history records and what a re-import compares."""

    def amount(cents: int | None) -> str:
        return formatting.money(cents, symbol=False) if cents is not None else ""

    lead = app.lead or Entity(name="", tax_code="")
    partner_details = "; ".join(
        f"{p.name}: " + ", ".join(v for v in (p.legal_form, p.category, p.rea, p.pec, p.email) if v)
        for p in app.partners
        if p.legal_form or p.category or p.rea or p.pec or p.email
    )
    return {
        "codice_domanda": app.code,
        "data_presentazione": formatting.date_time(app.submitted_on, app.submitted_time)
        if app.submitted_on
        else "",
        "titolo": app.title,
        "sintesi": app.summary,
        "capofila_denominazione": lead.name,
        "capofila_codice_fiscale": lead.tax_code,
        "capofila_forma_giuridica": lead.legal_form,
        "capofila_categoria": lead.category,
        "capofila_rea": lead.rea,
        "capofila_pec": lead.pec,
        "capofila_email": lead.email,
        "referente": app.contact_person,
        "indirizzo_sede_operativa": app.operating_address,
        "municipio": str(app.district) if app.district is not None else "",
        "quartiere": app.neighbourhood,
        "partner": partner_text(app.partners),
        "partner_dettagli": partner_details,
        "obiettivi": ", ".join(str(n) for n in app.objectives),
        "costo_totale": amount(app.cost_cents),
        "durata_mesi": str(app.duration_months) if app.duration_months is not None else "",
        "data_inizio": formatting.date(app.start_on) if app.start_on else "",
        "obiettivo_raccolta": amount(app.declared_target_cents),
    }
