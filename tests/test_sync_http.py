"""The sync's HTTP client against real servers on 127.0.0.1: retries with backoff,
Retry-After, a bounded total time, TLS always verified, the token never shown."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import logging
import socket
import ssl
import subprocess
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile_platform import HostilePlatform
from hypothesis import given
from hypothesis import strategies as st

from desktop.sync import (
    AuthProblem,
    OfflineProblem,
    PayloadProblem,
    RequestProblem,
    TlsProblem,
    TooLargeProblem,
)
from desktop.sync.http import (
    HttpClient,
    RetryPolicy,
    Secret,
    excerpt,
    normalise_url,
    policy_from_environment,
    retry_after_seconds,
)

TOKEN = "tok-SEGRETO-4f1d9a"
FAST = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, total_seconds=10)


class Scripted:
    """A loopback server answering from a script: each entry is (status, headers,
    body) or "drop" (close mid-response) or ("sleep", seconds) before a 200."""

    def __init__(self, script, tls: ssl.SSLContext | None = None):
        self.script = list(script)
        self.seen: list[dict] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                scripted.seen.append({"path": self.path, **dict(self.headers)})
                step = scripted.script.pop(0) if scripted.script else (200, {}, b'{"ok": true}')
                if step == "drop":
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"items": [')
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if step[0] == "sleep":
                    time.sleep(step[1])
                    step = (200, {}, b'{"ok": true}')
                status, headers, body = step
                if callable(body):
                    body = body(self)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout tests)

            do_POST = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Sleeps(list):
    """Records the waits instead of waiting (the policy's decisions are what we test)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def error(status: int, code: str = "oops", headers: dict | None = None, message: str = "no"):
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    return status, headers or {}, body


def test_server_errors_are_retried_with_growing_waits_then_succeed():
    sleeps = Sleeps()
    policy = RetryPolicy(attempts=5, base_delay=0.2, max_delay=1.0)
    with (
        Scripted([error(500), error(502), error(503), (200, {}, b'{"ok": 1}')]) as server,
        HttpClient(server.url, policy=policy, sleep=sleeps, draw=lambda: 1.0) as http,
    ):
        response = http.get("campaigns")
    assert response.status_code == 200 and response.json() == {"ok": 1}
    assert len(server.seen) == 4
    assert sleeps == [0.2, 0.4, 0.8]  # exponential, capped at max_delay


def test_jitter_keeps_each_wait_between_half_and_all_of_the_bound():
    sleeps = Sleeps()
    policy = RetryPolicy(attempts=3, base_delay=0.4, max_delay=10)
    with (
        Scripted([error(500), error(500)]) as server,
        HttpClient(server.url, policy=policy, sleep=sleeps, draw=lambda: 0.0) as http,
    ):
        http.get("x")
    assert sleeps == [0.2, 0.4]


@given(st.integers(0, 30), st.floats(0, 1))
def test_backoff_stays_within_the_cap(retry, draw):
    policy = RetryPolicy(base_delay=0.5, max_delay=8)
    bound = min(8, 0.5 * 2**retry)
    assert bound / 2 <= policy.backoff(retry, lambda: draw) <= bound


def test_retry_after_in_seconds_is_honoured():
    sleeps = Sleeps()
    with (
        Scripted([error(429, "rate_limited", {"Retry-After": "3"})]) as server,
        HttpClient(server.url, policy=FAST, sleep=sleeps) as http,
    ):
        assert http.get("campaigns").status_code == 200
    assert sleeps == [3.0]


def test_retry_after_as_an_http_date_is_honoured():
    sleeps = Sleeps()
    when = email.utils.format_datetime(
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), usegmt=True
    )
    with (
        Scripted([error(503, "unavailable", {"Retry-After": when})]) as server,
        HttpClient(server.url, policy=FAST, sleep=sleeps) as http,
    ):
        assert http.get("campaigns").status_code == 200
    assert len(sleeps) == 1 and 3 <= sleeps[0] <= 5


def test_a_long_retry_after_is_capped():
    sleeps = Sleeps()
    policy = RetryPolicy(attempts=3, max_retry_after=2, total_seconds=30)
    with (
        Scripted([error(429, "rate_limited", {"Retry-After": "20"})]) as server,
        HttpClient(server.url, policy=policy, sleep=sleeps) as http,
    ):
        assert http.get("campaigns").status_code == 200
    assert sleeps == [2]


