"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Annotated

import typer

from fenwei.i18n import set_locale, t

app = typer.Typer(
    name="fenwei",
    help=t("cli.app.help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="FENWEI_LANG", help=t("cli.option.lang")),
    ] = None,
) -> None:
    set_locale(lang)
