"""Everything the attendance report shows, gathered in four queries (pure: no Qt, no files).

One row per person with their first arrival; no-shows; walk-ins; counts by guest group and by
region; arrivals per 10 minutes with the running total against capacity; the audit log.
Undone check-ins (mistakes corrected at the desk) never count as arrivals.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.labels import (
    CATEGORY_ORDER,
    action_label,
    category_label,
    method_label,
    outcome_label,
    region_label,
)
from kiosk.domain.models import AuditEntry, Category, CheckIn, Event, InvitationStatus, Participant, utcnow
from kiosk.domain.privacy import mask_email, mask_free_text, mask_notes, mask_phone
from kiosk.domain.speakers import protocol_reason_of
from kiosk.domain.timefmt import event_when

BUCKET = timedelta(minutes=10)
# The chart spans the event's own hours too, unless arrivals happened on another day
# (test data, a re-used database): then it spans the arrivals only.
_MAX_JOINED_SPAN = timedelta(hours=12)


# slots and not frozen: ten thousand rows build three times faster (frozen sets every field
# through object.__setattr__). Treat them as read-only all the same.
@dataclass(slots=True)
class PersonRow:
    id: int
    name: str
    organization: str
    title: str
    category: str  # the code, e.g. "lawmaker"
    category_label: str  # "국회의원"
    region: str  # "미지정" when empty
    phone: str
    email: str
    is_vip: bool
    is_speaker: bool
    is_walk_in: bool
    cancelled: bool
    external_code: str
    notes: str
    first_arrival: datetime | None = None  # event-local (aware)
    station: str = ""
    method: str = ""  # label, e.g. "QR 스캔"
    operator: str = ""
    companions: int = 0
    entries: int = 0  # re-entries after a check-out count again
    left_at: datetime | None = None  # event-local; set only when the person is outside now

    @property
    def arrived(self) -> bool:
        return self.first_arrival is not None


@dataclass(frozen=True)
class GroupCount:
    label: str
    invited: int = 0  # on the roster, not walk-ins, not cancelled
    arrived: int = 0  # everyone who came, walk-ins included
    invited_arrived: int = 0
    companions: int = 0

    @property
    def others(self) -> int:
        """Who came without being on the roster: walk-ins (and anyone whose invitation was cancelled)."""
        return self.arrived - self.invited_arrived

    @property
    def no_shows(self) -> int:
        return self.invited - self.invited_arrived

    @property
    def rate(self) -> float | None:
        return self.invited_arrived / self.invited if self.invited else None


@dataclass(frozen=True)
class ArrivalBucket:
    start: datetime  # event-local, on a 10-minute boundary
    guests: int
    companions: int
    cumulative: int  # people arrived so far, companions included

    @property
    def people(self) -> int:
        return self.guests + self.companions


@dataclass(slots=True)
class AuditRow:
    at: datetime  # event-local
    station: str
    operator: str
    action: str  # label
    outcome: str  # label
    participant_id: int | None
    participant_name: str
    check_in_id: str
    detail: str


@dataclass(frozen=True)
class EventInfo:
    id: int
    name: str
    name_en: str
    theme: str
    venue: str
    when: str  # "2017년 11월 22일 (수) 14:00–17:00"
    starts_at: datetime
    ends_at: datetime
    timezone: str
    capacity: int
    hosts: str
    sponsor: str


@dataclass(frozen=True)
class Figures:
    invited: int
    arrived: int  # distinct people who checked in (walk-ins included, companions not)
    invited_arrived: int
    walk_ins: int  # walk-ins who arrived
    no_shows: int
    cancelled: int
    companions: int
    vip_invited: int
    vip_arrived: int
    present_now: int  # inside at report time, companions included
    peak_present: int  # most people inside at once, companions included
    peak_at: datetime | None
    # Arrivals dated outside the event's own day(s): a clock set wrong, a rehearsal, a re-used
    # database. They stay in every list and count but are flagged, and kept out of the chart
    # unless nothing else is left to draw.
    outside_day: int = 0

    @property
    def total_people(self) -> int:
        return self.arrived + self.companions

    @property
    def rate(self) -> float | None:
        return self.invited_arrived / self.invited if self.invited else None


@dataclass(frozen=True)
class ReportData:
    event: EventInfo
    generated_at: datetime  # event-local
    masked: bool
    figures: Figures
    attendees: list[PersonRow]  # by first arrival
    no_shows: list[PersonRow]
    walk_ins: list[PersonRow]
    vips: list[PersonRow]
    by_category: list[GroupCount]
    by_region: list[GroupCount]
    arrivals: list[ArrivalBucket]
    audit: list[AuditRow] = field(default_factory=list)


def gather(session: Session, event_id: int, *, mask_pii: bool = False) -> ReportData:
    event = session.get(Event, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    zone = ZoneInfo(event.timezone or "Asia/Seoul")
    visits, events = _visits(session, event_id, zone)
    people = _people(session, event_id, mask_pii, visits)
    names = {p.id: p.name for p in people.values()}
    rows = sorted(people.values(), key=lambda p: (CATEGORY_ORDER_INDEX.get(p.category, 99), p.name, p.id))
    # Check-ins were read in arrival order, so the visits already are in first-arrival order.
    attendees = [people[pid] for pid in visits if pid in people]
    invited = [p for p in rows if not p.is_walk_in and not p.cancelled]
    no_shows = [p for p in invited if not p.arrived]
    walk_ins = [p for p in attendees if p.is_walk_in]
    # The desk's protocol rule, not the VIP flag alone: whoever the door announced is listed.
    vips = [p for p in rows if not p.cancelled and protocol_reason_of(p.category, p.title, p.is_vip)]
    peak, peak_at, present = _occupancy(events, zone)
    starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    on_day = [p for p in attendees if _on_event_day(p, starts, ends)]
    figures = Figures(
        invited=len(invited),
        arrived=len(attendees),
        invited_arrived=len(invited) - len(no_shows),
        walk_ins=len(walk_ins),
        no_shows=len(no_shows),
        cancelled=sum(p.cancelled for p in rows),
        companions=sum(p.companions for p in attendees),
        vip_invited=len(vips),
        vip_arrived=sum(p.arrived for p in vips),
        present_now=present,
        peak_present=peak,
        peak_at=peak_at,
        outside_day=len(attendees) - len(on_day),
    )
    return ReportData(
        event=EventInfo(
            id=event.id,
            name=event.name,
            name_en=event.name_en,
            theme=event.theme,
            venue=event.venue,
            when=event_when(event.starts_at, event.ends_at, zone),
            starts_at=starts,
            ends_at=ends,
            timezone=zone.key,
            capacity=event.capacity,
            hosts=event.hosts,
            sponsor=event.sponsor,
        ),
        generated_at=utcnow().astimezone(zone),
        masked=mask_pii,
        figures=figures,
        attendees=attendees,
        no_shows=no_shows,
        walk_ins=walk_ins,
        vips=vips,
        by_category=_by(rows, lambda p: p.category_label, [category_label(c) for c in CATEGORY_ORDER]),
        by_region=_by(rows, lambda p: p.region, None),
        arrivals=_arrivals(on_day or attendees, starts, ends),
        audit=_audit(session, event_id, names, zone, mask_pii),
    )


CATEGORY_ORDER_INDEX = {c.value: i for i, c in enumerate(CATEGORY_ORDER)}


@dataclass(slots=True)
class _Visits:
    """What a person's check-ins add up to."""

    first_arrival: datetime
    station: str
    method: str
    operator: str
    companions: int
    entries: int
    left_at: datetime | None


