"""The journal as the app and the command line use it: open, write, list, search, lock.

A thin domain layer over the vault; it holds no Qt and no SQL, so the GUI, the CLI and the
tests all drive the same code.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reflect.common.errors import ReflectError
from reflect.journal.kinds import EntryKind
from reflect.journal.titles import derive_title
from reflect.store import actions as action_store
from reflect.store import drafts as draft_store
from reflect.store import entries as entry_store
from reflect.store import queries, record_follow_ups
from reflect.store.entries import EntryFilter, SearchHit, utc_now
from reflect.store.envelope import KdfParams
from reflect.store.models import Entry
from reflect.store.queries import EntrySummary, PromptUsage
from reflect.store.vault import Vault


@dataclass(frozen=True)
class SearchResult:
    """``total`` is exact unless ``capped``: then more than ``total`` (``queries.COUNT_CAP``)
    entries match, and counting stopped there so that a common word answers at once."""

    hits: list[SearchHit]
    total: int
    capped: bool = False

    @property
    def ranked(self) -> bool:
        """Best matches first; False when so many match that the newest come first."""
        return not self.capped and queries.ranked(self.total)


# Tags are for finding entries again; fifty is more than anyone files one entry under, and a
# cap keeps one imported line from carrying 200,000 of them into every list and filter.
MAX_TAGS = 50


class TooManyTags(ReflectError):
    """An entry would have more than :data:`MAX_TAGS` tags; nothing is cut off silently."""


def unique_tags(tags: Iterable[str]) -> list[str]:
    """Tags lower case, without '#', unique, in the order given; linear in their number."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = tag.strip().lstrip("#").strip().lower()
        if clean:
            seen.setdefault(clean)
    return list(seen)


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """:func:`unique_tags`, refusing more than :data:`MAX_TAGS` with :class:`TooManyTags`."""
    clean = unique_tags(tags)
    if len(clean) > MAX_TAGS:
        raise TooManyTags(f"The entry has {too_many_tags(len(clean))}; remove some and save "
                          "again.")
    return clean


def too_many_tags(count: int) -> str:
    """The words every refusal of too many tags uses (an import reports them per line)."""
    return f"too many tags ({count:,}; at most {MAX_TAGS} per entry)"


def new_entry(title: str = "", body: str = "", *, happened_on: date | None = None,
              tags: Sequence[str] = (), kind: str = EntryKind.REFLECTION, **fields) -> Entry:
    now = utc_now()
    return Entry(uid=uuid.uuid4().hex, title=title.strip(), body=body, kind=kind,
                 happened_on=happened_on or date.today(), tags=normalise_tags(tags),
                 created_at=now, updated_at=now, **fields)


class EntryGone(ReflectError):
    """The entry being saved is no longer in the journal (emptied from the trash)."""


@dataclass(frozen=True)
class EntryFields:
    """What the entry editor hands over to be saved: the values of its form, nothing more.
    The editor never holds a database object, so a save is one call and one transaction."""

    title: str
    body: str
    happened_on: date
    tags: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    share_with_mentor: bool = False
    sensitive: bool = False

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> EntryFields:
        """From the editor's form state (ISO date, JSON-friendly values)."""
        return cls(str(state["title"]), str(state["body"]),
                   date.fromisoformat(state["happened_on"]), tuple(state["tags"]),
                   tuple(state["attributes"]), bool(state["share_with_mentor"]),
                   bool(state["sensitive"]))


