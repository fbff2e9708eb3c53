"""The publication of grants (art. 26-27 d.lgs. 33/2013) and the acts granting them.

**Grant acts** (`set_grant_act`, `load_grant_acts`): the act granting an
application's contribution (its number and date) and the RNA *COR* code of the
State-aid register, one GrantRecord per application, every change audited in the
same transaction.

**What is published** (`publish`): one row per beneficiary granted more than
1.000,00 € by the call in a calendar year.

- A grant is a campaign outcome recorded as reached (CampaignOutcome reached, grant
  above zero) linked to an application of the call; an application with two reached
  campaigns counts its grant once (the larger).
- Its **link to the project** is the public page of its campaign as the platform
  reports it (Campaign.page_url): of the reached campaigns, the one closed last that
  has a page; none, an empty cell. A beneficiary's rows join their projects' pages.
- Its **year** is the year of the grant act's date when the act is recorded
  (`publication grant CODE --act-date`): the publication is the act's, and its
  efficacy depends on it. Until the act is recorded, the year is the one the campaign
  closed in (Rome's calendar): the grant is due from then, and a publication made
  before the act exists says so in its note. Recording an act dated in another year
  moves the grant: a "revoked" row in the old year, a "new" one in the act's year.
- The **beneficiary** is the lead partner (capofila). Grants to one beneficiary in
  one year are summed: the same lead partner's tax code, else the same name.
- **Tax data**: only an 11-digit code is published (a partita IVA, or the numeric
  codice fiscale of an entity). A 16-character codice fiscale is a natural person's
  and is never published (Garante, guidelines 243/2014): the cell stays empty, the
  row's note says why, and `PublicationResult.tax_code_needed` names the
  applications whose partita IVA the office must obtain. Anything else (missing,
  malformed) is not published either.
- Never published: e-mails, PECs, addresses, contact persons, anything about the
  applicant's circumstances. The row carries only the fields of PublicationRow.

**Versioning**: PublicationRow rows are appended, never updated or deleted. An export
first compares what would be published now with the last row of each beneficiary
already published for (call, year): a beneficiary not published yet gets a "new"
row; one whose name, tax code, amount, act (number, date), COR, project link or
applications changed gets a "changed" row superseding the last; one no longer granted
in that year gets a "revoked" row (amount 0) superseding it; an unchanged one gets
nothing. The legal basis, office, official and selection method are what they were
when the row was published: a later change of the office file does not republish
history. A revoked beneficiary granted again starts a new chain ("new").
One transaction, one audit entry per row added; running it again with nothing
changed adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import (
    Applicant,
    Application,
    Campaign,
    CampaignOutcome,
    GrantRecord,
    PublicationRow,
)
from desktop.domain import formatting
from desktop.domain.audit import Anchor
from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import ROME
from desktop.domain.problems import Problem
from desktop.services import audit
from desktop.services.store import unknown_application

# Art. 26 c. 2 d.lgs. 33/2013: acts granting more than 1.000 € in the calendar year.
THRESHOLD_CENTS = 100_000
CHANGES = ("new", "changed", "revoked")
CHANGE_LABELS = {"new": "nuova", "changed": "modifica", "revoked": "revoca"}
FIRST_YEAR = 2000
# A beneficiary's project links in one cell: several pages of up to 2,000 characters.
PROJECT_LINK_LIMIT = 10_000
# An RNA COR (Codice Identificativo dell'Aiuto): a number the register assigns.
_COR = re.compile(r"\d{1,20}")
_PUBLISHABLE_TAX_CODE = re.compile(r"\d{11}")
_PERSONAL_TAX_CODE = re.compile(r"[A-Z0-9]{16}")
# PostgreSQL advisory lock key of the publication ("cmsp"): two exports queue.
_PUBLICATION_LOCK = 0x636D7370


class PublicationProblem(Problem):
    """A grant act or an export that cannot be recorded; the message says why."""


# --------------------------------------------------------------------------- grant acts


@dataclass(frozen=True)
class GrantAct:
    code: str
    rna_cor: str
    act_number: str
    act_date: dt.date | None
    updated_at: dt.datetime
    updated_by: str


def _act_value(record: GrantRecord | None) -> dict | None:
    if record is None:
        return None
    return {
        "rna_cor": record.rna_cor,
        "act_number": record.act_number,
        "act_date": record.act_date.isoformat() if record.act_date else None,
    }


def check_cor(text: str) -> str:
    """The COR as stored: digits only (blanks around it dropped); "" clears it."""
    value = text.strip()
    if value and not _COR.fullmatch(value):
        raise PublicationProblem(
            f"codice COR «{value[:40]}» non valido: è il numero che il Registro nazionale "
            "degli aiuti assegna all'aiuto (solo cifre, fino a 20)",
            f"invalid COR code “{value[:40]}”: it is the number the national State-aid "
            "register gives the aid (digits only, up to 20)",
        )
    return value


def check_act_number(text: str) -> str:
    value = " ".join(text.split())
    if len(value) > 60 or not value.isprintable():
        raise PublicationProblem(
            "numero dell'atto non valido: al massimo 60 caratteri stampabili",
            "invalid act number: at most 60 printable characters",
        )
    return value


def set_grant_act(
    database: Database,
    call: CallDefinition,
    code: str,
    *,
    rna_cor: str | None = None,
    act_number: str | None = None,
    act_date: dt.date | str | None = None,
    actor: str | None = None,
) -> GrantAct:
    """Records the act granting `code`'s contribution. A value left None keeps what is
    stored; "" clears a text (and act_date="" clears the date). Audited with the old
    and new values in the same transaction; a call that changes nothing writes nothing."""
    if rna_cor is None and act_number is None and act_date is None:
        raise PublicationProblem(
            "niente da registrare: indicare --cor, --act-number o --act-date",
            "nothing to record: give --cor, --act-number or --act-date",
        )
    cor = None if rna_cor is None else check_cor(rna_cor)
    number = None if act_number is None else check_act_number(act_number)
    if isinstance(act_date, str):
        if act_date.strip():
            raise TypeError("act_date: a date, None or ''")
        act_date = _CLEAR
    actor = actor or audit.current_user()
    with database.session() as session, session.begin():
        database.lock_for_writing(session)
        application_id = session.scalar(
            select(Application.id).where(Application.call_id == call.id, Application.code == code)
        )
        if application_id is None:
            raise unknown_application(call, code)
        record = session.get(GrantRecord, application_id, with_for_update=True)
        old = _act_value(record)
        if record is None:
            record = GrantRecord(application_id=application_id, rna_cor="", act_number="")
            session.add(record)
        if cor is not None:
            record.rna_cor = cor
        if number is not None:
            record.act_number = number
        if act_date is _CLEAR:
            record.act_date = None
        elif act_date is not None:
            record.act_date = act_date
        new = _act_value(record)
        if new != old:
            record.updated_at = dt.datetime.now().replace(microsecond=0)
            record.updated_by = actor
            audit.append(session, "grant_record", code, "set", old, new, actor=actor)
        return GrantAct(
            code,
            record.rna_cor,
            record.act_number,
            record.act_date,
            record.updated_at,
            record.updated_by,
        )


class _Clear:
    pass


_CLEAR = _Clear()


def load_grant_acts(database: Database, call: CallDefinition) -> dict[str, GrantAct]:
    with database.engine.connect() as connection:
        rows = connection.execute(
            select(Application.code, GrantRecord)
            .join(GrantRecord, GrantRecord.application_id == Application.id)
            .where(Application.call_id == call.id)
        ).all()
    return {
        row.code: GrantAct(
            row.code, row.rna_cor, row.act_number, row.act_date, row.updated_at, row.updated_by
        )
        for row in rows
    }


# --------------------------------------------------------------------------- what is due


def publishable_tax_code(code: str) -> tuple[str, str]:
    """(what may be published, why not): an 11-digit code is published; a 16-character
    one is a natural person's codice fiscale ("personal"); anything else is "missing"
    or "invalid". Published by allow-list: only 11 digits ever leave."""
    value = "".join(code.split()).upper()
    if _PUBLISHABLE_TAX_CODE.fullmatch(value):
        return value, ""
    if not value:
        return "", "missing"
    if _PERSONAL_TAX_CODE.fullmatch(value):
        return "", "personal"
    return "", "invalid"


@dataclass(frozen=True)
class Grant:
    """One application's grant as the data shows it now."""

    application_id: int
    code: str
    beneficiary: str
    tax_code: str  # as stored (may be personal: never published as such)
    grant_cents: int
    year: int
    act_number: str
    act_date: dt.date | None
    rna_cor: str
    page_url: str = ""  # the campaign's public page on the platform ("" if none)


