"""The ranking view on a real SQLite file: the demo's applications, the demo
committee assigned by the committee service, every assigned sheet submitted through
the sheets service with totals chosen here. The funding line must fall where a
computation by hand (below, from the same totals and the stored grants) says, move
with a what-if budget typed in, and decisions need their reasons."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Application, AuditEntry, Decision
from desktop.domain.money import format_eur
from desktop.services import committee, ranking, sheets
from desktop.ui.evaluation.ranking_view import COLUMNS, RankingView

LEFT = Qt.MouseButton.LeftButton
BIASED = "Laura Bianchi"  # scores everything 10 points lower than the others
SPLIT = "CC24-005"  # its three evaluators disagree: 85, 65, 45
SESSION_I_BUDGET = 60_000_000  # the call's 600.000,00 €, nothing admitted before


def scores_for(call, total: int) -> dict[str, Decimal]:
    """Scores adding up to `total`: the points missing from 100 are taken from the
    criteria in the grid's order."""
    missing, scores = 100 - total, {}
    for criterion in call.grid.criteria:
        taken = min(int(criterion.max), missing)
        scores[criterion.id] = Decimal(int(criterion.max) - taken)
        missing -= taken
    return scores


@pytest.fixture
def scored(database, call):
    """Every assigned sheet submitted; returns {code: [totals]} as given."""
    committee.load_demo_committee(database, call)
    committee.assign_evaluators(database, call)
    matrix = committee.assignment_matrix(database, call)
    given: dict[str, list[int]] = {}
    session_i = [a.code for a in matrix.applications if a.code <= "CC24-023"]
    for application in matrix.applications:
        code = application.code
        members = [m.name for m in matrix.members if matrix.cell(m.name, code) == "assigned"]
        base = 100 - 2 * session_i.index(code) if code in session_i else 70
        for number, member in enumerate(members):
            total = base - 10 if member == BIASED else base
            if code == SPLIT:
                total = (85, 65, 45)[number]
            sheets.save_draft(
                database, call, member, code, scores_for(call, total), {}, "Motivazione."
            )
            sheets.submit_sheet(database, call, member, code)
            given.setdefault(code, []).append(total)
    return given


def by_hand(database, given: dict[str, list[int]], session: str, budget_cents: int):
    """(ranked codes in order, how many are fundable): admissible applications of the
    session whose mean total is at least 60, highest mean first; fundable while the
    cumulative grant stays within the budget, stopping at the first that does not fit."""
    with database.session() as session_:
        rows = session_.execute(
            select(Application.code, Application.grant_cents).where(
                Application.session_code == session, Application.eligibility == "pass"
            )
        ).all()
    grants = dict(rows)
    means = {code: Fraction(sum(given[code]), len(given[code])) for code in grants}
    assert len(set(means.values())) == len(means)  # no ties: no tie-breaker needed
    ranked = sorted((c for c in grants if means[c] >= 60), key=lambda c: -means[c])
    funded, spent = 0, 0
    for code in ranked:
        if spent + grants[code] > budget_cents:
            break
        spent += grants[code]
        funded += 1
    return ranked, funded


