"""Where the program's own files are: the checkout's resources/ or the installed kiosk/resources."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle keeps them beside the program
    candidates = [_PACKAGE.parent / "resources", _PACKAGE / "resources"]
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found next to {_PACKAGE}")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
