"""The protocol desk on a real X11 display: F7 opens the board, Ctrl+4 and Alt+↑ reorder by
keyboard through XTest, and a deputy checked in from another station (the CLI) reaches the board."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _kiosk(db: Path, env: dict[str, str], *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), "--station", "정문-2", *args],
                         env=env, capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    return out.stdout


def _names(db: Path, env: dict[str, str]) -> list[str]:
    return [e["name"] for e in json.loads(_kiosk(db, env, "protocol", "--json"))]


def test_board_and_keyboard_reordering_on_a_real_display(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db_file = tmp_path / "door.db"
    _kiosk(db_file, x_display.env, "demo")
    x_display.launch(["--db", str(db_file), "gui"])
    console = x_display.wait_window("체크인 키오스크", timeout=60)
    x_display.activate(console)
    x_display.key("ctrl+4")
    x_display.key("Down")  # the list has the focus on its first row: 백운규 is second
    x_display.key("alt+Up")
    x_display.wait_until(lambda: _names(db_file, x_display.env)[:2] == ["백운규", "김현미"], timeout=30)

    x_display.key("F7")
    x_display.wait_window("의전 현황판", timeout=30)
    ids = {e["name"]: e["id"] for e in json.loads(_kiosk(db_file, x_display.env, "protocol", "--json"))}
    verdict = json.loads(_kiosk(db_file, x_display.env, "deputy", str(ids["김현미"]), "--name", "한지원",
                                "--title", "제2차관", "--json"))  # fmt: skip
    assert verdict["status"] == "ok"
    x_display.wait_until(
        lambda: (
            json.loads(_kiosk(db_file, x_display.env, "protocol", "--json"))[1]["state"] == "deputy_arrived"
        ),
        timeout=30,
    )
    shot = x_display.screenshot(tmp_path / "board.png")
    assert shot.stat().st_size > 10_000
