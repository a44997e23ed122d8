"""kiosk certificates --out DIR|FILE.pdf [--participant ID] / kiosk certificates verify CODE

Certificates of attendance (참석확인증) for everyone who came, and the check of a printed code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.service.documents import active_event_service


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "certificates",
        help="참석확인증 발급 (PDF) 또는 진위 확인 (verify CODE)",
        description="실제로 참석한 사람(현장등록 포함)마다 A4 참석확인증 한 장을 만듭니다. "
        "발급번호는 데이터베이스의 발급 대장에서 받으며 다시 발급하면 같은 번호에 '재발급'이 표시됩니다.",
    )
    p.add_argument("--out", metavar="DIR|FILE.pdf", help="FILE.pdf: 한 파일에 모두, DIR: 사람마다 PDF 하나")
    p.add_argument("--participant", metavar="ID", type=int, help="이 참석자의 확인증만")
    actions = p.add_subparsers(dest="certificate_action", metavar="verify")
    v = actions.add_parser("verify", help="참석확인증의 진위 확인 코드를 검사 (JSON 출력)")
    v.add_argument("code", metavar="CODE", help="확인증에 인쇄된 코드 (KC-…)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if getattr(args, "certificate_action", None) == "verify":
        return verify(ctx, args.code)
    if not args.out:
        raise CliError("--out DIR 또는 --out FILE.pdf 가 필요합니다 (확인은 kiosk certificates verify CODE)")
    out = Path(args.out)
    if out.suffix.lower() == ".pdf":
        if out.is_dir():
            raise CliError(f"폴더가 아니라 파일 이름을 주세요: {out}")
        if not out.parent.is_dir():
            raise CliError(f"폴더가 없습니다: {out.parent}")
    elif out.exists() and not out.is_dir():
        raise CliError(f"폴더가 아니라 파일입니다 (PDF 하나로 받으려면 .pdf로 끝나는 이름을 주세요): {out}")
    elif out.suffix:
        raise CliError(f"파일 이름은 .pdf로 끝나야 합니다 (폴더라면 확장자 없이): {out.name}")
    require_supervisor(ctx, "참석확인증 발급")  # issuing takes serials: the supervisor's, as in the GUI
    _check_writable(out)  # before serials are taken: a failed write would mark the next run 재발급
    from kiosk.domain.certificates import NotAttended

    service = active_event_service(ctx.database(), ctx.station)
    try:
        batch = service.issue_certificates(out, args.participant)
    except NotAttended as exc:
        raise CliError(f"참석 기록이 없어 참석확인증을 발급할 수 없습니다 ({exc})") from exc
    except LookupError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"참석확인증을 저장할 수 없습니다: {out} ({exc.strerror or exc})") from exc
    if not batch.issued:
        print("참석 기록이 있는 사람이 없어 발급할 확인증이 없습니다")
        return 0
    again = batch.reissued
    where = batch.written[0] if len(batch.written) == 1 else out.resolve()
    print(f"참석확인증 {batch.issued}장 (새로 발급 {batch.issued - again}, 재발급 {again}): {where}")
    return 0


def _check_writable(out: Path) -> None:
    folder = out.parent if out.suffix.lower() == ".pdf" else out
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kiosk-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CliError(f"참석확인증을 저장할 수 없습니다: {folder} ({exc.strerror or exc})") from exc


def verify(ctx: CliContext, code: str) -> int:
    result = active_event_service(ctx.database(), ctx.station).verify_certificate(code)
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0 if result.valid else 1
