"""The pages: login, overview, group, inbox (live), tickets, settings, audit.

Server-rendered Jinja2 with autoescape on, every text from the ``web.*``
catalog keys. Each form carries the session's CSRF token; a form posted by
``static/app.js`` (``fetch``) gets the refreshed inbox fragment back instead
of a redirect.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from fenwei.i18n import LOCALES, normalize_locale
from fenwei.model.situations import KINDS
from fenwei.web.auth import (
    LoginRequired,
    PageDenied,
    Principal,
    check_csrf,
    csrf_token,
    find_principal,
)
from fenwei.web.context import locale_of, web
from fenwei.web.security import verify_password
from fenwei.web.views import current_items, sparkline

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
AUTOPILOT_KINDS = [k.value for k in KINDS if k.value not in ("staff_tone", "core_member")]


def page_principal(request: Request) -> Principal:
    principal = find_principal(request)
    if principal is None or principal.via != "session":
        raise LoginRequired
    request.state.principal = principal
    return principal


User = Annotated[Principal, Depends(page_principal)]


def _fmt_time(at: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return at.strftime(fmt) if at else ""


def render(
    request: Request,
    name: str,
    principal: Principal | None,
    status: int = 200,
    **ctx: Any,
) -> HTMLResponse:
    w = web(request)
    loc = locale_of(request, principal)

    def tr(key: str, **params: Any) -> str:
        return w.t(key, loc, **params)

    return templates.TemplateResponse(
        request,
        name,
        {
            "t": tr,
            "lang": loc,
            "locales": LOCALES,
            "csrf": csrf_token(request),
            "user": principal,
            "path": request.url.path,
            "fmt": _fmt_time,
            "spark": sparkline,
            **ctx,
        },
        status_code=status,
    )


def error_page(request: Request, status: int, key: str | None, detail: str = "") -> HTMLResponse:
    principal = getattr(request.state, "principal", None)
    loc = locale_of(request, principal)
    message = web(request).t(key, loc) if key else detail
    return render(request, "error.html", principal, status=status, message=message, code=status)


async def checked_form(request: Request) -> FormData:
    form = await request.form()
    if not check_csrf(request, str(form.get("csrf") or request.headers.get("x-csrf-token") or "")):
        raise PageDenied
    return form


def require_act(p: Principal, group_id: str) -> None:
    if not p.may_act or not p.may_see(group_id):
        raise PageDenied


def _int(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def _back(request: Request, default: str = "/") -> str:
    ref = request.headers.get("referer") or ""
    host = str(request.base_url)
    return ref if ref.startswith(host) else default


# -- login -----------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", None, next=next if next.startswith("/") else "/")


@router.post("/login")
async def login(request: Request) -> Response:
    w = web(request)
    form = await request.form()
    name = str(form.get("name") or "").strip()
    password = str(form.get("password") or "")
    target = str(form.get("next") or "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    address = request.client.host if request.client else "-"
    if not check_csrf(request, str(form.get("csrf") or "")):
        return render(request, "login.html", None, 403, next=target, error="web.login.expired")
    if w.throttle.blocked(name, address):
        return render(request, "login.html", None, 429, next=target, error="web.login.throttled")
    account = w.store.user(name) if name else None
    stored = account.password_hash if account is not None else None
    if account is None or not await run_in_threadpool(verify_password, stored, password):
        w.throttle.failed(name, address)
        return render(request, "login.html", None, 401, next=target, error="web.login.failed")
    w.throttle.succeeded(name, address)
    request.session.clear()
    request.session["user"] = account.name
    csrf_token(request)
    with w.store.begin() as conn:
        w.store.audit(conn, w.now(), f"user:{account.name}", "user.login", None, None, None)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request, p: User) -> Response:
    await checked_form(request)
    w = web(request)
    with w.store.begin() as conn:
        w.store.audit(conn, w.now(), p.actor, "user.logout")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/lang")
async def set_lang(request: Request) -> Response:
    form = await request.form()
    if not check_csrf(request, str(form.get("csrf") or "")):
        raise PageDenied
    loc = normalize_locale(str(form.get("lang") or ""))
    if loc:
        request.session["lang"] = loc
        p = find_principal(request)
        if p is not None:
            w = web(request)
            with w.store.begin() as conn:
                w.store.set_user_locale(conn, p.name, loc)
    return RedirectResponse(_back(request), status_code=303)


# -- overview and group ------------------------------------------------------


@router.get("/")
def overview(request: Request, p: User) -> HTMLResponse:
    w = web(request)
    groups = p.visible(w.store.group_names())
    counts = w.open_counts()
    pending = dict.fromkeys(groups, 0)
    for item in current_items(w.store, groups, w.now())[0]:
        pending[item.group_id] = pending.get(item.group_id, 0) + 1
    rows = []
    for gid in groups:
        fig = w.figures(gid)
        rows.append({"fig": fig, "open": counts.get(gid, 0), "pending": pending.get(gid, 0)})
    return render(request, "overview.html", p, rows=rows)


@router.get("/groups/{group_id}")
def group_page(request: Request, p: User, group_id: str) -> HTMLResponse:
    w = web(request)
    if group_id not in w.store.group_names():
        return error_page(request, 404, "web.error.not_found")
    if not p.may_see(group_id):
        raise PageDenied
    fig = w.figures(group_id)
    situations = list(reversed(w.store.load_situations([group_id])))[:30]
    names = {m: n for (_, m), n in w.store.member_names([group_id]).items()}
    autopilot = set(w.config.for_group(group_id).autopilot)
    return render(
        request,
        "group.html",
        p,
        fig=fig,
        situations=situations,
        names=names,
        autopilot=autopilot,
        kinds=AUTOPILOT_KINDS,
        parts=("vitality", "warmth", "safety", "helpfulness", "belonging"),
    )


# -- inbox -----------------------------------------------------------------


def _inbox_context(request: Request, p: Principal) -> dict[str, Any]:
    from fenwei.web.actions import snoozed_until
    from fenwei.web.views import inbox_cards

    w = web(request)
    group = request.query_params.get("group")
    kind = request.query_params.get("kind")
    groups = p.visible(w.store.group_names())
    if group:
        groups = [g for g in groups if g == group]
    now = w.now()
    items, stale = current_items(w.store, groups, now)
    views, total = inbox_cards(w.store, groups, now, 60, [kind] if kind else None, items=items)
    shown = []
    snoozed = 0
    for v in views:
        until = snoozed_until(w.store, v.card.id)
        if until is not None and until > now:
            snoozed += 1
            continue
        shown.append(v)
    return {
        "cards": shown[:40],
        "total": total - snoozed,
        "snoozed": snoozed,
        "stale": stale,
        "group_filter": group or "",
        "kind_filter": kind or "",
        "all_groups": [
            (g, w.store.group_names().get(g) or g) for g in p.visible(w.store.group_names())
        ],
        "kinds": [k.value for k in KINDS],
        "now": now,
        "autopilot_kinds": AUTOPILOT_KINDS,
        "autopilot": {g: w.config.for_group(g).autopilot for g in {v.card.group_id for v in shown}},
    }


@router.get("/inbox")
def inbox(request: Request, p: User) -> HTMLResponse:
    return render(request, "inbox.html", p, **_inbox_context(request, p))


@router.get("/inbox/cards")
def inbox_cards_fragment(request: Request, p: User) -> HTMLResponse:
    return render(request, "_cards.html", p, **_inbox_context(request, p))


@router.get("/inbox/stream")
async def inbox_stream(request: Request, p: User) -> StreamingResponse:
    """Server-sent events: ``inbox`` when a visible group's situations changed."""
    w = web(request)

    async def events() -> Any:
        yield "retry: 2000\n\n"
        async for groups in w.hub.subscribe():
            if await request.is_disconnected():
                return
            visible = [g for g in groups if p.may_see(g)]
            if visible:
                yield f"event: inbox\ndata: {orjson.dumps(sorted(visible)).decode()}\n\n"
            elif not groups:
                yield ": keep-alive\n\n"
            await asyncio.sleep(0)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/inbox/{card_id}/{decision}")
