"""Playbooks: drafted words per kind, in zh-CN and en, with their timing and status."""

from __future__ import annotations

from typing import Any

from fenwei.config.community import CommunityConfig, config_from_data
from fenwei.engine import replay
from fenwei.i18n import catalog
from fenwei.model import Act
from fenwei.playbooks import Playbooks, ladder_step, route_department, ticket_closed_note, warm_core
from fenwei.playbooks.ladder import Step
from tests.engine.chat import Chat, one, only

NAMES = {"u-1": "阿杰", "u-2": "小鹿", "u-3": "Kevin", "u-4": "老周", "s-1": "驰远-小林"}
EN = {"u-1": "tom", "u-2": "jen_dev", "u-3": "rafael", "u-4": "mkolar", "s-1": "Priya (Stackwise)"}


def run(
    c: Chat, config: CommunityConfig | None = None, dry_run: bool = False
) -> list[dict[str, Any]]:
    cfg = config or CommunityConfig.default()
    return [s.to_json() for s in replay(c.pairs, cfg, drafter=Playbooks(cfg), dry_run=dry_run)]


def zh_chat() -> Chat:
    c = Chat(names=NAMES)
    c.staff.add("s-1")
    return c


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    import string

    zh = {k: v for k, v in catalog("zh-CN").items() if k.startswith(("playbook.", "config."))}
    en = {k: v for k, v in catalog("en").items() if k.startswith(("playbook.", "config."))}
    assert set(zh) == set(en)
    for key in zh:
        fields = [{f for _, f, _, _ in string.Formatter().parse(x[key]) if f} for x in (zh, en)]
        assert fields[0] == fields[1], key


def test_newcomer_welcome_names_them_with_rules_and_value() -> None:
    cfg = config_from_data(
        {"groups": {"g-1": {"rules": "禁止广告和人身攻击", "value": "车主互助、真诚分享的地方"}}}
    )
    c = zh_chat()
    c.say("u-4", Act.CHITCHAT, 0, "早上好")
    c.join("u-1", 1)
    s = one(run(c, cfg), "newcomer")
    (welcome,) = s["suggestions"]
    assert welcome["action"] == "post" and welcome["to"] == "group"
    assert welcome["status"] == "pending" and welcome["created_at"] == s["opened_at"]
    assert "@阿杰" in welcome["text"] and "禁止广告和人身攻击" in welcome["text"]
    assert "车主互助、真诚分享的地方" in welcome["text"]


def test_burst_of_joins_gets_one_welcome() -> None:
    c = zh_chat()
    c.say("u-4", Act.CHITCHAT, 0, "早上好")
    c.join("u-1", 1)
    c.join("u-2", 1.5)
    c.join("u-3", 2)
    out = run(c)
    pending = [
        x for s in only(out, "newcomer") for x in s["suggestions"] if x["status"] == "pending"
    ]
    assert len(pending) == 1
    assert all(n in pending[0]["text"] for n in ("「阿杰」", "「小鹿」", "「Kevin」"))
    withdrawn = [
        x for s in only(out, "newcomer") for x in s["suggestions"] if x["status"] == "withdrawn"
    ]
    assert len(withdrawn) == 2


def test_english_group_gets_english_drafts() -> None:
    c = Chat(names=EN)
    c.staff.add("s-1")
    c.say("u-4", Act.CHITCHAT, 0, "afternoon folks, the upgrade went smooth")
    q = c.say("u-1", Act.QUESTION, 1, "anyone know how to pick up a .env.staging file?")
    c.say("s-1", Act.CHITCHAT, 2, "hi all")
    c.say("u-1", Act.CHITCHAT, 40, "still stuck")
    s = one(run(c), "open_question", event=q)
    nudge = s["suggestions"][0]
    assert nudge["text"].startswith("Can anyone help @tom with this?")
    assert ".env.staging" in nudge["text"]


def test_configured_locale_wins_and_overrides_apply() -> None:
    cfg = config_from_data(
        {
            "groups": {
                "g-1": {
                    "locale": "en",
                    "playbooks": {"newcomer.closing": {"en": "Holler if you need anything!"}},
                }
            }
        }
    )
    c = zh_chat()
    c.say("u-4", Act.CHITCHAT, 0, "大家早上好呀")
    c.join("u-1", 1)
    text = one(run(c, cfg), "newcomer")["suggestions"][0]["text"]
    assert text.startswith("Welcome to the group, @阿杰!")
    assert text.endswith("Holler if you need anything!")


