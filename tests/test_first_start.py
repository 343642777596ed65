"""First start: a small window says the fonts are being prepared; the command line keeps
Python warnings out of its output (they go to the log)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from tracker.gui.first_start import prepare_fonts

app = QApplication(sys.argv)
seen = []

def look():
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "firstStartWindow" and w.isVisible():
            seen.append(" ".join(l.text() for l in w.findChildren(QLabel)))

QTimer.singleShot(0, look)
prepare_fonts()
app.processEvents()
import matplotlib
left = [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()]
print(json.dumps({"seen": seen, "left": left, "cachedir": matplotlib.get_cachedir()}))
"""


def _start(config: Path) -> dict:
    env = {**os.environ, "MPLCONFIGDIR": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_start_says_it_prepares_fonts_and_later_starts_do_not(tmp_path: Path):
    config = tmp_path / "mpl"
    first = _start(config)
    assert len(first["seen"]) == 1 and "Preparing fonts — first start only" in first["seen"][0]
    assert first["left"] == []  # closed once the fonts are ready
    assert list(Path(first["cachedir"]).glob("fontlist-v*.json"))
    again = _start(config)
    assert again["seen"] == []


def test_the_command_line_prints_no_python_warnings(run_tracker, tmp_path: Path):
    db, out = tmp_path / "w.db", tmp_path / "w.png"
    log = tmp_path / "data" / "diplomacy-timeline-tracker" / "tracker.log"
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    # Egyptian hieroglyphs: no font on an ordinary system has them, so matplotlib warns.
    added = run_tracker("add", "--db", str(db), "--title", "Stela 𓀀𓀁 found",
                        "--date", "18 Jan 2019", env=env)
    assert added.returncode == 0, added.stderr
    exported = run_tracker("export", "--db", str(db), str(out), env=env)
    assert exported.returncode == 0, exported.stderr
    assert out.stat().st_size > 0
    assert "Warning" not in exported.stderr and ".py:" not in exported.stderr
    assert "missing from" in log.read_text(encoding="utf-8")
