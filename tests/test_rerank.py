"""CrossEncoder reranker plumbing on a tiny randomly initialised model this test builds (not quality)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory):
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    from rag.corpus import default_documents

    path = tmp_path_factory.mktemp("tiny-ce")
    chars = sorted(set(default_documents()[0].text) - set(" \n\t"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *"abcdefghijklmnopqrstuvwxyz0123456789"]
    (path / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(path / "vocab.txt"), tokenize_chinese_chars=True)
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, num_labels=1)
    import torch

    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)


@pytest.mark.slow
def test_reranker_orders_by_cross_encoder_scores(tiny_cross_encoder, pipeline):
    from sentence_transformers import CrossEncoder

    from rag.rerank import CrossEncoderReranker

    reranker = CrossEncoderReranker(tiny_cross_encoder)
    query = "香港有多少家初創企業？"
    candidates = pipeline.retriever.search.retrieve(query, 10)
    out = reranker.rerank(query, candidates, 4)
    scores = CrossEncoder(tiny_cross_encoder).predict([(query, h.chunk.text) for h in candidates])
    expected = sorted(range(10), key=lambda i: -float(scores[i]))[:4]
    assert [h.chunk.id for h in out] == [candidates[i].chunk.id for i in expected]
    assert [h.rank for h in out] == [1, 2, 3, 4] and all("fused" in h.signals for h in out)


@pytest.mark.slow
def test_pipeline_with_a_configured_reranker(tiny_cross_encoder):
    from rag.config import Settings
    from rag.pipeline import load_pipeline

    p = load_pipeline(settings=Settings(reranker=tiny_cross_encoder))
    hits = p.retrieve("獅子山芯", 3)
    assert len(hits) == 3 and all("fused" in h.signals for h in hits)
    assert isinstance(p.answer("獅子山芯是甚麼？").text, str)


@pytest.mark.slow
def test_missing_reranker_says_how_to_provide_it(tmp_path):
    from rag.encoders import EncoderLoadError
    from rag.rerank import CrossEncoderReranker

    with pytest.raises(EncoderLoadError, match="RAG_RERANKER"):
        CrossEncoderReranker(str(tmp_path / "missing"))


def test_reranker_without_the_extra_names_it(without_sentence_transformers):
    from rag.encoders import EncoderLoadError
    from rag.rerank import CrossEncoderReranker

    with pytest.raises(EncoderLoadError, match=r'RAG_RERANKER=some/model.*pip install -e "\.\[st\]".*unset'):
        CrossEncoderReranker("some/model")
