"""Architecture rules that a reviewer would otherwise have to remember.

Every import counts: module level, inside functions and under ``if TYPE_CHECKING:``. A
type-only import still couples two modules, and hiding one in a function only hides a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reflect"
QT = {"PySide6", "shiboken6"}
SQL = {"sqlalchemy", "sqlcipher3", "sqlite3", "sqlmodel", "alembic"}
DOMAIN = ("common", "content", "store", "journal", "supervision", "profile", "safety", "pdf",
          "demo", "spelling", "coaching", "feedback", "privacy", "climate")


def module_name(path: Path) -> str:
    """``reflect/x/y.py`` is ``reflect.x.y``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = package_modules()


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The module an ``ImportFrom`` names, with relative imports made absolute."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(path: Path, known: Mapping[str, Path] = MODULES) -> set[str]:
    """Every module ``path`` imports, anywhere in the file. ``from reflect.x import y`` is
    ``reflect.x.y`` when that is a module, else ``reflect.x``."""
    importer = module_name(path) if path.is_relative_to(PACKAGE) else ""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, importer, path.name == "__init__.py")
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                names.add(submodule if submodule in known else source)
    return names


def import_graph() -> dict[str, set[str]]:
    """reflect module -> the reflect modules it imports."""
    return {name: {m for m in imported_modules(path) if m in MODULES and m != name}
            for name, path in MODULES.items()}


def strongly_connected(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so a deep graph cannot hit the recursion limit. Returns
    each component of more than one node (or a node importing itself), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return sorted(found)


def _folder(module: str) -> str:
    """The feature folder of a reflect module: ``reflect.pdf.radar`` is ``pdf``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _reflect_imports(folder: str) -> dict[str, set[str]]:
    """For each module in ``reflect/<folder>``, the reflect modules it imports."""
    return {name: {m for m in imported_modules(path) if m.split(".")[0] == "reflect"}
            for name, path in MODULES.items() if _folder(name) == folder}


def _reaching_outside(folder: str, allowed: set[str]) -> list[str]:
    return [f"{name} imports {module}"
            for name, imports in sorted(_reflect_imports(folder).items())
            for module in sorted(imports) if _folder(module) not in allowed]


def _third_party_offenders(libraries: set[str], home: str) -> list[str]:
    return [f"{name} imports {module}" for name, path in MODULES.items()
            if _folder(name) != home
            for module in sorted(imported_modules(path)) if module.split(".")[0] in libraries]


def test_only_the_ui_package_imports_qt():
    offenders = _third_party_offenders(QT, "ui")
    assert offenders == [], "Qt belongs in reflect/ui only:\n" + "\n".join(offenders)


def test_only_the_store_speaks_sql():
    offenders = _third_party_offenders(SQL, "store")
    assert offenders == [], "SQL belongs in reflect/store only:\n" + "\n".join(offenders)


def test_common_imports_nothing_else_from_reflect():
    offenders = _reaching_outside("common", {"common"})
    assert offenders == [], "reflect/common sits at the bottom:\n" + "\n".join(offenders)


def test_store_imports_only_store_and_common():
    offenders = _reaching_outside("store", {"store", "common"})
    assert offenders == [], "reflect/store reaches up:\n" + "\n".join(offenders)


def test_content_imports_only_content_and_common():
    offenders = _reaching_outside("content", {"content", "common"})
    assert offenders == [], "reflect/content reaches up:\n" + "\n".join(offenders)


def test_pdf_imports_only_pdf_and_common():
    offenders = _reaching_outside("pdf", {"pdf", "common"})
    assert offenders == [], ("reflect/pdf is shared machinery; pass it plain data:\n"
                             + "\n".join(offenders))


def test_no_domain_folder_imports_the_ui():
    offenders = [f"{name} imports {module}" for folder in DOMAIN
                 for name, imports in sorted(_reflect_imports(folder).items())
                 for module in sorted(imports) if _folder(module) == "ui"]
    assert offenders == [], "the domain must run without the UI:\n" + "\n".join(offenders)


def test_the_command_line_opens_the_ui_only_through_the_app():
    offenders = [f"{name} imports {module}"
                 for name, imports in sorted(_reflect_imports("cli").items())
                 for module in sorted(imports)
                 if _folder(module) == "ui" and module != "reflect.ui.app"]
    assert offenders == [], "reflect/cli may only import reflect.ui.app:\n" + "\n".join(offenders)


def test_there_are_no_import_cycles():
    cycles = strongly_connected(import_graph())
    assert cycles == [], "import cycles (move the shared classes below both sides):\n" + "\n".join(
        " <-> ".join(cycle) for cycle in cycles)


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"a"},
             "g": {"g"}, "h": set()}
    assert strongly_connected(graph) == [["a", "b", "c"], ["d", "e"], ["g"]]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_counts_type_only_and_function_imports(tmp_path: Path):
    source = tmp_path / "sample.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from reflect.pdf import radar\n"
                      "def later():\n    from reflect.common.dates import uk_date\n"
                      "from reflect.pdf import not_a_module\n", encoding="utf-8")
    assert {"reflect.pdf.radar", "reflect.common.dates", "reflect.pdf"} <= imported_modules(
        source)


def test_no_module_grows_past_500_lines():
    long = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > 500]
    assert long == [], "split these modules:\n" + "\n".join(long)
