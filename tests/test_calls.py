"""Call definitions load from resources/calls and bad files are refused with the
file, the key and the problem named."""

from decimal import Decimal

import pytest

from desktop.domain.calls import (
    CallConfigError,
    UnknownCall,
    available_calls,
    find_call,
    load_call,
)
from tests.conftest import RESOURCES

GOOD = (RESOURCES / "calls" / "milano-2024-2025.toml").read_text(encoding="utf-8")


def test_both_editions_load_with_their_own_numbers(call_2024, call_2020):
    assert call_2024.max_cost_cents == 100_000_00
    assert call_2024.min_cost_cents == 20_000_00
    assert call_2024.crowdfunding_share == Decimal("0.50")
    assert call_2024.grant_cap_cents == 50_000_00
    assert call_2024.budget_cents == 600_000_00
    assert call_2024.campaign_days == 60
    assert call_2024.max_duration_months == 10
    assert [s.code for s in call_2024.sessions] == ["I", "II"]
    assert len(call_2024.objectives) == 5
    assert call_2024.grid.is_default and "sostituire" in call_2024.grid.notice
    assert sum(c.max for c in call_2024.grid.criteria) == 100
    assert call_2024.grid.minimum_total == 60

    assert call_2020.crowdfunding_share == Decimal("0.40")
    assert call_2020.grant_share == Decimal("0.60")
    assert call_2020.grant_cap_cents == 60_000_00


def test_grant_and_target_follow_each_edition(call_2024, call_2020):
    assert call_2024.grant_cents(85_000_00) == 42_500_00
    assert call_2024.crowdfunding_target_cents(85_000_00) == 42_500_00
    assert call_2020.grant_cents(85_000_00) == 51_000_00
    assert call_2020.crowdfunding_target_cents(85_000_00) == 34_000_00
    # The cap binds: the campaign raises the rest.
    assert call_2020.grant_cents(100_000_00) == 60_000_00
    assert call_2024.grant_cents(120_000_00) == 50_000_00
    assert call_2024.crowdfunding_target_cents(120_000_00) == 70_000_00
    # Odd cents round half up, and grant + target is always the cost.
    assert (
        call_2024.grant_cents(33_333_33) + call_2024.crowdfunding_target_cents(33_333_33)
        == 33_333_33
    )


def test_session_is_derived_from_the_date(call_2024):
    import datetime as dt

    assert call_2024.session_for(dt.date(2025, 1, 31)).code == "I"
    assert call_2024.session_for(dt.date(2025, 2, 1)) is None
    assert call_2024.session_for(dt.date(2025, 6, 1)).code == "II"
    assert call_2024.session_for(dt.date(2025, 10, 31)).code == "II"
    assert call_2024.session_for(dt.date(2025, 11, 1)) is None


def test_categories_and_objectives_match_loosely(call_2024):
    assert call_2024.category("Micro Impresa").id == "micro_impresa"
    assert call_2024.category("APS").admitted
    assert not call_2024.category("Grande impresa").admitted
    assert call_2024.category("società per azioni") is None
    assert call_2024.objective("3").number == 3
    assert call_2024.objective("beni comuni urbani").number == 3


