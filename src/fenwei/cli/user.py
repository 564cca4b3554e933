"""``fenwei user``: accounts of the web app, and their API tokens."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from fenwei.cli.app import app
from fenwei.cli.common import DbOption, console, open_store
from fenwei.errors import InputError
from fenwei.i18n import t
from fenwei.store.accounts import ROLES

user_app = typer.Typer(help=t("web.cli.user.help"), no_args_is_help=True)
app.add_typer(user_app, name="user")


def _groups(value: str | None) -> list[str] | None:
    if value is None:
        return None
    found = [g.strip() for g in value.replace("，", ",").split(",") if g.strip()]
    return found or None


@user_app.command("add", help=t("web.cli.user.add"))
def user_add(
    name: Annotated[str, typer.Argument(help=t("web.cli.user.name"))],
    role: Annotated[str, typer.Option("--role", help=t("web.cli.user.role"))] = "koe",
    groups: Annotated[
        str | None, typer.Option("--groups", help=t("web.cli.user.groups"), show_default=False)
    ] = None,
    password: Annotated[
        str | None,
        typer.Option("--password", help=t("web.cli.user.password"), show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    from fenwei.web.security import hash_password

    if role not in ROLES:
        raise InputError("web.cli.user.bad_role", role=role)
    scope = _groups(groups)
    if role == "koe" and scope is None:
        raise InputError("web.cli.user.need_groups")
    if password is None:
        password = typer.prompt(
            t("web.cli.user.password_prompt"), hide_input=True, confirmation_prompt=True
        )
    if len(password) < 8:
        raise InputError("web.cli.user.short_password")
    now = datetime.now(UTC)
    with open_store(db) as store, store.begin() as conn:
        new = store.save_user(conn, name, hash_password(password), role, scope, now)
        store.audit(conn, now, "cli:user", "user.add", None, name, {"role": role, "groups": scope})
    key = "web.cli.user.added" if new else "web.cli.user.updated"
    console.print(t(key, name=name, role=role), markup=False)


@user_app.command("token", help=t("web.cli.user.token"))
def user_token(
    name: Annotated[str, typer.Argument(help=t("web.cli.user.name"))],
    role: Annotated[
        str | None, typer.Option("--role", help=t("web.cli.user.token_role"), show_default=False)
    ] = None,
    groups: Annotated[
        str | None, typer.Option("--groups", help=t("web.cli.user.groups"), show_default=False)
    ] = None,
    db: DbOption = None,
) -> None:
    from fenwei.web.security import new_token

    now = datetime.now(UTC)
    with open_store(db) as store:
        account = store.user(name)
        if account is None:
            raise InputError("web.cli.user.no_user", name=name)
        if role is not None and role not in ROLES:
            raise InputError("web.cli.user.bad_role", role=role)
        token, token_id, digest = new_token()
        with store.begin() as conn:
            store.add_token(
                conn, token_id, digest, name, role or account.role, _groups(groups), now
            )
            store.audit(conn, now, "cli:user", "user.token", None, name, {"token": token_id})
    console.print(t("web.cli.user.token_once"), markup=False)
    typer.echo(token)


@user_app.command("list", help=t("web.cli.user.list"))
def user_list(db: DbOption = None) -> None:
    with open_store(db) as store:
        for u in store.users():
            scope = ",".join(u.groups) if u.groups is not None else "*"
            typer.echo(f"{u.name}\t{u.role}\t{scope}")
