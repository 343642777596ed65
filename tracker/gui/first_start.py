"""The very first start: matplotlib scans every system font once (about 13 s on a
machine with many fonts) before anything can be drawn. A small window says so instead
of nothing appearing at all."""

from __future__ import annotations

import threading
from pathlib import Path

MESSAGE = "Preparing fonts — first start only…"


def font_cache_missing() -> bool:
    """Whether matplotlib has no font list cached yet (it then builds one on first use)."""
    import matplotlib

    return not any(Path(matplotlib.get_cachedir()).glob("fontlist-v*.json"))


def prepare_fonts() -> None:
    """Build matplotlib's font list while a small window says what is happening; a no-op
    when the list is cached. Call with a QApplication, before anything draws."""
    if not font_cache_missing():
        return
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

    window = QWidget(None, Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
    window.setObjectName("firstStartWindow")
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel(f"<b>Diplomacy Timeline Tracker</b><br>{MESSAGE}"))
    busy = QProgressBar()
    busy.setRange(0, 0)  # no known length: an animated busy bar
    layout.addWidget(busy)
    window.setFixedWidth(360)
    window.show()

    failure: list[BaseException] = []

    def build() -> None:
        try:
            import matplotlib.font_manager  # noqa: F401  (building the list is the import)
        except BaseException as exc:  # handed to the main thread below
            failure.append(exc)

    worker = threading.Thread(target=build, name="font-cache", daemon=True)
    worker.start()
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: worker.is_alive() or loop.quit())
    poll.start(50)
    loop.exec()
    poll.stop()
    window.close()
    window.deleteLater()
    if failure:
        raise failure[0]
