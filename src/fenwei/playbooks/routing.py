"""Routing a criticism to a feedback department by its topic keywords."""

from __future__ import annotations

from fenwei.config.community import GroupSettings


def route_department(text: str, settings: GroupSettings) -> str:
    """The department whose topics best match ``text`` (most hits, then config order).

    With no hit it is the configured ``default_department``.
    """
    low = text.lower()
    best, best_hits = settings.default_department, 0
    for name, dept in settings.departments.items():
        hits = sum(1 for topic in dept.topics if topic and topic.lower() in low)
        if hits > best_hits:
            best, best_hits = name, hits
    return best
