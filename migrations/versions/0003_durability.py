"""A stable identity for every participant (`uid`), so merges never match people by name.

Rows that exist already get a uid derived from their event's token tag and their id: two copies
of one database (a station file, the server) migrated separately still agree on who is who.
People created from now on get a random UUID where they are created (a walk-in on an offline
station included), and keep it wherever they are copied.

Revision ID: 0003_durability
Revises: 0002_invitations_badges
Create Date: 2026-11-30
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003_durability"
down_revision = "0002_invitations_badges"
branch_labels = None
depends_on = None

# Fixed for ever: changing it would give existing people new identities on the next migration.
LINEAGE_NAMESPACE = uuid.UUID("6f1c2b1e-8a5d-4c4e-9d43-0b7e8a1f3c21")


def lineage_uid(token_tag: str, participant_id: int) -> str:
    return uuid.uuid5(LINEAGE_NAMESPACE, f"{token_tag}:{participant_id}").hex


def upgrade() -> None:
    op.add_column("participants", sa.Column("uid", sa.String(32), nullable=True))
    op.create_index("ix_participants_event_id_uid", "participants", ["event_id", "uid"])
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT p.id, e.token_tag FROM participants p JOIN events e ON e.id = p.event_id")
    ).all()
    update = sa.text("UPDATE participants SET uid = :uid WHERE id = :id")
    params = [{"uid": lineage_uid(tag, pid), "id": pid} for pid, tag in rows]
    for start in range(0, len(params), 500):
        bind.execute(update, params[start : start + 500])


def downgrade() -> None:
    op.drop_index("ix_participants_event_id_uid", table_name="participants")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("uid")
