"""A front-desk station as its own process, driven line by line: for the live-update tests.

Opens a StationLink, prints "ready" on stderr, then for each code read on stdin scans it and
prints one JSON line on stdout: the verdict's status and the wall-clock time (time.time()) at
which the committed verdict came back. An empty line ends it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.storage.listen import Change
from kiosk.sync.station import StationLink

REPO = Path(__file__).resolve().parents[2]


class Heard:
    """A change callback that remembers what it heard and when (time.time())."""

    def __init__(self) -> None:
        self.changes: list[tuple[float, Change]] = []
        self._cond = threading.Condition()

    def __call__(self, change: Change) -> None:
        with self._cond:
            self.changes.append((time.time(), change))
            self._cond.notify_all()

    def wait_for(self, wanted: Callable[[Change], bool], timeout: float, start: int = 0) -> tuple[float, Change]:
        """The first change from index `start` on that `wanted` accepts; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for at, change in self.changes[start:]:
                    if wanted(change):
                        return at, change
                left = deadline - time.monotonic()
                assert left > 0, f"not heard within {timeout} s: {[c for _, c in self.changes]}"
                self._cond.wait(left)

    def __len__(self) -> int:
        with self._cond:
            return len(self.changes)


class RemoteStation:
    """The parent's handle on one such process."""

    def __init__(self, url: str, replica: Path, station: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--url", url, "--replica", str(replica), "--station", station],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip
        assert self.proc.stderr is not None
        seen: list[str] = []
        while not seen or seen[-1].strip() != "ready":
            line = self.proc.stderr.readline()
            assert line, "".join(seen)  # the station died before it was ready
            seen.append(line)

    def scan(self, code: str) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(code + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read() if self.proc.stderr else "station died"
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--replica", type=Path, required=True)
    ap.add_argument("--station", required=True)
    args = ap.parse_args()
    link = StationLink(args.url, args.replica, args.station, retry_s=0.3)
    print("ready", flush=True, file=sys.stderr)
    try:
        for line in sys.stdin:
            code = line.strip()
            if not code:
                break
            verdict = link.scan(code)
            done = time.time()
            print(json.dumps({"status": verdict.status.value, "at": done, "state": link.state.value}), flush=True)
    finally:
        link.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
