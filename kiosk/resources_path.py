"""Where the program's own files are: in a checkout, the top-level folder (resources/, migrations/);
installed, inside the package (kiosk/resources, kiosk/migrations); in a PyInstaller bundle, beside
the program."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str, marker: str) -> Path | None:
    """The first `name` folder holding `marker`: bundle, then checkout, then installed package."""
    candidates = [_PACKAGE.parent / name, _PACKAGE / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / name)
    return next((c for c in candidates if (c / marker).exists()), None)


def resources_dir() -> Path:
    found = bundled_dir("resources", "demo")
    if found is None:
        raise FileNotFoundError(f"resources folder not found next to {_PACKAGE}")
    return found


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
