"""A Goteo API v1 look-alike on 127.0.0.1 for the tests, built from the published
sample responses in /work/shared/fixtures/goteo-api/.

It serves `/v1/projects/`, `/v1/projects/{id}`, `/v1/projects/{id}/donors/`,
`/v1/invests/` and `/v1/login` with Goteo's `{items, meta: {limit, page, total}}`
pagination (pages from 0, at most 50 items, invests newest first), RFC 2822
dates, HTTP Basic auth or the bearer token from /login, tokens that expire, and a
few faults. Data: the fixture projects (the list plus the full `project.json`),
each with invests cloned from the fixture invest whose charged amounts add up to
the project's `amount`, plus the fixture invests of other projects.

    with GoteoServer() as goteo:
        goteo.base_url  # http://127.0.0.1:PORT/v1
"""

from __future__ import annotations

import base64
import copy
import email.utils
import json
import secrets
import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FIXTURES = Path("/work/shared/fixtures/goteo-api")
USER, KEY = "comune-milano", "chiave-api-di-prova-7c1e"


def _load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _rfc(value) -> str:
    return email.utils.format_datetime(value)


class GoteoData:
    """Projects (full detail) and invests, consistent: a project's amount is the sum
    of its charged/paid invests."""

    def __init__(self, projects: int | None = None):
        listed = _load("projects.json")["items"]
        full = _load("project.json")
        template = _load("invest.json")
        self.projects: dict[str, dict] = {}
        self.invests: list[dict] = []
        self.donors: dict[str, int] = {}
        next_id = 300_000
        sources = [*listed, full][: projects or None]
        for item in sources:
            detail = copy.deepcopy(full)
            for key in list(detail):
                if key in item:
                    detail[key] = copy.deepcopy(item[key])
            detail["id"], detail["name"] = item["id"], item["name"]
            published = email.utils.parsedate_to_datetime(item["date-published"])
            if item is not full:
                detail["date-passed"] = detail["date-succeeded"] = detail["date-closed"] = None
                detail["date-updated"] = None
                if item["status"] in ("funded", "fulfilled"):
                    detail["date-passed"] = _rfc(published + timedelta(days=40))
                    detail["date-succeeded"] = _rfc(published + timedelta(days=80))
                elif item["status"] == "unfunded":
                    detail["date-closed"] = _rfc(published + timedelta(days=40))
            self.projects[item["id"]] = detail
            # Invests of 100 € and a remainder, then one returned and one processing.
            remaining = int(detail["amount"])
            day = published
            count = 0
            while remaining > 0:
                amount = min(100, remaining)
                self.invests.append(
                    self._invest(template, next_id, item["id"], amount, "charged", day)
                )
                next_id, remaining, count = next_id + 1, remaining - amount, count + 1
                day += timedelta(hours=7)
            self.invests.append(self._invest(template, next_id, item["id"], 35, "returned", day))
            self.invests.append(
                self._invest(template, next_id + 1, item["id"], 15, "processing", day)
            )
            next_id += 2
            self.donors[item["id"]] = count
        self.donors[full["id"]] = _load("project_donors.json")["meta"]["total"]
        # Invests of projects not served: a filter that does not work would bring them in.
        self.invests.extend(copy.deepcopy(_load("invests.json")["items"]))
        self.invests.sort(key=lambda i: -i["id"])

    @staticmethod
    def _invest(template: dict, ident: int, project: str, amount: int, status: str, when) -> dict:
        invest = copy.deepcopy(template)
        invest.pop("location", None)
        invest.pop("time-elapsed", None)
        invest.update(
            {
                "id": ident,
                "project": project,
                "amount": float(amount),
                "status": status,
                "date-created": _rfc(when.replace(hour=0, minute=0, second=0)),
                "date-charged": _rfc(when.replace(hour=0, minute=0, second=0)),
                "date-updated": _rfc(when),
                "date-returned": _rfc(when) if status == "returned" else None,
            }
        )
        return invest

    def refund(self, invest_id: int) -> None:
        """The invest goes back to its donor; Goteo lowers the project's amount."""
        invest = next(i for i in self.invests if i["id"] == invest_id)
        if invest["status"] in ("charged", "paid"):
            self.projects[invest["project"]]["amount"] -= invest["amount"]
        invest["status"] = "returned"

    def cancel(self, invest_id: int) -> None:
        """Cancelled by an admin: Goteo's listing no longer shows it."""
        invest = next(i for i in self.invests if i["id"] == invest_id)
        if invest["status"] in ("charged", "paid"):
            self.projects[invest["project"]]["amount"] -= invest["amount"]
        invest["status"] = "cancelled"

    def add_invest(self, project: str, amount: int) -> int:
        ident = max(i["id"] for i in self.invests) + 1
        template = _load("invest.json")
        when = email.utils.parsedate_to_datetime(self.projects[project]["date-published"])
        self.invests.insert(0, self._invest(template, ident, project, amount, "charged", when))
        self.projects[project]["amount"] += float(amount)
        self.donors[project] += 1
        return ident

    def charged_of(self, project: str) -> list[dict]:
        return [i for i in self.invests if i["project"] == project and i["status"] == "charged"]


