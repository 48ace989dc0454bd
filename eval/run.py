"""``python -m eval.run --qa FILE --out DIR``: the pipeline on every item of a QA file, scored.

Writes ``predictions.jsonl``, ``metrics.json``, ``report.md`` and ``accuracy_by_script.png`` into DIR and prints
the metric table: overall, per script, follow-ups (non-empty history) and the answerable / unanswerable split.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import metrics as M
from .qa import SCRIPTS, QAFormatError, QAItem, load_qa
from .report import bar_chart, markdown_table, metric_rows, text_table, write_json, write_jsonl

PRIMARY_METRIC = "answer_accuracy"
RETRIEVAL_K = 10
METRICS = (
    "hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10",
    "answer_accuracy", "class_accuracy", "wrong_shown_rate", "f1", "lenient_accuracy",
    "citation_precision", "citation_precision_no_summary", "citation_recall",
    "refusal_precision", "refusal_recall", "refusal_f1", "false_refusal_rate",
    "latency_ms_p50", "latency_ms_p95",
)
DESCRIPTIONS = {
    "hit@k": "answerable items with a passage containing an evidence string in the top k of "
             "p.retrieve(p.analyze(question, history))",
    "mrr@10": "mean reciprocal rank of the first evidence passage in the top 10 (answerable items)",
    "ndcg@10": "binary-relevance nDCG@10; the ideal ranking puts every evidence passage of the index first",
    "answer_accuracy": "answerable items whose stated answer contains a gold answer after normalisation "
                       "(OpenCC t2s, NFKC, lower case, spaces and punctuation removed); the stated answer of a "
                       "short-answer reply is its first line (not the quoted sentence after it), of a list, "
                       "yes/no, summary or meta reply its whole text",
    "lenient_accuracy": "as answer_accuracy but a gold answer anywhere in the text, the quote included (the "
                        "measure of rounds 1-6: it counts 六成 right when the quote goes on to say 四成)",
    "f1": "CMRC 2018 character F1 (longest common substring) of Answer.short_answer, max over golds; answerable",
    "citation_precision": "citations whose passage contains an evidence string, over non-refused answerable items",
    "citation_precision_no_summary": "as citation_precision, summaries left out: a summary cites every key point it "
                                     "lists, and an overview item's evidence names only a few of them",
    "citation_recall": "answerable items with at least one citation whose passage contains an evidence string",
    "refusal_precision/recall/f1": "`refused` as a detector of answerable == false",
    "false_refusal_rate": "refused among answerable items",
    "latency_ms_p50/p95": "wall time of Pipeline.answer (after one warm-up call)",
    "class_accuracy": "items answered correctly (answerable) or refused (unanswerable), over all items",
    "wrong_shown_rate": "items shown an answer that is wrong or that the article cannot give, over all items",
}


def stated_answer(answer: dict[str, Any]) -> str:
    """What the reply states as the answer: a short-answer reply's first line (``六成[1]。``, ``Answer: 60% (六成)
    [1]``), not the sentence it quotes as its source; any other reply (a list, yes/no, summary, meta) whole."""
    sentences = answer.get("sentences") or []
    if answer.get("kind") in ("fact", "list") and answer.get("generator", "extractive") == "extractive" \
            and len(sentences) > 1:  # a short answer, then the quoted sentence (compose)
        return sentences[0]["text"]
    return answer["answer"]


@dataclass(frozen=True)
class ItemResult:
    item: QAItem
    answer: dict[str, Any]  # Answer.to_dict()
    retrieved: tuple[dict[str, Any], ...]  # top 10 of p.retrieve(p.analyze(question, history))
    retrieved_relevant: tuple[bool, ...]
    n_relevant: int  # passages of the whole index that contain an evidence string
    citations_relevant: tuple[bool, ...]
    latency_ms: float

    @property
    def correct(self) -> bool:
        return self._correct(stated_answer(self.answer))

    @property
    def lenient(self) -> bool:
        return self._correct(self.answer["answer"])

    def _correct(self, text: str) -> bool:
        if self.answer["refused"] or not M.contains_answer(text, self.item.answers):
            return False
        if self.item.expect_yes is not None:  # a yes/no question: the verdict must be the right one too
            return says_yes(self.answer["answer"]) == self.item.expect_yes
        return True

    @property
    def right(self) -> bool:
        """Correct for an answerable item, refused for an unanswerable one."""
        return self.correct if self.item.answerable else bool(self.answer["refused"])

    @property
    def wrong_shown(self) -> bool:
        """Shown as an answer but wrong: answered wrongly, or answered when the article cannot answer."""
        return not self.answer["refused"] and not self.correct

    @property
    def f1(self) -> float:
        return M.cmrc_f1(self.answer["short_answer"], self.item.answers)


_NO_RE = re.compile(r"^\s*(?:不是|不|否|没有|沒有|no)\b|^\s*(?:不是|不|否|没有|沒有)", re.I)


def says_yes(answer_text: str) -> bool:
    """The verdict a yes/no answer opens with: anything but 不是 / 否 / 沒有 / No counts as yes."""
    return not _NO_RE.search(answer_text)


def evaluate_item(pipeline: Any, item: QAItem) -> ItemResult:
    start = time.perf_counter()
    answer = pipeline.answer(item.question, history=list(item.history))
    latency_ms = (time.perf_counter() - start) * 1000
    data = answer.to_dict()
    hits = pipeline.retrieve(pipeline.analyze(item.question, item.history), RETRIEVAL_K) if answer.query else []
    is_evidence = (lambda text: M.contains_answer(text, item.evidence)) if item.answerable else (lambda text: False)
    return ItemResult(
        item=item,
        answer=data,
        retrieved=tuple({"chunk_id": h.chunk.id, "text": h.chunk.text, "score": round(h.score, 6)} for h in hits),
        retrieved_relevant=tuple(is_evidence(h.chunk.text) for h in hits),
        n_relevant=sum(is_evidence(c.text) for c in pipeline.index.chunks) if item.answerable else 0,
        citations_relevant=tuple(is_evidence(c["text"]) for c in data["citations"]),
        latency_ms=latency_ms,
    )


def group_metrics(results: Sequence[ItemResult]) -> dict[str, Any]:
    answerable = [r for r in results if r.item.answerable]
    answered = [r for r in answerable if not r.answer["refused"]]
    cited = [ok for r in answered for ok in r.citations_relevant]
    cited_no_summary = [ok for r in answered if r.answer.get("kind") != "summary" for ok in r.citations_relevant]

    def over(fn: Callable[[ItemResult], float]) -> float | None:
        return M.mean(fn(r) for r in answerable)

    prf = M.refusal_prf([r.answer["refused"] for r in results], [not r.item.answerable for r in results])
    latencies = [r.latency_ms for r in results]
    out: dict[str, Any] = {
        "n": len(results), "n_answerable": len(answerable),
        "hit@1": over(lambda r: M.hit_at_k(r.retrieved_relevant, 1)),
        "hit@3": over(lambda r: M.hit_at_k(r.retrieved_relevant, 3)),
        "hit@5": over(lambda r: M.hit_at_k(r.retrieved_relevant, 5)),
        "mrr@10": over(lambda r: M.mrr_at_k(r.retrieved_relevant, 10)),
        "ndcg@10": over(lambda r: M.ndcg_at_k(r.retrieved_relevant, 10, r.n_relevant)),
        "answer_accuracy": over(lambda r: float(r.correct)),
        "lenient_accuracy": over(lambda r: float(r.lenient)),
        "f1": over(lambda r: r.f1),
        "citation_precision": sum(cited) / len(cited) if cited else None,
        "citation_precision_no_summary": sum(cited_no_summary) / len(cited_no_summary) if cited_no_summary else None,
        "citation_recall": over(lambda r: float(any(r.citations_relevant))),
        "refusal_precision": prf.precision, "refusal_recall": prf.recall, "refusal_f1": prf.f1,
        "false_refusal_rate": over(lambda r: float(r.answer["refused"])),
        "class_accuracy": M.mean(float(r.right) for r in results),
        "wrong_shown_rate": M.mean(float(r.wrong_shown) for r in results),
        "latency_ms_p50": M.percentile(latencies, 50), "latency_ms_p95": M.percentile(latencies, 95),
    }
    return out


def groups_of(results: Sequence[ItemResult]) -> dict[str, list[ItemResult]]:
    groups = {"overall": list(results)}
    groups.update({s: [r for r in results if r.item.script == s] for s in SCRIPTS})
    groups["follow-up"] = [r for r in results if r.item.followup]
    groups["answerable"] = [r for r in results if r.item.answerable]
    groups["unanswerable"] = [r for r in results if not r.item.answerable]
    for klass in sorted({r.item.klass for r in results if r.item.klass}):
        groups[f"class:{klass}"] = [r for r in results if r.item.klass == klass]
    return {name: rs for name, rs in groups.items() if rs}


def prediction_row(r: ItemResult) -> dict[str, Any]:
    a = r.answer
    return {
        "id": r.item.id, "question": r.item.question, "script": r.item.script, "history": list(r.item.history),
        "answerable": r.item.answerable, "query": a["query"], "answer": a["answer"], "short_answer": a["short_answer"],
        "refused": a["refused"],
        "citations": [{"n": c["n"], "chunk_id": c["chunk_id"], "text": c["text"]} for c in a["citations"]],
        "retrieved": list(r.retrieved),
        "latency_ms": round(r.latency_ms, 2),
        "class": r.item.klass, "kind": a.get("kind", ""), "checks": a.get("checks", {}),
        "gold": list(r.item.answers), "correct": r.correct if r.item.answerable else None,
        "f1": round(r.f1, 4) if r.item.answerable else None,
        "first_relevant_rank": M.first_relevant_rank(r.retrieved_relevant) if r.item.answerable else None,
    }


def write_report(out: Path, summary: dict[str, Any], results: Sequence[ItemResult]) -> str:
    groups, class_rows = split_groups(summary["groups"])
    table = markdown_table(["metric", *groups], [["n", *(g["n"] for g in groups.values())],
                                                 *metric_rows(groups, METRICS)])
    if class_rows:
        table += "\n\n" + markdown_table(["class", *CLASS_METRICS], class_rows)
    bar_chart(out / "accuracy_by_script.png", {s: groups[s] for s in ("overall", *SCRIPTS, "follow-up")
                                               if s in groups},
              ["answer_accuracy", "f1", "hit@1", "citation_recall"], "Article QA by script")
    wrong = [r for r in results if r.item.answerable and not r.correct]
    false_answers = [r for r in results if not r.item.answerable and not r.answer["refused"]]
    lines = [
        "# Article QA evaluation", "",
        f"QA file `{summary['qa_file']}` ({summary['n_items']} items, sha256 `{summary['qa_sha256'][:12]}`), "
        f"index `{summary['index']}` ({summary['n_chunks']} chunks, encoder `{summary['encoder']}`). "
        f"Run took {summary['wall_seconds']:.1f} s.", "",
        f"**Primary metric: `{PRIMARY_METRIC}` = {summary['primary']:.3f}**", "",
        table, "", "![accuracy by script](accuracy_by_script.png)", "",
        "## Metric definitions", "",
        *[f"- `{k}`: {v}" for k, v in DESCRIPTIONS.items()], "",
        f"## Answerable items answered wrongly or refused ({len(wrong)})", "",
        markdown_table(["id", "question", "gold", "short answer", "refused", "evidence rank"],
                       [[r.item.id, r.item.question, " / ".join(r.item.answers), r.answer["short_answer"],
                         r.answer["refused"], M.first_relevant_rank(r.retrieved_relevant)] for r in wrong]),
        "", f"## Unanswerable items that were answered ({len(false_answers)})", "",
        markdown_table(["id", "question", "short answer"],
                       [[r.item.id, r.item.question, r.answer["short_answer"]] for r in false_answers]),
        "",
    ]
    (out / "report.md").write_text("\n".join(lines), encoding="utf-8")
    return table


def evaluate(qa_path: Path, out: Path, index_dir: Path | None = None) -> dict[str, Any]:
    from rag.pipeline import load_pipeline

    items = load_qa(qa_path)
    started = time.perf_counter()
    pipeline = load_pipeline(index_dir)
    # one throwaway call: the first answer pays for lazy loading, which eval.bench measures as cold start
    pipeline.answer(items[0].question)
    results = [evaluate_item(pipeline, item) for item in items]
    groups = {name: group_metrics(rs) for name, rs in groups_of(results).items()}
    summary = {
        "primary_metric": PRIMARY_METRIC, "primary": groups["overall"][PRIMARY_METRIC],
        "metrics": groups["overall"], "groups": groups, "descriptions": DESCRIPTIONS,
        "qa_file": str(qa_path), "qa_sha256": hashlib.sha256(qa_path.read_bytes()).hexdigest(),
        "n_items": len(items), "index": str(pipeline.index.path or "in-memory"),
        "n_chunks": len(pipeline.index.chunks), "encoder": pipeline.encoder.name,
        "settings": {"top_k": pipeline.settings.top_k, "generator": pipeline.settings.generator},
        "wall_seconds": time.perf_counter() - started,
    }
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "predictions.jsonl", [prediction_row(r) for r in results])
    write_json(out / "metrics.json", summary)
    write_report(out, summary, results)
    return summary


CLASS_METRICS = ("n", "class_accuracy", "answer_accuracy", "refusal_recall", "wrong_shown_rate", "citation_precision")


def split_groups(groups: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
    """The script / follow-up groups, and one row per question class."""
    main = {k: v for k, v in groups.items() if not k.startswith("class:")}
    rows = [[k.removeprefix("class:"), *(_fmt(v.get(m)) for m in CLASS_METRICS)]
            for k, v in groups.items() if k.startswith("class:")]
    return main, rows


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def print_summary(summary: dict[str, Any]) -> None:
    groups, class_rows = split_groups(summary["groups"])
    print(text_table(["metric", *groups], [["n", *(g["n"] for g in groups.values())], *metric_rows(groups, METRICS)]))
    if class_rows:
        print()
        print(text_table(["class", *CLASS_METRICS], class_rows))
    print(f"\nprimary metric {summary['primary_metric']} = {summary['primary']:.3f}  "
          f"({summary['n_items']} items, {summary['wall_seconds']:.1f} s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.run", description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, required=True, help="JSONL QA file (schema: eval/qa.py)")
    parser.add_argument("--out", type=Path, required=True, help="directory for predictions, metrics and report")
    parser.add_argument("--index-dir", type=Path, default=None, help="index to evaluate (default: the committed one)")
    args = parser.parse_args(argv)
    try:
        summary = evaluate(args.qa, args.out, args.index_dir)
    except QAFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_summary(summary)
    print(f"wrote {args.out}/predictions.jsonl, metrics.json, report.md, accuracy_by_script.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
