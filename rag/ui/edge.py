"""The app's edge: API inputs checked and bounded once, and an ASGI middleware that bounds request bodies.

Every rejected input raises ``InputError`` whose message names the field and what it should be, never a
Python exception's text; the app turns it into ``gr.Error``. Long inputs are not rejected but cut, with a
notice that says so in the asker's script.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

MAX_HISTORY_TURNS = 20
MAX_HISTORY_CHARS = 20_000
MAX_BODY_BYTES = 1_000_000  # the largest legitimate request (a full history, JSON-escaped) is ~250 kB
RETRY_AFTER_SECONDS = 10
TOP_K_RANGE = (1, 20)

# notice key -> (zh-Hant, zh-Hans, en)
NOTICES = {
    "question": ("問題過長，只用了前 {n} 個字", "问题过长，只用了前 {n} 个字",
                 "question cut to its first {n} characters"),
    "turn": ("較早的問題過長，每個只用了前 {n} 個字", "较早的问题过长，每个只用了前 {n} 个字",
             "earlier questions cut to {n} characters each"),
    "turns": ("對話過長，只用了最近 {n} 個問題", "对话过长，只用了最近 {n} 个问题",
              "only the last {n} earlier questions were used"),
    "chars": ("對話過長，只用了最近約 {n} 字的問題", "对话过长，只用了最近约 {n} 字的问题",
              "earlier questions kept to the last {n} characters"),
}


class InputError(ValueError):
    """An API input that cannot be used; the message starts with the field's name."""


@dataclass(frozen=True)
class Request:
    """A question and its history after the edge's checks, with what was cut."""

    question: str
    history: tuple[str, ...] = ()
    cuts: tuple[tuple[str, int], ...] = field(default=())

    def notice(self, script: str) -> str:
        col = {"zh-Hant": 0, "zh-Hans": 1}.get(script, 2)
        sep = "；" if col < 2 else "; "
        return sep.join(NOTICES[key][col].format(n=n) for key, n in self.cuts)


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def check_question(value: Any, max_chars: int) -> tuple[str, list[tuple[str, int]]]:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"question: expected a string, got {_type_name(value)}")
    if len(value) > max_chars:
        return value[:max_chars], [("question", max_chars)]
    return value, []


def check_history(value: Any, max_chars: int) -> tuple[list[str], list[tuple[str, int]]]:
    """Earlier questions, oldest first: at most ``MAX_HISTORY_TURNS`` of them, each cut to ``max_chars``, the
    newest kept within ``MAX_HISTORY_CHARS`` in all."""
    if value is None:
        return [], []
    if not isinstance(value, list | tuple):
        raise InputError(f"history: expected a list of earlier questions (strings), got {_type_name(value)}")
    bad = next((i for i, turn in enumerate(value) if not isinstance(turn, str)), None)
    if bad is not None:
        raise InputError(f"history[{bad}]: expected a string (an earlier question), got {_type_name(value[bad])}")
    cuts: list[tuple[str, int]] = []
    turns = list(value)
    if len(turns) > MAX_HISTORY_TURNS:
        turns, cuts = turns[-MAX_HISTORY_TURNS:], [("turns", MAX_HISTORY_TURNS)]
    if any(len(t) > max_chars for t in turns):
        turns, cuts = [t[:max_chars] for t in turns], [*cuts, ("turn", max_chars)]
    kept: list[str] = []
    total = 0
    for turn in reversed(turns):
        if total + len(turn) > MAX_HISTORY_CHARS:
            cuts.append(("chars", MAX_HISTORY_CHARS))
            break
        kept.append(turn)
        total += len(turn)
    return kept[::-1], cuts


def check_request(question: Any, history: Any, max_chars: int) -> Request:
    q, q_cuts = check_question(question, max_chars)
    h, h_cuts = check_history(history, max_chars)
    return Request(q, tuple(h), tuple(q_cuts + h_cuts))


def check_k(value: Any, default: int = 5) -> int:
    """``k`` for /retrieve: an integer (or a string of one) from 1 to 20; omitted means ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(f"k: expected an integer from {TOP_K_RANGE[0]} to {TOP_K_RANGE[1]}, got {_type_name(value)}")
    try:
        k = int(value) if not isinstance(value, float) or value.is_integer() else None
    except ValueError:
        k = None
    if k is None or not TOP_K_RANGE[0] <= k <= TOP_K_RANGE[1]:
        raise InputError(f"k: expected an integer from {TOP_K_RANGE[0]} to {TOP_K_RANGE[1]}, got {str(value)[:20]!r}")
    return k


# --- request bodies ----------------------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _TooLarge(Exception):
    pass


class EdgeMiddleware:
    """Refuses a request body over ``max_bytes`` with 413 before it is read (by its Content-Length) or as soon
    as its streamed size passes the limit; adds ``Retry-After`` to every 503 (gradio's "queue is full")."""

    def __init__(self, app: Callable[..., Awaitable[None]], max_bytes: int = MAX_BODY_BYTES,
                 retry_after: int = RETRY_AFTER_SECONDS) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.retry_after = retry_after

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(send)
            return
        seen = 0
        state = {"started": False, "overflow": False}

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    state["overflow"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # a framework may turn the aborted read into its own 400/500: the client gets the 413 instead
            if state["overflow"]:
                if not state["started"]:
                    state["started"] = True
                    await self._too_large(send)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                if message["status"] == 503:
                    headers = [*(message.get("headers") or []), (b"retry-after", str(self.retry_after).encode())]
                    message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _TooLarge:
            if not state["started"]:
                state["started"] = True
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps({"error": f"request body: larger than the limit of {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
