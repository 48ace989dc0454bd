from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rag.zh import antecedents, clean, cn_to_int, detect_script, normalize, to_script, tokenize


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("香港有多少家初創企業？", "zh-Hant"),
        ("香港有多少家初创企业？", "zh-Hans"),
        ("How many start-ups does Hong Kong have?", "en"),
        ("獅子山芯", "zh-Hant"),
        ("", "en"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_traditional_and_simplified_tokenize_alike():
    assert tokenize("香港初創企業") == tokenize("香港初创企业")


def test_number_forms_meet():
    assert "4700" in tokenize("總量4,700家")
    assert "4700" in tokenize("接近４７００家")  # full-width digits fold
    assert normalize("約九成") == normalize("约9成")
    assert normalize("四千七百") == "4700"


@pytest.mark.parametrize(("s", "n"), [("九", 9), ("十五", 15), ("四千七百", 4700), ("二十", 20), ("一百零五", 105),
                                      ("十五五", None), ("一二", None)])
def test_cn_to_int(s, n):
    assert cn_to_int(s) == n


def test_tokens_are_unigrams_and_bigrams():
    assert tokenize("獅子山芯 RISC-V") == ["狮", "子", "山", "芯", "狮子", "子山", "山芯", "risc", "v"]


def test_clean_strips_controls_and_invisible():
    assert clean("a\x00b\u200bc\ud800") == "a bc"


def test_to_script():
    assert to_script("創科", "zh-Hans") == "创科"
    assert to_script("創科", "zh-Hant") == "創科"


@given(st.text())
def test_tokenizer_never_raises_and_tokens_are_nonempty(text):
    assert all(tokenize(text))
    detect_script(text)


def test_demonstratives_resolve_to_their_subject_antecedent():
    before = ("灣區國際創新集群指由深圳、香港、廣州三座城市聯動組成的世界級創科集群，也是核心引擎。"
              "過去一年，該集群首次登頂全球第一。")
    # the subject mention, not the nearer 的世界級創科集群 and not the anaphoric 該集群
    assert antecedents("在該集群中，香港擔任基礎研究的角色；", before) == ["灣區國際創新集群"]
    fund = antecedents("該基金有效解決了融資難的痛點。", "百億港元「創科產業引導基金」正式運作。")
    assert fund == ["創科產業引導基金"]
    assert antecedents("該架飛機被擊落。", "據報一架軍用飛機越境。") == ["軍用飛機"]


def test_a_bare_generic_head_at_a_clause_start_refers_to_the_thing_named_before():
    from rag.zh import bare_antecedents
    before = "而過去一年，北嶺香港園區正式開園、擴容提質。\n\n首期入駐率9成\n\n"
    assert bare_antecedents("數據極具說服力：園區首期入駐率約9成。", before) == ["北嶺香港園區"]
    assert bare_antecedents("首期的園區入駐率約9成。", before) == []  # not at a clause start
    assert bare_antecedents("北嶺香港園區首期入駐率約9成。", before) == []  # named in full itself
    assert bare_antecedents("園區首期入駐率約9成。", "") == []  # nothing named before


@pytest.mark.parametrize(("text", "before"), [
    ("你應該集群發展。", "灣區國際創新集群"),            # 應該 "should"
    ("該集群很大，灣區國際創新集群也是。", ""),          # nothing before it
    ("灣區創新集群擴容，該集群很大。", "深港穗創科集群"),  # named in full in the passage itself
    ("該國的人口很多。", "法國是歐洲國家。"),            # 國的: a particle, not a two-character noun
])
def test_demonstratives_left_alone(text, before):
    assert antecedents(text, before) == []
