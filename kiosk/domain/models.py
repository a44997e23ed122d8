"""The roster's tables: events, their program, participants, check-ins and the audit log.

Times are stored in UTC and always come back timezone-aware; screens convert them to Asia/Seoul.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names let Alembic diff and alter SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that refuses naive values and always reads back as UTC-aware.

    SQLite has no time zone type, so the value is normalised to UTC before storing.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as plain strings (no native ENUM type), so adding a member needs no schema change.
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


class Category(enum.StrEnum):
    MINISTRY = "ministry"
    COMMITTEE = "committee"
    LAWMAKER = "lawmaker"
    LOCAL_GOVERNMENT = "local_government"
    REGIONAL_INSTITUTION = "regional_institution"
    ACADEMIA = "academia"
    PRESS = "press"
    FORUM = "forum"
    STAFF = "staff"
    WALK_IN = "walk_in"
    OTHER = "other"


class InvitationStatus(enum.StrEnum):
    INVITED = "invited"
    CANCELLED = "cancelled"


class DeliveryState(enum.StrEnum):
    NONE = "none"
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class CheckInMethod(enum.StrEnum):
    QR = "qr"
    CODE = "code"
    MANUAL = "manual"
    WALK_IN = "walk_in"
    SYNC = "sync"


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[str] = mapped_column(String(300), default="")
    venue: Mapped[str] = mapped_column(String(200))
    venue_en: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Seoul")
    capacity: Mapped[int] = mapped_column(Integer)
    hosts: Mapped[str] = mapped_column(Text, default="")
    sponsor: Mapped[str] = mapped_column(Text, default="")
    # Short public tag carried in every QR token, so a foreign event's code is told apart.
    token_tag: Mapped[str] = mapped_column(String(8), unique=True)
    # Never leaves the database: tokens are signed with it (HMAC-SHA256).
    signing_secret: Mapped[bytes] = mapped_column(LargeBinary(64))
    email_subject_template: Mapped[str | None] = mapped_column(Text, default=None)
    email_body_template: Mapped[str | None] = mapped_column(Text, default=None)
    # Who the invitations come from, where replies go, and the privacy line they carry.
    sender_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    sender_email: Mapped[str] = mapped_column(String(320), default="", server_default="")
    reply_to: Mapped[str] = mapped_column(String(320), default="", server_default="")
    privacy_line: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    program: Mapped[list[ProgramItem]] = relationship(
        back_populates="event", order_by="ProgramItem.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.name!r}>"


class ProgramItem(Base):
    __tablename__ = "program_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")
    # JSON list of {"name", "organization", "region"}: the presenters the program names.
    presenters: Mapped[str] = mapped_column(Text, default="[]")

    event: Mapped[Event] = relationship(back_populates="program")
    speakers: Mapped[list[Participant]] = relationship(back_populates="speaker_session")


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (
        Index(
            "uq_participants_event_id_external_code",
            "event_id",
            "external_code",
            unique=True,
            sqlite_where=text("external_code IS NOT NULL"),
            postgresql_where=text("external_code IS NOT NULL"),
        ),
        Index("ix_participants_event_id_uid", "event_id", "uid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # Who this person is wherever the row is copied (station files, the server): merges match
    # people by this, never by name. Random for new people; derived for rows older than it.
    uid: Mapped[str | None] = mapped_column(String(32), default=lambda: uuid.uuid4().hex)
    name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[Category] = mapped_column(_enum(Category), default=Category.OTHER)
    region: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    is_vip: Mapped[bool] = mapped_column(Boolean, default=False)
    is_speaker: Mapped[bool] = mapped_column(Boolean, default=False)
    speaker_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("program_items.id", ondelete="SET NULL"), default=None
    )
    companions_allowed: Mapped[int] = mapped_column(Integer, default=0)
    external_code: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[InvitationStatus] = mapped_column(
        _enum(InvitationStatus), default=InvitationStatus.INVITED
    )
    is_walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    delivery_state: Mapped[DeliveryState] = mapped_column(
        _enum(DeliveryState), default=DeliveryState.NONE, server_default=DeliveryState.NONE.value
    )
    delivery_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # 의전 순위: lower is higher; None = not on the protocol list.
    precedence: Mapped[int | None] = mapped_column(Integer, default=None)
    # What the MC says (내빈 소개), e.g. "국토교통부 김현미 장관님"; empty = composed from the record.
    intro_wording: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship(back_populates="participants")
    speaker_session: Mapped[ProgramItem | None] = relationship(back_populates="speakers")
    check_ins: Mapped[list[CheckIn]] = relationship(
        back_populates="participant", order_by="CheckIn.checked_in_at"
    )

    def __repr__(self) -> str:
        return f"<Participant {self.id} {self.name!r}>"


class CheckIn(Base):
    """One entry into the room. Check-out closes it; re-entry opens a new one."""

    __tablename__ = "check_ins"
    __table_args__ = (
        # The rule "one person is inside at most once" lives in the database, so two stations
        # racing on the same code cannot both win, whatever the application does.
        Index(
            "uq_check_ins_one_active",
            "participant_id",
            unique=True,
            sqlite_where=text("undone_at IS NULL AND checked_out_at IS NULL"),
            postgresql_where=text("undone_at IS NULL AND checked_out_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    station: Mapped[str] = mapped_column(String(64))
    method: Mapped[CheckInMethod] = mapped_column(_enum(CheckInMethod))
    operator: Mapped[str] = mapped_column(String(64), default="")
    companions: Mapped[int] = mapped_column(Integer, default=0)
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    checked_out_station: Mapped[str | None] = mapped_column(String(64), default=None)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    undo_reason: Mapped[str | None] = mapped_column(Text, default=None)
    undone_by: Mapped[str | None] = mapped_column(String(64), default=None)
    # 대리 참석: someone came in the participant's place and holds their seat and precedence.
    deputy_name: Mapped[str | None] = mapped_column(String(200), default=None)
    deputy_title: Mapped[str | None] = mapped_column(String(200), default=None)
    deputy_organization: Mapped[str | None] = mapped_column(String(200), default=None)

    participant: Mapped[Participant] = relationship(back_populates="check_ins")


class AuditEntry(Base):
    """Append-only: triggers refuse UPDATE and DELETE, and a hash chain shows any that got through."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True, default=None)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    station: Mapped[str] = mapped_column(String(64), default="")
    operator: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(64), default="")
    participant_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    check_in_id: Mapped[str | None] = mapped_column(String(36), default=None)
    detail: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (domain/audit_chain.py): filled in just before the row is written.
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    entry_hash: Mapped[str | None] = mapped_column(String(64), default=None)


