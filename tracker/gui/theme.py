"""Pick the timeline theme that matches the system palette (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from tracker.timeline.theme import DARK, LIGHT, Theme


def theme_for_palette(palette: QPalette) -> Theme:
    window = palette.color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT
