"""LLM generators: one small protocol that streams answer text, and three ways to run a model behind it.

- ``transformers:<model id or path>``: a local instruct model with its chat template, on this machine;
- ``openai:<model>``: any OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp, TGI);
- ``hf:<model>``: Hugging Face Inference through ``huggingface_hub.InferenceClient``.

Every generator gets the same prompt (``rag.prompt``) and its text is checked by ``rag.verify`` before it
becomes an ``Answer``: a generator only writes, it never decides what counts as supported.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from .config import ConfigError
from .prompt import build_messages
from .types import Hit

DEFAULT_OPENAI_BASE_URL = "http://127.0.0.1:11434/v1"  # Ollama's OpenAI-compatible endpoint
DEFAULT_MAX_NEW_TOKENS = 512


class GeneratorError(RuntimeError):
    """A generator failed while answering; the one-line message says what and, where it can, how to fix it."""


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


def load_generator(spec: str, *, timeout: float = 60.0,
                   max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> Generator | None:
    """The generator for ``Settings.generator`` (``None`` for ``'extractive'``, the built-in answerer).

    ``timeout`` bounds every wait on a model (``Settings.request_timeout``). Loading a ``transformers:`` model is
    slow: build the generator once and reuse it.
    """
    kind, _, model = spec.strip().partition(":")
    if spec.strip() == "extractive":
        return None
    if not model:
        raise ConfigError(f"RAG_GENERATOR={spec!r} is not valid: use 'extractive', 'transformers:<model>', "
                          "'openai:<model>' or 'hf:<model>'")
    if kind == "transformers":
        return TransformersGenerator(model, max_new_tokens=max_new_tokens, timeout=timeout)
    if kind == "openai":
        return OpenAIGenerator(model, timeout=timeout, max_tokens=max_new_tokens)
    if kind == "hf":
        return HFInferenceGenerator(model, timeout=timeout, max_tokens=max_new_tokens)
    raise ConfigError(f"RAG_GENERATOR={spec!r} is not valid: unknown kind {kind!r} "
                      "(use 'transformers:', 'openai:' or 'hf:')")


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    """Streams ``/chat/completions`` from an OpenAI-compatible server over server-sent events.

    Every wait (connect, each read) is bounded by ``timeout`` and the whole answer by ``total_timeout``
    (default ten times ``timeout``), so a stalled or trickling server ends in ``GeneratorError``, never a hang.
    """

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 60.0, total_timeout: float | None = None,
                 max_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> None:
        self.name = f"openai:{model}"
        self.model = model
        base = base_url or os.environ.get("RAG_OPENAI_BASE_URL") or os.environ.get("OPENAI_BASE_URL") \
            or DEFAULT_OPENAI_BASE_URL
        self.base_url = base.rstrip("/")
        self.url = self.base_url if self.base_url.endswith("/chat/completions") else \
            self.base_url + "/chat/completions"
        key = api_key if api_key is not None else (
            os.environ.get("RAG_OPENAI_API_KEY") or os.environ.get("OPENAI_API_KEY") or "")
        self._api_key = key.strip()
        self.timeout = timeout
        self.total_timeout = total_timeout if total_timeout is not None else 10 * timeout
        self.max_tokens = max_tokens

    def request_body(self, question: str, passages: Sequence[Hit], *, script: str,
                     history: Sequence[str] = ()) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": build_messages(question, passages, script=script, history=history),
            "stream": True,
            "temperature": 0,
            "max_tokens": self.max_tokens,
        }

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        import httpx

        body = self.request_body(question, passages, script=script, history=history)
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        deadline = time.monotonic() + self.total_timeout
        try:
            with httpx.Client(timeout=httpx.Timeout(self.timeout)) as client, \
                    client.stream("POST", self.url, json=body, headers=headers) as response:
                if response.status_code >= 400:
                    detail = _one_line(response.read().decode("utf-8", "replace"), 160)
                    raise GeneratorError(f"{self.url} answered HTTP {response.status_code}"
                                         + (f": {detail}" if detail else ""))
                if "application/json" in response.headers.get("content-type", ""):
                    # a server that ignores stream=true answers with one JSON object
                    yield _message_content(response.read(), self.url)
                    return
                received = False
                for line in response.iter_lines():
                    if time.monotonic() > deadline:
                        raise GeneratorError(f"{self.url} did not finish within {self.total_timeout:g} s")
                    piece = _sse_content(line, self.url)
                    if piece is _DONE:
                        return
                    if isinstance(piece, str) and piece:
                        received = True
                        yield piece
                if not received:  # some servers omit [DONE]; a stream with text and no [DONE] is still an answer
                    raise GeneratorError(f"{self.url} ended the stream without any text")
        except httpx.TimeoutException:
            raise GeneratorError(f"{self.url} did not answer within {self.timeout:g} s "
                                 "(RAG_REQUEST_TIMEOUT)") from None
        except httpx.ConnectError as exc:
            raise GeneratorError(f"could not connect to {self.url} ({_one_line(exc, 80)}): start the server or "
                                 "set RAG_OPENAI_BASE_URL") from None
        except httpx.HTTPError as exc:
            raise GeneratorError(f"{self.url} failed: {_one_line(exc)}") from exc


_DONE = object()
_SSE_FIELDS = ("event:", "id:", "retry:")


def _sse_content(line: str, url: str) -> str | object | None:
    """The text in one server-sent-event line, ``_DONE`` at ``data: [DONE]``, ``None`` for lines without text."""
    line = line.strip()
    if not line or line.startswith(":") or line.startswith(_SSE_FIELDS):
        return None  # blank separator, keep-alive comment, or a field we do not need
    if not line.startswith("data:"):
        raise GeneratorError(f"{url} sent something that is not a server-sent event: {_one_line(line, 80)!r}")
    data = line[5:].strip()
    if data == "[DONE]":
        return _DONE
    try:
        event = json.loads(data)
    except ValueError:
        raise GeneratorError(f"{url} sent a malformed event: {_one_line(data, 80)!r}") from None
    if not isinstance(event, dict):
        raise GeneratorError(f"{url} sent a malformed event: {_one_line(data, 80)!r}")
    if event.get("error"):
        error = event["error"]
        message = error.get("message", error) if isinstance(error, dict) else error
        raise GeneratorError(f"{url} reported an error: {_one_line(message)}")
    choices = event.get("choices")
    if not choices:
        return None  # e.g. the final usage-only event
    try:
        content = choices[0].get("delta", {}).get("content")
    except AttributeError:
        raise GeneratorError(f"{url} sent a malformed event: {_one_line(data, 80)!r}") from None
    return content if isinstance(content, str) else None


def _message_content(raw: bytes, url: str) -> str:
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise GeneratorError(f"{url} sent a malformed response: {_one_line(raw.decode('utf-8', 'replace'), 80)!r}") \
            from None
    if not isinstance(content, str):
        raise GeneratorError(f"{url} sent a response without text")
    return content


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
        self.timeout = timeout
        self.max_tokens = max_tokens

    def _client(self) -> Any:
        from huggingface_hub import InferenceClient

        if self.base_url:
            # InferenceClient refuses model= together with base_url; the model then goes in the request body
            return InferenceClient(base_url=self.base_url, token=self._token, timeout=self.timeout)
        return InferenceClient(model=self.model, token=self._token, timeout=self.timeout)

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        messages = build_messages(question, passages, script=script, history=history)
        where = self.base_url or self.model
        client = self._client()
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
            # huggingface_hub raises from several layers (its HTTP client, its own errors, JSON decoding) and
            # these differ between its versions: every one of them means the same thing here
            raise GeneratorError(f"Hugging Face inference for {where} failed: {type(exc).__name__}: "
                                 f"{_one_line(exc)}") from exc
        finally:
            client.close()  # also closes a stream left open by an early stop
        if not received:
            raise GeneratorError(f"Hugging Face inference for {where} sent no answer (not an event stream?)")
