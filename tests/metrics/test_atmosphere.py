"""The index, its periods and series, and what happens without evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fenwei.metrics import (
    INDEX_WEIGHTS,
    NEUTRAL,
    PARTS,
    WEIGHTS,
    GroupHistory,
    Period,
    atmosphere,
    contributors,
    core_members,
    open_situations,
    series,
)
from fenwei.model import Act
from fenwei.model.situations import Kind
from tests.metrics.builders import T0, History, at, base


def test_weights_add_up_to_one() -> None:
    assert sum(INDEX_WEIGHTS.values()) == pytest.approx(1)
    for part, weights in WEIGHTS.items():
        assert sum(weights.values()) == pytest.approx(1), part


def test_to_json_is_the_contract_object() -> None:
    a = atmosphere(base().build())
    out = a.to_json()
    assert list(out) == ["index", *PARTS]
    assert all(isinstance(v, float) and 0 <= v <= 100 for v in out.values())
    assert out["index"] == round(sum(INDEX_WEIGHTS[p] * getattr(a, p) for p in PARTS), 1)


def test_an_empty_history_is_neutral() -> None:
    a = atmosphere(GroupHistory("g-empty", ()))
    assert a.to_json() == dict.fromkeys(["index", *PARTS], NEUTRAL)
    assert series(GroupHistory("g-empty", ())) == []


def test_a_group_with_only_a_join_has_no_life_and_no_other_evidence() -> None:
    h = History()
    h.join("u1", 0)
    a = atmosphere(h.build())
    assert a.vitality == 0
    assert a.warmth == a.safety == a.helpfulness == NEUTRAL
    assert a.details["safety"].has_evidence is False


def test_a_tiny_group_with_one_case_leans_to_the_middle() -> None:
    h = base()
    e = h.say("u1", 30, Act.QUESTION)
    h.situation(Kind.OPEN_QUESTION, "u1", 30, event=e)
    a = atmosphere(h.build())
    # one unanswered question: bad, but not the end of the scale
    assert a.details["helpfulness"].components["answered"] == 25.0


def test_daily_series_covers_every_day_including_empty_ones() -> None:
    h = base()
    h.say("u1", 3 * 24 * 60)  # three days later
    days = series(h.build(), "day")
    assert [d.start for d in days] == [T0.replace(hour=0) + timedelta(days=i) for i in range(4)]
    empty = days[1]
    assert empty.messages == 0
    assert empty.vitality == 0
    assert empty.safety == empty.warmth == empty.helpfulness == NEUTRAL


def test_weekly_series_starts_on_monday() -> None:
    h = base()
    h.say("u1", 9 * 24 * 60)
    weeks = series(h.build(), "week")
    assert len(weeks) == 2
    assert all(w.start is not None and w.start.weekday() == 0 for w in weeks)
    assert weeks[1].start - weeks[0].start == timedelta(days=7)


def test_a_period_counts_only_what_opened_in_it() -> None:
    h = base()
    for day in (0, 2):
        e = h.say("u1", day * 24 * 60 + 30, Act.QUESTION)
        h.situation(
            Kind.OPEN_QUESTION,
            "u1",
            day * 24 * 60 + 30,
            event=e,
            by="u2" if day else None,
            after=3,
        )
    first = Period(T0.replace(hour=0), T0.replace(hour=0) + timedelta(days=1))
    figures = atmosphere(h.build(), first).details["helpfulness"].figures
    assert figures["questions"] == 1
    assert figures["answered_in_time"] == 0


def test_refs_name_the_messages_behind_the_counts() -> None:
    h = base()
    e = h.say("u1", 30, Act.QUESTION)
    h.situation(Kind.OPEN_QUESTION, "u1", 30, event=e)
    ad = h.say("spam", 31, Act.AD)
    h.situation(Kind.RULE_VIOLATION, "spam", 31, event=ad)
    a = atmosphere(h.build())
    assert a.details["helpfulness"].refs["unanswered"] == (e,)
    assert a.details["safety"].refs["bad_messages"] == (ad,)
    assert a.details["safety"].refs["incidents_missed"] == (ad,)


def test_contributors_core_members_and_open_situations() -> None:
    h = base()
    h.join("new", 20)
    h.situation(Kind.NEWCOMER, "new", 20, by="u1", after=1)
    q = h.say("u3", 30, Act.QUESTION)
    h.situation(Kind.OPEN_QUESTION, "u3", 30, event=q, by="u1", after=2)
    h.say("u2", 40, Act.SHARE)
    h.situation(Kind.CORE_MEMBER, "u1", 45)
    late = h.say("u4", 50, Act.QUESTION)
    still = h.situation(Kind.OPEN_QUESTION, "u4", 50, event=late)
    h.situations[-1] = replace(still, resolution=None)  # its deadline has not passed yet
    hist = h.build()
    top = contributors(hist)
    assert [c.member_id for c in top] == ["u1", "u2"]
    assert (top[0].welcomes, top[0].answers, top[0].core_since) == (1, 1, at(45))
    assert [m for m, _, _ in core_members(hist)] == ["u1"]
    assert [s.event_id for s in open_situations(hist)] == [late]


_acts = st.sampled_from(list(Act))
_kinds = st.sampled_from([k for k in Kind if k is not Kind.SILENCE])


@settings(max_examples=60, deadline=None)
@given(
    msgs=st.lists(
        st.tuples(
            st.integers(0, 5),
            st.floats(0, 4000),
            _acts,
            st.floats(-1, 1),
            st.floats(0, 1),
        ),
        max_size=40,
    ),
    sits=st.lists(
        st.tuples(
            _kinds,
            st.floats(0, 4000),
            st.none() | st.sampled_from(["u1", "staff", "fenwei"]),
            st.floats(0, 300),
        ),
        max_size=15,
    ),
    leaves=st.lists(st.tuples(st.integers(0, 5), st.floats(0, 4000)), max_size=4),
)
def test_every_score_stays_between_0_and_100(
    msgs: list[tuple[int, float, Act, float, float]],
    sits: list[tuple[Kind, float, str | None, float]],
    leaves: list[tuple[int, float]],
) -> None:
    h = History()
    for who, t, act, sentiment, toxicity in msgs:
        h.say("staff" if who == 5 else f"u{who}", t, act, sentiment=sentiment, toxicity=toxicity)
    for kind, t, by, after in sits:
        h.situation(kind, "u2", t, by=by, after=after)
    for who, t in leaves:
        h.leave(f"u{who}", t)
    hist = h.build()
    for a in (atmosphere(hist), *series(hist, "day"), *series(hist, "week")):
        for value in a.to_json().values():
            assert 0 <= value <= 100
