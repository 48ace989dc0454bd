"""A Hugging Face Space bundle: exactly the files a Gradio Space runs, written into a folder and optionally uploaded.

The bundle is ``app.py``, the ``rag`` package, the prebuilt ``index/``, ``requirements.txt`` (the light default
dependencies), ``.gitattributes`` (every binary through LFS / Xet) and a ``README.md`` whose front matter tells
the Hub how to run it. Tests, evaluation and docs stay behind. ``python -m rag space DIR [--repo ID]``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from .config import PACKAGE_DIR
from .corpus import ARTICLE_META

ROOT = PACKAGE_DIR.parent
FILES = ("app.py", "requirements.txt", ".gitattributes")
TREES = ("rag", "index")
SKIPPED = ("__pycache__", "*.pyc", ".DS_Store")
PYTHON_VERSION = "3.11"
HUB_FILE_LIMIT = 10 * 1000**2  # a file above this must go through LFS / Xet
HUB_LFS_LIMIT = 50 * 1000**3


class SpaceError(RuntimeError):
    """The bundle cannot be built or uploaded; the message says what to do."""


def _gradio_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gradio")
    except PackageNotFoundError:
        raise SpaceError("gradio is not installed: pip install -e . (the Space's sdk_version is taken from it)") \
            from None


def front_matter(gradio_version: str) -> dict[str, str]:
    """The Space's configuration (https://huggingface.co/docs/hub/spaces-config-reference)."""
    return {
        "title": "Article QA · 創科篇",
        "emoji": "📰",
        "colorFrom": "red",
        "colorTo": "yellow",
        "sdk": "gradio",
        "sdk_version": gradio_version,
        "app_file": "app.py",
        "python_version": PYTHON_VERSION,
        "license": "mit",
        "short_description": "Cited answers about a Ta Kung Pao feature on HK innovation",
    }


def _yaml_value(value: str) -> str:
    # quoted so that versions such as 3.11 stay strings
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def space_readme(gradio_version: str) -> str:
    meta = "\n".join(f"{k}: {_yaml_value(v)}" for k, v in front_matter(gradio_version).items())
    return (
        f"---\n{meta}\n---\n\n# {ARTICLE_META['title']}\n\n"
        f"Ask about this article ({ARTICLE_META['outlet']}, {ARTICLE_META['column']}, {ARTICLE_META['author']}) "
        "in Traditional or Simplified Chinese, Cantonese or English: the answer quotes the sentence it comes from "
        "and cites the passage as [n]; the article is shown beside the chat. Runs on CPU basic with no network.\n\n"
        "Space variables: `RAG_ENCODER=st:<model>` (a hub encoder: add `sentence-transformers` to "
        "requirements.txt), `RAG_GENERATOR=openai:<model>` with an `OPENAI_API_KEY` secret, or "
        "`RAG_GENERATOR=hf:<model>` with an `HF_TOKEN` secret.\n"
    )


def _copy_tree(src: Path, dest: Path) -> None:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(*SKIPPED), dirs_exist_ok=True)


def _check_sources(root: Path) -> None:
    missing = [name for name in (*FILES, *TREES) if not (root / name).exists()]
    if missing:
        raise SpaceError(f"{root} lacks {', '.join(missing)}: build the Space from a source checkout")
    if not (root / "index" / "manifest.json").exists():
        raise SpaceError(f"{root / 'index'} holds no index: run python -m rag build first")


def build_bundle(dest: Path | str, root: Path = ROOT) -> list[Path]:
    """Write the Space's files into ``dest`` (emptied first when it is a previous bundle); returns them."""
    dest = Path(dest)
    _check_sources(root)
    if dest.exists() and any(dest.iterdir()):
        if not (dest / "README.md").exists() or not (dest / "app.py").exists():
            raise SpaceError(f"{dest} is not empty and is not a Space bundle: give an empty or new folder")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy2(root / name, dest / name)
    for name in TREES:
        _copy_tree(root / name, dest / name)
    (dest / "README.md").write_text(space_readme(_gradio_version()), encoding="utf-8")
    files = sorted(p for p in dest.rglob("*") if p.is_file())
    check_sizes(files)
    return files


def check_sizes(files: Iterable[Path]) -> None:
    too_big = [f"{p} ({p.stat().st_size:,} bytes)" for p in files if p.stat().st_size > HUB_LFS_LIMIT]
    if too_big:
        raise SpaceError(f"over the Hub's {HUB_LFS_LIMIT:,}-byte file limit: {', '.join(too_big)}")


def upload_bundle(folder: Path | str, repo_id: str, token: str, *, private: bool = False) -> str:
    """Create the Space if needed and upload ``folder`` as one commit; returns the commit's URL."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type="space", space_sdk="gradio", private=private, exist_ok=True)
    info = api.upload_folder(folder_path=str(folder), repo_id=repo_id, repo_type="space",
                             commit_message="Deploy the article QA app", delete_patterns=["*"])
    return str(getattr(info, "commit_url", info))


def deploy(dest: Path | str, repo_id: str | None = None) -> str:
    """``python -m rag space``: build the bundle and, given a Space id, upload it with the HF_TOKEN token."""
    import os

    token = os.environ.get("HF_TOKEN")
    if repo_id and not token:
        raise SpaceError("set HF_TOKEN to a token with write access to upload the Space")
    files = build_bundle(dest)
    done = f"{len(files)} files -> {dest}"
    return f"{done}\n{upload_bundle(dest, repo_id, token)}" if repo_id else done
