"""``fenwei classify`` and ``fenwei eval`` (CONTRACTS.md)."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

import fenwei.cli.classify  # noqa: F401  (registers the commands)
from fenwei.cli.app import app
from fenwei.i18n import set_locale, t


@pytest.fixture(autouse=True)
def _english() -> object:
    set_locale("en")
    yield
    set_locale(None)


def _run(args: list[str], stdin: str | None = None) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(app, ["--lang", "en", *args], input=stdin)
    lines = [orjson.loads(x) for x in result.stdout.splitlines() if x.strip()]
    return result.exit_code, lines, result.stderr


def test_adds_fields_keeps_order_and_unknown_fields(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "欢迎新朋友入群!", "extra": {"deep": [1, 2]}, "n": 1.5},
        {"id": "b", "text": "谢谢,搞定了", "role": "member", "context": "在设置里关掉就行"},
        {"id": "c", "text": "你懂个屁,滚", "role": "member"},
        {"id": "d", "text": ""},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    code, out, err = _run(["classify", str(path)])
    assert code == 0, err
    assert err == ""
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    for src, got in zip(rows, out, strict=True):
        for key, value in src.items():
            assert got[key] == value
        assert isinstance(got["act"], str)
        assert -1 <= got["sentiment"] <= 1 and 0 <= got["toxicity"] <= 1
        assert "error" not in got
    assert out[0]["act"] == "welcome"
    assert out[1]["act"] == "praise"
    assert out[3]["act"] == "chitchat"


def test_bad_lines_are_written_back_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "early"}\n'
        b"not json at all\n"
        b'{"id": 3}\n'
        b"\n"
        b'{"id": 5, "text": 7}\n'
        b"[1, 2]\n"
        b'{"id": 7, "text": "\xe4\xbd\xa0\xe5\xa5\xbd"}\n'
        b"\xff\xfe broken\n"
    )
    code, out, err = _run(["classify", str(path)])
    assert code == 0
    assert len(out) == 7
    assert out[0]["id"] == 1 and "act" in out[0]
    assert out[1] == {"line": 2, "raw": "not json at all", "error": out[1]["error"]}
    assert out[1]["error"].startswith("not valid JSON")
    assert out[2] == {"id": 3, "error": t("cli.classify.no_text", "en")}
    assert out[3]["id"] == 5 and out[3]["error"] == t("cli.classify.no_text", "en")
    assert "act" not in out[3]
    assert out[4] == {"line": 6, "raw": "[1, 2]", "error": t("cli.classify.not_object", "en")}
    assert out[5]["id"] == 7 and out[5]["text"] == "你好" and "act" in out[5]
    assert out[6]["line"] == 8 and out[6]["raw"].endswith(" broken")
    err_lines = err.strip().splitlines()
    assert err_lines[0].startswith(f"{path}:2: not valid JSON")
    assert err_lines[1:4] == [
        f"{path}:3: {t('cli.classify.no_text', 'en')}",
        f"{path}:5: {t('cli.classify.no_text', 'en')}",
        f"{path}:6: {t('cli.classify.not_object', 'en')}",
    ]
    assert err_lines[4].startswith(f"{path}:8: not valid JSON")
    assert len(err_lines) == 5


def test_stdin_and_role() -> None:
    line = {"text": "【新品上线】会员群专属:本周第二杯半价,点单时出示会员码即可", "role": "staff"}
    code, out, err = _run(["classify", "-"], stdin=json.dumps(line, ensure_ascii=False) + "\n")
    assert code == 0, err
    assert out[0]["act"] != "ad"


def test_stdin_problem_names_dash() -> None:
    code, out, err = _run(["classify", "-"], stdin="{oops\n")
    assert code == 0
    assert out[0]["line"] == 1
    assert err.startswith("-:1: not valid JSON")


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["classify", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0


def test_eval_json_lists_stored_figures(tmp_path: Path) -> None:
    code = CliRunner().invoke(app, ["--lang", "en", "eval", "--json", "--shared", str(tmp_path)])
    assert code.exit_code == 0
    doc = json.loads(code.stdout)
    assert any(m["source"] == "training" and "scenarios" in m["dataset"] for m in doc)
    assert t("cli.eval.no_data", "en", path=str(tmp_path / "data")) in code.stderr
