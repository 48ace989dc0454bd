from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rag.zh import clean, cn_to_int, detect_script, normalize, to_script, tokenize


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
