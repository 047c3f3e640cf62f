"""Linear models over sparse named features, stored as plain JSON.

A model is a bias and a weight per (feature, class); scoring a candidate is a
sum over the few features it has. Training happens elsewhere (scikit-learn,
``training/train_decisions.py``); here only the arithmetic of inference, so
the core install needs neither scikit-learn nor numpy for it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class LinearModel:
    """A logistic (two classes) or softmax (more) model over named features.

    classes (tuple[str, ...]): the labels; a binary model has one weight row,
        for ``classes[1]``.
    bias (tuple[float, ...]): one per weight row.
    weights (dict[str, tuple[float, ...]]): feature name → one weight per row.
    """

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @property
    def binary(self) -> bool:
        return len(self.classes) == 2 and len(self.bias) == 1

    def proba(self, features: Mapping[str, float]) -> dict[str, float]:
        """RETURNS (dict[str, float]): the probability of each class."""
        rows = len(self.bias)
        z = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(rows):
                    z[k] += w[k] * value
        if self.binary:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z[0]))))
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        return dict(zip(self.classes, _softmax(z)))

    def to_json(self) -> dict:
        """RETURNS (dict): a JSON-serialisable form (weights rounded to 6 digits)."""
        return {
            "classes": list(self.classes),
            "bias": [round(b, 6) for b in self.bias],
            "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping) -> LinearModel:
        """RETURNS (LinearModel): the model :meth:`to_json` wrote."""
        return cls(tuple(data["classes"]), tuple(data["bias"]),
                   {k: tuple(v) for k, v in data["weights"].items()})
