"""the committee's sittings

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 03:00:00

Sittings (sedute) of the committee, their attendance and declarations, the agenda
with each item's time, summary and vote, and the members' leaving and returning on
each item (issue 12). Decisions stay in `decisions`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete=None):
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "sittings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("session_code", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("item_target_minutes", sa.Integer(), nullable=False),
        sa.Column("opened_by", sa.String(length=200), nullable=False),
        _fk("sittings", "call_id", "calls"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sittings")),
        sa.UniqueConstraint("call_id", "session_code", "number", name=op.f("uq_sittings_call_id")),
    )
    op.create_table(
        "sitting_attendance",
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        _fk("sitting_attendance", "sitting_id", "sittings", "CASCADE"),
        _fk("sitting_attendance", "member_id", "committee_members", "CASCADE"),
        sa.PrimaryKeyConstraint("sitting_id", "member_id", name=op.f("pk_sitting_attendance")),
    )
    op.create_table(
        "sitting_declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        _fk("sitting_declarations", "sitting_id", "sittings", "CASCADE"),
        _fk("sitting_declarations", "member_id", "committee_members", "CASCADE"),
        _fk("sitting_declarations", "application_id", "applications", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sitting_declarations")),
    )
    op.create_index(
        op.f("ix_sitting_declarations_sitting_id"), "sitting_declarations", ["sitting_id"]
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("running_since", sa.DateTime(), nullable=True),
        sa.Column("seconds_spent", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstained", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("departure", sa.Boolean(), nullable=False),
        _fk("agenda_items", "sitting_id", "sittings", "CASCADE"),
        _fk("agenda_items", "application_id", "applications", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint(
            "sitting_id", "application_id", name=op.f("uq_agenda_items_sitting_id")
        ),
    )
    op.create_index(op.f("ix_agenda_items_sitting_id"), "agenda_items", ["sitting_id"])
    op.create_table(
        "item_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=200), nullable=False),
        _fk("item_movements", "agenda_item_id", "agenda_items", "CASCADE"),
        _fk("item_movements", "member_id", "committee_members", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_movements")),
    )
    op.create_index(op.f("ix_item_movements_agenda_item_id"), "item_movements", ["agenda_item_id"])


def downgrade() -> None:
    op.drop_table("item_movements")
    op.drop_table("agenda_items")
    op.drop_table("sitting_declarations")
    op.drop_table("sitting_attendance")
    op.drop_table("sittings")