@dataclass(frozen=True)
class Due:
    """What should be published for one beneficiary in one year."""

    key: str
    grants: tuple[Grant, ...]
    beneficiary: str
    tax_code: str  # publishable ("" when it may not be published)
    withheld: str  # why the tax code is not published ("" when it is)
    amount_cents: int
    act_number: str
    act_date: dt.date | None
    rna_cor: str
    project_link: str

    @property
    def codes(self) -> str:
        return "; ".join(grant.code for grant in self.grants)


def _key(name: str, tax_code: str, code: str) -> str:
    value = "".join(tax_code.split()).upper()
    if value:
        return f"cf:{value}"
    name = " ".join(name.split()).casefold()
    return f"name:{name}" if name else f"application:{code}"


def _rome_year(moment: dt.datetime) -> int:
    """The calendar year in Rome of a naive-UTC moment (as outcomes store it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ROME).year


def load_grants(session: Session, call: CallDefinition) -> list[Grant]:
    """Every application of the call with a reached campaign outcome and a grant."""
    outcome_rows = session.execute(
        select(
            CampaignOutcome.application_id,
            func.max(CampaignOutcome.grant_cents),
            func.min(CampaignOutcome.closed_at),
        )
        .join(Application, Application.id == CampaignOutcome.application_id)
        .where(
            Application.call_id == call.id,
            CampaignOutcome.reached.is_(True),
            CampaignOutcome.grant_cents > 0,
        )
        .group_by(CampaignOutcome.application_id)
    ).all()
    if not outcome_rows:
        return []
    outcomes = {row[0]: (int(row[1]), row[2]) for row in outcome_rows}
    # The project's page: of the campaigns whose outcome counts (reached, a grant),
    # the one closed last that has a page (ordered, so the last one wins).
    pages: dict[int, str] = {}
    for application_id, page_url in session.execute(
        select(CampaignOutcome.application_id, Campaign.page_url)
        .join(Campaign, Campaign.id == CampaignOutcome.campaign_id)
        .where(
            CampaignOutcome.application_id.in_(list(outcomes)),
            CampaignOutcome.reached.is_(True),
            CampaignOutcome.grant_cents > 0,
            Campaign.page_url != "",
        )
        .order_by(CampaignOutcome.closed_at, CampaignOutcome.campaign_id)
    ):
        pages[application_id] = page_url
    rows = session.execute(
        select(
            Application.id,
            Application.code,
            Applicant.name,
            Applicant.tax_code,
            GrantRecord.act_number,
            GrantRecord.act_date,
            GrantRecord.rna_cor,
        )
        .outerjoin(
            Applicant, (Applicant.application_id == Application.id) & (Applicant.position == 0)
        )
        .outerjoin(GrantRecord, GrantRecord.application_id == Application.id)
        .where(Application.id.in_(list(outcomes)))
        .order_by(Application.code)
    ).all()
    grants = []
    for row in rows:
        cents, closed_at = outcomes[row.id]
        grants.append(
            Grant(
                application_id=row.id,
                code=row.code,
                beneficiary=" ".join((row.name or "").split()),
                tax_code=row.tax_code or "",
                grant_cents=cents,
                year=row.act_date.year if row.act_date else _rome_year(closed_at),
                act_number=row.act_number or "",
                act_date=row.act_date,
                rna_cor=row.rna_cor or "",
                page_url=pages.get(row.id, ""),
            )
        )
    return grants


def _joined(values, limit: int, what_it: str, what_en: str, codes: str) -> str:
    text = "; ".join(dict.fromkeys(v for v in values if v))
    if len(text) > limit:
        raise PublicationProblem(
            f"{what_it} delle domande {codes} non stanno in una riga ({limit} caratteri): "
            "pubblicarle a mano",
            f"the {what_en} of applications {codes} do not fit one row ({limit} characters): "
            "publish them by hand",
        )
    return text


def due(grants: list[Grant], year: int) -> list[Due]:
    """The beneficiaries granted more than THRESHOLD_CENTS in `year`, summed, in the
    order of their first application's code."""
    groups: dict[str, list[Grant]] = {}
    for grant in grants:
        if grant.year == year:
            groups.setdefault(_key(grant.beneficiary, grant.tax_code, grant.code), []).append(grant)
    result = []
    for key, members in groups.items():
        amount = sum(g.grant_cents for g in members)
        if amount <= THRESHOLD_CENTS:
            continue
        codes = "; ".join(g.code for g in members)
        if len(codes) > 100:
            raise PublicationProblem(
                f"troppe domande per un beneficiario in una riga: {codes[:120]}…",
                f"too many applications for one beneficiary in one row: {codes[:120]}…",
            )
        tax_code, withheld = publishable_tax_code(members[0].tax_code)
        dates = [g.act_date for g in members if g.act_date]
        result.append(
            Due(
                key=key,
                grants=tuple(members),
                beneficiary=members[0].beneficiary,
                tax_code=tax_code,
                withheld=withheld,
                amount_cents=amount,
                act_number=_joined(
                    (g.act_number for g in members), 60, "i numeri degli atti", "act numbers", codes
                ),
                act_date=max(dates) if dates else None,
                rna_cor=_joined(
                    (g.rna_cor for g in members), 40, "i codici COR", "COR codes", codes
                ),
                # The campaigns' public pages as the platform reports them (synced
                # into Campaign.page_url); empty when the platform gives none.
                project_link=_joined(
                    (g.page_url for g in members),
                    PROJECT_LINK_LIMIT,
                    "i collegamenti ai progetti",
                    "project links",
                    codes,
                ),
            )
        )
    return sorted(result, key=lambda d: d.grants[0].code)


