"""The database schema. Every change to it comes with an Alembic migration in
db/migrations/versions (a test compares the two)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can alter them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Call(Base):
    """A call edition known to this database; its rules live in resources/calls."""

    __tablename__ = "calls"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source_file: Mapped[str] = mapped_column(String(300))
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ImportBatch(Base):
    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(200))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_created: Mapped[int] = mapped_column(Integer)
    rows_updated: Mapped[int] = mapped_column(Integer)
    rows_unchanged: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    report_path: Mapped[str | None] = mapped_column(String(1000))


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("call_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    code: Mapped[str] = mapped_column(String(100))
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    submitted_time: Mapped[dt.time | None] = mapped_column(Time)
    session_code: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(Text, default="")
    operating_address: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[int | None] = mapped_column(Integer)
    neighbourhood: Mapped[str] = mapped_column(Text, default="")
    # Bit n set = objective n of the call; filterable in SQL on every backend.
    objectives_mask: Mapped[int] = mapped_column(Integer, default=0)
    cost_cents: Mapped[int | None] = mapped_column(BigInteger)
    duration_months: Mapped[int | None] = mapped_column(Integer)
    start_on: Mapped[dt.date | None] = mapped_column(Date)
    declared_target_cents: Mapped[int | None] = mapped_column(BigInteger)
    # Computed from the call's formula whenever cost changes.
    grant_cents: Mapped[int | None] = mapped_column(BigInteger)
    target_cents: Mapped[int | None] = mapped_column(BigInteger)
    # Effective outcome (overrides applied): pass / fail / check.
    eligibility: Mapped[str] = mapped_column(String(10), default="check")
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Bumped on every change: the basis of offline kits and sync later.
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # Digest of the imported fields: a re-import skips unchanged rows cheaply.
    fields_digest: Mapped[str] = mapped_column(String(32), default="")

    members: Mapped[list[Applicant]] = relationship(
        back_populates="application", order_by="Applicant.position", cascade="all, delete-orphan"
    )


class Applicant(Base):
    """A member of an application's aggregation, as the application states it."""

    __tablename__ = "applicants"
    __table_args__ = (Index("ix_applicants_tax_code", "tax_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    # 0 is the lead partner (capofila); partners follow in the order given.
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))  # capofila / partner
    name: Mapped[str] = mapped_column(Text)
    tax_code: Mapped[str] = mapped_column(String(32), default="")
    legal_form: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")
    rea: Mapped[str] = mapped_column(String(64), default="")
    pec: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="members")


class EligibilityCheck(Base):
    """The latest computed outcome of every rule for one application (JSON list of
    {rule, outcome, seen, reason_it, reason_en}); one row per application keeps a
    100,000-row import cheap."""

    __tablename__ = "eligibility_checks"
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(10))
    results: Mapped[str] = mapped_column(Text)


class EligibilityOverride(Base):
    """An officer's decision on one rule, replacing the computed outcome."""

    __tablename__ = "eligibility_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ApplicationChange(Base):
    """One field of one application changed: by which import or by whom, and when."""

    __tablename__ = "application_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


# --- Evaluation (issue 4) ---------------------------------------------------------


class CommitteeMember(Base):
    """An evaluator of a call's committee: chair, member or secretary."""

    __tablename__ = "committee_members"
    __table_args__ = (UniqueConstraint("call_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # chair / member / secretary
    email: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MemberLink(Base):
    """An entity a member is linked to: the basis of conflict detection."""

    __tablename__ = "member_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), index=True
    )
    entity_name: Mapped[str] = mapped_column(Text, default="")
    tax_code: Mapped[str] = mapped_column(String(32), default="")
    # employment / board / family / business / other
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class Conflict(Base):
    """A conflict of interest between a member and an application: declared by hand
    (confirmed at once) or detected from a link (proposed until confirmed)."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("member_id", "application_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))  # declared / detected
    status: Mapped[str] = mapped_column(String(20))  # proposed / confirmed / dismissed
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Assignment(Base):
    """A member asked to score an application."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("member_id", "application_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))  # auto / manual
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ScoreSheet(Base):
    """One member's scores for one application; draft until submitted."""

    __tablename__ = "score_sheets"
    __table_args__ = (UniqueConstraint("member_id", "application_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / submitted
    # May be quoted to the applicant in the decision letter.
    motivation: Mapped[str] = mapped_column(Text, default="")
    # Bumped on every change: offline kits compare it to detect conflicts.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reopened_reason: Mapped[str] = mapped_column(Text, default="")

    scores: Mapped[list[SheetScore]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="SheetScore.criterion"
    )


class SheetScore(Base):
    """The score of one criterion of the grid on one sheet (exact, in hundredths)."""

    __tablename__ = "sheet_scores"
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("score_sheets.id", ondelete="CASCADE"), primary_key=True
    )
    criterion: Mapped[str] = mapped_column(String(60), primary_key=True)
    score_hundredths: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    sheet: Mapped[ScoreSheet] = relationship(back_populates="scores")


class PrivateNote(Base):
    """An evaluator's own note on an application: never exported, never in a kit
    return, never shown to anyone else."""

    __tablename__ = "private_notes"
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), primary_key=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Decision(Base):
    """The committee's decision on an application, apart from the proposed ranking."""

    __tablename__ = "decisions"
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    decision: Mapped[str] = mapped_column(String(20))  # admitted / not_admitted
    reasons: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Kit(Base):
    """An offline kit issued to one member; its key signs the kit and its returns."""

    __tablename__ = "kits"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(200))
    key_hex: Mapped[str] = mapped_column(String(64))


