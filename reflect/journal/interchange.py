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

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from reflect.common.atomic import atomic_write_text
from reflect.common.errors import WriteFailed, write_problem
from reflect.journal.journal import MAX_TAGS, Journal, too_many_tags, unique_tags
from reflect.journal.kinds import EntryKind
from reflect.journal.markdown_export import render_markdown, section_titles
from reflect.store import bulk
from reflect.store.models import Entry

FORMAT_JSONL = "jsonl"
FORMAT_JRNL = "jrnl"
MAX_UID_LENGTH = 36
# Fixed forever: content-derived uids must come out the same on every machine and version.
_UID_NAMESPACE = uuid.UUID("5f0c7a8e-3b1d-4c55-9a6e-2d4f1b7c9e10")


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


@dataclass
class ParseResult:
    entries: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    format: str = FORMAT_JSONL
    unit: str = "line"  # what the numbers count: lines of JSON Lines, entries of a jrnl export


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: list[Skipped]
    format: str = FORMAT_JSONL
    unit: str = "line"

    def problems(self) -> list[str]:
        """One "line N: reason" per skipped line, in file order."""
        return [f"{self.unit} {s.line}: {s.reason}" for s in self.skipped]


class _Bad(ValueError):
    """The reason a line is skipped, in words for the person importing."""


# -- reading -----------------------------------------------------------------------------------
def read_file(path: Path) -> ParseResult:
    """Parse a file without touching any journal (so a bad file is known before unlocking)."""
    return parse_bytes(Path(path).read_bytes())


def parse_bytes(data: bytes) -> ParseResult:
    """A jrnl JSON export is one JSON object with an ``entries`` list; anything else is read
    as JSON Lines."""
    if data.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            document = None
        if isinstance(document, dict) and isinstance(document.get("entries"), list):
            return parse_jrnl(document)
    return parse_jsonl(data.split(b"\n"))


def parse_jsonl(lines: Iterable[str | bytes]) -> ParseResult:
    """One JSON object per line: {title, body, created, tags, kind, ...}. Blank lines are
    ignored; every other line becomes an entry or a :class:`Skipped` with its number."""
    result = ParseResult()
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                result.skipped.append(Skipped(number, "not UTF-8 text"))
                continue
        line = raw.removeprefix("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            result.skipped.append(Skipped(number, f"not valid JSON ({exc.msg}, column "
                                                  f"{exc.colno})"))
            continue
        except (ValueError, RecursionError):
            result.skipped.append(Skipped(number, "not valid JSON"))
            continue
        _accept(result, seen, number, obj, entry_values)
    return result


def parse_jrnl(document: Mapping[str, Any]) -> ParseResult:
    """jrnl's ``--export json``: entries of {title, body, date, time, tags ["@x"], starred}."""
    result = ParseResult(format=FORMAT_JRNL, unit="entry")
    seen: dict[str, int] = {}
    for number, item in enumerate(document.get("entries") or [], 1):
        _accept(result, seen, number, item, lambda obj: entry_values(_from_jrnl(obj)))
    return result


def _accept(result: ParseResult, seen: dict[str, int], number: int, obj: Any,
            convert) -> None:
    if not isinstance(obj, dict):
        result.skipped.append(Skipped(number, f"not a JSON object (it is {_json_kind(obj)})"))
        return
    try:
        values, person = convert(obj)
    except _Bad as exc:
        result.skipped.append(Skipped(number, str(exc)))
        return
    uid = values["uid"]
    if uid in seen:
        result.skipped.append(Skipped(number, f"the same entry as {result.unit} {seen[uid]}"))
        return
    seen[uid] = number
    result.entries.append(Incoming(number, values, person))


