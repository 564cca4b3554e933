"""The web app's shared state: store, live engine, settings, live-update hub."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from fastapi import Request

from fenwei.clock import Clock, SystemClock
from fenwei.config.community import CommunityConfig
from fenwei.i18n import DEFAULT_LOCALE, normalize_locale, t
from fenwei.store import Store
from fenwei.web.auth import Principal
from fenwei.web.live import LiveEngine
from fenwei.web.security import LoginThrottle
from fenwei.web.views import FiguresCache, GroupFigures


class Hub:
    """Fans the live engine's "these groups changed" out to open pages (SSE)."""

    def __init__(self) -> None:
        self._subs: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[set[str] | None]]] = set()
        self._lock = threading.Lock()

    def publish(self, groups: set[str]) -> None:
        with self._lock:
            subs = list(self._subs)
        for loop, queue in subs:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, set(groups))
            except RuntimeError:  # the loop closed
                with self._lock:
                    self._subs.discard((loop, queue))

    async def subscribe(self) -> AsyncIterator[set[str]]:
        queue: asyncio.Queue[set[str] | None] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._subs.add(entry)
        try:
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), timeout=15)
                except TimeoutError:
                    yield set()  # keep-alive
                    continue
                if item is None:
                    return
                yield item
        finally:
            with self._lock:
                self._subs.discard(entry)

    def close(self) -> None:
        with self._lock:
            subs = list(self._subs)
        for loop, queue in subs:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(queue.put_nowait, None)


class Web:
    """Everything a request handler needs (``request.app.state.web``)."""

    def __init__(
        self,
        store: Store,
        live: LiveEngine,
        *,
        clock: Clock | None = None,
        max_body: int = 5_000_000,
        default_locale: str | None = None,
    ) -> None:
        self.store = store
        self.live = live
        self.clock = clock or SystemClock()
        self.max_body = max_body
        self.default_locale = normalize_locale(default_locale) or DEFAULT_LOCALE
        self.hub = Hub()
        self.throttle = LoginThrottle()
        self.cache = FiguresCache()
        live.listeners.append(self.hub.publish)

    @property
    def config(self) -> CommunityConfig:
        return self.live.config

    def now(self) -> datetime:
        return self.clock.now()

    def t(self, key: str, locale: str | None, **params: Any) -> str:
        return t(key, locale or self.default_locale, **params)

    def figures(self, group_id: str) -> GroupFigures:
        return self.cache.get(
            self.store, self.config, group_id, self.live.versions.get(group_id, 0)
        )

    def open_counts(self) -> dict[str, int]:
        """Open situations with a deadline, per group, from the live engine."""
        with self.live.lock:
            return {
                gid: sum(
                    1
                    for s in engine.group(gid).situations.values()
                    if s.resolution is None and s.due_at is not None
                )
                for gid, engine in self.live.engines.items()
            }

    def group_ids(self) -> list[str]:
        """Every group of the store (the live engine has one engine per group)."""
        with self.live.lock:
            return sorted(self.live.engines)

    def live_notify(self, groups: set[str]) -> None:
        self.hub.publish(groups)

    def health(self) -> dict[str, Any]:
        return {"ok": True, "groups": len(self.live.engines)}


def web(request: Request) -> Web:
    w: Web = request.app.state.web
    return w


def locale_of(request: Request, principal: Principal | None = None) -> str:
    """Session choice → account setting → ``FENWEI_LANG`` → zh-CN."""
    chosen = normalize_locale(request.session.get("lang")) if "session" in request.scope else None
    if chosen:
        return chosen
    if principal is not None and principal.account.locale:
        return normalize_locale(principal.account.locale) or web(request).default_locale
    return web(request).default_locale
