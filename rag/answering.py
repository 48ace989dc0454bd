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
from .index import chunk_context
from .messages import DISAGREE, NEAREST, REFUSAL
from .retrieval import strip_scaffolding
from .types import Answer, AnswerSentence, Chunk, Citation, Hit
from .zh import han_count, normalize, to_script, to_simplified, tokenize

# --- question types ----------------------------------------------------------------------------------------

_QTYPES: list[tuple[str, re.Pattern[str]]] = [
    ("rank", re.compile(r"第幾|第几|排名|排第|rank|place", re.I)),
    ("quantity", re.compile(r"多少|幾多|几多|幾[個家所項成年位名間]|几[个家所项成年位名间]|幾|几|比例|百分|"
                            r"(?<![許许很更最太])多[大長长高遠远重久快](?=[？?的呢]|$|以前|一次|內|内|時間|时间)|"
                            r"how (many|much|big|large|long|high|far)|what (percentage|share|proportion)|number of|"
                            r"rate", re.I)),
    ("time", re.compile(r"何時|何时|幾時|几时|幾月|几月|哪一?年|哪個月|哪个月|甚麼時候|什麼時候|什么时候|日期|"
                        r"when|(what|which) (month|year|day)|what (exact )?date|which date", re.I)),
    ("person", re.compile(r"誰|谁|哪位|記者|记者|作者|who\b|whom|author|reporter|wrote", re.I)),
]

_NUM = r"(?:\d[\d,，.]*|[零〇一二兩两三四五六七八九十百千]+)"
_SPAN_PATTERNS: dict[str, re.Pattern[str]] = {
    "quantity": re.compile(
        rf"(?:約|约|近|接近|超過|超过|超|逾|達|达|共|僅|仅|過|过|數|数)?{_NUM}\s*"
        r"(?:%|％|成|餘家|余家|家|所|項|项|萬|万|億|亿|港元|元|平方米|年|個|个|名|位|款|倍|座|間|间|"
        r"平方公里|公里|公尺|公分|米|英里|小時|小时|天|週)+"
    ),
    "time": re.compile(rf"(?:今年|去年|明年|{_NUM}年)?{_NUM}月|{_NUM}年|今年|去年|過去一年|过去一年|十年間|十年间"),
    "rank": re.compile(rf"(?:全球|世界|亞洲|亚洲)?第{_NUM}|世界第一|全球榜首|榜首|世一"),
    "person": re.compile(r"(?:大公報|大公报)?記者\s*\S{2,4}|记者\s*\S{2,4}"),
}



_INTERROGATIVE_RE = re.compile(r"甚麼|什麼|什么|甚么|哪|誰|谁|何|怎|幾|几|多少|嗎|吗|是否|"
                               r"\b(what|which|who|how|when|where|why)\b", re.I)


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
    coverage: float  # share of the question's key tokens found in the sentence or its place on the page (0..1)
    score: float
    sim: float = 0.0  # dense cosine of question and sentence
    typed: bool = False  # holds a span of the asked-for type (and unit)


def _key_tokens(question: str) -> tuple[set[str], set[str]]:
    toks = tokenize(strip_scaffolding(question))
    return {t for t in toks if len(t) == 1 and han_count(t)}, {t for t in toks if len(t) > 1}


TermWeight = Callable[[str], float]


def _flat(_: str) -> float:
    return 1.0


def _coverage(sentence: str, unis: set[str], multis: set[str], weight: TermWeight = _flat) -> float:
    """Weighted share of the question's key tokens that ``sentence`` contains.

    Bigrams and words (names, figures) say more than single characters; ``weight`` (the corpus IDF) makes a
    rare term such as 參數 count more than one the whole page repeats (香港, 創科).
    """
    if not unis and not multis:
        return 0.0
    toks = set(tokenize(sentence))
    total = sum(2.0 * weight(t) for t in multis) + sum(0.5 * weight(t) for t in unis)
    got = sum(2.0 * weight(t) for t in multis & toks) + sum(0.5 * weight(t) for t in unis & toks)
    return got / total if total else 0.0


_UNIT_RE = re.compile(r"(?:多少|幾多|几多|幾|几)\s*([個个家所項项宗名位間间款座倍歲岁])")
_MONEY_RE = re.compile(r"預算|预算|資金|资金|金額|金额|多少錢|多少钱|投資了|投资了|投放|撥款|拨款|"
                       r"how much money|budget|invest")
_ORG_Q_RE = re.compile(r"哪個機構|哪个机构|哪家|哪間|哪间|哪個組織|哪个组织|甚麼機構|什么机构|"
                       r"which (company|organi[sz]ation|institution|university|body)|"
                       r"who (made|designed|developed|built|publishe?d?|compiled)", re.I)
_ORG_RE = re.compile(r"組織|组织|機構|机构|政府|大學|大学|高校|公司|實驗室|实验室|委員會|委员会|研究院|"
                     r"學會|学会|集團|集团")
_TIME_RE = re.compile(r"\d{4}年|[0-9一二三四五六七八九十]+月|[0-9一二三四五六七八九十]+日|"
                      r"今年|去年|明年|早前|上半年|下半年")


_NAMES_Q_RE = re.compile(r"名字|名稱|名称|叫甚麼|叫什么|叫甚么|分別是|分别是|哪幾所|哪几所|哪幾間|哪几间|名單|名单|"
                         r"what (is|are) the names?|which ones|name (of|the)", re.I)
_NAMES_RE = re.compile(r"「[^」]{1,30}」|《[^》]{1,30}》|[A-Z][A-Za-z0-9-]+|記者\s*\S{2,4}|记者\s*\S{2,4}")
# a question about another period than the one the article reports on needs that period in the sentence
_PERIOD_Q_RE = re.compile(r"前一年|上一年|去年|明年|預計|预计|將於|将于|何時完成|何时完成|落成|迄今|至今|"
                          r"目前為止|目前为止|previous year|last year|next year|expected|will be|so far|to date", re.I)
# names the question is about (HKGAI V3, 「獅子山芯」): the passage must mention them
_ENTITY_RE = re.compile(r"「([^」]{2,20})」|《([^》]{2,20})》|\b([A-Z][A-Za-z0-9]*(?:[ -][A-Z0-9][A-Za-z0-9]*)*)\b")


def entities(question: str) -> list[str]:
    """Quoted terms and Latin-script names in a Chinese question (an English question is all Latin)."""
    if han_count(question) < 2:
        return []
    return [next(g for g in m.groups() if g) for m in _ENTITY_RE.finditer(question)]


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，,；;：:。！？!?]", text) if c.strip()]


def typed_ok(text: str, question: str, qtype: str, weight: TermWeight = _flat) -> bool:
    """Does ``text`` hold what the question asks for: a figure with the asked unit (in the clause that carries
    the question's most specific term), a time, an organisation, names, the period asked about?"""
    period = _PERIOD_Q_RE.search(question)
    if period and normalize(period.group()) not in normalize(text):
        return False
    if _NAMES_Q_RE.search(question) and not _NAMES_RE.search(text):
        return False
    if _ORG_Q_RE.search(question):
        return bool(_ORG_RE.search(text))
    if qtype == "time":
        return bool(_TIME_RE.search(text))
    if qtype == "quantity":
        spans = quantity_spans(_focus_clauses(text, question, weight), question)
        if _MONEY_RE.search(question):
            return any(u in sp for sp in spans for u in "元億亿萬万")
        unit = _UNIT_RE.search(question)
        if unit:
            return any(normalize(unit.group(1)) in normalize(sp) for sp in spans)
        return bool(spans)
    if qtype == "rank":
        return bool(_SPAN_PATTERNS["rank"].search(text))
    return True


_YEARS_Q_RE = re.compile(r"多少年|幾年|几年|幾多年|几多年|多久|多長時間|多长时间|how many years|how long", re.I)


def quantity_spans(text: str, question: str) -> list[str]:
    """Figures with a unit in ``text``; a number of years (過去一年, 十年間) only when years are asked for."""
    spans = [m.group() for m in _SPAN_PATTERNS["quantity"].finditer(text)]
    if _YEARS_Q_RE.search(question):
        return spans
    return [sp for sp in spans if "年" not in sp]


