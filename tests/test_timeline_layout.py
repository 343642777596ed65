"""Layout is pure data, so its promises (no overlaps, caps, geometry) are checked directly."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from tracker.model.vocab import EVENT_TYPES, NOT_YET_STATUSES, STATUSES
from tracker.timeline.items import Bin, TimelineData, TimelineItem, TimelineLink
from tracker.timeline.layout import (
    MIN_VIEW_DAYS,
    Layout,
    build_layout,
    fit_view,
    hit_test,
    ordinal_to_x,
    x_to_ordinal,
)

SIZE = (1200, 500)
DPI = 100.0


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def exact(i: int, iso: str, status: str = "occurred", **kw: object) -> TimelineItem:
    d = day(iso)
    return TimelineItem(i, f"Event {i}", status, "meeting", "day", d, d, **kw)  # type: ignore[arg-type]


def random_data(n: int, seed: int = 0, days: int = 400) -> TimelineData:
    rng = random.Random(seed)
    base = day("2018-01-01")
    items = []
    for i in range(n):
        lo = base + rng.randrange(days)
        title = " ".join(rng.choice(["summit", "talks", "envoy", "missile", "statement"])
                         for _ in range(rng.randint(1, 9)))
        status = rng.choice(list(STATUSES))
        etype = rng.choice(list(EVENT_TYPES))
        if rng.random() < 0.6:
            items.append(TimelineItem(i, title, status, etype, "day", lo, lo,
                                      priority=rng.random()))
        else:
            items.append(TimelineItem(i, title, status, etype, "month", lo,
                                      lo + rng.randint(1, 30), priority=rng.random()))
    return TimelineData(items=items, total_in_view=n)


def boxes_overlap(a: object, b: object) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1  # type: ignore[attr-defined]


def test_day_number_round_trip() -> None:
    d = day("2019-01-18")
    assert ordinal_to_x(d) == float((dt.date(2019, 1, 18) - dt.date(1970, 1, 1)).days)
    assert x_to_ordinal(ordinal_to_x(d)) == d
    assert x_to_ordinal(ordinal_to_x(d) + 0.99) == d


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("lane_mode", [False, True])
def test_dense_labels_never_overlap_and_respect_cap(seed: int, lane_mode: bool) -> None:
    data = random_data(1500, seed)
    if lane_mode:
        data.lanes = [("a", "Alpha"), ("b", "Beta")]
        rng = random.Random(seed)
        data.items = [TimelineItem(it.id, it.title, it.status, it.type, it.precision,
                                   it.start_lo, it.start_hi, it.end_lo, it.end_hi,
                                   tuple(rng.sample(["a", "b"], rng.randint(1, 2))),
                                   it.priority) for it in data.items]
    layout = build_layout(data, fit_view(data), SIZE, DPI, max_labels=45, lane_mode=lane_mode)
    assert 10 < len(layout.labels) <= 45
    for i, a in enumerate(layout.labels):
        assert 0 <= a.x0 < a.x1 <= SIZE[0]
        assert 0 <= a.y0 < a.y1 <= SIZE[1]
        for b in layout.labels[i + 1:]:
            assert not boxes_overlap(a, b), (a, b)


def test_label_cap_is_hard() -> None:
    data = random_data(800, 5, days=4000)
    for cap in (0, 1, 7):
        assert len(build_layout(data, fit_view(data), SIZE, DPI, max_labels=cap).labels) <= cap


def test_higher_priority_keeps_its_label() -> None:
    # Ten same-day events and room for one label: the most important one must win.
    items = [TimelineItem(i, f"Item number {i}", "occurred", "meeting", "day",
                          day("2019-01-18"), day("2019-01-18"), priority=float(i == 7))
             for i in range(10)]
    layout = build_layout(TimelineData(items=items), fit_view(items), SIZE, DPI, max_labels=1)
    assert [lab.id for lab in layout.labels] == [7]


def test_long_titles_truncated_with_ellipsis() -> None:
    it = TimelineItem(1, "A " + "very " * 80 + "long title", "occurred", "summit", "day",
                      day("2019-01-18"), day("2019-01-18"))
    layout = build_layout(TimelineData(items=[it]), fit_view([it]), SIZE, DPI)
    (lab,) = layout.labels
    assert lab.text.endswith("…")
    assert lab.x1 - lab.x0 <= 0.45 * SIZE[0] + 4


def test_exact_item_is_a_point_at_midday_and_fuzzy_one_a_span_of_its_window() -> None:
    point = exact(1, "2019-01-18")
    window = TimelineItem(2, "Second summit", "planned", "summit", "part_of_month",
                          day("2019-02-20"), day("2019-02-28"))
    data = TimelineData(items=[point, window])
    layout = build_layout(data, fit_view(data), SIZE, DPI)
    assert [p.id for p in layout.points] == [1]
    assert layout.points[0].x == ordinal_to_x(day("2019-01-18")) + 0.5
    (span,) = layout.spans
    assert span.id == 2
    assert (span.x0, span.x1) == (ordinal_to_x(day("2019-02-20")), ordinal_to_x(day("2019-03-01")))
    assert span.core_x0 is None  # nothing about "late February" is certain


def test_range_with_exact_ends_is_all_core_and_fuzzy_ends_are_not() -> None:
    rng_exact = TimelineItem(1, "Hanoi", "occurred", "summit", "days",
                             day("2019-02-27"), day("2019-02-27"),
                             day("2019-02-28"), day("2019-02-28"))
    rng_fuzzy = TimelineItem(2, "Talks", "occurred", "negotiation", "days",
                             day("2019-03-01"), day("2019-03-05"),
                             day("2019-03-10"), day("2019-03-15"))
    data = TimelineData(items=[rng_exact, rng_fuzzy])
    spans = {s.id: s for s in build_layout(data, fit_view(data), SIZE, DPI).spans}
    a, b = spans[1], spans[2]
    assert (a.core_x0, a.core_x1) == (a.x0, a.x1) == (ordinal_to_x(day("2019-02-27")),
                                                      ordinal_to_x(day("2019-03-01")))
    assert (b.x0, b.x1) == (ordinal_to_x(day("2019-03-01")), ordinal_to_x(day("2019-03-16")))
    assert (b.core_x0, b.core_x1) == (ordinal_to_x(day("2019-03-05")),
                                      ordinal_to_x(day("2019-03-11")))


def test_not_yet_statuses_are_hollow() -> None:
    items = [exact(i, "2019-01-18", status=s) for i, s in enumerate(STATUSES)]
    layout = build_layout(TimelineData(items=items), fit_view(items), SIZE, DPI)
    filled = {p.status: p.filled for p in layout.points}
    assert filled == {s: s not in NOT_YET_STATUSES for s in STATUSES}
    assert filled["planned"] is False and filled["occurred"] is True


def test_arcs_only_when_both_ends_present() -> None:
    items = [exact(1, "2019-01-18"), exact(2, "2019-02-25", status="planned")]
    links = [TimelineLink(1, 2, "announces"), TimelineLink(1, 99, "fulfils"),
             TimelineLink(98, 2, "follows")]
    layout = build_layout(TimelineData(items=items, links=links), fit_view(items), SIZE, DPI)
    assert [(a.from_id, a.to_id, a.kind) for a in layout.arcs] == [(1, 2, "announces")]
    arc = layout.arcs[0]
    assert arc.x_from == layout.points[0].x and arc.height > 0


def test_lane_mode_puts_event_in_every_listed_lane() -> None:
    items = [
        TimelineItem(1, "Meeting", "occurred", "meeting", "day", day("2019-01-18"),
                     day("2019-01-18"), lanes=("trump", "kim")),
        TimelineItem(2, "Review", "occurred", "policy", "day", day("2019-01-17"),
                     day("2019-01-17"), lanes=("trump",)),
        TimelineItem(3, "Unassigned", "occurred", "other", "day", day("2019-01-16"),
                     day("2019-01-16")),
    ]
    data = TimelineData(items=items, lanes=[("trump", "Trump"), ("kim", "Kim Jong Un")])
    layout = build_layout(data, fit_view(data), SIZE, DPI, lane_mode=True)
    keys = [ln.key for ln in layout.lanes]
    assert keys == ["trump", "kim", ""]  # an "Other" lane so unassigned events stay visible
    where = sorted((p.id, keys[p.lane]) for p in layout.points)
    assert where == [(1, "kim"), (1, "trump"), (2, "trump"), (3, "")]
    for p in layout.points:  # each mark sits on its own lane's line, inside the band
        lane = layout.lanes[p.lane]
        assert p.y == lane.axis_y and lane.y0 < p.y < lane.y1
    bands = sorted((ln.y0, ln.y1) for ln in layout.lanes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(bands))

    single = build_layout(data, fit_view(data), SIZE, DPI, lane_mode=False)
    assert len(single.lanes) == 1 and len(single.points) == 3


def test_hit_test_finds_mark_span_label_and_nothing_in_empty_space() -> None:
    items = [exact(1, "2019-01-10"),
             TimelineItem(2, "Window", "occurred", "release", "month", day("2019-02-01"),
                          day("2019-02-20"))]
    layout = build_layout(TimelineData(items=items), fit_view(items), SIZE, DPI)
    p = layout.points[0]
    assert hit_test(layout, layout.x_to_px(p.x) + 2, p.y - 2) == 1
    s = layout.spans[0]
    assert hit_test(layout, layout.x_to_px((s.x0 + s.x1) / 2), s.y) == 2
    lab = layout.labels[0]
    assert hit_test(layout, (lab.x0 + lab.x1) / 2, (lab.y0 + lab.y1) / 2) == lab.id
    assert hit_test(layout, 5, SIZE[1] - 5) is None
    assert hit_test(layout, layout.x_to_px(p.x) + 40, p.y) is None


def test_fit_view_covers_items_and_has_minimum_width() -> None:
    one = [exact(1, "2019-01-18")]
    x0, x1 = fit_view(one)
    assert x1 - x0 >= MIN_VIEW_DAYS
    assert x0 < ordinal_to_x(day("2019-01-18")) < x1
    two = [exact(1, "2018-06-12"), exact(2, "2019-02-28")]
    x0, x1 = fit_view(two)
    assert x0 < ordinal_to_x(day("2018-06-12")) and ordinal_to_x(day("2019-03-01")) < x1
    assert fit_view(TimelineData())[1] - fit_view(TimelineData())[0] == MIN_VIEW_DAYS


def test_bins_become_density_bars_scaled_by_count() -> None:
    base = day("2019-01-01")
    bins = [Bin(base, base + 6, 10), Bin(base + 7, base + 13, 40)]
    data = TimelineData(items=[exact(1, "2019-01-03")], bins=bins, total_in_view=50)
    layout = build_layout(data, fit_view(data), SIZE, DPI)
    small, big = layout.bins
    assert (small.x0, small.x1) == (ordinal_to_x(base), ordinal_to_x(base + 7))
    assert big.y1 - big.y0 == pytest.approx(4 * (small.y1 - small.y0))
    assert layout.note and "50" in layout.note
    assert [p.id for p in layout.points] == [1]


def test_items_outside_view_are_left_out() -> None:
    items = [exact(1, "2019-01-18"), exact(2, "2015-01-01")]
    view = (ordinal_to_x(day("2019-01-01")), ordinal_to_x(day("2019-02-01")))
    layout: Layout = build_layout(TimelineData(items=items), view, SIZE, DPI)
    assert [p.id for p in layout.points] == [1]
    assert {lab.id for lab in layout.labels} == {1}


def test_bad_view_is_rejected() -> None:
    with pytest.raises(ValueError, match="x1 > x0"):
        build_layout(TimelineData(), (5.0, 5.0), SIZE, DPI)


def test_same_day_markers_are_spread_apart_and_each_can_be_hit() -> None:
    # The bundled data has a meeting and a statement on 18 Jan 2019: both must show.
    items = [exact(1, "2019-01-18"), exact(2, "2019-01-18"), exact(3, "2019-03-01")]
    view = fit_view(items)
    for size in (SIZE, (1600, 700), (400, 300)):
        layout = build_layout(TimelineData(items=items), view, size, DPI)
        pts = {p.id: p for p in layout.points}
        a, b = pts[1], pts[2]
        ax, bx = layout.x_to_px(a.x), layout.x_to_px(b.x)
        assert abs(ax - bx) >= layout.marker_px
        assert hit_test(layout, ax, a.y) == 1 and hit_test(layout, bx, b.y) == 2
        day_mid = layout.x_to_px(ordinal_to_x(day("2019-01-18")) + 0.5)
        assert min(ax, bx) < day_mid < max(ax, bx)  # centred on their day
        assert pts[3].shift_px == 0 and pts[3].x == ordinal_to_x(day("2019-03-01")) + 0.5
        for lab in layout.labels:  # each label's stem stands on its own marker
            if lab.id in (1, 2):
                assert lab.x == pts[lab.id].x


def test_nearly_coincident_markers_are_spread_but_a_crowd_stays_on_its_dates() -> None:
    near = [exact(1, "2019-01-17"), exact(2, "2019-01-18")]  # a few px apart at this zoom
    view = (ordinal_to_x(day("2018-01-01")), ordinal_to_x(day("2020-01-01")))
    layout = build_layout(TimelineData(items=near), view, SIZE, DPI)
    xs = sorted(layout.x_to_px(p.x) for p in layout.points)
    assert xs[1] - xs[0] >= layout.marker_px
    crowd = [exact(i, "2019-01-18") for i in range(40)]
    layout = build_layout(TimelineData(items=crowd), view, SIZE, DPI)
    assert {p.x for p in layout.points} == {ordinal_to_x(day("2019-01-18")) + 0.5}


def test_spans_with_equal_windows_get_their_own_tracks() -> None:
    items = [TimelineItem(i, f"Window {i}", "planned", "summit", "part_of_month",
                          day("2019-02-20"), day("2019-02-28")) for i in (1, 2, 3)]
    layout = build_layout(TimelineData(items=items), fit_view(items), SIZE, DPI)
    ys = sorted(s.y for s in layout.spans)
    assert all(b - a >= layout.span_px for a, b in itertools.pairwise(ys))
    for s in layout.spans:
        assert hit_test(layout, layout.x_to_px((s.x0 + s.x1) / 2), s.y) == s.id


def test_long_title_is_not_cut_when_a_wide_layout_has_room() -> None:
    title = "White House announces a second Trump–Kim summit, 2"
    assert len(title) == 50
    items = [TimelineItem(1, title, "occurred", "statement", "day", day("2019-01-18"),
                          day("2019-01-18")),
             exact(2, "2019-01-18"), exact(3, "2019-02-02")]
    layout = build_layout(TimelineData(items=items), fit_view(items), (1600, 700), DPI)
    assert title in [lab.text for lab in layout.labels]


def test_count_texts_on_density_strip_are_few_and_respect_the_label_cap() -> None:
    base = day("2015-01-01")
    rng = random.Random(3)
    bins = [Bin(base + 5 * i, base + 5 * i + 4, rng.randint(1, 500)) for i in range(400)]
    data = random_data(300, 4, days=2000)
    data.bins, data.total_in_view = bins, 100_000
    layout = build_layout(data, fit_view(data), SIZE, DPI, max_labels=60)
    assert 1 <= len(layout.counts) <= 6
    assert len(layout.counts) + len(layout.labels) <= 60
    biggest = max(c.count for c in layout.counts)
    for c in layout.counts:
        assert c.text == f"{c.count:,}" and c.count >= 0.2 * biggest
        assert 0 <= c.x0 < c.x1 <= SIZE[0]
    for a, b in itertools.combinations(layout.counts, 2):
        assert a.x1 <= b.x0 or b.x1 <= a.x0
    for cap in (0, 1, 3):
        capped = build_layout(data, fit_view(data), SIZE, DPI, max_labels=cap)
        assert len(capped.counts) + len(capped.labels) <= cap
    assert not build_layout(random_data(50), fit_view(random_data(50)), SIZE, DPI).counts


def test_labels_are_the_same_with_a_cold_or_a_warm_width_cache() -> None:
    """Widths cached by a previous frame (a pan) must not change where labels go, so a
    window that has panned for a while and a fresh export lay out one view alike."""
    from tracker.timeline import labels

    data = random_data(1500, 3, days=4000)
    view = fit_view(data)

    def picture() -> list[tuple[object, ...]]:
        layout = build_layout(data, view, SIZE, DPI)
        return [(lb.text, lb.id, lb.x0, lb.x1, lb.row, lb.lane) for lb in layout.labels]

    labels._ESTIMATES.clear()
    cold = picture()
    for shift in (-40, 40):  # warm the cache with neighbouring views, as a pan does
        d = (view[1] - view[0]) / SIZE[0] * shift
        build_layout(data, (view[0] + d, view[1] + d), SIZE, DPI)
    assert picture() == cold
    assert len(cold) > 10
