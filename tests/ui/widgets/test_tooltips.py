"""Typed text never becomes rich text in a tooltip (Qt would read <img src> files)."""

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.widgets.feedback import plain_tooltip
from tests.ui.conftest import PASSPHRASE

HOSTILE = '<img src="/dev/zero"> <b>bold</b>'


def test_plain_tooltip_escapes_every_tag():
    tip = plain_tooltip(HOSTILE)
    assert "<img" not in tip and "&lt;img" in tip and "<b>" not in tip


def test_the_actions_page_shows_typed_descriptions_escaped(qtbot, existing, folder):
    from reflect.store.entries import utc_now
    from reflect.store.models import Action
    from reflect.ui.supervision.actions_page import ActionsPage

    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        supervision = Supervision(journal)
        person = supervision.add_supervisee("Wren", role=HOSTILE)
        start = supervision.start_record(person.id, "one_to_one")
        supervision.save_record(start.entry, [Action(description=HOSTILE, owner="Wren",
                                                     created_at=utc_now())])
        page = ActionsPage(journal)
        qtbot.addWidget(page)
        page.show()
        tips = []
        tree = page.table
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            tips += [item.toolTip(c) for c in range(tree.columnCount())]
        assert any("&lt;img" in tip for tip in tips)
        assert not any("<img" in tip for tip in tips)