@pytest.fixture
def view(qtbot, scored, database, call, ops):
    widget = RankingView(database, call, ops, "it")
    qtbot.addWidget(widget)
    widget.resize(1500, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column(view, key: str) -> list[str]:
    position = COLUMNS.index(key)
    return [view.model.index(r, position).data() for r in range(view.model.rowCount())]


def test_the_funding_line_falls_where_the_hand_computation_says(view, scored, database):
    ranked, funded = by_hand(database, scored, "I", SESSION_I_BUDGET)
    assert 0 < funded < len(ranked)  # a line inside the list, worth drawing
    assert column(view, "code")[: len(ranked)] == ranked
    assert column(view, "position")[: len(ranked)] == [str(n) for n in range(1, len(ranked) + 1)]
    statuses = column(view, "status")
    assert statuses[:funded] == ["✓ Finanziabile"] * funded
    assert statuses[funded : len(ranked)] == ["– Idoneo non finanziato"] * (len(ranked) - funded)
    # Drawn: the band with the line is on the first row not funded …
    assert view.table.band_row == funded
    assert view.table.line_y() is not None
    # … and stated in words.
    text = view.line_text.text()
    assert text.startswith(f"Funding line after position {funded} ({ranked[funded - 1]}):")
    assert f"{funded} fundable" in text
    assert "of 600.000,00 €" in text
    assert f"First not funded: position {funded + 1} ({ranked[funded]})" in text
    # The funded total never exceeds the budget.
    assert view.result.funded_total_cents <= SESSION_I_BUDGET


def test_applications_not_ranked_say_why(view, scored):
    codes, statuses = column(view, "code"), column(view, "status")
    status_of = dict(zip(codes, statuses, strict=True))
    assert status_of["CC24-004"] == "✗ Non ammissibile"
    assert status_of["CC24-021"] == "? Da verificare"
    # 100 − 2 × 19 = 62 from two evaluators, 52 from the biased one: 58,67 < 60.
    assert status_of["CC24-023"] == "↓ Non idoneo"
    assert column(view, "position")[codes.index("CC24-023")] == ""


def test_a_what_if_budget_moves_the_line_as_it_is_typed(view, qtbot, scored, database):
    view.budget_edit.setFocus()
    qtbot.keyClicks(view.budget_edit, "250.000")
    _ranked, funded = by_hand(database, scored, "I", 25_000_000)
    assert view.table.band_row == funded
    assert column(view, "status")[:funded] == ["✓ Finanziabile"] * funded
    assert column(view, "status")[funded] == "– Idoneo non finanziato"
    assert "of 250.000,00 € (what-if budget)" in view.line_text.text()
    assert view.result.funded_total_cents <= 25_000_000
    # A budget below the first grant: the line goes above position 1.
    view.budget_edit.clear()
    qtbot.keyClicks(view.budget_edit, "1000")
    assert view.table.band_row == 0
    assert view.line_text.text().startswith("Funding line above position 1")
    # Something that is not an amount is said so, and the line stays.
    qtbot.keyClicks(view.budget_edit, "x")
    assert view.budget_problem.isVisible()
    assert view.table.band_row == 0
    # Emptied: back to the session's budget.
    view.reset_budget_button.click()
    assert not view.budget_problem.isVisible()
    assert view.table.band_row == by_hand(database, scored, "I", SESSION_I_BUDGET)[1]


def test_disagreements_listed_most_divergent_first(view, scored):
    table = view.disagreements
    assert view.tabs.tabText(0) == "Disagreements (1)"
    assert table.item(0, 0).text() == SPLIT
    assert table.item(0, 2).text() == "40,00"
    spread = column(view, "spread")[column(view, "code").index(SPLIT)]
    assert spread == "⚠ 40,00"


def test_summaries_by_district_and_objective_follow_the_line(view, qtbot, scored, database):
    _ranked, funded = by_hand(database, scored, "I", SESSION_I_BUDGET)
    counts = [int(view.by_district.item(r, 1).text()) for r in range(view.by_district.rowCount())]
    assert sum(counts) == funded
    view.budget_edit.setText("100.000")
    counts = [int(view.by_district.item(r, 1).text()) for r in range(view.by_district.rowCount())]
    assert sum(counts) == by_hand(database, scored, "I", 10_000_000)[1]
    assert view.by_objective.rowCount() > 0


def test_normalised_scores_are_shown_beside_the_raw_ranking(view, qtbot, scored, database):
    raw_codes, raw_statuses = column(view, "code"), column(view, "status")
    move_column = COLUMNS.index("move")
    assert view.table.isColumnHidden(move_column)
    view.normalised_box.setChecked(True)
    assert not view.table.isColumnHidden(move_column)
    moves = column(view, "move")
    # The biased evaluator's applications climb once her totals are normalised.
    assert any(move.startswith("↑") for move in moves)
    assert any(move.startswith("↓") for move in moves)
    # The raw ranking, its statuses and its line stay as they were.
    assert column(view, "code") == raw_codes
    assert column(view, "status") == raw_statuses
    # Ordered by the normalised position for comparison: no line drawn there.
    view.normalised_order_box.setChecked(True)
    positions = [view.model.entry(r).normalised_position for r in range(view.model.rowCount())]
    ranked = [p for p in positions if p is not None]
    assert ranked == sorted(ranked)
    assert view.table.line_y() is None
    assert "belong to the raw ranking" in view.line_text.text()


def test_a_decision_requires_reasons(view, qtbot, scored, database):
    assert view.select("CC24-002")
    assert not view.save_decision_button.isEnabled()
    view.admitted_button.click()
    assert not view.save_decision_button.isEnabled()
    view.reasons_edit.setFocus()
    qtbot.keyClicks(view.reasons_edit, "   ")
    assert not view.save_decision_button.isEnabled()
    qtbot.keyClicks(view.reasons_edit, "Seconda in graduatoria, entro il budget.")
    assert view.save_decision_button.isEnabled()
    qtbot.mouseClick(view.save_decision_button, LEFT)
    assert view.decision_message.text() == "Decision recorded for CC24-002."
    assert view.selected_code() == "CC24-002"
    row = column(view, "code").index("CC24-002")
    assert column(view, "decision")[row] == "✓ ammessa"
    assert view.current_decision.text().startswith("Recorded: ✓ ammessa — ")
    with database.session() as session:
        decision = session.scalars(select(Decision)).one()
        assert (decision.decision, decision.reasons) == (
            "admitted",
            "Seconda in graduatoria, entro il budget.",
        )
        assert session.scalars(select(AuditEntry).where(AuditEntry.entity == "decision")).first()
    # The decision is apart from the proposal: the status is still the ranking's.
    assert column(view, "status")[row] == "✓ Finanziabile"

    # The second session's budget is what the first session's admitted grants leave.
    view.session_box.setCurrentIndex(view.session_box.findData("II"))
    with database.session() as session:
        grant = session.scalar(
            select(Application.grant_cents).where(Application.code == "CC24-002")
        )
    assert view.result.budget_cents == SESSION_I_BUDGET - grant
    assert format_eur(SESSION_I_BUDGET - grant) in view.line_text.text()

    view.session_box.setCurrentIndex(view.session_box.findData("I"))
    view.select("CC24-002")
    qtbot.mouseClick(view.clear_decision_button, LEFT)
    assert column(view, "decision")[column(view, "code").index("CC24-002")] == ""


def test_exports_write_the_ranking_as_shown(view, qtbot, scored, tmp_path):
    chosen = iter([tmp_path / "graduatoria.csv", tmp_path / "graduatoria", tmp_path / "s.pdf"])
    view._save_path = lambda *_args: next(chosen)
    view.budget_edit.setText("250.000")
    qtbot.mouseClick(view.export_csv, LEFT)
    text = (tmp_path / "graduatoria.csv").read_text(encoding="utf-8-sig")
    assert "CC24-001" in text and "Idoneo non finanziato" in text
    assert view.export_status.text().startswith("Ranking exported to ")
    qtbot.mouseClick(view.export_pdf, LEFT)
    pdf = tmp_path / "graduatoria.pdf"  # the extension is added when missing
    extracted = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CC24-001" in extracted
    assert "250.000,00" in extracted
    view.select(SPLIT)
    qtbot.mouseClick(view.export_summary, LEFT)
    summary = subprocess.run(
        ["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert SPLIT in summary
    assert "Motivazione." in summary


def test_fewer_evaluators_than_the_call_asks_are_flagged(view, qtbot, scored, database, call):
    """A conflict declared after scoring leaves the application with two sheets: it
    still ranks, but the evaluators' cell says it is short of the call's three."""
    code = "CC24-003"
    member = next(
        m.name
        for m in committee.assignment_matrix(database, call).members
        if committee.assignment_matrix(database, call).cell(m.name, code) == "submitted"
    )
    committee.declare_conflict(database, call, member, code, "Parente del capofila.")
    view.reload()
    row = [e.code for e in view.model.entries].index(code)
    cell = view.model.index(row, COLUMNS.index("evaluators"))
    assert cell.data() == "2/2 ⚠"
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "(3)" in tooltip and "2" in tooltip
    others = [
        view.model.index(r, COLUMNS.index("evaluators")).data()
        for r in range(view.model.rowCount())
        if view.model.entries[r].code != code and view.model.entries[r].evaluators
    ]
    assert others and all("⚠" not in text for text in others)


def test_a_change_elsewhere_reloads_the_ranking_and_keeps_the_reasons_being_written(
    view, qtbot, scored, database, call, ops
):
    """A decision recorded elsewhere (another view, through the operations layer)
    shows here at once; the reasons being written for the selected one stay."""
    from desktop.services.changes import Changed, Changes, Kind

    assert view.select("CC24-002")
    view.admitted_button.click()
    view.reasons_edit.setFocus()
    qtbot.keyClicks(view.reasons_edit, "Scritte a mezzo")

    def decide(_task):
        ranking.set_decision(database, call, "CC24-001", "admitted", "Prima.")
        return Changed(None, Changes.of(Kind.DECISIONS, applications=["CC24-001"]))

    ops.change(view, decide)
    row = column(view, "code").index("CC24-001")
    assert column(view, "decision")[row] == "✓ ammessa"
    assert view.selected_code() == "CC24-002"
    assert view.admitted_button.isChecked()
    assert view.reasons_edit.toPlainText() == "Scritte a mezzo"
    assert view.save_decision_button.isEnabled()
