"""Question ids for logs: a keyed hash, so a log shows which answers were to the same question but not what it was.

An unkeyed SHA-256 of a short question is reversed by hashing likely questions; HMAC-SHA256 with a secret the
log reader does not have is not. The secret is ``RAG_LOG_SALT`` (set it to correlate ids across processes and
restarts of one deployment); without it each process draws its own, so ids match only within one run.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

SALT_ENV = "RAG_LOG_SALT"
ID_CHARS = 16
_PROCESS_SALT = secrets.token_bytes(32)


def log_salt() -> bytes:
    """The deployment's secret (``RAG_LOG_SALT``), or this process's random one."""
    configured = os.environ.get(SALT_ENV, "")
    return configured.encode("utf-8") if configured else _PROCESS_SALT


def question_id(question: str) -> str:
    """HMAC-SHA256 of ``question`` under ``log_salt()``, as ``ID_CHARS`` hex digits."""
    digest = hmac.new(log_salt(), question.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
    return digest[:ID_CHARS]


def answer_record(answer: object, seconds: float, *, with_question: bool = False) -> dict[str, object]:
    """The one log line of an answer: a keyed id of the question, never its text unless ``with_question``
    (``RAG_LOG_QUESTIONS=1``)."""
    question = getattr(answer, "question", "")
    record: dict[str, object] = {
        "question_sha256": question_id(question),  # HMAC-SHA256 keyed by RAG_LOG_SALT; the name is kept for logs
        "latency_ms": round(seconds * 1000, 2),
        "refused": getattr(answer, "refused", False),
        "kind": getattr(answer, "kind", ""),
        "citations": len(getattr(answer, "citations", ())),
        "script": getattr(answer, "script", ""),
    }
    if with_question:
        record["question"] = question
    return record