def test_unthanked_contribution_draft_at_half_deadline_with_name_and_quote() -> None:
    c = zh_chat()
    c.say("u-4", Act.SHARE, 0, "分享一下:车机升到2.3之后能看实时胎温了")
    c.say("u-2", Act.CHITCHAT, 61, "哇")
    s = one(run(c), "unthanked_contribution")
    (thanks,) = s["suggestions"]
    assert thanks["created_at"] == "2026-03-01T11:00:00+08:00"
    assert thanks["text"].startswith("特别感谢「老周」的精彩分享!")
    assert "实时胎温" in thanks["text"]


def test_contribution_thanked_before_half_deadline_gets_no_draft() -> None:
    c = zh_chat()
    m = c.say("u-4", Act.SHARE, 0, "分享")
    c.say("u-2", Act.PRAISE, 5, "谢谢老周", reply=m)
    c.say("u-2", Act.CHITCHAT, 200, "...")
    assert one(run(c), "unthanked_contribution")["suggestions"] == []


def test_suggestions_withdrawn_when_situation_resolves() -> None:
    c = zh_chat()
    q = c.say("u-1", Act.QUESTION, 0, "请问怎么连蓝牙?")
    c.say("u-2", Act.ANSWER, 3, "设置里", reply=q)
    s = one(run(c), "open_question")
    assert {x["status"] for x in s["suggestions"]} == {"withdrawn"}


def test_complaint_private_message_and_group_note() -> None:
    c = zh_chat()
    c.say("u-1", Act.COMPLAINT, 0, "发货也太慢了吧 五天了还没发")
    actions = [(x["action"], x["to"]) for x in one(run(c), "complaint")["suggestions"]]
    assert actions == [("private_message", "u-1"), ("post", "group")]


def test_criticism_thanks_and_ticket_routed_by_topic() -> None:
    c = zh_chat()
    m = c.say("u-2", Act.CRITICISM, 0, "建议小程序加个一键下单,每次点单都要五步")
    s = one(run(c), "criticism")
    thanks, ticket = s["suggestions"]
    assert thanks["action"] == "post" and "技术" in thanks["text"]
    assert (ticket["action"], ticket["to"], ticket["event"]) == ("ticket", "app", m)
    note = ticket_closed_note(
        replay(c.pairs)[0], "已经上线一键下单", replay(c.pairs)[0].opened_at, name="小鹿"
    )
    assert note.text.startswith("之前 @小鹿 提的建议")


def test_route_department_defaults_to_product() -> None:
    s = CommunityConfig.default().for_group("g")
    assert route_department("发货太慢 快递三天没动", s) == "delivery"
    assert route_department("something vague", s) == "product"


def test_conflict_redirect_and_private_message_to_each_party() -> None:
    c = zh_chat()
    c.say("u-1", Act.ATTACK, 0, "你懂个屁", mentions=("u-2",))
    c.say("u-2", Act.ATTACK, 1, "你脑子有病", mentions=("u-1",))
    s = one(run(c), "conflict")
    assert [(x["action"], x["to"]) for x in s["suggestions"]] == [
        ("post", "group"),
        ("private_message", "u-1"),
        ("private_message", "u-2"),
    ]


def test_rule_violation_ladder_by_history() -> None:
    assert [ladder_step(n) for n in range(5)] == [
        Step.REMIND,
        Step.WARN,
        Step.REMOVE_MESSAGE,
        Step.REMOVE_MEMBER,
        Step.REMOVE_MEMBER,
    ]
    c = zh_chat()
    for i in range(4):
        c.say("u-3", Act.AD, i * 20, "加V领券")
    steps = [[x["action"] for x in s["suggestions"]] for s in only(run(c), "rule_violation")]
    assert steps == [["post"], ["warn"], ["remove_message", "warn"], ["remove_member", "post"]]


