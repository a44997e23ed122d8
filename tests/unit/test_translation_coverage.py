"""Every string the code marks for translation is in kiosk_en.ts (so English stays complete)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.resources_path import resource

PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"


def _messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_lupdate_finds_no_string_missing_from_the_translation_file(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    sources = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _messages(fresh) - _messages(resource("translations", "kiosk_en.ts"))
    assert missing == set(), "run pyside6-lupdate and translate: " + repr(sorted(missing)[:10])
