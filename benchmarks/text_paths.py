"""What the text shortcuts buy on frames users see (issue 15, point 6).

    python benchmarks/text_paths.py [--runs 7]

Each run is a fresh process that draws the window's first timeline frame (1400 x 330
px, the seed article's events plus two dozen of 2018-2019) and then one pan frame that
brings in new labels, with cold caches, and prints both times. Variants:

* ``plain``: the glyph-mask cache only (each string laid out by HarfBuzz);
* ``pairs``: plus the learned character-pair distances (strings placed without a layout);
* ``store``: plus the glyphs of the first frame read back from disk, as a second start.

Times are CPU time of the process (less disturbed by other load than wall time);
medians are printed with the spread (min..max). The machine is shared, so differences
under a few milliseconds are noise. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys, time, datetime as dt
variant, store_path = sys.argv[1], sys.argv[2]
from matplotlib.figure import Figure
from tracker.timeline import textcache, glyphstore
from tracker.timeline.items import TimelineData, TimelineItem
from tracker.timeline.layout import build_layout, fit_view
from tracker.timeline.painter import TimelinePainter
from tracker.timeline.render import axes_size_px, place_axes
from tracker.timeline.textcache import CachedTextCanvasAgg
from tracker.timeline.theme import LIGHT
sys.path.insert(0, sys.argv[3])
from picture_data import EVENTS
from tracker.model.dateparse import parse_date
if variant == "plain":
    textcache._place_by_pairs = lambda *a, **k: None
    textcache.learn_pairs = lambda *a, **k: None
    import tracker.timeline.textmetrics as tm, tracker.timeline.painter as pm
    tm.learn_pairs = pm.learn_pairs = lambda *a, **k: None
if variant == "store":
    glyphstore.load(__import__("pathlib").Path(store_path))
items = []
for i, (title, words, status, kind) in enumerate(EVENTS):
    span = parse_date(words)
    lo, hi = span.start.earliest.toordinal(), span.start.latest.toordinal()
    end = span.end
    items.append(TimelineItem(i + 1, title, status, kind, span.start.precision, lo, hi,
                              end.earliest.toordinal() if end else None,
                              end.latest.toordinal() if end else None, priority=1.0))
data = TimelineData(items=items, reference_day=dt.date(2019, 1, 19).toordinal())
fig = Figure(figsize=(14, 3.3), dpi=100)
canvas = CachedTextCanvasAgg(fig)
ax = place_axes(fig)
painter = TimelinePainter(ax, LIGHT)
view = fit_view(data)
if variant == "record":
    textcache.start_recording()
t0 = time.process_time()
painter.update(build_layout(data, view, axes_size_px(ax), 100))
canvas.draw()
first = time.process_time() - t0
if variant == "record":
    glyphstore.save(__import__("pathlib").Path(store_path), textcache.stop_recording())
w = view[1] - view[0]
t0 = time.process_time()
painter.update(build_layout(data, (view[0] + w * 0.3, view[1] - w * 0.2), axes_size_px(ax), 100))
canvas.draw()
pan = time.process_time() - t0
print(json.dumps({"first": first * 1000, "pan": pan * 1000}))
"""


def run(variant: str, store: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, variant, str(store),
                          str(HERE.parent / "tests")], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "glyphs.bin"
        run("record", store)
        results: dict[str, list[dict[str, float]]] = {v: [] for v in ("plain", "pairs", "store")}
        for _ in range(args.runs):  # alternating, so load drifts hit all alike
            for variant in results:
                results[variant].append(run(variant, store))
    for variant, rows in results.items():
        for key in ("first", "pan"):
            vals = [r[key] for r in rows]
            print(f"{variant:6} {key:5} median {statistics.median(vals):6.1f} ms "
                  f"({min(vals):.1f}..{max(vals):.1f})")


if __name__ == "__main__":
    main()
