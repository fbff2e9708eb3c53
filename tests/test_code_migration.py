"""Codes stored before the import normalised them (`hx-00002`, `HX‑00002` with a
non-breaking hyphen) are normalised by migration 0003, so a re-import updates them
instead of creating HX-00002 beside them. Two stored codes that would become the same
are left as they are (merging them would lose one application's data) and the
command line says so: `commissione check` and `commissione import` name them. On
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

import db.engine as engine_module
from db.engine import open_database, resolve_target
from db.migrations import HEAD
from tests.conftest import RESOURCES

# Stored by a release before normalisation → what 0003 leaves.
RENAMED = {
    "A1": ("hx-00001", "HX-00001"),
    "A2": ("HX\u201100002", "HX-00002"),  # non-breaking hyphen
    "A3": ("HX-00003", "HX-00003"),  # collides with A4: both left
    "A4": ("hx-00003", "hx-00003"),
    "A5": (" hx\u201300005\u200b", "HX-00005"),  # en dash, zero-width space, a space
    "A6": ("A6", "A6"),
}


def _written_by_0002(target, call) -> None:
    """A database at schema 0002 holding the hand example, with the codes above."""
    from db.models import Application
    from tests.test_ranking_service import seed_hand_example

    engine = engine_module.make_engine(resolve_target(target))
    engine_module.upgrade(engine, "0002")
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "HEAD", "0002")  # opened as that release did
        database = open_database(target)
        try:
            seed_hand_example(database, call)
            with database.session() as session, session.begin():
                for application in session.scalars(select(Application)):
                    application.code = RENAMED[application.code][0]
        finally:
            database.close()


def _codes(database) -> dict[int, str]:
    from db.models import Application

    with database.session() as session:
        return dict(session.execute(select(Application.id, Application.code)).all())


def test_stored_codes_are_normalised_and_collisions_left(database_url, call_2024):
    _written_by_0002(database_url, call_2024)
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        codes = sorted(_codes(database).values())
    finally:
        database.close()
    assert version == HEAD == "0005"
    assert codes == sorted(after for _, after in RENAMED.values())


def test_a_collision_is_named_by_check_and_import(database_url, call_2024, capsys):
    from desktop.cli import main
    from desktop.importing.service import code_collisions

    _written_by_0002(database_url, call_2024)
    database = open_database(database_url)
    try:
        assert code_collisions(database, call_2024) == [("HX-00003", "hx-00003")]
    finally:
        database.close()

    assert main(["--db", database_url, "--lang", "en", "check"]) == 0
    out = capsys.readouterr().out
    assert "HX-00003" in out and "hx-00003" in out
    assert "“HX-00003”, “hx-00003”" in out and "differ only in case" in out

    assert main(["--db", database_url, "check"]) == 0
    out = capsys.readouterr().out
    assert "«HX-00003», «hx-00003»" in out and "maiuscole" in out


def test_the_import_names_a_collision(database, capsys):
    """An application whose code differs from another's only in case (a database
    from before normalisation): importing the file says so."""
    from db.models import Application
    from desktop.cli import main

    demo = RESOURCES / "demo" / "domande-demo.csv"
    target = database.url.removeprefix("sqlite:///")
    assert main(["--db", target, "--lang", "en", "import", demo]) == 0
    with database.session() as session, session.begin():
        session.scalars(
            select(Application).where(Application.code == "CC24-002")
        ).one().code = "cc24-001"
    capsys.readouterr()
    assert main(["--db", target, "--lang", "en", "import", demo]) == 0
    out = capsys.readouterr().out
    assert "“CC24-001”, “cc24-001”" in out and "differ only in case" in out
