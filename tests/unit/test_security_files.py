"""Issue 16: owner-only files, one key for external codes, 0-byte and read-only databases, masked notes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.domain.checkin import CheckInDesk, ScanStatus
from kiosk.domain.codes import external_code_key
from kiosk.domain.models import Participant
from kiosk.domain.roster import ParticipantFields, RosterError, add_participant
from kiosk.storage.engine import Database

REPO = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _kiosk(tmp: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KIOSK_LOG_DIR": str(tmp / "data" / "logs"),
        "KIOSK_BACKUP_DIR": str(tmp / "data" / "backups"),
        "KIOSK_WRITTEN_LIST": str(tmp / "data" / "logs" / "written-files.txt"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], cwd=REPO, env=env, input=stdin if stdin is not None else "",
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip


@posix_only
def test_every_file_and_folder_the_program_writes_is_owner_only(tmp_path: Path) -> None:
    """Old code: 0644 files in 0755 folders, readable by every local account (and the secret with them)."""
    os.umask(0o022)  # the usual desktop umask: the program must not rely on a stricter one
    data = tmp_path / "data"
    db = data / "kiosk.db"
    assert _kiosk(tmp_path, "--db", str(db), "demo").returncode == 0
    assert _kiosk(tmp_path, "--db", str(db), "backup").returncode == 0
    out = tmp_path / "exports"  # the user's own folder (its mode is the user's business)
    out.mkdir()
    r = _kiosk(tmp_path, "--db", str(db), "report", "--out", str(out / "r.xlsx"), "--mask-pii")
    assert r.returncode == 0, r.stderr
    assert _kiosk(tmp_path, "--db", str(db), "report", "--out", str(out / "r.csv"), "--mask-pii").returncode == 0
    r = _kiosk(tmp_path, "--db", str(db), "invite", "--out", str(tmp_path / "eml"))
    assert r.returncode in (0, 1), r.stderr
    # A station replica is an SQLite file opened through the same engine.
    Database.open(data / "replica-x.db").engine.connect().close()
    written = [p for p in tmp_path.rglob("*") if p.exists()]
    assert any(p.name.endswith(".kiosk-backup.db") for p in written)
    assert any(p.suffix == ".eml" for p in written)
    assert any(p.name == "kiosk.log" for p in written)
    assert (data / "logs" / "written-files.txt").is_file()
    loose = [(str(p), oct(_mode(p))) for p in written if (_mode(p) & 0o077) and p != out]
    assert loose == []


@posix_only
def test_existing_loose_database_and_folders_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = data / "kiosk.db"
    assert _kiosk(tmp_path, "--db", str(db), "demo").returncode == 0
    db.chmod(0o644)
    (data / "backups").mkdir(exist_ok=True)
    (data / "backups").chmod(0o755)
    assert _kiosk(tmp_path, "--db", str(db), "backup").returncode == 0
    assert _mode(db) == 0o600
    assert all(_mode(p) & 0o077 == 0 for p in (data / "backups").rglob("*"))
    assert _mode(data / "backups") == 0o700


def test_external_codes_differing_in_case_hyphen_space_are_one_code(db: Database, demo_event_id: int) -> None:
    """Old code: REG-001 and 'reg 001' were both accepted; scanning one admitted the other."""
    assert external_code_key("REG-001") == external_code_key("reg 001") == external_code_key("ＲＥＧ－００１")
    with db.write() as session:
        first = add_participant(session, demo_event_id, ParticipantFields(name="갑", external_code="REG-001")).id
    for other in ("reg 001", "REG001", "Reg-0 01", "ＲＥＧ－００１", "REG‐001"):
        with pytest.raises(RosterError), db.write() as session:
            add_participant(session, demo_event_id, ParticipantFields(name="을", external_code=other))
    verdict = CheckInDesk(db, demo_event_id).scan("reg 001", station="s1")
    assert verdict.status is ScanStatus.OK and verdict.participant is not None
    assert verdict.participant.id == first
    with db.session() as session:
        assert session.query(Participant).filter(Participant.name == "을").count() == 0


def test_zero_byte_database_is_refused_not_initialised(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Old code: a 0-byte --db silently became a new, empty database."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    r = run_cli("status", db=empty)
    assert r.code == 2
    assert "0바이트" in r.err and len(r.err.strip().splitlines()) == 1
    assert empty.stat().st_size == 0


def _as_plain_user(cmd: list[str], home: Path) -> list[str]:
    """Root ignores folder modes: as root, run the command as `nobody` (setpriv, util-linux)."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: folder modes cannot be tested")
    subprocess.run(["chown", "-R", "nobody:nogroup", str(home)], check=True)
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]


