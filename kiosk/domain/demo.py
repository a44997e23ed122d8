"""The demo event: the 혁신도시 시즌2 콘퍼런스 (BEXCO, 2017-11-22) and its invitee roster."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.events import create_event
from kiosk.domain.models import Event, Participant
from kiosk.domain.phones import normalise_phone
from kiosk.domain.protocol_edit import parse_precedence
from kiosk.domain.roster_columns import category_from_label, parse_flag
from kiosk.resources_path import resource


def demo_files() -> tuple[Path, Path]:
    return resource("demo", "event.json"), resource("demo", "roster.csv")


def demo_name() -> str:
    """The demo event's name (a file holding any other event is somebody's real event)."""
    return str(json.loads(demo_files()[0].read_text(encoding="utf-8"))["name"])


def load_demo(session: Session) -> Event:
    """Create the demo event with its program and roster in this session (not committed)."""
    event_file, roster_file = demo_files()
    data = json.loads(event_file.read_text(encoding="utf-8"))
    program = [
        {
            **item,
            "starts_at": datetime.fromisoformat(item["starts_at"]),
            "ends_at": datetime.fromisoformat(item["ends_at"]),
        }
        for item in data["program"]
    ]
    event = create_event(
        session,
        name=data["name"],
        name_en=data.get("name_en", ""),
        theme=data.get("theme", ""),
        venue=data["venue"],
        venue_en=data.get("venue_en", ""),
        starts_at=datetime.fromisoformat(data["starts_at"]),
        ends_at=datetime.fromisoformat(data["ends_at"]),
        capacity=int(data["capacity"]),
        hosts=", ".join(data.get("hosts", [])),
        sponsor=data.get("sponsor", ""),
        program=program,
    )
    sessions_by_speaker: dict[str, int] = {}
    for item in event.program:
        for presenter in json.loads(item.presenters):
            sessions_by_speaker.setdefault(presenter["name"], item.id)
    with roster_file.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["성명"].strip()
            speaker = parse_flag(row.get("발표자", ""))
            session.add(
                Participant(
                    event_id=event.id,
                    name=name,
                    organization=row["소속"].strip(),
                    title=row["직위"].strip(),
                    category=category_from_label(row["구분"])[0],
                    region=row["지역"].strip(),
                    phone=normalise_phone(row["휴대전화"]),
                    email=row["이메일"].strip().lower() or None,
                    external_code=row["등록번호"].strip() or None,
                    is_vip=parse_flag(row["VIP"]),
                    companions_allowed=int(row["동반인원"] or 0),
                    is_speaker=speaker,
                    speaker_session_id=sessions_by_speaker.get(name) if speaker else None,
                    notes=row["비고"].strip(),
                    # 의전순위: ministers, the committee chair, lawmakers, heads of local governments.
                    precedence=parse_precedence(row.get("의전순위")),
                )
            )
    session.flush()
    return event


def has_events(session: Session) -> bool:
    return bool(session.scalar(select(func.count(Event.id))))
