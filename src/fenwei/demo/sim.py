"""The simulation of one demo group over the demo window.

Each day draws a number of *episodes* (a chat burst, a join, a question with
its answers and thanks, a share with its praise, a complaint, a quarrel, an
ad…) from the group's ``Params``; each episode writes its messages with the
act it intends, at times that follow a daily rhythm. Times are seconds from
the start of the window; ids are given after sorting, in time order.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from types import ModuleType
from typing import Any

from fenwei.demo import phrases_en, phrases_zh, topics_zh
from fenwei.demo.groups import GroupInfo, Params
from fenwei.demo.text import Filler
from fenwei.model import Act, Event, EventType, Label, Role

DAYS = 60
END_DATE = datetime(2026, 11, 1)  # the window ends at local midnight before this date
DAY = 86_400
END = DAYS * DAY

# relative activity per local hour
_WEEKDAY = [
    0.5,
    0.2,
    0.1,
    0.05,
    0.05,
    0.1,
    0.5,
    1.5,
    2.5,
    2.2,
    1.8,
    1.8,
    2.5,
    2.2,
    1.5,
    1.4,
    1.5,
    1.7,
    2.2,
    3.0,
    3.6,
    3.8,
    3.2,
    1.8,
]
_WEEKEND = [
    0.9,
    0.5,
    0.2,
    0.1,
    0.05,
    0.05,
    0.2,
    0.6,
    1.3,
    2.0,
    2.4,
    2.4,
    2.6,
    2.4,
    2.2,
    2.2,
    2.2,
    2.3,
    2.5,
    3.0,
    3.4,
    3.4,
    2.8,
    1.6,
]
_CUM_WEEKDAY = list(accumulate(_WEEKDAY))
_CUM_WEEKEND = list(accumulate(_WEEKEND))

_SENTIMENT: dict[Act, tuple[float, float]] = {
    Act.WELCOME: (0.5, 0.85),
    Act.RULES: (-0.1, 0.1),
    Act.QUESTION: (-0.15, 0.1),
    Act.ANSWER: (0.0, 0.3),
    Act.SHARE: (0.3, 0.8),
    Act.PRAISE: (0.6, 0.95),
    Act.COMPLAINT: (-0.85, -0.45),
    Act.CRITICISM: (-0.35, 0.0),
    Act.ATTACK: (-0.95, -0.6),
    Act.AD: (0.1, 0.4),
    Act.CHITCHAT: (-0.1, 0.5),
}


@dataclass(slots=True, eq=False)
class Member:
    n: int
    id: str
    name: str
    role: Role
    weight: float
    joined_day: int = -1
    helper_from: int | None = None
    ad: bool = False
    seller: bool = False
    leave_at: int | None = None
    leave_by: str | None = None
    last_t: int = -1


@dataclass(slots=True, eq=False)
class Msg:
    t: int
    seq: int
    member: Member
    act: Act
    text: str
    sentiment: float
    toxicity: float
    reply: Msg | None = None
    mentions: tuple[str, ...] = ()
    id: str = ""


@dataclass(slots=True, eq=False)
class Membership:
    t: int
    seq: int
    type: EventType
    member: Member
    by: str | None = None


@dataclass(slots=True)
class Bank:
    """The phrase lists of a language plus the group's topic."""

    lists: dict[str, Any]
    topic: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.lists[key]