@posix_only
def test_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    """Old code: 'unable to open database file' and nothing more."""
    home = Path(tempfile.mkdtemp(prefix="kiosk-ro-"))  # not under root's 0700 pytest folder
    try:
        home.chmod(0o755)
        folder = home / "ro"
        folder.mkdir()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
               "KIOSK_LOG_DIR": str(home / "logs"), "KIOSK_BACKUP_DIR": str(home / "b")}  # fmt: skip

        def kiosk(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
            cmd = _as_plain_user([sys.executable, "-m", "kiosk", "--db", str(target), *args], home)
            return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)

        assert kiosk(folder / "kiosk.db", "demo").returncode == 0
        folder.chmod(0o555)
        for target in (folder / "kiosk.db", folder / "new.db"):
            r = kiosk(target, "status")
            assert r.returncode == 2, r.stderr
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1 and "읽기 전용" in lines[0] and "unable to open" not in lines[0]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(home, ignore_errors=True)


def test_mask_pii_masks_notes_on_every_sheet_and_format(tmp_path: Path, run_cli, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: the 불참자 sheet printed the notes column in full (a phone number and a health note)."""
    secret_note = "010-9876-5432 당뇨 인슐린"
    with db.write() as session:
        p = add_participant(
            session, demo_event_id,
            ParticipantFields(name="노출안됨", phone="010-2222-3333", email="secret.guest@example.com", notes=secret_note),
        )  # fmt: skip
        walk = add_participant(session, demo_event_id, ParticipantFields(name="입장자", notes=secret_note,
                                                                          phone="010-4444-5555"))
        walk_id = walk.id
        assert p.id
    CheckInDesk(db, demo_event_id).scan("reg 999", station="s")  # a typed code lands in the audit log
    with db.write() as session:
        from kiosk.domain import audit

        audit.record(session, action="scan", outcome="not_found", event_id=demo_event_id, code="010-7777-8888",
                     email="typed.at.desk@example.com")  # fmt: skip
    CheckInDesk(db, demo_event_id)
    del walk_id
    for ext in ("xlsx", "csv", "pdf"):
        out = tmp_path / f"r.{ext}"
        r = run_cli("report", "--out", str(out), "--mask-pii")
        assert r.code == 0, r.err
        if ext == "xlsx":
            wb = load_workbook(out, read_only=True)
            text = "\n".join(
                str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
            )
        elif ext == "csv":
            text = out.read_text(encoding="utf-8-sig", errors="replace")
        else:
            text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        for leaked in ("9876", "당뇨", "2222-3333", "secret.guest", "7777-8888", "typed.at.desk"):
            assert leaked not in text, (ext, leaked)


@posix_only
def test_migration_copy_and_restore_leftovers_are_owner_only(tmp_path: Path) -> None:
    """The .bak and .before-restore copies hold the signing secret too."""
    from kiosk.storage import backup as backups
    from kiosk.storage import migrate

    old = os.umask(0o022)
    try:
        db = Database.open(tmp_path / "old.db")
        migrate.upgrade(db, "0002_invitations_badges")
        copy = migrate.upgrade(db)
        db.dispose()
        assert copy is not None and _mode(Path(copy)) == 0o600
        info = backups.take_backup(tmp_path / "old.db", tmp_path / "b", "manual")
        aside = backups.restore(info.path, tmp_path / "old.db")
        assert aside is not None
        assert _mode(info.path) == _mode(aside) == _mode(tmp_path / "old.db") == 0o600
        assert _mode(tmp_path / "b") == 0o700
    finally:
        os.umask(old)
