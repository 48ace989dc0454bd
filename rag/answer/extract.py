"""Choose the answer sentence among the evidence, its short span, and any passage that gives another figure for
the same thing. Whether the sentence answers at all is rag/answer/checks.py's call."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .. import tuning
from ..crosslingual import is_stopword, renderings
from ..evidence import (
    FULL_RE,
    INTERROGATIVE_RE,
    MEANING_Q_RE,
    OCCUPANCY_RE,
    PROOF_RE,
    PURPOSE_RE,
    SAID_WHY_Q_RE,
    SIGNIFICANCE_Q_RE,
    SIGNIFICANCE_RE,
    ScoredSentence,
    TermWeight,
    apposition_span,
    asks_organisation,
    chinese_units,
    clauses,
    counts_only,
    coverage,
    each_places,
    flat,
    focus_clauses,
    key_tokens,
    names_agent,
    score_sentences,
)
from ..question import PLACE_RE, answer_type_of, asks_name, entities_of
from ..types import Hit
from ..zh import FIGURE_RE, canonical_figure, cn_to_int, figures, is_latin, normalize
from .checks import MADE_RE
from .span import (
    MANNER_Q_RE,
    NAME_Q_RE,
    PAST_Q_RE,
    SYMBOL_RE,
    asks_symbol,
    english_units,
    enumeration_span,
    extract_span,
    new_chars,
    not_but,
    organisation_span,
    team_span,
    whole_list,
    whole_units,
    with_kind,
)


@dataclass(frozen=True)
class Extraction:
    short: str
    sentences: list[ScoredSentence]  # the quoted sentences, first is the answer; empty when there is none
    premise: str = ""  # the sentence before a reason that restates the question (why / what-for)


_EN_FOR_ALONE_RE = re.compile(r"\b(?:for|in)\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)\s+"
                              r"(?:alone|on its own|by itself|only)\b", re.I)
# the page's wording asked for by its length: 用哪六個字概括 / 用四個字形容
_WORDING_COUNT_RE = re.compile(r"([一二兩两三四五六七八九十]|\d+)\s*(?:個|个)?(?:字|詞|词)(?:來|来)?"
                               r"(?:形容|描述|概括|總結|总结)")


def wording_length(question: str) -> int:
    """How many characters of the page's wording a question asks for (用哪六個字概括 -> 6); 0 when it asks none."""
    m = _WORDING_COUNT_RE.search(question)
    return (int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))) if m else 0


def quoted_of_length(sentence: str, n: int) -> str:
    """The first 「…」 phrase of ``sentence`` with ``n`` Chinese characters (「科研強、轉化弱」 for 6); ``""``."""
    return next((q for q in re.findall(r"「([^「」]{1,40})」", sentence)
                 if len(re.findall(r"[\u4e00-\u9fff]", q)) == n), "")


# so many of a quoted word: 三個「更」
_COUNTED_QUOTE_RE = re.compile(r"([兩两二三四五六七八九十]|\d)\s*(?:個|个|大)?「([^「」]{1,4})」")


def counted_quote(sentence: str, question: str) -> str:
    """The 「…」 phrase of ``sentence`` whose items each hold the quoted word the question counts (HKGAI V3追求的
    三個「更」 -> 更高效、更睿智、更本地); ``""`` when the question counts none or no phrase has that many."""
    m = _COUNTED_QUOTE_RE.search(question)
    if m is None:
        return ""
    n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1).replace("兩", "二").replace("两", "二"))
    return next((q for q in re.findall(r"「([^「」]{1,40})」", sentence)
                 if len(items := re.split(r"[、，,]", q)) == n and all(m.group(2) in i for i in items)), "")


# 除了金融和商貿之外，哪個範疇…: what the page puts beside the things set aside (創科正朝向與金融、貿易並肩 -> 創科)
_EXCEPT_Q_RE = re.compile(r"除(?:了|開|开)?([^，,？?]{1,20}?)(?:之外|以外|外)")
_ALONGSIDE_RE = re.compile(r"^([\u4e00-\u9fff]{1,6}?)(?:正在|正|將|将|已經|已经|已|也|亦)?(?:朝向|朝着|朝著)?"
                           r"(?:與|与|和|同)([^，,。；;]{1,20}?)(?:並肩|并肩|並列|并列|看齊|看齐|齊名|齐名|並駕齊驅|并驾齐驱)")


def alongside_excepted(sentence: str, question: str) -> str:
    """For 除了A和B之外，哪個…: the thing ``sentence`` puts beside A or B (創科正朝向與金融、貿易並肩 -> 創科);
    ``""`` when the question sets nothing aside or the sentence sets nothing beside it."""
    m = _EXCEPT_Q_RE.search(question)
    if m is None:
        return ""
    excepted = [normalize(x) for x in re.split(r"和|與|与|及|、|同|跟", m.group(1)) if x.strip()]
    for clause in re.split(r"[，,。；;！？]", sentence):
        found = _ALONGSIDE_RE.match(clause.strip())
        if found and any(x in normalize(found.group(2)) for x in excepted):
            return found.group(1)
    return ""


# a span that is only who says something (專家們認為, 報告指出)
_REPORTED_RE = re.compile(r"[^，,。；;]{0,8}(?:認為|认为|表示|指出|強調|强调|估計|估计)")
# What does X show? / What is X supposed to demonstrate?: the clause holding the showing (…的最佳印證)
_EN_SHOWS_Q_RE = re.compile(r"\b(demonstrates?|shows?|proves?|illustrates?|reflects?|indicates?)\s*\??\s*$", re.I)
# 只計科技這一項 / 單計科技 / 科技那項排第幾: the figure for that part alone (科技單項實力全球第三)
_ZH_FOR_ALONE_RE = re.compile(r"(?:只計|只计|單計|单计|淨計|净计|只看|單看|单看|光看|只算|單算|单算)"
                              r"(?:[\u4e00-\u9fff]{0,2}?)([\u4e00-\u9fff]{2})(?:這一?項|这一?项|那一?項|那一?项|單項|单项|方面)|"
                              r"([\u4e00-\u9fff]{2})(?:這一?項|这一?项|那一?項|那一?项|單項|单项)")


