"""English is complete: every interface string has a translation, the .qm is built from the .ts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kiosk.domain.labels import CATEGORY_KO
from kiosk.domain.roster import STATUS_KO
from kiosk.resources_path import resource
from kiosk.ui import translation_marks
from kiosk.ui.i18n import install_language, tr


def test_every_string_is_translated() -> None:
    root = ET.parse(resource("translations", "kiosk_en.ts")).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(m.find("translation").itertext()).strip()  # plural forms are child elements
    ]
    assert unfinished == []
    assert resource("translations", "kiosk_en.qm").stat().st_size > 1000


def test_runtime_labels_are_marked_for_translation(qapp) -> None:  # type: ignore[no-untyped-def]
    marked = set(translation_marks.LABELS)
    assert set(CATEGORY_KO.values()) <= marked
    assert set(STATUS_KO.values()) <= marked
    from kiosk.ui.roster_view import RosterTableModel

    assert set(RosterTableModel.HEADERS) == set(translation_marks.ROSTER_HEADERS)
    try:
        assert install_language(qapp, "en")
        assert tr("labels", "국회의원") == "National Assembly member"
        assert tr("RosterTableModel", "성명") == "Name"
    finally:
        install_language(qapp, "ko")


def test_qt_own_words_are_korean_in_the_korean_interface(qapp) -> None:  # type: ignore[no-untyped-def]
    """File dialogs, context menus and standard buttons come from Qt's qtbase_ko.qm."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui.i18n import install_language

    assert install_language(qapp, "ko")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    finally:
        install_language(qapp, "ko")


def test_english_seats_left_is_singular_for_one(qapp) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.headcount import Headcount
    from kiosk.ui.counters import CountersBar
    from kiosk.ui.i18n import install_language

    assert install_language(qapp, "en")
    try:
        bar = CountersBar()
        for present, words in ((149, "1 seat left"), (148, "2 seats left")):
            bar.show_counts(Headcount(capacity=150, invited=183, checked_in=present, present=present,
                                      companions=0, walk_ins=0, not_arrived=183 - present))  # fmt: skip
            assert bar.notice.text().endswith(words), bar.notice.text()
    finally:
        install_language(qapp, "ko")
