"""The first frame's glyphs kept on disk (tracker.timeline.glyphstore): a later start
draws the same bytes without FreeType, and a stale or damaged file is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from tracker.store import Store
from tracker.timeline import glyphstore, textcache
from tracker.timeline.textcache import CachedTextCanvasAgg, FastText

TEXTS = ["White House meeting with Kim Yong Chol", "2019 Feb", "1,234",
         "Trump–Kim summit in Singapore", "official flights"]  # "ffi", "fl": ligatures


def _picture() -> np.ndarray:
    fig = Figure(figsize=(4, 2), dpi=100)
    CachedTextCanvasAgg(fig)
    for i, text in enumerate(TEXTS):
        fig.add_artist(FastText(0.02 + i * 0.011, 0.1 + i * 0.17, text, fontsize=8,
                                fontweight="bold" if i == 2 else "normal"))
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _recorded_frame() -> tuple[np.ndarray, dict[str, set] | None]:
    textcache.clear_cache()
    textcache.start_recording()
    try:
        picture = _picture()
    finally:
        recorded = textcache.stop_recording()
    return picture, recorded


def test_a_saved_first_frame_is_drawn_again_without_freetype(tmp_path: Path,
                                                             monkeypatch) -> None:
    picture, recorded = _recorded_frame()
    path = tmp_path / "glyphs.bin"
    assert glyphstore.save(path, recorded)
    glyphs = len(textcache._glyphs)
    textcache.clear_cache()
    assert glyphstore.load(path) == glyphs
    # Nothing may be rendered or laid out now, except the strings with ligatures
    # ("official flights"), which are laid out whole every time.
    from matplotlib.ft2font import FT2Font

    laid_out: list[str] = []
    layout = FT2Font._layout
    monkeypatch.setattr(FT2Font, "_layout",
                        lambda self, s, *a, **k: laid_out.append(s) or layout(self, s, *a, **k))
    monkeypatch.setattr(FT2Font, "_render_glyph", None)  # any glyph rendered would fail
    assert np.array_equal(_picture(), picture)
    assert laid_out == ["official flights"]


def test_other_versions_a_changed_font_or_a_damaged_file_are_ignored(tmp_path: Path) -> None:
    recorded = _recorded_frame()[1]
    path = tmp_path / "glyphs.bin"
    assert glyphstore.save(path, recorded)
    good = path.read_bytes()
    start = len(glyphstore.MAGIC) + 8
    size = int.from_bytes(good[len(glyphstore.MAGIC):start], "little")
    header = json.loads(good[start:start + size])
    crc = int.from_bytes(good[start + size:start + size + 4], "little")
    data = good[start + size + 4:]

    def written(header: object, data: bytes, crc: int | None = None) -> Path:
        head = json.dumps(header).encode()
        crc = zlib.crc32(data, zlib.crc32(head)) if crc is None else crc
        path.write_bytes(glyphstore.MAGIC + len(head).to_bytes(8, "little") + head
                         + crc.to_bytes(4, "little") + data)
        return path

    textcache.clear_cache()
    assert glyphstore.load(written(header, data)) > 0  # written again as saved: loads
    for changed in ({"matplotlib": "0.1"}, {"freetype": "0.1"}, {"libraqm": "0.1"},
                    {"freetype_properties": "truetype:interpreter-version=35"},
                    {"render_settings": [8, 0]}):  # matplotlib's hinting/kerning factors
        textcache.clear_cache()
        assert glyphstore.load(written({**header, **changed}, data)) == 0, changed
    fonts = {fname: [1, 2] for fname in header["fonts"]}  # size and time of another file
    textcache.clear_cache()
    assert glyphstore.load(written({**header, "fonts": fonts}, data)) == 0
    assert not any(textcache._pairs.values()) and not textcache._glyphs
    assert glyphstore.load(written([1, 2, 3], data)) == 0  # JSON, but not a header
    # A changed byte anywhere, header or glyphs, fails the CRC.
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0xFF
    assert glyphstore.load(written(header, bytes(flipped), crc)) == 0
    steps = {**header, "tables": [{**t, "pairs": [[a, b, (n or 0) + 64] for a, b, n in
                                                  t["pairs"]]} for t in header["tables"]]}
    assert glyphstore.load(written(steps, data, crc)) == 0
    for damaged in (good[:len(good) // 2], b"", b"garbage" * 100, good[:start + 3]):
        path.write_bytes(damaged)
        assert glyphstore.load(path) == 0
    assert glyphstore.load(tmp_path / "missing.bin") == 0
    textcache.clear_cache()
    path.write_bytes(good)
    assert glyphstore.load(path) > 0  # the same file, untouched, still loads


def test_nothing_recorded_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "glyphs.bin"
    assert not glyphstore.save(path, None)
    assert not glyphstore.save(path, {"glyphs": set(), "strings": set()})
    assert not path.exists()
    folder = tmp_path / "a-file"
    folder.write_text("x")
    recorded = _recorded_frame()[1]
    assert not glyphstore.save(folder / "glyphs.bin", recorded)  # cannot be written


@pytest.mark.slow  # starts the whole app twice
def test_the_tracker_command_keeps_its_first_frame_for_the_next_start(tmp_path: Path) -> None:
    """The installed command writes the file when it quits, and the next start reads it
    (it then writes what its own first frame used: the same glyphs)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "TRACKER_EXIT_AFTER_FIRST_PAINT": "1"}
    path = tmp_path / "cache" / "diplomacy-timeline-tracker" / glyphstore.FILE_NAME
    db = tmp_path / "t.db"
    Store.open(db, seed=True).close()  # a first frame with events and labels to remember
    cached = []
    for _start in range(2):
        out = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db)], env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert "tracker-first-paint" in out.stdout and "error" not in out.stderr.lower()
        probe = next(line for line in out.stdout.splitlines()
                     if line.startswith("tracker-first-paint"))
        cached.append(int(dict(f.split("=") for f in probe.split()[1:])["cached_glyphs"]))
        assert path.exists()
    assert cached[0] == 0 and cached[1] > 50  # the second start drew from the file
    textcache.clear_cache()
    assert glyphstore.load(path) > 50  # and wrote what its own first frame used
