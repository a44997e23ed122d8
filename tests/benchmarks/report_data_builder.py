"""A synthetic event of any size, built with bulk inserts (10,000 people in about a second).

Shared by the report benchmarks and the report tests that need more than the demo roster.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from kiosk.domain.events import create_event
from kiosk.domain.models import AuditEntry, Category, CheckIn, CheckInMethod, Participant
from kiosk.storage.engine import Database

STARTS = datetime(2017, 11, 22, 5, 0, tzinfo=UTC)  # 14:00 in Seoul
REGIONS = ["부산", "대구", "경남", "세종", "울산", "강원", "충북", "광주전남", "전북", "서울", ""]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["민준", "서연", "도윤", "하은", "현미", "인숙", "재영", "영민", "지훈", "수아"]


def build_event(
    db: Database, people: int, *, capacity: int = 150, arrived_share: float = 0.8, seed: int = 1
) -> int:
    """An event with `people` participants, most of them checked in around the start time."""
    rng = random.Random(seed)
    categories = [c for c in Category if c is not Category.WALK_IN]
    with db.write() as session:
        event = create_event(
            session,
            name="혁신도시 시즌2 콘퍼런스",
            name_en="Innovation City Season 2 Conference",
            venue="부산 BEXCO",
            starts_at=STARTS,
            ends_at=STARTS + timedelta(hours=3),
            capacity=capacity,
        )
        event_id = event.id
        rows = []
        for i in range(people):
            walk_in = i % 25 == 24
            rows.append(
                {
                    "event_id": event_id,
                    "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                    "organization": f"기관{i % 300:03d}",
                    "title": rng.choice(["과장", "국장", "교수", "연구위원", "기자"]),
                    "category": Category.WALK_IN if walk_in else rng.choice(categories),
                    "region": rng.choice(REGIONS),
                    "phone": f"010-{1000 + i % 9000:04d}-{rng.randrange(10000):04d}",
                    "email": f"user{i}@example.com",
                    "is_vip": i % 40 == 0,
                    "is_walk_in": walk_in,
                    "companions_allowed": 1 if i % 10 == 0 else 0,
                }
            )
        session.execute(insert(Participant), rows)
    with db.write() as session:
        ids = [pid for (pid,) in session.query(Participant.id).filter(Participant.event_id == event_id)]
        check_ins, audit = [], []
        for index, pid in enumerate(ids):
            walk_in = index % 25 == 24
            if not walk_in and rng.random() > arrived_share:
                continue
            at = STARTS + timedelta(minutes=rng.gauss(-10, 25))
            companions = 1 if index % 10 == 0 else 0
            check_in_id = str(uuid.uuid4())
            method = (
                CheckInMethod.WALK_IN if walk_in else rng.choice([CheckInMethod.QR, CheckInMethod.MANUAL])
            )
            check_ins.append(
                {
                    "id": check_in_id,
                    "event_id": event_id,
                    "participant_id": pid,
                    "checked_in_at": at,
                    "station": f"입구{index % 3 + 1}",
                    "method": method,
                    "operator": "운영요원",
                    "companions": companions,
                }
            )
            audit.append(
                {
                    "event_id": event_id,
                    "at": at,
                    "station": f"입구{index % 3 + 1}",
                    "action": "checkin",
                    "outcome": "ok",
                    "participant_id": pid,
                    "check_in_id": check_in_id,
                    "detail": json.dumps({"method": method.value, "companions": companions}),
                }
            )
        session.execute(insert(CheckIn), check_ins)
        session.execute(insert(AuditEntry), audit)
    return event_id