class Journal:
    """An unlocked journal. ``close()`` drops the key and every connection."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, passphrase: str,
               params: KdfParams | None = None) -> tuple[Journal, str]:
        vault, recovery_key = Vault.create(folder, passphrase, params)
        return cls(vault), recovery_key

    @classmethod
    def unlock(cls, folder: Path, *, passphrase: str | None = None,
               recovery_key: str | None = None, accept_missing_wal: bool = False) -> Journal:
        return cls(Vault.unlock(folder, passphrase=passphrase, recovery_key=recovery_key,
                                accept_missing_wal=accept_missing_wal))

    @classmethod
    def open_with_key(cls, folder: Path, data_key: bytes, *,
                      accept_missing_wal: bool = False) -> Journal:
        return cls(Vault.open(folder, data_key, accept_missing_wal=accept_missing_wal))

    @property
    def folder(self) -> Path:
        return self.vault.folder

    @property
    def is_open(self) -> bool:
        return self.vault.is_open

    def close(self) -> None:
        self.vault.close()

    # -- changes -------------------------------------------------------------------------------
    @property
    def change_count(self) -> int:
        """Bumped once per committed write (drafts aside), from any module or thread."""
        return self.vault.changes.count

    def add_change_listener(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every committed write (save, delete, restore, import…),
        so views can follow without each caller remembering to say so."""
        self.vault.changes.add_listener(listener)

    def remove_change_listener(self, listener: Callable[[], None]) -> None:
        self.vault.changes.remove_listener(listener)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- entries -------------------------------------------------------------------------------
    def add_entry(self, title: str = "", body: str = "", **fields) -> Entry:
        entry = new_entry(title, body, **fields)
        with self.vault.session() as session:
            return entry_store.save(session, entry)

    def save_entry(self, entry: Entry) -> Entry:
        entry.tags = normalise_tags(entry.tags)
        with self.vault.session() as session:
            return entry_store.save(session, session.merge(entry))

    def save_entry_fields(self, entry_id: int | None, fields: EntryFields, *,
                          uid: str | None = None, prompt_id: str | None = None,
                          title_fallback: str = "", discard_draft: str | None = None) -> Entry:
        """Create (``entry_id`` None, as a reflection with ``uid`` and ``prompt_id``) or
        update an entry from ``fields`` in one transaction, and drop the draft under
        ``discard_draft`` in the same one, so a save either happens with its draft gone or
        not at all. An untitled entry is named by :func:`derive_title` (``title_fallback``,
        the prompt, when the body is empty). Raises :class:`EntryGone` for a missing entry."""
        with self.vault.session() as session:
            if entry_id is None:
                entry = new_entry(kind=EntryKind.REFLECTION, prompt_id=prompt_id)
                entry.uid = uid or entry.uid
            else:
                found = entry_store.get(session, entry_id)
                if found is None:
                    raise EntryGone("This entry is no longer in the journal; copy your text "
                                    "into a new entry to keep it.")
                entry = found
            entry.title = fields.title.strip() or derive_title(fields.body, title_fallback)
            entry.body = fields.body
            entry.happened_on = fields.happened_on
            entry.tags = normalise_tags(fields.tags)
            entry.attributes = list(fields.attributes)
            entry.share_with_mentor = fields.share_with_mentor
            entry.sensitive = fields.sensitive
            saved = entry_store.save(session, entry)
            if discard_draft is not None:
                draft_store.delete(session, discard_draft)
            return saved

    def get_entry(self, entry_id: int) -> Entry | None:
        with self.vault.session() as session:
            return entry_store.get(session, entry_id)

    def list_entries(self, f: EntryFilter | None = None, limit: int = 100,
                     offset: int = 0) -> list[Entry]:
        with self.vault.session() as session:
            return entry_store.list_entries(session, f, limit, offset)

    def list_summaries(self, f: EntryFilter | None = None, limit: int = 100,
                       offset: int = 0, after: EntrySummary | None = None) -> list[EntrySummary]:
        """Light rows for lists: no body is loaded until an entry is opened. ``after`` (a row
        of the previous page) continues below it at the same cost at any depth."""
        key = queries.keyset(after) if after is not None else None
        with self.vault.session() as session:
            return entry_store.list_summaries(session, f, limit, offset, key)

    def entry_position(self, entry_id: int, f: EntryFilter | None = None) -> int | None:
        """The row of ``entry_id`` in :meth:`list_summaries` with ``f``; None if not there."""
        with self.vault.session() as session:
            return entry_store.position(session, f, entry_id)

    def prompt_usage(self) -> dict[str, PromptUsage]:
        with self.vault.session() as session:
            return entry_store.prompt_usage(session)

    def count_entries(self, f: EntryFilter | None = None) -> int:
        with self.vault.session() as session:
            return entry_store.count(session, f)

    def tags(self) -> list[str]:
        with self.vault.session() as session:
            return entry_store.all_tags(session)

    def search(self, query: str, limit: int = 50, offset: int = 0) -> SearchResult:
        """Up to ``limit`` hits after the first ``offset`` (for "Show more")."""
        with self.vault.session() as session:
            hits, counted = entry_store.search(session, query, limit, offset)
        return SearchResult(hits, min(counted, queries.COUNT_CAP), counted > queries.COUNT_CAP)

    def delete_entry(self, entry_id: int) -> None:
        """Move to the trash; :meth:`restore_entry` undoes it. A supervision record in the
        trash does not count: the earlier actions it closed are open again meanwhile."""
        with self.vault.session() as session:
            record_follow_ups.set_aside(session, entry_id)
            entry_store.soft_delete(session, entry_id)

    def restore_entry(self, entry_id: int) -> None:
        """Out of the trash; a record's follow-ups count again where still open."""
        with self.vault.session() as session:
            entry_store.restore(session, entry_id)
            record_follow_ups.bring_back(session, entry_id)

    def empty_trash(self) -> int:
        """Delete every entry in the trash for good (with its actions); how many went."""
        with self.vault.session() as session:
            ids = entry_store.deleted_ids(session)
            for entry_id in ids:
                action_store.delete_for_entry(session, entry_id)
                entry_store.purge(session, entry_id)
        return len(ids)

    # -- drafts --------------------------------------------------------------------------------
    def save_draft(self, key: str, payload: dict) -> None:
        with self.vault.session() as session:
            draft_store.put(session, key, payload)

    def drafts(self) -> dict[str, dict]:
        with self.vault.session() as session:
            return draft_store.all_drafts(session)

    def pending_drafts(self, prefix: str) -> list[tuple[str, dict]]:
        """Drafts whose key starts with ``prefix``, newest first: what an editor reopens
        after unlock so that nothing typed before a lock or crash is lost."""
        found = [(key, payload) for key, payload in self.drafts().items()
                 if key.startswith(prefix) and isinstance(payload, dict)]
        found.sort(key=lambda item: str(item[1].get("saved_at", "")), reverse=True)
        return found

    def discard_draft(self, key: str) -> None:
        with self.vault.session() as session:
            draft_store.delete(session, key)
