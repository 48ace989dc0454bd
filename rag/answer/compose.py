"""An extraction as the answer text: the short answer with [n], the quoted sentence, disagreeing passages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import tuning
from ..crosslingual import (
    ENGLISH_NAMES,
    amount_in_english,
    count_in_english,
    english_gloss,
    hkd_in_english,
    ordinal,
    pinyin_name,
    time_in_english,
)
from ..evidence import ScoredSentence
from ..messages import DISAGREE, say
from ..question import Question, place_in_english
from ..types import Answer, AnswerSentence, Citation, Hit
from ..zh import normalize, to_script, to_simplified
from .extract import Extraction

_FIGURE_TYPES = ("quantity", "rank", "time")


def english_short(short: str, qtype: str = "") -> str:
    """For an English question: the figure, rank or name in English first, the article's words after it.

    ``接近4700家`` -> ``4700 (接近4700家)``, ``約九成`` -> ``90% (約九成)``, ``100億港元`` -> ``HK$10 billion
    (100億港元)``, a reporter's name in pinyin (``Tang Jiaping (湯嘉平)``); other phrases keep the article's
    words with a CC-CEDICT word gloss (``數據中心管理芯片 (word gloss: data · center · ...)``).
    """
    figure_asked = not qtype or qtype in _FIGURE_TYPES  # no type given: any figure is the answer
    money = hkd_in_english(short) if figure_asked else ""  # not for why the HK$10 billion fund was set up
    if money:
        return f"{money} ({short})"
    amount = amount_in_english(short) if figure_asked else ""
    if amount:
        return f"{amount} ({short})"
    latin = re.findall(r"[A-Za-z][A-Za-z0-9-]*(?: [A-Z0-9][A-Za-z0-9-]*)*", short)
    name = max(latin, key=len) if latin else ""
    if name and len(name) >= tuning.LATIN_NAME_SHARE * len(short.strip()):  # HKGAI V3, not RISC-V in a phrase
        return short if name == short.strip() else f"{name} ({short})"
    rank = re.search(r"第(\d+)", normalize(short))
    if rank and figure_asked:
        return f"{ordinal(int(rank.group(1)))} ({short})"
    count = count_in_english(short) if figure_asked else ""  # not the 3 of HKGAI V3 in a clause that answers 'what'
    if count:
        return f"{count} ({short})"
    month = time_in_english(short) if qtype == "time" else ""
    if month:  # 今年四月 -> April this year
        return f"{month} ({short})"
    if qtype == "place" and place_in_english(short):
        return f"{place_in_english(short)} ({short})"
    if qtype == "person" and pinyin_name(short):
        return f"{pinyin_name(short)} ({short})"
    known = ENGLISH_NAMES.get(to_simplified(short.strip().strip("「」《》")))
    if known:  # 世界知識產權組織 -> World Intellectual Property Organization (WIPO)
        return f"{known} ({short})"
    head = re.split(r"[的之]", short)[-1]  # the head noun phrase: modifiers gloss worst word by word
    gloss = english_gloss(head, full=True)
    return f"{short} (word gloss of {head}: {gloss})" if gloss else short


def compose(q: Question, hits: Sequence[Hit], extraction: Extraction, *, kind: str = "fact") -> Answer:
    """The answer text with numbered citations: the short answer, the quoted sentence, disagreeing passages."""
    script = q.script
    citations = []
    quotes = []
    for n, sent in enumerate(extraction.sentences, start=1):
        hit = hits[sent.hit_index]
        citations.append(_citation(n, hit, sent))
        quotes.append((sent.text.strip().lstrip("-▲▼ ").strip(), n))
    short = extraction.short
    first = quotes[0]
    sentences: list[AnswerSentence] = []
    if script == "en":
        sentences.append(AnswerSentence(f"Answer: {english_short(short, q.answer_type)} [1]", (1,)))
        sentences.append(AnswerSentence(f"The article says: 「{first[0]}」[{first[1]}]", (first[1],)))
    else:
        sentences.append(AnswerSentence(f"{short}[1]。", (1,)))
        sentences.append(AnswerSentence(f"原文：「{first[0]}」[{first[1]}]", (first[1],)))
    if len(quotes) > 1:
        others = "；".join(f"「{q}」[{n}]" for q, n in quotes[1:])
        sep = ": " if script == "en" else "："
        sentences.append(AnswerSentence(f"{say(DISAGREE, script)}{sep}{others}", tuple(n for _, n in quotes[1:])))
    if script == "zh-Hans":
        sentences = [AnswerSentence(to_script(s.text, script), s.citations, s.supported) for s in sentences]
    text = "\n\n".join(s.text for s in sentences)
    return Answer(question=q.text, text=text, citations=tuple(citations), hits=tuple(hits),
                  short_answer=to_script(short, script), query=q.query, script=script, sentences=tuple(sentences),
                  kind=kind)


def _citation(n: int, hit: Hit, sent: ScoredSentence) -> Citation:
    c = hit.chunk
    return Citation(n=n, chunk_id=c.id, text=c.text, start=c.start, end=c.end, section=c.section, kind=c.kind,
                    quote=c.text[sent.start : sent.end])
