"""LLM generators: one small protocol that streams answer text, and three ways to run a model behind it.

- ``transformers:<model id or path>``: a local instruct model with its chat template, on this machine;
- ``openai:<model>``: any OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp, TGI);
- ``hf:<model>``: Hugging Face Inference through ``huggingface_hub.InferenceClient``.

Every generator gets the same prompt (``prompt.py``) and its text is checked by ``verify.py`` before it
becomes an ``Answer``: a generator only writes, it never decides what counts as supported. ``load_generator``
wraps each in a ``GuardedGenerator`` (a deadline per answer, a maximum length and a circuit breaker), so no
backend can stall the app.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..config import ConfigError, Settings
from ..redact import excerpt, install_log_filter, redact, register_secret
from ..types import Hit
from .prompt import build_messages

DEFAULT_OPENAI_BASE_URL = "http://127.0.0.1:11434/v1"  # Ollama's OpenAI-compatible endpoint
DEFAULT_MAX_NEW_TOKENS = 512
DEFAULT_MAX_RETRIES = 1  # one retry of a refused connection or a 429/5xx; the answer's deadline bounds it anyway


class GeneratorError(RuntimeError):
    """A generator failed while answering; the one-line message says what and, where it can, how to fix it.

    The message is redacted on construction (``rag.redact``): whatever a server echoed, no credential reaches the
    user or a log through it.
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(redact(message))


class GeneratorLoadError(GeneratorError):
    """A configured generator could not be loaded; the message says how to provide the model."""


@runtime_checkable
class Generator(Protocol):
    name: str

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        """Pieces of the answer text as the model writes them; passages are cited as ``[1]``..``[n]`` in order.

        Closing the iterator early stops the model.
        """
        ...


def load_generator(spec: str, *, timeout: float = 60.0, max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
                   limits: GuardLimits | None = None) -> Generator | None:
    """The generator for ``Settings.generator`` (``None`` for ``'extractive'``, the built-in answerer).

    ``timeout`` bounds every wait on a model (``Settings.request_timeout``); ``limits`` bound every answer
    (default: ``RAG_GENERATOR_DEADLINE`` from the environment, 4,000 characters, a breaker after 3 failures).
    Loading a ``transformers:`` model is slow: build the generator once and reuse it.
    """
    kind, _, model = spec.strip().partition(":")
    if spec.strip() == "extractive":
        return None
    if not model:
        raise ConfigError(f"RAG_GENERATOR={spec!r} is not valid: use 'extractive', 'transformers:<model>', "
                          "'openai:<model>' or 'hf:<model>'")
    makers = {
        "transformers": lambda: TransformersGenerator(model, max_new_tokens=max_new_tokens, timeout=timeout),
        "openai": lambda: OpenAIGenerator(model, timeout=timeout, max_tokens=max_new_tokens),
        "hf": lambda: HFInferenceGenerator(model, timeout=timeout, max_tokens=max_new_tokens),
    }
    if kind not in makers:
        raise ConfigError(f"RAG_GENERATOR={spec!r} is not valid: unknown kind {kind!r} "
                          "(use 'transformers:', 'openai:' or 'hf:')")
    return GuardedGenerator(makers[kind](), limits or GuardLimits(deadline=configured_deadline()))


def configured_deadline(environ: dict[str, str] | None = None) -> float:
    """``RAG_GENERATOR_DEADLINE``, checked like every setting (``Settings``)."""
    env = os.environ if environ is None else environ
    raw = env.get("RAG_GENERATOR_DEADLINE")
    return Settings.from_env({} if raw is None else {"RAG_GENERATOR_DEADLINE": raw}).generator_deadline


def _one_line(text: object, limit: int = 200) -> str:
    return redact(text, limit=limit)


# --- transformers -------------------------------------------------------------------------------------------


