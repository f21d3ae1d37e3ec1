"""The shell routes through the protocols in reflect.ui.routes: real widgets that have the
method or the signal are reached, anything else is left alone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from reflect.ui.routes import (
    AsksForEntries,
    AsksForPrompts,
    KeepsRecords,
    OpensEntries,
    PreparesToLock,
    RestoresWork,
    StartsEntries,
)
from reflect.ui.shell import Shell


class JournalLike(QWidget):
    def __init__(self, _journal) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    def open_entry(self, entry_id: int) -> bool:
        self.calls.append(("open", entry_id))
        return True

    def new_entry(self, prompt_id: str | None = None) -> bool:
        self.calls.append(("new", prompt_id))
        return True

    def about_to_lock(self) -> None:
        self.calls.append(("lock",))


class RecordsLike(QWidget):
    RECORD = 7

    def __init__(self, _journal) -> None:
        super().__init__()
        self.calls: list[tuple] = []
        self.has_restored_work = True

    def is_record(self, entry_id: int) -> bool:
        return entry_id == self.RECORD

    def open_record(self, entry_id: int) -> bool:
        self.calls.append(("record", entry_id))
        return True

    def new_record(self, template_id: str | None = None) -> bool:
        self.calls.append(("new record", template_id))
        return True


class Asker(QWidget):
    open_entry_requested = Signal(int)
    answer_prompt_requested = Signal(str)

    def __init__(self, _journal) -> None:
        super().__init__()


class NotASignal(QWidget):
    """Has the names but not as signals: nothing is connected, nothing breaks."""

    def __init__(self, _journal) -> None:
        super().__init__()
        self.open_entry_requested = "not a signal"
        self.has_restored_work = False


def make_shell(qtbot, journal, pages):
    shell = Shell(journal, pages)
    qtbot.addWidget(shell)
    return shell


def test_pages_match_the_protocols_by_what_they_have(qtbot, new_journal):
    journal_page, records, asker = JournalLike(None), RecordsLike(None), Asker(None)
    for widget in (journal_page, records, asker):
        qtbot.addWidget(widget)
    assert isinstance(journal_page, OpensEntries) and isinstance(journal_page, StartsEntries)
    assert isinstance(journal_page, PreparesToLock) and not isinstance(journal_page, KeepsRecords)
    assert isinstance(records, KeepsRecords) and isinstance(records, RestoresWork)
    assert isinstance(asker, AsksForEntries) and isinstance(asker, AsksForPrompts)
    assert not isinstance(asker, OpensEntries)


def test_signals_and_shortcuts_reach_the_pages_that_can_answer(qtbot, new_journal):
    shell = make_shell(qtbot, new_journal, [("Journal", JournalLike), ("Supervision", RecordsLike),
                                            ("Asker", Asker), ("Odd", NotASignal)])
    journal_page, records = shell.page("Journal"), shell.page("Supervision")
    assert shell.current_page_name == "Supervision"  # it brought work back after unlock
    shell.show_page("Asker")
    shell.page("Asker").open_entry_requested.emit(3)
    assert shell.current_page_name == "Journal" and journal_page.calls == [("open", 3)]
    shell.page("Asker").open_entry_requested.emit(RecordsLike.RECORD)
    assert shell.current_page_name == "Supervision"
    assert records.calls == [("record", RecordsLike.RECORD)]
    shell.page("Asker").answer_prompt_requested.emit("firstline-embracing-01")
    assert journal_page.calls[-1] == ("new", "firstline-embracing-01")
    assert shell.new_entry() and journal_page.calls[-1] == ("new", None)
    assert shell.new_record() and records.calls[-1] == ("new record", None)
    shell.prepare_to_lock()
    assert journal_page.calls[-1] == ("lock",)


def test_without_pages_that_can_answer_the_routes_say_no(qtbot, new_journal):
    shell = make_shell(qtbot, new_journal, [("Journal", Asker), ("Supervision", Asker)])
    assert shell.open_entry(1) is False
    assert shell.answer_prompt("anything") is False
    assert shell.new_entry() is False
    assert shell.new_record() is False
    shell.prepare_to_lock()  # nothing to call, nothing raised
