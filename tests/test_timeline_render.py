"""Render draws the layout with few artists: checked on a headless Agg figure."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from tracker.timeline.items import Bin, TimelineData, TimelineItem, TimelineLink
from tracker.timeline.layout import Layout, build_layout, fit_view, ordinal_to_x
from tracker.timeline.render import axes_size_px, place_axes, render, update_selection
from tracker.timeline.theme import DARK, LIGHT, Theme


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def make_axes() -> Axes:
    fig = Figure(figsize=(12, 5), dpi=100)
    FigureCanvasAgg(fig)
    return place_axes(fig)


def draw(data: TimelineData, theme: Theme = LIGHT, **kw: object) -> tuple[Axes, Layout, object]:
    ax = make_axes()
    layout = build_layout(data, fit_view(data), axes_size_px(ax), ax.figure.dpi)
    artists = render(ax, layout, theme, **kw)  # type: ignore[arg-type]
    ax.figure.canvas.draw()  # must actually draw without errors
    return ax, layout, artists


def sample() -> TimelineData:
    items = [
        TimelineItem(1, "Singapore summit", "occurred", "summit", "day",
                     day("2018-06-12"), day("2018-06-12"), priority=5),
        TimelineItem(2, "Release of three American detainees", "occurred", "release",
                     "month", day("2018-05-01"), day("2018-05-31")),
        TimelineItem(3, "White House meeting with Kim Yong Chol", "occurred", "meeting",
                     "day", day("2019-01-18"), day("2019-01-18"), priority=4),
        TimelineItem(4, "Lindsey Graham reaction", "occurred", "reaction", "days",
                     day("2019-01-18"), day("2019-01-18"), day("2019-01-19"), day("2019-01-19")),
        TimelineItem(5, "Second summit", "planned", "summit", "part_of_month",
                     day("2019-02-20"), day("2019-02-28"), priority=5),
    ]
    return TimelineData(items=items, links=[TimelineLink(3, 5, "announces")],
                        reference_day=day("2019-01-19"))


def test_one_path_collection_for_many_points_of_one_style() -> None:
    items = [TimelineItem(i, f"E{i}", "occurred", "meeting", "day", day("2019-01-01") + i,
                          day("2019-01-01") + i) for i in range(500)]
    ax, _layout, artists = draw(TimelineData(items=items))
    assert len(artists.points) == 1
    marks = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    assert marks == artists.points
    assert len(artists.points[0].get_offsets()) == 500


def test_style_groups_split_by_status() -> None:
    items = [TimelineItem(i, f"E{i}", s, "summit", "day", day("2019-01-01") + i,
                          day("2019-01-01") + i)
             for i, s in enumerate(["occurred", "occurred", "planned", "announced"])]
    _ax, _layout, artists = draw(TimelineData(items=items))
    sizes = sorted(len(c.get_offsets()) for c in artists.points)
    assert sizes == [1, 1, 2]
    hollow = [c for c in artists.points if len(c.get_offsets()) == 1]
    for c in hollow:  # planned/announced: face is the background colour, not the type colour
        assert tuple(c.get_facecolor()[0]) == pytest.approx((1.0, 1.0, 1.0, 1.0))


def test_label_text_artists_match_layout_and_ticks_are_not_counted() -> None:
    ax, layout, artists = draw(sample())
    assert len(layout.labels) == 5
    lines = [line for lab in layout.labels for line in lab.lines]
    assert [t.get_text() for t in artists.labels] == lines
    own_texts = [t for t in ax.texts if isinstance(t, Text) and t not in artists.axis_texts]
    # label lines + reference-date tag, nothing per event beyond the capped labels (the
    # pool keeps at most two hidden texts per label, for wrapped titles)
    assert len([t for t in own_texts if t.get_visible()]) == len(lines) + 1
    assert len(own_texts) <= 2 * len(layout.labels) + 1


def test_span_rectangles_sit_where_the_layout_says() -> None:
    _ax, layout, artists = draw(sample())
    polys = artists.span_windows.get_paths()
    assert len(polys) == len(layout.spans)
    for path, span in zip(polys, layout.spans, strict=True):
        xs, ys = path.vertices[:, 0], path.vertices[:, 1]
        assert xs.min() == pytest.approx(span.x0) and xs.max() == pytest.approx(span.x1)
        assert (ys.min() + ys.max()) / 2 == pytest.approx(span.y)
    # the uncertain window is translucent; the certain range core is much more opaque
    window_alpha = artists.span_windows.get_facecolor()[:, 3]
    assert window_alpha.max() < 0.5
    assert artists.span_cores is not None
    assert artists.span_cores.get_facecolor()[:, 3].min() > window_alpha.max()


def test_axis_limits_equal_view_and_y_hidden() -> None:
    ax, layout, _artists = draw(sample())
    assert ax.get_xlim() == pytest.approx(layout.view)
    assert ax.get_ylim() == pytest.approx((0, layout.size_px[1]))
    assert not ax.yaxis.get_visible()


def test_arcs_reference_line_and_bins() -> None:
    data = sample()
    data.bins = [Bin(day("2018-05-01"), day("2018-05-31"), 12)]
    data.total_in_view = 40
    _ax, _layout, artists = draw(data)
    assert artists.arcs is not None and len(artists.arcs.get_segments()) == 1
    assert artists.reference_line is not None
    assert artists.reference_line.get_xdata()[0] == pytest.approx(
        ordinal_to_x(day("2019-01-19")) + 0.5)
    assert artists.bins is not None and len(artists.bins.get_paths()) == 1
    assert artists.note is not None and "40" in artists.note.get_text()


def test_selection_ring_and_cheap_update() -> None:
    ax, layout, artists = draw(sample(), selected=3)
    ring = artists.selection_ring.get_offsets()
    p3 = next(p for p in layout.points if p.id == 3)
    assert np.allclose(ring, [[p3.x, p3.y]])
    n_artists = len(ax.get_children())
    update_selection(artists, layout, 5, LIGHT)  # a span: outlined, no ring
    assert len(artists.selection_ring.get_offsets()) == 0
    assert len(artists.selection_boxes.get_paths()) >= 1
    update_selection(artists, layout, None, LIGHT)
    assert len(artists.selection_boxes.get_paths()) == 0
    assert len(ax.get_children()) == n_artists  # nothing added or removed


def test_highlight_and_lane_mode_and_dark_theme_render() -> None:
    data = sample()
    data.lanes = [("us", "United States"), ("dprk", "North Korea")]
    data.items = [TimelineItem(it.id, it.title, it.status, it.type, it.precision, it.start_lo,
                               it.start_hi, it.end_lo, it.end_hi, ("us", "dprk"), it.priority)
                  for it in data.items]
    ax = make_axes()
    layout = build_layout(data, fit_view(data), axes_size_px(ax), 100, lane_mode=True)
    artists = render(ax, layout, DARK, highlighted={1, 5})
    ax.figure.canvas.draw()
    assert [t.get_text() for t in artists.lane_labels] == ["United States", "North Korea"]
    assert artists.highlight is not None and len(artists.highlight.get_offsets()) == 4
    assert len(artists.lane_lines.get_segments()) == 2


def test_rerender_clears_previous_artists() -> None:
    ax = make_axes()
    data = sample()
    layout = build_layout(data, fit_view(data), axes_size_px(ax), 100)
    render(ax, layout, LIGHT)
    first = len(ax.get_children())
    render(ax, layout, LIGHT)
    assert len(ax.get_children()) == first


def test_link_arrowheads_do_not_add_artists_per_link() -> None:
    items = [TimelineItem(i, f"E{i}", "occurred", "meeting", "day", day("2019-01-01") + 3 * i,
                          day("2019-01-01") + 3 * i) for i in range(30)]
    counts = []
    for n_links in (1, 29):
        links = [TimelineLink(i, i + 1, "announces") for i in range(n_links)]
        ax, layout, artists = draw(TimelineData(items=items, links=links))
        assert len(artists.arcs.get_segments()) == n_links
        heads = artists.arc_heads.get_paths()
        assert len(heads) == n_links
        for head, arc in zip(heads, layout.arcs, strict=True):  # tip on the target end
            tip = head.vertices[0]
            assert tip == pytest.approx((arc.x_to, arc.y_to))
        counts.append(len(ax.get_children()))
    assert counts[0] == counts[1]


def test_count_texts_drawn_for_aggregated_view() -> None:
    data = sample()
    base = day("2018-05-01")
    data.bins = [Bin(base + 3 * i, base + 3 * i + 2, 5 + i % 40) for i in range(100)]
    data.total_in_view = 4000
    from tracker.timeline import textcache
    from tracker.timeline.textcache import CachedTextCanvasAgg

    fig = Figure(figsize=(12, 5), dpi=100)
    CachedTextCanvasAgg(fig)  # the window's and export's renderer
    ax = place_axes(fig)
    layout = build_layout(data, fit_view(data), axes_size_px(ax), fig.dpi)
    artists = render(ax, layout, LIGHT)
    fig.canvas.draw()
    assert layout.counts
    assert [t.get_text() for t in artists.counts] == [c.text for c in layout.counts]
    assert len(artists.count_spans.get_segments()) == len(layout.counts)
    # Drawn from the masks that sized their boxes, each centred in its box by its ink.
    misses = textcache.stats["misses"]
    ax.figure.canvas.draw()
    assert textcache.stats["misses"] == misses
    renderer = ax.figure.canvas.get_renderer()
    for text, count in zip(artists.counts, layout.counts, strict=True):
        assert text.get_horizontalalignment() == "left"
        bbox = text.get_window_extent(renderer)  # matplotlib's own measure of the ink box
        middle = bbox.x0 + bbox.width / 2 - ax.bbox.x0
        assert abs(middle - (count.x0 + count.x1) / 2) <= 1.0