class TransformersGenerator:
    """A local chat model run with ``transformers``, streamed from a background thread.

    Generation is greedy (answers should follow the passages, not vary between runs). Each ``generate`` call has
    its own stop event, checked by a stopping criterion before every new token; closing the returned iterator or
    calling ``cancel()`` sets it.
    """

    def __init__(self, model: str, *, max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, timeout: float = 60.0) -> None:
        self.name = f"transformers:{model}"
        self.max_new_tokens = max_new_tokens
        self.timeout = timeout
        self._active: set[threading.Event] = set()
        self._lock = threading.Lock()
        how = (f"Give a local model directory (RAG_GENERATOR=transformers:/path/to/model), or download it once "
               f"(hf download {model}) and run with HF_HUB_OFFLINE=1, or set RAG_GENERATOR=extractive")
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - a broken install
            raise GeneratorLoadError(f"transformers is not installed ({exc}): pip install -e .") from exc
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model)
            self.model = AutoModelForCausalLM.from_pretrained(model)
        except (OSError, ValueError, KeyError, TypeError, ImportError, RuntimeError) as exc:
            raise GeneratorLoadError(f"could not load the generator model {model!r}: {_one_line(exc)}. {how}") from exc
        if not getattr(self.tokenizer, "chat_template", None):
            raise GeneratorLoadError(f"the model {model!r} has no chat template: use an instruct (chat) model. {how}")
        self.model.eval()
        self._special = _special_tokens(self.tokenizer)

    def render_prompt(self, question: str, passages: Sequence[Hit], *, script: str,
                      history: Sequence[str] = ()) -> str:
        """The exact text the model reads: the shared prompt put through the model's own chat template."""
        messages = build_messages(question, passages, script=script, history=history, extra_tokens=self._special)
        try:
            return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        except Exception:  # noqa: BLE001 - jinja raises its own TemplateError for templates without a system role
            merged = [{"role": "user", "content": messages[0]["content"] + "\n\n" + messages[1]["content"]}]
            try:
                return self.tokenizer.apply_chat_template(merged, tokenize=False, add_generation_prompt=True)
            except Exception as exc:  # noqa: BLE001
                raise GeneratorError(f"the chat template of {self.name} failed: {_one_line(exc)}") from exc

    def cancel(self) -> None:
        """Stop every generation of this generator that is running now."""
        with self._lock:
            for event in self._active:
                event.set()

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        prompt = self.render_prompt(question, passages, script=script, history=history)
        # the template already wrote the BOS/role tokens: adding special tokens again would double them
        inputs = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True,
                                        timeout=self.timeout)
        stop = threading.Event()
        errors: list[BaseException] = []
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        kwargs: dict[str, Any] = dict(
            **inputs, streamer=streamer, max_new_tokens=self.max_new_tokens, do_sample=False,
            stopping_criteria=StoppingCriteriaList([_event_criterion(stop)]), pad_token_id=pad,
        )

        def run() -> None:
            try:
                import torch

                with torch.inference_mode():
                    self.model.generate(**kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the consumer thread, which raises it
                errors.append(exc)
                streamer.end()  # unblock the consumer

        with self._lock:
            self._active.add(stop)
        scope = current_scope()
        if scope is not None:
            scope.on_cancel(stop.set)
        thread = threading.Thread(target=run, name="rag-generate", daemon=True)
        thread.start()
        try:
            try:
                for piece in streamer:
                    if piece:
                        yield piece
            except queue.Empty:
                raise GeneratorError(f"{self.name} produced no text within {self.timeout:g} s "
                                     "(RAG_REQUEST_TIMEOUT)") from None
            if errors:
                raise GeneratorError(f"{self.name} failed: {_one_line(errors[0])}") from errors[0]
        finally:
            stop.set()
            thread.join(timeout=max(self.timeout, 5.0))
            with self._lock:
                self._active.discard(stop)


def _special_tokens(tokenizer: Any) -> list[str]:
    """The tokenizer's special token strings: passages must not carry them into the template."""
    tokens = set(getattr(tokenizer, "all_special_tokens", []) or [])
    for added in (getattr(tokenizer, "added_tokens_decoder", None) or {}).values():
        if getattr(added, "special", False):
            tokens.add(str(added.content))
    return sorted(t for t in tokens if t and t.strip())


def _event_criterion(event: threading.Event) -> Any:
    # defined here so that importing this module does not import torch
    import torch
    from transformers import StoppingCriteria

    class EventStop(StoppingCriteria):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any) -> torch.BoolTensor:
            return torch.full((input_ids.shape[0],), event.is_set(), dtype=torch.bool, device=input_ids.device)

    return EventStop()


# --- OpenAI-compatible servers ------------------------------------------------------------------------------


