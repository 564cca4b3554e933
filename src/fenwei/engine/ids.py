"""Stable situation ids: the same data gives the same ids on every run."""

from __future__ import annotations

import hashlib

from fenwei.model.situations import Kind


def situation_id(group_id: str, kind: Kind | str, anchor: str) -> str:
    """An id derived from group, kind and the opening event (or time)."""
    digest = hashlib.sha1(f"{group_id}\x1f{kind}\x1f{anchor}".encode()).hexdigest()
    return "s-" + digest[:12]
