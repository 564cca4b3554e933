"""The precise rules of CONTRACTS.md, one detector at a time, with their boundaries."""

from __future__ import annotations

from fenwei.model import Act
from tests.engine.chat import Chat, one, only

NAMES = {
    "u-1": "电车阿宽",
    "u-2": "小鹿",
    "u-3": "Kevin Li",
    "u-4": "阿宽哥",
    "u-5": "大熊",
    "s-1": "驰远-小林",
}


def chat() -> Chat:
    c = Chat(names=NAMES)
    c.staff.add("s-1")
    return c


# newcomer


def test_newcomer_welcomed_by_mention_in_time() -> None:
    c = chat()
    c.join("u-1", 0)
    c.say("u-2", Act.WELCOME, 10, "欢迎!", mentions=("u-1",))
    s = one(c.run(), "newcomer", member="u-1")
    assert (s["event"], s["resolution"], s["resolved_by"]) == ("u-1", "community", "u-2")
    assert s["due_at"] == "2026-03-01T10:10:00+08:00"


def test_newcomer_welcome_one_second_late_is_expired_but_recorded() -> None:
    c = chat()
    c.join("u-1", 0)
    c.say("u-2", Act.WELCOME, 10 + 1 / 60, "欢迎阿宽", mentions=("u-1",))
    s = one(c.run(), "newcomer")
    assert (s["resolution"], s["resolved_by"]) == ("expired", "u-2")
    assert s["resolved_at"] == "2026-03-01T10:10:01+08:00"


def test_newcomer_welcomed_by_name_part_and_by_staff() -> None:
    c = chat()
    c.join("u-1", 0)
    c.say("s-1", Act.WELCOME, 3, "欢迎阿宽入群")
    s = one(c.run(), "newcomer")
    assert (s["resolution"], s["resolved_by"]) == ("staff", "s-1")


def test_unaddressed_welcome_greets_every_waiting_newcomer() -> None:
    c = chat()
    c.join("u-1", 0)
    c.join("u-3", 1)
    c.say("u-2", Act.WELCOME, 2, "欢迎新朋友~")
    got = only(c.run(), "newcomer", resolution="community", resolved_by="u-2")
    assert {s["member"] for s in got} == {"u-1", "u-3"}


def test_welcome_addressed_to_one_newcomer_leaves_the_other_waiting() -> None:
    c = chat()
    c.join("u-1", 0)
    c.join("u-3", 1)
    c.say("u-2", Act.WELCOME, 2, "welcome", mentions=("u-3",))
    c.say("u-5", Act.CHITCHAT, 30, "hi")
    out = c.run()
    assert one(out, "newcomer", member="u-3")["resolution"] == "community"
    assert one(out, "newcomer", member="u-1")["resolution"] == "expired"


def test_newcomer_open_at_end_when_due_at_is_the_replay_clock() -> None:
    c = chat()
    c.join("u-1", 0)
    c.say("u-2", Act.CHITCHAT, 10, "hi")
    assert one(c.run(), "newcomer")["resolution"] is None


def test_staff_join_and_self_welcome() -> None:
    c = chat()
    c.join("s-1", 0, staff=True)
    c.join("u-1", 0)
    c.say("u-1", Act.WELCOME, 1, "大家好,欢迎我自己")
    out = c.run()
    assert only(out, "newcomer", member="s-1") == []
    assert one(out, "newcomer", member="u-1")["resolution"] is None


# open_question


def test_question_answered_by_reply() -> None:
    c = chat()
    q = c.say("u-1", Act.QUESTION, 0, "请问怎么连蓝牙?")
    c.say("u-2", Act.ANSWER, 5, "设置里", reply=q)
    s = one(c.run(), "open_question")
    assert (s["member"], s["event"], s["resolution"], s["resolved_by"]) == (
        "u-1",
        q,
        "community",
        "u-2",
    )


