"""Question ids in logs are keyed (HMAC-SHA256 with RAG_LOG_SALT), not a bare SHA-256 anyone can recompute."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import subprocess
import sys

import pytest

from rag.privacy import question_id

QUESTION = "香港有多少家初創企業？"


def test_question_id_is_hmac_sha256_under_the_configured_salt(monkeypatch):
    monkeypatch.setenv("RAG_LOG_SALT", "deployment-secret")
    expected = hmac.new(b"deployment-secret", QUESTION.encode(), hashlib.sha256).hexdigest()[:16]
    assert question_id(QUESTION) == expected
    assert question_id(QUESTION) != hashlib.sha256(QUESTION.encode()).hexdigest()[:16]
    monkeypatch.setenv("RAG_LOG_SALT", "another-deployment")
    assert question_id(QUESTION) != expected  # another deployment's ids do not line up with these


@pytest.mark.slow  # starts a process
def test_without_a_salt_each_process_draws_its_own(monkeypatch):
    monkeypatch.delenv("RAG_LOG_SALT", raising=False)
    assert question_id(QUESTION) == question_id(QUESTION)  # stable within the process
    code = "from rag.privacy import question_id; print(question_id('香港有多少家初創企業？'))"
    env = {k: v for k, v in os.environ.items() if k != "RAG_LOG_SALT"}
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           check=True).stdout.strip() for _ in range(2)}
    assert len(runs) == 2 and question_id(QUESTION) not in runs


def test_pipeline_logs_the_keyed_id(pipeline, monkeypatch, caplog):
    monkeypatch.setenv("RAG_LOG_SALT", "log-test-salt")
    with caplog.at_level(logging.INFO, logger="rag"):
        pipeline.answer(QUESTION)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "rag")
    keyed = hmac.new(b"log-test-salt", QUESTION.encode(), hashlib.sha256).hexdigest()[:16]
    assert keyed in logged
    assert hashlib.sha256(QUESTION.encode()).hexdigest()[:16] not in logged
