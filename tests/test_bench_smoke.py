"""The benchmark still runs: a small journal, one run, a table on stdout."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.mark.slow
def test_benchmark_runs_on_a_small_journal():
    done = subprocess.run([sys.executable, str(BENCH), "--entries", "300", "--runs", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr  # 1: a goal missed, which is a finding
    assert "Traceback" not in done.stderr
    assert "| measure | median | goal | met |" in done.stdout
    assert "Journal of 300 entries; median of 1 run." in done.stdout
    for measure in ("import 300 entries", "unlock", "first page", "kaleidoscope' (3 matches)",
                    "save an entry", "whole process"):
        assert measure in done.stdout
    assert "Machine: " in done.stdout
