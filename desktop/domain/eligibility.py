"""The formal check (istruttoria di ammissibilità): each rule of the call gives
pass / fail / to-check for an application, with the value seen and the reason,
in Italian and English.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from desktop.domain import vocabulary
from desktop.domain.applications import ApplicationData, Entity
from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date as format_date_it
from desktop.domain.formatting import money
from desktop.domain.italian import tax_code_problem

# Limits repeat on every application and each cost is shown by three rules.
format_eur = functools.lru_cache(maxsize=1024)(money)


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    CHECK = "check"


# An application's outcome in words (desktop.domain.vocabulary's).
OUTCOME_LABELS = vocabulary.APPLICATION_OUTCOMES


@dataclass(frozen=True)
class Rule:
    id: str
    label_it: str
    label_en: str


# The rules in the order they are checked; their labels are the vocabulary's.
RULES = tuple(Rule(rule, it, en) for rule, (it, en) in vocabulary.RULES.items())
RULES_BY_ID = {rule.id: rule for rule in RULES}


class RuleResult(NamedTuple):
    """One rule's verdict. A named tuple: an import builds a million of them."""

    rule: str
    outcome: Outcome
    seen: str
    reason_it: str
    reason_en: str

    def reason(self, language: str = "it") -> str:
        return self.reason_en if language == "en" else self.reason_it


def overall(outcomes) -> Outcome:
    """Not eligible if any rule fails; to check if any rule needs a look; else eligible."""
    result = Outcome.PASS
    for outcome in outcomes:
        if outcome is Outcome.FAIL:
            return Outcome.FAIL
        if outcome is Outcome.CHECK:
            result = Outcome.CHECK
    return result


def check_application(call: CallDefinition, app: ApplicationData) -> list[RuleResult]:
    return [
        _session(call, app),
        _min_cost(call, app),
        _max_cost(call, app),
        _duration(call, app),
        _lead(app),
        _categories(call, app),
        _rea(call, app),
        _tax_codes(app),
        _operating_site(call, app),
        _objectives(call, app),
        _target(call, app),
    ]


def _ok(rule: str, seen: str, it: str, en: str) -> RuleResult:
    return RuleResult(rule, Outcome.PASS, seen, it, en)


def _fail(rule: str, seen: str, it: str, en: str) -> RuleResult:
    return RuleResult(rule, Outcome.FAIL, seen, it, en)


def _check(rule: str, seen: str, it: str, en: str) -> RuleResult:
    return RuleResult(rule, Outcome.CHECK, seen, it, en)


