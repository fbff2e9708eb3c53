"""The database schema. Every change to it comes with an Alembic migration in
db/migrations/versions (a test compares the two)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
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