# --------------------------------------------------------------------------- published rows


@dataclass(frozen=True)
class PublishedRow:
    id: int
    year: int
    application_code: str
    change: str  # new / changed / revoked
    supersedes_id: int | None
    beneficiary: str
    tax_code: str
    amount_cents: int
    legal_basis: str
    office: str
    official: str
    selection_method: str
    project_link: str
    act_number: str
    act_date: dt.date | None
    rna_cor: str
    published_on: dt.date
    published_by: str

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]

    @property
    def note(self) -> str:
        """Why a cell is empty or what the row does, for the reader of the file."""
        notes = []
        if self.change == "revoked":
            notes.append(
                f"Revoca: il contributo pubblicato nella riga {self.supersedes_id} non è più "
                "concesso in questo anno"
            )
        elif self.change == "changed":
            notes.append(f"Rettifica della riga {self.supersedes_id}")
        if not self.tax_code:
            notes.append(
                "Partita IVA o codice fiscale numerico non disponibile: il codice fiscale di "
                "una persona fisica non si pubblica"
            )
        if self.change != "revoked" and not self.act_number and self.act_date is None:
            notes.append("Atto di concessione non ancora registrato")
        return ". ".join(notes)


def _published(row: PublicationRow) -> PublishedRow:
    return PublishedRow(
        id=row.id,
        year=row.year,
        application_code=row.application_code,
        change=row.change,
        supersedes_id=row.supersedes_id,
        beneficiary=row.beneficiary,
        tax_code=row.tax_code,
        amount_cents=row.amount_cents,
        legal_basis=row.legal_basis,
        office=row.office,
        official=row.official,
        selection_method=row.selection_method,
        project_link=row.project_link,
        act_number=row.act_number,
        act_date=row.act_date,
        rna_cor=row.rna_cor,
        published_on=row.published_on,
        published_by=row.published_by,
    )


