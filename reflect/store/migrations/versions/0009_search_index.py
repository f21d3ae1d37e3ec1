"""The full-text index reads its text from the entries instead of keeping a second copy,
and tags are counted in a table of their own (issue 18).

Until now ``entry_fts`` kept its own copy of every entry's words (172 MB at 100,000
entries, a third of the file) and the app wrote it row by row; the tag list scanned every
entry (590 ms at 100,000). Now the index is an external-content FTS5 table over the view
``entry_search`` (the live entries, with record answers and tags flattened to text), and
triggers on ``entry`` keep both the index and ``entry_tag`` in step with every write in the
same transaction, whoever writes: the app, an import or an erasure.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Record answers: every string in the sections JSON, in document order, one per line (what
# ``entries.sections_text`` did in Python); tags: the tag list joined by spaces.
_SECTIONS = (
    "CASE WHEN json_valid(e.sections) THEN (SELECT group_concat(t.value, char(10) "
    "ORDER BY t.id) FROM json_tree(e.sections) t WHERE t.type = 'text' "
    "AND trim(t.value, char(32, 9, 10, 13)) <> '') END"
)
_TAGS = (
    "CASE WHEN json_valid(e.tags) THEN (SELECT group_concat(t.value, ' ' ORDER BY t.id) "
    "FROM json_each(e.tags) t WHERE t.type = 'text') END"
)

_VIEW = (
    "CREATE VIEW entry_search AS SELECT e.id AS id, e.title AS title, e.body AS body, "
    f"{_SECTIONS} AS sections, {_TAGS} AS tags FROM entry e WHERE e.deleted_at IS NULL"
)

_FTS = (
    "CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, sections, tags, "
    "content = 'entry_search', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)

# What the view holds for one entry goes into the index after a write, and comes out of it
# before one (the view still shows the old row then); an entry in the trash is not in the
# view, so it is neither added nor removed.
_INDEX_NEW = (
    "INSERT INTO entry_fts(rowid, title, body, sections, tags) "
    "SELECT id, title, body, sections, tags FROM entry_search WHERE id = new.id;"
)
_UNINDEX_OLD = (
    "INSERT INTO entry_fts(entry_fts, rowid, title, body, sections, tags) "
    "SELECT 'delete', id, title, body, sections, tags FROM entry_search WHERE id = old.id;"
)
FILL = ("INSERT INTO entry_fts(rowid, title, body, sections, tags) "
        "SELECT id, title, body, sections, tags FROM entry_search")
_COUNT_NEW = (
    "INSERT INTO entry_tag(tag, entries) SELECT DISTINCT value, 1 FROM json_each("
    "CASE WHEN json_valid(new.tags) THEN new.tags ELSE '[]' END) "
    "WHERE new.deleted_at IS NULL AND type = 'text' "
    "ON CONFLICT(tag) DO UPDATE SET entries = entries + 1;"
)
_UNCOUNT_OLD = (
    "UPDATE entry_tag SET entries = entries - 1 WHERE old.deleted_at IS NULL AND tag IN "
    "(SELECT value FROM json_each(CASE WHEN json_valid(old.tags) THEN old.tags ELSE '[]' END) "
    "WHERE type = 'text');"
)
_DROP_UNUSED = "DELETE FROM entry_tag WHERE entries <= 0;"

# Only the columns the index and the tags read; saving ``updated_at`` or a flag alone leaves
# both alone.
_WATCHED = "title, body, sections, tags, deleted_at"

TRIGGERS = {
    "entry_search_insert": f"AFTER INSERT ON entry BEGIN {_INDEX_NEW} {_COUNT_NEW} END",
    "entry_search_before_update": (
        f"BEFORE UPDATE OF {_WATCHED} ON entry BEGIN {_UNINDEX_OLD} {_UNCOUNT_OLD} END"),
    "entry_search_after_update": (
        f"AFTER UPDATE OF {_WATCHED} ON entry BEGIN {_INDEX_NEW} {_COUNT_NEW} "
        f"{_DROP_UNUSED} END"),
    "entry_search_delete": (
        f"BEFORE DELETE ON entry BEGIN {_UNINDEX_OLD} {_UNCOUNT_OLD} {_DROP_UNUSED} END"),
}


def upgrade() -> None:
    op.execute("DROP TABLE entry_fts")  # its shadow tables go with it
    op.execute("CREATE TABLE entry_tag (tag TEXT PRIMARY KEY NOT NULL, "
               "entries INTEGER NOT NULL) WITHOUT ROWID")
    op.execute(_VIEW)
    op.execute(_FTS)
    # Not FTS5's 'rebuild': it refuses a content view that reads json_tree ("no such table:
    # main.json_tree", SQLite 3.53); the same rows inserted by hand index identically.
    op.execute(FILL)
    # The index's terms, for spelling out a word's completions (``queries.completions``).
    op.execute("CREATE VIRTUAL TABLE entry_fts_terms USING fts5vocab(entry_fts, row)")
    op.execute(
        "INSERT INTO entry_tag(tag, entries) SELECT t.value, count(DISTINCT e.id) "
        "FROM entry e, json_each(CASE WHEN json_valid(e.tags) THEN e.tags ELSE '[]' END) t "
        "WHERE e.deleted_at IS NULL AND t.type = 'text' GROUP BY t.value")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE entry_fts_terms")
    op.execute("DROP TABLE entry_fts")
    op.execute("DROP VIEW entry_search")
    op.execute("DROP TABLE entry_tag")
    op.execute(
        "CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, sections, tags, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
    op.execute(
        "INSERT INTO entry_fts(rowid, title, body, sections, tags) "
        "SELECT id, title, body, sections, tags FROM "
        f"({_VIEW.split(' AS ', 1)[1]})")
