"""A pan or zoom inside the fetched margin reuses the fetch; what it draws is unchanged.

Mechanisms only: SQL statements are counted with a sqlite3 trace callback, pictures are
compared as layouts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.gui.main_window import MainWindow
from tracker.store import Store
from tracker.store.viewport import timeline_data
from tracker.timeline.items import MPL_EPOCH_ORDINAL
from tracker.timeline.layout import build_layout
from tracker.timeline.painter import CROWDED_SPANS, TimelinePainter
from tracker.timeline.theme import LIGHT
from tracker.timeline.viewdata import FetchedData, TiledData, reusable, view_days

D = dt.date
TOTAL_COUNT_SQL = "SELECT coalesce(sum(n), 0) FROM events_day_count"


class Statements:
    """Counts the SQL statements a connection runs while active."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn
        self.sql: list[str] = []

    def __enter__(self) -> Statements:
        self.conn.set_trace_callback(self._seen)
        return self

    def _seen(self, sql: str) -> None:
        # The window's status bar counts all events on every view change; that is the
        # window's, not the timeline's data (see Store.count_events).
        if sql.strip() != TOTAL_COUNT_SQL:
            self.sql.append(sql)

    def __exit__(self, *exc) -> None:
        self.conn.set_trace_callback(None)


def _x(day: dt.date) -> float:
    return float(day.toordinal() - MPL_EPOCH_ORDINAL)


def test_cut_of_a_wide_fetch_equals_a_query_of_the_view(store: Store) -> None:
    ref = D(2019, 6, 1).toordinal()
    wide_lo, wide_hi = D(2018, 1, 1).toordinal(), D(2020, 1, 1).toordinal()
    wide = timeline_data(store, wide_lo, wide_hi, reference_day=ref)
    assert reusable(wide) and wide.items and wide.links
    fetched = FetchedData(wide, wide_lo, wide_hi)
    for lo, hi in [(D(2019, 1, 1), D(2019, 1, 31)), (D(2018, 6, 1), D(2019, 3, 1)),
                   (D(2019, 2, 25), D(2019, 2, 25)), (D(2018, 1, 1), D(2020, 1, 1))]:
        direct = timeline_data(store, lo.toordinal(), hi.toordinal(), reference_day=ref)
        cut = fetched.cut(lo.toordinal(), hi.toordinal())
        assert cut.items == direct.items  # the same events, titles and order
        assert cut.links == direct.links
        assert cut.total_in_view == direct.total_in_view
        view = (_x(lo), _x(hi) + 1)
        assert build_layout(cut, view, (1200, 500), 100) == build_layout(direct, view,
                                                                          (1200, 500), 100)


