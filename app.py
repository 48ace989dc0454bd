"""The Gradio app: a chat about one Ta Kung Pao article, answers with [n] citations and their sources.

UI only: every answer comes from ``rag.Pipeline``. Run ``python app.py`` (GRADIO_SERVER_NAME / GRADIO_SERVER_PORT
choose the address). Named API endpoints for ``gradio_client``: ``/chat``, ``/chat_stream``, ``/retrieve``.

Every piece of user or article text is ``html.escape``d here before it goes into a chat message: the chatbot
renders messages as HTML, and its sanitizer would silently drop a question such as ``<script>...</script>``
instead of showing it, so the app builds the HTML of both user and assistant messages itself.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import typing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


def _start_loading() -> Future:
    """Load the index and the encoder, and answer one question, in a thread while gradio imports.

    Importing gradio takes ~5 s here and loading the pipeline plus the encoder's weights ~2.5 s; overlapped, the
    app is ready ~1.3 s sooner (eval/bench.py measures launch to first answer).
    """
    def work() -> Any:
        from rag.config import Settings
        from rag.pipeline import load_pipeline

        pipeline = load_pipeline(settings=Settings.from_env())
        pipeline.answer("香港有多少家初創企業？")
        return pipeline

    return ThreadPoolExecutor(1, thread_name_prefix="rag-preload").submit(work)


_PRELOAD: Future | None = _start_loading() if __name__ == "__main__" else None

import gradio as gr  # noqa: E402

from rag.config import ConfigError, Settings  # noqa: E402
from rag.corpus import ARTICLE_META  # noqa: E402
from rag.types import Answer, Citation, Hit  # noqa: E402

log = logging.getLogger("rag.app")

MAX_TOP_K = 10

KIND_LABELS = {
    "headline": "headline",
    "fact": "fact box",
    "body": "body",
    "byline": "byline",
    "heading": "heading",
    "caption": "photo caption",
    "credit": "credit",
    "sidebar": "sidebar",
    "explainer": "explainer box",
}

# Labels in the answer's script: zh-Hant, zh-Hans, en.
LABELS = {
    "sources": {"zh-Hant": "來源", "zh-Hans": "来源", "en": "Sources"},
    "verified": {"zh-Hant": "✓ 已核實：引文見於該段落", "zh-Hans": "✓ 已核实：引文见于该段落",
                 "en": "✓ verified: the quote is in this passage"},
    "unverified": {"zh-Hant": "✗ 未核實：此段落不支持答案", "zh-Hans": "✗ 未核实：此段落不支持答案",
                   "en": "✗ not verified: this passage does not support an answer"},
    "refused": {"zh-Hant": "文章沒有回答這個問題", "zh-Hans": "文章没有回答这个问题",
                "en": "The article does not answer this question"},
    "retrieved": {"zh-Hant": "檢索到的段落", "zh-Hans": "检索到的段落", "en": "Retrieved passages"},
    "followup": {"zh-Hant": "檢索查詢（結合上文）", "zh-Hans": "检索查询（结合上文）",
                 "en": "Retrieval query (with context)"},
}

EXAMPLES = [
    ("香港有多少家初創企業？", "繁 · 香港有多少家初創企業？"),
    ("河套園區首期入駐率是多少？", "繁 · 河套園區首期入駐率是多少？"),
    ("那二期呢？規模擴大了多少？", "繁 · 追問 follow-up（接上一題）：那二期呢？規模擴大了多少？"),
    ("香港有几所实验室获批成为国家重点实验室？", "简 · 香港有几所实验室获批成为国家重点实验室？"),
    ("Where does Hong Kong rank globally for digital competitiveness?",
     "EN · Where does Hong Kong rank globally for digital competitiveness?"),
    ("香港今年的GDP增長率是多少？", "繁 · 文章沒有的 not in the article：香港今年的GDP增長率是多少？"),
]


# --- HTML --------------------------------------------------------------------------------------------------

def _text_html(text: str) -> str:
    """Escaped text with line breaks kept (messages are rendered as HTML, not Markdown)."""
    return html.escape(text).replace("\n", "<br>")


def _label(key: str, script: str) -> str:
    return LABELS[key].get(script, LABELS[key]["en"])


_MARKER_RE = re.compile(r"\[(\d{1,2})\]")


def answer_text_html(text: str) -> str:
    """The answer text, escaped, with its [n] markers kept visible and set off."""
    escaped = _text_html(text)
    return _MARKER_RE.sub(r'<sup style="font-weight:600;color:#2563eb">[\1]</sup>', escaped)


def highlighted_passage(text: str, quote: str) -> str:
    """The passage with the supporting sentence marked; everything escaped."""
    i = text.find(quote) if quote else -1
    if i < 0:
        return _text_html(text)
    return (_text_html(text[:i]) + '<mark style="background:#fde68a;color:inherit">' + _text_html(quote)
            + "</mark>" + _text_html(text[i + len(quote):]))


def _where(section: str, kind: str) -> str:
    kind_label = KIND_LABELS.get(kind, kind)
    return f"{html.escape(section)} · {html.escape(kind_label)}" if section else html.escape(kind_label)


def citation_html(c: Citation, script: str) -> str:
    status = _label("verified" if c.quote_found else "unverified", script)
    colour = "#15803d" if c.quote_found else "#b45309"
    return (
        f'<li style="margin:0.5em 0;list-style:none" data-chunk="{html.escape(c.chunk_id)}">'
        f'<b>[{c.n}]</b> <span style="opacity:0.8">{_where(c.section, c.kind)}</span> '
        f'<span style="color:{colour};font-size:0.9em">{html.escape(status)}</span>'
        f'<div style="border-left:3px solid #cbd5e1;padding-left:0.6em;margin-top:0.2em">'
        f"{highlighted_passage(c.text, c.quote)}</div></li>"
    )


def hit_html(h: Hit) -> str:
    return (
        f'<li style="margin:0.4em 0;list-style:none"><b>#{h.rank}</b> '
        f'<code>{h.score:.3f}</code> <span style="opacity:0.8">{_where(h.chunk.section, h.chunk.kind)}</span>'
        f'<div style="padding-left:0.6em">{_text_html(h.chunk.text)}</div></li>'
    )


def answer_html(answer: Answer, show_retrieved: bool = False) -> str:
    """One assistant message: the answer with [n] markers, then a collapsible Sources section."""
    script = answer.script
    parts: list[str] = ['<div class="rag-answer">']
    if answer.refused and answer.question:
        parts.append(f'<p style="font-weight:600;color:#b45309">⚠ {html.escape(_label("refused", script))}</p>')
    parts.append(f"<p>{answer_text_html(answer.text)}</p>")
    if answer.notice and answer.question:
        parts.append(f'<p style="opacity:0.7;font-size:0.9em">({html.escape(answer.notice)})</p>')
    if answer.query and answer.query != answer.question:
        parts.append(f'<p style="opacity:0.7;font-size:0.9em">{html.escape(_label("followup", script))}: '
                     f"{_text_html(answer.query)}</p>")
    if answer.citations:
        items = "".join(citation_html(c, script) for c in answer.citations)
        parts.append(f'<details class="rag-sources" open><summary><b>{html.escape(_label("sources", script))}'
                     f" ({len(answer.citations)})</b></summary><ol style=\"padding-left:0\">{items}</ol></details>")
    if show_retrieved and answer.hits:
        items = "".join(hit_html(h) for h in answer.hits)
        parts.append(f'<details class="rag-retrieved"><summary>{html.escape(_label("retrieved", script))}'
                     f" ({len(answer.hits)})</summary><ol style=\"padding-left:0\">{items}</ol></details>")
    parts.append("</div>")
    return "".join(parts)


def header_html(settings: Settings | None, load_error: str | None) -> str:
    meta = {k: html.escape(v) for k, v in ARTICLE_META.items()}
    lines = [
        f'<div class="rag-header"><h1 style="margin:0 0 0.2em 0">{meta["title"]}</h1>',
        f'<p style="margin:0">Ask about this article — {meta["outlet"]} · {meta.get("column", "")} · '
        f'by {meta["author"]}. Answers quote the article and cite passages as [n]; '
        "繁體、简体 or English.</p>",
    ]
    if settings is not None:
        lines.append(f'<p style="margin:0;opacity:0.75;font-size:0.9em">encoder <code>{html.escape(settings.encoder)}'
                     f"</code> · generator <code>{html.escape(settings.generator)}</code></p>")
    if load_error:
        lines.append(f'<p style="color:#b91c1c;font-weight:600">The app could not start its pipeline: '
                     f"{html.escape(load_error)}</p>")
    lines.append("</div>")
    return "".join(lines)


# --- chat history --------------------------------------------------------------------------------------------

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
    return {"role": "user", "content": _text_html(question)}


def earlier_questions(chat: Sequence[dict[str, Any]] | None) -> list[str]:
    """The user's earlier questions (oldest first) from the chat, as typed."""
    out = []
    for m in chat or []:
        if m.get("role") == "user":
            text = html.unescape(_message_text(m.get("content")).replace("<br>", "\n")).strip()
            if text:
                out.append(text)
    return out


