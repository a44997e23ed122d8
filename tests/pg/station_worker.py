"""One front-desk station as its own process, for the load test and the benchmark.

Reads codes (one per line) from --codes, scans them in the order --seed shuffles them through a
StationLink, then keeps polling until its journal is synced. Waits for a line on stdin before
the first scan, so every station starts together. Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from kiosk.domain.checkin import CheckInMethod, ScanStatus
from kiosk.sync.station import LinkState, StationLink


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--replica", type=Path, required=True)
    ap.add_argument("--station", required=True)
    ap.add_argument("--codes", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--settle-s", type=float, default=45.0, help="how long to wait for the server at the end")
    ap.add_argument("--overrides", type=int, default=0, help="apart and full: let this many in by override")
    ap.add_argument("--lease-ttl-s", type=float, default=None)
    ap.add_argument("--renew-s", type=float, default=None, help="seat lease renewal interval")
    ap.add_argument("--wait-for-shares", action="store_true",
                    help="re-scan a guest told the free seats are other doors' shares (a busy room filling)")
    args = ap.parse_args()
    codes = args.codes.read_text().split()
    random.Random(args.seed).shuffle(codes)
    link = StationLink(args.url, args.replica, args.station, retry_s=0.3, refresh_s=5.0, lease_ttl_s=args.lease_ttl_s)
    renew_s = link.lease_renew_s if args.renew_s is None else args.renew_s
    print("ready", flush=True, file=sys.stderr)
    sys.stdin.readline()
    # Every station is up: the shares settle as each renews (a console is started well before
    # the doors open; here a few renewals stand in for those minutes).
    link.lease_renew_s = 0
    for _ in range(3):
        link.poll()
        time.sleep(0.2)
    link.lease_renew_s = renew_s
    overrides_left = args.overrides
    overrides: list[str] = []
    statuses: Counter[str] = Counter()
    ok_ids: list[str] = []
    online_ms: list[float] = []
    offline_ms: list[float] = []
    offline_ok = 0
    went_offline = False
    started = time.time()
    last_poll = time.monotonic()
    for code in codes:
        t0 = time.perf_counter()
        was_online = link.state is LinkState.ONLINE
        verdict = link.scan(code)
        elapsed = (time.perf_counter() - t0) * 1000
        waits = 0
        while (args.wait_for_shares and verdict.status is ScanStatus.CAPACITY_FULL
               and verdict.extra.get("held_elsewhere") and waits < 20):  # fmt: skip
            # Seats are free but held as other doors' shares; the shares shrink as they renew
            # (every 2 s). The door says so and the guest waits a moment, then is scanned again.
            statuses["waited_for_shares"] += 1
            waits += 1
            time.sleep(0.25)
            link.poll()
            verdict = link.scan(code)
        if verdict.status is ScanStatus.CAPACITY_FULL and verdict.extra.get("apart") and overrides_left > 0:
            pid = verdict.participant.id if verdict.participant else 0
            verdict = link.call(lambda d, pid=pid: d.override_capacity(
                pid, "책임자 승인", args.station, "책임자", method=CheckInMethod.QR))  # fmt: skip
            overrides_left -= 1
            overrides.append(verdict.check_in_id or "")
        statuses[verdict.status.value] += 1
        if verdict.ok:
            ok_ids.append(verdict.check_in_id or "")
        if was_online and link.state is LinkState.ONLINE:
            online_ms.append(elapsed)
        else:
            offline_ms.append(elapsed)
            offline_ok += verdict.ok
        went_offline |= link.state is not LinkState.ONLINE
        if time.monotonic() - last_poll >= 0.2:
            link.poll()
            last_poll = time.monotonic()
    finished = time.time()
    print("scanned", flush=True, file=sys.stderr)
    deadline = time.monotonic() + args.settle_s
    status = link.poll()
    while (status.state is not LinkState.ONLINE or status.pending) and time.monotonic() < deadline:
        time.sleep(0.2)  # waiting for the server to come back: a bounded retry loop
        status = link.poll()
    result = {
        "station": args.station,
        "statuses": dict(statuses),
        "ok_ids": ok_ids,
        "offline_ok": offline_ok,
        "went_offline": went_offline,
        "online_ms": online_ms,
        "offline_ms": offline_ms,
        "started": started,
        "finished": finished,
        "final_state": status.state.value,
        "pending": status.pending,
        "conflicts": [c.to_json() for c in link.conflicts()],
        "overrides": overrides,
        "findings": [f.to_json() for f in link.sync_findings()],
    }
    link.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
