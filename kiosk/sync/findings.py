"""What a sync found that the supervisor must see: the room over capacity, a cancelled guest admitted.

Both are decided inside the merge's own write transaction on the target (so a finding can never
be lost between the merge and its audit line), written to the target's audit log
(`sync_overshoot`, `sync_cancelled_admitted`) and returned in `MergeSummary.findings`. A station
keeps them in its replica (`keep`) until the supervisor acknowledges them, like conflicts.

A participant cancelled on the server while a station was apart: the station could not know, so
its door admitted them (the verdict said ok and the person walked in). After the sync the
check-in stays (the person is inside: the headcount must say so); the supervisor is told, and
decides whether to ask them out (check-out or undo, both audited).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.clock import door_time
from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, CheckIn, Event, InvitationStatus, Participant, Setting

if TYPE_CHECKING:
    from kiosk.sync.merge import _Folder

FINDINGS_KEY = "station_sync.findings"  # JSON list kept in a station's replica for the supervisor
OVERSHOOT = "overshoot"
CANCELLED_ADMITTED = "cancelled_admitted"


@dataclass(frozen=True)
class SyncFinding:
    kind: str  # OVERSHOOT | CANCELLED_ADMITTED
    at: datetime  # when the sync found it (UTC)
    stations: tuple[str, ...]  # whose offline check-ins brought it
    present: int = 0
    capacity: int = 0
    over: int = 0  # people inside beyond capacity after the sync
    added: int = 0  # of which this sync brought
    overrides: int = 0  # supervisor overrides among the check-ins this sync brought
    participant_id: int | None = None
    name: str = ""
    check_in_id: str | None = None
    checked_in_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["stations"] = list(self.stations)
        for key in ("at", "checked_in_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SyncFinding:
        values = dict(data)
        values["stations"] = tuple(values.get("stations") or ())
        for key in ("at", "checked_in_at"):
            values[key] = datetime.fromisoformat(values[key]) if values.get(key) else None
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


# -- inside the merge -----------------------------------------------------------------------------


def present_before(folder: _Folder, rows: Sequence[CheckIn]) -> dict[int, int]:
    """Present per target event before the fold, counted under the merge's seat lock."""
    from kiosk.sync.merge import MergeError

    before: dict[int, int] = {}
    for source_event in {r.event_id for r in rows}:
        try:
            event = folder.target_event(source_event)  # locks the event row (PostgreSQL)
        except MergeError:
            continue  # the fold itself reports it
        before.setdefault(event.id, present_count(folder.dst, event.id))
    return before


def record(folder: _Folder, rows: Sequence[CheckIn], before: dict[int, int]) -> None:
    """After the fold: audit and list any overshoot it caused and any cancelled guest it admitted."""
    dst, summary = folder.dst, folder.summary
    inserted = set(summary.inserted_ids)
    brought = [r for r in rows if r.id in inserted]
    if not brought:
        return
    now = door_time(dst).at  # the server's time on a station's sync, not this laptop's
    for event_id, present_then in before.items():
        event = dst.get(Event, event_id)
        assert event is not None
        present = present_count(dst, event_id)
        over = max(0, present - event.capacity)
        added = over - max(0, present_then - event.capacity)
        if added <= 0:
            continue
        stations = tuple(sorted({r.station for r in brought}))
        overrides = _overrides(folder.src, [r.id for r in brought])
        audit.record(
            dst, action="sync_overshoot", outcome="over_capacity", event_id=event_id, station=folder.station,
            present=present, capacity=event.capacity, over=over, added=added, overrides=overrides,
            from_stations=list(stations), source=summary.source,
        )  # fmt: skip
        summary.findings.append(SyncFinding(OVERSHOOT, now, stations, present, event.capacity, over, added, overrides))
    for row in brought:
        copy = dst.get(CheckIn, row.id)
        if copy is None or copy.undone_at is not None:
            continue  # lost a conflict: the person's other check-in stands
        person = dst.get(Participant, copy.participant_id)
        if person is None or person.status != InvitationStatus.CANCELLED:
            continue
        audit.record(
            dst, action="sync_cancelled_admitted", outcome="kept_present", event_id=copy.event_id,
            station=folder.station, participant_id=person.id, check_in_id=copy.id, name=person.name,
            organization=person.organization, from_station=copy.station,
            checked_in_at=copy.checked_in_at.isoformat(),
        )  # fmt: skip
        summary.findings.append(
            SyncFinding(CANCELLED_ADMITTED, now, (copy.station,), participant_id=person.id, name=person.name,
                        check_in_id=copy.id, checked_in_at=copy.checked_in_at)  # fmt: skip
        )


def _overrides(src: Session, check_in_ids: list[str]) -> int:
    """How many of these check-ins the source's audit log shows as let in over capacity."""
    count = 0
    for start in range(0, len(check_in_ids), 500):
        details = src.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.action == "checkin", AuditEntry.outcome == "ok",
                AuditEntry.check_in_id.in_(check_in_ids[start : start + 500]),
            )  # fmt: skip
        )
        for detail in details:
            try:
                count += bool(json.loads(detail or "{}").get("override"))
            except (ValueError, AttributeError):
                continue
    return count


# -- kept in a station's replica ------------------------------------------------------------------


def keep(session: Session, findings: Sequence[SyncFinding]) -> None:
    if not findings:
        return
    session.merge(Setting(key=FINDINGS_KEY, value=json.dumps([f.to_json() for f in [*kept(session), *findings]],
                                                             ensure_ascii=False)))  # fmt: skip


def kept(session: Session) -> list[SyncFinding]:
    row = session.get(Setting, FINDINGS_KEY)
    return [SyncFinding.from_json(item) for item in (json.loads(row.value) if row is not None and row.value else [])]


def acknowledge(session: Session) -> list[SyncFinding]:
    """The supervisor has seen them: clear the list; returns what was cleared (for the audit)."""
    findings = kept(session)
    if findings:
        session.execute(delete(Setting).where(Setting.key == FINDINGS_KEY))
    return findings


def audit_acknowledged(session: Session, findings: Sequence[SyncFinding], *, event_id: int | None, station: str,
                       operator: str) -> None:  # fmt: skip
    audit.record(
        session, action="sync_findings", outcome="acknowledged", event_id=event_id, station=station,
        operator=operator, count=len(findings), kinds=sorted({f.kind for f in findings}),
    )  # fmt: skip


def audited_count(session: Session, action: str) -> int:
    """How many findings of one kind the audit log holds (for status and tests)."""
    return int(session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)) or 0)
