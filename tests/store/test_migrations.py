"""The Alembic migrations build exactly the tables ``schema.py`` declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fenwei.store import Store
from fenwei.store.schema import metadata


def test_migrations_match_schema(db_url: str) -> None:
    with Store.open(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_opening_twice_is_a_no_op(db_url: str) -> None:
    Store.open(db_url).close()
    with Store.open(db_url) as store, store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0004"
