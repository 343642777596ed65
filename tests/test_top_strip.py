"""Issue 20, point 7: at 20,000 events the density note sat over a label and under the
today line, and the right-most date tick was clipped. The note and the reference-date
tag now have a strip of their own, clear of each other, and edge ticks are read whole."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from matplotlib.figure import Figure

from tracker.timeline.items import Bin, TimelineData, TimelineItem
from tracker.timeline.layout import build_layout, fit_view, ordinal_to_x
from tracker.timeline.painter import TimelinePainter
from tracker.timeline.render import axes_size_px, place_axes
from tracker.timeline.textcache import CachedTextCanvasAgg
from tracker.timeline.textmetrics import text_width_px
from tracker.timeline.theme import LIGHT


def crowded(reference: dt.date) -> TimelineData:
    """An aggregated view: weekly bins over three years and the 300 best events."""
    rng = random.Random(7)
    base = dt.date(2017, 1, 1).toordinal()
    items = [TimelineItem(i, f"Summit number {i} of the envoys", "occurred", "summit", "day",
                          base + rng.randrange(1090), base + 0, priority=rng.random())
             for i in range(300)]
    items = [it._replace(start_hi=it.start_lo) for it in items]
    bins = [Bin(base + 7 * k, base + 7 * k + 6, 100 + rng.randrange(60)) for k in range(156)]
    return TimelineData(items=items, bins=bins, total_in_view=20_000,
                        reference_day=reference.toordinal())


@pytest.mark.parametrize("reference", [dt.date(2019, 12, 20), dt.date(2019, 6, 1),
                                       dt.date(2018, 1, 1)])
def test_the_note_is_clear_of_labels_and_of_the_reference_line(reference: dt.date) -> None:
    data = crowded(reference)
    layout = build_layout(data, fit_view(data), (1392, 300), 100)
    assert layout.note and layout.note_at is not None
    x, top, align = layout.note_at
    width = text_width_px(layout.note, layout.font_size * 0.9, layout.dpi)
    x0, x1 = (x - width, x) if align == "right" else (x, x + width)
    assert x0 >= 0 and x1 <= layout.size_px[0]
    line = top - layout.top_strip  # the strip's bottom edge
    assert all(lab.y1 <= line + 2 for lab in layout.labels)  # no label under the note
    rx = layout.x_to_px(layout.reference_x)
    assert not x0 - 2 <= rx <= x1 + 2  # the today line does not cross it


def test_date_ticks_at_the_edges_are_read_whole() -> None:
    fig = Figure(figsize=(13.92, 3.0), dpi=100)
    canvas = CachedTextCanvasAgg(fig)
    ax = place_axes(fig)
    day = dt.date(2019, 1, 1).toordinal()
    data = TimelineData(items=[TimelineItem(1, "Summit", "occurred", "summit", "day", day,
                                            day)])
    # a view whose ends fall right on month starts: their labels would straddle the edge
    view = (ordinal_to_x(dt.date(2019, 1, 1).toordinal()),
            ordinal_to_x(dt.date(2019, 4, 1).toordinal()))
    artists = TimelinePainter(ax, LIGHT).update(build_layout(data, view, axes_size_px(ax), 100))
    canvas.draw()
    renderer = canvas.get_renderer()
    assert artists.ticks
    for t in artists.ticks:
        box = t.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width, (t.get_text(), box)
