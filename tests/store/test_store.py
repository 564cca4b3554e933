"""The store on SQLite and PostgreSQL: migrations, idempotent writes, reads, stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from msgspec.structs import replace

from fenwei.errors import StoreError
from fenwei.importers import ImportOptions
from fenwei.importers.jsonl import JsonlReader
from fenwei.model import Event, EventType, Role
from fenwei.pipeline import import_file
from fenwei.store import Store

CST = timezone(timedelta(hours=8))


def _msg(
    i: int,
    member: str = "u-1",
    role: Role = Role.MEMBER,
    name: str | None = "小李",
    at: datetime | None = None,
    group: str = "g-1",
) -> Event:
    return Event(
        EventType.MESSAGE,
        group,
        at or datetime(2026, 3, 1, 10, 0, i, tzinfo=CST),
        member,
        f"m-{i}",
        name,
        role,
        f"第{i}条",
        None,
        ("u-2",) if i % 2 else (),
    )


def test_write_is_idempotent_and_counts(db_url: str) -> None:
    with Store.open(db_url) as store:
        batch = [_msg(i) for i in range(10)]
        with store.begin() as conn:
            first = store.write_events(conn, batch)
        with store.begin() as conn:
            again = store.write_events(conn, [*batch[:3], _msg(10)])
        assert (first.inserted, first.present) == (10, 0)
        assert (again.inserted, again.present) == (1, 3)
        assert store.count_events() == 11


def test_roundtrip_keeps_every_field_and_offset(db_url: str) -> None:
    utc = datetime(2026, 3, 1, 2, 0, 0, 123456, tzinfo=UTC)
    events = [
        _msg(1),
        Event(
            EventType.JOIN,
            "g-1",
            datetime(2026, 3, 1, 9, 0, tzinfo=CST),
            "u-7",
            None,
            "新人阿杰",
            Role.MEMBER,
            group_name="上海3群",
        ),
        Event(EventType.LEAVE, "g-1", utc, "u-7", by="u-9"),
        Event(EventType.RECALL, "g-1", utc + timedelta(seconds=1), "u-1", "m-1"),
        Event(EventType.EDIT, "g-1", utc + timedelta(seconds=2), "u-1", "m-1", text="改过的"),
    ]
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_events(conn, events)
        back = list(store.iter_events())
        assert store.group_names() == {"g-1": "上海3群"}
    want = [replace(e, group_name=None).to_dict() for e in sorted(events, key=lambda e: e.at)]
    assert [e.to_dict() for e in back] == want
    assert back[0].at.utcoffset() == timedelta(hours=8)


def test_members_keep_staff_and_latest_name(db_url: str) -> None:
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_events(
                conn, [_msg(1, "u-9", Role.STAFF, "小林"), _msg(2, "u-9", Role.MEMBER, "运营小林")]
            )
        (stats,) = store.stats()
    assert (stats.members, stats.staff, stats.messages) == (1, 1, 2)


def test_equal_times_keep_file_order(db_url: str) -> None:
    at = datetime(2026, 3, 1, 10, 0, tzinfo=CST)
    events = [_msg(i, at=at) for i in (5, 3, 9, 1)]
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_events(conn, events)
        assert [e.event_id for e in store.iter_events()] == ["m-5", "m-3", "m-9", "m-1"]


def test_failed_transaction_loses_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_events(conn, [_msg(1)])
        with pytest.raises(RuntimeError), store.begin() as conn:
            store.write_events(conn, [_msg(2)])
            raise RuntimeError("boom")
        assert [e.event_id for e in store.iter_events()] == ["m-1"]


def test_stats_per_local_day(db_url: str) -> None:
    late = datetime(2026, 3, 1, 23, 30, tzinfo=CST)  # 15:30 UTC, still 1 March locally
    events = [_msg(1, at=late), _msg(2, at=late + timedelta(hours=1)), _msg(3, group="g-2")]
    with Store.open(db_url) as store:
        with store.begin() as conn:
            store.write_events(conn, events)
        stats = {s.group_id: s for s in store.stats()}
    assert stats["g-1"].per_day == {"2026-03-01": 1, "2026-03-02": 1}
    assert stats["g-2"].messages == 1


def test_scenarios_import_and_reimport_adds_nothing(db_url: str, scenarios_dir: Path) -> None:
    files = sorted(p for p in scenarios_dir.glob("*.jsonl") if not p.name.endswith(".labels.jsonl"))
    assert len(files) >= 15
    with Store.open(db_url) as store:
        first = [import_file(store, p, ImportOptions()) for p in files]
        total = store.count_events()
        second = [import_file(store, p, ImportOptions()) for p in files]
        assert store.count_events() == total
    lines = sum(1 for p in files for line in p.read_text().splitlines() if line.strip())
    assert sum(s.imported for s in first) == lines == total
    assert all(s.skipped == 0 for s in first)
    assert sum(s.imported for s in second) == 0
    assert sum(s.present for s in second) == total


def test_open_bad_location_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(str(tmp_path / "missing" / "x.db"))
    assert "no such folder" in info.value.render("en")


def test_jsonl_reader_reads_what_export_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(__import__("orjson").dumps(_msg(i).to_dict()).decode() for i in range(3)) + "\n"
    )
    events = list(JsonlReader().read(path, ImportOptions()))
    assert [e for e in events if isinstance(e, Event)] == [_msg(i) for i in range(3)]
