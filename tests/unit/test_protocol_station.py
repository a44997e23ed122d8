"""대리 참석 at a station whose shared server is away: journaled like a scan, synced back intact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.demo import load_demo
from kiosk.domain.models import CheckIn
from kiosk.domain.protocol import ProtocolState, protocol_list
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.sync.linked import LinkedDatabase, make_desk
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[Database, int]]:  # noqa: F811
    db = Database.open(pg_url)
    migrate.upgrade(db)
    with db.write() as s:
        event_id = load_demo(s).id
    yield db, event_id
    db.dispose()


def test_offline_deputy_is_journaled_and_reaches_the_server(
    server,
    pg_cluster: PgCluster,  # noqa: F811
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    proxy = CuttableProxy(pg_cluster.port)
    link = StationLink(
        via(db.url, proxy), tmp_path / "r.db", "의전", retry_s=0
    )
    try:
        linked = LinkedDatabase(link)
        desk = make_desk(linked, event_id)
        with db.session() as s:
            minister, other = (e.id for e in protocol_list(s, event_id)[:2])
        link.sync()
        proxy.cut()
        verdict = desk.check_in_deputy(minister, "한지원", "제2차관", "국토교통부", station="의전")  # type: ignore[attr-defined]
        assert verdict.ok and link.state is LinkState.OFFLINE and link.status().pending == 1
        again = desk.check_in_deputy(minister, "다른이", "실장", station="의전")  # type: ignore[attr-defined]
        assert not again.ok  # the replica knows the place is taken
        proxy.restore()
        assert link.poll().pending == 0
        with db.session() as s:
            entry = protocol_list(s, event_id)[0]
            assert entry.id == minister and entry.state is ProtocolState.DEPUTY_ARRIVED
            assert entry.deputy is not None and entry.deputy.name == "한지원"
            assert s.scalar(select(func.count(CheckIn.id))) == 1
        assert desk.check_in_deputy(other, "주차관", "차관", station="의전").ok  # type: ignore[attr-defined]
    finally:
        link.close()
        proxy.close()
