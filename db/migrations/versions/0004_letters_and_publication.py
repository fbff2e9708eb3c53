"""letters and publication

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 03:00:00

The decision letters with their path (draft → approved → protocolled → sent →
delivered or failed) and its events, the acts granting contributions (RNA COR code),
and the grants register published under art. 26-27 d.lgs. 33/2013 (append-only rows);
each campaign's public page on the platform (the register's link to the project).
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("campaigns", sa.Column("page_url", sa.Text(), nullable=False, server_default=""))
    _forget_campaign_watermarks()
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=False),
        sa.Column("pec", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("generated_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("protocol_number", sa.String(length=60), nullable=False),
        sa.Column("protocol_date", sa.Date(), nullable=True),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("failure", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_letters_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_letters_call_id_calls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("application_id", "kind", name=op.f("uq_letters_application_id")),
    )
    op.create_index(op.f("ix_letters_application_id"), "letters", ["application_id"])
    op.create_table(
        "letter_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_events_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_events")),
    )
    op.create_index(op.f("ix_letter_events_letter_id"), "letter_events", ["letter_id"])
    op.create_table(
        "grant_records",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("rna_cor", sa.String(length=40), nullable=False),
        sa.Column("act_number", sa.String(length=60), nullable=False),
        sa.Column("act_date", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_grant_records_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_grant_records")),
    )
    op.create_table(
        "publication_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("application_code", sa.String(length=100), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("beneficiary", sa.Text(), nullable=False),
        sa.Column("tax_code", sa.String(length=32), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("office", sa.Text(), nullable=False),
        sa.Column("official", sa.Text(), nullable=False),
        sa.Column("selection_method", sa.Text(), nullable=False),
        sa.Column("project_link", sa.Text(), nullable=False),
        sa.Column("act_number", sa.String(length=60), nullable=False),
        sa.Column("act_date", sa.Date(), nullable=True),
        sa.Column("rna_cor", sa.String(length=40), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_publication_rows_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_publication_rows_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["publication_rows.id"],
            name=op.f("fk_publication_rows_supersedes_id_publication_rows"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_rows")),
    )
    op.create_index(op.f("ix_publication_rows_year"), "publication_rows", ["year"])
    op.create_index(
        op.f("ix_publication_rows_application_id"), "publication_rows", ["application_id"]
    )


def _forget_campaign_watermarks() -> None:
    """Campaigns synced before this revision have no page, and an incremental sync
    would never list a campaign that does not change again (a closed one, the one
    published): the next sync of a Commissione server reads its campaigns in full
    once more (its donations stay incremental; Goteo's sync always reads in full)."""
    state = sa.table(
        "sync_state",
        sa.column("server_url", sa.String),
        sa.column("platform", sa.String),
        sa.column("cursor", sa.Text),
        sa.column("etag", sa.Text),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(state.c.server_url, state.c.cursor, state.c.etag).where(
            state.c.platform == "commissione"
        )
    ).all()
    for server_url, cursor, etag in rows:
        bind.execute(
            state.update()
            .where(state.c.server_url == server_url)
            .values(
                cursor=_without(cursor, "campaigns_since"), etag=_without(etag, "campaigns_etag")
            )
        )


def _without(text: str, key: str) -> str:
    try:
        loaded = json.loads(text) if text else {}
    except ValueError:
        return ""
    if not isinstance(loaded, dict):
        return ""
    loaded.pop(key, None)
    return json.dumps(loaded, sort_keys=True)


def downgrade() -> None:
    op.drop_table("publication_rows")
    op.drop_table("grant_records")
    op.drop_table("letter_events")
    op.drop_table("letters")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_column("page_url")
