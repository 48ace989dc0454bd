"""eval.run and eval.drcd end to end on tiny inputs (real pipeline, default committed index)."""

from __future__ import annotations

import json
from pathlib import Path

from eval import drcd, run

ITEMS = [
    {"id": "a1", "question": "香港本土研發、在全球首發的那款芯片叫甚麼名字？", "answers": ["獅子山芯"],
     "evidence": ["本土自研「獅子山芯」全球首發"], "answerable": True, "script": "zh-Hant", "history": []},
    {"id": "a2", "question": "它是基於甚麼架構？", "answers": ["RISC-V"], "evidence": ["基於RISC-V架構"],
     "answerable": True, "script": "zh-Hant", "history": ["香港本土研發、全球首發的芯片叫甚麼名字？"]},
    {"id": "u1", "question": "新田科技城的建設預算是多少？", "answers": [], "evidence": [], "answerable": False,
     "script": "zh-Hant", "history": []},
]


def _rate(value: object) -> bool:
    return value is None or (isinstance(value, float) and 0.0 <= value <= 1.0)


def test_run_writes_predictions_metrics_and_report(tmp_path: Path, capsys) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in ITEMS), encoding="utf-8")
    out = tmp_path / "out"
    assert run.main(["--qa", str(qa), "--out", str(out)]) == 0
    for name in ("predictions.jsonl", "metrics.json", "report.md", "accuracy_by_script.png"):
        assert (out / name).stat().st_size > 0
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "u1"]
    for r in rows:
        assert {"id", "question", "answer", "refused", "citations", "retrieved", "latency_ms"} <= set(r)
        assert len(r["retrieved"]) == 10 and all({"chunk_id", "text", "score"} <= set(h) for h in r["retrieved"])
        assert all({"n", "chunk_id", "text"} <= set(c) for c in r["citations"])
    summary = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert summary["primary_metric"] == "answer_accuracy"
    overall = summary["metrics"]
    assert set(run.METRICS) <= set(overall)
    for name in run.METRICS:
        if not name.startswith("latency"):
            assert _rate(overall[name]), name
    assert overall["n"] == 3 and overall["n_answerable"] == 2
    assert overall["latency_ms_p95"] >= overall["latency_ms_p50"] > 0
    assert overall["hit@5"] >= overall["hit@3"] >= overall["hit@1"]
    assert {"overall", "zh-Hant", "follow-up", "answerable", "unanswerable"} <= set(summary["groups"])
    assert "answer_accuracy" in capsys.readouterr().out


def test_run_refuses_a_malformed_qa_file(tmp_path: Path, capsys) -> None:
    qa = tmp_path / "bad.jsonl"
    qa.write_text('{"id": "x"}\n', encoding="utf-8")
    assert run.main(["--qa", str(qa), "--out", str(tmp_path / "out")]) == 2
    assert "fields must be" in capsys.readouterr().err


SQUAD = {"version": "test", "data": [
    {"title": "維多利亞港", "paragraphs": [
        {"id": "p1", "context": "維多利亞港位於香港島和九龍半島之間，是中國第一大海港，世界第三大海港。",
         "qas": [{"id": "p1-1", "question": "維多利亞港位於哪兩個地方之間？",
                  "answers": [{"id": "1", "text": "香港島和九龍半島", "answer_start": 5}]}]},
        {"id": "p2", "context": "獅子山位於九龍與新界之間，海拔495米，因其外形似一頭獅子而得名。",
         "qas": [{"id": "p2-1", "question": "獅子山海拔多少米？",
                  "answers": [{"id": "1", "text": "495米", "answer_start": 15}]}]}]},
    {"title": "梵文", "paragraphs": [
        {"id": "p3", "context": "在歐洲，梵語的學術研究由德國學者陸特和漢斯雷頓開創。",
         "qas": [{"id": "p3-1", "question": "陸特和漢斯雷頓開創了哪一地區對梵語的學術研究？",
                  "answers": [{"id": "1", "text": "歐洲", "answer_start": 1}]}]}]},
]}


