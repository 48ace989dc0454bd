"""The short answer inside an answer sentence: a span of the asked-for type, the words filling the question's
interrogative slot, or what the sentence adds to the question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import tuning
from ..evidence import (
    CATEGORY_RE,
    CAUSE_BEFORE_RE,
    CONTRAST_Q_RE,
    DEFINITION_Q_RE,
    FIX_Q_RE,
    FIX_RE,
    HELP_Q_RE,
    HELP_RE,
    MEANING_Q_RE,
    NOT_BUT_RE,
    POINT_Q_RE,
    PROOF_RE,
    PURPOSE_RE,
    REASON_SPAN_RE,
    SEVERAL_PLACES_RE,
    SIGNIFICANCE_Q_RE,
    SIGNIFICANCE_RE,
    SPAN_PATTERNS,
    UNIT_RE,
    YEARS_Q_RE,
    TermWeight,
    answer_category,
    apposition_span,
    asks_organisation,
    counted_or_shared,
    coverage,
    definition_span,
    flat,
    is_count,
    key_tokens,
    place_span,
    restates,
)
from ..question import PLACE_RE, dictionary_words, entities_of
from ..zh import han_count, is_latin, normalize, to_simplified


def significance_clause(clauses: Sequence[str], question: str) -> str:
    """For why X matters (is important, significant): the first clause that says what X achieves or marks
    (實現香港芯片自主研發領域的重要突破), ``""`` when the question asks no significance or none does."""
    if not (SIGNIFICANCE_Q_RE.search(question) or MEANING_Q_RE.search(question)):
        return ""
    return next((c.strip() for c in clauses if SIGNIFICANCE_RE.search(c)), "")


def contrasted_part(parts: Sequence[str], question: str) -> str:
    """Of parallel parts that share a predicate and differ in what follows it (六成入駐河套園區的企業來自內地、
    四成來自海外: 來自 內地 / 海外), the one whose object the question names; ``""`` when the parts share no
    predicate or the question names no object, or several. A question asking for each (分別是多少) and naming
    several objects gets those parts, joined as the sentence joins them."""
    named = contrasted_parts(parts, question)
    if len(named) == 1:
        return named[0]
    return "、".join(named) if len(named) > 1 and _EACH_Q_RE.search(question) else ""


_EACH_Q_RE = re.compile(r"分別|分别|各(?:是|為|为|佔|占|有)")


def contrasted_parts(parts: Sequence[str], question: str) -> list[str]:
    """The parallel parts (see ``contrasted_part``) whose object the question names."""
    if len(parts) <= 1:
        return []
    first = _simplified_same_length(parts[0])
    others = [_simplified_same_length(p) for p in parts[1:]]
    shared = next((first[i : i + n] for n in range(tuning.SLOT_ANCHOR_CHARS, 1, -1)
                   for i in range(len(first) - n + 1)
                   if han_count(first[i : i + n]) == n and all(first[i : i + n] in o for o in others)), "")
    if not shared:
        return []
    q = to_simplified(question)
    objects = [p.split(shared, 1)[1][: tuning.SLOT_ANCHOR_CHARS] for p in [first, *others]]
    return [part for part, obj in zip(parts, objects)
            if any(obj[:n] in q for n in range(len(obj), 1, -1) if han_count(obj[:n]) == n)]


# a purpose asked with no verb of its own (What are the schemes for? / 為了甚麼): what the sentence goes on to
_GOAL_Q_RE = re.compile(r"\bfor\s*\??\s*$|\bwhat for\b|\bpurpose\b|\b(?:point|aim|goal)\b|為了(?:甚麼|什麼|什么|甚么)|"
                        r"为了(?:什么|甚么)|目的", re.I)


# how something is done, asked in English (How does Hong Kong help mainland firms go global?), and the means a
# sentence names (依託普通法體系、國際通用規則…，助力內地創科企業「借港出海」)
MANNER_Q_RE = re.compile(r"\bhow\s+(?:does|do|did|can|could|will|would|is|are|was|were)\b", re.I)
MEANS_RE = re.compile(r"(?:依託|依托|依靠|憑藉|凭借|通過|通过|透過|透过|借助|藉助|利用)([^，。；,;！？]{2,40})")


def goal_clause(clauses: Sequence[str], unis, multis, weight: TermWeight) -> str:
    """What a sentence that names no purpose ends on, when the question's thing comes before it: 升級科技人才入境計劃，
    簡化…流程，打破地域壁壘、廣納全球英才 -- what the schemes are for is where the sentence goes. ``""`` when the
    question's words are in the last clause (or nowhere)."""
    covered = [coverage(c, unis, multis, weight) for c in clauses]
    if len(clauses) <= 1 or not max(covered) or covered.index(max(covered)) == len(clauses) - 1:
        return ""
    return clauses[-1].strip()


# a thing said to lie not in one thing but in another (…的突破，不在於…，而在於…)
_DEFINED_BY_CONTRAST_RE = re.compile(r"[，,](?:不在於|不在于)([^。；;！？]{1,40}?)[，,]?\s*"
                                     r"而(?:在於|在于)([^，。；,;！？]{2,40})")


def quoted_goal(clauses: Sequence[str], unis, multis, weight: TermWeight) -> str:
    """For a purpose asked of a named act (What is the purpose of mainland firms 'going overseas via Hong Kong'?):
    the clause after the one the question covers best when that clause ends on the quoted act (助力內地創科企業
    「借港出海」，拓展全球市場、對接國際標準 -> 拓展全球市場、對接國際標準). ``""`` otherwise."""
    covered = [coverage(c, unis, multis, weight) for c in clauses]
    best = max(covered, default=0.0)
    for i, clause in enumerate(clauses[:-1]):
        if best and covered[i] == best and clause.rstrip().endswith(("」", "』")):
            return clauses[i + 1].strip()
    return ""


def places_named(clause: str, question: str) -> int:
    """For an English question asking for several places (Which European countries…?), how many ``clause``
    names besides the question's own: the clause that lists them (對接瑞士、德國等頂尖科研機構) is the answer's,
    not one with a single place in it (攻克海外技術壁壘). 0 for a question asking for one place."""
    if not SEVERAL_PLACES_RE.search(question):
        return 0
    asked = {e.text for e in entities_of(question)}
    return len({m.group() for m in PLACE_RE.finditer(clause)} - asked)


