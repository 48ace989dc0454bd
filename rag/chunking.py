"""Page-aware, sentence-aware chunking with exact character offsets.

A news page is not one stream of prose. The chunker reads it line by line (a printed paragraph is one line)
and gives every chunk the section it sits under and its kind:

- ``headline``: the short lines that open the page (column name and headlines), one chunk;
- ``fact``: a fact-box item, its label line and its ``- `` bullet together;
- ``heading``: a short line with no sentence punctuation (sub-headings, box titles);
- ``byline``: ``大公報記者 湯嘉平``-style lines;
- ``caption`` (``▲``/``▼`` lines) and ``credit`` (``…製圖``, ``…攝``);
- ``body``, or ``sidebar`` / ``explainer`` once a box heading (``無縫對接``, ``話你知``) opens such a box.

A chunk that says ``該集群`` without naming the cluster records what it refers to (``refers``, read from the
earlier part of its section), so it can be found and read on its own.

Long paragraphs are split at sentence ends (``。！？；`` plus closing quotes), never inside a sentence, into
pieces of about ``target_chars`` with ``overlap`` whole sentences repeated between neighbours. Markdown
``#`` headings and ``-``/``*`` bullets in other documents are handled by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from .types import Chunk, Document
from .zh import antecedents, bare_antecedents

CHUNKER_VERSION = 6  # 6: a bare 園區 / 集群 / 基金 at a clause start records what it refers to
ANTECEDENT_WINDOW = 2000  # characters before a chunk searched for what its 該X refers to

_SENTENCE_END_RE = re.compile(r"[。！？；!?;]+[」』”’\")）]*|\.(?=\s)|\n")
_BULLET_RE = re.compile(r"^\s*(?:[-*•]\s+|\d+[.)]\s+)")
_CAPTION_RE = re.compile(r"^\s*[▲▼△▽►◄]")
_CREDIT_RE = re.compile(r"(製圖|制图|攝|摄|圖片來源|图片来源|資料圖片)\s*$")
_BYLINE_RE = re.compile(r"^\s*(\S{0,8}(記者|记者|通訊員|通讯员|撰文|文)\s*[：:]?\s*\S{2,12}(\s+\S{2,12})*)\s*$")
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")
_SENTENCE_PUNCT_RE = re.compile(r"[。！？；，、,.!?;:：]")

DEFAULT_BOX_HEADINGS: dict[str, str] = {
    "話你知": "explainer",
    "话你知": "explainer",
    "小知識": "explainer",
    "小知识": "explainer",
    "無縫對接": "sidebar",
    "无缝对接": "sidebar",
    "評論": "sidebar",
    "短評": "sidebar",
}


@dataclass(frozen=True)
class ChunkerParams:
    """Everything that changes the chunks; recorded in the index manifest."""

    target_chars: int = 160
    overlap: int = 0
    heading_max_chars: int = 24
    box_headings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BOX_HEADINGS))
    version: int = CHUNKER_VERSION

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[_Line]:
    """Non-blank lines with their offsets, surrounding white space trimmed off the span."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            yield _Line(start, start + len(stripped), stripped)
        pos += len(raw) + 1


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` shifted by ``offset``; white space between them excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        _append_span(text, start, end, offset, spans)
        start = end
    _append_span(text, start, len(text), offset, spans)
    return spans


def _append_span(text: str, start: int, end: int, offset: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    if not piece.strip():
        return
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    spans.append((offset + start + lead, offset + end - trail))


def _is_heading(line: _Line, params: ChunkerParams) -> bool:
    if _MD_HEADING_RE.match(line.text):
        return True
    return len(line.text) <= params.heading_max_chars and not _SENTENCE_PUNCT_RE.search(line.text)


def _heading_title(line: _Line) -> str:
    return _MD_HEADING_RE.sub("", line.text).strip()


def _classify(lines: Sequence[_Line], params: ChunkerParams) -> Iterator[tuple[str, str, list[_Line]]]:
    """Group lines into ``(kind, section, lines)`` blocks, tracking the current heading and box."""
    section, box, previous = "", "body", ""
    i, n = 0, len(lines)
    # the page's opening short lines (column name, headlines) form one headline block
    head: list[_Line] = []
    while (i < n and _is_heading(lines[i], params) and not _MD_HEADING_RE.match(lines[i].text)
           and not (i + 1 < n and _BULLET_RE.match(lines[i + 1].text))):
        head.append(lines[i])
        i += 1
    if head and i < n:
        yield "headline", "", head
    else:
        i = 0
    while i < n:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < n else None
        if _CAPTION_RE.match(line.text):
            yield "caption", section, [line]
        elif _CREDIT_RE.search(line.text) and len(line.text) <= params.heading_max_chars:
            yield "credit", section, [line]
        elif _BYLINE_RE.match(line.text) and len(line.text) <= params.heading_max_chars:
            yield "byline", section, [line]
        elif nxt is not None and _BULLET_RE.match(nxt.text) and _is_heading(line, params):
            # a fact-box label and its bullet(s) are one item
            block = [line]
            while i + 1 < n and _BULLET_RE.match(lines[i + 1].text):
                i += 1
                block.append(lines[i])
            yield "fact", _heading_title(line), block
        elif _is_heading(line, params):
            title = _heading_title(line)
            box = params.box_headings.get(title, box)
            # a heading right under another one belongs with it: 深港穗創科集群「世一」 over the 話你知 label
            section = f"{section} · {title}" if previous == "heading" else title
            yield "heading", section, [line]
            previous = "heading"
            i += 1
            continue
        else:
            yield box, section, [line]
        previous = ""
        i += 1


def _pack(doc: Document, spans: list[tuple[int, int]], params: ChunkerParams) -> Iterator[tuple[int, int]]:
    """Greedy packing of sentence spans into pieces of about ``target_chars``, with sentence overlap."""
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][1] - spans[i][0] <= params.target_chars:
            j += 1
        yield spans[i][0], spans[j - 1][1]
        if j >= len(spans):
            break
        i = max(j - params.overlap, i + 1)


def chunk_document(doc: Document, params: ChunkerParams | None = None) -> list[Chunk]:
    """Split one document into chunks; every chunk satisfies ``doc.text[c.start:c.end] == c.text``."""
    params = params or ChunkerParams()
    chunks: list[Chunk] = []
    section_start, current = 0, None
    for kind, section, block in _classify(list(_lines(doc.text)), params):
        start, end = block[0].start, block[-1].end
        if section != current:
            section_start, current = start, section
        if kind in ("body", "sidebar", "explainer") and end - start > params.target_chars:
            pieces = list(_pack(doc, split_sentences(doc.text[start:end], start), params))
        else:
            pieces = [(start, end)]
        for s, e in pieces:
            text = doc.text[s:e]
            refers = ""
            if "該" in text or "该" in text:
                refers = "、".join(antecedents(text, doc.text[max(section_start, s - ANTECEDENT_WINDOW):s]))
            if kind in ("body", "sidebar", "explainer"):  # 園區首期入駐率約9成: the park named before
                more = [a for a in bare_antecedents(text, doc.text[max(0, s - ANTECEDENT_WINDOW):s])
                        if a not in refers]
                refers = "、".join(filter(None, [refers, *more]))
            chunks.append(Chunk(id=f"{doc.id}:{len(chunks)}", doc_id=doc.id, text=text, start=s, end=e, section=section,
                                kind=kind, refers=refers))
    return chunks


def chunk_documents(docs: Sequence[Document], params: ChunkerParams | None = None) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, params)]


# Words a reader uses for each part of the page ("who wrote it", "the sidebar's title"): indexed with the chunk
KIND_LABELS = {
    "byline": "記者 作者 撰文",
    "headline": "標題 主標題 副標題",
    "heading": "小標題",
    "caption": "圖片說明 圖說",
    "credit": "製圖 插圖",
    "sidebar": "評論 側欄",
    "explainer": "話你知",
    "fact": "事實欄",
}


def chunk_context(chunk: Chunk) -> str:
    """The chunk's place on the page in words: its kind label, section heading and what its 該X refers to."""
    parts = [KIND_LABELS.get(chunk.kind, "")]
    if chunk.section and chunk.section not in chunk.text:
        parts.append(chunk.section)
    parts.append(chunk.refers)
    return " ".join(p for p in parts if p)
