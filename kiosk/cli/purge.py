"""kiosk purge-personal-data [--yes]: after the event, remove phones, e-mails and notes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.domain.purge import preview, purge_personal_data

CONFIRM_WORDS = {"예", "yes", "y", "삭제", "delete"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "purge-personal-data",
        help="행사 후 개인정보(전화번호·이메일·메모) 삭제, 인원 집계는 유지",
    )
    p.add_argument("--yes", action="store_true", help="확인 질문 없이 삭제 (스크립트용)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    db = ctx.database()
    with db.session() as session:
        found = preview(session)
    if not found.anything:
        print("삭제할 개인정보가 없습니다 (nothing to purge).")
        return 0
    print(
        f"참가자 {found.participants}명 중 전화번호 {found.phones}건, 이메일 {found.emails}건, "
        f"메모 {found.notes}건을 삭제합니다. 체크인 {found.check_ins}건과 집계는 그대로 남습니다.\n"
        "이 정보가 담긴 이전 백업과 사본도 지우고, 삭제 후의 새 백업 하나를 남깁니다."
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("확인할 수 없습니다: 터미널에서 실행하거나 --yes 를 붙이세요 (no TTY, no --yes)")
        try:
            answer = input("되돌릴 수 없습니다. 계속하려면 '예'를 입력하세요 (type 'yes'): ").strip().lower()
        except EOFError:
            answer = ""
        if answer not in CONFIRM_WORDS:
            print("취소했습니다. 아무것도 삭제하지 않았습니다.")
            return 1
    done = purge_personal_data(db, station=ctx.station, operator="cli")
    print(f"삭제 완료: 전화번호 {done.phones}건, 이메일 {done.emails}건, 메모 {done.notes}건.")
    if db.path is not None:
        from kiosk.storage.backup import BackupError

        try:
            removed = purge_copies(db.path)
        except BackupError as exc:
            # Without a clean copy the old ones are the only way back: keep them, and say so.
            raise CliError(
                f"개인정보는 삭제했지만 새 백업을 만들 수 없어 이전 백업(개인정보 포함)을 그대로 두었습니다: {exc}"
            ) from exc
        print(f"개인정보가 남아 있던 이전 백업·사본 {removed}개를 지우고 새 백업을 만들었습니다.")
    return 0


def purge_copies(path: Path) -> int:
    """Copies taken before the purge still hold the data: take a clean backup, remove the rest."""
    from kiosk.cli.backup import backup_folder
    from kiosk.storage import backup as backups

    folder = backup_folder(path)
    fresh = backups.take_backup(path, folder, "purged", rotate_after=False)
    old = [b.path for b in backups.list_backups(folder) if b.path != fresh.path]
    # Safety copies of migrations and restores sit beside the database file.
    old += [
        p for p in path.parent.glob(f"{path.name}.*") if ".pre-migration-" in p.name or ".before-" in p.name
    ]
    for copy in old:
        copy.unlink(missing_ok=True)
    return len(old)
