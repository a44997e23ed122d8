"""Logging for every command: stderr for the person at the keyboard, a rotating file for support.

The file lives in the user data folder (logs/kiosk.log, 1 MB × 5). It may hold names, never
phone numbers, e-mail addresses, notes or secrets: every record passes `scrub()` before it is
written, SQL parameters included (SQLAlchemy puts them into its error messages).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

LOG_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Korean mobile and landline shapes, with or without separators or the +82 prefix.
_PHONE = re.compile(r"(?<!\d)(?:\+?82[-. ]?)?0?1[016789][-. ]?\d{3,4}[-. ]?\d{4}(?!\d)|(?<!\d)0\d{1,2}[-. )]\d{3,4}[-. ]\d{4}(?!\d)")
# SQLAlchemy's "[parameters: (...)]" and sqlite3's bound values carry whole rows.
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|$|\n))", re.DOTALL)
# bytes reprs (the signing secret is 32 random bytes) and long hex/base64 runs.
_BYTES = re.compile(r"b'(?:\\.|[^'\\\n]){8,}'" + r'|b"(?:\\.|[^"\\\n]){8,}"')
_LONG_SECRETISH = re.compile(r"\b[0-9A-Fa-f]{32,}\b")
_NOTES_FIELD = re.compile(r"((?:notes|note|memo|비고|메모)\s*[=:]\s*)(['\"]?)[^,'\"\n}]*\2", re.IGNORECASE)

_OURS = "_kiosk_handler"
# logger.x(..., extra=FILE_ONLY): for the log file, not the terminal (which already got a message).
FILE_ONLY = {"file_only": True}


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)


def scrub(text: str) -> str:
    """The text with e-mail addresses, phone numbers, SQL parameters and secrets replaced."""
    text = _SQL_PARAMS.sub("[parameters: (숨김)]", text)
    text = _BYTES.sub("b'<bytes>'", text)
    text = _EMAIL.sub("<e-mail>", text)
    text = _PHONE.sub("<phone>", text)
    text = _LONG_SECRETISH.sub("<hex>", text)
    return _NOTES_FIELD.sub(r"\1<notes>", text)


class ScrubbingFormatter(logging.Formatter):
    """Formats, then scrubs the whole line, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is now (tests and tools swap it), not the one at set-up."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def log_dir() -> Path:
    """KIOSK_LOG_DIR, else logs/ in the user data folder."""
    env = os.environ.get("KIOSK_LOG_DIR")
    if env:
        return Path(env)
    from kiosk.appdirs import data_dir  # QtCore only, and only when logging is set up

    return data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(verbose: bool = False, *, to_file: bool = True) -> Path | None:
    """Install our handlers on the root logger (again: replacing ours, leaving others alone).

    Returns the log file, or None when it cannot be written (read-only home): the program
    runs on with stderr only rather than refusing to start over a log.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.INFO)
    console = _CurrentStderr()
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
    console.addFilter(_not_file_only)
    setattr(console, _OURS, True)
    root.addHandler(console)
    # SQLAlchemy's engine logger would echo rows at INFO; it has nothing support needs.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if not to_file:
        return None
    try:
        from kiosk.storage.private import private_dir, private_file, private_umask

        private_umask()  # rotated files are created later by the handler: owner-only too
        path = log_file()
        private_dir(path.parent)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        for old in path.parent.glob(f"{LOG_NAME}*"):
            private_file(old)
    except OSError as exc:
        logging.getLogger(__name__).warning("로그 파일을 쓸 수 없습니다 (log file unavailable): %s", exc)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    setattr(handler, _OURS, True)
    root.addHandler(handler)
    return path


def last_lines(count: int = 60) -> list[str]:
    """The newest lines of the log file, scrubbed again (older files were written by older code)."""
    try:
        path = log_file()
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.readlines()[-count:]
    except OSError:
        return []
    return [scrub(line.rstrip("\n")) for line in lines]


def _versions() -> list[str]:
    import platform
    import sqlite3
    import sys

    import sqlalchemy

    from kiosk import __version__

    lines = [
        f"kiosk {__version__}",
        f"Python {sys.version.split()[0]} ({platform.platform()})",
        f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}",
    ]
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        lines.append(f"PySide6 {PySide6.__version__}, Qt {qVersion()}")
    except ImportError:  # pragma: no cover - the CLI runs without Qt too
        lines.append("PySide6: not available")
    return lines


def _database_lines(db_target: str) -> list[str]:
    import sqlite3
    from contextlib import closing

    from kiosk.storage.engine import normalise_target, sqlite_path

    try:
        url = normalise_target(db_target)
    except ValueError as exc:
        return [f"database: {exc}"]
    path = sqlite_path(url)
    if path is None:
        from sqlalchemy.engine import make_url

        return [f"database: {make_url(url).render_as_string(hide_password=True)} (server)"]
    lines = [f"database: {path}"]
    if not path.exists():
        return [*lines, "  (file does not exist)"]
    lines.append(f"  size {path.stat().st_size} bytes, wal {'yes' if Path(str(path) + '-wal').exists() else 'no'}")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            lines.append(f"  quick_check: {conn.execute('PRAGMA quick_check').fetchone()[0]}")
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            lines.append(f"  revision: {rev[0] if rev else '(none)'}")
            for table in ("events", "participants", "check_ins", "audit_entries"):
                count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                lines.append(f"  {table}: {count}")
    except sqlite3.Error as exc:
        lines.append(f"  error: {exc}")
    try:
        from kiosk.storage.migrate import head_revision

        lines.append(f"  program schema head: {head_revision()}")
    except Exception as exc:  # noqa: BLE001 - diagnostics must not fail
        lines.append(f"  program schema head: ({exc})")
    return lines


def diagnostics_text(db_target: str | None = None, backup_folder: Path | None = None, log_count: int = 60) -> str:
    """Everything support needs in one paste: versions, paths, database state, recent log lines.

    Names may appear (as in the log); phones, e-mails and secrets are scrubbed.
    """
    lines = ["# kiosk diagnostics", *_versions()]
    try:
        lines.append(f"log file: {log_file()}")
    except Exception as exc:  # noqa: BLE001
        lines.append(f"log file: ({exc})")
    if db_target:
        lines.extend(_database_lines(db_target))
    if backup_folder is not None:
        from kiosk.storage.backup import list_backups

        backups = list_backups(backup_folder)
        newest = backups[0].taken_at.isoformat(timespec="seconds") if backups else "-"
        lines.append(f"backups: {backup_folder} ({len(backups)} copies, newest {newest})")
    lines.append(f"## last {log_count} log lines")
    lines.extend(last_lines(log_count))
    return scrub("\n".join(lines)) + "\n"
