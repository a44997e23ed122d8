"""The X11 harness itself: a scanner burst typed through XTest reaches the real console."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.domain import token
from kiosk.domain.models import Event, Participant
from kiosk.storage.engine import Database


def _status(db: Path, env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", str(db), "status", "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_a_scanner_burst_on_the_real_display_checks_the_guest_in(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db_file = tmp_path / "door.db"
    subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db_file), "demo"], env=x_display.env,
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    database = Database.open(db_file)
    with database.session() as session:
        event = session.query(Event).one()
        guest = session.query(Participant).order_by(Participant.id).first()
        code = token.issue(event.token_tag, event.signing_secret, guest.id)
    database.dispose()
    assert any(c.isupper() for c in code)  # xdotool presses Shift around these, as a scanner does

    x_display.launch(["--db", str(db_file), "gui"])
    window = x_display.wait_window("kiosk|체크인|행사", timeout=60)
    x_display.activate(window)
    x_display.scan(code, delay_ms=5)
    x_display.wait_until(lambda: _status(db_file, x_display.env)["checked_in"] == 1, timeout=30)
    shot = x_display.screenshot(tmp_path / "after-scan.png")
    if os.environ.get("KIOSK_KEEP_SHOTS"):
        shutil.copy(shot, os.environ["KIOSK_KEEP_SHOTS"])
    assert shot.stat().st_size > 10_000
