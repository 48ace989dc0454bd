"""Answer forms no single extracted sentence gives: a refusal that says what the article does give, a yes/no
verdict with the evidence that decides it, an overview of the article's own key points, and answers about the
article itself (its author, newspaper and series), each cited."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .. import tuning
from ..chunking import split_sentences
from ..crosslingual import pinyin_name, renderings
from ..evidence import FULL_RE, NOT_BUT_RE, ScoredSentence
from ..messages import (
    ENTITY_SWAP,
    NEAREST,
    NO,
    NO_PRINT_DETAILS,
    NOT_MENTIONED,
    OVERVIEW,
    PART_OVERVIEW,
    REFUSAL,
    TOPIC_OVERVIEW,
    YES,
    say,
)
from ..question import PLACES, Question, place_in_english
from ..types import Answer, AnswerSentence, Chunk, Citation, Hit
from ..zh import (
    EN_COUNTS,
    EN_ORDINALS,
    EN_YEARS,
    MAJORITY_PERCENT,
    amounts,
    char_bigrams,
    cn_to_int,
    han_count,
    is_latin,
    normalize,
    odd_ranges,
    to_script,
)
from .compose import english_short


def _citation(n: int, chunk: Chunk, quote: str = "", quote_found: bool = True) -> Citation:
    return Citation(n=n, chunk_id=chunk.id, text=chunk.text, start=chunk.start, end=chunk.end, section=chunk.section,
                    kind=chunk.kind, quote=quote or chunk.text, quote_found=quote_found)


def _answer(q: Question, text: str, citations: Sequence[Citation], hits: Sequence[Hit], *, short: str = "",
            kind: str, refused: bool = False, context: Sequence[Citation] = (), checks: dict | None = None) -> Answer:
    text = to_script(text, q.script)
    markers = tuple(c.n for c in citations)
    return Answer(question=q.text, text=text, citations=tuple(citations), refused=refused, hits=tuple(hits),
                  short_answer=to_script(short, q.script), query=q.query, script=q.script,
                  sentences=(AnswerSentence(text, markers),), kind=kind, context=tuple(context),
                  checks=checks or {})


# --- refusal ------------------------------------------------------------------------------------------------


def refusal(q: Question, hits: Sequence[Hit], nearest: ScoredSentence | None, *, other: str = "", short: str = "",
            checks: dict | None = None, asked: str = "") -> Answer:
    """The article does not say; the nearest passage is context, not a citation. When the evidence names
    another place than the one asked about, say what the article does give (文章只提到香港的：接近4700家)."""
    context: list[Citation] = []
    text = say(REFUSAL, q.script)
    if nearest is not None:
        hit = hits[nearest.hit_index]
        context.append(_citation(1, hit.chunk, nearest.text, quote_found=True))
        asked = asked or next((e.text for e in q.entities if e.kind == "place"), "")  # the place it lacks
        if other and asked and short:
            shown = english_short(short) if q.english else short
            if q.english:  # 深圳 -> Shenzhen; a place without an English name here in pinyin
                asked, other = (place_in_english(p) or pinyin_name(p) for p in (asked, other))
            text = say(ENTITY_SWAP, q.script).format(asked=asked, other=other, short=shown)
        else:
            text += f" {say(NEAREST, q.script)}" if q.english else say(NEAREST, q.script)
    return _answer(q, text, (), hits, kind="refusal", refused=True, context=context, checks=checks)


# --- yes / no -----------------------------------------------------------------------------------------------

# 文章有沒有提到通脹 / Does the article mention inflation: when the evidence does not hold it, the answer is no
# (話你知提到，…對不對？ names where a claim was read, then asks the claim: no mention question)
_MENTION_RE = re.compile(r"(?:提到|提及|談到|谈到|講到|讲到|說到|说到|說過|说过|講過|讲过)(?![，,：:])|"
                         r"\bmention|\btalk about\b|\bsay anything about\b",
                         re.I)


def asks_mention(q: Question) -> bool:
    return q.intent == "yesno" and bool(_MENTION_RE.search(q.standard))


def mentioned_part(q: Question) -> str:
    """What a mention question asks the page to have said: the words after 說過 / 提到 / mention (專家有沒有說過
    要發展量子電腦 -> 要發展量子電腦; 圖片說明裡提到的創科展，是四月舉辦的嗎 -> the exhibition, not the caption)."""
    m = _MENTION_RE.search(q.standard)
    if not m:
        return ""
    after = q.standard[m.end() :]
    if han_count(after) or re.search(r"[A-Za-z]", after):
        return after
    return q.standard[: m.start()]  # 香港體育科技有冇提到？: what is asked about comes first


def not_mentioned(q: Question, hits: Sequence[Hit], nearest: ScoredSentence | None, checks: dict | None) -> Answer:
    """No, with the nearest passage as context: the article does not mention what the question names."""
    context = [_citation(1, hits[nearest.hit_index].chunk, nearest.text)] if nearest is not None else []
    return _answer(q, say(NOT_MENTIONED, q.script), (), hits, short=say(NO, q.script).rstrip("。.，, "),
                   kind="yesno", context=context, checks=checks)

_RANK_RE = re.compile(r"第\s*([0-9]+|[一二三四五六七八九十]+)|(first|second|third|fourth|fifth|top)\b", re.I)
# a negation, not a word that only holds its character: 未來, 不斷, 不僅, 不少, 無縫, 非常 negate nothing
_NEGATION_RE = re.compile(r"不(?![斷断僅仅少同但論论久過过只單单停妨然管])|沒有|没有|未(?![來来必])|非(?![常洲凡])|"
                          r"[無无](?![論论縫缝限數数])")


# an English claim that negates (the fund isn't about a quick profit, right?); an opening Isn't… / Doesn't… and a
# closing …, isn't it? ask about the claim as it stands, so they are no negation
_EN_NEGATION_RE = re.compile(r"\b(?:not|never|no longer)\b|n['’]t\b", re.I)
_EN_NEGATIVE_ASK_RE = re.compile(r"^\W*(?:(?:so|but|and|then|well)\W+)?(?:is|are|was|were|do|does|did|has|have|"
                                 r"had|will|would|can|could|should)n['’]t\b|"
                                 r",?\s*(?:(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)n['’]t\s+\w+"
                                 r"|or not)\s*[?？]*\s*$", re.I)


def _negated(question: str, normalized: str) -> bool:
    """Does the yes/no question's claim negate (香港是不是沒有…, the fund isn't about profit, right?)?"""
    if _NEGATION_RE.search(normalized):
        return True
    return is_latin(question) and bool(_EN_NEGATION_RE.search(_EN_NEGATIVE_ASK_RE.sub("", question)))


# a claim that a figure grew so many times over: doubled (增加了一倍, 翻了一番), tripled (三倍), …
_MULTIPLES = (("two", re.compile(r"(?:增加|增长|上升|升|多|涨)了?1倍|翻了?1?(?:倍|番)|(?:到|至|成|为)2倍|"
                                r"\bdoubled?\b|\btwice as (?:many|much|big|large)\b|\btwo ?fold\b", re.I)),
              ("three", re.compile(r"(?<![\d.])3倍|\btripled?\b|\bthree ?fold\b|\bthree times\b", re.I)),
              ("four", re.compile(r"(?<![\d.])4倍|\bquadrupled?\b|\bfour ?fold\b|\bfour times\b", re.I)),
              ("five", re.compile(r"(?<![\d.])5倍|\bfive ?fold\b|\bfive times\b", re.I)))
# a change from one figure to another (从1000余家跃升至近4700家), normalised text
_FROM_TO_RE = re.compile(r"[从由](?:约|近|超)?(\d+(?:\.\d+)?)[^,，。;；]{0,8}?(?:至|到)(?:约|近|超|接近)?"
                         r"(\d+(?:\.\d+)?)")


def multiple_claimed(question: str) -> int:
    """How many times over a claim says a figure grew (doubled -> 2, 三倍 -> 3); 0 when it says none."""
    text = normalize(question) if han_count(question) else question
    return next((EN_COUNTS[n] for n, pattern in _MULTIPLES if pattern.search(text)), 0)


def growth_of(sentence: str) -> float | None:
    """The ratio of the figure a sentence says something rose to over the one it rose from (从1000余家…至近4700家
    -> 4.7); ``None`` when it gives no such change."""
    m = _FROM_TO_RE.search(normalize(sentence))
    if m is None or not float(m.group(1)):
        return None
    return float(m.group(2)) / float(m.group(1))


# where a share of things comes from: the mainland or overseas (六成…來自內地、四成來自海外)
_SOURCES = (("內地", re.compile(r"內地|内地|大陸|大陆|\bmainland\b|\bchina\b", re.I)),
            ("海外", re.compile(r"海外|境外|外國|外国|\boverseas\b|\babroad\b|\bforeign\b|\binternational\b", re.I)))


def share_from(question: str, sentence: str) -> bool | None:
    """For a claim that a share of things comes from one side (60% of the firms are from overseas), whether the
    sentence's clause giving that share names the same side; ``None`` when the claim or the sentence says no
    such thing."""
    asked = [v for v, share in amounts(question) if share]
    claimed = [name for name, pattern in _SOURCES if pattern.search(question)]
    if not asked or len(claimed) != 1:
        return None
    for clause in re.split(r"[，,、；;。]", sentence):
        if any(v in asked for v, share in amounts(clause) if share):
            named = [name for name, pattern in _SOURCES if pattern.search(clause)]
            if named:
                return claimed[0] in named
    return None


def _ranks(text: str) -> set[int]:
    out = set()
    for m in _RANK_RE.finditer(text):
        if m.group(1):
            n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        else:
            n = EN_ORDINALS[m.group(2).lower()]
        if n:
            out.add(n)
    if re.search(r"榜首|登頂|登顶|世一|首(?=[款個个家位批座])|no\.? ?1\b|number one", text, re.I):
        out.add(1)
    return out


# a claim about a figure's size: more than X (超過八成, over 90%), less than X, or most (大部分, most: over half)
# (over ten years / over the past decade is a period, not more than)
_MORE_RE = re.compile(r"超過|超过|多於|多于|高於|高于|大於|大于|以上|逾|多過|多过|大過|高過|高过|\bmore than\b|"
                      # over a figure (over 60 firms, over half), not over a time or a thing (over the original plan)
                      r"\bover\b(?!\s+(?:the\s+)?(?:past\s+|last\s+|next\s+)?(?:\w+\s+)?(?:years?|months?|decades?|weeks?)\b)"
                      r"(?=\s+(?:about\s+|around\s+|roughly\s+)?(?:HK\$|US\$|\$|RMB)?\s*(?:\d|an?\b|one\b|two\b|three\b|four|five|"
                      r"six|seven|eight|nine|ten\b|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|thousand))|"
                      r"\babove\b|\bexceed|"
                      r"\bgreater than\b|\bat least\b", re.I)
_LESS_RE = re.compile(r"少於|少于|低於|低于|小於|小于|不足|不到|以下|少過|少过|細過|低過|低过|"
                      r"\bless than\b|\bfewer than\b|\bunder\b|\bbelow\b",
                      re.I)
_MOST_RE = re.compile(r"大部分|大部份|大多數|大多数|大多|多數|多数|過半|过半|"
                      r"以(?=[^，,。？?]{1,12}(?:為主|为主)(?![要導导軸轴題题體体]))|"
                      r"\bmost\b|\bmajority\b", re.I)
# a change to a figure: 從千餘家躍升至近4700家 -- the figure now is the one it rose (or fell) to
_CHANGED_TO_RE = re.compile(r"(?:升至|增至|降至|跌至|增加至|增長至|增长至|達到|达到|至)"
                            r"(?=\s*(?:近|接近|約|约|超|逾)?\s*\d)")


_OVER_RE = re.compile(r"(?:超過|超过|超|逾|多於|多于)\s*\d|\d\s*(?:餘|余|多)")
_UNDER_RE = re.compile(r"(?:近|接近|不足|不到|少於|少于)\s*\d")
_YEARS_RE = re.compile(r"[\d一二兩两三四五六七八九十百]+\s*(?:個|个)?(?:年|月|日|天)")


def current_amounts(clause: str) -> list[tuple[float, bool]]:
    """The figures a clause gives for now, periods aside: after 至 when it says what a figure changed to
    (從千餘家躍升至近4700家 -> 4700), else all of them."""
    clause = _YEARS_RE.sub("", clause)  # 過去一年, 十年間: a period, not the figure a claim is about
    m = _CHANGED_TO_RE.search(clause)
    return amounts(clause[m.end():]) if m else amounts(clause)


# 以X佔多數 / 以X為多數: the claim X stands before the marker
_HELD_BY_RE = re.compile(r"以([^，,。？?]{1,12}?)(?:佔|占|為|为|屬|属)?$")


def compares(question: str, sentence: str) -> bool | None:
    """For a claim about a figure's size (超過八成, most firms, over HK$5 billion): does the sentence's figure of
    the same kind bear it out? ``None`` when the question makes no such claim or no figure decides."""
    more, less, most = _MORE_RE.search(question), _LESS_RE.search(question), _MOST_RE.search(question)
    if not (more or less or most):
        return None
    if not amounts(question) and not most and not is_latin(question):
        return compares_sides(question, sentence, more or less, bigger=bool(more and not less))
    asked = amounts(question) or ([(MAJORITY_PERCENT, True)] if most else [])
    marker = max((m for m in (more, less, most) if m), key=lambda m: m.end())
    after = question[marker.end():]
    # 大部分來自海外: the clause about 來自海外 holds the figure; in English the subject comes between (most firms
    # in the park | from overseas): the last words are the claim, read through their CC-CEDICT renderings. When
    # they do not tell the clauses apart (above 80%?), the whole question is read.
    claims = [" ".join(after.split()[-2:]), question] if is_latin(question) else [after, question]
    held = _HELD_BY_RE.search(question[: marker.start()])
    if not han_count(after) and held:  # 是否以海外公司佔多數: the claim is 海外公司, before the marker
        claims = [held.group(1), question]
    parts = [c for c in re.split(r"[，,、；;。]", sentence) if amounts(c)]
    for claim_text in claims:
        # in one script: the renderings are Simplified, a question may be written in either
        claim = char_bigrams(normalize(renderings(claim_text) if is_latin(claim_text) else claim_text))
        for value, share in asked:
            same = [(len(claim & char_bigrams(normalize(c))), v, c) for c in parts for v, s in current_amounts(c)
                    if s == share]
            if not same:
                continue
            best = max(n for n, _, _ in same)
            picked = {v for n, v, _ in same if n == best}
            if len(picked) == 1:  # one figure: the claim's clause, or the sentence's only one of its kind
                (figure,) = picked
                if figure == value:  # 超40項 bears out more than 40; 近4700家 bears out fewer than 4700
                    clause = next(c for n, v, c in same if n == best)
                    return bool((_UNDER_RE if less and not more else _OVER_RE).search(clause))
                return figure < value if less and not more else figure > value
    return None


_YESNO_MARK_RE = re.compile(r"是否|是不是|有沒有|有没有|會否|会否|係咪|係唔係")
_MEASURE_END_RE = re.compile(r"的?(?:比例|比重|佔比|占比|數目|数目|數量|数量|份額|份额|人數|人数)$")


def compares_sides(question: str, sentence: str, marker: re.Match[str], *, bigger: bool) -> bool | None:
    """A claim that one thing's figure is bigger (or smaller) than another's (內地公司是否多於海外公司？): the
    sentence's figures for each side, each from the part sharing most with that side's words (六成…來自內地 /
    四成來自海外). ``None`` when the sentence does not give one figure of the same kind for each."""
    left = _YESNO_MARK_RE.sub("", re.split(r"[，,、；;]", question[: marker.start()])[-1])
    right = re.split(r"[，,、；;？?。]", question[marker.end():])[0]
    # 內地企業的比例 is compared as 內地企業: the measure is no side
    left, right = (_MEASURE_END_RE.sub("", side).split("的")[-1] for side in (left, right))
    parts = [c for c in re.split(r"[，,、；;。]", sentence) if len(amounts(c)) == 1]
    sides = []
    for side, other in ((left, right), (right, left)):
        grams = char_bigrams(side) - char_bigrams(other)  # 海外企業 vs 內地企業: 海外 tells them apart
        shared = [(len(grams & char_bigrams(c)), amounts(c)[0]) for c in parts]
        best = max((n for n, _ in shared), default=0)
        picked = [a for n, a in shared if n == best]
        if not best or len(picked) != 1:
            return None
        sides.append(picked[0])
    (a, share_a), (b, share_b) = sides
    if share_a != share_b or a == b:
        return None
    return a > b if bigger else a < b


def other_of_kind(unknown: Sequence[str], sentence: str) -> list[str]:
    """The claim's words the article never uses whose head noun the sentence has with another modifier:
    中央政府 against 特區政府, 手機芯片 against 管理芯片 (the head: the last ``tuning.HEAD_CHARS`` characters)."""
    text = normalize(sentence)
    head = tuning.HEAD_CHARS
    return [w for w in unknown if len(w) > head and normalize(w[-head:]) in text and normalize(w) not in text]


def ranks_of_subject(question: str, sentence: str) -> set[int]:
    """Of a sentence giving several ranks (數碼競爭力全球第四、創科單項實力全球第三), the ranks of the part sharing
    most with the question (數碼競爭力是不是全球第三 -> {4}); empty when no part stands out."""
    parts = [c for c in re.split(r"[，,、；;。]", sentence) if _ranks(c)]
    if len(parts) <= 1:
        return set()
    claim = char_bigrams(normalize(renderings(question) if is_latin(question) else question))
    shared = [(len(claim & char_bigrams(normalize(c))), c) for c in parts]
    best = max(n for n, _ in shared)
    picked = [c for n, c in shared if n == best]
    return _ranks(picked[0]) if best and len(picked) == 1 else set()


# a claim that something happened before (衛冕, 以前已經, again) against a first time (首次), or the other way round
_AGAIN_RE = re.compile(r"衛冕|卫冕|蟬聯|蝉联|連續|连续|再次|再度|又一次|重奪|重夺|"
                       r"第[二三四五兩两]次|第[二三四五]度|二度|"
                       r"(?:以前|之前|從前|从前|過去|过去|早)已(?:經|经)?|"
                       r"\bagain\b|\bretain\w*|\bdefend\w*|\bpreviously\b|\balready\b|\bonce more\b|"
                       r"\b(?:second|third) time\b|\btwice\b", re.I)
_FIRST_TIME_RE = re.compile(r"首次|首度|第一次|頭一次|头一次|\bfor the first time\b|\bfirst[- ]ever\b", re.I)
# a span of time a claim or a sentence gives a change over: 五年內, 十年間, 十年前, within five years, a decade
_SPAN_RE = re.compile(r"(\d+|[一二兩两三四五六七八九十百]+)\s*(?:個|个)?年(?=內|内|間|间|來|来|前|之內|之内|之間|之间)|"
                      r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+years?\b|"
                      r"\b(decade)s?\b", re.I)


def spans_of(text: str) -> set[int]:
    """The spans of years ``text`` gives (香港初創企業十年間增至近4700家 -> {10}; in five years -> {5})."""
    out = set()
    for m in _SPAN_RE.finditer(text):
        n = (m.group(1) or m.group(2) or m.group(3)).lower()
        out.add(int(n) if n.isdigit() else EN_YEARS[n] if n in EN_YEARS else cn_to_int(n))
    return out - {0}


# a claim of the form X，而不是Y (the fund is for X rather than Y): its side it asserts and the side it denies
_CLAIM_NOT_RE = re.compile(r"(.{2,}?)[，,]?\s*(?:而不是|而非|而並非|而并非|而不在於|而不在于|rather than|not)"
                           r"\s*(.{2,})", re.I)


def claim_sides(claim: str) -> tuple[str, str] | None:
    """(asserted, denied) for a claim that sets one thing against another: 引導社會資本，而不是追求短期盈利 or
    不是短期盈利，而是引導社會資本; ``None`` for other claims."""
    m = NOT_BUT_RE.search(claim)
    if m:
        return claim[m.start(2):], m.group(1)
    m = _CLAIM_NOT_RE.search(claim)
    return (m.group(1), m.group(2)) if m else None


def _shared(claim: str, sentence: str) -> int:
    """Character bigrams a part of a claim shares with a part of a sentence (an English claim through its
    renderings)."""
    claim = renderings(claim) if is_latin(claim) else claim
    return len(char_bigrams(normalize(claim)) & char_bigrams(normalize(sentence)))


def yes_or_no(question: str, sentence: str, unknown: Sequence[str] = ()) -> bool:
    """Does ``sentence`` confirm the claim the yes/no question makes? A rank or figure the question states must
    be the one the sentence gives (是不是全球第一 against 全球第三: no); with neither, a claim naming something the
    article never mentions (``unknown``: 手機 in 獅子山芯是不是手機芯片) is a no, and so is a sentence that negates
    what the question does not negate."""
    if (_AGAIN_RE.search(question) and _FIRST_TIME_RE.search(sentence)) or \
            (_FIRST_TIME_RE.search(question) and _AGAIN_RE.search(sentence)):
        return False  # 以前已經係全球第一，今次係衛冕 against 首次登頂
    asked_spans, said_spans = spans_of(question), spans_of(sentence)
    if asked_spans and said_spans and not asked_spans & said_spans:
        return False  # 五年內由一千多家升到四千七百家 against 十年間
    denied = NOT_BUT_RE.search(sentence)
    q = re.sub(r"是不是|是否|有沒有|有没有|會不會|会不会|能不能|對不對|对不对", "", normalize(question))
    sides = claim_sides(q) if denied else None
    if sides:  # 是引導社會資本，而不是追求短期盈利 against 並非短期盈利，而是引導社會資本: the same two sides
        (asserted, rejected), s_asserted, s_rejected = sides, sentence[denied.start(2):], denied.group(1)
        straight = _shared(asserted, s_asserted) + _shared(rejected, s_rejected)
        crossed = _shared(asserted, s_rejected) + _shared(rejected, s_asserted)
        if straight != crossed:
            return straight > crossed
    asked_ranks, said_ranks = _ranks(question), _ranks(sentence)
    if asked_ranks and said_ranks:
        said_ranks = ranks_of_subject(question, sentence) or said_ranks
        return bool(asked_ranks & said_ranks)
    compared = compares(question, sentence)
    if compared is not None:
        return compared
    if other_of_kind(unknown, sentence):  # 由中央政府設立 against 特區政府設立: the same figure does not save it
        return False
    moved = direction_of(question)
    if moved and direction_of(sentence) == -moved:  # Did the second phase shrink? against 二期擴容七成
        return False
    multiple = multiple_claimed(question)
    grew = growth_of(sentence) if multiple else None
    if grew:  # 十年間增加了一倍 / tripled against 從千餘家躍升至近4700家: about 4.7 times
        return abs(grew - multiple) <= tuning.MULTIPLE_TOLERANCE * multiple
    sourced = share_from(question, sentence)
    if sourced is not None:  # 六成來自海外 against 六成…來自內地、四成來自海外: the share belongs to the other side
        return sourced
    asked, said = amounts(question), amounts(sentence)
    if FULL_RE.search(question) and not asked and any(share for _, share in said):
        return any(share and v >= tuning.FULL_PERCENT for v, share in said)  # is the Loop full: 約90% is not
    if asked and said:  # the same figure, however written: 百億 is HK$10 billion, 九成 is 90%
        # (四千多間 against 近4700家: a round figure with 多 stands for the range up to its next step)
        return any(a == b for a in asked for b in said) or any(
            lo <= b < hi and not share for lo, hi in odd_ranges(question) for b, share in said)
    if unknown:
        return False
    if denied:  # 並非短期盈利，而是引導社會資本…: the claim is denied if it is about the first half
        rejected, kept = normalize(denied.group(1)), normalize(denied.group(2))
        if (rejected in q) != (kept in q):  # 是追求短期盈利嗎: it says the denied half outright, whatever else
            return _negated(question, q) == (rejected in q)  # its subject shares with the other half
        claim = char_bigrams(q)
        against = len(claim & char_bigrams(normalize(denied.group(1))))
        said = len(claim & char_bigrams(normalize(sentence[denied.start(2):])))
        if against != said:
            return _negated(question, q) == (against > said)
    return _negated(question, q) == bool(_NEGATION_RE.search(normalize(sentence)))


# a figure's direction: up (擴容, 躍升, grew) or down (縮減, shrank)
_UP_RE = re.compile(r"擴|扩|增|升|躍|跃|攀|加碼|加码|\b(?:grow|grew|grown|rise|rose|risen|increas\w*|expand\w*|"
                    r"climb\w*|jump\w*)\b", re.I)
_DOWN_RE = re.compile(r"縮|缩|減|减|降|跌|下滑|萎|\b(?:shr[iau]nk\w*|reduc\w*|cut|decreas\w*|fell|fall\w*|"
                      r"drop\w*|declin\w*|cancel\w*|scrap(?:ped|s)?|shelved|abandon\w*|axed|halted|suspended)\b", re.I)


def direction_of(text: str) -> int:
    """1 when ``text`` says a figure went up, -1 down, 0 neither or both."""
    up, down = bool(_UP_RE.search(text)), bool(_DOWN_RE.search(text))
    return int(up) - int(down)


def yes_no_answer(q: Question, hits: Sequence[Hit], best: ScoredSentence, checks: dict, *,
                  unknown: Sequence[str] = ()) -> Answer:
    """是 / 不是 with the sentence that decides it. ``unknown``: the question's words the article never uses (手機
    in 獅子山芯是不是手機芯片): the claim names something the article does not, so the answer is no."""
    hit = hits[best.hit_index]
    yes = yes_or_no(q.standard if not q.english else q.text, best.text, unknown)
    quote = best.text.strip().lstrip("-▲▼ ").strip()
    verdict = say(YES if yes else NO, q.script)
    text = f"{verdict}「{quote}」[1]" if not q.english else f"{verdict} The article says: 「{quote}」[1]"
    citations = [_citation(1, hit.chunk, best.text)]
    holder = None if yes else other_holder(q, best.text, hits)
    if holder is not None:  # 硬件製造是由廣州負責的嗎: no, and the sentence saying who does it (深圳擔任…硬件製造)
        chunk, sentence = holder
        n = len(citations) + 1
        text += f"「{sentence.strip()}」[{n}]"
        citations.append(_citation(n, chunk, sentence))
    return _answer(q, text, citations, hits, short=verdict.rstrip("。.，, "), kind="yesno", checks=checks)


# where a claim is set (在灣區集群裏): what is said there of every place, not the claim's own words
_SETTING_RE = re.compile(r"在([^，,。？?]{2,12}?)(?:裏|里|中|內|内)")


def other_holder(q: Question, sentence: str, hits: Sequence[Hit]) -> tuple[Chunk, str] | None:
    """For a claim that one place does something (硬件製造是由廣州負責的嗎) whose place's sentence does not say it:
    the sentence of the passages that says it of another place (深圳擔任技術轉化、中試量產、硬件製造…), by the
    claim's words the place's sentence lacks; ``None`` when no sentence does."""
    places = [e.text for e in q.entities if e.kind == "place"]
    said = normalize(sentence)
    if q.english or len(places) != 1 or normalize(places[0]) not in said:
        return None
    # the claim's own words (its focus: 硬件製造) that the place's sentence lacks (硬件)
    focus = normalize(q.focus)
    lacking = [normalize(t) for t in q.terms if len(t) > 1 and normalize(t) in focus and normalize(t) not in said]
    if not lacking:
        return None
    others = [(h.chunk, h.chunk.text[s:e]) for h in hits for s, e in split_sentences(h.chunk.text)
              if normalize(places[0]) not in normalize(h.chunk.text[s:e])
              and any(normalize(p) in normalize(h.chunk.text[s:e]) for p in PLACES)]
    found = next(((c, t) for c, t in others if all(w in normalize(t) for w in lacking)), None)
    if found is not None:
        return found
    # 在灣區集群裏負責硬件製造的是廣州: the claim's setting (灣區集群) is said of all three places, in the
    # paragraph giving each its role; the clause beside the place's own that says the most of the claim
    setting = _SETTING_RE.search(q.standard)
    lacking = [w for w in lacking if not setting or w not in normalize(setting.group(1))] or lacking
    beside = [(c, t) for c, t in others if said in normalize(c.text)]
    count = {id(t): sum(w in normalize(t) for w in lacking) for _, t in beside}
    return max(beside, key=lambda ct: count[id(ct[1])], default=None) if any(count.values()) else None


# --- overview -----------------------------------------------------------------------------------------------

_HOW_MANY_RE = re.compile(r"([一二三四五六七八九十兩两]|\d+)\s*(?:句|點|点|個要點|个要点|項|项|sentences?|points?)",
                          re.I)


def _wanted_items(q: Question) -> int | None:
    m = _HOW_MANY_RE.search(q.standard)
    if m:
        raw = m.group(1)
        return int(raw) if raw.isdigit() else cn_to_int(raw.replace("兩", "二").replace("两", "二"))
    m = re.search(r"\b(one|two|three|four|five)\s+(?:sentences?|points?|lines?)", q.text, re.I)
    return EN_COUNTS[m.group(1).lower()] if m else None


def key_points(chunks: Sequence[Chunk]) -> list[Chunk]:
    """The page's own summary: its fact box items; a document without one gives its headline and the first
    passage of each section."""
    facts = [c for c in chunks if c.kind == "fact"]
    if facts:
        return facts
    seen: set[str] = set()
    points = []
    for c in chunks:
        if c.kind in ("headline", "body") and c.section not in seen:
            seen.add(c.section)
            points.append(c)
    return points


def _point_text(chunk: Chunk, titled: bool = False) -> str:
    """The first sentence of a passage; a fact box item (or, ``titled``, a box item's first paragraph) after
    its title."""
    body = chunk.text
    if chunk.kind == "fact" and chunk.section:
        body = body.replace(chunk.section, "", 1)
    body = body.strip().lstrip("-▲▼ ").strip()
    first = re.split(r"(?<=[。！？])", body)[0]
    if (chunk.kind == "fact" or titled) and chunk.section:
        return f"{chunk.section.split(' · ')[0].strip()}：{first}"
    return first


def part_asked(q: Question, chunks: Sequence[Chunk]) -> tuple[str, list[Chunk]]:
    """The part of the page a summary request names, and its passages: the sidebar (側欄, commentary), the
    explainer (話你知), or a section by its quoted heading (「無縫對接」那篇評論); ``("", [])`` for the whole page."""
    for kind, pattern in _TITLE_OF:
        m = pattern.search(q.standard)
        if m and kind != "fact":
            return (f"the {kind}" if q.english else m.group()), [c for c in chunks if c.kind == kind]
    for quoted in re.findall(r"「([^」]{2,20})」", q.standard):
        part = [c for c in chunks if c.kind != "heading" and c.section.strip() == quoted]
        if part:
            return f"「{quoted}」", part
    return "", []


def overview(q: Question, chunks: Sequence[Chunk]) -> Answer:
    """The article's key points, each cited: the fact box's items (all, or as many as asked for); for a part of
    the page (the sidebar, a quoted section), the first sentence of each of its paragraphs."""
    name, part = part_asked(q, chunks)
    points = part or key_points(chunks)
    n = _wanted_items(q)
    if n:
        points = points[: max(1, n)]
    citations = [_citation(i, c) for i, c in enumerate(points, start=1)]
    # a box of items (話你知 explains two things): each item's first paragraph opens with the item's title
    box = len({c.section for c in points}) > 1 and all(c.kind == "explainer" for c in points)
    titled = [box and (i == 0 or points[i - 1].section != c.section) for i, c in enumerate(points)]
    texts = [_point_text(c, first) for c, first in zip(points, titled)]
    lines = [f"{i}. {t}[{i}]" for i, t in enumerate(texts, start=1)]
    head = say(PART_OVERVIEW, q.script).format(part=name) if part else say(OVERVIEW, q.script)
    text = head + "\n" + "\n".join(lines)
    hits = [Hit(chunk=c, score=1.0, rank=i) for i, c in enumerate(points, start=1)]
    return _answer(q, text, citations, hits, short="；".join(texts), kind="summary")


# words that ask for the page's own summary, not a topic's: 用幾句概括香港過去一年創科有咩主要成就
_GENERAL_WORDS = frozenset("""
香港 本港 創科 创科 科技 創新 创新 過去 过去 一年 去年 今年 成就 成績 成绩 成果 突破 主要 重要
文章 報道 报道 篇文 內容 内容 重點 重点 要點 要点 簡要 简要 簡單 简单 幾句 几句 三句 兩句 两句 一段
總結 总结 概括 歸納 归纳 學生 学生 同學 同学 講解 讲解 可以 幫我 帮我 一下 大意 主旨 整篇 全文 報導 报导
讀者 读者 hong kong tech technology innovation year past achievements article piece story report gist
summary summarise summarize sum main key points lines few give brief briefly page says say achieve achieved
achievement side quick rundown over did done happened overall short bullet bullets note briefing
nutshell sector scene i t i&t this s message central trying get across 訊息 信息 帶出 带出 表達 表达 傳達 传达
highlights highlight takeaways according 說說 说说 講講 讲讲 介紹 介绍 這一年 这一年 big picture plain terms
time read reading have don t no facts ideas says 數句 数句 kindly outline principal major described describe
provide concise succinct short brief overall could would please you me us 提供 簡短 简短 精簡 精简
appreciate grateful developments development described précis precis essence thrust version thesis
核心 觀點 观点 論點 论点 主旨 方面 評論 评论 部分 一段 寫了 写了
argument arguments principal made raised covers cover reports argues saying break down themes findings
""".split())


_OVERVIEW_ASK_RE = re.compile(r"總結|总结|概括|概述|簡述|简述|綜述|综述|歸納|归纳|摘要|撮要|"
                              r"summar|overview|recap|rundown", re.I)


def overview_topic(q: Question, knows: Callable[[str], bool],
                   renders: Callable[[str], Sequence[str]]) -> tuple[str, ...]:
    """The topic a summary request narrows to (請簡要總結河套香港園區的角色 -> 河套, 園區, 角色): its words the
    page uses beyond those that ask for the whole page's summary; ``()`` for the page's own summary."""
    words = [t for t in q.terms if t.lower() not in _GENERAL_WORDS and not _OVERVIEW_ASK_RE.search(t)
             and "篇" not in t]  # 這篇創科篇報道 (segmented 篇創 / 科篇) names the piece, not a topic
    if q.english:
        return tuple(t for t in words if renders(t))
    return tuple(t for t in words if knows(t))


def topic_overview(q: Question, topic: Sequence[str], chunks: Sequence[Chunk], hits: Sequence[Hit],
                   scored: Sequence[ScoredSentence], holds: Callable[[str, str], bool]) -> Answer | None:
    """A summary of what the page says about ``topic``: the page's own key points that hold one of its words
    (its fact box items), then the best retrieved sentences that do, as many as asked for (else
    ``tuning.TOPIC_POINTS``), in page order, each cited; ``None`` when nothing holds one."""
    n = _wanted_items(q) or tuning.TOPIC_POINTS
    order = {c.id: i for i, c in enumerate(chunks)}
    points: list[tuple[Chunk, int, str]] = []  # (passage, where in it, text)
    for c in key_points(chunks):
        if c.kind == "fact" and len(points) < n and any(holds(t, c.text) for t in topic):
            points.append((c, 0, _point_text(c)))
    for x in scored:
        if len(points) >= n:
            break
        chunk = hits[x.hit_index].chunk
        text = x.text.strip().lstrip("-▲▼ ").strip()
        if any(holds(t, text) for t in topic) and not any(text in p[2] or p[2] in text for p in points):
            points.append((chunk, x.start, text))
    if not points:
        return None
    points.sort(key=lambda p: (order.get(p[0].id, len(order)), p[1]))
    cited: list[Chunk] = list(dict.fromkeys(c for c, _, _ in points))
    citations = [_citation(i, c, " ".join(t for d, _, t in points if d is c)) for i, c in enumerate(cited, start=1)]
    lines = [f"{i}. {t}[{cited.index(c) + 1}]" for i, (c, _, t) in enumerate(points, start=1)]
    name = "、".join(topic)
    text = say(TOPIC_OVERVIEW, q.script).format(topic=name) + "\n" + "\n".join(lines)
    return _answer(q, text, citations, [Hit(chunk=c, score=1.0, rank=i) for i, c in enumerate(cited, start=1)],
                   short="；".join(t for _, _, t in points), kind="summary")


# --- questions about the article itself ---------------------------------------------------------------------

_BYLINE_RE = re.compile(r"(\S{2,4}報|\S{2,4}报|\S{2,6}社)?\s*記者\s*(\S{2,4})|(\S{2,4}报)?\s*记者\s*(\S{2,4})")
_ASKS_PAPER_RE = re.compile(r"報紙|报纸|報章|报章|媒體|媒体|刊物|報館|报馆|newspaper|\bpaper\b|\boutlet\b|"
                            r"publication|published", re.I)
_ASKS_SERIES_RE = re.compile(r"系列|哪一篇|series|section|column", re.I)
_ASKS_TITLE_RE = re.compile(r"標題|标题|headline|title", re.I)
_ASKS_CREDIT_RE = re.compile(r"插圖|插图|配圖|配图|製圖|制图|圖表|图表|示意圖|示意图|"
                             r"(?:張|张|幅)(?:圖|图)(?!片說|片说)|圖片|图片|(?:文章|篇文|文中)(?:的|嘅)?(?:圖|图)|"
                             r"\bgraphic|\billustration|\bimage\b|\bchart\b",
                             re.I)
# the date or the page it was printed on: the page carries neither (a document with a dateline would need a chunk
# kind for it)
_ASKS_PRINTING_RE = re.compile(r"哪一?[天日]|邊[日天]|边[日天]|幾時|几时|何時|何时|日期|幾月幾|几月几|"
                               r"哪一?版|第幾版|第几版|版次|哪一?頁|哪一?页|第幾頁|第几页|"
                               r"\bwhich page\b|\bwhat page\b|\bpage number\b|\bdate\b|\b(?:which|what) year\b|"
                               r"\bwhen\b|\bwhich day\b|\bwhat day\b|\bedition\b", re.I)
# of the page's two headlines, the second (副題) or the first (主題)
_ASKS_SUBTITLE_RE = re.compile(r"副標題|副标题|副題|副题|sub-?title|sub-?headline|subhead|second headline", re.I)
_ASKS_MAIN_TITLE_RE = re.compile(r"主標題|主标题|主題|大標題|大标题|main (?:title|headline)", re.I)
# which part of the page a title question is about: its kind of chunk
_TITLE_OF = (
    ("sidebar", re.compile(r"側欄|侧栏|評論|评论|sidebar|commentary", re.I)),
    ("explainer", re.compile(r"話你知|话你知|解說|解说|explainer", re.I)),
    ("fact", re.compile(r"資料框|资料框|事實欄|事实栏|資料欄|资料栏|fact ?box", re.I)),
)


def title_answer(q: Question, chunks: Sequence[Chunk]) -> Answer | None:
    """The title of the page (its headlines) or of one of its boxes (the sidebar's 無縫對接)."""
    kind = next((k for k, pattern in _TITLE_OF if pattern.search(q.standard)), "headline")
    which = None
    if kind == "headline":
        header = next((c for c in chunks if c.kind == "headline"), None)
        if header is None:
            return None
        lines = [x.strip() for x in header.text.splitlines() if x.strip()]
        headlines = lines[2:] or lines  # below the page's series line and its 篇
        which = 1 if _ASKS_SUBTITLE_RE.search(q.standard) else 0 if _ASKS_MAIN_TITLE_RE.search(q.standard) else None
        title = " / ".join(headlines) if which is None or which >= len(headlines) else headlines[which]
        cite = header
    else:
        part = [c for c in chunks if c.kind == kind]
        if not part:
            return None
        index = chunks.index(part[0])
        # the box's own heading line, or the heading just above the fact box's items
        heading = next((c for c in reversed(chunks[:index]) if c.kind == "heading"), None) if kind != "fact" else \
            next((c for c in chunks[index:] if c.kind == "heading"), None)
        cite = heading or part[0]
        title = (heading.text if heading else part[0].section).strip()
    label = "標題"
    if kind == "headline" and which is not None:
        label = "副標題" if which else "主標題"
    text = f"The title is {title} [1]." if q.english else f"{label}是「{title}」[1]。"
    return _answer(q, text, (_citation(1, cite, cite.text),), [Hit(chunk=cite, score=1.0, rank=1)], short=title,
                   kind="meta")


# What is the name of the explainer box? / What is the box called?
_LABEL_EN = (r"\bname of the (?:explainer|box|column|panel)\b|"
             r"\b(?:explainer|box|column|panel)\b[^?,]{0,30}?\b(?:is |was )?(?:called|named|titled|labell?ed)\b")
# 講國家重點實驗室那一段的小標題: the heading of the section the passage about it stands in
# (小標題說要打通甚麼 asks what the heading says: the extractive answer)
_ASKS_HEADING_RE = re.compile(r"(?:小標題|小标题|分標題|分标题)(?:是|叫|為|为)?(?:甚麼|什麼|什么|甚么|咩)?"
                              r"[呢呀？?。]*$|"
                              # 解釋百億基金的小欄目，標題是甚麼: the title of a part of the page about something
                              r"^(?=.*(?:段|欄|栏|方塊|方块|框|部分))(?=.*(?:(?:標題|标题)(?:是|叫|為|为)?"
                              r"(?:甚麼|什麼|什么|甚么|咩)|(?:甚麼|什麼|什么|甚么|咩)(?:小)?(?:標題|标题)))|"
                              r"\bwhat (?:is|was) the (?:sub-?heading|section (?:heading|title))\b|"
                              r"\b(?:title|headline|heading) of the (?:box|section|part|column|panel)\b|"
                              r"(?:欄目|栏目)(?:的)?(?:名稱|名称|名字)|" + _LABEL_EN, re.I)
# the name of a box's column (欄目名稱), printed above it (話你知), not its item's title
_ASKS_LABEL_RE = re.compile(r"(?:欄目|栏目)(?:的)?(?:名稱|名称|名字)|" + _LABEL_EN, re.I)


def section_heading(q: Question, hits: Sequence[Hit], chunks: Sequence[Chunk]) -> Answer | None:
    """For a question asking for the sub-heading of the part about something: the heading of the section of the
    best body passage; ``None`` for other questions or when no passage stands under a heading."""
    if not _ASKS_HEADING_RE.search(q.standard):
        return None
    headings = {c.text.strip(): c for c in chunks if c.kind == "heading"}
    # the name of the explainer box: that box's passages first, whatever was retrieved
    named = [Hit(chunk=c, score=1.0, rank=0) for kind, pattern in _TITLE_OF if pattern.search(q.standard)
             for c in chunks if c.kind == kind] if _ASKS_LABEL_RE.search(q.standard) else []
    for hit in [*named, *hits]:
        # a box's section is its title then its label (深港穗創科集群「世一」 · 話你知): the title is the heading,
        # the label the column's name
        parts = hit.chunk.section.split(" · ")
        heading = headings.get((parts[-1] if _ASKS_LABEL_RE.search(q.standard) else parts[0]).strip())
        if heading is not None and hit.chunk.kind in ("body", "sidebar", "explainer"):
            title = heading.text.strip()
            text = f"The section's heading is {title} [1]." if q.english else f"這一段的小標題是「{title}」[1]。"
            return _answer(q, text, (_citation(1, heading, heading.text),), [Hit(chunk=heading, score=1.0, rank=1)],
                           short=title, kind="meta")
    return None


# the byline's name asked beside its newspaper
_ASKS_AUTHOR_RE = re.compile(r"作者|記者|记者|撰稿|誰寫|谁写|邊個寫|边个写|"
                             r"\bauthor\b|\bwriter\b|\breporter\b|\bwho wrote\b|\bwritten by\b", re.I)


def meta_answer(q: Question, chunks: Sequence[Chunk]) -> Answer | None:
    """The author, the newspaper or the series, from the byline and the page header; ``None`` when the
    documents have no byline to answer from."""
    byline = next((c for c in chunks if c.kind == "byline"), None)
    header = next((c for c in chunks if c.kind == "headline"), None)
    if _ASKS_PRINTING_RE.search(q.standard):
        near = [Hit(chunk=byline, score=1.0, rank=1)] if byline is not None else []
        context = (_citation(1, byline, byline.text),) if byline is not None else ()
        return _answer(q, say(NO_PRINT_DETAILS, q.script), (), near, kind="refusal", refused=True, context=context)
    if _ASKS_TITLE_RE.search(q.standard) and not _ASKS_SERIES_RE.search(q.standard):
        return title_answer(q, chunks)
    if _ASKS_SERIES_RE.search(q.standard) and header is not None:
        lines = [x.strip() for x in header.text.splitlines() if x.strip()]
        short = " · ".join(lines[:2])
        en = "The article is part of the series" if q.english else "這篇文章屬於"
        text = f"{en} {short} [1]" if q.english else f"{en}「{short}」[1]。"
        return _answer(q, text, (_citation(1, header, header.text),), [Hit(header, 1.0, 1)], short=short, kind="meta")
    credit = next((c for c in chunks if c.kind == "credit"), None)
    if _ASKS_CREDIT_RE.search(q.standard) and credit is not None:  # the graphic's credit line, not the byline
        line = credit.text.strip()
        text = (f"The graphic is credited {line} (Ta Kung Pao, made with AI) [1]." if q.english and "AI製圖" in line
                else f"The graphic is credited {line} [1]." if q.english else f"插圖署名「{line}」[1]。")
        return _answer(q, text, (_citation(1, credit, credit.text),), [Hit(chunk=credit, score=1.0, rank=1)],
                       short=line, kind="meta")
    if byline is None:
        return None
    m = _BYLINE_RE.search(byline.text)
    if not m:
        return None
    paper, name = (m.group(1) or m.group(3) or ""), (m.group(2) or m.group(4) or "")
    hit = [Hit(byline, 1.0, 1)]
    cite = (_citation(1, byline, byline.text),)
    if _ASKS_PAPER_RE.search(q.standard) and paper:
        outlet = f"{paper} (Ta Kung Pao)" if paper == "大公報" else paper
        text = f"It was published in {outlet} [1]." if q.english else f"這篇文章刊於{paper}[1]。"
        if name and _ASKS_AUTHOR_RE.search(q.standard):  # 作者是誰？刊登在哪份報紙？: both, from the byline
            reader = f"{pinyin_name(name)} ({name})" if pinyin_name(name) else name
            text = (f"It was published in {outlet}; it was written by {reader} [1]." if q.english
                    else f"這篇文章刊於{paper}，作者是{paper}記者{name}[1]。")
        return _answer(q, text, cite, hit, short=paper, kind="meta")
    if name:
        reader = f"{pinyin_name(name)} ({name})" if pinyin_name(name) else name
        outlet = "Ta Kung Pao (大公報)" if paper == "大公報" else paper or "the newspaper"
        text = (f"The article was written by {reader}, a reporter of {outlet} [1]." if q.english
                else f"作者是{paper}記者{name}[1]。")
        return _answer(q, text, cite, hit, short=name, kind="meta")
    return None
