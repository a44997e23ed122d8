"""kiosk status [--json]: the headcount of the active event."""

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
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        counts = report.counts
        print(f"{report.name}")
        print(
            f"입장 {counts.checked_in}명 · 현재 {counts.present}/{counts.capacity}명 · "
            f"잔여 {counts.remaining}석 · 현장등록 {counts.walk_ins}명 · 미도착 {counts.not_arrived}명"
        )
    return 0
