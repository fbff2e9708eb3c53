"""normalise application codes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 01:20:00

Codes stored before the application import normalised them (`hx-00002`, `HX‑00002`
with a non-breaking hyphen) are rewritten as the import now stores them (HX-00002),
so importing the file again updates the application instead of creating a second
one beside it.

Two or more stored codes of one call that would become the same code (`hx-00003`
beside `HX-00003`) are two applications as far as the database knows: merging them
would lose one's sheets, decisions or data, and choosing one is the secretariat's
call. They are left exactly as stored, and `commissione check` and `commissione
import` name them (desktop.importing.service.code_collisions) until someone deals
with them. Refusing the migration instead would leave the whole database unusable
by this version over one pair of codes.

The audit log keeps the old codes in its past entries: they are history, and
rewriting them would break its chain. Downgrading does not restore the old codes
(SQLite files are copied aside before any migration).
"""

import unicodedata
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# A copy of desktop.importing.rows.normalise_code as it was when this migration was
# written: a migration must do the same thing whatever the import does later, and
# db/ does not import desktop/. Trimmed, ASCII letters in upper case, every dash
# (Unicode Pd and the minus sign U+2212) as "-", invisible characters dropped.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _normalise(code: str) -> str:
    code = code.strip()
    if not code.isascii():
        code = "".join(
            "-" if char == "\u2212" or unicodedata.category(char) == "Pd" else char
            for char in code.translate(_INVISIBLE)
        ).strip()
    return code.translate(_ASCII_UPPER)


def upgrade() -> None:
    applications = sa.table(
        "applications",
        sa.column("id", sa.Integer),
        sa.column("call_id", sa.String),
        sa.column("code", sa.String),
        sa.column("row_version", sa.Integer),
    )
    connection = op.get_bind()
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    stored = sa.select(applications.c.id, applications.c.call_id, applications.c.code)
    for application_id, call_id, code in connection.execute(stored):
        groups[call_id, _normalise(code)].append((application_id, code))
    for (_call_id, normalised), members in groups.items():
        if len(members) > 1 or not normalised:
            continue  # a collision (see above), or nothing left of the code: as stored
        ((application_id, code),) = members
        if code != normalised:
            # No other stored code of the call is `normalised`: it would be in this group.
            connection.execute(
                sa.update(applications)
                .where(applications.c.id == application_id)
                .values(code=normalised, row_version=applications.c.row_version + 1)
            )


def downgrade() -> None:
    pass  # the codes as first written are not kept (see above)
