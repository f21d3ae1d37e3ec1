"""No journal text in error strings or logs: SQLAlchemy puts a failed statement's parameters
(the text being saved) into its message and logs parameters and rows when logging is on."""

from __future__ import annotations

import logging
import traceback
from datetime import date

import pytest

from reflect.common.errors import WriteFailed
from reflect.journal.journal import EntryFields, Journal
from tests.journal.test_save_entry import full_disk

MARKER = "quokkamarmalade"
MARKED = EntryFields(f"Title {MARKER}", f"Body about {MARKER} and more", date(2026, 3, 2),
                     (MARKER.lower(),), (), False, False)


def everything_said(exc: BaseException) -> str:
    """The message, repr and traceback of an exception and of every exception behind it."""
    said: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(said) < 30:
        said += [str(seen), repr(seen), *traceback.format_exception(seen)]
        orig = getattr(seen, "orig", None)
        if isinstance(orig, BaseException):
            said += [str(orig), repr(orig)]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(said)


def debug_everywhere(caplog: pytest.LogCaptureFixture) -> None:
    """Every logger at DEBUG, SQLAlchemy's too (it sets itself to WARNING unless told)."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)


def test_a_constraint_failure_holds_no_saved_text(new_journal: Journal, caplog):
    new_journal.save_entry_fields(None, EntryFields("First", "text", date(2026, 3, 1)),
                                  uid="same-uid")
    debug_everywhere(caplog)
    with pytest.raises(Exception) as failure:  # a uid already taken: UNIQUE fails
        new_journal.save_entry_fields(None, MARKED, uid="same-uid")
    said = everything_said(failure.value)
    assert "UNIQUE" in said  # the failure itself is still described
    assert MARKER not in said and MARKER.lower() not in said.lower()
    assert MARKER not in logged(caplog)


def test_a_save_on_a_full_disk_holds_no_saved_text(new_journal: Journal, caplog):
    new_journal.add_entry("Padding", "x" * 20_000)  # a later save needs pages
    debug_everywhere(caplog)
    with full_disk(new_journal), pytest.raises(WriteFailed) as failure:
        new_journal.save_entry_fields(None, EntryFields(
            MARKED.title, MARKED.body * 2_000, MARKED.happened_on, MARKED.tags), uid="u-full")
    assert "disk is full" in str(failure.value)
    assert MARKER not in everything_said(failure.value)
    assert MARKER not in logged(caplog)
    assert caplog.records  # logging was on: the engine's pool still spoke


def test_reading_with_debug_logging_logs_no_row(new_journal: Journal, caplog):
    saved = new_journal.save_entry_fields(None, MARKED, uid="u-read")
    debug_everywhere(caplog)
    assert new_journal.get_entry(saved.id).body == MARKED.body
    assert new_journal.list_summaries()[0].title == MARKED.title
    assert new_journal.search(MARKER).total == 1
    assert MARKER not in logged(caplog)
