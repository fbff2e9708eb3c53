"""Opening databases: migrations from empty, models and migrations in step, older
files copied aside then migrated, newer or foreign databases refused untouched."""

import hashlib
import sqlite3

import pytest
from sqlalchemy import inspect, text

import db.engine as engine_module
from db.engine import DatabaseProblem, open_database, resolve_target
from db.migrations import HEAD


def test_empty_database_is_migrated_to_head(database):
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == HEAD
    assert {"applications", "applicants", "eligibility_checks", "import_batches"} <= tables


def test_models_and_migrations_agree(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from db.models import Base

    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_head_constant_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.migrations import KNOWN

    config = Config()
    config.set_main_option("script_location", str(engine_module.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD
    assert {r.revision for r in script.walk_revisions()} == set(KNOWN)


def test_sqlite_has_foreign_keys_and_wal(sqlite_path):
    database = open_database(sqlite_path)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    database.close()


def test_url_forms():
    assert resolve_target("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert resolve_target("/tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_database_is_refused_and_not_changed(sqlite_path):
    open_database(sqlite_path).close()
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    before = _digest(sqlite_path)
    with pytest.raises(DatabaseProblem, match=r"più recente.*0099.*not changed"):
        open_database(sqlite_path)
    assert _digest(sqlite_path) == before
    assert not list(sqlite_path.parent.glob("*prima-della-migrazione*"))


def test_newer_database_is_refused_on_any_backend(database_url):
    open_database(database_url).close()
    database = open_database(database_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    database.close()
    with pytest.raises(DatabaseProblem, match="0099"):
        open_database(database_url)


def test_foreign_database_is_refused(sqlite_path):
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("CREATE TABLE clienti (id INTEGER)")
    with pytest.raises(DatabaseProblem, match="non è un database di Commissione"):
        open_database(sqlite_path)
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("clienti",)]


def test_unreachable_server_is_a_clear_message():
    with pytest.raises(DatabaseProblem, match="Impossibile aprire") as caught:
        open_database("postgresql://someone:segreto@127.0.0.1:1/nessuno")
    assert "segreto" not in str(caught.value)


def test_older_database_is_copied_aside_then_migrated(sqlite_path):
    """A file written by the first release (schema 0001) with applications in it: a
    copy is kept, then it is upgraded through the real migrations to HEAD."""
    from desktop.domain.calls import find_call
    from desktop.importing.service import import_applications
    from tests.conftest import RESOURCES

    engine = engine_module.make_engine(resolve_target(sqlite_path))
    engine_module.upgrade(engine, "0001")
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        # Opened as the first release did, without migrating further.
        patch.setattr(engine_module, "HEAD", "0001")
        first_release = open_database(sqlite_path)
        import_applications(first_release, RESOURCES / "demo" / "domande-demo.csv", find_call(None))
        first_release.close()

    migrated = open_database(sqlite_path)
    assert migrated.backup_path is not None and migrated.backup_path.exists()
    assert "prima-della-migrazione-0001" in migrated.backup_path.name
    with migrated.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        tables = set(inspect(connection).get_table_names())
        count = connection.execute(text("SELECT count(*) FROM applications")).scalar()
    migrated.close()
    assert HEAD != "0001"
    assert {"score_sheets", "campaigns", "audit_log"} <= tables
    assert count == 40
    with sqlite3.connect(migrated.backup_path) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT count(*) FROM applications").fetchone() == (40,)


def test_campaigns_get_their_page_and_the_next_sync_reads_them_again(database_url):
    """0004 adds the campaign's public page (empty for what was synced before) and
    makes the next sync of a Commissione server list its campaigns in full, keeping
    its donations' watermark; Goteo's state is left alone. Downgrading drops it."""
    import json

    from alembic import command
    from alembic.config import Config

    engine = engine_module.make_engine(resolve_target(database_url))
    engine_module.upgrade(engine, "0003")
    commissione_cursor = {"campaigns_since": "2026-04-10T09:00:00Z", "donations_since": "x"}
    commissione_etag = {"campaigns_etag": '"c1"', "donations_etag": '"d1"'}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO campaigns (server_url, external_id, application_code, link_source,"
                " title, status, target_cents, raised_cents, donors, synced_at) VALUES"
                " ('https://p.example/api/v1', 'c-1', '', '', 'Orto', 'succeeded', 100, 120, 3,"
                " '2026-04-20 09:00:00')"
            )
        )
        for url, platform, cursor, etag in (
            (
                "https://p.example/api/v1",
                "commissione",
                json.dumps(commissione_cursor),
                json.dumps(commissione_etag),
            ),
            ("https://api.goteo.org/v1", "goteo", "{}", "{}"),
            ("https://rotto.example/api/v1", "commissione", "non json", "[1]"),
        ):
            connection.execute(
                text(
                    "INSERT INTO sync_state (server_url, platform, cursor, etag, last_error)"
                    " VALUES (:url, :platform, :cursor, :etag, '')"
                ),
                {"url": url, "platform": platform, "cursor": cursor, "etag": etag},
            )
    engine.dispose()

    migrated = open_database(database_url)
    with migrated.engine.connect() as connection:
        page = connection.execute(text("SELECT page_url FROM campaigns")).scalar_one()
        states = {
            row.server_url: (row.cursor, row.etag)
            for row in connection.execute(text("SELECT server_url, cursor, etag FROM sync_state"))
        }
    migrated.close()
    assert page == ""
    assert json.loads(states["https://p.example/api/v1"][0]) == {"donations_since": "x"}
    assert json.loads(states["https://p.example/api/v1"][1]) == {"donations_etag": '"d1"'}
    assert states["https://api.goteo.org/v1"] == ("{}", "{}")
    assert states["https://rotto.example/api/v1"] == ("", "")

    engine = engine_module.make_engine(resolve_target(database_url))
    config = Config()
    config.set_main_option("script_location", str(engine_module.MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("campaigns")}
        count = connection.execute(text("SELECT count(*) FROM campaigns")).scalar()
    engine.dispose()
    assert "page_url" not in columns and count == 1
