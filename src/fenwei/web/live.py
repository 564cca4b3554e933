"""The live engine of ``fenwei serve``: events in, situations out, as they happen.

One ``Engine`` per group (the same class the replay uses), so a group can be
rebuilt alone. At start each group's stored events are replayed with their
stored labels; then an event that arrives is stored (idempotent: an event
already stored is not fed again), classified, fed to its group's engine, and
the situations it changed are written at once (``Store.upsert_situations``;
decided suggestions keep their status). A ticker moves every engine to the
wall clock each second so deadlines, delayed drafts and autopilot fire.

Late events (CONTRACTS.md): an event up to ``late_window`` older than its
group's latest is applied by replaying that group from the store; an older
one is stored only (counted in the metrics, drafting nothing).

Autopilot: when the engine says a send is due and no person has decided the
situation's suggestions, the drafts become ``sent`` (the outbox delivers
them) and the situation is resolved by ``fenwei``; each send is audited.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection

from fenwei.clock import Clock, SystemClock
from fenwei.config.community import CommunityConfig
from fenwei.engine import Engine
from fenwei.model import Act, Event, EventType, Label
from fenwei.model.situations import Change, Situation
from fenwei.pipeline.analysis import Classify, label_stream
from fenwei.playbooks import Playbooks
from fenwei.store import Store

logger = logging.getLogger(__name__)

LATE_WINDOW = timedelta(minutes=5)
KEEP = timedelta(days=30)
"""Situations done this long ago are dropped from memory (the store keeps them)."""
PRUNE_EVERY = timedelta(hours=1)
ADOPT_EVERY = 5.0
"""Seconds between looks for groups stored by another process."""
CONTEXT_TEXTS = 20_000
FENWEI_ACTOR = "fenwei"

Listener = Callable[[set[str]], None]


@dataclass(slots=True)
class IngestResult:
    """What happened to a batch of events."""

    stored: int = 0
    present: int = 0
    applied: int = 0
    rebuilt: set[str] = field(default_factory=set)
    stored_only: int = 0
    groups: set[str] = field(default_factory=set)


class _Texts:
    """Recent message texts by (group, id): the classifier's reply context."""

    def __init__(self, size: int = CONTEXT_TEXTS) -> None:
        self.size = size
        self._texts: OrderedDict[tuple[str, str], str] = OrderedDict()

    def add(self, group_id: str, event_id: str | None, text: str | None) -> None:
        if event_id is None:
            return
        self._texts[(group_id, event_id)] = text or ""
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)

    def get(self, group_id: str, event_id: str | None) -> str | None:
        return self._texts.get((group_id, event_id)) if event_id else None


