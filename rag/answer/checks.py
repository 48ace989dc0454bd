"""Can the article answer the question? Named evidence checks on the best answer sentence, weighed by a
logistic model fitted on DRCD dev and unanswerable questions derived from it (``python -m eval.answerability``).

Each check is a number in [0, 1] that says one thing about the evidence:

- ``coverage``: the share of the question's key terms the sentence and its place on the page hold;
- ``focus``: the share of the thing asked about (通脹率 in 香港的通脹率是多少) that the sentence, its passage or
  its section holds;
- ``entities``: whether every place, organisation or name the question is constrained to is there (a
  question about 珠海 must not borrow Hong Kong's figure), and every place it asks about by number is in the
  sentence (排名第二的 must not borrow 第一); a document's own subject (its title, or a place most of its
  passages name, 香港 here) counts as present everywhere in it;
- ``typed``: for a question asking for a quantity, time, rank or person, whether the sentence holds a span of
  that type (a figure with the asked unit, a time...) and the statistic it names (通脹率); for a question
  asking for several things (哪些, 分別是), whether it names several; 1 otherwise;
- ``similarity``: the encoder's cosine of question and sentence;
- ``words``: the IDF-weighted share of the question's content words (segmented, not character n-grams) that
  the passage and its context hold;
- ``known``: the share of the question's content words found anywhere in the corpus (通脹率 is nowhere on this
  page).

The entity check is also a rule of its own (``answers`` in rag/pipeline.py): a question naming a place the
evidence does not name is refused whatever the model says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from .. import tuning
from ..crosslingual import content_words, is_stopword, page_renderings, unrendered_words
from ..evidence import (
    INTERROGATIVE_RE,
    UNIT_RE,
    answer_category,
    asks_name,
    asks_names,
    asks_organisation,
    counted_or_shared,
    has_new_name,
    names_agent,
    names_several,
)
from ..question import PLACES, PLACES_JOINED_RE, Entity, Question, analyze, without_how_about
from ..types import Chunk
from ..zh import EN_ROUND, amounts, char_bigrams, cn_to_int, figures, normalize, tokenize

CHECKS = ("coverage", "focus", "entities", "typed", "similarity", "words", "known", "gap")


@dataclass(frozen=True)
class Checks:
    coverage: float
    focus: float
    entities: float
    typed: float
    similarity: float
    words: float
    known: float
    gap: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in asdict(self).items()}


def focus_share(focus: str, evidence: str) -> float:
    """Share of ``focus``'s character bigrams found in ``evidence`` (1.0 for an empty focus)."""
    grams = char_bigrams(focus)
    if not grams:
        return 1.0
    return len(grams & char_bigrams(evidence)) / len(grams)


def implicit_subjects(chunks: Sequence[Chunk], titles: dict[str, str]) -> dict[str, set[str]]:
    """Per document, the entities it is about as a whole: its title and any place named in at least
    ``tuning.IMPLICIT_SUBJECT_SHARE`` of its passages (香港 on this page)."""
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    out: dict[str, set[str]] = {}
    for doc, cs in by_doc.items():
        counts = Counter(p for c in cs for p in PLACES if p in c.text)
        subjects = {p for p, n in counts.items() if n >= tuning.IMPLICIT_SUBJECT_SHARE * len(cs)}
        if titles.get(doc):
            subjects.add(titles[doc])
        out[doc] = subjects
    return out


# one-character names of places in compounds: 深港穗 is 深圳, 香港 and 廣州; 粵港澳 holds 香港 and 澳門
ABBREVIATIONS = {"深圳": "深", "香港": "港", "廣州": "穗", "東莞": "莞", "珠海": "珠", "澳門": "澳", "廣東": "粵"}
SHORT_FORMS = {"大灣區": "灣區"}  # a place's short name the page may use alone
# a place that wider words take in: talent from overseas (海外科技人才) is the page's 全球創科人才
WIDER = {"海外": ("全球", "國際", "世界各地")}
_COMPOUND_RE = re.compile(f"[{''.join(ABBREVIATIONS.values())}]{{2,}}")


def answer_clause(sentence: str, short: str) -> str:
    """The clause of ``sentence`` holding the answer ``short`` (``""`` when none does)."""
    return next((c for c in re.split(r"[，,；;。：:]", sentence) if short in c), "")


