"""Both catalogs have the same keys with the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from fenwei.i18n import LOCALES, _flatten, catalog, t

I18N = Path(__file__).resolve().parent.parent / "src" / "fenwei" / "i18n"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_files_keys_and_placeholders() -> None:
    files = {loc: sorted(p.name for p in (I18N / loc).glob("*.yaml")) for loc in LOCALES}
    assert files["en"] == files["zh-CN"]
    for name in files["zh-CN"]:
        zh = _flatten(yaml.safe_load((I18N / "zh-CN" / name).read_text(encoding="utf-8")) or {})
        en = _flatten(yaml.safe_load((I18N / "en" / name).read_text(encoding="utf-8")) or {})
        assert sorted(zh) == sorted(en), name
        for key in zh:
            assert _placeholders(zh[key]) == _placeholders(en[key]), f"{name}: {key}"


def test_no_key_defined_twice_across_files() -> None:
    seen: dict[str, str] = {}
    for path in sorted((I18N / "zh-CN").glob("*.yaml")):
        for key in _flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {}):
            assert key not in seen, f"{key} in {path.name} and {seen[key]}"
            seen[key] = path.name


def test_rendering_and_fallbacks() -> None:
    assert t("import.issue.missing_field", "en") == "required field is missing"
    assert t("import.issue.missing_field", "zh") == "缺少必填字段"
    assert t("no.such.key", "en") == "no.such.key"
    assert catalog("zh-CN")["import.issue.no_offset"].startswith("时间缺少时区偏移")
