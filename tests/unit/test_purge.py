"""kiosk purge-personal-data: phones, e-mails and notes go; counts, check-ins and aggregates stay."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, Event, Participant
from kiosk.domain.purge import preview, purge_personal_data
from kiosk.storage import backup as backups


@pytest.fixture(autouse=True)
def quiet_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))


def _check_in_first(db, desk, n: int) -> None:  # type: ignore[no-untyped-def]
    with db.session() as session:
        ids = session.scalars(select(Participant.id).order_by(Participant.id).limit(n)).all()
    for pid in ids:
        assert desk.check_in_participant(pid, "desk-1").ok


def _aggregates(db, event_id):  # type: ignore[no-untyped-def]
    from kiosk.report.data import gather

    with db.session() as session:
        data = gather(session, event_id)
        counts = headcount(session, session.get(Event, event_id))
    return data.figures, data.by_category, data.by_region, counts


def _some_email(db) -> str:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return session.scalars(select(Participant.email).where(Participant.email.is_not(None))).first()


def test_purge_removes_contact_data_and_keeps_the_counts(db, desk, demo_event_id, db_path):
    _check_in_first(db, desk, 12)
    with db.session() as session:
        found = preview(session)
    assert found.phones > 0 and found.emails > 0 and found.notes > 0 and found.check_ins == 12
    email = _some_email(db)
    before = _aggregates(db, demo_event_id)
    removed = purge_personal_data(db, station="desk-1", operator="supervisor")
    assert removed == found
    with db.session() as session:
        people = session.scalars(select(Participant)).all()
        assert all(p.phone is None and p.email is None and p.notes == "" for p in people)
        assert all(p.name for p in people)  # names stay: the report lists who came
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge_personal_data")).one()
        assert f'"phones": {found.phones}' in entry.detail and "@" not in entry.detail
        assert not preview(session).anything
    assert _aggregates(db, demo_event_id) == before
    # VACUUM + checkpoint: the old values are not left in free pages or the WAL.
    db.dispose()
    for path in (db_path, Path(str(db_path) + "-wal")):
        if path.exists():
            assert email.encode() not in path.read_bytes()


def test_cli_refuses_without_a_terminal_or_yes(run_cli, db, demo_event_id):
    result = run_cli("purge-personal-data")
    assert result.code == 2 and "--yes" in result.err
    with db.session() as session:
        assert preview(session).anything


def test_cli_asks_and_a_no_keeps_everything(run_cli, db, demo_event_id, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda _prompt="": "아니오")
    result = run_cli("purge-personal-data")
    assert result.code == 1 and "취소" in result.out
    with db.session() as session:
        assert preview(session).anything


def test_cli_asks_and_a_yes_purges(run_cli, db, demo_event_id, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda _prompt="": "예")
    result = run_cli("purge-personal-data")
    assert result.code == 0, result.err
    with db.session() as session:
        assert not preview(session).anything


def test_cli_yes_purges_and_replaces_old_backups(run_cli, db, demo_event_id, db_path, tmp_path):
    email = _some_email(db)
    assert run_cli("backup").code == 0
    folder = backups.folder_for(tmp_path / "backups", db_path)
    old = backups.list_backups(folder)
    assert len(old) == 1 and email.encode() in old[0].path.read_bytes()
    result = run_cli("purge-personal-data", "--yes")
    assert result.code == 0, result.err
    assert "전화번호" in result.out and "이메일" in result.out
    now = backups.list_backups(folder)
    assert [b.reason for b in now] == ["purged"]
    assert email.encode() not in now[0].path.read_bytes()
    assert backups.verify(now[0].path).ok
    again = run_cli("purge-personal-data", "--yes")
    assert again.code == 0 and "없습니다" in again.out
