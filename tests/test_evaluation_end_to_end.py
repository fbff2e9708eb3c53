"""Issue 4, "Done when", end to end on SQLite and PostgreSQL:

    Three evaluators can score the demo applications on three machines without a
    network, the secretariat merges their returns with every conflict surfaced, and
    the ranking with its funding line matches a hand computation from the grid.

The story, told with the public services only:

1. The secretariat imports the 40 demo applications (27 admissible: 20 in session
   I, 7 in session II) into its database (the `database` fixture: a SQLite file,
   then a PostgreSQL server).
2. It appoints three evaluators, Anna, Bruno and Carla. Bruno works for a *partner*
   (not the lead) of CC24-008: detection proposes the conflict, the secretariat
   confirms it. Carla declares a conflict with CC24-013 by hand.
3. Three evaluators per application: everyone scores everything, except the two
   conflicted pairs, which are never assigned.
4. One kit per evaluator; each kit is opened on its own "laptop" (a SQLite
   workspace in its own folder) with the network cut off; the evaluator scores every
   application in "next unscored" order and exports a return.
5. Meanwhile Anna handed in a paper sheet for CC24-019 after a site visit: the
   secretariat types it into the central database and submits it. On her laptop
   Anna scored CC24-019 differently, so her return conflicts with it.
6. The secretariat imports the returns. Bruno's and Carla's go straight in. Anna's,
   imported without a choice, applies nothing and shows exactly one conflict, both
   sides. Imported again keeping the paper sheet ("central"), it applies the rest;
   the paper sheet stays. Importing any return again changes nothing.
7. The ranking of session I at a what-if budget and of the whole call at the call's
   budget are compared with a computation done here by hand from the table below:
   each sheet's total is Σ weight × score, an application's score is the mean of its
   evaluators' totals, ties go to the higher mean on "impatto_quartiere", the
   funding line is strict. Finally the audit logs' hash chains are intact.

The scores are chosen, not random: each application has a base profile (one score
per criterion) and each evaluator a habit added to it, criterion by criterion. So
with all three evaluators an application's mean is its base total + 2/3, with
Anna and Bruno only (Carla in conflict) it is base − 1, and the table is built to
hit the interesting cases: a tie on the mean broken by the tie breaker, a score of
exactly 60.00 (the minimum, ranked), scores just below it (non idoneo), a sheet
spread above the disagreement limit, and a budget whose line leaves enough money
for a smaller grant further down, which the strict line still does not fund.
"""

from __future__ import annotations

import socket
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from desktop.domain.calls import find_call
from desktop.importing.service import import_applications
from desktop.kits import CENTRAL, export_kit, export_return, import_return, open_kit
from desktop.services import audit, committee, sheets
from desktop.services.browse import load_detail, load_rows
from desktop.services.ranking import load_ranking

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo" / "domande-demo.xlsx"

SECRETARIAT = "Segreteria del bando"
ANNA, BRUNO, CARLA = "Anna Ferri", "Bruno Galli", "Carla Monti"
EVALUATORS = (ANNA, BRUNO, CARLA)

# ---------------------------------------------------------------------------- the grid
# The 2024-2025 grid as the test reads it (checked against the call file below):
# criterion id → (maximum, weight). Every weight is 1, the minimum total is 60.
CRITERIA = (
    "coerenza_obiettivi",  # /20
    "alleanza",  # /20
    "impatto_quartiere",  # /25, also the first tie breaker
    "sostenibilita_economica",  # /20
    "sostenibilita_continuita",  # /15
)
MAXIMA = (20, 20, 25, 20, 15)
WEIGHTS = (1, 1, 1, 1, 1)
MINIMUM_TOTAL = Decimal(60)
DISAGREEMENT_LIMIT = Decimal(20)
GRANT_SHARE, GRANT_CAP_CENTS = Decimal("0.5"), 5_000_000  # half the cost, at most 50.000 €

