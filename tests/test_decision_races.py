"""Two `commissione decide` on the same application at the same moment: the later
replaces the earlier, both are audited in order, and neither ends in exit 3.

Real concurrency: two worker processes (separate connections, the command line's own
`main`, so its way of opening the database and taking locks) meet at a barrier and
decide the same application at once, round after round; between rounds the test
sometimes clears the decision, so both the "no decision yet, both insert" race and
the "both replace the same decision" race are run many times. On SQLite and
PostgreSQL (the `database` fixture)."""

from __future__ import annotations

import json
import multiprocessing

from sqlalchemy import select

ROUNDS = 15
CODE = "A1"
# What each worker decides (a different decision and reasons, so the log tells them apart).
WORKERS = {
    "admitted": "Primo in graduatoria",
    "not-admitted": "Fuori budget",
}


def _decider(target: str, code: str, decision: str, reasons: str, barrier, results) -> None:
    from desktop.cli import main

    codes = []
    for _ in range(ROUNDS):
        barrier.wait()  # the round is ready: go
        argv = ["--db", target, "--lang", "en", "decide", code, f"--{decision}"]
        codes.append(main([*argv, "--reasons", reasons]))
        barrier.wait()  # both are done
    results.put(codes)


def test_two_simultaneous_decisions_both_land_in_order(database, database_url, call_2024):
    from db.models import AuditEntry, Decision
    from desktop.services import audit
    from desktop.services.ranking import clear_decision
    from tests.test_ranking_service import seed_hand_example

    seed_hand_example(database, call_2024)
    context = multiprocessing.get_context("spawn")  # nothing of this process's engines
    barrier = context.Barrier(len(WORKERS) + 1, timeout=120)
    results = context.Queue()
    workers = [
        context.Process(
            target=_decider, args=(database_url, CODE, decision, reasons, barrier, results)
        )
        for decision, reasons in WORKERS.items()
    ]
    for worker in workers:
        worker.start()
    cleared = 0
    try:
        for round_ in range(ROUNDS):
            # Every other round from no decision at all: both workers insert.
            if round_ % 2 == 0 and clear_decision(database, call_2024, CODE):
                cleared += 1
            barrier.wait()
            barrier.wait()
        codes = [results.get(timeout=60) for _ in workers]
    finally:
        for worker in workers:
            worker.join(60)
            if worker.is_alive():
                worker.kill()
    assert [code for run in codes for code in run] == [0] * (ROUNDS * len(WORKERS)), codes

    with database.session() as session:
        final = session.execute(select(Decision)).scalar_one()
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "decision", AuditEntry.entity_key == CODE)
            .order_by(AuditEntry.id)
        ).all()
        check = audit.check_log(session)
    assert check.ok, check
    actions = [entry.action for entry in entries]
    assert actions.count("set") == ROUNDS * len(WORKERS)  # one entry per decision
    assert actions.count("clear") == cleared
    # In order: each entry's old value is what the one before it left.
    left = None
    for entry in entries:
        old = json.loads(entry.old) if entry.old else None
        assert old == left, (entry.id, entry.action, old, left)
        left = json.loads(entry.new) if entry.new else None
    assert final.decision in ("admitted", "not_admitted")
    assert left == {"decision": final.decision, "reasons": final.reasons}


def test_simultaneous_decisions_on_different_applications_keep_one_chain(
    database, database_url, call_2024
):
    """Nothing but the audit log is shared: its entries still form one chain (on
    PostgreSQL the head row locked FOR UPDATE is not enough: a writer that waited for
    it gets the old head, not the entry inserted meanwhile)."""
    from desktop.services import audit
    from tests.test_ranking_service import seed_hand_example

    seed_hand_example(database, call_2024)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(WORKERS) + 1, timeout=120)
    results = context.Queue()
    workers = [
        context.Process(
            target=_decider, args=(database_url, code, decision, reasons, barrier, results)
        )
        for code, (decision, reasons) in zip(("A1", "A2"), WORKERS.items(), strict=True)
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in range(ROUNDS):
            barrier.wait()
            barrier.wait()
        codes = [results.get(timeout=60) for _ in workers]
    finally:
        for worker in workers:
            worker.join(60)
            if worker.is_alive():
                worker.kill()
    assert [code for run in codes for code in run] == [0] * (ROUNDS * len(WORKERS)), codes
    with database.session() as session:
        check = audit.check_log(session)
    assert check.ok, check.broken
