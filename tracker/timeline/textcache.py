"""Agg text from a cache of rendered glyph masks: each string is rasterised once.

Text is the expensive part of a timeline redraw: matplotlib's Agg renderer shapes every
string and rasterises every glyph again on each draw (about 1.5–2 ms per 20-character
label). The labels, counts and date ticks of a timeline repeat from one frame to the next
while the user pans and zooms, so :class:`CachedTextRendererAgg` keeps the coverage mask
of each (string, font, size, dpi) and composites it with one ``draw_text_image`` call.

The picture is the same text in the same place: the mask is rasterised by the same
FreeType calls with the same hinting, and only its sub-pixel offset is rounded to a whole
pixel (matplotlib < 3.11 placed all Agg text that way). Rotated text and math text take
matplotlib's own path. Vector output (SVG, PDF) never comes here, so it keeps real text.

Qt-free: :class:`CachedTextCanvasAgg` is for headless export, and the window's
FigureCanvasQTAgg subclass mixes in :class:`CachedTextRendererMixin`.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib import artist, rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import RenderMode
from matplotlib.text import Text

MAX_ENTRIES = 4096  # masks are a few kB each: a few MB at most
_IDENTITY = np.array([[0x10000, 0], [0, 0x10000]])

# key -> (mask uint8 [rows, cols], left px, top px) relative to the text origin (y up)
_Mask = tuple[np.ndarray, int, int]
_cache: OrderedDict[tuple, _Mask | None] = OrderedDict()
_heights: dict[tuple, tuple[float | None, float | None, float | None]] = {}
stats = {"hits": 0, "misses": 0}


# (font file and face, size, dpi, glyph, hinting, antialiased, x and y offset in 1/64 px) ->
# (left, top, coverage) of that glyph rendered at that sub-pixel offset. A string's mask is
# put together from these: the first frame's ~1,500 glyphs are ~350 distinct ones.
_glyphs: dict[tuple, tuple[int, int, np.ndarray]] = {}
MAX_GLYPHS = 16384


def clear_cache() -> None:
    _cache.clear()
    _glyphs.clear()
    _heights.clear()
    stats["hits"] = stats["misses"] = 0


def prop_key(prop: FontProperties) -> tuple:
    """What decides a font's metrics and glyphs: a FontProperties as a hashable key."""
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file())


def text_mask(s: str, prop: FontProperties, dpi: float, antialiased: bool = True,
              features=None, language=None) -> _Mask | None:
    """The cached coverage mask of ``s`` drawn at its origin (None for blank text): what
    :class:`CachedTextRendererAgg` composites, rasterised on first use."""
    key = (s, prop_key(prop), dpi, get_hinting_flag(), antialiased,
           tuple(features) if features else None, language)
    try:
        entry = _cache[key]
        _cache.move_to_end(key)
        stats["hits"] += 1
    except KeyError:
        stats["misses"] += 1
        entry = _rasterise(s, prop, dpi, antialiased, features, language)
        _cache[key] = entry
        if len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return entry


def ink_extent_px(s: str, prop: FontProperties, dpi: float) -> tuple[int, int, int]:
    """(left, right, top) in whole pixels of the ink of ``s`` drawn at its origin (y up)
    by the Agg renderer: measuring a label this way rasterises the mask that draws it."""
    entry = text_mask(s, prop, dpi)
    if entry is None:
        return 0, 0, 0
    mask, left, top = entry
    return left, left + mask.shape[1], top


def font_height_metrics(prop: FontProperties, dpi: float) -> tuple:
    """(ascent, descent, line gap) in pixels of ``prop``'s font, from its tables as
    Text._get_layout reads them; cached per font and size."""
    key = (prop_key(prop), dpi)
    found = _heights.get(key)
    if found is None:
        found = (None, None, None)
        font = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ):
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            scale = (1 / font.get_sfnt_table("head")["unitsPerEm"]
                     * prop.get_size_in_points() * dpi / 72)
            found = (table[ascent_key] * scale, -table[descent_key] * scale,
                     table[gap_key] * scale)
            break
        _heights[key] = found
    return found


