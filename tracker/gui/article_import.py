"""File → Import Article… and Paste Article…: read an article, find its candidate events,
and open the review panel beside its text. Nothing is stored until the person accepts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QWidget

from tracker.gui.forms import plain
from tracker.model.entities import Source

ARTICLE_FILTER = "Articles (*.txt *.html *.htm);;All files (*)"


def ask_published(name: str) -> str:
    """The question for an article that does not say when it was published."""
    return (f"{name!r} does not say when it was published. Dates in it such as “Friday” "
            "or “In May” are read against that day.\n\nWhen was it published? "
            "(YYYY-MM-DD, optionally with a time HH:MM)")


class ArticleImport(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.panel = None
        self.act_import = window._action("Import &Article…", self.choose, "Ctrl+Shift+A",
                                         "Read a .txt or .html article and review its events")
        self.act_paste = window._action("&Paste Article…", self.paste, None,
                                        "Paste an article's text and review its events")

    def choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, "Import Article", str(Path.home()),
                                              ARTICLE_FILTER)
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path, published: str | None = None):
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from tracker.article.extract import ArticleError, read_article

        try:
            source = read_article(path, published)
        except ArticleError as exc:
            if published is None and "publi" in str(exc).lower():
                # The reader's message names the command line's option; ask in window words.
                day, ok = QInputDialog.getText(
                    self.window, "Publication date", plain(ask_published(path.name)))
                if ok and day.strip():
                    return self.import_path(path, day.strip())
                return None
            QMessageBox.warning(self.window, "Cannot import the article", plain(str(exc)))
            return None
        return self.review(source)

    def paste(self):
        from tracker.gui.source_dialog import SourceDialog

        dialog = SourceDialog(parent=self.window)
        dialog.setWindowTitle("Paste Article")
        dialog.accepted.connect(lambda: self.review(dialog.result_source()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def review(self, source: Source):
        from tracker.article.candidates import find_candidates
        from tracker.gui.review_panel import ReviewPanel

        window = self.window
        candidates = find_candidates(source, window.store.actors())
        panel = ReviewPanel(window.store, source, candidates, window,
                            run_command=window.editor.run)
        self.panel = panel
        panel.open()
        if not candidates:
            window.statusBar().showMessage(
                f"No dated sentences found in {source.title!r}; nothing to review.", 10000)
        return panel
