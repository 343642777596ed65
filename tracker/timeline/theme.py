"""Every colour and line style of the timeline in one place, in a light and a dark variant.

Event-type colours come from Paul Tol's colour-blind-safe schemes ("muted" for light
backgrounds, "light" for dark ones, plus a few "vibrant" tones to reach 13 types). Status is
never told by colour alone: it changes the marker shape, fill and edge style, so it stays
readable in greyscale print and for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from matplotlib.colors import to_rgb


class StatusStyle(NamedTuple):
    """How marks of one status look.

    ``filled`` False draws hollow markers; ``linestyle`` applies to marker and span edges;
    the alphas are for span fills: ``window_alpha`` for the uncertain part, ``core_alpha``
    for the part the event certainly covers.
    """

    marker: str
    filled: bool
    linestyle: str
    window_alpha: float
    core_alpha: float
    edge_alpha: float = 0.9
    label: str = ""


class LinkStyle(NamedTuple):
    color: str
    linestyle: str


_LIGHT_TYPES = {
    "summit": "#882255",  # wine
    "meeting": "#332288",  # indigo
    "negotiation": "#88CCEE",  # cyan
    "statement": "#44AA99",  # teal
    "announcement": "#DDCC77",  # sand
    "agreement": "#117733",  # green
    "release": "#999933",  # olive
    "visit": "#AA4499",  # purple
    "policy": "#CC6677",  # rose
    "sanctions": "#EE7733",  # vibrant orange
    "military": "#CC3311",  # vibrant red
    "reaction": "#0077BB",  # vibrant blue
    "other": "#999999",
}

_DARK_TYPES = {
    "summit": "#FFAABB",  # pink
    "meeting": "#77AADD",  # light blue
    "negotiation": "#99DDFF",  # light cyan
    "statement": "#44BB99",  # mint
    "announcement": "#EEDD88",  # light yellow
    "agreement": "#BBCC33",  # pear
    "release": "#AAAA00",  # olive
    "visit": "#CC99DD",
    "policy": "#EE8866",  # orange
    "sanctions": "#EE7733",
    "military": "#EE3377",  # vibrant magenta
    "reaction": "#33BBEE",  # vibrant cyan
    "other": "#BBBBBB",
}

_STATUSES = {
    "occurred": StatusStyle("o", True, "solid", 0.30, 0.80, label="Occurred"),
    "planned": StatusStyle("o", False, "dashed", 0.14, 0.35, label="Planned"),
    "announced": StatusStyle("D", False, "dashed", 0.14, 0.35, label="Announced"),
    "speculated": StatusStyle("o", False, "dotted", 0.08, 0.20, label="Speculated"),
    "postponed": StatusStyle("s", False, "dashed", 0.10, 0.25, label="Postponed"),
    "cancelled": StatusStyle("X", True, "dotted", 0.08, 0.15, 0.6, label="Cancelled"),
}


def _links(dark: bool) -> dict[str, LinkStyle]:
    grey = "#AAAAAA" if dark else "#777777"
    return {
        "announces": LinkStyle("#EE7733", "solid"),
        "fulfils": LinkStyle("#009988", "solid"),
        "postpones": LinkStyle("#CC3311", "dashed"),
        "follows": LinkStyle(grey, "dotted"),
        "contradicts": LinkStyle("#EE3377" if dark else "#AA3377", "dashdot"),
    }


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    axis: str
    grid: str
    text: str
    muted_text: str
    lane_band: str  # alternate lane shading in lane mode
    stem: str
    bins: str
    selection: str
    search_hit: str
    reference_line: str
    type_colors: dict[str, str]
    overdue: str = "#D55E00"  # the cross on a plan whose window passed unfulfilled
    statuses: dict[str, StatusStyle] = field(default_factory=lambda: dict(_STATUSES))
    links: dict[str, LinkStyle] = field(default_factory=dict)

    def type_color(self, event_type: str) -> str:
        return self.type_colors.get(event_type, self.type_colors["other"])

    def status(self, status: str) -> StatusStyle:
        """Unknown statuses look like 'occurred' rather than failing mid-draw."""
        return self.statuses.get(status, self.statuses["occurred"])

    def link(self, kind: str) -> LinkStyle:
        return self.links.get(kind, self.links["follows"])

    def edge_color(self, event_type: str) -> tuple[float, float, float]:
        """A darker (light theme) or lighter (dark theme) edge so pale fills such as sand
        still show a crisp outline against the background."""
        r, g, b = to_rgb(self.type_color(event_type))
        if self.name == "dark":
            return (r + (1 - r) * 0.25, g + (1 - g) * 0.25, b + (1 - b) * 0.25)
        return (r * 0.7, g * 0.7, b * 0.7)


LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    axis="#444444",
    grid="#E6E6E6",
    text="#1A1A1A",
    muted_text="#666666",
    lane_band="#F5F5F7",
    stem="#9A9A9A",
    bins="#4477AA",
    selection="#E69F00",
    search_hit="#F0E442",
    reference_line="#D55E00",
    type_colors=dict(_LIGHT_TYPES),
    links=_links(False),
)

DARK = Theme(
    name="dark",
    background="#1E1F22",
    axis="#B0B0B0",
    grid="#34363B",
    text="#E8E8E8",
    muted_text="#A0A0A0",
    lane_band="#26282C",
    stem="#777777",
    bins="#77AADD",
    selection="#FFB000",
    search_hit="#DDCC77",
    reference_line="#FF7F50",
    type_colors=dict(_DARK_TYPES),
    links=_links(True),
)

light = LIGHT
dark = DARK
