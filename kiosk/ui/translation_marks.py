"""Strings the interface translates at run time from data tables (labels, column headers).

`tr("labels", CATEGORY_KO[c])` cannot be read by pyside6-lupdate, which only sees literal
strings; listing them here with QT_TRANSLATE_NOOP puts them in kiosk_en.ts under the same
contexts, so the English interface translates them too. Keep in step with
kiosk.domain.labels.CATEGORY_KO, kiosk.domain.roster.STATUS_KO, the reasons of
kiosk.domain.speakers.protocol_reason and RosterTableModel.HEADERS
(tests/gui/test_front_desk.py checks that each has an English translation).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

LABELS = (
    # kiosk.domain.labels.CATEGORY_KO
    QT_TRANSLATE_NOOP("labels", "부처"),
    QT_TRANSLATE_NOOP("labels", "지역발전위원회"),
    QT_TRANSLATE_NOOP("labels", "국회의원"),
    QT_TRANSLATE_NOOP("labels", "지자체"),
    QT_TRANSLATE_NOOP("labels", "지역기관"),
    QT_TRANSLATE_NOOP("labels", "학계"),
    QT_TRANSLATE_NOOP("labels", "언론"),
    QT_TRANSLATE_NOOP("labels", "포럼"),
    QT_TRANSLATE_NOOP("labels", "운영요원"),
    QT_TRANSLATE_NOOP("labels", "현장등록"),
    QT_TRANSLATE_NOOP("labels", "기타"),
    # kiosk.domain.roster.STATUS_KO
    QT_TRANSLATE_NOOP("labels", "미도착"),
    QT_TRANSLATE_NOOP("labels", "입장"),
    QT_TRANSLATE_NOOP("labels", "불참"),
    QT_TRANSLATE_NOOP("labels", "초청 취소"),
    # kiosk.domain.speakers.protocol_reason
    QT_TRANSLATE_NOOP("labels", "장관"),
    QT_TRANSLATE_NOOP("labels", "차관"),
    QT_TRANSLATE_NOOP("labels", "위원장"),
    QT_TRANSLATE_NOOP("labels", "의원"),
    QT_TRANSLATE_NOOP("labels", "VIP"),
)

ROSTER_HEADERS = (
    QT_TRANSLATE_NOOP("RosterTableModel", "성명"),
    QT_TRANSLATE_NOOP("RosterTableModel", "소속"),
    QT_TRANSLATE_NOOP("RosterTableModel", "직위"),
    QT_TRANSLATE_NOOP("RosterTableModel", "구분"),
    QT_TRANSLATE_NOOP("RosterTableModel", "지역"),
    QT_TRANSLATE_NOOP("RosterTableModel", "휴대전화"),
    QT_TRANSLATE_NOOP("RosterTableModel", "이메일"),
    QT_TRANSLATE_NOOP("RosterTableModel", "등록번호"),
    QT_TRANSLATE_NOOP("RosterTableModel", "VIP"),
    QT_TRANSLATE_NOOP("RosterTableModel", "상태"),
)
