"""The demo community generator: deterministic, sized, ordered, in character."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from fenwei.demo import CHARACTERS, END_DATE, GROUPS, GROUPS_BY_ID, generate, generate_labeled
from fenwei.model import Act, Event, EventType, Label, Role

Pairs = list[tuple[Event, Label | None]]


@pytest.fixture(scope="module")
def labeled() -> Pairs:
    return list(generate_labeled(1))


@pytest.fixture(scope="module")
def by_group(labeled: Pairs) -> dict[str, Pairs]:
    out: dict[str, Pairs] = defaultdict(list)
    for ev, label in labeled:
        out[ev.group_id].append((ev, label))
    return out


def group_of(character: str) -> str:
    return next(g.id for g in GROUPS if g.character == character)


def test_same_seed_same_community(labeled: Pairs) -> None:
    again = list(generate_labeled(1))
    assert [(e.to_dict(), lab) for e, lab in again] == [(e.to_dict(), lab) for e, lab in labeled]


def test_generate_is_generate_labeled_without_labels(labeled: Pairs) -> None:
    assert [e.to_dict() for e in generate(1)] == [e.to_dict() for e, _ in labeled]


def test_different_seed_different_community(labeled: Pairs) -> None:
    other = list(generate(2))
    assert [e.to_dict() for e in other] != [e.to_dict() for e, _ in labeled]
    texts = {e.text for e, _ in labeled if e.text}
    other_texts = [e.text for e in other if e.text]
    assert sum(t not in texts for t in other_texts) > len(other_texts) * 0.3


def test_size_and_window(labeled: Pairs) -> None:
    assert 30_000 <= len(labeled) <= 60_000
    last_day = (END_DATE - timedelta(days=1)).date()
    first_day = (END_DATE - timedelta(days=60)).date()
    days = {e.at.date() for e, _ in labeled}  # local dates, in each group's offset
    assert min(days) == first_day
    assert max(days) == last_day


def test_time_order_and_aware_times(labeled: Pairs) -> None:
    times = [e.at for e, _ in labeled]
    assert all(t.tzinfo is not None and t.utcoffset() is not None for t in times)
    assert all(a <= b for a, b in pairwise(times))
    for ev, _ in labeled:
        if GROUPS_BY_ID[ev.group_id].lang == "zh":
            assert ev.at.utcoffset() == timedelta(hours=8)


def test_groups_and_characters(by_group: dict[str, Pairs]) -> None:
    assert 4 <= len(GROUPS) <= 6
    assert {g.character for g in GROUPS} == set(CHARACTERS)
    assert sum(g.lang == "en" for g in GROUPS) == 1
    assert set(by_group) == {g.id for g in GROUPS}
    for g in GROUPS:
        assert g.staff and g.rules and g.value and g.name
        types = Counter(e.type for e, _ in by_group[g.id])
        assert types[EventType.JOIN] > 10, g.id
        assert types[EventType.MESSAGE] > 500, g.id
        assert types[EventType.LEAVE] > 0, g.id


def test_labels_match_events(labeled: Pairs) -> None:
    for ev, label in labeled:
        if ev.type is EventType.MESSAGE:
            assert label is not None and label.source == "demo"
            assert -1.0 <= label.sentiment <= 1.0 and 0.0 <= label.toxicity <= 1.0
            assert ev.text
        else:
            assert label is None
            assert ev.type in (EventType.JOIN, EventType.LEAVE)
            assert ev.role is Role.MEMBER


def test_ids_unique_and_shaped(by_group: dict[str, Pairs]) -> None:
    all_ids: set[str] = set()
    for g in GROUPS:
        seen: set[str] = set()
        staff = set(g.staff)
        for ev, _ in by_group[g.id]:
            assert re.fullmatch(rf"u-{re.escape(g.key)}-\d+", ev.member_id or "")
            if ev.type is EventType.MESSAGE:
                assert ev.event_id is not None
                assert re.fullmatch(rf"{re.escape(g.key)}-m\d+", ev.event_id)
                assert ev.event_id not in seen
                if ev.reply_to is not None:
                    assert ev.reply_to in seen, "a reply follows its message in the same group"
                seen.add(ev.event_id)
                assert (ev.role is Role.STAFF) == (ev.member_id in staff)
        assert not seen & all_ids
        all_ids |= seen


def test_members_post_between_join_and_leave(by_group: dict[str, Pairs]) -> None:
    for g in GROUPS:
        joined: dict[str, datetime] = {}
        left: dict[str, datetime] = {}
        later_joiners = {e.member_id for e, _ in by_group[g.id] if e.type is EventType.JOIN}
        for ev, _ in by_group[g.id]:
            mid = ev.member_id or ""
            if ev.type is EventType.JOIN:
                assert mid not in joined
                joined[mid] = ev.at
            elif ev.type is EventType.LEAVE:
                assert mid not in left
                left[mid] = ev.at
                assert ev.by is None or ev.by in g.staff
            else:
                assert mid not in left, f"{mid} posts after leaving {g.id}"
                assert mid in joined or mid not in later_joiners, f"{mid} posts before joining"


def test_texts_rarely_repeat(labeled: Pairs) -> None:
    texts = [e.text for e, _ in labeled if e.text]
    assert len(set(texts)) / len(texts) > 0.6


def ad_rate(pairs: Pairs) -> float:
    acts = [lab.act for _, lab in pairs if lab is not None]
    return acts.count(Act.AD) / len(acts)


def test_ad_group_has_most_ads_and_floods(by_group: dict[str, Pairs]) -> None:
    ads = group_of("ads")
    rates = {gid: ad_rate(pairs) for gid, pairs in by_group.items()}
    assert max(rates, key=lambda gid: rates[gid]) == ads
    assert rates[ads] > 0.05
    times: dict[str, list[datetime]] = defaultdict(list)
    for ev, _ in by_group[ads]:
        if ev.type is EventType.MESSAGE:
            times[ev.member_id or ""].append(ev.at)
    floods = sum(
        any(ts[i + 10] - ts[i] <= timedelta(seconds=60) for i in range(len(ts) - 10))
        for ts in times.values()
    )
    assert floods >= 3


def test_quarrelsome_group_has_most_attacks_and_complaints(by_group: dict[str, Pairs]) -> None:
    quarrel = group_of("quarrelsome")

    def rate(pairs: Pairs, acts: set[Act]) -> float:
        labels = [lab for _, lab in pairs if lab is not None]
        return sum(lab.act in acts for lab in labels) / len(labels)

    for acts in ({Act.ATTACK}, {Act.COMPLAINT}):
        rates = {gid: rate(pairs, acts) for gid, pairs in by_group.items()}
        assert max(rates, key=lambda gid: rates[gid]) == quarrel
    # insults answer each other within minutes
    labels = {ev.event_id: (ev, lab) for ev, lab in by_group[quarrel] if lab is not None}
    quick = 0
    for ev, lab in labels.values():
        if lab is not None and lab.act is Act.ATTACK and ev.reply_to in labels:
            prev, prev_lab = labels[ev.reply_to]
            if (
                prev_lab is not None
                and prev_lab.act is Act.ATTACK
                and ev.at - prev.at <= timedelta(minutes=10)
            ):
                quick += 1
    assert quick > 50


def test_silent_group_goes_silent(by_group: dict[str, Pairs]) -> None:
    msgs = [ev.at for ev, lab in by_group[group_of("silent")] if lab is not None]
    end = msgs[-1]
    gaps = [b - a for a, b in pairwise(msgs) if a >= end - timedelta(days=21)]
    assert max(gaps) >= timedelta(hours=48)
    first_weeks = sum(t < msgs[0] + timedelta(days=14) for t in msgs)
    last_weeks = sum(t >= end - timedelta(days=14) for t in msgs)
    assert first_weeks > 5 * last_weeks


def test_poor_tone_staff_are_impatient(by_group: dict[str, Pairs]) -> None:
    def impatient(gid: str) -> list[str]:
        staff = set(GROUPS_BY_ID[gid].staff)
        return [
            ev.text or ""
            for ev, lab in by_group[gid]
            if lab is not None and ev.member_id in staff and lab.sentiment <= -0.3
        ]

    poor = group_of("poor_staff_tone")
    texts = impatient(poor)
    assert len(texts) >= 50
    assert any(w in t for t in texts for w in ("自己看", "这都不会", "说了多少遍"))
    for g in GROUPS:
        if g.id != poor:
            assert len(impatient(g.id)) < len(texts) / 10


def test_healthy_newcomers_welcomed_by_members(by_group: dict[str, Pairs]) -> None:
    healthy = next(g for g in GROUPS if g.character == "healthy" and g.lang == "zh")
    staff = set(healthy.staff)
    names = {ev.member_id: ev.name for ev, _ in by_group[healthy.id]}
    joined: dict[str, datetime] = {}
    welcomed: dict[str, tuple[timedelta, bool]] = {}
    for ev, lab in by_group[healthy.id]:
        if ev.type is EventType.JOIN:
            joined[ev.member_id or ""] = ev.at
        elif lab is not None and lab.act is Act.WELCOME:
            # an addressed welcome greets its joiner; one addressed to nobody greets all waiting
            for m in ev.mentions or [m for m in joined if m not in welcomed]:
                if m in joined and m not in welcomed:
                    welcomed[m] = (ev.at - joined[m], ev.member_id not in staff)
                    if ev.mentions:
                        assert f"@{names[m]}" in (ev.text or "")
    assert len(welcomed) >= 0.85 * len(joined)
    assert sum(d <= timedelta(minutes=10) for d, _ in welcomed.values()) >= 0.9 * len(welcomed)
    assert sum(by_member for _, by_member in welcomed.values()) >= 0.7 * len(welcomed)


def test_healthy_questions_answered_and_shares_thanked(by_group: dict[str, Pairs]) -> None:
    healthy = next(g for g in GROUPS if g.character == "healthy" and g.lang == "zh")
    pairs = by_group[healthy.id]
    labels = {ev.event_id: lab for ev, lab in pairs if lab is not None}
    questions = [ev for ev, lab in pairs if lab is not None and lab.act is Act.QUESTION]
    answered = {ev.reply_to for ev, lab in pairs if lab is not None and lab.act is Act.ANSWER}
    assert sum(q.event_id in answered for q in questions) >= 0.5 * len(questions)
    shares = {ev.member_id for ev, lab in pairs if lab is not None and lab.act is Act.SHARE}
    thanked = {
        m for ev, lab in pairs if lab is not None and lab.act is Act.PRAISE for m in ev.mentions
    }
    assert len(shares & thanked) >= 0.5 * len(shares)
    assert Counter(lab.act for lab in labels.values() if lab is not None)[Act.ATTACK] < 30
