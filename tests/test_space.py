"""The Space bundle: what `python -m rag space DIR` writes is a Space the Hub accepts and that runs on its own."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rag.space import HUB_FILE_LIMIT, HUB_LFS_LIMIT, SpaceError, build_bundle

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("space") / "bundle"
    build_bundle(dest)
    return dest


def _front_matter(readme: Path) -> dict:
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def _lfs_patterns(gitattributes: Path) -> list[str]:
    lines = (line.split() for line in gitattributes.read_text(encoding="utf-8").splitlines())
    return [parts[0] for parts in lines if parts and not parts[0].startswith("#") and "filter=lfs" in parts]


def _covered(path: str, patterns: list[str]) -> bool:
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(path if "/" in p else name, p) for p in patterns)


def _is_binary(path: Path) -> bool:
    head = path.read_bytes()[:8000]
    if b"\0" in head:
        return True
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_the_front_matter_is_a_gradio_space_on_the_installed_gradio(bundle):
    import gradio

    meta = _front_matter(bundle / "README.md")
    assert meta["sdk"] == "gradio" and meta["sdk_version"] == gradio.__version__
    assert meta["app_file"] == "app.py" and (bundle / meta["app_file"]).is_file()
    assert meta["python_version"] == "3.11" and isinstance(meta["python_version"], str)
    assert len(meta["short_description"]) <= 60  # the Hub's limit


def test_the_bundle_holds_the_app_and_nothing_of_the_workshop(bundle):
    names = {p.name for p in bundle.iterdir()}
    assert names == {"app.py", "rag", "index", "requirements.txt", "README.md", ".gitattributes"}
    assert (bundle / "index" / "manifest.json").is_file() and (bundle / "rag" / "ui" / "render.py").is_file()
    assert not list(bundle.rglob("__pycache__")) and not list(bundle.rglob("*.pyc"))
    assert (bundle / "requirements.txt").read_text() == (ROOT / "requirements.txt").read_text()


def test_every_binary_goes_through_lfs_and_no_file_is_over_the_hubs_limits(bundle):
    patterns = _lfs_patterns(bundle / ".gitattributes")
    files = [p for p in bundle.rglob("*") if p.is_file()]
    binaries = [p.relative_to(bundle).as_posix() for p in files if _is_binary(p)]
    assert "index/dense.faiss" in binaries and "index/sentences.npy" in binaries
    assert [b for b in binaries if not _covered(b, patterns)] == []
    for p in files:
        rel = p.relative_to(bundle).as_posix()
        assert p.stat().st_size <= (HUB_LFS_LIMIT if _covered(rel, patterns) else HUB_FILE_LIMIT), rel


@pytest.mark.slow  # starts a process
def test_every_binary_in_the_repository_goes_through_lfs():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    patterns = _lfs_patterns(ROOT / ".gitattributes")
    paths = [p for p in tracked.decode().split("\0") if p and (ROOT / p).is_file()]
    assert [p for p in paths if _is_binary(ROOT / p) and not _covered(p, patterns)] == []


def test_a_folder_that_is_not_a_bundle_is_not_overwritten(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SpaceError, match="not a Space bundle"):
        build_bundle(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def _bundle_env() -> dict[str, str | None]:
    # PYTHONPATH cleared so that the bundle's own rag/ is imported; no hub access
    return {"PYTHONPATH": None, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "RAG_INDEX_DIR": None,
            "RAG_ENCODER": None, "RAG_GENERATOR": None}


@pytest.mark.slow
def test_the_app_runs_from_the_bundle_alone(bundle, app_server):
    from gradio_client import Client

    env = {k: v for k, v in {**os.environ, **_bundle_env()}.items() if v is not None}
    where = subprocess.run([sys.executable, "-c", "import rag, app; print(rag.__file__); print(app.__file__)"],
                           cwd=bundle, env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    assert all(Path(line).resolve().is_relative_to(bundle.resolve()) for line in where.stdout.split())
    server = app_server(bundle, _bundle_env())
    out = Client(server.url, verbose=False).predict("香港有多少家初創企業？", [], api_name="/chat")
    assert "4700" in out["answer"] and out["citations"]


def test_the_command_line_writes_the_bundle(tmp_path, capsys):
    from rag.__main__ import main

    assert main(["space", str(tmp_path / "out")]) == 0
    assert "files ->" in capsys.readouterr().out and (tmp_path / "out" / "README.md").is_file()


def test_upload_creates_a_gradio_space_and_sends_the_folder_in_one_commit(tmp_path, monkeypatch):
    import huggingface_hub

    from rag.space import deploy

    calls = []

    class RecordingApi:  # the Hub is out of reach here: record what would be sent
        def __init__(self, token):
            calls.append(("token", token))

        def create_repo(self, repo_id, **kw):
            calls.append(("create", repo_id, kw["repo_type"], kw["space_sdk"], kw["exist_ok"]))

        def upload_folder(self, **kw):
            calls.append(("upload", kw["repo_id"], kw["repo_type"], Path(kw["folder_path"]), kw["delete_patterns"]))
            return type("CommitInfo", (), {"commit_url": "https://huggingface.co/spaces/me/qa/commit/1"})()

    monkeypatch.setattr(huggingface_hub, "HfApi", RecordingApi)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with pytest.raises(SpaceError, match="HF_TOKEN"):
        deploy(tmp_path / "a", "me/qa")
    assert not (tmp_path / "a").exists()  # refused before anything is built
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    assert deploy(tmp_path / "b", "me/qa").endswith("/commit/1")
    assert calls == [("token", "hf_test"), ("create", "me/qa", "space", "gradio", True),
                     ("upload", "me/qa", "space", tmp_path / "b", ["*"])]
