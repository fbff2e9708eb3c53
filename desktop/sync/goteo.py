"""Adapter for Goteo's public API v1 (/work/shared/fixtures/goteo-api/swagger_specs.json).

Goteo is an open-source civic crowdfunding platform with match-funding; its API
maps onto campaigns and donations like this:

- projects → campaigns: `minimum` is the target, `amount` what was raised, `status`
  (editing/reviewing → scheduled, in_campaign → open, funded/fulfilled →
  succeeded, unfunded → failed, rejected → cancelled), `date-published` the
  opening; the closing is `date-closed`, else `date-succeeded`, else Goteo's two
  40-day rounds after publication; `project-url` is the campaign's public page
  (absolute http(s) only). The detail (`/projects/{id}`) carries the dates,
  `/projects/{id}/donors/` the number of donors (its `meta.total`).
- invests → donations: `amount`, `date-created`, `project`, `status` (charged,
  paid, pending → confirmed; returned, pool-returned → refunded; cancelled,
  relocated → cancelled; processing — the payment never reached the gateway — is
  not a donation). Goteo's listing leaves cancelled invests out, so an invest that
  vanishes from a project's complete listing is recorded as cancelled.
- Lists are `{items, meta: {limit, page, total}}`, pages counted from 0, at most 50
  items; dates are RFC 2822; amounts are JSON numbers, read as exact decimals.
- Auth: with a user name, the password (API key) goes by HTTP Basic to `GET /login`
  (the published spec's method) for a bearer token; an expired token (401) is
  renewed once by logging in again. Without a user name the secret is used as a
  bearer token directly.

Goteo has no "changed since" filter, so every sync reads the projects and their
invests in full; the write stays idempotent. The base URL's query string, if any
(e.g. `https://api.goteo.org/v1?call=crowdfunding-milano`), filters the projects
listed — a matchfunding call is how a city's call lives on Goteo. Goteo has no
application codes: campaigns are linked to applications by hand (`commissione link`).
The server's `amount` is not checked against the invests (match-funding drops and
currency conversions make them differ on real data).
"""

from __future__ import annotations

import datetime as dt
import email.utils
from decimal import Decimal
from urllib.parse import parse_qsl, quote, urlsplit

from desktop.sync import (
    MAX_SYNC_ITEMS,
    AuthProblem,
    PayloadProblem,
    RemoteCampaign,
    RemoteDonation,
    TooLargeProblem,
    count_it,
)
from desktop.sync.commissione import Fetched, page_url, refuse_control_characters
from desktop.sync.http import HttpClient, Secret
from desktop.sync.http import excerpt as _excerpt

PAGE = 50  # Goteo's maximum
PROJECTS_PER_INVEST_QUERY = 10
MAX_PAGES = 20_000
CAMPAIGN_DAYS = 80  # two 40-day rounds

PROJECT_STATUS = {
    "rejected": "cancelled",
    "editing": "scheduled",
    "reviewing": "scheduled",
    "in_campaign": "open",
    "funded": "succeeded",
    "fulfilled": "succeeded",
    "unfunded": "failed",
}
INVEST_STATUS = {
    "charged": "confirmed",
    "paid": "confirmed",
    "pending": "confirmed",
    "returned": "refunded",
    "pool-returned": "refunded",
    "cancelled": "cancelled",
    "relocated": "cancelled",
    "processing": None,
}


