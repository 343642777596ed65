"""Side by side: the issue-15 events drawn as matplotlib's gallery recipe draws a timeline
(every event on a stem of one of six fixed heights, labels centred on the stem, the
"timeline with lines, dates and text" example's approach, written anew here) and as
`tracker export` draws them, both 1600×900 px.

    python benchmarks/compare_gallery.py OUT.png

Not a benchmark of speed: a picture to look at when the label placement changes.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from picture_data import EVENTS, add_picture_events

from tracker.model.dateparse import parse_date
from tracker.store import Store
from tracker.timeline.fonts import use_fallback_fonts


def gallery_style(out: Path) -> None:
    """Stems of alternating heights above and below the line, as the gallery recipe does."""
    days = [parse_date(when).start.earliest for _t, when, _s, _k in EVENTS]
    titles = [t for t, *_ in EVENTS]
    levels = [h * s for h in (5, 3, 1) for s in (1, -1)]
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100, layout="constrained")
    ax.set(title="The same events in the matplotlib gallery's timeline recipe")
    heights = [levels[i % len(levels)] for i in range(len(days))]
    ax.vlines(days, 0, heights, color="tab:red")
    ax.axhline(0, c="black")
    ax.plot(days, [0] * len(days), "ko", mfc="white")
    for day, height, title in zip(days, heights, titles, strict=True):
        ax.annotate(title, xy=(day, height), xytext=(-3, 3 if height > 0 else -3),
                    textcoords="offset points", va="bottom" if height > 0 else "top",
                    ha="right", fontsize=9)
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.yaxis.set_visible(False)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.margins(y=0.1)
    fig.savefig(out)
    plt.close(fig)


def ours(out: Path) -> None:
    db = Path(tempfile.mkdtemp()) / "picture.db"
    store = Store.open(db, seed=False)
    add_picture_events(store)
    store.close()
    done = subprocess.run([sys.executable, "-m", "tracker", "export", str(out), "--db", str(db),
                           "--title", "The same events as `tracker export` draws them"],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "compare-gallery.png")
    use_fallback_fonts()  # the gallery picture gets the same fonts, Hangul and Arabic too
    work = Path(tempfile.mkdtemp())
    gallery_style(work / "gallery.png")
    ours(work / "ours.png")
    fig, axes = plt.subplots(2, 1, figsize=(16, 18), dpi=60, layout="constrained")
    for ax, name in zip(axes, ("gallery.png", "ours.png"), strict=True):
        ax.imshow(plt.imread(work / name))
        ax.set_axis_off()
    fig.savefig(out)
    print(f"Wrote {out} ({dt.date.today():%d %b %Y})")


if __name__ == "__main__":
    main()
