"""The installed package carries its migrations and resources, and lists every subpackage."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _listed_packages() -> set[str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_subpackage_is_listed_in_pyproject() -> None:
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "kiosk").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= _listed_packages()


@pytest.mark.slow
def test_wheel_runs_migrations_and_demo_from_the_installed_package(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", str(REPO),
         "-w", str(tmp_path / "wheel")],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "wheel").glob("kiosk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kiosk/migrations/env.py" in names
    assert any(n.startswith("kiosk/migrations/versions/0001") for n in names)
    assert "kiosk/resources/demo/roster.csv" in names
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", "import kiosk.storage.migrate as m, kiosk.resources_path as r;"
         "print(m.migrations_dir()); print(r.resources_dir())"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path,
    ).stdout.split()
    assert all(str(target) in line for line in out)
    db = tmp_path / "installed.db"
    subprocess.run([sys.executable, "-m", "kiosk", "--db", str(db), "demo"], check=True, env=env, cwd=tmp_path,
                   capture_output=True)
