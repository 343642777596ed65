"""Screen-space label packing for one lane: rows above the axis line, boxes never overlap.

Each label sits in a row and is tied to its mark by a vertical stem at ``stem`` (pixels).
Two rules keep the result readable:

* boxes in the same row never overlap (with a small gap);
* a stem never crosses another label's box in a lower row (otherwise it strikes through
  text and the reader cannot tell which mark a label belongs to).

Labels arrive in priority order; each is placed in the lowest row that satisfies both
rules. When the second rule blocks a label that would otherwise fit (typical for a cluster
of same-week events whose first, most important label took row 0), the lane's labels are
re-packed right-to-left by stem, which yields the classic staircase: the rightmost label lowest, the
stems of the labels to its left rising past its start (or, near the right edge, its mirror
image). Re-packs are bounded by the caller.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

GAP_PX = 4.0  # horizontal gap between neighbouring labels in a row
STEM_CLEARANCE_PX = 0.5


@dataclass(slots=True)
class Box:
    """A label box in pixels; ``stem`` is None for fixed boxes (lane names, notes)."""

    x0: float
    x1: float
    stem: float | None
    key: int  # caller's index, returned untouched
    row: int = -1
    alt: tuple[float, float] | None = None  # second choice (text ending at the stem)
    first: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        self.first = (self.x0, self.x1)

    def pushed_left(self) -> bool:
        """The preferred placement was slid left by the right edge (text no longer starts
        at the stem)."""
        return self.stem is not None and self.first[0] < self.stem - 1.5

    def options(self) -> list[tuple[float, float]]:
        """Preferred placement first; the alternative only if it differs."""
        if self.alt is None or self.alt == self.first:
            return [self.first]
        return [self.first, self.alt]


@dataclass(slots=True)
class _Row:
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    box_stems: list[float | None] = field(default_factory=list)  # stem of each box
    stems: list[float] = field(default_factory=list)  # stems of labels in higher rows

    def box_free(self, x0: float, x1: float) -> bool:
        """No box in this row comes within GAP_PX of [x0, x1]."""
        i = bisect_left(self.starts, x0)
        if i > 0 and self.ends[i - 1] + GAP_PX > x0:
            return False
        return not (i < len(self.starts) and self.starts[i] < x1 + GAP_PX)

    def stem_free(self, x0: float, x1: float, own: float | None) -> bool:
        """No stem passes through [x0, x1] in this row (a stem at the box's own stem
        position is fine: same-day labels share it)."""
        lo, hi = x0 - STEM_CLEARANCE_PX, x1 + STEM_CLEARANCE_PX
        i = bisect_left(self.stems, lo)
        while i < len(self.stems) and self.stems[i] <= hi:
            if own is None or abs(self.stems[i] - own) > STEM_CLEARANCE_PX:
                return False
            i += 1
        return True

    def covers(self, x: float) -> bool:
        """Some box in this row covers pixel column x, except a box whose own stem is at
        x: labels of same-day events then stack on one shared stem."""
        i = bisect_right(self.starts, x + STEM_CLEARANCE_PX) - 1
        if i < 0 or self.ends[i] + STEM_CLEARANCE_PX < x:
            return False
        own = self.box_stems[i]
        return own is None or abs(own - x) > STEM_CLEARANCE_PX

    def add_box(self, x0: float, x1: float, stem: float | None = None) -> None:
        i = bisect_left(self.starts, x0)
        self.starts.insert(i, x0)
        self.ends.insert(i, x1)
        self.box_stems.insert(i, stem)


class LanePacker:
    """Rows of one lane and the labels placed in them."""

    def __init__(self, n_rows: int, width: float | None = None) -> None:
        self.n_rows = n_rows
        self.width = width  # of the lane in pixels, if known (for mirrored re-packs)
        self.rows = [_Row() for _ in range(n_rows)]
        self.fixed: list[Box] = []
        self.placed: list[Box] = []

    def reserve(self, box: Box, row: int) -> None:
        """Keep a fixed box (lane name, reference-date label) free of labels."""
        if 0 <= row < self.n_rows:
            box.row = row
            self.fixed.append(box)
            self.rows[row].add_box(box.x0, box.x1)

    def could_fit(self, *spans: tuple[float, float]) -> bool:
        """Cheap pre-check ignoring stems: is any row free for one of these boxes at all?"""
        return any(r.box_free(x0, x1) for r in self.rows for x0, x1 in spans)

    def _stem_limit(self, stem: float | None) -> int:
        """Rows a label with this stem may use: up to and including the first row whose
        boxes the stem would hit (O(rows), instead of re-checking lower rows per row)."""
        if stem is None:
            return self.n_rows
        for k, row in enumerate(self.rows):
            if row.covers(stem):
                return k + 1
        return self.n_rows

    def _put(self, box: Box, r: int) -> None:
        box.row = r
        self.rows[r].add_box(box.x0, box.x1, box.stem)
        if box.stem is not None:
            for k in range(r):
                insort(self.rows[k].stems, box.stem)

    def _lowest(self, box: Box, alt_first: bool = False) -> bool:
        """Put ``box`` in the lowest row where one of its placements obeys both rules."""
        limit = self._stem_limit(box.stem)
        options = box.options()
        if alt_first:
            options.reverse()
        for x0, x1 in options:  # any row with the preferred side of the stem first
            for r in range(limit):
                row = self.rows[r]
                if row.box_free(x0, x1) and row.stem_free(x0, x1, box.stem):
                    box.x0, box.x1 = x0, x1
                    self._put(box, r)
                    return True
        return False

    def try_place(self, box: Box) -> bool:
        """Place in the lowest row allowed by both rules, keeping others where they are."""
        if self._lowest(box):
            self.placed.append(box)
            return True
        return False

    def try_repack(self, box: Box) -> bool:
        """Re-pack all labels of the lane plus ``box``; keep the old packing if no new one
        can hold them all.

        First right-to-left with text right of the stems (the usual staircase). If that
        fails and ``box`` was pushed left by the right edge, some labels go first as the
        mirror image, left to right with text ending at the stems (only that order lets
        each of their stems rise past the labels below it), then the rest as usual: those
        pushed by the edge, else all in the right half of the lane.
        """
        old_rows = self.rows
        old = [(b.row, b.x0, b.x1) for b in self.placed]
        boxes = [*self.placed, box]
        usual = sorted(boxes, key=lambda b: (-(b.stem or b.x0), -b.x0, b.key))
        strategies = [[(b, False) for b in usual]]
        if box.pushed_left():  # the right edge is in the way: try mirrored staircases
            half = self.width / 2 if self.width else None
            for mirror in (
                lambda b: b.pushed_left(),
                lambda b: half is not None and (b.stem or b.x0) > half,
            ):
                left = sorted((b for b in boxes if mirror(b)),
                              key=lambda b: (b.stem or b.x0, b.x0, b.key))
                plan = [(b, True) for b in left] + [(b, False) for b in usual if not mirror(b)]
                if plan not in strategies:
                    strategies.append(plan)
        for plan in strategies:
            self.rows = [_Row() for _ in range(self.n_rows)]
            for f in self.fixed:
                self.rows[f.row].add_box(f.x0, f.x1)
            if all(self._lowest(b, alt_first) for b, alt_first in plan):
                self.placed.append(box)
                return True
        self.rows = old_rows
        for b2, (r2, x0, x1) in zip(self.placed, old, strict=True):
            b2.row, b2.x0, b2.x1 = r2, x0, x1
        box.row = -1
        return False
