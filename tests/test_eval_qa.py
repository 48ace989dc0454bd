"""The committed article QA set is well-formed, grounded in the article and large enough."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.qa import FIELDS, SCRIPTS, QAFormatError, load_qa, missing_evidence

ROOT = Path(__file__).resolve().parent.parent

QA_FILE = ROOT / "eval" / "data" / "article_qa.jsonl"
ARTICLE = ROOT / "rag" / "data" / "article.txt"


@pytest.fixture(scope="module")
def items():
    return load_qa(QA_FILE)


def test_every_line_has_exactly_the_schema_fields() -> None:
    lines = [line for line in QA_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        assert set(json.loads(line)) == FIELDS


def test_fields_well_formed(items) -> None:
    for it in items:
        assert it.id.strip() and it.question.strip()
        assert it.script in SCRIPTS
        assert isinstance(it.answerable, bool)
        assert bool(it.answers) == it.answerable and bool(it.evidence) == it.answerable
        assert all(isinstance(h, str) and h.strip() for h in it.history)


def test_ids_unique(items) -> None:
    assert len({it.id for it in items}) == len(items)


def test_evidence_occurs_in_article(items) -> None:
    assert missing_evidence(items, ARTICLE.read_text(encoding="utf-8")) == []


def test_counts(items) -> None:
    scripts = Counter(it.script for it in items)
    assert len(items) >= 90
    assert scripts["zh-Hant"] >= 45 and scripts["zh-Hans"] >= 15 and scripts["en"] >= 10
    assert sum(not it.answerable for it in items) >= 12
    assert sum(it.followup for it in items) >= 8


@pytest.mark.parametrize("line, message", [
    ('{"id": "x"}', "fields must be"),
    ('{"id": "x", "question": "q", "answers": [], "evidence": [], "answerable": true, "script": "en", '
     '"history": []}', "needs at least one answer"),
    ('{"id": "x", "question": "q", "answers": ["a"], "evidence": ["e"], "answerable": true, "script": "fr", '
     '"history": []}', "'script' must be one of"),
    ("not json", "not JSON"),
])
def test_invalid_files_are_refused_with_the_reason(tmp_path: Path, line: str, message: str) -> None:
    f = tmp_path / "qa.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(QAFormatError, match=message):
        load_qa(f)


def test_duplicate_ids_refused(tmp_path: Path) -> None:
    row = QA_FILE.read_text(encoding="utf-8").splitlines()[0]
    f = tmp_path / "qa.jsonl"
    f.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(QAFormatError, match="duplicate id"):
        load_qa(f)
