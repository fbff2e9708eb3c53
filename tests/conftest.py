"""Shared fixtures. Tests never touch the user's real data: COMMISSIONE_DATA_DIR
points at a temporary folder, Qt runs offscreen, keyring is in memory.

The `database` fixture runs each test that uses it on a SQLite file and on a
real PostgreSQL server (COMMISSIONE_TEST_PG_URL; .ci/run starts one). Without
that variable the PostgreSQL half is skipped, unless COMMISSIONE_REQUIRE_PG=1
makes it a failure (as in CI).

Hypothesis runs under one of two profiles registered here: "ci" when CI=true (as
.ci/run sets), "default" otherwise; HYPOTHESIS_PROFILE=name chooses either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COMMISSIONE_DB", None)
os.environ["COMMISSIONE_LANG"] = "it"

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
RESOURCES = ROOT / "resources"

# On a busy 2-core machine the too-slow health check and the 200 ms deadline measure
# the load, not the code: test_arbitrary_junk_is_refused_never_crashes failed the
# health check in full runs and passed alone. No property here is about speed (the
# benchmarks are), so both profiles drop both and keep Hypothesis's 100 examples.
# Registered before the test modules import, so a test's own @settings(max_examples=N)
# inherits the rest from the profile.
_UNDER_LOAD = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# Each on Hypothesis's own profile of that name: without a parent a profile inherits
# whichever is loaded, and Hypothesis loads its "ci" whenever CI is set, even CI=false.
settings.register_profile(
    "default", settings.get_profile("default"), max_examples=100, **_UNDER_LOAD
)
# Hypothesis's "ci" is derandomized, without an example database: a rerun fails the
# same way, and nothing is written next to the checkout.
settings.register_profile("ci", settings.get_profile("ci"), max_examples=100, **_UNDER_LOAD)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "default")
)


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    data_dir = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("COMMISSIONE_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture(autouse=True, scope="session")
def _memory_keyring():
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.secrets = {}

        def get_password(self, service, username):
            return self.secrets.get((service, username))

        def set_password(self, service, username, password):
            self.secrets[(service, username)] = password

        def delete_password(self, service, username):
            self.secrets.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


def _postgres_url() -> str | None:
    url = os.environ.get("COMMISSIONE_TEST_PG_URL")
    if not url:
        if os.environ.get("COMMISSIONE_REQUIRE_PG") == "1":
            pytest.fail("COMMISSIONE_REQUIRE_PG=1 but COMMISSIONE_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured: set COMMISSIONE_TEST_PG_URL (bash .ci/run does)")
    return url


def _empty_postgres(url: str) -> str:
    from sqlalchemy import create_engine, text

    from db.engine import resolve_target

    url = resolve_target(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty database's URL (or SQLite path), on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "commissione.sqlite")
    return _empty_postgres(_postgres_url())


@pytest.fixture
def database(database_url):
    from db.engine import open_database

    db = open_database(database_url)
    yield db
    db.close()


@pytest.fixture
def sqlite_path(tmp_path) -> Path:
    return tmp_path / "commissione.sqlite"


@pytest.fixture(scope="session")
def call_2024():
    from desktop.domain.calls import load_call

    return load_call(RESOURCES / "calls" / "milano-2024-2025.toml")


@pytest.fixture(scope="session")
def call_2020():
    from desktop.domain.calls import load_call

    return load_call(RESOURCES / "calls" / "milano-2020-2021.toml")
