"""``fenwei import`` and ``fenwei export``."""

from __future__ import annotations

import sys
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, err_console, open_store, progress
from fenwei.errors import InputError
from fenwei.i18n import t
from fenwei.importers import ImportOptions
from fenwei.importers.base import DEFAULT_TZ
from fenwei.model import ImportIssue
from fenwei.pipeline import ImportSummary, import_file


def parse_tz(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError("cli.import.bad_tz", value=name) from exc


def parse_columns(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputError("cli.import.bad_column", value=pair)
        out[field.strip()] = column.strip()
    return out


def render_issue(issue: ImportIssue) -> str:
    problem = t(issue.key, None, **issue.params)
    if issue.field:
        return t(
            "cli.import.issue_field",
            path=issue.path,
            line=issue.line,
            field=issue.field,
            problem=problem,
        )
    return t("cli.import.issue", path=issue.path, line=issue.line, problem=problem)


@app.command("import", help=t("cli.import.help"))
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help=t("cli.import.files"), show_default=False)],
    db: DbOption = None,
    fmt: Annotated[str | None, typer.Option("--format", help=t("cli.import.format"))] = None,
    tz: Annotated[str, typer.Option("--tz", help=t("cli.import.tz"))] = DEFAULT_TZ,
    group: Annotated[str | None, typer.Option("--group", help=t("cli.import.group"))] = None,
    csv_preset: Annotated[
        str | None, typer.Option("--csv-preset", help=t("cli.import.csv_preset"))
    ] = None,
    column: Annotated[
        list[str] | None, typer.Option("--column", help=t("cli.import.column"))
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=t("cli.import.strict"))] = False,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help=t("cli.import.no_analyze"))
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help=t("cli.analyze.config"), show_default=False)
    ] = None,
) -> None:
    options = ImportOptions(
        tz=parse_tz(tz), group=group, csv_preset=csv_preset, columns=parse_columns(column or [])
    )
    summaries: list[ImportSummary] = []
    with open_store(db) as store, progress() as bar:
        for path in files:
            task = bar.add_task(path.name, total=None)
            summary = import_file(
                store,
                path,
                options,
                fmt=fmt,
                strict=strict,
                on_issue=lambda i: err_console.print(render_issue(i), markup=False),
                on_progress=partial(bar.advance, task),
            )
            bar.remove_task(task)
            summaries.append(summary)
            if summary.rolled_back:
                err_console.print(
                    t("error.import.strict_failed", path=summary.path, count=summary.skipped),
                    markup=False,
                )
            else:
                console.print(
                    t(
                        "cli.import.summary",
                        path=summary.path,
                        format=summary.format,
                        imported=summary.imported,
                        skipped=summary.skipped,
                        present=summary.present,
                    ),
                    markup=False,
                )
        touched = sorted(set().union(*(s.groups for s in summaries)))
        if touched and not no_analyze:
            from fenwei.cli.analyze import analyze_stored

            analyze_stored(store, touched, config, bar)
    if len(summaries) > 1:
        console.print(
            t(
                "cli.import.total",
                files=len(summaries),
                imported=sum(s.imported for s in summaries),
                skipped=sum(s.skipped for s in summaries),
                present=sum(s.present for s in summaries),
            ),
            markup=False,
        )
    if any(s.rolled_back for s in summaries):
        raise typer.Exit(1)


def parse_when(text: str | None, tz: ZoneInfo) -> datetime | None:
    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError("cli.bad_time", value=text) from exc
    return at if at.tzinfo else at.replace(tzinfo=tz)


@app.command("export", help=t("cli.export.help"))
def export_cmd(
    db: DbOption = None,
    out: Annotated[str, typer.Option("--out", "-o", help=t("cli.export.out"))] = "-",
    group: Annotated[list[str] | None, typer.Option("--group", help=t("cli.export.group"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=t("cli.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=t("cli.until"))] = None,
    tz: Annotated[str, typer.Option("--tz", help=t("cli.import.tz"))] = DEFAULT_TZ,
) -> None:
    zone = parse_tz(tz)
    count = 0
    with open_store(db) as store:
        names = {g: n for g, n in store.group_names().items() if n}
        fh = sys.stdout.buffer if out == "-" else open(out, "wb")  # noqa: SIM115
        try:
            dumps = orjson.dumps
            nl = orjson.OPT_APPEND_NEWLINE
            for event in store.iter_events(
                group or None, parse_when(since, zone), parse_when(until, zone)
            ):
                doc = event.to_dict()
                name = names.pop(event.group_id, None)  # once per group, on its first event
                if name:
                    doc["group_name"] = name
                fh.write(dumps(doc, option=nl))
                count += 1
        finally:
            if fh is not sys.stdout.buffer:
                fh.close()
            else:
                fh.flush()
    if out != "-":
        console.print(t("cli.export.done", count=count, path=out), markup=False)
