"""``python -m eval.experiments.big_corpus OUT_DIR [--mb 50]``: a large UTF-8 text for timing ``python -m rag build``.

The text is the article (``rag/data/article.txt`` unless ``--source`` says otherwise) copied again and again with
the page's layout kept line by line (header, fact box, sub-headings, byline, captions, sidebar, explainer), so the
chunker sees the same kinds of blocks in the same proportions. Two modes:

- ``figures``: every copy is the article with its figures varied (each digit run replaced by a random number of
  as many digits). Only 14 of the article's 106 sentences contain a digit, so almost every sentence recurs in
  every copy: an encoder that skips texts it has already encoded would look far faster on it than on real text.
- ``clauses`` (default): as ``figures``, and every prose line (a line longer than a heading with sentence
  punctuation: paragraphs, bullets, captions) is rebuilt from clauses drawn at random from all the article's
  prose, keeping its number of sentences, of clauses per sentence and its sentence ends. Prose then (almost)
  never repeats, as in a real archive; headings, labels and bylines repeat, as they do in one.

It writes ``OUT_DIR/big.txt``, whole lines up to ``--mb`` million bytes, and prints its size and counts.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from rag.config import DEFAULT_CORPUS

DIGITS = re.compile(r"\d+")
SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[」』”’\")）]*|[^。！？；]+$")
CLAUSE_SEP = "，"
PREFIX = re.compile(r"^(\s*(?:[-*•]\s+|[▲▼△▽►◄]\s*)?)")
HEADING_MAX = 24  # ChunkerParams.heading_max_chars: shorter lines are headings and labels, kept as they are


def vary_figures(text: str, rng: random.Random) -> str:
    def number(m: re.Match) -> str:
        n = len(m.group())
        return str(rng.randint(10 ** (n - 1) if n > 1 else 0, 10**n - 1))

    return DIGITS.sub(number, text)


def is_prose(line: str) -> bool:
    return len(line.strip()) > HEADING_MAX and any(p in line for p in "。！？；，")


def sentences(body: str) -> list[str]:
    return [s for s in SENTENCE.findall(body) if s.strip()]


def split_end(sentence: str) -> tuple[str, str]:
    """A sentence without its closing punctuation, and that punctuation."""
    m = re.search(r"[。！？；]+[」』”’\")）]*$", sentence)
    return (sentence[: m.start()], m.group()) if m else (sentence, "")


def clause_pool(lines: list[str]) -> list[str]:
    pool = []
    for line in filter(is_prose, lines):
        body = line[len(PREFIX.match(line).group()):]
        for s in sentences(body):
            pool.extend(c for c in split_end(s)[0].split(CLAUSE_SEP) if c.strip())
    return pool


def rebuild(line: str, pool: list[str], rng: random.Random) -> str:
    """``line`` with each sentence's clauses replaced by random clauses of the article's prose."""
    prefix = PREFIX.match(line).group()
    out = []
    for s in sentences(line[len(prefix):]):
        body, end = split_end(s)
        n = max(1, len([c for c in body.split(CLAUSE_SEP) if c.strip()]))
        out.append(CLAUSE_SEP.join(rng.choice(pool) for _ in range(n)) + end)
    return prefix + "".join(out)


def copies(source: str, mode: str, seed: int):
    """Endless varied copies of ``source``, one at a time, as lists of lines."""
    rng = random.Random(seed)
    lines = source.split("\n")
    pool = clause_pool(lines)
    while True:
        page = [rebuild(x, pool, rng) if mode == "clauses" and is_prose(x) else x for x in lines]
        yield [vary_figures(x, rng) for x in page]


def write_corpus(out: Path, mb: float, source: Path, mode: str = "clauses", seed: int = 0) -> Path:
    """``out/big.txt``: whole lines of varied copies of ``source`` up to ``mb`` million bytes."""
    target = int(mb * 1_000_000)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "big.txt"
    text = source.read_text(encoding="utf-8")
    size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for page in copies(text, mode, seed):
            for line in page + [""]:
                data = line + "\n"
                n = len(data.encode("utf-8"))
                if size + n > target:
                    return path
                f.write(data)
                size += n
    return path  # pragma: no cover - the loop ends by returning


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.experiments.big_corpus", description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path, help="directory to write big.txt into (created if missing)")
    p.add_argument("--mb", type=float, default=50.0, help="size in millions of bytes (default 50)")
    p.add_argument("--source", type=Path, default=DEFAULT_CORPUS, help="text to copy (default: the article)")
    p.add_argument("--mode", choices=("clauses", "figures"), default="clauses")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    path = write_corpus(args.out, args.mb, args.source, args.mode, args.seed)
    text = path.read_text(encoding="utf-8")
    print(f"{path}: {path.stat().st_size:,} bytes, {len(text):,} characters, {text.count(chr(10)):,} lines "
          f"({args.mode}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