def alone_words(question: str) -> list[str]:
    """The part a Chinese question asks its figure for alone (只計科技這一項 -> 科技); ``[]`` when none."""
    m = _ZH_FOR_ALONE_RE.search(question)
    return [next(g for g in m.groups() if g)] if m else []


# What is (the) X? and the clause that says what a thing is (作為首款…芯片, 是…母基金)
_EN_DEFINITION_Q_RE = re.compile(r"\s*what(?:\s+(?:exactly|actually|really|precisely))?(?:'s| is| are)\s+"
                                 r"(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}[\w'’-]+"
                                 r"\s*\??\s*$|"
                                 # What does the article say Hong Kong's unique value is?
                                 r"\s*what (?:does|do|did) (?:the )?(?:article|writer|author|report|paper|piece) "
                                 r"(?:say|think|consider)\s+(?:that\s+)?(?:[\w'’-]+\s+){1,5}(?:is|are)\s*\??\s*$", re.I)
_EN_NAME_RE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*(?: [A-Z0-9][A-Za-z0-9]*)*\b")  # HKGAI V3, RISC-V
_DEFINITION_START_RE = re.compile(r"(?:作為|作为|是|在於|在于)(?!否)\S")
# a follow-up that moves a figure to another part: And in technology strength? (after the digital ranking)
_EN_AND_IN_RE = re.compile(r"\s*(?:and|what about|how about)\s+(?:in|for)\s+(?:the\s+)?"
                           r"([a-z]+(?:\s+[a-z]+)?)\s*\??\s*$", re.I)
_EN_LISTED_RE = re.compile(r"\b(?:which|what)\s+(two|three|four|five)\s+[a-z]", re.I)
_EN_SMALL_NUMBERS = {w: i for i, w in enumerate("zero one two three four five".split())}


_ZH_LISTED_RE = re.compile(r"哪([兩两二三四五])(?:個|个|行|項|项|家|所|間|间|種|种|類|类|方面|座|大)")


def listed_count(question: str) -> int:
    """How many things a question asks for (Which two sectors…? / 哪兩行 -> 2); 0 for none."""
    m = _EN_LISTED_RE.search(question)
    if m:
        return _EN_SMALL_NUMBERS[m.group(1).lower()]
    m = _ZH_LISTED_RE.search(question)
    return (cn_to_int(m.group(1)) or 0) if m else 0


def lists_fewer(sentence: str, n: int) -> bool:
    """Whether no clause of ``sentence`` lists ``n`` things (``n`` > 1): Which five universities…? against
    依託五所世界百強高校… (a count, no names) is not answered."""
    if n <= 1:
        return False
    return all(len(re.split(r"[、+＋]|(?<=.)(?:與|与|和|及)(?=.)", c)) < n for c in clauses(sentence))


_EN_CATEGORY_RE = re.compile(r"\b(?:what|which)\s+(?:(?:kind|type|sort)s?\s+of\s+)?"
                             r"(?!is\b|are\b|was\b|were\b|does\b|do\b|did\b)([a-z]+(?:-[a-z]+)?(?:\s+[a-z]+)?)", re.I)


def reason_sentence(scored: Sequence[ScoredSentence], best: ScoredSentence,
                    hits: Sequence[Hit], *, cross_lingual: bool = False) -> tuple[ScoredSentence, str]:
    """For why / what-for: the best sentence if it gives a reason or a purpose; else the first one that does
    among the best-covering (trailing by at most REASON_MARGIN), or, when it covers the question better through
    its premise, the sentence that follows a premise on the page and points back at it (「深圳—香港—廣州」創新
    集群首次登頂全球榜首。 then, in the next paragraph, 這一灣區集群憑藉領先的國際專利申請量…: the question
    restates the first, the second answers it). Also the premise of a reason that points back at it: its words
    are the reason's context (the cities that 這一灣區集群 stands for)."""

    def place(s: ScoredSentence) -> tuple[str, int, int]:
        chunk = hits[s.hit_index].chunk
        return chunk.doc_id, chunk.start + s.start, chunk.start + s.end

    where = {id(s): place(s) for s in scored}

    def neighbour(s: ScoredSentence, after: bool) -> ScoredSentence | None:
        doc, start, end = where[id(s)]
        near = [x for x in scored if where[id(x)][0] == doc
                and (where[id(x)][1] >= end if after else where[id(x)][2] <= start)]
        if after:
            return min(near, key=lambda x: where[id(x)][1], default=None)
        return max(near, key=lambda x: where[id(x)][2], default=None)

    def premise(reason: ScoredSentence) -> ScoredSentence | None:
        """The sentence before ``reason`` when ``reason`` points back at it, or goes on about its subject."""
        before = neighbour(reason, after=False)
        return before if before is not None and (refers_back(reason.text)
                                                 or continues(before.text, reason.text)) else None

    def reach(reason: ScoredSentence) -> float:
        before = premise(reason)
        return max(reason.coverage, before.coverage) if before is not None else reason.coverage

    def with_premise(reason: ScoredSentence) -> tuple[ScoredSentence, str]:
        before = premise(reason)
        return (replace(reason, coverage=reach(reason)), before.text) if before is not None else (reason, "")

    if best.typed:
        return with_premise(best)
    top = scored[: tuning.TYPED_CANDIDATES]
    floor = best.coverage - tuning.REASON_MARGIN
    typed = [s for s in top if s.typed and s.coverage >= floor]
    followers = [n for n in (neighbour(s, after=True) for s in top)
                 if n is not None and n.typed and premise(n) is not None]
    options = [r for r in dict.fromkeys([*typed[:1], *followers]) if reach(r) >= floor]
    if options:
        return with_premise(max(options, key=reach))  # ties: the first, typed[0] when it is one
    return best, ""


