"""``Store``: open (and migrate) a store, write events in batches, read them.

One class serves SQLite and PostgreSQL; only the upsert statements differ by
dialect. Writes happen inside transactions the caller opens with
``Store.begin()``, so an import that fails or is killed leaves what was
stored before it untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from fenwei.config.settings import database_url
from fenwei.errors import StoreError
from fenwei.model import Event, EventType, Role
from fenwei.store import schema
from fenwei.store.accounts import Accounts
from fenwei.store.inbox import Inbox, Tickets
from fenwei.store.live import Live
from fenwei.store.records import Records
from fenwei.store.times import EPOCH, event_from_row, instant, instant_us

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

logger = logging.getLogger(__name__)

_MIGRATIONS = Path(__file__).parent / "migrations"
_US_PER_DAY = 86_400_000_000
_EVENT_COLUMNS = (
    "group_id",
    "key",
    "type",
    "event_id",
    "member_id",
    "at_us",
    "tz_offset",
    "name",
    "role",
    "text",
    "reply_to",
    "mentions",
    "by_member",
)
_PLAIN: dict[object, str] = {m: m.value for m in (*EventType, *Role)}
_SQLITE_INSERT_EVENTS = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_EVENT_COLUMNS))}) ON CONFLICT (group_id, key) DO NOTHING"
)


@dataclass(frozen=True, slots=True)
class WriteResult:
    inserted: int
    present: int


@dataclass(frozen=True, slots=True)
class GroupStats:
    group_id: str
    name: str | None
    members: int
    staff: int
    messages: int
    joins: int
    leaves: int
    first_at: datetime | None
    last_at: datetime | None
    per_day: dict[str, int]


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


class Store(Records, Inbox, Tickets, Accounts, Live):
    """The store at ``url`` (an SQLAlchemy URL or an SQLite path)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        insert: Callable[[sa.Table], postgresql.Insert | sqlite.Insert]
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        self._insert = insert
        ev = insert(schema.events)
        self._insert_events = ev.on_conflict_do_nothing(
            index_elements=["group_id", "key"]
        ).returning(schema.events.c.seq)
        m = insert(schema.members)
        self._upsert_members = m.on_conflict_do_update(
            index_elements=["group_id", "member_id"],
            set_={
                "name": sa.func.coalesce(m.excluded.name, schema.members.c.name),
                "role": sa.case((m.excluded.role == "staff", "staff"), else_=schema.members.c.role),
            },
        )
        g = insert(schema.groups)
        self._upsert_groups = g.on_conflict_do_update(
            index_elements=["group_id"],
            set_={"name": sa.func.coalesce(g.excluded.name, schema.groups.c.name)},
        )

    @classmethod
    def open(cls, db: str, *, migrate: bool = True) -> Store:
        """Open the store, creating and migrating it when needed."""
        url = database_url(db)
        try:
            if url.startswith("sqlite"):
                path = url.split(":///", 1)[1] if ":///" in url else ""
                if path and path != ":memory:" and not Path(path).parent.exists():
                    raise StoreError(url=db, detail=f"no such folder {Path(path).parent}")
                engine = sa.create_engine(url, connect_args={"timeout": 30})
                sa.event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = sa.create_engine(url, pool_pre_ping=True)
            store = cls(engine)
            if migrate:
                store.migrate()
            return store
        except StoreError:
            raise
        except (SQLAlchemyError, OSError, ValueError, ImportError) as exc:
            raise StoreError(url=_safe_url(db), detail=str(exc).splitlines()[0]) from exc

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is)."""
        cfg = _alembic_config()
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            logger.info("store.migrated", extra={"from": current, "to": head})

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed on success, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(
                url=_safe_url(str(self.engine.url)), detail=str(exc).splitlines()[0]
            ) from exc

    # -- writing ---------------------------------------------------------

    def write_events(self, conn: Connection, batch: Sequence[Event]) -> WriteResult:
        """Store a batch of events; those already stored are left as they are.

        Members and groups are upserted: a later name replaces an earlier
        one, and a member seen once as staff stays staff.
        """
        if not batch:
            return WriteResult(0, 0)
        rows: list[tuple[Any, ...]] = []
        people: dict[tuple[str, str], dict[str, Any]] = {}
        names: dict[str, str | None] = {}
        staff = Role.STAFF
        message = EventType.MESSAGE
        plain = _PLAIN
        dumps = orjson.dumps
        for e in batch:
            gid = e.group_id
            if gid not in names or e.group_name is not None:
                names[gid] = e.group_name
            mid = e.member_id
            role = e.role
            if mid is not None:
                k = (gid, mid)
                p = people.get(k)
                if p is None:
                    people[k] = {
                        "group_id": gid,
                        "member_id": mid,
                        "name": e.name,
                        "role": plain[role],
                    }
                else:
                    if e.name is not None:
                        p["name"] = e.name
                    if role is staff:
                        p["role"] = "staff"
            at = e.at
            off = at.utcoffset()
            etype = e.type
            # Plain str, not the enum: sqlite3 binds a str subclass much more slowly.
            rows.append(
                (
                    gid,
                    "m:" + e.event_id if etype is message else e.key,  # type: ignore[operator]
                    plain[etype],
                    e.event_id,
                    mid,
                    instant_us(at),
                    off.seconds + off.days * 86_400 if off else 0,
                    e.name,
                    plain[role],
                    e.text,
                    e.reply_to,
                    dumps(e.mentions).decode() if e.mentions else None,
                    e.by,
                )
            )
        conn.execute(self._upsert_groups, [{"group_id": g, "name": n} for g, n in names.items()])
        if people:
            conn.execute(self._upsert_members, list(people.values()))
        if self.dialect == "sqlite":
            # The hot path: hand the tuples straight to sqlite3's executemany.
            result = conn.exec_driver_sql(_SQLITE_INSERT_EVENTS, rows)
            inserted = max(result.rowcount, 0)
        else:
            # psycopg reports no row count for executemany: count what RETURNING gives.
            result = conn.execute(
                self._insert_events, [dict(zip(_EVENT_COLUMNS, r, strict=True)) for r in rows]
            )
            inserted = len(result.all())
        return WriteResult(inserted, len(rows) - inserted)

    # -- reading ---------------------------------------------------------

    def iter_events(
        self,
        group_ids: Iterable[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 5000,
    ) -> Iterator[Event]:
        """Events in time order (ties in the order they were stored).

        Events come without ``group_name``; ``group_names()`` has them.
        """
        ev = schema.events.c
        q = sa.select(schema.events).order_by(ev.at_us, ev.seq)
        if group_ids is not None:
            q = q.where(ev.group_id.in_(list(group_ids)))
        if since is not None:
            q = q.where(ev.at_us >= instant_us(since))
        if until is not None:
            q = q.where(ev.at_us < instant_us(until))
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(q)
            for r in result:
                yield event_from_row(r)

    def last_event_at(self, group_ids: Iterable[str] | None = None) -> datetime | None:
        """The time of the latest event (of ``group_ids``), in its own offset."""
        ev = schema.events.c
        q = sa.select(ev.at_us, ev.tz_offset).order_by(ev.at_us.desc(), ev.seq.desc()).limit(1)
        if group_ids is not None:
            q = q.where(ev.group_id.in_(list(group_ids)))
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        return instant(row.at_us, row.tz_offset) if row is not None else None

    def group_names(self) -> dict[str, str | None]:
        with self.engine.connect() as conn:
            return {r.group_id: r.name for r in conn.execute(sa.select(schema.groups))}

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar_one()
            )

    def stats(self, group_ids: Iterable[str] | None = None) -> list[GroupStats]:
        """Per group: members, staff, messages, joins, leaves and messages per day."""
        ev = schema.events.c
        mem = schema.members.c
        wanted = set(group_ids) if group_ids is not None else None
        out: list[GroupStats] = []
        with self.engine.connect() as conn:
            groups = conn.execute(sa.select(schema.groups).order_by(schema.groups.c.group_id)).all()
            counts = {
                (r.group_id, r.type): (r.n, r.first, r.last)
                for r in conn.execute(
                    sa.select(
                        ev.group_id,
                        ev.type,
                        sa.func.count().label("n"),
                        sa.func.min(ev.at_us).label("first"),
                        sa.func.max(ev.at_us).label("last"),
                    ).group_by(ev.group_id, ev.type)
                )
            }
            people = {
                (r.group_id, r.role): r.n
                for r in conn.execute(
                    sa.select(mem.group_id, mem.role, sa.func.count().label("n")).group_by(
                        mem.group_id, mem.role
                    )
                )
            }
            offset_us = sa.cast(ev.tz_offset, sa.BigInteger) * sa.literal(1_000_000, sa.BigInteger)
            day = ((ev.at_us + offset_us) // _US_PER_DAY).label("day")
            per_day: dict[str, dict[str, int]] = {}
            for r in conn.execute(
                sa.select(ev.group_id, day, sa.func.count().label("n"))
                .where(ev.type == "message")
                .group_by(ev.group_id, day)
                .order_by(ev.group_id, day)
            ):
                d = (EPOCH + timedelta(days=int(r.day))).date().isoformat()
                per_day.setdefault(r.group_id, {})[d] = int(r.n)
        for g in groups:
            if wanted is not None and g.group_id not in wanted:
                continue
            firsts = [v[1] for (gid, _), v in counts.items() if gid == g.group_id]
            lasts = [v[2] for (gid, _), v in counts.items() if gid == g.group_id]
            out.append(
                GroupStats(
                    group_id=g.group_id,
                    name=g.name,
                    members=people.get((g.group_id, "member"), 0)
                    + people.get((g.group_id, "staff"), 0),
                    staff=people.get((g.group_id, "staff"), 0),
                    messages=counts.get((g.group_id, "message"), (0, 0, 0))[0],
                    joins=counts.get((g.group_id, "join"), (0, 0, 0))[0],
                    leaves=counts.get((g.group_id, "leave"), (0, 0, 0))[0],
                    first_at=instant(min(firsts), 0) if firsts else None,
                    last_at=instant(max(lasts), 0) if lasts else None,
                    per_day=per_day.get(g.group_id, {}),
                )
            )
        return out


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _safe_url(db: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(database_url(db)).render_as_string(hide_password=True)
    except Exception:
        return db
