"""The ``analyze --json`` document (CONTRACTS.md): groups and situations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fenwei.pipeline.analysis import Analysis
from fenwei.store import Store


def analysis_document(store: Store, analysis: Analysis, group_ids: Iterable[str]) -> dict[str, Any]:
    """``{"groups": [...], "situations": [...]}`` for the analysed groups."""
    names = store.group_names()
    groups = sorted(group_ids)
    wanted = set(groups)
    return {
        "groups": [
            {
                "group": gid,
                "name": names.get(gid) or gid,
                "messages": analysis.messages.get(gid, 0),
                "members": len(analysis.members.get(gid, ())),
            }
            for gid in groups
        ],
        "situations": [s.to_json() for s in analysis.situations if s.group_id in wanted],
    }
