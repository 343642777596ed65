"""Split a text into sentences with exact spans, in one linear pass.

Spans are Python code-point offsets into the text, so ``text[start:end]`` is the
sentence exactly as the source has it: excerpts built from them pass the store's
quote check. A line break ends a sentence too (headlines, captions and datelines have
no full stop), and a full stop after a common abbreviation or an initial does not. Wire
copy sometimes loses the space after a full stop ("Washington.The announcement"): a full
stop between a lower-case word and a capitalised one ends a sentence too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9@#])|\n"
                       r"|(?<=[a-z]{2})\.(?=[A-Z][a-z]+\s)")  # glued: "from Washington.The announcement"
_ABBREVIATIONS = frozenset(re.findall(r"\S+", """
    mr mrs ms dr prof st gen sen rep gov lt col capt maj sgt no vs etc jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft u.s u.k u.n e.g i.e a.m p.m
"""))
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
# Longer runs without a boundary (lists, scraped tables, generated text) are cut at a
# space: the work per sentence then stays bounded and the whole split linear.
MAX_SENTENCE = 1000


def _abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty sentence in text[start:end], stripped of spaces."""
    end = len(text) if end is None else end
    begin = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0) != "\n" and m.group(0)[0] == "." and _abbreviation(text, m.start()):
            continue
        stop = m.end() if m.group(0) != "\n" else m.start()
        yield from _stripped(text, begin, stop)
        begin = m.end()
    yield from _stripped(text, begin, end)


def _stripped(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b:
        while a < b and text[a].isspace():
            a += 1
        stop = b
        if stop - a > MAX_SENTENCE:
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            stop = cut if cut > a else a + MAX_SENTENCE
        end = stop
        while end > a and text[end - 1].isspace():
            end -= 1
        if end > a:
            yield a, end
        a = stop