def test_a_retry_after_beyond_the_time_budget_gives_up_at_once():
    sleeps = Sleeps()
    policy = RetryPolicy(attempts=5, max_retry_after=600, total_seconds=5)
    with (
        Scripted([error(429, "rate_limited", {"Retry-After": "120"})]) as server,
        HttpClient(server.url, policy=policy, sleep=sleeps) as http,
        pytest.raises(OfflineProblem) as raised,
    ):
        http.get("campaigns")
    assert sleeps == [] and len(server.seen) == 1
    assert "Retry-After 120" in str(raised.value)


def test_retries_exhausted_means_offline_with_a_clear_message():
    with (
        Scripted([error(500)] * 10) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
        pytest.raises(OfflineProblem) as raised,
    ):
        http.get("campaigns")
    assert len(server.seen) == FAST.attempts
    assert "127.0.0.1" in raised.value.it and "HTTP 500" in raised.value.it
    assert "riprovare più tardi" in raised.value.it and "try again later" in raised.value.en


def test_nothing_listening_is_offline_after_the_retries():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    with (
        HttpClient(f"http://127.0.0.1:{port}/api/v1", policy=FAST, sleep=sleeps) as http,
        pytest.raises(OfflineProblem) as raised,
    ):
        http.get("campaigns")
    assert len(sleeps) == FAST.attempts - 1
    assert "ConnectError" in raised.value.en


def test_a_dropped_connection_is_retried():
    with (
        Scripted(["drop", (200, {}, b'{"ok": 2}')]) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
    ):
        assert http.get("campaigns").json() == {"ok": 2}
    assert len(server.seen) == 2


def test_a_slow_server_times_out_and_the_total_time_is_bounded():
    policy = RetryPolicy(attempts=10, base_delay=0.05, read_timeout=0.3, total_seconds=1.2)
    with Scripted([("sleep", 3)] * 10) as server:
        started = time.monotonic()
        with HttpClient(server.url, policy=policy) as http, pytest.raises(OfflineProblem) as raised:
            http.get("campaigns")
        elapsed = time.monotonic() - started
    assert elapsed < 5.0, elapsed  # 1.2 s allowed; 10 tries × 3 s would be 30 s (slack: a busy CI)
    assert "Timeout" in raised.value.en


def test_a_slow_answer_then_a_quick_one_succeeds():
    # The quick answer must come within the read timeout even on a busy machine.
    policy = RetryPolicy(attempts=3, base_delay=0.01, read_timeout=1.0, total_seconds=30)
    with (
        Scripted([("sleep", 5), (200, {}, b'{"ok": 3}')]) as server,
        HttpClient(server.url, policy=policy) as http,
    ):
        assert http.get("campaigns").json() == {"ok": 3}


def test_client_errors_are_not_retried_and_say_what_the_server_said():
    with (
        Scripted([error(404, "not_found", message="no campaign cmp-9")]) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
    ):
        response = http.get("campaigns/cmp-9")
        with pytest.raises(RequestProblem) as raised:
            http.fail_for_status(response)
    assert len(server.seen) == 1
    assert "not_found" in raised.value.it and "no campaign cmp-9" in raised.value.en


def test_unauthorized_is_an_auth_problem():
    with (
        Scripted([error(401, "invalid_token")]) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
    ):
        http.set_bearer(Secret(TOKEN))
        with pytest.raises(AuthProblem) as raised:
            http.fail_for_status(http.get("campaigns"))
    assert "credentials set" in raised.value.it


def test_the_token_is_sent_but_never_logged_shown_or_echoed(caplog):
    def echo(handler):  # a hostile server that repeats our header in its error text
        message = "bad header: " + handler.headers.get("Authorization", "")
        return json.dumps(
            {"error": {"code": handler.headers["Authorization"], "message": message}}
        ).encode()

    caplog.set_level(logging.DEBUG)
    problems = []
    with (
        Scripted([(500, {}, b"{}"), (401, {}, echo), (400, {}, echo), (200, {}, echo)]) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
    ):
        http.set_bearer(Secret(TOKEN))
        for _ in range(2):
            response = http.get("campaigns", params={"limit": 1})
            try:
                http.fail_for_status(response)
            except (AuthProblem, RequestProblem) as problem:
                problems.append(problem)
        shown = repr(http)
        garbage = http.json(http.get("campaigns"), "/campaigns")
    assert server.seen[0]["Authorization"] == f"Bearer {TOKEN}"
    assert len(problems) == 2
    for problem in problems:
        assert TOKEN not in str(problem) and TOKEN not in repr(problem.args)
        assert "***" in problem.it
    assert TOKEN not in shown and TOKEN not in caplog.text
    assert isinstance(garbage, dict)  # the body is the caller's to judge; only texts are scrubbed
    assert TOKEN not in repr(Secret(TOKEN)) and TOKEN not in str(Secret(TOKEN))