def _module_lists(mod: ModuleType) -> dict[str, Any]:
    return {k: v for k, v in vars(mod).items() if k.isupper()}


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class GroupSim:
    """Generates one group's events with their intended labels."""

    def __init__(self, info: GroupInfo, p: Params, rng: random.Random) -> None:
        self.info = info
        self.p = p
        self.rng = rng
        self.zh = info.lang == "zh"
        if self.zh:
            lists = _module_lists(phrases_zh)
            topic = topics_zh.TOPICS[info.topic]
        else:
            lists = _module_lists(phrases_en)
            topic = phrases_en.TOPIC
        self.bank = Bank(lists, topic)
        group_slots: dict[str, list[str]] = {"place": list(info.places or lists["SLOTS"]["city"])}
        self.filler = Filler(rng, [group_slots, topic["slots"], lists["SLOTS"]])
        self.base = datetime(
            END_DATE.year, END_DATE.month, END_DATE.day, tzinfo=info.tz
        ) - timedelta(days=DAYS)
        self.seq = 0
        self.msgs: list[Msg] = []
        self.memberships: list[Membership] = []
        self.members: list[Member] = []
        self.used_names: set[str] = set()
        self.staff = [self._new_member(role=Role.STAFF, name=nm) for nm in info.staff_names]
        for _ in range(p.initial_members):
            self._new_member()
        self.pool: list[Member] = []
        self.cum: list[float] = []
        self.hcum: list[float] = []
        self.day = 0
        self.quiet: list[tuple[int, int]] = []
        self._choose_helpers()
        self._choose_sellers()

    # ------------------------------------------------------------ members

    def _new_name(self) -> str:
        rng = self.rng
        for attempt in range(60):
            if self.zh:
                zh = self.bank.lists
                r = rng.random()
                core = rng.choice(zh["NAME_PREFIX"]) + rng.choice(zh["NAME_CORE"])
                if r < 0.35:
                    name = core
                elif r < 0.55 and self.info.name_flavor:
                    name = rng.choice(self.info.name_flavor) + core
                elif r < 0.85:
                    name = rng.choice(zh["NAME_SOLO"])
                else:
                    name = rng.choice(zh["NAME_SOLO"]) + rng.choice(zh["NAME_TAIL"])
            else:
                en = self.bank.lists
                first = rng.choice(en["NAME_FIRST"])
                name = rng.choice(en["NAME_STYLE"]).format(
                    f=first, i=rng.choice("ABCDEFGHJKLMNPRSTW"), d=rng.randint(1, 99)
                )
            if attempt > 40:
                name = f"{name}{rng.randint(2, 999)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("names exhausted")  # pragma: no cover

    def _spam_name(self) -> str:
        for _ in range(20):
            name = self.rng.choice(self.bank["SPAM_NAMES"])
            if self.rng.random() < 0.6:
                name += str(self.rng.randint(1, 999))
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return self._new_name()

    def _new_member(
        self, role: Role = Role.MEMBER, name: str | None = None, day: int = -1
    ) -> Member:
        n = len(self.members) + 1
        if name is None:
            name = self._new_name()
        else:
            self.used_names.add(name)
        weight = min(8.0, self.rng.paretovariate(1.8))
        m = Member(n, f"u-{self.info.key}-{n}", name, role, weight, joined_day=day)
        self.members.append(m)
        return m

    def _choose_helpers(self) -> None:
        ordinary = [m for m in self.members if m.role is Role.MEMBER]
        ordinary.sort(key=lambda m: -m.weight)
        top = ordinary[: max(1, len(ordinary) // 5)]
        chosen = self.rng.sample(top, min(self.p.helpers, len(top)))
        for i, m in enumerate(chosen):
            # half are helpers from the start, the others emerge during the window
            m.helper_from = 0 if i % 2 == 0 else self.rng.randint(12, 35)
            m.weight = max(m.weight, 3.0)

    def _choose_sellers(self) -> None:
        ordinary = [m for m in self.members if m.role is Role.MEMBER and m.helper_from is None]
        for m in self.rng.sample(ordinary, min(self.p.sellers, len(ordinary))):
            m.seller = True

    def _refresh_pool(self, day: int) -> None:
        self.pool = [
            m
            for m in self.members
            if m.role is Role.MEMBER and not m.ad and m.joined_day < day and m.leave_at is None
        ]
        self._weigh(day)

    def _weigh(self, day: int) -> None:
        weights = [
            m.weight * (2.0 if 0 <= day - m.joined_day <= 7 and m.joined_day >= 0 else 1.0)
            for m in self.pool
        ]
        self.cum = list(accumulate(weights))
        boost = self.p.helper_boost
        hweights = [
            w * (boost if m.helper_from is not None and m.helper_from <= day else 1.0)
            for w, m in zip(weights, self.pool, strict=True)
        ]
        self.hcum = list(accumulate(hweights))

    def pick(self, exclude: tuple[Member, ...] = (), helpful: bool = False) -> Member:
        cum = self.hcum if helpful else self.cum
        m = self.pool[0]
        for _ in range(12):
            m = self.rng.choices(self.pool, cum_weights=cum)[0]
            if m not in exclude:
                return m
        return m

    def pick_staff(self) -> Member:
        if len(self.staff) == 1 or self.rng.random() < 0.6:
            return self.staff[0]
        return self.rng.choice(self.staff[1:])

    # ------------------------------------------------------------ writing

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def say(
        self,
        t: int,
        m: Member,
        act: Act,
        text: str,
        reply: Msg | None = None,
        mentions: tuple[Member, ...] = (),
        sentiment: tuple[float, float] | None = None,
        toxicity: tuple[float, float] | None = None,
    ) -> Msg:
        rng = self.rng
        lo, hi = sentiment or _SENTIMENT[act]
        if toxicity is None:
            toxicity = (
                (0.6, 0.95)
                if act is Act.ATTACK
                else (0.0, 0.12)
                if act is Act.COMPLAINT
                else (0.0, 0.0)
            )
        msg = Msg(
            t,
            self._next_seq(),
            m,
            act,
            text,
            round(rng.uniform(lo, hi), 2),
            round(rng.uniform(*toxicity), 2),
            reply,
            tuple(x.id for x in mentions),
        )
        self.msgs.append(msg)
        m.last_t = max(m.last_t, t)
        return msg

    def join(self, t: int, m: Member) -> None:
        self.memberships.append(Membership(t, self._next_seq(), EventType.JOIN, m))

    def delay(self, span: tuple[float, float]) -> int:
        lo, hi = span
        return max(1, int(60 * (lo + (hi - lo) * self.rng.random() ** 2)))

    def ctx(self, **extra: str) -> dict[str, str]:
        out = {
            "group": self.info.name,
            "value": self.info.value,
            "rules": self.info.rules,
            "rules_short": self.info.rules_short,
            "staff_name": self.staff[0].name,
        }
        out.update(extra)
        return out

    def t_in_day(self, day: int) -> int:
        weekend = (self.base + timedelta(days=day)).weekday() >= 5
        cum = _CUM_WEEKEND if weekend else _CUM_WEEKDAY
        hour = self.rng.choices(range(24), cum_weights=cum)[0]
        return day * DAY + hour * 3600 + self.rng.randrange(3600)

    def is_quiet(self, t: int) -> bool:
        return any(a <= t < b for a, b in self.quiet)

    # ------------------------------------------------------------ the run

    def trend(self, day: int) -> float:
        if self.p.trend == "fade":
            return 1.0 if day < 16 else max(0.07, math.exp(-(day - 16) / 8.0))
        return 1.0

    def run(self) -> list[tuple[Event, Label | None]]:
        rng, p = self.rng, self.p
        if p.trend == "fade":
            a = (rng.randint(38, 41) * DAY) + rng.randint(8, 20) * 3600
            b = a + rng.randint(62, 80) * 3600
            c = b + rng.randint(3, 5) * DAY
            self.quiet = [(a, b), (c, min(c + rng.randint(60, 84) * 3600, END - 6 * 3600))]
        episodes = [
            (p.chat_bursts, self.ep_chat),
            (p.joins, self.ep_join),
            (p.join_bursts, self.ep_join_burst),
            (p.questions, self.ep_question),
            (p.shares, self.ep_share),
            (p.brand_praise, self.ep_brand_praise),
            (p.staff_shares, self.ep_staff_share),
            (p.rules, self.ep_rules),
            (p.complaints, self.ep_complaint),
            (p.criticisms, self.ep_criticism),
            (p.conflicts, self.ep_conflict),
            (p.member_ads, self.ep_member_ad),
        ]
        for day in range(DAYS):
            self.day = day
            self._refresh_pool(day)
            weekend = (self.base + timedelta(days=day)).weekday() >= 5
            f = self.trend(day) * (p.weekend if weekend else 1.0) * rng.uniform(0.8, 1.2)
            for rate, ep in episodes:
                for _ in range(_poisson(rng, rate * f)):
                    t = self.t_in_day(day)
                    if not self.is_quiet(t):
                        ep(t)
            leave_rate = p.leaves * (1.0 if p.trend == "flat" else 0.6 + 0.8 * (day / DAYS))
            for _ in range(_poisson(rng, leave_rate)):
                self.ep_leave(self.t_in_day(day))
        return self._events()

    def _events(self) -> list[tuple[Event, Label | None]]:
        # leaves come after the member's last message
        for m in self.members:
            if m.leave_at is None or m.leave_by is not None:
                continue
            leave_t = max(m.leave_at, m.last_t + self.rng.randint(300, 6 * 3600))
            if leave_t < END:
                self.memberships.append(Membership(leave_t, self._next_seq(), EventType.LEAVE, m))
        for m in self.members:
            if m.leave_by is not None and m.leave_at is not None and m.leave_at < END:
                self.memberships.append(
                    Membership(m.leave_at, self._next_seq(), EventType.LEAVE, m, by=m.leave_by)
                )
        items: list[Msg | Membership] = [x for x in self.msgs if x.t < END]
        items += [x for x in self.memberships if x.t < END]
        items.sort(key=lambda x: (x.t, x.seq))
        out: list[tuple[Event, Label | None]] = []
        gid, gname, key = self.info.id, self.info.name, self.info.key
        n = 0
        for x in items:
            at = self.base + timedelta(seconds=x.t)
            if isinstance(x, Msg):
                n += 1
                x.id = f"{key}-m{n}"
                ev = Event(
                    type=EventType.MESSAGE,
                    group_id=gid,
                    at=at,
                    member_id=x.member.id,
                    event_id=x.id,
                    name=x.member.name,
                    role=x.member.role,
                    text=x.text,
                    reply_to=x.reply.id if x.reply is not None else None,
                    mentions=x.mentions,
                    group_name=gname,
                )
                out.append((ev, Label(x.act, x.sentiment, x.toxicity, source="demo")))
            else:
                ev = Event(
                    type=x.type,
                    group_id=gid,
                    at=at,
                    member_id=x.member.id,
                    name=x.member.name,
                    role=Role.MEMBER,
                    by=x.by,
                    group_name=gname,
                )
                out.append((ev, None))
        return out

    # ------------------------------------------------------------ episodes

    def chat_text(self, t: int) -> str:
        b, hour = self.bank, (t % DAY) // 3600
        r = self.rng.random()
        if 6 <= hour <= 9 and r < 0.6:
            lst = b["CHAT_MORNING"]
        elif 11 <= hour <= 13 and r < 0.4:
            lst = b["CHAT_NOON"]
        elif 17 <= hour <= 21 and r < 0.35:
            lst = b["CHAT_EVENING"]
        elif (hour >= 22 or hour <= 2) and r < 0.35:
            lst = b["CHAT_NIGHT"]
        elif r < 0.8:
            lst = b["CHAT_ANY"]
        else:
            return self.filler.say(b["REACT"])
        return self.wrap(self.filler.say(lst), "CHAT")

    def wrap(self, text: str, kind: str) -> str:
        """``text`` with a lead-in and a tail drawn from the ``<kind>_LEAD`` / ``_TAIL`` lists."""
        b, rng = self.bank, self.rng
        lead = rng.choice(b[kind + "_LEAD"]) if kind + "_LEAD" in b.lists else ""
        key = lead.strip(",: ")
        if key and (
            "请问" in text or "问一下" in text or key in text or (self.zh and key[-2:] in text)
        ):
            lead = ""  # no "各位大佬,有没有大佬…"
        tail = rng.choice(b[kind + "_TAIL"])
        return self.filler.fill(lead + text + tail)

    def ep_chat(self, t: int) -> None:
        rng, p = self.rng, self.p
        k = rng.randint(*p.burst_len)
        parts: list[Member] = []
        for _ in range(min(k, rng.randint(2, 4))):
            m = self.pick(exclude=tuple(parts))
            if m not in parts:
                parts.append(m)
        if rng.random() < p.staff_chat:
            parts.append(self.pick_staff())
        prev: Msg | None = None
        for _ in range(k):
            m = rng.choice(parts)
            if prev is not None and m is prev.member and len(parts) > 1:
                m = rng.choice([x for x in parts if x is not prev.member])
            reply = (
                prev if prev is not None and prev.member is not m and rng.random() < 0.2 else None
            )
            prev = self.say(t, m, Act.CHITCHAT, self.chat_text(t), reply=reply)
            t += rng.randint(6, 150)

    def _welcome(self, t: int, m: Member, hello: Msg | None) -> None:
        rng, p, b = self.rng, self.p, self.bank
        staff = rng.random() < p.welcome_staff
        if staff:
            w = self.pick_staff()
            if rng.random() < p.curt_welcome:
                text = self.filler.say(b["CURT_WELCOME"], {"name": m.name})
                sent = (-0.1, 0.2)
            elif rng.random() < 0.6:
                text = self.filler.say(b["STAFF_WELCOME"], self.ctx(name=m.name))
                sent = (0.6, 0.9)
            else:
                text = self.filler.say(b["WELCOME"], {"name": m.name})
                sent = (0.5, 0.85)
        else:
            w = self.pick(exclude=(m,), helpful=True)
            text = self.filler.say(b["WELCOME"], {"name": m.name})
            sent = (0.5, 0.85)
        reply = hello if hello is not None and hello.t < t and rng.random() < 0.35 else None
        self.say(t, w, Act.WELCOME, text, reply=reply, mentions=(m,), sentiment=sent)
        if not staff and rng.random() < p.second_welcome:
            w2 = self.pick(exclude=(m, w), helpful=True)
            t2 = t + rng.randint(10, 240)
            self.say(
                t2, w2, Act.WELCOME, self.filler.say(b["WELCOME"], {"name": m.name}), mentions=(m,)
            )

    def ep_join(self, t: int) -> None:
        rng, p = self.rng, self.p
        if rng.random() < p.ad_join_share:
            spam = rng.random() < 0.5
            m = self._new_member(day=self.day, name=self._spam_name() if spam else None)
            self.join(t, m)
            self._ad_account(t, m)
            return
        m = self._new_member(day=self.day)
        self.join(t, m)
        hello = None
        if rng.random() < p.hello:
            lst = self.bank["HELLO"] + self.bank.topic.get("hello", [])
            hello = self.say(t + rng.randint(15, 150), m, Act.CHITCHAT, self.filler.say(lst))
        if rng.random() < p.welcome * (0.6 + 0.4 * self.trend(self.day)):
            self._welcome(t + self.delay(p.welcome_delay), m, hello)
        if rng.random() < p.newcomer_question:
            self.ep_question(t + rng.randint(180, 5400), asker=m)

    def ep_join_burst(self, t: int) -> None:
        rng, b = self.rng, self.bank
        joiners = [self._new_member(day=self.day) for _ in range(rng.randint(3, 6))]
        for i, m in enumerate(joiners):
            self.join(t + i * rng.randint(3, 30), m)
        t_last = t + 200
        w = self.pick(helpful=True) if rng.random() > self.p.welcome_staff else self.pick_staff()
        self.say(
            t_last + self.delay((0.5, 5.0)), w, Act.WELCOME, self.filler.say(b["GROUP_WELCOME"])
        )
        for m in joiners:
            if rng.random() < 0.3:
                self.say(
                    t_last + rng.randint(200, 1200), m, Act.CHITCHAT, self.filler.say(b["HELLO"])
                )

    def _ad_text(self) -> str:
        return self.filler.say(self.bank["ADS"])

    def _ad_account(self, t: int, m: Member) -> None:
        rng, p, b = self.rng, self.p, self.bank
        m.ad = True
        if rng.random() < p.flood_share:
            start = t + rng.randint(30, 1800)
            first = self._ad_text()
            ts = start
            for i in range(rng.randint(12, 18)):
                text = (
                    first
                    if i == 0 or rng.random() < 0.4
                    else (
                        self._ad_text() if rng.random() < 0.5 else self.filler.say(b["FLOOD_EXTRA"])
                    )
                )
                self.say(ts, m, Act.AD, text, sentiment=(0.0, 0.3))
                ts += rng.randint(2, 4)
            last = ts
        else:
            if rng.random() < p.welcome * 0.5:
                self._welcome(t + self.delay(p.welcome_delay), m, None)
            last = t
            for _ in range(rng.choices([1, 2, 3], [0.55, 0.3, 0.15])[0]):
                last = last + self.delay((1.0, 120.0))
                self.say(last, m, Act.AD, self._ad_text())
        if rng.random() < p.ad_staff:
            at = last + self.delay(p.ad_delay)
            s = self.pick_staff()
            self.say(
                at,
                s,
                Act.RULES,
                self.filler.say(b["RULES_AFTER_AD"], {"name": m.name}),
                mentions=(m,),
            )
            m.leave_at, m.leave_by = at + rng.randint(2, 20), s.id
        elif rng.random() < 0.4:
            m.leave_at = last + rng.randint(600, 3 * DAY)

    def ep_member_ad(self, t: int) -> None:
        rng, p, b = self.rng, self.p, self.bank
        sellers = [m for m in self.pool if m.seller]
        m = rng.choice(sellers) if sellers and rng.random() < 0.8 else self.pick()
        self.say(t, m, Act.AD, self._ad_text())
        if rng.random() < p.ad_staff:
            s = self.pick_staff()
            text = self.filler.say(b["RULES_AFTER_AD"], {"name": m.name})
            self.say(t + self.delay(p.ad_delay), s, Act.RULES, text, mentions=(m,))

    def ep_question(self, t: int, asker: Member | None = None) -> None:
        rng, p, b = self.rng, self.p, self.bank
        topic = b.topic
        asker = asker or self.pick()
        qa = topic["qa"]
        ctx = {k: self.filler.fill("{" + k + "}") for k in ("place", *topic["slots"].keys())}
        if rng.random() < 0.7 or not qa:
            feature, step = rng.choice(topic["features"])
            ctx.update(feature=feature, step=step)
            qs, ans = (
                topic.get("howto_q", b["QUESTION_HOWTO"]),
                topic.get("howto_a", b["ANSWER_HOWTO"]),
            )
        else:
            qs, ans = rng.choice(qa)
        q = self.say(t, asker, Act.QUESTION, self.wrap(self.filler.say(qs, ctx), "Q"))
        trend = self.trend(self.day)
        if rng.random() >= p.answer * (0.25 + 0.75 * trend):
            if rng.random() < p.followup:
                again = self.filler.say(b["FOLLOWUP"])
                self.say(t + rng.randint(1800, 3 * 3600), asker, Act.QUESTION, again, reply=q)
            return
        at = t + self.delay(p.answer_delay)
        staff = rng.random() < p.answer_staff
        who = self.pick_staff() if staff else self.pick(exclude=(asker,), helpful=True)
        impatient = staff and rng.random() < p.impatient
        if impatient:
            opts = [x for x in b["IMPATIENT"] if "{step}" not in x or "step" in ctx]
            text = self.filler.say(opts, ctx)
            a = self._address(
                at, who, Act.ANSWER, text, q, sentiment=(-0.65, -0.35), toxicity=(0.1, 0.35)
            )
        else:
            a = self._address(at, who, Act.ANSWER, self.wrap(self.filler.say(ans, ctx), "A"), q)
        if rng.random() < p.second_answer:
            who2 = self.pick(exclude=(asker, who), helpful=True)
            text = self.wrap(self.filler.say(ans, ctx), "A")
            self._address(at + self.delay((1.0, 20.0)), who2, Act.ANSWER, text, q)
        if rng.random() < (p.thank_answer * (0.3 if impatient else 1.0)):
            text = self.wrap(self.filler.say(b["PRAISE_ADDR"], {"name": who.name}), "P")
            self.say(
                a.t + self.delay((0.3, 15.0)), asker, Act.PRAISE, text, reply=a, mentions=(who,)
            )

    def _address(
        self,
        t: int,
        who: Member,
        act: Act,
        text: str,
        target: Msg,
        sentiment: tuple[float, float] | None = None,
        toxicity: tuple[float, float] | None = None,
    ) -> Msg:
        """A reply to ``target``, by reply, by @-mention or (rarely) neither."""
        r = self.rng.random()
        asker = target.member
        if r < 0.6:
            return self.say(t, who, act, text, reply=target, sentiment=sentiment, toxicity=toxicity)
        if r < 0.92:
            return self.say(
                t,
                who,
                act,
                f"@{asker.name} {text}",
                mentions=(asker,),
                sentiment=sentiment,
                toxicity=toxicity,
            )
        return self.say(t, who, act, text, sentiment=sentiment, toxicity=toxicity)

    def ep_share(self, t: int) -> None:
        rng, p, b = self.rng, self.p, self.bank
        sharer = self.pick(helpful=rng.random() < 0.3)
        s = self.say(t, sharer, Act.SHARE, self.filler.say(b.topic["shares"]))
        photo = "[图片]" in s.text or "[image]" in s.text
        if rng.random() < 0.15:
            # a bare picture says nothing by itself: chitchat, not a second contribution
            self.say(
                t + rng.randint(3, 40), sharer, Act.CHITCHAT, "[图片]" if self.zh else "[image]"
            )
            photo = True
        trend = self.trend(self.day)
        if rng.random() >= p.share_praise * (0.4 + 0.6 * trend):
            return
        praisers: list[Member] = [sharer]
        for _ in range(rng.choices([1, 2, 3], [0.55, 0.3, 0.15])[0]):
            at = t + self.delay(p.praise_delay)
            if rng.random() < p.staff_thanks:
                who = self.pick_staff()
                text = self.filler.say(b["STAFF_THANKS"], {"name": sharer.name})
            else:
                who = self.pick(exclude=tuple(praisers), helpful=True)
                lst = b["PRAISE_PHOTO"] + b["PRAISE_ADDR"] if photo else b["PRAISE_ADDR"]
                text = self.wrap(self.filler.say(lst, {"name": sharer.name}), "P")
            praisers.append(who)
            reply = s if rng.random() < 0.5 else None
            self.say(at, who, Act.PRAISE, text, reply=reply, mentions=(sharer,))

    def ep_brand_praise(self, t: int) -> None:
        m = self.pick()
        self.say(t, m, Act.PRAISE, self.wrap(self.filler.say(self.bank.topic["brand_praise"]), "P"))

    def ep_staff_share(self, t: int) -> None:
        s = self.say(
            t, self.pick_staff(), Act.SHARE, self.filler.say(self.bank.topic["staff_shares"])
        )
        if self.rng.random() < 0.3:
            self.say(
                t + self.delay((1.0, 30.0)),
                self.pick(),
                Act.CHITCHAT,
                "收到[强]" if self.zh else "nice, thanks for the heads up",
                reply=s,
            )

    def ep_rules(self, t: int) -> None:
        self.say(t, self.pick_staff(), Act.RULES, self.filler.say(self.bank["RULES"], self.ctx()))

    def ep_leave(self, t: int) -> None:
        candidates = [m for m in self.pool if m.helper_from is None]
        if not candidates:
            return
        m = self.rng.choice(candidates)
        m.leave_at = t
        self.pool.remove(m)
        self._weigh(self.day)

    def ep_complaint(self, t: int) -> None:
        rng, p, b = self.rng, self.p, self.bank
        m = self.pick()
        body = self.filler.fill(rng.choice(b.topic["complaints"]), self.ctx())
        text = self.filler.fill(
            rng.choice(b["COMPLAINT_PREFIX"]) + body + rng.choice(b["COMPLAINT_SUFFIX"])
        )
        c = self.say(t, m, Act.COMPLAINT, text)
        last = t
        if rng.random() < p.pileon:
            for _ in range(rng.randint(1, 2)):
                last += self.delay((0.5, 15.0))
                self.say(
                    last,
                    self.pick(exclude=(m,)),
                    Act.COMPLAINT,
                    self.filler.say(b["PILEON"]),
                    sentiment=(-0.7, -0.35),
                )
        if rng.random() < p.escalate:
            other = self.pick(exclude=(m,))
            self._quarrel(last + self.delay((0.5, 10.0)), other, m, c)
        if rng.random() < p.complaint_staff:
            at = t + self.delay(p.complaint_delay)
            s = self.pick_staff()
            if rng.random() < p.dismissive:
                text = self.filler.say(b["STAFF_DISMISS"], self.ctx(name=m.name))
                self.say(
                    at,
                    s,
                    Act.ANSWER,
                    text,
                    reply=c if rng.random() < 0.5 else None,
                    mentions=(m,),
                    sentiment=(-0.6, -0.35),
                    toxicity=(0.1, 0.3),
                )
            else:
                text = self.filler.say(b["STAFF_CARE"], self.ctx(name=m.name))
                self.say(
                    at,
                    s,
                    Act.ANSWER,
                    text,
                    reply=c if rng.random() < 0.5 else None,
                    mentions=(m,),
                    sentiment=(0.2, 0.5),
                )

    def ep_criticism(self, t: int) -> None:
        rng, p, b = self.rng, self.p, self.bank
        m = self.pick()
        body = self.filler.fill(rng.choice(b.topic["criticisms"]), self.ctx())
        text = self.filler.fill(
            rng.choice(b["CRITICISM_PREFIX"]) + body + rng.choice(b["CRITICISM_SUFFIX"])
        )
        c = self.say(t, m, Act.CRITICISM, text)
        if rng.random() < p.crit_plus:
            self.say(
                t + self.delay((0.5, 20.0)),
                self.pick(exclude=(m,)),
                Act.CHITCHAT,
                self.filler.say(b["CRIT_PLUS"]),
                sentiment=(0.1, 0.4),
            )
        if rng.random() < p.crit_ack:
            at = t + self.delay(p.crit_delay)
            s = self.pick_staff()
            reply = c if rng.random() < 0.5 else None
            if rng.random() < p.crit_brush:
                text = self.filler.say(b["CRIT_BRUSH"], {"name": m.name})
                self.say(
                    at,
                    s,
                    Act.ANSWER,
                    text,
                    reply=reply,
                    mentions=(m,),
                    sentiment=(-0.5, -0.3),
                    toxicity=(0.05, 0.2),
                )
            else:
                text = self.filler.say(b["CRIT_ACK"], self.ctx(name=m.name))
                self.say(at, s, Act.PRAISE, text, reply=reply, mentions=(m,))

    def ep_conflict(self, t: int) -> None:
        rng, b = self.rng, self.bank
        a = self.pick()
        trigger = self.say(t, a, Act.CHITCHAT, self.chat_text(t))
        if rng.random() < 0.5:
            body = self.filler.fill(rng.choice(b.topic["complaints"]), self.ctx())
            trigger.act, trigger.text = Act.COMPLAINT, body
            trigger.sentiment = round(rng.uniform(-0.8, -0.45), 2)
        other = self.pick(exclude=(a,))
        self._quarrel(t + self.delay((0.3, 8.0)), other, a, trigger)

    def _quarrel(self, t: int, attacker: Member, target: Member, about: Msg) -> None:
        """``attacker`` insults ``target`` over ``about``; they trade insults."""
        rng, p, b = self.rng, self.p, self.bank
        first = self.filler.say(b["ATTACK_OPEN"], {"name": target.name})
        msg = self.say(t, attacker, Act.ATTACK, first, reply=about, mentions=(target,))
        pair = [attacker, target]
        for i in range(rng.randint(*p.conflict_len) - 1):
            t += rng.randint(20, 240)
            who, whom = pair[(i + 1) % 2], pair[i % 2]
            text = self.filler.fill(
                rng.choice(b["ATTACK"]) + rng.choice(b["ATTACK_SUFFIX"]), {"name": whom.name}
            )
            msg = self.say(t, who, Act.ATTACK, text, reply=msg, mentions=(whom,))
        if rng.random() < p.calm:
            self.say(
                t + rng.randint(30, 300),
                self.pick(exclude=tuple(pair)),
                Act.CHITCHAT,
                self.filler.say(b["CALM"]),
                sentiment=(-0.1, 0.2),
            )
        if rng.random() < p.conflict_staff:
            s = self.pick_staff()
            text = self.filler.say(b["RULES_AFTER_FIGHT"], {"a": attacker.name, "b": target.name})
            self.say(
                t + self.delay(p.conflict_delay), s, Act.RULES, text, mentions=(attacker, target)
            )
        if rng.random() < 0.08:
            quitter = rng.choice(pair)
            if quitter.leave_at is None and quitter.helper_from is None:
                quitter.leave_at = t + rng.randint(60, 1800)


__all__ = ["DAYS", "END_DATE", "GroupSim", "Member", "Msg"]
