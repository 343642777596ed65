"""Choosing which labels to show and where.

Each lane has label rows above its axis line and below it (under the span tracks), each
side packed by a :class:`~tracker.timeline.declutter.LanePacker`. Labels go greedily by
priority into the lowest free row of either side, with their text starting at their
stem (or, where the right edge or a neighbour is in the way, ending at it): a label is
never slid away from its event. A title that does not fit whole is tried wrapped to two
lines, then cut with "…"; a label is dropped only when none of these fits anywhere.
Once placed, the rows of each side are spread over the room the side has, so a picture
uses its height instead of piling every label onto the line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from tracker.timeline.declutter import Box, LanePacker
from tracker.timeline.geometry import Geom, Label, Lane, Layout
from tracker.timeline.items import TimelineItem
from tracker.timeline.textmetrics import (
    prepare_texts,
    text_width_px,
    truncate_estimate,
    truncate_to_width,
)

MAX_LABEL_PX = 260.0  # in a crowd, long titles are cut with "…" at this width (at 100 dpi)
WIDE_FRACTION = 0.4  # with room to spare a label may take this much of the axes width
EDGE_PX = 3.0  # keep label text this far from the right edge
WRAP_COST = 1.5  # a form further down the list (wrapped, cut) costs this much more
ROW_COST = 0.02  # and a row further from the line this much
SPREAD_MAX = 4.0  # rows are spread at most this many row heights apart

# truncate_estimate per (title, width, size, dpi): every frame of a pan tries the same
# few thousand titles at the same widths.
_ESTIMATES: dict[tuple[str, float, float, float], tuple[str, float]] = {}
_ESTIMATES_MAX = 65536

# (box, lane, side, item, anchor x, stem start above, stem start below, lines)
_Placed = tuple[Box, int, int, TimelineItem, float, float, float, list[str]]


class _Pending:
    """Stem positions (px) of events whose labels are still to be placed, in one lane: a
    label that would hide one of them under its box is placed elsewhere if it can."""

    def __init__(self) -> None:
        self.xs: list[float] = []
        self.sorted = True

    def add(self, x: float) -> None:
        self.xs.append(x)
        self.sorted = False

    def remove(self, x: float) -> None:
        self._sort()
        i = bisect_left(self.xs, x)
        if i < len(self.xs) and self.xs[i] == x:
            del self.xs[i]

    def count(self, x0: float, x1: float) -> int:
        self._sort()
        return max(0, bisect_right(self.xs, x1) - bisect_left(self.xs, x0))

    def _sort(self) -> None:
        if not self.sorted:
            self.xs.sort()
            self.sorted = True


def _estimate(title: str, max_px: float, size: float, dpi: float) -> tuple[str, float]:
    key = (title, max_px, size, dpi)
    cut = _ESTIMATES.get(key)
    if cut is None:
        if len(_ESTIMATES) > _ESTIMATES_MAX:
            _ESTIMATES.clear()
        cut = _ESTIMATES[key] = truncate_estimate(title, max_px, size, dpi)
    return cut


_WRAPS: dict[tuple[str, float, float, float], tuple[list[str], float]] = {}


def wrap_two(title: str, max_px: float, size: float, dpi: float) -> tuple[list[str], float]:
    """``title`` on two lines broken at the space that makes the longer line shortest,
    each line cut with "…" to ``max_px`` if it is still too long; (lines, widest px).
    Remembered per (title, width, size, dpi): a pan tries the same titles each frame."""
    key = (title, max_px, size, dpi)
    found = _WRAPS.get(key)
    if found is None:
        if len(_WRAPS) > _ESTIMATES_MAX:
            _WRAPS.clear()
        found = _WRAPS[key] = _wrap_two(title, max_px, size, dpi)
    return list(found[0]), found[1]


def _wrap_two(title: str, max_px: float, size: float, dpi: float) -> tuple[list[str], float]:
    words = " ".join(title.split()).split(" ")
    if len(words) < 2:
        text, est = _estimate(title, max_px, size, dpi)
        return [text], est
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        a = _estimate(" ".join(words[:i]), 1e9, size, dpi)[1]
        b = _estimate(" ".join(words[i:]), 1e9, size, dpi)[1]
        if best is None or max(a, b) < best[0]:
            best = (max(a, b), i)
    assert best is not None
    first, est1 = _estimate(" ".join(words[:best[1]]), max_px, size, dpi)
    second, est2 = _estimate(" ".join(words[best[1]:]), max_px, size, dpi)
    if first.endswith("…"):  # the first line was cut: nothing after it would read on
        return [first], est1
    return [first, second], max(est1, est2)


def _candidates(title: str, widths: list[float], size: float, dpi: float,
                room: float) -> Iterator[tuple[list[str], float]]:
    """Ways to show ``title``, best first: whole on one line, wrapped to two lines, cut
    with "…"; each within ``room`` pixels (the wider side of the stem)."""
    widest = min(widths[0], room)
    narrow = min(widths[-1], room)
    text, est = _estimate(title, widest, size, dpi)
    options: list[tuple[list[str], float]] = []
    if not text.endswith("…") or title.endswith("…"):  # whole, on one line
        options.append(([text], est))
    options.append(wrap_two(title, narrow, size, dpi))
    text, est = _estimate(title, narrow, size, dpi)
    options.append(([text], est))
    seen: set[tuple[str, ...]] = set()
    for lines, est in options:
        if tuple(lines) not in seen:
            seen.add(tuple(lines))
            yield lines, est


def _sides(anchor_px: float, width: float, w: float) -> list[tuple[float, float]]:
    """Box x-extents with the text starting at the stem, then ending at it: those that
    stay inside the axes."""
    out = []
    x0 = anchor_px - 1
    if x0 + width + 2 <= w - EDGE_PX and x0 >= 0:
        out.append((x0, x0 + width + 2))
    x1 = anchor_px + 1
    if x1 - width - 2 >= 0 and x1 <= w - EDGE_PX:
        out.append((x1 - width - 2, x1))
    return out


def place_labels(
    layout: Layout,
    visible: list[tuple[TimelineItem, list[int]]],
    anchors: dict[int, list[tuple[int, float, float, float]]],
    lanes: list[Lane],
    g: Geom,
    max_labels: int,
    obstacles: list[tuple[int, int, int, float, float]] = (),  # type: ignore[assignment]
    *,
    spread: float = SPREAD_MAX,
) -> None:
    """Greedy by priority, then latest date first; capped tries and re-packs keep it fast for
    ten thousand candidates. ``obstacles`` are (lane, side, row, x0, x1) kept free (arcs
    crossing a lane's rows); sides holding one keep their rows unspread."""
    if max_labels <= 0:
        return
    w = layout.size_px[0]
    size, dpi = layout.font_size, layout.dpi
    widths = label_widths(layout, lanes, len(visible), max_labels)
    packers = [(LanePacker(lane.n_rows, w), LanePacker(lane.n_below, w)) for lane in lanes]
    blocked: set[tuple[int, int]] = set()
    for li, side, row, x0, x1 in obstacles:
        packers[li][0 if side > 0 else 1].reserve(Box(x0, x1, None, -4), row)
        blocked.add((li, side))
    # Equal priorities go right to left: each label's text runs right from its stem,
    # over the stems of later events only where those labels sit lower (a staircase).
    order = sorted(visible, key=lambda p: (-p[0].priority, -p[0].lo, p[0].id))
    placed: list[_Placed] = []
    tries, repacks, swaps = 0, max_labels, max_labels // 2
    max_tries = max(400, 20 * max_labels)
    v0, v1 = layout.view
    pending = [_Pending() for _ in lanes]
    for it, _its_lanes in order:
        for li, xm, _y, _top in anchors.get(it.id, ()):
            pending[li].add((xm - v0) / (v1 - v0) * w)
    for it, _its_lanes in order:
        if len(placed) >= max_labels or tries >= max_tries:
            break
        title = it.title or f"#{it.id}"
        for li, xm, y, top in anchors.get(it.id, ()):
            ax_px = (xm - v0) / (v1 - v0) * w  # Layout.x_to_px, inlined: the hot loop
            pending[li].remove(ax_px)
            if len(placed) >= max_labels:
                continue
            up, down = packers[li]
            if up.n_rows == 0 and down.n_rows == 0:
                continue
            room = max(w - EDGE_PX - ax_px, ax_px) - 3
            if room < 12:
                continue
            best: tuple[tuple[float, float], Box, LanePacker, tuple[int, float, float], int,
                        list[str]] | None = None
            forms: list[tuple[Box, list[str]]] = []  # each form, text right of the stem first
            candidates = list(_candidates(title, widths, size, dpi, room))
            narrowest = _sides(ax_px, min(est for _l, est in candidates) * 1.02 + 1, w)
            if not (up.could_fit(*narrowest) or down.could_fit(*narrowest)):
                continue  # no row has room for even its shortest form: a crowd
            for form, (lines, est) in enumerate(candidates):
                if best is not None and best[0][0] < WRAP_COST:
                    break  # nothing later beats a place that hides no other event's stem
                tries += 1
                width = est * 1.02 + 1  # margin for kerning/hinting; exact text fitted below
                sides = _sides(ax_px, width, w)
                if not sides:
                    continue
                whole = Box(*sides[0], ax_px, len(placed),
                            alt=sides[1] if len(sides) > 1 else None, lines=len(lines))
                forms.append((whole, lines))
                for k, (x0, x1) in enumerate(sides):
                    covered = pending[li].count(x0 + 2, x1 - 2)
                    one = Box(x0, x1, ax_px, len(placed), lines=len(lines))
                    for side, packer in ((1, up), (-1, down)):
                        found = packer.search(one) if packer.n_rows else None
                        if found is None:
                            continue
                        # a stem hidden costs about as much as wrapping a title
                        cost = covered + WRAP_COST * form + ROW_COST * found[0] + 0.01 * k
                        score = (cost, len(packer.placed) + (0 if side > 0 else 0.5))
                        if best is None or score < best[0]:
                            best = (score, whole, packer, found, side, lines)
            if best is not None:
                _score, box, packer, found, side, lines = best
                packer.take(box, found)
                placed.append((box, li, side, it, xm, top, 2 * y - top, lines))
                continue
            # No free place: re-pack a side's labels (as a staircase) with this one in,
            # else move the label whose box hides this stem somewhere else.
            # Only a box that fits some row when stems are ignored can gain from either
            # (in a crowd most candidates do not: this keeps dense frames cheap).
            for box, lines in forms:
                if repacks <= 0:
                    break
                spans = box.options()
                if not (up.could_fit(*spans) or down.could_fit(*spans)):
                    continue
                repacks -= 1
                side = 1 if up.try_repack(box) else (-1 if down.try_repack(box) else 0)
                if not side and swaps > 0:
                    swaps -= 1
                    side = _swap(box, up, down, placed)
                if side:
                    placed.append((box, li, side, it, xm, top, 2 * y - top, lines))
                    break
    if spread > 1:
        _spread(layout, lanes, packers, blocked, g, spread)
    _finish(layout, placed, lanes, g)


def _swap(box: Box, up: LanePacker, down: LanePacker, placed: list[_Placed]) -> int:
    """Place ``box`` by moving the label that hides its stem on one side to any free
    place on either side; 1 or -1 for the side ``box`` went to, 0 (nothing changed)
    where no such move works."""
    stem = box.stem
    if stem is None:
        return 0
    for side, packer, other in ((1, up, down), (-1, down, up)):
        blocker = packer.blocker(stem)
        if blocker is None:
            continue
        where = (blocker.row, blocker.x0, blocker.x1)
        packer.drop(blocker)
        found = packer.search(box)
        if found is not None:
            packer.take(box, found)
            for to_side, target in ((side, packer), (-side, other)):
                again = target.search(blocker) if target.n_rows else None
                if again is not None:
                    target.take(blocker, again)
                    for i, entry in enumerate(placed):
                        if entry[0] is blocker:
                            placed[i] = (entry[0], entry[1], to_side, *entry[3:])
                    return side
            packer.drop(box)
        packer.restore(blocker, *where)
    return 0


def _spread(layout: Layout, lanes: list[Lane], packers: list[tuple[LanePacker, LanePacker]],
            blocked: set[tuple[int, int]], g: Geom, most: float) -> None:
    """Row pitch per lane and side: the rows in use spread over the side's room (at most
    SPREAD_MAX row heights apart), so labels use the height of the picture."""
    for li, (lane, (up, down)) in enumerate(zip(lanes, packers, strict=True)):
        pitches = []
        for side, packer, room in ((1, up, _room_up(lane, layout, li, g)),
                                   (-1, down, lane.down_base - lane.y0 - 2 - g.line_h)):
            used = max((b.row + b.lines for b in packer.placed), default=0)
            pitch = g.row_h
            if used > 1 and (li, side) not in blocked:
                pitch = min(most * g.row_h, max(g.row_h, room / (used - 1)))
            pitches.append(pitch)
        lanes[li] = lane._replace(up_pitch=pitches[0], down_pitch=pitches[1])
    layout.lanes[:] = lanes


def _room_up(lane: Lane, layout: Layout, li: int, g: Geom) -> float:
    top = lane.y1 - 2 - (layout.top_strip if li == 0 else 0.0)
    return top - lane.up_base - g.line_h


def _finish(layout: Layout, placed: list[_Placed], lanes: list[Lane], g: Geom) -> None:
    """Exact widths for the labels shown (the estimate sized their box), and their
    pixel positions now that the rows' pitch is known."""
    size, dpi = layout.font_size, layout.dpi
    prepare_texts([line for *_rest, lines in placed for line in lines], size, dpi)
    step = g.row_h
    for box, li, side, it, xm, top, bottom, lines in placed:
        room = box.x1 - box.x0 - 2
        lines = [line if text_width_px(line, size, dpi) <= room
                 else truncate_to_width(line, room, size, dpi) for line in lines]
        lane = lanes[li]
        extra = (len(lines) - 1) * step
        if side > 0:
            y0 = lane.up_base + box.row * lane.up_pitch
            y1 = y0 + g.line_h + extra
            stem0, stem1 = top, y0
        else:
            y1 = lane.down_base - box.row * lane.down_pitch
            y0 = y1 - g.line_h - extra
            stem0, stem1 = bottom, y1
        baseline = y1 - g.line_h + g.descent
        layout.labels.append(
            Label("\n".join(lines), it.id, xm, box.x0, box.x1, y0, y1, box.row, baseline,
                  box.x0 + 1, stem0, li, side, stem1, step)
        )


def label_widths(layout: Layout, lanes: list[Lane], n_candidates: int,
                 max_labels: int) -> list[float]:
    """Widths (px) at which titles are cut, widest first.

    A fixed cap cut "White House announces a second Trump–Kim summit" even on a wide,
    nearly empty export. Labels may now take up to WIDE_FRACTION of the axes, but only
    while the rows hold about twice the room the expected labels need; in a crowd the
    cap falls back to MAX_LABEL_PX, and every label that cannot be placed whole is
    retried wrapped and at that width before it is given up.
    """
    w = layout.size_px[0]
    narrow = min(MAX_LABEL_PX * layout.dpi / 100.0 * layout.font_size / 8.0, w * 0.45)
    expected = max(1, min(n_candidates, max_labels))
    room = sum(lane.n_rows + lane.n_below for lane in lanes) * w
    wide = min(w * WIDE_FRACTION, room / (2 * expected))
    return [wide, narrow] if wide > narrow + 1 else [narrow]
