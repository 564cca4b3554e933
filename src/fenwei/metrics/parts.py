"""The five parts of the atmosphere index, each 0–100 (docs/METRICS.md).

Every part is a weighted mean of a few components, each a number 0–1 with
the evidence behind it. A component without evidence (no newcomer, no
question…) is left out and the weights of the others are scaled up; a part
with no evidence at all is ``NEUTRAL`` (50). Rates of situations handled
lean towards the middle while there are few cases (one pseudo-case worth
half), so one lucky or unlucky case does not swing a part to 0 or 100.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fenwei.metrics.history import Message, Period, Prepared
from fenwei.model import Act
from fenwei.model.situations import Kind, Resolution, Situation

NEUTRAL = 50.0
PRIOR = 1.0
"""Pseudo-cases worth one half each, added to every rate of situations."""

PARTICIPATION_TARGET = 0.2
CONVERSATION_TARGET = 0.75
POSITIVE, NEGATIVE = 0.3, -0.3
TONE_RATIO = 5.0
"""Positive messages per negative one for full marks (Gottman's 5:1)."""
STAFF_TONE_PENALTY = 3.0
TOXIC = 0.5
BAD_SCALE = 0.05
CORE_TARGET, CORE_SHARE = 3, 0.02
LEAVE_SCALE = 0.02

WEIGHTS: dict[str, dict[str, float]] = {
    "vitality": {"participation": 0.5, "conversation": 0.3, "breadth": 0.2},
    "warmth": {"welcome": 0.3, "thanks": 0.2, "tone": 0.25, "staff_tone": 0.25},
    "safety": {"clean": 0.45, "handling": 0.35, "criticism": 0.2},
    "helpfulness": {"answered": 0.45, "speed": 0.25, "complaints": 0.3},
    "belonging": {"self_governance": 0.5, "core": 0.25, "retention": 0.25},
}

Figure = int | float | None


@dataclass(frozen=True, slots=True)
class Part:
    """One part: its score, its components (0–100, None without evidence),
    the raw figures behind it, and the ids behind the main counts
    (message ids, or situation ids where there is no message)."""

    score: float
    components: Mapping[str, float | None] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    refs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def has_evidence(self) -> bool:
        return any(v is not None for v in self.components.values())

    def to_json(self) -> dict[str, object]:
        return {
            "score": round(self.score, 1),
            "components": {
                k: None if v is None else round(v, 1) for k, v in self.components.items()
            },
            "figures": {
                k: round(v, 4) if isinstance(v, float) else v for k, v in self.figures.items()
            },
            "refs": {k: list(v) for k, v in self.refs.items()},
        }


def _part(
    name: str,
    components: dict[str, float | None],
    figures: dict[str, Figure],
    refs: dict[str, tuple[str, ...]],
) -> Part:
    weights = WEIGHTS[name]
    total = sum(weights[k] for k, v in components.items() if v is not None)
    if total == 0:
        score = NEUTRAL
    else:
        score = 100 * sum(weights[k] * v for k, v in components.items() if v is not None) / total
    return Part(
        round(score, 2),
        {k: None if v is None else round(100 * v, 2) for k, v in components.items()},
        figures,
        refs,
    )


def credit(s: Situation) -> float | None:
    """How well a situation was handled: None while it is still open.

    1 when handled within its deadline; handled late, the deadline divided by
    the time it took (twice the deadline: 0.5); never handled, 0.
    """
    if s.resolution in (Resolution.COMMUNITY, Resolution.STAFF):
        return 1.0
    if s.resolution is not Resolution.EXPIRED:
        return None
    if s.resolved_at is None or s.due_at is None:
        return 0.0
    took = (s.resolved_at - s.opened_at).total_seconds()
    allowed = (s.due_at - s.opened_at).total_seconds()
    if took <= 0 or allowed <= 0:
        return 0.0
    return min(1.0, allowed / took)


@dataclass(slots=True)
class Handled:
    """How the situations of some kinds were handled."""

    total: int = 0
    in_time: int = 0
    late: int = 0
    missed: list[str] = field(default_factory=list)
    credit: float = 0.0

    @classmethod
    def of(cls, situations: Iterable[Situation]) -> Handled:
        h = cls()
        for s in situations:
            c = credit(s)
            if c is None:
                continue
            h.total += 1
            h.credit += c
            if c == 1.0:
                h.in_time += 1
            else:
                h.missed.append(s.event_id or s.id)
                if c > 0:
                    h.late += 1
        return h

    @property
    def rate(self) -> float | None:
        """The share handled, with the prior; None without a case."""
        if self.total == 0:
            return None
        return (self.credit + 0.5 * PRIOR) / (self.total + PRIOR)

    @property
    def in_time_share(self) -> float | None:
        return self.in_time / self.total if self.total else None


def _minutes(situations: Iterable[Situation]) -> list[float]:
    return [
        (s.resolved_at - s.opened_at).total_seconds() / 60
        for s in situations
        if s.resolved_at is not None
    ]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _human(msgs: list[Message]) -> list[Message]:
    return [m for m in msgs if m.act is not Act.AD]


def vitality(h: Prepared, p: Period, msgs: list[Message]) -> Part:
    talk = _human(msgs)
    days = h.days(p)
    shares: list[float] = []
    active_all: set[str] = set()
    for d in days:
        present = h.present(d)
        if not present:
            continue
        active = {m.author for m in _human(h.messages_in(d)) if not m.is_staff}
        active_all |= active
        shares.append(len(active & present) / len(present))
    if not shares:
        return _part(
            "vitality",
            {"participation": None, "conversation": None, "breadth": None},
            {"members": 0, "messages": len(talk)},
            {},
        )
    share = sum(shares) / len(shares)
    interactive = sum(1 for m in talk if m.interactive)
    counts = Counter(m.author for m in talk)
    n = len(talk)
    simpson = 1 - sum((c / n) ** 2 for c in counts.values()) if n else 0.0
    conversation = interactive / n if n else 0.0
    top = counts.most_common(1)[0] if counts else None
    return _part(
        "vitality",
        {
            "participation": min(1.0, share / PARTICIPATION_TARGET),
            "conversation": min(1.0, conversation / CONVERSATION_TARGET),
            "breadth": simpson,
        },
        {
            "members": len(h.present(p)),
            "active": len(active_all),
            "active_share": share,
            "messages": n,
            "interactive": interactive,
            "interactive_share": conversation,
            "speakers": len(counts),
            "top_speaker_share": top[1] / n if top else None,
        },
        {},
    )


def warmth(h: Prepared, p: Period, msgs: list[Message]) -> Part:
    newcomers = h.situations_in(p, Kind.NEWCOMER)
    welcome = Handled.of(newcomers)
    thanks = Handled.of(h.situations_in(p, Kind.UNTHANKED_CONTRIBUTION))
    talk = _human(msgs)
    pos = [m.event_id for m in talk if m.label.sentiment >= POSITIVE]
    neg = [m.event_id for m in talk if m.label.sentiment <= NEGATIVE]
    ratio = (len(pos) + 1) / (len(neg) + 1)
    tone = min(1.0, ratio / TONE_RATIO) if pos or neg else None
    staff_msgs = sum(1 for m in talk if m.is_staff)
    tone_issues = [s.event_id or s.id for s in h.situations_in(p, Kind.STAFF_TONE)]
    staff_tone = (
        max(0.0, 1 - STAFF_TONE_PENALTY * len(tone_issues) / staff_msgs) if staff_msgs else None
    )
    welcomed = [s for s in newcomers if s.resolved_at is not None]
    return _part(
        "warmth",
        {"welcome": welcome.rate, "thanks": thanks.rate, "tone": tone, "staff_tone": staff_tone},
        {
            "newcomers": welcome.total,
            "welcomed_in_time": welcome.in_time,
            "welcomed_late": welcome.late,
            "welcome_coverage": welcome.in_time_share,
            "welcome_median_min": _median(_minutes(welcomed)),
            "contributions": thanks.total,
            "thanked_in_time": thanks.in_time,
            "positive": len(pos),
            "negative": len(neg),
            "tone_ratio": ratio,
            "staff_messages": staff_msgs,
            "staff_tone_issues": len(tone_issues),
        },
        {
            "unwelcomed": tuple(welcome.missed),
            "unthanked": tuple(thanks.missed),
            "negative": tuple(neg),
            "staff_tone": tuple(tone_issues),
        },
    )


def safety(h: Prepared, p: Period, msgs: list[Message]) -> Part:
    humans = [m for m in msgs if not m.is_staff]
    violations = h.situations_in(p, Kind.RULE_VIOLATION)
    conflicts = h.situations_in(p, Kind.CONFLICT)
    bad: dict[str, None] = {}
    for m in humans:
        if m.act in (Act.AD, Act.ATTACK) or m.label.toxicity >= TOXIC:
            bad[m.event_id] = None
    ids = {m.event_id for m in msgs}
    for s in (*violations, *conflicts):
        for e in (s.event_id, *s.event_ids):
            if e is not None and e in ids:
                bad[e] = None
    n = len(msgs)
    clean = math.exp(-(len(bad) / n) / BAD_SCALE) if n else None
    handling = Handled.of((*violations, *conflicts))
    criticism = Handled.of(h.situations_in(p, Kind.CRITICISM))
    return _part(
        "safety",
        {"clean": clean, "handling": handling.rate, "criticism": criticism.rate},
        {
            "messages": n,
            "bad_messages": len(bad),
            "bad_share": len(bad) / n if n else None,
            "ads": sum(1 for m in humans if m.act is Act.AD),
            "attacks": sum(1 for m in humans if m.act is Act.ATTACK),
            "violations": len(violations),
            "conflicts": len(conflicts),
            "incidents_handled_in_time": handling.in_time,
            "incidents_handled_late": handling.late,
            "incidents": handling.total,
            "criticisms": criticism.total,
            "criticisms_acknowledged_in_time": criticism.in_time,
        },
        {
            "bad_messages": tuple(bad),
            "incidents_missed": tuple(handling.missed),
            "criticisms_missed": tuple(criticism.missed),
        },
    )


def helpfulness(h: Prepared, p: Period) -> Part:
    questions = h.situations_in(p, Kind.OPEN_QUESTION)
    answered = Handled.of(questions)
    complaints = Handled.of(h.situations_in(p, Kind.COMPLAINT))
    times = [s for s in questions if s.resolved_at is not None]
    minutes = _minutes(times)
    median = _median(minutes)
    speed = None
    if median is not None:
        deadlines = [(s.due_at - s.opened_at).total_seconds() / 60 for s in times if s.due_at]
        limit = statistics.median(deadlines) if deadlines else 30.0
        speed = limit / (limit + median) if limit + median > 0 else 1.0
    return _part(
        "helpfulness",
        {"answered": answered.rate, "speed": speed, "complaints": complaints.rate},
        {
            "questions": answered.total,
            "answered_in_time": answered.in_time,
            "answered_late": answered.late,
            "answer_coverage": answered.in_time_share,
            "ttfa_median_min": median,
            "complaints": complaints.total,
            "complaints_handled_in_time": complaints.in_time,
        },
        {"unanswered": tuple(answered.missed), "complaints_missed": tuple(complaints.missed)},
    )


_GOVERNED = (Kind.NEWCOMER, Kind.OPEN_QUESTION, Kind.UNTHANKED_CONTRIBUTION)


def belonging(h: Prepared, p: Period, msgs: list[Message]) -> Part:
    by_members: list[str] = []
    by_staff: list[str] = []
    for s in h.situations_in(p, *_GOVERNED):
        who = s.resolved_by
        if who is None or h.is_bot(who):
            continue
        (by_staff if h.is_staff(who) else by_members).append(s.event_id or s.id)
    done = len(by_members) + len(by_staff)
    governance = (len(by_members) + 0.5 * PRIOR) / (done + PRIOR) if done else None
    present = h.present(p)
    speakers = {m.author for m in msgs}
    core = sorted(
        m for m, since in h.core_since.items() if since < p.end and m in present and m in speakers
    )
    target = max(CORE_TARGET, CORE_SHARE * len(present))
    days = h.days(p)
    member_days = sum(len(h.present(d)) for d in days)
    left = [m for _, m, by in h.leaves_in(p) if by is None and m not in h.violators]
    retention = math.exp(-(len(left) / member_days) / LEAVE_SCALE) if member_days else None
    return _part(
        "belonging",
        {
            "self_governance": governance,
            "core": min(1.0, len(core) / target) if present else None,
            "retention": retention,
        },
        {
            "resolved_by_members": len(by_members),
            "resolved_by_staff": len(by_staff),
            "member_share": len(by_members) / done if done else None,
            "core_members": len(core),
            "members": len(present),
            "left": len(left),
            "daily_leave_rate": len(left) / member_days if member_days else None,
        },
        {"by_members": tuple(by_members), "core_members": tuple(core), "left": tuple(left)},
    )
