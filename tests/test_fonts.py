"""Every script a system font has is drawn: the fallback chain and the glyph cache.

Passes with or without CJK fonts installed: where a font in the chain has a character,
it must be drawn (no "missing glyph"); the fallback mechanism itself is exercised with
fonts matplotlib ships."""

from __future__ import annotations

import pytest
from matplotlib.font_manager import FontProperties, findfont, fontManager
from matplotlib.ft2font import FT2Font

from tracker.timeline import textcache
from tracker.timeline.fonts import PRIMARY, family_chain

SAMPLES = {"Hangul": "하노이 정상회담", "Han": "河内峰会", "Arabic": "قمة هانوي",
           "Cyrillic": "Саммит в Ханое"}


def _has(family: str, char: str) -> bool:
    path = findfont(FontProperties(family=family), fallback_to_default=False)
    return bool(FT2Font(path).get_char_index(ord(char)))


def test_the_chain_starts_with_the_primary_font_and_lists_only_installed_ones() -> None:
    chain = family_chain()
    assert chain[0] == PRIMARY
    names = {f.name for f in fontManager.ttflist}
    assert all(f in names for f in chain)


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_a_script_is_drawn_whenever_a_font_in_the_chain_has_it(script: str) -> None:
    """What the chain draws, compared with DejaVu Sans alone (which draws a box for a
    character it lacks): the same picture where DejaVu has every character or no font in
    the chain has them, a different one (real glyphs) where a fallback has them."""
    text = SAMPLES[script]
    letters = [c for c in text if not c.isspace()]
    by_primary = all(_has(PRIMARY, c) for c in letters)
    by_chain = all(any(_has(f, c) for f in family_chain()) for c in letters)
    textcache.clear_cache()
    chained = textcache.text_mask(text, FontProperties(size=10), 100)
    alone = textcache.text_mask(text, FontProperties(family=[PRIMARY], size=10), 100)
    assert chained is not None and alone is not None
    same = chained[0].shape == alone[0].shape and chained[0].tobytes() == alone[0].tobytes()
    assert same == (by_primary or not by_chain), (script, family_chain())


def test_the_glyph_cache_takes_a_missing_character_from_the_next_font() -> None:
    # cmr10 (shipped with matplotlib) has no Cyrillic; DejaVu Sans has.
    assert not _has("cmr10", "Ж") and _has("DejaVu Sans", "Ж")
    textcache.clear_cache()
    chained = textcache.text_mask("Ж", FontProperties(family=["cmr10", "DejaVu Sans"],
                                                      size=10), 100)
    alone = textcache.text_mask("Ж", FontProperties(family=["DejaVu Sans"], size=10), 100)
    assert chained is not None and alone is not None
    assert chained[0].tobytes() == alone[0].tobytes()
