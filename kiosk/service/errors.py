"""One line for an error the environment caused (not a bug), for the CLI's stderr and the console."""

from __future__ import annotations

from kiosk.service.usecase import NotWhileApart
from kiosk.storage.health import Fault, FaultKind, classify
from kiosk.sync.station import StationUnavailable

# Fault, FaultKind, classify: what went wrong with the database, for the console's fault screens.
__all__ = ["Fault", "FaultKind", "NotWhileApart", "StationUnavailable", "classify", "describe_error"]


def describe_error(exc: BaseException) -> str | None:
    """A one-line explanation for errors caused by the environment rather than a bug."""
    import sqlite3

    from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

    from kiosk.domain.events import NoEventError
    from kiosk.storage.backup import BackupError
    from kiosk.storage.engine import DatabaseTargetError
    from kiosk.storage.lock import DatabaseInUse
    from kiosk.storage.migrate import MigrationError

    if isinstance(exc, NoEventError | DatabaseTargetError | MigrationError | BackupError | DatabaseInUse):
        return str(exc)
    if isinstance(exc, StationUnavailable):  # a door command on a server nobody can reach
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return f"데이터베이스 파일 오류: {exc}"
    if isinstance(exc, OperationalError | DatabaseError):
        return f"데이터베이스를 열거나 쓸 수 없습니다: {str(exc.orig or exc).splitlines()[0]}"
    if isinstance(exc, ArgumentError):
        return f"잘못된 데이터베이스 지정입니다: {exc}"
    if isinstance(exc, FileNotFoundError):
        return f"파일을 찾을 수 없습니다: {exc.filename or exc}"
    if isinstance(exc, PermissionError):
        return f"권한이 없습니다: {exc.filename or exc}"
    if isinstance(exc, OSError):
        return f"파일 시스템 오류: {exc}"
    return None