def near_best_holding(scored: Sequence[ScoredSentence], best: ScoredSentence, pattern: re.Pattern[str], *,
                      typed: bool = True) -> ScoredSentence:
    """``best`` if it holds ``pattern``; else the first of the top candidates that does and covers the question
    nearly as well (``tuning.TYPE_MARGIN``; with ``typed``, holding the asked-for kind of answer at least as
    ``best`` does); else ``best``."""
    if pattern.search(best.text):
        return best
    return next((s for s in scored[: tuning.TYPED_CANDIDATES] if s.coverage >= best.coverage - tuning.TYPE_MARGIN
                 and (not typed or s.typed >= best.typed) and pattern.search(s.text)), best)


def fuller_reason(scored: Sequence[ScoredSentence], best: ScoredSentence) -> ScoredSentence:
    """A reason or purpose among the best candidates that covers every term of the question, when the best one
    covers clearly less (by TYPE_MARGIN): What does Hong Kong help mainland firms do when they go overseas? ->
    對外，…助力內地創科企業「借港出海」，拓展全球市場 over the 對內 clause before it that the encoder likes as well."""
    return next((s for s in scored[: tuning.TYPED_CANDIDATES]
                 if s.typed and s.coverage >= 1.0 and s.coverage >= best.coverage + tuning.TYPE_MARGIN), best)


# the place that brings (深圳那一方帶來了甚麼, What does Shenzhen bring): in Chinese the last place before the
# verb that is no beneficiary (為香港補上), in English the subject after does / can
_SETTING = ("在", "於", "于", "喺")
_ZH_BENEFICIARY_RE = re.compile(r"(?:為|为|給|给|替|向|對|对)[\u4e00-\u9fff]{0,2}$")
_ZH_ASKED_AFTER_RE = re.compile(r"^[^，,。？?]{0,5}?(?:甚麼|什麼|什么|甚么|哪些|哪幾|哪几|乜|咩)")
_EN_BRINGER_RE = re.compile(r"\b(?:does|do|did|can|could|would|will)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+"
                            r"(?:\w+\s+)?(?:bring|give|offer|contribute|provide|add)\b")


def bringer(question: str) -> str:
    """The place that brings or gives what the question asks (深圳 in 在河套的分工中，深圳那一方帶來了甚麼 and in
    深圳能為香港補上哪些條件; Shenzhen -> 深圳 in What does Shenzhen bring…?); ``""`` when none is named."""
    m = _EN_BRINGER_RE.search(question)
    if m:
        return next((e.text for e in entities_of(m.group(1)) if e.kind == "place"), "")
    verb = _ZH_EFFECT_RE.search(question)
    if verb is None or not _ZH_ASKED_AFTER_RE.search(question[verb.start() + 1 :]):
        return ""  # (對整個香港的貢獻 names a contribution, it asks none)
    before = question[: verb.start()]
    found = [(before.rfind(e.text), e.text) for e in entities_of(before) if e.kind == "place" and e.text in before]
    # (not the beneficiary of 為香港補上, nor the setting of 深圳方面在河套合作中提供)
    found = [(i, t) for i, t in found
             if not _ZH_BENEFICIARY_RE.search(before[:i]) and not before[:i].endswith(_SETTING)]
    return max(found)[1] if found else ""


def subject_sentence(scored: Sequence[ScoredSentence], best: ScoredSentence, places: Sequence[str], *,
                     effect: bool = False, bringer: str = "", leading: bool = False) -> ScoredSentence:
    """When the best sentence lists the place asked about among others (由深圳、香港、廣州三座城市聯動組成,
    「深圳—香港—廣州」) the question is about that place alone: a sentence whose clause opens with it
    (廣州擔任…的角色) answers, if it covers the question nearly as well (TYPE_MARGIN). ``effect``: the question
    asks what the place brings (What does Shenzhen bring…?); ``leading``: only a sentence the place opens answers
    (香港保留…, not 過去一年，香港創科最振奮人心的突破… for And Hong Kong? after what Shenzhen provides)."""
    listed = [p for p in places if re.search(f"{re.escape(p)}[、—–]|[、—–]{re.escape(p)}", best.text)]
    opens = {m.group() for c in clauses(best.text) if (m := PLACE_RE.match(c.strip().lstrip("-▲▼ ")))}
    margin = tuning.TYPE_MARGIN
    if bringer and not any(c.strip().lstrip("-▲▼ ").startswith(bringer) for c in clauses(best.text)):
        # what 深圳 brings: a sentence whose clause opens with 深圳 (深圳提供…), not one about the park (河套最大的優勢)
        # nor one naming it in a list (依託香港國際化優勢、深圳產業化優勢)
        listed, margin = [bringer], best.coverage
    elif not listed and effect and not any(normalize(p) in normalize(best.text) for p in places):
        # asked what the place brings, the best sentence names it only in a compound (深港創科要素無縫對接):
        # any of the best candidates about the place itself (the first named: What does Shenzhen bring that
        # Hong Kong lacks? asks what Shenzhen brings)
        listed, margin = list(places)[:1], best.coverage
    elif not listed and opens and not opens & {normalize(p) for p in places} and not opens & set(places):
        # or the best sentence is about another place: 香港擔任… asked what 广州 does (not 深圳提供… asked what
        # 深圳 provides in 河套)
        listed = [p for p in places if normalize(p) not in normalize(best.text) and p not in opens]
    if len(listed) != 1:
        return best
    place = listed[0]
    for s in scored[: tuning.TYPED_CANDIDATES]:
        if s.coverage >= best.coverage - margin and s.typed >= best.typed and any(
                c.strip().lstrip("-▲▼ ").startswith(place) for c in clauses(s.text)[: 1 if leading else None]):
            return s
    return best