def _focus_clauses(text: str, question: str, weight: TermWeight) -> str:
    """The clauses of ``text`` holding the question's most specific term that the text contains (過去一年新增
    多少家: the figure must sit beside 新增, not beside 初創 elsewhere in the sentence)."""
    _, multis = _key_tokens(question)
    toks = set(tokenize(text))
    present = [t for t in multis if t in toks]
    if not present:
        return text
    top = max(map(weight, present))
    keys = {t for t in present if weight(t) >= 0.85 * top}
    clauses = _clauses(text)
    # a key term's clause and the one after it (十年間，香港初創企業從千餘家…)
    picked = {j for i, c in enumerate(clauses) if keys & set(tokenize(c)) for j in (i, i + 1)}
    return "，".join(clauses[i] for i in sorted(picked) if i < len(clauses)) or text


FOCUS_SHARE = 0.7
# swept on half of DRCD dev (answer sentence chosen, 1,762 questions): SIM_WEIGHT 0.1-0.8, TYPED_BONUS
# 0.05-0.3, RANK_BONUS 0.05-0.2, INHERIT 0-0.7, CATEGORY_BOOST 1-3, LIST_BONUS 0-0.2 all within 0.774-0.782
SIM_WEIGHT = 0.25  # of the dense similarity of question and sentence (Chinese questions; coverage weighs 1)
TYPED_BONUS = 0.15
RESTATED = 1  # a sentence adding fewer new characters than this to the question only restates it
RANK_BONUS = 0.1  # / (1 + the passage's rank)
# an English question: coverage of its terms' Chinese renderings and the encoder's similarity (swept 0.12-0.5
# on the article set's English questions: 0.25-0.35 a plateau)
CROSS_COVERAGE_WEIGHT = 0.3
CROSS_SIM_WEIGHT = 0.6
LIST_BONUS = 0.1
CONFLICT_RELEVANCE = 0.5  # a disagreeing figure's clause covers at least this share of the answer clause's
CATEGORY_BOOST = 2.0

# a question that asks for several things, and a sentence that lists several (X、Y、Z)
_LIST_Q_RE = re.compile(r"哪些|哪幾|哪几|有哪|分別|分别|\bwhich \w+s\b|\bwhat (are|were)\b", re.I)
_ENUMERATION_RE = re.compile(r"[^、，。；]{2,12}、[^、，。；]{2,12}")
# 深圳扮演什麼角色 asks for a 角色: the noun after the interrogative names the kind of answer
_CATEGORY_RE = re.compile(r"(?:甚麼|什麼|什么|甚么|哪些|哪個|哪个|哪種|哪种|哪類|哪类|哪一)(?:的)?([\u4e00-\u9fff]{2})")


def answer_category(question: str) -> set[str]:
    """The tokens of the noun right after the interrogative (什麼角色 -> {角色}); empty when there is none."""
    m = _CATEGORY_RE.search(question)
    if not m:
        return set()
    return {t for t in tokenize(m.group(1)) if len(t) > 1}


def asking_clause_terms(question: str) -> set[str]:
    """The terms only the interrogative clause of a question of several clauses holds.

    In 深港穗集群能夠登頂全球創新指數，報道指它憑藉了哪些方面的表現？ the first clause is what the asker takes as
    known and 憑藉 is what is asked about: the answer sentence need not repeat 登頂.
    """
    clauses = _clauses(question)
    asking = [c for c in clauses if _INTERROGATIVE_RE.search(c)]
    if len(clauses) < 2 or len(asking) != 1:
        return set()
    _, own = _key_tokens(asking[0])
    _, rest = _key_tokens("，".join(c for c in clauses if c is not asking[0]))
    return own - rest


def _boosted(weight: TermWeight, terms: set[str]) -> TermWeight:
    return lambda t: weight(t) * (CATEGORY_BOOST if t in terms else 1.0)


INHERIT = 0.5


def _ranking_coverage(seen: str, previous: str, cover: Callable[[str], float]) -> float:
    """Coverage of a sentence, where terms only its previous sentence holds count ``INHERIT``.

    A sentence leans on the one before it: ``基金核心定位並非短期盈利，而是引導社會資本…`` answers 那個一百億港元
    的引導基金，核心定位是甚麼 but names neither 百億 nor 引導基金; the sentence before it does.
    """
    own = cover(seen)
    if not previous:
        return own
    return own + INHERIT * max(0.0, cover(f"{seen} {previous}") - own)


