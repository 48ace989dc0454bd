"""Generators cannot leak a key or stall the app: a real OpenAI-compatible server on 127.0.0.1 misbehaves in each
way a remote model can (echoes the key in a 401, hangs, drips, streams forever, cites what no passage says), and
every answer comes back in bounded time, redacted, with a notice that says what happened.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rag.config import ConfigError, Settings
from rag.generate.generators import (
    GeneratorError,
    GeneratorUnavailable,
    GuardedGenerator,
    GuardLimits,
    OpenAIGenerator,
    configured_deadline,
    load_generator,
)
from rag.generate.verify import UnsupportedAnswer, answer_with_generator
from rag.pipeline import Pipeline
from rag.types import Answer, Chunk, Hit

KEY = "zq-Deployment.Key/7731"  # no known key shape: only its configuration lets redaction find it
URL_PASSWORD = "pa55word-in-url"
QUESTION = "香港有多少家初創企業？"
GOOD = "香港初創企業總量接近4700家[1]。"
FACT = "創科主體活力\n- 年度關鍵成就：香港初創企業總量接近4700家，青年創科團隊持續集聚"
PASSAGES = [Hit(Chunk("a:6", "a", FACT, 0, 40, "創科主體活力", "fact"), 1.0, 1)]


class FakeLLM(ThreadingHTTPServer):
    """An OpenAI-compatible ``/v1/chat/completions`` that behaves as ``mode`` says."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = "ok"
        self.requests = 0
        self.release = threading.Event()

    def url(self, credentials: bool = False) -> str:
        auth = f"deploy:{URL_PASSWORD}@" if credentials else ""
        return f"http://{auth}127.0.0.1:{self.server_address[1]}/v1"


def _event(text: str) -> bytes:
    event = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
             "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    server: FakeLLM

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests += 1
        mode = self.server.mode
        try:
            if mode == "hang":
                self.server.release.wait(30)
                return
            if mode in ("401", "500"):
                return self._error(int(mode))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            getattr(self, f"_stream_{mode}")()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up: what a bounded client does

    def _error(self, status: int) -> None:
        sent = self.headers.get("Authorization", "")
        body = json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}. You sent Authorization: {sent} "
                                                + "and then a long server story " + "x" * 5000}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _stream_ok(self) -> None:
        self._send(_event(GOOD) + b"data: [DONE]\n\n")

    def _stream_refuse(self) -> None:
        self._send(_event("文章沒有提到這一點。") + b"data: [DONE]\n\n")

    def _stream_fabricated(self) -> None:
        self._send(_event("香港初創企業總量達到9999家[1]。另有42所大學[7]。") + b"data: [DONE]\n\n")

    def _stream_drip(self) -> None:
        for byte in _event("香港初創企業總量接近4700家[1]。"):  # one byte a second: never a whole event in time
            self._send(bytes([byte]))
            if self.server.release.wait(1.0):
                return

    def _stream_good_then_drip(self) -> None:
        self._send(_event(GOOD))
        self._stream_drip()

    def _stream_forever(self) -> None:
        while not self.server.release.is_set():
            self._send(_event(GOOD))


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    server = FakeLLM()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, llm: FakeLLM) -> FakeLLM:
    """The key and a URL with credentials configured the way a deployment configures them."""
    monkeypatch.setenv("RAG_OPENAI_API_KEY", KEY)
    monkeypatch.setenv("RAG_OPENAI_BASE_URL", llm.url(credentials=True))
    return llm


def _guarded(llm: FakeLLM, **limits: float) -> GuardedGenerator:
    return GuardedGenerator(OpenAIGenerator("m", base_url=llm.url(), api_key="sk-test", timeout=20),
                            GuardLimits(**limits))


def _pipeline(pipeline: Pipeline, generator: GuardedGenerator | None = None) -> Pipeline:
    """The session's pipeline (index and encoder loaded once) with a generator of the test's own."""
    pipe = Pipeline(pipeline.index, pipeline.encoder, Settings(generator="extractive"))
    pipe.generator = generator
    return pipe


def _assert_clean(text: str) -> None:
    for secret in (KEY, URL_PASSWORD, "Bearer "):
        assert secret not in text, f"{secret!r} leaked: {text}"
    assert "x" * 200 not in text  # the server's story is cut to a short excerpt


