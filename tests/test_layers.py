"""Architecture rules that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reflect"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules_outside(folder: str):
    for path in PACKAGE.rglob("*.py"):
        if folder not in path.relative_to(PACKAGE).parts[:1]:
            yield path


def test_only_the_ui_package_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules_outside("ui")
                 if any(m.split(".")[0] in {"PySide6", "shiboken6"} for m in imported_modules(p))]
    assert offenders == []


def test_only_the_store_speaks_sql():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules_outside("store")
                 if any(m.split(".")[0] in {"sqlalchemy", "sqlcipher3", "sqlite3", "sqlmodel"}
                        for m in imported_modules(p))]
    assert offenders == []


def test_store_and_prompts_never_reach_up():
    for layer in ("store", "content"):
        for path in (PACKAGE / layer).rglob("*.py"):
            ups = {m for m in imported_modules(path) if m.startswith("reflect.")
                   and m.split(".")[1] not in {layer, "store", "common"}}
            assert ups == set(), f"{path.name} imports {ups}"


def test_no_module_grows_past_500_lines():
    long = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > 500]
    assert long == []