def _group_coverage(sentence: str, groups: Sequence[tuple[str, ...]], weight: TermWeight = _flat) -> float:
    """Share of an English question's terms the sentence holds, a term being held when any of its Chinese
    renderings is (innovation -> 创新 / 原创 / 孵化 is one term, not three the sentence must all hold)."""
    text = normalize(sentence)
    total = got = 0.0
    for group in groups:
        w = max((weight(t) for alt in group for t in tokenize(alt) if len(t) > 1), default=1.0)
        total += w
        got += w if any(normalize(alt) in text for alt in group) else 0.0
    return got / total if total else 0.0


def score_sentences(question: str, hits: Sequence[Hit], qtype: str,
                    dense_sims: Callable[[list[str]], np.ndarray] | None = None, *, focus: str = "",
                    cross_lingual: bool | None = None, weight: TermWeight = _flat,
                    groups: Sequence[tuple[str, ...]] = ()) -> list[ScoredSentence]:
    """Every sentence of the top passages, scored by key-term coverage, answer type and passage rank.

    ``question`` supplies the key terms (for a follow-up: the rewritten query; for English: with its Chinese
    expansion); ``focus`` is the user's own latest question, whose terms must weigh as much as the history's;
    ``groups``: for an English question, the Chinese renderings of each of its terms (coverage counts terms).
    """
    unis, multis = _key_tokens(question)
    # an English question's own words match no Chinese sentence: its terms are counted through ``groups``
    funis, fmultis = _key_tokens(focus) if focus and focus != question and not groups else (set(), set())
    if cross_lingual is None:
        cross_lingual = han_count(question) < 2
    wants_list = bool(_LIST_Q_RE.search(focus or question))
    boost = answer_category(focus or question) | asking_clause_terms(focus or question)
    if boost:
        weight = _boosted(weight, boost)
    candidates: list[tuple[int, int, int, str, str, str]] = []
    for hi, hit in enumerate(hits):
        context = chunk_context(hit.chunk)
        previous = ""
        for s, e in split_sentences(hit.chunk.text):
            text = hit.chunk.text[s:e]
            candidates.append((hi, s, e, text, context, previous))
            previous = text
    sims = dense_sims([c[3] for c in candidates]) if (dense_sims and candidates) else None
    out: list[ScoredSentence] = []
    for j, (hi, s, e, text, context, previous) in enumerate(candidates):
        seen = f"{context} {text}"
        # flat coverage decides refusal; IDF-weighted coverage ranks (角色 says more than 集群 here)
        if groups:
            cov = _group_coverage(seen, groups)
            rank_cov = _ranking_coverage(seen, previous, lambda t: _group_coverage(t, groups, weight))
        else:
            cov = _coverage(seen, unis, multis)
            rank_cov = _ranking_coverage(seen, previous, lambda t: _coverage(t, unis, multis, weight))
        if funis or fmultis:
            cov = 0.5 * cov + 0.5 * _coverage(seen, funis, fmultis)
            # the user's own words rank: 那二期呢 is about 二期 even though the history says 首期
            rank_cov = ((1 - FOCUS_SHARE) * rank_cov
                        + FOCUS_SHARE * _ranking_coverage(seen, previous,
                                                          lambda t: _coverage(t, funis, fmultis, weight)))
        sim = float(sims[j]) if sims is not None else 0.0
        typed = typed_ok(text, focus or question, qtype, weight)
        names = entities(focus or question)
        if names and not all(normalize(n) in normalize(seen + hits[hi].chunk.text) for n in names):
            typed = False  # the passage is not about the thing asked about
        if cross_lingual:
            score = CROSS_COVERAGE_WEIGHT * rank_cov + CROSS_SIM_WEIGHT * sim
        else:
            score = rank_cov + SIM_WEIGHT * sim
        score += TYPED_BONUS * typed + RANK_BONUS / (1 + hi)  # the retriever's order breaks ties
        if wants_list and _ENUMERATION_RE.search(text):
            score += LIST_BONUS  # 哪些賽道: 人工智能、生命健康、低空經濟、微電子等前沿賽道
        out.append(ScoredSentence(hi, s, e, text, cov, score, sim, typed))
    out.sort(key=lambda x: -x.score)
    return out


