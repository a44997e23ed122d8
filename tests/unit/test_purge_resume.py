"""Issue 16: a purge killed (SIGKILL) after each of its steps, then run again, leaves no e-mail or
phone number in any file the program wrote: database, backups, leftovers, logs, exports.

Old code: an interrupted purge left old backups with the e-mails and a second run said "nothing to
purge"; typed codes stayed in the audit log; kiosk.db.restoring stayed behind."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.demo import demo_files

REPO = Path(__file__).resolve().parents[2]
STEPS = ["requested", "database", "backups", "logs", "replicas", "exports"]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def _env(root: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "KIOSK_LOG_DIR": str(root / "logs"),
        "KIOSK_BACKUP_DIR": str(root / "backups"),
        "KIOSK_WRITTEN_LIST": str(root / "logs" / "written-files.txt"),
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def _kiosk(root: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", str(root / "kiosk.db"), *args],
        cwd=REPO, env=_env(root, **extra), capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _pii() -> list[bytes]:
    """Every e-mail and phone of the demo roster, in the shapes a file might hold them."""
    found: list[bytes] = []
    with open(demo_files()[1], encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["이메일"]:
                found.append(row["이메일"].strip().lower().encode())
            digits = "".join(ch for ch in row["휴대전화"] if ch.isdigit())
            if len(digits) >= 8:
                tail = digits[-8:]
                found += [f"{tail[:4]}-{tail[4:]}".encode(), tail.encode()]
    return found


def _leaks(root: Path, pii: list[bytes]) -> list[tuple[str, bytes]]:
    leaks = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            leaks += [(str(path.relative_to(root)), item) for item in pii if item in data]
    return leaks


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One event's worth of files everywhere the program writes them, built once."""
    work = tmp_path_factory.mktemp("purge") / "data"
    work.mkdir()
    assert _kiosk(work, "demo").returncode == 0
    # Codes typed at the desk: a phone and an e-mail land in the audit log.
    _kiosk(work, "checkin", "010-0022-2079", "seokis@molit.example")
    assert _kiosk(work, "backup").returncode == 0
    exports = work / "exports"
    exports.mkdir()
    assert _kiosk(work, "report", "--out", str(exports / "full.csv")).returncode == 0
    assert _kiosk(work, "invite", "--out", str(work / "eml")).returncode in (0, 1)
    shutil.copy2(work / "kiosk.db", work / "kiosk.db.restoring")  # a restore cut short
    shutil.copy2(work / "kiosk.db", work / "kiosk.db.pre-migration-20171122T050000Z.bak")
    with open(work / "logs" / "kiosk.log", "a", encoding="utf-8") as fh:  # a server reply, spelled its way
        fh.write("2017-11-22 INFO smtp: 550 <SEOKIS@MOLIT.EXAMPLE> unknown; tel 010-0022-2079\n")
    pii = _pii()
    assert _leaks(work, pii), "the set-up must start with personal data in the files"
    saved = work.parent / "template"
    shutil.copytree(work, saved, symlinks=True)
    return work, saved


def _fresh(template: tuple[Path, Path]) -> Path:
    work, saved = template
    shutil.rmtree(work)
    shutil.copytree(saved, work, symlinks=True)
    return work


@pytest.mark.parametrize("step", STEPS)
def test_purge_killed_after_a_step_finishes_on_the_next_run(template: tuple[Path, Path], step: str) -> None:
    work = _fresh(template)
    killed = _kiosk(work, "purge-personal-data", "--yes", "--delete-exports", KIOSK_PURGE_KILL_AFTER=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    again = _kiosk(work, "purge-personal-data", "--yes", "--delete-exports")
    assert again.returncode == 0, again.stderr
    assert "없습니다" not in again.stdout  # never "nothing to purge" over an unfinished purge
    leaks = _leaks(work, _pii())
    assert leaks == []
    assert not (work / "kiosk.db.restoring").exists()
    assert not (work / "exports" / "full.csv").exists() and not list(work.rglob("*.eml"))
    third = _kiosk(work, "purge-personal-data", "--yes")
    assert third.returncode == 0 and "없습니다" in third.stdout
    assert _kiosk(work, "audit", "verify").returncode == 0  # the chain was re-sealed, not broken
