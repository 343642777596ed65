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
def test_label_widths_are_the_agg_renderers_own_measurements(dpi: float) -> None:
    """The layout measures a label as the renderer will, and the window's renderer takes
    that measurement instead of laying the text out again."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    from tracker.timeline.textcache import CachedTextRendererAgg

    plain, cached = RendererAgg(400, 100, dpi), CachedTextRendererAgg(400, 100, dpi)
    for text in ("White House meeting with Kim Yong Chol", "Hanoi — 27–28 Feb 2019", "…"):
        for prop in (FontProperties(size=8), FontProperties(size=11, weight="bold")):
            expected = plain.get_text_width_height_descent(text, prop, False)
            textmetrics.AGG_EXTENTS.clear()
            assert textmetrics.agg_extent_px(text, prop, dpi) == expected
            assert cached.get_text_width_height_descent(text, prop, False) == expected
            assert len(textmetrics.AGG_EXTENTS) == 1  # measured once, looked up after
        assert textmetrics.text_width_px(text, 8, dpi) == pytest.approx(
            plain.get_text_width_height_descent(text, FontProperties(size=8), False)[0])
