"""Issue 16: kiosk mode holds on a real window manager (Xvfb + openbox).

Old code: openbox's Alt+Space → Iconify minimised the kiosk and it never came back; SIGTERM (log-out,
shutdown) only opened the PIN box, so the exit backup never ran."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.domain import roles, token
from kiosk.domain.models import Event, Participant
from kiosk.storage.engine import Database

COVER = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QLabel\n"
    "app = QApplication(sys.argv)\n"
    "w = QLabel('cover'); w.setWindowTitle('cover-window'); w.resize(1366, 768); w.show()\n"
    "w.raise_(); w.activateWindow()\n"
    "app.exec()\n"
)


def _state(xs, wid: str) -> str:  # type: ignore[no-untyped-def]
    out = subprocess.run(["xprop", "-id", wid, "_NET_WM_STATE", "WM_STATE"], env=xs.env, capture_output=True,
                         text=True, timeout=10)  # fmt: skip
    return out.stdout


def _held(xs, wid: str) -> bool:  # type: ignore[no-untyped-def]
    state = _state(xs, wid)
    return "_NET_WM_STATE_FULLSCREEN" in state and "HIDDEN" not in state and "Iconic" not in state


def _setup(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    db_file = tmp_path / "door.db"
    subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db_file), "demo"], env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    database = Database.open(db_file)
    with database.write() as session:
        roles.set_pin(session, "246813")
    with database.session() as session:
        event = session.query(Event).one()
        guest = session.query(Participant).order_by(Participant.id).first()
        code = token.issue(event.token_tag, event.signing_secret, guest.id)
    database.dispose()
    return db_file, code


def test_iconified_or_covered_kiosk_comes_back_and_sigterm_takes_the_exit_backup(x_display, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    xs = x_display
    backups = tmp_path / "backups"
    xs.env.update(KIOSK_BACKUP_DIR=str(backups), KIOSK_LOG_DIR=str(tmp_path / "logs"))
    db_file, code = _setup(tmp_path, xs.env)
    proc = xs.launch(["--db", str(db_file), "gui", "--kiosk-mode"])
    wid = xs.wait_window("kiosk|체크인|행사", timeout=60)
    xs.wait_until(lambda: _held(xs, wid), timeout=30)
    geometry = xs.xdotool("getwindowgeometry", wid)
    assert "1366x768" in geometry, geometry

    # The window manager iconifies it (what Alt+Space → Iconify does): it must come back by itself.
    log = tmp_path / "logs" / "kiosk.log"
    # Right after start-up Qt may still be mapping the window, and a minimise that lands then is
    # undone by Qt itself; so iconify until the program reports having taken the window back.
    for _attempt in range(10):
        xs.xdotool("windowminimize", wid)
        started = time.monotonic()
        xs.wait_until(lambda: _held(xs, wid) or "Iconic" in _state(xs, wid), timeout=5)
        xs.wait_until(lambda: _held(xs, wid), timeout=5)  # never left iconified
        if _taken_back(log):
            break
    assert _taken_back(log) >= 1  # it was iconified, noticed and restored
    back_after = time.monotonic() - started
    print(f"restored after iconify in {back_after:.2f} s")

    # Another program's window raised over it: the kiosk takes the screen back.
    seen = _taken_back(log)
    cover = subprocess.Popen([sys.executable, "-c", COVER], env=xs.env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        xs.wait_window("cover-window", timeout=60)
        started = time.monotonic()
        xs.wait_until(lambda: _taken_back(log) > seen, timeout=5)
        xs.wait_until(lambda: xs.active_window() == wid and _held(xs, wid), timeout=5)
        print(f"active again after being covered in {time.monotonic() - started:.2f} s")
    finally:
        cover.terminate()
        cover.wait(timeout=10)

    # The kiosk still works, then a log-out's SIGTERM ends it cleanly with the exit backup.
    xs.activate(wid)
    xs.scan(code, delay_ms=5)
    xs.wait_until(lambda: _checked_in(db_file, xs.env), timeout=30)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    assert list(backups.rglob("*-exit.kiosk-backup.db")), list(backups.rglob("*"))
    assert os.path.exists(db_file)


def _taken_back(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("window taken back") if log.exists() else 0


def _checked_in(db_file: Path, env: dict[str, str]) -> bool:
    import json

    out = subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db_file), "status", "--json"], env=env,
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    return out.returncode == 0 and json.loads(out.stdout).get("checked_in") == 1
