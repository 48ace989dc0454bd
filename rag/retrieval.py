"""Hybrid retrieval: lexical BM25 over script-normalised Chinese tokens fused with dense cosine similarity.

Fusion rationale (numbers in eval/results/ and the README): on Chinese questions character BM25 is far stronger
than the bundled encoder (DRCD dev hit@1 ~0.94 vs 0.58-0.69) and an equal-weight reciprocal-rank fusion drags it
down to 0.76, so the dense signal only breaks near-ties there (weight 0.1, swept 0-0.3 on a 1,000-question
DRCD sample). An English question shares almost no tokens with a Chinese page: its terms are expanded through
CC-CEDICT into the corpus's Chinese words, and the multilingual encoder gets half the weight (swept 0.3-0.85
on the article set). Scores are combined, not ranks: each signal is scaled by its best candidate so a confident
lexical match keeps its margin. The lexical signal itself blends BM25 of the chunk with BM25 of its best
sentence (share 0.5, swept 0.3-1.0), so a chunk with one sentence that matches densely beats a chunk with
scattered matches (DRCD sample hit@1 0.948 -> 0.956)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from . import tuning
from .crosslingual import Expander
from .encoders import Encoder
from .evidence import score_sentences
from .index import HybridIndex, all_sentences, idf_weights
from .question import Question, strip_scaffolding
from .types import Hit
from .zh import clean, figures, is_latin, normalize, tokenize


@dataclass(frozen=True)
class FusionWeights:
    """Weight of the dense signal by query language; lexical gets ``1 - dense``."""

    dense_zh: float = tuning.DENSE_ZH
    dense_other: float = tuning.DENSE_OTHER
    sentence_share: float = tuning.SENTENCE_SHARE  # of the lexical signal: best single sentence vs the whole chunk
    candidates: int = tuning.DENSE_CANDIDATES
    focus_share: float = tuning.LEXICAL_FOCUS_SHARE  # of the lexical signal for a follow-up: own words vs rewrite
    document_share: float = tuning.DOCUMENT_SHARE  # of the lexical signal: BM25 of the passage's whole document

    def dense_weight(self, query: str) -> float:
        return self.dense_zh if not is_latin(query) else self.dense_other


class HybridRetriever:
    def __init__(self, index: HybridIndex, encoder: Encoder, weights: FusionWeights | None = None) -> None:
        if encoder.name != index.encoder_name:
            raise ValueError(f"index was built with {index.encoder_name}, not {encoder.name}")
        self.index = index
        self.encoder = encoder
        self.weights = weights or FusionWeights()
        self.expander = Expander(c.text for c in index.chunks)
        self._has_sentences = np.zeros(len(index.chunks), dtype=bool)
        self._has_sentences[index.sentence_chunk] = True

    def lexical_query(self, query: str) -> str:
        """The query BM25 sees: an English question gains the corpus's Chinese words for its terms."""
        if not is_latin(query):
            return query
        terms = self.expander.expand(query)
        return f"{query} {' '.join(terms)}" if terms else query

    def key_terms(self, query: str) -> str:
        """The terms an answer sentence must cover: for an English question its Chinese expansion and the
        Latin words the corpus contains (RISC-V, HKGAI), without the English words no sentence can hold."""
        if not is_latin(query):
            return query
        latin = [w for w in tokenize(query) if w.isascii() and w in self.index.lexical.vocab_dict]
        return " ".join([*self.expander.expand(query), *latin])

    def key_term_groups(self, query: str) -> tuple[tuple[str, ...], ...]:
        """For an English question: each term's Chinese renderings, and each Latin word the corpus holds, as
        one group (a sentence covers a term when it holds any rendering). Empty for a Chinese question."""
        if not is_latin(query):
            return ()
        latin = [(w,) for w in dict.fromkeys(tokenize(query)) if w.isascii() and w in self.index.lexical.vocab_dict]
        return (*self.expander.expand_groups(query), *latin)

    def lexical_scores(self, query: str) -> np.ndarray:
        """BM25 of the chunk blended with BM25 of its best sentence and of its whole document, each scaled by its
        best candidate.

        The document's score is context: of two passages that match the question's words about as well, the
        one in a document about the question's subject as a whole is the likelier answer (DRCD dev, 1,000
        documents: hit@1 0.9600 -> 0.9634, hit@5 0.9943 -> 0.9940; ``document_share`` 0.4 chosen on the even
        questions, 0.9591 -> 0.9608, swept 0.1-0.6, and holding on the odd ones, 0.9608 -> 0.9659). With one
        document it changes nothing and is skipped."""
        query = self.lexical_query(query)
        tokens = tokenize(strip_scaffolding(query)) or tokenize(query)
        n = len(self.index.chunks)
        if not tokens:
            return np.zeros(n, dtype=np.float32)
        chunk = np.asarray(self.index.lexical.get_scores(tokens), dtype=np.float32)
        per_sentence = np.asarray(self.index.sentences.get_scores(tokens), dtype=np.float32)
        best = np.full(n, -1.0, dtype=np.float32)
        np.maximum.at(best, self.index.sentence_chunk, per_sentence)
        chunk, best = _scale(chunk), _scale(np.maximum(best, 0.0))
        best = np.where(self._has_sentences, best, chunk)  # labels (headings, byline) keep their chunk score
        a = self.weights.sentence_share
        lex = (1 - a) * chunk + a * best
        if self.index.n_documents <= 1:
            return lex
        whole = _scale(np.asarray(self.index.documents.get_scores(tokens), dtype=np.float32))
        d = self.weights.document_share
        return (1 - d) * lex + d * whole[self.index.chunk_document]

    def dense_scores(self, query: str, vector: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity for the top candidates, -1 elsewhere."""
        n = len(self.index.chunks)
        vec = self.encoder.encode([query], query=True) if vector is None else vector.reshape(1, -1)
        k = min(n, self.weights.candidates)
        sims, ids = self.index.dense.search(np.ascontiguousarray(vec, dtype=np.float32), k)
        out = np.full(n, -1.0, dtype=np.float32)
        valid = ids[0] >= 0
        out[ids[0][valid]] = sims[0][valid]
        return out

    def retrieve(self, query: str, k: int, *, vector: np.ndarray | None = None, focus: str = "") -> list[Hit]:
        """The ``k`` best chunks; ``vector``: the query's embedding when the caller already has it.

        ``focus``: for a follow-up rewritten with the history, the user's own latest question. Its words
        share the lexical signal with the rewrite (``FusionWeights.focus_share``): 這些機構涵蓋哪些賽道 after
        a question on 河套園區 wants the passage on 機構 and 賽道 in the park, not the park's best passage.
        """
        query = clean(query).strip()
        n = len(self.index.chunks)
        if not query or n == 0:
            return []
        lex = self.lexical_scores(query)
        focus = clean(focus).strip()
        if focus and focus != query:
            share = self.weights.focus_share
            lex = (1 - share) * lex + share * self.lexical_scores(focus)
        dense = self.dense_scores(query, vector)
        w = self.weights.dense_weight(query)
        fused = (1 - w) * _scale(lex) + w * _scale_dense(dense)
        order = top_k(fused, k)
        return [
            Hit(chunk=self.index.chunks[i], score=float(fused[i]), rank=rank,
                signals={"lexical": float(lex[i]), "dense": float(dense[i]), "dense_weight": w})
            for rank, i in enumerate(order, start=1)
        ]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first, ties in position order (as a stable sort gives them):
    a partial partition finds the k-th score, and only the scores above it and the first ties at it are sorted
    (at 100k chunks a full sort costs more than the search)."""
    n = len(scores)
    k = max(1, min(k, n))
    if k == n:
        return np.argsort(-scores, kind="stable")
    kth = -np.partition(-scores, k - 1)[k - 1]
    above = np.flatnonzero(scores > kth)
    ties = np.flatnonzero(scores == kth)[: k - len(above)]
    chosen = np.concatenate([above, ties])
    return chosen[np.argsort(-scores[chosen], kind="stable")] if len(above) else ties


def _scale(x: np.ndarray) -> np.ndarray:
    top = float(x.max()) if x.size else 0.0
    return x / top if top > 0 else np.zeros_like(x)


def _scale_dense(x: np.ndarray) -> np.ndarray:
    """Map candidate cosines to [0, 1] between the candidates' floor and the best; non-candidates get 0."""
    cand = x > -1.0
    if not cand.any():
        return np.zeros_like(x)
    lo, hi = float(np.median(x[cand])), float(x[cand].max())
    if hi <= lo:
        return cand.astype(np.float32)
    return np.where(cand, np.clip((x - lo) / (hi - lo), 0.0, 1.0), 0.0).astype(np.float32)


# --- the retriever: search, then a list of named rerank steps ---------------------------------------------------


class SentenceVectors:
    """The encoder's vectors of the passages' sentences, computed once and cached (emptied when it holds
    ``tuning.SENTENCE_CACHE`` of them, ~100 MB at 512 dimensions). Safe to share between threads."""

    def __init__(self, encoder: Encoder, texts: Sequence[str] = (), vectors: np.ndarray | None = None) -> None:
        self.encoder = encoder
        # the index's own sentences, encoded at build time: kept apart from the bounded cache of the rest
        self._built: dict[str, np.ndarray] = dict(zip(texts, vectors)) if vectors is not None else {}
        self._vecs: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def similarity(self, query_vec: np.ndarray) -> Callable[[list[str]], np.ndarray]:
        """A function from sentences to their cosine with ``query_vec``."""
        def sims(texts: list[str]) -> np.ndarray:
            vecs = {t: self._built.get(t, self._vecs.get(t)) for t in dict.fromkeys(texts)}
            missing = [t for t, v in vecs.items() if v is None]
            if missing:
                vecs.update(zip(missing, self.encoder.encode(missing)))
                with self._lock:
                    if len(self._vecs) + len(missing) > tuning.SENTENCE_CACHE:
                        self._vecs.clear()
                    self._vecs.update((t, vecs[t]) for t in missing)
            return np.stack([vecs[t] for t in texts]) @ query_vec
        return sims


@dataclass(frozen=True)
class Search:
    """What a rerank step sees: the question and its vector."""

    q: Question
    vector: np.ndarray


RerankStep = Callable[["Retriever", Search, list[Hit]], list[Hit]]


def evidence_rerank(r: Retriever, s: Search, hits: list[Hit]) -> list[Hit]:
    """Reorder the top ``tuning.EVIDENCE_CANDIDATES`` passages by fused score + ``tuning.EVIDENCE_WEIGHT`` x the
    score of their best answer sentence (the answerer's own scorer: key-term coverage, answer type, similarity).
    A passage with one sentence that answers the question beats one that matches its words loosely."""
    head, tail = hits[: tuning.EVIDENCE_CANDIDATES], hits[tuning.EVIDENCE_CANDIDATES :]
    if len(head) <= 1:
        return hits
    q = s.q
    scored = score_sentences(r.search.key_terms(q.query), head, q.answer_type, r.sentences.similarity(s.vector),
                             focus=q.standard if q.elliptical else "", cross_lingual=q.english, weight=r.term_weight,
                             groups=r.search.key_term_groups(q.query), names=q.names)
    evidence = [0.0] * len(head)
    for sent in reversed(scored):  # sorted best first: the first seen per passage wins
        evidence[sent.hit_index] = sent.score
    w = tuning.EVIDENCE_WEIGHT
    order = sorted(range(len(head)), key=lambda i: -(head[i].score + w * evidence[i]))
    reranked = [Hit(chunk=head[i].chunk, score=head[i].score + w * evidence[i], rank=rank,
                    signals={**head[i].signals, "evidence": evidence[i]}) for rank, i in enumerate(order, start=1)]
    return reranked + [replace(h, rank=len(reranked) + j) for j, h in enumerate(tail, start=1)]


def named_part(r: Retriever, s: Search, hits: list[Hit]) -> list[Hit]:
    """A question that names the part of the page its answer must come from (according to the explainer box,
    根據話你知) keeps the passages of that part, when the search found any; others keep every passage."""
    kept = [h for h in hits if s.q.part and h.chunk.kind == s.q.part]
    return [replace(h, rank=rank) for rank, h in enumerate(kept, start=1)] if kept else hits


def cross_encoder_rerank(r: Retriever, s: Search, hits: list[Hit]) -> list[Hit]:
    """A CrossEncoder (``RAG_RERANKER``) reads question and passage together, in place of the evidence rerank."""
    return r.reranker.rerank(s.q.query, hits, len(hits)) if r.reranker is not None else hits


def diversify_documents(r: Retriever, s: Search, hits: list[Hit]) -> list[Hit]:
    """With several documents, a document's passages after its first ``tuning.PER_DOCUMENT`` wait behind the
    other documents' (kept, in order, not dropped)."""
    return diversify(hits, tuning.PER_DOCUMENT) if r.index.n_documents > 1 else hits


def diversify(hits: Sequence[Hit], per_document: int) -> list[Hit]:
    """The hits with each document's passages after its first ``per_document`` moved behind the other
    documents', ranks renumbered.

    Chunks of 160 characters split a DRCD paragraph into three or four, and three of one paragraph in the top
    five leave room for two other documents: on DRCD dev (1,000 documents) hit@5 0.9940 -> 0.9960 with two per
    document; hit@1 cannot change. With one document (the shipped article) the order is the score's.
    """
    count: Counter[str] = Counter()
    first: list[Hit] = []
    later: list[Hit] = []
    for hit in hits:
        count[hit.chunk.doc_id] += 1
        (first if count[hit.chunk.doc_id] <= per_document else later).append(hit)
    return [replace(h, rank=rank) for rank, h in enumerate(first + later, start=1)]


def _bigrams(text: str) -> set[str]:
    t = normalize(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def dedupe_hits(hits: Sequence[Hit], threshold: float = tuning.DUPLICATE_OVERLAP) -> list[Hit]:
    """Drop a hit that repeats an earlier one (fact box vs body vs caption), unless it states other figures."""
    kept: list[Hit] = []
    grams: list[set[str]] = []
    for hit in hits:
        g = _bigrams(hit.chunk.text)
        dup = any(len(g & og) / max(1, min(len(g), len(og))) >= threshold
                  and figures(hit.chunk.text) <= figures(other.chunk.text) for other, og in zip(kept, grams))
        if not dup:
            kept.append(hit)
            grams.append(g)
    return [replace(h, rank=rank) for rank, h in enumerate(kept, start=1)]


class Retriever:
    """Question -> passages: the hybrid search, then ``steps`` in order. Safe to call from several threads."""

    def __init__(self, index: HybridIndex, encoder: Encoder, *, reranker: object | None = None,
                 steps: Sequence[RerankStep] | None = None) -> None:
        self.index = index
        self.search = HybridRetriever(index, encoder)
        self.sentences = SentenceVectors(encoder, all_sentences(index.chunks), index.sentence_vectors)
        self.term_weight = idf_weights(index)
        self.reranker = reranker
        default = (named_part, cross_encoder_rerank if reranker is not None else evidence_rerank, diversify_documents)
        self.steps: tuple[RerankStep, ...] = tuple(steps if steps is not None else default)

    def retrieve(self, q: Question, k: int, *, vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best passages for ``q`` (``vector``: its query embedding when the caller has it)."""
        if not q.query.strip():
            return []
        if vector is None:
            vector = self.search.encoder.encode([q.query], query=True)[0]
        several = self.index.n_documents > 1
        n = max(tuning.DIVERSITY_POOL * k if several else k, tuning.EVIDENCE_CANDIDATES)
        if self.reranker is not None:
            n = max(n, tuning.RERANK_CANDIDATES)
        hits = self.search.retrieve(q.query, n, vector=vector, focus=q.standard if q.elliptical else "")
        search = Search(q=q, vector=vector)
        for step in self.steps:
            hits = step(self, search, hits)
        return hits[:k]
