"""Translation catalogs: every text a KOE or member sees comes from here.

Catalogs are YAML files in one folder per locale beside this module
(``zh-CN/``, the default, and ``en/``), one file per part of fenwei
(``core.yaml``, ``importers.yaml``…), nested maps whose dotted paths are the
keys and whose leaves are whole sentences with ``{name}`` placeholders.
``t(key, locale, **params)`` renders one.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_LOCALE = "zh-CN"
LOCALES = ("zh-CN", "en")
_DIR = Path(__file__).parent
_ALIASES = {
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh_cn": "zh-CN",
    "cn": "zh-CN",
    "en": "en",
    "en-us": "en",
    "en_us": "en",
    "en-gb": "en",
}

_current: str | None = None


def normalize_locale(locale: str | None) -> str | None:
    """Map a user's spelling of a locale to one fenwei has, or None."""
    if not locale:
        return None
    if locale in LOCALES:
        return locale
    return _ALIASES.get(locale.strip().lower().split(".")[0])


def set_locale(locale: str | None) -> None:
    """Set the process default (the CLI's ``--lang``)."""
    global _current
    _current = normalize_locale(locale)


def current_locale() -> str:
    return _current or normalize_locale(os.environ.get("FENWEI_LANG")) or DEFAULT_LOCALE


@cache
def catalog(locale: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((_DIR / locale).glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            out.update(_flatten(yaml.safe_load(fh) or {}))
    return out


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = str(v)
    return out


def t(key: str, locale: str | None = None, /, **params: Any) -> str:
    """Render catalog ``key`` in ``locale`` (default: the current locale).

    A key missing from the locale falls back to zh-CN, then to the key itself,
    so a missing translation never hides an error message.
    """
    loc = normalize_locale(locale) or current_locale()
    text = catalog(loc).get(key)
    if text is None:
        text = catalog(DEFAULT_LOCALE).get(key, key)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text + " " + " ".join(f"{k}={v}" for k, v in params.items())
