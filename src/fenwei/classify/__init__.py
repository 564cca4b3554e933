"""Understanding messages: each message's act, sentiment and toxicity (docs/LABELS.md).

``Classifier.load()`` gives the shipped model; ``classify(text, role, context)``
returns a ``fenwei.model.Label``. ``normalize`` is the text clean-up the models
see, ``evaluate`` the quality figures, ``corrections`` the KOE corrections.
"""

from fenwei.classify.classifier import Classifier, Fusion
from fenwei.classify.normalize import Normalized, normalize, normalize_key

__all__ = ["Classifier", "Fusion", "Normalized", "normalize", "normalize_key"]
