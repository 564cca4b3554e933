"""The report: data, HTML that opens offline with every chart, Markdown, JSON, both languages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from fenwei.i18n import _DIR as I18N_DIR
from fenwei.model import Act
from fenwei.model.situations import Kind
from fenwei.reports import (
    SCHEMA,
    ReportInput,
    build_report,
    render,
    render_html,
    render_json,
    render_markdown,
)
from tests.metrics.builders import History, base

EVIL = "<script>alert('x')</script>"
EVIL_MEMBER = '<img src=x onerror="alert(1)">'


def _community() -> list[Any]:
    good = base()
    good.join("new1", 20)
    good.situation(Kind.NEWCOMER, "new1", 20, by="u1", after=2)
    q = good.say("u2", 30, Act.QUESTION, text="怎么连蓝牙?")
    good.situation(Kind.OPEN_QUESTION, "u2", 30, event=q, by="u1", after=3)
    good.situation(Kind.CORE_MEMBER, "u1", 40)
    good.say("u1", 24 * 60 + 5, Act.SHARE)

    bad = History(group="g-evil")
    for m in ("a", EVIL_MEMBER, "c"):
        bad.join(m, 0)
    bad.chat(["a", EVIL_MEMBER, "c"], 1, rounds=2)
    ad = bad.say(EVIL_MEMBER, 10, Act.AD, text=EVIL)
    bad.situation(Kind.RULE_VIOLATION, EVIL_MEMBER, 10, event=ad)
    q = bad.say(EVIL_MEMBER, 3 * 24 * 60, Act.QUESTION, text=f"{EVIL} how?")
    still = bad.situation(Kind.OPEN_QUESTION, EVIL_MEMBER, 3 * 24 * 60, event=q)
    bad.situations[-1] = replace(still, resolution=None, text=f"{EVIL} how?")
    evil = replace(bad.build(), name=EVIL)
    return [replace(good.build(), name="驰远车主·浦东1群"), evil]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return build_report(ReportInput(_community(), locale="zh-CN"))


@pytest.fixture(scope="module")
def page(data: dict[str, Any]) -> str:
    return render_html(data)


def _outside_scripts(html: str) -> str:
    return re.sub(r"<script>.*?</script>", "", html, flags=re.S)


def test_the_data_is_json_and_has_every_section(data: dict[str, Any]) -> None:
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == SCHEMA
    g = {x["group"]: x for x in data["groups"]}
    good = g["g-1"]
    assert set(good["atmosphere"]) == {
        "index",
        "vitality",
        "warmth",
        "safety",
        "helpfulness",
        "belonging",
    }
    assert len(good["daily"]) == data["period"]["days"]
    assert good["weekly"]
    assert good["situations"]["by_kind"]["newcomer"]["community"] == 1
    assert good["contributors"][0]["member"] == "u1"
    assert [c["member"] for c in good["core_members"]] == ["u1"]
    assert [o["group"] for o in data["open"]] == ["g-evil"]
    assert [r["group"] for r in data["comparison"]] == sorted(
        g, key=lambda k: -g[k]["atmosphere"]["index"]
    )
    assert {x["rank"] for x in data["groups"]} == {1, 2}


def test_html_opens_offline(page: str) -> None:
    refs = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    assert refs == []
    assert not re.search(r"@import|url\(\s*['\"]?https?:", _outside_scripts(page))
    assert page.count("<script") == 2  # plotly.js inlined, then the figures
    assert "Plotly.newPlot" in page


def test_html_has_every_chart(data: dict[str, Any], page: str) -> None:
    n = 3 + 4 * len(data["groups"])
    assert page.count('class="chart"') == n
    for i in range(1, n + 1):
        assert f'id="chart-{i}"' in page
        assert f'"id":"chart-{i}"' in page
    for title in (
        "各群氛围对比",
        "各群关键时刻的处理方式",
        "氛围指数与五个部分",
        "首次回复时间与新人欢迎率",
        "关键时刻:类型与处理方式",
        "贡献最多的成员",
        "仍待处理",
    ):
        assert title in page


def test_html_escapes_group_and_member_names(page: str) -> None:
    assert EVIL not in page
    assert EVIL_MEMBER not in page
    assert "onerror=" not in _outside_scripts(page).replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    # inside the figures' JSON no '<' can close the script
    figures = page.rsplit("<script>", 1)[1]
    assert "<" not in figures.split("</script>")[0]


def test_both_locales_render(data: dict[str, Any]) -> None:
    zh = render_html(data, "zh-CN")
    en = render_html(data, "en")
    assert '<html lang="zh-CN">' in zh and "社群氛围报告" in zh
    assert '<html lang="en">' in en and "Community atmosphere report" in en
    for page in (zh, en):
        assert not re.search(r"\breport\.[a-z_]+\.[a-z_]+", _outside_scripts(page))


def test_markdown(data: dict[str, Any]) -> None:
    for loc, title in (("zh-CN", "# 社群氛围报告"), ("en", "# Community atmosphere report")):
        text = render_markdown(data, loc)
        assert text.startswith(title)
        assert not re.search(r"(?<!\\)<", text)  # every '<' of user text is escaped
        assert r"\<script\>" in text
        assert "| 1 |" in text
        assert not re.search(r"\breport\.[a-z_]+\.[a-z_]+", text)


def test_json(data: dict[str, Any]) -> None:
    text = render_json(data)
    assert json.loads(text) == data
    assert render(data, "json") == text
    with pytest.raises(ValueError, match="format"):
        render(data, "pdf")


def test_an_empty_report_renders() -> None:
    empty = build_report(ReportInput([], locale="en"))
    assert empty["groups"] == []
    for fmt in ("html", "md", "json"):
        assert render(empty, fmt)


def _leaves(d: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_leaves(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = str(v)
    return out


def test_the_catalogs_have_the_same_keys_and_placeholders() -> None:
    zh = _leaves(yaml.safe_load((Path(I18N_DIR) / "zh-CN" / "report.yaml").read_text("utf-8")))
    en = _leaves(yaml.safe_load((Path(I18N_DIR) / "en" / "report.yaml").read_text("utf-8")))
    assert set(zh) == set(en)
    for key in zh:
        assert set(re.findall(r"\{(\w+)\}", zh[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key


@pytest.mark.slow
def test_every_chart_draws_in_headless_chromium(page: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    out = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    n = page.count('class="chart"')
    assert f'data-charts-drawn="{n}"' in out.stdout
    assert out.stdout.count('class="main-svg"') >= n
