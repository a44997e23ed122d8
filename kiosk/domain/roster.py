"""Managing the invitee roster: one participant's fields, their checks, add / edit / cancel,
and the five statuses screens filter by.

Every change is audited with the field names that changed, never their values (personal data
stays out of the append-only log).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.codes import holder_of_code
from kiosk.domain.models import (
    Category,
    CheckIn,
    Event,
    InvitationStatus,
    Participant,
    ProgramItem,
    utcnow,
)
from kiosk.domain.phones import normalise_phone

STATUSES = ("invited", "checked_in", "no_show", "cancelled", "walk_in")
STATUS_KO = {
    "invited": "미도착",
    "checked_in": "입장",
    "no_show": "불참",
    "cancelled": "초청 취소",
    "walk_in": "현장등록",
}

# Longest accepted text per field (the table's column sizes; notes are Text but bounded too).
LIMITS = {
    "name": 200, "organization": 200, "title": 200, "region": 50, "email": 254, "phone": 32,
    "external_code": 64, "notes": 4000,
}  # fmt: skip
FIELD_LABELS = {
    "name": "성명", "organization": "소속", "title": "직위", "category": "구분", "region": "지역",
    "phone": "휴대전화", "email": "이메일", "external_code": "등록번호", "is_vip": "VIP",
    "is_speaker": "발표자", "companions_allowed": "동반인원", "notes": "비고", "precedence": "의전순위",
}  # fmt: skip
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_HANGUL_NAME = re.compile(r"^[가-힣\s]+$")
# Bidirectional overrides can make a name display as something else; they never belong in one.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class RosterError(ValueError):
    """A change the roster refuses (duplicate code, bad e-mail …): one Korean sentence."""


@dataclass(frozen=True)
class ParticipantFields:
    """What an organiser types or a file row holds about one person."""

    name: str
    organization: str = ""
    title: str = ""
    category: Category = Category.OTHER
    region: str = ""
    phone: str | None = None
    email: str | None = None
    external_code: str | None = None
    is_vip: bool = False
    is_speaker: bool = False
    companions_allowed: int = 0
    notes: str = ""
    precedence: int | None = None  # 의전순위, lower is higher

    @classmethod
    def of(cls, p: Participant) -> ParticipantFields:
        return cls(**{f.name: getattr(p, f.name) for f in fields(cls)})

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def clean_text(value: object) -> str:
    return " ".join(_strip_bidi(str(value or "")).split())


def _strip_bidi(text: str) -> str:
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _BIDI.sub("", text) if _BIDI.search(text) else text


def clean_name(value: object) -> str:
    """ "김 현미" → "김현미" (Korean names carry no space); "John  Smith" keeps one space."""
    text = clean_text(value)
    return text.replace(" ", "") if _HANGUL_NAME.match(text) else text


def clean_email(value: object) -> str | None:
    text = clean_text(value).replace(" ", "")
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.lower() or None


def clean_fields(f: ParticipantFields) -> ParticipantFields:
    return ParticipantFields(
        name=clean_name(f.name),
        organization=clean_text(f.organization),
        title=clean_text(f.title),
        category=Category(f.category),
        region=clean_text(f.region),
        phone=normalise_phone(clean_text(f.phone)) if f.phone else None,
        email=clean_email(f.email),
        external_code=clean_text(f.external_code) or None,
        is_vip=bool(f.is_vip),
        is_speaker=bool(f.is_speaker),
        companions_allowed=int(f.companions_allowed),
        notes=clean_notes(f.notes),
        precedence=None if f.precedence in (None, 0) else int(f.precedence),
    )


def clean_notes(value: object) -> str:
    return _strip_bidi(str(value or "")).strip()


def is_valid_email(email: str) -> bool:
    return len(email) <= LIMITS["email"] and ".." not in email and bool(_EMAIL.match(email))


def field_problems(f: ParticipantFields) -> list[str]:
    """Why these (cleaned) fields cannot be stored, in Korean; empty when they can."""
    problems: list[str] = []
    if not f.name:
        problems.append("성명이 없습니다")
    if f.email and not is_valid_email(f.email):
        problems.append(f"이메일 형식이 잘못되었습니다 ({audit.printable(f.email, 60)})")
    for key, limit in LIMITS.items():
        value = getattr(f, key) or ""
        if len(value) > limit:
            problems.append(f"{FIELD_LABELS[key]}이(가) 너무 깁니다 (최대 {limit}자)")
    if not 0 <= f.companions_allowed <= 50:
        problems.append("동반인원은 0~50 사이여야 합니다")
    if f.precedence is not None and not 1 <= f.precedence <= 9999:
        problems.append("의전순위는 1~9999 사이여야 합니다")
    return problems


# -- statuses -------------------------------------------------------------------------------------


def participant_status(
    *, invitation: InvitationStatus | str, walk_in: bool, arrived: bool, event_ended: bool
) -> str:
    """One of STATUSES. A cancelled invitation wins; walk-ins are checked in when registered,
    so they show as "walk_in"; "no_show" is an invitee who never arrived once the event ended."""
    if InvitationStatus(invitation) is InvitationStatus.CANCELLED:
        return "cancelled"
    if walk_in:
        return "walk_in"
    if arrived:
        return "checked_in"
    return "no_show" if event_ended else "invited"


def arrived_ids(session: Session, event_id: int) -> set[int]:
    """Participants with a check-in that was not undone (leaving again still counts as arrived)."""
    return set(
        session.scalars(
            select(CheckIn.participant_id).where(CheckIn.event_id == event_id, CheckIn.undone_at.is_(None))
        )
    )


def event_has_ended(session: Session, event_id: int, now: datetime | None = None) -> bool:
    event = session.get(Event, event_id)
    return event is not None and (now or utcnow()) >= event.ends_at


@dataclass(frozen=True)
class RosterEntry:
    """One line of the roster table."""

    id: int
    name: str
    organization: str
    title: str
    category: Category
    region: str
    phone: str
    email: str
    external_code: str
    vip: bool
    speaker: bool
    companions_allowed: int
    status: str


def roster_entries(session: Session, event_id: int, now: datetime | None = None) -> list[RosterEntry]:
    arrived = arrived_ids(session, event_id)
    ended = event_has_ended(session, event_id, now)
    people = session.scalars(
        select(Participant).where(Participant.event_id == event_id).order_by(Participant.id)
    )
    return [
        RosterEntry(
            id=p.id,
            name=p.name,
            organization=p.organization,
            title=p.title,
            category=Category(p.category),
            region=p.region,
            phone=p.phone or "",
            email=p.email or "",
            external_code=p.external_code or "",
            vip=p.is_vip,
            speaker=p.is_speaker,
            companions_allowed=p.companions_allowed,
            status=participant_status(
                invitation=p.status, walk_in=p.is_walk_in, arrived=p.id in arrived, event_ended=ended
            ),
        )  # fmt: skip
        for p in people
    ]


# -- changes --------------------------------------------------------------------------------------


def speaker_sessions(session: Session, event_id: int) -> dict[str, int]:
    """Presenter name → the program item they present in (the first one, if several)."""
    found: dict[str, int] = {}
    items = session.scalars(
        select(ProgramItem).where(ProgramItem.event_id == event_id).order_by(ProgramItem.position)
    )
    for item in items:
        for presenter in json.loads(item.presenters or "[]"):
            found.setdefault(clean_name(presenter.get("name", "")), item.id)
    return found


def _check_unique(session: Session, event_id: int, f: ParticipantFields, own_id: int | None) -> None:
    others = select(Participant.id).where(Participant.event_id == event_id)
    if own_id is not None:
        others = others.where(Participant.id != own_id)
    if f.external_code and holder_of_code(session, event_id, f.external_code, exclude_id=own_id) is not None:
        # REG-001 and "reg 001" are one code (domain/codes.py): a scan of one would admit the other.
        raise RosterError(f"등록번호 {f.external_code}은(는) 이미 다른 사람에게 있습니다")
    if f.email and session.scalar(others.where(Participant.email == f.email)):
        raise RosterError("이 이메일은 이미 다른 참석자에게 등록되어 있습니다")


def _validated(
    session: Session, event_id: int, f: ParticipantFields, own_id: int | None
) -> ParticipantFields:
    f = clean_fields(f)
    problems = field_problems(f)
    if problems:
        raise RosterError(" · ".join(problems))
    _check_unique(session, event_id, f, own_id)
    return f


def add_participant(
    session: Session, event_id: int, f: ParticipantFields, *, station: str = "", operator: str = ""
) -> Participant:
    f = _validated(session, event_id, f, None)
    p = Participant(event_id=event_id, **f.as_dict())
    if f.is_speaker:
        p.speaker_session_id = speaker_sessions(session, event_id).get(f.name)
    session.add(p)
    session.flush()
    audit.record(
        session, action="participant_add", outcome="ok", event_id=event_id, station=station,
        operator=operator, participant_id=p.id,
    )  # fmt: skip
    return p


def update_participant(
    session: Session, participant_id: int, f: ParticipantFields, *, station: str = "", operator: str = ""
) -> list[str]:
    """Store the new fields; returns the names of the fields that changed."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise RosterError("참석자를 찾을 수 없습니다")
    f = _validated(session, p.event_id, f, p.id)
    before = ParticipantFields.of(p)
    changed = [key for key, value in f.as_dict().items() if getattr(before, key) != value]
    for key in changed:
        setattr(p, key, getattr(f, key))
    if "is_speaker" in changed or "name" in changed:
        p.speaker_session_id = speaker_sessions(session, p.event_id).get(f.name) if f.is_speaker else None
    if changed:
        audit.record(
            session, action="participant_edit", outcome="ok", event_id=p.event_id, station=station,
            operator=operator, participant_id=p.id, fields=changed,
        )  # fmt: skip
    return changed


def set_cancelled(
    session: Session,
    participant_id: int,
    cancelled: bool,
    *,
    reason: str = "",
    station: str = "",
    operator: str = "",
) -> bool:
    """Cancel an invitation (or restore it). False when it already was in that state.

    The person stays on the roster: a cancelled code is refused at the door with its own verdict.
    """
    p = session.get(Participant, participant_id)
    if p is None:
        raise RosterError("참석자를 찾을 수 없습니다")
    wanted = InvitationStatus.CANCELLED if cancelled else InvitationStatus.INVITED
    if p.status == wanted:
        return False
    p.status = wanted
    audit.record(
        session, action="participant_cancel" if cancelled else "participant_restore", outcome="ok",
        event_id=p.event_id, station=station, operator=operator, participant_id=p.id,
        reason=reason.strip() or None,
    )  # fmt: skip
    return True
