"""Filling phrase templates: ``{slot}`` from context, generators or lists."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, Mapping, Sequence

_SLOT = re.compile(r"\{(\w+)\}")

Generator = Callable[[random.Random], str]


def _vx(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 5)))
    digits = "".join(rng.choice(string.digits) for _ in range(rng.randint(3, 6)))
    body = rng.choice(
        [letters + digits, letters + "_" + digits, letters + "-" + digits, digits + letters]
    )
    return (
        rng.choice(["", "", "➕", "V❤ ", "薇 ", "wx:", " "]) + body if rng.random() < 0.4 else body
    )


def _url(rng: random.Random) -> str:
    host = "".join(
        rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(4, 7))
    )
    path = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(6))
    return f"https://{host}.{rng.choice(['cn', 'top', 'xyz', 'cc', 'vip'])}/{path}"


def _slug(rng: random.Random) -> str:
    words = [
        "lumen",
        "fast",
        "builds",
        "cache",
        "monorepo",
        "ci",
        "tips",
        "setup",
        "plugin",
        "guide",
    ]
    return "-".join(rng.sample(words, 3))


GENERATORS: dict[str, Generator] = {
    "vx": _vx,
    "url": _url,
    "slug": _slug,
    "qq": lambda r: str(r.randint(10_000_000, 999_999_999)),
    "n": lambda r: str(r.randint(2, 11)),
}


class Filler:
    """Fills templates from a context, the generators and a slot bank."""

    def __init__(self, rng: random.Random, banks: Sequence[Mapping[str, Sequence[str]]]) -> None:
        self.rng = rng
        self.banks = banks

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def fill(self, template: str, ctx: Mapping[str, str] | None = None) -> str:
        ctx = ctx or {}
        rng = self.rng

        def sub(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in ctx:
                return ctx[key]
            gen = GENERATORS.get(key)
            if gen is not None:
                return gen(rng)
            for bank in self.banks:
                values = bank.get(key)
                if values:
                    return rng.choice(values)
            raise KeyError(f"no slot {key!r} in template {template!r}")

        text = template
        for _ in range(3):
            if "{" not in text:
                break
            text = _SLOT.sub(sub, text)
        return text

    def say(self, templates: Sequence[str], ctx: Mapping[str, str] | None = None) -> str:
        return self.fill(self.rng.choice(templates), ctx)
