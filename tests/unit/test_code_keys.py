"""One key for external registration numbers everywhere (docs/security.md §7): full-width letters,
Unicode hyphens/dashes and dots separate nothing, in an imported file as at the door."""

from __future__ import annotations

import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.codes import external_code_key
from kiosk.domain.events import create_event
from kiosk.domain.roster import ParticipantFields, RosterError, add_participant
from kiosk.domain.roster_import import import_roster
from kiosk.domain.search import search_participants
from kiosk.storage.engine import Database
from tests.unit.test_roster_import import row, write_csv

# The tester's exact strings: full-width, U+2010, U+2014, U+2212, a dot, and a space.
SAME = ["ＲＥＧ－００１", "REG\u2010001", "REG\u2014001", "REG\u2212001", "REG.001", "reg 001"]


@pytest.fixture
def event_id(db: Database) -> int:
    with db.write() as session:
        return create_event(
            session, name="시험 행사", venue="BEXCO", starts_at=datetime(2030, 5, 1, 5, tzinfo=UTC),
            ends_at=datetime(2030, 5, 1, 8, tzinfo=UTC), capacity=150,
        ).id  # fmt: skip


def test_every_spelling_has_the_one_key() -> None:
    assert {external_code_key(s) for s in ["REG-001", *SAME]} == {"reg001"}
    dashes = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"]
    assert all(external_code_key(f"A{d}1") == "a1" for d in dashes), "a dash kept"


def test_duplicates_within_one_file_are_refused(db: Database, event_id: int, tmp_path: Path) -> None:
    """Old code: only 'reg 001' was caught; the five others were imported as new people."""
    rows = [row("갑", code="REG-001")] + [row(f"을{i}", code=code) for i, code in enumerate(SAME)]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows), event_id=event_id)
    assert report.imported == 1
    assert [p.line for p in report.rejected] == list(range(3, 3 + len(SAME)))
    assert all("겹칩니다" in p.reason for p in report.rejected)


def test_file_roster_dialog_scan_and_search_agree(db: Database, event_id: int, tmp_path: Path) -> None:
    import_roster(db, write_csv(tmp_path / "a.csv", [row("갑", code="REG-001")]), event_id=event_id)
    for code in SAME:  # re-import matches the same person rather than adding one
        report = import_roster(db, write_csv(tmp_path / "b.csv", [row("갑", code=code)]), event_id=event_id)
        assert report.imported == 0 and not report.rejected, code
        with pytest.raises(RosterError), db.write() as session:  # the roster dialog's rule
            add_participant(session, event_id, ParticipantFields(name="병", external_code=code))
        with db.session() as session:
            hits = search_participants(session, event_id, code)
        assert hits and hits[0].name == "갑", code
    verdict = CheckInDesk(db, event_id).scan("REG\u2014001", station="s1")
    assert verdict.status is ScanStatus.OK and verdict.participant is not None
    assert verdict.participant.name == "갑"
