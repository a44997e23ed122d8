"""kiosk demo [--reset]: the 혁신도시 시즌2 콘퍼런스 and its roster, ready to check in."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.context import CliContext
from kiosk.domain.demo import has_events, load_demo
from kiosk.domain.headcount import headcount


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="시연 행사와 명단 만들기 (create the demo event)")
    p.add_argument("--reset", action="store_true", help="데이터베이스를 비우고 시연 행사를 다시 만들기")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    db = ctx.database()
    if args.reset:
        from kiosk.storage.migrate import reset_database

        saved = reset_database(db)
        if saved and not args.json:
            print(f"이전 데이터베이스 사본: {saved}")
    with db.session() as session:
        exists = has_events(session)
    if exists and not args.reset:
        print("이미 행사가 있습니다. 다시 만들려면 'kiosk demo --reset' (기존 데이터는 사본으로 보관됩니다).")
        return 0
    with db.write() as session:
        event = load_demo(session)
        counts = headcount(session, event)
        name, capacity = event.name, event.capacity
    if args.json:
        print(
            json.dumps({"event": name, "capacity": capacity, "invited": counts.invited}, ensure_ascii=False)
        )
    else:
        print(f"시연 행사를 만들었습니다: {name} — 초청 {counts.invited}명 / 정원 {capacity}명")
    return 0
