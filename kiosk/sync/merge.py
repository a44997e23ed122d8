"""Fold one database's check-ins into another, by check-in UUID: idempotent, nothing lost.

Used by `kiosk merge OTHER_DB` (a laptop that worked alone) and by a station syncing its offline
journal back to the shared server. Rules:

- a check-in whose UUID the target already has is not copied again (closing it -- a check-out or
  an undo made later on the source -- is carried over once);
- participants are matched only by a stable identity: their `uid` (the same person in every copy
  of one event, a walk-in's own UUID included), else their registration (external) code, else --
  for rows older than uids -- their id within the same event lineage when the names agree. Never
  by name + organisation: two 김민수 of 개인 are two people. Anyone unmatched is added; when an
  added person looks like someone already there (same name and organisation, or phone, or e-mail)
  both are kept and the pair is listed (`unsure`) for the supervisor;
- one person inside twice: the first check-in (by checked_in_at) wins; the other is kept but
  marked undone ("동기화 충돌") and listed as a conflict for the supervisor;
- the source's audit entries are copied once (a per-source high-water mark in `settings`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Collection
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.domain import (
    audit,
    audit_chain,  # noqa: F401 - copied entries join this database's chain
)
from kiosk.domain.checkin import active_check_in, normalise_external_code
from kiosk.domain.clock import door_time
from kiosk.domain.events import active_event
from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, CheckIn, Event, Participant, Setting
from kiosk.domain.purge import purged_through_event
from kiosk.domain.purge_audit import scrubbed_detail
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.retry import retry_conflicts
from kiosk.sync import findings
from kiosk.sync.outcome import CheckInRef, Conflict, MergeSummary, UnsurePair

__all__ = ["CheckInRef", "Conflict", "MergeError", "MergeSummary", "UnsurePair", "merge_databases", "merge_file"]

SOURCE_ID_KEY = "station_sync.database_id"  # set on station replicas; optional elsewhere
_AUDIT_MARK = "merge.audit."  # + source id: the highest source audit id already copied
CONFLICT_REASON = "동기화 충돌: 먼저 체크인된 기록을 유지 (sync conflict: first check-in wins)"
_PARTICIPANT_FIELDS = (
    "uid", "name", "organization", "title", "category", "region", "email", "phone", "is_vip", "is_speaker",
    "companions_allowed", "external_code", "status", "is_walk_in", "notes",
    "precedence", "intro_wording",
)  # fmt: skip
_CHECK_IN_FIELDS = (
    "id", "checked_in_at", "station", "method", "operator", "companions", "checked_out_at",
    "checked_out_station", "undone_at", "undo_reason", "undone_by",
    "deputy_name", "deputy_title", "deputy_organization",  # 대리 참석 travels with its check-in
)  # fmt: skip


class MergeError(ValueError):
    """The two databases cannot be merged (the message says why, in Korean first)."""


def source_identity(session: Session) -> str | None:
    """A stable name for a source database: its station id, else a hash of its first audit entry."""
    marked = session.get(Setting, SOURCE_ID_KEY)
    if marked is not None and marked.value:
        return marked.value
    first = session.scalars(select(AuditEntry).order_by(AuditEntry.id).limit(1)).first()
    if first is None:
        return None
    seed = f"{first.at.isoformat()}|{first.station}|{first.action}|{first.outcome}|{first.detail}"
    return hashlib.sha256(seed.encode()).hexdigest()[:16]


class _Folder:
    """One merge run: the source session (read) and the target session (one write transaction)."""

    def __init__(self, src: Session, dst: Session, summary: MergeSummary, *, station: str, any_event: bool):
        self.src, self.dst, self.summary = src, dst, summary
        self.station = station
        self.any_event = any_event
        self.events: dict[int, Event] = {}
        self.people: dict[int, Participant] = {}
        # After a purge, what arrives keeps its name, organisation and check-in, not its contacts.
        self.purged_through = purged_through_event(dst)
        self.purged = False  # set once a purged target event is met

    def target_event(self, source_event_id: int) -> Event:
        if source_event_id in self.events:
            return self.events[source_event_id]
        theirs = self.src.get(Event, source_event_id)
        assert theirs is not None
        stmt = select(Event).where(Event.token_tag == theirs.token_tag)
        if self.dst.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()  # live scans wait while we fold, so seats stay exact
        ours = self.dst.scalars(stmt).first()
        if ours is None and self.any_event:
            ours = active_event(self.dst)
        if ours is None:
            raise MergeError(
                f"대상 데이터베이스에 같은 행사가 없습니다: '{theirs.name}' (tag {theirs.token_tag}). "
                "다른 행사에 합치려면 --any-event 를 쓰세요."
            )
        self.events[source_event_id] = ours
        if ours.id <= self.purged_through:
            self.purged = self.summary.target_purged = True
        return ours

    def target_participant(self, source_pid: int, *, create: bool = True) -> Participant | None:
        if source_pid in self.people:
            return self.people[source_pid]
        theirs = self.src.get(Participant, source_pid)
        assert theirs is not None
        event = self.target_event(theirs.event_id)
        src_event = self.src.get(Event, theirs.event_id)
        same_lineage = src_event is not None and src_event.token_tag == event.token_tag
        ours = self._match(event, theirs, same_lineage=same_lineage)
        if ours is None and not create:
            return None
        if ours is None:
            lookalikes = self._lookalikes(event, theirs)
            fields = {f: getattr(theirs, f) for f in _PARTICIPANT_FIELDS}
            if event.id <= self.purged_through:
                if fields["phone"] or fields["email"] or fields["notes"]:
                    self.summary.personal_data_stripped += 1
                fields.update(phone=None, email=None, notes="")
            ours = Participant(event_id=event.id, **fields)
            self.dst.add(ours)
            self.dst.flush()
            self.summary.participants_created += 1
            for other in lookalikes:
                self.summary.unsure.append(UnsurePair(ours.id, other.id, ours.name, other.name))
        else:
            self.summary.participants_matched += 1
        self.people[source_pid] = ours
        return ours

    def _match(self, event: Event, theirs: Participant, *, same_lineage: bool) -> Participant | None:
        in_event = select(Participant).where(Participant.event_id == event.id)
        if theirs.uid:
            found = self.dst.scalars(in_event.where(Participant.uid == theirs.uid)).first()
            if found is not None:
                return found
        if theirs.external_code:
            wanted = normalise_external_code(theirs.external_code)
            for p in self.dst.scalars(in_event.where(Participant.external_code.is_not(None))):
                if normalise_external_code(p.external_code or "") == wanted:
                    return p
        if same_lineage:
            # Only rows without identities on one side (a file from before uids): the id is theirs
            # in the same event, and the name must agree too.
            same_id = self.dst.get(Participant, theirs.id)
            if (
                same_id is not None
                and same_id.event_id == event.id
                and same_id.name == theirs.name
                and (not theirs.uid or not same_id.uid)
            ):
                return same_id
        return None

    def _lookalikes(self, event: Event, theirs: Participant) -> list[Participant]:
        """People already in the target who might be `theirs`: kept apart, listed for a human."""
        clues = [(Participant.name == theirs.name.strip()) & (Participant.organization == theirs.organization.strip())]
        if theirs.phone:
            clues.append(Participant.phone == theirs.phone)
        if theirs.email:
            clues.append(func.lower(Participant.email) == theirs.email.strip().lower())
        return list(self.dst.scalars(select(Participant).where(Participant.event_id == event.id, or_(*clues))))

    def fold(self, row: CheckIn) -> None:
        self.summary.check_ins_seen += 1
        existing = self.dst.get(CheckIn, row.id)
        if existing is not None:
            self._carry_closing(row, existing)
            return
        event = self.target_event(row.event_id)
        person = self.target_participant(row.participant_id)
        assert person is not None
        copy = CheckIn(event_id=event.id, participant_id=person.id,
                       **{f: getattr(row, f) for f in _CHECK_IN_FIELDS})  # fmt: skip
        outcome = "inserted"
        if copy.undone_at is None and copy.checked_out_at is None:
            current = active_check_in(self.dst, person.id)
            if current is not None:
                outcome = "conflict"
                # First check-in wins; ties go to the row already in the target.
                loser = copy if current.checked_in_at <= copy.checked_in_at else current
                winner = current if loser is copy else copy
                loser.undone_at = door_time(self.dst).at  # the server's clock, not this laptop's
                loser.undo_reason = CONFLICT_REASON
                loser.undone_by = "sync"
                self.dst.flush()  # the unique index must see the loser closed before the winner lands
                self.summary.conflicts.append(
                    Conflict(person.id, person.name, CheckInRef.of(winner), CheckInRef.of(loser))
                )
        self.dst.add(copy)
        self.dst.flush()
        self.summary.inserted += 1
        self.summary.inserted_ids.append(copy.id)
        audit.record(
            self.dst, action="merge", outcome=outcome, event_id=event.id, station=self.station,
            participant_id=person.id, check_in_id=copy.id, from_station=row.station,
            source=self.summary.source,
        )  # fmt: skip

    def _carry_closing(self, row: CheckIn, existing: CheckIn) -> None:
        changed = False
        if row.checked_out_at is not None and existing.checked_out_at is None and existing.undone_at is None:
            existing.checked_out_at = row.checked_out_at
            existing.checked_out_station = row.checked_out_station
            changed = True
        if row.undone_at is not None and existing.undone_at is None:
            existing.undone_at, existing.undo_reason, existing.undone_by = (
                row.undone_at, row.undo_reason, row.undone_by,
            )  # fmt: skip
            changed = True
        if changed:
            self.summary.updated += 1
        else:
            self.summary.already_present += 1

    def copy_audit(self, source_id: str | None) -> None:
        if source_id is None:
            return
        key = _AUDIT_MARK + source_id
        mark = self.dst.get(Setting, key)
        done = int(mark.value) if mark is not None and mark.value.isdigit() else 0
        rows = self.src.scalars(select(AuditEntry).where(AuditEntry.id > done).order_by(AuditEntry.id)).all()
        if not rows:
            return
        seen: set[tuple[Any, ...]] = set()
        if self.src.get(Setting, SOURCE_ID_KEY) is None:
            # A file copied from the target shares its early audit entries: skip exact twins.
            seen = {_audit_key(e) for e in self.dst.scalars(select(AuditEntry))}
        for entry in rows:
            if _audit_key(entry) in seen:
                continue
            event_id, pid = None, None
            # An audit line never adds a person or fails the merge: unknown ones keep no link.
            with contextlib.suppress(MergeError):
                if entry.event_id is not None:
                    event_id = self.target_event(entry.event_id).id
                if entry.participant_id is not None and self.src.get(Participant, entry.participant_id):
                    person = self.target_participant(entry.participant_id, create=False)
                    pid = person.id if person is not None else None
            detail = scrubbed_detail(entry.detail) if self.purged else entry.detail  # typed codes
            self.dst.add(AuditEntry(
                event_id=event_id, at=entry.at, station=entry.station, operator=entry.operator,
                action=entry.action, outcome=entry.outcome, participant_id=pid,
                check_in_id=entry.check_in_id, detail=_with_origin(detail, source_id, entry.id),
            ))  # fmt: skip
            self.summary.audit_copied += 1
        if mark is None:
            self.dst.add(Setting(key=key, value=str(rows[-1].id)))
        else:
            mark.value = str(rows[-1].id)

    def check_capacity(self) -> None:
        for event in {e.id: e for e in self.events.values()}.values():
            self.summary.over_capacity += max(0, present_count(self.dst, event.id) - event.capacity)


def _audit_key(entry: AuditEntry) -> tuple[Any, ...]:
    return (entry.at, entry.station, entry.action, entry.outcome, entry.check_in_id)


def _with_origin(detail: str, source_id: str, audit_id: int) -> str:
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        data = {"text": detail}
    if not isinstance(data, dict):
        data = {"value": data}
    data["merged_from"] = f"{source_id}#{audit_id}"
    return json.dumps(data, ensure_ascii=False, default=str)


def merge_databases(
    source: Database,
    target: Database,
    *,
    station: str = "merge",
    only_ids: Collection[str] | None = None,
    any_event: bool = False,
    copy_audit: bool = True,
    dry_run: bool = False,
) -> MergeSummary:
    """Fold `source` into `target` in one target transaction; returns what was done."""
    def once() -> MergeSummary:
        summary = MergeSummary(source=_label(source), target=_label(target))
        # A dry run counts everything, then raises so the target transaction rolls back.
        with contextlib.suppress(_DryRunDone):
            _merge_into(source, target, summary, station, only_ids, any_event, copy_audit, dry_run)
        return summary

    # A deadlock with a live station rolls the whole fold back: fold again from the start.
    return retry_conflicts(once, what="merge")


class _DryRunDone(Exception):
    pass


def _merge_into(
    source: Database,
    target: Database,
    summary: MergeSummary,
    station: str,
    only_ids: Collection[str] | None,
    any_event: bool,
    copy_audit: bool,
    dry_run: bool,
) -> None:
    with source.session() as src, target.write() as dst:
        folder = _Folder(src, dst, summary, station=station, any_event=any_event)
        stmt = select(CheckIn).order_by(CheckIn.checked_in_at, CheckIn.id)
        if only_ids is not None:
            stmt = stmt.where(CheckIn.id.in_(list(only_ids)))
        rows = src.scalars(stmt).all()
        before = findings.present_before(folder, rows)  # seats-over is judged against this
        for row in rows:
            folder.fold(row)
        if copy_audit:
            folder.copy_audit(source_identity(src))
        folder.check_capacity()
        findings.record(folder, rows, before)  # overshoot / cancelled admitted: audited, listed
        if dry_run:
            raise _DryRunDone


def merge_file(source_path: Path, target: Database, **options: Any) -> MergeSummary:
    """Merge a SQLite file without touching it: a snapshot copy is brought to this schema first."""
    if not source_path.is_file():
        raise MergeError(f"합칠 데이터베이스 파일이 없습니다: {source_path}")
    if target.path is not None and target.path.resolve() == source_path.resolve():
        raise MergeError("원본과 대상이 같은 파일입니다 (source and target are the same file)")
    with tempfile.TemporaryDirectory(prefix="kiosk-merge-") as tmp:
        snapshot = Path(tmp) / "source.db"
        try:
            with closing(sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)) as src, closing(
                sqlite3.connect(snapshot)
            ) as dst:
                src.backup(dst)
        except sqlite3.DatabaseError as exc:
            raise MergeError(f"SQLite 데이터베이스가 아닙니다: {source_path} ({exc})") from exc
        with closing(sqlite3.connect(snapshot)) as check:
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"events", "check_ins"} <= tables:
            # An empty file (a copy that failed) or another program's database: "nothing new to
            # merge" would tell the supervisor this station's check-ins are already on the server.
            what = "빈 파일입니다" if source_path.stat().st_size == 0 else "kiosk 행사 파일이 아닙니다"
            raise MergeError(
                f"합칠 수 없습니다: {source_path} — {what}. 다른 PC의 행사 파일을 다시 복사해 오세요. "
                f"(not a kiosk event file: {'empty' if source_path.stat().st_size == 0 else 'no kiosk tables'})"
            )
        source = Database.open(snapshot)
        try:
            migrate.upgrade(source)
            summary = merge_databases(source, target, **options)
        finally:
            source.dispose()
    summary.source = str(source_path)
    return summary


def _label(db: Database) -> str:
    from kiosk.storage.postgres import redacted

    return str(db.path) if db.path is not None else redacted(db.url)
