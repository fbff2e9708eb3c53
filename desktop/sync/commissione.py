"""Adapter for the Commissione platform API (resources/api/commissione-platform.openapi.json).

Incremental: each listing (/campaigns, /donations) is read from the newest
`updated_at` seen last time (inclusive, so items are deduplicated by id), page by
page with the server's cursors; the first page is asked with If-None-Match and a
304 means nothing changed. Every item is validated strictly — types, decimal
strings with two decimals, statuses, timestamps with a time zone, amounts ≥ 0 — and
a page that repeats (same cursor or same items) is refused. The first problem
rejects the whole sync: nothing of it is written. So does an item listed twice on
one page, a text with a control character (a NUL, an ANSI escape), and more items
in all than MAX_SYNC_ITEMS (a server that pages forever).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from desktop.sync import (
    CAMPAIGN_STATUSES,
    DONATION_STATUSES,
    MAX_SYNC_ITEMS,
    AuthProblem,
    PayloadProblem,
    RemoteCampaign,
    RemoteDonation,
    TooLargeProblem,
    control_character,
    count_it,
)
from desktop.sync.http import HttpClient, escape_character
from desktop.sync.http import excerpt as _excerpt

CAMPAIGN_PAGE = 500
DONATION_PAGE = 1000
MAX_PAGES = 100_000  # a server that never stops paging is broken, not big
MAX_ID_LENGTH = 100
MAX_PAGE_URL_LENGTH = 2000

_AMOUNT = re.compile(r"(0|[1-9][0-9]{0,12})\.[0-9]{2}")
_UTC = dt.UTC


@dataclass
class Listing:
    """One listing read to its end: the newest version of each item by id."""

    items: dict[str, object] = field(default_factory=dict)
    etag: str = ""  # of the first page, for If-None-Match next time
    watermark: str = ""  # newest updated_at seen, as the server wrote it
    not_modified: bool = False
    pages: int = 0


@dataclass
class Fetched:
    campaigns: dict[str, RemoteCampaign]
    donations: dict[str, RemoteDonation]
    state: dict  # what to ask from next time (stored in SyncState.cursor/etag)
    # Campaigns whose every donation was fetched now (None: incremental, the rest is stored).
    donations_complete_for: set[str] | None = None
    # Whether the server's raised must equal the sum of the confirmed donations.
    totals_enforced: bool = True
    new_items: int = 0


class CommissioneAdapter:
    platform = "commissione"

    def __init__(self, http: HttpClient, credential):
        self.http = http
        http.set_bearer(credential.secret)
        self.items_read = 0  # in this sync, all listings and rounds: bounded

    def check_credential(self) -> None:
        response = self.http.get("campaigns", params={"limit": 1})
        self._fail_for_status(response)

    def fetch(self, state: dict) -> Fetched:
        """Everything changed since `state` (empty: everything)."""
        campaigns = self.listing(
            "campaigns",
            state.get("campaigns_since", ""),
            state.get("campaigns_etag", ""),
            CAMPAIGN_PAGE,
            parse_campaign,
        )
        donations = self.listing(
            "donations",
            state.get("donations_since", ""),
            state.get("donations_etag", ""),
            DONATION_PAGE,
            parse_donation,
        )
        new_state = {
            "campaigns_since": campaigns.watermark,
            "campaigns_etag": campaigns.etag,
            "donations_since": donations.watermark,
            "donations_etag": donations.etag,
        }
        newer = _strictly_newer(campaigns, state.get("campaigns_since", "")) + _strictly_newer(
            donations, state.get("donations_since", "")
        )
        return Fetched(campaigns.items, donations.items, new_state, None, True, newer)

    def listing(self, path: str, since: str, etag: str, limit: int, parse) -> Listing:
        what = f"/{path}"
        listing = Listing(watermark=since)
        params: dict[str, object] = {"limit": limit}
        if since:
            params["updated_since"] = since
        headers = {"If-None-Match": etag} if etag else {}
        newest: dt.datetime | None = None
        used_cursors: set[str] = set()
        previous_ids: list[tuple[str, ...]] = []
        while True:
            listing.pages += 1
            if listing.pages > MAX_PAGES:
                raise _problem(
                    what,
                    listing.pages,
                    "il server non smette di paginare",
                    "the server never stops paging",
                )
            response = self.http.get(path, params=params, headers=headers)
            if response.status_code == 304:
                if listing.pages == 1 and etag:
                    listing.not_modified, listing.etag = True, etag
                    return listing
                raise _problem(
                    what, listing.pages, "risposta 304 non richiesta", "unrequested 304 reply"
                )
            self._fail_for_status(response)
            if response.status_code != 200:
                raise _problem(
                    what,
                    listing.pages,
                    f"stato HTTP {response.status_code} inatteso",
                    f"unexpected HTTP status {response.status_code}",
                )
            if listing.pages == 1:
                listing.etag = response.headers.get("ETag", "")[:500]
            body = self.http.json(response, what)
            items, next_cursor = _envelope(body, what, listing.pages)
            self._count(len(items), what, listing.pages)
            ids = []
            on_page: set[str] = set()
            for index, raw in enumerate(items):
                try:
                    record, updated_at, raw_updated = parse(raw)
                    if record.external_id in on_page:
                        raise _Invalid(
                            "id",
                            "compare due volte nella stessa pagina (ogni elemento va elencato "
                            "una volta sola): segnalarlo al gestore della piattaforma",
                            "appears twice on the same page (each item must be listed once): "
                            "report it to the platform's operator",
                        )
                except _Invalid as invalid:
                    raise _item_problem(
                        what, listing.pages, index, raw, invalid, self.http
                    ) from None
                key = record.external_id
                on_page.add(key)
                ids.append(key)
                known = listing.items.get(key)
                if known is not None:
                    _check_same_owner(known, record, what, listing.pages)
                    if updated_at <= known.remote_updated_at:
                        continue
                listing.items[key] = record
                if newest is None or updated_at > newest:
                    newest, listing.watermark = updated_at, raw_updated
            page_ids = tuple(ids)
            if page_ids and page_ids in previous_ids:
                raise _problem(
                    what,
                    listing.pages,
                    "la pagina ripete una pagina precedente (stessi elementi)",
                    "the page repeats an earlier page (same items)",
                )
            previous_ids.append(page_ids)
            if next_cursor is None:
                return listing
            if next_cursor in used_cursors:
                raise _problem(
                    what,
                    listing.pages,
                    "il cursore della pagina seguente è già stato usato (pagina ripetuta)",
                    "the next page's cursor was already used (repeated page)",
                )
            used_cursors.add(next_cursor)
            params = {"limit": limit, "cursor": next_cursor}
            if since:
                params["updated_since"] = since
            headers = {}

    def _count(self, items: int, what: str, page: int) -> None:
        self.items_read += items
        if self.items_read > MAX_SYNC_ITEMS:
            raise TooLargeProblem(
                f"dati rifiutati da {what}, pagina {page}: troppi elementi (oltre "
                f"{count_it(MAX_SYNC_ITEMS)} in una sincronizzazione, il limite): il server non "
                "smette di elencarne; segnalarlo al gestore della piattaforma; i dati locali "
                "non sono cambiati",
                f"data rejected from {what}, page {page}: too many items (over "
                f"{MAX_SYNC_ITEMS:,} in one sync, the limit): the server keeps listing more; "
                "report it to the platform's operator; local data is unchanged",
            )

    def _fail_for_status(self, response) -> None:
        if response.status_code == 401:
            code, _ = self.http.error_body(response)
            if code == "token_expired":
                raise AuthProblem(
                    f"{self.http.host}: il token di accesso è scaduto; impostarne uno nuovo con "
                    f"'commissione credentials set {self.http.base_url}'",
                    f"{self.http.host}: the access token has expired; set a new one with "
                    f"'commissione credentials set {self.http.base_url}'",
                )
        self.http.fail_for_status(response)


# --- validation ---------------------------------------------------------------------


class _Invalid(Exception):
    def __init__(self, field_name: str, it: str, en: str):
        super().__init__(field_name)
        self.field, self.it, self.en = field_name, it, en


def parse_campaign(raw) -> tuple[RemoteCampaign, dt.datetime, str]:
    if type(raw) is not dict:
        raise _Invalid("", "non è un oggetto JSON", "not a JSON object")
    external_id = _identifier(raw, "id")
    code = raw.get("application_code", _MISSING)
    if code is None:
        code = ""
    elif type(code) is not str:
        _fail_type(raw, "application_code", "testo", "a string")
    elif len(code) > MAX_ID_LENGTH:
        raise _Invalid("application_code", "troppo lungo", "too long")
    else:
        refuse_control_characters("application_code", code)
    title = _text(raw, "title", 2000)
    status = raw.get("status", _MISSING)
    if status not in CAMPAIGN_STATUSES:
        _fail_choice(raw, "status", CAMPAIGN_STATUSES)
    donors = raw.get("donors", _MISSING)
    if type(donors) is not int:
        _fail_type(raw, "donors", "un numero intero", "an integer")
    if donors < 0 or donors > 10**9:
        raise _Invalid(
            "donors", f"valore {donors} fuori intervallo", f"value {donors} out of range"
        )
    raw_updated = raw.get("updated_at", _MISSING)
    updated_at = _timestamp(raw, "updated_at")
    opens_at = _timestamp(raw, "opens_at", nullable=True)
    closes_at = _timestamp(raw, "closes_at", nullable=True)
    if opens_at and closes_at and closes_at < opens_at:
        raise _Invalid("closes_at", "la chiusura precede l'apertura", "closing precedes opening")
    campaign = RemoteCampaign(
        external_id=external_id,
        application_code=code.strip(),
        title=title,
        status=status,
        target_cents=_cents(raw, "target"),
        raised_cents=_cents(raw, "raised"),
        donors=donors,
        opens_at=opens_at,
        closes_at=closes_at,
        remote_updated_at=updated_at,
        page_url=page_url(raw, "page_url"),
    )
    return campaign, updated_at, raw_updated


def parse_donation(raw) -> tuple[RemoteDonation, dt.datetime, str]:
    """One donation, validated. A first sync reads 200,000 of them: the common,
    valid shape takes a fast path; anything else goes through the careful checks,
    which accept what is valid in another form and name what is wrong."""
    try:
        external_id, campaign_id, donor = raw["id"], raw["campaign_id"], raw["donor_id"]
        amount, status = raw["amount"], raw["status"]
        donated, updated = raw["donated_at"], raw["updated_at"]
        if (
            type(external_id) is str
            and type(campaign_id) is str
            and type(donor) is str
            and type(amount) is str
            and type(donated) is str
            and type(updated) is str
            and status in DONATION_STATUSES
            and 0 < len(external_id) <= MAX_ID_LENGTH
            and 0 < len(campaign_id) <= MAX_ID_LENGTH
            and donor
            and external_id.isprintable()
            and campaign_id.isprintable()
            and donated[-1:] == "Z"
            and updated[-1:] == "Z"
            and "T" in donated
            and "T" in updated
            and _AMOUNT.fullmatch(amount) is not None
        ):
            # "…Z" is UTC: parsed without it, the result is already naive UTC.
            donated_at = _FROM_ISO(donated[:-1])
            updated_at = _FROM_ISO(updated[:-1])
            if donated_at.tzinfo is None and updated_at.tzinfo is None:
                cents = int(amount[:-3]) * 100 + int(amount[-2:])
                donation = RemoteDonation(
                    external_id, campaign_id, cents, donated_at, status, updated_at
                )
                return donation, updated_at, updated
    except (KeyError, TypeError, ValueError):
        pass
    return _parse_donation_carefully(raw)


_FROM_ISO = dt.datetime.fromisoformat


def _parse_donation_carefully(raw) -> tuple[RemoteDonation, dt.datetime, str]:
    if type(raw) is not dict:
        raise _Invalid("", "non è un oggetto JSON", "not a JSON object")
    external_id = _identifier(raw, "id")
    campaign_id = _identifier(raw, "campaign_id")
    donor = raw.get("donor_id", _MISSING)
    if type(donor) is not str or not donor:
        _fail_type(raw, "donor_id", "un identificativo (testo)", "an identifier (string)")
    status = raw.get("status", _MISSING)
    if status not in DONATION_STATUSES:
        _fail_choice(raw, "status", DONATION_STATUSES)
    raw_updated = raw.get("updated_at", _MISSING)
    updated_at = _timestamp(raw, "updated_at")
    donation = RemoteDonation(
        external_id=external_id,
        campaign_external_id=campaign_id,
        amount_cents=_cents(raw, "amount"),
        donated_at=_timestamp(raw, "donated_at"),
        status=status,
        remote_updated_at=updated_at,
    )
    return donation, updated_at, raw_updated


_MISSING = object()


def _identifier(raw: dict, name: str) -> str:
    value = raw.get(name, _MISSING)
    if type(value) is not str or not value:
        _fail_type(
            raw, name, "un identificativo (testo non vuoto)", "an identifier (non-empty string)"
        )
    if len(value) > MAX_ID_LENGTH or not value.isprintable():
        raise _Invalid(
            name,
            "identificativo troppo lungo o con caratteri di controllo",
            "identifier too long or with control characters",
        )
    return value


def _text(raw: dict, name: str, limit: int) -> str:
    value = raw.get(name, _MISSING)
    if value is None:
        return ""
    if type(value) is not str:
        _fail_type(raw, name, "testo", "a string")
    if len(value) > limit:
        raise _Invalid(name, f"più lungo di {limit} caratteri", f"longer than {limit} characters")
    refuse_control_characters(name, value)
    return value


def page_url(raw: dict, name: str, invalid=None) -> str:
    """The campaign's public page, `raw[name]`: absent, null or "" give "" (no page);
    anything else must be an absolute http:// or https:// address with a host, at
    most MAX_PAGE_URL_LENGTH characters, without spaces, control characters or a
    user name — it is published and put in letters as a link, so a javascript: or
    data: address, a relative path or a mangled one is refused (`invalid`, this
    module's _Invalid by default), never stored."""
    invalid = invalid or _Invalid
    value = raw.get(name)
    if value is None or value == "":
        return ""
    if type(value) is not str:
        shown = _excerpt(repr(value))
        raise invalid(
            name,
            f"deve essere un indirizzo web (testo), trovato {shown}",
            f"must be a web address (a string), found {shown}",
        )
    if len(value) > MAX_PAGE_URL_LENGTH:
        raise invalid(
            name,
            f"più lungo di {MAX_PAGE_URL_LENGTH} caratteri",
            f"longer than {MAX_PAGE_URL_LENGTH} characters",
        )
    refuse_control_characters(name, value, invalid)
    shown = _excerpt(value)
    if any(character.isspace() for character in value):
        raise invalid(
            name,
            f"l'indirizzo «{shown}» contiene spazi: il dato va corretto sul server, "
            "segnalarlo al gestore della piattaforma",
            f"the address “{shown}” contains spaces: the value must be corrected on the "
            "server, report it to the platform's operator",
        )
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not one
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise invalid(
            name,
            f"«{shown}» non è un indirizzo web assoluto (serve «https://» o «http://» e un "
            "host): il dato va corretto sul server, segnalarlo al gestore della piattaforma",
            f"“{shown}” is not an absolute web address (it needs “https://” or “http://” and "
            "a host): the value must be corrected on the server, report it to the platform's "
            "operator",
        )
    if parts.username is not None or parts.password is not None:
        raise invalid(
            name,
            "l'indirizzo contiene un nome utente o una password (non mostrati): il dato va "
            "corretto sul server, segnalarlo al gestore della piattaforma",
            "the address carries a user name or a password (not shown): the value must be "
            "corrected on the server, report it to the platform's operator",
        )
    return value


def refuse_control_characters(name: str, value: str, invalid=None) -> None:
    """Raises `invalid` (this module's _Invalid by default) naming the first control
    character of `value`, shown escaped with a short excerpt around it."""
    position = control_character(value)
    if position is None:
        return
    start = max(0, position - 20)
    shown = ("…" if start else "") + _excerpt(value[start:], 60)
    character = escape_character(value[position])
    raise (invalid or _Invalid)(
        name,
        f"carattere di controllo {character} alla posizione {position + 1} («{shown}»): il "
        "dato va corretto sul server, segnalarlo al gestore della piattaforma",
        f"control character {character} at position {position + 1} (“{shown}”): the value "
        "must be corrected on the server, report it to the platform's operator",
    )


def _cents(raw: dict, name: str) -> int:
    value = raw.get(name, _MISSING)
    if type(value) is not str:
        _fail_type(
            raw,
            name,
            "un importo come testo decimale (es. «25.00»)",
            "an amount as a decimal string (e.g. “25.00”)",
        )
    if _AMOUNT.fullmatch(value) is None:
        if value.startswith("-"):
            raise _Invalid(name, f"importo negativo «{value}»", f"negative amount “{value}”")
        raise _Invalid(
            name,
            f"importo «{_excerpt(value)}» non nel formato «1234.56» (due decimali, punto)",
            f"amount “{_excerpt(value)}” not in the form “1234.56” (two decimals, a point)",
        )
    return int(value[:-3]) * 100 + int(value[-2:])


def _timestamp(raw: dict, name: str, nullable: bool = False) -> dt.datetime | None:
    value = raw.get(name, _MISSING)
    if value is None and nullable:
        return None
    if type(value) is not str:
        _fail_type(raw, name, "una data e ora ISO 8601", "an ISO 8601 date and time")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or "T" not in value:
        raise _Invalid(
            name,
            f"«{_excerpt(value)}» non è una data e ora ISO 8601",
            f"“{_excerpt(value)}” is not an ISO 8601 date and time",
        )
    offset = parsed.utcoffset()
    if offset is None:
        raise _Invalid(
            name, f"«{_excerpt(value)}» senza fuso orario", f"“{_excerpt(value)}” has no time zone"
        )
    if offset:
        parsed = parsed.astimezone(_UTC)
    return parsed.replace(tzinfo=None)


def _fail_type(raw: dict, name: str, it: str, en: str):
    value = raw.get(name, _MISSING)
    if value is _MISSING:
        raise _Invalid(name, "campo mancante", "field missing")
    shown = _excerpt(repr(value))
    raise _Invalid(name, f"deve essere {it}, trovato {shown}", f"must be {en}, found {shown}")


def _fail_choice(raw: dict, name: str, choices: tuple[str, ...]):
    value = raw.get(name, _MISSING)
    if value is _MISSING:
        raise _Invalid(name, "campo mancante", "field missing")
    allowed = ", ".join(choices)
    shown = _excerpt(repr(value))
    raise _Invalid(
        name,
        f"valore {shown} non ammesso (ammessi: {allowed})",
        f"value {shown} not allowed (allowed: {allowed})",
    )


def _envelope(body, what: str, page: int) -> tuple[list, str | None]:
    if type(body) is not dict:
        raise _problem(
            what, page, "la risposta non è un oggetto JSON", "the reply is not a JSON object"
        )
    items = body.get("items")
    if type(items) is not list:
        raise _problem(what, page, "manca l'elenco «items»", "the “items” list is missing")
    next_cursor = body.get("next_cursor", _MISSING)
    if next_cursor is _MISSING or (
        next_cursor is not None and (type(next_cursor) is not str or not next_cursor)
    ):
        raise _problem(
            what, page, "«next_cursor» mancante o non valido", "“next_cursor” missing or invalid"
        )
    try:
        _timestamp(body, "server_time")
    except _Invalid as invalid:
        raise _problem(
            what, page, f"«server_time»: {invalid.it}", f"“server_time”: {invalid.en}"
        ) from None
    return items, next_cursor


def _check_same_owner(known, record, what: str, page: int) -> None:
    if (
        isinstance(record, RemoteDonation)
        and known.campaign_external_id != record.campaign_external_id
    ):
        raise _problem(
            what,
            page,
            f"la donazione «{record.external_id}» compare per due campagne diverse "
            f"({known.campaign_external_id}, {record.campaign_external_id})",
            f"donation “{record.external_id}” appears under two different campaigns "
            f"({known.campaign_external_id}, {record.campaign_external_id})",
        )


def _strictly_newer(listing: Listing, since: str) -> int:
    if not since:
        return len(listing.items)
    try:
        floor = dt.datetime.fromisoformat(since).astimezone(_UTC).replace(tzinfo=None)
    except ValueError:
        return len(listing.items)
    return sum(1 for item in listing.items.values() if item.remote_updated_at > floor)


def _problem(what: str, page: int, it: str, en: str) -> PayloadProblem:
    return PayloadProblem(
        f"dati rifiutati da {what}, pagina {page}: {it}; i dati locali non sono cambiati",
        f"data rejected from {what}, page {page}: {en}; local data is unchanged",
    )


def _item_problem(
    what: str, page: int, index: int, raw, invalid: _Invalid, http: HttpClient
) -> PayloadProblem:
    ident = raw.get("id") if type(raw) is dict else None
    named_it = f" (id «{http.scrub(_excerpt(ident))}»)" if type(ident) is str else ""
    named_en = f" (id “{http.scrub(_excerpt(ident))}”)" if type(ident) is str else ""
    field_it = f", campo «{invalid.field}»" if invalid.field else ""
    field_en = f", field “{invalid.field}”" if invalid.field else ""
    return PayloadProblem(
        f"dati rifiutati da {what}, pagina {page}, elemento {index + 1}{named_it}{field_it}: "
        f"{http.scrub(invalid.it)}; i dati locali non sono cambiati",
        f"data rejected from {what}, page {page}, item {index + 1}{named_en}{field_en}: "
        f"{http.scrub(invalid.en)}; local data is unchanged",
    )