# ---------------------------------------------------------------------------- the scores
# Base profile of every admissible application, in the criteria's order.
PROFILES = {
    # session I
    "CC24-001": (16, 15, 20, 15, 11),  # 77
    "CC24-002": (12, 11, 14, 11, 8),  # 56 → 56,67: non idoneo
    "CC24-003": (18, 17, 22, 17, 13),  # 87 → first
    "CC24-005": (14, 13, 17, 13, 10),  # 67
    "CC24-006": (15, 14, 19, 14, 10),  # 72 ┐ the same mean 72,67: CC24-006 has the
    "CC24-007": (15, 15, 18, 14, 10),  # 72 ┘ higher "impatto" (19 vs 18), so it goes first
    "CC24-008": (17, 16, 20, 16, 11),  # 80, Bruno in conflict: Anna and Carla → 80,50
    "CC24-009": (13, 12, 16, 12, 9),  # 62
    "CC24-010": (16, 16, 21, 16, 12),  # 81
    "CC24-011": (12, 12, 15, 11, 9),  # 59 → 59,67: just below the minimum
    "CC24-012": (14, 14, 18, 13, 10),  # 69
    "CC24-013": (13, 12, 16, 11, 9),  # 61, Carla in conflict: Anna and Bruno → 60,00 exactly
    "CC24-014": (17, 15, 21, 15, 12),  # 80
    "CC24-015": (11, 10, 13, 10, 8),  # 52: non idoneo
    "CC24-016": (15, 14, 18, 15, 11),  # 73
    "CC24-018": (14, 14, 18, 14, 10),  # 70, the smallest grant (10.000 €)
    "CC24-019": (16, 15, 19, 15, 10),  # 75, but Anna's paper sheet wins (see PAPER_SHEET)
    "CC24-020": (13, 13, 17, 12, 10),  # 65
    "CC24-022": (17, 17, 21, 16, 13),  # 84
    "CC24-023": (16, 16, 20, 15, 11),  # 78
    # session II
    "CC24-025": (15, 15, 19, 14, 11),  # 74
    "CC24-026": (10, 10, 12, 10, 8),  # 50: non idoneo
    "CC24-030": (17, 16, 22, 16, 12),  # 83
    "CC24-034": (14, 13, 16, 13, 10),  # 66
    "CC24-035": (16, 15, 20, 16, 12),  # 79
    "CC24-038": (13, 12, 17, 12, 9),  # 63
    "CC24-039": (15, 14, 17, 14, 11),  # 71
}
# What each evaluator adds to a profile, criterion by criterion (Anna is strict on
# coherence, Carla generous): totals base − 3, base + 1, base + 4.
HABITS = {
    ANNA: (-2, 0, -1, 0, 0),
    BRUNO: (0, 1, 0, 0, 0),
    CARLA: (1, 1, 1, 1, 0),
}
# The paper sheet Anna handed in for CC24-019 after the site visit (total 58, against
# 72 on her laptop). The secretariat keeps it: 58, 76 and 79 spread by 21 > 20.
PAPER_CODE = "CC24-019"
PAPER_SHEET = (14, 15, 8, 11, 10)

# Conflicts of interest.
BRUNO_CONFLICT = "CC24-008"  # Bruno works for a partner of the aggregation
CARLA_CONFLICT = "CC24-013"  # declared by Carla
CONFLICTED = {(BRUNO, BRUNO_CONFLICT), (CARLA, CARLA_CONFLICT)}
PAPER_MOTIVATION = "Scheda cartacea consegnata dopo il sopralluogo."

# The what-if budget of session I: the line falls after the 9th of 17 ranked.
BUDGET_I_CENTS = 40_500_000  # 405.000,00 €


def offline_scores(member: str, code: str) -> tuple[int, ...]:
    """What `member` types on their laptop for `code`."""
    return tuple(b + h for b, h in zip(PROFILES[code], HABITS[member], strict=True))


