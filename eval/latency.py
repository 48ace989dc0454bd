"""``python -m eval.latency --qa FILE --drcd DRCD_dev.json --out DIR``: first-visit retrieve and answer latency at
article and DRCD scale, side by side with a plain character-bigram BM25 (bm25s) measured in the same process.

Every question is asked once on a fresh pipeline (a first visit: nothing about it is cached), then the same
questions again (warm). The ratio to the bigram BM25 says what the hybrid search, the rerank and the answerer
cost over the lexical floor. Medians and p95 over all questions; the machine's load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import metrics as M


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _dist(values: Sequence[float]) -> dict[str, float | None]:
    return {"p50": M.percentile(values, 50), "p95": M.percentile(values, 95), "n": len(values)}


def bigram_bm25(texts: Sequence[str]) -> Callable[[str], object]:
    """A plain lexical baseline: bm25s over character bigrams of the normalised text, top 10."""
    import bm25s
    import numpy as np

    from rag.zh import normalize

    def grams(text: str) -> list[str]:
        t = normalize(text)
        return [t[i : i + 2] for i in range(len(t) - 1)] or ["<empty>"]

    index = bm25s.BM25()
    index.index([grams(t) for t in texts], show_progress=False)

    def search(query: str) -> object:
        scores = index.get_scores(grams(query))
        return np.argsort(-scores)[:10]

    return search


def measure(pipeline: Any, questions: Sequence[str]) -> dict[str, Any]:
    """First-visit and warm retrieve / answer latency of ``pipeline`` and of a bigram BM25 over its chunks."""
    baseline = bigram_bm25([c.text for c in pipeline.index.chunks])
    first_retrieve = [_ms(lambda q=q: pipeline.retrieve(q, 10)) for q in questions]
    first_answer = [_ms(lambda q=q: pipeline.answer(q)) for q in questions]
    warm_retrieve = [_ms(lambda q=q: pipeline.retrieve(q, 10)) for q in questions]
    warm_answer = [_ms(lambda q=q: pipeline.answer(q)) for q in questions]
    lexical = [_ms(lambda q=q: baseline(q)) for q in questions]
    out = {
        "n_chunks": len(pipeline.index.chunks),
        "retrieve_first_ms": _dist(first_retrieve), "answer_first_ms": _dist(first_answer),
        "retrieve_warm_ms": _dist(warm_retrieve), "answer_warm_ms": _dist(warm_answer),
        "bigram_bm25_ms": _dist(lexical),
    }
    floor = out["bigram_bm25_ms"]["p50"] or float("nan")
    out["ratio_retrieve_first_to_bm25"] = out["retrieve_first_ms"]["p50"] / floor
    out["ratio_answer_first_to_bm25"] = out["answer_first_ms"]["p50"] / floor
    return out


def article(qa: Path) -> dict[str, Any]:
    from rag.pipeline import load_pipeline

    from .qa import load_qa

    questions = [it.question for it in load_qa(qa)]
    return measure(load_pipeline(), questions)


def drcd(data: Path, n_questions: int) -> dict[str, Any]:
    from rag.config import Settings
    from rag.encoders import load_encoder
    from rag.index import build_in_memory
    from rag.pipeline import Pipeline
    from rag.types import Document

    from .drcd import load_squad

    paragraphs, questions = load_squad(data)
    encoder = load_encoder(Settings.from_env().encoder)  # RAG_ENCODER, as the app reads it
    started = time.perf_counter()
    index = build_in_memory([Document(p.id, p.title, p.context, str(data)) for p in paragraphs], encoder)
    built = time.perf_counter() - started
    out = measure(Pipeline(index, encoder), [q.question for q in questions[:n_questions]])
    out["build_seconds"] = round(built, 1)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.latency", description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, required=True, help="article QA file whose questions are asked")
    parser.add_argument("--drcd", type=Path, default=None, help="DRCD_dev.json (SQuAD format); omit to skip")
    parser.add_argument("--drcd-questions", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"article": article(args.qa)}
    if args.drcd is not None:
        results["drcd"] = drcd(args.drcd, args.drcd_questions)
    results["load_average"] = os.getloadavg()
    results["command"] = "python -m eval.latency " + " ".join(sys.argv[1:] if argv is None else argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latency.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    rows = ["| scale | chunks | retrieve first p50 / p95 | answer first p50 / p95 | warm retrieve / answer p50 | "
            "bigram BM25 p50 | retrieve / BM25 | answer / BM25 |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name in ("article", "drcd"):
        r = results.get(name)
        if r:
            rows.append(f"| {name} | {r['n_chunks']} | {r['retrieve_first_ms']['p50']:.1f} / "
                        f"{r['retrieve_first_ms']['p95']:.1f} ms | {r['answer_first_ms']['p50']:.1f} / "
                        f"{r['answer_first_ms']['p95']:.1f} ms | {r['retrieve_warm_ms']['p50']:.1f} / "
                        f"{r['answer_warm_ms']['p50']:.1f} ms | {r['bigram_bm25_ms']['p50']:.2f} ms | "
                        f"{r['ratio_retrieve_first_to_bm25']:.0f}x | {r['ratio_answer_first_to_bm25']:.0f}x |")
    report = "\n".join([f"# Latency\n\n`{results['command']}` (load average {results['load_average'][0]:.1f})\n",
                        *rows]) + "\n"
    (args.out / "report.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
