"""What a letter says, read from the database: every figure of every letter comes
from here, formatted the Italian way, under the names of
``desktop.domain.letters.SCHEMA`` and ``LISTS`` (the names the templates use).

`read_facts` reads what a batch needs once (the rankings of the sessions, the
quotable motivations, campaigns and their outcomes, grant acts, earlier letters);
`letter_data` then builds one letter's data without touching the database again,
and `fits` says whether a kind of letter fits an application's state.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, exists, select

from db.engine import Database
from db.models import (
    Application,
    Campaign,
    CampaignOutcome,
    Conflict,
    GrantRecord,
    Letter,
    ScoreSheet,
)
from desktop.domain import formatting, vocabulary
from desktop.domain import letters as rules
from desktop.domain.calls import CallDefinition
from desktop.letters.office import Office
from desktop.services.browse import ApplicationDetail
from desktop.services.ranking import RankingEntry, RankingResult, load_ranking


class LetterNotFitting(rules.LetterRefused):
    """The kind of letter asked for does not fit the application's state."""


@dataclass
class Facts:
    """What the letters of one call say, read once."""

    call: CallDefinition
    office: Office
    today: dt.date
    rankings: dict[str, RankingResult]  # by session code
    entries: dict[str, RankingEntry]  # by application code
    motivations: dict[int, list[str]]  # application id → quotable motivations
    campaigns: dict[int, Campaign] = field(default_factory=dict)  # by application id
    outcomes: dict[int, CampaignOutcome] = field(default_factory=dict)  # by application id
    grants: dict[int, GrantRecord] = field(default_factory=dict)
    preavvisi: set[int] = field(default_factory=set)  # application ids with a preavviso


def read_facts(database: Database, call: CallDefinition, office: Office, today: dt.date) -> Facts:
    rankings = {s.code: load_ranking(database, call, s.code) for s in call.sessions}
    entries = {e.code: e for result in rankings.values() for e in result.entries}
    facts = Facts(call, office, today, rankings, entries, defaultdict(list))
    conflicted = exists().where(
        and_(
            Conflict.member_id == ScoreSheet.member_id,
            Conflict.application_id == ScoreSheet.application_id,
            Conflict.status.in_(("confirmed", "proposed")),
        )
    )
    with database.session() as session:
        # Only the motivations of the sheets that count; never private notes, never who.
        for application_id, motivation in session.execute(
            select(ScoreSheet.application_id, ScoreSheet.motivation)
            .join(Application, Application.id == ScoreSheet.application_id)
            .where(
                Application.call_id == call.id,
                ScoreSheet.status == "submitted",
                ~conflicted,
            )
            .order_by(ScoreSheet.application_id, ScoreSheet.id)
        ):
            if motivation and motivation.strip():
                quoted = facts.motivations[application_id]
                if motivation.strip() not in quoted:  # the same words once, whoever wrote them
                    quoted.append(motivation.strip())
        for campaign in session.scalars(
            select(Campaign).where(Campaign.application_id.is_not(None)).order_by(Campaign.id)
        ):
            facts.campaigns[campaign.application_id] = campaign
        for outcome in session.scalars(
            select(CampaignOutcome).where(CampaignOutcome.application_id.is_not(None))
        ):
            facts.outcomes[outcome.application_id] = outcome
        for grant in session.scalars(select(GrantRecord)):
            facts.grants[grant.application_id] = grant
        facts.preavvisi = set(
            session.scalars(
                select(Letter.application_id).where(
                    Letter.call_id == call.id,
                    Letter.kind == "preavviso",
                    Letter.state.in_(("sent", "delivered")),
                )
            )
        )
        session.expunge_all()
    return facts


# --------------------------------------------------------------------------- kinds