def place_sentence(scored: Sequence[ScoredSentence], best: ScoredSentence, places: Sequence[str],
                   question: str = "") -> ScoredSentence:
    """For an English question constrained to ``places``: a sentence among the best candidates that names them
    all and covers more of the question's terms than the best sentence (What job does Hong Kong do inside
    the cluster? -> 在該集群中，香港擔任…的角色, over 「深圳—香港—廣州」創新集群首次登頂 that the encoder likes
    better), unless the best sentence holds the figures the question states and that one does not; else the
    best sentence."""
    if not places:
        return best
    stated = re.findall(r"\d+", question)  # Did 15 Hong Kong labs…: a sentence with the 15 is not given up
    better = [s for s in scored[: tuning.TYPED_CANDIDATES] if s.coverage > best.coverage and s.typed >= best.typed
              and all(normalize(p) in normalize(s.text) for p in places)
              and not (stated and all(f in best.text for f in stated) and not all(f in s.text for f in stated))]
    return better[0] if better else best


# a question about what a photo shows, and the sentence of a caption that says it (圖為…, 圖中…)
_PICTURE_RE = re.compile(r"\b(?:pictured|photo(?:graph)?s?|pictures?|images?)\b", re.I)
_PICTURED_RE = re.compile(r"^\s*(?:圖為|图为|圖中|图中|圖示|图示)")


def pictured_sentence(scored: Sequence[ScoredSentence], best: ScoredSentence, question: str) -> ScoredSentence:
    """For a question about what a photo shows (Which event is pictured in the photo about…?): when the best
    sentence opens a caption (▲香港…躍升至全球第四。), the caption's sentence that says what the picture is
    (圖為今年四月舉行的香港國際創科展。), with the caption's coverage; also when a caption covers the question
    nearly as well as the best sentence; else the best sentence."""
    if not _PICTURE_RE.search(question):
        return best
    if not best.text.lstrip().startswith(("▲", "▼")):
        # the best sentence is a heading or a fact line saying what the caption says: a caption among the best
        # candidates that covers the question nearly as well
        best = next((s for s in scored[: tuning.TYPED_CANDIDATES] if s.text.lstrip().startswith(("▲", "▼"))
                     and s.coverage >= best.coverage - tuning.TYPE_MARGIN), best)
        if not best.text.lstrip().startswith(("▲", "▼")):
            return best
    shown = next((s for s in scored if s.hit_index == best.hit_index and s.start >= best.end
                  and _PICTURED_RE.match(s.text)), None)
    return replace(shown, coverage=max(shown.coverage, best.coverage)) if shown is not None else best


# a sentence that continues the one before it: 這一灣區集群憑藉…, 該基金旨在…, 此舉…
_REFERS_BACK_RE = re.compile(r"這一|这一|這個|这个|這些|这些|這項|这项|該|该|此|其|它|他們|他们|她們|她们")


def refers_back(sentence: str) -> bool:
    """Does ``sentence`` point back at what came before it, before it gives its reason or purpose?"""
    first = clauses(sentence)[:2]
    return bool(first) and bool(_REFERS_BACK_RE.search("".join(first)))


def continues(before: str, sentence: str) -> bool:
    """Does ``sentence`` open on the subject of the sentence ``before`` it: its head noun (創科產業引導基金是… then
    基金核心定位…)? The two words of the opening must end a word of ``before``'s first clause."""
    first = clauses(before)[:1]
    opening = re.match(r"[\u4e00-\u9fff]{2}", sentence)
    if not first or not opening:
        return False
    return any(word.endswith(opening.group()) for word in re.findall(r"[\u4e00-\u9fff]{2,}", first[0]))


_MODIFIERS_RE = re.compile(r"(?:約|约|達|达|超過|超过|超|近|接近|逾|為|为|是|僅|仅)+$")


def is_rate(text: str, at: int) -> bool:
    """Is the figure at offset ``at`` of ``text`` a rate (入駐率約九成, 出租率達八成), not a share of something
    counted (四成來自海外) or a change (擴容七成)?"""
    return _MODIFIERS_RE.sub("", text[:at]).endswith(("率", "比例", "比率"))


# what X gives, brings, means, shows: the clauses after the one that names X (15所實驗室獲批…，正式納入…，為基礎
#研究…搭建了國家級平台 answers what the labs give, not the clause restating the question)
_EN_EFFECT_RE = re.compile(r"\b(?:give|gives|gave|bring|brings|brought|mean|means|meant to (?:cover|achieve|do)|offer|"
                           r"contribute|contributes|offers|provide|provides|symboli[sz]es?|prove|proves|show|shows|achieve|achieves|"
                           r"do for|does for|do in|does in|point of|cover|covers|change things|support|supports|"
                           r"supposed to (?:cover|achieve|do))\b", re.I)
# what a place brings, asked in Chinese (深圳為河套合作帶來甚麼)
_ZH_EFFECT_RE = re.compile(r"帶來|带来|提供了?(?:甚麼|什麼|什么|甚么|哪些)|貢獻|贡献|補上|补上|補足|补足|補齊|补齐")


_CLAUSE_END_RE = re.compile(r"[，,；;]")
# a span that is only a topic (對…而言, 對…來說): what the sentence says about it follows
_TOPIC_END_RE = re.compile(r"(?:而言|來說|来说)$")
# 專家們認為，…: the span is the speaker; what they say follows
_SAYS_END_RE = re.compile(r"(?:認為|认为|指出|表示|建議|建议|強調|强调)$")
_EN_FIELDS_Q_RE = re.compile(r"\b(?:sectors|industries|fields|areas|domains)\b", re.I)  # several of them
# 主要投甚麼行業 (賽道 once in the page's register) / 聚焦哪些領域: the fields, which the page lists
# a part of a sentence asked by its label (對內包括甚麼 against …：對內，承接國家創科戰略…；對外，…)
_LABEL_Q_RE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:包括|包含|有)(?:甚麼|什麼|什么|甚么|哪些)")


