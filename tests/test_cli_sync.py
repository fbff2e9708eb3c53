"""`commissione sync | link | credentials` against real servers on 127.0.0.1: exit
codes 0 (done), 1 (sync failed: offline, refused, rejected), 2 (unusable input)."""

from __future__ import annotations

import datetime as dt
import io
import socket
import sys

import keyring
import pytest
from goteo_server import KEY, USER, GoteoServer
from keyring.backends import fail

from desktop.cli import main
from desktop.platform.simulator import demo_timeline, running_simulator
from desktop.sync import credentials, http
from desktop.sync.http import RetryPolicy

TOKEN = "tok-riga-di-comando-77c0de"
START = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch):
    monkeypatch.setattr(
        http, "DEFAULT_POLICY", RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)
    )
    monkeypatch.delenv("COMMISSIONE_PLATFORM_URL", raising=False)
    monkeypatch.delenv(credentials.TOKEN_VARIABLE, raising=False)
    credentials.clear_session()


@pytest.fixture(scope="module")
def timeline():
    return demo_timeline(4, seed=11, start=START)


@pytest.fixture
def sim(timeline):
    with running_simulator(timeline=timeline, speed=0, token=TOKEN, start=START) as simulator:
        yield simulator
        credentials.forget_credential(simulator.base_url)


@pytest.fixture
def db(sqlite_path, capsys) -> str:
    # --db refuses a file that does not exist: `init` creates it.
    assert main(["--db", str(sqlite_path), "init"]) == 0
    capsys.readouterr()
    return str(sqlite_path)