async def inbox_decide(request: Request, p: User, card_id: str, decision: str) -> Response:
    from fenwei.errors import InputError
    from fenwei.pipeline.inbox import cards, decide
    from fenwei.web.actions import snooze

    w = web(request)
    form = await checked_form(request)
    if decision not in ("approve", "edit", "dismiss", "snooze"):
        return error_page(request, 404, "web.error.not_found")

    def act() -> str:
        # the card as the page showed it: built from the drafts still current
        items, _ = current_items(w.store, p.visible(w.group_ids()), w.now())
        card = next((c for c in cards(items) if card_id in (c.id, *c.situation_ids)), None)
        if card is None:
            raise InputError("inbox.no_such_card", card=card_id)
        require_act(p, card.group_id)
        if decision == "snooze":
            minutes = max(1, min(_int(form.get("minutes"), 60), 7 * 1440))
            snooze(w.store, card.id, card.group_id, p.actor, w.now(), minutes)
        else:
            text = str(form.get("text") or "") or None
            index = _int(form.get("index"), 0)
            decide(w.store, card, decision, p.actor, w.now(), text, index)
        return card.group_id

    group_id = await run_in_threadpool(act)
    w.live_notify({group_id})
    if request.headers.get("x-fenwei-fetch"):
        return render(request, "_cards.html", p, **_inbox_context(request, p))
    return RedirectResponse(_back(request, "/inbox"), status_code=303)


