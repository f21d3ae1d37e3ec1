"""Drafts brought back after unlocking, one at a time, with a bar that says so.

A draft left by a lock, a closed window or a crash reopens by itself; without a word the user
cannot tell restored text from saved text. :class:`DraftRestorer` is the one way the Journal
and Supervision pages do it: it reads the pending drafts (newest first), opens the next one
when the editor can take it, and shows :class:`DraftBar`: "Restored your unsaved draft from
14:32" with Discard (back to the saved text) and, when more are kept, "Open next draft". A
draft this version cannot read is left stored and mentioned calmly on the same bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from reflect.common.dates import uk_date
from reflect.journal.drafts import Draft, DraftKind, DraftUnreadable
from reflect.journal.journal import Journal
from reflect.ui.widgets.buttons import press_on_enter
from reflect.ui.widgets.feedback import plain_label

log = logging.getLogger(__name__)


def restored_text(saved_at: str, now: datetime | None = None) -> str:
    """'Restored your unsaved draft from 14:32' (local time), with the date when it is not
    today; without a readable time, just 'Restored your unsaved draft'."""
    try:
        kept = datetime.fromisoformat(saved_at).astimezone()
    except (TypeError, ValueError):
        return "Restored your unsaved draft"
    now = (now or datetime.now()).astimezone()
    when = kept.strftime("%H:%M")
    if kept.date() != now.date():
        when = f"{uk_date(kept.date())}, {when}"
    return f"Restored your unsaved draft from {when}"


def _more_text(left: int) -> str:
    return ("1 more unsaved draft is kept." if left == 1 else
            f"{left} more unsaved drafts are kept.")


def _unreadable_text(reasons: list[str]) -> str:
    """Calm: nothing is lost, the draft stays stored for the version that wrote it."""
    if len(reasons) == 1:
        return f"One unsaved draft could not be opened and is kept as it was. {reasons[0]}"
    return (f"{len(reasons)} unsaved drafts could not be opened and are kept as they were. "
            f"{reasons[0]}")


class DraftBar(QFrame):
    """One line over the editor: what was restored, Discard, Open next draft, Dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Restored draft")
        self.label = plain_label()
        self.discard_button = QPushButton("Discard")
        self.discard_button.setAccessibleName("Discard the restored draft")
        self.discard_button.setToolTip("Throw this draft away and go back to the saved text")
        self.next_button = QPushButton("Open next draft")
        self.next_button.setAccessibleName("Open next draft")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss notice")
        press_on_enter(self.discard_button, self.next_button, self.dismiss_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.hide)
        self.hide()

    def say(self, sentences: list[str], *, discard: bool, more: int) -> None:
        text = " ".join(s if s.endswith(".") else f"{s}." for s in sentences if s)
        if more:
            text = f"{text} {_more_text(more)}".strip()
        if not text:
            self.hide()
            return
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.discard_button.setVisible(discard)
        self.next_button.setVisible(more > 0)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class DraftRestorer(QObject):
    """The drafts of one kind found after unlocking, reopened one by one into one editor.

    ``ready()`` makes room (saves what the editor shows; False keeps the rest pending),
    ``open_draft(key, payload)`` shows a readable draft (False: it could not), ``discard()``
    throws the shown draft away and brings back the saved text.
    """

    def __init__(self, journal: Journal, kind: DraftKind, bar: DraftBar, *,
                 ready: Callable[[], bool], open_draft: Callable[[str, dict], bool],
                 discard: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal, self.kind, self.bar = journal, kind, bar
        self._ready, self._open, self._discard = ready, open_draft, discard
        self._pending: list[tuple[str, dict]] = []
        bar.discard_button.clicked.connect(self.discard)
        bar.next_button.clicked.connect(self.open_next)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def restore(self) -> bool:
        """Read the pending drafts and open the newest. True when there were any."""
        try:
            self._pending = self.journal.pending_drafts(f"{self.kind}:")
        except Exception as exc:
            log.warning("%s drafts not read: %s", self.kind, type(exc).__name__)
            return False
        found = bool(self._pending)
        if found:
            self.open_next()
        return found

    def open_next(self) -> bool:
        """Open the next readable draft; unreadable ones stay stored and are mentioned."""
        if not self._pending or not self._ready():
            return False
        problems: list[str] = []
        while self._pending:
            key, payload = self._pending.pop(0)
            try:
                draft = Draft.from_payload(self.kind, payload)
            except DraftUnreadable as exc:  # left stored, for the version that wrote it
                log.warning("a %s draft was not opened: %s", self.kind, exc)
                problems.append(str(exc))
                continue
            if self._open(key, payload):
                sentences = [restored_text(draft.saved_at)]
                if problems:
                    sentences.append(_unreadable_text(problems))
                self.bar.say(sentences, discard=True, more=self.pending)
                return True
        self.bar.say([_unreadable_text(problems)] if problems else [], discard=False, more=0)
        return False

    def discard(self) -> None:
        """Throw the restored draft away: the editor shows the saved text again."""
        self._discard()
        self.bar.say(["Draft discarded"], discard=False,
                     more=self.pending)

    def forget(self) -> None:
        """The editor moved on (saved, or another entry): Discard no longer applies."""
        if self.bar.isHidden() or self.bar.discard_button.isHidden():
            return
        if self.pending:
            self.bar.say([], discard=False, more=self.pending)
        else:
            self.bar.hide()
