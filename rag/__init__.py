"""Ask questions about a news article and get answers tied to the passages they come from."""

from __future__ import annotations

__version__ = "0.1.0"

from .config import ConfigError, Settings  # noqa: E402
from .types import Answer, AnswerSentence, Chunk, Citation, Document, Hit  # noqa: E402


def __getattr__(name: str):
    # the pipeline pulls in faiss and bm25s: import it when asked for, not on `import rag`
    if name in ("Pipeline", "load_pipeline"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


__all__ = [
    "Answer", "AnswerSentence", "Chunk", "Citation", "ConfigError", "Document", "Hit", "Pipeline", "Settings",
    "load_pipeline", "__version__",
]
