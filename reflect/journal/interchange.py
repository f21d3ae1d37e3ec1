"""Entries in and out of a journal: JSON Lines or jrnl's JSON export in; JSON Lines or one
Markdown file out.

Import is forgiving line by line and strict as a whole. A broken line is skipped and reported
with its number and the reason; the good lines go in together in one transaction, so a failure
part-way (a full disk) leaves the journal as it was. Every entry has a uid and a uid already in
the journal is skipped, so importing the same file twice adds nothing twice. Lines without a
uid get one derived from their content for the same reason.

Exports are the only plaintext Reflect writes: only where asked, atomically, owner-only (0600).
"""

from __future__ import annotations

import io
import json
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from reflect.common.atomic import atomic_writer
from reflect.common.errors import ReflectError, WriteFailed, write_problem
from reflect.journal.import_fields import Bad, entry_values, from_jrnl, json_kind
from reflect.journal.journal import Journal
from reflect.journal.markdown_export import section_titles, write_markdown
from reflect.store import bulk
from reflect.store.models import Entry

FORMAT_JSONL = "jsonl"
FORMAT_JRNL = "jrnl"


class Skipped(NamedTuple):
    """A line (or, in a jrnl export, an entry) that was not imported, and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class Incoming:
    """A good line: the entry's column values and its supervisee's code name, if any."""

    line: int
    values: dict[str, Any]
    person: str | None = None


class FileChanged(ReflectError):
    """The file was changed between reading it and importing it; the import is undone."""


class FileEntries(Collection[Incoming]):
    """The good lines of a JSON Lines file, read from the file again each time they are
    iterated, so an import holds one batch in memory, never the file. What the import needs
    before it starts (each good line's number and uid, the code names) is kept; a file that
    changes in between is refused with :class:`FileChanged`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = array("L")
        self.uids: list[str] = []
        self.people: dict[str, str] = {}  # uid → supervisee's code name
        self._stamp = _stamp(path)

    def add(self, item: Incoming) -> None:
        self.lines.append(item.line)
        self.uids.append(item.values["uid"])
        if item.person:
            self.people[item.values["uid"]] = item.person

    def __len__(self) -> int:
        return len(self.uids)

    def __contains__(self, item: object) -> bool:
        return any(item == each for each in self)

    def __iter__(self) -> Iterator[Incoming]:
        changed = FileChanged(f"{self.path} changed after it was read; nothing was imported "
                              "from it: import it again.")
        if _stamp(self.path) != self._stamp:
            raise changed
        count = 0
        with open(self.path, "rb") as handle:
            for item in _scan_jsonl(handle):
                if isinstance(item, Incoming):
                    count += 1
                    yield item
        if count != len(self) or _stamp(self.path) != self._stamp:
            raise changed


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@dataclass
class ParseResult:
    entries: Collection[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    format: str = FORMAT_JSONL
    unit: str = "line"  # what the numbers count: lines of JSON Lines, entries of a jrnl export

    def keys(self) -> tuple[Iterable[int], list[str], dict[str, str]]:
        """Each good entry's number and uid, and the code names by uid: what an import
        decides by before it reads an entry's text."""
        if isinstance(self.entries, FileEntries):
            return self.entries.lines, self.entries.uids, self.entries.people
        items = list(self.entries)
        return ([i.line for i in items], [i.values["uid"] for i in items],
                {i.values["uid"]: i.person for i in items if i.person})


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: list[Skipped]
    format: str = FORMAT_JSONL
    unit: str = "line"

    def problems(self) -> list[str]:
        """One "line N: reason" per skipped line, in file order."""
        return [f"{self.unit} {s.line}: {s.reason}" for s in self.skipped]


# -- reading -----------------------------------------------------------------------------------
def read_file(path: Path) -> ParseResult:
    """Check a file without touching any journal (so a bad file is known before unlocking).
    JSON Lines is read line by line and its entries are read again when imported, so memory
    stays the same however long the file; a jrnl export, one JSON document, is read whole."""
    path = Path(path)
    document = _jrnl_document(path)
    if document is not None:
        return parse_jrnl(document)
    result = ParseResult(entries=FileEntries(path))
    with open(path, "rb") as handle:
        for item in _scan_jsonl(handle):
            if isinstance(item, Incoming):
                result.entries.add(item)  # type: ignore[attr-defined]
            else:
                result.skipped.append(item)
    return result


def _jrnl_document(path: Path) -> dict | None:
    """The file's jrnl export, when it is one: a JSON object with an ``entries`` list. JSON
    Lines is told apart by its first line, which holds a whole object and is not followed
    by nothing else."""
    with open(path, "rb") as handle:
        first = handle.readline()
        if not first.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
            return None
        document = _json_or_none(first)
        while document is not None and (chunk := handle.read(1 << 16)):
            if chunk.strip():
                return None  # a whole object on line 1 and more lines: JSON Lines
        if document is None:  # an object over many lines, as jrnl writes it
            document = _json_or_none(first + handle.read())
    if isinstance(document, dict) and isinstance(document.get("entries"), list):
        return document
    return None


def _json_or_none(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None


def parse_bytes(data: bytes) -> ParseResult:
    """A jrnl JSON export is one JSON object with an ``entries`` list; anything else is read
    as JSON Lines."""
    if data.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        document = _json_or_none(data)
        if isinstance(document, dict) and isinstance(document.get("entries"), list):
            return parse_jrnl(document)
    return parse_jsonl(data.split(b"\n"))


def parse_jsonl(lines: Iterable[str | bytes]) -> ParseResult:
    """One JSON object per line: {title, body, created, tags, kind, ...}. Blank lines are
    ignored; every other line becomes an entry or a :class:`Skipped` with its number."""
    return _sorted_out(ParseResult(), _scan_jsonl(lines))


def _sorted_out(result: ParseResult, found: Iterable[Incoming | Skipped]) -> ParseResult:
    """``result`` with each entry or skip of ``found`` in its list, in file order."""
    entries: list[Incoming] = []
    for item in found:
        if isinstance(item, Incoming):
            entries.append(item)
        else:
            result.skipped.append(item)
    result.entries = entries
    return result


def _scan_jsonl(lines: Iterable[str | bytes]) -> Iterator[Incoming | Skipped]:
    """Each line's entry or the reason it is skipped, in file order."""
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Skipped(number, "not UTF-8 text")
                continue
        line = raw.removeprefix("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(number, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except (ValueError, RecursionError):
            yield Skipped(number, "not valid JSON")
            continue
        yield _accepted(seen, number, obj, entry_values, "line")


def parse_jrnl(document: Mapping[str, Any]) -> ParseResult:
    """jrnl's ``--export json``: entries of {title, body, date, time, tags ["@x"], starred}."""
    seen: dict[str, int] = {}
    found = (_accepted(seen, number, item, lambda obj: entry_values(from_jrnl(obj)), "entry")
             for number, item in enumerate(document.get("entries") or [], 1))
    return _sorted_out(ParseResult(format=FORMAT_JRNL, unit="entry"), found)


def _accepted(seen: dict[str, int], number: int, obj: Any, convert,
              unit: str) -> Incoming | Skipped:
    if not isinstance(obj, dict):
        return Skipped(number, f"not a JSON object (it is {json_kind(obj)})")
    try:
        values, person = convert(obj)
    except Bad as exc:
        return Skipped(number, str(exc))
    uid = values["uid"]
    if uid in seen:
        return Skipped(number, f"the same entry as {unit} {seen[uid]}")
    seen[uid] = number
    return Incoming(number, values, person)


# -- importing ---------------------------------------------------------------------------------
ImportProgress = Callable[[int, int], None]
"""``progress(entries_done, entries_total)`` between batches of an import, from the importing
thread; an exception it raises rolls the whole import back."""

_BATCH = 500  # entries written between two progress calls


def import_file(journal: Journal, path: Path) -> ImportReport:
    """Import a JSON Lines file or a jrnl JSON export; see :func:`import_parsed`."""
    return import_parsed(journal, read_file(path))


def import_parsed(journal: Journal, parsed: ParseResult,
                  progress: ImportProgress | None = None) -> ImportReport:
    """Add every good entry not already in the journal, all in one transaction: either all of
    them are saved or, if the database fails (or ``progress`` raises) part-way, none are.
    Entries are read and written a batch at a time, so memory does not grow with the file."""
    with journal.vault.session() as session, bulk.import_settings(session):
        existing = bulk.existing_uids(session)
        skipped = _already_in(existing, parsed)
        _, uids, people_by_uid = parsed.keys()
        total = sum(1 for uid in uids if uid not in existing)
        people = bulk.person_ids(session, {name for uid, name in people_by_uid.items()
                                           if uid not in existing})
        imported = 0
        batch: list[dict[str, Any]] = []
        for item in parsed.entries:
            if item.values["uid"] in existing:
                continue
            batch.append({**item.values, "person_id": people.get(item.person or "")})
            if len(batch) == _BATCH or imported + len(batch) == total:
                imported += bulk.insert_entries(session, batch)
                batch.clear()
                if progress is not None:
                    progress(imported, total)
        if batch:  # only when the file changed as it was read, which raises FileChanged
            imported += bulk.insert_entries(session, batch)
    return ImportReport(imported, sorted([*parsed.skipped, *skipped]), parsed.format,
                        parsed.unit)


def preview_parsed(journal: Journal, parsed: ParseResult) -> ImportReport:
    """What :func:`import_parsed` would do, by the same rules, writing nothing: ``imported``
    counts the entries it would add (``reflect import --dry-run`` and the window's preview)."""
    with journal.vault.session() as session:
        existing = bulk.existing_uids(session)
    skipped = _already_in(existing, parsed)
    fresh = len(parsed.entries) - len(skipped)
    return ImportReport(fresh, sorted([*parsed.skipped, *skipped]), parsed.format, parsed.unit)


def _already_in(existing: Mapping[str, bool], parsed: ParseResult) -> list[Skipped]:
    """The good entries that the journal (or its trash) already holds, as skipped lines."""
    lines, uids, _ = parsed.keys()
    skipped = []
    for line, uid in zip(lines, uids, strict=True):
        in_trash = existing.get(uid)
        if in_trash is not None:
            where = "the journal's trash" if in_trash else "the journal"
            skipped.append(Skipped(line, f"this entry is already in {where}"))
    return skipped


def counted(n: int, unit: str) -> str:
    """"1 entry", "12 lines": how import reports count, in the CLI and the window alike."""
    plural = {"entry": "entries", "line": "lines"}.get(unit, f"{unit}s")
    return f"1 {unit}" if n == 1 else f"{n:,} {plural}"


# -- exporting ---------------------------------------------------------------------------------
def export_jsonl(journal: Journal, path: Path) -> int:
    """Every entry not in the trash, oldest first, with every field a round trip needs.
    Written as read, a batch at a time, into the temp file that becomes ``path``."""
    count = 0
    with journal.vault.session() as session, atomic_writer(Path(path)) as handle:
        people = bulk.person_names(session)
        lines: list[str] = []
        for entry in bulk.iter_entries(session):
            lines.append(json.dumps(entry_record(entry, people), ensure_ascii=False) + "\n")
            count += 1
            if len(lines) == _BATCH:
                handle.write("".join(lines).encode("utf-8"))
                lines.clear()
        handle.write("".join(lines).encode("utf-8"))
    return count


def entry_record(entry: Entry, people: Mapping[int, str]) -> dict[str, Any]:
    """One JSON Lines object; :func:`entry_values` reads it back to the same entry."""
    return {
        "uid": entry.uid, "kind": entry.kind, "title": entry.title, "body": entry.body,
        "happened_on": entry.happened_on.isoformat(),
        "created": _utc_text(entry.created_at), "updated": _utc_text(entry.updated_at),
        "tags": list(entry.tags), "attributes": list(entry.attributes),
        "prompt_id": entry.prompt_id, "template_id": entry.template_id,
        "sections": entry.sections, "person": people.get(entry.person_id or 0),
        "share_with_mentor": entry.share_with_mentor, "sensitive": entry.sensitive,
    }


def _utc_text(moment: datetime) -> str:
    """Times are kept in UTC; the file says so (+00:00) so no reader takes them as local."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat()


def export_markdown(journal: Journal, path: Path, today: date | None = None) -> int:
    """One readable Markdown file, newest first, for reading, printing or another app."""
    titles = section_titles()
    with journal.vault.session() as session, atomic_writer(Path(path)) as handle:
        count = bulk.count_entries(session)
        writer = io.TextIOWrapper(handle, encoding="utf-8", newline="",
                                  write_through=False)
        write_markdown(writer.write, bulk.iter_entries(session, newest_first=True), count,
                       bulk.person_names(session), titles, today or date.today())
        writer.flush()
        writer.detach()  # the temp file is closed, synced and renamed by atomic_writer
    return count


def not_encrypted_warning(path: Path) -> str:
    """Said after every Markdown or JSON Lines export, by the CLI and the window alike."""
    return f"{path} is not encrypted; anyone who can read the file can read these entries."


def export_failure(path: Path, exc: OSError) -> WriteFailed:
    """A failed export names the export, not the journal: exports are written atomically, so
    nothing is left at ``path``."""
    return WriteFailed(f"The export could not be written to {path} because "
                       f"{write_problem(exc)}; nothing was written there.")


