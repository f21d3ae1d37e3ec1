"""The entry editor: one entry's fields, its encrypted draft, and saving.

Nothing typed may be lost. While the user types, a single-shot timer (restarted on every
change) writes the form into the encrypted store as a *draft* 1.5 s after typing stops; the
page also flushes it before a lock and when the window closes. Drafts are keyed by what they
belong to: ``journal:entry:<id>`` for a saved entry, ``journal:new:<uid>`` for one not yet
saved (the uid becomes the entry's uid when it is saved). Opening an entry that has a draft
shows the draft's text and "Draft kept, not saved yet"; a successful save discards the draft. When a
save fails (a full disk), the text stays in the editor and in the draft, and the reason is
shown in plain text.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from reflect.common.errors import ReflectError
from reflect.content.library import Attribute, Prompt, PromptSet
from reflect.journal.drafts import DraftKeeper, DraftKind, DraftStep, DraftUnreadable
from reflect.journal.drafts import draft_key as key_for
from reflect.journal.journal import EntryFields, Journal
from reflect.store.models import Entry
from reflect.ui.journal.form import EntryForm
from reflect.ui.widgets.feedback import plain_tooltip
from reflect.ui.widgets.messages import Failure

log = logging.getLogger(__name__)

DRAFT_PREFIX = f"{DraftKind.JOURNAL}:"
AUTOSAVE_MS = 1500
PREVIEW_MS = 150


def draft_key(entry_id: int | None, uid: str) -> str:
    return key_for(DraftKind.JOURNAL, entry_id, uid)


def _save_failure(exc: BaseException, draft_kept: bool) -> Failure:
    reason = str(exc) if isinstance(exc, ReflectError) else (
        f"Something unexpected went wrong ({type(exc).__name__}).")
    kept = ("Your text is still here and is kept as an encrypted draft."
            if draft_kept else
            "Your text is still here, but it could not be kept as a draft either: keep Reflect "
            "open and try again once the problem is fixed.")
    return Failure("This entry was not saved.", f"{reason} {kept}")


class EntryEditor(EntryForm):
    """Fields of one entry (see :class:`EntryForm`) plus its draft and save logic.

    ``saved(entry_id)`` after a save; ``trash_requested`` from the "Move to trash" button;
    ``status_changed`` whenever "Saved"/"Draft kept, not saved yet" changes.
    """

    saved = Signal(int)
    trash_requested = Signal()
    status_changed = Signal()

    def __init__(self, journal: Journal, attributes: tuple[Attribute, ...],
                 prompt_sets: tuple[PromptSet, ...], parent: QWidget | None = None) -> None:
        super().__init__(attributes, parent)
        self.journal = journal
        self.prompt_sets = prompt_sets
        self.entry_id: int | None = None
        self.uid = uuid.uuid4().hex
        self.prompt_id: str | None = None
        self.drafts = DraftKeeper(journal, DraftKind.JOURNAL)
        self.saved_tags: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._loading = False
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush_draft)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self.form_changed.connect(self._on_change)
        self.body_edit.textChanged.connect(self._preview_timer.start)
        self.save_button.clicked.connect(self.save)
        self.trash_button.clicked.connect(self.trash_requested)
        self.new_entry()

    # -- state ---------------------------------------------------------------------------------
    @property
    def draft_key(self) -> str:
        return draft_key(self.entry_id, self.uid)

    @property
    def is_dirty(self) -> bool:
        return self.drafts.is_dirty(self.form_state())

    @property
    def has_content(self) -> bool:
        state = self.form_state()
        return bool(state["title"].strip() or state["body"].strip())

    def _prompt(self, prompt_id: str | None) -> tuple[Prompt | None, PromptSet | None]:
        for prompt_set in self.prompt_sets:
            for prompt in prompt_set.prompts:
                if prompt.id == prompt_id:
                    return prompt, prompt_set
        return None, None

    # -- loading -------------------------------------------------------------------------------
    def new_entry(self, prompt_id: str | None = None) -> None:
        """A blank entry for today; answering a prompt shows it and pre-ticks its attributes.
        The caller saves the entry being left first (see :meth:`leave`)."""
        prompt, prompt_set = self._prompt(prompt_id)
        self._begin(None, uuid.uuid4().hex, prompt_id, prompt, prompt_set)
        self.set_form_state({"title": "", "body": "", "happened_on": date.today().isoformat(),
                             "tags": [], "attributes": list(prompt.attributes) if prompt else [],
                             "share_with_mentor": False, "sensitive": False})
        self._finish_loading(None)

    def open_entry(self, entry_id: int) -> bool:
        """Show a saved entry, with its draft's newer text if it has one. False if it is gone
        (or in the trash) or cannot be read; the editor is then unchanged."""
        try:
            entry = self.journal.get_entry(entry_id)
            drafts = self.journal.drafts()
        except Exception as exc:
            self.error.show_failure(Failure("The entry could not be opened.", _reason(exc)))
            return False
        if entry is None or entry.deleted_at is not None:
            return False
        prompt, prompt_set = self._prompt(entry.prompt_id)
        self._begin(entry.id, entry.uid, entry.prompt_id, prompt, prompt_set)
        self.set_form_state(_state_of(entry))
        self._finish_loading(drafts.get(self.draft_key))
        return True

    def open_draft(self, key: str, payload: dict) -> bool:
        """Bring back a draft found after unlocking: into its entry, or as a new entry.
        False when it could not be read (it stays stored, and the editor says why)."""
        entry_id = payload.get("entry_id")
        if isinstance(entry_id, int) and self.open_entry(entry_id):
            return True  # open_entry applied the draft kept under this entry's key
        prompt_id = payload.get("prompt_id")
        prompt_id = prompt_id if isinstance(prompt_id, str) else None
        prompt, prompt_set = self._prompt(prompt_id)
        # A fresh uid: should the entry have been saved already (and only the discard of its
        # draft failed), reusing the old uid would clash with it on save.
        self._begin(None, uuid.uuid4().hex, prompt_id, prompt, prompt_set)
        self.set_form_state({"title": "", "body": "", "happened_on": date.today().isoformat(),
                             "tags": [], "attributes": [], "share_with_mentor": False,
                             "sensitive": False})
        if not self._finish_loading(payload):
            return False  # unreadable: it stays stored as it was, and the editor says why
        # Re-keyed under the new uid; the old draft goes only once the new one is written.
        self.drafts.flushed = None
        if self.flush_draft():
            self.drafts.retire(key)
        self._set_status()
        return True

    def _begin(self, entry_id: int | None, uid: str, prompt_id: str | None,
               prompt: Prompt | None, prompt_set: PromptSet | None) -> None:
        self._autosave.stop()
        self._loading = True
        self.entry_id, self.uid, self.prompt_id = entry_id, uid, prompt_id
        self.prompt_banner.show_prompt(prompt_id, prompt, prompt_set)
        self.error.clear()

    def _finish_loading(self, payload: object | None) -> bool:
        """Take what is on screen as saved, then lay the stored draft (if any) over it.
        False when the draft could not be read; it is reported and left stored."""
        self.drafts.begin(self.form_state())
        problem = None
        try:
            draft = self.drafts.read(payload)
        except DraftUnreadable as exc:
            draft, problem = None, exc
        if draft is not None:
            self.set_form_state(draft.state)
            self.drafts.restored(self.form_state())
        self._loading = False
        self._update_preview()
        self._set_status()
        if problem is not None:
            self.error.show_failure(Failure("An unsaved draft could not be opened.",
                                            f"{problem} It is kept as it was."))
        return problem is None

    # -- typing --------------------------------------------------------------------------------
    def _on_change(self) -> None:
        if self._loading:
            return
        self._autosave.start()  # restarted by every change: fires when typing stops
        self._set_status()

    def _update_preview(self) -> None:
        if self.preview.isVisibleTo(self):  # a hidden preview catches up when shown
            self.preview.set_markdown(self.body_edit.toPlainText())

    def _set_status(self, text: str | None = None) -> None:
        if text is None:
            if self.entry_id is None and not self.is_dirty:
                text = "New entry"
            elif self.is_dirty:
                # Once a draft exists the words are safe (the last keystrokes follow within
                # 1.5 s, and at once on lock or close); before that, only on screen.
                text = ("Draft kept, not saved yet" if self.drafts.flushed is not None
                        else "Not saved yet")
            else:
                text = "Saved"
        kept = self.drafts.kept(self.form_state())
        detail = f"{text}; kept as an encrypted draft, safe if Reflect closes" if kept else text
        self.status_label.setText(text)
        self.status_label.setToolTip(plain_tooltip(detail))
        self.status_label.setAccessibleDescription(detail)
        self.status_changed.emit()

    def status_text(self) -> str:
        return self.status_label.text()

    # -- drafts --------------------------------------------------------------------------------
    def flush_draft(self) -> bool:
        """Write the form to the encrypted draft store now, if it changed. False on failure."""
        self._autosave.stop()
        try:
            step = self.drafts.flush(self.draft_key, self.form_state(), entry_id=self.entry_id,
                                     uid=self.uid, prompt_id=self.prompt_id)
        except Exception as exc:
            log.warning("a draft could not be kept: %s", type(exc).__name__)
            self.error.show_failure(Failure("Your draft could not be kept.", _reason(exc)
                                            + " Your text is still here."))
            return False
        if step is not DraftStep.NOTHING:
            self._set_status()
        return True

    def _discard(self, key: str) -> None:
        self.drafts.discard(key)

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the entry now. On failure the text stays here and in the draft."""
        self._autosave.stop()
        if self.entry_id is None and not self.has_content:
            self._set_status("Nothing to save yet")
            return True
        if self.entry_id is not None and not self.is_dirty:
            self.drafts.drop_unneeded(self.draft_key)  # a draft identical to the entry
            return True
        prompt = self._prompt(self.prompt_id)[0]
        old_key = self.draft_key
        before = frozenset(self.drafts.baseline.get("tags", ())) if self.entry_id else frozenset()
        try:  # one transaction: the entry is written and its draft dropped, or neither
            saved = self.journal.save_entry_fields(
                self.entry_id, EntryFields.from_state(self.form_state()), uid=self.uid,
                prompt_id=self.prompt_id, title_fallback=prompt.text if prompt else "",
                discard_draft=old_key)
        except Exception as exc:
            log.warning("an entry could not be saved: %s", type(exc).__name__)
            kept = self.flush_draft()
            self.error.show_failure(_save_failure(exc, kept))
            self._set_status()
            return False
        #: The tags of the entry before and after the last save: the page asks the journal
        #: for its tags again only when a tag may have come or gone.
        self.saved_tags = (before, frozenset(saved.tags))
        self._loading = True
        self.entry_id = saved.id
        self.title_edit.setText(saved.title)
        self._loading = False
        self.drafts.begin(self.form_state())  # saved; the draft went with the save
        self.error.clear()
        self._set_status(f"Saved at {datetime.now().strftime('%H:%M')}")
        self.saved.emit(saved.id)  # the stored entry: never None
        return True

    def leave(self) -> bool:
        """Called before another entry replaces this one: save what changed. False (and the
        entry stays on screen, its text also in the draft) when the save failed."""
        if not self.is_dirty or (self.entry_id is None and not self.has_content):
            self.drafts.drop_unneeded(self.draft_key)
            return True
        return self.save()


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, ReflectError) else f"({type(exc).__name__})"


def _state_of(entry: Entry) -> dict[str, Any]:
    return {"title": entry.title, "body": entry.body,
            "happened_on": entry.happened_on.isoformat(), "tags": list(entry.tags),
            "attributes": list(entry.attributes), "share_with_mentor": entry.share_with_mentor,
            "sensitive": entry.sensitive}

