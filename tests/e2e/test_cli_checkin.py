"""kiosk checkin / checkout / decode: the exact JSON, exit codes, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import qrcode
from sqlalchemy import func, select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import CheckIn, Event, Participant
from kiosk.storage.engine import Database

VERDICT_KEYS = {"code", "status", "participant", "checked_in_at", "station"}
PARTICIPANT_KEYS = {"id", "name", "organization", "title", "category", "vip"}
REPO = Path(__file__).resolve().parents[2]


def minister_code(desk: CheckInDesk) -> tuple[int, str]:
    with desk.db.session() as session:
        event = session.get(Event, desk.event_id)
        pid = session.scalars(select(Participant.id).where(Participant.name == "김현미")).one()
        return pid, token.issue(event.token_tag, event.signing_secret, pid)


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_checkin_json_exact_shape_and_exit_codes(run_cli, desk: CheckInDesk) -> None:  # type: ignore[no-untyped-def]
    pid, code = minister_code(desk)
    first = run_cli("checkin", "--json", code)
    assert first.code == 0, first.err
    [verdict] = lines(first.out)
    assert set(verdict) == VERDICT_KEYS and set(verdict["participant"]) == PARTICIPANT_KEYS
    assert verdict["status"] == "ok" and verdict["code"] == code and verdict["station"] == "test-desk"
    assert verdict["participant"] == {
        "id": pid, "name": "김현미", "organization": "국토교통부", "title": "장관",
        "category": "ministry", "vip": True,
    }  # fmt: skip
    again = run_cli("checkin", "--json", code, "'; DROP TABLE x; --", "NOPE42")
    assert again.code == 1
    statuses = [(v["status"], v["station"], v["checked_in_at"]) for v in lines(again.out)]
    assert statuses == [
        ("already_checked_in", "test-desk", verdict["checked_in_at"]),
        ("malformed", None, None),
        ("not_found", None, None),
    ]
    assert "Traceback" not in again.err


def test_checkout_and_re_entry(run_cli, desk: CheckInDesk) -> None:  # type: ignore[no-untyped-def]
    _pid, code = minister_code(desk)
    assert run_cli("checkout", "--json", code).code == 1  # not inside yet
    assert lines(run_cli("checkout", "--json", code).out)[0]["status"] == "not_checked_in"
    assert run_cli("checkin", code).code == 0
    out = run_cli("checkout", "--json", code)
    assert out.code == 0 and lines(out.out)[0]["status"] == "ok"
    assert run_cli("checkin", "--json", code).code == 0  # re-entry


def test_human_output_is_korean(run_cli, desk: CheckInDesk) -> None:  # type: ignore[no-untyped-def]
    _pid, code = minister_code(desk)
    ok = run_cli("checkin", code)
    assert "입장 확인" in ok.out and "김현미 장관님, 환영합니다" in ok.out
    assert "이미 입장" in run_cli("checkin", code).out
    assert "읽을 수 없는 코드" in run_cli("checkin", "!!!").out


def test_ime_typed_code_and_companions(run_cli, desk: CheckInDesk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS

    jamo = {v: k for k, v in _JAMO_KEYS.items() if len(v) == 1 and v.islower()}
    _pid, code = minister_code(desk)
    typed = "".join(jamo.get(c.lower(), c) for c in code)
    result = run_cli("checkin", "--json", "--companions", "2", typed)
    assert result.code == 0 and lines(result.out)[0]["status"] == "ok"
    assert run_cli("checkin", "--companions", "-1", code).code == 2


def test_no_event_is_a_clear_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("checkin", "--json", "ABC", db=tmp_path / "empty.db")
    assert result.code == 2 and "행사가 없습니다" in result.err and result.out == ""


def test_each_verdict_is_printed_after_its_commit(desk: CheckInDesk, db_path: Path) -> None:
    """Codes piped one by one: when a line appears, another connection already sees the row."""
    with desk.db.session() as session:
        event = session.get(Event, desk.event_id)
        ids = list(session.scalars(select(Participant.id).limit(3)))
        codes = [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--db", str(db_path), "--station", "파이프", "checkin", "--json", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    observer = Database.open(db_path)
    try:
        for n, code in enumerate(codes, start=1):
            proc.stdin.write(code + "\n")
            proc.stdin.flush()
            verdict = json.loads(proc.stdout.readline())
            assert verdict["status"] == "ok" and verdict["station"] == "파이프"
            with observer.session() as session:
                assert session.scalar(select(func.count(CheckIn.id))) == n
        proc.stdin.close()
        assert proc.wait(30) == 0
    finally:
        observer.dispose()
        if proc.poll() is None:
            proc.kill()


def test_decode_json(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "code.png"
    qrcode.make("KHELLO7QR").save(good)
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (200, 200), 255).save(blank)
    result = run_cli("decode", "--json", str(good), str(blank))
    assert result.code == 1  # one image held no code
    first, second = lines(result.out)
    assert set(first) == {"path", "texts", "ms"}
    assert first["path"] == str(good) and first["texts"] == ["KHELLO7QR"] and first["ms"] >= 0
    assert second["texts"] == []
    assert run_cli("decode", "--json", "--decoder", "pyzbar", str(good)).code == 0


def test_decode_real_photo(run_cli) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import QR_SAMPLES

    photo = QR_SAMPLES / "qrcode-1" / "1.webp"
    if not photo.exists():
        import pytest

        pytest.skip("qr-samples not available")
    expected = (QR_SAMPLES / "qrcode-1" / "1.txt").read_text(encoding="utf-8").strip()
    result = run_cli("decode", "--json", str(photo))
    assert lines(result.out)[0]["texts"] == [expected]


def test_decode_bad_files(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.png"
    junk.write_bytes(os.urandom(300))
    result = run_cli("decode", "--json", str(tmp_path / "missing.png"), str(junk))
    assert result.code == 2 and result.out == ""
    assert "파일을 찾을 수 없습니다" in result.err and "이미지를 읽을 수 없습니다" in result.err
    assert "Traceback" not in result.err


def test_checkout_says_check_out_and_re_entry_says_reentry(run_cli, desk: CheckInDesk) -> None:  # type: ignore[no-untyped-def]
    _pid, code = minister_code(desk)
    first = run_cli("checkin", code)
    assert first.code == 0 and "입장 확인" in first.out
    out = run_cli("checkout", code)
    assert out.code == 0, out.err
    assert "퇴장 확인" in out.out and "안녕히 가세요" in out.out
    assert "입장 확인" not in out.out and "환영합니다" not in out.out
    back = run_cli("checkin", code)
    assert back.code == 0 and "재입장 확인" in back.out and "이전 입장" in back.out