def test_reply_that_is_not_an_answer_does_not_count() -> None:
    c = chat()
    q = c.say("u-1", Act.QUESTION, 0, "请问怎么连蓝牙?")
    c.say("u-2", Act.CHITCHAT, 5, "同问", reply=q)
    c.say("u-2", Act.CHITCHAT, 40, "...")
    assert one(c.run(), "open_question")["resolution"] == "expired"


def test_answer_addressed_to_asker_resolves_their_most_recent_question() -> None:
    c = chat()
    q1 = c.say("u-1", Act.QUESTION, 0, "q1?")
    q2 = c.say("u-1", Act.QUESTION, 1, "q2?")
    c.say("u-2", Act.ANSWER, 2, "try this", mentions=("u-1",))
    out = c.run()
    assert one(out, "open_question", event=q2)["resolved_by"] == "u-2"
    assert one(out, "open_question", event=q1)["resolved_by"] is None


def test_unaddressed_answer_resolves_most_recent_question_by_someone_else() -> None:
    c = chat()
    q1 = c.say("u-1", Act.QUESTION, 0, "q1?")
    q2 = c.say("u-2", Act.QUESTION, 1, "q2?")
    c.say("u-2", Act.ANSWER, 2, "就是这样")
    out = c.run()
    assert one(out, "open_question", event=q1)["resolved_by"] == "u-2"
    assert one(out, "open_question", event=q2)["resolved_by"] is None


def test_answer_exactly_at_due_at_is_in_time() -> None:
    c = chat()
    q = c.say("u-1", Act.QUESTION, 0, "q?")
    c.say("s-1", Act.ANSWER, 30, "a", reply=q)
    s = one(c.run(), "open_question")
    assert (s["resolution"], s["resolved_by"]) == ("staff", "s-1")


def test_equal_times_keep_file_order() -> None:
    c = chat()
    q = c.say("u-1", Act.QUESTION, 0, "q?")
    c.say("u-2", Act.ANSWER, 0, "a")
    assert one(c.run(), "open_question", event=q)["resolved_by"] == "u-2"


# unthanked_contribution


def test_praise_resolves_every_waiting_contribution_of_addressed_members() -> None:
    c = chat()
    a = c.say("u-1", Act.SHARE, 0, "分享")
    b = c.say("u-1", Act.ANSWER, 1, "答案")
    k = c.say("u-3", Act.SHARE, 2, "tip")
    c.say("u-2", Act.PRAISE, 3, "谢谢阿宽和Kevin!")
    out = c.run()
    for eid, member in ((a, "u-1"), (b, "u-1"), (k, "u-3")):
        s = one(out, "unthanked_contribution", event=eid)
        assert (s["member"], s["resolved_by"]) == (member, "u-2")


def test_name_part_shared_by_two_members_does_not_address() -> None:
    c = chat()
    c.say("u-1", Act.SHARE, 0, "分享")
    c.say("u-4", Act.CHITCHAT, 0.5, "我也来了")
    c.say("u-2", Act.PRAISE, 1, "谢谢阿宽!")
    assert one(c.run(), "unthanked_contribution")["resolved_by"] is None


def test_unaddressed_praise_and_self_praise_thank_nobody() -> None:
    c = chat()
    c.say("u-1", Act.SHARE, 0, "分享")
    c.say("u-2", Act.PRAISE, 1, "太棒了")
    c.say("u-1", Act.PRAISE, 2, "谢谢阿宽自己")
    assert one(c.run(), "unthanked_contribution")["resolved_by"] is None


def test_staff_posts_are_not_contributions() -> None:
    c = chat()
    c.say("s-1", Act.SHARE, 0, "活动报名")
    assert only(c.run(), "unthanked_contribution") == []


# complaint and criticism


