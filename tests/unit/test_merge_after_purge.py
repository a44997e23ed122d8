"""`kiosk merge` into a purged database does not bring phones, e-mails or notes back.

Before: a second laptop's file, copied before the purge, carried its walk-ins' contacts (and
the roster's, for people the target no longer had) straight back into the purged database.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import AuditEntry, CheckIn, Participant
from kiosk.domain.purge import purge_personal_data
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.storage.engine import Database
from kiosk.sync.merge import merge_file

PHONE, EMAIL = "010-4433-9182", "late.walkin@example.kr"


def test_merge_into_a_purged_database_keeps_people_and_check_ins_but_no_contacts(
    db: Database, db_path: Path, demo_event_id: int, tmp_path: Path
) -> None:
    other = tmp_path / "station2.db"
    with closing(sqlite3.connect(db_path)) as a, closing(sqlite3.connect(other)) as b:
        a.backup(b)
    station = Database.open(other)
    try:
        desk = CheckInDesk(station, demo_event_id)
        assert register_walk_in(desk, WalkInRequest("늦은손님", "현장기관", phone=PHONE, email=EMAIL), "PC2").verdict.ok
    finally:
        station.dispose()
    assert purge_personal_data(db).phones > 0

    summary = merge_file(other, db, station="PC2")

    with db.session() as s:
        person = s.scalars(select(Participant).where(Participant.name == "늦은손님")).one()
        assert (person.phone, person.email, person.organization) == (None, None, "현장기관")
        assert s.scalars(select(CheckIn).where(CheckIn.participant_id == person.id)).one().station == "PC2"
        assert not [p.id for p in s.scalars(select(Participant)) if p.phone or p.email or p.notes]
        details = " ".join(e.detail or "" for e in s.scalars(select(AuditEntry)))
        assert EMAIL not in details and "4433-9182" not in details
    assert summary.target_purged and summary.personal_data_stripped == 1 and summary.inserted == 1
    assert summary.to_json()["personal_data_stripped"] == 1


def test_an_event_created_after_the_purge_keeps_the_contacts_it_merges(
    db: Database, db_path: Path, demo_event_id: int, tmp_path: Path
) -> None:
    """The marker covers the events purged, not next year's event on the same database."""
    from kiosk.domain.demo import load_demo

    purge_personal_data(db)
    with db.write() as s:
        new_event = load_demo(s).id
    assert new_event > demo_event_id
    other = tmp_path / "station2.db"
    with closing(sqlite3.connect(db_path)) as a, closing(sqlite3.connect(other)) as b:
        a.backup(b)
    station = Database.open(other)
    try:
        request = WalkInRequest("내년손님", "현장기관", phone=PHONE, email=EMAIL)
        assert register_walk_in(CheckInDesk(station, new_event), request, "PC2").verdict.ok
    finally:
        station.dispose()
    summary = merge_file(other, db, station="PC2")
    assert not summary.target_purged and summary.inserted == 1
    with db.session() as s:
        person = s.scalars(select(Participant).where(Participant.name == "내년손님")).one()
        assert person.phone and person.phone[-4:] == PHONE[-4:] and person.email == EMAIL
