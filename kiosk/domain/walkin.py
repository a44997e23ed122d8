"""Walk-ins: someone not on the roster registered at the door and checked in at once.

The rules: a name and an organization are required, plus a phone or an e-mail when the event
wants to reach people later (optional here: staff at a busy door decide). A walk-in who is
probably already on the roster (same phone, same e-mail, or same name and organization) is
offered that record instead. No seat left: refused unless a supervisor overrides, and the
override is logged. Creating the participant and checking them in happen in one write
transaction, so a refusal never leaves a half-registered person behind and two stations
cannot both take the last seat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict, ParticipantSummary, ScanStatus, active_check_in
from kiosk.domain.headcount import present_count
from kiosk.domain.models import Category, CheckInMethod, Participant
from kiosk.domain.phones import digits_of, normalise_phone
from kiosk.storage.retry import retry_conflicts

MAX_COMPANIONS = 20
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class WalkInInvalid(ValueError):
    """The form is incomplete; `problems` maps a field name to a Korean message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class WalkInRequest:
    name: str
    organization: str
    title: str = ""
    category: str | None = None
    phone: str | None = None
    email: str | None = None
    companions: int = 0


@dataclass(frozen=True)
class ProbableDuplicate:
    participant: ParticipantSummary
    reasons: tuple[str, ...]  # "phone", "email", "name_organization"
    checked_in: bool


@dataclass(frozen=True)
class WalkInResult:
    verdict: CheckInVerdict
    participant_id: int | None = None
    duplicates: list[ProbableDuplicate] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.participant_id is not None


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").casefold()


def validate(request: WalkInRequest) -> WalkInRequest:
    """Cleaned request, or WalkInInvalid listing every problem at once."""
    problems: dict[str, str] = {}
    name = " ".join((request.name or "").split())
    organization = " ".join((request.organization or "").split())
    if not name:
        problems["name"] = "이름을 입력하세요"
    elif len(name) > 100:
        problems["name"] = "이름이 너무 깁니다"
    if not organization:
        problems["organization"] = "소속을 입력하세요"
    elif len(organization) > 200:
        problems["organization"] = "소속이 너무 깁니다"
    phone = normalise_phone(request.phone)
    if phone is not None and not 8 <= len(digits_of(phone)) <= 15:
        problems["phone"] = "전화번호 형식이 아닙니다"
    email = (request.email or "").strip().lower() or None
    if email is not None and not _EMAIL.match(email):
        problems["email"] = "이메일 형식이 아닙니다"
    category = request.category or Category.WALK_IN.value
    if category not in {c.value for c in Category}:
        problems["category"] = "알 수 없는 구분입니다"
    companions = request.companions
    if not isinstance(companions, int) or not 0 <= companions <= MAX_COMPANIONS:
        problems["companions"] = f"수행원은 0~{MAX_COMPANIONS}명입니다"
    if problems:
        raise WalkInInvalid(problems)
    return WalkInRequest(
        name=name,
        organization=organization,
        title=" ".join((request.title or "").split()),
        category=category,
        phone=phone,
        email=email,
        companions=companions,
    )


def probable_duplicates(session: Session, event_id: int, request: WalkInRequest) -> list[ProbableDuplicate]:
    """People already on the roster who are probably this walk-in."""
    conditions = []
    phone_digits = digits_of(request.phone or "")
    if len(phone_digits) >= 8:
        # Phones are stored normalised (010-1234-5678), but imports may keep odd shapes: compare
        # the last eight digits in SQL, then the full digits in Python.
        conditions.append(Participant.phone.like(f"%{phone_digits[-4:]}"))
    email = (request.email or "").strip().lower()
    if email:
        conditions.append(func.lower(Participant.email) == email)
    name = _squash(request.name)
    if name:
        conditions.append(func.replace(Participant.name, " ", "") == request.name.replace(" ", ""))
    if not conditions:
        return []
    rows = session.scalars(
        select(Participant).where(Participant.event_id == event_id, or_(*conditions)).order_by(Participant.id)
    ).all()
    found: list[ProbableDuplicate] = []
    for p in rows:
        reasons = []
        if len(phone_digits) >= 8 and digits_of(p.phone or "") == phone_digits:
            reasons.append("phone")
        if email and (p.email or "").lower() == email:
            reasons.append("email")
        if name and _squash(p.name) == name and _squash(p.organization) == _squash(request.organization):
            reasons.append("name_organization")
        if reasons:
            found.append(
                ProbableDuplicate(
                    ParticipantSummary.of(p), tuple(reasons), active_check_in(session, p.id) is not None
                )
            )
    return found


def register_walk_in(
    desk: CheckInDesk,
    request: WalkInRequest,
    station: str,
    operator: str = "",
    *,
    override: bool = False,
) -> WalkInResult:
    """Validate, check capacity, create the participant and check them in, in one transaction.

    Raises WalkInInvalid for an incomplete form. A full room gives a `capacity_full` verdict and
    creates nobody, unless `override` (a supervisor's decision, recorded in the audit log).
    """
    request = validate(request)
    return retry_conflicts(lambda: _register(desk, request, station, operator, override), what="walkin")


def _register(desk: CheckInDesk, request: WalkInRequest, station: str, operator: str, override: bool) -> WalkInResult:
    with desk.db.write() as session:
        # The seat lock before anything else: see CheckInDesk.lock_seats (no deadlock between desks).
        capacity = desk.lock_seats(session)
        duplicates = probable_duplicates(session, desk.event_id, request)
        needed = 1 + request.companions
        full = present_count(session, desk.event_id) + needed > capacity
        log = dict(event_id=desk.event_id, station=station, operator=operator)
        if full and not override:
            audit.record(
                session, action="walkin", outcome="capacity_full", name=request.name,
                organization=request.organization, companions=request.companions, **log,
            )  # fmt: skip
            return WalkInResult(
                CheckInVerdict(code="walk-in", status=ScanStatus.CAPACITY_FULL, detail="no seat left"),
                duplicates=duplicates,
            )
        participant = Participant(
            event_id=desk.event_id,
            name=request.name,
            organization=request.organization,
            title=request.title,
            category=Category(request.category or Category.WALK_IN.value),
            phone=request.phone,
            email=request.email,
            is_walk_in=True,
            companions_allowed=request.companions,
        )
        session.add(participant)
        session.flush()
        audit.record(
            session, action="walkin", outcome="override" if full else "ok",
            participant_id=participant.id, duplicates=[d.participant.id for d in duplicates] or None, **log,
        )  # fmt: skip
        # The engine's own admission, inside this transaction: same capacity and exactly-once rules.
        verdict = desk.admit_in(  # one transaction for create + check-in
            session,
            participant.id,
            f"#{participant.id}",
            station,
            operator,
            CheckInMethod.WALK_IN,
            request.companions,
            override,
        )
        if verdict.status is not ScanStatus.OK:
            # Cannot happen while we hold the write lock; roll back rather than keep a stray person.
            raise RuntimeError(f"walk-in admission refused: {verdict.status}")
        return WalkInResult(verdict, participant.id, duplicates)