def offline_motivation(member: str, code: str) -> str:
    return f"Motivazione di {member} per {code}: proposta valutata secondo la griglia."


def as_form(scores: tuple[int, ...]) -> dict[str, Decimal]:
    return {c: Decimal(s) for c, s in zip(CRITERIA, scores, strict=True)}


# ---------------------------------------------------------------------------- hand computation


@dataclass(frozen=True)
class HandRow:
    code: str
    totals: tuple[Decimal, ...]  # one per counted sheet
    mean: Decimal  # exact enough (28 digits); shown rounded to 2 decimals
    impatto_mean: Decimal
    grant_cents: int


def hand_total(scores: tuple[int, ...]) -> Decimal:
    """A sheet's total: Σ weight × score."""
    return sum((Decimal(w) * Decimal(s) for w, s in zip(WEIGHTS, scores, strict=True)), Decimal(0))


def hand_grant(cost_cents: int) -> int:
    grant = min(Decimal(cost_cents) * GRANT_SHARE, Decimal(GRANT_CAP_CENTS))
    assert grant == grant.to_integral_value(), "every demo cost is an even number of cents"
    return int(grant)


def two_decimals(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def final_sheets(code: str) -> dict[str, tuple[int, ...]]:
    """The sheets that count for `code` once the returns are merged: every evaluator
    not in conflict, with Anna's paper sheet for CC24-019."""
    evaluators = [m for m in EVALUATORS if (m, code) not in CONFLICTED]
    sheets_ = {m: offline_scores(m, code) for m in evaluators}
    if code == PAPER_CODE:
        sheets_[ANNA] = PAPER_SHEET
    return sheets_


def hand_row(code: str, cost_cents: int) -> HandRow:
    counted = final_sheets(code)
    totals = tuple(hand_total(s) for s in counted.values())
    impatto = CRITERIA.index("impatto_quartiere")
    return HandRow(
        code=code,
        totals=totals,
        mean=sum(totals, Decimal(0)) / len(totals),
        impatto_mean=Decimal(sum(s[impatto] for s in counted.values())) / len(counted),
        grant_cents=hand_grant(cost_cents),
    )


@dataclass(frozen=True)
class HandRanking:
    ranked: list[HandRow]  # in graduatoria order
    cumulative: list[int]
    funded: int  # the first `funded` are finanziabile
    statuses: dict[str, str]  # every application of the scope
    disagreements: list[str]  # spread above the limit, most divergent first


def hand_ranking(applications, budget_cents: int) -> HandRanking:
    """`applications`: (code, eligibility, cost) of every application in scope."""
    statuses, eligible = {}, []
    for code, eligibility, cost in applications:
        if eligibility == "fail":
            statuses[code] = "non_ammissibile"
        elif eligibility == "check":
            statuses[code] = "da_verificare"
        else:
            eligible.append(hand_row(code, cost))
    for row in eligible:
        if row.mean < MINIMUM_TOTAL:
            statuses[row.code] = "non_idoneo"
    ranked = [row for row in eligible if row.mean >= MINIMUM_TOTAL]
    # No two applications share both the mean and the tie breaker's mean: the
    # second tie breaker (earlier submission) never has to decide.
    keys = [(row.mean, row.impatto_mean) for row in ranked]
    assert len(set(keys)) == len(keys)
    ranked.sort(key=lambda row: (-row.mean, -row.impatto_mean))
    # The strict line: in graduatoria order while the grants fit; the first that
    # does not fit stops it, even if a smaller grant further down would fit.
    cumulative, running, funded, open_line = [], 0, 0, True
    for row in ranked:
        running += row.grant_cents
        cumulative.append(running)
        if open_line and running <= budget_cents:
            funded += 1
        else:
            open_line = False
    for position, row in enumerate(ranked, start=1):
        statuses[row.code] = "finanziabile" if position <= funded else "idoneo_non_finanziato"
    spreads = [
        (max(row.totals) - min(row.totals), row.code)
        for row in eligible
        if len(row.totals) > 1 and max(row.totals) - min(row.totals) > DISAGREEMENT_LIMIT
    ]
    return HandRanking(
        ranked,
        cumulative,
        funded,
        statuses,
        [code for _spread, code in sorted(spreads, key=lambda s: (-s[0], s[1]))],
    )


# ---------------------------------------------------------------------------- helpers


@contextmanager
def no_network(monkeypatch):
    """A laptop without a network: any attempt to open a socket fails loudly."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the offline kit tried to use the network")

    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "create_connection", refuse)
        yield


def acting_as(monkeypatch, user: str) -> None:
    """Who the audit log records for what follows."""
    monkeypatch.setenv("COMMISSIONE_USER", user)


def score_everything_offline(workspace, call, member: str) -> list[str]:
    """The evaluator works through "next unscored" until nothing is left: a draft
    (with a comment, the motivation and a private note), then submits it."""
    done = []
    code = sheets.next_unscored(workspace, call, member)
    while code is not None:
        scores = offline_scores(member, code)
        version = sheets.save_draft(
            workspace,
            call,
            member,
            code,
            as_form(scores),
            {"impatto_quartiere": f"impatto {scores[2]}/25 secondo {member}"},
            offline_motivation(member, code),
            private_note="appunto personale: non deve uscire dal portatile",
            expected_version=0,
        )
        sheets.submit_sheet(workspace, call, member, code, expected_version=version)
        done.append(code)
        code = sheets.next_unscored(workspace, call, member, code)
    return done


def central_sheets(database, call) -> dict[tuple[str, str], tuple]:
    """Every sheet of the secretariat's database: (member, code) → (status, version,
    scores, motivation, private note)."""
    found = {}
    for member in EVALUATORS:
        for row in sheets.member_sheets(database, call, member):
            if row.status:
                view = sheets.open_sheet(database, call, member, row.code)
                found[member, row.code] = (
                    view.status,
                    view.version,
                    tuple(view.scores.get(c) for c in CRITERIA),
                    view.motivation,
                    view.private_note,
                )
    return found


def audit_state(database) -> tuple[int, object]:
    """(entries in the audit log, its first broken link or None)."""
    with database.session() as session:
        return audit.verify(session)


@pytest.fixture
def laptops():
    """The evaluators' workspace databases, closed at the end."""
    opened = []
    yield opened
    for workspace in opened:
        workspace.close()


