"""The importers' texts exist in both catalogs, with the same keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import fenwei.i18n
from fenwei.i18n import LOCALES, catalog

I18N = Path(fenwei.i18n.__file__).parent
SOURCES = Path(fenwei.i18n.__file__).parent.parent / "importers"
MODULES = ("telegram.py", "wecom.py", "wechat_csv.py", "wechat_system.py")


def _keys(data: dict[str, object], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for k, v in data.items():
        out |= _keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}"}
    return out


def test_same_keys_in_every_locale() -> None:
    files = [yaml.safe_load((I18N / loc / "importers.yaml").read_text("utf-8")) for loc in LOCALES]
    assert all(_keys(f) == _keys(files[0]) for f in files)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_the_importers_use_exists(locale: str) -> None:
    used: set[str] = set()
    for module in MODULES:
        text = (SOURCES / module).read_text("utf-8")
        used |= set(re.findall(r'"((?:import\.issue|error\.import)\.[a-z_.]+)"', text))
        used |= {
            f"error.import.csv.{w}" for w in re.findall(r'_format_error\([^,]+, "(\w+)"', text)
        }
    assert "import.issue.no_sender" in used and "error.import.csv.no_column" in used
    assert used <= set(catalog(locale))
