"""A tamper-evident audit log: every entry carries the hash of the one before it.

Triggers refuse UPDATE and DELETE, but whoever can write the file can drop a trigger. So each
entry also stores `prev_hash` (the previous entry's hash; a fixed value for the first) and
`entry_hash` = SHA-256 of prev_hash and the entry's content, and the newest hash is kept outside
the table too, in `settings` (and so in every backup). Deleting or altering any entry, the first
and the last included, breaks a link or the head; `verify_chain` names the first broken entry.

The hashes are filled in just before the entries are written (a `before_flush` hook), under a
row lock on the head, so stations on one PostgreSQL server append one after another.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from kiosk.domain.models import AuditEntry, Setting, utcnow
from kiosk.storage.engine import Database

HEAD_KEY = "audit_chain_head"
GENESIS = hashlib.sha256(b"kiosk audit chain v1").hexdigest()


def _when(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_digest(prev_hash: str, e: AuditEntry) -> str:
    content = [
        prev_hash, e.event_id, _when(e.at), e.station or "", e.operator or "", e.action or "",
        e.outcome or "", e.participant_id, e.check_in_id, e.detail or "",
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _lock_head(session: Session) -> Setting:
    row = session.execute(
        select(Setting).where(Setting.key == HEAD_KEY).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None:  # a database made before the chain (the migration normally creates it)
        row = Setting(key=HEAD_KEY, value=GENESIS)
        session.add(row)
    return row


def _lock_events_first(session: Session, new: list[AuditEntry]) -> None:
    """PostgreSQL: the event rows before the chain's head, in every transaction.

    A check-in locks its event row first (the seat lock) and then, at flush, the head. An entry
    written without the seat lock (a refused scan, a PIN attempt) took the head first, and its
    insert then needs a share lock on the same event row (the foreign key): the two waited on
    each other. Four stations stopped for good that way under load. One order for all: events,
    then the head.
    """
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite: one writer at a time already
    from kiosk.domain.models import Event

    ids = sorted({e.event_id for e in new if e.event_id is not None})
    if ids:
        session.execute(select(Event.id).where(Event.id.in_(ids)).order_by(Event.id).with_for_update())


@event.listens_for(Session, "before_flush")
def _chain_new_entries(session: Session, _flush_context: object, _instances: object) -> None:
    new = [o for o in session.new if isinstance(o, AuditEntry) and not o.entry_hash]
    if not new:
        return
    # Insert order is the order the rows get their ids, which is the order verify walks.
    new.sort(key=lambda o: o._sa_instance_state.insert_order)  # type: ignore[attr-defined]
    with session.no_autoflush:
        _lock_events_first(session, new)
        head = _lock_head(session)
        prev = head.value or GENESIS
        for entry in new:
            if entry.at is None:
                entry.at = utcnow()
            entry.prev_hash = prev
            entry.entry_hash = prev = entry_digest(prev, entry)
        head.value = prev


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    broken_id: int | None = None  # the first entry that does not check out
    problem: str = ""
    missing_triggers: tuple[str, ...] = ()
    restored_triggers: bool = False
    chain_problem: str = ""  # what the hash chain alone says ("" when it is whole)


def verify_chain(session: Session) -> ChainReport:
    """Walk the log from the start; the first entry whose link or hash is wrong, or a wrong head."""
    prev = GENESIS
    count = 0
    last_id = None
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)).scalars()
    for entry in rows:
        count += 1
        if entry.prev_hash != prev:
            what = "첫 항목 앞이 지워졌습니다" if count == 1 else "바로 앞 항목이 지워졌거나 바뀌었습니다"
            return ChainReport(False, count, entry.id, f"항목 #{entry.id}: {what} (previous entry deleted or altered)")
        if entry.entry_hash != entry_digest(prev, entry):
            return ChainReport(False, count, entry.id, f"항목 #{entry.id}: 내용이 바뀌었습니다 (entry altered)")
        prev = entry.entry_hash
        last_id = entry.id
    head = session.get(Setting, HEAD_KEY)
    if head is not None and head.value and head.value != prev:
        where = f"#{last_id} 다음" if last_id is not None else "처음"
        return ChainReport(
            False, count, last_id, f"마지막 항목({where})이 지워졌습니다: 기록된 최신 해시와 다릅니다 (newest entries deleted)"
        )
    return ChainReport(True, count)


# -- the append-only triggers ----------------------------------------------------------------

SQLITE_TRIGGERS = {
    "audit_entries_no_update": "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    "audit_entries_no_delete": "CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
}
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$ LANGUAGE plpgsql
"""
PG_TRIGGER = (
    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
)


def missing_triggers(session: Session) -> tuple[str, ...]:
    if session.get_bind().dialect.name == "postgresql":
        found = set(
            session.scalars(
                text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND NOT tgisinternal")
            )
        )
        return () if "audit_entries_no_update" in found else ("audit_entries_no_update",)
    found = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    return tuple(name for name in SQLITE_TRIGGERS if name not in found)


def restore_triggers(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(PG_FUNCTION))
        session.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries"))
        session.execute(text(PG_TRIGGER))
        return
    for ddl in SQLITE_TRIGGERS.values():
        session.execute(text(ddl))


def check_audit(db: Database) -> ChainReport:
    """Verify the chain and the triggers; put missing triggers back. Never stops the door."""
    with db.write() as session:
        missing = missing_triggers(session)
        if missing:
            restore_triggers(session)
    with db.session() as session:
        report = verify_chain(session)
    return ChainReport(
        report.ok and not missing, report.entries, report.broken_id,
        report.problem or (f"트리거가 없어 다시 만들었습니다: {', '.join(missing)} (triggers restored)" if missing else ""),
        missing, bool(missing), report.problem,
    )  # fmt: skip


def missing_heads(session: Session, heads: list[tuple[str, str]]) -> list[str]:
    """Labels of recorded heads (from backups) that are no longer links of this chain.

    The hashes carry no secret, so someone who deletes an entry could recompute every hash after
    it; a head saved in an earlier backup then no longer appears in the chain, which shows it.
    """
    wanted = {h for _label, h in heads if h and h != GENESIS}
    if not wanted:
        return []
    present = set(session.scalars(select(AuditEntry.entry_hash).where(AuditEntry.entry_hash.in_(wanted))))
    return [label for label, h in heads if h and h != GENESIS and h not in present]