def _guard_threads() -> int:
    return sum(t.name == "rag-generate-guard" and t.is_alive() for t in threading.enumerate())


def _timed(fn):
    start = time.monotonic()
    result = fn()
    return result, time.monotonic() - start


# --- 1. redaction ----------------------------------------------------------------------------------------------


def test_401_echoing_the_key_is_redacted_in_the_generator_error(keyed):
    keyed.mode = "401"
    generator = load_generator("openai:x", timeout=5)
    with pytest.raises(GeneratorError) as err:
        list(generator.generate(QUESTION, PASSAGES, script="zh-Hant"))
    message = str(err.value)
    assert "HTTP 401" in message and "Incorrect API key provided: ***" in message
    _assert_clean(message)
    assert len(message) < 400 and "\n" not in message


def test_401_is_redacted_in_the_log_and_the_notice(keyed, pipeline, caplog):
    keyed.mode = "401"
    pipe = _pipeline(pipeline, load_generator("openai:x", timeout=5))
    with caplog.at_level(logging.DEBUG):
        answer = pipe.answer(QUESTION)
    assert answer.generator == "extractive" and "4700" in answer.text
    assert "HTTP 401" in answer.notice
    _assert_clean(answer.notice)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "HTTP 401" in logged  # the failure is logged...
    _assert_clean(logged)  # ...without the key, the URL's password or the body


def test_401_is_redacted_in_cli_json_output(keyed):
    keyed.mode = "401"
    env = {**os.environ, "RAG_GENERATOR": "openai:x"}
    out = subprocess.run([sys.executable, "-m", "rag", "ask", QUESTION, "--json"], capture_output=True, text=True,
                         env=env, timeout=180)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "HTTP 401" in data["notice"] and "4700" in data["answer"]
    _assert_clean(out.stdout)
    _assert_clean(out.stderr)


def test_redact_removes_credentials_by_shape():
    from rag.redact import excerpt, redact

    text = ("POST https://me:hunter22@api.example.com/v1 sent Authorization: Bearer abc.def-123 and "
            '{"api_key": "k-998877"} with sk-proj-AAAABBBBCCCC and hf_AbCdEfGhIjKl')
    clean = redact(text)
    for secret in ("hunter22", "abc.def-123", "k-998877", "sk-proj-AAAABBBBCCCC", "hf_AbCdEfGhIjKl"):
        assert secret not in clean
    assert "api.example.com/v1" in clean
    assert len(excerpt("y" * 1000)) <= 120


# --- 2. the openai client --------------------------------------------------------------------------------------