def missing_entities(entities: Sequence[Entity], evidence: str, subjects: set[str], *,
                     groups: bool = True) -> list[Entity]:
    """The question's entities that neither the evidence nor the document's own subject holds; ``groups``: a
    group's short name counts for its places (深港穗 for 廣州), unless the question asks about a place alone."""
    text = normalize(evidence)
    if not groups:  # 「深圳—香港—廣州」創新集群 is a group of the three, not 深圳 by itself
        text = PLACES_JOINED_RE.sub(" ", text)
    compounds = "".join(_COMPOUND_RE.findall(evidence))
    missing = []
    for e in entities:
        # the subject stands for a place inside it (香港特區 is 香港), not for an organisation (香港中文大學)
        if normalize(e.text) in text or any(e.text in s or (e.kind == "place" and s in e.text) for s in subjects if s):
            continue
        if groups and e.kind == "place" and ABBREVIATIONS.get(e.text, "#") in compounds:
            continue
        if e.kind == "place" and normalize(SHORT_FORMS.get(e.text, "#")) in text:
            continue  # 大灣區創新集群 is the page's 灣區國際創新集群
        if e.kind == "place" and any(normalize(w) in text for w in WIDER.get(e.text, ())):
            continue
        missing.append(e)
    return missing


# a rank in a relative clause names the thing asked about (the cluster that ranked first globally), not the answer
# (in Chinese 排名第二的是哪個 asks which is second: the rank is the answer's, so no Chinese form here)
_RANKED_THAT_RE = re.compile(r"\b(?:that|which|who)\s+(?:was\s+|is\s+|has\s+been\s+)?(?:ranked|came|placed|topped)\b",
                             re.I)


def missing_ranks(q: Question, sentence: str) -> list[int]:
    """The places the question asks about (排名第二的) that the answer sentence does not give. A yes/no question
    is exempt: 是否排名第二 is answered no by a sentence that says 第四."""
    if q.intent == "yesno":
        return []
    text = normalize(sentence)
    return [n for n in q.ranks if normalize(f"第{n}") not in text]


# a top-N band: 百強 / 五十強 / 前50名 / top 50 / top hundred
_TOP_ZH_RE = re.compile(r"前\s*(\d+|[一二三四五六七八九十百]+)\s*(?:名|位|強|强)?|"
                        r"(\d+|[一二三四五六七八九十百]+)\s*[強强]")
_TOP_EN_RE = re.compile(r"\btop[- ](\d+|ten|twenty|fifty|hundred)\b", re.I)


def top_bands(text: str) -> set[int]:
    """The top-N bands ``text`` names (五所世界百強高校 -> {100}; in the world's top 50 -> {50})."""
    out = {int(m) if m.isdigit() else cn_to_int(m) for m in
           (a or b for a, b in _TOP_ZH_RE.findall(normalize(text)))}
    out |= {int(m) if m.isdigit() else EN_ROUND[m.lower()] for m in _TOP_EN_RE.findall(text)}
    return {n for n in out if n and n > 1}


def clashing_top(question: str, sentence: str) -> bool:
    """A question about one top-N band answered by a sentence about another (the world's top 50 against 百強)."""
    asked, said = top_bands(question), top_bands(sentence)
    return bool(asked and said and not asked & said)


def clashing_place(entities: Sequence[Entity], sentence: str, short: str, subjects: set[str]) -> list[Entity]:
    """The places asked about when the clause that gives the answer ``short`` names another place and not them:
    香港數碼競爭力全球第四 does not answer a question about 深圳's rank, though the passage names 深港穗."""
    asked = [e for e in entities if e.kind == "place" and not any(e.text in s for s in subjects)]
    if not asked or not short:
        return []
    clause = answer_clause(sentence, short)
    compounds = "".join(_COMPOUND_RE.findall(clause))
    if any(e.text in clause or ABBREVIATIONS.get(e.text, "#") in compounds for e in asked):
        return []
    named = [p for p in PLACES if p in clause and all(p not in e.text and e.text not in p for e in asked)]
    return asked if named else []


# the named statistic a question asks for (通脹率, 失業率, 樓價, 成交額): a word ending in one of these
_STATISTIC_RE = re.compile(r"[\u4e00-\u9fff]{1,5}[率價价額额]$")
# what it takes to apply or join (申請基金要符合甚麼條件) and what a thing costs (研發成本是多少): kinds a page about
# achievements seldom states; the evidence must name the kind (深圳提供甚麼條件 asks what a place offers, and
# 突破技術門檻 is no requirement asked)
_UNSTATED_KIND_RE = re.compile(r"(?:申請|申请|報名|报名|符合|參加|参加|入場|入场|進駐|进驻|入駐|入驻)[^，,。？?]{0,12}?"
                               r"(條件|条件|資格|资格|門檻|门槛|手續|手续)|"
                               r"(成本|費用|费用|收費|收费|開支|开支)(?:是|要|需要|為|为|大約|大约|約|约)?(?:多少|幾多|几多)|"
                               r"(?:多少|幾多|几多)(?:錢|钱)?(?:的)?(成本|費用|费用|開支|开支)|"
                               # how to get there (河套嗰度點去？搭咩車？): a route the page never gives
                               r"(點去|点去|怎樣去|怎样去|怎麼去|怎么去|如何前往|交通)|"
                               r"(?:搭|坐|乘)(?:甚麼|什麼|什么|甚么|咩|乜)(車|车)")
