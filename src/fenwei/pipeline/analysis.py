"""Analysis: replay the stored events through the classifier and the engine.

Labels come, in order of precedence, from a gold file (``--acts``), a KOE's
correction, or the classifier (which also applies exact-text corrections).
Replay is the engine's own: events in time order, the replay clock ending at
the latest event, so a rebuild gives the same situations with the same ids.
Memory stays flat: events stream from the store, messages are classified in
batches, and only a bounded window of recent texts is kept for context.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from fenwei.config.community import CommunityConfig
from fenwei.engine import Engine
from fenwei.errors import ImportFormatError
from fenwei.i18n import t
from fenwei.importers.jsonl import issue_for
from fenwei.model import Act, Event, EventType, ImportIssue, Label
from fenwei.model.situations import Situation
from fenwei.playbooks.drafter import Playbooks
from fenwei.store import Store

logger = logging.getLogger(__name__)

CHUNK = 2000
CONTEXT_WINDOW = 20_000

Classify = Callable[[list[tuple[str, str | None, str | None]]], list[Label]]
ProgressHook = Callable[[int], None]


@dataclass(slots=True)
class Analysis:
    """What one analysis found, per group and in all."""

    situations: list[Situation] = field(default_factory=list)
    situation_count: int = 0
    open_count: int = 0
    messages: dict[str, int] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    last_at: datetime | None = None


MODEL_SETTING = "classifier.model_dir"
"""The store setting naming a community model folder (written by ``fenwei train``)."""


def store_classifier(store: Store) -> Classify:
    """The classifier for this store's community, loaded only if a message needs it.

    The community model ``fenwei train`` wrote, if any, else the shipped one;
    either way every KOE correction applies at once to the same text.
    """
    loaded: list[Classify] = []

    def classify(items: list[tuple[str, str | None, str | None]]) -> list[Label]:
        if not loaded:
            loaded.append(_load_classifier(store))
        return loaded[0](items)

    return classify


def _load_classifier(store: Store) -> Classify:
    from pathlib import Path

    from fenwei.classify import Classifier
    from fenwei.classify.classifier import MODELS_DIR
    from fenwei.classify.corrections import apply_overrides

    folder = store.setting(MODEL_SETTING)
    corrections = store.correction_texts()
    if folder and Path(folder).is_dir():
        clf = Classifier.from_dir(Path(folder))
    elif corrections:
        clf = Classifier.from_dir(MODELS_DIR)  # a copy: the shared default stays as shipped
    else:
        return Classifier.load().classify_batch
    apply_overrides(clf, corrections)
    return clf.classify_batch


class _Texts:
    """A bounded map of recent message texts, for the classifier's context."""

    def __init__(self, size: int = CONTEXT_WINDOW) -> None:
        self.size = size
        self._texts: OrderedDict[tuple[str, str], str] = OrderedDict()

    def add(self, group_id: str, event_id: str, text: str) -> None:
        self._texts[(group_id, event_id)] = text
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)

    def get(self, group_id: str, event_id: str | None) -> str | None:
        return self._texts.get((group_id, event_id)) if event_id else None


def label_stream(
    events: Iterable[Event],
    *,
    classify: Classify | None,
    gold: Mapping[str, Label] | None = None,
    corrections: Mapping[tuple[str, str], Act] | None = None,
    stored: Mapping[tuple[str, str], Label] | None = None,
    chunk: int = CHUNK,
) -> Iterator[tuple[Event, Label | None]]:
    """Pair each event with its message's label, classifying in batches.

    ``gold`` is keyed by message id (an ``--acts`` file); ``corrections`` and
    ``stored`` (labels an earlier analysis stored) by (group, message id). A
    message with neither gold nor stored label is classified, unless
    ``classify`` is None, in which case it is ``chitchat``; a correction
    replaces the act whatever the label's source.
    """
    texts = _Texts()
    buffer: list[Event] = []

    def flush() -> Iterator[tuple[Event, Label | None]]:
        todo: list[tuple[int, tuple[str, str | None, str | None]]] = []
        labels: list[Label | None] = [None] * len(buffer)
        for i, e in enumerate(buffer):
            if e.type is not EventType.MESSAGE:
                continue
            assert e.event_id is not None
            texts.add(e.group_id, e.event_id, e.text or "")
            if gold is not None and e.event_id in gold:
                labels[i] = gold[e.event_id]
                continue
            known = stored.get((e.group_id, e.event_id)) if stored else None
            if known is not None:
                labels[i] = known
                continue
            todo.append((i, (e.text or "", e.role.value, texts.get(e.group_id, e.reply_to))))
        if todo:
            if classify is None:
                for i, _ in todo:
                    labels[i] = Label(Act.CHITCHAT, source="default")
            else:
                for (i, _), lb in zip(todo, classify([item for _, item in todo]), strict=True):
                    labels[i] = lb
        for i, e in enumerate(buffer):
            label = labels[i]
            if label is not None and corrections:
                fixed = corrections.get((e.group_id, e.event_id or ""))
                if fixed is not None:
                    label = Label(fixed, label.sentiment, label.toxicity, label.probs, "correction")
            yield e, label
        buffer.clear()

    for event in events:
        buffer.append(event)
        if len(buffer) >= chunk:
            yield from flush()
    yield from flush()


