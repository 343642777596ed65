"""Matching a new article against a big database (issue 19): under a second per article.

    python benchmarks/match_bench.py DB [--articles FILE ...]

DB is a database with many events, e.g. one made by
`tracker demo-data --events 1000000 --db big.db`. For each article (by default the six
of tests/data/story) this reads the article and finds its candidates (not timed: that
is the article reader's work, the same with an empty database), then times finding the
stored events each candidate may report: the interval index for the candidate's window
widened by a week, full-text search where that window holds too many events, scoring
in Python. It prints the time per article against the 1 s target (the ratio) and against
a floor: one bare read of every event's id and window, the least any scan would cost.
Nothing is written to DB. Timings are medians of 3 runs; the machine may be shared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tracker.article.candidates import find_candidates  # noqa: E402
from tracker.article.extract import read_article  # noqa: E402
from tracker.article.match import SLACK_DAYS, Matcher, _stem, _title_words, _window  # noqa: E402
from tracker.store import Store  # noqa: E402
from tracker.store.viewport import count_in_view  # noqa: E402

TARGET_S = 1.0
RUNS = 3


def scan_floor(store: Store) -> float:
    start = time.perf_counter()
    for _ in store.conn.execute("SELECT id, day_lo, day_hi FROM events"):
        pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--articles", nargs="*", type=Path,
                        default=sorted((HERE.parent / "tests" / "data" / "story").glob("0*.txt")))
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} does not exist; make one with tracker demo-data")
    store = Store.open(args.db, seed=False)
    total = store.count_events()
    floor = statistics.median(scan_floor(store) for _ in range(RUNS))
    actors = store.actors()
    print(f"{total:,} events; a bare read of every event's window: {floor * 1000:.0f} ms")
    print(f"{'article':<36} {'cands':>5} {'in windows':>10} {'match':>9} {'/ 1 s':>6} {'/ scan':>7}")
    worst = 0.0
    for path in args.articles:
        source = read_article(path)
        candidates = find_candidates(source, actors)
        in_view = sum(count_in_view(store, _window(c)[0] - SLACK_DAYS, _window(c)[1] + SLACK_DAYS)
                      for c in candidates)
        times = []
        for _ in range(RUNS):
            _stem.cache_clear()  # every run as cold as the first import of a session
            _title_words.cache_clear()
            start = time.perf_counter()
            matcher = Matcher(store)  # as an import or the review panel does, per article
            for c in candidates:
                matcher.find(c)
            times.append(time.perf_counter() - start)
        t = statistics.median(times)
        worst = max(worst, t)
        print(f"{path.stem[:36]:<36} {len(candidates):>5} {in_view:>10,} {t * 1000:>7.0f} ms "
              f"{t / TARGET_S:>5.2f}× {t / floor:>6.2f}×")
    print(f"slowest article: {worst * 1000:.0f} ms = {worst / TARGET_S:.2f}× the 1 s target "
          f"({'PASS' if worst < TARGET_S else 'FAIL'})")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
