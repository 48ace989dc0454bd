"""Questions about a part of the page as a whole (事實欄列出了哪八個項目): its items, each cited."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..question import Question
from ..types import Answer, AnswerSentence, Chunk, Citation, Hit
from ..zh import han_count, to_script

# --- questions about a part of the page as a whole ---------------------------------------------------------

# 事實欄列出了哪八個項目？ / What are the sub-headings? asks for the part's items, which no single passage holds
_PAGE_PARTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # first: 「話你知」資料框 names the explainer, whose box the page draws like the fact box
    ("explainer", "the explainer", re.compile(r"話你知|话你知|explainer(?: box)?", re.I)),
    ("fact", "the fact box", re.compile(r"事實欄|事实栏|資料欄|资料栏|資料框|资料框|資訊框|资讯框|事實框|事实框|"
                                        r"fact ?box|facts? (?:panel|column)", re.I)),
    ("heading", "the sub-headings", re.compile(r"小標題|小标题|sub-?headings?|\bsections\b", re.I)),
    ("caption", "the photo captions", re.compile(r"圖片說明|图片说明|圖說|图说|圖片|图片|相片|照片|"
                                                 r"(?:photo |picture )?captions?|\bphotos\b|\bpictures\b", re.I)),
)
_LISTING_RE = re.compile(r"哪些|哪幾|哪几|哪[一二三四五六七八九十兩两\d]+\s*[個个項项條条樣样種种件]|列出|列舉|列举|"
                         r"多少[個个項项條条張张]|幾[個个項项條条張张]|几[个项条张]|\bhow many\b|"
                         r"有甚麼|有什麼|有什么|有甚么|\bwhat (?:are|were|does|do)\b|\bwhich\b|\blist\b|"
                         r"(?:介紹|介绍|解釋|解释|講|讲|說|说|談|谈)了?(?:甚麼|什麼|什么|甚么|些甚麼|些什么)|"
                         r"\bname (?:the|all)\b", re.I)
# what a listing question may say besides the part and the request: nothing about any item's content
_LISTING_FILLER_RE = re.compile(r"[一二三四五六七八九十兩两\d]+|項目|项目|一共|總共|总共|合共|共|報道|报道|報導|报导|"
                                r"本文|篇文|概念|主題|主题|名詞|名词|話題|话题|列|欄目|栏目|專欄|专栏|部分|部份|板塊|板块|"
                                r"介紹|介绍|解釋|解释|內容|内容|東西|东西|方框|"
                                r"分為|分为|分成|方格|件事|事情|說明|说明|則|则|那|這|这|項|项|個|个|條|条|樣|样|件|框|格|分|"
                                r"列出|列舉|列举|入面|裡面|里面|裏面|當中|当中|之中|內|内|"
                                r"包括|包含|分別|分别|有|了|的|是|都|哪|些|幾|几|甚麼|什麼|什么|甚么|文章|文中|版面|這篇|这篇|上|中|裡|里|"
                                r"\b(?:what|which|are|were|is|the|of|in|on|this|page|article|items?|entries|list|"
                                r"name|all|does|do|show|shows|contain|contains|there|how|many|has|have|explains?|"
                                r"covers?|box|about)\b|多少|講|讲|說|说|談|谈", re.I)


def page_part_listing(question: str, chunks: Sequence[Chunk]) -> tuple[str, list[Chunk]]:
    """For a question that asks to list a part of the page (事實欄列出了哪八個項目), the part's name and its
    chunks in page order; ``("", [])`` for any other question (事實欄的創科主體活力一項提到哪些成就 asks about an
    item's content) or when the page has no such part."""
    if not _LISTING_RE.search(question) or re.search(r"第[一二三四五六七八九十\d]", question):
        return "", []  # (話你知的第一個概念講甚麼 asks about one item)
    for kind, name, pattern in _PAGE_PARTS:
        m = pattern.search(question)
        if not m:
            continue
        rest = question
        for _, _, named in _PAGE_PARTS:  # 「話你知」資料框: the explainer's box
            rest = named.sub(" ", rest)
        rest = _LISTING_FILLER_RE.sub(" ", _LISTING_RE.sub(" ", rest))
        if han_count(rest) > 1 or re.search(r"[A-Za-z]{3,}", rest):
            return "", []
        part = [c for c in chunks if c.kind == kind]
        if kind in _BY_SECTION:  # the explainer's items are its boxes, one per section, not its paragraphs
            part = list({c.section: c for c in reversed(part)}.values())[::-1]
        return (m.group() if han_count(m.group()) else name), part
    return "", []


_BY_SECTION = ("explainer",)


def _item_label(chunk: Chunk) -> str:
    if chunk.kind == "fact" and chunk.section:
        return chunk.section
    if chunk.kind in _BY_SECTION and chunk.section:
        return chunk.section.split(" · ")[0]  # 深港穗創科集群「世一」 · 話你知: the box's own title
    return chunk.text.strip().lstrip("▲▼△▽ ").strip()


def _item_quote(chunk: Chunk, label: str) -> str:
    """What the citation marks: an explainer box's first clause, which says what the box explains (灣區國際創新集群
    指由深圳、香港、廣州三座城市聯動組成的世界級創科集群); the label for the other parts."""
    if chunk.kind in _BY_SECTION:
        first = re.split(r"[，,。；;]", chunk.text.strip(), maxsplit=1)[0].strip()
        return first or label
    return label


def compose_listing(q: Question, part: str, chunks: Sequence[Chunk]) -> Answer:
    """The items of a part of the page, each cited: 事實欄共8項：全球排名[1]、國家級科研平台[2]…; an explainer's
    boxes with what each explains: 話你知共2項：深港穗創科集群「世一」（灣區國際創新集群指…）[1]…"""
    titles = [_item_label(c) for c in chunks]
    quotes = [_item_quote(c, t) for c, t in zip(chunks, titles)]
    labels = [t if qt == t else f"{t}（{qt}）" if not q.english else f"{t} ({qt})" for t, qt in zip(titles, quotes)]
    citations = tuple(Citation(n=n, chunk_id=c.id, text=c.text, start=c.start, end=c.end, section=c.section,
                               kind=c.kind, quote=quote) for n, (c, quote) in enumerate(zip(chunks, quotes), start=1))
    if q.english:
        items = ", ".join(f"{label} [{n}]" for n, label in enumerate(labels, start=1))
        text = f"{part[0].upper()}{part[1:]} ({len(labels)} items): {items}."
    else:
        items = "、".join(f"{label}[{n}]" for n, label in enumerate(labels, start=1))
        text = to_script(f"{part}共{len(labels)}項：{items}。", q.script)
    hits = tuple(Hit(chunk=c, score=1.0, rank=rank) for rank, c in enumerate(chunks, start=1))
    sentence = AnswerSentence(text, tuple(c.n for c in citations))
    return Answer(question=q.text, text=text, citations=citations, hits=hits,
                  short_answer=to_script("、".join(labels), q.script), query=q.query, script=q.script,
                  sentences=(sentence,), kind="list")
