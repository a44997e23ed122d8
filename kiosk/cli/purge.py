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
from kiosk.service import DoorService, files
from kiosk.service.files import purge_copies

__all__ = ["purge_copies", "register"]

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
    service = ctx.service(event=False)
    # Refused while this station is apart from the shared server, before the PIN is asked for.
    found, pending = service.purge_preview()
    require_supervisor(ctx, "개인정보 삭제")
    path = service.file_path()
    exports = files.written_exports()
    leftovers = files.leftover_copies(path)
    replicas = files.replica_files(ctx.db_target, path)
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
        for replica in replicas:
            print(f"  {replica}")
    if exports:
        print("이 프로그램이 쓴 보고서·메일 파일 (개인정보가 들어 있을 수 있습니다):")
        for export in exports:
            print(f"  {export}{os.sep if export.is_dir() else ''}")
    if not args.yes and not pending:
        if not sys.stdin.isatty():
            raise CliError("확인할 수 없습니다: 터미널에서 실행하거나 --yes 를 붙이세요 (no TTY, no --yes)")
        if not _ask("되돌릴 수 없습니다. 계속하려면 '예'를 입력하세요 (type 'yes'): "):
            print("취소했습니다. 아무것도 삭제하지 않았습니다.")
            return 1
        args.yes = True  # answered at the terminal (a server still asks for the event's name)
    # Refused while a console has the database; on a server only with --yes and the event's name.
    with guarded(ctx, service, args, "개인정보 삭제 (purge-personal-data)"):
        _purge(ctx, service, args, exports)
    return 0


def _purge(ctx: CliContext, service: DoorService, args: argparse.Namespace, exports: list[Path]) -> None:
    service.purge_start()
    _after("requested")
    done = service.purge_database(operator="cli")
    print(f"삭제 완료: 전화번호 {done.phones}건, 이메일 {done.emails}건, 메모 {done.notes}건.")
    _after("database")
    path = service.file_path()
    if path is not None:
        try:
            removed = purge_copies(path)
        except files.BackupError as exc:
            # Without a clean copy the old ones are the only way back: keep them, and say so.
            raise CliError(
                f"개인정보는 삭제했지만 새 백업을 만들 수 없어 이전 백업(개인정보 포함)을 그대로 두었습니다: {exc} "
                "— 다시 실행하면 이어서 마칩니다"
            ) from exc
        print(f"개인정보가 남아 있던 이전 백업·사본 {removed}개를 지우고 새 백업을 만들었습니다.")
    _after("backups")
    print(f"로그 파일 {files.purge_logs()}개를 지웠습니다.")
    _after("logs")
    service.let_go_of_local_copy()  # this station's own copy of the server is among them
    replicas = files.remove_files(files.replica_files(ctx.db_target, path))
    if replicas:
        print(f"이 PC에 있던 서버 데이터 사본 {replicas}개를 지웠습니다.")
    _after("replicas")
    _purge_exports(exports, args)
    _after("exports")
    service.purge_finish()


def _purge_exports(exports: list[Path], args: argparse.Namespace) -> None:
    if not exports:
        files.forget_exports()
        return
    delete = args.delete_exports or (
        sys.stdin.isatty() and _ask(f"위의 보고서·메일 파일 {len(exports)}개도 지울까요? ('예' 입력): ")
    )
    if not delete:
        print("보고서·메일 파일은 그대로 두었습니다: 필요 없으면 위 경로에서 직접 지우세요.")
        return
    gone = sum(files.remove_export(p) for p in exports)
    print(f"보고서·메일 파일 {gone}개를 지웠습니다.")
    files.forget_exports()
