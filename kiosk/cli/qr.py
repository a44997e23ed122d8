"""kiosk qr PARTICIPANT_ID --out FILE.png|FILE.svg: one participant's check-in QR code."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.invite.qr import SPECS, QrSize, render_png, render_svg
from kiosk.service.documents import active_event_service


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("qr", help="참석자 한 명의 입장 QR 코드를 PNG/SVG로 저장")
    p.add_argument("participant_id", metavar="PARTICIPANT_ID", type=int, help="참석자 번호")
    p.add_argument("--out", metavar="FILE", required=True, help="저장할 파일 (.png 또는 .svg)")
    p.add_argument(
        "--size",
        choices=[s.value for s in QrSize],
        default=None,
        help="screen: 휴대전화 화면용, print: A4 인쇄용 40 mm (기본: PNG는 screen, SVG는 print)",
    )
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise CliError(f"파일 이름은 .png 또는 .svg로 끝나야 합니다: {out.name}")
    # On a file without an event this says how to make one (NoEventError).
    service = active_event_service(ctx.database(), ctx.station)
    try:
        qr = service.participant_qr(args.participant_id)
    except LookupError as exc:
        raise CliError(str(exc)) from exc
    code, cancelled = qr.code, qr.cancelled
    if suffix == ".png":
        out.write_bytes(render_png(code, QrSize(args.size or QrSize.SCREEN)))
    else:
        out.write_text(render_svg(code, SPECS[QrSize(args.size or QrSize.PRINT)].width_mm), encoding="utf-8")
    print(f"{out} ({code})")
    if cancelled:
        print("주의: 이 참석자의 초청은 취소되어 있어 입장 시 '취소됨'으로 표시됩니다.")
    return 0
