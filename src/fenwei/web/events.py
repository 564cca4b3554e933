"""Reading ``POST /events`` bodies: one event or an array, checked event by event.

Each event is checked by the JSON Lines importer's own decoder
(``importers.jsonl.decode_line``), so the webhook accepts exactly what a
file import accepts; a bad event is reported with its index and field.
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson

from fenwei.i18n import t
from fenwei.importers.jsonl import decode_line, issue_for
from fenwei.model import Event
from fenwei.web.auth import ApiError, FieldError


def parse_events(body: bytes, locale: str | None) -> tuple[list[Event], list[FieldError]]:
    """The good events of a body, and a field error for each bad one."""
    try:
        data: Any = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ApiError(
            400,
            t("web.api.bad_json", locale),
            [FieldError(None, t("import.issue.bad_json", locale, detail=str(exc)))],
        ) from exc
    items = data if isinstance(data, list) else [data]
    events: list[Event] = []
    errors: list[FieldError] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(FieldError(None, t("web.api.not_an_object", locale), i))
            continue
        raw = orjson.dumps(item)
        try:
            events.append(decode_line(raw))
        except msgspec.MsgspecError as exc:
            issue = issue_for("body", i, raw, exc)
            errors.append(FieldError(issue.field, t(issue.key, locale, **issue.params), i))
    return events, errors