def auto_kind(facts: Facts, app: ApplicationDetail, application_id: int) -> str | None:
    entry = facts.entries.get(app.code)
    outcome = facts.outcomes.get(application_id)
    return rules.auto_kind(
        eligibility=str(app.eligibility),
        ranking_status=entry.status if entry else None,
        decision=entry.decision.decision if entry and entry.decision else None,
        campaign_reached=outcome.reached if outcome else None,
        preavviso_enabled=facts.call.letters.preavviso,
        preavviso_sent=application_id in facts.preavvisi,
    )


def fits(facts: Facts, kind: str, app: ApplicationDetail, application_id: int) -> str | None:
    """None when a letter of `kind` fits the application's state; else why not (Italian
    and English, joined by a newline)."""
    entry = facts.entries.get(app.code)
    status = entry.status if entry else None
    decision = entry.decision.decision if entry and entry.decision else None
    outcome = facts.outcomes.get(application_id)
    eligibility = str(app.eligibility)
    if kind == "preavviso" and not facts.call.letters.preavviso:
        return (
            "il preavviso di rigetto è disattivato per questo bando ([letters] preavviso = "
            "false nel file del bando)\nthe notice of grounds for rejection is switched off "
            "for this call ([letters] preavviso = false in the call file)"
        )
    checks = {
        "esclusione": (eligibility == "fail", "non è esclusa", "is not excluded"),
        "preavviso": (eligibility == "fail", "non è esclusa", "is not excluded"),
        "soccorso": (
            eligibility == "check",
            "non ha requisiti da verificare",
            "has no requirement to check",
        ),
        "ammissione": (
            decision == "admitted" or (decision is None and status == "finanziabile"),
            "non è ammessa al finanziamento",
            "is not admitted to funding",
        ),
        "idoneo-non-finanziato": (
            status in ("idoneo_non_finanziato", "finanziabile")
            and (decision == "not_admitted" or (decision is None and status != "finanziabile")),
            "non è idonea non finanziata",
            "is not eligible-not-funded",
        ),
        "non-idoneo": (
            status == "non_idoneo" and decision != "admitted",
            "non è sotto il punteggio minimo",
            "is not below the minimum score",
        ),
        "contributo-concesso": (
            outcome is not None and outcome.reached,
            "non ha una campagna chiusa con l'obiettivo raggiunto",
            "has no campaign closed with its target reached",
        ),
        "contributo-non-concesso": (
            outcome is not None and not outcome.reached,
            "non ha una campagna chiusa senza raggiungere l'obiettivo",
            "has no campaign closed short of its target",
        ),
        "convenzione": (
            outcome is not None and outcome.reached,
            "non ha ottenuto il contributo",
            "has not been granted the contribution",
        ),
    }
    ok, why_it, why_en = checks[kind]
    if ok:
        return None
    label = vocabulary.letter_kind_label(kind)
    label_en = vocabulary.letter_kind_label(kind, "en")
    return (
        f"lettera «{label}» non adatta alla domanda {app.code}: la domanda {why_it}\n"
        f"a “{label_en}” letter does not fit application {app.code}: it {why_en}"
    )


# --------------------------------------------------------------------------- the data


def _money(cents: int | None) -> str:
    return "" if cents is None else formatting.money(cents)


