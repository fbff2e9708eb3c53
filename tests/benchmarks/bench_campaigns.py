"""The campaigns overview against its floor: a plain SQL aggregate of the same donations.

    .venv/bin/python tests/benchmarks/bench_campaigns.py [--campaigns 1000]
        [--donations 200000] [--repeat 5] [--pg postgresql://...] [--check]

Builds a database with that many campaigns (each linked to an application of the
call, 60 days long, most of them running) and confirmed donations (plus 3% refunded),
then times `load_campaigns` (every campaign's figures, forecast, risk, the call's
totals and freshness) against `SELECT campaign_id, SUM(amount), COUNT(*) ... GROUP BY
campaign_id` over the same donations, in the same process, alternating the order;
each figure is the best of --repeat. Also times one campaign's daily series (the
chart). Target: load_campaigns ≤ 0.5 s. A report: exits 0 unless --check is given
and the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select, text

from db.engine import open_database
from db.models import Application, Call, Campaign, Donation, SyncState
from desktop.domain.calls import load_call
from desktop.services.campaigns import campaign_series, load_campaigns

ROOT = Path(__file__).resolve().parents[2]
CALL = ROOT / "resources" / "calls" / "milano-2024-2025.toml"
TARGET_SECONDS = 0.5
NOW = dt.datetime(2025, 11, 24, 12, 0, tzinfo=dt.UTC)


def fill(database, call, campaigns: int, donations: int, seed: int = 7) -> None:
    """Applications, campaigns and donations, with Core inserts in one transaction."""
    rnd = random.Random(seed)
    now = NOW.replace(tzinfo=None)
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.exec_driver_sql("PRAGMA synchronous = OFF")
        connection.execute(
            insert(Call),
            [{"id": call.id, "title": call.title, "source_file": "x", "registered_at": now}],
        )
        connection.execute(
            insert(Application),
            [
                {
                    "id": i + 1,
                    "call_id": call.id,
                    "code": f"CC24-{i + 1:05d}",
                    "title": f"Progetto {i + 1}",
                    "cost_cents": 6_000_000,
                    "grant_cents": 3_000_000,
                    "target_cents": 3_000_000,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(campaigns)
            ],
        )
        campaign_rows = []
        for i in range(campaigns):
            # Most running, some closed, some not started: every branch of the metrics.
            started_days_ago = rnd.choice([5, 15, 30, 45, 55, 58, 70, -3])
            opens = now - dt.timedelta(days=started_days_ago)
            campaign_rows.append(
                {
                    "id": i + 1,
                    "server_url": "https://crowdfunding.example/api/v1",
                    "external_id": f"cmp-{i + 1:05d}",
                    "application_code": f"CC24-{i + 1:05d}",
                    "application_id": i + 1,
                    "link_source": "auto",
                    "title": f"Campagna {i + 1}",
                    "status": "succeeded" if started_days_ago > 60 else "open",
                    "target_cents": 3_000_000,
                    "raised_cents": 0,
                    "donors": 0,
                    "opens_at": opens,
                    "closes_at": opens + dt.timedelta(days=60),
                    "synced_at": now,
                }
            )
        raised = [0] * campaigns
        donation_rows = []
        for n in range(donations):
            campaign = rnd.randrange(campaigns)
            amount = rnd.choice((1_000, 2_500, 5_000, 10_000, 25_000))
            status = "refunded" if rnd.random() < 0.03 else "confirmed"
            if status == "confirmed":
                raised[campaign] += amount
            opens = campaign_rows[campaign]["opens_at"]
            donation_rows.append(
                {
                    "campaign_id": campaign + 1,
                    "external_id": f"don-{n:07d}",
                    "amount_cents": amount,
                    "donated_at": opens + dt.timedelta(seconds=rnd.randrange(60 * 86_400)),
                    "status": status,
                }
            )
        for i, total in enumerate(raised):
            campaign_rows[i]["raised_cents"] = total
            campaign_rows[i]["donors"] = total // 4_000
        connection.execute(insert(Campaign), campaign_rows)
        for start in range(0, len(donation_rows), 50_000):
            connection.execute(insert(Donation), donation_rows[start : start + 50_000])
        connection.execute(
            insert(SyncState),
            [
                {
                    "server_url": "https://crowdfunding.example/api/v1",
                    "platform": "commissione",
                    "cursor": "",
                    "etag": "",
                    "last_success_at": now,
                    "last_attempt_at": now,
                    "last_error": "",
                }
            ],
        )
    if not database.is_sqlite:
        with database.engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def timed(action) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def floor_query(database) -> None:
    with database.engine.connect() as connection:
        connection.execute(
            select(Donation.campaign_id, func.sum(Donation.amount_cents), func.count())
            .where(Donation.status == "confirmed")
            .group_by(Donation.campaign_id)
        ).all()


def measure(database, call, repeat: int) -> dict[str, float]:
    floors, products, series = [], [], []
    load_campaigns(database, call, NOW)  # warm: connection pool, imports, statement cache
    floor_query(database)
    for attempt in range(repeat):
        order = ("floor", "product") if attempt % 2 == 0 else ("product", "floor")
        for which in order:
            if which == "floor":
                floors.append(timed(lambda: floor_query(database)))
            else:
                products.append(timed(lambda: load_campaigns(database, call, NOW)))
        series.append(timed(lambda: campaign_series(database, 1, NOW, call=call)))
    return {"floor": min(floors), "product": min(products), "series": min(series)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaigns", type=int, default=1_000)
    parser.add_argument("--donations", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", help="also on this (emptied!) PostgreSQL database URL")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    call = load_call(CALL)

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-campaigns-") as temp:
        targets = [("SQLite", str(Path(temp) / "campagne.sqlite"))]
        if args.pg:
            targets.append(("PostgreSQL", args.pg))
        for name, target in targets:
            if name == "PostgreSQL":
                _empty_postgres(target)
            database = open_database(target)
            try:
                fill(database, call, args.campaigns, args.donations)
                overview = load_campaigns(database, call, NOW)
                assert len(overview.rows) == args.campaigns
                results.append((name, measure(database, call, args.repeat)))
            finally:
                database.close()

    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}; "
        f"{args.campaigns:,} campaigns, {args.donations:,} donations"
    )
    print(
        f"{'backend':<11} {'floor s':>8} {'load_campaigns s':>17} {'ratio':>7} "
        f"{'target s':>9}  result   {'one series s':>12}"
    )
    missed = False
    for name, times in results:
        ratio = times["product"] / times["floor"]
        ok = times["product"] <= TARGET_SECONDS
        missed |= not ok
        print(
            f"{name:<11} {times['floor']:>8.3f} {times['product']:>17.3f} {ratio:>6.2f}x "
            f"{TARGET_SECONDS:>9.2f}  {'PASS' if ok else 'MISS':<7}  {times['series']:>12.4f}"
        )
    return 1 if args.check and missed else 0


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    from db.engine import resolve_target

    engine = create_engine(resolve_target(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