class GoteoAdapter:
    platform = "goteo"

    def __init__(self, http: HttpClient, credential):
        self.http = http
        self.user = credential.user
        self.secret: Secret = credential.secret
        self.filters = parse_qsl(urlsplit(http.base_url).query)
        self._token_ready = False
        self.items_read = 0  # in this sync, all listings: bounded
        if not self.user:
            http.set_bearer(self.secret)
            self._token_ready = True

    # --- auth ---------------------------------------------------------------------

    def login(self) -> None:
        self.http.set_basic(self.user, self.secret)
        response = self.http.get("login")
        if response.status_code in (401, 403):
            raise AuthProblem(
                f"{self.http.host}: utente o chiave API rifiutati al login; reimpostarli con "
                f"'commissione credentials set {self.http.base_url} --user NOME'",
                f"{self.http.host}: user or API key refused at login; set them again with "
                f"'commissione credentials set {self.http.base_url} --user NAME'",
            )
        self.http.fail_for_status(response)
        body = self.http.json(response, "/login")
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token.strip():
            raise PayloadProblem(
                f"{self.http.host}: la risposta di /login non contiene un token",
                f"{self.http.host}: the /login reply holds no token",
            )
        self.http.set_bearer(Secret(token.strip()))
        self._token_ready = True

    def check_credential(self) -> None:
        self._get("projects/", [("limit", 1)], "/projects/")

    def _get(self, path: str, params, what: str):
        if not self._token_ready:
            self.login()
        response = self.http.get(path, params=params)
        if response.status_code == 401 and self.user:
            # The token expired (Goteo's last 10 minutes): log in again, once.
            response.close()
            self.login()
            response = self.http.get(path, params=params)
        self.http.fail_for_status(response)
        return self.http.json(response, what)

    # --- fetching -------------------------------------------------------------------

    def fetch(self, state: dict) -> Fetched:
        listed = self._pages("projects/", list(self.filters), "/projects/")
        project_ids: list[str] = []
        for index, raw in enumerate(listed):
            ident = raw.get("id") if isinstance(raw, dict) else None
            if (
                not isinstance(ident, str)
                or not ident
                or len(ident) > 100
                or not ident.isprintable()
            ):
                raise _problem(
                    "/projects/",
                    index,
                    raw,
                    "id",
                    "identificativo mancante o non valido",
                    "missing or invalid identifier",
                )
            if ident not in project_ids:
                project_ids.append(ident)
        campaigns: dict[str, RemoteCampaign] = {}
        for ident in project_ids:
            path = f"projects/{quote(ident, safe='')}"
            detail = self._get(path, None, f"/{path}")
            donors = self._donors(ident)
            campaigns[ident] = parse_project(detail, donors, f"/{path}")
        donations: dict[str, RemoteDonation] = {}
        for start in range(0, len(project_ids), PROJECTS_PER_INVEST_QUERY):
            batch = project_ids[start : start + PROJECTS_PER_INVEST_QUERY]
            for index, raw in enumerate(
                self._pages("invests/", [("project", p) for p in batch], "/invests/")
            ):
                donation = parse_invest(raw, index)
                if donation is None:
                    continue
                if donation.campaign_external_id not in batch:
                    raise _problem(
                        "/invests/",
                        index,
                        raw,
                        "project",
                        "progetto non richiesto",
                        "project not asked for",
                    )
                known = donations.get(donation.external_id)
                if known is not None and known != donation:
                    raise _problem(
                        "/invests/",
                        index,
                        raw,
                        "id",
                        "contributo ripetuto con dati diversi",
                        "invest repeated with different data",
                    )
                donations[donation.external_id] = donation
        return Fetched(
            campaigns,
            donations,
            {},
            donations_complete_for=set(campaigns),
            totals_enforced=False,
            new_items=len(campaigns) + len(donations),
        )

    def _donors(self, ident: str) -> int:
        path = f"projects/{quote(ident, safe='')}/donors/"
        body = self._get(path, [("limit", 1)], f"/{path}")
        meta = body.get("meta") if isinstance(body, dict) else None
        total = meta.get("total") if isinstance(meta, dict) else None
        if type(total) is not int or total < 0:
            raise PayloadProblem(
                f"dati rifiutati da /{path}: «meta.total» mancante o non valido; i dati locali non sono cambiati",
                f"data rejected from /{path}: “meta.total” missing or invalid; local data is unchanged",
            )
        return total

    def _pages(self, path: str, params: list, what: str) -> list:
        """Every item of a `{items, meta}` listing, page 0 onwards."""
        items: list = []
        seen_pages: set[tuple] = set()
        page = 0
        while True:
            body = self._get(path, [*params, ("page", page), ("limit", PAGE)], what)
            if not isinstance(body, dict) or not isinstance(body.get("items"), list):
                raise _listing_problem(
                    what, page, "manca l'elenco «items»", "the “items” list is missing"
                )
            meta = body.get("meta")
            if not isinstance(meta, dict):
                raise _listing_problem(what, page, "manca «meta»", "“meta” is missing")
            total, limit, got_page = meta.get("total"), meta.get("limit"), meta.get("page")
            if type(total) is not int or total < 0 or type(limit) is not int or limit < 1:
                raise _listing_problem(
                    what,
                    page,
                    "«meta» senza «total» o «limit» validi",
                    "“meta” without a valid “total” or “limit”",
                )
            if got_page is not None and got_page != page:
                raise _listing_problem(
                    what,
                    page,
                    f"il server ha risposto con la pagina {got_page!r}",
                    f"the server answered with page {got_page!r}",
                )
            page_items = body["items"]
            self.items_read += len(page_items)
            if self.items_read > MAX_SYNC_ITEMS:
                raise TooLargeProblem(
                    f"dati rifiutati da {what}, pagina {page}: troppi elementi (oltre "
                    f"{count_it(MAX_SYNC_ITEMS)} in una sincronizzazione, il limite): il server "
                    "non smette di elencarne; segnalarlo al gestore della piattaforma; i dati "
                    "locali non sono cambiati",
                    f"data rejected from {what}, page {page}: too many items (over "
                    f"{MAX_SYNC_ITEMS:,} in one sync, the limit): the server keeps listing "
                    "more; report it to the platform's operator; local data is unchanged",
                )
            if len(page_items) > limit:
                raise _listing_problem(
                    what,
                    page,
                    "più elementi del limite della pagina",
                    "more items than the page limit",
                )
            key = tuple(repr(i.get("id")) if isinstance(i, dict) else repr(i) for i in page_items)
            if len(set(key)) < len(key):
                twice = next(k for k in key if key.count(k) > 1)
                raise _listing_problem(
                    what,
                    page,
                    f"l'elemento con id {_excerpt(twice)} compare due volte nella stessa pagina "
                    "(ogni elemento va elencato una volta sola): segnalarlo al gestore della "
                    "piattaforma",
                    f"the item with id {_excerpt(twice)} appears twice on the same page (each "
                    "item must be listed once): report it to the platform's operator",
                )
            if page_items and key in seen_pages:
                raise _listing_problem(
                    what,
                    page,
                    "la pagina ripete una pagina precedente",
                    "the page repeats an earlier page",
                )
            seen_pages.add(key)
            items.extend(page_items)
            page += 1
            if not page_items or len(items) >= total or page * limit >= total:
                return items
            if page > MAX_PAGES:
                raise _listing_problem(
                    what, page, "il server non smette di paginare", "the server never stops paging"
                )


