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
