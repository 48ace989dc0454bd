"""Named, frozen types that flow through the pipeline: text -> chunks -> hits -> answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One source text. ``text`` is the exact decoded file content (BOM stripped, CRLF -> LF)."""

    id: str
    title: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Chunk:
    """A passage of a document. ``document.text[start:end] == text`` always holds."""

    id: str
    doc_id: str
    text: str
    start: int
    end: int
    section: str = ""
    kind: str = "body"  # headline, fact, body, byline, heading, caption, credit, sidebar, explainer
    refers: str = ""  # what its 該X points back at when an earlier chunk names it (灣區國際創新集群)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk. ``score`` is the fused score; ``signals`` the per-signal scores behind it."""

    chunk: Chunk
    score: float
    rank: int
    signals: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Citation:
    """Passage ``n`` of an answer: the chunk it points at and the sentence that supports the claim."""

    n: int
    chunk_id: str
    text: str
    start: int
    end: int
    section: str
    kind: str = "body"
    quote: str = ""  # the supporting sentence inside ``text`` (empty if none was identified)
    # the quoted sentence stands verbatim in the cited passage; says nothing about whether the answer is right
    quote_found: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer text, the citation numbers it carries, and whether they support it."""

    text: str
    citations: tuple[int, ...] = ()
    supported: bool = True


@dataclass(frozen=True)
class Answer:
    """What the pipeline returns for a question."""

    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    refused: bool = False
    hits: tuple[Hit, ...] = ()
    short_answer: str = ""
    query: str = ""  # the standalone retrieval query (differs from ``question`` for follow-ups)
    script: str = "zh-Hant"
    sentences: tuple[AnswerSentence, ...] = ()
    generator: str = "extractive"
    notice: str = ""  # e.g. "question truncated to 2000 characters"
    # a refusal's nearest passages: shown as context, never as a citation of the (absent) answer
    context: tuple[Citation, ...] = ()
    kind: str = "fact"  # fact, list, yesno, summary, meta, refusal
    checks: dict[str, float] = field(default_factory=dict, compare=False)  # evidence checks behind the decision

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form used by ``ask --json``, the eval runner and the app's API."""
        return {
            "question": self.question,
            "answer": self.text,
            "short_answer": self.short_answer,
            "refused": self.refused,
            "query": self.query,
            "script": self.script,
            "generator": self.generator,
            "notice": self.notice,
            "citations": [
                c.to_dict() for c in self.citations
            ],
            "sentences": [asdict(s) for s in self.sentences],
            "context": [c.to_dict() for c in self.context],
            "kind": self.kind,
            "checks": dict(self.checks),
            "retrieved": [
                {"chunk_id": h.chunk.id, "text": h.chunk.text, "score": round(h.score, 6), "section": h.chunk.section,
                 "kind": h.chunk.kind}
                for h in self.hits
            ],
        }
