from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess

def _ask(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rag", "ask", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("question", ["香港有多少家初創企業？", "香港有多少家初创企业？"])
def test_ask_json_answers_4700_with_its_sentence(question):
    out = _ask(question, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"question", "answer", "refused", "citations", "retrieved"}
    assert data["question"] == question and not data["refused"]
    assert "4700" in data["answer"]
    first = data["citations"][0]
    assert set(first) >= {"n", "chunk_id", "text", "start", "end", "section"}
    assert first["n"] == 1 and "4700" in first["text"]
    assert "香港初創企業總量接近4700家" in first["text"] or "近4700家" in first["text"]
    assert all({"chunk_id", "text", "score"} <= set(r) for r in data["retrieved"])


def test_ask_with_history_shows_the_rewritten_query():
    out = _ask("那二期呢？", "--history", "河套香港園區首期入駐率是多少？", "--json")
    data = json.loads(out.stdout)
    assert "河套" in data["query"] and "二期" in data["query"]


def test_errors_are_one_line_without_traceback(tmp_path):
    out = _ask("問題", "--index-dir", str(tmp_path / "missing"))
    assert out.returncode == 1
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr
    assert "python -m rag build --index-dir" in out.stderr


def test_bad_setting_names_the_variable():
    import os

    env = {**os.environ, "RAG_TOP_K": "many"}
    out = subprocess.run([sys.executable, "-m", "rag", "ask", "問題"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 1 and "RAG_TOP_K" in out.stderr and "Traceback" not in out.stderr


def test_build_and_chunks_on_other_documents(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("新聞標題\n\n第一段說明了事情。第二句補充細節。\n", encoding="utf-8")
    idx = tmp_path / "idx"
    b = subprocess.run([sys.executable, "-m", "rag", "build", "--docs", str(doc), "--index-dir", str(idx)],
                       capture_output=True, text=True, timeout=120)
    assert b.returncode == 0, b.stderr
    c = subprocess.run([sys.executable, "-m", "rag", "chunks", "--index-dir", str(idx), "--json"],
                       capture_output=True, text=True, timeout=60)
    rows = [json.loads(line) for line in c.stdout.splitlines()]
    assert rows and all(r["doc_id"] == "notes" for r in rows)


def test_build_out_is_another_name_for_index_dir(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("新聞標題\n\n第一段說明了事情。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "rag", "build", "--docs", str(doc), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "o" / "manifest.json").is_file() and str(tmp_path / "o") in out.stdout
