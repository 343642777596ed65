"""Floor for start-up: a bare PySide6 window holding an empty matplotlib canvas.

Prints one line at its first paint and quits, like `tracker` does with
TRACKER_EXIT_AFTER_FIRST_PAINT set, so run.py times both the same way.
"""

from __future__ import annotations

import sys

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class Canvas(FigureCanvasQTAgg):
    def __init__(self) -> None:
        super().__init__(Figure())
        self.painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("floor-first-paint", flush=True)
            QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(Canvas())
    window.resize(1400, 900)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
