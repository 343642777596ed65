"""In-process measurements for one database, printed as JSON (run.py starts this).

Runs the real main window offscreen and measures, at three zoom levels (the whole
range, one year, one week): the viewport query, a pan redraw and a zoom redraw (the
change, the query, the layout, the render and the paint, as a drag step or a wheel step
causes them), each with its floor, a bare matplotlib draw of as many markers as the view
shows on a figure of the same size; then a PNG export of the whole timeline and its
floor, a bare savefig of an empty figure of the same size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

REPEAT = 15
WARMUP = 2  # untimed steps first, as the floor's draw gets one
WIDTH, HEIGHT = 1400, 900


def _median_ms(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _levels(extent: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """Whole range, and a year and a week in the middle of it."""
    mid = dt.date.fromordinal((extent[0] + extent[1]) // 2)
    year = (dt.date(mid.year, 1, 1).toordinal(), dt.date(mid.year, 12, 31).toordinal())
    monday = mid.toordinal() - mid.weekday()
    return {"whole": extent, "year": year, "week": (monday, monday + 6)}


def _floor_draw(n_markers: int, size_px: tuple[int, int], dpi: float) -> float:
    """A bare scatter of n markers, redrawn after a pan: the least any redraw can cost."""
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.003, 0.06, 0.994, 0.93))
    rng = np.random.default_rng(0)
    ax.scatter(rng.random(max(n_markers, 1)), rng.random(max(n_markers, 1)), s=30)
    ax.set_ylim(0, 1)
    state = {"x": 0.0}

    def step() -> None:
        state["x"] = 0.01 - state["x"]
        ax.set_xlim(state["x"], 1 + state["x"])
        fig.canvas.draw()

    step()
    return _median_ms(step)


def measure(db: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    from tracker.gui.main_window import MainWindow
    from tracker.store import Store
    from tracker.store.viewport import data_extent, timeline_data
    from tracker.timeline.export import export_image
    from tracker.timeline.items import MPL_EPOCH_ORDINAL

    app = QApplication.instance() or QApplication(sys.argv)
    store = Store.open(db)
    win = MainWindow(store)
    win.resize(WIDTH, HEIGHT)
    win.show()
    for _ in range(5):
        app.processEvents()
    canvas = win.canvas
    extent = data_extent(store)
    assert extent is not None
    today = dt.date.today().toordinal()
    out: dict = {"levels": {}}
    for name, (lo, hi) in _levels(extent).items():
        query = _median_ms(lambda lo=lo, hi=hi: timeline_data(store, lo, hi, reference_day=today))
        canvas.set_view(lo - MPL_EPOCH_ORDINAL, hi + 1 - MPL_EPOCH_ORDINAL)
        canvas.repaint()
        state = {"sign": 1}

        def pan(state=state) -> None:
            state["sign"] = -state["sign"]
            canvas.pan_pixels(40 * state["sign"])
            canvas.repaint()  # paintEvent: the pending draw (layout, render, Agg) and blit

        def zoom(state=state) -> None:
            state["sign"] = -state["sign"]
            canvas.zoom(1.25 if state["sign"] > 0 else 1 / 1.25)
            canvas.repaint()

        for _ in range(WARMUP):
            pan()
        pan_ms = _median_ms(pan)
        for _ in range(WARMUP):
            zoom()
        zoom_ms = _median_ms(zoom)
        layout = canvas.layout_
        markers = len(layout.points) + len(layout.spans) + len(layout.bins)
        size = (canvas.figure.bbox.width, canvas.figure.bbox.height)
        floor = _floor_draw(markers, (int(size[0]), int(size[1])), canvas.figure.dpi)
        out["levels"][name] = {
            "days": hi - lo + 1, "in_view": canvas.data.total_in_view,
            "markers": markers, "labels": len(layout.labels) + len(layout.counts),
            "query_ms": query, "pan_ms": pan_ms, "zoom_ms": zoom_ms, "floor_ms": floor,
        }
    win.close()
    data = timeline_data(store, *extent, reference_day=today)
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "t.png"
        out["export_ms"] = _median_ms(lambda: export_image(data, png, width_px=1600,
                                                           height_px=900), 3)

        def bare() -> None:
            fig = Figure(figsize=(16, 9), dpi=100)
            FigureCanvasAgg(fig)
            fig.add_subplot()
            fig.savefig(Path(tmp) / "floor.png")

        out["export_floor_ms"] = _median_ms(bare, 3)
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args.db)))


if __name__ == "__main__":
    main()
