"""The app over a real server: `python app.py` on a free port, called with gradio_client."""

from __future__ import annotations

import importlib.util
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client

from rag.types import Answer, Citation


def _import_app():
    # app.py sits at the repository root, which is not a package on sys.path
    if "app" not in sys.modules:
        spec = importlib.util.spec_from_file_location("app", Path(__file__).resolve().parents[1] / "app.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["app"] = module
        spec.loader.exec_module(module)
    return sys.modules["app"]


app = _import_app()

STARTUPS_ZH_HANT = "香港有多少家初創企業？"
STARTUPS_ZH_HANS = "香港有多少家初创企业？"
UNANSWERABLE = "獅子山芯的製程是幾納米？"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> 香港有多少家初創企業？'


@pytest.fixture(scope="module")
def client(app_url):
    return Client(app_url, verbose=False)


@pytest.mark.slow
def test_named_endpoints_are_public(client):
    endpoints = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    assert {"/chat", "/chat_stream", "/retrieve"} <= set(endpoints)
    assert [p["parameter_name"] for p in endpoints["/chat"]["parameters"]] == ["question", "history"]
    assert [p["parameter_name"] for p in endpoints["/retrieve"]["parameters"]] == ["query", "k"]


@pytest.mark.slow
@pytest.mark.parametrize("question", [STARTUPS_ZH_HANT, STARTUPS_ZH_HANS])
def test_chat_answers_with_a_citation_that_holds_the_figure(client, question):
    out = client.predict(question, [], api_name="/chat")
    assert out["question"] == question and not out["refused"]
    assert "4700" in out["answer"] and "[1]" in out["answer"]
    assert any("4700" in c["text"] and c["quote_found"] for c in out["citations"])
    assert {"n", "chunk_id", "text", "section", "kind", "quote", "quote_found"} <= set(out["citations"][0])
    assert out["citations"][0]["quote"] in out["citations"][0]["text"]


@pytest.mark.slow
def test_chat_refuses_what_the_article_does_not_say(client):
    out = client.predict(UNANSWERABLE, [], api_name="/chat")
    assert out["refused"] is True
    assert "沒有提到" in out["answer"]
    assert not any(c["quote_found"] for c in out["citations"])


@pytest.mark.slow
def test_chat_uses_history_for_a_follow_up(client):
    earlier = "河套香港園區首期入駐率是多少？"
    out = client.predict("那二期呢？", [earlier], api_name="/chat")
    assert earlier in out["query"] and "那二期呢" in out["query"]
    assert not out["refused"] and out["citations"]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_gets_a_friendly_prompt(client, question):
    out = client.predict(question, [], api_name="/chat")
    assert out["refused"] is True and out["citations"] == []
    assert "question" in out["answer"].lower()


@pytest.mark.slow
def test_markup_in_a_question_is_only_text(client):
    out = client.predict(XSS, [], api_name="/chat")
    assert out["question"] == XSS  # echoed as data; the UI escapes it
    assert out["answer"] and isinstance(out["refused"], bool)


@pytest.mark.slow
def test_chat_stream_yields_partials_then_the_answer(client):
    job = client.submit(STARTUPS_ZH_HANT, [], api_name="/chat_stream")
    outputs = list(job)
    assert job.status().success
    partials = [o for o in outputs if not o["done"]]
    final = outputs[-1]
    assert partials and final["done"] is True
    assert "4700" in final["answer"] and any("4700" in c["text"] for c in final["citations"])
    assert all(final["answer"].startswith(p["answer"]) for p in partials)
    assert len(partials[0]["answer"]) < len(final["answer"])


@pytest.mark.slow
def test_retrieve_returns_k_passages_best_first(client):
    hits = client.predict("獅子山芯", 3, api_name="/retrieve")
    assert len(hits) == 3
    assert {"chunk_id", "text", "section", "kind", "score"} <= set(hits[0])
    assert "獅子山芯" in hits[0]["text"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.slow
def test_several_users_at_once(client):
    questions = [STARTUPS_ZH_HANT, STARTUPS_ZH_HANS, UNANSWERABLE, "香港有几所实验室获批成为国家重点实验室？"]
    with ThreadPoolExecutor(len(questions)) as pool:
        outs = list(pool.map(lambda q: client.predict(q, [], api_name="/chat"), questions))
    assert [o["question"] for o in outs] == questions
    assert [o["refused"] for o in outs] == [False, False, True, False]


# --- the page's HTML, without a server ---------------------------------------------------------------------

def _answer(text: str, passage: str, quote: str, *, refused: bool = False) -> Answer:
    c = Citation(1, "article:1", passage, 0, len(passage), "<b>section</b>", "fact", quote, quote_found=not refused)
    return Answer("q", text, (c,), refused=refused, query="q", script="zh-Hant")


def test_answer_html_marks_the_quote_and_escapes_everything():
    passage = '前文<img src=x onerror="alert(1)">。香港初創企業總量接近4700家。後文'
    out = app.answer_html(_answer("接近4700家[1]。<script>alert(1)</script>", passage, "香港初創企業總量接近4700家。"))
    assert "<script" not in out and "<img" not in out and "<b>section" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert '<mark style="background:#fde68a;color:inherit">香港初創企業總量接近4700家。</mark>' in out
    assert "<details" in out and "[1]" in out and "fact box" in out and "已核實" in out


def test_refusal_says_so_and_marks_the_passage_unverified():
    out = app.answer_html(_answer("文章沒有提到這一點。最接近的相關段落是「X」[1]。", "X", "X", refused=True))
    assert "文章沒有回答這個問題" in out and "未核實" in out


def test_user_messages_round_trip_through_the_chat_history():
    chat = [app.user_message(XSS), {"role": "assistant", "content": "<p>a</p>"},
            {"role": "user", "content": [{"type": "text", "text": app.user_message("那二期呢？\n第二行")["content"]}]}]
    assert "<script" not in chat[0]["content"]
    assert app.earlier_questions(chat) == [XSS, "那二期呢？\n第二行"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_broken_index_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path))  # an empty directory: no manifest.json
    demo = app.build_app()
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=_free_port(), quiet=True)
    try:
        header = next(b for b in demo.blocks.values() if getattr(b, "value", None) and "rag-header" in str(b.value))
        assert "No index at" in header.value and "python -m rag build" in header.value
        with pytest.raises(Exception, match="not ready: No index at"):
            Client(url, verbose=False).predict(STARTUPS_ZH_HANT, [], api_name="/chat")
    finally:
        demo.close()


def test_a_bad_setting_is_reported(monkeypatch):
    monkeypatch.setenv("RAG_TOP_K", "99")
    pipeline, _, error = app._load(None)
    assert pipeline is None and "RAG_TOP_K=99" in error