class OpenAIGenerator:
    """Streams chat completions from an OpenAI-compatible server through the ``openai`` client library.

    ``timeout`` bounds each wait on the server (connect, each read), ``max_retries`` retries a failed connection or
    a 429/5xx before any text. Under ``GuardedGenerator`` the whole answer is bounded as well, and a cancelled
    answer closes its connection at once. Every failure is a ``GeneratorError`` with a redacted message.
    """

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 60.0, max_retries: int = DEFAULT_MAX_RETRIES,
                 max_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> None:
        self.name = f"openai:{model}"
        self.model = model
        base = base_url or os.environ.get("RAG_OPENAI_BASE_URL") or os.environ.get("OPENAI_BASE_URL") \
            or DEFAULT_OPENAI_BASE_URL
        self.base_url = base.rstrip("/").removesuffix("/chat/completions")
        self.url = redact(self.base_url + "/chat/completions")  # for messages: never with its credentials
        key = api_key if api_key is not None else (
            os.environ.get("RAG_OPENAI_API_KEY") or os.environ.get("OPENAI_API_KEY") or "")
        self._api_key = key.strip()
        register_secret(self._api_key)
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_tokens = max_tokens
        install_log_filter()

    def request_body(self, question: str, passages: Sequence[Hit], *, script: str,
                     history: Sequence[str] = ()) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": build_messages(question, passages, script=script, history=history),
            "stream": True,
            "temperature": 0,
            "max_tokens": self.max_tokens,
        }

    def _client(self, timeout: float) -> Any:
        import openai

        # the library refuses an empty key; without one the request goes out with no Authorization header
        return openai.OpenAI(base_url=self.base_url, api_key=self._api_key or "no-key", timeout=timeout,
                             max_retries=self.max_retries)

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        import openai

        body = self.request_body(question, passages, script=script, history=history)
        scope = current_scope()
        timeout = self.timeout if scope is None else max(0.1, min(self.timeout, scope.remaining()))
        client = self._client(timeout)
        extra = {} if self._api_key else {"extra_headers": {"Authorization": openai.omit}}
        stream = None
        try:
            if scope is not None:
                scope.on_cancel(client.close)
            stream = client.chat.completions.create(**body, **extra)
            if scope is not None:
                scope.on_cancel(stream.response.close)  # unblocks a read waiting on a stalled server
            received = False
            for chunk in stream:
                piece = chunk.choices[0].delta.content if chunk.choices else None
                if isinstance(piece, str) and piece:
                    received = True
                    yield piece
            if not received:
                raise GeneratorError(f"{self.url} ended the stream without any text")
        except openai.APIStatusError as exc:
            raise GeneratorError(f"{self.url} answered HTTP {exc.status_code}: {_server_said(exc)}") from None
        except openai.APITimeoutError:
            raise GeneratorError(f"{self.url} did not answer within {timeout:g} s (RAG_REQUEST_TIMEOUT)") from None
        except openai.APIConnectionError as exc:
            if scope is not None and scope.cancelled:
                return  # we closed the connection ourselves
            raise GeneratorError(f"could not connect to {self.url} ({redact(exc.__cause__ or exc, limit=80)}): "
                                 "start the server or set RAG_OPENAI_BASE_URL") from None
        except (openai.OpenAIError, ValueError) as exc:
            # an in-stream error event, or a body that is not the event stream it claims to be
            raise GeneratorError(f"{self.url} sent a malformed or failed stream: {type(exc).__name__}: "
                                 f"{excerpt(exc)}") from None
        finally:
            if stream is not None:
                stream.close()
            client.close()


