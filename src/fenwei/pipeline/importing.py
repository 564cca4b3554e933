"""Where importers, the store and (later) the engine meet.

``import_file`` streams one file into the store in batches: each batch is one
transaction, so an import killed mid-way leaves whole batches, and running it
again completes it (events are keyed, so nothing is stored twice). In strict
mode the whole file is one transaction, rolled back if any line is bad.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fenwei.errors import ImportFormatError
from fenwei.importers import ImportOptions, detect, reader_named
from fenwei.model import Event, ImportIssue
from fenwei.store import Store

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

BATCH = 5000

IssueHook = Callable[[ImportIssue], None]
ProgressHook = Callable[[int], None]


@dataclass(slots=True)
class ImportSummary:
    path: str
    format: str
    imported: int = 0
    present: int = 0
    skipped: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    rolled_back: bool = False
    groups: set[str] = field(default_factory=set)


class _StrictAbort(Exception):
    """Raised inside the file's transaction to roll it back."""


def import_file(
    store: Store,
    path: Path,
    options: ImportOptions | None = None,
    *,
    fmt: str | None = None,
    strict: bool = False,
    on_issue: IssueHook | None = None,
    on_progress: ProgressHook | None = None,
    batch_size: int = BATCH,
) -> ImportSummary:
    """Import one file; bad lines are reported through ``on_issue`` and skipped.

    ``strict``: a bad line aborts the file and nothing from it is stored
    (``ImportSummary.rolled_back``); the rest of the file is still read so
    that every bad line is reported.
    """
    if not path.is_file():
        raise ImportFormatError(
            "error.import.format",
            path=str(path),
            problem=_t("error.import.unreadable", detail="no such file"),
        )
    reader = reader_named(fmt) if fmt else detect(path)
    summary = ImportSummary(str(path), reader.name)
    items = reader.read(path, options or ImportOptions())
    store_items(
        store,
        items,
        summary,
        strict=strict,
        on_issue=on_issue,
        on_progress=on_progress,
        batch_size=batch_size,
    )
    return summary


def store_events(
    store: Store,
    events: Iterable[Event],
    *,
    on_progress: ProgressHook | None = None,
    batch_size: int = BATCH,
) -> ImportSummary:
    """Store events that need no reading (generated ones, say), in batches."""
    summary = ImportSummary("-", "events")
    store_items(store, events, summary, on_progress=on_progress, batch_size=batch_size)
    return summary


def store_items(
    store: Store,
    items: Iterable[Event | ImportIssue],
    summary: ImportSummary,
    *,
    strict: bool = False,
    on_issue: IssueHook | None = None,
    on_progress: ProgressHook | None = None,
    batch_size: int = BATCH,
) -> None:
    """Write events in batched transactions, reporting issues into ``summary``."""

    def flush(conn: Connection, batch: list[Event]) -> None:
        summary.groups.update({e.group_id for e in batch})
        result = store.write_events(conn, batch)
        summary.imported += result.inserted
        summary.present += result.present
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    def issue(item: ImportIssue) -> None:
        summary.skipped += 1
        summary.issues.append(item)
        if on_issue:
            on_issue(item)

    batch: list[Event] = []
    if strict:
        try:
            with store.begin() as conn:
                for item in items:
                    if isinstance(item, ImportIssue):
                        issue(item)
                    elif not summary.issues:
                        batch.append(item)
                        if len(batch) >= batch_size:
                            flush(conn, batch)
                if summary.issues:
                    raise _StrictAbort
                flush(conn, batch)
        except _StrictAbort:
            summary.rolled_back = True
            summary.imported = summary.present = 0
            summary.groups.clear()
        return

    pending = iter(items)
    done = False
    while not done:
        with store.begin() as conn:
            for item in pending:
                if isinstance(item, ImportIssue):
                    issue(item)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    flush(conn, batch)
                    break
            else:
                flush(conn, batch)
                done = True


def _t(key: str, **params: object) -> str:
    from fenwei.i18n import t

    return t(key, None, **params)
