"""kiosk report --out FILE.xlsx|FILE.csv|FILE.pdf [--mask-pii]: the attendance report of the active event."""

from __future__ import annotations

import argparse

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.service.documents import active_event_service


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report",
        help="참석 보고서 내보내기 (Excel, CSV, PDF)",
        description="행사 참석 보고서를 만듭니다. 형식은 파일 확장자로 정합니다: .xlsx, .csv, .pdf",
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="저장할 파일 (FILE.xlsx, FILE.csv 또는 FILE.pdf)"
    )
    p.add_argument(
        "--mask-pii",
        action="store_true",
        help="휴대전화와 이메일 일부를 가림 (010-****-5678, k***@example.com)",
    )
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.report import ReportTargetError, check_target

    try:
        target = check_target(args.out)  # before opening the database: a typo costs nothing
    except ReportTargetError as exc:
        raise CliError(str(exc)) from exc
    service = active_event_service(ctx.database(), ctx.station)
    if not args.mask_pii:
        require_supervisor(ctx, "전화번호·이메일 전체 표시 보고서")
    try:
        (written,) = service.export_report([target], mask_pii=args.mask_pii)
    except ReportTargetError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"보고서를 저장할 수 없습니다: {target} ({exc.strerror or exc})") from exc
    print(f"보고서를 저장했습니다: {written}")
    return 0