@router.post("/groups/{group_id}/autopilot")
async def autopilot_switch(request: Request, p: User, group_id: str) -> Response:
    from fenwei.web.actions import set_autopilot

    w = web(request)
    form = await checked_form(request)
    require_act(p, group_id)
    kind = str(form.get("kind") or "")
    if kind not in AUTOPILOT_KINDS:
        return error_page(request, 404, "web.error.not_found")
    on = str(form.get("on") or "") == "1"
    await run_in_threadpool(
        set_autopilot, w.store, w.live, w.config, group_id, kind, on, p.actor, w.now()
    )
    if request.headers.get("x-fenwei-fetch"):  # switched from an inbox card
        return render(request, "_cards.html", p, **_inbox_context(request, p))
    return RedirectResponse(_back(request, f"/groups/{quote(group_id)}"), status_code=303)


# -- tickets -----------------------------------------------------------------


@router.get("/tickets")
def tickets_page(request: Request, p: User) -> HTMLResponse:
    w = web(request)
    state = request.query_params.get("state") or None
    department = request.query_params.get("department") or None
    groups = p.visible(w.store.group_names())
    found = w.store.tickets(groups, status=state, department=department)
    departments: dict[str, dict[str, int]] = {}
    for tk in w.store.tickets(groups):
        d = departments.setdefault(tk.department, {"open": 0, "closed": 0})
        d[tk.status] = d.get(tk.status, 0) + 1
    names = w.store.member_names(groups)
    return render(
        request,
        "tickets.html",
        p,
        tickets=found[:200],
        count=len(found),
        departments=sorted(departments.items()),
        state=state or "",
        department=department or "",
        names=names,
        group_names=w.store.group_names(),
    )


@router.post("/tickets/{ticket_id}/close")
async def ticket_close(request: Request, p: User, ticket_id: str) -> Response:
    from fenwei.web.actions import close_ticket

    w = web(request)
    form = await checked_form(request)
    ticket = next((x for x in w.store.tickets() if x.id == ticket_id), None)
    if ticket is None:
        return error_page(request, 404, "web.error.not_found")
    require_act(p, ticket.group_id)
    note = str(form.get("note") or "")
    await run_in_threadpool(close_ticket, w.store, w.config, ticket, note, p.actor, w.now())
    w.live_notify({ticket.group_id})
    return RedirectResponse("/tickets?closed=" + quote(ticket_id), status_code=303)


# -- audit -----------------------------------------------------------------


@router.get("/audit")
def audit_page(request: Request, p: User) -> HTMLResponse:
    w = web(request)
    groups = None if p.is_admin else p.visible(w.store.group_names())
    page = max(0, _int(request.query_params.get("page"), 0))
    rows = w.store.audit_entries(groups, 100, page * 100)
    return render(request, "audit.html", p, rows=rows, page=page, group_names=w.store.group_names())
