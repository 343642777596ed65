"""The application icon: window, taskbar, About box, and the files the Linux menu uses.

resources/icons/ holds the drawing (an SVG, drawn for this app) and PNG renderings of
it. The window loads the PNGs (Qt reads PNG without any image plugin, which keeps the
start cheap); the desktop entry installs the SVG and the largest PNG (tracker.desktop).
After changing the SVG, render the PNGs again: ``python -m tracker.gui.icon``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from tracker.desktop import APP_ID, PNG_SIZES, icon_dir


def png_path(size: int, folder: Path | None = None) -> Path:
    return (folder or icon_dir()) / f"{APP_ID}-{size}.png"


def app_icon() -> QIcon:
    """The icon at every rendered size (Qt picks the nearest for each use)."""
    icon = QIcon()
    for size in PNG_SIZES:
        path = png_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def render_pngs(folder: Path | None = None) -> list[Path]:
    """Render the SVG at every size into ``folder`` (default: beside it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icon_dir() / f"{APP_ID}.svg"))
    if not renderer.isValid():
        raise ValueError("the icon's SVG could not be read")
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = png_path(size, folder)
        if not image.save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: no display needed

    _app = QGuiApplication([])
    for written in render_pngs():
        print(written)
