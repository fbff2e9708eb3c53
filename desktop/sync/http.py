"""HTTP for the sync: an httpx.Client with timeouts, retries and a bounded total time.

- Retries (exponential backoff with jitter) on connection and read errors, timeouts,
  5xx and 429; a Retry-After (seconds or an HTTP date) is honoured up to a cap. A
  request that is not idempotent (a POST) is retried only when it could not even
  connect: the server may have acted on it otherwise.
- The whole request, waits and body included, ends within `RetryPolicy.total_seconds`
  whatever the server does: httpx's read timeout restarts on every byte, so a
  watchdog shuts the connection down at the deadline (a server trickling its headers
  or body one byte a second), and the body is streamed against the same deadline.
- The body is streamed and counted: one reply beyond `max_response_bytes`, or all
  the replies of one client (one sync) beyond `max_total_bytes`, is refused
  (TooLargeProblem) before it can fill the memory.
- TLS verification is always on; a custom CA bundle can replace the system's.
- Plain http:// is refused except on this machine (loopback): a bearer token must
  not cross a network in clear.
- The credential lives in a `Secret`, whose repr and str hide it; texts taken from
  server replies are scrubbed of it before they reach a message or a log.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import email.utils
import ipaddress
import json
import logging
import os
import random
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from desktop.sync import (
    AuthProblem,
    OfflineProblem,
    PayloadProblem,
    RequestProblem,
    SyncProblem,
    TlsProblem,
    TooLargeProblem,
)

log = logging.getLogger(__name__)

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
# Methods a server may receive twice without harm (RFC 9110 §9.2.2): only these are
# retried after the request may have reached the server.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
USER_AGENT = "Commissione-sync/1"
# Seconds one request may take, all retries included (default 60): a shorter one for
# the tests' hostile servers, a longer one for a slow link.
TIMEOUT_VARIABLE = "COMMISSIONE_SYNC_TIMEOUT"
MIB = 2**20


class Secret:
    """A token or password: never shown by repr/str, so it cannot slip into a log
    line or an exception text by accident. `reveal()` is the one way out."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        if not isinstance(value, str) or not value:
            raise ValueError("empty secret / credenziale vuota")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self):
        raise TypeError("a Secret is not pickled / una credenziale non si serializza")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5  # first backoff, doubled at each retry
    max_delay: float = 8.0
    max_retry_after: float = 30.0  # longest Retry-After we wait for
    total_seconds: float = 60.0  # one request, all its retries and waits
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    # One reply's body, decoded. The largest real page is 500 campaigns with titles at
    # their 2,000-character limit (about 4 MB of UTF-8 at worst); a Goteo project's
    # detail is a few tens of KB. 16 MiB is four times the worst real page, and its
    # JSON still parses in a modest amount of memory.
    max_response_bytes: int = 16 * MIB
    # All the replies of one sync. A first sync of 1,000 campaigns and 200,000
    # donations (the size bench_sync plans for) reads 37 MB of JSON; 512 MiB is
    # fourteen times that, yet a few minutes of a fast link at most.
    max_total_bytes: int = 512 * MIB

    def backoff(self, retry: int, draw: Callable[[], float]) -> float:
        """Full jitter: a random wait up to the exponential bound, so many clients
        that failed together do not retry together."""
        bound = min(self.max_delay, self.base_delay * 2**retry)
        return bound * (0.5 + 0.5 * draw())


def policy_from_environment(environ=None) -> RetryPolicy:
    """The default policy, with COMMISSIONE_SYNC_TIMEOUT seconds per request when that
    is a number between 0 and 3600 (anything else is ignored)."""
    raw = ((os.environ if environ is None else environ).get(TIMEOUT_VARIABLE) or "").strip()
    try:
        seconds = float(raw)
    except ValueError:
        return RetryPolicy()
    if not 0 < seconds <= 3600:
        return RetryPolicy()
    default = RetryPolicy()
    return RetryPolicy(
        total_seconds=seconds,
        connect_timeout=min(default.connect_timeout, seconds),
        read_timeout=min(default.read_timeout, seconds),
    )


