"""The settings page: each group's rules, value line, staff, deadlines, autopilot.

The store keeps the settings in the ``fenwei.yaml`` shape; every save is
validated by ``config_from_data`` (the same checks as the CLI's YAML, with
the same key-path messages) before it is stored and applied.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from fenwei.errors import ConfigError
from fenwei.store import Store
from fenwei.web.actions import (
    config_yaml,
    group_data,
    save_config,
    stored_config_data,
)
from fenwei.web.auth import PageDenied
from fenwei.web.context import locale_of, web
from fenwei.web.pages import AUTOPILOT_KINDS, User, checked_form, render, require_act

router = APIRouter(include_in_schema=False)
DEADLINE_KINDS = (
    "newcomer",
    "open_question",
    "unthanked_contribution",
    "complaint",
    "criticism",
    "conflict",
    "rule_violation",
)


def _human(td: Any) -> str:
    seconds = int(td.total_seconds())
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def _known_staff(store: Store, group: str | None) -> str:
    """Members seen with ``role: staff`` in the group's events, as ``name (id)``."""
    if group is None:
        return ""
    names = store.member_names([group])
    ids = sorted(store.staff_ids([group]).get(group, set()))[:10]
    return ", ".join(f"{names.get((group, m), m)} ({m})" for m in ids)


def _page(
    request: Request, p: Any, group: str | None, error: str | None = None, status: int = 200
) -> HTMLResponse:
    w = web(request)
    names = w.store.group_names()
    groups = [(g, names.get(g) or g) for g in p.visible(names)]
    if group is None or group not in dict(groups):
        group = groups[0][0] if groups else None
    data = stored_config_data(w.store)
    g = dict((data.get("groups") or {}).get(group, {})) if group else {}
    settings = w.config.for_group(group) if group else None
    return render(
        request,
        "settings.html",
        p,
        status=status,
        groups=groups,
        group=group,
        group_name=names.get(group or "") or group,
        g=g,
        defaults=w.config,
        effective={k: _human(v) for k, v in (settings.deadlines if settings else {}).items()},
        deadline_kinds=DEADLINE_KINDS,
        autopilot_kinds=AUTOPILOT_KINDS,
        autopilot=set(settings.autopilot) if settings else set(),
        yaml_text=config_yaml(data),
        users=w.store.users() if p.is_admin else [],
        known_staff=_known_staff(w.store, group),
        saved=request.query_params.get("saved") == "1",
        error=error,
    )


@router.get("/settings")
def settings_page(request: Request, p: User) -> HTMLResponse:
    return _page(request, p, request.query_params.get("group"))


@router.post("/settings/groups/{group_id}")
async def save_group(request: Request, p: User, group_id: str) -> Response:
    w = web(request)
    form = await checked_form(request)
    require_act(p, group_id)
    data = stored_config_data(w.store)
    g = group_data(data, group_id)
    for key in ("rules", "value", "locale"):
        value = str(form.get(key) or "").strip()
        if value:
            g[key] = value
        else:
            g.pop(key, None)
    staff = [s.strip() for s in str(form.get("staff") or "").replace("，", ",").split(",")]
    g["staff"] = [s for s in staff if s]
    deadlines = {
        k: str(form.get(f"deadline.{k}") or "").strip()
        for k in DEADLINE_KINDS
        if str(form.get(f"deadline.{k}") or "").strip()
    }
    if deadlines:
        g["deadlines"] = deadlines
    else:
        g.pop("deadlines", None)
    g["autopilot"] = sorted(str(v) for v in form.getlist("autopilot") if v in AUTOPILOT_KINDS)
    try:
        await run_in_threadpool(save_config, w.store, w.live, data, p.actor, w.now(), [group_id])
    except ConfigError as exc:
        return _page(request, p, group_id, exc.render(locale_of(request, p)), 422)
    return RedirectResponse(f"/settings?group={quote(group_id)}&saved=1", status_code=303)


@router.post("/settings/yaml")
async def save_yaml(request: Request, p: User) -> Response:
    w = web(request)
    form = await checked_form(request)
    if not p.is_admin:
        raise PageDenied
    text = str(form.get("yaml") or "")
    loc = locale_of(request, p)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return _page(request, p, None, w.t("config.problem.bad_yaml", loc), 422)
    if not isinstance(data, dict):
        return _page(request, p, None, w.t("config.problem.not_a_map", loc), 422)
    try:
        await run_in_threadpool(save_config, w.store, w.live, data, p.actor, w.now(), None)
    except ConfigError as exc:
        return _page(request, p, None, exc.render(loc), 422)
    return RedirectResponse("/settings?saved=1", status_code=303)
