"""kiosk status [--json]: the headcount of the active event.

--json also has `seat_leases` [{station, seats, renewed_at, expires_at}] (the seats held for each
station of a shared server, kiosk/domain/seat_leases.py; empty on a plain file) and
`sync_findings` [...] (what this station's syncs found and the supervisor has not acknowledged) and
`station_seats` {apart, seats, expires_at} (what this station holds online, or may still admit while
the shared server is away: its own share, not the room's `remaining`; null on a plain file)."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.context import CliContext
from kiosk.cli.station_note import note_if_apart


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("status", help="현재 입장 현황 (headcount)")
    p.add_argument("--json", action="store_true", help="JSON으로 출력")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    service = ctx.service()
    report = service.status_report()  # this station's copy while the shared server is away
    note_if_apart(service)
    own = service.seat_lease()
    if args.json:
        data = {
            **report.to_json(),
            "seat_leases": [lease.to_json() for lease in service.seat_leases()],
            "sync_findings": [finding.to_json() for finding in service.sync_findings()],
            "station_seats": own.to_json() if own is not None else None,
        }
        print(json.dumps(data, ensure_ascii=False))
    else:
        counts = report.counts
        print(f"{report.name}")
        print(
            f"입장 {counts.checked_in}명 · 현재 {counts.present}/{counts.capacity}명 · "
            f"잔여 {counts.remaining}석 · 현장등록 {counts.walk_ins}명 · 미도착 {counts.not_arrived}명"
        )
        if own is not None and own.apart:
            print(f"연결이 끊긴 동안 이 스테이션이 입장시킬 수 있는 좌석: {own.seats}석 (그 뒤는 책임자 승인, F12)")
    return 0
