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

import hashlib
import json
import math
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from . import __version__
from .chunking import ChunkerParams, chunk_context, chunk_documents, split_sentences
from .encoders import Encoder
from .types import Chunk, Document
from .zh import TOKENIZER_NAME, TOKENIZER_VERSION, tokenize

FORMAT_VERSION = 4
HNSW_THRESHOLD = 50_000
BM25_PARAMS = {"k1": 1.2, "b": 0.75}
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
LEXICAL = "lexical"
SENTENCES = "sentences"
SENTENCE_CHUNKS = "sentences.npy"
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
    tokens: list[list[str]] = []
    for i, c in enumerate(chunks):
        if c.kind in LABEL_KINDS:
            continue  # a lone heading would be its own "best sentence" and win on length alone
        for s, e in split_sentences(c.text):
            owner.append(i)
            tokens.append(tokenize(f"{lexical_context(c, titles.get(c.doc_id, ''))} {c.text[s:e]}") or ["<empty>"])
    retriever = bm25s.BM25(**BM25_PARAMS)
    retriever.index(_with_sorted_vocabulary(tokens), show_progress=False)
    return retriever, np.asarray(owner, dtype=np.int32)


def make_lexical_index(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None):
    import bm25s

    titles = titles or {}
    retriever = bm25s.BM25(**BM25_PARAMS)
    # bm25s' default tokenizer would turn a Chinese clause into one token: pass our own tokens
    corpus_tokens = [tokenize(f"{lexical_context(c, titles.get(c.doc_id, ''))}\n{c.text}") or ["<empty>"]
                     for c in chunks]
    retriever.index(_with_sorted_vocabulary(corpus_tokens), show_progress=False)
    return retriever


def make_document_index(chunks: Sequence[Chunk], titles: Mapping[str, str] | None = None):
    """bm25s over whole documents (title and the text of their chunks), in the order of their first chunk."""
    import bm25s

    titles = titles or {}
    texts: dict[str, list[str]] = {}
    for c in chunks:
        texts.setdefault(c.doc_id, [titles.get(c.doc_id, "")]).append(c.text)
    retriever = bm25s.BM25(**BM25_PARAMS)
    retriever.index(_with_sorted_vocabulary([tokenize("\n".join(t)) or ["<empty>"] for t in texts.values()]),
                    show_progress=False)
    return retriever


def _with_sorted_vocabulary(token_lists: Sequence[list[str]]) -> tuple[list[list[int]], dict[str, int]]:
    """Token ids over a sorted vocabulary: bm25s numbers tokens in set order, which follows Python's string
    hash seed, so the same corpus would save to different bytes from one build to the next."""
    vocab = {t: i for i, t in enumerate(sorted({t for tokens in token_lists for t in tokens}))}
    return [[vocab[t] for t in tokens] for tokens in token_lists], vocab


def build_in_memory(documents: Sequence[Document], encoder: Encoder,
                    chunker: ChunkerParams | None = None) -> HybridIndex:
    chunker = chunker or ChunkerParams()
    if not documents:
        raise ValueError("No documents to index.")
    chunks = chunk_documents(documents, chunker)
    if not chunks:
        raise ValueError("The documents contain no text to index.")
    vectors = encoder.encode([index_text(c) for c in chunks])
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
    return HybridIndex(None, manifest, chunks, make_faiss_index(vectors), make_lexical_index(chunks, titles),
                       sentences, owner, make_document_index(chunks, titles))