# a statistic named by its kind alone (租用比率 segments as 租用 + 比率): any rate or share of the evidence is one
_GENERIC_STATISTIC_RE = re.compile(r"^(?:比率|百分率)$")
_SHARE_RE = re.compile(r"[\u4e00-\u9fff]率|[0-9一二三四五六七八九十]成|[%％]|百分之")
# an English question naming the statistic it asks (What is the budget for…?), and the statistics a reader may
# ask of a page that gives none of them (a reviewed list: a what-question's head noun is too often a paraphrase)
_EN_STAT_Q_RE = re.compile(r"\bwhat(?:'s| is| was| are| were| will be)\s+the\s+"
                           r"(?:total\s+|annual\s+|current\s+|overall\s+)?"
                           # the development cost of…: one word may say which statistic
                           r"(?:[a-z]+\s+)?([a-z]+)\s+(?:of|for|in|at|on)\b", re.I)
_EN_STATS = frozenset("budget cost costs population salary salaries price prices revenue profit profits turnover "
                      "valuation spending expenditure wage wages income tax rent rents fee fees headcount attendance "
                      "inflation unemployment".split())


def missing_statistic(q: Question, evidence: str) -> str:
    """The statistic a question names (香港的通脹率是多少 -> 通脹率; 樓價升了還是跌了 -> 樓價) when the evidence does
    not name it: another figure of the page (入駐率約九成) is no answer to it. Why / what-for and yes/no
    questions are exempt (a reason need not repeat the figure). ``""`` when none is missing."""
    if q.answer_type in tuning.REASON_TYPES or q.intent == "yesno":
        return ""
    if q.english:  # What is the budget for the second phase? / the population of…: a figure the page never names
        m = _EN_STAT_Q_RE.search(q.text)
        word = m.group(1).lower() if m else ""
        # (the page's 成本 elsewhere does not give the chip's development cost)
        return word if word in _EN_STATS and not page_renderings(word, normalize(evidence)) else ""
    text = normalize(evidence)
    kind = _UNSTATED_KIND_RE.search(q.standard)
    asked = next((w for w in kind.groups() if w), "") if kind else ""
    if asked and normalize(asked) not in text:
        return asked
    return next((w for w in q.terms if _STATISTIC_RE.search(w) and normalize(w) not in text
                 and not (_GENERIC_STATISTIC_RE.match(w) and _SHARE_RE.search(text))), "")


_RATE_RE = re.compile(r"[\u4e00-\u9fff]{2}率")


_GROUP_RE = re.compile(r"集群|灣區|湾区|三地|三城|兩地|两地|深港穗|深港")


def alone_elsewhere(q: Question, sentence: str, short: str) -> bool:
    """A question about a place by itself whose answer ``short`` sits in a clause not naming it: "Where does Hong
    Kong rank on its own, not as part of the cluster?" is not answered by 該集群…全球第一, whose sentence names
    香港 in another clause (是香港創科歷史性突破的核心標誌)."""
    places = [normalize(e.text) for e in q.entities if e.kind == "place"]
    clause = normalize(answer_clause(sentence, short)) if short else ""
    # a member of the group other than the page's subject is asked about by itself too: 廣州在全球創新指數排第幾
    # is not answered by 該集群首次登頂…全球第一 (Hong Kong's own rank questions keep the page's reading)
    alone = q.alone or (len(places) == 1 and places[0] != normalize("香港"))
    # (科技單項實力穩居全球第三 answers for technology alone: a clause about a group, not one about a factor)
    return alone and bool(places) and bool(_GROUP_RE.search(clause)) and not any(p in clause for p in places)


def rate_elsewhere(q: Question, sentence: str, short: str) -> str:
    """A rate the question (or the turn it follows) asks for that the sentence names in another clause than the
    one giving the answer ``short``: after 河套首期入駐率係幾多？, 咁二期呢？ is not answered by 二期擴容七成 in
    首期入駐率約90%，二期擴容七成 (the 七成 is an expansion, not a rate). ``""`` otherwise."""
    if not short:
        return ""
    clause = answer_clause(sentence, short)
    text, where = normalize(sentence), normalize(clause)
    # 咁二期呢？ asks what the earlier turn asked; 那二期呢？規模擴大了多少？ asks its own question
    asked = q.standard if INTERROGATIVE_RE.search(without_how_about(q.standard)) else q.query  # (二期又如何？ too)
    rates = _RATE_RE.findall(normalize(asked)) + (_OCCUPANCY if q.english and _EN_OCCUPANCY_RE.search(asked) else [])
    return next((r for r in rates if r in text and r not in where), "")


# an English question asking how full a place is (What share of the second phase has been leased?): the page's
# occupancy rates
_EN_OCCUPANCY_RE = re.compile(r"\b(?:leased|let out|rented|occupied|occupancy|taken up|filled)\b", re.I)
_OCCUPANCY = ["入驻率", "出租率"]


