"""Issue 16: the command line has roles. What the GUI reserves for the supervisor asks for the PIN
(terminal, or the first line of standard input; never argv) once a PIN is set."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain import roles
from kiosk.domain.models import AuditEntry, CheckIn, Participant
from kiosk.storage.engine import Database

PIN = "246813"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    feed("")
    return feed


@pytest.fixture
def with_pin(db: Database, demo_event_id: int) -> int:
    with db.write() as s:
        roles.set_pin(s, PIN)
    return demo_event_id


def _count(db: Database, stmt) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return int(s.scalar(stmt) or 0)


def _code_of(db: Database, name: str) -> str:
    from kiosk.domain import token
    from kiosk.domain.models import Event

    with db.session() as s:
        p = s.scalars(select(Participant).where(Participant.name == name)).one()
        e = s.get(Event, p.event_id)
        return token.issue(e.token_tag, e.signing_secret, p.id)


def test_walkin_override_needs_the_pin(run_cli, stdin, db: Database, with_pin: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: `walkin --override` by anyone at the laptop."""
    before = _count(db, select(func.count(Participant.id)))
    args = ("walkin", "--name", "홍길동", "--organization", "부산시", "--override")
    stdin("")
    r = run_cli(*args)
    assert r.code == 2 and "PIN" in r.err
    stdin("000000\n")
    r = run_cli(*args)
    assert r.code == 2 and "틀렸습니다" in r.err
    assert _count(db, select(func.count(Participant.id))) == before
    stdin(PIN + "\n")
    assert run_cli(*args).code == 0
    assert _count(db, select(func.count(Participant.id))) == before + 1


