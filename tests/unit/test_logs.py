"""Logs: a rotating file in the data folder that holds names but no phones, e-mails or secrets."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.domain.models import Event, Participant
from kiosk.logsetup import diagnostics_text, last_lines, scrub, setup_logging


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    folder = tmp_path / "logs"
    monkeypatch.setenv("KIOSK_LOG_DIR", str(folder))
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "backups"))
    yield folder
    setup_logging(to_file=False)  # let go of the file before tmp_path goes


@pytest.mark.parametrize(
    "text",
    [
        "kim.hm@example.com",
        "이메일 lee_01+x@mail.example.go.kr 발송",
        "010-1234-5678",
        "01012345678",
        "+82 10-1234-5678",
        "02-2100-1234",
        "051.740.7300",
        "notes='장관 비서실 연락 요망'",
        "b'\\x8f\\x12\\xa0\\x00\\xffabcdefgh\\x01'",
        "secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "(sqlite3.IntegrityError) UNIQUE failed [parameters: ('김현미', 'kim@example.com', '010-1111-2222')]",
    ],
)
def test_scrub_removes_personal_data(text: str):
    cleaned = scrub(text)
    for secret in ("@example", "@mail", "1234-5678", "12345678", "2100-1234", "740.7300", "비서실", "\\x8f",
                   "9f86d08", "1111-2222", "kim@"):  # fmt: skip
        assert secret not in cleaned, (text, cleaned)


def test_scrub_keeps_names_times_and_ids():
    line = "2017-11-22 14:03:09,123 INFO kiosk.checkin: ok 김현미 (국토교통부) desk-1 3f2a9c4e-1b2d-4c3e-9f00-123456789abc K1234"
    assert scrub(line) == line


def test_log_file_is_written_scrubbed_and_rotates(log_dir: Path, db, demo_event_id):
    path = setup_logging()
    assert path == log_dir / "kiosk.log"
    setup_logging()  # again: still one file handler, not two
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1 and ours[0].maxBytes > 0  # type: ignore[attr-defined]
    with db.session() as session:
        person = session.scalars(select(Participant).where(Participant.email.is_not(None))).first()
        event = session.get(Event, demo_event_id)
        log = logging.getLogger("kiosk.test")
        log.warning("checked in %s <%s> tel %s notes=%s", person.name, person.email, person.phone, "VIP 의전")
        log.info("event secret %r / %s", event.signing_secret, event.signing_secret.hex())
        try:
            raise IntegrityError("INSERT ...", (person.name, person.email, person.phone), Exception("UNIQUE"))
        except IntegrityError:
            log.exception("write failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert person.name in text  # names are allowed: staff need them to find a check-in
    for secret in (person.email, person.phone, "VIP 의전", event.signing_secret.hex()):
        assert secret and secret not in text, secret
    assert repr(event.signing_secret) not in text


def test_cli_commands_log_without_personal_data(log_dir: Path, run_cli, db, demo_event_id):
    assert run_cli("-v", "status").code == 0
    assert run_cli("purge-personal-data").code == 2  # refused without a terminal: logged
    with db.session() as session:
        emails = [e for e in session.scalars(select(Participant.email)) if e]
    text = (log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "purge-personal-data" in text
    assert not any(e in text for e in emails)


def test_unwritable_log_folder_does_not_stop_the_program(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KIOSK_LOG_DIR", str(blocker / "logs"))
    assert setup_logging() is None
    setup_logging(to_file=False)


def test_diagnostics_text_has_versions_database_and_scrubbed_log(log_dir: Path, db, demo_event_id, db_path):
    setup_logging()
    # An older program's unscrubbed line must not leak through "copy diagnostics".
    with open(log_dir / "kiosk.log", "a", encoding="utf-8") as fh:
        fh.write("2017-11-22 14:00:00 INFO old: mail to kim.hm@example.com 010-9876-5432\n")
    text = diagnostics_text(str(db_path), tmp_backups := log_dir.parent / "backups")
    assert "kiosk 0." in text and "Python" in text and "SQLite" in text and "PySide6" in text
    assert "quick_check: ok" in text and "revision: 0" in text and "participants:" in text
    assert f"backups: {tmp_backups}" in text
    assert "kim.hm@example.com" not in text and "9876-5432" not in text
    assert "old: mail to <e-mail>" in text
    assert last_lines(1)[0].endswith("<phone>")


def test_signing_secret_never_leaves_the_database(log_dir: Path, run_cli, db, demo_event_id, db_path, tmp_path):
    import base64

    with db.session() as session:
        secret = session.get(Event, demo_event_id).signing_secret
    forms = [secret, secret.hex().encode(), base64.b64encode(secret), base64.b32encode(secret), repr(secret).encode()]
    outputs = [run_cli("-v", "status", "--json").out.encode(), diagnostics_text(str(db_path)).encode()]
    try:
        import zipfile

        from kiosk.service import DoorService

        csv_path, xlsx_path = DoorService.for_file(db, demo_event_id, "test").export_report([tmp_path / "r.csv", tmp_path / "r.xlsx"])
        outputs.append(csv_path.read_bytes())
        with zipfile.ZipFile(xlsx_path) as book:  # compressed: look inside every part
            outputs.extend(book.read(name) for name in book.namelist())
    except ImportError:  # pragma: no cover - the report package is optional for this test
        pass
    outputs.append((log_dir / "kiosk.log").read_bytes())
    for output in outputs:
        assert not any(form in output for form in forms)
