"""What ships: the wheel carries resources/, the licences, the icon and the Linux desktop files,
its dependency set installs from binary wheels on Windows and macOS, and the code style stays
clean."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Oldest macOS that current PySide6 wheels support (they are macosx_13_0_universal2).
PLATFORMS = {"windows x64": "win_amd64", "macos arm64": "macosx_13_0_arm64",
             "macos x86_64": "macosx_13_0_x86_64"}
# What pip prints when it cannot reach the package index at all.
OFFLINE = ("Could not fetch URL", "NewConnectionError", "Network is unreachable",
           "Temporary failure in name resolution", "Max retries exceeded", "ConnectTimeout")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=280)
    return next(out.glob("*.whl"))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_wheel_contains_the_resources(wheel):
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*")
                     if p.suffix in {".toml", ".ttf"})
    assert shipped, "no content in resources/"
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in shipped:
        assert f"reflect/{path}" in names
    assert "reflect/store/migrations/versions/0001_baseline.py" in names


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_wheel_carries_licences_icon_desktop_files_and_a_gui_entry_point(wheel):
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    data = f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.data/data/"
    for path in ("reflect/LICENSE", "reflect/THIRD_PARTY_NOTICES.md",
                 "reflect/resources/icons/reflect.svg", "reflect/resources/icons/reflect.ico",
                 "reflect/resources/icons/reflect.icns",
                 "reflect/resources/icons/reflect-256.png",
                 "reflect/resources/fonts/LICENSE-DejaVu.txt",
                 f"{data}share/applications/reflect.desktop",
                 f"{data}share/metainfo/io.github.reflect.Reflect.metainfo.xml",
                 f"{data}share/icons/hicolor/scalable/apps/reflect.svg",
                 f"{data}share/icons/hicolor/48x48/apps/reflect.png",
                 f"{data}share/icons/hicolor/256x256/apps/reflect.png"):
        assert path in names, path
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "[console_scripts]\nreflect = reflect.cli.main:main" in text
    assert "[gui_scripts]\nreflect-app = reflect.cli.main:gui_main" in text
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    requires = [line for line in archive.read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist:")]
    assert not any("sqlcipher3-binary" in line for line in requires)
    assert any(line.startswith("Requires-Dist: sqlcipher3>=0.6.4") for line in requires)


def _requirements_read_by(python: str) -> list[str]:
    """The runtime requirements with their markers evaluated for another Python: pip reads
    markers with the Python that runs it, whatever ``--python-version`` says."""
    from packaging.requirements import Requirement

    env = {"python_version": python, "python_full_version": f"{python}.0",
           "implementation_name": "cpython", "platform_python_implementation": "CPython"}
    chosen = []
    for line in PYPROJECT["project"]["dependencies"]:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            req.marker = None
            chosen.append(str(req))
    return chosen


def _index_reachable() -> bool:
    """Asked only after a failed resolve: can pip see the releases of the driver?"""
    probe = subprocess.run([sys.executable, "-m", "pip", "--no-cache-dir", "index", "versions",
                            "sqlcipher3"], capture_output=True, text=True, timeout=120)
    return probe.returncode == 0


def _dry_runs(platform: str, target_lists: list[list[str]], tmp_path: Path) -> list[dict]:
    """pip's resolver for ``platform`` and Python 3.12, once per target list, run side by side
    (each is mostly waiting on the index)."""
    runs = []
    for n, targets in enumerate(target_lists):
        folder = tmp_path / str(n)
        folder.mkdir(parents=True)
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                   "--quiet", "--target", str(folder / "target"), "--platform", platform,
                   "--python-version", "3.12", "--only-binary=:all:",
                   "--report", str(folder / "report.json"), *targets]
        runs.append((folder, subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.PIPE, text=True)))
    reports = []
    for folder, process in runs:
        _, stderr = process.communicate(timeout=500)
        if process.returncode != 0 and (any(sign in stderr for sign in OFFLINE)
                                        or not _index_reachable()):
            pytest.skip("the package index cannot be reached from here")
        errors = [line for line in stderr.splitlines() if line.startswith("ERROR")]
        assert process.returncode == 0, "\n".join(errors) or stderr[-2000:]
        reports.append(json.loads((folder / "report.json").read_text()))
    return reports


def _check_binary_set(report: dict, platform: str) -> dict[str, str]:
    picked = {item["metadata"]["name"].lower().replace("_", "-"):
              item["download_info"]["url"].rsplit("/", 1)[-1] for item in report["install"]}
    assert all(name.endswith(".whl") for name in picked.values()), picked
    for native in ("sqlcipher3", "pyside6-essentials", "cryptography", "argon2-cffi-bindings"):
        assert native in picked, f"{native} is not in the set for {platform}"
        assert not picked[native].endswith("-any.whl"), picked[native]
    assert "sqlcipher3-binary" not in picked
    return picked


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("platform", PLATFORMS.values(), ids=PLATFORMS.keys())
def test_dependencies_resolve_with_binary_wheels_only(platform, wheel, tmp_path):
    """`pip install reflect-journal` on Windows and macOS needs no compiler: every
    dependency, the SQLCipher driver above all, comes as a wheel for Python 3.12 there. The
    wheel is read with this Python's markers; the requirement list is read as 3.12 reads it
    (PySide6 unpinned), so both branches of the PySide6 marker are resolved."""
    targets = [[str(wheel)]]
    if sys.version_info < (3, 12):
        targets.append(_requirements_read_by("3.12"))
    reports = _dry_runs(platform, targets, tmp_path)
    assert "reflect-journal" in _check_binary_set(reports[0], platform)
    for report in reports[1:]:
        _check_binary_set(report, platform)


def test_pyside6_is_pinned_below_6_12_for_python_3_11_only():
    """6.12.0 corrupts Python 3.11 (tests/ui/test_qt_binding.py); 3.12+ has an immortal None."""
    py311, py312 = _requirements_read_by("3.11"), _requirements_read_by("3.12")
    assert [r for r in py311 if r.startswith("PySide6")] == ["PySide6-Essentials<6.12,>=6.6"]
    assert [r for r in py312 if r.startswith("PySide6")] == ["PySide6-Essentials>=6.6"]


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is part of the [test] extra)")
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
