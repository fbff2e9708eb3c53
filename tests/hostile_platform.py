"""A hostile Commissione platform server on 127.0.0.1 for the sync's tests: real HTTP
over a real socket, misbehaving on purpose in one chosen way.

    with HostilePlatform("trickle_headers") as server:
        server.url  # http://127.0.0.1:PORT/api/v1

Cases (`server.case` can be changed while it runs, e.g. "good" first):

- good: one campaign (c-0, 10.00 raised) and its one donation: a sync succeeds;
  `server.campaign_changes` (a dict) is laid over that campaign, e.g. a page_url.
- trickle_headers: the status line, then a header one byte per `interval` seconds, forever.
- trickle_body: headers promising 1 MB, then the body one byte per `interval` seconds.
- endless_chunked: a chunked body of JSON-looking filler that never ends.
- huge_length: Content-Length 1 GiB, then filler as fast as the client takes it.
- endless_pages: the campaign listing is fine; the donation listing never ends,
  each page `limit` new donations with a new cursor.
- nul_title: a campaign whose title holds a NUL (and an ANSI escape).
- duplicate_ids: one page listing campaign c-9 twice, with different titles.
- unavailable: 503 to everything.

Handlers stop writing when the client goes away or the server stops.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SERVER_TIME = "2026-04-20T09:00:00Z"
GOOD_CAMPAIGN = {
    "id": "c-0",
    "application_code": "HX-00001",
    "title": "Orto condiviso",
    "status": "open",
    "target": "100.00",
    "raised": "10.00",
    "donors": 1,
    "opens_at": "2026-04-01T09:00:00Z",
    "closes_at": "2026-05-01T09:00:00Z",
    "updated_at": "2026-04-10T09:00:00Z",
}
GOOD_DONATION = {
    "id": "d-0",
    "campaign_id": "c-0",
    "donor_id": "p-0",
    "amount": "10.00",
    "status": "confirmed",
    "donated_at": "2026-04-10T09:00:00Z",
    "updated_at": "2026-04-10T09:00:00Z",
}
# One page of the endless listing: only the ids change (the server must keep up).
_DONATION = (
    '{"id":"e-%d","campaign_id":"c-0","donor_id":"p-%d","amount":"5.00",'
    '"status":"confirmed","donated_at":"2026-04-11T09:00:00Z",'
    '"updated_at":"2026-04-11T09:00:00Z"}'
)


def campaign(**changes) -> dict:
    return {**GOOD_CAMPAIGN, **changes}


class HostilePlatform:
    def __init__(self, case: str = "good", interval: float = 1.0):
        self.case = case
        self.interval = interval
        self.campaign_changes: dict = {}
        self.requests: list[str] = []
        self.bytes_sent = 0
        self.stopping = threading.Event()
        platform = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                platform.requests.append(self.path)
                try:
                    platform.answer(self)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
                    self.close_connection = True

            do_POST = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def __enter__(self) -> HostilePlatform:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    # --- answers ------------------------------------------------------------------------

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        listing = parts.path.rstrip("/").rsplit("/", 1)[-1]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        case = self.case
        if case == "trickle_headers":
            self._write(handler, b"HTTP/1.1 200 OK\r\nX-Padding: ")
            self._trickle(handler, b"a")
        elif case == "trickle_body":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            self._write(handler, head + b"Content-Length: 1000000\r\n\r\n")
            self._trickle(handler, b" ")
        elif case == "endless_chunked":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            self._write(handler, head + b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b'{"items": [' + b"0, " * 21000
            framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            while not self.stopping.is_set():
                self._write(handler, framed)
        elif case == "huge_length":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            self._write(handler, head + f"Content-Length: {2**30}\r\n\r\n".encode())
            filler = b'{"items": [' + b"0, " * 21000
            sent = 0
            while sent < 2**30 and not self.stopping.is_set():
                self._write(handler, filler)
                sent += len(filler)
        elif case == "unavailable":
            self._json(handler, {"error": {"code": "unavailable", "message": "down"}}, 503)
        elif listing == "campaigns":
            self._json(handler, self._page(self._campaigns(case)))
        elif listing == "donations":
            if case == "endless_pages":
                self._endless_page(handler, query)
            elif case == "good":
                self._json(handler, self._page([GOOD_DONATION]))
            else:
                self._json(handler, self._page([]))
        else:
            self._json(handler, {"error": {"code": "not_found", "message": "no"}}, 404)

    def _campaigns(self, case: str) -> list[dict]:
        if case == "nul_title":
            return [campaign(raised="0.00", id="c-7", title="Orto\x00 condiviso \x1b[31mrosso")]
        if case == "duplicate_ids":
            return [
                campaign(raised="0.00", id="c-9", title="Prima"),
                campaign(raised="0.00", id="c-9", title="Seconda"),
            ]
        return [campaign(**self.campaign_changes)]

    def _page(self, items: list, next_cursor: str | None = None) -> dict:
        return {"items": items, "next_cursor": next_cursor, "server_time": SERVER_TIME}

    def _endless_page(self, handler, query: dict) -> None:
        page = int(query.get("cursor", "p0")[1:])
        limit = int(query.get("limit", "1000"))
        first = page * limit
        items = ",".join(_DONATION % (first + i, first + i) for i in range(limit))
        body = (
            f'{{"items":[{items}],"next_cursor":"p{page + 1}","server_time":"{SERVER_TIME}"}}'
        ).encode()
        self._send(handler, 200, body)

    def _json(self, handler, body: dict, status: int = 200) -> None:
        self._send(handler, status, json.dumps(body).encode())

    def _send(self, handler, status: int, body: bytes) -> None:
        head = (
            f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        self._write(handler, head + body)

    def _write(self, handler, data: bytes) -> None:
        handler.wfile.write(data)
        self.bytes_sent += len(data)

    def _trickle(self, handler, byte: bytes) -> None:
        while not self.stopping.wait(self.interval):
            self._write(handler, byte)
        handler.close_connection = True