def _rows(session: Session, call: CallDefinition, year: int) -> list[PublicationRow]:
    return list(
        session.scalars(
            select(PublicationRow)
            .where(PublicationRow.call_id == call.id, PublicationRow.year == year)
            .order_by(PublicationRow.id)
        )
    )


def list_published(database: Database, call: CallDefinition, year: int) -> list[PublishedRow]:
    """Every row published for (call, year), history included, in the order published."""
    with database.session() as session:
        return [_published(row) for row in _rows(session, call, year)]


def _same(row: PublicationRow, item: Due) -> bool:
    return (
        row.beneficiary,
        row.tax_code,
        row.amount_cents,
        row.act_number,
        row.act_date,
        row.rna_cor,
        row.project_link,
        row.application_code,
    ) == (
        item.beneficiary,
        item.tax_code,
        item.amount_cents,
        item.act_number,
        item.act_date,
        item.rna_cor,
        item.project_link,
        item.codes,
    )


# --------------------------------------------------------------------------- publishing


@dataclass(frozen=True)
class Basis:
    """What every row of one export says about the procedure."""

    legal_basis: str
    office: str
    official: str
    selection_method: str


def basis_of(call: CallDefinition) -> Basis:
    from desktop.letters.office import load_office

    office = load_office(call.letters.office)
    act = call.letters.call_act
    legal = f"Avviso pubblico «{call.title}»" + (f", approvato con {act}" if act else "")
    ente = office.ente
    where = " — ".join(
        part for part in (ente.get("nome"), ente.get("direzione"), ente.get("ufficio")) if part
    )
    return Basis(legal, where, office.responsabile["nome"], call.letters.selection_method)


