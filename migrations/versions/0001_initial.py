"""Events, program, participants, check-ins and the append-only audit log.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

_PG_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
"""


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("theme", sa.String(300), nullable=False),
        sa.Column("venue", sa.String(200), nullable=False),
        sa.Column("venue_en", sa.String(200), nullable=False),
        sa.Column("starts_at", TS, nullable=False),
        sa.Column("ends_at", TS, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("hosts", sa.Text(), nullable=False),
        sa.Column("sponsor", sa.Text(), nullable=False),
        sa.Column("token_tag", sa.String(8), nullable=False),
        sa.Column("signing_secret", sa.LargeBinary(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("token_tag", name=op.f("uq_events_token_tag")),
    )
    op.create_table(
        "program_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("starts_at", TS, nullable=False),
        sa.Column("ends_at", TS, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("presenters", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_program_items_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_items")),
    )
    op.create_index(op.f("ix_program_items_event_id"), "program_items", ["event_id"])
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organization", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("is_vip", sa.Boolean(), nullable=False),
        sa.Column("is_speaker", sa.Boolean(), nullable=False),
        sa.Column("speaker_session_id", sa.Integer(), nullable=True),
        sa.Column("companions_allowed", sa.Integer(), nullable=False),
        sa.Column("external_code", sa.String(64), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("is_walk_in", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_participants_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_session_id"],
            ["program_items.id"],
            name=op.f("fk_participants_speaker_session_id_program_items"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
    )
    op.create_index(op.f("ix_participants_event_id"), "participants", ["event_id"])
    op.create_index(
        "uq_participants_event_id_external_code",
        "participants",
        ["event_id", "external_code"],
        unique=True,
        sqlite_where=sa.text("external_code IS NOT NULL"),
        postgresql_where=sa.text("external_code IS NOT NULL"),
    )
    op.create_table(
        "check_ins",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("checked_in_at", TS, nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("companions", sa.Integer(), nullable=False),
        sa.Column("checked_out_at", TS, nullable=True),
        sa.Column("checked_out_station", sa.String(64), nullable=True),
        sa.Column("undone_at", TS, nullable=True),
        sa.Column("undo_reason", sa.Text(), nullable=True),
        sa.Column("undone_by", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_check_ins_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_check_ins_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
    )
    op.create_index(op.f("ix_check_ins_event_id"), "check_ins", ["event_id"])
    op.create_index(op.f("ix_check_ins_participant_id"), "check_ins", ["participant_id"])
    op.create_index(op.f("ix_check_ins_checked_in_at"), "check_ins", ["checked_in_at"])
    op.create_index(
        "uq_check_ins_one_active",
        "check_ins",
        ["participant_id"],
        unique=True,
        sqlite_where=sa.text("undone_at IS NULL AND checked_out_at IS NULL"),
        postgresql_where=sa.text("undone_at IS NULL AND checked_out_at IS NULL"),
    )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("check_in_id", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_audit_entries_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_event_id"), "audit_entries", ["event_id"])
    op.create_index(op.f("ix_audit_entries_participant_id"), "audit_entries", ["participant_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_APPEND_ONLY)
    else:
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    op.drop_table("audit_entries")
    op.drop_table("check_ins")
    op.drop_table("participants")
    op.drop_table("program_items")
    op.drop_table("events")
