"""The window opens on a real X display (Xvfb), through Qt's xcb platform plugin.

Offscreen tests cannot see a missing system library of the xcb plugin (libxcb-icccm4, say):
the program would then abort on the front-desk laptop before showing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image


def test_window_renders_through_xcb_on_xvfb(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing: scripts/bootstrap.sh --test installs it")
        pytest.skip("xvfb-run is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    kiosk = [sys.executable, "-m", "kiosk", "--db", str(tmp_path / "x.db")]
    subprocess.run([*kiosk, "demo"], check=True, env=env, capture_output=True)
    png = tmp_path / "xcb.png"
    result = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1366x768x24", *kiosk, "gui", "--screenshot", str(png)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    image = Image.open(png)
    assert image.size == (1366, 768)
    assert sum(1 for count in image.convert("L").histogram() if count) > 20