def cli(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def store_token(capsys, monkeypatch, url, token=TOKEN, *extra):
    return cli(
        capsys, "credentials", "set", url, *extra, stdin=token + "\n", monkeypatch=monkeypatch
    )


def test_credentials_set_reads_the_secret_from_stdin_never_argv(capsys, monkeypatch, sim):
    code, out, err = store_token(capsys, monkeypatch, sim.base_url)
    assert code == 0 and "portachiavi" in out
    assert TOKEN not in out + err
    assert credentials.get_credential(sim.base_url).secret.reveal() == TOKEN
    with pytest.raises(SystemExit) as raised:
        main(["credentials", "set", sim.base_url, TOKEN])
    assert raised.value.code == 2


def test_an_empty_secret_is_unusable_input(capsys, monkeypatch, sim):
    code, _, err = cli(
        capsys, "credentials", "set", sim.base_url, stdin="\n", monkeypatch=monkeypatch
    )
    assert code == 2 and "credenziale vuota" in err


def test_credentials_test_and_forget(capsys, monkeypatch, sim):
    store_token(capsys, monkeypatch, sim.base_url)
    code, out, _ = cli(capsys, "credentials", "test", sim.base_url)
    assert code == 0 and "accettata" in out
    store_token(capsys, monkeypatch, sim.base_url, "sbagliato")
    code, _, err = cli(capsys, "--lang", "en", "credentials", "test", sim.base_url)
    assert code == 1 and "refused the credential" in err and "sbagliato" not in err
    code, out, _ = cli(capsys, "credentials", "forget", sim.base_url)
    assert code == 0 and "eliminata" in out
    code, _, err = cli(capsys, "credentials", "test", sim.base_url)
    assert code == 2 and "credentials set" in err


def test_without_a_keyring_set_says_the_secret_will_not_last(capsys, monkeypatch, sim):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, out, err = store_token(capsys, monkeypatch, sim.base_url)
    finally:
        keyring.set_keyring(previous)
    assert code == 1
    assert "solo per questa sessione" in err and "COMMISSIONE_PLATFORM_TOKEN" in err
    assert TOKEN not in out + err


def test_sync_then_sync_again_from_the_last_server(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    code, out, err = cli(capsys, "--db", db, "sync", "--url", sim.base_url)
    assert code == 0, err
    assert "Sincronizzato con" in out and "Dati al" in out
    code, out, _ = cli(capsys, "--db", db, "sync")
    assert code == 0 and sim.base_url in out and "campagne nuove 0" in out
    code, out, _ = cli(capsys, "--db", db, "sync", "--status")
    assert code == 0 and sim.base_url in out and "[commissione]" in out and "dati al" in out


def test_the_url_can_come_from_the_environment(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    monkeypatch.setenv("COMMISSIONE_PLATFORM_URL", sim.base_url)
    code, out, _ = cli(capsys, "--db", db, "--lang", "en", "sync")
    assert code == 0 and "Synced with" in out and "Data as of" in out


def test_no_server_and_no_credential_are_unusable_input(capsys, sim, db):
    code, _, err = cli(capsys, "--db", db, "sync")
    assert code == 2 and "--url" in err
    code, _, err = cli(capsys, "--db", db, "sync", "--url", sim.base_url)
    assert code == 2 and "nessuna credenziale" in err
    code, _, err = cli(capsys, "--db", db, "sync", "--url", "ftp://x")
    assert code == 2 and "indirizzo del server non valido" in err


def test_a_missing_ca_bundle_is_unusable_input(capsys, sim, db, tmp_path):
    code, _, err = cli(
        capsys, "--db", db, "sync", "--url", sim.base_url, "--ca-bundle", str(tmp_path / "ca.pem")
    )
    assert code == 2 and "ca.pem" in err


def test_offline_exits_1_and_says_how_old_the_data_is(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    assert cli(capsys, "--db", db, "sync", "--url", sim.base_url)[0] == 0
    sim.inject_fault("unavailable", count=20, retry_after=0)
    code, out, err = cli(capsys, "--db", db, "sync")
    assert code == 1 and out == ""
    assert "non raggiungibile" in err and "Offline, dati al" in err
    code, out, _ = cli(capsys, "--db", db, "sync", "--status")
    assert "offline, dati al" in out and "non raggiungibile" in out


def test_nothing_listening_exits_1(capsys, monkeypatch, db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/api/v1"
    store_token(capsys, monkeypatch, url)
    code, _, err = cli(capsys, "--db", db, "sync", "--url", url)
    assert code == 1 and "mai sincronizzato" in err
    credentials.forget_credential(url)


def test_rejected_data_exits_1_and_says_why(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    sim.inject_fault("negative_amount", path="/donations")
    code, _, err = cli(capsys, "--db", db, "sync", "--url", sim.base_url)
    assert code == 1 and "dati rifiutati" in err and "importo negativo" in err


def test_link_by_hand(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    assert cli(capsys, "--db", db, "import", "resources/demo/domande-demo.csv")[0] in (0, 1)
    assert cli(capsys, "--db", db, "sync", "--url", sim.base_url)[0] == 0
    published = sim.timeline.campaigns_at(sim.clock.now())
    campaign, other = published[0], published[1]
    code, out, _ = cli(capsys, "--db", db, "link", other.application_code, campaign.id)
    assert code == 0 and "collegata" in out
    code, out, _ = cli(capsys, "--db", db, "link", other.application_code, campaign.id)
    assert code == 0 and "già collegata" in out
    code, _, err = cli(capsys, "--db", db, "link", "NON-ESISTE", campaign.id)
    assert code == 2 and "NON-ESISTE" in err
    code, _, err = cli(capsys, "--db", db, "link", other.application_code, "cmp-9999")
    assert code == 2 and "cmp-9999" in err


def test_goteo_with_a_user_and_key(capsys, monkeypatch, db):
    with GoteoServer() as goteo:
        code, _, _ = store_token(capsys, monkeypatch, goteo.base_url, KEY, "--user", USER)
        assert code == 0
        code, out, _ = cli(
            capsys, "--db", db, "credentials", "test", goteo.base_url, "--platform", "goteo"
        )
        assert code == 0
        code, out, err = cli(
            capsys, "--db", db, "sync", "--platform", "goteo", "--url", goteo.base_url
        )
        assert code == 0, err
        assert "campagne nuove 11" in out
        # The platform is remembered with the server.
        code, out, _ = cli(capsys, "--db", db, "sync", "--url", goteo.base_url)
        assert code == 0 and "invariate 11" in out
        credentials.forget_credential(goteo.base_url)


def test_retry_lines_follow_the_language(capsys, monkeypatch, sim, db):
    store_token(capsys, monkeypatch, sim.base_url)
    sim.inject_fault("unavailable", count=1, retry_after=0)
    code, out, err = cli(capsys, "--lang", "en", "--db", db, "sync", "--url", sim.base_url)
    assert code == 0 and "Synced with" in out
    assert "retrying in" in err and "nuovo tentativo" not in err
    sim.inject_fault("unavailable", count=1, retry_after=0)
    code, _, err = cli(capsys, "--db", db, "sync")
    assert code == 0 and "nuovo tentativo tra" in err and "retrying" not in err
