"""The demo: invented applications, a committee with conflicts found through
partners, assignments, and most sheets already scored, so that a newcomer sees
every view populated (`commissione --demo`) and can still score a few.

The scores are made up but reproducible: each application has a quality, each
evaluator a slight bias, each criterion some noise, all from stable hashes.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select

from db.engine import Database
from db.models import Application, Assignment, CommitteeMember
from desktop.domain.calls import CallDefinition
from desktop.services import committee

# Session I is decided; in session II some applications are left for the visitor
# to score, and one conflict for the secretariat to decide.
DECIDED_SESSION = "I"
UNSCORED_SHARE = Decimal("0.4")
CONFLICT_LEFT_PROPOSED = ("Elena Ricci", "CC24-039")


@dataclass(frozen=True)
class DemoEvaluation:
    members: int
    conflicts_confirmed: int
    assignments: int
    sheets_submitted: int
    left_to_score: tuple[str, ...]
    decisions: int


def _unit(*parts: str) -> Decimal:
    """A stable number in [0, 1) from the parts (not Python's salted hash)."""
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=8).digest()
    return Decimal(int.from_bytes(digest, "big")) / Decimal(2**64)


def _score(call: CallDefinition, code: str, member: str, criterion) -> Decimal:
    quality = Decimal("0.40") + _unit("quality", code) * Decimal("0.55")
    bias = (_unit("bias", member) - Decimal("0.5")) * Decimal("0.12")
    noise = (_unit("noise", code, member, criterion.id) - Decimal("0.5")) * Decimal("0.2")
    share = min(max(quality + bias + noise, Decimal(0)), Decimal(1))
    steps = (criterion.max * share / criterion.step).quantize(Decimal(1), ROUND_HALF_UP)
    return steps * criterion.step


def prepare_demo_evaluation(database: Database, call: CallDefinition) -> DemoEvaluation:
    from desktop.importing.scores import import_scores

    demo = committee.load_demo_committee(database, call, user="demo")
    committee.detect_conflicts(database, call, user="demo")
    confirmed = 0
    for conflict in committee.list_conflicts(database, call, status="proposed"):
        if (conflict.member, conflict.code) != CONFLICT_LEFT_PROPOSED:
            committee.confirm_conflict(database, conflict.id, user="demo")
            confirmed += 1
    committee.assign_evaluators(database, call, user="demo")

    with database.session() as session:
        pairs = session.execute(
            select(CommitteeMember.name, Application.code, Application.session_code)
            .join(Assignment, Assignment.member_id == CommitteeMember.id)
            .join(Application, Application.id == Assignment.application_id)
            .where(Application.call_id == call.id)
            .order_by(Application.code, CommitteeMember.name)
        ).all()
    codes = sorted({code for _member, code, session in pairs if session != DECIDED_SESSION})
    left = tuple(code for code in codes if _unit("unscored", code) < UNSCORED_SHARE)
    rows = []
    for member, code, _session in pairs:
        if code in left:
            continue
        for criterion in call.grid.criteria:
            rows.append(
                {
                    "valutatore": member,
                    "codice_domanda": code,
                    "criterio": criterion.id,
                    "punteggio": str(_score(call, code, member, criterion)).replace(".", ","),
                    "commento": "",
                    "motivazione": "Valutazione dimostrativa: punteggi inventati.",
                }
            )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "punteggi-demo.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
            writer.writeheader()
            writer.writerows(rows)
        result = import_scores(database, call, path)
    if result.problems:  # the demo data and this code disagree: say it loudly
        raise RuntimeError(f"demo scores refused: {result.problems[:3]}")
    decided = _decide_session(database, call, DECIDED_SESSION)
    return DemoEvaluation(
        members=demo.members_added,
        conflicts_confirmed=confirmed,
        assignments=len(pairs),
        sheets_submitted=result.sheets_submitted,
        left_to_score=left,
        decisions=decided,
    )


def _decide_session(database: Database, call: CallDefinition, session_code: str) -> int:
    """The committee's decisions on a session as its ranking proposes them."""
    from desktop.domain.scoring import BELOW_MINIMUM, FUNDABLE, NOT_FUNDED
    from desktop.services.ranking import load_ranking, set_decision

    reasons = {
        FUNDABLE: ("admitted", "Finanziabile secondo la graduatoria approvata dalla commissione."),
        NOT_FUNDED: (
            "not_admitted",
            "Idonea ma non finanziabile: il budget della sessione è esaurito.",
        ),
        BELOW_MINIMUM: (
            "not_admitted",
            "Punteggio inferiore alla soglia minima prevista dal bando.",
        ),
    }
    count = 0
    for entry in load_ranking(database, call, session_code).entries:
        if entry.status in reasons:
            decision, text = reasons[entry.status]
            set_decision(database, call, entry.code, decision, text, user="demo")
            count += 1
    return count
