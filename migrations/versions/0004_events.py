"""The event's own invitation sender, reply-to address and privacy line (one event per file).

Revision ID: 0004_events
Revises: 0002_invitations_badges
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_events"
down_revision = "0003_durability"
branch_labels = None
depends_on = None

COLUMNS = ("sender_name", "sender_email", "reply_to", "privacy_line")


def upgrade() -> None:
    # Plain ADD COLUMN with a default: existing events (the demo) keep working unchanged.
    op.add_column("events", sa.Column("sender_name", sa.String(200), nullable=False, server_default=""))
    op.add_column("events", sa.Column("sender_email", sa.String(320), nullable=False, server_default=""))
    op.add_column("events", sa.Column("reply_to", sa.String(320), nullable=False, server_default=""))
    op.add_column("events", sa.Column("privacy_line", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    for column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE events DROP COLUMN {column}")
