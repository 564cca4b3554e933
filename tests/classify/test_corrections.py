"""Corrections: exact-text overrides at once, and a retrained community model."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenwei.classify import Classifier
from fenwei.classify.corrections import (
    apply_overrides,
    load_community_model,
    override_map,
    train_community_model,
)
from fenwei.errors import InputError
from fenwei.model.acts import Act


def _fresh() -> Classifier:
    from fenwei.classify.classifier import MODELS_DIR

    return Classifier.from_dir(MODELS_DIR)


def test_override_applies_at_once_to_the_same_text() -> None:
    clf = _fresh()
    text = "上车上车,冲冲冲"
    before = clf.classify(text)
    target = Act.SHARE if before.act is not Act.SHARE else Act.PRAISE
    apply_overrides(clf, [(text, target.value)])
    after = clf.classify("上车上车,冲冲冲")
    assert after.act is target
    assert after.source == "correction"
    # width, traditional characters and spacing do not matter
    assert clf.classify(" 上車上車，衝衝衝 ").act is target
    # other texts are untouched
    assert clf.classify("请问怎么退款?").source == "model"


def test_override_map_last_wins_and_rejects_unknown_acts() -> None:
    m = override_map([("好的", "chitchat"), {"text": "好的", "act": "praise"}])
    assert m == {"好的": Act.PRAISE}
    with pytest.raises(InputError):
        override_map([("好的", "not-an-act")])


def test_shared_classifier_is_not_changed_by_a_fresh_one() -> None:
    clf = _fresh()
    apply_overrides(clf, [("早上好", "rules")])
    assert Classifier.load().classify("早上好").act is not Act.RULES


@pytest.mark.slow
def test_community_model_learns_corrections(tmp_path: Path, shared_data: Path) -> None:
    text = "蹲一个周末拼车去露营的"
    corrections = [(text, "share"), ("周末拼车去露营有人吗", "share"), ("蹲一个拼车的", "share")]
    clf = train_community_model(corrections, tmp_path / "community", shared=shared_data)
    assert (tmp_path / "community" / "act.ftz").is_file()
    assert clf.classify(text).act is Act.SHARE
    again = load_community_model(tmp_path / "community")
    assert again.classify(text).act is Act.SHARE
    assert again.classify("请问怎么退款?").act is Act.QUESTION


def test_community_model_needs_the_training_data(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        train_community_model([("好", "chitchat")], tmp_path / "m", shared=tmp_path)
