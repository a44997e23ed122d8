"""The protocol desk (의전): who of the ranked guests is here, in precedence order, and deputies.

A participant is on the protocol list when they carry a precedence rank (lower is higher). A
deputy (대리 참석) is not a participant of their own: they are recorded on the principal's
check-in row, so the principal's seat, rank and ONE capacity place are theirs, and the check-in
engine's exactly-once and capacity rules hold unchanged.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict, ScanStatus
from kiosk.domain.models import CheckIn, CheckInMethod, InvitationStatus, Participant

MAX_FIELD = 200


class ProtocolState(enum.StrEnum):
    ARRIVED = "arrived"
    DEPUTY_ARRIVED = "deputy_arrived"
    EXPECTED = "expected"
    LEFT = "left"


STATE_LABELS = {
    ProtocolState.ARRIVED: "도착",
    ProtocolState.DEPUTY_ARRIVED: "대리 도착",
    ProtocolState.EXPECTED: "미도착",
    ProtocolState.LEFT: "퇴장",
}


@dataclass(frozen=True)
class Deputy:
    name: str
    title: str
    organization: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "organization": self.organization}


@dataclass(frozen=True)
class ProtocolEntry:
    id: int
    name: str
    title: str
    organization: str
    category: str
    precedence: int
    state: ProtocolState
    arrived_at: datetime | None
    deputy: Deputy | None
    intro_wording: str
    check_in_id: str | None = None

    @property
    def present(self) -> bool:
        return self.state in (ProtocolState.ARRIVED, ProtocolState.DEPUTY_ARRIVED)

    @property
    def display(self) -> str:
        """ "김현미 장관", or "김현미 장관 (대리: 석인숙 제1차관)" once a deputy came."""
        return display_name(self.name, self.title, self.deputy)

    @property
    def introduction(self) -> str:
        """What the MC says for this guest."""
        own = self.intro_wording.strip() or default_wording(self.name, self.title, self.organization)
        if self.deputy is None:
            return own
        principal = f"{self.name} {self.title}".strip()
        return f"{principal}{object_particle(principal)} 대신하여 " + default_wording(
            self.deputy.name, self.deputy.title, self.deputy.organization
        )

    def to_json(self) -> dict[str, Any]:
        """The `kiosk protocol --json` object (field names are a public interface)."""
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "organization": self.organization,
            "precedence": self.precedence,
            "state": self.state.value,
            "arrived_at": self.arrived_at.isoformat() if self.arrived_at else None,
            "deputy": self.deputy.to_json() if self.deputy else None,
        }


def display_name(name: str, title: str, deputy: Deputy | None) -> str:
    own = f"{name} {title}".strip()
    if deputy is None:
        return own
    return f"{own} (대리: {f'{deputy.name} {deputy.title}'.strip()})"


def default_wording(name: str, title: str, organization: str) -> str:
    """ "국토교통부 김현미 장관님"; a lawmaker is "조기현 국회의원님" (국회 would say it twice)."""
    title = title.strip()
    org = organization.strip()
    if org == "국회" and title.endswith("의원"):
        org = ""
    person = f"{name} {title}님" if title and not title.endswith("님") else f"{name} {title}".strip()
    if not title:
        person = f"{name}님"
    return f"{org} {person}".strip()


def object_particle(word: str) -> str:
    """을 after a final consonant, 를 after a vowel (장관을, 도지사를)."""
    last = word.strip()[-1:] if word.strip() else ""
    if "가" <= last <= "힣":
        return "을" if (ord(last) - 0xAC00) % 28 else "를"
    return "을(를)"


def deputy_of(entry: CheckIn | None) -> Deputy | None:
    if entry is None or not entry.deputy_name:
        return None
    return Deputy(entry.deputy_name, entry.deputy_title or "", entry.deputy_organization or "")


def protocol_list(session: Session, event_id: int) -> list[ProtocolEntry]:
    """Everyone with a precedence rank, in precedence order, with their state now."""
    people = session.scalars(
        select(Participant)
        .where(
            Participant.event_id == event_id,
            Participant.precedence.is_not(None),
            Participant.status == InvitationStatus.INVITED,
        )
        .order_by(Participant.precedence, Participant.id)
    ).all()
    ids = [p.id for p in people]
    latest: dict[int, CheckIn] = {}
    if ids:
        for entry in session.scalars(
            select(CheckIn)
            .where(CheckIn.participant_id.in_(ids), CheckIn.undone_at.is_(None))
            .order_by(CheckIn.checked_in_at)
        ):
            current = latest.get(entry.participant_id)
            # An open entry always wins over closed ones; among equals, the latest.
            if current is None or current.checked_out_at is not None or entry.checked_out_at is None:
                latest[entry.participant_id] = entry
    result = []
    for p in people:
        entry = latest.get(p.id)
        deputy = deputy_of(entry)
        if entry is None:
            state = ProtocolState.EXPECTED
        elif entry.checked_out_at is not None:
            state = ProtocolState.LEFT
        else:
            state = ProtocolState.DEPUTY_ARRIVED if deputy else ProtocolState.ARRIVED
        result.append(
            ProtocolEntry(
                id=p.id, name=p.name, title=p.title, organization=p.organization,
                category=str(p.category.value if hasattr(p.category, "value") else p.category),
                precedence=int(p.precedence or 0), state=state,
                arrived_at=entry.checked_in_at if entry else None, deputy=deputy,
                intro_wording=p.intro_wording or "", check_in_id=entry.id if entry else None,
            )
        )  # fmt: skip
    return result


def present_in_order(session: Session, event_id: int) -> list[ProtocolEntry]:
    """The guests the MC may introduce now: present, in precedence order, each person once (a
    ranked invitee who came as someone's deputy is introduced in the principal's place only)."""
    return without_deputies(e for e in protocol_list(session, event_id) if e.present)


def without_deputies(entries: Iterable[ProtocolEntry]) -> list[ProtocolEntry]:
    """Drop the entries of people who are, right now, standing in for someone else."""
    items = list(entries)
    standing_in = {(e.deputy.name, e.deputy.organization) for e in items if e.deputy and e.present}
    return [e for e in items if (e.name, e.organization) not in standing_in]


_PARTICLE = {"성명": "을", "직위": "를", "소속": "을"}


def _clean(text: str | None, what: str, required: bool) -> str:
    # Invisible characters (zero-width space, BOM, Hangul fillers) are not a name: the MC's card
    # would read "…을 대신하여 차관님" and the name plate would be blank.
    visible = "".join(
        ch for ch in unicodedata.normalize("NFKC", text or "")
        if unicodedata.category(ch) not in ("Cf", "Cc") and ch not in "\u3164\uffa0\u115f\u1160"
    )
    value = " ".join(visible.split())
    if required and not value:
        raise ValueError(f"대리 참석자의 {what}{_PARTICLE.get(what, '을(를)')} 입력하세요")
    if len(value) > MAX_FIELD:
        raise ValueError(f"대리 참석자의 {what}이(가) 너무 깁니다 (최대 {MAX_FIELD}자)")
    return value


def check_in_deputy(
    desk: CheckInDesk,
    participant_id: int,
    name: str,
    title: str,
    organization: str = "",
    *,
    station: str,
    operator: str = "",
) -> CheckInVerdict:
    """Check a deputy in for the principal through the check-in engine, in one transaction.

    The verdict is the engine's (ok, already_checked_in, capacity_full, cancelled, not_found);
    on ok it carries the deputy in `extra["deputy"]`, so the greeting uses the deputy's own title.
    Raises ValueError (nothing written) for a missing name or title.
    """
    deputy = Deputy(
        _clean(name, "성명", True), _clean(title, "직위", True), _clean(organization, "소속", False)
    )
    shown = f"#{participant_id}"

    def decide(session: Session) -> CheckInVerdict:
        verdict = desk.admit_in(
            session, participant_id, shown, station, operator, CheckInMethod.MANUAL, 0, False
        )
        if verdict.status is not ScanStatus.OK:
            return verdict
        entry = session.get(CheckIn, verdict.check_in_id)
        assert entry is not None
        entry.deputy_name, entry.deputy_title, entry.deputy_organization = (
            deputy.name, deputy.title, deputy.organization,
        )  # fmt: skip
        audit.record(
            session, action="deputy", outcome="ok", event_id=desk.event_id, station=station,
            operator=operator, participant_id=participant_id, check_in_id=entry.id,
            deputy=deputy.name, deputy_title=deputy.title,
        )  # fmt: skip
        return CheckInVerdict.about(
            entry, shown, ScanStatus.OK, verdict.participant, **{**verdict.extra, "deputy": deputy.to_json()}
        )

    return desk.in_write(decide)
