"""kiosk badges --out FILE.pdf [--layout single|a4-8|a4-10] [--only-unprinted] [--sort name|organization]"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.service.documents import active_event_service


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "badges",
        help="행사 전 배지 일괄 출력 (PDF, 라벨 용지 또는 한 장에 하나)",
        description="초청자 모두의 배지를 성(가나다) 순으로 PDF 하나에 담고 배지 출력 기록에 남깁니다.",
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="저장할 PDF 파일")
    p.add_argument(
        "--layout",
        choices=["single", "a4-8", "a4-10"],
        default="a4-8",
        help="single: 한 장에 하나 (100×70 mm, 재단선), a4-8: A4 8칸 (100×70 mm), a4-10: A4 10칸 (90×55 mm). 기본 a4-8",
    )
    p.add_argument("--only-unprinted", action="store_true", help="아직 배지를 출력하지 않은 사람만")
    p.add_argument(
        "--sort",
        choices=["name", "organization"],
        default="name",
        help="정렬: name 성명(가나다), organization 소속",
    )
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"파일 이름은 .pdf로 끝나야 합니다: {out.name}")
    if out.is_dir():
        raise CliError(f"폴더가 아니라 파일 이름을 주세요: {out}")
    if not out.parent.is_dir():
        raise CliError(f"폴더가 없습니다: {out.parent}")
    service = active_event_service(ctx.database(), ctx.station)
    if not args.only_unprinted:
        require_supervisor(ctx, "배지 전체 (다시) 인쇄")  # reprints are the supervisor's, as in the GUI
    try:
        result = service.print_badge_sheet(out, layout=args.layout, only_unprinted=args.only_unprinted,
                                           sort=args.sort)  # fmt: skip
    except OSError as exc:
        raise CliError(f"배지 PDF를 저장할 수 없습니다: {out} ({exc.strerror or exc})") from exc
    if result.path is None:
        print(
            "출력할 배지가 없습니다 (모두 이미 출력됨)" if args.only_unprinted else "출력할 배지가 없습니다"
        )
        return 0
    line = f"배지 {result.badges}장 · {result.pages}쪽 저장: {result.path}"
    if result.reprints:
        line += f" (다시 인쇄 {result.reprints}장)"
    print(line)
    return 0