def _visits(
    session: Session, event_id: int, zone: ZoneInfo
) -> tuple[dict[int, _Visits], list[tuple[datetime, int]]]:
    """Each person's visits, and the (time, ±people) steps of the room's count."""
    c = CheckIn
    result = session.execute(
        select(
            c.participant_id, c.checked_in_at, c.station, c.method, c.operator, c.companions, c.checked_out_at
        )
        .where(c.event_id == event_id, c.undone_at.is_(None))
        .order_by(c.checked_in_at, c.id)
    )
    visits: dict[int, _Visits] = {}
    steps: list[tuple[datetime, int]] = []
    for pid, at, station, method, operator, companions, out in result:
        companions = companions or 0
        steps.append((at, 1 + companions))
        if out is not None:
            steps.append((out, -1 - companions))
        seen = visits.get(pid)
        left = out.astimezone(zone) if out is not None else None
        if seen is None:
            visits[pid] = _Visits(
                at.astimezone(zone), station, method_label(method), operator or "", companions, 1, left
            )
        else:
            # A re-entry: the latest visit says whether they are inside now.
            seen.companions = max(seen.companions, companions)
            seen.entries += 1
            seen.left_at = left
    return visits, steps


def _people(
    session: Session, event_id: int, mask_pii: bool, visits: dict[int, _Visits]
) -> dict[int, PersonRow]:
    # Plain column rows, not ORM objects: ten thousand people load in a few milliseconds.
    p = Participant
    result = session.execute(
        select(
            p.id, p.name, p.organization, p.title, p.category, p.region, p.phone, p.email, p.is_vip,
            p.is_speaker, p.is_walk_in, p.status, p.external_code, p.notes,
        ).where(p.event_id == event_id)
    )  # fmt: skip
    phone = mask_phone if mask_pii else (lambda v: v or "")
    email = mask_email if mask_pii else (lambda v: v or "")
    # Notes are free text: a phone number, a health remark. Masked means not shown at all.
    note = mask_notes if mask_pii else (lambda v: v or "")
    # 대리 참석: the title reads "장관 (대리: 한지원 제2차관)", so name + title is the protocol form.
    deputies = {
        pid: f"{d_name} {d_title or ''}".strip()
        for pid, d_name, d_title in session.execute(
            select(CheckIn.participant_id, CheckIn.deputy_name, CheckIn.deputy_title).where(
                CheckIn.event_id == event_id, CheckIn.undone_at.is_(None), CheckIn.deputy_name.is_not(None)
            )
        )
    }
    labels = {c: category_label(c) for c in Category}
    regions: dict[str, str] = {}
    people: dict[int, PersonRow] = {}
    for (
        pid,
        name,
        org,
        title,
        category,
        region,
        tel,
        mail,
        vip,
        speaker,
        walk_in,
        status,
        code,
        notes,
    ) in result:
        v = visits.get(pid)
        category = Category(category)
        region = region or ""
        shown_region = regions.get(region)
        if shown_region is None:
            shown_region = regions[region] = region_label(region)
        if pid in deputies:
            title = f"{title or ''} (대리: {deputies[pid]})".strip()
        people[pid] = PersonRow(
            pid, name, org or "", title or "", category.value, labels[category], shown_region, phone(tel),
            email(mail), bool(vip), bool(speaker), bool(walk_in), status == InvitationStatus.CANCELLED,
            code or "", note(notes),
            *((v.first_arrival, v.station, v.method, v.operator, v.companions, v.entries, v.left_at) if v else ()),
        )  # fmt: skip
    return people


