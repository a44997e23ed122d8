"""The CLI side of the guards on commands that destroy data (demo --reset, restore, purge).

SQLite: take the program lock for the duration (a running console holds it: refused, exit 3).
PostgreSQL: refused while the station is apart from the server (exit 3, the reason on one line),
while other kiosk programs are connected, and unless --yes plus the event's name, typed
(--confirm-event NAME, or at the prompt when a terminal is attached).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.cli.context import CliContext, CliError
from kiosk.service import DoorService


def add_confirm_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--confirm-event", metavar="NAME", default=None,
        help="서버 데이터베이스에서: 확인용으로 행사 이름을 정확히 입력 (with --yes)",
    )  # fmt: skip


@contextmanager
def guarded(ctx: CliContext, service: DoorService, args: argparse.Namespace, what: str) -> Iterator[None]:
    """Hold what makes the command safe while it runs; raise CliError when it is not allowed."""
    from kiosk.service.files import DatabaseInUse
    from kiosk.service.guard import DestructiveRefused

    typed = getattr(args, "confirm_event", None)
    yes = bool(getattr(args, "yes", False))
    if service.file_path() is None and yes and typed is None and sys.stdin.isatty():
        try:
            typed = input("확인을 위해 행사 이름을 정확히 입력하세요 (type the event name): ")
        except EOFError:
            typed = ""
    try:
        with service.destructive(what, yes=yes, typed=typed):
            yield
    except DatabaseInUse as exc:
        raise CliError(f"{what}을(를) 거부합니다: {exc}", exit_code=3) from exc
    except DestructiveRefused as exc:
        raise CliError(str(exc), exit_code=3) from exc


def server_safety_copy(ctx: CliContext, service: DoorService, reason: str) -> str:
    """A restorable copy of a server database's rows in the backup folder; returns its path."""
    return str(service.server_safety_copy(reason))
