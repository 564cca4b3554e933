"""``fenwei train``: fold a community's corrections into its own model."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store, progress
from fenwei.cli.inbox import AsOption, actor
from fenwei.config.settings import Settings
from fenwei.errors import InputError
from fenwei.i18n import t


@app.command("train", help=t("cli.train.help"))
def train_cmd(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help=t("cli.train.out"))] = Path("fenwei-model"),
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared", envvar="FENWEI_SHARED", help=t("cli.train.shared"), show_default=False
        ),
    ] = None,
    user: AsOption = None,
) -> None:
    from fenwei.classify.corrections import train_community_model
    from fenwei.cli.analyze import community_config
    from fenwei.pipeline.analysis import MODEL_SETTING, analyze_store, store_classifier

    with open_store(db) as store:
        corrections = store.correction_texts()
        if not corrections:
            raise InputError("cli.train.none")
        with progress() as bar:
            bar.add_task(t("cli.train.training", count=len(corrections)), total=None)
            train_community_model(corrections, out, shared or Path(Settings().shared))
        who, now = actor(user), datetime.now(UTC)
        with store.begin() as conn:
            store.put_setting(conn, MODEL_SETTING, str(out.resolve()), now, who)
            store.audit(
                conn,
                now,
                who,
                "model.train",
                None,
                str(out.resolve()),
                {"corrections": len(corrections)},
            )
        # A new model: every group is rebuilt with it (ids stay, decisions are kept).
        analysis = analyze_store(
            store, community_config(None), classify=store_classifier(store), reclassify=True
        )
    console.print(
        t("cli.train.done", path=out, count=len(corrections), situations=analysis.situation_count),
        markup=False,
    )
