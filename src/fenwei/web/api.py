"""The REST API under ``/api/v1``: events in; groups, situations, suggestions out.

Every answer is JSON; every error has one shape
``{"ok": false, "error": "…", "errors": [{"field": …, "message": …}]}``
(bad events add their ``index``). Auth: an API token, or the page's session
with its CSRF token in ``X-CSRF-Token`` for anything that changes state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel

from fenwei.errors import InputError
from fenwei.pipeline.inbox import DECISIONS
from fenwei.web.actions import close_ticket, decide_suggestion
from fenwei.web.auth import ApiError, FieldError, Principal, check_csrf, find_principal
from fenwei.web.context import Web, locale_of, web
from fenwei.web.events import parse_events
from fenwei.web.views import inbox_cards, situation_json

router = APIRouter(prefix="/api/v1")


def api_principal(request: Request) -> Principal:
    """The caller, or 401; a session caller changing state must send the CSRF token."""
    principal = find_principal(request)
    loc = locale_of(request, principal)
    if principal is None:
        raise ApiError(401, web(request).t("web.api.unauthorized", loc))
    if (
        principal.via == "session"
        and request.method in ("POST", "PUT", "PATCH", "DELETE")
        and not check_csrf(request, request.headers.get("x-csrf-token"))
    ):
        raise ApiError(403, web(request).t("web.api.csrf", loc))
    request.state.principal = principal
    return principal


Caller = Annotated[Principal, Depends(api_principal)]


def _loc(request: Request, p: Principal | None = None) -> str:
    return locale_of(request, p)


def _see(w: Web, request: Request, p: Principal, group_id: str) -> None:
    if group_id not in w.store.group_names():
        raise ApiError(404, w.t("web.api.no_group", _loc(request, p), group=group_id))
    if not p.may_see(group_id):
        raise ApiError(403, w.t("web.api.forbidden_group", _loc(request, p), group=group_id))


def _act(w: Web, request: Request, p: Principal, group_id: str) -> None:
    if not p.may_act:
        raise ApiError(403, w.t("web.api.read_only", _loc(request, p)))
    if not p.may_see(group_id):
        raise ApiError(403, w.t("web.api.forbidden_group", _loc(request, p), group=group_id))


def _groups(w: Web, p: Principal, group: str | None) -> list[str]:
    visible = p.visible(w.group_ids())
    if group is not None:
        return [g for g in visible if g == group]
    return visible


@router.get("/health", tags=["meta"])
def api_health(request: Request) -> dict[str, Any]:
    return web(request).health()


@router.post("/events", tags=["events"])
async def post_events(
    request: Request, p: Caller, atomic: Annotated[bool, Query()] = False
) -> dict[str, Any]:
    """One event or an array in the fenwei event format (CONTRACTS.md).

    Bad events get 422 with their index and field; the good ones of the batch
    are stored unless ``atomic=true``. Events already stored change nothing.
    """
    w = web(request)
    loc = _loc(request, p)
    body = await request.body()
    if len(body) > w.max_body:
        raise ApiError(413, w.t("web.api.too_large", loc, limit=w.max_body))
    events, errors = parse_events(body, loc)
    if not p.may_act:
        raise ApiError(403, w.t("web.api.read_only", loc))
    denied = sorted({e.group_id for e in events if not p.may_see(e.group_id)})
    if denied:
        raise ApiError(403, w.t("web.api.forbidden_group", loc, group=", ".join(denied)))
    if errors and atomic:
        raise ApiError(
            422, w.t("web.api.bad_events_atomic", loc, count=len(errors)), errors, {"stored": 0}
        )
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(w.live.ingest, events)
    summary = {
        "stored": result.stored,
        "present": result.present,
        "applied": result.applied,
        "stored_only": result.stored_only,
        "rebuilt": sorted(result.rebuilt),
    }
    if errors:
        raise ApiError(422, w.t("web.api.bad_events", loc, count=len(errors)), errors, summary)
    return {"ok": True, **summary}


@router.get("/groups", tags=["groups"])
def get_groups(request: Request, p: Caller) -> dict[str, Any]:
    w = web(request)
    names = w.store.group_names()
    open_counts = w.open_counts()
    return {
        "ok": True,
        "groups": [
            {"group": g, "name": names.get(g) or g, "open_situations": open_counts.get(g, 0)}
            for g in p.visible(names)
        ],
    }


@router.get("/groups/{group_id}/atmosphere", tags=["groups"])
def get_atmosphere(request: Request, p: Caller, group_id: str) -> dict[str, Any]:
    w = web(request)
    _see(w, request, p, group_id)
    fig = w.figures(group_id)
    return {
        "ok": True,
        "group": group_id,
        "atmosphere": fig.overall.to_detail(),
        "days": [
            {
                "start": a.start.isoformat() if a.start else None,
                **a.to_json(),
                "messages": a.messages,
            }
            for a in fig.days
        ],
    }


@router.get("/situations", tags=["situations"])
def get_situations(
    request: Request,
    p: Caller,
    group: str | None = None,
    kind: str | None = None,
    open: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    w = web(request)
    found = w.store.load_situations(_groups(w, p, group))
    if kind:
        found = [s for s in found if s.kind == kind]
    if open is not None:
        found = [s for s in found if (s.resolution is None) == open]
    found = found[-limit:]
    return {"ok": True, "situations": [situation_json(s) for s in reversed(found)]}


@router.get("/suggestions", tags=["suggestions"])
def get_suggestions(
    request: Request,
    p: Caller,
    group: str | None = None,
    status: str = "pending",
    stale: bool = False,
    since: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Pending drafts as inbox cards, most urgent first (``stale``: with drafts whose
    moment passed more than a day ago); or, with ``status``, decided ones.

    With ``since`` (ISO 8601 with offset): a flat list of the drafts made since
    then (``status=any``: whatever became of them), cheap enough to poll.
    """
    w = web(request)
    groups = _groups(w, p, group)
    if since is not None:
        if since.tzinfo is None:
            loc = _loc(request, p)
            raise ApiError(
                422,
                w.t("web.api.invalid", loc),
                [FieldError("since", w.t("import.issue.no_offset", loc))],
            )
        wanted = None if status == "any" else status
        found = w.store.suggestions_since(groups, since, wanted)[:limit] if groups else []
        return {"ok": True, "total": len(found), "suggestions": found}
    if status == "pending":
        views, total = inbox_cards(w.store, groups, w.now(), limit, stale=stale)
        return {"ok": True, "total": total, "cards": [v.to_json() for v in views]}
    items = w.store.inbox_items(groups, statuses=(status,))[-limit:]
    return {
        "ok": True,
        "total": len(items),
        "suggestions": [
            {
                "id": i.suggestion_id,
                "situation": i.situation_id,
                "group": i.group_id,
                "kind": i.kind,
                "action": i.action,
                "to": i.to,
                "text": i.text,
                "status": i.status,
            }
            for i in items
        ],
    }