def extract_span(sentence: str, question: str, qtype: str, weight: TermWeight = _flat) -> str:
    """The short answer inside ``sentence``: a span of the asked-for type nearest the question's terms,
    else the clause that carries the most question terms."""
    clauses = [c for c in re.split(r"[，,；;：:]", sentence.strip("。！？!?")) if c.strip()]
    unis, multis = _key_tokens(question)
    pattern = _SPAN_PATTERNS.get(qtype)
    if pattern is not None:
        ranked = sorted(clauses, key=lambda c: -_coverage(c, unis, multis, weight))
        unit = _UNIT_RE.search(question) if qtype == "quantity" else None
        for clause in ranked:
            spans = list(pattern.finditer(clause))
            if qtype == "quantity" and not _YEARS_Q_RE.search(question):
                spans = [m for m in spans if "年" not in m.group()]
            if unit:  # 多少家 wants 79家, not the 九成 beside it
                spans = [m for m in spans if normalize(unit.group(1)) in normalize(m.group())]
            if spans:
                # 從千餘家躍升至近4700家: the figure it rose to is the current one
                later = [m for m in spans if clause[max(0, m.start() - 1) : m.start()] in ("至", "到", "達", "达")]
                return (later or spans)[0].group().strip()
    if not clauses:
        return sentence.strip()
    if qtype in ("what", "person") and han_count(question) >= 2 and not _WHY_RE.search(question):
        slot = slot_span(sentence, question)
        if slot:
            return slot
    best = max(clauses, key=lambda c: _coverage(c, unis, multis, weight)).strip().lstrip("-▲▼ ").strip()
    return novel_span(best, question) or best


_WH_RE = re.compile(r"哪一?[個个位種种類类座間间所家條条本部項项名支國国]?|什麼|什么|甚麼|甚么|誰|谁|"
                    r"何時|何时|何年|何處|何处|何地|何種|何种|何人|多少|幾|几")
_WHY_RE = re.compile(r"為甚麼|為什麼|为什么|为甚么|為何|为何|原因|怎樣|怎样|如何")
_SLOT_STOP_RE = re.compile(r"[，,。！？!?；;：:「」『』《》()（）\"“”]")
# a quoted term is one unit: 追求「更高效、更睿智、更本地」 answers 追求甚麼 with what the quotes hold
_QUOTED_AFTER_RE = re.compile(r"[\s的是为為]*[「『《“]([^「」『』《》“”]{1,30})[」』》”]")
_QUOTED_BEFORE_RE = re.compile(r"[「『《“]([^「」『』《》“”]{1,30})[」』》”]\s*$")


def _simplified_same_length(text: str) -> str:
    simple = to_simplified(text).lower()
    return simple if len(simple) == len(text) else "".join(to_simplified(ch).lower()[:1] or ch for ch in text)


def slot_span(sentence: str, question: str, max_chars: int = 20) -> str:
    """The part of ``sentence`` that fills the question's interrogative slot.

    A question is mostly its answer sentence with the answer replaced by 誰 / 哪個 / 甚麼: the words just
    before the interrogative and just after it anchor the answer in the sentence. ``第一座電報機是由威廉·庫克和誰
    展出的`` in ``…由威廉·庫克和查爾斯·惠斯通展出…`` gives ``查爾斯·惠斯通``. With one anchor found, the span runs
    from it to the clause's edge. ``""`` when neither anchor is in the sentence or the span is too long.
    """
    q = _simplified_same_length(question).rstrip("?？。! ")
    m = _WH_RE.search(q)
    if not m:
        return ""
    left = re.split(r"[，,、？?]", q[: m.start()])[-1]
    right = re.split(r"[，,、？?]", q[m.end() :])[0]
    if len(left) > 2:  # 躋身了全球創新的哪個梯隊: the sentence says 全球創新第一梯隊
        left = re.sub(r"(的|是|了|为|在)+$", "", left)
    if len(right) > 2:
        right = re.sub(r"^(的|是|呢|为)+", "", right)
    s = _simplified_same_length(sentence)
    start = end = None
    for n in range(min(len(left), 8), 1, -1):
        i = s.find(left[-n:])
        if i >= 0:
            start = i + n
            break
    for n in range(min(len(right), 8), 1, -1):
        j = s.find(right[:n], start or 0)
        if j >= 0:
            end = j
            break
    if start is None and end is None:
        return ""
    quoted = (_QUOTED_AFTER_RE.match(s, start) if start is not None else
              _QUOTED_BEFORE_RE.search(s[:end]) if end is not None else None)
    if quoted:
        return sentence[quoted.start(1):quoted.end(1)]
    if start is None:
        edges = [x.end() for x in _SLOT_STOP_RE.finditer(s[:end])]
        start = edges[-1] if edges else 0
    elif end is None:
        edge = _SLOT_STOP_RE.search(s, start)
        end = edge.start() if edge else len(s)
    if not 0 < end - start <= max_chars:
        return ""
    span = sentence[start:end].strip(" 的是為为了在於于，,、")
    return span if span and not _SLOT_STOP_RE.search(span) else ""


