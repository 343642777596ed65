"""Frames on one axes reuse their artists, and draw what a fresh render draws.

Mechanisms only (no timings): the painter keeps its collections, texts and date locator
between frames; the cached Agg text draws the same pixels as matplotlib's own text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tracker.timeline import textcache
from tracker.timeline.items import Bin, TimelineData, TimelineItem, TimelineLink
from tracker.timeline.layout import Layout, build_layout, fit_view
from tracker.timeline.painter import TimelinePainter
from tracker.timeline.render import axes_size_px, place_axes, render
from tracker.timeline.textcache import CachedTextCanvasAgg
from tracker.timeline.theme import DARK, LIGHT


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def data() -> TimelineData:
    base = day("2019-01-01")
    statuses = ["occurred", "planned", "announced", "speculated", "postponed", "cancelled"]
    items = [TimelineItem(i, f"Event number {i} with a longish title", statuses[i % 6],
                          ["summit", "meeting", "statement"][i % 3], "day", base + 3 * i,
                          base + 3 * i + (i % 4 == 0) * 9, priority=i % 5)
             for i in range(120)]
    links = [TimelineLink(i, i + 7, "announces") for i in range(0, 100, 9)]
    bins = [Bin(base + 10 * i, base + 10 * i + 9, 5 + i % 17) for i in range(40)]
    return TimelineData(items=items, links=links, bins=bins, total_in_view=4000,
                        reference_day=base + 100)


def figure(canvas_class=CachedTextCanvasAgg):
    fig = Figure(figsize=(12, 4), dpi=100)
    canvas_class(fig)
    return fig, place_axes(fig)


def layouts(d: TimelineData, ax, n: int = 10) -> list[Layout]:
    """A pan back and forth, then a zoom: the frames a user's drag and wheel cause."""
    v0, v1 = fit_view(d)
    size = axes_size_px(ax)
    step = (v1 - v0) * 40 / size[0]
    views = [(v0 + s * step, v1 + s * step) for s in (1, -1) * (n // 2)]
    views.append((v0 + (v1 - v0) * 0.3, v1 - (v1 - v0) * 0.3))
    return [build_layout(d, v, size, 100) for v in views]


def test_pans_reuse_texts_collections_and_the_date_locator() -> None:
    d = data()
    fig, ax = figure()
    painter = TimelinePainter(ax, LIGHT)
    frames = layouts(d, ax)
    for layout in frames:  # the text pool grows to the most lines a frame needs, once
        painter.update(layout, selected=3)
    painter.update(frames[0], selected=3)
    fig.canvas.draw()
    children = list(ax.get_children())
    texts = list(ax.texts)
    locator, formatter = ax.xaxis.get_major_locator(), ax.xaxis.get_major_formatter()
    ticks = list(ax.xaxis.majorTicks)
    for layout in frames[1:-1]:
        artists = painter.update(layout, selected=3)
        fig.canvas.draw()
        assert [t.get_text() for t in artists.labels] == [
            line for lab in layout.labels for line in lab.lines]
    assert ax.get_children() == children  # nothing added or removed: the same objects
    assert list(ax.texts) == texts
    assert ax.xaxis.get_major_locator() is locator
    assert ax.xaxis.get_major_formatter() is formatter
    assert ax.xaxis.majorTicks[:len(ticks)] == ticks  # ticks are not rebuilt


def test_hidden_pool_texts_are_not_drawn_as_labels() -> None:
    d = data()
    _fig, ax = figure()
    painter = TimelinePainter(ax, LIGHT)
    wide, narrow = layouts(d, ax)[0], layouts(d, ax)[-1]
    painter.update(wide)
    n_pool = len(ax.texts)
    artists = painter.update(build_layout(d, narrow.view, narrow.size_px, 100, max_labels=3))
    assert len(artists.labels) <= 3
    visible = [t for t in ax.texts if t.get_visible()]
    assert len(visible) == len(artists.labels) + len(artists.counts) + \
        (artists.note is not None) + (artists.reference_label is not None) + \
        len(artists.ticks) + (artists.tick_offset is not None)
    assert artists.ticks and all(t in artists.axis_texts for t in artists.ticks)
    assert len(ax.texts) == n_pool


def test_a_reused_axes_draws_the_same_picture_as_a_fresh_one() -> None:
    """The window (one painter, many frames) and export (a fresh axes) must agree."""
    d = data()
    fig, ax = figure()
    painter = TimelinePainter(ax, DARK)
    frames = layouts(d, ax)
    for layout in frames:
        painter.update(layout, DARK, selected=14, highlighted={7, 8})
    fig.canvas.draw()
    reused = np.asarray(fig.canvas.buffer_rgba()).copy()

    fig2, ax2 = figure()
    render(ax2, frames[-1], DARK, selected=14, highlighted={7, 8})
    fig2.canvas.draw()
    fresh = np.asarray(fig2.canvas.buffer_rgba())
    assert reused.shape == fresh.shape
    assert np.array_equal(reused, fresh)


def test_theme_change_restyles_without_new_artists() -> None:
    d = data()
    fig, ax = figure()
    painter = TimelinePainter(ax, LIGHT)
    layout = layouts(d, ax)[0]
    painter.update(layout)
    children = list(ax.get_children())
    painter.update(layout, DARK)
    assert ax.get_children() == children
    fig.canvas.draw()
    fig2, ax2 = figure()
    render(ax2, layout, DARK)
    fig2.canvas.draw()
    assert np.array_equal(np.asarray(fig.canvas.buffer_rgba()),
                          np.asarray(fig2.canvas.buffer_rgba()))


def _by_matplotlib_and_cached(texts: list[tuple[str, dict]]) -> tuple[np.ndarray, Figure]:
    """``texts`` (each at whole-pixel positions, where the cache must be exact) drawn by
    matplotlib's own Agg canvas and by the cached one: the pictures must be equal."""
    pictures = []
    for canvas_class in (FigureCanvasAgg, CachedTextCanvasAgg):
        fig = Figure(figsize=(4, 1), dpi=100)
        canvas_class(fig)
        for i, (text, style) in enumerate(texts):
            fig.text(10 / 400, (40 - 30 * i) / 100, text, fontsize=8, **style)
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
    assert np.array_equal(pictures[0], pictures[1])
    return pictures[1], fig


def test_cached_text_is_rasterised_once_and_matches_matplotlib() -> None:
    textcache.clear_cache()
    _picture, fig = _by_matplotlib_and_cached([
        ("White House meeting with Kim Yong Chol", {}),
        ("2019 Feb · 1,234", {"fontweight": "bold", "color": "#D55E00"})])
    misses = textcache.stats["misses"]
    assert misses == 2
    fig.canvas.draw()
    fig.canvas.draw()
    assert textcache.stats["misses"] == misses  # later frames only composite masks
    assert textcache.stats["hits"] >= 4


def test_glyphs_are_rendered_once_per_subpixel_offset_and_text_still_matches() -> None:
    """A new string is put together from glyphs already rendered at the same sub-pixel
    offset; the picture stays byte for byte matplotlib's."""
    textcache.clear_cache()
    text = "Kim meets Kim; Kim Kim Kim meets Moon; Moon meets Kim"
    pictures = []
    for canvas_class in (FigureCanvasAgg, CachedTextCanvasAgg):
        fig = Figure(figsize=(5, 1), dpi=100)
        canvas_class(fig)
        for i in range(4):
            fig.text((10 + i) / 500, (10 + 20 * i) / 100, text[i:], fontsize=8)
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
    assert np.array_equal(pictures[0], pictures[1])
    glyphs = sum(len(text[i:].replace(" ", "")) for i in range(4))
    assert 0 < len(textcache._glyphs) < glyphs / 2


def _placed_by_layout(font, text: str, flags) -> list[tuple[int, int, int]]:
    return [(item.glyph_index, round(64 * item.x), round(64 * item.y))
            for item in font._layout(text, flags=flags)]


@pytest.mark.parametrize(("size", "dpi", "weight"),
                         [(8, 100, "normal"), (8.1, 100, "bold"), (9, 200, "normal"),
                          (10, 72, "normal")])
def test_glyphs_placed_by_learned_pairs_are_where_the_layout_puts_them(
        size: float, dpi: float, weight: str) -> None:
    """Strings of Latin letters and punctuation are placed from the distances between
    neighbouring characters, learned from layouts of the pairs: exactly the layout's
    places (kerning included); ligatures and characters outside that set take the
    layout itself."""
    import random

    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.font_manager import FontProperties, fontManager, get_font

    from tracker.bundled import resources_dir
    from tracker.store.seed import read_source

    textcache.clear_cache()
    article = read_source(
        resources_dir() / "sources" / "ht-2019-01-19-trump-kim-second-summit.json").text
    rng = random.Random(5)
    alphabet = "".join(map(chr, range(0x20, 0x7F))) + "éèüöäßñ–—‘’“”…€·"
    strings = [line for line in article.splitlines() if line.strip()]
    strings += [article[i:i + rng.randint(1, 40)] for i in range(0, len(article), 37)]
    strings += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
                for _ in range(400)]
    strings += ["AVA To Ty Wa", "x", "Kim Yong Chol…", "«quoted» – dash — em", "1,234"]
    prop = FontProperties(size=size, weight=weight)
    font = get_font(fontManager._find_fonts_by_props(prop))
    font.clear()
    font.set_size(size, dpi)
    flags = get_hinting_flag()
    placed = 0
    for text in strings:
        got = textcache._place_by_pairs(text, font, size, dpi, flags)
        if got is not None:
            placed += 1
            assert [(g, x, y) for _f, g, x, y in got] == _placed_by_layout(font, text, flags)
    assert placed > 0.8 * len(strings)
    # "fi" is one glyph in DejaVu Sans: such strings are laid out, not put together
    assert len(_placed_by_layout(font, "office", flags)) < len("office")
    assert textcache._place_by_pairs("office", font, size, dpi, flags) is None
    assert textcache._place_by_pairs("평양 summit", font, size, dpi, flags) is None
    assert textcache._place_by_pairs("e\u0301", font, size, dpi, flags) is None  # a mark
    # a soft hyphen and direction marks are invisible glyphs in the layout, not the font's
    assert textcache._place_by_pairs("co\u00adoperate", font, size, dpi, flags) is None
    assert textcache._place_by_pairs("\u202aKim\u202c", font, size, dpi, flags) is None


def test_text_with_ligatures_and_typographic_punctuation_still_matches_matplotlib() -> None:
    textcache.clear_cache()
    _by_matplotlib_and_cached([("official flights to Kim’s office", {}),
                               ("AVATAR Tyre — “Wa”… ffl", {}),
                               ("co\u00adoperation, \u202aKim\u202c", {})])  # invisibles


def test_cached_text_keeps_rotated_and_math_text_on_matplotlibs_path() -> None:
    textcache.clear_cache()
    fig = Figure(figsize=(3, 3), dpi=100)
    CachedTextCanvasAgg(fig)
    fig.text(0.5, 0.5, "rotated", rotation=30)
    fig.text(0.2, 0.2, r"$\alpha^2$")
    fig.canvas.draw()
    assert textcache.stats["misses"] == textcache.stats["hits"] == 0


def test_the_font_lookup_is_kept_but_follows_the_font_settings() -> None:
    from matplotlib import rc_context
    from matplotlib.font_manager import FontProperties, fontManager, get_font

    textcache.clear_cache()
    prop = FontProperties(size=8)
    assert textcache.font_of(prop) is get_font(fontManager._find_fonts_by_props(prop))
    assert textcache.font_of(FontProperties(size=8)) is textcache.font_of(prop)
    with rc_context({"font.family": ["DejaVu Serif"]}):
        assert textcache.font_of(FontProperties(size=8)).fname.endswith("DejaVuSerif.ttf")
    assert textcache.font_of(prop).fname.endswith("DejaVuSans.ttf")
