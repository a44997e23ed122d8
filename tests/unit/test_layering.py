"""The domain and storage never import Qt: every rule runs from the CLI, a test or another front end."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"
QT_FREE = ["domain", "storage"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_imports_no_qt(layer: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if n.split(".")[0] in {"PySide6", "shiboken6"})
        for path in (PACKAGE / layer).rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_imports_no_user_interface(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        assert not any(n.startswith(("kiosk.ui", "kiosk.cli")) for n in _imports(path)), path


def test_importing_the_package_has_no_side_effects() -> None:
    # No engine, no QApplication, no files created on import.
    import subprocess
    import sys

    code = (
        "import sys, kiosk, kiosk.cli, kiosk.domain.checkin, kiosk.storage.engine;"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'QtWidgets imported';"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
