"""Each eligibility rule, on both editions: outcome, value seen and reason."""

import datetime as dt
from dataclasses import replace

import pytest

from desktop.domain.applications import ApplicationData, Entity
from desktop.domain.eligibility import Outcome, check_application, effective_outcome, overall

LEAD = Entity(
    name="Bottega Rossi S.r.l.",
    tax_code="01199250158",
    legal_form="S.r.l.",
    category="micro impresa",
    rea="MI-1234567",
    pec="bottegarossi@pec.it",
)
PARTNER = Entity(
    name="Associazione Verdi", tax_code="97123450153", category="ETS", rea="MI-7654321"
)


def good(**changes) -> ApplicationData:
    app = ApplicationData(
        code="CC24-001",
        title="Via Padova viva",
        submitted_on=dt.date(2025, 1, 15),
        lead=LEAD,
        partners=(PARTNER,),
        district=2,
        operating_address="Via Padova 1, Milano",
        objectives=(1, 3),
        cost_cents=85_000_00,
        duration_months=10,
        declared_target_cents=42_500_00,
    )
    return replace(app, **changes)


def by_rule(call, app):
    return {r.rule: r for r in check_application(call, app)}


def test_a_good_application_passes_every_rule(call_2024):
    results = check_application(call_2024, good())
    assert [r.rule for r in results if r.outcome is not Outcome.PASS] == []
    assert overall(r.outcome for r in results) is Outcome.PASS


@pytest.mark.parametrize(
    ("changes", "rule", "outcome", "reason"),
    [
        (
            {"cost_cents": 120_000_00},
            "costo_massimo",
            Outcome.FAIL,
            "costo 120.000,00 € > 100.000,00 €",
        ),
        (
            {"cost_cents": 15_000_00},
            "costo_minimo",
            Outcome.FAIL,
            "costo 15.000,00 € < 20.000,00 €",
        ),
        ({"cost_cents": None}, "costo_massimo", Outcome.CHECK, "costo totale mancante"),
        (
            {"submitted_on": dt.date(2025, 2, 15)},
            "sessione",
            Outcome.FAIL,
            "presentata il 15/02/2025, fuori",
        ),
        ({"submitted_on": dt.date(2025, 11, 5)}, "sessione", Outcome.FAIL, "05/11/2025"),
        ({"submitted_on": None}, "sessione", Outcome.CHECK, "data di presentazione mancante"),
        ({"duration_months": 12}, "durata", Outcome.FAIL, "durata 12 > 10 mesi"),
        ({"lead": None}, "capofila", Outcome.FAIL, "nessun capofila"),
        ({"lead": replace(LEAD, tax_code="")}, "capofila", Outcome.CHECK, "senza codice fiscale"),
        (
            {"partners": (replace(PARTNER, tax_code=LEAD.tax_code),)},
            "capofila",
            Outcome.CHECK,
            "anche tra i partner",
        ),
        (
            {"lead": replace(LEAD, category="società per azioni")},
            "categoria",
            Outcome.FAIL,
            "«società per azioni» non ammessa",
        ),
        (
            {"partners": (replace(PARTNER, category="grande impresa"),)},
            "categoria",
            Outcome.FAIL,
            "partner Associazione Verdi",
        ),
        (
            {"partners": (replace(PARTNER, category=""),)},
            "categoria",
            Outcome.CHECK,
            "non indicata per: Associazione Verdi",
        ),
        ({"lead": replace(LEAD, rea="")}, "rea", Outcome.FAIL, "R.E.A. del capofila mancante"),
        ({"partners": (replace(PARTNER, rea=""),)}, "rea", Outcome.CHECK, "Associazione Verdi"),
        (
            {"lead": replace(LEAD, tax_code="01199250159")},
            "codice_fiscale",
            Outcome.CHECK,
            "01199250159 non valido",
        ),
        (
            {"district": None, "operating_address": "Via Roma 1, Sesto San Giovanni"},
            "sede_operativa",
            Outcome.CHECK,
            "Sesto San Giovanni",
        ),
        ({"objectives": ()}, "obiettivi", Outcome.CHECK, "nessun obiettivo"),
        (
            {"declared_target_cents": 40_000_00},
            "obiettivo_raccolta",
            Outcome.CHECK,
            "40.000,00 € ≠ 42.500,00 €",
        ),
    ],
)
def test_each_rule_2024(call_2024, changes, rule, outcome, reason):
    result = by_rule(call_2024, good(**changes))[rule]
    assert result.outcome is outcome
    assert reason in result.reason_it
    assert result.reason_en and result.reason_en != result.reason_it


def test_value_seen_is_recorded(call_2024):
    results = by_rule(call_2024, good(cost_cents=120_000_00, duration_months=12))
    assert results["costo_massimo"].seen == "120.000,00 €"
    assert results["durata"].seen == "12 mesi"
    assert results["sessione"].reason_it == "presentata il 15/01/2025: I sessione"


def test_rules_of_the_2020_edition(call_2020):
    """Same application, the older edition's numbers: 12 months allowed, no R.E.A.
    needed, one session in 2020-21, 40% raised."""
    app = good(
        submitted_on=dt.date(2021, 1, 10),
        duration_months=12,
        lead=replace(LEAD, rea=""),
        objectives=(1, 2),
        declared_target_cents=34_000_00,
    )
    results = by_rule(call_2020, app)
    assert {r.rule: r.outcome for r in results.values() if r.outcome is not Outcome.PASS} == {}
    assert (
        by_rule(call_2020, good(submitted_on=dt.date(2025, 1, 15)))["sessione"].outcome
        is Outcome.FAIL
    )
    assert by_rule(call_2020, replace(app, duration_months=13))["durata"].outcome is Outcome.FAIL
    # 50% declared is inconsistent with the 2020 split (40% raised).
    target = by_rule(call_2020, replace(app, declared_target_cents=42_500_00))["obiettivo_raccolta"]
    assert target.outcome is Outcome.CHECK and "40% del costo" in target.reason_it
    # An objective that only the 2024 edition has.
    assert by_rule(call_2020, replace(app, objectives=(5,)))["obiettivi"].outcome is Outcome.CHECK


def test_overrides_replace_one_rule(call_2024):
    results = check_application(call_2024, good(submitted_on=dt.date(2025, 2, 3)))
    assert effective_outcome(results, {}) is Outcome.FAIL
    assert effective_outcome(results, {"sessione": Outcome.PASS}) is Outcome.PASS
    assert effective_outcome(results, {"sessione": Outcome.CHECK}) is Outcome.CHECK
