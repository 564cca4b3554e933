"""Names in the text: the display name or a distinctive part of it."""

from __future__ import annotations

from fenwei.engine.addressing import NameIndex, name_parts


def test_name_parts() -> None:
    assert name_parts("电车阿宽") == {"电车阿宽", "阿宽"}
    assert name_parts("跑步的阿珍") == {"跑步的阿珍", "阿珍"}
    assert "王老师" in name_parts("贝恩-育婴师王老师")
    assert "贝恩" not in name_parts("贝恩-育婴师王老师")  # the brand side of a dash
    assert name_parts("Priya (Stackwise)") == {"priya (stackwise)", "priya"}
    assert name_parts("Ben | Stackwise staff") == {"ben | stackwise staff", "ben"}
    assert {"jason", "wu"} <= name_parts("Jason Wu")


def test_shared_part_does_not_count_but_full_name_does() -> None:
    index = NameIndex([("a", "电车阿宽"), ("b", "阿宽哥")])
    assert index.find("谢谢阿宽") == set()
    assert index.find("谢谢电车阿宽") == {"a"}
    assert index.find("阿宽哥好") == {"b"}


def test_latin_parts_match_whole_words_case_insensitively() -> None:
    index = NameIndex([("t", "Tom"), ("j", "Jason Wu")])
    assert index.find("see you tomorrow") == set()
    assert index.find("thanks TOM and jason!") == {"t", "j"}


def test_name_inside_a_longer_name_is_the_longer_one() -> None:
    index = NameIndex([("e", "小鹿"), ("f", "小鹿斑比")])
    assert index.find("欢迎小鹿斑比") == {"f"}
    assert index.find("小鹿 早") == {"e"}