_PHASE_RE = re.compile(r"(首|頭|头|第?[一二三四五六七八九十\d]+)(期|屆|届|輪|轮|批|代|階段|阶段)")
_FIRST = {"首", "頭", "头", "一", "第一", "1", "第1"}


# an English question's phase: the second phase, phase two, Phase 2
_EN_PHASE_RE = re.compile(r"\b(?:(first|second|third|fourth|fifth)\s+(?:phase|stage)|"
                          r"(?:phase|stage)\s+(one|two|three|four|five|[1-5]))\b", re.I)
_EN_ORDINALS = {"first": "一", "one": "一", "1": "一", "second": "二", "two": "二", "2": "二", "third": "三",
                "three": "三", "3": "三", "fourth": "四", "four": "四", "4": "四", "fifth": "五", "five": "五",
                "5": "五"}


def phases_of(text: str) -> set[tuple[str, str]]:
    """The phases ``text`` names, as (number, kind): 二期 -> {("二", "期")}; phase three -> {("三", "期")}."""
    found = {("一" if m.group(1) in _FIRST else m.group(1).lstrip("第"), m.group(2)) for m in _PHASE_RE.finditer(text)}
    return found | {(_EN_ORDINALS[(m.group(1) or m.group(2)).lower()], "期") for m in _EN_PHASE_RE.finditer(text)}


def clashing_phase(question: str, sentence: str, short: str) -> str:
    """The phase the question asks about (二期) when the clause giving the answer ``short`` is about another
    phase of the same kind (首期入駐率約90% does not answer 二期的入駐率), else ``""``."""
    asked = phases_of(question)
    if not asked or not short:
        return ""
    clause = answer_clause(sentence, short)
    given = phases_of(clause) or phases_of(sentence)  # 首期入駐率約九成，79家…落戶: the sentence's phase
    for prefix, unit in asked:
        if (prefix, unit) not in given and any(u == unit for _, u in given):
            return f"{prefix}{unit}"
    return ""


# a rank's sub-index (科技單項, 人才分項): the word before it says which one
_SUB_INDEX_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:的)?(單項|单项|分項|分项)")


def clashing_sub_index(question: str, sentence: str) -> str:
    """The sub-index a question asks about (人才單項) when the sentence names only another one (科技單項實力), sharing
    no character with it (科技 is the 創科 one), and never the question's word: that sentence's ranks are not of it.
    ``""`` otherwise."""
    said = "".join(m.group(1) for m in _SUB_INDEX_RE.finditer(sentence))
    for m in _SUB_INDEX_RE.finditer(question):
        kind = m.group(1)
        if said and not set(kind) & set(said) and normalize(kind) not in normalize(sentence):
            return m.group()
    return ""


# an English question asking for a figure of an earlier time, and the words a sentence dates a figure back with
_EARLIER_RE = re.compile(r"\b(?:ago|before|previously|formerly|used to|originally|earlier|prior)\b", re.I)
_PAST_RE = re.compile(r"此前|以前|之前|過去(?!一年)|过去(?!一年)|年前|年間|年间|曾|原|從|从|去年|\d{4}年")


def clashing_time(question: str, sentence: str) -> bool:
    """An English question asks for a figure of an earlier time (three years ago, before it rose to fourth, the
    year before) and the sentence giving the figure dates nothing back (香港…躍升至全球第四 and 過去一年…
    登頂 are the rank now): that figure does not answer it. A sentence that names an earlier time or plan
    (較原規劃擴容七成, 從千餘家躍升至近4700家) may."""
    return bool(_EARLIER_RE.search(question)) and not _PAST_RE.search(sentence)


def subject_places(subjects: set[str]) -> set[str]:
    """The places among a document's subjects: its title (創新指數登榜首 港數碼競爭力領跑亞洲) is a headline, and a
    place in its words (亞洲) is no subject an English question's place stands in (香港 is)."""
    return {s for s in subjects if s in PLACES}


_NAME_IN_TEXT_RE = re.compile(r"「([^」]{1,20})」|《([^》]{1,20})》|"
                              r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)")


def other_name(missing: Sequence[Entity], sentence: str, question: str) -> str:
    """When every entity the evidence lacks is a name (ARM in 獅子山芯係咪基於ARM架構), the name the sentence
    gives in its place (RISC-V), if any: a yes/no question is then answered no, not refused."""
    if not missing or any(e.kind != "name" for e in missing):
        return ""
    for m in _NAME_IN_TEXT_RE.finditer(sentence):
        name = next(g for g in m.groups() if g)
        if name not in question and len(name) > 1:
            return name
    return ""


def other_entity(missing: Sequence[Entity], sentence: str, short: str) -> str:
    """The place the evidence gives its answer ``short`` for, instead of the one asked about (香港 when 珠海 was
    asked: 香港初創企業總量接近4700家), or ``""`` when the answer's clause names no place."""
    if not short or not any(e.kind == "place" for e in missing):
        return ""
    clause = PLACES_JOINED_RE.sub(" ", normalize(answer_clause(sentence, short)))  # (深圳—香港—廣州 is a group)
    return next((p for p in PLACES if normalize(p) in clause), "")