_WHAT_RE = re.compile(r"(甚麼|什麼|什么|甚么)")
# one side asked, the other stated: 偏重哪一個行業而忽略科技 (重 of 偏重, then 忽略 / 輕視 / 冷落 for 輕)
_FAVOURS_Q_RE = re.compile(r"(偏重|側重|侧重|看重|著重|着重|重視|重视)[^，,。？?]{0,8}?"
                           r"(?:哪|甚麼|什麼|什么|甚么)[^，,。？?]{0,6}?(?:而|但)?(忽略|忽視|忽视|輕視|轻视|冷落|看輕|看轻)")


def paired_quote(sentence: str, question: str) -> str:
    """For a question asking two things side by side (香港以往被認為偏重甚麼、輕視甚麼), the quoted phrase of as many
    parts whose each part opens on a character of the verb before its interrogative (「重金融、輕創科」: 重 of 偏重,
    輕 of 輕視); ``""`` otherwise."""
    verbs = [question[max(0, m.start() - tuning.PAIRED_VERB_CHARS) : m.start()] for m in _WHAT_RE.finditer(question)]
    favoured = _FAVOURS_Q_RE.search(question)
    if len(verbs) <= 1 and favoured:  # 偏重哪一個行業而忽略科技: the side it favours and the one it neglects
        verbs = [favoured.group(1), f"輕{favoured.group(2)}"]  # (忽略 is the 輕 of 輕創科)
    if len(verbs) <= 1:
        return ""
    for quoted in re.findall(r"「([^「」]{3,30})」", sentence):
        parts = quoted.split("、")
        if len(parts) == len(verbs) and all(p and p[0] in v for p, v in zip(parts, verbs)):
            return quoted
    return ""


_KIND_BEFORE_IS_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:是|係|系|為|为)(?:甚麼|什麼|什么|甚么|哪|何)")
# a quoted phrase, or a Latin name (基於RISC-V架構: RISC-V is the architecture)
_QUOTE_RE = re.compile(r"「([^「」]{2,20})」|(?<![A-Za-z0-9-])([A-Za-z][A-Za-z0-9-]*(?: [A-Za-z0-9][A-Za-z0-9-]*)*)")
# the kinds an English question's renderings may ask for (What weakness… -> 短板): nouns, not 全球 of global debut
_KIND_NOUNS = frozenset({"短板", "优势", "角色", "认知", "模式", "路径", "框架", "精神", "链条", "难题", "理念",
                         "口号"})


def quoted_kind(sentence: str, question: str, *, cross_lingual: bool = False) -> str:
    """For a question asking which thing of a kind (甚麼短板, 短板是甚麼; in English through its renderings: What
    weakness…), the quoted phrase or Latin name the sentence puts before that kind's noun (解決了「科研強、轉化弱」
    結構性短板 -> 科研強、轉化弱; 架構為何: 基於RISC-V架構 -> RISC-V); ``""`` when the sentence names none or the
    question names it itself."""
    kinds = {normalize(k) for k in (*answer_category(question), *_KIND_BEFORE_IS_RE.findall(question))}
    for m in _QUOTE_RE.finditer(sentence):
        named = m.group(1) or m.group(2)
        if normalize(named) in normalize(question):
            continue
        if m.group(1) and normalize(sentence[: m.start()].rstrip("的是為为：: ")[-2:]) in kinds:
            return named  # 有甚麼追求: 追求「更高效、更睿智、更本地」 (the kind before the quote)
        after = re.match(r"[\u4e00-\u9fff]*", sentence[m.end() : m.end() + tuning.QUOTED_KIND_CHARS]).group()
        for end in range(len(after), 1, -1):  # the noun ends the run: 結構性短板 is a 短板
            noun = normalize(after[end - 2 : end])
            if noun in kinds or (cross_lingual and noun in _KIND_NOUNS and noun in normalize(question)):
                return named
    return ""


