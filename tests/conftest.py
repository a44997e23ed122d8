"""Shared fixtures: a fresh, migrated SQLite file per test; the demo event; the CLI in-process."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs and automatic backups of in-process commands go to a throw-away folder, not the home folder.
_SCRATCH = Path(tempfile.mkdtemp(prefix="kiosk-tests-"))
os.environ.setdefault("KIOSK_LOG_DIR", str(_SCRATCH / "logs"))
os.environ.setdefault("KIOSK_BACKUP_DIR", str(_SCRATCH / "backups"))

from kiosk.cli import main as cli_main  # noqa: E402
from kiosk.domain.checkin import CheckInDesk  # noqa: E402
from kiosk.domain.demo import load_demo  # noqa: E402
from kiosk.storage import migrate  # noqa: E402
from kiosk.storage.engine import Database  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
QR_SAMPLES = Path(os.environ.get("KIOSK_QR_SAMPLES", REPO.parent / "shared" / "qr-samples" / "dev"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    migrate.upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def demo_event_id(db: Database) -> int:
    with db.write() as session:
        return load_demo(session).id


@pytest.fixture
def desk(db: Database, demo_event_id: int) -> CheckInDesk:
    return CheckInDesk(db, demo_event_id)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], db_path: Path):  # type: ignore[no-untyped-def]
    """Run `kiosk --db <this test's db> ARGS...` in-process; returns exit code and output."""

    def run(*args: str, db: Path | str | None = None) -> CliResult:
        capsys.readouterr()
        target = str(db if db is not None else db_path)
        code = cli_main(["--db", target, "--station", "test-desk", *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def x_display():  # type: ignore[no-untyped-def]
    """A real X11 display (Xvfb + openbox) with XTest input; see tests/x11/harness.py."""
    from tests.x11.harness import XUnavailable, missing_tools, x_session

    if missing_tools():
        if os.environ.get("CI"):
            pytest.fail(
                "missing " + ", ".join(missing_tools()) + ": scripts/bootstrap.sh --test installs them"
            )
        pytest.skip("missing " + ", ".join(missing_tools()))
    try:
        with x_session() as session:
            yield session
    except XUnavailable as exc:
        pytest.fail(str(exc))