def _date(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    return formatting.date(day)


def _percent(share: Decimal) -> str:
    return formatting.score(share * 100, 0) + "%"


def rule_text(call: CallDefinition, rule: str) -> str:
    """What the call requires, for the letters' reasons (the rule of the call)."""
    sessions = "; ".join(
        f"{s.name}: "
        + (f"dal {formatting.date(s.opens)} " if s.opens else "")
        + (f"entro il {formatting.date(s.closes)}" if s.closes else "")
        for s in call.sessions
    )
    categories = ", ".join(c.name for c in call.categories if c.admitted)
    texts = {
        "sessione": f"domanda presentata entro una delle sessioni del bando ({sessions})",
        "costo_minimo": f"costo complessivo del progetto non inferiore a {formatting.money(call.min_cost_cents)}",
        "costo_massimo": f"costo complessivo del progetto non superiore a {formatting.money(call.max_cost_cents)}",
        "durata": f"durata del progetto non superiore a {call.max_duration_months} mesi",
        "capofila": f"{call.lead_partners} solo soggetto capofila dell'aggregazione",
        "categoria": f"soggetti ammessi: {categories}",
        "rea": "iscrizione al Repertorio Economico Amministrativo (R.E.A.) di ogni soggetto",
        "codice_fiscale": "codice fiscale o partita IVA valido di ogni soggetto",
        "sede_operativa": f"sede operativa nel Comune di {call.operating_site_city} o impegno ad attivarla prima della convenzione",
        "obiettivi": "indicazione di almeno uno degli obiettivi del bando",
        "obiettivo_raccolta": (
            f"obiettivo di raccolta pari al {_percent(call.crowdfunding_share)} del costo del "
            f"progetto; contributo pari al {_percent(call.grant_share)}, fino a "
            f"{formatting.money(call.grant_cap_cents)}"
        ),
    }
    return texts.get(rule, vocabulary.rule_label(rule))


def _rules(call: CallDefinition, app: ApplicationDetail, outcome: str) -> list[dict]:
    return [
        {
            "regola": vocabulary.rule_label(view.result.rule),
            "valore": view.result.seen,
            "motivo": (
                f"{view.override.note} (decisione dell'ufficio)"
                if view.override
                else view.result.reason("it")
            ),
            "norma": rule_text(call, view.result.rule),
        }
        for view in app.rules
        if str(view.outcome) == outcome
    ]


def letter_data(
    facts: Facts,
    kind: str,
    app: ApplicationDetail,
    application_id: int,
    *,
    protocol: tuple[str, dt.date | None] = ("", None),
) -> dict:
    """The letter's data: every name of the template schema, as text."""
    call, office, today = facts.call, facts.office, facts.today
    application = app.application
    lead = next((m for m in app.members if m.is_lead), None)
    partners = ", ".join(m.name for m in app.members if not m.is_lead)
    entry = facts.entries.get(app.code)
    ranking = facts.rankings.get(app.session_code)
    campaign = facts.campaigns.get(application_id)
    outcome = facts.outcomes.get(application_id)
    grant = facts.grants.get(application_id)
    session = next((s for s in call.sessions if s.code == app.session_code), None)
    aggregation = call.evaluation.aggregation
    places = 2

    criteria = []
    if entry is not None and entry.scores is not None:
        for criterion in call.grid.criteria:
            stats = entry.criteria.get(criterion.id)
            value = None
            if stats is not None:
                value = stats.median if aggregation == "median" else stats.mean
            criteria.append(
                {
                    "nome": criterion.name,
                    "punteggio": formatting.score(value, places) if value is not None else "",
                    "massimo": formatting.score(criterion.max),
                    "minimo_valutatori": formatting.score(stats.min) if stats else "",
                    "massimo_valutatori": formatting.score(stats.max) if stats else "",
                }
            )
    decision = entry.decision if entry else None
    maximum = sum((c.max * c.weight for c in call.grid.criteria if c.in_total), Decimal(0))
    raised = outcome.raised_cents if outcome else (campaign.raised_cents if campaign else None)
    target = campaign.target_cents if campaign else app.target_cents
    agreement_by = today + dt.timedelta(days=call.letters.agreement_days)
    soccorso_by = today + dt.timedelta(days=call.letters.soccorso_days)
    number, day = protocol
    subject = rules.subject_line(kind, call.title, app.code)
    return {
        "ente": dict(office.ente),
        "responsabile": dict(office.responsabile),
        "firmatario": dict(office.firmatario),
        "bando": {
            "titolo": call.title,
            "atto": call.letters.call_act,
            "budget": formatting.money(call.budget_cents),
            "quota_raccolta": _percent(call.crowdfunding_share),
            "quota_contributo": _percent(call.grant_share),
            "tetto_contributo": formatting.money(call.grant_cap_cents),
            "giorni_campagna": str(call.campaign_days),
            "punteggio_minimo": formatting.score(call.grid.minimum_total),
            "punteggio_massimo": formatting.score(maximum),
            "tribunale": call.letters.court,
        },
        "sessione": {
            "codice": app.session_code,
            "nome": session.name if session else "",
            "atto_graduatoria": call.letters.ranking_acts.get(app.session_code, ""),
            "budget": _money(ranking.budget_cents) if ranking else "",
            "finanziati": str(ranking.funded_count) if ranking else "",
            "totale_finanziato": _money(ranking.funded_total_cents) if ranking else "",
        },
        "protocollo": {"numero": number, "data": _date(day)},
        "lettera": {
            "data": _date(today),
            "tipo": vocabulary.letter_kind_label(kind),
            "oggetto": subject,
            "luogo": office.ente.get("luogo", ""),
        },
        "destinatario": {
            "denominazione": lead.name if lead else "",
            "codice_fiscale": lead.tax_code if lead else "",
            "indirizzo": application.operating_address or "",
            "pec": lead.pec if lead else "",
            "email": lead.email if lead else "",
        },
        "domanda": {
            "codice": app.code,
            "titolo": application.title,
            "data_presentazione": _date(application.submitted_on),
            "costo": _money(application.cost_cents),
            "contributo": _money(app.grant_cents),
            "obiettivo_raccolta": _money(app.target_cents),
            "durata_mesi": ""
            if application.duration_months is None
            else str(application.duration_months),
            "municipio": "" if application.district is None else str(application.district),
            "quartiere": application.neighbourhood or "",
            "partner": partners,
        },
        "valutazione": {
            "punteggio": formatting.score(entry.score, places)
            if entry and entry.score is not None
            else "",
            "aggregazione": vocabulary.aggregation_label(aggregation),
            "soglia": formatting.score(call.grid.minimum_total),
            "massimo": formatting.score(maximum),
            "posizione": "" if entry is None or entry.position is None else str(entry.position),
            "valutatori": str(entry.evaluators) if entry else "",
            "esito": entry.status_label() if entry else "",
            "decisione": decision.label() if decision else "",
            "motivi_decisione": decision.reasons if decision else "",
        },
        "campagna": {
            "obiettivo": _money(target),
            "raccolto": _money(raised),
            "percentuale": (
                formatting.percent(Decimal(raised) / Decimal(target))
                if raised is not None and target
                else ""
            ),
            "donatori": str(campaign.donors) if campaign else "",
            "apertura": _date(campaign.opens_at) if campaign else "",
            "chiusura": _date(outcome.closed_at if outcome else campaign.closes_at)
            if campaign
            else "",
            "pagina": campaign.page_url if campaign else "",
            "esito": (
                ""
                if outcome is None
                else ("obiettivo raggiunto" if outcome.reached else "obiettivo non raggiunto")
            ),
        },
        "contributo": {
            "importo": _money(outcome.grant_cents if outcome else app.grant_cents),
            "cor": grant.rna_cor if grant else "",
            "atto_numero": grant.act_number if grant else "",
            "atto_data": _date(grant.act_date) if grant else "",
        },
        "termini": {
            "osservazioni_giorni": str(call.letters.observation_days),
            "soccorso_giorni": str(call.letters.soccorso_days),
            "soccorso_scadenza": _date(soccorso_by),
            "convenzione_giorni": str(call.letters.agreement_days),
            "convenzione_scadenza": _date(agreement_by),
        },
        "regole_non_rispettate": _rules(call, app, "fail"),
        "regole_da_verificare": _rules(call, app, "check"),
        "criteri": criteria,
        "motivazioni": [{"testo": text} for text in facts.motivations.get(application_id, [])],
    }


def with_protocol(data: dict, number: str, day: dt.date) -> dict:
    """The same letter's data with its protocol number and date; the letter is dated
    as protocolled (the date the office's register gives it)."""
    return {
        **data,
        "protocollo": {"numero": number, "data": _date(day)},
        "lettera": {**data.get("lettera", {}), "data": _date(day)},
    }
