"""The demo community's groups: who they are (``GROUPS``) and how they behave.

``GroupInfo`` is the public metadata a test or a report reads to know which
group is which; ``Params`` are the rates and probabilities that give each
group its character (rates are per day at ordinary activity; delays are in
minutes, drawn skewed towards their low end).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta, timezone
from typing import Literal

Character = Literal["healthy", "ads", "quarrelsome", "silent", "poor_staff_tone"]
CHARACTERS: tuple[Character, ...] = ("healthy", "ads", "quarrelsome", "silent", "poor_staff_tone")


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """One demo group.

    ``key`` is the short name inside ids: members are ``u-<key>-<n>`` (staff
    have the lowest numbers), messages ``<key>-m<n>``; ``id`` is ``g-<key>``.
    ``tz`` is the fixed offset every event time of the group carries.
    """

    key: str
    name: str
    locale: str
    character: Character
    brand: str
    topic: str
    staff_names: tuple[str, ...]
    rules: str
    rules_short: str
    value: str
    tz: timezone
    places: tuple[str, ...] = ()
    name_flavor: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"g-{self.key}"

    @property
    def staff(self) -> tuple[str, ...]:
        """The staff members' ids."""
        return tuple(f"u-{self.key}-{i + 1}" for i in range(len(self.staff_names)))

    @property
    def lang(self) -> str:
        return self.locale.split("-")[0]


@dataclass(frozen=True, slots=True)
class Params:
    initial_members: int = 200
    helpers: int = 2
    helper_boost: float = 40.0
    weekend: float = 1.0
    trend: Literal["flat", "fade"] = "flat"
    # newcomers
    joins: float = 3.0
    join_bursts: float = 0.0
    ad_join_share: float = 0.05
    flood_share: float = 0.0
    hello: float = 0.35
    welcome: float = 0.8
    welcome_delay: tuple[float, float] = (0.5, 10.0)
    welcome_staff: float = 0.3
    curt_welcome: float = 0.0
    second_welcome: float = 0.1
    newcomer_question: float = 0.3
    # talk
    chat_bursts: float = 12.0
    burst_len: tuple[int, int] = (2, 8)
    staff_chat: float = 0.04
    questions: float = 8.0
    answer: float = 0.85
    answer_delay: tuple[float, float] = (1.0, 20.0)
    answer_staff: float = 0.25
    second_answer: float = 0.2
    impatient: float = 0.0
    thank_answer: float = 0.55
    followup: float = 0.2
    shares: float = 3.0
    share_praise: float = 0.7
    praise_delay: tuple[float, float] = (2.0, 90.0)
    staff_thanks: float = 0.15
    brand_praise: float = 0.8
    staff_shares: float = 0.5
    rules: float = 0.2
    leaves: float = 1.2
    # trouble
    complaints: float = 1.0
    pileon: float = 0.15
    escalate: float = 0.0
    complaint_staff: float = 0.8
    complaint_delay: tuple[float, float] = (2.0, 30.0)
    dismissive: float = 0.0
    criticisms: float = 0.6
    crit_plus: float = 0.25
    crit_ack: float = 0.8
    crit_brush: float = 0.0
    crit_delay: tuple[float, float] = (3.0, 60.0)
    conflicts: float = 0.05
    conflict_len: tuple[int, int] = (2, 4)
    conflict_staff: float = 0.8
    conflict_delay: tuple[float, float] = (1.0, 10.0)
    calm: float = 0.3
    member_ads: float = 0.05
    sellers: int = 0
    ad_staff: float = 0.9
    ad_delay: tuple[float, float] = (1.0, 10.0)
    extra: dict[str, float] = field(default_factory=dict)


CST = timezone(timedelta(hours=8))
EST = timezone(timedelta(hours=-5))

