"""`kiosk --self-test`: is this installation complete? One line per check, non-zero exit on a failure.

Meant for the installed bundle (PyInstaller leaves out what it cannot see being imported, and
plugins and native libraries are the usual casualties), but it runs from a checkout as well:
the database migrations, each QR decoder on a bundled image, the Qt platform and image-format
plugins, the multimedia back end (camera and sounds), print support, a Hangul font and the
English translation.

Qt is imported inside the checks only, so `kiosk --help` and the domain stay free of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SELFTEST_QR_TEXT = "KIOSK-SELFTEST 체크인 자가진단"
SOUND_KINDS = ("ok", "already", "refused", "vip")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


Check = Callable[[Path], CheckResult]


def named(name: str) -> Callable[[Callable[[Path], tuple[bool, str]]], Check]:
    """Turn `fn(resources) -> (ok, detail)` into a check that reports under `name` and never raises."""

    def wrap(fn: Callable[[Path], tuple[bool, str]]) -> Check:
        def check(resources: Path) -> CheckResult:
            try:
                ok, detail = fn(resources)
            except Exception as exc:  # noqa: BLE001 - a broken check is a failed check; the rest still run
                ok, detail = False, f"{type(exc).__name__}: {exc}"
            return CheckResult(name, ok, detail)

        check.__name__ = fn.__name__
        check.__doc__ = fn.__doc__
        return check

    return wrap


@named("데이터베이스 마이그레이션 / database migrations")
def check_database(resources: Path) -> tuple[bool, str]:
    """A fresh SQLite file taken to the newest schema with the bundled Alembic scripts."""
    from kiosk.storage import migrate
    from kiosk.storage.engine import Database

    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as folder:
        db = Database.open(Path(folder) / "selftest.db")
        try:
            migrate.upgrade(db)
            current, head = migrate.current_revision(db), migrate.head_revision()
        finally:
            db.dispose()  # Windows cannot delete an open file
    return current == head, f"{current}" if current == head else f"{current} ≠ {head}"


def _decoder_check(decoder_name: str) -> Check:
    @named(f"QR 디코더 / decoder {decoder_name}")
    def check_decoder(resources: Path) -> tuple[bool, str]:
        from kiosk.scan.decoders import decode_image_file, make_decoder

        texts = decode_image_file(resources / "selftest" / "qr.png", make_decoder(decoder_name))
        if texts == [SELFTEST_QR_TEXT]:
            return True, "selftest/qr.png"
        return False, f"읽은 내용 / read {texts!r}"

    return check_decoder


@named("Qt 플랫폼·이미지 형식 / platform, image formats")
def check_qt_platform(resources: Path) -> tuple[bool, str]:
    """The platform plugin (Qt aborts without one, so reaching here proves it) and image formats."""
    from PySide6.QtGui import QGuiApplication, QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    # png is built in; jpeg comes from the imageformats plugins that a bundle could miss.
    missing = sorted({"png", "jpeg"} - formats)
    detail = f"{QGuiApplication.platformName()}, 이미지 형식 {len(formats)}개"
    if missing:
        detail += f", 없음 / missing: {', '.join(missing)}"
    return not missing, detail


@named("Qt 멀티미디어 (카메라·소리) / multimedia")
def check_multimedia(resources: Path) -> tuple[bool, str]:
    """QtMultimedia loads a back end (FFmpeg), as the camera and the verdict sounds need."""
    from PySide6.QtCore import QLoggingCategory, QtMsgType, qInstallMessageHandler

    missing = [kind for kind in SOUND_KINDS if not (resources / "sounds" / f"{kind}.wav").is_file()]
    messages: list[str] = []

    def catch(_type: QtMsgType, _context: object, message: str) -> None:
        messages.append(message)

    # Qt names the back end it loads only in a debug message (and says why one failed in a
    # warning); listen while it loads.
    QLoggingCategory.setFilterRules("qt.multimedia.plugin.debug=true")
    previous = qInstallMessageHandler(catch)
    try:
        from PySide6.QtMultimedia import QMediaDevices, QMediaFormat

        cameras = len(QMediaDevices.videoInputs())
        decodable = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    finally:
        qInstallMessageHandler(previous)
        QLoggingCategory.setFilterRules("")
    backends = [m.split('"')[1] for m in messages if m.startswith("Loading media backend") and '"' in m]
    backend = backends[0] if backends else ("이미 로드됨 / loaded" if decodable else "없음 / none")
    detail = f"{backend}, 카메라 {cameras}대, 효과음 {len(SOUND_KINDS) - len(missing)}/{len(SOUND_KINDS)}"
    if not decodable:
        detail += " — 백엔드를 불러오지 못했습니다 / no backend"
        hints = [m for m in messages if not m.startswith(("Loading media backend", "Available backends"))]
        if hints:
            detail += f": {hints[-1].strip()}"
    return bool(decodable) and not missing, detail


@named("인쇄 지원 / print support")
def check_printing(resources: Path) -> tuple[bool, str]:
    """QtPrintSupport and its platform plugin (badge printing, the report preview)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printers = QPrinterInfo.availablePrinterNames()  # none attached is fine: not a fault of the install
    return printer.isValid(), f"프린터 {len(printers)}대"


