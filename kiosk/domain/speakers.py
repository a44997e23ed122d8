"""The protocol boards: the program's presenters per session (arrived or not), and VIP arrivals.

Presenters are named in each program item's `presenters` JSON; the roster marks them with
`is_speaker` and `speaker_session_id`. A presenter the roster does not know is still listed
(not arrived), so a missing registration is noticed before the session starts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.checkin import ParticipantSummary
from kiosk.domain.models import AuditEntry, Category, CheckIn, Participant, ProgramItem

# Titles whose holders protocol staff must greet in person, flagged VIP or not.
PROTOCOL_TITLES = ("장관", "차관", "위원장", "국회의원", "의원")


@dataclass(frozen=True)
class SpeakerStatus:
    name: str
    organization: str
    region: str
    participant_id: int | None
    arrived_at: datetime | None

    @property
    def arrived(self) -> bool:
        return self.arrived_at is not None


@dataclass(frozen=True)
class SessionBoard:
    item_id: int
    title: str
    detail: str
    starts_at: datetime
    ends_at: datetime
    speakers: list[SpeakerStatus]

    @property
    def arrived(self) -> int:
        return sum(s.arrived for s in self.speakers)


def _arrivals(session: Session, event_id: int) -> dict[int, datetime]:
    """First arrival time of everyone who is checked in (undone check-ins do not count)."""
    rows = session.execute(
        select(CheckIn.participant_id, CheckIn.checked_in_at)
        .where(CheckIn.event_id == event_id, CheckIn.undone_at.is_(None))
        .order_by(CheckIn.checked_in_at)
    )
    first: dict[int, datetime] = {}
    for pid, at in rows:
        first.setdefault(pid, at)
    return first


def speaker_board(session: Session, event_id: int) -> list[SessionBoard]:
    """Program items that have presenters, in program order."""
    items = session.scalars(
        select(ProgramItem).where(ProgramItem.event_id == event_id).order_by(ProgramItem.position)
    ).all()
    speakers = session.scalars(
        select(Participant).where(Participant.event_id == event_id, Participant.is_speaker.is_(True))
    ).all()
    arrivals = _arrivals(session, event_id)
    boards: list[SessionBoard] = []
    for item in items:
        try:
            named = json.loads(item.presenters or "[]")
        except ValueError:
            named = []
        in_session = [p for p in speakers if p.speaker_session_id == item.id]
        rows: list[SpeakerStatus] = []
        matched: set[int] = set()
        for presenter in named:
            name = str(presenter.get("name", "")).strip()
            person = next((p for p in in_session if p.name == name), None) or next(
                (p for p in speakers if p.name == name and p.id not in matched), None
            )
            if person is not None:
                matched.add(person.id)
            rows.append(
                SpeakerStatus(
                    name=name,
                    organization=person.organization if person else str(presenter.get("organization", "")),
                    region=str(presenter.get("region", "")) or (person.region if person else ""),
                    participant_id=person.id if person else None,
                    arrived_at=arrivals.get(person.id) if person else None,
                )
            )
        # Speakers the roster assigns to this session that the program text does not name.
        for p in in_session:
            if p.id not in matched:
                rows.append(SpeakerStatus(p.name, p.organization, p.region, p.id, arrivals.get(p.id)))
        if rows:
            boards.append(SessionBoard(item.id, item.title, item.detail, item.starts_at, item.ends_at, rows))
    return boards


def protocol_reason(summary: ParticipantSummary) -> str | None:
    """Why protocol staff must know this guest arrived ("국회의원", "장관", "VIP"), or None."""
    return protocol_reason_of(summary.category, summary.title, summary.vip)


def protocol_reason_of(category: str, title: str, vip: bool) -> str | None:
    """The same rule for any record (the desk's alert and the report's VIP list must agree: a
    국회의원 imported without a 구분 column is a protocol guest in both)."""
    if category == Category.LAWMAKER.value:
        return "국회의원"
    title = title.replace(" ", "")
    for word in PROTOCOL_TITLES:
        # "제1차관" and "국토도시실장" differ: only a title that ends with the word counts.
        if title.endswith(word):
            return "위원장" if word == "위원장" else word
    return "VIP" if vip else None


@dataclass(frozen=True)
class VipArrival:
    participant: ParticipantSummary
    reason: str
    arrived_at: datetime
    station: str
    companions: int
    deputy: str = ""  # 대리 참석: "한지원 제2차관"


def vip_arrivals(session: Session, event_id: int) -> list[VipArrival]:
    """Protocol guests who are inside or came, newest first."""
    rows = session.execute(
        select(Participant, CheckIn)
        .join(CheckIn, CheckIn.participant_id == Participant.id)
        .where(CheckIn.event_id == event_id, CheckIn.undone_at.is_(None))
        .order_by(CheckIn.checked_in_at.desc())
    ).all()
    seen: set[int] = set()
    out: list[VipArrival] = []
    for participant, entry in rows:
        if participant.id in seen:
            continue
        summary = ParticipantSummary.of(participant)
        reason = protocol_reason(summary)
        if reason is None:
            continue
        seen.add(participant.id)
        deputy = f"{entry.deputy_name} {entry.deputy_title or ''}".strip() if entry.deputy_name else ""
        out.append(VipArrival(summary, reason, entry.checked_in_at, entry.station, entry.companions, deputy))
    return out


def record_vip_alert(
    session: Session,
    event_id: int,
    participant_id: int,
    *,
    outcome: str,
    station: str,
    operator: str = "",
    reason: str = "",
) -> None:
    """The protocol alert in the audit log: "shown" when it appeared, "acknowledged" when dismissed."""
    audit.record(
        session, action="vip_alert", outcome=outcome, event_id=event_id, station=station, operator=operator,
        participant_id=participant_id, reason=reason or None,
    )  # fmt: skip


def waiting_vip_alerts(session: Session, event_id: int, station: str) -> set[int]:
    """Participants whose protocol alert was shown at this station and never acknowledged: the
    alert stays until someone confirms it, across a restart of the console too."""
    rows = session.execute(
        select(AuditEntry.participant_id, AuditEntry.outcome)
        .where(AuditEntry.event_id == event_id, AuditEntry.action == "vip_alert", AuditEntry.station == station)
        .order_by(AuditEntry.id)
    )
    last: dict[int, str] = {}
    for participant_id, outcome in rows:
        if participant_id is not None:
            last[participant_id] = outcome
    return {pid for pid, outcome in last.items() if outcome == "shown"}
