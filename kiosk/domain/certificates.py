"""Certificates of attendance (참석확인증): who may have one, the serial ledger, the signed code.

Only people who actually came get one: at least one check-in that was not undone (walk-ins
included, no-shows never). Each person gets one serial per event from the `certificate_serials`
ledger, the next number after the highest ever given, so a number is never reused; issuing again
prints the same number, marked 재발급.

The verification code is printed as text and as a QR of exactly that text:

    KC-<event tag>-<serial, 6 digits>-<20 characters of HMAC-SHA256 in four groups>

signed with the event's secret over the tag, serial, participant and first arrival, so a changed
digit, another event's code or a made-up serial all fail `verify_code`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.models import CertificateSerial, CheckIn, Event, Participant, utcnow
from kiosk.domain.token import ALPHABET

MAC_CHARS = 20
_CODE = re.compile(r"^KC-([0-9A-Z]{4})-(\d{6})-([0-9A-Z]{5})-([0-9A-Z]{5})-([0-9A-Z]{5})-([0-9A-Z]{5})$")


class NotAttended(LookupError):
    """The person has no check-in: no certificate (no-shows never get one)."""


@dataclass(frozen=True)
class Attendance:
    participant_id: int
    name: str
    organization: str
    title: str
    email: str
    arrived_at: datetime  # UTC
    left_at: datetime | None  # UTC; None while inside or when no check-out was recorded


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one certificate (times already in the event's zone)."""

    serial: int
    serial_text: str  # "2017-0012"
    reissue: bool
    issue_count: int
    first_issued_at: datetime
    code: str
    participant_id: int
    name: str
    organization: str
    title: str
    email: str
    arrived_at: datetime
    left_at: datetime | None
    event_name: str
    event_when: str
    venue: str
    hosts: str
    issued_on: datetime


def serial_text(event_start: datetime, serial: int) -> str:
    return f"{event_start.year}-{serial:04d}"


def _mac(secret: bytes, tag: str, serial: int, participant_id: int, attended_at: datetime) -> str:
    minute = attended_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M")
    digest = hmac.new(
        secret, f"kiosk-cert-v1|{tag}|{serial}|{participant_id}|{minute}".encode(), hashlib.sha256
    )
    bits = int.from_bytes(digest.digest()[:13], "big") >> (104 - 5 * MAC_CHARS)
    return "".join(ALPHABET[(bits >> (5 * (MAC_CHARS - 1 - i))) & 31] for i in range(MAC_CHARS))


def make_code(event: Event, serial: int, participant_id: int, attended_at: datetime) -> str:
    mac = _mac(event.signing_secret, event.token_tag, serial, participant_id, attended_at)
    groups = "-".join(mac[i : i + 5] for i in range(0, MAC_CHARS, 5))
    return f"KC-{event.token_tag}-{serial:06d}-{groups}"


def attendance(session: Session, event_id: int, participant_ids: list[int] | None = None) -> list[Attendance]:
    """Everyone who came (first arrival order), or just the given people among them."""
    c = CheckIn
    # A deputy's visit (대리 참석) is not the principal's attendance: the minister who sent a
    # vice-minister gets no certificate saying the minister was there.
    query = select(c.participant_id, c.checked_in_at, c.checked_out_at).where(
        c.event_id == event_id, c.undone_at.is_(None), c.deputy_name.is_(None)
    )
    if participant_ids is not None:
        query = query.where(c.participant_id.in_(participant_ids))
    visits: dict[int, list[datetime | None]] = {}
    for pid, at, out in session.execute(query.order_by(c.checked_in_at, c.id)):
        seen = visits.setdefault(pid, [at, out])
        seen[1] = out  # the latest visit says whether and when they left
    if not visits:
        return []
    people = {p.id: p for p in session.scalars(select(Participant).where(Participant.id.in_(list(visits))))}
    return [
        Attendance(pid, p.name, p.organization or "", p.title or "", p.email or "", first, left)  # type: ignore[arg-type]
        for pid, (first, left) in visits.items()
        if (p := people.get(pid)) is not None
    ]


