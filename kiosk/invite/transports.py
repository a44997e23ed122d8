"""Where invitations go: a folder of .eml files, or an SMTP server (STARTTLS, SSL, login).

A transport delivers one message or raises `SendError`; `fatal` errors (cannot connect, login
refused, the server going away) stop the batch, the others concern one message only. Reasons are
one line, and any e-mail address in a server's reply is replaced before it reaches a log,
the database or a screen.
"""

from __future__ import annotations

import abc
import os
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.invite.message import Invitation
from kiosk.storage.private import private_dir, private_file
from kiosk.storage.written import record_written

_EMAIL_LIKE = re.compile(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+")


def redact(text: str, limit: int = 300) -> str:
    """One line, bounded, with any e-mail address replaced: safe for logs, JSON and screens."""
    line = " ".join(_EMAIL_LIKE.sub("<주소>", str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class SendError(Exception):
    """A message was not delivered. `fatal`: the transport is unusable, stop the batch."""

    def __init__(self, reason: str, *, fatal: bool = False) -> None:
        super().__init__(redact(reason))
        self.reason = redact(reason)
        self.fatal = fatal


class Transport(abc.ABC):
    """Where invitations go. `records_state`: whether a successful send marks a person `sent`."""

    records_state: bool = True

    @abc.abstractmethod
    def describe(self) -> str: ...

    def open(self) -> None:  # noqa: B027 - optional hook
        """Connect or prepare; raise SendError(fatal=True) with a one-line reason."""

    @abc.abstractmethod
    def send(self, invitation: Invitation, sender: str, recipient: str) -> None:
        """Deliver one message or raise SendError."""

    def close(self) -> None:  # noqa: B027 - optional hook
        pass


class EmlFolderDelivery(Transport):
    """One `<participant id>.eml` per invitee: open with any mail program, or hand to a mailer."""

    records_state = False

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def describe(self) -> str:
        return str(self.folder)

    def open(self) -> None:
        try:
            private_dir(self.folder, tighten_existing=False)
            record_written(self.folder)
        except OSError as exc:
            raise SendError(
                f"폴더를 만들 수 없습니다: {self.folder} ({exc.strerror or exc})", fatal=True
            ) from exc

    def path_for(self, participant_id: int) -> Path:
        return self.folder / f"{participant_id}.eml"

    def send(self, invitation: Invitation, sender: str, recipient: str) -> None:
        target = self.path_for(invitation.participant_id)
        partial = target.with_suffix(".eml.part")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(invitation.as_bytes())
            private_file(partial)
            os.replace(partial, target)  # a half-written file never carries the .eml name
        except OSError as exc:
            raise SendError(f"파일을 쓸 수 없습니다: {target} ({exc.strerror or exc})", fatal=True) from exc


class Security(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


@dataclass
class SmtpSettings:
    host: str
    port: int = 587
    security: Security = Security.STARTTLS
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 20.0
    min_interval: float = 0.2  # seconds between messages: providers throttle faster senders
    max_per_connection: int = 100  # reconnect between messages, before a server would cut us off

    def public(self) -> dict[str, Any]:
        """What may be stored in settings: everything but the password."""
        return {"host": self.host, "port": self.port, "security": self.security.value, "user": self.user,
                "min_interval": self.min_interval}  # fmt: skip


class SmtpDelivery(Transport):
    records_state = True

    def __init__(self, settings: SmtpSettings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.settings = settings
        self._context = ssl_context
        self._smtp: smtplib.SMTP | None = None
        self._count = 0

    def describe(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def open(self) -> None:
        s = self.settings
        where = self.describe()
        try:
            if s.security is Security.SSL:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=self._context or ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.security is Security.STARTTLS:
                smtp.starttls(context=self._context or ssl.create_default_context())
                smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise SendError(
                f"SMTP 로그인에 실패했습니다: 아이디와 비밀번호를 확인하세요 ({exc.smtp_code})", fatal=True
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise SendError(
                f"SMTP 서버가 요청한 기능을 지원하지 않습니다 (STARTTLS/로그인): {where}", fatal=True
            ) from exc
        except ssl.SSLError as exc:
            raise SendError(
                f"SMTP 보안 연결(TLS)에 실패했습니다: {where} ({exc.reason or exc})", fatal=True
            ) from exc
        except (socket.gaierror, ConnectionRefusedError, TimeoutError, OSError, smtplib.SMTPException) as exc:
            raise SendError(
                f"SMTP 서버에 연결할 수 없습니다: {where} ({_describe(exc)})", fatal=True
            ) from exc
        self._smtp = smtp
        self._count = 0

    def send(self, invitation: Invitation, sender: str, recipient: str) -> None:
        if self._smtp is None or self._count >= self.settings.max_per_connection:
            self.close()
            self.open()
        assert self._smtp is not None
        try:
            self._smtp.sendmail(sender, [recipient], invitation.as_bytes())
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise SendError(f"수신자 주소가 거부되었습니다 ({code} {_text(text)})") from exc
        except smtplib.SMTPSenderRefused as exc:
            raise SendError(
                f"보내는 사람 주소가 거부되었습니다 ({exc.smtp_code} {_text(exc.smtp_error)})", fatal=True
            ) from exc
        except smtplib.SMTPDataError as exc:
            # 421: the server is closing the connection; anything else concerns this message.
            fatal = exc.smtp_code == 421
            raise SendError(
                f"서버가 메일을 거부했습니다 ({exc.smtp_code} {_text(exc.smtp_error)})", fatal=fatal
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._smtp = None
            raise SendError(
                f"SMTP 연결이 끊어졌습니다: {self.describe()} ({_describe(exc)})", fatal=True
            ) from exc
        self._count += 1

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "연결 거부됨 (connection refused)"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "응답 시간 초과 (timeout)"
    if isinstance(exc, socket.gaierror):
        return "호스트 이름을 찾을 수 없음"
    return str(exc) or type(exc).__name__
