"""Citation verification for generated answers: keep a ``[n]`` only where passage ``n`` backs the claim.

A model writes fluent text whether or not the passages say it, so every generator's output passes through
``verify`` before it becomes an ``Answer``. The checks are lexical and deliberately strict about figures, the
claims a reader acts on: a citation stands when passage ``n`` exists, every number of the claim occurs in it
(after normalisation: ``4,700`` = ``4700``, ``九成`` = ``9成`` = ``90%``) and enough of the claim's wording does
too (character bigrams after mapping both to Simplified script). An English claim about a Chinese passage shares
no wording with it, so there the figures and Latin names (``AI``, ``RISC-V``) must match, plus a cross-lingual
similarity when one is given. Unsupported and out-of-range citations are removed (the claim stays, marked
``supported=False``); an answer left with no verified citation at all becomes the refusal in ``verify``, and
``answer_with_generator`` raises ``UnsupportedAnswer`` for it, so that the pipeline gives the extractive answer
with the reason instead of a bare refusal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..chunking import split_sentences
from ..messages import REFUSAL
from ..types import Answer, AnswerSentence, Citation, Hit
from ..zh import detect_script, han_count, normalize, to_simplified, to_traditional
from .generators import Generator, GeneratorError

Similarity = Callable[[str, str], float]

_CITE = r"[\[［【]\s*\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\s*[\]］】]"
_CITE_RE = re.compile(_CITE)
_CITE_GROUP_RE = re.compile(rf"(?:{_CITE}[ \t]*)+")
_LEADING_CITES_RE = re.compile(rf"[ \t]*(?:{_CITE}[ \t]*)+")
_SENTENCE_END_RE = re.compile(r"[。！？!?]+[」』”’\"）)]*|\.(?=\s|$)[」』”’\"）)]*|\n")
_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(成|%|billion|million|thousand|亿|万)?")
_NAME_RE = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")
_CONTENT_RE = re.compile(r"[A-Za-z]{2}|\d|[\u3400-\u9fff].*[\u3400-\u9fff]")
# abbreviations an English answer adds on its own (the Chinese text says 香港, 美國): not names to look for
_GENERIC_NAMES = {"hk", "hksar", "us", "usa", "uk", "prc", "ceo", "hkd", "rmb"}
_THINK_RE = re.compile(r"<think>.*?</think>", re.DOTALL)
_BULLET_RE = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_PUNCT_RE = re.compile(r"[\s。！？!?.,，、；;：:「」『』“”\"'（）()]+")


class UnsupportedAnswer(GeneratorError):
    """The generated answer made claims and verification kept none of its citations.

    A ``GeneratorError``: whoever asks a generator already falls back to the extractive answer on one, and shows
    this message as the reason.
    """


@dataclass(frozen=True)
class DroppedCitation:
    """A citation taken out of the answer, and why (for logs and the eval report)."""

    sentence: int  # index into ``VerifiedAnswer.sentences``
    n: int
    reason: str


@dataclass(frozen=True)
class VerifiedAnswer:
    """Generated text after verification: what ``Answer`` needs, plus what was dropped."""

    text: str
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]
    refused: bool
    dropped: tuple[DroppedCitation, ...] = ()
    raw: str = ""  # the text as the generator wrote it

    @property
    def short_answer(self) -> str:
        """The first supported sentence (else the first cited one) without its markers: what the eval scores."""
        cited = [s for s in self.sentences if s.citations]
        best = next((s for s in cited if s.supported), cited[0] if cited else None)
        return _CITE_RE.sub("", best.text).strip() if best else ""


# --- splitting ----------------------------------------------------------------------------------------------


def split_answer(text: str) -> list[tuple[int, int]]:
    """Sentence spans of generated text; ``[n]`` markers written after the full stop stay with their sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.end() <= start:
            continue  # inside markers already taken by the previous sentence
        end = m.end()
        lead = _LEADING_CITES_RE.match(text, end)
        if lead:
            end = lead.end()
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    if not piece.strip():
        return
    s = start + len(piece) - len(piece.lstrip())
    e = end - (len(piece) - len(piece.rstrip()))
    if spans and not _CONTENT_RE.search(_CITE_RE.sub("", text[s:e])):
        spans[-1] = (spans[-1][0], e)  # a stray "。" or "[2]" on its own belongs to the sentence before
    else:
        spans.append((s, e))


