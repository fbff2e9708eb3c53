"""A simulator of the crowdfunding platform's server: a real HTTP server on 127.0.0.1
speaking the API in resources/api/commissione-platform.openapi.json, with a virtual
clock and fault injection. For the tests, the demo and training.

    with running_simulator(campaigns=8, speed=3600, seed=1, token="t") as sim:
        httpx.get(f"{sim.base_url}/campaigns", headers={"Authorization": "Bearer t"})
        sim.inject_fault("rate_limit", count=2, retry_after=1)
        sim.clock.advance(dt.timedelta(days=3))

The data come from a :class:`~desktop.platform.timeline.Timeline`; what the server
shows is the timeline at the virtual time ``start + real elapsed × speed``.

Listings follow the contract: ordered by (updated_at, id); ``updated_since``
inclusive; keyset cursors that carry the moment of the first page, so every page of
one listing shows the same snapshot and ``server_time`` is that moment on every
page; an ETag naming the listing's content (If-None-Match → 304).

Only standard-library HTTP: no dependency beyond what the app already has.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import signal
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from desktop.platform import DEFAULT_PORT, DEFAULT_TOKEN
from desktop.platform.timeline import (
    CampaignSpec,
    Timeline,
    VersionLog,
    build_timeline,
    format_amount,
    from_ms,
    iso_ms,
    large_dataset,
    synthetic_specs,
    to_ms,
)

__all__ = [
    "API_PREFIX",
    "DEFAULT_PORT",
    "DEFAULT_TOKEN",
    "FAULT_KINDS",
    "Fault",
    "PlatformSimulator",
    "RequestRecord",
    "VirtualClock",
    "demo_campaigns",
    "demo_timeline",
    "large_dataset",
    "running_simulator",
]

API_PREFIX = "/api/v1"
DEFAULT_LIMIT = 100
MAX_CAMPAIGN_LIMIT = 500
MAX_DONATION_LIMIT = 1000
ROOT = Path(__file__).resolve().parents[2]
# The workbook the demo database imports (the CSV lacks the partners' categories).
DEMO_FILE = ROOT / "resources" / "demo" / "domande-demo.xlsx"
# At the default start the demo shows every phase: closed, running, about to open.
DEMO_DAYS_BEFORE_START = 75

FAULT_KINDS = (
    "server_error",  # 500
    "unavailable",  # 503
    "rate_limit",  # 429 with Retry-After
    "slow",  # answers after `seconds` (default 5): longer than a client's timeout
    "drop",  # sends half the response, then closes the connection
    "malformed_json",  # 200 with a truncated JSON body
    "wrong_types",  # an amount as a JSON number, a required field missing
    "negative_amount",  # an amount below zero
    "repeat_page",  # the next cursor returns the same page again
    "total_mismatch",  # a campaign's raised ≠ Σ its confirmed donations
    "expired_token",  # 401 token_expired
)
# Faults that change a successful body: they wait for a response they can spoil.
_DATA_FAULTS = {"malformed_json", "wrong_types", "negative_amount", "repeat_page", "total_mismatch"}


@dataclass
class Fault:
    """An armed fault: the next ``count`` API requests it applies to get it.

    ``path``: only requests whose path (after /api/v1) starts with it, e.g.
    ``"/donations"``. Requests to /health and /_admin never get faults."""

    kind: str
    count: int = 1
    path: str | None = None
    retry_after: int = 1  # rate_limit (and unavailable, if given): Retry-After seconds
    seconds: float = 5.0  # slow: the delay before answering

    def __post_init__(self):
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"guasto sconosciuto «{self.kind}»: usare uno di {', '.join(FAULT_KINDS)} / "
                f"unknown fault “{self.kind}”: use one of {', '.join(FAULT_KINDS)}"
            )
        if type(self.count) is not int or self.count < 1:
            raise ValueError("count: un intero ≥ 1 / count: an integer ≥ 1")
        if type(self.retry_after) is not int or self.retry_after < 0:
            raise ValueError("retry_after: secondi interi ≥ 0 / retry_after: whole seconds ≥ 0")
        if isinstance(self.seconds, bool) or not isinstance(self.seconds, int | float):
            raise ValueError("seconds: un numero / seconds: a number")
        if self.seconds < 0:
            raise ValueError("seconds: ≥ 0")
        if self.path is not None and not (isinstance(self.path, str) and self.path.startswith("/")):
            raise ValueError(
                "path: inizia con / (es. /donations) / path: starts with / (e.g. /donations)"
            )


@dataclass(frozen=True)
class RequestRecord:
    """One request the simulator answered, for tests that count retries."""

    method: str
    path: str
    query: dict[str, str]
    status: int
    fault: str | None
    if_none_match: str | None
    at: dt.datetime  # virtual time


class VirtualClock:
    """virtual now = start + real elapsed × speed (speed 0: stopped)."""

    def __init__(self, start: dt.datetime, speed: float = 1.0):
        self._lock = threading.Lock()
        self._start_ms = to_ms(start)
        self._origin = time.monotonic()
        self._speed = self._checked(speed)

    @staticmethod
    def _checked(speed: float) -> float:
        if isinstance(speed, bool) or not isinstance(speed, int | float) or speed < 0:
            raise ValueError("velocità: un numero ≥ 0 / speed: a number ≥ 0")
        return float(speed)

    def _now_ms_locked(self) -> int:
        return self._start_ms + int((time.monotonic() - self._origin) * 1000 * self._speed)

    def now_ms(self) -> int:
        with self._lock:
            return self._now_ms_locked()

    def now(self) -> dt.datetime:
        return from_ms(self.now_ms())

    @property
    def speed(self) -> float:
        return self._speed

    def set(self, moment: dt.datetime) -> None:
        with self._lock:
            self._start_ms, self._origin = to_ms(moment), time.monotonic()

    def advance(self, delta: dt.timedelta) -> None:
        with self._lock:
            self._start_ms += delta // dt.timedelta(milliseconds=1)

    def set_speed(self, speed: float) -> None:
        with self._lock:
            self._start_ms, self._origin = self._now_ms_locked(), time.monotonic()
            self._speed = self._checked(speed)


class _Problem(Exception):
    """An error answer: status, code, message and extra headers."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


