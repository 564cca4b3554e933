"""``fenwei demo``: the embedded demo community, into the store (and a file)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import orjson
import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store, progress
from fenwei.config.settings import Settings
from fenwei.i18n import t
from fenwei.model import Event
from fenwei.pipeline import store_events


@app.command("demo", help=t("cli.demo.help"))
def demo_cmd(
    db: DbOption = None,
    seed: Annotated[int, typer.Option("--seed", help=t("cli.demo.seed"))] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=t("cli.demo.out"))] = None,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help=t("cli.import.no_analyze"))
    ] = False,
) -> None:
    from fenwei.demo import generate

    groups: set[str] = set()
    fh = out.open("wb") if out else None

    def tee(events: Iterable[Event]) -> Iterator[Event]:
        for e in events:
            groups.add(e.group_id)
            if fh:
                fh.write(orjson.dumps(e.to_dict(), option=orjson.OPT_APPEND_NEWLINE))
            yield e

    try:
        with open_store(db) as store, progress() as bar:
            task = bar.add_task(t("cli.demo.generating"), total=None)
            summary = store_events(
                store,
                tee(generate(seed)),
                on_progress=lambda n: bar.advance(task, n),
            )
    finally:
        if fh:
            fh.close()
    console.print(
        t(
            "cli.demo.done",
            db=db or Settings().db,
            groups=len(groups),
            events=summary.imported + summary.present,
            imported=summary.imported,
        ),
        markup=False,
    )
    if out:
        console.print(t("cli.demo.written", path=out), markup=False)
    if no_analyze:
        return
    from fenwei.cli.analyze import analyze_stored

    with open_store(db) as store, progress() as bar:
        analyze_stored(store, sorted(groups), None, bar)
