"""The sourced prompt library: the five leadership attributes and the prompt sets.

Content lives in TOML files rather than code so that every question keeps its exact wording and
its source, and so a user can add a set of their own. The attributes are essential (the profile
cannot be drawn without them), so a broken attributes file raises. A broken prompt file is only
reported, naming the file and the line, and skipped: one bad file must never stop the app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from reflect.common import paths
from reflect.content.toml_source import ContentError, line_of_value, read_toml

__all__ = [
    "Attribute",
    "ContentError",
    "Correction",
    "LoadResult",
    "Prompt",
    "PromptSet",
    "default_prompt_dirs",
    "find_prompt",
    "load_attributes",
    "load_prompt_sets",
    "prompts_for_attribute",
]


@dataclass(frozen=True)
class Correction:
    """A slip in the source that Reflect corrects: what the source printed, and why, so the
    leader is never shown a changed quotation without being told."""

    printed: str
    reason: str

    def note(self) -> str:
        return f"The source prints this question as “{self.printed}” {self.reason}"


@dataclass(frozen=True)
class Attribute:
    """One of the five SFPC leadership attributes: an axis of the Leadership Profile."""

    id: str
    name: str
    short_name: str
    question: str
    five_sounds_like: tuple[str, ...]
    source: str
    correction: Correction | None = None


@dataclass(frozen=True)
class Prompt:
    """A reflective question, worded exactly as its source, with where it comes from."""

    id: str
    set_id: str
    text: str
    source: str
    attributes: tuple[str, ...]
    group: str | None = None
    original: str | None = None
    #: Who the question is written for (:data:`AUDIENCES`); empty: every leader.
    audience: tuple[str, ...] = ()


#: The leaders a prompt can be written for: a first line manager (team manager, practice
#: supervisor), a middle manager (service or group manager), a senior leader (head of
#: service, director).
FIRST_LINE, MIDDLE, SENIOR = "first_line", "middle", "senior"
AUDIENCES: tuple[str, ...] = (FIRST_LINE, MIDDLE, SENIOR)


@dataclass(frozen=True)
class PromptSet:
    """One prompt file: a document's questions, plus what the user needs to cite it."""

    id: str
    name: str
    document: str
    source_short: str
    adapted: bool
    notes: str
    path: Path
    prompts: tuple[Prompt, ...]
    licence: str | None = None


@dataclass(frozen=True)
class LoadResult:
    """The sets that loaded and the files that did not, so the UI can show both."""

    sets: tuple[PromptSet, ...]
    errors: tuple[ContentError, ...]


# Ids end up in the journal database, so keep them plain: no spaces, no quotes.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]*?)\s*\]\]?\s*(?:#.*)?$")

_ATTRIBUTE_KEYS = ("id", "name", "short_name", "question", "five_sounds_like", "source",
                   "correction")
_SET_KEYS = ("id", "name", "document", "source_short", "adapted", "notes", "licence")
_PROMPT_KEYS = ("id", "text", "source", "attributes", "group", "original", "audience")

Span = tuple[int, int]


class _Layout:
    """Where each table starts in the raw text, so a problem in the n-th entry names its line."""

    def __init__(self, text: str) -> None:
        # TOML counts lines by "\n" only; str.splitlines would also split on \x0c, \u2028 ...
        self.lines = text.split("\n")
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match:
                bracket, name = match.groups()
                closing = "]" * len(bracket)
                self.headers.append((number, f"{bracket}{name.replace(' ', '')}{closing}"))

    def top(self) -> Span:
        """Lines before the first table header."""
        first = self.headers[0][0] if self.headers else len(self.lines) + 1
        return (1, first - 1) if first > 1 else (0, 0)

    def table(self, header: str, index: int = 0) -> Span:
        """First and last line of the ``index``-th table written as ``header``; (0, 0) if none."""
        starts = [number for number, name in self.headers if name == header]
        if index >= len(starts):
            return (0, 0)
        start = starts[index]
        later = [number for number, _ in self.headers if number > start]
        return start, (later[0] - 1 if later else len(self.lines))

    def key_line(self, span: Span, key: str) -> int:
        """Line of ``key = ...`` inside ``span``; the span's first line if not written plainly."""
        start, end = span
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, end + 1):
            if number and pattern.match(self.lines[number - 1]):
                return number
        return start

    def value_line(self, span: Span, key: str, value: str) -> int:
        """Line of ``key = "value"`` inside ``span``; falls back to the key's line."""
        start, end = span
        if start:
            found = line_of_value("\n".join(self.lines[start - 1 : end]), key, value)
            if found:
                return start + found - 1
        return self.key_line(span, key)

    def item_line(self, span: Span, key: str, item: str) -> int:
        """Line of a quoted list item such as ``"values_driven"`` after ``key`` in ``span``."""
        first = self.key_line(span, key)
        if first:
            for number in range(first, span[1] + 1):
                line = self.lines[number - 1]
                if f'"{item}"' in line or f"'{item}'" in line:
                    return number
        return first


