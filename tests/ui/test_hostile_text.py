"""No user text ever reaches Qt as rich text. Qt guesses (``Qt.mightBeRichText``) whether a
tooltip, a What's This or an auto-format label is HTML, and renders it if so: a title
``<img src="/dev/zero">`` would then make Qt read that file (and abort the process) when its
row is hovered. Such text can arrive in an imported file, a supervisee's code name, a user's
template copy or prompt set.

The demo window is opened with hostile text everywhere a user can put it; then every widget
and every item model on every page is walked. Where Qt guesses the format, the hostile markup
may only appear escaped; where Qt always shows plain text (item display text, buttons, window
titles, plain labels) it must appear exactly as typed. Every hostile string must be found
somewhere, so the walk is known to reach it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabBar,
    QWidget,
)

import reflect.ui
from reflect.common import paths
from reflect.common.settings import Settings
from reflect.content.templates import builtin_templates_dir
from reflect.demo.builder import DEMO_PASSPHRASE
from reflect.supervision.records import Supervision
from reflect.ui.app import open_demo_window

TODAY = date(2026, 3, 18)
IMG = '<img src="/dev/zero">'
BOLD = "<b>x</b>"
MARKUP = (IMG, BOLD)

TITLE = f"{IMG} a visit"
TITLE_2 = f"{BOLD} and more"
TAG = BOLD
TAG_2 = IMG
CODE_NAME = BOLD
ROLE = f"{IMG} worker"
TEMPLATE_NAME = f"{BOLD} template"
PURPOSE = f"{IMG} purpose"
SET_NAME = f"{IMG} prompt set"
SET_SHORT = f"{BOLD} set"
ACTION = f"{IMG} chase the school"
HOSTILE = (TITLE, TITLE_2, TAG, TAG_2, CODE_NAME, ROLE, TEMPLATE_NAME, PURPOSE, SET_NAME,
           SET_SHORT, ACTION)

#: The item roles Qt shows through QToolTip / QWhatsThis, which guess the format.
GUESSED_ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole)
#: Roles Qt's views and our delegates draw as plain text, or only hand to screen readers.
PLAIN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.StatusTipRole,
               Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)


def write_user_content() -> None:
    """A user's own template copy and prompt set, where the app looks for them."""
    templates = paths.user_content_dir() / "templates"
    templates.mkdir(parents=True)
    text = (builtin_templates_dir() / "gibbs.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = "gibbs"', 'id = "gibbs_hostile"', text)
    text = re.sub(r'(?m)^name = .*$', f"name = '{TEMPLATE_NAME}'", text, count=1)
    text = re.sub(r'(?m)^purpose = .*$', f"purpose = '{PURPOSE}'", text, count=1)
    (templates / "gibbs_hostile.toml").write_text(text, encoding="utf-8")
    prompts = paths.user_content_dir() / "prompts"
    prompts.mkdir(parents=True)
    text = (paths.resources_dir() / "prompts" / "firstline.toml").read_text(encoding="utf-8")
    text = text.replace('"firstline', '"hostile')
    text = re.sub(r'(?m)^name = .*$', f"name = '{SET_NAME}'", text, count=1)
    text = re.sub(r'(?m)^source_short = .*$', f"source_short = '{SET_SHORT}'", text, count=1)
    (prompts / "hostile.toml").write_text(text, encoding="utf-8")


def add_hostile_entries(journal) -> None:
    journal.add_entry(TITLE, "Kestrel said the plan was fine.", tags=[TAG, "team"],
                      happened_on=TODAY)
    journal.add_entry(TITLE_2, "Another entry.", tags=[TAG_2], happened_on=TODAY,
                      share_with_mentor=True)
    supervision = Supervision(journal)
    person = supervision.add_supervisee(CODE_NAME, role=ROLE)
    start = supervision.start_record(person.id, "gibbs_hostile", TODAY)
    record = supervision.save_record(start.entry)
    supervision.add_action(record.entry.id, ACTION, owner=CODE_NAME, due_on=TODAY)


@dataclass
class Walk:
    """Every string found: where Qt guesses the format, and where it always shows plain."""

    guessed: list[tuple[str, str]] = field(default_factory=list)
    plain: list[tuple[str, str]] = field(default_factory=list)

    def add(self, where: str, text: object, *, guessed: bool) -> None:
        if isinstance(text, str) and text:
            (self.guessed if guessed else self.plain).append((where, text))

    def model(self, where: str, model: QAbstractItemModel | None) -> None:
        if model is None:
            return
        for index in _indexes(model, QModelIndex()):
            for role in GUESSED_ROLES:
                self.add(f"{where} {role.name}", model.data(index, role), guessed=True)
            for role in PLAIN_ROLES:
                self.add(f"{where} {role.name}", model.data(index, role), guessed=False)

    def widgets(self, page: str) -> None:
        for widget in QApplication.allWidgets():
            if not _in_reach(widget):
                continue
            name = f"{page}: {type(widget).__name__} {widget.accessibleName()!r}"
            self.add(name + " toolTip", widget.toolTip(), guessed=True)
            self.add(name + " whatsThis", widget.whatsThis(), guessed=True)
            self.add(name + " windowTitle", widget.windowTitle(), guessed=False)
            self.add(name + " accessibleDescription", widget.accessibleDescription(),
                     guessed=False)
            for action in widget.actions():
                self.add(f"{name} action {action.text()!r} toolTip", action.toolTip(),
                         guessed=True)
            if isinstance(widget, QLabel):
                rich = widget.textFormat() != Qt.TextFormat.PlainText
                self.add(name + " text", widget.text(), guessed=rich)
            elif isinstance(widget, QAbstractButton | QLineEdit):
                self.add(name + " text", widget.text(), guessed=False)
            elif isinstance(widget, QGroupBox):
                self.add(name + " title", widget.title(), guessed=False)
            elif isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    self.add(name + " tab", widget.tabText(i), guessed=False)
                    self.add(name + " tab toolTip", widget.tabToolTip(i), guessed=True)
            if isinstance(widget, QAbstractItemView):
                self.model(name, widget.model())
            if isinstance(widget, QComboBox):
                self.model(name + " items", widget.model())
            completer = widget.completer() if isinstance(widget, QLineEdit | QComboBox) else None
            if completer is not None:
                self.model(name + " completer", completer.model())

    def read_as_html(self) -> list[tuple[str, str]]:
        """Guessed strings Qt would render as HTML with a user's markup intact."""
        return [(where, text) for where, text in self.guessed
                if QtGui.mightBeRichText(text) and any(m in text for m in MARKUP)]

    def shown(self) -> str:
        """What the user reads: plain strings as they are, rich ones as rendered text."""
        texts = [text for _, text in self.plain]
        texts += [html.unescape(re.sub(r"<[^>]*>", "", t)) if QtGui.mightBeRichText(t) else t
                  for _, t in self.guessed]
        return "\n".join(texts)


def _indexes(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[QModelIndex]:
    """Every index of every row and column, into the children of tree models too (a list
    model has one column and no children, and hides the calls that would say so)."""
    flat = isinstance(model, QAbstractListModel)
    for row in range(model.rowCount(parent)):
        for column in range(1 if flat else max(1, model.columnCount(parent))):
            index = model.index(row, column, parent)
            if not index.isValid():
                continue
            yield index
            if column == 0 and not flat and model.rowCount(index) > 0:
                yield from _indexes(model, index)


def _in_reach(widget: QWidget) -> bool:
    """Skip Qt's own popups' internals that hold no app text (they are walked via models)."""
    return not widget.objectName().startswith("qt_")


def test_no_user_text_reaches_qt_as_rich_text(qtbot, tmp_path, cheap, driver):
    write_user_content()
    window = open_demo_window(tmp_path / "journal", today=TODAY, kdf_params=cheap,
                              settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    add_hostile_entries(window.journal)
    assert window.lock()  # the shell is built afresh on unlock, with the hostile content in
    driver.unlock(window, DEMO_PASSPHRASE)
    driver.wait_unlocked(window)
    shell = window.shell
    walk = Walk()
    for name in shell.page_names:
        shell.show_page(name)
        page = shell.page(name)
        qtbot.wait(50)
        if name == "Journal":
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 20, timeout=10_000)
            hostile = next(s.entry_id for s in window.journal.list_summaries()
                           if s.title == TITLE)
            assert shell.open_entry(hostile)
        if name == "Supervision":
            people: QListWidget = page.people_list
            row = next(i for i in range(people.count()) if CODE_NAME in people.item(i).text()
                       or CODE_NAME in str(people.item(i).data(Qt.ItemDataRole.AccessibleTextRole)))
            people.setCurrentRow(row)
        qtbot.wait(50)
        walk.widgets(name)
    dialog = window.open_search()
    assert dialog is not None
    qtbot.keyClicks(dialog.search_edit, "kestrel")
    dialog.run_search()
    walk.widgets("Search")
    dialog.close()

    assert walk.read_as_html() == []
    shown = walk.shown()
    missing = [text for text in HOSTILE if text not in shown]
    assert missing == [], "the walk did not reach these, so it proves nothing about them"
    assert not any("&lt;" in text for _, text in walk.plain), "escaped where Qt shows plain"
    window.close()


def test_labels_come_from_the_one_plain_helper():
    """A bare QLabel guesses its format; every label is made by plain_label (or hint_label,
    built on it) in reflect/ui/widgets/feedback.py, so none can be made that reads HTML."""
    root = Path(reflect.ui.__file__).parent
    helper = root / "widgets" / "feedback.py"
    bare = [f"{path.relative_to(root)}:{number}"
            for path in sorted(root.rglob("*.py")) if path != helper
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQLabel\(", line)]
    assert bare == []
