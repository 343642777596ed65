"""Choosing which labels to show and where: greedy by priority, packed per lane by
:class:`~tracker.timeline.declutter.LanePacker`, capped in count and in width."""

from __future__ import annotations

from tracker.timeline.declutter import Box, LanePacker
from tracker.timeline.geometry import Geom, Label, Lane, Layout, reference_text
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

# truncate_estimate per (title, width, size, dpi): every frame of a pan tries the same
# few thousand titles at the same widths.
_ESTIMATES: dict[tuple[str, float, float, float], tuple[str, float]] = {}
_ESTIMATES_MAX = 65536


def place_labels(
    layout: Layout,
    visible: list[tuple[TimelineItem, list[int]]],
    anchors: dict[int, list[tuple[int, float, float, float]]],
    lanes: list[Lane],
    g: Geom,
    max_labels: int,
) -> None:
    """Greedy by priority, then earliest date; capped tries and re-packs keep it fast for
    ten thousand candidates."""
    if max_labels <= 0:
        return
    w = layout.size_px[0]
    size, dpi = layout.font_size, layout.dpi
    widths = label_widths(layout, lanes, len(visible), max_labels)
    packers = [LanePacker(lane.n_rows, w) for lane in lanes]
    _reserve_fixed(layout, packers, lanes, g)
    order = sorted(visible, key=lambda p: (-p[0].priority, p[0].lo, p[0].id))
    placed: list[tuple[Box, int, TimelineItem, float, float, str]] = []
    tries, repacks = 0, 2 * max_labels
    max_tries = max(400, 20 * max_labels)
    (v0, v1), estimates = layout.view, _ESTIMATES
    for it, _its_lanes in order:
        if len(placed) >= max_labels or tries >= max_tries:
            break
        title = it.title or f"#{it.id}"
        for li, xm, _y, top in anchors.get(it.id, ()):
            if len(placed) >= max_labels:
                break
            packer = packers[li]
            if packer.n_rows == 0:
                continue
            ax_px = (xm - v0) / (v1 - v0) * w  # Layout.x_to_px, inlined: the hot loop
            shown_w = None
            for max_px in widths:  # whole title first; cut only if it cannot be placed
                if shown_w is not None and shown_w <= max_px:
                    continue  # the same text as the try before
                tries += 1
                key = (title, max_px, size, dpi)
                cut = estimates.get(key)
                if cut is None:
                    if len(estimates) > _ESTIMATES_MAX:
                        estimates.clear()
                    cut = estimates[key] = truncate_estimate(title, max_px, size, dpi)
                text, est = cut
                shown_w = est
                width = est * 1.02 + 1  # margin for kerning/hinting; exact text fitted below
                x0, x1 = _box_x(ax_px, width, w)
                alt = _box_x_left(ax_px, width, w)
                # A box that fits in no row even ignoring stems cannot be placed, and
                # try_place runs the same test first; so the pre-check is only needed to
                # decide on a re-pack (a failed try_place leaves the packer unchanged).
                if repacks > 0 and not packer.could_fit((x0, x1), alt):
                    continue
                box = Box(x0, x1, ax_px, len(placed), alt=alt if alt != (x0, x1) else None)
                ok = packer.try_place(box)
                if not ok and repacks > 0:
                    repacks -= 1
                    ok = packer.try_repack(box)
                if ok:
                    placed.append((box, li, it, xm, top, text))
                    break
    # Only shown labels pay for an exact measurement; the estimate sized their box.
    prepare_texts([text for *_rest, text in placed], size, dpi)
    for box, li, it, xm, top, text in placed:
        if text_width_px(text, size, dpi) > box.x1 - box.x0 - 2:
            text = truncate_to_width(it.title or f"#{it.id}", box.x1 - box.x0 - 2, size, dpi)
        lane = lanes[li]
        y0 = lane.axis_y + max(g.marker, g.span_h) / 2 + 4 + box.row * g.row_h
        layout.labels.append(
            Label(text, it.id, xm, box.x0, box.x1, y0, y0 + g.line_h, box.row,
                  y0 + g.descent, box.x0 + 1, top, li)
        )


def label_widths(layout: Layout, lanes: list[Lane], n_candidates: int,
                 max_labels: int) -> list[float]:
    """Widths (px) at which titles are cut, widest first.

    A fixed cap cut "White House announces a second Trump–Kim summit" even on a wide,
    nearly empty export. Labels may now take up to WIDE_FRACTION of the axes, but only
    while the rows hold about twice the room the expected labels need; in a crowd the
    cap falls back to MAX_LABEL_PX, and every label that cannot be placed whole is
    retried at that width before it is given up.
    """
    w = layout.size_px[0]
    narrow = min(MAX_LABEL_PX * layout.dpi / 100.0, w * 0.45)
    expected = max(1, min(n_candidates, max_labels))
    room = sum(lane.n_rows for lane in lanes) * w
    wide = min(w * WIDE_FRACTION, room / (2 * expected))
    return [wide, narrow] if wide > narrow + 1 else [narrow]


def _box_x(anchor_px: float, width: float, w: float) -> tuple[float, float]:
    """Text starts just right of its stem; near an edge it is slid inwards only as far as
    needed (the stem then meets it mid-way), so it does not sweep over neighbours."""
    x0 = anchor_px - 1
    x1 = x0 + width + 2
    if x1 > w - EDGE_PX:
        x1 = w - EDGE_PX
        x0 = x1 - width - 2
    if x0 < 0:
        x0, x1 = 0.0, width + 2
    return x0, x1


def _box_x_left(anchor_px: float, width: float, w: float) -> tuple[float, float]:
    """Second choice: the text ends at the stem, extending left."""
    x1 = anchor_px + 1
    x0 = x1 - width - 2
    if x0 < 0:
        x0, x1 = 0.0, width + 2
    if x1 > w - EDGE_PX:
        x1 = w - EDGE_PX
        x0 = x1 - width - 2
    return x0, x1


def _reserve_fixed(layout: Layout, packers: list[LanePacker], lanes: list[Lane], g: Geom) -> None:
    """Lane names, the reference-date tag and the aggregation note live in the top row of
    their lane; reserving them keeps labels off them."""
    size, dpi, w = layout.font_size, layout.dpi, layout.size_px[0]
    for li, lane in enumerate(lanes):
        if layout.lane_mode and lane.label and lane.n_rows:
            width = text_width_px(truncate_to_width(lane.label, 160, size, dpi), size, dpi)
            packers[li].reserve(Box(0, width + 8, None, -1), lane.n_rows - 1)
    top = packers[0]
    if layout.reference_x is not None and top.n_rows:
        rx = layout.x_to_px(layout.reference_x)
        if 0 <= rx <= w:
            width = text_width_px(reference_text(layout.reference_x), size * 0.9, dpi)
            top.reserve(Box(rx - 2, rx + width + 6, None, -2), top.n_rows - 1)
    if layout.note and top.n_rows:
        width = text_width_px(layout.note, size * 0.9, dpi)
        row = top.n_rows - 1 - (1 if note_below_reference(layout) and top.n_rows > 1 else 0)
        top.reserve(Box(w - width - 8, w, None, -3), row)


def note_below_reference(layout: Layout) -> bool:
    """The aggregation note sits top right, one line lower when the reference-date tag
    is there too (the painter and the label reservation must agree)."""
    rx = layout.reference_x
    v0, v1 = layout.view
    return rx is not None and v0 + (v1 - v0) * 0.55 < rx <= v1