class LiveEngine:
    """The community's situations, kept current as events arrive and time passes."""

    def __init__(
        self,
        store: Store,
        config: CommunityConfig,
        *,
        classify: Classify | None,
        clock: Clock | None = None,
        late_window: timedelta = LATE_WINDOW,
    ) -> None:
        self.store = store
        self.config = config
        self.classify = classify
        self.clock = clock or SystemClock()
        self.late_window = late_window
        self.lock = threading.RLock()
        self.engines: dict[str, Engine] = {}
        self.latest: dict[str, datetime] = {}
        self.versions: dict[str, int] = {}
        self.listeners: list[Listener] = []
        self._texts = _Texts()
        self._pruned_at: datetime | None = None
        self._adopted_at = time.monotonic()

    # -- start and rebuild -------------------------------------------------

    def start(self) -> None:
        """Replay every stored group, then catch up with the wall clock."""
        with self.lock:
            for gid in sorted(self.store.group_names()):
                self._rebuild(gid)

    def rebuild(self, group_ids: Iterable[str]) -> None:
        with self.lock:
            for gid in group_ids:
                self._rebuild(gid)
            self._notify(set(group_ids))

    def reconfigure(self, config: CommunityConfig, group_ids: Iterable[str] | None = None) -> None:
        """New settings: rebuild the groups they touch (default: all)."""
        with self.lock:
            self.config = config
            groups = list(group_ids) if group_ids is not None else sorted(self.store.group_names())
            for gid in groups:
                self._rebuild(gid)
            self._notify(set(groups))

    def _new_engine(self, staff: dict[str, set[str]] | None = None) -> Engine:
        """An engine for one group; ``staff``: who is staff in the stored events
        (as the replay knows them, ``pipeline.analysis``)."""
        return Engine(self.config, drafter=Playbooks(self.config), staff=staff)

    def _rebuild(self, group_id: str) -> None:
        """Replay one group from the store: the same situations, the same ids.

        What the replay and the catch-up to now fire is history: autopilot
        sends that fell due while the server was down are not made now.
        """
        engine = self._new_engine(self.store.staff_ids([group_id]))
        stored = self.store.read_labels([group_id])
        corrections = self.store.read_corrections([group_id])
        fresh: list[tuple[str, Label]] = []
        latest: datetime | None = None
        for event, label in label_stream(
            self.store.iter_events([group_id]),
            classify=self.classify,
            corrections=corrections,
            stored=stored,
        ):
            engine.feed(event, label)
            if event.type is EventType.MESSAGE:
                self._texts.add(group_id, event.event_id, event.text)
                if label is not None and (group_id, event.event_id or "") not in stored:
                    fresh.append((event.event_id or "", label))
            latest = event.at if latest is None else max(latest, event.at)
        if latest is not None:
            engine.advance_to(latest)
        engine.advance_to(max(self.clock.now(), latest) if latest else self.clock.now())
        self.engines[group_id] = engine
        if latest is not None:
            self.latest[group_id] = latest
        with self.store.begin() as conn:
            if fresh:
                self.store.write_labels(conn, group_id, fresh)
            self.store.save_situations(conn, [group_id], engine.situations())
        self._bump(group_id)

    # -- events ------------------------------------------------------------

    def ingest(self, events: Sequence[Event]) -> IngestResult:
        """Store events (those already stored change nothing) and apply the new ones.

        Events, labels and the situations they change are written in one
        transaction; if it fails, the groups are replayed from the store so the
        engine never holds what the store lost. Late events are applied after
        it commits (the rebuild reads them back from the store).
        """
        result = IngestResult()
        if not events:
            return result
        with self.lock:
            known = self.store.existing_keys(events)
            new: list[Event] = []
            seen: set[tuple[str, str]] = set()
            for e in events:
                k = (e.group_id, e.key)
                if k in known or k in seen:
                    continue
                seen.add(k)
                new.append(e)
            labels = self._label(new)
            groups: dict[str, list[Event]] = {}
            for e in sorted(new, key=lambda e: e.at):
                groups.setdefault(e.group_id, []).append(e)
            late: list[str] = []
            try:
                with self.store.begin() as conn:
                    written = self.store.write_events(conn, events)
                    by_group: dict[str, list[tuple[str, Label]]] = {}
                    for e in new:
                        lb = labels.get((e.group_id, e.key))
                        if lb is not None and e.event_id is not None:
                            by_group.setdefault(e.group_id, []).append((e.event_id, lb))
                    for gid, rows in by_group.items():
                        self.store.write_labels(conn, gid, rows)
                    for gid, evs in groups.items():
                        if not self._apply_group(conn, gid, evs, labels, result):
                            late.append(gid)
            except Exception:
                for gid in groups:
                    if gid not in late:
                        self._rebuild(gid)
                raise
            result.stored, result.present = written.inserted, written.present
            for gid in late:
                self._rebuild(gid)
            result.groups = set(groups)
        if result.groups:
            self._notify(result.groups)
        return result

    def _apply_group(
        self,
        conn: Connection,
        group_id: str,
        events: list[Event],
        labels: dict[tuple[str, str], Label],
        result: IngestResult,
    ) -> bool:
        """Feed a group's new events; False when they are late (a rebuild is due)."""
        latest = self.latest.get(group_id)
        engine = self.engines.get(group_id)
        if latest is not None and events[0].at < latest:
            fresh = [e for e in events if e.at >= latest - self.late_window]
            result.stored_only += len(events) - len(fresh)
            if fresh:
                result.rebuilt.add(group_id)
                result.applied += len(fresh)
                return False
            return True
        if engine is None:
            if group_id in self.store.group_names():
                # stored before this batch (imported while serving): replay it whole
                result.rebuilt.add(group_id)
                result.applied += len(events)
                return False
            engine = self._new_engine()
            self.engines[group_id] = engine
        changes: list[Change] = []
        for e in events:
            changes += engine.feed(e, labels.get((group_id, e.key)))
            if e.type is EventType.MESSAGE:
                self._texts.add(group_id, e.event_id, e.text)
            result.applied += 1
        self.latest[group_id] = events[-1].at if latest is None else max(latest, events[-1].at)
        self._persist(conn, group_id, engine, changes)
        return True

    def _label(self, events: Sequence[Event]) -> dict[tuple[str, str], Label]:
        messages = [e for e in events if e.type is EventType.MESSAGE]
        if not messages:
            return {}
        items: list[tuple[str, str | None, str | None]] = [
            (e.text or "", e.role.value, self._texts.get(e.group_id, e.reply_to)) for e in messages
        ]
        if self.classify is None:
            found = [Label(Act.CHITCHAT, source="default") for _ in items]
        else:
            found = self.classify(items)
        return {(e.group_id, e.key): lb for e, lb in zip(messages, found, strict=True)}

    # -- time --------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> set[str]:
        """Move every group's engine to ``now``; returns the groups that changed."""
        at = now or self.clock.now()
        touched: set[str] = set()
        with self.lock:
            touched |= self._adopt()
            for gid, engine in list(self.engines.items()):
                changes = engine.advance_to(at)
                if changes:
                    with self.store.begin() as conn:
                        self._persist(conn, gid, engine, changes)
                    touched.add(gid)
            if self._pruned_at is None or at - self._pruned_at >= PRUNE_EVERY:
                self._pruned_at = at
                for engine in self.engines.values():
                    engine.prune(at - KEEP)
        if touched:
            self._notify(touched)
        return touched

    def _adopt(self) -> set[str]:
        """Groups another process stored (``fenwei import`` while serving), replayed
        now so that they are listed and analysed without a restart; checked every
        ``ADOPT_EVERY`` seconds."""
        if time.monotonic() - self._adopted_at < ADOPT_EVERY:
            return set()
        self._adopted_at = time.monotonic()
        new = set(self.store.group_names()) - set(self.engines)
        for gid in sorted(new):
            self._rebuild(gid)
        return new

    # -- persistence -------------------------------------------------------

    def _persist(
        self, conn: Connection, group_id: str, engine: Engine, changes: list[Change]
    ) -> None:
        """Write the situations these changes touched; carry out due autopilot sends."""
        if not changes:
            return
        sends: list[tuple[Situation, tuple[str, ...]]] = []
        for c in [c for c in changes if c.type == "autopilot"]:
            sid = c.situation.id
            if self.store.decided_suggestions([sid], conn):
                continue  # a person already decided: autopilot stays out of it
            before = engine.group(group_id).situations[sid]
            changes += engine.record_sent(group_id, sid, c.at)
            after = engine.group(group_id).situations[sid]
            ids = tuple(
                f"{sid}-{i}"
                for i, (x, y) in enumerate(zip(before.suggestions, after.suggestions, strict=True))
                if x.status != y.status and y.status == "sent"
            )
            sends.append((after, ids))
        current = engine.group(group_id).situations
        touched = list(dict.fromkeys(c.situation.id for c in changes))
        situations = [current[sid] for sid in touched if sid in current]
        self.store.upsert_situations(conn, situations)
        for s, ids in sends:
            self.store.audit(
                conn,
                self.clock.now(),
                FENWEI_ACTOR,
                "autopilot.send",
                group_id,
                s.id,
                {"kind": str(s.kind), "suggestions": list(ids)},
            )
        self._bump(group_id)

    # -- listeners ---------------------------------------------------------

    def _bump(self, group_id: str) -> None:
        self.versions[group_id] = self.versions.get(group_id, 0) + 1

    def _notify(self, groups: set[str]) -> None:
        for listener in list(self.listeners):
            try:
                listener(groups)
            except RuntimeError:
                logger.warning("live.listener_failed", extra={"groups": sorted(groups)})
