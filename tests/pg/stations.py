"""Helpers shared by the load test and the benchmark: a big event and station processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk.domain import token
from kiosk.domain.events import create_event
from kiosk.domain.models import Category, Participant
from kiosk.storage.engine import Database

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("station_worker.py")


def make_event(db: Database, people: int, capacity: int) -> list[str]:
    """An event with `people` invitees; returns their QR codes."""
    with db.write() as session:
        event = create_event(
            session, name="부하 시험 행사", venue="BEXCO", capacity=capacity,
            starts_at=datetime(2017, 11, 22, 5, tzinfo=UTC), ends_at=datetime(2017, 11, 22, 8, tzinfo=UTC),
        )  # fmt: skip
        rows = [
            Participant(event_id=event.id, name=f"참가자{i:04d}", organization="시험기관",
                        category=Category.OTHER)  # fmt: skip
            for i in range(people)
        ]
        session.add_all(rows)
        session.flush()
        return [token.issue(event.token_tag, event.signing_secret, p.id) for p in rows]


def start_stations(
    url: str | list[str], codes_file: Path | list[Path], tmp: Path, count: int, settle_s: float = 45.0,
    extra: list[list[str]] | None = None,
) -> list[subprocess.Popen]:
    """`count` station processes, ready and waiting for go(); one codes file each, or one shared;
    one server URL each (e.g. through its own proxy), or one shared; `extra` worker options each."""
    files = codes_file if isinstance(codes_file, list) else [codes_file] * count
    urls = url if isinstance(url, list) else [url] * count
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = []
    for i in range(count):
        procs.append(
            subprocess.Popen(
                [sys.executable, str(WORKER), "--url", urls[i], "--replica", str(tmp / f"replica-{i + 1}.db"),
                 "--station", f"입구{i + 1}", "--codes", str(files[i]), "--seed", str(i + 1),
                 "--settle-s", str(settle_s), *(extra[i] if extra else [])],  # fmt: skip
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            )
        )
    for p in procs:  # every station has opened its link and copied the roster
        assert p.stderr is not None
        seen = []
        while not seen or seen[-1].strip() != "ready":
            line = p.stderr.readline()
            assert line, "".join(seen)  # the worker died before it was ready
            seen.append(line)
    return procs


def go(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()


def results(procs: list[subprocess.Popen], timeout: float = 120) -> list[dict]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=timeout)
        assert p.returncode == 0, stderr[-3000:]
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out