def test_silence_starter_drawn_from_most_replied_message() -> None:
    c = zh_chat()
    top = c.say("u-4", Act.SHARE, 0, "樱花拿铁奶泡上有盐渍樱花")
    for i in range(3):
        c.say("u-2", Act.CHITCHAT, 1 + i, "好看", reply=top)
    c.say("u-1", Act.CHITCHAT, 5, "hi")
    c.say("u-1", Act.CHITCHAT, 5 + 60 * 49, "在吗")
    text = one(run(c), "silence")["suggestions"][0]["text"]
    assert "「老周」" in text and "盐渍樱花" in text


def test_staff_tone_coaching_with_warmer_rewrite() -> None:
    c = zh_chat()
    q = c.say("u-1", Act.QUESTION, 0, "请问学生认证在哪里弄呀")
    c.say("s-1", Act.ANSWER, 1, "这个群公告里写了,自己看", reply=q, sentiment=-0.4)
    (coach,) = one(run(c), "staff_tone")["suggestions"]
    assert (coach["action"], coach["to"]) == ("coach", "s-1")
    assert "「@阿杰 我来帮你看看~ 这个群公告里写了。" in coach["text"]
    assert "自己看。" not in coach["text"].split("更温暖的说法")[1]


def test_warm_core_english() -> None:
    text = "Read the docs. It's literally on the hooks page. This gets asked every week."
    assert warm_core(text) == "It's on the hooks page."


def test_core_member_thanks_and_role() -> None:
    c = zh_chat()
    for i in range(5):
        c.say("u-4", Act.ANSWER, i, "可以试试")
    s = one(run(c), "core_member")
    assert [(x["action"], x["to"]) for x in s["suggestions"]] == [
        ("post", "group"),
        ("private_message", "u-4"),
    ]


def test_dry_run_marks_what_autopilot_would_send_once_a_minute() -> None:
    cfg = config_from_data({"autopilot": {"kinds": ["newcomer", "open_question"]}})
    c = zh_chat()
    c.say("u-4", Act.CHITCHAT, 0, "早")
    c.join("u-1", 1)
    c.say("u-2", Act.QUESTION, 1, "请问怎么连蓝牙?")
    c.join("u-3", 30)
    c.say("u-2", Act.WELCOME, 32, "欢迎Kevin")
    c.say("u-4", Act.CHITCHAT, 60, "...")
    out = run(c, cfg, dry_run=True)
    first = one(out, "newcomer", member="u-1")["suggestions"][0]
    assert first["status"] == "would_send"
    question = one(out, "open_question")
    # newcomer at +5 min and question at +15 min: not the same minute, both would send
    assert {x["status"] for x in question["suggestions"]} == {"would_send"}
    second = one(out, "newcomer", member="u-3")["suggestions"][0]
    assert second["status"] == "withdrawn"  # welcomed before the autopilot delay
    plain = run(c, cfg)
    assert "would_send" not in {x["status"] for s in plain for x in s["suggestions"]}


def test_autopilot_sends_at_most_one_message_per_group_per_minute() -> None:
    from fenwei.engine import Engine

    cfg = config_from_data({"autopilot": {"kinds": ["open_question"]}})
    c = zh_chat()
    c.say("u-1", Act.QUESTION, 0, "q1?")
    c.say("u-2", Act.QUESTION, 0.25, "q2?")
    c.say("u-4", Act.CHITCHAT, 25, "...")
    engine = Engine(cfg, drafter=Playbooks(cfg), dry_run=True)
    changes = []
    for event, label in c.pairs:
        changes += engine.feed(event, label)
    sends = [ch.at for ch in changes if ch.type == "autopilot"]
    assert [(t - c.time(0)).total_seconds() for t in sends] == [900.0, 960.0]


def test_dismissive_answer_is_flagged_with_a_reassuring_draft() -> None:
    c = zh_chat()
    q = c.say("u-1", Act.QUESTION, 0, "请问蓝牙怎么连?")
    a = c.say("u-4", Act.ANSWER, 1, "这都不会?设置里自己点", reply=q)
    s = one(run(c), "open_question")
    assert (s["resolution"], s["resolved_by"]) == ("community", "u-4")
    (flag,) = [x for x in s["suggestions"] if x["status"] == "pending"]
    assert flag["event"] == a and "@阿杰" in flag["text"] and "「老周」" in flag["text"]
