"""docs/architecture.md is the map of the code; a map with missing or invented rooms misleads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
NAMED = re.compile(r"`((?:reflect|tests|resources|benchmarks)(?:/[\w.]+)*/?)`")


def named_paths() -> set[str]:
    return set(NAMED.findall(DOC.read_text(encoding="utf-8")))


def test_every_folder_and_file_the_map_names_exists():
    missing = sorted(p for p in named_paths() if not (ROOT / p).exists())
    assert missing == []


def test_every_package_folder_is_on_the_map():
    named = {p.rstrip("/") for p in named_paths()}
    inits = (ROOT / "reflect").rglob("__init__.py")
    folders = {str(init.parent.relative_to(ROOT)) for init in inits
               if "migrations" not in init.parts and init.parent != ROOT / "reflect"}
    assert sorted(folders - named) == []


def test_the_check_can_fail(tmp_path):
    assert not (ROOT / "reflect/no_such_room").exists()
    assert "reflect/no_such_room/" in NAMED.findall("see `reflect/no_such_room/`")