_SPAN_PUNCT = set("，,。！？!?；;：:、「」『』《》()（）\"'“”‘’ ")


def _said_by(text: str, question: str) -> list[bool]:
    """For each character of ``text``: is it part of a character bigram the question also has (compared in
    Simplified script, lower case)?"""
    simple = _simplified_same_length(text)
    q = to_simplified(question).lower()
    q_bigrams = {q[i : i + 2] for i in range(len(q) - 1)}
    said = [False] * len(text)
    for i in range(len(text) - 1):
        if simple[i : i + 2] in q_bigrams:
            said[i] = said[i + 1] = True
    return said


def new_chars(text: str, question: str) -> int:
    """How many characters of ``text`` (punctuation aside) the question's character bigrams do not cover."""
    return sum(1 for ch, said in zip(text, _said_by(text, question)) if not said and ch not in _SPAN_PUNCT)


def novel_span(clause: str, question: str, min_chars: int = 2) -> str:
    """The longest run of ``clause`` that the question does not already say.

    An answer is what the passage adds to the question: in ``陸特和漢斯雷頓開創了歐洲學派`` asked as
    ``陸特和漢斯雷頓開創了哪個學派？`` that is ``歐洲``. Characters are compared in Simplified script, through the
    question's character bigrams; ``""`` when no run of ``min_chars`` characters is left.
    """
    said = _said_by(clause, question)
    best, start = "", None
    for i, ch in enumerate([*clause, "，"]):
        if i < len(clause) and not said[i] and ch not in _SPAN_PUNCT:
            start = i if start is None else start
            continue
        if start is not None and i - start > len(best):
            best = clause[start:i]
        start = None
    return best if len(best) >= min_chars and len(best) < len(clause) else ""


_FIGURE_RE = re.compile(r"\d[\d,.]*\s*(?:%|成)?|[一二三四五六七八九十]成")


def _canonical_figure(fig: str) -> str:
    fig = normalize(fig).replace(" ", "")
    if fig.endswith("成") and fig[:-1].isdigit():  # 九成 = 9成 = 90%
        return f"{int(fig[:-1]) * 10}%"
    return fig


def figures(text: str) -> set[str]:
    """The figures a passage states, in one canonical form (4,700 = 4700, 九成 = 9成 = 90%)."""
    return {_canonical_figure(m.group()) for m in _FIGURE_RE.finditer(text)}


@dataclass(frozen=True)
class Extraction:
    short: str
    sentences: list[ScoredSentence]  # the quoted sentences, first is the answer
    refused: bool


@dataclass(frozen=True)
class RefusalPolicy:
    """When to say the article does not say. Calibrated on eval/data/article_qa.jsonl (see README)."""

    min_coverage: float = 0.2  # Chinese questions: key-term coverage of the answer sentence
    min_cross_sim: float = 0.3  # English questions: dense similarity when coverage of the expansion is low
    min_cross_coverage: float = 0.25
    type_margin: float = 0.15  # a typed sentence may trail the best one by this much coverage


