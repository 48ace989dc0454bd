"""Optional second stage: rerank the fused candidates with a sentence-transformers ``CrossEncoder``.

Off by default (no model is loaded unless ``RAG_RERANKER`` names one). A cross-encoder such as
``BAAI/bge-reranker-v2-m3`` reads question and passage together and is far stronger than either first-stage
signal, but needs torch (the optional extra ``pip install -e ".[st]"``) and a hub download, so it is for users who
can provide one.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from .encoders import EncoderLoadError, require_sentence_transformers
from .types import Hit


class CrossEncoderReranker:
    def __init__(self, model: str, *, device: str = "cpu", max_length: int = 512) -> None:
        self.name = model
        st = require_sentence_transformers(f"RAG_RERANKER={model}", "unset RAG_RERANKER to run without a reranker")
        try:
            self._model = st.CrossEncoder(model, device=device, max_length=max_length)
        except Exception as exc:
            raise EncoderLoadError(
                f"Could not load the reranker {model!r} ({type(exc).__name__}: {exc}). Give a local path "
                "(RAG_RERANKER=/path/to/model), or download it once with network access and set HF_HUB_OFFLINE=1; "
                "unset RAG_RERANKER to run without one."
            ) from exc
        self._lock = threading.Lock()

    def rerank(self, query: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        """The ``k`` best of ``hits`` by cross-encoder score; the first-stage score stays in ``signals``."""
        if not hits:
            return []
        with self._lock:
            scores = self._model.predict([(query, h.chunk.text) for h in hits], show_progress_bar=False)
        order = sorted(range(len(hits)), key=lambda i: -float(scores[i]))[:k]
        return [Hit(chunk=hits[i].chunk, score=float(scores[i]), rank=rank,
                    signals={**hits[i].signals, "fused": hits[i].score})
                for rank, i in enumerate(order, start=1)]


def load_reranker(model: str | None) -> CrossEncoderReranker | None:
    """The reranker ``RAG_RERANKER`` names, or None when it names none."""
    return CrossEncoderReranker(model) if model else None