@named("한글 글꼴 / Korean font")
def check_korean_font(resources: Path) -> tuple[bool, str]:
    from PySide6.QtGui import QFont, QFontMetrics

    from kiosk.fonts import korean_font_family

    family = korean_font_family()
    if family is None:
        return False, "한글 글꼴이 없습니다 / none found"
    metrics = QFontMetrics(QFont(family))
    ok = all(metrics.inFontUcs4(ord(ch)) for ch in "가힣김의원님")
    return ok, family if ok else f"{family}: 한글 글리프 없음 / no Hangul glyphs"


@named("번역 / translations (English)")
def check_translations(resources: Path) -> tuple[bool, str]:
    from PySide6.QtCore import QTranslator

    folder = resources / "translations"
    translator = QTranslator()
    if not translator.load("kiosk_en", str(folder)) or translator.isEmpty():
        return False, f"kiosk_en.qm 을 불러올 수 없습니다 / cannot load from {folder}"
    return True, Path(translator.filePath()).name


def default_checks() -> list[Check]:
    from kiosk.scan.decoders import DECODERS

    # Every decoder, not only the available ones: the bundle must carry both native libraries.
    return [
        check_database,
        *(_decoder_check(name) for name in DECODERS),
        check_qt_platform,
        check_multimedia,
        check_printing,
        check_korean_font,
        check_translations,
    ]


def _ensure_qt_application() -> None:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server or CI: no screen needed
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a QGuiApplication: widgets made later in the same process need one.
    QApplication(["kiosk"])


def run_self_test(
    resources: Path | None = None, checks: list[Check] | None = None, out: TextIO | None = None
) -> int:
    """Print one line per check; 0 when all pass, 1 otherwise."""
    from kiosk.resources_path import resources_dir

    stream = out or sys.stdout
    if stream is None:  # a windowed Windows program has no console
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
    elif hasattr(stream, "reconfigure"):
        # A console in CP949 cannot print ✔: replace what it cannot show rather than crash.
        stream.reconfigure(errors="replace")
    started = time.perf_counter()
    _ensure_qt_application()
    folder = resources or resources_dir()
    results = [check(folder) for check in (checks if checks is not None else default_checks())]
    for result in results:
        print(f"{'✔' if result.ok else '✘'} {result.name} ({result.detail})", file=stream)
    failed = sum(not r.ok for r in results)
    seconds = time.perf_counter() - started
    if failed:
        print(f"자가 진단 실패: {failed}/{len(results)}개 항목 / self-test FAILED ({seconds:.1f} s)", file=stream)
    else:
        print(f"자가 진단 통과: {len(results)}개 항목 / self-test passed ({seconds:.1f} s)", file=stream)
    stream.flush()
    return 1 if failed else 0