def _server_said(exc: Any) -> str:
    """The server's own error text, scrubbed and short: the body a 4xx/5xx came with."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        body = error.get("message", error) if isinstance(error, dict) else error
    text = body if body else getattr(exc, "message", "")
    return excerpt(text) or "no details"


# --- Hugging Face Inference ---------------------------------------------------------------------------------


class HFInferenceGenerator:
    """``huggingface_hub.InferenceClient.chat_completion`` with ``stream=True``.

    The token is ``HF_TOKEN``; ``RAG_HF_BASE_URL`` (or ``base_url``) points the client at another server that
    speaks the same protocol, such as a local TGI.
    """

    def __init__(self, model: str, *, base_url: str | None = None, token: str | None = None,
                 timeout: float = 60.0, max_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> None:
        self.name = f"hf:{model}"
        self.model = model
        self.base_url = base_url or os.environ.get("RAG_HF_BASE_URL") or None
        self._token = token if token is not None else (os.environ.get("HF_TOKEN") or None)
        register_secret(self._token)
        install_log_filter()
        self.timeout = timeout
        self.max_tokens = max_tokens

    def _client(self, timeout: float) -> Any:
        from huggingface_hub import InferenceClient

        if self.base_url:
            # InferenceClient refuses model= together with base_url; the model then goes in the request body
            return InferenceClient(base_url=self.base_url, token=self._token, timeout=timeout)
        return InferenceClient(model=self.model, token=self._token, timeout=timeout)

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        messages = build_messages(question, passages, script=script, history=history)
        where = redact(self.base_url or self.model)
        scope = current_scope()
        client = self._client(self.timeout if scope is None else max(0.1, min(self.timeout, scope.remaining())))
        if scope is not None:
            scope.on_cancel(client.close)
        received = False
        try:
            stream = client.chat_completion(messages, model=self.model if self.base_url else None, stream=True,
                                            max_tokens=self.max_tokens, temperature=0.0)
            for chunk in stream:
                received = True
                if chunk.choices:
                    piece = chunk.choices[0].delta.content
                    if piece:
                        yield piece
        except Exception as exc:  # noqa: BLE001
            if scope is not None and scope.cancelled:
                return  # we closed the connection ourselves
            # huggingface_hub raises from several layers (its HTTP client, its own errors, JSON decoding) and
            # these differ between its versions: every one of them means the same thing here
            raise GeneratorError(f"Hugging Face inference for {where} failed: {type(exc).__name__}: "
                                 f"{excerpt(exc)}") from None
        finally:
            client.close()  # also closes a stream left open by an early stop
        if not received:
            raise GeneratorError(f"Hugging Face inference for {where} sent no answer (not an event stream?)")


# --- limits every generator runs under ------------------------------------------------------------------------

DEFAULT_DEADLINE = 30.0
DEFAULT_MAX_CHARS = 4000
BREAKER_FAILURES = 3
BREAKER_COOLDOWN = 60.0
JOIN_SECONDS = 2.0  # how long closing a stream waits for the backend to let go (bounds an answer's overrun)


@dataclass(frozen=True)
class GuardLimits:
    """What one answer may cost: ``deadline`` seconds in all, ``max_chars`` characters; after
    ``breaker_failures`` failed answers in a row the backend is left alone for ``breaker_cooldown`` seconds."""

    deadline: float = DEFAULT_DEADLINE
    max_chars: int = DEFAULT_MAX_CHARS
    breaker_failures: int = BREAKER_FAILURES
    breaker_cooldown: float = BREAKER_COOLDOWN


class GeneratorUnavailable(GeneratorError):
    """The circuit breaker is open: the backend failed repeatedly and is not called until it cools down."""


class CancelScope:
    """One answer's deadline and the ways to stop its backend (close a connection, set a stop event).

    A backend reads the scope of the thread it runs in (``current_scope()``) to bound its own waits by the time
    left and to register how to stop it; ``cancel()`` may then be called from any thread.
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline  # time.monotonic() at which the answer must be done
        self._callbacks: list[Callable[[], object]] = []
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def on_cancel(self, callback: Callable[[], object]) -> None:
        with self._lock:
            if not self.cancelled:
                self._callbacks.append(callback)
                return
        _quietly(callback)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            _quietly(callback)


def _quietly(callback: Callable[[], object]) -> None:
    try:
        callback()
    except Exception:  # noqa: BLE001 - closing what is already broken may fail; it is closed either way
        pass


_local = threading.local()


def current_scope() -> CancelScope | None:
    """The ``CancelScope`` of the answer this thread is generating, if a ``GuardedGenerator`` runs it."""
    return getattr(_local, "scope", None)


class CircuitBreaker:
    """Counts failed answers in a row; at ``failures`` it opens for ``cooldown`` seconds. Thread-safe."""

    def __init__(self, failures: int = BREAKER_FAILURES, cooldown: float = BREAKER_COOLDOWN) -> None:
        self.failures = failures
        self.cooldown = cooldown
        self._count = 0
        self._open_until = 0.0
        self._lock = threading.Lock()

    def seconds_open(self) -> float:
        """How long the breaker stays open (0 when calls may go through)."""
        with self._lock:
            return max(0.0, self._open_until - time.monotonic())

    def success(self) -> None:
        with self._lock:
            self._count = 0

    def failure(self) -> None:
        with self._lock:
            self._count += 1
            if self._count >= self.failures:
                self._open_until = time.monotonic() + self.cooldown
                self._count = 0


