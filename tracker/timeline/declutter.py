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
    lines: int = 1  # rows the box takes (a title wrapped to two lines takes two)

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

    def add_box(self, x0: float, x1: float, stem: float | None = None) -> None:
        i = bisect_left(self.starts, x0)
        self.starts.insert(i, x0)
        self.ends.insert(i, x1)
        self.box_stems.insert(i, stem)


class LanePacker:
    """Rows of one lane and the labels placed in them.

    Runs for every candidate label on every frame, so the hot paths (:meth:`search`,
    :meth:`could_fit`) work inline on the rows' sorted lists instead of calling a method
    per row and test. Re-packs replay the placements they share with the previous one
    (see :meth:`try_repack`).
    """

    def __init__(self, n_rows: int, width: float | None = None) -> None:
        self.n_rows = n_rows
        self.width = width  # of the lane in pixels, if known (for mirrored re-packs)
        self.rows = [_Row() for _ in range(n_rows)]
        self.fixed: list[Box] = []
        self.placed: list[Box] = []
        # The usual re-pack order of ``placed`` packed from empty rows: (row, x0, x1) of
        # each box up to the first that did not fit. None when ``placed`` has changed.
        self._trace: tuple[list[Box], list[tuple[int, float, float]]] | None = None
        self._ran: list[Box] = []  # the order of the last usual re-pack

    def reserve(self, box: Box, row: int) -> None:
        """Keep a fixed box (lane name, reference-date label) free of labels."""
        if 0 <= row < self.n_rows:
            box.row = row
            self.fixed.append(box)
            for k in range(row, min(self.n_rows, row + box.lines)):
                self.rows[k].add_box(box.x0, box.x1)
            self._trace = None

    def could_fit(self, *spans: tuple[float, float]) -> bool:
        """Cheap pre-check ignoring stems: is any row free for one of these boxes at all?"""
        for r in self.rows:
            starts, ends = r.starts, r.ends
            n = len(starts)
            for x0, x1 in spans:
                i = bisect_left(starts, x0)
                if i > 0 and ends[i - 1] + GAP_PX > x0:
                    continue
                if i < n and starts[i] < x1 + GAP_PX:
                    continue
                return True
        return False

    def _put(self, box: Box, r: int) -> None:
        box.row = r
        for k in range(r, min(self.n_rows, r + box.lines)):
            self.rows[k].add_box(box.x0, box.x1, box.stem)
        if box.stem is not None:
            for k in range(r):
                insort(self.rows[k].stems, box.stem)

    def search(self, box: Box, alt_first: bool = False,
               lowest: bool = False) -> tuple[int, float, float] | None:
        """(row, x0, x1) of a place where one of ``box``'s placements obeys both rules,
        without taking it; None where there is none. The preferred placement in its
        lowest row, else the other one's; with ``lowest``, whichever placement gets the
        lower row (the preferred one on a tie).

        The tests are written out inline (no helper call per row and box): this runs
        for every candidate label on every frame."""
        stem = box.stem
        rows = self.rows
        clear = STEM_CLEARANCE_PX
        limit = self.n_rows
        if stem is not None:  # rows up to the first whose boxes this stem would hit
            for k, row in enumerate(rows):
                i = bisect_right(row.starts, stem + clear) - 1
                if i < 0 or row.ends[i] + clear < stem:
                    continue
                own = row.box_stems[i]
                if own is None or abs(own - stem) > clear:
                    limit = k + 1
                    break
        first, alt = box.first, box.alt
        if alt is None or alt == first:
            options: tuple[tuple[float, float], ...] = (first,)
        else:
            options = (alt, first) if alt_first else (first, alt)
        span = box.lines
        best: tuple[int, float, float] | None = None
        for x0, x1 in options:  # the lowest row; the preferred side of the stem on a tie
            gx1 = x1 + GAP_PX
            lo, hi = x0 - clear, x1 + clear
            for r in range(min(limit, self.n_rows - span + 1)):
                if best is not None and r >= best[0]:
                    break
                for rr in range(r, r + span):
                    row = rows[rr]
                    starts = row.starts
                    i = bisect_left(starts, x0)
                    if i > 0 and row.ends[i - 1] + GAP_PX > x0:
                        break
                    if i < len(starts) and starts[i] < gx1:
                        break
                    stems = row.stems
                    if stems:
                        j = bisect_left(stems, lo)
                        n = len(stems)
                        blocked = False
                        while j < n and stems[j] <= hi:
                            if stem is None or abs(stems[j] - stem) > clear:
                                blocked = True
                                break
                            j += 1
                        if blocked:
                            break
                else:
                    best = (r, x0, x1)
                    break
            if best is not None and not lowest:
                break
        return best

    def take(self, box: Box, found: tuple[int, float, float]) -> None:
        """Put ``box`` where :meth:`search` found room."""
        box.x0, box.x1 = found[1], found[2]
        self._put(box, found[0])
        self.placed.append(box)
        self._trace = None

    def blocker(self, stem: float) -> Box | None:
        """The placed label in the lowest row whose box covers pixel column ``stem``
        (what keeps a label with that stem out of every row above it)."""
        best = None
        for b in self.placed:
            if b.x0 - STEM_CLEARANCE_PX <= stem <= b.x1 + STEM_CLEARANCE_PX and (
                    b.stem is None or abs(b.stem - stem) > STEM_CLEARANCE_PX) and (
                    best is None or b.row < best.row):
                best = b
        return best

    def drop(self, box: Box) -> int:
        """Take a placed label out (its rows rebuilt from the others); returns its row."""
        row = box.row
        self.placed.remove(box)
        self.rows = self._fresh_rows()
        for b in self.placed:
            self._put(b, b.row)
        self._trace = None
        return row

    def restore(self, box: Box, row: int, x0: float, x1: float) -> None:
        """Put back a label :meth:`drop` took out, where it was."""
        self.take(box, (row, x0, x1))

    def _lowest(self, box: Box, alt_first: bool = False) -> bool:
        """Put ``box`` in the lowest row where one of its placements obeys both rules."""
        found = self.search(box, alt_first)
        if found is None:
            return False
        box.x0, box.x1 = found[1], found[2]
        self._put(box, found[0])
        return True

    @staticmethod
    def _usual_key(b: Box) -> tuple[float, float, int]:
        return (-(b.stem or b.x0), -b.x0, b.key)

    def _fresh_rows(self) -> list[_Row]:
        rows = [_Row() for _ in range(self.n_rows)]
        for f in self.fixed:
            for k in range(f.row, min(self.n_rows, f.row + f.lines)):
                rows[k].add_box(f.x0, f.x1)
        return rows

    def _usual_trace(self) -> tuple[list[Box], list[tuple[int, float, float]]]:
        """``placed`` in the usual re-pack order and where packing them in that order from
        empty rows puts each, up to the first that does not fit. Every re-pack shares a
        prefix of this sequence, so it replays it instead of searching again."""
        if self._trace is None:
            order = sorted(self.placed, key=self._usual_key)
            saved_rows = self.rows
            saved = [(b.row, b.x0, b.x1) for b in self.placed]
            self.rows = self._fresh_rows()
            steps: list[tuple[int, float, float]] = []
            for b in order:
                if not self._lowest(b):
                    break
                steps.append((b.row, b.x0, b.x1))
            self.rows = saved_rows
            for b, (r, x0, x1) in zip(self.placed, saved, strict=True):
                b.row, b.x0, b.x1 = r, x0, x1
            self._trace = (order, steps)
        return self._trace

    def _run_usual(self, box: Box) -> bool:
        """The usual strategy (right to left by stem) for ``placed`` + ``box``, replaying
        the shared prefix of the trace; leaves the result in ``self.rows``."""
        order, steps = self._usual_trace()
        key = self._usual_key(box)
        j = 0
        while j < len(order) and self._usual_key(order[j]) < key:
            j += 1
        if j > len(steps):
            return False  # a box before ``box`` already failed in exactly this state
        self.rows = self._fresh_rows()
        for b, (r, x0, x1) in zip(order[:j], steps[:j], strict=True):
            b.x0, b.x1 = x0, x1
            self._put(b, r)
        self._ran = [*order[:j], box, *order[j:]]
        return all(self._lowest(b) for b in self._ran[j:])

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
        if self._run_usual(box):
            ran = self._ran
            self.placed.append(box)
            # The packing just made is the trace of the new set, if the usual order (which
            # reads the boxes' x0 as now placed) is still the order it ran in.
            usual = sorted(boxes, key=self._usual_key)
            same = all(a is b for a, b in zip(usual, ran, strict=True))
            self._trace = (usual, [(b.row, b.x0, b.x1) for b in usual]) if same else None
            return True
        if box.pushed_left():  # the right edge is in the way: try mirrored staircases
            for b2, (r2, x0, x1) in zip(self.placed, old, strict=True):
                b2.row, b2.x0, b2.x1 = r2, x0, x1  # the usual order reads current x0
            usual = sorted(boxes, key=self._usual_key)
            strategies = [[(b, False) for b in usual]]
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
            for plan in strategies[1:]:
                self.rows = self._fresh_rows()
                if all(self._lowest(b, alt_first) for b, alt_first in plan):
                    self.placed.append(box)
                    self._trace = None
                    return True
        self.rows = old_rows
        for b2, (r2, x0, x1) in zip(self.placed, old, strict=True):
            b2.row, b2.x0, b2.x1 = r2, x0, x1
        box.row = -1
        return False
