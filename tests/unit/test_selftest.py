"""`kiosk --self-test`: passes on a complete checkout, fails (non-zero) when a part is missing."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.resources_path import resources_dir
from kiosk.selftest import CheckResult, named, run_self_test


def test_self_test_from_source_passes(qapp) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    assert run_self_test(out=out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("✔ 데이터베이스 마이그레이션")
    assert any("zxing" in line for line in lines) and any("pyzbar" in line for line in lines)
    assert not any(line.startswith("✘") for line in lines)
    assert lines[-1].startswith("자가 진단 통과")


def test_missing_translation_fails_the_self_test(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "resources"
    shutil.copytree(resources_dir(), broken, ignore=shutil.ignore_patterns("translations", "fonts"))
    out = io.StringIO()
    assert run_self_test(resources=broken, out=out) == 1
    text = out.getvalue()
    assert "✘ 번역" in text and "kiosk_en.qm" in text
    assert "✔ QR 디코더 / decoder zxing" in text  # the other checks still ran
    assert "자가 진단 실패: 1/" in text


def test_a_check_that_raises_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    @named("고장 난 검사 / broken check")
    def broken(resources: Path) -> tuple[bool, str]:
        raise RuntimeError("boom")

    out = io.StringIO()
    assert run_self_test(resources=tmp_path, checks=[broken], out=out) == 1
    assert out.getvalue().splitlines()[0] == "✘ 고장 난 검사 / broken check (RuntimeError: boom)"
    assert broken(tmp_path) == CheckResult("고장 난 검사 / broken check", False, "RuntimeError: boom")


@pytest.mark.slow
def test_cli_flag_works_without_a_command(tmp_path: Path) -> None:
    """The real entry point, in a fresh process, exactly as CI runs it in the bundle."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test"],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("✔") >= 8
