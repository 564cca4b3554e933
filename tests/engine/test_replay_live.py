"""Replay equals live: batch ``replay`` and event-by-event feeding with clock ticks agree."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fenwei.config.community import CommunityConfig, config_from_data
from fenwei.engine import Engine, replay, staff_roles
from fenwei.model import Act, Event, EventType, Label, Role
from fenwei.playbooks import Playbooks
from tests.engine.scenarios import gold_pairs, scenario_files
from tests.engine.test_scenarios_gold import FILES

Pairs = Sequence[tuple[Event, Label | None]]
AUTOPILOT = config_from_data({"autopilot": {"kinds": ["newcomer", "open_question", "silence"]}})


def as_json(situations: list[Any]) -> str:
    return json.dumps([s.to_json() for s in situations], ensure_ascii=False, indent=1)


def streamed(
    pairs: Pairs, config: CommunityConfig, ticks: Sequence[datetime], dry_run: bool
) -> str:
    """Feed events one by one, advancing the clock to every tick in between."""
    staff = staff_roles(e for e, _ in pairs)
    engine = Engine(config, drafter=Playbooks(config), dry_run=dry_run, staff=staff)
    ordered = sorted(pairs, key=lambda p: p[0].at)
    pending = sorted(ticks)
    previous: datetime | None = None
    for event, label in ordered:
        while pending and pending[0] <= event.at:
            engine.advance_to(pending.pop(0))
        if previous is not None and event.at > previous:
            engine.advance_to(previous + (event.at - previous) / 2)
        engine.advance_to(event.at)
        engine.feed(event, label)
        previous = event.at
    if ordered:
        engine.advance_to(max(e.at for e, _ in ordered))
    return as_json(engine.situations())


def batch(pairs: Pairs, config: CommunityConfig, dry_run: bool) -> str:
    return as_json(replay(pairs, config, drafter=Playbooks(config), dry_run=dry_run))


def boundary_ticks(pairs: Pairs, config: CommunityConfig) -> list[datetime]:
    """Deadlines, half deadlines and autopilot times of the batch run: the edges."""
    if not pairs:
        return []
    end = max(e.at for e, _ in pairs)
    out: list[datetime] = []
    for s in replay(pairs, config):
        if s.due_at is not None:
            out += [s.due_at, s.opened_at + (s.due_at - s.opened_at) / 2]
        out.append(s.opened_at)
    return [t for t in out if t <= end]


@pytest.mark.parametrize("path", FILES, ids=[p.name[:2] for p in FILES])
@pytest.mark.parametrize("dry_run", [False, True], ids=["live", "dry_run"])
def test_scenario_streamed_equals_replay(path: Path, dry_run: bool) -> None:
    pairs = gold_pairs(path)
    config = AUTOPILOT if dry_run else CommunityConfig.default()
    ticks = boundary_ticks(pairs, config)
    assert streamed(pairs, config, ticks, dry_run) == batch(pairs, config, dry_run)


def test_scenario_files_are_all_tested() -> None:
    if FILES:
        assert len(FILES) == len(scenario_files(FILES[0].parent))


# generated streams

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MEMBERS = ["u-1", "u-2", "u-3", "u-4", "s-1"]
NAMES = {"u-1": "电车阿宽", "u-2": "小鹿", "u-3": "Kevin Li", "u-4": "阿宽哥", "s-1": "驰远-小林"}

step = st.sampled_from([0, 1, 5, 30, 59, 60, 61, 300, 600, 601, 1800, 3600, 7200, 172800, 200000])
act = st.sampled_from(list(Act))


@st.composite
def streams(draw: st.DrawFn) -> tuple[list[tuple[Event, Label | None]], list[datetime]]:
    n = draw(st.integers(min_value=1, max_value=40))
    at = T0
    pairs: list[tuple[Event, Label | None]] = []
    ids: list[str] = []
    for i in range(n):
        at = at + timedelta(seconds=draw(step))
        group = draw(st.sampled_from(["g-1", "g-1", "g-2"]))
        member = draw(st.sampled_from(MEMBERS))
        role = Role.STAFF if member.startswith("s-") else Role.MEMBER
        kind = draw(st.sampled_from(["message"] * 6 + ["join", "leave"]))
        if kind == "join":
            pairs.append(
                (Event(EventType.JOIN, group, at, member, name=NAMES[member], role=role), None)
            )
            continue
        if kind == "leave":
            by = draw(st.sampled_from([None, "s-1"]))
            pairs.append((Event(EventType.LEAVE, group, at, member, by=by), None))
            continue
        eid = f"m-{i}"
        reply_to = draw(st.sampled_from([None, *ids[-3:]]))
        mentions = tuple(draw(st.lists(st.sampled_from(MEMBERS), max_size=2)))
        text = draw(
            st.sampled_from(["", "谢谢阿宽", "欢迎小鹿", "thanks Kevin", "请问怎么连?", "hi"])
        )
        ids.append(eid)
        event = Event(
            EventType.MESSAGE, group, at, member, eid, NAMES[member], role, text, reply_to, mentions
        )
        label = Label(
            draw(act),
            draw(st.sampled_from([-0.9, -0.5, -0.3, 0.0, 0.6])),
            draw(st.sampled_from([0.0, 0.3, 0.5, 0.8])),
        )
        pairs.append((event, label))
    ticks = [
        T0 + timedelta(seconds=draw(st.integers(0, 400000))) for _ in range(draw(st.integers(0, 8)))
    ]
    return pairs, ticks


@settings(max_examples=150, deadline=None)
@given(streams(), st.booleans())
def test_generated_streams_batch_equals_streamed(
    data: tuple[list[tuple[Event, Label | None]], list[datetime]], dry_run: bool
) -> None:
    pairs, ticks = data
    end = max(e.at for e, _ in pairs)
    ticks = [t for t in ticks if t <= end] + boundary_ticks(pairs, AUTOPILOT)
    assert streamed(pairs, AUTOPILOT, ticks, dry_run) == batch(pairs, AUTOPILOT, dry_run)


def change_log(
    pairs: Pairs, config: CommunityConfig, ticks: Sequence[datetime]
) -> list[tuple[str, str, str, int]]:
    """Every change the engine reported, in order, fed with the given extra ticks."""
    staff = staff_roles(e for e, _ in pairs)
    engine = Engine(config, drafter=Playbooks(config), dry_run=True, staff=staff)
    log = []
    pending = sorted(ticks)
    for event, label in sorted(pairs, key=lambda p: p[0].at):
        while pending and pending[0] <= event.at:
            log += engine.advance_to(pending.pop(0))
        log += engine.feed(event, label)
    return [(c.type, c.at.isoformat(), c.situation.id, len(c.suggestions)) for c in log]


@pytest.mark.parametrize("path", FILES, ids=[p.name[:2] for p in FILES])
def test_scenario_change_log_is_the_same_with_ticks(path: Path) -> None:
    pairs = gold_pairs(path)
    ticks = boundary_ticks(pairs, AUTOPILOT)
    plain = change_log(pairs, AUTOPILOT, [])
    assert plain == change_log(pairs, AUTOPILOT, ticks)
    kinds = {t for t, *_ in plain}
    assert {"opened", "suggested"} <= kinds
