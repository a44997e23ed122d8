"""What a merge or a sync did: counts, and the conflicts a supervisor should look at."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from kiosk.domain.models import CheckIn


@dataclass(frozen=True)
class CheckInRef:
    id: str
    station: str
    checked_in_at: datetime
    companions: int = 0  # the conflict screen shows both sides' companions

    @classmethod
    def of(cls, row: CheckIn) -> CheckInRef:
        return cls(row.id, row.station, row.checked_in_at, row.companions)


@dataclass(frozen=True)
class Conflict:
    """One person checked in on two stations while they could not see each other."""

    participant_id: int
    name: str
    kept: CheckInRef
    dropped: CheckInRef

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for side in ("kept", "dropped"):
            data[side]["checked_in_at"] = data[side]["checked_in_at"].isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conflict:
        kept, dropped = (
            CheckInRef(d["id"], d["station"], datetime.fromisoformat(d["checked_in_at"]), int(d.get("companions", 0)))
            for d in (data["kept"], data["dropped"])
        )
        return cls(int(data["participant_id"]), str(data["name"]), kept, dropped)


@dataclass(frozen=True)
class UnsurePair:
    """Two people kept apart who might be one (same name and organisation, phone or e-mail)."""

    added_id: int
    existing_id: int
    added_name: str
    existing_name: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class MergeSummary:
    source: str
    target: str
    check_ins_seen: int = 0
    inserted: int = 0
    already_present: int = 0
    updated: int = 0
    participants_matched: int = 0
    participants_created: int = 0
    audit_copied: int = 0
    over_capacity: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    unsure: list[UnsurePair] = field(default_factory=list)
    inserted_ids: list[str] = field(default_factory=list)
    target_purged: bool = False  # the target's personal data was purged: none is brought back
    personal_data_stripped: int = 0  # people added without the phone/e-mail/notes they carried
    findings: list[Any] = field(default_factory=list)  # sync.findings.SyncFinding: overshoot, cancelled admitted

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.participants_created or self.audit_copied)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "check_ins": {
                "seen": self.check_ins_seen,
                "inserted": self.inserted,
                "already_present": self.already_present,
                "updated": self.updated,
                "conflicts": len(self.conflicts),
            },
            "participants": {"matched": self.participants_matched, "created": self.participants_created},
            "audit_entries_copied": self.audit_copied,
            "over_capacity": self.over_capacity,
            "target_purged": self.target_purged,
            "personal_data_stripped": self.personal_data_stripped,
            "conflicts": [c.to_json() for c in self.conflicts],
            "unsure_pairs": [u.to_json() for u in self.unsure],
            "changed": self.changed,
            "findings": [f.to_json() for f in self.findings],
        }
