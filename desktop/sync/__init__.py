"""Syncing campaigns from a crowdfunding platform's server.

http.py talks HTTP (retries, backoff, TLS), credentials.py keeps the secrets in
the OS keyring, commissione.py and goteo.py turn each platform's payloads into
the records below (validating every item), service.py writes them in one
transaction. This module holds what they share: the records and the problems.

Times in the records are naive UTC, as they are stored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from desktop.domain.problems import Problem, TemporaryProblem

PLATFORMS = ("commissione", "goteo")
CAMPAIGN_STATUSES = ("scheduled", "open", "succeeded", "failed", "cancelled")
DONATION_STATUSES = ("confirmed", "refunded", "cancelled")
# Items (campaigns and donations, as listed, repeats included) one sync reads at
# most. The largest call planned for has 1,000 campaigns and 200,000 donations
# (bench_sync); 500,000 is two and a half times that, and at some 450 bytes each in
# memory keeps a sync under about 300 MB. A server listing more is paging forever.
MAX_SYNC_ITEMS = 500_000


# NamedTuples: 200,000 donations are built per first sync, and these are the cheapest
# immutable records Python has.
class RemoteCampaign(NamedTuple):
    external_id: str
    application_code: str
    title: str
    status: str
    target_cents: int
    raised_cents: int
    donors: int
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    remote_updated_at: dt.datetime | None
    page_url: str = ""  # the campaign's public page on the platform, or ""


class RemoteDonation(NamedTuple):
    external_id: str
    campaign_external_id: str
    amount_cents: int
    donated_at: dt.datetime
    status: str
    remote_updated_at: dt.datetime | None


# Characters no text from a server may carry into the database: C0 and C1 controls
# but tab and line breaks (a NUL does not even fit in a PostgreSQL text column; an
# ANSI escape would drive the terminal that shows it) and lone surrogates (which no
# database driver can encode).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str) -> int | None:
    """The position of the first character `text` must not carry, or None."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def count_it(number: int) -> str:
    """500.000 (Italian thousands)."""
    return f"{number:,}".replace(",", ".")


class SyncProblem(Problem):
    """A sync could not complete; nothing was written. `it`/`en` say why and what to do.

    Messages never carry a secret: they are built from our own words, URLs without
    credentials and short excerpts of what the server sent."""

    kind = "failed"


class OfflineProblem(SyncProblem, TemporaryProblem):
    """The server could not be reached or kept failing (timeouts, 5xx, 429): trying
    again later may work."""

    kind = "offline"


class AuthProblem(SyncProblem):
    """The server refused the credential (401/403), or none is stored."""

    kind = "auth"


class MissingCredential(AuthProblem):
    kind = "no_credential"


class TlsProblem(SyncProblem):
    """The server's certificate is not trusted: retrying cannot help."""

    kind = "tls"


class PayloadProblem(SyncProblem):
    """The server answered with data we refuse: malformed, wrong types, inconsistent."""

    kind = "rejected"


class TooLargeProblem(PayloadProblem):
    """The server sent more than a sync can hold: one reply beyond its size limit, or
    more bytes or items in all than any real call has (a server fault)."""

    kind = "too_large"


class RequestProblem(SyncProblem):
    """The server refused our request (400, 404...): a bug or a wrong URL."""

    kind = "request"
