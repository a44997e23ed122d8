"""kiosk status [--json]: the headcount of the active event.

--json also lists `seat_leases` [{station, seats, renewed_at, expires_at}]: the seats held for
each station of a shared server (kiosk/domain/seat_leases.py); empty on a plain file."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.context import CliContext
from kiosk.domain.events import require_active_event
from kiosk.domain.headcount import headcount
from kiosk.domain.seat_leases import live_leases
from kiosk.domain.timefmt import local


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("status", help="현재 입장 현황 (headcount)")
    p.add_argument("--json", action="store_true", help="JSON으로 출력")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    db = ctx.database()
    with db.session() as session:
        event = require_active_event(session)
        counts = headcount(session, event)
        leases = [lease.to_json() for lease in live_leases(session, event.id)]
        info = {
            "name": event.name,
            "starts_at": local(event.starts_at, event.timezone).isoformat(),
            "capacity": event.capacity,
        }
    if args.json:
        print(
            json.dumps(
                {
                    "event": info,
                    "invited": counts.invited,
                    "checked_in": counts.checked_in,
                    "present": counts.present,
                    "walk_ins": counts.walk_ins,
                    "remaining": counts.remaining,
                    "seat_leases": leases,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"{info['name']}")
        print(
            f"입장 {counts.checked_in}명 · 현재 {counts.present}/{counts.capacity}명 · "
            f"잔여 {counts.remaining}석 · 현장등록 {counts.walk_ins}명 · 미도착 {counts.not_arrived}명"
        )
    return 0