def issue(session: Session, event: Event, who: Attendance, now: datetime | None = None) -> Certificate:
    """The person's serial (new, or the one they already have, marked as a re-issue); in the
    caller's write transaction."""
    now = now or utcnow()
    row = session.scalars(
        select(CertificateSerial).where(
            CertificateSerial.event_id == event.id, CertificateSerial.participant_id == who.participant_id
        )
    ).one_or_none()
    if row is None:
        # Stations issuing at the same moment queue here: on PostgreSQL the event's row lock
        # serialises "highest + 1" (SQLite's write transaction already does). The unique
        # constraint stays the last word, with a retry should anything slip past.
        session.execute(select(Event.id).where(Event.id == event.id).with_for_update())
        for _attempt in range(5):
            highest = session.scalar(
                select(func.max(CertificateSerial.serial)).where(CertificateSerial.event_id == event.id)
            )
            row = CertificateSerial(
                event_id=event.id, participant_id=who.participant_id, signed_participant=who.participant_id,
                serial=(highest or 0) + 1, name=who.name,
                attended_at=who.arrived_at, issued_at=now, issue_count=1, last_issued_at=now,
            )  # fmt: skip
            try:
                with session.begin_nested():
                    session.add(row)
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover - three collisions in a row
            raise RuntimeError("could not allocate a certificate serial")
    else:
        row.issue_count += 1
        row.last_issued_at = now
        row.name = who.name
        session.flush()
    zone = ZoneInfo(event.timezone or "Asia/Seoul")
    from kiosk.domain.timefmt import event_when

    return Certificate(
        serial=row.serial,
        serial_text=serial_text(event.starts_at.astimezone(zone), row.serial),
        reissue=row.issue_count > 1,
        issue_count=row.issue_count,
        first_issued_at=row.issued_at.astimezone(zone),
        code=make_code(event, row.serial, row.signed_participant, row.attended_at),
        participant_id=who.participant_id,
        name=who.name,
        organization=who.organization,
        title=who.title,
        email=who.email,
        arrived_at=row.attended_at.astimezone(zone),
        left_at=who.left_at.astimezone(zone) if who.left_at else None,
        event_name=event.name,
        event_when=event_when(event.starts_at, event.ends_at, zone),
        venue=event.venue,
        hosts=event.hosts,
        issued_on=now.astimezone(zone),
    )


def issue_certificates(
    session: Session, event_id: int, participant_ids: list[int] | None = None
) -> list[Certificate]:
    """Certificates for everyone who came, or for the given people (NotAttended if one of them
    never checked in)."""
    event = session.get(Event, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    came = attendance(session, event_id, participant_ids)
    if participant_ids is not None:
        missing = set(participant_ids) - {a.participant_id for a in came}
        if missing:
            represented = set(session.scalars(select(CheckIn.participant_id).where(
                CheckIn.event_id == event_id, CheckIn.undone_at.is_(None), CheckIn.deputy_name.is_not(None),
                CheckIn.participant_id.in_(missing),
            )))  # fmt: skip
            why = " (대리 참석만 있음: 본인은 오지 않았습니다)" if represented else ""
            raise NotAttended(f"참석 기록이 없는 참석자: {', '.join(map(str, sorted(missing)))}{why}")
    now = utcnow()
    return [issue(session, event, who, now) for who in came]


@dataclass(frozen=True)
class Verification:
    valid: bool
    serial: str | None = None
    name: str | None = None
    event: str | None = None
    attended_at: str | None = None  # ISO 8601 in the event's zone

    def to_json(self) -> dict[str, object]:
        return {"valid": self.valid, "serial": self.serial, "name": self.name, "event": self.event,
                "attended_at": self.attended_at}  # fmt: skip


def normalise_code(text: str) -> str:
    """The code as printed, whatever separators a person typed: spaces, any dash, or none at all
    ("KC-AB12-000042-…", "kc ab12 000042 …", "KCAB12000042…" are one code)."""
    bare = re.sub(r"[\s\-\u2010-\u2015\u2212\u00ad_.]", "", unicodedata.normalize("NFKC", text or "")).upper()
    if len(bare) == 32 and bare.startswith("KC"):
        tag, serial, mac = bare[2:6], bare[6:12], bare[12:]
        return "-".join(["KC", tag, serial, *(mac[i : i + 5] for i in range(0, 20, 5))])
    return bare


def verify_code(session: Session, event_id: int, text: str) -> Verification:
    """Whether `text` is a genuine certificate code of this event (the ledger must hold it)."""
    m = _CODE.match(normalise_code(text))
    event = session.get(Event, event_id)
    if m is None or event is None or m.group(1) != event.token_tag:
        return Verification(False)
    serial = int(m.group(2))
    row = session.scalars(
        select(CertificateSerial).where(
            CertificateSerial.event_id == event_id, CertificateSerial.serial == serial
        )
    ).one_or_none()
    if row is None:
        return Verification(False)
    expected = make_code(event, row.serial, row.signed_participant, row.attended_at)
    if not hmac.compare_digest(expected, normalise_code(text)):
        return Verification(False)
    zone = ZoneInfo(event.timezone or "Asia/Seoul")
    return Verification(
        True,
        serial=serial_text(event.starts_at.astimezone(zone), row.serial),
        name=row.name,
        event=event.name,
        attended_at=row.attended_at.astimezone(zone).isoformat(timespec="minutes"),
    )
