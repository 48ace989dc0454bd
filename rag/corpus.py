"""Documents: the shipped article (default corpus) and any UTF-8 ``.txt`` / ``.md`` files."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from .config import DEFAULT_CORPUS
from .types import Document

log = logging.getLogger("rag")

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


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def files_in(root: Path) -> list[Path]:
    """The ``.txt`` / ``.md`` files under ``root``, sorted. A symlink is followed only when it points inside the
    tree (a link to ``/etc`` or a home directory does not pull other files into the index): one that points
    outside, or nowhere, is skipped with a warning; linked directories are not descended into twice."""
    base = root.resolve()
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        for name in sorted(dirs):
            link = Path(folder) / name
            if link.is_symlink() and not _inside(link.resolve(), base):
                log.warning("skipping %s: a symlink to %s, outside %s", link, link.resolve(), root)
        for name in names:
            f = Path(folder) / name
            if f.suffix.lower() not in SUFFIXES:
                continue
            if f.is_symlink() and not (f.exists() and _inside(f.resolve(), base)):
                log.warning("skipping %s: a symlink to %s, outside %s", f, f.resolve(), root)
                continue
            if f.is_file():
                found.append(f)
    return sorted(found)


def load_documents(paths: Iterable[Path | str]) -> list[Document]:
    """Files and directories (searched recursively for .txt / .md, see ``files_in``); ids are made unique."""
    paths = list(paths)
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(files_in(p))
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
