"""The campaigns view, offscreen on the demo database: the table's rows and texts,
sorting, the selected campaign's chart (painted, with its target line), freshness,
the call's totals, and the Sync button's signal."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from db.models import Application, Campaign, Donation, SyncState
from desktop.domain.campaigns import RiskReason
from desktop.domain.money import format_eur
from desktop.services.campaigns import campaign_series, load_campaigns
from desktop.ui.campaigns.chart import CUMULATIVE_COLOUR, TARGET_COLOUR, CampaignChart
from desktop.ui.campaigns.view import ROW_ROLE, SORT_ROLE, CampaignsView, Column

NOW = dt.datetime(2025, 11, 24, 12, 0, tzinfo=dt.UTC)
OPENS = NOW - dt.timedelta(days=30)
SERVER = "https://crowdfunding.comune.milano.it/api/v1"


def local(aware: dt.datetime) -> dt.datetime:
    """The sync's bookkeeping times (synced_at, SyncState) are naive local time."""
    return aware.astimezone().replace(tzinfo=None)


@pytest.fixture
def campaigns(database):
    """Three campaigns on three admissible demo applications: on course, at risk, closed."""
    with database.session() as session, session.begin():
        applications = (
            session.execute(
                select(Application)
                .where(Application.eligibility == "pass", Application.grant_cents.is_not(None))
                .order_by(Application.code)
                .limit(3)
            )
            .scalars()
            .all()
        )
        specs = [
            ("cmp-1", 3_000_000, 1_800_000, "open", OPENS, NOW + dt.timedelta(days=30)),
            ("cmp-2", 2_000_000, 100_000, "open", OPENS, NOW + dt.timedelta(days=30)),
            (
                "cmp-3",
                4_000_000,
                4_200_000,
                "succeeded",
                NOW - dt.timedelta(days=70),
                NOW - dt.timedelta(days=10),
            ),
        ]
        ids = []
        for application, (external, target, raised, status, opens, closes) in zip(
            applications, specs, strict=True
        ):
            campaign = Campaign(
                server_url=SERVER,
                external_id=external,
                application_code=application.code,
                application_id=application.id,
                link_source="auto",
                title=f"Campagna {application.title}"[:60],
                status=status,
                target_cents=target,
                raised_cents=raised,
                donors=raised // 4_000,
                opens_at=opens.replace(tzinfo=None),
                closes_at=closes.replace(tzinfo=None),
                synced_at=local(NOW),
            )
            session.add(campaign)
            session.flush()
            ids.append(campaign.id)
        # cmp-1: a U-shaped start: 2.800 € a day for 5 days, then 160 € a day (18.000 €).
        for day in range(30):
            amount = 280_000 if day < 5 else 16_000
            session.add(
                Donation(
                    campaign_id=ids[0],
                    external_id=f"d-{day}",
                    amount_cents=amount,
                    donated_at=(OPENS + dt.timedelta(days=day, hours=5)).replace(tzinfo=None),
                    status="confirmed",
                )
            )
        session.add(
            Donation(
                campaign_id=ids[1],
                external_id="d2-0",
                amount_cents=100_000,
                donated_at=(OPENS + dt.timedelta(hours=3)).replace(tzinfo=None),
                status="confirmed",
            )
        )
        session.add(
            SyncState(
                server_url=SERVER,
                platform="commissione",
                last_success_at=local(dt.datetime(2025, 11, 24, 9, 32, tzinfo=dt.UTC)),
                last_attempt_at=local(dt.datetime(2025, 11, 24, 9, 32, tzinfo=dt.UTC)),
                last_error="",
            )
        )
    return ids