def test_openai_client_streams_and_sends_the_key(llm):
    seen: list[str] = []

    class Recording(_Handler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization", ""))
            super().do_POST()

    llm.RequestHandlerClass = Recording
    pieces = list(OpenAIGenerator("m", base_url=llm.url(), api_key="sk-test", timeout=5)
                  .generate(QUESTION, PASSAGES, script="zh-Hant"))
    assert "".join(pieces) == GOOD and seen == ["Bearer sk-test"]


def test_openai_client_retries_a_500_then_fails_with_a_short_message(llm):
    llm.mode = "500"
    generator = OpenAIGenerator("m", base_url=llm.url(), api_key="sk-test", timeout=5, max_retries=1)
    with pytest.raises(GeneratorError, match="HTTP 500") as err:
        list(generator.generate(QUESTION, PASSAGES, script="zh-Hant"))
    assert llm.requests == 2  # one retry
    assert len(str(err.value)) < 400


# --- 3. bounded in time and length, a breaker, verified or extractive -------------------------------------------


def test_a_hanging_server_ends_at_the_deadline_with_the_extractive_answer(llm, pipeline):
    llm.mode = "hang"
    pipe = _pipeline(pipeline, _guarded(llm, deadline=2))
    answer, seconds = _timed(lambda: pipe.answer(QUESTION))
    assert seconds < 6
    assert answer.generator == "extractive" and "4700" in answer.text
    assert "wrote nothing within 2 s" in answer.notice and "RAG_GENERATOR_DEADLINE" in answer.notice


def test_a_dripping_server_ends_at_the_deadline(llm, pipeline):
    llm.mode = "drip"
    pipe = _pipeline(pipeline, _guarded(llm, deadline=2))
    answer, seconds = _timed(lambda: pipe.answer(QUESTION))
    assert seconds < 6
    assert answer.generator == "extractive" and "wrote nothing within 2 s" in answer.notice
    deadline = time.monotonic() + 5
    while _guard_threads() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _guard_threads() == 0  # the connection was closed, not left to drip


def test_text_written_before_the_deadline_is_kept_with_a_notice(llm, pipeline):
    llm.mode = "good_then_drip"
    pipe = _pipeline(pipeline, _guarded(llm, deadline=2))
    answer, seconds = _timed(lambda: pipe.answer(QUESTION))
    assert seconds < 6
    assert answer.generator == "openai:m" and answer.text == GOOD
    assert "cut at the 2 s limit" in answer.notice


def test_an_endless_stream_is_cut_at_max_chars(llm, pipeline):
    llm.mode = "forever"
    pipe = _pipeline(pipeline, _guarded(llm, deadline=20, max_chars=4000))
    answer, seconds = _timed(lambda: pipe.answer(QUESTION))
    assert seconds < 15
    assert answer.generator == "openai:m" and not answer.refused
    assert 3000 < len(answer.text) <= 4000
    assert "cut at 4,000 characters" in answer.notice


def test_fabricated_citations_fall_back_to_the_extractive_answer_with_the_reason(llm, pipeline):
    llm.mode = "fabricated"
    pipe = _pipeline(pipeline, _guarded(llm, deadline=10))
    answer = pipe.answer(QUESTION)
    assert answer.generator == "extractive" and "4700" in answer.text and not answer.refused
    assert "figure not in passage: 9999" in answer.notice
    assert "no passage [7]" in answer.notice


def test_a_model_that_refuses_keeps_its_refusal(llm):
    llm.mode = "refuse"
    *_, answer = answer_with_generator(_guarded(llm, deadline=10), QUESTION, "zh-Hant", PASSAGES)
    assert isinstance(answer, Answer) and answer.refused and answer.text == "文章沒有提到這一點。"


def test_unsupported_answer_is_a_generator_error(llm):
    llm.mode = "fabricated"
    with pytest.raises(UnsupportedAnswer, match="9999"):
        list(answer_with_generator(_guarded(llm, deadline=10), QUESTION, "zh-Hant", PASSAGES))
    assert issubclass(UnsupportedAnswer, GeneratorError)


def test_circuit_breaker_stops_calling_a_failing_backend_then_tries_again(llm, pipeline):
    llm.mode = "500"
    generator = GuardedGenerator(OpenAIGenerator("m", base_url=llm.url(), api_key="k-1", timeout=5, max_retries=0),
                                 GuardLimits(deadline=5, breaker_failures=3, breaker_cooldown=2))
    pipe = _pipeline(pipeline, generator)
    for _ in range(3):
        assert "HTTP 500" in pipe.answer(QUESTION).notice
    assert llm.requests == 3
    answer, seconds = _timed(lambda: pipe.answer(QUESTION))
    assert llm.requests == 3 and seconds < 2  # not called at all
    assert answer.generator == "extractive" and "4700" in answer.text
    assert "failed 3 times in a row" in answer.notice and "not calling it" in answer.notice
    with pytest.raises(GeneratorUnavailable):
        generator.generate(QUESTION, PASSAGES, script="zh-Hant")
    time.sleep(2.1)
    llm.mode = "ok"
    assert pipe.answer(QUESTION).generator == "openai:m"  # cooled down: called again, and it works
    assert llm.requests == 4


def test_deadline_setting_is_range_checked_and_read_by_load_generator(monkeypatch):
    with pytest.raises(ConfigError, match="RAG_GENERATOR_DEADLINE=0.5 is out of range"):
        Settings.from_env({"RAG_GENERATOR_DEADLINE": "0.5"})
    assert Settings.from_env({}).generator_deadline == 30
    assert configured_deadline({"RAG_GENERATOR_DEADLINE": "7"}) == 7
    monkeypatch.setenv("RAG_GENERATOR_DEADLINE", "12")
    generator = load_generator("openai:m", timeout=5)
    assert isinstance(generator, GuardedGenerator) and generator.limits.deadline == 12