def extract_span(sentence: str, question: str, qtype: str, weight: TermWeight = flat, *,
                 cross_lingual: bool = False, count: bool = False, asks_for: Sequence[str] = (),
                 name_asked: bool = False, units: Sequence[str] = (), list_size: int = 0) -> str:
    """The short answer inside ``sentence``: a span of the asked-for type nearest the question's terms,
    else the clause that carries the most question terms, less what the question already says. For an English
    question (``question`` is then its Chinese renderings) the clause is kept whole: what the renderings leave
    of it is a fragment (家優質創科), not an answer; ``count``: an English 'how many' (a count, not money);
    ``asks_for``: the Chinese renderings of what an English question asks for (What architecture -> 架构): the
    clause that names it is the answer's; ``name_asked``: the question asks for a name (an English question's
    renderings do not say so); ``units``: the units an English question asks its figure in (floor space ->
    平方米); ``list_size``: how many things an English question asks for (Which two sectors…: the clause that
    lists two, 與金融、貿易並肩)."""
    clauses = [c for c in re.split(r"[，,；;：:]", sentence.strip("。！？!?")) if c.strip()]
    unis, multis = key_tokens(question)
    if asks_symbol(question, qtype) and (symbol := SYMBOL_RE.search(sentence)):
        return symbol.group(1).strip()  # why call it Lion Rock / what does it symbolise -> 彰顯了…獅子山精神
    meant = significance_clause(clauses, question) if qtype == "what" and MEANING_Q_RE.search(question) else ""
    if meant:  # 獅子山芯有甚麼意義: what it achieves (實現香港芯片自主研發領域的重要突破)
        return meant
    named = quoted_kind(sentence, question, cross_lingual=cross_lingual) if qtype == "what" else ""
    if named:  # 河套解決了甚麼短板 / What weakness…: 「科研強、轉化弱」結構性短板; 架構是甚麼: 基於RISC-V架構
        return named
    definition = DEFINITION_Q_RE.match(question.strip())
    if definition and qtype == "what":  # 獅子山芯是甚麼: what the sentence says it is, after its 作為 / 是
        said = definition_span(sentence, definition.group(1)) or subject_span(sentence, definition.group(1)) \
            or apposition_span(sentence, definition.group(1))
        if said:
            return said
    paired = paired_quote(sentence, question) if qtype == "what" and not cross_lingual else ""
    if paired:  # 偏重甚麼、輕視甚麼: 「重金融、輕創科」
        return paired
    if qtype == "purpose":
        # (English only: on DRCD a quoted book title closes a clause, and the next says who took its photographs)
        goal = quoted_goal(clauses, unis, multis, weight) if cross_lingual and _GOAL_Q_RE.search(question) else ""
        if goal:
            return goal
        purpose = (HELP_RE.search(sentence) if HELP_Q_RE.search(question) else None) \
            or (FIX_RE.search(sentence) if FIX_Q_RE.search(question) else None) or PURPOSE_RE.search(sentence)
        if purpose:
            return next(g for g in purpose.groups() if g).strip()
        goal = goal_clause(clauses, unis, multis, weight) if _GOAL_Q_RE.search(question) else ""
        if goal:
            return goal
    if qtype == "place":
        # the clause about what follows the interrogative (哪些國家的科研機構: 對接瑞士、德國等頂尖科研機構), then the
        # question as a whole
        after = _WH_RE.split(question, maxsplit=1)[-1]
        aunis, amultis = key_tokens(after)
        for clause in sorted(clauses, key=lambda c: (-places_named(c, question) if cross_lingual else 0,
                                                     -coverage(c, aunis, amultis, weight),
                                                     -coverage(c, unis, multis, weight))):
            place = place_span(clause, question)
            if place:
                return place
    if asks_organisation(question) and not cross_lingual:
        # 哪個機構發表的: the organisation's name in the clause about the question (世界知識產權組織)
        for clause in sorted(clauses, key=lambda c: -coverage(c, unis, multis, weight)):
            name = organisation_span(clause, question)
            if name:
                return name
    if name_asked or NAME_Q_RE.search(question):  # 那款芯片叫甚麼 / What is the chip called? -> 獅子山芯
        name = name_span(sentence, question)
        if name:
            return name
    if POINT_Q_RE.search(question) and (proof := PROOF_RE.search(sentence)):
        return proof.group(1).strip()  # Why does the writer bring up the 60/40 split? -> 香港雙向樞紐價值
    if qtype == "why":
        reason = REASON_SPAN_RE.search(sentence)
        if reason:  # 憑藉領先的國際專利申請量、高質量科研論文產出…: what follows the marker
            return reason.group(1).strip()
        cause = CAUSE_BEFORE_RE.search(sentence)
        if cause:  # 國際化的法治環境、…，讓香港成為…優選之地: what comes before the verb
            return sentence[: cause.start()].strip().lstrip("-▲▼ ")
        said = significance_clause(clauses, question)
        if said:
            return said
        contrast = NOT_BUT_RE.search(sentence) if CONTRAST_Q_RE.search(question) else None
        if contrast:  # 並非簡單的園區擴容，而是…試驗田: what it is rather than what it is not
            return contrast.group(2).strip()
    if qtype == "what" and MANNER_Q_RE.search(question) and (means := MEANS_RE.search(sentence)):
        return means.group(1).strip()  # How does Hong Kong help firms go global? -> 依託普通法體系、國際通用規則…
    if qtype == "what" and CONTRAST_Q_RE.search(question) and (contrast := NOT_BUT_RE.search(sentence)):
        return contrast.group(2).strip()  # 不是排名上升，而是甚麼 against 不在於…榜單排名提升，而在於解決了…短板
    if qtype == "what" and (defined := _DEFINED_BY_CONTRAST_RE.search(sentence)) \
            and coverage(sentence[: defined.start()], unis, multis, weight) > coverage(defined.group(2), unis, multis,
                                                                                  weight):
        # the year's most significant breakthrough, against 最具標誌性…的突破，不在於…，而在於解決了…短板: what the
        # sentence says it is, the question having named it
        return defined.group(2).strip()
    if _TIMES_Q_RE.search(question):  # 登上榜首是第幾次: 首次, not the 全球第一 it reached
        times = _TIMES_RE.search(sentence)
        if times:
            return times.group()
    pattern = SPAN_PATTERNS.get(qtype)
    if pattern is not None:
        # items of a list are clauses of their own here: 數碼競爭力全球第四、創科單項實力全球第三 gives the rank
        # of 單項實力 in the second
        parts = [p for c in clauses for p in c.split("、") if p.strip()]
        ranked = sorted(parts, key=lambda c: -coverage(c, unis, multis, weight))
        years = qtype != "quantity" or YEARS_Q_RE.search(question)
        contrast = contrasted_part([p for p in parts if any(years or "年" not in m.group()
                                                            for m in pattern.finditer(p))], question)
        if "、" in contrast:  # 來自內地與海外的比例分別是多少: both parts
            return contrast
        if asks_for:  # for the technology factor alone: the part naming technology first
            ranked.sort(key=lambda c: not any(normalize(w) in normalize(c) for w in asks_for))
        if contrast:  # 六成…來自內地、四成來自海外 asked about 海外
            ranked = [contrast, *(p for p in ranked if p != contrast)]
        unit = UNIT_RE.search(question) if qtype == "quantity" else None
        units_loose = not any(u in p for p in parts for u in units)  # no figure of that unit: any figure
        if qtype == "rank" and any(not restates(m.group(), question) for p in parts for m in pattern.finditer(p)):
            # 數碼競爭力排第四我知，科技那項排第幾: the rank the question states is not the one it asks for
            ranked = [p for p in ranked if any(not restates(m.group(), question) for m in pattern.finditer(p))]
        for clause in ranked:
            spans = list(pattern.finditer(clause))
            if qtype == "quantity" and not YEARS_Q_RE.search(question):
                spans = [m for m in spans if "年" not in m.group()]
            if unit:  # 多少家 wants 79家, not the 九成 beside it (多少家…來自海外 takes the share, 四成)
                spans = [m for m in spans if counted_or_shared(m.group(), unit.group(1), question)]
            if count:  # how many schemes: 超40項, not the 百億港元 beside it
                spans = [m for m in spans if is_count(m.group())]
            if units:  # How much floor space: 200萬平方米, not the 七成 it grew by
                spans = [m for m in spans if any(u in m.group() for u in units)] or (spans if units_loose else [])
            if spans:
                # 從千餘家躍升至近4700家: the figure it rose to is the current one, the one it rose from the past's
                marks = ("從", "从", "由") if asks_past(question) else ("至", "到", "達", "达")
                picked = [m for m in spans if clause[max(0, m.start() - 1) : m.start()] in marks]
                return (picked or spans)[0].group().strip()
    if not clauses:
        return sentence.strip()
    if qtype == "what" and not is_latin(question):
        becomes = becoming_subject(sentence, question) or becoming_object(sentence, question)
        if becomes:  # 甚麼會成為另一大引擎: 創科 (創科正朝向…，成為…三大核心引擎); 香港會變成怎樣: what it becomes
            return becomes
    if qtype == "what" and not is_latin(question):
        # 「重金融、輕創科」的固有認知 asked as 固有認知
        described = quoted_descriptor(sentence, question, part=not cross_lingual)
        if described:
            return described
    if list_size > 1 and not cross_lingual:  # 哪兩行: the two words listed (與金融、貿易並肩 -> 金融、貿易)
        quoted = [q for q in re.findall(r"「([^「」]{3,40})」", sentence) if len(q.split("、")) == list_size]
        if quoted:  # 哪三個環節: the quoted slogan whole (「香港研發、灣區轉化、全球市場」), not a word of each part
            return quoted[0]
        counted = [c for c in clauses if len(c.split("、")) == list_size]
        listed = listed_words(max(counted, key=lambda c: coverage(c, unis, multis, weight))) if counted else ""
        if listed:
            return listed
    if qtype == "what" and _WHICH_SEVERAL_RE.search(question) and not is_latin(question):
        listed = slot_span(sentence, question)  # 重點扶持哪些產業: the list after 重點扶持, not the first 產業
        if "、" in listed:  # the list's items without the verb before it or the kind after 等 (聚焦…等戰略性新興)
            items = enumeration_span(sentence, question)
            parts = re.split(r"[、+＋]", items) if items else []
            if not parts or not all(p in listed for p in parts):
                return listed
            return f"{items}等" if f"{parts[-1]}等" in sentence else items  # (等: the page's list is not all)
        listed = enumeration_span(sentence, question)  # 投放在哪些行業: the sentence's one list of 領域
        if listed:
            return listed
    category = CATEGORY_RE.search(question) if qtype == "what" else None
    if category:
        # 哪一種芯片架構？ asks for an architecture: a noun ending the question after the category word is the
        # category when the sentence has it
        after = re.match(r"[\u4e00-\u9fff]*", question[category.end(1) :]).group()
        ends = not question[category.end(1) + len(after) :].strip("？?。呢呀啊 ")
        nouns = [after] if ends and len(after) == len(category.group(1)) and not _FUNCTION_IN_RE.search(after) else []
        kind = re.match(r"的([\u4e00-\u9fff]{2})[？?。呢]*$", question[category.end(1) :])
        kinds = [kind.group(1)] if kind else []  # 甚麼性質的基金？ asks for a kind of 基金
        for noun in [*nouns, category.group(1), *kinds]:
            named = category_span(sentence, noun, question)
            if named:
                return named
    if qtype in ("what", "person") and not is_latin(question) and not _WHY_RE.search(question):
        slot = slot_span(sentence, question)
        if slot:
            return slot
    counted = [c for c in clauses if list_size > 1 and len(c.split("、")) == list_size]
    if cross_lingual and counted:
        return max(counted, key=lambda c: coverage(c, unis, multis, weight)).strip().lstrip("-▲▼ ").strip()
    named = [c for c in clauses if any(w in normalize(c) for w in asks_for)]
    best = max(named or clauses, key=lambda c: coverage(c, unis, multis, weight)).strip().lstrip("-▲▼ ").strip()
    return best if cross_lingual else novel_span(best, question) or best


