"""The house drawn from the imports: floors, no import back up, wiring that stays wiring, tuning in one place."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAG = ROOT / "rag"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules ``path`` imports at module level (imports inside functions are deferred on purpose)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                out.add(full if full in modules else target)
    return {m for m in out if m in modules and m != name}


def _room(module: str) -> str:
    """A subpackage is one room of the house: rag.answer.span is rag.answer."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else module


def _graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports, subpackages taken whole."""
    files = [*RAG.rglob("*.py"), ROOT / "app.py"]
    modules = {_module_name(f) for f in files}
    graph: dict[str, set[str]] = {}
    for f in files:
        room = _room(_module_name(f))
        graph.setdefault(room, set()).update(_room(m) for m in _imports(f, modules))
    return {m: deps - {m} for m, deps in graph.items()}


def floors(graph: dict[str, set[str]]) -> dict[str, int]:
    """Each module's floor: 0 for one importing no project module, else one above its highest import. Raises
    on an import cycle (a module reaching back up the flow)."""
    out: dict[str, int] = {}
    visiting: set[str] = set()

    def floor(m: str) -> int:
        if m in out:
            return out[m]
        assert m not in visiting, f"import cycle through {m}"
        visiting.add(m)
        out[m] = 1 + max((floor(d) for d in graph[m] if d != "rag"), default=-1)
        visiting.discard(m)
        return out[m]

    for m in graph:
        floor(m)
    return out


def test_the_house_has_at_most_six_floors_and_no_cycle():
    levels = floors(_graph())
    assert max(levels.values()) + 1 <= 6, sorted(levels.items(), key=lambda kv: kv[1])
    # the flow: question understanding below retrieval, the two answerers side by side, the wiring on top
    assert levels["rag.question"] < levels["rag.retrieval"] < levels["rag.pipeline"]
    assert levels["rag.answer"] < levels["rag.pipeline"] and levels["rag.generate"] < levels["rag.pipeline"]
    graph = _graph()
    assert "rag.answer" not in graph["rag.generate"] and "rag.generate" not in graph["rag.answer"]


def test_pipeline_only_wires():
    assert len((RAG / "pipeline.py").read_text(encoding="utf-8").splitlines()) <= 150


TUNED = [RAG / "evidence.py", RAG / "retrieval.py", *sorted((RAG / "answer").glob("*.py"))]


def _is_index(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """An index or position (t[i : i + 2], m.group(2)) or a display precision (round(p, 4)): not tuning."""
    parent = parents.get(node)
    while isinstance(parent, (ast.UnaryOp, ast.BinOp)):
        parent = parents.get(parent)
    if isinstance(parent, (ast.Subscript, ast.Slice)):
        return True
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "round":
        return True
    return isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and \
        parent.func.attr in ("group", "start", "end", "span")


def test_no_tuning_literal_outside_the_tuning_module():
    """Every weight, threshold and count of retrieval and answering lives in rag/tuning.py with its reason."""
    found = []
    for path in TUNED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value not in (0, 1):
                if not _is_index(node, parents):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert not found, found
