"""kiosk backup [--list] | kiosk restore FILE: copies of the SQLite database in the user data folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.domain.timefmt import local
from kiosk.service import files
from kiosk.service.files import backup_folder, backup_root

__all__ = ["backup_folder", "backup_root", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help="데이터베이스 백업 만들기 (사용자 데이터 폴더)")
    p.add_argument("--list", action="store_true", help="만들지 않고 백업 목록만 보기")
    p.set_defaults(func=run_backup)
    r = subparsers.add_parser("restore", help="백업 파일로 데이터베이스 복원 (현재 파일은 옆에 보관)")
    r.add_argument("file", metavar="FILE", type=Path, help="복원할 백업 파일 ('kiosk backup --list' 참고)")
    r.set_defaults(func=run_restore)


def _sqlite_file(ctx: CliContext) -> Path:
    try:
        path = files.sqlite_file(ctx.db_target)
    except files.DatabaseTargetError as exc:
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
        # A database this program can read, at this program's schema; then its copy.
        service = ctx.service(event=False)
        try:
            taken = service.backup("manual")
        except files.BackupError as exc:
            raise CliError(str(exc)) from exc
        print(f"백업 완료: {taken}")
        return 0
    found = files.list_backups(path)
    print(f"백업 폴더: {folder} ({len(found)}개)")
    for b in found:
        print(f"{local(b.taken_at).strftime('%Y-%m-%d %H:%M:%S')}  {b.reason:<8} {b.size:>10,d}  {b.path}")
    return 0


def run_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    path = _sqlite_file(ctx)
    source = args.file.expanduser()
    if not source.is_file():
        raise CliError(f"백업 파일을 찾을 수 없습니다: {source}")
    check = files.verify_backup(source)
    if not check.ok:
        raise CliError(f"이 파일로는 복원할 수 없습니다 (검증 실패): {check.detail}")
    if path.is_file() and path.stat().st_size > 0:
        require_supervisor(ctx, "백업으로 복원")
        ctx.close()  # the PIN's connection: the file is about to be replaced
    try:
        aside = files.restore(source, path)  # refused while a console has the file
    except files.DatabaseInUse as exc:
        raise CliError(str(exc), exit_code=3) from exc
    except files.BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"복원 완료: {source.name} → {path}")
    print(f"참가자 {check.participants}명, 체크인 {check.check_ins}건 (검증: {check.detail})")
    if aside is not None:
        print(f"이전 파일 보관: {aside}")
    return 0