_ORG_NAME_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{1,14}?(?:組織|组织|機構|机构|政府|大學|大学|公司|委員會|委员会|"
                          r"研究院|研究所|學會|学会|集團|集团|協會|协会|基金會|基金会)")
_LEADING_PREP_RE = re.compile(r"^(?:依據|依据|根據|根据|在|由|於|于|從|从|經|经|向|與|与|和|及|獲|获|被|為|为|據|据)+")

_ORG_VERB_RE = re.compile(r"組成|组成|成立|設立|设立|稱為|称为|名為|名为|加入|屬於|属于")


def organisation_span(clause: str, question: str) -> str:
    """The first organisation named in ``clause`` (a run of characters ending in 組織, 機構, 大學, 公司…, less a
    leading preposition) that the question does not already name: 在世界知識產權組織發布的… gives
    世界知識產權組織."""
    for m in _ORG_NAME_RE.finditer(clause):
        # 5人組成國歌詞譜初選委員會: the name follows the verb that makes or joins it
        name = _LEADING_PREP_RE.sub("", _ORG_VERB_RE.split(m.group())[-1])
        if _ORG_NAME_RE.fullmatch(name) and normalize(name) not in normalize(question):
            return name
    return ""


_TEAM_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:團隊|团队)")


def team_span(clause: str) -> str:
    """The first team named in ``clause`` (香港創科團隊持續突破壁壘 -> 香港創科團隊), less a leading preposition:
    who made a thing when the page names no organisation for it."""
    m = _TEAM_NAME_RE.search(clause)
    return _LEADING_PREP_RE.sub("", m.group()) if m else ""


# 十年前有多少家 asks for the figure a change started from
PAST_Q_RE = re.compile(r"十年前|年前|以前|以往|過去|当初|當初|最初|起初|原本|之前|"
                        r"\bago\b|\bbefore\b|\boriginally\b|\bused to\b|\bstarting point\b|\bfrom what\b|"
                        r"\b(?:grow|grew|grown|rise|rose|risen|climb\w*|jump\w*|increas\w*|go|went|start\w*)\s+from\b|"
                        r"(?:從|从|由)(?:多少|幾多|几多|幾|几)", re.I)
# the present asked after the past is stated (十年前只有一千多間，現時增至多少間？): the figure it rose to
_NOW_AFTER_RE = re.compile(r"現時|现时|現在|现在|而家|目前|如今|現今|现今|今日|增至|升至|增加到|增長到|增长到|"
                           r"\bnow\b|\btoday\b|\bcurrently\b")


