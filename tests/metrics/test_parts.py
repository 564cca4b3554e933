"""Each part of the atmosphere index moves the right way on small hand-built histories."""

from __future__ import annotations

from fenwei.metrics import atmosphere
from fenwei.model import Act
from fenwei.model.situations import Kind
from tests.metrics.builders import History, base


def score(h: History, part: str) -> float:
    return float(getattr(atmosphere(h.build()), part))


# vitality


def test_a_flood_does_not_raise_vitality() -> None:
    calm = base()
    flood = base()
    for i in range(40):
        flood.say("u0", 30 + i / 60)  # 40 messages within a minute
    assert score(flood, "vitality") < score(calm, "vitality")


def test_one_person_talking_alone_does_not_raise_vitality() -> None:
    calm = base()
    alone = base()
    for i in range(20):
        alone.say("u1", 40 + 3 * i)
    assert score(alone, "vitality") < score(calm, "vitality")


def test_a_group_where_only_one_person_talks_is_not_lively() -> None:
    h = History()
    for i in range(1, 12):
        h.join(f"u{i}", 0)
    for i in range(30):
        h.say("u0", 1 + 2 * i)
    assert score(h, "vitality") < 30


def test_more_members_taking_part_raises_vitality() -> None:
    few, many = History(), History()
    names = [f"u{i}" for i in range(8)]
    for h in (few, many):
        for m in names:
            h.join(m, 0)
    few.chat(names[:2], 1, rounds=6)
    many.chat(names[:6], 1, rounds=2)
    assert score(many, "vitality") > score(few, "vitality")


def test_replies_raise_vitality_over_the_same_messages_far_apart() -> None:
    apart, talk = History(), History()
    names = ["u0", "u1", "u2"]
    for i in range(12):
        apart.say(names[i % 3], 60 * i)  # one message an hour: nobody answers anybody
    prev = None
    for i in range(12):
        prev = talk.say(names[i % 3], 60 * i, reply_to=prev)
    assert score(talk, "vitality") > score(apart, "vitality")


def test_fenweis_own_messages_do_not_count() -> None:
    h, with_bot = base(), base()
    for i in range(10):
        with_bot.say("fenwei", 30 + i, Act.WELCOME)
    a, b = atmosphere(h.build()), atmosphere(with_bot.build())
    assert a.vitality == b.vitality
    assert a.details["vitality"].figures == b.details["vitality"].figures


# warmth


def _newcomers(h: History, by: str | None, after: float | None, n: int = 4) -> History:
    for i in range(n):
        m = f"new{i}"
        h.join(m, 20 + i)
        h.situation(Kind.NEWCOMER, m, 20 + i, by=by, after=after)
    return h


def test_unwelcomed_newcomers_lower_warmth() -> None:
    welcomed = _newcomers(base(), "u1", 2)
    ignored = _newcomers(base(), None, None)
    assert score(ignored, "warmth") < score(welcomed, "warmth")


def test_late_welcomes_count_less_than_prompt_ones_and_more_than_none() -> None:
    prompt = score(_newcomers(base(), "u1", 2), "warmth")
    late = score(_newcomers(base(), "u1", 40), "warmth")
    never = score(_newcomers(base(), None, None), "warmth")
    assert prompt > late > never


def test_unthanked_contributions_lower_warmth() -> None:
    thanked, unthanked = base(), base()
    for h, by in ((thanked, "u2"), (unthanked, None)):
        for i in range(3):
            e = h.say("u1", 30 + i, Act.SHARE)
            h.situation(Kind.UNTHANKED_CONTRIBUTION, "u1", 30 + i, event=e, by=by, after=5)
    assert score(unthanked, "warmth") < score(thanked, "warmth")


def test_negative_tone_lowers_warmth() -> None:
    kind, harsh = base(), base()
    for i in range(6):
        kind.say(f"u{i}", 30 + i, sentiment=0.6)
        harsh.say(f"u{i}", 30 + i, sentiment=-0.6)
    assert score(harsh, "warmth") < score(kind, "warmth")


def test_staff_with_a_poor_tone_lowers_warmth() -> None:
    good, poor = base(), base()
    for h, bad in ((good, False), (poor, True)):
        for i in range(5):
            e = h.say("staff", 30 + i, Act.ANSWER)
            if bad:
                h.situation(Kind.STAFF_TONE, "staff", 30 + i, event=e)
    assert score(poor, "warmth") < score(good, "warmth")


# safety


def _ads(h: History, n: int, by: str | None, after: float | None) -> History:
    for i in range(n):
        e = h.say(f"spam{i}", 30 + i, Act.AD)
        h.situation(Kind.RULE_VIOLATION, f"spam{i}", 30 + i, event=e, by=by, after=after)
    return h