class GuardedGenerator:
    """Any ``Generator`` under ``GuardLimits``; what it does not define (``cancel``, ``render_prompt``...) is the
    wrapped generator's."""

    def __init__(self, inner: Generator, limits: GuardLimits | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.limits = limits or GuardLimits()
        self.breaker = CircuitBreaker(self.limits.breaker_failures, self.limits.breaker_cooldown)

    def __getattr__(self, attr: str) -> Any:
        if attr == "inner":  # not set yet (a copy being made): no recursion
            raise AttributeError(attr)
        return getattr(self.inner, attr)

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> GuardedStream:
        wait = self.breaker.seconds_open()
        if wait:
            raise GeneratorUnavailable(
                f"{self.name} failed {self.limits.breaker_failures} times in a row: not calling it for the next "
                f"{wait:.0f} s")
        call = lambda: self.inner.generate(question, passages, script=script, history=history)
        return GuardedStream(call, self.name, self.limits, self.breaker)


class GuardedStream:
    """The text of one answer, read from a worker thread so that waiting is bounded by the deadline.

    Cut at the deadline or at ``max_chars``, the text so far is kept and ``notice`` says why; a deadline with no
    text at all, or the backend's failure, raises ``GeneratorError``. Failures and deadlines count towards the
    circuit breaker, a completed answer resets it.
    """

    def __init__(self, call: Callable[[], Iterator[str]], name: str, limits: GuardLimits,
                 breaker: CircuitBreaker) -> None:
        self.name = name
        self.limits = limits
        self.notice = ""
        self._breaker = breaker
        self._scope = CancelScope(time.monotonic() + limits.deadline)
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._chars = 0
        self._done = False
        self._worker = threading.Thread(target=self._run, args=(call,), name="rag-generate-guard", daemon=True)
        self._worker.start()

    def _run(self, call: Callable[[], Iterator[str]]) -> None:
        _local.scope = self._scope
        try:
            stream = call()
            try:
                for piece in stream:
                    if self._scope.cancelled:
                        break
                    self._queue.put(("piece", piece))
            finally:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
            self._queue.put(("end", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which raises it
            self._queue.put(("error", exc))
        finally:
            _local.scope = None

    def __iter__(self) -> GuardedStream:
        return self

    def __next__(self) -> str:
        while not self._done:
            try:
                kind, value = self._queue.get(timeout=max(self._scope.remaining(), 0.001))
            except queue.Empty:
                return self._at_deadline()
            if kind == "piece" and value:
                return self._take(value)
            if kind == "end":
                self._finish(ok=True)
            elif kind == "error":
                self._finish(ok=False)
                if isinstance(value, GeneratorError):
                    raise value
                raise GeneratorError(f"{self.name} failed: {type(value).__name__}: {excerpt(value)}") from None
        raise StopIteration

    def _take(self, piece: str) -> str:
        room = self.limits.max_chars - self._chars
        if len(piece) < room:
            self._chars += len(piece)
            return piece
        self.notice = (f"the answer was cut at {self.limits.max_chars:,} characters, the most a generated answer "
                       "may have")
        self._finish(ok=True)
        return piece[:room]

    def _at_deadline(self) -> str:
        self._finish(ok=False)
        if not self._chars:
            raise GeneratorError(f"{self.name} wrote nothing within {self.limits.deadline:g} s "
                                 "(RAG_GENERATOR_DEADLINE)")
        self.notice = (f"the answer was cut at the {self.limits.deadline:g} s limit (RAG_GENERATOR_DEADLINE); the "
                       "generator was still writing")
        raise StopIteration

    def _finish(self, *, ok: bool) -> None:
        if self._done:
            return
        self._done = True
        (self._breaker.success if ok else self._breaker.failure)()
        self._scope.cancel()

    def close(self) -> None:
        """Stop the backend (the user stopped reading, or the answer is complete) and wait for it to let go."""
        if not self._done:
            self._done = True  # a stop by the reader is neither the backend's success nor its failure
            self._scope.cancel()
        self._worker.join(timeout=JOIN_SECONDS)
