"""Reflect at 10,000 and 100,000 entries, through the real window and the real command line.

For each size: the cached benchmark journal (see ``journal_cache.py``) is copied to a
temporary folder; ``window_probe.py`` drives the real window over the copy in its own process
(saving, unlocking, scrolling, searching, and its peak memory); then the command line is timed
against its floor, ``reflect list | head`` is checked for a quiet exit, and import and export
run in child processes whose time and peak memory are read. Prints a Markdown table per size
and the machine; exits 1 when a goal is missed.

    .venv/bin/python benchmarks/scale_bench.py                     # 10,000 and 100,000
    .venv/bin/python benchmarks/scale_bench.py --entries 10000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench
import journal_cache

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MB = "MB"

# Key derivation and one bare full-text query: what any `reflect search` must at least do.
FLOOR = """
import sys
from pathlib import Path
import sqlcipher3
from reflect.store import layout
folder, word = Path(sys.argv[1]), sys.argv[2]
key = layout.derive_data_key(folder, passphrase=sys.argv[3])
conn = sqlcipher3.connect(str(layout.db_path(folder)))
conn.execute(f"PRAGMA key = \\"x'{key.hex()}'\\"")
rows = conn.execute("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? LIMIT 50",
                    (word,)).fetchall()
print(len(rows))
"""
IMPORT = """
import sys, time
from pathlib import Path
from reflect.journal import interchange
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
journal = Journal.create(Path(sys.argv[1]), "a benchmark passphrase, long enough",
                         KdfParams.cheap())[0]
start = time.perf_counter()
report = interchange.import_file(journal, Path(sys.argv[2]))
print(time.perf_counter() - start, report.imported)
journal.close()
from window_probe import peak_rss_mb
print(peak_rss_mb())
"""
EXPORT = """
import sys, time
from pathlib import Path
from reflect.journal import interchange
from reflect.journal.journal import Journal
journal = Journal.unlock(Path(sys.argv[1]), passphrase="a benchmark passphrase, long enough")
start = time.perf_counter()
count = interchange.export_jsonl(journal, Path(sys.argv[2]))
print(time.perf_counter() - start, count)
journal.close()
from window_probe import peak_rss_mb
print(peak_rss_mb())
"""


@dataclass
class Row:
    what: str
    shown: str
    goal: str = ""
    met: bool | None = None  # None: reported, no goal


def seconds_text(s: float) -> str:
    return f"{s:.2f} s" if s >= 1 else f"{s * 1000:.0f} ms"


def child_env(home: Path) -> dict[str, str]:
    """Settings, logs and caches of the children go to a throwaway folder, never the user's."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REFLECT_PASSPHRASE": bench.PASSPHRASE,
            "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
            "XDG_CACHE_HOME": str(home), "XDG_STATE_HOME": str(home),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE), os.environ.get("PYTHONPATH", "")])}


