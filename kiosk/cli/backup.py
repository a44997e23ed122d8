"""kiosk backup [--list] | kiosk restore FILE: copies of the SQLite database in the user data folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.domain.timefmt import local
from kiosk.storage import backup as backups
from kiosk.storage.engine import DatabaseTargetError, normalise_target, sqlite_path
from kiosk.storage.lock import DatabaseInUse, DatabaseLock
from kiosk.storage.private import private_dir


def backup_root() -> Path:
    """KIOSK_BACKUP_DIR, else backups/ in the user data folder."""
    env = os.environ.get("KIOSK_BACKUP_DIR")
    if env:
        return Path(env)
    from kiosk.appdirs import data_dir

    return data_dir() / "backups"


def backup_folder(db_path: Path) -> Path:
    root = backup_root()
    if root.is_dir():
        private_dir(root)  # copies hold the signing secret: the folder is the owner's alone
    return backups.folder_for(root, db_path)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help="데이터베이스 백업 만들기 (사용자 데이터 폴더)")
    p.add_argument("--list", action="store_true", help="만들지 않고 백업 목록만 보기")
    p.set_defaults(func=run_backup)
    r = subparsers.add_parser("restore", help="백업 파일로 데이터베이스 복원 (현재 파일은 옆에 보관)")
    r.add_argument("file", metavar="FILE", type=Path, help="복원할 백업 파일 ('kiosk backup --list' 참고)")
    r.set_defaults(func=run_restore)


def _sqlite_file(ctx: CliContext) -> Path:
    try:
        path = sqlite_path(normalise_target(ctx.db_target))
    except DatabaseTargetError as exc:
        raise CliError(str(exc)) from exc
    if path is None:
        raise CliError(
            "백업·복원은 SQLite 파일 데이터베이스에서만 됩니다 (서버 데이터베이스는 pg_dump를 쓰세요)"
        )
    return path


def run_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    path = _sqlite_file(ctx)
    folder = backup_folder(path)
    if not args.list:
        ctx.database()  # a database this program can read, at this program's schema
        try:
            info = backups.take_backup(path, folder, "manual")
        except backups.BackupError as exc:
            raise CliError(str(exc)) from exc
        print(f"백업 완료: {info.path}")
        return 0
    found = backups.list_backups(folder)
    print(f"백업 폴더: {folder} ({len(found)}개)")
    for b in found:
        print(f"{local(b.taken_at).strftime('%Y-%m-%d %H:%M:%S')}  {b.reason:<8} {b.size:>10,d}  {b.path}")
    return 0


def run_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    path = _sqlite_file(ctx)
    source = args.file.expanduser()
    if not source.is_file():
        raise CliError(f"백업 파일을 찾을 수 없습니다: {source}")
    check = backups.verify(source)
    if not check.ok:
        raise CliError(f"이 파일로는 복원할 수 없습니다 (검증 실패): {check.detail}")
    if path.is_file() and path.stat().st_size > 0:
        require_supervisor(ctx, "백업으로 복원")
    try:
        # Nobody may have the database open while its file is replaced.
        with DatabaseLock(path):
            aside = backups.restore(source, path)
    except DatabaseInUse as exc:
        raise CliError(str(exc), exit_code=3) from exc
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"복원 완료: {source.name} → {path}")
    print(f"참가자 {check.participants}명, 체크인 {check.check_ins}건 (검증: {check.detail})")
    if aside is not None:
        print(f"이전 파일 보관: {aside}")
    return 0
