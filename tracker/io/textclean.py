"""Text going into an export loses its control characters.

A title pasted from a PDF or a terminal can carry NUL, escape or form-feed characters;
spreadsheets show them as boxes, iCalendar forbids them (RFC 5545 §3.1: CONTROL characters
other than HTAB are not allowed in a value), and some calendar parsers refuse the whole
file over one. Line breaks and tabs are kept: they are the text's own layout.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF (CR is dropped: line ends are LF inside the app), DEL,
# the C1 controls, and lone surrogates that cannot be written as UTF-8.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without control characters (CRLF and CR become LF first)."""
    if not text:
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
