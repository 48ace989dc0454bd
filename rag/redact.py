"""One scrubber for every message about a remote failure before a user or a log sees it.

A server that rejects a request often echoes what it was sent: the ``Authorization`` header, the key, the URL
with its ``user:password@``. ``redact`` removes all of these, and every configured key whatever its shape
(``RAG_OPENAI_API_KEY``, ``OPENAI_API_KEY``, ``HF_TOKEN``, and keys handed to a generator in code), and keeps a
message to one short line so a server's body never reaches the user beyond a scrubbed excerpt.
"""

from __future__ import annotations

import logging
import os
import re
import threading

MASK = "***"
MESSAGE_LIMIT = 800  # a whole error message: room for the fix it names
EXCERPT_LIMIT = 120  # what is shown of a server's own body
SECRET_ENV = ("RAG_OPENAI_API_KEY", "OPENAI_API_KEY", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "RAG_LOG_SALT")
MIN_SECRET_CHARS = 3  # a shorter "key" is no secret, and masking it would mask ordinary letters of the text
# loggers of the HTTP stack under the generators (a filter sees only records made on its own logger, not on its
# children, so each is named)
LOGGERS = ("httpx", "httpx2", "httpcore", "httpcore.connection", "httpcore.http11", "httpcore2.connection",
           "httpcore2.http11", "httpcore2.http2", "httpcore2.proxy", "openai", "openai._base_client",
           "openai._response", "huggingface_hub", "huggingface_hub.inference._client")

# (pattern, replacement): credentials by their shape, in the order they are applied
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@:]*(?::[^/\s@]*)?@"), rf"\1{MASK}@"),
    (re.compile(r"(?i)\b((?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|basic|token)\s+)?[^\s\"',;}]+"),
     rf"\1{MASK}"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{4,}"), rf"\1 {MASK}"),
    (re.compile(r"\b(sk|rk|pk)-[A-Za-z0-9_-]{6,}"), rf"\1-{MASK}"),
    (re.compile(r"\bhf_[A-Za-z0-9]{6,}"), f"hf_{MASK}"),
    (re.compile(r"(?i)\b((?:x-)?api[_-]?key|access[_-]?token|token|secret|password)([\"']?\s*[:=]\s*[\"']?)"
                r"[^\s\"'&,;}]+"), rf"\1\2{MASK}"),
)

_registered: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Mask ``value`` in every later message (a key given in code rather than through the environment)."""
    if value and len(value.strip()) >= MIN_SECRET_CHARS:
        with _lock:
            _registered.add(value.strip())


def _secrets() -> list[str]:
    found = {os.environ.get(name, "").strip() for name in SECRET_ENV}
    with _lock:
        found |= _registered
    # longest first: a key that contains another is masked whole
    return sorted((s for s in found if len(s) >= MIN_SECRET_CHARS), key=len, reverse=True)


def redact(text: object, *, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` on one line, without credentials or configured keys, cut to ``limit`` characters."""
    out = str(text)
    for secret in _secrets():
        out = out.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        out = pattern.sub(replacement, out)
    out = " ".join(out.split())
    return out if len(out) <= limit else out[: limit - 1] + "…"


def excerpt(body: object) -> str:
    """A short scrubbed excerpt of a server's body, for an error message."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    return redact(body, limit=EXCERPT_LIMIT)


class RedactingFilter(logging.Filter):
    """Scrubs a record's message: HTTP client libraries log request URLs, which may carry credentials."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, limit=max(MESSAGE_LIMIT, len(message)))
        if clean != message:
            record.msg, record.args = clean, ()
        return True


_FILTER = RedactingFilter()


def install_log_filter() -> None:
    """Scrub what the HTTP client libraries log (a logger's filter sees only records made on that logger)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