def test_first_staff_message_addressed_to_author_resolves_all_their_complaints() -> None:
    c = chat()
    c.say("u-1", Act.COMPLAINT, 0, "垃圾")
    c.say("u-1", Act.COMPLAINT, 1, "又坏了")
    c.say("u-2", Act.COMPLAINT, 1, "我也是")
    c.say("s-1", Act.CHITCHAT, 5, "大家好")  # addressed to nobody: no
    c.say("u-5", Act.ANSWER, 6, "找客服", mentions=("u-1",))  # not staff: no
    c.say("s-1", Act.ANSWER, 8, "抱歉!", mentions=("u-1",))
    c.say("u-5", Act.CHITCHAT, 17, "...")
    out = c.run()
    assert [s["resolved_by"] for s in only(out, "complaint", member="u-1")] == ["s-1", "s-1"]
    assert one(out, "complaint", member="u-2")["resolution"] == "expired"


def test_criticism_acknowledged_by_staff_reply() -> None:
    c = chat()
    k = c.say("u-2", Act.CRITICISM, 0, "建议加个一键下单")
    c.say("s-1", Act.PRAISE, 60, "好建议", reply=k)
    s = one(c.run(), "criticism")
    assert (s["resolution"], s["resolved_by"], s["due_at"]) == (
        "staff",
        "s-1",
        "2026-03-01T11:00:00+08:00",
    )


# conflict


def test_conflict_opens_on_second_members_hostile_message_within_10_minutes() -> None:
    c = chat()
    a = c.say("u-1", Act.ATTACK, 0, "你懂个屁", mentions=("u-2",))
    b = c.say("u-2", Act.ATTACK, 10, "你才有病", reply=a)
    c.say("u-1", Act.ATTACK, 11, "呵呵", reply=b)
    c.say("s-1", Act.RULES, 20, "两位停一下")
    out = c.run()
    s = one(out, "conflict")
    assert (s["member"], s["event"], s["opened_at"]) == ("u-1", a, "2026-03-01T10:10:00+08:00")
    assert (s["resolution"], s["resolved_by"]) == ("staff", "s-1")
    assert len(only(out, "rule_violation", resolution="staff")) == 2
    assert one(out, "rule_violation", event=a)["resolution"] == "expired"


def test_hostile_messages_more_than_10_minutes_apart_are_no_conflict() -> None:
    c = chat()
    c.say("u-1", Act.ATTACK, 0, "滚")
    c.say("u-2", Act.ATTACK, 10.02, "你滚")
    assert only(c.run(), "conflict") == []


def test_toxic_reply_between_ordinary_members_is_hostile() -> None:
    c = chat()
    a = c.say("u-1", Act.CHITCHAT, 0, "你说的不对", mentions=("u-2",), toxicity=0.5)
    c.say("u-2", Act.CHITCHAT, 1, "你才不对", reply=a, sentiment=-0.5)
    s = one(c.run(), "conflict")
    assert (s["member"], s["event"]) == ("u-1", a)


def test_negative_messages_to_staff_or_to_nobody_are_not_hostile() -> None:
    c = chat()
    c.say("u-1", Act.COMPLAINT, 0, "太差了", mentions=("s-1",), sentiment=-0.9)
    c.say("u-2", Act.COMPLAINT, 1, "垃圾", sentiment=-0.9, toxicity=0.6)
    assert only(c.run(), "conflict") == []


def test_staff_addressing_someone_else_does_not_resolve_conflict() -> None:
    c = chat()
    c.say("u-1", Act.ATTACK, 0, "滚")
    c.say("u-2", Act.ATTACK, 1, "你滚")
    c.say("s-1", Act.ANSWER, 2, "在设置里", mentions=("u-5",))
    c.say("u-5", Act.CHITCHAT, 20, "...")
    assert one(c.run(), "conflict")["resolution"] == "expired"


# rule_violation


def test_every_ad_opens_one_and_member_rules_message_does_not_resolve() -> None:
    c = chat()
    a = c.say("u-5", Act.AD, 0, "加V")
    c.say("u-2", Act.RULES, 1, "群规不让发广告")
    b = c.say("u-5", Act.AD, 2, "私聊我")
    c.say("s-1", Act.AD, 3, "官方活动")  # staff never open one
    c.say("u-2", Act.CHITCHAT, 30, "...")
    out = c.run()
    assert [s["event"] for s in only(out, "rule_violation")] == [a, b]
    assert {s["resolution"] for s in only(out, "rule_violation")} == {"expired"}


