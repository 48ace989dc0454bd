from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rag.chunking import ChunkerParams, chunk_document, split_sentences
from rag.corpus import load_document
from rag.types import Document


def test_offsets_are_exact_on_the_article(article):
    chunks = chunk_document(article)
    assert chunks
    for c in chunks:
        assert article.text[c.start : c.end] == c.text
        assert c.text.strip() == c.text and c.text


def test_chunks_cover_every_line_of_the_article(article):
    covered = set()
    for c in chunk_document(article):
        covered.update(range(c.start, c.end))
    missing = [i for i, ch in enumerate(article.text) if not ch.isspace() and i not in covered]
    assert missing == []


def test_page_layout_kinds(article):
    chunks = chunk_document(article)
    by_kind: dict[str, list] = {}
    for c in chunks:
        by_kind.setdefault(c.kind, []).append(c)
    facts = by_kind["fact"]
    assert [c.section for c in facts] == ["全球排名", "國家級科研平台", "硬核技術突破", "產業載體建設", "創科金融支撐",
                                         "創科主體活力", "灣區協同效能", "人才開放格局"]
    assert all("\n- " in c.text for c in facts)  # label and bullet together
    assert "香港初創企業總量接近4700家" in next(c.text for c in facts if c.section == "創科主體活力")
    assert by_kind["headline"][0].text.startswith("我們的特區")
    assert "興創科 躋身全球創新第一梯隊" in by_kind["headline"][0].text
    assert [c.text for c in by_kind["byline"]] == ["大公報記者 湯嘉平"]
    assert len(by_kind["caption"]) == 3 and all(c.text[0] in "▲▼" for c in by_kind["caption"])
    assert by_kind["credit"][0].text == "大公報AI製圖"
    assert {c.section for c in by_kind["sidebar"]} >= {"無縫對接", "首期入駐率9成"}
    assert any("79家" in c.text for c in by_kind["sidebar"])
    assert any("深圳擔任技術轉化" in c.text for c in by_kind["explainer"])
    # the explainer item's title sits above the 話你知 label: both name the item's passages
    cluster = next(c for c in by_kind["explainer"] if "深圳擔任技術轉化" in c.text)
    assert cluster.section == "深港穗創科集群「世一」 · 話你知"
    lab = next(c for c in chunks if "15所香港實驗室成功獲批" in c.text)
    assert (lab.kind, lab.section) == ("body", "港誕15所全國重點實驗室")


def test_a_chunk_records_what_its_demonstrative_refers_to(article):
    chunks = chunk_document(article)
    roles = next(c for c in chunks if c.text.startswith("在該集群中"))
    assert roles.refers == "灣區國際創新集群"
    park = next(c for c in chunks if c.text.startswith("過去一年的數據極具說服力：園區"))
    assert park.refers == "河套香港園區"  # a bare 園區 at a clause start: the park named paragraphs before
    assert all(not c.refers for c in chunks if "該" not in c.text and c is not park)


def test_long_paragraphs_split_at_sentence_ends_only(article):
    params = ChunkerParams(target_chars=80)
    for c in chunk_document(article, params):
        if c.kind in ("body", "sidebar", "explainer"):
            before = article.text[c.start - 1] if c.start else "\n"
            assert before in "\n。！？；」』" or article.text[c.start - 2 : c.start] in ("。」", "！」"), c.text
            assert re.search(r"[。！？；」』]$", c.text) or article.text[c.end : c.end + 1] in ("\n", ""), c.text


def test_overlap_repeats_whole_sentences(article):
    plain = chunk_document(article, ChunkerParams(target_chars=100))
    over = chunk_document(article, ChunkerParams(target_chars=100, overlap=1))
    assert len(over) > len(plain)
    body = [c for c in over if c.kind == "body"]
    assert any(a.end > b.start and a.doc_id == b.doc_id for a, b in zip(body, body[1:]))


def test_split_sentences_keeps_closing_quotes():
    text = "他說：「好。」然後走了。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["他說：「好。」", "然後走了。"]


def test_markdown_and_crlf_documents(tmp_path):
    p = tmp_path / "note.md"
    p.write_bytes("\ufeff# 標題\r\n\r\n第一段。第二句。\r\n\r\n## 小節\r\n\r\n- 項目一\r\n".encode())
    doc = load_document(p)
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    chunks = chunk_document(doc)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert any(c.kind == "body" and c.section == "標題" for c in chunks)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("香港創科。！？；」\n- ▲#ab 12，")), max_size=400),
       st.integers(min_value=5, max_value=300), st.integers(min_value=0, max_value=2))
def test_chunker_properties(text, target, overlap):
    doc = Document("d", "t", text)
    chunks = chunk_document(doc, ChunkerParams(target_chars=target, overlap=overlap))
    covered = set()
    for c in chunks:
        assert c.text and text[c.start : c.end] == c.text
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