class KitReturn(Base):
    """A return file applied: re-importing the same one changes nothing."""

    __tablename__ = "kit_returns"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the return's UUID
    kit_id: Mapped[str] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sheets_applied: Mapped[int] = mapped_column(Integer)
    sheets_in_conflict: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """Append-only, hash-chained: hash = sha256(previous hash + this entry's fields)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(40))  # sheet / assignment / conflict / decision
    entity_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    old: Mapped[str] = mapped_column(Text, default="")  # JSON
    new: Mapped[str] = mapped_column(Text, default="")  # JSON
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# --- Campaigns (issue 5) ----------------------------------------------------------


class SyncState(Base):
    """Where the last sync with one platform server left off."""

    __tablename__ = "sync_state"
    server_url: Mapped[str] = mapped_column(String(500), primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))  # commissione / goteo
    cursor: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str] = mapped_column(Text, default="")
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")


class Campaign(Base):
    """A crowdfunding campaign as the platform last reported it."""

    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("server_url", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(String(500))
    external_id: Mapped[str] = mapped_column(String(100))
    application_code: Mapped[str] = mapped_column(String(100), default="")
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), index=True
    )
    link_source: Mapped[str] = mapped_column(String(20), default="")  # auto / manual / ""
    title: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    target_cents: Mapped[int] = mapped_column(BigInteger)
    raised_cents: Mapped[int] = mapped_column(BigInteger)
    donors: Mapped[int] = mapped_column(Integer, default=0)
    opens_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    remote_updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The campaign's public page on the platform (an absolute http(s) address), or "".
    page_url: Mapped[str] = mapped_column(Text, default="")


class Donation(Base):
    __tablename__ = "donations"
    __table_args__ = (UniqueConstraint("campaign_id", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    donated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # confirmed / refunded / cancelled


class CampaignOutcome(Base):
    """Recorded at closing, for the letters: target reached → grant awarded."""

    __tablename__ = "campaign_outcomes"
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL")
    )
    reached: Mapped[bool] = mapped_column(Boolean)
    raised_cents: Mapped[int] = mapped_column(BigInteger)
    grant_cents: Mapped[int] = mapped_column(BigInteger)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# --- Letters and publication (issue 11) --------------------------------------------


class Letter(Base):
    """One decision letter of one kind to one application, as last generated: the
    PDF/A as issued (its bytes and SHA-256) and where it stands on its path
    draft → approved → protocolled → sent → delivered (or failed)."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("application_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))  # desktop.domain.letters.KINDS
    state: Mapped[str] = mapped_column(String(20))  # desktop.domain.letters.STATES
    subject: Mapped[str] = mapped_column(Text)
    addressee: Mapped[str] = mapped_column(Text)
    pec: Mapped[str] = mapped_column(Text, default="")
    # The data the letter was written from (JSON, the template's names): approval
    # freezes it, and stamping the protocol number writes the same letter again.
    data: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    generated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    generated_by: Mapped[str] = mapped_column(String(200))
    # Bumped every time the letter is generated again (protocol stamped, data changed).
    version: Mapped[int] = mapped_column(Integer, default=1)
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    protocol_number: Mapped[str] = mapped_column(String(60), default="")
    protocol_date: Mapped[dt.date | None] = mapped_column(Date)
    # The PEC message's Message-ID, stored before the message leaves: a letter with one
    # is never sent again, and the provider's receipts are matched to it.
    message_id: Mapped[str] = mapped_column(String(300), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Why the last send or delivery failed (empty when it did not).
    failure: Mapped[str] = mapped_column(Text, default="")


class LetterEvent(Base):
    """What happened to a letter, in order: generated, approved, protocolled, sent,
    a receipt read (accepted, delivered, not delivered), a failed send."""

    __tablename__ = "letter_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20))  # the letter's state after the event
    detail: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class GrantRecord(Base):
    """The act granting an application's contribution, for the letters and the
    publication: the RNA *COR* code (State-aid register) and the act's number and date."""

    __tablename__ = "grant_records"
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    rna_cor: Mapped[str] = mapped_column(String(40), default="")
    act_number: Mapped[str] = mapped_column(String(60), default="")
    act_date: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class PublicationRow(Base):
    """One published row of the grants register (art. 26-27 d.lgs. 33/2013). Never
    updated: a change or a revocation is a new row that supersedes an earlier one."""

    __tablename__ = "publication_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), index=True
    )
    application_code: Mapped[str] = mapped_column(String(100))
    change: Mapped[str] = mapped_column(String(20))  # new / changed / revoked
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("publication_rows.id"))
    beneficiary: Mapped[str] = mapped_column(Text)
    tax_code: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    legal_basis: Mapped[str] = mapped_column(Text)
    office: Mapped[str] = mapped_column(Text)
    official: Mapped[str] = mapped_column(Text)
    selection_method: Mapped[str] = mapped_column(Text)
    project_link: Mapped[str] = mapped_column(Text, default="")
    act_number: Mapped[str] = mapped_column(String(60), default="")
    act_date: Mapped[dt.date | None] = mapped_column(Date)
    rna_cor: Mapped[str] = mapped_column(String(40), default="")
    published_on: Mapped[dt.date] = mapped_column(Date)
    published_by: Mapped[str] = mapped_column(String(200))


