"""Trust (issue 5 §4): new members are checked harder, trusted ones spared borderline flags."""

from __future__ import annotations

from fenwei.model import Act, Label


def is_flagged(
    label: Label, act: Act, threshold: float, offset: float, is_new: bool, trusted: bool
) -> bool:
    """Is this message an ``act`` (ad, attack) to act on, after the trust rules?

    A gold label (no probabilities) is taken as given. With a model's
    probabilities, the model's own choice of act is the established member's
    threshold; a new member is also flagged when the act's probability reaches
    ``threshold - offset``; a trusted member (core, or with enough helpful
    acts) is not flagged on a borderline score (below ``threshold + offset``).
    """
    if not label.probs:
        return label.act == act
    p = label.prob(act)
    if label.act == act:
        return not (trusted and p < threshold + offset)
    return is_new and p >= threshold - offset