def word_share(words: Sequence[str], evidence: str, weight: Callable[[str], float]) -> float:
    """IDF-weighted share of ``words`` found in ``evidence`` (a word weighs as its rarest character bigram)."""
    text = normalize(evidence)
    total = got = 0.0
    for w in words:
        grams = [t for t in tokenize(w) if len(t) > 1] or tokenize(w)
        wt = max(map(weight, grams), default=1.0)
        total += wt
        got += wt if normalize(w) in text else 0.0
    return got / total if total else 1.0


def rarest_missing(words: Sequence[str], evidence: str, weight: Callable[[str], float]) -> float:
    """The weight of the rarest of ``words`` that ``evidence`` lacks, as a share of an unseen word's weight (0 when
    it lacks none): one missing rare word (a swapped-in name) decides more than its share of all the words."""
    text = normalize(evidence)
    unseen = weight("\x00")  # no token is a control character: the weight of a word no passage holds
    lacking = [max(map(weight, [t for t in tokenize(w) if len(t) > 1] or tokenize(w)), default=0.0)
               for w in words if normalize(w) not in text]
    return max(lacking, default=0.0) / unseen if unseen else 0.0


def p_answerable(checks: Checks, weights: dict[str, float] | None = None) -> float:
    """The logistic model's probability that the evidence answers the question (the checks it weighs; the
    rules, entities and typed, are applied apart by ``answers``)."""
    w = weights or tuning.ANSWERABILITY_WEIGHTS
    z = w["bias"] + sum(w[name] * getattr(checks, name) for name in CHECKS if name in w)
    return 1.0 / (1.0 + math.exp(-z))


def known_share(words: Sequence[str], corpus: str) -> float:
    """Share of ``words`` found anywhere in ``corpus`` (normalised text)."""
    if not words:
        return 1.0
    return sum(normalize(w) in corpus for w in words) / len(words)


def english_known_share(question: str, corpus: str) -> float:
    """``known`` for an English question: the share of its content words that some CC-CEDICT rendering found in
    ``corpus`` stands for ("What did the government say about licensing stablecoin issuers?": 1 of 4, 政府)."""
    words = content_words(question, corpus)
    if not words:
        return 1.0
    return 1.0 - len(unrendered_words(question, corpus)) / len(words)


# an English who-question and the verb it asks the agent of, with the word after it: Who manages the fund? ->
# manages; Who set up the fund? -> set up
# (Who's actually in charge of running the fund? -> running)
_WHO_RE = re.compile(r"\bwho(?:m|['’]s)?\s+(?:(?:is|are|was|were|has|have|had|does|do|did)\s+)?"
                     r"(?:(?:actually|really|exactly|now|currently)\s+)?(?:in charge of\s+|responsible for\s+)?"
                     r"([a-z]+)(?:\s+([a-z]+))?", re.I)


def asked_verb_renderings(question: str, corpus: str) -> tuple[str, ...]:
    """The page's words for the verb an English who-question asks the agent of (Who set up the fund? -> 設立,
    the phrase's before the verb's own); ``()`` when it asks none or the page has no word for it."""
    m = _WHO_RE.search(question)
    if m is None:
        return ()
    verb, after = m.group(1).lower(), (m.group(2) or "").lower()
    return (after and page_renderings(f"{verb} {after}", corpus)) or page_renderings(verb, corpus)


# a Chinese question asking which body is in charge of doing something, and the doing: 由哪一間機構負責管理 ->
# 管理 (only 負責…: on DRCD, 由誰管理 / 誰製造 without it refused 7 more answerable questions, 5.0% in all)
_ZH_AGENT_VERB_RE = re.compile(r"(?:機構|机构|公司|組織|组织|單位|单位|部門|部门|官員|官员|哪一?位|誰|谁|邊個|边个)"
                               r"[^？?，,]{0,6}?"
                               r"(?:(?:負責|负责)?(管理|營運|营运|運營|运营|運作|运作|營辦|营办)|(?:負責|负责)(研發|研发|設計|设计|開發|"
                               r"开发|製造|制造|發布|发布|發佈|編製|编制|主辦|主办|出版)|"
                               # 基金邊個管 / 由誰管: who runs it (管理; 受哪一個單位監管 is no such question)
                               r"(?<=誰|谁)(管)(?=[呀啊㗎嘅的]*[？?]?\s*$))")