def extract(question: str, hits: Sequence[Hit], *, dense_sims: Callable[[list[str]], np.ndarray] | None = None,
            focus: str = "", cross_lingual: bool | None = None, weight: TermWeight = _flat,
            policy: RefusalPolicy = RefusalPolicy(), groups: Sequence[tuple[str, ...]] = ()) -> Extraction:
    """Choose the answer sentence (and any disagreeing one) or decide to refuse.

    ``question``: the text whose terms must be covered (rewritten / expanded query); ``focus``: the user's
    latest question as typed (decides the question type).
    """
    if not hits:
        return Extraction("", [], True)
    asked = focus or question
    qtype = question_type(asked)
    if qtype == "what" and focus and focus != question and not _INTERROGATIVE_RE.search(focus):
        qtype = question_type(question)  # 那二期呢？ asks what the earlier turn asked: 入駐率是多少
    if cross_lingual is None:
        cross_lingual = han_count(asked) < 2
    scored = score_sentences(question, hits, qtype, dense_sims, focus=focus, cross_lingual=cross_lingual,
                             weight=weight, groups=groups)
    if not scored:
        return Extraction("", [], True)
    best = scored[0]
    if not best.typed:
        # prefer a sentence that holds the asked-for kind of answer if it covers the question nearly as well
        typed = [s for s in scored[:8] if s.typed and s.coverage >= best.coverage - policy.type_margin]
        if typed:
            best = typed[0]
    if cross_lingual:
        refused = best.coverage < policy.min_cross_coverage and best.sim < policy.min_cross_sim
    else:
        refused = best.coverage < policy.min_coverage
    refused = refused or not best.typed
    if refused:
        return Extraction("", [best], True)
    if new_chars(best.text, asked) < RESTATED and not cross_lingual:
        # the sentence only says what the question says (a label line 我們的特區, a premise repeated word for
        # word): what the question asks is in the sentence that follows it
        following = next((x for x in scored if x.hit_index == best.hit_index and x.start > best.end), None)
        if following is not None:
            best = following
    short = extract_span(best.text, asked if not cross_lingual else question, qtype, weight)
    chosen = [best]
    answer_figures = [_canonical_figure(m.group()) for m in _FIGURE_RE.finditer(short)]
    if answer_figures:
        # another passage that answers the same question with another figure of the same kind: cite it too
        share = answer_figures[0].endswith("%")
        unis, multis = _key_tokens(asked)
        answer_clause = max((_coverage(c, unis, multis) for c in _clauses(best.text)
                             if answer_figures[0] in figures(c)), default=0.0)
        for other in scored[1:6]:
            if other.text == best.text or not other.typed or other.coverage < max(policy.min_coverage,
                                                                                  best.coverage - 0.45):
                continue
            near = _focus_clauses(other.text, asked, weight)
            theirs = {f for f in map(_canonical_figure, (m.group() for m in _FIGURE_RE.finditer(near)))
                      if f.endswith("%") == share}
            # the other figure must be about what was asked as much as the answer is (出租率達八成 is the
            # occupancy, 擴容七成 is not; 首期入駐率約九成 does not answer 二期擴大了多少)
            about = max((_coverage(c, unis, multis) for c in _clauses(other.text) if figures(c) & theirs),
                        default=0.0)
            if theirs and answer_figures[0] not in theirs and about >= CONFLICT_RELEVANCE * answer_clause:
                chosen.append(other)
                break
    return Extraction(short, chosen, False)


_EN_NUM_RE = re.compile(r"\d[\d,.]*\s*%?|[一二三四五六七八九十]成")


def english_short(short: str) -> str:
    """For an English question: the figure (or Latin name) in English first, the article's words after it.

    ``接近4700家`` -> ``4700 (接近4700家)``, ``約九成`` -> ``90% (約九成)``,
    ``100億港元`` -> ``HK$10 billion (100億港元)``.
    """
    if "億港元" in short or "亿港元" in short:
        m = re.search(r"(\d+|百)\s*[億亿]", normalize(short))
        if m:
            value = 100 if m.group(1) == "百" else int(m.group(1))
            return f"HK${value / 10:g} billion ({short})"
    latin = re.findall(r"[A-Za-z][A-Za-z0-9-]*(?: [A-Z0-9][A-Za-z0-9-]*)*", short)
    if latin:
        name = max(latin, key=len)
        return short if name == short.strip() else f"{name} ({short})"
    rank = re.search(r"第(\d+)", normalize(short))
    if rank:
        n = int(rank.group(1))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} ({short})"
    m = _EN_NUM_RE.search(short)
    if m:
        return f"{_canonical_figure(m.group())} ({short})"
    return short


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
            citations = (_citation(1, hit, near, quote_found=False),)
        return Answer(question, to_script(text, script), citations, True, tuple(hits), "", query or question,
                      script, (AnswerSentence(to_script(text, script), tuple(c.n for c in citations), True),))
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
        sentences.append(AnswerSentence(f"Answer: {english_short(short)} [1]", (1,)))
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


