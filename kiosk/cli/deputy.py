"""kiosk deputy PARTICIPANT_ID --name NAME --title TITLE [--organization ORG] [--json]: 대리 참석.

The deputy is checked in for the principal through the check-in engine (one seat, the
principal's precedence); the verdict is printed like `kiosk checkin` prints it.
Exit code: 0 when admitted, 1 when refused (already inside, full, cancelled, unknown), 2 for bad input.
"""

from __future__ import annotations

import argparse
import os

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.decode import print_json_line


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("deputy", help="대리 참석 체크인 (deputy for a VIP)")
    p.add_argument("participant_id", type=int, metavar="PARTICIPANT_ID", help="대리인을 보낸 참석자 번호")
    p.add_argument("--name", required=True, help="대리 참석자 성명")
    p.add_argument("--title", required=True, help="대리 참석자 직위 (예: 차관)")
    p.add_argument("--organization", default="", help="대리 참석자 소속")
    p.add_argument("--json", action="store_true", help="JSON 한 줄로 출력")
    p.add_argument("--operator", default=None, help="처리자 이름 (기본: KIOSK_OPERATOR 또는 'cli')")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.cli.checkin import _describe
    from kiosk.cli.roles import door_service

    service = door_service(ctx)
    operator = args.operator or os.environ.get("KIOSK_OPERATOR") or "cli"
    try:
        verdict = service.check_in_deputy(args.participant_id, args.name, args.title, args.organization, operator)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json_line(verdict.to_json())
    else:
        line = _describe(verdict)
        deputy = verdict.extra.get("deputy")
        if deputy:
            line += f" (대리: {deputy['name']} {deputy['title']})"
        print(line, flush=True)
    return 0 if verdict.ok else 1
