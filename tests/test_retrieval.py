from __future__ import annotations

from rag.question import strip_scaffolding
from rag.retrieval import FusionWeights, dedupe_hits, diversify
from rag.types import Chunk, Hit


def test_scaffolding_and_forms_are_normalised():
    assert strip_scaffolding("請問文中提到香港有多少家初創企業嗎？") == "香港有 家初创企业"
    assert strip_scaffolding("香港有多少家初创企业？") == strip_scaffolding("香港有多少家初創企業？")


def test_dense_weight_leans_on_the_encoder_for_english():
    w = FusionWeights()
    assert w.dense_weight("How many start-ups?") > w.dense_weight("香港有多少家初創企業？")


def test_english_terms_expand_to_the_articles_words(pipeline):
    terms = pipeline.retriever.search.key_terms("What architecture is the Lion Rock chip based on?")
    assert "架构" in terms and "risc" not in terms
    assert "初创" in pipeline.retriever.search.key_terms("How many start-ups does Hong Kong have?")
    assert pipeline.retriever.search.key_terms("香港有多少家初創企業？") == "香港有多少家初創企業？"
    # CC-CEDICT lists 量產 under "to mass-produce": an inflected, spaced phrase still finds it
    assert ("量产",) in pipeline.retriever.search.key_term_groups("Which city handles mass production?")


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


def test_english_terms_are_grouped(pipeline):
    search = pipeline.retriever.search
    groups = search.key_term_groups("Which city handles technology transfer in the innovation cluster?")
    assert any("创新" in g and len(g) > 1 for g in groups)
    assert ("技术", "科技") in groups  # technology: one group of its renderings the page uses
    assert pipeline.retriever.search.key_term_groups("深圳擔任甚麼角色？") == ()



def test_top_k_matches_a_stable_full_sort():
    import numpy as np

    from rag.retrieval import top_k

    rng = np.random.default_rng(0)
    scores = rng.integers(0, 5, size=500).astype(np.float32)  # many ties
    for k in (1, 7, 499, 500):
        assert top_k(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()
    assert top_k(scores, 900).tolist() == np.argsort(-scores, kind="stable").tolist()  # k past the end: all


def test_a_question_naming_a_part_of_the_page_keeps_that_part_s_passages():
    from rag.question import analyze
    from rag.retrieval import Search, named_part
    from rag.types import Chunk, Hit

    body = Chunk(id="d:1", doc_id="d", text="甲基金聚焦生命健康。", start=0, end=10, kind="body")
    box = Chunk(id="d:2", doc_id="d", text="甲基金重點扶持先進芯片。", start=10, end=22, kind="explainer")
    hits = [Hit(chunk=body, score=2.0, rank=1), Hit(chunk=box, score=1.0, rank=2)]
    q = analyze("根據話你知，甲基金扶持哪些產業？")
    assert [h.chunk.id for h in named_part(None, Search(q=q, vector=None), hits)] == ["d:2"]
    plain = analyze("甲基金扶持哪些產業？")
    assert named_part(None, Search(q=plain, vector=None), hits) == hits