def lost_subject(q: Question, evidence: str) -> bool:
    """A Chinese follow-up that says no more than what it asks (邊個管理？ after 百億基金投資邊啲範疇？) answered by
    evidence holding none of the earlier turn's subject words: its terms, less the category it asked for (領域) and
    its places, which a follow-up may swap (廣州呢？ after 深圳…). The chip's 數據中心管理芯片 does not say who
    manages the fund."""
    if not q.elliptical or not q.history or q.english or q.query == q.standard:
        return False  # (咁初創呢？ asked as 香港有多少間初創？: the earlier question, of the thing it names)
    own = analyze(q.text)
    if own.entities or len(own.terms) > 1:  # HKGAI V3 追求甚麼？: a subject of its own
        return False
    previous = analyze(q.history[-1])
    if previous.english:
        return False
    places = {e.text for e in previous.entities if e.kind == "place"}
    asked = answer_category(previous.standard)
    words = [t for t in previous.terms if len(t) > 1 and normalize(t) not in asked and t not in places]
    text = normalize(evidence)
    return bool(words) and not any(normalize(w) in text for w in words)


def answers_who_zh(q: Question, sentence: str, corpus: str) -> bool:
    """A Chinese question asking which body does something (基金由哪一間機構負責管理？) is not answered by a
    sentence without the doing when the documents write it elsewhere (the fund's 特區政府重構設立: who set it up,
    not who manages it). True for other questions."""
    m = None if q.english else _ZH_AGENT_VERB_RE.search(q.standard)
    if m is None:
        return True
    verb = normalize(m.group(1) or m.group(2) or "管理")
    return verb not in corpus or verb in normalize(sentence)


def answers_who(q: Question, sentence: str, corpus: str) -> bool:
    """An English who-question is answered by a sentence naming a person or an organisation besides what the
    question names, and holding the asked verb when the page has a word for it (manage -> 管理): "Who manages
    the fund?" is not answered by the fund's definition, though it names the government that set it up; "Who
    approved the labs?" is not answered by the labs' sentence. True for other questions."""
    if not q.english or q.answer_type != "person" or not _WHO_RE.search(q.text):
        return True
    text = normalize(sentence)
    for word in content_words(q.text, corpus):  # the question's own organisations are not the answer
        for said in page_renderings(word, corpus) or (word,):
            text = text.replace(normalize(said), " ")
    if not names_agent(text):
        return False
    verb = asked_verb_renderings(q.text, corpus)
    return not verb or any(normalize(w) in normalize(sentence) for w in verb)


def evidence_checks(q: Question, sentence: str, context: str, chunk: Chunk, *, coverage: float,
                    typed: bool, similarity: float, subjects: set[str], weight: Callable[[str], float],
                    corpus: str) -> tuple[Checks, list[Entity]]:
    """The checks for one answer sentence; also the entities it is missing."""
    around = f"{context} {chunk.section} {chunk.refers} {chunk.text}"
    missing = missing_entities(q.entities, f"{sentence} {around}", subjects, groups=not q.alone)
    if q.alone:  # 深圳單獨: the sentence itself must be about the place, not a passage that lists it in a group
        missing += [e for e in missing_entities(q.entities, sentence, set(), groups=False)
                    if e.kind == "place" and e not in missing]
    # (the cluster that ranked first: a rank that says which thing is meant may stand beside the sentence)
    constrained = not missing and not missing_ranks(q, f"{sentence} {around}" if _RANKED_THAT_RE.search(q.text)
                                                    else sentence)
    focus = coverage if q.english else focus_share(q.focus, f"{sentence} {around}")
    words = coverage if q.english else word_share(q.terms, f"{sentence} {around} {' '.join(subjects)}", weight)
    # why / what / purpose: any sentence may answer, but 哪個機構 needs an organisation, and Which Hong Kong
    # universities… their names
    typed = typed or (q.answer_type not in tuning.TYPE_CHECKED and not asks_organisation(q.standard)
                      and not (q.english and asks_names(q.standard)))
    # 是否推出了超過40項計劃？ is decided by the sentence's figure, though it restates the question's (超40項)
    typed = typed or (q.intent == "yesno" and q.answer_type in tuning.FIGURE_TYPES and bool(figures(sentence)))
    # Does Hong Kong have five universities ranked in the world's top 100? is decided by 五所世界百強高校: a band
    typed = typed or (q.intent == "yesno" and q.answer_type == "rank" and bool(top_bands(q.text) & top_bands(sentence)))
    # 分別是哪些 is not answered by one thing; 多少個…名單 asks a count, not the names
    typed = typed and (q.answer_type in tuning.FIGURE_TYPES or names_several(sentence, q.standard))
    typed = typed and answers_who(q, sentence, corpus)  # Who manages the fund? needs who, and the managing
    typed = typed and answers_who_zh(q, sentence, corpus)  # 由哪一間機構負責管理: the managing too
    typed = typed and (not asks_name(q.standard) or has_new_name(sentence, q.standard))  # 那支團隊叫甚麼名字
    typed = typed and not missing_statistic(q, f"{sentence} {around}")  # 通脹率 is not 入駐率
    return Checks(coverage=coverage, focus=focus, entities=float(constrained), typed=float(typed),
                  similarity=similarity, words=words,
                  known=english_known_share(q.query, corpus) if q.english else known_share(q.terms, corpus),
                  gap=0.0 if q.english else rarest_missing(q.terms, f"{sentence} {around} {' '.join(subjects)}",
                                                           weight)), missing


