"""One round trip per check-in on PostgreSQL: the door's decision as server-side functions.

`kiosk_door_check_in(...)` does in one statement what `CheckInDesk.admit_in` does in six plus
BEGIN/COMMIT: lock the event row (the seat lock; events before the audit head, as everywhere),
refuse a cancelled participant, report an open check-in, count seats, insert the check-in under
the caller's UUID (a retry after a lost reply finds it and answers ok again), append the audit
entry with its hash and move the chain's head. `kiosk_audit_append(...)` is the chain step
alone, for refused scans. The hash text is built to match `audit_chain.entry_digest` byte for
byte: Python's `json.dumps(..., ensure_ascii=False)` with its ", " and ": " separators;
PostgreSQL's `to_json(text)` escapes exactly the characters Python escapes (quote, backslash,
controls below U+0020, lowercase \\u00xx) and leaves the rest as it is.

SQLite has no server to run functions: there the desk keeps its Python path (a no-op here).

Revision ID: 0008_door_roundtrip
Revises: 0007_protocol
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0008_door_roundtrip"
down_revision = "0007_protocol"
branch_labels = None
depends_on = None

GENESIS = "'kiosk audit chain v1'"  # sha256 of this text is audit_chain.GENESIS

JSON_TEXT = """
CREATE OR REPLACE FUNCTION kiosk_json_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(to_json(t)::text, 'null') $$
"""

# Python's datetime.isoformat() of a UTC-aware time: no fraction when it is zero.
ISO_UTC = """
CREATE OR REPLACE FUNCTION kiosk_iso_utc(at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN extract(microseconds FROM at)::bigint % 1000000 = 0 THEN ''
                ELSE to_char(at AT TIME ZONE 'UTC', '.US') END
        || '+00:00'
$$
"""

AUDIT_APPEND = f"""
CREATE OR REPLACE FUNCTION kiosk_audit_append(
    p_event_id integer, p_station text, p_operator text, p_action text, p_outcome text,
    p_participant_id integer, p_check_in_id text, p_detail text
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_at timestamptz := now();
    v_prev text;
    v_hash text;
BEGIN
    IF p_event_id IS NOT NULL THEN  -- events before the head (audit_chain._lock_events_first)
        PERFORM 1 FROM events WHERE id = p_event_id FOR UPDATE;
    END IF;
    INSERT INTO settings (key, value) VALUES ('audit_chain_head', '') ON CONFLICT (key) DO NOTHING;
    SELECT value INTO v_prev FROM settings WHERE key = 'audit_chain_head' FOR UPDATE;
    v_prev := coalesce(nullif(v_prev, ''), encode(sha256(convert_to({GENESIS}, 'UTF8')), 'hex'));
    v_hash := encode(sha256(convert_to(
        '[' || kiosk_json_text(v_prev)
        || ', ' || coalesce(p_event_id::text, 'null')
        || ', ' || kiosk_json_text(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || ', ' || kiosk_json_text(coalesce(p_station, ''))
        || ', ' || kiosk_json_text(coalesce(p_operator, ''))
        || ', ' || kiosk_json_text(coalesce(p_action, ''))
        || ', ' || kiosk_json_text(coalesce(p_outcome, ''))
        || ', ' || coalesce(p_participant_id::text, 'null')
        || ', ' || kiosk_json_text(p_check_in_id)
        || ', ' || kiosk_json_text(coalesce(p_detail, ''))
        || ']', 'UTF8')), 'hex');
    INSERT INTO audit_entries
        (event_id, at, station, operator, action, outcome, participant_id, check_in_id, detail,
         prev_hash, entry_hash)
    VALUES
        (p_event_id, v_at, coalesce(p_station, ''), coalesce(p_operator, ''), p_action,
         coalesce(p_outcome, ''), p_participant_id, p_check_in_id, coalesce(p_detail, ''), v_prev, v_hash);
    UPDATE settings SET value = v_hash WHERE key = 'audit_chain_head';
END
$$
"""

CHECK_IN = """
CREATE OR REPLACE FUNCTION kiosk_door_check_in(
    p_event_id integer, p_participant_id integer, p_check_in_id text, p_code text, p_station text,
    p_operator text, p_method text, p_companions integer, p_override boolean, p_override_reason text,
    p_missing_why text
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
    v_p participants%ROWTYPE;
    v_cur check_ins%ROWTYPE;
    v_summary json;
    v_code text := '{"code": ' || kiosk_json_text(p_code);
    v_companions integer := greatest(0, coalesce(p_companions, 0));
    v_capacity integer;
    v_present integer;
    v_before integer;
    v_earlier json;
    v_over boolean;
BEGIN
    SELECT * INTO v_p FROM participants WHERE id = p_participant_id;
    IF NOT FOUND OR v_p.event_id <> p_event_id THEN
        IF p_missing_why IS NULL THEN
            PERFORM kiosk_audit_append(p_event_id, p_station, p_operator, 'checkin', 'not_found',
                                       NULL, NULL, v_code || '}');
        ELSE  -- a signed code whose participant is gone: refused while resolving, as in Python
            PERFORM kiosk_audit_append(p_event_id, p_station, p_operator, 'scan', 'not_found', NULL, NULL,
                                       v_code || ', "why": ' || kiosk_json_text(p_missing_why) || '}');
        END IF;
        RETURN json_build_object('status', 'not_found', 'detail', coalesce(p_missing_why, ''));
    END IF;
    v_summary := json_build_object(
        'id', v_p.id, 'name', v_p.name, 'organization', v_p.organization, 'title', v_p.title,
        'category', v_p.category, 'region', v_p.region, 'vip', v_p.is_vip, 'speaker', v_p.is_speaker,
        'walk_in', v_p.is_walk_in, 'companions_allowed', v_p.companions_allowed);

    -- A retry after a lost reply: our check-in is already here, and that is the answer.
    SELECT * INTO v_cur FROM check_ins WHERE id = p_check_in_id;
    IF FOUND THEN
        IF v_cur.participant_id <> v_p.id OR v_cur.event_id <> p_event_id THEN
            RAISE EXCEPTION 'check-in id % belongs to someone else', p_check_in_id;
        END IF;
        SELECT count(*), json_agg(json_build_array(checked_in_at, checked_out_at)
                                  ORDER BY checked_in_at, checked_out_at)
          INTO v_before, v_earlier
          FROM check_ins
         WHERE participant_id = v_p.id AND undone_at IS NULL AND checked_in_at < v_cur.checked_in_at;
        RETURN json_build_object(
            'status', 'ok', 'participant', v_summary, 'checked_in_at', v_cur.checked_in_at,
            'station', v_cur.station, 'check_in_id', v_cur.id, 'companions', v_cur.companions,
            'reentry', v_before > 0, 'entry_number', v_before + 1,
            'earlier', coalesce(v_earlier, '[]'::json), 'replayed', true);
    END IF;

    IF v_p.status = 'cancelled' THEN
        PERFORM kiosk_audit_append(p_event_id, p_station, p_operator, 'checkin', 'cancelled',
                                   v_p.id, NULL, v_code || '}');
        RETURN json_build_object('status', 'cancelled', 'participant', v_summary);
    END IF;

    -- Is the person inside? Asked once before the seat lock (a repeat scan never waits for it)
    -- and once under it (a rival station may have let them in meanwhile).
    FOR attempt IN 1..2 LOOP
        IF attempt = 2 THEN
            SELECT capacity INTO v_capacity FROM events WHERE id = p_event_id FOR UPDATE;
        END IF;
        SELECT * INTO v_cur FROM check_ins
         WHERE participant_id = v_p.id AND undone_at IS NULL AND checked_out_at IS NULL;
        IF FOUND THEN
            PERFORM kiosk_audit_append(
                p_event_id, p_station, p_operator, 'checkin', 'already_checked_in', v_p.id, v_cur.id,
                v_code || ', "first_station": ' || kiosk_json_text(v_cur.station)
                       || ', "first_at": ' || kiosk_json_text(kiosk_iso_utc(v_cur.checked_in_at)) || '}');
            RETURN json_build_object(
                'status', 'already_checked_in', 'participant', v_summary,
                'checked_in_at', v_cur.checked_in_at, 'station', v_cur.station, 'check_in_id', v_cur.id,
                'companions', v_cur.companions);
        END IF;
    END LOOP;

    SELECT count(*) + coalesce(sum(companions), 0) INTO v_present FROM check_ins
     WHERE event_id = p_event_id AND undone_at IS NULL AND checked_out_at IS NULL;
    v_over := v_present + 1 + v_companions > v_capacity;
    IF v_over AND NOT coalesce(p_override, false) THEN
        PERFORM kiosk_audit_append(
            p_event_id, p_station, p_operator, 'checkin', 'capacity_full', v_p.id, NULL,
            v_code || ', "present": ' || v_present || ', "capacity": ' || v_capacity
                   || ', "companions": ' || v_companions || '}');
        RETURN json_build_object('status', 'capacity_full', 'participant', v_summary,
                                 'present', v_present, 'capacity', v_capacity);
    END IF;

    -- Earlier entries, all closed by now: this is a re-entry, not a first arrival.
    SELECT count(*), json_agg(json_build_array(checked_in_at, checked_out_at)
                              ORDER BY checked_in_at, checked_out_at)
      INTO v_before, v_earlier
      FROM check_ins WHERE participant_id = v_p.id AND undone_at IS NULL;
    BEGIN
        INSERT INTO check_ins (id, event_id, participant_id, checked_in_at, station, method, operator, companions)
        VALUES (p_check_in_id, p_event_id, v_p.id, now(), p_station, p_method, coalesce(p_operator, ''),
                v_companions)
        RETURNING * INTO v_cur;
    EXCEPTION WHEN unique_violation THEN
        -- Someone who does not take the seat lock (a sync merge) let them in meanwhile.
        SELECT * INTO v_cur FROM check_ins
         WHERE participant_id = v_p.id AND undone_at IS NULL AND checked_out_at IS NULL;
        IF NOT FOUND THEN
            RAISE;
        END IF;
        PERFORM kiosk_audit_append(
            p_event_id, p_station, p_operator, 'checkin', 'already_checked_in', v_p.id, v_cur.id,
            v_code || ', "first_station": ' || kiosk_json_text(v_cur.station)
                   || ', "first_at": ' || kiosk_json_text(kiosk_iso_utc(v_cur.checked_in_at)) || '}');
        RETURN json_build_object(
            'status', 'already_checked_in', 'participant', v_summary,
            'checked_in_at', v_cur.checked_in_at, 'station', v_cur.station, 'check_in_id', v_cur.id,
            'companions', v_cur.companions);
    END;
    PERFORM kiosk_audit_append(
        p_event_id, p_station, p_operator, 'checkin', 'ok', v_p.id, v_cur.id,
        v_code || ', "method": ' || kiosk_json_text(p_method)
               || ', "companions": ' || v_companions
               || ', "vip": ' || CASE WHEN v_p.is_vip THEN 'true' ELSE 'false' END
               || ', "override": ' || CASE WHEN p_override THEN 'true' ELSE 'null' END
               || ', "reentry": ' || CASE WHEN v_before > 0 THEN 'true' ELSE 'null' END
               || ', "override_reason": ' || kiosk_json_text(nullif(p_override_reason, ''))
               || ', "over_capacity": ' || CASE WHEN v_over THEN 'true' ELSE 'null' END || '}');
    RETURN json_build_object(
        'status', 'ok', 'participant', v_summary, 'checked_in_at', v_cur.checked_in_at,
        'station', v_cur.station, 'check_in_id', v_cur.id, 'companions', v_cur.companions,
        'reentry', v_before > 0, 'entry_number', v_before + 1,
        'earlier', coalesce(v_earlier, '[]'::json), 'replayed', false);
END
$$
"""

FUNCTIONS = (
    "kiosk_door_check_in(integer, integer, text, text, text, text, text, integer, boolean, text, text)",
    "kiosk_audit_append(integer, text, text, text, text, integer, text, text)",
    "kiosk_iso_utc(timestamptz)",
    "kiosk_json_text(text)",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite: the desk decides in Python inside one local transaction
    for ddl in (JSON_TEXT, ISO_UTC, AUDIT_APPEND, CHECK_IN):
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for signature in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
