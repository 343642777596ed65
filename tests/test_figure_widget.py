"""The timeline's FigureWidget: the figure drawn by Agg at the widget's physical size,
one draw per burst of changes, and sharp on high-DPI screens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PySide6.QtGui import QColor

from tracker.gui.figure_widget import FigureWidget


class Counting(FigureWidget):
    def __init__(self) -> None:
        super().__init__(Figure())
        self.draws = 0
        self.figure.set_facecolor("#ff0000")

    def draw(self) -> None:
        self.draws += 1
        super().draw()


def test_many_draw_requests_make_one_draw_and_the_paint_shows_it(qtbot) -> None:
    widget = Counting()
    qtbot.addWidget(widget)
    widget.resize(300, 120)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.draws >= 1)
    qtbot.wait(100)  # late resize or expose events of the new window settle first
    before = widget.draws
    for _ in range(10):
        widget.draw_idle()
    qtbot.waitUntil(lambda: widget.draws > before)
    qtbot.wait(50)
    assert widget.draws == before + 1
    # the figure is the widget's size, and the widget shows what was drawn
    assert widget.get_width_height(physical=True) == (300, 120)
    image = widget.grab().toImage()
    assert image.pixelColor(150, 60) == QColor("#ff0000")
    assert np.asarray(widget.buffer_rgba()).shape == (120, 300, 4)


def test_a_resize_redraws_at_the_new_size(qtbot) -> None:
    widget = Counting()
    qtbot.addWidget(widget)
    widget.resize(300, 120)
    widget.show()
    qtbot.waitUntil(lambda: widget.draws >= 1)
    widget.resize(500, 200)
    qtbot.waitUntil(lambda: widget.renderer.width == 500)
    assert (widget.renderer.width, widget.renderer.height) == (500, 200)


def test_the_window_draws_at_the_screens_pixel_ratio(tmp_path: Path) -> None:
    """At a device pixel ratio of 2 the figure has twice the dpi and twice the pixels of
    the widget's logical size (text and marks keep their size, twice as sharp)."""
    code = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tracker.gui.main_window import MainWindow\n"
        "from tracker.store import Store\n"
        f"win = MainWindow(Store.open({str(tmp_path / 't.db')!r}), owns_store=True)\n"
        "win.resize(1000, 700)\n"
        "win.show()\n"
        "for _ in range(20):\n"
        "    app.processEvents()\n"
        "c = win.canvas\n"
        "c.draw()\n"
        "image = c.grab().toImage()\n"
        "print(json.dumps([c.device_pixel_ratio, c.figure.dpi, c.width(), c.height(),\n"
        "                  int(c.renderer.width), int(c.renderer.height),\n"
        "                  image.width(), image.height()]))\n")
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    ratio, dpi, w, h, rw, rh, iw, ih = json.loads(out.strip().splitlines()[-1])
    assert ratio == 2 and dpi == 200
    assert (rw, rh) == (2 * w, 2 * h) == (iw, ih)


def test_a_failing_draw_is_reported_after_the_paint_not_from_inside_it(qtbot, monkeypatch):
    """matplotlib's canvas printed the traceback; the app's error handler (a dialog) must
    not run inside a paint event, so the error is handed to it once the event is over."""
    from matplotlib.artist import Artist

    class Broken(Artist):
        def draw(self, renderer):
            raise RuntimeError("cannot draw this")

    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(value))
    widget = Counting()
    qtbot.addWidget(widget)
    widget.resize(200, 100)
    widget.show()
    qtbot.waitUntil(lambda: widget.draws >= 1)
    widget.figure.add_artist(Broken())
    widget.draw_idle()
    widget.repaint()  # the pending draw runs in this paint, and fails
    assert seen == []
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert str(seen[0]) == "cannot draw this"
