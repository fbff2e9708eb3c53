"""Syncing campaigns from a crowdfunding platform's server.

http.py talks HTTP (retries, backoff, TLS), credentials.py keeps the secrets in
the OS keyring, commissione.py and goteo.py turn each platform's payloads into
the records below (validating every item), service.py writes them in one
transaction. This module holds what they share: the records and the problems.

Times in the records are naive UTC, as they are stored.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from desktop.domain.problems import Problem, TemporaryProblem

PLATFORMS = ("commissione", "goteo")
CAMPAIGN_STATUSES = ("scheduled", "open", "succeeded", "failed", "cancelled")
DONATION_STATUSES = ("confirmed", "refunded", "cancelled")


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


class RemoteDonation(NamedTuple):
    external_id: str
    campaign_external_id: str
    amount_cents: int
    donated_at: dt.datetime
    status: str
    remote_updated_at: dt.datetime | None


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


class RequestProblem(SyncProblem):
    """The server refused our request (400, 404...): a bug or a wrong URL."""

    kind = "request"
