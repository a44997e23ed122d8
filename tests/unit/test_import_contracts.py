"""The layering contracts (pyproject [tool.importlinter]) hold, and they catch a module that breaks
them: the real package passes `lint-imports`; a copy with one offending module per contract fails,
naming each offender."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_package_keeps_every_layering_contract() -> None:
    done = _lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


OFFENDERS = {
    # module -> the import that breaks a contract, and the contract's name
    "kiosk/report/_offender.py": ("from kiosk.ui.theme import apply_theme\n", "Nothing below the user interface imports it"),
    "kiosk/domain/_offender.py": ("from PySide6.QtWidgets import QWidget\n", "imports Qt widgets"),
    "kiosk/storage/_offender.py": ("from kiosk.domain.checkin import CheckInDesk\n", "Storage applies no domain rules"),
    "kiosk/cli/_offender.py": ("import sqlalchemy\nfrom kiosk.storage import engine\n", "call only the service layer"),
}


def test_a_module_that_breaks_a_contract_fails_the_check(tmp_path: Path) -> None:
    shutil.copytree(REPO / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests" / "import_contracts.py", tmp_path / "tests")
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    for path, (line, _contract) in OFFENDERS.items():
        (tmp_path / path).write_text(line, encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "4 broken" in done.stdout, done.stdout
    for path, (_line, contract) in OFFENDERS.items():
        module = path.removesuffix(".py").replace("/", ".")
        assert module in done.stdout, (module, done.stdout)
        assert contract in done.stdout
    # The copy, not the installed package, was checked: without the offenders it passes again.
    for path in OFFENDERS:
        (tmp_path / path).unlink()
    assert _lint(tmp_path).returncode == 0
