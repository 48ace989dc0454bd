"""Chinese text handling: script detection, OpenCC conversion, normalisation and the lexical tokenizer.

Lexical search works on *normalised* text: NFKC (folds full-width letters and digits), lower case, Simplified
script (OpenCC t2s is many-to-one, so Traditional and Simplified spellings of a word meet), thousands separators
dropped (``4,700`` -> ``4700``) and small Chinese numerals written as digits (``九成`` -> ``9成``). Chinese runs
become character unigrams plus bigrams; Latin and digit runs become whole words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

TOKENIZER_NAME = "zh-char-uni-bi"
TOKENIZER_VERSION = 3

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_TOKEN_RE = re.compile(f"[{_HAN}]+|[a-z0-9]+(?:\\.[0-9]+)?")
_LATIN_RE = re.compile(r"[A-Za-z]")
_KANA_HANGUL_RE = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_THOUSANDS_RE = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_CN_NUM_RE = re.compile(r"[零〇一二兩两三四五六七八九十百千]+")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


class _Converter:
    """An OpenCC converter behind a lock: the pipeline is called from several threads at once."""

    def __init__(self, config: str) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._cc = None

    def __call__(self, text: str) -> str:
        if not text:
            return text
        with self._lock:
            if self._cc is None:
                import opencc

                self._cc = opencc.OpenCC(self.config)
            return self._cc.convert(text)


to_simplified = _Converter("t2s")
to_traditional = _Converter("s2hk")  # the article is Hong Kong Traditional
_to_taiwan = _Converter("s2tw")


def clean(text: str) -> str:
    """Remove what no reader means to type: NUL and other control characters, lone surrogates, zero-width marks."""
    text = _SURROGATE_RE.sub("", text)
    text = _CONTROL_RE.sub(" ", text)
    return _INVISIBLE_RE.sub("", text)


def char_bigrams(text: str) -> set[str]:
    """The character bigrams of ``text`` normalised, punctuation and spaces dropped (a lone character stands for
    itself): how much of one phrase another holds."""
    t = re.sub(r"\W+", "", normalize(text))
    return {t[i : i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


def is_latin(text: str) -> bool:
    """Fewer than two Chinese characters: an English (or other Latin-script) question."""
    return han_count(text) <= 1


# English number words a question may use: "Is it ranked second?", "in three sentences"
EN_ORDINALS = {"first": 1, "top": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
EN_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
EN_ROUND = {"ten": 10, "twenty": 20, "fifty": 50, "hundred": 100}  # top ten / top fifty / top hundred
# English number words of a span of years (in five years, a decade)
EN_YEARS = {**{w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())},
            "twenty": 20, "decade": 10}


def detect_script(text: str) -> str:
    """``zh-Hant``, ``zh-Hans`` or ``en`` (any question without Chinese characters gets an English frame)."""
    han = han_count(text)
    if han == 0 or (_KANA_HANGUL_RE.search(text) and han < len(_KANA_HANGUL_RE.findall(text))):
        return "en"
    trad = sum(a != b for a, b in zip(text, to_simplified(text)))
    # (a character Hong Kong's conversion turns into a variant, 群 -> 羣, and Taiwan's keeps, is written in both)
    simp = sum(a != b and a != c for a, b, c in zip(text, to_traditional(text), _to_taiwan(text)))
    return "zh-Hans" if simp > trad else "zh-Hant"


def is_script_neutral(text: str) -> bool:
    """True when the text reads the same in Traditional and Simplified (那二期呢？)."""
    return to_simplified(text) == text and to_traditional(text) == text


def to_script(text: str, script: str) -> str:
    """Convert our own Traditional-Chinese text into the asker's script (English is left alone)."""
    return to_simplified(text) if script == "zh-Hans" else text


