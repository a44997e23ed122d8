"""Build the kiosk bundle for this OS into dist/kiosk/: `python packaging/build.py`.

Steps: render the icon (resources/icons/kiosk.svg → PNG sizes, .ico, .icns) into build/icons,
run PyInstaller on packaging/kiosk.spec, add the OS's launcher files, then print the bundle's
size. Windows: compile packaging/windows/kiosk.iss with Inno Setup afterwards (docs/packaging.md).

Needs the `packaging` extra: `pip install -e .[packaging]` (PyInstaller >= 6).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "packaging" / "kiosk.spec"
ICON_SVG = REPO / "resources" / "icons" / "kiosk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_icons(out: Path) -> None:
    """PNG sizes with Qt's SVG renderer, then .ico (Windows) and .icns (macOS) with Pillow."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to draw a file
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["kiosk-build"])
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {ICON_SVG}")
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"kiosk-{size}.png"))
    largest = Image.open(out / "kiosk-256.png")
    largest.save(out / "kiosk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(out / "kiosk-512.png").save(out / "kiosk.icns")


def run_pyinstaller(dist: Path, work: Path, icons: Path, clean: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is missing: pip install -e .[packaging]") from None
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    env = {**os.environ, "KIOSK_ICON_DIR": str(icons)}
    subprocess.run([*command, str(SPEC)], check=True, cwd=REPO, env=env)


def add_launcher_files(bundle: Path, icons: Path) -> None:
    """What the OS needs beside the program: the .desktop file and installer on Linux, the icon."""
    if sys.platform.startswith("linux"):
        for name in ("kiosk.desktop", "install.sh"):
            shutil.copy2(REPO / "packaging" / "linux" / name, bundle / name)
        shutil.copy2(icons / "kiosk-256.png", bundle / "kiosk.png")
    elif sys.platform == "win32":
        shutil.copy2(icons / "kiosk.ico", bundle / "kiosk.ico")  # the installer's shortcuts use it


def has_debug_info(path: Path) -> bool:
    """True for a 64-bit little-endian ELF file with a .debug_info section (read from its headers)."""
    with path.open("rb") as f:
        header = f.read(64)
        if len(header) < 64 or header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            return False
        shoff = int.from_bytes(header[0x28:0x30], "little")
        shentsize, shnum, shstrndx = (int.from_bytes(header[i : i + 2], "little") for i in (0x3A, 0x3C, 0x3E))
        if not shoff or shstrndx >= shnum:
            return False
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        sections = [table[i * shentsize : (i + 1) * shentsize] for i in range(shnum)]
        names_at = int.from_bytes(sections[shstrndx][0x18:0x20], "little")
        names_size = int.from_bytes(sections[shstrndx][0x20:0x28], "little")
        f.seek(names_at)
        names = f.read(names_size)
    return any(names[int.from_bytes(s[:4], "little") :].startswith(b".debug_info\0") for s in sections)


def strip_debug_info(bundle: Path) -> int:
    """Linux: remove debugging sections where a library still has them (libpython from pyenv,
    SQLAlchemy's Cython modules): about 25 MB that nobody at a check-in desk will use.

    Only files with .debug_info are touched: the wheels' own (auditwheel, patchelf-edited)
    libraries are already stripped, and rewriting them is what can break them."""
    strip = shutil.which("strip")
    if strip is None or not sys.platform.startswith("linux"):
        return 0
    saved = 0
    for path in bundle.rglob("*.so*"):
        if path.is_file() and not path.is_symlink() and has_debug_info(path):
            before = path.stat().st_size
            subprocess.run([strip, "--strip-debug", str(path)], check=True)
            saved += before - path.stat().st_size
    return saved


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/kiosk/ for this OS with PyInstaller")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default: dist/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    icons = REPO / "build" / "icons"
    make_icons(icons)
    run_pyinstaller(args.dist, REPO / "build" / "pyinstaller", icons, args.clean)
    bundle = args.dist / "kiosk"
    saved = strip_debug_info(bundle)
    if saved:
        print(f"stripped debugging sections: {saved / 1e6:.0f} MB")
    add_launcher_files(bundle, icons)
    size = folder_size(bundle)
    print(f"bundle: {bundle} ({size / 1e6:.0f} MB unpacked, {time.perf_counter() - started:.0f} s)")
    if sys.platform == "darwin":
        print(f"app:    {args.dist / 'kiosk.app'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
