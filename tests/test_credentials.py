"""Platform credentials: in the keyring (the tests' in-memory backend), tested against
a real simulator, and kept for the session only — said so — where no keyring works."""

from __future__ import annotations

import datetime as dt
import logging
import socket

import keyring
import pytest
from keyring.backends import chainer, fail, null

from desktop.platform.simulator import running_simulator
from desktop.platform.timeline import build_timeline, synthetic_specs
from desktop.sync import credentials
from desktop.sync.credentials import (
    TOKEN_VARIABLE,
    forget_credential,
    get_credential,
    keyring_status,
    service_name,
    set_credential,
)
from desktop.sync.http import RetryPolicy, Secret

URL = "https://piattaforma.example.it/api/v1"
SECRET = "tok-Credenziale-91ab77"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    credentials.clear_session()
    yield
    forget_credential(URL)
    credentials.clear_session()


@pytest.fixture
def no_keyring():
    """A machine where keyring fell back to its "fail" backend (headless, frozen app)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def simulator():
    timeline = build_timeline(
        synthetic_specs(2), seed=3, anchor=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    )
    with running_simulator(timeline=timeline, speed=0, token=SECRET) as sim:
        yield sim


def test_set_get_forget_through_the_keyring():
    stored = set_credential(URL + "/", SECRET + "\n", user="")
    assert stored.where == "keyring" and not stored.session_only
    backend = keyring.get_keyring()
    assert backend.get_password(service_name(URL), "secret") == SECRET
    credential = get_credential(URL)
    assert credential.secret.reveal() == SECRET and credential.user == ""
    assert credential.source == "keyring"
    assert SECRET not in repr(credential) and SECRET not in str(credential)
    assert forget_credential(URL) is True
    assert get_credential(URL) is None
    assert forget_credential(URL) is False


def test_a_user_name_is_kept_with_the_secret_and_dropped_when_replaced():
    set_credential(URL, SECRET, user="comune")
    assert get_credential(URL).user == "comune"
    set_credential(URL, "other-token")
    assert get_credential(URL).user == "" and get_credential(URL).secret.reveal() == "other-token"


def test_credentials_are_per_server():
    set_credential(URL, SECRET)
    assert get_credential("https://altra.example.it/api/v1") is None


def test_an_empty_secret_is_refused():
    with pytest.raises(ValueError):
        set_credential(URL, "  \n")


def test_the_memory_keyring_is_usable():
    status = keyring_status()
    assert status.usable and not status.session_only
    assert "portachiavi" in status.notice()[0]


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring, null.Keyring, type("Empty", (chainer.ChainerBackend,), {"backends": []})],
    ids=["fail", "null", "empty-chainer"],
)
def test_without_a_working_keyring_the_secret_stays_in_memory_and_it_is_said(backend, tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        status = keyring_status()
        assert status.session_only
        it, en = status.notice()
        assert "solo per questa sessione" in it and "this session only" in en
        stored = set_credential(URL, SECRET)
        assert stored.session_only
        credential = get_credential(URL)
        assert credential.secret.reveal() == SECRET and credential.source == "session"
        assert forget_credential(URL) and get_credential(URL) is None
    finally:
        keyring.set_keyring(previous)


def test_a_keyring_that_fails_when_writing_degrades_to_the_session(caplog):
    class Locked(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise keyring.errors.PasswordSetError(f"locked, could not store {password}")

        def delete_password(self, service, username):
            pass

    previous = keyring.get_keyring()
    keyring.set_keyring(Locked())
    caplog.set_level(logging.DEBUG)
    try:
        assert set_credential(URL, SECRET).session_only
        assert get_credential(URL).secret.reveal() == SECRET
    finally:
        keyring.set_keyring(previous)
    assert "session only" in caplog.text and SECRET not in caplog.text


def test_the_session_secret_is_never_written_to_disk(no_keyring, _isolated_user_data, tmp_path):
    set_credential(URL, SECRET)
    for folder in (_isolated_user_data, tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


def test_the_environment_token_is_a_read_only_fallback(monkeypatch):
    monkeypatch.setenv(TOKEN_VARIABLE, SECRET)
    credential = get_credential(URL)
    assert credential.source == "environment" and credential.secret.reveal() == SECRET
    set_credential(URL, "stored-one")
    assert get_credential(URL).secret.reveal() == "stored-one"


def test_testing_a_good_token_against_the_server(simulator):
    set_credential(simulator.base_url, SECRET)
    check = credentials.test_credential(simulator.base_url)
    assert check.ok and check.kind == "ok" and "portachiavi" in check.it
    forget_credential(simulator.base_url)


def test_testing_a_wrong_token_says_it_was_refused(simulator):
    set_credential(simulator.base_url, "wrong-token")
    check = credentials.test_credential(simulator.base_url)
    assert not check.ok and check.kind == "auth"
    assert "rifiutato la credenziale" in check.it and "wrong-token" not in check.it
    forget_credential(simulator.base_url)


def test_testing_an_expired_token_says_so(simulator):
    set_credential(simulator.base_url, SECRET)
    simulator.rotate_token("new-token")
    check = credentials.test_credential(simulator.base_url)
    assert not check.ok and "scaduto" in check.it
    forget_credential(simulator.base_url)


def test_testing_without_a_credential_or_a_server():
    assert credentials.test_credential(URL).kind == "no_credential"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v1"
    set_credential(url, SECRET)
    check = credentials.test_credential(url, policy=RetryPolicy(attempts=2, base_delay=0.01))
    assert not check.ok and check.kind == "offline"
    forget_credential(url)


def test_a_secret_refuses_to_be_pickled():
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(Secret(SECRET))