# --- the app -------------------------------------------------------------------------------------------------

def _load(pipeline: Any | None) -> tuple[Any | None, Settings | None, str | None]:
    """The pipeline, its settings and, if it could not be loaded, why (shown in the header and on every request)."""
    if pipeline is not None:
        return pipeline, pipeline.settings, None
    from rag.encoders import EncoderLoadError
    from rag.generators import GeneratorLoadError
    from rag.index import IndexLoadError
    from rag.pipeline import load_pipeline

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        return None, None, str(exc)
    try:
        pipeline = _PRELOAD.result() if _PRELOAD is not None else load_pipeline(settings=settings)
        return pipeline, settings, None
    except (IndexLoadError, EncoderLoadError, GeneratorLoadError, ConfigError) as exc:
        log.error("pipeline could not be loaded: %s", exc)
        return None, settings, str(exc)


def _warm_up(pipeline: Any) -> None:
    """Answer one question so the encoder's lazily loaded model is ready before the first user asks."""
    def run() -> None:
        try:
            pipeline.answer(EXAMPLES[0][0])
        except Exception:  # the first real request will report it
            log.exception("warm-up failed")

    threading.Thread(target=run, name="rag-warm-up", daemon=True).start()


def build_app(pipeline: Any | None = None, *, warm_up: bool = False) -> gr.Blocks:
    """The Gradio Blocks for ``pipeline`` (default: ``load_pipeline()`` with settings from RAG_* variables).

    ``warm_up`` answers one question in a background thread while the server starts.
    """
    pipeline, settings, load_error = _load(pipeline)
    if warm_up and pipeline is not None:
        _warm_up(pipeline)
    def pipeline_for() -> Any:
        if pipeline is None:
            raise gr.Error(f"The app is not ready: {load_error}")
        return pipeline

    def _fail(exc: Exception) -> gr.Error:
        log.exception("request failed")
        return gr.Error(f"Sorry, that question could not be answered ({type(exc).__name__}: {exc}).")

    # --- API ---------------------------------------------------------------------------------------------
    def chat(question: str, history: list[str]) -> dict:
        """Answer a question about the article. history: the earlier user questions, oldest first."""
        p = pipeline_for()
        try:
            return p.answer(question or "", [str(h) for h in history or []]).to_dict()
        except Exception as exc:
            raise _fail(exc) from None

    def chat_stream(question: str, history: list[str]) -> Iterator[dict]:
        """Like chat, streamed: {"answer": partial text, "done": false} ..., then the full answer with "done": true."""
        p = pipeline_for()
        try:
            for item in p.answer_stream(question or "", [str(h) for h in history or []]):
                if isinstance(item, Answer):
                    yield {**item.to_dict(), "done": True}
                else:
                    yield {"answer": item, "done": False}
        except Exception as exc:
            raise _fail(exc) from None

    def retrieve(query: str, k: int = 5) -> list[dict]:
        """The k passages (1-20) most relevant to the query, best first, with their fused scores."""
        p = pipeline_for()
        try:
            hits = p.retrieve(query or "", max(1, min(int(k), 20)))
        except Exception as exc:
            raise _fail(exc) from None
        return [{"rank": h.rank, "chunk_id": h.chunk.id, "text": h.chunk.text, "section": h.chunk.section,
                 "kind": h.chunk.kind, "score": round(h.score, 6)} for h in hits]

    # --- UI ----------------------------------------------------------------------------------------------
    def respond(message: str, chat_history: list[dict], top_k: float, show_all: bool):
        chat_history = list(chat_history or [])
        question = (message or "").strip()
        if not question:
            gr.Warning("請輸入問題 · 请输入问题 · Please type a question about the article.")
            yield chat_history, message
            return
        history = earlier_questions(chat_history)
        p = pipeline_for()
        chat_history.append(user_message(question))
        yield chat_history, ""
        try:
            for item in p.answer_stream(question, history, k=int(top_k)):
                if isinstance(item, Answer):
                    body = answer_html(item, show_retrieved=bool(show_all))
                else:
                    body = f'<div class="rag-answer rag-partial"><p>{answer_text_html(item)}</p></div>'
                yield chat_history + [{"role": "assistant", "content": body}], ""
        except Exception as exc:
            raise _fail(exc) from None

    with gr.Blocks(title=f"{ARTICLE_META['title']} · article RAG", fill_height=True) as demo:
        gr.HTML(header_html(settings, load_error), js_on_load=None)
        chatbot = gr.Chatbot(
            label="Chat",
            elem_id="chat",
            height=560,
            render_markdown=False,  # messages are HTML built here from escaped text
            sanitize_html=True,
            latex_delimiters=[],
            feedback_options=None,
            buttons=["copy"],
            placeholder="Ask about Hong Kong's innovation and technology year: start-ups, the Loop, 獅子山芯…",
        )
        with gr.Row():
            textbox = gr.Textbox(
                show_label=False,
                placeholder="Type a question (繁體 / 简体 / English) and press Enter",
                elem_id="question",
                scale=8,
                autofocus=True,
                max_lines=6,
            )
            send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
        with gr.Accordion("Settings", open=False, elem_id="settings"):
            top_k = gr.Slider(1, MAX_TOP_K, value=min(settings.top_k if settings else 5, MAX_TOP_K), step=1,
                              label="Passages given to the answerer (top_k)")
            show_all = gr.Checkbox(False, label="Show all retrieved passages (with scores)")
        examples = gr.Examples(
            examples=[[q] for q, _ in EXAMPLES],
            inputs=[textbox],
            example_labels=[label for _, label in EXAMPLES],
            label="Examples (the follow-up continues the question above it)",
            cache_examples=False,
        )
        gr.Button("Clear chat", size="sm").click(lambda: ([], ""), None, [chatbot, textbox],
                                                  api_visibility="private", queue=False)

        ui = {"fn": respond, "inputs": [textbox, chatbot, top_k, show_all], "outputs": [chatbot, textbox],
              "api_visibility": "private", "show_progress": "minimal"}
        textbox.submit(**ui)
        send.click(**ui)
        examples.load_input_event.then(**ui)

        # gr.api derives the endpoint's schema from type hints, which `from __future__ import annotations` left
        # as strings
        for fn in (chat, chat_stream, retrieve):
            fn.__annotations__ = typing.get_type_hints(fn)
            gr.api(fn, api_name=fn.__name__)

    demo.queue(default_concurrency_limit=8, max_size=64)
    return demo


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss"):  # a line per HTTP request / per faiss import attempt
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # server name and port come from GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (gradio reads them)
    build_app(warm_up=_PRELOAD is None).launch()


if __name__ == "__main__":
    main()
