"""`commissione --demo` as a newcomer meets it: a committee with conflicts found
through partners, most sheets scored, session I decided, and live campaigns synced
from the platform simulator on 127.0.0.1; plus the Campaigns menu on a user's own
database: no platform set, the platform dialog, credentials kept out of settings."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from db.models import Campaign, Conflict, Decision, ScoreSheet, SyncState


@pytest.fixture(scope="module")
def pristine_demo_file():
    from desktop.app import prepare_demo_database

    return prepare_demo_database()


@pytest.fixture
def demo_file(pristine_demo_file, tmp_path):
    """A fresh copy of the demo database for each test."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(pristine_demo_file, copy)
    return copy


def test_the_demo_has_a_committee_at_work(demo_file, call):
    from db.engine import open_database
    from desktop.services.ranking import load_ranking

    database = open_database(demo_file)
    try:
        with database.session() as session:
            statuses = dict(
                session.execute(
                    select(Conflict.status, func.count()).group_by(Conflict.status)
                ).all()
            )
            submitted = session.scalar(select(func.count()).where(ScoreSheet.status == "submitted"))
            decisions = session.scalar(select(func.count()).select_from(Decision))
        first = load_ranking(database, call, "I")
        second = load_ranking(database, call, "II")
    finally:
        database.close()
    # Conflicts found through partners: most confirmed, one left for the secretariat.
    assert statuses == {"confirmed": 4, "proposed": 1}
    assert submitted >= 60
    assert decisions > 0
    assert first.funded_count > 0
    assert all(e.decision is not None for e in first.entries if e.status == "finanziabile")
    # Session II: what session I admitted is spent; some applications wait for scores.
    assert second.budget_cents < call.budget_cents
    assert any(e.status == "valutazione_incompleta" for e in second.entries)


def test_demo_window_syncs_live_campaigns_from_the_simulator(qtbot, demo_file, call, ops):
    from db.engine import open_database
    from desktop.app import start_demo_platform
    from desktop.ui.main_window import MainWindow
    from tests.ui.conftest import make_settings

    database = open_database(demo_file)
    simulator, platform = start_demo_platform()
    try:
        settings = make_settings(demo_file.with_name("impostazioni.ini"))
        window = MainWindow(database, call, ops, settings, demo=True, demo_platform=platform)
        qtbot.addWidget(window)
        window.show()
        assert platform.url.startswith("http://127.0.0.1:")
        campaigns = window.part("campaigns")
        campaigns.sync_now(quiet=True)
        assert campaigns.last_result.ok, campaigns.last_result.it
        view = campaigns.open_view()
        assert window.views.currentWidget() is view
        assert view.freshness.text().startswith("Data as of ")  # tests run in English
        with database.session() as session:
            stored = session.scalar(select(func.count()).select_from(Campaign))
            linked = session.scalar(
                select(func.count()).where(Campaign.application_id.is_not(None))
            )
        # Campaigns appear two weeks before they open: most of the eight already.
        assert view.model.rowCount() == stored >= 6
        assert linked == stored  # linked by application code, automatically
        window.close()
    finally:
        simulator.stop()
        database.close()
    # The demo token was used for the session only: nothing in the settings file.
    text = demo_file.with_name("impostazioni.ini").read_text(encoding="utf-8")
    assert platform.token not in text


def test_demo_sync_offline_keeps_the_data_and_says_so(qtbot, demo_file, call, ops):
    from db.engine import open_database
    from desktop.app import start_demo_platform
    from desktop.sync.http import normalise_url
    from desktop.ui.main_window import MainWindow
    from tests.ui.conftest import make_settings

    database = open_database(demo_file)
    simulator, platform = start_demo_platform()
    try:
        window = MainWindow(
            database,
            call,
            ops,
            make_settings(demo_file.with_name("offline.ini")),
            demo=True,
            demo_platform=platform,
        )
        qtbot.addWidget(window)
        campaigns = window.part("campaigns")
        campaigns.sync_now(quiet=True)
        with database.session() as session:
            before = session.scalar(select(func.count()).select_from(Campaign))
        simulator.stop()  # the network goes away
        campaigns.sync_now(quiet=True)
        result = campaigns.last_result
        assert not result.ok and result.offline
        assert "Offline, dati al" in result.it
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(Campaign)) == before
            state = session.get(SyncState, normalise_url(platform.url))
        assert state.last_error and state.last_success_at is not None
        # Offline: the next periodic attempt waits longer.
        assert campaigns.interval_ms() > 30_000
        view = campaigns.open_view()
        assert view.freshness.text().startswith("Offline")
        window.close()
    finally:
        simulator.stop()
        database.close()


def test_sync_without_a_platform_says_what_to_do(window, monkeypatch):
    opened = []
    campaigns = window.part("campaigns")
    monkeypatch.setattr(campaigns, "open_platform_dialog", lambda: opened.append(True))
    campaigns.sync_now()
    assert "Platform and Credentials" in window.statusBar().currentMessage()
    assert opened == [True]


def test_platform_dialog_stores_settings_and_keeps_the_secret_in_the_keyring(
    qtbot, settings, settings_path, ops
):
    import keyring

    from desktop.sync.credentials import get_credential, service_name
    from desktop.ui.campaigns.platform_dialog import PlatformDialog

    dialog = PlatformDialog(settings, ops)
    qtbot.addWidget(dialog)
    url = "https://piattaforma.example.org/api/v1"
    dialog.url_edit.setText(url)
    dialog.interval_box.setCurrentIndex(dialog.interval_box.findData(30))
    dialog.secret_edit.setText("token-segretissimo")
    dialog.store_credential()
    assert dialog.secret_edit.text() == ""  # never left in the widget
    assert "keyring" in dialog.status.text()
    dialog.accept()
    assert settings.platform_url == url and settings.sync_interval_minutes == 30
    assert get_credential(url).secret.reveal() == "token-segretissimo"
    assert keyring.get_password(service_name(url), "secret") == "token-segretissimo"
    settings.sync()
    assert "token-segretissimo" not in settings_path.read_text(encoding="utf-8")
    dialog.forget_credential()
    assert get_credential(url) is None