_ASKED_FROM_RE = re.compile(r"多少|幾多|几多|幾|几|\bfrom what\b", re.I)


def asks_past(question: str) -> bool:
    """Does ``question`` ask for the figure a change started from (十年前有多少間)? Not when it states the past
    and asks the present after it (十年前只有一千多間，現時增至多少間)."""
    # 香港而家有幾多間初創？係咪多過以前好多？: the count is asked of now; the past is the second question's
    counted = next((part for part in re.split(r"[？?]", question) if _ASKED_FROM_RE.search(part)), "")
    if counted and _NOW_AFTER_RE.search(counted) and not PAST_Q_RE.search(counted):
        return False
    past = list(PAST_Q_RE.finditer(question))
    if not past or any(_ASKED_FROM_RE.search(m.group()) for m in past):  # 由多少增長到多少: the start first
        return bool(past)
    return not _NOW_AFTER_RE.search(question, past[-1].end())


NAME_Q_RE = re.compile(r"\bname\b|\bcalled\b|叫(?:做)?(?:甚麼|什麼|什么|甚么|咩|乜嘢?|啥)|"
                       r"(?:甚麼|什麼|什么|甚么|咩|乜|啥)名(?![次列額额單单義义氣气])|名字|名稱|名称|"
                       r"(?:哪|甚麼|什麼|什么|甚么)一?(?:個|个)?版本|\b(?:which|what) version\b|"
                       # how the page describes a thing: 文中怎樣形容 -> 「借港出海」
                       r"(?:怎樣|怎样|如何|怎麼|怎么|用甚麼|用什麼|用什么)(?:詞|词|字眼|說法|说法)?(?:形容|描述|概括|稱呼|称呼)|"
                       # 用哪六個字概括: the page's phrase of that many characters
                       r"(?:用|以)(?:哪|甚麼|什麼|什么)?[一二兩两三四五六七八九十\d]+(?:個|个)?(?:字|詞|词)(?:來|来)?"
                       r"(?:形容|描述|概括|總結|总结|稱呼|称呼)|"
                       r"形容(?:為|为|成)?(?:甚麼|什麼|什么|甚么)|"
                       # 文章用咗個咩講法: the page's own phrase
                       r"(?:甚麼|什麼|什么|甚么)(?:講法|讲法|說法|说法|叫法|字眼|詞語|词语)|"
                       # Which chip did Hong Kong launch? asks for its name
                       r"^\s*which\s+(?:[\w-]+\s+){0,2}?(?:did|does|has|have|is|was)\b.*"
                       # (Which architecture is it built on? asks what it rests on, not a name)
                       r"\b(?:put out|launch\w*|releas\w*|unveil\w*|develop\w*|produc\w*|introduc\w*|debut\w*|"
                       r"roll\w* out|(?:make|made|build|built)(?!\s+(?:on|upon|with|around|using|of|from)\b))\b", re.I)
_QUOTED_NAME_RE = re.compile(r"[「《“]([^「」《》“”、，,]{1,20})[」》”]")
_LATIN_NAME_RE = re.compile(r"[A-Z][A-Za-z0-9]*(?:[ -][A-Z0-9][A-Za-z0-9]*)*")


def name_span(sentence: str, question: str) -> str:
    """For a question asking a name: the first quoted term of ``sentence`` that is no list (「獅子山芯」, not
    「更高效、更睿智、更本地」) and that the question does not already say, else a Latin name (HKGAI V3)."""
    said = normalize(question)
    for m in _QUOTED_NAME_RE.finditer(sentence):
        if normalize(m.group(1)) not in said:
            return m.group(1)
    for m in _LATIN_NAME_RE.finditer(sentence):
        if len(m.group()) > 1 and normalize(m.group()) not in said:
            return m.group()
    return ""
_WH_RE = re.compile(r"哪[兩两二三四五六七八九十幾几]+(?:方面|[個个位種种類类座間间所家條条本部項项名支國国行樣样件])?|"
                    r"哪一?[個个位種种類类座間间所家條条本部項项名支國国]?|什麼|什么|甚麼|甚么|誰|谁|"
                    r"何時|何时|何年|何處|何处|何地|何種|何种|何人|多少|幾|几")
_WHY_RE = re.compile(r"為甚麼|為什麼|为什么|为甚么|為何|为何|原因|怎樣|怎样|如何")
_WHICH_SEVERAL_RE = re.compile(r"哪些|哪几|哪幾|哪[两兩二三四五六七八九十]")
_SLOT_PREPOSITIONS = "以靠憑凭由從从經经"
_SLOT_STOP_RE = re.compile(r"[，,。！？!?；;：:「」『』《》()（）\"“”]")
# a quoted term is one unit: 追求「更高效、更睿智、更本地」 answers 追求甚麼 with what the quotes hold
_QUOTED_AFTER_RE = re.compile(r"[\s的是为為]*[「『《“]([^「」『』《》“”]{1,30})[」』》”]")
_QUOTED_BEFORE_RE = re.compile(r"[「『《“]([^「」『』《》“”]{1,30})[」』》”]\s*$")


_FUNCTION_IN_RE = re.compile(r"[的是了在有和與与及或呢嗎吗？?，,。]")
_COPULA_RE = re.compile(r"作為|作为|成為|成为|屬於|属于|是|為|为|即|乃")


def category_span(sentence: str, category: str, question: str) -> str:
    """For 獅子山芯是甚麼芯片: the noun phrase of ``sentence`` that ends in the asked-for category (芯片), from
    after its copula (作為 / 是) or its clause's start: 首款基於RISC-V架構的數據中心管理芯片. ``""`` when the
    category is only in the question's own words."""
    s = _simplified_same_length(sentence)
    target = to_simplified(category)
    q = to_simplified(question)
    found = []
    for m in re.finditer(re.escape(target), s):
        clause_start = max((s.rfind(p, 0, m.start()) for p in "，,；;：:。「」"), default=-1) + 1
        head = s[clause_start : m.start()]
        copula = list(_COPULA_RE.finditer(head))
        start = clause_start + (copula[-1].end() if copula else 0)
        span = sentence[start : m.end()].strip(" 的")
        if len(span) > len(category) and to_simplified(span) not in q:
            found.append((not copula, span))
    # what the sentence says the thing is (是…戰略性創科母基金) before a mere mention (「創科產業引導基金」)
    return min(found, key=lambda f: f[0])[1] if found else ""


