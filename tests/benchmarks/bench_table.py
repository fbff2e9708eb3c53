"""The applications table at 100,000 rows: time of each search keystroke and of each
sort (target: 50 ms each, model and view together).

    .venv/bin/python tests/benchmarks/bench_table.py [--rows 100000] [--repeat 3]

Rows come from the import benchmark's synthetic applications. The model is attached
to a shown QTableView (offscreen), and each figure includes the view's reaction
(reset or layout change, repaint). Each figure is the best of --repeat; a first sort
by a column ("cold") also computes that column's sort keys. A report: exits 0.
"""

from __future__ import annotations

import argparse
import os
import time

from desktop.domain.calls import find_call
from desktop.domain.eligibility import Outcome
from desktop.services.browse import ApplicationRow, search_key

try:  # run as a script: python tests/benchmarks/bench_table.py
    from synthetic import applications
except ImportError:  # imported by tests/ui
    from tests.benchmarks.synthetic import applications

TARGET_MS = 50.0
QUERY = "forno di via padova"


def synthetic_rows(count: int) -> list[ApplicationRow]:
    """`count` applications as the window's rows, in code order (as load_rows gives them).
    Outcomes as the import would give: above the maximum cost fails; a partner
    without R.E.A. (every partner of the synthetic cell) is to check."""
    call = find_call(None)
    session_rank = {session.code: rank for rank, session in enumerate(call.sessions)}
    rows = []
    for index, (text, typed) in enumerate(applications(count)):
        cost = round(typed["costo_totale"] * 100)
        submitted = typed["data_presentazione"].date()
        session = call.session_for(submitted)
        if cost > call.max_cost_cents:
            outcome = Outcome.FAIL
        elif text["partner"]:
            outcome = Outcome.CHECK
        else:
            outcome = Outcome.PASS
        mask = 0
        for number in text["obiettivi"].split(","):
            mask |= 1 << int(number)
        code, title = text["codice_domanda"], text["titolo"]
        lead, tax_code = text["capofila_denominazione"], text["capofila_codice_fiscale"]
        rows.append(
            ApplicationRow(
                id=index + 1,
                code=code,
                title=title,
                lead_name=lead,
                lead_tax_code=tax_code,
                district=typed["municipio"],
                neighbourhood=text["quartiere"],
                cost_cents=cost,
                grant_cents=call.grant_cents(cost),
                eligibility=outcome,
                session_code=session.code if session else "",
                session_rank=session_rank[session.code] if session else len(call.sessions),
                objectives_mask=mask,
                submitted_on=submitted,
                search_key=search_key(code, title, lead, tax_code, text["quartiere"]),
            )
        )
    return rows


def best_ms(action, repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    from desktop.ui.applications_model import ApplicationsModel, Column, RowFilter

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    rows = synthetic_rows(args.rows)
    print(f"{len(rows):,} synthetic rows in {time.perf_counter() - started:.1f} s")

    model = ApplicationsModel("it")
    view = QTableView()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    app.processEvents()

    def settle():
        app.processEvents()

    print(f"set_rows: {best_ms(lambda: (model.set_rows(rows), settle()), args.repeat):.1f} ms")

    worst = 0.0
    print(f"\nSearch, one keystroke at a time (target {TARGET_MS:.0f} ms):")
    for sort_column in (None, Column.COST):
        model.set_rows(rows)
        if sort_column is not None:
            model.sort(sort_column, Qt.SortOrder.AscendingOrder)
        label = "in code order" if sort_column is None else "sorted by cost"
        for length in range(1, len(QUERY) + 1):
            typed = QUERY[:length]

            def keystroke(typed=typed):
                model.set_filter(RowFilter(text=typed))
                settle()

            def previous(typed=typed):
                model.set_filter(RowFilter(text=typed[:-1]))
                settle()

            ms = best_ms(keystroke, args.repeat, before=previous)
            worst = max(worst, ms)
            print(f"  {label:15} {typed!r:24} {model.rowCount():>7,} rows {ms:6.1f} ms")
    model.set_filter(RowFilter())

    def filters(**criteria):
        model.set_filter(RowFilter(**criteria))
        settle()

    print("\nFilters (from no filter):")
    for criteria in (
        {"session": "II"},
        {"district": 7},
        {"eligibility": Outcome.CHECK},
        {"objective": 3},
        {"text": "padova", "district": 2, "eligibility": Outcome.PASS},
    ):
        ms = best_ms(lambda c=criteria: filters(**c), args.repeat, before=lambda: filters())
        worst = max(worst, ms)
        print(f"  {criteria!s:64} {model.rowCount():>7,} rows {ms:6.1f} ms")

    print(f"\nSort (target {TARGET_MS:.0f} ms): cold = first sort by that column, in a fresh model")
    current = {"model": model}

    def fresh_model():
        current["model"] = ApplicationsModel("it")
        current["model"].set_rows(rows)
        view.setModel(current["model"])
        settle()

    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):

            def sort(column=column, order=order):
                current["model"].sort(column, order)
                settle()

            cold = best_ms(sort, args.repeat, before=fresh_model)
            warm = best_ms(sort, args.repeat)
            worst = max(worst, cold)
            direction = "ascending" if order == Qt.SortOrder.AscendingOrder else "descending"
            print(f"  {column.name:12} {direction:10} cold {cold:6.1f} ms  warm {warm:6.1f} ms")

    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"\nWorst: {worst:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