def _numbers(group: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", group)]


def _claims(sentence: str) -> list[tuple[str, list[int]]]:
    """``(claim text, cited numbers)`` per marker group: the text since the previous group is what it backs."""
    segments: list[list] = []
    pos = 0
    for m in _CITE_GROUP_RE.finditer(sentence):
        segments.append([sentence[pos : m.start()], list(dict.fromkeys(_numbers(m.group())))])
        pos = m.end()
    tail = sentence[pos:]
    if not segments:
        return [(tail, [])]
    if _CONTENT_RE.search(tail):
        segments[-1][0] += tail  # "根據文章[1]，初創企業接近4700家。": the words after the marker are the claim
    whole = _CITE_RE.sub("", sentence)
    return [(c if _CONTENT_RE.search(c) else whole, nums) for c, nums in segments]


# --- evidence -----------------------------------------------------------------------------------------------


def _canon(number: str) -> str:
    try:
        return format(Decimal(number).normalize(), "f")
    except InvalidOperation:
        return number


def number_forms(text: str) -> set[str]:
    """Every number in ``text`` after normalisation, with the equivalent forms of 成 (tenths), 億/萬 and
    billion/million, so ``九成`` meets ``90%`` and ``10 billion`` meets ``100億``."""
    out: set[str] = set()
    for m in _NUMBER_RE.finditer(normalize(_CITE_RE.sub(" ", text))):
        value, unit = Decimal(m.group(1)), m.group(2)
        forms = {value}
        if unit == "成":
            forms.add(value * 10)
        elif unit == "%" and value % 10 == 0:
            forms.add(value / 10)
        elif unit == "billion":
            forms |= {value * 10, value * 10**9}
        elif unit == "million":
            forms |= {value * 100, value * 10**6}
        elif unit == "thousand":
            forms |= {value / 10, value * 1000}
        elif unit == "亿":
            forms |= {value / 10, value * 10**8}
        elif unit == "万":
            forms |= {value / 100, value * 10**4}
        out |= {_canon(str(f)) for f in forms}
    return out


def _claim_figures(text: str) -> list[set[str]]:
    """One set of acceptable forms per number of the claim."""
    groups = []
    for m in _NUMBER_RE.finditer(normalize(_CITE_RE.sub(" ", text))):
        groups.append(number_forms(m.group()))
    return groups


def cjk_bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese runs of ``text``, normalised (Simplified, digits for small numerals)."""
    grams: set[str] = set()
    for run in _HAN_RUN_RE.findall(normalize(_CITE_RE.sub(" ", text))):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


@dataclass(frozen=True)
class _Passage:
    hit: Hit
    norm: str
    figures: frozenset[str]
    bigrams: frozenset[str]
    words: frozenset[str]
    latin: bool  # a passage written in a Latin script (another corpus), compared word by word

    @classmethod
    def of(cls, hit: Hit) -> _Passage:
        text = f"{hit.chunk.section} {hit.chunk.text}"
        words = frozenset(w.lower() for w in _WORD_RE.findall(text))
        return cls(hit, normalize(text), frozenset(number_forms(text)), frozenset(cjk_bigrams(text)), words,
                   han_count(text) < len(words))


def _check(claim: str, p: _Passage, min_overlap: float, similarity: Similarity | None,
           min_similarity: float) -> str | None:
    """``None`` when passage ``p`` supports ``claim``, else the reason it does not."""
    missing = [sorted(forms)[0] for forms in _claim_figures(claim) if not forms & p.figures]
    if missing:
        return f"figure not in passage: {', '.join(missing)}"
    grams = cjk_bigrams(claim)
    if len(grams) >= 2:
        overlap = len(grams & p.bigrams) / len(grams)
        return None if overlap >= min_overlap else f"only {overlap:.0%} of its wording is in the passage"
    if p.latin:
        words = {w.lower() for w in _WORD_RE.findall(claim) if len(w) > 3}
        if words:
            overlap = len(words & p.words) / len(words)
            return None if overlap >= min_overlap else f"only {overlap:.0%} of its words are in the passage"
        return None
    names = [n for n in _NAME_RE.findall(claim) if n.lower() not in p.norm and n.lower() not in _GENERIC_NAMES]
    if names:
        return f"name not in passage: {', '.join(names)}"
    if similarity is not None and _CONTENT_RE.search(claim):
        best = max((similarity(claim, s) for s in _sentences(p.hit.chunk.text)), default=0.0)
        if best < min_similarity:
            return f"similarity {best:.2f} below {min_similarity:.2f}"
    return None


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)] or [text]


def _quote(claims: Sequence[str], p: _Passage) -> str:
    """The sentence of the passage that best matches the claims citing it."""
    grams = set().union(*(cjk_bigrams(c) for c in claims)) if claims else set()
    figs = set().union(*(number_forms(c) for c in claims)) if claims else set()
    names = {n.lower() for c in claims for n in _NAME_RE.findall(c)}

    def score(sentence: str) -> float:
        norm = normalize(sentence)
        return (len(grams & cjk_bigrams(sentence)) + 3 * len(figs & number_forms(sentence))
                + 2 * sum(n in norm for n in names))

    candidates = _sentences(p.hit.chunk.text)
    return _BULLET_RE.sub("", max(candidates, key=score).strip())


def is_refusal(sentence: str) -> bool:
    """Whether ``sentence`` is the refusal (in any script), as the prompt asks the model to write it."""
    norm = _PUNCT_RE.sub("", normalize(_CITE_RE.sub("", sentence)))
    return any(_PUNCT_RE.sub("", normalize(r)) in norm for r in REFUSAL.values()) if norm else False


def _rewrite_markers(sentence: str, kept: list[list[int]]) -> str:
    """``sentence`` with each marker group replaced by the citations kept from it."""
    groups = iter(kept)

    def repl(m: re.Match[str]) -> str:
        nums = next(groups, [])
        trailing = m.group()[len(m.group().rstrip()):]
        return "".join(f"[{n}]" for n in nums) + trailing if nums else trailing

    out = _CITE_GROUP_RE.sub(repl, sentence)
    out = re.sub(r"[ \t]{2,}", " ", out)
    return re.sub(r"[ \t]+(?=[.,;:!?。，；：！？])", "", out).strip()


def _in_script(text: str, script: str) -> str:
    if script == "zh-Hans":
        return to_simplified(text)
    if script == "zh-Hant" and han_count(text) and detect_script(text) == "zh-Hans":
        return to_traditional(text)
    return text


# --- verification -------------------------------------------------------------------------------------------


def strip_reasoning(text: str) -> str:
    """``text`` without ``<think>…</think>`` blocks (reasoning models write them first); an unclosed block is
    cut off, so the reasoning is never shown or verified as the answer."""
    text = _THINK_RE.sub("", text)
    open_at = text.find("<think>")
    return (text[:open_at] if open_at >= 0 else text).lstrip()


def verify(text: str, passages: Sequence[Hit], *, script: str, min_overlap: float = 0.3,
           similarity: Similarity | None = None, min_similarity: float = 0.35) -> VerifiedAnswer:
    """Check every ``[n]`` of generated ``text`` against passage ``n`` (1-based, in the order given).

    ``similarity(claim, passage_sentence)`` (e.g. the encoder's cosine) is optional and only consulted for
    claims with no Chinese wording to compare, such as an English answer about a Chinese passage.
    """
    raw_text, text = text, strip_reasoning(text)
    refusal = AnswerSentence(text=REFUSAL[script], citations=(), supported=True)
    index = [_Passage.of(h) for h in passages]
    sentences: list[AnswerSentence] = []
    dropped: list[DroppedCitation] = []
    used: dict[int, list[str]] = {}
    pieces: list[str] = []
    pos = 0
    for s, e in split_answer(text):
        raw = text[s:e]
        i = len(sentences)
        if is_refusal(raw):
            sentences.append(AnswerSentence(text=_in_script(_CITE_RE.sub("", raw).strip(), script), citations=(),
                                             supported=True))
            pieces += [text[pos:s], sentences[-1].text]
            pos = e
            continue
        claims = _claims(raw)
        kept_per_claim: list[list[int]] = []
        for claim, nums in claims:
            kept = []
            for n in nums:
                if not 1 <= n <= len(index):
                    why = f"no passage [{n}] (there are {len(index)})"
                    dropped.append(DroppedCitation(sentence=i, n=n, reason=why))
                    continue
                reason = _check(claim, index[n - 1], min_overlap, similarity, min_similarity)
                if reason is None:
                    kept.append(n)
                    used.setdefault(n, []).append(claim)
                else:
                    dropped.append(DroppedCitation(sentence=i, n=n, reason=reason))
            kept_per_claim.append(kept)
        supported = all(kept_per_claim) and bool(claims)
        rewritten = _rewrite_markers(raw, kept_per_claim)
        cited = tuple(dict.fromkeys(n for kept in kept_per_claim for n in kept))
        sentences.append(AnswerSentence(text=_in_script(rewritten, script), citations=cited, supported=supported))
        pieces += [text[pos:s], sentences[-1].text]
        pos = e
    # nothing verified survived: refuse rather than show claims no passage backs
    if not any(s.citations for s in sentences):
        return VerifiedAnswer(text=REFUSAL[script], sentences=(refusal,), citations=(), refused=True,
                              dropped=tuple(dropped), raw=raw_text)
    citations = tuple(
        Citation(n=n, chunk_id=h.chunk.id, text=h.chunk.text, start=h.chunk.start, end=h.chunk.end,
                 section=h.chunk.section, kind=h.chunk.kind, quote=_quote(used[n], index[n - 1]), quote_found=True)
        for n, h in ((n, index[n - 1].hit) for n in sorted(used))
    )
    out = "".join(pieces).strip()
    return VerifiedAnswer(text=out, sentences=tuple(sentences), citations=citations, refused=False,
                          dropped=tuple(dropped), raw=raw_text)


def answer_with_generator(generator: Generator, question: str, script: str, passages: Sequence[Hit], *,
                          history: Sequence[str] = (), query: str = "", hits: Sequence[Hit] | None = None,
                          cumulative: bool = False, similarity: Similarity | None = None,
                          ) -> Iterator[str | Answer]:
    """Stream ``generator``'s text, then yield the verified ``Answer``.

    Text is yielded as the pieces arrive, or as the whole text so far with ``cumulative=True`` (what
    ``Pipeline.answer_stream`` yields). ``passages`` are the numbered passages the model sees; ``hits`` what the
    Answer reports as retrieved (default: ``passages``). With no passages the model is not asked: the answer
    is the refusal. A stream cut short (``GuardedStream.notice``) gives its reason as the Answer's ``notice``.
    ``GeneratorError`` propagates, and ``UnsupportedAnswer`` is raised when the model made claims of which none
    could be verified; closing this iterator stops the model.
    """
    text = ""
    notice = ""
    if passages:
        stream = generator.generate(question, passages, script=script, history=history)
        shown = ""
        try:
            for piece in stream:
                text += piece
                visible = strip_reasoning(text)
                if visible.startswith(shown) and len(visible) > len(shown):
                    yield visible if cumulative else visible[len(shown) :]
                    shown = visible
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        notice = getattr(stream, "notice", "")
    v = verify(text, passages, script=script, similarity=similarity)
    if passages and v.refused and not is_refusal(strip_reasoning(text)):
        raise UnsupportedAnswer(_why_unsupported(text, v, notice))
    yield Answer(question=question, text=v.text, citations=v.citations, refused=v.refused,
                 hits=tuple(passages if hits is None else hits), short_answer=v.short_answer,
                 query=query or question, script=script, sentences=v.sentences, generator=generator.name,
                 notice=notice)


def _why_unsupported(text: str, v: VerifiedAnswer, notice: str) -> str:
    """Why a generated answer was rejected, in one line: what verification found wrong with its citations."""
    if not strip_reasoning(text).strip():
        why = "the generator wrote no answer"
    elif not v.dropped:
        why = "the generated answer cited no passage"
    else:
        reasons = list(dict.fromkeys(f"[{d.n}] {d.reason}" for d in v.dropped))
        why = "no citation of the generated answer is backed by its passage (" + "; ".join(reasons[:3]) + ")"
    return f"{why}; {notice}" if notice else why
