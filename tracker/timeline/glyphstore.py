"""The glyphs of the window's first frame, kept on disk for the next start.

A start draws some sixty strings (labels, date ticks, counts) that no cache holds yet:
FreeType renders each of their ~400 distinct glyphs at its sub-pixel offset, and
HarfBuzz lays out the character pairs the strings are placed by (tracker.timeline.
textcache), about a fifth of the work between the window's creation and its first
paint. Most of them are the same from one start to the next (the same view, the same
events, the same dates), so the window records what its first frame used, writes it
when the app quits, and the next start reads it back before its first frame: a font
cache, as fontconfig keeps one for the fonts themselves.

What is kept is exactly what FreeType and HarfBuzz returned, so the pictures are the
same bytes with or without it. It is ignored when matplotlib, FreeType, libraqm, FreeType's
environment settings, matplotlib's hinting or kerning factor or a font file (size or
modification time) changed, and whenever it cannot be read: it only saves time.

File: ``MAGIC``, the length of a JSON header (8 bytes, little-endian), the header, a
CRC-32 of the header and the data (4 bytes), then the glyphs' float32 values (light let
through, row by row) one after another.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import zlib
from itertools import pairwise
from pathlib import Path

import numpy as np
from matplotlib import __version__ as MPL_VERSION
from matplotlib import ft2font

from tracker.timeline import textcache

MAGIC = b"tracker first-frame glyphs 2\n"
loaded = 0  # glyphs the last load() read (the start-up probe reports it)
MAX_GLYPHS = 4096  # a first frame uses ~400; the file stays a few hundred kB at most
FILE_NAME = "first-frame-glyphs.bin"


def _versions() -> dict[str, object]:
    """What else decides the glyphs and their places: the libraries, FreeType's settings
    from the environment, and matplotlib's hinting and kerning factors."""
    return {"matplotlib": MPL_VERSION, "freetype": ft2font.__freetype_version__,
            "libraqm": getattr(ft2font, "__libraqm_version__", ""),
            "freetype_properties": os.environ.get("FREETYPE_PROPERTIES", ""),
            "render_settings": list(textcache.render_settings())}


def _fingerprint(fname: str) -> list[int] | None:
    try:
        st = os.stat(fname)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def save(path: Path, recorded: dict[str, set] | None) -> bool:
    """Write what a recorded frame used (tracker.timeline.textcache.start_recording):
    its glyphs, and the character pairs (ligatures included) and glyph numbers of its
    strings. False (and nothing written) when there is nothing to keep or the file cannot
    be written."""
    if not recorded or not recorded["glyphs"]:
        return False
    tables: dict[tuple, dict[str, dict]] = {}
    for table_key, s in sorted(recorded["strings"]):
        pairs = textcache._pairs.get(table_key, {})
        chars = textcache._char_glyphs.get(table_key, {})
        table = tables.setdefault(table_key, {"pairs": {}, "chars": {}})
        for pair in pairwise(s):
            if pair in pairs:  # None: a ligature (the string is laid out whole)
                table["pairs"][pair] = pairs[pair]
        for c in s:
            if c in chars:
                table["chars"][c] = chars[c]
    faces: dict[tuple, int] = {}
    glyphs: list[list] = []
    chunks: list[np.ndarray] = []
    for key in sorted(recorded["glyphs"], key=repr)[:MAX_GLYPHS]:
        found = textcache._glyphs.get(key)
        if found is None:
            continue
        face, glyph_index, fx, fy = key
        left, top, through = found
        glyphs.append([faces.setdefault(face, len(faces)), glyph_index, fx, fy, left, top,
                       *through.shape])
        chunks.append(np.ascontiguousarray(through, dtype=np.float32).ravel())
    font_files = {key[0] for key in tables} | {face[0] for face in faces}
    header = {
        **_versions(),
        "fonts": {fname: _fingerprint(fname) for fname in sorted(font_files)},
        "tables": [{"key": list(key),
                    "pairs": [[a, b, step] for (a, b), step in table["pairs"].items()],
                    "chars": [[c, g] for c, g in table["chars"].items()]}
                   for key, table in tables.items()],
        "faces": [list(face) for face in faces],
        "glyphs": glyphs,
    }
    data = np.concatenate(chunks).tobytes() if chunks else b""
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    crc = zlib.crc32(data, zlib.crc32(head))
    partial: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a temporary file of this process's own, then renamed over the file: whole or
        # not at all, even with two apps quitting at once
        fd, partial = tempfile.mkstemp(prefix=path.name + ".", suffix=".partial",
                                       dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + len(head).to_bytes(8, "little") + head
                      + crc.to_bytes(4, "little") + data)
        os.replace(partial, path)
    except OSError:
        if partial is not None:
            with contextlib.suppress(OSError):
                os.unlink(partial)
        return False
    return True


def load(path: Path) -> int:
    """Fill the text caches from ``path``; the number of glyphs read (0 when the file is
    missing, damaged, or written with other libraries or settings; a table whose font
    file changed is skipped)."""
    global loaded
    try:
        loaded = _read(path)
    except Exception:  # a cache: whatever is wrong with it, start without it
        loaded = 0
    return loaded


def _read(path: Path) -> int:
    raw = path.read_bytes()
    if not raw.startswith(MAGIC):
        return 0
    start = len(MAGIC) + 8
    size = int.from_bytes(raw[len(MAGIC):start], "little")
    head = memoryview(raw)[start:start + size]
    data = memoryview(raw)[start + size + 4:]
    crc = int.from_bytes(raw[start + size:start + size + 4], "little")
    if len(head) != size or zlib.crc32(data, zlib.crc32(head)) != crc:
        return 0  # damaged: a glyph or distance read wrong would draw wrong text
    header = json.loads(bytes(head).decode("utf-8"))
    if any(header.get(k) != v for k, v in _versions().items()):
        return 0
    return _fill(header, np.frombuffer(data, dtype=np.float32))


def _fill(header: dict, values: np.ndarray) -> int:
    fresh = {fname for fname, print_ in header["fonts"].items()
             if print_ is not None and _fingerprint(fname) == print_}
    for table in header["tables"]:
        key = tuple(table["key"])
        if key[0] not in fresh:
            continue
        pairs = textcache._pairs.setdefault(key, {})
        for a, b, step in table["pairs"]:
            pairs.setdefault((a, b), None if step is None else int(step))
        glyph_of = textcache._char_glyphs.setdefault(key, {})
        for c, glyph in table["chars"]:
            glyph_of.setdefault(c, int(glyph))
    faces = [tuple(face) for face in header["faces"]]
    offset = loaded = 0
    for face_no, glyph_index, fx, fy, left, top, rows, cols in header["glyphs"]:
        n = rows * cols
        if offset + n > len(values):
            raise ValueError("glyph data cut short")
        face = faces[face_no]
        if face[0] in fresh:
            through = values[offset:offset + n].reshape(rows, cols)
            textcache._glyphs.setdefault((face, glyph_index, fx, fy), (left, top, through))
            loaded += 1
        offset += n
    return loaded
