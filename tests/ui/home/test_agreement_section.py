"""Home's "Records to agree": records not agreed the set number of days after the session
(the Preferences setting), longest waiting first, each opened with Enter."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from reflect.common.settings import Settings
from reflect.supervision.agreement import Agreement, store
from reflect.supervision.records import Supervision
from reflect.ui.home.agreement import AgreementSection
from reflect.ui.safety.preferences import PreferencesDialog

TODAY = date.today()


def _record(sup: Supervision, name: str, days_ago: int) -> int:
    person = sup.add_supervisee(name)
    start = sup.start_record(person.id, "one_to_one", TODAY - timedelta(days=days_ago))
    return sup.save_record(start.entry, []).entry.id


def test_records_not_agreed_after_the_days_set_in_preferences(qtbot, new_journal):
    sup = Supervision(new_journal)
    wren = _record(sup, "Wren", 12)
    kestrel = _record(sup, "Kestrel", 5)
    heron = _record(sup, "Heron", 20)
    sup.save_record(store(sup.record(heron).entry, Agreement(agreed_on=TODAY)), [])
    section = AgreementSection(new_journal)
    qtbot.addWidget(section)
    section.refresh()
    section.show()
    assert Settings.load().agree_within_days == 7  # the default
    assert section.texts() == ["One-to-one reflective supervision — Wren · session 1 | "
                               "not shared yet | 12 days since the session"]

    dialog = PreferencesDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.agree_within.setFocus()
    dialog.agree_within.selectAll()
    qtbot.keyClicks(dialog.agree_within, "3")
    settings = Settings.load()
    dialog.apply_to(settings)
    Settings.update(agree_within_days=settings.agree_within_days)
    section.refresh()
    assert [t.split(" | ")[0].split(" — ")[1] for t in section.texts()] == [
        "Wren · session 1", "Kestrel · session 1"]

    section.list.setFocus()
    section.list.setCurrentItem(section.list.topLevelItem(0))
    qtbot.keyClick(section.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(section.open_entry_requested, timeout=1000) as signal:
        qtbot.keyClick(section.list, Qt.Key.Key_Return)
    assert signal.args == [kestrel]

    Settings.update(agree_within_days=30)
    section.refresh()
    assert section.texts() == [] and section.isHidden()
    assert wren != kestrel


def test_homes_sections_never_open_as_windows_of_their_own(qtbot, make_window, driver, folder,
                                                          cheap, passphrase):
    """A section that showed itself before Home took it opened as a window and took the
    focus from the main window, so Ctrl+F and the other shortcuts did nothing after unlock."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reflect.journal.journal import Journal
    from tests.ui.conftest import open_unlocked

    class Windows(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.shown: list[str] = []

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Show and watched.isWidgetType() \
                    and watched.isWindow():
                self.shown.append(type(watched).__name__)
            return False

    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        _record(Supervision(journal), "Wren", 12)  # awaiting agreement: the section shows
    spy = Windows()
    QApplication.instance().installEventFilter(spy)
    try:
        window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
        window.shell.show_page("Home")
        qtbot.wait(50)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert set(spy.shown) == {"MainWindow"}
    home = window.shell.page("Home")
    assert any(isinstance(s, AgreementSection) and s.isVisible() for s in home.sections)
