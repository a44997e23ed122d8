"""Invitation delivery state, e-mail template, badge print log and shared settings.

Revision ID: 0002_invitations_badges
Revises: 0001_initial
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_invitations_badges"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild), so rows, partial indexes and triggers stay as they are.
    op.add_column(
        "participants", sa.Column("delivery_state", sa.String(32), nullable=False, server_default="none")
    )
    op.add_column("participants", sa.Column("delivery_error", sa.Text(), nullable=False, server_default=""))
    op.add_column("participants", sa.Column("delivered_at", TS, nullable=True))
    op.add_column("events", sa.Column("email_subject_template", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("email_body_template", sa.Text(), nullable=True))
    op.create_table(
        "badge_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", TS, nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_badge_prints_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_prints")),
    )
    op.create_index(op.f("ix_badge_prints_participant_id"), "badge_prints", ["participant_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_index(op.f("ix_badge_prints_participant_id"), table_name="badge_prints")
    op.drop_table("badge_prints")
    # SQLite >= 3.35 drops columns in place, keeping the partial indexes a table rebuild would lose.
    for table, column in (
        ("events", "email_body_template"),
        ("events", "email_subject_template"),
        ("participants", "delivered_at"),
        ("participants", "delivery_error"),
        ("participants", "delivery_state"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