@dataclass(frozen=True)
class NeedsTaxCode:
    codes: str
    beneficiary: str
    reason: str  # personal / missing / invalid


@dataclass(frozen=True)
class PublicationResult:
    call_id: str
    year: int
    rows: list[PublishedRow]  # the year's rows, history included, in order
    added: list[PublishedRow]  # the rows this export recorded
    tax_code_needed: list[NeedsTaxCode]  # beneficiaries published without tax data
    without_act: list[str]  # application codes published without a grant act
    below_threshold: int  # beneficiaries granted in the year, 1.000 € or less
    anchor: Anchor  # the audit log's head after the rows were recorded


def check_year(year: int, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    if not FIRST_YEAR <= year <= today.year + 1:
        raise PublicationProblem(
            f"anno {year} non valido: indicare un anno tra {FIRST_YEAR} e {today.year + 1}",
            f"invalid year {year}: give a year between {FIRST_YEAR} and {today.year + 1}",
        )
    return year


def _lock(database: Database, session: Session) -> None:
    database.lock_for_writing(session)
    if session.connection().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_PUBLICATION_LOCK)))


def _code_keys(session: Session, call: CallDefinition) -> dict[str, str]:
    """Every application's beneficiary key now (for rows published without a tax code)."""
    rows = session.execute(
        select(Application.code, Applicant.name, Applicant.tax_code)
        .outerjoin(
            Applicant, (Applicant.application_id == Application.id) & (Applicant.position == 0)
        )
        .where(Application.call_id == call.id)
    ).all()
    return {row.code: _key(row.name or "", row.tax_code or "", row.code) for row in rows}


