"""The Gradio app: a chat about one Ta Kung Pao article beside the article itself, answers citing passages as [n].

UI only: every answer comes from ``rag.Pipeline``; every piece of HTML comes from the pure functions of
``rag.ui`` (testable without a server). This module holds the layout, the endpoints and ``main``. Run
``python app.py`` (GRADIO_SERVER_NAME / GRADIO_SERVER_PORT choose the address). Named API endpoints for
``gradio_client``: ``/chat``, ``/chat_stream``, ``/retrieve``.

``import app`` loads neither the index nor gradio: ``main`` starts loading the pipeline in a thread, then
imports gradio and builds the page while it loads.
"""

from __future__ import annotations

import dataclasses
import logging
import typing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from rag.config import ConfigError, Settings
from rag.corpus import ARTICLE_META
from rag.types import Answer
from rag.ui.assets import CSS, HEAD
from rag.ui.edge import MAX_BODY_BYTES, EdgeMiddleware, InputError, Request, check_history, check_k, check_request
from rag.ui.page import about_html, article_html, header_html
from rag.ui.render import answer_html, assistant_message, earlier_questions, partial_html, user_message
from rag.ui.strings import EXAMPLES, UI

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger("rag.app")

MAX_TOP_K = 10
QUEUE_SIZE = 64
CONCURRENCY = 8
WARM_UP_QUESTION = EXAMPLES[0].questions[0]

__all__ = ["answer_html", "build_app", "earlier_questions", "launch_kwargs", "load", "main", "user_message"]


# --- loading -----------------------------------------------------------------------------------------------

def start_loading() -> Future:
    """Load the index and the encoder and answer one question, in a thread (while gradio imports).

    Importing gradio takes ~5 s here and loading the pipeline plus the encoder's weights ~2.5 s; overlapped,
    the app is ready ~1.3 s sooner (eval/bench.py measures launch to first answer).
    """
    return ThreadPoolExecutor(1, thread_name_prefix="rag-preload").submit(load, None, warm_up=True)


def load(pipeline: Any | None = None, *, warm_up: bool = False) -> tuple[Any | None, Settings | None, str | None]:
    """The pipeline, its settings and, if it could not be loaded, why (shown in the header and on every
    request)."""
    if pipeline is not None:
        return pipeline, pipeline.settings, None
    from rag.encoders import EncoderLoadError
    from rag.generate.generators import GeneratorLoadError
    from rag.index import IndexLoadError
    from rag.pipeline import load_pipeline

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        return None, None, str(exc)
    try:
        pipeline = load_pipeline(settings=settings)
    except (IndexLoadError, EncoderLoadError, GeneratorLoadError, ConfigError) as exc:
        log.error("pipeline could not be loaded: %s", exc)
        return None, settings, str(exc)
    if warm_up:
        pipeline.answer(WARM_UP_QUESTION)  # the encoder loads its weights on first use
    return pipeline, settings, None


# --- endpoints ---------------------------------------------------------------------------------------------

def _with_notice(answer: Answer, request: Request) -> Answer:
    notice = "; ".join(n for n in (request.notice(answer.script), answer.notice) if n)
    return dataclasses.replace(answer, notice=notice) if notice != answer.notice else answer


class Endpoints:
    """The API (``chat``, ``chat_stream``, ``retrieve``) and the UI's handler, over one pipeline (or the reason
    it could not be loaded). Inputs are checked at the edge (``rag.ui.edge``); every failure the caller sees is
    a ``gr.Error`` with a short message, never a Python exception's text."""

    def __init__(self, pipeline: Any | None, settings: Settings | None, load_error: str | None) -> None:
        self.p = pipeline
        self.settings = settings or Settings()
        self.load_error = load_error

    def _pipeline(self) -> Any:
        import gradio as gr

        if self.p is None:
            raise gr.Error(f"{UI['not_ready']}: {self.load_error}")
        return self.p

    def _request(self, question: Any, history: Any) -> Request:
        import gradio as gr

        try:
            return check_request(question, history, self.settings.max_question_chars)
        except InputError as exc:
            raise gr.Error(str(exc)) from None

    @staticmethod
    def _fail(exc: Exception) -> Exception:
        import gradio as gr

        if isinstance(exc, gr.Error):
            return exc
        log.exception("request failed")
        return gr.Error("Sorry, that question could not be answered (an internal error; it has been logged).")

    def stream(self, request: Request, k: int | None = None) -> Iterator[str | Answer]:
        p = self._pipeline()
        try:
            for item in p.answer_stream(request.question, list(request.history), **({"k": k} if k else {})):
                yield _with_notice(item, request) if isinstance(item, Answer) else item
        except Exception as exc:
            raise self._fail(exc) from None

    def chat(self, question: str, history: list[str]) -> dict:
        """Answer a question about the article. history: the earlier user questions, oldest first."""
        *_, answer = self.stream(self._request(question, history))
        return answer.to_dict()

    def chat_stream(self, question: str, history: list[str]) -> Iterator[dict]:
        """Like chat, streamed: {"answer": partial text, "done": false} ..., then the full answer with "done": true."""
        for item in self.stream(self._request(question, history)):
            yield {**item.to_dict(), "done": True} if isinstance(item, Answer) else {"answer": item, "done": False}

    def retrieve(self, query: str, k: int = 5) -> list[dict]:
        """The k passages (1-20) most relevant to the query, best first, with their fused scores."""
        import gradio as gr

        try:
            n = check_k(k, self.settings.top_k)
        except InputError as exc:
            raise gr.Error(str(exc)) from None
        request = self._request(query, [])
        try:
            hits = self._pipeline().retrieve(request.question, n)
        except Exception as exc:
            raise self._fail(exc) from None
        return [{"rank": h.rank, "chunk_id": h.chunk.id, "text": h.chunk.text, "section": h.chunk.section,
                 "kind": h.chunk.kind, "score": round(h.score, 6)} for h in hits]

    def ask_in_chat(self, questions: Sequence[str], chat: list[dict] | None, top_k: float,
                    show_all: bool) -> Iterator[tuple[list[dict], str]]:
        """The UI: ask ``questions`` in turn, each streamed into the chat with the earlier ones as history."""
        import gradio as gr

        chat = list(chat or [])
        for question in questions:
            question = (question or "").strip()
            if not question:
                gr.Warning(UI["empty"])
                yield chat, ""
                return
            history, _ = check_history(earlier_questions(chat), self.settings.max_question_chars)
            request = self._request(question, history)
            chat.append(user_message(request.question))
            yield chat, ""
            body = ""
            for item in self.stream(request, int(top_k)):
                body = answer_html(item, bool(show_all)) if isinstance(item, Answer) else partial_html(item)
                yield [*chat, assistant_message(body)], ""
            chat.append(assistant_message(body))


