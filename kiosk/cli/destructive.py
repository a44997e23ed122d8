"""The CLI side of the guards on commands that destroy data (demo --reset, restore, purge).

SQLite: take the program lock for the duration (a running console holds it: refused, exit 3).
PostgreSQL: refused while other kiosk programs are connected, and unless --yes plus the event's
name, typed (--confirm-event NAME, or at the prompt when a terminal is attached).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.cli.context import CliContext, CliError
from kiosk.storage.engine import Database


def add_confirm_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--confirm-event", metavar="NAME", default=None,
        help="서버 데이터베이스에서: 확인용으로 행사 이름을 정확히 입력 (with --yes)",
    )  # fmt: skip


@contextmanager
def guarded(ctx: CliContext, db: Database, args: argparse.Namespace, what: str) -> Iterator[None]:
    """Hold what makes the command safe while it runs; raise CliError when it is not allowed."""
    from kiosk.storage.guard import DestructiveRefused, confirm_server_command
    from kiosk.storage.lock import DatabaseInUse, DatabaseLock

    path = db.path
    if path is not None:
        try:
            with DatabaseLock(path):
                yield
        except DatabaseInUse as exc:
            raise CliError(f"{what}을(를) 거부합니다: {exc}", exit_code=3) from exc
        return
    typed = getattr(args, "confirm_event", None)
    yes = bool(getattr(args, "yes", False))
    if yes and typed is None and sys.stdin.isatty():
        try:
            typed = input("확인을 위해 행사 이름을 정확히 입력하세요 (type the event name): ")
        except EOFError:
            typed = ""
    try:
        confirm_server_command(db, what=what, yes=yes, typed_name=typed)
    except DestructiveRefused as exc:
        raise CliError(str(exc), exit_code=3) from exc
    yield


def server_safety_copy(ctx: CliContext, db: Database, reason: str) -> str:
    """A restorable copy of a server database's rows in the backup folder; returns its path."""
    from kiosk.cli.backup import backup_root
    from kiosk.storage.server_copy import copy_server_to_sqlite, server_copy_path

    folder = backup_root()
    folder.mkdir(parents=True, exist_ok=True)
    dest = server_copy_path(folder, db, reason)
    copy_server_to_sqlite(db, dest)
    return str(dest)