@pytest.fixture
def view(qtbot, database, call, ops, campaigns):
    widget = CampaignsView(ops, database, call, "en", clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def texts(view, column):
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_rows_show_each_campaign_with_its_figures(view, campaigns):
    model = view.model
    assert model.rowCount() == 3
    by_id = {model.index(r, 0).data(ROW_ROLE).campaign_id: r for r in range(3)}
    on_course = by_id[campaigns[0]]
    assert model.index(on_course, Column.RAISED).data() == "18.000,00 € / 30.000,00 €"
    assert model.index(on_course, Column.PERCENT).data() == "60%"
    assert model.index(on_course, Column.DAYS_LEFT).data() == "30"
    assert model.index(on_course, Column.REQUIRED).data() == "400,00 €"
    assert model.index(on_course, Column.STATUS).data() == "open"
    at_risk = by_id[campaigns[1]]
    risk = model.index(at_risk, Column.RISK).data()
    assert risk.startswith("At risk: ")
    assert "of the duration gone with 5% of the target" in risk
    # Never by colour alone: an icon and the words.
    assert model.index(at_risk, Column.RISK).data(Qt.ItemDataRole.DecorationRole) is not None
    closed = by_id[campaigns[2]]
    assert model.index(closed, Column.RISK).data() == "Target reached: grant awarded"
    assert model.index(closed, Column.STATUS).data() == "succeeded"


def test_sorting_happens_in_the_model(view, campaigns):
    view.table.sortByColumn(Column.PERCENT, Qt.SortOrder.DescendingOrder)
    assert texts(view, Column.PERCENT) == ["105%", "60%", "5%"]
    view.table.sortByColumn(Column.RISK, Qt.SortOrder.AscendingOrder)
    first = view.model.index(0, 0).data(ROW_ROLE)
    assert first.campaign_id == campaigns[1] and first.metrics.at_risk
    keys = [view.model.index(r, Column.RAISED).data(SORT_ROLE) for r in range(3)]
    assert all(isinstance(k, int) for k in keys)


def test_selection_follows_its_campaign_when_sorting(view, campaigns):
    view.select_campaign(campaigns[1])
    view.table.sortByColumn(Column.PERCENT, Qt.SortOrder.DescendingOrder)
    assert view.selected_row().campaign_id == campaigns[1]
    view.table.sortByColumn(Column.PERCENT, Qt.SortOrder.AscendingOrder)
    assert view.selected_row().campaign_id == campaigns[1]


def test_selecting_a_campaign_shows_its_chart(view, campaigns):
    assert view.chart.series is None
    position = view.model.position_of(campaigns[0])
    view.table.selectionModel().setCurrentIndex(
        view.model.index(position, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    series = view.chart.series
    assert series.campaign_id == campaigns[0]
    assert series.points[-1].cumulative_cents == 1_800_000
    description = view.chart.accessibleDescription()
    assert "Raised 18.000 € of the target 30.000 € (60%) by 24/11/2025" in description
    assert "Forecast at closing on 24/12/2025" in description
    assert view.reasons.text() == "On course"
    view.select_campaign(campaigns[1])
    assert view.chart.series.campaign_id == campaigns[1]
    assert view.reasons.text().startswith("At risk: ")


def pixels(image, colour: QColor, y: int, x_from: int, x_to: int) -> int:
    wanted = colour.rgb()
    return sum(1 for x in range(x_from, x_to) if image.pixel(x, y) == wanted)


def test_chart_paints_the_target_line_cumulative_curve_and_bars(
    qapp, database, call, campaigns, tmp_path
):
    chart = CampaignChart()
    chart.set_series(campaign_series(database, campaigns[0], NOW, call=call))
    image = chart.render_image(800, 400)
    geometry = chart.geometry_used
    background = image.pixel(2, 398)
    painted = sum(
        1 for x in range(0, 800, 2) for y in range(0, 400, 2) if image.pixel(x, y) != background
    )
    assert painted > 2_000
    plot = geometry.plot
    y = round(geometry.y_of(3_000_000))
    left, right = int(plot.left()) + 2, int(plot.right()) - 2
    # A dashed line across the plot: at least a third of the row in the target's colour.
    assert pixels(image, TARGET_COLOUR, y, left, right) > (right - left) / 3
    # Not a line at any other height.
    assert pixels(image, TARGET_COLOUR, y + 25, left, right) < 5
    curve = sum(
        1
        for x in range(left, right)
        for y in range(int(plot.top()), int(plot.bottom()))
        if QColor(image.pixel(x, y)).rgb() == CUMULATIVE_COLOUR.rgb()
    )
    assert curve > 100
    assert image.save(str(tmp_path / "grafico.png"))


def test_chart_without_a_campaign_says_so(qapp):
    chart = CampaignChart()
    image = chart.render_image(400, 200)
    assert chart.geometry_used is None
    assert chart.accessibleDescription() == "No campaign selected."
    assert not image.isNull()


def test_freshness_and_totals(view, database, call):
    assert view.freshness.text() == "Data as of 24/11/2025 10:32"
    totals = view.totals.text()
    assert "Grants awarded: " in totals and "Budget left: " in totals
    overview = load_campaigns(database, call, NOW)
    left = overview.totals.budget_left_cents
    assert f"Budget left: {format_eur(left)} of 600.000,00 €" in totals
    with database.session() as session, session.begin():
        state = session.get(SyncState, SERVER)
        state.last_attempt_at = local(dt.datetime(2025, 11, 24, 11, 0, tzinfo=dt.UTC))
        state.last_error = "timeout"
    view.refresh()
    assert view.freshness.text() == "Offline: data as of 24/11/2025 10:32"


def test_sync_now_asks_for_a_sync_and_waits_while_it_runs(qtbot, view):
    with qtbot.waitSignal(view.sync_requested, timeout=1000):
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)
    view.set_syncing(True)
    assert not view.sync_button.isEnabled()
    view.set_syncing(False)
    assert view.sync_button.isEnabled()


def test_the_table_paints_its_progress_bars(view):
    image = view.table.grab().toImage()
    assert not image.isNull() and image.width() > 0


def test_a_reload_keeps_the_selected_campaign_and_refreshes_its_chart(view, database, campaigns):
    view.select_campaign(campaigns[0])
    with database.session() as session, session.begin():
        session.get(Campaign, campaigns[0]).raised_cents = 1_900_000
        session.add(
            Donation(
                campaign_id=campaigns[0],
                external_id="d-late",
                amount_cents=100_000,
                donated_at=(NOW - dt.timedelta(hours=1)).replace(tzinfo=None),
                status="confirmed",
            )
        )
    view.refresh()
    assert view.selected_row().campaign_id == campaigns[0]
    assert view.chart.series.raised_cents == 1_900_000


def test_risk_reasons_are_worded_by_the_interface(view):
    def closing(days):
        values = {"days": days, "percent": "50%", "threshold": "80%"}
        return view.model.reason_text(RiskReason("closing_short", "", "", values))

    assert closing("1") == "closes in 1 day at 50% of the target (threshold 80%)"
    assert closing("3") == "closes in 3 days at 50% of the target (threshold 80%)"


def test_a_load_the_database_cannot_serve_says_so_and_retries(view, monkeypatch):
    from db.problems import DatabaseBusy
    from desktop.ui.campaigns import view as view_module

    real = view_module.load_campaigns
    refusals = [DatabaseBusy("occupato", "busy")]

    def busy_once(*args, **kwargs):
        if refusals:
            raise refusals.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(view_module, "load_campaigns", busy_once)
    view.refresh()
    assert view.banner.isVisible()
    assert view.banner.message.text() == "The campaigns could not be loaded. busy"
    assert view.banner.retry_button.isVisible()  # a busy database may free up
    view.banner.retry_button.click()
    assert not view.banner.isVisible()
    assert view.model.rowCount() == 3


def test_a_bug_while_loading_reaches_the_crash_handler(view, monkeypatch):
    import sys

    from desktop.ui.campaigns import view as view_module

    crashes = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: crashes.append(args[0]))

    def broken(*_args, **_kwargs):
        raise LookupError("a bug, not a problem for the user")

    monkeypatch.setattr(view_module, "load_campaigns", broken)
    view.refresh()
    assert crashes == [LookupError]
    assert not view.banner.isVisible()
