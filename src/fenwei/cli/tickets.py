"""``fenwei tickets``: feedback tickets from members' criticism, and closing the loop."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.cli.inbox import AsOption, LimitOption, actor
from fenwei.errors import InputError
from fenwei.i18n import t
from fenwei.playbooks import ticket_closed_note

tickets_app = typer.Typer(help=t("cli.tickets.help"), invoke_without_command=True)
app.add_typer(tickets_app, name="tickets")

StateOption = Annotated[str | None, typer.Option("--state", help=t("cli.tickets.state"))]
DeptOption = Annotated[str | None, typer.Option("--department", help=t("cli.tickets.department"))]
JsonOption = Annotated[bool, typer.Option("--json", help=t("cli.stats.json"))]


@tickets_app.callback()
def tickets_root(
    ctx: typer.Context,
    db: DbOption = None,
    state: StateOption = None,
    department: DeptOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 20,
) -> None:
    if ctx.invoked_subcommand is None:
        tickets_list(db, state, department, as_json, limit)


@tickets_app.command("list", help=t("cli.tickets.list"))
def tickets_list(
    db: DbOption = None,
    state: StateOption = None,
    department: DeptOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 20,
) -> None:
    with open_store(db) as store:
        everything = store.tickets(status=state, department=department)
        found = everything[:limit] if limit > 0 and not as_json else everything
        names = store.member_names()
        groups = store.group_names()
    if as_json:
        typer.echo(orjson.dumps([x.to_json() for x in found], option=orjson.OPT_INDENT_2).decode())
        return
    if not found:
        console.print(t("cli.tickets.empty"))
        return
    table = Table(title=t("cli.tickets.title", count=len(found)))
    for col in ("id", "department", "group", "member", "opened", "state", "quote"):
        table.add_column(t(f"cli.tickets.col.{col}"), no_wrap=col in ("id", "opened"))
    for x in found:
        quote = " ".join((x.quote or "").split())
        table.add_row(
            x.id,
            x.department,
            groups.get(x.group_id) or x.group_id,
            names.get((x.group_id, x.member_id or ""), x.member_id or ""),
            x.opened_at.strftime("%m-%d %H:%M"),
            t(f"cli.tickets.status.{x.status}"),
            quote if len(quote) <= 50 else quote[:49] + "…",
        )
    console.print(table)
    if len(found) < len(everything):
        console.print(t("cli.inbox.more", shown=len(found), count=len(everything)))


@tickets_app.command("close", help=t("cli.tickets.close"))
def tickets_close(
    ticket_id: Annotated[str, typer.Argument(help=t("cli.tickets.id"))],
    note: Annotated[str, typer.Option("--note", help=t("cli.tickets.note"))],
    db: DbOption = None,
    user: AsOption = None,
    config: Annotated[
        Path | None, typer.Option("--config", help=t("cli.analyze.config"), show_default=False)
    ] = None,
) -> None:
    from fenwei.cli.analyze import community_config

    if not note.strip():
        raise InputError("cli.tickets.need_note")
    who, now = actor(user), datetime.now(UTC)
    with open_store(db) as store:
        ticket = next((x for x in store.tickets() if x.id == ticket_id), None)
        if ticket is None:
            raise InputError("cli.tickets.not_found", id=ticket_id)
        if ticket.status != "open":
            raise InputError("cli.tickets.already_closed", id=ticket_id)
        situation = next(s for s in store.load_situations([ticket.group_id]) if s.id == ticket_id)
        name = store.member_names([ticket.group_id]).get(
            (ticket.group_id, ticket.member_id or ""), ticket.member_id or ""
        )
        draft = ticket_closed_note(
            situation,
            note.strip(),
            now,
            name=name,
            settings=community_config(config).for_group(ticket.group_id),
        )
        with store.begin() as conn:
            store.close_ticket(conn, ticket_id, who, now, note.strip())
            sid = store.add_follow_up(conn, situation.id, ticket.group_id, draft)
            store.audit(
                conn,
                now,
                who,
                "ticket.close",
                ticket.group_id,
                ticket_id,
                {"note": note.strip(), "follow_up": sid},
            )
    console.print(t("cli.tickets.closed", id=ticket_id, text=draft.text), markup=False)
