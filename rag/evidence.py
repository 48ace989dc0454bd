"""Scoring the sentences of retrieved passages as evidence for a question: key-term coverage (IDF weighted,
character n-grams), the asked-for type, the encoder's similarity, the passage's rank. Retrieval reranks by it
and the extractive answerer picks its answer sentence by it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from . import tuning
from .chunking import chunk_context, split_sentences
from .crosslingual import renderings
from .question import PLACE_RE, entities_of, strip_scaffolding
from .types import Hit
from .zh import han_count, is_latin, normalize, token_set, tokenize

_NUM = r"(?:\d[\d,，.]*|[零〇一二兩两三四五六七八九十百千]+)"
SPAN_PATTERNS: dict[str, re.Pattern[str]] = {
    "quantity": re.compile(
        rf"(?:約|约|近|接近|超過|超过|超|逾|達|达|共|僅|仅|過|过|數|数)?{_NUM}\s*"
        r"(?:%|％|成|餘家|余家|家|所|項|项|萬|万|億|亿|港元|元|平方米|年|個|个|名|位|款|倍|座|間|间|"
        r"平方公里|公里|公尺|公分|米|英里|小時|小时|天|週|多|餘|余|"
        # measure words the page never uses but questions ask for (DRCD: 人, 種, 層, 噸...)
        r"[人種种層层噸吨輛辆艘架隻只條条張张部本冊册件次場场屆届歲岁度克斤頁页首戶户匹枚粒台臺株篇門门])+"
        r"|百分之[零〇一二兩两三四五六七八九十百點点\d.]+"
    ),
    "time": re.compile(rf"(?:今年|去年|明年|{_NUM}年)?{_NUM}月|{_NUM}年|今年|去年|過去一年|过去一年|十年間|十年间|"
                       r"早前|日前|近日|近期|最近|稍早"),  # 早前發布: when, as the page says it
    "rank": re.compile(rf"(?:全球|世界|亞洲|亚洲)?第{_NUM}|世界第一|全球榜首|榜首|世一"),
    "person": re.compile(r"(?:大公報|大公报)?記者\s*\S{2,4}|记者\s*\S{2,4}"),
}



INTERROGATIVE_RE = re.compile(r"甚麼|什麼|什么|甚么|哪|誰|谁|何|怎|幾|几|多少|嗎|吗|是否|"
                               r"\b(what|which|who|how|when|where|why)\b", re.I)


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


def key_tokens(question: str) -> tuple[set[str], set[str]]:
    toks = tokenize(strip_scaffolding(question))
    return {t for t in toks if len(t) == 1 and han_count(t)}, {t for t in toks if len(t) > 1}


TermWeight = Callable[[str], float]


def flat(_: str) -> float:
    return 1.0


def coverage(sentence: str, unis: set[str], multis: set[str], weight: TermWeight = flat) -> float:
    """Weighted share of the question's key tokens that ``sentence`` contains.

    Bigrams and words (names, figures) say more than single characters; ``weight`` (the corpus IDF) makes a
    rare term such as 參數 count more than one the whole page repeats (香港, 創科).
    """
    if not unis and not multis:
        return 0.0
    toks = token_set(sentence)
    def weighed(words: set[str], chars: set[str]) -> float:
        # fsum: exact whatever order the sets iterate in, so ties between sentences break the same way every run
        return math.fsum([*(tuning.WORD_WEIGHT * weight(t) for t in words),
                          *(tuning.CHAR_WEIGHT * weight(t) for t in chars)])

    total = weighed(multis, unis)
    got = weighed(multis & toks, unis & toks)
    return got / total if total else 0.0


UNIT_RE = re.compile(r"(?:多少|幾多|几多|幾|几)\s*([個个家所項项宗名位間间款座倍歲岁人種种層层噸吨輛辆艘架隻只條条"
                     r"張张部本冊册件次場场屆届度克斤頁页首戶户匹枚粒台臺株篇門门])")
# classifiers that count the same things: 幾多間公司 is answered by 4700家
# (個 counts most things: 多少個研究所 is answered by 15所, not by the 座 of cities or the 倍 of a change)
_SAME_UNIT = {"間": "家間间所", "间": "家間间所", "家": "家間间所", "所": "所間间家", "個": "個个項项所家間间名位款",
              "个": "個个項项所家間间名位款", "项": "項项個个"}


def has_unit(span: str, unit: str) -> bool:
    """Does the figure ``span`` carry the asked-for classifier ``unit`` (or one that counts the same things)?"""
    text = normalize(span)
    return any(normalize(u) in text for u in _SAME_UNIT.get(unit, unit))


# how many of them come from somewhere (河套有多少家企業來自海外): the page's share of them (四成) answers it
FROM_Q_RE = re.compile(r"(?:來自|来自|源自|出自)")
SHARE_SPAN_RE = re.compile(r"[0-9一二三四五六七八九十]成|[%％]|百分之")


def counted_or_shared(span: str, unit: str, question: str) -> bool:
    """``has_unit``, or a share of the things when the question asks how many of them come from somewhere."""
    return has_unit(span, unit) or bool(FROM_Q_RE.search(question) and SHARE_SPAN_RE.search(span))


_MONEY_RE = re.compile(r"預算|预算|資金|资金|金額|金额|多少錢|多少钱|投資了|投资了|投放|撥款|拨款|"
                       r"租金|幾錢|几钱|價錢|价钱|價格|价格|票價|票价|"  # a price: 租金幾錢一呎
                       r"how much money|budget|invest|\brent\b|\bprices?\b|\bfares?\b|"
                       r"\bper square (?:foot|feet|met(?:re|er))\b|"
                       r"\bhow much\b[^?]{0,40}\b(?:capital|funding|raised?|spend|spent|spending|costs?|worth)\b", re.I)
_ORG_Q_RE = re.compile(r"(?:哪一?個|哪一?个|甚麼|什麼|什么|甚么)(?:國際|国际|政府|官方|研究|學術|学术)?"
                       r"(?:機構|机构|組織|组织)|哪[幾几]?(?:家|間|间)|"
                       r"(?:誰|谁)(?:個|个|間|间)?(?:機構|机构|組織|组织|公司)|"  # 邊個機構, written Cantonese
                       r"which (?:[a-z]+ ){0,2}?(company|organi[sz]ation|institution|university|body)|"
                       r"who (made|designed|developed|built|publishe?d?|compiled)", re.I)
_ORG_RE = re.compile(r"組織|组织|機構|机构|政府|大學|大学|高校|公司|實驗室|实验室|委員會|委员会|研究院|"
                     r"學會|学会|集團|集团|協會|协会|基金會|基金会|聯合國|联合国|聯盟|联盟|總會|总会|俱樂部|俱乐部|"
                     r"銀行|银行|[\u4e00-\u9fff]局")
# a question asking which official did something: a person's name answers it, not the government
_OFFICIAL_Q_RE = re.compile(r"(?:哪一?位|哪個|哪个|哪名|誰|谁)[^，,？?]{0,4}?"
                           r"(?:官員|官员|局長|局长|司長|司长|部長|部长|首長|首长)|"
                           r"\bwhich (?:government )?(?:official|minister|secretary)\b", re.I)
# a question asking which experts or scholars said something, and a sentence naming them only as a group (專家們認為):
# the group is no answer to who they are
_GROUP_Q_RE = re.compile(r"(?:哪[一幾几]?位|哪些|誰|谁)[^，,？?]{0,4}?(?:專家|专家|學者|学者|科學家|科学家)|"
                         r"(?:專家|专家|學者|学者|科學家|科学家)(?:們|们)?[^，,？?]{0,8}?(?:哪[一幾几]?位|誰|谁|哪些人)|"
                         r"\b(?:which|what) (?:experts|scholars|academics|scientists)\b|"
                         r"\bwho (?:are|were) (?:the|these|those) (?:experts|scholars|academics|scientists)\b", re.I)
_UNNAMED_GROUP_RE = re.compile(r"(?:(?:專家|专家|學者|学者|科學家|科学家)(?:們|们)|"
                               r"(?:有|不少|多位|部分|一些)(?:專家|专家|學者|学者|科學家|科学家))"
                               r"(?:都|均|普遍|一致)?(?:認為|认为|指出|表示|建議|建议|相信|稱|称)")
# a question asking which firms: a government, a university or a laboratory is no answer to it
_COMPANY_Q_RE = re.compile(r"哪[幾几些]?(?:家|間|间|個|个)?(?:公司|企業|企业)|\bwhich (?:compan|firm)", re.I)
_COMPANY_RE = re.compile(r"公司|集團|集团|銀行|银行|控股|有限|\b(?:Inc|Ltd|Corp|Co)\b")
_TIME_RE = re.compile(r"\d{3,4}年|[0-9一二三四五六七八九十]+月|[0-9一二三四五六七八九十]+日|"
                      r"今年|去年|明年|早前|上半年|下半年|[0-9一二三四五六七八九十]+世紀|[0-9一二三四五六七八九十]+世纪|"
                      r"\d{2,4}年代|[\u4e00-\u9fff]{1,2}朝|時期|时期|年間|年间|初期|末期|前後|前后")


# (分別是多少 asks for figures, not names)
_NAMES_Q_RE = re.compile(r"名字|名稱|名称|叫甚麼|叫什么|叫甚么|(?:分別|分别)是(?!多少|幾|几)|哪幾所|哪几所|哪幾間|"
                         r"哪几间|名單|名单|what (is|are) the names?|which ones|name (of|the)|"
                         # Which Hong Kong universities…: their names
                         # (not Which sectors do the organisations cover?: what follows the verb is not what is asked)
                         r"\bwhich\s+(?:(?!(?:do|does|did|is|are|was|were|have|has|had|can|will)\b)[\w-]+\s+){0,3}"
                         r"(?:universities|companies|firms|institutions|organi[sz]ations|"
                         r"laboratories|labs|banks)\b", re.I)
_NAMES_RE = re.compile(r"「[^」]{1,30}」|《[^》]{1,30}》|[A-Z][A-Za-z0-9-]+|記者\s*\S{2,4}|记者\s*\S{2,4}")
# a question asking for a thing's name (not for several things), and a name: a quoted term that is no list or
# slogan (「科研強、轉化弱」 is none), a Latin name, a reporter's
# (甚麼名次 asks a place in a ranking, 甚麼名單 a list: no name)
_NAME_ASKED_RE = re.compile(r"叫(?:做)?(?:甚麼|什麼|什么|甚么|咩|乜嘢?|啥)|"
                            r"(?:甚麼|什麼|什么|甚么|咩|乜|啥)名(?![次列額额單单義义氣气])|"
                            r"名(?:字|稱|称)(?:是|係|叫|為|为)?(?:甚麼|什麼|什么|甚么|咩|乜|啥)|"
                            r"\bwhat is the name\b|\bwhat(?:'s| is| are)? .{0,40}\bcalled\b|\bname of\b", re.I)
_NEW_NAME_RE = re.compile(r"「([^」、，,]{1,20})」|《([^》]{1,30})》|([A-Z][A-Za-z0-9-]+)|(?:記者|记者)\s*(\S{2,4})")


_VERSION_Q_RE = re.compile(r"(?:哪|甚麼|什麼|什么|甚么)一?(?:個|个)?版本|\b(?:which|what) version\b", re.I)


def _new_names(text: str, question: str) -> bool:
    """Does ``text`` hold a name (``_NAMES_RE``) the question does not already say?"""
    said = normalize(question)
    return any(normalize(m.group()) not in said for m in _NAMES_RE.finditer(text))


def asks_names(question: str) -> bool:
    """哪幾所 / 名單 / Which Hong Kong universities: the answer must name them."""
    return bool(_NAMES_Q_RE.search(question))


def asks_name(question: str) -> bool:
    return bool(_NAME_ASKED_RE.search(question))


def has_new_name(text: str, question: str) -> bool:
    """Does ``text`` hold a name the question does not already say?"""
    said = normalize(question)
    return any(normalize(next(g for g in m.groups() if g)) not in said for m in _NEW_NAME_RE.finditer(text))


# a question asking for the day, and a day
_DAY_Q_RE = re.compile(r"哪一?天|哪一?日|幾號|几号|幾月幾|几月几|\b(?:what|which) (?:exact )?(?:day|date)\b", re.I)
_DAY_RE = re.compile(r"[0-9一二三四五六七八九十廿卅]+\s*[日號号]|\d{1,2}/\d{1,2}")
# a question asking for the month, and a month (早前 gives a time, not the month)
_MONTH_Q_RE = re.compile(r"哪一?(?:個|个)?月|幾月|几月|\b(?:which|what) month\b", re.I)
_MONTH_RE = re.compile(r"[0-9一二三四五六七八九十正]+\s*月")
# a question asking for several things, or their names (哪些 / 分別是 / 哪幾所 / 叫甚麼名字)
_SEVERAL_Q_RE = re.compile(r"哪些|哪幾|哪几|哪[兩两二三四五六七八九十\d]+[所個个家項项間间位種种]|分別|分别|"
                           r"名字|名稱|名称|名單|名单")
# several organisations asked for by their kind: the sentence must name that kind of thing
# (not 機構 / 組織: 各國際單項運動總會 is one without saying so)
_ORG_KINDS = ("大學|大学|高校|院校|學院|学院", "公司|企業|企业", "實驗室|实验室")
_SEVERAL_ORGS_Q_RE = re.compile(r"(?:哪些|哪幾|哪几|哪[兩两二三四五六七八九十\d]+[所個个家間间])"
                                f"({'|'.join(_ORG_KINDS)})")
_NAME_Q_RE = re.compile(r"名字|名稱|名称|名單|名单|叫甚麼|叫什么|叫甚么")
# several things named: X、Y, X和Y, X及Y (what brackets hold is a name or an aside: 「科研強、轉化弱」 lists nothing)
_SEVERAL_RE = re.compile(r"、|[\u4e00-\u9fff]{2,}(?:和|及|以及)[\u4e00-\u9fff]{2,}")
_BRACKETED_RE = re.compile(r"「[^」]*」|《[^》]*》|（[^）]*）|\([^)]*\)")
# a question about another period than the one the article reports on needs that period in the sentence
_PERIOD_Q_RE = re.compile(r"前一年|上一年|去年|明年|預計|预计|將於|将于|何時完成|何时完成|落成|迄今|至今|"
                          r"目前為止|目前为止|previous year|last year|next year|expected|will be|so far|to date", re.I)
# names the question is about (HKGAI V3, 「獅子山芯」): the passage must mention them
_ENTITY_RE = re.compile(r"「([^」]{2,20})」|《([^》]{2,20})》|\b([A-Z][A-Za-z0-9]*(?:[ -][A-Z0-9][A-Za-z0-9]*)*)\b")


def entities(question: str) -> list[str]:
    """Quoted terms and Latin-script names in a Chinese question (an English question is all Latin)."""
    if is_latin(question):
        return []
    return [next(g for g in m.groups() if g) for m in _ENTITY_RE.finditer(question)]


# X是甚麼 / X是什麼: a definition is asked for
DEFINITION_Q_RE = re.compile(r"^(?:請問|请问)?"
                             r"(?:(?:文章|文中|報道|报道|篇文)(?:裡|里|入面)?(?:說|说|講|讲|提到|提及)?的|"
                             r"(?:文章|文中|報道|报道|作者)(?:認為|认为|指)?)?"
                             r"(?:個|个|這個|这个|那個|那个)?[「『]?([^，,？?]{2,20}?)[」』]?"
                             r"(?:究竟|到底|其實|其实)?(?:(?:是|係)(?:甚麼|什麼|什么|甚么)(?:來|来|東西|东西)?|"
                             # 香港的獨特價值在哪裡: what it lies in (…，在於其不可替代的橋樑作用)
                             r"在(?:於|于)?(?:哪裡|哪里|哪|甚麼|什麼|什么|甚么)|"
                             # 引導基金的性質為何: what kind of thing it is (…是…戰略性創科母基金)
                             r"的?(?:性質|性质|定位)(?:是|為|为|係)?(?:甚麼|什麼|什么|甚么|何|咩))"
                             r"[呀啊㗎嘅呢]*[？?。]?$")
_DEFINITION_RE = re.compile(r"(?:在於|在于|作為|作为|是|為|为|即)([^，。；,;！？：:]{2,40})")


def definition_span(sentence: str, term: str) -> str:
    """What ``sentence`` says ``term`` is: the phrase after the first 作為 / 是 / 為 that follows the term
    (「獅子山芯」全球首發，作為首款基於RISC-V架構的數據中心管理芯片 -> 首款基於RISC-V架構的數據中心管理芯片)."""
    # (特區政府設立的創科產業引導基金: the longest ending of the term the sentence names, 創科產業引導基金; found
    # as written where it can be, since normalising moves characters: 百億 -> 100亿)
    # (at least tuning.DEFINITION_TERM_MIN_CHARS of it: …創科弱點 is not defined by whatever follows 短板)
    last = max(len(term) - tuning.DEFINITION_TERM_MIN_CHARS, 0) + 1
    found = next((term[i:] for i in range(last) if term[i:] in sentence), "")
    if found:
        at, term = sentence.find(found), found
    else:
        text = normalize(sentence)
        term = next((normalize(term)[i:] for i in range(last) if normalize(term)[i:] in text), "")
        at = text.find(term) if term else -1
    if at < 0:
        return ""
    m = _DEFINITION_RE.search(sentence, at + len(term))
    return m.group(1).strip() if m else ""



_APPOSITION_BREAK_RE = re.compile(r"[，,；;：:。！？!?▲▼「」『』\s]")


def apposition_span(sentence: str, term: str) -> str:
    """What ``sentence`` calls ``term`` just before naming it (香港人工智能大模型HKGAI V3早前發布 ->
    香港人工智能大模型): the phrase running up to the term from the last punctuation mark; ``""`` when the term
    opens its clause."""
    at = normalize(sentence).find(normalize(term))
    if at <= 0 or len(normalize(sentence)) != len(sentence):
        return ""
    before = sentence[:at]
    breaks = list(_APPOSITION_BREAK_RE.finditer(before))
    phrase = before[breaks[-1].end() :] if breaks else before
    return phrase if len(phrase) > 1 else ""


def asks_organisation(question: str) -> bool:
    """哪個機構 / which organisation: the answer must name one (checked whatever the answer type)."""
    return bool(_ORG_Q_RE.search(question))


# who acts, besides organisations: 中央 (the central government), 當局, 部門, 團隊, 專家, 學者, 企業
_WHO_Q_RE = re.compile(r"\bwho\b", re.I)
_AGENT_RE = re.compile(r"中央|當局|当局|部門|部门|團隊|团队|專家|专家|學者|学者|企業|企业")


def names_agent(text: str) -> bool:
    """Does ``text`` name a person or an organisation (記者湯嘉平, 特區政府, 世界知識產權組織, 中央)? What a
    who-question is answered with."""
    return bool(SPAN_PATTERNS["person"].search(text) or _ORG_RE.search(text) or _AGENT_RE.search(text))


# an English question asking for several named things, and the things: which five universities, what three
# qualities, which countries are, what are the names
_SEVERAL_EN_Q_RE = re.compile(r"\b(?:which|what)\s+(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+([a-z-]+)|"
                              r"\bwhich\s+([a-z-]*[^\Ws]s)\s+(?:are|were)\b|\bwhat (?:are|were) the names\b", re.I)
_QUOTED_LIST_RE = re.compile(r"「[^」]*、[^」]*」")  # 「更高效、更睿智、更本地」: three qualities, quoted
_EN_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}


def asked_clauses(text: str, count: str, noun: str) -> list[str]:
    """The clauses of ``text`` an English question for several things is about: those holding the number it
    states (which five universities -> 依託五所世界百強高校…), else those holding a CC-CEDICT rendering of the thing
    (cities -> 城市), else all of them."""
    parts = clauses(text) or [text]
    n = str(_EN_NUMBERS.get(count.lower(), count)) if count else ""
    stated = [c for c in parts if n and re.search(rf"(?<!\d){n}(?!\d)", normalize(c))]
    things = renderings(noun).split() if noun else []
    named = [c for c in parts if any(normalize(t) in normalize(c) for t in things)]
    return stated or named or parts


# a count the question states (五所, 15所): the things it asks to name are in the clause that says it
_COUNT_Q_RE = re.compile(r"(?<![哪幾几\d])([0-9]+|[一二三四五六七八九十兩两]+)\s*([所個个家間间項项位名條条種种座款])")
# a clause that goes on to list what the one before it counted: 15所實驗室，包括甲、乙
_LIST_OPENER_RE = re.compile(r"^\s*(?:包括|包含|分別|分别|即|如|例如|涵蓋|涵盖|計有|计有|有)")


def counted_clauses(text: str, question: str) -> list[str]:
    """The clauses of ``text`` that state a count the question states (那五所世界百強高校是哪五所 -> 依託五所世界
    百強高校的頂尖科研力量), with a clause after one that opens a list (包括…); all of them when the question
    states no count or no clause says it."""
    parts = clauses(text) or [text]
    counts = {normalize(f"{n}{c}") for n, c in _COUNT_Q_RE.findall(normalize(question))}
    if not counts:
        return parts
    keep = [i for i, c in enumerate(parts) if any(k in normalize(c) for k in counts)]
    keep += [i + 1 for i in keep if i + 1 < len(parts) and _LIST_OPENER_RE.match(parts[i + 1])]
    return [parts[i] for i in sorted(set(keep))] or parts


def names_several(text: str, question: str) -> bool:
    """For a question asking for several things or their names (那15所實驗室分別是哪些; Which five universities are
    they?): does ``text`` name several things (X、Y; X和Y) or, for a Chinese question asking for names, any name
    (「...」, 《...》, a Latin name); for an English one, in the clauses it is about (``asked_clauses``), or as a
    quoted list (「更高效、更睿智、更本地」)? True for other questions. 依託五所世界百強高校 says how many, not
    which."""
    if is_latin(question):
        m = _SEVERAL_EN_Q_RE.search(question)
        if not m:
            return True
        about = "，".join(asked_clauses(text, m.group(1) or "", m.group(2) or m.group(3) or ""))
        return bool(_SEVERAL_RE.search(_BRACKETED_RE.sub("", about)) or _QUOTED_LIST_RE.search(text))
    if not _SEVERAL_Q_RE.search(question):
        return True
    kind = _SEVERAL_ORGS_Q_RE.search(question)
    if kind and not any(re.search(group, text) for group in _ORG_KINDS if re.fullmatch(group, kind.group(1))):
        return False  # 分別設在哪些大學 is not answered by 實驗室…基礎研究、關鍵技術攻關
    text = "，".join(counted_clauses(text, question))
    if _SEVERAL_RE.search(_BRACKETED_RE.sub("", text)):
        return True
    # a quoted list after the question's own word: 追求「更高效、更睿智、更本地」 names the three it aims for
    # (主打哪幾個賣點, read 追求哪幾個); 構建起「研發有支撐、…」 names no laboratories
    if any((before := text[: m.start()].rstrip("的是為为 "))[-2:-1] and before[-2:] in question
           for m in _QUOTED_LIST_RE.finditer(text)):
        return True
    return bool(_NAME_Q_RE.search(question) and _NAMES_RE.search(text))


_CLAUSE_SPLIT_RE = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d)|(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")


def clauses(text: str) -> list[str]:
    """The clauses of ``text``: split at punctuation (not at the comma of 26,338), and at a space between Chinese
    words (a headline's two clauses: 創新指數登榜首 港數碼競爭力領跑亞洲)."""
    return [c for c in _CLAUSE_SPLIT_RE.split(text) if c.strip()]



# a year-end review's 過去一年 is the reader's 去年
_SAME_PERIOD = {"去年": ("去年", "過去一年"), "last year": ("last year", "過去一年")}


# 樓面被佔用了多少比例: a share, not an area
_ZH_UNITS = ((re.compile(r"(?:多少|幾多|几多|多大|甚麼|什麼|什么)(?:的)?(?:比例|比率|百分比|比重)|"
                         r"百分之幾|百分之几|幾成|几成|幾多成|几多成|多少成"), ("%", "％", "成", "分之")),
             (re.compile(r"(?:樓面|楼面|面積|面积|空間|空间|佔地|占地|土地|(?<![基資资])(?:園區|园区|河套|科技城|合作區|合作区)"
                         r"(?=[^，。？?]{0,4}?(?:多大|幾大|几大)))[^，。？?]{0,8}"
                         r"(?<!第)(?:多大|幾大|几大|多少|幾多|几多|多廣|多广)"),
              ("平方米", "平方公里", "公頃", "公顷")),
             # How much floor space…? / How big is the area…?: an area too (not the 一公里 of 最後一公里)
             (re.compile(r"\b(?:how much|how big|how large|what size|what is the size of)\b[^?]{0,40}"
                         r"\b(?:floor ?space|floor area|area|space|land)\b|"
                         r"\b(?:floor ?space|floor area)\b[^?]{0,30}\b(?:how much|how big|how large)\b", re.I),
              ("平方米", "平方公里", "公頃", "公顷")),
             (re.compile(r"多遠|多远|幾遠|几远|距離多少|距离多少"), ("公里", "米")))
# asked by how much it changed (擴大了多少, 比原規劃多出了多少), not how big it is after (擴容後合共有多大)
_ZH_CHANGE_RE = re.compile(r"(?:擴容|扩容|擴大|扩大|擴|扩|增加|增長|增长|多出|大了|多了)了?"
                           r"(?:多少|幾多|几多|幾成|几成|百分之)|幾倍|几倍|比[^，。？?]{1,10}(?:多|大)|"
                           r"\bby how much\b|\bhow much (?:did|has|have|was|were|will)\b[^?]{0,40}"
                           r"\b(?:grow|grown|expand|expanded|increase|increased|rise|risen|enlarged?)\b", re.I)


def chinese_units(question: str) -> tuple[str, ...]:
    """The units of the figure a question asks (樓面空間有多大, How much floor space… -> 平方米, not the 七成 it grew
    by); ``()`` for any other question, and for one asking by how much something changed."""
    if _ZH_CHANGE_RE.search(question):
        return ()
    return next((units for pattern, units in _ZH_UNITS if pattern.search(question)), ())


# what each of several places has or does: 各有 / 各自 / 分別
EACH_Q_RE = re.compile(r"各有|各自|各擁|各拥|分別|分别|各佔|各占|各具|各有所長|各有所长")


def each_places(question: str) -> list[str]:
    """The places a question asks what each has or does (香港和深圳在河套各有甚麼優勢 -> 香港, 深圳; 在河套 is where);
    ``[]`` for a question about one place or not about each."""
    if not EACH_Q_RE.search(question):
        return []
    places = list(dict.fromkeys(m.group() for m in PLACE_RE.finditer(question)
                                if question[max(0, m.start() - 1) : m.start()] not in ("在", "喺")))
    return places if len(places) > 1 else []


def typed_ok(text: str, question: str, qtype: str, weight: TermWeight = flat, *, around: str = "") -> bool:
    """Does ``text`` hold what the question asks for: a figure with the asked unit (in the clause that carries
    the question's most specific term), a time, an organisation, names, the period asked about (in ``text`` or
    ``around`` it: the sentence before and the section heading, 香港過去一年科研成果密集落地。15所…)?"""
    period = _PERIOD_Q_RE.search(question)
    if period and not any(normalize(p) in normalize(f"{around} {text}")
                          for p in _SAME_PERIOD.get(period.group().lower(), (period.group(),))):
        return False
    if _NAMES_Q_RE.search(question) and qtype not in tuning.FIGURE_TYPES and not _new_names(text, question):
        return False  # (多少個…名單 asks a count; 那个AI大模型叫啥名字 is not answered by AI)
    if _VERSION_Q_RE.search(question) and not (has_new_name(text, question) or "版" in text):
        return False  # 最新出了哪個版本: HKGAI V3, 貝他版本
    if _GROUP_Q_RE.search(question) and not SPAN_PATTERNS["person"].search(text) and (
            is_latin(question) or _UNNAMED_GROUP_RE.search(text)):
        return False  # 專家們認為 names none of the experts asked for (nor 頂尖專家 Which experts…)
    if _OFFICIAL_Q_RE.search(question):  # 由哪位官員主管 / Which official…: a person's name, not 特區政府
        return bool(SPAN_PATTERNS["person"].search(text))
    if _ORG_Q_RE.search(question):
        if _COMPANY_Q_RE.search(question):  # 投資了哪幾間公司 is not answered by the government that invests
            return bool(_COMPANY_RE.search(text))
        # Who developed the chip?: a team (香港創科團隊) made it as well as an organisation
        return bool(_ORG_RE.search(text)
                    or (qtype == "person" and _WHO_Q_RE.search(question) and _AGENT_RE.search(text)))
    if qtype == "time":
        if _DAY_Q_RE.search(question):  # 哪一天 is not answered by 早前 or 今年
            return bool(_DAY_RE.search(text))
        if _MONTH_Q_RE.search(question):
            return bool(_MONTH_RE.search(text))
        return bool(_TIME_RE.search(text))
    if qtype == "quantity":
        spans = [sp for sp in quantity_spans(focus_clauses(text, question, weight), question)
                 if not restates(sp, question)]
        if counts_only(question):
            spans = [sp for sp in spans if is_count(sp)]
        unit = UNIT_RE.search(question)
        # 超200萬平方米 is an area, whatever its 萬 (投資了多少家企業 counts firms: its 家 decides)
        if _MONEY_RE.search(question) and not (unit and unit.group(1) not in "粒枚"):
            return any(u in sp for sp in spans for u in "元億亿萬万" if not _MEASURE_RE.search(sp))
        if unit:
            return any(counted_or_shared(sp, unit.group(1), question) for sp in spans)
        wanted = chinese_units(question)  # 空間有多大: an area, not the 七成 it grew by
        if wanted:  # (a share may be a fraction, which the figure patterns leave out: 五分之三)
            return any(u in sp for sp in spans for u in wanted) or (
                "分之" in wanted and "分之" in focus_clauses(text, question, weight))
        return bool(spans)
    if qtype == "rank":  # in the clause of what is ranked: 創新指數登榜首 港數碼競爭力領跑亞洲 ranks no 數碼競爭力
        return bool(SPAN_PATTERNS["rank"].search(focus_clauses(text, question, weight)))
    if qtype == "place":  # (哪個地區 may ask for a region no place list names: 羅斯托夫州, 阿索斯山)
        return bool(place_span(text, question)) or bool(_REGION_Q_RE.search(question))
    definition = DEFINITION_Q_RE.match(question.strip())
    if qtype == "what" and definition:  # 獅子山芯是甚麼: a sentence that says what it is
        return bool(definition_span(text, definition.group(1)))
    if qtype == "purpose":
        return bool(PURPOSE_RE.search(text) or (HELP_Q_RE.search(question) and HELP_RE.search(text))
                    or (FIX_Q_RE.search(question) and FIX_RE.search(text)))
    if POINT_Q_RE.search(question):  # Why bring up the 60/40 split?: what it proves (雙向樞紐價值的最佳印證)
        if PROOF_RE.search(text):
            return True
        if qtype != "why":  # (a why-question may also be answered by a reason)
            return False
    if qtype == "why":
        # what draws talent here is no constraint (受制於土地空間稀缺 holds research back, it attracts no one)
        reasons = "" if _ATTRACT_Q_RE.search(question) and _CONSTRAINT_RE.search(text) else text
        return (bool(_REASON_RE.search(reasons)) or bool(SAID_WHY_Q_RE.search(question) and PROOF_RE.search(text))
                or bool(SIGNIFICANCE_Q_RE.search(question) and SIGNIFICANCE_RE.search(text))
                or bool(CONTRAST_Q_RE.search(question) and NOT_BUT_RE.search(text))
                # 憑藉哪些條件協助內地企業出海 / why would mainland firms go through Hong Kong: what it relies on to
                # help them (依託普通法體系…，助力內地創科企業「借港出海」)
                # (what draws talent is another question: the same sentence's 吸引 answers it no more)
                or bool((HELP_Q_RE.search(question) or not _ATTRACT_Q_RE.search(question))
                        and HELP_RE.search(text) and _MEANS_RE.search(text)))
    return True


# a claim that something is full (爆滿, 住滿, fully occupied): a share below the whole says no, and the sentence
# giving the occupancy (入駐率, 出租率) is the one that decides it
FULL_RE = re.compile(r"爆滿|爆满|住滿|住满|租滿|租满|全滿|全满|滿座|满座|坐滿|坐满|滿晒|满晒|額滿|额满|"
                     r"\bfull(?:y (?:occupied|let|leased|booked|taken))?\b|\bat capacity\b", re.I)
OCCUPANCY_RE = re.compile(r"入駐率|入驻率|出租率")


# why Y rather than X / 為甚麼是Y而不是X: the sentence that says 並非X，而是Y answers it with its Y
CONTRAST_Q_RE = re.compile(r"\brather than\b|\binstead of\b|\bnot (?:just|merely|simply|only)\b|\bmore than just\b|"
                           r"而不是|而非|不只是|不僅是|不仅是|不單是|不单是|"
                           # 不是排名上升，而是甚麼: what it is, said against what it is not
                           r"(?:不是|並非|并非|不在於|不在于)[^？?]{0,30}而(?:是|在於|在于)(?:甚麼|什麼|什么|甚么|乜|咩|哪)",
                           re.I)
# 並非X，而是Y / 不在於X，而在於Y: what is denied (1) and what is said instead (2)
NOT_BUT_RE = re.compile(r"(?:並非|并非|並不是|并不是|不是|不在於|不在于|不只是|不僅是|不仅是|不單是|不单是)"
                        r"([^。；;！？]{1,40}?)[，,]?\s*而(?:是|在於|在于)([^，。；,;！？]{2,40})")


# what X is for: 作為首款…數據中心管理芯片, 旨在…, 用於…, 引導社會資本… (not the name 產業引導基金); and the
# words that give a reason
# the purpose follows its marker (旨在 / 用於…); 引導社會資本投向… keeps its verb: steering capital is the purpose
PURPOSE_RE = re.compile(r"(?:作為|作为|用於|用于|用來|用来|用作|旨在|目的是|目的在於|以便|為了|为了|負責|负责|致力|"
                        r"追求)"
                        r"([^，。；,;！？]{2,40})|((?:引導|引导)(?!基金)[^，。；,;！？]{2,40})")
# asked what X helps others do: 助力X「借港出海」，拓展全球市場 says whom it helps, and to do what (the clause after)
HELP_Q_RE = re.compile(r"\bhelps?\b|\bhelping\b|幫助|帮助|協助|协助|助力|幫|帮", re.I)
HELP_RE = re.compile(r"(?:助力|幫助|帮助|協助|协助)([^，。；,;！？]{2,40}(?:[，,][^，。；,;！？]{2,30})?)")
# asked what X fixes: 解決了…短板 says what it fixed (the clause after)
FIX_Q_RE = re.compile(r"\bfix(?:es|ed|ing)?\b|\bsolve[sd]?\b|\bsolving\b|解決|解决|破解", re.I)
FIX_RE = re.compile(r"(?:解決|解决|破解|化解)(?:了)?([^，。；,;！？]{2,40})")
# a reason that follows its marker: 憑藉領先的國際專利申請量… / 由於土地…
REASON_SPAN_RE = re.compile(r"(?:因為|因为|由於|由于|憑藉|凭借|受制於|受制于|受限於|受限于|得益於|得益于|源於|源于|"
                            r"緣於|缘于|有賴於|有赖于|受惠於|受惠于|依託|依托|"
                            # 不在於獎項，而在於解決了…短板: what it lies in, not what it does not
                            r"(?<![不並并])在於|(?<![不並并])在于)([^，。；,;！？]{2,40})")
# what makes a thing so, before the verb: 國際化的法治環境、…低稅率的營商優勢，讓香港成為全球創科人才的優選之地
CAUSE_BEFORE_RE = re.compile(r"[，,]\s*(?:讓|让|令|使)[^，,。；;]{1,12}(?:成為|成为)")
_REASON_RE = re.compile(r"(?:讓|让|令|使)[^，,。；;]{1,12}(?:成為|成为)|"
                        r"因為|因为|由於|由于|憑藉|凭借|受制|受限|得益於|得益于|源於|源于|原因|所以|因此|"
                        r"導致|导致|緣於|在於|在于|是因|受惠|有賴|有赖")


# a question about what draws people or firms, and the reason markers that give a constraint instead
_ATTRACT_Q_RE = re.compile(r"吸引|招攬|招揽|延攬|延揽|落腳|落脚|\battract|\bdraw|\bappeal|\bwant to come\b|\bchoose\b",
                           re.I)
_CONSTRAINT_RE = re.compile(r"受制|受限")
# what a thing relies on to do what it does (依託普通法體系…，助力…): a means, a reason only for how it helps
_MEANS_RE = re.compile(r"依託|依托|依靠|憑藉|凭借")


# why X matters (so much) / is important / significant asks what it achieves or marks, which the page says with
# 實現…突破, 標誌著, 彰顯, 填補, 意味著 rather than a reason's 因為 (標誌性, iconic, is no such word)
SIGNIFICANCE_Q_RE = re.compile(r"\b(?:matters?|mattered|important|importance|significant|significance|big deal|"
                               r"meaningful|noteworthy|notable|remarkable)\b",
                               re.I)
SIGNIFICANCE_RE = re.compile(r"實現|实现|標誌著|標誌着|标志着|彰顯|彰显|填補|填补|意味|印證|印证|里程碑")
# a Chinese question asking what a thing means (有甚麼意義, 有何重要意義, 重要性何在): what it achieves or marks
MEANING_Q_RE = re.compile(r"(?:甚麼|什麼|什么|甚么|何|咩)(?:重大|重要|特別|特别)?(?:意義|意义)|"
                          r"(?:意義|意义)(?:何在|在哪|是甚麼|是什麼|是什么|係咩|為何|为何)|重要性|"
                          r"(?:有何|有甚麼|有什麼|有什么|有咩)重要")  # (最有長遠意義的成績 asks what, not its meaning)


# why the writer brings a fact up, what a fact proves: 正是X的最佳印證 says what (X)
POINT_Q_RE = re.compile(r"\bwhy (?:does|did|do|would) (?:the )?(?:writer|article|paper|author|report|reporter|"
                        r"commentary|piece|story)\s+(?:point to|points to|bring up|highlight|mention|cite|stress|"
                        r"emphasi[sz]e|make a point of|single out)\b|"
                        r"\bwhat (?:does|did|do) .{3,80}\b(?:prove|show|demonstrate|illustrate|say about)\b|"
                        r"證明了?(?:甚麼|什麼|什么|乜)|说明了?什么|說明了?(?:甚麼|什麼)|印證了?(?:甚麼|什麼|什么)",
                        re.I)
# why something is said of it (為甚麼說香港是雙向樞紐, Why is Hong Kong called a two-way hub, what evidence…): the
# sentence that gives the fact the page says proves it (六成…來自內地、四成來自海外，正是…雙向樞紐價值的最佳印證)
SAID_WHY_Q_RE = re.compile(r"(?:為甚麼|為什麼|为什么|为甚么|為何|为何|憑甚麼|凭什么)(?:會|会)?(?:說|说)|"
                           r"(?:有|有甚麼|有什麼|有什么|有何)(?:證據|证据|根據|根据|依據|依据)|何以見得|何以见得|"
                           r"\bwhy (?:is|are|was|were) .{1,60}\b(?:called|described as|seen as|labell?ed|regarded as|"
                           r"considered|viewed as)\b|"
                           r"\bwhy (?:does|did|do) (?:the )?(?:writer|article|paper|author|report|reporter|piece|"
                           r"story) (?:call|describe|label|say|consider|regard|see|view|find)\b|"
                           r"\bwhat (?:evidence|proof)\b", re.I)
PROOF_RE = re.compile(r"(?:正是|就是|便是|是)([^，。；,;！？]{2,30}?)的(?:最佳|最好|有力|生動|生动)?"
                      r"(?:印證|印证|證明|证明|體現|体现|縮影|缩影|見證|见证)")

YEARS_Q_RE = re.compile(r"多少年|幾年|几年|幾多年|几多年|多久|多長時間|多长时间|how many years|how long", re.I)


def quantity_spans(text: str, question: str) -> list[str]:
    """Figures with a unit in ``text``; a number of years (過去一年, 十年間) only when years are asked for."""
    spans = [m.group() for m in SPAN_PATTERNS["quantity"].finditer(text)]
    if YEARS_Q_RE.search(question):
        return spans
    return [sp for sp in spans if "年" not in sp]


_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")
_HOW_MANY_EN_RE = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b", re.I)
# what a figure measures when it is not money: areas, lengths, people, firms, items, shares
_MEASURE_RE = re.compile(r"平方|公里|米|人|家|所|名|噸|吨|個|个|項|项|座|間|间|款|倍|%|％|成")
_MONEY_OR_SHARE_RE = re.compile(r"[元億亿萬万%％成]|公里|平方|米")  # money, shares, lengths and areas


def counts_only(question: str) -> bool:
    """An English 'how many', or a Chinese 有多少 of things (有幾多企業 / 多少間公司), asks for a count: not 百億 (an
    amount of money) or 六成 (a share)."""
    return bool(_HOW_MANY_EN_RE.search(question) or _HOW_MANY_ZH_RE.search(question))


# 有多少企業 / 幾多間公司: how many of a kind of thing (not 多少比例, 多少成, 多少錢)
# (有多少企業來自海外 asks a share of them: only the count that ends the question)
_HOW_MANY_ZH_RE = re.compile(r"(?:多少|幾多|几多)(?:間|间|家|個|个|所|位|名)?"
                             r"(?:企業|企业|公司|機構|机构|實驗室|实验室|初創|初创|團隊|团队|廠商|厂商)"
                             r"(?=[呀啊㗎呢嘅的]*[？?]?\s*$)")


def is_count(span: str) -> bool:
    return not _MONEY_OR_SHARE_RE.search(span)

# a place a where-question may be answered with; the one after 來自 / 位於 / 在 is what the sentence says of it
SEVERAL_PLACES_RE = re.compile(r"哪些|哪幾|哪几|\b(?:countries|cities|places|regions)\b", re.I)
_PLACE_AFTER_RE = re.compile(r"(?:來自|来自|位於|位于|落戶|落户|在|於|于|到|赴)$")


_REGION_Q_RE = re.compile(r"地區|地区")
_FOREIGN_Q_RE = re.compile(r"外國|外国|國外|国外|海外|境外|\b(?:foreign|overseas|abroad)\b", re.I)
_HOME_PLACES = {normalize(p) for p in ("香港", "深圳", "廣州", "內地", "大灣區", "粵港澳", "河套", "落馬洲",
                                       "北部都會區", "新田", "數碼港", "科學園", "九龍", "新界", "沙田", "將軍澳",
                                       "前海", "南沙")}


_NOT_COUNTRIES = {normalize(p) for p in ("海外", "歐洲", "亞洲")}  # overseas, a continent: no country
_COUNTRY_Q_RE = re.compile(r"國家|国家|\bcountr(?:y|ies)\b|\bnations?\b", re.I)
_OTHERS_RE = re.compile(r"其他城市|其他地區|其他地区|其他地方|各地|等地")
_LOCAL_RE = re.compile(r"本地|本土|本港|\blocal(?:ly)?\b", re.I)


def place_span(text: str, question: str) -> str:
    """The place ``text`` gives that the question does not name (六成入駐河套園區的企業來自內地, asked where the
    firms come from: 內地), preferring one after 來自 / 位於 / 在; ``""`` when there is none."""
    asked = {e.text for e in entities_of(question)}
    if _LOCAL_RE.search(question):  # 本地大學的成果要跑到哪裏去: not 香港, the place the question calls local
        asked.add("香港")
    found = [(m.start(), m.group()) for m in PLACE_RE.finditer(text) if m.group() not in asked]
    if _FOREIGN_Q_RE.search(question):  # 同外國邊度機構合作: 瑞士、德國, not the 香港 of 香港國際平台
        found = [(start, p) for start, p in found if normalize(p) not in _HOME_PLACES]
    if _COUNTRY_Q_RE.search(question):  # 哪幾個國家: 瑞士、德國, not the 香港 of 香港實驗室 (a city, not a country)
        found = [(start, p) for start, p in found if normalize(p) not in _HOME_PLACES | _NOT_COUNTRIES]
    if not found:
        return ""
    if SEVERAL_PLACES_RE.search(question):  # 哪些國家 / which countries: every one the clause names
        return "、".join(dict.fromkeys(p for _, p in found))
    # 四成入駐的企業來自哪裡: the place after the figure the question states (四成來自海外, not 六成…來自內地)
    norm, stated = normalize(text), _FIGURE_RE.findall(normalize(question))
    for figure in stated:
        at = norm.find(figure)
        later = [p for start, p in found if at >= 0 and start > at]
        if later:
            return later[0]
    after = [(start, p) for start, p in found if _PLACE_AFTER_RE.search(text[:start])]
    picked = (after or [found[-1]])[0]
    # 對接瑞士、德國等: the places listed with it are answers too
    groups: list[list[tuple[int, str]]] = []
    for start, place in found:
        last_start, last = groups[-1][-1] if groups else (0, "")
        if groups and text[last_start + len(last) : start] in ("、", "和", "及", "與", "与", "或"):
            groups[-1].append((start, place))
        else:
            groups.append([(start, place)])
    group = next(g for g in groups if picked in g)
    if any(text[a + len(p) : b] == "或" for (a, p), (b, _) in zip(group, group[1:])):
        # 遠赴海外或內地其他城市: places offered as alternatives are one answer, as the page words it
        end = group[-1][0] + len(group[-1][1])
        others = _OTHERS_RE.match(text, end)
        return text[group[0][0] : end] + (others.group() if others else "")
    return "、".join(p for _, p in group)


def restates(span: str, question: str) -> bool:
    """Does ``span`` only give back a figure the question already states? (How many of the 79 institutions
    work on biomedicine? is not answered by 79家.)"""
    own = _FIGURE_RE.findall(normalize(span))
    return bool(own) and set(own) <= set(_FIGURE_RE.findall(normalize(question)))


def focus_clauses(text: str, question: str, weight: TermWeight) -> str:
    """The clauses of ``text`` holding the question's most specific term that the text contains (過去一年新增
    多少家: the figure must sit beside 新增, not beside 初創 elsewhere in the sentence)."""
    _, multis = key_tokens(question)
    toks = set(tokenize(text))
    present = [t for t in multis if t in toks]
    if not present:
        return text
    top = max(map(weight, present))
    keys = {t for t in present if weight(t) >= tuning.KEY_TERM_SHARE * top}
    parts = clauses(text)
    # a key term's clause and the one after it (十年間，香港初創企業從千餘家…)
    picked = {j for i, c in enumerate(parts) if keys & set(tokenize(c)) for j in (i, i + 1)}
    return "，".join(parts[i] for i in sorted(picked) if i < len(parts)) or text

# a question that asks for several things, and a sentence that lists several (X、Y、Z)
# which fields / which frontier fields (not: which city does)
_LIST_Q_RE = re.compile(r"哪些|哪幾|哪几|有哪|分別|分别|\bwhat (are|were)\b|"
                        r"\bwhich (?:[a-z-]+ ){0,2}?(?!(?:is|was|has|does|gets)\b)[a-z-]{2,}s\b", re.I)
_ENUMERATION_RE = re.compile(r"[^、，。；]{2,12}、[^、，。；]{2,12}")
# 深圳扮演什麼角色 asks for a 角色: the noun after the interrogative names the kind of answer
CATEGORY_RE = re.compile(r"(?:甚麼|什麼|什么|甚么|哪些|哪個|哪个|哪種|哪种|哪類|哪类|哪一[個个種种類类項项]|哪一|"
                         r"哪(?=方面)|(?:哪幾|哪几)[個个項项種种類类]?)"
                         r"(?:的)?([\u4e00-\u9fff]{2})")


def answer_category(question: str) -> set[str]:
    """The tokens of the noun right after the interrogative (什麼角色 -> {角色}); empty when there is none."""
    m = CATEGORY_RE.search(question)
    if not m:
        return set()
    return {t for t in tokenize(m.group(1)) if len(t) > 1}


def asking_clause_terms(question: str) -> set[str]:
    """The terms only the interrogative clause of a question of several clauses holds.

    In 深港穗集群能夠登頂全球創新指數，報道指它憑藉了哪些方面的表現？ the first clause is what the asker takes as
    known and 憑藉 is what is asked about: the answer sentence need not repeat 登頂.
    """
    parts = clauses(question)
    asking = [c for c in parts if INTERROGATIVE_RE.search(c)]
    if len(parts) <= 1 or len(asking) != 1:
        return set()
    _, own = key_tokens(asking[0])
    _, rest = key_tokens("，".join(c for c in parts if c is not asking[0]))
    return own - rest


def _boosted(weight: TermWeight, terms: set[str]) -> TermWeight:
    return lambda t: weight(t) * (tuning.CATEGORY_BOOST if t in terms else 1.0)


def _ranking_coverage(seen: str, previous: str, cover: Callable[[str], float], own: str | None = None) -> float:
    """Coverage of a sentence, where terms only its previous sentence holds count ``tuning.INHERIT``, and terms
    only its place on the page holds (``seen`` less ``own``, the sentence itself: its section's heading, its
    document's title) count ``tuning.CONTEXT_SHARE``.

    A sentence leans on the one before it: ``基金核心定位並非短期盈利，而是引導社會資本…`` answers 那個一百億港元
    的引導基金，核心定位是甚麼 but names neither 百億 nor 引導基金; the sentence before it does. Under the heading
    港誕15所全國重點實驗室, 15所香港實驗室成功獲批… names the laboratories itself; 依託五所世界百強高校… does not.
    """
    full = cover(seen)
    held = full
    if own is not None:
        alone = cover(own)
        held = alone + tuning.CONTEXT_SHARE * max(0.0, full - alone)
    if not previous:
        return held
    return held + tuning.INHERIT * max(0.0, cover(f"{seen} {previous}") - full)


def _group_coverage(sentence: str, groups: Sequence[tuple[str, ...]], weight: TermWeight = flat) -> float:
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
                    cross_lingual: bool | None = None, weight: TermWeight = flat,
                    groups: Sequence[tuple[str, ...]] = (),
                    names: Sequence[str] | None = None,
                    own_groups: Sequence[tuple[str, ...]] = ()) -> list[ScoredSentence]:
    """Every sentence of the top passages, scored by key-term coverage, answer type and passage rank.

    ``question`` supplies the key terms (for a follow-up: the rewritten query; for English: with its Chinese
    expansion); ``focus`` is the user's own latest question, whose terms must weigh as much as the history's;
    ``groups``: for an English question, the Chinese renderings of each of its terms (coverage counts terms);
    ``own_groups``: for an English follow-up, the renderings of its own terms, which weigh as the focus's do (And
    Hong Kong's digital competitiveness? is about 數碼競爭力, not the cluster of the earlier turn);
    ``names``: the quoted and Latin names the question is about (``Question.entities`` of kind name), which a
    passage must hold for its sentences to count as typed; read from ``focus or question`` when not given.
    """
    if names is None:
        names = entities(focus or question)
    unis, multis = key_tokens(question)
    # an English question's own words match no Chinese sentence: its terms are counted through ``groups``
    funis, fmultis = key_tokens(focus) if focus and focus != question and not groups else (set(), set())
    if cross_lingual is None:
        cross_lingual = is_latin(question)
    wants_list = bool(_LIST_Q_RE.search(focus or question))
    each = each_places(focus or question)
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
            rank_cov = _ranking_coverage(seen, previous, lambda t: _group_coverage(t, groups, weight), own=text)
        else:
            cov = coverage(seen, unis, multis)
            rank_cov = _ranking_coverage(seen, previous, lambda t: coverage(t, unis, multis, weight), own=text)
        if own_groups:
            cov = (1 - tuning.FOCUS_SHARE) * cov + tuning.FOCUS_SHARE * _group_coverage(seen, own_groups)
            rank_cov = ((1 - tuning.FOCUS_SHARE) * rank_cov
                        + tuning.FOCUS_SHARE * _ranking_coverage(seen, previous,
                                                          lambda t: _group_coverage(t, own_groups, weight), own=text))
        if funis or fmultis:
            cov = (1 - tuning.FOCUS_SHARE) * cov + tuning.FOCUS_SHARE * coverage(seen, funis, fmultis)
            # the user's own words rank: 那二期呢 is about 二期 even though the history says 首期
            rank_cov = ((1 - tuning.FOCUS_SHARE) * rank_cov
                        + tuning.FOCUS_SHARE * _ranking_coverage(seen, previous,
                                                          lambda t: coverage(t, funis, fmultis, weight)))
        sim = float(sims[j]) if sims is not None else 0.0
        typed = typed_ok(text, focus or question, qtype, weight, around=f"{context} {previous}")
        if names and not all(normalize(n) in normalize(seen + hits[hi].chunk.text) for n in names):
            typed = False  # the passage is not about the thing asked about
        if cross_lingual:
            score = tuning.CROSS_COVERAGE_WEIGHT * rank_cov + tuning.CROSS_SIM_WEIGHT * sim
        else:
            score = rank_cov + tuning.SIM_WEIGHT * sim
        score += tuning.TYPED_BONUS * typed + tuning.RANK_BONUS / (1 + hi)  # the retriever's order breaks ties
        if wants_list and _ENUMERATION_RE.search(text):
            score += tuning.LIST_BONUS  # 哪些賽道: 人工智能、生命健康、低空經濟、微電子等前沿賽道
        if each and all(p in text for p in each):
            score += tuning.TYPED_BONUS  # 香港和深圳各有甚麼優勢: a sentence saying it of both ranks as typed
        out.append(ScoredSentence(hi, s, e, text, cov, score, sim, typed))
    out.sort(key=lambda x: -x.score)
    return out