# ---------------------------------------------------------------------------- the test


def test_three_offline_evaluators_merged_returns_and_ranking_match_the_hand_computation(
    database, tmp_path, monkeypatch, laptops
):
    call = find_call(None)
    assert call.id == "milano-2024-2025"
    # The hand computation above assumes this grid and these rules: check the file.
    grid = call.grid
    assert tuple(c.id for c in grid.criteria) == CRITERIA
    assert tuple(c.max for c in grid.criteria) == MAXIMA
    assert tuple(c.weight for c in grid.criteria) == WEIGHTS
    assert all(c.in_total and c.step == 1 for c in grid.criteria)
    assert grid.minimum_total == MINIMUM_TOTAL
    assert call.evaluation.aggregation == "mean"
    assert call.evaluation.tie_breakers[0] == "impatto_quartiere"
    assert call.evaluation.disagreement_limit == DISAGREEMENT_LIMIT
    assert (call.grant_share, call.grant_cap_cents) == (GRANT_SHARE, GRANT_CAP_CENTS)
    # Every score of the table is a valid score for the grid (the paper sheet too).
    for member in EVALUATORS:
        for code in PROFILES:
            scores = offline_scores(member, code)
            assert all(0 <= s <= m for s, m in zip(scores, MAXIMA, strict=True))
    assert all(0 <= s <= m for s, m in zip(PAPER_SHEET, MAXIMA, strict=True))

    # 1. The secretariat imports the demo applications.
    acting_as(monkeypatch, SECRETARIAT)
    imported = import_applications(database, DEMO, call)
    assert (imported.created, imported.problems) == (40, [])
    rows = load_rows(database, call)
    admissible = [r.code for r in rows if r.eligibility.value == "pass"]
    assert sorted(admissible) == sorted(PROFILES)  # 27 admissible, each with a profile
    session_i = [r for r in rows if r.session_code == "I"]
    assert len([r for r in session_i if r.eligibility.value == "pass"]) == 20

    # 2. The committee, and its conflicts of interest.
    for member in EVALUATORS:
        committee.add_member(database, call, member, role="member")
    partner = next(m for m in load_detail(database, call, BRUNO_CONFLICT).members if m.position)
    committee.add_link(
        database,
        call,
        BRUNO,
        partner.name,
        partner.tax_code,
        kind="employment",
        note="dipendente del partner",
    )
    detected = committee.detect_conflicts(database, call)
    assert [(c.member, c.code, c.status) for c in detected.created] == [
        (BRUNO, BRUNO_CONFLICT, "proposed")
    ]
    committee.confirm_conflict(database, detected.created[0].id)
    committee.declare_conflict(
        database, call, CARLA, CARLA_CONFLICT, "la sorella è socia del capofila"
    )
    assert {(c.member, c.code, c.status) for c in committee.list_conflicts(database, call)} == {
        (BRUNO, BRUNO_CONFLICT, "confirmed"),
        (CARLA, CARLA_CONFLICT, "confirmed"),
    }

    # 3. Three evaluators per application, never a conflicted pair.
    assignment = committee.assign_evaluators(database, call, per_application=3)
    assert assignment.applications == 27
    assert assignment.short == {BRUNO_CONFLICT: 1, CARLA_CONFLICT: 1}
    assert assignment.loads == {ANNA: 27, BRUNO: 26, CARLA: 26}
    matrix = committee.assignment_matrix(database, call)
    for code in PROFILES:
        for member in EVALUATORS:
            expected = "conflict" if (member, code) in CONFLICTED else "assigned"
            assert matrix.cell(member, code) == expected
    assigned = {m: {c for c in PROFILES if matrix.cell(m, c) == "assigned"} for m in EVALUATORS}

    # 4a. One kit per evaluator, issued before anybody has scored.
    kits = {}
    for member in EVALUATORS:
        path = tmp_path / "chiavetta" / f"kit-{member.split()[0].lower()}.zip"
        path.parent.mkdir(exist_ok=True)
        summary = export_kit(database, call, member, path)
        assert (summary.applications, summary.sheets) == (len(assigned[member]), 0)
        kits[member] = path

    # 5. Meanwhile, centrally: Anna's paper sheet for CC24-019, typed in and submitted
    # by the secretariat.
    version = sheets.save_draft(
        database,
        call,
        ANNA,
        PAPER_CODE,
        as_form(PAPER_SHEET),
        {"impatto_quartiere": "visto il sopralluogo: impatto modesto"},
        PAPER_MOTIVATION,
        expected_version=0,
    )
    paper_version = sheets.submit_sheet(database, call, ANNA, PAPER_CODE, expected_version=version)

    # 4b. Three laptops, no network: each opens its kit in its own workspace, scores
    # every application it was given and writes a return file.
    returns = {}
    for member in EVALUATORS:
        first = member.split()[0].lower()
        acting_as(monkeypatch, member)
        with no_network(monkeypatch):
            workspace = open_kit(kits[member], tmp_path / f"portatile-{first}")
            laptops.append(workspace)
            assert workspace.is_sqlite
            # The laptop knows only its evaluator and their applications.
            offered = {r.code for r in sheets.member_sheets(workspace, call, member)}
            assert offered == assigned[member]
            done = score_everything_offline(workspace, call, member)
            assert sorted(done) == sorted(assigned[member])
            assert sheets.progress(workspace, call, member) == (len(done), len(done))
            returns[member] = tmp_path / f"ritorno-{first}.zip"
            summary = export_return(workspace, returns[member])
            assert (summary.sheets, summary.submitted) == (len(done), len(done))
            assert audit_state(workspace)[1] is None
    workspace_files = {Path(w.url.removeprefix("sqlite:///")) for w in laptops}
    assert len({p.parent for p in workspace_files}) == 3  # three machines, three files

    # 6a. Bruno's and Carla's returns go straight in.
    acting_as(monkeypatch, SECRETARIAT)
    for member in (BRUNO, CARLA):
        result = import_return(database, call, returns[member])
        assert result.applied and not result.conflicts and not result.blocked
        assert sorted(result.updated) == sorted(assigned[member])

    # 6b. Anna's return without a choice: nothing is applied, the one conflict is
    # shown with both sides.
    before = central_sheets(database, call)
    entries_before = audit_state(database)[0]
    pending = import_return(database, call, returns[ANNA])
    assert not pending.applied and pending.needs_choices
    assert pending.missing_choices == [PAPER_CODE]
    assert pending.updated == [] and pending.blocked == []
    assert central_sheets(database, call) == before  # nothing written ...
    assert audit_state(database)[0] == entries_before  # ... nor logged
    assert [key for key in before if key[0] == ANNA] == [(ANNA, PAPER_CODE)]
    (conflict,) = pending.conflicts
    assert (conflict.code, conflict.member, conflict.base_version) == (PAPER_CODE, ANNA, 0)
    assert conflict.central.status == "submitted"
    assert conflict.central.version == paper_version
    assert conflict.central.scores == as_form(PAPER_SHEET)
    assert conflict.central.total == hand_total(PAPER_SHEET) == 58
    assert conflict.central.changed_by == SECRETARIAT
    assert conflict.returned.status == "submitted"
    assert conflict.returned.scores == as_form(offline_scores(ANNA, PAPER_CODE))
    assert conflict.returned.total == hand_total(offline_scores(ANNA, PAPER_CODE)) == 72
    assert conflict.returned.motivation == offline_motivation(ANNA, PAPER_CODE)

    # 6c. The secretariat keeps the paper sheet: everything else of Anna's goes in.
    merged = import_return(database, call, returns[ANNA], {PAPER_CODE: CENTRAL})
    assert merged.applied and merged.kept_central == [PAPER_CODE]
    assert sorted(merged.updated) == sorted(assigned[ANNA] - {PAPER_CODE})
    paper = sheets.open_sheet(database, call, ANNA, PAPER_CODE)
    assert (paper.status, paper.version) == ("submitted", paper_version)
    assert paper.scores == as_form(PAPER_SHEET)
    assert paper.motivation == PAPER_MOTIVATION

    # Every sheet is as its evaluator typed it (Anna's CC24-019: the paper one), and
    # the private notes stayed on the laptops.
    merged_sheets = central_sheets(database, call)
    assert len(merged_sheets) == 27 + 26 + 26
    for (member, code), (status, _v, scores, motivation, note) in merged_sheets.items():
        assert status == "submitted" and note == ""
        assert scores == tuple(Decimal(s) for s in final_sheets(code)[member])
        paper_one = (member, code) == (ANNA, PAPER_CODE)
        assert motivation == (PAPER_MOTIVATION if paper_one else offline_motivation(member, code))

    # 6d. Importing the same returns again changes nothing.
    entries_after_merge = audit_state(database)[0]
    for member in EVALUATORS:
        again = import_return(database, call, returns[member])
        assert again.already_applied and not again.applied and not again.needs_choices
    assert central_sheets(database, call) == merged_sheets
    assert audit_state(database)[0] == entries_after_merge

    # 7a. Session I at the what-if budget, against the hand computation.
    costs = {r.code: (r.eligibility.value, r.cost_cents) for r in rows}
    scope_i = [(r.code, *costs[r.code]) for r in session_i]
    hand = hand_ranking(scope_i, BUDGET_I_CENTS)
    ranking = load_ranking(database, call, "I", budget_cents=BUDGET_I_CENTS)
    assert_matches(ranking, hand, BUDGET_I_CENTS)

    # What the table was built to show, in session I:
    order = [row.code for row in hand.ranked]
    assert len(order) == 17 and hand.funded == 9  # the line in the middle
    entries = {e.code: e for e in ranking.entries}
    # the tie on the mean, broken by "impatto_quartiere"
    assert entries["CC24-006"].score == entries["CC24-007"].score == Decimal("72.67")
    assert order.index("CC24-006") < order.index("CC24-007")
    # exactly the minimum is ranked (Anna and Bruno only: 58 + 62 = 2 × 60) ...
    assert entries[CARLA_CONFLICT].score == Decimal("60.00")
    assert entries[CARLA_CONFLICT].position == 17
    assert entries[CARLA_CONFLICT].expected_evaluators == entries[CARLA_CONFLICT].evaluators == 2
    # ... and just below it is not
    assert entries["CC24-011"].score == Decimal("59.67")
    assert {c for c, s in hand.statuses.items() if s == "non_idoneo"} == {
        "CC24-002",
        "CC24-011",
        "CC24-015",
    }
    # the strict line: CC24-018's 10.000 € would fit in what is left, yet it is not funded
    assert entries["CC24-018"].grant_cents <= ranking.left_cents
    assert entries["CC24-018"].status == "idoneo_non_finanziato"
    # the paper sheet counts: 58, 76, 79 → 71,00, and its spread 21 is flagged
    assert entries[PAPER_CODE].score == Decimal("71.00")
    assert [d.code for d in ranking.disagreements] == [PAPER_CODE]

    # 7b. The whole call at the call's own budget (600.000 €).
    everything = load_ranking(database, call, None)
    assert (everything.budget_source, everything.budget_cents) == ("call", call.budget_cents)
    hand_all = hand_ranking([(r.code, *costs[r.code]) for r in rows], call.budget_cents)
    assert_matches(everything, hand_all, call.budget_cents)
    assert 0 < hand_all.funded < len(hand_all.ranked)

    # 8. The audit log's chain is intact, and the conflicted pairs stayed apart.
    count, broken = audit_state(database)
    assert broken is None and count > 27 + 26 + 26
    assert committee.blocked_pairs(database, call) == CONFLICTED


