"""kiosk walkin --name NAME --organization ORG [...]: register a walk-in and check them in at once."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.domain.checkin import ScanStatus
from kiosk.domain.models import Category
from kiosk.domain.timefmt import hhmm
from kiosk.domain.walkin import WalkInInvalid, WalkInRequest, validate

_REASONS = {"phone": "전화번호", "email": "이메일", "name_organization": "이름+소속"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("walkin", help="현장등록 후 바로 체크인 (register a walk-in)")
    p.add_argument("--name", required=True, help="이름")
    p.add_argument("--organization", required=True, help="소속")
    p.add_argument("--title", default="", help="직위")
    p.add_argument(
        "--category", default=None, choices=[c.value for c in Category], help="구분 (기본: walk_in)"
    )
    p.add_argument("--phone", default=None, help="휴대전화")
    p.add_argument("--email", default=None, help="이메일")
    p.add_argument("--companions", type=int, default=0, metavar="N", help="함께 입장하는 수행원 수")
    p.add_argument("--override", action="store_true", help="정원이 차도 입장 (책임자 승인, 기록됨)")
    p.add_argument("--json", action="store_true", help="체크인 결과를 JSON으로 출력")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.override:
        ctx.service()  # the PIN is checked where this station's data is (its copy while apart)
        require_supervisor(ctx, "정원 초과 입장 승인 (--override)")
    request = WalkInRequest(
        name=args.name,
        organization=args.organization,
        title=args.title,
        category=args.category,
        phone=args.phone,
        email=args.email,
        companions=args.companions,
    )
    try:
        request = validate(request)  # before connecting: a bad form changes nothing anywhere
    except WalkInInvalid as exc:
        raise CliError(str(exc)) from exc
    operator = "cli-supervisor" if args.override else "cli"
    # On a shared server: the console's own station path (server, or this station's journal).
    result = ctx.service().walk_in(request, operator, override=args.override)
    for dup in result.duplicates:
        # A warning, not a refusal: the person at the desk has already decided.
        why = ", ".join(_REASONS.get(r, r) for r in dup.reasons)
        print(
            f"kiosk: 명단에 이미 있는 분일 수 있습니다 ({why}): #{dup.participant.id} {dup.participant.name}"
            f" · {dup.participant.organization}",
            file=sys.stderr,
        )
    verdict = result.verdict
    if args.json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False))
    elif verdict.status is ScanStatus.OK:
        assert verdict.participant is not None and verdict.checked_in_at is not None
        extra = f" (수행원 {verdict.companions}명)" if verdict.companions else ""
        print(f"현장등록 체크인: {verdict.participant.name} · {verdict.participant.organization}{extra} — "
              f"{hhmm(verdict.checked_in_at)} {verdict.station}")  # fmt: skip
    else:
        print("정원이 찼습니다: 현장등록을 하려면 책임자가 --override 로 승인해야 합니다")
    return 0 if verdict.status is ScanStatus.OK else 1
