from __future__ import annotations

import pytest

from rag.answering import (
    answer_category,
    asking_clause_terms,
    english_short,
    figures,
    quantity_spans,
    question_type,
    slot_span,
)
from rag.pipeline import dedupe_hits, diversify
from rag.retrieval import FusionWeights, is_followup, rewrite_followup, strip_scaffolding
from rag.types import Chunk, Hit


def test_scaffolding_and_forms_are_normalised():
    assert strip_scaffolding("請問文中提到香港有多少家初創企業嗎？") == "香港有 家初创企业"
    assert strip_scaffolding("香港有多少家初创企业？") == strip_scaffolding("香港有多少家初創企業？")


@pytest.mark.parametrize(("question", "history", "standalone"), [
    ("那二期呢？", ["河套香港園區首期入駐率是多少？"], False),
    ("它基於甚麼架構？", ["獅子山芯是甚麼？"], False),
    ("What is it aiming to be?", ["What is HKGAI V3?"], False),
    ("香港有多少家初創企業？", ["獅子山芯是甚麼？"], True),
])
def test_followups_are_rewritten_with_the_previous_turn(question, history, standalone):
    query = rewrite_followup(question, history)
    assert (query == question) is standalone
    if not standalone:
        assert query.startswith(history[-1]) and query.endswith(question)
        assert is_followup(question)


def test_dense_weight_leans_on_the_encoder_for_english():
    w = FusionWeights()
    assert w.dense_weight("How many start-ups?") > w.dense_weight("香港有多少家初創企業？")


def test_english_terms_expand_to_the_articles_words(pipeline):
    terms = pipeline.retriever.key_terms("What architecture is the Lion Rock chip based on?")
    assert "架构" in terms and "risc" not in terms
    assert "初创" in pipeline.retriever.key_terms("How many start-ups does Hong Kong have?")
    assert pipeline.retriever.key_terms("香港有多少家初創企業？") == "香港有多少家初創企業？"
    # CC-CEDICT lists 量產 under "to mass-produce": an inflected, spaced phrase still finds it
    assert ("量产",) in pipeline.retriever.key_term_groups("Which city handles mass production?")


def _hit(i: int, text: str) -> Hit:
    return Hit(Chunk(f"d:{i}", "d", text, 0, len(text)), 1.0 - i / 10, i + 1)


def test_dedupe_drops_repeats_but_keeps_other_figures():
    hits = [
        _hit(0, "河套香港園區首期入駐率約九成，79家優質創科機構落戶。"),
        _hit(1, "▲河套香港園區首期入駐率約九成，79家優質創科機構落戶。"),
        _hit(2, "河套香港園區首期入駐率約八成，60家優質創科機構落戶。"),
    ]
    kept = dedupe_hits(hits)
    assert [h.chunk.id for h in kept] == ["d:0", "d:2"] and [h.rank for h in kept] == [1, 2]


def test_diversify_moves_a_documents_third_passage_behind_other_documents():
    hits = [Hit(Chunk(f"{d}:{i}", d, f"{d}{i}", 0, 2), 1.0 - i / 10, i + 1)
            for i, d in enumerate(["p", "p", "p", "q", "p", "r"])]
    out = diversify(hits, 2)
    assert [h.chunk.id for h in out] == ["p:0", "p:1", "q:3", "r:5", "p:2", "p:4"]
    assert [h.rank for h in out] == [1, 2, 3, 4, 5, 6]
    assert [h.chunk.id for h in diversify(hits, 9)] == [h.chunk.id for h in hits]


def test_figures_are_compared_in_one_form():
    assert figures("約九成") == figures("約90%") == figures("約9成")
    assert figures("4,700家") == figures("4700家")


@pytest.mark.parametrize(("q", "t"), [("香港有多少家初創企業？", "quantity"), ("深港穗集群排第幾？", "rank"),
                                      ("創科展在哪個月舉行？", "time"), ("誰寫的？", "person"),
                                      ("How many start-ups?", "quantity"), ("獅子山芯是甚麼？", "what"),
                                      ("引導基金的規模有多大？", "quantity"), ("多倫多大學在哪裡？", "what"),
                                      ("許多高校遷往哪裡？", "what"), ("In which month was the expo held?", "time")])
