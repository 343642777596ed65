"""Qt-free timeline drawing: layout as pure functions over plain data, then matplotlib artists.

The window and image export both go through this package, so they never differ.
"""

from tracker.timeline.fonts import use_fallback_fonts

use_fallback_fonts()  # before any text is measured: every script a system font has
