"""The cached text path needs matplotlib internals (tracker.timeline.textcache checks for
them when it loads). Without them text takes matplotlib's own path; forcing that here,
the picture and the measurements must match the cached path's."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from tracker.timeline import textcache
from tracker.timeline.textcache import CachedTextCanvasAgg, FastText

TEXTS = ["Singapore summit", "White House meeting with Kim Yong Chol", "Ágjy| 27–28 Feb",
         "Second Trump–Kim summit (planned)"]


def _picture() -> np.ndarray:
    fig = Figure(figsize=(6, 2), dpi=100)
    canvas = CachedTextCanvasAgg(fig)
    for i, text in enumerate(TEXTS):
        fig.add_artist(FastText(0.05, 0.1 + 0.2 * i, text, fontsize=8 + i,
                                transform=fig.transFigure))
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


@pytest.fixture
def fallback(monkeypatch):
    textcache.clear_cache()
    monkeypatch.setattr(textcache, "FAST", False)
    yield
    textcache.clear_cache()


def test_this_matplotlib_has_what_the_cached_path_needs():
    # Every matplotlib the app allows (3.11 and newer) has them today; the check keeps a
    # future release that drops one drawing (through the fallback) instead of crashing.
    assert (textcache.MISSING_INTERNALS == []) == textcache.FAST


def test_the_fallback_draws_the_same_picture(fallback):
    slow = _picture()
    textcache.FAST = not textcache.MISSING_INTERNALS
    fast = _picture()
    assert slow.shape == fast.shape
    differs = np.abs(slow - fast).max(axis=2) > 64
    # Same text in the same place: the cached path rounds each string's sub-pixel offset
    # to a whole pixel, so only edge pixels of the glyphs may differ.
    ink = (fast.min(axis=2) < 128).sum()
    assert ink > 500
    assert differs.sum() <= 0.1 * ink


def test_the_fallback_measures_text_as_drawn(fallback):
    prop = FontProperties(size=9)
    slow = [textcache.ink_extent_px(t, prop, 100) for t in TEXTS]
    textcache.FAST = not textcache.MISSING_INTERNALS
    textcache.clear_cache()
    fast = [textcache.ink_extent_px(t, prop, 100) for t in TEXTS]
    for a, b in zip(slow, fast, strict=True):
        assert all(abs(x - y) <= 1 for x, y in zip(a, b, strict=True)), (a, b)


def test_the_fallback_canvas_uses_matplotlibs_own_renderer(fallback):
    fig = Figure(figsize=(2, 1), dpi=100)
    canvas = CachedTextCanvasAgg(fig)
    assert not isinstance(canvas.get_renderer(), textcache.CachedTextRendererAgg)
