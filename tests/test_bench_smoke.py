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


SCALE = BENCH.parent / "scale_bench.py"


@pytest.mark.slow
@pytest.mark.timeout(320)
def test_window_benchmark_runs_on_a_small_journal(tmp_path):
    """The window benchmark drives the real window over a few hundred entries, once: it must
    still find every widget it presses keys in (timings are not checked: they are findings)."""
    done = subprocess.run([sys.executable, str(SCALE), "--entries", "300", "--runs", "1",
                           "--scroll-budget", "30", "--cache", str(tmp_path / "cache")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "### 300 entries" in done.stdout
    assert "| what the user waits for | measured | goal | met |" in done.stdout
    for row in ("save an entry in the editor", "passphrase submitted → Home painted",
                "one more page while scrolling", "scroll the whole list",
                "typed query → results painted", "search a common word",
                "search a three-word query", "search a phrase", "window: peak memory after unlock",
                "window: peak memory after scrolling", "whole process, against its floor",
                "`reflect list \\| head`: exit code", "import 300 entries",
                "import: peak memory", "export: peak memory"):
        assert row in done.stdout, row
    assert "Machine: " in done.stdout
    assert list((tmp_path / "cache").glob("300-*/done.json")), "the journal is cached"
    assert list((tmp_path / "cache").glob("300-*/journal-*")), "and its migrated copy"
