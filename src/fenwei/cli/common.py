"""What the commands share: the --db option, the console, error rendering."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from fenwei.config.settings import Settings
from fenwei.errors import FenweiError
from fenwei.i18n import t
from fenwei.store import Store

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="FENWEI_DB", help=t("cli.option.db"), show_default=False),
]


def open_store(db: str | None) -> Store:
    return Store.open(db or Settings().db)


def progress(transient: bool = True) -> Progress:
    """A progress bar for anything that may take more than a second."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
        disable=not err_console.is_terminal,
    )


def run(app: typer.Typer) -> None:
    """Run the app; a ``FenweiError`` becomes its message and exit code.

    Typer's standalone mode handles usage errors (exit 2), ``--help`` and
    ``typer.Exit``; our own errors are rendered here, never as a traceback.
    """
    try:
        app(prog_name="fenwei")
    except FenweiError as exc:
        err_console.print(t("cli.error", detail=exc.render()), markup=False)
        sys.exit(exc.exit_code)
