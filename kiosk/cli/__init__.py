"""One command line for every job; the GUI is one of its commands (the default one).

Each command lives in its own module with `register(subparsers)` that sets `func(ctx, args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli.context import CliContext, CliError, default_station
from kiosk.service.errors import NotWhileApart, describe_error

__all__ = ["build_parser", "describe_error", "main"]

# Modules under kiosk.cli, in the order `kiosk --help` lists them.
COMMAND_MODULES = [
    "gui",
    "demo",
    "event",
    "status",
    "import_roster",
    "search",
    "walkin",
    "decode",
    "checkin",
    "invite",
    "qr",
    "db",
    "merge",
    "backup",
    "purge",
    "report",
    "pin",
    "audit",
    "badges",
    "certificates",
    "protocol",
    "deputy",
    "seating",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="행사 체크인 키오스크 (event check-in kiosk)",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--db",
        metavar="TARGET",
        default=None,
        help="SQLite 파일 경로 또는 SQLAlchemy URL (기본: 사용자 데이터 폴더, 환경 변수 KIOSK_DB)",
    )
    parser.add_argument(
        "--station",
        metavar="NAME",
        default=None,
        help="이 체크인 PC의 이름 (기본: 호스트 이름, KIOSK_STATION)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="자세한 로그 출력")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="설치 상태 자가 진단 후 종료 (DB, 디코더, 멀티미디어, 글꼴, 번역)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"kiosk.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.self_test:  # a top-level flag: works without (and ignores) a command
        from kiosk.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        args = parser.parse_args([*args_list, "gui"])
    from kiosk.logsetup import FILE_ONLY, setup_logging
    from kiosk.service.files import private_umask

    private_umask()  # every file and folder from here on is owner-only (storage/private.py)

    setup_logging(verbose=args.verbose)  # stderr + the rotating, PII-scrubbed file
    from kiosk.cli.context import default_db_target

    ctx = CliContext(db_target=args.db or default_db_target(), station=args.station or default_station())
    try:
        code = int(args.func(ctx, args) or 0)
        if ctx.warned_no_pin:
            from kiosk.cli.roles import NO_PIN_WARNING

            print(NO_PIN_WARNING, file=sys.stderr)
        return code
    except CliError as exc:
        logging.getLogger("kiosk.cli").info("%s: %s", args.command, exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except NotWhileApart as exc:  # a use case that needs the shared server, asked for while apart
        logging.getLogger("kiosk.cli").info("%s: %s", args.command, exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("kiosk: 중단되었습니다 (interrupted)", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        message = describe_error(exc)
        if message is None:
            logging.getLogger("kiosk.cli").exception("unexpected error in %s", args.command, extra=FILE_ONLY)
            raise
        logging.getLogger("kiosk.cli").warning("%s: %s", args.command, message, extra=FILE_ONLY)
        print(f"kiosk: {message}", file=sys.stderr)
        return 2
    finally:
        ctx.close()