# What every client uses unless told otherwise (tests shorten it).
DEFAULT_POLICY = policy_from_environment()


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds to wait: delta-seconds or an HTTP date; None if absent
    or unreadable (then our own backoff applies)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def normalise_url(url: str) -> str:
    """The server's base URL as a key: scheme and host lower-case, no trailing slash,
    no user info (a password in a URL is refused)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise RequestProblem(
            f"indirizzo del server non valido: «{_shown_url(url)}» (esempio: https://piattaforma.example.it/api/v1)",
            f"invalid server address: “{_shown_url(url)}” (example: https://platform.example.org/api/v1)",
        )
    if parts.username or parts.password:
        raise RequestProblem(
            "l'indirizzo del server non deve contenere utente o password: usare 'commissione credentials set'",
            "the server address must not contain a user or password: use 'commissione credentials set'",
        )
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{netloc}{path}{query}"


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown_url(url: str) -> str:
    """A URL fit for a message: without user info, and cut short."""
    try:
        parts = urlsplit(url)
        if parts.password or parts.username:
            url = url.replace(parts.netloc, parts.hostname or "", 1)
    except ValueError:
        pass
    return url if len(url) <= 120 else url[:119] + "…"


class HttpClient:
    """One server, one credential, one connection pool. Use as a context manager."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | Path | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        draw: Callable[[], float] = random.random,
        on_retry: Callable[[str, str], None] | None = None,
    ):
        self.base_url = normalise_url(base_url)
        parts = urlsplit(self.base_url)
        if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
            raise TlsProblem(
                f"{self.base_url}: connessione non cifrata (http) verso un altro computer rifiutata: "
                "usare l'indirizzo https:// del server",
                f"{self.base_url}: unencrypted (http) connection to another computer refused: "
                "use the server's https:// address",
            )
        self.host = parts.hostname or ""
        self.policy = policy or DEFAULT_POLICY
        self._sleep, self._monotonic, self._draw = sleep, monotonic, draw
        # Told each retry as (it, en): the caller shows it in its language.
        self._on_retry = on_retry
        self.received_bytes = 0  # bodies read by this client (one sync), decoded
        # A duplicate of every socket this client opened: the watchdog shuts a stuck
        # connection down through it (a duplicate, because TLS detaches the original).
        self._sockets: list[socket.socket] = []
        self._sockets_lock = threading.Lock()
        self._authorization: Secret | None = None
        self._secrets: list[str] = []
        verify: ssl.SSLContext | bool = True
        if ca_bundle is not None:
            verify = _context_with_ca(Path(ca_bundle))
        # The query string of a base URL (Goteo filters) goes with each request, not the path.
        base = self.base_url.split("?", 1)[0]
        self._client = httpx.Client(
            base_url=base + "/",
            verify=verify,
            follow_redirects=False,  # a redirect must not carry our Authorization elsewhere
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
        )

    # --- credential -------------------------------------------------------------

    def set_bearer(self, token: Secret) -> None:
        self._remember(token.reveal())
        self._authorization = Secret("Bearer " + token.reveal())

    def set_basic(self, user: str, password: Secret) -> None:
        self._remember(password.reveal())
        raw = f"{user}:{password.reveal()}".encode()
        encoded = base64.b64encode(raw).decode("ascii")
        self._remember(encoded)
        self._authorization = Secret("Basic " + encoded)

    def clear_authorization(self) -> None:
        self._authorization = None

    def _remember(self, secret: str) -> None:
        if secret and secret not in self._secrets:
            self._secrets.append(secret)

    def scrub(self, text: str) -> str:
        """`text` (from a server reply, an exception) without any secret we hold."""
        for secret in self._secrets:
            if secret:
                text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        state = "con credenziale" if self._authorization else "senza credenziale"
        return f"<HttpClient {self.base_url} {state}>"

    # --- requests ---------------------------------------------------------------

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict | list | None = None,
        headers: dict[str, str] | None = None,
        authenticated: bool = True,
    ) -> httpx.Response:
        """The server's response, its body read, once it is not a retryable failure.
        Raises OfflineProblem when retries or the time budget run out (the budget
        covers the body too), TlsProblem at once for a certificate that is not
        trusted or a server that does not speak HTTPS, TooLargeProblem for a body
        beyond the limits."""
        policy = self.policy
        deadline = self._monotonic() + policy.total_seconds
        idempotent = method.upper() in IDEMPOTENT_METHODS
        request_headers = dict(headers or {})
        if authenticated and self._authorization is not None:
            request_headers["Authorization"] = self._authorization.reveal()
        where = f"{method} {self._shown_path(path)}"
        last = ""
        retry_after: float | None = None
        timed_out = False
        # The watchdog runs on the real clock: whatever the server does, the
        # connection is shut down when the request's time is up.
        fired = threading.Event()
        watchdog = threading.Timer(policy.total_seconds, self._abort, args=(fired,))
        watchdog.daemon = True
        watchdog.start()
        try:
            for attempt in range(policy.attempts):
                remaining = deadline - self._monotonic()
                if remaining <= 0 or fired.is_set():
                    break
                timeout = httpx.Timeout(
                    min(policy.read_timeout, remaining),
                    connect=min(policy.connect_timeout, remaining),
                )
                retry_after = None
                try:
                    response = self._send(
                        method, path, params, request_headers, timeout, deadline, where
                    )
                except _TimeUp:
                    timed_out = True
                    break
                except httpx.DecodingError as error:
                    raise PayloadProblem(
                        f"{self.host}: risposta non decodificabile per {where} "
                        f"({self.scrub(_reason(error))}); segnalarlo al gestore della piattaforma; "
                        "i dati locali non sono cambiati",
                        f"{self.host}: undecodable reply for {where} "
                        f"({self.scrub(_reason(error))}); report it to the platform's operator; "
                        "local data is unchanged",
                    ) from None
                except httpx.TransportError as error:
                    if fired.is_set():
                        break
                    if _tls_failure(error):
                        raise self._tls_problem(error) from None
                    last = self.scrub(_reason(error))
                    if not idempotent and not isinstance(error, httpx.ConnectError):
                        # It may have reached the server: sending it again could act twice.
                        raise self._offline(where, last) from None
                else:
                    if response.status_code not in RETRIED_STATUSES:
                        return response
                    last = f"HTTP {response.status_code}"
                    if not idempotent:
                        raise self._offline(where, last)
                    retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                if attempt == policy.attempts - 1:
                    break
                delay = policy.backoff(attempt, self._draw)
                if retry_after is not None:
                    delay = min(retry_after, policy.max_retry_after)
                remaining = deadline - self._monotonic()
                if delay >= remaining:
                    if retry_after is not None and retry_after > remaining:
                        last += f", Retry-After {retry_after:.0f} s"
                    break
                self._tell_retry(where, last, delay, attempt + 2)
                self._sleep(delay)
        finally:
            watchdog.cancel()
        if timed_out or fired.is_set() or (not last and self._monotonic() >= deadline):
            seconds = f"{policy.total_seconds:g}"
            before = f"; prima: {last}" if last else ""
            before_en = f"; before: {last}" if last else ""
            raise OfflineProblem(
                f"il server {self.host} non ha completato la risposta entro {seconds} s "
                f"({where}{before}): è bloccato o troppo lento; riprovare più tardi",
                f"server {self.host} did not complete its reply within {seconds} s "
                f"({where}{before_en}): it is stuck or too slow; try again later",
            )
        raise self._offline(where, last)

    def _send(self, method, path, params, headers, timeout, deadline, where) -> httpx.Response:
        """One attempt: the reply with its body read, within the limits."""
        request = self._client.build_request(
            method,
            path.lstrip("/"),
            params=params,
            headers=headers,
            timeout=timeout,
            extensions={"trace": self._trace},
        )
        response = self._client.send(request, stream=True)
        try:
            if response.status_code in RETRIED_STATUSES:
                return response  # its body is not needed
            limit = self.policy.max_response_bytes
            declared = response.headers.get("Content-Length", "").strip()
            if declared.isdigit() and int(declared) > limit:
                raise self._too_large(where, limit, "reply")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                self.received_bytes += len(chunk)
                if size > limit:
                    raise self._too_large(where, limit, "reply")
                if self.received_bytes > self.policy.max_total_bytes:
                    raise self._too_large(where, self.policy.max_total_bytes, "sync")
                if self._monotonic() >= deadline:
                    raise _TimeUp()
                chunks.append(chunk)
        finally:
            response.close()
        # The body as read (decoded): without the headers that described its transfer.
        kept = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(
            response.status_code,
            headers=kept,
            content=b"".join(chunks),
            request=response.request,
        )

    def _trace(self, event: str, info: dict) -> None:
        """httpx's trace hook: keeps a duplicate of each new connection's socket."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._sockets_lock:
                self._sockets.append(sock.dup())

    def _abort(self, fired: threading.Event) -> None:
        """The watchdog's work: shut down every connection of this client, so a read
        that a trickling server keeps alive returns at once."""
        fired.set()
        with self._sockets_lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)

    def _tell_retry(self, where: str, last: str, delay: float, attempt: int) -> None:
        total = self.policy.attempts
        if self._on_retry is None:
            log.warning(
                "%s: %s; nuovo tentativo tra %.1f s (%d/%d)", where, last, delay, attempt, total
            )
        else:
            # The caller shows it in its language; a warning would also reach the
            # terminal through logging's last-resort handler, in Italian.
            log.info("%s: %s; retrying in %.1f s (%d/%d)", where, last, delay, attempt, total)
            self._on_retry(
                f"{where}: {last}; nuovo tentativo tra {delay:.1f} s ({attempt}/{total})",
                f"{where}: {last}; retrying in {delay:.1f} s ({attempt}/{total})",
            )

    def _offline(self, where: str, last: str) -> OfflineProblem:
        return OfflineProblem(
            f"server {self.host} non raggiungibile o in errore ({where}: {last}); riprovare più tardi",
            f"server {self.host} unreachable or failing ({where}: {last}); try again later",
        )

    def _too_large(self, where: str, limit: int, scope: str) -> TooLargeProblem:
        mib = f"{limit / MIB:g} MiB"
        if scope == "sync":
            it = f"la sincronizzazione ha già ricevuto più di {mib}, il limite di una sincronizzazione"
            en = f"the sync has already received more than {mib}, the limit for one sync"
        else:
            it = f"risposta troppo grande (oltre {mib}, il limite di una risposta)"
            en = f"reply too large (over {mib}, the limit for one reply)"
        return TooLargeProblem(
            f"{self.host}, {where}: {it}; è un guasto del server: segnalarlo al gestore della "
            "piattaforma; i dati locali non sono cambiati",
            f"{self.host}, {where}: {en}; this is a server fault: report it to the platform's "
            "operator; local data is unchanged",
        )

    def _tls_problem(self, error: BaseException) -> TlsProblem:
        reason = self.scrub(_reason(error))
        if _not_https(error):
            return TlsProblem(
                f"{self.host}: il server non risponde in HTTPS su quella porta (ha risposto in "
                f"chiaro, forse HTTP: {reason}); controllare l'indirizzo e la porta del server",
                f"{self.host}: the server does not speak HTTPS on that port (it answered in "
                f"clear, perhaps HTTP: {reason}); check the server's address and port",
            )
        if not _certificate_failure(error):
            return TlsProblem(
                f"{self.host}: la connessione cifrata (TLS) non è riuscita ({reason}); "
                "controllare l'indirizzo e la porta del server",
                f"{self.host}: the encrypted (TLS) connection failed ({reason}); "
                "check the server's address and port",
            )
        return TlsProblem(
            f"{self.host}: certificato del server non attendibile ({reason}); "
            "se il server usa una propria autorità di certificazione, indicarne il file con --ca-bundle",
            f"{self.host}: the server's certificate is not trusted ({reason}); "
            "if the server uses its own certificate authority, give its file with --ca-bundle",
        )

    def _shown_path(self, path: str) -> str:
        return "/" + path.lstrip("/")

    def close(self) -> None:
        self._client.close()
        with self._sockets_lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- replies ----------------------------------------------------------------

    def fail_for_status(self, response: httpx.Response) -> None:
        """Raises the problem a non-2xx/304 reply means, with the server's own words
        (scrubbed, cut short)."""
        status = response.status_code
        if 200 <= status < 300 or status == 304:
            return
        code, message = self.error_body(response)
        said = f"HTTP {status}" + (f" {code}" if code else "") + (f": {message}" if message else "")
        path = response.request.url.path if response.request else ""
        if status in (401, 403):
            raise AuthProblem(
                f"{self.host} ha rifiutato la credenziale ({said}); impostarne una valida con "
                "'commissione credentials set URL'",
                f"{self.host} refused the credential ({said}); set a valid one with "
                "'commissione credentials set URL'",
            )
        raise RequestProblem(
            f"{self.host} ha rifiutato la richiesta {path} ({said}); controllare l'indirizzo del server",
            f"{self.host} refused the request {path} ({said}); check the server address",
        )

    def error_body(self, response: httpx.Response) -> tuple[str, str]:
        """(code, message) of a JSON error body `{"error": {"code", "message"}}`,
        scrubbed and cut short; empty strings when it has none."""
        try:
            body = json.loads(response.content)
            error = body.get("error") if isinstance(body, dict) else None
        except (ValueError, UnicodeDecodeError):
            error = None
        if not isinstance(error, dict):
            return "", ""
        code = error.get("code") if isinstance(error.get("code"), str) else ""
        message = error.get("message") if isinstance(error.get("message"), str) else ""
        return self.scrub(code)[:60], _short(self.scrub(message), 200)

    def json(self, response: httpx.Response, what: str) -> object:
        """The reply's JSON with exact decimals (numbers never become floats)."""
        try:
            return json.loads(response.content, parse_float=Decimal)
        except (ValueError, UnicodeDecodeError, RecursionError) as error:
            excerpt = _short(self.scrub(response.content[:80].decode("utf-8", "replace")), 80)
            raise PayloadProblem(
                f"{self.host}: risposta non leggibile per {what} (JSON non valido: {_short(str(error), 80)}; "
                f"inizio: «{excerpt}»); i dati locali non sono cambiati",
                f"{self.host}: unreadable reply for {what} (invalid JSON: {_short(str(error), 80)}; "
                f"start: “{excerpt}”); local data is unchanged",
            ) from None


