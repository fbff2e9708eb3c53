"""Conflict detection in plain Python: names and tax codes normalised the way the
secretariat would read them, and matches through every partner, not only the lead."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.conflicts import (
    Aggregation,
    Link,
    Party,
    find_conflicts,
    normalise_entity_name,
    normalise_tax_code,
)


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("IL PETTIROSSO SERVIZI SRL", "Il Pettirosso Servizi S.r.l."),
        ("Il Pettirosso Servizi s. r. l.", "Il Pettirosso Servizi S.r.l."),
        ("Il Pettirosso Servizi", "Il Pettirosso Servizi S.r.l."),
        ("Cooperativa sociale Il Pettirosso", "Il Pettirosso Società Cooperativa Sociale"),
        ("Il Pettirosso Soc. Coop. Sociale", "Il Pettirosso Società Cooperativa Sociale"),
        ("Il Pettirosso soc. coop. a r.l.", "Il Pettirosso Società Cooperativa"),
        ("Associazione Il Calicanto A.P.S.", "Associazione Il Calicanto APS"),
        ("Associazione Il Filo Rosso APS - ETS", "Associazione Il Filo Rosso"),
        ("Volontari Il Bucaneve O.d.V.", "Volontari Il Bucaneve ODV"),
        ("La Fornace di Valentina Colombo & C. S.a.s.", "La Fornace di Valentina Colombo e C. sas"),
        (
            "Drogheria La Bussola di Crippa & Brivio snc",
            "Drogheria La Bussola di Crippa e Brivio S.n.c.",
        ),
        ("Caffè Città", "CAFFE' CITTA'"),
        ("La Spiga d’Oro Servizi S.r.l.", "La Spiga d'Oro Servizi SRL"),
        ("Retelombarda Servizi Commerciali S.p.A.", "retelombarda servizi commerciali spa"),
        ("Fiordaliso Impresa Sociale", "Fiordaliso"),
    ],
)
def test_names_that_differ_only_in_form_match(written, same_as):
    assert normalise_entity_name(written) == normalise_entity_name(same_as)
    assert normalise_entity_name(written)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # The sole trader's own name is part of the business name: kept.
        ("Osteria Crippa", "Osteria Crippa di Samira Crippa"),
        # Same first words, different entities (both in the demo data).
        ("Il Pettirosso Servizi S.r.l.", "Il Pettirosso Società Cooperativa Sociale"),
        ("La Gazza Ladra Società Cooperativa Sociale", "La Gazza Ladra di Anna Pozzi & C. S.a.s."),
        ("Volontari Il Filo Rosso ODV", "Associazione Il Filo Rosso APS"),
        ("Associazione culturale Il Calicanto", "Associazione Il Calicanto APS"),
    ],
)
def test_different_entities_stay_different(one, other):
    assert normalise_entity_name(one) != normalise_entity_name(other)


def test_a_name_made_only_of_a_legal_form_is_empty_and_never_matches():
    assert normalise_entity_name("S.r.l.") == ""
    links = [Link("Rossi", "S.r.l.")]
    aggregations = [Aggregation("A-1", (Party(0, "S.r.l.", ""),))]
    assert find_conflicts(links, aggregations) == []


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("IT 02928130158", "02928130158"),
        ("it02928130158", "02928130158"),
        (" 029 2813 0158 ", "02928130158"),
        ("rssmra80a01f205x", "RSSMRA80A01F205X"),
        # Not a VAT number after "IT": left alone.
        ("ITLMRA80A01F205X", "ITLMRA80A01F205X"),
        ("", ""),
    ],
)
def test_tax_codes(written, normalised):
    assert normalise_tax_code(written) == normalised


def _demo_like():
    return [
        Aggregation(
            "CC24-001",
            (
                Party(0, "Osteria Crippa di Samira Crippa", "00712600964"),
                Party(1, "Gelateria Zanoletti di Giorgio Zanoletti", "02928130158"),
                Party(2, "Associazione Il Calicanto APS", "97698870157"),
            ),
        ),
        Aggregation(
            "CC24-002",
            (
                Party(0, "Osteria Longoni di Ana Longoni", "02380180154"),
                Party(1, "Il Pettirosso Servizi S.r.l.", "10414810969"),
                Party(3, "Sartoria Pozzi di Ioana Pozzi", "10259590965"),
            ),
        ),
        Aggregation(
            "CC24-006",
            (Party(0, "Il Pettirosso Società Cooperativa Sociale", "07771660961"),),
        ),
    ]


def test_a_partner_matches_by_tax_code_and_the_reason_says_which():
    links = [Link("Giulia Sala", "Calicanto", "IT97698870157", "board")]
    [proposal] = find_conflicts(links, _demo_like())
    assert (proposal.member, proposal.code) == ("Giulia Sala", "CC24-001")
    [match] = proposal.matches
    assert match.party.position == 2 and match.by == "codice fiscale"
    assert "partner 2 «Associazione Il Calicanto APS»" in proposal.reason
    assert "stesso codice fiscale" in proposal.reason
    assert "«Calicanto»" in proposal.reason and "carica sociale" in proposal.reason
    assert "partner 2" in proposal.reason_en and "same tax code" in proposal.reason_en


def test_a_non_lead_partner_matches_by_name_only():
    links = [Link("Paolo Villa", "SARTORIA POZZI DI IOANA POZZI", "", "family")]
    [proposal] = find_conflicts(links, _demo_like())
    assert proposal.code == "CC24-002"
    assert proposal.matches[0].by == "denominazione"
    assert "partner 3" in proposal.reason and "stessa denominazione" in proposal.reason


def test_the_lead_matches_and_a_similar_partner_does_not():
    links = [Link("Paolo Villa", "Cooperativa sociale Il Pettirosso", "", "board")]
    proposals = find_conflicts(links, _demo_like())
    assert [(p.code, p.matches[0].party.position) for p in proposals] == [("CC24-006", 0)]
    assert proposals[0].reason.startswith("capofila «Il Pettirosso")


def test_one_proposal_per_pair_with_every_match():
    links = [
        Link("Anna", "Associazione Il Calicanto", "97698870157", "board"),
        Link("Anna", "Gelateria Zanoletti di Giorgio Zanoletti", "", "family"),
        Link("Bruno", "Nessun ente corrispondente", "99999999999", "other"),
    ]
    [proposal] = find_conflicts(links, _demo_like())
    assert proposal.member == "Anna" and proposal.code == "CC24-001"
    assert [(m.party.position, m.by) for m in proposal.matches] == [
        (1, "denominazione"),
        (2, "codice fiscale"),
    ]
    assert proposal.reason.count("↔") == 2


def test_the_tax_code_wins_when_both_name_and_code_match():
    links = [Link("Anna", "Associazione Il Calicanto A.P.S.", "97698870157", "board")]
    [proposal] = find_conflicts(links, _demo_like())
    assert [m.by for m in proposal.matches] == ["codice fiscale"]


def test_a_link_matching_many_applications_proposes_each():
    aggregations = [
        Aggregation(f"A-{i}", (Party(0, f"Capofila {i}", f"{i:011d}"), Party(1, "Comune X", "")))
        for i in range(5)
    ]
    proposals = find_conflicts([Link("Anna", "comune x")], aggregations)
    assert [p.code for p in proposals] == [f"A-{i}" for i in range(5)]


names = st.text(
    alphabet=st.sampled_from(list("abcdefghilmnoprstuvzàèé '.&-ABCDEFGLMNOPRS")),
    min_size=0,
    max_size=30,
)


@settings(max_examples=200)
@given(names)
def test_normalising_twice_changes_nothing(name):
    once = normalise_entity_name(name)
    assert normalise_entity_name(once) == once
    assert once == once.strip() and "  " not in once


@settings(max_examples=100)
@given(
    st.lists(st.tuples(st.sampled_from("ABC"), names, st.sampled_from(["", "123", "IT123"]))),
    st.lists(
        st.lists(st.tuples(names, st.sampled_from(["", "123", "456"])), max_size=4), max_size=6
    ),
)
def test_every_match_is_a_real_match_and_none_is_missed(raw_links, raw_aggregations):
    links = [Link(member, name, tax) for member, name, tax in raw_links]
    aggregations = [
        Aggregation(f"D-{i}", tuple(Party(p, n, t) for p, (n, t) in enumerate(parties)))
        for i, parties in enumerate(raw_aggregations)
    ]
    found = {(p.member, p.code) for p in find_conflicts(links, aggregations)}

    def matches(link, party):
        tax = normalise_tax_code(link.tax_code)
        name = normalise_entity_name(link.entity_name)
        return (tax and tax == normalise_tax_code(party.tax_code)) or (
            name and name == normalise_entity_name(party.name)
        )

    expected = {
        (link.member, aggregation.code)
        for link in links
        for aggregation in aggregations
        if any(matches(link, party) for party in aggregation.parties)
    }
    assert found == expected
