"""The command line of the foundation: demo, status, db, gui --screenshot, and its error messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image


def test_demo_then_status_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("demo").code == 0
    result = run_cli("status", "--json")
    assert result.code == 0
    status = json.loads(result.out)
    assert status["event"] == {
        "name": "혁신도시 시즌2 콘퍼런스",
        "starts_at": "2017-11-22T14:00:00+09:00",
        "capacity": 150,
    }
    assert status["invited"] >= 150
    for key in ("invited", "checked_in", "present", "walk_ins", "remaining"):
        assert isinstance(status[key], int)
    assert (status["checked_in"], status["present"], status["walk_ins"], status["remaining"]) == (0, 0, 0, 150)


def test_status_counts_follow_check_ins(run_cli, desk, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain import token

    with desk.db.session() as session:
        from kiosk.domain.models import Event, Participant

        event = session.get(Event, desk.event_id)
        minister = session.query(Participant).filter_by(name="김현미").one()
        code = token.issue(event.token_tag, event.signing_secret, minister.id)
    assert desk.scan(code, station="입구1", companions=2).ok
    status = json.loads(run_cli("status", "--json").out)
    assert (status["checked_in"], status["present"], status["remaining"]) == (1, 3, 147)


def test_demo_twice_keeps_data_and_reset_recreates(run_cli, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    run_cli("demo")
    again = run_cli("demo")
    assert again.code == 0 and "이미" in again.out
    reset = run_cli("demo", "--reset")
    assert reset.code == 0
    assert json.loads(run_cli("status", "--json").out)["invited"] >= 150
    assert list(db_path.parent.glob("*.bak")), "reset keeps a copy of the old database"


def test_db_current_and_upgrade(run_cli) -> None:  # type: ignore[no-untyped-def]
    up = run_cli("db", "upgrade")
    assert up.code == 0
    current = run_cli("db", "current")
    assert current.code == 0 and "최신" in current.out


def test_user_mistakes_get_one_line_and_no_traceback(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    cases = [
        run_cli("status", db="postgresql+psycopg://nobody@127.0.0.1:1/none"),
        run_cli("status", db="mysql://x@y/z"),
        run_cli("status", db=str(garbage)),
        run_cli("status", db=str(tmp_path)),  # a folder, not a file
        run_cli("status"),  # an empty database: no event yet
        run_cli("gui", "--screenshot", str(tmp_path / "x.jpg")),
    ]
    for result in cases:
        assert result.code != 0
        assert "Traceback" not in result.err
        assert result.err.startswith("kiosk: ") and result.err.count("\n") == 1, result.err


@pytest.mark.parametrize("target", ["garbage", "server"])
def test_gui_screenshot_of_a_database_that_cannot_open_says_why_and_exits(tmp_path: Path, target: str) -> None:
    """It waited forever on an offscreen fault dialog nobody could answer."""
    if target == "garbage":
        db = tmp_path / "x.db"
        db.write_bytes(b"this is not a database" * 100)
        where = str(db)
    else:  # a shared server that is not there (nothing listens on port 9)
        where = "postgresql+psycopg://kiosk@127.0.0.1:9/kiosk"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", where, "gui", "--screenshot", str(tmp_path / "x.png")],
                            env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2, result.stderr  # as `kiosk status` answers the same database
    assert result.stderr.startswith("kiosk: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "예기치 못한" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_gui_screenshot_renders_the_demo_event(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    png = tmp_path / "x.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    kiosk = [sys.executable, "-m", "kiosk", "--db", str(db)]
    subprocess.run([*kiosk, "demo"], check=True, env=env, capture_output=True)
    subprocess.run([*kiosk, "gui", "--screenshot", str(png)], check=True, env=env, capture_output=True)
    image = Image.open(png)
    assert image.size == (1366, 768)
    # Not a blank canvas: text and cards were drawn.
    assert sum(1 for count in image.convert("L").histogram() if count) > 20
