"""THIRD_PARTY_NOTICES.md names every package the app needs at run time, on every platform,
with the licence the package's own metadata declares; an installer cannot ship without it."""

from __future__ import annotations

import itertools
import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "THIRD_PARTY_NOTICES.md"
RUNTIME = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "dependencies"]
ENVIRONMENTS = [
    {"sys_platform": platform, "platform_system": system, "python_version": python,
     "python_full_version": f"{python}.0", "extra": ""}
    for (platform, system), python in itertools.product(
        [("linux", "Linux"), ("win32", "Windows"), ("darwin", "Darwin")],
        ["3.11", "3.12", "3.13"])
]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def notice_rows() -> dict[str, str]:
    """Package name -> the licence cell of its row in the first table."""
    rows = {}
    for line in NOTICES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`"):
            for name in re.findall(r"`([^`]+)`", cells[0]):
                rows[normal(name)] = cells[1]
    return rows


def needed(requirements: list[str]) -> set[str]:
    """Names a requirement list pulls in on any supported platform and Python."""
    names = set()
    for line in requirements:
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate(env) for env in ENVIRONMENTS):
            names.add(normal(req.name))
    return names


def closure() -> dict[str, metadata.Distribution | None]:
    """Every package reached from pyproject's runtime requirements; None where a package is
    not installed here (a Windows-only one on Linux, say) and so has no metadata to read."""
    found: dict[str, metadata.Distribution | None] = {}
    todo = sorted(needed(RUNTIME))
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = None
            continue
        found[name] = dist
        todo.extend(needed(dist.requires or []) - found.keys())
    return found


def test_every_runtime_requirement_is_in_the_notices():
    rows = notice_rows()
    missing = sorted(needed(RUNTIME) - rows.keys())
    assert not missing, f"add these to THIRD_PARTY_NOTICES.md: {missing}"


def test_every_package_they_pull_in_is_in_the_notices_with_its_declared_licence():
    rows = notice_rows()
    found = closure()
    assert normal("sqlcipher3") in found and normal("PySide6-Essentials") in found
    missing = sorted(set(found) - rows.keys())
    assert not missing, f"add these to THIRD_PARTY_NOTICES.md: {missing}"
    for name, dist in found.items():
        declared = dist and dist.metadata.get("License-Expression")
        if declared:
            assert declared in rows[name], f"{name} declares {declared}, notices say {rows[name]}"


def test_notices_cover_what_is_not_a_python_package():
    text = NOTICES.read_text(encoding="utf-8")
    for part in ("SQLCipher", "OpenSSL", "SQLite", "LGPL-3.0", "resources/fonts/LICENSE-DejaVu.txt",
                 "ammonia", "CPython", "PyInstaller"):
        assert part in text, part
    assert (ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert "Reflect contributors" in (ROOT / "LICENSE").read_text(encoding="utf-8")
