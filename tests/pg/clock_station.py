"""One station as its own process, driven line by line, for trials with a skewed clock.

Run it under `faketime -f '-1h' python tests/pg/clock_station.py ...`: its clock is really wrong
(libfaketime changes what the process reads from the system clock). Commands arrive on stdin as
JSON lines and each gets one JSON line back on stdout:

    {"op": "scan", "code": "...", "companions": 1}  -> the verdict (status, check_in_id, checked_in_at)
    {"op": "poll"}                                  -> the link's state, pending and conflicts
    {"op": "now"}                                   -> what this process believes the time is
    {"op": "quit"}
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.domain.clock import local_now
from kiosk.sync.station import StationLink


def handle(link: StationLink, cmd: dict[str, Any]) -> dict[str, Any]:
    op = cmd["op"]
    if op == "scan":
        v = link.scan(cmd["code"], companions=int(cmd.get("companions", 0)))
        return {
            "status": v.status.value, "check_in_id": v.check_in_id, "state": link.state.value,
            "checked_in_at": v.checked_in_at.isoformat() if v.checked_in_at else None,
        }  # fmt: skip
    if op == "poll":
        s = link.poll()
        return {"state": s.state.value, "pending": s.pending, "conflicts": [c.to_json() for c in link.conflicts()]}
    if op == "now":
        return {"now": local_now().isoformat()}
    raise ValueError(op)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--replica", type=Path, required=True)
    ap.add_argument("--station", required=True)
    args = ap.parse_args()
    link = StationLink(args.url, args.replica, args.station, retry_s=0, refresh_s=3600)
    print(json.dumps({"ready": link.state.value}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "quit":
            break
        print(json.dumps(handle(link, cmd), default=str), flush=True)
    link.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