def labelled_part(sentence: str, question: str) -> str:
    """The part of ``sentence`` the question asks for by the label that opens it (對內 in 對內，承接國家創科戰略，
    聯動大灣區城市群；), up to the next part; ``""`` when the sentence has no such label."""
    asked = _LABEL_Q_RE.search(question)
    label = asked.group(1) if asked else ""
    # (the label opens a part: after the colon or the semicolon that closes the part before, as 對內 / 對外 do)
    at = next((hit.start(1) for hit in re.finditer(f"(?:^|[：:；;])({re.escape(label)})[，,：:]", sentence)), -1) \
        if label else -1
    if at < 0:
        return ""
    return re.split(r"[；;。]", sentence[at + len(label) + 1 :])[0].strip()


_FIELD_LIST_RE = re.compile(r"(?:涵蓋|涵盖|聚焦|包括|扶持|投向|覆蓋|覆盖)"
                            r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8}){2,}")
_ZH_FIELDS_Q_RE = re.compile(r"(?:甚麼|什麼|什么|甚么|哪些|哪幾個|哪几个)"
                             r"(?:賽道|赛道|領域|领域|行業|行业|產業|产业|範疇|范畴)")
# a question asking what was done (做了甚麼, 做咗啲咩 once standardised, 作了哪些調整, 有甚麼新措施)
_ACTIONS_Q_RE = re.compile(r"(?<!用來)(?<!用来)(?<!用嚟)(?<!用於)(?<!用于)"
                           r"(?:做|作|作出|做出|採取|采取|推出)了?(?:些)?(?:甚麼|什麼|什么|甚么|哪些)|"
                           r"有(?:甚麼|什麼|什么|甚么|哪些|何)(?:新|具體|具体)?(?:措施|舉措|举措|行動|行动|改變|改变|轉變|转变|變化|变化)|"
                           r"改了(?:些)?(?:甚麼|什麼|什么|甚么|哪些)|"
                           # 政府用甚麼方法吸引人才: a government's means, its doing (on DRCD, 用什麼方式 without a
                           # government asks one means, a short span)
                           r"(?:政府|當局|当局)[^，,。？?]{0,6}(?:用|以|靠|採用|采用)(?:甚麼|什麼|什么|甚么|哪些)"
                           r"(?:方法|辦法|办法|措施|手段|方式)|"
                           # 政府點樣吸引人才: how it is done, the doing (升級…計劃，簡化…流程), not 持續優化
                           # (not what it is called or how it came about: 如何稱呼 / 如何形容 / 如何產生 / 如何形成)
                           r"(?:怎樣|怎样|如何|怎麼|怎么)(?!的|樣|样|做到|變|变|成為|成为|稱|称|叫|形容|描述|描寫|描写|"
                           r"產生|产生|形成|命名|定義|定义|計算|计算|得名|解釋|解释|理解|看待|評價|评价)(?=[\u4e00-\u9fff])|"
                           # What is the government doing for talent? / What has it done / What steps has it taken?
                           r"\bwhat (?:is|are|has|have|was|were) (?:the )?[\w' -]{1,40}? (?:doing|done)\b|"
                           r"\bwhat did [\w' -]{1,40}? do\b|\bwhat (?:steps|measures|changes)\b", re.I)


# 最振奮人心的突破，莫過於X: X is what the sentence names, the span before it only describes it
_NONE_BUT_RE = re.compile(r"莫過於|莫过于|非[^，,。]{0,4}莫屬|非[^，,。]{0,4}莫属")
# a span cut before its object: a verb with 了, or a preposition (而在於解決了, 得益於)
_DANGLING_RE = re.compile(r"(?:了|在於|在于|把|將|将)$")
# a span that stops on the 與 / 和 / 及 before the second of a pair (the first is the answer: DRCD 抑鬱和 ->
# 抑鬱), or on a verb before its object (企業來自 -> 企業來自內地)
_PAIR_END_RE = re.compile(r"(?<=.)(?:與|与|和|及)$")
_OPEN_END_RE = re.compile(r"(?:來自|来自|實現|实现)$")


_IS_WHAT_RE = re.compile(r"(?:是|係|为|為)(?:甚麼|什麼|什么|甚么|咩|乜嘢)")


def copula_complement(short: str, sentence: str) -> str:
    """For a span that is the superlative subject of its sentence's ``最…的X，是Y`` (過去一年，香港創科最動人的風景，
    是青年力量的蓬勃生長…), what it is said to be: Y; ``""`` when the span stands elsewhere."""
    if not short:
        return ""
    # (a superlative's subject, 最動人的風景: 臺東市的東邊是太平洋，是一座…城市 goes on about the city, not the ocean)
    m = re.search(rf"最[^，,。]{{1,8}}的{re.escape(short)}[，,]\s*是([^，。；;！？!?]+)", sentence)
    return m.group(1).strip() if m else ""


def rest_of_clause(short: str, sentence: str) -> str:
    """What follows ``short`` in its clause (而在於解決了 -> 香港多年存在的「科研強、轉化弱」結構性短板); ``""`` when
    ``short`` is not in the sentence or ends its clause."""
    at = sentence.find(short) if short else -1
    if at < 0:
        return ""
    return _CLAUSE_END_RE.split(sentence[at + len(short) :].strip("。！？!? "))[0].strip()


def what_is_done(short: str, sentence: str) -> str:
    """For what was done: the clause holding ``short`` from ``short`` on, and the clauses after it, up to
    ``tuning.FOLLOWING_MAX_CHARS`` (持續優化人才政策，升級科技人才入境計劃，簡化…流程); ``""`` when ``short`` is not
    in the sentence."""
    at = sentence.find(short) if short else -1
    if at < 0:
        return ""
    # (對香港高校團隊、青年初創企業而言，這意味著…: whom it is for frames it, the doing follows)
    return _leading_clauses(_FRAME_RE.sub("", sentence[at:], count=1))