# --- The committee's sittings (issue 12) -------------------------------------------


class Sitting(Base):
    """A sitting (seduta) of the committee for one session of a call: opened with the
    attendance, closed once; a session may need several (numbered 1, 2, …)."""

    __tablename__ = "sittings"
    __table_args__ = (UniqueConstraint("call_id", "session_code", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"))
    session_code: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(10))  # open / closed
    item_target_minutes: Mapped[int] = mapped_column(Integer)
    opened_by: Mapped[str] = mapped_column(String(200))


class SittingAttendance(Base):
    """A member at a sitting: present or absent, with the role at the sitting."""

    __tablename__ = "sitting_attendance"
    sitting_id: Mapped[int] = mapped_column(
        ForeignKey("sittings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[bool] = mapped_column(Boolean)
    role: Mapped[str] = mapped_column(String(20))  # chair / member / secretary
    noted_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SittingDeclaration(Base):
    """A member's declaration at a sitting: no conflict of interest (no application)
    or a conflict on one application (also written to `conflicts`)."""

    __tablename__ = "sitting_declarations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sitting_id: Mapped[int] = mapped_column(
        ForeignKey("sittings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("committee_members.id", ondelete="CASCADE"))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AgendaItem(Base):
    """An application on a sitting's agenda: its place, where its discussion stands,
    the time spent, the secretary's summary and the vote."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("sitting_id", "application_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sitting_id: Mapped[int] = mapped_column(
        ForeignKey("sittings.id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10))  # pending / current / done / deferred
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # first started
    # While the timer runs: since when (seconds_spent holds the time before it).
    running_since: Mapped[dt.datetime | None] = mapped_column(DateTime)
    seconds_spent: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstained: Mapped[int | None] = mapped_column(Integer)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The outcome as decided at the sitting (admitted / not_admitted / deferred), its
    # reasons and whether it departed from the proposal (confirmed), for the minutes.
    outcome: Mapped[str] = mapped_column(String(20), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")
    departure: Mapped[bool] = mapped_column(Boolean, default=False)


class ItemMovement(Base):
    """A member leaving the room before an item (a conflict of interest) or
    returning after it, as confirmed by the secretary."""

    __tablename__ = "item_movements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("committee_members.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(10))  # left / returned
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str] = mapped_column(String(200))