def run_child(command: list[str], env: dict[str, str]) -> tuple[str, float, float]:
    """stdout, wall seconds and the child's peak RSS (MB) from ``os.wait4``, which on Linux
    includes the parent's peak: the children report their own (``window_probe.peak_rss_mb``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise RuntimeError(f"{' '.join(command[:4])}… failed ({child.returncode}): "
                               f"{err.read()[-1500:]}")
        return out.read(), seconds, usage.ru_maxrss / 1024


def median_child(command: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(run_child(command, env)[1] for _ in range(runs))


def window_rows(folder: Path, env: dict[str, str], runs: int, budget: float) -> list[Row]:
    out, _, peak = run_child([sys.executable, str(HERE / "window_probe.py"), str(folder),
                              "--runs", str(runs), "--scroll-budget", str(budget)], env)
    w = json.loads(out.strip().splitlines()[-1])
    peak = w.get("peak_rss_mb", peak)  # its own high-water mark (see window_probe.peak_rss_mb)
    pages = w["page_s"]
    worst = max(pages, key=pages.get)
    scroll = w["scroll"]
    rows = [
        Row("save an entry in the editor (Ctrl+S → the list shows it)",
            seconds_text(w["save_s"]), "< 30 ms", w["save_s"] < 0.030),
        Row("passphrase submitted → Home painted (Argon2id 64 MiB, t=3, p=4)",
            f"{seconds_text(w['unlock_s'])} (shell built at {seconds_text(w['unlock_shell_s'])})",
            "< 0.5 s", w["unlock_s"] < 0.5),
        Row("one more page while scrolling the journal list (worst of start, a third, end)",
            f"{seconds_text(pages[worst])} at {worst} ("
            + ", ".join(f"{k} (row {w['page_rows'][k]:,}"
                        + (", not reached in the budget" if k in w.get("page_short", []) else "")
                        + f"): {v * 1000:.0f} ms" for k, v in pages.items()) + ")",
            "< 20 ms anywhere", pages[worst] < 0.020),
    ]
    if scroll["finished"]:
        shown = f"{seconds_text(scroll['seconds'])} ({scroll['presses']} × End)"
    else:
        shown = (f"> {seconds_text(scroll['seconds'])} (stopped at {scroll['rows']:,} of "
                 f"{scroll['total']:,} rows)")
    rows.append(Row("scroll the whole list (End on the scroll bar until the last entry shows)",
                    shown, "< 10 s", scroll["finished"] and scroll["seconds"] < 10))
    rows.append(Row("typed query → results painted (typing delay included)",
                    seconds_text(w["typed_query_s"]), "< 80 ms", w["typed_query_s"] < 0.080))
    for label, found in w["search"].items():
        count = (f"more than {found['total']:,}" if found["capped"]
                 else f"{found['total']:,}")
        phrase = label == "a phrase"
        rows.append(Row(f"search {label}, in process: `{found['query']}` ({count} matches)",
                        seconds_text(found["seconds"]), "" if phrase else "< 20 ms",
                        None if phrase else found["seconds"] < 0.020))
    rows.append(Row("window: peak memory after unlock", f"{w['rss_after_unlock_mb']:.0f} {MB} "
                    f"(resident then {w['rss_now_after_unlock_mb']:.0f} {MB})"))
    rows.append(Row("window: peak memory after scrolling",
                    f"{w['rss_after_scroll_mb']:.0f} {MB} (resident then "
                    f"{w['rss_now_after_scroll_mb']:.0f} {MB}; whole run {peak:.0f} {MB})"))
    return rows


def cli_rows(count: int, folder: Path, env: dict[str, str], runs: int,
             work: Path) -> list[Row]:
    floor = work / "floor.py"
    floor.write_text(FLOOR)
    search = [sys.executable, "-m", "reflect", "--journal", str(folder), "search", bench.RARE]
    whole = median_child(search, env, runs)
    bare = median_child([sys.executable, str(floor), str(folder), bench.RARE,
                         bench.PASSPHRASE], env, runs)
    ratio = whole / bare
    # Every entry, so that the output is far more than a pipe holds and head closes it early.
    piped = subprocess.run(["bash", "-c", f'"{sys.executable}" -m reflect --journal '
                            f'"{folder}" list --limit {count + 100} | head -3 >/dev/null; '
                            'echo "${PIPESTATUS[0]}"'],
                           env=env, capture_output=True, text=True, check=False)
    code = piped.stdout.strip().splitlines()[-1] if piped.stdout.strip() else "?"
    trouble = [line for line in piped.stderr.splitlines()
               if any(w in line.lower() for w in ("pipe", "error", "traceback"))]
    quiet = code == "0" and not trouble
    said = trouble[0][:60] if trouble else "no error on stderr"
    return [
        Row(f"`reflect search {bench.RARE}`, whole process, against its floor",
            f"{seconds_text(whole)} / {seconds_text(bare)} = {ratio:.2f}×", "< 1.10×",
            ratio < 1.10),
        Row("`reflect list \\| head`: exit code", f"{code} ({said.replace('|', '/')})",
            "0, quiet", quiet),
    ]


def interchange_rows(count: int, home: Path, folder: Path, env: dict[str, str],
                     work: Path) -> list[Row]:
    importer, exporter = work / "import.py", work / "export.py"
    importer.write_text(IMPORT)
    exporter.write_text(EXPORT)
    out, _, _ = run_child([sys.executable, str(importer), str(work / "imported"),
                           str(home / "entries.jsonl")], env)
    import_s, imported, peak_in_text = out.split()
    peak_in = float(peak_in_text)
    rate = int(imported) / float(import_s)
    out, _, _ = run_child([sys.executable, str(exporter), str(folder),
                           str(work / "export.jsonl")], env)
    export_s, exported, peak_out_text = out.split()
    peak_out = float(peak_out_text)
    return [
        Row(f"import {int(imported):,} entries (JSON Lines)",
            f"{seconds_text(float(import_s))}, {rate:,.0f} entries/s", "≥ 10,000 entries/s",
            rate >= 10_000),
        Row("import: peak memory of the process", f"{peak_in:.0f} {MB}", "< 300 MB",
            peak_in < 300),
        Row(f"export {int(exported):,} entries (JSON Lines)", seconds_text(float(export_s))),
        Row("export: peak memory of the process", f"{peak_out:.0f} {MB}", "< 300 MB",
            peak_out < 300),
    ]


def table(count: int, runs: int, rows: list[Row], seconds: float) -> str:
    lines = [f"### {count:,} entries", "",
             f"Median of {runs} run{'s' * (runs != 1)} where repeated; this size took "
             f"{seconds:.0f} s.", "", "| what the user waits for | measured | goal | met |",
             "|---|---|---|---|"]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.what} | {row.shown} | {row.goal} | {met} |")
    return "\n".join(lines)


def one_size(count: int, args) -> tuple[str, bool]:
    start = time.perf_counter()
    home = journal_cache.cached(count, args.cache, log=lambda m: print(m, file=sys.stderr))
    with tempfile.TemporaryDirectory(prefix="reflect-scale-") as tmp:
        work = Path(tmp)
        env = child_env(work / "home")
        folder = journal_cache.working_copy(home, work / "journal",
                                            log=lambda m: print(m, file=sys.stderr))
        rows = window_rows(folder, env, args.runs, args.scroll_budget)
        rows += cli_rows(count, folder, env, args.runs, work)
        rows += interchange_rows(count, home, folder, env, work)
    text = table(count, args.runs, rows, time.perf_counter() - start)
    return text, all(row.met is not False for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[10_000, 100_000],
                        metavar="N", help="journal sizes (default: 10000 100000)")
    parser.add_argument("--runs", type=int, default=3, metavar="N")
    parser.add_argument("--scroll-budget", type=float, default=120.0, metavar="SECONDS",
                        help="stop scrolling the whole list after this long (default 120)")
    parser.add_argument("--cache", type=Path, default=journal_cache.DEFAULT_CACHE,
                        help="where built journals are kept (default benchmarks/.cache)")
    args = parser.parse_args(argv)
    if min(args.entries) < 300 or args.runs < 1:
        parser.error("need at least 300 entries and 1 run")
    met = True
    for count in args.entries:
        text, ok = one_size(count, args)
        print(text + "\n", flush=True)
        met = met and ok
    print(f"Machine: {bench.machine()}.")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
