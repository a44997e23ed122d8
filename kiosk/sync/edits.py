"""Undo, companions and check-out made while a station is apart: sent to the server at sync.

The journal of these edits is the replica's own audit log: the local desk writes an audit entry
in the same transaction as each edit, and a replica's audit log holds only what was decided on
it (the server's log is never copied down). So nothing can be edited offline without its journal
line, even across a crash. At sync the entries after the server's mark for this replica are
applied to the server's rows, in order, in one server transaction that also moves the mark:
each edit reaches the server exactly once.

Rules when the server changed the same row meanwhile (another station, or a supervisor):
- undo: applied unless the server row is already undone (then both wanted the same: nothing to do);
- companions: applied only if the server still has the number this station changed; otherwise the
  server's number stays and the pair is reported as an edit conflict for the supervisor;
- check-out: applied to an open row; a row the server already closed keeps the server's time;
  a row the server undid is reported as an edit conflict.
An edit of a row the server does not have yet (a check-in made apart) needs nothing here: the row
itself goes up by the merge with its edits already in it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import AuditEntry, CheckIn, Participant, Setting
from kiosk.storage.engine import Database
from kiosk.storage.retry import retry_conflicts

EDIT_ACTIONS = ("undo", "companions", "checkout")
SERVER_MARK_PREFIX = "station_sync.edits."  # + replica id, on the server: last replica audit id applied
LOCAL_MARK_KEY = "station_sync.edits_sent"  # in the replica: the same, for the pending count
EDIT_CONFLICTS_KEY = "station_sync.edit_conflicts"  # in the replica: JSON list, for the supervisor


@dataclass(frozen=True)
class EditConflict:
    """An edit made apart that the server's own change to the same row outranked."""

    kind: str  # undo | companions | checkout
    check_in_id: str
    participant_id: int
    name: str
    station: str  # where the edit was made
    mine: str  # what this station did, in words
    theirs: str  # what the server had meanwhile

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EditConflict:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


@dataclass
class EditReport:
    applied: int = 0
    already: int = 0  # the server already had the same change
    with_row: int = 0  # rows the server lacked: they go up with the merge
    conflicts: list[EditConflict] = field(default_factory=list)


def pending_edit_count(session: Session, journaled: set[str]) -> int:
    """Check-ins edited on this replica whose edits the server has not confirmed yet, leaving out
    the rows already in the journal (`journaled`: they go up whole, edits included)."""
    done = _local_mark(session)
    edited = set(session.scalars(select(AuditEntry.check_in_id).where(*_edits_after(done)).distinct()))
    return len(edited - journaled)


def _local_mark(session: Session) -> int:
    mark = session.get(Setting, LOCAL_MARK_KEY)
    return int(mark.value) if mark is not None and mark.value.isdigit() else 0


def _edits_after(done: int) -> tuple[Any, ...]:
    return (
        AuditEntry.id > done,
        AuditEntry.action.in_(EDIT_ACTIONS),
        AuditEntry.outcome == "ok",
        AuditEntry.check_in_id.is_not(None),
    )


def push_edits(local: Database, server: Database, replica_id: str, station: str) -> EditReport:
    """Apply this replica's edits the server has not had yet (see the module docstring)."""
    key = SERVER_MARK_PREFIX + replica_id
    with local.session() as session:
        if not session.scalars(select(AuditEntry.id).where(*_edits_after(_local_mark(session))).limit(1)).first():
            return EditReport()  # nothing edited apart since the last sync: no round trip

    def once() -> tuple[EditReport, int]:
        report = EditReport()
        with local.session() as src, server.write() as dst:
            mark = dst.get(Setting, key, with_for_update=True)
            done = int(mark.value) if mark is not None and mark.value.isdigit() else 0
            entries = src.scalars(select(AuditEntry).where(*_edits_after(done)).order_by(AuditEntry.id)).all()
            for entry in entries:
                _apply(src, dst, entry, station, report)
            last = entries[-1].id if entries else done
            if entries:
                dst.merge(Setting(key=key, value=str(last)))
        return report, last

    report, last = retry_conflicts(once, what="sync edits")
    with local.write() as session:
        session.merge(Setting(key=LOCAL_MARK_KEY, value=str(last)))
        if report.conflicts:
            row = session.get(Setting, EDIT_CONFLICTS_KEY)
            known = json.loads(row.value) if row is not None and row.value else []
            known += [c.to_json() for c in report.conflicts]
            session.merge(Setting(key=EDIT_CONFLICTS_KEY, value=json.dumps(known, ensure_ascii=False)))
    return report


