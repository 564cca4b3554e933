"""The live engine: replay equals live, restarts, late events, decisions kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fenwei.clock import ManualClock
from fenwei.config.community import CommunityConfig
from fenwei.model import Event, EventType, Role
from fenwei.pipeline.analysis import analyze_store
from fenwei.pipeline.importing import store_events
from fenwei.store import Store
from fenwei.web.live import LiveEngine
from tests.web.conftest import tagged_classify

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def _msg(n: int, minutes: float, member: str, text: str, reply_to: str | None = None) -> Event:
    return Event(
        EventType.MESSAGE,
        "g-1",
        T0 + timedelta(minutes=minutes),
        member,
        f"m-{n}",
        member.upper(),
        Role.STAFF if member == "koe" else Role.MEMBER,
        text,
        reply_to,
    )


def _join(minutes: float, member: str) -> Event:
    return Event(
        EventType.JOIN, "g-1", T0 + timedelta(minutes=minutes), member, name=member.upper()
    )


EVENTS = [
    _msg(1, 0, "koe", "[rules]欢迎大家,群规见公告"),
    _join(1, "u-1"),
    _msg(2, 2, "u-2", "[welcome]欢迎 U-1!"),
    _msg(3, 3, "u-1", "[question]蓝牙怎么连?"),
    _msg(4, 5, "u-2", "[answer]设置里打开就行", reply_to="m-3"),
    _msg(5, 6, "u-3", "[complaint]售后太慢了"),
    _join(20, "u-4"),
    _msg(6, 50, "u-5", "[share]分享一下我的路线"),
]


def _situations(store: Store) -> list[dict[str, object]]:
    out = []
    for s in store.load_situations(["g-1"]):
        j = s.to_json()
        j["suggestions"] = [(g["action"], g["status"]) for g in j["suggestions"]]
        out.append(j)
    return out


def test_live_one_event_at_a_time_equals_the_replay(tmp_path: Path) -> None:
    end = EVENTS[-1].at
    with Store.open(str(tmp_path / "replay.db")) as replay:
        store_events(replay, EVENTS)
        analyze_store(replay, CommunityConfig.default(), classify=tagged_classify)
        expected = _situations(replay)
    clock = ManualClock(T0)
    with Store.open(str(tmp_path / "live.db")) as store:
        live = LiveEngine(store, CommunityConfig.default(), classify=tagged_classify, clock=clock)
        live.start()
        for e in EVENTS:
            clock.advance_to(e.at)
            live.tick()
            live.ingest([e])
        live.tick(end)
        assert _situations(store) == expected
        kinds = [s["kind"] for s in expected]
        assert {"newcomer", "open_question", "complaint"} <= set(kinds)


def test_a_restart_replays_the_store_and_keeps_decisions(tmp_path: Path) -> None:
    clock = ManualClock(EVENTS[-1].at)
    db = str(tmp_path / "live.db")
    with Store.open(db) as store:
        live = LiveEngine(store, CommunityConfig.default(), classify=tagged_classify, clock=clock)
        live.start()
        live.ingest(EVENTS)
        newcomer = next(s for s in store.load_situations() if s.member_id == "u-4")
        with store.begin() as conn:
            store.set_suggestions(conn, [f"{newcomer.id}-0"], "approved", "user:lin")
        before = _situations(store)
    with Store.open(db) as store:
        again = LiveEngine(store, CommunityConfig.default(), classify=tagged_classify, clock=clock)
        again.start()
        assert _situations(store) == before
        (row,) = [i for i in store.outbox() if i.situation_id == newcomer.id]
        assert (row.status, row.decided_by) == ("approved", "user:lin")


def test_groups_imported_by_another_process_are_adopted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fenwei.web.live as live_module

    db = str(tmp_path / "fenwei.db")
    clock = ManualClock(EVENTS[-1].at)
    with Store.open(db) as store:
        store_events(store, EVENTS)
        live = LiveEngine(store, CommunityConfig.default(), classify=tagged_classify, clock=clock)
        live.start()
        assert sorted(live.engines) == ["g-1"]
        other = [
            Event(e.type, "g-2", e.at, e.member_id, e.event_id, e.name, e.role, e.text, e.reply_to)
            for e in EVENTS
        ]
        with Store.open(db) as importer:  # `fenwei import` in another process
            store_events(importer, other)
        assert live.tick() == set()  # looked too recently: not yet
        monkeypatch.setattr(live_module, "ADOPT_EVERY", 0.0)
        assert "g-2" in live.tick()
        assert sorted(live.engines) == ["g-1", "g-2"]
        kinds = {s.kind.value for s in live.engines["g-2"].group("g-2").situations.values()}
        assert {"newcomer", "open_question"} <= kinds
