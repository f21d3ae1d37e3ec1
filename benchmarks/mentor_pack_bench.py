"""Time exporting a mentor pack with 30 reflections from a real encrypted journal.

    .venv/bin/python benchmarks/mentor_pack_bench.py [--reflections 30] [--repeats 3]
        [--password] [--keep PATH]

Prints the time to collect, lay out and write the PDF (the whole of ``mentor_pack.export``),
best and median of the repeats. ``--keep PATH`` also saves the last PDF there to look at.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from reflect.journal.journal import Journal
from reflect.profile import mentor_pack
from reflect.profile import ratings as profile
from reflect.store.envelope import KdfParams
from reflect.store.models import Action

BODY = """## What happened
We met to talk about the **duty rota** and how the team copes with the *unplanned* work that
arrives on a Friday afternoon. Zażółć gęślą jaźń — a Polish colleague's phrase for testing
fonts — came up when we tried the new template.

### What I noticed
- I jumped to a solution before the team had finished describing the problem
- Two practitioners stayed quiet; I should ask them directly next time
    - one of them, *Kestrel*, had a clear view afterwards
- The agenda was too long

1. Keep the agenda to three items
2. Ask for the quietest view first
3. Check back in a month

> "Slow down to speed up" — what my coach said last time.

| Week | Cases allocated | Overtime |
|------|-----------------|----------|
| 1    | 12              | 3 h      |
| 2    | 9               | 1 h      |

More on this in [the practice framework](https://example.org/framework).
"""

SCORES = {"values_driven": 4, "child_centred_decisions": 4, "changing_practice": 3,
          "partnerships": 2, "corporate_buy_in": 2}


def make_sample_journal(folder: Path, reflections: int = 30) -> tuple[Journal, list[int]]:
    """A journal with two rounds of self-ratings, a target, 360 ratings from three groups,
    ``reflections`` shared reflections, a coaching preparation and open actions."""
    journal, _ = Journal.create(folder, "benchmark passphrase 1", KdfParams.cheap())
    today = date.today()
    profile.set_leader_name(journal, "Alex Morgan")
    profile.rate(journal, {k: max(1, v - 1) for k, v in SCORES.items()}, rated_on=today
                 - timedelta(days=180), notes={"partnerships": "Partners rarely call me back."})
    profile.rate(journal, SCORES, rated_on=today - timedelta(days=7),
                 notes={"values_driven": "Held the line on the placement decision.",
                        "partnerships": "Better since the joint panel started."})
    profile.rate(journal, {k: 5 for k in SCORES}, kind="target",
                 target_by=today + timedelta(days=365),
                 notes={"corporate_buy_in": "Brief the lead member every quarter."})
    for group, scores in (("line manager", {"values_driven": 3, "partnerships": 4}),
                          ("peer", {"values_driven": 2, "partnerships": 4,
                                    "corporate_buy_in": None}),
                          ("team member", {"values_driven": 3, "changing_practice": 4})):
        profile.rate(journal, scores, kind="other", rater_group=group,
                     rated_on=today - timedelta(days=20))
    ids = []
    for number in range(reflections):
        entry = journal.add_entry(
            f"Reflection {number + 1}: Friday duty and the quiet voices", BODY,
            happened_on=today - timedelta(days=3 * number), tags=["team", "duty"],
            attributes=["changing_practice"], share_with_mentor=True)
        ids.append(entry.id)
    coaching = journal.add_entry(
        "Coaching session preparation", "", kind="coaching", template_id="coaching_prep",
        sections={"accomplished": "Ran the first **joint panel** with health.",
                  "goals": "- Leave with one way to get the lead member's time\n"
                           "- Decide what to stop doing", "confidence": 6},
        happened_on=today - timedelta(days=2))
    ids.append(coaching.id)
    with journal.vault.session() as session:
        for text, due in (("Book a quarterly briefing with the lead member", 14),
                          ("Shadow the partnership manager for a day", -5)):
            session.add(Action(description=text, owner="me", due_on=today + timedelta(days=due),
                               status="open", created_at=coaching.created_at))
    return journal, ids


def run(reflections: int = 30, repeats: int = 3, password: bool = False,
        keep: Path | None = None) -> list[float]:
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        journal, ids = make_sample_journal(Path(tmp) / "journal", reflections)
        try:
            options = mentor_pack.PackOptions(
                leader_name=profile.leader_name(journal), entry_ids=tuple(ids),
                date_from=date.today() - timedelta(days=365), date_to=date.today())
            for _ in range(repeats):
                out = Path(tmp) / "pack.pdf"
                started = time.perf_counter()
                result = mentor_pack.export(journal, options, out,
                                            password="mentor" if password else None)
                times.append(time.perf_counter() - started)
            if keep is not None:
                keep.write_bytes(out.read_bytes())
            print(f"{reflections} reflections, {result.pages} pages, "
                  f"{result.size / 1024:.0f} KiB{', AES-256' if password else ''}")
        finally:
            journal.close()
    print(f"export: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"over {len(times)} runs")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--password", action="store_true")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    run(args.reflections, args.repeats, args.password, args.keep)


if __name__ == "__main__":
    main()
