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

Qt-free: :class:`CachedTextCanvasAgg` draws both the exported images and the window's
timeline (tracker.gui.figure_widget shows its buffer).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from itertools import pairwise

import numpy as np
from matplotlib import artist, ft2font, rcParams
from matplotlib.backends import _backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontManager, FontProperties, findfont, fontManager, get_font
from matplotlib.text import Text


def _missing_internals() -> list[str]:
    """The matplotlib internals the cached text path uses that this matplotlib lacks (they
    exist from matplotlib 3.11 on; none of them is public API)."""
    needed = {
        "ft2font.RenderMode": lambda: ft2font.RenderMode.NORMAL,
        "FT2Font._layout": lambda: ft2font.FT2Font._layout,
        "FT2Font._set_transform": lambda: ft2font.FT2Font._set_transform,
        "FT2Font._render_glyph": lambda: ft2font.FT2Font._render_glyph,
        "FontManager._find_fonts_by_props": lambda: FontManager._find_fonts_by_props,
        "RendererAgg.draw_text_image": lambda: _backend_agg.RendererAgg.draw_text_image,
    }
    missing = []
    for name, probe in needed.items():
        try:
            probe()
        except AttributeError:
            missing.append(name)
    return missing


# Checked once at load. Where anything is missing, text takes matplotlib's own path: the
# canvases below give plain RendererAgg, FastText draws as Text, and text is measured
# with FT2Font's public layout (tests/test_textcache_fallback.py forces this).
MISSING_INTERNALS = _missing_internals()
FAST = not MISSING_INTERNALS

MAX_ENTRIES = 4096  # masks are a few kB each: a few MB at most
_IDENTITY = np.array([[0x10000, 0], [0, 0x10000]])

# key -> (mask uint8 [rows, cols], left px, top px) relative to the text origin (y up)
_Mask = tuple[np.ndarray, int, int]
_cache: OrderedDict[tuple, _Mask | None] = OrderedDict()
_heights: dict[tuple, tuple[float | None, float | None, float | None]] = {}
stats = {"hits": 0, "misses": 0}


# ((font file and face, size, dpi, hinting, antialiased), glyph, x and y offset in 1/64
# px) -> (left, top, light let through) of that glyph rendered at that sub-pixel offset.
# A string's mask is put together from these: the first frame's ~1,500 glyphs are ~350
# distinct ones.
_glyphs: dict[tuple, tuple[int, int, np.ndarray]] = {}
MAX_GLYPHS = 16384
MAX_GLYPH_BYTES = 32 << 20  # float32 glyphs of a 300-dpi export are ~4 kB each
_glyph_bytes = [0]


# (font file and face, size, dpi, hinting) -> {(char, next char): how far right of the
# first the next one's glyph goes, in 1/64 px, or None where the pair forms a ligature}.
# Where a string's pairs are all known its glyphs are placed without a layout (below).
_pairs: dict[tuple, dict[tuple[str, str], int | None]] = {}
_char_glyphs: dict[tuple, dict[str, int]] = {}

# While a frame is recorded (the window's first, see tracker.timeline.glyphstore): the
# glyph keys it used and the (pair table, string) of each string it placed by pairs.
recording: dict[str, set] | None = None


def start_recording() -> None:
    global recording
    recording = {"glyphs": set(), "strings": set()}


def stop_recording() -> dict[str, set] | None:
    """Stop recording; what was recorded (None if nothing was)."""
    global recording
    recorded, recording = recording, None
    return recorded


def clear_cache() -> None:
    _cache.clear()
    _fonts.clear()
    _glyphs.clear()
    _glyph_bytes[0] = 0
    _heights.clear()
    _pairs.clear()
    _char_glyphs.clear()
    stats["hits"] = stats["misses"] = 0


_fonts: dict[tuple, object] = {}
_RC_FAMILIES = ("font.family", "font.serif", "font.sans-serif", "font.cursive",
                "font.fantasy", "font.monospace")


