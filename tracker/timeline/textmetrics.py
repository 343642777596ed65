"""Text sizes in pixels without a renderer.

Label decluttering has to know how wide a label is before any artist exists, and it runs
on every pan and zoom. A shown label is measured by the ink the Agg renderer draws for it
(:func:`text_width_px`, which rasterises it into the renderer's cache); a per-character
estimate (sum of glyph advances, no kerning) is cheaper still and lets the layout reject
hopeless candidates without an exact measurement. Line heights come from the font
outlines (``text_to_path``).
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib import ft2font
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from tracker.timeline.textcache import font_of, ink_extent_px, learn_pairs

ELLIPSIS = "…"
# LoadFlags is matplotlib 3.10's enum of FreeType's load flags; before it, a plain constant.
_NO_HINTING = (ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags")
               else ft2font.LOAD_NO_HINTING)


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


def text_width_px(text: str, size: float, dpi: float, weight: str = "normal") -> float:
    """How far right of its origin the ink of ``text`` reaches, in pixels at ``dpi``, as
    the window's and export's Agg renderer draw it. Measured by rasterising it into the
    renderer's cache (tracker.timeline.textcache): a label that is shown is then drawn
    without laying it out again."""
    prop = _font(size) if weight == "normal" else _bold_font(size)
    return float(ink_extent_px(text, prop, dpi)[1])


def prepare_texts(texts: list[str], size: float, dpi: float, weight: str = "normal") -> None:
    """Ready ``texts`` for measuring (:func:`text_width_px`) with one text layout for all
    of them rather than one each (see tracker.timeline.textcache.learn_pairs)."""
    learn_pairs(texts, _font(size) if weight == "normal" else _bold_font(size), dpi)


@lru_cache(maxsize=64)
def _bold_font(size: float) -> FontProperties:
    return FontProperties(size=size, weight="bold")


@lru_cache(maxsize=4096)
def _char_width_pt(char: str, size: float) -> float:
    if char == " ":
        # A lone space has no outline; measure it between two letters instead.
        return text_extent_pt("x x", size)[0] - 2 * text_extent_pt("x", size)[0]
    # One character laid out is as wide as its advance: read that from the glyph (a
    # fifth of the cost of a layout, which a start pays for each of ~50 characters).
    # Characters the font lacks go through the layout, which finds a fallback font.
    font = font_of(_font(size))  # as text_to_path._get_font finds it, without the lookup
    font.set_size(text_to_path.FONT_SCALE, text_to_path.DPI)
    if len(char) == 1 and font.get_char_index(ord(char)):
        glyph = font.load_char(ord(char), flags=_NO_HINTING)
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
    scale = dpi / 72.0
    # Measuring rasterises the text: skip it for a title clearly too long (its estimate,
    # which is within a few per cent of the ink, is over a tenth too wide).
    if estimate_width_px(text, size, dpi) <= max_px * 1.1 and \
            text_width_px(text, size, dpi) <= max_px:
        return text
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
