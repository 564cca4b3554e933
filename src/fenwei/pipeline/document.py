"""The ``analyze --json`` document (CONTRACTS.md): groups and situations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fenwei.config.community import CommunityConfig
from fenwei.metrics import atmosphere
from fenwei.pipeline.analysis import Analysis
from fenwei.pipeline.histories import load_histories
from fenwei.store import Store


def analysis_document(
    store: Store,
    analysis: Analysis,
    group_ids: Iterable[str],
    config: CommunityConfig | None = None,
) -> dict[str, Any]:
    """``{"groups": [...], "situations": [...]}`` for the analysed groups.

    Each group's ``atmosphere`` is measured over the whole input.
    """
    names = store.group_names()
    groups = sorted(group_ids)
    wanted = set(groups)
    moods = {
        h.group_id: atmosphere(h).to_json()
        for h in load_histories(store, groups, config, analysis.situations)
    }
    return {
        "groups": [
            {
                "group": gid,
                "name": names.get(gid) or gid,
                "messages": analysis.messages.get(gid, 0),
                "members": len(analysis.members.get(gid, ())),
                "atmosphere": moods[gid],
            }
            for gid in groups
        ],
        "situations": [s.to_json() for s in analysis.situations if s.group_id in wanted],
    }
