"""Wiring only: question (+ history) -> Question -> passages -> the extractive answer, or a generated one that
verification checks, with the extractive answer as its fallback."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import tuning
from .answer import ExtractiveAnswerer, paraphrase_for, reads_more
from .chunking import ChunkerParams
from .config import DEFAULT_INDEX_DIR, Settings
from .corpus import default_documents
from .encoders import Encoder, load_encoder
from .generate.generators import GeneratorError, GuardLimits, load_generator
from .generate.verify import answer_with_generator
from .index import (
    HybridIndex,
    IndexLoadError,
    build_in_memory,
    load_index,
    manifest_encoder,
    restore_interrupted,
    single_threaded_search,
)
from .messages import EMPTY_PROMPT, say
from .privacy import answer_record
from .question import Question, analyze
from .rerank import load_reranker
from .retrieval import Retriever, dedupe_hits
from .types import Answer, Hit
from .zh import clean, detect_script

log = logging.getLogger("rag")

STREAM_STEP = 12  # characters added to the extractive answer per streamed update


class Pipeline:
    """Retrieval and answering over one loaded index. Safe to call from several threads."""

    def __init__(self, index: HybridIndex, encoder: Encoder, settings: Settings | None = None) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings or Settings()
        single_threaded_search()
        self.retriever = Retriever(index, encoder, reranker=load_reranker(self.settings.reranker))
        self.answerer = ExtractiveAnswerer(index, self.retriever.term_weight,
                                           paraphrase_for(index, encoder, self.settings.paraphrase_check))
        self.generator = load_generator(self.settings.generator, timeout=self.settings.request_timeout,
                                        limits=GuardLimits(deadline=self.settings.generator_deadline))

    def retrieve(self, question: str | Question, k: int = 5, *, vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best passages for a question (a string, or a ``Question`` already analysed)."""
        q = question if isinstance(question, Question) else self.analyze(question)
        return self.retriever.retrieve(q, k, vector=vector)

    def analyze(self, question: str, history: Sequence[str] = ()) -> Question:
        """The ``Question`` for ``question`` after ``history`` (cut to the length limit), in the index's words."""
        limit = self.settings.max_question_chars
        return analyze(question[:limit], [h[:limit] for h in history if h], known=self.answerer.knows)

    def answer(self, question: str, history: Sequence[str] = (), *, k: int | None = None) -> Answer:
        """The final answer (drains ``answer_stream``)."""
        final = None
        for item in self.answer_stream(question, history, k=k):
            final = item
        assert isinstance(final, Answer)
        return final

    def answer_stream(self, question: str, history: Sequence[str] = (), *,
                      k: int | None = None) -> Iterator[str | Answer]:
        """Yields the answer text as it grows (each item the whole text so far), then the final ``Answer``."""
        start = time.perf_counter()
        limit = self.settings.max_question_chars
        text = clean(question or "").strip()
        notice = f"question truncated to its first {limit} characters" if len(text) > limit else ""
        q = self.analyze(text, history)
        if not q.text:
            script = "en" if not q.history else detect_script(" ".join(q.history))
            yield Answer(question="", text=say(EMPTY_PROMPT, script), refused=True, script=script,
                         notice="empty question", kind="refusal")
            return
        answer = self.answerer.whole_page(q)
        if answer is None:
            top_k = k or self.settings.top_k
            qvec = self.encoder.encode([q.query], query=True)[0]  # once: for retrieval and for sentence scoring
            found = dedupe_hits(self.retriever.retrieve(q, max(top_k * 2, 10), vector=qvec))
            passages = found[: top_k * tuning.REASON_POOL if reads_more(q, found[:top_k]) else top_k]
            if self.generator is not None:
                try:
                    for item in answer_with_generator(self.generator, q.text, q.script, passages,
                                                      history=q.history, query=q.query, hits=passages,
                                                      cumulative=True, similarity=self._similarity):
                        if isinstance(item, Answer):
                            answer = item
                        else:
                            yield item
                except GeneratorError as exc:
                    # the user still gets a grounded answer: the extractive one, with the reason
                    log.warning("generator %s failed: %s", self.generator.name, exc)
                    notice = "; ".join(filter(None, [notice, f"the generator failed ({exc}); "
                                                              "showing the extractive answer"]))
            if answer is None:
                search = self.retriever.search
                answer = self.answerer.answer(q, passages, self.retriever.sentences.similarity(qvec),
                                              terms=search.key_terms(q.query), groups=search.key_term_groups(q.query),
                                              own=search.key_term_groups(q.text) if q.query != q.text else ())
                for i in range(STREAM_STEP, len(answer.text), STREAM_STEP):
                    yield answer.text[:i]
        if notice:
            answer = replace(answer, notice="; ".join(filter(None, [notice, answer.notice])))
        log.info("answer %s", answer_record(answer, time.perf_counter() - start,
                                            with_question=self.settings.log_questions))
        yield answer

    def _similarity(self, a: str, b: str) -> float:
        """Cosine of two texts: lets verification check an English claim against a Chinese passage."""
        vecs = self.encoder.encode([a, b])
        return float(vecs[0] @ vecs[1])


def load_pipeline(index_dir: Path | str | None = None, settings: Settings | None = None) -> Pipeline:
    """The pipeline over ``index_dir`` (default: the committed ``index/`` of the shipped article). With the
    default index directory missing (an installed wheel has no ``index/``), the article is indexed in memory."""
    settings = settings or Settings.from_env()
    if index_dir is not None:
        settings = settings.with_(index_dir=Path(index_dir))
    encoder = load_encoder(settings.encoder)
    path = Path(settings.index_dir)
    restore_interrupted(path)  # an index a crashed build moved aside comes back before anything looks at it
    if path.resolve() == DEFAULT_INDEX_DIR.resolve():
        docs = default_documents()
        if not (path / "manifest.json").exists() or manifest_encoder(path) != encoder.name:
            # an installed wheel has no index/, and the committed one is for the default encoder
            log.warning("no prebuilt index for %s at %s: indexing the shipped article in memory", encoder.name, path)
            return Pipeline(build_in_memory(docs, encoder), encoder, settings)
        index = load_index(path, encoder_name=encoder.name, chunker=ChunkerParams(), documents=docs)
    else:
        index = load_index(path, encoder_name=encoder.name, chunker=ChunkerParams())
    return Pipeline(index, encoder, settings)


__all__ = ["Pipeline", "load_pipeline", "IndexLoadError"]