def test_drcd_on_a_tiny_squad_file(tmp_path: Path) -> None:
    data = tmp_path / "squad.json"
    data.write_text(json.dumps(SQUAD, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "drcd"
    assert drcd.main(["--data", str(data), "--out", str(out)]) == 0
    for name in ("predictions.jsonl", "metrics.json", "report.md", "hit_at_k.png"):
        assert (out / name).stat().st_size > 0
    summary = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    m = summary["metrics"]
    assert summary["n_paragraphs"] == 3 and m["n_questions"] == 3
    assert m["hit@20"] == 1.0  # three paragraphs: every one is in the top 20
    for name in ("hit@1", "hit@5", "mrr@10", "em", "f1", "dense-only hit@1", "lexical-only hit@5"):
        assert 0.0 <= m[name] <= 1.0, name
    assert m["hit@1"] >= 2 / 3  # the questions share distinctive words with their paragraph
    rows = (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["id"] for r in rows] == ["p1-1", "p2-1", "p3-1"]


def test_drcd_limit(tmp_path: Path) -> None:
    data = tmp_path / "squad.json"
    data.write_text(json.dumps(SQUAD, ensure_ascii=False), encoding="utf-8")
    assert drcd.main(["--data", str(data), "--limit", "1", "--out", str(tmp_path / "o")]) == 0
    summary = json.loads((tmp_path / "o" / "metrics.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["n_questions"] == 1 and summary["n_paragraphs"] == 3


def _result(answer: dict, answers: tuple[str, ...] = ("四成",)) -> run.ItemResult:
    from eval.qa import QAItem

    item = QAItem(id="x", question="河套園區有多少企業來自海外？", answers=answers, evidence=("四成來自海外",),
                  answerable=True, script="zh-Hant", history=())
    return run.ItemResult(item=item, answer=answer, retrieved=(), retrieved_relevant=(), n_relevant=0,
                          citations_relevant=(), latency_ms=0.0)


def test_a_short_answer_is_scored_on_what_it_states_not_on_the_sentence_it_quotes() -> None:
    quote = "原文：「六成入駐河套園區的企業來自內地、四成來自海外」[1]"
    wrong = {"answer": f"六成[1]。\n\n{quote}", "refused": False, "kind": "fact", "generator": "extractive",
             "sentences": [{"text": "六成[1]。"}, {"text": quote}]}
    right = {**wrong, "answer": f"四成[1]。\n\n{quote}", "sentences": [{"text": "四成[1]。"}, {"text": quote}]}
    assert run.stated_answer(wrong) == "六成[1]。"
    assert not _result(wrong).correct and _result(wrong).lenient and _result(wrong).wrong_shown
    assert _result(right).correct
    # a list, yes/no, summary or meta reply states its whole text; so does a generator's reply
    listing = {"answer": "河套的企業：四成來自海外[1]", "refused": False, "kind": "list",
               "sentences": [{"text": "河套的企業：四成來自海外[1]"}]}
    generated = {**wrong, "generator": "hf:Qwen/Qwen2.5-0.5B-Instruct"}
    assert _result(listing).correct and run.stated_answer(generated) == generated["answer"]


def test_citation_precision_without_summaries_leaves_a_summary_s_key_points_out() -> None:
    from eval.qa import QAItem

    def result(kind: str, relevant: tuple[bool, ...]) -> run.ItemResult:
        item = QAItem(id=kind, question="q", answers=("x",), evidence=("x",), answerable=True, script="zh-Hant",
                      history=())
        answer = {"answer": "x", "short_answer": "x", "refused": False, "kind": kind, "citations": [],
                  "sentences": []}
        return run.ItemResult(item=item, answer=answer, retrieved=(), retrieved_relevant=(), n_relevant=1,
                              citations_relevant=relevant, latency_ms=1.0)

    metrics = run.group_metrics([result("fact", (True,)), result("summary", (True, False, False, False))])
    assert metrics["citation_precision"] == 2 / 5
    assert metrics["citation_precision_no_summary"] == 1.0