def _context_with_ca(path: Path) -> ssl.SSLContext:
    if not path.is_file():
        raise TlsProblem(
            f"file dell'autorità di certificazione non trovato: {path}",
            f"certificate authority file not found: {path}",
        )
    try:
        return ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError) as error:
        raise TlsProblem(
            f"file dell'autorità di certificazione non valido: {path} ({_reason(error)}); serve un file PEM",
            f"invalid certificate authority file: {path} ({_reason(error)}); a PEM file is needed",
        ) from None


class _TimeUp(Exception):
    """The request's deadline passed while its body was still coming."""


def _error_chain_text(error: BaseException) -> str:
    texts, seen = [], set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        texts.append(str(current))
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return " ".join(texts)


# What OpenSSL says when the other end answers a TLS hello with plain text.
_NOT_TLS = (
    "WRONG_VERSION_NUMBER",
    "HTTP_REQUEST",
    "RECORD_LAYER_FAILURE",
    "PACKET_LENGTH_TOO_LONG",
)


def _not_https(error: BaseException) -> bool:
    text = _error_chain_text(error).upper().replace(" ", "_")
    return any(marker in text for marker in _NOT_TLS)


def _certificate_failure(error: BaseException) -> bool:
    return "CERTIFICATE_VERIFY_FAILED" in _error_chain_text(error)


def _tls_failure(error: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(error)


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


_SPACES = re.compile(r"[ \t\r\n]+")


def escape_character(character: str) -> str:
    """A character that must not reach a terminal or a database as it is, written
    as Python would: \\x00, \\x1b, \\u2028."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def excerpt(text: object, limit: int = 40) -> str:
    """A server's text fit for a message: one line, cut short, every character that
    is not printable shown escaped (\\x00, \\x1b: a NUL would not even fit in a
    PostgreSQL text column, an ANSI escape would drive the terminal)."""
    text = _SPACES.sub(" ", str(text)).strip(" ")
    shown = "".join(c if c.isprintable() else escape_character(c) for c in text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_short = excerpt


__all__ = [
    "HttpClient",
    "RetryPolicy",
    "Secret",
    "SyncProblem",
    "escape_character",
    "excerpt",
    "is_loopback",
    "normalise_url",
    "retry_after_seconds",
]
