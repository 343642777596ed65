"""Exported files are valid, the requested size, and keep labels as text in SVG."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import pytest

from tracker.timeline.export import export_image
from tracker.timeline.items import TimelineData, TimelineItem, TimelineLink


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


@pytest.fixture
def data() -> TimelineData:
    items = [
        TimelineItem(1, "Singapore summit", "occurred", "summit", "day",
                     day("2018-06-12"), day("2018-06-12"), priority=5),
        TimelineItem(2, "White House meeting with Kim Yong Chol", "occurred", "meeting",
                     "day", day("2019-01-18"), day("2019-01-18"), priority=4),
        TimelineItem(3, "Second summit", "planned", "summit", "part_of_month",
                     day("2019-02-20"), day("2019-02-28"), priority=5),
    ]
    return TimelineData(items=items, links=[TimelineLink(2, 3, "announces")],
                        reference_day=day("2019-01-19"))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize(("w", "h", "dpi"), [(1600, 900, 100), (800, 450, 96), (1000, 301, 150)])
def test_png_has_requested_pixel_size(tmp_path: Path, data: TimelineData, w: int, h: int,
                                      dpi: float) -> None:
    out = export_image(data, tmp_path / "t.png", width_px=w, height_px=h, dpi=dpi,
                       title="Trump–Kim", credit="Source: Hindustan Times, 19 Jan 2019")
    assert out == tmp_path / "t.png"
    assert png_size(out) == (w, h)


def test_svg_keeps_titles_as_text(tmp_path: Path, data: TimelineData) -> None:
    out = export_image(data, tmp_path / "t.svg", title="Diplomacy",
                       credit="Source: Hindustan Times")
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg
    for title in ("Singapore summit", "White House meeting with Kim Yong Chol",
                  "Second summit", "Diplomacy", "Source: Hindustan Times"):
        assert title in svg


def test_svg_fonttype_does_not_leak(tmp_path: Path, data: TimelineData) -> None:
    import matplotlib

    before = matplotlib.rcParams["svg.fonttype"]
    export_image(data, tmp_path / "t.svg")
    assert matplotlib.rcParams["svg.fonttype"] == before


def test_pdf_is_a_pdf(tmp_path: Path, data: TimelineData) -> None:
    out = export_image(data, tmp_path / "t.PDF", legend=False)
    assert out.read_bytes()[:5] == b"%PDF-"


def test_bad_suffix_is_refused_with_the_accepted_ones(tmp_path: Path, data: TimelineData) -> None:
    with pytest.raises(ValueError, match=r"\.png.*\.svg.*\.pdf"):
        export_image(data, tmp_path / "t.jpg")
    with pytest.raises(ValueError):
        export_image(data, tmp_path / "noext")
    assert not list(tmp_path.iterdir())


def test_empty_timeline_still_exports(tmp_path: Path) -> None:
    assert png_size(export_image(TimelineData(), tmp_path / "e.png", width_px=300,
                                 height_px=200)) == (300, 200)


def test_export_does_not_use_pyplot(tmp_path: Path, data: TimelineData) -> None:
    import sys

    export_image(data, tmp_path / "t.png")
    assert "matplotlib.pyplot" not in sys.modules or not __import__(
        "matplotlib.pyplot").pyplot.get_fignums()


def test_a_long_legend_stays_on_the_page_and_compact(tmp_path: Path) -> None:
    from tracker.model.vocab import EVENT_TYPES, STATUSES
    from tracker.timeline.export import draw_export

    items = [TimelineItem(i, f"Event {i}", status, kind, "day", day("2019-01-01") + 3 * i,
                          day("2019-01-01") + 3 * i)
             for i, (kind, status) in enumerate(zip(list(EVENT_TYPES), list(STATUSES) * 3,
                                                    strict=False))]
    pic = draw_export(TimelineData(items=items), width_px=1600, height_px=900, title="All")
    (legend,) = pic.figure.legends
    box = legend.get_window_extent(pic.figure.canvas.get_renderer())
    assert box.x0 >= 0 and box.x1 <= 1600  # nothing cut off at the page's edge
    assert box.height <= 900 * 0.12  # a few rows, not a column down the page
    assert box.y0 >= pic.axes.get_window_extent().y1  # above the plot, never over it
