"""Keeping coincident markers apart: same-day (or nearly same-pixel) events side by side.

Two events on one day would otherwise draw one dot over the other, and the reader (and a
click) could only ever find one of them. Markers of one lane are therefore nudged sideways
just enough to sit at least a diameter apart, each moving as little as possible (least
squares, solved exactly by pool-adjacent-violators in O(n)). Where a whole crowd would have
to move far off its dates, it is left as it is: at that zoom the picture is a density, and
shifting marks by weeks would misstate when things happened.
"""

from __future__ import annotations

from tracker.timeline.geometry import Layout

GAP_PX = 1.0  # clear space between neighbouring markers
MAX_SHIFT_DIAMETERS = 3.0  # never move a marker further than this off its date


def separate(xs: list[float], spacing: float, max_shift: float) -> list[float]:
    """Positions for sorted pixel ``xs`` at least ``spacing`` apart, each as close to its
    original as possible; groups that would need a shift above ``max_shift`` stay put.

    With ``p_i = x_i - i * spacing`` the constraint becomes "p non-decreasing", so the
    best positions are the isotonic regression of p (blocks of pooled means) plus
    ``i * spacing``; every block is then one evenly spaced cluster around its centre.
    """
    blocks: list[list[float]] = []  # [sum of p, count, first index]
    for i, x in enumerate(xs):
        blocks.append([x - i * spacing, 1, i])
        while len(blocks) > 1 and (blocks[-2][0] * blocks[-1][1]
                                   > blocks[-1][0] * blocks[-2][1]):
            s, n, _start = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
    out = list(xs)
    for s, n_f, start_f in blocks:
        n, start = int(n_f), int(start_f)
        if n == 1:
            continue
        q = s / n
        pos = [q + (start + j) * spacing for j in range(n)]
        if max(abs(p - xs[start + j]) for j, p in enumerate(pos)) <= max_shift:
            out[start:start + n] = pos
    return out


def spread_points(layout: Layout) -> None:
    """Nudge ``layout.points`` sideways, per lane, so no two markers cover each other.

    Order within one day is by id, so the picture does not reshuffle between redraws.
    """
    pts = layout.points
    if len(pts) < 2:
        return
    v0, v1 = layout.view
    k = layout.size_px[0] / (v1 - v0)
    spacing = layout.marker_px + GAP_PX
    by_lane: dict[int, list[int]] = {}
    for i, p in enumerate(pts):
        by_lane.setdefault(p.lane, []).append(i)
    for idx in by_lane.values():
        if len(idx) < 2:
            continue
        idx.sort(key=lambda i: (pts[i].x, pts[i].id))
        xs = [(pts[i].x - v0) * k for i in idx]
        new = separate(xs, spacing, MAX_SHIFT_DIAMETERS * layout.marker_px)
        for i, old, moved in zip(idx, xs, new, strict=True):
            if moved != old:
                pts[i] = pts[i]._replace(x=v0 + moved / k, shift_px=moved - old)
