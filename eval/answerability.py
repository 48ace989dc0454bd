"""``python -m eval.answerability --data DRCD_dev.json --out DIR``: fit the answerability model on DRCD dev and
unanswerable questions derived from it; choose on half A of the article titles, report half B.

DRCD's questions are all answerable. Unanswerable ones are derived from them, against an index that leaves a
fifth of the article titles out:

- ``off_topic``: the questions of the left-out articles (nothing indexed is about them);
- ``entity_swap``: an indexed question naming its article's title, the title replaced by a left-out one
  (廣州的面積 -> 東京的面積);
- ``focus_swap``: an indexed question with its rarest word that its paragraph holds replaced by a word no
  indexed paragraph holds.

Every item is answered by the real pipeline. Two checks of its best sentence (``Answer.checks``) are rules:
the question's entities are in the evidence, and, for a question asking for a quantity, time, rank or person,
a span of that type is (``typed`` is 1 for the other types). The other checks are the
features of a logistic model fitted on half A (titles split by hash) among the items that pass the rules; the
refusal threshold is the highest that refuses, rules included, at most ``--max-false-refusals`` of half A's
answerable questions. Half B is reported,
never used for a choice. Writes ``fit.json`` and ``report.md``; paste the printed numbers into rag/tuning.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .drcd import Paragraph, load_squad

CHECKS = ("coverage", "focus", "entities", "typed", "similarity", "words", "known", "gap")
RULES = ("entities", "typed")
SOFT = tuple(c for c in CHECKS if c not in RULES)


def _bucket(title: str, n: int, salt: str) -> int:
    return int(hashlib.sha1(f"{salt}:{title}".encode()).hexdigest(), 16) % n


@dataclass(frozen=True)
class Item:
    question: str
    answerable: bool
    kind: str  # answerable, off_topic, entity_swap, focus_swap
    half: str  # A or B, by the originating article's title


def derive(paragraphs: Sequence[Paragraph], questions, *, seed: int = 0, weight=None,
           segment=None) -> tuple[list[Paragraph], list[Item]]:
    rng = random.Random(seed)
    held = {p.title for p in paragraphs if _bucket(p.title, 5, "held") == 0}
    indexed = [p for p in paragraphs if p.title not in held]
    held_titles = sorted({t for t in held if len(t) >= 2})
    by_id = {p.id: p for p in paragraphs}
    corpus = "\n".join(p.context for p in indexed)
    half = {p.title: "AB"[_bucket(p.title, 2, "half")] for p in paragraphs}
    items: list[Item] = []
    held_words = sorted({w for p in paragraphs if p.title in held for w in (segment or list)(p.context)
                         if len(w) >= 2 and w.isalpha() and w not in corpus})
    for q in questions:
        p = by_id[q.paragraph_id]
        h = half[p.title]
        if p.title in held:
            items.append(Item(q.question, False, "off_topic", h))
            continue
        items.append(Item(q.question, True, "answerable", h))
        if len(p.title) >= 2 and p.title in q.question:
            other = rng.choice(held_titles)
            if other not in p.context:
                items.append(Item(q.question.replace(p.title, other), False, "entity_swap", h))
        words = [w for w in (segment or list)(q.question) if len(w) >= 2 and w in p.context and w != p.title
                 and w not in p.title]
        if words and held_words and rng.random() < 0.5:
            target = max(words, key=weight) if weight else words[0]
            items.append(Item(q.question.replace(target, rng.choice(held_words), 1), False, "focus_swap", h))
    return indexed, items


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Weights (bias first) of a logistic regression by gradient descent; classes weighed equally."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    pos = y.mean()
    sample = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ ((p - y) * sample) / len(y) + l2 * np.r_[0, w[1:]]
        w -= lr * grad
    return w


def probabilities(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


def threshold_for(p: np.ndarray, answerable: np.ndarray, max_false_refusals: float) -> float:
    """The highest threshold that refuses at most ``max_false_refusals`` of the answerable items (those the
    rules refuse have ``p`` = -1 and count against the budget first)."""
    scores = np.sort(p[answerable])
    k = int(np.floor(max_false_refusals * len(scores)))
    return max(float(scores[k]), 0.0) if k < len(scores) else 1.0


def rates(p: np.ndarray, items: Sequence[Item], threshold: float) -> dict[str, float]:
    refused = p < threshold
    out = {}
    for kind in ("answerable", "off_topic", "entity_swap", "focus_swap"):
        sel = np.array([it.kind == kind for it in items])
        if sel.any():
            name = "false_refusal_rate" if kind == "answerable" else f"refusal_recall[{kind}]"
            out[name] = float(refused[sel].mean())
            out[f"n[{kind}]"] = int(sel.sum())
    unans = np.array([not it.answerable for it in items])
    out["refusal_recall"] = float(refused[unans].mean()) if unans.any() else float("nan")
    return out


def collect(pipeline, items: Sequence[Item]) -> tuple[np.ndarray, list[int], list[bool]]:
    """The checks of each item's answer, the items that have them, and whether the pipeline refused each (with
    the shipped weights, threshold and paraphrase check: what a user gets)."""
    rows, kept, refused = [], [], []
    for i, it in enumerate(items):
        answer = pipeline.answer(it.question)
        checks = answer.checks
        if checks and all(c in checks for c in CHECKS):
            rows.append([checks[c] for c in CHECKS])
            kept.append(i)
            refused.append(bool(answer.refused))
    return np.asarray(rows, dtype=float), kept, refused


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.answerability", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="DRCD_dev.json (SQuAD format)")
    parser.add_argument("--out", type=Path, required=True, help="directory for fit.json and report.md")
    parser.add_argument("--max-false-refusals", type=float, default=0.05)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N questions (a quick run)")
    parser.add_argument("--features", type=Path, default=None,
                        help="refit from a features.jsonl an earlier run wrote, without answering again")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.features is not None:
        rows = [json.loads(line) for line in args.features.read_text(encoding="utf-8").splitlines() if line]
        items = [Item(r["q"], r["kind"] == "answerable", r["kind"], r["half"]) for r in rows]
        x = np.asarray([[r[c] for c in CHECKS] for r in rows], dtype=float)
        shipped = [r["refused"] for r in rows] if all("refused" in r for r in rows) else None
        return report(args, items, x, n_indexed=0, started=started, shipped=shipped)

    from rag.config import Settings
    from rag.encoders import load_encoder
    from rag.index import build_in_memory
    from rag.pipeline import Pipeline
    from rag.question import segment_words
    from rag.types import Document

    paragraphs, questions = load_squad(args.data)
    if args.limit:
        questions = questions[: args.limit]
    encoder = load_encoder(Settings.from_env().encoder)  # RAG_ENCODER, as the app reads it
    df = Counter(w for p in paragraphs for w in set(segment_words(p.context)))
    indexed, items = derive(paragraphs, questions, weight=lambda w: -df.get(w, 0), segment=segment_words)
    index = build_in_memory([Document(p.id, p.title, p.context, str(args.data)) for p in indexed], encoder)
    pipeline = Pipeline(index, encoder)
    x, kept, shipped = collect(pipeline, items)
    items = [items[i] for i in kept]
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "features.jsonl").open("w", encoding="utf-8") as f:
        for it, row, refused in zip(items, x, shipped):
            f.write(json.dumps({"q": it.question, "kind": it.kind, "half": it.half, "refused": refused,
                                **dict(zip(CHECKS, map(float, row)))}, ensure_ascii=False) + "\n")
    return report(args, items, x, n_indexed=len(indexed), started=started, shipped=shipped)


def report(args: argparse.Namespace, items: Sequence[Item], x: np.ndarray, *, n_indexed: int, started: float,
           shipped: Sequence[bool] | None = None) -> int:
    """Fit on half A, report both halves; ``shipped``: the pipeline's own refusals, reported as they are."""
    args.out.mkdir(parents=True, exist_ok=True)
    y = np.array([it.answerable for it in items], dtype=float)
    a = np.array([it.half == "A" for it in items])
    rules_ok = np.all(x[:, [CHECKS.index(r) for r in RULES]] == 1, axis=1)
    soft = x[:, [CHECKS.index(c) for c in SOFT]]
    w = fit_logistic(soft[a & rules_ok], y[a & rules_ok])
    p = np.where(rules_ok, probabilities(w, soft), -1.0)
    threshold = threshold_for(p[a], y[a] == 1, args.max_false_refusals)
    weights = {"bias": round(float(w[0]), 3), **{c: round(float(v), 3) for c, v in zip(SOFT, w[1:])}}
    result = {
        "rules_refuse_answerable": {h: float((~rules_ok[(y == 1) & (a if h == "A" else ~a)]).mean()) for h in "AB"},
        "weights": weights, "threshold": round(threshold, 4),
        "half_A": rates(p[a], [it for it, s in zip(items, a) if s], threshold),
        "half_B": rates(p[~a], [it for it, s in zip(items, a) if not s], threshold),
        "n_items": len(items), "n_indexed_paragraphs": n_indexed, "seconds": round(time.perf_counter() - started),
        "max_false_refusals": args.max_false_refusals,
    }
    if shipped is not None:  # the code as it ships: rag/tuning.py's weights and threshold, the paraphrase check
        as_shipped = np.where(np.asarray(shipped, dtype=bool), -1.0, 1.0)
        for h, sel in (("A", a), ("B", ~a)):
            result[f"shipped_half_{h}"] = rates(as_shipped[sel], [it for it, s in zip(items, sel) if s], 0.0)
    (args.out / "fit.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    command = f"python -m eval.answerability --data {args.data} --out {args.out}"
    lines = ["# Answerability fit on DRCD dev", "", f"`{command}`",
             "", f"weights: `{weights}`, threshold {threshold:.4f}", "", "| metric | half A (fit) | half B (report) |",
             "| --- | --- | --- |"]
    lines += [f"| {k} | {result['half_A'].get(k, float('nan')):.3f} | {result['half_B'].get(k, float('nan')):.3f} |"
              for k in result["half_B"]]
    if shipped is not None:
        lines += ["", "As shipped (rag/tuning.py's weights and threshold, and the paraphrase check; the pipeline's "
                  "own refusals):", "", "| metric | half A | half B |", "| --- | --- | --- |"]
        lines += [f"| {k} | {result['shipped_half_A'].get(k, float('nan')):.3f} | "
                  f"{result['shipped_half_B'].get(k, float('nan')):.3f} |" for k in result["shipped_half_B"]]
    (args.out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