GROUPS: tuple[GroupInfo, ...] = (
    GroupInfo(
        key="cy-pudong",
        name="驰远车主·上海浦东1群",
        locale="zh-CN",
        character="healthy",
        brand="驰远汽车",
        topic="ev",
        staff_names=("驰远-小周(车主顾问)", "驰远-Lisa"),
        rules="1.友好交流,禁止人身攻击;2.请勿发布广告、二维码和拉人信息;3.用车问题随时提,大家互帮互助",
        rules_short="友好交流、禁止人身攻击、请勿发广告",
        value="这里有老车主的用车经验、浦东充电地图和官方第一手活动消息",
        tz=CST,
        places=(
            "张江",
            "世纪公园",
            "陆家嘴",
            "川沙",
            "金桥",
            "前滩",
            "唐镇",
            "周浦",
            "三林",
            "花木",
            "惠南",
        ),
        name_flavor=("电车", "浦东", "S7车主", "驰远", "张江", "X6"),
    ),
    GroupInfo(
        key="ny-hz2",
        name="暖芽妈妈育儿交流群(杭州2群)",
        locale="zh-CN",
        character="ads",
        brand="暖芽奶粉",
        topic="baby",
        staff_names=("暖芽-小美老师", "暖芽客服-阿琳"),
        rules="本群为暖芽妈妈育儿交流群:1.禁止发布任何广告、二维码、微商代购;2.禁止私加群友推销;3.友好交流,互相帮助",
        rules_short="禁止广告和微商代购、禁止私加群友推销",
        value="群里有育儿老师答疑、会员福利和宝妈们的带娃经验",
        tz=CST,
        places=("滨江", "西溪", "萧山", "余杭", "下沙", "拱墅", "城西", "钱江新城"),
        name_flavor=("宝妈", "杭州", "二宝妈", "萧山", "果果妈"),
    ),
    GroupInfo(
        key="cy-gz",
        name="驰远车主·广州交付群",
        locale="zh-CN",
        character="quarrelsome",
        brand="驰远汽车",
        topic="ev",
        staff_names=("驰远交付-阿杰", "驰远-陈经理", "驰远售后-小何"),
        rules="1.理性维权,就事论事;2.禁止人身攻击和地域攻击;3.请勿发布广告;交付和售后问题请私聊交付专员",
        rules_short="就事论事、禁止人身攻击、请勿发广告",
        value="交付进度、提车流程和售后问题这里都有专人跟进",
        tz=CST,
        places=("天河", "番禺", "珠江新城", "白云", "海珠", "黄埔", "南沙", "花都", "增城"),
        name_flavor=("广州", "等车的", "准车主", "番禺", "天河", "X6"),
    ),
    GroupInfo(
        key="sg-cd",
        name="拾光咖啡·成都会员福利群",
        locale="zh-CN",
        character="silent",
        brand="拾光咖啡",
        topic="coffee",
        staff_names=("拾光-店长Momo",),
        rules="1.请勿发布广告;2.友好交流;3.每周三会员日福利在群里发布",
        rules_short="请勿发广告、友好交流",
        value="会员日福利、新品试饮和咖啡知识都在这里",
        tz=CST,
        places=("春熙路", "太古里", "高新", "天府三街", "金融城", "宽窄巷子", "玉林"),
        name_flavor=("成都", "咖啡", "拿铁", "太古里"),
    ),
    GroupInfo(
        key="jb-after",
        name="洁宝扫地机·用户售后群",
        locale="zh-CN",
        character="poor_staff_tone",
        brand="洁宝智能",
        topic="vacuum",
        staff_names=("洁宝售后-老马", "洁宝客服-小赵"),
        rules="1.售后问题先看群公告和说明书;2.请勿发布广告;3.禁止人身攻击",
        rules_short="先看群公告、请勿发广告、禁止人身攻击",
        value="这里有售后答疑、固件更新通知和耗材优惠",
        tz=CST,
        places=("北京", "上海", "深圳", "南京", "苏州", "天津"),
        name_flavor=("T8", "洁宝", "懒人", "猫奴"),
    ),
    GroupInfo(
        key="lumen",
        name="Lumen CLI Community",
        locale="en",
        character="healthy",
        brand="Lumen",
        topic="devtool",
        staff_names=("mira (Lumen team)", "jon [mod]", "devrel-kai"),
        rules="1. be kind, no personal attacks; 2. no spam, ads or unsolicited DMs; 3. questions go to #help, search first",
        rules_short="be kind, no ads or spam",
        value="the core team hangs out here and answers in #help",
        tz=EST,
        places=(),
        name_flavor=(),
    ),
)

