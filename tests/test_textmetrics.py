"""Text widths without a renderer: the per-character widths used by label estimates."""

from __future__ import annotations

import pytest

from tracker.timeline import textmetrics
from tracker.timeline.textmetrics import text_extent_pt

CHARS = [chr(c) for c in range(33, 127)] + list("éèüöäßçñ–—…·’“”ōūĐđ")


@pytest.mark.parametrize("size", [8, 7.2, 11])
def test_character_widths_read_from_glyphs_equal_laid_out_widths(size: float) -> None:
    textmetrics._char_width_pt.cache_clear()
    for char in CHARS:
        assert textmetrics._char_width_pt(char, size) == pytest.approx(
            text_extent_pt(char, size)[0], abs=1e-9), char


@pytest.mark.filterwarnings("ignore:Glyph")
def test_a_character_the_font_lacks_is_still_measured() -> None:
    textmetrics._char_width_pt.cache_clear()
    assert textmetrics._char_width_pt("\u4e2d", 8) == text_extent_pt("\u4e2d", 8)[0]


@pytest.mark.parametrize("dpi", [72, 100, 200])
def test_a_label_is_measured_by_its_ink_and_drawn_from_that_mask(dpi: float) -> None:
    """Measuring a label rasterises the mask that draws it: the first frame lays each
    label out once, not once to measure, once for matplotlib to measure, once to draw."""
    import numpy as np
    from matplotlib.figure import Figure

    from tracker.timeline import textcache
    from tracker.timeline.textcache import CachedTextCanvasAgg, FastText

    textcache.clear_cache()
    text = "White House meeting with Kim Yong Chol"
    width = textmetrics.text_width_px(text, 8, dpi)
    fig = Figure(figsize=(4, 1), dpi=dpi)
    CachedTextCanvasAgg(fig)
    fig.add_artist(FastText(0.01, 0.5, text, fontsize=8, parse_math=False))
    misses = textcache.stats["misses"]
    fig.canvas.draw()
    assert textcache.stats["misses"] == misses  # drawn from the measured mask
    img = np.asarray(fig.canvas.buffer_rgba())[:, :, 0]
    inked = np.flatnonzero((img < 250).any(axis=0))
    assert inked[-1] - inked[0] + 1 <= width  # the ink drawn is what was measured


@pytest.mark.parametrize("ha,va", [("left", "baseline"), ("center", "top")])
def test_fast_text_draws_the_pixels_matplotlib_draws(ha: str, va: str) -> None:
    """Left on the baseline, a FastText skips matplotlib's measuring and is drawn from its
    mask: the pixels of matplotlib's own renderer (at these whole-pixel origins). Any other
    alignment takes Text's own path: the pixels of a Text on the same canvas."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from tracker.timeline.textcache import CachedTextCanvasAgg, FastText

    pictures = []
    reference = FigureCanvasAgg if ha == "left" else CachedTextCanvasAgg
    for canvas_class, text_class in ((reference, Text), (CachedTextCanvasAgg, FastText)):
        fig = Figure(figsize=(4, 1), dpi=100)
        canvas_class(fig)
        for i, text in enumerate(("Singapore summit: Trump and Kim Jong Un", "2019", "Feb")):
            fig.add_artist(text_class((20 + 40 * i) / 400, (30 + 20 * i) / 100, text,
                                      fontsize=8, ha=ha, va=va, color="#332288",
                                      parse_math=False))
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
    assert np.array_equal(pictures[0], pictures[1])
