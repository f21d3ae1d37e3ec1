"""Supervision and reflection templates: load and validate them, copy them, save edited copies.

Templates are content, not code (``resources/templates/*.toml``; the format is documented at
the top of ``one_to_one.toml``). A user's copies live in the user content folder so that an
upgrade never overwrites them and they never overwrite the shipped files. A bad file must not
stop the app from starting, so every problem becomes a :class:`ContentError` naming the file
and the line, and that file is skipped.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflect.common import paths
from reflect.common.atomic import atomic_write_text
from reflect.content import template_flags
from reflect.content import template_groups as groups
from reflect.content.template_lines import FieldLines, Locator
from reflect.content.toml_source import ContentError, read_toml

FIELD_TYPES: tuple[str, ...] = (
    "text",  # free text, Markdown
    "actions",  # agreed actions: description, owner, due date, status, outcome
    "date",
    "choice",  # one of the section's ``choices``
    "yesno",
    "scale",  # 0–10
    "supervisee",  # a code name, never a child's name
)
KINDS: tuple[str, ...] = ("supervision", "reflection", "coaching")
SCALE_MIN, SCALE_MAX = 0, 10
CASE_NOTES_HINT = "Use initials or case numbers, never a child's name."
#: Who reads a section: everyone who gets the record, or the supervisor alone (their own
#: notes, left out of the supervisee's copy). Actions and the supervisee are always shared.
AUDIENCES: tuple[str, ...] = ("all", "supervisor")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_TEMPLATE_KEYS = ("id", "name", "purpose", "kind", "version", "reviews_own_actions", "sections")
_SECTION_KEYS = (
    "id", "title", "guidance", "type", "choices", "sensitive", "case_notes", "required",
    "audience",
    *groups.GROUP_KEYS,
)


@dataclass(frozen=True)
class Section:
    """One field of a template; ``id`` is the key a record stores the value under."""

    id: str
    title: str
    guidance: str = ""
    type: str = "text"
    choices: tuple[str, ...] = ()
    sensitive: bool = False
    case_notes: bool = False
    required: bool = False
    audience: str = "all"  # one of AUDIENCES
    #: A repeatable group (``type = "group"``, see :mod:`.template_groups`): its fields,
    #: and what one block is called ("case": "Add case").
    fields: tuple[Section, ...] = ()
    item: str = ""
    note: bool = False  # a group's field that goes into the case-file note
    child_file: bool = False  # a group's yes/no: "No" asks for an action to put it there


@dataclass(frozen=True)
class Template:
    """A validated template; ``builtin`` templates are shipped and never written to."""

    id: str
    name: str
    purpose: str
    kind: str
    version: int
    sections: tuple[Section, ...]
    path: Path
    builtin: bool
    #: A new record reviews the leader's own open actions (their supervision, coaching,
    #: reflections), as a record with a supervisee reviews the supervisee's.
    reviews_own_actions: bool = False

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None (records may outlive a section)."""
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class TemplateLoadResult:
    """Everything that loaded, and a message for everything that did not."""

    templates: tuple[Template, ...]
    errors: tuple[ContentError, ...]

    def by_id(self, template_id: str) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)


def builtin_templates_dir() -> Path:
    return paths.resources_dir() / "templates"


def user_templates_dir() -> Path:
    return paths.user_content_dir() / "templates"


def _is_builtin_dir(directory: Path) -> bool:
    try:
        return Path(directory).resolve() == builtin_templates_dir().resolve()
    except OSError:
        return False


def load_templates(directories: Sequence[Path] | None = None) -> TemplateLoadResult:
    """Load every ``*.toml`` in ``directories`` (default: shipped, then the user's copies).

    Directories are read in the order given and files in name order, so the first template
    to claim an id keeps it: shipped templates always win over a user copy. A directory is
    builtin when it is the shipped templates folder. Missing directories are skipped.
    """
    if directories is None:
        directories = (builtin_templates_dir(), user_templates_dir())
    templates: list[Template] = []
    errors: list[ContentError] = []
    seen: dict[str, Path] = {}
    for directory in directories:
        directory = Path(directory)
        builtin = _is_builtin_dir(directory)
        try:
            files = sorted(p for p in directory.glob("*.toml") if p.is_file())
        except OSError:
            continue
        for path in files:
            try:
                template, text = _load_file(path, builtin)
                if template.id in seen:
                    raise ContentError(
                        path, Locator(text).top("id"),
                        f"template id '{template.id}' is already used by {seen[template.id].name}",
                    )
            except ContentError as exc:
                errors.append(exc)
                continue
            seen[template.id] = path
            templates.append(template)
    return TemplateLoadResult(tuple(templates), tuple(errors))


