"""The playbook of every situation kind (issue 5 §3)."""

from __future__ import annotations

from fenwei.model.situations import GROUP, Action, Kind
from fenwei.playbooks.drafter import Draft, playbook
from fenwei.playbooks.ladder import Step, ladder_step
from fenwei.playbooks.rewrite import warm_core
from fenwei.playbooks.routing import route_department


@playbook(Kind.NEWCOMER)
def newcomer(d: Draft) -> None:
    """One warm welcome naming them, with the group's value and rules.

    A burst of joins (or a raid) gets one welcome greeting everyone still
    waiting; the engine withdraws the earlier, now superseded drafts.
    """
    s = d.situation
    ids = [o.member_id for o in d.group.newcomer_burst(s) if o.member_id]
    ids.append(s.member_id or "")
    if len(ids) == 1:
        greeting = d.text("newcomer.welcome_one", name=d.name(ids[0]), group=d.group_label())
    else:
        greeting = d.text("newcomer.welcome", names=d.names(ids), group=d.group_label())
    value = d.text("newcomer.value", value=d.settings.value) if d.settings.value else ""
    rules = (
        d.text("newcomer.rules", rules=d.settings.rules)
        if d.settings.rules
        else d.text("newcomer.rules_default")
    )
    d.add_text(
        Action.POST,
        GROUP,
        "newcomer.welcome",
        d.join(greeting, value, rules, d.text("newcomer.closing")),
    )


@playbook(Kind.OPEN_QUESTION)
def open_question(d: Draft) -> None:
    """A nudge to the group with the question quoted, and one to the staff."""
    s = d.situation
    name, quote = d.name(s.member_id), d.quote(s.text)
    d.add(Action.POST, GROUP, "open_question.nudge", name=name, quote=quote)
    staff = [m for m in d.staff_ids() if m != s.member_id]
    if staff:
        d.add(Action.PRIVATE_MESSAGE, staff[0], "open_question.staff", name=name, quote=quote)


@playbook(Kind.OPEN_QUESTION, note="dismissive")
def dismissive_answer(d: Draft) -> None:
    """A dismissive answer (这都不会?): reassure the group that every question is welcome."""
    _, event_id, answerer = (d.note or "::").split(":", 2)
    d.add(
        Action.POST,
        GROUP,
        "open_question.dismissive",
        event_id=event_id or None,
        name=d.name(d.situation.member_id),
        answerer=d.name(answerer),
    )


@playbook(Kind.UNTHANKED_CONTRIBUTION)
def unthanked_contribution(d: Draft) -> None:
    """Public thanks naming the member and what they shared."""
    s = d.situation
    key = "unthanked_contribution.answer" if s.act == "answer" else "unthanked_contribution.share"
    d.add(Action.POST, GROUP, key, name=d.name(s.member_id), quote=d.quote(s.text, 30))


@playbook(Kind.COMPLAINT)
def complaint(d: Draft) -> None:
    """A private message treating it as a request for help, and a calm group note."""
    s = d.situation
    name = d.name(s.member_id)
    to = s.member_id or GROUP
    d.add(Action.PRIVATE_MESSAGE, to, "complaint.private", name=name, quote=d.quote(s.text, 40))
    d.add(Action.POST, GROUP, "complaint.group", name=name)


@playbook(Kind.CRITICISM)
def criticism(d: Draft) -> None:
    """Thanks in the group, and a feedback ticket routed to a department by topic."""
    s = d.situation
    name = d.name(s.member_id)
    dept = route_department(s.text or "", d.settings)
    dept_label = _department_label(d, dept)
    d.add(
        Action.POST,
        GROUP,
        "criticism.thanks",
        name=name,
        quote=d.quote(s.text, 40),
        department=dept_label,
    )
    d.add(
        Action.TICKET,
        dept,
        "criticism.ticket",
        event_id=s.event_id,
        group=d.group_label(),
        name=name,
        text=" ".join((s.text or "").split()),
    )


def _department_label(d: Draft, dept: str) -> str:
    configured = d.settings.departments.get(dept)
    if configured is not None and configured.name:
        return configured.name
    label = d.text(f"department.{dept}")
    return d.text("department.other") if label == f"playbook.department.{dept}" else label


@playbook(Kind.CONFLICT)
def conflict(d: Draft) -> None:
    """A topic redirect for the group and a private message to each party."""
    s = d.situation
    d.add(Action.POST, GROUP, "conflict.redirect")
    for party in s.parties:
        if not d.group.is_staff(party):
            d.add(Action.PRIVATE_MESSAGE, party, "conflict.private", name=d.name(party))


@playbook(Kind.RULE_VIOLATION)
def rule_violation(d: Draft) -> None:
    """The graded ladder, by the member's earlier violations in the group."""
    s = d.situation
    member = s.member_id or ""
    name = d.name(member)
    rule = d.text(f"rule_violation.rule.{s.act if s.act in ('ad', 'attack', 'flood') else 'ad'}")
    step = ladder_step(d.group.violations_of(member))
    if step is Step.REMIND:
        if d.settings.rules:
            d.add(
                Action.POST,
                GROUP,
                "rule_violation.remind",
                name=name,
                rule=rule,
                rules=d.settings.rules,
            )
        else:
            d.add(Action.POST, GROUP, "rule_violation.remind_default", name=name, rule=rule)
    elif step is Step.WARN:
        d.add(Action.WARN, member, "rule_violation.warn", name=name, rule=rule)
    elif step is Step.REMOVE_MESSAGE:
        d.add(
            Action.REMOVE_MESSAGE,
            member,
            "rule_violation.remove_message",
            event_id=s.event_id,
            name=name,
            quote=d.quote(s.text, 40),
        )
        d.add(Action.WARN, member, "rule_violation.warn", name=name, rule=rule)
    else:
        d.add(Action.REMOVE_MEMBER, member, "rule_violation.remove_member", name=name, rule=rule)
        d.add(Action.POST, GROUP, "rule_violation.removed_note")


@playbook(Kind.SILENCE)
def silence(d: Draft) -> None:
    """A topic starter drawn from what engaged this group before (most replies)."""
    topic = d.group.topic
    if topic is not None and topic.text.strip():
        d.add(
            Action.POST,
            GROUP,
            "silence.starter",
            name=d.name(topic.member_id),
            quote=d.quote(topic.text, 40),
        )
    else:
        d.add(Action.POST, GROUP, "silence.starter_default")


@playbook(Kind.STAFF_TONE)
def staff_tone(d: Draft) -> None:
    """Private coaching with a warmer version of the message."""
    s = d.situation
    targets = [p for p in s.parties if not d.group.is_staff(p)]
    to = "".join(f"@{d.name(p)} " for p in targets[:3])
    core = warm_core(s.text or "", d.settings.staff_tone.cues)
    rewrite = (
        d.text("staff_tone.rewrite", to=to, core=core)
        if core
        else d.text("staff_tone.rewrite_empty", to=to)
    )
    d.add(
        Action.COACH,
        s.member_id or GROUP,
        "staff_tone.coach",
        quote=d.quote(s.text, 40),
        rewrite=rewrite.strip(),
    )


@playbook(Kind.CORE_MEMBER)
def core_member(d: Draft) -> None:
    """Thank them publicly and offer them a role."""
    s = d.situation
    name = d.name(s.member_id)
    d.add(Action.POST, GROUP, "core_member.thanks", name=name)
    d.add(Action.PRIVATE_MESSAGE, s.member_id or GROUP, "core_member.role", name=name)
