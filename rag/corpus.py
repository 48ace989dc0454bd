"""Documents: the shipped article (default corpus) and any UTF-8 ``.txt`` / ``.md`` files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import DEFAULT_CORPUS
from .types import Document

SUFFIXES = (".txt", ".md")

# What the app's header says about the default corpus.
ARTICLE_META = {
    "column": "我們的特區 · 創科篇",
    "title": "創新指數登榜首 港數碼競爭力領跑亞洲",
    "outlet": "大公報 Ta Kung Pao",
    "author": "湯嘉平",
}


class CorpusError(ValueError):
    """A document path that cannot be indexed."""


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM), CRLF / CR line ends turned into LF."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:80]
    return fallback


def load_document(path: Path | str, doc_id: str | None = None) -> Document:
    path = Path(path)
    text = read_text(path)
    return Document(id=doc_id or path.stem, title=_title(text, path.stem), text=text, source=str(path))


def load_documents(paths: Iterable[Path | str]) -> list[Document]:
    """Files and directories (searched recursively for .txt / .md); ids are made unique."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise CorpusError(f"{p} does not exist.")
    docs: list[Document] = []
    seen: set[str] = set()
    for f in files:
        doc_id, n = f.stem, 1
        while doc_id in seen:
            n += 1
            doc_id = f"{f.stem}-{n}"
        seen.add(doc_id)
        docs.append(load_document(f, doc_id))
    if not docs:
        raise CorpusError("No .txt or .md documents found in " + ", ".join(map(str, paths)))
    return docs


def default_documents() -> list[Document]:
    """The shipped Ta Kung Pao article."""
    doc = load_document(DEFAULT_CORPUS, "article")
    return [Document(doc.id, ARTICLE_META["title"], doc.text, "rag/data/article.txt")]