GROUPS_BY_ID: dict[str, GroupInfo] = {g.id: g for g in GROUPS}

PARAMS: dict[str, Params] = {
    "cy-pudong": Params(
        initial_members=230,
        helpers=5,
        weekend=1.2,
        joins=4.0,
        join_bursts=0.12,
        ad_join_share=0.03,
        hello=0.45,
        welcome=0.96,
        welcome_delay=(0.3, 6.0),
        welcome_staff=0.15,
        second_welcome=0.35,
        newcomer_question=0.4,
        chat_bursts=19.0,
        burst_len=(2, 9),
        staff_chat=0.05,
        questions=14.4,
        answer=0.96,
        answer_delay=(0.5, 12.0),
        answer_staff=0.12,
        second_answer=0.25,
        thank_answer=0.75,
        shares=6.6,
        share_praise=0.88,
        praise_delay=(1.0, 70.0),
        staff_thanks=0.25,
        brand_praise=1.5,
        staff_shares=0.5,
        rules=0.2,
        leaves=1.0,
        complaints=0.6,
        pileon=0.1,
        complaint_staff=0.95,
        complaint_delay=(1.0, 12.0),
        criticisms=0.7,
        crit_ack=0.92,
        crit_delay=(2.0, 45.0),
        conflicts=0.04,
        conflict_len=(2, 3),
        conflict_staff=0.95,
        conflict_delay=(1.0, 6.0),
        calm=0.6,
        member_ads=0.03,
        ad_staff=0.97,
        ad_delay=(1.0, 8.0),
    ),
    "ny-hz2": Params(
        initial_members=320,
        helpers=1,
        weekend=1.1,
        joins=7.0,
        ad_join_share=0.45,
        flood_share=0.12,
        hello=0.3,
        welcome=0.35,
        welcome_delay=(3.0, 90.0),
        welcome_staff=0.6,
        second_welcome=0.05,
        newcomer_question=0.3,
        chat_bursts=12.8,
        burst_len=(2, 7),
        questions=9.6,
        answer=0.72,
        answer_delay=(2.0, 60.0),
        answer_staff=0.35,
        thank_answer=0.5,
        shares=3.6,
        share_praise=0.55,
        staff_thanks=0.08,
        brand_praise=0.8,
        staff_shares=0.8,
        rules=0.35,
        leaves=2.5,
        complaints=1.0,
        complaint_staff=0.5,
        complaint_delay=(10.0, 240.0),
        criticisms=0.5,
        crit_ack=0.5,
        crit_delay=(20.0, 300.0),
        conflicts=0.1,
        conflict_staff=0.4,
        conflict_delay=(10.0, 120.0),
        member_ads=1.6,
        sellers=5,
        ad_staff=0.3,
        ad_delay=(20.0, 400.0),
    ),
    "cy-gz": Params(
        initial_members=260,
        helpers=2,
        weekend=1.0,
        joins=3.0,
        ad_join_share=0.05,
        hello=0.35,
        welcome=0.6,
        welcome_delay=(1.0, 30.0),
        welcome_staff=0.5,
        chat_bursts=12.5,
        burst_len=(2, 7),
        staff_chat=0.02,
        questions=9.6,
        answer=0.8,
        answer_delay=(1.0, 30.0),
        answer_staff=0.3,
        thank_answer=0.4,
        shares=3.0,
        share_praise=0.45,
        staff_thanks=0.1,
        brand_praise=0.3,
        staff_shares=0.4,
        rules=0.5,
        leaves=2.0,
        complaints=6.0,
        pileon=0.5,
        escalate=0.3,
        complaint_staff=0.55,
        complaint_delay=(5.0, 180.0),
        criticisms=2.0,
        crit_ack=0.5,
        crit_delay=(10.0, 300.0),
        conflicts=1.3,
        conflict_len=(2, 7),
        conflict_staff=0.45,
        conflict_delay=(5.0, 90.0),
        calm=0.35,
        member_ads=0.1,
        ad_staff=0.6,
        ad_delay=(5.0, 60.0),
    ),
    "sg-cd": Params(
        initial_members=160,
        helpers=1,
        weekend=1.2,
        trend="fade",
        joins=1.6,
        ad_join_share=0.05,
        hello=0.3,
        welcome=0.55,
        welcome_delay=(2.0, 60.0),
        welcome_staff=0.7,
        chat_bursts=8.5,
        burst_len=(2, 6),
        staff_chat=0.06,
        questions=4.8,
        answer=0.75,
        answer_delay=(5.0, 120.0),
        answer_staff=0.5,
        thank_answer=0.4,
        followup=0.35,
        shares=1.8,
        share_praise=0.5,
        praise_delay=(5.0, 120.0),
        brand_praise=0.5,
        staff_shares=0.5,
        rules=0.1,
        leaves=1.0,
        complaints=0.4,
        complaint_staff=0.6,
        complaint_delay=(10.0, 240.0),
        criticisms=0.3,
        crit_ack=0.6,
        crit_delay=(20.0, 240.0),
        conflicts=0.02,
        member_ads=0.05,
        ad_staff=0.7,
        ad_delay=(10.0, 200.0),
    ),
    "jb-after": Params(
        initial_members=210,
        helpers=1,
        weekend=1.0,
        joins=3.0,
        ad_join_share=0.05,
        hello=0.3,
        welcome=0.8,
        welcome_delay=(1.0, 20.0),
        welcome_staff=0.75,
        curt_welcome=0.75,
        chat_bursts=8.5,
        burst_len=(2, 6),
        staff_chat=0.01,
        questions=13.2,
        answer=0.9,
        answer_delay=(2.0, 40.0),
        answer_staff=0.65,
        impatient=0.55,
        thank_answer=0.45,
        shares=2.4,
        share_praise=0.6,
        staff_thanks=0.05,
        brand_praise=0.5,
        staff_shares=0.4,
        rules=0.5,
        leaves=1.8,
        complaints=2.5,
        pileon=0.25,
        complaint_staff=0.85,
        complaint_delay=(3.0, 60.0),
        dismissive=0.7,
        criticisms=1.0,
        crit_ack=0.7,
        crit_brush=0.6,
        crit_delay=(5.0, 120.0),
        conflicts=0.12,
        conflict_staff=0.7,
        member_ads=0.1,
        ad_staff=0.8,
        ad_delay=(5.0, 40.0),
    ),
    "lumen": Params(
        initial_members=200,
        helpers=4,
        weekend=0.7,
        joins=4.0,
        join_bursts=0.05,
        ad_join_share=0.08,
        flood_share=0.1,
        hello=0.5,
        welcome=0.85,
        welcome_delay=(0.5, 15.0),
        welcome_staff=0.3,
        second_welcome=0.2,
        chat_bursts=10.2,
        burst_len=(2, 7),
        questions=12.0,
        answer=0.9,
        answer_delay=(1.0, 25.0),
        answer_staff=0.3,
        thank_answer=0.7,
        shares=3.6,
        share_praise=0.75,
        staff_thanks=0.2,
        brand_praise=0.8,
        staff_shares=0.4,
        rules=0.2,
        leaves=1.2,
        complaints=1.0,
        complaint_staff=0.85,
        complaint_delay=(2.0, 40.0),
        criticisms=1.2,
        crit_ack=0.85,
        crit_delay=(3.0, 60.0),
        conflicts=0.08,
        member_ads=0.02,
        ad_staff=0.9,
        ad_delay=(1.0, 15.0),
    ),
}
