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

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .crosslingual import Expander
from .encoders import Encoder
from .index import HybridIndex
from .types import Hit
from .zh import clean, han_count, normalize, tokenize

# Question scaffolding that carries no content (normalised = Simplified, NFKC, lower case).
_SCAFFOLD = sorted(
    {
        "请问", "请告诉我", "告诉我", "文中提到", "文章提到", "文中", "文章", "报道中", "报道", "根据", "提及", "提到",
        "甚么", "什么", "多少", "几多", "几个", "几", "吗", "呢", "吧", "哪些", "哪个", "哪里", "哪一", "哪",
        "谁", "如何", "怎样", "怎么", "为何", "为什么", "是否", "有没有", "是不是", "有关", "关于", "一下",
    },
    key=len,
    reverse=True,
)
_SCAFFOLD_RE = re.compile("|".join(map(re.escape, _SCAFFOLD)))
_PUNCT_RE = re.compile(r"[\s?？!！。，,、:：;；\"'“”「」『』()（）]+")


def strip_scaffolding(question: str) -> str:
    """``請問香港有多少家初創企業？`` -> ``香港有家初创企业`` (normalised, question words removed)."""
    text = _SCAFFOLD_RE.sub(" ", normalize(question))
    return _PUNCT_RE.sub(" ", text).strip()


@dataclass(frozen=True)
class FusionWeights:
    """Weight of the dense signal by query language; lexical gets ``1 - dense``."""

    dense_zh: float = 0.1
    dense_other: float = 0.5
    sentence_share: float = 0.5  # of the lexical signal: best single sentence vs the whole chunk
    candidates: int = 200
    focus_share: float = 0.5  # of the lexical signal for a follow-up: the user's own words vs the rewrite
    document_share: float = 0.4  # of the lexical signal: BM25 of the passage's whole document (several documents)

    def dense_weight(self, query: str) -> float:
        return self.dense_zh if han_count(query) >= 2 else self.dense_other


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
        if han_count(query) >= 2:
            return query
        terms = self.expander.expand(query)
        return f"{query} {' '.join(terms)}" if terms else query

    def key_terms(self, query: str) -> str:
        """The terms an answer sentence must cover: for an English question its Chinese expansion and the
        Latin words the corpus contains (RISC-V, HKGAI), without the English words no sentence can hold."""
        if han_count(query) >= 2:
            return query
        latin = [w for w in tokenize(query) if w.isascii() and w in self.index.lexical.vocab_dict]
        return " ".join([*self.expander.expand(query), *latin])

    def key_term_groups(self, query: str) -> tuple[tuple[str, ...], ...]:
        """For an English question: each term's Chinese renderings, and each Latin word the corpus holds, as
        one group (a sentence covers a term when it holds any rendering). Empty for a Chinese question."""
        if han_count(query) >= 2:
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
        if self.index.n_documents < 2:
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

    def retrieve(self, query: str, k: int = 5, *, vector: np.ndarray | None = None, focus: str = "") -> list[Hit]:
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
        order = np.argsort(-fused, kind="stable")[: max(1, k)]
        return [
            Hit(self.index.chunks[i], float(fused[i]), rank,
                {"lexical": float(lex[i]), "dense": float(dense[i]), "dense_weight": w})
            for rank, i in enumerate(order, start=1)
        ]


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


def rewrite_followup(question: str, history: Sequence[str]) -> str:
    """A standalone retrieval query for a question that leans on earlier turns.

    ``那二期呢？`` after ``河套園區首期入駐率是多少？`` becomes ``河套園區首期入駐率是多少？ 那二期呢？``: the earlier
    question's content words come along so that BM25 and the encoder see what ``it`` / ``那`` refers to. A
    question that already stands on its own (long, no anaphora) is kept as it is.
    """
    question = question.strip()
    if not history or not is_followup(question):
        return question
    previous = next((h.strip() for h in reversed(history) if h and h.strip()), "")
    return f"{previous} {question}".strip() if previous else question


_ANAPHORA_RE = re.compile(
    r"^(那|那麼|那么|而|還有|还有|另外|再|又)|(它|它們|它们|其|這個|这个|這些|这些|該|该|此|上述|前者|後者|后者|他們|他们|她)"
    r"|呢[？?]?$|\b(it|its|they|them|their|that|this|those|these|he|she|what about|and the)\b",
    re.IGNORECASE,
)


def is_followup(question: str) -> bool:
    content = strip_scaffolding(question)
    short = han_count(content) <= 4 if han_count(question) else len(content.split()) <= 3
    return bool(_ANAPHORA_RE.search(question)) or short
