"""Citation verification on crafted generator outputs.

These test the checking rules (plumbing), not how good any model's answers are: the texts are written by hand
to have right, wrong and missing citations, over passages of the shipped article.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from rag.chunking import chunk_documents
from rag.generate.verify import answer_with_generator, is_refusal, number_forms, split_answer, strip_reasoning, verify
from rag.types import Answer, Hit


@pytest.fixture(scope="module")
def passages(article) -> list[Hit]:
    chunks = {c.text.split("\n")[0]: c for c in chunk_documents([article]) if c.kind == "fact"}
    picked = [chunks["創科主體活力"], chunks["國家級科研平台"], chunks["產業載體建設"], chunks["硬核技術突破"]]
    return [Hit(c, 1.0, rank) for rank, c in enumerate(picked, start=1)]


def test_right_citations_are_kept(passages):
    text = "香港初創企業總量接近4,700家[1]。另有15所香港實驗室納入國家重點實驗室體系[2]。"
    v = verify(text, passages, script="zh-Hant")
    assert not v.refused and v.dropped == ()
    assert [(s.citations, s.supported) for s in v.sentences] == [((1,), True), ((2,), True)]
    assert v.text == "香港初創企業總量接近4,700家[1]。另有15所香港實驗室納入國家重點實驗室體系[2]。"
    c1, c2 = v.citations
    assert (c1.n, c1.chunk_id, c1.quote_found) == (1, passages[0].chunk.id, True)
    assert "4700家" in c1.quote and c1.quote in c1.text
    assert c2.quote == "15所香港實驗室納入國家重點實驗室體系"
    assert v.short_answer == "香港初創企業總量接近4,700家。"


def test_wrong_figure_and_wrong_passage_are_removed(passages):
    text = "香港初創企業總量接近5000家[1]。15所香港實驗室納入國家重點實驗室體系[1]。河套香港園區首期入駐率約九成[3]。"
    v = verify(text, passages, script="zh-Hant")
    assert not v.refused
    assert [(s.citations, s.supported) for s in v.sentences] == [((), False), ((), False), ((3,), True)]
    assert v.sentences[0].text == "香港初創企業總量接近5000家。"  # the claim stays, its citation goes
    reasons = {d.sentence: d.reason for d in v.dropped}
    assert "5000" in reasons[0]
    assert "15" in reasons[1]  # passage 1 has no 15
    assert [c.n for c in v.citations] == [3]
    assert "90%" in v.citations[0].quote  # 九成 was checked against 約90%


def test_wording_must_overlap(passages):
    v = verify("深圳的樓價大幅上升[1]。", passages, script="zh-Hant")
    assert v.refused and "wording" in v.dropped[0].reason


def test_out_of_range_and_missing_citations(passages):
    text = "香港初創企業總量接近4700家[9]。本土自研「獅子山芯」全球首發。AI大模型取得突破[4][0]。"
    v = verify(text, passages, script="zh-Hant")
    assert [(s.citations, s.supported) for s in v.sentences] == [((), False), ((), False), ((4,), True)]
    assert {d.n for d in v.dropped} == {9, 0}
    assert "[9]" not in v.text and "[0]" not in v.text and "[4]" in v.text


def test_multiple_claims_in_one_sentence(passages):
    v = verify("初創企業接近4700家[1]，15所實驗室納入國家重點實驗室體系[2]。", passages, script="zh-Hant")
    assert v.sentences[0].citations == (1, 2) and v.sentences[0].supported
    v = verify("初創企業接近4700家[2]，15所實驗室納入國家重點實驗室體系[2]。", passages, script="zh-Hant")
    assert v.sentences[0].citations == (2,) and not v.sentences[0].supported


def test_all_unsupported_becomes_refusal(passages):
    v = verify("香港有8000家初創企業[1]。它們都在深圳[5]。", passages, script="zh-Hans")
    assert v.refused
    assert v.text == "文章没有提到这一点。" and v.citations == ()
    assert len(v.dropped) == 2 and v.raw.startswith("香港有8000家")
    assert verify("", passages, script="en").text == "The article does not say."


def test_refusal_sentence_counts_as_refusal(passages):
    for text, script in [("文章沒有提到這一點。", "zh-Hant"), ("文章没有提到这一点。", "zh-Hans"),
                         ("The article does not say.", "en")]:
        v = verify(text, passages, script=script)
        assert v.refused and v.citations == ()
        assert v.sentences[0].text == text
    assert is_refusal("抱歉，文章沒有提到這一點。")
    assert not is_refusal("香港初創企業總量接近4700家。")


def test_script_of_the_answer(passages):
    simplified = "香港初创企业总量接近4700家[1]。"
    v = verify(simplified, passages, script="zh-Hans")
    assert v.text == simplified and v.citations[0].n == 1  # Simplified wording meets the Traditional passage
    v = verify("香港初創企業總量接近4700家[1]。", passages, script="zh-Hans")
    assert v.text == simplified  # written in the wrong script: converted to the asker's
    v = verify(simplified, passages, script="zh-Hant")
    assert v.text == "香港初創企業總量接近4700家[1]。"


def test_english_answer_checks_figures_and_names(passages):
    text = ("Hong Kong has nearly 4,700 start-ups [1]. Its Lion Rock chip and AI models made breakthroughs [4]. "
            "The park is 95% full [3]. It runs on RISC-V [4].")
    v = verify(text, passages, script="en")
    assert [(s.citations, s.supported) for s in v.sentences] == [((1,), True), ((4,), True), ((), False),
                                                                 ((), False)]
    assert v.text.startswith("Hong Kong has nearly 4,700 start-ups [1]. ")
    assert "The park is 95% full." in v.text
    # a similarity (the pipeline's encoder) also vets claims with no figure or name to check
    v = verify("Young teams keep gathering [1].", passages, script="en", similarity=lambda a, b: 0.1)
    assert v.refused
    v = verify("Young teams keep gathering [1].", passages, script="en", similarity=lambda a, b: 0.8)
    assert not v.refused


def test_markers_after_the_full_stop_belong_to_the_sentence():
    text = "第一句。[1]\n第二句[2][3]。第三句！[4] Fourth one. Fifth 4.5 [5]."
    pieces = [text[s:e] for s, e in split_answer(text)]
    assert pieces == ["第一句。[1]", "第二句[2][3]。", "第三句！[4]", "Fourth one.", "Fifth 4.5 [5]."]


def test_figures_are_normalised():
    assert {"4700"} <= number_forms("接近4,700家")
    assert {"9", "90"} <= number_forms("約九成")
    assert "90" in number_forms("90%") and "100" in number_forms("百億港元") and "100" in number_forms("HK$10 billion")
    assert number_forms("[3] 沒有數字") == set()


class ScriptedGenerator:
    """Replays fixed pieces: the generator is not what these tests are about."""

    name = "scripted"

    def __init__(self, pieces: Sequence[str]) -> None:
        self.pieces = pieces
        self.closed = False

    def generate(self, question: str, passages: Sequence[Hit], *, script: str,
                 history: Sequence[str] = ()) -> Iterator[str]:
        try:
            yield from self.pieces
        finally:
            self.closed = True


def test_reasoning_blocks_are_neither_shown_nor_verified(passages):
    pieces = ["<think>", "用戶問初創企業，答案是9999家[1]", "</think>", "\n\n香港初創企業總量接近4700家", "[1]。"]
    *shown, answer = list(answer_with_generator(ScriptedGenerator(pieces), "初創企業有多少？", "zh-Hant", passages))
    assert "".join(shown) == "香港初創企業總量接近4700家[1]。"
    assert isinstance(answer, Answer) and answer.generator == "scripted"
    assert answer.text == "香港初創企業總量接近4700家[1]。" and answer.short_answer == "香港初創企業總量接近4700家。"
    assert answer.hits == tuple(passages) and answer.query == "初創企業有多少？"
    assert strip_reasoning("<think>unfinished") == ""


def test_closing_the_answer_stream_closes_the_generator(passages):
    gen = ScriptedGenerator(["香港", "初創", "企業"])
    stream = answer_with_generator(gen, "初創企業有多少？", "zh-Hant", passages)
    assert next(stream) == "香港"
    stream.close()
    assert gen.closed