@dataclass
class _Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    # For data faults: the parsed page and how to rebuild it.
    kind: str = ""  # "campaigns" / "donations" / "campaign" / ""
    items: list[bytes] | None = None
    next_cursor: str | None = None
    this_cursor: str | None = None
    server_time: str = ""


def _error_body(code: str, message: str) -> bytes:
    return json.dumps(
        {"error": {"code": code, "message": message}}, ensure_ascii=False, separators=(",", ":")
    ).encode()


def _encode_cursor(payload: list) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(text: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise _Problem(400, "invalid_cursor", "cursor is not one this server gave") from error
    if not isinstance(payload, list) or len(payload) != 5:
        raise _Problem(400, "invalid_cursor", "cursor is not one this server gave")
    return payload


def _parse_time(name: str, text: str) -> int:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise _Problem(
            400,
            "invalid_parameter",
            f"{name}: not an ISO 8601 time ({text!r}); use e.g. 2025-03-12T10:31:07Z",
        ) from error
    if moment.tzinfo is None:
        raise _Problem(
            400, "invalid_parameter", f"{name}: the time needs a zone ({text!r}); use UTC with Z"
        )
    return to_ms(moment)


class PlatformSimulator:
    """The platform's server over a timeline; start() it or use it as a context manager."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        token: str = DEFAULT_TOKEN,
        speed: float = 1.0,
        start: dt.datetime | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        prerender: bool = False,
    ):
        if not token:
            raise ValueError("token vuoto / empty token")
        self.timeline = timeline
        self.clock = VirtualClock(start or timeline.suggested_start, speed)
        self._token = token
        self._expired_tokens: set[str] = set()
        self._faults: list[Fault] = []
        self._requests: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        if prerender:
            self.prerender()
        self._server = _Server((host, port), _Handler, self)
        self._closed = False
        self.host, self.port = self._server.server_address[:2]

    # -- lifecycle -------------------------------------------------------------------

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What a client is configured with: ``http://127.0.0.1:PORT/api/v1``."""
        return self.root_url + API_PREFIX

    @property
    def token(self) -> str:
        return self._token

    def start(self) -> PlatformSimulator:
        """Serves in a background thread. After stop(), start() serves again on the
        same port (a test taking the platform offline and back)."""
        if self._thread is not None:
            return self
        if self._closed:
            self._server = _Server((self.host, self.port), _Handler, self)
            self._closed = False
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"platform-simulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serves in this thread until Ctrl+C (KeyboardInterrupt)."""
        # A process that starts with SIGINT ignored keeps it ignored (Python installs its
        # Ctrl+C handler only over the default), and anything started with `&` from a
        # script starts so: the simulator then never stopped (its test, run that way,
        # failed 30 times out of 30). Serving in the foreground means Ctrl+C stops it.
        in_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.default_int_handler) if in_main else None
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            self._close()

    def stop(self) -> None:
        """Stops serving and closes every connection; requests then fail to connect."""
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _close(self) -> None:
        self._stopping.set()
        self._server.server_close()
        self._closed = True
        # Keep-alive connections would otherwise still be served by their threads.
        with self._lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> PlatformSimulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def prerender(self) -> None:
        """Renders the JSON of everything current on the virtual clock now, so a
        benchmark's first sync measures the client, not the simulator warming up."""
        now_ms = self.clock.now_ms()
        for log in (self.timeline.donations_log, self.timeline.campaigns_log):
            for position in log.snapshot(log.watermark(now_ms)):
                log.json(position)

    # -- control (also over HTTP under /_admin) --------------------------------------

    def inject_fault(
        self,
        kind: str,
        count: int = 1,
        *,
        path: str | None = None,
        retry_after: int | None = None,
        seconds: float | None = None,
    ) -> Fault:
        fault = Fault(kind, count, path)
        if retry_after is not None:
            fault.retry_after = retry_after
        if seconds is not None:
            fault.seconds = seconds
        fault.__post_init__()
        with self._lock:
            self._faults.append(fault)
        return fault

    @property
    def faults(self) -> list[Fault]:
        """The faults still armed, in the order they will fire."""
        with self._lock:
            return [replace(fault) for fault in self._faults]

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def rotate_token(self, new_token: str) -> None:
        """From now on only ``new_token`` works; the old one answers 401 token_expired."""
        if not new_token:
            raise ValueError("token vuoto / empty token")
        with self._lock:
            self._expired_tokens.add(self._token)
            self._expired_tokens.discard(new_token)
            self._token = new_token

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # -- serving ---------------------------------------------------------------------

    def _take_fault(self, path: str, answer: _Answer | None, would_be_304: bool) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.path and not path.startswith(fault.path):
                    continue
                if fault.kind in _DATA_FAULTS and not self._spoilable(fault.kind, answer):
                    continue
                if fault.kind in _DATA_FAULTS and would_be_304:
                    continue
                fault.count -= 1
                if fault.count == 0:
                    del self._faults[index]
                return replace(fault, count=1)
        return None

    @staticmethod
    def _spoilable(kind: str, answer: _Answer | None) -> bool:
        if answer is None or answer.status != 200 or not answer.kind:
            return False
        if kind == "malformed_json":
            return True
        if kind == "repeat_page":
            return answer.next_cursor is not None
        has_items = answer.kind == "campaign" or bool(answer.items)
        if kind == "total_mismatch":
            return has_items and answer.kind in ("campaign", "campaigns")
        return has_items

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def _check_token(self, header: str | None) -> None:
        scheme, _, presented = (header or "").partition(" ")
        presented = presented.strip()
        if scheme.lower() != "bearer" or not presented:
            raise _Problem(
                401,
                "invalid_token",
                "missing bearer token: send Authorization: Bearer <token>",
                {"WWW-Authenticate": 'Bearer realm="commissione"'},
            )
        with self._lock:
            current, expired = self._token, presented in self._expired_tokens
        if hmac.compare_digest(presented.encode(), current.encode()):
            return
        if expired:
            raise _Problem(
                401,
                "token_expired",
                "the token has expired: ask the platform for a new one",
                {"WWW-Authenticate": 'Bearer realm="commissione", error="invalid_token"'},
            )
        raise _Problem(
            401,
            "invalid_token",
            "the token is not valid for this server",
            {"WWW-Authenticate": 'Bearer realm="commissione", error="invalid_token"'},
        )

    def _route(self, path: str, query: dict[str, str], now_ms: int) -> _Answer:
        parts = path.strip("/").split("/")
        if parts == ["campaigns"]:
            _allowed(query, ("updated_since", "cursor", "limit"))
            return self._listing(
                "campaigns",
                "campaigns",
                self.timeline.campaigns_log,
                query,
                MAX_CAMPAIGN_LIMIT,
                now_ms,
            )
        if parts == ["donations"]:
            _allowed(query, ("updated_since", "cursor", "limit"))
            return self._listing(
                "donations",
                "donations",
                self.timeline.donations_log,
                query,
                MAX_DONATION_LIMIT,
                now_ms,
            )
        if len(parts) in (2, 3) and parts[0] == "campaigns":
            campaign_id = parts[1]
            if self.timeline.campaign_at(campaign_id, from_ms(now_ms)) is None:
                raise _Problem(404, "not_found", f"no campaign {campaign_id!r} on this platform")
            if len(parts) == 2:
                _allowed(query, ())
                return self._campaign(campaign_id, now_ms)
            if parts[2] == "donations":
                _allowed(query, ("updated_since", "cursor", "limit"))
                log = self.timeline.campaign_donation_logs[campaign_id]
                return self._listing(
                    "donations",
                    f"campaigns/{campaign_id}/donations",
                    log,
                    query,
                    MAX_DONATION_LIMIT,
                    now_ms,
                )
        raise _Problem(404, "not_found", f"no such resource: {API_PREFIX}{path}")

    def _campaign(self, campaign_id: str, now_ms: int) -> _Answer:
        log = self.timeline.campaigns_log
        # The version current now: found through the listing's snapshot.
        watermark = log.watermark(now_ms)
        position = next(p for p in reversed(log.snapshot(watermark)) if log.ids[p] == campaign_id)
        item = log.json(position)
        etag = self._etag("campaign", campaign_id, log.times[position])
        return _Answer(
            body=item, etag=etag, kind="campaign", items=[item], server_time=iso_ms(now_ms)
        )

    def _etag(self, *parts) -> str:
        digest = hashlib.sha256(repr((self.timeline.fingerprint, *parts)).encode()).hexdigest()
        return f'"{digest[:24]}"'

    def _listing(
        self,
        kind: str,
        listing: str,
        log: VersionLog,
        query: dict[str, str],
        limit_max: int,
        now_ms: int,
    ) -> _Answer:
        limit = _limit(query.get("limit"), limit_max)
        since = (
            _parse_time("updated_since", query["updated_since"])
            if "updated_since" in query
            else None
        )
        cursor = query.get("cursor")
        if cursor:
            fingerprint, cursor_listing, moment, cursor_since, after = _decode_cursor(cursor)
            if fingerprint != self.timeline.fingerprint or cursor_listing != listing:
                raise _Problem(
                    400, "invalid_cursor", "the cursor belongs to another listing: start it again"
                )
            if "updated_since" in query and since != cursor_since:
                raise _Problem(
                    400,
                    "invalid_cursor",
                    "updated_since differs from the one the cursor was made for: start the listing again",
                )
            if not (
                isinstance(after, int)
                and (cursor_since is None or isinstance(cursor_since, int))
                and isinstance(moment, int)
            ):
                raise _Problem(400, "invalid_cursor", "cursor is not one this server gave")
            if moment > now_ms:
                raise _Problem(
                    400,
                    "invalid_cursor",
                    "the cursor is from a later time than the server's (clock set back): start the listing again",
                )
            since = cursor_since
        else:
            moment, after = now_ms, -1
        watermark = log.watermark(moment)
        snapshot = log.snapshot(watermark)
        begin = 0
        if since is not None:
            begin = bisect.bisect_left(snapshot, log.first_at_or_after(since))
        if after >= 0:
            begin = max(begin, bisect.bisect_right(snapshot, after))
        page = snapshot[begin : begin + limit]
        next_cursor = None
        if begin + limit < len(snapshot):
            next_cursor = _encode_cursor(
                [self.timeline.fingerprint, listing, moment, since, page[-1]]
            )
        this_cursor = cursor or _encode_cursor(
            [self.timeline.fingerprint, listing, moment, since, -1]
        )
        answer = _Answer(
            kind=kind,
            items=[log.json(position) for position in page],
            next_cursor=next_cursor,
            this_cursor=this_cursor,
            server_time=iso_ms(moment),
            # The content, not the query: the same page says the same whatever
            # updated_since produced it; with a next page, its snapshot matters too.
            etag=self._etag(listing, tuple(page), watermark if next_cursor else None),
        )
        answer.body = _listing_body(answer.items, next_cursor, answer.server_time)
        return answer

    def _spoil(self, fault: Fault, answer: _Answer) -> None:
        """Applies a data fault to a successful answer (which then has no ETag)."""
        answer.etag = None
        if fault.kind == "malformed_json":
            answer.body = answer.body[: max(1, len(answer.body) // 2)]
            return
        if fault.kind == "repeat_page":
            answer.body = _listing_body(answer.items, answer.this_cursor, answer.server_time)
            return
        items = [json.loads(item) for item in answer.items]
        first = items[0]
        money = "amount" if answer.kind == "donations" else "raised"
        if fault.kind == "wrong_types":
            first[money] = float(first[money])  # a JSON number, not a decimal string
            items[-1].pop("status", None)
        elif fault.kind == "negative_amount":
            first[money] = "-" + first[money].lstrip("-")
        elif fault.kind == "total_mismatch":
            cents = int(first["raised"].replace(".", ""))
            first["raised"] = format_amount(cents + 10_000)
        rendered = [
            json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode() for item in items
        ]
        if answer.kind == "campaign":
            answer.body = rendered[0]
        else:
            answer.body = _listing_body(rendered, answer.next_cursor, answer.server_time)

    def handle(self, handler: _Handler, method: str) -> None:
        url = urlsplit(handler.path)
        path = url.path.rstrip("/") or "/"
        raw_query = parse_qs(url.query, keep_blank_values=True)
        now_ms = self.clock.now_ms()
        if_none_match = handler.headers.get("If-None-Match")
        fault: Fault | None = None
        answer: _Answer
        try:
            query = {}
            for name, values in raw_query.items():
                if len(values) > 1:
                    raise _Problem(400, "invalid_parameter", f"{name}: given more than once")
                query[name] = values[0]
            if path.startswith(API_PREFIX + "/_admin") or path.startswith("/_admin"):
                answer = self._admin(method, path.removeprefix(API_PREFIX), handler)
            elif path in (API_PREFIX + "/health", "/health"):
                if method != "GET":
                    raise _Problem(405, "method_not_allowed", "use GET")
                answer = _Answer(
                    body=json.dumps({"status": "ok", "server_time": iso_ms(now_ms)}).encode()
                )
            elif path == API_PREFIX or path.startswith(API_PREFIX + "/"):
                api_path = path.removeprefix(API_PREFIX) or "/"
                self._check_token(handler.headers.get("Authorization"))
                answer, fault = self._api(method, api_path, query, now_ms, if_none_match)
            else:
                raise _Problem(
                    404, "not_found", f"no such resource: {path}; the API is under {API_PREFIX}"
                )
        except _Problem as problem:
            answer = _Answer(
                status=problem.status,
                body=_error_body(problem.code, problem.message),
                headers=problem.headers,
            )
        if fault and fault.kind == "drop":
            self._record(_record(method, path, raw_query, 0, fault, if_none_match, now_ms))
            handler.send_partial(answer)
            return
        if answer.etag and if_none_match and _matches(if_none_match, answer.etag):
            answer = _Answer(status=304, etag=answer.etag)
        self._record(_record(method, path, raw_query, answer.status, fault, if_none_match, now_ms))
        handler.send(answer)

    def _api(
        self, method: str, path: str, query: dict[str, str], now_ms: int, if_none_match: str | None
    ) -> tuple[_Answer, Fault | None]:
        answer: _Answer | None = None
        problem: _Problem | None = None
        try:
            if method != "GET":
                raise _Problem(405, "method_not_allowed", "the API is read-only: use GET")
            answer = self._route(path, query, now_ms)
        except _Problem as error:
            problem = error
        would_be_304 = bool(
            answer and answer.etag and if_none_match and _matches(if_none_match, answer.etag)
        )
        fault = self._take_fault(path, answer, would_be_304)
        if fault is None:
            if problem:
                raise problem
            return answer, None
        kind = fault.kind
        if kind == "slow":
            self._stopping.wait(fault.seconds)
            if problem:
                raise problem
            return answer, fault
        if kind == "server_error":
            return _failure(500, "internal_error", "simulated server error"), fault
        if kind == "unavailable":
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            return _failure(503, "unavailable", "simulated maintenance", headers), fault
        if kind == "rate_limit":
            headers = {"Retry-After": str(fault.retry_after)}
            return _failure(429, "rate_limited", "too many requests: slow down", headers), fault
        if kind == "expired_token":
            return _failure(
                401,
                "token_expired",
                "the token has expired: ask the platform for a new one",
                {"WWW-Authenticate": 'Bearer realm="commissione", error="invalid_token"'},
            ), fault
        if kind == "drop":
            if problem:
                return _failure(problem.status, problem.code, problem.message), fault
            return answer, fault
        self._spoil(fault, answer)
        return answer, fault

    def _admin(self, method: str, path: str, handler: _Handler) -> _Answer:
        body = handler.read_json() if method in ("POST", "PUT") else {}
        if path == "/_admin/faults":
            if method == "POST":
                try:
                    options = {k: body[k] for k in ("path", "retry_after", "seconds") if k in body}
                    self.inject_fault(body.get("kind", ""), body.get("count", 1), **options)
                except (ValueError, TypeError) as error:
                    raise _Problem(400, "invalid_parameter", str(error)) from error
                return _json_answer({"faults": [asdict(f) for f in self.faults]}, 201)
            if method == "DELETE":
                self.clear_faults()
            elif method != "GET":
                raise _Problem(405, "method_not_allowed", "use GET, POST or DELETE")
            return _json_answer({"faults": [asdict(f) for f in self.faults]})
        if path == "/_admin/clock":
            if method == "POST":
                try:
                    if "speed" in body:
                        self.clock.set_speed(body["speed"])
                    if "set" in body:
                        self.clock.set(from_ms(_parse_time("set", str(body["set"]))))
                    if "advance_seconds" in body:
                        seconds = body["advance_seconds"]
                        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
                            raise ValueError("advance_seconds: a number")
                        self.clock.advance(dt.timedelta(seconds=seconds))
                except ValueError as error:
                    raise _Problem(400, "invalid_parameter", str(error)) from error
            elif method != "GET":
                raise _Problem(405, "method_not_allowed", "use GET or POST")
            return _json_answer(
                {"virtual_now": iso_ms(self.clock.now_ms()), "speed": self.clock.speed}
            )
        if path == "/_admin/token":
            if method != "POST":
                raise _Problem(405, "method_not_allowed", "use POST")
            token = body.get("token")
            if not isinstance(token, str) or not token:
                raise _Problem(400, "invalid_parameter", "token: a non-empty string")
            self.rotate_token(token)
            return _json_answer({"rotated": True})
        raise _Problem(404, "not_found", f"no such admin resource: {path}")


def _record(method, path, raw_query, status, fault, if_none_match, now_ms) -> RequestRecord:
    return RequestRecord(
        method=method,
        path=path,
        query={name: values[0] for name, values in raw_query.items()},
        status=status,
        fault=fault.kind if fault else None,
        if_none_match=if_none_match,
        at=from_ms(now_ms),
    )


def _failure(status: int, code: str, message: str, headers: dict | None = None) -> _Answer:
    return _Answer(status=status, body=_error_body(code, message), headers=headers or {})


def _json_answer(payload: dict, status: int = 200) -> _Answer:
    return _Answer(status=status, body=json.dumps(payload, ensure_ascii=False).encode())


def _listing_body(items: list[bytes], next_cursor: str | None, server_time: str) -> bytes:
    cursor = b"null" if next_cursor is None else b'"' + next_cursor.encode() + b'"'
    return b"".join(
        (
            b'{"items":[',
            b",".join(items),
            b'],"next_cursor":',
            cursor,
            b',"server_time":"',
            server_time.encode(),
            b'"}',
        )
    )


def _allowed(query: dict[str, str], names: Sequence[str]) -> None:
    unknown = sorted(set(query) - set(names))
    if unknown:
        accepted = ", ".join(names) or "none"
        raise _Problem(
            400,
            "invalid_parameter",
            f"unknown parameter {', '.join(unknown)}; accepted: {accepted}",
        )


def _limit(text: str | None, maximum: int) -> int:
    if text is None:
        return DEFAULT_LIMIT
    if not text.isdigit() or not 1 <= int(text) <= maximum:
        raise _Problem(
            400, "invalid_parameter", f"limit: a whole number from 1 to {maximum} (got {text!r})"
        )
    return int(text)


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = [part.strip().removeprefix("W/") for part in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, simulator: PlatformSimulator):
        self.simulator = simulator
        super().__init__(address, handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real API client expects
    server_version = "CommissionePlatformSimulator/1"
    timeout = 30  # an idle keep-alive connection's thread ends after this
    # Headers and body go out in two writes: with Nagle's algorithm and the client's
    # delayed ACK every response on a kept-alive connection would wait ~40 ms.
    disable_nagle_algorithm = True
    server: _Server
    body = b""

    def setup(self) -> None:
        super().setup()
        simulator = self.server.simulator
        with simulator._lock:
            simulator._connections.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        simulator = self.server.simulator
        with simulator._lock:
            simulator._connections.discard(self.connection)

    def _serve(self, method: str) -> None:
        try:
            # Read any body now: left unread it would be taken for the next request.
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length) if length > 0 else b""
            self.server.simulator.handle(self, method)
        except Exception as error:  # a bug here must look like a server error, not a hang
            self.send(_failure(500, "internal_error", f"simulator bug: {error!r}"))
            self.close_connection = True

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def read_json(self) -> dict:
        try:
            payload = json.loads(self.body or b"{}")
        except ValueError as error:
            raise _Problem(400, "invalid_parameter", "the body is not JSON") from error
        if not isinstance(payload, dict):
            raise _Problem(400, "invalid_parameter", "the body must be a JSON object")
        return payload

    def _headers(self, answer: _Answer, length: int) -> None:
        self.send_response(answer.status)
        if answer.status != 304:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-cache")
        if answer.etag:
            self.send_header("ETag", answer.etag)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send(self, answer: _Answer) -> None:
        body = b"" if answer.status == 304 else answer.body
        try:
            self._headers(answer, len(body))
            if body:
                self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def send_partial(self, answer: _Answer) -> None:
        """The `drop` fault: headers promising the whole body, half of it, then a closed socket."""
        body = answer.body or b"{}"
        try:
            self._headers(answer, len(body))
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:
        pass  # requests are in PlatformSimulator.requests; stderr stays for the CLI


# -- ready-made campaigns and simulators ---------------------------------------------


def demo_campaigns(count: int = 8, path: Path = DEMO_FILE) -> list[CampaignSpec]:
    """Campaigns for the first ``count`` admissible demo applications (by the call's
    own rules, partners from the workbook's partner sheet included, as the demo
    database imports them), with the call's crowdfunding target; beyond the
    admissible ones, invented campaigns make up the rest."""
    from dataclasses import replace

    from desktop.domain.calls import find_call
    from desktop.domain.eligibility import Outcome, check_application, overall
    from desktop.importing.columns import PARTNER_HEADER_INDEX, match_columns
    from desktop.importing.readers import open_workbook
    from desktop.importing.rows import PartnerRowParser, RowParser

    call = find_call(None)
    workbook = open_workbook(path)
    sheet_partners: dict[str, list] = {}
    if workbook.partners is not None:
        table = workbook.partners
        match = match_columns(
            table.headers, index=PARTNER_HEADER_INDEX, required=("codice_domanda",)
        )
        partner_parser = PartnerRowParser(match.positions, table.headers, table.name)
        for chunk in table.chunks():
            for row, cells in chunk:
                code, entity, _ = partner_parser.parse(row, cells)
                if entity is not None:
                    sheet_partners.setdefault(code, []).append(entity)
    table = workbook.applications
    match = match_columns(table.headers, None)
    parser = RowParser(call, match.positions, table.headers, table.name)
    specs: list[CampaignSpec] = []
    for chunk in table.chunks():
        for row, cells in chunk:
            app, problems = parser.parse(row, cells)
            if app is None or problems or app.cost_cents is None:
                continue
            if app.code in sheet_partners:
                app = replace(app, partners=(*sheet_partners[app.code], *app.partners))
            outcomes = (result.outcome for result in check_application(call, app))
            if overall(outcomes) is not Outcome.PASS:
                continue
            specs.append(
                CampaignSpec(
                    application_code=app.code,
                    title=app.title,
                    target_cents=call.crowdfunding_target_cents(app.cost_cents),
                )
            )
            if len(specs) == count:
                return specs
    return specs + synthetic_specs(count - len(specs), first=len(specs) + 1)


def demo_timeline(
    campaigns: int | Sequence[CampaignSpec] = 8,
    *,
    seed: int | str = 0,
    start: dt.datetime | None = None,
    campaign_days: int | None = None,
) -> Timeline:
    """The demo's timeline, anchored so that at ``start`` (default: now) some
    campaigns are over, most are running and a couple are about to open."""
    if start is None:
        start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    specs = demo_campaigns(campaigns) if isinstance(campaigns, int) else list(campaigns)
    if campaign_days is None:
        from desktop.domain.calls import find_call

        campaign_days = find_call(None).campaign_days
    return build_timeline(
        specs,
        seed=seed,
        anchor=start - dt.timedelta(days=DEMO_DAYS_BEFORE_START),
        campaign_days=campaign_days,
        suggested_start=start,
    )


@contextlib.contextmanager
def running_simulator(
    campaigns: int | Sequence[CampaignSpec] = 8,
    *,
    speed: float = 1.0,
    seed: int | str = 0,
    token: str = DEFAULT_TOKEN,
    start: dt.datetime | None = None,
    timeline: Timeline | None = None,
    port: int = 0,
    prerender: bool = False,
) -> Iterator[PlatformSimulator]:
    """A simulator serving on a free port of 127.0.0.1 in a background thread,
    stopped (connections closed) on leaving the block. ``timeline`` wins over
    ``campaigns``/``seed``; ``start`` defaults to the timeline's suggested start."""
    if timeline is None:
        timeline = demo_timeline(campaigns, seed=seed, start=start)
    simulator = PlatformSimulator(
        timeline, token=token, speed=speed, start=start, port=port, prerender=prerender
    )
    with simulator:
        yield simulator
