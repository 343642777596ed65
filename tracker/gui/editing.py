"""Editing from the window: the undo stack, the edit actions and the dialogs they open.

Dialogs are opened window-modal with open() (not exec()), so the event loop keeps
running and tests drive them like a person would. Every accepted dialog becomes one
undoable command; a change the store refuses is shown in a message box and never lands
on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QMenu, QWidget

from tracker.gui.commands import (
    AddEventCommand,
    AddExcerptCommand,
    AddLinkCommand,
    AddSourceCommand,
    DeleteEventCommand,
    EditEventCommand,
    RemoveLinkCommand,
    StoreCommand,
    execute,
)
from tracker.gui.forms import plain
from tracker.model.entities import Event, Excerpt, Link
from tracker.model.vocab import LINK_KINDS
from tracker.store import Store, StoreError
from tracker.store.edits import ConflictError


def published_day(iso: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(iso).date() if iso else None
    except ValueError:
        return None


def _ask(parent: QWidget, text: str, informative: str, reload: bool) -> str:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Event changed elsewhere", text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's text
    box.setInformativeText(informative)
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    again = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole) if reload else None
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "overwrite" if clicked is overwrite else "reload" if clicked is again else "cancel"


def ask_conflict(parent: QWidget, title: str) -> str:
    """"overwrite", "reload" or "cancel": what to do with an edit of an event that
    another window or the command line changed meanwhile."""
    return _ask(parent, f"{title!r} was changed in another window or by the command line "
                "while you were editing it.",
                "Overwrite their change with yours, or reload the event and edit it again? "
                "(Undo can bring back whichever you replace.)", reload=True)


def ask_step_conflict(parent: QWidget, title: str, step: str) -> str:
    """"overwrite" or "cancel": the same question when Undo or Redo would replace a
    change another window or the command line made since."""
    return _ask(parent, f"{title!r} was changed in another window or by the command line "
                f"since this change was made.",
                f"{step} would overwrite their change. Overwrite it, or cancel and leave "
                "the event as it is now?", reload=False)


class EditController(QObject):
    def __init__(self, window, store: Store, selected: Callable[[], int | None]) -> None:
        super().__init__(window)
        self.window: QWidget = window
        self.store = store
        self.selected = selected
        self.stack = QUndoStack(self)
        self.dialog = None  # the dialog currently open, for tests and to avoid doubles
        w = window
        self.act_undo = self._step_action("&Undo", self.undo, self.stack.canUndoChanged,
                                          self.stack.undoTextChanged)
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self._step_action("&Redo", self.redo, self.stack.canRedoChanged,
                                          self.stack.redoTextChanged)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            w.addAction(act)
        self.act_new = w._action("&New Event…", lambda: self.new_event(), "Ctrl+N",
                                 "Add an event by hand")
        self.act_edit = w._action("&Edit Event…", self.edit_selected, None,
                                  "Edit the selected event (Enter on the timeline or table)")
        self.act_delete = w._action("&Delete Event", self.delete_selected, "Del",
                                    "Delete the selected event (Undo brings it back)")
        self.act_link = w._action("&Link to Event…", self.link_selected, "Ctrl+L",
                                  "Link the selected event to another")
        # One entry per link of the selected event, filled when the menu opens; the
        # detail pane's Links field offers the same entries on a right click.
        self.unlink_menu = QMenu("Remove Lin&k", window)
        self.unlink_menu.aboutToShow.connect(
            lambda: self.fill_unlink_menu(self.unlink_menu, self.selected()))
        self.act_from_selection = w._action(
            "New Event from &Selection…", self.new_event_from_selection, "Ctrl+Shift+N",
            "Make an event from the passage selected in the article")
        self.act_add_excerpt = w._action(
            "Add Selection as E&xcerpt", self.add_selection_as_excerpt, "Ctrl+Shift+X",
            "Cite the passage selected in the article for the selected event")
        self.act_add_source = w._action("Add &Source…", self.add_source, "Ctrl+Shift+S",
                                        "Add an article by pasting its text or opening a .txt file")

    # -- undo and redo -----------------------------------------------------------------
    def _step_action(self, name: str, slot: Callable[[], bool], can, text) -> QAction:
        """Like QUndoStack.createUndoAction, but triggering runs ``slot``: the step is
        tried against the store first, and the stack moves only if it succeeded."""
        action = QAction(name, self)
        action.setEnabled(False)
        can.connect(action.setEnabled)
        text.connect(lambda t: action.setText(f"{name} {t}" if t else name))
        action.triggered.connect(lambda: slot())
        return action

    def undo(self) -> bool:
        return self.step(back=True)

    def redo(self) -> bool:
        return self.step(back=False)

    def step(self, *, back: bool) -> bool:
        """Undo or redo one command. If another writer changed the event since, ask
        before overwriting; if the store refuses, say why and leave the stack where it
        is (so the next redo cannot act on rows another writer has taken since)."""
        from PySide6.QtWidgets import QMessageBox

        index = self.stack.index()
        if (index == 0) if back else (index >= self.stack.count()):
            return False
        command = self.stack.command(index - 1 if back else index)
        assert isinstance(command, StoreCommand)
        run = command.revert if back else command.do
        name = "Undo" if back else "Redo"
        try:
            try:
                run()
            except ConflictError as exc:
                if ask_step_conflict(self.window, exc.title, name) != "overwrite":
                    return False
                run(force=True)
        except (StoreError, ValueError) as exc:
            QMessageBox.warning(self.window, f"{name} not done", plain(str(exc)))
            return False
        command.done_already()
        if back:
            self.stack.undo()
        else:
            self.stack.redo()
        return True

    # -- helpers ---------------------------------------------------------------------
    def run(self, command: StoreCommand | Callable[[], StoreCommand],
            parent: QWidget | None = None) -> bool:
        """Run a command (or build it first: building may read the store, and the event
        may have gone meanwhile); a refusal is shown and nothing lands on the stack."""
        from PySide6.QtWidgets import QMessageBox

        try:
            if not isinstance(command, StoreCommand):
                command = command()
            execute(self.stack, command)
        except (StoreError, ValueError) as exc:
            QMessageBox.warning(parent or self.window, "Change not saved", plain(str(exc)))
            return False
        return True

    def _open(self, dialog, on_accept: Callable[[], None] | None = None,
              save: Callable[[], bool] | None = None) -> None:
        """Open ``dialog``; ``save`` runs on OK and the dialog closes only if it
        returns True (the event editor), ``on_accept`` runs after it closed."""
        self.dialog = dialog
        if save is not None:
            dialog.save = save
        if on_accept is not None:
            dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:  # a dialog opened meanwhile (Reload) stays current
            self.dialog = None

    # -- events ----------------------------------------------------------------------
    def new_event(self, initial_date_text: str = "", excerpts: list[Excerpt] | None = None,
                  reference: dt.date | None = None):
        from tracker.gui.event_dialog import EventDialog

        dialog = EventDialog(self.store, initial_date_text=initial_date_text,
                             excerpts=list(excerpts or []), reference=reference,
                             parent=self.window)

        def save() -> bool:
            try:
                command = AddEventCommand(self.store, dialog.result_event())
            except ValueError:
                return False  # OK is disabled while a field is wrong
            if not self.run(command, dialog):
                return False  # the dialog stays open with what was typed
            if command.event_id is not None:
                self.window.select_event(command.event_id)
            return True

        self._open(dialog, save=save)
        return dialog

    def new_event_at(self, day: dt.date):
        from tracker.model.fuzzydate import format_day

        return self.new_event(initial_date_text=format_day(day))

    def edit_event(self, event_id: int):
        from PySide6.QtWidgets import QMessageBox

        from tracker.gui.event_dialog import EventDialog

        try:
            event = self.store.get_event(event_id)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Cannot edit", plain(str(exc)))
            return None
        dialog = EventDialog(self.store, event=event, parent=self.window)
        self._open(dialog, save=lambda: self._save_edit(dialog, event.version))
        return dialog

    def _save_edit(self, dialog, version: int) -> bool:
        """Save an edit unless someone else changed the event since the dialog opened;
        then the user chooses: overwrite their change, or reload and edit again. True
        when the dialog may close (saved, or replaced by a reloaded one)."""
        from PySide6.QtWidgets import QMessageBox

        try:
            edited = dialog.result_event()
            execute(self.stack, EditEventCommand(self.store, edited, expected_version=version))
            return True
        except ConflictError:
            choice = ask_conflict(dialog, edited.title)
        except (StoreError, ValueError) as exc:
            QMessageBox.warning(dialog, "Change not saved", plain(str(exc)))
            return False
        if choice == "overwrite":
            return self.run(lambda: EditEventCommand(self.store, edited), dialog)
        if choice == "reload":
            self.edit_event(int(edited.id))
            return True
        return False  # cancelled: the dialog stays open with the edit

    def edit_selected(self):
        event_id = self.selected()
        return self.edit_event(event_id) if event_id is not None else None

    def delete_selected(self) -> None:
        event_id = self.selected()
        if event_id is not None:
            self.run(lambda: DeleteEventCommand(self.store, event_id))

    def link_selected(self):
        from PySide6.QtWidgets import QMessageBox

        from tracker.gui.link_dialog import LinkDialog

        event_id = self.selected()
        if event_id is None:
            QMessageBox.information(self.window, "Link events", plain("Select an event first."))
            return None
        dialog = LinkDialog(self.store, event_id, self.window)

        def accepted() -> None:
            target = dialog.target_id()
            if target is not None:
                self.run(lambda: AddLinkCommand(
                    self.store, event_id, target, dialog.kind(),
                    f"'{self.store.get_event(event_id).title}' {dialog.kind()} "
                    f"'{self.store.get_event(target).title}'"))

        self._open(dialog, accepted)
        return dialog

    def fill_unlink_menu(self, menu: QMenu, event_id: int | None) -> None:
        """Put one "remove" entry per link of ``event_id`` into ``menu`` (a disabled line
        saying why when there is none, so the menu never opens empty)."""
        menu.clear()
        try:
            event = self.store.get_event(event_id) if event_id is not None else None
        except StoreError:
            event = None  # deleted meanwhile: nothing to unlink
        if event is None or not event.links:
            menu.addAction("No event selected" if event is None
                           else "This event has no links").setEnabled(False)
            return
        for link in event.links:
            kind = LINK_KINDS.get(link.kind, link.kind)
            text = (f"this {kind} “{link.other_title}”" if link.from_id == event.id
                    else f"“{link.other_title}” {kind} this")
            action = menu.addAction("Remove: " + text.replace("&", "&&"))
            action.triggered.connect(
                lambda _checked=False, e=event, k=link: self.unlink(e, k))

    def unlink(self, event: Event, link: Link) -> bool:
        """Remove one link of ``event`` as an undoable step."""
        other = f"'{link.other_title}'"
        this = f"'{event.title}'"
        label = (f"{this} {link.kind} {other}" if link.from_id == event.id
                 else f"{other} {link.kind} {this}")
        return self.run(lambda: RemoveLinkCommand(self.store, link.from_id, link.to_id,
                                                  link.kind, label))

    def links_menu(self, pos: QPoint) -> None:
        """Right click on the detail pane's Links field: remove one of the shown links."""
        field = self.window.detail.fields["links"]
        event = self.window.detail.current_event
        menu = QMenu(field)
        self.fill_unlink_menu(menu, event.id if event is not None else None)
        menu.exec(field.mapToGlobal(pos))

    # -- sources and passages ------------------------------------------------------------
    def add_source(self):
        from tracker.gui.source_dialog import SourceDialog

        dialog = SourceDialog(parent=self.window)
        self._open(dialog, lambda: self._source_added(dialog.result_source()))
        return dialog

    def _source_added(self, source) -> None:
        command = AddSourceCommand(self.store, source)
        if self.run(command) and command.source_id is not None:
            self.window.detail.show_source(command.source_id)

    def _selection(self):
        from PySide6.QtWidgets import QMessageBox

        span = self.window.detail.selected_span()
        if span is None:
            QMessageBox.information(self.window, "No passage selected",
                                    plain("Select a passage in the article pane first."))
        return span

    def new_event_from_selection(self):
        """The event the passage reports, proposed as the review panel does (the source's
        date words kept, a title proposed); see tracker.gui.passage."""
        from tracker.gui.passage import draft_from_passage, opening_words
        from tracker.model.guess import guess_date_text

        span = self._selection()
        if span is None:
            return None
        source, start, end, quote = span
        reference = published_day(source.published_at)
        draft = draft_from_passage(self.store, source, start, end, quote, reference)
        if draft is not None:
            return self._new_from_draft(draft, reference)
        guess = guess_date_text(quote, reference) if reference else ""
        dialog = self.new_event(initial_date_text=guess, reference=reference,
                                excerpts=[Excerpt(source.id, start, end, quote,
                                                  source_title=source.title)])
        dialog.title_edit.setText(opening_words(quote))
        dialog.title_edit.selectAll()  # typing replaces the proposal
        return dialog

    def _new_from_draft(self, draft: Event, reference: dt.date | None):
        from tracker.gui.event_dialog import EventDialog

        dialog = EventDialog(self.store, event=draft, reference=reference, parent=self.window)
        dialog.setWindowTitle("New Event from Passage")
        dialog.title_edit.selectAll()  # typing replaces the proposal

        def accepted() -> None:
            command = AddEventCommand(self.store, dialog.result_event())
            if self.run(command) and command.event_id is not None:
                self.window.select_event(command.event_id)

        self._open(dialog, accepted)
        return dialog

    def add_selection_as_excerpt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        event_id = self.selected()
        if event_id is None:
            QMessageBox.information(self.window, "No event selected",
                                    plain("Select the event this passage reports first."))
            return
        span = self._selection()
        if span is None:
            return
        source, start, end, quote = span
        self.run(lambda: AddExcerptCommand(self.store, event_id,
                                           Excerpt(source.id, start, end, quote)))

    def article_menu(self, pos: QPoint) -> None:
        article = self.window.detail.article
        menu: QMenu = article.createStandardContextMenu()
        menu.addSeparator()
        has_selection = article.textCursor().hasSelection()
        for act in (self.act_from_selection, self.act_add_excerpt):
            act.setEnabled(has_selection)
            menu.addAction(act)
        menu.exec(article.viewport().mapToGlobal(pos))
        for act in (self.act_from_selection, self.act_add_excerpt):
            act.setEnabled(True)

    def bind_enter(self, *widgets: QWidget) -> None:
        """Enter edits the selected event when the timeline or the table has the focus
        (not everywhere: Enter in the search box means "next hit")."""
        for widget in widgets:
            for key in ("Return", "Enter"):
                shortcut = QShortcut(QKeySequence(key), widget)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(self.edit_selected)
