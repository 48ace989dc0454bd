"""The default install stays light: what pip would resolve for `.` and for the Space's requirements.txt.

``pip --isolated`` ignores this machine's pip configuration (local wheel directories, constraints) and
resolves against PyPI as a new user's machine would; ``--dry-run --report`` resolves without installing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = re.compile(r"^(torch|torchvision|torchaudio|triton|nvidia-.*|transformers|sentence-transformers)$")


def _pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=10) as resp:
            return resp.status == 200
    except OSError:
        return False


def _resolved(tmp_path: Path, *target: str) -> list[str]:
    report = tmp_path / "report.json"
    cmd = [sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--ignore-installed", "--quiet",
           "--report", str(report), *target]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = json.loads(report.read_text(encoding="utf-8"))["install"]
    return sorted(item["metadata"]["name"].lower().replace("_", "-") for item in items)


@pytest.mark.slow
@pytest.mark.parametrize("target", [(".",), ("-r", "requirements.txt")], ids=["project", "requirements.txt"])
def test_the_default_install_resolves_no_torch(tmp_path, target):
    if not _pypi_reachable():
        pytest.skip("pypi.org cannot be reached: the dry-run resolution needs the public index")
    names = _resolved(tmp_path, *target)
    assert "gradio" in names and "faiss-cpu" in names
    assert [n for n in names if HEAVY.match(n)] == []


def _requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def test_requirements_txt_lists_the_project_dependencies():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert sorted(_requirement_lines(ROOT / "requirements.txt")) == sorted(deps), \
        "requirements.txt (for the Space) must mirror pyproject's [project].dependencies"


def test_torch_is_only_in_the_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if HEAVY.match(re.split(r"[<>=!~\[ ;]", d)[0])]
    extras = project["optional-dependencies"]
    assert "torch==2.13.0" in extras["st"] and "torch==2.13.0" in extras["llm"]
    assert any(d.startswith("article-rag[st]") for d in extras["test"])