class CachedTextRendererAgg(RendererAgg):
    """RendererAgg whose horizontal plain text comes from cached glyph masks."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or angle % 360 or not s:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        entry = text_mask(s, prop, self.dpi, bool(gc.get_antialiased()), features, language)
        if entry is None:
            return None
        mask, left, top = entry
        ox, oy = round(x), round(self.height - y)  # the text origin, whole pixels, y up
        # draw_text_image takes the left edge and the bottom edge counted from the top.
        self._renderer.draw_text_image(mask, ox + left, int(self.height) - (oy + top)
                                       + mask.shape[0], 0, gc)
        return None

    def _get_font_height_metrics(self, prop: FontProperties):
        """matplotlib's hook for the font's line metrics, read on every draw of every
        text: from a cache (see font_height_metrics)."""
        return font_height_metrics(prop, self.dpi)


def _rasterise(s: str, prop: FontProperties, dpi: float, antialiased: bool, features,
               language) -> _Mask | None:
    """The coverage of ``s`` drawn at origin (0, 0), composited glyph by glyph exactly as
    RendererAgg draws them (each glyph over the ones before)."""
    font = get_font(fontManager._find_fonts_by_props(prop))  # as RendererAgg._prepare_font
    font.clear()
    size = prop.get_size_in_points()
    font.set_size(size, dpi)
    flags = get_hinting_flag()
    items = font._layout(s, flags=flags, features=features, language=language)
    mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
    glyphs = []
    if len(_glyphs) > MAX_GLYPHS:
        _glyphs.clear()
    for item in items:
        ft = item.ft_object
        # The whole-pixel part of the offset only moves the bitmap: render each glyph
        # once per sub-pixel offset and move it (FreeType's own result, the same bytes).
        ix, fx = divmod(round(0x40 * item.x), 0x40)
        iy, fy = divmod(round(0x40 * item.y), 0x40)
        # a collection (.ttc) holds several faces under one file name
        key = (ft.fname, getattr(ft, "face_index", 0), size, dpi, item.glyph_index,
               flags, antialiased, fx, fy)
        glyph = _glyphs.get(key)
        if glyph is None:
            ft.set_size(size, dpi)
            ft._set_transform(_IDENTITY, [fx, fy])
            bitmap = ft._render_glyph(item.glyph_index, flags, mode)
            buf = np.array(bitmap.buffer, dtype=np.uint8, copy=True)
            if not antialiased:
                buf *= 0xFF
            glyph = _glyphs[key] = (bitmap.left, bitmap.top, buf)
        left, top, buf = glyph
        if buf.size:
            glyphs.append((left + ix, top + iy, buf))
    if not glyphs:
        return None
    left = min(g[0] for g in glyphs)
    top = max(g[1] for g in glyphs)
    right = max(g[0] + g[2].shape[1] for g in glyphs)
    bottom = min(g[1] - g[2].shape[0] for g in glyphs)
    cover = np.zeros((top - bottom, right - left), dtype=np.float32)
    for gl, gt, buf in glyphs:
        r0, c0 = top - gt, gl - left
        region = cover[r0:r0 + buf.shape[0], c0:c0 + buf.shape[1]]
        a = buf.astype(np.float32) / 255.0
        region += a * (1.0 - region)  # "over", as successive draw_text_image calls
    return np.round(cover * 255.0).astype(np.uint8), left, top


class FastText(Text):
    """A Text that, aligned left and on its baseline, unrotated, single-line plain text,
    is drawn by a :class:`CachedTextRendererAgg` straight from its mask.

    Where a Text goes then does not depend on its size, yet matplotlib measures every Text
    before drawing it: a FreeType layout of its own, as costly as drawing it the first
    time. This skips that measurement; other renderers (SVG, PDF) and other alignments
    take matplotlib's own path. The pixels are the same (tested)."""

    def _fast(self) -> bool:
        return (self.get_horizontalalignment() == "left"
                and self.get_verticalalignment() == "baseline"
                and not self.get_rotation() and not self.get_usetex()
                and not self.get_path_effects() and self.get_bbox_patch() is None
                and not self.get_parse_math() and "\n" not in self.get_text())

    @artist.allow_rasterization
    def draw(self, renderer):
        if not isinstance(renderer, CachedTextRendererAgg) or not self._fast():
            return super().draw(renderer)
        self._renderer = renderer
        if not self.get_visible() or self.get_text() == "":
            return None
        posx, posy = self.get_transform().transform(
            (float(self.convert_xunits(self._x)), float(self.convert_yunits(self._y))))
        if not (np.isfinite(posx) and np.isfinite(posy)):
            return None
        renderer.open_group("text", self.get_gid())
        gc = renderer.new_gc()
        gc.set_foreground(to_rgba(self.get_color()), isRGBA=True)
        gc.set_alpha(self.get_alpha())
        gc.set_url(self._url)
        gc.set_antialiased(getattr(self, "_antialiased", rcParams["text.antialiased"]))
        gc.set_snap(self.get_snap())
        self._set_gc_clip(gc)
        if renderer.flipy():  # as Text.draw
            posy = renderer.get_canvas_width_height()[1] - posy
        renderer.draw_text(gc, posx, posy, self.get_text(), self._fontproperties, 0,
                           ismath=False, mtext=self)
        gc.restore()
        renderer.close_group("text")
        self.stale = False
        return None


class CachedTextRendererMixin:
    """For FigureCanvasAgg subclasses: make their renderer a CachedTextRendererAgg."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(getattr(self, "renderer", None),
                                                  CachedTextRendererAgg):
            self.renderer = CachedTextRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class CachedTextCanvasAgg(CachedTextRendererMixin, FigureCanvasAgg):
    """Headless Agg canvas with cached text, for PNG export."""
