"""A big database stays cheap: what is fetched, planned, drawn and generated is bounded by
what a view shows. Mechanisms only; speed is measured by benchmarks/run.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt

from tracker.model.vocab import PRECISIONS
from tracker.store import Store
from tracker.store.demo import BULK_TRIGGERS, add_demo_data
from tracker.store.viewport import (
    DEFAULT_BINS,
    TOP_ITEMS,
    count_in_view,
    data_extent,
    query_plan,
    timeline_data,
)
from tracker.timeline.layout import build_layout
from tracker.timeline.render import axes_size_px, place_axes, render
from tracker.timeline.theme import LIGHT

N = 20_000
D = dt.date


@pytest.fixture(scope="module")
def big_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    store = Store.open(path)
    add_demo_data(store, N, seed=7)
    store.close()
    return path


@pytest.fixture
def big(big_path: Path):
    store = Store.open(big_path)
    yield store
    store.close()


def _full_scans(store: Store, statements: list[str]) -> list[str]:
    """Plan lines of the traced SELECTs that read a whole table (no index, no LIMIT walk)."""
    found = []
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql):
            line = row[-1]
            if re.match(r"SCAN (events|e|links|l|event_actors|excerpts)\b", line) and \
                    "INDEX" not in line:
                found.append(f"{line}  <- {sql.strip()[:80]}")
    return found


def test_a_narrow_view_fetches_only_what_it_shows(big: Store):
    lo, hi = D(2001, 6, 4).toordinal(), D(2001, 6, 6).toordinal()
    statements: list[str] = []
    big.conn.set_trace_callback(statements.append)
    data = timeline_data(big, lo, hi)
    big.conn.set_trace_callback(None)
    expected = {r[0] for r in big.conn.execute(
        "SELECT id FROM events WHERE day_lo <= ? AND day_hi >= ?", (hi, lo))}
    assert not data.bins
    assert {i.id for i in data.items} == expected
    assert len(data.items) == data.total_in_view == count_in_view(big, lo, hi) < N / 20
    assert _full_scans(big, statements) == []


def test_a_whole_range_view_is_aggregated_and_bounded(big: Store):
    statements: list[str] = []
    big.conn.set_trace_callback(statements.append)
    data = timeline_data(big, 1, D(9999, 12, 31).toordinal())
    big.conn.set_trace_callback(None)
    assert data.total_in_view == big.count_events()
    assert sum(b.count for b in data.bins) == data.total_in_view
    assert 0 < len(data.bins) <= DEFAULT_BINS
    assert len(data.items) == TOP_ITEMS
    # the bins cover the data, not day 1 to the year 9999
    lo, hi = data_extent(big)
    assert data.bins[0].lo == lo and data.bins[-1].hi <= hi
    assert _full_scans(big, statements) == []


@pytest.mark.parametrize("days", [1, 10, 200, 3000])
def test_counts_and_top_items_agree_with_a_plain_scan(big: Store, days: int):
    lo = D(2001, 3, 1).toordinal()
    hi = lo + days - 1
    rows = big.conn.execute(
        "SELECT id, priority FROM events WHERE day_lo <= ? AND day_hi >= ?", (hi, lo)).fetchall()
    assert count_in_view(big, lo, hi) == len(rows)
    data = timeline_data(big, lo, hi, max_items=50)
    if len(rows) > 50:
        best = sorted(rows, key=lambda r: (-r[1], r[0]))[:TOP_ITEMS]
        assert [i.id for i in data.items] == [r[0] for r in best]


def test_query_plans_use_the_indexes(big: Store):
    lo, hi = D(2001, 1, 1).toordinal(), D(2001, 12, 31).toordinal()
    assert "VIRTUAL TABLE INDEX" in query_plan(big, lo, hi, "items")
    assert "SCAN e " not in query_plan(big, lo, hi, "items") + " "
    assert "COVERING INDEX events_priority" in query_plan(big, lo, hi, "top-priority")
    plan = query_plan(big, lo, hi, "top-range")
    assert "COVERING INDEX events_day_order" in plan and "VIRTUAL TABLE INDEX" in plan
    assert "SEARCH events_day_count USING INTEGER PRIMARY KEY" in query_plan(big, lo, hi, "count")
    assert "VIRTUAL TABLE INDEX" in query_plan(big, lo, hi, "straddle")


def test_text_artists_are_capped(big: Store):
    lo, hi = data_extent(big)
    fig = Figure(figsize=(16, 9), dpi=100)
    FigureCanvasAgg(fig)
    ax = place_axes(fig)
    for view_lo, view_hi in ((lo, hi), (D(2001, 6, 1).toordinal(), D(2001, 6, 30).toordinal())):
        data = timeline_data(big, view_lo, view_hi)
        view = (view_lo - 719163.0, view_hi + 1 - 719163.0)
        layout = build_layout(data, view, axes_size_px(ax), fig.dpi, max_labels=40)
        assert len(layout.labels) + len(layout.counts) <= 40
        artists = render(ax, layout, LIGHT)
        own = [t for t in ax.texts if t not in artists.axis_texts]
        lines = sum(len(lab.lines) for lab in layout.labels)  # a title may take two lines
        assert len([t for t in own if t.get_visible()]) == lines + len(layout.counts) + sum(
            t is not None for t in (artists.reference_label, artists.note))
        # the pool: two lines per label at most, the counts, the reference tag and the note
        assert len(own) <= 2 * 40 + 6 + 2
        # the date axis: a text per tick the locator may give, and the offset
        ticks = ax.xaxis.get_major_locator().maxticks
        assert len(artists.axis_texts) <= max(ticks.values()) + 3


def test_demo_data_has_every_precision_and_valid_excerpts(big: Store):
    conn = big.conn
    precisions = {r[0] for r in conn.execute("SELECT DISTINCT precision FROM events")}
    assert precisions >= set(PRECISIONS)
    assert conn.execute("SELECT count(*) FROM events WHERE end_earliest IS NOT NULL").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM links").fetchone()[0] > 0
    assert conn.execute(
        "SELECT count(DISTINCT role) FROM event_actors").fetchone()[0] >= 6
    bad = conn.execute(
        """SELECT count(*) FROM excerpts x JOIN sources s ON s.id = x.source_id
           WHERE substr(s.text, x.char_start + 1, x.char_end - x.char_start) != x.quote"""
    ).fetchone()[0]
    assert bad == 0
    assert conn.execute(
        "SELECT count(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM excerpts x WHERE x.event_id = e.id)").fetchone()[0] == 0


def test_bulk_insert_leaves_triggers_and_indexes_in_step(big: Store):
    conn = big.conn
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert set(BULK_TRIGGERS) <= names
    assert conn.execute("SELECT count(*) FROM events_span").fetchone()[0] == big.count_events()
    assert conn.execute("SELECT sum(n) FROM events_day_count").fetchone()[0] == big.count_events()
    mismatched = conn.execute(
        """SELECT count(*) FROM events e JOIN events_span s ON s.id = e.id
           WHERE s.lo != e.day_lo OR s.hi != e.day_hi""").fetchone()[0]
    assert mismatched == 0


def test_demo_data_command_adds_events_with_valid_excerpts(run_tracker, tmp_path: Path):
    db = tmp_path / "demo.db"
    result = run_tracker("demo-data", "--events", "300", "--db", str(db), "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "Added 300 events" in result.stdout
    store = Store.open(db)
    try:
        demo = [e for e in store.list_events() if e.uid.startswith("demo-")]
        assert len(demo) == 300
        assert all(e.excerpts and all(x.valid for x in e.excerpts) for e in demo)
        assert all(e.actors for e in demo)
    finally:
        store.close()


def test_table_model_fetches_lazily(qtbot, big: Store):
    from tracker.gui.event_table import FIRST_PAGE, PAGE, EventTableModel

    model = EventTableModel(big)
    assert model.rowCount() == FIRST_PAGE < big.count_events()
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == FIRST_PAGE + PAGE
    first = [model.id_at(i) for i in range(FIRST_PAGE + PAGE)]
    assert len(set(first)) == FIRST_PAGE + PAGE  # pages neither overlap nor skip
    assert first == [e.id for e in big.table_rows("date", False, 0, FIRST_PAGE + PAGE)]


def test_a_drag_shifts_the_bitmap_and_draws_once(qtbot, big: Store):
    from tracker.gui.main_window import MainWindow

    win = MainWindow(big)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    canvas = win.canvas
    canvas.draw()
    qtbot.wait(50)
    before = canvas.view
    canvas.draw_count = 0
    canvas._pan_timer.setInterval(60_000)  # the timed refresh never comes in this test
    y = canvas.height() // 2
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, y))
    for x in range(410, 700, 10):
        qtbot.mouseMove(canvas, QPoint(x, y))
    assert canvas.view == before  # moves shift the picture; the view follows on a timer
    assert canvas._drag_shift_px() is not None and canvas._drag_shift_px() > 0
    assert canvas.draw_count == 0
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(700, y))
    assert canvas.view[0] < before[0]
    qtbot.waitUntil(lambda: canvas.draw_count >= 1)
    qtbot.wait(100)
    assert canvas.draw_count == 1
    assert canvas._drag_shift_px() is None


def test_finding_a_late_row_is_bounded(qtbot, big: Store, monkeypatch):
    from tracker.gui import event_table
    from tracker.store.viewport import step_event

    monkeypatch.setattr(event_table, "MAX_SEEK_ROWS", 5000)  # a quarter of the events
    model = event_table.EventTableModel(big)
    last = step_event(big, None, -1)
    assert model.row_of(last) is None
    assert 5000 <= model.rowCount() <= 5000 + event_table.PAGE
    assert model.row_of(model.id_at(4000)) == 4000


def test_pans_and_zooms_reuse_the_canvas_artists(qtbot, big: Store):
    """A redraw moves the artists it has (collections, pooled texts, the date locator)
    instead of clearing the axes and building new ones."""
    from tracker.gui.main_window import MainWindow

    win = MainWindow(big)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    canvas = win.canvas
    lo, hi = D(2001, 1, 1).toordinal() - 719163, D(2001, 12, 31).toordinal() - 719163
    canvas.set_view(lo, hi)
    canvas.draw()
    ax = canvas.ax
    children, texts = list(ax.get_children()), list(ax.texts)
    locator = ax.xaxis.get_major_locator()
    for i in range(10):
        canvas.pan_pixels(40 if i % 2 else -40)
        canvas.draw()
        assert canvas.layout_ is not None and canvas._artists is not None
        assert [t.get_text() for t in canvas._artists.labels] == \
            [line for lab in canvas.layout_.labels for line in lab.lines]
    assert canvas.ax is ax
    assert list(ax.get_children()) == children
    assert list(ax.texts) == texts  # not one new Text artist
    assert ax.xaxis.get_major_locator() is locator
    grown = None
    for _ in range(3):  # a zoom may need more labels once; the pool then stays as it is
        canvas.zoom(1.25)
        canvas.draw()
        canvas.zoom(1 / 1.25)
        canvas.draw()
        assert list(ax.texts)[:len(texts)] == texts
        assert grown is None or list(ax.texts) == grown
        grown = list(ax.texts)


@pytest.mark.parametrize("order", ["date", "title", "type", "status", "actors", "location"])
def test_table_pages_are_slices_of_one_order(big: Store, order: str) -> None:
    """Pages (ids first, then their columns) put together give the whole sorted table,
    each row with its own actors, in both directions and under a filter."""
    from tracker.model.filters import Filter

    for descending in (False, True):
        for keep in (None, Filter(types=("meeting",))):
            whole = big.table_rows(order, descending, 0, 1500, keep=keep)
            pages = [row for offset in range(0, 1500, 250)
                     for row in big.table_rows(order, descending, offset, 250, keep=keep)]
            assert pages == whole and len(whole) == 1500
            for row in whole[::97]:
                names = [a.actor for a in big.get_event(row.id).actors]
                assert row.actors == ", ".join(dict.fromkeys(names))