_EN_HOW_MANY_RE = re.compile(r"\b(?:how many|number of)\s+((?:[a-z][a-z-]*\s*){1,4})", re.I)
_EN_PLACE_ONLY_RE = re.compile(r"(?:in|for|at|does|do|did|are|is|there)\b", re.I)  # how many in Shenzhen
_PEOPLE = frozenset("people persons staff workers employees researchers scientists engineers jobs residents".split())
_PERSON_UNITS = frozenset("名位人")
_COUNT_RE = re.compile(r"(?:\d+|[一二兩两三四五六七八九十百千萬万])(?:餘|余|多)?"
                       r"(家|所|項|项|座|個|个|名|間|间|款|位|公里|平方米|成|倍)")


def page_classifiers(word: str, corpus: str) -> set[str]:
    """The classifiers the page counts ``word`` with (企業 -> 家 in 入駐企業超60家), figures within a few
    characters of it."""
    units: set[str] = set()
    for m in re.finditer(re.escape(normalize(word)), corpus):
        near = corpus[max(0, m.start() - tuning.COUNT_WINDOW) : m.end() + tuning.COUNT_WINDOW]
        units |= {c.group(1) for c in _COUNT_RE.finditer(near)}
    return units


def counted_elsewhere(q: Question, sentence: str, short: str, corpus: str) -> bool:
    """An English how-many question whose answer counts something else: the page has a word for the counted
    thing (start-ups -> 初創), the answer sentence lacks it, and the page never counts it with the answer's
    classifier (初創 in 家, not the 座 of 三座城市; firms in 家, as 79家…機構 does, not in 公里)."""
    # (And Shenzhen? after How many start-ups…: the earlier turn says what is counted)
    # (And how many in Shenzhen? names no counted thing: the earlier turn's)
    own = _EN_HOW_MANY_RE.search(q.text) if q.english else None
    if own is not None and _EN_PLACE_ONLY_RE.match(own.group(1)):
        own = None
    m = (own or (_EN_HOW_MANY_RE.search(q.query) if q.elliptical else None)) if q.english else None
    unit = _COUNT_RE.search(normalize(short)) if m else None
    if m is None or unit is None:
        return False
    words = [w for w in m.group(1).lower().split() if not is_stopword(w)][: tuning.COUNTED_WORDS]
    if words and words[0] in _PEOPLE:  # How many people work in the park? is not answered by 79家 (firms)
        return unit.group(1) not in _PERSON_UNITS
    for phrase in (" ".join(words), *words):
        found = page_renderings(phrase, corpus) if phrase else ()
        if found:
            if any(normalize(r) in normalize(sentence) for r in found):
                return False
            # (a share, 二期擴容七成, counts nothing, though 出租率達八成 stands near 企業)
            units = set().union(*(page_classifiers(r, corpus) for r in found)) - {"成"}
            return bool(units) and unit.group(1) not in units
    return False


_TIME_WORD_RE = re.compile(r"年|月|前|後|后|今|去|明")


def unit_elsewhere(q: Question, short: str) -> bool:
    """A Chinese question asking its count in one classifier (多少間 / 幾多家), a follow-up in its earlier turn's
    (香港有幾多間初創企業？ 咁深圳呢？), answered with a count in a classifier that counts other things (三座:
    cities)."""
    # the earlier turn's unit only for a follow-up that swaps a place or a time (咁深圳呢, not 出租率呢)
    # (海外嘅佔幾多？ after 河套有幾多間企業？ asks a share of them, not a count)
    swaps = q.elliptical and all(t in {e.text for e in q.entities} or _TIME_WORD_RE.search(t) for t in q.terms) \
        and not _SHARE_Q_RE.search(q.standard)
    asked = None if q.english else UNIT_RE.search(q.query if swaps else q.standard)
    counted = _COUNT_RE.search(normalize(short))
    return bool(asked and counted) and not counted_or_shared(counted.group(), asked.group(1), q.standard)


_SHARE_Q_RE = re.compile(r"佔|占|幾成|几成|多少成|比例|百分")
_HOME_RE = re.compile(r"本土|本地|香港")


# a claim that something was made away from home, and a sentence saying it was made at home
ABROAD_RE = re.compile(r"海外|境外|外國|外国|國外|国外|\b(?:outside|abroad|overseas|foreign)\b", re.I)
_LOCALMADE_RE = re.compile(r"本土|本地|自研|自主研發|自主研发")
MADE_RE = re.compile(r"研發|研发|研製|研制|開發|开发|製造|制造|生產|生产|孵化|設計|设计|"
                      r"\b(?:developed|made|built|designed|invented|produced)\b", re.I)


