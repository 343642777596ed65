"""Fonts for every script: a fallback list, so a Korean, Chinese, Japanese, Arabic or
Cyrillic title is drawn wherever the system has a font for it.

matplotlib draws a string with the first font of its family list that exists and takes
each character it lacks from the next one that has it (FreeType fallback, matplotlib
3.6 and later). DejaVu Sans, which matplotlib ships, covers Latin, Greek, Cyrillic and
Arabic; Hangul and Han characters need a system font such as Noto Sans CJK (Debian:
``fonts-noto-cjk``) or Droid Sans Fallback (``fonts-droid-fallback``, Han only).

matplotlib keeps its own list of system fonts, made once and cached; a font installed
after that is not in it. The usual files of the fallback fonts are therefore looked up
by path (a few ``stat`` calls) and added when they exist but are unknown.
"""

from __future__ import annotations

import logging
import os
from functools import cache

from matplotlib import rcParams
from matplotlib.font_manager import fontManager

PRIMARY = "DejaVu Sans"
# Families tried in order after the primary one: CJK first (Hangul, kana, Han), then
# wider single-script families.
FALLBACKS = (
    "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK SC", "Source Han Sans",
    "Apple SD Gothic Neo", "Hiragino Sans", "PingFang SC", "Malgun Gothic",
    "Microsoft YaHei", "Yu Gothic", "NanumGothic", "WenQuanYi Zen Hei",
    "Droid Sans Fallback", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Hebrew",
    "Noto Sans Devanagari", "Noto Sans Thai", "Noto Sans",
)
# Where those fonts usually live (Debian/Ubuntu, Fedora, macOS, Windows).
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:\\Windows\\Fonts\\malgun.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\YuGothR.ttc",
)


def _known_names() -> set[str]:
    return {f.name for f in fontManager.ttflist}


def _add_known_files() -> None:
    """Add fallback fonts installed after matplotlib made its font list."""
    known = {os.path.normcase(f.fname) for f in fontManager.ttflist}
    for path in KNOWN_FILES:
        if os.path.normcase(path) not in known and os.path.exists(path):
            try:
                fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # unreadable: draw without it
                continue


@cache
def family_chain() -> tuple[str, ...]:
    """The font families text is drawn with, in order: the primary one and every
    installed fallback (see the module docstring)."""
    _add_known_files()
    names = _known_names()
    return (PRIMARY, *(f for f in FALLBACKS if f in names))


def use_fallback_fonts() -> tuple[str, ...]:
    """Make matplotlib draw all text with :func:`family_chain`; returns the chain."""
    chain = family_chain()
    rcParams["font.family"] = list(chain)
    # A fallback without a bold face is used at its regular weight, as it should be;
    # matplotlib would log that for every bold title ("Failed to find font weight").
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return chain
