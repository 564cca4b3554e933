"""The pages: escaping, languages, settings validation, tickets, snooze."""

from __future__ import annotations

from tests.web.conftest import Site
from tests.web.test_api import join, message, pending

SCRIPT = "<script>alert('x')</script>"


def test_a_script_in_a_message_or_name_is_shown_as_text(site: Site) -> None:
    site.client.post(
        "/api/v1/events",
        headers=site.auth("lin"),
        json=[
            join("g-a", "u-1", f"阿杰{SCRIPT}"),
            message("g-a", "m-1", "u-1", f"[question]{SCRIPT} 怎么连蓝牙?", minutes=0.01),
        ],
    )
    site.login("lin")
    for path in ("/inbox", "/inbox/cards", "/groups/g-a"):
        html = site.client.get(path).text
        assert SCRIPT not in html, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html, path


def test_every_page_renders_in_both_languages(site: Site) -> None:
    site.client.post("/api/v1/events", headers=site.auth("boss"), json=join("g-a", "u-1", "A"))
    csrf = site.login("boss")
    expected = {"zh-CN": ("待办", "总览", "操作记录"), "en": ("Inbox", "Overview", "Audit log")}
    for lang, words in expected.items():
        r = site.client.post("/lang", data={"csrf": csrf, "lang": lang}, follow_redirects=False)
        assert r.status_code == 303
        for path in ("/", "/inbox", "/groups/g-a", "/tickets", "/settings", "/audit"):
            r = site.client.get(path)
            assert r.status_code == 200, (lang, path)
            assert f'<html lang="{lang}">' in r.text
            for word in words:
                assert word in r.text, (lang, path, word)
            assert "web." not in r.text.replace("web.db", ""), (lang, path)
    assert site.store.user("boss").locale == "en"  # type: ignore[union-attr]


def test_settings_are_validated_like_fenwei_yaml(site: Site) -> None:
    csrf = site.login("lin")
    r = site.client.post(
        "/settings/groups/g-a",
        data={"csrf": csrf, "rules": "不发广告", "deadline.newcomer": "soon"},
    )
    assert r.status_code == 422
    assert "groups.g-a.deadlines.newcomer" in r.text
    r = site.client.post(
        "/settings/groups/g-a",
        data={
            "csrf": csrf,
            "rules": "不发广告",
            "deadline.newcomer": "5m",
            "autopilot": "newcomer",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    cfg = site.client.app.state.web.config.for_group("g-a")  # type: ignore[attr-defined]
    assert cfg.rules == "不发广告"
    assert cfg.deadline("newcomer").total_seconds() == 300
    assert cfg.autopilot == frozenset({"newcomer"})
    r = site.client.post("/settings/groups/g-b", data={"csrf": csrf, "rules": "x"})
    assert r.status_code == 403
    r = site.client.post("/settings/yaml", data={"csrf": csrf, "yaml": "rules: x"})
    assert r.status_code == 403


def test_admin_yaml_settings_report_the_bad_key(site: Site) -> None:
    csrf = site.login("boss")
    r = site.client.post(
        "/settings/yaml", data={"csrf": csrf, "yaml": "deadlines:\n  newcomer: 1x\n"}
    )
    assert r.status_code == 422
    assert "deadlines.newcomer" in r.text
    r = site.client.post(
        "/settings/yaml", data={"csrf": csrf, "yaml": "value: 车主互助\n"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert site.client.app.state.web.config.value == "车主互助"  # type: ignore[attr-defined]


def test_snooze_hides_a_card_and_close_ticket_from_the_page(site: Site) -> None:
    site.client.post(
        "/api/v1/events",
        headers=site.auth("lin"),
        json=[join("g-a", "u-1", "A"), message("g-a", "m-1", "u-2", "[criticism]发货太慢了", 0.01)],
    )
    cards = {s["card"]["kind"]: s["card"]["card"] for s in pending(site, "lin")}
    csrf = site.login("lin")
    r = site.client.post(
        f"/inbox/{cards['newcomer']}/snooze",
        data={"csrf": csrf, "minutes": "60"},
        headers={"X-Fenwei-Fetch": "1"},
    )
    assert r.status_code == 200
    assert "1 张已稍后提醒" in r.text and f'data-card="{cards["newcomer"]}"' not in r.text
    (ticket,) = site.store.tickets()
    r = site.client.post(
        f"/tickets/{ticket.id}/close",
        data={"csrf": csrf, "note": "换了快递公司"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert site.store.tickets()[0].status == "closed"
    assert "换了快递公司" in site.client.get("/tickets").text


def test_autopilot_can_be_switched_from_an_inbox_card(site: Site) -> None:
    site.client.post("/api/v1/events", headers=site.auth("lin"), json=join("g-a", "u-1", "A"))
    csrf = site.login("lin")
    html = site.client.get("/inbox").text
    assert "本群这类需你审核后发送" in html
    r = site.client.post(
        "/groups/g-a/autopilot",
        data={"csrf": csrf, "kind": "newcomer", "on": "1"},
        headers={"X-Fenwei-Fetch": "1"},
    )
    assert r.status_code == 200 and "本群这类已自动发送" in r.text and "<html" not in r.text
    cfg = site.client.app.state.web.config  # type: ignore[attr-defined]
    assert cfg.for_group("g-a").autopilot == frozenset({"newcomer"})
    assert cfg.for_group("g-b").autopilot == frozenset()
