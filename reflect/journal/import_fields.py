"""The rules that make one imported JSON object an entry's column values, or the reason, in
words for the person importing, that it cannot be one. Kept apart from reading files and
writing the journal (``interchange.py``), which apply them line by line."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from reflect.journal.journal import MAX_TAGS, too_many_tags, unique_tags
from reflect.journal.kinds import EntryKind

MAX_UID_LENGTH = 36
# Fixed forever: content-derived uids must come out the same on every machine and version.
_UID_NAMESPACE = uuid.UUID("5f0c7a8e-3b1d-4c55-9a6e-2d4f1b7c9e10")
_KINDS = [k.value for k in EntryKind]


class Bad(ValueError):
    """The reason a line is skipped, in words for the person importing."""



def entry_values(obj: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Column values for one imported object, and its supervisee's code name; raises
    :class:`Bad` with the reason when the object cannot be an entry."""
    _check_unicode(obj)
    title = _text(obj, "title")
    body = _text(obj, "body")
    sections = obj.get("sections") or {}
    if not isinstance(sections, dict):
        raise Bad("'sections' must be a JSON object")
    if not (title.strip() or body.strip()
            or any(v not in ("", None, [], {}) for v in sections.values())):
        raise Bad("it has neither a title nor a body")
    kind = obj.get("kind") or EntryKind.REFLECTION
    kinds = _KINDS
    if kind not in kinds:
        raise Bad(f"unknown kind {_shown(kind)} (use {', '.join(kinds[:-1])} or {kinds[-1]})")
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


def from_jrnl(item: Mapping[str, Any]) -> dict[str, Any]:
    day, clock = item.get("date"), item.get("time") or "00:00"
    if not isinstance(day, str) or not _parses(date.fromisoformat, day):
        raise Bad(f"'date' is not a date like 2026-03-31: {_shown(day)}")
    if not isinstance(clock, str) or not _parses(time.fromisoformat, clock):
        raise Bad(f"'time' is not a time like 09:30: {_shown(clock)}")
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Bad("'tags' must be a list of words")
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
        raise Bad(f"'{key}' must be text, not {json_kind(value)}")
    return value


def _words(obj: Mapping[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Bad(f"'{key}' must be a list of words, not {json_kind(value)}")
    return value


def _tags(obj: Mapping[str, Any]) -> list[str]:
    """Too many tags skip the line rather than lose some: the file still has them all."""
    tags = unique_tags(_words(obj, "tags"))
    if len(tags) > MAX_TAGS:
        raise Bad(too_many_tags(len(tags)))
    return tags


def _flag(obj: Mapping[str, Any], key: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise Bad(f"'{key}' must be true or false, not {json_kind(value)}")
    return value


def _uid(obj: Mapping[str, Any]) -> str | None:
    value = obj.get("uid")
    if value is None:
        return None
    if (not isinstance(value, str) or not 0 < len(value) <= MAX_UID_LENGTH
            or not value.isprintable() or value != value.strip()):
        raise Bad(f"'uid' must be text of 1 to {MAX_UID_LENGTH} characters: {_shown(value)}")
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
        raise Bad(f"'{key}' is not a date: {_shown(value)}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Bad(f"'{key}' is not a date like 2026-03-31 or 2026-03-31T09:30: "
                   f"{_shown(value)}") from None
    try:
        return moment.astimezone(UTC), moment.date()
    except (OverflowError, OSError, ValueError):
        raise Bad(f"'{key}' is out of range: {_shown(value)}") from None


def _day(obj: Mapping[str, Any], key: str) -> date | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _parses(date.fromisoformat, value.strip()):
        raise Bad(f"'{key}' is not a date like 2026-03-31: {_shown(value)}")
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
            raise Bad("it contains text that is not valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(key)
            _check_unicode(item)
    elif isinstance(value, list):
        for item in value:
            _check_unicode(item)


def json_kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    kinds = ((str, "text"), (list, "a list"), (dict, "an object"), (int | float, "a number"))
    return next((name for cls, name in kinds if isinstance(value, cls)), "a value")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