class EditBody(BaseModel):
    text: str


def _decide(
    request: Request, p: Principal, suggestion_id: str, decision: str, text: str | None = None
) -> dict[str, Any]:
    w = web(request)
    loc = _loc(request, p)
    row = w.store.suggestion_row(suggestion_id)
    if row is None:
        raise ApiError(404, w.t("web.api.no_suggestion", loc, id=suggestion_id))
    _act(w, request, p, row["group_id"])
    try:
        changed = decide_suggestion(w.store, suggestion_id, decision, p.actor, w.now(), text)
    except InputError as exc:
        raise ApiError(422, exc.render(loc), [FieldError("text", exc.render(loc))]) from exc
    if not changed:
        raise ApiError(409, w.t("web.api.not_pending", loc, id=suggestion_id, status=row["status"]))
    w.live_notify({row["group_id"]})
    return {"ok": True, "id": suggestion_id, "status": DECISIONS[decision]}


@router.post("/suggestions/{suggestion_id}/approve", tags=["suggestions"])
def approve(request: Request, p: Caller, suggestion_id: str) -> dict[str, Any]:
    return _decide(request, p, suggestion_id, "approve")


@router.post("/suggestions/{suggestion_id}/dismiss", tags=["suggestions"])
def dismiss(request: Request, p: Caller, suggestion_id: str) -> dict[str, Any]:
    return _decide(request, p, suggestion_id, "dismiss")