def _load_file(path: Path, builtin: bool) -> tuple[Template, str]:
    try:
        data, text = read_toml(path)
    except RecursionError:
        # tomllib recurses on nested arrays and inline tables; a hostile or garbled file
        # must still be only "a bad file".
        raise ContentError(path, 0, "is not valid TOML: nested too deeply") from None
    return parse_template(data, text, path, builtin), text


# --- validation -------------------------------------------------------------------------


def parse_template(data: Mapping[str, Any], text: str, path: Path, builtin: bool) -> Template:
    """Validate parsed TOML ``data``; ``text`` is the raw file, used to name the bad line."""
    locate = Locator(text)

    def fail(line: int, message: str) -> ContentError:
        return ContentError(path, line, message)

    for key in data:
        if key not in _TEMPLATE_KEYS:
            raise fail(locate.top(key), f"unknown field '{key}' (expected one of: "
                       f"{', '.join(_TEMPLATE_KEYS)})")

    def top_string(key: str, required: bool = True) -> str:
        if key not in data:
            if required:
                raise fail(1, f"missing field '{key}'")
            return ""
        value = data[key]
        if not isinstance(value, str):
            raise fail(locate.top(key), f"'{key}' must be text")
        if required and not value.strip():
            raise fail(locate.top(key), f"'{key}' is empty")
        return value

    template_id = top_string("id")
    if not _ID.match(template_id):
        raise fail(locate.top("id"), f"template id '{template_id}' may contain only "
                   "letters, digits, '-' and '_'")
    name = top_string("name")
    purpose = top_string("purpose", required=False)
    kind = top_string("kind")
    if kind not in KINDS:
        raise fail(locate.top("kind"),
                   f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise fail(locate.top("version"), "'version' must be a whole number, 1 or more")

    raw_sections = data.get("sections")
    if raw_sections is None:
        raise fail(1, "missing [[sections]]: a template needs at least one section")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise fail(locate.top("sections"), "'sections' must be a list of [[sections]] tables")
    sections: list[Section] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_sections):
        section = _parse_section(raw, index, locate, fail)
        if section.id in seen:
            raise fail(locate.in_section(index, "id"),
                       f"section id '{section.id}' is used twice")
        seen.add(section.id)
        sections.append(section)
    return Template(
        id=template_id, name=name, purpose=purpose, kind=kind, version=version,
        sections=tuple(sections), path=Path(path), builtin=builtin,
        reviews_own_actions=template_flags.reviews_own(data, {s.type for s in sections},
                                                      locate.top, fail),
    )



def _parse_section(
    raw: Any, index: int, locate: Locator, fail: Callable[[int, str], ContentError]
) -> Section:
    start = locate.section_header(index)
    end = locate.headers[index + 1] if index + 1 < len(locate.headers) else len(locate.lines) + 1
    fields_at = FieldLines(locate.lines, start, end, locate._find)

    def parse_field(raw_field: Any, number: int, group: str, at: FieldLines) -> Section:
        return _parse_table(raw_field, f"{group}, field {number + 1}", at.header(number),
                            lambda key: at.key(number, key), fail, None)

    return _parse_table(raw, f"section {index + 1}", start,
                        lambda key: locate.in_section(index, key), fail,
                        lambda raw_group, label, line: groups.parse_group(
                            raw_group, label, start, line, fields_at, fail, parse_field))


