"""``fenwei stats``: groups, members and messages per day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import orjson
import typer
from rich.table import Table

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.i18n import t

_BARS = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if top == 0:
        return ""
    return "".join(_BARS[round(v / top * (len(_BARS) - 1))] for v in values)


@app.command("stats", help=t("cli.stats.help"))
def stats_cmd(
    db: DbOption = None,
    group: Annotated[list[str] | None, typer.Option("--group", help=t("cli.stats.group"))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.stats.json"))] = False,
) -> None:
    with open_store(db) as store:
        rows = store.stats(group or None)
    if as_json:
        doc = [
            {
                "group": s.group_id,
                "name": s.name,
                "members": s.members,
                "staff": s.staff,
                "messages": s.messages,
                "joins": s.joins,
                "leaves": s.leaves,
                "first": s.first_at.isoformat() if s.first_at else None,
                "last": s.last_at.isoformat() if s.last_at else None,
                "messages_per_day": s.per_day,
            }
            for s in rows
        ]
        console.print_json(orjson.dumps(doc).decode())
        return
    if not rows:
        console.print(t("cli.stats.empty"))
        return
    table = Table(title=t("cli.stats.title"))
    for key in (
        "group",
        "name",
        "members",
        "staff",
        "messages",
        "joins",
        "leaves",
        "days",
        "avg",
        "trend",
    ):
        table.add_column(
            t(f"cli.stats.col.{key}"),
            justify="left" if key in ("group", "name", "trend") else "right",
        )
    for s in rows:
        days = sorted(s.per_day)
        values = _daily(s.per_day)
        table.add_row(
            s.group_id,
            s.name or "",
            str(s.members),
            str(s.staff),
            str(s.messages),
            str(s.joins),
            str(s.leaves),
            str(len(days)),
            f"{(s.messages / len(days)) if days else 0:.1f}",
            sparkline(values[-30:]),
        )
    console.print(table)


def _daily(per_day: dict[str, int]) -> list[int]:
    """Messages per day from the first active day to the last, quiet days as 0."""
    if not per_day:
        return []
    first, last = date.fromisoformat(min(per_day)), date.fromisoformat(max(per_day))
    span = (last - first).days + 1
    return [per_day.get((first + timedelta(days=i)).isoformat(), 0) for i in range(span)]