def _session(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.submitted_on is None:
        return _check("sessione", "", "data di presentazione mancante", "submission date missing")
    seen = format_date_it(app.submitted_on)
    session = call.session_for(app.submitted_on)
    if session is None:
        windows = "; ".join(_window(s) for s in call.sessions)
        return _fail(
            "sessione",
            seen,
            f"presentata il {seen}, fuori da tutte le sessioni ({windows})",
            f"submitted {seen}, outside every session ({windows})",
        )
    return _ok(
        "sessione",
        seen,
        f"presentata il {seen}: {session.name}",
        f"submitted {seen}: session {session.code}",
    )


def _window(session) -> str:
    opens = format_date_it(session.opens) if session.opens else "…"
    closes = format_date_it(session.closes) if session.closes else "…"
    return f"{session.code}: {opens}–{closes}"


def _min_cost(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.cost_cents is None:
        return _check("costo_minimo", "", "costo totale mancante", "total cost missing")
    seen, limit = format_eur(app.cost_cents), format_eur(call.min_cost_cents)
    if app.cost_cents < call.min_cost_cents:
        return _fail("costo_minimo", seen, f"costo {seen} < {limit}", f"cost {seen} < {limit}")
    return _ok("costo_minimo", seen, f"costo {seen} ≥ {limit}", f"cost {seen} ≥ {limit}")


def _max_cost(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.cost_cents is None:
        return _check("costo_massimo", "", "costo totale mancante", "total cost missing")
    seen, limit = format_eur(app.cost_cents), format_eur(call.max_cost_cents)
    if app.cost_cents > call.max_cost_cents:
        return _fail("costo_massimo", seen, f"costo {seen} > {limit}", f"cost {seen} > {limit}")
    return _ok("costo_massimo", seen, f"costo {seen} ≤ {limit}", f"cost {seen} ≤ {limit}")


def _duration(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.duration_months is None:
        return _check("durata", "", "durata mancante", "duration missing")
    months, limit = app.duration_months, call.max_duration_months
    seen = f"{months} mesi"
    if months > limit:
        return _fail(
            "durata", seen, f"durata {months} > {limit} mesi", f"duration {months} > {limit} months"
        )
    return _ok(
        "durata", seen, f"durata {months} ≤ {limit} mesi", f"duration {months} ≤ {limit} months"
    )


def _lead(app: ApplicationData) -> RuleResult:
    lead = app.lead
    if lead is None or not (lead.name or lead.tax_code):
        return _fail("capofila", "", "nessun capofila indicato", "no lead partner given")
    if not lead.name or not lead.tax_code:
        missing_it, missing_en = (
            ("denominazione", "name") if not lead.name else ("codice fiscale", "tax code")
        )
        return _check(
            "capofila",
            lead.name or lead.tax_code,
            f"capofila senza {missing_it}",
            f"lead partner without {missing_en}",
        )
    repeated = [p for p in app.partners if p.tax_code and p.tax_code == lead.tax_code]
    if repeated:
        return _check(
            "capofila",
            lead.tax_code,
            f"il capofila ({lead.tax_code}) compare anche tra i partner",
            f"the lead partner ({lead.tax_code}) is also listed among the partners",
        )
    members = 1 + len(app.partners)
    return _ok(
        "capofila",
        lead.name,
        f"capofila {lead.name}; soggetti nell'aggregazione: {members}",
        f"lead partner {lead.name}; members of the aggregation: {members}",
    )


def _categories(call: CallDefinition, app: ApplicationData) -> RuleResult:
    admitted = ", ".join(c.name for c in call.categories if c.admitted)
    members = ([("capofila", "lead partner", app.lead)] if app.lead else []) + [
        ("partner", "partner", p) for p in app.partners
    ]
    unknown: list[str] = []
    for role_it, role_en, member in members:
        if not member.category:
            unknown.append(member.name or member.tax_code)
            continue
        category = call.category(member.category)
        if category is None or not category.admitted:
            return _fail(
                "categoria",
                member.category,
                f"{role_it} {member.name}: categoria «{member.category}» non ammessa (ammesse: {admitted})",
                f"{role_en} {member.name}: category “{member.category}” not admitted (admitted: {admitted})",
            )
    if app.lead is None or not app.lead.category:
        return _check(
            "categoria", "", "categoria del capofila mancante", "lead partner's category missing"
        )
    if unknown:
        names = ", ".join(unknown)
        return _check(
            "categoria",
            app.lead.category,
            f"categoria non indicata per: {names}",
            f"category not given for: {names}",
        )
    return _ok(
        "categoria",
        app.lead.category,
        f"categorie ammesse ({len(members)} soggetti)",
        f"admitted categories ({len(members)} members)",
    )


def _rea(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if not call.rea_required:
        return _ok(
            "rea",
            "",
            "iscrizione al R.E.A. non richiesta dal bando",
            "R.E.A. not required by the call",
        )
    if app.lead is None or not app.lead.rea:
        return _fail("rea", "", "R.E.A. del capofila mancante", "lead partner's R.E.A. missing")
    missing = [p.name or p.tax_code for p in app.partners if not p.rea]
    if missing:
        names = ", ".join(missing)
        return _check(
            "rea",
            app.lead.rea,
            f"R.E.A. non indicato per i partner: {names}",
            f"R.E.A. not given for partners: {names}",
        )
    return _ok(
        "rea",
        app.lead.rea,
        f"R.E.A. capofila {app.lead.rea}",
        f"lead partner's R.E.A. {app.lead.rea}",
    )


def _tax_codes(app: ApplicationData) -> RuleResult:
    members: list[Entity] = ([app.lead] if app.lead else []) + list(app.partners)
    for member in members:
        if not member.tax_code:
            continue
        problem = tax_code_problem(member.tax_code)
        if problem:
            return _check(
                "codice_fiscale",
                member.tax_code,
                f"{member.name}: codice fiscale {member.tax_code} non valido ({problem})",
                f"{member.name}: tax code {member.tax_code} is not valid",
            )
    return _ok(
        "codice_fiscale", "", "codici fiscali formalmente validi", "tax codes formally valid"
    )


def _operating_site(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.district is not None:
        if 1 <= app.district <= call.districts:
            seen = f"Municipio {app.district}"
            return _ok("sede_operativa", seen, f"sede nel {seen}", f"site in {seen}")
        return _fail(
            "sede_operativa",
            str(app.district),
            f"Municipio {app.district} inesistente (1–{call.districts})",
            f"no Municipio {app.district} (1–{call.districts})",
        )
    # Without a district the site may still be in the city, or be committed to
    # before the grant agreement: an officer decides.
    seen = app.operating_address
    return _check(
        "sede_operativa",
        seen,
        f"Municipio non indicato: verificare che la sede «{seen or '—'}» sia a {call.operating_site_city} "
        "o sia impegnata prima della convenzione",
        f"no Municipio given: check that the site “{seen or '—'}” is in {call.operating_site_city} "
        "or committed to before the grant agreement",
    )


def _objectives(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if not app.objectives:
        return _check(
            "obiettivi", "", "nessun obiettivo del bando indicato", "no call objective stated"
        )
    names = {o.number: o.name for o in call.objectives}
    seen = ", ".join(str(n) for n in app.objectives)
    unknown = [n for n in app.objectives if n not in names]
    if unknown:
        return _check(
            "obiettivi",
            seen,
            f"obiettivi inesistenti nel bando: {', '.join(map(str, unknown))}",
            f"objectives not in the call: {', '.join(map(str, unknown))}",
        )
    listed = "; ".join(names[n] for n in app.objectives)
    return _ok("obiettivi", seen, listed, listed)


def _target(call: CallDefinition, app: ApplicationData) -> RuleResult:
    if app.cost_cents is None:
        return _check("obiettivo_raccolta", "", "costo totale mancante", "total cost missing")
    expected = call.crowdfunding_target_cents(app.cost_cents)
    if app.declared_target_cents is None:
        shown = format_eur(expected)
        return _ok(
            "obiettivo_raccolta",
            "",
            f"calcolato dal bando: {shown}",
            f"computed from the call: {shown}",
        )
    seen = format_eur(app.declared_target_cents)
    if app.declared_target_cents != expected:
        share = f"{call.crowdfunding_share * 100:.0f}%"
        return _check(
            "obiettivo_raccolta",
            seen,
            f"obiettivo dichiarato {seen} ≠ {format_eur(expected)} ({share} del costo, secondo il bando)",
            f"declared target {seen} ≠ {format_eur(expected)} ({share} of the cost, per the call)",
        )
    return _ok(
        "obiettivo_raccolta", seen, f"obiettivo {seen} coerente", f"target {seen} consistent"
    )


def effective_outcome(results: list[RuleResult], overrides: dict[str, Outcome]) -> Outcome:
    """The application's outcome once an officer's overrides replace computed ones."""
    if not overrides:
        return overall([r.outcome for r in results])
    return overall([overrides.get(r.rule, r.outcome) for r in results])


_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def results_to_json(results: list[RuleResult]) -> str:
    """Stored form of a check. A passed rule keeps its value seen but not its
    reason (rebuilt on display by `with_reasons`): that halves a 100,000-row import's
    writes. Outcome is a str enum, so a result serialises as a plain list."""
    return _to_json(
        [r if r.outcome is not Outcome.PASS else (r.rule, r.outcome, r.seen) for r in results]
    )


def results_from_json(text: str) -> list[RuleResult]:
    """Stored results; passed rules come back with empty reasons (see `with_reasons`)."""
    return [
        RuleResult(item[0], Outcome(item[1]), item[2], *(item[3:] or ("", "")))
        for item in json.loads(text)
    ]


def with_reasons(stored: list[RuleResult], fresh: list[RuleResult]) -> list[RuleResult]:
    """Stored results, with the reasons of passed rules taken from a fresh check of
    the same application when it still agrees."""
    by_rule = {r.rule: r for r in fresh}
    completed = []
    for result in stored:
        again = by_rule.get(result.rule)
        if not result.reason_it and again is not None and again.outcome is result.outcome:
            result = again
        completed.append(result)
    return completed