def test_question_types(q, t):
    assert question_type(q) == t


@pytest.mark.parametrize(("short", "english"), [
    ("接近4700家", "4700 (接近4700家)"), ("約九成", "90% (約九成)"), ("百億港元", "HK$10 billion (百億港元)"),
    ("全球第四", "4th (全球第四)"), ("HKGAI V3", "HKGAI V3"), ("深圳", "深圳"),
])
def test_english_answers_state_the_figure_in_english(short, english):
    assert english_short(short) == english


@pytest.mark.parametrize("q, category", [
    ("在大灣區創新集群裏，深圳扮演甚麼角色？", {"角色"}),
    ("专家认为香港应该在哪些前沿赛道上取得突破？", {"前沿"}),
    ("香港有多少家初創企業？", set()),
])
def test_answer_category_is_the_noun_after_the_interrogative(q, category):
    assert answer_category(q) == category


def test_asking_clause_terms():
    assert {"凭借", "方面", "表现"} <= asking_clause_terms(
        "深港穗集群能夠登頂全球創新指數，報道指它憑藉了哪些方面的表現？")  # terms are normalised (Simplified)
    assert asking_clause_terms("香港有多少家初創企業？") == set()  # one clause: nothing to tell apart


def test_a_span_of_years_is_a_quantity_only_when_years_are_asked_for():
    text = "過去一年，園區超200萬平方米"
    assert quantity_spans(text, "園區有多少平方米？") == ["超200萬平方米"]
    assert quantity_spans("十年間增至4700家", "用了多少年？") == ["十年間", "4700家"]
    assert quantity_spans("十年間增至4700家", "增至多少家？") == ["4700家"]


def test_english_terms_are_grouped(pipeline):
    groups = pipeline.retriever.key_term_groups("Which city handles technology transfer in the innovation cluster?")
    assert any("创新" in g and len(g) > 1 for g in groups) and ("技术",) in groups
    assert pipeline.retriever.key_term_groups("深圳擔任甚麼角色？") == ()


@pytest.mark.parametrize("sentence, question, span", [
    ("1837年，威廉·庫克和查爾斯·惠斯通展出第一座具有商業潛力的電報機。",
     "第一座具有商業潛力的電報機是由威廉·庫克和誰展出的？", "查爾斯·惠斯通"),  # both anchors
    ("河套港園區補齊創科產業化短板", "評論後面的標題說河套港園區補齊了甚麼短板？", "創科產業化"),  # 補齊了 -> 補齊
    ("本土自研「獅子山芯」，基於RISC-V架構", "它是基於甚麼架構？", "RISC-V"),
    ("香港初創企業接近4700家。", "北京有甚麼大學？", ""),  # no anchor: nothing
])
def test_slot_span_fills_the_interrogative(sentence, question, span):
    assert slot_span(sentence, question) == span


def test_an_english_question_is_matched_through_its_chinese_renderings():
    """The English words of the question itself match no Chinese sentence: they must not dilute the
    coverage of their renderings (a sentence holding every term covers the question fully)."""
    from rag.answering import score_sentences

    hits = [_hit(0, "三地形成完整創新鏈條。"), _hit(1, "三座城市聯動組成集群。")]
    groups = (("完整",), ("创新",), ("链条",))
    scored = score_sentences("完整 创新 链条", hits, "what", focus="What complete innovation chain?",
                             cross_lingual=True, groups=groups)
    assert scored[0].text == "三地形成完整創新鏈條。" and scored[0].coverage == 1.0


@pytest.mark.parametrize(("sentence", "question", "span"), [
    ("▼HKGAI V3早前發布，追求「更高效、更睿智、更本地」。", "HKGAI V3追求甚麼？", "更高效、更睿智、更本地"),
    ("本土孵化的「獅子山芯」全球首發", "本土孵化的甚麼全球首發？", "獅子山芯"),
])
def test_a_quoted_term_fills_the_slot_whole(sentence, question, span):
    assert slot_span(sentence, question) == span