def publish(
    database: Database,
    call: CallDefinition,
    year: int,
    *,
    today: dt.date | None = None,
    actor: str | None = None,
    basis: Basis | None = None,
) -> PublicationResult:
    """Records what is published for (call, year) now (see the module's docstring) and
    returns the year's rows with the audit log's head after them."""
    today = today or dt.date.today()
    check_year(year, today)
    actor = actor or audit.current_user()
    basis = basis or basis_of(call)
    with database.session() as session, session.begin():
        _lock(database, session)
        grants = load_grants(session, call)
        items = due(grants, year)
        rows = _rows(session, call, year)
        superseded = {row.supersedes_id for row in rows if row.supersedes_id is not None}
        live = [row for row in rows if row.id not in superseded and row.change != "revoked"]
        keys = _code_keys(session, call)
        by_key: dict[str, list[PublicationRow]] = {}
        for row in live:
            if row.tax_code:
                key = f"cf:{row.tax_code}"
            else:
                first = row.application_code.split(";")[0].strip()
                key = keys.get(first, f"row:{row.id}")
            by_key.setdefault(key, []).append(row)
        added: list[PublicationRow] = []

        def add(change: str, item: Due | None, old: PublicationRow | None) -> None:
            source = item
            row = PublicationRow(
                call_id=call.id,
                year=year,
                application_id=source.grants[0].application_id if source else old.application_id,
                application_code=source.codes if source else old.application_code,
                change=change,
                supersedes_id=old.id if old is not None else None,
                beneficiary=source.beneficiary if source else old.beneficiary,
                tax_code=source.tax_code if source else old.tax_code,
                amount_cents=source.amount_cents if source else 0,
                legal_basis=basis.legal_basis if source else old.legal_basis,
                office=basis.office if source else old.office,
                official=basis.official if source else old.official,
                selection_method=basis.selection_method if source else old.selection_method,
                project_link=source.project_link if source else old.project_link,
                act_number=source.act_number if source else old.act_number,
                act_date=source.act_date if source else old.act_date,
                rna_cor=source.rna_cor if source else old.rna_cor,
                published_on=today,
                published_by=actor,
            )
            session.add(row)
            session.flush()  # its id, for the next row's supersedes_id and the audit
            added.append(row)
            audit.append(
                session,
                "publication",
                f"{call.id}/{year}/{row.id}",
                change,
                None,
                {
                    "year": year,
                    "applications": row.application_code,
                    "supersedes": row.supersedes_id,
                    "amount_cents": row.amount_cents,
                    "tax_code": row.tax_code,
                    "act_number": row.act_number,
                    "act_date": row.act_date.isoformat() if row.act_date else None,
                    "rna_cor": row.rna_cor,
                    "published_on": today.isoformat(),
                },
                actor=actor,
            )

        for item in items:
            previous = by_key.get(item.key, [])
            if not previous:
                add("new", item, None)
                continue
            first = previous.pop(0)
            if not _same(first, item):
                add("changed", item, first)
        for remaining in by_key.values():
            for row in remaining:
                add("revoked", None, row)

        rows_now = [_published(row) for row in _rows(session, call, year)]
        added_now = [_published(row) for row in added]
        below = len(
            {
                _key(g.beneficiary, g.tax_code, g.code)
                for g in grants
                if g.year == year and g.grant_cents > 0
            }
        ) - len(items)
    with database.engine.connect() as connection:
        anchor = audit.head(connection)
    return PublicationResult(
        call_id=call.id,
        year=year,
        rows=rows_now,
        added=added_now,
        tax_code_needed=[
            NeedsTaxCode(item.codes, item.beneficiary, item.withheld)
            for item in items
            if item.withheld
        ],
        without_act=[
            grant.code
            for item in items
            for grant in item.grants
            if not grant.act_number and grant.act_date is None
        ],
        below_threshold=below,
        anchor=anchor,
    )


def amount_text(cents: int) -> str:
    return formatting.money(cents, symbol=False)
