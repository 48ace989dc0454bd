"""Pure metric functions: answer normalisation, CMRC 2018 EM / F1, ranking metrics, refusal PRF, percentiles.

Nothing here loads a model or an index, so every function can be checked on hand-computed examples.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rag.zh import to_simplified

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WS_RE = re.compile(r"\s+")
_LATIN_TOKEN_RE = re.compile(r"[^\W_]+|%")
# CMRC 2018 strips these symbols as well as punctuation; '%' stays because "90%" and "90" are different answers
_EXTRA_PUNCT = set("-:_*^/\\~`+=|<>")
_KEEP = {"%"}


def _is_punct(ch: str) -> bool:
    if ch in _KEEP:
        return False
    return ch in _EXTRA_PUNCT or unicodedata.category(ch).startswith("P")


def fold(text: str) -> str:
    """Script and width folding only: NFKC (full-width -> half-width), lower case, OpenCC Traditional -> Simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text or "").lower())


def normalize_answer(text: str) -> str:
    """The form gold answers and predictions are compared in.

    ``fold`` plus whitespace and punctuation removed, so ``4,700`` == ``4700``, ``數碼`` == ``数码`` and
    ``ＲＩＳＣ－Ｖ`` == ``risc-v`` == ``riscv``.
    """
    return "".join(ch for ch in _WS_RE.sub("", fold(text)) if not _is_punct(ch))


def contains_answer(text: str, golds: Iterable[str]) -> bool:
    """A gold answer occurs in ``text`` after normalisation (empty golds never match)."""
    norm = normalize_answer(text)
    return any((g := normalize_answer(gold)) and g in norm for gold in golds)


def cmrc_tokens(text: str) -> list[str]:
    """CMRC 2018 mixed segmentation minus punctuation: a token per Chinese character, Latin / digit runs as words."""
    tokens: list[str] = []
    for piece in fold(text).split():
        run = ""
        for ch in piece:
            if _is_punct(ch):
                tokens.extend(_LATIN_TOKEN_RE.findall(run))
                run = ""
            elif _HAN_RE.match(ch):
                tokens.extend(_LATIN_TOKEN_RE.findall(run))
                run = ""
                tokens.append(ch)
            else:
                run += ch
        tokens.extend(_LATIN_TOKEN_RE.findall(run))
    return tokens


def longest_common_substring(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common contiguous run of tokens (dynamic programming, O(len(a) * len(b)))."""
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def cmrc_f1(prediction: str, golds: Iterable[str]) -> float:
    """CMRC 2018 F1: longest-common-substring precision / recall over character tokens, max over the golds."""
    pred = cmrc_tokens(prediction)
    scores = [0.0]
    for gold in golds:
        ref = cmrc_tokens(gold)
        lcs = longest_common_substring(ref, pred)
        if lcs == 0:
            continue
        precision, recall = lcs / len(pred), lcs / len(ref)
        scores.append(2 * precision * recall / (precision + recall))
    return max(scores)


def cmrc_em(prediction: str, golds: Iterable[str]) -> float:
    """CMRC 2018 exact match after normalisation (1.0 or 0.0)."""
    pred = normalize_answer(prediction)
    return float(any(pred == normalize_answer(g) for g in golds))


# --- ranking ---------------------------------------------------------------------------------------------------
def first_relevant_rank(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant result, or ``None``."""
    return next((i for i, r in enumerate(relevant, start=1) if r), None)


def hit_at_k(relevant: Sequence[bool], k: int) -> float:
    return float(any(relevant[:k]))


def mrr_at_k(relevant: Sequence[bool], k: int) -> float:
    rank = first_relevant_rank(relevant[:k])
    return 1.0 / rank if rank else 0.0


def ndcg_at_k(relevant: Sequence[bool], k: int, n_relevant: int | None = None) -> float:
    """Binary-relevance nDCG@k. ``n_relevant``: relevant items in the whole collection (the ideal ranking);
    defaults to the relevant items in ``relevant`` itself."""
    dcg = sum(1.0 / math.log2(i + 1) for i, r in enumerate(relevant[:k], start=1) if r)
    total = sum(bool(r) for r in relevant) if n_relevant is None else n_relevant
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(k, total) + 1))
    return dcg / ideal if ideal > 0 else 0.0


# --- refusals --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PRF:
    precision: float | None
    recall: float | None
    f1: float | None


def refusal_prf(refused: Sequence[bool], unanswerable: Sequence[bool]) -> PRF:
    """Refusal as a classifier of unanswerable questions; ``None`` where a ratio has no denominator."""
    tp = sum(r and u for r, u in zip(refused, unanswerable))
    predicted, actual = sum(map(bool, refused)), sum(map(bool, unanswerable))
    precision = tp / predicted if predicted else None
    recall = tp / actual if actual else None
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


# --- aggregation -----------------------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolation percentile (numpy's default), ``q`` in [0, 100]; ``None`` for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def mean(values: Iterable[float]) -> float | None:
    xs = list(values)
    return sum(xs) / len(xs) if xs else None


def mean_of(items: Iterable[object], fn: Callable[[object], float]) -> float | None:
    return mean(fn(x) for x in items)