def test_a_malformed_body_is_a_payload_problem_without_the_token():
    body = f'{{"items": [{{"id": "{TOKEN}"'.encode()
    with Scripted([(200, {}, body)]) as server, HttpClient(server.url, policy=FAST) as http:
        http.set_bearer(Secret(TOKEN))
        with pytest.raises(PayloadProblem) as raised:
            http.json(http.get("campaigns"), "/campaigns")
    assert "JSON" in raised.value.it and TOKEN not in str(raised.value)


def test_numbers_are_read_as_exact_decimals():
    with (
        Scripted([(200, {}, b'{"amount": 0.1, "n": 3}')]) as server,
        HttpClient(server.url, policy=FAST) as http,
    ):
        body = http.json(http.get("x"), "x")
    assert body == {"amount": Decimal("0.1"), "n": 3} and type(body["n"]) is int


def test_retry_after_values():
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("7", now) == 7
    assert retry_after_seconds("Tue, 24 Nov 2026 10:00:30 GMT", now) == 30
    assert retry_after_seconds("Tue, 24 Nov 2026 09:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


def test_urls_are_normalised_and_credentials_in_them_refused():
    assert normalise_url(" HTTPS://Example.ORG:8443/api/v1/ ") == "https://example.org:8443/api/v1"
    with pytest.raises(RequestProblem):
        normalise_url("https://user:pw@example.org/api")
    with pytest.raises(RequestProblem):
        normalise_url("ftp://example.org")


def test_plain_http_to_another_computer_is_refused():
    with pytest.raises(TlsProblem) as raised:
        HttpClient("http://platform.example.org/api/v1")
    assert "https" in raised.value.it


# --- TLS ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def test_tls_is_verified_and_an_untrusted_certificate_is_not_retried(certificate):
    _cert, context = certificate
    sleeps = Sleeps()
    with (
        Scripted([], tls=context) as server,
        HttpClient(server.url, policy=FAST, sleep=sleeps) as http,
        pytest.raises(TlsProblem) as raised,
    ):
        http.get("campaigns")
    assert sleeps == []
    assert "--ca-bundle" in raised.value.it


def test_a_custom_ca_bundle_makes_the_server_trusted(certificate):
    cert, context = certificate
    with (
        Scripted([], tls=context) as server,
        HttpClient(server.url, policy=FAST, ca_bundle=cert) as http,
    ):
        assert http.get("campaigns").json() == {"ok": True}


def test_https_to_a_plain_http_port_says_so_not_ca_bundle():
    with (
        Scripted([]) as server,
        HttpClient(server.url.replace("http://", "https://"), policy=FAST, sleep=Sleeps()) as http,
        pytest.raises(TlsProblem) as raised,
    ):
        http.get("campaigns")
    assert "non risponde in HTTPS su quella porta" in raised.value.it
    assert "does not speak HTTPS on that port" in raised.value.en
    assert "--ca-bundle" not in str(raised.value)


def test_a_missing_ca_bundle_is_said_plainly(tmp_path):
    with pytest.raises(TlsProblem) as raised:
        HttpClient("https://127.0.0.1:1/api", ca_bundle=tmp_path / "nessuno.pem")
    assert "nessuno.pem" in raised.value.it


# --- hostile servers: deadlines and sizes ----------------------------------------------


@pytest.mark.parametrize("case", ["trickle_headers", "trickle_body"])
def test_a_trickling_server_cannot_stretch_a_request_past_its_deadline(case):
    # One byte every 0.2 s restarts httpx's read timeout each time: only the
    # watchdog ends the request.
    policy = RetryPolicy(attempts=3, read_timeout=1.0, total_seconds=1.5)
    with (
        HostilePlatform(case, interval=0.2) as server,
        HttpClient(server.url, policy=policy) as http,
    ):
        started = time.monotonic()
        with pytest.raises(OfflineProblem) as raised:
            http.get("campaigns")
        elapsed = time.monotonic() - started
    assert elapsed < 2.5, elapsed
    assert "entro 1.5 s" in raised.value.it and "within 1.5 s" in raised.value.en


@pytest.mark.parametrize("case", ["endless_chunked", "huge_length"])
def test_a_reply_beyond_its_size_limit_is_refused_while_it_streams(case):
    policy = RetryPolicy(attempts=2, max_response_bytes=2**20, total_seconds=20)
    with HostilePlatform(case) as server, HttpClient(server.url, policy=policy) as http:
        with pytest.raises(TooLargeProblem) as raised:
            http.get("campaigns")
        read = http.received_bytes
    assert read <= 2**20 + 2**17  # stopped at the limit (and, declared, before reading)
    assert "1 MiB" in raised.value.it and "gestore della piattaforma" in raised.value.it
    assert raised.value.kind == "too_large"


def test_the_bytes_of_a_whole_sync_are_bounded():
    policy = RetryPolicy(attempts=2, max_response_bytes=2**20, max_total_bytes=3 * 2**19)
    body = b"[" + b" " * 600_000 + b"]"
    with (
        Scripted([(200, {}, body)] * 3) as server,
        HttpClient(server.url, policy=policy) as http,
    ):
        http.get("a")
        http.get("b")
        with pytest.raises(TooLargeProblem) as raised:
            http.get("c")
    assert "1.5 MiB" in raised.value.en and "the limit for one sync" in raised.value.en


def test_the_deadline_can_be_set_from_the_environment():
    assert policy_from_environment({"COMMISSIONE_SYNC_TIMEOUT": "3"}).total_seconds == 3
    assert policy_from_environment({"COMMISSIONE_SYNC_TIMEOUT": "3"}).read_timeout == 3
    for junk in ("", "no", "-1", "0", "99999", "nan"):
        assert policy_from_environment({"COMMISSIONE_SYNC_TIMEOUT": junk}) == RetryPolicy()
    assert RetryPolicy().total_seconds == 60


# --- retries, by method -------------------------------------------------------------------


def test_a_post_is_not_retried_on_a_server_error():
    sleeps = Sleeps()
    for failure in (error(503), error(429, "rate_limited", {"Retry-After": "1"})):
        with (
            Scripted([failure, (200, {}, b"{}")]) as server,
            HttpClient(server.url, policy=FAST, sleep=sleeps) as http,
            pytest.raises(OfflineProblem) as raised,
        ):
            http.post("login")
        assert len(server.seen) == 1 and sleeps == []
        assert "riprovare più tardi" in raised.value.it


def test_a_post_is_not_retried_once_it_may_have_reached_the_server():
    with (
        Scripted(["drop", (200, {}, b"{}")]) as server,
        HttpClient(server.url, policy=FAST, sleep=Sleeps()) as http,
        pytest.raises(OfflineProblem),
    ):
        http.post("login")
    assert len(server.seen) == 1


def test_a_post_that_could_not_connect_is_retried():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    with (
        HttpClient(f"http://127.0.0.1:{port}/api/v1", policy=FAST, sleep=sleeps) as http,
        pytest.raises(OfflineProblem),
    ):
        http.post("login")
    assert len(sleeps) == FAST.attempts - 1


def test_retries_are_told_in_both_languages():
    told = []
    with (
        Scripted([error(503), (200, {}, b"{}")]) as server,
        HttpClient(
            server.url, policy=FAST, sleep=Sleeps(), on_retry=lambda *t: told.append(t)
        ) as http,
    ):
        http.get("campaigns")
    [(it, en)] = told
    assert "nuovo tentativo tra" in it and "HTTP 503" in it
    assert "retrying in" in en and "tentativo" not in en


def test_excerpts_escape_control_characters():
    assert excerpt("a\x00b\x1b[31mc") == "a\\x00b\\x1b[31mc"
    assert excerpt("riga uno\n  riga due") == "riga uno riga due"
    assert excerpt("\u2028x\ud800") == "\\u2028x\\ud800"
    assert len(excerpt("\x00" * 100, 40)) == 40


def test_a_compressed_body_is_bounded_once_decompressed_and_bad_gzip_is_refused():
    bomb = gzip.compress(b" " * 8 * 2**20)  # 8 KB on the wire
    policy = RetryPolicy(attempts=2, max_response_bytes=2**20)
    with (
        Scripted(
            [
                (200, {"Content-Encoding": "gzip"}, bomb),
                (200, {"Content-Encoding": "gzip"}, b"not gzip"),
                (200, {"Content-Encoding": "gzip"}, gzip.compress(b'{"ok": 5}')),
            ]
        ) as server,
        HttpClient(server.url, policy=policy) as http,
    ):
        with pytest.raises(TooLargeProblem):
            http.get("a")
        with pytest.raises(PayloadProblem) as raised:
            http.get("b")
        assert "undecodable" in raised.value.en
        assert http.get("c").json() == {"ok": 5}