def _parse_table(raw: Any, label: str, header: int, line: Callable[[str], int],
                 fail: Callable[[int, str], ContentError],
                 group: Callable[..., tuple[tuple, str]] | None) -> Section:
    """A section, or (``group`` None) one field of a group, which has its own keys."""
    if not isinstance(raw, dict):
        raise fail(header, f"{label} must be a table")
    allowed = _SECTION_KEYS if group is not None else groups.FIELD_KEYS
    for key in raw:
        if key not in allowed:
            raise fail(line(key), f"{label}: unknown field '{key}' "
                       f"(expected one of: {', '.join(allowed)})")

    def string(key: str, required: bool) -> str:
        if key not in raw:
            if required:
                raise fail(header, f"{label}: missing field '{key}'")
            return ""
        value = raw[key]
        if not isinstance(value, str):
            raise fail(line(key), f"{label}: '{key}' must be text")
        if required and not value.strip():
            raise fail(line(key), f"{label}: '{key}' is empty")
        return value

    def flag(key: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise fail(line(key), f"{label}: '{key}' must be true or false")
        return value

    section_id = string("id", required=True)
    if not _ID.match(section_id):
        what = "section id" if group is not None else f"{label}: id"
        raise fail(line("id"), f"{what} '{section_id}' may contain "
                   "only letters, digits, '-' and '_'")
    label = (f"section '{section_id}'" if group is not None
             else f"{label.rsplit(', field', 1)[0]}, field '{section_id}'")
    title = string("title", required=True)
    guidance = string("guidance", required=False)
    field_type = string("type", required=True)
    types = (*FIELD_TYPES, groups.GROUP) if group is not None else groups.GROUP_FIELD_TYPES
    if field_type not in types:
        raise fail(line("type"), f"{label}: unknown type '{field_type}' "
                   f"(expected one of: {', '.join(types)})")
    choices: tuple[str, ...] = ()
    if "choices" in raw:
        at = line("choices")
        value = raw["choices"]
        if field_type != "choice":
            raise fail(at, f"{label}: 'choices' only applies to type 'choice'")
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise fail(at, f"{label}: 'choices' must be a list of text")
        choices = tuple(value)
        if any(not c.strip() for c in choices):
            raise fail(at, f"{label}: a choice is empty")
        if len(set(choices)) != len(choices):
            raise fail(at, f"{label}: a choice is listed twice")
    if field_type == "choice" and not choices:
        raise fail(line("choices" if "choices" in raw else "type"),
                   f"{label}: type 'choice' needs a non-empty 'choices' list")
    audience = string("audience", required=False) or "all"
    if audience not in AUDIENCES:
        raise fail(line("audience"), f"{label}: unknown audience "
                   f"'{audience}' (expected one of: {', '.join(AUDIENCES)})")
    if audience != "all" and field_type in ("actions", "supervisee", groups.GROUP):
        raise fail(line("audience"), f"{label}: a '{field_type}' section "
                   "is shared with the supervisee, so its audience cannot be 'supervisor'")
    fields: tuple[Section, ...] = ()
    item = ""
    if field_type == groups.GROUP and group is not None:
        fields, item = group(raw, label, line)
    elif misplaced := next((k for k in groups.GROUP_KEYS if k in raw), None):
        raise fail(line(misplaced), f"{label}: '{misplaced}' only applies to type 'group'")
    note, child_file = flag("note"), flag("child_file")
    groups.check_field_flags(field_type, note, child_file, label, line, fail)
    return Section(
        id=section_id, title=title, guidance=guidance, type=field_type, choices=choices,
        sensitive=flag("sensitive"), case_notes=flag("case_notes"), required=flag("required"),
        audience=audience, fields=fields, item=item, note=note, child_file=child_file,
    )


# --- copying and saving -------------------------------------------------------------------


def slugify(name: str) -> str:
    """A template id from a display name: lower-case ASCII words joined by '_'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return slug[:60].rstrip("_") or "template"


def duplicate_template(template: Template, new_name: str, directory: Path | None = None) -> Path:
    """Write an editable copy of ``template`` under a new name and id; return its path.

    The copy goes to the user's templates folder (never beside the shipped file) with an id
    that no shipped or user template uses, so it loads alongside the original.
    """
    new_name = new_name.strip()
    if not new_name:
        raise ValueError("a copy needs a name")
    directory = Path(directory) if directory is not None else user_templates_dir()
    if _is_builtin_dir(directory):
        raise ValueError("copies are never written into the shipped templates folder")
    directory.mkdir(parents=True, exist_ok=True)
    taken = _taken_ids(directory)
    base = slugify(new_name)
    new_id, counter = base, 2
    while new_id in taken or (directory / f"{new_id}.toml").exists():
        new_id = f"{base}_{counter}"
        counter += 1
    path = directory / f"{new_id}.toml"
    copy = Template(
        id=new_id, name=new_name, purpose=template.purpose, kind=template.kind, version=1,
        sections=template.sections, path=path, builtin=False,
        reviews_own_actions=template.reviews_own_actions,
    )
    _write(copy, path, origin=template)
    return path


def save_template(template: Template, path: Path) -> None:
    """Write an edited user copy to ``path`` atomically; shipped templates are read-only.

    The text is validated exactly as the loader would before anything is written, so an
    edit can never leave a file that fails to load: invalid content raises ContentError, a
    shipped template or an id already in use raises ValueError, and the file is untouched.
    """
    path = Path(path)
    if template.builtin or _is_builtin_dir(path.parent):
        raise ValueError(
            f"'{template.name}' is a shipped template; duplicate it to make an editable copy"
        )
    for other in load_templates((builtin_templates_dir(), path.parent)).templates:
        if other.id == template.id and other.path.resolve() != path.resolve():
            raise ValueError(f"template id '{template.id}' is already used by {other.path.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(template, path)


def _taken_ids(directory: Path) -> set[str]:
    result = load_templates((builtin_templates_dir(), user_templates_dir(), directory))
    return {t.id for t in result.templates}


def _write(template: Template, path: Path, origin: Template | None = None) -> None:
    text = to_toml(template, origin)
    parse_template(tomllib.loads(text), text, path, builtin=False)  # raises ContentError
    atomic_write_text(path, text, mode=0o644)


def to_toml(template: Template, origin: Template | None = None) -> str:
    """The TOML text of ``template`` in the documented format (loads back equal)."""
    lines = ["# Reflect template: your own copy, safe to edit."]
    if origin is not None:
        lines.append(f"# Copied from {_comment(origin.name)} ({origin.path.name}).")
    lines.append("# The format is described at the top of the shipped one_to_one.toml.")
    lines += [
        "",
        f"id = {_string(template.id)}",
        f"name = {_string(template.name)}",
        f"purpose = {_string(template.purpose)}",
        f"kind = {_string(template.kind)}",
        f"version = {int(template.version)}",
    ]
    lines += ["reviews_own_actions = true"] if template.reviews_own_actions else []
    for section in template.sections:
        lines += [
            "",
            "[[sections]]",
            f"id = {_string(section.id)}",
            f"title = {_string(section.title)}",
            f"guidance = {_string(section.guidance)}",
            f"type = {_string(section.type)}",
        ]
        if section.choices:
            lines.append(f"choices = [{', '.join(_string(c) for c in section.choices)}]")
        for key in ("sensitive", "case_notes", "required"):
            if getattr(section, key):
                lines.append(f"{key} = true")
        if section.audience != "all":
            lines.append(f"audience = {_string(section.audience)}")
        if section.type == groups.GROUP:
            lines += [f"item = {_string(section.item)}"] if section.item else []
            lines += groups.fields_toml(section.fields, _string)
    return "\n".join(lines) + "\n"


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def _string(value: str) -> str:
    """A TOML basic string; control characters are escaped, everything else kept as is."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _comment(value: str) -> str:
    return "".join(c if c.isprintable() else " " for c in value)


# --- search text ------------------------------------------------------------------------


def section_text(template: Template, values: Mapping[str, Any]) -> str:
    """Flatten a record's section values into plain text for the full-text index.

    Covers text, supervisee and choice values and action descriptions, owners and outcomes,
    in template order. Values for sections the template no longer has are included too, so
    editing a template never makes old words unfindable. Dates, scales and yes/no add
    nothing worth searching. Never raises on odd values.
    """
    parts: list[str] = []
    known = set()
    for section in template.sections:
        known.add(section.id)
        if section.type in ("date", "scale", "yesno"):
            continue
        parts.extend(_value_text(values.get(section.id)))
    for key in sorted(k for k in values if isinstance(k, str) and k not in known):
        parts.extend(_value_text(values[key]))
    return "\n\n".join(p for p in parts if p)


def _value_text(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, (list, tuple)):
        found: list[str] = []
        for item in value:
            if isinstance(item, Mapping):
                for key in ("description", "owner", "outcome"):
                    text = item.get(key)
                    if isinstance(text, str):
                        found.append(text.strip())
            elif isinstance(item, str):
                found.append(item.strip())
        return found
    return []