def test_companions_above_the_allowance_need_the_pin(run_cli, stdin, db: Database, with_pin: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: `checkin --companions 40` for a guest allowed 0."""
    with db.session() as s:
        guest = s.scalars(select(Participant).where(Participant.companions_allowed == 0)).first()
        host = s.scalars(select(Participant).where(Participant.companions_allowed >= 1)).first()
        assert guest is not None and host is not None
        guest_name, host_name, allowed = guest.name, host.name, host.companions_allowed
    stdin("")
    r = run_cli("checkin", "--companions", "40", _code_of(db, guest_name))
    assert r.code == 2 and "PIN" in r.err
    assert _count(db, select(func.count(CheckIn.id))) == 0
    # Within the allowance: a steward's job, no PIN asked.
    r = run_cli("checkin", "--companions", str(allowed), _code_of(db, host_name))
    assert r.code == 0, r.err
    stdin(PIN + "\n")
    assert run_cli("checkin", "--companions", "2", _code_of(db, guest_name)).code == 0


def test_full_data_report_restore_purge_import_and_reset_need_the_pin(
    run_cli, stdin, db: Database, with_pin: int, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Old code: purge --yes, restore and the full-data report needed nothing."""
    from kiosk.domain.demo import demo_files

    stdin("")
    assert run_cli("report", "--out", str(tmp_path / "masked.xlsx"), "--mask-pii").code == 0
    r = run_cli("report", "--out", str(tmp_path / "full.xlsx"))
    assert r.code == 2 and not (tmp_path / "full.xlsx").exists()
    assert run_cli("backup").code == 0
    from kiosk.cli.backup import backup_folder

    backup = next(backup_folder(db_path).glob("*.kiosk-backup.db"))
    for args in (
        ("restore", str(backup)),
        ("purge-personal-data", "--yes"),
        ("import", str(demo_files()[1])),
        ("demo", "--reset"),
    ):
        stdin("")
        r = run_cli(*args)
        assert r.code == 2 and "PIN" in r.err, (args, r.err)
    phones = _count(db, select(func.count(Participant.id)).where(Participant.phone.is_not(None)))
    assert phones > 0  # nothing purged
    stdin(PIN + "\n")
    r = run_cli("report", "--out", str(tmp_path / "full.xlsx"))
    assert r.code == 0 and (tmp_path / "full.xlsx").exists()
    stdin("")
    assert run_cli("import", str(demo_files()[1]), "--dry-run").code in (0, 1)  # looking is free


def test_without_a_pin_commands_proceed_and_warn(run_cli, stdin, db: Database, demo_event_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("report", "--out", str(tmp_path / "full.csv"))
    assert r.code == 0
    assert "PIN" in r.err and "보호되지 않습니다" in r.err


def test_pin_set_reads_stdin_never_argv_and_change_asks_the_old(run_cli, stdin, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        run_cli("pin", "set", "123456")  # argparse: no PIN argument exists
    stdin("1234\n1234\n")
    r = run_cli("pin", "set")
    assert r.code == 2 and "6~12" in r.err  # 4 digits refused
    stdin("135790\n135791\n")
    assert run_cli("pin", "set").code == 2
    stdin("135790\n135790\n")
    r = run_cli("pin", "set")
    assert r.code == 0 and "책임자가 됩니다" in r.err
    stdin("999999\n246824\n246824\n")  # wrong old PIN: refused, counted
    assert run_cli("pin", "set").code == 2
    with db.write() as s:
        assert roles.check_pin(s, "135790").ok
    stdin("135790\n246824\n246824\n")
    assert run_cli("pin", "set").code == 0
    with db.session() as s:
        assert roles.verify_pin("246824", roles.get_setting(s, roles.PIN_HASH_KEY))
        outcomes = [e.outcome for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "pin"))]
    assert "wrong" in outcomes


def test_a_wrong_pin_counts_toward_the_lockout(run_cli, stdin, db: Database, with_pin: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        stdin("000000\n")
        run_cli("report", "--out", str(tmp_path / "x.csv"))
    stdin(PIN + "\n")
    r = run_cli("report", "--out", str(tmp_path / "x.csv"))
    assert r.code == 2 and "잠겼습니다" in r.err


def test_pin_set_with_one_line_says_the_pin_is_needed_twice(run_cli, stdin, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: 'give it as the first line of standard input', although the first line was there."""
    stdin(PIN + "\n")
    r = run_cli("pin", "set")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 2  # the "becomes the supervisor" notice + one
    assert "첫 줄 새 PIN, 둘째 줄 같은 PIN 한 번 더" in r.err and "새 PIN 확인 줄이 없습니다" in r.err
    with db.session() as s:
        assert not roles.pin_is_set(s)
    stdin(PIN + "\n" + PIN + "\n")
    assert run_cli("pin", "set").code == 0
    stdin(PIN + "\n" + "246810\n")
    r = run_cli("pin", "set")
    assert r.code == 2 and "첫 줄 현재 PIN, 둘째 줄 새 PIN, 셋째 줄 같은 새 PIN 한 번 더" in r.err
    with db.write() as s:
        assert roles.check_pin(s, PIN).ok  # unchanged


def test_invitations_certificates_protocol_and_badge_reprints_need_the_pin(
    run_cli, stdin, db: Database, with_pin: int, tmp_path: Path, desk
) -> None:  # type: ignore[no-untyped-def]
    """Old code: a steward without the PIN could write every full address to .eml files (or send
    them), issue certificates, replace the precedence table and reprint every badge."""
    from kiosk.domain.models import Setting

    with db.session() as s:
        guest = s.scalars(select(Participant).where(Participant.companions_allowed == 0)).first()
        assert guest is not None
        guest_name = guest.name
    assert desk.scan(_code_of(db, guest_name), station="s1").ok
    rules_file = tmp_path / "rules.json"
    stdin("")
    rules_file.write_text(run_cli("protocol", "rules").out, encoding="utf-8")

    def settings() -> dict[str, str]:
        with db.session() as s:
            return {k: v for k, v in s.execute(select(Setting.key, Setting.value))}

    def ranks() -> list[int | None]:
        with db.session() as s:
            return list(s.scalars(select(Participant.precedence).order_by(Participant.id)))

    before_settings, before_ranks = settings(), ranks()
    gated = {
        ("invite", "--out", str(tmp_path / "eml")): tmp_path / "eml",
        ("certificates", "--out", str(tmp_path / "c.pdf")): tmp_path / "c.pdf",
        ("certificates", "--out", str(tmp_path / "certs")): tmp_path / "certs",
        ("badges", "--out", str(tmp_path / "b.pdf")): tmp_path / "b.pdf",
        ("protocol", "rules", "--set", str(rules_file)): None,
        ("protocol", "default-order"): None,
        ("invite", "--smtp", "127.0.0.1:1", "--from", "사무국 <office@forum.example>"): None,
    }
    for args, written in gated.items():
        stdin("")
        r = run_cli(*args)
        assert r.code == 2 and "PIN" in r.err, (args, r.err)
        assert written is None or not written.exists(), args
    assert settings() == before_settings and ranks() == before_ranks
    for args, written in gated.items():
        stdin(PIN + "\n")
        r = run_cli(*args)
        if args[:2] == ("invite", "--smtp"):  # past the PIN, to the (closed) SMTP port
            assert "PIN" not in r.err and r.code in (1, 2), r.err
            continue
        assert r.code == 0, (args, r.err)
        assert written is None or written.exists(), args
    # A badge for whoever has none yet is not a reprint: a steward's job.
    stdin("")
    assert run_cli("badges", "--out", str(tmp_path / "new.pdf"), "--only-unprinted").code == 0
    # Checking a certificate's code stays open to everyone.
    r = run_cli("certificates", "verify", "KC-NOPE")
    assert r.code == 1 and "PIN" not in r.err


def test_pins_too_easy_to_guess_are_refused(run_cli, stdin, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    """Old code: 000000, 111111, 123456, 654321 and 012345 were accepted as the supervisor PIN."""
    for easy in ("000000", "111111", "123456", "654321", "012345", "9876543210"):
        with pytest.raises(roles.PinTooEasy):
            roles.validate_pin(easy)
        stdin(f"{easy}\n{easy}\n")
        r = run_cli("pin", "set")
        assert r.code == 2 and "너무 쉽습니다" in r.err, easy
    with db.session() as s:
        assert not roles.pin_is_set(s)
    for fine in (PIN, "246810", "135790", "112233", "123457"):
        assert roles.validate_pin(fine) == fine
