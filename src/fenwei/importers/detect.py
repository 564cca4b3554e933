"""Which importer reads a file: named with ``--format``, or detected from content."""

from __future__ import annotations

from pathlib import Path

from fenwei.errors import ImportFormatError
from fenwei.importers.base import SNIFF_BYTES, Reader
from fenwei.importers.jsonl import JsonlReader
from fenwei.importers.telegram import TelegramReader
from fenwei.importers.wechat_csv import CsvReader
from fenwei.importers.wecom import WecomReader

READERS: tuple[Reader, ...] = (JsonlReader(), WecomReader(), TelegramReader(), CsvReader())


def format_names() -> list[str]:
    return [r.name for r in READERS]


def reader_named(name: str) -> Reader:
    for r in READERS:
        if r.name == name:
            return r
    raise ImportFormatError(
        "error.import.no_such_format", value=name, formats=", ".join(format_names())
    )


def detect(path: Path) -> Reader:
    """The reader for ``path``, judged from its first bytes.

    Raises ``ImportFormatError`` for a file that cannot be read or whose
    format no reader recognises.
    """
    try:
        with path.open("rb") as fh:
            head_bytes = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise ImportFormatError(
            "error.import.format",
            path=str(path),
            problem=_t("error.import.unreadable", detail=exc.strerror or str(exc)),
        ) from exc
    head = head_bytes.decode("utf-8-sig", errors="replace")
    for r in READERS:
        if r.sniff(head, path):
            return r
    raise ImportFormatError(
        "error.import.format",
        path=str(path),
        problem=_t("error.import.unknown_format", formats=", ".join(format_names())),
    )


def _t(key: str, **params: object) -> str:
    from fenwei.i18n import t

    return t(key, None, **params)
