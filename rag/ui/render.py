"""HTML of chat messages: pure functions from an ``Answer`` (or a question) to a string, testable without a server.

Every piece of user or article text is ``html.escape``d here: the chatbot renders messages as HTML, and its
sanitizer would silently drop a question such as ``<script>...</script>`` instead of showing it.

An answer bubble is the answer text with its ``[n]`` markers (links to the passage in the article panel), the
one quoted line of evidence the answerer wrote, and the Sources collapsed underneath. A refusal has no markers
and no badges: a neutral note, then the closest passages as context.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from ..messages import REFUSAL, say
from ..types import Answer, Citation, Hit
from ..zh import to_script
from .strings import kind_label, label

_MARKER_RE = re.compile(r"\s?\[(\d{1,2})\]")
_EVIDENCE_RE = re.compile(r"^(原文|The article says)[:：]")
_BULLET_RE = re.compile(r"^\s*[-•]\s*")


def text_html(text: str) -> str:
    """Escaped text with line breaks kept (messages are rendered as HTML, not Markdown)."""
    return html.escape(text).replace("\n", "<br>")


def chunk_anchor(chunk_id: str) -> str:
    """The element id of a chunk in the article panel (``article:6`` -> ``chunk-article-6``)."""
    return "chunk-" + re.sub(r"[^A-Za-z0-9_-]", "-", chunk_id)


def cite_link(c: Citation, text: str) -> str:
    """A link to the cited passage in the article panel; the page's script marks the quote there.

    The chat's sanitizer drops ``data-*`` attributes, so the quote rides in ``title`` (also a tooltip) and the
    chunk in the ``href`` fragment."""
    return f'<a class="rag-cite" href="#{chunk_anchor(c.chunk_id)}" title="{html.escape(c.quote)}">{text}</a>'



def _markers_html(escaped: str, by_n: dict[int, Citation]) -> str:
    def one(m: re.Match[str]) -> str:
        c = by_n.get(int(m.group(1)))
        marker = f"[{m.group(1)}]"
        return f"<sup>{cite_link(c, marker)}</sup>" if c else f'<sup class="rag-marker">{marker}</sup>'

    return _MARKER_RE.sub(one, escaped)


def answer_text_html(text: str, citations: Sequence[Citation] = ()) -> str:
    """The answer text, escaped; ``[n]`` markers become links to their passages, the quoted line is set off."""
    by_n = {c.n: c for c in citations}
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    parts = []
    for i, para in enumerate(paras):
        # the first paragraph is the answer; then the answerer's quoted line and any notes (disagreeing passages)
        cls = "rag-text" if i == 0 else "rag-evidence" if _EVIDENCE_RE.match(para) else "rag-note"
        parts.append(f'<p class="{cls}">{_markers_html(text_html(para), by_n)}</p>')
    return "".join(parts)


def strip_markers(text: str) -> str:
    return _MARKER_RE.sub("", text)


def highlighted(text: str, quote: str) -> str:
    """``text`` with ``quote`` marked where it stands; everything escaped."""
    i = text.find(quote) if quote else -1
    if i < 0:
        return text_html(text)
    return (text_html(text[:i]) + "<mark>" + text_html(quote) + "</mark>" + text_html(text[i + len(quote):]))


def _where(c: Citation | Hit, script: str) -> str:
    section, kind = (c.chunk.section, c.chunk.kind) if isinstance(c, Hit) else (c.section, c.kind)
    kind_text = kind_label(kind, script)
    where = f"{to_script(section, script)} · {kind_text}" if section else kind_text
    return f'<span class="rag-where">{html.escape(where)}</span>'


def without_label(text: str, section: str) -> str:
    """A fact-box passage starts with its section's name, already shown beside it: drop that line."""
    head, _, rest = text.strip().partition("\n")
    return rest.strip() if section and head.strip() == section and rest.strip() else text


def _passage(c: Citation, script: str) -> str:
    return highlighted(to_script(without_label(c.text, c.section), script), to_script(c.quote, script))


def citation_html(c: Citation, script: str) -> str:
    """One source: number, section and kind, what the quote check found, the passage with the quote marked."""
    found = "quote_found" if getattr(c, "quote_found", True) else "quote_missing"
    badge_class = "rag-badge" if found == "quote_found" else "rag-badge rag-badge-warn"
    return (
        f'<li data-chunk="{html.escape(c.chunk_id)}"><b>[{c.n}]</b> {_where(c, script)} '
        f'<span class="{badge_class}">{"✓" if found == "quote_found" else "?"} {html.escape(label(found, script))}'
        f'</span> {cite_link(c, html.escape(label("in_article", script)) + " →")}'
        f'<div class="rag-passage">{_passage(c, script)}</div></li>'
    )


