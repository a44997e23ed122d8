"""Certificate serials on a shared PostgreSQL database: four stations issuing at once never give
one number twice, and the ledger migration matches the model there too (issue 18)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from kiosk.domain.certificates import issue_certificates, verify_code
from kiosk.domain.demo import load_demo
from kiosk.domain.models import CertificateSerial
from kiosk.storage.engine import Database
from tests.event_day import fill_event_day


def test_four_stations_issuing_at_once_never_share_a_serial(pg_db: Database) -> None:
    with pg_db.write() as session:
        event_id = load_demo(session).id
    fill_event_day(pg_db, event_id, arrivals=40)
    with pg_db.session() as session:
        from kiosk.domain.certificates import attendance

        ids = [a.participant_id for a in attendance(session, event_id)]
    stations = [Database.open(pg_db.url) for _ in range(4)]
    errors: list[BaseException] = []
    codes: list[str] = []
    start = threading.Barrier(4)

    def work(i: int) -> None:
        try:
            start.wait()
            for pid in ids[i::4]:
                with stations[i].write() as session:
                    codes.extend(c.code for c in issue_certificates(session, event_id, [pid]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        for s in stations:
            s.dispose()
    assert not errors, errors
    with pg_db.session() as session:
        serials = session.scalars(
            select(CertificateSerial.serial).where(CertificateSerial.event_id == event_id)
        ).all()
        assert sorted(serials) == list(range(1, len(ids) + 1))
        assert all(verify_code(session, event_id, code).valid for code in codes)
