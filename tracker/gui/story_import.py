"""File → Import Articles… / Import Article Folder… and article files dropped on the
window: several reports of a story at once (issue 19).

Each file is read first; one that does not say when it was published is asked about
once. Then all are stored in publication order, every candidate either as a report of
the stored event it matches or as a new event, in one transaction behind a progress
dialog whose Cancel leaves the database as it was. One article alone still opens the
review panel, where each match can be judged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tracker.gui.forms import plain
from tracker.model.entities import Source

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def article_files(paths: list[Path]) -> list[Path]:
    """The article files among ``paths``; a folder counts as its own article files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in ARTICLE_SUFFIXES)
        elif p.suffix.lower() in ARTICLE_SUFFIXES:
            out.append(p)
    return out


class StoryImport(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.message = None
        self.report = None
        self.act_files = window._action("Import Art&icles…", self.choose_files, "Ctrl+Shift+I",
                                        "Several articles of a story at once: matched to the "
                                        "events they report")
        self.act_folder = window._action("Import Article &Folder…", self.choose_folder, None,
                                         "Every .txt and .html article in a folder")

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from tracker.gui.article_import import ARTICLE_FILTER

        names, _ = QFileDialog.getOpenFileNames(self.window, "Import Articles", str(Path.home()),
                                                ARTICLE_FILTER)
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self.window, "Import Article Folder",
                                                str(Path.home()))
        if name:
            self.import_paths([Path(name)])

    # -- reading ------------------------------------------------------------------------
    def read(self, path: Path) -> Source | str:
        """The article, or why it cannot be read. A missing publication date is asked
        once; no answer skips the file."""
        from PySide6.QtWidgets import QInputDialog

        from tracker.article.extract import ArticleError, parse_published, read_article

        try:
            return read_article(path)
        except ArticleError as exc:
            if "publi" not in str(exc).lower():
                return str(exc)
            day, ok = QInputDialog.getText(
                self.window, "Publication date",
                plain(f"{path.name} does not say when it was published.\n\nWhen was it? "
                      "(YYYY-MM-DD, optionally HH:MM)"))
            if not ok or not day.strip():
                return "no publication date given"
            try:
                return read_article(path, parse_published(day.strip()))
            except ArticleError as again:
                return str(again)

    def import_paths(self, paths: list[Path]):
        """Import the article files among ``paths`` (folders included); returns the
        BatchReport, the review panel for a single article, or None."""
        files = article_files(paths)
        if not files:
            self._tell("Nothing to import", "No .txt or .html articles were given.")
            return None
        if len(files) == 1:
            return self.window.articles.import_path(files[0])
        sources: list[Source] = []
        skipped: list[str] = []
        for path in files:
            got = self.read(path)
            if isinstance(got, str):
                skipped.append(f"{path.name}: {got}")
            else:
                sources.append(got)
        if not sources:
            self._tell("Nothing imported", "None of the files could be read.", "\n".join(skipped))
            return None
        return self.store_all(sources, skipped)

    def store_all(self, sources: list[Source], skipped: list[str]):
        from PySide6.QtWidgets import QProgressDialog

        from tracker.article.story import Cancelled, import_story
        from tracker.store import StoreError

        dialog = QProgressDialog("Matching and storing the articles…", "Cancel", 0,
                                 len(sources), self.window)
        dialog.setWindowTitle("Importing Articles")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.progress_dialog = dialog

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            if done < total:
                dialog.setLabelText(f"Article {done + 1} of {total}: {sources_sorted[done].title}")
            QApplication.processEvents()
            return not dialog.wasCanceled()

        sources_sorted = sorted(sources, key=lambda s: s.published_at)
        try:
            report = import_story(self.window.store, sources, progress=progress)
        except Cancelled:
            self._tell("Import cancelled", "The import was cancelled; nothing was stored.")
            return None
        except (StoreError, ValueError) as exc:
            self._tell("Cannot import", f"Nothing was stored: {exc}")
            return None
        finally:
            dialog.close()
        self.report = report
        self._tell("Articles imported", f"Imported {report.summary()}."
                   + (f"\n{len(skipped)} file(s) skipped (see details)." if skipped else ""),
                   "\n".join(skipped))
        return report

    def _tell(self, title: str, text: str, details: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and titles are untrusted
        if details:
            box.setDetailedText(details)
        box.open()
        self.message = box
