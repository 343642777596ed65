"""The search box (Ctrl+F): hits filter the table, are highlighted on the timeline and in
the article; Enter jumps to the next hit and centres the timeline on it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit

from tracker.model.filters import MAX_SEARCH_CHARS, search_problem, search_terms
from tracker.store.search import finishes_within, matching_ids

DEBOUNCE_MS = 250  # search as the person types, not on every keystroke
SEARCH_SECONDS = 1.0  # a search that would take longer is refused, never a frozen window
MAX_HITS = 100_000  # enough to step through; the table pages through all of them


class SearchController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.box = QLineEdit()
        self.box.setObjectName("search")
        self.box.setPlaceholderText("Search titles, summaries, excerpts (Ctrl+F)")
        # The clear button's icon makes Qt load its icon engine and look at every image
        # format plugin (~16 ms of the start): set it up once the box holds text, the
        # only time the button shows.
        self.box.textChanged.connect(self._first_text)
        self.box.setMaximumWidth(340)
        self.box.setMaxLength(MAX_SEARCH_CHARS)  # a huge paste is cut here, visibly
        self.hits: list[int] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply)
        self.box.textEdited.connect(lambda _text: self.timer.start())
        self.box.returnPressed.connect(self.next_hit)
        self.act_find = window._action("&Find…", self.focus, QKeySequence.StandardKey.Find,
                                       "Search the events and their sources")
        self.act_next = window._action("Find &Next", self.next_hit,
                                       QKeySequence.StandardKey.FindNext,
                                       "Go to the next search hit")

    def _first_text(self, text: str) -> None:
        if text:
            self.box.textChanged.disconnect(self._first_text)
            self.box.setClearButtonEnabled(True)

    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def set_text(self, text: str) -> None:
        """Search for ``text`` now (as if typed and the pause had passed)."""
        self.box.setText(text)
        self.apply()

    def apply(self) -> None:
        self.timer.stop()
        problem = search_problem(self.box.text())
        if problem:  # said where the person looks; the last search stays in force
            self.window.statusBar().showMessage(problem, 10000)
            self.box.setToolTip(problem)
            return
        wanted = replace(self.window.filter, search=self.box.text())
        if wanted.search.strip() and not finishes_within(self.window.store, wanted, SEARCH_SECONDS):
            problem = (f"Searching for {wanted.search.strip()[:40]!r} would take more than "
                       f"{SEARCH_SECONDS:g} s here; use longer or more words.")
            self.window.statusBar().showMessage(problem, 10000)
            self.box.setToolTip(problem)
            return
        self.box.setToolTip("")
        self.window.set_filter(wanted)

    def recompute(self, keep) -> None:
        """The hits of ``keep``'s search under its filters (the window calls this whenever
        the filters change, so hits never include events the filters hide)."""
        text = keep.search
        self.hits = matching_ids(self.window.store, keep, limit=MAX_HITS) if text.strip() else []
        self.window.detail.set_search_terms(search_terms(text) if text.strip() else [])

    def next_hit(self) -> None:
        if self.timer.isActive():
            self.apply()
        if not self.hits:
            return
        current = self.window.selected_id
        after = self.hits.index(current) + 1 if current in self.hits else 0
        target = self.hits[after % len(self.hits)]
        self.window.select_event(target, centre=True)
