"""A real SMTP server for invitation tests (aiosmtpd on 127.0.0.1, a free port).

It records what it accepted, and can be told to refuse one mailbox, to go away after N
messages (421, as a server shutting down does), or to require a login.
"""

from __future__ import annotations

import email
import logging
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    peer: object = None  # (host, port) of the client connection

    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class RecordingHandler:
    fail_after: int | None = None  # accept this many messages in total, then answer 421
    reject: set[str] = field(default_factory=set)  # mailboxes answered with 550
    received: list[Received] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.reject:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        with self.lock:
            if self.fail_after is not None and len(self.received) >= self.fail_after:
                self.refused += 1
                return "421 4.3.2 Service shutting down"
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.peer)
            )
        return "250 2.0.0 Message accepted"

    def recipients(self) -> list[str]:
        with self.lock:
            return [rcpt for item in self.received for rcpt in item.rcpt_tos]


class PasswordCheck:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            self.user,
            self.password,
        )
        return AuthResult(success=ok, handled=False)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 (openssl CLI), returned as (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@contextmanager
def smtp_server(
    handler: RecordingHandler | None = None,
    *,
    login: tuple[str, str] | None = None,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
) -> Iterator[tuple[Controller, RecordingHandler]]:
    handler = handler or RecordingHandler()
    # aiosmtpd chats at INFO/WARNING on "mail.log"; the program's own output is under test.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    kwargs: dict[str, object] = {}
    if login is not None:
        kwargs |= {"authenticator": PasswordCheck(*login), "auth_require_tls": False, "auth_required": True}
    if starttls is not None:
        kwargs |= {"tls_context": starttls, "require_starttls": True}
    if implicit_tls is not None:
        kwargs |= {"ssl_context": implicit_tls}
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()
