"""Codes on standard input and a supervisor PIN: the first line is the PIN (docs/security.md §1),
through the real `python -m kiosk` in a subprocess, as a script at the door runs it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from kiosk.domain import roles, token
from kiosk.domain.models import CheckIn, Event, Participant
from kiosk.storage.engine import Database
from tests.unit.test_security_files import _kiosk

PIN = "246813"


def _setup(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "s.db"
    assert _kiosk(tmp_path, "--db", str(db), "demo").returncode == 0
    r = _kiosk(tmp_path, "--db", str(db), "pin", "set", stdin=f"{PIN}\n{PIN}\n")
    assert r.returncode == 0, r.stderr
    database = Database.open(db)
    try:
        with database.session() as s:
            p = s.scalars(select(Participant).where(Participant.companions_allowed == 0)).first()
            e = s.get(Event, p.event_id)
            code = token.issue(e.token_tag, e.signing_secret, p.id)
    finally:
        database.dispose()
    return db, code


def _state(db: Path) -> tuple[int, str | None]:
    database = Database.open(db)
    try:
        with database.session() as s:
            return int(s.scalar(select(func.count(CheckIn.id))) or 0), roles.get_setting(s, roles.FAILURES_KEY)
    finally:
        database.dispose()


def test_checkin_from_stdin_reads_the_pin_first(tmp_path: Path) -> None:
    """Old code: the PIN line was scanned as a code and the code line was tried as the PIN."""
    db, code = _setup(tmp_path)
    r = _kiosk(tmp_path, "--db", str(db), "checkin", "--json", "--companions", "5", "-", stdin=f"000000\n{code}\n")
    assert r.returncode == 2 and "틀렸습니다" in r.stderr and r.stdout == ""
    assert _state(db)[0] == 0  # a wrong PIN changes nothing
    r = _kiosk(tmp_path, "--db", str(db), "checkin", "--json", "--companions", "5", "-", stdin=f"{PIN}\n{code}\n")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["status"] for x in lines] == ["ok"]
    count, failures = _state(db)
    assert count == 1 and failures in (None, "0")  # the right PIN reset the one failure


def test_checkin_from_stdin_without_companions_reads_only_codes(tmp_path: Path) -> None:
    db, code = _setup(tmp_path)
    r = _kiosk(tmp_path, "--db", str(db), "checkin", "--json", "-", stdin=f"{code}\n")
    assert r.returncode == 0, r.stderr
    assert _state(db)[0] == 1