def font_of(prop: FontProperties):
    """The FT2Font (with its fallbacks) that RendererAgg draws ``prop`` with, found once
    per font and thread: matplotlib's lookup costs ~50 rcParams reads a call, and text
    measuring and drawing ask on every new string."""
    key = (prop_key(prop), tuple(tuple(rcParams[k]) for k in _RC_FAMILIES),
           render_settings(),
           threading.get_ident())  # get_font gives each thread FT2Fonts of its own
    font = _fonts.get(key)
    if font is None:
        if len(_fonts) > 256:
            _fonts.clear()
        font = _fonts[key] = (get_font(fontManager._find_fonts_by_props(prop)) if FAST
                              else get_font(findfont(prop)))
    return font


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
    if not FAST:
        return _public_ink_extent_px(s, prop, dpi)
    entry = text_mask(s, prop, dpi)
    if entry is None:
        return 0, 0, 0
    mask, left, top = entry
    return left, left + mask.shape[1], top


def _public_ink_extent_px(s: str, prop: FontProperties, dpi: float) -> tuple[int, int, int]:
    """ink_extent_px by FT2Font's public layout, as RendererAgg draws text where the
    internals are missing: the bitmap's offset and size, less its descent."""
    if not s.strip():
        return 0, 0, 0
    font, _size, flags = _sized_font(prop, dpi)
    font.set_text(s, 0, flags=flags)
    xo, _yo = font.get_bitmap_offset()
    width, height = font.get_width_height()
    left = round(xo / 64)
    return left, left + round(width / 64), round((height - font.get_descent()) / 64)


def ink_middle_px(s: str, prop: FontProperties, dpi: float) -> float:
    """Pixels right of its origin of the middle of the ink of ``s``: a text drawn from
    its origin at x - ink_middle_px is centred on x by its ink."""
    left, right, _top = ink_extent_px(s, prop, dpi)
    return (left + right) / 2


def font_height_metrics(prop: FontProperties, dpi: float) -> tuple:
    """(ascent, descent, line gap) in pixels of ``prop``'s font, from its tables as
    Text._get_layout reads them; cached per font and size."""
    key = (prop_key(prop), dpi)
    found = _heights.get(key)
    if found is None:
        found = (None, None, None)
        font = font_of(prop)
        for table_name, gap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ):
            table = font.get_sfnt_table(table_name)
            # matplotlib before 3.10 reads fewer fields of the OS/2 table
            if table is None or not {gap_key, ascent_key, descent_key} <= table.keys():
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


def _sized_font(prop: FontProperties, dpi: float) -> tuple[object, float, object]:
    """(font, size in points, hinting flags) set up as RendererAgg._prepare_font does."""
    font = font_of(prop)
    font.clear()
    size = prop.get_size_in_points()
    font.set_size(size, dpi)
    return font, size, get_hinting_flag()


