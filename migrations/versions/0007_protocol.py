"""Protocol desk: precedence and introduction wording per participant, deputies on check-ins.

Revision ID: 0007_protocol
Revises: 0002_invitations_badges
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_protocol"
down_revision = "0006_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the partial unique index on check_ins stays as it is.
    op.add_column("participants", sa.Column("precedence", sa.Integer(), nullable=True))
    op.add_column("participants", sa.Column("intro_wording", sa.Text(), nullable=False, server_default=""))
    op.add_column("check_ins", sa.Column("deputy_name", sa.String(200), nullable=True))
    op.add_column("check_ins", sa.Column("deputy_title", sa.String(200), nullable=True))
    op.add_column("check_ins", sa.Column("deputy_organization", sa.String(200), nullable=True))


def downgrade() -> None:
    # SQLite >= 3.35 drops columns in place, keeping the partial indexes a table rebuild would lose.
    for column in ("deputy_organization", "deputy_title", "deputy_name"):
        op.drop_column("check_ins", column)
    op.drop_column("participants", "intro_wording")
    op.drop_column("participants", "precedence")
