"""HTML of the page around the chat: the header, the About box and the article laid out as the page is.

The article panel draws every chunk of the index in page order, each as an element whose id the answer's
``[n]`` links point at (``chunk_anchor``): headlines, the fact box, body paragraphs under their sub-headings,
captions and credits, and the sidebar and explainer boxes with their own headings.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from itertools import groupby

from ..types import Chunk
from .render import chunk_anchor, text_html, without_label
from .strings import UI

BOXED = ("sidebar", "explainer")  # kinds set apart in a box together with the headings just before them


def header_html(meta: Mapping[str, str], load_error: str | None = None) -> str:
    """Title, byline and one line on what the app does; no internal names (those are under About)."""
    m = {k: html.escape(v) for k, v in meta.items()}
    byline = " · ".join(m[k] for k in ("outlet", "column", "author") if m.get(k))
    lines = [f'<div class="rag-header"><h1>{m.get("title", "")}</h1>',
             f'<p class="rag-byline">{byline}</p>', f'<p class="rag-intro">{html.escape(UI["intro"])}</p>']
    if load_error:
        lines.append(f'<p class="rag-error">{html.escape(UI["not_ready"])}: {html.escape(load_error)}</p>')
    lines.append("</div>")
    return "".join(lines)


def about_html(encoder: str, generator: str, n_chunks: int) -> str:
    """What runs behind the answers (for the About accordion)."""
    rows = [("編碼器 encoder", encoder), ("回答 generator", generator), ("段落 passages", str(n_chunks))]
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(v)}</code></td></tr>" for k, v in rows)
    return (
        '<div class="rag-about"><p>先檢索與問題最相關的段落（語義向量 + BM25），再從段落中摘取回答的句子，'
        "並核對引文確實見於原段落；文章沒有提到的，就直說沒有。"
        "Passages are retrieved by meaning and by words; the answer quotes the sentence it comes from and says so "
        f"when the article does not answer.</p><table>{cells}</table></div>"
    )


# --- the article -------------------------------------------------------------------------------------------

def _box_of(chunks: Sequence[Chunk], i: int) -> str:
    """Which box chunk ``i`` belongs to: the fact box, a figure (captions, credit), a sidebar or explainer
    (with the headings just before it), or none."""
    kind = chunks[i].kind
    if kind == "fact":
        return "facts"
    if kind in ("caption", "credit"):
        return "figure"
    if kind in BOXED:
        return kind
    if kind == "heading":
        nxt = next((c.kind for c in chunks[i + 1:] if c.kind != "heading"), "")
        return nxt if nxt in BOXED else ""
    return ""


def _chunk_text(text: str) -> str:
    return f'<span class="rag-chunk-text">{html.escape(text.strip())}</span>'


def _headline_inner(chunk: Chunk, title: str) -> str:
    lines = [line.strip() for line in chunk.text.splitlines() if line.strip()]
    main = title if title in lines else max(lines, key=len, default="")
    return "".join(f"<h2>{_chunk_text(line)}</h2>" if line == main else f'<div class="rag-kicker">{_chunk_text(line)}'
                   "</div>" for line in lines)


def _labelled_inner(chunk: Chunk) -> str:
    """A fact: its section name as a label, then its text (the label line is not repeated)."""
    body = without_label(chunk.text, chunk.section)
    if body == chunk.text:
        return _chunk_text(chunk.text)
    return f'<div class="rag-label">{html.escape(chunk.section)}</div>{_chunk_text(body)}'


def _inner(chunk: Chunk, title: str, boxed: bool) -> str:
    if chunk.kind == "headline":
        return _headline_inner(chunk, title)
    if chunk.kind == "fact":
        return _labelled_inner(chunk)
    if chunk.kind == "heading":
        tag = "h4" if boxed else "h3"
        return f"<{tag}>{_chunk_text(chunk.text)}</{tag}>"
    return f"<p>{_chunk_text(chunk.text)}</p>"


def chunk_html(chunk: Chunk, title: str = "", boxed: bool = False) -> str:
    return (f'<div class="rag-chunk rag-{html.escape(chunk.kind)}" id="{chunk_anchor(chunk.id)}" '
            f'data-chunk="{html.escape(chunk.id)}">{_inner(chunk, title, boxed)}</div>')


def _document_html(chunks: Sequence[Chunk], title: str) -> str:
    ordered = sorted(chunks, key=lambda c: c.start)
    boxes = [_box_of(ordered, i) for i in range(len(ordered))]
    parts: list[str] = []
    i = 0
    for box, run in groupby(boxes):
        n = len(list(run))
        inner = "".join(chunk_html(c, title, bool(box)) for c in ordered[i:i + n])
        parts.append(f'<aside class="rag-box rag-box-{box}">{inner}</aside>' if box else inner)
        i += n
    return "".join(parts)


def article_html(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None) -> str:
    """Every document of the index laid out as its page is, documents in index order."""
    titles = titles or {}
    docs = list(dict.fromkeys(c.doc_id for c in chunks))
    parts = ['<div class="rag-article">']
    for doc_id in docs:
        doc_chunks = [c for c in chunks if c.doc_id == doc_id]
        if len(docs) > 1:
            parts.append(f'<div class="rag-doc-id">{text_html(titles.get(doc_id, doc_id))}</div>')
        parts.append(f'<article data-doc="{html.escape(doc_id)}">{_document_html(doc_chunks, titles.get(doc_id, ""))}'
                     "</article>")
    parts.append("</div>")
    return "".join(parts)