def test_staff_rules_message_resolves_every_waiting_violation() -> None:
    c = chat()
    c.say("u-5", Act.AD, 0, "加V")
    c.say("u-1", Act.ATTACK, 1, "滚")
    c.say("s-1", Act.RULES, 5, "请遵守群规")
    assert {s["resolved_by"] for s in only(c.run(), "rule_violation")} == {"s-1"}


def test_removal_by_staff_resolves() -> None:
    c = chat()
    c.say("s-1", Act.CHITCHAT, 0, "早")
    c.say("u-5", Act.AD, 0, "加V")
    c.leave("u-5", 2, by="s-1")
    assert one(c.run(), "rule_violation")["resolved_by"] == "s-1"


def test_flood_is_the_11th_message_within_60_seconds() -> None:
    c = chat()
    ids = [c.say("u-2", Act.CHITCHAT, i * 6 / 60, "退钱") for i in range(12)]
    s = one(c.run(), "rule_violation")
    assert s["event"] == ids[10]


def test_eleven_messages_in_61_seconds_are_no_flood() -> None:
    c = chat()
    for i in range(11):
        c.say("u-2", Act.CHITCHAT, i * 6.1 / 60, "刷")
    assert only(c.run(), "rule_violation") == []


def test_trust_thresholds_with_model_probabilities() -> None:
    c = chat()
    c.join("u-1", 0)
    new = c.say("u-1", Act.CHITCHAT, 1, "加我", probs={"ad": 0.4, "chitchat": 0.6})
    old = c.say("u-2", Act.CHITCHAT, 2, "加我", probs={"ad": 0.4, "chitchat": 0.6})
    for i in range(5):
        c.say("u-3", Act.ANSWER, 3 + i, "a")
    border = c.say("u-3", Act.AD, 10, "链接", probs={"ad": 0.6})
    clear = c.say("u-3", Act.AD, 11, "链接", probs={"ad": 0.7})
    events = [s["event"] for s in only(c.run(), "rule_violation")]
    assert new in events and clear in events
    assert old not in events and border not in events


# silence


def test_silence_opens_48h_after_last_message_and_next_message_resolves() -> None:
    c = chat()
    for i in range(5):
        c.say("u-1", Act.CHITCHAT, i, "hi")
    c.say("s-1", Act.CHITCHAT, 4 + 60 * 50, "在吗")
    s = one(c.run(), "silence")
    assert s["opened_at"] == "2026-03-03T10:04:00+08:00"
    assert (s["member"], s["event"], s["due_at"]) == (None, None, None)
    assert (s["resolution"], s["resolved_by"]) == ("staff", "s-1")


def test_no_silence_with_fewer_than_5_messages_or_shorter_gap() -> None:
    c = chat()
    for i in range(4):
        c.say("u-1", Act.CHITCHAT, i, "hi")
    c.say("u-1", Act.CHITCHAT, 3 + 60 * 48 - 1, "hi")
    assert only(c.run(), "silence") == []


def test_silence_still_open_at_end_of_data() -> None:
    c = chat()
    for i in range(5):
        c.say("u-1", Act.CHITCHAT, i, "hi")
    c.leave("u-2", 4 + 60 * 48)
    s = one(c.run(), "silence")
    assert s["resolution"] is None


# staff_tone


def test_staff_tone_floor_and_moderation_notice() -> None:
    c = chat()
    q = c.say("u-1", Act.QUESTION, 0, "q?")
    bad = c.say("s-1", Act.ANSWER, 1, "看公告", reply=q, sentiment=-0.3)
    c.say("s-1", Act.ANSWER, 2, "看公告", reply=q, sentiment=-0.29, toxicity=0.29)
    c.say("s-1", Act.RULES, 3, "禁止人身攻击", sentiment=-0.6)
    c.say("u-2", Act.CHITCHAT, 4, "你们态度真差", sentiment=-0.8)
    out = c.run()
    assert [s["event"] for s in only(out, "staff_tone")] == [bad]
    s = one(out, "staff_tone")
    assert (s["member"], s["due_at"], s["resolution"]) == ("s-1", None, None)


