"""Issue 15's measure of the picture: two dozen 2018–2019 events with a dense cluster
(long titles, one in Hangul, one in Arabic) are labelled where room exists, with no
label over another label, a mark or an arc, each label at its event, and the drawing
using the height it is given: in a 1600×900 PNG and SVG export and in the window at
1400×900."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from picture_data import EVENTS, add_picture_events

from tracker.image_export import ImageRequest, export_timeline_image, picture_options
from tracker.store import Store
from tracker.timeline.export import draw_export
from tracker.timeline.layout import Layout
from tracker.timeline.rows import arc_control

REACH_PX = 2.5  # a label's text starts or ends this close to its stem


@pytest.fixture
def picture_store(empty_store: Store) -> Store:
    add_picture_events(empty_store)
    return empty_store


def check_layout(layout: Layout, height_px: float, origin_y: float = 0.0) -> None:
    """The promises of the picture, on the layout it was drawn from."""
    labelled = {lab.id for lab in layout.labels}
    shown = {p.id for p in layout.points} | {s.id for s in layout.spans}
    assert len(shown) == len(EVENTS)
    assert len(labelled) >= 0.95 * len(EVENTS), sorted(shown - labelled)
    labels = layout.labels
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), (a, b)
    r = layout.marker_px / 2
    for lab in labels:
        stem = layout.x_to_px(lab.x)
        assert abs(lab.x0 + 1 - stem) <= REACH_PX or abs(lab.x1 - 1 - stem) <= REACH_PX, lab
        for p in layout.points:
            px = layout.x_to_px(p.x)
            assert not (lab.x0 < px + r and px - r < lab.x1 and lab.y0 < p.y + r
                        and p.y - r < lab.y1), (lab, p)
        for s in layout.spans:
            half = layout.span_px / 2
            assert not (lab.x0 < layout.x_to_px(s.x1) and layout.x_to_px(s.x0) < lab.x1
                        and lab.y0 < s.y + half and s.y - half < lab.y1), (lab, s)
        for a in layout.arcs:
            t = np.linspace(0, 1, 200)
            cx, cy = arc_control(a)
            xs = (1 - t) ** 2 * a.x_from + 2 * (1 - t) * t * cx + t ** 2 * a.x_to
            ys = (1 - t) ** 2 * a.y_from + 2 * (1 - t) * t * cy + t ** 2 * a.y_to
            pxs = np.array([layout.x_to_px(x) for x in xs])
            inside = (pxs > lab.x0) & (pxs < lab.x1) & (ys > lab.y0) & (ys < lab.y1)
            assert not inside.any(), (lab, a)
    top = max(lab.y1 for lab in labels)
    bottom = min([lab.y0 for lab in labels] + [p.y - r for p in layout.points])
    assert (top - bottom) >= 0.75 * height_px, (origin_y, bottom, top, height_px)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_labels_the_cluster_and_fills_the_page(picture_store: Store, tmp_path: Path,
                                                       suffix: str) -> None:
    req = ImageRequest(tmp_path / f"picture{suffix}", width_px=1600, height_px=900,
                       title="Trump–Kim diplomacy")
    assert export_timeline_image(picture_store, req) == len(EVENTS)
    data, options = picture_options(picture_store, req)
    pic = draw_export(data, **options)
    check_layout(pic.layout, 900, pic.axes_origin_px()[1])
    if suffix == ".png":
        assert png_size(req.path) == (1600, 900)
    else:
        svg = req.path.read_text(encoding="utf-8")
        for lab in pic.layout.labels:
            for line in lab.lines:
                assert line.replace("'", "&#39;") in svg or line in svg, line


def test_window_labels_the_cluster_and_uses_its_height(qtbot, picture_store: Store) -> None:
    from tracker.gui.main_window import MainWindow

    win = MainWindow(picture_store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.fit_all()
    win.canvas.draw()
    layout = win.canvas.layout_
    assert layout is not None
    check_layout(layout, win.canvas.height() * win.canvas.device_pixel_ratio)
    win.close()
