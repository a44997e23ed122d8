"""kiosk search QUERY [--json]: find people on the active event's roster, best match first."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.context import CliContext
from kiosk.cli.station_note import note_if_apart
from kiosk.domain.labels import CATEGORY_KO
from kiosk.domain.models import Category
from kiosk.domain.roster import STATUS_KO


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("search", help="명단 검색 (이름, 초성, 소속, 전화 끝 4자리, 이메일, 등록번호)")
    p.add_argument("query", metavar="QUERY", help="검색어, 예: 김현미, ㄱㅎㅁ, 국토교통부, 7442")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.add_argument("--limit", type=int, default=20, help="최대 결과 수 (기본 20)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    service = ctx.service()
    hits = service.search(args.query, max(1, min(args.limit, 500)))  # this station's copy while apart
    note_if_apart(service)
    if args.json:
        keys = ("id", "name", "organization", "title", "category", "status")
        print(json.dumps([{k: getattr(h, k) for k in keys} for h in hits], ensure_ascii=False))
        return 0
    if not hits:
        print("찾는 사람이 없습니다.")
        return 0
    for h in hits:
        category = CATEGORY_KO.get(Category(h.category), h.category)
        print(f"#{h.id}\t{h.name}\t{h.organization}\t{h.title}\t{category}\t{STATUS_KO[h.status]}")
    return 0
