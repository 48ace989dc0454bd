"""Extractive answering: pick the sentence that answers, the span of the asked-for type, cite, or refuse.

The default answerer is fully offline and never writes a claim the article does not contain: the answer is a
short span (a figure, a name, a time or a clause) followed by the supporting sentence(s) quoted verbatim with
``[n]`` markers. When the best sentence does not cover the question's key terms, it refuses instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .chunking import split_sentences
from .retrieval import strip_scaffolding
from .types import Answer, AnswerSentence, Citation, Hit
from .zh import han_count, normalize, to_script, tokenize

# --- question types ----------------------------------------------------------------------------------------

_QTYPES: list[tuple[str, re.Pattern[str]]] = [
    ("quantity", re.compile(r"多少|幾多|几多|幾[個家所項成年位名間]|几[个家所项成年位名间]|幾|几|比例|百分|"
                            r"how many|how much|what (percentage|share|proportion)|number of|rate", re.I)),
    ("time", re.compile(r"何時|何时|幾時|几时|幾月|几月|哪一?年|哪個月|哪个月|甚麼時候|什麼時候|什么时候|"
                        r"when|what month|what year", re.I)),
    ("person", re.compile(r"誰|谁|哪位|記者|记者|作者|who\b|whom|author|reporter|wrote", re.I)),
    ("rank", re.compile(r"第幾|第几|排名|排第|rank|place", re.I)),
]

_NUM = r"(?:\d[\d,，.]*|[零〇一二兩两三四五六七八九十百千]+)"
_SPAN_PATTERNS: dict[str, re.Pattern[str]] = {
    "quantity": re.compile(
        rf"(?:約|约|近|接近|超過|超过|超|逾|達|达|共|僅|仅|過|过)?{_NUM}\s*"
        r"(?:%|％|成|餘家|余家|家|所|項|项|萬|万|億|亿|港元|元|平方米|年|個|个|名|位|款|倍|座|間|间)+"
    ),
    "time": re.compile(rf"(?:今年|去年|明年|{_NUM}年)?{_NUM}月|{_NUM}年|今年|去年|過去一年|过去一年|十年間|十年间"),
    "rank": re.compile(rf"(?:全球|世界|亞洲|亚洲)?第{_NUM}|世界第一|全球榜首|榜首|世一"),
    "person": re.compile(r"(?:大公報|大公报)?記者\s*\S{2,4}|记者\s*\S{2,4}"),
}

REFUSAL = {
    "zh-Hant": "文章沒有提到這一點。",
    "zh-Hans": "文章没有提到这一点。",
    "en": "The article does not say.",
}
NEAREST = {
    "zh-Hant": "最接近的相關段落是",
    "zh-Hans": "最接近的相关段落是",
    "en": "The closest related passage is",
}
DISAGREE = {
    "zh-Hant": "注意：文中不同段落的說法不一致",
    "zh-Hans": "注意：文中不同段落的说法不一致",
    "en": "Note: passages of the article give different figures",
}


def question_type(question: str) -> str:
    for name, pattern in _QTYPES:
        if pattern.search(question):
            return name
    return "what"


@dataclass(frozen=True)
class ScoredSentence:
    hit_index: int
    start: int  # offsets inside the chunk text
    end: int
    text: str
    coverage: float  # share of the question's key tokens found in the sentence (0..1)
    score: float


def _key_tokens(question: str) -> tuple[set[str], set[str]]:
    toks = tokenize(strip_scaffolding(question))
    return {t for t in toks if len(t) == 1 and han_count(t)}, {t for t in toks if len(t) > 1}


def _coverage(sentence: str, unis: set[str], multis: set[str]) -> float:
    if not unis and not multis:
        return 0.0
    toks = set(tokenize(sentence))
    # bigrams and words (names, figures) say more than single characters
    got = 2.0 * len(multis & toks) + 0.5 * len(unis & toks)
    return got / (2.0 * len(multis) + 0.5 * len(unis))


def score_sentences(question: str, hits: Sequence[Hit], qtype: str,
                    dense_sims: Callable[[list[str]], np.ndarray] | None = None) -> list[ScoredSentence]:
    """Every sentence of the top passages, scored by key-term coverage, answer type and passage rank."""
    unis, multis = _key_tokens(question)
    cross_lingual = han_count(question) < 2
    pattern = _SPAN_PATTERNS.get(qtype)
    candidates: list[tuple[int, int, int, str]] = []
    for hi, hit in enumerate(hits):
        for s, e in split_sentences(hit.chunk.text):
            candidates.append((hi, s, e, hit.chunk.text[s:e]))
    sims = dense_sims([c[3] for c in candidates]) if (dense_sims and candidates) else None
    out: list[ScoredSentence] = []
    for j, (hi, s, e, text) in enumerate(candidates):
        cov = _coverage(text, unis, multis)
        score = cov if not cross_lingual else 0.3 * cov
        if sims is not None:
            score += (0.7 if cross_lingual else 0.25) * float(sims[j])
        if pattern is not None and pattern.search(text):
            score += 0.15
        score += 0.1 / (1 + hi)  # the retriever's order breaks ties
        out.append(ScoredSentence(hi, s, e, text, cov, score))
    out.sort(key=lambda x: -x.score)
    return out


def extract_span(sentence: str, question: str, qtype: str) -> str:
    """The short answer inside ``sentence``: a span of the asked-for type nearest the question's terms,
    else the clause that carries the most question terms."""
    clauses = [c for c in re.split(r"[，,；;：:]", sentence.strip("。！？!?")) if c.strip()]
    unis, multis = _key_tokens(question)
    pattern = _SPAN_PATTERNS.get(qtype)
    if pattern is not None:
        ranked = sorted(clauses, key=lambda c: -_coverage(c, unis, multis))
        for clause in ranked:
            m = pattern.search(clause)
            if m:
                return m.group().strip()
    if not clauses:
        return sentence.strip()
    best = max(clauses, key=lambda c: _coverage(c, unis, multis))
    return best.strip()


_FIGURE_RE = re.compile(r"\d[\d,.]*\s*(?:%|成)?|[一二三四五六七八九十]成")


def figures(text: str) -> set[str]:
    return {normalize(m.group()).replace(" ", "") for m in _FIGURE_RE.finditer(text)}


@dataclass(frozen=True)
class Extraction:
    short: str
    sentences: list[ScoredSentence]  # the quoted sentences, first is the answer
    refused: bool


def extract(question: str, hits: Sequence[Hit], *, dense_sims: Callable[[list[str]], np.ndarray] | None = None,
            min_coverage: float = 0.45, min_cross_sim: float = 0.45) -> Extraction:
    """Choose the answer sentence (and any disagreeing one) or decide to refuse."""
    if not hits:
        return Extraction("", [], True)
    qtype = question_type(question)
    scored = score_sentences(question, hits, qtype, dense_sims)
    if not scored:
        return Extraction("", [], True)
    best = scored[0]
    cross_lingual = han_count(question) < 2
    if cross_lingual:
        sim = (best.score - 0.3 * best.coverage - 0.1 / (1 + best.hit_index)
               - (0.15 if qtype in _SPAN_PATTERNS and _SPAN_PATTERNS[qtype].search(best.text) else 0)) / 0.7
        refused = sim < min_cross_sim and best.coverage < min_coverage
    else:
        refused = best.coverage < min_coverage
    if refused:
        return Extraction("", [best], True)
    chosen = [best]
    if qtype in ("quantity", "rank") or figures(best.text):
        # passages that answer the same question with another figure: cite them too
        for other in scored[1:6]:
            if other.coverage >= max(min_coverage, best.coverage - 0.2) and other.text != best.text:
                if figures(other.text) and figures(other.text) != figures(best.text):
                    chosen.append(other)
                    break
    return Extraction(extract_span(best.text, question, qtype), chosen, False)


def compose(question: str, script: str, hits: Sequence[Hit], extraction: Extraction, *, query: str = "") -> Answer:
    """Turn an extraction into the answer text with numbered citations."""
    if extraction.refused:
        text = REFUSAL[script]
        citations: tuple[Citation, ...] = ()
        if extraction.sentences:
            near = extraction.sentences[0]
            hit = hits[near.hit_index]
            text += f"{NEAREST[script]}「{hit.chunk.text[near.start:near.end]}」[1]。" if script != "en" else \
                f" {NEAREST[script]} 「{hit.chunk.text[near.start:near.end]}」[1]."
            citations = (_citation(1, hit, near, verified=False),)
        return Answer(question, to_script(text, script), citations, True, tuple(hits), "", query or question,
                      script, (AnswerSentence(to_script(text, script), tuple(c.n for c in citations), True),))
    citations = []
    quotes = []
    for n, sent in enumerate(extraction.sentences, start=1):
        hit = hits[sent.hit_index]
        citations.append(_citation(n, hit, sent))
        quotes.append((sent.text.strip(), n))
    short = extraction.short
    first = quotes[0]
    sentences: list[AnswerSentence] = []
    if script == "en":
        sentences.append(AnswerSentence(f"Answer: {short} [1]", (1,)))
        sentences.append(AnswerSentence(f"The article says: 「{first[0]}」[{first[1]}]", (first[1],)))
    else:
        sentences.append(AnswerSentence(f"{short}[1]。", (1,)))
        sentences.append(AnswerSentence(f"原文：「{first[0]}」[{first[1]}]", (first[1],)))
    if len(quotes) > 1:
        others = "；".join(f"「{q}」[{n}]" for q, n in quotes[1:])
        sep = ": " if script == "en" else "："
        sentences.append(AnswerSentence(f"{DISAGREE[script]}{sep}{others}", tuple(n for _, n in quotes[1:])))
    if script == "zh-Hans":
        sentences = [AnswerSentence(to_script(s.text, script), s.citations, s.supported) for s in sentences]
    text = "\n\n".join(s.text for s in sentences)
    return Answer(question, text, tuple(citations), False, tuple(hits), to_script(short, script),
                  query or question, script, tuple(sentences))


def _citation(n: int, hit: Hit, sent: ScoredSentence, verified: bool = True) -> Citation:
    c = hit.chunk
    return Citation(n, c.id, c.text, c.start, c.end, c.section, c.kind, c.text[sent.start:sent.end], verified)
