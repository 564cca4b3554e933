"""The ``fenwei`` command line: one module per command, all on ``app.app``.

Library code raises ``FenweiError``s; here they become a message in the
user's language and an exit code, never a traceback.
"""

from __future__ import annotations

import sys

from fenwei.i18n import set_locale


def _preparse_lang(argv: list[str]) -> None:
    """Honour ``--lang`` before the commands (and their help texts) load."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_locale(argv[i + 1])
        elif arg.startswith("--lang="):
            set_locale(arg.split("=", 1)[1])


def load_commands() -> None:
    import importlib

    for name in (
        "importing",
        "stats",
        "demo",
        "classify",
        "analyze",
        "inbox",
        "tickets",
        "report",
        "train",
        "config",
        "serve",
        "user",
    ):
        try:
            importlib.import_module(f"fenwei.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"fenwei.cli.{name}":
                raise


def main() -> None:
    _preparse_lang(sys.argv[1:])
    load_commands()
    from fenwei.cli.app import app
    from fenwei.cli.common import run

    run(app)