def _occupancy(steps: list[tuple[datetime, int]], zone: ZoneInfo) -> tuple[int, datetime | None, int]:
    present = peak = 0
    peak_at = None
    # Leaving before arriving at the same instant keeps the peak honest.
    for at, delta in sorted(steps):
        present += delta
        if present > peak:
            peak, peak_at = present, at.astimezone(zone)
    return peak, peak_at, present


def _by(rows: list[PersonRow], key, order: list[str] | None) -> list[GroupCount]:  # type: ignore[no-untyped-def]
    invited: Counter[str] = Counter()
    arrived: Counter[str] = Counter()
    invited_arrived: Counter[str] = Counter()
    companions: Counter[str] = Counter()
    for p in rows:
        if p.cancelled and not p.arrived:
            continue
        label = key(p)
        on_roster = not p.is_walk_in and not p.cancelled
        invited[label] += on_roster
        if p.arrived:
            arrived[label] += 1
            invited_arrived[label] += on_roster
            companions[label] += p.companions
    labels = set(invited) | set(arrived)
    if order is None:  # regions: the biggest first, "미지정" last
        ordered = sorted(labels, key=lambda lb: (lb == region_label(""), -invited[lb] - arrived[lb], lb))
    else:
        ordered = [lb for lb in order if lb in labels] + sorted(labels - set(order))
    return [GroupCount(lb, invited[lb], arrived[lb], invited_arrived[lb], companions[lb]) for lb in ordered]


def _on_event_day(person: PersonRow, starts: datetime, ends: datetime) -> bool:
    assert person.first_arrival is not None
    return starts.date() <= person.first_arrival.date() <= ends.date()


def _floor(dt: datetime) -> datetime:
    return dt.replace(minute=dt.minute - dt.minute % 10, second=0, microsecond=0)


def _arrivals(attendees: list[PersonRow], starts: datetime, ends: datetime) -> list[ArrivalBucket]:
    guests: Counter[datetime] = Counter()
    companions: Counter[datetime] = Counter()
    for p in attendees:
        assert p.first_arrival is not None
        slot = _floor(p.first_arrival)
        guests[slot] += 1
        companions[slot] += p.companions
    window_start, window_end = _floor(starts), _floor(ends - timedelta(microseconds=1))
    if guests:
        first, last = min(guests), max(guests)
        joined = (min(first, window_start), max(last, window_end))
        window_start, window_end = joined if joined[1] - joined[0] <= _MAX_JOINED_SPAN else (first, last)
    buckets: list[ArrivalBucket] = []
    total = 0
    slot = window_start
    while slot <= window_end:
        total += guests[slot] + companions[slot]
        buckets.append(ArrivalBucket(slot, guests[slot], companions[slot], total))
        slot = _floor(slot + BUCKET)  # wall-clock steps stay on the boundary across DST
    return buckets


def _audit(
    session: Session, event_id: int, names: dict[int, str], zone: ZoneInfo, mask_pii: bool = False
) -> list[AuditRow]:
    a = AuditEntry
    result = session.execute(
        select(a.at, a.station, a.operator, a.action, a.outcome, a.participant_id, a.check_in_id, a.detail)
        .where(a.event_id == event_id)
        .order_by(a.at, a.id)
    )
    rows = []
    for at, station, operator, action, outcome, pid, check_in_id, detail in result:
        rows.append(
            AuditRow(
                at.astimezone(zone), station or "", operator or "", action_label(action), outcome_label(outcome or ""),
                pid, names.get(pid, "") if pid else "", check_in_id or "",
                mask_free_text(_detail_text(detail)) if mask_pii else _detail_text(detail),
            )
        )  # fmt: skip
    return rows


def _detail_text(raw: str | None) -> str:
    """The JSON detail as "key=value; …" (readable in a cell), or as stored if it is not JSON."""
    if not raw:
        return ""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict):
        return raw
    return "; ".join(f"{k}={v}" for k, v in data.items() if v is not None)
