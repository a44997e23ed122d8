"""Random command lines: every one ends with an exit code and at most a one-line message, never a
traceback. Commands that open windows or send mail are left out (their argument checks run in
their own tests); everything runs in a temporary folder on a throw-away database."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

import pytest
from fuzz_support import FAILURES, bounded, counted, report
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cli import build_parser
from kiosk.cli import main as cli_main

UNSAFE = {"gui", "invite"}  # a window that waits for a person; e-mail to a server
TARGET = "cli.argv"
ALLOWED_EXITS = {0, 1, 2, 3, 4}


def _vocabulary() -> dict[str, list[str]]:
    """Each safe command with the option strings and sub-commands its parser knows."""
    parser = build_parser()
    words: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if name in UNSAFE:
                    continue
                found: list[str] = []
                for sub_action in sub._actions:
                    found.extend(s for s in sub_action.option_strings if s not in ("-h", "--help"))
                    if isinstance(sub_action, argparse._SubParsersAction):
                        found.extend(sub_action.choices)
                words[name] = found
    return words


VOCABULARY = _vocabulary()
# No path separators: whatever a command writes lands in the test's own folder.
_WORD = st.text(
    alphabet=st.characters(blacklist_characters="/\\", blacklist_categories=("Cs",)), min_size=0, max_size=30
)
_SPECIAL = st.sampled_from(["-", "--", "0", "-1", "99999999999999999999", "nan", "x.png", "r.xlsx", "r.csv",
                            "r.pdf", "K1234567890ABCDEFGHJKMNPQ", "ㅏ무", "\x00", "=1+1", "--json", "--yes"])  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(VOCABULARY)))
    known = VOCABULARY[command]
    pieces = st.one_of(_WORD, _SPECIAL, st.sampled_from(known) if known else _SPECIAL)
    before = draw(st.lists(st.sampled_from(["-v", "--station", "desk", "--db"]), max_size=2))
    if before and before[-1] in ("--station", "--db"):
        before.append(draw(_WORD))
    return [*before, command, *draw(st.lists(pieces, max_size=6))]


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    report([TARGET])


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_event_id: int, db_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("KIOSK_DB", raising=False)
    return db_path


@pytest.mark.slow
@bounded(100)
@given(argv=command_lines())
def test_random_command_lines_end_in_an_exit_code(workspace: Path, argv: list[str]) -> None:
    counted(TARGET)
    # Our --db first: a random later --db (a bare word) still lands in the temporary folder.
    full = ["--db", str(workspace), *argv]
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO("K000\nㅁㄴㅇ\n")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main(full)
            except SystemExit as exc:  # argparse: usage errors (2) and --help/--version (0)
                code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        FAILURES[TARGET] += 1
        raise
    finally:
        sys.stdin = stdin
    try:
        assert code in ALLOWED_EXITS, (full, code, err.getvalue())
        assert "Traceback" not in err.getvalue(), (full, err.getvalue())
    except AssertionError:
        FAILURES[TARGET] += 1
        raise


# -- with a supervisor PIN set (issue 16) -----------------------------------------------------

PIN_TARGET = "cli.argv.with_pin"
GUARDED = {"walkin", "checkin", "report", "restore", "purge-personal-data", "import", "demo", "pin"}


@pytest.fixture
def pinned(workspace: Path) -> Path:
    from kiosk.domain import roles
    from kiosk.storage.engine import Database

    db = Database.open(workspace)
    with db.write() as s:
        roles.set_pin(s, "246813")
    db.dispose()
    return workspace


def _protected_state(path: Path) -> tuple:  # type: ignore[type-arg]
    """What no command may change without the PIN: people, contact data, overrides, the PIN."""
    from sqlalchemy import func, select

    from kiosk.domain import roles
    from kiosk.domain.models import CheckIn, Participant
    from kiosk.storage.engine import Database

    db = Database.open(path)
    try:
        with db.session() as s:
            over = s.scalar(
                select(func.count(CheckIn.id)).join(Participant, CheckIn.participant_id == Participant.id)
                .where(CheckIn.companions > Participant.companions_allowed)
            )  # fmt: skip
            return (
                s.scalar(select(func.count(Participant.id))),
                s.scalar(select(func.count(Participant.id)).where(Participant.phone.is_not(None))),
                over,
                roles.get_setting(s, roles.PIN_HASH_KEY),
            )
    finally:
        db.dispose()


@pytest.mark.slow
@bounded(60)
@given(argv=command_lines())
def test_random_command_lines_with_a_wrong_pin_change_nothing_protected(pinned: Path, argv: list[str]) -> None:
    """Whatever the command line, a wrong PIN on stdin never unlocks a supervisor action."""
    counted(PIN_TARGET)
    full = ["--db", str(pinned), *argv]
    before = _protected_state(pinned)
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO("000000\n000000\n000000\nK000\n")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main(full)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        FAILURES[PIN_TARGET] += 1
        raise
    finally:
        sys.stdin = stdin
    try:
        assert code in ALLOWED_EXITS, (full, code, err.getvalue())
        assert "Traceback" not in err.getvalue(), (full, err.getvalue())
        if Path(str(pinned)).is_file() and Path(str(pinned)).stat().st_size:
            after = _protected_state(pinned)
            assert after[0] <= before[0] or "walkin" in argv, (full, before, after)  # a walk-in adds one, no more
            assert after[1:] == before[1:] or (after[1] >= before[1] and "walkin" in argv), (full, before, after)
        full_reports = [p for p in pinned.parent.glob("r.*") if p.is_file()]
        assert not full_reports or "--mask-pii" in argv, (full, full_reports)
    except AssertionError:
        FAILURES[PIN_TARGET] += 1
        raise
    finally:
        for p in pinned.parent.glob("r.*"):
            p.unlink()


@pytest.fixture(scope="module", autouse=True)
def _report_pin():
    yield
    report([PIN_TARGET])
