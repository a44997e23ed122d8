"""After the event: remove personal data no longer needed, keep what the report counts.

Phones, e-mail addresses, notes and delivery errors (a bounce message quotes the address) go.
Names, organisations, titles, categories, regions and every check-in stay, so the headcount and
the report's aggregates are the same before and after. The purge itself is audited (counts only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import CheckIn, Participant
from kiosk.storage.engine import Database


@dataclass(frozen=True)
class PurgePreview:
    participants: int
    phones: int
    emails: int
    notes: int
    check_ins: int

    @property
    def anything(self) -> bool:
        return bool(self.phones or self.emails or self.notes)


def preview(session: Session) -> PurgePreview:
    """What a purge would remove (and the check-ins it keeps), for the confirmation prompt."""

    def count(*where: object) -> int:
        return len(session.scalars(select(Participant.id).where(*where)).all())

    return PurgePreview(
        participants=count(),
        phones=count(Participant.phone.is_not(None), Participant.phone != ""),
        emails=count(Participant.email.is_not(None), Participant.email != ""),
        notes=count(or_(Participant.notes != "", Participant.delivery_error != "")),
        check_ins=len(session.scalars(select(CheckIn.id)).all()),
    )


def purge_personal_data(db: Database, station: str = "", operator: str = "") -> PurgePreview:
    """Remove the personal data in one transaction; return what was removed."""
    with db.write() as session:
        before = preview(session)
        session.execute(
            update(Participant).values(phone=None, email=None, notes="", delivery_error=""),
            execution_options={"synchronize_session": False},
        )
        audit.record(
            session, action="purge_personal_data", outcome="ok", station=station, operator=operator,
            phones=before.phones, emails=before.emails, notes=before.notes,
            participants=before.participants, check_ins=before.check_ins,
        )  # fmt: skip
    compact(db)
    return before


def compact(db: Database) -> None:
    """Rewrite the SQLite file so the removed values are not left in free pages or the WAL."""
    if not db.is_sqlite:
        return
    # The raw connection runs in autocommit (see engine.py): VACUUM refuses to run in a transaction.
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