def entry_values(obj: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Column values for one imported object, and its supervisee's code name; raises
    :class:`_Bad` with the reason when the object cannot be an entry."""
    _check_unicode(obj)
    title = _text(obj, "title")
    body = _text(obj, "body")
    sections = obj.get("sections") or {}
    if not isinstance(sections, dict):
        raise _Bad("'sections' must be a JSON object")
    if not (title.strip() or body.strip()
            or any(v not in ("", None, [], {}) for v in sections.values())):
        raise _Bad("it has neither a title nor a body")
    kind = obj.get("kind") or EntryKind.REFLECTION
    kinds = [k.value for k in EntryKind]
    if kind not in kinds:
        raise _Bad(f"unknown kind {_shown(kind)} (use {', '.join(kinds[:-1])} or {kinds[-1]})")
    created_at, created_day = _moment(obj, "created")
    updated_at, _ = _moment(obj, "updated")
    happened_on = _day(obj, "happened_on") or created_day or date.today()
    created_at = created_at or datetime.now(UTC)
    values = {
        "kind": kind, "title": title, "body": body, "sections": sections,
        "happened_on": happened_on, "created_at": created_at,
        "updated_at": updated_at or created_at,
        "tags": _tags(obj),
        "attributes": _words(obj, "attributes"),
        "prompt_id": _text(obj, "prompt_id") or None,
        "template_id": _text(obj, "template_id") or None,
        "share_with_mentor": _flag(obj, "share_with_mentor"),
        "sensitive": _flag(obj, "sensitive"),
    }
    when = [happened_on.isoformat()] if created_day or obj.get("happened_on") else []
    when += [created_at.isoformat()] if created_day else []
    values["uid"] = _uid(obj) or _derived_uid(values, when)
    person = _text(obj, "person").strip() or None
    return values, person


def _from_jrnl(item: Mapping[str, Any]) -> dict[str, Any]:
    day, clock = item.get("date"), item.get("time") or "00:00"
    if not isinstance(day, str) or not _parses(date.fromisoformat, day):
        raise _Bad(f"'date' is not a date like 2026-03-31: {_shown(day)}")
    if not isinstance(clock, str) or not _parses(time.fromisoformat, clock):
        raise _Bad(f"'time' is not a time like 09:30: {_shown(clock)}")
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Bad("'tags' must be a list of words")
    obj = {"title": item.get("title", ""), "body": item.get("body", ""),
           "created": f"{day}T{clock}",
           "tags": [t.lstrip("@") for t in tags] + (["starred"] if item.get("starred") is True
                                                    else [])}
    if item.get("uuid") is not None:
        obj["uid"] = item["uuid"]
    return obj


# -- field rules -------------------------------------------------------------------------------
def _text(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(f"'{key}' must be text, not {_json_kind(value)}")
    return value


def _words(obj: Mapping[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"'{key}' must be a list of words, not {_json_kind(value)}")
    return value


def _tags(obj: Mapping[str, Any]) -> list[str]:
    """Too many tags skip the line rather than lose some: the file still has them all."""
    tags = unique_tags(_words(obj, "tags"))
    if len(tags) > MAX_TAGS:
        raise _Bad(too_many_tags(len(tags)))
    return tags


def _flag(obj: Mapping[str, Any], key: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise _Bad(f"'{key}' must be true or false, not {_json_kind(value)}")
    return value


def _uid(obj: Mapping[str, Any]) -> str | None:
    value = obj.get("uid")
    if value is None:
        return None
    if (not isinstance(value, str) or not 0 < len(value) <= MAX_UID_LENGTH
            or not value.isprintable() or value != value.strip()):
        raise _Bad(f"'uid' must be text of 1 to {MAX_UID_LENGTH} characters: {_shown(value)}")
    return value


def _derived_uid(values: Mapping[str, Any], when: list[str]) -> str:
    """The same content gives the same uid, so a file without uids can be imported twice.
    Only dates the file gives count: an undated line keeps its uid from day to day."""
    name = json.dumps([values["kind"], values["title"], values["body"], values["sections"],
                       *when], ensure_ascii=False, sort_keys=True)
    return uuid.uuid5(_UID_NAMESPACE, name).hex


def _moment(obj: Mapping[str, Any], key: str) -> tuple[datetime | None, date | None]:
    """A date or date-time in UTC (naive input is local time) and the day as written."""
    value = obj.get(key)
    if value is None:
        return None, None
    if not isinstance(value, str):
        raise _Bad(f"'{key}' is not a date: {_shown(value)}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _Bad(f"'{key}' is not a date like 2026-03-31 or 2026-03-31T09:30: "
                   f"{_shown(value)}") from None
    try:
        return moment.astimezone(UTC), moment.date()
    except (OverflowError, OSError, ValueError):
        raise _Bad(f"'{key}' is out of range: {_shown(value)}") from None


def _day(obj: Mapping[str, Any], key: str) -> date | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _parses(date.fromisoformat, value.strip()):
        raise _Bad(f"'{key}' is not a date like 2026-03-31: {_shown(value)}")
    return date.fromisoformat(value.strip())


def _parses(parser, value: str) -> bool:
    try:
        parser(value)
    except ValueError:
        return False
    return True


def _check_unicode(value: Any) -> None:
    """JSON can spell lone surrogates (\\ud800) that no database column can hold."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Bad("it contains text that is not valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(key)
            _check_unicode(item)
    elif isinstance(value, list):
        for item in value:
            _check_unicode(item)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    kinds = ((str, "text"), (list, "a list"), (dict, "an object"), (int | float, "a number"))
    return next((name for cls, name in kinds if isinstance(value, cls)), "a value")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


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
    them are saved or, if the database fails (or ``progress`` raises) part-way, none are."""
    with journal.vault.session() as session:
        fresh, skipped = _sort_out(session, parsed)
        people = bulk.person_ids(session, {i.person for i in fresh if i.person})
        rows = [{**i.values, "person_id": people.get(i.person or "")} for i in fresh]
        imported = 0
        for start in range(0, len(rows), _BATCH):
            imported += bulk.insert_entries(session, rows[start:start + _BATCH])
            if progress is not None:
                progress(imported, len(rows))
    return ImportReport(imported, skipped, parsed.format, parsed.unit)


def preview_parsed(journal: Journal, parsed: ParseResult) -> ImportReport:
    """What :func:`import_parsed` would do, by the same rules, writing nothing: ``imported``
    counts the entries it would add (``reflect import --dry-run`` and the window's preview)."""
    with journal.vault.session() as session:
        fresh, skipped = _sort_out(session, parsed)
    return ImportReport(len(fresh), skipped, parsed.format, parsed.unit)


def _sort_out(session, parsed: ParseResult) -> tuple[list[Incoming], list[Skipped]]:
    """The good entries not yet in the journal, and every skipped line in file order."""
    skipped = list(parsed.skipped)
    existing = bulk.existing_uids(session)
    fresh: list[Incoming] = []
    for item in parsed.entries:
        in_trash = existing.get(item.values["uid"])
        if in_trash is None:
            fresh.append(item)
        else:
            where = "the journal's trash" if in_trash else "the journal"
            skipped.append(Skipped(item.line, f"this entry is already in {where}"))
    return fresh, sorted(skipped)


def counted(n: int, unit: str) -> str:
    """"1 entry", "12 lines": how import reports count, in the CLI and the window alike."""
    plural = {"entry": "entries", "line": "lines"}.get(unit, f"{unit}s")
    return f"1 {unit}" if n == 1 else f"{n:,} {plural}"


# -- exporting ---------------------------------------------------------------------------------
def export_jsonl(journal: Journal, path: Path) -> int:
    """Every entry not in the trash, oldest first, with every field a round trip needs."""
    entries, people = _all_entries(journal)
    lines = [json.dumps(entry_record(e, people), ensure_ascii=False) + "\n" for e in entries]
    atomic_write_text(Path(path), "".join(lines))
    return len(entries)


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


def _all_entries(journal: Journal) -> tuple[list[Entry], dict[int, str]]:
    with journal.vault.session() as session:
        return bulk.entries_oldest_first(session), bulk.person_names(session)


def export_markdown(journal: Journal, path: Path, today: date | None = None) -> int:
    """One readable Markdown file, newest first, for reading, printing or another app."""
    entries, people = _all_entries(journal)
    entries.reverse()
    text = render_markdown(entries, people, section_titles(), today or date.today())
    atomic_write_text(Path(path), text)
    return len(entries)


def not_encrypted_warning(path: Path) -> str:
    """Said after every Markdown or JSON Lines export, by the CLI and the window alike."""
    return f"{path} is not encrypted; anyone who can read the file can read these entries."


def export_failure(path: Path, exc: OSError) -> WriteFailed:
    """A failed export names the export, not the journal: exports are written atomically, so
    nothing is left at ``path``."""
    return WriteFailed(f"The export could not be written to {path} because "
                       f"{write_problem(exc)}; nothing was written there.")


