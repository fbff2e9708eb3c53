"""desktop.domain.vocabulary: every family labels every value of the domain, in
Italian and English, and the modules that name those values use these labels."""

from __future__ import annotations

import pytest

from desktop.domain import campaigns, conflicts, eligibility, scoring, vocabulary
from desktop.domain.vocabulary import (
    APPLICATION_OUTCOMES,
    CAMPAIGN_STATUSES,
    RANKING_STATUSES,
    ROLES,
    RULE_OUTCOMES,
    Labels,
    application_outcome_label,
    role_label,
    rule_label,
    rule_outcome_label,
)

FAMILIES = [value for value in vars(vocabulary).values() if isinstance(value, Labels)]


def test_every_family_is_found() -> None:
    assert len(FAMILIES) == 14


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_every_label_has_italian_and_english(family: Labels) -> None:
    assert len(family) >= 2
    for value, (it, en) in family.items():
        assert it.strip() == it and it, value
        assert en.strip() == en and en, value
        assert family.label(value) == it
        assert family.label(value, "it") == it
        assert family.label(value, "en") == en


def test_an_unknown_value_reads_as_itself() -> None:
    assert role_label("treasurer", "en") == "treasurer"
    assert rule_label("nuova_regola") == "nuova_regola"


def test_labels_are_read_only() -> None:
    with pytest.raises(TypeError):
        ROLES["chair"] = ("capo", "boss")  # type: ignore[index]


def test_enum_values_are_looked_up_as_their_strings() -> None:
    assert application_outcome_label(eligibility.Outcome.FAIL) == "non ammissibile"
    assert rule_outcome_label(eligibility.Outcome.PASS, "en") == "met"
    assert CAMPAIGN_STATUSES.label(campaigns.CampaignStatus.OPEN) == "in corso"


def test_a_rule_is_met_an_application_eligible() -> None:
    assert [RULE_OUTCOMES.label(o) for o in eligibility.Outcome] == [
        "rispettata",
        "non rispettata",
        "da verificare",
    ]
    assert [APPLICATION_OUTCOMES.label(o, "en") for o in eligibility.Outcome] == [
        "eligible",
        "not eligible",
        "to check",
    ]


def test_the_domain_values_all_have_labels() -> None:
    assert set(APPLICATION_OUTCOMES) == set(RULE_OUTCOMES) == set(eligibility.Outcome)
    assert [rule.id for rule in eligibility.RULES] == list(vocabulary.RULES)
    assert eligibility.RULES_BY_ID["durata"].label_it == "Durata massima"
    assert set(RANKING_STATUSES) == set(scoring.STATUSES)
    assert set(CAMPAIGN_STATUSES) == set(campaigns.CampaignStatus)
    assert conflicts.LINK_KINDS is vocabulary.LINK_KINDS
    assert set(vocabulary.EVALUATING_ROLES) < set(ROLES)
