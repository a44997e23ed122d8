"""kiosk db upgrade | current: the schema version of the database."""

from __future__ import annotations

import argparse

from kiosk.cli.context import CliContext


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("db", help="데이터베이스 스키마 관리 (schema migrations)")
    sub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = sub.add_parser("upgrade", help="최신 스키마로 업그레이드 (사본을 먼저 만듭니다)")
    up.set_defaults(func=upgrade)
    cur = sub.add_parser("current", help="현재 스키마 버전")
    cur.set_defaults(func=current)


def upgrade(ctx: CliContext, args: argparse.Namespace) -> int:
    # The schema of the database itself (a shared server directly, not through a station's copy).
    before, after, copy = ctx.service(event=False, station=False, migrate=False).upgrade_schema()
    if before == after:
        print(f"이미 최신입니다: {after}")
    else:
        print(f"업그레이드 완료: {before or '(빈 데이터베이스)'} -> {after}")
        if copy:
            print(f"업그레이드 전 사본: {copy}")
    return 0


def current(ctx: CliContext, args: argparse.Namespace) -> int:
    rev, head = ctx.service(event=False, station=False, migrate=False).schema_revision()
    state = "최신" if rev == head else f"업그레이드 필요 (최신: {head})"
    print(f"{rev or '(없음)'} — {state}")
    return 0
