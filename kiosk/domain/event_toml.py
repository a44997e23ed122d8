"""The event as a TOML file: what `kiosk event export` writes and `kiosk event create --from` reads.

Reading is strict (stdlib tomllib): an unknown key is a typo the organiser wants to hear about,
and a wrong type is named with its place in the file. Writing uses tomli-w, so strings with
quotes, newlines or Hangul always come back exactly as they went out.

    name = "2026 지역균형발전 포럼"
    venue = "대전컨벤션센터"
    starts = "2026-03-05 13:30"      # wall-clock time in `timezone`
    ends = "2026-03-05 18:00"
    timezone = "Asia/Seoul"
    capacity = 300
    hosts = ["국가균형발전위원회"]
    sponsors = []

    [invitations]
    sender_name = "포럼 사무국"
    sender_email = "forum@example.org"
    reply_to = ""
    privacy_line = "..."

    [[program]]
    starts = "2026-03-05 13:30"      # or "13:30" on the event's first day
    ends = "2026-03-05 14:00"
    title = "개회식"
    presenters = [{ name = "홍길동", organization = "대전광역시" }]
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from typing import Any

import tomli_w

from kiosk.domain.event_setup import (
    EventSetupError,
    EventSpec,
    Presenter,
    SessionSpec,
    parse_local,
    validate,
)

FORMAT = "%Y-%m-%d %H:%M"
_TOP = {"name": str, "venue": str, "starts": str, "ends": str, "timezone": str, "capacity": int,
        "hosts": list, "sponsors": list, "name_en": str, "venue_en": str, "theme": str,
        "invitations": dict, "program": list}  # fmt: skip
_REQUIRED = ("name", "venue", "starts", "ends", "capacity")
_INVITATIONS = {"sender_name": str, "sender_email": str, "reply_to": str, "privacy_line": str}
_SESSION = {"starts": str, "ends": str, "title": str, "detail": str, "presenters": list}
_PRESENTER = {"name": str, "organization": str, "region": str}
_TYPE_NAMES = {str: "문자열", int: "정수", list: "목록", dict: "표"}


def _check(table: dict[str, Any], allowed: dict[str, type], where: str) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise EventSetupError(f"{where}: 알 수 없는 항목 '{key}' (쓸 수 있는 항목: {', '.join(allowed)})")
        kind = allowed[key]
        if isinstance(value, datetime) and kind is str:
            continue  # a TOML local date-time is as good as the quoted form
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise EventSetupError(f"{where}: '{key}'은(는) {_TYPE_NAMES[kind]}이어야 합니다 ({value!r})")


def _moment(value: str | datetime, what: str, day: datetime | None = None) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise EventSetupError(f"{what}: 시간대 없이 행사 현지 시각으로 적으세요 ({value.isoformat()})")
        return value.replace(second=0, microsecond=0)
    text = value.strip()
    if day is not None and len(text) == 5:  # "13:30" on the event's first day
        text = f"{day:%Y-%m-%d} {text}"
    return parse_local(text, what)


def _strings(values: list[Any], where: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) for v in values):
        raise EventSetupError(f"{where}: 문자열 목록이어야 합니다")
    return tuple(values)


def spec_from_toml(text: str) -> EventSpec:
    """Parse and validate; EventSetupError (one line) for anything the file gets wrong."""
    text = text.removeprefix("\ufeff")  # Windows Notepad's UTF-8 byte order mark
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EventSetupError(f"TOML 파일을 읽을 수 없습니다: {exc}") from None
    _check(data, _TOP, "행사 파일")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise EventSetupError(f"행사 파일: 필요한 항목이 없습니다: {', '.join(missing)}")
    invitations = data.get("invitations", {})
    _check(invitations, _INVITATIONS, "[invitations]")
    starts = _moment(data["starts"], "starts")
    program = []
    for n, item in enumerate(data.get("program", []), 1):
        where = f"[[program]] {n}번째"
        if not isinstance(item, dict):
            raise EventSetupError(f"{where}: 표여야 합니다")
        _check(item, _SESSION, where)
        for key in ("starts", "ends", "title"):
            if key not in item:
                raise EventSetupError(f"{where}: 필요한 항목이 없습니다: {key}")
        presenters = []
        for person in item.get("presenters", []):
            if isinstance(person, str):
                person = {"name": person}
            if not isinstance(person, dict):
                raise EventSetupError(f"{where}: presenters는 이름 또는 {{ name = … }} 목록이어야 합니다")
            _check(person, _PRESENTER, f"{where} presenters")
            presenters.append(Presenter(person.get("name", ""), person.get("organization", ""),
                                        person.get("region", "")))  # fmt: skip
        program.append(SessionSpec(
            starts=_moment(item["starts"], f"{where} starts", starts),
            ends=_moment(item["ends"], f"{where} ends", starts),
            title=item["title"], detail=item.get("detail", ""), presenters=tuple(presenters),
        ))  # fmt: skip
    spec = EventSpec(
        name=data["name"], venue=data["venue"], starts=starts, ends=_moment(data["ends"], "ends"),
        capacity=data["capacity"], timezone=data.get("timezone", "Asia/Seoul"),
        hosts=_strings(data.get("hosts", []), "hosts"), sponsors=_strings(data.get("sponsors", []), "sponsors"),
        name_en=data.get("name_en", ""), venue_en=data.get("venue_en", ""), theme=data.get("theme", ""),
        sender_name=invitations.get("sender_name", ""), sender_email=invitations.get("sender_email", ""),
        reply_to=invitations.get("reply_to", ""), privacy_line=invitations.get("privacy_line", ""),
        program=tuple(program),
    )  # fmt: skip
    validate(spec)
    return spec


def spec_to_toml(spec: EventSpec) -> str:
    data: dict[str, Any] = {
        "name": spec.name, "venue": spec.venue,
        "starts": spec.starts.strftime(FORMAT), "ends": spec.ends.strftime(FORMAT),
        "timezone": spec.timezone, "capacity": spec.capacity,
        "hosts": list(spec.hosts), "sponsors": list(spec.sponsors),
    }  # fmt: skip
    for key in ("name_en", "venue_en", "theme"):
        if getattr(spec, key):
            data[key] = getattr(spec, key)
    data["invitations"] = {key: getattr(spec, key) for key in _INVITATIONS}
    data["program"] = [
        {
            "starts": item.starts.strftime(FORMAT), "ends": item.ends.strftime(FORMAT), "title": item.title,
            **({"detail": item.detail} if item.detail else {}),
            "presenters": [{k: v for k, v in p.as_dict().items() if v} for p in item.presenters],
        }
        for item in spec.program
    ]  # fmt: skip
    return tomli_w.dumps(data)