_FRAME_RE = re.compile(r"^[^，,。；;]{0,20}(?:而言|來說|来说)[，,]")


def _leading_clauses(text: str) -> str:
    """The first clauses of ``text``, as many as fit in ``tuning.FOLLOWING_MAX_CHARS`` characters (one at least)."""
    out = ""
    for clause in re.split(r"(?<=[，,；;])", text.strip("。！？!? ")):
        if out and len(out) + len(clause) > tuning.FOLLOWING_MAX_CHARS:
            break
        out += clause
    return out.strip("，,；; ")


_TIME_LEAD_RE = re.compile(r"^(?:過去一年|过去一年|去年|今年|近年|近年來|近年来|如今|目前|當前|当前)[，,]")


def proving_fact(sentence: str) -> str:
    """What ``sentence`` gives as the proof of something (六成…來自內地、四成來自海外，正是…的最佳印證 -> the
    clauses before 正是, without a leading 過去一年); ``""`` when it proves nothing."""
    m = PROOF_RE.search(sentence)
    before = _TIME_LEAD_RE.sub("", sentence[: m.start()].strip().rstrip("，,；; ")) if m else ""
    return before if len(before) > 1 else ""


def each_place_span(short: str, sentence: str, question: str) -> str:
    """For a question on what each of several places has (香港和深圳在河套各有甚麼優勢), the items of the answer's
    clause naming them, from the first place on (河套園區依託香港國際化優勢、深圳產業化優勢 -> 香港國際化優勢、
    深圳產業化優勢); ``""`` when the clause does not name them all."""
    places = each_places(question)
    clause = next((c for c in re.split(r"[，,；;。：:！？]", sentence) if short and short in c), "")
    items = [i for i in clause.split("、") if any(p in i for p in places)]
    if not places or not all(any(p in i for i in items) for p in places):
        return ""
    first = min(items[0].find(p) for p in places if p in items[0])
    if _FIGURE_CUT_RE.search(items[0][:first]):
        first = 0  # (六成入駐河套園區的企業來自內地: the figure before the place is the answer's)
    return "、".join([items[0][first:], *items[1:]])


_FIGURE_CUT_RE = re.compile(r"\d|[一二兩两三四五六七八九十百千]成|%")


def what_follows(short: str, sentence: str) -> str:
    """The clauses of ``sentence`` after the clause holding ``short``, up to ``tuning.FOLLOWING_MAX_CHARS``
    characters; ``""`` when ``short`` ends the sentence or is not in it."""
    at = sentence.find(short) if short else -1
    cut = _CLAUSE_END_RE.search(sentence, at + len(short)) if at >= 0 else None
    return _leading_clauses(sentence[cut.end() :]) if cut else ""


