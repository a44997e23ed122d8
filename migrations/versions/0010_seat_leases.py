"""Seat leases: each station's share of the remaining seats, held for it while it may be apart.

Revision ID: 0010_seat_leases
Revises: 0007_protocol
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_seat_leases"
down_revision = "0007_protocol"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_leases",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("renewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_seat_leases_event_id_events", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "station", name="pk_seat_leases"),
    )


def downgrade() -> None:
    op.drop_table("seat_leases")
