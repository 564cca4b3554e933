"""The engine's own contract: changes, clock, ids, late and unlabeled events."""

from __future__ import annotations

from datetime import timedelta

from fenwei.engine import Engine, situation_id
from fenwei.model import Act, Event, EventType
from fenwei.model.situations import Kind, Resolution
from fenwei.playbooks import Playbooks
from tests.engine.chat import Chat


def test_feed_and_advance_report_every_change() -> None:
    c = Chat(names={"u-1": "阿杰", "u-2": "小鹿"})
    q = c.say("u-1", Act.QUESTION, 0, "请问怎么连?")
    engine = Engine(drafter=Playbooks())
    ((event, label),) = c.pairs
    changes = engine.feed(event, label)
    assert [ch.type for ch in changes] == ["opened", "suggested"]
    assert changes[0].situation.id == situation_id("g-1", Kind.OPEN_QUESTION, q)
    assert engine.advance_to(c.time(30)) == []  # at due_at: still in time
    expired = engine.advance_to(c.time(30) + timedelta(seconds=1))
    assert [ch.type for ch in expired] == ["expired"]
    assert expired[0].situation.resolution is Resolution.EXPIRED
    late = engine.feed(
        Event(EventType.MESSAGE, "g-1", c.time(40), "u-2", "m-9", "小鹿", text="a", reply_to=q),
        label.__class__(Act.ANSWER),
    )
    assert [ch.type for ch in late] == ["resolved_late", "opened"]  # and the contribution
    s = engine.situations()[0]
    assert (s.resolution, s.resolved_by) == (Resolution.EXPIRED, "u-2")
    assert {x.status.value for x in s.suggestions} == {"withdrawn"}


def test_clock_never_goes_back() -> None:
    engine = Engine()
    c = Chat()
    engine.advance_to(c.time(10))
    engine.advance_to(c.time(5))
    assert engine.now == c.time(10)


def test_message_without_label_is_chitchat() -> None:
    engine = Engine()
    c = Chat()
    engine.feed(Event(EventType.MESSAGE, "g-1", c.time(0), "u-1", "m-1", text="?"), None)
    assert engine.situations() == []


def test_groups_are_independent() -> None:
    a, b = Chat("g-a"), Chat("g-b")
    a.say("u-1", Act.QUESTION, 0, "q?")
    b.say("u-2", Act.ANSWER, 1, "a")
    engine = Engine()
    for event, label in sorted(a.pairs + b.pairs, key=lambda p: p[0].at):
        engine.feed(event, label)
    (s,) = [x for x in engine.situations() if x.kind is Kind.OPEN_QUESTION]
    assert s.group_id == "g-a" and s.resolved_by is None


def test_to_json_keeps_the_input_offset() -> None:
    c = Chat()
    c.say("u-1", Act.QUESTION, 0, "q?")
    engine = Engine()
    for event, label in c.pairs:
        engine.feed(event, label)
    j = engine.situations()[0].to_json()
    assert j["opened_at"] == "2026-03-01T10:00:00+08:00"
    assert j["due_at"] == "2026-03-01T10:30:00+08:00"
    assert list(j) == [
        "id",
        "kind",
        "group",
        "member",
        "event",
        "opened_at",
        "due_at",
        "resolved_at",
        "resolved_by",
        "resolution",
        "suggestions",
    ]


def test_same_message_twice_changes_nothing() -> None:
    c = Chat()
    c.say("u-1", Act.QUESTION, 0, "q?")
    engine = Engine()
    ((event, label),) = c.pairs
    assert engine.feed(event, label)
    assert engine.feed(event, label) == []
    assert len(engine.situations()) == 1


def test_staff_role_on_a_later_event_counts_in_replay() -> None:
    from fenwei.engine import replay
    from fenwei.model import Role

    c = Chat()
    q = c.say("u-1", Act.QUESTION, 0, "q?")
    c.say("u-9", Act.ANSWER, 1, "a", reply=q)  # no role here…
    c.staff.add("u-9")
    c.say("u-9", Act.CHITCHAT, 2, "hi")  # …but staff here
    assert c.pairs[-1][0].role is Role.STAFF
    out = replay(c.pairs)
    s = next(x for x in out if x.kind is Kind.OPEN_QUESTION)
    assert (s.resolution, s.resolved_by) == (Resolution.STAFF, "u-9")
    assert [x.kind for x in out].count(Kind.UNTHANKED_CONTRIBUTION) == 0


def test_record_sent_resolves_by_fenwei() -> None:
    from fenwei.engine import FENWEI

    c = Chat(names={"u-1": "阿杰"})
    c.join("u-1", 0)
    engine = Engine(drafter=Playbooks())
    for event, label in c.pairs:
        engine.feed(event, label)
    sid = engine.situations()[0].id
    engine.record_sent("g-1", sid, c.time(5))
    s = engine.situations()[0]
    assert (s.resolution, s.resolved_by) == (Resolution.STAFF, FENWEI)
    assert {x.status.value for x in s.suggestions} == {"sent"}


def test_prune_forgets_only_finished_situations() -> None:
    c = Chat()
    q1 = c.say("u-1", Act.QUESTION, 0, "q1?")
    c.say("u-2", Act.ANSWER, 1, "a", reply=q1)
    c.say("u-1", Act.QUESTION, 2, "q2?")
    engine = Engine()
    for event, label in c.pairs:
        engine.feed(event, label)
    assert engine.prune(c.time(10)) == 1
    assert [s.event_id for s in engine.situations()] == ["m-2", "m-3"]
    engine.advance_to(c.time(200))
    assert {s.resolution for s in engine.situations()} == {Resolution.EXPIRED}


def test_a_failing_detector_is_isolated(caplog: object) -> None:
    import logging

    from fenwei.engine.detectors import DETECTORS, Detector

    class Broken(Detector):
        kind = Kind.SILENCE

        def on_message(self, ops: object, g: object, m: object) -> None:
            raise RuntimeError("boom")

    c = Chat()
    c.say("u-1", Act.QUESTION, 0, "q?")
    engine = Engine(detectors=[Broken(), *(d() for d in DETECTORS)])
    with caplog.at_level(logging.ERROR):  # type: ignore[attr-defined]
        for event, label in c.pairs:
            engine.feed(event, label)
    assert [s.kind for s in engine.situations()] == [Kind.OPEN_QUESTION]
    assert "engine.detector_failed" in caplog.text  # type: ignore[attr-defined]
