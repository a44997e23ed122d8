"""kiosk invite: registration e-mails with personal QR codes, as .eml files or by SMTP.

    kiosk invite --out DIR [--json]
    kiosk invite --smtp HOST:PORT [--starttls | --ssl] [--user USER] [--only-unsent] [--json]

The SMTP password comes from KIOSK_SMTP_PASSWORD, else a prompt (never from the command line,
where other users of the machine could read it in the process list).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from kiosk.cli.context import CliContext, CliError
from kiosk.cli.roles import require_supervisor
from kiosk.invite.delivery import (
    DeliveryReport,
    EmlFolderDelivery,
    Security,
    SmtpDelivery,
    SmtpSettings,
    Transport,
    is_placeholder_sender,
)
from kiosk.invite.message import AddressError, parse_sender
from kiosk.service.documents import active_event_service

PASSWORD_ENV = "KIOSK_SMTP_PASSWORD"
DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.SSL: 465}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "invite",
        help="초청 메일 보내기 (.eml 파일 또는 SMTP)",
        description="참석자마다 QR 코드가 담긴 등록 안내 메일을 만들어 .eml 파일로 쓰거나 SMTP로 보냅니다.",
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help="참석자마다 <번호>.eml 파일을 쓸 폴더")
    where.add_argument("--smtp", metavar="HOST:PORT", help="SMTP 서버 (예: smtp.example.org:587)")
    security = p.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_true", help="STARTTLS로 암호화 (보통 포트 587)")
    security.add_argument("--ssl", action="store_true", help="처음부터 SSL/TLS (보통 포트 465)")
    p.add_argument(
        "--user",
        metavar="USER",
        help="SMTP 로그인 아이디 (비밀번호: 환경 변수 KIOSK_SMTP_PASSWORD 또는 입력)",
    )
    p.add_argument(
        "--only-unsent", action="store_true", help="아직 보내지 않은 사람에게만 (중단된 발송 이어서)"
    )
    p.add_argument(
        "--participant", metavar="ID", type=int, action="append", help="이 참석자에게만 (다시) 보내기"
    )
    p.add_argument(
        "--from", dest="sender", metavar="ADDRESS", help='보내는 사람 (예: "사무국 <invite@example.org>")'
    )
    p.add_argument(
        "--interval", metavar="SECONDS", type=float, default=0.2, help="메일 사이 최소 간격 (초, 기본 0.2)"
    )
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력")
    p.set_defaults(func=run)


def parse_host_port(text: str, security: Security) -> tuple[str, int]:
    """'host:port', 'host' (port from the security mode) or '[::1]:25'."""
    text = text.strip()
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host:
        raise CliError(f"SMTP 서버 주소가 비어 있습니다: {text!r} (예: smtp.example.org:587)")
    if not port_text:
        return host, DEFAULT_PORTS[security]
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise CliError(f"SMTP 포트가 올바르지 않습니다: {port_text!r}")
    return host, int(port_text)


def smtp_password(user: str) -> str:
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"SMTP 비밀번호가 필요합니다: 환경 변수 {PASSWORD_ENV}에 넣어 주세요 (입력 창을 열 수 없습니다)"
        )
    try:
        return getpass.getpass(f"SMTP 비밀번호 ({user}): ")
    except EOFError as exc:
        raise CliError("SMTP 비밀번호를 입력하지 않았습니다") from exc


def make_transport(args: argparse.Namespace) -> Transport:
    if args.out:
        return EmlFolderDelivery(args.out)
    security = Security.SSL if args.ssl else Security.STARTTLS if args.starttls else Security.NONE
    host, port = parse_host_port(args.smtp, security)
    user = (args.user or "").strip()
    return SmtpDelivery(
        SmtpSettings(
            host=host,
            port=port,
            security=security,
            user=user,
            password=smtp_password(user) if user else "",
            min_interval=max(0.0, args.interval),
        )
    )


def _progress(done: int, total: int, _name: str) -> None:
    # Names stay off the terminal here: the count is what an operator watches.
    sys.stderr.write(f"\r보내는 중 {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.interval < 0:
        raise CliError("--interval은 0 이상이어야 합니다")
    if args.sender:
        try:
            parse_sender(args.sender)
        except AddressError as exc:
            raise CliError(str(exc)) from exc
    # Invitations carry every full address (a file each, or sent): the supervisor's job, as in the GUI.
    require_supervisor(ctx, "초청 메일 (전체 주소)")
    transport = make_transport(args)
    service = active_event_service(ctx.database(), ctx.station)
    show_progress = not args.json and sys.stderr.isatty()
    sender = args.sender
    if sender is None and isinstance(transport, SmtpDelivery) and "@" in transport.settings.user:
        sender = transport.settings.user  # most servers refuse any other envelope sender
    if isinstance(transport, SmtpDelivery):
        real = sender or service.mail_setup().sender or None
        if real is None or is_placeholder_sender(real):
            raise CliError(
                '보내는 사람 주소가 없습니다: --from "사무국 <invite@example.org>"로 실제 주소를 지정하세요 '
                "(예시 주소 invitation@kiosk.example로는 보내지 않습니다)"
            )
    report = service.send_invitations(
        transport,
        sender=sender,
        only_unsent=args.only_unsent,
        participant_ids=args.participant,
        progress=_progress if show_progress else None,
    )
    out = str(transport.folder.resolve()) if isinstance(transport, EmlFolderDelivery) else None
    if args.json:
        print(json.dumps(report.to_json(out), ensure_ascii=False))
    elif report.sent or report.failed or not report.error:
        print_summary(report, out)
    if report.error:
        print(f"kiosk: {report.error}", file=sys.stderr)
        return 2
    return 0 if report.complete else 1


def print_summary(report: DeliveryReport, out: str | None) -> None:
    verb = "파일 작성" if out else "발송"
    line = f"{verb} {len(report.sent)}건 · 실패 {len(report.failed)}건 · 제외 {len(report.skipped)}명"
    if report.already_sent:
        line += f" · 이미 발송 {report.already_sent}명"
    if report.remaining:
        line += f" · 미발송 {len(report.remaining)}명 (--only-unsent로 이어서 보내기)"
    print(line + f" ({report.seconds:.1f}초)")
    if out:
        print(f"폴더: {out}")
    for item in report.failed:
        print(f"  실패  #{item.id} {item.name}: {item.reason}")
    for item in report.skipped:
        print(f"  제외  #{item.id} {item.name}: {item.reason}")
