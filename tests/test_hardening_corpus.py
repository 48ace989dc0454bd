"""``build --docs DIR`` indexes only the tree it was given, encodes in batches without mixing up rows (each distinct
text once), and shows its progress on a terminal."""

from __future__ import annotations

import fcntl
import logging
import os
import pty
import struct
import subprocess
import sys
import termios
import time

import numpy as np
import pytest

from rag.corpus import load_documents
from rag.index import ENCODE_BATCH, encode_chunks, load_index

SECRET = "這是樹外的機密文件，不應被索引。"


def _tree(tmp_path):
    outside = tmp_path / "outside"
    (outside / "private").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "private" / "more.txt").write_text(SECRET, encoding="utf-8")
    tree = tmp_path / "docs"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("香港初創企業總量接近4700家。", encoding="utf-8")
    (tree / "sub" / "b.md").write_text("# 芯片\n獅子山芯基於RISC-V架構。", encoding="utf-8")
    (tree / "also-a.txt").symlink_to(tree / "a.txt")  # inside the tree: kept
    (tree / "leak.txt").symlink_to(outside / "secret.txt")
    (tree / "private").symlink_to(outside / "private", target_is_directory=True)
    (tree / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    return tree


def test_symlinks_out_of_the_tree_are_skipped_with_a_warning(tmp_path, caplog):
    tree = _tree(tmp_path)
    with caplog.at_level(logging.WARNING, logger="rag"):
        docs = load_documents([tree])
    assert sorted(d.id for d in docs) == ["a", "also-a", "b"]
    assert all(SECRET not in d.text for d in docs)
    warned = "\n".join(r.getMessage() for r in caplog.records)
    for name in ("leak.txt", "private", "dangling.txt"):
        assert f"skipping {tree / name}" in warned
    assert "also-a" not in warned


@pytest.mark.slow  # starts a process
def test_cli_build_skips_them_too(tmp_path):
    tree = _tree(tmp_path)
    out = subprocess.run([sys.executable, "-m", "rag", "build", "--docs", str(tree), "--index-dir",
                          str(tmp_path / "idx")], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "skipping" in out.stderr and "leak.txt" in out.stderr
    assert "encoding" not in out.stderr  # a quick build into a pipe shows no bar
    index = load_index(tmp_path / "idx")
    assert all(SECRET not in c.text for c in index.chunks)


def test_batched_encoding_keeps_each_vector_with_its_text(encoder):
    texts = [f"第{i}段：" + "香港創科發展迅速。" * (1 + (i * 7) % 13) for i in range(ENCODE_BATCH * 2 + 5)]
    batched = encode_chunks(encoder, texts, progress=False)
    one_by_one = np.stack([encoder.encode([t])[0] for t in texts[:: ENCODE_BATCH // 2]])
    assert batched.shape == (len(texts), encoder.dim)
    assert np.allclose(batched[:: ENCODE_BATCH // 2], one_by_one, atol=1e-5)


class _Counting:
    """An encoder that records every text it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.seen = inner, inner.name, inner.dim, []

    def encode(self, texts, *, query=False):
        self.seen.extend(texts)
        return self.inner.encode(texts, query=query)


def test_a_recurring_text_is_encoded_once_and_keeps_its_vector(encoder):
    distinct = [f"第{i}段：" + "香港創科發展迅速。" * (1 + i % 5) for i in range(ENCODE_BATCH + 10)]
    texts = [t for pair in zip(distinct, ["全球排名"] * len(distinct)) for t in pair]  # a heading between paragraphs
    counting = _Counting(encoder)
    vectors = encode_chunks(counting, texts, progress=False)
    assert sorted(counting.seen) == sorted(set(texts))
    assert vectors.shape == (len(texts), encoder.dim)
    assert np.array_equal(vectors[1], vectors[-1])
    assert np.allclose(vectors[::2], encode_chunks(encoder, distinct, progress=False), atol=1e-6)
    assert np.allclose(vectors[1], encoder.encode(["全球排名"])[0], atol=1e-5)


def test_known_vectors_are_reused_not_encoded_again(encoder):
    known = {"香港創科發展迅速。": encoder.encode(["香港創科發展迅速。"])[0]}
    counting = _Counting(encoder)
    vectors = encode_chunks(counting, ["園區入駐率約九成。", "香港創科發展迅速。"], progress=False, known=known)
    assert counting.seen == ["園區入駐率約九成。"]
    assert np.array_equal(vectors[1], known["香港創科發展迅速。"])
    counting.seen.clear()
    assert encode_chunks(counting, ["香港創科發展迅速。"] * 3, progress=False, known=known).shape == (3, encoder.dim)
    assert counting.seen == []


@pytest.mark.slow  # starts a process
def test_a_build_on_a_terminal_shows_a_progress_bar(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long.txt").write_text("\n\n".join(f"第{i}段。香港創科發展迅速，園區入駐率約九成，初創企業接近4700家。" * 3
                                               for i in range(ENCODE_BATCH * 2)), encoding="utf-8")
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin, stdout and stderr are an 80-column terminal
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execv(sys.executable, [sys.executable, "-m", "rag", "build", "--docs", str(docs), "--index-dir",
                                      str(tmp_path / "idx")])
        finally:
            os._exit(127)  # never return into pytest in the forked child
    seen = b""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        seen += data
    _, status = os.waitpid(pid, 0)
    text = seen.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "encoding" in text and "chunk" in text and "100%" in text
    assert "indexed 1 document(s)" in text
