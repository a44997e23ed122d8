"""Seat leases: each station's share of the remaining seats, held for it while it may be apart.

On PostgreSQL the one-statement check-in (`kiosk_door_check_in`, migration 0008) is replaced by
the same function whose seat count leaves out the seats leased to other stations, exactly as
`CheckInDesk._locked_capacity` does on the Python path; downgrading puts 0008's back.

Revision ID: 0010_seat_leases
Revises: 0008_door_roundtrip (assigned 0007_protocol; chained after main's 0008 at merge)
Create Date: 2026-12-01
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0010_seat_leases"
down_revision = "0009_notify"
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
        # which laptop holds it (its copy's identity): two laptops given one station name must
        # not both believe they hold the same seats
        sa.Column("holder", sa.String(32), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_seat_leases_event_id_events", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "station", name="pk_seat_leases"),
    )
    door = _door_functions()
    if door is not None and op.get_bind().dialect.name == "postgresql":
        op.execute(_leased(door.CHECK_IN))


def downgrade() -> None:
    door = _door_functions()
    if door is not None and op.get_bind().dialect.name == "postgresql":
        op.execute(door.CHECK_IN)
    op.drop_table("seat_leases")


SEAT_LOCK = "SELECT capacity INTO v_capacity FROM events WHERE id = p_event_id FOR UPDATE;"
LEASED_SEAT_LOCK = (
    "SELECT e.capacity - COALESCE((SELECT sum(l.seats) FROM seat_leases l WHERE l.event_id = p_event_id"
    " AND l.station <> p_station AND l.expires_at > now()), 0) INTO v_capacity"
    " FROM events e WHERE e.id = p_event_id FOR UPDATE;"
)


def _leased(check_in_sql: str) -> str:
    assert check_in_sql.count(SEAT_LOCK) == 1, "0008's seat lock changed: update 0010_seat_leases"
    return check_in_sql.replace(SEAT_LOCK, LEASED_SEAT_LOCK)


def _door_functions() -> ModuleType | None:
    """Migration 0008's SQL (one source for the function's body; only its seat count differs)."""
    path = Path(__file__).with_name("0008_door_roundtrip.py")
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("kiosk_migration_0008", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
