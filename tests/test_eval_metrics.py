"""Metric functions on hand-computed examples."""

from __future__ import annotations

import math

import pytest

from eval import metrics as M


def test_thousands_separator_and_width_fold() -> None:
    assert M.normalize_answer("4,700") == M.normalize_answer("4700") == "4700"
    assert M.normalize_answer("４，７００家") == "4700家"
    assert M.contains_answer("香港初創企業總量接近4,700家", ["4700家"])


def test_traditional_and_simplified_gold_match() -> None:
    assert M.contains_answer("香港数码竞争力全球第四", ["數碼競爭力"])
    assert M.contains_answer("港數碼競爭力領跑亞洲", ["数码竞争力"])
    assert M.cmrc_em("獅子山芯", ["狮子山芯"]) == 1.0


def test_punctuation_and_spaces_ignored_but_percent_kept() -> None:
    assert M.normalize_answer("「重金融、輕創科」") == M.normalize_answer("重金融輕創科")
    assert M.normalize_answer("RISC - V") == "riscv"
    assert M.normalize_answer("90%") != M.normalize_answer("90")
    assert not M.contains_answer("anything", [""])


def test_cmrc_tokens_mixed_segmentation() -> None:
    assert M.cmrc_tokens("基於RISC-V架構，hello world") == ["基", "于", "risc", "v", "架", "构", "hello", "world"]


def test_cmrc_f1_hand_computed() -> None:
    # pred 接近4700家 = 接 近 4700 家 (4 tokens); gold 近4700家 (3 tokens); LCS 3 -> P 3/4, R 1 -> F1 6/7
    assert M.cmrc_f1("接近4700家", ["近4700家"]) == pytest.approx(6 / 7)
    # LCS of 香港大學 / 香港中文大學 is 香港 (2): P 2/4, R 2/6 -> F1 0.4
    assert M.cmrc_f1("香港大學", ["香港中文大學"]) == pytest.approx(0.4)
    assert M.cmrc_f1("香港大學", ["深圳", "香港中文大學", "大學"]) == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert M.cmrc_f1("", ["歐洲"]) == 0.0
    assert M.cmrc_f1("歐洲", ["歐洲"]) == 1.0


def test_cmrc_em() -> None:
    assert M.cmrc_em("《全球創新指數》", ["全球創新指數"]) == 1.0
    assert M.cmrc_em("全球創新指數排名", ["全球創新指數"]) == 0.0


def test_longest_common_substring() -> None:
    assert M.longest_common_substring(list("abcde"), list("xbcdy")) == 3
    assert M.longest_common_substring([], list("abc")) == 0


def test_ranking_metrics() -> None:
    rel = [False, True, False, True]
    assert M.hit_at_k(rel, 1) == 0.0 and M.hit_at_k(rel, 2) == 1.0
    assert M.mrr_at_k(rel, 10) == 0.5 and M.mrr_at_k(rel, 1) == 0.0
    assert M.first_relevant_rank(rel) == 2 and M.first_relevant_rank([False]) is None
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    assert M.ndcg_at_k(rel, 10) == pytest.approx(dcg / (1 + 1 / math.log2(3)))
    # three relevant passages in the collection, only two retrieved: the ideal ranking has three
    assert M.ndcg_at_k(rel, 10, n_relevant=3) == pytest.approx(dcg / (1 + 1 / math.log2(3) + 0.5))
    assert M.ndcg_at_k([True], 10) == 1.0
    assert M.ndcg_at_k([False, False], 10, n_relevant=0) == 0.0


def test_refusal_prf() -> None:
    refused = [True, True, False, False, True]
    unanswerable = [True, False, True, False, True]
    prf = M.refusal_prf(refused, unanswerable)
    assert prf.precision == pytest.approx(2 / 3) and prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 / 3)
    none = M.refusal_prf([False, False], [False, False])
    assert none.precision is None and none.recall is None and none.f1 is None


def test_percentile_matches_numpy_linear() -> None:
    xs = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert M.percentile(xs, 50) == 3.0
    assert M.percentile(xs, 95) == pytest.approx(4.8)
    assert M.percentile([], 50) is None
    assert M.mean([]) is None
