"""kiosk gui [--kiosk-mode] [--screenshot FILE.png]: the check-in window (the default command)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kiosk.cli.context import CliContext, CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("gui", help="체크인 화면 열기 (기본 명령)")
    p.add_argument("--kiosk-mode", action="store_true", help="손님용 전체 화면 셀프 체크인")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path, help="1366×768 화면을 PNG로 저장하고 종료")
    p.add_argument("--language", choices=["ko", "en"], default=None, help="화면 언어 (기본: 한국어)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.screenshot is not None:
        if args.screenshot.suffix.lower() != ".png":
            raise CliError("--screenshot 파일은 .png 이어야 합니다")
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            # No screen is needed to render a window into a file.
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = ctx.database()
    from kiosk.ui.app import run_gui

    return run_gui(
        db,
        ctx.station,
        kiosk_mode=args.kiosk_mode,
        screenshot=args.screenshot,
        language=args.language or os.environ.get("KIOSK_LANGUAGE", "ko"),
    )
