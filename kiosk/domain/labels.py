"""The one copy of the words people read for codes: guest groups, check-in methods, audit actions.

Pure data (no Qt): reports, screens and the CLI all take their labels from here, Korean first
with English beside it.
"""

from __future__ import annotations

from kiosk.domain.models import Category, CheckInMethod

# In the order reports list the groups: hosts and officials first, the room's staff last.
CATEGORY_ORDER: tuple[Category, ...] = (
    Category.MINISTRY,
    Category.COMMITTEE,
    Category.LAWMAKER,
    Category.LOCAL_GOVERNMENT,
    Category.REGIONAL_INSTITUTION,
    Category.ACADEMIA,
    Category.PRESS,
    Category.FORUM,
    Category.STAFF,
    Category.WALK_IN,
    Category.OTHER,
)

CATEGORY_KO: dict[Category, str] = {
    Category.MINISTRY: "부처",
    Category.COMMITTEE: "지역발전위원회",
    Category.LAWMAKER: "국회의원",
    Category.LOCAL_GOVERNMENT: "지자체",
    Category.REGIONAL_INSTITUTION: "지역기관",
    Category.ACADEMIA: "학계",
    Category.PRESS: "언론",
    Category.FORUM: "포럼",
    Category.STAFF: "운영요원",
    Category.WALK_IN: "현장등록",
    Category.OTHER: "기타",
}

CATEGORY_EN: dict[Category, str] = {
    Category.MINISTRY: "Ministry",
    Category.COMMITTEE: "Regional Development Committee",
    Category.LAWMAKER: "National Assembly member",
    Category.LOCAL_GOVERNMENT: "Local government",
    Category.REGIONAL_INSTITUTION: "Regional institution",
    Category.ACADEMIA: "Academia",
    Category.PRESS: "Press",
    Category.FORUM: "Forum",
    Category.STAFF: "Staff",
    Category.WALK_IN: "Walk-in",
    Category.OTHER: "Other",
}

METHOD_KO: dict[CheckInMethod, str] = {
    CheckInMethod.QR: "QR 스캔",
    CheckInMethod.CODE: "등록번호",
    CheckInMethod.MANUAL: "이름 검색",
    CheckInMethod.WALK_IN: "현장등록",
    CheckInMethod.SYNC: "동기화",
}

METHOD_EN: dict[CheckInMethod, str] = {
    CheckInMethod.QR: "QR scan",
    CheckInMethod.CODE: "Registration code",
    CheckInMethod.MANUAL: "Name search",
    CheckInMethod.WALK_IN: "Walk-in",
    CheckInMethod.SYNC: "Synchronised",
}

ACTION_KO: dict[str, str] = {
    "scan": "스캔",
    "checkin": "입장",
    "checkout": "퇴장",
    "undo": "입장 취소",
    "companions": "동반인 변경",
    "walkin": "현장등록",
    "walk_in": "현장등록",
    "badge": "명찰 출력",
    "capacity": "정원 변경",
    "certificate": "참석확인증 메일",
    "import": "명단 가져오기",
    "invite": "초청 메일",
    "merge": "기록 병합",
    "participant_add": "참가자 추가",
    "participant_cancel": "초청 취소",
    "participant_edit": "참가자 수정",
    "pin": "관리자 PIN",
    "pin_set": "관리자 PIN 설정",
    "purge_personal_data": "개인정보 삭제",
    "vip_alert": "VIP 알림",
}

OUTCOME_KO: dict[str, str] = {
    "ok": "성공",
    "already_checked_in": "이미 입장",
    "not_found": "명단에 없음",
    "invalid_signature": "위조·손상 코드",
    "wrong_event": "다른 행사 코드",
    "cancelled": "초청 취소됨",
    "capacity_full": "정원 초과",
    "malformed": "읽을 수 없는 코드",
    "not_checked_in": "입장 기록 없음",
    "already_undone": "이미 취소됨",
    "override": "관리자 승인",
    "partial": "일부 완료",
    "reprint": "재출력",
    "locked": "잠김",
    "wrong": "틀림",
}

NO_REGION_KO = "미지정"
NO_REGION_EN = "Unspecified"


def _category(value: Category | str) -> Category | None:
    try:
        return Category(value)
    except ValueError:
        return None


def category_label(value: Category | str, language: str = "ko") -> str:
    """ "lawmaker" -> "국회의원" (or "National Assembly member"); unknown codes come back as given."""
    category = _category(value)
    if category is None:
        return str(value)
    table = CATEGORY_EN if language == "en" else CATEGORY_KO
    return table[category]


def category_from_label(text: str) -> Category | None:
    """The category a Korean or English label (or a code) names, ignoring case and spaces."""
    wanted = "".join(text.split()).casefold()
    for category in Category:
        names = (category.value, CATEGORY_KO[category], CATEGORY_EN[category])
        if any("".join(n.split()).casefold() == wanted for n in names):
            return category
    return None


def method_label(value: CheckInMethod | str, language: str = "ko") -> str:
    try:
        method = CheckInMethod(value)
    except ValueError:
        return str(value)
    return (METHOD_EN if language == "en" else METHOD_KO)[method]


def action_label(action: str) -> str:
    return ACTION_KO.get(action, action)


def outcome_label(outcome: str) -> str:
    return OUTCOME_KO.get(outcome, outcome)


def region_label(region: str, language: str = "ko") -> str:
    return region.strip() or (NO_REGION_EN if language == "en" else NO_REGION_KO)
