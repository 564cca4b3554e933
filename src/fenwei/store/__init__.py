"""The store: SQLite by default, PostgreSQL in production, one schema.

Tables are declared in ``schema.py`` and created by Alembic migrations in
``migrations/``; ``Store`` is the one way the rest of fenwei reads and writes.
"""

from fenwei.store.store import Store, WriteResult

__all__ = ["Store", "WriteResult"]
