"""Group histories for the metrics and reports, read from the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fenwei.config.community import CommunityConfig
from fenwei.metrics import GroupHistory
from fenwei.model.situations import Situation
from fenwei.store import Store


def load_histories(
    store: Store,
    group_ids: Iterable[str] | None = None,
    config: CommunityConfig | None = None,
    situations: Iterable[Situation] | None = None,
) -> Iterator[GroupHistory]:
    """One ``GroupHistory`` per group, one group at a time (memory: one group)."""
    config = config or CommunityConfig.default()
    names = store.group_names()
    groups = sorted(group_ids) if group_ids is not None else sorted(names)
    given: dict[str, list[Situation]] | None = None
    if situations is not None:
        given = {}
        for s in situations:
            given.setdefault(s.group_id, []).append(s)
    for gid in groups:
        labels = {eid: lb for (_, eid), lb in store.read_labels([gid]).items()}
        sits = given.get(gid, []) if given is not None else store.load_situations([gid])
        yield GroupHistory(
            gid,
            tuple(store.iter_events([gid])),
            labels,
            tuple(sits),
            frozenset(config.for_group(gid).staff),
            names.get(gid),
        )
