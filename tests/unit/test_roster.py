"""Roster management: add, edit, cancel; the five statuses; the import CLI's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.demo import demo_files
from kiosk.domain.models import AuditEntry, Category, InvitationStatus, Participant
from kiosk.domain.roster import (
    ParticipantFields,
    RosterError,
    add_participant,
    participant_status,
    roster_entries,
    set_cancelled,
    update_participant,
)
from kiosk.storage.engine import Database
from tests.benchmarks.roster_samples import HEADERS, write_csv


def test_statuses() -> None:
    def status(
        invitation: str = "invited", walk_in: bool = False, arrived: bool = False, ended: bool = False
    ) -> str:
        return participant_status(invitation=invitation, walk_in=walk_in, arrived=arrived, event_ended=ended)

    assert status() == "invited"
    assert status(arrived=True) == "checked_in"
    assert status(arrived=True, ended=True) == "checked_in"
    assert status(ended=True) == "no_show"
    assert status(invitation=InvitationStatus.CANCELLED, arrived=True) == "cancelled"
    assert status(walk_in=True, arrived=True) == "walk_in"


def test_add_edit_cancel_with_audit(db: Database, demo_event_id: int) -> None:
    with db.write() as session:
        p = add_participant(
            session, demo_event_id,
            ParticipantFields(name="홍 길동", organization="부산광역시", email="HONG@Busan.example", phone="01055556666",
                              category=Category.LOCAL_GOVERNMENT, is_speaker=True),
            station="desk-1",
        )  # fmt: skip
        pid = p.id
        assert (p.name, p.email, p.phone) == ("홍길동", "hong@busan.example", "010-5555-6666")
    with db.write() as session:
        changed = update_participant(
            session, pid, ParticipantFields(name="홍길동", organization="부산광역시청", email="hong@busan.example",
                                            phone="010-5555-6666", category=Category.LOCAL_GOVERNMENT, is_speaker=True),
        )  # fmt: skip
        assert changed == ["organization"]
        assert set_cancelled(session, pid, True, reason="불참 통보") is True
        assert set_cancelled(session, pid, True) is False
    with db.session() as session:
        entry = next(e for e in roster_entries(session, demo_event_id) if e.id == pid)
        assert (entry.organization, entry.status) == ("부산광역시청", "cancelled")
        log = session.scalars(select(AuditEntry).where(AuditEntry.participant_id == pid)).all()
        assert [e.action for e in log] == ["participant_add", "participant_edit", "participant_cancel"]
        assert all("홍길동" not in e.detail and "@" not in e.detail for e in log)
        assert json.loads(log[1].detail) == {"fields": ["organization"]}


@pytest.mark.parametrize(
    "fields, message",
    [
        (ParticipantFields(name=""), "성명"),
        (ParticipantFields(name="김", email="not-an-email"), "이메일"),
        (ParticipantFields(name="김", email="hmkim@molit.example"), "이미 다른"),
        (ParticipantFields(name="김", external_code="BXC-2017-00978"), "등록번호"),
        (ParticipantFields(name="김" * 201), "너무 깁니다"),
        (ParticipantFields(name="김", companions_allowed=-1), "동반인원"),
    ],
)
def test_refused_changes(db: Database, demo_event_id: int, fields: ParticipantFields, message: str) -> None:
    with pytest.raises(RosterError, match=message), db.write() as session:
        add_participant(session, demo_event_id, fields)


def test_edit_keeps_own_email(db: Database, demo_event_id: int) -> None:
    with db.write() as session:
        kim = session.scalars(select(Participant).where(Participant.name == "김현미")).one()
        fields = ParticipantFields.of(kim)
        assert update_participant(session, kim.id, fields) == []


# -- the import command -----------------------------------------------------------------------------


def _row(name: str, email: str = "") -> list[str]:
    return [name, "국토교통부", "", "부처", "", "", email, "", "", "", "", ""]


def test_cli_import_exit_codes_and_json(run_cli, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok = run_cli("import", str(demo_files()[1]), "--json")
    assert ok.code == 0
    report = json.loads(ok.out)
    assert list(report) == ["imported", "updated", "unchanged", "rejected", "missing_from_file"]
    assert (report["imported"], report["unchanged"], report["rejected"]) == (0, 183, [])

    partial = write_csv(tmp_path / "partial.csv", [_row("새사람", "new@x.example"), _row("", "x@x.example")])
    dry = run_cli("import", str(partial), "--dry-run", "--json")
    assert dry.code == 1 and json.loads(dry.out)["imported"] == 1
    assert json.loads(dry.out)["rejected"] == [{"line": 3, "reason": "성명이 없습니다"}]
    result = run_cli("import", str(partial), "--json")
    body = json.loads(result.out)
    assert result.code == 1 and body["imported"] == 1
    assert len(body["missing_from_file"]) == 183
    assert set(body["missing_from_file"][0]) == {"id", "name", "organization"}

    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    broken = run_cli("import", str(binary), "--json")
    assert broken.code == 2 and broken.out == "" and "아무것도 바뀌지 않았습니다" in broken.err
    assert "Traceback" not in broken.err


def test_cli_import_human_output_and_column_option(
    run_cli, db: Database, demo_event_id: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "odd.csv", [["최참가", "부산시"]], headers=["참가자", "기관"])
    assert run_cli("import", str(path)).code == 2
    result = run_cli("import", str(path), "--column", "참가자=name")
    assert result.code == 0 and "새로 추가 1명" in result.out
    assert run_cli("import", str(path), "--column", "참가자").code == 2
    with db.session() as session:
        assert session.scalar(select(func.count()).where(Participant.name == "최참가")) == 1


def test_cli_import_without_event(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "r.csv", [_row("김")], headers=HEADERS)
    result = run_cli("import", str(path))
    assert result.code == 2 and "행사가 없습니다" in result.err