# --- parsing ---------------------------------------------------------------------------


class _Invalid(Exception):
    def __init__(self, field_name: str, it: str, en: str):
        super().__init__(field_name)
        self.field, self.it, self.en = field_name, it, en


def parse_project(raw, donors: int, what: str) -> RemoteCampaign:
    try:
        if not isinstance(raw, dict):
            raise _Invalid("", "non è un oggetto JSON", "not a JSON object")
        ident = raw.get("id")
        if not isinstance(ident, str) or not ident or len(ident) > 100 or not ident.isprintable():
            raise _Invalid(
                "id", "identificativo mancante o non valido", "missing or invalid identifier"
            )
        status = raw.get("status")
        if status not in PROJECT_STATUS:
            allowed = ", ".join(PROJECT_STATUS)
            raise _Invalid(
                "status",
                f"stato {status!r} sconosciuto (noti: {allowed})",
                f"unknown status {status!r} (known: {allowed})",
            )
        name = raw.get("name")
        if name is not None and not isinstance(name, str):
            raise _Invalid("name", "deve essere testo", "must be a string")
        refuse_control_characters("name", name or "", _Invalid)
        published = _rfc2822(raw, "date-published", nullable=True)
        closed = _rfc2822(raw, "date-closed", nullable=True)
        succeeded = _rfc2822(raw, "date-succeeded", nullable=True)
        _rfc2822(raw, "date-passed", nullable=True)
        updated = _rfc2822(raw, "date-updated", nullable=True)
        closes = closed or succeeded
        if closes is None and published is not None:
            closes = published + dt.timedelta(days=CAMPAIGN_DAYS)
        return RemoteCampaign(
            external_id=ident,
            application_code="",
            title=(name or "")[:2000],
            status=PROJECT_STATUS[status],
            target_cents=_cents(raw, "minimum"),
            raised_cents=_cents(raw, "amount"),
            donors=donors,
            opens_at=published,
            closes_at=closes,
            remote_updated_at=updated,
            page_url=page_url(raw, "project-url", _Invalid),
        )
    except _Invalid as invalid:
        raise _problem(what, 0, raw, invalid.field, invalid.it, invalid.en) from None


