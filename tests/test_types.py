"""The type checker, run the way CI runs everything: through pytest.

mypy reads its settings ([tool.mypy] in pyproject.toml: which files, which checks) from the
repository root, so this runs it there with no arguments of its own.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(300)
def test_mypy_is_clean():
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is part of the [test] extra)")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True, timeout=280)
    assert result.returncode == 0, result.stdout + result.stderr
