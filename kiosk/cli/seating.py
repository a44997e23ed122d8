"""kiosk seating --out FILE.pdf [--nameplates]: the front-row seating plan, or its name plates.

Without a plan of its own the event uses two front rows of ten seats; the protocol tab changes it.
"""

from __future__ import annotations

import argparse

from kiosk.cli.context import CliContext


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("seating", help="좌석 배치도 / 명패 PDF (seating plan, name plates)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="만들 PDF 파일")
    p.add_argument("--nameplates", action="store_true", help="배치도 대신 명패 (A4 접이식, 좌석마다 한 장)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.cli.protocol import _event_id, _pdf_target
    from kiosk.service import DoorService

    path = _pdf_target(args.out)
    service = DoorService.for_file(ctx.database(), _event_id(ctx), ctx.station)
    count = service.export_seating(path, nameplates=args.nameplates)
    what = "명패" if args.nameplates else "좌석 배치도"
    print(f"{what}: {path} (좌석 배정 {count}명)")
    return 0
