"""Entry kinds: one enum, one set of labels, stored as the plain strings they always were."""

from reflect.content.templates import KINDS as TEMPLATE_KINDS
from reflect.content.templates import load_templates
from reflect.journal.journal import Journal
from reflect.journal.kinds import EntryKind, kind_label
from reflect.store.queries import EntryFilter
from tests.conftest import PASSPHRASE


def test_each_kind_has_one_label():
    assert [k.label for k in EntryKind] == ["Reflection", "Supervision record",
                                           "Coaching preparation"]
    assert kind_label("coaching") == EntryKind.COACHING.label
    assert kind_label("peer_review") == "Peer review"  # a kind from a newer version


def test_templates_only_make_kinds_the_journal_knows():
    assert set(TEMPLATE_KINDS) == {k.value for k in EntryKind}
    assert {t.kind for t in load_templates().templates} <= set(EntryKind)


def test_a_kind_is_stored_and_read_back_as_plain_text(new_journal):
    saved = new_journal.add_entry("Prep for coaching", "Goals.", kind=EntryKind.COACHING)
    new_journal.add_entry("A reflection", "Words.")
    new_journal.close()
    again = Journal.unlock(new_journal.folder, passphrase=PASSPHRASE)
    try:
        entry = again.get_entry(saved.id)
        assert entry.kind == EntryKind.COACHING and type(entry.kind) is str
        assert [e.title for e in again.list_entries(EntryFilter(kind=EntryKind.COACHING))] == [
            "Prep for coaching"]
        assert again.list_entries(EntryFilter(kind="reflection"))[0].kind == "reflection"
    finally:
        again.close()

