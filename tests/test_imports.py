"""The import graph of evalkit: no circle, argparse only under evalkit/cli/, no library module
importing the CLI.

The graph is read with `ast`, not by importing: every `import` counts, at module level, inside a
function and under `if TYPE_CHECKING:` alike, because each of them ties the two modules together
for a reader even when Python happens to resolve the circle at run time. An edge goes to the
module an import names (`from evalkit.metrics import base` -> evalkit.metrics.base,
`from evalkit.metrics import METRICS` -> evalkit.metrics); the parent packages Python imports on
the way are not edges. The registries' "module:Class" strings are lazy look-ups, not imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "evalkit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _package_of(name: str) -> list[str]:
    """The package a relative import in module `name` starts from."""
    is_package = MODULES[name].name == "__init__.py"
    return name.split(".") if is_package else name.split(".")[:-1]


def imported_names(name: str) -> set[str]:
    """Every dotted name module `name` imports, anywhere in its body (stdlib and third party too);
    `from a.b import c` gives a.b.c, which may be a module or a name defined in a.b."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _package_of(name)[:len(_package_of(name)) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _evalkit_module(dotted: str) -> str | None:
    """The evalkit module a dotted import name refers to: the longest prefix that is one."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in MODULES:
            return ".".join(parts[:end])
    return None


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name in MODULES:
        targets = {_evalkit_module(dotted) for dotted in imported_names(name)}
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of `graph` as [a, b, ..., a], or None (depth-first, in sorted order)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                done.add(path.pop())
            elif child in path:
                return path[path.index(child):] + [child]
            elif child not in done:
                path.append(child)
                stack.append(iter(sorted(graph[child])))
    return None


def test_the_cycle_finder_finds_a_circle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_function_level_and_type_checking_imports():
    graph = import_graph()
    assert "evalkit.pipeline" in graph["evalkit"]                  # from .pipeline import RunOptions
    assert "evalkit.metrics.base" in graph["evalkit.metrics"]      # from .base import ...
    assert "evalkit.detectors" in graph["evalkit.pipeline"]        # inside _detectors()
    assert "evalkit.corpus" in graph["evalkit.engine"]             # under `if TYPE_CHECKING:`
    assert "evalkit.mdtext" in graph["evalkit.report.markdown"]    # from .. import mdtext
    assert len(graph) == len(MODULES) > 50


def test_evalkit_has_no_import_circle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_argparse_only_under_evalkit_cli():
    outside = sorted(name for name in MODULES
                     if not name.startswith("evalkit.cli")
                     and any(d.split(".")[0] == "argparse" for d in imported_names(name)))
    assert outside == []


def test_no_library_module_imports_the_cli():
    importers = sorted(name for name in MODULES if not name.startswith("evalkit.cli") and name != "evalkit.__main__"
                       and any(_evalkit_module(d) and _evalkit_module(d).startswith("evalkit.cli")
                               for d in imported_names(name)))
    assert importers == []