_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def unknown_years(question: str, corpus: str) -> list[str]:
    """The years a question names (香港2023年數碼競爭力排第幾, in 2020) that no document gives: a figure of another
    year is not the one asked for."""
    return [y for y in _YEAR_RE.findall(question) if y not in corpus]


def claim_off_page(q: Question, corpus: str) -> bool:
    """A Chinese claim none of whose words but its places the documents use (香港的樓價是不是跌了: 樓價, 跌):
    about something they never mention, so neither yes nor no."""
    if q.english:
        return False
    places = {e.text for e in q.entities if e.kind == "place"}
    words = [w for w in q.terms if w not in places and not _YEAR_RE.search(w)]
    return bool(words) and not any(normalize(w) in corpus for w in words)


_ORDINAL_CLAIM_RE = re.compile(r"第[一二三四五六七八九十百\d]+|[首頭头]一?[次度回]")


def claim_beside_sentence(q: Question, unknown: Sequence[str], sentence: str) -> bool:
    """A Chinese claim with several words the article never uses (``unknown``) whose other words, but the things
    it names and its time, the deciding sentence does not hold either (香港今年有冇主辦電競世界賽 against 圖為今年
    四月舉行的香港國際創科展; HKGAI V3有冇開源？免費用得唔得？ against the sentence naming the model): about what
    the page does not cover, so neither yes nor no. (獅子山芯是不是手機芯片 has one such word and 芯片 beside it.)"""
    if q.english or len(unknown) < tuning.CLAIM_UNKNOWN_MIN or _ORDINAL_CLAIM_RE.search(q.standard) \
            or amounts(q.standard):
        return False  # 係咪全世界第一次推出: a first, a rank or a figure the sentence decides (全球首發)
    named = [e.text for e in q.entities]
    rest = [w for w in q.terms if w not in unknown and not any(w in n for n in named) and not _TIME_WORD_RE.search(w)]
    said = normalize(sentence)
    return not any(normalize(w) in said for w in rest)


# a question asking what part a place plays (分工, 職能, 角色, 被分派了哪些工作, What role…)
_ROLE_Q_RE = re.compile(r"分工|職能|职能|角色|崗位|岗位|擔任|担任|分派|定位|\brole\b|\bjob\b|\bpart\b", re.I)


def role_stated(q: Question, sentence: str) -> bool:
    """A question asking the part one place plays (三城分工之下，本港被分派了哪些職能？) and a sentence that gives
    that place its role in so many words (香港擔任基礎研究…的角色): the sentence answers it, however differently the
    question words it (the fitted model reads the words, which a paraphrase does not share)."""
    places = [e.text for e in q.entities if e.kind == "place"]
    if len(places) != 1 or q.intent == "yesno" or not _ROLE_Q_RE.search(q.standard):
        return False
    return re.search(rf"{re.escape(places[0])}(?:擔任|担任)[^。；;]{{2,60}}(?:角色)", sentence) is not None


def listed_otherwise(q: Question, missing: Sequence[Entity], sentence: str) -> bool:
    """A yes/no question listing places (由深圳、香港和澳門組成) against a sentence that lists some of them with
    another place instead of the one it lacks (深圳、香港、廣州): the list is not the page's."""
    asked = [e.text for e in q.entities if e.kind == "place"]
    lacking = [e for e in missing if e.kind == "place"]
    if q.intent != "yesno" or len(asked) <= 1 or not lacking:
        return False
    if not any(re.search(f"{re.escape(a)}(?:、|和|與|与|及|同)", q.standard) for a in asked):
        return False  # the claim lists no places (武漢的企業可以入駐河套園區嗎: where from, where to)
    named = [e for e in asked if e not in {m.text for m in lacking} and e in sentence]
    others = [p for p in PLACES if p in sentence and all(p not in a and a not in p for a in asked)]
    # (a list it is: 深圳、香港、廣州, not 河套深港… against 珠海同香港有冇合作)
    listed = [p for p in others if re.search(f"{re.escape(p)}[、—–]|[、—–]{re.escape(p)}", sentence)]
    return bool(named and listed)


def placed_at_home(q: Question, missing: Sequence[Entity], sentence: str) -> bool:
    """A yes/no claim placing something in another place (獅子山芯是在深圳研發的吧？) that the evidence places at
    home (本土孵化的「獅子山芯」, 香港創科團隊): every entity the evidence lacks is a place other than Hong Kong,
    or the claim says it was made abroad (developed outside Hong Kong), and the sentence says 本土 / 本地 / 自研,
    about where a thing was made. The claim is then wrong, not unknown
    (深圳有4700家初創嗎？ is no such claim: the page's figure is Hong Kong's, and that is refused as a swap)."""
    elsewhere = bool(missing) and all(e.kind == "place" and e.text != "香港" for e in missing)
    elsewhere = elsewhere or bool(ABROAD_RE.search(q.text))  # developed outside Hong Kong / 在海外研發
    return elsewhere and bool(MADE_RE.search(q.text)) and bool(_LOCALMADE_RE.search(sentence))