def assert_matches(result, hand: HandRanking, budget_cents: int) -> None:
    """The service's ranking is the hand computation, entry by entry."""
    assert [e.code for e in result.ranked] == [row.code for row in hand.ranked]
    for position, (entry, row, cumulative) in enumerate(
        zip(result.ranked, hand.ranked, hand.cumulative, strict=True), start=1
    ):
        assert entry.position == position
        assert entry.score == two_decimals(row.mean), entry.code
        assert entry.evaluators == entry.expected_evaluators == len(row.totals)
        assert sorted(t.total for t in entry.scores.totals) == sorted(row.totals)
        assert entry.grant_cents == row.grant_cents, entry.code
        assert entry.cumulative_grant_cents == cumulative
    assert {e.code: e.status for e in result.entries} == hand.statuses
    for entry in result.entries:
        if entry.status == "non_idoneo":
            assert entry.position is None and entry.score < MINIMUM_TOTAL
    funded_total = hand.cumulative[hand.funded - 1] if hand.funded else 0
    assert result.budget_cents == budget_cents
    assert (result.funded_count, result.funded_total_cents, result.left_cents) == (
        hand.funded,
        funded_total,
        budget_cents - funded_total,
    )
    assert funded_total <= budget_cents < hand.cumulative[hand.funded]
    assert [d.code for d in result.disagreements] == hand.disagreements
