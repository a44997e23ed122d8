"""A new user's first minutes on a real display, keys only (XTest): an empty file opens on the
welcome screen; Ctrl+N, the wizard typed through; the roster imported; a guest's code scanned.
Outcomes are read from the database file through the CLI, as an operator would."""

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

ROSTER = Path(__file__).parents[1] / "e2e" / "data" / "forum_roster.csv"


def _kiosk(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), *args], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def _event(db: Path, env: dict[str, str]) -> dict | None:
    shown = _kiosk(db, env, "event", "show", "--json")
    return json.loads(shown.stdout) if shown.returncode == 0 else None


def _type(xs, text: str) -> None:  # type: ignore[no-untyped-def]
    # ASCII only: xdotool types a Hangul syllable by remapping a spare keycode for a moment, and
    # on a busy machine Qt reads the mapping after it was put back, so syllables vanish at random
    # (an IME commits text differently). Hangul entry is covered with Qt key events carrying the
    # committed text in tests/gui/test_event_setup_gui.py; here the keys themselves are real.
    assert text.isascii(), text
    xs.type_text(text, delay_ms=90)  # a person: a scanner types a key every 3–8 ms


def test_wizard_import_scan_on_a_real_display(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    xs = x_display
    env = {**xs.env, "KIOSK_SETTINGS": str(tmp_path / "station.ini"), "XDG_DATA_HOME": str(tmp_path / "data")}
    xs.env.update(env)
    db_file = tmp_path / "forum.kiosk.db"
    xs.launch(["--db", str(db_file), "gui"])
    window = xs.wait_window("행사 없음", timeout=60)
    xs.activate(window)
    xs.screenshot(tmp_path / "x11-welcome.png")
    # A guest's code scanned at a station with no event open. Old code: the scanner's Enter
    # pressed 새 행사 만들기 and the wizard opened; a second scan filled 행사 이름 and pressed 다음.
    xs.scan("KQN7W1BM79XZ4PD2RT6SA8", delay_ms=5)
    import time

    time.sleep(1.5)
    assert not xs.windows("새 행사 만들기"), "a scan opened the wizard"
    xs.key("ctrl+n")
    wizard = xs.wait_window("새 행사 만들기", timeout=30)
    xs.activate(wizard)
    _type(xs, "2026 Regional Balance Forum")
    xs.key("Tab")
    _type(xs, "Daejeon Convention Center")
    xs.key("Tab")
    _type(xs, "20260305")
    xs.key("Tab")
    _type(xs, "1330")
    xs.key("Tab")
    _type(xs, "1800")
    xs.key("Tab", "Tab", "ctrl+a")
    _type(xs, "300")
    xs.key("alt+n")
    for row in (
        ("13:30", "14:00", "Opening", "Lee Jang-woo(Daejeon)"),
        ("14:00", "15:00", "Keynote", "Park Jeong-min(CNU)"),
    ):
        xs.key("ctrl+n")
        for n, text in enumerate(row):
            # F2 opens the cell's editor first: typed straight into the table, the first key opens
            # it and a key arriving while it takes focus can be lost (as with any Qt item view).
            xs.key("F2")
            _type(xs, text)
            xs.key("Tab" if n < 3 else "Return")
    xs.key("alt+n")  # invitations: left empty, the sender can be given later
    xs.key("alt+n")  # summary
    xs.screenshot(tmp_path / "x11-summary.png")
    xs.key("Return")  # 마침
    xs.wait_until(lambda: _event(db_file, env) is not None, timeout=30)
    shown = _event(db_file, env)
    assert shown is not None
    assert (shown["name"], shown["venue"], shown["capacity"]) == (
        "2026 Regional Balance Forum",
        "Daejeon Convention Center",
        300,
    )
    assert (
        shown["starts_at"] == "2026-03-05T13:30:00+09:00" and shown["ends_at"] == "2026-03-05T18:00:00+09:00"
    )
    assert [(p["title"], p["presenters"]) for p in shown["program"]] == [
        ("Opening", ["Lee Jang-woo"]),
        ("Keynote", ["Park Jeong-min"]),
    ]
    console = xs.wait_window("2026 Regional Balance Forum — forum.kiosk.db", timeout=30)

    imported = _kiosk(db_file, env, "import", str(ROSTER))
    assert imported.returncode == 0, imported.stderr
    database = Database.open(db_file)
    with database.session() as session:
        event = session.query(Event).one()
        guest = session.query(Participant).filter(Participant.name == "박정민").one()
        code = token.issue(event.token_tag, event.signing_secret, guest.id)
    database.dispose()
    xs.activate(console)
    xs.scan(code, delay_ms=5)
    xs.wait_until(
        lambda: json.loads(_kiosk(db_file, env, "status", "--json").stdout)["checked_in"] == 1, timeout=30
    )
    shot = xs.screenshot(tmp_path / "x11-after-scan.png")
    if os.environ.get("KIOSK_KEEP_SHOTS"):
        shutil.copytree(tmp_path, os.environ["KIOSK_KEEP_SHOTS"], dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.db*", "data"))  # fmt: skip
    assert shot.stat().st_size > 10_000


def test_welcome_opens_the_demo_file_in_the_same_program(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+D on the welcome screen: the demo file is made in the data folder and opened through
    the same start-up (lock, backup, migrations), in the same process; the empty file stays empty."""
    xs = x_display
    data = tmp_path / "data"
    xs.env.update({"KIOSK_SETTINGS": str(tmp_path / "station.ini"), "XDG_DATA_HOME": str(data)})
    empty = tmp_path / "empty.kiosk.db"
    proc = xs.launch(["--db", str(empty), "gui"])
    xs.activate(xs.wait_window("행사 없음", timeout=60))
    xs.key("ctrl+d")
    demo_window = xs.wait_window(r"혁신도시 시즌2 콘퍼런스 — demo\.db", timeout=60)
    assert proc.poll() is None  # the same program, now on the demo file
    assert (data / "kiosk" / "demo.db").is_file()
    assert _event(empty, xs.env) is None
    assert _event(data / "kiosk" / "demo.db", xs.env)["name"] == "혁신도시 시즌2 콘퍼런스"  # type: ignore[index]
    assert demo_window
