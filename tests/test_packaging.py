"""What ships: the wheel carries resources/, and the code style stays clean."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_wheel_contains_the_resources(tmp_path):
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*")
                     if p.suffix in {".toml", ".ttf"})
    assert shipped, "no content in resources/"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True, timeout=280)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in shipped:
        assert f"reflect/{path}" in names
    assert "reflect/store/migrations/versions/0001_baseline.py" in names


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is part of the [test] extra)")
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