def analyze_store(
    store: Store,
    config: CommunityConfig | None = None,
    *,
    classify: Classify | None = None,
    gold: Mapping[str, Label] | None = None,
    group_ids: Iterable[str] | None = None,
    dry_run: bool = False,
    reclassify: bool = False,
    collect: bool = True,
    on_progress: ProgressHook | None = None,
) -> Analysis:
    """Replay the store's events (of ``group_ids``, default all) and save the results.

    Groups are independent, so they are replayed one at a time: memory holds
    one group, however many there are. The replay clock still ends at the
    latest event of them all, as one replay of everything would. Labels an
    earlier analysis stored are reused (a rebuild after a correction changes
    only what the correction changes) unless ``reclassify``. ``collect=False``
    keeps only counts in the result (``situation_count``), not the situations.
    """
    config = config or CommunityConfig.default()
    groups = list(group_ids) if group_ids is not None else list(store.group_names())
    result = Analysis()
    result.last_at = store.last_event_at(groups)
    if result.last_at is None:
        return result
    staff = store.staff_ids(groups)
    for gid in groups:
        situations = _analyze_group(
            store,
            gid,
            config,
            staff,
            result,
            classify=classify,
            gold=gold,
            dry_run=dry_run,
            reclassify=reclassify,
            on_progress=on_progress,
        )
        result.situation_count += len(situations)
        result.open_count += sum(1 for x in situations if x.resolution is None and x.due_at)
        if collect:
            result.situations.extend(situations)
    return result


def _analyze_group(
    store: Store,
    gid: str,
    config: CommunityConfig,
    staff: Mapping[str, set[str]],
    result: Analysis,
    *,
    classify: Classify | None,
    gold: Mapping[str, Label] | None,
    dry_run: bool,
    reclassify: bool,
    on_progress: ProgressHook | None,
) -> list[Situation]:
    # Staff are members with role staff on any of their events, later ones too.
    engine = Engine(
        config, drafter=Playbooks(config), dry_run=dry_run, staff={gid: staff.get(gid, set())}
    )
    corrections = store.read_corrections([gid])
    stored = None if reclassify else store.read_labels([gid])
    fresh: list[tuple[str, Label]] = []
    members = result.members.setdefault(gid, set())

    def save_labels() -> None:
        with store.begin() as conn:
            store.write_labels(conn, gid, fresh)
        if on_progress:
            on_progress(len(fresh))
        fresh.clear()

    for event, label in label_stream(
        store.iter_events([gid]),
        classify=classify,
        gold=gold,
        corrections=corrections,
        stored=stored,
    ):
        engine.feed(event, label)
        if event.member_id is not None:
            members.add(event.member_id)
        if label is not None and event.event_id is not None:
            result.messages[gid] = result.messages.get(gid, 0) + 1
            fresh.append((event.event_id, label))
            if len(fresh) >= CHUNK:
                save_labels()
    assert result.last_at is not None
    engine.advance_to(result.last_at)
    situations = engine.situations()
    save_labels()
    with store.begin() as conn:
        store.save_situations(conn, [gid], situations)
    return situations


def read_gold(path: str, on_issue: Callable[[ImportIssue], None] | None = None) -> dict[str, Label]:
    """An ``--acts`` file: JSON Lines of ``{"id", "act", "sentiment", "toxicity"}``."""
    gold: dict[str, Label] = {}
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise ImportFormatError(
            "error.import.format",
            path=path,
            problem=t("error.import.unreadable", None, detail=exc.strerror or str(exc)),
        ) from exc
    with fh:
        for lineno, raw in enumerate(fh, 1):
            if raw.isspace():
                continue
            try:
                row = msgspec.json.decode(raw, type=_GoldLine)
            except msgspec.MsgspecError as exc:
                if on_issue:
                    on_issue(issue_for(path, lineno, raw, exc))
                continue
            gold[row.id] = Label(Act(row.act), row.sentiment, row.toxicity, source="gold")
    return gold


class _GoldLine(msgspec.Struct):
    id: str
    act: Act
    sentiment: float = 0.0
    toxicity: float = 0.0
