"""Reflect at 10,000 entries: how long the things a person waits for take.

Builds a throwaway journal of realistic entries (about 1.5 KB of reflective prose each, over
several years) by importing a generated JSON Lines file, then reports the median of repeated
runs of: unlocking with the default key-derivation cost, the first page of the list, searching
for a rare and a common word, saving an entry, importing the 10,000 entries, and a whole
``reflect search`` process as a shell user runs it.

    .venv/bin/python benchmarks/bench.py                 # 10,000 entries, 7 runs
    .venv/bin/python benchmarks/bench.py --entries 500   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from reflect.common.dates import uk_date
from reflect.journal import interchange
from reflect.journal.journal import Journal
from reflect.store import entries as entry_store
from reflect.store.envelope import KdfParams

PASSPHRASE = "a benchmark passphrase, long enough"
RARE = "kaleidoscope"  # in exactly three entries
COMMON = "team"  # in most of them
FIRST_DAY, LAST_DAY = date(2021, 1, 4), date(2025, 12, 19)

NAMES = ("Kestrel", "Wren", "Osprey", "Heron", "Finch", "Merlin", "Lark", "Plover", "Swift",
         "Curlew", "Dunlin", "Linnet")
TOPICS = ("caseload pressure", "the threshold decision", "placement stability",
          "court timescales", "the strategy meeting", "a complaint from a parent",
          "recording quality", "the audit findings", "reunification planning",
          "the child protection conference", "a missing episode", "contact arrangements",
          "the permanence plan", "sibling assessments", "a difficult home visit",
          "the pre-proceedings letter", "duty week", "the new starter's induction",
          "agency staff turnover", "the Ofsted focused visit", "direct work with a teenager",
          "a disagreement with the IRO", "the team's wellbeing", "exploitation screening")
TAGS = ("supervision", "team", "practice", "wellbeing", "audit", "court", "permanence",
        "leadership", "challenge", "learning", "risk", "partnerships", "recording", "ofsted",
        "induction", "workload", "coaching", "reflection", "conflict", "values")
FEELINGS = ("uneasy", "hopeful", "stretched", "quietly proud", "frustrated", "curious",
            "tired but steady", "unsure", "encouraged", "protective of the team")
SENTENCES = (
    "Today I kept coming back to {topic} and what it asks of the team.",
    "{name} brought {topic} to supervision and we slowed down to look at it properly.",
    "I noticed I felt {feeling} when we talked about {topic}.",
    "The team have carried a lot this month and I want to name that in our next meeting.",
    "We used the supervision cycle: what happened, how it felt, what it means, what next.",
    "I challenged the assumption that nothing could change, and asked what the child would "
    "say about it.",
    "{name} disagreed with my view on {topic}, and the disagreement was useful rather than "
    "awkward.",
    "Looking back, I jumped to a plan before we had really understood the family's story.",
    "My own supervision helped me see that I was holding anxiety that belonged to the wider "
    "system.",
    "I want our practice to be curious first and procedural second.",
    "The evidence in the chronology was thinner than the conclusion we had reached.",
    "We agreed that {name} will lead the next step on {topic}, with a review in a fortnight.",
    "I asked the team what gets in the way of direct work, and the answers were honest.",
    "There is a pattern here: when workload rises, reflection is the first thing we drop.",
    "I was {feeling} after the meeting, and I took ten minutes before writing this.",
    "The service manager's decision on {topic} made sense once I heard the rationale.",
    "I noticed how much the team rely on each other during duty weeks.",
    "Next time I will check what {name} already knows before offering an answer.",
    "Partnership working with health and education moved forward on {topic} this week.",
    "The audit asked whether the child's voice was visible, and on {topic} it was not yet.",
    "I am learning to hold high standards and warmth at the same time.",
    "We celebrated a small win: a plan that the family helped to write.",
    "Leadership, for me this week, meant protecting time for the team to think.",
    "I should have escalated {topic} sooner, and I have said so.",
)
TITLES = ("Supervision with {name}: {topic}", "Reflection on {topic}", "Team meeting: {topic}",
          "After the visit", "What I learned about {topic}", "Coaching notes on {topic}",
          "Week ending {day}", "Thinking about {topic}", "{name} and {topic}")


def generate(count: int, seed: int = 20260303, rare: int = 3) -> list[dict]:
    """Entries for a journal kept for several years; the rare word goes into three of them."""
    rng = random.Random(seed)
    rare_at = set(rng.sample(range(count), min(rare, count)))
    span = (LAST_DAY - FIRST_DAY).days
    entries = []
    for i in range(count):
        day = FIRST_DAY + timedelta(days=rng.randrange(span))
        slots = {"name": rng.choice(NAMES), "topic": rng.choice(TOPICS),
                 "feeling": rng.choice(FEELINGS), "day": uk_date(day)}
        paragraphs, size = [], 0
        target = rng.randint(1350, 1650)
        while size < target:
            sentences = [rng.choice(SENTENCES).format(**slots) for _ in range(rng.randint(3, 5))]
            paragraphs.append(" ".join(sentences))
            size += len(paragraphs[-1]) + 2
        if i in rare_at:
            paragraphs.insert(1, f"It felt like a {RARE} of competing priorities.")
        kind = rng.choices(("reflection", "supervision", "coaching"), (70, 25, 5))[0]
        moment = datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randrange(60))
        entries.append({
            "title": rng.choice(TITLES).format(**slots), "body": "\n\n".join(paragraphs),
            "kind": kind, "created": moment.isoformat(),
            "tags": rng.sample(TAGS, rng.randint(1, 3)),
        })
    return entries


def median_ms(action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
              ) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlcipher3

    return (f"{model}, {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"SQLite {sqlcipher3.sqlite_version}; {platform.system()} {platform.release()}")


def run(count: int, runs: int, workdir: Path) -> list[tuple[str, float, str, float | None]]:
    """(what, median ms, goal as text, goal in ms or None) for each measure."""
    source = workdir / "entries.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in generate(count)))
    rows: list[tuple[str, float, str, float | None]] = []
    folder = workdir / "journal"
    Journal.create(folder, PASSPHRASE, KdfParams())[0].close()  # the default cost

    import_times = []
    for i in range(runs):  # each run into an empty journal; the first one is kept
        journal = (Journal.unlock(folder, passphrase=PASSPHRASE) if i == 0 else
                   Journal.create(workdir / f"import-{i}", PASSPHRASE, KdfParams.cheap())[0])
        start = time.perf_counter()
        report = interchange.import_file(journal, source)
        import_times.append(time.perf_counter() - start)
        assert report.imported == count, report.problems()[:3]
        journal.close()
    rows.append((f"import {count:,} entries (JSON Lines, one transaction)",
                 statistics.median(import_times) * 1000, "", None))

    holder: list[Journal] = []
    rows.append(("unlock (Argon2id 64 MiB, t=3, p=4, then open)", median_ms(
        lambda: holder.append(Journal.unlock(folder, passphrase=PASSPHRASE)), runs,
        setup=lambda: holder and holder.pop().close()), "", None))
    journal = holder.pop()
    try:
        def first_page():
            with journal.vault.session() as session:
                assert len(entry_store.list_summaries(session, limit=100)) == min(100, count)

        rows.append(("first page of the list (100 summaries)", median_ms(first_page, runs),
                     "< 150 ms", 150))
        for word in (RARE, COMMON):
            total = journal.search(word).total
            rows.append((f"search, in process: '{word}' ({total:,} matches)",
                         median_ms(lambda w=word: journal.search(w), runs), "< 20 ms", 20))
        body = generate(1, seed=1, rare=0)[0]["body"]
        rows.append(("save an entry (1.5 KB, tags, index)", median_ms(
            lambda: journal.add_entry("Benchmark entry", body, tags=["team"]), runs),
            "< 30 ms", 30))
    finally:
        journal.close()

    env = {**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-m", "reflect", "--journal", str(folder), "search", RARE]

    def whole_search():
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0 and done.stdout.count("\n") == min(3, count), done.stderr

    rows.append((f"`reflect search {RARE}`, whole process", median_ms(whole_search, runs),
                 "< 1 s", 1000))
    return rows


def table(rows, count: int, runs: int) -> str:
    lines = [f"Journal of {count:,} entries; median of {runs} run{'s' * (runs != 1)}.", "",
             "| measure | median | goal | met |", "|---|---:|---|---|"]
    for what, ms, goal, limit in rows:
        shown = f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"
        met = "" if limit is None else ("yes" if ms < limit else "**no**")
        lines.append(f"| {what} | {shown} | {goal} | {met} |")
    lines += ["", f"Machine: {machine()}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, metavar="N")
    parser.add_argument("--runs", type=int, default=7, metavar="N")
    args = parser.parse_args(argv)
    if args.entries < 3 or args.runs < 1:
        parser.error("need at least 3 entries and 1 run")
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as workdir:
        rows = run(args.entries, args.runs, Path(workdir))
    print(table(rows, args.entries, args.runs))
    return 0 if all(limit is None or ms < limit for _, ms, _, limit in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
