"""Tamper-evident audit log: a hash chain over audit_entries, its head kept in settings.

Revision ID: 0005_security
Revises: 0002_invitations_badges
Create Date: 2026-11-30
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005_security"
down_revision = "0004_events"
branch_labels = None
depends_on = None

# Kept in step with kiosk/domain/audit_chain.py (a migration must not import the live code).
HEAD_KEY = "audit_chain_head"
GENESIS = hashlib.sha256(b"kiosk audit chain v1").hexdigest()


def _when(value: object) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _digest(prev: str, row: sa.Row) -> str:
    content = [
        prev, row.event_id, _when(row.at), row.station or "", row.operator or "", row.action or "",
        row.outcome or "", row.participant_id, row.check_in_id, row.detail or "",
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _drop_triggers(pg: bool) -> None:
    if pg:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")


def _create_triggers(pg: bool) -> None:
    if pg:
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
        )


def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    op.add_column("audit_entries", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_entries", sa.Column("entry_hash", sa.String(64), nullable=True))
    # Chain the entries already there, oldest first (the triggers step aside for this one update).
    _drop_triggers(pg)
    rows = bind.execute(
        sa.text(
            "SELECT id, event_id, at, station, operator, action, outcome, participant_id, check_in_id, detail "
            "FROM audit_entries ORDER BY id"
        )
    ).fetchall()
    prev = GENESIS
    for row in rows:
        digest = _digest(prev, row)
        bind.execute(
            sa.text("UPDATE audit_entries SET prev_hash = :p, entry_hash = :h WHERE id = :id"),
            {"p": prev, "h": digest, "id": row.id},
        )
        prev = digest
    _create_triggers(pg)
    bind.execute(sa.text("DELETE FROM settings WHERE key = :k"), {"k": HEAD_KEY})
    bind.execute(sa.text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": HEAD_KEY, "v": prev})


def downgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.execute(sa.text("DELETE FROM settings WHERE key = 'audit_chain_head'"))
    _drop_triggers(pg)
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("entry_hash")
        batch.drop_column("prev_hash")
    _create_triggers(pg)