@router.post("/suggestions/{suggestion_id}/edit", tags=["suggestions"])
def edit(
    request: Request, p: Caller, suggestion_id: str, body: Annotated[EditBody, Body()]
) -> dict[str, Any]:
    """Replace the draft's text and approve it."""
    return _decide(request, p, suggestion_id, "edit", body.text)


@router.get("/tickets", tags=["tickets"])
def get_tickets(
    request: Request,
    p: Caller,
    group: str | None = None,
    state: str | None = None,
    department: str | None = None,
) -> dict[str, Any]:
    w = web(request)
    found = w.store.tickets(_groups(w, p, group), status=state, department=department)
    return {"ok": True, "tickets": [x.to_json() for x in found]}


class CloseBody(BaseModel):
    note: str


@router.post("/tickets/{ticket_id}/close", tags=["tickets"])
def post_close_ticket(
    request: Request, p: Caller, ticket_id: str, body: Annotated[CloseBody, Body()]
) -> dict[str, Any]:
    w = web(request)
    loc = _loc(request, p)
    ticket = next((x for x in w.store.tickets() if x.id == ticket_id), None)
    if ticket is None:
        raise ApiError(404, w.t("web.api.no_ticket", loc, id=ticket_id))
    _act(w, request, p, ticket.group_id)
    try:
        draft = close_ticket(w.store, w.config, ticket, body.note, p.actor, w.now())
    except InputError as exc:
        raise ApiError(422, exc.render(loc), [FieldError("note", exc.render(loc))]) from exc
    w.live_notify({ticket.group_id})
    return {"ok": True, "id": ticket_id, "follow_up": draft.text}


@router.get("/outbox", tags=["outbox"])
def get_outbox(
    request: Request, p: Caller, group: str | None = None, delivered: bool = False
) -> dict[str, Any]:
    """Approved or edited suggestions and autopilot sends not yet delivered."""
    w = web(request)
    items = w.store.outbox(_groups(w, p, group), delivered=delivered)
    return {"ok": True, "items": [i.to_json() for i in items]}


@router.post("/outbox/{suggestion_id}/delivered", tags=["outbox"])
def post_delivered(request: Request, p: Caller, suggestion_id: str) -> dict[str, Any]:
    """Mark an outbox item delivered; marking it again changes nothing."""
    w = web(request)
    loc = _loc(request, p)
    row = w.store.suggestion_row(suggestion_id)
    if row is None or row["status"] not in ("approved", "edited", "sent"):
        raise ApiError(404, w.t("web.api.not_in_outbox", loc, id=suggestion_id))
    _act(w, request, p, row["group_id"])
    at = w.now()
    with w.store.begin() as conn:
        new = w.store.mark_delivered(conn, suggestion_id, row["group_id"], p.actor, at)
        if new:
            w.store.audit(conn, at, p.actor, "outbox.delivered", row["group_id"], suggestion_id)
    return {"ok": True, "id": suggestion_id, "delivered": True, "already": not new}


@router.get("/audit", tags=["audit"])
def get_audit(
    request: Request, p: Caller, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> dict[str, Any]:
    w = web(request)
    groups = None if p.is_admin else p.visible(w.store.group_names())
    rows = w.store.audit_entries(groups, limit)
    return {
        "ok": True,
        "entries": [{**r, "at": r["at"].isoformat()} for r in rows],
    }
