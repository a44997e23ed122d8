"""Bad input for an event: one clear line, exit 2, nothing written (the file is not even created)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.domain.event_setup import EventSetupError
from kiosk.domain.event_toml import spec_from_toml
from kiosk.service.event_files import probe_event_file

FORUM = (Path(__file__).parents[1] / "e2e" / "data" / "forum_2026.toml").read_text(encoding="utf-8")
GOOD = ["--name", "2026 지역균형발전 포럼", "--venue", "대전컨벤션센터", "--starts", "2026-03-05 13:30",
        "--ends", "2026-03-05 18:00", "--capacity", "300"]  # fmt: skip


def _with(flag: str, value: str) -> list[str]:
    args = list(GOOD)
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    return args


FLAG_CASES = {
    "ends before it starts": (_with("--ends", "2026-03-05 12:00"), "끝나는 시각"),
    "ends when it starts": (_with("--ends", "2026-03-05 13:30"), "끝나는 시각"),
    "capacity 0": (_with("--capacity", "0"), "정원은 1~99,999명"),
    "capacity 100,000": (_with("--capacity", "100000"), "정원은 1~99,999명"),
    "capacity not a number": (_with("--capacity", "삼백"), "정원은 숫자"),
    "unknown time zone": (_with("--timezone", "Asia/Daejeon"), "없는 시간대"),
    "time not in the format": (_with("--starts", "3/5 1:30pm"), "형식이 올바르지 않습니다"),
    "sender e-mail": (_with("--sender-email", "forum at daejeon"), "보내는 사람 이메일"),
    "empty name": (_with("--name", "  "), "행사 이름"),
    "name of 300 characters": (_with("--name", "가" * 300), "너무 깁니다"),
    "name with a line break": (_with("--name", "포럼\nBcc: x@example.com"), "제어 문자"),
    "no such day": (_with("--starts", "2026-02-30 13:30"), "형식이 올바르지 않습니다"),
    # The tester's: year 1 crashed (OverflowError, an empty file left), 10:00 gave "+08:27:52".
    "year 1": (_with("--starts", "0001-01-01 00:00"), "연도는 2000~2100년"),
    "year 1 at ten": ([*GOOD[:5], "0001-01-01 10:00", "--ends", "0001-01-01 12:00", *GOOD[8:]], "연도는"),
    "year 2101": (_with("--ends", "2101-03-05 18:00"), "연도는 2000~2100년"),
    "ten years long": (_with("--ends", "2036-03-05 18:00"), "최대 31일"),
    "empty time zone": (_with("--timezone", ""), "시간대가 비어 있습니다"),
}


@pytest.mark.parametrize("case", list(FLAG_CASES))
def test_bad_flags_one_line_and_no_file(run_cli, db_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    args, words = FLAG_CASES[case]
    result = run_cli("event", "create", *args)
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert words in line and "Traceback" not in result.err
    assert not db_path.exists()


TOML_CASES = {
    "unknown key": (FORUM.replace('venue = "', 'venu = "x"\nvenue = "'), "알 수 없는 항목 'venu'"),
    "unknown key in a session": (
        FORUM.replace('title = "개회식"', 'title = "개회식"\nspeaker = "x"'),
        "'speaker'",
    ),
    "capacity as text": (FORUM.replace("capacity = 300", 'capacity = "300"'), "'capacity'은(는) 정수"),
    "capacity as a boolean": (FORUM.replace("capacity = 300", "capacity = true"), "'capacity'은(는) 정수"),
    "hosts not a list": (
        FORUM.replace('hosts = ["대전광역시", "지역균형발전포럼"]', 'hosts = "대전광역시"'),
        "'hosts'",
    ),
    "capacity 100,000": (FORUM.replace("capacity = 300", "capacity = 100_000"), "정원은 1~99,999명"),
    "session outside the hours": (
        FORUM.replace(
            'ends = "2026-03-05 18:00"\ntitle = "종합토론"', 'ends = "2026-03-05 18:30"\ntitle = "종합토론"'
        ),
        "행사 시간",
    ),  # fmt: skip
    "session before the start": (
        FORUM.replace(
            'starts = "2026-03-05 13:30"\nends = "2026-03-05 14:00"',
            'starts = "2026-03-05 13:00"\nends = "2026-03-05 14:00"',
        ),
        "행사 시간",
    ),  # fmt: skip
    "unknown time zone": (
        FORUM.replace('timezone = "Asia/Seoul"', 'timezone = "Mars/Olympus"'),
        "없는 시간대",
    ),
    "ends before it starts": (
        FORUM.replace('ends = "2026-03-05 18:00"\ntimezone', 'ends = "2026-03-04 18:00"\ntimezone'),
        "끝나는 시각",
    ),  # fmt: skip
    "not TOML": ("name = ", "TOML 파일을 읽을 수 없습니다"),
    "missing capacity": (FORUM.replace("capacity = 300\n", ""), "필요한 항목이 없습니다: capacity"),
    "year 1": (FORUM.replace('starts = "2026-03-05 13:30"\nends = "2026-03-05 18:00"\ntimezone',
                             'starts = "0001-03-05 13:30"\nends = "0001-03-05 18:00"\ntimezone'), "연도는"),  # fmt: skip
    "empty time zone": (FORUM.replace('timezone = "Asia/Seoul"', 'timezone = ""'), "시간대가 비어 있습니다"),
}


@pytest.mark.parametrize("case", list(TOML_CASES))
def test_bad_toml_one_line_and_no_file(run_cli, tmp_path: Path, db_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    text, words = TOML_CASES[case]
    assert text != FORUM
    source = tmp_path / "event.toml"
    source.write_text(text, encoding="utf-8")
    result = run_cli("event", "create", "--from", str(source))
    assert result.code == 2, result.out
    [line] = result.err.strip().splitlines()
    assert words in line
    assert not db_path.exists()


def test_the_example_file_itself_is_good() -> None:
    spec = spec_from_toml(FORUM)
    assert spec.capacity == 300 and len(spec.program) == 4 and spec.program[1].presenters[0].name == "박정민"


def test_bad_edit_changes_nothing(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("event", "create", *GOOD).code == 0
    before = run_cli("event", "show", "--json").out
    for args in (["--capacity", "0"], ["--ends", "2026-03-05 10:00"], ["--capacity", "100000"]):
        result = run_cli("event", "edit", *args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert run_cli("event", "show", "--json").out == before


def test_an_event_file_from_a_newer_version_is_refused(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    future = tmp_path / "future.kiosk.db"
    assert run_cli("event", "create", *GOOD, db=future).code == 0
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    size = future.stat().st_size
    with pytest.raises(EventSetupError, match="더 새로운 버전"):
        probe_event_file(future)
    result = run_cli("event", "show", db=future)
    assert result.code == 2 and "더 새로운 버전" in result.err and len(result.err.strip().splitlines()) == 1
    assert future.stat().st_size == size


def test_a_toml_file_with_a_byte_order_mark_is_read(run_cli, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Old code: Windows Notepad's UTF-8 BOM was "Invalid statement (at line 1, column 1)"."""
    source = tmp_path / "notepad.toml"
    source.write_bytes(b"\xef\xbb\xbf" + FORUM.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("event", "create", "--from", str(source))
    assert result.code == 0, result.err
    assert spec_from_toml("\ufeff" + FORUM).capacity == 300


def test_out_of_range_edits_change_nothing(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("event", "create", *GOOD).code == 0
    before = run_cli("event", "show", "--json").out
    for args in (["--starts", "0001-01-01 10:00", "--ends", "0001-01-01 12:00"],
                 ["--ends", "2036-03-05 18:00"], ["--starts", "2101-03-05 13:30", "--ends", "2101-03-05 18:00"]):  # fmt: skip
        result = run_cli("event", "edit", *args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
        assert "Traceback" not in result.err
    assert run_cli("event", "show", "--json").out == before