def extract(question: str, hits: Sequence[Hit], *, dense_sims: Callable[[list[str]], np.ndarray] | None = None,
            focus: str = "", cross_lingual: bool | None = None, weight: TermWeight = flat,
            groups: Sequence[tuple[str, ...]] = (), qtype: str | None = None,
            names: Sequence[str] | None = None, own_groups: Sequence[tuple[str, ...]] = (),
            earlier: str = "") -> Extraction:
    """Choose the answer sentence (and any disagreeing one).

    ``question``: the text whose terms must be covered (rewritten / expanded query); ``focus``: the user's
    latest question as typed; ``qtype``: the asked-for type (default: read from ``focus``); ``names``: the
    question's quoted and Latin names (default: read from ``focus``); ``earlier``: for an elliptical follow-up,
    the earlier question it continues.
    """
    if not hits:
        return Extraction("", [])
    asked = focus or question
    qtype = qtype or answer_type_of(asked)
    if qtype == "what" and focus and focus != question and not INTERROGATIVE_RE.search(focus):
        qtype = answer_type_of(question)  # 那二期呢？ asks what the earlier turn asked: 入駐率是多少
    if cross_lingual is None:
        cross_lingual = is_latin(asked)
    scored = score_sentences(question, hits, qtype, dense_sims, focus=focus, cross_lingual=cross_lingual,
                             weight=weight, groups=groups, names=names, own_groups=own_groups)
    if not scored:
        return Extraction("", [])
    best, premise = scored[0], ""
    if qtype in tuning.REASON_TYPES:
        first = best
        best, premise = reason_sentence(scored, fuller_reason(scored, best), hits, cross_lingual=cross_lingual)
        if qtype == "purpose" and cross_lingual and _EN_EFFECT_RE.search(asked) \
                and first.coverage >= tuning.EFFECT_KEEP_RATIO * best.coverage:
            # What is the talent admission scheme meant to achieve?: the sentence about the scheme says what it
            # does (升級…入境計劃，簡化…、廣納全球英才), not a purpose sentence about something else
            best, premise = first, ""
    elif not best.typed:
        # prefer a sentence that holds the asked-for kind of answer if it covers the question nearly as well
        # (a name asked: only a sentence giving a name it does not know answers, whatever it covers: 個AI模型叫咩名？
        # -> 香港人工智能大模型HKGAI V3, not AI大模型、精準醫療…)
        margin = best.coverage if asks_name(asked) else tuning.TYPE_MARGIN
        typed = [s for s in scored[: tuning.TYPED_CANDIDATES] if s.typed and s.coverage >= best.coverage - margin]
        if typed:
            best = typed[0]
    if qtype == "what" and (_EN_FIELDS_Q_RE if cross_lingual else _ZH_FIELDS_Q_RE).search(asked):
        # 河套入駐的機構主要做哪些領域: a sentence listing fields after a verb that says so (涵蓋生物醫藥、人工智能、
        # 精密芯片…) over one that lists none
        best = near_best_holding(scored, best, _FIELD_LIST_RE)
    if not cross_lingual and qtype == "what" and MEANING_Q_RE.search(asked):
        # 獅子山芯有甚麼意義: a sentence saying what it achieves or marks, over the fact box's line naming it
        best = near_best_holding(scored, best, SIGNIFICANCE_RE)
    if not cross_lingual and FULL_RE.search(asked):  # 河套園區是不是已經住滿了: the occupancy decides
        best = near_best_holding(scored, best, OCCUPANCY_RE, typed=False)
    if asks_symbol(asked, qtype):
        # what the Lion Rock chip symbolises: the sentence saying what it 彰顯 (…獅子山精神), over the fact box's line
        best = near_best_holding(scored, best, SYMBOL_RE, typed=False)
    if cross_lingual and qtype not in tuning.REASON_TYPES:
        best = place_sentence(scored, best, [e.text for e in entities_of(asked) if e.kind == "place"], asked)
    best = pictured_sentence(scored, best, asked)
    n_chars = wording_length(asked) if not cross_lingual else 0
    if n_chars:  # 用哪六個字概括: the sentence quoting a phrase of six characters
        best = next((s for s in scored[: tuning.TYPED_CANDIDATES] if quoted_of_length(s.text, n_chars)), best)
    effect = bool(_EN_EFFECT_RE.search(asked) or _ZH_EFFECT_RE.search(asked))
    brings = bringer(asked) if effect else ""
    swapped = [e.text for e in entities_of(asked) if e.kind == "place"] if earlier and not effect else []
    if len(swapped) == 1 and bringer(earlier):  # And Hong Kong? after what the Shenzhen side provides
        effect, brings = True, swapped[0]
    if not cross_lingual or effect or (focus and focus != question):  # And Guangzhou? after what Shenzhen does
        # 除了河套，還有哪個科技城: the place excepted is not what the question is about; What does Shenzhen
        # bring: what the place does
        best = subject_sentence(scored, best, [e.text for e in entities_of(asked) if e.kind == "place"
                                               and not re.search(f"除(?:了|开|開)?{re.escape(e.text)}", asked)],
                                effect=effect, bringer=brings, leading=bool(swapped) and effect)
    if new_chars(best.text, asked) < tuning.RESTATED and not cross_lingual:
        # the sentence only says what the question says (a label line 我們的特區, a premise repeated word for
        # word): what the question asks is in the sentence that follows it
        following = next((x for x in scored if x.hit_index == best.hit_index and x.start > best.end), None)
        if following is not None:
            best = following
    category = _EN_CATEGORY_RE.search(asked) if cross_lingual else None  # What architecture -> 架构
    if cross_lingual and qtype in tuning.FIGURE_TYPES:
        # the rank for the technology factor alone: the part about technology (創科單項實力全球第三), not the
        # ranking the question names for context (數碼競爭力全球第四)
        category = _EN_FOR_ALONE_RE.search(asked) or _EN_AND_IN_RE.match(asked) or category
    if cross_lingual and qtype == "what":
        category = category or _EN_SHOWS_Q_RE.search(asked)
    if cross_lingual and (qtype in ("place", "why", "purpose") or PAST_Q_RE.search(asked)
                          or MANNER_Q_RE.search(asked) or asks_symbol(asked, qtype)):
        # the span reads the English question too: its own places are not the answer (Which European
        # countries…: all the others), why X matters asks what X achieves, What are X for? asks where the sentence
        # goes (goal_clause), how it is done asks the means, and ten years ago asks for the figure a change started
        # from
        question = f"{question} {asked}"
    short = extract_span(best.text, asked if not cross_lingual else question, qtype, weight,
                         cross_lingual=cross_lingual, count=counts_only(asked),
                         asks_for=[w for word in (category.group(1).split() if category else ())
                                   if not is_stopword(word) for w in renderings(word).split()]
                         or (alone_words(asked) if not cross_lingual and qtype in tuning.FIGURE_TYPES else []),
                         name_asked=bool(NAME_Q_RE.search(asked)),
                         units=english_units(asked) if cross_lingual else chinese_units(asked),
                         list_size=listed_count(asked))
    if n_chars:
        short = quoted_of_length(best.text, n_chars) or short
    short = counted_quote(best.text, asked) or short
    if not cross_lingual:
        short = alongside_excepted(best.text, asked) or short
    if _REPORTED_RE.fullmatch(short):  # 專家們認為 is who says it: what they say follows
        short = what_follows(short, best.text) or short
    if qtype == "why" and SAID_WHY_Q_RE.search(asked):  # 為甚麼說…雙向樞紐: the fact the page says proves it
        short = proving_fact(best.text) or short
    if qtype == "why" and SIGNIFICANCE_Q_RE.search(asked) and (proof := PROOF_RE.search(best.text)):
        short = best.text[proof.start() : proof.end()]  # why the 60/40 split is meaningful: what it proves
    if not cross_lingual and each_places(asked):  # 香港和深圳各有甚麼優勢: what the clause gives each
        short = each_place_span(short, best.text, asked) or short
    if cross_lingual and qtype == "what" and _EN_FIELDS_Q_RE.search(asked):
        short = enumeration_span(best.text, question) or short  # Sectors the fund targets?: its list of 領域
    if not cross_lingual:
        short = with_kind(whole_units(not_but(short, best.text), best.text), best.text, asked)
        if qtype == "what" and _ZH_FIELDS_Q_RE.search(asked) and (items := enumeration_span(best.text, asked)) \
                and normalize(items.split("、")[0]) not in normalize(short) and "、" not in short:
            short = items  # the fields the fund targets, not 湧入創科賽道 (a list in the slot stays: 以金融、商貿聞名)
        if qtype == "what":
            short = whole_list(short, best.text, asked)  # 產業集成的角色 is the last of four roles
        if label := labelled_part(best.text, asked):
            short = label  # 「橋樑作用」對內包括甚麼: what follows 對內， up to the next part (；)
        elif qtype == "person" and MADE_RE.search(asked) and not names_agent(short) \
                and (team := team_span(best.text)):
            short = team  # who made it (獅子山芯由誰研發？): 香港創科團隊, not 實現香港芯片自主
        elif _ACTIONS_Q_RE.search(asked):  # 做了甚麼 / 作了哪些調整: the actions, from the span's on
            short = what_is_done(short, best.text) or short
        elif _TOPIC_END_RE.search(short) or (qtype != "person" and _SAYS_END_RE.search(short)):
            # 對高校團隊而言，這意味著…: the topic is the question's, not the answer; 專家們認為: what they say
            short = what_follows(short, best.text) or short
        elif qtype == "what" and (named := _NONE_BUT_RE.search(best.text)) and best.text.find(short) < named.start():
            short = _CLAUSE_END_RE.split(best.text[named.end():].strip("。！？!? "))[0].strip() or short
        elif _PAIR_END_RE.search(short):
            short = _PAIR_END_RE.sub("", short)  # 抑鬱和: the first of a pair, without the 和 before the second
        elif _OPEN_END_RE.search(short) and (rest := rest_of_clause(short, best.text)):
            short = short + rest  # 企業來自: where they come from
        elif qtype == "what" and _DANGLING_RE.search(short):  # 而在於解決了: what was solved, not the verb
            rest = rest_of_clause(short, best.text)
            if new_chars(rest, asked) > tuning.REST_NEW_SHARE * len(rest):  # not the question's own words (擊敗了…)
                short = rest
        elif qtype == "what" and not new_chars(short, asked) and (rest := rest_of_clause(short, best.text)) \
                and new_chars(rest, asked) > tuning.REST_NEW_SHARE * len(rest):
            short = rest  # 中央有甚麼明確的支持: not 中央明確, the question's own words, but what it supports
        elif qtype == "what" and _IS_WHAT_RE.search(asked) and (said := copula_complement(short, best.text)) \
                and new_chars(said, asked) > tuning.REST_NEW_SHARE * len(said):
            # 最打動人的景象是甚麼: not 風景, the subject, but 是青年力量的蓬勃生長… (…全面啟用，是整個變革的核心支點
            # asked as 核心支點是甚麼 keeps its subject: the complement is the question's own words)
            short = said
    elif (moved := not_but(short, best.text)) != short:  # what it is for, not the short-term profit it is not
        short = moved
    elif _ACTIONS_Q_RE.search(asked) and (done := what_is_done(short, best.text)):
        short = done  # What is the SAR government doing for tech talent? -> 持續優化…，升級…入境計劃，簡化…
    elif qtype == "person" and asks_organisation(asked) and (body := organisation_span(best.text, "")
                                                               or team_span(best.text)):
        # Which organisation publishes the index? -> 世界知識產權組織, not the clause it stands in; Who developed the
        # chip? -> 香港創科團隊
        short = body
    elif qtype in ("what", "why", "purpose") and (effect := _EN_EFFECT_RE.search(asked)) \
            and not (qtype == "purpose" and PURPOSE_RE.search(best.text)) \
            and not any(w in normalize(short) for w in renderings(effect.group().split()[-1]).split()):
        # not when the span already says it (覆蓋… for 'meant to cover', the 引導… a purpose marker gives)
        short = what_follows(short, best.text) or short
    elif _TOPIC_END_RE.search(short):  # What does the Loop change for university teams: not 對…團隊而言
        short = what_follows(short, best.text) or short
    elif qtype == "what" and _EN_DEFINITION_Q_RE.match(asked):
        # What is the Lion Rock chip?: the clause that says what it is (作為首款…管理芯片), not the one naming it
        defined = next((c.strip() for c in clauses(best.text) if _DEFINITION_START_RE.match(c.strip())), "")
        # What is HKGAI V3?: what the page calls the name it gives (香港人工智能大模型HKGAI V3早前發布)
        named = [m.group() for m in _EN_NAME_RE.finditer(asked) if m.group() in best.text]
        short = defined or next((a for n in named if (a := apposition_span(best.text, n))), short)
    chosen = [best]
    answer_figures = [canonical_figure(m.group()) for m in FIGURE_RE.finditer(short)]
    if answer_figures:
        # another passage that answers the same question with another figure of the same kind: cite it too
        share = answer_figures[0].endswith("%")
        at = best.text.find(short)
        rate = share and at >= 0 and is_rate(best.text, at + next(FIGURE_RE.finditer(short)).start())
        unis, multis = key_tokens(asked)
        answer_clause = max((coverage(c, unis, multis) for c in clauses(best.text)
                             if answer_figures[0] in figures(c)), default=0.0)
        for other in scored[1 : tuning.CONFLICT_CANDIDATES + 1]:
            floor = max(tuning.CONFLICT_MIN_COVERAGE, best.coverage - tuning.CONFLICT_MARGIN)
            if other.text == best.text or not other.typed or other.coverage < floor:
                continue
            near = focus_clauses(other.text, asked, weight)
            theirs = {f for f in map(canonical_figure, (m.group() for m in FIGURE_RE.finditer(near)))
                      if f.endswith("%") == share}
            # the other figure must be about what was asked as much as the answer is (出租率達八成 is the
            # occupancy, 擴容七成 is not; 首期入駐率約九成 does not answer 二期擴大了多少)
            about = max((coverage(c, unis, multis) for c in clauses(other.text) if figures(c) & theirs),
                        default=0.0)
            # a share disagrees with a share of the same measure: 入駐率約九成 with 出租率達八成, not the 四成 that come
            # from overseas or the floor area enlarged by 七成
            same = not share or any(is_rate(other.text, m.start()) == rate for m in FIGURE_RE.finditer(other.text)
                                    if canonical_figure(m.group()) in theirs)
            if theirs and answer_figures[0] not in theirs and same \
                    and about >= tuning.CONFLICT_RELEVANCE * answer_clause:
                chosen.append(other)
                break
    return Extraction(short, chosen, premise)
