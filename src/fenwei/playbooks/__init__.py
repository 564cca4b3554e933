"""Playbooks: the words fenwei drafts for each situation, in the seed's voice.

``Playbooks(config)`` is the engine's drafter: give it to ``Engine`` or
``replay`` and every situation gets its suggestions when it opens (an
unthanked contribution at half its deadline). Texts come from the zh-CN and en
catalogs, overridable per group in ``fenwei.yaml``.
"""

from __future__ import annotations

from datetime import datetime

from fenwei.config.community import GroupSettings
from fenwei.i18n import DEFAULT_LOCALE, normalize_locale, t
from fenwei.model.situations import GROUP, Action, Situation, Suggestion
from fenwei.playbooks.drafter import PLAYBOOKS, Draft, Playbooks, playbook
from fenwei.playbooks.ladder import LADDER, Step, ladder_step
from fenwei.playbooks.rewrite import warm_core
from fenwei.playbooks.routing import route_department


def ticket_closed_note(
    situation: Situation,
    change: str,
    at: datetime,
    *,
    name: str,
    settings: GroupSettings | None = None,
    locale: str | None = None,
) -> Suggestion:
    """The draft telling the group what changed when a criticism's ticket is closed."""
    loc = (
        normalize_locale(locale)
        or (normalize_locale(settings.locale) if settings else None)
        or DEFAULT_LOCALE
    )
    quote = " ".join((situation.text or "").split())
    if len(quote) > 40:
        quote = quote[:39] + "…"
    return Suggestion(
        action=Action.POST,
        to=GROUP,
        text=t("playbook.criticism.closed", loc, name=name, quote=quote, change=change),
        created_at=at,
        key="playbook.criticism.closed",
        event_id=situation.event_id,
    )


__all__ = [
    "LADDER",
    "PLAYBOOKS",
    "Draft",
    "Playbooks",
    "Step",
    "ladder_step",
    "playbook",
    "route_department",
    "ticket_closed_note",
    "warm_core",
]