def cn_to_int(s: str) -> int | None:
    """``四千七百`` -> 4700, ``九`` -> 9, ``十五`` -> 15; ``None`` for runs that are not one well-formed number."""
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):
        return None  # 一二 / 十五五-like runs are not numbers people write
    total, digit, last_unit = 0, None, 10**9
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def _numerals(match: re.Match[str]) -> str:
    value = cn_to_int(match.group())
    return match.group() if value is None else str(value)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The form both queries and documents take before lexical matching."""
    text = unicodedata.normalize("NFKC", clean(text)).lower()
    text = to_simplified(text)
    text = _THOUSANDS_RE.sub("", text)
    return _CN_NUM_RE.sub(_numerals, text)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """Character unigrams and bigrams for Chinese runs, whole words for Latin and digit runs, and a figure joined
    to the character after it."""
    tokens: list[str] = []
    norm = normalize(text)
    for m in _TOKEN_RE.finditer(norm):
        run = m.group()
        if _HAN_RE.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
            # a figure and its unit or ordinal belong together: 二期 -> 2期, 4700家, 15所
            if run[-1].isdigit() and m.end() < len(norm) and _HAN_RE.match(norm[m.end()]):
                tokens.append(run + norm[m.end()])
    return tuple(tokens)


def tokenize(text: str) -> list[str]:
    """Character unigrams and bigrams for Chinese runs, whole words for Latin and digit runs, and a figure joined
    to the character after it. Cached: the same sentences are scored for question after question."""
    return list(_tokens(text))


def tokenize_uncached(text: str) -> list[str]:
    """``tokenize`` without its cache, for a text tokenized once (an index build tokenizes every passage once):
    each cached token list keeps strings of its own alive, which on a large corpus is gigabytes."""
    return list(_tokens.__wrapped__(text))


@lru_cache(maxsize=65536)
def token_set(text: str) -> frozenset[str]:
    """The distinct tokens of ``text`` (cached, like ``tokenize``)."""
    return frozenset(_tokens(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN_RE.search(text))


# 該集群 / 该基金 / 該架無人機: a demonstrative, an optional measure word and the two-character noun it points
# back with (應該 / 应该 "should" is not one)
_MEASURE_WORDS = "架名位個个項项所間间家座條条種种批份件宗部台輛辆艘"
_DEMONSTRATIVE_RE = re.compile(f"(?<![應应])[該该][{_MEASURE_WORDS}]?([{_HAN}]{{2}})")
# particles and prepositions: no part of a noun, and where a noun phrase ends when read backwards from its head
# (的世界級創科集群 -> 世界級創科集群); a demonstrative (此地區) makes the mention itself an anaphor
_FUNCTION_CHARS = set("的之中是在由與与和及為为指將将從从對对向於于把被有也了過过都就而並并即")
_PHRASE_BREAK = _FUNCTION_CHARS | set("此這这其本該该一整故") | set(_MEASURE_WORDS)
_CLAUSE_END = set("。！？；，、：「」『』（）()\n ")
MAX_MODIFIER_CHARS = 8


def _full_mention(text: str, head: int) -> str:
    """The noun phrase that ends with the noun at ``head``: up to ``MAX_MODIFIER_CHARS`` Han characters before
    it, back to a clause boundary or a particle; empty when nothing modifies the noun."""
    start = head
    while (start > 0 and head - start < MAX_MODIFIER_CHARS and _HAN_RE.match(text[start - 1])
           and text[start - 1] not in _PHRASE_BREAK):
        start -= 1
    return text[start:head] if start < head else ""


def _mentions(text: str, noun: str) -> list[tuple[bool, int, str]]:
    """Full mentions of ``noun`` in ``text`` as ``(at a clause start, start, phrase)``; ``該X`` is none."""
    out = []
    for k in re.finditer(noun, text):
        modifier = _full_mention(text, k.start())
        if modifier:
            start = k.start() - len(modifier)
            out.append((start == 0 or text[start - 1] in _CLAUSE_END, start, modifier + noun))
    return out


# generic heads a report uses bare for the thing it named in full before (數據極具說服力：園區首期入駐率約9成 is
# the 河套香港園區 of the paragraphs above): at a clause start they refer as 該X does
_BARE_HEAD_RE = re.compile(r"(園區|园区|集群|基金)")


def antecedents(text: str, before: str) -> list[str]:
    """What each ``該X`` of ``text`` refers to, read from the text ``before`` it (the earlier part of its section).

    ``在該集群中，香港擔任…的角色`` names no cluster; the section's 灣區國際創新集群指由深圳、香港、廣州… does. For each
    demonstrated noun the antecedent is its nearest full mention in subject position (at a clause start), as
    centering theory would have it, else its nearest full mention; a mention that is itself ``該X`` is no
    antecedent. Nouns the text already names in full before the demonstrative are skipped.
    """
    return _resolve(_DEMONSTRATIVE_RE.finditer(text), text, before)


def bare_antecedents(text: str, before: str) -> list[str]:
    """What each bare 園區 / 集群 / 基金 at a clause start of ``text`` refers to, read from the text ``before`` it
    (the page before it, across sub-headings: the sidebar's 首期入駐率9成 opens a section of its own)."""
    bare = [m for m in _BARE_HEAD_RE.finditer(text) if not m.start() or text[m.start() - 1] in _CLAUSE_END]
    return _resolve(bare, text, before)


def _resolve(matches: Iterable[re.Match[str]], text: str, before: str) -> list[str]:
    found: list[str] = []
    for m in matches:
        noun = m.group(1)
        if _FUNCTION_CHARS & set(noun) or _mentions(text[: m.start()], noun):
            continue
        mentions = _mentions(before, noun)
        if mentions:
            phrase = max(mentions)[2]
            if phrase not in found:
                found.append(phrase)
    return found



FIGURE_RE = re.compile(r"\d[\d,.]*\s*(?:%|成)?|[一二三四五六七八九十]成")


def canonical_figure(fig: str) -> str:
    fig = normalize(fig).replace(" ", "")
    if fig.endswith("成") and fig[:-1].isdigit():  # 九成 = 9成 = 90%
        return f"{int(fig[:-1]) * 10}%"
    return fig


def figures(text: str) -> set[str]:
    """The figures a passage states, in one canonical form (4,700 = 4700, 九成 = 9成 = 90%)."""
    return {canonical_figure(m.group()) for m in FIGURE_RE.finditer(text)}


# most (大部分, most, majority) is over half
MAJORITY_PERCENT = 50.0
# an ordinal (第1款, the first model) or a name (2期) is no amount; 一半 is half
_AMOUNT_RE = re.compile(r"(?<![A-Za-z])(?<![第\d.])(\d+(?:\.\d+)?)\s*(%|成|萬|万|億|亿|thousand|million|billion)?"
                        r"(?!\d|\.\d|\s*[期款屆届號号])", re.I)  # 2期 is a phase's name, not an amount
_HALF_RE = re.compile(r"(?<![第\d])1半|\bhalf\b", re.I)
_SCALE = {"萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def amounts(text: str) -> list[tuple[float, bool]]:
    """The figures of ``text`` as (value, is a share): 約九成 -> (90, True), 百億 -> (1e10, False), HK$10 billion
    -> (1e10, False), 4,700 -> (4700, False)."""
    out = []
    for m in _AMOUNT_RE.finditer(_HALF_RE.sub("50%", normalize(text))):
        value, unit = float(m.group(1)), (m.group(2) or "").lower()
        if unit == "%":
            out.append((value, True))
        elif unit == "成":
            out.append((value * 10, True))
        else:
            out.append((value * _SCALE.get(unit, 1.0), False))
    return out


_ODD_RE = re.compile(r"(?<![第\d.])(\d+)(?:多|余|餘|几|幾)")


def odd_ranges(text: str) -> list[tuple[float, float]]:
    """The ranges a round figure with 多 / 餘 / 幾 stands for: 四千多 -> (4000, 5000), 一千幾 -> (1000, 2000),
    三十多 -> (30, 40); the step is the figure's leading place."""
    out = []
    for m in _ODD_RE.finditer(normalize(text)):
        digits = m.group(1)
        if int(digits):
            out.append((float(digits), float(digits) + 10.0 ** (len(digits) - len(digits.rstrip("0")))))
    return out