def _citation(n: int, hit: Hit, sent: ScoredSentence, quote_found: bool = True) -> Citation:
    c = hit.chunk
    return Citation(n, c.id, c.text, c.start, c.end, c.section, c.kind, c.text[sent.start:sent.end], quote_found)


# --- questions about a part of the page as a whole ---------------------------------------------------------

# 事實欄列出了哪八個項目？ / What are the sub-headings? asks for the part's items, which no single passage holds
_PAGE_PARTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("fact", "the fact box", re.compile(r"事實欄|事实栏|資料欄|资料栏|fact ?box|facts? (?:panel|column)", re.I)),
    ("heading", "the sub-headings", re.compile(r"小標題|小标题|副標題|副标题|sub-?headings?", re.I)),
    ("caption", "the photo captions", re.compile(r"圖片說明|图片说明|圖說|图说|(?:photo |picture )?captions?", re.I)),
)
_LISTING_RE = re.compile(r"哪些|哪幾|哪几|哪[一二三四五六七八九十兩两\d]+\s*[個个項项條条]|列出|列舉|列举|"
                         r"有甚麼|有什麼|有什么|有甚么|\bwhat (?:are|were|does|do)\b|\bwhich\b|\blist\b|"
                         r"\bname (?:the|all)\b", re.I)
# what a listing question may say besides the part and the request: nothing about any item's content
_LISTING_FILLER_RE = re.compile(r"[一二三四五六七八九十兩两\d]+|項目|项目|項|项|個|个|條|条|列出|列舉|列举|"
                                r"包括|包含|分別|分别|有|了|的|是|都|哪|些|幾|几|甚麼|什麼|什么|甚么|文章|文中|版面|這篇|这篇|上|中|裡|里|"
                                r"\b(?:what|which|are|were|is|the|of|in|on|this|page|article|items?|entries|list|"
                                r"name|all|does|do|show|shows|contain|contains|there)\b", re.I)


def page_part_listing(question: str, chunks: Sequence[Chunk]) -> tuple[str, list[Chunk]]:
    """For a question that asks to list a part of the page (事實欄列出了哪八個項目), the part's name and its
    chunks in page order; ``("", [])`` for any other question (事實欄的創科主體活力一項提到哪些成就 asks about an
    item's content) or when the page has no such part."""
    if not _LISTING_RE.search(question):
        return "", []
    for kind, name, pattern in _PAGE_PARTS:
        m = pattern.search(question)
        if not m:
            continue
        rest = _LISTING_FILLER_RE.sub(" ", _LISTING_RE.sub(" ", pattern.sub(" ", question)))
        if han_count(rest) > 1 or re.search(r"[A-Za-z]{3,}", rest):
            return "", []
        return (m.group() if han_count(m.group()) else name), [c for c in chunks if c.kind == kind]
    return "", []


def _item_label(chunk: Chunk) -> str:
    if chunk.kind == "fact" and chunk.section:
        return chunk.section
    return chunk.text.strip().lstrip("▲▼△▽ ").strip()


def compose_listing(question: str, script: str, part: str, chunks: Sequence[Chunk], *, query: str = "") -> Answer:
    """The items of a part of the page, each cited: 事實欄共8項：全球排名[1]、國家級科研平台[2]…"""
    labels = [_item_label(c) for c in chunks]
    citations = tuple(Citation(n, c.id, c.text, c.start, c.end, c.section, c.kind, label)
                      for n, (c, label) in enumerate(zip(chunks, labels), start=1))
    if script == "en":
        items = ", ".join(f"{label} [{n}]" for n, label in enumerate(labels, start=1))
        text = f"{part[0].upper()}{part[1:]} ({len(labels)} items): {items}."
    else:
        items = "、".join(f"{label}[{n}]" for n, label in enumerate(labels, start=1))
        text = to_script(f"{part}共{len(labels)}項：{items}。", script)
    hits = tuple(Hit(c, 1.0, rank) for rank, c in enumerate(chunks, start=1))
    sentence = AnswerSentence(text, tuple(c.n for c in citations))
    return Answer(question, text, citations, False, hits, to_script("、".join(labels), script), query or question,
                  script, (sentence,))