def _simplified_same_length(text: str) -> str:
    simple = to_simplified(text).lower()
    return simple if len(simple) == len(text) else "".join(to_simplified(ch).lower()[:1] or ch for ch in text)


def slot_span(sentence: str, question: str, max_chars: int = tuning.SLOT_MAX_CHARS) -> str:
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
    if len(left) > tuning.SLOT_TRIM_CHARS:  # 躋身了全球創新的哪個梯隊: the sentence says 全球創新第一梯隊
        left = re.sub(r"(的|是|了|为|在)+$", "", left)
    if len(right) > tuning.SLOT_TRIM_CHARS:
        right = re.sub(r"^(的|是|呢|为)+", "", right)
    s = _simplified_same_length(sentence)
    start = end = None
    for n in range(min(len(left), tuning.SLOT_ANCHOR_CHARS), 1, -1):
        i = s.find(left[-n:])
        if i >= 0:
            start = i + n
            break
    # 哪兩個行業並肩: the noun after the interrogative (行業) may be the page's category word or not; the words
    # after it (並肩) anchor the answer either way
    paraphrased = 0
    # (以哪些行業聞名: 些 and the noun after it, when a verb alone closes the question)
    some = right.startswith("些") and len(right) - 1 - tuning.CATEGORY_NOUN_CHARS == tuning.CATEGORY_NOUN_CHARS
    for skip in (0, tuning.CATEGORY_NOUN_CHARS + some):
        words = right[skip:]
        for n in range(min(len(words), tuning.SLOT_ANCHOR_CHARS), 1, -1):
            j = s.find(words[:n], start or 0)
            if j >= 0:
                end = j
                break
        if end is not None:
            # 靠哪兩方面一起發力 against 本土培育與全球引才雙向發力: after 方面 no category noun follows; the words
            # skipped (一起) are paraphrased by as many of the sentence's (雙向), which are no part of the answer
            paraphrased = skip if m.group().endswith("方面") else 0
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
    # a list fills the slot of 哪些 as a whole: 受制於土地空間稀缺、中試載體不足、完整產業鏈缺失 is one answer
    longest = tuning.SLOT_LIST_MAX_CHARS if "、" in s[start:end] and _WHICH_SEVERAL_RE.search(q) else max_chars
    if not 0 < end - start <= longest:
        return ""
    if paraphrased and end - start > paraphrased + 1:
        end -= paraphrased
    span = sentence[start:end].strip(" 的是為为了在於于，,、")
    if left[-1:] and span.startswith(left[-1]) and left[-1] in _SLOT_PREPOSITIONS:
        span = span[1:]  # 以哪些行業聞名 against 以金融、商貿聞名: the question's 以 is no part of the answer
    return span if span and not _SLOT_STOP_RE.search(span) else ""


_TIMES_Q_RE = re.compile(r"第(?:幾|几|多少)次")
_TIMES_RE = re.compile(r"首次|首度|第[一二三四五六七八九十\d]+次|頭一次|头一次")
_ENUM_ITEM = r"[\u4e00-\u9fffA-Za-z0-9-]{1,14}"
_ENUM_RE = re.compile(rf"{_ENUM_ITEM}(?:[、+＋]{_ENUM_ITEM}){{2,}}")
# (one or more: 擔任支撐生物醫藥 -> 生物醫藥)
_LIST_VERB_RE = re.compile(r"^(?:成為|成为|包括|涵蓋|涵盖|覆蓋|覆盖|聚焦|扶持|提供|擔任|担任|支撐|支撑|是|為|为)+")


def enumeration_span(sentence: str, question: str) -> str:
    """For a question asking for several things (哪些行業), a list of three or more items the sentence gives
    (聚焦生命健康、人工智能、機器人、未來產業等戰略性新興領域 -> 生命健康、人工智能、機器人、未來產業): the first
    item cut to the length of the longest middle one (聚焦 is the verb before the list), the last cut at 等.
    Of several lists, the one sharing most words with the question; none the question already names.
    ``""`` when the sentence has none."""
    unis, multis = key_tokens(question)
    said = normalize(question)
    lists = []
    for m in _ENUM_RE.finditer(sentence):
        items = re.split(r"[、+＋]", m.group())
        width = max(len(i) for i in items[1:-1])
        cut = items[0][:-width]
        # 聚焦生命健康: the verb before the list (國際化的法治環境 is an item one longer, AI大模型 keeps its AI)
        if len(cut) >= tuning.LIST_LEAD_CHARS and han_count(cut) == len(cut):
            items[0] = items[0][-width:]
        items[0] = _LIST_VERB_RE.sub("", items[0])
        items[-1] = re.split(r"等", items[-1])[0] or items[-1]
        if len(items[-1]) > width and items[-1].find("的") > 0 and not any("的" in i for i in items[1:-1]):
            items[-1] = items[-1][: items[-1].rindex("的")]  # 產業集成的角色: what the items are, after 的
        named = sum(normalize(i) in said for i in items)
        if named >= len(items) - named:
            continue  # the question names them: 人工智能、生命健康 are what it asks about, not its answer
        items = [i for i in items if normalize(i) not in said]  # 除了AI大模型，還有哪些: the others
        clause = next((c for c in re.split(r"[，,；;。]", sentence) if m.group() in c), m.group())
        lists.append((coverage(clause, unis, multis), sentence[m.start():m.end()], items))
    if not lists:
        return ""
    _, whole, items = max(lists, key=lambda x: x[0])
    sep = "、" if "、" in whole else "+"
    return sep.join(items)


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


def novel_span(clause: str, question: str, min_chars: int = tuning.NOVEL_MIN_CHARS) -> str:
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


