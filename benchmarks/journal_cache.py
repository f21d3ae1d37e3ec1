"""Benchmark journals built once and kept between runs, keyed by what made them.

Building 100,000 entries takes a minute or more, so the journal (default key-derivation cost,
so unlock figures are what a user sees) and its JSON Lines source are kept under
``benchmarks/.cache/`` (ignored by git). The folder's name is a hash of the generator's
source, its parameters, the entry count and :data:`CACHE_VERSION`: change any of them and a
new journal is built. A run never opens the cached journal itself (opening may migrate it):
it works on a copy from :func:`working_copy`, made from a copy migrated once per schema
(a hash of the migrations), so that no timed unlock includes a migration.

    .venv/bin/python benchmarks/journal_cache.py 100000   # build (or find) the 100k journal
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import sys
import time
from pathlib import Path

import bench

#: Bump to rebuild every cached journal (say, when the import path changes what it stores).
CACHE_VERSION = 1
DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
SEED, RARE_COUNT = 20260303, 3


def cache_key(count: int) -> str:
    """A short hash of everything that decides the journal's content."""
    parts = (CACHE_VERSION, count, SEED, RARE_COUNT, bench.PASSPHRASE, bench.RARE,
             inspect.getsource(bench.generate), bench.SENTENCES, bench.TITLES, bench.TOPICS,
             bench.TAGS, bench.NAMES, bench.FEELINGS, str(bench.FIRST_DAY), str(bench.LAST_DAY))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def cached(count: int, cache: Path = DEFAULT_CACHE, log=print) -> Path:
    """The folder holding ``journal/`` and ``entries.jsonl`` for ``count`` entries; built
    into a temporary folder and renamed, so an interrupted build leaves nothing half-made."""
    from reflect.journal import interchange
    from reflect.journal.journal import Journal
    from reflect.store.envelope import KdfParams

    home = cache / f"{count}-{cache_key(count)}"
    if (home / "done.json").exists():
        return home
    building = cache / f"{home.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    log(f"building the {count:,}-entry benchmark journal in {home} (once; kept for next runs)")
    start = time.perf_counter()
    source = building / "entries.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for entry in bench.generate(count, seed=SEED, rare=RARE_COUNT):
            out.write(json.dumps(entry) + "\n")
    journal = Journal.create(building / "journal", bench.PASSPHRASE, KdfParams())[0]
    try:
        report = interchange.import_file(journal, source)
    finally:
        journal.close()
    if report.imported != count:
        raise RuntimeError(f"the benchmark journal got {report.imported} of {count} entries")
    seconds = time.perf_counter() - start
    (building / "done.json").write_text(json.dumps({"entries": count, "seconds": seconds}))
    shutil.rmtree(home, ignore_errors=True)
    building.rename(home)
    log(f"built in {seconds:.0f} s")
    return home


def schema_key() -> str:
    """A hash of the migrations' source: the cached journal as this code would migrate it."""
    import reflect.store.migrations as migrations

    versions = Path(migrations.__file__).parent / "versions"
    digest = hashlib.sha256()
    for path in sorted(versions.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def migrated(home: Path, log=print) -> Path:
    """The cached journal opened once by this code (so migrated), kept beside the original
    per schema: no timed unlock ever includes a migration, and each schema migrates once."""
    from reflect.journal.journal import Journal

    done = home / f"journal-{schema_key()}"
    if done.exists():
        return done
    building = home / f"{done.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(home / "journal", building)
    log(f"migrating a copy of the cached journal for this schema ({done.name})")
    start = time.perf_counter()
    Journal.unlock(building, passphrase=bench.PASSPHRASE).close()
    log(f"migrated in {time.perf_counter() - start:.0f} s")
    building.rename(done)
    for stale in home.glob("journal-*"):  # copies migrated by older code are not needed again
        if stale != done and ".building-" not in stale.name:
            shutil.rmtree(stale, ignore_errors=True)
    return done


def working_copy(home: Path, target: Path, log=print) -> Path:
    """A copy, for this run, of the cached journal migrated to this code's schema."""
    shutil.copytree(migrated(home, log), target)
    return target


if __name__ == "__main__":
    for n in sys.argv[1:] or ["10000"]:
        print(cached(int(n)))
