"""An event as the organiser describes it: checked, created, shown, edited and exported.

`EventSpec` is what the wizard, `kiosk event create` and an event TOML file all produce; one
`validate` decides what is acceptable for all three, so the GUI and the CLI refuse the same
things with the same sentence. Times are wall-clock times in the event's own zone; the
database stores them in UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.events import active_event, create_event
from kiosk.domain.headcount import headcount
from kiosk.domain.models import Event, ProgramItem

MAX_CAPACITY = 99_999  # a hall for 100,000 is a typo, not an event this program runs
MIN_YEAR, MAX_YEAR = 2000, 2100  # outside: a typo (year 1 overflowed converting to UTC)
MAX_LENGTH = timedelta(days=31)  # a check-in day, a conference week, a month-long fair: not ten years
LOCAL_FORMAT = "%Y-%m-%d %H:%M"
DEFAULT_TIMEZONE = "Asia/Seoul"


class EventSetupError(ValueError):
    """Input an event cannot be made from: the message is one line, in Korean, for the user."""


class EventExistsError(EventSetupError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"이 데이터베이스에는 이미 행사가 있습니다 ({name}). 행사마다 파일 하나: --db 로 새 파일을 지정하세요"
        )


@dataclass(frozen=True)
class Presenter:
    name: str
    organization: str = ""
    region: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "organization": self.organization, "region": self.region}


@dataclass(frozen=True)
class SessionSpec:
    starts: datetime  # naive: wall-clock time in the event's zone
    ends: datetime
    title: str
    presenters: tuple[Presenter, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class EventSpec:
    name: str
    venue: str
    starts: datetime  # naive: wall-clock time in `timezone`
    ends: datetime
    capacity: int
    timezone: str = DEFAULT_TIMEZONE
    hosts: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()
    sender_name: str = ""
    sender_email: str = ""
    reply_to: str = ""
    privacy_line: str = ""
    name_en: str = ""
    venue_en: str = ""
    theme: str = ""
    program: tuple[SessionSpec, ...] = field(default=())

    def zone(self) -> ZoneInfo:
        return zone_of(self.timezone)


def zone_of(name: str) -> ZoneInfo:
    if not str(name or "").strip():
        raise EventSetupError("시간대가 비어 있습니다: 예) Asia/Seoul (empty time zone)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise EventSetupError(f"없는 시간대입니다: {name!r} (예: Asia/Seoul)") from None


def parse_local(text: str, what: str = "시각") -> datetime:
    """'2026-03-05 13:30' -> a naive datetime; one clear line when it is anything else."""
    try:
        return datetime.strptime(str(text).strip(), LOCAL_FORMAT)
    except ValueError:
        raise EventSetupError(f"{what} 형식이 올바르지 않습니다: {text!r} (YYYY-MM-DD HH:MM)") from None


def parse_capacity(value: object) -> int:
    try:
        capacity = int(str(value).replace(",", "").strip())
    except ValueError:
        raise EventSetupError(f"정원은 숫자여야 합니다: {value!r}") from None
    return capacity


def validate(spec: EventSpec) -> None:
    """Raise EventSetupError with the first problem found; return when the event can be made."""
    if not spec.name.strip():
        raise EventSetupError("행사 이름을 입력하세요")
    if not spec.venue.strip():
        raise EventSetupError("장소를 입력하세요")
    for text, what, limit in (
        (spec.name, "행사 이름", 200),
        (spec.venue, "장소", 200),
        (spec.sender_name, "보내는 사람 이름", 200),
    ):
        if len(text) > limit:
            raise EventSetupError(f"{what}이(가) 너무 깁니다 ({len(text):,}자, 최대 {limit}자)")
        if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029" for ch in text):
            raise EventSetupError(f"{what}에 줄바꿈이나 제어 문자를 쓸 수 없습니다")
    zone_of(spec.timezone)
    for moment, what in ((spec.starts, "시작"), (spec.ends, "끝")):
        # Year 1 overflowed on the way to UTC (a traceback and an empty file) and got a bogus LMT offset.
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise EventSetupError(
                f"{what} 시각의 연도는 {MIN_YEAR}~{MAX_YEAR}년이어야 합니다: {moment.year:04d}-{moment:%m-%d %H:%M}"
            )
    if spec.ends <= spec.starts:
        raise EventSetupError(
            f"끝나는 시각({spec.ends:%Y-%m-%d %H:%M})이 시작 시각({spec.starts:%Y-%m-%d %H:%M})보다 뒤여야 합니다"
        )
    if spec.ends - spec.starts > MAX_LENGTH:
        raise EventSetupError(
            f"행사 기간은 최대 {MAX_LENGTH.days}일입니다: {spec.starts:%Y-%m-%d %H:%M} – {spec.ends:%Y-%m-%d %H:%M}"
        )
    if isinstance(spec.capacity, bool) or not 1 <= spec.capacity <= MAX_CAPACITY:
        raise EventSetupError(f"정원은 1~{MAX_CAPACITY:,}명이어야 합니다: {spec.capacity:,}")
    for address, what in ((spec.sender_email, "보내는 사람 이메일"), (spec.reply_to, "회신 주소")):
        if address and not _address_ok(address):
            raise EventSetupError(f"{what}이 올바르지 않습니다: {address!r}")
    for n, item in enumerate(spec.program, 1):
        if not item.title.strip():
            raise EventSetupError(f"프로그램 {n}번째 세션의 제목이 비었습니다")
        if item.ends <= item.starts:
            raise EventSetupError(f"프로그램 '{item.title}': 끝나는 시각이 시작 시각보다 뒤여야 합니다")
        if item.starts < spec.starts or item.ends > spec.ends:
            raise EventSetupError(
                f"프로그램 '{item.title}' ({item.starts:%H:%M}–{item.ends:%H:%M})이 행사 시간 "
                f"({spec.starts:%H:%M}–{spec.ends:%H:%M}) 밖에 있습니다"
            )
        for presenter in item.presenters:
            if not presenter.name.strip():
                raise EventSetupError(f"프로그램 '{item.title}': 발표자 이름이 비었습니다")


def _address_ok(text: str) -> bool:
    from kiosk.invite.message import valid_address  # plain Python: no Qt, no I/O

    return valid_address(text)


def _utc(spec: EventSpec, moment: datetime) -> datetime:
    return moment.replace(tzinfo=spec.zone())


def _columns(spec: EventSpec) -> dict[str, object]:
    return {
        "name": spec.name.strip(),
        "venue": spec.venue.strip(),
        "starts_at": _utc(spec, spec.starts),
        "ends_at": _utc(spec, spec.ends),
        "timezone": spec.timezone,
        "capacity": int(spec.capacity),
        "hosts": ", ".join(h.strip() for h in spec.hosts if h.strip()),
        "sponsor": ", ".join(s.strip() for s in spec.sponsors if s.strip()),
        "sender_name": spec.sender_name.strip(),
        "sender_email": spec.sender_email.strip(),
        "reply_to": spec.reply_to.strip(),
        "privacy_line": spec.privacy_line.strip(),
        "name_en": spec.name_en.strip(),
        "venue_en": spec.venue_en.strip(),
        "theme": spec.theme.strip(),
    }


def _program(spec: EventSpec) -> list[dict]:
    return [
        {
            "starts_at": _utc(spec, item.starts),
            "ends_at": _utc(spec, item.ends),
            "title": item.title.strip(),
            "detail": item.detail.strip(),
            "presenters": [p.as_dict() for p in item.presenters],
        }
        for item in spec.program
    ]


def create_from_spec(session: Session, spec: EventSpec, *, station: str = "", operator: str = "") -> Event:
    """The one event of this database (inside a write transaction); refused when one exists."""
    validate(spec)
    existing = active_event(session)
    if existing is not None:
        raise EventExistsError(existing.name)
    columns = _columns(spec)
    event = create_event(
        session,
        name=columns.pop("name"),  # type: ignore[arg-type]
        venue=columns.pop("venue"),  # type: ignore[arg-type]
        starts_at=columns.pop("starts_at"),  # type: ignore[arg-type]
        ends_at=columns.pop("ends_at"),  # type: ignore[arg-type]
        capacity=columns.pop("capacity"),  # type: ignore[arg-type]
        program=_program(spec),
        **columns,  # type: ignore[arg-type]
    )
    audit.record(session, action="event_create", outcome="ok", event_id=event.id, station=station,
                 operator=operator, name=event.name)  # fmt: skip
    return event


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def spec_of(event: Event) -> EventSpec:
    zone = zone_of(event.timezone or DEFAULT_TIMEZONE)

    def wall(moment: datetime) -> datetime:
        return moment.astimezone(zone).replace(tzinfo=None)

    program = tuple(
        SessionSpec(
            starts=wall(item.starts_at),
            ends=wall(item.ends_at),
            title=item.title,
            detail=item.detail,
            presenters=tuple(
                Presenter(p.get("name", ""), p.get("organization", ""), p.get("region", ""))
                for p in json.loads(item.presenters or "[]")
            ),
        )
        for item in event.program
    )
    return EventSpec(
        name=event.name, venue=event.venue, starts=wall(event.starts_at), ends=wall(event.ends_at),
        capacity=event.capacity, timezone=event.timezone or DEFAULT_TIMEZONE, hosts=_split(event.hosts),
        sponsors=_split(event.sponsor), sender_name=event.sender_name, sender_email=event.sender_email,
        reply_to=event.reply_to, privacy_line=event.privacy_line, name_en=event.name_en,
        venue_en=event.venue_en, theme=event.theme, program=program,
    )  # fmt: skip


def event_json(event: Event) -> dict[str, object]:
    """What `kiosk event show --json` prints: the fields the issue names, times ISO 8601 with offset."""
    zone = zone_of(event.timezone or DEFAULT_TIMEZONE)
    return {
        "name": event.name,
        "venue": event.venue,
        "starts_at": event.starts_at.astimezone(zone).isoformat(),
        "ends_at": event.ends_at.astimezone(zone).isoformat(),
        "timezone": event.timezone,
        "capacity": event.capacity,
        "sender_email": event.sender_email,
        "program": [
            {
                "starts_at": item.starts_at.astimezone(zone).isoformat(),
                "ends_at": item.ends_at.astimezone(zone).isoformat(),
                "title": item.title,
                "presenters": [p.get("name", "") for p in json.loads(item.presenters or "[]")],
            }
            for item in event.program
        ],
    }


# -- editing ------------------------------------------------------------------------------------

EDITABLE = ("name", "venue", "starts", "ends", "capacity", "timezone", "hosts", "sponsors", "sender_name",
            "sender_email", "reply_to", "privacy_line", "name_en", "venue_en", "theme", "program")  # fmt: skip


@dataclass(frozen=True)
class EditOutcome:
    changed: tuple[str, ...]
    warning: str | None = None  # capacity now below the people present


def capacity_warning(session: Session, event: Event, capacity: int) -> str | None:
    present = headcount(session, event).present
    if capacity < present:
        return f"정원 {capacity:,}명이 지금 입장한 {present:,}명보다 적습니다: 현장등록과 수행원은 거절됩니다"
    return None


def _shown(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime(LOCAL_FORMAT)
    if isinstance(value, tuple):
        return [_shown(v) for v in value]
    if isinstance(value, SessionSpec):
        return f"{value.starts:%H:%M}-{value.ends:%H:%M} {value.title}"
    return value


def update_event(session: Session, event_id: int, spec: EventSpec, *, station: str = "",
                 operator: str = "") -> EditOutcome:  # fmt: skip
    """Apply an edited spec (inside a write transaction): one audit entry per changed field,
    saying who changed what from what to what. The program is replaced only when it changed."""
    validate(spec)
    event = session.get(Event, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    before = spec_of(event)
    changed = tuple(name for name in EDITABLE if getattr(before, name) != getattr(spec, name))
    if not changed:
        return EditOutcome(())
    warning = capacity_warning(session, event, spec.capacity) if "capacity" in changed else None
    for name in changed:
        audit.record(session, action="event_edit", outcome=name, event_id=event_id, station=station,
                     operator=operator, field=name, before=_shown(getattr(before, name)),
                     after=_shown(getattr(spec, name)))  # fmt: skip
    for column, value in _columns(spec).items():
        setattr(event, column, value)
    if "program" in changed or "timezone" in changed:
        _replace_program(session, event, spec)
    session.flush()
    return EditOutcome(changed, warning)


def _replace_program(session: Session, event: Event, spec: EventSpec) -> None:
    # Speakers keep their session by position: reordering in the editor moves them along.
    old = list(event.program)
    speakers = {item.position: [p for p in item.speakers] for item in old}
    event.program.clear()
    session.flush()
    for position, data in enumerate(_program(spec)):
        presenters = json.dumps(data.pop("presenters"), ensure_ascii=False)
        item = ProgramItem(position=position, presenters=presenters, **data)
        event.program.append(item)
        session.flush()
        for participant in speakers.get(position, []):
            participant.speaker_session_id = item.id


def apply_changes(spec: EventSpec, **changes: object) -> EventSpec:
    """The spec with the flags `kiosk event edit` was given (strings parsed, then validated)."""
    return replace(spec, **{k: v for k, v in changes.items() if v is not None})


def shift_program(spec: EventSpec, delta: timedelta) -> EventSpec:
    """Moving the event's start moves its sessions with it (used by edit --starts)."""
    program = tuple(replace(s, starts=s.starts + delta, ends=s.ends + delta) for s in spec.program)
    return replace(spec, program=program)
