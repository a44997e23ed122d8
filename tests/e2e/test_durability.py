"""Pull the plug in the middle of a burst of check-ins, 24 times: no acknowledged check-in is lost.

A child process opens the database as the GUI does (lock, engine, CheckInDesk) and scans
codes as fast as it can, printing "ACK <check-in id>" only after `scan()` returned an ok verdict
(which it does only after the commit). The parent SIGKILLs it at a random moment, then checks
that every acknowledged check-in (and check-out) is in the database, that `PRAGMA
integrity_check` is ok, and that the next start (the next child, taking over the stale lock)
works. Figures are printed and, with KIOSK_RELIABILITY_REPORT set, written there as JSON.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.events import create_event
from kiosk.domain.models import Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database

TRIALS = 24
PER_TRIAL = 160  # codes offered to each child: more than it can scan before the kill
REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from kiosk.domain.checkin import CheckInDesk
from kiosk.storage.engine import Database
from kiosk.storage.lock import DatabaseLock

db_path, event_id, codes_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lock = DatabaseLock(db_path).acquire()
print("TOOKOVER", lock.took_over.pid if lock.took_over else 0, flush=True)
db = Database.open(db_path)  # migrations are checked once, at the end (Alembic's import is slow)
desk = CheckInDesk(db, event_id)
codes = open(codes_file, encoding="utf-8").read().split()
print("READY", flush=True)
for i, code in enumerate(codes):
    verdict = desk.scan(code, "kill-test")
    if verdict.ok:
        print("ACK", verdict.check_in_id, flush=True)
    if i % 7 == 6:  # now and then someone leaves again
        out = desk.check_out(codes[i - 3], "kill-test")
        if out.ok:
            print("OUT", out.check_in_id, flush=True)
print("DONE", flush=True)
sys.stdin.read()  # wait for the kill
"""


def _make_database(path: Path, people: int) -> tuple[int, list[str]]:
    db = Database.open(path)
    migrate.upgrade(db)
    start = datetime(2017, 11, 22, 5, 0, tzinfo=UTC)
    with db.write() as session:
        event = create_event(
            session, name="내구성 시험", venue="시험실", starts_at=start, ends_at=start + timedelta(hours=3),
            capacity=100_000,
        )  # fmt: skip
        session.add_all(Participant(event_id=event.id, name=f"참가자{i:04d}") for i in range(people))
        session.flush()
        ids = [p.id for p in session.query(Participant).order_by(Participant.id)]
        codes = [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]
        event_id = event.id
    # One check-in before any kill, so the database is known good to start with.
    assert CheckInDesk(db, event_id).scan(codes[0], "setup").ok
    db.dispose()
    return event_id, codes[1:]


def _state(path: Path) -> tuple[str, set[str], set[str]]:
    """integrity_check, open check-ins, checked-out check-ins, read by a fresh connection."""
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT id, checked_out_at FROM check_ins").fetchall()
    conn.close()
    return integrity, {r[0] for r in rows}, {r[0] for r in rows if r[1] is not None}


@pytest.mark.slow
def test_no_acknowledged_check_in_is_lost_when_killed(tmp_path: Path):
    rng = random.Random(os.environ.get("KIOSK_KILL_SEED", "20171122"))
    db_path = tmp_path / "kiosk.db"
    event_id, codes = _make_database(db_path, TRIALS * PER_TRIAL + 1)
    env = {**os.environ, "PYTHONPATH": str(REPO), "KIOSK_LOG_DIR": str(tmp_path / "logs")}
    acked: set[str] = set()
    checked_out: set[str] = set()
    killed_mid_burst = 0
    previous_pid = 0
    started = time.monotonic()
    for trial in range(TRIALS):
        codes_file = tmp_path / f"codes-{trial}.txt"
        codes_file.write_text("\n".join(codes[trial * PER_TRIAL : (trial + 1) * PER_TRIAL]), encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path), str(event_id), str(codes_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
        )  # fmt: skip
        assert child.stdout is not None
        lines = []
        try:
            first = child.stdout.readline().split()
            assert first and first[0] == "TOOKOVER", child.stderr.read() if child.stderr else first
            # The previous child was killed holding the lock: this start must have taken it over.
            assert int(first[1]) == previous_pid
            assert child.stdout.readline().strip() == "READY"
            # A random moment: after 0-40 acknowledgements, plus up to 15 ms into the next write.
            wait_for = rng.randint(0, 40)
            while wait_for > 0:
                line = child.stdout.readline()
                lines.append(line)
                if not line or line.startswith("DONE"):
                    break
                wait_for -= line.startswith("ACK")
            time.sleep(rng.uniform(0, 0.015))
        finally:
            child.send_signal(signal.SIGKILL)
            rest, _err = child.communicate(timeout=30)
        lines.extend(rest.splitlines())
        previous_pid = child.pid
        assert child.returncode == -signal.SIGKILL
        killed_mid_burst += not any(line.startswith("DONE") for line in lines)
        acked |= {line.split()[1] for line in lines if line.startswith("ACK")}
        checked_out |= {line.split()[1] for line in lines if line.startswith("OUT")}
        integrity, present, out = _state(db_path)
        assert integrity == "ok", f"trial {trial}: {integrity}"
        assert acked <= present, f"trial {trial}: lost {sorted(acked - present)[:5]}"
        assert checked_out <= out, f"trial {trial}: lost check-outs {sorted(checked_out - out)[:5]}"
    # The program starts normally afterwards and keeps working.
    db = Database.open(db_path)
    migrate.upgrade(db)
    desk = CheckInDesk(db, event_id)
    assert desk.scan(codes[-1], "after").ok
    db.dispose()
    _, present, _ = _state(db_path)
    figures = {
        "kill_trials": TRIALS,
        "killed_mid_burst": killed_mid_burst,
        "acknowledged_check_ins": len(acked),
        "found": len(acked & present),
        "lost": len(acked - present),
        "acknowledged_check_outs": len(checked_out),
        "seconds": round(time.monotonic() - started, 1),
    }
    print("DURABILITY", json.dumps(figures))
    if os.environ.get("KIOSK_RELIABILITY_REPORT"):
        with open(os.environ["KIOSK_RELIABILITY_REPORT"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"durability": figures}) + "\n")
    assert figures["lost"] == 0 and figures["acknowledged_check_ins"] > TRIALS
    assert killed_mid_burst >= TRIALS * 3 // 4  # the kills really landed during the burst