def parse_invest(raw, index: int) -> RemoteDonation | None:
    try:
        if not isinstance(raw, dict):
            raise _Invalid("", "non è un oggetto JSON", "not a JSON object")
        ident = raw.get("id")
        if type(ident) is not int and not (
            isinstance(ident, str) and ident and len(ident) <= 100 and ident.isprintable()
        ):
            raise _Invalid(
                "id", "identificativo mancante o non valido", "missing or invalid identifier"
            )
        project = raw.get("project")
        if not isinstance(project, str) or not project or not project.isprintable():
            raise _Invalid(
                "project", "progetto mancante o non valido", "missing or invalid project"
            )
        status = raw.get("status")
        if status not in INVEST_STATUS:
            allowed = ", ".join(INVEST_STATUS)
            raise _Invalid(
                "status",
                f"stato {status!r} sconosciuto (noti: {allowed})",
                f"unknown status {status!r} (known: {allowed})",
            )
        amount = _cents(raw, "amount")
        created = _rfc2822(raw, "date-created")
        updated = _rfc2822(raw, "date-updated", nullable=True)
    except _Invalid as invalid:
        raise _problem("/invests/", index, raw, invalid.field, invalid.it, invalid.en) from None
    mapped = INVEST_STATUS[status]
    if mapped is None:
        return None
    return RemoteDonation(str(ident), project, amount, created, mapped, updated)


def _cents(raw: dict, name: str) -> int:
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Invalid(
            name,
            f"deve essere un numero, trovato {_excerpt(repr(value))}",
            f"must be a number, found {_excerpt(repr(value))}",
        )
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise _Invalid(
            name, f"importo {value} negativo o non valido", f"amount {value} negative or invalid"
        )
    cents = value * 100
    if cents != cents.to_integral_value() or cents > 10**14:
        raise _Invalid(
            name,
            f"importo {value} con più di due decimali o fuori scala",
            f"amount {value} with more than two decimals or out of range",
        )
    return int(cents)


def _rfc2822(raw: dict, name: str, nullable: bool = False) -> dt.datetime | None:
    value = raw.get(name)
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise _Invalid(name, "data mancante o non testuale", "date missing or not a string")
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise _Invalid(
            name,
            f"«{_excerpt(value)}» non è una data RFC 2822",
            f"“{_excerpt(value)}” is not an RFC 2822 date",
        )
    if parsed.tzinfo is None:  # "-0000": UTC with no claim about local time
        return parsed
    return parsed.astimezone(dt.UTC).replace(tzinfo=None)


def _problem(what: str, index: int, raw, field_name: str, it: str, en: str) -> PayloadProblem:
    ident = raw.get("id") if isinstance(raw, dict) else None
    named = f" (id {_excerpt(repr(ident))})" if ident is not None else ""
    field_it = f", campo «{field_name}»" if field_name else ""
    field_en = f", field “{field_name}”" if field_name else ""
    return PayloadProblem(
        f"dati rifiutati da {what}, elemento {index + 1}{named}{field_it}: {it}; i dati locali non sono cambiati",
        f"data rejected from {what}, item {index + 1}{named}{field_en}: {en}; local data is unchanged",
    )


def _listing_problem(what: str, page: int, it: str, en: str) -> PayloadProblem:
    return PayloadProblem(
        f"dati rifiutati da {what}, pagina {page}: {it}; i dati locali non sono cambiati",
        f"data rejected from {what}, page {page}: {en}; local data is unchanged",
    )