def test_available_calls_lists_newest_first():
    assert [c.id for c in available_calls()][:2] == ["milano-2024-2025", "milano-2020-2021"]
    assert find_call(None).id == "milano-2024-2025"
    with pytest.raises(UnknownCall, match="milano-2024-2025"):
        find_call("roma-2030")


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (('max_cost = "100000.00"', "max_cost = 100000.5"), "money.max_cost", "written as text"),
        (
            ('max_cost = "100000.00"', 'max_cost = "centomila"'),
            "money.max_cost",
            "expected a number",
        ),
        (('grant_share = "0.50"', 'grant_share = "0.60"'), "money.grant_share", "must be 1"),
        (
            ('min_cost = "20000.00"', 'min_cost = "200000.00"'),
            "money.min_cost",
            "greater than max_cost",
        ),
        (
            ("max_duration_months = 10", "max_duration_months = 0"),
            "project.max_duration_months",
            "from 1",
        ),
        (("opens = 2025-06-01", "opens = 2025-01-15"), "sessions", "overlap"),
        (("closes = 2025-10-31", 'closes = "31/10/2025"'), "sessions[1].closes", "date like"),
        (("minimum_total = 60", "minimum_total = 160"), "grid.minimum_total", "above the grid"),
        (
            ("objectives = [2, 5]", "objectives = [2, 7]"),
            "grid.criteria[3].objectives",
            "objective numbers",
        ),
        (('id = "alleanza"', 'id = "coerenza_obiettivi"'), "grid.criteria[1].id", "used twice"),
        (
            ("rea_required = true", 'rea_required = "sì"'),
            "applicants.rea_required",
            "true or false",
        ),
        (("[project]", "[progetto]"), "project", "missing"),
        (("closing_days = 7", 'closing_days = "sette"'), "campaigns.closing_days", ""),
        (
            ('aggregation = "mean"', 'aggregation = "media"'),
            "evaluation.aggregation",
            '"mean" or "median"',
        ),
        (
            ('tie_breakers = ["impatto_quartiere"', 'tie_breakers = ["impatto"'),
            "evaluation.tie_breakers[0]",
            "neither a criterion id",
        ),
        (
            ('disagreement_limit = "20"', "disagreement_limit = 20.5"),
            "evaluation.disagreement_limit",
            "written as text",
        ),
        (
            (
                'code = "II"\nname = "II sessione"',
                'code = "II"\nname = "II sessione"\nbudget = "x"',
            ),
            "sessions[1].budget",
            "expected a number",
        ),
        (('quorum = "all"', 'quorum = "tutti"'), "meeting.quorum", '"all"'),
        (('quorum = "all"', "quorum = 0"), "meeting.quorum", "from 1"),
        (
            ("item_target_minutes = 10", "item_target_minutes = 0"),
            "meeting.item_target_minutes",
            "from 1",
        ),
        (("item_target_minutes = 10", "item_target = 10"), "meeting.item_target", "unknown key"),
    ],
)
def test_bad_call_files_name_file_key_and_problem(tmp_path, change, key, words):
    old, new = change
    assert old in GOOD
    path = tmp_path / "bando-errato.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CallConfigError) as caught:
        load_call(path)
    message = str(caught.value)
    assert message.startswith("bando-errato.toml: ")
    assert caught.value.key == key
    assert words in message


def test_evaluation_settings_default_when_the_section_is_absent(tmp_path):
    start = GOOD.index("[evaluation]")
    end = GOOD.index("[grid]")
    path = tmp_path / "senza-valutazione.toml"
    path.write_text(GOOD[:start] + GOOD[end:], encoding="utf-8")
    evaluation = load_call(path).evaluation
    assert evaluation.aggregation == "mean"
    assert evaluation.blind is True
    assert evaluation.tie_breakers == ("submission",)


def test_session_budgets_are_optional_and_exact(tmp_path, call_2024):
    assert [s.budget_cents for s in call_2024.sessions] == [None, None]
    path = tmp_path / "budget-sessioni.toml"
    path.write_text(
        GOOD.replace(
            'code = "II"\nname = "II sessione"',
            'code = "II"\nname = "II sessione"\nbudget = "250000.50"',
        ),
        encoding="utf-8",
    )
    assert load_call(path).sessions[1].budget_cents == 25_000_050


def test_unreadable_call_files(tmp_path):
    broken = tmp_path / "rotto.toml"
    broken.write_text("[call\nid = ", encoding="utf-8")
    with pytest.raises(CallConfigError, match=r"rotto\.toml: .* not valid TOML"):
        load_call(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("title = 'Città'".encode("cp1252"))
    with pytest.raises(CallConfigError, match="UTF-8"):
        load_call(latin)
    with pytest.raises(CallConfigError, match="cannot be read"):
        load_call(tmp_path / "missing.toml")


def test_meeting_options_default_when_the_section_is_absent(tmp_path, call_2024):
    assert call_2024.meeting.quorum == "all"
    assert call_2024.meeting.item_target_minutes == 10
    start = GOOD.index("[meeting]")
    end = GOOD.index("[letters]")
    path = tmp_path / "senza-seduta.toml"
    path.write_text(GOOD[:start] + GOOD[end:], encoding="utf-8")
    assert load_call(path).meeting.quorum == "all"
    path.write_text(GOOD.replace('quorum = "all"', "quorum = 4"), encoding="utf-8")
    assert load_call(path).meeting.quorum == 4
