"""Text sizes in pixels without a renderer.

Label decluttering has to know how wide a label is before any artist exists, and it runs
on every pan and zoom. A shown label is measured exactly as matplotlib's Agg renderer
measures it (:func:`agg_extent_px`, cached and shared with the renderer); a
per-character estimate (sum of glyph advances, no kerning) is cheaper still and lets the
layout reject hopeless candidates without an exact measurement. Line heights come from
the font outlines (``text_to_path``).
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.textpath import text_to_path

ELLIPSIS = "…"


@lru_cache(maxsize=64)
def _font(size: float) -> FontProperties:
    """One FontProperties per size: building them is surprisingly costly."""
    return FontProperties(size=size)


@lru_cache(maxsize=65536)
def text_extent_pt(text: str, size: float) -> tuple[float, float, float]:
    """(width, height, descent) in points, cached by (text, size) because titles repeat
    across every redraw while the user pans."""
    w, h, d = text_to_path.get_text_width_height_descent(text, _font(size), ismath=False)
    return float(w), float(h), float(d)


def prop_key(prop: FontProperties) -> tuple:
    """What decides a font's metrics and glyphs: a FontProperties as a hashable key."""
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file())


# (text, prop_key, dpi, hinting) -> (width, height, descent) in pixels, as matplotlib's Agg
# renderer measures text before drawing it. The layout measures each label it shows; the
# window's and export's renderers (tracker.timeline.textcache) look the same key up here,
# so a new label is laid out by FreeType once, not once for the layout and once to draw.
AGG_EXTENTS: dict[tuple, tuple[float, float, float]] = {}
AGG_EXTENTS_MAX = 16384


def agg_extent_px(text: str, prop: FontProperties, dpi: float) -> tuple[float, float, float]:
    """(width, height, descent) of ``text`` in pixels at ``dpi``: the numbers
    RendererAgg.get_text_width_height_descent gives, by the same FreeType calls."""
    key = (text, prop_key(prop), dpi, get_hinting_flag())
    found = AGG_EXTENTS.get(key)
    if found is None:
        font = get_font(fontManager._find_fonts_by_props(prop))
        font.clear()
        font.set_size(prop.get_size_in_points(), dpi)
        font.set_text(text, 0.0, flags=get_hinting_flag())
        w, h = font.get_width_height()
        found = (w / 64.0, h / 64.0, font.get_descent() / 64.0)
        if len(AGG_EXTENTS) >= AGG_EXTENTS_MAX:
            AGG_EXTENTS.clear()
        AGG_EXTENTS[key] = found
    return found


def text_width_px(text: str, size: float, dpi: float) -> float:
    """Width of ``text`` in pixels at ``dpi`` as the Agg renderer draws it."""
    return agg_extent_px(text, _font(size), dpi)[0]


@lru_cache(maxsize=4096)
def _char_width_pt(char: str, size: float) -> float:
    if char == " ":
        # A lone space has no outline; measure it between two letters instead.
        return text_extent_pt("x x", size)[0] - 2 * text_extent_pt("x", size)[0]
    # One character laid out is as wide as its advance: read that from the glyph (a
    # fifth of the cost of a layout, which a start pays for each of ~50 characters).
    # Characters the font lacks go through the layout, which finds a fallback font.
    font = text_to_path._get_font(_font(size))
    if len(char) == 1 and font.get_char_index(ord(char)):
        glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
        return glyph.horiAdvance / 64.0 * size / text_to_path.FONT_SCALE
    return text_extent_pt(char, size)[0]


def estimate_width_px(text: str, size: float, dpi: float) -> float:
    """Fast width estimate (sum of per-character widths) used to skip labels that cannot
    fit anyway without paying for an exact measurement."""
    return sum(_char_width_pt(c, size) for c in text) * dpi / 72.0


def truncate_estimate(text: str, max_px: float, size: float, dpi: float) -> tuple[str, float]:
    """(text, estimated width px), cut with "…" by the per-character estimate. Used while
    searching for a place, where thousands of candidates may be tried per frame."""
    text = " ".join(text.split())
    scale = dpi / 72.0
    widths = [_char_width_pt(c, size) * scale for c in text]
    total = sum(widths)
    if total <= max_px:
        return text, total
    budget = max_px - _char_width_pt(ELLIPSIS, size) * scale
    acc = 0.0
    for n, cw in enumerate(widths):
        if acc + cw > budget:
            cut = text[:n].rstrip()
            return cut + ELLIPSIS, sum(widths[: len(cut)]) + _char_width_pt(ELLIPSIS, size) * scale
        acc += cw
    return text, total


@lru_cache(maxsize=64)
def line_metrics_px(size: float, dpi: float) -> tuple[float, float]:
    """(line height, descent) in pixels for one line of text at ``size``.

    Measured on a string with ascenders and descenders so every label row has the same
    height whatever its letters, which keeps rows aligned.
    """
    _w, h, d = text_extent_pt("Ágjy|", size)
    return h * dpi / 72.0, d * dpi / 72.0


@lru_cache(maxsize=16384)
def truncate_to_width(text: str, max_px: float, size: float, dpi: float) -> str:
    """``text`` shortened with "…" so it is at most ``max_px`` wide.

    Starts from the per-character estimate and corrects with exact measurements, so it
    needs only a few outline measurements even for long titles.
    """
    text = " ".join(text.split())
    if text_width_px(text, size, dpi) <= max_px:
        return text
    scale = dpi / 72.0
    budget = max_px - text_width_px(ELLIPSIS, size, dpi)
    acc = 0.0
    n = 0
    for n, c in enumerate(text):  # noqa: B007 - n is used after the loop
        acc += _char_width_pt(c, size) * scale
        if acc > budget:
            break
    while n > 0:
        candidate = text[:n].rstrip() + ELLIPSIS
        if text_width_px(candidate, size, dpi) <= max_px:
            return candidate
        n -= 1
    return ELLIPSIS
