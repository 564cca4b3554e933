"""Where importers, the store and (later) the engine meet.

``import_file`` streams one file into the store in batches: each batch is one
transaction, so an import killed mid-way leaves whole batches, and running it
again completes it (events are keyed, so nothing is stored twice). In strict
mode the whole file is one transaction, rolled back at the first bad line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fenwei.errors import ImportFormatError
from fenwei.importers import ImportOptions, detect, reader_named
from fenwei.model import Event, ImportIssue
from fenwei.store import Store

BATCH = 5000


@dataclass(slots=True)
class ImportSummary:
    path: str
    format: str
    imported: int = 0
    present: int = 0
    skipped: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    rolled_back: bool = False


class _StrictAbort(Exception):
    """Raised inside the file's transaction to roll it back."""


def import_file(
    store: Store,
    path: Path,
    options: ImportOptions | None = None,
    *,
    fmt: str | None = None,
    strict: bool = False,
    on_issue: Callable[[ImportIssue], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> ImportSummary:
    """Import one file; bad lines are reported through ``on_issue`` and skipped.

    ``strict``: a bad line aborts the file and nothing from it is stored
    (``ImportSummary.rolled_back``); the rest of the file is still read so
    that every bad line is reported.
    """
    options = options or ImportOptions()
    if not path.exists() or not path.is_file():
        raise ImportFormatError("error.import.format", path=str(path),
                                problem=_t("error.import.unreadable", detail="no such file"))
    reader = reader_named(fmt) if fmt else detect(path)
    summary = ImportSummary(str(path), reader.name)

    def flush(conn: object, batch: list[Event]) -> None:
        result = store.write_events(conn, batch)  # type: ignore[arg-type]
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

    items = reader.read(path, options)
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
        return summary

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
    return summary


def _t(key: str, **params: object) -> str:
    from fenwei.i18n import t

    return t(key, None, **params)
