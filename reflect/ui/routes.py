"""What a page can do, as the shell sees it: small structural protocols.

A page needs no base class and never imports the shell: it simply has the method or the Qt
signal, and :class:`reflect.ui.shell.Shell` checks with ``isinstance`` (the protocols are
runtime-checkable) before routing to it. Writing them down gives the routes types, so a
renamed method shows up in review instead of as a silently dead shortcut.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance


@runtime_checkable
class OpensEntries(Protocol):
    """The Journal page: shows one entry in its editor."""

    def open_entry(self, entry_id: int) -> bool: ...


@runtime_checkable
class StartsEntries(Protocol):
    """The Journal page: a blank entry (Ctrl+N) or one answering a prompt."""

    def new_entry(self, prompt_id: str | None = None) -> bool: ...


@runtime_checkable
class KeepsRecords(Protocol):
    """The Supervision page: records made from a template open in its form."""

    def is_record(self, entry_id: int) -> bool: ...

    def open_record(self, entry_id: int) -> bool: ...

    def new_record(self, template_id: str | None = None) -> bool: ...


@runtime_checkable
class ShowsSupervisees(Protocol):
    """The Supervision page: one supervisee shown by id."""

    def show_supervisee(self, person_id: int) -> bool: ...


@runtime_checkable
class AsksForSupervisees(Protocol):
    """A page that asks for a supervisee by id (Home's retention review)."""

    open_supervisee_requested: SignalInstance


@runtime_checkable
class RevealsFields(Protocol):
    """A page with an open entry or record: scroll to and focus one of its fields."""

    def reveal(self, field: str, offset: int = 0) -> bool: ...


@runtime_checkable
class SavesWork(Protocol):
    """A page with an open entry or record: Ctrl+S saves it wherever the focus is."""

    def save(self) -> bool: ...


@runtime_checkable
class PreparesToLock(Protocol):
    """Any page with unsaved typing: flush it as a draft while the journal is still open."""

    def about_to_lock(self) -> None: ...


@runtime_checkable
class FollowsChanges(Protocol):
    """A page showing what the journal holds: re-read now if shown, else when next shown."""

    def journal_changed(self) -> None: ...


@runtime_checkable
class RestoresWork(Protocol):
    """A page that brought back a draft after unlock, so the shell shows it first."""

    has_restored_work: bool


@runtime_checkable
class AsksForEntries(Protocol):
    """A page that asks for an entry by id; the shell shows it where it belongs."""

    open_entry_requested: SignalInstance


@runtime_checkable
class AsksForPrompts(Protocol):
    """A page that asks for a new entry answering a prompt id."""

    answer_prompt_requested: SignalInstance


@runtime_checkable
class AsksForRecords(Protocol):
    """A page that asks for a new record of a template id (the Plan page's personal review);
    the shell starts it on the Supervision page."""

    new_record_requested: SignalInstance