def test_staff_tone_from_the_text() -> None:
    c = chat()
    c.say("s-1", Act.ANSWER, 0, "群公告里写了,自己看", sentiment=-0.1)
    assert len(only(c.run(), "staff_tone")) == 1


# core_member


def test_core_member_at_5th_helpful_act_within_14_days_once() -> None:
    c = chat()
    c.say("u-9", Act.SHARE, 0, "x")
    acts = [
        c.say("u-2", Act.ANSWER, 0, "a"),
        c.say("u-2", Act.WELCOME, 1, "欢迎"),
        c.say("u-2", Act.PRAISE, 2, "谢谢", mentions=("u-9",)),
        c.say("u-2", Act.PRAISE, 3, "太棒了"),  # addressed to nobody: not helpful
        c.say("u-2", Act.ANSWER, 4, "a"),
        c.say("u-2", Act.ANSWER, 60 * 24 * 13, "a"),
        c.say("u-2", Act.ANSWER, 60 * 24 * 13 + 1, "a"),
    ]
    s = one(c.run(), "core_member")
    assert (s["member"], s["event"], s["due_at"], s["resolution"]) == ("u-2", acts[5], None, None)


def test_no_core_member_when_acts_spread_over_more_than_14_days_or_staff() -> None:
    c = chat()
    for i in range(5):
        c.say("u-2", Act.ANSWER, i * 60 * 24 * 3.6, "a")
        c.say("s-1", Act.ANSWER, i, "a")
    assert only(c.run(), "core_member") == []


# ids


def test_ids_are_stable_and_distinct() -> None:
    c = chat()
    c.join("u-1", 0)
    c.say("u-1", Act.QUESTION, 1, "q?")
    c.say("u-1", Act.AD, 2, "ad")
    first = c.run()
    again = c.run()
    assert [s["id"] for s in first] == [s["id"] for s in again]
    assert len({s["id"] for s in first}) == len(first)
    assert all(s["id"].startswith("s-") for s in first)


def test_welcome_pointing_newcomers_to_the_staff_still_greets_them() -> None:
    c = chat()
    c.say("s-1", Act.CHITCHAT, 0, "早")
    c.join("u-1", 1)
    c.say("u-2", Act.WELCOME, 2, "欢迎新朋友!有问题可以找 @驰远-小林", mentions=("s-1",))
    assert one(c.run(), "newcomer")["resolved_by"] == "u-2"


def test_staff_recalling_the_ad_resolves_it() -> None:
    from fenwei.model import Event, EventType, Role

    c = chat()
    c.say("s-1", Act.CHITCHAT, 0, "早")
    ad = c.say("u-5", Act.AD, 1, "加V")
    c.pairs.append((Event(EventType.RECALL, "g-1", c.time(3), "s-1", ad, role=Role.STAFF), None))
    s = one(c.run(), "rule_violation")
    assert (s["resolution"], s["resolved_by"]) == ("staff", "s-1")


def test_staff_message_addressed_to_violator_resolves_only_theirs() -> None:
    c = chat()
    a = c.say("u-5", Act.AD, 0, "加V")
    c.say("u-3", Act.AD, 1, "代购")
    c.say("s-1", Act.CHITCHAT, 2, "请不要发广告", reply=a)
    c.say("u-2", Act.CHITCHAT, 20, "...")
    out = c.run()
    assert one(out, "rule_violation", member="u-5")["resolution"] == "staff"
    assert one(out, "rule_violation", member="u-3")["resolution"] == "expired"


def test_core_member_cooldown_is_30_days() -> None:
    c = chat()
    for day in (0, 31):
        for i in range(5):
            c.say("u-2", Act.ANSWER, day * 60 * 24 + i, "a")
    for i in range(5):
        c.say("u-2", Act.ANSWER, 40 * 60 * 24 + i, "a")
    assert len(only(c.run(), "core_member")) == 2
