"""``fenwei report``: the atmosphere report of the stored groups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store, progress
from fenwei.cli.importing import parse_tz, parse_when
from fenwei.errors import InputError
from fenwei.i18n import current_locale, normalize_locale, t
from fenwei.importers.base import DEFAULT_TZ
from fenwei.metrics import Period
from fenwei.pipeline.histories import load_histories
from fenwei.reports import FORMATS, ReportInput, build_report, render


@app.command("report", help=t("cli.report.help"))
def report_cmd(
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=t("cli.report.out"), show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=t("cli.report.format"))] = "html",
    group: Annotated[list[str] | None, typer.Option("--group", help=t("cli.report.group"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=t("cli.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=t("cli.until"))] = None,
    tz: Annotated[str, typer.Option("--tz", help=t("cli.report.tz"))] = DEFAULT_TZ,
    config: Annotated[
        Path | None, typer.Option("--config", help=t("cli.analyze.config"), show_default=False)
    ] = None,
) -> None:
    from fenwei.cli.analyze import community_config

    if fmt not in FORMATS:
        raise InputError("cli.report.bad_format", value=fmt, formats=", ".join(FORMATS))
    zone = parse_tz(tz)
    start, end = parse_when(since, zone), parse_when(until, zone)
    target = out or Path("report." + ("md" if fmt == "md" else fmt))
    cfg = community_config(config)
    with open_store(db) as store, progress() as bar:
        known = store.group_names()
        wanted = group or sorted(known)
        missing = [g for g in wanted if g not in known]
        if missing:
            raise InputError("cli.report.no_group", groups=", ".join(missing))
        task = bar.add_task(t("cli.report.building"), total=len(wanted))
        histories = []
        for h in load_histories(store, wanted, cfg):
            histories.append(h)
            bar.advance(task)
    period = None
    if start or end:
        firsts = [h.events[0].at for h in histories if h.events]
        lasts = [h.events[-1].at for h in histories if h.events]
        if firsts:
            period = Period(start or min(firsts), end or max(lasts))
    locale = normalize_locale(current_locale()) or "zh-CN"
    data = build_report(
        ReportInput(histories, locale=locale, period=period, generated_at=datetime.now(zone))
    )
    target.write_text(render(data, fmt, locale), encoding="utf-8")
    console.print(
        t(
            "cli.report.done",
            path=target,
            groups=len(histories),
            size=f"{target.stat().st_size / 1_000_000:.1f}",
        ),
        markup=False,
    )