def _rasterise(s: str, prop: FontProperties, dpi: float, antialiased: bool, features,
               language) -> _Mask | None:
    """The coverage of ``s`` drawn at origin (0, 0), composited glyph by glyph exactly as
    RendererAgg draws them (each glyph over the ones before)."""
    font, size, flags = _sized_font(prop, dpi)
    placed = None
    if not features and not language:
        placed = _place_by_pairs(s, font, size, dpi, flags)
        if recording is not None:  # placed by pairs, or known not to be
            recording["strings"].add((_table_key(font, size, dpi, flags), s))
    if placed is None:
        placed = [(item.ft_object, item.glyph_index, round(0x40 * item.x), round(0x40 * item.y))
                  for item in font._layout(s, flags=flags, features=features,
                                           language=language)]
    mode = ft2font.RenderMode.NORMAL if antialiased else ft2font.RenderMode.MONO
    glyphs = []
    if len(_glyphs) > MAX_GLYPHS or _glyph_bytes[0] > MAX_GLYPH_BYTES:
        _glyphs.clear()
        _glyph_bytes[0] = 0
    face_keys: dict[int, tuple] = {}
    settings = render_settings()
    for ft, glyph_index, x64, y64 in placed:
        # The whole-pixel part of the offset only moves the bitmap: render each glyph
        # once per sub-pixel offset and move it (FreeType's own result, the same bytes).
        ix, fx = divmod(x64, 0x40)
        iy, fy = divmod(y64, 0x40)
        face = face_keys.get(id(ft))
        if face is None:
            # a collection (.ttc) holds several faces under one file name
            face = face_keys[id(ft)] = (ft.fname, getattr(ft, "face_index", 0), size, dpi,
                                        flags.value, antialiased, *settings)
        key = (face, glyph_index, fx, fy)
        if recording is not None:
            recording["glyphs"].add(key)
        glyph = _glyphs.get(key)
        if glyph is None:
            ft.set_size(size, dpi)
            ft._set_transform(_IDENTITY, [fx, fy])
            bitmap = ft._render_glyph(glyph_index, flags, mode)
            buf = np.array(bitmap.buffer, dtype=np.uint8, copy=True)
            if not antialiased:
                buf *= 0xFF
            # kept as the share of light let through, 1 - coverage: a glyph drawn over
            # others then multiplies the mask (see below)
            glyph = _glyphs[key] = (bitmap.left, bitmap.top,
                                    1.0 - buf.astype(np.float32) / 255.0)
            _glyph_bytes[0] += glyph[2].nbytes
        left, top, clear = glyph
        if clear.size:
            glyphs.append((left + ix, top + iy, clear))
    if not glyphs:
        return None
    left = min(g[0] for g in glyphs)
    top = max(g[1] for g in glyphs)
    right = max(g[0] + g[2].shape[1] for g in glyphs)
    bottom = min(g[1] - g[2].shape[0] for g in glyphs)
    # "over", as successive draw_text_image calls: coverage c + a(1 - c), that is light
    # let through (1 - c)(1 - a)
    through = np.ones((top - bottom, right - left), dtype=np.float32)
    for gl, gt, clear in glyphs:
        r0, c0 = top - gt, gl - left
        through[r0:r0 + clear.shape[0], c0:c0 + clear.shape[1]] *= clear
    return np.round((1.0 - through) * 255.0).astype(np.uint8), left, top


def _simple_char(c: str) -> bool:
    """Latin letters, digits and punctuation: characters that HarfBuzz places by their
    advance and pair kerning alone (no marks, no right-to-left, no complex shaping)."""
    o = ord(c)
    # not the soft hyphen (U+00AD) nor U+2028-U+202F (separators, direction controls):
    # HarfBuzz draws those as invisible glyphs
    return (0x20 <= o < 0x7F or (0xA0 <= o < 0x300 and o != 0xAD)
            or 0x2010 <= o < 0x2028 or 0x2030 <= o < 0x2050)


def _place_by_pairs(s: str, font, size: float, dpi: float,
                    flags) -> list[tuple[object, int, int, int]] | None:
    """(font, glyph, x, y in 1/64 px) for each character of ``s`` as ``font._layout``
    places them, from the distance between each pair of neighbouring characters, or None
    where the layout must run (other characters, a ligature, a glyph the font lacks).

    matplotlib lays a string out with libraqm/HarfBuzz, which loads every glyph again on
    each call (~10 µs a character, most of a new label's first frame). For these
    characters a glyph's place is the previous one's plus its advance and the pair's
    kerning, all whole 1/64 px: learned once per pair from layouts of the pairs themselves
    and then added up, which gives the very numbers the layout does (tested)."""
    pairs, glyph_of = _tables(font, size, dpi, flags)
    if not _placeable(s, font, glyph_of):
        return None
    missing = {p for p in pairwise(s) if p not in pairs}
    if missing:
        _learn_pairs(missing, font, flags, pairs)
    x = 0
    placed = [(font, glyph_of[s[0]], 0, 0)]
    for a, b in pairwise(s):
        step = pairs.get((a, b))
        if step is None:
            return None
        x += step
        placed.append((font, glyph_of[b], x, 0))
    return placed


def render_settings() -> tuple:
    """The font settings besides the font, size, dpi and hinting that change glyphs or
    their places (matplotlib's hinting and kerning factors)."""
    return rcParams["text.hinting_factor"], rcParams["text.kerning_factor"]


def _table_key(font, size: float, dpi: float, flags) -> tuple:
    return (font.fname, getattr(font, "face_index", 0), size, dpi, flags.value,
            *render_settings())


