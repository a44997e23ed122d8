"""Fonts with Hangul, for every screen, report and document (QtGui only: no widgets).

The console's theme, the report PDF, badges and certificates all ask here, so one list decides
which font draws Korean everywhere.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

# Fonts with Hangul, in order of preference, per OS.
KOREAN_FONTS = [
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "맑은 고딕",
    "Apple SD Gothic Neo",
    "NanumGothic",
    "나눔고딕",
    "Source Han Sans K",
]


def korean_font_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in KOREAN_FONTS:
        if name in families:
            return name
    # Any family that claims the Korean writing system will do.
    korean = QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    return korean[0] if korean else bundled_korean_family()


_bundled_families: list[str] | None = None


def bundled_korean_family() -> str | None:
    """The font shipped in resources/fonts (NanumSquare, OFL), registered on first use.

    Only for machines with no Hangul font at all (a bare Linux install): Windows has Malgun
    Gothic and macOS Apple SD Gothic Neo, which look native and win above.
    """
    global _bundled_families
    if _bundled_families is None:
        from kiosk.resources_path import resource

        _bundled_families = []
        folder = resource("fonts")
        for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
            font_id = QFontDatabase.addApplicationFont(str(path))
            for family in QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
                if family not in _bundled_families:
                    _bundled_families.append(family)
        if _bundled_families:
            log.info("no system font with Hangul; using the bundled %s", ", ".join(_bundled_families))
    return _bundled_families[0] if _bundled_families else None