def save_index(index: HybridIndex, index_dir: Path | str) -> Path:
    """Write ``index`` to ``index_dir`` atomically (temporary sibling directory, then rename)."""
    import faiss

    target = Path(index_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
            for c in index.chunks:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        faiss.write_index(index.dense, str(tmp / DENSE))
        index.lexical.save(str(tmp / LEXICAL), show_progress=False)
        index.sentences.save(str(tmp / SENTENCES), show_progress=False)
        np.save(tmp / SENTENCE_CHUNKS, index.sentence_chunk, allow_pickle=False)
        index.documents.save(str(tmp / DOCUMENTS), show_progress=False)
        files = sorted(p for p in tmp.rglob("*") if p.is_file())
        manifest = dict(index.manifest)
        manifest["files"] = {p.relative_to(tmp).as_posix(): sha256_file(p) for p in files}
        with open(tmp / MANIFEST, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")
        for p in [tmp, *tmp.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        _swap_into_place(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    index.path, index.manifest = target, manifest
    return target


def _swap_into_place(tmp: Path, target: Path) -> None:
    if not target.exists():
        os.replace(tmp, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def build_index(documents: Sequence[Document], encoder: Encoder, index_dir: Path | str,
                chunker: ChunkerParams | None = None) -> HybridIndex:
    index = build_in_memory(documents, encoder, chunker)
    save_index(index, index_dir)
    return index


def load_index(index_dir: Path | str, *, encoder_name: str | None = None, chunker: ChunkerParams | None = None,
               documents: Sequence[Document] | None = None, verify: bool = True) -> HybridIndex:
    """Load an index, refusing it when it is corrupt or does not match the configuration it is loaded for.

    ``documents``: when given, the index must have been built from exactly these texts (stale-index check).
    """
    import bm25s
    import faiss

    path = Path(index_dir)
    hint = rebuild_hint(path)
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise IndexLoadError(f"No index at {path} ({MANIFEST} is missing). {hint}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexLoadError(f"{manifest_path} is corrupt ({exc}). {hint}") from None

    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexLoadError(f"{manifest_path}: index format {manifest.get('format_version')} is not "
                             f"{FORMAT_VERSION}. {hint}")
    if encoder_name is not None or chunker is not None:
        expected = expected_config(encoder_name or manifest.get("encoder"), chunker or ChunkerParams())
        for key, value in expected.items():
            if manifest.get(key) != value:
                raise IndexLoadError(
                    f"{manifest_path}: the index was built with {key}={manifest.get(key)!r}, the configuration "
                    f"wants {value!r}. {hint}" + (f" --encoder {encoder_name}" if key == "encoder" else ""))
    if documents is not None:
        want = sorted(sha256_bytes(d.text.encode("utf-8")) for d in documents)
        have = sorted(d.get("sha256") for d in manifest.get("documents", []))
        if want != have:
            raise IndexLoadError(f"{manifest_path}: the index was built from other documents than the corpus "
                                 f"configured. {hint}")
    if verify:
        for rel, digest in files.items():
            f = path / rel
            if not f.is_file():
                raise IndexLoadError(f"{f} is missing. {hint}")
            if sha256_file(f) != digest:
                raise IndexLoadError(f"{f} is corrupt (checksum mismatch). {hint}")
    try:
        chunks = [Chunk(**json.loads(line)) for line in (path / CHUNKS).read_text(encoding="utf-8").splitlines()
                  if line.strip()]
        dense = faiss.read_index(str(path / DENSE))
        lexical = bm25s.BM25.load(str(path / LEXICAL), load_vocab=True, show_progress=False)
        sentences = bm25s.BM25.load(str(path / SENTENCES), load_vocab=True, show_progress=False)
        owner = np.load(path / SENTENCE_CHUNKS, allow_pickle=False)
        documents = bm25s.BM25.load(str(path / DOCUMENTS), load_vocab=True, show_progress=False)
    except Exception as exc:
        raise IndexLoadError(f"{path} could not be read ({type(exc).__name__}: {exc}). {hint}") from None
    if dense.ntotal != len(chunks) or manifest.get("n_chunks") != len(chunks):
        raise IndexLoadError(f"{path}: {len(chunks)} chunks but {dense.ntotal} vectors. {hint}")
    if dense.d != manifest.get("encoder_dim"):
        raise IndexLoadError(f"{path / DENSE}: dimension {dense.d} is not the manifest's "
                             f"{manifest.get('encoder_dim')}. {hint}")
    if len(owner) and (owner.min() < 0 or owner.max() >= len(chunks)):
        raise IndexLoadError(f"{path / SENTENCE_CHUNKS} points at chunks that do not exist. {hint}")
    index = HybridIndex(path, manifest, chunks, dense, lexical, sentences, owner, documents)
    if documents.scores["num_docs"] != index.n_documents:
        raise IndexLoadError(f"{path / DOCUMENTS}: {documents.scores['num_docs']} documents, the chunks come from "
                             f"{index.n_documents}. {hint}")
    return index


def idf_weights(index: HybridIndex) -> Callable[[str], float]:
    """Inverse document frequency of each token over the index's chunks; unseen tokens weigh the most."""
    df = Counter(t for c in index.chunks for t in set(tokenize(index_text(c))))
    n = len(index.chunks)
    idf = {t: math.log(1 + n / (d + 0.5)) for t, d in df.items()}
    unseen = math.log(1 + n / 0.5)
    return lambda token: idf.get(token, unseen)


def single_threaded_search() -> None:
    """One FAISS thread per search. A query is one vector: OpenMP threads only spin after each search, and on a
    2-core machine they starve the encoder's BLAS threads (retrieve p50 4 ms quiet, ~200 ms under load)."""
    import faiss

    faiss.omp_set_num_threads(1)


def manifest_encoder(path: Path) -> str | None:
    """The encoder a saved index was built with, or ``None`` when its manifest cannot say."""
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8")).get("encoder")
    except (OSError, ValueError, AttributeError):
        return None