def _tables(font, size: float, dpi: float, flags) -> tuple[dict, dict]:
    key = _table_key(font, size, dpi, flags)
    return _pairs.setdefault(key, {}), _char_glyphs.setdefault(key, {})


def _placeable(s: str, font, glyph_of: dict[str, int]) -> bool:
    """Whether ``s`` can be placed by pairs: simple characters the font itself has."""
    if not s or not all(map(_simple_char, s)):
        return False
    for c in s:
        if c not in glyph_of:
            glyph_of[c] = font.get_char_index(ord(c))
        if not glyph_of[c]:
            return False  # a fallback font would draw it
    return True


def learn_pairs(strings: Iterable[str], prop: FontProperties, dpi: float) -> None:
    """Learn the character pairs of ``strings`` not known yet with one layout, before
    they are rasterised one by one: a frame's new labels then cost one layout call
    instead of one each."""
    if not FAST:
        return
    font, size, flags = _sized_font(prop, dpi)
    pairs, glyph_of = _tables(font, size, dpi, flags)
    missing = {p for s in strings if _placeable(s, font, glyph_of)
               for p in pairwise(s) if p not in pairs}
    if missing:
        _learn_pairs(missing, font, flags, pairs)


def _learn_pairs(missing: set[tuple[str, str]], font, flags,
                 pairs: dict[tuple[str, str], int | None]) -> None:
    """Lay out the ``missing`` pairs and record each neighbour distance: first chained
    into one string (``ab`` and ``bc`` as ``abc``), then what that did not settle (pairs
    next to a ligature) each on its own; a pair that forms a ligature is recorded as None,
    so strings holding it take the full layout."""
    todo = set(missing)
    chain: list[str] = []
    starts: dict[str, list[str]] = {}
    for a, b in sorted(todo, reverse=True):
        starts.setdefault(a, []).append(b)
    for a, b in sorted(todo):
        if (a, b) not in todo:
            continue
        if not chain or chain[-1] != a:
            chain.append(a)
        chain.append(b)
        todo.discard((a, b))
        while nexts := starts.get(chain[-1]):  # follow on where a missing pair starts
            c = nexts.pop()
            if (chain[-1], c) in todo:
                todo.discard((chain[-1], c))
                chain.append(c)
    _record_pairs("".join(chain), font, flags, pairs)
    left = [p for p in missing if p not in pairs]
    if left:
        # with a space between them, which forms no ligature (the pairs it makes with
        # its neighbours are measured like any other)
        _record_pairs(" ".join(a + b for a, b in left), font, flags, pairs)
    for p in missing:
        pairs.setdefault(p, None)


def _record_pairs(text: str, font, flags, pairs: dict[tuple[str, str], int | None]) -> None:
    """Record the distance between neighbouring one-character items of ``text``'s layout;
    pairs inside a ligature as None. Learns nothing from a layout that does not keep the
    characters in order (which these characters never make)."""
    pos = 0  # index into text of the current item's first character
    prev: tuple[int, str] | None = None  # (x, char) of the one-character item just before
    for item in font._layout(text, flags=flags):
        cluster = item.char
        if text[pos:pos + len(cluster)] != cluster or item.y:
            return
        x = round(0x40 * item.x)
        if (len(cluster) == 1 and item.ft_object is font
                and item.glyph_index == font.get_char_index(ord(cluster))):
            if prev is not None and pairs.get((prev[1], cluster), 0) is not None:
                pairs[(prev[1], cluster)] = x - prev[0]
            prev = (x, cluster)
        else:  # a ligature, a substituted glyph or another font: never by pairs (the
            # pairs on either side are learned on their own, see _learn_pairs)
            for a, b in pairwise(cluster):
                pairs[(a, b)] = None
            prev = None
        pos += len(cluster)


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
        if not FAST:
            return super().get_renderer()
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(getattr(self, "renderer", None),
                                                  CachedTextRendererAgg):
            self.renderer = CachedTextRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class CachedTextCanvasAgg(CachedTextRendererMixin, FigureCanvasAgg):
    """Headless Agg canvas with cached text, for PNG export."""
