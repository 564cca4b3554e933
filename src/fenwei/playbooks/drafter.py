"""Playbooks: turn a situation into suggestions, in the group's language.

The words come from the catalogs (``i18n/*/playbooks.yaml``, key
``playbook.<kind>.<variant>``), overridable per group and locale in
``fenwei.yaml`` (``playbooks: {"newcomer.welcome": {zh-CN: "…"}}``). The
locale is the group's configured one, else the group's dominant language in
its messages so far, else zh-CN. Drafting is deterministic (no clock, no
randomness), so replaying history drafts the same words live would have.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from string import Formatter
from typing import Any

from fenwei.config.community import CommunityConfig, GroupSettings
from fenwei.engine.state import GroupState
from fenwei.i18n import DEFAULT_LOCALE, normalize_locale, t
from fenwei.model.situations import Action, Kind, Situation, Suggestion

logger = logging.getLogger(__name__)
QUOTE_LEN = 60


class Draft:
    """What one playbook needs while drafting: texts, names, the group."""

    def __init__(self, s: Situation, g: GroupState, at: datetime, note: str | None = None) -> None:
        self.situation = s
        self.note = note
        self.group = g
        self.settings: GroupSettings = g.settings
        self.at = at
        self.locale = normalize_locale(self.settings.locale) or g.locale_guess() or DEFAULT_LOCALE
        self.out: list[Suggestion] = []

    # words

    def text(self, key: str, **params: Any) -> str:
        """Catalog ``playbook.<key>`` (or the group's override) with ``params``."""
        override = self.settings.playbooks.get(key, {}).get(self.locale)
        if override is not None:
            return _format(override, params)
        return t(f"playbook.{key}", self.locale, **params)

    def join(self, *sentences: str) -> str:
        parts = [s.strip() for s in sentences if s and s.strip()]
        return (" " if self.locale == "en" else "").join(parts)

    def name(self, member_id: str | None) -> str:
        return self.group.name(member_id)

    def names(self, member_ids: list[str], limit: int = 5) -> str:
        """「A」、「B」 / A, B (at most ``limit`` names, then "and N others")."""
        shown = [self.text("list.name", name=self.name(m)) for m in member_ids[:limit]]
        joined = self.text("list.separator").join(shown)
        if len(member_ids) > limit:
            return self.text("list.more", names=joined, count=len(member_ids))
        return joined

    def group_label(self) -> str:
        return self.group.group_name or self.text("this_group")

    def quote(self, text: str | None, limit: int = QUOTE_LEN) -> str:
        clean = " ".join((text or "").split())
        return clean if len(clean) <= limit else clean[: limit - 1] + "…"

    def staff_ids(self) -> list[str]:
        return self.group.staff_ids or sorted(self.settings.staff)

    # suggestions

    def add(
        self, action: Action, to: str, key: str, event_id: str | None = None, **params: Any
    ) -> None:
        self.out.append(
            Suggestion(
                action=action,
                to=to,
                text=self.text(key, **params),
                created_at=self.at,
                key=f"playbook.{key}",
                event_id=event_id,
            )
        )

    def add_text(
        self, action: Action, to: str, key: str, text: str, event_id: str | None = None
    ) -> None:
        self.out.append(
            Suggestion(
                action=action,
                to=to,
                text=text,
                created_at=self.at,
                key=f"playbook.{key}",
                event_id=event_id,
            )
        )


PlaybookFn = Callable[[Draft], None]
PLAYBOOKS: dict[Kind, PlaybookFn] = {}
NOTE_PLAYBOOKS: dict[tuple[Kind, str], PlaybookFn] = {}


def playbook(kind: Kind, note: str | None = None) -> Callable[[PlaybookFn], PlaybookFn]:
    """Register the playbook of one situation kind (or of a note flagged on it)."""

    def register(fn: PlaybookFn) -> PlaybookFn:
        if note is None:
            PLAYBOOKS[kind] = fn
        else:
            NOTE_PLAYBOOKS[(kind, note)] = fn
        return fn

    return register


class Playbooks:
    """The engine's drafter (``fenwei.engine.Drafter``)."""

    def __init__(self, config: CommunityConfig | None = None) -> None:
        self.config = config or CommunityConfig.default()
        from fenwei.playbooks import kinds  # noqa: F401  (registers the playbooks)

    def draft(
        self, situation: Situation, group: GroupState, at: datetime, note: str | None = None
    ) -> list[Suggestion]:
        if note is None:
            fn = PLAYBOOKS.get(situation.kind)
        else:
            fn = NOTE_PLAYBOOKS.get((situation.kind, note.split(":", 1)[0]))
        if fn is None:
            return []
        d = Draft(situation, group, at, note)
        try:
            fn(d)
        except (KeyError, ValueError, IndexError):
            # a broken override must not stop the engine; the situation stays
            logger.exception(
                "playbook.failed", extra={"group": group.group_id, "situation": situation.id}
            )
            return []
        return d.out


def _format(template: str, params: dict[str, Any]) -> str:
    names = {f for _, f, _, _ in Formatter().parse(template) if f}
    return template.format(**{k: params.get(k, "") for k in names})