class _Checker:
    """Type checks on one parsed file; each failure raises ContentError with file and line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.layout = _Layout(text)

    def fail(self, line: int, message: str) -> NoReturn:
        raise ContentError(self.path, line, message)

    def table_list(self, data: dict[str, Any], key: str, header: str) -> list[dict[str, Any]]:
        """A non-empty array of tables such as ``[[prompts]]``."""
        value = data.get(key)
        line = self.layout.table(header)[0] or self.layout.key_line(self.layout.top(), key)
        if value is None or value == []:
            self.fail(line if value == [] else 0, f"has no {header} entries")
        if not isinstance(value, list):
            self.fail(line, f'"{key}" must be a list of {header} tables')
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.fail(line, f"entry {index + 1} of \"{key}\" is not a {header} table")
        return value

    def no_unknown_keys(self, table: dict[str, Any], allowed: Iterable[str], span: Span,
                        what: str) -> None:
        """Catch misspelt keys, which would otherwise be dropped without a word."""
        for key in table:
            if key not in allowed:
                self.fail(self.layout.key_line(span, key), f'{what} has an unknown key "{key}"')

    def text(self, table: dict[str, Any], key: str, span: Span, what: str, *,
             required: bool = True, empty_ok: bool = False) -> str | None:
        """A text field; blank counts as missing unless ``empty_ok`` (notes may be empty)."""
        value = table.get(key)
        if value is None:
            if required:
                self.fail(span[0], f'{what} has no "{key}"')
            return None
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            kind = "text" if empty_ok else "non-empty text"
            self.fail(self.layout.key_line(span, key), f'{what}: "{key}" must be {kind}')
        return value

    def identifier(self, table: dict[str, Any], span: Span, what: str) -> str:
        """An ``id``: it is stored with entries, so it must be plain and never change."""
        value = self.text(table, "id", span, what) or ""
        if not _ID.fullmatch(value):
            self.fail(self.layout.key_line(span, "id"),
                      f'{what}: id "{value}" may use only letters, digits and . _ : -')
        return value

    def text_list(self, table: dict[str, Any], key: str, span: Span, what: str, *,
                  allow_single: bool = False, non_empty: bool = False) -> tuple[str, ...]:
        """A list of texts; ``allow_single`` also takes one bare string, as hand-edits do."""
        value = table.get(key)
        if value is None:
            self.fail(span[0], f'{what} has no "{key}"')
        if allow_single and isinstance(value, str):
            value = [value]
        line = self.layout.key_line(span, key)
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.fail(line, f'{what}: "{key}" must be a list of non-empty text')
        if non_empty and not value:
            self.fail(line, f'{what}: "{key}" must not be empty')
        return tuple(value)


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """read_toml, plus the one failure tomllib does not turn into TOMLDecodeError."""
    try:
        return read_toml(path)
    except RecursionError:
        raise ContentError(path, 0, "is not valid TOML: nested too deeply") from None


def load_attributes(path: Path | None = None) -> tuple[Attribute, ...]:
    """The attributes in file order (the radar's axis order); raises ContentError if broken."""
    path = Path(path) if path is not None else paths.resources_dir() / "attributes.toml"
    data, text = _read(path)
    check = _Checker(path, text)
    check.no_unknown_keys(data, ("notes", "attributes"), check.layout.top(), "the file")
    entries = check.table_list(data, "attributes", "[[attributes]]")
    seen: dict[str, int] = {}
    result: list[Attribute] = []
    for index, entry in enumerate(entries):
        span = check.layout.table("[[attributes]]", index)
        if not span[0]:
            span = check.layout.table("[[attributes]]", 0)
        what = f"attribute {index + 1}"
        check.no_unknown_keys(entry, _ATTRIBUTE_KEYS, span, what)
        attribute_id = check.identifier(entry, span, what)
        what = f'attribute "{attribute_id}"'
        if attribute_id in seen:
            check.fail(check.layout.value_line(span, "id", attribute_id),
                       f'{what} appears twice (first at line {seen[attribute_id]})')
        seen[attribute_id] = check.layout.value_line(span, "id", attribute_id)
        result.append(Attribute(
            id=attribute_id,
            name=check.text(entry, "name", span, what) or "",
            short_name=check.text(entry, "short_name", span, what) or "",
            question=check.text(entry, "question", span, what) or "",
            five_sounds_like=check.text_list(entry, "five_sounds_like", span, what,
                                             allow_single=True, non_empty=True),
            source=check.text(entry, "source", span, what) or "",
            correction=_correction(check, entry, span, what),
        ))
    return tuple(result)


def _correction(check: _Checker, entry: dict[str, Any], span: Span,
                what: str) -> Correction | None:
    """``correction.printed`` and ``correction.reason``: both, as text, or no correction."""
    table = entry.get("correction")
    if table is None:
        return None
    line = check.layout.key_line(span, "correction") or span[0]
    if not isinstance(table, dict):
        check.fail(line, f'{what}: "correction" must hold "printed" and "reason"')
    for key in table:
        if key not in ("printed", "reason"):
            check.fail(check.layout.key_line(span, f"correction.{key}") or line,
                       f'{what}: "correction" has an unknown key "{key}"')
    values = []
    for key in ("printed", "reason"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            check.fail(check.layout.key_line(span, f"correction.{key}") or line,
                       f'{what}: "correction.{key}" must be non-empty text')
        values.append(" ".join(value.split()))
    return Correction(*values)


def default_prompt_dirs() -> tuple[Path, ...]:
    """Shipped sets first, then the user's own, so a shipped id always wins a clash."""
    return (paths.resources_dir() / "prompts", paths.user_content_dir() / "prompts")


@dataclass(frozen=True)
class _Parsed:
    prompt_set: PromptSet
    set_line: int
    prompt_lines: dict[str, int]


def _parse_prompt_file(path: Path, known: frozenset[str] | None) -> _Parsed:
    """Check one prompt file on its own; cross-file clashes are checked by the caller."""
    data, text = _read(path)
    check = _Checker(path, text)
    layout = check.layout
    check.no_unknown_keys(data, ("set", "prompts"), layout.top(), "the file")

    header = data.get("set")
    set_span = layout.table("[set]")
    if header is None:
        check.fail(0, "has no [set] table")
    if not isinstance(header, dict):
        check.fail(layout.key_line(layout.top(), "set"), '"set" must be a [set] table')
    check.no_unknown_keys(header, _SET_KEYS, set_span, "[set]")
    set_id = check.identifier(header, set_span, "[set]")
    adapted = header.get("adapted")
    if not isinstance(adapted, bool):
        line = layout.key_line(set_span, "adapted") if "adapted" in header else set_span[0]
        check.fail(line, '[set]: "adapted" must be true or false')

    entries = check.table_list(data, "prompts", "[[prompts]]")
    prompts: list[Prompt] = []
    prompt_lines: dict[str, int] = {}
    for index, entry in enumerate(entries):
        span = layout.table("[[prompts]]", index)
        if not span[0]:  # written as an inline array: point at its key at least
            line = layout.key_line(layout.top(), "prompts")
            span = (line, line)
        what = f"prompt {index + 1}"
        check.no_unknown_keys(entry, _PROMPT_KEYS, span, what)
        prompt_id = check.identifier(entry, span, what)
        what = f'prompt "{prompt_id}"'
        id_line = layout.value_line(span, "id", prompt_id)
        if prompt_id in prompt_lines:
            check.fail(id_line, f'prompt id "{prompt_id}" appears twice '
                                f"(first at line {prompt_lines[prompt_id]})")
        prompt_lines[prompt_id] = id_line
        attributes = check.text_list(entry, "attributes", span, what)
        for attribute_id in attributes:
            if known is not None and attribute_id not in known:
                check.fail(layout.item_line(span, "attributes", attribute_id),
                           f'{what} names an unknown attribute "{attribute_id}" '
                           f"(known: {', '.join(sorted(known))})")
        if len(set(attributes)) != len(attributes):
            check.fail(layout.key_line(span, "attributes"), f"{what} lists an attribute twice")
        audience: tuple[str, ...] = ()
        if "audience" in entry:
            audience = check.text_list(entry, "audience", span, what, non_empty=True)
            for level in audience:
                if level not in AUDIENCES:
                    check.fail(layout.item_line(span, "audience", level),
                               f'{what}: "{level}" is not an audience (one of '
                               f"{', '.join(AUDIENCES)})")
        original = check.text(entry, "original", span, what, required=False)
        if adapted and original is None:
            check.fail(span[0], f'{what} needs "original": the set is adapted, so the source '
                                "wording must be kept")
        prompts.append(Prompt(
            id=prompt_id,
            set_id=set_id,
            text=check.text(entry, "text", span, what) or "",
            source=check.text(entry, "source", span, what) or "",
            attributes=attributes,
            group=check.text(entry, "group", span, what, required=False),
            original=original,
            audience=audience,
        ))

    prompt_set = PromptSet(
        id=set_id,
        name=check.text(header, "name", set_span, "[set]") or "",
        document=check.text(header, "document", set_span, "[set]") or "",
        source_short=check.text(header, "source_short", set_span, "[set]") or "",
        adapted=adapted,
        notes=check.text(header, "notes", set_span, "[set]", required=False, empty_ok=True) or "",
        path=path,
        prompts=tuple(prompts),
        licence=check.text(header, "licence", set_span, "[set]", required=False),
    )
    return _Parsed(prompt_set, layout.value_line(set_span, "id", set_id), prompt_lines)


def _prompt_files(directories: Sequence[Path], errors: list[ContentError]) -> list[Path]:
    """``*.toml`` files, sorted by name within each directory, each directory once."""
    files: list[Path] = []
    seen: set[Path] = set()
    for directory in directories:
        directory = Path(directory)
        try:
            key = directory.resolve()
            if key in seen or not directory.is_dir():
                continue
            seen.add(key)
            found = sorted(
                path for path in directory.iterdir()
                if path.suffix == ".toml" and not path.name.startswith(".") and path.is_file()
            )
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            reason = getattr(exc, "strerror", None) or str(exc)
            errors.append(ContentError(directory, 0, f"cannot be read ({reason})"))
            continue
        files.extend(found)
    return files


def load_prompt_sets(
    directories: Sequence[Path] | None = None,
    attributes: Iterable[Attribute | str] | None = None,
) -> LoadResult:
    """Every valid prompt set; each broken file becomes one ContentError and is skipped.

    Files load in directory order, then by name; when two files clash on a set id or a prompt
    id, the later one is rejected, so the user's copy can never hide a shipped set.
    """
    errors: list[ContentError] = []
    known: frozenset[str] | None
    if attributes is None:
        try:
            known = frozenset(attribute.id for attribute in load_attributes())
        except ContentError as exc:  # reported; attribute ids then go unchecked
            errors.append(exc)
            known = None
    else:
        known = frozenset(a if isinstance(a, str) else a.id for a in attributes)

    sets: list[PromptSet] = []
    set_owner: dict[str, Path] = {}
    prompt_owner: dict[str, Path] = {}
    dirs = default_prompt_dirs() if directories is None else directories
    for path in _prompt_files(dirs, errors):
        try:
            parsed = _parse_prompt_file(path, known)
        except ContentError as exc:
            errors.append(exc)
            continue
        prompt_set = parsed.prompt_set
        if prompt_set.id in set_owner:
            errors.append(ContentError(
                path, parsed.set_line,
                f'set id "{prompt_set.id}" is already used by {set_owner[prompt_set.id].name}; '
                "give this set an id of its own",
            ))
            continue
        clash = next((p for p in prompt_set.prompts if p.id in prompt_owner), None)
        if clash is not None:
            errors.append(ContentError(
                path, parsed.prompt_lines[clash.id],
                f'prompt id "{clash.id}" is already used in {prompt_owner[clash.id].name}',
            ))
            continue
        set_owner[prompt_set.id] = path
        prompt_owner.update(dict.fromkeys((p.id for p in prompt_set.prompts), path))
        sets.append(prompt_set)
    return LoadResult(tuple(sets), tuple(errors))


def find_prompt(sets: Iterable[PromptSet], prompt_id: str) -> Prompt | None:
    """The prompt an entry was written against, or None if its set is no longer loaded."""
    for prompt_set in sets:
        for prompt in prompt_set.prompts:
            if prompt.id == prompt_id:
                return prompt
    return None


def prompts_for_attribute(sets: Iterable[PromptSet], attribute_id: str) -> list[Prompt]:
    """Prompts that help a leader reflect on one attribute, in set and file order."""
    return [
        prompt
        for prompt_set in sets
        for prompt in prompt_set.prompts
        if attribute_id in prompt.attributes
    ]
