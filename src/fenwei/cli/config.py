"""``fenwei config``: check a ``fenwei.yaml``; export the settings a server keeps."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
import yaml

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.config.community import CommunityConfig, load_config
from fenwei.i18n import t

config_app = typer.Typer(help=t("cli.config.help"), no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("check", help=t("cli.config.check"))
def config_check(
    path: Annotated[
        Path | None, typer.Argument(help=t("cli.config.path"), show_default=False)
    ] = None,
) -> None:
    cfg = load_config(path) if path else CommunityConfig.default()
    effective = _plain(cfg.model_dump(exclude_none=True))
    console.print(
        t("cli.config.ok", path=path or t("cli.config.defaults"), groups=len(cfg.groups)),
        markup=False,
    )
    typer.echo(yaml.safe_dump(effective, allow_unicode=True, sort_keys=False))


def _plain(value: object) -> object:
    """YAML-friendly values: durations written as fenwei.yaml writes them (10m, 2h)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
            if seconds % size == 0 and seconds >= size:
                return f"{seconds // size}{unit}"
        return f"{seconds}s"
    return value


@config_app.command("export", help=t("cli.config.export"))
def config_export(
    db: DbOption = None,
    out: Annotated[str, typer.Option("--out", "-o", help=t("cli.export.out"))] = "-",
) -> None:
    from fenwei.web.actions import load_stored_config, stored_config_data

    with open_store(db) as store:
        load_stored_config(store)  # what is stored is valid, or this says where it is not
        text = yaml.safe_dump(stored_config_data(store), allow_unicode=True, sort_keys=False)
    if out == "-":
        sys.stdout.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
    console.print(t("cli.config.written", path=out), markup=False)
