"""Compressed and sequential time scales: what is drawn where, and which dates the axis
prints (real ones, never drawn positions)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from picture_data import EVENTS, add_picture_events

from tracker.image_export import ImageRequest, picture_options
from tracker.store import Store
from tracker.timeline.export import draw_export
from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData, TimelineItem
from tracker.timeline.scale import apply


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def item(i: int, first: str, last: str | None = None) -> TimelineItem:
    return TimelineItem(i, f"Event {i}", "occurred", "meeting", "day", day(first),
                        day(last or first))


def two_clusters() -> TimelineData:
    return TimelineData(items=[item(1, "2018-06-10"), item(2, "2018-06-12"),
                               item(3, "2018-06-14", "2018-06-16"), item(4, "2019-02-26"),
                               item(5, "2019-02-27"), item(6, "2019-02-28")],
                        reference_day=day("2019-01-19"))


def test_compressed_shrinks_the_empty_months_and_keeps_days_within_clusters() -> None:
    data = two_clusters()
    drawn, scale = apply(data, "compressed")
    assert scale is not None and len(scale.breaks) == 1
    by_id = {it.id: it for it in drawn.items}
    assert by_id[2].lo - by_id[1].lo == 2 and by_id[6].lo - by_id[4].lo == 2  # days stay days
    assert by_id[3].hi - by_id[3].lo == 2  # a range keeps its length
    assert by_id[4].lo - by_id[3].hi < 30  # eight empty months became a few days
    x_break = scale.breaks[0] + MPL_EPOCH_ORDINAL
    assert by_id[3].hi < x_break < by_id[4].lo
    assert drawn.reference_day is not None  # the reference line moves with its piece


def test_compressed_ticks_print_real_dates_on_both_sides_of_a_break() -> None:
    drawn, scale = apply(two_clusters(), "compressed")
    lo, hi = drawn.items[0].lo - MPL_EPOCH_ORDINAL, drawn.items[-1].hi - MPL_EPOCH_ORDINAL
    ticks = scale.ticks(lo - 5, hi + 5, 1200, spacing_px=60)
    texts = [t for _x, t in ticks]
    assert any("Jun" in t for t in texts) and any("Feb" in t or "Mar" in t for t in texts)
    xs = [x for x, _t in ticks]
    assert xs == sorted(xs)
    assert not any(m in t for t in texts for m in ("Sep", "Oct", "Nov", "Dec"))  # shrunk away


def test_sequential_spaces_events_evenly_in_date_order() -> None:
    data = two_clusters()
    drawn, scale = apply(data, "sequential")
    positions = sorted(it.lo for it in drawn.items)
    assert positions == list(range(positions[0], positions[0] + len(positions)))
    order = [it.id for it in sorted(drawn.items, key=lambda it: it.lo)]
    assert order == [1, 2, 3, 4, 5, 6]
    assert all(it.is_exact for it in drawn.items)
    texts = [t for _x, t in scale.ticks(positions[0] - 1 - MPL_EPOCH_ORDINAL,
                                        positions[-1] + 1 - MPL_EPOCH_ORDINAL, 1200, 60)]
    assert texts[0] == "10 Jun 2018" and "28 Feb 2019" in texts


def test_linear_is_unchanged_and_unknown_scales_are_refused() -> None:
    data = two_clusters()
    assert apply(data, "linear") == (data, None)
    with pytest.raises(ValueError, match="compressed"):
        apply(data, "logarithmic")


@pytest.mark.parametrize("timescale", ["compressed", "sequential"])
def test_exports_on_other_scales_label_the_picture(empty_store: Store, tmp_path: Path,
                                                    timescale: str) -> None:
    add_picture_events(empty_store)
    req = ImageRequest(tmp_path / "p.png", timescale=timescale)
    data, options = picture_options(empty_store, req)
    layout = draw_export(data, **options).layout
    assert layout.scale is not None
    # (the calendar picture labels all 24; a compressed one puts the January cluster
    # closer to February's and labels at least 22)
    assert len({lab.id for lab in layout.labels}) >= 0.9 * len(EVENTS)
    for i, a in enumerate(layout.labels):
        for b in layout.labels[i + 1:]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


def test_the_cli_draws_a_compressed_picture(run_tracker, tmp_path: Path,
                                            seeded_db: Path) -> None:
    out = tmp_path / "c.svg"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--scale",
                         "compressed")
    assert result.returncode == 0, result.stderr
    assert "Singapore" in out.read_text(encoding="utf-8")
    bad = run_tracker("export", str(tmp_path / "x.png"), "--db", str(seeded_db),
                      "--scale", "log")
    assert bad.returncode == 2 and "log" in bad.stderr


def test_the_window_draws_on_another_scale_and_speaks_in_real_dates(qtbot,
                                                                     empty_store: Store) -> None:
    from tracker.gui.main_window import MainWindow

    ids = add_picture_events(empty_store)
    win = MainWindow(empty_store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    views: list[tuple[float, float]] = []
    win.canvas.viewChanged.connect(lambda a, b: views.append((a, b)))
    win.views.scale_actions["sequential"].trigger()
    win.canvas.draw()
    layout = win.canvas.layout_
    assert layout.scale is not None
    positions = sorted(p.x for p in layout.points)
    steps = {round(b - a, 6) for a, b in itertools.pairwise(positions)}
    assert len(positions) == len(EVENTS) and steps == {1.0}  # evenly spaced
    # 22 of 24 at the default splitter with the as-of bar (the linear acceptance test: 24)
    assert len({lab.id for lab in layout.labels}) >= 0.9 * len(EVENTS)
    first, last = views[-1]  # the status bar hears of real dates, not slot numbers
    assert first <= day("2018-01-01") - MPL_EPOCH_ORDINAL + 1
    assert last >= day("2019-06-30") - MPL_EPOCH_ORDINAL
    assert "30 Jun 2019" in win.canvas.tooltip_for(ids[-1])
    win.views.scale_actions["compressed"].trigger()
    win.canvas.draw()
    assert win.canvas.layout_.scale is not None and win.canvas.layout_.scale.breaks
    win.views.scale_actions["linear"].trigger()
    win.canvas.draw()
    assert win.canvas.layout_.scale is None
    win.close()
