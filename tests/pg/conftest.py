"""Fixtures for tests against a real PostgreSQL server, started once per test session.

Without the server binaries the tests skip with the reason; with env CI set they fail instead,
so a CI machine that lost its postgresql package cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from kiosk.storage import migrate
from kiosk.storage.engine import Database
from tests.pg.cluster import ClusterUnavailable, PgCluster, shared_cluster


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/pg/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        cluster = shared_cluster()  # shared with test modules elsewhere that import these fixtures
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so PostgreSQL tests must run: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server for these tests: {exc}")
    yield cluster


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty database on the throw-away cluster."""
    return pg_cluster.create_database()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = Database.open(pg_url)
    migrate.upgrade(database)
    yield database
    database.dispose()