class GoteoServer:
    def __init__(
        self,
        data: GoteoData | None = None,
        *,
        token_seconds: float = 600,
        users: dict[str, str] | None = None,
    ):
        self.data = data or GoteoData()
        self.users = users if users is not None else {USER: KEY}
        self.token_seconds = token_seconds
        self.tokens: dict[str, float] = {}
        self.faults: list[tuple[str, int, str]] = []  # (kind, count, path), see inject()
        self.requests: list[tuple[str, str, str]] = []  # (method, path, auth kind)
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> GoteoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {token: 0.0 for token in self.tokens}

    def inject(self, kind: str, count: int = 1, path: str = "/v1/") -> None:
        """The next `count` requests whose path starts with `path` get the fault:
        server_error, garbage (HTML instead of JSON), expire_token, negative (a
        project's amount), repeat_page (a listing's previous page again),
        string_amount (an amount as a string), duplicate_on_page (a page listing its
        first item again)."""
        with self.lock:
            self.faults.append((kind, count, path))

    def _take_fault(self, path: str) -> str | None:
        with self.lock:
            for index, (kind, count, prefix) in enumerate(self.faults):
                if not path.startswith(prefix):
                    continue
                if count <= 1:
                    self.faults.pop(index)
                else:
                    self.faults[index] = (kind, count - 1, prefix)
                return kind
            return None


def _handler(goteo: GoteoServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet tests
            pass

        def setup(self):
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's algorithm
            # and delayed ACKs add 40 ms to every request.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self):
            self.do_GET()

        def do_GET(self):
            parts = urlsplit(self.path)
            path = parts.path
            query = parse_qs(parts.query)
            auth = self._auth()
            goteo.requests.append((self.command, path, auth or ""))
            if path == "/v1/login":
                if auth != "basic":
                    return self._error(401, "Resource requires authorization")
                token = secrets.token_urlsafe(24)
                with goteo.lock:
                    goteo.tokens[token] = time.monotonic() + goteo.token_seconds
                body = _load("login.json")
                body.update(access_token=token, expires_in=int(goteo.token_seconds))
                return self._json(200, body)
            if self.command != "GET":
                return self._error(405, "Method not allowed")
            fault = goteo._take_fault(path)
            if fault == "expire_token":  # the token's 10 minutes ran out mid-sync
                goteo.expire_tokens()
                auth = self._auth()
            if auth is None:
                return self._error(401, "Resource requires authorization")
            if fault == "server_error":
                return self._error(500, "Internal server error")
            if fault == "garbage":
                return self._raw(200, b"<html>maintenance</html>")
            try:
                page = int(query.get("page", ["0"])[0])
                limit = min(50, max(1, int(query.get("limit", ["10"])[0])))
            except ValueError:
                return self._error(400, "Invalid parameters format")
            data = goteo.data
            if path == "/v1/projects/":
                wanted = query.get("project")
                items = [
                    self._summary(p)
                    for p in data.projects.values()
                    if not wanted or p["id"] in wanted
                ]
                return self._page(items, page, limit, fault)
            if path == "/v1/invests/":
                wanted = query.get("project")
                valid = ("pending", "charged", "paid", "returned", "pool-returned", "processing")
                items = [
                    i
                    for i in data.invests
                    if i["status"] in valid and (not wanted or i["project"] in wanted)
                ]
                return self._page(items, page, limit, fault)
            segments = [unquote(s) for s in path.split("/")]
            if len(segments) >= 4 and segments[1:3] == ["v1", "projects"]:
                project = data.projects.get(segments[3])
                if project is None:
                    return self._error(404, "Resource not found")
                if len(segments) == 4:
                    detail = copy.deepcopy(project)
                    if fault == "negative":
                        detail["amount"] = -10.0
                    return self._json(200, detail)
                if segments[4:] in (["donors", ""], ["donors"]):
                    total = data.donors[project["id"]]
                    return self._json(
                        200,
                        {
                            "id": project["id"],
                            "items": [],
                            "meta": {"limit": limit, "page": page, "total": total},
                        },
                    )
            return self._error(404, "Resource not found")

        def _summary(self, detail: dict) -> dict:
            keys = _load("projects.json")["items"][0].keys()
            return {k: detail.get(k) for k in keys}

        def _page(self, items: list, page: int, limit: int, fault: str | None):
            shown = max(0, page - 1) if fault == "repeat_page" else page
            chunk = items[shown * limit : (shown + 1) * limit]
            if fault == "string_amount" and chunk:
                chunk = copy.deepcopy(chunk)
                chunk[0]["amount"] = str(chunk[0]["amount"])
            if fault == "duplicate_on_page" and chunk:
                chunk = [*chunk, chunk[0]][:limit] if len(chunk) > 1 else [chunk[0], chunk[0]]
            self._json(
                200,
                {
                    "items": chunk,
                    "meta": {"lang": ["en"], "limit": limit, "page": page, "total": len(items)},
                    "time-elapsed": 0.01,
                },
            )

        def _auth(self) -> str | None:
            header = self.headers.get("Authorization", "")
            if header.startswith("Basic "):
                try:
                    user, _, key = base64.b64decode(header[6:]).decode().partition(":")
                except ValueError:
                    return None
                return "basic" if goteo.users.get(user) == key else None
            if header.startswith("Bearer "):
                with goteo.lock:
                    expiry = goteo.tokens.get(header[7:])
                return "bearer" if expiry and expiry > time.monotonic() else None
            return None

        def _error(self, status: int, message: str):
            self._json(status, {"message": message, "error": status})

        def _json(self, status: int, body) -> None:
            self._raw(status, json.dumps(body).encode())

        def _raw(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler
