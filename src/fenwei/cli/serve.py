"""``fenwei serve``: the web app and REST API, with the live engine in-process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.i18n import current_locale, t
from fenwei.store import Store


@app.command("serve", help=t("web.cli.serve.help"))
def serve_cmd(
    host: Annotated[str, typer.Option("--host", help=t("web.cli.serve.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=t("web.cli.serve.port"))] = 8000,
    db: DbOption = None,
    config: Annotated[
        Path | None, typer.Option("--config", help=t("web.cli.serve.config"), show_default=False)
    ] = None,
    demo_account: Annotated[
        bool, typer.Option("--demo-account", help=t("web.cli.serve.demo_account"))
    ] = False,
) -> None:
    import uvicorn

    from fenwei.config.community import load_config
    from fenwei.pipeline.analysis import store_classifier
    from fenwei.web.actions import load_stored_config, save_config
    from fenwei.web.app import create_app

    store = open_store(db)
    if config is not None:
        import yaml

        cfg = load_config(config)  # validates; raises ConfigError with the key path
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        save_config(store, None, data, "cli:serve", datetime.now(UTC), None, "settings.import")
        console.print(t("web.cli.serve.imported", path=config), markup=False)
        del cfg
    if demo_account:
        _demo_account(store)
    web_app = create_app(
        store,
        load_stored_config(store),
        classify=store_classifier(store),
        default_locale=current_locale(),
    )
    console.print(t("web.cli.serve.listening", url=f"http://{host}:{port}/"), markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)


def _demo_account(store: Store) -> None:
    """An admin account ``demo`` with a fresh password, printed for a first look."""
    import secrets

    from fenwei.web.security import hash_password

    password = secrets.token_urlsafe(9)
    now = datetime.now(UTC)
    with store.begin() as conn:
        store.save_user(conn, "demo", hash_password(password), "admin", None, now)
        store.audit(conn, now, "cli:serve", "user.add", None, "demo", {"role": "admin"})
    console.print(t("web.cli.serve.demo_login", name="demo", password=password), markup=False)