def stored_edit_conflicts(session: Session) -> list[EditConflict]:
    row = session.get(Setting, EDIT_CONFLICTS_KEY)
    return [EditConflict.from_json(d) for d in (json.loads(row.value) if row is not None and row.value else [])]


def _apply(src: Session, dst: Session, entry: AuditEntry, station: str, report: EditReport) -> None:
    assert entry.check_in_id is not None
    theirs = dst.get(CheckIn, entry.check_in_id, with_for_update=True)
    mine = src.get(CheckIn, entry.check_in_id)
    if theirs is None or mine is None:
        report.with_row += 1  # made apart: the merge brings the row as it is now
        return
    detail = json.loads(entry.detail) if entry.detail else {}
    outcome, conflict = _decide(entry.action, mine, theirs, detail)
    if outcome == "applied":
        report.applied += 1
    elif outcome == "already":
        report.already += 1
    if conflict is not None:
        person = dst.get(Participant, theirs.participant_id)
        report.conflicts.append(EditConflict(
            entry.action, theirs.id, theirs.participant_id, person.name if person else "", entry.station, *conflict,
        ))  # fmt: skip
    audit.record(
        dst, action="sync_edit", outcome=outcome, event_id=theirs.event_id, station=station,
        operator=entry.operator, participant_id=theirs.participant_id, check_in_id=theirs.id,
        edit=entry.action, edited_at=entry.at.isoformat(), from_station=entry.station,
        mine=conflict[0] if conflict else None, theirs=conflict[1] if conflict else None,
    )  # fmt: skip


def _decide(action: str, mine: CheckIn, theirs: CheckIn, detail: dict[str, Any]) -> tuple[str, tuple[str, str] | None]:
    """Change `theirs` (the server's row) by one edit; returns the outcome and, for a conflict,
    (what this station did, what the server had) in words."""
    if action == "undo":
        if theirs.undone_at is not None:
            return "already", None
        theirs.undone_at = mine.undone_at
        theirs.undo_reason = detail.get("reason") or mine.undo_reason
        theirs.undone_by = mine.undone_by
        return "applied", None
    if action == "companions":
        before, after = int(detail.get("before", -1)), int(detail.get("after", mine.companions))
        if theirs.companions == after and _open(theirs):
            return "already", None
        if not _open(theirs):
            return "conflict", (f"동반인 {before}→{after}명 (companions)", _closed(theirs))
        if theirs.companions != before:
            return "conflict", (f"동반인 {before}→{after}명 (companions)", f"동반인 {theirs.companions}명 (companions, changed on the server)")
        theirs.companions = after
        return "applied", None
    # checkout
    if theirs.undone_at is not None:
        return "conflict", ("퇴장 처리 (check-out)", _closed(theirs))
    if theirs.checked_out_at is not None:
        return "already", None
    theirs.checked_out_at = mine.checked_out_at
    theirs.checked_out_station = mine.checked_out_station
    return "applied", None


def _open(row: CheckIn) -> bool:
    return row.undone_at is None and row.checked_out_at is None


def _closed(row: CheckIn) -> str:
    if row.undone_at is not None:
        return f"입장 취소됨 (undone: {row.undone_by or ''}, {row.undo_reason or ''})"
    return f"퇴장 처리됨 (checked out: {row.checked_out_station or ''})"