# --- the page ----------------------------------------------------------------------------------------------

def _article(pipeline: Any | None) -> str:
    if pipeline is None:
        return ""
    return article_html(pipeline.index.chunks, {"article": ARTICLE_META["title"]})


def _chat_examples() -> list[dict[str, str]]:
    return [{"text": e.questions[0], "display_text": e.display} for e in EXAMPLES]


def build_app(pipeline: Any | None = None, *, loading: Future | None = None, queue_size: int = QUEUE_SIZE,
              concurrency: int = CONCURRENCY) -> gr.Blocks:
    """The Gradio Blocks over ``pipeline`` (default: the result of ``loading``, or ``load()``: settings from
    RAG_* variables). Launch it with ``launch_kwargs()`` for the page's CSS and script and the request limits."""
    import gradio as gr

    pipeline, settings, load_error = loading.result() if loading is not None else load(pipeline)
    api = Endpoints(pipeline, settings, load_error)

    with gr.Blocks(title=f"{ARTICLE_META['title']} · 問答") as demo:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                gr.HTML(header_html(ARTICLE_META, load_error), js_on_load=None)
                chatbot = gr.Chatbot(
                    show_label=False, elem_id="chat", height="58vh", min_height=320,
                    render_markdown=False,  # messages are HTML built by rag.ui.render from escaped text
                    sanitize_html=True, latex_delimiters=[], feedback_options=None, buttons=["copy"],
                    examples=_chat_examples(),
                )
                with gr.Row():
                    textbox = gr.Textbox(show_label=False, placeholder=UI["placeholder"], elem_id="question",
                                         scale=8, max_lines=6, autofocus=False)
                    send = gr.Button(UI["send"], variant="primary", scale=1, min_width=80, elem_id="send")
                clear = gr.Button(UI["clear"], size="sm", elem_id="clear")
                with gr.Accordion(UI["settings"], open=False, elem_id="settings"):
                    top_k = gr.Slider(1, MAX_TOP_K, value=min(api.settings.top_k, MAX_TOP_K), step=1,
                                      label=UI["top_k"])
                    show_all = gr.Checkbox(False, label=UI["show_all"])
                with gr.Accordion(UI["about"], open=False, elem_id="about"):
                    gr.HTML(about_html(api.settings.encoder, api.settings.generator,
                                       len(pipeline.index.chunks) if pipeline else 0), js_on_load=None)
            with gr.Column(scale=2, min_width=320):
                gr.HTML(f"<h3 class='rag-article-title'>{UI['article']}</h3>", js_on_load=None)
                gr.HTML(_article(pipeline), elem_id="article", js_on_load=None)

        def ask(message: str, chat: list[dict], k: float, show: bool):
            yield from api.ask_in_chat([message], chat, k, show)

        def ask_example(chat: list[dict], k: float, show: bool, evt: gr.SelectData):
            yield from api.ask_in_chat(EXAMPLES[evt.index].questions, chat, k, show)

        ask_example.__annotations__["evt"] = gr.SelectData  # gradio finds event data by the real class

        ui = {"outputs": [chatbot, textbox], "api_visibility": "private", "show_progress": "minimal"}
        textbox.submit(ask, [textbox, chatbot, top_k, show_all], **ui)
        send.click(ask, [textbox, chatbot, top_k, show_all], **ui)
        chatbot.example_select(ask_example, [chatbot, top_k, show_all], **ui)
        clear.click(lambda: ([], ""), None, [chatbot, textbox], api_visibility="private", queue=False)

        # gr.api derives the endpoint's schema from type hints, which `from __future__ import annotations`
        # left as strings
        for fn in (api.chat, api.chat_stream, api.retrieve):
            fn.__func__.__annotations__ = typing.get_type_hints(fn)
            gr.api(fn, api_name=fn.__name__)

    demo.queue(default_concurrency_limit=concurrency, max_size=queue_size)
    return demo


def launch_kwargs(max_body_bytes: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """What ``launch`` needs besides the address: the page's CSS and script, and the request limits."""
    from starlette.middleware import Middleware

    return {"css": CSS, "head": HEAD, "max_file_size": max_body_bytes,
            "app_kwargs": {"middleware": [Middleware(EdgeMiddleware, max_bytes=max_body_bytes)]}}


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss"):  # a line per HTTP request / per faiss import attempt
        logging.getLogger(noisy).setLevel(logging.WARNING)
    loading = start_loading()
    # server name and port come from GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (gradio reads them)
    build_app(loading=loading).launch(**launch_kwargs())


if __name__ == "__main__":
    main()