# why a thing has its name (why'd they call the chip lion rock, 點解叫獅子山芯): what the name stands for
_NAMED_WHY_RE = re.compile(r"\b(?:call|called|name|named|naming)\b|叫做?|命名|取名|起名|名為|名为", re.I)
# (…被稱為什麼，以象徵其貢獻 asks a name: the symbolising is asked only when the interrogative follows it)
_SYMBOLISE_Q_RE = re.compile(r"\bsymboli[sz]e|\bstands? for\b|\brepresents?\b|\bembod(?:y|ies)\b|"
                             r"(?:象徵|象征|寓意|代表)(?:了|着|著)?(?:甚麼|什麼|什么|甚么|咩|乜|何)", re.I)
SYMBOL_RE = re.compile(r"(?:彰顯|彰显|象徵|象征|寓意|代表)了?([^，。；,;！？]{2,40})")



def asks_symbol(question: str, qtype: str) -> bool:
    """Whether a question asks what a thing stands for: why it has its name (why'd they call the chip lion rock,
    點解叫獅子山芯) or what it symbolises (象徵甚麼, What does it represent?)."""
    return bool((qtype == "why" and _NAMED_WHY_RE.search(question)) or _SYMBOLISE_Q_RE.search(question))


_OPEN_QUOTES, _CLOSE_QUOTES = "「『《“", "」』》”"


def whole_units(span: str, sentence: str) -> str:
    """``span`` grown to whole units of ``sentence``: the quoted term it lies in (外界詬病「重研發、輕產業，有亮點、
    無規模」 gives the whole quote, not 重研發), else whole words (新田科技 in 新田科技城 gives 新田科技城)."""
    i = sentence.find(span) if span else -1
    if i < 0:
        return span
    j = i + len(span)
    opened = max(sentence.rfind(q, 0, i) for q in _OPEN_QUOTES)
    if opened >= 0 and not any(q in sentence[opened + 1 : i] for q in _CLOSE_QUOTES):
        closed = min((k for k in (sentence.find(q, j) for q in _CLOSE_QUOTES) if k >= 0), default=-1)
        if closed >= 0 and not any(q in sentence[j:closed] for q in _OPEN_QUOTES) \
                and closed - opened - 1 <= tuning.QUOTED_MAX_CHARS:
            return sentence[opened + 1 : closed]
    if re.search(r"\d|[一二三四五六七八九十百千萬万億亿]", span):
        return span  # a figure is whole as the type patterns cut it (約九成, not 率約九成)
    for a, b in dictionary_words(sentence):  # a dictionary word the span cuts (新田科技 of 新田科技城)
        if a < j < b and b - j <= tuning.WORD_SNAP_CHARS and i <= a:
            j = b
        if a < i < b and i - a <= tuning.WORD_SNAP_CHARS and b <= j:
            i = a
    return sentence[i:j]


# 並非短期盈利，而是引導社會資本…: what a thing is, not what it is not


_WHICH_KIND_RE = re.compile(r"哪一?[個个座家間间所項项位款種种]?(?=[\u4e00-\u9fff])")
_KIND_STOP = set("的是呢在了嗎吗")


# the thing asked for is what becomes something: 甚麼會成為…引擎 / 把甚麼發展成…引擎
_BECOMES_Q_RE = re.compile(r"(?:甚麼|什麼|什么|甚么)(?:會|会|將|将|能|可以)?(?:成為|成为|變成|变成)|"
                           r"把(?:甚麼|什麼|什么|甚么)(?:發展|发展|打造|建設|建设)?(?:成|為|为)")
_BECOMES_RE = re.compile(r"成為|成为|變成|变成")
# a clause's subject ends where its adverb or verb begins: 創科|正朝向…
_SUBJECT_END_RE = re.compile(r"^([\u4e00-\u9fff]{2,6}?)(?:正|將|将|會|会|已|在|朝|與|与|也|都|更|還|还|持續|持续|逐步|"
                             r"成為|成为)")


def becoming_subject(sentence: str, question: str) -> str:
    """For a question asking what becomes something (甚麼會成為帶動經濟的另一大引擎), the subject of the
    sentence's clause that says it becomes (or of the clause before it): 創科正朝向…並肩，成為…三大核心引擎 gives
    創科. ``""`` when the question asks no such thing or the subject is what the question says."""
    if not _BECOMES_Q_RE.search(question):
        return ""
    parts = [c.strip() for c in re.split(r"[，,；;。：:]", sentence)]
    at = next((i for i, c in enumerate(parts) if _BECOMES_RE.search(c)), None)
    if at is None:
        return ""
    for clause in (parts[at], parts[at - 1] if at else ""):
        m = _SUBJECT_END_RE.match(clause)
        if m and normalize(m.group(1)) not in normalize(question):
            return m.group(1)
    return ""


# what the thing asked about becomes: 香港的定位會變成怎樣 -> 成為 …策源地+…樞紐+…中心
_BECOMES_WHAT_Q_RE = re.compile(r"(?:成為|成为|變成|变成)(?:了)?(?:怎樣|怎样|怎麼樣|怎么样|甚麼|什麼|什么|甚么|哪)")


def becoming_object(sentence: str, question: str) -> str:
    """For a question asking what something becomes, what the sentence says it becomes (the rest of the clause
    after its 成為); ``""`` when the question asks no such thing or the sentence says nothing becomes."""
    if not _BECOMES_WHAT_Q_RE.search(question):
        return ""
    for clause in re.split(r"[，,；;。：:]", sentence):
        m = _BECOMES_RE.search(clause)
        if m and clause[m.end() :].strip():
            return clause[m.end() :].strip()
    return ""


def with_kind(span: str, sentence: str, question: str) -> str:
    """A span the sentence goes on to end with the kind of thing the question asks for (哪個科技城: 新田科技 + 城)
    takes that ending: the name is 新田科技城. The kind is the word after 哪個 and the single characters that
    follow it (科技 + 城, not 天皇 + 感情); the span must hold part of it already (哪個月舉行 does not make
    今年四月 into 今年四月舉行)."""
    m = _WHICH_KIND_RE.search(question)
    i = sentence.find(span) if span and m else -1
    if i < 0:
        return span
    words = dictionary_words(question)
    covered = {p for a, b in words for p in range(a, b)}
    start = m.end()
    stop = next((b for a, b in words if a == start), None)
    if stop is None:
        return span
    while (stop < len(question) and stop not in covered and han_count(question[stop])
           and question[stop] not in _KIND_STOP):
        stop += 1
    kind, end = question[start:stop], i + len(span)
    for k in range(1, len(kind)):
        longer = sentence[i : end + k]
        if any(longer.endswith(kind[:j]) for j in range(len(kind), k + tuning.KIND_HELD_CHARS - 1, -1)):
            return longer
    return span