def context_html(c: Citation, script: str) -> str:
    """A refusal's nearest passage: its sentence and where it stands, no number, no badge."""
    sentence = _BULLET_RE.sub("", to_script(c.quote or c.text, script))
    return (f'<li data-chunk="{html.escape(c.chunk_id)}"><div class="rag-passage">{text_html(sentence)}</div>'
            f'{_where(c, script)} {cite_link(c, html.escape(label("in_article", script)) + " →")}</li>')


def hit_html(h: Hit, script: str) -> str:
    return (f'<li><b>#{h.rank}</b> <code>{h.score:.3f}</code> {_where(h, script)}'
            f'<div class="rag-passage">{text_html(to_script(h.chunk.text, script))}</div></li>')


def _details(cls: str, summary: str, items: Sequence[str], *, open_: bool = False) -> str:
    return (f'<details class="{cls}"{" open" if open_ else ""}><summary>{html.escape(summary)} ({len(items)})'
            f'</summary><ol>{"".join(items)}</ol></details>')


def refusal_context(answer: Answer) -> tuple[Citation, ...]:
    """A refusal's nearest passages: ``Answer.context``, or its citations from an answerer that still puts
    them there."""
    context = tuple(getattr(answer, "context", ()) or ())
    return context or (tuple(answer.citations) if answer.refused else ())


def refusal_text(answer: Answer) -> str:
    """The refusal without markers; the answerer's own "the closest passage is ..." is left to the context."""
    message = say(REFUSAL, answer.script)
    text = strip_markers(answer.text).strip()
    return message if text.startswith(message) and refusal_context(answer) else text


def _refusal_html(answer: Answer) -> list[str]:
    script = answer.script
    parts = [f'<p class="rag-text">{text_html(refusal_text(answer))}</p>']
    context = refusal_context(answer)
    if context:
        items = "".join(context_html(c, script) for c in context)
        parts.append(f'<div class="rag-context"><div class="rag-context-label">{html.escape(label("nearest", script))}'
                     f"</div><ul>{items}</ul></div>")
    return parts


def _answered_html(answer: Answer) -> list[str]:
    parts = [answer_text_html(answer.text, answer.citations)]
    if answer.citations:
        items = [citation_html(c, answer.script) for c in answer.citations]
        parts.append(_details("rag-sources", label("sources", answer.script), items))
    return parts


def answer_kind(answer: Answer) -> str:
    return "refusal" if answer.refused else (answer.kind or "fact")


def answer_html(answer: Answer, show_retrieved: bool = False) -> str:
    """One assistant message (see the module docstring)."""
    script = answer.script
    refused = answer.refused and bool(answer.question.strip())
    cls = "rag-answer rag-refusal" if refused else "rag-answer"
    parts = [f'<div class="{cls}" data-kind="{html.escape(answer_kind(answer))}" lang="{html.escape(script)}">']
    parts += _refusal_html(answer) if refused else _answered_html(answer)
    if answer.notice and answer.question:
        parts.append(f'<p class="rag-notice">{html.escape(label("notice", script))}：{text_html(answer.notice)}</p>')
    if answer.query and answer.query != answer.question:
        parts.append(f'<p class="rag-query">{html.escape(label("followup", script))}: {text_html(answer.query)}</p>')
    if show_retrieved and answer.hits:
        items = [hit_html(h, script) for h in answer.hits]
        parts.append(_details("rag-retrieved", label("retrieved", script), items))
    parts.append("</div>")
    return "".join(parts)


def partial_html(text: str) -> str:
    """A streamed, unfinished answer."""
    return f'<div class="rag-answer rag-partial">{answer_text_html(text)}</div>'


# --- chat history ------------------------------------------------------------------------------------------

def _message_text(content: Any) -> str:
    """The text of a chatbot message, whatever shape gradio hands it over in."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, Sequence):
        return "".join(_message_text(c) for c in content)
    return ""


def user_message(question: str) -> dict[str, str]:
    return {"role": "user", "content": text_html(question)}


def assistant_message(body: str) -> dict[str, str]:
    return {"role": "assistant", "content": body}


def earlier_questions(chat: Sequence[dict[str, Any]] | None) -> list[str]:
    """The user's earlier questions (oldest first) from the chat, as typed."""
    out = []
    for m in chat or []:
        if isinstance(m, dict) and m.get("role") == "user":
            text = html.unescape(_message_text(m.get("content")).replace("<br>", "\n")).strip()
            if text:
                out.append(text)
    return out