def test_more_unhandled_ads_lower_safety() -> None:
    none = score(base(), "safety")
    one = score(_ads(base(), 1, None, None), "safety")
    five = score(_ads(base(), 5, None, None), "safety")
    assert none > one > five


def test_ads_handled_in_time_are_safer_than_ads_left_standing() -> None:
    handled = score(_ads(base(), 3, "staff", 2), "safety")
    slow = score(_ads(base(), 3, "staff", 60), "safety")
    left = score(_ads(base(), 3, None, None), "safety")
    assert handled > slow > left


def _conflict(h: History, after: float | None) -> History:
    a = h.say("u1", 30, Act.ATTACK, toxicity=0.8, sentiment=-0.8)
    b = h.say("u2", 31, Act.ATTACK, toxicity=0.7, sentiment=-0.8, reply_to=a)
    h.situation(
        Kind.CONFLICT,
        "u1",
        31,
        event=a,
        by="staff" if after else None,
        after=after,
        event_ids=(a, b),
    )
    return h


def test_conflicts_handled_late_lower_safety() -> None:
    in_time = score(_conflict(base(), 3), "safety")
    late = score(_conflict(base(), 45), "safety")
    never = score(_conflict(base(), None), "safety")
    assert in_time > late > never


def test_acknowledged_criticism_raises_safety() -> None:
    heard, ignored = base(), base()
    for h, by in ((heard, "staff"), (ignored, None)):
        e = h.say("u3", 30, Act.CRITICISM)
        h.situation(Kind.CRITICISM, "u3", 30, event=e, by=by, after=20)
    assert score(heard, "safety") > score(ignored, "safety")


def test_toxic_messages_lower_safety() -> None:
    clean, toxic = base(), base()
    for i in range(3):
        clean.say(f"u{i}", 30 + i)
        toxic.say(f"u{i}", 30 + i, toxicity=0.9)
    assert score(toxic, "safety") < score(clean, "safety")


# helpfulness


def _questions(h: History, by: str | None, after: float | None, n: int = 4) -> History:
    for i in range(n):
        e = h.say("u1", 30 + 60 * i, Act.QUESTION)
        h.situation(Kind.OPEN_QUESTION, "u1", 30 + 60 * i, event=e, by=by, after=after)
    return h


def test_slower_answers_lower_helpfulness() -> None:
    fast = score(_questions(base(), "u2", 2), "helpfulness")
    slow = score(_questions(base(), "u2", 25), "helpfulness")
    late = score(_questions(base(), "u2", 90), "helpfulness")
    assert fast > slow > late


def test_unanswered_questions_lower_helpfulness() -> None:
    answered = score(_questions(base(), "u2", 5), "helpfulness")
    unanswered = score(_questions(base(), None, None), "helpfulness")
    assert unanswered < answered


def test_complaints_handled_in_time_raise_helpfulness() -> None:
    cared, ignored = _questions(base(), "u2", 5), _questions(base(), "u2", 5)
    for h, by in ((cared, "staff"), (ignored, None)):
        e = h.say("u4", 30, Act.COMPLAINT, sentiment=-0.6)
        h.situation(Kind.COMPLAINT, "u4", 30, event=e, by=by, after=5)
    assert score(cared, "helpfulness") > score(ignored, "helpfulness")


# belonging


def test_member_led_welcomes_raise_belonging() -> None:
    members = score(_newcomers(base(), "u1", 2), "belonging")
    staff = score(_newcomers(base(), "staff", 2), "belonging")
    assert members > staff


def test_member_answers_raise_belonging() -> None:
    members = score(_questions(base(), "u2", 5), "belonging")
    staff = score(_questions(base(), "staff", 5), "belonging")
    assert members > staff


def test_fenweis_welcomes_are_neither_members_nor_staff() -> None:
    a = atmosphere(_newcomers(base(), "fenwei", 2).build())
    figures = a.details["belonging"].figures
    assert figures["resolved_by_members"] == 0
    assert figures["resolved_by_staff"] == 0
    assert a.details["belonging"].components["self_governance"] is None
    # the newcomers were still welcomed in time
    assert a.details["warmth"].figures["welcomed_in_time"] == 4


def test_core_members_raise_belonging() -> None:
    plain, core = base(), base()
    for m in ("u0", "u1", "u2"):
        core.situation(Kind.CORE_MEMBER, m, 25)
    assert score(core, "belonging") > score(plain, "belonging")


def test_members_leaving_lower_belonging_but_removed_spammers_do_not() -> None:
    stay = base()
    leave = base()
    for m in ("u3", "u4"):
        leave.leave(m, 60)
    removed = _ads(base(), 2, "staff", 2)
    for i in range(2):
        removed.leave(f"spam{i}", 33 + i, by="staff")
    assert score(leave, "belonging") < score(stay, "belonging")
    assert score(removed, "belonging") == score(_ads(base(), 2, "staff", 2), "belonging")