def not_but(span: str, sentence: str) -> str:
    """``span`` moved off the denied half of 並非X，而是Y to Y (a span ending in X, its subject before it or not);
    ``span`` as it is anywhere else."""
    for m in NOT_BUT_RE.finditer(sentence):
        at = sentence.find(span) if span else -1
        if at >= 0 and m.start() < at + len(span) <= m.end(1):
            return m.group(2).strip()
    return span


def subject_span(sentence: str, term: str) -> str:
    """For X是甚麼 where the sentence says it the other way round (…全面啟用，是整個變革的核心支點): the clause
    before the copula that precedes the end of ``term`` (at least ``tuning.SUBJECT_MIN_CHARS`` of it), less a
    leading 其中 / 而; ``""`` when the sentence has no such copula."""
    s, t = _simplified_same_length(sentence), to_simplified(term)
    for n in range(len(t), tuning.SUBJECT_MIN_CHARS - 1, -1):
        at = s.find(t[-n:])
        if at < 0:
            continue
        near = s[max(0, at - tuning.SUBJECT_COPULA_GAP) : at]
        cop = max(near.rfind("是"), near.rfind("为"))
        if cop < 0:
            return ""
        before = sentence[: max(0, at - tuning.SUBJECT_COPULA_GAP) + cop].rstrip("，, ")
        start = max(before.rfind(p) for p in "，,；;：:。") + 1
        span = re.sub(r"^(?:其中|而|並|并|即)", "", before[start:].strip())
        if span in _ALSO and start > 0:
            # 基礎研究是創新的源頭活水，也是香港創科的核心優勢: the subject of the clause the 也 goes on from
            earlier = before[: start - 1]
            earlier = earlier[max(earlier.rfind(p) for p in "，,；;：:。") + 1 :].strip()
            subject = re.split(r"是|為|为", earlier, maxsplit=1)
            span = subject[0].strip() if len(subject) > 1 else ""
        return span if len(span) > 1 else ""
    return ""


_ALSO = ("", "也", "亦", "都", "還", "还", "更", "同時", "同时")


_QUOTED_DESCRIPTOR_RE = re.compile(r"[「『]([^「」『』]{1,30})[」』]的?([\u4e00-\u9fff]{2,4})")


def quoted_descriptor(sentence: str, question: str, *, part: bool = True) -> str:
    """A quoted term the sentence attaches to a word the question asks about (告別「科研強、轉化弱」的短板 asked as
    甚麼短板, 「重金融、輕創科」的固有認知 asked about that view): the quote, when the question does not say it.
    ``part``: two characters of the word are enough (a Chinese question; an English one's renderings are many)."""
    q = to_simplified(question)
    for m in _QUOTED_DESCRIPTOR_RE.finditer(sentence):
        noun = to_simplified(m.group(2))
        # 全新階段 asked as 新阶段 (``part``); an English question's renderings must hold the word's start
        said = any(noun[i : i + 2] in q for i in range(len(noun) - 1)) if part else \
            any(noun[:n] in q for n in range(len(noun), 1, -1))
        if said and to_simplified(m.group(1)) not in q:
            return m.group(1)
    return ""


# the unit an English question asks its figure in, unless it asks by how much something grew
_EN_UNITS = ((re.compile(r"\bfloor (?:space|area)\b|\bsquare (?:met|feet|foot)|\bhow (?:big|large)\b|\barea\b",
                         re.I),
              ("平方米", "平方公里")),
             (re.compile(r"\bhow far\b|\bkilomet|\bdistance\b", re.I), ("公里",)))
_EN_CHANGE_RE = re.compile(r"\bby how much\b|\b(?:larger|bigger|smaller|more|less) than\b|"
                           r"\bthan (?:originally|planned|before)\b|"
                           r"\b(?:grow|grew|grown|increase|expand(?!ed\s+[a-z])|rise|rose|enlarge|cut|shrink)", re.I)


def english_units(question: str) -> tuple[str, ...]:
    """The page's units for the figure an English question asks (How much floor space… -> 平方米); ``()`` for
    any other question, and for one asking by how much something changed (its answer is a share: 七成)."""
    if _EN_CHANGE_RE.search(question):
        return ()
    return next((units for pattern, units in _EN_UNITS if pattern.search(question)), ())


# a question for one thing (哪一種, 還有一位), or for the item a list it gives leaves out (包括甲、乙以及甚麼)
_ONE_ASKED_RE = re.compile(r"哪一|一種|一种|一位|一項|一项|一個|一个|一艘|另一|還有|还有|以及|除了|"
                           r"除[^，。？?]{1,12}之外|、")


def whole_list(short: str, sentence: str, question: str) -> str:
    """A span that is one item of a list of three or more is the list: 產業集成的角色 in 深圳擔任技術轉化、中試量產、
    硬件製造、產業集成的角色 answers what Shenzhen does with all four, unless the question asks for one thing (哪一種,
    以及甚麼). Other spans are returned as they are."""
    items = enumeration_span(sentence, question)
    if not items or not short or _ONE_ASKED_RE.search(question):
        return short
    head = _LIST_VERB_RE.sub("", re.split(r"的", short)[0])  # (提供廣闊產業空間: the first item, after its verb)
    parts = items.split("、") if "、" in items else items.split("+")
    if normalize(head) in {normalize(p) for p in parts} and normalize(short) != normalize(items):
        return items
    return short


def listed_words(clause: str) -> str:
    """The items of the X、Y list in ``clause``, each the dictionary word touching a 、 (與金融、貿易並肩 ->
    金融、貿易); ``""`` when a word is missing (no dictionary, or an item no word ends)."""
    words = dictionary_words(clause)
    items = []
    for at in [m.start() for m in re.finditer("、", clause)]:
        before = next((clause[s:e] for s, e in words if e == at), "")
        items.append(before)
    items.append(next((clause[s:e] for s, e in words if s == clause.rfind("、") + 1), ""))
    return "、".join(items) if all(items) else ""
