"""The certificate of attendance ledger: serial numbers that are never reused.

Revision ID: 0006_documents
Revises: 0002_invitations_badges
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_documents"
down_revision = "0005_security"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "certificate_serials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("signed_participant", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("attended_at", TS, nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("issue_count", sa.Integer(), nullable=False),
        sa.Column("last_issued_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_certificate_serials_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_certificate_serials_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_serials")),
        sa.UniqueConstraint("event_id", "serial", name=op.f("uq_certificate_serials_event_id_serial")),
        sa.UniqueConstraint(
            "event_id", "participant_id", name=op.f("uq_certificate_serials_event_id_participant_id")
        ),
    )
    op.create_index(op.f("ix_certificate_serials_event_id"), "certificate_serials", ["event_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_certificate_serials_event_id"), table_name="certificate_serials")
    op.drop_table("certificate_serials")