def test_cut_of_an_aggregated_fetch_equals_a_query_of_the_view(store: Store,
                                                               monkeypatch) -> None:
    """Bins on the zoom's grid: any view's aggregates are a slice of a wider fetch at the
    same zoom; its best events come from the best of each tile when provably exact."""
    from tracker.store import viewport
    from tracker.store.demo import add_demo_data

    add_demo_data(store, 3000, seed=3)
    monkeypatch.setattr(viewport, "TOP_ITEMS", 12)  # so the best-of cut really chooses
    first, last = store.extent()
    ref = (first + last) // 2
    zoom, bins, most = (last - first) // 10, 64, 100  # 2,191 days
    wide_lo, wide_hi = first + 2 * zoom, first + 5 * zoom
    wide = timeline_data(store, wide_lo, wide_hi, max_items=most, bins=bins,
                         reference_day=ref, zoom=zoom, tiles=True)
    assert isinstance(wide, TiledData) and wide.tiles and reusable(wide)
    fetched = FetchedData(wide, wide_lo, wide_hi)
    cuts, unproven = 0, 0
    for start in range(wide_lo, wide_hi - zoom, max(1, zoom // 15)):
        for width in (zoom - 1, zoom - 150):  # the same grid (64-day bins)
            lo, hi = start, start + width - 1
            direct = timeline_data(store, lo, hi, max_items=most, bins=bins,
                                   reference_day=ref)
            assert direct.bins
            cut = fetched.cut(lo, hi)
            if cut is None:  # its best events not proven exact by the tiles
                unproven += 1
                continue
            cuts += 1
            assert cut == direct  # bins, totals, best events (marked overdue), links
            view = (float(lo - MPL_EPOCH_ORDINAL), float(hi + 1 - MPL_EPOCH_ORDINAL))
            assert build_layout(cut, view, (1200, 500), 100) == build_layout(
                direct, view, (1200, 500), 100)
    assert cuts >= 10 and cuts > unproven, (cuts, unproven)
    assert fetched.cut(wide_lo, wide_lo + 3 * zoom) is None  # another zoom, another grid


def test_laned_or_filtered_aggregates_are_not_cut(store: Store) -> None:
    from tracker.model.filters import Filter

    lo, hi = 1, 800000
    assert not reusable(timeline_data(store, lo, hi, lanes="type"))
    assert not reusable(timeline_data(store, lo, hi, max_items=3,
                                      filter=Filter(statuses=("occurred",))))


def test_pan_inside_the_margin_does_not_query_leaving_it_does(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_view(_x(D(2019, 1, 1)), _x(D(2019, 3, 1)))
    canvas.draw()
    with Statements(window.store) as seen:
        canvas.pan_pixels(40)
        canvas.zoom(1.25)
        canvas.zoom(1 / 1.25)
        canvas.pan_pixels(-80)
        canvas.draw()
    assert seen.sql == []
    # what is drawn is what a query of that very view gives
    direct = window._fetch(canvas.view)
    assert canvas.data.items == direct.items and canvas.data.links == direct.links
    fetches = canvas.fetch_count
    with Statements(window.store) as seen:
        width = canvas.view[1] - canvas.view[0]
        canvas.set_view(canvas.view[0] + 3 * width, canvas.view[1] + 3 * width)
    assert seen.sql and canvas.fetch_count == fetches + 1
    with Statements(window.store) as seen:
        canvas.zoom(1 / 2)  # out by more than REFETCH_ZOOM: a fresh fetch
    assert seen.sql


def test_refresh_and_store_changes_always_query(window: MainWindow, store: Store) -> None:
    canvas = window.canvas
    canvas.set_view(_x(D(2019, 1, 1)), _x(D(2019, 3, 1)))
    fetches = canvas.fetch_count
    canvas.refresh()
    assert canvas.fetch_count == fetches + 1
    victim = canvas.data.items[0]
    store.delete_event(victim.id)  # the window hears of it and refreshes
    assert canvas.fetch_count >= fetches + 2
    assert victim.id not in {i.id for i in canvas.data.items}


def test_lane_mode_queries_the_view_itself(window: MainWindow) -> None:
    canvas = window.canvas
    window.views.set_lanes("type")
    canvas.set_view(_x(D(2019, 1, 1)), _x(D(2019, 3, 1)))
    fetches = canvas.fetch_count
    canvas.pan_pixels(40)
    assert canvas.fetch_count == fetches + 1
    direct = window._fetch(canvas.view)
    assert canvas.data.lanes == direct.lanes


def test_view_days_cover_every_day_the_view_touches() -> None:
    lo, hi = view_days((_x(D(2019, 1, 1)) + 0.5, _x(D(2019, 1, 31)) + 0.2))
    assert lo == D(2019, 1, 1).toordinal() and hi >= D(2019, 1, 31).toordinal()


def test_crowded_spans_are_merged_and_only_labelled_ones_outlined(store: Store) -> None:
    from matplotlib.figure import Figure

    from tracker.timeline.items import TimelineData, TimelineItem

    base = D(2019, 1, 1).toordinal()
    # many overlapping month-long windows: far more spans than tracks
    items = [TimelineItem(i, f"Span {i}", "planned", "meeting", "month", base + i % 40,
                          base + i % 40 + 29) for i in range(CROWDED_SPANS + 80)]
    data = TimelineData(items=items, total_in_view=len(items))
    view = (_x(D(2018, 12, 20)), _x(D(2019, 3, 20)))
    layout = build_layout(data, view, (1200, 500), 100)
    assert len(layout.spans) > CROWDED_SPANS
    fig = Figure(figsize=(12, 5), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    artists = TimelinePainter(ax, LIGHT).update(layout)
    windows = artists.span_windows
    widths = windows.get_linewidth()
    outlined = [w for w in widths if w > 0]
    assert len(outlined) == len({lab.id for lab in layout.labels} & {s.id for s in layout.spans})
    assert len(windows.get_paths()) < len(layout.spans)  # fills merged per track


@pytest.mark.parametrize("n", [3, CROWDED_SPANS - 1])
def test_few_spans_keep_one_outlined_polygon_each(n: int) -> None:
    from matplotlib.figure import Figure

    from tracker.timeline.items import TimelineData, TimelineItem

    base = D(2019, 1, 1).toordinal()
    items = [TimelineItem(i, f"Span {i}", "planned", "meeting", "month", base + 3 * i,
                          base + 3 * i + 9) for i in range(n)]
    layout = build_layout(TimelineData(items=items), (_x(D(2018, 12, 1)), _x(D(2020, 1, 1))),
                          (1200, 500), 100)
    fig = Figure(figsize=(12, 5), dpi=100)
    artists = TimelinePainter(fig.add_axes((0, 0, 1, 1)), LIGHT).update(layout)
    assert len(artists.span_windows.get_paths()) == len(layout.spans)
    assert all(w > 0 for w in artists.span_windows.get_linewidth())


def test_aggregated_pans_inside_the_margin_do_not_query(window: MainWindow,
                                                         store: Store) -> None:
    from tracker.store.demo import add_demo_data

    add_demo_data(store, 4000, seed=5)
    canvas = window.canvas
    canvas.refresh()
    first, last = store.extent()
    canvas.set_view(float(first - MPL_EPOCH_ORDINAL), float(last + 1 - MPL_EPOCH_ORDINAL))
    canvas.draw()
    assert canvas.data.bins
    with Statements(window.store) as seen:
        for dx in (40, 40, -120, 25):
            canvas.pan_pixels(dx)
        canvas.draw()
    assert seen.sql == []
    direct = window._fetch(canvas.view)  # what an export of that view would draw
    assert canvas.data == direct


def test_narrow_aggregated_views_are_cut_from_tiles_of_their_size(store: Store,
                                                                   monkeypatch) -> None:
    """Where bins are a day wide and a view is narrower than its bins allow (a week at a
    million events), tiles follow the view's width: tiles of a quarter of the store's
    bins were months long there, never proved a week's best events, and every pan of a
    week queried the store."""
    from tracker.store import viewport
    from tracker.store.demo import add_demo_data

    add_demo_data(store, 3000, seed=3)
    monkeypatch.setattr(viewport, "TOP_ITEMS", 4)
    first, last = store.extent()
    zoom, most = 120, 3
    mid = (first + last) // 2
    wide_lo, wide_hi = mid - 2 * zoom, mid + 2 * zoom
    wide = timeline_data(store, wide_lo, wide_hi, max_items=most, reference_day=mid,
                         zoom=zoom, tiles=True)
    assert isinstance(wide, TiledData) and wide.bin_days == 1
    assert wide.tile_bins == zoom // viewport.TILE_FRACTION
    fetched = FetchedData(wide, wide_lo, wide_hi)
    cuts, unproven = 0, 0
    for lo in range(wide_lo, wide_hi - zoom, 9):
        hi = lo + zoom - 1
        direct = timeline_data(store, lo, hi, max_items=most, reference_day=mid)
        cut = fetched.cut(lo, hi)
        if cut is None:
            unproven += 1
            continue
        cuts += 1
        assert cut == direct
    assert cuts >= 10 and cuts > unproven, (cuts, unproven)


def test_the_events_drawn_one_by_one_depend_on_the_width() -> None:
    from tracker.store.viewport import ITEMS_PER_PX, MAX_ITEMS, TOP_ITEMS, max_items_for

    assert max_items_for(100) == TOP_ITEMS  # a small picture still marks the best 300
    assert max_items_for(1400) == int(1400 * ITEMS_PER_PX)
    assert max_items_for(1499) == max_items_for(1400)  # a few pixels keep the limit
    assert max_items_for(10_000) == MAX_ITEMS


def test_a_wider_window_draws_a_dense_view_event_by_event(qtbot, window: MainWindow,
                                                         store: Store) -> None:
    """One event per two pixels at most is drawn one by one; past that the view is
    aggregated. Widening the window past the view's density refetches it unaggregated."""
    from tracker.store.demo import add_demo_data
    from tracker.store.viewport import max_items_for

    add_demo_data(store, 800, seed=7)
    canvas = window.canvas
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: canvas.max_items == max_items_for(canvas.width()))
    assert canvas.max_items < 800
    first, last = store.extent()
    canvas.set_view(float(first - MPL_EPOCH_ORDINAL), float(last + 1 - MPL_EPOCH_ORDINAL))
    canvas.draw()
    assert canvas.data.bins and canvas.data.total_in_view > canvas.max_items
    assert canvas.data == window._fetch(canvas.view)  # a query at the canvas's limit
    window.resize(2400, 700)
    qtbot.waitUntil(lambda: canvas.max_items > 800)
    canvas.draw()
    assert not canvas.data.bins
    assert len(canvas.data.items) == canvas.data.total_in_view > 800


def test_a_new_limit_refetches_unless_the_data_provably_stays(window: MainWindow,
                                                              store: Store) -> None:
    from tracker.store.demo import add_demo_data

    add_demo_data(store, 800, seed=7)
    canvas = window.canvas
    canvas.set_max_items(1500)
    first, last = store.extent()
    canvas.set_view(float(first - MPL_EPOCH_ORDINAL), float(last + 1 - MPL_EPOCH_ORDINAL))
    assert not canvas.data.bins
    fetches = canvas.fetch_count
    canvas.set_max_items(1400)  # plain data may not stay plain under a lower limit
    assert canvas.fetch_count > fetches and canvas.data == window._fetch(canvas.view)
    canvas.set_max_items(400)
    assert canvas.data.bins and canvas.data == window._fetch(canvas.view)
    fetches = canvas.fetch_count
    canvas.set_max_items(500)  # still aggregated: more than 500 start in the view's bins
    canvas.set_max_items(300)
    assert canvas.fetch_count == fetches
    canvas.set_max_items(1500)  # plain again
    assert not canvas.data.bins and canvas.data == window._fetch(canvas.view)
    fetches = canvas.fetch_count
    canvas.set_max_items(1600)  # plain under a higher limit stays plain
    assert canvas.fetch_count == fetches


def test_the_first_paint_fetches_the_view_alone_and_the_margins_after(qtbot,
                                                                      store: Store) -> None:
    """Start-up pays only for the view; the margins and tiles for later pans are fetched
    once the window has painted, and a pan after that runs no SQL."""
    from tracker.store.demo import add_demo_data

    add_demo_data(store, 3000, seed=2)
    asked: list[tuple[bool, int]] = []
    win = MainWindow(store)
    qtbot.addWidget(win)
    provider = win.canvas._provider

    def spy(view, zoom, tiles, max_items):
        asked.append((tiles, win.canvas._first_painted))
        return provider(view, zoom, tiles, max_items)

    win.canvas._provider = spy
    win.canvas.fit_all()
    win.resize(1400, 900)
    win.show()
    qtbot.waitUntil(lambda: any(tiles for tiles, _painted in asked))
    assert all(not tiles for tiles, painted in asked if not painted)  # view alone first
    assert [painted for tiles, painted in asked if tiles] == [True]  # margins after
    canvas = win.canvas
    canvas.draw()
    with Statements(store) as seen:
        canvas.pan_pixels(30)
        canvas.draw()
    assert seen.sql == []
    win.close()


@pytest.mark.parametrize("events", [0, 3000])
def test_fit_all_frames_the_timeline_by_its_extent_without_fetching_it_all(
        qtbot, store: Store, events: int) -> None:
    """Fit All (and the first start) frames the whole timeline from its first and last
    day: the same view as fitting a fetch of everything, with only the view fetched; a
    filter makes it fit the events the filter keeps."""
    from tracker.model.filters import Filter
    from tracker.store.demo import add_demo_data
    from tracker.timeline.layout import fit_view

    if events:
        add_demo_data(store, events, seed=3)
    win = MainWindow(store)
    qtbot.addWidget(win)
    canvas = win.canvas
    provider = canvas._provider
    asked: list[tuple[float, float]] = []

    def spy(view, zoom, tiles, max_items):
        asked.append(view)
        return provider(view, zoom, tiles, max_items)

    canvas._provider = spy
    canvas.fit_all()
    everything = provider((-1e9, 1e9), None, False, canvas.max_items)
    assert canvas.view == pytest.approx(fit_view(everything))
    assert asked == [canvas.view]  # the view alone, not everything first

    # A filter: fit what it keeps (the summit events of the seed), which the extent of
    # the whole timeline cannot tell.
    win.set_filter(Filter(types=("summit",)))
    asked.clear()
    canvas.fit_all()
    kept = provider((-1e9, 1e9), None, False, canvas.max_items)
    assert kept.items and canvas.view == pytest.approx(fit_view(kept))
    assert canvas.view != pytest.approx(fit_view(everything))
    assert (-1e9, 1e9) in asked
    win.close()


def test_a_window_closed_at_its_first_paint_fetches_nothing_after(qtbot, tmp_path) -> None:
    """The margins are fetched once the first paint is over; a window closed by then
    (its own store closed with it, as `tracker` with TRACKER_EXIT_AFTER_FIRST_PAINT
    quits at that paint) must not query the closed database."""
    from tracker.store.demo import add_demo_data

    store = Store.open(tmp_path / "t.db")
    add_demo_data(store, 3000, seed=2)
    win = MainWindow(store, owns_store=True)
    qtbot.addWidget(win)
    fetched: list[bool] = []
    provider = win.canvas._provider
    win.canvas._provider = lambda *a: fetched.append(a[2]) or provider(*a)
    assert win.canvas._prefetch_pending
    win.close()
    win.canvas.firstPainted.emit()  # the paint's signal, already on its way
    qtbot.wait(50)  # the queued prefetch comes round (an error would fail the test)
    assert not win.canvas._prefetch_pending and fetched == []
