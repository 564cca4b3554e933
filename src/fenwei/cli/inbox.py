"""``fenwei inbox`` and ``fenwei correct``: the KOE's decisions from the terminal."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Annotated

import orjson
import typer
from rich.table import Table

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.errors import InputError
from fenwei.i18n import t
from fenwei.model import Act
from fenwei.pipeline.inbox import Card, cards, decide, find_card

inbox_app = typer.Typer(
    help=t("cli.inbox.help"), no_args_is_help=False, invoke_without_command=True
)
app.add_typer(inbox_app, name="inbox")

AsOption = Annotated[
    str | None, typer.Option("--as", help=t("cli.inbox.as_user"), show_default=False)
]
GroupOption = Annotated[list[str] | None, typer.Option("--group", help=t("cli.inbox.group"))]


def actor(user: str | None) -> str:
    """Who acts: ``cli:<user>`` (``--as``, else the login name)."""
    try:
        name = user or getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return f"cli:{name}"


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_cards(
    found: list[Card], names: dict[tuple[str, str], str], groups: dict[str, str | None]
) -> None:
    if not found:
        console.print(t("cli.inbox.empty"))
        return
    table = Table(title=t("cli.inbox.title", count=len(found)))
    for col in ("card", "group", "kind", "member", "opened", "due", "draft"):
        table.add_column(
            t(f"cli.inbox.col.{col}"),
            no_wrap=col in ("card", "opened", "due"),
            ratio=3 if col == "draft" else None,
        )
    for c in found:
        who = names.get((c.group_id, c.member_id or ""), c.member_id or "")
        kind = t(f"situation.kind.{c.kind}")
        if c.count > 1:
            kind = t("cli.inbox.many", kind=kind, count=c.count)
        table.add_row(
            c.id,
            groups.get(c.group_id) or c.group_id,
            kind,
            who,
            c.opened_at.strftime("%m-%d %H:%M"),
            c.due_at.strftime("%m-%d %H:%M") if c.due_at else "",
            _short(c.items[0].text),
        )
    console.print(table)


JsonOption = Annotated[bool, typer.Option("--json", help=t("cli.stats.json"))]
LimitOption = Annotated[int, typer.Option("--limit", help=t("cli.inbox.limit"))]


@inbox_app.callback()
def inbox_root(
    ctx: typer.Context,
    db: DbOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 20,
) -> None:
    if ctx.invoked_subcommand is None:
        inbox_list(db, group, as_json, limit)


@inbox_app.command("list", help=t("cli.inbox.list"))
def inbox_list(
    db: DbOption = None,
    group: GroupOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 20,
) -> None:
    with open_store(db) as store:
        everything = cards(store.inbox_items(group or None))
        found = everything[:limit] if limit > 0 else everything
        if as_json:
            typer.echo(
                orjson.dumps([c.to_json() for c in found], option=orjson.OPT_INDENT_2).decode()
            )
            return
        print_cards(found, store.member_names(group or None), store.group_names())
        if len(found) < len(everything):
            console.print(t("cli.inbox.more", shown=len(found), count=len(everything)))


@inbox_app.command("show", help=t("cli.inbox.show"))
def inbox_show(
    card_id: Annotated[str, typer.Argument(help=t("cli.inbox.card"))], db: DbOption = None
) -> None:
    with open_store(db) as store:
        card = find_card(store, card_id)
        names = store.member_names([card.group_id])
        console.print(
            t(
                "cli.inbox.header",
                kind=t(f"situation.kind.{card.kind}"),
                group=store.group_names().get(card.group_id) or card.group_id,
                member=names.get((card.group_id, card.member_id or ""), card.member_id or "-"),
                count=card.count,
            ),
            markup=False,
        )
        quoted = {i.situation_text for i in card.items if i.situation_text}
        for text in sorted(quoted):
            console.print(t("cli.inbox.quote", text=_short(text, 200)), markup=False)
        for n, item in enumerate(i for i in card.items if i.status == "pending"):
            console.print(
                t(
                    "cli.inbox.suggestion",
                    n=n,
                    action=t(f"action.{item.action}"),
                    to=names.get((card.group_id, item.to), item.to),
                    text=item.text,
                ),
                markup=False,
            )


def _decide(
    card_id: str,
    decision: str,
    db: str | None,
    user: str | None,
    text: str | None = None,
    index: int = 0,
) -> None:
    with open_store(db) as store:
        card = find_card(store, card_id)
        n = decide(store, card, decision, actor(user), datetime.now(UTC), text, index)
    console.print(t(f"cli.inbox.done.{decision}", count=n, card=card.id), markup=False)


@inbox_app.command("approve", help=t("cli.inbox.approve"))
def inbox_approve(
    card_id: Annotated[str, typer.Argument(help=t("cli.inbox.card"))],
    db: DbOption = None,
    user: AsOption = None,
) -> None:
    _decide(card_id, "approve", db, user)


@inbox_app.command("edit", help=t("cli.inbox.edit"))
def inbox_edit(
    card_id: Annotated[str, typer.Argument(help=t("cli.inbox.card"))],
    text: Annotated[str, typer.Option("--text", help=t("cli.inbox.text"))],
    index: Annotated[int, typer.Option("--index", help=t("cli.inbox.index"))] = 0,
    db: DbOption = None,
    user: AsOption = None,
) -> None:
    _decide(card_id, "edit", db, user, text, index)


@inbox_app.command("dismiss", help=t("cli.inbox.dismiss"))
def inbox_dismiss(
    card_id: Annotated[str, typer.Argument(help=t("cli.inbox.card"))],
    db: DbOption = None,
    user: AsOption = None,
) -> None:
    _decide(card_id, "dismiss", db, user)


@app.command("correct", help=t("cli.correct.help"))
def correct_cmd(
    event: Annotated[str, typer.Argument(help=t("cli.correct.event"))],
    act: Annotated[str, typer.Option("--act", help=t("cli.correct.act"))],
    group: Annotated[str | None, typer.Option("--group", help=t("cli.correct.group"))] = None,
    db: DbOption = None,
    user: AsOption = None,
) -> None:
    from fenwei.cli.analyze import community_config
    from fenwei.pipeline.analysis import analyze_store, store_classifier

    try:
        new_act = Act(act)
    except ValueError as exc:
        raise InputError(
            "cli.correct.bad_act", value=act, acts=", ".join(a.value for a in Act)
        ) from exc
    with open_store(db) as store:
        found = store.find_messages(event, group)
        if not found:
            raise InputError("cli.correct.not_found", event=event)
        if len(found) > 1:
            raise InputError(
                "cli.correct.ambiguous",
                event=event,
                groups=", ".join(sorted(e.group_id for e in found)),
            )
        (message,) = found
        who, now = actor(user), datetime.now(UTC)
        with store.begin() as conn:
            store.write_correction(conn, message.group_id, event, new_act, message.text, who, now)
            store.audit(
                conn, now, who, "label.correct", message.group_id, event, {"act": new_act.value}
            )
            # The same text elsewhere is classified again, with the correction applied.
            groups = {message.group_id} | store.forget_labels_of_text(conn, message.text or "")
        before = {s.id: s for s in store.load_situations(groups)}
        analysis = analyze_store(
            store,
            community_config(None),
            classify=store_classifier(store),
            group_ids=sorted(groups),
        )
    after = {s.id: s for s in analysis.situations}
    opened = [s for k, s in after.items() if k not in before]
    closed = [s for k, s in before.items() if k not in after]
    console.print(
        t(
            "cli.correct.done",
            event=event,
            act=new_act.value,
            opened=len(opened),
            closed=len(closed),
        ),
        markup=False,
    )
