"""``fenwei analyze`` and ``fenwei scenarios``: the engine over files."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.progress import Progress
from rich.table import Table

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, err_console, open_store, progress
from fenwei.cli.importing import parse_tz, render_issue
from fenwei.config.community import CommunityConfig, load_config
from fenwei.engine import judge, passed
from fenwei.i18n import t
from fenwei.importers import ImportOptions
from fenwei.importers.base import DEFAULT_TZ
from fenwei.model import Label
from fenwei.pipeline import import_file
from fenwei.pipeline.analysis import analyze_store, read_gold, store_classifier
from fenwei.pipeline.document import analysis_document
from fenwei.store import Store

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help=t("cli.analyze.config"), show_default=False)
]


def community_config(path: Path | None) -> CommunityConfig:
    return load_config(path) if path else CommunityConfig.default()


def analyze_stored(store: Store, groups: list[str], config: Path | None, bar: Progress) -> None:
    """Run the pipeline on stored groups (after an import) and say what it found."""
    task = bar.add_task(t("cli.analyze.analyzing"), total=None)
    analysis = analyze_store(
        store,
        community_config(config),
        classify=store_classifier(store),
        collect=False,
        group_ids=groups,
        on_progress=lambda n: bar.advance(task, n),
    )
    bar.remove_task(task)
    console.print(
        t(
            "cli.import.analyzed",
            groups=len(groups),
            situations=analysis.situation_count,
            open=analysis.open_count,
        ),
        markup=False,
    )


@contextmanager
def working_store(db: str | None) -> Iterator[Store]:
    """The store at ``db``, or a temporary one that leaves nothing behind."""
    if db:
        with open_store(db) as store:
            yield store
        return
    with (
        tempfile.TemporaryDirectory(prefix="fenwei-") as tmp,
        Store.open(str(Path(tmp) / "analyze.db")) as store,
    ):
        yield store


def analyze_files(
    store: Store,
    files: list[Path],
    *,
    config: CommunityConfig,
    gold: dict[str, Label] | None,
    options: ImportOptions,
    fmt: str | None = None,
    dry_run: bool = False,
    quiet: bool = False,
) -> dict[str, Any]:
    """Import ``files`` into ``store``, analyse the groups they hold, return the document."""
    groups: set[str] = set()
    with progress() as bar:
        for path in files:
            task = bar.add_task(path.name, total=None)
            summary = import_file(
                store,
                path,
                options,
                fmt=fmt,
                on_issue=None
                if quiet
                else (lambda i: err_console.print(render_issue(i), markup=False)),
                on_progress=partial(bar.advance, task),
            )
            bar.remove_task(task)
            groups |= summary.groups
        task = bar.add_task(t("cli.analyze.analyzing"), total=None)
        analysis = analyze_store(
            store,
            config,
            classify=store_classifier(store),
            gold=gold,
            group_ids=sorted(groups),
            dry_run=dry_run,
            on_progress=lambda n: bar.advance(task, n),
        )
    return analysis_document(store, analysis, groups, config)


@app.command("analyze", help=t("cli.analyze.help"))
def analyze_cmd(
    files: Annotated[list[Path], typer.Argument(help=t("cli.analyze.files"), show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.analyze.json"))] = False,
    acts: Annotated[
        Path | None, typer.Option("--acts", help=t("cli.analyze.acts"), show_default=False)
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    fmt: Annotated[str | None, typer.Option("--format", help=t("cli.import.format"))] = None,
    tz: Annotated[str, typer.Option("--tz", help=t("cli.import.tz"))] = DEFAULT_TZ,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("cli.analyze.dry_run"))] = False,
) -> None:
    cfg = community_config(config)
    gold = (
        read_gold(str(acts), lambda i: err_console.print(render_issue(i), markup=False))
        if acts
        else None
    )
    with working_store(db) as store:
        doc = analyze_files(
            store,
            files,
            config=cfg,
            gold=gold,
            options=ImportOptions(tz=parse_tz(tz)),
            fmt=fmt,
            dry_run=dry_run,
        )
    if as_json:
        typer.echo(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())
        return
    print_text(doc)


def print_text(doc: dict[str, Any]) -> None:
    """The readable form: each group, then its situations."""
    for g in doc["groups"]:
        console.print(
            t(
                "cli.analyze.group",
                name=g["name"],
                group=g["group"],
                messages=g["messages"],
                members=g["members"],
            ),
            markup=False,
        )
        atmo = g.get("atmosphere")
        if atmo:
            console.print(t("cli.analyze.atmosphere", **atmo), markup=False)
        table = Table(show_edge=False)
        for col in ("kind", "member", "opened", "resolution", "suggestion"):
            table.add_column(t(f"cli.analyze.col.{col}"))
        for s in doc["situations"]:
            if s["group"] != g["group"]:
                continue
            res = s["resolution"]
            first = next((x["text"] for x in s["suggestions"]), "")
            table.add_row(
                t(f"situation.kind.{s['kind']}"),
                s["member"] or "",
                s["opened_at"][5:16].replace("T", " "),
                t(f"situation.resolution.{res}") if res else t("situation.resolution.open"),
                first if len(first) <= 60 else first[:59] + "…",
            )
        console.print(table)


@app.command("scenarios", help=t("cli.scenarios.help"))
def scenarios_cmd(
    folder: Annotated[Path, typer.Argument(help=t("cli.scenarios.folder"), show_default=False)],
    gold: Annotated[bool, typer.Option("--gold", help=t("cli.scenarios.gold"))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.analyze.json"))] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=t("cli.scenarios.verbose"))
    ] = False,
) -> None:
    files = sorted(p for p in folder.glob("*.jsonl") if not p.name.endswith(".labels.jsonl"))
    if not files:
        raise typer.BadParameter(t("cli.scenarios.none", folder=folder))
    report: list[dict[str, Any]] = []
    items_ok = items_all = scen_ok = 0
    for path in files:
        stem = path.name[: -len(".jsonl")]
        expect_path = folder / f"{stem}.expect.json"
        if not expect_path.exists():
            continue
        expect = orjson.loads(expect_path.read_bytes())
        labels = folder / f"{stem}.labels.jsonl"
        acts = read_gold(str(labels)) if gold and labels.exists() else None
        with working_store(None) as store:
            doc = analyze_files(
                store,
                [path],
                config=CommunityConfig.default(),
                gold=acts,
                options=ImportOptions(),
                quiet=True,
            )
        results = judge(expect, doc["situations"])
        ok = passed(results)
        items_ok += sum(r.passed for r in results)
        items_all += len(results)
        scen_ok += ok
        report.append(
            {
                "scenario": stem,
                "lang": expect.get("lang"),
                "passed": ok,
                "items": [
                    {"rule": r.rule, "item": r.item, "passed": r.passed, "matches": list(r.matches)}
                    for r in results
                ],
            }
        )
        if not as_json:
            mark = "✓" if ok else "✗"
            console.print(
                f"{mark} {stem}: {sum(r.passed for r in results)}/{len(results)}", markup=False
            )
            for r in results:
                if verbose or not r.passed:
                    console.print(
                        f"    {'ok ' if r.passed else 'FAIL'} {r.rule} "
                        f"{orjson.dumps(r.item).decode()}",
                        markup=False,
                    )
    n = len(report)
    summary = {
        "items_passed": items_ok,
        "items": items_all,
        "items_share": round(items_ok / items_all, 4) if items_all else 0.0,
        "scenarios_passed": scen_ok,
        "scenarios": n,
        "scenarios_share": round(scen_ok / n, 4) if n else 0.0,
    }
    if as_json:
        typer.echo(
            orjson.dumps(
                {"summary": summary, "scenarios": report}, option=orjson.OPT_INDENT_2
            ).decode()
        )
    else:
        console.print(
            t(
                "cli.scenarios.summary",
                **summary,
                items_pct=f"{summary['items_share'] * 100:.1f}",
                scenarios_pct=f"{summary['scenarios_share'] * 100:.1f}",
            ),
            markup=False,
        )
