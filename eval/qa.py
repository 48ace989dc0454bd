"""Load and validate QA files: one JSON object per line with exactly the fields of ``QAItem``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = ("zh-Hant", "zh-Hans", "en")
FIELDS = frozenset({"id", "question", "answers", "evidence", "answerable", "script", "history"})
# optional: the question's class (cantonese, entity_swap, yesno, ...) and, for a yes/no question, the answer
OPTIONAL = frozenset({"class", "expect_yes"})


class QAFormatError(ValueError):
    """A QA file that does not follow the schema; the message names the file, line and field."""


@dataclass(frozen=True)
class QAItem:
    id: str
    question: str
    answers: tuple[str, ...]  # any one of them counts as correct
    evidence: tuple[str, ...]  # verbatim strings of the corpus; a passage containing one supports the answer
    answerable: bool
    script: str
    history: tuple[str, ...]  # earlier user turns, oldest first
    klass: str = ""  # the question's class in the JSON's "class" field; "" when the file gives none
    expect_yes: bool | None = None  # a yes/no question: is the right answer yes?

    @property
    def followup(self) -> bool:
        return bool(self.history)


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_item(obj: object, where: str) -> QAItem:
    if not isinstance(obj, dict):
        raise QAFormatError(f"{where}: expected a JSON object")
    keys = set(obj)
    if not FIELDS <= keys <= FIELDS | OPTIONAL:
        missing, extra = sorted(FIELDS - keys), sorted(keys - FIELDS - OPTIONAL)
        raise QAFormatError(f"{where}: fields must be {sorted(FIELDS)}, optionally {sorted(OPTIONAL)} "
                            f"(missing {missing}, extra {extra})")
    if not isinstance(obj.get("class", ""), str):
        raise QAFormatError(f"{where}: 'class' must be a string")
    if obj.get("expect_yes") is not None and not isinstance(obj["expect_yes"], bool):
        raise QAFormatError(f"{where}: 'expect_yes' must be true, false or absent")
    for name in ("id", "question"):
        if not isinstance(obj[name], str) or not obj[name].strip():
            raise QAFormatError(f"{where}: '{name}' must be a non-empty string")
    for name in ("answers", "evidence", "history"):
        if not _str_list(obj[name]):
            raise QAFormatError(f"{where}: '{name}' must be a list of non-empty strings")
    if not isinstance(obj["answerable"], bool):
        raise QAFormatError(f"{where}: 'answerable' must be true or false")
    if obj["script"] not in SCRIPTS:
        raise QAFormatError(f"{where}: 'script' must be one of {SCRIPTS}, not {obj['script']!r}")
    if obj["answerable"] and not (obj["answers"] and obj["evidence"]):
        raise QAFormatError(f"{where}: an answerable item needs at least one answer and one evidence string")
    if not obj["answerable"] and (obj["answers"] or obj["evidence"]):
        raise QAFormatError(f"{where}: an unanswerable item has empty 'answers' and 'evidence'")
    return QAItem(obj["id"], obj["question"], tuple(obj["answers"]), tuple(obj["evidence"]), obj["answerable"],
                  obj["script"], tuple(obj["history"]), obj.get("class", ""), obj.get("expect_yes"))


def load_qa(path: Path | str) -> list[QAItem]:
    """Every item of a QA file, validated; raises ``QAFormatError`` on the first problem."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QAFormatError(f"Cannot read QA file {path}: {exc.strerror}") from None
    items: list[QAItem] = []
    seen: set[str] = set()
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{no}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise QAFormatError(f"{where}: not JSON ({exc})") from None
        item = parse_item(obj, where)
        if item.id in seen:
            raise QAFormatError(f"{where}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise QAFormatError(f"{path} contains no QA items")
    return items


def missing_evidence(items: Sequence[QAItem], corpus_text: str) -> list[tuple[str, str]]:
    """``(id, evidence)`` pairs whose evidence string does not occur verbatim in the corpus."""
    return [(it.id, ev) for it in items for ev in it.evidence if ev not in corpus_text]
