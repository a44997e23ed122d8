"""Live updates: the shared server announces its changes (LISTEN/NOTIFY) instead of being polled.

Statement-level AFTER triggers on the tables other stations must follow call `pg_notify` on the
channel `kiosk_changes` with a small JSON payload: {"event": id or null, "what": "check_ins" |
"roster" | "event" | "settings", "station": the writer's `kiosk.station` setting or ""}.
One statement sends at most one notification however many rows it touched (a roster import is
one per table, not one per row), PostgreSQL folds identical payloads of one transaction into one,
and delivers them only at COMMIT: a rolled-back transaction announces nothing. A statement that
changed no row announces nothing either (the transition table is empty).

Settings written for every audited action (the audit chain head) or by a station's sync bookkeeping
never leave their database (see kiosk/sync/replica.py `_LOCAL_ONLY`), so they are not announced.

A no-op on SQLite: a single file has no other stations to tell.

Revision ID: 0009_notify
Revises: 0008_door_roundtrip (chained after main's 0008 when main was merged in)
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0009_notify"
down_revision = "0008_door_roundtrip"
branch_labels = None
depends_on = None

CHANNEL = "kiosk_changes"  # kiosk/storage/listen.py listens on it

# table -> (what the payload says changed, the column holding the event id)
TABLES = {
    "check_ins": ("check_ins", "event_id"),
    "participants": ("roster", "event_id"),
    "events": ("event", "id"),
    "program_items": ("event", "event_id"),
    "settings": ("settings", ""),
}
OPERATIONS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}

NOTIFY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kiosk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    what text := TG_ARGV[0];
    event_column text := TG_ARGV[1];
    rows_changed bigint := 0;
    events_changed bigint := 0;
    event_id bigint;
BEGIN
    IF TG_OP <> 'TRUNCATE' THEN
        IF event_column = '' THEN
            -- settings: only keys every station shares (see the module docstring)
            EXECUTE $q$SELECT count(*) FROM changed_rows
                       WHERE key NOT LIKE 'audit\\_chain\\_%' AND key NOT LIKE 'merge.%'
                         AND key NOT LIKE 'station\\_sync.%'$q$ INTO rows_changed;
        ELSE
            EXECUTE format('SELECT count(*), count(DISTINCT %1$I), min(%1$I) FROM changed_rows', event_column)
                INTO rows_changed, events_changed, event_id;
            IF events_changed <> 1 THEN
                event_id := NULL;  -- several events (or none named): "any event"
            END IF;
        END IF;
        IF rows_changed = 0 THEN
            RETURN NULL;
        END IF;
    END IF;
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'event', event_id, 'what', what,
        'station', coalesce(current_setting('kiosk.station', true), ''))::text);
    RETURN NULL;
END
$fn$
"""


def _trigger(table: str, operation: str) -> str:
    return f"kiosk_notify_{table}_{operation}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOTIFY_FUNCTION)
    for table, (what, column) in TABLES.items():
        for operation, side in OPERATIONS.items():
            op.execute(
                f"CREATE TRIGGER {_trigger(table, operation)} AFTER {operation.upper()} ON {table} "
                f"REFERENCING {side} TABLE AS changed_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION kiosk_notify_change('{what}', '{column}')"
            )
        op.execute(
            f"CREATE TRIGGER {_trigger(table, 'truncate')} AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION kiosk_notify_change('{what}', '{column}')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        for operation in (*OPERATIONS, "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, operation)} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS kiosk_notify_change()")
