"""kiosk purge-personal-data [--yes] [--delete-exports]: after the event, remove phones, e-mails and
notes everywhere the program put them, and finish an interrupted purge on the next run.

Steps, each safe to repeat: (1) remember the purge was asked for, (2) the database (participants,
the audit log's typed codes and server replies, then VACUUM), (3) a clean backup and the removal of
every older copy and leftover (kiosk.db.restoring, .bak, .before-restore), (4) the log files,
(5) this laptop's copies of a shared server, (6) the exported reports and .eml folders the program
wrote: listed with their paths, deleted when confirmed, (7) the purge is marked finished.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.destructive import add_confirm_options, guarded
from kiosk.cli.roles import require_supervisor
from kiosk.domain.events import require_active_event
from kiosk.domain.purge import (
    mark_purge_finished,
    mark_purge_requested,
    preview,
    purge_personal_data,
    purge_requested,
)

CONFIRM_WORDS = {"예", "yes", "y", "삭제", "delete"}
# Test hook: SIGKILL this process right after the named step (tests/unit/test_purge_resume.py).
KILL_HOOK = "KIOSK_PURGE_KILL_AFTER"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "purge-personal-data",
        help="행사 후 개인정보(전화번호·이메일·메모) 삭제, 인원 집계는 유지",
    )
    p.add_argument("--yes", action="store_true", help="확인 질문 없이 삭제 (스크립트용)")
    p.add_argument(
        "--delete-exports", action="store_true", help="프로그램이 쓴 보고서 파일과 .eml 폴더도 묻지 않고 삭제"
    )
    add_confirm_options(p)
    p.set_defaults(func=run)


def _after(step: str) -> None:
    if os.environ.get(KILL_HOOK) == step:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in CONFIRM_WORDS
    except EOFError:
        return False


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    db = ctx.database()
    require_supervisor(ctx, "개인정보 삭제")
    from kiosk.storage.written import written_paths

    with db.session() as session:
        require_active_event(session)  # a file without an event: say how to make one
        found = preview(session)
        pending = purge_requested(session)
    exports = written_paths()
    leftovers = _leftovers(db.path)
    replicas = _replica_files(ctx.db_target, db.path)
    if not (found.anything or pending or exports or leftovers or replicas):
        print("삭제할 개인정보가 없습니다 (nothing to purge).")
        return 0
    if pending:
        print(f"이전에 시작한 개인정보 삭제({pending[:19]} UTC)가 끝나지 않았습니다: 이어서 마칩니다.")
    print(
        f"참가자 {found.participants}명 중 전화번호 {found.phones}건, 이메일 {found.emails}건, "
        f"메모 {found.notes}건을 삭제합니다. 체크인 {found.check_ins}건과 집계는 그대로 남습니다.\n"
        "감사 기록에 남은 입력 코드·메일 서버 응답, 로그 파일, 이 정보가 담긴 이전 백업과 사본도 지우고, "
        "삭제 후의 새 백업 하나를 남깁니다."
    )
    if replicas:
        print("이 PC에 있는 이 서버의 스테이션 사본 (지웁니다):")
        for path in replicas:
            print(f"  {path}")
    if exports:
        print("이 프로그램이 쓴 보고서·메일 파일 (개인정보가 들어 있을 수 있습니다):")
        for path in exports:
            print(f"  {path}{os.sep if path.is_dir() else ''}")
    if not args.yes and not pending:
        if not sys.stdin.isatty():
            raise CliError("확인할 수 없습니다: 터미널에서 실행하거나 --yes 를 붙이세요 (no TTY, no --yes)")
        if not _ask("되돌릴 수 없습니다. 계속하려면 '예'를 입력하세요 (type 'yes'): "):
            print("취소했습니다. 아무것도 삭제하지 않았습니다.")
            return 1
        args.yes = True  # answered at the terminal (a server still asks for the event's name)
    # Refused while a console has the database; on a server only with --yes and the event's name.
    with guarded(ctx, db, args, "개인정보 삭제 (purge-personal-data)"):
        _purge(ctx, db, args, exports)
    return 0


def _purge(ctx: CliContext, db, args: argparse.Namespace, exports: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mark_purge_requested(db)
    _after("requested")
    done = purge_personal_data(db, station=ctx.station, operator="cli")
    print(f"삭제 완료: 전화번호 {done.phones}건, 이메일 {done.emails}건, 메모 {done.notes}건.")
    _after("database")
    if db.path is not None:
        from kiosk.storage.backup import BackupError

        try:
            removed = purge_copies(db.path)
        except BackupError as exc:
            # Without a clean copy the old ones are the only way back: keep them, and say so.
            raise CliError(
                f"개인정보는 삭제했지만 새 백업을 만들 수 없어 이전 백업(개인정보 포함)을 그대로 두었습니다: {exc} "
                "— 다시 실행하면 이어서 마칩니다"
            ) from exc
        print(f"개인정보가 남아 있던 이전 백업·사본 {removed}개를 지우고 새 백업을 만들었습니다.")
    _after("backups")
    print(f"로그 파일 {_purge_logs()}개를 지웠습니다.")
    _after("logs")
    replicas = _purge_replicas(ctx.db_target, db.path)
    if replicas:
        print(f"이 PC에 있던 서버 데이터 사본 {replicas}개를 지웠습니다.")
    _after("replicas")
    _purge_exports(exports, args)
    _after("exports")
    mark_purge_finished(db)


def _leftovers(path: Path | None) -> list[Path]:
    if path is None:
        return []
    from kiosk.cli.backup import backup_folder
    from kiosk.storage import backup as backups
    from kiosk.storage.purge_files import old_copies

    folder = backup_folder(path)
    found = old_copies(path, folder, keep=None)
    # Once purged, one clean "purged" copy is what a finished purge leaves: not a leftover.
    purged = [b.path for b in backups.list_backups(folder) if b.reason == "purged"]
    return [p for p in found if p not in purged[:1]] if purged else found


def purge_copies(path: Path) -> int:
    """Copies taken before the purge still hold the data: take a clean backup, remove the rest."""
    from kiosk.cli.backup import backup_folder
    from kiosk.storage import backup as backups
    from kiosk.storage.purge_files import old_copies, remove

    folder = backup_folder(path)
    fresh = backups.take_backup(path, folder, "purged", rotate_after=False)
    return remove(old_copies(path, folder, keep=fresh.path))


def _purge_logs() -> int:
    from kiosk.logsetup import log_dir, setup_logging
    from kiosk.storage.purge_files import log_files, remove

    count = remove(log_files(log_dir()))
    setup_logging()  # a fresh file: the handler still pointed at the deleted one
    return count


def _replica_files(target: str, path: Path | None) -> list[Path]:
    """A shared server's rows are purged on the server; every station's copy of them on this PC
    (one replica per station name, with its journal inside) goes too."""
    if path is not None:
        return []
    from kiosk.sync.replica import server_replica_files

    try:
        return server_replica_files(target)
    except Exception:  # noqa: BLE001 - no replica location (no Qt data folder): nothing to remove
        return []


def _purge_replicas(target: str, path: Path | None) -> int:
    from kiosk.storage.purge_files import remove

    return remove(_replica_files(target, path))


def _purge_exports(exports: list[Path], args: argparse.Namespace) -> None:
    from kiosk.storage.purge_files import remove_written
    from kiosk.storage.written import forget_all

    if not exports:
        forget_all()
        return
    delete = args.delete_exports or (
        sys.stdin.isatty() and _ask(f"위의 보고서·메일 파일 {len(exports)}개도 지울까요? ('예' 입력): ")
    )
    if not delete:
        print("보고서·메일 파일은 그대로 두었습니다: 필요 없으면 위 경로에서 직접 지우세요.")
        return
    gone = sum(remove_written(p) for p in exports)
    print(f"보고서·메일 파일 {gone}개를 지웠습니다.")
    forget_all()