class BadgePrint(Base):
    __tablename__ = "badge_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    station: Mapped[str] = mapped_column(String(64), default="")
    operator: Mapped[str] = mapped_column(String(64), default="")
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")


class CertificateSerial(Base):
    """The ledger of certificates of attendance: one serial per person and event, never reused.

    Rows are never deleted: when a person is removed their row loses its participant_id (a new
    person who gets the same id later must not inherit the number) but keeps the serial, the
    signed person number and the name, so the number stays taken and the certificate verifiable."""

    __tablename__ = "certificate_serials"
    __table_args__ = (UniqueConstraint("event_id", "serial"), UniqueConstraint("event_id", "participant_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), default=None
    )
    signed_participant: Mapped[int] = mapped_column(Integer)  # the id the code was signed with
    serial: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))  # as printed on the latest issue
    attended_at: Mapped[datetime] = mapped_column(UTCDateTime())  # first arrival; signed in the code
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issue_count: Mapped[int] = mapped_column(Integer, default=1)
    last_issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Setting(Base):
    """Settings shared by every station on one database (the supervisor PIN hash, say)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SeatLease(Base):
    """Seats of the room held for one station, so it can keep admitting while the server is away.

    Renewed by the station while it is online; released when it comes back and has synced;
    ignored (and then deleted) once `expires_at` has passed, so a dead laptop's share goes back.
    The rule that shares them out is in `kiosk/domain/seat_leases.py`."""

    __tablename__ = "seat_leases"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    seats: Mapped[int] = mapped_column(Integer, default=0)
    renewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    holder: Mapped[str] = mapped_column(String(32), default="", server_default="")  # the laptop (its copy's id)
